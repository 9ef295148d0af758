;;;; Gray streams (package CLOVE-GRAY): user-defined stream classes used
;;;; through the standard stream functions, the printer, FORMAT and the
;;;; reader, and inside composite streams. Expected values are SBCL's
;;;; (SB-GRAY).

(in-package "CLOVE-TEST")

;;; --- Three streams: characters from a string, characters into a string
;;; with column tracking, and bytes in a vector.

(defclass counting-input (clove-gray:fundamental-character-input-stream)
  ((text :initarg :text)
   (pos :initform 0)
   (reads :initform 0 :reader reads)))

(defmethod clove-gray:stream-read-char ((s counting-input))
  (with-slots (text pos reads) s
    (incf reads)
    (if (< pos (length text))
        (prog1 (char text pos) (incf pos))
        :eof)))

(defmethod clove-gray:stream-unread-char ((s counting-input) char)
  (declare (ignore char))
  (decf (slot-value s 'pos))
  nil)

(defun input (text) (make-instance 'counting-input :text text))

(defclass collecting-output (clove-gray:fundamental-character-output-stream)
  ((buffer :initform (make-string-output-stream))
   (column :initform 0)
   (finished :initform nil :accessor finished)))

(defmethod clove-gray:stream-write-char ((s collecting-output) char)
  (write-char char (slot-value s 'buffer))
  (setf (slot-value s 'column) (if (char= char #\Newline) 0 (1+ (slot-value s 'column))))
  char)

(defmethod clove-gray:stream-line-column ((s collecting-output))
  (slot-value s 'column))

(defmethod clove-gray:stream-finish-output ((s collecting-output))
  (push :finish (finished s))
  nil)

(defmethod clove-gray:stream-force-output ((s collecting-output))
  (push :force (finished s))
  nil)

(defun output () (make-instance 'collecting-output))
(defun collected (s) (get-output-stream-string (slot-value s 'buffer)))

(defclass byte-stream (clove-gray:fundamental-binary-input-stream clove-gray:fundamental-binary-output-stream)
  ((bytes :initform (make-array 0 :adjustable t :fill-pointer t) :reader bytes)
   (pos :initform 0)))

(defmethod clove-gray:stream-read-byte ((s byte-stream))
  (with-slots (bytes pos) s
    (if (< pos (length bytes))
        (prog1 (aref bytes pos) (incf pos))
        :eof)))

(defmethod clove-gray:stream-write-byte ((s byte-stream) byte)
  (vector-push-extend byte (bytes s))
  byte)

(defmethod stream-element-type ((s byte-stream)) '(unsigned-byte 8))

(defmethod clove-gray:stream-file-position ((s byte-stream) &optional position)
  (if position
      (setf (slot-value s 'pos) position)
      (slot-value s 'pos)))

;;; --- Types and predicates

(check gray-streamp (streamp (input "")) t)
(check gray-typep-stream (typep (output) 'stream) t)
(check gray-class-precedence
       (member 'stream (mapcar #'class-name (clove-mop:class-precedence-list (find-class 'counting-input))))
       '(stream t))
(check gray-subtypep (multiple-value-list (subtypep 'clove-gray:fundamental-stream 'stream)) '(t t))
(check gray-not-string-stream (typep (input "") 'string-stream) nil)
(check gray-input-predicates
       (let ((s (input ""))) (list (input-stream-p s) (output-stream-p s) (interactive-stream-p s)))
       '(t nil nil))
(check gray-output-predicates (let ((s (output))) (list (input-stream-p s) (output-stream-p s))) '(nil t))
(check gray-element-type
       (list (stream-element-type (input "")) (stream-element-type (make-instance 'byte-stream)))
       '(character (unsigned-byte 8)))
(check gray-close
       (let ((s (input "x"))) (list (open-stream-p s) (close s) (open-stream-p s)))
       '(t t nil))
(check gray-close-abort (close (output) :abort t) t)
(check generic-close (typep #'close 'generic-function) t)
(check close-specializable
       (progn (defmethod close :after ((s collecting-output) &key abort)
                (declare (ignore abort))
                (push :closed (finished s)))
              (let ((s (output))) (close s) (finished s)))
       '(:closed))

;;; --- Character input

(check gray-read-char (let ((s (input "ab"))) (list (read-char s) (read-char s) (read-char s nil :end))) '(#\a #\b :end))
(check-error gray-read-char-eof (read-char (input "")) end-of-file)
(check gray-eof-stream
       (let ((s (input "")))
         (handler-case (read-char s) (end-of-file (e) (eq (stream-error-stream e) s))))
       t)
(check gray-unread-peek
       (let ((s (input "xyz")))
         (list (read-char s) (unread-char #\x s) (read-char s) (peek-char nil s) (read-char s)))
       '(#\x nil #\x #\y #\y))
(check gray-peek-skip-whitespace (let ((s (input "   q"))) (list (peek-char t s) (read-char s))) '(#\q #\q))
(check gray-peek-to-char (let ((s (input "abcd"))) (list (peek-char #\c s) (read-char s))) '(#\c #\c))
(check gray-peek-eof (peek-char nil (input "") nil :none) :none)
(check gray-read-char-no-hang (let ((s (input "k"))) (list (read-char-no-hang s) (read-char-no-hang s nil :e))) '(#\k :e))
(check gray-listen (let ((s (input "k"))) (list (listen s) (read-char s) (listen s))) '(t #\k nil))
(check gray-clear-input (clear-input (input "abc")) nil)
(check-values gray-read-line (read-line (input (format nil "one~%two"))) "one" nil)
(check-values gray-read-line-last (let ((s (input (format nil "one~%two")))) (read-line s) (read-line s)) "two" t)
(check-values gray-read-line-eof-value (read-line (input "") nil :done) :done t)
(check-error gray-read-line-eof (read-line (input "")) end-of-file)
(check gray-read-counts-chars (let ((s (input "abc"))) (read-line s) (reads s)) 4)
(check gray-read-sequence
       (let ((s (input "hello")) (v (make-string 7 :initial-element #\.)))
         (list (read-sequence v s :start 1) v))
       '(6 ".hello."))
(check gray-read
       (let ((s (input "(a \"b\" 3) #\\c next")))
         (list (read s) (read s) (read s) (read s nil :eof)))
       '((a "b" 3) #\c next :eof))
(check-error gray-read-eof (read (input "  ")) end-of-file)
(check gray-read-from-reader-macro
       (let ((*readtable* (copy-readtable)))
         (set-macro-character #\! (lambda (stream char)
                                    (declare (ignore char))
                                    (list :bang (typep stream 'counting-input) (read-char stream))))
         (read (input "!z")))
       '(:bang t #\z))

;;; --- Character output

(check gray-write-char (let ((s (output))) (list (write-char #\a s) (collected s))) '(#\a "a"))
(check gray-write-string
       (let ((s (output))) (list (write-string "hello" s :start 1 :end 3) (collected s)))
       '("hello" "el"))
(check gray-write-line (let ((s (output))) (write-line "ab" s) (collected s)) (format nil "ab~%"))
(defclass marked-newlines (collecting-output) ())
(defmethod clove-gray:stream-terpri ((s marked-newlines))
  (write-string "<nl>" s))
(check gray-own-terpri
       (let ((s (make-instance 'marked-newlines)))
         (write-line "ab" s) (terpri s)
         (collected s))
       (format nil "ab~%<nl>"))
(check gray-terpri-fresh-line
       (let ((s (output)))
         (list (fresh-line s) (write-string "x" s) (fresh-line s) (fresh-line s) (terpri s) (collected s)))
       (list nil "x" t nil nil (format nil "x~%~%")))
(check gray-finish-force
       (let ((s (output))) (list (finish-output s) (force-output s) (clear-output s) (finished s)))
       '(nil nil nil (:force :finish)))
(check gray-write-sequence
       (let ((s (output))) (list (write-sequence "abcd" s :start 2) (write-sequence '(#\x #\y) s) (collected s)))
       '("abcd" (#\x #\y) "cdxy"))
(check gray-format
       (let ((s (output))) (list (format s "~a-~s~%~a~8t|~&~a" 1 "two" "ab" 'end) (collected s)))
       (list nil (format nil "1-\"two\"~%ab      |~%END")))
(check gray-print-functions
       (let ((s (output)))
         (print 'x s) (prin1 "q" s) (princ "r" s) (write 12 :stream s :base 2) (pprint '(a b) s)
         (collected s))
       (format nil "~%X \"q\"r1100~%(A B)"))
(check gray-standard-output
       (let ((s (output)))
         (let ((*standard-output* s))
           (print :hi)
           (format t " ~d" 42)
           (write-char #\!)
           (terpri))
         (collected s))
       (format nil "~%:HI  42!~%"))
(check gray-print-object-gets-stream
       (progn
         (defclass gray-printed () ())
         (defmethod print-object ((o gray-printed) stream)
           (format stream "<~a>" (type-of stream)))
         (let ((s (output))) (prin1 (make-instance 'gray-printed) s) (collected s)))
       "<COLLECTING-OUTPUT>")
(check gray-advance-to-column
       (let ((s (output))) (write-string "ab" s) (clove-gray:stream-advance-to-column s 5) (write-char #\| s) (collected s))
       "ab   |")
(check gray-line-length (clove-gray:stream-line-length (output)) nil)

;;; --- Composite streams around Gray streams

(defvar *gray-target* nil)
(check gray-broadcast
       (let* ((a (output)) (b (output)) (bc (make-broadcast-stream a b)))
         (format bc "hi~%")
         (finish-output bc)
         (list (collected a) (collected b) (finished a)))
       (list (format nil "hi~%") (format nil "hi~%") '(:finish)))
(check gray-two-way
       (let* ((in (input "in")) (out (output)) (tw (make-two-way-stream in out)))
         (write-string (read-line tw) tw)
         (collected out))
       "in")
(check gray-synonym
       (let* ((*gray-target* (output)) (syn (make-synonym-stream '*gray-target*)))
         (write-string "syn" syn)
         (list (output-stream-p syn) (input-stream-p syn) (collected *gray-target*)))
       '(t nil "syn"))
(check gray-echo
       (let* ((out (output)) (e (make-echo-stream (input "abc") out)))
         (list (read-char e) (read-char e) (collected out)))
       '(#\a #\b "ab"))
(check gray-concatenated
       (let ((c (make-concatenated-stream (input "ab") (input "cd"))))
         (read-line c))
       "abcd")
;; (SBCL's compiler drops this call, whose value is unused, when the file is
;; loaded; called alone it signals the TYPE-ERROR too.)
(check-error gray-two-way-needs-output
             (two-way-stream-output-stream (make-two-way-stream (input "") (input "")))
             type-error)

;;; --- Binary streams

(check gray-write-byte (let ((s (make-instance 'byte-stream))) (list (write-byte 7 s) (coerce (bytes s) 'list))) '(7 (7)))
(check gray-read-byte
       (let ((s (make-instance 'byte-stream)))
         (write-sequence #(1 2 3) s)
         (list (read-byte s) (read-byte s) (read-byte s) (read-byte s nil :eof)))
       '(1 2 3 :eof))
(check-error gray-read-byte-eof (read-byte (make-instance 'byte-stream)) end-of-file)
(check gray-binary-sequences
       (let ((s (make-instance 'byte-stream)) (v (make-array 5 :initial-element 0)))
         (write-sequence '(9 8 7 6) s :end 3)
         (list (read-sequence v s :start 1) (coerce v 'list)))
       '(4 (0 9 8 7 0)))
(check gray-file-position
       (let ((s (make-instance 'byte-stream)))
         (write-sequence #(5 6 7) s)
         (list (file-position s) (read-byte s) (file-position s) (file-position s 0) (read-byte s)))
       '(0 5 1 0 5))
(check gray-file-position-default (file-position (input "abc")) nil)

;;; --- Errors

(defclass no-methods-input (clove-gray:fundamental-character-input-stream) ())
(defclass no-methods-output (clove-gray:fundamental-output-stream) ())

(check gray-missing-read-char
       (handler-case (read-char (make-instance 'no-methods-input))
         (error (e) (and (search "no applicable method" (string-downcase (princ-to-string e))) t)))
       t)
(check-error gray-missing-read-line (read-line (make-instance 'no-methods-input)) error)
(check-error gray-missing-write-char (write-char #\a (make-instance 'no-methods-output)) error)
(check-error gray-char-on-binary (read-char (make-instance 'byte-stream)) error)
(check-error gray-byte-on-character (read-byte (input "a")) error)
(check-error gray-missing-element-type (stream-element-type (make-instance 'no-methods-output)) error)
(check-error gray-bad-read-char-result
             (progn (defclass bad-input (clove-gray:fundamental-character-input-stream) ())
                    (defmethod clove-gray:stream-read-char ((s bad-input)) 42)
                    (read-char (make-instance 'bad-input)))
             error)
(check-error close-not-a-stream (close 3) type-error)
(check-error read-char-not-a-stream (read-char (make-instance 'standard-object)) type-error)

;;; A method that calls the standard function on its own stream recurses;
;;; that ends in a storage-condition, not a crash.
(defclass self-writing-output (clove-gray:fundamental-character-output-stream) ())
(defmethod clove-gray:stream-write-char ((s self-writing-output) char)
  (write-char char s))
(check-error gray-runaway-method (write-char #\a (make-instance 'self-writing-output)) storage-condition)

;;; WRITE-STRING and WRITE-LINE pass the whole string and its bounds to
;;; STREAM-WRITE-STRING (then WRITE-LINE a newline character), as SBCL does.
(defclass string-call-log (clove-gray:fundamental-character-output-stream)
  ((calls :initform nil :accessor string-calls)))
(defmethod clove-gray:stream-write-string ((s string-call-log) string &optional start end)
  (push (list string start end) (string-calls s))
  string)
(defmethod clove-gray:stream-write-char ((s string-call-log) c)
  (push c (string-calls s))
  c)
(check gray-write-string-bounds
       (let ((s (make-instance 'string-call-log)))
         (list (write-string "hello" s :start 1 :end 3)
               (write-line "abc" s :start 1)
               (write-string "xyz" s)
               (reverse (string-calls s))))
       '("hello" "abc" "xyz" (("hello" 1 3) ("abc" 1 3) #\Newline ("xyz" 0 3))))
(check gray-write-string-bad-bounds
       (handler-case (write-string "abc" (make-instance 'string-call-log) :start 2 :end 1)
         (type-error () :type-error))
       :type-error)
