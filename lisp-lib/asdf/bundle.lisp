;;;; Bundle operations: one fasl for a system (with or without its
;;;; dependencies) and the .asd that loads it.

(uiop:define-package :asdf/bundle
  (:use :uiop/common-lisp :uiop :asdf/upgrade :asdf/component :asdf/system :asdf/operation :asdf/find-component :asdf/action :asdf/lisp-action :asdf/plan :asdf/operate :asdf/parse-defsystem)
  (:export #:basic-compile-bundle-op #:bundle-op #:bundle-pathname-type
    #:bundle-system #:bundle-type #:compile-bundle-op #:compiled-file
    #:deliver-asd-op #:direct-dependency-files #:dll-op #:epilogue-code
    #:image-op #:lib-op #:load-bundle-op #:monolithic-bundle-op
    #:monolithic-compile-bundle-op #:monolithic-deliver-asd-op
    #:monolithic-dll-op #:monolithic-lib-op #:monolithic-load-bundle-op
    #:monolithic-op #:operation-monolithic-p #:prebuilt-system
    #:precompiled-system #:prepare-bundle-op #:program-op #:program-system
    #:prologue-code #:static-library #:trivial-system-p #:user-system
    #:user-system-p))
