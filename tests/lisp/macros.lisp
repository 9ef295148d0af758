;;;; defmacro with destructuring lambda lists, macroexpansion, lambda lists.

(in-package "CLOVE-TEST")

(defmacro my-swap (a b) `(rotatef ,a ,b))
(check defmacro-simple (let ((x 1) (y 2)) (my-swap x y) (list x y)) '(2 1))

(defmacro dl ((a &optional (b 2 b-p)) &rest more &key k &allow-other-keys)
  `'(,a ,b ,b-p ,more ,k))
(check destructuring-macro (dl (1) :k 3) '(1 2 nil (:k 3) 3))
(check destructuring-macro-opt (dl (1 5)) '(1 5 t nil nil))

(defmacro with-whole (&whole w a) (declare (ignore a)) `',w)
(check whole-var (with-whole 7) '(with-whole 7))

(defmacro env-macro (&environment env x) (declare (ignore env)) x)
(check environment-var (env-macro 5) 5)

(check macroexpand-1-test (macroexpand-1 '(my-swap p q)) '(rotatef p q))
(check-values macroexpand-not-macro (macroexpand '(car x)) '(car x) nil)
(check macro-function-p (not (null (macro-function 'my-swap))) t)
(check macro-function-nil (macro-function 'car) nil)

(check destructuring-bind-1 (destructuring-bind (a (b c) &rest d) '(1 (2 3) 4 5) (list a b c d)) '(1 2 3 (4 5)))
(check destructuring-bind-key (destructuring-bind (&key a (b 7)) '(:a 1) (list a b)) '(1 7))
(check-error destructuring-too-few (destructuring-bind (a b) '(1) (list a b)) program-error)
(check-error destructuring-too-many (destructuring-bind (a) '(1 2) a) program-error)
(check-error destructuring-bad-key (destructuring-bind (&key a) '(:b 1) a) program-error)

(defun opt-fn (a &optional (b (* a 2) b-p) &rest r) (list a b b-p r))
(check optional-default (opt-fn 1) '(1 2 nil nil))
(check optional-given (opt-fn 1 5 6 7) '(1 5 t (6 7)))
(defun key-fn (&key (a 1 a-p) ((:bee b) 2)) (list a a-p b))
(check key-default (key-fn) '(1 nil 2))
(check key-given (key-fn :bee 3 :a 4) '(4 t 3))
(check key-first-wins (key-fn :a 1 :a 2) '(1 t 2))
(check key-allow-other-keys (key-fn :zzz 1 :allow-other-keys t) '(1 nil 2))
(check-error key-unknown (key-fn :zzz 1) program-error)
(check-error key-odd (key-fn :a) program-error)
(defun aux-fn (a &aux (b (+ a 1))) (list a b))
(check aux-param (aux-fn 1) '(1 2))

(check compile-lambda (funcall (compile nil '(lambda (x) (* x x))) 7) 49)
(defun to-compile (x) (+ x 1))
(check compile-name (compile 'to-compile) 'to-compile)
(check eval-1 (eval '(+ 1 2)) 3)
(check eval-progn-defmacro (eval '(progn (defmacro em1 () 42) (em1))) 42)
(check special-operator-p-if (special-operator-p 'if) t)
(check special-operator-p-car (special-operator-p 'car) nil)
(check fboundp-1 (fboundp 'car) t)
(check fmakunbound-1 (progn (defun temp-f () 1) (fmakunbound 'temp-f) (fboundp 'temp-f)) nil)
(defun (setf my-place) (v x) (rplaca x v))
(check setf-function (let ((c (list 1))) (setf (my-place c) 5) c) '(5))
(check symbol-function-setf (progn (setf (symbol-function 'sf-test) (lambda () 9)) (sf-test)) 9)
(defconstant +my-const+ 10)
(check defconstant-1 +my-const+ 10)
(defparameter *p1* 1)
(defvar *v1* 1)
(defvar *v1* 2)
(check defvar-keeps *v1* 1)
(check multiple-values-limit (>= multiple-values-limit 64) t)
(check nth-value-1 (nth-value 1 (values 1 2 3)) 2)
(check values-list-1 (multiple-value-list (values-list '(1 2))) '(1 2))

;;; CLHS 5.1.3: read-modify-write macros read the place after evaluating
;;; their other arguments.
(check incf-reads-the-place-last
       (let ((x 0)) (list (incf x (setf x 1)) x))
       '(2 2))
(check incf-car-reads-the-place-last
       (let ((l (list 0))) (list (incf (car l) (progn (setf (car l) 10) 1)) l))
       '(11 (11)))
(define-modify-macro appendf (&rest lists) append)
(check modify-macro-with-rest-arguments
       (let ((l (list 1))) (appendf l (list 2) (list 3)) l)
       '(1 2 3))

;;; The long form of DEFSETF wraps its body in a block named for the accessor.
(defun first-of (x) (car x))
(defsetf first-of (cell) (value)
  (return-from first-of `(setf (car ,cell) ,value)))
(check defsetf-long-form-block
       (let ((c (list 1 2))) (setf (first-of c) 9) c)
       '(9 2))

;;; So does DEFINE-SETF-EXPANDER, after the body's docstring and declarations.
(defun second-of (x) (cadr x))
(define-setf-expander second-of (cell &environment env)
  "Sets the second element."
  (declare (ignore env))
  (let ((c (gensym)) (v (gensym)))
    (return-from second-of
      (values (list c) (list cell) (list v) `(setf (car (cdr ,c)) ,v) `(cadr ,c)))))
(check define-setf-expander-block
       (let ((c (list 1 2))) (list (setf (second-of c) 7) (incf (second-of c)) c))
       '(7 8 (1 8)))

;;; CCASE: a STORE-VALUE restart sets the place and tries again.
(check ccase-store-value
       (let ((x 5))
         (list (handler-bind ((type-error (lambda (c) (store-value 2 c))))
                 (ccase x ((1 2) :small) (3 :three)))
               x))
       '(:small 2))
(check-error ccase-no-match (let ((y 9)) (ccase y (1 :a))) type-error)

;;; More standard places: four-letter c[ad]r, ldb, mask-field, apply of aref.
(check setf-cxxxxr
       (let ((l (list 1 (list 2 (list 3 4))))) (setf (cadadr l) 9) l)
       '(1 (2 9)))
(check setf-ldb (let ((x 0)) (list (setf (ldb (byte 4 4) x) 15) x)) '(15 240))
(check setf-mask-field (let ((x 255)) (setf (mask-field (byte 4 0) x) 0) x) 240)
(check setf-apply-aref
       (let ((a (make-array 3 :initial-element 0))) (setf (apply #'aref a (list 1)) 7) (coerce a 'list))
       '(0 7 0))

;;; MULTIPLE-VALUE-SETQ returns the primary value and assigns symbol macros as places.
(check mvsetq-no-vars (multiple-value-setq () (values :good 2)) :good)
(check mvsetq-vars (let (a b) (list (multiple-value-setq (a b) (values 1 2 3)) a b)) '(1 1 2))
(check mvsetq-symbol-macro
       (let ((l (list 1 2))) (symbol-macrolet ((x (car l))) (multiple-value-setq (x) (values 9))) l)
       '(9 2))

;;; NIL in a destructuring pattern is the empty pattern: it matches only NIL.
(check destructuring-nil-pattern (destructuring-bind (a nil b) (list 1 nil 3) (list a b)) '(1 3))
(check-error destructuring-nil-pattern-mismatch (destructuring-bind (a nil b) (list 1 2 3) (list a b)) program-error)

;;; Declarations in a DOLIST body also cover its result form.
(check dolist-declarations-cover-the-result
       (let ((x :good)) (declare (special x)) (let ((x :bad)) (dolist (e nil x) (declare (special x)))))
       :good)

;;; Compiler macros are used when a call is compiled (CLHS 3.2.2.1), not
;;; when the function is declared or proclaimed NOTINLINE, nor for a local
;;; function of the same name; one that declines returns the form.
(defvar *cm-expansions* 0)
(defun cm-square (x) (* x x))
(define-compiler-macro cm-square (&whole form x)
  (incf *cm-expansions*)
  (if (numberp x) `(quote (:folded ,(* x x))) form))
(check compiler-macro-used
       (list (funcall (compile nil '(lambda () (cm-square 4)))) (funcall (compile nil '(lambda (y) (cm-square y))) 3))
       '((:folded 16) 9))
(check compiler-macro-not-for-notinline
       (list (funcall (compile nil '(lambda () (locally (declare (notinline cm-square)) (cm-square 4)))))
             (funcall (compile nil '(lambda () (flet ((cm-square (x) (list :local x))) (cm-square 4))))))
       '(16 (:local 4)))
(check compiler-macro-not-for-proclaimed-notinline
       (progn (proclaim '(notinline cm-square))
              (prog1 (funcall (compile nil '(lambda () (cm-square 4))))
                (proclaim '(inline cm-square))))
       16)
(check compiler-macro-declined-once
       (let ((*cm-expansions* 0))
         (list (funcall (compile nil '(lambda (y) (cm-square y))) 5) *cm-expansions*))
       '(25 1))
(defun cm-fails (x) (list :called x))
(define-compiler-macro cm-fails (x) (error "cannot expand ~S" x))
(check compiler-macro-error-compiles-the-call
       (let ((warned nil))
         (handler-bind ((warning (lambda (w) (setq warned t) (muffle-warning w))))
           (list (funcall (compile nil '(lambda () (cm-fails 2)))) warned)))
       '((:called 2) t))
