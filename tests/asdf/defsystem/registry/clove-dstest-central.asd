;;;; Found through *central-registry* by tests/lisp/asdf-registry.lisp.

(defsystem "clove-dstest-central"
  :version "1.0"
  :components ((:file "main")))
