;;;; Internal names older ASDF extensions still use.

(uiop:define-package :asdf/backward-internals
  (:use :uiop/common-lisp :uiop :asdf/upgrade :asdf/find-system)
  (:export #:load-sysdef))
