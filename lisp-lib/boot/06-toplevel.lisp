;;;; The top level: LOAD, the REPL, the debugger, script mode and leaving
;;;; the process. The command line (crates/clove) calls %TOPLEVEL with
;;;; %PROCESS-OPTIONS, %RUN-SCRIPT or %REPL; lines are read through the
;;;; host's line editor.

(in-package "CLOVE-SYSTEM")

(%export (list (intern "QUIT" "UIOP")) "UIOP")
(%export (list (intern "EXIT" "CLOVE") (intern "INTERACTIVE-INTERRUPT" "CLOVE")) "CLOVE")

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
         (truename (and pathname
                        (or (probe-file pathname) (%load-default-type pathname)
                            ;; A pipe (/dev/stdin, a shell's <(...)) has no
                            ;; real name, but it opens.
                            (and (not from-stream) (%file-kind (%native pathname)) pathname)))))
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
  ;; The file is opened once, and its first bytes tell a fasl from source.
  (let* ((name (and truename (not from-stream) (namestring truename)))
         (where (if (stringp filespec) filespec name))
         (stream (if from-stream filespec (%open-input-file name))))
    (let ((*readtable* *readtable*)
          (*package* *package*)
          (*load-pathname* pathname)
          (*load-truename* truename))
      (when verbose (format t "~&; loading ~A~%" (or where stream)))
      (unwind-protect
           (if (and name (%fasl-file-p stream))
               (%load-fasl stream print)
               (let ((eof '#:eof))
                 (%skip-shebang stream)
                 (loop
                   (let ((form (read stream nil eof)))
                     (when (eq form eof) (return t))
                     (let ((values (let ((*source-location* (and name (format nil "~A:~D:~D" where (%form-line stream) (%form-column stream)))))
                                     (multiple-value-list (eval form)))))
                       (when print (format t "~&; ~{~S~^, ~}~%" values)))))))
        (unless from-stream (close stream))))))

;;; --- Reporting errors

(defparameter *internal-frames*
  '(signal error cerror warn %signal-error invoke-debugger %invoke-debugger %debugger
    %print-backtrace %backtrace-frames %report-and-exit break))

