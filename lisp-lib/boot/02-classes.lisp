;;;; Classes before generic functions (CLHS 4.3, the MOP's class and slot
;;;; definition metaobjects): class objects with their precedence lists,
;;;; effective slots and layouts; instance allocation and slot
;;;; initialization; FIND-CLASS; the classes of the built-in types.
;;;; Condition classes (03) and structure classes (09) are made here too;
;;;; 12-clos-*.lisp builds generic functions, methods and DEFCLASS on top.
;;;;
;;;; Every instance keeps its layout in slot 0 (crates/runtime/src/clos/):
;;;; a fresh cons whose cdr lists the names of the slots stored in the
;;;; instance, in order, and whose car says whether instances are
;;;; funcallable (:FUNCALLABLE) or not (:STANDARD). Redefining a class with other slots gives it a new
;;;; layout; instances still holding the old one are updated when next
;;;; touched (12-clos-slots.lisp).

(in-package "CLOVE-SYSTEM")

;;; --- Metaobject layouts

(defconstant +class-name+ 1)
(defconstant +class-direct-superclasses+ 2)
(defconstant +class-precedence-list+ 3)
(defconstant +class-direct-slots+ 4)
(defconstant +class-slots+ 5)
(defconstant +class-direct-subclasses+ 6)
(defconstant +class-direct-default-initargs+ 7)
(defconstant +class-default-initargs+ 8)
(defconstant +class-finalized-p+ 9)
(defconstant +class-layout+ 10)
(defconstant +class-prototype+ 11)
(defconstant +class-documentation+ 12)
(defconstant +class-direct-methods+ 13)
(defconstant +class-valid-initargs+ 14)

(defparameter *class-slot-names*
  '(name direct-superclasses precedence-list direct-slots slots direct-subclasses
    direct-default-initargs default-initargs finalized-p layout prototype documentation
    direct-methods valid-initargs))

