;;;; package-inferred-system (asdf/package-inferred-system): the
;;;; dependencies read from package forms, the systems inferred for files,
;;;; building them, editing a package form, and the errors, as ASDF 3.3.6
;;;; has them. The fixtures (tests/asdf/package-inferred/) are copied to a
;;;; scratch directory, which holds the outputs too. The file also runs
;;;; under SBCL with ASDF 3.3.6 loaded (the expected values are its answers;
;;;; where clove differs, the check says so).

(in-package "CLOVE-TEST")

(defparameter *pi-fixtures*
  (uiop:pathname-directory-pathname
   (truename (merge-pathnames "../asdf/package-inferred/README.md" *load-truename*))))

(defparameter *pi-root* (truename (make-scratch-directory "asdf-package-inferred")))
(defparameter *pi-src* (merge-pathnames "src/" *pi-root*))

(defun pi-copy-fixtures ()
  (uiop:collect-sub*directories
   *pi-fixtures* t t
   (lambda (dir)
     (dolist (file (uiop:directory-files dir))
       (let ((target (merge-pathnames (uiop:enough-pathname file *pi-fixtures*) *pi-src*)))
         (ensure-directories-exist target)
         (uiop:copy-file file target))))))

(pi-copy-fixtures)
(asdf:initialize-source-registry
 `(:source-registry (:tree ,*pi-src*) :ignore-inherited-configuration))
;; (Namestrings: a directory given as a pathname object stands for itself
;; alone, not the files under it.)
(asdf:initialize-output-translations
 `(:output-translations (,(namestring *pi-src*) ,(namestring (merge-pathnames "out/" *pi-root*)))
                        :ignore-inherited-configuration))

(defun pi-file (name)
  (merge-pathnames name *pi-src*))

(defun pi-rel (pathname)
  "PATHNAME's namestring relative to the copied fixtures."
  (and pathname (namestring (uiop:enough-pathname pathname *pi-src*))))

(defun pi-write (name text)
  "Replaces the copied fixture file NAME by TEXT, a second after any output so far."
  (sleep 1.1)
  (with-open-file (s (pi-file name) :direction :output :if-exists :supersede)
    (write-string text s)))

(defun pi-call (name package &rest args)
  (apply (find-symbol name package) args))

