;;;; Operations: the verbs of a build (load-op, compile-op...), made
;;;; once per class and cached so actions compare with EQ.

(uiop:define-package :asdf/operation
  (:use :uiop/common-lisp :uiop :asdf/upgrade :asdf/session)
  (:export #:*operations* #:feature #:find-operation #:make-operation
    #:operation))
