;;;; UIOP/LISP-BUILD: compiling and loading Lisp files as the defsystem
;;;; does: COMPILE-FILE* (the fasl appears only if the compilation
;;;; succeeded, and warnings or failures are errors, warnings or ignored as
;;;; configured), muffling uninteresting conditions, deferred warnings
;;;; (undefined functions and variables) saved to a file and checked at
;;;; the end of a build, and combining fasls.

(uiop/package:define-package "UIOP/LISP-BUILD"
  (:nicknames "ASDF/LISP-BUILD")
  (:use "UIOP/COMMON-LISP" "UIOP/PACKAGE" "UIOP/UTILITY"
        "UIOP/OS" "UIOP/PATHNAME" "UIOP/FILESYSTEM" "UIOP/STREAM" "UIOP/IMAGE")
  (:export
   "*COMPILE-FILE-WARNINGS-BEHAVIOUR*" "*COMPILE-FILE-FAILURE-BEHAVIOUR*"
   "*OUTPUT-TRANSLATION-FUNCTION*"
   "*OPTIMIZATION-SETTINGS*" "*PREVIOUS-OPTIMIZATION-SETTINGS*" "*BASE-BUILD-DIRECTORY*"
   "COMPILE-CONDITION" "COMPILE-FILE-ERROR" "COMPILE-WARNED-ERROR" "COMPILE-FAILED-ERROR"
   "COMPILE-WARNED-WARNING" "COMPILE-FAILED-WARNING"
   "CHECK-LISP-COMPILE-RESULTS" "CHECK-LISP-COMPILE-WARNINGS"
   "*UNINTERESTING-CONDITIONS*" "*UNINTERESTING-COMPILER-CONDITIONS*" "*UNINTERESTING-LOADER-CONDITIONS*"
   "*USUAL-UNINTERESTING-CONDITIONS*"
   "REIFY-SIMPLE-SEXP" "UNREIFY-SIMPLE-SEXP"
   "REIFY-DEFERRED-WARNINGS" "UNREIFY-DEFERRED-WARNINGS"
   "RESET-DEFERRED-WARNINGS" "SAVE-DEFERRED-WARNINGS" "CHECK-DEFERRED-WARNINGS"
   "WITH-SAVED-DEFERRED-WARNINGS" "WARNINGS-FILE-P" "WARNINGS-FILE-TYPE" "*WARNINGS-FILE-TYPE*"
   "ENABLE-DEFERRED-WARNINGS-CHECK" "DISABLE-DEFERRED-WARNINGS-CHECK"
   "CURRENT-LISP-FILE-PATHNAME" "LOAD-PATHNAME"
   "WITH-OPTIMIZATION-SETTINGS" "GET-OPTIMIZATION-SETTINGS" "PROCLAIM-OPTIMIZATION-SETTINGS"
   "WITH-MUFFLED-COMPILER-CONDITIONS" "WITH-MUFFLED-LOADER-CONDITIONS"
   "CALL-WITH-MUFFLED-COMPILER-CONDITIONS" "CALL-WITH-MUFFLED-LOADER-CONDITIONS"
   "LISPIZE-PATHNAME" "COMPILE-FILE-TYPE" "CALL-AROUND-HOOK"
   "COMPILE-FILE*" "COMPILE-FILE-PATHNAME*" "*COMPILE-CHECK*"
   "LOAD*" "LOAD-FROM-STRING" "COMBINE-FASLS"))

(in-package "UIOP/LISP-BUILD")

(defvar *compile-file-warnings-behaviour* :warn
  "What COMPILE-FILE* does when a compilation has warnings: :WARN, :ERROR or :IGNORE.")

(defvar *compile-file-failure-behaviour* :error
  "What COMPILE-FILE* does when a compilation fails (COMPILE-FILE's
FAILURE-P: errors, or warnings other than style warnings): :ERROR, :WARN
or :IGNORE. A compilation that writes no output is always an error.")

(defvar *base-build-directory* nil
  "If set, an absolute directory: *DEFAULT-PATHNAME-DEFAULTS* during
COMPILE-FILE*, whose input file is named relative to it when under it.")

;;; --- Optimization settings

(defvar *optimization-settings* nil
  "The OPTIMIZE qualities PROCLAIM-OPTIMIZATION-SETTINGS proclaims.")
(defvar *previous-optimization-settings* nil
  "The settings in force after the last PROCLAIM-OPTIMIZATION-SETTINGS.")

(defun get-optimization-settings ()
  "The OPTIMIZE qualities in force, as (QUALITY VALUE) lists."
  (copy-tree sys::*optimization-policy*))

(defun proclaim-optimization-settings ()
  "Proclaims *OPTIMIZATION-SETTINGS*."
  (proclaim `(optimize ,@*optimization-settings*))
  (setf *previous-optimization-settings* (get-optimization-settings)))

(defmacro with-optimization-settings ((&optional (settings '*optimization-settings*)) &body body)
  "Runs BODY with SETTINGS (OPTIMIZE qualities) proclaimed, then restores
the previous settings."
  (let ((previous (gensym "PREVIOUS")))
    `(let ((,previous (get-optimization-settings)))
       (proclaim `(optimize ,@,settings))
       (unwind-protect (progn ,@body)
         (proclaim `(optimize ,@,previous))))))

