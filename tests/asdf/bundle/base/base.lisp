(in-package :bundle-base)
(defun greet () (format nil "base ~D" (twice 21)))
(note :base-base)
