;;;; Concatenate-source operations: one source file for a
;;;; system or for a system and its dependencies.

(uiop:define-package :asdf/concatenate-source
  (:use :uiop/common-lisp :uiop :asdf/upgrade :asdf/component :asdf/operation :asdf/system :asdf/action :asdf/lisp-action :asdf/plan :asdf/bundle)
  (:export #:compile-concatenated-source-op #:concatenate-source-op
    #:load-compiled-concatenated-source-op #:load-concatenated-source-op
    #:monolithic-compile-concatenated-source-op
    #:monolithic-concatenate-source-op
    #:monolithic-load-compiled-concatenated-source-op
    #:monolithic-load-concatenated-source-op))
