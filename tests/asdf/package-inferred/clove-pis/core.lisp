;;; A form before the package form; :import-from, :shadowing-import-from,
;;; :local-nicknames, and the options that name no package.
(in-package :cl-user)

(defpackage #:clove-pis/core
  (:use #:cl)
  (:nicknames #:clove-pis-core)
  (:documentation "The core of the fixture.")
  (:shadow #:rest)
  (:import-from #:clove-pis/base #:twice #:base-value)
  (:shadowing-import-from :clove-pis/util/text #:list-of)
  (:local-nicknames (#:txt #:clove-pis/util/text))
  (:intern #:scratch)
  (:export #:core-value #:core-shout))

(in-package :clove-pis/core)

(defun core-value () (twice (base-value)))
(defun core-shout (x) (txt:shout x))
