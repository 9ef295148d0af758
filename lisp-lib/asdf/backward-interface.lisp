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

;;; Operations and plans (deprecated since ASDF 3.2)

(with-asdf-deprecation (:style-warning "3.2" :warning "3.4")
  (progn
    (define-condition operation-error (error)
      ((component :reader error-component :initarg :component)
       (operation :reader error-operation :initarg :operation))
      (:report (lambda (c s)
                 (format s "~@<~A while invoking ~A on ~A~@:>"
                         (type-of c) (error-operation c) (error-component c))))
      (:documentation "Deprecated: ASDF 2's error of an action."))
    (define-condition compile-error (operation-error) ())
    (define-condition compile-failed (compile-error) ())
    (define-condition compile-warned (compile-error) ()))

  (defgeneric operation-on-warnings (operation)
    (:documentation "Deprecated: UIOP:*COMPILE-FILE-WARNINGS-BEHAVIOUR*."))
  (defgeneric operation-on-failure (operation)
    (:documentation "Deprecated: UIOP:*COMPILE-FILE-FAILURE-BEHAVIOUR*."))
  (defgeneric (setf operation-on-warnings) (value operation)
    (:documentation "Deprecated: sets UIOP:*COMPILE-FILE-WARNINGS-BEHAVIOUR*."))
  (defgeneric (setf operation-on-failure) (value operation)
    (:documentation "Deprecated: sets UIOP:*COMPILE-FILE-FAILURE-BEHAVIOUR*."))
  (progn
    (defmethod operation-on-warnings ((o operation)) *compile-file-warnings-behaviour*)
    (defmethod operation-on-failure ((o operation)) *compile-file-failure-behaviour*)
    (defmethod (setf operation-on-warnings) (value (o operation))
      (setf *compile-file-warnings-behaviour* value))
    (defmethod (setf operation-on-failure) (value (o operation))
      (setf *compile-file-failure-behaviour* value)))

  (defgeneric traverse (operation component &key &allow-other-keys)
    (:documentation "Deprecated (use MAKE-PLAN and PLAN-ACTIONS): the actions of the
plan for doing OPERATION on COMPONENT, as (operation . component) conses."))
  (progn
    (define-convenience-action-methods traverse (operation component &key)))
  (defmethod traverse ((o operation) (c component) &rest keys &key plan-class &allow-other-keys)
    (plan-actions (apply #'make-plan plan-class o c keys)))

  (defun enable-asdf-binary-locations-compatibility
      (&key centralize-lisp-binaries
         (default-toplevel-directory (subpathname (user-homedir-pathname) ".fasls/"))
         include-per-user-information
         map-all-source-files
         source-to-target-mappings
         (file-types (list (compile-file-type) "build-report")))
    "Deprecated (configure output translations instead): ASDF-Binary-Locations'
settings, turned into output translations."
    (let ((patterns (if map-all-source-files
                        (list *wild-file*)
                        (mapcar (lambda (type) (make-pathname :type type :defaults *wild-file*))
                                file-types)))
          (destination (if centralize-lisp-binaries
                           (append (list default-toplevel-directory)
                                   (when include-per-user-information
                                     (cdr (pathname-directory (user-homedir-pathname))))
                                   (list :implementation *wild-inferiors*))
                           (list :root *wild-inferiors* :implementation))))
      (initialize-output-translations
       (append '(:output-translations)
               source-to-target-mappings
               (mapcar (lambda (pattern)
                         (list (list :root *wild-inferiors* pattern)
                               (append destination (list pattern))))
                       patterns)
               '((t t) :ignore-inherited-configuration)))))

  (defgeneric explain (operation component)
    (:documentation "Deprecated (use ACTION-DESCRIPTION): prints the action's
description to *VERBOSE-OUT*."))
  (progn
    (define-convenience-action-methods explain (operation component)))
  (defmethod explain ((o operation) (c component))
    (asdf-message "~&~@<; ~@;~A~:>~%" (action-description o c))))

(with-asdf-deprecation (:style-warning "3.3")
  (defun require-system (system &rest keys &key &allow-other-keys)
    "Loads SYSTEM unless it is loaded already (then nothing is checked or rebuilt)."
    (declare (ignore keys))
    (unless (component-loaded-p system)
      (load-system system))))
