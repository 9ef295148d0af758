;;;; What is done once every ASDF package exists: hooking into
;;;; REQUIRE and announcing the feature.

(uiop:define-package :asdf/footer
  (:use :uiop/common-lisp :uiop :asdf/system :asdf/upgrade :asdf/system-registry :asdf/operate :asdf/bundle))
