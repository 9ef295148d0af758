;;;; UIOP/IMAGE: the life of a Lisp image: the command line, quitting,
;;;; fatal-condition handling and backtraces, and the hooks run when an
;;;; image is dumped and when it is restored. clove starts every process
;;;; from an image (the base image built with clove), so the restore hooks
;;;; run at every start, before any script or --eval.

(uiop/package:define-package "UIOP/IMAGE"
  (:use "UIOP/COMMON-LISP" "UIOP/PACKAGE" "UIOP/UTILITY" "UIOP/OS" "UIOP/PATHNAME" "UIOP/STREAM")
  ;; QUIT is defined with the top level (lisp-lib/boot/06-toplevel.lisp).
  (:import-from "UIOP" "QUIT")
  (:export
   "*IMAGE-DUMPED-P*" "RAW-COMMAND-LINE-ARGUMENTS" "*COMMAND-LINE-ARGUMENTS*"
   "COMMAND-LINE-ARGUMENTS" "RAW-PRINT-BACKTRACE"
   "*LISP-INTERACTION*" "FATAL-CONDITION" "FATAL-CONDITION-P"
   "HANDLE-FATAL-CONDITION" "CALL-WITH-FATAL-CONDITION-HANDLER" "WITH-FATAL-CONDITION-HANDLER"
   "*IMAGE-RESTORE-HOOK*" "*IMAGE-PRELUDE*" "*IMAGE-ENTRY-POINT*"
   "*IMAGE-POSTLUDE*" "*IMAGE-DUMP-HOOK*"
   "QUIT" "DIE" "SHELL-BOOLEAN-EXIT"
   "PRINT-BACKTRACE" "PRINT-CONDITION-BACKTRACE"
   "REGISTER-IMAGE-RESTORE-HOOK" "REGISTER-IMAGE-DUMP-HOOK"
   "CALL-IMAGE-RESTORE-HOOK" "CALL-IMAGE-DUMP-HOOK"
   "RESTORE-IMAGE" "DUMP-IMAGE" "CREATE-IMAGE" "ARGV0" "SETUP-COMMAND-LINE-ARGUMENTS"))

(in-package "UIOP/IMAGE")

