;;;; Stands for the uiop.asd Debian installs: it must never replace the
;;;; UIOP built into clove.

(defsystem "uiop"
  :version "0.0.1"
  :description "Not the real UIOP")
