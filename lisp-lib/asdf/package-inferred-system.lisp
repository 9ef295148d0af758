;;;; package-inferred-system: one file per package, dependencies
;;;; read from each file's package form.
;;;;
;;;; A system FOO of class PACKAGE-INFERRED-SYSTEM stands for a directory in
;;;; which the file bar/baz.lisp is the system "foo/bar/baz". That system is
;;;; defined when first searched for (SYSDEF-PACKAGE-INFERRED-SYSTEM-SEARCH,
;;;; first of *SYSTEM-DEFINITION-SEARCH-FUNCTIONS*): it has the one file as
;;;; its component, and depends on the systems providing the packages the
;;;; file's first package form names. Each new session's FIND-SYSTEM searches
;;;; again, so an edited package form is seen at the next build.

(uiop:define-package :asdf/package-inferred-system
  (:use :uiop/common-lisp :uiop :asdf/upgrade :asdf/session :asdf/component :asdf/system :asdf/system-registry :asdf/lisp-action :asdf/parse-defsystem)
  (:export #:*defpackage-forms* #:*package-inferred-systems*
    #:package-inferred-system #:package-inferred-system-missing-package-error
    #:package-system #:register-system-packages
    #:sysdef-package-inferred-system-search))

(in-package :asdf/package-inferred-system)

;;; Which system provides which package

(defun packages-present-table ()
  ;; Every name and nickname of the packages that exist now, as provided by
  ;; no system (T): a file using them needs nothing loaded.
  (let ((table (make-hash-table :test 'equal)))
    (dolist (package (list-all-packages) table)
      (dolist (name (package-names package))
        (setf (gethash name table) t)))))

(defvar *package-inferred-systems* (packages-present-table)
  "An EQUAL hash table from package names to the name of the system that
provides the package, or T for a package that needs no system (those present
when ASDF was loaded).")

(defun package-designator-name (package)
  "The name of the package PACKAGE designates (a package, a string or a symbol),
as a string; the package need not exist."
  (etypecase package
    (package (package-name package))
    (string package)
    (symbol (symbol-name package))))

(defun register-system-packages (system packages)
  "Records that loading SYSTEM (a system designator, or T for none) defines
PACKAGES (a package designator or a list of them): a package-inferred file
naming one of them depends on SYSTEM."
  (let ((provider (if (eq system t) t (coerce-name system))))
    (dolist (package (ensure-list packages))
      (setf (gethash (package-designator-name package) *package-inferred-systems*)
            provider))))

(defun package-name-system (package-name)
  "The name of the system providing the package named PACKAGE-NAME (a string):
the one registered for it, T if it needs none, else PACKAGE-NAME in lower case."
  (check-type package-name string)
  (or (gethash package-name *package-inferred-systems*)
      (string-downcase package-name)))

;;; Package forms

(defparameter *defpackage-forms* '(defpackage define-package)
  "The operators of the forms a package-inferred file's dependencies are read from
(CL:DEFPACKAGE and UIOP:DEFINE-PACKAGE).")

(defun defpackage-form-p (form)
  "True when FORM is a call to one of *DEFPACKAGE-FORMS*."
  (and (consp form) (member (car form) *defpackage-forms*) t))

(defun stream-defpackage-form (stream)
  "Reads forms from STREAM, with the current syntax, until a package form; returns it,
or NIL at the end of the stream."
  (loop :with eof = '#:eof
        :for form = (read stream nil eof)
        :until (eq form eof)
        :when (defpackage-form-p form) :return form))

(defun file-defpackage-form (file)
  "The first package form in FILE, or NIL."
  (with-input-file (stream file)
    (stream-defpackage-form stream)))

(defun package-dependencies (defpackage-form)
  "The names (strings) of the packages DEFPACKAGE-FORM uses, mixes, reexports,
imports from or gives a local nickname to, each once, in order of appearance.
An option ASDF does not know is an error."
  (unless (defpackage-form-p defpackage-form)
    (error "~S is not a package form (one of ~S)" defpackage-form *defpackage-forms*))
  (let ((names '()))
    (flet ((note (package) (push (package-designator-name package) names)))
      (dolist (option (cddr defpackage-form))
        (destructuring-bind (key &rest arguments) option
          (ecase key
            ((:use :mix :reexport :use-reexport :mix-reexport)
             (mapc #'note arguments))
            ((:import-from :shadowing-import-from)
             (note (first arguments)))
            #+package-local-nicknames
            (:local-nicknames
             (dolist (pair arguments)
               (note (second pair))))
            ((:nicknames :documentation :shadow :export :intern :unintern :recycle))))))
    (remove-duplicates (nreverse names) :test #'equal :from-end t)))

(define-condition package-inferred-system-missing-package-error (system-definition-error)
  ((system :initarg :system :reader error-system)
   (pathname :initarg :pathname :reader error-pathname))
  (:report (lambda (c s)
             (format s "~@<No package form found while trying to define package-inferred-system ~A from file ~A~>"
                     (error-system c) (error-pathname c))))
  (:documentation "A file of a package-inferred system has no package form to infer
its dependencies from."))

(defun package-inferred-system-file-dependencies (file &optional system)
  "The names of the systems the package-inferred FILE (the file of SYSTEM) depends
on, from its first package form; an error when it has none."
  (let ((form (file-defpackage-form file)))
    (unless form
      (error 'package-inferred-system-missing-package-error :system system :pathname file))
    (remove t (mapcar #'package-name-system (package-dependencies form)))))

;;; The systems

(defclass package-inferred-system (system) ()
  (:documentation "A system whose secondary systems are its files: FOO/BAR/BAZ is the
file bar/baz.lisp under FOO's directory, depending on the systems that provide
the packages its first package form names."))

(defclass package-system (package-inferred-system) ()
  (:documentation "The old name of PACKAGE-INFERRED-SYSTEM, kept for old .asd files."))

(defun inferred-system-unchanged-p (system directory subpath class around-compile dependencies)
  "True when SYSTEM (the one registered, or NIL) is the inferred system these
arguments would define now, so that it can be kept with what it has done."
  (and (eq (type-of system) 'package-inferred-system)
       (pathname-equal directory (component-pathname system))
       (equal dependencies (component-sideway-dependencies system))
       (equal around-compile (around-compile-hook system))
       (let ((children (component-children system)))
         (and (length=n-p children 1)
              (let ((file (first children)))
                (and (eq (class-of file) class)
                     (equal (component-name file) "file-type")
                     (slot-boundp file 'relative-pathname)
                     (equal (slot-value file 'relative-pathname) subpath)))))))

(defun sysdef-package-inferred-system-search (system-name)
  "For SYSTEM-NAME \"foo/bar/baz\" whose primary system foo is a
package-inferred system with the file bar/baz.lisp (the type its :FILE
components have) under its directory: the system of that file, defined (or
redefined) from the file's package form as it is now. NIL for anything else."
  (let* ((name (coerce-name system-name))
         (primary (primary-system-name name)))
    (unless (equal primary name)
      (let ((top (find-system primary nil)))
        (when (typep top 'package-inferred-system)
          (let ((directory (component-pathname top)))
            (when directory
              (let* ((subpath (subseq name (1+ (length primary))))
                     (class (class-for-type top :file))
                     (file (probe-file* (subpathname directory subpath
                                                     :type (file-type (make-instance class)))
                                        :truename *resolve-symlinks*)))
                (when (file-pathname-p file)
                  (let ((dependencies (package-inferred-system-file-dependencies file name))
                        (previous (registered-system name))
                        (around-compile (around-compile-hook top)))
                    (if (inferred-system-unchanged-p previous directory subpath class
                                                     around-compile dependencies)
                        previous
                        (register-system-definition
                         name
                         :class 'package-inferred-system
                         :default-component-class class
                         :source-file (system-source-file top)
                         :pathname directory
                         :depends-on dependencies
                         :around-compile around-compile
                         ;; The file's component is named "file-type", as in ASDF.
                         :components `((,class "file-type" :pathname ,subpath))))))))))))))

(pushnew 'sysdef-package-inferred-system-search *system-definition-search-functions*)
