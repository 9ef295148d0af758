#!/usr/bin/env clove
;;;; The smallest clove script: run it with `clove examples/hello.lisp`
;;;; (or make it executable with clove on your PATH).

(format t "Hello from clove!~%")
(let ((args (uiop:command-line-arguments)))
  (when args
    (format t "Arguments: ~{~A~^ ~}~%" args)))
