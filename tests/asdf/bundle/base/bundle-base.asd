;;; A system other systems depend on: a package, a macro, a variable that
;;; records the order its files are loaded in.
(defsystem "bundle-base"
  :version "1.2"
  :serial t
  :components ((:file "package") (:file "macros") (:file "base")))
