(defsystem "beta"
  :depends-on ("alpha")
  :components ((:file "beta")))
