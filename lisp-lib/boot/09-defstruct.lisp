;;;; DEFSTRUCT (CLHS 8.1), COPY-STRUCTURE and the #S reader macro.
;;;;
;;;; An untyped structure is described by its class, of metaclass
;;;; STRUCTURE-CLASS (02-classes.lisp): the common class slots, then the
;;;; structure's own (documented in builtins/types/structure.rs). A :TYPE
;;;; LIST/VECTOR structure is not a type; its description, laid out the
;;;; same way, is kept under TYPED-STRUCTURE-DESCRIPTION on the name's
;;;; plist. Instances are instances of the class; accessors compile to
;;;; %STRUCTURE-REF/%STRUCTURE-SET, which check the type, and slot k sits at
;;;; instance position k + 1, after the layout, exactly as for any class.

(in-package "CLOVE-SYSTEM")

(defconstant +sd-slots+ 15)          ; list of (name initform type read-only index)
(defconstant +sd-constructor+ 16)    ; the keyword constructor #S uses, or NIL
(defconstant +sd-printer+ 17)        ; function (object stream), or NIL
(defconstant +sd-representation+ 18) ; NIL, LIST, VECTOR or (VECTOR type)
(defconstant +sd-named+ 19)          ; T, or for typed ones a list of (index . name)
(defconstant +sd-length+ 20)         ; instance length / typed layout length

