(in-package :bundle-app)
(defun one () (twice 5))
(note :app-one)
