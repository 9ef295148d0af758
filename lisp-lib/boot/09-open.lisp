;;;; Opening files (CLHS 21): OPEN, WITH-OPEN-FILE, and READ-SEQUENCE /
;;;; WRITE-SEQUENCE. OPEN checks its options and works out the CLHS
;;;; defaults here; the file system work is %OPEN (builtins/file_streams.rs).

(in-package "CLOVE-SYSTEM")

(defun %open-element-type (type)
  ;; Two values: the element size in bits (0 for characters, at most 1024,
  ;; streams/file.rs MAX_BITS) and signedness.
  (flet ((bad () (error 'file-error :pathname nil
                        :format-control "unsupported stream element type ~S" :format-arguments (list type))))
    (cond ((member type '(:default character base-char standard-char)) (values 0 nil))
          ((eq type 'unsigned-byte) (values 8 nil))
          ((eq type 'signed-byte) (values 8 t))
          ((eq type 'bit) (values 1 nil))
          ((and (consp type) (member (car type) '(unsigned-byte signed-byte)))
           (let ((n (if (cdr type) (cadr type) '*)))
             (cond ((eq n '*) (values 8 (eq (car type) 'signed-byte)))
                   ((and (integerp n) (<= 1 n 1024) (null (cddr type))) (values n (eq (car type) 'signed-byte)))
                   (t (bad)))))
          ((and (consp type) (eq (car type) 'integer) (integerp (cadr type)) (integerp (caddr type))
                (<= (cadr type) (caddr type)))
           (let* ((lo (cadr type)) (hi (caddr type))
                  (bits (if (minusp lo) (1+ (max (integer-length lo) (integer-length hi))) (max 1 (integer-length hi)))))
             (if (<= bits 1024) (values bits (minusp lo)) (bad))))
          ((subtypep type 'character) (values 0 nil))
          (t ;; Another integer type: the narrowest byte holding it.
           (do ((n 1 (1+ n)))
               ((> n 64) (bad))
             (cond ((subtypep type `(unsigned-byte ,n)) (return (values n nil)))
                   ((subtypep type `(signed-byte ,n)) (return (values n t)))))))))

(defun %open-latin1-p (format)
  (let ((name (if (consp format) (car format) format)))
    (case name
      ((:default :utf-8 :utf8) nil)
      ((:latin-1 :latin1 :iso-8859-1 :iso8859-1) t)
      (t (error 'file-error :pathname nil
                :format-control "unsupported external format ~S" :format-arguments (list format))))))

(defun open (filespec &key (direction :input) (element-type 'character)
                           (if-exists nil if-exists-p) (if-does-not-exist nil if-does-not-exist-p)
                           (external-format :default))
  (unless (member direction '(:input :output :io :probe))
    (error 'type-error :datum direction :expected-type '(member :input :output :io :probe)))
  (let* ((pathname (merge-pathnames filespec))
         (name (%native pathname))
         (if-exists (if if-exists-p
                        if-exists
                        (if (eq (pathname-version pathname) :newest) :new-version :error)))
         (if-does-not-exist
           (cond (if-does-not-exist-p if-does-not-exist)
                 ((or (eq direction :input) (member if-exists '(:overwrite :append))) :error)
                 ((eq direction :probe) nil)
                 (t :create))))
    (multiple-value-bind (bits signed) (%open-element-type element-type)
      (%open name
             (position direction '(:input :output :io :probe))
             bits signed (%open-latin1-p external-format)
             (or (position if-exists '(:error :supersede :rename :rename-and-delete
                                       :overwrite :append nil :new-version))
                 (error 'type-error :datum if-exists
                                    :expected-type '(member :error :new-version :rename :rename-and-delete
                                                     :overwrite :append :supersede nil)))
             (or (position if-does-not-exist '(:error :create nil))
                 (error 'type-error :datum if-does-not-exist :expected-type '(member :error :create nil)))
             pathname))))

(defmacro with-open-file ((var filespec &rest options) &body body)
  ;; The stream is closed on every exit; a non-local exit closes it with
  ;; :ABORT T (a file created for output is then deleted).
  (let ((done (gensym "DONE")))
    `(let ((,var (open ,filespec ,@options)) (,done nil))
       ,@(%body-declarations body)
       (unwind-protect (multiple-value-prog1 (progn ,@(%body-forms body)) (setq ,done t))
         (when ,var (close ,var :abort (not ,done)))))))

(defun %sequence-end (sequence start end)
  ;; END checked against SEQUENCE's length and START (CLHS 17.1.1).
  (let* ((len (length sequence)) (end (or end len)))
    (unless (and (integerp start) (<= 0 start len))
      (error 'type-error :datum start :expected-type `(integer 0 ,len)))
    (unless (and (integerp end) (<= start end len))
      (error 'type-error :datum end :expected-type `(integer ,start ,len)))
    end))

(defun %character-stream-p (stream)
  (let ((type (stream-element-type stream)))
    (or (eq type 'character) (eq type t))))

(defun read-sequence (sequence stream &key (start 0) end)
  (when (%gray-stream-p stream)
    (return-from read-sequence (%gray-read-sequence stream sequence start (%sequence-end sequence start end))))
  (let ((end (%sequence-end sequence start end))
        (chars (%character-stream-p stream)))
    (do ((i start (1+ i)))
        ((>= i end) end)
      (let ((x (if chars (read-char stream nil stream) (read-byte stream nil stream))))
        (when (eq x stream) (return i))
        (setf (elt sequence i) x)))))

(defun write-sequence (sequence stream &key (start 0) end)
  (when (%gray-stream-p stream)
    (%gray-write-sequence stream sequence start (%sequence-end sequence start end))
    (return-from write-sequence sequence))
  (let ((end (%sequence-end sequence start end)))
    (if (and (stringp sequence) (%character-stream-p stream))
        (write-string sequence stream :start start :end end)
        (let ((chars (%character-stream-p stream)))
          (do ((i start (1+ i)))
              ((>= i end))
            (let ((x (elt sequence i)))
              (if chars (write-char x stream) (write-byte x stream))))))
    sequence))
