(defpackage :gamma-ext (:use :cl :asdf) (:export #:noted-file #:*flavour*))
(in-package :gamma-ext)
(defparameter *flavour* "plain")
(defclass noted-file (cl-source-file) ())
