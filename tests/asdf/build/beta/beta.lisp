(defpackage :beta (:use :cl) (:export #:run))
(in-package :beta)
(defun run () (alpha:twice 5))
