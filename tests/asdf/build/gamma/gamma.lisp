(defpackage :gamma (:use :cl) (:export #:flavour))
(in-package :gamma)
(defun flavour () gamma-ext:*flavour*)
