;;;; Documentation strings (CLHS 25.1.4 DOCUMENTATION, (SETF DOCUMENTATION))
;;;; and compiler macros (CLHS 3.2.2.1, DEFINE-COMPILER-MACRO,
;;;; COMPILER-MACRO-FUNCTION).
;;;;
;;;; Where docstrings live (all of it survives images and fasls):
;;;; - metaobjects keep their own: classes (+class-documentation+, which also
;;;;   serves a class name's TYPE and STRUCTURE documentation), generic
;;;;   functions, methods, slot definitions;
;;;; - everything named by a symbol is on the symbol's property list under
;;;;   an indicator %DOC-<doc-type> (%DOC-FUNCTION, %DOC-SETF-FUNCTION for
;;;;   (setf name), %DOC-VARIABLE, %DOC-TYPE, %DOC-STRUCTURE, %DOC-SETF,
;;;;   %DOC-COMPILER-MACRO, %DOC-SETF-COMPILER-MACRO,
;;;;   %DOC-METHOD-COMBINATION), put there by the defining macros (DEFUN
;;;;   through %DEFUN, DEFMACRO in the runtime, DEFVAR... through
;;;;   %SET-DOCUMENTATION);
;;;; - a function object that is not the global definition of its name keeps
;;;;   its docstring in *FUNCTION-DOCUMENTATION*; packages in
;;;;   *PACKAGE-DOCUMENTATION* (07-packages.lisp).

(in-package "CLOVE-SYSTEM")

(defvar *function-documentation* (make-hash-table :test 'eq)
  "Docstrings of function objects that are not the definition of their name.")

(defun %check-docstring (new-value)
  (unless (or (null new-value) (stringp new-value))
    (error 'type-error :datum new-value :expected-type '(or string null)))
  new-value)

(define-condition simple-style-warning (simple-condition style-warning) ())

(defun %unsupported-documentation (x doc-type)
  (warn 'simple-style-warning
        :format-control "unsupported DOCUMENTATION: doc-type ~S for object of type ~S"
        :format-arguments (list doc-type (type-of x)))
  nil)

;;; --- Function names

(defun %function-name-symbol (name)
  ;; The symbol of a function name: NAME or the X of (SETF X).
  (cond ((symbolp name) name)
        ((and (consp name) (eq (car name) 'setf) (consp (cdr name))
              (symbolp (car (cdr name))) (null (cdr (cdr name))))
         (car (cdr name)))
        (t (error 'type-error :datum name :expected-type '(or symbol (cons (eql setf) (cons symbol null)))))))

(defun %global-function (name)
  ;; NAME's global function or macro function, or NIL.
  (cond ((and (symbolp name) (special-operator-p name)) nil)
        ((and (symbolp name) (macro-function name)))
        ((fboundp name) (fdefinition name))))

(defun %function-doc-key (name)
  (if (consp name) '%doc-setf-function '%doc-function))

(defun %function-name-documentation (name)
  (let ((f (%global-function name)))
    (if (%generic-function-p f)
        (%cref f +gf-documentation+)
        (get (%function-name-symbol name) (%function-doc-key name)))))

(defun (setf %function-name-documentation) (new-value name)
  (let ((f (%global-function name)))
    (if (%generic-function-p f)
        (%cset f +gf-documentation+ new-value)
        (%set-documentation (%function-name-symbol name) (%function-doc-key name) new-value))
    new-value))

(defun %definition-name (fn)
  ;; The name FN is the global definition of, or NIL.
  (let ((name (%function-name fn)))
    (when (and name
               (or (symbolp name)
                   (and (consp name) (eq (car name) 'setf) (consp (cdr name))
                        (symbolp (car (cdr name))) (null (cdr (cdr name)))))
               (eq (%global-function name) fn))
      name)))

;;; --- DOCUMENTATION

(defgeneric documentation (x doc-type))

(defmethod documentation ((x t) doc-type)
  (%unsupported-documentation x doc-type))

(defmethod documentation ((x function) (doc-type (eql 't)))
  (let ((name (%definition-name x)))
    (cond ((%generic-function-p x) (%cref x +gf-documentation+))
          (name (%function-name-documentation name))
          (t (values (gethash x *function-documentation*))))))

(defmethod documentation ((x function) (doc-type (eql 'function)))
  (documentation x t))

(defmethod documentation ((x list) (doc-type (eql 'function)))
  (%function-name-symbol x)
  (%function-name-documentation x))

(defmethod documentation ((x list) (doc-type (eql 'compiler-macro)))
  (get (%function-name-symbol x) '%doc-setf-compiler-macro))

(defmethod documentation ((x symbol) (doc-type (eql 'function)))
  (%function-name-documentation x))

(defmethod documentation ((x symbol) (doc-type (eql 'compiler-macro)))
  (get x '%doc-compiler-macro))

(defmethod documentation ((x symbol) (doc-type (eql 'setf)))
  (get x '%doc-setf))

(defmethod documentation ((x symbol) (doc-type (eql 'variable)))
  (get x '%doc-variable))

(defmethod documentation ((x symbol) (doc-type (eql 'type)))
  (let ((class (find-class x nil)))
    (if class
        (documentation class 'type)
        (get x '%doc-type))))

(defmethod documentation ((x symbol) (doc-type (eql 'structure)))
  (get x '%doc-structure))

(defmethod documentation ((x symbol) (doc-type (eql 'method-combination)))
  (get x '%doc-method-combination))

(defmethod documentation ((x method-combination) (doc-type (eql 't)))
  (get (%cref x +mc-name+) '%doc-method-combination))

(defmethod documentation ((x method-combination) (doc-type (eql 'method-combination)))
  (documentation x t))

(defmethod documentation ((x standard-method) (doc-type (eql 't)))
  (%cref x +method-documentation+))

(defmethod documentation ((x package) (doc-type (eql 't)))
  (values (gethash x *package-documentation*)))

(defmethod documentation ((x class) (doc-type (eql 't)))
  (%cref x +class-documentation+))

(defmethod documentation ((x class) (doc-type (eql 'type)))
  (%cref x +class-documentation+))

(defmethod documentation ((x slot-definition) (doc-type (eql 't)))
  (%cref x +slotd-documentation+))

;;; --- (SETF DOCUMENTATION)

(defgeneric (setf documentation) (new-value x doc-type))

(defmethod (setf documentation) :before (new-value (x t) doc-type)
  (declare (ignore doc-type))
  (%check-docstring new-value))

(defmethod (setf documentation) (new-value (x t) doc-type)
  (warn "discarding unsupported DOCUMENTATION: doc-type ~S for object of type ~S" doc-type (type-of x))
  new-value)

(defmethod (setf documentation) (new-value (x function) (doc-type (eql 't)))
  (let ((name (%definition-name x)))
    (cond ((%generic-function-p x) (%cset x +gf-documentation+ new-value))
          (name (setf (%function-name-documentation name) new-value))
          (new-value (setf (gethash x *function-documentation*) new-value))
          (t (remhash x *function-documentation*)))
    new-value))

(defmethod (setf documentation) (new-value (x function) (doc-type (eql 'function)))
  (setf (documentation x t) new-value))

(defmethod (setf documentation) (new-value (x list) (doc-type (eql 'function)))
  (%function-name-symbol x)
  (setf (%function-name-documentation x) new-value))

(defmethod (setf documentation) (new-value (x list) (doc-type (eql 'compiler-macro)))
  (%set-documentation (%function-name-symbol x) '%doc-setf-compiler-macro new-value))

(defmethod (setf documentation) (new-value (x symbol) (doc-type (eql 'function)))
  (setf (%function-name-documentation x) new-value))

(defmethod (setf documentation) (new-value (x symbol) (doc-type (eql 'compiler-macro)))
  (%set-documentation x '%doc-compiler-macro new-value))

(defmethod (setf documentation) (new-value (x symbol) (doc-type (eql 'setf)))
  (%set-documentation x '%doc-setf new-value))

(defmethod (setf documentation) (new-value (x symbol) (doc-type (eql 'variable)))
  (%set-documentation x '%doc-variable new-value))

(defmethod (setf documentation) (new-value (x symbol) (doc-type (eql 'type)))
  (let ((class (find-class x nil)))
    (if class
        (setf (documentation class 'type) new-value)
        (%set-documentation x '%doc-type new-value))))

(defmethod (setf documentation) (new-value (x symbol) (doc-type (eql 'structure)))
  (%set-documentation x '%doc-structure new-value))

(defmethod (setf documentation) (new-value (x symbol) (doc-type (eql 'method-combination)))
  (%set-documentation x '%doc-method-combination new-value))

(defmethod (setf documentation) (new-value (x method-combination) (doc-type (eql 't)))
  (%set-documentation (%cref x +mc-name+) '%doc-method-combination new-value))

(defmethod (setf documentation) (new-value (x method-combination) (doc-type (eql 'method-combination)))
  (setf (documentation x t) new-value))

(defmethod (setf documentation) (new-value (x standard-method) (doc-type (eql 't)))
  (%cset x +method-documentation+ new-value))

(defmethod (setf documentation) (new-value (x package) (doc-type (eql 't)))
  (if new-value
      (setf (gethash x *package-documentation*) new-value)
      (remhash x *package-documentation*))
  new-value)

(defmethod (setf documentation) (new-value (x class) (doc-type (eql 't)))
  (%cset x +class-documentation+ new-value))

(defmethod (setf documentation) (new-value (x class) (doc-type (eql 'type)))
  (%cset x +class-documentation+ new-value))

(defmethod (setf documentation) (new-value (x slot-definition) (doc-type (eql 't)))
  (%cset x +slotd-documentation+ new-value))

;;; --- Compiler macros

(defun %compiler-macro-key (name)
  (if (consp name) '%setf-compiler-macro '%compiler-macro))

(defun compiler-macro-function (name &optional environment)
  (declare (ignore environment))
  (get (%function-name-symbol name) (%compiler-macro-key name)))

(defun (setf compiler-macro-function) (new-function name &optional environment)
  (declare (ignore environment))
  (unless (or (null new-function) (functionp new-function))
    (error 'type-error :datum new-function :expected-type '(or function null)))
  (let ((symbol (%function-name-symbol name)))
    (if new-function
        (%put symbol (%compiler-macro-key name) new-function)
        (remprop symbol (%compiler-macro-key name)))
    new-function))

(defmacro define-compiler-macro (name lambda-list &body body)
  ;; The lambda list is a macro lambda list matched against the arguments
  ;; of the call, also when it is (FUNCALL #'NAME ...) (CLHS 3.2.2.1.1).
  (%function-name-symbol name)
  (multiple-value-bind (whole env-var ll) (%split-macro-lambda-list lambda-list)
   (let ((form (gensym "FORM")) (env (gensym "ENV")) (doc (%docstring body)))
    `(eval-when (:compile-toplevel :load-toplevel :execute)
       (setf (compiler-macro-function ',name)
             (named-lambda (compiler-macro ,name) (,form ,env)
               (declare (ignorable ,env))
               (let (,@(if whole `((,whole ,form)))
                     ,@(if env-var `((,env-var ,env))))
                 (destructuring-bind ,ll (if (and (eq (car ,form) 'funcall) (consp (cdr ,form))
                                                   (consp (car (cdr ,form)))
                                                   (eq (car (car (cdr ,form))) 'function))
                                              (cdr (cdr ,form))
                                              (cdr ,form))
                   ,@(%body-declarations body)
                   (block ,(if (consp name) (car (cdr name)) name) ,@(%body-forms body))))))
       (%set-documentation ',(%function-name-symbol name)
                           ',(if (consp name) '%doc-setf-compiler-macro '%doc-compiler-macro) ',doc)
       ',name))))
