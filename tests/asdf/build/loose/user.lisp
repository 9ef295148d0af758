(in-package :loose)
;; TWICE comes from macros.lisp, which this file does not declare.
(defun answer () (twice 21))
