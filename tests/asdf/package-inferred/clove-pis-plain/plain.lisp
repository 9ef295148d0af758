(defpackage :clove-pis-plain (:use :cl) (:export #:plain-value))
(defpackage :clove-pis-extra (:use :cl) (:export #:extra-value))
(defun clove-pis-plain:plain-value () 100)
(defun clove-pis-extra:extra-value () 1000)
