(defpackage :clove-pis-bad/cycle-b (:use :cl) (:import-from :clove-pis-bad/cycle-a))
