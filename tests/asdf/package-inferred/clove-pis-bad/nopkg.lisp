;;; No package form.
(in-package :cl-user)
(defun clove-pis-bad-nopkg () 1)
