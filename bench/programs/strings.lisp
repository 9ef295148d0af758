;; Building a 1 MB string: with-output-to-string and write-string of
;; short pieces, then a vector-push-extend loop of characters.
(defun build-stream (n)
  (length (with-output-to-string (s)
            (dotimes (i (floor n 10)) (write-string "abcdefghij" s)))))
(defun build-vector (n)
  (let ((s (make-array 0 :element-type 'character :adjustable t :fill-pointer 0)))
    (dotimes (i n) (vector-push-extend (code-char (+ 97 (mod i 26))) s))
    (length s)))
(compile 'build-stream)
(compile 'build-vector)
(print (list (build-stream 1000000) (build-vector 1000000)))
