;;; Uses only CL: no dependency.
(defpackage :clove-pis/base
  (:use :common-lisp)
  (:export #:base-value #:twice #:list-of))

(in-package :clove-pis/base)

(defvar *loads* 0)
(incf *loads*)

(defun base-value () 21)
(defmacro twice (x) `(* 2 ,x))
(defun list-of (x) (list :base x))
