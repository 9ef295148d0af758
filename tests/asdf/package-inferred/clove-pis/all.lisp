;;; The entry point: uiop:define-package's reexporting clauses, and packages
;;; of an ordinary system (one by name, one registered in clove-pis.asd).
(uiop:define-package :clove-pis/all
  (:nicknames :clove-pis)
  (:use :cl)
  (:use-reexport :clove-pis/core)
  (:mix-reexport :clove-pis/util/text)
  (:reexport :clove-pis/base)
  (:import-from :clove-pis-plain #:plain-value)
  (:import-from :clove-pis-extra #:extra-value)
  (:recycle :clove-pis/all)
  (:unintern #:gone)
  (:export #:total))

(in-package :clove-pis/all)

(defun total () (+ (core-value) (plain-value) (extra-value)))
