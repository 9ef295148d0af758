(in-package :wide)
(defun sum () (+ (w1) (w2) (w3) (w4)))
