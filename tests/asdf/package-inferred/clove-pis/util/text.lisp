;;; uiop/package:define-package, :mix.
(uiop/package:define-package :clove-pis/util/text
  (:use :cl)
  (:mix :clove-pis/base)
  (:export #:shout #:list-of))

(in-package :clove-pis/util/text)

(defun shout (x) (format nil "~:@(~A~)!" x))
