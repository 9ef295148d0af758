(in-package :bundle-base)
(defmacro twice (x) `(* 2 ,x))
(defmacro note (tag) `(push ,tag *trace*))
(note :base-macros)
