;;;; Modules (CLHS 24.1): PROVIDE, REQUIRE and *MODULES*. REQUIRE loads the
;;;; given pathnames, or asks the functions in
;;;; CLOVE:*MODULE-PROVIDER-FUNCTIONS* (the defsystem adds itself there) to
;;;; provide the module.

(in-package "CLOVE-SYSTEM")

(%export (list (intern "*MODULE-PROVIDER-FUNCTIONS*" "CLOVE")) "CLOVE")

(defvar *modules* nil)
(defvar clove:*module-provider-functions* nil
  "Functions of one argument, a module name (a string), tried in order by
REQUIRE when no pathnames are given; one that provides the module returns
true.")

(defun provide (module-name)
  (pushnew (string module-name) *modules* :test #'string=)
  t)

(defun require (module-name &optional pathnames)
  (let ((name (string module-name)))
    (unless (member name *modules* :test #'string=)
      (if pathnames
          (dolist (p (if (listp pathnames) pathnames (list pathnames)))
            (load p))
          (unless (dolist (f clove:*module-provider-functions* nil)
                    (when (funcall f name) (return t)))
            (error 'simple-error :format-control "Don't know how to REQUIRE ~A."
                                 :format-arguments (list name)))))
    nil))
