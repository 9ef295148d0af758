;;;; Content digests (asdf/digest): file identities, BLAKE3 digests, and
;;;; the records that say what an output was built from.

(in-package "CLOVE-TEST")

(defvar *dir* (make-scratch-directory "asdf-digest"))
(defun digest-file (name text)
  (let ((p (merge-pathnames name *dir*)))
    (with-open-file (o p :direction :output :if-exists :supersede) (write-string text o))
    (uiop:native-namestring p)))

;; BLAKE3's published test vectors.
(check blake3-empty (sys::%file-digest (digest-file "empty" ""))
       "af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262")
(check blake3-abc (sys::%file-digest (digest-file "abc" "abc"))
       "6437b3ac38465133ffb63b75273a8db548c558465d79db03fd359c6cd5bd9d85")
(check digest-of-missing-file (sys::%file-digest (uiop:native-namestring (merge-pathnames "nope" *dir*))) nil)
(check identity-size (first (sys::%file-identity (digest-file "five" "12345"))) 5)
(check identity-time-is-nanoseconds (> (second (sys::%file-identity (digest-file "five" "12345"))) (expt 10 18)) t)
(check identity-of-missing-file (sys::%file-identity (uiop:native-namestring (merge-pathnames "nope" *dir*))) nil)

(defvar *in* (digest-file "in.lisp" "(print 1)"))
(defvar *out* (merge-pathnames "out.fasl" *dir*))
(check record-pathname (pathname-type (asdf/digest:digest-record-pathname *out*)) "fasl-digests")
(check no-record-is-unknown (asdf/digest:digests-up-to-date-p *out* (list *in*)) :unknown)
(asdf/digest:record-digests *out* (list *in*))
(check record-matches (asdf/digest:digests-up-to-date-p *out* (list *in*)) t)
(check other-file-list-does-not-match
       (asdf/digest:digests-up-to-date-p *out* (list *in* (digest-file "more" "x"))) nil)
;; The same content rewritten (new time) still matches; another content does not.
(digest-file "in.lisp" "(print 1)")
(check same-content-new-date (asdf/digest:digests-up-to-date-p *out* (list *in*)) t)
(digest-file "in.lisp" "(print 2)")
(check changed-content (asdf/digest:digests-up-to-date-p *out* (list *in*)) nil)
;; A damaged record is no record: the dates decide.
(digest-file "out.fasl-digests" "(:files (garbage")
(check damaged-record-is-unknown (asdf/digest:digests-up-to-date-p *out* (list *in*)) :unknown)
(check digests-off (let ((asdf/digest:*use-digests* nil))
                     (asdf/digest:record-digests *out* (list *in*))
                     (asdf/digest:digests-up-to-date-p *out* (list *in*)))
       :unknown)
(digest-file "out.fasl-digests" "(:files ((\"a\" . 3) (\"b\" 1 2 \"d\")))")
(check malformed-record-is-unknown (asdf/digest:digests-up-to-date-p *out* (list *in*)) :unknown)
;; Records as RECORD-DIGESTS writes them are read by a primitive; one
;; written otherwise (here in lower case, with a comment) by the reader, to
;; the same effect.
(asdf/digest:record-digests *out* (list *in*))
(check record-read-quickly (asdf/digest::read-record (asdf/digest:digest-record-pathname *out*))
       (list (list* *in* (append (sys::%file-identity *in*) (list (sys::%file-digest *in*))))))
(let* ((record (asdf/digest:digest-record-pathname *out*))
       (text (uiop:read-file-string record)))
  (digest-file "out.fasl-digests" (format nil "; by hand~%~A" (string-downcase text :end 7))))
(check record-read-by-the-reader (asdf/digest:digests-up-to-date-p *out* (list *in*)) t)
(check unchanged-record-quick-path-still-sees-change
       (progn (asdf/digest:record-digests *out* (list *in*))
              (digest-file "in.lisp" "(print 3)")
              (asdf/digest:digests-up-to-date-p *out* (list *in*)))
       nil)

;;; What a record lists: the action's inputs, then the outputs of what it
;;; depends on, through actions without outputs; each file once, in the
;;; order first met (for a serial system, every earlier file's fasl).
(defvar *serial-dir* (make-scratch-directory "asdf-digest-serial"))
(dolist (name '("s1" "s2" "s3"))
  (with-open-file (o (merge-pathnames (format nil "~A.lisp" name) *serial-dir*) :direction :output :if-exists :supersede)
    (format o "(defun ~A-f () 1)~%" name)))
(with-open-file (o (merge-pathnames "digest-serial.asd" *serial-dir*) :direction :output :if-exists :supersede)
  (write-string "(defsystem \"digest-serial\" :serial t :components ((:file \"s1\") (:file \"s2\") (:file \"s3\")))" o))
(asdf:load-asd (merge-pathnames "digest-serial.asd" *serial-dir*))
(check influencing-files-serial
       (asdf/session:with-asdf-session ()
         (let* ((system (asdf:find-system "digest-serial"))
                (compile (asdf:make-operation 'asdf:compile-op))
                (files (asdf/plan::influencing-files compile (asdf:find-component system "s3")))
                (fasl (lambda (name)
                        (uiop:native-namestring
                         (first (asdf:output-files compile (asdf:find-component system name)))))))
           (list (equal (first files) (uiop:native-namestring (merge-pathnames "s3.lisp" *serial-dir*)))
                 (= (length files) (length (remove-duplicates files :test #'equal)))
                 (every #'stringp files)
                 (and (member (funcall fasl "s1") files :test #'equal)
                      (member (funcall fasl "s2") files :test #'equal)
                      t))))
       '(t t t t))
