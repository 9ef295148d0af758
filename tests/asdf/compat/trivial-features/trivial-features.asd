;; The library on disk: its .asd refuses clove when read.
#-(or sbcl clisp allegro openmcl)
(error "Sorry, your Lisp is not supported.  Patches welcome.")

(defsystem trivial-features :components ())
