;;;; Limits: runaway macros, deep and circular input, iterations that
;;;; consume nothing, huge numbers. Each case ends in a condition a
;;;; handler can catch, never a hang or a crash.

(in-package "CLOVE-TEST")

;;; The compiler survives hostile macros: the runaway expansion becomes a
;;; storage-condition where it starts, which the handler around it sees.
(defmacro runaway-macrolet () '(macrolet ((x () (runaway-macrolet))) 1))
(defmacro runaway-tree () '(list (runaway-tree) (runaway-tree)))
(defmacro runaway-wide (n) (if (zerop n) 0 `(+ (runaway-wide ,(1- n)) (runaway-wide ,(1- n)))))
(check-error runaway-macrolet (runaway-macrolet) storage-condition)
(check-error runaway-tree (runaway-tree) storage-condition)
(check runaway-tree-in-handler-case
       (handler-case (runaway-tree) (storage-condition () :caught))
       :caught)
(check-error runaway-through-eval (eval '(runaway-tree)) storage-condition)
(check-error runaway-symbol-macro
             (eval '(symbol-macrolet ((x (list x x))) x))
             storage-condition)
(check-error runaway-local-macro
             (eval '(macrolet ((m () '(list (m) (m)))) (m)))
             storage-condition)
;; COMPILE reports it as a failure and the function signals it when called.
(check runaway-compile
       (multiple-value-bind (f warnings-p failure-p)
           (let ((*error-output* (make-broadcast-stream)))
             (compile nil '(lambda () (runaway-tree))))
         (declare (ignore warnings-p))
         (list failure-p (handler-case (funcall f) (storage-condition () :caught))))
       '(t :caught))
;; The rest of the form compiles and runs normally.
(check runaway-leaves-the-rest
       (list (handler-case (runaway-tree) (storage-condition () :caught)) (when t :after))
       '(:caught :after))
;; A finite expansion too big to compile (2^40 forms) is stopped by the
;; compiler's work limit (a million forms).
(check-error runaway-wide (eval '(runaway-wide 40)) storage-condition)
;; Deep destructuring patterns go through the same guard.
(check-error deep-destructuring-pattern
             (let ((pattern 'x))
               (dotimes (i 5000) (setq pattern (list pattern)))
               (eval `(destructuring-bind ,pattern nil x)))
             storage-condition)

;;; Deeply nested plain data and code.
(defun nest (depth)
  (let ((x nil))
    (dotimes (i depth x) (setq x (list x)))))
(check deep-equal (equal (nest 100000) (nest 100000)) t)
(check deep-sxhash (= (sxhash (nest 100000)) (sxhash (nest 100000))) t)
(check deep-copy-tree (equal (copy-tree (nest 100000)) (nest 100000)) t)
;; The printer cuts nesting past 10,000 levels with "...".
(check deep-print
       (let ((s (let ((*print-level* nil) (*print-pretty* nil)) (prin1-to-string (nest 100000)))))
         (list (length s) (subseq s 9998 10006)))
       '(20005 "(((...))"))
(check deep-equal-hash
       (let ((h (make-hash-table :test 'equal)))
         (setf (gethash (nest 100000) h) :found)
         (gethash (nest 100000) h))
       :found)
(check-error deep-code
             (let ((form nil))
               (dotimes (i 100000) (setq form (list 'list form)))
               (eval form))
             storage-condition)
(check-error deep-read
             (read-from-string (make-string 100000 :initial-element #\())
             reader-error)
(check deep-quoted-data
       (let ((form (read-from-string
                    (concatenate 'string "'" (make-string 5000 :initial-element #\()
                                 (make-string 5000 :initial-element #\))))))
         (equal (eval form) (nest 4999)))
       t)

;;; An iteration whose body consumes no arguments would never end.
(check-error format-iteration-nil-body (format nil "~{~}" nil '(1 2)) type-error)
(check-error format-iteration-empty-body (format nil "~{~}" "" '(1 2)) clove:format-error)
(check-error format-iteration-no-directive (format nil "~{x~}" '(1 2)) clove:format-error)
(check-error format-iteration-at (format nil "~@{x~}" 1 2) clove:format-error)
(check format-iteration-bounded (format nil "~2{x~}" '(1 2)) "xx")
(check-error format-iteration-caret-not-reached (format nil "~{~^x~}" '(1 2)) clove:format-error)
(check format-iteration-caret (format nil "~{~a~^, ~}" '(1 2)) "1, 2")
(check format-iteration-empty-args (format nil "~{~}" "x" nil) "")
(check format-iteration-colon-once (format nil "~{x~:}" nil) "x")
(check format-iteration-consuming (format nil "~{~a~}" '(1 2)) "12")

;;; Circular type specifiers.
(defun circular (&rest items)
  (let ((x (copy-list items)))
    (setf (cdr (last x)) x)
    x))
(check-error circular-typep (typep 1 (circular 'or 'integer)) error)
(check-error circular-typep-float (typep 1.0 (circular 'or 'integer)) error)
(check-error circular-coerce (coerce 1 (circular 'or 'integer)) error)
(check-error circular-coerce-vector (coerce '(1) (circular 'vector 't)) error)
(check-error circular-subtypep (subtypep 'integer (circular 'and 'integer)) error)
(check circular-typep-message
       (handler-case (typep 1 (circular 'or 'integer))
         (error (e) (princ-to-string e)))
       "The type specifier (OR ...) is a circular list.")
(check-error circular-through-car
             (let ((x (list 'or 'integer nil)))
               (setf (third x) x)
               (typep 1.0 x))
             error)

;;; Huge numbers.
(check huge-expt-digits (length (princ-to-string (expt 10 100000))) 100001)
(check huge-expt-negative (length (princ-to-string (- (expt 7 60000)))) 50707)
(check huge-expt-value (= (expt 10 100000) (* (expt 10 50000) (expt 10 50000))) t)
(check huge-print-base (let ((*print-base* 7)) (prin1-to-string (expt 7 100000)))
       (concatenate 'string "1" (make-string 100000 :initial-element #\0)))
(check huge-print-zeros (let ((*print-base* 10)) (prin1-to-string (+ (expt 10 100000) 1)))
       (concatenate 'string "1" (make-string 99999 :initial-element #\0) "1"))
(check huge-print-sizes
       (loop for k in '(19000 21000 40000 70000 100000 140000 270000)
             for s = (princ-to-string (expt 10 k))
             collect (and (= (length s) (1+ k)) (char= (char s 0) #\1)
                          (= (count #\0 s) k)))
       '(t t t t t t t))
(check huge-print-round-trip
       (let ((x (- (expt 3 100000) 12345)))
         (= x (read-from-string (prin1-to-string x))))
       t)
(check huge-ratio-print
       (length (princ-to-string (/ (expt 10 30000) 7)))
       30003)
(check-error expt-too-large (expt 2 (expt 2 40)) storage-condition)
(check-error ash-too-large (ash 1 (expt 2 40)) storage-condition)

;;; In a logical block the arguments may be a circular list: a pass taking
;;; one element still counts as consuming it.
(check format-iteration-circular-in-block
       (let ((*print-length* 3)) (format nil "~:<~@{~A~^ ~}~:>" (circular 0)))
       "(0 0 0 ...)")
(check-error format-iteration-nothing-in-block
             (format nil "~:<~@{x~}~:>" '(1 2))
             clove:format-error)
