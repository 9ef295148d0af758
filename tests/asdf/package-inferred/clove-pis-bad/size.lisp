(defpackage :clove-pis-bad/size (:use :cl) (:size 10))
