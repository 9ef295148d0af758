(defsystem "delta"
  :depends-on ("uiop" "asdf")
  :components ((:file "delta")))