(defvar *lisp-interaction* t
  "Whether this is an interactive session (errors enter the debugger) or
batch processing (RESTORE-IMAGE makes them fatal).")

(defvar *command-line-arguments* nil
  "The command-line arguments of this process meant for the program, as
COMMAND-LINE-ARGUMENTS returns them (set when the image is restored).")

(defvar *image-dumped-p* nil
  "Whether this image was dumped by DUMP-IMAGE: NIL, T, or :EXECUTABLE.")

(defvar *image-restore-hook* nil
  "Functions called (in the order registered) when the image is restored.")

(defvar *image-restored-p* nil
  "T once restored, :IN-PROGRESS while restoring, :IN-REGRESS while dumping.")

(defvar *image-prelude* nil
  "A form (or string of forms) evaluated when the image is restored, before
the entry point.")

(defvar *image-entry-point* nil
  "The function RESTORE-IMAGE calls once the image is restored.")

(defvar *image-postlude* nil
  "A form (or string of forms) evaluated before the dump hooks run and the
image is dumped.")

(defvar *image-dump-hook* nil
  "Functions called (in the order registered) before the image is dumped.")

(deftype fatal-condition ()
  "The conditions WITH-FATAL-CONDITION-HANDLER treats as fatal."
  'serious-condition)

;;; --- Quitting and backtraces

(defun die (code format &rest arguments)
  "Prints the formatted message on standard error and quits with CODE."
  (with-safe-io-syntax ()
    (ignore-errors (format! *stderr* "~&~?~&" format arguments)))
  (quit code))

(defun shell-boolean-exit (x)
  "Quits with status 0 if X is true, 1 otherwise."
  (quit (if x 0 1)))

(defun raw-print-backtrace (&key (stream *debug-io*) count condition)
  "Prints the current backtrace, innermost frame first, at most COUNT frames."
  (declare (ignore condition))
  (sys::%print-backtrace stream count))

(defun print-backtrace (&rest keys &key stream count condition)
  "Prints the current backtrace (see RAW-PRINT-BACKTRACE) in the safe syntax,
ignoring errors while printing."
  (declare (ignore stream count condition))
  (with-safe-io-syntax (:package :cl)
    (let ((*print-readably* nil) (*print-circle* t) (*print-length* nil) (*print-level* nil))
      (ignore-errors (apply #'raw-print-backtrace keys)))))

(defun print-condition-backtrace (condition &key (stream *stderr*) count)
  "Prints the backtrace, then CONDITION."
  (print-backtrace :stream stream :count count :condition condition)
  (when condition
    (safe-format! stream "~&Above backtrace due to this condition:~%~A~&" condition)))

(defun fatal-condition-p (condition)
  (typep condition 'fatal-condition))

(defun handle-fatal-condition (condition)
  "In an interactive session, enters the debugger on CONDITION; otherwise
prints it with a backtrace and quits with status 99."
  (cond (*lisp-interaction* (invoke-debugger condition))
        (t (safe-format! *stderr* "~&Fatal condition:~%~A~%" condition)
           (print-condition-backtrace condition :stream *stderr*)
           (die 99 "~A" condition))))

(defun call-with-fatal-condition-handler (thunk)
  "Calls THUNK with fatal conditions handled by HANDLE-FATAL-CONDITION."
  (handler-bind ((fatal-condition #'handle-fatal-condition))
    (funcall thunk)))

(defmacro with-fatal-condition-handler ((&optional) &body body)
  `(call-with-fatal-condition-handler (lambda () ,@body)))

;;; --- Hooks

(defun register-image-restore-hook (hook &optional (call-now-p t))
  "Adds HOOK to the functions called when the image is restored (and calls
it now unless CALL-NOW-P is NIL)."
  (register-hook-function '*image-restore-hook* hook call-now-p))

(defun register-image-dump-hook (hook &optional (call-now-p nil))
  "Adds HOOK to the functions called before the image is dumped."
  (register-hook-function '*image-dump-hook* hook call-now-p))

(defun call-image-restore-hook ()
  (call-functions (reverse *image-restore-hook*)))

(defun call-image-dump-hook ()
  (call-functions *image-dump-hook*))

;;; --- The command line

(defun raw-command-line-arguments ()
  "The process's command line as the Lisp sees it: argv[0], then the
arguments meant for the program (clove's own options and the script's
name left out), as SBCL's *POSIX-ARGV*."
  (cons (sys::%argv0) (sys::%command-line-arguments)))

(defun command-line-arguments (&optional (arguments (raw-command-line-arguments)))
  "The arguments meant for the program: those after a script's name (or
after --end-toplevel-options), i.e. the REST of ARGUMENTS."
  (rest arguments))

(defun argv0 ()
  "The name the program was invoked by: argv[0] for an executable made with
DUMP-IMAGE; otherwise (clove itself was invoked) the environment variable
__CL_ARGV0 that wrapper scripts such as cl-launch set, or NIL."
  (if (eq *image-dumped-p* :executable)
      (sys::%argv0)
      (getenvp "__CL_ARGV0")))

(defun setup-command-line-arguments ()
  (setf *command-line-arguments* (command-line-arguments)))

;;; --- Restoring and dumping

(defun restore-image (&key (lisp-interaction *lisp-interaction*)
                        (restore-hook *image-restore-hook*)
                        (prelude *image-prelude*)
                        (entry-point *image-entry-point*)
                        (if-already-restored '(cerror "RUN RESTORE-IMAGE ANYWAY")))
  "Restores a freshly started image: calls the RESTORE-HOOK functions,
evaluates PRELUDE, then calls ENTRY-POINT, all with fatal conditions
handled (see HANDLE-FATAL-CONDITION). Without LISP-INTERACTION the
process then quits, with status 0 if ENTRY-POINT (if any) returned true,
1 otherwise; with it, ENTRY-POINT's values are returned. An image already
restored calls IF-ALREADY-RESTORED (per CALL-FUNCTION), by default a
continuable error, or returns at once when that is NIL."
  (when *image-restored-p*
    (if if-already-restored
        (call-function if-already-restored "Image already ~:[being ~;~]restored" (eq *image-restored-p* t))
        (return-from restore-image)))
  (with-fatal-condition-handler ()
    (setf *lisp-interaction* lisp-interaction
          *image-restore-hook* restore-hook
          *image-prelude* prelude
          *image-restored-p* :in-progress)
    (call-image-restore-hook)
    (standard-eval-thunk prelude)
    (setf *image-restored-p* t)
    (let ((results (multiple-value-list (if entry-point (call-function entry-point) t))))
      (if lisp-interaction
          (values-list results)
          (shell-boolean-exit (first results))))))

(defun dump-image (filename &key output-name executable (postlude *image-postlude*)
                              (dump-hook *image-dump-hook*) compression)
  "Dumps the image to FILENAME (an executable with EXECUTABLE) after
evaluating POSTLUDE and calling DUMP-HOOK's functions. Saving images is
not implemented yet: after the hooks, a NOT-IMPLEMENTED-ERROR."
  (declare (ignore output-name compression))
  (setf *image-dumped-p* (if executable :executable t)
        *image-restored-p* :in-regress
        *image-postlude* postlude)
  (standard-eval-thunk *image-postlude*)
  (setf *image-dump-hook* dump-hook)
  (call-image-dump-hook)
  (setf *image-restored-p* nil)
  (not-implemented-error 'dump-image "(saving images comes with clove's delivery support: ~A)" filename))

(defun create-image (destination lisp-object-files &key kind output-name prologue-code epilogue-code
                                                      extra-object-files prelude postlude entry-point
                                                      build-args no-uiop)
  "Links object files into an executable (ECL and MKCL only)."
  (declare (ignore destination lisp-object-files kind output-name prologue-code epilogue-code
                   extra-object-files prelude postlude entry-point build-args no-uiop))
  (not-implemented-error 'create-image))

(defun sys::%image-restored ()
  "Called by the clove command at every start, once the command line is
known: the image restore hooks run. (*IMAGE-RESTORED-P* stays as it was,
so a program's own RESTORE-IMAGE still runs.) An error in a hook is
reported on standard error; the other hooks run and the start goes on."
  (dolist (hook (reverse *image-restore-hook*))
    (handler-case (call-function hook)
      (error (e)
        (ignore-errors (format *stderr* "~&clove: an image restore hook failed: ~A~%" e))))))

(dolist (hook '(setup-stdin setup-stdout setup-stderr setup-command-line-arguments
                setup-temporary-directory))
  (register-image-restore-hook hook))
