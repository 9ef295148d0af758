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

(in-package :asdf/session)

;;; The conditions of system definitions (here, the earliest file, so that
;;; every later one can build on them).

(define-condition system-definition-error (error) ()
  (:documentation "The class of errors in a system's definition or in finding it."))

(define-condition formatted-system-definition-error (system-definition-error)
  ((format-control :initarg :format-control :reader format-control)
   (format-arguments :initarg :format-arguments :reader format-arguments))
  (:report (lambda (c s)
             (apply #'format s (format-control c) (format-arguments c))))
  (:documentation "A system definition error whose report is a format control and its arguments."))

(defun sysdef-error (format &rest arguments)
  "Signals a FORMATTED-SYSTEM-DEFINITION-ERROR reporting FORMAT applied to ARGUMENTS."
  (error 'formatted-system-definition-error :format-control format :format-arguments arguments))
