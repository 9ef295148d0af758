;;;; A package-inferred system: each file is a system clove-pis/<path>
;;;; whose dependencies are the packages its package form names.

(defsystem "clove-pis"
  :class :package-inferred-system
  :version "1.0"
  :depends-on ("clove-pis/all"))

(register-system-packages "clove-pis-plain" '(:clove-pis-extra))

(defvar cl-user::*clove-pis-asd-loads* 0)
(incf cl-user::*clove-pis-asd-loads*)
