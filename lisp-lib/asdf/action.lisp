;;;; Actions: an (operation . component) pair, the generic functions
;;;; a build asks of it (inputs, outputs, dependencies, perform) and the
;;;; propagation mixins (downward, upward, sideway, selfward).

(uiop:define-package :asdf/action
  (:nicknames :asdf-action)
  (:use :uiop/common-lisp :uiop :asdf/upgrade :asdf/session :asdf/component :asdf/operation)
  (:import-from :asdf/operation #:check-operation-constructor)
  (:import-from :asdf/component #:%additional-input-files)
  (:export #:accept #:action #:action-component #:action-description
    #:action-operation #:action-path #:action-valid-p #:additional-input-files
    #:call-while-visiting-action #:circular-dependency
    #:circular-dependency-actions #:component-depends-on
    #:component-operation-time #:compute-action-stamp
    #:define-convenience-action-methods #:downward-operation #:find-action
    #:format-action #:input-files #:make-action #:mark-operation-done
    #:non-propagating-operation #:operation-definition-error
    #:operation-definition-warning #:operation-done-p #:output-file
    #:output-files #:perform #:perform-with-restarts #:retry
    #:selfward-operation #:sideway-operation #:upward-operation
    #:while-visiting-action))

(in-package :asdf/action)

;;; An action is a cons of an operation and a component: the node of the
;;; build graph. Operations are unique per class, so EQUAL on actions is
;;; EQ on their parts.

(deftype action ()
  "An operation and a component: one step of a build."
  '(cons operation component))

(deftype operation-designator ()
  "An operation, NIL (the operation at hand), or a class or class name."
  '(or operation null symbol class))

(defun make-action (operation component) (cons operation component))
(defun action-operation (action) (car action))
(defun action-component (action) (cdr action))

(defun action-path (action)
  "A readable list naming ACTION: the operation's class name and the component's path."
  (when action
    (cons (type-of (action-operation action)) (component-find-path (action-component action)))))

(defun find-action (path)
  "The action ACTION-PATH named by PATH."
  (make-action (make-operation (car path)) (find-component nil (cdr path))))

(defmacro define-convenience-action-methods (function formals &key if-no-operation if-no-component)
  "Defines methods of the generic FUNCTION (whose lambda list FORMALS holds OPERATION
then COMPONENT, maybe between other arguments, maybe ending in &KEY) that accept an
operation designated by a string or symbol and a component designated by a name or
path, and call FUNCTION again with the operation and component they designate."
  (let* ((keyp (equal (last formals) '(&key)))
         (plain (if keyp (butlast formals) formals))
         (rest (gensym "REST"))
         (found (gensym "FOUND"))
         (oix (position 'operation plain))
         (prefix (subseq plain 0 oix))
         (suffix (subseq plain (+ oix 2)))
         (more (when keyp `(&rest ,rest &key &allow-other-keys))))
    (flet ((again (o c)
             (if keyp
                 `(apply ',function ,@prefix ,o ,c ,@suffix ,rest)
                 `(,function ,@prefix ,o ,c ,@suffix))))
      `(progn
         (defmethod ,function (,@prefix (operation string) component ,@suffix ,@more)
           (let ((component (find-component nil component)))
             ,(again '(safe-read-from-string operation :package :asdf/interface) 'component)))
         (defmethod ,function (,@prefix (operation symbol) component ,@suffix ,@more)
           (if operation
               ,(again '(make-operation operation)
                       `(or (find-component nil component) ,if-no-component))
               ,if-no-operation))
         (defmethod ,function (,@prefix (operation operation) component ,@suffix ,@more)
           (if (typep component 'component)
               (error "No defined method for ~S on ~/asdf-action:format-action/"
                      ',function (make-action operation component))
               (let ((,found (find-component nil component)))
                 (if ,found
                     ,(again 'operation found)
                     ,if-no-component))))))))

(defgeneric action-description (operation component)
  (:documentation "A phrase describing the action, such as \"compiling #<...>\"."))

(defmethod action-description (operation component)
  (format nil "~A on ~A" operation component))

(defun format-action (stream action &optional colon-p at-sign-p)
  "Prints ACTION's description to STREAM: use as ~/asdf-action:format-action/."
  (declare (ignore colon-p at-sign-p))
  (princ (action-description (action-operation action) (action-component action)) stream))

(defun action-valid-p (operation component)
  "Whether the action belongs in a plan: both exist, and the component's :if-feature holds."
  (and operation component
       (let ((feature (component-if-feature component)))
         (or (null feature) (featurep feature)))))

;;; Circularity: the actions being visited form a path; meeting one again is a cycle.

(define-condition circular-dependency (system-definition-error)
  ((actions :initarg :actions :reader circular-dependency-actions))
  (:report (lambda (c s)
             (format s "~@<Circular dependency of ~S on: ~3i~_~S~@:>"
                     (first (circular-dependency-actions c)) (circular-dependency-actions c)))))

(defun call-while-visiting-action (operation component function)
  "Calls FUNCTION with the action marked as being visited; signals CIRCULAR-DEPENDENCY
if it already is."
  (with-asdf-session ()
    (let ((action (make-action operation component))
          (session *asdf-session*))
      (when (gethash action (visiting-action-set session))
        (error 'circular-dependency
               :actions (member action (reverse (visiting-action-list session)) :test #'equal)))
      (setf (gethash action (visiting-action-set session)) t)
      (push action (visiting-action-list session))
      (unwind-protect (funcall function)
        (pop (visiting-action-list session))
        (remhash action (visiting-action-set session))))))

(defmacro while-visiting-action ((operation component) &body body)
  "Evaluates BODY with the action marked as being visited, as CALL-WHILE-VISITING-ACTION."
  `(call-while-visiting-action ,operation ,component (lambda () ,@body)))

;;; Dependencies, and how operations propagate them.

(defgeneric component-depends-on (operation component)
  (:documentation "The actions that must be done before OPERATION on COMPONENT, as a
list of (OPERATION-DESIGNATOR COMPONENT-DESIGNATOR...) entries, operations designated as
FIND-OPERATION says and components as RESOLVE-DEPENDENCY-SPEC says. Methods for
subclasses usually append CALL-NEXT-METHOD's value to theirs."))

(define-convenience-action-methods component-depends-on (operation component))

(defmethod component-depends-on :around ((o operation) (c component))
  (do-asdf-cache (list 'component-depends-on o c)
    (call-next-method)))

(defclass downward-operation (operation)
  ((downward-operation :initform nil :reader downward-operation :allocation :class))
  (:documentation "An operation on a module that needs its operation (or the one named
by the DOWNWARD-OPERATION slot) done on each child first."))

(defun downward-operation-depends-on (o c)
  (list (cons (or (downward-operation o) o) (component-children c))))

(defmethod component-depends-on ((o downward-operation) (c parent-component))
  (append (downward-operation-depends-on o c) (call-next-method)))

(defclass upward-operation (operation)
  ((upward-operation :initform nil :reader upward-operation :allocation :class))
  (:documentation "An operation on a component that needs its operation (or the one
named by the UPWARD-OPERATION slot) done on the component's parent first."))

(defun upward-operation-depends-on (o c)
  (let ((parent (component-parent c)))
    (when parent (list (list (or (upward-operation o) o) parent)))))

(defmethod component-depends-on ((o upward-operation) (c child-component))
  (append (upward-operation-depends-on o c) (call-next-method)))

(defclass sideway-operation (operation)
  ((sideway-operation :initform nil :reader sideway-operation :allocation :class))
  (:documentation "An operation on a component that needs its operation (or the one
named by the SIDEWAY-OPERATION slot) done on each of the component's declared
dependencies first."))

(defun sideway-operation-depends-on (o c)
  (list (cons (or (sideway-operation o) o) (component-sideway-dependencies c))))

(defmethod component-depends-on ((o sideway-operation) (c component))
  (append (sideway-operation-depends-on o c) (call-next-method)))

(defclass selfward-operation (operation)
  ((selfward-operation :reader selfward-operation :allocation :class))
  (:documentation "An operation on a component that needs other operations (the
SELFWARD-OPERATION slot: one or a list) done on the same component first."))

(defun selfward-operation-depends-on (o c)
  (mapcar (lambda (op) (list op c)) (ensure-list (selfward-operation o))))

(defmethod component-depends-on ((o selfward-operation) (c component))
  (append (selfward-operation-depends-on o c) (call-next-method)))

(defclass non-propagating-operation (operation) ()
  (:documentation "An operation with no dependencies but those declared with :in-order-to."))

(define-condition operation-definition-warning (simple-warning) ()
  (:documentation "An operation class that says nothing of how it propagates."))

(define-condition operation-definition-error (simple-error) ()
  (:documentation "An operation class whose propagation mixins contradict each other."))

(defun propagating-operation-p (o)
  (typep o '(or downward-operation upward-operation sideway-operation
             selfward-operation non-propagating-operation)))

(defmethod initialize-instance :before ((o operation) &key)
  (check-operation-constructor)
  (unless (propagating-operation-p o)
    (warn 'operation-definition-warning
          :format-control "No dependency propagating scheme specified for operation class ~S.
The class needs to be updated for ASDF 3.1 and specify appropriate propagation mixins."
          :format-arguments (list (type-of o)))))

(defmethod initialize-instance :before ((o non-propagating-operation) &key)
  (when (typep o '(or downward-operation upward-operation sideway-operation selfward-operation))
    (error 'operation-definition-error
           :format-control "Inconsistent class: ~S
  NON-PROPAGATING-OPERATION is incompatible with propagating operation classes as superclasses."
           :format-arguments (list (type-of o)))))

(defun backward-compatible-depends-on (o c)
  "ASDF 2's dependencies for an operation class with no propagation mixin: sideway,
and downward on modules."
  (append (sideway-operation-depends-on o c)
          (when (typep c 'parent-component) (downward-operation-depends-on o c))))

(defmethod component-depends-on ((o operation) (c component))
  (append (cdr (assoc (type-of o) (component-in-order-to c)))
          (unless (propagating-operation-p o)
            (backward-compatible-depends-on o c))))

(defmethod downward-operation ((o operation)) nil)
(defmethod sideway-operation ((o operation)) nil)

;;; Inputs and outputs.

(defgeneric output-files (operation component)
  (:documentation "The files the action writes, and as second value whether they are
final (true) or still to go through the output translations."))

(defgeneric input-files (operation component)
  (:documentation "The files the action reads."))

(defgeneric operation-done-p (operation component)
  (:documentation "False when the action must be performed again whatever the stamps say."))

(define-convenience-action-methods output-files (operation component))
(define-convenience-action-methods input-files (operation component))
(define-convenience-action-methods operation-done-p (operation component))

(defmethod operation-done-p ((o operation) (c component)) t)

(defmethod output-files :around ((operation t) (component t))
  (do-asdf-cache (list 'output-files operation component)
    (values
     (multiple-value-bind (pathnames fixedp) (call-next-method)
       (when pathnames
         (let* ((directory (pathname-directory-pathname
                            (component-pathname (find-component nil component))))
                (absolute (mapcar (lambda (p) (ensure-absolute-pathname p directory)) pathnames)))
           (if fixedp
               absolute
               (mapcar *output-translation-function* absolute)))))
     t)))

(defmethod output-files ((o operation) (c component)) nil)

(defun output-file (operation component)
  "The one output file of the action."
  (let ((files (output-files operation component)))
    (assert (length=n-p files 1))
    (first files)))

(defgeneric additional-input-files (operation component)
  (:documentation "Input files of the action beyond those it operates on, such as an
:around-compile hook's file: they count for the action's stamp."))

(define-convenience-action-methods additional-input-files (operation component))

(defmethod additional-input-files ((o operation) (c component))
  (cdr (assoc o (%additional-input-files c))))

(defmethod input-files :around (operation component)
  (do-asdf-cache (list 'input-files operation component)
    (append (call-next-method) (additional-input-files operation component))))

(defmethod input-files ((o operation) (c component)) nil)

(defmethod input-files ((o selfward-operation) (c component))
  (append (or (loop :for op :in (ensure-list (selfward-operation o))
                    :append (or (output-files op c) (input-files op c)))
              (let ((pathname (component-pathname c)))
                (and pathname (file-pathname-p pathname) (list pathname))))
          (call-next-method)))

;;; When an action was done, in this image.

(defgeneric component-operation-time (operation component)
  (:documentation "The stamp of the action's last completion in this image, or NIL."))

(defgeneric (setf component-operation-time) (stamp operation component)
  (:documentation "Records the stamp of the action's completion."))

(define-convenience-action-methods component-operation-time (operation component))

(defmethod component-operation-time ((o operation) (c component))
  (gethash o (component-operation-times c)))

(defmethod (setf component-operation-time) (stamp (o operation) (c component))
  (assert stamp () "invalid null stamp for ~A" (action-description o c))
  (setf (gethash o (component-operation-times c)) stamp))

(defgeneric mark-operation-done (operation component)
  (:documentation "Records that the action was just done, with its stamp now."))

(defgeneric compute-action-stamp (plan operation component &key just-done)
  (:documentation "The action's stamp (when it was or will be done; T when its files
must be remade) and, second value, whether it is done, in PLAN (NIL: in this image).
JUST-DONE says the action was just performed."))

(defmethod mark-operation-done ((o operation) (c component))
  (let ((stamp (compute-action-stamp nil o c :just-done t)))
    (assert stamp () "Failed to compute a stamp for completed action ~A" (action-description o c))
    (setf (component-operation-time o c) stamp)))

;;; Performing an action.

(defgeneric perform (operation component)
  (:documentation "Does the action: reads its input files and writes its output files."))

(define-convenience-action-methods perform (operation component))

(defmethod perform :around ((o operation) (c component))
  (while-visiting-action (o c) (call-next-method)))

(defmethod perform :before ((o operation) (c component))
  ;; The directories a build creates for its outputs are the user's alone.
  (dolist (file (output-files o c))
    (ensure-directories-exist (physicalize-pathname file) :mode #o700)))

(defmethod perform :after ((o operation) (c component))
  (mark-operation-done o c))

(defmethod perform ((o operation) (c parent-component)) nil)

(defmethod perform ((o operation) (c source-file))
  (when (propagating-operation-p o)
    (sysdef-error "~@<Required method ~S not implemented for ~/asdf-action:format-action/~@:>"
                  'perform (make-action o c))))

(defgeneric perform-with-restarts (operation component)
  (:documentation "PERFORM with the restarts RETRY and ACCEPT around it."))

(defmethod perform-with-restarts (operation component)
  (perform operation component))

(defmethod perform-with-restarts :around (operation component)
  (loop
    (restart-case (return (call-next-method))
      (retry ()
        :report (lambda (s) (format s "~@<Retry ~A.~@:>" (action-description operation component))))
      (accept ()
        :report (lambda (s) (format s "~@<Continue, treating ~A as having been successful.~@:>"
                                    (action-description operation component)))
        (mark-operation-done operation component)
        (return)))))
