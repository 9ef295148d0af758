;;;; DOCUMENTATION and (SETF DOCUMENTATION) for every doc-type, the
;;;; docstrings the defining forms record, and compiler macros.

(in-package "CLOVE-TEST")

;;; --- Docstrings recorded by the defining forms

(defun doc-fn (x) "Doc of DOC-FN." x)
(defun doc-fn-lone () "just the value")
(defun doc-fn-after-declare (x) (declare (ignore x)) "After a declaration." nil)
(defun (setf doc-fn) (new x) "Doc of (SETF DOC-FN)." (list new x))
(defmacro doc-macro (x) "Doc of DOC-MACRO." x)
(defvar *doc-var* 1 "Doc of *DOC-VAR*.")
(defvar *doc-var-unbound*)
(defparameter *doc-param* 2 "Doc of *DOC-PARAM*.")
(defconstant +doc-constant+ 3 "Doc of +DOC-CONSTANT+.")
(deftype doc-type () "Doc of DOC-TYPE." 'integer)
(defstruct doc-struct "Doc of DOC-STRUCT." a)
(defstruct (doc-list-struct (:type list)) "Doc of DOC-LIST-STRUCT." a)
(define-condition doc-condition (error) () (:documentation "Doc of DOC-CONDITION."))
(defclass doc-class () ((slot :initarg :slot :documentation "Doc of SLOT."))
  (:documentation "Doc of DOC-CLASS."))
(defgeneric doc-gf (x) (:documentation "Doc of DOC-GF."))
(defmethod doc-gf ((x integer)) "Doc of a method." x)
(defmethod doc-gf ((x string)) "the value")
(defpackage "CLOVE-DOC-PACKAGE" (:use) (:documentation "Doc of a package."))
(define-compiler-macro doc-fn (&whole form x) "Doc of DOC-FN's compiler macro." (declare (ignore x)) form)
(define-compiler-macro (setf doc-fn) (&whole form &rest args) "Doc of (SETF DOC-FN)'s compiler macro."
  (declare (ignore args)) form)
(defun doc-access (x) (car x))
(defsetf doc-access (x) (v) "Doc of DOC-ACCESS's SETF." `(setf (car ,x) ,v))
(defun doc-short-access (x) (car x))
(defsetf doc-short-access rplaca "Doc of the short DEFSETF.")
(define-setf-expander doc-expanded (x) "Doc of a setf expander." (values nil nil (list (gensym)) x x))
(define-modify-macro doc-incf () 1+ "Doc of DOC-INCF.")
(define-method-combination doc-combination :operator + :documentation "Doc of DOC-COMBINATION.")

(check doc-defun (documentation 'doc-fn 'function) "Doc of DOC-FN.")
(check doc-defun-object (documentation #'doc-fn t) "Doc of DOC-FN.")
(check doc-defun-object-function (documentation #'doc-fn 'function) "Doc of DOC-FN.")
(check doc-lone-string-is-value (list (doc-fn-lone) (documentation 'doc-fn-lone 'function)) '("just the value" nil))
(check doc-after-declare (documentation 'doc-fn-after-declare 'function) "After a declaration.")
(check doc-setf-function (documentation '(setf doc-fn) 'function) "Doc of (SETF DOC-FN).")
(check doc-defmacro (documentation 'doc-macro 'function) "Doc of DOC-MACRO.")
(check doc-macro-function (documentation (macro-function 'doc-macro) t) "Doc of DOC-MACRO.")
(check doc-defvar (documentation '*doc-var* 'variable) "Doc of *DOC-VAR*.")
(check doc-defvar-none (documentation '*doc-var-unbound* 'variable) nil)
(check doc-defparameter (documentation '*doc-param* 'variable) "Doc of *DOC-PARAM*.")
(check doc-defconstant (documentation '+doc-constant+ 'variable) "Doc of +DOC-CONSTANT+.")
(check doc-deftype (documentation 'doc-type 'type) "Doc of DOC-TYPE.")
(check doc-defstruct (list (documentation 'doc-struct 'structure) (documentation 'doc-struct 'type)
                           (documentation (find-class 'doc-struct) t))
       '("Doc of DOC-STRUCT." "Doc of DOC-STRUCT." "Doc of DOC-STRUCT."))
(check doc-defstruct-typed (documentation 'doc-list-struct 'structure) "Doc of DOC-LIST-STRUCT.")
(check doc-define-condition (documentation 'doc-condition 'type) "Doc of DOC-CONDITION.")
(check doc-defclass (list (documentation 'doc-class 'type) (documentation (find-class 'doc-class) t)
                          (documentation (find-class 'doc-class) 'type))
       '("Doc of DOC-CLASS." "Doc of DOC-CLASS." "Doc of DOC-CLASS."))
(check doc-slot-definition
       (documentation (first (clove-mop:class-direct-slots (find-class 'doc-class))) t)
       "Doc of SLOT.")
(check doc-defgeneric (list (documentation 'doc-gf 'function) (documentation #'doc-gf t))
       '("Doc of DOC-GF." "Doc of DOC-GF."))
(check doc-defmethod (documentation (find-method #'doc-gf '() (list (find-class 'integer))) t) "Doc of a method.")
(check doc-defmethod-lone-string
       (list (doc-gf "x") (documentation (find-method #'doc-gf '() (list (find-class 'string))) t))
       '("the value" nil))
(check doc-defpackage (documentation (find-package "CLOVE-DOC-PACKAGE") t) "Doc of a package.")
(check doc-compiler-macro (documentation 'doc-fn 'compiler-macro) "Doc of DOC-FN's compiler macro.")
(check doc-setf-compiler-macro (documentation '(setf doc-fn) 'compiler-macro) "Doc of (SETF DOC-FN)'s compiler macro.")
(check doc-defsetf-long (documentation 'doc-access 'setf) "Doc of DOC-ACCESS's SETF.")
(check doc-defsetf-short (documentation 'doc-short-access 'setf) "Doc of the short DEFSETF.")
(check doc-define-setf-expander (documentation 'doc-expanded 'setf) "Doc of a setf expander.")
(check doc-define-modify-macro (documentation 'doc-incf 'function) "Doc of DOC-INCF.")
(check doc-method-combination (documentation 'doc-combination 'method-combination) "Doc of DOC-COMBINATION.")

;;; Things without documentation.
(check doc-none-function (documentation (lambda (x) x) t) nil)
(check doc-none-special-operator (documentation 'if 'function) nil)
(check doc-none-variable (documentation (gensym) 'variable) nil)
(check doc-none-type (documentation (gensym) 'type) nil)
(check doc-redefinition-drops-doc
       (progn (eval '(defun doc-redefined () "first" 1))
              (eval '(defun doc-redefined () 2))
              (documentation 'doc-redefined 'function))
       nil)
(check doc-macro-redefinition-drops-doc
       (progn (eval '(defmacro doc-macro-redefined () "first" 1))
              (eval '(defmacro doc-macro-redefined () 2))
              (documentation 'doc-macro-redefined 'function))
       nil)

;;; --- (SETF DOCUMENTATION)

(check setf-doc-symbol-function
       (list (setf (documentation 'doc-fn 'function) "New doc.") (documentation #'doc-fn t))
       '("New doc." "New doc."))
(check setf-doc-function-object
       (progn (setf (documentation #'doc-fn t) "Newer doc.") (documentation 'doc-fn 'function))
       "Newer doc.")
(check setf-doc-anonymous-function
       (let ((f (lambda () 1)))
         (setf (documentation f t) "Anonymous.")
         (list (documentation f t) (documentation f 'function)))
       '("Anonymous." "Anonymous."))
(check setf-doc-nil-removes
       (progn (setf (documentation 'doc-fn 'function) nil) (documentation 'doc-fn 'function))
       nil)
(check setf-doc-each-symbol-type
       (let ((s (gensym)))
         (mapcar (lambda (type) (setf (documentation s type) (string type)) (documentation s type))
                 '(variable type structure setf compiler-macro method-combination function)))
       '("VARIABLE" "TYPE" "STRUCTURE" "SETF" "COMPILER-MACRO" "METHOD-COMBINATION" "FUNCTION"))
(check setf-doc-setf-function-name
       (let ((name (list 'setf (gensym))))
         (setf (documentation name 'function) "Setf fn.")
         (documentation name 'function))
       "Setf fn.")
(check setf-doc-generic-function
       (progn (setf (documentation 'doc-gf 'function) "Changed.") (documentation #'doc-gf t))
       "Changed.")
(check setf-doc-class-type
       (progn (setf (documentation 'doc-class 'type) "Class changed.") (documentation (find-class 'doc-class) t))
       "Class changed.")
(check setf-doc-package
       (let ((p (find-package "CLOVE-DOC-PACKAGE")))
         (setf (documentation p t) "Package changed.")
         (documentation p t))
       "Package changed.")
(check setf-doc-method
       (let ((m (find-method #'doc-gf '() (list (find-class 'integer)))))
         (setf (documentation m t) "Method changed.")
         (documentation m t))
       "Method changed.")
(check setf-doc-user-method
       (progn
         (defclass doc-holder () ((doc :initform nil :accessor holder-doc)))
         (defmethod documentation ((x doc-holder) (doc-type (eql t))) (holder-doc x))
         (defmethod (setf documentation) ((new string) (x doc-holder) (doc-type (eql t)))
           (setf (holder-doc x) new))
         (let ((h (make-instance 'doc-holder)))
           (setf (documentation h t) "Held.")
           (documentation h t)))
       "Held.")

;;; --- Errors and unsupported doc-types (as SBCL: a style warning and NIL)

(check-error doc-setf-not-a-string (setf (documentation 'doc-fn 'function) 3) type-error)
(check-error doc-setf-not-a-string-variable (setf (documentation '*doc-var* 'variable) 'foo) type-error)
(check-error doc-bad-function-name (documentation '(foo bar) 'function) type-error)
(check-error doc-unknown-doc-type-warns (documentation 'car 'no-such-doc-type) style-warning)
(check doc-unknown-doc-type-nil
       (handler-bind ((warning #'muffle-warning)) (documentation 'car 'no-such-doc-type))
       nil)
(check doc-unsupported-object-nil
       (handler-bind ((warning #'muffle-warning)) (documentation 42 t))
       nil)
(check-error doc-setf-unsupported-warns (setf (documentation 42 t) "x") warning)
(check-error doc-too-few-arguments (funcall #'documentation 'car) program-error)

;;; --- Compiler macros

(check compiler-macro-function-defined
       (funcall (compiler-macro-function 'doc-fn) '(doc-fn 1) nil)
       '(doc-fn 1))
(check compiler-macro-function-none (compiler-macro-function (gensym)) nil)
(check compiler-macro-funcall-form
       (progn
         (define-compiler-macro doc-square (&whole form x)
           (if (numberp x) (* x x) form))
         (list (funcall (compiler-macro-function 'doc-square) '(doc-square 3) nil)
               (funcall (compiler-macro-function 'doc-square) '(funcall #'doc-square 4) nil)
               (funcall (compiler-macro-function 'doc-square) '(doc-square y) nil)))
       '(9 16 (doc-square y)))
(check setf-compiler-macro-function
       (let ((name (gensym)))
         (setf (compiler-macro-function name) (lambda (form env) (declare (ignore env)) form))
         (prog1 (functionp (compiler-macro-function name))
           (setf (compiler-macro-function name) nil)))
       t)
(check-error compiler-macro-function-bad-name (compiler-macro-function 42) type-error)
(check-error setf-compiler-macro-function-not-a-function
             (setf (compiler-macro-function (gensym)) 42) type-error)

;;; --- DESCRIBE shows docstrings

(check describe-shows-function-doc
       (let ((s (with-output-to-string (out) (describe 'doc-macro out))))
         (and (search "Doc of DOC-MACRO." s) t))
       t)
(check describe-shows-variable-doc
       (let ((s (with-output-to-string (out) (describe '*doc-param* out))))
         (and (search "Doc of *DOC-PARAM*." s) t))
       t)
(check describe-shows-class-doc
       (let ((s (with-output-to-string (out) (describe (find-class 'doc-condition) out))))
         (and (search "Doc of DOC-CONDITION." s) t))
       t)
