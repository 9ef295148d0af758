;;;; An ordinary system providing two packages.

(defsystem "clove-pis-plain"
  :components ((:file "plain")))
