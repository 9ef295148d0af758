;;;; ASDF-USER: the package .asd files are read in.

(uiop:define-package :asdf/user
  (:nicknames :asdf-user)
  (:use :uiop/common-lisp :uiop :asdf/interface))
