;;;; UIOP (UIOP/DRIVER): the package users name, re-exporting every UIOP
;;;; area package. The runtime creates it (as "UIOP", holding the few
;;;; functions the command line needs); this gives it UIOP's real name,
;;;; nicknames and exports.

(uiop/package:define-package "UIOP/DRIVER"
  (:nicknames "UIOP" "ASDF/DRIVER")
  (:use "UIOP/COMMON-LISP")
  (:use-reexport "UIOP/PACKAGE*" "UIOP/UTILITY" "UIOP/VERSION" "UIOP/OS" "UIOP/PATHNAME"
                 "UIOP/FILESYSTEM" "UIOP/STREAM" "UIOP/IMAGE"
                 "UIOP/LISP-BUILD" "UIOP/LAUNCH-PROGRAM" "UIOP/RUN-PROGRAM"
                 "UIOP/CONFIGURATION" "UIOP/BACKWARD-DRIVER"))
