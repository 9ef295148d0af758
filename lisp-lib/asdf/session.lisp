;;;; The session: one build's state (visited actions, cached stamps,
;;;; forced systems), shared by nested operate calls, and the phases of
;;;; ASDF 3.3 (loading an .asd file is an action of the plan).

(uiop:define-package :asdf/session
  (:use :uiop/common-lisp :uiop :asdf/upgrade)
  (:export #:*asdf-session* #:*asdf-session-class* #:asdf-cache
    #:asdf-upgraded-p #:call-with-asdf-session #:clear-configuration-and-retry
    #:compute-file-stamp #:consult-asdf-cache #:do-asdf-cache #:forcing
    #:format-arguments #:format-control #:formatted-system-definition-error
    #:get-file-stamp #:normalize-namestring #:operate-level
    #:planned-action-count #:planned-output-action-count #:register-file-stamp
    #:retry #:session #:session-cache #:set-asdf-cache-entry #:sysdef-error
    #:system-definition-error #:toplevel-asdf-session #:total-action-count
    #:unset-asdf-cache-entry #:visited-actions #:visiting-action-list
    #:visiting-action-set #:with-asdf-session))
