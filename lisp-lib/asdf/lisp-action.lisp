;;;; The Lisp actions: prepare-op, compile-op, load-op,
;;;; prepare-source-op, load-source-op, test-op, and how they compile and
;;;; load a cl-source-file.

(uiop:define-package :asdf/lisp-action
  (:use :uiop/common-lisp :uiop :asdf/upgrade :asdf/session :asdf/component :asdf/system :asdf/operation :asdf/action)
  (:export #:basic-compile-op #:basic-load-op #:call-with-around-compile-hook
    #:cl-source-file #:cl-source-file.cl #:cl-source-file.lsp #:compile-op
    #:lisp-compilation-output-files #:load-op #:load-source-op
    #:perform-lisp-compilation #:perform-lisp-load-fasl
    #:perform-lisp-load-source #:prepare-op #:prepare-source-op #:test-op
    #:try-recompiling))

(in-package :asdf/lisp-action)

;;; Lisp source files (the :file of a defsystem, by default)

(defclass cl-source-file (source-file)
  ((type :initform "lisp"))
  (:documentation "A Common Lisp source file (.lisp), compiled and loaded by the build."))

(defclass cl-source-file.cl (cl-source-file)
  ((type :initform "cl"))
  (:documentation "A Common Lisp source file of type .cl."))

(defclass cl-source-file.lsp (cl-source-file)
  ((type :initform "lsp"))
  (:documentation "A Common Lisp source file of type .lsp."))
