;;;; Errors the compiler finds in a form (binding a constant, a malformed
;;;; special form, a bad function name...) are signalled as program-errors
;;;; when that form runs, as in SBCL: the rest of the code compiles and
;;;; runs. COMPILE reports them and returns true failure-p.

(in-package "CLOVE-TEST")

(defun branch-with-an-error (x) (if x (let ((t 1)) t) 2))
(check faulty-branch-not-taken (branch-with-an-error nil) 2)
(check-error faulty-branch-taken (branch-with-an-error t) program-error)
(check faulty-branch-message
       (handler-case (branch-with-an-error t) (program-error (c) (princ-to-string c)))
       "cannot bind the constant T")

(check-error let-constant (let ((t 1)) t) program-error)
(check-error let-two-init-forms (let ((x 1 2)) x) program-error)
(check-error let-star-keyword (let* ((:k 1)) 1) program-error)
(check-error setq-constant (setq pi 3) program-error)
(check-error setq-odd (funcall (lambda () (let ((a 1)) (setq a)))) program-error)
(check-error setq-non-symbol (setq (car x) 3) program-error)
(check-error function-bad-name (function 3) program-error)
(check-error function-local-macro (macrolet ((m () 1)) (function m)) program-error)
(check-error lambda-constant-parameter (funcall (lambda (pi) pi) 1) program-error)
(check-error if-too-many-arguments (if t 1 2 3) program-error)
(check-error quote-two-arguments (quote 1 2) program-error)
(check-error return-from-unknown-block (return-from no-such-block 1) program-error)
(check-error go-unknown-tag (tagbody (go no-such-tag)) program-error)
(check-error flet-malformed-binding (flet ((f)) 1) program-error)
(check-error function-bad-setf-name (function (setf 1)) program-error)
(check-error function-long-setf-name (function (setf a b)) program-error)
(check-error function-empty-setf-name (function (setf)) program-error)
(check-error function-lambda-without-lambda-list (function (lambda)) program-error)
(check-error flet-bad-function-name (flet ((1 (x) x)) 1) program-error)
(check-error labels-bad-setf-name (labels (((setf 1) (v x) v)) 1) program-error)
(check flet-setf-name (flet (((setf thing) (v x) (list v x))) (setf (thing 1) 2)) '(2 1))
(check-error illegal-function-call (funcall (lambda () ((1 2) 3))) program-error)

;;; Only the faulty form fails: the forms before it have run.
(check faulty-form-runs-after-the-others
       (let ((trace nil))
         (handler-case (progn (push 1 trace) (let ((t 2)) t) (push 3 trace))
           (program-error () (push :error trace)))
         trace)
       '(:error 1))

;;; Errors in closures and nested functions are deferred too.
(check faulty-closure-is-created
       (functionp (funcall (lambda () (lambda () (setq pi 1)))))
       t)
(check-error faulty-closure-signals-when-called
             (funcall (funcall (lambda () (lambda () (setq pi 1)))))
             program-error)

;;; The enclosing lexical environment is intact after a faulty form.
(check scope-after-faulty-binding
       (let ((x 10))
         (list (handler-case (let ((y 1) (t 2)) y) (program-error () :error)) x))
       '(:error 10))

;;; COMPILE returns the function with warnings-p and failure-p true, and
;;; reports the error on *ERROR-OUTPUT*.
(check compile-failure-p
       (let ((*error-output* (make-string-output-stream)))
         (destructuring-bind (f warnings-p failure-p)
             (multiple-value-list (compile nil '(lambda (x) (if x (setq pi x) :fine))))
           (list (funcall f nil)
                 (handler-case (funcall f 4) (program-error () :error))
                 warnings-p failure-p
                 (and (search "cannot SETQ the constant PI" (get-output-stream-string *error-output*)) t))))
       '(:fine :error t t t))
(check compile-clean-has-no-failure
       (let ((*error-output* (make-string-output-stream)))
         (cdr (multiple-value-list (compile nil '(lambda (x) x)))))
       '(nil nil))

;;; A malformed lambda list makes a function that signals when called.
(check faulty-lambda-list-function-exists (functionp (lambda (t) t)) t)
(defun faulty-lambda-list (a &rest) a)
(check faulty-lambda-list-defun-defines (fboundp 'faulty-lambda-list) t)
(check-error faulty-lambda-list-defun-call (faulty-lambda-list 1) program-error)
(check-error faulty-lambda-list-local (flet ((f (&optional (pi 3)) pi)) (f)) program-error)
(check compile-faulty-lambda-list
       (let ((*error-output* (make-string-output-stream)))
         (destructuring-bind (f warnings-p failure-p)
             (multiple-value-list (compile nil '(lambda (&key (t 1)) t)))
           (list (functionp f) (handler-case (funcall f) (program-error () :error)) warnings-p failure-p)))
       '(t :error t t))

;;; An error signalled by a macro expander while the compiler expands a
;;; subform is signalled as a program-error when that subform runs, so the
;;; handlers around it see it (as in SBCL).
(defmacro always-fails () (error "this macro always fails"))
(check macroexpansion-error-at-run-time
       (handler-case (always-fails)
         (program-error (c) (and (search "this macro always fails" (princ-to-string c)) :caught)))
       :caught)
(check macroexpansion-error-only-when-reached
       (funcall (compile nil '(lambda (x) (if x (always-fails) :fine))) nil)
       :fine)
(check-error macroexpansion-error-when-reached
             (funcall (compile nil '(lambda (x) (if x (always-fails) :fine))) t)
             program-error)

;;; Calls whose arguments the callee cannot accept, when the compiler
;;; knows the callee: a style warning for a global function (it may be
;;; redefined), a warning for a lambda form; as SBCL. The code still runs.

(defun arity-target (a &optional b &key c) (list a b c))
(defun compile-warnings (form)
  ;; The messages of the warnings COMPILE signals, their kinds, and its
  ;; second and third values.
  (let ((seen nil))
    (multiple-value-bind (f warnings-p failure-p)
        (handler-bind ((warning (lambda (w)
                                  ;; The message, after where the call is.
                                  (let* ((text (princ-to-string w))
                                         (start (or (search "The function" text) (search "A lambda form" text) 0)))
                                    (push (list (if (typep w 'style-warning) :style :full) (subseq text start)) seen))
                                  (muffle-warning w))))
          (compile nil form))
      (declare (ignore f))
      (list (reverse seen) warnings-p failure-p))))
(check arity-too-few
       (compile-warnings '(lambda () (arity-target)))
       '(((:style "The function ARITY-TARGET is called with 0 arguments, but wants at least 1.")) t nil))
(check arity-unknown-keyword
       (compile-warnings '(lambda () (arity-target 1 2 :d 4)))
       '(((:style "The function ARITY-TARGET is called with :D, which is not a known argument keyword.")) t nil))
(check arity-odd-keywords
       (compile-warnings '(lambda () (arity-target 1 2 :c)))
       '(((:style "The function ARITY-TARGET is called with an odd number of keyword arguments.")) t nil))
(check arity-primitive-too-many
       (compile-warnings '(lambda (x) (car x x)))
       '(((:style "The function CAR is called with 2 arguments, but wants exactly 1.")) t nil))
(check arity-lambda-form
       (compile-warnings '(lambda () ((lambda (&key a) a) :b 1)))
       '(((:full "A lambda form is called with :B, which is not a known argument keyword.")) t t))
(check arity-fine-calls
       (compile-warnings '(lambda (k) (list (arity-target 1) (arity-target 1 2 :c 3) (arity-target 1 2 k 3)
                                            (arity-target 1 2 :d 4 :allow-other-keys t)
                                            ((lambda (a &rest r) (list a r)) 1 2 3))))
       '(nil nil nil))
(check arity-local-function-shadows
       (compile-warnings '(lambda () (flet ((arity-target () 0)) (arity-target))))
       '(nil nil nil))
