;;;; IDENTITY, CONSTANTLY, COMPLEMENT; the hash table and package
;;;; iterators; WITH-STANDARD-IO-SYNTAX; time (universal, decoded, internal),
;;;; SLEEP and TIME; what the environment tells about itself.

(in-package "CLOVE-TEST")

;;; --- Functions

(check identity (identity '(1 2)) '(1 2))
(check identity-key (mapcar #'identity '(a b)) '(a b))
(check constantly (funcall (constantly 7) 1 2 3) 7)
(check constantly-no-args (funcall (constantly :k)) :k)
(check complement (funcall (complement #'oddp) 1) nil)
(check complement-true (funcall (complement #'oddp) 2) t)
(check complement-filter (remove-if (complement #'evenp) '(1 2 3 4)) '(2 4))
(check complement-many (funcall (complement #'<) 1 2 3) nil)

;;; --- WITH-HASH-TABLE-ITERATOR

(defun iterate-table (table)
  (with-hash-table-iterator (next table)
    (let ((out nil))
      (loop (multiple-value-bind (more key value) (next)
              (unless more (return (sort out #'< :key #'car)))
              (push (cons key value) out))))))

(check hash-iterator (let ((h (make-hash-table)))
                       (setf (gethash 1 h) :a (gethash 2 h) :b)
                       (iterate-table h))
       '((1 . :a) (2 . :b)))
(check hash-iterator-empty (iterate-table (make-hash-table)) nil)
(check-values hash-iterator-values
              (let ((h (make-hash-table))) (setf (gethash 'k h) 'v) (with-hash-table-iterator (n h) (n)))
              t 'k 'v)
(check-values hash-iterator-exhausted
              (with-hash-table-iterator (n (make-hash-table)) (n))
              nil)
(check hash-iterator-declarations
       (with-hash-table-iterator (n (make-hash-table)) (declare (optimize speed)) (n))
       nil)
(check-error hash-iterator-not-table (with-hash-table-iterator (n 5) (n)) type-error)

;;; --- WITH-PACKAGE-ITERATOR

(defpackage "ITER-BASE" (:use) (:export "A" "B"))
(defpackage "ITER-PKG" (:use "ITER-BASE") (:export "D") (:intern "E"))

(defun iterate-packages (packages &rest types)
  (let ((out nil))
    (flet ((add (more &optional symbol status package)
             (when more (push (list (symbol-name symbol) status (package-name package)) out))
             more))
      (ecase (length types)
        (1 (with-package-iterator (next packages :external)
             (declare (ignorable #'next))
             (loop while (multiple-value-call #'add (next)))))
        (3 (with-package-iterator (next packages :internal :external :inherited)
             (loop while (multiple-value-call #'add (next)))))))
    (sort out #'string< :key #'car)))

(check package-iterator-all
       (iterate-packages "ITER-PKG" :internal :external :inherited)
       '(("A" :inherited "ITER-PKG") ("B" :inherited "ITER-PKG") ("D" :external "ITER-PKG") ("E" :internal "ITER-PKG")))
(check package-iterator-external (iterate-packages "ITER-PKG" :external) '(("D" :external "ITER-PKG")))
(check package-iterator-list
       (iterate-packages (list "ITER-PKG" (find-package "ITER-BASE")) :external)
       '(("A" :external "ITER-BASE") ("B" :external "ITER-BASE") ("D" :external "ITER-PKG")))
(check package-iterator-one-kind
       (with-package-iterator (n "ITER-PKG" :internal) (multiple-value-bind (more s status) (n) (list more (symbol-name s) status)))
       '(t "E" :internal))
(check-error package-iterator-no-types (macroexpand-1 '(with-package-iterator (n "ITER-PKG") (n))) program-error)
(check-error package-iterator-bad-type (macroexpand-1 '(with-package-iterator (n "ITER-PKG" :present) (n))) program-error)
(check-error package-iterator-no-package (with-package-iterator (n "NO-SUCH-ITER-PKG" :external) (n)) package-error)

;;; --- WITH-STANDARD-IO-SYNTAX

(check standard-io-syntax
       (let ((*print-base* 16) (*read-base* 2) (*print-readably* nil) (*package* (find-package "ITER-PKG"))
             (*print-case* :downcase) (*read-default-float-format* 'double-float) (*print-length* 2))
         (with-standard-io-syntax
           (list (package-name *package*) *print-base* *read-base* *print-readably* *print-case*
                 *read-default-float-format* *print-length* *print-level* *print-circle* *print-escape*
                 *print-pretty* *print-radix* *print-array* *print-gensym* *read-eval* *read-suppress*
                 *print-lines* *print-right-margin* *print-miser-width*)))
       '("COMMON-LISP-USER" 10 10 t :upcase single-float nil nil nil t nil nil t t t nil nil nil nil))
(check standard-io-syntax-print (let ((*print-base* 2)) (with-standard-io-syntax (prin1-to-string 10))) "10")
(check standard-io-syntax-readtable
       (let ((*readtable* (copy-readtable nil)))
         (set-macro-character #\! (lambda (s c) (declare (ignore s c)) :bang))
         (list (read-from-string "!") (with-standard-io-syntax (symbol-name (read-from-string "!")))))
       '(:bang "!"))
(check standard-io-syntax-restores (let ((*print-base* 8)) (with-standard-io-syntax nil) *print-base*) 8)

;;; --- Universal and decoded time

(check universal-time-now (let ((u (get-universal-time))) (and (integerp u) (> u 3900000000))) t)
(check-values decode-origin (decode-universal-time 0 0) 0 0 0 1 1 1900 0 nil 0)
(check-values decode-2000 (decode-universal-time 3155673600 0) 0 0 0 1 1 2000 5 nil 0)
(check-values decode-zone-west (decode-universal-time 3155760000 5) 0 0 19 1 1 2000 5 nil 5)
(check-values decode-zone-fraction (decode-universal-time 3155760000 -11/2) 0 30 5 2 1 2000 6 nil -11/2)
(check-values decode-leap-day (decode-universal-time 3791923200 0) 0 0 0 29 2 2020 5 nil 0)
(check-values decode-2100 (decode-universal-time 6311433600 0) 0 0 0 1 1 2100 4 nil 0)
(check encode-not-leap-2100 (encode-universal-time 0 0 0 1 3 2100 0) 6316531200)
(check encode-end-2399 (encode-universal-time 59 59 23 31 12 2399 0) 15778454399)
(check-values decode-seconds (decode-universal-time 3155673600 0) 0 0 0 1 1 2000 5 nil 0)
(check decode-fields (multiple-value-list (decode-universal-time (+ 3155673600 (* 3600 13) (* 60 45) 30) 0))
       '(30 45 13 1 1 2000 5 nil 0))
(check-error decode-negative (decode-universal-time -1 0) type-error)
(check-error decode-float (decode-universal-time 1.5 0) type-error)
(check-error decode-bad-zone (decode-universal-time 0 25) type-error)
(check-error decode-zone-not-multiple (decode-universal-time 0 1/7) type-error)

(check encode-origin (encode-universal-time 0 0 0 1 1 1900 0) 0)
(check encode-2000 (encode-universal-time 0 0 0 1 1 2000 0) 3155673600)
(check encode-zone (encode-universal-time 0 0 0 1 1 1900 1) 3600)
(check encode-zone-fraction (encode-universal-time 0 0 0 1 1 2000 -11/2) 3155653800)
(check encode-feb-31 (encode-universal-time 0 0 0 31 2 2020 0) 3792096000)
(check encode-two-digit-future (encode-universal-time 0 0 0 1 1 50 0)
       (encode-universal-time 0 0 0 1 1 (let ((y (nth-value 5 (get-decoded-time)))) (if (<= (- 2050 y) 50) 2050 1950)) 0))
(check encode-two-digit-past (encode-universal-time 0 0 0 1 1 99 0) 3124137600)
(check encode-decode-round-trip
       (let ((u 3999999999)) (multiple-value-bind (s m h d mo y) (decode-universal-time u -3) (encode-universal-time s m h d mo y -3)))
       3999999999)
(check encode-decode-local-zone
       (let ((u 3900000000)) (multiple-value-bind (s m h d mo y) (decode-universal-time u) (encode-universal-time s m h d mo y)))
       3900000000)
(check-error encode-second-60 (encode-universal-time 60 0 0 1 1 2000 0) type-error)
(check-error encode-hour-24 (encode-universal-time 0 0 24 1 1 2000 0) type-error)
(check-error encode-month-13 (encode-universal-time 0 0 0 1 13 2000 0) type-error)
(check-error encode-date-0 (encode-universal-time 0 0 0 0 1 2000 0) type-error)
(check-error encode-before-1900 (encode-universal-time 0 0 0 1 1 1899 0) type-error)
(check-error encode-before-origin-by-zone (encode-universal-time 0 0 0 1 1 1900 -1) type-error)
(check-error encode-bad-zone (encode-universal-time 0 0 0 1 1 2000 1/7) type-error)
(check get-decoded-time (let ((values (multiple-value-list (get-decoded-time))))
                          (and (= (length values) 9) (every #'integerp (subseq values 0 7)) (>= (nth 5 values) 2024)))
       t)

;;; --- Internal time, SLEEP and TIME

(check units-per-second internal-time-units-per-second 1000000)
(check real-time-integer (integerp (get-internal-real-time)) t)
(check run-time-integer (integerp (get-internal-run-time)) t)
(check run-time-monotonic (let ((a (get-internal-run-time))) (loop repeat 100000 sum 1) (<= a (get-internal-run-time))) t)
(check sleep-returns-nil (sleep 0) nil)
(check sleep-waits (let ((start (get-internal-real-time)))
                     (sleep 0.05)
                     (>= (- (get-internal-real-time) start) (* 0.05 internal-time-units-per-second)))
       t)
(check sleep-ratio (sleep 1/100) nil)
(check-error sleep-negative (sleep -1) type-error)
(check-error sleep-not-number (sleep 'a) type-error)
(check-values time-values (let ((*trace-output* (make-string-output-stream))) (time (values 1 2))) 1 2)
(check time-report (let ((*trace-output* (make-string-output-stream)))
                     (time (+ 1 2))
                     (let ((text (get-output-stream-string *trace-output*)))
                       (list (not (null (search "Evaluation took:" text)))
                             (not (null (search "seconds of real time" text)))
                             (not (null (search "seconds of run time" text))))))
       '(t t t))
(check time-lexical (let ((x 5)) (let ((*trace-output* (make-string-output-stream))) (time (* x 2)))) 10)

;;; --- The environment

(defun typep-string-or-nil (x) (or (null x) (stringp x)))

(check implementation-type (lisp-implementation-type) "clove")
(check implementation-version (stringp (lisp-implementation-version)) t)
(check machine-type (stringp (machine-type)) t)
(check machine-version (typep-string-or-nil (machine-version)) t)
(check machine-instance (typep-string-or-nil (machine-instance)) t)
(check software-type (stringp (software-type)) t)
(check software-version (typep-string-or-nil (software-version)) t)
(check site-names (list (short-site-name) (long-site-name)) '(nil nil))

;;; PROVIDE, REQUIRE and *MODULES*; REQUIRE asks the module providers.
(check provide-adds-to-modules (progn (provide :clove-test-module) (and (member "CLOVE-TEST-MODULE" *modules* :test #'string=) t)) t)
(check require-of-a-provided-module (require "CLOVE-TEST-MODULE") nil)
(check require-asks-module-providers
       (let ((clove:*module-provider-functions*
               (list (lambda (name) (when (string= name "FROM-PROVIDER") (provide name) t)))))
         (require :from-provider)
         (and (member "FROM-PROVIDER" *modules* :test #'string=) t))
       t)
(check-error require-unknown-module (require "NO-SUCH-MODULE-ANYWHERE") error)

;;; SEQUENCE itself is not a result type for sequence functions.
(check-error concatenate-to-sequence (concatenate 'sequence '(a b)) type-error)
(check-error make-sequence-of-sequence (make-sequence 'sequence 2) type-error)
(check-error concatenate-to-symbol (concatenate 'symbol '(a b)) type-error)
(check coerce-to-sequence (coerce '(1 2) 'sequence) '(1 2))

(check fboundp-bad-name-expected-type
       (handler-case (fboundp '(x))
         (type-error (c) (list (typep '(setf foo) (type-error-expected-type c))
                               (typep '(x) (type-error-expected-type c)))))
       '(t nil))
(check function-lambda-expression-values
       (multiple-value-list (function-lambda-expression #'car))
       '(nil t car))
(check-error function-lambda-expression-not-a-function (function-lambda-expression 'car) type-error)
