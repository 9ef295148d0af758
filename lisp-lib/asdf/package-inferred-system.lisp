;;;; package-inferred-system: one file per package, dependencies
;;;; read from each file's package form.

(uiop:define-package :asdf/package-inferred-system
  (:use :uiop/common-lisp :uiop :asdf/upgrade :asdf/session :asdf/component :asdf/system :asdf/system-registry :asdf/lisp-action :asdf/parse-defsystem)
  (:export #:*defpackage-forms* #:*package-inferred-systems*
    #:package-inferred-system #:package-inferred-system-missing-package-error
    #:package-system #:register-system-packages
    #:sysdef-package-inferred-system-search))
