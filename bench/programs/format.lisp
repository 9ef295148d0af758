;; (format nil "~a" i) a hundred thousand times.
(defun format-many (n)
  (let ((total 0))
    (dotimes (i n total)
      (setq total (+ total (length (format nil "~a" i)))))))
(compile 'format-many)
(print (format-many 100000))
