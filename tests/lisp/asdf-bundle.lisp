;;;; ASDF's bundle and concatenate-source operations (asdf/bundle,
;;;; asdf/concatenate-source): bundle types and names, what each operation
;;;; depends on and reads, one fasl or one source file made and loaded,
;;;; the .asd deliver-asd-op writes, and the errors, as SBCL with ASDF
;;;; 3.3.6 has them. The fixture systems (tests/asdf/bundle/) are copied
;;;; into a scratch directory, and the outputs go to another one. Loading
;;;; the outputs in fresh processes is tested by crates/clove/tests/asdf_bundle.rs.

(in-package "CLOVE-TEST")

(defparameter *bd-fixtures*
  (uiop:pathname-directory-pathname
   (truename (merge-pathnames "../asdf/bundle/app/bundle-app.asd" *load-truename*))))

(defparameter *bd-root* (make-scratch-directory "asdf-bundle"))
(defparameter *bd-src* (merge-pathnames "src/" *bd-root*))
(defparameter *bd-out* (merge-pathnames "out/" *bd-root*))

(defun bd-copy-tree (from to)
  (ensure-directories-exist to)
  (dolist (file (uiop:directory-files from))
    (uiop:copy-file file (merge-pathnames (file-namestring file) to)))
  (dolist (dir (uiop:subdirectories from))
    (bd-copy-tree dir (merge-pathnames (format nil "~A/" (car (last (pathname-directory dir)))) to))))

(bd-copy-tree (merge-pathnames "../" *bd-fixtures*) *bd-src*)

(asdf:initialize-source-registry
 `(:source-registry (:tree ,*bd-src*) :ignore-inherited-configuration))
(asdf:initialize-output-translations
 `(:output-translations ((,*bd-src* :**/ :*.*.*) (,*bd-out* :**/ :*.*.*))
                        :ignore-inherited-configuration))

(defun bd-rel (pathname)
  "PATHNAME relative to the source or output directory, as a string."
  (let ((p (pathname pathname)))
    (namestring (uiop:enough-pathname
                 p (if (uiop:subpathp p *bd-out*) *bd-out* *bd-src*)))))

