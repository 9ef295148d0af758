;;;; Stands for the asdf.asd Debian installs: it must never replace the
;;;; ASDF built into clove.

(defsystem "asdf"
  :version "0.0.1"
  :description "Not the real ASDF")
