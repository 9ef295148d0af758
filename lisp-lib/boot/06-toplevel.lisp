;;;; The top level: LOAD, the REPL, the debugger and script mode. The
;;;; command line (crates/clove) calls %REPL, %RUN-SCRIPT, %EVAL-STRING
;;;; and LOAD; lines are read through the host's line editor.

(in-package "CLOVE-SYSTEM")

(defvar *load-verbose* nil)
(defvar *load-print* nil)
(defvar *interactive* nil)
(defvar *debug-level* 0)

(defun %skip-shebang (stream)
  ;; A first line starting with #! (an executable script) is not Lisp.
  (when (eql (peek-char nil stream nil) #\#)
    (read-char stream)
    (if (eql (peek-char nil stream nil) #\!)
        (read-line stream nil)
        (unread-char #\# stream))))

(defun load (filespec &key (verbose *load-verbose*) (print *load-print*)
                           (if-does-not-exist t) external-format)
  (declare (ignore external-format))
  ;; FILESPEC is a stream or a pathname designator, merged with
  ;; *DEFAULT-PATHNAME-DEFAULTS*; NAME is the native namestring read.
  (let* ((from-stream (streamp filespec))
         (pathname (if from-stream
                       (and (%stream-file-name filespec) (pathname filespec))
                       (merge-pathnames filespec)))
         (truename (and pathname (or (probe-file pathname) (%load-default-type pathname)))))
    (when (and pathname (not from-stream) (not truename))
      (if if-does-not-exist
          (error 'file-error :pathname pathname
                             :format-control "can't load ~S: no such file" :format-arguments (list pathname))
          (return-from load nil)))
    (%load-from filespec from-stream pathname truename verbose print)))

(defun %load-default-type (pathname)
  ;; A name without a type that names no file: its fasl or its source,
  ;; the newer of the two when both exist (as SBCL).
  (unless (pathname-type pathname)
    (let ((fasl (probe-file (make-pathname :type "fasl" :defaults pathname)))
          (source (probe-file (make-pathname :type "lisp" :defaults pathname))))
      (if (and fasl source)
          (if (>= (file-write-date fasl) (file-write-date source)) fasl source)
          (or fasl source)))))

(defun %load-from (filespec from-stream pathname truename verbose print)
  (let* ((name (and truename (not from-stream) (namestring truename)))
         (where (if (stringp filespec) filespec name))
         (fasl (and name (not from-stream) (%fasl-file-p name)))
         (stream (if (or from-stream fasl) filespec (%open-input-file name))))
    (let ((*readtable* *readtable*)
          (*package* *package*)
          (*load-pathname* pathname)
          (*load-truename* truename))
      (when verbose (format t "~&; loading ~A~%" (or where stream)))
      (when fasl
        (return-from %load-from (%load-fasl name print)))
      (unwind-protect
           (let ((eof '#:eof))
             (%skip-shebang stream)
             (loop
               (let ((form (read stream nil eof)))
                 (when (eq form eof) (return t))
                 (let ((values (let ((*source-location* (and name (format nil "~A:~D" where (%form-line stream)))))
                                 (multiple-value-list (eval form)))))
                   (when print (format t "~&; ~{~S~^, ~}~%" values))))))
        (unless from-stream (close stream))))))

;;; --- Reporting errors

(defparameter *internal-frames*
  '(signal error cerror warn %signal-error invoke-debugger %invoke-debugger %debugger
    %print-backtrace %backtrace-frames %report-and-exit break))

(defparameter *toplevel-frames* '(%repl-eval-print %eval-string %run-script)
  "Frames of the REPL and the command line: a backtrace ends above them.")

(defun %backtrace-frames ()
  ;; Frames as (name source . parameters), innermost first: the user's
  ;; code, without the condition system's frames above it and without the
  ;; REPL or command-line frames below it (the LOAD of a script or of
  ;; --load FILE included).
  (let ((frames (%backtrace)) (out nil))
    (loop-while (and frames (member (car (car frames)) *internal-frames*))
      (setq frames (cdr frames)))
    (dolist (f frames)
      (when (member (car f) *toplevel-frames*) (return))
      (push f out))
    (loop-while (and out (member (car (car out)) '(load %load-from)))
      (setq out (cdr out)))
    (nreverse out)))

(defun %print-backtrace (stream &optional limit)
  ;; Each frame as a call, then where its function was defined.
  (format stream "~&Backtrace:~%")
  (let ((i 0) (*print-length* 6) (*print-level* 3) (*print-circle* t) (*print-readably* nil))
    (dolist (frame (%backtrace-frames))
      (when (and limit (>= i limit)) (format stream "  ...~%") (return))
      (let ((name (car frame)) (source (car (cdr frame))) (args (cdr (cdr frame))))
        (if (eq name 'top-level-form)
            (format stream "  ~D: top-level form" i)
            (format stream "  ~D: (~S~{ ~S~})" i (or name 'lambda) args))
        (format stream "~@[  [~A]~]~%" source))
      (setq i (1+ i)))))

(defun %report-and-exit (condition)
  ;; Script and non-interactive mode: report on stderr and exit with status 1.
  (let ((*print-escape* nil))
    (format *error-output* "~&Unhandled ~S: ~A~%" (%condition-type-name condition) condition))
  (%print-backtrace *error-output*)
  (uiop:quit 1))

(defvar *reporting-depth* 0)

(defun %invoke-debugger (condition)
  ;; Errors while reporting an error nest; past a few levels, give up
  ;; without running more Lisp code.
  (let ((*reporting-depth* (1+ *reporting-depth*)))
    (when (> *reporting-depth* 3) (%emergency-exit condition))
    (if *interactive*
        (%debugger condition)
        (%report-and-exit condition))))

;;; --- The REPL and the debugger

(defvar * nil) (defvar ** nil) (defvar *** nil)
(defvar + nil) (defvar ++ nil) (defvar +++ nil)
(defvar / nil) (defvar // nil) (defvar /// nil)
(defvar - nil)

(defun %prompt-string ()
  (let ((name (or (car (package-nicknames *package*)) (package-name *package*))))
    (if (> *debug-level* 0)
        (format nil "~A[~D]> " name *debug-level*)
        (format nil "~A> " name))))

(defun %repl-eval-print (form)
  (setq - form)
  (let ((values (multiple-value-list (let ((*reporting-depth* 0)) (eval form)))))
    (setq +++ ++ ++ + + -)
    (setq /// // // / / values)
    (setq *** ** ** * * (car values))
    (fresh-line)
    (if values
        (dolist (v values) (prin1 v) (terpri))
        (format t "; No values~%"))
    (finish-output)))

(defun %debugger-command (form restarts)
  ;; In a debugger level: a restart number or :abort/:bt/:help. Returns T if handled.
  (cond ((and (integerp form) (>= form 0) (< form (length restarts)))
         (invoke-restart-interactively (nth form restarts)))
        ((member form '(:abort :a :q))
         (let ((r (find 'abort restarts :key #'restart-name)))
           (if r (invoke-restart r) (format t "~&No ABORT restart.~%")))
         t)
        ((member form '(:bt :backtrace)) (%print-backtrace *standard-output*) t)
        ((member form '(:help :h))
         (format t "~&Type a restart number, :abort (:a) to leave this level, :bt for a backtrace, or any form to evaluate.~%")
         t)
        (t nil)))

(defun %repl-loop (restarts)
  (let ((abort-report (if (> *debug-level* 0)
                          (format nil "Return to debug level ~D." *debug-level*)
                          "Return to the top level.")))
    (%repl-loop-1 restarts abort-report)))

(defun %repl-loop-1 (restarts abort-report)
  (loop
    (with-simple-restart (abort "~A" abort-report)
      (let ((input (%prompt-read (%prompt-string))))
        (cond ((eq input :eof)
               (fresh-line)
               (if restarts
                   (%debugger-command :abort restarts)
                   (return-from %repl-loop-1 nil)))
              ((eq input :interrupt) (fresh-line))
              (t
               (with-input-from-string (in input)
                 (let ((eof '#:eof))
                   (loop
                     (let ((form (read in nil eof)))
                       (when (eq form eof) (return))
                       (unless (and restarts (%debugger-command form restarts))
                         (%repl-eval-print form))))))))))))

(defun %debugger (condition)
  (let* ((*debug-level* (1+ *debug-level*))
         (restarts (compute-restarts condition))
         (*standard-output* *debug-io*))
    (format *debug-io* "~&~%debugger invoked on a ~S:~%  ~A~%~%Type a restart number to invoke it, :abort (:a) to leave this level, :help for help.~%~%restarts (invokable by number):~%"
            (%condition-type-name condition) condition)
    (let ((i 0))
      (dolist (r restarts)
        (format *debug-io* "  ~D: [~A] ~A~%" i (restart-name r)
                (with-output-to-string (s) (%report-restart r s)))
        (setq i (1+ i))))
    (%print-backtrace *debug-io* 12)
    (%repl-loop restarts)))

(defun %repl ()
  (let ((*interactive* t) (*package* *package*))
    (%repl-loop nil)))

(defun %eval-string (string)
  ;; --eval: every form of STRING, in order.
  (with-input-from-string (in string)
    (let ((eof '#:eof))
      (loop
        (let ((form (read in nil eof)))
          (when (eq form eof) (return))
          (eval form))))))

(defun %run-script (path)
  (let ((*interactive* nil))
    (load path)))

(defun %set-interactive (flag)
  ;; Called by the command line: "T" when a REPL follows --eval/--load.
  (setq *interactive* (equal flag "T")))

(define-condition interactive-interrupt (serious-condition) ()
  (:report "Interactive interrupt (Ctrl-C)."))

(defun %heap-exhausted ()
  ;; Called by the VM between two instructions when memory in use passed
  ;; the heap limit (--dynamic-space-size) even after a full collection.
  (error 'simple-storage-condition
         :format-control "Heap exhausted: ~D MB in use, the limit is ~D MB (see clove --dynamic-space-size)."
         :format-arguments (list (floor (%heap-in-use) 1048576) (floor (%heap-limit) 1048576))))

(define-condition simple-storage-condition (simple-condition storage-condition) ())

(defun %interrupt ()
  ;; Called by the VM between two instructions when Ctrl-C was pressed.
  (if *interactive*
      (with-simple-restart (continue "Continue the interrupted computation.")
        (let ((*reporting-depth* 0))
          (invoke-debugger (make-condition 'interactive-interrupt))))
      (progn
        (format *error-output* "~&clove: interrupted~%")
        (uiop:quit 130))))
