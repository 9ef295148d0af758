(defsystem "alpha"
  :version "1.2.0"
  :description "A fixture: a package, a macro and a function."
  :serial t
  :components ((:file "package") (:file "macros") (:file "alpha")))
