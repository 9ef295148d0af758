;;;; What is done once every ASDF package exists: the built-in systems
;;;; asdf and uiop, hooking into REQUIRE, announcing the features, and the
;;;; commands CL-USER sees unqualified.

(uiop:define-package :asdf/footer
  (:use :uiop/common-lisp :uiop :asdf/system :asdf/upgrade :asdf/system-registry :asdf/operate :asdf/bundle))

(in-package :asdf/footer)

;;; ASDF and UIOP are part of the image: their systems are immutable, so
;;; neither find-system nor a :depends-on ever loads an asdf.asd or uiop.asd
;;; found on disk (Debian installs both) over them.
(register-immutable-system "asdf" :version *asdf-version*)
(register-immutable-system "asdf-package-system" :version *asdf-version*)
(register-immutable-system "uiop" :version *uiop-version*)

;;; Every package of the image is there before any system is loaded: a
;;; package-inferred file using one (ASDF, ASDF-USER...) needs no system.
(dolist (package (list-all-packages))
  (dolist (name (package-names package))
    (asdf/package-inferred-system:register-system-packages t name)))

(pushnew 'module-provide-asdf clove:*module-provider-functions*)

(dolist (feature '(:asdf :asdf2 :asdf3 :asdf3.1 :asdf3.2 :asdf3.3))
  (pushnew feature *features*))

(provide "asdf")
(provide "ASDF")
(provide "uiop")
(provide "UIOP")

;;; CL-USER uses CLOVE (as SBCL's uses SB-EXT), which exports the commands a
;;; user types at the REPL: the same symbols as ASDF's, so that using the
;;; ASDF package as well causes no conflict.
(let ((commands '(load-system test-system compile-system require-system make clear-system)))
  (import commands :clove)
  (export commands :clove))
(use-package :clove :common-lisp-user)
