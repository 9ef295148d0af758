;;;; Timings inside one process for bench/asdf/run (clove and SBCL alike):
;;;; planning a generated system of 2,000 files, a no-op load-system of it,
;;;; and planning the last system of a chain of 200. Prints "key seconds".

(defun seconds-of (thunk &optional (repeat 3))
  ;; The best of REPEAT timings of THUNK, in seconds.
  (let ((best nil))
    (dotimes (i repeat best)
      (let ((start (get-internal-real-time)))
        (funcall thunk)
        (let ((s (/ (- (get-internal-real-time) start) internal-time-units-per-second 1.0)))
          (when (or (null best) (< s best)) (setf best s)))))))

(defun plan-time (system)
  (seconds-of (lambda ()
                (asdf/session:with-asdf-session (:override t)
                  (asdf:make-plan nil 'asdf:load-op (asdf:find-system system))))))

(defun measure ()
  (let ((*standard-output* (make-broadcast-stream)))
    (asdf:load-system "gen2000")
    (asdf:load-system "chain199"))
  (format t "gen2000-plan ~,4f~%" (plan-time "gen2000"))
  (format t "gen2000-noop ~,4f~%" (seconds-of (lambda () (asdf:load-system "gen2000"))))
  (format t "chain200-plan ~,4f~%" (plan-time "chain199")))
