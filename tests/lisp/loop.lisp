;;;; The LOOP macro (CLHS 6.1): every clause kind, destructuring, hash
;;;; table and package iteration, nesting, stepping order, and malformed loops.

(in-package "CLOVE-TEST")

(defmacro loop-error (name form)
  ;; A malformed LOOP is a PROGRAM-ERROR when it is expanded.
  `(check-error ,name (macroexpand-1 ',form) program-error))

(defun output-of (thunk)
  (with-output-to-string (*standard-output*) (funcall thunk)))

;;; --- The simple form

(check simple-loop (let ((n 0)) (loop (incf n) (when (= n 5) (return (* n 10))))) 50)
(check simple-loop-empty-body-returns (block nil (let ((n 0)) (loop (when (> (incf n) 2) (return-from nil n))))) 3)

;;; --- FOR/AS: lists

(check for-in (loop for x in '(1 2 3) collect (* x x)) '(1 4 9))
(check for-in-empty (loop for x in nil collect x) nil)
(check for-in-by (loop for x in '(1 2 3 4 5) by #'cddr collect x) '(1 3 5))
(check for-in-by-quoted (loop for x in '(1 2 3 4 5) by 'cddr collect x) '(1 3 5))
(check for-in-by-lambda (loop for x in '(1 2 3 4 5) by (lambda (l) (cdddr l)) collect x) '(1 4))
(check for-in-last-value (loop for x in '(1 2 3) finally (return x)) 3)
(check-error for-in-dotted (loop for x in '(1 2 . 3) collect x) type-error)
(check-error for-in-not-list (loop for x in 5 collect x) type-error)
(check for-on (loop for x on '(1 2 3) collect x) '((1 2 3) (2 3) (3)))
(check for-on-dotted (loop for x on '(1 2 . 3) collect x) '((1 2 . 3) (2 . 3)))
(check for-on-by (loop for x on '(1 2 3 4) by #'cddr collect x) '((1 2 3 4) (3 4)))
(check for-on-ends-at-atom (loop for x on '(1 2 3) finally (return x)) nil)
(check for-on-destructuring (loop for (a b) on '(1 2 3 4) collect (list a b)) '((1 2) (2 3) (3 4) (4 nil)))
(check as-synonym (loop as x in '(1 2) as y = (* x 2) collect y) '(2 4))
(check keywords-any-package (loop :for x :in '(1 2 3) :collect x) '(1 2 3))

;;; --- FOR/AS: = THEN, ACROSS

(check for-equals (loop for x in '(1 2 3) for y = (* x 10) collect y) '(10 20 30))
(check for-equals-then (loop for x = 1 then (* x 2) repeat 5 collect x) '(1 2 4 8 16))
(check for-equals-then-sees-earlier (loop for x in '(1 2 3) for y = x then (+ y x) collect y) '(1 3 6))
(check for-equals-while (loop for x = 1 then nil while x collect x) '(1))
(check for-across-vector (loop for x across #(1 2 3) collect x) '(1 2 3))
(check for-across-string (loop for c across "abc" collect c) '(#\a #\b #\c))
(check for-across-fill-pointer
       (loop for x across (make-array 3 :initial-contents '(a b c) :fill-pointer 2) collect x) '(a b))
(check for-across-empty (loop for x across "" collect x) nil)
(check for-across-last (loop for x across #(1 2 3) finally (return x)) 3)
(check-error for-across-not-vector (loop for x across '(1 2) collect x) type-error)

;;; --- FOR/AS: arithmetic

(check for-from-to (loop for i from 1 to 3 collect i) '(1 2 3))
(check for-below (loop for i below 3 collect i) '(0 1 2))
(check for-upfrom-below (loop for i upfrom 7 below 10 collect i) '(7 8 9))
(check for-upto (loop for i from 1 upto 3 sum i) 6)
(check for-downto (loop for i from 10 downto 7 collect i) '(10 9 8 7))
(check for-downfrom-to (loop for i downfrom 10 to 7 collect i) '(10 9 8 7))
(check for-above-by (loop for x from 10 above 5 by 2 collect x) '(10 8 6))
(check for-downto-by (loop for x from 3 downto -3 by 2 collect x) '(3 1 -1 -3))
(check for-by-ratio (loop for x from 0 below 1 by 1/4 collect x) '(0 1/4 1/2 3/4))
(check for-by-float (loop for x from 0 to 1 by 0.5 collect x) '(0 0.5 1.0))
(check for-from-empty (loop for x from 5 to 3 collect x) nil)
(check for-unbounded (loop for x upfrom 3 repeat 3 collect x) '(3 4 5))
(check for-downfrom-unbounded (loop for x downfrom 3 repeat 5 collect x) '(3 2 1 0 -1))
(check for-to-first (loop for x to 2 collect x) '(0 1 2))
(check for-final-value (loop for i from 1 to 3 finally (return i)) 4)
(check for-below-final-value (loop for i below 3 finally (return i)) 3)
(check for-forms-evaluated-once
       (let ((calls 0)) (loop for i from 0 below (progn (incf calls) 3) sum i) calls) 1)

;;; --- FOR/AS: hash tables and packages

(defun table-of (&rest pairs)
  (let ((h (make-hash-table :test 'equal)))
    (loop for (k v) on pairs by #'cddr do (setf (gethash k h) v))
    h))

(check hash-keys (sort (loop for k being the hash-keys of (table-of 1 :a 2 :b 3 :c) collect k) #'<) '(1 2 3))
(check hash-key-singular (loop for k being each hash-key in (table-of 1 :a) collect k) '(1))
(check hash-values (sort (loop for v being the hash-values of (table-of :a 1 :b 2) collect v) #'<) '(1 2))
(check hash-keys-using-value
       (sort (loop for k being the hash-keys of (table-of 1 10 2 20) using (hash-value v) collect (+ k v)) #'<)
       '(11 22))
(check hash-values-using-key
       (loop for v being the hash-values of (table-of 'a '(1 2)) using (hash-key k) collect (list k v))
       '((a (1 2))))
(check hash-destructuring-key (loop for (a . b) being the hash-keys of (table-of '(1 . 2) t) collect (list a b))
       '((1 2)))
(check hash-destructuring-value (loop for (a b) being the hash-values of (table-of 'x '(1 2)) collect (+ a b)) '(3))
(check hash-empty (loop for k being the hash-keys of (make-hash-table) collect k) nil)
(check-error hash-not-table (loop for k being the hash-keys of 5 collect k) type-error)

(defpackage "LOOP-TEST-BASE" (:use) (:export "A" "B") (:intern "HIDDEN"))
(defpackage "LOOP-TEST-PKG" (:use "LOOP-TEST-BASE") (:export "D") (:intern "E"))

(defun names (symbols) (sort (mapcar #'symbol-name symbols) #'string<))

(check symbols-all (names (loop for s being the symbols of "LOOP-TEST-PKG" collect s)) '("A" "B" "D" "E"))
(check symbols-each-in (names (loop for s being each symbol in :loop-test-pkg collect s)) '("A" "B" "D" "E"))
(check symbols-present (names (loop for s being the present-symbols of "LOOP-TEST-PKG" collect s)) '("D" "E"))
(check symbols-external (names (loop for s being the external-symbols of (find-package "LOOP-TEST-PKG") collect s))
       '("D"))
(check symbols-current-package
       (let ((*package* (find-package "LOOP-TEST-BASE"))) (names (loop for s being the symbols collect s)))
       '("A" "B" "HIDDEN"))
(check-error symbols-no-package (loop for s being the symbols of "NO-SUCH-LOOP-PACKAGE" collect s) package-error)

;;; --- Destructuring and types

(check destructure-dotted (loop for (a . b) in '((1 . 2) (3 . 4)) collect (+ a b)) '(3 7))
(check destructure-skip-nil (loop for (a nil . c) in '((1 2 3 4) (5 6)) collect (list a c)) '((1 (3 4)) (5 nil)))
(check destructure-nested (loop for ((a b) c) in '(((1 2) 3) ((4 5) 6)) collect (list a b c)) '((1 2 3) (4 5 6)))
(check destructure-short (loop for (a b) in '((1)) collect (list a b)) '((1 nil)))
(check destructure-then (loop for (a b) = '(1 2) then (list b a) repeat 3 collect (list a b)) '((1 2) (2 1) (1 2)))
(check destructure-with (loop with (a . b) = '(1 . 2) and c = 3 return (list a b c)) '(1 2 3))
(check destructure-with-parallel (let ((x 1)) (loop with (x) = '(2) and y = x return (list x y))) '(2 1))
(check of-type (loop for x of-type fixnum in '(1 2) collect x) '(1 2))
(check simple-type (loop for x fixnum in '(1 2) collect x) '(1 2))
(check destructured-type (loop for (a b) of-type (fixnum fixnum) in '((1 2)) collect (+ a b)) '(3))
(check with-type-default-fixnum (loop with x of-type fixnum return x) 0)
(check with-type-default-float (loop with x float return x) 0.0)
(check with-type-default-double (loop with x of-type double-float return x) 0.0d0)
(check with-type-default-other (loop with x of-type (or null fixnum) return x) nil)

;;; --- WITH, sequential and parallel binding and stepping

(check with-simple (loop with a = 1 with b = (+ a 1) return (list a b)) '(1 2))
(check with-and-parallel (let ((x 1)) (loop with x = 2 and y = x return y)) 1)
(check with-no-init (loop with x return x) nil)
(check for-sequential (loop for i from 1 to 3 for j = 10 then (+ j i) collect (list i j)) '((1 10) (2 12) (3 15)))
(check for-and-parallel (loop for i from 1 to 3 and j = 10 then (+ j i) collect (list i j)) '((1 10) (2 11) (3 13)))
(check for-and-swap (loop for x = 1 then y and y = 2 then x repeat 4 collect (list x y)) '((1 2) (2 1) (1 2) (2 1)))
(check for-shortest-list (loop for x in '(1 2) for y in '(a b c) collect (cons x y)) '((1 . a) (2 . b)))
(check for-and-lists (loop for x in '(1 2 3) and y on '(a b) collect (list x y)) '((1 (a b)) (2 (b))))
(check for-stops-before-later-clauses
       (output-of (lambda () (loop for x in '(1 2) for y = (princ x) collect y))) "12")
(check while-between-fors (loop for i from 0 while (< i 3) for j = (* i 10) collect j) '(0 10 20))
(check for-after-with (loop for x in '(1 2) with y = 10 collect (+ x y)) '(11 12))

;;; --- REPEAT and termination tests

(check repeat (loop repeat 3 collect :a) '(:a :a :a))
(check repeat-zero (loop repeat 0 collect 1) nil)
(check repeat-negative (loop repeat -1 collect 1) nil)
(check repeat-ceiling (loop repeat 2.5 collect 1) '(1 1 1))
(check repeat-evaluated-once (let ((n 0)) (loop repeat (progn (incf n) 3) do (incf n 10)) n) 31)
(check repeat-counts-at-start (loop count t into a repeat 3 count t into b finally (return (list a b))) '(3 3))
(check while (loop for x in '(1 2 3) while (< x 3) collect x) '(1 2))
(check until (loop for x in '(1 2 3) until (= x 2) collect x) '(1))
(check until-runs-finally (output-of (lambda () (loop for x in '(1 2 3) until (= x 2) finally (princ :fin)))) "FIN")
(check while-in-body (output-of (lambda () (loop for i below 3 do (princ i) while (< i 1)))) "01")
(check always-true (loop for x in '(1 2 3) always (< x 5)) t)
(check always-false (loop for x in '(1 2 3) always (< x 2)) nil)
(check always-skips-finally (output-of (lambda () (loop for x in '(1 2) always nil finally (princ :fin)))) "")
(check always-runs-finally-at-end (output-of (lambda () (loop for x in '(1 2) always t finally (princ :fin)))) "FIN")
(check never-true (loop for x in '(1 2 3) never (> x 5)) t)
(check never-false (loop for x in '(1 2 3) never (= x 2)) nil)
(check thereis (loop for x in '(1 2 3) thereis (and (> x 1) (* x 10))) 20)
(check thereis-none (loop for x in '(1 2 3) thereis (> x 5)) nil)
(check thereis-with-finally-result (loop for x in '(1 2) thereis (> x 5) finally (return :fin)) :fin)

;;; --- Accumulation

(check collect-default (loop for x in '(1 2) collect x collect (- x)) '(1 -1 2 -2))
(check collecting (loop for x in '(1 2) collecting x) '(1 2))
(check append (loop for x in '((1 2) (3) () (4)) append x) '(1 2 3 4))
(check append-copies (let ((l (list 1 2))) (eq l (loop repeat 1 append l))) nil)
(check append-dotted (loop for x in '((1 . 2) (3)) append x) '(1 3))
(check nconc (loop for x in '(1 2) nconc (list x x)) '(1 1 2 2))
(check nconc-shares (let ((l (list 1 2))) (eq l (loop repeat 1 nconc l))) t)
(check mixed-list-kinds (loop for x in '(1 2) append (list x) collect x) '(1 1 2 2))
(check collect-into (loop for x in '(1 2 3) collect x into l finally (return l)) '(1 2 3))
(check collect-into-visible (loop for x in '(1 2 3) collect x into l collect (length l)) '(1 2 3))
(check into-and-default (loop for x in '(a b) collect x into r finally (return (reverse r))) '(b a))
(check nconc-append-into (loop for i from 1 to 2 nconc (list i i) into l append (list 0) into l finally (return l))
       '(1 1 0 2 2 0))
(check count (loop for x in '(1 2 3) count (oddp x)) 2)
(check counting-into (loop for x in '(1 2 3) counting (oddp x) into c finally (return c)) 2)
(check sum (loop for x in '(1 2 3) sum x) 6)
(check sum-empty (loop for x in nil sum x) 0)
(check sum-float-type (loop for x in '(1.0 2.0) sum x float) 3.0)
(check sum-into-type (loop for x from 1 to 3 sum x into s of-type fixnum finally (return s)) 6)
(check count-and-sum-share (loop for i below 4 count (evenp i) sum i) 8)
(check maximize (loop for x in '(3 1 4 1 5) maximize x) 5)
(check minimize (loop for x in '(3 1 2) minimize x) 1)
(check minimize-mixed (loop for x in '(3 1.5 4) minimize x) 1.5)
(check maximize-empty (loop for x in nil maximize x) 0)
(check max-min-into (loop for x in '(3 1 4) maximize x into m minimize x into n finally (return (list m n))) '(4 1))
(check-error maximize-non-real (loop for x in '(a) maximize x) type-error)
(check-error sum-non-number (loop for x in '(1 a) sum x) type-error)

;;; --- Conditionals

(check when-collect (loop for x in '(1 2 3 4) when (evenp x) collect x) '(2 4))
(check if-else (loop for x in '(1 2 3) if (oddp x) collect x else collect (- x)) '(1 -2 3))
(check unless (loop for x in '(1 2 3) unless (= x 2) collect x) '(1 3))
(check unless-else (loop for x in '(1 2 3) unless (= x 2) collect x else collect :two) '(1 :two 3))
(check when-it (loop for x in '(1 nil 3) when x collect it) '(1 3))
(check when-it-car (loop for x in '((1) nil (2 3)) when (car x) collect it) '(1 2))
(check when-sum-it (loop for x in '(1 2 3) when (and (oddp x) x) sum it) 4)
(check when-return-it (loop for x in '(1 2 3) when (and (> x 1) (* x 100)) return it) 200)
(check when-return (loop for x in '(1 2 3) when (oddp x) return x) 1)
(check it-outside-conditional-is-variable (let ((it 5)) (loop repeat 2 collect it)) '(5 5))
(check when-and-chain (loop for x in '(1 2 3) when (oddp x) collect x and collect (- x)) '(1 -1 3 -3))
(check nested-when-end-else
       (loop for x in '(1 2 3 4 5 6)
             when (evenp x) collect x and when (> x 3) collect (* x 10) end
             else collect (- x))
       '(-1 2 -3 4 40 -5 6 60))
(check nested-if-else-else
       (loop for i below 6 if (evenp i) if (zerop (mod i 3)) collect :six else collect :even end else collect :odd)
       '(:six :odd :even :odd :even :odd))
(check conditional-into
       (loop for x from 1 to 6
             if (evenp x) collect x into e
             else if (> x 2) collect x into big
             else collect x into small
             finally (return (list e big small)))
       '((2 4 6) (3 5) (1)))
(check when-do-end (output-of (lambda () (loop for x in '(1 2 3) if (oddp x) do (princ x) end do (princ "-")))) "1--3-")
(check when-and-do (loop for x in '(1 2 3 4) when (evenp x) do (setq x (* x 10)) and collect x) '(20 40))

;;; --- DO, RETURN, INITIALLY, FINALLY, NAMED, LOOP-FINISH

(check do-multiple (output-of (lambda () (loop for x in '(1 2) do (princ x) (princ ".")))) "1.2.")
(check doing (output-of (lambda () (loop for x in '(1 2) doing (princ x)))) "12")
(check return-clause (loop for x in '(1 2 3) return (* x 10)) 10)
(check return-never-reached (loop for x in nil return 1) nil)
(check initially-finally-order
       (output-of (lambda () (loop initially (princ 1) (princ 2) finally (princ 5) (princ 6) for x in '(3 4) do (princ x))))
       "123456")
(check initially-before-first-step (output-of (lambda () (loop for x in nil initially (princ :init)))) "INIT")
(check finally-sees-vars (loop for x from 1 to 3 sum x into s finally (return (* 2 s))) 12)
(check default-result-nil (loop for x in '(1 2)) nil)
(check named (loop named outer for x in '(1 2) do (loop for y in '(a b) do (return-from outer (list x y)))) '(1 a))
(check named-nil (loop named nil for x in '(1 2) do (return x)) 1)
(check return-from-nil-block (loop for x in '(1 2 3) do (when (= x 2) (return :early))) :early)
(check loop-finish (loop for x in '(1 2 3) collect x do (when (= x 2) (loop-finish))) '(1 2))
(check loop-finish-runs-finally (loop for x in '(1 2 3) do (loop-finish) finally (return :finished)) :finished)
(check loop-finish-innermost
       (loop for x in '(1 2) collect (loop for y in '(a b c) do (when (eq y 'b) (loop-finish)) collect y))
       '((a) (a)))
(check-error loop-finish-outside (macroexpand-1 '(loop-finish)) program-error)
(check nested-loops (loop for x from 1 to 2 collect (loop for y from 1 to 2 collect (* x y))) '((1 2) (2 4)))

;;; --- Malformed loops: PROGRAM-ERROR at expansion time

(loop-error unknown-keyword (loop foo))
(loop-error compound-form-where-keyword (loop (print 1) for x in l))
(loop-error for-ran-out (loop for x))
(loop-error for-in-ran-out (loop for x in))
(loop-error for-bad-preposition (loop for x frob y))
(loop-error for-bad-path (loop for x being the foo of y))
(loop-error for-being-no-each (loop for x being hash-keys of h))
(loop-error hash-no-of (loop for x being the hash-keys h))
(loop-error hash-wrong-using (loop for x being the hash-keys of h using (hash-key y)))
(loop-error arithmetic-pattern (loop for (x y) from 1 to 3))
(loop-error arithmetic-repeated (loop for x from 1 to 3 to 4))
(loop-error arithmetic-directions (loop for i upfrom 1 downto 3 sum i))
(loop-error arithmetic-no-start-down (loop for x downto -3 collect x))
(loop-error duplicate-with (loop with a = 1 with a = 2 collect a))
(loop-error duplicate-pattern (loop for (a a) in l collect a))
(loop-error duplicate-into (loop for x in l collect x into x))
(loop-error incompatible-default (loop for x in l collect x sum x))
(loop-error incompatible-into (loop for x in l count x into a collect x into a))
(loop-error boolean-then-collect (loop for x in l always x collect x))
(loop-error collect-then-boolean (loop for x in l collect x thereis x))
(loop-error iteration-after-body (loop do (print 1) for x in '(1 2)))
(loop-error iteration-after-collect (loop collect 1 for x in '(1 2)))
(loop-error while-in-conditional (loop for x in l when x while x))
(loop-error for-in-conditional (loop when x for y in l))
(loop-error when-ran-out (loop when))
(loop-error when-no-clause (loop when x))
(loop-error and-ran-out (loop when x collect y and))
(loop-error else-ran-out (loop if x collect y else))
(loop-error else-top-level (loop for i from 1 to 3 else))
(loop-error end-top-level (loop end))
(loop-error and-top-level (loop and))
(loop-error do-no-form (loop do))
(loop-error do-atom (loop do 1))
(loop-error initially-atom (loop initially 1))
(loop-error finally-no-form (loop finally))
(loop-error collect-no-form (loop collect))
(loop-error into-no-var (loop collect x into))
(loop-error into-not-symbol (loop collect x into (a)))
(loop-error repeat-no-form (loop repeat))
(loop-error with-ran-out (loop with))
(loop-error with-and-ran-out (loop with x = 1 and))
(loop-error for-and-ran-out (loop for x in l and))
(loop-error named-ran-out (loop named))
(loop-error named-late (loop for x in l named foo))
(loop-error named-not-symbol (loop named (a)))
(loop-error then-no-form (loop for x = 1 then))
(loop-error by-no-form (loop for x in l by))
(check loop-error-message
       (handler-case (macroexpand-1 '(loop for x in l collect x sum x))
         (program-error (e) (not (null (search "context: SUM X" (princ-to-string e))))))
       t)

(check for-nil-counts (let ((i 0)) (loop for nil from 10 to 15 collect (incf i))) '(1 2 3 4 5 6))
(check for-nil-empty (loop for nil from 10 to 0 collect 'a) nil)
