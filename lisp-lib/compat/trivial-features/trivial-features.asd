;;;; clove's own trivial-features: the features its specification (SPEC.md
;;;; of trivial-features 1.0) asks for, from what clove knows of the machine,
;;;; since the original's .asd refuses a Lisp it does not know. The
;;;; defsystem prefers this system to one found on disk (docs/libraries.md).

(defsystem "trivial-features"
  :description "clove's implementation of trivial-features: consistent *FEATURES* for endianness, operating system, CPU and register size."
  :version "1.0"
  :components ((:file "features"))
  :in-order-to ((test-op (test-op "trivial-features-tests"))))
