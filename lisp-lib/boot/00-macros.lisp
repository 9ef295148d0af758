;;;; The basic macros of Common Lisp, written with only the special
;;;; operators, DEFMACRO (implemented in the runtime) and backquote.
;;;; Loaded first: nothing here may use SETF or the condition system.

(defmacro dolist-raw ((var list) &body body)
  (let ((l (gensym "L")))
    `(let ((,l ,list))
       (tagbody
        next
          (if (null ,l) (go done))
          (let ((,var (car ,l))) ,@body)
          (setq ,l (cdr ,l))
          (go next)
        done))))

(defmacro do-pairs ((a b list) &body body)
  (let ((l (gensym "L")))
    `(let ((,l ,list))
       (tagbody
        next
          (if (null ,l) (go done))
          (let ((,a (car ,l)) (,b (car (cdr ,l))))
            ,@body)
          (setq ,l (cdr (cdr ,l)))
          (go next)
        done))))


;;; The docstring among a body's leading declarations and strings: a
;;; string followed by more forms (a lone string is the value).
(%defun '%docstring
  (function (named-lambda %docstring (body)
              (if (consp body)
                  (if (if (stringp (car body)) (cdr body))
                      (car body)
                      (if (if (consp (car body)) (eq (car (car body)) 'declare))
                          (%docstring (cdr body))))))))

(defmacro defun (name lambda-list &body body)
  (let ((block-name (if (consp name) (car (cdr name)) name))
        (doc (%docstring body)))
    `(%defun ',name (function (named-lambda ,name ,lambda-list
                               ,@(%body-declarations body)
                               (block ,block-name ,@(%body-forms body))))
             ,@(if doc (list doc)))))

(defmacro when (test &body body) `(if ,test (progn ,@body) nil))
(defmacro unless (test &body body) `(if ,test nil (progn ,@body)))

(defmacro and (&rest forms)
  (if (null forms) t
      (if (null (cdr forms)) (car forms)
          `(if ,(car forms) (and ,@(cdr forms)) nil))))

(defmacro or (&rest forms)
  (if (null forms) nil
      (if (null (cdr forms)) (car forms)
          (let ((g (gensym "OR")))
            `(let ((,g ,(car forms)))
               (if ,g ,g (or ,@(cdr forms))))))))

(defmacro cond (&rest clauses)
  (if (null clauses) nil
      (let ((clause (car clauses)))
        (if (atom clause)
            (%malformed 'cond clause)
            (if (null (cdr clause))
                `(or ,(car clause) (cond ,@(cdr clauses)))
                `(if ,(car clause) (progn ,@(cdr clause)) (cond ,@(cdr clauses))))))))

(defmacro defvar (name &optional (value nil valuep) (documentation nil docp))
  `(progn
     (eval-when (:compile-toplevel :load-toplevel :execute) (%proclaim-special ',name))
     ,@(if valuep `((if (boundp ',name) nil (set ',name ,value))))
     ,@(if docp `((%set-documentation ',name '%doc-variable ',documentation)))
     ',name))

(defmacro defparameter (name value &optional (documentation nil docp))
  `(progn
     (eval-when (:compile-toplevel :load-toplevel :execute) (%proclaim-special ',name))
     (set ',name ,value)
     ,@(if docp `((%set-documentation ',name '%doc-variable ',documentation)))
     ',name))

(defmacro defconstant (name value &optional (documentation nil docp))
  `(eval-when (:compile-toplevel :load-toplevel :execute)
     (%defconstant ',name ,value)
     ,@(if docp `((%set-documentation ',name '%doc-variable ',documentation)))
     ',name))

(defmacro in-package (name)
  `(eval-when (:compile-toplevel :load-toplevel :execute)
     (setq *package* (%find-package-or-lose ',name))))

(defmacro prog1 (first &body rest)
  (let ((g (gensym "PROG1")))
    `(let ((,g ,first)) ,@rest ,g)))

(defmacro prog2 (first second &body rest)
  `(progn ,first (prog1 ,second ,@rest)))

(defmacro return (&optional value) `(return-from nil ,value))

(defmacro psetq (&rest pairs &environment env)
  ;; A variable that is a symbol macro makes this a PSETF (CLHS PSETQ), so
  ;; its place's subforms are evaluated in order with the new values.
  (let ((bindings nil) (sets nil) (places nil))
    (do-pairs (var form pairs)
      (if (if (symbolp var) (not (eq (macroexpand-1 var env) var)))
          (setq places t))
      (let ((g (gensym "NEW")))
        (setq bindings (cons (list g form) bindings))
        (setq sets (cons `(setq ,var ,g) sets))))
    (if places
        `(psetf ,@pairs)
        `(let ,(reverse bindings) ,@(reverse sets) nil))))

(defmacro %do (let-op set-op varlist endlist body)
  (let ((inits nil) (steps nil) (top (gensym "TOP")) (end (gensym "END")))
    (dolist-raw (v varlist)
      (if (atom v)
          (setq inits (cons v inits))
          (progn
            (setq inits (cons (list (car v) (car (cdr v))) inits))
            (if (cdr (cdr v))
                (setq steps (cons (car (cdr (cdr v))) (cons (car v) steps)))))))
    `(block nil
       (,let-op ,(reverse inits)
         ,@(%body-declarations body)
         (tagbody
            ,top
            (if ,(car endlist) (go ,end))
            ,@(%body-forms body)
            (,set-op ,@(reverse steps))
            (go ,top)
            ,end)
         (return-from nil (progn ,@(cdr endlist)))))))

(defmacro do (varlist endlist &body body) `(%do let psetq ,varlist ,endlist ,body))
(defmacro do* (varlist endlist &body body) `(%do let* setq ,varlist ,endlist ,body))

(defmacro dolist ((var list &optional result) &body body)
  (let ((l (gensym "L")) (top (gensym "TOP")))
    `(block nil
       (let ((,l ,list))
         (tagbody
            ,top
            (if (endp ,l) (return-from nil (let ((,var nil)) (declare (ignorable ,var)) ,@(%body-declarations body) ,result)))
            (let ((,var (car ,l)))
              ,@(%body-declarations body)
              (tagbody ,@(%body-forms body)))
            (setq ,l (cdr ,l))
            (go ,top))))))

(defmacro dotimes ((var count &optional result) &body body)
  (let ((n (gensym "N")) (top (gensym "TOP")))
    `(block nil
       (let ((,n ,count) (,var 0))
         (declare (ignorable ,n))
         ,@(%body-declarations body)
         (tagbody
            ,top
            (if (>= ,var ,n) (return-from nil ,result))
            (tagbody ,@(%body-forms body))
            (setq ,var (1+ ,var))
            (go ,top))))))

(defmacro prog (bindings &body body)
  `(block nil (let ,bindings ,@(%body-declarations body) (tagbody ,@(%body-forms body)))))

(defmacro prog* (bindings &body body)
  `(block nil (let* ,bindings ,@(%body-declarations body) (tagbody ,@(%body-forms body)))))

(defmacro multiple-value-list (form) `(multiple-value-call (function list) ,form))

(defmacro nth-value (n form) `(nth ,n (multiple-value-list ,form)))

(defmacro multiple-value-setq (vars form)
  ;; CLHS: as (values (setf (values ,@vars) ,form)), so symbol macros among
  ;; VARS are assigned as places; the value is FORM's primary value.
  (if vars
      `(values (setf (values ,@vars) ,form))
      `(values ,form)))

(defmacro declaim (&rest specs)
  `(eval-when (:compile-toplevel :load-toplevel :execute)
     ,@(let ((out nil))
         (dolist-raw (s specs) (setq out (cons `(proclaim ',s) out)))
         (reverse out))))

(defmacro define-symbol-macro (name expansion)
  `(eval-when (:compile-toplevel :load-toplevel :execute)
     (%define-symbol-macro ',name ',expansion)))

(defmacro %case (name keyform clauses error-kind)
  (let ((key (gensym "KEY")) (out nil) (all-keys nil))
    (dolist-raw (clause clauses)
      (let ((keys (car clause)) (body (or (cdr clause) '(nil))))
        (if (and (null error-kind) (or (eq keys t) (eq keys 'otherwise)))
            (setq out (cons `(t ,@body) out))
            (let ((keys (if (listp keys) keys (list keys))))
              (setq all-keys (append all-keys keys))
              (setq out (cons `((or ,@(let ((tests nil))
                                        (dolist-raw (k keys) (setq tests (cons `(eql ,key ',k) tests)))
                                        (reverse tests)))
                                ,@body)
                              out))))))
    (if error-kind
        (setq out (cons `(t (%case-failure ',name ,key ',all-keys)) out)))
    `(let ((,key ,keyform))
       (cond ,@(reverse out)))))

(defmacro case (keyform &rest clauses) `(%case case ,keyform ,clauses nil))
(defmacro ecase (keyform &rest clauses) `(%case ecase ,keyform ,clauses t))

;;; Implementation limits (CLHS 3.3.x, 12.1): values and arguments live in
;;; growable heap vectors; these bound them generously.
(defconstant multiple-values-limit 1048576)
(defconstant call-arguments-limit 1048576)
(defconstant lambda-parameters-limit 1048576)
(defconstant lambda-list-keywords
  '(&allow-other-keys &aux &body &environment &key &optional &rest &whole))
