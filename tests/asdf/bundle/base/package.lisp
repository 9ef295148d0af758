(defpackage :bundle-base
  (:use :cl)
  (:export #:*trace* #:note #:twice #:greet))
(in-package :bundle-base)
(defvar *trace* '())
(push :base-package *trace*)
