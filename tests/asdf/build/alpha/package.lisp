(defpackage :alpha (:use :cl) (:export #:twice #:greet))
