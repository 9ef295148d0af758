;;;; The metaobject protocol subset libraries use (closer-mop's common
;;;; core): readers of classes, slot definitions, generic functions and
;;;; methods, finalization, EQL specializers, funcallable instances. They
;;;; live in CLOVE-SYSTEM and are exported from CLOVE-MOP.

(in-package "CLOVE-SYSTEM")

(defun %check-class (class)
  (unless (%class-object-p class)
    (error 'type-error :datum class :expected-type 'class))
  class)

(defun class-direct-superclasses (class) (%cref (%check-class class) +class-direct-superclasses+))
(defun class-direct-subclasses (class) (%cref (%check-class class) +class-direct-subclasses+))
(defun class-direct-slots (class) (%cref (%check-class class) +class-direct-slots+))
(defun class-direct-default-initargs (class) (%cref (%check-class class) +class-direct-default-initargs+))
(defun class-finalized-p (class) (and (%cref (%check-class class) +class-finalized-p+) t))

(defun %finalized (class)
  (%check-class class)
  (unless (%cref class +class-finalized-p+)
    (error 'simple-error :format-control "The class ~S is not finalized (a superclass is not defined yet)."
                         :format-arguments (list class)))
  class)

(defun class-precedence-list (class) (%cref (%finalized class) +class-precedence-list+))
(defun class-slots (class) (%cref (%finalized class) +class-slots+))
(defun class-default-initargs (class) (%cref (%finalized class) +class-default-initargs+))

(defun finalize-inheritance (class)
  (%check-class class)
  (%finalize-class class)
  (unless (%cref class +class-finalized-p+)
    (%finalized class))
  class)

(defun compute-class-precedence-list (class) (%compute-cpl (%check-class class)))

(defun class-prototype (class)
  (%finalized class)
  (or (%cref class +class-prototype+)
      (%cset class +class-prototype+ (%allocate class))))

(defun slot-definition-name (slotd) (%cref slotd +slotd-name+))
(defun slot-definition-initform (slotd) (%cref slotd +slotd-initform+))
(defun slot-definition-initfunction (slotd) (%cref slotd +slotd-initfunction+))
(defun slot-definition-initargs (slotd) (%cref slotd +slotd-initargs+))
(defun slot-definition-readers (slotd) (%cref slotd +slotd-readers+))
(defun slot-definition-writers (slotd) (%cref slotd +slotd-writers+))
(defun slot-definition-allocation (slotd) (%cref slotd +slotd-allocation+))
(defun slot-definition-type (slotd) (%cref slotd +slotd-type+))
(defun slot-definition-location (slotd) (%cref slotd +slotd-location+))
(defun slot-definition-documentation (slotd) (%cref slotd +slotd-documentation+))

(defun standard-instance-access (instance location) (%instance-ref instance location))
(defun (setf standard-instance-access) (value instance location) (%instance-set instance location value))
(defun funcallable-standard-instance-access (instance location) (%instance-ref instance location))
(defun (setf funcallable-standard-instance-access) (value instance location) (%instance-set instance location value))

(defun set-funcallable-instance-function (instance function)
  (%set-funcallable-instance-function instance function))

(defun %check-gf (gf)
  (unless (%generic-function-p gf)
    (error 'type-error :datum gf :expected-type 'generic-function))
  gf)

(defun generic-function-name (gf) (%cref (%check-gf gf) +gf-name+))
(defun generic-function-methods (gf) (%cref (%check-gf gf) +gf-methods+))
(defun generic-function-lambda-list (gf)
  (let ((ll (%cref (%check-gf gf) +gf-lambda-list+))) (if (eq ll :unknown) nil ll)))
(defun generic-function-method-combination (gf) (%cref (%check-gf gf) +gf-method-combination+))
(defun generic-function-argument-precedence-order (gf) (%cref (%check-gf gf) +gf-argument-precedence-order+))
(defun generic-function-declarations (gf) (%cref (%check-gf gf) +gf-declarations+))
(defun generic-function-method-class (gf) (%cref (%check-gf gf) +gf-method-class+))

