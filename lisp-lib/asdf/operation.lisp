;;;; Operations: the verbs of a build (load-op, compile-op...), made
;;;; once per class and cached so actions compare with EQ.

(uiop:define-package :asdf/operation
  (:use :uiop/common-lisp :uiop :asdf/upgrade :asdf/session)
  (:export #:*operations* #:feature #:find-operation #:make-operation
    #:operation))

(in-package :asdf/operation)

(defclass operation () ()
  (:documentation "The class of the verbs of a build (load-op, compile-op...). There is
one instance per class, made by MAKE-OPERATION: operations have no state of their own,
so an action is identified by the EQ pair of an operation and a component."))

(defvar *in-make-operation* nil)

(defun check-operation-constructor ()
  "Signals an error unless called while MAKE-OPERATION makes an operation."
  (unless *in-make-operation*
    (sysdef-error "OPERATION instances must only be created through MAKE-OPERATION.")))

(defmethod print-object ((o operation) stream)
  (print-unreadable-object (o stream :type t)))

(defmethod initialize-instance :after ((o operation) &rest initargs &key &allow-other-keys)
  (when initargs
    (parameter-error "~S does not accept initargs" 'operation)))

(defvar *operations* (make-hash-table :test 'equal)
  "The operation instance of each operation class.")

(defvar *operations-by-name* (make-hash-table :test 'eq)
  "The operation instance of each class name asked for: MAKE-OPERATION's fast path.")

(defun make-operation (operation-class)
  "The one instance of OPERATION-CLASS (a class, or a symbol or string naming one, read
in the ASDF package), made the first time it is asked for."
  (or (and (symbolp operation-class) (not (keywordp operation-class))
           (let ((o (gethash operation-class *operations-by-name*)))
             (and o (eq (class-of o) (find-class operation-class nil)) o)))
      (let ((class (coerce-class operation-class :package :asdf/interface :super 'operation
                                                 :error 'sysdef-error))
            (*in-make-operation* t))
        (let ((o (ensure-gethash class *operations* (list #'make-instance class))))
          (when (and (symbolp operation-class) (not (keywordp operation-class)))
            (setf (gethash operation-class *operations-by-name*) o))
          o))))

(defgeneric find-operation (context spec)
  (:documentation "The operation SPEC designates where CONTEXT (an operation) asks for it:
an operation designates itself, NIL no operation, and a symbol or string the operation
of the class it names."))

(defmethod find-operation ((context t) (spec operation))
  spec)

(defmethod find-operation ((context t) (spec symbol))
  (when spec (make-operation spec)))

(defmethod find-operation ((context t) (spec string))
  (make-operation spec))
