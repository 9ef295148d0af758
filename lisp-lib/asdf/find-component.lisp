;;;; Finding a component by name or path within a system, and
;;;; resolving dependency specifications.

(uiop:define-package :asdf/find-component
  (:use :uiop/common-lisp :uiop :asdf/upgrade :asdf/session :asdf/component :asdf/system :asdf/system-registry)
  (:export #:find-component #:missing-component #:missing-component-of-version
    #:missing-dependency #:missing-dependency-of-version #:missing-parent
    #:missing-required-by #:missing-requires #:missing-version
    #:resolve-dependency-combination #:resolve-dependency-name
    #:resolve-dependency-spec #:retry))
