;;;; ASDF's version, *asdf-verbose*, and the upgrade hooks ASDF offers
;;;; (clove's ASDF is built in and never upgraded from source).

(uiop:define-package :asdf/upgrade
  (:use :uiop/common-lisp :uiop)
  (:export #:*asdf-version* #:*post-upgrade-cleanup-hook*
    #:*previous-asdf-versions* #:*verbose-out* #:asdf-message #:asdf-version
    #:cleanup-upgraded-asdf #:defparameter* #:intern* #:upgrade-asdf
    #:upgrading-p #:when-upgrading #:with-asdf-deprecation))

(in-package :asdf/upgrade)

(defvar *asdf-version* "3.3.6"
  "The version of ASDF whose interface clove's defsystem provides.")

(defvar *previous-asdf-versions* nil
  "ASDF versions this image was upgraded from: none, since clove's ASDF is
part of the image and never upgraded.")

(defun asdf-version ()
  "The version of ASDF this image provides, a string."
  *asdf-version*)

(defvar *verbose-out* nil
  "Where ASDF writes progress messages; NIL for nowhere.")

(defun asdf-message (format-string &rest format-args)
  "Writes a progress message to *VERBOSE-OUT* when that is a stream."
  (when *verbose-out* (apply #'format *verbose-out* format-string format-args)))

(defvar *post-upgrade-cleanup-hook* nil
  "Functions called after an upgrade of ASDF; kept for extensions that add to it.")

(defun upgrading-p (&optional oldest-compatible-version)
  "True when ASDF is being upgraded over an older version; never, in clove."
  (declare (ignore oldest-compatible-version))
  nil)

(defmacro when-upgrading ((&key version (upgrading-p `(upgrading-p ,version)) when) &body body)
  "Evaluates BODY when ASDF is being upgraded (and WHEN holds): never, in clove."
  `(eval-when (:compile-toplevel :load-toplevel :execute)
     (when (and ,upgrading-p ,@(when when (list when)))
       (handler-bind ((style-warning #'muffle-warning)) (eval '(progn ,@body))))))

(defmacro defparameter* (var value &optional docstring version)
  "Defines VAR as DEFVAR does; ASDF resets it when upgrading from before VERSION."
  (declare (ignore version))
  `(defvar ,var ,value ,@(ensure-list docstring)))

(defun cleanup-upgraded-asdf (&optional old-version)
  "Runs *POST-UPGRADE-CLEANUP-HOOK* with OLD-VERSION."
  (dolist (hook (reverse *post-upgrade-cleanup-hook*))
    (funcall hook old-version))
  nil)

(defun upgrade-asdf ()
  "Upgrades ASDF from a newer source if one was configured. clove's ASDF is
built into the image and is never replaced, so this returns NIL."
  nil)

(defmacro with-asdf-deprecation ((&rest keys &key &allow-other-keys) &body body)
  "Marks the definitions in BODY deprecated at the level KEYS give for this
ASDF version (see UIOP:VERSION-DEPRECATION)."
  `(with-deprecation ((version-deprecation *asdf-version* ,@keys))
     ,@body))
