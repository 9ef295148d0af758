;;;; defsystem's grammar (asdf/parse-defsystem): the tree, pathnames,
;;;; dependencies, versions and metadata a definition gives, redefinition,
;;;; and the errors and warnings of bad definitions, as ASDF 3.3.6 has them.
;;;; The fixture systems are in tests/asdf/defsystem/.

(in-package "CLOVE-TEST")

(defparameter *ds-fixtures*
  (uiop:pathname-directory-pathname
   (truename (merge-pathnames "../asdf/defsystem/clove-dstest-grammar.asd" *load-truename*))))

(defun ds-load (name)
  "Loads the fixture .asd file NAME as ASDF reads .asd files."
  (let ((*package* (find-package :asdf-user)))
    (load (merge-pathnames name *ds-fixtures*))))

(defun ds-rel (pathname)
  "PATHNAME's namestring relative to the fixture directory (absolute if outside)."
  (and pathname (namestring (uiop:enough-pathname pathname *ds-fixtures*))))

(defun ds-find (&rest path)
  (asdf:find-component (asdf:registered-system "clove-dstest-grammar") path))

(defun ds-message (condition)
  "CONDITION's report on one line, with runs of blanks made single spaces."
  (let ((words (uiop:split-string (substitute #\Space #\Newline (princ-to-string condition))
                                  :separator " ")))
    (format nil "~{~A~^ ~}" (remove "" words :test #'string=))))

(defmacro ds-defsystem (name &body options)
  "DEFSYSTEM with no source file unless OPTIONS give one: a system whose source
file is this file would make FIND-SYSTEM load it again."
  `(asdf:defsystem ,name ,@options :source-file nil))

(defun clove-dstest-gf-name (method)
  (#+clove clove-mop:generic-function-name #+sbcl sb-mop:generic-function-name
   (#+clove clove-mop:method-generic-function #+sbcl sb-mop:method-generic-function method)))

(defmacro ds-error-message (form)
  "The class name and one-line report of the error FORM signals, or :NO-ERROR."
  `(handler-case (progn ,form :no-error)
     (error (e) (list (type-of e) (ds-message e)))))

(defmacro ds-warnings (form)
  "The one-line reports of the warnings (not style warnings) FORM signals, in order;
all warnings are muffled."
  `(let ((reports '()))
     (handler-bind ((warning (lambda (w)
                               (unless (typep w 'style-warning) (push (ds-message w) reports))
                               (muffle-warning w))))
       ,form)
     (reverse reports)))

;;; The grammar fixture

(check grammar-loads (ds-warnings (ds-load "clove-dstest-grammar.asd")) '())

(defparameter *grammar* (asdf:registered-system "clove-dstest-grammar"))

(check grammar-class (type-of *grammar*) 'asdf:system)
(check grammar-source-file (ds-rel (asdf:system-source-file *grammar*)) "clove-dstest-grammar.asd")
(check grammar-pathname (ds-rel (asdf:component-pathname *grammar*)) "src/")
(check grammar-source-directory (ds-rel (asdf:system-source-directory *grammar*)) "")
(check grammar-relative-pathname
       (ds-rel (asdf:system-relative-pathname "clove-dstest-grammar" "doc/manual" :type "txt"))
       "doc/manual.txt")

(check grammar-metadata
       (list (asdf:system-long-name *grammar*) (asdf:system-description *grammar*)
             (asdf:system-long-description *grammar*) (asdf:system-author *grammar*)
             (asdf:system-maintainer *grammar*) (asdf:system-license *grammar*)
             (asdf:system-licence *grammar*) (asdf:system-homepage *grammar*)
             (asdf:system-bug-tracker *grammar*) (asdf:system-source-control *grammar*)
             (asdf:system-mailto *grammar*))
       '("The defsystem grammar test" "Most of defsystem's options" "A system for clove's tests."
         "A. Author" "M. Maintainer" "MIT" "MIT" "https://example.org/grammar"
         "https://example.org/grammar/issues" (:git "https://example.org/grammar.git")
         "grammar@example.org"))

(check grammar-version-from-file (asdf:component-version *grammar*) "4.5.6")
(check grammar-system-version (asdf:system-version *grammar*) "4.5.6")
(check grammar-properties (asdf::component-properties *grammar*) '((:clove-key . "value")))
(check grammar-build-entries
       (list (asdf::component-build-operation *grammar*)
             (asdf::component-build-pathname *grammar*)
             (asdf::component-entry-point *grammar*))
       '("program-op" "bin/grammar" "clove-dstest:main"))
(check grammar-builtin-p (asdf::builtin-system-p *grammar*) nil)

(check grammar-depends-on
       (asdf:system-depends-on *grammar*)
       '("clove-dstest-dep-a" (:version "clove-dstest-dep-b" "1.2")
         (:feature :clove-dstest-never "clove-dstest-dep-c")
         (:feature (:not :clove-dstest-never) (:version "clove-dstest-dep-d" "3"))
         (:require "clove-dstest-module")))
(check grammar-weakly-depends-on (asdf:system-weakly-depends-on *grammar*)
       '("clove-dstest-weak-missing"))
;; The sideway dependencies are the :depends-on as written; a weak
;; dependency is added only when its system is found.
(check grammar-sideway-dependencies
       (asdf:component-sideway-dependencies *grammar*)
       '(:clove-dstest-dep-a (:version "clove-dstest-dep-b" "1.2")
         (:feature :clove-dstest-never "clove-dstest-dep-c")
         (:feature (:not :clove-dstest-never) (:version :clove-dstest-dep-d "3"))
         (:require "clove-dstest-module")))
(check grammar-defsystem-depends-on (asdf:system-defsystem-depends-on *grammar*) '())
(check grammar-in-order-to
       (asdf::component-in-order-to *grammar*)
       '((asdf:test-op (asdf:test-op "clove-dstest-grammar/test"))))
(check grammar-around-compile (asdf::around-compile-hook *grammar*) "clove-dstest-wrap")

(defun ds-tree (component)
  "(name class pathname . children) for COMPONENT and its descendants."
  (list* (asdf:component-name component)
         (class-name (class-of component))
         (ds-rel (asdf:component-pathname component))
         (when (typep component 'asdf:parent-component)
           (mapcar #'ds-tree (asdf:component-children component)))))

(check grammar-tree
       (ds-tree *grammar*)
       '("clove-dstest-grammar" asdf:system "src/"
         ("package" asdf:cl-source-file "src/package.lisp")
         ("utils" asdf:cl-source-file "src/utils.lisp")
         ("core" asdf:module "src/core-dir/"
          ("one" asdf:cl-source-file "src/core-dir/one.lisp")
          ("two" asdf:cl-source-file "src/core-dir/two.lisp")
          ("three" asdf:cl-source-file "src/core-dir/three.cl")
          ("four" asdf:cl-source-file.lsp "src/core-dir/four.lsp")
          ("five" asdf-user::clove-dstest-lsp-file "src/core-dir/five.lsp"))
         ("flat" asdf:module "src/"
          ("README.txt" asdf:static-file "src/README.txt")
          ("guide.txt" asdf:doc-file "src/guide.txt")
          ("index" asdf:html-file "src/index.html")
          ("glue" asdf:c-source-file "src/glue.c")
          ("Glue" asdf:java-source-file "src/Glue.java"))
         ("defaults" asdf:module "src/defaults/"
          ("data.txt" asdf:static-file "src/defaults/data.txt")
          ("inner" asdf:module "src/defaults/inner/"
           ("more.txt" asdf:static-file "src/defaults/inner/more.txt")))
         ("special" asdf:cl-source-file "src/other/name.lisp")
         ("latin" asdf:cl-source-file "src/latin.lisp")
         ("absolute" asdf:cl-source-file "/tmp/clove-dstest-absolute/file.lisp")
         ("versioned" asdf:cl-source-file "src/versioned.lisp")
         ("line-versioned" asdf:cl-source-file "src/line-versioned.lisp")
         ("hooked" asdf:cl-source-file "src/hooked.lisp")
         ("optional" asdf:cl-source-file "src/optional.lisp")))

(check grammar-relative-pathnames
       (mapcar (lambda (path) (namestring (asdf:component-relative-pathname (apply #'ds-find path))))
               '(("package") ("core") ("core" "three") ("flat") ("special") ("absolute")
                 ("defaults" "data.txt")))
       '("package.lisp" "core-dir/" "three.cl" "" "other/name.lisp"
         "/tmp/clove-dstest-absolute/file.lisp" "data.txt"))

(check grammar-file-dependencies
       (mapcar (lambda (path) (asdf:component-sideway-dependencies (apply #'ds-find path)))
               '(("package") ("utils") ("special")))
       '(() ("package") ("core")))

;; :serial t: each child depends on those before it, back to the last one
;; without :if-feature (a child that may drop out keeps the chain).
(check grammar-serial-dependencies
       (mapcar (lambda (name) (asdf:component-sideway-dependencies (ds-find "core" name)))
               '("one" "two" "three" "four" "five"))
       '(() ("one") ("two" "one") ("three") ("one" "four")))

(check grammar-if-feature
       (list (asdf::component-if-feature (ds-find "core" "two"))
             (asdf::component-if-feature (ds-find "optional"))
             (asdf::component-if-feature (ds-find "package")))
       '(:clove-dstest-never (:or :clove-dstest-never (:not :clove-dstest-never)) nil))

(check grammar-sub-components-skip-absent-features
       (mapcar #'asdf:component-name
               (asdf::sub-components (ds-find "core") :type 'asdf:cl-source-file))
       '("one" "three" "four" "five"))

(check grammar-file-in-order-to (asdf::component-in-order-to (ds-find "special"))
       '((asdf:compile-op (asdf:load-op "utils"))))

(check grammar-component-versions
       (list (asdf:component-version (ds-find "versioned"))
             (asdf:component-version (ds-find "line-versioned"))
             (asdf:component-version (ds-find "package")))
       '("2.3" "2.0.1" nil))

(check grammar-encodings
       (list (asdf:component-encoding (ds-find "latin"))
             (asdf:component-encoding (ds-find "package")))
       '(:latin-1 :utf-8))

(check grammar-around-compile-inherited
       (list (asdf::around-compile-hook (ds-find "hooked"))
             (asdf::around-compile-hook (ds-find "core" "one")))
       '("clove-dstest-other-wrap" "clove-dstest-wrap"))

(check grammar-default-component-class
       (list (asdf::module-default-component-class (ds-find "defaults"))
             (asdf::module-default-component-class (ds-find "core")))
       '(asdf:static-file nil))

;;; Secondary systems

(defparameter *grammar-test* (asdf:registered-system "clove-dstest-grammar/test"))
(defparameter *grammar-extra* (asdf:registered-system "clove-dstest-grammar/extra"))

(check secondary-source-file (ds-rel (asdf:system-source-file *grammar-test*))
       "clove-dstest-grammar.asd")
(check secondary-pathnames
       (list (ds-rel (asdf:component-pathname *grammar-test*))
             (ds-rel (asdf:component-pathname (asdf:find-component *grammar-test* "tests")))
             (ds-rel (asdf:component-pathname (asdf:find-component *grammar-extra* "x"))))
       '("" "tests.lisp" "extra/x.lisp"))
(check secondary-primary-name
       (list (asdf:primary-system-name *grammar-test*) (asdf:primary-system-p *grammar-test*)
             (asdf:primary-system-p *grammar*))
       '("clove-dstest-grammar" nil t))
;; Metadata a secondary system lacks is its primary system's.
(check secondary-metadata-inherited
       (list (asdf:system-author *grammar-test*) (asdf:system-license *grammar-test*)
             (asdf:system-version *grammar-test*) (asdf:system-description *grammar-extra*)
             (asdf:component-version *grammar-test*))
       '("A. Author" "MIT" "4.5.6" "A secondary system with a description of its own" nil))
(check secondary-inline-method
       (mapcar #'method-qualifiers (asdf::component-inline-methods *grammar-test*))
       '(()))

(check secondary-version-from-file (asdf:component-version *grammar-extra*) "7.8.9")
;; The files :version read are inputs of loading the .asd file (define-op).
(check version-files-recorded
       (mapcar (lambda (cell)
                 (list (type-of (car cell)) (sort (mapcar #'ds-rel (cdr cell)) #'string<)))
               (asdf/component::%additional-input-files *grammar*))
       '((asdf:define-op ("VERSION" "version.sexp"))))

;;; Badly named secondary systems

(check bad-system-name-warnings
       (ds-warnings (ds-load "clove-dstest-badname.asd"))
       (list (format nil "System definition file ~S contains definition for system ~
\"clove-dstest-not-badname\". Please only define \"clove-dstest-badname\" and secondary ~
systems with a name starting with \"clove-dstest-badname/\" (e.g. \"clove-dstest-badname/test\") ~
in that file."
                     (merge-pathnames "clove-dstest-badname.asd" *ds-fixtures*))))
(check bad-system-name-still-defined
       (not (null (asdf:registered-system "clove-dstest-not-badname")))
       t)
(check bad-system-name-class
       (let ((w nil))
         (handler-bind ((warning (lambda (c) (setf w (type-of c)) (muffle-warning c))))
           (ds-defsystem "clove-dstest-misnamed" :source-file #p"/tmp/clove-dstest-elsewhere.asd"))
         w)
       'asdf:bad-system-name)
(check bad-system-name-known-exceptions
       (ds-warnings (ds-defsystem "clove-dstest-ppcre-friend" :source-file #p"/tmp/cl-ppcre.asd"))
       '())

;;; Definitions written in the test


(check defsystem-returns-system
       (type-of (ds-defsystem "clove-dstest-plain" :pathname #p"/tmp/clove-dstest-plain/"))
       'asdf:system)
(check defsystem-absolute-pathname
       (namestring (asdf:component-pathname (asdf:registered-system "clove-dstest-plain")))
       "/tmp/clove-dstest-plain/")
(check defsystem-explicit-source-file
       (let ((s (ds-defsystem "clove-dstest-sourced" :source-file #p"/tmp/clove-dstest-src/clove-dstest-sourced.asd")))
         (list (namestring (asdf:system-source-file s)) (namestring (asdf:component-pathname s))))
       '("/tmp/clove-dstest-src/clove-dstest-sourced.asd" "/tmp/clove-dstest-src/"))
(check defsystem-symbol-name
       (asdf:component-name (ds-defsystem :clove-dstest-SYMBOL :pathname #p"/tmp/"))
       "clove-dstest-symbol")

(defclass clove-dstest-system (asdf:system)
  ((extra :initarg :extra :reader clove-dstest-extra)))

(check defsystem-class
       (let ((s (ds-defsystem "clove-dstest-classy" :class clove-dstest-system :extra 42
                                :pathname #p"/tmp/")))
         (list (type-of s) (clove-dstest-extra s)))
       '(clove-dstest-system 42))

(check defsystem-default-component-class
       (let ((s (ds-defsystem "clove-dstest-dcc" :pathname #p"/tmp/d/"
                                :default-component-class asdf:static-file
                                :components ((:file "a.txt") (:cl-source-file "b")))))
         (mapcar (lambda (c) (list (type-of c) (namestring (asdf:component-pathname c))))
                 (asdf:component-children s)))
       '((asdf:static-file "/tmp/d/a.txt") (asdf:cl-source-file "/tmp/d/b.lisp")))

(check defsystem-pathname-forms
       (let ((s (ds-defsystem "clove-dstest-paths" :pathname #p"/tmp/p/"
                                :components ((:module "m" :pathname "../up/"
                                              :components ((:file "f" :pathname "sub/g.x")))
                                             (:file "name.with.dots")
                                             (:static-file "noext")
                                             (:file "typed" :type "cl")
                                             (:module "n" :components ((:file "h")))))))
         (mapcar #'namestring (mapcar #'asdf:component-pathname (asdf::sub-components s))))
       '("/tmp/p/" "/tmp/up/" "/tmp/up/sub/g.x.lisp" "/tmp/p/name.with.dots.lisp" "/tmp/p/noext"
         "/tmp/p/typed.cl" "/tmp/p/n/" "/tmp/p/n/h.lisp"))

(check defsystem-version-number
       (let (s)
         (list (ds-warnings (setf s (ds-defsystem "clove-dstest-v1" :version 1.5
                                                    :pathname #p"/tmp/")))
               (asdf:component-version s)))
       '(("Invalid :version specifier 1.5 for component \"clove-dstest-v1\", Substituting a string")
         "1.5"))
(check defsystem-version-not-a-version
       (let (s)
         (list (ds-warnings (setf s (ds-defsystem "clove-dstest-v2" :version "1.x"
                                                    :pathname #p"/tmp/")))
               (asdf:component-version s)))
       '(("UIOP/VERSION:PARSE-VERSION: \"1.x\" doesn't follow asdf version numbering convention"
          "Invalid :version specifier \"1.x\" for component \"clove-dstest-v2\", using NIL instead"
          "Invalid :version specifier \"1.x\" for component \"clove-dstest-v2\", using NIL instead")
         nil))
(check defsystem-version-leading-zeros
       (let (s)
         (list (ds-warnings (setf s (ds-defsystem "clove-dstest-v3" :version "1.02"
                                                    :pathname #p"/tmp/")))
               (asdf:component-version s)))
       '(("UIOP/VERSION:PARSE-VERSION: \"1.02\" contains leading zeros"
          "Invalid :version specifier \"1.02\" for component \"clove-dstest-v3\", using NIL instead")
         "1.2"))
(check defsystem-version-bad-form
       (let (s)
         (list (ds-warnings (setf s (ds-defsystem "clove-dstest-v4" :version (:eval "1")
                                                    :pathname #p"/tmp/")))
               (asdf:component-version s)))
       '(("Invalid :version specifier (:EVAL \"1\") for component \"clove-dstest-v4\", using NIL instead")
         nil))
(check defsystem-version-names-the-file
       (ds-warnings (ds-defsystem "clove-dstest-v5" :version 2 :pathname #p"/tmp/"
                                    :source-file #p"/tmp/clove-dstest-v5.asd"))
       '("Invalid :version specifier 2 for component \"clove-dstest-v5\" from file #P\"/tmp/clove-dstest-v5.asd\", Substituting a string"))
(check defsystem-version-component
       (ds-warnings (ds-defsystem "clove-dstest-v6" :pathname #p"/tmp/"
                                    :components ((:file "f" :version "a"))))
       '("UIOP/VERSION:PARSE-VERSION: \"a\" doesn't follow asdf version numbering convention"
         "Invalid :version specifier \"a\" for component \"f\" in #<ASDF/SYSTEM:SYSTEM \"clove-dstest-v6\">, using NIL instead"
         "Invalid :version specifier \"a\" for component \"f\" in #<ASDF/SYSTEM:SYSTEM \"clove-dstest-v6\">, using NIL instead"))

(check defsystem-weakly-depends-on-found
       (progn
         (ds-defsystem "clove-dstest-weak-target" :pathname #p"/tmp/")
         (asdf:component-sideway-dependencies
          (ds-defsystem "clove-dstest-weak" :pathname #p"/tmp/"
                          :depends-on ("a")
                          :weakly-depends-on ("clove-dstest-weak-target" "clove-dstest-weak-absent"))))
       '("a" "clove-dstest-weak-target"))

(check defsystem-inline-methods
       (let ((s (ds-defsystem "clove-dstest-inline" :pathname #p"/tmp/"
                                :perform (asdf:load-op :after (o c) (list o c))
                                :output-files (asdf:compile-op (o c) (list o c))
                                :operation-done-p (asdf:load-op :around (o c) (list o c)))))
         (sort (mapcar (lambda (m) (list (clove-dstest-gf-name m) (method-qualifiers m)))
                       (asdf::component-inline-methods s))
               #'string< :key (lambda (x) (symbol-name (first x)))))
       '((asdf:operation-done-p (:around)) (asdf:output-files ()) (asdf:perform (:after))))

(check defsystem-depends-on
       (asdf:system-defsystem-depends-on
        (ds-defsystem "clove-dstest-dsdo" :pathname #p"/tmp/"
                      :defsystem-depends-on (:uiop (:feature :clove-dstest-never "clove-dstest-nowhere")
                                                   (:version "asdf" "3.0"))))
       '("uiop" (:feature :clove-dstest-never "clove-dstest-nowhere") (:version "asdf" "3.0")))

;;; Redefinition (with: a system defined in a file that is
;;; not an .asd file is not a primary system, and its metadata readers would
;;; look for its primary system)

(check redefinition-same-object
       (let* ((a (ds-defsystem "clove-dstest-redef" :pathname #p"/tmp/r/" :author "first"
                                 :license "MIT" :components ((:file "x"))))
              (b (ds-defsystem "clove-dstest-redef" :pathname #p"/tmp/r2/" :author "second"
                                 :components ((:file "y")))))
         (list (eq a b) (asdf:system-author b) (asdf:system-license b)
               (mapcar #'asdf:component-name (asdf:component-children b))
               (namestring (asdf:component-pathname b))
               (eq b (asdf:registered-system "clove-dstest-redef"))))
       '(t "second" nil ("y") "/tmp/r2/" t))
(check redefinition-changes-class
       (let* ((a (ds-defsystem "clove-dstest-reclass" :pathname #p"/tmp/"))
              (b (ds-defsystem "clove-dstest-reclass" :class clove-dstest-system :extra 1
                                 :pathname #p"/tmp/")))
         (list (eq a b) (type-of b)))
       '(t clove-dstest-system))
(check redefinition-inline-methods-replaced
       (progn
         (ds-defsystem "clove-dstest-reinline" :pathname #p"/tmp/"
                         :perform (asdf:load-op :after (o c) (list o c)))
         (length (asdf::component-inline-methods
                  (ds-defsystem "clove-dstest-reinline" :pathname #p"/tmp/"
                                  :perform (asdf:load-op :after (o c) (list c o))))))
       1)

;;; Errors

(check error-unknown-option
       (first (ds-error-message (ds-defsystem "clove-dstest-e1" :no-such-option 1)))
       (type-of (handler-case (make-instance 'asdf:system :name "x" :no-such-option 1)
                  (error (e) e))))
(check-error error-unknown-option-is-program-error
             (ds-defsystem "clove-dstest-e1b" :no-such-option 1) program-error)
(check error-unknown-component-type
       (ds-error-message (ds-defsystem "clove-dstest-e2" :components ((:frob "a"))))
       '(asdf/session:formatted-system-definition-error "don't recognize component type :FROB"))
(check error-unknown-system-class
       (ds-error-message (ds-defsystem "clove-dstest-e3" :class clove-dstest-no-such-class))
       '(asdf/session:formatted-system-definition-error
         "don't recognize component type CLOVE-DSTEST-NO-SUCH-CLASS in the context of no parent"))
(check error-module-as-system-class
       (ds-error-message (ds-defsystem "clove-dstest-e4" :class :module))
       '(asdf/session:formatted-system-definition-error
         "don't recognize component type :MODULE in the context of no parent"))
(check error-duplicate-names
       (ds-error-message (ds-defsystem "clove-dstest-e5" :pathname #p"/tmp/" :components ((:file "a") (:file "a"))))
       '(asdf:duplicate-names "Error while defining system: multiple components are given same name \"a\""))
(check error-duplicate-names-nested
       (ds-error-message (ds-defsystem "clove-dstest-e6" :pathname #p"/tmp/"
                           :components ((:module "m" :components ((:file "a") (:static-file "a"))))))
       '(asdf:duplicate-names "Error while defining system: multiple components are given same name \"a\""))
(check error-no-directory
       (ds-error-message (ds-defsystem "clove-dstest-e6b" :components ((:file "a"))))
       '(simple-error "Invalid relative pathname #P\"a.lisp\" for component (\"clove-dstest-e6b\" \"a\")"))
(check error-depends-on-not-a-list
       (ds-error-message (ds-defsystem "clove-dstest-e7" :depends-on "foo"))
       '(asdf/session:formatted-system-definition-error
         ":depends-on must be a list. The value specified for system clove-dstest-e7 is \"foo\""))
(check error-file-depends-on-not-a-list
       (ds-error-message (ds-defsystem "clove-dstest-e8" :components ((:file "a" :depends-on "b"))))
       '(asdf/session:formatted-system-definition-error
         ":depends-on must be a list. The value specified for file a is \"b\""))
(check error-weakly-depends-on-not-a-list
       (ds-error-message (ds-defsystem "clove-dstest-e9" :weakly-depends-on "foo"))
       '(asdf/session:formatted-system-definition-error
         ":weakly-depends-on must be a list. The value specified for system clove-dstest-e9 is \"foo\""))
(check error-components-not-a-list
       (ds-error-message (ds-defsystem "clove-dstest-e10" :components "foo"))
       '(asdf/session:formatted-system-definition-error
         ":components must be NIL or a list of components. The value specified for system clove-dstest-e10 is \"foo\""))
(check error-ill-formed-dependencies
       (mapcar (lambda (deps)
                 (second (ds-error-message
                          (asdf::register-system-definition "clove-dstest-e11" :depends-on deps))))
               '(((:versio "foo" "1")) ((:version "foo")) ((:feature :x)) ((:require))
                 ((:require "a" "b")) (("foo"))))
       '("Ill-formed dependency: (:VERSIO \"foo\" \"1\")"
         "Ill-formed version dependency: (:VERSION \"foo\")"
         "Ill-formed feature dependency: (:FEATURE :X)"
         "Ill-formed require dependency: (:REQUIRE)"
         "Ill-formed require dependency: (:REQUIRE \"a\" \"b\")"
         "Ill-formed dependency: (\"foo\")"))
(check error-old-feature-dependency
       (list (ds-error-message (ds-defsystem "clove-dstest-e12"
                                 :depends-on ((asdf/parse-defsystem::feature :x "y"))))
             (ds-error-message (ds-defsystem "clove-dstest-e12" :depends-on ((asdf:feature :x "y")))))
       '((asdf/session:formatted-system-definition-error
          "`feature' has been removed from the dependency spec language of ASDF. Use :feature instead in (ASDF/PARSE-DEFSYSTEM::FEATURE :X \"y\").")
         (asdf/session:formatted-system-definition-error
          "Ill-formed dependency: (ASDF/OPERATION:FEATURE :X \"y\")")))
(check error-bad-dependency-name
       (ds-error-message (ds-defsystem "clove-dstest-e13" :depends-on (42)))
       '(asdf/session:formatted-system-definition-error "Invalid component designator: 42"))
(check error-do-first
       (ds-error-message (ds-defsystem "clove-dstest-e14"
                           :components ((:file "a" :do-first ((asdf:compile-op (asdf:load-op "b")))))))
       '(simple-error "DO-FIRST is not supported anymore as of ASDF 3"))
(check error-if-component-dep-fails
       (ds-error-message (ds-defsystem "clove-dstest-e15" :if-component-dep-fails :ignore))
       '(simple-error "The system definition for \"clove-dstest-e15\" uses deprecated ASDF option :IF-COMPONENT-DEP-FAILS. Starting with ASDF 3, please use :IF-FEATURE instead"))
(check error-system-as-child
       (ds-error-message (ds-defsystem "clove-dstest-e16" :components ((:system "sub"))))
       '(asdf:non-toplevel-system
         "Error while defining system: component #<ASDF/SYSTEM:SYSTEM \"clove-dstest-e16\"> claims to have a system \"sub\" as a child"))
(check error-inline-method-name
       (ds-error-message (ds-defsystem "clove-dstest-e17" :perform ("x" (o c) (list o c))))
       '(asdf/session:formatted-system-definition-error
         "Ill-formed inline method: (\"x\" (O C) (LIST O C)). The first element is not a symbol designating an operation but \"x\"."))
(check error-inline-method-qualifier
       (ds-error-message (ds-defsystem "clove-dstest-e18" :perform (asdf:load-op :frob (o c) (list o c))))
       '(asdf/session:formatted-system-definition-error
         "Ill-formed inline method: (ASDF/LISP-ACTION:LOAD-OP :FROB (O C) (LIST O C)). Only a single of the standard qualifiers :AROUND :BEFORE :AFTER is allowed, not :FROB."))
(check error-inline-method-lambda-list
       (ds-error-message (ds-defsystem "clove-dstest-e19" :perform (asdf:load-op (o) (list o))))
       '(asdf/session:formatted-system-definition-error
         "Ill-formed inline method: (ASDF/LISP-ACTION:LOAD-OP (O) (LIST O)). The operation name ASDF/LISP-ACTION:LOAD-OP is not followed by a lambda-list of the form (OPERATION COMPONENT) and a method body."))
(check error-missing-defsystem-dependency
       (ds-error-message (ds-defsystem "clove-dstest-e20" :defsystem-depends-on ("clove-dstest-nowhere")))
       '(asdf:missing-dependency "Component \"clove-dstest-nowhere\" not found, required by NIL"))
(check error-leaves-no-system
       (asdf:registered-system "clove-dstest-e20")
       nil)
(check-error errors-are-system-definition-errors
             (ds-defsystem "clove-dstest-e21" :components ((:frob "a")))
             asdf:system-definition-error)

;;; The parts one can call

(check determine-system-directory
       (list (namestring (asdf::determine-system-directory #p"/abs/dir/"))
             (let ((*load-pathname* #p"/nowhere/clove-dstest/x.asd")
                   (*load-truename* #p"/nowhere/clove-dstest/x.asd"))
               (list (namestring (asdf::determine-system-directory "sub"))
                     (asdf::determine-system-directory nil))))
       '("/abs/dir/" ("/nowhere/clove-dstest/sub/" nil)))
(check class-for-type
       (let ((m (make-instance 'asdf:module :name "m" :default-component-class 'asdf:static-file)))
         (mapcar #'class-name
                 (list (asdf::class-for-type nil :system)
                       (asdf::class-for-type nil 'clove-dstest-system)
                       (asdf::class-for-type m :file)
                       (asdf::class-for-type m :cl-source-file)
                       (asdf::class-for-type (make-instance 'asdf:module :name "n") :file)
                       (let ((asdf::*default-component-class* 'asdf:doc-file))
                         (asdf::class-for-type (make-instance 'asdf:module :name "n") :file)))))
       '(asdf:system clove-dstest-system asdf:static-file asdf:cl-source-file asdf:cl-source-file
         asdf:doc-file))
(check default-component-class-variable asdf::*default-component-class* 'asdf:cl-source-file)
