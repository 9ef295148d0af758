;;;; Systems: the top components, with their metadata and where
;;;; their .asd file lives.

(uiop:define-package :asdf/system
  (:use :uiop/common-lisp :uiop :asdf/upgrade :asdf/session :asdf/component)
  (:export #:bug-tracker #:build-pathname #:builtin-system-p #:coerce-filename
    #:coerce-name #:component-build-pathname #:component-entry-point
    #:definition-dependency-list #:definition-dependency-set #:entry-point
    #:find-system #:homepage #:long-name #:mailto #:primary-system-name
    #:primary-system-p #:proto-system #:reset-system-class #:source-control
    #:system #:system-author #:system-bug-tracker
    #:system-defsystem-depends-on #:system-depends-on #:system-description
    #:system-homepage #:system-licence #:system-license
    #:system-long-description #:system-long-name #:system-mailto
    #:system-maintainer #:system-relative-pathname #:system-source-control
    #:system-source-directory #:system-source-file #:system-version
    #:system-weakly-depends-on #:undefined-system))
