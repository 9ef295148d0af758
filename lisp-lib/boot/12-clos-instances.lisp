;;;; DEFCLASS and the life of instances (CLHS 7.1-7.3, 7.5): ENSURE-CLASS,
;;;; accessor methods, MAKE-INSTANCE with its initarg checking,
;;;; INITIALIZE-INSTANCE, REINITIALIZE-INSTANCE, SHARED-INITIALIZE,
;;;; ALLOCATE-INSTANCE, CHANGE-CLASS, obsolete instances after a class
;;;; redefinition, SLOT-MISSING and SLOT-UNBOUND, WITH-SLOTS and
;;;; WITH-ACCESSORS.

(in-package "CLOVE-SYSTEM")

;;; --- CLASS-NAME and the validity of superclasses

(defgeneric class-name (class))
(defmethod class-name ((class class)) (%cref class +class-name+))
(defgeneric (setf class-name) (new-value class))
(defmethod (setf class-name) (new-value (class class)) (%cset class +class-name+ new-value))

(defgeneric validate-superclass (class superclass))
(defmethod validate-superclass ((class class) (superclass class))
  (let ((meta (class-of class)) (super-meta (class-of superclass)))
    (or (eq meta super-meta)
        (eq superclass (find-class t))
        (eq super-meta (find-class 'forward-referenced-class))
        (let ((standard (list (find-class 'standard-class) (find-class 'funcallable-standard-class))))
          (and (member meta standard) (member super-meta standard) t)))))

;;; --- ENSURE-CLASS and DEFCLASS

(defun %canonical-slot (spec class-name)
  ;; A DEFCLASS slot specifier → (:name ... :initargs ... :readers ...) plus
  ;; :initform/:initfunction when there is an initform.
  (let* ((spec (if (consp spec) spec (list spec)))
         (name (car spec))
         (initargs nil) (readers nil) (writers nil) (seen nil) (plist nil))
    (unless (and (symbolp name) name (not (constantp name)))
      (error 'simple-program-error :format-control "DEFCLASS ~S: ~S is not a valid slot name."
                                   :format-arguments (list class-name name)))
    (do ((o (cdr spec) (cdr (cdr o)))) ((null o))
      (unless (and (consp o) (consp (cdr o)))
        (error 'simple-program-error :format-control "DEFCLASS ~S: odd slot options in ~S."
                                     :format-arguments (list class-name spec)))
      (let ((key (car o)) (val (car (cdr o))))
        (when (and (member key '(:initform :allocation :type :documentation)) (member key seen))
          (error 'simple-program-error :format-control "DEFCLASS ~S: the slot option ~S appears twice in ~S."
                                       :format-arguments (list class-name key spec)))
        (push key seen)
        (case key
          (:initarg (push val initargs))
          (:reader (push val readers))
          (:writer (push val writers))
          (:accessor (push val readers) (push (list 'setf val) writers))
          (:initform (setq plist (list* :initform `',val :initfunction `(lambda () ,val) plist)))
          (:allocation
           (unless (member val '(:instance :class))
             (error 'simple-program-error :format-control "DEFCLASS ~S: bad :allocation ~S in ~S."
                                          :format-arguments (list class-name val spec)))
           (setq plist (list* :allocation val plist)))
          (:type (setq plist (list* :type `',val plist)))
          (:documentation (setq plist (list* :documentation val plist)))
          (t (error 'simple-program-error :format-control "DEFCLASS ~S: unknown slot option ~S in ~S."
                                          :format-arguments (list class-name key spec))))))
    `(list :name ',name :initargs ',(reverse initargs) :readers ',(reverse readers)
           :writers ',(reverse writers) ,@plist)))

(defmacro defclass (name superclasses slots &rest options)
  (unless (and (symbolp name) name)
    (error 'simple-program-error :format-control "DEFCLASS: ~S is not a valid class name." :format-arguments (list name)))
  (let ((keys nil) (seen nil))
    (let ((names (mapcar (lambda (s) (if (consp s) (car s) s)) slots)))
      (dolist (n names)
        (when (member n (cdr (member n names)))
          (error 'simple-program-error :format-control "DEFCLASS ~S: the slot ~S is defined twice."
                                       :format-arguments (list name n)))))
    (dolist (o options)
      (unless (consp o)
        (error 'simple-program-error :format-control "DEFCLASS ~S: bad option ~S." :format-arguments (list name o)))
      (when (member (car o) seen)
        (error 'simple-program-error :format-control "DEFCLASS ~S: the option ~S appears twice."
                                     :format-arguments (list name (car o))))
      (push (car o) seen)
      (case (car o)
        (:default-initargs
         (let ((defaults nil) (names nil))
           (do ((d (cdr o) (cdr (cdr d)))) ((null d))
             (when (member (car d) names)
               (error 'simple-program-error :format-control "DEFCLASS ~S: the initarg ~S appears twice in :default-initargs."
                                            :format-arguments (list name (car d))))
             (push (car d) names)
             (push `(list ',(car d) ',(car (cdr d)) (lambda () ,(car (cdr d)))) defaults))
           (setq keys (list* :direct-default-initargs `(list ,@(nreverse defaults)) keys))))
        (:documentation (setq keys (list* :documentation (car (cdr o)) keys)))
        (:metaclass (setq keys (list* :metaclass `',(car (cdr o)) keys)))
        (t (error 'simple-program-error :format-control "DEFCLASS ~S: unknown class option ~S."
                                        :format-arguments (list name o)))))
    `(progn
       (eval-when (:compile-toplevel)
         (%note-class-at-compile-time ',name ',(car (cdr (assoc :metaclass options))))
         (%note-accessors-defined ',(%slot-accessor-names slots)))
       (ensure-class ',name :direct-superclasses ',superclasses
                            :direct-slots (list ,@(mapcar (lambda (s) (%canonical-slot s name)) slots))
                            ,@keys))))

(defun %slot-accessor-names (slots)
  ;; The functions DEFCLASS slot options define.
  (let ((names nil))
    (dolist (s slots names)
      (when (consp s)
        (do ((o (cdr s) (cdr (cdr o)))) ((not (and (consp o) (consp (cdr o)))))
          (case (car o)
            ((:reader :writer) (push (car (cdr o)) names))
            (:accessor (push (car (cdr o)) names) (push (list 'setf (car (cdr o))) names))))))))

(defun %note-class-at-compile-time (name metaclass)
  ;; Later forms of the file being compiled may use the class as a type
  ;; and specialize methods on it; a class defined only at compile time
  ;; has no superclasses or slots yet, and loading the file defines it fully.
  (unless (find-class name nil)
    (%ensure-class-object name (find-class (or metaclass 'standard-class)) nil nil)))

(defun ensure-class (name &rest args &key (metaclass 'standard-class) (direct-superclasses nil)
                          direct-slots direct-default-initargs documentation &allow-other-keys)
  (let* ((metaclass (if (symbolp metaclass) (find-class metaclass) metaclass))
         (supers (mapcar #'%class-designator
                         (or direct-superclasses
                             (list (if (member (find-class 'funcallable-standard-class)
                                               (%cref metaclass +class-precedence-list+))
                                       'funcallable-standard-object
                                       'standard-object)))))
         (old (find-class name nil))
         (old-direct-slots (and old (%class-object-p old) (%cref old +class-direct-slots+))))
    (declare (ignore args))
    (dolist (s supers)
      (unless (validate-superclass (%class-prototype-for-validation metaclass) s)
        (error 'simple-error :format-control "The class ~S cannot be a superclass of ~S (metaclass ~S)."
                             :format-arguments (list s name (class-name metaclass)))))
    (let ((class (%ensure-class-object name metaclass supers direct-slots
                                       :direct-default-initargs direct-default-initargs
                                       :documentation documentation)))
      (%remove-accessor-methods class old-direct-slots)
      (%add-accessor-methods class)
      (%forget-initargs)
      (when old (%reset-all-dispatch))
      class)))

(defun %class-prototype-for-validation (metaclass)
  ;; VALIDATE-SUPERCLASS dispatches on the class being defined, which does
  ;; not exist yet: an uninitialized instance of its metaclass stands for it.
  (or (%cref metaclass +class-prototype+)
      (%cset metaclass +class-prototype+ (%allocate-filled metaclass))))

;;; --- Accessor methods

(defun %add-accessor-methods (class)
  (dolist (slotd (%cref class +class-direct-slots+))
    (let ((name (%cref slotd +slotd-name+)))
      (dolist (reader (%cref slotd +slotd-readers+))
        (let ((gf (ensure-generic-function reader)))
          (add-method gf (%make-accessor-method 'standard-reader-method (list class) '(object) slotd
                                                (lambda (next method) (declare (ignore next method))
                                                  (lambda (object) (slot-value object name)))))))
      (dolist (writer (%cref slotd +slotd-writers+))
        (let ((gf (ensure-generic-function writer)))
          (add-method gf (%make-accessor-method 'standard-writer-method (list (find-class t) class) '(new-value object) slotd
                                                (lambda (next method) (declare (ignore next method))
                                                  (lambda (new-value object) (%set-slot-value object name new-value))))))))))

(setq *condition-accessor-definer*
      (lambda (fname slot class-name kind)
        (let ((class (find-class class-name)))
          (add-method (ensure-generic-function fname)
                      (if (eq kind :reader)
                          (%make-method (find-class 'standard-method) nil (list class) '(condition)
                                        (lambda (next method) (declare (ignore next method))
                                          (lambda (condition) (slot-value condition slot)))
                                        nil)
                          (%make-method (find-class 'standard-method) nil (list (find-class t) class)
                                        '(new-value condition)
                                        (lambda (next method) (declare (ignore next method))
                                          (lambda (new-value condition) (%set-slot-value condition slot new-value)))
                                        nil))))))

(defun %make-accessor-method (method-class specializers lambda-list slotd function)
  (let ((m (%make-method (find-class method-class) nil specializers lambda-list function nil)))
    (%cset m +method-slot-definition+ slotd)
    m))

(defun %remove-accessor-methods (class old-direct-slots)
  ;; Accessors of an earlier definition of CLASS go away (they come back
  ;; when the new definition names them again).
  (dolist (slotd old-direct-slots)
    (dolist (fname (append (%cref slotd +slotd-readers+) (%cref slotd +slotd-writers+)))
      (let ((gf (and (fboundp fname) (fdefinition fname))))
        (when (%generic-function-p gf)
          (dolist (m (%cref gf +gf-methods+))
            ;; (Only accessor methods have the slot-definition slot.)
            (when (and (typep m 'standard-accessor-method)
                       (member class (%cref m +method-specializers+)))
              (remove-method gf m))))))))

;;; --- Creating and initializing instances

(defgeneric allocate-instance (class &rest initargs &key &allow-other-keys))
(defmethod allocate-instance ((class standard-class) &rest initargs)
  (declare (ignore initargs))
  (%allocate class))
(defmethod allocate-instance ((class funcallable-standard-class) &rest initargs)
  (declare (ignore initargs))
  (%allocate class))
(defmethod allocate-instance ((class structure-class) &rest initargs)
  (declare (ignore initargs))
  (%allocate class))

(defgeneric shared-initialize (instance slot-names &rest initargs &key &allow-other-keys))
(defmethod shared-initialize ((instance standard-object) slot-names &rest initargs)
  (%initialize-slots instance (class-of instance) slot-names initargs))

(defgeneric initialize-instance (instance &rest initargs &key &allow-other-keys))
(defmethod initialize-instance ((instance standard-object) &rest initargs)
  (apply #'shared-initialize instance t initargs))

(defgeneric reinitialize-instance (instance &rest initargs &key &allow-other-keys))
(defmethod reinitialize-instance ((instance standard-object) &rest initargs)
  (%check-initargs (class-of instance) initargs
                   (list (list #'reinitialize-instance instance) (list #'shared-initialize instance nil)))
  (apply #'shared-initialize instance nil initargs))

;;; The initargs MAKE-INSTANCE accepts for a class (CLHS 7.1.2): slot
;;; initargs and the keywords of the applicable methods of the
;;; initialization generic functions; T when any allows other keys. Each
;;; class remembers them in its plist slot, with the epoch they were
;;; computed in; defining classes or initialization methods starts a new epoch.
(defvar *initargs-epoch* 0)

(defun %forget-initargs () (setq *initargs-epoch* (1+ *initargs-epoch*)))

(push (lambda (gf)
        (when (member (%cref gf +gf-name+)
                      '(allocate-instance initialize-instance shared-initialize reinitialize-instance))
          (%forget-initargs)))
      *methods-changed-hooks*)

(defun %method-keys (gf-and-args)
  ;; The keywords the applicable methods accept, or T when one takes any.
  (let ((keys nil))
    (dolist (ga gf-and-args keys)
      (dolist (m (compute-applicable-methods (car ga) (cdr ga)))
        (multiple-value-bind (req opt rest mkeys aok) (%parse-gf-lambda-list (%cref m +method-lambda-list+))
          (declare (ignore req opt))
          (cond (aok (return-from %method-keys t))
                ((listp mkeys) (setq keys (append mkeys keys)))
                (rest nil)))))))

(defun %valid-initargs (class gf-and-args)
  ;; The initargs of CLASS's slots and the keywords the applicable methods
  ;; of GF-AND-ARGS accept, or T when one of those methods takes any.
  (let ((method-keys (%method-keys gf-and-args)))
    (if (eq method-keys t) t (append (%class-initargs class) method-keys))))

(defun %check-initargs (class initargs gf-and-args)
  (%check-initargs-against class (%valid-initargs class gf-and-args) initargs))

(defun %make-instance-plan (class)
  ;; (valid-initargs-or-T . standard-p) for CLASS, remembered in the class
  ;; for the current epoch. STANDARD-P: only the standard methods of
  ;; ALLOCATE-INSTANCE, INITIALIZE-INSTANCE and SHARED-INITIALIZE apply,
  ;; so MAKE-INSTANCE may skip calling them.
  (let ((cached (%cref class +class-valid-initargs+)))
    (if (and (consp cached) (eql (car cached) *initargs-epoch*))
        (cdr cached)
        (let* ((proto (%allocate class))
               (calls (list (list #'allocate-instance class)
                            (list #'initialize-instance proto)
                            (list #'shared-initialize proto t)))
               (valid (%valid-initargs class calls))
               (standard-p (every (lambda (call)
                                    (let ((ms (compute-applicable-methods (car call) (cdr call))))
                                      (and ms (null (cdr ms)) (member (%cref (car ms) +method-specializers+)
                                                                      (list (list (find-class 'standard-class))
                                                                            (list (find-class 'standard-object) (find-class t))
                                                                            (list (find-class 'standard-object)))
                                                                      :test #'equal))))
                                  calls))
               (plan (cons valid standard-p)))
          (%cset class +class-valid-initargs+ (cons *initargs-epoch* plan))
          plan))))

(defgeneric make-instance (class &rest initargs &key &allow-other-keys))
(defmethod make-instance ((class symbol) &rest initargs)
  (apply #'make-instance (find-class class) initargs))
(defmethod make-instance ((class standard-class) &rest initargs)
  (%make-instance-of class initargs))
(defmethod make-instance ((class funcallable-standard-class) &rest initargs)
  (%make-instance-of class initargs))

(defun %make-instance-of (class initargs)
  (unless (%cref class +class-finalized-p+)
    (%finalize-class class)
    (unless (%cref class +class-finalized-p+)
      (error 'simple-error :format-control "Cannot make an instance of ~S: its superclasses ~S are not all defined."
                           :format-arguments (list class (mapcar #'class-name (%cref class +class-direct-superclasses+))))))
  (when (oddp (length initargs))
    (error 'simple-program-error :format-control "Odd number of initialization arguments for ~S: ~S"
                                 :format-arguments (list class initargs)))
  (let ((initargs (%defaulted-initargs class initargs))
        (plan (%make-instance-plan class)))
    (%check-initargs-against class (car plan) initargs)
    (if (cdr plan)
        (%initialize-slots (%allocate class) class t initargs)
        (let ((instance (apply #'allocate-instance class initargs)))
          (apply #'initialize-instance instance initargs)
          instance))))

;;; --- Redefined classes and CHANGE-CLASS

(defun %local-slot-names (class)
  (cdr (%cref class +class-layout+)))

(defun %update-obsolete-instance (object)
  ;; OBJECT was made before its class was redefined with other slots: keep
  ;; the values of the slots still local, then let
  ;; UPDATE-INSTANCE-FOR-REDEFINED-CLASS initialize the new ones.
  (let* ((class (%instance-class object))
         (old-names (cdr (%instance-ref object 0)))
         (new-layout (%cref class +class-layout+))
         (new-names (cdr new-layout))
         (old-values (let ((k 0))
                       (mapcar (lambda (n)
                                 (setq k (1+ k))
                                 (cons n (if (%instance-boundp object k) (%instance-ref object k) *unbound-slot*)))
                               old-names)))
         (added (%filter (lambda (n) (not (member n old-names))) new-names))
         (discarded (%filter (lambda (n) (not (member n new-names))) old-names))
         (plist nil))
    (%instance-resize object (1+ (length new-names)))
    (%instance-set object 0 new-layout)
    (let ((k 0))
      (dolist (n new-names)
        (setq k (1+ k))
        (let ((old (assoc n old-values)))
          (if (and old (not (eq (cdr old) *unbound-slot*)))
              (%instance-set object k (cdr old))
              (%instance-makunbound object k)))))
    (dolist (n discarded)
      (let ((v (cdr (assoc n old-values))))
        (unless (eq v *unbound-slot*)
          (setq plist (list* n v plist)))))
    (update-instance-for-redefined-class object added discarded plist)
    object))

(defgeneric update-instance-for-redefined-class (instance added-slots discarded-slots property-list
                                                 &rest initargs &key &allow-other-keys))
(defmethod update-instance-for-redefined-class ((instance standard-object) added-slots discarded-slots property-list
                                                &rest initargs)
  (%check-initargs (class-of instance) initargs
                   (list (list #'update-instance-for-redefined-class instance added-slots discarded-slots property-list)
                         (list #'shared-initialize instance added-slots)))
  (apply #'shared-initialize instance added-slots initargs))

(defgeneric make-instances-obsolete (class))
(defmethod make-instances-obsolete ((class standard-class))
  (let ((old (%cref class +class-layout+)))
    (%cset class +class-layout+ (cons (car old) (cdr old))))
  class)
(defmethod make-instances-obsolete ((class symbol))
  (make-instances-obsolete (find-class class)))

(defgeneric change-class (instance new-class &rest initargs &key &allow-other-keys))
(defmethod change-class ((instance standard-object) (new-class symbol) &rest initargs)
  (apply #'change-class instance (find-class new-class) initargs))
(defmethod change-class ((instance standard-object) (new-class standard-class) &rest initargs)
  (%change-class instance new-class initargs))
(defmethod change-class ((instance funcallable-standard-object) (new-class funcallable-standard-class) &rest initargs)
  (%change-class instance new-class initargs))

(defun %change-class (instance new-class initargs)
  (%current-instance instance)
  (unless (%cref new-class +class-finalized-p+) (%finalize-class new-class))
  (let* ((old-class (%instance-class instance))
         (n (%instance-length instance))
         (previous (%make-instance old-class n)))
    ;; PREVIOUS: a copy of the instance as it was, for
    ;; UPDATE-INSTANCE-FOR-DIFFERENT-CLASS.
    (dotimes (k n)
      (if (%instance-boundp instance k)
          (%instance-set previous k (%instance-ref instance k))))
    (let ((new-names (%local-slot-names new-class)))
      (%instance-resize instance (1+ (length new-names)))
      (%set-instance-class instance new-class)
      (%instance-set instance 0 (%cref new-class +class-layout+))
      ;; Slots of the new class's instances keep the values of the
      ;; same-named slots of the old class (local or shared).
      (let ((k 0))
        (dolist (name new-names)
          (setq k (1+ k))
          (let ((old (%find-slotd old-class name)))
            (if (and old (%slotd-boundp previous old))
                (%instance-set instance k (%slotd-value previous old))
                (%instance-makunbound instance k))))))
    (%check-initargs new-class initargs
                     (list (list #'update-instance-for-different-class previous instance)
                           (list #'shared-initialize instance nil)))
    (apply #'update-instance-for-different-class previous instance initargs)
    instance))

(defgeneric update-instance-for-different-class (previous current &rest initargs &key &allow-other-keys))
(defmethod update-instance-for-different-class ((previous standard-object) (current standard-object) &rest initargs)
  (let ((old (%local-slot-names (class-of previous))))
    (apply #'shared-initialize current
           (%filter (lambda (n) (not (member n old))) (%local-slot-names (class-of current)))
           initargs)))

;;; --- Missing and unbound slots

(defgeneric slot-missing (class object slot-name operation &optional new-value))
(defmethod slot-missing ((class t) object slot-name operation &optional new-value)
  (declare (ignore new-value))
  (error 'simple-error :format-control "When attempting to ~A, the slot ~S is missing from the object ~S."
                       :format-arguments (list (case operation
                                                 (slot-value "read the slot's value (slot-value)")
                                                 (setf "set the slot's value (setf of slot-value)")
                                                 (slot-boundp "test to see if slot is bound (slot-boundp)")
                                                 (slot-makunbound "make the slot unbound (slot-makunbound)")
                                                 (t operation))
                                               slot-name object)))

(defgeneric slot-unbound (class instance slot-name))
(defmethod slot-unbound ((class t) instance slot-name)
  (error 'unbound-slot :name slot-name :instance instance))

;;; --- WITH-SLOTS, WITH-ACCESSORS

(defmacro with-slots (slots instance &body body)
  (let ((obj (gensym "OBJECT")))
    `(let ((,obj ,instance))
       (declare (ignorable ,obj))
       (symbol-macrolet ,(mapcar (lambda (s)
                                   (if (consp s)
                                       `(,(car s) (slot-value ,obj ',(car (cdr s))))
                                       `(,s (slot-value ,obj ',s))))
                                 slots)
         ,@body))))

(defmacro with-accessors (accessors instance &body body)
  (let ((obj (gensym "OBJECT")))
    `(let ((,obj ,instance))
       (declare (ignorable ,obj))
       (symbol-macrolet ,(mapcar (lambda (a) `(,(car a) (,(car (cdr a)) ,obj))) accessors)
         ,@body))))
