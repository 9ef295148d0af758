;;;; ASDF's components and systems (asdf/component, asdf/system): the
;;;; classes, names, parents, pathnames, encodings, versions, finding
;;;; components, and the deprecated component functions, as in ASDF 3.3.6.

(in-package "CLOVE-TEST")

(defmacro co-defsystem (name &body options)
  "DEFSYSTEM with no source file unless OPTIONS give one (a system whose source
file is this file would make FIND-SYSTEM load it again)."
  `(asdf:defsystem ,name ,@options :source-file nil))

(defun co-message (condition)
  (let ((words (uiop:split-string (substitute #\Space #\Newline (princ-to-string condition))
                                  :separator " ")))
    (format nil "~{~A~^ ~}" (remove "" words :test #'string=))))

;;; The classes

(check component-class-hierarchy
       (mapcar (lambda (pair) (and (subtypep (first pair) (second pair)) t))
               '((asdf:child-component asdf:component)
                 (asdf:parent-component asdf:component)
                 (asdf:module asdf:child-component)
                 (asdf:module asdf:parent-component)
                 (asdf:system asdf:module)
                 (asdf:file-component asdf:child-component)
                 (asdf:source-file asdf:file-component)
                 (asdf:cl-source-file asdf:source-file)
                 (asdf:cl-source-file.cl asdf:cl-source-file)
                 (asdf:cl-source-file.lsp asdf:cl-source-file)
                 (asdf:c-source-file asdf:source-file)
                 (asdf:java-source-file asdf:source-file)
                 (asdf:static-file asdf:source-file)
                 (asdf:doc-file asdf:static-file)
                 (asdf:html-file asdf:doc-file)
                 (asdf:system asdf/system:proto-system)
                 (asdf/system:undefined-system asdf:system)
                 (asdf:static-file asdf:parent-component)
                 (asdf:module asdf:file-component)))
       '(t t t t t t t t t t t t t t t t t nil nil))

(check file-types
       (mapcar (lambda (class) (asdf:file-type (make-instance class :name "x")))
               '(asdf:source-file asdf:cl-source-file asdf:cl-source-file.cl asdf:cl-source-file.lsp
                 asdf:c-source-file asdf:java-source-file asdf:static-file asdf:doc-file asdf:html-file))
       '(nil "lisp" "cl" "lsp" "c" "java" nil nil "html"))
(check file-type-initarg (asdf:file-type (make-instance 'asdf:cl-source-file :name "x" :type "l")) "l")
(check source-file-explicit-type
       (asdf/component:source-file-explicit-type (make-instance 'asdf:c-source-file :name "x"))
       "c")

(check component-defaults
       (let ((c (make-instance 'asdf:cl-source-file :name "x")))
         (list (asdf:component-name c) (asdf:component-version c) (asdf:component-parent c)
               (asdf/component:component-description c) (asdf/component:component-long-description c)
               (asdf:component-sideway-dependencies c) (asdf/component:component-if-feature c)
               (asdf/component:component-in-order-to c) (asdf/component:component-inline-methods c)
               (asdf/component:component-properties c) (asdf/component:component-build-operation c)
               (hash-table-p (asdf/component:component-operation-times c))
               (asdf/component:around-compile-hook c)))
       '("x" nil nil nil nil nil nil nil nil nil nil t nil))

(check system-defaults
       (let ((s (make-instance 'asdf:system :name "clove-cotest-defaults")))
         (list (asdf:system-source-file s) (asdf::builtin-system-p s)
               (asdf/system:component-build-pathname s) (asdf/system:component-entry-point s)
               (asdf:system-defsystem-depends-on s) (asdf:system-depends-on s)
               (asdf:system-weakly-depends-on s) (asdf:component-children s)
               (asdf/component:module-default-component-class s)
               (asdf/system:definition-dependency-list s)))
       '(nil nil nil nil nil nil nil nil nil nil))

(check system-initargs
       (let ((s (make-instance 'asdf:system :name "clove-cotest-initargs" :author "a" :maintainer "m"
                               :licence "l1" :homepage "h" :bug-tracker "b" :mailto "e"
                               :long-name "n" :source-control "s" :description "d"
                               :long-description "ld" :version "1.0" :builtin-system-p t
                               :build-pathname "bp" :entry-point "ep")))
         (list (slot-value s 'asdf/component:author) (slot-value s 'asdf/component:maintainer)
               (slot-value s 'asdf/component:licence) (slot-value s 'asdf/system:homepage)
               (slot-value s 'asdf/system:bug-tracker) (slot-value s 'asdf/system:mailto)
               (slot-value s 'asdf/system:long-name) (slot-value s 'asdf/system:source-control)
               (asdf/component:component-description s) (asdf/component:component-long-description s)
               (asdf:component-version s) (asdf::builtin-system-p s)
               (asdf/system:component-build-pathname s) (asdf/system:component-entry-point s)))
       '("a" "m" "l1" "h" "b" "e" "n" "s" "d" "ld" "1.0" t "bp" "ep"))
(check system-license-initarg
       (asdf:system-licence (make-instance 'asdf:system :name "clove-cotest-license" :license "BSD"))
       "BSD")
(check system-metadata-writers
       (let ((s (make-instance 'asdf:system :name "clove-cotest-writers")))
         (setf (asdf/system::system-author s) "w1"
               (asdf/system::system-license s) "w2"
               (asdf/system::system-description s) "w3"
               (asdf:component-version s) "2.0")
         (list (asdf:system-author s) (asdf:system-licence s) (asdf:system-description s)
               (asdf:system-version s)))
       '("w1" "w2" "w3" "2.0"))

;;; Names

(check coerce-name
       (list (asdf:coerce-name "Foo") (asdf:coerce-name :foo-bar) (asdf:coerce-name 'x)
             (asdf:coerce-name (make-instance 'asdf:module :name "mod")))
       '("Foo" "foo-bar" "x" "mod"))
(check coerce-name-error
       (handler-case (asdf:coerce-name 42)
         (asdf:system-definition-error (e) (list (type-of e) (co-message e))))
       '(asdf/session:formatted-system-definition-error "Invalid component designator: 42"))
(check coerce-filename (asdf/system:coerce-filename "a/b:c\\d") "a--b--c--d")
(check primary-system-name
       (list (asdf:primary-system-name "foo") (asdf:primary-system-name "foo/bar/baz")
             (asdf:primary-system-name :foo/bar)
             (asdf:primary-system-name
              (make-instance 'asdf:system :name "x/y" :source-file #p"/tmp/other.asd"))
             (asdf:primary-system-name
              (make-instance 'asdf:system :name "x/y" :source-file #p"/tmp/other.lisp"))
             (asdf:primary-system-name (make-instance 'asdf:system :name "x/y")))
       '("foo" "foo" "foo" "other" nil "x"))
(check primary-system-p
       (list (asdf:primary-system-p "foo") (asdf:primary-system-p "foo/bar")
             (asdf:primary-system-p :foo) (asdf:primary-system-p nil)
             (asdf:primary-system-p (make-instance 'asdf:system :name "foo"))
             (asdf:primary-system-p (make-instance 'asdf:system :name "foo/bar"))
             (asdf:primary-system-p (make-instance 'asdf:module :name "foo")))
       '(t nil t t t nil nil))

;;; A tree, with parents, paths and printing

(defparameter *tree*
  (co-defsystem "clove-cotest-tree"
    :pathname #p"/tmp/clove-cotest/"
    :version "1.2.3"
    :around-compile "clove-cotest-hook"
    :encoding :latin-1
    :components ((:file "top")
                 (:module "m"
                  :components ((:file "inner" :encoding :utf-8)
                               (:module "deep" :pathname "d/" :components ((:static-file "leaf.txt")))
                               (:file "absent" :if-feature :clove-cotest-never)))
                 (:html-file "page" :around-compile "own-hook"))))

(defun co-find (&rest path) (asdf:find-component *tree* path))

(check tree-find-path
       (mapcar #'asdf:component-find-path
               (list *tree* (co-find "top") (co-find "m" "deep" "leaf.txt")))
       '(("clove-cotest-tree") ("clove-cotest-tree" "top")
         ("clove-cotest-tree" "m" "deep" "leaf.txt")))
(check find-path-nil (asdf:component-find-path nil) nil)
(check tree-parents
       (list (asdf:component-parent *tree*)
             (eq (asdf:component-parent (co-find "m" "inner")) (co-find "m"))
             (eq (asdf:component-system (co-find "m" "deep" "leaf.txt")) *tree*)
             (eq (asdf:component-system *tree*) *tree*)
             (asdf:component-parent nil))
       '(nil t t t nil))
(check tree-print
       (let ((*package* (find-package "CLOVE-TEST")))
         (list (prin1-to-string *tree*) (prin1-to-string (co-find "m" "deep" "leaf.txt"))))
       '("#<ASDF/SYSTEM:SYSTEM \"clove-cotest-tree\">"
         "#<ASDF/COMPONENT:STATIC-FILE \"clove-cotest-tree\" \"m\" \"deep\" \"leaf.txt\">"))
(check tree-print-in-asdf-user
       (let ((*package* (find-package :asdf-user)))
         (prin1-to-string (co-find "top")))
       "#<CL-SOURCE-FILE \"clove-cotest-tree\" \"top\">")

(check tree-pathnames
       (mapcar (lambda (c) (namestring (asdf:component-pathname c)))
               (asdf::sub-components *tree*))
       '("/tmp/clove-cotest/" "/tmp/clove-cotest/top.lisp" "/tmp/clove-cotest/m/"
         "/tmp/clove-cotest/m/inner.lisp" "/tmp/clove-cotest/m/d/" "/tmp/clove-cotest/m/d/leaf.txt"
         "/tmp/clove-cotest/page.html"))
(check tree-parent-pathnames
       (list (namestring (asdf/component:component-parent-pathname (co-find "m" "inner")))
             (asdf/component:component-parent-pathname *tree*))
       '("/tmp/clove-cotest/m/" nil))
(check tree-relative-pathnames
       (mapcar (lambda (c) (namestring (asdf:component-relative-pathname c)))
               (list *tree* (co-find "m") (co-find "m" "deep") (co-find "page")))
       '("/tmp/clove-cotest/" "m/" "d/" "page.html"))
(check source-file-type
       (list (asdf:source-file-type (co-find "m") *tree*)
             (asdf:source-file-type (co-find "top") *tree*)
             (asdf:source-file-type (co-find "m" "deep" "leaf.txt") *tree*))
       '(:directory "lisp" nil))

(check sub-components
       (list (mapcar #'asdf:component-name (asdf::sub-components *tree* :type 'asdf:module))
             (mapcar #'asdf:component-name (asdf::sub-components *tree* :type 'asdf:source-file))
             (mapcar #'asdf:component-name (asdf::sub-components (co-find "m" "inner"))))
       '(("clove-cotest-tree" "m" "deep") ("top" "inner" "leaf.txt" "page") ("inner")))

(check children
       (list (mapcar #'asdf:component-name (asdf:component-children *tree*))
             (mapcar #'asdf:component-name (asdf:module-components (co-find "m")))
             (hash-table-count (asdf:component-children-by-name (co-find "m")))
             (eq (gethash "inner" (asdf:component-children-by-name (co-find "m")))
                 (co-find "m" "inner")))
       '(("top" "m" "page") ("inner" "deep" "absent") 3 t))

(check compute-children-by-name
       (let ((m (make-instance 'asdf:module :name "m"
                               :components (list (make-instance 'asdf:static-file :name "a")
                                                 (make-instance 'asdf:static-file :name "b")))))
         (list (sort (loop :for k :being :the :hash-keys :of (asdf/component:compute-children-by-name m)
                           :collect k)
                     #'string<)
               ;; Already there: nothing is done, and NIL returned.
               (asdf/component:compute-children-by-name m :only-if-needed-p t)))
       '(("a" "b") nil))
(check duplicate-names
       (let ((m (make-instance 'asdf:module :name "m"
                               :components (list (make-instance 'asdf:static-file :name "a")
                                                 (make-instance 'asdf:static-file :name "a")))))
         (handler-case (asdf/component:compute-children-by-name m)
           (error (e) (list (type-of e) (co-message e)
                            (typep e 'asdf:system-definition-error)))))
       '(asdf:duplicate-names
         "Error while defining system: multiple components are given same name \"a\"" t))

;;; find-component

(check find-component-forms
       (mapcar #'asdf:component-find-path
               (list (asdf:find-component *tree* "top")
                     (asdf:find-component *tree* :top)
                     (asdf:find-component *tree* '("m" "deep"))
                     (asdf:find-component *tree* '(:m "deep" :leaf.txt))
                     (asdf:find-component *tree* nil)
                     (asdf:find-component (co-find "m") "inner")
                     (asdf:find-component "clove-cotest-tree" "top")
                     (asdf:find-component :clove-cotest-tree '("m" "inner"))
                     (asdf:find-component '("clove-cotest-tree" "m") "inner")
                     (asdf:find-component nil "clove-cotest-tree")
                     (asdf:find-component nil *tree*)
                     (asdf:find-component *tree* (co-find "m" "inner"))))
       '(("clove-cotest-tree" "top") ("clove-cotest-tree" "top") ("clove-cotest-tree" "m" "deep")
         ("clove-cotest-tree" "m" "deep" "leaf.txt") ("clove-cotest-tree")
         ("clove-cotest-tree" "m" "inner") ("clove-cotest-tree" "top")
         ("clove-cotest-tree" "m" "inner") ("clove-cotest-tree" "m" "inner")
         ("clove-cotest-tree") ("clove-cotest-tree") ("clove-cotest-tree" "m" "inner")))
(check find-component-missing
       (list (asdf:find-component *tree* "nope") (asdf:find-component *tree* '("m" "nope" "x"))
             (asdf:find-component "clove-cotest-never-defined" (co-find "top"))
             (asdf:find-component nil nil) (asdf:find-component "clove-cotest-tree" "TOP"))
       '(nil nil nil nil nil))
(check find-component-registered
       (list (asdf:component-name (asdf:find-component "clove-cotest-tree" nil :registered t))
             (asdf:find-component "clove-cotest-never-defined" nil :registered t))
       '("clove-cotest-tree" nil))

;;; Encodings, the compile hook, versions

(check encodings
       (list (asdf:component-encoding *tree*) (asdf:component-encoding (co-find "top"))
             (asdf:component-encoding (co-find "m" "inner"))
             (asdf:component-encoding (co-find "m" "deep" "leaf.txt"))
             (asdf/component::%component-encoding (co-find "top")))
       '(:latin-1 :latin-1 :utf-8 :latin-1 nil))
(check default-encoding
       (asdf:component-encoding (co-defsystem "clove-cotest-enc" :pathname #p"/tmp/"
                                  :components ((:file "f"))))
       :utf-8)
;; (Encodings other than UTF-8 need the asdf-encodings system in ASDF.)
(check external-format
       (asdf:component-external-format (co-find "m" "inner"))
       (uiop:encoding-external-format :utf-8))

(check around-compile-hooks
       (mapcar #'asdf/component:around-compile-hook
               (list *tree* (co-find "top") (co-find "m" "deep" "leaf.txt") (co-find "page")))
       '("clove-cotest-hook" "clove-cotest-hook" "clove-cotest-hook" "own-hook"))

(check version-satisfies-strings
       (list (asdf:version-satisfies "1.2.3" "1.2") (asdf:version-satisfies "1.2.3" "1.2.3")
             (asdf:version-satisfies "1.2.3" "1.3") (asdf:version-satisfies "1.10" "1.9")
             (asdf:version-satisfies "1.2" nil))
       '(t t nil t t))
(check version-satisfies-components
       (list (asdf:version-satisfies *tree* "1.0") (asdf:version-satisfies *tree* "2")
             (asdf:version-satisfies *tree* nil) (asdf:version-satisfies (co-find "top") nil))
       '(t nil t t))
(check version-satisfies-no-version
       (let ((warnings '()))
         (list (handler-bind ((warning (lambda (w) (push (co-message w) warnings) (muffle-warning w))))
                 (let ((*package* (find-package :asdf-user)))
                   (asdf:version-satisfies (co-find "top") "1.0")))
               warnings))
       '(nil ("Requested version \"1.0\" but #<CL-SOURCE-FILE \"clove-cotest-tree\" \"top\"> has no version")))

;;; Systems' files and directories

(check system-source-file-designators
       (let ((s (co-defsystem "clove-cotest-located" :source-file #p"/tmp/clove-cotest-loc/clove-cotest-located.asd")))
         (list (namestring (asdf:system-source-file s))
               (namestring (asdf:system-source-file "clove-cotest-located"))
               (namestring (asdf:system-source-file :clove-cotest-located))
               (asdf:system-source-file nil)
               (namestring (asdf:system-source-directory s))
               (namestring (asdf:system-relative-pathname s "sub/file.txt"))
               (namestring (asdf:system-relative-pathname s "sub/dir/"))
               (namestring (asdf:system-relative-pathname s "data" :type "csv"))
               (namestring (asdf:component-pathname s))))
       '("/tmp/clove-cotest-loc/clove-cotest-located.asd" "/tmp/clove-cotest-loc/clove-cotest-located.asd"
         "/tmp/clove-cotest-loc/clove-cotest-located.asd" nil "/tmp/clove-cotest-loc/"
         "/tmp/clove-cotest-loc/sub/file.txt" "/tmp/clove-cotest-loc/sub/dir/"
         "/tmp/clove-cotest-loc/data.csv" "/tmp/clove-cotest-loc/"))
;; A relative :pathname is taken from the directory of the file being loaded
;; (here this test file), not from :source-file.
(check system-relative-pathname-option
       (namestring (asdf:component-pathname
                    (co-defsystem "clove-cotest-relpath" :pathname "src/"
                      :source-file #p"/tmp/clove-cotest-rel/clove-cotest-relpath.asd")))
       (namestring (merge-pathnames "src/" (uiop:pathname-directory-pathname (truename *load-truename*)))))
(check system-pathname-kept-in-slot
       (namestring (slot-value (co-defsystem "clove-cotest-slot" :source-file #p"/tmp/q/clove-cotest-slot.asd")
                               'asdf/component:relative-pathname))
       "/tmp/q/")
(check invalid-relative-pathname
       (let* ((s (make-instance 'asdf:system :name "clove-cotest-nowhere"))
              (f (make-instance 'asdf:cl-source-file :name "f" :parent s)))
         (list (asdf:component-pathname s)
               (handler-case (asdf:component-pathname f) (error (e) (co-message e)))))
       '(nil "Invalid relative pathname #P\"f.lisp\" for component (\"clove-cotest-nowhere\" \"f\")"))

;;; reset-system-class

(check reset-system-class
       (let* ((s (make-instance 'asdf:system :name "clove-cotest-reset" :author "x"
                                :source-file #p"/tmp/r/clove-cotest-reset.asd"))
              (r (asdf/system:reset-system-class s 'asdf/system:undefined-system :description "new")))
         (list (eq r s) (type-of s) (asdf:component-name s) (namestring (asdf:system-source-file s))
               (slot-value s 'asdf/component:author) (asdf/component:component-description s)))
       '(t asdf/system:undefined-system "clove-cotest-reset" "/tmp/r/clove-cotest-reset.asd" nil "new"))

;;; Deprecated functions (style warnings: SBCL's when a call is compiled,
;;; clove's at the first call)

(defmacro co-quietly (&body body)
  `(handler-bind ((style-warning #'muffle-warning)) ,@body))

(check component-property
       (let ((c (make-instance 'asdf:static-file :name "p" :properties '((:a . 1) ("s" . 2)))))
         (co-quietly
           (list (asdf:component-property c :a) (asdf:component-property c "s")
                 (asdf:component-property c :none)
                 (setf (asdf:component-property c :a) 10)
                 (setf (asdf:component-property c :new) 20)
                 (asdf/component:component-properties c))))
       '(1 2 nil 10 20 ((:new . 20) (:a . 10) ("s" . 2))))
(check component-load-dependencies
       (co-quietly (asdf:component-load-dependencies (co-find "top")))
       (asdf:component-sideway-dependencies (co-find "top")))
(check system-definition-pathname
       (co-quietly (namestring (asdf:system-definition-pathname "clove-cotest-located")))
       "/tmp/clove-cotest-loc/clove-cotest-located.asd")
(check run-shell-command
       (co-quietly (list (asdf:run-shell-command "exit ~D" 3) (asdf:run-shell-command "true")))
       '(3 0))
(check asdf-verbose asdf:*asdf-verbose* nil)
(check load-sysdef
       (handler-case (co-quietly (asdf/backward-internals:load-sysdef "x" #p"/tmp/x.asd"))
         (error (e) (co-message e)))
       "Use asdf:load-asd instead of asdf::load-sysdef")

;;; Dependencies and the conditions of missing components

(defparameter *deps*
  (co-defsystem "clove-cotest-deps"
    :pathname #p"/tmp/clove-cotest-deps/"
    :components ((:file "a") (:file "b" :version "2.0") (:file "c"))))

(defun co-dep (spec)
  (let ((found (asdf/find-component:resolve-dependency-spec (asdf:find-component *deps* "a") spec)))
    (and found (asdf:component-find-path found))))

(defmacro co-error (form)
  `(handler-case (progn ,form :no-error)
     (error (e) (list (type-of e) (let ((*package* (find-package :asdf-user))) (co-message e))))))

(check resolve-dependency-spec
       (list (co-dep "b") (co-dep :c) (co-dep '(:version "b" "1.5")) (co-dep '(:version "b" "2.0"))
             (co-dep '(:feature :clove-cotest-never "b")) (co-dep '(:feature :common-lisp "b"))
             (co-dep '(:feature (:not :clove-cotest-never) (:version "b" "1"))))
       '(("clove-cotest-deps" "b") ("clove-cotest-deps" "c") ("clove-cotest-deps" "b")
         ("clove-cotest-deps" "b") nil ("clove-cotest-deps" "b") ("clove-cotest-deps" "b")))
(check resolve-dependency-name
       (asdf:component-find-path
        (asdf/find-component:resolve-dependency-name (asdf:find-component *deps* "c") "a"))
       '("clove-cotest-deps" "a"))
(check resolve-system-dependency
       (asdf:component-name (asdf/find-component:resolve-dependency-spec *deps* "clove-cotest-tree"))
       "clove-cotest-tree")
(check resolve-missing-dependency
       (co-error (co-dep "zz"))
       '(asdf:missing-dependency
         "Component \"zz\" not found, required by #<CL-SOURCE-FILE \"clove-cotest-deps\" \"a\">"))
(check resolve-dependency-too-old
       (co-error (co-dep '(:version "b" "2.1")))
       '(asdf:missing-dependency-of-version
         "Component \"b\" does not match version 2.1, required by #<CL-SOURCE-FILE \"clove-cotest-deps\" \"a\">"))
(check resolve-dependency-no-version
       (co-error (handler-bind ((warning #'muffle-warning)) (co-dep '(:version "c" "1"))))
       '(asdf:missing-dependency-of-version
         "Component \"c\" does not match version 1, required by #<CL-SOURCE-FILE \"clove-cotest-deps\" \"a\">"))
(check resolve-bad-dependency
       (co-error (co-dep '(:frob "b")))
       '(uiop:parameter-error
         "In ASDF/FIND-COMPONENT:RESOLVE-DEPENDENCY-COMBINATION, bad dependency (:FROB \"b\") for #<CL-SOURCE-FILE \"clove-cotest-deps\" \"a\">"))
(check resolve-missing-dependency-restart
       (let ((a (asdf:find-component *deps* "a")) (tries 0))
         (handler-bind ((asdf:missing-dependency
                          (lambda (e)
                            (incf tries)
                            (when (= tries 1)
                              (setf (asdf:component-children *deps*)
                                    (append (asdf:component-children *deps*)
                                            (list (make-instance 'asdf:static-file :name "late" :parent *deps*))))
                              (asdf/component:compute-children-by-name *deps*)
                              (invoke-restart (find-restart 'asdf:retry e))))))
           (list (asdf:component-name (asdf/find-component:resolve-dependency-name a "late")) tries)))
       '("late" 1))
(check missing-component-reports
       (let ((*package* (find-package :asdf-user)))
         (mapcar #'co-message
                 (list (make-condition 'asdf:missing-component :requires "x")
                       (make-condition 'asdf:missing-component :requires "x" :parent *deps*)
                       (make-condition 'asdf:missing-component)
                       (make-condition 'asdf:missing-component-of-version :requires "x" :version "1.0")
                       (make-condition 'asdf:missing-component-of-version :requires "x" :version "1.0"
                                                                          :parent "p")
                       (make-condition 'asdf:missing-dependency :requires "x" :required-by "y")
                       (make-condition 'asdf:missing-dependency-of-version :requires "x" :required-by "y"
                                                                           :version "2"))))
       '("Component \"x\" not found" "Component \"x\" not found in clove-cotest-deps"
         "Component \"(unnamed)\" not found" "Component \"x\" does not match version 1.0"
         "Component \"x\" does not match version 1.0 in p" "Component \"x\" not found, required by y"
         "Component \"x\" does not match version 2, required by y"))
(check missing-component-readers
       (let ((c (make-condition 'asdf:missing-dependency-of-version :requires "x" :required-by "y"
                                                                    :version "2" :parent "p")))
         (list (asdf/find-component:missing-requires c) (asdf/find-component:missing-required-by c)
               (asdf/find-component:missing-version c) (asdf/find-component:missing-parent c)
               (typep c 'asdf:missing-component-of-version) (typep c 'asdf:system-definition-error)))
       '("x" "y" "2" "p" t t))
(check around-compile-nil-overrides
       (asdf/component:around-compile-hook
        (asdf:find-component (co-defsystem "clove-cotest-nohook" :pathname #p"/tmp/" :around-compile "h"
                               :components ((:file "f" :around-compile nil)))
                             "f"))
       nil)
