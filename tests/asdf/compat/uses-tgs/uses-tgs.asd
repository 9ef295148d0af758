(defsystem "uses-tgs"
  :depends-on ("trivial-gray-streams")
  :components ((:file "stream")))
