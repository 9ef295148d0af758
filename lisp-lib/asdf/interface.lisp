;;;; The ASDF package: the exported interface, made of the symbols
;;;; of the other ASDF packages.

(uiop:define-package :asdf/interface
  (:nicknames :asdf :asdf-utilities)
  (:use :uiop/common-lisp :uiop :asdf/upgrade :asdf/session :asdf/component :asdf/system :asdf/system-registry :asdf/find-component :asdf/operation :asdf/action :asdf/lisp-action :asdf/output-translations :asdf/source-registry :asdf/forcing :asdf/plan :asdf/operate :asdf/find-system :asdf/parse-defsystem :asdf/bundle :asdf/concatenate-source :asdf/backward-internals :asdf/backward-interface :asdf/package-inferred-system)
  (:export #:*asdf-verbose* #:*central-registry*
    #:*compile-file-failure-behaviour* #:*compile-file-warnings-behaviour*
    #:*default-encoding* #:*default-source-registries*
    #:*encoding-detection-hook* #:*encoding-external-format-hook*
    #:*output-translations-parameter* #:*resolve-symlinks*
    #:*source-registry-parameter* #:*system-definition-search-functions*
    #:*user-cache* #:*utf-8-external-format* #:*verbose-out*
    #:*warnings-file-type* #:accept #:action-description
    #:additional-input-files #:already-loaded-systems
    #:apply-output-translations #:asdf-message #:asdf-version
    #:bad-system-name #:basic-compile-bundle-op #:build-op #:bundle-op
    #:bundle-system #:c-source-file #:child-component #:circular-dependency
    #:cl-source-file #:cl-source-file.cl #:cl-source-file.lsp
    #:clear-configuration #:clear-configuration-and-retry
    #:clear-output-translations #:clear-source-registry #:clear-system
    #:coerce-entry-to-directory #:coerce-name #:compile-bundle-op
    #:compile-concatenated-source-op #:compile-condition #:compile-error
    #:compile-failed #:compile-failed-error #:compile-failed-warning
    #:compile-file* #:compile-file-error #:compile-file-pathname* #:compile-op
    #:compile-system #:compile-warned #:compile-warned-error
    #:compile-warned-warning #:compiled-file #:component #:component-children
    #:component-children-by-name #:component-depends-on #:component-encoding
    #:component-external-format #:component-find-path
    #:component-load-dependencies #:component-loaded-p #:component-name
    #:component-parent #:component-pathname #:component-property
    #:component-relative-pathname #:component-sideway-dependencies
    #:component-system #:component-version #:compute-source-registry
    #:concatenate-source-op #:define-op #:defsystem #:deliver-asd-op
    #:disable-deferred-warnings-check #:disable-output-translations #:dll-op
    #:doc-file #:downward-operation #:duplicate-names
    #:enable-asdf-binary-locations-compatibility
    #:enable-deferred-warnings-check #:ensure-output-translations
    #:ensure-source-registry #:error-component #:error-name #:error-operation
    #:error-pathname #:explain #:feature #:file-component #:file-type
    #:find-component #:find-operation #:find-system #:hostname #:html-file
    #:image-op #:implementation-identifier #:implementation-type
    #:initialize-output-translations #:initialize-source-registry
    #:input-files #:java-source-file #:lib-op #:load-asd #:load-bundle-op
    #:load-compiled-concatenated-source-op #:load-concatenated-source-op
    #:load-op #:load-source-op #:load-system #:load-system-definition-error
    #:load-systems #:load-systems* #:locate-system #:make #:make-operation
    #:make-plan #:map-systems #:missing-component
    #:missing-component-of-version #:missing-dependency
    #:missing-dependency-of-version #:module #:module-components
    #:monolithic-bundle-op #:monolithic-compile-bundle-op
    #:monolithic-compile-concatenated-source-op
    #:monolithic-concatenate-source-op #:monolithic-deliver-asd-op
    #:monolithic-dll-op #:monolithic-lib-op #:monolithic-load-bundle-op
    #:monolithic-load-compiled-concatenated-source-op
    #:monolithic-load-concatenated-source-op #:needed-in-image-p
    #:non-propagating-operation #:non-system-system #:non-toplevel-system
    #:oos #:operate #:operation #:operation-definition-error
    #:operation-definition-warning #:operation-done-p #:operation-error
    #:operation-monolithic-p #:operation-on-failure #:operation-on-warnings
    #:output-file #:output-files #:package-inferred-system
    #:package-inferred-system-missing-package-error #:package-system
    #:parent-component #:perform #:perform-plan #:perform-with-restarts
    #:precompiled-system #:prepare-bundle-op #:prepare-op #:prepare-source-op
    #:primary-system-name #:primary-system-p #:process-source-registry
    #:program-op #:program-system #:register-immutable-system
    #:register-preloaded-system #:register-system-packages #:registered-system
    #:registered-systems #:remove-entry-from-registry #:require-system
    #:required-components #:resolve-location #:retry #:run-shell-command
    #:search-for-system-definition #:selfward-operation #:sequential-plan
    #:sideway-operation #:source-file #:source-file-type #:static-file
    #:sysdef-immutable-system-search #:sysdef-preloaded-system-search #:system
    #:system-author #:system-bug-tracker #:system-definition-error
    #:system-definition-pathname #:system-defsystem-depends-on
    #:system-depends-on #:system-description #:system-homepage
    #:system-licence #:system-license #:system-long-description
    #:system-long-name #:system-mailto #:system-maintainer
    #:system-out-of-date #:system-output-translations-directory-pathname
    #:system-output-translations-pathname #:system-registered-p
    #:system-relative-pathname #:system-source-control
    #:system-source-directory #:system-source-file #:system-source-registry
    #:system-source-registry-directory #:system-version
    #:system-weakly-depends-on #:test-op #:test-system #:traverse
    #:try-recompiling #:upgrade-asdf #:upward-operation
    #:user-output-translations-directory-pathname
    #:user-output-translations-pathname #:user-source-registry
    #:user-source-registry-directory #:version #:version-satisfies))
