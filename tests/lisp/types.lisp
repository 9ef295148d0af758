;;;; Types (CLHS chapter 4): TYPEP, SUBTYPEP, TYPE-OF, DEFTYPE, the
;;;; TYPECASE family, CHECK-TYPE and ASSERT. Expected values are SBCL's.

(in-package "CLOVE-TEST")

;;; --- TYPEP on the standard atomic types

(check typep-atomic
       (mapcar (lambda (pair) (typep (car pair) (cdr pair)))
               (list '(1 . fixnum) '(1 . integer) (cons (expt 2 62) 'fixnum) (cons (expt 2 62) 'bignum)
                     '(1/2 . ratio) '(1 . ratio) '(1/2 . rational) '(1.0 . single-float)
                     '(1.0d0 . double-float) '(1.0 . short-float) '(1.0d0 . long-float) '(1.5 . float)
                     '(#c(1 2) . complex) '(#c(1 2) . real) '(0 . bit) '(2 . bit)
                     '(#\a . standard-char) '(#\Tab . standard-char) '(#\Tab . base-char)
                     (cons (code-char 955) 'extended-char) (cons (code-char 955) 'base-char)
                     '(nil . null) '(nil . list) '(nil . symbol) '(nil . atom) '(nil . boolean) '(t . boolean)
                     '(:k . keyword) '(k . keyword) '((1) . cons) '((1) . atom) '(5 . atom)
                     '("abc" . string) '("abc" . simple-string) '("abc" . sequence)
                     '(#(1) . simple-vector) '(#*10 . simple-bit-vector) '(#*10 . bit-vector)
                     (cons #'car 'function) (cons #'car 'compiled-function) '(car . function)
                     (cons (make-hash-table) 'hash-table) (cons *package* 'package)
                     (cons *readtable* 'readtable) (cons *random-state* 'random-state)
                     (cons (make-string-output-stream) 'string-stream) (cons *standard-output* 'stream)
                     (cons (make-condition 'type-error) 'condition) '(1 . t) '(1 . nil)))
       '(t t nil t t nil t t t t t t t nil t nil t nil t t nil t t t t t t t nil t nil t
         t t t t t t t t nil t t t t t t t t nil))

(check typep-numeric-ranges
       (list (typep 5 '(integer 0 10)) (typep 5 '(integer (5) 10)) (typep 11 '(integer 0 10))
             (typep 5 '(integer * 5)) (typep -1 'unsigned-byte) (typep 255 '(unsigned-byte 8))
             (typep 256 '(unsigned-byte 8)) (typep -128 '(signed-byte 8)) (typep -129 '(signed-byte 8))
             (typep 9 '(mod 10)) (typep 10 '(mod 10)) (typep 1/2 '(rational 1/3 2/3))
             (typep 0.5 '(real 0 1)) (typep 0.5d0 '(single-float 0.0 1.0)) (typep 1.0 '(float (1.0)))
             (typep 1.5 '(float 1 2)) (typep (expt 2 70) '(integer 0)) (typep (expt 2 70) '(integer * 100)))
       '(t nil nil t nil t nil t nil t nil t t nil nil t t nil))

(check typep-compound
       (list (typep 3 '(or string (satisfies oddp))) (typep 3 '(and integer (not (eql 3))))
             (typep 1 '(member 1 2)) (typep 1.0 '(member 1 2)) (typep 1 '(eql 1))
             (typep 1 '(and)) (typep 1 '(or)) (typep "a" '(and integer (satisfies evenp)))
             (typep '(1 2) '(cons integer (cons integer null))) (typep '(1 a) '(cons integer (cons integer null)))
             (typep '(1 . 2) '(cons * integer)) (typep #c(1 2) '(complex integer))
             (typep #c(1.0 2.0) '(complex single-float)) (typep #c(1.0 2.0) '(complex double-float)))
       '(t nil t nil t t nil nil t nil t t t nil))

(check typep-arrays
       (list (typep "abc" '(string 3)) (typep "abc" '(string 4)) (typep "abc" '(vector character))
             (typep "abc" '(vector t)) (typep "abc" '(array character (*))) (typep "abc" '(simple-array character (3)))
             (typep (make-array 3 :adjustable t) 'simple-vector) (typep (make-array 3 :adjustable t) 'vector)
             (typep (make-array 3 :fill-pointer 0) '(vector t 3)) (typep #*101 '(simple-array bit (3)))
             (typep (make-array '(2 3)) '(array t (2 *))) (typep (make-array '(2 3)) '(array t 2))
             (typep (make-array '(2 3)) '(array t 1)) (typep (make-array '(2 3)) 'vector)
             (typep (make-array 4 :element-type '(unsigned-byte 8)) '(vector (unsigned-byte 8))))
       '(t nil t nil t t nil t t t t t nil nil t))

(check typep-conditions
       (let ((c (make-condition 'simple-error :format-control "x")))
         (list (typep c 'error) (typep c 'simple-condition) (typep c 'warning) (typep c '(or warning error))
               (typep c 'serious-condition) (typep 5 'error)))
       '(t t nil t t nil))

(check typep-env-argument (typep 1 'integer nil) t)
(check-error typep-unknown-type (typep 1 'no-such-type-here) error)
(check-error typep-bad-range (typep 1 '(integer 0 a)) error)
(check-error typep-function-type (typep #'car '(function (t) t)) error)
(check-error typep-values-type (typep 1 '(values integer)) error)
(check coerce-uses-typep (coerce 1 '(integer 0 5)) 1)
(check-error coerce-fails-typep (coerce 7 '(integer 0 5)) type-error)

;;; --- SUBTYPEP

(defmacro subtypep-results (&rest pairs)
  `(list ,@(mapcar (lambda (p) `(multiple-value-list (subtypep ',(car p) ',(cadr p)))) pairs)))

(check subtypep-numbers
       (subtypep-results (fixnum integer) (integer fixnum) (bignum integer) ((and integer (not fixnum)) bignum)
                         ((integer 0 10) (integer 0 9)) ((integer 0 10) (mod 11)) ((mod 256) (unsigned-byte 8))
                         ((unsigned-byte 8) (signed-byte 9)) ((signed-byte 8) (unsigned-byte 8))
                         ((integer (0) (5)) (integer 1 4)) ((rational 0 1) (real 0 1)) ((real 0 1) (rational 0 1))
                         (rational (or integer ratio)) (float single-float) (short-float single-float)
                         ((single-float 0.0 1.0) (single-float 0.0 (1.0))) ((double-float (0d0)) (double-float 0d0))
                         ((integer 0 10) (or (integer 0 5) (integer 6 10))) ((real 0 1) (or (rational 0 1) (float 0 1)))
                         ((complex single-float) (complex double-float)) (complex number))
       '((t t) (nil t) (t t) (t t) (nil t) (t t) (t t) (t t) (nil t) (t t) (t t) (nil t) (t t) (nil t) (t t)
         (nil t) (t t) (t t) (t t) (nil t) (t t)))

(check subtypep-symbols-and-members
       (subtypep-results (null symbol) (null list) (boolean (member t nil)) (keyword symbol) (symbol keyword)
                         ((member :a :b) keyword) ((member 1 2 3) (integer 1 3)) ((integer 1 3) (member 1 2 3))
                         ((member 1 2 a) (or integer symbol)) ((eql 1.0) single-float) (bit (member 0 1)))
       '((t t) (t t) (t t) (t t) (nil t) (t t) (t t) (t t) (t t) (t t) (t t)))

(check subtypep-characters
       (subtypep-results (standard-char base-char) (base-char character) (extended-char base-char)
                         (character (or base-char extended-char)))
       '((t t) (t t) (nil t) (t t)))

(check subtypep-conses
       (subtypep-results (cons list) (list cons) (list (or cons null)) (atom list)
                         ((cons fixnum fixnum) (cons integer integer)) ((cons integer integer) (cons fixnum integer))
                         ((cons (integer 0 1) t) (or (cons (eql 0) t) (cons (eql 1) t))) (cons (cons integer)))
       '((t t) (nil t) (t t) (nil t) (t t) (nil t) (t t) (nil t)))

(check subtypep-arrays
       (subtypep-results (string sequence) (vector sequence) (simple-vector vector) (vector simple-vector)
                         (simple-string simple-array) (bit-vector (vector bit)) ((vector bit) bit-vector)
                         ((simple-array t (*)) simple-vector) ((array t (2 3)) (array t 2)) ((array t 2) (array t (2 3)))
                         ((array t (2 *)) (array * (* 3))) ((vector t 3) (array t (3))) ((string 3) string) (array vector))
       '((t t) (t t) (t t) (nil t) (t t) (t t) (t t) (t t) (t t) (nil t) (nil t) (t t) (t t) (nil t)))

(check subtypep-logic
       (subtypep-results (nil integer) (integer nil) (t nil) ((not integer) (not fixnum)) ((not fixnum) (not integer))
                         ((and integer string) nil) ((or) nil) ((and) t) (atom (not cons)) (t (or number (not number))))
       '((t t) (nil t) (nil t) (t t) (nil t) (t t) (t t) (t t) (t t) (t t)))

(check subtypep-satisfies-unknown
       (subtypep-results ((satisfies evenp) (satisfies evenp)) ((satisfies evenp) integer)
                         ((and (satisfies evenp) integer) integer) (integer (or (satisfies evenp) integer)))
       '((t t) (nil nil) (t t) (t t)))

(check subtypep-classes
       (subtypep-results (type-error error) (simple-type-error (and type-error simple-condition)) (error condition)
                         (warning error) (style-warning warning) (condition t) (function compiled-function)
                         (compiled-function function) (hash-table package) (string-stream stream) (stream file-stream)
                         (restart condition))
       '((t t) (t t) (t t) (nil t) (t t) (t t) (nil t) (t t) (nil t) (t t) (nil t) (nil t)))

(check subtypep-environment-argument (multiple-value-list (subtypep 'fixnum 'integer nil)) '(t t))
(check subtypep-unknown
       (subtypep-results (no-such-type-here integer) (no-such-type-here no-such-type-here)
                         (no-such-type-here t) ((no-such-type 1) (no-such-type 1)) (nil no-such-type-here))
       '((nil nil) (t t) (t t) (t t) (t t)))

;;; --- TYPE-OF

(check type-of-numbers
       (mapcar #'type-of (list 0 1 2 -5 (expt 2 62) (- (expt 2 70)) 1/2 1.0 1d0 #c(2 1) #c(1/2 3) #c(1.0 2.0)))
       '(bit bit (integer 0 4611686018427387903) fixnum (integer 4611686018427387904) bignum ratio single-float
         double-float (complex (integer 1 2)) (complex (rational 1/2 3)) (complex (single-float 1.0 2.0))))

(check type-of-others
       (mapcar #'type-of (list #\a #\Tab (code-char 955) nil t :a 'a '(1) (make-hash-table) *package* #'car
                               (lambda (x) x) *readtable* (make-condition 'type-error)))
       '(standard-char base-char extended-char null boolean keyword symbol cons hash-table package
         compiled-function compiled-function readtable type-error))

(check type-of-arrays
       (mapcar #'type-of (list "abc" #(1 2) (make-array 2 :fill-pointer 1)
                               (make-array 3 :element-type 'character :adjustable t) #*101
                               (make-array 2 :element-type 'bit :adjustable t) (make-array '(2 3))
                               (make-array '(2 2) :element-type 'character)
                               (make-array 3 :element-type '(unsigned-byte 8)) (make-array nil)
                               (make-array '(2 2) :adjustable t)))
       '((simple-array character (3)) (simple-vector 2) (vector t 2) (vector character 3) (simple-bit-vector 3)
         (bit-vector 2) (simple-array t (2 3)) (simple-array character (2 2)) (simple-array (unsigned-byte 8) (3))
         (simple-array t nil) (array t (2 2))))

(check type-of-is-a-type
       (let ((objects (list 0 5 -5 (expt 2 80) 1/3 "x" #(1) #\a :k nil '(1) 2.5d0)))
         (every (lambda (x) (typep x (type-of x))) objects))
       t)

;;; --- DEFTYPE

(deftype small-int (&optional (n 10)) `(integer 0 ,n))
(deftype string-of (&optional n) (if (eq n '*) 'string `(string ,n)))
(deftype pair-of (type) `(cons ,type (cons ,type null)))
(deftype key-type (&key (low 0) high) `(integer ,low ,high))
(deftype whole-type (&whole w &rest args) (declare (ignore args)) (if (consp w) 'integer 'symbol))
(deftype self-loop () 'self-loop)

(check deftype-returns-name (deftype some-type () 'integer) 'some-type)
(check deftype-default (list (typep 5 'small-int) (typep 11 'small-int) (typep 11 '(small-int 20))) '(t nil t))
(check deftype-star-default (list (typep "ab" 'string-of) (typep "ab" '(string-of 2)) (typep "ab" '(string-of 3)))
       '(t t nil))
(check deftype-required (list (typep '(1 2) '(pair-of integer)) (typep '(1 a) '(pair-of integer))) '(t nil))
(check deftype-key (list (typep 5 '(key-type :high 5)) (typep 6 '(key-type :high 5)) (typep -1 'key-type))
       '(t nil nil))
(check deftype-whole (list (typep 1 '(whole-type x)) (typep 1 'whole-type)) '(t t))
(check deftype-subtypep (multiple-value-list (subtypep '(small-int 5) 'small-int)) '(t t))
(check deftype-in-typecase (typecase 3 ((small-int 2) :small) (small-int :medium) (t :other)) :medium)
(check-error deftype-recursive (typep 1 'self-loop) error)
(check-error deftype-wrong-arguments (typep '(1 2) 'pair-of) error)
(check-error deftype-bad-name (macroexpand '(deftype 3 () t)) error)

;;; --- TYPECASE, ETYPECASE, CTYPECASE

(check typecase-1 (typecase 1.0 (integer :int) (float :float) (t :other)) :float)
(check typecase-otherwise (typecase "x" (integer :int) (otherwise :other)) :other)
(check typecase-none (typecase "x" (integer :int)) nil)
(check typecase-empty-body (typecase 1 (integer)) nil)
(check typecase-evaluates-once (let ((n 0)) (typecase (incf n) (string :s) (integer n))) 1)
(check etypecase-match (etypecase 'a (symbol :sym)) :sym)
(check-error etypecase-fail (etypecase "x" (integer :int) (symbol :sym)) type-error)
(check etypecase-expected-type
       (handler-case (etypecase "x" (integer :int) (symbol :sym))
         (type-error (e) (list (type-error-datum e) (type-error-expected-type e))))
       '("x" (or integer symbol)))
(check ctypecase-store-value
       (let ((x 'a))
         (handler-bind ((type-error (lambda (c) (store-value 3 c))))
           (list (ctypecase x (integer (* x 2))) x)))
       '(6 3))
(check-error ctypecase-fail (let ((x "x")) (ctypecase x (integer 1))) type-error)

;;; --- CHECK-TYPE

(check check-type-ok (let ((x 1)) (check-type x integer)) nil)
(check-error check-type-fail (let ((x "a")) (check-type x integer)) type-error)
(check check-type-datum
       (let ((x "a"))
         (handler-case (check-type x (or integer null))
           (type-error (e) (list (type-error-datum e) (type-error-expected-type e)))))
       '("a" (or integer null)))
(check check-type-message
       (let ((x "a")) (handler-case (check-type x integer) (error (e) (princ-to-string e))))
       "The value of X is \"a\", which is not of type INTEGER.")
(check check-type-type-string
       (let ((x "a")) (handler-case (check-type x integer "a whole number") (error (e) (princ-to-string e))))
       "The value of X is \"a\", which is not a whole number.")
(check check-type-store-value
       (let ((x "a"))
         (handler-bind ((type-error (lambda (c) (store-value 42 c))))
           (check-type x integer))
         x)
       42)
(check check-type-store-value-rechecks
       (let ((x "a") (tries 0))
         (handler-bind ((type-error (lambda (c) (incf tries) (store-value (if (< tries 2) :still-bad 7) c))))
           (check-type x integer))
         (list x tries))
       '(7 2))
(check check-type-place
       (let ((l (list 1 "b")))
         (handler-bind ((type-error (lambda (c) (store-value 2 c))))
           (check-type (second l) integer))
         l)
       '(1 2))

;;; --- ASSERT

(check assert-ok (assert (= 1 1)) nil)
(check-error assert-fail (assert (= 1 2)) error)
(check assert-message (handler-case (assert (= 1 2)) (error (e) (princ-to-string e))) "The assertion (= 1 2) failed.")
(check assert-message-places
       (let ((x 0)) (handler-case (assert (> x 1) (x)) (error (e) (princ-to-string e))))
       "The assertion (> X 1) failed with X = 0.")
(check assert-datum
       (handler-case (assert nil () 'type-error :datum 1 :expected-type 'string)
         (type-error (e) (type-error-datum e)))
       1)
(check assert-datum-string
       (handler-case (assert nil () "Bad ~A" 'thing) (simple-error (e) (princ-to-string e)))
       "Bad THING")
(check assert-continue-retries
       (let ((n 0))
         (handler-bind ((error (lambda (c) (incf n) (continue c))))
           (assert (> n 2)))
         n)
       3)

;;; --- DEFTYPE names where array storage is decided (element types and
;;; sequence result types), as SBCL expands them

(deftype st-octet () '(unsigned-byte 8))
(deftype st-octets (&optional (n '*)) `(simple-array st-octet (,n)))
(deftype st-char () 'character)
(deftype st-string () '(vector st-char))
(deftype st-endless () 'st-endless)
(check deftype-element-type-make-array (type-of (make-array 4 :element-type 'st-octet))
       '(simple-array (unsigned-byte 8) (4)))
(check deftype-upgraded-array-element-type (upgraded-array-element-type 'st-octet) '(unsigned-byte 8))
(check deftype-make-string (make-string 3 :element-type 'st-char :initial-element #\a) "aaa")
(check deftype-make-string-not-a-character
       (handler-case (make-string 2 :element-type 'st-octet) (error () :refused))
       :refused)
(check deftype-sequence-result-types
       (mapcar #'type-of (list (coerce '(1 2) 'st-octets)
                               (map 'st-octets #'1+ '(1 2))
                               (concatenate 'st-octets #(1) #(2))
                               (make-sequence 'st-octets 2 :initial-element 0)
                               (merge 'st-octets (coerce '(1 3) 'st-octets) (coerce '(2) 'st-octets) #'<)
                               (coerce "ab" 'st-string)))
       '((simple-array (unsigned-byte 8) (2)) (simple-array (unsigned-byte 8) (2))
         (simple-array (unsigned-byte 8) (2)) (simple-array (unsigned-byte 8) (2))
         (simple-array (unsigned-byte 8) (3)) (simple-array character (2))))
(check deftype-result-type-length-checked
       (handler-case (coerce '(1 2 3) '(st-octets 2)) (error () :refused))
       :refused)
(check deftype-typep-array-element-type
       (list (typep (vector 1 2) '(simple-array st-octet (*)))
             (typep (coerce '(1 2) 'st-octets) '(simple-array st-octet (*)))
             (typep (coerce '(1 2) 'st-octets) 'st-octets))
       '(nil t t))
(check deftype-endless-expansion-is-an-error
       (handler-case (make-array 1 :element-type 'st-endless) (error () :error))
       :error)
