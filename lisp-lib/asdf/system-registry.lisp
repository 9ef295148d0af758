;;;; The registry of defined systems by name, with the built-in
;;;; (immutable, preloaded) ones, and the search functions that find .asd files.

(uiop:define-package :asdf/system-registry
  (:use :uiop/common-lisp :uiop :asdf/upgrade :asdf/session :asdf/component :asdf/system)
  (:export #:*central-registry* #:*immutable-systems* #:*preloaded-systems*
    #:*registered-systems* #:*system-definition-search-functions* #:*builtin-search-functions*
    #:clear-registered-systems #:clear-system #:coerce-entry-to-directory
    #:contrib-sysdef-search #:find-system-if-being-defined #:map-systems
    #:mark-component-preloaded #:probe-asd #:register-immutable-system
    #:register-preloaded-system #:register-system #:registered-system
    #:registered-systems #:registered-systems* #:remove-entry-from-registry
    #:search-for-system-definition #:sysdef-central-registry-search
    #:sysdef-find-asdf #:sysdef-immutable-system-search
    #:sysdef-preloaded-system-search #:sysdef-source-registry-search))

(in-package :asdf/system-registry)

;;; Defined systems, by name

(defvar *registered-systems* (make-hash-table :test 'equal)
  "The systems defined so far: an EQUAL hash table from names to system objects.")

(defun registered-system (name)
  "The system registered under the name NAME designates, or NIL. Never searches."
  (gethash (coerce-name name) *registered-systems*))

(defun registered-systems* ()
  "A list of every registered system object."
  (loop :for system :being :the :hash-values :of *registered-systems* :collect system))

(defun registered-systems ()
  "A list of the names of every registered system."
  (mapcar #'coerce-name (registered-systems*)))

(defun register-system (system)
  "Registers SYSTEM under its name (replacing any system of that name) and returns it."
  (check-type system system)
  (let ((name (component-name system)))
    (check-type name string)
    (asdf-message "~&~@<; ~@;Registering system ~3i~_~A~@:>~%" name)
    (setf (gethash name *registered-systems*) system)))

(defun map-systems (fn)
  "Calls FN on each registered system."
  (loop :for system :being :the :hash-values :of *registered-systems*
        :do (funcall fn system)))

;;; Preloaded systems: in the image, with no file behind them.

(defvar *preloaded-systems* (make-hash-table :test 'equal)
  "The systems registered as preloaded: an EQUAL hash table from names to the
initargs of the system to make when one is needed.")

(defun mark-component-preloaded (component)
  "Records COMPONENT (a component or the name of a registered system) and all
its children as built: the times of its prepare-op, compile-op and load-op
(and define-op for a primary system) are set to 0."
  (let ((component (find-component component nil :registered t)))
    (map () #'mark-component-preloaded (component-children component))
    (let ((times (component-operation-times component)))
      (dolist (op `(,@(when (primary-system-p component) '(#:define-op))
                    #:prepare-op #:compile-op #:load-op))
        ;; The operation classes are defined after this file (in
        ;; asdf/lisp-action and asdf/find-system): look them up when called.
        (let ((class (or (find-symbol* op :asdf/lisp-action nil)
                         (find-symbol* op :asdf/find-system nil))))
          (setf (gethash (asdf/operation:make-operation class) times) 0))))))

(defun make-preloaded-system (name keys)
  (let ((system (apply #'make-instance (getf keys :class 'system)
                       :name name :source-file (getf keys :source-file)
                       (remove-plist-keys '(:class :name :source-file) keys))))
    (mark-component-preloaded system)
    system))

(defun sysdef-preloaded-system-search (requested)
  "When REQUESTED names a system registered as preloaded, a new system made
from its registration (not registered)."
  (let ((name (coerce-name requested)))
    (multiple-value-bind (keys foundp) (gethash name *preloaded-systems*)
      (when foundp (make-preloaded-system name keys)))))

(defun ensure-preloaded-system-registered (name)
  (unless (registered-system name)
    (let ((system (sysdef-preloaded-system-search name)))
      (when system (register-system system)))))

(defun register-preloaded-system (system-name &rest keys &key (version t) &allow-other-keys)
  "Registers SYSTEM-NAME as preloaded: whenever no system of that name is
defined (at first, and after CLEAR-SYSTEM), one is made from KEYS (initargs
such as :VERSION) and registered, with no file behind it. A VERSION of T (the
default) keeps the version of the system registered now, if any."
  (let ((name (coerce-name system-name)))
    (when (eql version t)
      (let ((system (registered-system name)))
        (when system
          (setf (getf keys :version) (component-version system)))))
    (setf (gethash name *preloaded-systems*) keys)
    (ensure-preloaded-system-registered system-name)))

;;; Immutable systems: preloaded, and never read again from a file.

(defvar *immutable-systems* nil
  "NIL, or an EQUAL hash table whose keys are the names of the immutable systems:
find-system returns them as registered, never looking for their .asd files, and
plans leave them alone. Add to it with REGISTER-IMMUTABLE-SYSTEM.")

(defun sysdef-immutable-system-search (requested)
  "When REQUESTED names an immutable system, that system as registered (an
error if it is not registered)."
  (let ((name (coerce-name requested)))
    (when (and *immutable-systems* (gethash name *immutable-systems*))
      (or (registered-system requested)
          (error 'formatted-system-definition-error
                 :format-control "Requested system ~A registered as an immutable-system, ~
but not even registered as defined"
                 :format-arguments (list name))))))

(defun register-immutable-system (system-name &rest keys)
  "Registers SYSTEM-NAME as preloaded (with KEYS, as REGISTER-PRELOADED-SYSTEM)
and immutable: from now on it is never searched for or rebuilt."
  (let ((name (coerce-name system-name)))
    (apply #'register-preloaded-system name keys)
    (unless *immutable-systems*
      (setf *immutable-systems* (list-to-hash-set nil)))
    (setf (gethash name *immutable-systems*) t)))

;;; Forgetting systems

(defun clear-system (system)
  "Forgets the definition of SYSTEM (a system or a name); the next find-system
reads its .asd file again. A preloaded system is replaced by a new one made
from its registration. Nothing the system loaded is unloaded. Returns T when
no system of that name is registered any more, NIL when a preloaded one was."
  (let ((name (coerce-name system)))
    (remhash name *registered-systems*)
    (unset-asdf-cache-entry `(find-system ,name))
    (not (ensure-preloaded-system-registered name))))

(defun clear-registered-systems ()
  "Clears every registered system, as CLEAR-SYSTEM."
  (map () #'clear-system (registered-systems)))

;;; Searching for definitions

(defvar *system-definition-search-functions*
  '(sysdef-central-registry-search sysdef-source-registry-search)
  "The functions (symbols) find-system calls in turn with a system's name to
find its definition, until one returns a pathname (its .asd file) or a system.")

(defun find-system-if-being-defined (name)
  "The system named NAME whose definition is being read in the current session, or NIL."
  (when *asdf-session*
    (first (gethash `(find-system ,(coerce-name name)) (asdf-cache)))))

(defparameter *builtin-system-names* '("asdf" "asdf-package-system" "uiop")
  "The systems that are part of clove's image.")

(defun sysdef-find-asdf (name)
  "For the name of a system built into clove (asdf, uiop), that system as
registered: an asdf.asd or uiop.asd found in some directory never replaces them."
  (let ((name (coerce-name name)))
    (when (member name *builtin-system-names* :test #'equal)
      (or (registered-system name)
          (ensure-preloaded-system-registered name)))))

(defvar *builtin-search-functions* '(sysdef-find-asdf)
  "clove: the search functions for the systems clove provides (asdf and uiop, then
the compatibility systems of asdf/compat), asked before any other.")

(defun search-for-system-definition (system)
  "Where the definition of SYSTEM is: a system clove provides, or the system being
defined in this session, or an immutable system, or else the first answer of
*SYSTEM-DEFINITION-SEARCH-FUNCTIONS* (a pathname or a system); NIL if none."
  (let ((name (coerce-name system)))
    (dolist (fn (append *builtin-search-functions*
                        '(find-system-if-being-defined sysdef-immutable-system-search)
                        *system-definition-search-functions*)
                nil)
      (let ((found (funcall fn name)))
        (when found (return found))))))

;;; The central registry

(defvar *central-registry* nil
  "A list of forms, each evaluated to a directory where a system's .asd file may
be (by its primary name), searched in order before the source registry.
For example (list '*default-pathname-defaults* #p\"/home/me/lisp/systems/\").")

(defun probe-asd (name defaults &key truename)
  "The file NAME.asd in the directory DEFAULTS (made absolute against the
current directory), its truename if TRUENAME, when it exists; else NIL."
  (when (directory-pathname-p defaults)
    (probe-file* (ensure-absolute-pathname
                  (parse-unix-namestring name :type "asd")
                  (lambda () (ensure-absolute-pathname defaults 'get-pathname-defaults nil))
                  nil)
                 :truename truename)))

(defun sysdef-central-registry-search (system)
  "The .asd file of SYSTEM's primary system in the first directory of
*CENTRAL-REGISTRY* that has it, or NIL. An entry that is not a directory is an
error, with restarts to remove it from the registry or to use it as a directory."
  (let ((name (primary-system-name system))
        (to-remove '())
        (to-replace '()))
    (unwind-protect
         (dolist (entry *central-registry* nil)
           (let ((defaults (eval entry))
                 (directorized nil))
             (when defaults
               (if (directory-pathname-p defaults)
                   (let ((file (probe-asd name defaults :truename *resolve-symlinks*)))
                     (when file (return file)))
                   (restart-case
                       (let ((*print-circle* nil))
                         (error "~A"
                                (format nil "~@<While searching for system ~S: ~3i~_~S evaluated to ~S which is not an absolute directory.~@:>"
                                        system entry defaults)))
                     (remove-entry-from-registry ()
                       :report "Remove entry from *central-registry* and continue"
                       (push entry to-remove))
                     (coerce-entry-to-directory ()
                       :test (lambda (c)
                               (declare (ignore c))
                               (directory-pathname-p
                                (setf directorized (ensure-directory-pathname defaults))))
                       :report (lambda (s)
                                 (format s "~@<Coerce entry to ~a, replace ~a and continue.~@:>"
                                         directorized entry))
                       (push (cons entry directorized) to-replace)))))))
      (dolist (entry to-remove)
        (setf *central-registry* (remove entry *central-registry*)))
      (dolist (pair to-replace)
        (setf *central-registry*
              (substitute (cdr pair) (car pair) *central-registry* :count 1))))))
