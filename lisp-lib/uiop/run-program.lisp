;;;; UIOP/RUN-PROGRAM: running a program to completion, feeding its input
;;;; and collecting its output and error output as strings, lines, forms,
;;;; files, streams or whatever a SLURP-INPUT-STREAM / VOMIT-OUTPUT-STREAM
;;;; method makes of them. At most one of the three is processed through a
;;;; pipe while the program runs (output first, then input, then error
;;;; output); the others go through unnamed temporary files, filled before
;;;; the program starts or read after it ends, so a program that writes a
;;;; lot to both outputs, or stops reading early, cannot block on a pipe
;;;; no one drains.

(uiop/package:define-package "UIOP/RUN-PROGRAM"
  (:nicknames "ASDF/RUN-PROGRAM")
  (:use "UIOP/COMMON-LISP" "UIOP/PACKAGE" "UIOP/UTILITY" "UIOP/VERSION" "UIOP/PATHNAME"
        "UIOP/OS" "UIOP/FILESYSTEM" "UIOP/STREAM" "UIOP/LAUNCH-PROGRAM")
  (:export
   "RUN-PROGRAM"
   "SLURP-INPUT-STREAM" "VOMIT-OUTPUT-STREAM"
   "SUBPROCESS-ERROR"
   "SUBPROCESS-ERROR-CODE" "SUBPROCESS-ERROR-COMMAND" "SUBPROCESS-ERROR-PROCESS")
  (:import-from "UIOP/LAUNCH-PROGRAM"
   "%HANDLE-IF-DOES-NOT-EXIST" "%HANDLE-IF-EXISTS" "%INTERACTIVEP" "%TEMPORARY-STREAM"
   "INPUT-STREAM" "OUTPUT-STREAM" "ERROR-OUTPUT-STREAM"))

(in-package "UIOP/RUN-PROGRAM")

;;; --- Consuming a program's output

(defun call-stream-processor (fun processor stream)
  "Calls FUN (SLURP-INPUT-STREAM or VOMIT-OUTPUT-STREAM) on PROCESSOR and
STREAM; a list PROCESSOR is a processor followed by keyword arguments."
  (if (consp processor)
      (apply fun (first processor) stream (rest processor))
      (funcall fun processor stream)))

