;;;; The extended LOOP macro (CLHS 6.1), part 1: the parser state, reading
;;;; tokens, variables with their types and destructuring patterns, and the
;;;; code that assigns them. The clauses and the macro are in 06-loop.lisp.
;;;;
;;;; An expansion is built from these pieces:
;;;;   (block NAME
;;;;     (let (GROUP 1 bindings) (let (GROUP 2 ...) ... (let* (accumulators)
;;;;       (macrolet ((loop-finish () '(go END)))
;;;;         (tagbody INITIALLY-forms FIRST-steps
;;;;          NEXT BODY LATER-steps (go NEXT)
;;;;          END FINALLY-forms (return-from NAME result)))))))
;;;; Each FOR clause contributes stepping code twice: once for the first
;;;; iteration (before NEXT) and once for the later ones (after the body);
;;;; the clauses joined by AND form one group, stepped in parallel.

(in-package "CLOVE-SYSTEM")

(defvar *loop-tokens*)       ; the clauses not parsed yet
(defvar *loop-clause*)       ; where the clause being parsed started (for error messages)
(defvar *loop-name*)         ; the name of the loop's block
(defvar *loop-end*)          ; the tag that ends the iteration; the epilogue follows it
(defvar *loop-groups*)       ; binding groups, innermost first: (LET-OPERATOR BINDINGS . SETUP-FORMS)
(defvar *loop-vars*)         ; every variable the loop binds, to reject duplicates
(defvar *loop-prologue*)     ; INITIALLY forms, reversed
(defvar *loop-epilogue*)     ; FINALLY forms, reversed
(defvar *loop-first*)        ; stepping code run before the first iteration, reversed
(defvar *loop-later*)        ; stepping code run before each later iteration, reversed
(defvar *loop-body*)         ; the main clauses' code, reversed
(defvar *loop-body-started*) ; true once a main clause has emitted body code
(defvar *loop-accumulators*) ; (INTO-NAME-OR-NIL CLASS RESULT-FORM BINDINGS VAR HEAD-OR-FLAG TAIL)...
(defvar *loop-boolean*)      ; NIL, ALWAYS (default result T) or THEREIS (default result NIL)
(defvar *loop-it*)           ; the variable IT stands for in the current conditional, or NIL
(defvar *loop-it-used*)      ; true once IT was used in the current conditional

;;; --- Errors and tokens

(defun %loop-context ()
  ;; The current clause's tokens read so far, and the next one.
  (let ((out nil) (stop (cdr *loop-tokens*)))
    (do ((l *loop-clause* (cdr l)) (n 0 (1+ n)))
        ((or (atom l) (eq l stop) (>= n 12)) (nreverse out))
      (push (car l) out))))

(defun %loop-error (control &rest args)
  ;; A malformed LOOP: a PROGRAM-ERROR at macroexpansion time.
  (error 'simple-program-error
         :format-control "~?~%current LOOP context: ~{~S~^ ~}."
         :format-arguments (list control args (%loop-context))))

(defun %loop-keyword-p (token &rest names)
  ;; LOOP keywords are recognized by name, whatever their package.
  (and (symbolp token) (member (symbol-name token) names :test #'string=) t))

(defun %loop-next-is (&rest names)
  (and *loop-tokens* (apply #'%loop-keyword-p (car *loop-tokens*) names)))

(defun %loop-pop () (pop *loop-tokens*))

(defun %loop-token ()
  (if *loop-tokens*
      (pop *loop-tokens*)
      (%loop-error "LOOP source code ran out when another token was expected.")))

(defun %loop-form ()
  (if *loop-tokens*
      (pop *loop-tokens*)
      (%loop-error "LOOP code ran out where a form was expected.")))

(defun %loop-form-or-it ()
  ;; A form; inside a conditional, IT stands for the value of its test.
  (if (and *loop-it* (%loop-next-is "IT"))
      (progn (%loop-pop) (setq *loop-it-used* t) *loop-it*)
      (%loop-form)))

(defun %loop-compound-forms ()
  ;; One or more compound forms (DO, INITIALLY, FINALLY).
  (unless (consp (car *loop-tokens*))
    (if *loop-tokens*
        (%loop-error "A compound form was expected, but ~S found." (car *loop-tokens*))
        (%loop-error "LOOP code ran out where a compound form was expected.")))
  (let ((forms nil))
    (do () ((not (consp (car *loop-tokens*))) (nreverse forms))
      (push (%loop-pop) forms))))

(defun %loop-symbol (what)
  ;; A token that must be a variable name.
  (let ((token (%loop-token)))
    (unless (and token (symbolp token))
      (%loop-error "~S is not a valid ~A." token what))
    token))

;;; --- Variables, types and destructuring

(defun %loop-optional-type ()
  ;; [OF-TYPE type-spec | FIXNUM | FLOAT | T | NIL]; T when absent.
  (cond ((%loop-next-is "OF-TYPE") (%loop-pop) (%loop-token))
        ((%loop-next-is "FIXNUM" "FLOAT" "T" "NIL") (%loop-pop))
        (t t)))

(defun %loop-type-default (type)
  ;; The initial value of a variable of TYPE that has no initial form.
  (let ((head (if (consp type) (car type) type)))
    (cond ((member head '(fixnum integer bit number real rational ratio signed-byte unsigned-byte mod bignum)) 0)
          ((member head '(float single-float short-float)) 0.0)
          ((member head '(double-float long-float)) 0.0d0)
          (t nil))))

(defun %loop-pattern-vars (pattern type)
  ;; ((VAR . TYPE)...) for the variables of a destructuring PATTERN (NIL
  ;; parts are skipped); a list TYPE is destructured along with it.
  (cond ((null pattern) nil)
        ((symbolp pattern) (list (cons pattern type)))
        ((consp pattern)
         (append (%loop-pattern-vars (car pattern) (if (consp type) (car type) type))
                 (%loop-pattern-vars (cdr pattern) (if (consp type) (cdr type) type))))
        (t (%loop-error "~S is not a variable or a destructuring pattern." pattern))))

(defun %loop-declare-vars (pairs)
  ;; Records the variables of PAIRS ((VAR . TYPE)...); binding one twice is an error.
  (dolist (p pairs)
    (when (member (car p) *loop-vars*)
      (%loop-error "Duplicated variable ~S" (car p)))
    (push (car p) *loop-vars*)))

(defun %loop-default-bindings (pairs)
  (mapcar (lambda (p) (list (car p) (%loop-type-default (cdr p)))) pairs))

(defun %loop-pattern ()
  ;; Reads a variable or destructuring pattern and its optional type, and
  ;; declares its variables: returns (PATTERN VARS TYPE).
  (let* ((pattern (%loop-token))
         (type (%loop-optional-type))
         (vars (%loop-pattern-vars pattern type)))
    (%loop-declare-vars vars)
    (list pattern vars type)))

(defun %loop-assign (pattern form)
  ;; Forms assigning FORM's value to the variables of PATTERN (every form
  ;; returned is a compound form, safe inside a TAGBODY).
  (cond ((null pattern)
         (if (and (consp form) (not (member (car form) '(car cdr)))) (list form) nil))
        ((symbolp pattern) (list `(setq ,pattern ,form)))
        ((symbolp form)
         (append (%loop-assign (car pattern) `(car ,form))
                 (%loop-assign (cdr pattern) `(cdr ,form))))
        (t (let ((g (gensym "D")))
             (list `(let ((,g ,form)) ,@(%loop-assign pattern g)))))))

(defun %loop-parallel-assign (pairs)
  ;; Forms assigning each (PATTERN FORM) of PAIRS, all forms evaluated first.
  (if (null (cdr pairs))
      (and pairs (%loop-assign (car (car pairs)) (car (cdr (car pairs)))))
      (let ((temps (mapcar (lambda (p) (declare (ignore p)) (gensym "NEW")) pairs)))
        (list `(let ,(mapcar (lambda (tmp p) (list tmp (car (cdr p)))) temps pairs)
                 ,@(apply #'append (mapcar (lambda (tmp p) (%loop-assign (car p) tmp)) temps pairs)))))))

(defun %loop-destructure-bindings (pattern value)
  ;; LET* bindings of PATTERN's variables to the parts of VALUE.
  (cond ((null pattern) nil)
        ((symbolp pattern) (list (list pattern value)))
        (t (let ((g (gensym "D")))
             (cons (list g value)
                   (append (%loop-destructure-bindings (car pattern) `(car ,g))
                           (%loop-destructure-bindings (cdr pattern) `(cdr ,g))))))))

(defun %loop-bind (operator bindings &optional setup)
  ;; Adds a binding group inside the ones made so far.
  (push (list* operator bindings setup) *loop-groups*))

(defun %loop-end-test (tests)
  ;; Code ending the iteration when any of TESTS is true.
  (when tests
    `((when ,(if (cdr tests) `(or ,@tests) (car tests)) (go ,*loop-end*)))))