(defun pi-message (condition)
  "CONDITION's report on one line, with runs of blanks made single spaces."
  (let ((words (uiop:split-string (substitute #\Space #\Newline (princ-to-string condition))
                                  :separator " ")))
    (format nil "~{~A~^ ~}" (remove "" words :test #'string=))))

(defun pi-system (name)
  "What a user sees of the registered system NAME: class, :depends-on, its
children's names and files, its directory and .asd file."
  (let ((s (asdf:registered-system name)))
    (list (type-of s)
          (asdf:system-depends-on s)
          (mapcar #'asdf:component-name (asdf:component-children s))
          (mapcar (lambda (c) (pi-rel (asdf:component-pathname c))) (asdf:component-children s))
          (pi-rel (asdf:component-pathname s))
          (pi-rel (asdf:system-source-file s)))))

;;; The interface

(check search-function-first
       (first asdf:*system-definition-search-functions*)
       'asdf/package-inferred-system:sysdef-package-inferred-system-search)
(check defpackage-forms
       asdf/package-inferred-system:*defpackage-forms*
       '(defpackage uiop:define-package))
(check class-designators
       (list (class-name (asdf/parse-defsystem:class-for-type nil :package-inferred-system))
             (class-name (asdf/parse-defsystem:class-for-type nil :package-system))
             (subtypep 'asdf:package-system 'asdf:package-inferred-system)
             (subtypep 'asdf:package-inferred-system 'asdf:system))
       '(asdf:package-inferred-system asdf:package-system t t))

;;; Dependencies of a package form

(check package-dependencies-every-clause
       (asdf/package-inferred-system::package-dependencies
        '(defpackage :x (:use :a "B" #:c) (:mix :d) (:reexport :e) (:use-reexport :f)
          (:mix-reexport :g :a) (:import-from :h #:x) (:shadowing-import-from "I" #:y)
          (:local-nicknames (:n :j) (:m "K")) (:nicknames :z) (:documentation "d")
          (:shadow #:s) (:export #:e) (:intern #:i) (:unintern #:u) (:recycle :x)))
       '("A" "B" "C" "D" "E" "F" "G" "H" "I" "J" "K"))
(check package-dependencies-define-package
       (asdf/package-inferred-system::package-dependencies
        '(uiop/package:define-package :x (:use :cl) (:import-from :cl #:car)))
       '("CL"))
;; Any option ASDF does not know (even CL's :size) is an error.
(check-error package-dependencies-unknown-option
             (asdf/package-inferred-system::package-dependencies '(defpackage :x (:size 10)))
             type-error)
(check-error package-dependencies-not-a-package-form
             (asdf/package-inferred-system::package-dependencies '(in-package :x))
             error)

(check file-dependencies
       (asdf/package-inferred-system::package-inferred-system-file-dependencies
        (pi-file "clove-pis/all.lisp"))
       ;; Before clove-pis.asd is read, nothing says which system provides
       ;; CLOVE-PIS-EXTRA.
       '("clove-pis/core" "clove-pis/util/text" "clove-pis/base" "clove-pis-plain"
         "clove-pis-extra"))

;;; Which system provides a package

(check package-name-system
       (progn
         (asdf:register-system-packages t '(:clove-pis-preloaded))
         (asdf:register-system-packages :Sys-Name '(:p1 "p2" #:p3))
         (asdf:register-system-packages "sys2" :p4)
         (mapcar #'asdf/package-inferred-system::package-name-system
                 '("CLOVE-PIS-PRELOADED" "P1" "p2" "P3" "P4" "COMMON-LISP" "CL" "UIOP"
                   "Foo/Bar")))
       '(t "sys-name" "sys-name" "sys-name" "sys2" t t t "foo/bar"))
;; ASDF's own packages are made after its table of the packages present;
;; clove's image records every package it has, ASDF's included.
(check image-packages-need-no-system
       (mapcar #'asdf/package-inferred-system::package-name-system '("ASDF" "ASDF-USER" "ASDF/INTERFACE"))
       '#+clove (t t t) #-clove ("asdf" "asdf-user" "asdf/interface"))
(check-error package-name-system-wants-a-string
             (asdf/package-inferred-system::package-name-system :cl)
             type-error)
(check-error register-system-packages-bad-system
             (asdf:register-system-packages 12 '(:p5))
             asdf:system-definition-error)

;;; Building a package-inferred system

(check load-system
       (progn (asdf:load-system "clove-pis")
              (list (pi-call "TOTAL" "CLOVE-PIS")
                    (pi-call "CORE-SHOUT" "CLOVE-PIS/ALL" "hi")
                    cl-user::*clove-pis-asd-loads*))
       '(1142 "HI!" 1))

(check primary-system
       (pi-system "clove-pis")
       '(asdf:package-inferred-system ("clove-pis/all") () () "clove-pis/" "clove-pis/clove-pis.asd"))
(check inferred-all
       (pi-system "clove-pis/all")
       ;; A system named twice through two packages is there twice.
       '(asdf:package-inferred-system
         ("clove-pis/core" "clove-pis/util/text" "clove-pis/base" "clove-pis-plain" "clove-pis-plain")
         ("file-type") ("clove-pis/all.lisp") "clove-pis/" "clove-pis/clove-pis.asd"))
(check inferred-core
       (pi-system "clove-pis/core")
       '(asdf:package-inferred-system ("clove-pis/base" "clove-pis/util/text")
         ("file-type") ("clove-pis/core.lisp") "clove-pis/" "clove-pis/clove-pis.asd"))
(check inferred-text
       (pi-system "clove-pis/util/text")
       '(asdf:package-inferred-system ("clove-pis/base")
         ("file-type") ("clove-pis/util/text.lisp") "clove-pis/" "clove-pis/clove-pis.asd"))
(check inferred-base
       (pi-system "clove-pis/base")
       '(asdf:package-inferred-system () ("file-type") ("clove-pis/base.lisp")
         "clove-pis/" "clove-pis/clove-pis.asd"))
(check inferred-component
       (let ((file (first (asdf:component-children (asdf:registered-system "clove-pis/core")))))
         (list (type-of file)
               (asdf:component-find-path file)
               (asdf/component:component-relative-pathname file)
               (class-name (asdf/component:module-default-component-class
                            (asdf:registered-system "clove-pis/core")))
               (asdf/component:around-compile-hook (asdf:registered-system "clove-pis/core"))
               (asdf:component-version (asdf:registered-system "clove-pis/core"))))
       '(asdf:cl-source-file ("clove-pis/core" "file-type") #p"core.lisp" asdf:cl-source-file nil nil))
(check output-in-the-translated-directory
       (namestring (uiop:enough-pathname
                    (first (asdf:output-files 'asdf:compile-op
                                              (asdf:find-component "clove-pis/util/text" "file-type")))
                    *pi-root*))
       "out/clove-pis/util/text.fasl")

(check unused-file-not-loaded
       (list (find-package "CLOVE-PIS/LATER") (asdf:registered-system "clove-pis/later"))
       '(nil nil))
(check-values find-inferred-system-without-loading
              (let ((s (asdf:find-system "clove-pis/later")))
                (values (asdf:system-depends-on s) (find-package "CLOVE-PIS/LATER")))
              '() nil)

(defparameter *pi-base-system* (asdf:registered-system "clove-pis/base"))

;; ASDF 3.3.6 defines the inferred systems anew each time they are searched
;; for, losing what they did, so that each LOAD-SYSTEM loads every file again
;; (here, base.lisp's *LOADS* would be 2). clove keeps an inferred system
;; whose package form has not changed.
(check load-again-loads-nothing
       (progn (asdf:load-system "clove-pis")
              (list (symbol-value (find-symbol "*LOADS*" "CLOVE-PIS/BASE"))
                    (eq *pi-base-system* (asdf:registered-system "clove-pis/base"))))
       '(#+clove 1 #-clove 2 t))

;;; Editing a package form: the next build sees the new dependencies.

(check edit-adds-a-dependency
       (progn
         (pi-write "clove-pis/util/text.lisp"
                   "(uiop:define-package :clove-pis/util/text
  (:use :cl :clove-pis/later)
  (:mix :clove-pis/base)
  (:export #:shout #:list-of #:text-later))
(in-package :clove-pis/util/text)
(defun shout (x) (format nil \"~:@(~A~)!\" x))
(defun text-later () (list :text (later-value)))
")
         (asdf:load-system "clove-pis")
         (list (asdf:system-depends-on (asdf:registered-system "clove-pis/util/text"))
               (pi-call "TEXT-LATER" "CLOVE-PIS/UTIL/TEXT")
               (pi-call "TOTAL" "CLOVE-PIS")
               (eq *pi-base-system* (asdf:registered-system "clove-pis/base"))))
       '(("clove-pis/later" "clove-pis/base") (:text :later) 1142 t))

(check edit-removes-a-dependency
       (progn
         ;; Back to the fixture's text: TEXT-LATER and the use of
         ;; CLOVE-PIS/LATER are gone.
         (pi-write "clove-pis/util/text.lisp"
                   (uiop:read-file-string (merge-pathnames "clove-pis/util/text.lisp" *pi-fixtures*)))
         (asdf:load-system "clove-pis")
         (list (asdf:system-depends-on (asdf:registered-system "clove-pis/util/text"))
               (asdf:system-depends-on (asdf:registered-system "clove-pis/core"))
               (pi-call "CORE-SHOUT" "CLOVE-PIS/CORE" "hi")
               (nth-value 1 (find-symbol "TEXT-LATER" "CLOVE-PIS/UTIL/TEXT"))))
       '(("clove-pis/base") ("clove-pis/base" "clove-pis/util/text") "HI!" :internal))

;;; Errors

(check-error circular-dependency
             (asdf:load-system "clove-pis-bad/cycle-a")
             asdf/action:circular-dependency)

(check missing-package-form
       (handler-case (progn (asdf:find-system "clove-pis-bad/nopkg") :no-error)
         (asdf:package-inferred-system-missing-package-error (e)
           (list (pi-message e)
                 (asdf/package-inferred-system::error-system e)
                 (pi-rel (asdf/package-inferred-system::error-pathname e)))))
       (list (format nil "No package form found while trying to define package-inferred-system ~
clove-pis-bad/nopkg from file ~A" (namestring (pi-file "clove-pis-bad/nopkg.lisp")))
             "clove-pis-bad/nopkg" "clove-pis-bad/nopkg.lisp"))
(check missing-package-form-is-a-definition-error
       (subtypep 'asdf:package-inferred-system-missing-package-error 'asdf:system-definition-error)
       t)
(check-error missing-package-form-when-loading
             (asdf:load-system "clove-pis-bad/nopkg")
             asdf:package-inferred-system-missing-package-error)
(check-error unknown-option-in-file
             (asdf:find-system "clove-pis-bad/size")
             type-error)
(check-error no-such-file
             (asdf:find-system "clove-pis-bad/nothere")
             asdf:missing-component)
(check no-such-file-no-error
       (asdf:find-system "clove-pis-bad/nothere" nil)
       nil)
;; A secondary name under an ordinary system is no file of it.
(check not-under-an-ordinary-system
       (asdf:find-system "clove-pis-plain/plain" nil)
       nil)

;;; The deprecated class name, with components of its own

(check package-system
       (progn (asdf:load-system "clove-pis-old")
              (list (pi-call "EXTRA-VALUE" "CLOVE-PIS-OLD/MAIN")
                    (pi-system "clove-pis-old")
                    (pi-system "clove-pis-old/main")))
       '((:main :extra)
         (asdf:package-system ("clove-pis-old/main") ("extra") ("clove-pis-old/extra.lisp")
          "clove-pis-old/" "clove-pis-old/clove-pis-old.asd")
         (asdf:package-inferred-system () ("file-type") ("clove-pis-old/main.lisp")
          "clove-pis-old/" "clove-pis-old/clove-pis-old.asd")))

;;; A defsystem form naming the class

(check defsystem-class
       (let ((s (eval `(asdf:defsystem "clove-pis-inline"
                         :class :package-inferred-system
                         :pathname ,*pi-src*
                         :source-file nil
                         :depends-on ("clove-pis/base")))))
         (list (type-of s) (asdf:system-depends-on s)
               (asdf:find-system "clove-pis-inline/nothing-here" nil)))
       '(asdf:package-inferred-system ("clove-pis/base") nil))

(uiop:delete-directory-tree *pi-root* :validate t)
