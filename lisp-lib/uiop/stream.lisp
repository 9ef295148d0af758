;;;; UIOP/STREAM: the process's standard streams, encodings, safe reading
;;;; syntax, stream designators (WITH-INPUT, WITH-OUTPUT), reading whole
;;;; files and streams (as a string, lines or forms), copying, temporary
;;;; files, and the write-then-rename idiom (WITH-STAGING-PATHNAME) that
;;;; keeps outputs whole.

(uiop/package:define-package "UIOP/STREAM"
  (:use "UIOP/COMMON-LISP" "UIOP/PACKAGE" "UIOP/UTILITY" "UIOP/OS" "UIOP/PATHNAME" "UIOP/FILESYSTEM")
  (:export
   "*DEFAULT-STREAM-ELEMENT-TYPE*" "*STDIN*" "SETUP-STDIN" "*STDOUT*" "SETUP-STDOUT"
   "*STDERR*" "SETUP-STDERR" "DETECT-ENCODING" "*ENCODING-DETECTION-HOOK*" "ALWAYS-DEFAULT-ENCODING"
   "ENCODING-EXTERNAL-FORMAT" "*ENCODING-EXTERNAL-FORMAT-HOOK*" "DEFAULT-ENCODING-EXTERNAL-FORMAT"
   "*DEFAULT-ENCODING*" "*UTF-8-EXTERNAL-FORMAT*"
   "WITH-SAFE-IO-SYNTAX" "CALL-WITH-SAFE-IO-SYNTAX" "SAFE-READ-FROM-STRING"
   "WITH-OUTPUT" "OUTPUT-STRING" "WITH-INPUT" "INPUT-STRING"
   "WITH-INPUT-FILE" "CALL-WITH-INPUT-FILE" "WITH-OUTPUT-FILE" "CALL-WITH-OUTPUT-FILE"
   "NULL-DEVICE-PATHNAME" "CALL-WITH-NULL-INPUT" "WITH-NULL-INPUT"
   "CALL-WITH-NULL-OUTPUT" "WITH-NULL-OUTPUT"
   "FINISH-OUTPUTS" "FORMAT!" "SAFE-FORMAT!"
   "COPY-STREAM-TO-STREAM" "CONCATENATE-FILES" "COPY-FILE"
   "SLURP-STREAM-STRING" "SLURP-STREAM-LINES" "SLURP-STREAM-LINE"
   "SLURP-STREAM-FORMS" "SLURP-STREAM-FORM"
   "READ-FILE-STRING" "READ-FILE-LINE" "READ-FILE-LINES" "SAFE-READ-FILE-LINE"
   "READ-FILE-FORMS" "READ-FILE-FORM" "SAFE-READ-FILE-FORM"
   "EVAL-INPUT" "EVAL-THUNK" "STANDARD-EVAL-THUNK"
   "PRINTLN" "WRITELN"
   "FILE-STREAM-P" "FILE-OR-SYNONYM-STREAM-P"
   "*TEMPORARY-DIRECTORY*" "TEMPORARY-DIRECTORY" "DEFAULT-TEMPORARY-DIRECTORY"
   "SETUP-TEMPORARY-DIRECTORY"
   "CALL-WITH-TEMPORARY-FILE" "WITH-TEMPORARY-FILE"
   "ADD-PATHNAME-SUFFIX" "TMPIZE-PATHNAME"
   "CALL-WITH-STAGING-PATHNAME" "WITH-STAGING-PATHNAME"))

(in-package "UIOP/STREAM")

;;; --- The process's own streams