(defun method-qualifiers (method) (%cref method +method-qualifiers+))
(defun method-specializers (method) (%cref method +method-specializers+))
(defun method-lambda-list (method) (%cref method +method-lambda-list+))
(defun method-generic-function (method) (%cref method +method-generic-function+))
(defun accessor-method-slot-definition (method) (%cref method +method-slot-definition+))
(defun method-function (method)
  ;; As the MOP has it: a function of the arguments and the next methods.
  (let ((maker (%cref method +method-function+)))
    (lambda (args next-methods)
      (apply (funcall maker (and next-methods (%chain next-methods nil)) method) args))))

(defun specializer-direct-methods (specializer)
  (if (%eql-specializer-p specializer)
      (%cref specializer +eql-direct-methods+)
      (%cref (%check-class specializer) +class-direct-methods+)))

(defun specializer-direct-generic-functions (specializer)
  (let ((out nil))
    (dolist (m (specializer-direct-methods specializer) out)
      (pushnew (%cref m +method-generic-function+) out))))

(defun extract-lambda-list (specialized-lambda-list)
  (values (%method-lambda-list-parts specialized-lambda-list)))

(defun extract-specializer-names (specialized-lambda-list)
  (multiple-value-bind (plain specs) (%method-lambda-list-parts specialized-lambda-list)
    (declare (ignore plain))
    specs))

(defun compute-applicable-methods-using-classes (gf classes)
  ;; The methods applicable to arguments of these classes, and whether that
  ;; answer holds for every such argument (not when EQL specializers matter).
  (let ((methods nil) (sure t))
    (dolist (m (%cref (%check-gf gf) +gf-methods+))
      (when (do ((ss (%cref m +method-specializers+) (cdr ss)) (cs classes (cdr cs)))
                ((null ss) t)
              (let ((s (car ss)))
                (when (%eql-specializer-p s) (setq sure nil) (return nil))
                (unless (member s (%cref (car cs) +class-precedence-list+)) (return nil))))
        (push m methods)))
    (values (if sure
                (%sort-methods gf methods (mapcar #'class-prototype classes))
                nil)
            sure)))

;;; CLOVE-MOP exports the CL symbols of the protocol and the CLOVE-SYSTEM
;;; ones defined above (read here, each name is the right symbol).
(let ((mop (or (find-package "CLOVE-MOP") (make-package "CLOVE-MOP" :use nil)))
      (symbols
        '(class-name find-class class-of ensure-generic-function add-method remove-method find-method
    compute-applicable-methods method-qualifiers standard-class built-in-class structure-class
    standard-object standard-generic-function generic-function standard-method method class
    method-combination slot-value slot-boundp slot-makunbound slot-exists-p make-instance
    allocate-instance initialize-instance reinitialize-instance shared-initialize
    class-direct-superclasses class-direct-subclasses class-direct-slots
    class-direct-default-initargs class-finalized-p class-precedence-list class-slots
    class-default-initargs finalize-inheritance compute-class-precedence-list class-prototype
    slot-definition-name slot-definition-initform slot-definition-initfunction
    slot-definition-initargs slot-definition-readers slot-definition-writers
    slot-definition-allocation slot-definition-type slot-definition-location
    slot-definition-documentation standard-instance-access funcallable-standard-instance-access
    set-funcallable-instance-function generic-function-name generic-function-methods
    generic-function-lambda-list generic-function-method-combination
    generic-function-argument-precedence-order generic-function-declarations
    generic-function-method-class method-specializers method-lambda-list method-generic-function
    method-function accessor-method-slot-definition specializer-direct-methods
    specializer-direct-generic-functions extract-lambda-list extract-specializer-names
    compute-applicable-methods-using-classes intern-eql-specializer eql-specializer-object
    ensure-class validate-superclass funcallable-standard-class funcallable-standard-object
    forward-referenced-class metaobject specializer eql-specializer slot-definition
    standard-slot-definition direct-slot-definition effective-slot-definition
    standard-direct-slot-definition standard-effective-slot-definition standard-accessor-method
    standard-reader-method standard-writer-method)))
  (import symbols mop)
  (export symbols mop))
