;; Dependencies as real systems often have them: fewer than the files use.
(defsystem "loose"
  :components ((:file "package")
               (:file "macros" :depends-on ("package"))
               (:file "user" :depends-on ("package"))
               (:file "feature" :depends-on ("package"))
               (:file "flag" :depends-on ("package"))))
