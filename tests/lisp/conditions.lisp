;;;; The condition system: handlers, restarts, and the standard types.

(in-package "CLOVE-TEST")

(check handler-case-simple (handler-case (error "boom") (error (e) (princ-to-string e))) "boom")
(check handler-case-no-error (handler-case 5 (:no-error (x) (* x 2))) 10)
(check handler-case-type (handler-case (car 5) (type-error (e) (type-error-datum e))) 5)
(check handler-bind-decline
       (let ((log nil))
         (handler-case
             (handler-bind ((error (lambda (c) (declare (ignore c)) (push :inner log))))
               (error "x"))
           (error () (push :outer log)))
         log)
       '(:outer :inner))
(check handler-bind-runs-before-unwind
       (let ((x :before))
         (handler-case
             (let ((*print-base* 10))
               (handler-bind ((error (lambda (c) (declare (ignore c)) (setq x *print-base*))))
                 (let ((*print-base* 16)) (error "x"))))
           (error () x)))
       16)
(check signal-returns-nil (signal "just a signal") nil)
(check ignore-errors-values (multiple-value-list (ignore-errors (values 1 2))) '(1 2))
(check ignore-errors-error (ignore-errors (error "x")) nil)
(define-condition my-error (error) ((code :initarg :code :reader my-error-code))
  (:report (lambda (c s) (format s "my error ~D" (my-error-code c)))))
(check define-condition-report (handler-case (error 'my-error :code 7) (my-error (e) (princ-to-string e))) "my error 7")
(check define-condition-is-error (handler-case (error 'my-error :code 1) (error () :caught)) :caught)
(check restart-case-1 (restart-case (invoke-restart 'my-restart 5) (my-restart (x) (* x 2))) 10)
(check restart-case-normal (restart-case 3 (r () 4)) 3)
(check with-simple-restart-1 (multiple-value-list (with-simple-restart (skip "Skip.") (invoke-restart 'skip))) '(nil t))
(check compute-restarts-1
       (restart-case (let ((names (mapcar #'restart-name (compute-restarts)))) (and (member 'a names) t))
         (a () nil))
       t)
(check find-restart-none (find-restart 'no-such-restart) nil)
(check-error invoke-inactive-restart (invoke-restart 'no-such-restart) control-error)
(check handler-invokes-restart
       (handler-bind ((error (lambda (c) (invoke-restart (find-restart 'use-it c) 42))))
         (restart-case (error "x") (use-it (v) v)))
       42)
(check use-value-restart
       (handler-bind ((error (lambda (c) (use-value 7 c))))
         (restart-case (error "x") (use-value (v) v)))
       7)
(check warn-muffled
       (handler-bind ((warning #'muffle-warning)) (warn "careful") :done)
       :done)
(check cerror-continue
       (handler-bind ((error (lambda (c) (continue c)))) (cerror "go on" "problem") :continued)
       :continued)
(check simple-error-slots
       (handler-case (error "a ~A c" 'b)
         (simple-error (e) (list (simple-condition-format-control e) (simple-condition-format-arguments e))))
       '("a ~A c" (b)))
(check make-condition-1 (type-error-expected-type (make-condition 'type-error :datum 1 :expected-type 'string)) 'string)
(check-error error-with-bad-initarg (make-condition 'type-error :bogus 1) program-error)
(check division-by-zero-caught (handler-case (/ 1 0) (division-by-zero () :div0)) :div0)
(check arithmetic-error-parent (handler-case (/ 1 0) (arithmetic-error () :arith)) :arith)
(check storage-condition-deep
       (labels ((deep (n) (+ 1 (deep (+ n 1)))))
         (handler-case (deep 0) (storage-condition () :exhausted)))
       :exhausted)
(check deep-recursion-completes
       (labels ((count-down (n) (if (= n 0) 0 (+ 1 (count-down (- n 1))))))
         (count-down 1000000))
       1000000)

;;; Exits out of Lisp code run by the reader and the compiler (#. evaluating
;;; a form whose macroexpansion signals or throws).
(defmacro expansion-signals () (error "expansion failed"))
(defmacro expansion-throws () (throw :out :thrown))
(check exit-through-sharp-dot-and-macroexpansion
       (handler-case (read-from-string "#.(expansion-signals)") (error () :caught))
       :caught)
(check throw-through-sharp-dot-and-macroexpansion
       (catch :out (read-from-string "#.(expansion-throws)"))
       :thrown)
(check throw-through-eval-and-macroexpansion
       (list (catch :out (eval '(expansion-throws))) :after)
       '(:thrown :after))

;;; A type error's report: the same lines printed plainly or pretty, and
;;; pretty inside an indented block (the debugger's) the lines keep the
;;; block's indentation, as in SBCL.
(check type-error-report-plain
       (let ((*print-pretty* nil))
         (princ-to-string (make-condition 'type-error :datum nil :expected-type 'number)))
       (format nil "The value~%  NIL~%is not of type~%  NUMBER"))
(check type-error-report-pretty
       (let ((*print-pretty* t))
         (princ-to-string (make-condition 'type-error :datum nil :expected-type 'number)))
       (format nil "The value~%  NIL~%is not of type~%  NUMBER"))
(check type-error-report-in-an-indented-block
       (let ((*print-pretty* t))
         (format nil "~@<X:~2I~:@_~A~:>" (make-condition 'type-error :datum nil :expected-type 'number)))
       (format nil "X:~%  The value~%    NIL~%  is not of type~%    NUMBER"))
