;;;; Writes a synthetic library shaped like ASDF to standard output, for
;;;; measuring what a library in the image costs at start-up
;;;; (docs/architecture.md, "Startup and images"):
;;;;
;;;;   clove bench/startup/make-library.lisp 60 > /tmp/lib60.lisp
;;;;   cargo build --release -p clove --example grown_image
;;;;   target/release/examples/grown_image save /tmp/base.image
;;;;   target/release/examples/grown_image save /tmp/lib60.image /tmp/lib60.lisp
;;;;   valgrind --tool=callgrind target/release/examples/grown_image run /tmp/lib60.image examples/hello.lisp
;;;;
;;;; For each of N classes (four slots with accessors, every fifth class
;;;; a root, the others inheriting from the one before): three generic
;;;; functions of two methods each and six functions with docstrings.

(let ((n (parse-integer (or (first (uiop:command-line-arguments)) "60"))))
  (format t "(defpackage \"GROWN\" (:use \"CL\"))~%(in-package \"GROWN\")~%")
  (dotimes (c n)
    (format t "(defclass k~D ~A (~{~A~^ ~}) (:documentation \"Class ~D, for measuring.\"))~%"
            c (if (plusp (mod c 5)) (format nil "(k~D)" (1- c)) "()")
            (loop for k below 4
                  collect (format nil "(s~D-~D :initarg :s~D :initform nil :accessor c~D-s~D :documentation \"Slot ~D of class ~D.\")"
                                  c k k c k k c))
            c)
    (dotimes (g 3)
      (format t "(defgeneric op~D-~D (x y) (:documentation \"Operation ~D of ~D.\"))~%" c g g c)
      (dotimes (m 2)
        (format t "(defmethod op~D-~D ((x k~D) (y ~A)) (list (c~D-s0 x) y :m~D (format nil \"~~a ~~a\" x y)))~%"
                c g c (if (plusp m) "integer" "string") c m)))
    (dotimes (f 6)
      (format t "(defun fn~D-~D (a &optional (b ~D) &key (c \"kw~D\") d) \"Function ~D of ~D: adds and formats.\" (let ((acc nil)) (dolist (e (list a b c d)) (when e (push (format nil \"~~a-~~a\" e '~D) acc))) (if (> (length acc) 2) (reverse acc) (cons :short acc))))~%"
              c f f f f c c))))
