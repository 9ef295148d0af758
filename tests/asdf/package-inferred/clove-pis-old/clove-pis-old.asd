;;;; The deprecated class name, and a component of the primary system itself.

(defsystem "clove-pis-old"
  :class :package-system
  :depends-on ("clove-pis-old/main")
  :components ((:file "extra")))
