;;;; UIOP/IMAGE in the running image: hooks, restoring, fatal conditions,
;;;; backtraces, the command line. (What quits the process is tested from
;;;; the command line, in crates/clove/tests/uiop.rs.)

(in-package "CLOVE-TEST")

(check command-line-arguments-of-a-list (uiop:command-line-arguments '("prog" "a" "b")) '("a" "b"))
(check command-line-arguments-are-the-rest
       (equal (uiop:command-line-arguments) (rest (uiop:raw-command-line-arguments)))
       t)
(check setup-command-line-arguments
       (let ((uiop:*command-line-arguments* :unset))
         (uiop:setup-command-line-arguments)
         (equal uiop:*command-line-arguments* (uiop:command-line-arguments)))
       t)
(check image-variables (list uiop:*image-dumped-p* uiop:*lisp-interaction* (listp uiop:*image-restore-hook*))
       '(nil t t))
(check standard-restore-hooks
       (every (lambda (h) (member h uiop:*image-restore-hook*))
              '(uiop:setup-stdin uiop:setup-stdout uiop:setup-stderr uiop:setup-command-line-arguments
                uiop:setup-temporary-directory))
       t)

(defvar *calls* '())
(defun note-a () (push :a *calls*))
(defun note-b () (push :b *calls*))
(check register-image-restore-hook-calls-now
       (let ((uiop:*image-restore-hook* '()) (*calls* '()))
         (uiop:register-image-restore-hook 'note-a)
         (uiop:register-image-restore-hook 'note-b nil)
         (uiop:register-image-restore-hook 'note-a)
         (list uiop:*image-restore-hook* *calls*))
       '((note-b note-a) (:a :a)))
(check call-image-restore-hook-in-registration-order
       (let ((uiop:*image-restore-hook* '()) (*calls* '()))
         (uiop:register-image-restore-hook 'note-a nil)
         (uiop:register-image-restore-hook 'note-b nil)
         (uiop:call-image-restore-hook)
         (reverse *calls*))
       '(:a :b))
(check dump-hooks
       (let ((uiop:*image-dump-hook* '()) (*calls* '()))
         (uiop:register-image-dump-hook 'note-a)
         (uiop:register-image-dump-hook 'note-b)
         (uiop:call-image-dump-hook)
         (list uiop:*image-dump-hook* (reverse *calls*)))
       '((note-b note-a) (:b :a)))

(check restore-image-interactive
       (let ((uiop/image::*image-restored-p* nil) (uiop:*image-restore-hook* '()) (*calls* '()))
         (list (multiple-value-list
                (uiop:restore-image :lisp-interaction t :restore-hook '(note-a) :prelude "(clove-test::note-b)"
                                    :entry-point (lambda () (values :entry 2))))
               (reverse *calls*)))
       '((:entry 2) (:a :b)))
(check-error restore-image-twice
             (let ((uiop/image::*image-restored-p* t)) (uiop:restore-image :lisp-interaction t))
             error)
(check restore-image-twice-quietly
       (let ((uiop/image::*image-restored-p* t)) (uiop:restore-image :if-already-restored nil))
       nil)

(check fatal-condition-p (list (uiop:fatal-condition-p (make-condition 'simple-error))
                               (uiop:fatal-condition-p (make-condition 'storage-condition))
                               (uiop:fatal-condition-p (make-condition 'simple-warning)))
       '(t t nil))
(check with-fatal-condition-handler-values (multiple-value-list (uiop:with-fatal-condition-handler () (values 1 2)))
       '(1 2))
(check with-fatal-condition-handler-warnings-pass
       (handler-case (uiop:with-fatal-condition-handler () (warn "only a warning"))
         (warning (w) (princ-to-string w)))
       "only a warning")
(check with-fatal-condition-handler-interactive-debugger
       (let ((uiop:*lisp-interaction* t)
             (*debugger-hook* (lambda (c hook) (declare (ignore hook)) (throw 'debugger (princ-to-string c)))))
         (catch 'debugger (uiop:with-fatal-condition-handler () (error "inner"))))
       "inner")
(check print-backtrace
       (let ((text (with-output-to-string (s) (uiop:print-backtrace :stream s :count 2))))
         (not (null (search "Backtrace" text))))
       t)
(check print-condition-backtrace
       (let ((text (with-output-to-string (s)
                     (uiop:print-condition-backtrace (make-condition 'simple-error :format-control "the cause")
                                                     :stream s :count 1))))
         (not (null (search "Above backtrace due to this condition:
the cause" text))))
       t)
(check-error dump-image-not-yet (uiop:dump-image "/tmp/clove-never.image") uiop:not-implemented-error)
(check dump-image-runs-dump-hooks-first
       (let ((uiop:*image-dump-hook* '(note-a)) (*calls* '()))
         (ignore-errors (uiop:dump-image "/tmp/clove-never.image"))
         *calls*)
       '(:a))
(check-error create-image (uiop:create-image "/tmp/x" '()) uiop:not-implemented-error)
