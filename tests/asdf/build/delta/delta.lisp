(defpackage :delta (:use :cl) (:export #:words))
(in-package :delta)
(defun words (s) (uiop:split-string s :separator " "))
