(defpackage :loose (:use :cl) (:export #:answer #:flag))
