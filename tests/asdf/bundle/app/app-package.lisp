(defpackage :bundle-app
  (:use :cl :bundle-base)
  (:export #:run))
(in-package :bundle-app)
(note :app-package)
