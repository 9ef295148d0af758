;;;; How objects show themselves (CLHS 22.1.3, 25.1.4): PRINT-OBJECT, which
;;;; the printer calls for instances, conditions and generic functions (and
;;;; for structures with a PRINT-OBJECT method), PRINT-UNREADABLE-OBJECT,
;;;; DESCRIBE and DESCRIBE-OBJECT, MAKE-LOAD-FORM and
;;;; MAKE-LOAD-FORM-SAVING-SLOTS.

(in-package "CLOVE-SYSTEM")

(defmacro print-unreadable-object ((object stream &key type identity) &body body)
  `(%print-unreadable-object ,object ,stream ,type ,identity
                             ,(if body `(lambda () ,@body) nil)))

(defun %print-unreadable-object (object stream type identity body)
  (let ((stream (cond ((null stream) *standard-output*) ((eq stream t) *terminal-io*) (t stream))))
    (when *print-readably*
      (error 'print-not-readable :object object))
    ;; Spaced as SBCL does: "#<TYPE >", "#< {id}>", "#<TYPE {id}>".
    (write-string "#<" stream)
    (when type
      (let ((name (class-name (class-of object))))
        (prin1 (or name (class-of object)) stream))
      (write-char #\Space stream))
    (when body (funcall body))
    (when identity
      (when (or body (not type)) (write-char #\Space stream))
      (format stream "{~X}" (%address object)))
    (write-char #\> stream)
    nil))

(defgeneric print-object (object stream))

(defmethod print-object ((object t) stream)
  (print-unreadable-object (object stream :type t :identity t)))

(defmethod print-object ((object condition) stream)
  (if (or *print-escape* *print-readably*)
      (print-unreadable-object (object stream :type t :identity t))
      (%report-condition object stream))
  object)

(defmethod print-object ((object restart) stream)
  (if (or *print-escape* *print-readably*)
      (print-unreadable-object (object stream :type t :identity t)
        (prin1 (restart-name object) stream))
      (%report-restart object stream))
  object)

(defmethod print-object ((object structure-object) stream)
  ;; Reached from a PRINT-OBJECT method's CALL-NEXT-METHOD: #S(...).
  (let ((class (class-of object)))
    (when *print-readably*
      (unless (%cref class +sd-constructor+)
        (error 'print-not-readable :object object)))
    (write-string "#S(" stream)
    (prin1 (class-name class) stream)
    (let ((n 0))
      (dolist (s (%cref class +sd-slots+))
        (when (and *print-length* (>= n *print-length*))
          (write-string " ..." stream)
          (return))
        (write-char #\Space stream)
        (prin1 (intern (symbol-name (car s)) "KEYWORD") stream)
        (write-char #\Space stream)
        (prin1 (if (%instance-boundp object (nth 4 s)) (%instance-ref object (nth 4 s)) nil) stream)
        (setq n (1+ n))))
    (write-char #\) stream)
    object))

(defmethod print-object ((object class) stream)
  (print-unreadable-object (object stream :type t)
    (prin1 (or (class-name object) "anonymous") stream))
  object)

(defmethod print-object ((object generic-function) stream)
  (print-unreadable-object (object stream :type t)
    (prin1 (%cref object +gf-name+) stream)
    (format stream " (~D)" (length (%cref object +gf-methods+))))
  object)

(defmethod print-object ((object standard-method) stream)
  (print-unreadable-object (object stream :type t :identity t)
    (let ((gf (%cref object +method-generic-function+)))
      (prin1 (and gf (%cref gf +gf-name+)) stream))
    (dolist (q (%cref object +method-qualifiers+))
      (write-char #\Space stream)
      (prin1 q stream))
    (write-char #\Space stream)
    (prin1 (mapcar (lambda (s) (if (%eql-specializer-p s) (list 'eql (%cref s +eql-object+)) (or (class-name s) s)))
                   (%cref object +method-specializers+))
           stream))
  object)

(defmethod print-object ((object slot-definition) stream)
  (print-unreadable-object (object stream :type t :identity t)
    (prin1 (%cref object +slotd-name+) stream))
  object)

(defmethod print-object ((object eql-specializer) stream)
  (print-unreadable-object (object stream :type t :identity t)
    (prin1 (%cref object +eql-object+) stream))
  object)

;;; A PRINT-OBJECT method on a structure class becomes that structure's
;;; printer (and its subclasses'), which the printer calls.
(push (lambda (gf)
        (when (eq (%cref gf +gf-name+) 'print-object)
          (let ((structure-class (find-class 'structure-class)))
            (dolist (m (%cref gf +gf-methods+))
              (let ((c (car (%cref m +method-specializers+))))
                (when (and (%instancep c) (eq (%instance-class c) structure-class)
                           (not (eq c (find-class 'structure-object))))
                  (%use-print-object-for-structure c)))))))
      *methods-changed-hooks*)

(defun %use-print-object-for-structure (class)
  (unless (eq class (find-class 'restart))
    (%cset class +sd-printer+ #'print-object)
    (dolist (sub (%cref class +class-direct-subclasses+))
      (%use-print-object-for-structure sub))))

;;; --- DESCRIBE

(defgeneric describe-object (object stream))

(defmethod describe-object ((object t) stream)
  (format stream "~&~S~%  [~(~A~)]~%" object (let ((type (type-of object))) (if (consp type) (car type) type))))

(defmethod describe-object ((object standard-object) stream)
  (%describe-slots object stream))

(defmethod describe-object ((object structure-object) stream)
  (%describe-slots object stream))

(defmethod describe-object ((object condition) stream)
  (%describe-slots object stream))

(defun %describe-slots (object stream)
  (let ((class (class-of object)))
    (format stream "~&~S~%  [~(~A~)]~%" object (class-name (class-of class)))
    (let ((slots (%cref class +class-slots+)))
      (when slots
        (format stream "~%Slots:~%")
        (dolist (s slots)
          (let ((name (%cref s +slotd-name+)))
            (if (slot-boundp object name)
                (format stream "  ~S = ~S~%" name (slot-value object name))
                (format stream "  ~S is unbound~%" name))))))))

(defun %describe-documentation (object doc-type stream)
  (let ((doc (documentation object doc-type)))
    (when doc (format stream "  Documentation:~%    ~A~%" doc))))

(defmethod describe-object ((object symbol) stream)
  (format stream "~&~S~%  [symbol]~%" object)
  (when (boundp object)
    (format stream "~%~:[Its~;It is a constant whose~] value is ~S.~%" (constantp object) (symbol-value object)))
  (%describe-documentation object 'variable stream)
  (when (fboundp object)
    (format stream "~%It names ~:[a function~;a macro~]: ~S~%" (macro-function object)
            (or (macro-function object) (symbol-function object)))
    (%describe-documentation object 'function stream))
  (when (find-class object nil)
    (format stream "~%It names the class ~S.~%" (find-class object))
    (%describe-documentation object 'type stream)))

(defmethod describe-object ((object class) stream)
  (format stream "~&~S~%  [~(~A~)]~%" object (class-name (class-of object)))
  (format stream "~%Class precedence list: ~{~S~^ ~}~%"
          (mapcar #'class-name (%cref object +class-precedence-list+)))
  (%describe-documentation object t stream)
  (format stream "Slots: ~{~S~^ ~}~%" (mapcar (lambda (s) (%cref s +slotd-name+)) (%cref object +class-slots+))))

(defmethod describe-object ((object generic-function) stream)
  (format stream "~&~S~%  [generic-function]~%~%Lambda list: ~S~%" object (%cref object +gf-lambda-list+))
  (%describe-documentation object t stream)
  (format stream "Methods:~%")
  (dolist (m (%cref object +gf-methods+))
    (format stream "  ~S~%" m)))

(defun describe (object &optional stream)
  (let ((stream (cond ((null stream) *standard-output*) ((eq stream t) *terminal-io*) (t stream))))
    (describe-object object stream)
    (values)))

;;; --- MAKE-LOAD-FORM

(defgeneric make-load-form (object &optional environment))

(defmethod make-load-form ((object t) &optional environment)
  (declare (ignore environment))
  (error 'simple-error :format-control "Don't know how to dump ~S: define a MAKE-LOAD-FORM method for its class."
                       :format-arguments (list object)))

(defmethod make-load-form ((object class) &optional environment)
  (declare (ignore environment))
  (let ((name (class-name object)))
    (unless (and name (eq (find-class name nil) object))
      (error 'simple-error :format-control "Can't dump the anonymous class ~S." :format-arguments (list object)))
    `(find-class ',name)))

(defmethod make-load-form ((object generic-function) &optional environment)
  (declare (ignore environment))
  (let ((name (generic-function-name object)))
    (unless (and name (fboundp name) (eq (fdefinition name) object))
      (error 'simple-error :format-control "Can't dump the anonymous generic function ~S." :format-arguments (list object)))
    `(fdefinition ',name)))

(defmethod make-load-form ((object method) &optional environment)
  (declare (ignore environment))
  `(find-method ',(method-generic-function object) ',(method-qualifiers object) ',(method-specializers object)))

(defmethod make-load-form ((object eql-specializer) &optional environment)
  (declare (ignore environment))
  `(intern-eql-specializer ',(eql-specializer-object object)))

;;; As in SBCL, conditions can be allocated too, so the creation form of
;;; MAKE-LOAD-FORM-SAVING-SLOTS serves them.
(defmethod allocate-instance ((class condition-class) &rest initargs)
  (declare (ignore initargs))
  (%allocate class))

(defun make-load-form-saving-slots (object &key (slot-names nil slot-names-p) environment)
  (declare (ignore environment))
  (let* ((class (class-of object))
         (names (if slot-names-p
                    slot-names
                    (mapcar (lambda (s) (%cref s +slotd-name+))
                            (%filter (lambda (s) (eq (%cref s +slotd-allocation+) :instance))
                                     (%cref class +class-slots+))))))
    (values `(allocate-instance (find-class ',(class-name class)))
            `(progn
               ,@(mapcar (lambda (n)
                           (if (slot-boundp object n)
                               `(setf (slot-value ,object ',n) ',(slot-value object n))
                               `(slot-makunbound ,object ',n)))
                         names)))))
