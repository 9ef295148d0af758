(in-package :loose)
(defmacro twice (x) `(* 2 ,x))
