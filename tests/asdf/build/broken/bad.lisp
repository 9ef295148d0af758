(in-package :broken)
(defun bad () (values :version 1))
