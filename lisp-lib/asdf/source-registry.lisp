;;;; The source registry: where .asd files are found, as
;;;; CL_SOURCE_REGISTRY, source-registry.conf and the defaults say.

(uiop:define-package :asdf/source-registry
  (:use :uiop/common-lisp :uiop :asdf/upgrade :asdf/system :asdf/system-registry)
  (:export #:*default-source-registries*
    #:*default-source-registry-exclusions* #:*recurse-beyond-asds*
    #:*source-registry* #:*source-registry-exclusions*
    #:*source-registry-parameter* #:*wild-asd* #:clear-source-registry
    #:collect-asds-in-directory #:collect-sub*directories-asd-files
    #:compute-source-registry #:default-system-source-registry
    #:default-user-source-registry #:directory-asd-files
    #:ensure-source-registry #:environment-source-registry
    #:flatten-source-registry #:inherit-source-registry
    #:initialize-source-registry #:invalid-source-registry
    #:parse-source-registry-string #:process-source-registry
    #:register-asd-directory #:source-registry-initialized-p
    #:sysdef-source-registry-search #:system-source-registry
    #:system-source-registry-directory #:user-source-registry
    #:user-source-registry-directory #:validate-source-registry-directive
    #:validate-source-registry-directory #:validate-source-registry-file
    #:validate-source-registry-form #:wrapping-source-registry))
