(in-package :clove-pis-old/main)
(defun extra-value () (list (main-value) :extra))
