;;;; The 25 special operators, and the error cases of non-local exits.

(in-package "CLOVE-TEST")

(check quote-1 (quote (a b)) '(a b))
(check if-1 (if t 1 2) 1)
(check if-2 (if nil 1 2) 2)
(check if-3 (if nil 1) nil)
(check progn-1 (progn 1 2 3) 3)
(check progn-empty (progn) nil)
(check let-1 (let ((x 1) (y 2)) (+ x y)) 3)
(check let-parallel (let ((x 1)) (let ((x 2) (y x)) (list x y))) '(2 1))
(check let*-1 (let* ((x 1) (y (+ x 1))) (list x y)) '(1 2))
(check setq-1 (let ((x 1)) (setq x 5) x) 5)
(check setq-pairs (let ((a 1) (b 2)) (setq a 10 b (+ a 1)) (list a b)) '(10 11))
(check function-1 (funcall (function car) '(1 2)) 1)
(check lambda-closure (let ((n 10)) (funcall (lambda (x) (+ x n)) 5)) 15)
(check closure-counter
       (let ((count 0))
         (let ((inc (lambda () (setq count (+ count 1)))))
           (funcall inc) (funcall inc) count))
       2)
(check closures-share-binding
       (let* ((x 0) (get (lambda () x)) (set (lambda (v) (setq x v))))
         (funcall set 42) (funcall get))
       42)
(check block-1 (block b 1 (return-from b 2) 3) 2)
(check block-nested (block a (block b (return-from a 1)) 2) 1)
(check block-from-closure (block b (mapcar (lambda (x) (if (= x 2) (return-from b x))) '(1 2 3)) 0) 2)
(check tagbody-1 (let ((n 0)) (tagbody top (setq n (+ n 1)) (if (< n 5) (go top))) n) 5)
(check tagbody-returns-nil (tagbody 1 2) nil)
(check go-from-closure
       (let ((n 0))
         (tagbody
            (funcall (lambda () (go out)))
            (setq n 1)
          out)
         n)
       0)
(check catch-throw (catch 'tag (throw 'tag 5) 6) 5)
(check catch-normal (catch 'tag 6) 6)
(check catch-values (multiple-value-list (catch 'tag (throw 'tag (values 1 2)))) '(1 2))
(check throw-through-functions
       (catch 'done (labels ((f (n) (if (= n 0) (throw 'done :bottom) (f (- n 1))))) (f 100)))
       :bottom)
(check unwind-protect-normal
       (let ((log nil)) (unwind-protect (push 1 log) (push 2 log)) log)
       '(2 1))
(check unwind-protect-throw
       (let ((log nil))
         (catch 'x (unwind-protect (throw 'x 1) (push :cleanup log)))
         log)
       '(:cleanup))
(check unwind-protect-values
       (multiple-value-list (unwind-protect (values 1 2 3) nil))
       '(1 2 3))
(check unwind-protect-return-from
       (let ((log nil))
         (block b (unwind-protect (return-from b 1) (push :c log)))
         log)
       '(:c))
(check unwind-protect-nested-cleanups
       (let ((log nil))
         (catch 'x
           (unwind-protect
                (unwind-protect (throw 'x 1) (push :inner log))
             (push :outer log)))
         log)
       '(:outer :inner))
(check flet-1 (flet ((f (x) (* x 2))) (f 21)) 42)
(check flet-not-recursive (flet ((car (x) (list x))) (car 1)) '(1))
(check labels-recursive (labels ((fact (n) (if (= n 0) 1 (* n (fact (- n 1)))))) (fact 10)) 3628800)
(check labels-mutual
       (labels ((ev (n) (if (= n 0) t (od (- n 1)))) (od (n) (if (= n 0) nil (ev (- n 1))))) (ev 10))
       t)
(check macrolet-1 (macrolet ((twice (x) `(* 2 ,x))) (twice 5)) 10)
(check symbol-macrolet-1 (let ((l (list 1 2))) (symbol-macrolet ((x (car l))) (setq x 10) l)) '(10 2))
(check locally-1 (locally (declare (special *lx*)) 1) 1)
(check the-1 (the fixnum 5) 5)
(check eval-when-execute (eval-when (:execute) 1) 1)
(check eval-when-not (eval-when (:compile-toplevel) 1) nil)
(check mv-call (multiple-value-call #'list (values 1 2) (values) (values 3)) '(1 2 3))
(check mv-prog1 (multiple-value-list (multiple-value-prog1 (values 1 2) 3)) '(1 2))
(check mv-bind (multiple-value-bind (a b c) (values 1 2) (list a b c)) '(1 2 nil))
(check load-time-value-1 (load-time-value (+ 1 2)) 3)

(defvar *sp* 1)
(defun read-sp () *sp*)
(check special-binding (let ((*sp* 2)) (read-sp)) 2)
(check special-restored (progn (let ((*sp* 2)) (read-sp)) (read-sp)) 1)
(check special-restored-after-throw (progn (catch 'x (let ((*sp* 3)) (throw 'x nil))) *sp*) 1)
(check special-restored-after-error
       (progn (ignore-errors (let ((*sp* 4)) (error "boom"))) *sp*)
       1)
(check progv-1 (progv '(*sp*) '(9) (read-sp)) 9)
(check progv-restored (progn (progv '(*sp*) '(9) nil) *sp*) 1)

(check-error return-from-exited-block
             (funcall (block b (lambda () (return-from b 1))))
             control-error)
(check-error go-exited-tagbody
             (let ((f nil)) (tagbody (setq f (lambda () (go x))) x) (funcall f))
             control-error)
(check-error throw-no-catch (throw 'no-such-tag 1) control-error)
(check-error unbound-variable-error (symbol-value (make-symbol "UNBOUND")) unbound-variable)
(check-error undefined-function-error (funcall (make-symbol "NOFUN")) undefined-function)
(check-error too-few-args (funcall (lambda (a b) (list a b)) 1) program-error)
(check-error too-many-args (funcall (lambda (a) a) 1 2) program-error)
(check-error apply-needs-an-argument-list (apply (function cons)) program-error)
(check-error fboundp-malformed-setf-name (fboundp '(setf)) type-error)
(check-error fboundp-dotted-setf-name (fboundp '(setf . foo)) type-error)

;;; COMPILE's second and third values, and its warnings.
(check compile-values-clean (cdr (multiple-value-list (compile nil '(lambda (x) (car x))))) '(nil nil))
(check compile-warns-about-undefined-functions
       (let ((seen nil))
         (handler-bind ((style-warning (lambda (c) (setq seen t) (muffle-warning c))))
           (list (cdr (multiple-value-list (compile nil '(lambda () (surely-undefined-function-xyz))))) seen)))
       '((t nil) t))

;;; PSETQ of a symbol macro is PSETF of its expansion: every place's
;;; subforms and every new value are evaluated left to right, then stored.
(check psetq-symbol-macro-order
       (let ((v (vector 0 1 2 3 4 5 6)) (i 0))
         (symbol-macrolet ((p (svref v (incf i))) (q (svref v (incf i))))
           (psetq p (svref v (incf i)) q (svref v (incf i))))
         (list (coerce v 'list) i))
       '((0 2 2 4 4 5 6) 4))
(check psetq-symbol-macro-swap
       (let ((l (list 1 2)))
         (symbol-macrolet ((a (first l)) (b (second l)))
           (list (psetq a b b a) l)))
       '(nil (2 1)))
(check psetq-mixed-variables-and-symbol-macros
       (let ((x 1) (c (list 2)))
         (symbol-macrolet ((y (car c)))
           (psetq x y y x)
           (list x c)))
       '(2 (1)))

;;; SYMBOL-MACROLET may not name constants or special variables, nor
;;; declare its symbol macros special (CLHS SYMBOL-MACROLET).
(defvar *a-special-for-symbol-macrolet* 1)
(check-error symbol-macrolet-declared-special
             (symbol-macrolet ((x 10)) (declare (special x)) 20)
             program-error)
(check-error symbol-macrolet-constant (symbol-macrolet ((pi 3)) pi) program-error)
(check-error symbol-macrolet-keyword (symbol-macrolet ((:k 3)) 1) program-error)
(check-error symbol-macrolet-special-variable
             (symbol-macrolet ((*a-special-for-symbol-macrolet* 2)) *a-special-for-symbol-macrolet*)
             program-error)
(check-error symbol-macrolet-empty-binding (symbol-macrolet (()) 1) program-error)
(check-error symbol-macrolet-binding-without-expansion (symbol-macrolet ((x)) 1) program-error)
(check symbol-macrolet-other-variable-declared-special
       (let ((y 5))
         (declare (special y))
         (symbol-macrolet ((x 10)) (declare (special y)) (list x y)))
       '(10 5))

;;; NIL names no global function, but FLET, LABELS and MACROLET may bind it.
(check flet-nil (flet ((nil () 'a)) (nil)) 'a)
(check labels-nil (labels ((nil (n) (if (zerop n) 'done (nil (1- n))))) (nil 3)) 'done)
(check macrolet-nil (macrolet ((nil () ''b)) (nil)) 'b)
(check-error call-nil (funcall (lambda () (nil))) undefined-function)
