;;;; UIOP/LAUNCH-PROGRAM: quoting command tokens for the shell, and running
;;;; a program asynchronously. A child's standard descriptors come from
;;;; the Rust process layer (crates/runtime/src/os/process.rs): the null
;;;; device, clove's own, a file, a stream's descriptor, or a pipe seen as
;;;; a stream. A stream with no descriptor (a string stream, a Gray
;;;; stream) goes through an unnamed temporary file: for input, filled
;;;; before the child starts; for output, copied to the stream by
;;;; WAIT-PROCESS, so no pipe is left for nobody to drain.

(uiop/package:define-package "UIOP/LAUNCH-PROGRAM"
  (:use "UIOP/COMMON-LISP" "UIOP/PACKAGE" "UIOP/UTILITY" "UIOP/PATHNAME" "UIOP/OS"
        "UIOP/FILESYSTEM" "UIOP/STREAM" "UIOP/VERSION")
  (:export
   "EASY-SH-CHARACTER-P" "ESCAPE-SH-TOKEN" "ESCAPE-SH-COMMAND"
   "ESCAPE-WINDOWS-TOKEN" "ESCAPE-WINDOWS-COMMAND"
   "ESCAPE-SHELL-TOKEN" "ESCAPE-SHELL-COMMAND"
   "ESCAPE-TOKEN" "ESCAPE-COMMAND"
   "LAUNCH-PROGRAM"
   "CLOSE-STREAMS" "PROCESS-ALIVE-P" "TERMINATE-PROCESS" "WAIT-PROCESS"
   "PROCESS-INFO"
   "PROCESS-INFO-ERROR-OUTPUT" "PROCESS-INFO-INPUT" "PROCESS-INFO-OUTPUT" "PROCESS-INFO-PID"))

(in-package "UIOP/LAUNCH-PROGRAM")

;;; --- Quoting tokens for a shell

