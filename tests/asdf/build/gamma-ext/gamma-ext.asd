(defsystem "gamma-ext"
  :components ((:file "ext")))
