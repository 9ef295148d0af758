(in-package :wide)
(eval-when (:compile-toplevel) (push 4 cl-user::*compiled-here*))
(defun w4 () 4)