(defgeneric slurp-input-stream (processor input-stream &key)
  (:documentation "Reads INPUT-STREAM to its end as PROCESSOR says and returns the
result: a function is called with the stream; a list is (function . args),
applied to the stream and ARGS; an output stream gets a copy; STRING or
:STRING, a string (:STRIPPED T drops a final newline); :LINES, a list of
lines (:COUNT at most); :LINE, one line (:AT); :FORMS and :FORM likewise
for forms read; a pathname, a file written with the contents; T,
*STANDARD-OUTPUT*; NIL, nothing."))

(defmethod slurp-input-stream ((function function) input-stream &key)
  (funcall function input-stream))

(defmethod slurp-input-stream ((list cons) input-stream &key)
  (apply (first list) input-stream (rest list)))

(defmethod slurp-input-stream ((output-stream stream) input-stream
                               &key linewise prefix (element-type 'character) buffer-size)
  (copy-stream-to-stream input-stream output-stream
                         :linewise linewise :prefix prefix :element-type element-type
                         :buffer-size buffer-size))

(defmethod slurp-input-stream ((x (eql 'string)) stream &key stripped)
  (slurp-stream-string stream :stripped stripped))

(defmethod slurp-input-stream ((x (eql :string)) stream &key stripped)
  (slurp-stream-string stream :stripped stripped))

(defmethod slurp-input-stream ((x (eql :lines)) stream &key count)
  (slurp-stream-lines stream :count count))

(defmethod slurp-input-stream ((x (eql :line)) stream &key (at 0))
  (slurp-stream-line stream :at at))

(defmethod slurp-input-stream ((x (eql :forms)) stream &key count)
  (slurp-stream-forms stream :count count))

(defmethod slurp-input-stream ((x (eql :form)) stream &key (at 0))
  (slurp-stream-form stream :at at))

(defmethod slurp-input-stream ((x (eql t)) stream &rest keys &key &allow-other-keys)
  (apply 'slurp-input-stream *standard-output* stream keys))

(defmethod slurp-input-stream ((x null) (stream t) &key)
  nil)

(defun %copy-with-output-file (pathname input &key (element-type *default-stream-element-type*)
                                                (external-format *utf-8-external-format*)
                                                (if-exists :rename-and-delete)
                                                (if-does-not-exist :create)
                                                buffer-size linewise)
  "Writes everything read from INPUT to the file PATHNAME."
  (with-output-file (output pathname :element-type element-type :external-format external-format
                                     :if-exists if-exists :if-does-not-exist if-does-not-exist)
    (copy-stream-to-stream input output :element-type element-type :buffer-size buffer-size
                                        :linewise linewise)))

(defmethod slurp-input-stream ((pathname pathname) input &rest keys &key &allow-other-keys)
  (apply #'%copy-with-output-file pathname input keys))

(defmethod slurp-input-stream (x stream &key &allow-other-keys)
  (declare (ignore stream))
  (parameter-error "Invalid ~S destination ~S" 'slurp-input-stream x))

;;; --- Producing a program's input

(defgeneric vomit-output-stream (processor output-stream &key)
  (:documentation "Writes to OUTPUT-STREAM what PROCESSOR says: a function is called
with the stream; a list is (function . args), applied to the stream and
ARGS; an input stream is copied; a string is printed (then :FRESH-LINE
or :TERPRI if asked); T, *STANDARD-INPUT* is copied; NIL, nothing."))

(defmethod vomit-output-stream ((function function) output-stream &key)
  (funcall function output-stream))

(defmethod vomit-output-stream ((list cons) output-stream &key)
  (apply (first list) output-stream (rest list)))

(defmethod vomit-output-stream ((input-stream stream) output-stream
                                &key linewise prefix (element-type 'character) buffer-size)
  (copy-stream-to-stream input-stream output-stream
                         :linewise linewise :prefix prefix :element-type element-type
                         :buffer-size buffer-size))

(defmethod vomit-output-stream ((x string) stream &key fresh-line terpri)
  (princ x stream)
  (when fresh-line (fresh-line stream))
  (when terpri (terpri stream))
  (values))

(defmethod vomit-output-stream ((x (eql t)) stream &rest keys &key &allow-other-keys)
  (apply 'vomit-output-stream *standard-input* stream keys))

(defmethod vomit-output-stream ((x null) (stream t) &key)
  (values))

;; As in UIOP, a pathname "source" receives what is read from the stream.
(defmethod vomit-output-stream ((pathname pathname) input &rest keys &key &allow-other-keys)
  (apply #'%copy-with-output-file pathname input keys))

(defmethod vomit-output-stream (x stream &key &allow-other-keys)
  (declare (ignore stream))
  (parameter-error "Invalid ~S source ~S" 'vomit-output-stream x))

;;; --- Running a program to completion

(define-condition subprocess-error (error)
  ((code :initform nil :initarg :code :reader subprocess-error-code)
   (command :initform nil :initarg :command :reader subprocess-error-command)
   (process :initform nil :initarg :process :reader subprocess-error-process))
  (:report (lambda (condition stream)
             (format stream "Subprocess ~@[~S~% ~]~@[with command ~S~% ~]exited with error~@[ code ~D~]"
                     (subprocess-error-process condition)
                     (subprocess-error-command condition)
                     (subprocess-error-code condition)))))

(defun %check-result (exit-code &key command process ignore-error-status)
  "Signals a continuable SUBPROCESS-ERROR for a non-zero EXIT-CODE unless
IGNORE-ERROR-STATUS; returns EXIT-CODE."
  (unless (or ignore-error-status (eql exit-code 0))
    (cerror "IGNORE-ERROR-STATUS"
            'subprocess-error :command command :code exit-code :process process))
  exit-code)

(defun %active-io-specifier-p (specifier)
  "Does SPECIFIER need Lisp to produce or consume the data (rather than
naming a file, a stream or clove's own descriptor)?"
  (not (typep specifier '(or null string pathname stream (member t :interactive :output)))))

;; How run-program handles one of the child's three descriptors: the
;; specification for LAUNCH-PROGRAM, a function to call with the pipe
;; while the child runs (for the one direction processed live), and a
;; function to call after the child ends, returning the result.
(defstruct (%io-plan (:constructor %make-io-plan (spec &optional during after)))
  spec during after)

(defun %io-plan (direction spec live-p element-type external-format)
  (let ((processor (if (eq direction :input) 'vomit-output-stream 'slurp-input-stream)))
    (cond ((and (eq spec :output) (not (eq direction :error-output)))
           (parameter-error "~S does not allow ~S as a ~S spec" 'run-program :output direction))
          ((not (%active-io-specifier-p spec))
           (%make-io-plan spec))
          (live-p
           (let ((result nil))
             (%make-io-plan :stream
                            (lambda (stream) (setf result (call-stream-processor processor spec stream)))
                            (lambda () result))))
          ((eq direction :input)
           (let ((temporary (%temporary-stream element-type external-format)))
             (call-stream-processor processor spec temporary)
             (file-position temporary 0)
             (%make-io-plan temporary nil (lambda () (close temporary) nil))))
          (t
           (let ((temporary (%temporary-stream element-type external-format)))
             (%make-io-plan temporary nil
                            (lambda ()
                              (file-position temporary 0)
                              (unwind-protect (call-stream-processor processor spec temporary)
                                (close temporary)))))))))

(defun run-program (command &rest keys
                    &key ignore-error-status (force-shell nil force-shell-p)
                      input (if-input-does-not-exist :error)
                      output (if-output-exists :supersede)
                      error-output (if-error-output-exists :supersede)
                      (element-type *default-stream-element-type*)
                      (external-format *utf-8-external-format*)
                    &allow-other-keys)
  "Runs COMMAND (a string for /bin/sh -c, or a list of the program and its
arguments; FORCE-SHELL runs a list through the shell too) and waits for
it. OUTPUT and ERROR-OUTPUT name a file (NIL: the null device), a stream,
T (*STANDARD-OUTPUT*, *ERROR-OUTPUT*), :INTERACTIVE (clove's own
descriptor), ERROR-OUTPUT :OUTPUT (where OUTPUT goes), or anything
SLURP-INPUT-STREAM takes (:STRING, :LINES, :FORMS, a function, a list of
one and keyword arguments), whose result is returned; INPUT likewise with
VOMIT-OUTPUT-STREAM (a string is the input itself; T, *STANDARD-INPUT*).
The IF-...-EXISTS, DIRECTORY, ENVIRONMENT, ELEMENT-TYPE and
EXTERNAL-FORMAT arguments are LAUNCH-PROGRAM's. Returns the output's
result, the error output's result and the exit code; a non-zero exit code
signals a continuable SUBPROCESS-ERROR unless IGNORE-ERROR-STATUS."
  (declare (ignore if-input-does-not-exist if-output-exists if-error-output-exists))
  (when (member :stream (list input output error-output))
    (parameter-error "~S: ~S is not allowed as synchronous I/O redirection argument"
                     'run-program :stream))
  (let* ((live (cond ((%active-io-specifier-p output) :output)
                     ((%active-io-specifier-p input) :input)
                     ((%active-io-specifier-p error-output) :error-output)))
         (plans (loop :for (direction spec) :in `((:output ,output) (:error-output ,error-output)
                                                  (:input ,input))
                      :collect (%io-plan direction spec (eq direction live)
                                         element-type external-format)))
         (launched (if (and force-shell (listp command))
                       (escape-shell-command (cons "exec" command))
                       command))
         (process-info nil)
         (exit-code nil))
    (destructuring-bind (out err in) plans
      (setf process-info (apply 'launch-program launched
                                :input (%io-plan-spec in) :output (%io-plan-spec out)
                                :error-output (%io-plan-spec err) keys))
      (unwind-protect
           (loop :for (plan slot) :in `((,out output-stream) (,err error-output-stream)
                                        (,in input-stream))
                 :when (%io-plan-during plan)
                   :do (funcall (%io-plan-during plan) (slot-value process-info slot)))
        (close-streams process-info)
        (setf exit-code (wait-process process-info)))
      (let ((results (loop :for plan :in (list out err in)
                           :collect (and (%io-plan-after plan) (funcall (%io-plan-after plan))))))
        ;; As on SBCL, a command UIOP would run through system() (given
        ;; to the shell) is reported with no process.
        (%check-result exit-code :command command
                                 :process (unless (or force-shell (and (stringp command) (not force-shell-p)))
                                            process-info)
                                 :ignore-error-status ignore-error-status)
        (values (first results) (second results) exit-code)))))
