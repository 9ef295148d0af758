(in-package :loose)
;; The feature comes from feature.lisp, which this file does not declare.
(defun flag () #+loose-feature :on #-loose-feature :off)
