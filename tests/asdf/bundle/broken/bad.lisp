(bundle-base:note :broken-bad)
(defun bad () (values :oops
