;;;; Output translations: where compiled files go (by default
;;;; under the user cache), as ASDF_OUTPUT_TRANSLATIONS and
;;;; output-translations.conf say.

(uiop:define-package :asdf/output-translations
  (:use :uiop/common-lisp :uiop :asdf/upgrade)
  (:export #:*output-translations* #:*output-translations-parameter*
    #:apply-output-translations #:clear-output-translations
    #:compute-output-translations #:disable-output-translations
    #:ensure-output-translations #:environment-output-translations
    #:initialize-output-translations #:invalid-output-translation
    #:output-translations #:output-translations-initialized-p
    #:parse-output-translations-string #:process-output-translations
    #:system-output-translations-directory-pathname
    #:system-output-translations-pathname
    #:user-output-translations-directory-pathname
    #:user-output-translations-pathname
    #:validate-output-translations-directive
    #:validate-output-translations-directory
    #:validate-output-translations-file #:validate-output-translations-form
    #:wrapping-output-translations))