(defun bd-rels (pathnames) (mapcar #'bd-rel pathnames))

(defun bd-message (condition)
  "CONDITION's report on one line, with runs of blanks made single spaces."
  (let ((words (uiop:split-string (substitute #\Space #\Newline
                                                (let ((*package* (find-package :asdf-user)))
                                                  (princ-to-string condition)))
                                  :separator " ")))
    (format nil "~{~A~^ ~}" (remove "" words :test #'string=))))

(defun bd-deps (op system)
  "COMPONENT-DEPENDS-ON of the action, operations as their class names and
components as their paths."
  (mapcar (lambda (entry)
            (cons (let ((o (car entry))) (if (typep o 'asdf:operation) (type-of o) o))
                  (mapcar (lambda (c) (if (typep c 'asdf:component) (asdf:component-find-path c) c))
                          (cdr entry))))
          (asdf:component-depends-on op (asdf:find-system system))))

(defun bd-plan (op system)
  "The actions of the plan for OP on SYSTEM, as (operation-name . path)."
  (mapcar (lambda (a) (cons (type-of (car a)) (asdf:component-find-path (cdr a))))
          (asdf/plan:plan-actions (asdf:make-plan nil op system))))

(defun bd-trace ()
  (let ((symbol (and (find-package :bundle-base) (find-symbol "*TRACE*" :bundle-base))))
    (and symbol (boundp symbol) (reverse (symbol-value symbol)))))

(defun bd-reset-trace ()
  (setf (symbol-value (find-symbol "*TRACE*" :bundle-base)) '()))

;;; --- Bundle types and the classes

(check pathname-types
       (mapcar #'asdf/bundle:bundle-pathname-type
               '(:fasb :fasl :lib :static-library :dll :shared-library :program :image :object "foo" nil))
       '("fasl" "fasl" "a" "a" "so" "so" nil "image" "o" "foo" nil))
(check-error pathname-type-no-output-file (asdf/bundle:bundle-pathname-type :no-output-file) simple-error)
(check-error pathname-type-unknown (asdf/bundle:bundle-pathname-type :zzz) type-error)

(check bundle-types
       (mapcar (lambda (c) (asdf/bundle:bundle-type (asdf:make-operation c)))
               '(asdf:compile-bundle-op asdf:monolithic-compile-bundle-op asdf:lib-op asdf:dll-op
                 asdf:monolithic-lib-op asdf:image-op asdf:program-op
                 asdf:concatenate-source-op asdf:monolithic-concatenate-source-op))
       '(:fasb :fasb :lib :dll :lib :image :program "lisp" "lisp"))
(check-error no-bundle-type-for-deliver-asd-op
             (asdf/bundle:bundle-type (asdf:make-operation 'asdf:deliver-asd-op)) error)

(check monolithic-p
       (mapcar (lambda (c) (asdf:operation-monolithic-p (asdf:make-operation c)))
               '(asdf:compile-bundle-op asdf:monolithic-compile-bundle-op asdf:lib-op
                 asdf:monolithic-lib-op asdf:image-op asdf:program-op asdf:monolithic-deliver-asd-op
                 asdf:monolithic-concatenate-source-op asdf:monolithic-load-concatenated-source-op
                 asdf:deliver-asd-op asdf:load-bundle-op asdf:monolithic-load-bundle-op))
       '(nil t nil t t t t t nil nil nil t))
(check monolithic-p-of-anything (asdf:operation-monolithic-p 3) nil)

(check class-relations
       (mapcar (lambda (pair) (subtypep (first pair) (second pair)))
               '((asdf:compile-bundle-op asdf:basic-compile-bundle-op)
                 (asdf:compile-bundle-op asdf/lisp-action:basic-compile-op)
                 (asdf:load-bundle-op asdf/lisp-action:basic-load-op)
                 (asdf:monolithic-load-bundle-op asdf:load-bundle-op)
                 (asdf:monolithic-load-bundle-op asdf:monolithic-bundle-op)
                 (asdf:monolithic-compile-bundle-op asdf/bundle:monolithic-op)
                 (asdf:monolithic-deliver-asd-op asdf:deliver-asd-op)
                 (asdf:program-op asdf:image-op)
                 (asdf:image-op asdf:monolithic-bundle-op)
                 (asdf:prepare-bundle-op asdf:sideway-operation)
                 (asdf:compiled-file asdf:file-component)
                 (asdf:precompiled-system asdf:system)
                 (asdf/bundle:prebuilt-system asdf:system)
                 (asdf:program-system asdf:system)
                 (asdf:deliver-asd-op asdf:bundle-op)
                 (asdf:load-bundle-op asdf:bundle-op)
                 (asdf:concatenate-source-op asdf:bundle-op)
                 (asdf:load-concatenated-source-op asdf:bundle-op)))
       '(t t t t t t t t t t t t t t nil nil t nil))

(check select-bundle-operation
       (list (asdf/bundle::select-bundle-operation :fasb)
             (asdf/bundle::select-bundle-operation :fasb t)
             (asdf/bundle::select-bundle-operation :lib)
             (asdf/bundle::select-bundle-operation :static-library t)
             (asdf/bundle::select-bundle-operation :dll)
             (asdf/bundle::select-bundle-operation :program t))
       '(asdf:compile-bundle-op asdf:monolithic-compile-bundle-op asdf:lib-op
         asdf:monolithic-lib-op asdf:dll-op asdf:program-op))

;; Exported by ASDF 3.3.6 and defined nowhere.
(check bundle-system-undefined
       (list (fboundp 'asdf:bundle-system) (find-class 'asdf:bundle-system nil))
       '(nil nil))

(check space-for-crlf
       (asdf/bundle::space-for-crlf (format nil "a~Cb~Cc" #\Return #\Newline))
       "a b c")

(check compiled-file-type
       (asdf:file-type (make-instance 'asdf:compiled-file :name "x"))
       "fasl")
(check program-system-defaults
       (let ((s (make-instance 'asdf:program-system :name "p" :prologue-code '(a))))
         (list (asdf/bundle:prologue-code s) (asdf/bundle:epilogue-code s)))
       '((a) nil))
(check system-has-no-prologue
       (asdf/bundle:prologue-code (make-instance 'asdf:system :name "plain"))
       nil)

(check user-systems
       (list (asdf/bundle:user-system-p (asdf:find-system "bundle-app"))
             (asdf/bundle:user-system-p (asdf:find-system "asdf"))
             (asdf/bundle:user-system-p (asdf:find-system "uiop"))
             (asdf/bundle:user-system-p "bundle-app")
             (typep (asdf:find-system "bundle-app") 'asdf/bundle:user-system)
             (asdf/bundle:trivial-system-p (asdf:find-system "bundle-app")))
       '(t nil nil nil t nil))

;;; --- What each operation depends on, reads and writes

(check bundle-output
       (bd-rels (asdf:output-files 'asdf:compile-bundle-op "bundle-app"))
       '("app/bundle-app--system.fasl"))
(check bundle-inputs
       (bd-rels (asdf:input-files 'asdf:compile-bundle-op "bundle-app"))
       '("app/app-package.fasl" "app/one.fasl" "app/two.fasl"))
(check bundle-depends-on
       (bd-deps 'asdf:compile-bundle-op "bundle-app")
       '((asdf:prepare-bundle-op ("bundle-app"))
         (asdf:compile-op ("bundle-app" "app-package") ("bundle-app" "one") ("bundle-app" "two"))
         (asdf/find-system:define-op "bundle-app")))
(check monolithic-bundle-inputs
       (bd-rels (asdf:input-files 'asdf:monolithic-compile-bundle-op "bundle-app"))
       '("base/package.fasl" "base/macros.fasl" "base/base.fasl"
         "app/app-package.fasl" "app/one.fasl" "app/two.fasl"))
(check monolithic-bundle-output
       (bd-rels (asdf:output-files 'asdf:monolithic-compile-bundle-op "bundle-app"))
       '("app/bundle-app--all-systems.fasl"))
(check load-bundle-inputs
       (bd-rels (asdf:input-files 'asdf:load-bundle-op "bundle-app"))
       '("app/bundle-app--system.fasl"))
(check load-bundle-depends-on
       (bd-deps 'asdf:load-bundle-op "bundle-app")
       '((asdf:load-bundle-op "bundle-base")
         (asdf:compile-bundle-op ("bundle-app"))
         (asdf:prepare-bundle-op ("bundle-app"))
         (asdf:compile-bundle-op ("bundle-app"))
         (asdf/find-system:define-op "bundle-app")))
;; ASDF 3.3.6 fails on monolithic-load-bundle-op (no bundle type for it):
;; clove loads the monolithic bundle.
(check monolithic-load-bundle-depends-on
       (bd-deps 'asdf:monolithic-load-bundle-op "bundle-app")
       '((asdf:monolithic-compile-bundle-op ("bundle-app"))
         (asdf/find-system:define-op "bundle-app")))
(check monolithic-load-bundle-files
       (list (bd-rels (asdf:input-files 'asdf:monolithic-load-bundle-op "bundle-app"))
             (asdf:output-files 'asdf:monolithic-load-bundle-op "bundle-app"))
       '(("app/bundle-app--all-systems.fasl") nil))
(check deliver-files
       (list (bd-rels (asdf:output-files 'asdf:deliver-asd-op "bundle-app"))
             (bd-rels (asdf:input-files 'asdf:deliver-asd-op "bundle-app"))
             (bd-rels (asdf:input-files 'asdf:monolithic-deliver-asd-op "bundle-app")))
       '(("app/bundle-app.asd") ("app/bundle-app--system.fasl") ("app/bundle-app--all-systems.fasl")))
(check concatenate-files
       (list (bd-rels (asdf:input-files 'asdf:concatenate-source-op "bundle-app"))
             (bd-rels (asdf:output-files 'asdf:concatenate-source-op "bundle-app"))
             (bd-rels (asdf:input-files 'asdf:monolithic-concatenate-source-op "bundle-app"))
             (bd-rels (asdf:output-files 'asdf:monolithic-concatenate-source-op "bundle-app")))
       '(("app/app-package.lisp" "app/one.lisp" "app/two.lisp")
         ("app/bundle-app--system.lisp")
         ("base/package.lisp" "base/macros.lisp" "base/base.lisp"
          "app/app-package.lisp" "app/one.lisp" "app/two.lisp")
         ("app/bundle-app--all-systems.lisp")))
(check monolithic-concatenated-steps
       (list (bd-rels (asdf:input-files 'asdf:monolithic-load-concatenated-source-op "bundle-app"))
             (bd-rels (asdf:input-files 'asdf:monolithic-compile-concatenated-source-op "bundle-app"))
             (bd-rels (asdf:output-files 'asdf:monolithic-compile-concatenated-source-op "bundle-app"))
             (bd-rels (asdf:input-files 'asdf:monolithic-load-compiled-concatenated-source-op "bundle-app")))
       '(("app/bundle-app--all-systems.lisp")
         ("app/bundle-app--all-systems.lisp")
         ("app/bundle-app--all-systems.fasl")
         ("app/bundle-app--all-systems.fasl")))
;; ASDF 3.3.6 reads the .asd file there (what PREPARE-OP reads), loading or
;; compiling the system definition instead of the sources: clove reads the
;; file the previous step wrote.
(check concatenated-steps
       (list (bd-rels (asdf:input-files 'asdf:load-concatenated-source-op "bundle-app"))
             (bd-rels (asdf:input-files 'asdf:compile-concatenated-source-op "bundle-app"))
             (bd-rels (asdf:output-files 'asdf:compile-concatenated-source-op "bundle-app"))
             (bd-rels (asdf:input-files 'asdf:load-compiled-concatenated-source-op "bundle-app")))
       '(("app/bundle-app--system.lisp")
         ("app/bundle-app--system.lisp")
         ("app/bundle-app--system.fasl")
         ("app/bundle-app--system.fasl")))
(check library-outputs
       (list (asdf:input-files 'asdf:lib-op "bundle-app")
             (asdf:output-files 'asdf:lib-op "bundle-app")
             (asdf:output-files 'asdf:dll-op "bundle-app")
             (asdf:output-files 'asdf:monolithic-dll-op "bundle-app"))
       '(nil nil nil nil))
(check image-outputs
       (list (bd-rels (asdf:output-files 'asdf:image-op "bundle-app"))
             (bd-rels (asdf:output-files 'asdf:program-op "bundle-app")))
       '(("app/bundle-app--all-systems.image") ("app/bundle-app")))
(check image-depends-on
       (bd-deps 'asdf:image-op "bundle-app")
       '((asdf:load-op ("bundle-app")) (asdf/find-system:define-op "bundle-app")))
(check monolithic-lib-depends-on
       (bd-deps 'asdf:monolithic-lib-op "bundle-app")
       '((asdf:compile-op ("bundle-base" "package") ("bundle-base" "macros") ("bundle-base" "base")
          ("bundle-app" "app-package") ("bundle-app" "one") ("bundle-app" "two"))
         (asdf/find-system:define-op "bundle-app")))

(check load-bundle-plan
       (bd-plan 'asdf:load-bundle-op "bundle-app")
       '((asdf:prepare-bundle-op "bundle-base") (asdf:prepare-op "bundle-base")
         (asdf:prepare-op "bundle-base" "package") (asdf:compile-op "bundle-base" "package")
         (asdf:load-op "bundle-base" "package") (asdf:prepare-op "bundle-base" "macros")
         (asdf:compile-op "bundle-base" "macros") (asdf:load-op "bundle-base" "macros")
         (asdf:prepare-op "bundle-base" "base") (asdf:compile-op "bundle-base" "base")
         (asdf:compile-bundle-op "bundle-base") (asdf:load-bundle-op "bundle-base")
         (asdf:load-op "bundle-base" "base") (asdf:compile-op "bundle-base")
         (asdf:load-op "bundle-base") (asdf:prepare-bundle-op "bundle-app")
         (asdf:prepare-op "bundle-app") (asdf:prepare-op "bundle-app" "app-package")
         (asdf:compile-op "bundle-app" "app-package") (asdf:load-op "bundle-app" "app-package")
         (asdf:prepare-op "bundle-app" "one") (asdf:compile-op "bundle-app" "one")
         (asdf:load-op "bundle-app" "one") (asdf:prepare-op "bundle-app" "two")
         (asdf:compile-op "bundle-app" "two") (asdf:compile-bundle-op "bundle-app")
         (asdf:load-bundle-op "bundle-app")))
(check deliver-plan-ends
       (last (bd-plan 'asdf:deliver-asd-op "bundle-app") 3)
       '((asdf:compile-op "bundle-app" "two") (asdf:compile-bundle-op "bundle-app")
         (asdf:deliver-asd-op "bundle-app")))

;;; --- Building

(check bundle-made
       (progn (asdf:operate 'asdf:compile-bundle-op "bundle-app")
              (list (probe-file (asdf:output-file 'asdf:compile-bundle-op "bundle-app")) t))
       (list (merge-pathnames "app/bundle-app--system.fasl" *bd-out*) t))

(check bundle-loads-as-its-parts
       (progn (bd-reset-trace)
              (load (asdf:output-file 'asdf:compile-bundle-op "bundle-app"))
              (list (bd-trace) (funcall (find-symbol "RUN" :bundle-app))))
       '((:app-package :app-one :app-two) 210))

(check monolithic-bundle-loads-everything
       (progn (asdf:operate 'asdf:monolithic-compile-bundle-op "bundle-app")
              (bd-reset-trace)
              (load (asdf:output-file 'asdf:monolithic-compile-bundle-op "bundle-app"))
              (bd-trace))
       '(:base-package :base-macros :base-base :app-package :app-one :app-two))

(check load-bundle-op-marks-load-op-done
       (progn (asdf:operate 'asdf:load-bundle-op "bundle-app")
              (list (asdf:component-loaded-p "bundle-app")
                    (not (null (asdf/action:component-operation-time
                                'asdf:load-bundle-op (asdf:find-system "bundle-app"))))))
       '(t t))

;; What loads before the bundle depends on whether the files its compilation
;; needed are still up to date in the image (a matter of stamps within the
;; same second here): the bundle comes last, whole.
(check monolithic-load-bundle-op
       (progn (bd-reset-trace)
              (asdf:operate 'asdf:monolithic-load-bundle-op "bundle-app")
              (last (bd-trace) 6))
       '(:base-package :base-macros :base-base :app-package :app-one :app-two))

(check bundle-not-remade
       (let ((file (asdf:output-file 'asdf:compile-bundle-op "bundle-app")))
         (let ((before (file-write-date file)))
           (sleep 1.1)
           (asdf:operate 'asdf:compile-bundle-op "bundle-app")
           (= before (file-write-date file))))
       t)

(defun bd-read-asd (file)
  "The forms of the .asd FILE, read in ASDF-USER."
  (uiop:with-safe-io-syntax (:package :asdf-user)
    (uiop:read-file-forms file)))

(check delivered-asd
       (progn (asdf:operate 'asdf:deliver-asd-op "bundle-app")
              (let ((file (asdf:output-file 'asdf:deliver-asd-op "bundle-app")))
                (list (bd-rel file) (bd-read-asd file))))
       '("app/bundle-app.asd"
         ((asdf:defsystem "bundle-app" :class asdf/bundle:prebuilt-system :version "0.3"
           :depends-on ("bundle-base") :components ((:compiled-file "bundle-app--system"))))))

(check delivered-asd-header
       (let ((lines (uiop:read-file-lines (asdf:output-file 'asdf:deliver-asd-op "bundle-app"))))
         (list (first lines)
               (uiop:string-prefix-p ";;; Built for " (second lines))))
       '(";;; Prebuilt ASDF definition for system bundle-app" t))

(check delivered-monolithic-asd
       (progn (asdf:operate 'asdf:monolithic-deliver-asd-op "bundle-app")
              (let ((file (asdf:output-file 'asdf:monolithic-deliver-asd-op "bundle-app")))
                (list (first (uiop:read-file-lines file)) (bd-read-asd file))))
       '(";;; Prebuilt monolithic ASDF definition for system bundle-app"
         ((asdf:defsystem "bundle-app" :class asdf/bundle:prebuilt-system :version "0.3"
           :depends-on nil :components ((:compiled-file "bundle-app--all-systems"))))))

(check deliver-asd-op-never-done
       (asdf:operation-done-p 'asdf:deliver-asd-op "bundle-app")
       nil)

(check concatenated-source
       (progn (asdf:operate 'asdf:concatenate-source-op "bundle-app")
              (uiop:read-file-string (asdf:output-file 'asdf:concatenate-source-op "bundle-app")))
       (apply #'concatenate 'string
              (mapcar (lambda (f) (uiop:read-file-string (merge-pathnames f *bd-src*)))
                      '("app/app-package.lisp" "app/one.lisp" "app/two.lisp"))))

(check load-concatenated-source
       (progn (bd-reset-trace)
              (asdf:operate 'asdf:load-concatenated-source-op "bundle-app")
              (bd-trace))
       '(:app-package :app-one :app-two))

(check load-compiled-concatenated-source
       (progn (bd-reset-trace)
              (asdf:operate 'asdf:load-compiled-concatenated-source-op "bundle-app")
              (list (bd-trace)
                    (bd-rel (asdf:output-file 'asdf:compile-concatenated-source-op "bundle-app"))
                    (not (null (probe-file (asdf:output-file 'asdf:compile-concatenated-source-op
                                                             "bundle-app"))))))
       '((:app-package :app-one :app-two) "app/bundle-app--system.fasl" t))

(check monolithic-load-compiled-concatenated-source
       (progn (bd-reset-trace)
              (asdf:operate 'asdf:monolithic-load-compiled-concatenated-source-op "bundle-app")
              (bd-trace))
       '(:base-package :base-macros :base-base :app-package :app-one :app-two))

;;; --- Libraries, images, failures

(check lib-op-makes-nothing
       (progn (asdf:operate 'asdf:lib-op "bundle-app")
              (asdf:operate 'asdf:monolithic-dll-op "bundle-app")
              (directory (merge-pathnames "**/*.a" *bd-out*)))
       nil)

(check image-op-not-implemented
       (handler-case (progn (asdf:operate 'asdf:image-op "bundle-app") :no-error)
         (uiop:not-implemented-error (e)
           (list :not-implemented (not (null (search "later version" (princ-to-string e)))))))
       '(:not-implemented t))
(check-error program-op-not-implemented
             (asdf:operate 'asdf:program-op "bundle-app")
             uiop:not-implemented-error)

(check broken-bundle
       (handler-case (progn (asdf:operate 'asdf:compile-bundle-op "bundle-broken") :no-error)
         (asdf:compile-file-error (e)
           (list (bd-message e)
                 (probe-file (asdf:output-file 'asdf:compile-bundle-op "bundle-broken")))))
       '("COMPILE-FILE-ERROR while compiling #<CL-SOURCE-FILE \"bundle-broken\" \"bad\">" nil))

;;; --- Precompiled and prebuilt systems

(check prebuilt-system-trivial
       (let ((s (make-instance 'asdf/bundle:prebuilt-system :name "pb")))
         (list (asdf/bundle:trivial-system-p s) (asdf/bundle:user-system-p s)))
       '(t nil))

;; ASDF 3.3.6 loads nothing there (it looks for the fasl only when the
;; system has files to bundle).
(check precompiled-system-loads-its-fasl
       (let ((fasl (asdf:output-file 'asdf:monolithic-compile-bundle-op "bundle-base")))
         (asdf:operate 'asdf:monolithic-compile-bundle-op "bundle-base")
         (eval `(asdf:defsystem "bd-precompiled" :class asdf:precompiled-system
                  :fasl ,(namestring (make-pathname :type nil :defaults fasl)) :source-file nil))
         (bd-reset-trace)
         (asdf:load-system "bd-precompiled")
         (list (bd-trace)
               (equal (asdf:input-files 'asdf:load-op "bd-precompiled") (list fasl))
               (asdf:component-loaded-p "bd-precompiled")))
       '((:base-package :base-macros :base-base) t t))

(check precompiled-system-fasl
       (let ((s (make-instance 'asdf:precompiled-system :name "pc" :fasl #p"/tmp/pc.fasl")))
         (asdf/system:component-build-pathname s))
       #p"/tmp/pc.fasl")

(uiop:delete-directory-tree *bd-root* :validate t)
