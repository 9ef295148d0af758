;;;; Small pieces of the standard: IDENTITY, CONSTANTLY, COMPLEMENT, the
;;;; hash table and package iterators, WITH-STANDARD-IO-SYNTAX,
;;;; FUNCTION-LAMBDA-EXPRESSION.

(in-package "CLOVE-SYSTEM")

(defun identity (object) object)

(defun constantly (value)
  (lambda (&rest arguments) (declare (ignore arguments)) value))

(defun complement (function)
  (lambda (&rest arguments) (not (apply function arguments))))

;;; --- Iterators. Each takes a snapshot of the entries when it starts; the
;;; local macro NAME returns the next one as multiple values, or NIL when none remain.

(defun %iterator-step (entries-var values)
  ;; The expansion of an iterator's (NAME): pops ENTRIES-VAR and returns T
  ;; and the forms VALUES makes from the variable holding the popped entry.
  (let ((entry (gensym "ENTRY")))
    `(if ,entries-var
         (let ((,entry (car ,entries-var)))
           (setq ,entries-var (cdr ,entries-var))
           (values t ,@(funcall values entry)))
         nil)))

(defmacro with-hash-table-iterator ((name hash-table) &body body)
  (let ((entries (gensym "ENTRIES")))
    `(let ((,entries (%hash-table-entries ,hash-table)))
       (macrolet ((,name () ',(%iterator-step entries (lambda (e) (list `(car ,e) `(cdr ,e))))))
         ,@body))))

(defun %package-iterator-entries (packages kinds)
  ;; (SYMBOL STATUS PACKAGE) for each symbol of each kind in each package.
  (let ((out nil))
    (dolist (designator (if (listp packages) packages (list packages)) (nreverse out))
      (let ((package (%find-package-or-lose designator)))
        (dolist (kind kinds)
          (dolist (symbol (%package-symbols package (list kind)))
            (push (list symbol kind package) out)))))))

(defmacro with-package-iterator ((name package-list &rest symbol-types) &body body)
  (when (null symbol-types)
    (error 'simple-program-error
           :format-control "WITH-PACKAGE-ITERATOR needs at least one of :INTERNAL, :EXTERNAL or :INHERITED."))
  (dolist (kind symbol-types)
    (unless (member kind '(:internal :external :inherited))
      (error 'simple-program-error
             :format-control "~S is not a symbol type for WITH-PACKAGE-ITERATOR: use :INTERNAL, :EXTERNAL or :INHERITED."
             :format-arguments (list kind))))
  (let ((entries (gensym "ENTRIES")))
    `(let ((,entries (%package-iterator-entries ,package-list ',symbol-types)))
       (macrolet ((,name () ',(%iterator-step entries (lambda (e) (list `(first ,e) `(second ,e) `(third ,e))))))
         ,@body))))

;;; --- WITH-STANDARD-IO-SYNTAX (CLHS table 23.2). The standard pprint
;;; dispatch table is made by 12-pprint.lisp, loaded later.

(defmacro with-standard-io-syntax (&body body)
  `(let ((*package* (find-package "COMMON-LISP-USER"))
         (*print-array* t)
         (*print-base* 10)
         (*print-case* :upcase)
         (*print-circle* nil)
         (*print-escape* t)
         (*print-gensym* t)
         (*print-length* nil)
         (*print-level* nil)
         (*print-lines* nil)
         (*print-miser-width* nil)
         (*print-pprint-dispatch* *standard-pprint-dispatch*)
         (*print-pretty* nil)
         (*print-radix* nil)
         (*print-readably* t)
         (*print-right-margin* nil)
         (*read-base* 10)
         (*read-default-float-format* 'single-float)
         (*read-eval* t)
         (*read-suppress* nil)
         (*readtable* *standard-readtable*))
     ,@body))

;;; FUNCTION-LAMBDA-EXPRESSION: clove keeps no source for compiled
;;; functions, so it answers as CLHS permits any implementation to: no
;;; lambda expression, possibly a closure, and the function's name.
(defun function-lambda-expression (function)
  (unless (functionp function)
    (error 'type-error :datum function :expected-type 'function))
  (values nil t (%function-name function)))
