;;; Used by no file until a test edits a package form to use it.
(defpackage :clove-pis/later
  (:use :cl)
  (:export #:later-value))

(in-package :clove-pis/later)

(defun later-value () :later)