(defun requires-escaping-p (token &key good-chars bad-chars)
  "Does TOKEN hold a character that is not one of GOOD-CHARS, or one of
BAD-CHARS (each a predicate or a sequence of characters; give only one)?"
  (when (and good-chars bad-chars)
    (parameter-error "~S: only one of good-chars and bad-chars can be provided"
                     'requires-escaping-p))
  (let ((needs-escape
          (cond ((functionp good-chars) (complement good-chars))
                ((functionp bad-chars) bad-chars)
                ((and good-chars (typep good-chars 'sequence)) (lambda (c) (not (find c good-chars))))
                ((and bad-chars (typep bad-chars 'sequence)) (lambda (c) (find c bad-chars)))
                (t (parameter-error "~S: no good-char criterion" 'requires-escaping-p)))))
    (some needs-escape token)))

(defun escape-token (token &key stream quote good-chars bad-chars escaper)
  "TOKEN as is if it needs no escaping (per REQUIRES-ESCAPING-P with
GOOD-CHARS or BAD-CHARS), else as ESCAPER writes it (given :QUOTE QUOTE
when QUOTE is true); written to STREAM, or returned as a string when
STREAM is NIL."
  (if (requires-escaping-p token :good-chars good-chars :bad-chars bad-chars)
      (with-output (stream)
        (apply escaper token stream (when quote (list :quote quote))))
      (output-string token stream)))

(defun escape-windows-token-within-double-quotes (x &optional s)
  "Writes X to S between double quotes as the MS Windows command-line
parser reads it back: a quote gets a backslash, and backslashes are
doubled where they come before a quote or the closing quote."
  (write-char #\" s)
  (let ((pending 0))                    ; backslashes seen, not yet written
    (flet ((backslashes (n) (dotimes (i n) (write-char #\\ s))))
      (loop :for c :across x :do
        (case c
          (#\\ (incf pending))
          (#\" (backslashes (1+ (* 2 pending))) (setf pending 0) (write-char #\" s))
          (t (backslashes pending) (setf pending 0) (write-char c s))))
      (backslashes (* 2 pending))))
  (write-char #\" s))

(defun easy-windows-character-p (x)
  "Is X a character the MS Windows command line takes without quoting?"
  (or (alphanumericp x) (find x "+-_.,@:/=")))

(defun escape-windows-token (token &optional s)
  "TOKEN, quoted if needed for an MS Windows command line; to S, or as a
string when S is NIL."
  (escape-token token :stream s :good-chars #'easy-windows-character-p :quote nil
                      :escaper 'escape-windows-token-within-double-quotes))

(defun escape-sh-token-within-double-quotes (x s &key (quote t))
  "Writes X to S for a POSIX shell inside double quotes (a backslash before
each of $ ` \\ \"), with the quotes themselves unless QUOTE is NIL."
  (when quote (write-char #\" s))
  (loop :for c :across x :do
    (when (find c "$`\\\"") (write-char #\\ s))
    (write-char c s))
  (when quote (write-char #\" s)))

(defun easy-sh-character-p (x)
  "Is X a character a POSIX shell takes without quoting?"
  (or (alphanumericp x) (find x "+-_.,%@:/=")))

(defun escape-sh-token (token &optional s)
  "TOKEN, in double quotes if needed for a POSIX shell; to S, or as a
string when S is NIL."
  (escape-token token :stream s :quote #\" :good-chars #'easy-sh-character-p
                      :escaper 'escape-sh-token-within-double-quotes))

(defun escape-shell-token (token &optional s)
  "TOKEN quoted for this operating system's shell."
  (os-cond
   ((os-unix-p) (escape-sh-token token s))
   ((os-windows-p) (escape-windows-token token s))))

(defun escape-command (command &optional s (escaper 'escape-shell-token))
  "COMMAND, a string (taken as it is) or a list of tokens each quoted by
ESCAPER and separated by spaces; to S, or as a string when S is NIL."
  (etypecase command
    (string (output-string command s))
    (list (with-output (s)
            (loop :for (token . more) :on command :do
              (funcall escaper token s)
              (when more (write-char #\space s)))))))

(defun escape-windows-command (command &optional s)
  "COMMAND quoted for MS Windows' CommandLineToArgv."
  (escape-command command s 'escape-windows-token))

(defun escape-sh-command (command &optional s)
  "COMMAND quoted for /bin/sh."
  (escape-command command s 'escape-sh-token))

(defun escape-shell-command (command &optional stream)
  "COMMAND quoted for this operating system's shell."
  (escape-command command stream 'escape-shell-token))

;;; --- Processes

(defclass process-info ()
  ((process :initform nil)              ; the pid
   (input-stream :initform nil)
   (output-stream :initform nil)
   (bidir-stream :initform nil)
   (error-output-stream :initform nil)
   ;; An exit by a signal is recorded as 128 + the signal's number, with
   ;; the number in SIGNAL-CODE.
   (exit-code :initform nil)
   (signal-code :initform nil)
   ;; (temporary-stream . destination) pairs: output to copy once the
   ;; process has finished.
   (pending-copies :initform nil))
  (:documentation "A process started by LAUNCH-PROGRAM: read it only through the
PROCESS-INFO-... functions, and never make one with MAKE-INSTANCE."))

(defun process-info-pid (process-info)
  (slot-value process-info 'process))

(defun process-info-input (process-info)
  (or (slot-value process-info 'bidir-stream) (slot-value process-info 'input-stream)))

(defun process-info-output (process-info)
  (or (slot-value process-info 'bidir-stream) (slot-value process-info 'output-stream)))

(defun process-info-error-output (process-info)
  (slot-value process-info 'error-output-stream))

(defun %interactivep (input output error-output)
  (member :interactive (list input output error-output)))

(defun %signal-to-exit-code (signum)
  (+ 128 signum))

(defun %poll-status (process-info wait)
  "The process's exit code once it has finished, else NIL (with WAIT,
waits for it to finish). After an exit by a signal, the code is 128 plus
the signal's number, and the number is the second value."
  (with-slots (process exit-code signal-code) process-info
    (loop :until exit-code :do
      (multiple-value-bind (code signal) (sys::%process-status process wait)
        (cond (signal (setf exit-code (%signal-to-exit-code signal) signal-code signal))
              (code (setf exit-code code))
              ((not wait) (return)))))
    (if signal-code (values exit-code signal-code) exit-code)))

(defun %process-status (process-info)
  "The process's state: :RUNNING, or :EXITED and its exit code, or
:SIGNALED and the number of the signal that ended it."
  (multiple-value-bind (code signal) (%poll-status process-info nil)
    (cond ((null code) :running)
          (signal (values :signaled signal))
          (t (values :exited code)))))

(defun process-alive-p (process-info)
  "Is the process still running?"
  (eq (%process-status process-info) :running))

(defun %copy-stream (input output element-type)
  "Copies everything left in INPUT to OUTPUT, by blocks of ELEMENT-TYPE;
neither stream is closed."
  (let ((buffer (make-array 8192 :element-type element-type)))
    (loop :for end = (read-sequence buffer input)
          :until (zerop end)
          :do (write-sequence buffer output :end end))))

(defun %copy-pending-output (process-info)
  "Copies the output collected in temporary files to the streams it was
meant for."
  (loop :for (temporary . destination) = (pop (slot-value process-info 'pending-copies))
        :while temporary :do
          (file-position temporary 0)
          (unwind-protect (%copy-stream temporary destination (stream-element-type temporary))
            (close temporary))))

(defun wait-process (process-info)
  "Waits for the process to finish, then returns its exit code (0 for
success); after a signal, 128 plus the signal's number, and the number
as a second value. Output meant for streams with no file descriptor is
copied to them first."
  (multiple-value-prog1 (%poll-status process-info t)
    (%copy-pending-output process-info)))

(defun %posix-send-signal (process-info signal)
  "Sends SIGNAL (a number) to the process if it is still running."
  (sys::%process-signal (slot-value process-info 'process) signal))

(defun terminate-process (process-info &key urgent)
  "Asks the process to stop: SIGTERM, or with URGENT SIGKILL, which it
cannot ignore."
  (%posix-send-signal process-info (if urgent 9 15)))

(defun close-streams (process-info)
  "Closes the streams LAUNCH-PROGRAM made for :STREAM arguments."
  (with-slots (input-stream output-stream bidir-stream error-output-stream) process-info
    (dolist (stream (list error-output-stream bidir-stream input-stream output-stream))
      (when stream (close stream)))))

(defun %handle-if-exists (file if-exists)
  "For an output file: applies IF-EXISTS (:ERROR, :APPEND or :SUPERSEDE,
as OPEN does) now, so the child can just append."
  (when (or (stringp file) (pathnamep file))
    (ecase if-exists
      ((:append :supersede :error)
       (with-open-file (s file :direction :output :if-exists if-exists)
         (declare (ignorable s)))))))

(defun %handle-if-does-not-exist (file if-does-not-exist)
  "For an input file: applies IF-DOES-NOT-EXIST (:ERROR or :CREATE) now."
  (when (or (stringp file) (pathnamep file))
    (ecase if-does-not-exist
      ((:create :error)
       (with-open-file (s file :direction :probe :if-does-not-exist if-does-not-exist)
         (declare (ignorable s)))))))

(defun %stream-format (element-type external-format)
  "The element size, signedness and Latin-1 flag the process layer takes."
  (multiple-value-bind (bits signed) (sys::%open-element-type element-type)
    (values bits signed (sys::%open-latin1-p external-format))))

(defun %temporary-stream (element-type external-format)
  "An input/output stream on a new unnamed temporary file."
  (multiple-value-call #'sys::%temporary-stream (%stream-format element-type external-format)))

(defun %file-spec (pathname)
  (native-namestring (merge-pathnames pathname)))

;; What the process layer takes for SPECIFIER as the child's ROLE (:INPUT,
;; :OUTPUT or :ERROR-OUTPUT). When that is a temporary stream standing for
;; a stream with no file descriptor, that stream is the second value.
(defun %normalize-io-specifier (specifier role element-type external-format)
  (let ((output (not (eq role :input))))
    (typecase specifier
      (null nil)
      (string (%file-spec (parse-native-namestring specifier)))
      (pathname (%file-spec specifier))
      ((eql :stream) :stream)
      ((eql :interactive) :inherit)
      ((eql :output)
       (if (eq role :error-output)
           :output
           (parameter-error "~S IO specifier invalid for ~S" specifier role)))
      ((eql t)
       (%normalize-io-specifier (ecase role
                                  (:input *standard-input*)
                                  (:output *standard-output*)
                                  (:error-output *error-output*))
                                role element-type external-format))
      (stream
       (if (sys::%fd-stream-p specifier output)
           specifier
           (let ((temporary (%temporary-stream element-type external-format)))
             (unless output
               (%copy-stream specifier temporary (stream-element-type temporary))
               (file-position temporary 0))
             (values temporary specifier))))
      (t (parameter-error "Incorrect I/O specifier ~S for ~S" specifier role)))))

(defun launch-program (command &rest keys
                       &key input (if-input-does-not-exist :error)
                         output (if-output-exists :supersede)
                         error-output (if-error-output-exists :supersede)
                         (element-type *default-stream-element-type*)
                         (external-format *utf-8-external-format*)
                         directory (environment nil environment-p)
                       &allow-other-keys)
  "Starts COMMAND (a string run by /bin/sh -c, or a list of the program and
its arguments) without waiting for it, and returns its PROCESS-INFO.

INPUT, OUTPUT and ERROR-OUTPUT each say where the child's standard
descriptor goes: NIL, the null device; a pathname or a native namestring,
that file (for output, created if need be, per IF-OUTPUT-EXISTS or
IF-ERROR-OUTPUT-EXISTS :SUPERSEDE (the default), :APPEND or :ERROR; for
input, per IF-INPUT-DOES-NOT-EXIST :ERROR or :CREATE); :INTERACTIVE,
clove's own; T, *STANDARD-INPUT*, *STANDARD-OUTPUT* or *ERROR-OUTPUT*; a
stream; :STREAM, a new pipe that PROCESS-INFO-INPUT, -OUTPUT or
-ERROR-OUTPUT returns, of ELEMENT-TYPE and EXTERNAL-FORMAT. ERROR-OUTPUT
:OUTPUT sends it where OUTPUT goes. DIRECTORY is where the child starts;
ENVIRONMENT, a list of \"NAME=VALUE\" strings, replaces the environment."
  (declare (ignore keys))
  (%handle-if-does-not-exist input if-input-does-not-exist)
  (%handle-if-exists output if-output-exists)
  (%handle-if-exists error-output if-error-output-exists)
  (let ((process-info (make-instance 'process-info))
        (argv (etypecase command
                (string (list "/bin/sh" "-c" command))
                (list command)))
        (stand-ins '()))                ; (temporary-stream . stream) pairs
    (flet ((normalize (specifier role)
             (multiple-value-bind (spec stands-for)
                 (%normalize-io-specifier specifier role element-type external-format)
               (when stands-for (push (cons spec stands-for) stand-ins))
               spec)))
      (let ((in (normalize input :input))
            (out (normalize output :output))
            (err (normalize error-output :error-output))
            (result nil))
        (unwind-protect
             (setf result (multiple-value-call #'sys::%spawn argv
                            (and directory (native-namestring directory))
                            (if environment-p environment t)
                            in out err
                            (%stream-format element-type external-format)))
          ;; The child has its own descriptors: ours for its input go now,
          ;; and all of them if it could not start.
          (loop :for (temporary . nil) :in stand-ins
                :when (or (null result) (eq temporary in)) :do (close temporary)))
        (destructuring-bind (pid input-stream output-stream error-stream) result
          (with-slots (process pending-copies) process-info
            (setf process pid
                  (slot-value process-info 'input-stream) input-stream
                  (slot-value process-info 'output-stream) output-stream
                  (slot-value process-info 'error-output-stream) error-stream
                  pending-copies (reverse (remove in stand-ins :key #'car)))))))
    process-info))