;;; --- Uninteresting conditions

(defvar *usual-uninteresting-conditions*
  '("No generic function ~S present when encountering macroexpansion of defmethod. Assuming it will be an instance of standard-generic-function.")
  "A suggested value for *UNINTERESTING-CONDITIONS*.")

(defvar *uninteresting-conditions* '()
  "Conditions (patterns per MATCH-CONDITION-P) muffled while compiling or loading.")

(defvar *uninteresting-compiler-conditions* '()
  "Conditions also muffled while compiling.")

(defvar *uninteresting-loader-conditions*
  '("Overwriting already existing readtable ~S." #(#:finalizers-off-warning :asdf-finalizers))
  "Conditions also muffled while loading.")

(defun call-with-muffled-compiler-conditions (thunk)
  (call-with-muffled-conditions thunk (append *uninteresting-conditions* *uninteresting-compiler-conditions*)))

(defmacro with-muffled-compiler-conditions ((&optional) &body body)
  `(call-with-muffled-compiler-conditions (lambda () ,@body)))

(defun call-with-muffled-loader-conditions (thunk)
  (call-with-muffled-conditions thunk (append *uninteresting-conditions* *uninteresting-loader-conditions*)))

(defmacro with-muffled-loader-conditions ((&optional) &body body)
  `(call-with-muffled-loader-conditions (lambda () ,@body)))

;;; --- Compilation results

(define-condition compile-condition (condition)
  ((context-format :initform nil :reader compile-condition-context-format :initarg :context-format)
   (context-arguments :initform nil :reader compile-condition-context-arguments :initarg :context-arguments)
   (description :initform nil :reader compile-condition-description :initarg :description))
  (:report (lambda (c s)
             (format s "~A~@[ while ~?~]"
                     (or (compile-condition-description c) (type-of c))
                     (compile-condition-context-format c)
                     (compile-condition-context-arguments c)))))

(define-condition compile-file-error (compile-condition error) ())
(define-condition compile-warned-warning (compile-condition warning) ())
(define-condition compile-warned-error (compile-condition error) ())
(define-condition compile-failed-warning (compile-condition warning) ())
(define-condition compile-failed-error (compile-condition error) ())

(defun check-lisp-compile-warnings (warnings-p failure-p &optional context-format context-arguments)
  "Signals what *COMPILE-FILE-FAILURE-BEHAVIOUR* and
*COMPILE-FILE-WARNINGS-BEHAVIOUR* ask for, given a compilation's
WARNINGS-P and FAILURE-P."
  (flet ((react (behaviour warning error description)
           (ecase behaviour
             (:warn (warn warning :description description
                                  :context-format context-format :context-arguments context-arguments))
             (:error (error error :description description
                                  :context-format context-format :context-arguments context-arguments))
             ((:ignore :success) nil))))
    (when failure-p
      (react *compile-file-failure-behaviour* 'compile-failed-warning 'compile-failed-error
             "Lisp compilation failed"))
    (when warnings-p
      (react *compile-file-warnings-behaviour* 'compile-warned-warning 'compile-warned-error
             "Lisp compilation had style-warnings"))))

