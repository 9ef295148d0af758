;;;; Gray streams: user-defined stream classes (the protocol of David
;;;; Gray's proposal, as SBCL's SB-GRAY and trivial-gray-streams have it).
;;;; The FUNDAMENTAL-... classes have the built-in class STREAM among their
;;;; superclasses, so their instances are streams; the standard stream
;;;; functions, given one, call the generic functions below (Rust side:
;;;; crates/runtime/src/streams/gray.rs). CLOSE, OPEN-STREAM-P,
;;;; STREAM-ELEMENT-TYPE, INPUT-STREAM-P, OUTPUT-STREAM-P and
;;;; INTERACTIVE-STREAM-P become generic functions.

(in-package "CLOVE-SYSTEM")

(defpackage "CLOVE-GRAY"
  (:use)
  (:export "FUNDAMENTAL-STREAM" "FUNDAMENTAL-INPUT-STREAM" "FUNDAMENTAL-OUTPUT-STREAM"
           "FUNDAMENTAL-CHARACTER-STREAM" "FUNDAMENTAL-BINARY-STREAM"
           "FUNDAMENTAL-CHARACTER-INPUT-STREAM" "FUNDAMENTAL-CHARACTER-OUTPUT-STREAM"
           "FUNDAMENTAL-BINARY-INPUT-STREAM" "FUNDAMENTAL-BINARY-OUTPUT-STREAM"
           "STREAM-READ-CHAR" "STREAM-UNREAD-CHAR" "STREAM-READ-CHAR-NO-HANG" "STREAM-PEEK-CHAR"
           "STREAM-LISTEN" "STREAM-READ-LINE" "STREAM-CLEAR-INPUT" "STREAM-WRITE-CHAR"
           "STREAM-LINE-COLUMN" "STREAM-LINE-LENGTH" "STREAM-START-LINE-P" "STREAM-WRITE-STRING"
           "STREAM-TERPRI" "STREAM-FRESH-LINE" "STREAM-FINISH-OUTPUT" "STREAM-FORCE-OUTPUT"
           "STREAM-CLEAR-OUTPUT" "STREAM-ADVANCE-TO-COLUMN" "STREAM-READ-BYTE" "STREAM-WRITE-BYTE"
           "STREAM-READ-SEQUENCE" "STREAM-WRITE-SEQUENCE" "STREAM-FILE-POSITION"))

;;; The symbols belong to CLOVE-GRAY (so they print as CLOVE-GRAY:...) and
;;; are present in CLOVE-SYSTEM, where this file and the Rust side name them.
(do-external-symbols (s "CLOVE-GRAY") (import s "CLOVE-SYSTEM"))

;;; --- The classes

