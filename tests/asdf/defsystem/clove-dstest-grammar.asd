;;;; A system using most of defsystem's grammar, read by
;;;; tests/lisp/asdf-defsystem.lisp (no source file here needs to exist).

(defclass clove-dstest-lsp-file (cl-source-file)
  ((type :initform "lsp"))
  (:documentation "A component class defined in the .asd file, used by keyword."))

(defsystem "clove-dstest-grammar"
  :long-name "The defsystem grammar test"
  :description "Most of defsystem's options"
  :long-description "A system for clove's tests."
  :author "A. Author"
  :maintainer "M. Maintainer"
  :license "MIT"
  :homepage "https://example.org/grammar"
  :bug-tracker "https://example.org/grammar/issues"
  :source-control (:git "https://example.org/grammar.git")
  :mailto "grammar@example.org"
  :version (:read-file-form "version.sexp")
  :properties ((:clove-key . "value"))
  :around-compile "clove-dstest-wrap"
  :build-operation "program-op"
  :build-pathname "bin/grammar"
  :entry-point "clove-dstest:main"
  :depends-on (:clove-dstest-dep-a
               (:version "clove-dstest-dep-b" "1.2")
               (:feature :clove-dstest-never "clove-dstest-dep-c")
               (:feature (:not :clove-dstest-never) (:version :clove-dstest-dep-d "3"))
               (:require "clove-dstest-module"))
  :weakly-depends-on ("clove-dstest-weak-missing")
  :pathname "src/"
  :components
  ((:file "package")
   (:file "utils" :depends-on ("package"))
   (:module "core"
    :pathname "core-dir/"
    :serial t
    :components ((:file "one")
                 (:file "two" :if-feature :clove-dstest-never)
                 (:file "three" :type "cl")
                 (:cl-source-file.lsp "four")
                 (:clove-dstest-lsp-file "five" :depends-on ("one"))))
   (:module "flat"
    :pathname ""
    :components ((:static-file "README.txt")
                 (:doc-file "guide.txt")
                 (:html-file "index")
                 (:c-source-file "glue")
                 (:java-source-file "Glue")))
   (:module "defaults"
    :default-component-class static-file
    :components ((:file "data.txt")
                 (:module "inner" :components ((:file "more.txt")))))
   (:file "special"
    :pathname "other/name"
    :depends-on ("core")
    :in-order-to ((compile-op (load-op "utils"))))
   (:file "latin" :encoding :latin-1)
   (:file "absolute" :pathname #p"/tmp/clove-dstest-absolute/file.lisp")
   (:file "versioned" :version "2.3")
   (:file "line-versioned" :version (:read-file-line "VERSION" :at 1))
   (:file "hooked" :around-compile "clove-dstest-other-wrap")
   (:file "optional" :if-feature (:or :clove-dstest-never (:not :clove-dstest-never))))
  :in-order-to ((test-op (test-op "clove-dstest-grammar/test"))))

(defsystem "clove-dstest-grammar/test"
  :depends-on ("clove-dstest-grammar")
  :components ((:file "tests"))
  :perform (test-op (o c) (declare (ignore o c)) nil))

(defsystem "clove-dstest-grammar/extra"
  :description "A secondary system with a description of its own"
  :version (:read-file-form "version.sexp" :at 1)
  :pathname "extra/"
  :components ((:file "x")))