(defvar *default-stream-element-type* :default
  "The element type of the streams UIOP opens unless told otherwise
(:DEFAULT: characters).")

(defvar *stdin* sys::*stdin* "The process's standard input.")
(defvar *stdout* sys::*stdout* "The process's standard output.")
(defvar *stderr* sys::*stderr* "The process's standard error.")

(defun setup-stdin () (setf *stdin* sys::*stdin*))
(defun setup-stdout () (setf *stdout* sys::*stdout*))
(defun setup-stderr () (setf *stderr* sys::*stderr*))

;;; --- Encodings

(defparameter *default-encoding* :utf-8
  "The encoding of source files: :UTF-8 unless an extension says otherwise.")

(defparameter *utf-8-external-format* :utf-8
  "The external format that reads and writes UTF-8.")

(defun always-default-encoding (pathname)
  "An encoding detector that always answers *DEFAULT-ENCODING*."
  (declare (ignore pathname))
  *default-encoding*)

(defvar *encoding-detection-hook* #'always-default-encoding
  "The function DETECT-ENCODING calls on an existing file.")

(defun detect-encoding (pathname)
  "The encoding of the file PATHNAME, as *ENCODING-DETECTION-HOOK* tells."
  (if (and pathname (not (directory-pathname-p pathname)) (probe-file* pathname))
      (funcall *encoding-detection-hook* pathname)
      *default-encoding*))

(defun default-encoding-external-format (encoding)
  "The external format for ENCODING: :UTF-8 and :DEFAULT are known, as are
the encodings this Lisp's streams support (:LATIN-1...); any other is a
continuable error, continuing with :DEFAULT."
  (case encoding
    (:default :default)
    (:utf-8 *utf-8-external-format*)
    ((:latin-1 :latin1 :iso-8859-1 :ascii :us-ascii) encoding)
    (t (cerror "Continue using :external-format :default"
               "Your ASDF component is using encoding ~S but it isn't recognized. Your system should :defsystem-depends-on (:asdf-encodings)."
               encoding)
       :default)))

(defvar *encoding-external-format-hook* #'default-encoding-external-format
  "The function ENCODING-EXTERNAL-FORMAT calls.")

(defun encoding-external-format (encoding)
  "The external format to open a file of ENCODING with (NIL means *DEFAULT-ENCODING*)."
  (funcall *encoding-external-format-hook* (or encoding *default-encoding*)))

;;; --- Safe syntax

(defun call-with-safe-io-syntax (thunk &key (package :cl))
  "Calls THUNK with the standard syntax, *PACKAGE* bound to PACKAGE, no
#. evaluation, and double floats read by default."
  (with-standard-io-syntax
    (let ((*package* (find-package package))
          (*read-default-float-format* 'double-float)
          (*print-readably* nil)
          (*read-eval* nil))
      (funcall thunk))))

(defmacro with-safe-io-syntax ((&key (package :cl)) &body body)
  "Runs BODY with the standard, safe syntax of CALL-WITH-SAFE-IO-SYNTAX."
  `(call-with-safe-io-syntax (lambda () (let ((*package* (find-package ,package))) ,@body))))

(defun safe-read-from-string (string &key (package :cl) (eof-error-p t) eof-value (start 0) end
                                       preserve-whitespace)
  "READ-FROM-STRING with the safe syntax of WITH-SAFE-IO-SYNTAX."
  (with-safe-io-syntax (:package package)
    (read-from-string string eof-error-p eof-value :start start :end end
                                                   :preserve-whitespace preserve-whitespace)))

;;; --- Files and stream designators

(defun call-with-output-file (pathname thunk &key (element-type *default-stream-element-type*)
                                               (external-format *utf-8-external-format*)
                                               (if-exists :error) (if-does-not-exist :create))
  "Calls THUNK with a stream writing to the file PATHNAME."
  (with-open-file (s pathname :direction :output :element-type element-type
                              :external-format external-format
                              :if-exists if-exists :if-does-not-exist if-does-not-exist)
    (funcall thunk s)))

(defmacro with-output-file ((var pathname &rest keys &key element-type external-format if-exists
                                                        if-does-not-exist)
                            &body body)
  (declare (ignore element-type external-format if-exists if-does-not-exist))
  `(call-with-output-file ,pathname (lambda (,var) ,@body) ,@keys))

(defun call-with-input-file (pathname thunk &key (element-type *default-stream-element-type*)
                                              (external-format *utf-8-external-format*)
                                              (if-does-not-exist :error))
  "Calls THUNK with a stream reading the file PATHNAME."
  (with-open-file (s pathname :direction :input :element-type element-type
                              :external-format external-format :if-does-not-exist if-does-not-exist)
    (funcall thunk s)))

(defmacro with-input-file ((var pathname &rest keys &key element-type external-format if-does-not-exist)
                           &body body)
  (declare (ignore element-type external-format if-does-not-exist))
  `(call-with-input-file ,pathname (lambda (,var) ,@body) ,@keys))

(defun call-with-output (output function &key (element-type 'character))
  "Calls FUNCTION with the stream OUTPUT designates, as FORMAT reads it: a
stream; T, *STANDARD-OUTPUT*; NIL, a string stream whose string is
returned; a string with a fill pointer, written to; a pathname, the file."
  (etypecase output
    (null (with-output-to-string (s nil :element-type element-type) (funcall function s)))
    ((eql t) (funcall function *standard-output*))
    (stream (funcall function output))
    (string (assert (fill-pointer output))
            (with-output-to-string (s output :element-type element-type) (funcall function s)))
    (pathname (call-with-output-file output function :element-type element-type))))

(defmacro with-output ((output-var &optional (value output-var) &key element-type) &body body)
  "Runs BODY with OUTPUT-VAR bound to the stream VALUE designates (see
CALL-WITH-OUTPUT)."
  `(call-with-output ,value (lambda (,output-var) ,@body)
                     ,@(when element-type `(:element-type ,element-type))))

(defun output-string (string &optional output)
  "Writes STRING to OUTPUT if it is not NIL; otherwise returns STRING."
  (if output
      (with-output (output) (princ string output))
      string))

(defun call-with-input (input function &key keys)
  "Calls FUNCTION with the stream INPUT designates: a stream; NIL,
*STANDARD-INPUT*; T, *TERMINAL-IO*; a string, read from; a pathname, the
file (opened with KEYS)."
  (etypecase input
    (null (funcall function *standard-input*))
    ((eql t) (funcall function *terminal-io*))
    (stream (funcall function input))
    (string (with-input-from-string (s input) (funcall function s)))
    (pathname (apply #'call-with-input-file input function keys))))

(defmacro with-input ((input-var &optional (value input-var)) &body body)
  `(call-with-input ,value (lambda (,input-var) ,@body)))

(defun input-string (&optional input)
  "INPUT if it is a string, else everything read from the stream it designates."
  (if (stringp input)
      input
      (with-input (input) (slurp-stream-string input))))

(defun null-device-pathname ()
  "The file that discards what is written and reads as empty."
  (if (os-windows-p) #p"NUL" #p"/dev/null"))

(defun call-with-null-input (fun &key element-type external-format if-does-not-exist)
  "Calls FUN with a stream at end of file (the keys are ignored)."
  (declare (ignore element-type external-format if-does-not-exist))
  (with-open-stream (input (make-concatenated-stream))
    (funcall fun input)))

(defmacro with-null-input ((var &rest keys &key element-type external-format if-does-not-exist)
                           &body body)
  (declare (ignore element-type external-format if-does-not-exist))
  `(call-with-null-input (lambda (,var) ,@body) ,@keys))

(defun call-with-null-output (fun &key element-type external-format if-exists if-does-not-exist)
  "Calls FUN with a stream discarding what is written (the keys are ignored)."
  (declare (ignore element-type external-format if-exists if-does-not-exist))
  (with-open-stream (output (make-broadcast-stream))
    (funcall fun output)))

(defmacro with-null-output ((var &rest keys &key element-type external-format if-does-not-exist
                                                 if-exists)
                            &body body)
  (declare (ignore element-type external-format if-exists if-does-not-exist))
  `(call-with-null-output (lambda (,var) ,@body) ,@keys))

;;; --- Output

(defun finish-outputs (&rest streams)
  "FINISH-OUTPUT on STREAMS and on every standard output stream (errors ignored)."
  (dolist (s (append streams (list *stdout* *stderr* *error-output* *standard-output* *trace-output*
                                   *debug-io* *terminal-io* *query-io*)))
    (ignore-errors (finish-output s)))
  (values))

(defun format! (stream format &rest args)
  "FORMAT, with FINISH-OUTPUTS before and after."
  (finish-outputs stream)
  (apply #'format stream format args)
  (finish-outputs stream))

(defun safe-format! (stream format &rest args)
  "FORMAT! in the safe syntax, ignoring errors while printing."
  (with-safe-io-syntax ()
    (ignore-errors (apply #'format! stream format args))
    (finish-outputs stream)))

(defun println (x &optional (stream *standard-output*))
  "PRINC X, a newline, then FINISH-OUTPUT."
  (princ x stream) (terpri stream) (finish-output stream) (values))

(defun writeln (x &rest keys &key (stream *standard-output*) &allow-other-keys)
  "WRITE X with KEYS, a newline, then FINISH-OUTPUT."
  (apply #'write x keys) (terpri stream) (finish-output stream) (values))

;;; --- Copying and reading whole streams and files

(defun copy-stream-to-stream (input output &key element-type buffer-size linewise prefix)
  "Copies everything from INPUT to OUTPUT, then closes INPUT: by blocks of
BUFFER-SIZE elements of ELEMENT-TYPE, or with LINEWISE line by line, each
line preceded by PREFIX and followed by FINISH-OUTPUT."
  (with-open-stream (input input)
    (if linewise
        (loop
          (multiple-value-bind (line missing-newline) (read-line input nil nil)
            (unless line (return))
            (when prefix (princ prefix output))
            (princ line output)
            (unless missing-newline (terpri output))
            (finish-output output)
            (when missing-newline (return))))
        (let* ((size (or buffer-size 8192))
               (buffer (make-array size :element-type (or element-type 'character))))
          (loop
            (let ((end (read-sequence buffer input)))
              (when (zerop end) (return))
              (write-sequence buffer output :end end)))))))

(defun concatenate-files (inputs output)
  "Writes the file OUTPUT with the bytes of the files INPUTS, in order."
  (with-open-file (o output :element-type '(unsigned-byte 8) :direction :output
                            :if-exists :rename-and-delete)
    (dolist (input inputs)
      (with-open-file (i input :element-type '(unsigned-byte 8) :direction :input
                               :if-does-not-exist :error)
        (copy-stream-to-stream i o :element-type '(unsigned-byte 8))))))

(defun copy-file (input output)
  "Copies the file INPUT to OUTPUT."
  (concatenate-files (list input) output))

(defun slurp-stream-string (input &key (element-type 'character) stripped)
  "Everything read from INPUT, as a string (with STRIPPED, without a final
newline); INPUT is closed."
  (let ((string (with-output-to-string (output nil :element-type element-type)
                  (copy-stream-to-stream input output :element-type element-type))))
    (if stripped (stripln string) string)))

(defun slurp-stream-lines (input &key count)
  "The lines of INPUT (at most COUNT), without line endings (CR LF too);
INPUT is closed."
  (check-type count (or null integer))
  (with-open-stream (input input)
    (loop :for n :from 0
          :for line = (and (or (not count) (< n count)) (read-line input nil nil))
          :while line :collect (stripln line))))

(defun slurp-stream-line (input &key (at 0))
  "The line of INPUT that AT designates (per ACCESS-AT on the list of lines)."
  (access-at (slurp-stream-lines input :count (access-at-count at)) at))

(defun slurp-stream-forms (input &key count)
  "The forms read from INPUT (at most COUNT). Bind a safe syntax first
(WITH-SAFE-IO-SYNTAX) when the input is not trusted."
  (check-type count (or null integer))
  (let ((eof '#:eof))
    (loop :for n :from 0
          :for form = (if (and count (>= n count)) eof (read-preserving-whitespace input nil eof))
          :until (eq form eof) :collect form)))

(defun slurp-stream-form (input &key (at 0))
  "The form of INPUT that AT designates (per ACCESS-AT on the list of forms)."
  (access-at (slurp-stream-forms input :count (access-at-count at)) at))

(defun read-file-string (file &rest keys)
  "The contents of FILE (opened with KEYS) as a string."
  (apply #'call-with-input-file file #'slurp-stream-string keys))

(defun read-file-lines (file &rest keys)
  "The lines of FILE (opened with KEYS)."
  (apply #'call-with-input-file file #'slurp-stream-lines keys))

(defun read-file-line (file &rest keys &key (at 0) &allow-other-keys)
  "The line of FILE that AT designates."
  (apply #'call-with-input-file file (lambda (input) (slurp-stream-line input :at at))
         (remove-plist-key :at keys)))

(defun read-file-forms (file &rest keys &key count &allow-other-keys)
  "The forms of FILE (at most COUNT)."
  (apply #'call-with-input-file file (lambda (input) (slurp-stream-forms input :count count))
         (remove-plist-key :count keys)))

(defun read-file-form (file &rest keys &key (at 0) &allow-other-keys)
  "The form of FILE that AT designates."
  (apply #'call-with-input-file file (lambda (input) (slurp-stream-form input :at at))
         (remove-plist-key :at keys)))

(defun safe-read-file-line (pathname &rest keys &key (package :cl) &allow-other-keys)
  "READ-FILE-LINE in the safe syntax, with *PACKAGE* PACKAGE."
  (with-safe-io-syntax (:package package)
    (apply #'read-file-line pathname (remove-plist-key :package keys))))

(defun safe-read-file-form (pathname &rest keys &key (package :cl) &allow-other-keys)
  "READ-FILE-FORM in the safe syntax, with *PACKAGE* PACKAGE."
  (with-safe-io-syntax (:package package)
    (apply #'read-file-form pathname (remove-plist-key :package keys))))

(defun eval-input (input)
  "Reads and evaluates every form of INPUT (per WITH-INPUT); the last values."
  (with-input (input)
    (let ((eof '#:eof) (results '()))
      (loop (let ((form (read input nil eof)))
              (when (eq form eof) (return (values-list results)))
              (setf results (multiple-value-list (eval form))))))))

(defun eval-thunk (thunk)
  "Runs THUNK: a function is called, a cons or symbol evaluated, a string's
forms evaluated (EVAL-INPUT); a literal is returned as is."
  (etypecase thunk
    ((or boolean keyword number character pathname) thunk)
    ((or cons symbol) (eval thunk))
    (function (funcall thunk))
    (string (eval-input thunk))))

(defun standard-eval-thunk (thunk &key (package :cl))
  "EVAL-THUNK in the safe syntax (with #. allowed), with *PACKAGE* PACKAGE."
  (when thunk
    (with-safe-io-syntax (:package package)
      (let ((*read-eval* t))
        (eval-thunk thunk)))))

;;; --- Kinds of streams

(defun file-stream-p (stream)
  (typep stream 'file-stream))

(defun file-or-synonym-stream-p (stream)
  "Is STREAM a file stream, or a synonym for one?"
  (or (file-stream-p stream)
      (and (typep stream 'synonym-stream)
           (file-or-synonym-stream-p (symbol-value (synonym-stream-symbol stream))))))

;;; --- Temporary files

(defun default-temporary-directory ()
  "$TMPDIR, or /tmp/."
  (or (getenv-pathname "TMPDIR" :ensure-directory t)
      (parse-native-namestring "/tmp/")))

(defvar *temporary-directory* nil
  "Where temporary files go (NIL: DEFAULT-TEMPORARY-DIRECTORY).")

(defun temporary-directory ()
  (or *temporary-directory* (default-temporary-directory)))

(defun setup-temporary-directory ()
  (setf *temporary-directory* (default-temporary-directory)))

(defun call-with-temporary-file (thunk &key (want-stream-p t) (want-pathname-p t) (direction :io)
                                         keep after directory (type "tmp" typep) prefix
                                         (suffix (when typep "-tmp"))
                                         (element-type *default-stream-element-type*)
                                         (external-format *utf-8-external-format*))
  "Makes a new file named PREFIX (default \"tmp\"), a random string, SUFFIX
and .TYPE, in DIRECTORY (default TEMPORARY-DIRECTORY) unless PREFIX is
absolute, and calls THUNK (per CALL-FUNCTION) with a stream open on it in
DIRECTION and its pathname (WANT-STREAM-P, WANT-PATHNAME-P), or once it
is closed with its pathname alone. Then AFTER, if given, is called with
the pathname and its values returned (else THUNK's). The file is deleted
unless KEEP (called) returns true."
  (check-type direction (member :output :io))
  (assert (or want-stream-p want-pathname-p))
  (let* ((base (ensure-absolute-pathname
                (or prefix "tmp")
                (or (ensure-pathname directory :namestring :native :ensure-directory t :ensure-physical t)
                    #'temporary-directory)))
         (base-name (native-namestring base)))
    (ensure-directories-exist base)
    (loop :for counter :from (random (expt 36 8))
          :for pathname = (parse-native-namestring
                           (format nil "~A~36R~@[~A~]~@[.~A~]"
                                   base-name counter suffix (unless (eq type :unspecific) type)))
          :do (let ((created nil) (results '()))
                (unwind-protect
                     (progn
                       (with-open-file (stream pathname :direction direction :element-type element-type
                                                        :external-format external-format
                                                        :if-exists nil :if-does-not-exist :create)
                         (when stream
                           (setf created pathname)
                           (when want-stream-p
                             (setf results (multiple-value-list
                                            (if want-pathname-p
                                                (call-function thunk stream pathname)
                                                (call-function thunk stream)))))))
                       (when created
                         (when (and want-pathname-p (not want-stream-p))
                           (setf results (multiple-value-list (call-function thunk created))))
                         (return (if after
                                     (call-function after pathname)
                                     (values-list results)))))
                  (when (and created (not (call-function keep)))
                    (ignore-errors (delete-file-if-exists created))))))))

(defmacro with-temporary-file ((&key (stream (gensym "STREAM") streamp)
                                  (pathname (gensym "PATHNAME") pathnamep)
                                  directory prefix suffix type keep direction element-type
                                  external-format)
                               &body body)
  "Runs BODY with STREAM and/or PATHNAME (at least one) bound to a new
temporary file (see CALL-WITH-TEMPORARY-FILE). With a STREAM, a
:CLOSE-STREAM marker in BODY separates the forms run while the stream is
open from those run after it is closed. The file is deleted at the end
unless KEEP evaluates to true."
  (check-type stream symbol)
  (check-type pathname symbol)
  (assert (or streamp pathnamep))
  (let* ((split (position :close-stream body))
         (before (if split (subseq body 0 split) body))
         (after (and split (subseq body (1+ split))))
         (before-fn (gensym "BEFORE"))
         (after-fn (gensym "AFTER")))
    (when (eql split 0)
      (style-warn ":CLOSE-STREAM should not be the first form of BODY in WITH-TEMPORARY-FILE. Instead, do not provide a STREAM."))
    (when after (assert pathnamep))
    `(flet (,@(when before
                `((,before-fn (,@(when streamp (list stream)) ,@(when pathnamep (list pathname)))
                              ,@(when after `((declare (ignorable ,pathname))))
                              ,@before)))
            ,@(when after
                `((,after-fn (,pathname) ,@after))))
       (call-with-temporary-file
        ,(when before `#',before-fn)
        :want-stream-p ,streamp
        :want-pathname-p ,pathnamep
        ,@(when direction `(:direction ,direction))
        ,@(when directory `(:directory ,directory))
        ,@(when prefix `(:prefix ,prefix))
        ,@(when suffix `(:suffix ,suffix))
        ,@(when type `(:type ,type))
        ,@(when keep `(:keep ,keep))
        ,@(when after `(:after #',after-fn))
        ,@(when element-type `(:element-type ,element-type))
        ,@(when external-format `(:external-format ,external-format))))))

(defun get-temporary-file (&key directory prefix suffix type (keep t))
  "The pathname of a new, empty temporary file, kept."
  (with-temporary-file (:pathname pathname :keep keep :directory directory :prefix prefix
                        :suffix suffix :type type)
    pathname))

(defun add-pathname-suffix (pathname suffix &rest keys)
  "PATHNAME with SUFFIX added to its name (KEYS go to MAKE-PATHNAME)."
  (apply #'make-pathname :name (strcat (pathname-name pathname) suffix) :defaults pathname keys))

(defun tmpize-pathname (x)
  "A new, empty file beside X whose name is X's with -tmp and a random
string added: a private place to write X's next contents."
  (let* ((px (ensure-pathname x :ensure-physical t))
         (prefix (let ((n (pathname-name px))) (if n (strcat n "-tmp") "tmp"))))
    (get-temporary-file :directory (pathname-directory-pathname px) :prefix prefix
                        :type (pathname-type px))))

(defun call-with-staging-pathname (pathname fun)
  "Calls FUN with a staging pathname beside PATHNAME, then renames the
staging file to PATHNAME if FUN returns normally; the staging file never
outlives the call."
  (let* ((pathname (pathname pathname))
         (staging (tmpize-pathname pathname)))
    (unwind-protect
         (multiple-value-prog1 (funcall fun staging)
           (rename-file-overwriting-target staging pathname))
      (delete-file-if-exists staging))))

(defmacro with-staging-pathname ((pathname-var &optional (pathname-value pathname-var)) &body body)
  "Runs BODY with PATHNAME-VAR bound to a staging pathname renamed to
PATHNAME-VALUE at the end (see CALL-WITH-STAGING-PATHNAME)."
  `(call-with-staging-pathname ,pathname-value (lambda (,pathname-var) ,@body)))
