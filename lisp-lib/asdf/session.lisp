;;;; The session: one build's state (visited actions, cached stamps,
;;;; forced systems), shared by nested operate calls, and the phases of
;;;; ASDF 3.3 (loading an .asd file is an action of the plan).

(uiop:define-package :asdf/session
  (:use :uiop/common-lisp :uiop :asdf/upgrade)
  (:export #:*asdf-session* #:*asdf-session-class* #:asdf-cache
    #:asdf-upgraded-p #:call-with-asdf-session #:clear-configuration-and-retry
    #:compute-file-stamp #:consult-asdf-cache #:do-asdf-cache #:forcing
    #:format-arguments #:format-control #:formatted-system-definition-error
    #:get-file-stamp #:normalize-namestring #:operate-level
    #:planned-action-count #:planned-output-action-count #:register-file-stamp
    #:retry #:session #:session-cache #:set-asdf-cache-entry #:sysdef-error
    #:system-definition-error #:toplevel-asdf-session #:total-action-count
    #:unset-asdf-cache-entry #:visited-actions #:visiting-action-list
    #:visiting-action-set #:with-asdf-session))

(in-package :asdf/session)

(defvar *asdf-session* nil
  "The session of the build in progress, or NIL outside of one.")

(defvar *asdf-session-class* 'session
  "The class of the sessions WITH-ASDF-SESSION makes.")

(defclass session ()
  ((ancestor :initform nil :initarg :ancestor :reader session-ancestor
             :documentation "The outermost session this one is nested in, or NIL.")
   (session-cache :initform (make-hash-table :test 'equal) :initarg :session-cache
                  :reader session-cache
                  :documentation "Memoized computations (file stamps, dependencies...).")
   (operate-level :initform 0 :initarg :operate-level :accessor session-operate-level
                  :documentation "How many calls of OPERATE are active (outermost session).")
   (asdf-upgraded-p :initform nil :initarg :asdf-upgraded-p :accessor asdf-upgraded-p)
   (forcing :initform nil :initarg :forcing :accessor forcing
            :documentation "What :FORCE and :FORCE-NOT asked for in this session.")
   (visited-actions :initform (make-hash-table :test 'equal) :accessor visited-actions
                    :documentation "The status of each action planned in this session.")
   (visiting-action-set :initform (make-hash-table :test 'equal) :accessor visiting-action-set)
   (visiting-action-list :initform nil :accessor visiting-action-list
                         :documentation "The actions being visited, innermost first.")
   (total-action-count :initform 0 :accessor total-action-count)
   (planned-action-count :initform 0 :accessor planned-action-count)
   (planned-output-action-count :initform 0 :accessor planned-output-action-count))
  (:documentation "The state of one build: what was planned and done, and the cached
computations that stay valid while it lasts."))

(defun toplevel-asdf-session ()
  "The outermost session in progress, or NIL."
  (when *asdf-session*
    (or (session-ancestor *asdf-session*) *asdf-session*)))

(defun operate-level ()
  "How many calls of OPERATE are active."
  (session-operate-level (toplevel-asdf-session)))

(defun (setf operate-level) (level)
  (setf (session-operate-level (toplevel-asdf-session)) level))

(defun asdf-cache ()
  "The cache of the current session."
  (session-cache *asdf-session*))

(defun set-asdf-cache-entry (key values)
  "Caches the list VALUES under KEY in the current session (if any); returns them as values."
  (when *asdf-session*
    (setf (gethash key (session-cache *asdf-session*)) values))
  (values-list values))

(defun unset-asdf-cache-entry (key)
  "Forgets what the current session cached under KEY."
  (when *asdf-session*
    (remhash key (session-cache *asdf-session*))))

(defun consult-asdf-cache (key &optional thunk)
  "The values cached under KEY in the current session; computed by calling THUNK
(and cached) when absent. Outside of a session, THUNK is just called."
  (if *asdf-session*
      (multiple-value-bind (values found) (gethash key (session-cache *asdf-session*))
        (if found
            (values-list values)
            (set-asdf-cache-entry key (multiple-value-list (call-function thunk)))))
      (call-function thunk)))

(defmacro do-asdf-cache (key &body body)
  "Evaluates BODY once per session for KEY, as CONSULT-ASDF-CACHE."
  `(consult-asdf-cache ,key (lambda () ,@body)))

(defun call-with-asdf-session (thunk &key override key override-cache override-forcing)
  "Calls THUNK inside a session: the current one, unless there is none or OVERRIDE
asks for a new one (nested: sharing the outer cache and forcing unless told not to).
With KEY, the result is cached in the session under KEY. A new session offers the
restarts RETRY and CLEAR-CONFIGURATION-AND-RETRY."
  (let ((fun (if key (lambda () (consult-asdf-cache key thunk)) thunk)))
    (if (and *asdf-session* (not override))
        (funcall fun)
        (loop
          (restart-case
              (let ((*asdf-session*
                      (apply #'make-instance *asdf-session-class*
                             (when *asdf-session*
                               (append (list :ancestor (toplevel-asdf-session))
                                       (unless override-forcing
                                         (list :forcing (forcing *asdf-session*)))
                                       (unless override-cache
                                         (list :session-cache (session-cache *asdf-session*))))))))
                (return (funcall fun)))
            (retry ()
              :report (lambda (s) (format s "Retry ASDF operation."))
              nil)
            (clear-configuration-and-retry ()
              :report (lambda (s) (format s "Retry ASDF operation after resetting the configuration."))
              (when *asdf-session*
                (clrhash (session-cache *asdf-session*)))
              (clear-configuration)))))))

(defmacro with-asdf-session ((&key key override override-cache override-forcing) &body body)
  "Evaluates BODY in an ASDF session, as CALL-WITH-ASDF-SESSION."
  `(call-with-asdf-session (lambda () ,@body)
                           :override ,override :key ,key
                           :override-cache ,override-cache :override-forcing ,override-forcing))

;;; File stamps: a file's write date, read once per session.

(defun normalize-namestring (pathname)
  "The namestring of PATHNAME made absolute, with symbolic links resolved: the key
under which its stamp is cached."
  (let ((p (ensure-absolute-pathname (physicalize-pathname pathname) 'get-pathname-defaults)))
    ;; An existing file with a plain name is resolved by one realpath, whose
    ;; answer is already the namestring of its truename.
    (or (and *resolve-symlinks* (uiop/filesystem::%plain-native-truename p))
        (namestring (resolve-symlinks* p)))))

(defun compute-file-stamp (normalized-namestring)
  "The write date of the file, or T when it has none (it does not exist)."
  (or (if (and (plusp (length normalized-namestring))
               (char= (char normalized-namestring 0) #\/)
               (not (find #\* normalized-namestring)) (not (find #\? normalized-namestring)))
          ;; A plain absolute name is the native one: stat it directly.
          (handler-case (sys::%file-write-date normalized-namestring normalized-namestring)
            (file-error () nil))
          (safe-file-write-date normalized-namestring))
      t))

(defun register-file-stamp (file &optional (stamp nil stampp))
  "Records FILE's stamp (its write date now, or STAMP) in the session's cache."
  (let ((name (normalize-namestring file)))
    (set-asdf-cache-entry (list 'get-file-stamp name)
                          (list (if stampp stamp (compute-file-stamp name))))))

(defun get-file-stamp (file)
  "FILE's write date (T if it does not exist), read once per session; NIL for NIL."
  (when file
    (let ((name (normalize-namestring file)))
      (do-asdf-cache (list 'get-file-stamp name)
        (compute-file-stamp name)))))

;;; The conditions of system definitions.

(define-condition system-definition-error (error) ()
  (:documentation "An error in the definition of a system or in finding one."))

(define-condition formatted-system-definition-error (system-definition-error)
  ((format-control :initarg :format-control :reader format-control)
   (format-arguments :initarg :format-arguments :reader format-arguments))
  (:report (lambda (c s) (apply #'format s (format-control c) (format-arguments c)))))

(defun sysdef-error (format &rest arguments)
  "Signals a FORMATTED-SYSTEM-DEFINITION-ERROR with this message."
  (error 'formatted-system-definition-error :format-control format :format-arguments arguments))
