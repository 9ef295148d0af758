;;;; The stream macros (CLHS 21): string streams and WITH-OPEN-STREAM.

(in-package "CLOVE-SYSTEM")

(defmacro with-output-to-string ((var &optional string &key element-type) &body body)
  (declare (ignore element-type))
  `(let ((,var ,(if string `(%make-fill-pointer-output-stream ,string) '(make-string-output-stream))))
     ,@(%body-declarations body)
     (unwind-protect
          (progn ,@(%body-forms body) ,@(unless string `((get-output-stream-string ,var))))
       (close ,var))))

(defmacro with-input-from-string ((var string &key index start end) &body body)
  ;; INDEX, a place, receives the position of the first unread character on exit.
  `(let ((,var (make-string-input-stream ,string ,@(if (or start end) `((or ,start 0) ,end)))))
     ,@(%body-declarations body)
     (unwind-protect (progn ,@(%body-forms body))
       ,@(if index `((setf ,index (%string-input-position ,var))))
       (close ,var))))

(defmacro with-open-stream ((var stream) &body body)
  `(let ((,var ,stream))
     ,@(%body-declarations body)
     (unwind-protect (progn ,@(%body-forms body))
       (close ,var))))
