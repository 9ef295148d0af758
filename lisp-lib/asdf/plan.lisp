;;;; Plans: walking the dependency graph of actions from a goal,
;;;; deciding what is done by stamps, and performing the rest in order.

(uiop:define-package :asdf/plan
  (:use :uiop/common-lisp :uiop :asdf/upgrade :asdf/session :asdf/component :asdf/operation :asdf/action :asdf/lisp-action :asdf/system :asdf/system-registry :asdf/find-component :asdf/forcing)
  (:export #:*plan-class* #:+status-good+ #:+status-todo+ #:+status-void+
    #:action-already-done-p #:action-status #:action-up-to-date-p
    #:circular-dependency #:circular-dependency-actions #:compute-action-stamp
    #:direct-dependencies #:filtered-sequential-plan #:make-plan
    #:map-direct-dependencies #:mark-as-done #:needed-in-image-p
    #:perform-plan #:plan #:plan-actions #:plan-actions-r
    #:plan-component-type #:plan-keep-component #:plan-keep-operation
    #:plan-traversal #:record-dependency #:reduce-direct-dependencies
    #:required-components #:sequential-plan #:status-done-p #:status-index
    #:status-keep-p #:status-need-p #:status-stamp #:system-out-of-date
    #:traverse-action))
