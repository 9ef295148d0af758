(in-package :wide)
(eval-when (:compile-toplevel) (push 2 cl-user::*compiled-here*))
(defun w2 () 2)
