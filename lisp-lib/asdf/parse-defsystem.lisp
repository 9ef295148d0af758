;;;; defsystem: the grammar of system definitions, parsed into
;;;; components, with ASDF's checks and errors.

(uiop:define-package :asdf/parse-defsystem
  (:nicknames :asdf/defsystem)
  (:use :uiop/common-lisp :uiop :asdf/upgrade :asdf/session :asdf/component :asdf/system :asdf/system-registry :asdf/find-component :asdf/action :asdf/lisp-action :asdf/operate)
  (:export #:*default-component-class*
    #:*known-systems-with-bad-secondary-system-names* #:bad-system-name
    #:check-component-input #:class-for-type #:compute-component-children
    #:defsystem #:determine-system-directory #:explain
    #:known-system-with-bad-secondary-system-names-p #:non-system-system
    #:non-toplevel-system #:parse-component-form #:register-system-definition
    #:sysdef-error-component))
