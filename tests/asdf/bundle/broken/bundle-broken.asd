;;; A system one of whose files cannot be compiled.
(defsystem "bundle-broken"
  :depends-on ("bundle-base")
  :serial t
  :components ((:file "fine") (:file "bad")))
