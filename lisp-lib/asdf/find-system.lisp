;;;; find-system: locating a system's .asd file, loading it (as an
;;;; action, so a changed .asd is re-read) and returning the system.

(uiop:define-package :asdf/find-system
  (:use :uiop/common-lisp :uiop :asdf/upgrade :asdf/session :asdf/component :asdf/system :asdf/operation :asdf/action :asdf/lisp-action :asdf/find-component :asdf/system-registry :asdf/plan :asdf/operate)
  (:export #:define-op #:error-condition #:error-name #:error-pathname
    #:find-system #:load-asd #:load-system-definition-error #:locate-system))
