;;;; operate and its conveniences (load-system, compile-system,
;;;; test-system, require-system, make) and the module provider for REQUIRE.

(uiop:define-package :asdf/operate
  (:use :uiop/common-lisp :uiop :asdf/upgrade :asdf/session :asdf/component :asdf/system :asdf/system-registry :asdf/find-component :asdf/operation :asdf/action :asdf/lisp-action :asdf/forcing :asdf/plan)
  (:export #:already-loaded-systems #:build-op #:compile-system
    #:component-loaded-p #:load-system #:load-systems #:load-systems* #:make
    #:module-provide-asdf #:oos #:operate #:recursive-operate #:require-system
    #:test-system))

(in-package :asdf/operate)

(defgeneric operate (operation component &key)
  (:documentation "Does OPERATION on COMPONENT: finds the operation (a symbol names its
class) and the component (a name finds a system with FIND-SYSTEM), makes a plan with
MAKE-PLAN and performs it with PERFORM-PLAN, in a session and a compilation unit.
Keywords: :VERSION (the system must satisfy it), :PLAN-CLASS and :PLAN-OPTIONS (for the
plan), :VERBOSE, :ON-WARNINGS and :ON-FAILURE (bind *COMPILE-FILE-WARNINGS-BEHAVIOUR*
and *COMPILE-FILE-FAILURE-BEHAVIOUR*), :FORCE and :FORCE-NOT: T for the system itself,
:ALL for every system, or a list of system names; FORCE-NOT wins, and built-in systems
are never forced. Returns the operation and the plan."))

(define-convenience-action-methods operate (operation component &key)
  :if-no-component (error 'missing-component :requires component))

(defun first-system-name (component)
  "The name of the system a component designator (a name or path) starts with."
  (labels ((first-name (x)
             (etypecase x
               ((or string symbol) x)
               (cons (or (first-name (car x)) (first-name (cdr x)))))))
    (coerce-name (first-name (if (typep component 'component)
                                 (component-find-path component)
                                 component)))))

(defmethod operate :around (operation component &rest keys
                            &key verbose
                              (on-warnings *compile-file-warnings-behaviour*)
                              (on-failure *compile-file-failure-behaviour*)
                            &allow-other-keys)
  (with-asdf-session ()
    (apply #'make-forcing :performable-p t :system (first-system-name component) keys)
    (let ((*verbose-out* (and verbose *standard-output*))
          (*compile-file-warnings-behaviour* on-warnings)
          (*compile-file-failure-behaviour* on-failure))
      (unwind-protect
           (progn (incf (operate-level))
                  (call-next-method))
        (decf (operate-level))))))

(defmethod operate :before ((operation operation) (component component) &key version
                            &allow-other-keys)
  (unless (version-satisfies component version)
    (error 'missing-component-of-version :requires component :version version))
  (record-dependency nil operation component))

(defmethod operate ((operation operation) (component component) &key plan-class plan-options
                    &allow-other-keys)
  (let ((plan (apply #'make-plan plan-class operation component
                     :forcing (forcing *asdf-session*) plan-options)))
    (perform-plan plan)
    (values operation plan)))

(defun oos (operation component &rest args &key &allow-other-keys)
  "OPERATE, by its old name."
  (apply #'operate operation component args))

(define-condition recursive-operate (warning)
  ((operation :initarg :operation :reader condition-operation)
   (component :initarg :component :reader condition-component)
   (action :initarg :action :reader condition-action))
  (:report (lambda (c s)
             (format s "~@<Deprecated recursive use of (~S '~S '~S) while visiting ~S ~
- please use proper dependencies instead~@:>"
                     'operate (type-of (condition-operation c))
                     (component-find-path (condition-component c))
                     (action-path (condition-action c))))))

;;; build-op and the short names.

(defclass build-op (non-propagating-operation) ()
  (:documentation "The operation that builds a system as its :build-operation says
(default: LOAD-OP); what MAKE does."))

(defmethod component-depends-on ((o build-op) (c component))
  (cons (list (or (component-build-operation c) 'load-op) c) (call-next-method)))

(defun make (system &rest keys)
  "Builds SYSTEM with BUILD-OP (by default, loads it). Returns T."
  (apply #'operate 'build-op system keys)
  t)

(defun load-system (system &rest keys &key force force-not verbose version &allow-other-keys)
  "Loads SYSTEM (compiling what is out of date), as (OPERATE 'LOAD-OP SYSTEM). Returns T."
  (declare (ignore force force-not verbose version))
  (apply #'operate 'load-op system keys)
  t)

(defun load-systems* (systems &rest keys)
  "Loads each of SYSTEMS with LOAD-SYSTEM and KEYS."
  (dolist (s systems) (apply #'load-system s keys)))

(defun load-systems (&rest systems)
  "Loads each of SYSTEMS."
  (load-systems* systems))

(defun compile-system (system &rest keys &key force force-not verbose version &allow-other-keys)
  "Compiles SYSTEM, as (OPERATE 'COMPILE-OP SYSTEM). Returns T."
  (declare (ignore force force-not verbose version))
  (apply #'operate 'compile-op system keys)
  t)

(defun test-system (system &rest keys &key force force-not verbose version &allow-other-keys)
  "Runs SYSTEM's tests, as (OPERATE 'TEST-OP SYSTEM). Returns T."
  (declare (ignore force force-not verbose version))
  (apply #'operate 'test-op system keys)
  t)

(defun component-loaded-p (component)
  "Whether COMPONENT (a component or a registered system's name or path) was loaded in
this image, up to date or not."
  (let ((component (find-component component nil :registered t)))
    (when component
      (nth-value 1 (component-operation-time (make-operation 'load-op) component)))))

(defun already-loaded-systems ()
  "The names of the systems loaded in this image."
  (mapcar #'coerce-name (remove-if-not #'component-loaded-p (registered-systems*))))

;;; Systems that are modules of REQUIRE, and REQUIRE finding systems.

(defvar *modules-being-required* nil)

(defclass require-system (system)
  ((module :initarg :module :initform nil :accessor required-module))
  (:documentation "A system that stands for a module REQUIRE provides: (:require \"x\")."))

(defmethod perform ((o compile-op) (c require-system)) nil)

(defmethod perform ((o load-op) (s require-system))
  (let* ((module (or (required-module s) (coerce-name s)))
         (*modules-being-required* (cons module *modules-being-required*)))
    (require module)))

(defmethod resolve-dependency-combination (component (combinator (eql :require)) arguments)
  (unless (and (length=n-p arguments 1)
               (typep (car arguments) '(or string (and symbol (not null)))))
    (parameter-error "~@<In ~S, bad dependency ~S for ~S. ~S takes one argument, a string or non-null symbol~@:>"
                     'resolve-dependency-combination (cons combinator arguments) component combinator))
  (let* ((module (car arguments))
         (system-name (string-downcase module)))
    (or (find-system system-name nil)
        (let ((system (make-instance 'require-system :name system-name :module (string module))))
          (register-system system)
          system))))

(defun module-provide-asdf (name)
  "REQUIRE's hook: loads the system named NAME (downcased) if one is found; true if so."
  (let ((module-name (string name))
        (system-name (string-downcase name)))
    (unless (member module-name *modules-being-required* :test #'equal)
      (let ((*modules-being-required* (cons module-name *modules-being-required*)))
        (handler-bind (((or style-warning recursive-operate) #'muffle-warning)
                       (missing-component (constantly nil))
                       (fatal-condition
                         (lambda (e)
                           (format *error-output* "~@<ASDF could not load ~(~A~) because ~A.~@:>~%"
                                   name e))))
          (let ((*verbose-out* (make-broadcast-stream))
                (system (find-system system-name nil)))
            (when system
              (load-system system :verbose nil)
              t)))))))
