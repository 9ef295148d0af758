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
