(defpackage :wide (:use :cl) (:export #:sum))
