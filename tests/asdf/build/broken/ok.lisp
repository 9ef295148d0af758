(defpackage :broken (:use :cl))
(in-package :broken)
(defun ok () :ok)
