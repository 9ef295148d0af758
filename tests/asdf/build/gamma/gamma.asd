(defvar cl-user::*gamma-asd-loads* 0)
(incf cl-user::*gamma-asd-loads*)
(defsystem "gamma"
  :defsystem-depends-on ("gamma-ext")
  :components (("gamma-ext:noted-file" "gamma")))
