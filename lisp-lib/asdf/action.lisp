;;;; Actions: an (operation . component) pair, the generic functions
;;;; a build asks of it (inputs, outputs, dependencies, perform) and the
;;;; propagation mixins (downward, upward, sideway, selfward).

(uiop:define-package :asdf/action
  (:nicknames :asdf-action)
  (:use :uiop/common-lisp :uiop :asdf/upgrade :asdf/session :asdf/component :asdf/operation)
  (:export #:accept #:action #:action-component #:action-description
    #:action-operation #:action-path #:action-valid-p #:additional-input-files
    #:call-while-visiting-action #:circular-dependency
    #:circular-dependency-actions #:component-depends-on
    #:component-operation-time #:compute-action-stamp
    #:define-convenience-action-methods #:downward-operation #:find-action
    #:format-action #:input-files #:make-action #:mark-operation-done
    #:non-propagating-operation #:operation-definition-error
    #:operation-definition-warning #:operation-done-p #:output-file
    #:output-files #:perform #:perform-with-restarts #:retry
    #:selfward-operation #:sideway-operation #:upward-operation
    #:while-visiting-action))
