(defpackage :clove-pis-old/main (:use :cl) (:export #:main-value))
(in-package :clove-pis-old/main)
(defun main-value () :main)
