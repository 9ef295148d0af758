;;;; Finding a component by name or path within a system, and
;;;; resolving dependency specifications.

(uiop:define-package :asdf/find-component
  (:use :uiop/common-lisp :uiop :asdf/upgrade :asdf/session :asdf/component :asdf/system :asdf/system-registry)
  (:export #:find-component #:missing-component #:missing-component-of-version
    #:missing-dependency #:missing-dependency-of-version #:missing-parent
    #:missing-required-by #:missing-requires #:missing-version
    #:resolve-dependency-combination #:resolve-dependency-name
    #:resolve-dependency-spec #:retry))

(in-package :asdf/find-component)

;;; Missing components

(define-condition missing-component (system-definition-error)
  ((requires :initform "(unnamed)" :reader missing-requires :initarg :requires)
   (parent :initform nil :reader missing-parent :initarg :parent))
  (:documentation "A component (or system) that was asked for and not found."))

(define-condition missing-component-of-version (missing-component)
  ((version :initform nil :reader missing-version :initarg :version))
  (:documentation "A component found, but older than the version asked for."))

(define-condition missing-dependency (missing-component)
  ((required-by :initarg :required-by :reader missing-required-by))
  (:documentation "A missing component that another one depends on."))

(define-condition missing-dependency-of-version (missing-dependency missing-component-of-version)
  ()
  (:documentation "A dependency found, but older than the version asked for."))

(defmethod print-object ((c missing-component) s)
  (format s "~@<Component ~S not found~@[ in ~A~]~@:>"
          (missing-requires c)
          (when (missing-parent c) (coerce-name (missing-parent c)))))

(defmethod print-object ((c missing-component-of-version) s)
  (format s "~@<Component ~S does not match version ~A~@[ in ~A~]~@:>"
          (missing-requires c)
          (missing-version c)
          (when (missing-parent c) (coerce-name (missing-parent c)))))

(defmethod print-object ((c missing-dependency) s)
  (format s "~@<~A, required by ~A~@:>"
          (call-next-method c nil) (missing-required-by c)))

;;; find-component

(defmethod find-component ((base string) path &key registered)
  (let ((system (if registered (registered-system base) (find-system base nil))))
    (when system (find-component system path :registered registered))))

(defmethod find-component ((base symbol) path &key registered)
  (cond (base (find-component (coerce-name base) path :registered registered))
        (path (find-component path nil :registered registered))
        (t nil)))

(defmethod find-component ((base cons) path &key registered)
  (find-component (car base) (cons (cdr base) path) :registered registered))

(defmethod find-component ((parent parent-component) (name string) &key registered)
  (declare (ignore registered))
  (compute-children-by-name parent :only-if-needed-p t)
  (values (gethash name (component-children-by-name parent))))

(defmethod find-component (base (name symbol) &key registered)
  (if name (find-component base (coerce-name name) :registered registered) base))

(defmethod find-component ((c component) (name cons) &key registered)
  (find-component (find-component c (car name) :registered registered)
                  (cdr name) :registered registered))

(defmethod find-component ((base t) (actual component) &key registered)
  (declare (ignore registered))
  actual)

;;; Dependencies

(defgeneric resolve-dependency-combination (component combinator arguments)
  (:documentation "The component that the dependency (COMBINATOR . ARGUMENTS) of
COMPONENT designates, or NIL when it does not apply (a feature that is absent)."))

(defun resolve-dependency-name (component name &optional version)
  "The component named NAME among COMPONENT's siblings (the systems, for a
system), which must be at least VERSION if given: otherwise signals
MISSING-DEPENDENCY (or MISSING-DEPENDENCY-OF-VERSION), with a RETRY restart
that searches again."
  ;; A sibling within a parent is a table lookup, which signals nothing: the
  ;; restart is only established when it could be needed.
  (let ((parent (component-parent component)))
    (when (and parent (null version))
      (let ((found (find-component parent name)))
        (when found (return-from resolve-dependency-name found)))))
  (loop
    (restart-case
        (return
          (let ((found (find-component (component-parent component) name)))
            (unless found
              (error 'missing-dependency :required-by component :requires name))
            (when (and version (not (version-satisfies found version)))
              (error 'missing-dependency-of-version
                     :required-by component :version version :requires name))
            found))
      (retry ()
        :report (lambda (s) (format s "~@<Retry loading ~3i~_~A.~@:>" name))
        :test (lambda (c)
                (or (null c)
                    (and (typep c 'missing-dependency)
                         (eq (missing-required-by c) component)
                         (equal (missing-requires c) name))))
        (unless (component-parent component)
          (unset-asdf-cache-entry `(find-system ,(coerce-name name))))))))

(defun resolve-dependency-spec (component dep-spec)
  "The component the dependency DEP-SPEC of COMPONENT designates: a name, or
(:version name version), (:feature feature spec), (:require module-name).
NIL when the dependency does not apply."
  (let ((component (find-component () component)))
    (if (atom dep-spec)
        (resolve-dependency-name component dep-spec)
        (resolve-dependency-combination component (car dep-spec) (cdr dep-spec)))))

(defmethod resolve-dependency-combination (component combinator arguments)
  (parameter-error "~@<In ~S, bad dependency ~S for ~S~@:>"
                   'resolve-dependency-combination (cons combinator arguments) component))

(defmethod resolve-dependency-combination (component (combinator (eql :feature)) arguments)
  (when (featurep (first arguments))
    (resolve-dependency-spec component (second arguments))))

(defmethod resolve-dependency-combination (component (combinator (eql :version)) arguments)
  (resolve-dependency-name component (first arguments) (second arguments)))