;;; Structure classes add (builtins/types/structure.rs reads 15 and 17):
(defparameter *structure-class-slot-names*
  '(structure-slots constructor printer representation named length))
;;; Condition classes add the report (a string, a function or NIL):
(defparameter *condition-class-slot-names* '(report))
(defconstant +condition-class-report+ 15)

(defconstant +slotd-name+ 1)
(defconstant +slotd-initform+ 2)
(defconstant +slotd-initfunction+ 3)
(defconstant +slotd-initargs+ 4)
(defconstant +slotd-readers+ 5)
(defconstant +slotd-writers+ 6)
(defconstant +slotd-allocation+ 7)
(defconstant +slotd-type+ 8)
(defconstant +slotd-documentation+ 9)
(defconstant +slotd-location+ 10)
(defparameter *slotd-slot-names*
  '(name initform initfunction initargs readers writers allocation type documentation location))

;;; The value of a :class slot not yet set.
(defvar *unbound-slot* (make-symbol "UNBOUND-SLOT"))

(defmacro %cref (class slot) `(%instance-ref ,class ,slot))
(defmacro %cset (class slot value) `(%instance-set ,class ,slot ,value))

(defun %filter (pred list)
  (let ((out nil)) (dolist (x list (nreverse out)) (when (funcall pred x) (push x out)))))
(defun %any (pred list)
  (dolist (x list nil) (when (funcall pred x) (return t))))
(defun %position-eq (item list)
  (let ((i 0)) (dolist (x list nil) (when (eq x item) (return i)) (setq i (1+ i)))))

;;; --- FIND-CLASS: a class is kept under %CLASS on its name's plist (an
;;; indicator of our own: CL symbols carry no CL-named properties).

(defun find-class (symbol &optional (errorp t) environment)
  (declare (ignore environment))
  (unless (symbolp symbol)
    (error 'type-error :datum symbol :expected-type 'symbol))
  (or (get symbol '%class)
      (if errorp
          (error 'simple-error :format-control "There is no class named ~S."
                               :format-arguments (list symbol))
          nil)))

(defun %set-find-class (class symbol)
  (if class (%put symbol '%class class) (remprop symbol '%class))
  class)
(defsetf find-class (symbol &optional errorp environment) (class)
  `(progn ,errorp ,environment (%set-find-class ,class ,symbol)))

;;; --- Allocation

(defun %class-funcallable-p (class)
  (let ((f (get 'function '%class)))
    (and f (member f (%cref class +class-precedence-list+)) t)))

;;; %ALLOCATE (class), a new instance of CLASS with its slots unbound, is a
;;; primitive (builtins/clos.rs).

(defun %allocate-filled (class)
  ;; A new instance of CLASS whose slots are all NIL (metaobjects).
  (let ((i (%allocate class)))
    (do ((k (1- (%instance-length i)) (1- k))) ((< k 1) i)
      (%instance-set i k nil))))

;;; --- Class precedence lists (CLHS 4.3.5)

(defun %compute-cpl (class)
  ;; A topological sort of the local precedence orders, ties broken by the
  ;; class that is a direct superclass of the rightmost class already placed.
  (let ((classes (list class)) (constraints nil))
    (labels ((walk (c)
               (let ((prev c))
                 (dolist (d (%cref c +class-direct-superclasses+))
                   (push (cons prev d) constraints)
                   (setq prev d)
                   (unless (member d classes)
                     (push d classes)
                     (walk d))))))
      (walk class))
    (let ((result nil) (remaining classes))
      (do () ((null remaining) (nreverse result))
        (let ((candidates
                (%filter (lambda (c)
                           (not (%any (lambda (k) (and (eq (cdr k) c) (member (car k) remaining)))
                                      constraints)))
                         remaining)))
          (when (null candidates)
            (error 'simple-error
                   :format-control "Inconsistent class precedence list for ~S: no order satisfies the superclass orders of ~S."
                   :format-arguments (list (%cref class +class-name+) (mapcar (lambda (c) (%cref c +class-name+)) remaining))))
          (let ((next (if (null (cdr candidates))
                          (car candidates)
                          (block pick
                            (dolist (c result (car candidates))
                              (dolist (cand candidates)
                                (when (member cand (%cref c +class-direct-superclasses+))
                                  (return-from pick cand))))))))
            (push next result)
            (setq remaining (%filter (lambda (x) (not (eq x next))) remaining))))))))

;;; --- Slot definitions

(defun %make-slotd (class-name plist)
  ;; A slot definition of class CLASS-NAME from a canonical plist
  ;; (:name :initform :initfunction :initargs :readers :writers :allocation
  ;; :type :documentation).
  (let ((s (%allocate-filled (find-class class-name))))
    (%cset s +slotd-name+ (getf plist :name))
    (%cset s +slotd-initform+ (getf plist :initform))
    (%cset s +slotd-initfunction+ (getf plist :initfunction))
    (%cset s +slotd-initargs+ (getf plist :initargs))
    (%cset s +slotd-readers+ (getf plist :readers))
    (%cset s +slotd-writers+ (getf plist :writers))
    (%cset s +slotd-allocation+ (getf plist :allocation :instance))
    (%cset s +slotd-type+ (getf plist :type t))
    (%cset s +slotd-documentation+ (getf plist :documentation))
    s))

(defun %slotd-name (s) (%cref s +slotd-name+))

(defun %effective-slotd (name direct)
  ;; DIRECT: the direct slot definitions named NAME, most specific first.
  (let ((initargs nil) (with-init (%filter (lambda (d) (%cref d +slotd-initfunction+)) direct))
        (types (%filter (lambda (ty) (not (eq ty t))) (mapcar (lambda (d) (%cref d +slotd-type+)) direct))))
    (dolist (d direct)
      (dolist (ia (%cref d +slotd-initargs+)) (unless (member ia initargs) (push ia initargs))))
    (let ((e (%make-slotd 'standard-effective-slot-definition
                          (list :name name
                                :initargs (nreverse initargs)
                                :allocation (%cref (car direct) +slotd-allocation+)
                                :type (cond ((null types) t) ((null (cdr types)) (car types)) (t (cons 'and types)))
                                :documentation (%any-value (lambda (d) (%cref d +slotd-documentation+)) direct)))))
      (when with-init
        (%cset e +slotd-initform+ (%cref (car with-init) +slotd-initform+))
        (%cset e +slotd-initfunction+ (%cref (car with-init) +slotd-initfunction+)))
      (unless (eq (%cref e +slotd-allocation+) :instance)
        ;; A class slot lives in the cell of the class that defines it.
        (%cset e +slotd-location+ (%cref (car direct) +slotd-location+)))
      e)))

(defun %any-value (f list)
  (dolist (x list nil) (let ((v (funcall f x))) (when v (return v)))))

(defun %compute-slots (class)
  ;; Effective slots: inherited ones first, each merged over the classes
  ;; defining it; instance slots numbered from 1 in that order.
  (let ((names nil) (cpl (%cref class +class-precedence-list+)))
    (dolist (c (reverse cpl))
      (dolist (d (%cref c +class-direct-slots+))
        (unless (member (%slotd-name d) names) (push (%slotd-name d) names))))
    (let ((k 0))
      (mapcar (lambda (name)
                (let ((e (%effective-slotd
                          name
                          (let ((ds nil))
                            (dolist (c cpl (nreverse ds))
                              (dolist (d (%cref c +class-direct-slots+))
                                (when (eq (%slotd-name d) name) (push d ds))))))))
                  (when (eq (%cref e +slotd-allocation+) :instance)
                    (%cset e +slotd-location+ (setq k (1+ k))))
                  e))
              (nreverse names)))))

;;; --- Finalization

(defun %forward-referenced-p (class)
  (eq (%cref (%instance-class class) +class-name+) 'forward-referenced-class))

(defun %finalize-class (class)
  ;; Computes the precedence list, effective slots, layout and default
  ;; initargs, then does the same for subclasses (whose inheritance changed).
  (unless (%any #'%forward-referenced-p (%cref class +class-direct-superclasses+))
    (let* ((cpl (%compute-cpl class))
           (unfinished (%filter (lambda (c) (and (not (eq c class)) (%forward-referenced-p c))) cpl)))
      (unless unfinished
        (%cset class +class-precedence-list+ cpl)
        (let* ((slots (%compute-slots class))
               (names (mapcar #'%slotd-name (%filter (lambda (s) (eq (%cref s +slotd-allocation+) :instance)) slots)))
               (old (%cref class +class-layout+)))
          (%cset class +class-slots+ slots)
          (unless (and (consp old) (equal (cdr old) names) (eq (car old) (if (%class-funcallable-p class) :funcallable :standard)))
            (%cset class +class-layout+ (cons (if (%class-funcallable-p class) :funcallable :standard) names))))
        (let ((defaults nil))
          (dolist (c cpl)
            (dolist (d (%cref c +class-direct-default-initargs+))
              (unless (assoc (car d) defaults) (push d defaults))))
          (%cset class +class-default-initargs+ (nreverse defaults)))
        (%cset class +class-finalized-p+ t)
        (%cset class +class-prototype+ nil)
        (dolist (sub (%cref class +class-direct-subclasses+))
          (%finalize-class sub))))))

;;; --- Defining classes

(defun %class-designator (x)
  ;; A superclass given by name: the class, or a forward-referenced class
  ;; standing for it until it is defined.
  (cond ((not (symbolp x)) x)
        ((find-class x nil))
        (t (let ((f (%allocate-filled (find-class 'forward-referenced-class))))
             (%cset f +class-name+ x)
             (%cset f +class-precedence-list+ nil)
             (%set-find-class f x)
             f))))

(defun %ensure-class-object (name metaclass supers direct-slots
                             &key direct-default-initargs documentation)
  ;; Defines or redefines the class NAME (NIL: anonymous) of METACLASS (a
  ;; class) with SUPERS (classes or names) and DIRECT-SLOTS (canonical
  ;; plists). A class of another metaclass by that name is replaced.
  (let* ((old (and name (find-class name nil)))
         (class (if (and old (eq (%instance-class old) metaclass) (eq (%cref old +class-name+) name))
                    old
                    (%allocate-filled metaclass)))
         (supers (mapcar #'%class-designator supers))
         (old-slots (and (eq class old) (%cref class +class-direct-slots+))))
    (when (and old (not (eq class old)) (%forward-referenced-p old))
      ;; Subclasses defined before this class take it as their superclass.
      (%cset class +class-direct-subclasses+ (%cref old +class-direct-subclasses+))
      (dolist (sub (%cref old +class-direct-subclasses+))
        (%cset sub +class-direct-superclasses+
               (mapcar (lambda (s) (if (eq s old) class s)) (%cref sub +class-direct-superclasses+)))))
    (dolist (s (%cref class +class-direct-superclasses+))
      (%cset s +class-direct-subclasses+ (%filter (lambda (x) (not (eq x class))) (%cref s +class-direct-subclasses+))))
    (dolist (s supers)
      (unless (member class (%cref s +class-direct-subclasses+))
        (%cset s +class-direct-subclasses+ (cons class (%cref s +class-direct-subclasses+)))))
    (%cset class +class-name+ name)
    (%cset class +class-direct-superclasses+ supers)
    (%cset class +class-direct-slots+
           (mapcar (lambda (plist)
                     (let ((d (%make-slotd 'standard-direct-slot-definition plist)))
                       (unless (eq (%cref d +slotd-allocation+) :instance)
                         ;; A class slot keeps its value across redefinitions.
                         (let ((prev (find (getf plist :name) old-slots :key #'%slotd-name)))
                           (%cset d +slotd-location+
                                  (if (and prev (consp (%cref prev +slotd-location+)))
                                      (%cref prev +slotd-location+)
                                      (cons (getf plist :name) *unbound-slot*)))))
                       d))
                   direct-slots))
    (%cset class +class-direct-default-initargs+ direct-default-initargs)
    (%cset class +class-documentation+ documentation)
    (when name (%set-find-class class name))
    (%finalize-class class)
    class))

;;; --- Slot values by slot definition, and initialization (CLHS 7.1)

(defun %slotd-boundp (instance slotd)
  (let ((loc (%cref slotd +slotd-location+)))
    (if (consp loc)
        (not (eq (cdr loc) *unbound-slot*))
        (%instance-boundp instance loc))))

(defun %slotd-set (instance slotd value)
  (let ((loc (%cref slotd +slotd-location+)))
    (if (consp loc) (rplacd loc value) (%instance-set instance loc value))
    value))

;;; %INITIALIZE-SLOTS (instance class slot-names initargs), the work of
;;; SHARED-INITIALIZE, is a primitive (builtins/clos.rs).

(defun %defaulted-initargs (class initargs)
  ;; INITARGS followed by the class's default initargs it does not give.
  (let ((extra nil))
    (dolist (d (%cref class +class-default-initargs+))
      (unless (do ((l initargs (cdr (cdr l)))) ((null l) nil) (when (eq (car l) (car d)) (return t)))
        (push (car d) extra)
        (push (funcall (car (cdr (cdr d)))) extra)))
    (if extra (append initargs (nreverse extra)) initargs)))

(defun %class-initargs (class)
  (let ((all nil))
    (dolist (s (%cref class +class-slots+) all)
      (dolist (ia (%cref s +slotd-initargs+)) (push ia all)))))

;;; --- SLOT-VALUE and friends. The fast path of SLOT-VALUE and SLOT-BOUNDP
;;; (local and class slots) and of (SETF SLOT-VALUE) (local slots) is Rust
;;; (builtins/clos.rs); it comes here for the other cases.

(defun %find-slotd (class name)
  (dolist (s (%cref class +class-slots+) nil)
    (when (eq (%cref s +slotd-name+) name) (return s))))

(defun %current-instance (object)
  ;; OBJECT, first brought up to date if its class was redefined since it
  ;; was made (UPDATE-INSTANCE-FOR-REDEFINED-CLASS, 12-clos-instances.lisp).
  (when (and (%instancep-or-funcallable object)
             (not (eq (%instance-ref object 0) (%cref (%instance-class object) +class-layout+))))
    (%update-obsolete-instance object))
  object)

(defun %instancep-or-funcallable (object)
  (and (or (%instancep object) (%funcallable-instance-p object))
       (%instancep (%instance-class object))))

(defun %slot-location (object name operation)
  ;; The slot definition of NAME in OBJECT's class, or NIL after calling
  ;; SLOT-MISSING (whose value then is in the second value).
  (let ((class (class-of object)))
    (%current-instance object)
    (let ((slotd (and (%instancep-or-funcallable object) (%find-slotd class name))))
      (if slotd
          (values slotd nil)
          (values nil (values (slot-missing class object name operation)))))))

(defun %slot-value-slow (object name)
  (multiple-value-bind (slotd missing) (%slot-location object name 'slot-value)
    (cond ((null slotd) missing)
          ((%slotd-boundp object slotd) (%slotd-value object slotd))
          (t (values (slot-unbound (class-of object) object name))))))

(defun %slotd-value (object slotd)
  (let ((loc (%cref slotd +slotd-location+)))
    (if (consp loc) (cdr loc) (%instance-ref object loc))))

(defun %set-slot-value-slow (object name value)
  (let ((slotd (%slot-location object name 'setf)))
    (if slotd
        (%slotd-set object slotd value)
        (progn (slot-missing (class-of object) object name 'setf value) value))))

(defun (setf slot-value) (value object name)
  (%set-slot-value object name value))

(defun %slot-boundp-slow (object name)
  (multiple-value-bind (slotd missing) (%slot-location object name 'slot-boundp)
    (if slotd (%slotd-boundp object slotd) (and missing t))))

(defun slot-makunbound (object name)
  (let ((slotd (%slot-location object name 'slot-makunbound)))
    (when slotd
      (let ((loc (%cref slotd +slotd-location+)))
        (if (consp loc) (rplacd loc *unbound-slot*) (%instance-makunbound object loc))))
    object))

(defun slot-exists-p (object name)
  (and (%instancep-or-funcallable object) (%find-slotd (class-of object) name) t))

;;; --- Bootstrap: the metaobject classes, then the built-in classes

(defun %bootstrap-classes (specs)
  ;; SPECS: (name metaclass-name supers slot-names). Makes the objects,
  ;; then their precedence lists and layouts from the slot names alone,
  ;; and only then slot definition objects (which need those layouts).
  (let ((made nil))
    (dolist (spec specs)
      (let ((c (%make-instance nil 21)))
        (do ((k 0 (1+ k))) ((= k 21)) (%instance-set c k nil))
        (%cset c +class-name+ (car spec))
        (%set-find-class c (car spec))
        (push (cons c spec) made)))
    (setq made (nreverse made))
    (dolist (m made)
      (let ((c (car m)) (spec (cdr m)))
        (%set-instance-class c (find-class (car (cdr spec))))
        (%cset c +class-direct-superclasses+ (mapcar #'find-class (car (cdr (cdr spec)))))
        (dolist (s (%cref c +class-direct-superclasses+))
          (%cset s +class-direct-subclasses+ (cons c (%cref s +class-direct-subclasses+))))))
    (dolist (m made)
      (let ((c (car m)))
        (%cset c +class-precedence-list+ (%compute-cpl c))
        (let ((names nil))
          (dolist (k (reverse (%cref c +class-precedence-list+)))
            (dolist (n (car (cdr (cdr (cdr (cdr (assoc k made)))))))
              (unless (member n names) (setq names (append names (list n))))))
          (%cset c +class-layout+ (cons :standard names)))))
    ;; Metaobjects made so far get their layouts and their full length.
    (dolist (m made)
      (let* ((c (car m)) (layout (%cref (%instance-class c) +class-layout+)))
        (%instance-resize c (1+ (length (cdr layout))))
        (%instance-set c 0 layout)))
    (dolist (m made)
      (let ((c (car m)))
        (%cset c +class-direct-slots+
               (mapcar (lambda (n) (%make-slotd 'standard-direct-slot-definition (list :name n)))
                       (car (cdr (cdr (cdr (cdr m)))))))))
    (dolist (m made)
      (%finalize-class (car m)))))

(%bootstrap-classes
 `((t built-in-class () ())
   (standard-object standard-class (t) ())
   (metaobject standard-class (standard-object) ())
   (specializer standard-class (metaobject) ())
   (class standard-class (specializer) ,*class-slot-names*)
   (standard-class standard-class (class) ())
   (funcallable-standard-class standard-class (class) ())
   (built-in-class standard-class (class) ())
   (forward-referenced-class standard-class (class) ())
   (structure-class standard-class (class) ,*structure-class-slot-names*)
   (condition-class standard-class (class) ,*condition-class-slot-names*)
   (slot-definition standard-class (metaobject) ,*slotd-slot-names*)
   (standard-slot-definition standard-class (slot-definition) ())
   (direct-slot-definition standard-class (slot-definition) ())
   (effective-slot-definition standard-class (slot-definition) ())
   (standard-direct-slot-definition standard-class (standard-slot-definition direct-slot-definition) ())
   (standard-effective-slot-definition standard-class (standard-slot-definition effective-slot-definition) ())
   (structure-object structure-class (t) ())
   (function built-in-class (t) ())))

(defun %define-built-in-classes (specs)
  (dolist (spec specs)
    (%ensure-class-object (car spec) (find-class 'built-in-class) (mapcar #'find-class (cdr spec)) nil)))

(%define-built-in-classes
 '((number t) (complex number) (real number) (float real) (single-float float) (double-float float)
   (rational real) (ratio rational) (integer rational) (fixnum integer) (bignum integer)
   (character t) (symbol t) (sequence t) (list sequence) (cons list) (null symbol list)
   (array t) (simple-array array) (vector array sequence) (simple-vector vector simple-array)
   (string vector) (simple-string string simple-array)
   (bit-vector vector) (simple-bit-vector bit-vector simple-array)
   (hash-table t) (package t) (pathname t) (logical-pathname pathname) (readtable t) (random-state t)
   (stream t) (file-stream stream) (string-stream stream) (synonym-stream stream)
   (two-way-stream stream) (echo-stream stream) (broadcast-stream stream) (concatenated-stream stream)))

(setq *built-in-classes* (apply #'vector (mapcar #'find-class (%built-in-class-names))))

;;; Restarts (03-conditions.lisp) are raw instances whose class is the
;;; symbol RESTART; CLASS-OF finds this class by that name.
(%ensure-class-object 'restart (find-class 'structure-class) (list (find-class 'structure-object)) nil)