(defun check-lisp-compile-results (output warnings-p failure-p &optional context-format context-arguments)
  "Signals a COMPILE-FILE-ERROR if there is no OUTPUT, then checks
WARNINGS-P and FAILURE-P as CHECK-LISP-COMPILE-WARNINGS does."
  (unless output
    (error 'compile-file-error :context-format context-format :context-arguments context-arguments))
  (check-lisp-compile-warnings warnings-p failure-p context-format context-arguments))

;;; --- Deferred warnings: what a compilation unit reports at its end
;;; (undefined functions and variables), as printable data

(defun reify-simple-sexp (sexp)
  "SEXP (symbols, numbers, characters, strings, pathnames, conses, vectors)
as data any Lisp can read back: symbols as REIFY-SYMBOL gives them, a
vector inside a one-element vector."
  (etypecase sexp
    (symbol (reify-symbol sexp))
    ((or number character simple-string pathname) sexp)
    (cons (cons (reify-simple-sexp (car sexp)) (reify-simple-sexp (cdr sexp))))
    (simple-vector (vector (mapcar #'reify-simple-sexp (coerce sexp 'list))))))

(defun unreify-simple-sexp (sexp)
  "The SEXP that REIFY-SIMPLE-SEXP represented as SEXP."
  (etypecase sexp
    ((or symbol number character simple-string pathname) sexp)
    (cons (cons (unreify-simple-sexp (car sexp)) (unreify-simple-sexp (cdr sexp))))
    ((simple-vector 2) (unreify-symbol sexp))
    ((simple-vector 1) (coerce (mapcar #'unreify-simple-sexp (aref sexp 0)) 'vector))))

(defparameter +deferred-warning-variables+
  '(sys::*undefined-functions* sys::*undefined-variables* sys::*defined-in-unit*)
  "The compilation unit's tables of what it reports at its end: names used
but not defined (with where they were used), and functions defined in it.")

(defun reify-deferred-warnings ()
  "The warnings the current compilation unit will report at its end, as
data that READ, in WITH-SAFE-IO-SYNTAX, gives back; NIL outside a unit."
  (when sys::*in-compilation-unit*
    (loop :for var :in +deferred-warning-variables+
          :for entries = (let ((alist '()))
                           (maphash (lambda (k v) (push (cons k v) alist)) (symbol-value var))
                           (nreverse alist))
          :when entries :collect (cons (reify-simple-sexp var) (reify-simple-sexp entries)))))

(defun unreify-deferred-warnings (reified-deferred-warnings)
  "Adds warnings saved by REIFY-DEFERRED-WARNINGS to those the current
compilation unit reports at its end (undefined functions defined since as
functions are dropped)."
  (when sys::*in-compilation-unit*
    (dolist (entry reified-deferred-warnings)
      (let ((var (unreify-simple-sexp (car entry))))
        (when (member var +deferred-warning-variables+)
          (dolist (pair (unreify-simple-sexp (cdr entry)))
            (unless (and (eq var 'sys::*undefined-functions*) (sys::%defined-as-function-p (car pair)))
              (setf (gethash (car pair) (symbol-value var)) (cdr pair)))))))))

(defun reset-deferred-warnings ()
  "Forgets the warnings the current compilation unit was to report."
  (when sys::*in-compilation-unit*
    (dolist (var +deferred-warning-variables+)
      (clrhash (symbol-value var)))))

(defun save-deferred-warnings (warnings-file)
  "Writes the current compilation unit's deferred warnings to WARNINGS-FILE."
  (with-open-file (s warnings-file :direction :output :if-exists :supersede
                                   :element-type *default-stream-element-type*
                                   :external-format *utf-8-external-format*)
    (with-safe-io-syntax ()
      (let ((*read-eval* t))
        (write (reify-deferred-warnings) :stream s :pretty t :readably t))
      (terpri s))))

(defun warnings-file-type (&optional implementation-type)
  "The type of warnings files for IMPLEMENTATION-TYPE (by default this Lisp)."
  (case (or implementation-type *implementation-type*)
    (:clove "clove-warnings")
    ((:acl :allegro) "allegro-warnings")
    ((:cmu :cmucl) "cmucl-warnings")
    (:sbcl "sbcl-warnings")
    ((:clozure :ccl) "ccl-warnings")
    (:scl "scl-warnings")))

(defvar *warnings-file-type* nil
  "The type of deferred-warnings files, or NIL when they are not saved.")

(defun enable-deferred-warnings-check ()
  (setf *warnings-file-type* (warnings-file-type)))

(defun disable-deferred-warnings-check ()
  (setf *warnings-file-type* nil))

(defun warnings-file-p (file &optional implementation-type)
  "Is FILE a warnings file (of IMPLEMENTATION-TYPE, or of the configured type)?"
  (let ((type (if implementation-type (warnings-file-type implementation-type) *warnings-file-type*)))
    (and type (equal (pathname-type file) type))))

(defun check-deferred-warnings (files &optional context-format context-arguments)
  "Reports the deferred warnings saved in FILES that still hold (in a
compilation unit of their own), then checks them as
CHECK-LISP-COMPILE-WARNINGS does."
  (let ((file-errors '()) (failure-p nil) (warnings-p nil))
    (handler-bind ((warning (lambda (c)
                              (setf warnings-p t)
                              (unless (typep c 'style-warning) (setf failure-p t)))))
      (with-compilation-unit (:override t)
        (reset-deferred-warnings)
        (dolist (file files)
          (unreify-deferred-warnings
           (handler-case (with-safe-io-syntax ()
                           (let ((*read-eval* t)) (read-file-form file)))
             (error (c) (push c file-errors) nil))))))
    (dolist (e file-errors) (error e))
    (check-lisp-compile-warnings (or failure-p warnings-p) failure-p context-format context-arguments)))

(defun call-with-saved-deferred-warnings (thunk warnings-file &key source-namestring)
  "Calls THUNK; with a WARNINGS-FILE, in a compilation unit of its own whose
deferred warnings are saved to that file instead of being reported."
  (declare (ignore source-namestring))
  (if warnings-file
      (with-compilation-unit (:override t)
        (unwind-protect (multiple-value-prog1 (funcall thunk)
                          (save-deferred-warnings warnings-file))
          (reset-deferred-warnings)))
      (funcall thunk)))

(defmacro with-saved-deferred-warnings ((warnings-file &key source-namestring) &body body)
  `(call-with-saved-deferred-warnings (lambda () ,@body) ,warnings-file :source-namestring ,source-namestring))

;;; --- Files

(defun current-lisp-file-pathname ()
  "The pathname of the file being compiled or loaded."
  (or *compile-file-pathname* *load-pathname*))

(defun load-pathname ()
  *load-pathname*)

(defun lispize-pathname (input-file)
  "INPUT-FILE with type \"lisp\"."
  (make-pathname :type "lisp" :defaults input-file))

(defun compile-file-type (&rest keys)
  "The type of fasls: \"fasl\"."
  (declare (ignore keys))
  (load-time-value (pathname-type (compile-file-pathname "foo.lisp"))))

(defun call-around-hook (hook function)
  "Calls FUNCTION, through HOOK (per CALL-FUNCTION) when there is one."
  (call-function (or hook 'funcall) function))

(defun compile-file-pathname* (input-file &rest keys &key output-file &allow-other-keys)
  "Where COMPILE-FILE* writes INPUT-FILE's fasl: OUTPUT-FILE if absolute
(merged with the input's name and the fasl type), else COMPILE-FILE-PATHNAME's
answer through *OUTPUT-TRANSLATION-FUNCTION*."
  (let ((keys (remove-plist-keys (unless output-file '(:output-file)) keys)))
    (if (absolute-pathname-p output-file)
        (merge-pathnames* output-file (make-pathname :type (compile-file-type)
                                                     :defaults (merge-pathnames* input-file)))
        (funcall *output-translation-function* (apply #'compile-file-pathname input-file keys)))))

(defvar *compile-check* nil
  "A function called by COMPILE-FILE* on a compilation's output (with the
input file and :OUTPUT-FILE), which must return true for it to be kept.")

(defun compile-file* (input-file &rest keys &key (compile-check *compile-check*) output-file warnings-file
                      &allow-other-keys)
  "COMPILE-FILE made safe for builds: the fasl is written to a temporary file
and renamed to OUTPUT-FILE (default COMPILE-FILE-PATHNAME*) only if the
compilation succeeded as *COMPILE-FILE-FAILURE-BEHAVIOUR* and
*COMPILE-FILE-WARNINGS-BEHAVIOUR* judge it, and COMPILE-CHECK (if any)
accepts it. With WARNINGS-FILE, deferred warnings are saved there. Returns
the output's truename (NIL on failure), WARNINGS-P and FAILURE-P."
  (let* ((keywords (remove-plist-keys '(:output-file :compile-check :warnings-file) keys))
         (output-file (or output-file (apply #'compile-file-pathname* input-file keywords)))
         (physical-output-file (physicalize-pathname output-file))
         (tmp-file (tmpize-pathname physical-output-file))
         (renamed nil))
    ;; The temporary file never outlives the call, even when an error unwinds it.
    (unwind-protect
         (multiple-value-bind (output-truename warnings-p failure-p)
             (with-enough-pathname (input-file :defaults *base-build-directory*)
               (with-saved-deferred-warnings (warnings-file :source-namestring (namestring input-file))
                 (with-muffled-compiler-conditions ()
                   (apply #'compile-file input-file :output-file tmp-file keywords))))
           (flet ((acceptable (flag behaviour) (or (not flag) (member behaviour '(:success :warn :ignore)))))
             (cond ((and output-truename
                         (acceptable failure-p *compile-file-failure-behaviour*)
                         (acceptable warnings-p *compile-file-warnings-behaviour*)
                         (or (not compile-check)
                             (apply compile-check input-file :output-file output-truename keywords)))
                    (rename-file-overwriting-target output-truename physical-output-file)
                    (setf renamed t)
                    (values (truename physical-output-file) warnings-p failure-p))
                   (t (values nil warnings-p failure-p)))))
      (unless renamed
        (delete-file-if-exists tmp-file)))))

(defun load* (x &rest keys &key &allow-other-keys)
  "LOAD of a pathname, namestring or stream, with uninteresting loader
conditions muffled."
  (with-muffled-loader-conditions ()
    (etypecase x
      ((or pathname string stream) (apply #'load x keys)))))

(defun load-from-string (string)
  "Loads (reads and evaluates) the forms in STRING."
  (with-input-from-string (s string)
    (load* s)))

(defun combine-fasls (inputs output)
  "Writes OUTPUT, the concatenation of the fasls INPUTS, which loads as they
would one after the other."
  (concatenate-files inputs output))
