(defsystem "wide"
  :components ((:file "package")
               (:file "w1" :depends-on ("package"))
               (:file "w2" :depends-on ("package"))
               (:file "w3" :depends-on ("package"))
               (:file "w4" :depends-on ("package"))
               (:file "sum" :depends-on ("w1" "w2" "w3" "w4"))))
