;;;; Deprecated interface functions and conditions of ASDF 2 and
;;;; earlier that old .asd files still call.

(uiop:define-package :asdf/backward-interface
  (:use :uiop/common-lisp :uiop :asdf/upgrade :asdf/session :asdf/component :asdf/system :asdf/system-registry :asdf/operation :asdf/action :asdf/lisp-action :asdf/plan :asdf/operate :asdf/find-system :asdf/parse-defsystem :asdf/output-translations :asdf/bundle)
  (:export #:*asdf-verbose* #:compile-error #:compile-failed #:compile-warned
    #:component-load-dependencies #:component-property
    #:enable-asdf-binary-locations-compatibility #:error-component
    #:error-operation #:explain #:on-failure #:on-warnings #:operation-error
    #:operation-on-failure #:operation-on-warnings #:require-system
    #:run-shell-command #:system-definition-pathname #:system-registered-p
    #:traverse))

(in-package :asdf/backward-interface)

;;; Components and systems (deprecated since ASDF 3.2)

(with-asdf-deprecation (:style-warning "3.2" :warning "3.4")
  (defun component-load-dependencies (component)
    "Deprecated: COMPONENT-SIDEWAY-DEPENDENCIES under its ASDF 2 name."
    (component-sideway-dependencies component))

  (defun system-definition-pathname (x)
    "Deprecated: use SYSTEM-SOURCE-FILE (or SYSTEM-SOURCE-DIRECTORY,
SYSTEM-RELATIVE-PATHNAME), which this calls."
    (system-source-file x))

  (defun run-shell-command (control-string &rest args)
    "Deprecated: use UIOP:RUN-PROGRAM. Runs the shell command CONTROL-STRING
formatted with ARGS, its output going to *VERBOSE-OUT*, and returns its exit
code (255 when it did not exit normally with a code from 0 to 255)."
    (let ((command (apply #'format nil control-string args)))
      (asdf-message "; $ ~A~%" command)
      (let ((code (ignore-errors
                   (nth-value 2 (run-program command :force-shell t :ignore-error-status t
                                                     :output *verbose-out*)))))
        (if (typep code '(integer 0 255)) code 255))))

  (progn
    (defvar *asdf-verbose* nil
      "Unused; kept for ASDF 2 code that binds it."))

  (defgeneric component-property (component property)
    (:documentation "Deprecated: the value of PROPERTY (compared with EQUAL) in
COMPONENT's :PROPERTIES alist."))

  (defgeneric (setf component-property) (new-value component property)
    (:documentation "Deprecated: sets PROPERTY in COMPONENT's :PROPERTIES alist."))

  (defmethod component-property ((c component) property)
    (cdr (assoc property (slot-value c 'properties) :test #'equal)))

  (defmethod (setf component-property) (new-value (c component) property)
    (let ((entry (assoc property (slot-value c 'properties) :test #'equal)))
      (if entry
          (setf (cdr entry) new-value)
          (push (cons property new-value) (slot-value c 'properties)))
      new-value)))

(with-asdf-deprecation (:style-warning "3.3")
  (defun system-registered-p (name)
    "Deprecated: when a system named NAME is registered, a cons of the time its
primary system's definition was loaded and the system; else NIL."
    (let ((system (registered-system name)))
      (when system
        (cons (let ((primary (registered-system (primary-system-name name))))
                (when primary (component-operation-time 'define-op primary)))
              system)))))
