;; Inserting a million fixnum keys into an EQL hash table, then looking
;; each one up.
(defun fill-and-probe (n)
  (let ((h (make-hash-table)) (hits 0))
    (dotimes (i n) (setf (gethash i h) (* 2 i)))
    (dotimes (i n) (when (= (gethash i h) (* 2 i)) (setq hits (1+ hits))))
    hits))
(compile 'fill-and-probe)
(print (fill-and-probe 1000000))
