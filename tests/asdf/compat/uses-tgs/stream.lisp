(defpackage :uses-tgs (:use :cl :trivial-gray-streams) (:export #:collect))

(in-package :uses-tgs)

;; An output stream that records what reaches it and how.
(defclass recorder (fundamental-character-output-stream trivial-gray-stream-mixin)
  ((log :initform nil :accessor recorded)))

(defmethod stream-write-char ((s recorder) char)
  (push char (recorded s))
  char)

(defmethod stream-write-sequence ((s recorder) sequence start end &key)
  (push (list :sequence (subseq sequence start end)) (recorded s))
  sequence)

(defun collect ()
  (let ((s (make-instance 'recorder)))
    (write-char #\a s)
    (write-sequence "bcdef" s :start 1 :end 3)
    (terpri s)
    (reverse (recorded s))))