(defmethod validate-superclass ((class standard-class) (superclass built-in-class))
  (or (eq superclass (find-class 'stream)) (call-next-method)))

(defclass fundamental-stream (standard-object stream)
  ((open-p :initform t :accessor %gray-open-p)))
(defclass fundamental-input-stream (fundamental-stream) ())
(defclass fundamental-output-stream (fundamental-stream) ())
(defclass fundamental-character-stream (fundamental-stream) ())
(defclass fundamental-binary-stream (fundamental-stream) ())
(defclass fundamental-character-input-stream (fundamental-input-stream fundamental-character-stream) ())
(defclass fundamental-character-output-stream (fundamental-output-stream fundamental-character-stream) ())
(defclass fundamental-binary-input-stream (fundamental-input-stream fundamental-binary-stream) ())
(defclass fundamental-binary-output-stream (fundamental-output-stream fundamental-binary-stream) ())

;;; --- Standard functions that become generic

(defun %ansi-stream-call (name fn stream &rest args)
  ;; The method for built-in streams; an instance of a class under STREAM
  ;; that has no method of its own gets NO-APPLICABLE-METHOD.
  (if (%gray-stream-p stream)
      (apply #'no-applicable-method (fdefinition name) stream args)
      (apply fn stream args)))

(setf (fdefinition '%ansi-close) #'close)
(fmakunbound 'close)
(defgeneric close (stream &key abort))
(defmethod close ((stream t) &rest args &key abort)
  ;; The built-in CLOSE checks the keyword arguments.
  (declare (ignore abort))
  (apply #'%ansi-stream-call 'close #'%ansi-close stream args))
(defmethod close ((stream fundamental-stream) &key abort)
  (declare (ignore abort))
  (setf (%gray-open-p stream) nil)
  t)

(defmacro %stream-generic (name)
  ;; NAME, a one-argument primitive on streams, becomes a generic function
  ;; whose method on T calls the primitive (kept as %ANSI-NAME).
  (let ((ansi (intern (concatenate 'string "%ANSI-" (symbol-name name)) "CLOVE-SYSTEM")))
    `(progn
       (setf (fdefinition ',ansi) #',name)
       (fmakunbound ',name)
       (defgeneric ,name (stream))
       (defmethod ,name ((stream t))
         (%ansi-stream-call ',name #',ansi stream)))))

(%stream-generic open-stream-p)
(defmethod open-stream-p ((stream fundamental-stream))
  (%gray-open-p stream))

(%stream-generic stream-element-type)
(defmethod stream-element-type ((stream fundamental-character-stream))
  'character)

(%stream-generic input-stream-p)
(defmethod input-stream-p ((stream fundamental-stream)) nil)
(defmethod input-stream-p ((stream fundamental-input-stream)) t)

(%stream-generic output-stream-p)
(defmethod output-stream-p ((stream fundamental-stream)) nil)
(defmethod output-stream-p ((stream fundamental-output-stream)) t)

(%stream-generic interactive-stream-p)
(defmethod interactive-stream-p ((stream fundamental-stream)) nil)

;;; --- Character input

(defgeneric stream-read-char (stream))
(defgeneric stream-unread-char (stream character))

(defgeneric stream-read-char-no-hang (stream))
(defmethod stream-read-char-no-hang ((stream fundamental-character-input-stream))
  (stream-read-char stream))

(defgeneric stream-peek-char (stream))
(defmethod stream-peek-char ((stream fundamental-character-input-stream))
  (let ((char (stream-read-char stream)))
    (unless (eq char :eof)
      (stream-unread-char stream char))
    char))

(defgeneric stream-listen (stream))
(defmethod stream-listen ((stream fundamental-character-input-stream))
  (let ((char (stream-read-char-no-hang stream)))
    (when (characterp char)
      (stream-unread-char stream char)
      t)))

(defgeneric stream-read-line (stream))
(defmethod stream-read-line ((stream fundamental-character-input-stream))
  ;; The line and whether end of file ended it.
  (let ((line (make-string-output-stream)))
    (loop
      (let ((char (stream-read-char stream)))
        (cond ((eq char :eof) (return (values (get-output-stream-string line) t)))
              ((char= char #\Newline) (return (values (get-output-stream-string line) nil)))
              (t (write-char char line)))))))

(defgeneric stream-clear-input (stream))
(defmethod stream-clear-input ((stream fundamental-character-input-stream)) nil)

;;; --- Character output

(defgeneric stream-write-char (stream character))

(defgeneric stream-line-column (stream))
(defmethod stream-line-column ((stream fundamental-character-output-stream)) nil)

(defgeneric stream-line-length (stream))
(defmethod stream-line-length ((stream fundamental-character-output-stream)) nil)

(defgeneric stream-start-line-p (stream))
(defmethod stream-start-line-p ((stream fundamental-character-output-stream))
  (eql (stream-line-column stream) 0))

(defgeneric stream-write-string (stream string &optional start end))
(defmethod stream-write-string ((stream fundamental-character-output-stream) string &optional start end)
  (do ((i (or start 0) (1+ i))
       (end (or end (length string))))
      ((>= i end) string)
    (stream-write-char stream (char string i))))

(defgeneric stream-terpri (stream))
(defmethod stream-terpri ((stream fundamental-character-output-stream))
  (stream-write-char stream #\Newline))

(defgeneric stream-fresh-line (stream))
(defmethod stream-fresh-line ((stream fundamental-character-output-stream))
  (unless (stream-start-line-p stream)
    (stream-terpri stream)
    t))

(defgeneric stream-advance-to-column (stream column))
(defmethod stream-advance-to-column ((stream fundamental-character-output-stream) column)
  (let ((current (stream-line-column stream)))
    (when current
      (dotimes (i (- column current))
        (stream-write-char stream #\Space))
      t)))

(defgeneric stream-finish-output (stream))
(defmethod stream-finish-output ((stream fundamental-output-stream)) nil)
(defgeneric stream-force-output (stream))
(defmethod stream-force-output ((stream fundamental-output-stream)) nil)
(defgeneric stream-clear-output (stream))
(defmethod stream-clear-output ((stream fundamental-output-stream)) nil)

;;; --- Binary streams, sequences, positions

;;; READ-SEQUENCE and WRITE-SEQUENCE (09-open.lisp) call these on a Gray stream.
(defun %gray-read-sequence (stream sequence start end)
  (stream-read-sequence stream sequence start end))
(defun %gray-write-sequence (stream sequence start end)
  (stream-write-sequence stream sequence start end))

(defgeneric stream-read-byte (stream))
(defgeneric stream-write-byte (stream integer))

(defun %gray-read-elements (stream sequence start end read)
  ;; Fills SEQUENCE from START with what READ returns until :EOF; the
  ;; index of the first element not filled.
  (do ((i (or start 0) (1+ i))
       (end (or end (length sequence))))
      ((>= i end) end)
    (let ((x (funcall read stream)))
      (when (eq x :eof) (return i))
      (setf (elt sequence i) x))))

(defgeneric stream-read-sequence (stream sequence &optional start end))
(defmethod stream-read-sequence ((stream fundamental-character-input-stream) (sequence sequence) &optional start end)
  (%gray-read-elements stream sequence start end #'stream-read-char))
(defmethod stream-read-sequence ((stream fundamental-binary-input-stream) (sequence sequence) &optional start end)
  (%gray-read-elements stream sequence start end #'stream-read-byte))

(defun %gray-write-elements (stream sequence start end write)
  (do ((i (or start 0) (1+ i))
       (end (or end (length sequence))))
      ((>= i end) sequence)
    (funcall write stream (elt sequence i))))

(defgeneric stream-write-sequence (stream sequence &optional start end))
(defmethod stream-write-sequence ((stream fundamental-character-output-stream) (sequence sequence) &optional start end)
  (if (stringp sequence)
      (progn (stream-write-string stream sequence (or start 0) end) sequence)
      (%gray-write-elements stream sequence start end #'stream-write-char)))
(defmethod stream-write-sequence ((stream fundamental-binary-output-stream) (sequence sequence) &optional start end)
  (%gray-write-elements stream sequence start end #'stream-write-byte))

(defgeneric stream-file-position (stream &optional position-spec))
(defmethod stream-file-position ((stream fundamental-stream) &optional position-spec)
  (declare (ignore position-spec))
  nil)