(defparameter *toplevel-frames* '(%repl-eval-print %repl-read %eval-string %run-script %process-options)
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
  ;; Each frame as a call, then where its function was defined; nothing
  ;; at all when there are no frames (a reader error typed at the REPL).
  (let ((i 0) (*print-length* 6) (*print-level* 3) (*print-circle* t) (*print-readably* nil)
        (frames (%backtrace-frames)))
    (when frames (format stream "~&~%Backtrace:~%"))
    (dolist (frame frames)
      (when (and limit (>= i limit)) (format stream "  ... ~D more frames~%" (- (length frames) i)) (return))
      (let ((name (car frame)) (source (car (cdr frame))) (args (cdr (cdr frame))))
        (if (eq name 'top-level-form)
            (format stream "  ~D: top-level form" i)
            (format stream "  ~D: (~S~{ ~S~})" i (or name 'lambda) args))
        (format stream "~@[  [~A]~]~%" source))
      (setq i (1+ i)))))

(defparameter *script-backtrace-frames* 100
  "How many frames an unhandled error's backtrace shows in script mode.")

(defun %report-and-exit (condition)
  ;; Script and non-interactive mode: report on stderr and exit with status 1.
  (%show-condition *error-output* (format nil "Unhandled ~S" (%condition-type-name condition)) condition)
  (%print-backtrace *error-output* *script-backtrace-frames*)
  (uiop:quit 1))

(defvar *reporting-depth* 0)

(defvar *debugger-disabled* nil
  "True after --disable-debugger: errors are reported as in a script, also in the REPL.")

(defun %disable-debugger ()
  (setq *debugger-disabled* t))

(defun %invoke-debugger (condition)
  ;; Errors while reporting an error nest; past a few levels, give up
  ;; without running more Lisp code.
  (let ((*reporting-depth* (1+ *reporting-depth*)))
    (when (> *reporting-depth* 3) (%emergency-exit condition))
    (if (and *interactive* (not *debugger-disabled*))
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
                          (format nil "Reduce debugger level (to debug level ~D)." *debug-level*)
                          "Exit debugger, returning to top level.")))
    (%repl-loop-1 restarts abort-report)))

(defun %repl-loop-1 (restarts abort-report)
  (loop
    (with-simple-restart (abort "~A" abort-report)
      (multiple-value-bind (form status) (%repl-read)
        (case status
          (:eof
           (fresh-line)
           (if restarts
               (%debugger-command :abort restarts)
               (return-from %repl-loop-1 nil)))
          (:interrupt (fresh-line))
          (t (unless (and restarts (%debugger-command form restarts))
               (%repl-eval-print form))))))))

(defun %repl-read ()
  ;; The next form typed, as (values form :form), or (values nil :eof) at
  ;; the end of input, (values nil :interrupt) for Ctrl-C at the prompt.
  ;; As in SBCL, the REPL reads *standard-input* (the terminal's line
  ;; editor shows the prompt), then takes the rest of the line if it is
  ;; blank, so a READ-LINE in the form reads the next line. After a
  ;; reader error the rest of its line is dropped.
  (let ((in *standard-input*) (eof '#:eof) (*reporting-depth* 0))
    (%set-prompt (%prompt-string))
    (unwind-protect
         (handler-case
             (let ((form (handler-bind ((reader-error (lambda (c) (declare (ignore c)) (%drop-line in))))
                           (read-preserving-whitespace in nil eof))))
               (if (eq form eof)
                   (values nil :eof)
                   (progn (%skip-blank-line-end in) (values form :form))))
           (clove:interactive-interrupt () (values nil :interrupt)))
      (%set-prompt ""))))

(defun %skip-blank-line-end (stream)
  ;; Spaces and tabs up to and including the end of the line.
  (loop
    (let ((c (peek-char nil stream nil nil)))
      (cond ((member c '(#\Space #\Tab)) (read-char stream))
            ((eql c #\Newline) (read-char stream) (return))
            (t (return))))))

(defun %drop-line (stream)
  (loop
    (let ((c (read-char stream nil nil)))
      (when (or (null c) (eql c #\Newline)) (return)))))

(defun %show-condition (stream heading condition)
  ;; SBCL's layout: "HEADING:", then the report on the next lines,
  ;; indented by two (pretty-printed newlines in the report keep the
  ;; indentation; plain ~% newlines start at the margin, as in SBCL).
  (let ((*print-pretty* t) (*print-escape* nil))
    (format stream "~&~@<~A:~2I~:@_~A~:>~%" heading condition)))

(defun %show-restarts (stream restarts)
  ;; "  0: [ABORT   ] report", names padded to the longest; a restart
  ;; whose name was shown already, or that has none, shows blanks.
  (let ((width (reduce #'max restarts :initial-value 0
                       :key (lambda (r) (if (restart-name r) (length (princ-to-string (restart-name r))) 0))))
        (shown '(nil))
        (i 0))
    (format stream "~&restarts (invokable by number):~%")
    (dolist (r restarts)
      (let ((name (restart-name r))
            (report (with-output-to-string (s) (%report-restart r s))))
        (if (member name shown)
            (format stream "~3D: ~vA~A~%" i (if (> width 0) (+ width 3) 0) "" report)
            (progn (format stream "~3D: [~vA] ~A~%" i width name report)
                   (push name shown))))
      (setq i (1+ i)))))

(defun %debugger (condition)
  (let* ((*debug-level* (1+ *debug-level*))
         (restarts (compute-restarts condition))
         (*standard-output* *debug-io*))
    (format *debug-io* "~&~%")
    (%show-condition *debug-io* (format nil "debugger invoked on a ~S" (%condition-type-name condition)) condition)
    (format *debug-io* "~%Type a restart number to invoke it, :abort (:a) to leave this level, :help for help.~%~%")
    (%show-restarts *debug-io* restarts)
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
  ;; PATH "-" is standard input. Output the script leaves buffered is
  ;; written before it ends, so a write error is reported as its error.
  (let ((*interactive* nil))
    (load (if (equal path "-") *standard-input* path))
    (finish-output *stdout*)
    (finish-output *stderr*)))

(defun %process-options (&rest options)
  ;; The command line's --eval, --load and --system options (the init
  ;; files come first, as --load; then the systems), as pairs of "eval",
  ;; "load" or "system" and the text, in order. In the debugger, an error in one offers to skip it, to skip
  ;; the rest (ABORT, which goes on to the REPL) or to exit.
  (loop for (kind text) on options by #'cddr
        do (restart-case (cond ((equal kind "eval") (%eval-string text))
                               ((equal kind "system") (funcall (find-symbol "LOAD-SYSTEM" "ASDF") text))
                               (t (load text)))
             (continue ()
               :report (lambda (s) (format s "Ignore the option --~A ~S and go on." kind text))
               nil)
             (abort ()
               :report "Skip the remaining --system, --eval and --load options."
               (return-from %process-options nil))
             (clove:exit ()
               :report "Exit clove."
               (%quit 1 nil)))))

;;; --- Leaving the process

(defvar *exit-tag* nil
  "While the command line runs something, the catch tag QUIT and EXIT throw to.")

(defun %toplevel (name &rest args)
  ;; The command line's entry point: calls the function named NAME in this
  ;; package on ARGS. QUIT and EXIT inside unwind to here (running the
  ;; cleanups of UNWIND-PROTECT forms) before the process exits.
  (let* ((tag (list '%exit))
         (status (catch tag
                   (let ((*exit-tag* tag))
                     (apply (intern name "CLOVE-SYSTEM") args))
                   nil)))
    (when status (%exit status))))

(defun %quit (status abort)
  ;; Unix keeps a status's low 8 bits: -1 is 255, 256 is 0.
  (unless (integerp status)
    (error 'type-error :datum status :expected-type 'integer))
  (let ((status (logand status 255)))
    (if (and *exit-tag* (not abort))
        (throw *exit-tag* status)
        (%exit status))))

(defun uiop:quit (&optional (code 0) (finish-output t))
  "Exits with status CODE after unwinding the stack (UNWIND-PROTECT
cleanups run); buffered output is always written out."
  (declare (ignore finish-output))
  (%quit code nil))

(defun clove:exit (&key (code 0) abort timeout)
  "SBCL's EXIT: exits with status CODE, unwinding the stack first (UNWIND-PROTECT
cleanups run) unless ABORT is true. Buffered output is written out."
  (declare (ignore timeout))
  (%quit code abort))

(defun %set-interactive (flag)
  ;; Called by the command line: "T" when a REPL follows --eval/--load.
  (setq *interactive* (equal flag "T")))

(define-condition clove:interactive-interrupt (serious-condition) ()
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
          (invoke-debugger (make-condition 'clove:interactive-interrupt))))
      ;; A script: handlers may take it (unwinding runs cleanups);
      ;; otherwise the script ends with status 130, as from a shell.
      (with-simple-restart (continue "Continue the interrupted computation.")
        (signal 'clove:interactive-interrupt)
        (format *error-output* "~&clove: interrupted~%")
        (uiop:quit 130))))
