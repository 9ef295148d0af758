;;;; trivial-gray-streams' classes and its portable sequence and position
;;;; protocol, bridged to CLOVE-GRAY: READ-SEQUENCE, WRITE-SEQUENCE and
;;;; FILE-POSITION on one of these streams call the generic functions here,
;;;; and a method that declines (returns the fallback marker) leaves the
;;;; work to CLOVE-GRAY's element-by-element methods.

(in-package :trivial-gray-streams)

(defclass fundamental-stream (clove-gray:fundamental-stream) ())
(defclass fundamental-input-stream (fundamental-stream clove-gray:fundamental-input-stream) ())
(defclass fundamental-output-stream (fundamental-stream clove-gray:fundamental-output-stream) ())
(defclass fundamental-character-stream (fundamental-stream clove-gray:fundamental-character-stream) ())
(defclass fundamental-binary-stream (fundamental-stream clove-gray:fundamental-binary-stream) ())
(defclass fundamental-character-input-stream
    (fundamental-input-stream fundamental-character-stream clove-gray:fundamental-character-input-stream) ())
(defclass fundamental-character-output-stream
    (fundamental-output-stream fundamental-character-stream clove-gray:fundamental-character-output-stream) ())
(defclass fundamental-binary-input-stream
    (fundamental-input-stream fundamental-binary-stream clove-gray:fundamental-binary-input-stream) ())
(defclass fundamental-binary-output-stream
    (fundamental-output-stream fundamental-binary-stream clove-gray:fundamental-binary-output-stream) ())

;;; Deprecated in the original, kept for the code that still mixes it in.
(defclass trivial-gray-stream-mixin () ())

(defgeneric stream-read-sequence (stream sequence start end &key &allow-other-keys)
  (:documentation "Reads elements of STREAM into SEQUENCE from START below END; the index of the first element not filled."))
(defgeneric stream-write-sequence (stream sequence start end &key &allow-other-keys)
  (:documentation "Writes the elements of SEQUENCE from START below END to STREAM; SEQUENCE."))
(defgeneric stream-file-position (stream)
  (:documentation "STREAM's position, or NIL when it has none."))
(defgeneric (setf stream-file-position) (position stream)
  (:documentation "Sets STREAM's position: true if it could."))

(defmethod stream-read-sequence ((stream fundamental-input-stream) sequence start end &key)
  (declare (ignore sequence start end))
  'fallback)

(defmethod stream-write-sequence ((stream fundamental-output-stream) sequence start end &key)
  (declare (ignore sequence start end))
  'fallback)

(defmethod stream-file-position ((stream t)) nil)
(defmethod (setf stream-file-position) (position (stream t))
  (declare (ignore position))
  nil)

(defmethod stream-terpri ((stream fundamental-output-stream))
  (write-char #\Newline stream))

(defmethod clove-gray:stream-read-sequence ((stream fundamental-input-stream) sequence &optional start end)
  (let ((result (stream-read-sequence stream sequence (or start 0) (or end (length sequence)))))
    (if (eq result 'fallback) (call-next-method) result)))

(defmethod clove-gray:stream-write-sequence ((stream fundamental-output-stream) sequence &optional start end)
  (let ((result (stream-write-sequence stream sequence (or start 0) (or end (length sequence)))))
    (if (eq result 'fallback) (call-next-method) result)))

(defmethod clove-gray:stream-file-position ((stream fundamental-stream) &optional position)
  (if position
      (setf (stream-file-position stream) position)
      (stream-file-position stream)))
