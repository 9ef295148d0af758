(in-package :alpha)
(defun greet () (format nil "alpha ~A" (twice 21)))
