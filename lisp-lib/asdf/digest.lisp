;;;; Content digests (clove's addition to ASDF's build model): beside the
;;;; outputs of each action, a record of the files it was built from (its
;;;; input files, and the outputs of the actions it depends on), each with
;;;; its size, modification time and BLAKE3 digest. The plan trusts the
;;;; record over the dates: a file whose date changed but whose content did
;;;; not (touch, git checkout, a copy) rebuilds nothing, and a changed
;;;; content rebuilds whatever the dates say. A file whose size and time are
;;;; those recorded is not read again.

(uiop:define-package :asdf/digest
  (:use :uiop/common-lisp :uiop :asdf/upgrade :asdf/session)
  (:export #:*use-digests* #:digest-record-pathname #:digests-up-to-date-p
   #:record-digests #:forget-file))

(in-package :asdf/digest)

(defvar *use-digests* t
  "Whether builds record the digests of what each output was built from and trust
them over file dates. NIL: dates alone decide, as in ASDF.")

(defun digest-record-pathname (output)
  "Where the record of what OUTPUT was built from is kept: beside it, its type
followed by -digests."
  (make-pathname :type (strcat (or (pathname-type output) "") "-digests") :defaults output))

(defun native-name (file)
  "FILE's native namestring: FILE itself when it is a string, as the names of
INFLUENCING-FILES and of records are."
  (if (stringp file) file (native-namestring file)))

(defun file-identity (file)
  "FILE's size and modification time (nanoseconds), read once per session; NIL if missing."
  (let ((name (native-name file)))
    (do-asdf-cache (list 'file-identity name)
      (clove-system::%file-identity name))))

(defun file-digest (file)
  "The BLAKE3 digest of FILE's content, read once per session; NIL if missing."
  (let ((name (native-name file)))
    (do-asdf-cache (list 'file-digest name (file-identity file))
      (clove-system::%file-digest name))))

(defun forget-file (file)
  "Forgets what the session knows of FILE's identity: it was just written."
  (unset-asdf-cache-entry (list 'file-identity (native-name file))))

(defun describe-file (name)
  "The entry of a record for the file NAME: its name, size, time and digest."
  (let ((identity (file-identity name)))
    (when identity
      (list* name (append identity (list (file-digest name)))))))

(defun record-digests (output files)
  "Writes the record that OUTPUT (an action's first output) was just built from
FILES (native namestrings). A record that cannot be written is no error: the plan
then goes by dates alone."
  (when *use-digests*
    (let ((entries (mapcar #'describe-file files))
          (record (digest-record-pathname output)))
      (ignore-errors
       (if (member nil entries)
           (delete-file-if-exists record)
           (with-staging-pathname (staging record)
             (with-output-file (s staging :if-exists :supersede)
               (with-standard-io-syntax
                 (let ((*print-readably* nil))
                   (prin1 (list :files entries) s)
                   (terpri s))))))))))

(defun entry-unchanged-p (entry)
  "Whether the recorded file still has the recorded content: the same size and
time, or else the same digest."
  (destructuring-bind (name size time digest) entry
    (let ((identity (file-identity name)))
      (and identity
           (or (equal identity (list size time))
               (equal (file-digest name) digest))))))

(defun digests-up-to-date-p (output files)
  "Whether the record beside OUTPUT says it was built from FILES (native
namestrings, in this order) with the contents they have now: T or NIL; :UNKNOWN
when there is no usable record (then dates decide)."
  (if (not *use-digests*)
      :unknown
      (let ((entries (read-record (digest-record-pathname output))))
        (cond ((eq entries :unknown) :unknown)
              ((and (equal (mapcar #'first entries) files)
                    (every #'entry-unchanged-p entries))
               t)
              (t nil)))))

(defun read-record (record)
  "The entries of the record file RECORD, each (name size time digest), or :UNKNOWN
when there is none or it is malformed. A record as RECORD-DIGESTS writes it is read
by a primitive; anything else goes through the Lisp reader."
  (let ((quick (clove-system::%read-digest-record (native-namestring record))))
    (if (listp quick)
        quick
        (let* ((form (ignore-errors
                      (with-standard-io-syntax
                        (let ((*read-eval* nil))
                          (read-file-form record)))))
               (entries (and (consp form) (eq (first form) :files) (second form))))
          (if (and (consp form) (eq (first form) :files) (listp entries)
                   (ignore-errors (list-length entries))
                   (every (lambda (e)
                            (and (ignore-errors (eql (list-length e) 4)) (stringp (first e))))
                          entries))
              entries
              :unknown)))))
