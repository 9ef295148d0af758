(in-package :wide)
(eval-when (:compile-toplevel) (push 1 cl-user::*compiled-here*))
(defun w1 () 1)
(defun calls-nothing-defined () (no-such-function-anywhere))
