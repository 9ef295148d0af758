;;;; Plans: walking the dependency graph of actions from a goal,
;;;; deciding what is done by stamps, and performing the rest in order.

(uiop:define-package :asdf/plan
  (:use :uiop/common-lisp :uiop :asdf/upgrade :asdf/session :asdf/component :asdf/operation :asdf/action :asdf/lisp-action :asdf/system :asdf/system-registry :asdf/find-component :asdf/forcing)
  (:import-from :asdf/parallel #:build-jobs #:run-actions)
  (:import-from :asdf/digest #:digests-up-to-date-p #:record-digests #:forget-file)
  (:export #:*plan-class* #:+status-good+ #:+status-todo+ #:+status-void+
    #:action-already-done-p #:action-status #:action-up-to-date-p
    #:circular-dependency #:circular-dependency-actions #:compute-action-stamp
    #:direct-dependencies #:filtered-sequential-plan #:make-plan
    #:map-direct-dependencies #:mark-as-done #:needed-in-image-p
    #:perform-plan #:plan #:plan-actions #:plan-actions-r
    #:plan-component-type #:plan-keep-component #:plan-keep-operation
    #:plan-traversal #:record-dependency #:reduce-direct-dependencies
    #:required-components #:sequential-plan #:status-done-p #:status-index
    #:status-keep-p #:status-need-p #:status-stamp #:system-out-of-date
    #:traverse-action))

(in-package :asdf/plan)

;;; A plan is made by walking the graph of actions depth-first from the goal,
;;; dependencies first, giving each action a status: whether its stamp is
;;; known and up to date (keep), whether it is done in this image (done),
;;; and whether the goal needs it (need). The actions not done, in the order
;;; the walk finished them, are the plan; performing it does them in turn.

(defclass plan () ()
  (:documentation "What a build will do."))

(defclass plan-traversal (plan)
  ((forcing :initform (forcing (toplevel-asdf-session)) :initarg :forcing :reader forcing))
  (:documentation "A plan made by walking the dependencies of its goal."))

(defclass sequential-plan (plan-traversal)
  ((actions-r :initform nil :accessor plan-actions-r))
  (:documentation "The default plan: the actions to perform, one after the other."))

(defgeneric plan-actions (plan)
  (:documentation "The actions of PLAN, in the order they are to be performed."))

(defmethod plan-actions ((plan list)) plan)

(defmethod plan-actions ((plan sequential-plan))
  (reverse (plan-actions-r plan)))

(defgeneric record-dependency (plan operation component)
  (:documentation "Called when the walk reaches the action, from the action that needs it
(the top of the session's VISITING-ACTION-LIST), for plans that record the graph."))

(defmethod record-dependency ((plan sequential-plan) (o operation) (c component))
  (values))

;;; Action statuses

(defclass action-status ()
  ((bits :type fixnum :initarg :bits :reader status-bits
         :documentation "The keep (4), done (2) and need (1) bits.")
   (stamp :initarg :stamp :reader status-stamp
          :documentation "When the action was (or will be) done; T if done in the image
from the start; NIL if it must be done.")
   (level :type fixnum :initarg :level :initform 0 :reader status-level
          :documentation "The deepest OPERATE-LEVEL that needed the action.")
   (index :initarg :index :initform nil :reader status-index
          :documentation "The action's number in the session, or NIL outside of a plan."))
  (:documentation "What a plan knows of one action."))

(defconstant +keep-bit+ 4)
(defconstant +done-bit+ 2)
(defconstant +need-bit+ 1)

(defparameter +status-good+ (make-instance 'action-status :bits 7 :stamp t)
  "The status of an action done and up to date.")
(defparameter +status-todo+ (make-instance 'action-status :bits 1 :stamp nil)
  "The status of an action needed and not done.")
(defparameter +status-void+ (make-instance 'action-status :bits 0 :stamp nil)
  "The status of an action not known to be done.")

(defun make-action-status (&key bits stamp (level 0) index)
  (check-type bits (integer 0 7))
  (check-type stamp (or integer boolean))
  (or (when (and (null index) (zerop level))
        (case bits
          (0 +status-void+)
          (1 +status-todo+)
          (7 (when (eq stamp t) +status-good+))))
      (make-instance 'action-status :bits bits :stamp stamp :level level :index index)))

(defun status-keep-p (status) (logtest (status-bits status) +keep-bit+))
(defun status-done-p (status) (logtest (status-bits status) +done-bit+))
(defun status-need-p (status) (logtest (status-bits status) +need-bit+))

(defun merge-action-status (a b)
  "The status of having done both: bits in common, the later stamp."
  (make-action-status :bits (logand (status-bits a) (status-bits b))
                      :stamp (latest-timestamp (status-stamp a) (status-stamp b))
                      :level (min (status-level a) (status-level b))
                      :index (or (status-index a) (status-index b))))

(defun mark-status-needed (status &optional (level (operate-level)))
  (if (and (status-need-p status) (>= (status-level status) level))
      status
      (make-action-status :bits (logior (status-bits status) +need-bit+)
                          :level (max level (status-level status))
                          :stamp (status-stamp status)
                          :index (status-index status))))

(defmethod print-object ((status action-status) stream)
  (print-unreadable-object (status stream :type t)
    (with-slots (bits stamp level index) status
      (format stream "~{~S~^ ~}" (list :bits bits :stamp stamp :level level :index index)))))

(defgeneric action-status (plan operation component)
  (:documentation "The action's status in PLAN (NIL: in the image), or NIL if not visited."))

(defgeneric (setf action-status) (status plan operation component)
  (:documentation "Sets the action's status in PLAN (NIL: in the image)."))

(defmethod action-status ((plan null) (o operation) (c component))
  (multiple-value-bind (stamp done-p) (component-operation-time o c)
    (if done-p
        (make-action-status :bits +keep-bit+ :stamp stamp)
        +status-void+)))

(defmethod (setf action-status) (status (plan null) (o operation) (c component))
  (let ((times (component-operation-times c)))
    (if (status-done-p status)
        (setf (gethash o times) (status-stamp status))
        (remhash o times)))
  status)

(defmethod action-status ((plan plan) (o operation) (c component))
  (let ((action (make-action o c))
        (visited (visited-actions *asdf-session*)))
    (or (gethash action visited)
        (when (action-forced-not-p (forcing plan) o c)
          (let ((status (action-status nil o c)))
            (setf (gethash action visited)
                  (make-action-status :bits 7
                                      :stamp (or (and status (status-stamp status)) t)
                                      :index (incf (total-action-count *asdf-session*)))))))))

(defmethod (setf action-status) (status (plan plan) (o operation) (c component))
  (setf (gethash (make-action o c) (visited-actions *asdf-session*)) status))

(defmethod (setf action-status) :after (status (plan sequential-plan) (o operation) (c component))
  (unless (status-done-p status)
    (push (make-action o c) (plan-actions-r plan))))

(defgeneric needed-in-image-p (operation component)
  (:documentation "Whether the action's effect lives in the image (so it must be done in
this process) rather than in files another process could have written."))

(defmethod needed-in-image-p ((o operation) (c component))
  (not (output-files o c)))

;;; Dependencies

(defun map-direct-dependencies (operation component function)
  "Calls FUNCTION with the operation and component of each valid action the action
directly depends on."
  (loop :for (o-spec . c-specs) :in (component-depends-on operation component)
        :for dep-o = (find-operation operation o-spec)
        :when dep-o
          :do (loop :for c-spec :in c-specs
                    :for dep-c = (and c-spec (resolve-dependency-spec component c-spec))
                    :when (action-valid-p dep-o dep-c)
                      :do (funcall function dep-o dep-c))))

(defun reduce-direct-dependencies (operation component combinator seed)
  "Folds COMBINATOR (called with a dependency's operation, component and the
accumulator) over the action's direct dependencies, from SEED."
  (map-direct-dependencies operation component
                           (lambda (o c) (setf seed (funcall combinator o c seed))))
  seed)

(defun direct-dependencies (operation component)
  "The actions the action directly depends on."
  (reverse (reduce-direct-dependencies operation component #'acons nil)))

(define-condition dependency-not-done (warning)
  ((op :initarg :op) (component :initarg :component)
   (dep-op :initarg :dep-op) (dep-component :initarg :dep-component)
   (plan :initarg :plan :initform nil))
  (:report (lambda (c s)
             (with-slots (op component dep-op dep-component plan) c
               (format s "Computing just-done stamp ~@[in plan ~S~] for action ~S, but dependency ~S wasn't done yet!"
                       plan (action-path (make-action op component))
                       (action-path (make-action dep-op dep-component)))))))

;;; Stamps: an action is up to date when its output files exist and are no
;;; older than its input files and the stamps of what it depends on. When
;;; the outputs carry a record of the digests of what they were built from
;;; (asdf/digest), the record decides instead of the dates.

(defun influencing-files (operation component)
  "The files the action is built from, as native namestrings: its input files, and
for each action it depends on, that action's output files, or if it has none, the
files it is built from in turn."
  (do-asdf-cache (list 'influencing-files operation component)
    ;; Each name once, in the order first met (a hash set: the lists of a
    ;; long serial system grow with each file).
    (let ((seen (make-hash-table :test 'equal)) (names '()))
      (labels ((add (name)
                 (unless (gethash name seen)
                   (setf (gethash name seen) t)
                   (push name names)))
               (add-files (files)
                 (dolist (f files) (when f (add (native-namestring f))))))
        (add-files (input-files operation component))
        (map-direct-dependencies
         operation component
         (lambda (o c)
           (let ((outputs (output-files o c)))
             (if outputs
                 (add-files outputs)
                 (mapc #'add (influencing-files o c)))))))
      (nreverse names))))

(defmethod compute-action-stamp (plan (o operation) (c component) &key just-done)
  (block nil
    (let* ((dep-status
             (reduce-direct-dependencies
              o c
              (lambda (dep-o dep-c status)
                (let ((s (action-status plan dep-o dep-c)))
                  (cond ((and s (or (status-keep-p s) (and just-done (status-stamp s))))
                         (merge-action-status s status))
                        (just-done
                         (unless (equal "asdf" (primary-system-name dep-c))
                           (warn 'dependency-not-done :plan plan :op o :component c
                                                      :dep-op dep-o :dep-component dep-c))
                         status)
                        (t (return (values nil nil))))))
              +status-good+))
           (dep-stamp (status-stamp dep-status))
           (in-files (input-files o c))
           (in-stamps (mapcar #'get-file-stamp in-files))
           (missing-in (loop :for f :in in-files :for s :in in-stamps
                             :unless s :collect f))
           (latest-in (timestamps-latest (cons dep-stamp in-stamps))))
      (when (and missing-in (not just-done)) (return (values nil nil)))
      (let* ((out-files (remove nil (output-files o c)))
             (out-stamps (mapcar (if just-done #'register-file-stamp #'get-file-stamp) out-files))
             (missing-out (loop :for f :in out-files :for s :in out-stamps
                                :unless s :collect f))
             (earliest-out (timestamps-earliest out-stamps))
             (all-present (not (or missing-in missing-out)))
             (digests (if (and asdf/digest:*use-digests* all-present out-files (not just-done)
                               (notany (lambda (s) (eq s t)) out-stamps))
                          (digests-up-to-date-p (first out-files) (influencing-files o c))
                          :unknown))
             (up-to-date-p (if (eq digests :unknown)
                               (timestamp<= latest-in earliest-out)
                               digests))
             (done-stamp (timestamps-latest (cons latest-in out-stamps))))
        (when (and just-done out-files)
          (mapc #'forget-file out-files)
          (when asdf/digest:*use-digests*
            (record-digests (first out-files) (influencing-files o c))))
        (when (and just-done (not all-present))
          (warn "~A completed without ~:[~*~;~*its input file~:p~2:*~{ ~S~}~*~]~
                 ~:[~; or ~]~:[~*~;~*its output file~:p~2:*~{ ~S~}~*~]"
                (action-description o c)
                missing-in (length missing-in) (and missing-in missing-out)
                missing-out (length missing-out)))
        (if (or just-done
                (and all-present up-to-date-p
                     (operation-done-p o c)
                     (not (action-forced-p (forcing (or plan *asdf-session*)) o c))))
            (values done-stamp
                    (or just-done
                        (and out-files t)
                        (and (status-done-p dep-status)
                             (multiple-value-bind (stamp done-p) (component-operation-time o c)
                               (and done-p (equal stamp done-stamp))))))
            (values nil nil))))))

;;; The walk

(defun compute-action-status (plan operation component need-p)
  (multiple-value-bind (stamp done-p) (compute-action-stamp plan operation component)
    (make-action-status :bits (logior (if stamp +keep-bit+ 0)
                                      (if done-p +done-bit+ 0)
                                      (if need-p +need-bit+ 0))
                        :stamp stamp
                        :level (operate-level)
                        :index (incf (total-action-count *asdf-session*)))))

(defun traverse-action (plan operation component needed-in-image-p)
  "Visits the action and (first) its dependencies, recording in PLAN what must be done.
NEEDED-IN-IMAGE-P says the goal needs the action's effects in this image."
  (block nil
    (unless (action-valid-p operation component) (return))
    (record-dependency plan operation component)
    (while-visiting-action (operation component)
      (let* ((aniip (needed-in-image-p operation component))
             (eniip (and aniip needed-in-image-p))
             (status (action-status plan operation component))
             (level (operate-level)))
        (when (and status
                   (or (status-done-p status)
                       (and (status-need-p status) (<= level (status-level status)))
                       (and (status-keep-p status) (not eniip))))
          (return))
        ;; An action first visited as not needed in the image, found out of date,
        ;; is visited again as needed: what it depends on must then be loaded.
        (labels ((visit (niip)
                   (map-direct-dependencies operation component
                                            (lambda (o c) (traverse-action plan o c niip)))
                   (let* ((status (if status
                                      (mark-status-needed status level)
                                      (compute-action-status plan operation component t)))
                          (out-of-date-p (not (status-keep-p status)))
                          (to-perform-p (or out-of-date-p (and niip (not (status-done-p status))))))
                     (if (and out-of-date-p (not niip))
                         (visit t)
                         (progn
                           (setf (action-status plan operation component) status)
                           (when (status-done-p status)
                             (setf (component-operation-time operation component) (status-stamp status)))
                           (when to-perform-p
                             (incf (planned-action-count *asdf-session*))
                             (unless aniip
                               (incf (planned-output-action-count *asdf-session*)))))))))
          (visit eniip))))))

(define-condition system-out-of-date (condition)
  ((name :initarg :name :reader component-name))
  (:report (lambda (c s) (format s "system ~A is out of date" (component-name c))))
  (:documentation "Signalled when a system is found out of date."))

(defun action-up-to-date-p (plan operation component)
  "The action's stamp if it and everything it depends on is up to date, else NIL.
Records the statuses found, but plans nothing."
  (block nil
    (unless (action-valid-p operation component) (return t))
    (while-visiting-action (operation component)
      (let ((status (or (action-status plan operation component)
                        (setf (action-status plan operation component)
                              (if (handler-case
                                      (block deps
                                        (map-direct-dependencies
                                         operation component
                                         (lambda (o c)
                                           (unless (action-up-to-date-p plan o c)
                                             (return-from deps nil))))
                                        t)
                                    (system-out-of-date () nil))
                                  (compute-action-status plan operation component nil)
                                  +status-void+)))))
        (and (status-keep-p status) (status-stamp status))))))

;;; Plans that collect a subset of the actions (for bundles and
;;; REQUIRED-COMPONENTS): every action the goal depends on, done or not.

(defclass filtered-sequential-plan (sequential-plan)
  ((component-type :initform t :initarg :component-type :reader plan-component-type)
   (keep-operation :initform t :initarg :keep-operation :reader plan-keep-operation)
   (keep-component :initform t :initarg :keep-component :reader plan-keep-component))
  (:documentation "A sequential plan of the actions whose operation and component are of
the types it keeps."))

(defmethod initialize-instance :after ((plan filtered-sequential-plan) &key system other-systems)
  (setf (slot-value plan 'forcing)
        (make-forcing :system system :force :all :force-not (if other-systems nil t))))

(defmethod plan-actions ((plan filtered-sequential-plan))
  (with-slots (keep-operation keep-component) plan
    (loop :for action :in (call-next-method)
          :when (and (typep (action-operation action) keep-operation)
                     (typep (action-component action) keep-component))
            :collect action)))

(defun collect-action-dependencies (plan operation component)
  (when (action-valid-p operation component)
    (while-visiting-action (operation component)
      (let ((action (make-action operation component))
            (visited (visited-actions *asdf-session*)))
        (unless (nth-value 1 (gethash action visited))
          (setf (gethash action visited) nil)
          (when (and (typep component (plan-component-type plan))
                     (not (action-forced-not-p (forcing plan) operation component)))
            (map-direct-dependencies operation component
                                     (lambda (o c) (collect-action-dependencies plan o c)))
            (push action (plan-actions-r plan))))))))

(defgeneric collect-dependencies (operation component &key &allow-other-keys)
  (:documentation "The actions the action depends on, directly or not, in order."))

(define-convenience-action-methods collect-dependencies (operation component &key))

(defmethod collect-dependencies ((operation operation) (component component)
                                 &rest keys &key &allow-other-keys)
  (let ((plan (apply #'make-instance 'filtered-sequential-plan
                     :system (component-system component) keys)))
    (loop :for (o . c) :in (direct-dependencies operation component)
          :do (collect-action-dependencies plan o c))
    (plan-actions plan)))

(defun required-components (system &rest keys &key (goal-operation 'load-op) &allow-other-keys)
  "The components involved in doing GOAL-OPERATION on SYSTEM, in order; KEYS as for
FILTERED-SEQUENTIAL-PLAN (:other-systems, :component-type, :keep-operation...)."
  (with-asdf-session (:override t)
    (remove-duplicates
     (mapcar #'action-component
             (apply #'collect-dependencies goal-operation system
                    (remove-plist-key :goal-operation keys)))
     :from-end t)))

;;; Making and performing plans

(defgeneric make-plan (plan-class operation component &key &allow-other-keys)
  (:documentation "The plan, of PLAN-CLASS (NIL: *PLAN-CLASS*), for doing OPERATION on COMPONENT."))

(define-convenience-action-methods make-plan (plan-class operation component &key))

(defgeneric mark-as-done (plan operation component)
  (:documentation "Records in PLAN that the action was just performed."))

(define-convenience-action-methods mark-as-done (plan operation component))

(defgeneric perform-plan (plan &key)
  (:documentation "Performs the actions of PLAN not done yet, in order."))

(defvar *plan-class* 'sequential-plan
  "The class of the plans OPERATE makes.")

(defmethod make-plan (plan-class (o operation) (c component) &rest keys &key &allow-other-keys)
  (with-asdf-session ()
    (let ((plan (apply #'make-instance (or plan-class *plan-class*) keys)))
      (traverse-action plan o c t)
      plan)))

(defmethod perform-plan :around ((plan t) &key)
  (assert (performable-p (forcing plan)) () "plan not performable")
  (let ((*package* *package*)
        (*readtable* *readtable*))
    (with-compilation-unit ()
      (call-next-method))))

(defun action-already-done-p (plan operation component)
  "Whether PLAN records the action as done."
  (let ((status (action-status plan operation component)))
    (and status (status-done-p status))))

(export (intern "*BUILD-PROGRESS*" :clove) :clove)

(defvar clove:*build-progress* :terminal
  "Whether building a system shows a status line (the action being performed and how
far along the plan is) instead of the compiler's messages: :TERMINAL (the default) when
standard output is a terminal, T always, NIL never.")

(defvar *performing-plan* nil
  "True while a plan is performed: a plan performed inside it shows no status line.")

(defun progress-stream ()
  "Where the outermost build shows its status line, or NIL: standard output, when
CLOVE:*BUILD-PROGRESS* is T, or is :TERMINAL and standard output is a terminal."
  (when (and (not *performing-plan*)
             (case clove:*build-progress*
               ((nil) nil)
               (:terminal (interactive-stream-p *standard-output*))
               (t t)))
    *standard-output*))

(defun progress-text (o c)
  "A short description of the action for the status line: compiling alpha/macros."
  (let ((path (format nil "~{~A~^/~}" (component-find-path c))))
    (typecase o
      (compile-op (format nil "compiling ~A" path))
      (load-op (format nil "loading ~A" path))
      (t (action-description o c)))))

(defun show-progress (stream done total o c)
  "Overwrites the status line with the action about to be performed."
  (let ((text (format nil "[~D/~D] ~A" done total (progress-text o c))))
    (format stream "~C~C[K~A" #\Return (code-char 27)
            (if (> (length text) 79) (subseq text 0 79) text))
    (finish-output stream)))

(defun asdf-methods-only-p (o c)
  "Whether only ASDF's own methods of PERFORM and PERFORM-WITH-RESTARTS apply to the
action: nothing of the user's runs when it is performed."
  (flet ((asdf-specializer-p (s)
           (or (eq s (find-class t))
               (and (typep s 'class)
                    (let ((package (symbol-package (class-name s))))
                      (and package (string-prefix-p "ASDF/" (package-name package))))))))
    (every (lambda (m) (every #'asdf-specializer-p (clove-mop:method-specializers m)))
           (append (compute-applicable-methods #'perform (list o c))
                   (compute-applicable-methods #'perform-with-restarts (list o c))))))

(defun action-kind (o c)
  "How a parallel build may perform the action: :WORKER (compiling a Lisp file with
ASDF's methods, in a forked worker), :FREE (an action whose ASDF method does nothing,
in any order) or :ORDERED (here, in the plan's order)."
  (cond ((not (asdf-methods-only-p o c)) :ordered)
        ((and (typep o 'compile-op) (typep c 'cl-source-file)) :worker)
        ((typep o '(or prepare-op prepare-source-op)) :free)
        ((and (typep o 'compile-op) (typep c 'parent-component) (null *warnings-file-type*)) :free)
        (t :ordered)))

(defun undefined-names ()
  "The functions and variables the current compilation unit is to report as
undefined."
  (let ((names '()))
    (when sys::*in-compilation-unit*
      (dolist (var '(sys::*undefined-functions* sys::*undefined-variables*))
        (maphash (lambda (name where) (declare (ignore where)) (push name names))
                 (symbol-value var))))
    names))

(defun perform-actions-in-parallel (plan actions kinds jobs show)
  "Performs ACTIONS (not done yet, in plan order; KINDS says how each may be done)
with up to JOBS files compiled at once in forked workers (asdf/parallel), calling
SHOW with each action started."
  (flet ((here (a)
           (destructuring-bind (o . c) a
             (unless (action-already-done-p plan o c)
               (perform-with-restarts o c)
               (mark-as-done plan o c)))))
    (run-actions
     actions
     :jobs jobs
     :kind (let ((table (make-hash-table :test 'equal)))
             (mapc (lambda (a k) (setf (gethash a table) k)) actions kinds)
             (lambda (a) (gethash a table)))
     :dependencies (lambda (a) (direct-dependencies (car a) (cdr a)))
     :perform-here #'here
     ;; The worker's value: the names the file added to those the
     ;; compilation unit reports undefined, and all the unit reports.
     :perform-in-worker (lambda (a)
                          (let ((before (undefined-names)))
                            (perform (car a) (cdr a))
                            (list (set-difference (undefined-names) before :test 'equal)
                                  (reify-deferred-warnings))))
     ;; A speculative compilation is taken if it said nothing of concern.
     :speculation-ok (lambda (out err data)
                       (declare (ignore out))
                       (and (zerop (length err)) (not (first data))))
     :worker-done (lambda (a ok out err data)
                    (destructuring-bind (o . c) a
                      (cond (ok
                             (write-string out *standard-output*)
                             (write-string err *error-output*)
                             (unreify-deferred-warnings (second data))
                             ;; (The worker wrote the record of digests.)
                             (let ((asdf/digest:*use-digests* nil))
                               (mark-operation-done o c))
                             (mark-as-done plan o c))
                            ;; Failed, or not taken: again here, where an error
                            ;; is signalled with its restarts, as in a serial
                            ;; build.
                            (t (here a)))))
     :started show)))

(defmethod perform-plan ((plan t) &key)
  (let* ((actions (remove-if (lambda (a) (action-already-done-p plan (car a) (cdr a)))
                             (plan-actions plan)))
         (jobs (build-jobs))
         ;; (Asking what each action is costs: only when files are compiled.)
         (kinds (when (and (> jobs 1)
                           (< 1 (count-if (lambda (a) (and (typep (car a) 'compile-op)
                                                           (typep (cdr a) 'cl-source-file)))
                                          actions)))
                  (mapcar (lambda (a) (action-kind (car a) (cdr a))) actions)))
         (progress (progress-stream))
         (total (length actions))
         (done 0)
         (*performing-plan* t))
    (flet ((show (a)
             (when progress (show-progress progress (incf done) total (car a) (cdr a))))
           (serial ()
             (loop :for a :in actions
                   :for (o . c) = a
                   :unless (action-already-done-p plan o c)
                     :do (when progress (show-progress progress (incf done) total o c))
                         (perform-with-restarts o c)
                         (mark-as-done plan o c))))
      (flet ((perform-all ()
               (if (< 1 (count :worker kinds))
                   (perform-actions-in-parallel plan actions kinds jobs #'show)
                   (serial))))
        (if (and progress (plusp total))
            ;; The status line replaces the compiler's and loader's messages.
            (unwind-protect
                 (let ((*compile-verbose* nil) (*compile-print* nil)
                       (*load-verbose* nil) (*load-print* nil))
                   (perform-all))
              (format progress "~C~C[K" #\Return (code-char 27))
              (finish-output progress))
            (perform-all))))))

(defmethod mark-as-done ((plan plan) (o operation) (c component))
  (let ((plan-status (action-status plan o c))
        (perform-status (action-status nil o c)))
    (assert (and (status-stamp perform-status) (status-keep-p perform-status)) ()
            "Just performed ~A but failed to mark it done" (action-description o c))
    (setf (action-status plan o c)
          (make-action-status :bits (logior (status-bits plan-status) +done-bit+)
                              :stamp (status-stamp perform-status)
                              :level (status-level plan-status)
                              :index (status-index plan-status)))))
