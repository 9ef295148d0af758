;;;; What is done once every ASDF package exists: hooking into
;;;; REQUIRE and announcing the feature.

(uiop:define-package :asdf/footer
  (:use :uiop/common-lisp :uiop :asdf/system :asdf/upgrade :asdf/system-registry :asdf/operate :asdf/bundle))

(in-package :asdf/footer)

;;; The systems built into clove are preloaded and immutable: find-system
;;; returns them as they are and never reads an asdf.asd or uiop.asd found
;;; in a source directory (Debian installs both), and plans leave them alone.
(dolist (name '("asdf" "asdf-package-system"))
  (register-immutable-system name :version *asdf-version*))
(register-immutable-system "uiop" :version *uiop-version*)
