;;;; UIOP/COMMON-LISP (nickname UIOP/CL): COMMON-LISP re-exported, the
;;;; package UIOP's own packages use. On other Lisps it papers over gaps in
;;;; the standard; clove has none to paper over.

(uiop/package:define-package "UIOP/COMMON-LISP"
  (:nicknames "UIOP/CL")
  (:use "UIOP/PACKAGE")
  (:use-reexport "COMMON-LISP"))

;;; clove's strings hold any Unicode character, which .asd files and
;;; UIOP's encoding support test for with this feature.
(pushnew :asdf-unicode *features*)
