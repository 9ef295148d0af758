;;;; Forcing: which systems :force and :force-not make the plan
;;;; rebuild or leave alone.

(uiop:define-package :asdf/forcing
  (:use :uiop/common-lisp :uiop :asdf/upgrade :asdf/session :asdf/component :asdf/operation :asdf/system :asdf/system-registry)
  (:export #:action-forced-not-p #:action-forced-p #:forced #:forced-not
    #:forcing #:make-forcing #:normalize-forced-not-systems
    #:normalize-forced-systems #:performable-p))

(in-package :asdf/forcing)

;;; What OPERATE's :FORCE and :FORCE-NOT ask for, normalized to a set of system
;;; names (a hash table), a predicate on names, :ALL or NIL. Immutable systems
;;; are always forced-not: they are never rebuilt.

(defclass forcing ()
  ((performable-p :initform nil :initarg :performable-p :reader performable-p
                  :documentation "Whether plans made with this forcing may be performed.")
   (parameters :initform nil :initarg :parameters :reader parameters)
   (forced :initarg :forced :reader forced)
   (forced-not :initarg :forced-not :reader forced-not))
  (:documentation "Which systems a build must redo (forced) and must leave alone (forced-not)."))

(defgeneric action-forced-p (forcing operation component)
  (:documentation "Whether FORCING makes the action happen even if it is up to date."))

(defgeneric action-forced-not-p (forcing operation component)
  (:documentation "Whether FORCING keeps the action from happening (this wins over forced)."))

(defun normalize-forced-systems (force system)
  "FORCE as a set of system names, a predicate, :ALL or NIL: T means SYSTEM alone, a
list its systems."
  (etypecase force
    ((or (member nil :all) hash-table function) force)
    (cons (list-to-hash-set (mapcar #'coerce-name force)))
    ((eql t) (when system (list-to-hash-set (list (coerce-name system)))))))

(defun normalize-forced-not-systems (force-not system)
  "FORCE-NOT normalized as NORMALIZE-FORCED-SYSTEMS does, where T means every system but
SYSTEM, joined with the immutable systems."
  (let ((requested (etypecase force-not
                     ((or (member nil :all) hash-table function) force-not)
                     (cons (list-to-hash-set (mapcar #'coerce-name force-not)))
                     ((eql t) (if system
                                  (let ((name (coerce-name system)))
                                    (lambda (x) (not (equal x name))))
                                  :all)))))
    (if (and *immutable-systems* requested)
        (lambda (x) (or (call-function requested x) (call-function *immutable-systems* x)))
        (or *immutable-systems* requested))))

(defun action-override-p (forcing operation component accessor)
  (declare (ignore operation))
  (call-function (funcall accessor forcing)
                 (coerce-name (component-system (find-component nil component)))))

(defmethod action-forced-p (forcing operation component)
  (and (action-override-p forcing operation component 'forced)
       (not (builtin-system-p (component-system component)))))

(defmethod action-forced-not-p (forcing operation component)
  (action-override-p forcing operation component 'forced-not))

(defmethod action-forced-p ((forcing null) (operation operation) (component component)) nil)
(defmethod action-forced-not-p ((forcing null) (operation operation) (component component)) nil)

(defun or-function (f g)
  (cond ((or (null g) (eq f :all)) f)
        ((or (null f) (eq g :all)) g)
        (t (lambda (x) (or (call-function f x) (call-function g x))))))

(defun make-forcing (&key performable-p system (force nil force-p) (force-not nil force-not-p)
                     &allow-other-keys)
  "The forcing for an operation on SYSTEM with FORCE and FORCE-NOT. The outermost
performable operation sets the session's forcing; a nested one must ask for the same
(or nothing); a plan made inside a session adds its forcing to the session's."
  (let* ((session-forcing (when *asdf-session* (forcing *asdf-session*)))
         (system (and system (coerce-name system)))
         (forced (normalize-forced-systems force system))
         (forced-not (normalize-forced-not-systems force-not system))
         (parameters (append (when force (list :force force))
                             (when force-not (list :force-not force-not))
                             (when (or (eq force t) (eq force-not t)) (list :system system))
                             (when performable-p (list :performable-p t)))))
    (cond ((not session-forcing)
           (let ((forcing (make-instance 'forcing :performable-p performable-p :parameters parameters
                                                  :forced forced :forced-not forced-not)))
             (when (and performable-p *asdf-session*)
               (setf (forcing *asdf-session*) forcing))
             forcing))
          (performable-p
           (when (and (or force-p force-not-p)
                      (not (equal parameters (parameters session-forcing))))
             (parameter-error "~*~S and ~S arguments not allowed in a nested call to ~3:*~S ~
unless identically to toplevel" (find-symbol* :operate :asdf) :force :force-not))
           session-forcing)
          (t
           (make-instance 'forcing
                          :parameters (append parameters (list :on-top-of (parameters session-forcing)))
                          :forced (or-function (forced session-forcing) forced)
                          :forced-not (or-function (forced-not session-forcing) forced-not))))))

(defmethod print-object ((forcing forcing) stream)
  (print-unreadable-object (forcing stream :type t)
    (format stream "~{~S~^ ~}" (parameters forcing))))

(defmethod forcing ((x null))
  (let ((session (toplevel-asdf-session)))
    (if session (forcing session) (make-forcing :performable-p t))))

(defmethod forcing ((x cons))
  (forcing (toplevel-asdf-session)))
