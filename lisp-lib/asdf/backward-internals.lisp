;;;; Internal names older ASDF extensions still use.

(uiop:define-package :asdf/backward-internals
  (:use :uiop/common-lisp :uiop :asdf/upgrade :asdf/find-system)
  (:export #:load-sysdef))

(in-package :asdf/backward-internals)

(with-asdf-deprecation (:style-warning "3.2" :warning "3.4")
  (defun load-sysdef (name pathname)
    "Removed: signals an error saying to use LOAD-ASD (old SLIME versions called it)."
    (declare (ignore name pathname))
    (error "Use asdf:load-asd instead of asdf::load-sysdef")))
