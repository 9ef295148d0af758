;;;; find-system: locating a system's .asd file, loading it (as an
;;;; action, so a changed .asd is re-read) and returning the system.

(uiop:define-package :asdf/find-system
  (:use :uiop/common-lisp :uiop :asdf/upgrade :asdf/session :asdf/component :asdf/system :asdf/operation :asdf/action :asdf/lisp-action :asdf/find-component :asdf/system-registry :asdf/plan :asdf/operate)
  (:export #:define-op #:error-condition #:error-name #:error-pathname
    #:find-system #:load-asd #:load-system-definition-error #:locate-system))

(in-package :asdf/find-system)

;;; Loading a system's .asd file is an action, (define-op . system), so that
;;; what the definition itself depends on (its :defsystem-depends-on, and
;;; whatever the file loads with operate) is recorded, and a change there
;;; makes the definition be loaded again (ASDF 3.3's phases).

(define-condition load-system-definition-error (system-definition-error)
  ((name :initarg :name :reader error-name)
   (pathname :initarg :pathname :reader error-pathname)
   (condition :initarg :condition :reader error-condition))
  (:report (lambda (c s)
             (format s "~@<Error while trying to load definition for system ~A from pathname ~A: ~3i~_~A~@:>"
                     (error-name c) (error-pathname c) (error-condition c)))))

(defmethod find-system ((name null) &optional (error-p t))
  (when error-p
    (sysdef-error "~@<NIL is not a valid system name~@:>")))

(defmethod find-system (name &optional (error-p t))
  (find-system (coerce-name name) error-p))

(defclass define-op (non-propagating-operation) ()
  (:documentation "Loading a system's .asd file, as an action whose dependencies are what
the definition needed."))

(defmethod record-dependency ((plan null) (operation t) (component t))
  ;; OPERATE called while an action is performed: while loading an .asd, it
  ;; is a dependency of the definition; anywhere else, a deprecated practice.
  (unless (or (typep operation 'define-op)
              (and (typep operation 'load-op) (typep component 'system)
                   (equal "asdf" (coerce-name component))))
    (let ((action (first (visiting-action-list *asdf-session*))))
      (when action
        (let ((parent-o (action-operation action))
              (parent-c (action-component action)))
          (if (and (typep parent-o 'define-op) (typep parent-c 'system))
              (let ((dep (cons operation component)))
                (unless (gethash dep (definition-dependency-set parent-c))
                  (push dep (definition-dependency-list parent-c))
                  (setf (gethash dep (definition-dependency-set parent-c)) t)))
              (warn 'recursive-operate :operation operation :component component :action action)))))))

(defmethod component-depends-on ((o define-op) (s system))
  (loop :for (o . c) :in (definition-dependency-list s) :collect (list o c)))

(defmethod component-depends-on ((o operation) (s system))
  (append (when (and (not (typep o 'define-op))
                     (or (system-source-file s) (definition-dependency-list s)))
            (list (list 'define-op (primary-system-name s))))
          (call-next-method)))

(defmethod perform ((o operation) (c undefined-system))
  (sysdef-error "Trying to use undefined or incompletely defined system ~A" (coerce-name c)))

(defmethod input-files ((o define-op) (s system))
  (let ((asd (system-source-file s))) (when asd (list asd))))

(defmethod perform ((o define-op) (s system))
  (let ((pathname (first (input-files o s))))
    (when pathname
      (let ((readtable *readtable*)
            (pprint-dispatch *print-pprint-dispatch*))
        (with-standard-io-syntax
          (let ((*print-readably* nil)
                (*readtable* readtable)
                (*print-pprint-dispatch* pprint-dispatch)
                (*package* (find-package :asdf-user))
                (*default-pathname-defaults*
                  (pathname-directory-pathname (physicalize-pathname pathname))))
            (handler-bind (((and error (not missing-component))
                             (lambda (condition)
                               (error 'load-system-definition-error
                                      :name (coerce-name s) :pathname pathname :condition condition))))
              (asdf-message "~&~@<; ~@;Loading system definition~@[ for ~A~] from ~A~@:>~%"
                            (coerce-name s) pathname)
              (unset-asdf-cache-entry (list 'component-depends-on o s))
              (unset-asdf-cache-entry (list 'input-files o s))
              (load* pathname :external-format (encoding-external-format (detect-encoding pathname))))))))))

(defun load-asd (pathname &key name)
  "Loads the system definitions in the .asd file PATHNAME (NAME: the system it is
expected to define), as an action of the current session. Use this, not LOAD, for .asd files."
  (with-asdf-session ()
    (let ((primary-name (primary-system-name (or name (pathname-name pathname))))
          (operation (make-operation 'define-op)))
      (let ((system (registered-system primary-name)))
        (if system
            (progn
              (setf (component-operation-time operation system) t
                    (definition-dependency-list system) nil
                    (definition-dependency-set system) (list-to-hash-set nil))
              (operate operation system))
            (let ((system (make-instance 'undefined-system :name primary-name :source-file pathname)))
              (register-system system)
              (unwind-protect (operate operation system)
                (when (typep system 'undefined-system)
                  (clear-system system)))))))))

(defun locate-system (name)
  "Where the system NAME is to be loaded from. Six values: whether it was found; a
system object found by a search function (to register), or NIL; the pathname of the
.asd to load; the system registered under NAME before, the time its definition was
loaded, and its primary system."
  (with-asdf-session ()
    (let* ((name (coerce-name name))
           (previous (registered-system name))
           (previous-primary (let ((p (and previous (primary-system-name previous))))
                               (and p (registered-system p))))
           (previous-time (and previous-primary
                               (component-operation-time 'define-op previous-primary)))
           (found (search-for-system-definition name))
           (found-system (and (typep found 'system) found))
           (pathname (ensure-pathname (or (and (typep found '(or pathname string)) (pathname found))
                                          (system-source-file found-system)
                                          (system-source-file previous))
                                      :want-absolute t :resolve-symlinks *resolve-symlinks*))
           (foundp (and (or found-system pathname previous) t)))
      (check-type found (or null pathname system))
      (values foundp found-system pathname previous previous-time previous-primary))))

(defun definition-dependencies-up-to-date-p (system)
  "Whether what SYSTEM's definition depended on when it was loaded is still up to date."
  (or (not (primary-system-p system))
      (handler-case
          (let ((plan (make-instance *plan-class*)))
            (and (loop :for (o . c) :in (definition-dependency-list system)
                       :always (action-up-to-date-p plan o c))
                 (let ((o (make-operation 'define-op)))
                   (multiple-value-bind (stamp done-p) (compute-action-stamp plan o system)
                     (and (timestamp<= stamp (component-operation-time o system))
                          done-p)))))
        (system-out-of-date () nil))))

(defmethod find-system ((name string) &optional (error-p t))
  (with-asdf-session (:key (list 'find-system name))
    (unless (primary-system-p name)
      (find-system (primary-system-name name) nil))
    (or (and *immutable-systems* (gethash name *immutable-systems*) (registered-system name))
        (multiple-value-bind (foundp found-system pathname previous previous-time previous-primary)
            (locate-system name)
          (declare (ignore foundp))
          (let ((previous-pathname (system-source-file previous))
                (system (or previous found-system)))
            (when (and found-system (not previous))
              (register-system found-system))
            (when (and system pathname)
              (setf (system-source-file system) pathname))
            (let ((stamp (get-file-stamp pathname)))
              (when stamp
                (unless (and previous previous-primary
                             (or (pathname-equal pathname previous-pathname)
                                 (and pathname previous-pathname
                                      (pathname-equal (physicalize-pathname pathname)
                                                      (physicalize-pathname previous-pathname))))
                             (timestamp<= stamp previous-time)
                             (definition-dependencies-up-to-date-p previous-primary))
                  (restart-case (signal 'system-out-of-date :name name)
                    (continue () :report "continue"))
                  (load-asd pathname :name name)))))
          (or (registered-system name)
              (when error-p (error 'missing-component :requires name)))))))
