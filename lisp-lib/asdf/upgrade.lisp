;;;; ASDF's version, *asdf-verbose*, and the upgrade hooks ASDF offers
;;;; (clove's ASDF is built in and never upgraded from source).

(uiop:define-package :asdf/upgrade
  (:use :uiop/common-lisp :uiop)
  (:export #:*asdf-version* #:*post-upgrade-cleanup-hook*
    #:*previous-asdf-versions* #:*verbose-out* #:asdf-message #:asdf-version
    #:cleanup-upgraded-asdf #:defparameter* #:intern* #:upgrade-asdf
    #:upgrading-p #:when-upgrading #:with-asdf-deprecation))
