;;;; The condition system (CLHS chapter 9): condition classes, signalling,
;;;; handlers and restarts, all in Lisp over dynamic variables. Handler
;;;; clusters and restart clusters are lists bound by HANDLER-BIND and
;;;; RESTART-BIND; a handler runs with the clusters below its own active.
;;;; Condition classes are classes of metaclass CONDITION-CLASS.

(in-package "CLOVE-SYSTEM")

;;; --- Condition classes

;;; Condition classes are classes (02-classes.lisp) whose metaclass is
;;; CONDITION-CLASS; their instances are conditions.

(defmacro loop-while (test &body body)
  `(block nil (tagbody top (unless ,test (return nil)) ,@body (go top))))

(defun %remove-eq (item list)
  (%filter (lambda (x) (not (eq x item))) list))

(defun %condition-class (name &optional (errorp t))
  (let ((c (if (symbolp name) (find-class name nil) name)))
    (cond ((and c (%instancep c) (eq (%instance-class c) (find-class 'condition-class))) c)
          (errorp (error 'simple-type-error :datum name :expected-type 'condition
                         :format-control "~S does not name a condition class." :format-arguments (list name))))))

(defun %define-condition-class (name supers slot-specs default-initargs report documentation)
  ;; SLOT-SPECS: canonical slot plists; DEFAULT-INITARGS: (initarg form function).
  (let ((supers (cond (supers (mapcar #'%condition-class supers))
                      ((eq name 'condition) (list (find-class t)))
                      (t (list (%condition-class 'condition))))))
    (%cset (%ensure-class-object name (find-class 'condition-class) supers slot-specs
                                 :direct-default-initargs default-initargs :documentation documentation)
           +condition-class-report+ report)
    name))

(defun %condition-slot (condition slot-name)
  (slot-value condition slot-name))

(defun %set-condition-slot (condition slot-name value)
  (%set-slot-value condition slot-name value))

(defun conditionp (object)
  (and (%instancep object) (%instancep (%instance-class object))
       (eq (%instance-class (%instance-class object)) (find-class 'condition-class))))

(defun %condition-type-name (condition)
  (%cref (%instance-class condition) +class-name+))

(defmacro define-condition (name parent-types slot-specs &rest options)
  (let ((specs nil) (readers nil) (report nil) (defaults nil) (documentation nil))
    (dolist (s slot-specs)
      (let* ((s (if (consp s) s (list s)))
             (slot (car s)) (initargs nil) (initform nil) (has-initform nil)
             (allocation :instance) (type t) (doc nil))
        (do ((o (cdr s) (cdr (cdr o)))) ((null o))
          (let ((key (car o)) (val (car (cdr o))))
            (cond ((eq key :initarg) (push val initargs))
                  ((eq key :initform) (setq initform val has-initform t))
                  ((eq key :allocation) (setq allocation val))
                  ((eq key :type) (setq type val))
                  ((eq key :documentation) (setq doc val))
                  ((or (eq key :reader) (eq key :accessor))
                   (push `(%define-condition-accessor ',val ',slot ',name :reader) readers)
                   (when (eq key :accessor)
                     (push `(%define-condition-accessor '(setf ,val) ',slot ',name :writer) readers)))
                  ((eq key :writer)
                   (push `(%define-condition-accessor ',val ',slot ',name :writer) readers)))))
        (push `(list :name ',slot :initargs ',(reverse initargs) :allocation ',allocation :type ',type
                     :documentation ',doc
                     ,@(if has-initform `(:initform ',initform :initfunction (lambda () ,initform))))
              specs)))
    (dolist (o options)
      (cond ((eq (car o) :report)
             (let ((r (car (cdr o))))
               (setq report (if (stringp r) r `(function ,r)))))
            ((eq (car o) :documentation) (setq documentation (car (cdr o))))
            ((eq (car o) :default-initargs)
             (do ((d (cdr o) (cdr (cdr d)))) ((null d))
               (push `(list ',(car d) ',(car (cdr d)) (lambda () ,(car (cdr d)))) defaults)))))
    `(progn
       (eval-when (:compile-toplevel)
         (%define-condition-class ',name ',parent-types nil nil nil nil)
         (%note-accessors-defined ',(mapcar (lambda (r) (car (cdr (car (cdr r))))) readers)))
       (%define-condition-class ',name ',parent-types (list ,@(reverse specs))
                                (list ,@(reverse defaults)) ,report ',documentation)
       ,@(reverse readers)
       ',name)))

(defvar *condition-accessor-definer* nil
  "Once CLOS is loaded (12-clos-instances.lisp), a function that makes
condition readers and writers methods of generic functions.")

(defun %define-condition-accessor (fname slot class kind)
  ;; KIND: :READER, or :WRITER taking (new-value condition).
  (if *condition-accessor-definer*
      (funcall *condition-accessor-definer* fname slot class kind)
      (setf (fdefinition fname)
            (if (eq kind :reader)
                (lambda (c) (slot-value c slot))
                (lambda (v c) (%set-slot-value c slot v))))))

(defun make-condition (type &rest initargs)
  (let* ((class (%condition-class type))
         (initargs (%defaulted-initargs class initargs))
         (c (%allocate class)))
    (unless (getf initargs :allow-other-keys)
      (let ((valid (%class-initargs class)))
        (do ((l initargs (cdr (cdr l)))) ((null l))
          (unless (or (member (car l) valid) (eq (car l) :allow-other-keys))
            (error 'simple-program-error
                   :format-control "~S is not a valid initarg for the condition type ~S."
                   :format-arguments (list (car l) type))))))
    (%initialize-slots c class t initargs)))

;;; --- The standard condition types (CLHS 9.1)

(%define-condition-class 'condition nil
  (list (list :name '%format-control :initargs '(:format-control))
        (list :name '%format-arguments :initargs '(:format-arguments) :initform nil :initfunction (lambda () nil)))
  nil nil nil)

(defmacro %define-standard-conditions (&rest defs)
  `(progn ,@(mapcar (lambda (d) `(define-condition ,@d)) defs)))

(%define-standard-conditions
 (warning (condition) ())
 (style-warning (warning) ())
 (serious-condition (condition) ())
 (error (serious-condition) ())
 (simple-condition (condition) ())
 (simple-error (simple-condition error) ())
 (simple-warning (simple-condition warning) ())
 (type-error (error) ((datum :initarg :datum :reader type-error-datum)
                      (expected-type :initarg :expected-type :reader type-error-expected-type))
  (:report (lambda (c s)
             (if (%condition-slot-bound-p c '%format-control)
                 (%report-simple c s)
                 ;; Pretty, the lines keep the indentation of the block
                 ;; the report is printed in (the debugger's, say).
                 (format s (if *print-pretty*
                               "~@<The value~:@_  ~S~:@_is not of type~:@_  ~S~:>"
                               "The value~%  ~S~%is not of type~%  ~S")
                         (type-error-datum c) (type-error-expected-type c))))))
 (simple-type-error (simple-condition type-error) ())
 (program-error (error) ())
 (simple-program-error (simple-condition program-error) ())
 (control-error (error) ())
 (cell-error (error) ((name :initarg :name :reader cell-error-name)))
 (unbound-variable (cell-error) ()
  (:report (lambda (c s) (format s "The variable ~S is unbound." (cell-error-name c)))))
 (undefined-function (cell-error) ()
  (:report (lambda (c s) (format s "The function ~S is undefined." (cell-error-name c)))))
 (unbound-slot (cell-error) ((instance :initarg :instance :reader unbound-slot-instance))
  (:report (lambda (c s) (format s "The slot ~S is unbound in the object ~S."
                                 (cell-error-name c) (unbound-slot-instance c)))))
 (arithmetic-error (error) ((operation :initarg :operation :reader arithmetic-error-operation)
                            (operands :initarg :operands :initform nil :reader arithmetic-error-operands))
  (:report (lambda (c s)
             (if (%condition-slot-bound-p c '%format-control)
                 (%report-simple c s)
                 (format s "arithmetic error ~S signalled~@[~%Operation was (~S~{ ~S~})~]"
                         (%condition-type-name c)
                         (and (%condition-slot-bound-p c 'operation) (arithmetic-error-operation c))
                         (arithmetic-error-operands c))))))
 (division-by-zero (arithmetic-error) ())
 (floating-point-overflow (arithmetic-error) ())
 (floating-point-underflow (arithmetic-error) ())
 (floating-point-inexact (arithmetic-error) ())
 (floating-point-invalid-operation (arithmetic-error) ())
 (storage-condition (serious-condition) ())
 (stream-error (error) ((stream :initarg :stream :reader stream-error-stream)))
 (end-of-file (stream-error) ()
  (:report (lambda (c s)
             (if (%condition-slot-bound-p c '%format-control)
                 (%report-simple c s)
                 (format s "end of file on ~S" (stream-error-stream c))))))
 (parse-error (error) ())
 (reader-error (parse-error stream-error) ())
 (package-error (error) ((package :initarg :package :reader package-error-package)))
 (file-error (error) ((pathname :initarg :pathname :reader file-error-pathname))
  (:report (lambda (c s)
             (if (%condition-slot-bound-p c '%format-control)
                 (%report-simple c s)
                 (format s "error on file ~S" (file-error-pathname c))))))
 (print-not-readable (error) ((object :initarg :object :reader print-not-readable-object))
  (:report (lambda (c s) (format s "~S cannot be printed readably." (print-not-readable-object c))))))

(defun simple-condition-format-control (c) (%condition-slot c '%format-control))
(defun simple-condition-format-arguments (c) (%condition-slot c '%format-arguments))

(defun %condition-slot-bound-p (c slot)
  (slot-boundp c slot))

(defun %report-simple (c stream)
  (apply #'format stream (simple-condition-format-control c) (simple-condition-format-arguments c)))

(defun %report-condition (c stream)
  ;; The most specific :report of the condition's classes, else the
  ;; format control if one was given, else the type name.
  (let ((report (dolist (class (%cref (%instance-class c) +class-precedence-list+) nil)
                  (let ((r (and (%condition-class class nil) (%cref class +condition-class-report+))))
                    (when r (return r))))))
    (cond ((stringp report) (write-string report stream))
          (report (funcall report c stream))
          ((%condition-slot-bound-p c '%format-control) (%report-simple c stream))
          (t (format stream "Condition of type ~S was signalled." (%condition-type-name c))))
    nil))

;;; --- Types of conditions, for handlers

;;; Handler and *BREAK-ON-SIGNALS* types are ordinary type specifiers:
;;; TYPEP (a primitive) reads a condition's class precedence list.
(defun %condition-typep (c type) (typep c type))

;;; --- Signalling

(defvar *handler-clusters* nil)
(defvar *restart-clusters* nil)
(defvar *break-on-signals* nil)
(defvar *debugger-hook* nil)
(defvar *invoke-debugger-hook* nil)

(defun %coerce-to-condition (datum arguments default-type caller)
  (cond ((conditionp datum)
         (when arguments
           (error 'simple-type-error :datum arguments :expected-type 'null
                  :format-control "~S: extra arguments ~S after a condition object."
                  :format-arguments (list caller arguments)))
         datum)
        ((symbolp datum) (apply #'make-condition datum arguments))
        ((or (stringp datum) (functionp datum))
         (make-condition default-type :format-control datum :format-arguments arguments))
        (t (error 'simple-type-error :datum datum :expected-type '(or condition symbol string function)
                  :format-control "~S: ~S is not a condition designator." :format-arguments (list caller datum)))))

(defun signal (datum &rest arguments)
  (let ((condition (%coerce-to-condition datum arguments 'simple-condition 'signal)))
    (when (and *break-on-signals* (%condition-typep condition *break-on-signals*))
      (break "~A~%BREAK was entered because of *BREAK-ON-SIGNALS*." condition))
    (do ((clusters *handler-clusters* (cdr clusters))) ((null clusters))
      (let ((*handler-clusters* (cdr clusters)))
        (dolist (handler (car clusters))
          (when (%condition-typep condition (car handler))
            (funcall (cdr handler) condition)))))
    nil))

(defun error (datum &rest arguments)
  (let ((condition (%coerce-to-condition datum arguments 'simple-error 'error)))
    (signal condition)
    (invoke-debugger condition)))

(defun %signal-error (type &rest initargs)
  ;; Entry point for errors detected by the runtime's primitives.
  (error (apply #'make-condition type initargs)))

(defun invoke-debugger (condition)
  (let ((hook *debugger-hook*))
    (when hook
      (let ((*debugger-hook* nil))
        (funcall hook condition hook))))
  (%invoke-debugger condition))

;;; --- Handlers

(defmacro handler-bind (bindings &body body)
  `(let ((*handler-clusters*
           (cons (list ,@(mapcar (lambda (b) `(cons ',(car b) ,(car (cdr b)))) bindings))
                 *handler-clusters*)))
     ,@body))

(defmacro handler-case (form &rest clauses)
  (let* ((no-error (assoc :no-error clauses))
         (clauses (%filter (lambda (c) (not (eq (car c) :no-error))) clauses))
         (block (gensym "HANDLER-CASE")) (cvar (gensym "CONDITION"))
         (tags (mapcar (lambda (c) (declare (ignore c)) (gensym "CLAUSE")) clauses))
         (protected
           `(handler-bind ,(mapcar (lambda (c tag)
                                     `(,(car c) (lambda (temp) (setq ,cvar temp) (go ,tag))))
                                   clauses tags)
              ,form)))
    `(block ,block
       (let ((,cvar nil))
         (declare (ignorable ,cvar))
         (tagbody
            (return-from ,block
              ,(if no-error
                   `(multiple-value-call (lambda ,(car (cdr no-error)) ,@(cdr (cdr no-error))) ,protected)
                   protected))
            ,@(mapcan (lambda (c tag)
                        (let ((var (car (car (cdr c)))) (body (cdr (cdr c))))
                          (list tag
                                `(return-from ,block
                                   ,(if var
                                        `(let ((,var ,cvar)) ,@body)
                                        `(locally ,@body))))))
                      clauses tags))))))

(defun %expand-carefully (function form env)
  ;; FUNCTION (a macro or compiler macro) applied to FORM through
  ;; *MACROEXPAND-HOOK*, in a list; or, when it signals an error, the
  ;; condition. As in SBCL, the error does not reach the handlers around
  ;; the compilation: the compiler reports it.
  (handler-case (list (let ((hook *macroexpand-hook*))
                        (if hook (funcall hook function form env) (funcall function form env))))
    (error (c) c)))

(defun %expand-for-compiler (function form env)
  ;; The compiler expands macros through this (compiler/convert.rs): the
  ;; expansion in a list, or, when the expander signals an error, a message
  ;; for the program-error the form signals when it runs, as in SBCL.
  (let ((result (%expand-carefully function form env)))
    (if (consp result)
        result
        (let ((*print-length* 5) (*print-level* 3))
          (format nil "Execution of a form compiled with errors.~%Form:~%  ~S~%Compilation error: ~A" form result)))))

(defun %expand-compiler-macro (function form env)
  ;; The compiler applies compiler macros through this (compiler/convert.rs):
  ;; the expansion in a list, or NIL when the compiler macro signals an
  ;; error (the call is then compiled as written).
  (let ((result (%expand-carefully function form env)))
    (and (consp result) result)))

(defmacro ignore-errors (&body forms)
  `(handler-case (progn ,@forms)
     (error (condition) (values nil condition))))

;;; --- Restarts

;;; A restart is an instance of class RESTART with slots:
(defconstant +restart-name+ 0)
(defconstant +restart-function+ 1)
(defconstant +restart-report+ 2)
(defconstant +restart-interactive+ 3)
(defconstant +restart-test+ 4)
(defconstant +restart-conditions+ 5)

(defun %make-restart (name function report interactive test)
  (let ((r (%make-instance 'restart 6)))
    (%instance-set r +restart-name+ name)
    (%instance-set r +restart-function+ function)
    (%instance-set r +restart-report+ report)
    (%instance-set r +restart-interactive+ interactive)
    (%instance-set r +restart-test+ test)
    (%instance-set r +restart-conditions+ nil)
    r))

(defun restartp (x) (and (%instancep x) (eq (%instance-class x) 'restart)))
(defun restart-name (restart) (%instance-ref restart +restart-name+))

(defun %report-restart (restart stream)
  (let ((report (%instance-ref restart +restart-report+)))
    (cond ((stringp report) (write-string report stream))
          (report (funcall report stream))
          (t (prin1 (restart-name restart) stream)))))

(defmacro restart-bind (bindings &body body)
  `(let ((*restart-clusters*
           (cons (list ,@(mapcar (lambda (b)
                                   (destructuring-bind (name function &key report-function interactive-function test-function) b
                                     `(%make-restart ',name ,function ,report-function ,interactive-function ,test-function)))
                                 bindings))
                 *restart-clusters*)))
     ,@body))

(defun %restart-applicable-p (restart condition)
  (let ((conditions (%instance-ref restart +restart-conditions+))
        (test (%instance-ref restart +restart-test+)))
    (and (or (null condition) (null conditions) (member condition conditions))
         (or (null test) (funcall test condition)))))

(defun compute-restarts (&optional condition)
  (let ((out nil))
    (dolist (cluster *restart-clusters*)
      (dolist (r cluster)
        (when (%restart-applicable-p r condition) (push r out))))
    (nreverse out)))

(defun find-restart (identifier &optional condition)
  (dolist (cluster *restart-clusters* nil)
    (dolist (r cluster)
      (when (and (or (eq r identifier) (eq (restart-name r) identifier))
                 (%restart-applicable-p r condition))
        (return-from find-restart r)))))

(defun %find-restart-or-lose (identifier)
  (or (find-restart identifier)
      (error 'simple-control-error :format-control "The restart ~S is not active."
                                   :format-arguments (list identifier))))

(define-condition simple-control-error (simple-condition control-error) ())

(defun invoke-restart (restart &rest arguments)
  (apply (%instance-ref (%find-restart-or-lose restart) +restart-function+) arguments))

(defun invoke-restart-interactively (restart)
  (let* ((r (%find-restart-or-lose restart))
         (interactive (%instance-ref r +restart-interactive+)))
    (apply (%instance-ref r +restart-function+)
           (if interactive (funcall interactive) nil))))

(defmacro with-condition-restarts (condition-form restarts-form &body body)
  (let ((c (gensym "C")) (rs (gensym "RESTARTS")))
    `(let ((,c ,condition-form) (,rs ,restarts-form))
       (dolist (r ,rs)
         (%instance-set r +restart-conditions+ (cons ,c (%instance-ref r +restart-conditions+))))
       (unwind-protect (progn ,@body)
         (dolist (r ,rs)
           (%instance-set r +restart-conditions+ (%remove-eq ,c (%instance-ref r +restart-conditions+))))))))

(defun %restart-clause (clause)
  ;; (name lambda-list [:report r] [:interactive i] [:test t] . body) →
  ;; (name lambda-list report interactive test body)
  (let ((name (car clause)) (ll (car (cdr clause))) (rest (cdr (cdr clause)))
        (report nil) (interactive nil) (test nil))
    (loop-while (and rest (member (car rest) '(:report :interactive :test)) (cdr rest))
      (let ((key (car rest)) (val (car (cdr rest))))
        (cond ((eq key :report)
               (setq report (if (stringp val) val `(function ,val))))
              ((eq key :interactive) (setq interactive `(function ,val)))
              (t (setq test `(function ,val)))))
      (setq rest (cdr (cdr rest))))
    (list name ll report interactive test rest)))

(defmacro restart-case (form &rest clauses &environment env)
  (let* ((block (gensym "RESTART-CASE")) (args (gensym "ARGS"))
         (parsed (mapcar #'%restart-clause clauses))
         (tags (mapcar (lambda (c) (declare (ignore c)) (gensym "RESTART")) clauses))
         (expanded (macroexpand form env))
         (signalling (and (consp expanded) (member (car expanded) '(signal error cerror warn))))
         (bindings (mapcar (lambda (p tag)
                             `(,(car p) (lambda (&rest temp) (setq ,args temp) (go ,tag))
                               ,@(if (nth 2 p) `(:report-function ,(let ((r (nth 2 p))) (if (stringp r) `(lambda (s) (write-string ,r s)) r))))
                               ,@(if (nth 3 p) `(:interactive-function ,(nth 3 p)))
                               ,@(if (nth 4 p) `(:test-function ,(nth 4 p)))))
                           parsed tags))
         (body (if signalling
                   (let* ((c (gensym "C")) (op (car expanded))
                          (ctl (if (eq op 'cerror) (list (car (cdr expanded)))))
                          (args (if (eq op 'cerror) (cdr (cdr expanded)) (cdr expanded))))
                     `(let ((,c (%coerce-to-condition ,(car args) (list ,@(cdr args))
                                                      ',(if (eq op 'warn) 'simple-warning
                                                            (if (eq op 'signal) 'simple-condition 'simple-error))
                                                      ',op)))
                        (with-condition-restarts ,c (car *restart-clusters*)
                          (,op ,@ctl ,c))))
                   form)))
    `(block ,block
       (let ((,args nil))
         (declare (ignorable ,args))
         (tagbody
            (return-from ,block (restart-bind ,bindings ,body))
            ,@(mapcan (lambda (p tag)
                        (list tag `(return-from ,block (apply (lambda ,(nth 1 p) ,@(nth 5 p)) ,args))))
                      parsed tags))))))

(defmacro with-condition-restarts* (condition clause &body body)
  ;; A RESTART-CASE with one clause whose restart is associated with CONDITION.
  `(restart-case (with-condition-restarts ,condition (car *restart-clusters*) ,@body)
     ,clause))

(defmacro with-simple-restart ((name format-control &rest format-arguments) &body body)
  `(restart-case (progn ,@body)
     (,name ()
       :report (lambda (stream) (format stream ,format-control ,@format-arguments))
       (values nil t))))

(defun abort (&optional condition)
  (invoke-restart (or (find-restart 'abort condition)
                      (error 'simple-control-error :format-control "No ABORT restart is active.")))
  (error 'simple-control-error :format-control "The ABORT restart returned."))

(defun continue (&optional condition)
  (let ((r (find-restart 'continue condition))) (when r (invoke-restart r))))

(defun muffle-warning (&optional condition)
  (invoke-restart (or (find-restart 'muffle-warning condition)
                      (error 'simple-control-error :format-control "No MUFFLE-WARNING restart is active."))))

(defun use-value (value &optional condition)
  (let ((r (find-restart 'use-value condition))) (when r (invoke-restart r value))))

(defun store-value (value &optional condition)
  (let ((r (find-restart 'store-value condition))) (when r (invoke-restart r value))))

(defun %case-failure (name key keys)
  (error 'simple-type-error :datum key :expected-type `(member ,@keys)
         :format-control "~S fell through ~S expression.~%Wanted one of ~S."
         :format-arguments (list key name keys)))

(defun cerror (continue-format-control datum &rest arguments)
  (let ((condition (%coerce-to-condition datum arguments 'simple-error 'cerror)))
    (with-condition-restarts* condition
        (continue () :report (lambda (s) (apply #'format s continue-format-control arguments)) nil)
      (signal condition)
      (invoke-debugger condition))
    nil))

(defun warn (datum &rest arguments)
  (let ((condition (%coerce-to-condition datum arguments 'simple-warning 'warn)))
    (unless (%condition-typep condition 'warning)
      (error 'simple-type-error :datum condition :expected-type 'warning
             :format-control "WARN: ~S is not a warning." :format-arguments (list condition)))
    (block warn
      (with-condition-restarts* condition
          (muffle-warning () :report "Skip warning." (return-from warn nil))
        (signal condition))
      (format *error-output* "~&~:[WARNING~;STYLE-WARNING~]: ~A~%" (%condition-typep condition 'style-warning) condition)
      nil)))

(defun break (&optional (format-control "Break") &rest arguments)
  (with-simple-restart (continue "Return from BREAK.")
    (let ((*debugger-hook* nil))
      (%invoke-debugger (make-condition 'simple-condition :format-control format-control
                                                          :format-arguments arguments))))
  nil)

