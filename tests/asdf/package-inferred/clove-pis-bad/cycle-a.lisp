(defpackage :clove-pis-bad/cycle-a (:use :cl :clove-pis-bad/cycle-b))
