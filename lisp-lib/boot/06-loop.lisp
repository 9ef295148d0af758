;;;; The extended LOOP macro (CLHS 6.1), part 2: the clauses and LOOP
;;;; itself. The parser state, the shape of an expansion and the helpers for
;;;; variables are in 06-loop-parse.lisp.

(in-package "CLOVE-SYSTEM")

;;; --- FOR and AS. Each iteration clause is described by
;;;   (BINDINGS SETUP-FORMS FIRST-PHASE LATER-PHASE)
;;; and a phase by (PRE-TEST STEPS POST-TEST PSEUDO-STEPS): the test ending
;;; the loop before stepping, the (PATTERN FORM) steps made in parallel with
;;; the other clauses of an AND group, the test after stepping, and the
;;; (PATTERN FORM) assignments of the variables that follow from the steps.

(defun %loop-phase (pre steps post pseudo) (list pre steps post pseudo))

(defun %loop-group-code (phases)
  ;; The code of one phase of an AND-joined group of clauses.
  (let ((pre nil) (steps nil) (post nil) (pseudo nil))
    (dolist (p phases)
      (when (first p) (push (first p) pre))
      (setq steps (append steps (second p)))
      (when (third p) (push (third p) post))
      (setq pseudo (append pseudo (fourth p))))
    (append (%loop-end-test (nreverse pre))
            (%loop-parallel-assign steps)
            (%loop-end-test (nreverse post))
            (apply #'append (mapcar (lambda (p) (%loop-assign (first p) (second p))) pseudo)))))

(defun %loop-by-function ()
  ;; The optional BY step function of IN and ON: (BINDINGS FUNCTION CALL-BY-FUNCALL).
  (if (%loop-next-is "BY")
      (progn
        (%loop-pop)
        (let ((f (%loop-form)))
          (if (and (consp f) (eq (car f) 'function) (consp (cdr f)) (symbolp (second f)) (null (cddr f)))
              (list nil (second f) nil)
              (let ((g (gensym "STEP")))
                (list (list (list g f)) g t)))))
      (list nil 'cdr nil)))

(defun %loop-step-form (by var)
  (if (third by) `(funcall ,(second by) ,var) `(,(second by) ,var)))

(defun %loop-for-in (pattern vars)
  (let* ((tail (gensym "TAIL"))
         (list-form (%loop-form))
         (by (%loop-by-function))
         (set-vars (list (list pattern `(car ,tail)))))
    (list (append (list (list tail list-form)) (first by) (%loop-default-bindings vars))
          nil
          (%loop-phase `(endp ,tail) nil nil set-vars)
          (%loop-phase nil (list (list tail (%loop-step-form by tail))) `(endp ,tail) set-vars))))

(defun %loop-for-on (pattern vars)
  (let* ((list-form (%loop-form))
         (by (%loop-by-function)))
    (if (and pattern (symbolp pattern))
        ;; The variable itself walks the list (and ends as the final atom).
        (list (cons (list pattern list-form) (first by))
              nil
              (%loop-phase `(atom ,pattern) nil nil nil)
              (%loop-phase nil (list (list pattern (%loop-step-form by pattern))) `(atom ,pattern) nil))
        (let ((tail (gensym "TAIL")))
          (list (append (list (list tail list-form)) (first by) (%loop-default-bindings vars))
                nil
                (%loop-phase `(atom ,tail) nil nil (list (list pattern tail)))
                (%loop-phase nil (list (list tail (%loop-step-form by tail))) `(atom ,tail)
                             (list (list pattern tail))))))))

(defun %loop-for-equals (pattern vars)
  (let* ((init (%loop-form))
         (then (if (%loop-next-is "THEN") (progn (%loop-pop) (%loop-form)) init)))
    (list (%loop-default-bindings vars)
          nil
          (%loop-phase nil (list (list pattern init)) nil nil)
          (%loop-phase nil (list (list pattern then)) nil nil))))

(defun %loop-for-across (pattern vars)
  (let ((vector (gensym "VECTOR")) (index (gensym "INDEX")) (end (gensym "END"))
        (set-vars nil))
    (setq set-vars (list (list pattern `(aref ,vector ,index))))
    (list (append (list (list vector (%loop-form)) (list index 0) (list end 0)) (%loop-default-bindings vars))
          (list `(unless (vectorp ,vector) (error 'type-error :datum ,vector :expected-type 'vector))
                `(setq ,end (length ,vector)))
          (%loop-phase `(>= ,index ,end) nil nil set-vars)
          (%loop-phase nil (list (list index `(1+ ,index))) `(>= ,index ,end) set-vars))))

(defun %loop-for-arithmetic (var)
  ;; FROM/DOWNFROM/UPFROM start, TO/UPTO/BELOW/DOWNTO/ABOVE limit, BY step,
  ;; in any order; their forms are evaluated once, in the order written.
  (unless (symbolp var)
    (%loop-error "~S cannot be stepped arithmetically: a variable is needed." var))
  ;; FOR NIL FROM ...: the count runs in a variable of our own.
  (when (null var) (setq var (gensym "COUNT")))
  (let ((bindings nil) (start nil) (limit nil) (limit-word nil) (step 1) (direction nil) (seen nil))
    (do () ((not (%loop-next-is "FROM" "DOWNFROM" "UPFROM" "TO" "UPTO" "BELOW" "DOWNTO" "ABOVE" "BY")))
      (let* ((word (symbol-name (%loop-pop)))
             (role (cond ((member word '("FROM" "DOWNFROM" "UPFROM") :test #'string=) :start)
                         ((string= word "BY") :step)
                         (t :limit)))
             (way (cond ((member word '("DOWNFROM" "DOWNTO" "ABOVE") :test #'string=) :down)
                        ((member word '("UPFROM" "UPTO" "BELOW") :test #'string=) :up)))
             (form (%loop-form)))
        (when (member role seen)
          (%loop-error "~A gives a second ~(~A~) for ~S." word role var))
        (push role seen)
        (when way
          (when (and direction (not (eq direction way)))
            (%loop-error "conflicting stepping directions in LOOP sequencing path"))
          (setq direction way))
        (cond ((eq role :start) (setq start t) (push (list var form) bindings))
              ((numberp form) (if (eq role :limit) (setq limit form limit-word word) (setq step form)))
              (t (let ((g (gensym (if (eq role :limit) "LIMIT" "STEP"))))
                   (push (list g form) bindings)
                   (if (eq role :limit) (setq limit g limit-word word) (setq step g)))))))
    (unless start
      (when (eq direction :down)
        (%loop-error "don't know where to start stepping: a decreasing ~S needs FROM or DOWNFROM." var))
      (push (list var 0) bindings))
    (let ((test (when limit-word
                  `(,(cond ((string= limit-word "BELOW") '>=)
                           ((string= limit-word "ABOVE") '<=)
                           ((eq direction :down) '<)
                           (t '>))
                    ,var ,limit))))
      (list (nreverse bindings)
            nil
            (%loop-phase test nil nil nil)
            (%loop-phase nil (list (list var `(,(if (eq direction :down) '- '+) ,var ,step))) test nil)))))

(defun %loop-walk (list-form bindings assignments)
  ;; A clause walking the list LIST-FORM evaluates to once; ASSIGNMENTS
  ;; maps the variable holding the rest of it to the (PATTERN FORM) pseudo-steps.
  (let* ((rest (gensym "ENTRIES"))
         (set-vars (funcall assignments rest)))
    (list (cons (list rest list-form) bindings)
          nil
          (%loop-phase `(endp ,rest) nil nil set-vars)
          (%loop-phase nil (list (list rest `(cdr ,rest))) `(endp ,rest) set-vars))))

(defun %loop-for-hash (pattern vars keys)
  ;; BEING THE HASH-KEYS/HASH-VALUES {IN | OF} table [USING (HASH-VALUE/HASH-KEY var)].
  (unless (%loop-next-is "IN" "OF")
    (%loop-error "IN or OF was expected in a hash table iteration."))
  (%loop-pop)
  (let ((table (%loop-form)) (other nil) (other-word (if keys "HASH-VALUE" "HASH-KEY")))
    (when (%loop-next-is "USING")
      (%loop-pop)
      (let ((spec (%loop-token)))
        (unless (and (consp spec) (%loop-keyword-p (car spec) other-word)
                     (consp (cdr spec)) (null (cddr spec)))
          (%loop-error "(~A var) was expected after USING, not ~S." other-word spec))
        (setq other (second spec))))
    (let ((other-vars (%loop-pattern-vars other t)))
      (%loop-declare-vars other-vars)
      (%loop-walk `(%hash-table-entries ,table)
                  (append (%loop-default-bindings vars) (%loop-default-bindings other-vars))
                  (lambda (e)
                    (list (list pattern (if keys `(car (car ,e)) `(cdr (car ,e))))
                          (list other (if keys `(cdr (car ,e)) `(car (car ,e))))))))))

(defun %loop-for-symbols (pattern vars kinds)
  ;; BEING THE SYMBOLS/PRESENT-SYMBOLS/EXTERNAL-SYMBOLS [{IN | OF} package].
  (let ((package (if (%loop-next-is "IN" "OF") (progn (%loop-pop) (%loop-form)) '*package*)))
    (%loop-walk `(%package-symbols (%find-package-or-lose ,package) ',kinds)
                (%loop-default-bindings vars)
                (lambda (e) (list (list pattern `(car ,e)))))))

(defun %loop-for-being (pattern vars)
  (unless (%loop-next-is "EACH" "THE")
    (%loop-error "EACH or THE was expected after BEING."))
  (%loop-pop)
  (let ((kind (%loop-token)))
    (cond ((%loop-keyword-p kind "HASH-KEY" "HASH-KEYS") (%loop-for-hash pattern vars t))
          ((%loop-keyword-p kind "HASH-VALUE" "HASH-VALUES") (%loop-for-hash pattern vars nil))
          ((%loop-keyword-p kind "SYMBOL" "SYMBOLS")
           (%loop-for-symbols pattern vars '(:internal :external :inherited)))
          ((%loop-keyword-p kind "PRESENT-SYMBOL" "PRESENT-SYMBOLS")
           (%loop-for-symbols pattern vars '(:internal :external)))
          ((%loop-keyword-p kind "EXTERNAL-SYMBOL" "EXTERNAL-SYMBOLS")
           (%loop-for-symbols pattern vars '(:external)))
          (t (%loop-error "~S is not a LOOP iteration path (HASH-KEYS, HASH-VALUES or SYMBOLS)." kind)))))

(defun %loop-for-clause ()
  (let* ((p (%loop-pattern)) (pattern (first p)) (vars (second p)))
    (cond ((%loop-next-is "IN") (%loop-pop) (%loop-for-in pattern vars))
          ((%loop-next-is "ON") (%loop-pop) (%loop-for-on pattern vars))
          ((%loop-next-is "=") (%loop-pop) (%loop-for-equals pattern vars))
          ((%loop-next-is "ACROSS") (%loop-pop) (%loop-for-across pattern vars))
          ((%loop-next-is "BEING") (%loop-pop) (%loop-for-being pattern vars))
          ((%loop-next-is "FROM" "DOWNFROM" "UPFROM" "TO" "UPTO" "BELOW" "DOWNTO" "ABOVE" "BY")
           (%loop-for-arithmetic pattern))
          (*loop-tokens* (%loop-error "~S is not a FOR/AS preposition." (car *loop-tokens*)))
          (t (%loop-error "LOOP source code ran out when another token was expected.")))))

(defun %loop-for-group ()
  ;; FOR clauses joined by AND: bound together, stepped in parallel.
  (when *loop-body-started*
    (%loop-error "iteration in LOOP follows body code"))
  (let ((clauses (list (%loop-for-clause))))
    (do () ((not (%loop-next-is "AND")) (setq clauses (nreverse clauses)))
      (%loop-pop)
      (push (%loop-for-clause) clauses))
    (%loop-bind 'let (apply #'append (mapcar #'first clauses)) (apply #'append (mapcar #'second clauses)))
    (dolist (f (%loop-group-code (mapcar #'third clauses))) (push f *loop-first*))
    (dolist (f (%loop-group-code (mapcar #'fourth clauses))) (push f *loop-later*))))

;;; --- WITH and REPEAT

(defun %loop-with-clause ()
  ;; var [type] [= form]: (PATTERN VARS INIT), INIT a list of the form or NIL.
  (let ((p (%loop-pattern)))
    (list (first p) (second p)
          (when (%loop-next-is "=") (%loop-pop) (list (%loop-form))))))

(defun %loop-with-group ()
  ;; WITH clauses joined by AND are bound in parallel.
  (let ((clauses (list (%loop-with-clause))))
    (do () ((not (%loop-next-is "AND")) (setq clauses (nreverse clauses)))
      (%loop-pop)
      (push (%loop-with-clause) clauses))
    (if (every (lambda (c) (and (first c) (symbolp (first c)))) clauses)
        (%loop-bind 'let (mapcar (lambda (c)
                                   (if (third c)
                                       (list (first c) (car (third c)))
                                       (car (%loop-default-bindings (second c)))))
                                 clauses))
        ;; Every form is evaluated before any variable is bound.
        (let ((temps nil) (bindings nil))
          (dolist (c clauses)
            (if (third c)
                (let ((g (gensym "WITH")))
                  (push (list g (car (third c))) temps)
                  (setq bindings (append bindings (%loop-destructure-bindings (first c) g))))
                (setq bindings (append bindings (%loop-default-bindings (second c))))))
          (%loop-bind 'let* (append (nreverse temps) bindings))))))

(defun %loop-repeat ()
  ;; REPEAT n: its count is checked where iteration clauses step.
  (let* ((n (gensym "REPEAT"))
         (step `(if (<= ,n 0) (go ,*loop-end*) (setq ,n (1- ,n)))))
    (%loop-bind 'let `((,n (ceiling ,(%loop-form)))))
    (push step *loop-first*)
    (push step *loop-later*)))

;;; --- Accumulation. An accumulator is (NAME CLASS VAR AUX TAIL INIT), NAME
;;; the INTO variable or NIL for the loop's value; CLASS :LIST keeps a head
;;; cons in AUX and the last cons in TAIL, :MINMAX a "seen a value" flag in AUX.

(defun %loop-accumulation-kind (token)
  (cond ((%loop-keyword-p token "COLLECT" "COLLECTING") :collect)
        ((%loop-keyword-p token "APPEND" "APPENDING") :append)
        ((%loop-keyword-p token "NCONC" "NCONCING") :nconc)
        ((%loop-keyword-p token "COUNT" "COUNTING") :count)
        ((%loop-keyword-p token "SUM" "SUMMING") :sum)
        ((%loop-keyword-p token "MAXIMIZE" "MAXIMIZING") :maximize)
        ((%loop-keyword-p token "MINIMIZE" "MINIMIZING") :minimize)))

(defun %loop-accumulator (name kind type)
  ;; The accumulator for NAME, made on first use; kinds must agree.
  (let ((class (cond ((member kind '(:collect :append :nconc)) :list)
                     ((member kind '(:count :sum)) :sum)
                     (t :minmax)))
        (entry (assoc name *loop-accumulators*)))
    (cond (entry
           (unless (eq (second entry) class)
             (%loop-error "incompatible kinds of LOOP value accumulation specified for collecting ~A: ~A and ~A"
                          (if name (format nil "INTO ~S" name) "as the value of the LOOP")
                          (second entry) class))
           entry)
          (t
           (if name
               (%loop-declare-vars (list (cons name type)))
               (when *loop-boolean*
                 (%loop-error "An anonymous accumulation is not permitted with ALWAYS, NEVER or THEREIS.")))
           (let ((entry (list name class (or name (gensym "RESULT")) (gensym "AUX") (gensym "TAIL")
                              (or (%loop-type-default type) 0))))
             (push entry *loop-accumulators*)
             entry)))))

(defun %loop-accumulate (kind)
  ;; {COLLECT | SUM | ...} form [INTO var] [type]: the accumulating form.
  (let* ((form (%loop-form-or-it))
         (name (when (%loop-next-is "INTO") (%loop-pop) (%loop-symbol "accumulation variable")))
         (entry (%loop-accumulator name kind (%loop-optional-type)))
         (var (third entry)) (aux (fourth entry)) (tail (fifth entry)))
    (case kind
      ((:collect :append :nconc)
       (let ((update (case kind
                       (:collect `(setq ,tail (cdr (rplacd ,tail (list ,form)))))
                       (:append `(setq ,tail (last (rplacd ,tail (copy-list ,form)))))
                       (t `(setq ,tail (last (rplacd ,tail ,form)))))))
         (if name `(progn ,update (setq ,var (cdr ,aux))) update)))
      (:count `(when ,form (setq ,var (1+ ,var))))
      (:sum `(setq ,var (+ ,var ,form)))
      (t (let ((v (gensym "VALUE")))
           `(let ((,v ,form))
              (setq ,var (if ,aux
                             (,(if (eq kind :maximize) 'max 'min) ,var ,v)
                             (progn (setq ,aux t) (max ,v))))))))))

(defun %loop-accumulator-bindings (entry)
  (destructuring-bind (name class var aux tail init) entry
    (case class
      (:list `(,@(when name `((,var nil))) (,aux (list nil)) (,tail ,aux)))
      (:sum `((,var ,init)))
      (t `((,var ,init) (,aux nil))))))

(defun %loop-result ()
  ;; The loop's value when it ends normally.
  (let ((default (assoc nil *loop-accumulators*)))
    (cond (default (if (eq (second default) :list) `(cdr ,(fourth default)) (third default)))
          ((eq *loop-boolean* :always) t)
          (t nil))))

;;; --- Termination tests and conditionals

(defun %loop-pseudo (form)
  ;; A termination test: part of the stepping code until body code appears.
  (if *loop-body-started*
      (push form *loop-body*)
      (progn (push form *loop-first*) (push form *loop-later*))))

(defun %loop-boolean (kind)
  ;; ALWAYS, NEVER, THEREIS: return at once, skipping the epilogue.
  (when (assoc nil *loop-accumulators*)
    (%loop-error "~A is not permitted with an anonymous accumulation." kind))
  (setq *loop-boolean* (if (eq kind :thereis) :thereis :always))
  (let ((form (%loop-form)))
    (%loop-pseudo (case kind
                    (:always `(unless ,form (return-from ,*loop-name* nil)))
                    (:never `(when ,form (return-from ,*loop-name* nil)))
                    (t (let ((v (gensym "VALUE")))
                         `(let ((,v ,form)) (when ,v (return-from ,*loop-name* ,v)))))))))

(defun %loop-selectable-clause ()
  ;; A clause allowed inside a conditional: its code, a list of forms.
  (setq *loop-clause* *loop-tokens*)
  (let* ((token (%loop-token)) (kind (%loop-accumulation-kind token)))
    (cond (kind (list (%loop-accumulate kind)))
          ((%loop-keyword-p token "DO" "DOING") (%loop-compound-forms))
          ((%loop-keyword-p token "RETURN") (list `(return-from ,*loop-name* ,(%loop-form-or-it))))
          ((%loop-keyword-p token "IF" "WHEN" "UNLESS") (list (%loop-conditional token)))
          ((%loop-keyword-p token "WHILE" "UNTIL" "ALWAYS" "NEVER" "THEREIS" "REPEAT" "FOR" "AS" "WITH"
                            "INITIALLY" "FINALLY" "NAMED")
           (%loop-error "The LOOP ~A clause is not permitted inside a conditional." (symbol-name token)))
          (t (%loop-error "~S is not a LOOP clause allowed in a conditional." token)))))

(defun %loop-clause-chain ()
  ;; selectable-clause {AND selectable-clause}*
  (let ((forms (%loop-selectable-clause)))
    (do () ((not (%loop-next-is "AND")) forms)
      (%loop-pop)
      (setq forms (append forms (%loop-selectable-clause))))))

(defun %loop-conditional (keyword)
  ;; {IF | WHEN | UNLESS} form clauses [ELSE clauses] [END]
  (let ((test (%loop-form)) (it (gensym "IT")) (then nil) (else nil) (used nil))
    (let ((*loop-it* it) (*loop-it-used* nil))
      (setq then (%loop-clause-chain))
      (when (%loop-next-is "ELSE")
        (%loop-pop)
        (setq else (%loop-clause-chain)))
      (setq used *loop-it-used*))
    (when (%loop-next-is "END") (%loop-pop))
    (let* ((value (if used it test))
           (code `(if ,(if (%loop-keyword-p keyword "UNLESS") `(not ,value) value)
                      (progn ,@then)
                      ,@(when else `((progn ,@else))))))
      (if used `(let ((,it ,test)) ,code) code))))

;;; --- The clauses and the macro

(defun %loop-main-clause ()
  (setq *loop-clause* *loop-tokens*)
  (let ((token (%loop-token)))
    (cond ((not (symbolp token))
           (%loop-error "~S was found where a LOOP keyword was expected." token))
          ((%loop-keyword-p token "WITH") (%loop-with-group))
          ((%loop-keyword-p token "FOR" "AS") (%loop-for-group))
          ((%loop-keyword-p token "REPEAT") (%loop-repeat))
          ((%loop-keyword-p token "INITIALLY") (dolist (f (%loop-compound-forms)) (push f *loop-prologue*)))
          ((%loop-keyword-p token "FINALLY") (dolist (f (%loop-compound-forms)) (push f *loop-epilogue*)))
          ((%loop-keyword-p token "WHILE") (%loop-pseudo `(unless ,(%loop-form) (go ,*loop-end*))))
          ((%loop-keyword-p token "UNTIL") (%loop-pseudo `(when ,(%loop-form) (go ,*loop-end*))))
          ((%loop-keyword-p token "ALWAYS") (%loop-boolean :always))
          ((%loop-keyword-p token "NEVER") (%loop-boolean :never))
          ((%loop-keyword-p token "THEREIS") (%loop-boolean :thereis))
          ((or (%loop-accumulation-kind token) (%loop-keyword-p token "DO" "DOING" "RETURN" "IF" "WHEN" "UNLESS"))
           (setq *loop-tokens* *loop-clause*)
           (setq *loop-body-started* t)
           (dolist (f (%loop-selectable-clause)) (push f *loop-body*)))
          ((%loop-keyword-p token "NAMED")
           (%loop-error "The NAMED clause occurs too late: it must come first."))
          ((%loop-keyword-p token "AND" "ELSE" "END")
           (%loop-error "~A is misplaced at top level in LOOP." (symbol-name token)))
          (t (%loop-error "unknown LOOP keyword: ~S" token)))))

(defun %loop-expand (clauses)
  (let ((*loop-tokens* clauses) (*loop-clause* clauses) (*loop-name* nil) (*loop-end* (gensym "END"))
        (*loop-groups* nil) (*loop-vars* nil) (*loop-prologue* nil) (*loop-epilogue* nil)
        (*loop-first* nil) (*loop-later* nil) (*loop-body* nil) (*loop-body-started* nil)
        (*loop-accumulators* nil) (*loop-boolean* nil) (*loop-it* nil) (*loop-it-used* nil))
    (when (%loop-next-is "NAMED")
      (%loop-pop)
      (setq *loop-name* (%loop-token))
      (unless (symbolp *loop-name*) (%loop-error "~S is not a valid LOOP name." *loop-name*)))
    (do () ((null *loop-tokens*)) (%loop-main-clause))
    (let* ((next (gensym "NEXT"))
           (code `(macrolet ((loop-finish () '(go ,*loop-end*)))
                    (tagbody
                       ,@(reverse *loop-prologue*)
                       ,@(reverse *loop-first*)
                       ,next
                       ,@(reverse *loop-body*)
                       ,@(reverse *loop-later*)
                       (go ,next)
                       ,*loop-end*
                       ,@(reverse *loop-epilogue*)
                       (return-from ,*loop-name* ,(%loop-result))))))
      (when *loop-accumulators*
        (setq code `(let* ,(apply #'append (mapcar #'%loop-accumulator-bindings (reverse *loop-accumulators*)))
                      ,code)))
      (dolist (g *loop-groups*)
        (setq code `(,(first g) ,(second g) ,@(cddr g) ,code)))
      `(block ,*loop-name* ,code))))

(defmacro loop (&body body)
  ;; The simple form (only compound forms) repeats them forever; the
  ;; extended form is made of LOOP keywords and their forms.
  (if (every #'consp body)
      (let ((top (gensym "LOOP")))
        `(block nil (tagbody ,top ,@body (go ,top))))
      (%loop-expand body)))

(defmacro loop-finish ()
  ;; Inside LOOP this name is a local macro; anywhere else it is an error.
  (error 'simple-program-error :format-control "LOOP-FINISH was used outside of a LOOP."))
