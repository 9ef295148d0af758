;;;; defsystem: the grammar of system definitions, parsed into
;;;; components, with ASDF's checks and errors.

(uiop:define-package :asdf/parse-defsystem
  (:nicknames :asdf/defsystem)
  (:use :uiop/common-lisp :uiop :asdf/upgrade :asdf/session :asdf/component :asdf/system :asdf/system-registry :asdf/find-component :asdf/action :asdf/lisp-action :asdf/operate)
  (:import-from :asdf/system #:depends-on #:weakly-depends-on)
  (:import-from :asdf/operation #:make-operation)
  (:import-from :asdf/component #:%additional-input-files)
  (:import-from :asdf/find-system #:define-op)
  (:export #:*default-component-class*
    #:*known-systems-with-bad-secondary-system-names* #:bad-system-name
    #:check-component-input #:class-for-type #:compute-component-children
    #:defsystem #:determine-system-directory #:explain
    #:known-system-with-bad-secondary-system-names-p #:non-system-system
    #:non-toplevel-system #:parse-component-form #:register-system-definition
    #:sysdef-error-component))

(in-package :asdf/parse-defsystem)

;;; The system's directory

(defun determine-system-directory (pathname)
  "The directory of a system defined with :PATHNAME PATHNAME (NIL, a Unix
namestring or a pathname), as an absolute directory pathname: an absolute
PATHNAME itself, or else PATHNAME relative to the directory of the file being
loaded. NIL when neither gives an absolute directory."
  (check-type pathname (or null string pathname))
  (pathname-directory-pathname
   (resolve-symlinks*
    (ensure-absolute-pathname
     (parse-unix-namestring pathname :type :directory)
     (lambda () (ensure-absolute-pathname (load-pathname) 'get-pathname-defaults nil))
     nil))))

;;; Component classes

(defvar *default-component-class* 'cl-source-file
  "The class of a :FILE component when no enclosing :DEFAULT-COMPONENT-CLASS says otherwise.")

(defgeneric class-for-type (parent type-designator)
  (:documentation "The class of the components TYPE-DESIGNATOR (a keyword such as :FILE
or :MODULE, or a class name) makes as children of PARENT; for a PARENT of NIL,
a subclass of SYSTEM."))

(defmethod class-for-type ((parent null) type)
  (or (coerce-class type :package :asdf/interface :super 'system :error nil)
      (sysdef-error "don't recognize component type ~S in the context of no parent" type)))

(defmethod class-for-type ((parent parent-component) type)
  (or (coerce-class type :package :asdf/interface :super 'component :error nil)
      (and (eq type :file)
           (coerce-class (or (loop :for p = parent :then (component-parent p) :while p
                                   :thereis (module-default-component-class p))
                             *default-component-class*)
                         :package :asdf/interface :super 'component :error nil))
      (sysdef-error "don't recognize component type ~S" type)))

;;; Checks

(define-condition non-system-system (system-definition-error)
  ((name :initarg :name :reader non-system-system-name)
   (class-name :initarg :class-name :reader non-system-system-class-name))
  (:report (lambda (c s)
             (format s "~@<Error while defining system ~S: class ~S isn't a subclass of ~S~@:>"
                     (non-system-system-name c) (non-system-system-class-name c) 'system)))
  (:documentation "A defsystem whose :CLASS is not a subclass of SYSTEM."))

(define-condition non-toplevel-system (system-definition-error)
  ((parent :initarg :parent :reader non-toplevel-system-parent)
   (name :initarg :name :reader non-toplevel-system-name))
  (:report (lambda (c s)
             (format s "~@<Error while defining system: component ~S claims to have a system ~S as a child~@:>"
                     (non-toplevel-system-parent c) (non-toplevel-system-name c))))
  (:documentation "A system given as the child of a component."))

(define-condition bad-system-name (warning)
  ((name :initarg :name :reader component-name)
   (source-file :initarg :source-file :reader system-source-file))
  (:report (lambda (c s)
             (let* ((file (system-source-file c))
                    (asd (pathname-name file)))
               (format s "~@<System definition file ~S contains definition for system ~S. ~
Please only define ~S and secondary systems with a name starting with ~S (e.g. ~S) in that file.~@:>"
                       file (component-name c) asd (strcat asd "/") (strcat asd "/test")))))
  (:documentation "Warns of a system defined in an .asd file not named after it
(foo.asd may define foo and foo/...)."))

(defun sysdef-error-component (msg type name value)
  "Signals a system definition error: MSG, then the VALUE given for the component
NAME of TYPE."
  (sysdef-error (strcat msg "~&~@<The value specified for ~(~A~) ~A is ~S~@:>")
                type name value))

(defun check-component-input (type name weakly-depends-on depends-on components)
  "Checks that the dependency and component lists of the component NAME of TYPE are lists."
  (unless (listp depends-on)
    (sysdef-error-component ":depends-on must be a list." type name depends-on))
  (unless (listp weakly-depends-on)
    (sysdef-error-component ":weakly-depends-on must be a list." type name weakly-depends-on))
  (unless (listp components)
    (sysdef-error-component ":components must be NIL or a list of components."
                            type name components)))

;;; Versions

(defun record-additional-system-input-file (pathname component parent)
  ;; A file the definition read (a :version from a file) is an input of the
  ;; root system's define-op, so changing it makes the .asd be read again.
  (let* ((root (if parent
                   (do ((p parent (component-parent p))) ((null (component-parent p)) p))
                   component))
         (system (if (typep root 'component) root (find-component root nil)))
         (op (make-operation 'define-op))
         (cell (or (assoc op (%additional-input-files system))
                   (let ((new (list op)))
                     (push new (%additional-input-files system))
                     new))))
    (pushnew pathname (cdr cell) :test #'pathname-equal)
    (values)))

(defun normalize-version (form &key pathname component parent)
  "The version string the :VERSION FORM of COMPONENT (child of PARENT, defined
in the file PATHNAME) stands for: a string or NIL as it is, a number printed,
or (:READ-FILE-FORM file [:AT n]) / (:READ-FILE-LINE file [:AT n]) read from a
file relative to PATHNAME. Anything that is not a version string is warned of,
and gives NIL."
  (labels ((invalid (&optional (continuation "using NIL instead"))
             (warn "~@<Invalid :version specifier ~S~@[ for component ~S~]~@[ in ~S~]~@[ from file ~S~]~@[, ~A~]~@:>"
                   form component parent pathname continuation))
           (invalid-parse (control &rest args)
             (let ((target (find-component parent component)))
               (unless (and target (builtin-system-p target))
                 (apply #'warn control args)
                 (invalid)))))
    (let ((v (typecase form
               ((or string null) form)
               (real (invalid "Substituting a string")
                (format nil "~D" form))
               (cons
                (case (first form)
                  (:read-file-form
                   (destructuring-bind (subpath &key (at 0)) (rest form)
                     (let ((path (subpathname pathname subpath)))
                       (record-additional-system-input-file path component parent)
                       (safe-read-file-form path :at at :package :asdf-user))))
                  (:read-file-line
                   (destructuring-bind (subpath &key (at 0)) (rest form)
                     (let ((path (subpathname pathname subpath)))
                       (record-additional-system-input-file path component parent)
                       (safe-read-file-line path :at at))))
                  (otherwise (invalid))))
               (t (invalid)))))
      (when v
        (let ((parsed (parse-version v #'invalid-parse)))
          (if parsed
              (unparse-version parsed)
              (invalid)))))))

;;; Inline methods (:perform (load-op :after (o c) ...) in a component's options)

(defparameter* +asdf-methods+
  '(perform-with-restarts perform explain output-files operation-done-p))

(defparameter *standard-method-combination-qualifiers* '(:around :before :after))

(defun %remove-component-inline-methods (component)
  (dolist (method (component-inline-methods component))
    (remove-method (clove-mop:method-generic-function method) method))
  (setf (component-inline-methods component) nil))

(defun %define-component-inline-methods (component options)
  (loop :for (key value) :on options :by #'cddr
        :for name = (and (keywordp key) (find key +asdf-methods+ :test #'string=))
        :when name
          :do (destructuring-bind (operation-name &rest rest) value
                (unless (and operation-name (symbolp operation-name))
                  (sysdef-error "Ill-formed inline method: ~S. The first element is not a symbol ~
designating an operation but ~S." value operation-name))
                (let ((qualifiers '()))
                  (unless (consp (car rest))
                    (unless (member (car rest) *standard-method-combination-qualifiers*)
                      (sysdef-error "Ill-formed inline method: ~S. Only a single of the standard ~
qualifiers ~{~S~^ ~} is allowed, not ~S." value *standard-method-combination-qualifiers* (car rest)))
                    (setf qualifiers (list (pop rest))))
                  (unless (and (listp (car rest)) (length=n-p (car rest) 2))
                    (sysdef-error "Ill-formed inline method: ~S. The operation name ~S is not followed by ~
a lambda-list of the form (OPERATION COMPONENT) and a method body." value operation-name))
                  (destructuring-bind ((o c) &rest body) rest
                    (pushnew (eval `(defmethod ,name ,@qualifiers
                                        ((,o ,operation-name) (,c (eql ,component)))
                                      ,@body))
                             (component-inline-methods component)))))))

(defun %refresh-component-inline-methods (component options)
  (%remove-component-inline-methods component)
  (%define-component-inline-methods component options))

;;; Dependencies

(defun parse-dependency-def (dd)
  "The dependency DD of a :DEPENDS-ON list in canonical form (names as strings),
after checking its shape."
  (if (listp dd)
      (case (first dd)
        (:feature
         (unless (= (length dd) 3)
           (sysdef-error "Ill-formed feature dependency: ~s" dd))
         `(:feature ,(second dd) ,(parse-dependency-def (third dd))))
        (feature
         (sysdef-error "`feature' has been removed from the dependency spec language of ASDF. Use :feature instead in ~s." dd))
        (:require
         (unless (= (length dd) 2)
           (sysdef-error "Ill-formed require dependency: ~s" dd))
         dd)
        (:version
         (unless (= (length dd) 3)
           (sysdef-error "Ill-formed version dependency: ~s" dd))
         `(:version ,(coerce-name (second dd)) ,(third dd)))
        (otherwise (sysdef-error "Ill-formed dependency: ~s" dd)))
      (coerce-name dd)))

(defun parse-dependency-defs (dd-list)
  "The dependencies of DD-LIST in canonical form (see PARSE-DEPENDENCY-DEF)."
  (mapcar #'parse-dependency-def dd-list))

;;; Components

(defgeneric compute-component-children (component components serial-p)
  (:documentation "The children of COMPONENT made from the forms COMPONENTS; with
SERIAL-P, each depends on those before it."))

(defun stable-union (s1 s2 &key (test #'eql) (key 'identity))
  (append s1 (remove-if (lambda (e) (member (funcall key e) (funcall key s1) :test test)) s2)))

(defun parse-component-form (parent options &key previous-serial-components)
  "Makes (or, for a component of that name already there, reinitializes) the
component OPTIONS describes, (TYPE NAME &key ...), as a child of PARENT (NIL
for a system), with its children; PREVIOUS-SERIAL-COMPONENTS are the names of
the siblings it depends on by :SERIAL T. Returns the component."
  (destructuring-bind (type name &rest rest
                       &key (builtin-system-p () bspp)
                         components pathname perform explain output-files operation-done-p
                         weakly-depends-on depends-on serial
                         do-first if-component-dep-fails version
                       &allow-other-keys)
      options
    (declare (ignore perform explain output-files operation-done-p builtin-system-p))
    (check-component-input type name weakly-depends-on depends-on components)
    (when (and parent
               (find-component parent name)
               ;; The same component read again is no duplicate.
               (not (typep (find-component parent name) (class-for-type parent type))))
      (error 'duplicate-names :name name))
    (when do-first
      (error "DO-FIRST is not supported anymore as of ASDF 3"))
    (let* ((name (coerce-name name))
           (args `(:name ,name
                   :pathname ,pathname
                   ,@(when parent `(:parent ,parent))
                   ,@(remove-plist-keys
                      '(:components :pathname :if-component-dep-fails :version
                        :perform :explain :output-files :operation-done-p
                        :weakly-depends-on :depends-on :serial)
                      rest)))
           (component (find-component parent name))
           (class (class-for-type parent type)))
      (when (and parent (subtypep class 'system))
        (error 'non-toplevel-system :parent parent :name name))
      (if component
          (apply #'reinitialize-instance component args)
          (setf component (apply #'make-instance class args)))
      (component-pathname component)
      (when (typep component 'system)
        (setf (slot-value component 'depends-on) (parse-dependency-defs depends-on)
              (slot-value component 'weakly-depends-on) (mapcar #'coerce-name weakly-depends-on)))
      (let ((sysfile (system-source-file (component-system component))))
        (when (and (typep component 'system) (not bspp))
          (setf (builtin-system-p component) (lisp-implementation-pathname-p sysfile)))
        (setf version (normalize-version version :component name :parent parent :pathname sysfile)))
      (setf (slot-value component 'version) version)
      (when (typep component 'parent-component)
        (setf (component-children component)
              (compute-component-children component components serial))
        (compute-children-by-name component))
      (when previous-serial-components
        (setf depends-on (stable-union depends-on previous-serial-components :test #'equal)))
      (when weakly-depends-on
        (appendf depends-on (remove-if-not (lambda (x) (find-system x nil)) weakly-depends-on)))
      (setf (component-sideway-dependencies component) depends-on)
      (%refresh-component-inline-methods component rest)
      (when if-component-dep-fails
        (error "The system definition for ~S uses deprecated ASDF option :IF-COMPONENT-DEP-FAILS. ~
Starting with ASDF 3, please use :IF-FEATURE instead"
               (coerce-name (component-system component))))
      component)))

(defmethod compute-component-children ((component parent-component) components serial-p)
  (let ((previous '()))
    (loop :for form :in components
          :for child = (parse-component-form component form :previous-serial-components previous)
          :do (when serial-p
                ;; A child that may drop out (:if-feature) keeps the chain:
                ;; the next one depends on it and on those before it.
                (unless (component-if-feature child)
                  (setf previous '()))
                (push (component-name child) previous))
          :collect child)))

;;; Systems

(defparameter* *known-systems-with-bad-secondary-system-names*
  (list-to-hash-set '("cl-ppcre" "cl-interpol"))
  "The .asd files (by name) allowed to define systems not named after them, with no warning.")

(defun known-system-with-bad-secondary-system-names-p (asd-name)
  "True when the .asd file named ASD-NAME may define systems not named after it."
  (gethash asd-name *known-systems-with-bad-secondary-system-names*))

(defun register-system-definition (name &rest options
                                   &key pathname (class 'system) (source-file () sfp)
                                     defsystem-depends-on &allow-other-keys)
  "Defines (or redefines, keeping the same object) the system NAME from the
DEFSYSTEM OPTIONS and returns it: registers it, loads its :DEFSYSTEM-DEPENDS-ON
systems, then parses its components."
  (call-with-asdf-session
   (lambda ()
     (let* ((name (coerce-name name))
            (source-file (if sfp source-file (resolve-symlinks* (load-pathname)))))
       (flet ((fix-case (x) (if (logical-pathname-p source-file) (string-downcase x) x)))
         (let ((asd-name (and source-file
                              (equal "asd" (fix-case (pathname-type source-file)))
                              (fix-case (pathname-name source-file)))))
           (when (and asd-name
                      (not (equal asd-name (primary-system-name name)))
                      (not (known-system-with-bad-secondary-system-names-p asd-name)))
             (warn (make-condition 'bad-system-name :source-file source-file :name name)))))
       (let* ((dependency-forms
                ;; Loaded before the system object exists, so a failure leaves no
                ;; half-made system behind.
                (let ((forms (parse-dependency-defs defsystem-depends-on)))
                  (load-systems* (loop :for spec :in forms
                                       :for found = (resolve-dependency-spec nil spec)
                                       :when found :collect found))
                  forms))
              (system (or (find-system-if-being-defined name)
                          (let ((registered (registered-system name)))
                            (if registered
                                (reset-system-class registered 'undefined-system
                                                    :name name :source-file source-file)
                                (register-system (make-instance 'undefined-system
                                                                :name name
                                                                :source-file source-file))))))
              (component-options
                (append (remove-plist-keys '(:defsystem-depends-on :class) options)
                        (when dependency-forms
                          `(:defsystem-depends-on ,dependency-forms))))
              (directory (determine-system-directory pathname)))
         ;; FIND-SYSTEM-IF-BEING-DEFINED finds it there while it is being read.
         (set-asdf-cache-entry `(find-system ,name) (list system))
         ;; The class may come from a :defsystem-depends-on system, loaded by
         ;; now. As in ASDF, the system is reset even when it already has that
         ;; class: nothing of an earlier definition read in this session stays.
         (let ((class (class-for-type nil class)))
           (unless (subtypep class 'system)
             (error 'non-system-system :name name :class-name (class-name class)))
           (reset-system-class system class))
         (parse-component-form nil (list* :system name :pathname directory component-options)))))))

(defmacro defsystem (name &body options)
  "Defines the system NAME as OPTIONS say (see the ASDF manual's grammar) and
returns it; a system of that name defined before is redefined in place."
  `(apply 'register-system-definition ',name ',options))
