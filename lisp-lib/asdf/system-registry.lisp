;;;; The registry of defined systems by name, with the built-in
;;;; (immutable, preloaded) ones, and the search functions that find .asd files.

(uiop:define-package :asdf/system-registry
  (:use :uiop/common-lisp :uiop :asdf/upgrade :asdf/session :asdf/component :asdf/system)
  (:export #:*central-registry* #:*immutable-systems* #:*preloaded-systems*
    #:*registered-systems* #:*system-definition-search-functions*
    #:clear-registered-systems #:clear-system #:coerce-entry-to-directory
    #:contrib-sysdef-search #:find-system-if-being-defined #:map-systems
    #:mark-component-preloaded #:probe-asd #:register-immutable-system
    #:register-preloaded-system #:register-system #:registered-system
    #:registered-systems #:registered-systems* #:remove-entry-from-registry
    #:search-for-system-definition #:sysdef-central-registry-search
    #:sysdef-find-asdf #:sysdef-immutable-system-search
    #:sysdef-preloaded-system-search #:sysdef-source-registry-search))
