(defsystem "broken"
  :components ((:file "ok") (:file "bad" :depends-on ("ok"))))
