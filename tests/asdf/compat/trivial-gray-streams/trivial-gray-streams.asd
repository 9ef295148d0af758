;; The library on disk: clove must use its own instead.
#-(or sbcl ccl clisp)
(error "Sorry, your Lisp is not supported.")

(defsystem :trivial-gray-streams
  :version "9.1"
  :components ((:file "package")))
