;;;; CLOS (CLHS chapter 7): classes, instances, slots, generic functions,
;;;; method combination, redefinition, change-class, the MOP subset, and
;;;; conditions and structures as classes. Expected values are SBCL's.

(in-package "CLOVE-TEST")

;;; --- DEFCLASS, MAKE-INSTANCE, slots

(defclass shape ()
  ((name :initarg :name :initform "shape" :accessor shape-name)
   (count :allocation :class :initform 0 :accessor shape-count)))

(defclass circle (shape)
  ((radius :initarg :radius :initarg :r :initform 1 :reader radius :writer set-radius))
  (:default-initargs :name "circle"))

(check defclass-returns-class (class-name (defclass tmp-class () ())) 'tmp-class)
(check make-instance-initform (radius (make-instance 'circle)) 1)
(check make-instance-initarg (radius (make-instance 'circle :radius 5)) 5)
(check make-instance-second-initarg (radius (make-instance 'circle :r 7)) 7)
(check first-initarg-wins (radius (make-instance 'circle :r 7 :radius 8)) 7)
(check default-initargs (shape-name (make-instance 'circle)) "circle")
(check default-initargs-overridden (shape-name (make-instance 'circle :name "c2")) "c2")
(check inherited-initform (shape-name (make-instance 'shape)) "shape")
(check make-instance-of-class-object (class-name (class-of (make-instance (find-class 'circle)))) 'circle)
(check writer (let ((c (make-instance 'circle))) (set-radius 9 c) (radius c)) 9)
(check setf-accessor (let ((c (make-instance 'circle))) (setf (shape-name c) "x") (shape-name c)) "x")
(check class-slot-shared
       (let ((a (make-instance 'shape)) (b (make-instance 'circle)))
         (setf (shape-count a) 42)
         (shape-count b))
       42)
(check slot-value (slot-value (make-instance 'circle :radius 3) 'radius) 3)
(check setf-slot-value (let ((c (make-instance 'circle))) (setf (slot-value c 'radius) 4) (radius c)) 4)
(check slot-boundp (list (slot-boundp (make-instance 'circle) 'radius)
                         (let ((c (make-instance 'circle))) (slot-makunbound c 'radius) (slot-boundp c 'radius)))
       '(t nil))
(check slot-exists-p (list (slot-exists-p (make-instance 'circle) 'radius) (slot-exists-p (make-instance 'circle) 'nope)
                           (slot-exists-p 5 'radius))
       '(t nil nil))
(check with-slots (let ((c (make-instance 'circle :radius 2)))
                    (with-slots (radius (n name)) c (setf radius 10) (list radius n)))
       '(10 "circle"))
(check with-accessors (let ((c (make-instance 'circle :radius 2)))
                        (with-accessors ((r radius) (n shape-name)) c (setf n "z") (list r n)))
       '(2 "z"))

(check-error invalid-initarg (make-instance 'circle :bogus 1) program-error)
(check allow-other-keys (radius (make-instance 'circle :bogus 1 :allow-other-keys t)) 1)
(check-error missing-slot (slot-value (make-instance 'circle) 'nope) error)
(check-error unbound-slot
             (let ((c (make-instance 'circle))) (slot-makunbound c 'radius) (radius c))
             unbound-slot)
(check unbound-slot-details
       (let ((c (make-instance 'circle)))
         (slot-makunbound c 'radius)
         (handler-case (slot-value c 'radius)
           (unbound-slot (e) (list (cell-error-name e) (eq (unbound-slot-instance e) c)))))
       '(radius t))
(check-error no-such-class (make-instance 'no-such-class-anywhere) error)
(check-error find-class-error (find-class 'no-such-class-anywhere) error)
(check find-class-nil (find-class 'no-such-class-anywhere nil) nil)
(check-error duplicate-slot (macroexpand '(defclass bad () (a a))) program-error)

(defclass with-missing () ((a :initarg :a)))
(defmethod slot-missing ((class t) (object with-missing) name operation &optional value)
  (list :missing name operation value))
(check slot-missing-method (slot-value (make-instance 'with-missing) 'zz) '(:missing zz slot-value nil))
(defmethod slot-unbound ((class t) (object with-missing) name)
  (list :unbound name))
(check slot-unbound-method (slot-value (make-instance 'with-missing) 'a) '(:unbound a))

;;; --- Class precedence

(defclass pa () ())
(defclass pb (pa) ())
(defclass pc (pa) ())
(defclass pd (pb pc) ())
(check cpl-diamond (mapcar #'class-name (clove-mop:class-precedence-list (find-class 'pd)))
       '(pd pb pc pa standard-object t))
(defclass px1 () ())
(defclass px2 () ())
(defclass pxy1 (px1 px2) ())
(defclass pxy2 (px2 px1) ())
(check-error inconsistent-cpl (defclass pxbad (pxy1 pxy2) ()) error)
(check typep-class (list (typep (make-instance 'pd) 'pa) (typep (make-instance 'pb) 'pc)) '(t nil))
(check subtypep-classes (list (subtypep 'pd 'pa) (subtypep 'pa 'pd) (subtypep 'circle 'standard-object)) '(t nil t))
(check typep-class-object (typep (make-instance 'pd) (find-class 'pb)) t)
(check class-of-builtins (mapcar (lambda (x) (class-name (class-of x)))
                                 (list 1 (expt 2 80) 1/2 1.0 1d0 #\a 'a nil '(1) "s" #(1) (make-hash-table) #'car))
       '(fixnum bignum ratio single-float double-float character symbol null cons simple-string simple-vector
         hash-table function))
(check built-in-cpl (mapcar #'class-name (clove-mop:class-precedence-list (find-class 'null)))
       '(null symbol list sequence t))
(check forward-referenced
       (progn (defclass fwd-sub (fwd-super) ((b :initform 2 :reader fwd-b)))
              (defclass fwd-super () ((a :initform 1 :reader fwd-a)))
              (let ((i (make-instance 'fwd-sub))) (list (fwd-a i) (fwd-b i))))
       '(1 2))

;;; --- Generic functions and methods

(defgeneric area (shape))
(defmethod area ((s shape)) 0)
(defmethod area ((c circle)) (* 3 (radius c) (radius c)))
(check dispatch (list (area (make-instance 'shape)) (area (make-instance 'circle :radius 2))) '(0 12))
(check-error no-applicable-method (area 5) error)

(defgeneric describe-thing (x))
(defmethod describe-thing ((x integer)) (list :integer (call-next-method)))
(defmethod describe-thing ((x number)) (list :number (next-method-p) (call-next-method)))
(defmethod describe-thing ((x t)) :t)
(defmethod describe-thing ((x (eql 7))) (list :seven (call-next-method)))
(defmethod describe-thing ((x string)) :string)
(defmethod describe-thing ((x null)) :null)
(defmethod describe-thing ((x list)) :list)
(check built-in-dispatch
       (mapcar #'describe-thing (list 1 7 2.5 "s" nil '(1) 'sym))
       '((:integer (:number t :t)) (:seven (:integer (:number t :t))) (:number t :t) :string :null :list :t))
(check dispatch-cache-consistent
       (let ((r nil)) (dotimes (i 3) (push (describe-thing i) r)) (first r))
       '(:integer (:number t :t)))

(defgeneric cnm-args (x y))
(defmethod cnm-args ((x number) y) (list :number x y))
(defmethod cnm-args ((x integer) y) (call-next-method (* x 10) (list y)))
(check call-next-method-with-args (cnm-args 2 3) '(:number 20 (3)))
(defgeneric cnm-none (x))
(defmethod cnm-none ((x integer)) (list (next-method-p) (call-next-method)))
(check-error no-next-method (cnm-none 1) error)
(defmethod no-next-method ((gf (eql #'cnm-none)) method &rest args)
  (declare (ignore method))
  (list :no-next args))
(check no-next-method-method (cnm-none 1) '(nil (:no-next (1))))

(defvar *trace* nil)
(defgeneric step-it (x))
(defmethod step-it ((x integer)) (push :primary-int *trace*) :result)
(defmethod step-it ((x number)) (push :primary-num *trace*) :unused)
(defmethod step-it :before ((x integer)) (push :before-int *trace*))
(defmethod step-it :before ((x number)) (push :before-num *trace*))
(defmethod step-it :after ((x integer)) (push :after-int *trace*))
(defmethod step-it :after ((x number)) (push :after-num *trace*))
(defmethod step-it :around ((x number)) (push :around-num *trace*) (list :around (call-next-method)))
(check standard-combination
       (let ((*trace* nil)) (list (step-it 1) (reverse *trace*)))
       '((:around :result) (:around-num :before-int :before-num :primary-int :after-num :after-int)))

(defgeneric combined (x) (:method-combination list))
(defmethod combined list ((x integer)) :integer)
(defmethod combined list ((x number)) :number)
(defmethod combined :around ((x integer)) (cons :around (call-next-method)))
(check list-combination (combined 1) '(:around :integer :number))
(defgeneric combined-last (x) (:method-combination list :most-specific-last))
(defmethod combined-last list ((x integer)) :integer)
(defmethod combined-last list ((x number)) :number)
(check most-specific-last (combined-last 1) '(:number :integer))
(defgeneric all-of (x) (:method-combination and))
(defmethod all-of and ((x integer)) (push :int *trace*) nil)
(defmethod all-of and ((x number)) (push :num *trace*) t)
(check and-short-circuits (let ((*trace* nil)) (list (all-of 1) *trace*)) '(nil (:int)))
(defgeneric total (x) (:method-combination +))
(defmethod total + ((x integer)) 1)
(defmethod total + ((x number)) 10)
(check plus-combination (total 1) 11)
(define-method-combination biggest :operator max)
(defgeneric biggest-of (x) (:method-combination biggest))
(defmethod biggest-of biggest ((x integer)) 3)
(defmethod biggest-of biggest ((x number)) 8)
(check short-define-method-combination (biggest-of 1) 8)
(defgeneric wrong-qualifier (x))
(defmethod wrong-qualifier :sideways ((x t)) 1)
(check-error bad-qualifier (wrong-qualifier 1) error)

(defgeneric with-options (a b)
  (:argument-precedence-order b a)
  (:documentation "doc")
  (:method ((a integer) (b t)) :a-integer)
  (:method ((a t) (b integer)) :b-integer))
(check argument-precedence-order (with-options 1 2) :b-integer)

(defgeneric keyed (x &key))
(defmethod keyed ((x integer) &key (scale 1)) (* x scale))
(check method-keys (keyed 3 :scale 2) 6)
(check-error congruence-required (defmethod keyed ((x integer) y) y) error)
(defgeneric two-args (a b))
(check-error congruence-error (eval '(defmethod two-args ((a t)) a)) error)
(check-error ordinary-function-not-generic (eval '(defgeneric car (x))) error)
(check-error too-few-arguments (funcall #'two-args 1) program-error)

(defgeneric setf-able (object))
(defgeneric (setf setf-able) (value object))
(defvar *box* (list nil))
(defmethod setf-able ((o cons)) (car o))
(defmethod (setf setf-able) (value (o cons)) (setf (car o) value))
(check setf-generic (progn (setf (setf-able *box*) 5) (setf-able *box*)) 5)

(check find-method-and-remove
       (let* ((gf #'area)
              (m (find-method gf '() (list (find-class 'circle)))))
         (remove-method gf m)
         (prog1 (area (make-instance 'circle :radius 5))
           (add-method gf m)))
       0)
(check method-readded (area (make-instance 'circle :radius 1)) 3)
(check-error find-method-missing (find-method #'area '(:before) (list (find-class 'circle))) error)
(check find-method-nil (find-method #'area '(:before) (list (find-class 'circle)) nil) nil)
(check compute-applicable-methods
       (length (compute-applicable-methods #'describe-thing (list 7)))
       4)
(check redefine-method
       (progn (defmethod area ((s shape)) :redefined)
              (list (area (make-instance 'shape)) (length (clove-mop:generic-function-methods #'area))))
       '(:redefined 2))
(check ensure-generic-function (progn (ensure-generic-function 'egf-test :lambda-list '(x))
                                      (defmethod egf-test ((x t)) (list x))
                                      (egf-test 1))
       '(1))
(check generic-function-types (list (typep #'area 'generic-function) (typep #'area 'function)
                                    (typep #'car 'generic-function) (functionp #'area))
       '(t t nil t))
(check function-keywords (multiple-value-list (function-keywords (first (clove-mop:generic-function-methods #'keyed))))
       '((:scale) nil))

;;; --- Initialization protocol

(defclass counted ()
  ((value :initarg :value :reader value)
   (log :initform nil :accessor counted-log)))
(defmethod initialize-instance :after ((c counted) &key extra)
  (push (list :init extra) (counted-log c)))
(check initialize-instance-after
       (counted-log (make-instance 'counted :value 1 :extra 2))
       '((:init 2)))
(check method-key-is-valid-initarg (value (make-instance 'counted :value 1 :extra 3)) 1)
(defmethod shared-initialize :after ((c counted) slots &key)
  (push (list :shared slots) (counted-log c)))
(check reinitialize-instance
       (let ((c (make-instance 'counted :value 1)))
         (reinitialize-instance c :value 2)
         (list (value c) (first (counted-log c))))
       '(2 (:shared nil)))
(check-error reinitialize-bad-initarg (reinitialize-instance (make-instance 'counted) :bogus 1) program-error)
(check allocate-instance-unbound
       (slot-boundp (allocate-instance (find-class 'counted)) 'log)
       nil)

;;; --- Redefinition and change-class

(defclass evolving () ((a :initarg :a :accessor evolving-a) (b :initform 2 :accessor evolving-b)))
(defvar *old* (make-instance 'evolving :a 1))
(defclass evolving () ((a :initarg :a :accessor evolving-a) (c :initform 3 :accessor evolving-c)))
(check redefined-class-updates-instance
       (list (evolving-a *old*) (evolving-c *old*) (slot-exists-p *old* 'b))
       '(1 3 nil))
(check-error removed-accessor (evolving-b *old*) error)
;; A reader that also has ordinary methods survives its class's redefinition.
(defclass mixed-reader () ((k :initform :slot :reader mixed-k)))
(defmethod mixed-k ((x null)) :null)
(defclass mixed-reader () ((k :initform :slot2 :reader mixed-k)))
(check redefined-class-with-mixed-reader (list (mixed-k (make-instance 'mixed-reader)) (mixed-k nil))
       '(:slot2 :null))
(defclass evolving2 () ((x :initform 1)))
(defvar *old2* (make-instance 'evolving2))
(defmethod update-instance-for-redefined-class :after ((i evolving2) added discarded plist &key)
  (setf (slot-value i 'seen) (list added discarded plist)))
(defclass evolving2 () ((y :initform 2) (seen)))
(check update-instance-for-redefined-class (slot-value *old2* 'seen) '((y seen) (x) (x 1)))

(defclass before-change () ((shared :initarg :shared :initform 1) (old :initform :old)))
(defclass after-change () ((shared :initform 99) (new :initform :new)))
(check change-class
       (let ((i (make-instance 'before-change :shared 5)))
         (change-class i 'after-change)
         (list (class-name (class-of i)) (slot-value i 'shared) (slot-value i 'new) (slot-exists-p i 'old)))
       '(after-change 5 :new nil))
(defmethod update-instance-for-different-class :after ((old before-change) (new after-change) &key)
  (setf (slot-value new 'new) (list :was (slot-value old 'old))))
(check update-instance-for-different-class
       (let ((i (make-instance 'before-change)))
         (change-class i 'after-change)
         (slot-value i 'new))
       '(:was :old))

;;; --- Printing and describing

(check print-unreadable-instance
       (let ((s (prin1-to-string (make-instance 'circle))))
         (list (subseq s 0 9) (char s (1- (length s)))))
       '("#<CIRCLE " #\>))
(defmethod print-object ((c circle) stream)
  (print-unreadable-object (c stream :type t) (format stream "r=~D" (radius c))))
(check print-object-method (prin1-to-string (make-instance 'circle :radius 4)) "#<CIRCLE r=4>")
(check princ-uses-print-object (format nil "~A" (make-instance 'circle :radius 4)) "#<CIRCLE r=4>")
(check print-class (prin1-to-string (find-class 'circle)) "#<STANDARD-CLASS CIRCLE>")
(check print-generic-function (subseq (prin1-to-string #'area) 0 35) "#<STANDARD-GENERIC-FUNCTION AREA (2")
(check-error print-readably-instance
             (let ((*print-readably* t)) (prin1-to-string (make-instance 'shape)))
             print-not-readable)
(check describe-lists-slots
       (let ((s (with-output-to-string (o) (describe (make-instance 'circle :radius 4) o))))
         (and (search "RADIUS" s) (search "4" s) t))
       t)

;;; --- Conditions and structures are classes

(define-condition my-error (error) ((code :initarg :code :reader my-code)))
(check condition-class-of (class-name (class-of (make-condition 'my-error :code 1))) 'my-error)
(check condition-cpl (mapcar #'class-name (clove-mop:class-precedence-list (find-class 'my-error)))
       '(my-error error serious-condition condition t))
(defgeneric handle (c))
(defmethod handle ((c error)) :error)
(defmethod handle ((c my-error)) (list :mine (my-code c) (call-next-method)))
(check dispatch-on-condition (handle (make-condition 'my-error :code 3)) '(:mine 3 :error))
(check condition-reader-is-generic (typep #'my-code 'generic-function) t)
(check slot-value-on-condition (slot-value (make-condition 'my-error :code 4) 'code) 4)
(check handler-case-uses-class
       (handler-case (error 'my-error :code 5) (error (e) (my-code e)))
       5)

(defstruct dot x y)
(check structure-class-of (list (class-name (class-of (make-dot))) (class-name (class-of (class-of (make-dot)))))
       '(dot structure-class))
(defgeneric dot-sum (d))
(defmethod dot-sum ((d dot)) (+ (dot-x d) (dot-y d)))
(check dispatch-on-structure (dot-sum (make-dot :x 1 :y 2)) 3)
(defmethod print-object ((d dot) stream) (format stream "<dot ~A ~A>" (dot-x d) (dot-y d)))
(check print-object-on-structure (prin1-to-string (make-dot :x 1 :y 2)) "<dot 1 2>")
(defstruct (dot3 (:include dot)) z)
(check print-object-inherited-by-structure (prin1-to-string (make-dot3 :x 1 :y 2 :z 3)) "<dot 1 2>")
(check structure-slots-in-mop (mapcar #'clove-mop:slot-definition-name (clove-mop:class-slots (find-class 'dot3)))
       '(x y z))

;;; --- MOP subset

(check mop-class-readers
       (let ((c (find-class 'circle)))
         (list (mapcar #'class-name (clove-mop:class-direct-superclasses c))
               (mapcar #'clove-mop:slot-definition-name (clove-mop:class-direct-slots c))
               (mapcar #'clove-mop:slot-definition-name (clove-mop:class-slots c))
               (clove-mop:class-finalized-p c)
               (and (member c (clove-mop:class-direct-subclasses (find-class 'shape))) t)))
       '((shape) (radius) (name count radius) t t))
(check mop-slot-definition
       (let ((s (find 'radius (clove-mop:class-direct-slots (find-class 'circle)) :key #'clove-mop:slot-definition-name)))
         (list (clove-mop:slot-definition-initargs s) (clove-mop:slot-definition-initform s)
               (clove-mop:slot-definition-readers s) (clove-mop:slot-definition-writers s)
               (clove-mop:slot-definition-allocation s) (clove-mop:slot-definition-type s)))
       '((:radius :r) 1 (radius) (set-radius) :instance t))
(check mop-generic-function
       (list (clove-mop:generic-function-name #'area)
             (clove-mop:generic-function-lambda-list #'area)
             (mapcar (lambda (m) (mapcar #'class-name (clove-mop:method-specializers m)))
                     (sort (copy-list (clove-mop:generic-function-methods #'area)) #'string<
                           :key (lambda (m) (class-name (first (clove-mop:method-specializers m))))))
             (method-qualifiers (first (clove-mop:generic-function-methods #'step-it))))
       '(area (shape) ((circle) (shape)) (:around)))
(defclass my-meta (standard-class) ((note :initarg :note :initform nil :reader meta-note)))
(defmethod clove-mop:validate-superclass ((c my-meta) (s standard-class)) t)
(defclass with-meta () ((q :initform 1 :reader q)) (:metaclass my-meta))
(check custom-metaclass
       (list (class-name (class-of (find-class 'with-meta))) (q (make-instance 'with-meta)))
       '(my-meta 1))
(defclass fin-class () () (:metaclass clove-mop:funcallable-standard-class))
(check funcallable-instance
       (let ((f (make-instance 'fin-class)))
         (clove-mop:set-funcallable-instance-function f (lambda (x) (* x 2)))
         (list (funcall f 21) (functionp f) (class-name (class-of f))))
       '(42 t fin-class))
(check eql-specializer-objects
       (let ((s (clove-mop:intern-eql-specializer 7)))
         (list (eq s (clove-mop:intern-eql-specializer 7)) (clove-mop:eql-specializer-object s)))
       '(t 7))
(check make-load-form-saving-slots
       (let ((c (make-instance 'circle :radius 6)))
         (multiple-value-bind (create init) (make-load-form-saving-slots c)
           (let ((new (eval create)))
             (eval (subst new c init))
             (radius new))))
       6)

(check print-unreadable-object-spacing
       (list (with-output-to-string (s) (print-unreadable-object (nil s :type t)))
             (with-output-to-string (s) (print-unreadable-object (nil s :type t) (write-char #\X s)))
             (char (with-output-to-string (s) (print-unreadable-object ((list 1) s :identity t))) 2)
             (with-output-to-string (s) (print-unreadable-object ((list 1) s))))
       '("#<NULL >" "#<NULL X>" #\Space "#<>"))
(check-error print-unreadable-object-readably
             (let ((*print-readably* t)) (with-output-to-string (s) (print-unreadable-object (nil s :type t))))
             print-not-readable)

;;; Initialization methods and class redefinitions defined after instances
;;; were made take effect (the cached make-instance plan and dispatch are renewed).
(defclass late-init () ((v :initarg :v :reader late-v)))
(check late-init-before (late-v (make-instance 'late-init :v 1)) 1)
(defvar *late-seen* nil)
(defmethod initialize-instance :after ((o late-init) &key extra)
  (setq *late-seen* extra))
(check late-init-method-key-and-run
       (progn (make-instance 'late-init :v 2 :extra :yes) *late-seen*)
       :yes)
(defclass redef-base-a () ())
(defclass redef-base-b () ())
(defclass redef-child (redef-base-a) ())
(defgeneric which-base (x))
(defmethod which-base ((x redef-base-a)) :a)
(defmethod which-base ((x redef-base-b)) :b)
(check dispatch-before-redefinition (which-base (make-instance 'redef-child)) :a)
(defclass redef-child (redef-base-b) ())
(check dispatch-after-redefinition (which-base (make-instance 'redef-child)) :b)

;;; CALL-NEXT-METHOD and NEXT-METHOD-P that appear only once a macro of
;;; the method's body is expanded (SBCL: the same).
(defclass cnm-base () ())
(defclass cnm-derived (cnm-base) ())
(defmacro via-cnm () '(call-next-method))
(defmacro via-nmp () '(next-method-p))
(defmacro via-nested () '(list :nested (via-cnm)))
(defgeneric cnm-by-macro (x))
(defmethod cnm-by-macro ((x cnm-base)) (list :base (via-nmp)))
(defmethod cnm-by-macro ((x cnm-derived)) (list :derived (via-nmp) (via-cnm) (via-nested)))
(check call-next-method-from-a-macro
       (cnm-by-macro (make-instance 'cnm-derived))
       '(:derived t (:base nil) (:nested (:base nil))))
(defgeneric cnm-in-macrolet (x))
(defmethod cnm-in-macrolet ((x cnm-base)) :base)
(defmethod cnm-in-macrolet ((x cnm-derived))
  (macrolet ((next () '(call-next-method))) (list :derived (next))))
(check call-next-method-from-a-macrolet
       (cnm-in-macrolet (make-instance 'cnm-derived))
       '(:derived :base))

;;; Keyword arguments of generic-function calls (CLHS 7.6.5), checked on
;;; the first call and on the later ones answered by the dispatch cache.
(defgeneric kw-gf (x &key a))
(defmethod kw-gf ((x integer) &key a) (list x a))
(defmethod kw-gf ((x string) &key a b) (list x a b))
(check kw-gf-first (kw-gf 1 :a 2) '(1 2))
(check kw-gf-cached (list (kw-gf 1) (kw-gf 1 :a 3)) '((1 nil) (1 3)))
(check-error kw-gf-invalid (kw-gf 1 :b 2) program-error)
(check-error kw-gf-invalid-cached (progn (kw-gf 1 :a 1) (kw-gf 1 :b 2)) program-error)
(check-error kw-gf-odd (kw-gf 1 :a) program-error)
(check kw-gf-method-key (kw-gf "s" :b 2) '("s" nil 2))
(check kw-gf-allow-other-keys (kw-gf 1 :b 2 :allow-other-keys t) '(1 nil))
(check-error kw-gf-first-allow-other-keys-decides (kw-gf 1 :b 2 :allow-other-keys nil :allow-other-keys t)
             program-error)
(check kw-gf-nil-key-allowed (kw-gf 1 :allow-other-keys t nil 1) '(1 nil))

;;; SLOT-BOUNDP of local and class slots, bound and unbound, and of a
;;; missing slot.
(defclass boundp-test () ((local :initarg :local) (shared :allocation :class)))
(check slot-boundp-cases
       (let ((o (make-instance 'boundp-test :local 1)) (u (make-instance 'boundp-test)))
         (list (slot-boundp o 'local) (slot-boundp u 'local) (slot-boundp o 'shared)
               (progn (setf (slot-value u 'shared) 2) (slot-boundp o 'shared))))
       '(t nil nil t))
(check-error slot-boundp-missing (slot-boundp (make-instance 'boundp-test) 'nope) error)
(check-error class-slot-unbound-read
             (let ((o (make-instance 'boundp-test)))
               (slot-makunbound o 'shared)
               (slot-value o 'shared))
             unbound-slot)