(defun %structure-description (name &optional typed)
  (if typed
      (get name 'typed-structure-description)
      (let ((c (find-class name nil)))
        (and c (eq (%instance-class c) (find-class 'structure-class)) c))))

(defun %define-structure (name include slots constructor representation named length)
  ;; Installs (or updates in place, when the layout is unchanged) the description.
  (let* ((old (%structure-description name representation))
         (parent (and include (%structure-description include representation)))
         (same (and old
                    (equal (mapcar (lambda (c) (%cref c +class-name+)) (%cref old +class-direct-superclasses+))
                           (list (or include 'structure-object)))
                    (equal (mapcar #'car (%cref old +sd-slots+)) (mapcar #'car slots))
                    (equal (%cref old +sd-representation+) representation)
                    (eql (%cref old +sd-length+) length))))
    (when (and old (not same))
      (warn "Redefining the structure ~S with a different layout; existing instances keep the old one." name))
    (let ((desc (cond (representation
                       (let ((d (if same old (%allocate-filled (find-class 'structure-class)))))
                         (%cset d +class-name+ name)
                         (%put name 'typed-structure-description d)
                         d))
                      (t (%ensure-class-object
                          name (find-class 'structure-class)
                          (list (or parent (find-class 'structure-object)))
                          (mapcar (lambda (s)
                                    (list :name (car s) :initform (nth 1 s) :type (nth 2 s)
                                          :initargs (list (intern (symbol-name (car s)) "KEYWORD"))))
                                  (nthcdr (length (and parent (%cref parent +sd-slots+))) slots)))))))
      (%cset desc +sd-slots+ slots)
      (%cset desc +sd-constructor+ constructor)
      (%cset desc +sd-printer+ (and parent (%cref parent +sd-printer+)))
      (%cset desc +sd-representation+ representation)
      (%cset desc +sd-named+ named)
      (%cset desc +sd-length+ length)
      name)))

(defun %set-structure-printer (name printer)
  (%cset (%structure-description name) +sd-printer+ printer))

(defun %make-structure (name)
  (%allocate (%structure-description name)))

(defun copy-structure (structure)
  (unless (typep structure 'structure-object)
    (error 'type-error :datum structure :expected-type 'structure-object))
  (let* ((n (%instance-length structure))
         (new (%make-instance (%instance-class structure) n)))
    (dotimes (i n new)
      (when (%instance-boundp structure i)
        (%instance-set new i (%instance-ref structure i))))))

;;; --- Parsing the DEFSTRUCT form

(defun %defstruct-error (control &rest args)
  (error 'simple-program-error :format-control control :format-arguments args))

(defun %symbolicate (&rest parts)
  (intern (apply #'concatenate 'string (mapcar #'string parts))))

(defun %parse-slot (spec)
  ;; → (name initform type read-only)
  (cond ((symbolp spec) (list spec nil t nil))
        ((and (consp spec) (symbolp (car spec)))
         (let ((type t) (read-only nil))
           (do ((o (cdr (cdr spec)) (cdr (cdr o)))) ((null o))
             (unless (cdr o) (%defstruct-error "DEFSTRUCT: odd slot options in ~S." spec))
             (case (car o)
               (:type (setq type (car (cdr o))))
               (:read-only (setq read-only (car (cdr o))))
               (t (%defstruct-error "DEFSTRUCT: unknown slot option ~S in ~S." (car o) spec))))
           (list (car spec) (car (cdr spec)) type read-only)))
        (t (%defstruct-error "DEFSTRUCT: bad slot description ~S." spec))))

(defun %option (options key)
  ;; The options named KEY, each as the list of its arguments.
  (let ((out nil))
    (dolist (o options (nreverse out))
      (cond ((eq o key) (push nil out))
            ((and (consp o) (eq (car o) key)) (push (cdr o) out))))))

(defun %apply-override (slot override)
  ;; An :include slot override: (name [initform] [:type t] [:read-only b]).
  (let ((o (%parse-slot override)))
    (list (car slot)
          (if (and (consp override) (cdr override)) (nth 1 o) (nth 1 slot))
          (if (and (consp override) (member :type (cdr override))) (nth 2 o) (nth 2 slot))
          (or (nth 3 o) (nth 3 slot)))))

(defun %boa-lambda-list (lambda-list slots)
  ;; Optional and keyword parameters without a default take the slot's initform.
  (let ((out nil) (state :required))
    (dolist (x lambda-list (nreverse out))
      (cond ((member x lambda-list-keywords) (setq state x) (push x out))
            ((and (member state '(&optional &key))
                  (or (symbolp x) (null (cdr x))))
             (let* ((var (if (symbolp x) x (car x)))
                    (name (if (consp var) (car (cdr var)) var))
                    (slot (assoc name slots)))
               (push (if slot (list var (nth 1 slot)) var) out)))
            (t (push x out))))))

(defun %lambda-list-vars (lambda-list)
  (let ((out nil))
    (dolist (x lambda-list out)
      (cond ((member x lambda-list-keywords))
            ((symbolp x) (push x out))
            ((symbolp (car x)) (push (car x) out))
            (t (push (car (cdr (car x))) out))))))

(defun %slot-check (slot form)
  ;; FORM's value, checked against the slot's declared type.
  (let ((type (nth 2 slot)))
    (if (eq type t)
        form
        (let ((v (gensym "V")))
          `(let ((,v ,form))
             (unless (typep ,v ',type) (error 'type-error :datum ,v :expected-type ',type))
             ,v)))))

(defun %slot-variable (name)
  ;; The keyword constructor's variable for a slot: its name, unless that
  ;; names a keyword or a constant, which cannot be bound.
  (if (or (keywordp name) (constantp name) (null name)) (make-symbol (symbol-name name)) name))

(defun %constructor-body (name slots vars representation names length)
  ;; Builds the object: slots with an entry (slot-name . variable) in VARS
  ;; from their variables, the others from their initforms.
  (let ((values (mapcar (lambda (s)
                          (let ((v (assoc (car s) vars)))
                            (%slot-check s (if v (cdr v) (nth 1 s)))))
                        slots)))
    (if (null representation)
        (let ((obj (gensym "OBJ")))
          `(let ((,obj (%make-structure ',name)))
             ,@(mapcar (lambda (s v) `(%instance-set ,obj ,(nth 4 s) ,v)) slots values)
             ,obj))
        (let ((layout (make-list length)))
          (dolist (n names) (setf (nth (car n) layout) `',(cdr n)))
          (mapc (lambda (s v) (setf (nth (nth 4 s) layout) v)) slots values)
          (cond ((eq representation 'list) `(list ,@layout))
                ((eq representation 'vector) `(vector ,@layout))
                (t `(make-array ,length :element-type ',(car (cdr representation))
                                        :initial-contents (list ,@layout))))))))

(defmacro defstruct (name-and-options &rest slot-descriptions)
  (let* ((name (if (consp name-and-options) (car name-and-options) name-and-options))
         (options (if (consp name-and-options) (cdr name-and-options) nil))
         (pname (symbol-name name))
         (conc (let ((o (%option options :conc-name)))
                 (cond ((null o) (concatenate 'string pname "-"))
                       ((null (car o)) "")
                       ((null (car (car o))) "")
                       (t (string (car (car o)))))))
         (constructors (%option options :constructor))
         (copier (let ((o (%option options :copier)))
                   (if o (car (car o)) (%symbolicate "COPY-" pname))))
         (type-opt (%option options :type))
         (representation (and type-opt (car (car type-opt))))
         (named (or (null representation) (and (%option options :named) t)))
         (predicate (let ((o (%option options :predicate)))
                      (cond ((and representation (not named)) nil)
                            (o (car (car o)))
                            (t (%symbolicate pname "-P")))))
         (include (car (%option options :include)))
         (offset (or (car (car (%option options :initial-offset))) 0))
         (print-function (car (car (%option options :print-function))))
         (print-object (car (car (%option options :print-object))))
         (parent (and include (%structure-description (car include) representation)))
         (own (mapcar #'%parse-slot (if (stringp (car slot-descriptions)) (cdr slot-descriptions) slot-descriptions)))
         (slots nil) (start (if representation 0 1)))
    (unless (and name (symbolp name))
      (%defstruct-error "DEFSTRUCT: ~S is not a valid structure name." name))
    (dolist (o options)
      (unless (member (if (consp o) (car o) o)
                      '(:conc-name :constructor :copier :predicate :include :print-function
                        :print-object :type :named :initial-offset))
        (%defstruct-error "DEFSTRUCT ~S: unknown option ~S." name o)))
    (when (and representation
               (not (member representation '(list vector)))
               (not (and (consp representation) (eq (car representation) 'vector))))
      (%defstruct-error "DEFSTRUCT ~S: bad :TYPE ~S." name representation))
    (when (and (not representation) (or (%option options :named) (%option options :initial-offset)))
      (%defstruct-error "DEFSTRUCT ~S: :NAMED and :INITIAL-OFFSET need :TYPE." name))
    (when (and include (null parent))
      (%defstruct-error "DEFSTRUCT ~S: ~S is not a ~:[structure~;structure of the same :TYPE~]."
                        name (car include) representation))
    ;; Inherited slots (with overrides), then our own, with their indices.
    (when parent
      (dolist (s (%instance-ref parent +sd-slots+))
        (let ((override (find (car s) (cdr include) :key (lambda (o) (if (consp o) (car o) o)))))
          (push (append (if override (%apply-override s override) (subseq s 0 4)) (list (nth 4 s))) slots)))
      (dolist (o (cdr include))
        (unless (assoc (if (consp o) (car o) o) slots)
          (%defstruct-error "DEFSTRUCT ~S: included slot ~S does not exist." name o)))
      (setq start (%instance-ref parent +sd-length+)))
    (let ((index (+ start (if representation offset 0) (if (and representation named) 1 0))))
      (dolist (s own)
        (when (assoc (car s) slots :test #'string=)
          (%defstruct-error "DEFSTRUCT ~S: duplicate slot name ~S." name (car s)))
        (push (append s (list index)) slots)
        (setq index (1+ index)))
      (setq slots (nreverse slots))
      (let* ((length index)
             (name-offset (+ start offset))
             ;; Where typed structures store their names: the included ones' and ours.
             (names (and representation
                         (append (and parent (%instance-ref parent +sd-named+))
                                 (and named (list (cons name-offset name))))))
             (keyword-ctor (cond ((null constructors) (%symbolicate "MAKE-" pname))
                                 (t (dolist (c constructors nil)
                                      (cond ((null c) (return (%symbolicate "MAKE-" pname)))
                                            ((and (car c) (null (cdr c))) (return (car c))))))))
             (ctor-forms
               (mapcar (lambda (c)
                         (cond ((or (null c) (null (cdr c)))
                                (let ((cname (if c (car c) (%symbolicate "MAKE-" pname))))
                                  (when cname
                                    (let ((vars (mapcar (lambda (s) (cons (car s) (%slot-variable (car s)))) slots)))
                                      `(defun ,cname (&key ,@(mapcar (lambda (s v)
                                                                       `((,(intern (symbol-name (car s)) "KEYWORD") ,(cdr v))
                                                                         ,(nth 1 s)))
                                                                     slots vars))
                                         ,(%constructor-body name slots vars representation names length))))))
                               (t
                                (let ((ll (%boa-lambda-list (car (cdr c)) slots)))
                                  `(defun ,(car c) ,ll
                                     ,(%constructor-body name slots (mapcar (lambda (v) (cons v v)) (%lambda-list-vars ll))
                                                         representation names length))))))
                       (or constructors (list nil))))
             (accessors
               (mapcan (lambda (s)
                         (let ((acc (%symbolicate conc (car s))) (i (nth 4 s)))
                           (cons (cond ((null representation) `(defun ,acc (object) (%structure-ref object ',name ,i)))
                                       ((eq representation 'list) `(defun ,acc (object) (nth ,i object)))
                                       (t `(defun ,acc (object) (aref object ,i))))
                                 (unless (nth 3 s)
                                   (list (let ((v (%slot-check s 'value)))
                                           (cond ((null representation)
                                                  `(defun (setf ,acc) (value object) (%structure-set object ',name ,i ,v)))
                                                 ((eq representation 'list)
                                                  `(defun (setf ,acc) (value object) (setf (nth ,i object) ,v)))
                                                 (t `(defun (setf ,acc) (value object) (setf (aref object ,i) ,v))))))))))
                       slots)))
        `(progn
           (eval-when (:compile-toplevel :load-toplevel :execute)
             (%define-structure ',name ',(car include) ',slots ',(and (not representation) keyword-ctor)
                                ',representation ',(if representation names t) ',length))
           ;; A printer named by a symbol is looked up when an object is
           ;; printed: it may be defined after the DEFSTRUCT, or redefined.
           ,@(cond (print-object
                    `((%set-structure-printer ',name ,(if (symbolp print-object)
                                                          `(lambda (object stream) (funcall ',print-object object stream))
                                                          `(function ,print-object)))))
                   (print-function
                    `((%set-structure-printer ',name (let ((f ,(if (symbolp print-function)
                                                                   `',print-function
                                                                   `(function ,print-function))))
                                                       (lambda (object stream) (funcall f object stream 0)))))))
           (%note-structure-documentation ',name ',(if (stringp (car slot-descriptions)) (car slot-descriptions)))
           ,@(remove nil ctor-forms)
           ,@accessors
           ,@(when predicate
               `((defun ,predicate (object)
                   ,(cond ((null representation) `(%structure-typep object ',name))
                          ((eq representation 'list)
                           `(and (consp object) (eq (nth ,name-offset object) ',name)))
                          (t `(and (vectorp object) (> (length object) ,name-offset)
                                   (eq (aref object ,name-offset) ',name)))))))
           ,@(when copier
               `((defun ,copier (object)
                   ,(cond ((null representation)
                           `(if (%structure-typep object ',name)
                                (copy-structure object)
                                (error 'type-error :datum object :expected-type ',name)))
                          ((eq representation 'list) '(copy-list object))
                          (t '(copy-seq object))))))
           ',name)))))

(defun %note-structure-documentation (name doc)
  ;; A structure's docstring is its STRUCTURE documentation, and its class's
  ;; (hence its TYPE documentation) when it has one.
  (%set-documentation name '%doc-structure doc)
  (let ((class (find-class name nil)))
    (when class (%cset class +class-documentation+ doc))))

;;; --- #S(name :slot value ...)

(defun %sharp-s (stream subchar arg)
  (declare (ignore subchar arg))
  (let ((form (read stream t nil t)))
    (unless *read-suppress*
      (let* ((desc (and (consp form) (symbolp (car form)) (%structure-description (car form))))
             (ctor (and desc (%instance-ref desc +sd-constructor+))))
        (unless ctor
          (error 'reader-error :stream stream
                               :format-control "#S: ~S does not name a structure with a keyword constructor."
                               :format-arguments (list (if (consp form) (car form) form))))
        (let ((args nil))
          (do ((l (cdr form) (cdr (cdr l)))) ((null l))
            (unless (and (consp l) (consp (cdr l)) (symbolp (car l)))
              (error 'reader-error :stream stream
                                   :format-control "#S: bad slot list ~S." :format-arguments (list form)))
            (push (intern (symbol-name (car l)) "KEYWORD") args)
            (push (car (cdr l)) args))
          (apply ctor (nreverse args)))))))

(set-dispatch-macro-character #\# #\S #'%sharp-s)
(set-dispatch-macro-character #\# #\S #'%sharp-s *standard-readtable*)
