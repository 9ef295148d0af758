(in-package :alpha)
(defmacro twice (x) `(* 2 ,x))
