;;;; Forcing: which systems :force and :force-not make the plan
;;;; rebuild or leave alone.

(uiop:define-package :asdf/forcing
  (:use :uiop/common-lisp :uiop :asdf/upgrade :asdf/session :asdf/component :asdf/operation :asdf/system :asdf/system-registry)
  (:export #:action-forced-not-p #:action-forced-p #:forced #:forced-not
    #:forcing #:make-forcing #:normalize-forced-not-systems
    #:normalize-forced-systems #:performable-p))
