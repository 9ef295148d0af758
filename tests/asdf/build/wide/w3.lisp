(in-package :wide)
(eval-when (:compile-toplevel) (push 3 cl-user::*compiled-here*))
(defun w3 () 3)
