;;;; Types (CLHS chapter 4) on the Lisp side: DEFTYPE, the TYPECASE family,
;;;; CHECK-TYPE and ASSERT. TYPEP, SUBTYPEP and TYPE-OF are primitives
;;;; (builtins/types/); a DEFTYPE expander is a function (form env) kept
;;;; under DEFTYPE-EXPANDER on the type name's plist, called by them.

(in-package "CLOVE-SYSTEM")

;;; --- DEFTYPE

(defun %deftype-lambda-list (lambda-list)
  ;; Optional and keyword parameters without a default default to '*.
  (let ((out nil) (state :required))
    (do ((l lambda-list (cdr l))) ((atom l) (append (nreverse out) l))
      (let ((x (car l)))
        (cond ((member x '(&optional &key))
               (setq state :defaulted) (push x out))
              ((member x lambda-list-keywords)
               (setq state (if (eq x '&allow-other-keys) state :other)) (push x out))
              ((and (eq state :defaulted) (symbolp x)) (push `(,x '*) out))
              ((and (eq state :defaulted) (consp x) (null (cdr x))) (push `(,(car x) '*) out))
              (t (push x out)))))))

(defun %split-macro-lambda-list (lambda-list)
  ;; → (values whole-var environment-var rest-of-lambda-list): &whole and
  ;; &environment taken out of a DEFTYPE or compiler-macro lambda list.
  (let ((whole nil) (env-var nil) (ll nil))
    (when (and (consp lambda-list) (eq (car lambda-list) '&whole))
      (setq whole (car (cdr lambda-list)) lambda-list (cdr (cdr lambda-list))))
    (do ((l lambda-list (cdr l))) ((atom l) (setq ll (append (nreverse ll) l)))
      (if (eq (car l) '&environment)
          (progn (setq env-var (car (cdr l))) (setq l (cdr l)))
          (push (car l) ll)))
    (values whole env-var ll)))

(defmacro deftype (name lambda-list &body body)
  (unless (and name (symbolp name))
    (error 'simple-program-error :format-control "DEFTYPE: ~S is not a valid type name."
                                 :format-arguments (list name)))
  (multiple-value-bind (whole env-var ll) (%split-macro-lambda-list lambda-list)
   (let ((form (gensym "FORM")) (env (gensym "ENV")) (doc (%docstring body)))
    (when (and (consp body) (stringp (car body)) (cdr body))
      (setq body (cdr body)))
    `(eval-when (:compile-toplevel :load-toplevel :execute)
       (%put ',name 'deftype-expander
             (named-lambda (deftype ,name) (,form ,env)
               (declare (ignorable ,env))
               (let (,@(if whole `((,whole (if (consp ,form) ,form (list ,form)))))
                     ,@(if env-var `((,env-var ,env))))
                 (destructuring-bind ,(%deftype-lambda-list ll) (if (consp ,form) (cdr ,form) nil)
                   ,@body))))
       (%set-documentation ',name '%doc-type ',doc)
       ',name))))

;;; --- TYPECASE and friends

(defun %typecase-clauses (name clauses)
  ;; Checks that every clause is a list.
  (dolist (c clauses clauses)
    (unless (consp c)
      (error 'simple-program-error :format-control "~S: bad clause ~S."
                                   :format-arguments (list name c)))))

(defun %typecase-body (key clauses)
  (mapcar (lambda (c)
            (if (member (car c) '(t otherwise))
                `(t (progn ,@(cdr c)))
                `((typep ,key ',(car c)) (progn ,@(cdr c)))))
          clauses))

(defmacro typecase (keyform &rest clauses)
  (let ((key (gensym "KEY")))
    `(let ((,key ,keyform))
       (cond ,@(%typecase-body key (%typecase-clauses 'typecase clauses))))))

(defun %typecase-failure (key types name)
  (error 'simple-type-error :datum key :expected-type `(or ,@types)
         :format-control "~S fell through ~S expression.~%Wanted one of ~S."
         :format-arguments (list key name types)))

(defmacro etypecase (keyform &rest clauses)
  (let ((key (gensym "KEY")))
    `(let ((,key ,keyform))
       (cond ,@(%typecase-body key (%typecase-clauses 'etypecase clauses))
             (t (%typecase-failure ,key ',(mapcar #'car clauses) 'etypecase))))))

(defun %prompt-for-value (what)
  ;; The interactive part of a STORE-VALUE restart: one evaluated form.
  (format *query-io* "~&Enter a form to be evaluated for ~A: " what)
  (finish-output *query-io*)
  (list (eval (read *query-io*))))

(defmacro ctypecase (keyplace &rest clauses)
  (let ((key (gensym "KEY")) (block (gensym "CTYPECASE")) (again (gensym "AGAIN")))
    `(block ,block
       (tagbody
          ,again
          (let ((,key ,keyplace))
            (return-from ,block
              (cond ,@(%typecase-body key (%typecase-clauses 'ctypecase clauses))
                    (t (restart-case (%typecase-failure ,key ',(mapcar #'car clauses) 'ctypecase)
                         (store-value (value)
                           :report (lambda (s) (format s "Supply a new value for ~S." ',keyplace))
                           :interactive (lambda () (%prompt-for-value ',keyplace))
                           (setf ,keyplace value)
                           (go ,again)))))))))))

(defmacro ccase (keyplace &rest clauses)
  ;; ECASE with a STORE-VALUE restart that sets KEYPLACE and tries again.
  (let ((key (gensym "KEY")) (block (gensym "CCASE")) (again (gensym "AGAIN"))
        (keys (mapcan (lambda (c) (let ((k (car c))) (if (listp k) (copy-list k) (list k)))) clauses)))
    `(block ,block
       (tagbody
          ,again
          (let ((,key ,keyplace))
            (if (member ,key ',keys)
                (return-from ,block (%case ccase ,key ,clauses t))
                (restart-case (%case-failure 'ccase ,key ',keys)
                  (store-value (value)
                    :report (lambda (s) (format s "Supply a new value for ~S." ',keyplace))
                    :interactive (lambda () (%prompt-for-value ',keyplace))
                    (setf ,keyplace value)
                    (go ,again)))))))))

;;; --- CHECK-TYPE and ASSERT

(defmacro check-type (place type &optional type-string)
  (let ((value (gensym "VALUE")) (again (gensym "AGAIN")) (block (gensym "CHECK-TYPE")))
    `(block ,block
       (tagbody
          ,again
          (let ((,value ,place))
            (when (typep ,value ',type) (return-from ,block nil))
            (restart-case
                (error 'simple-type-error
                       :datum ,value :expected-type ',type
                       :format-control ,(if type-string
                                            "The value of ~S is ~S, which is not ~A."
                                            "The value of ~S is ~S, which is not of type ~S.")
                       :format-arguments (list ',place ,value ,(or type-string `',type)))
              (store-value (new)
                :report (lambda (s) (format s "Supply a new value for ~S." ',place))
                :interactive (lambda () (%prompt-for-value ',place))
                (setf ,place new)
                (go ,again))))))))

(defun %assert-failure-message (test places values)
  (with-output-to-string (s)
    (format s "The assertion ~S failed" test)
    (when places
      (format s " with ")
      (do ((p places (cdr p)) (v values (cdr v))) ((null p))
        (format s "~S = ~S" (car p) (car v))
        (when (cdr p) (format s ", "))))
    (format s ".")))

(defmacro assert (test-form &optional places datum &rest arguments)
  (let ((again (gensym "AGAIN")))
    `(tagbody
        ,again
        (unless ,test-form
          (restart-case
              ,(if datum
                   `(error ,datum ,@arguments)
                   `(error 'simple-error
                           :format-control "~A"
                           :format-arguments (list (%assert-failure-message ',test-form ',places (list ,@places)))))
            (continue ()
              :report (lambda (s)
                        (format s "Retry assertion~A."
                                ,(if places
                                     (format nil " with new value~A for ~{~S~^, ~}" (if (cdr places) "s" "") places)
                                     "")))
              ,@(mapcar (lambda (p) `(setf ,p (car (%prompt-for-value ',p)))) places)
              (go ,again)))))))
