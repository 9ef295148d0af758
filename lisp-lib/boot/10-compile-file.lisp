;;;; compile-file (CLHS 3.2.3): each top-level form is processed as CLHS
;;;; 3.2.3.1 says (progn and eval-when walked, macros expanded, compile-time
;;;; evaluation where asked), compiled to a function of no arguments, and
;;;; the functions are written to a fasl that LOAD runs form by form.
;;;; Files are pathname designators merged with *DEFAULT-PATHNAME-DEFAULTS*.

(in-package "CLOVE-SYSTEM")

(defvar *compile-file-pathname* nil)
(defvar *compile-file-truename* nil)
(defvar *compile-verbose* nil)
(defvar *compile-print* nil)

;;; --- Compilation units: calls to functions that are still undefined at
;;; the end of the outermost unit are reported then, once each (setf
;;; functions too, by their names (setf x)). The
;;; compiler records names in hash tables (name -> source location, in the
;;; order first met), so a unit of thousands of definitions stays linear.

(define-condition undefined-function-warning (style-warning)
  ((name :initarg :name :reader %undefined-warning-name)
   (location :initarg :location :reader %undefined-warning-location))
  (:report (lambda (c s)
             (format s "undefined function: ~S~@[ (called at ~A)~]"
                     (%undefined-warning-name c) (%undefined-warning-location c)))))

(define-condition undefined-variable-warning (warning)
  ((name :initarg :name :reader %undefined-warning-name)
   (location :initarg :location :reader %undefined-warning-location))
  (:report (lambda (c s)
             (format s "undefined variable: ~S~@[ (used at ~A)~]"
                     (%undefined-warning-name c) (%undefined-warning-location c)))))

;;; *UNDEFINED-FUNCTIONS* and *UNDEFINED-VARIABLES* (defined in Rust) are
;;; bound to tables in a unit.
(defvar *in-compilation-unit* nil)
;;; Functions whose definitions were compiled in this unit (they exist once
;;; loaded), an EQUAL table: the compiler adds each DEFUN it compiles.
(defvar *defined-in-unit*)

(defun %defined-as-function-p (name)
  ;; Whether calls compiled to the function NAME will find one: a name
  ;; defined since as a macro or special operator does not count (the calls
  ;; were compiled as function calls), as SBCL reports it.
  (and (fboundp name)
       (not (and (symbolp name) (or (macro-function name) (special-operator-p name))))))

(defmacro with-compilation-unit ((&key override) &body body)
  `(%call-with-compilation-unit (lambda () ,@body) ,override))

(defun %call-with-compilation-unit (thunk override)
  (if (and *in-compilation-unit* (not override))
      (funcall thunk)
      (let ((*in-compilation-unit* t)
            (*undefined-functions* (make-hash-table :test 'equal))
            (*undefined-variables* (make-hash-table :test 'eq))
            (*defined-in-unit* (make-hash-table :test 'equal)))
        (multiple-value-prog1 (funcall thunk)
          (maphash (lambda (name location)
                     (unless (or (boundp name) (%special-variable-p name))
                       (warn 'undefined-variable-warning :name name :location location)))
                   *undefined-variables*)
          (maphash (lambda (name location)
                     (unless (or (%defined-as-function-p name) (gethash name *defined-in-unit*))
                       (warn 'undefined-function-warning :name name :location location)))
                   *undefined-functions*)))))

(define-condition macro-redefines-function-warning (style-warning)
  ((name :initarg :name :reader %macro-warning-name)
   (assumed :initarg :assumed :reader %macro-warning-assumed))
  (:report (lambda (c s)
             (format s "~S is being redefined as a macro when it was previously ~:[defined~;assumed~] to be a function."
                     (%macro-warning-name c) (%macro-warning-assumed c)))))

;;; DEFMACRO (its expansion calls %SET-MACRO-FUNCTION, at compile time too)
;;; warns, as SBCL does, when the name is a function (or one the current
;;; compilation unit defines), or was called as one in the unit: calls
;;; already compiled will not see the macro.
(let ((set-macro-function #'%set-macro-function))
  (setf (fdefinition '%set-macro-function)
        (lambda (name function)
          (when (and (symbolp name) (not (macro-function name)) (not (special-operator-p name)))
            (cond ((or (fboundp name)
                       (and (boundp '*defined-in-unit*) (nth-value 1 (gethash name *defined-in-unit*))))
                   (warn 'macro-redefines-function-warning :name name :assumed nil))
                  ((and (boundp '*undefined-functions*) (hash-table-p *undefined-functions*)
                        (nth-value 1 (gethash name *undefined-functions*)))
                   (warn 'macro-redefines-function-warning :name name :assumed t))))
          (funcall set-macro-function name function))))

(defun %report-compiler-errors ()
  ;; Prints the errors the compiler noted in *COMPILER-ERRORS* (forms it
  ;; compiled into code that signals them), as SBCL's "caught ERROR"
  ;; notes, signals the warnings it noted there (calls whose arguments the
  ;; callee cannot accept: compiler/arity.rs), and empties it. True when
  ;; there were errors.
  (let ((noted (reverse *compiler-errors*)) (errors nil))
    (setq *compiler-errors* nil)
    (dolist (e noted)
      (destructuring-bind (location kind &rest initargs) e
        (let ((condition (apply #'make-condition kind initargs)))
          (if (typep condition 'warning)
              (warn (make-condition kind
                                    :format-control "~@[~A: ~]~?"
                                    :format-arguments (list location (simple-condition-format-control condition)
                                                            (simple-condition-format-arguments condition))))
              (progn
                (setq errors t)
                (format *error-output* "~&; caught ERROR~@[ in ~A~]:~%" location)
                ;; Every line of the message behind the comment prefix.
                (with-input-from-string (in (princ-to-string condition))
                  (loop for line = (read-line in nil) while line
                        do (format *error-output* ";   ~A~%" line))))))))
    errors))

(defun compile (name &optional definition)
  ;; Returns the function (or NAME) and whether warnings, and warnings
  ;; other than style warnings, were signalled while compiling; errors
  ;; found in the code count as failures too.
  (let ((warnings-p nil) (failure-p nil) (*compiler-errors* nil))
    (let ((result (handler-bind ((warning (lambda (c)
                                            (setq warnings-p t)
                                            (unless (typep c 'style-warning) (setq failure-p t)))))
                    (multiple-value-prog1 (with-compilation-unit () (%compile name definition))
                      (when (%report-compiler-errors)
                        (setq warnings-p t failure-p t))))))
      (values result warnings-p failure-p))))

(defvar *ltv-pending* nil
  "LOAD-TIME-VALUE forms met while compiling the current top-level form:
(variable . form), most recent first.")

(defun %hoist-load-time-value (form)
  ;; *LOAD-TIME-VALUE-HOOK* under compile-file: FORM will run at load time,
  ;; before the top-level form that contains it, and set a fresh variable.
  (let ((var (gensym "LOAD-TIME-VALUE")))
    (setq *ltv-pending* (cons (cons var form) *ltv-pending*))
    var))

(defun %compile-for-fasl (form)
  ;; The top-level functions for FORM, in load order: those setting its
  ;; LOAD-TIME-VALUE variables first.
  (let* ((*ltv-pending* nil)
         (main (let ((*load-time-value-hook* #'%hoist-load-time-value)) (%compile-toplevel form)))
         (out nil))
    (dolist (p (reverse *ltv-pending*))
      (setq out (append out (%compile-for-fasl `(set ',(car p) ,(cdr p))))))
    (append out (list main))))

