;;;; Components: the tree a defsystem describes (modules, files),
;;;; their names, parents, pathnames, versions and dependencies.

(uiop:define-package :asdf/component
  (:use :uiop/common-lisp :uiop :asdf/upgrade :asdf/session)
  (:export #:%encoding #:absolute-pathname #:around-compile
    #:around-compile-hook #:author #:c-source-file #:child-component
    #:children #:children-by-name #:component #:component-build-operation
    #:component-children #:component-children-by-name #:component-description
    #:component-encoding #:component-external-format #:component-find-path
    #:component-if-feature #:component-in-order-to #:component-inline-methods
    #:component-long-description #:component-name #:component-operation-times
    #:component-parent #:component-parent-pathname #:component-pathname
    #:component-properties #:component-relative-pathname
    #:component-sideway-dependencies #:component-system #:component-version
    #:components #:components-by-name #:compute-children-by-name
    #:default-component-class #:defsystem-depends-on #:description #:doc-file
    #:duplicate-names #:file-component #:file-type #:find-component
    #:html-file #:if-feature #:in-order-to #:inline-methods #:java-source-file
    #:licence #:long-description #:maintainer #:module #:module-components
    #:module-default-component-class #:name #:operation-times #:parent
    #:parent-component #:properties #:relative-pathname #:sideway-dependencies
    #:source-file #:source-file-explicit-type #:source-file-type #:static-file
    #:sub-components #:version #:version-satisfies))
