;;; A system with a dependency, whose files use the dependency's macros.
(defsystem "bundle-app"
  :version "0.3"
  :depends-on ("bundle-base")
  :components ((:file "app-package")
               (:file "one" :depends-on ("app-package"))
               (:file "two" :depends-on ("one"))))