(defvar *fasl-functions* nil
  "The top-level functions of the fasl being compiled, last first.")

(defvar *load-form-variables* nil
  "The objects of the fasl being compiled made by load forms (CLHS 3.2.4.4),
each with the variable its creation form sets when loaded (an EQ table).")

(defvar *creating* nil
  "The objects whose creation forms are being compiled.")

(defun %emit-for-fasl (form)
  ;; Adds FORM's top-level functions to the fasl, after the load forms of
  ;; the instances they refer to that have none yet.
  (let ((functions (%compile-for-fasl form)))
    (dolist (object (%fasl-instances functions *load-form-variables*))
      (%dump-by-load-form object))
    (setq *fasl-functions* (append (reverse functions) *fasl-functions*))))

(defun %dump-by-load-form (object)
  ;; CLHS 3.2.4.4: OBJECT's creation form sets a fresh variable when
  ;; loaded (the fasl refers to OBJECT through it), after the creation
  ;; forms of the objects it refers to; its initialization form runs next,
  ;; after those of objects it refers to that were not made yet, so it may
  ;; refer to OBJECT or to objects that refer back to OBJECT.
  (unless (gethash object *load-form-variables*)
    (when (member object *creating* :test #'eq)
      (error 'simple-error :format-control "Circular reference in the creation form of ~S."
                           :format-arguments (list object)))
    (multiple-value-bind (creation initialization) (make-load-form object)
      (let ((var (gensym "LOAD-FORM")))
        (let ((*creating* (cons object *creating*)))
          (%emit-for-fasl `(set ',var ,creation)))
        (setf (gethash object *load-form-variables*) var)
        (when initialization
          (%emit-for-fasl initialization))))))

(defun compile-file-pathname (input-file &key output-file &allow-other-keys)
  ;; As SBCL: the input's name with type "fasl", merged under OUTPUT-FILE.
  (let ((fasl (make-pathname :type "fasl" :defaults (merge-pathnames input-file))))
    (if output-file
        (merge-pathnames output-file fasl)
        fasl)))

(defun %process-toplevel (form compile-time-too emit &optional env wrappers)
  ;; CLHS 3.2.3.1: EMIT receives each form to compile for load time. The
  ;; bodies of top-level MACROLET, SYMBOL-MACROLET and LOCALLY forms are
  ;; top-level forms too: ENV holds their macros for expansion, and
  ;; WRAPPERS, outermost first, re-wrap each form that is evaluated or
  ;; compiled, so it keeps its lexical context.
  (let ((form (macroexpand form env)))
    (flet ((body (forms env wrappers)
             (dolist (f forms) (%process-toplevel f compile-time-too emit env wrappers))))
      (case (and (consp form) (car form))
        (progn (body (cdr form) env wrappers))
        (eval-when (%process-eval-when (car (cdr form)) (cdr (cdr form)) compile-time-too emit env wrappers))
        (macrolet (body (cdr (cdr form))
                        (%augment-environment env :macrolet (car (cdr form)))
                        (append wrappers (list (list 'macrolet (car (cdr form)))))))
        (symbol-macrolet (body (cdr (cdr form))
                               (%augment-environment env :symbol-macrolet (car (cdr form)))
                               (append wrappers (list (list 'symbol-macrolet (car (cdr form)))))))
        (locally (body (%body-forms (cdr form)) env
                       (append wrappers (list (cons 'locally (%body-declarations (cdr form)))))))
        (t
         (let ((form (%wrap-toplevel form wrappers)))
           (when compile-time-too (eval form))
           (funcall emit form)))))))

(defun %wrap-toplevel (form wrappers)
  (if wrappers
      (append (car wrappers) (list (%wrap-toplevel form (cdr wrappers))))
      form))

(defun %process-eval-when (situations body compile-time-too emit env wrappers)
  (let ((ct (or (member :compile-toplevel situations) (member 'compile situations)))
        (lt (or (member :load-toplevel situations) (member 'load situations)))
        (ex (or (member :execute situations) (member 'eval situations))))
    (cond (lt (let ((mode (if (or ct (and ex compile-time-too)) t nil)))
                (dolist (f body) (%process-toplevel f mode emit env wrappers))))
          ((or ct (and ex compile-time-too))
           (eval (%wrap-toplevel (cons 'progn body) wrappers))))))

(defun compile-file (input-file &key output-file (verbose *compile-verbose*)
                                     (print *compile-print*) external-format)
  (declare (ignore external-format))
  (let* ((pathname (merge-pathnames input-file))
         (truename (or (probe-file pathname)
                       (and (null (pathname-type pathname))
                            (probe-file (make-pathname :type "lisp" :defaults pathname)))
                       (truename pathname)))
         (in (namestring truename))
         (out (translate-logical-pathname (compile-file-pathname pathname :output-file output-file)))
         (stream (%open-input-file in))
         (*fasl-functions* nil)
         (*load-form-variables* (make-hash-table :test 'eq))
         (warnings-p nil)
         (failure-p nil)
         (read-error nil)
         (*compiler-errors* nil))
    (let ((*package* *package*)
          (*readtable* *readtable*)
          (*compile-file-pathname* pathname)
          (*compile-file-truename* truename))
      (when verbose (format t "~&; compiling ~A~%" in))
      ;; Warnings (the unit's deferred ones included) make WARNINGS-P true;
      ;; those that are not style warnings make FAILURE-P true too.
      (handler-bind ((warning (lambda (c)
                                (setq warnings-p t)
                                (unless (typep c 'style-warning) (setq failure-p t)))))
        (with-compilation-unit ()
          (unwind-protect
               (let ((eof '#:eof))
                 (%skip-shebang stream)
                 (loop
                   ;; A form that cannot be read ends the compilation (as
                   ;; in SBCL): reported, and no fasl is written.
                   (let ((form (handler-case (read stream nil eof)
                                 ((or reader-error end-of-file) (c)
                                   (setq read-error (list c (%form-line stream) (%form-column stream)))
                                   eof))))
                     (when (eq form eof) (return))
                     (when print (format t "~&; ~S~%" (if (consp form) (car form) form)))
                     (let ((*source-location* (format nil "~A:~D:~D" (if (stringp input-file) input-file in)
                                                            (%form-line stream) (%form-column stream))))
                       (%process-toplevel form nil
                                          (lambda (f)
                                            (%emit-for-fasl f)
                                            (when (%report-compiler-errors)
                                              (setq warnings-p t failure-p t))))))))
            (close stream))))
      (when read-error
        (format *error-output* "~&; caught ERROR:~%;   READ error during COMPILE-FILE:~%;     ~A~%;     (in form starting at ~A:~{~D:~D~})~%; compilation aborted~%"
                (first read-error) in (rest read-error))
        (return-from compile-file (values nil t t)))
      (%write-fasl (reverse *fasl-functions*) (%native out) *load-form-variables*)
      (when verbose (format t "~&; wrote ~A~%" out))
      (values (truename out) warnings-p failure-p))))

(defun %load-fasl (stream print)
  ;; Each top-level form is read from the fasl (the file STREAM LOAD
  ;; opened) just before it runs.
  (let ((loader (%fasl-open stream))
        (name (namestring (pathname stream))))
    (loop
      (let ((f (%fasl-next loader name)))
        (unless f (return t))
        (let ((values (multiple-value-list (funcall f))))
          (when print (format t "~&; ~{~S~^, ~}~%" values)))))))
