;;;; operate and its conveniences (load-system, compile-system,
;;;; test-system, require-system, make) and the module provider for REQUIRE.

(uiop:define-package :asdf/operate
  (:use :uiop/common-lisp :uiop :asdf/upgrade :asdf/session :asdf/component :asdf/system :asdf/system-registry :asdf/find-component :asdf/operation :asdf/action :asdf/lisp-action :asdf/forcing :asdf/plan)
  (:export #:already-loaded-systems #:build-op #:compile-system
    #:component-loaded-p #:load-system #:load-systems #:load-systems* #:make
    #:module-provide-asdf #:oos #:operate #:recursive-operate #:require-system
    #:test-system))
