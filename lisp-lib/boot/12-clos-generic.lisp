;;;; Generic functions and methods (CLHS 7.6, 7.7): the metaobject classes,
;;;; ENSURE-GENERIC-FUNCTION, ADD-METHOD and friends, method functions with
;;;; CALL-NEXT-METHOD, applicable methods in precedence order, effective
;;;; methods for the standard, built-in and short-form method combinations,
;;;; and the discriminating function. A generic function is a funcallable
;;;; instance (crates/runtime/src/clos/): the VM calls the effective method
;;;; its dispatch cache holds for the arguments' classes, and only on a miss
;;;; the discriminating function, which computes and caches it.
;;;;
;;;; The machinery itself is made of ordinary functions, so that it never
;;;; dispatches on itself; the generic functions of the protocol (PRINT-OBJECT,
;;;; MAKE-INSTANCE, NO-APPLICABLE-METHOD...) are built with it.

(in-package "CLOVE-SYSTEM")

;;; --- Metaobject classes

(defun %define-kernel-class (name metaclass supers slot-names)
  (%ensure-class-object name (find-class metaclass) supers
                        (mapcar (lambda (n) (list :name n)) slot-names)))

(%define-kernel-class 'funcallable-standard-object 'funcallable-standard-class '(standard-object function) nil)
(%define-kernel-class 'generic-function 'funcallable-standard-class '(metaobject funcallable-standard-object) nil)
(%define-kernel-class 'standard-generic-function 'funcallable-standard-class '(generic-function)
                      '(name lambda-list methods method-combination argument-precedence-order declarations
                        documentation method-class initial-methods required-count precedence))
(%define-kernel-class 'method 'standard-class '(metaobject) nil)
(%define-kernel-class 'standard-method 'standard-class '(method)
                      '(qualifiers specializers lambda-list function generic-function documentation))
(%define-kernel-class 'standard-accessor-method 'standard-class '(standard-method) '(slot-definition))
(%define-kernel-class 'standard-reader-method 'standard-class '(standard-accessor-method) nil)
(%define-kernel-class 'standard-writer-method 'standard-class '(standard-accessor-method) nil)
(%define-kernel-class 'eql-specializer 'standard-class '(specializer) '(object direct-methods))
(%define-kernel-class 'method-combination 'standard-class '(metaobject) '(name options operator identity))

(defconstant +gf-name+ 1)
(defconstant +gf-lambda-list+ 2)
(defconstant +gf-methods+ 3)
(defconstant +gf-method-combination+ 4)
(defconstant +gf-argument-precedence-order+ 5)
(defconstant +gf-declarations+ 6)
(defconstant +gf-documentation+ 7)
(defconstant +gf-method-class+ 8)
(defconstant +gf-initial-methods+ 9)
(defconstant +gf-required-count+ 10)
(defconstant +gf-precedence+ 11)        ; positions of the required args, most significant first

(defconstant +method-qualifiers+ 1)
(defconstant +method-specializers+ 2)
(defconstant +method-lambda-list+ 3)
(defconstant +method-function+ 4)       ; (lambda (next-emf method) fn)
(defconstant +method-generic-function+ 5)
(defconstant +method-documentation+ 6)
(defconstant +method-slot-definition+ 7)

(defconstant +eql-object+ 1)
(defconstant +eql-direct-methods+ 2)

(defconstant +mc-name+ 1)
(defconstant +mc-options+ 2)
(defconstant +mc-operator+ 3)
(defconstant +mc-identity+ 4)

;;; Every generic function, so that class redefinitions can empty their caches.
(defvar *generic-functions* nil)

;;; --- Lambda lists

(defun %parse-gf-lambda-list (ll)
  ;; → (values required optional rest-p keys allow-other-keys-p), keys as keywords;
  ;; KEYS is :none when there is no &key.
  (let ((state :required) (req nil) (opt nil) (rest nil) (keys :none) (aok nil))
    (dolist (x ll)
      (case x
        (&optional (setq state :optional))
        ((&rest &body) (setq state :rest rest t))
        (&key (setq state :key) (when (eq keys :none) (setq keys nil)))
        (&allow-other-keys (setq aok t))
        (&aux (setq state :aux))
        (t (case state
             (:required (push x req))
             (:optional (push x opt))
             (:key (push (let ((spec (if (consp x) (car x) x)))
                           (if (consp spec) (car spec) (intern (symbol-name spec) "KEYWORD")))
                         keys))))))
    (values (nreverse req) (nreverse opt) rest (if (eq keys :none) :none (nreverse keys)) aok)))

(defun %check-congruence (gf method-ll name)
  ;; CLHS 7.6.4.
  (let ((gf-ll (%cref gf +gf-lambda-list+)))
    (multiple-value-bind (greq gopt grest gkeys) (%parse-gf-lambda-list gf-ll)
      (multiple-value-bind (mreq mopt mrest mkeys maok) (%parse-gf-lambda-list method-ll)
        (flet ((bad (why)
                 (error 'simple-error
                        :format-control "The lambda list ~S of a method of ~S is not congruent with the generic function's ~S: ~A."
                        :format-arguments (list method-ll name gf-ll why))))
          (unless (= (length greq) (length mreq)) (bad "not the same number of required parameters"))
          (unless (= (length gopt) (length mopt)) (bad "not the same number of optional parameters"))
          (unless (eq (or grest (listp gkeys)) (or mrest (listp mkeys)))
            (bad "one accepts &rest or &key arguments and the other does not"))
          (when (and (listp gkeys) (listp mkeys) (not maok))
            (dolist (k gkeys)
              (unless (member k mkeys)
                (bad (format nil "it does not accept the keyword ~S" k))))))))))

(defun %method-lambda-list-parts (specialized-ll)
  ;; → (values plain-lambda-list specializer-designators required-names)
  (let ((plain nil) (specs nil) (names nil) (required t))
    (dolist (x specialized-ll)
      (cond ((member x lambda-list-keywords) (setq required nil) (push x plain))
            (required
             (let ((var (if (consp x) (car x) x)))
               (push var plain) (push var names)
               (push (if (consp x) (car (cdr x)) t) specs)))
            (t (push x plain))))
    (values (nreverse plain) (nreverse specs) (nreverse names))))

;;; --- Specializers

(defvar *eql-specializers* (make-hash-table :test 'eql))

(defun intern-eql-specializer (object)
  (or (gethash object *eql-specializers*)
      (let ((s (%allocate-filled (find-class 'eql-specializer))))
        (%cset s +eql-object+ object)
        (setf (gethash object *eql-specializers*) s))))

(defvar *eql-specializer-class* (find-class 'eql-specializer)
  "The class of EQL specializers, for the tests on each specializer of a dispatch.")

(defun %eql-specializer-p (s)
  (and (%instancep s) (eq (%instance-class s) *eql-specializer-class*)))

(defun eql-specializer-object (s) (%cref s +eql-object+))

(defun %specializer (designator)
  ;; A class, a class name, an EQL specializer or (EQL object).
  (cond ((and (consp designator) (eq (car designator) 'eql) (consp (cdr designator)) (null (cdr (cdr designator))))
         (intern-eql-specializer (car (cdr designator))))
        ((symbolp designator) (find-class designator))
        ((or (%eql-specializer-p designator) (%class-object-p designator)) designator)
        (t (error 'simple-error :format-control "~S is not a specializer." :format-arguments (list designator)))))

(defun %class-object-p (x)
  (and (%instancep x) (%instancep (%instance-class x))
       (member (find-class 'class) (%cref (%instance-class x) +class-precedence-list+))
       t))

;;; --- Generic function objects

(defun %generic-function-p (x)
  (and (%funcallable-instance-p x)
       (member (find-class 'generic-function) (%cref (%instance-class x) +class-precedence-list+))
       t))

(defvar *standard-method-combination* nil)

(defun %make-generic-function (name lambda-list class)
  (let ((gf (%allocate class)))
    (do ((k 1 (1+ k))) ((= k (%instance-length gf))) (%instance-set gf k nil))
    (%cset gf +gf-name+ name)
    (%cset gf +gf-method-combination+ *standard-method-combination*)
    (%cset gf +gf-method-class+ (find-class 'standard-method))
    (%set-gf-lambda-list gf lambda-list nil)
    (%set-funcallable-instance-function gf (%discriminator gf))
    (%set-function-name gf name)
    (push gf *generic-functions*)
    gf))

(defun %set-gf-lambda-list (gf lambda-list precedence-order)
  (multiple-value-bind (req) (%parse-gf-lambda-list lambda-list)
    (when (and precedence-order
               (not (and (= (length precedence-order) (length req))
                         (every (lambda (p) (member p req)) precedence-order)
                         (every (lambda (r) (member r precedence-order)) req))))
      (error 'simple-program-error
             :format-control "The :argument-precedence-order ~S is not a permutation of the required parameters of ~S."
             :format-arguments (list precedence-order lambda-list)))
    (%cset gf +gf-lambda-list+ lambda-list)
    (%cset gf +gf-required-count+ (length req))
    (%cset gf +gf-argument-precedence-order+ (or precedence-order req))
    (%cset gf +gf-precedence+
           (if precedence-order
               (mapcar (lambda (p)
                         (or (%position-eq p req)
                             (error 'simple-error :format-control "~S in :argument-precedence-order is not a required parameter of ~S."
                                                  :format-arguments (list p lambda-list))))
                       precedence-order)
               (let ((i -1)) (mapcar (lambda (x) (declare (ignore x)) (setq i (1+ i))) req))))))

(defun %discriminator (gf)
  ;; Named after the generic function, as backtraces show it.
  (%set-function-name (lambda (&rest args) (%dispatch-miss gf args)) (%cref gf +gf-name+)))

(defun ensure-generic-function (name &rest options &key (lambda-list nil ll-p) argument-precedence-order
                                     documentation declarations (generic-function-class 'standard-generic-function)
                                     method-combination (method-class nil) environment &allow-other-keys)
  (declare (ignore environment options))
  (let* ((operator (and (symbolp name) (or (macro-function name) (special-operator-p name))))
         (existing (and (not operator) (fboundp name) (fdefinition name)))
         (gf (cond ((%generic-function-p existing) existing)
                   ((or existing operator)
                    (error 'simple-program-error
                           :format-control "~S already names an ordinary function, a macro or a special operator, not a generic function."
                           :format-arguments (list name)))
                   (t (let ((g (%make-generic-function
                                name (if ll-p lambda-list nil)
                                (if (symbolp generic-function-class) (find-class generic-function-class) generic-function-class))))
                        (setf (fdefinition name) g)
                        g)))))
    (when ll-p
      (dolist (m (%cref gf +gf-methods+))
        (%check-congruence-of gf lambda-list m))
      (%set-gf-lambda-list gf lambda-list argument-precedence-order)
      (%cset gf +gf-lambda-list+ lambda-list))
    (unless ll-p
      (when (and (null (%cref gf +gf-lambda-list+)) (null (%cref gf +gf-methods+)))
        (%cset gf +gf-lambda-list+ :unknown)))
    (when documentation (%cset gf +gf-documentation+ documentation))
    (when declarations (%cset gf +gf-declarations+ declarations))
    (when method-combination (%cset gf +gf-method-combination+ (%find-method-combination method-combination)))
    (when method-class (%cset gf +gf-method-class+ (if (symbolp method-class) (find-class method-class) method-class)))
    (%reset-dispatch gf)
    gf))

(defun %check-congruence-of (gf lambda-list method)
  (let ((saved (%cref gf +gf-lambda-list+)))
    (%cset gf +gf-lambda-list+ lambda-list)
    (unwind-protect (%check-congruence gf (%cref method +method-lambda-list+) (%cref gf +gf-name+))
      (%cset gf +gf-lambda-list+ saved))))

(defun %gf-lambda-list-from-method (ll)
  ;; The lambda list a generic function gets from its first method (CLHS 7.6.4).
  (multiple-value-bind (req opt rest keys) (%parse-gf-lambda-list ll)
    (append req
            (and opt (cons '&optional (mapcar (lambda (o) (if (consp o) (car o) o)) opt)))
            (and rest (null (listp keys)) '(&rest args))
            (and (listp keys) '(&key)))))

;;; --- Methods

(defun %make-method (class qualifiers specializers lambda-list function documentation)
  (let ((m (%allocate-filled class)))
    (%cset m +method-qualifiers+ qualifiers)
    (%cset m +method-specializers+ specializers)
    (%cset m +method-lambda-list+ lambda-list)
    (%cset m +method-function+ function)
    (%cset m +method-documentation+ documentation)
    m))

(defun %same-specializers-p (a b)
  (and (= (length a) (length b)) (every #'eq a b)))

(defun add-method (gf method)
  (when (%cref method +method-generic-function+)
    (unless (eq (%cref method +method-generic-function+) gf)
      (error 'simple-error :format-control "The method ~S already belongs to the generic function ~S."
                           :format-arguments (list method (%cref method +method-generic-function+)))))
  (when (eq (%cref gf +gf-lambda-list+) :unknown)
    (%set-gf-lambda-list gf (%gf-lambda-list-from-method (%cref method +method-lambda-list+)) nil))
  (%check-congruence gf (%cref method +method-lambda-list+) (%cref gf +gf-name+))
  (let ((old (find-if (lambda (m)
                        (and (equal (%cref m +method-qualifiers+) (%cref method +method-qualifiers+))
                             (%same-specializers-p (%cref m +method-specializers+) (%cref method +method-specializers+))))
                      (%cref gf +gf-methods+))))
    (when old (remove-method gf old)))
  (%cset method +method-generic-function+ gf)
  (%cset gf +gf-methods+ (cons method (%cref gf +gf-methods+)))
  (dolist (s (%cref method +method-specializers+))
    (%add-direct-method s method))
  (%methods-changed gf)
  gf)

(defun remove-method (gf method)
  (when (member method (%cref gf +gf-methods+))
    (%cset gf +gf-methods+ (remove method (%cref gf +gf-methods+)))
    (%cset method +method-generic-function+ nil)
    (dolist (s (%cref method +method-specializers+))
      (%remove-direct-method s method))
    (%methods-changed gf))
  gf)

(defun %add-direct-method (specializer method)
  (if (%eql-specializer-p specializer)
      (%cset specializer +eql-direct-methods+ (adjoin method (%cref specializer +eql-direct-methods+)))
      (%cset specializer +class-direct-methods+ (adjoin method (%cref specializer +class-direct-methods+)))))

(defun %remove-direct-method (specializer method)
  (if (%eql-specializer-p specializer)
      (%cset specializer +eql-direct-methods+ (remove method (%cref specializer +eql-direct-methods+)))
      (%cset specializer +class-direct-methods+ (remove method (%cref specializer +class-direct-methods+)))))

;;; Called when the methods of GF change; 12-clos-instances.lisp adds the
;;; forgetting of cached initarg checks.
(defvar *methods-changed-hooks* nil)

(defun %methods-changed (gf)
  (%reset-dispatch gf)
  (dolist (h *methods-changed-hooks*) (funcall h gf)))

(defun find-method (gf qualifiers specializers &optional (errorp t))
  (let ((specs (mapcar #'%specializer specializers)))
    (unless (= (length specs) (%cref gf +gf-required-count+))
      (error 'simple-error :format-control "~S: ~S does not have one specializer per required parameter of ~S."
                           :format-arguments (list 'find-method specializers gf)))
    (or (find-if (lambda (m) (and (equal (%cref m +method-qualifiers+) qualifiers)
                                  (%same-specializers-p (%cref m +method-specializers+) specs)))
                 (%cref gf +gf-methods+))
        (and errorp
             (error 'simple-error :format-control "No method of ~S with qualifiers ~S and specializers ~S."
                                  :format-arguments (list gf qualifiers specializers))))))

;;; --- Method functions

(defun %mentions-p (symbols tree &optional env)
  ;; Whether TREE mentions one of SYMBOLS, also in the expansions of the
  ;; calls of macros other than CL's it holds (a macro may expand into
  ;; CALL-NEXT-METHOD). Plain mentions are looked for first, so no macro
  ;; is expanded when there is one. The answer only chooses the general
  ;; form of a method function.
  (or (%walk-for-mentions symbols tree env nil)
      (%walk-for-mentions symbols tree env t)))

(defun %walk-for-mentions (symbols tree env expand)
  ;; Each cons is looked at once, and with EXPAND a call of a macro other
  ;; than CL's as its expansion only, so the walk is linear in what is
  ;; compiled; a macro that fails to expand counts as a mention.
  (let ((seen (make-hash-table :test 'eq))
        (cl (find-package "COMMON-LISP")))
    (labels ((walk (x)
               (cond ((symbolp x) (when (member x symbols) (return-from %walk-for-mentions t)))
                     ((and (consp x) (not (gethash x seen)))
                      (setf (gethash x seen) t)
                      (let ((head (car x)))
                        (if (and expand (symbolp head) head
                                 (not (eq (symbol-package head) cl))
                                 (macro-function head env))
                            (multiple-value-bind (expansion failed)
                                (ignore-errors (values (macroexpand-1 x env) nil))
                              (when failed (return-from %walk-for-mentions t))
                              (walk expansion))
                            (progn (walk head) (walk (cdr x)))))))))
      (walk tree)
      nil)))

(defun %body-parts (body)
  ;; → (values declarations-and-doc forms documentation)
  (let ((decls nil) (doc nil))
    (do () ((null body))
      (cond ((and (stringp (car body)) (cdr body) (null doc)) (setq doc (car body)))
            ((and (consp (car body)) (eq (car (car body)) 'declare)) (push (car body) decls))
            (t (return)))
      (setq body (cdr body)))
    (values (nreverse decls) body doc)))

(defun %block-name (name)
  (if (consp name) (car (cdr name)) name))

(defun %method-function-form (gf-name plain-ll required body &optional (qualifiers nil) (specializers nil) env)
  ;; (lambda (next method) fn): FN runs the method with NEXT, the effective
  ;; method of the next methods (or NIL), behind CALL-NEXT-METHOD.
  (multiple-value-bind (decls forms) (%body-parts body)
    (let* ((ll (if (and (member '&key plain-ll) (not (member '&allow-other-keys plain-ll)))
                   (let ((aux (member '&aux plain-ll)))
                     (append (ldiff plain-ll aux) '(&allow-other-keys) aux))
                   plain-ll))
           (inner `(block ,(%block-name gf-name) ,@forms))
           (ignorable `(declare (ignorable ,@required))))
      (if (%mentions-p '(call-next-method next-method-p) body env)
          `(lambda (%next %method)
             (lambda (&rest %args)
               (flet ((call-next-method (&rest cnm-args)
                        (when cnm-args (%check-next-method-args %method %args cnm-args))
                        (if %next
                            (apply %next (or cnm-args %args))
                            (apply #'no-next-method (%cref %method +method-generic-function+) %method
                                   (or cnm-args %args))))
                      (next-method-p () (and %next t)))
                 (declare (ignorable #'call-next-method #'next-method-p))
                 (apply (named-lambda (method ,gf-name ,@qualifiers ,specializers) ,ll ,ignorable ,@decls ,inner)
                        %args))))
          `(lambda (%next %method)
             (declare (ignore %next %method))
             (named-lambda (method ,gf-name ,@qualifiers ,specializers) ,ll ,ignorable ,@decls ,inner))))))

(defun %check-next-method-args (method args new-args)
  ;; CLHS 7.6.6.2: the arguments given to CALL-NEXT-METHOD must select the
  ;; same applicable methods as the original ones.
  (let ((gf (%cref method +method-generic-function+)))
    (unless (equal (compute-applicable-methods gf args) (compute-applicable-methods gf new-args))
      (error 'simple-error
             :format-control "CALL-NEXT-METHOD in ~S was given arguments ~S that select other methods than the original ~S."
             :format-arguments (list method new-args args)))))

(defmacro defmethod (&environment env name &rest rest)
  (let ((qualifiers nil))
    (do () ((listp (car rest)))
      (push (pop rest) qualifiers))
    (setq qualifiers (nreverse qualifiers))
    (let ((specialized-ll (car rest)) (body (cdr rest)))
      (multiple-value-bind (plain specs required) (%method-lambda-list-parts specialized-ll)
        (multiple-value-bind (decls forms doc) (%body-parts body)
          (declare (ignore decls forms))
          `(progn
             (eval-when (:compile-toplevel) (%note-function-defined ',name))
             (%defmethod ',name ',qualifiers
                       (list ,@(mapcar (lambda (s)
                                         (if (and (consp s) (eq (car s) 'eql))
                                             `(intern-eql-specializer ,(car (cdr s)))
                                             `',s))
                                       specs))
                       ',plain
                       (function ,(%method-function-form name plain required body qualifiers specs env))
                       ',doc)))))))

(defun %defmethod (name qualifiers specializers lambda-list function documentation)
  (let* ((gf (ensure-generic-function name))
         (m (%make-method (%cref gf +gf-method-class+) qualifiers (mapcar #'%specializer specializers)
                          lambda-list function documentation)))
    (add-method gf m)
    m))

;;; --- Applicable methods (CLHS 7.6.6)

(defun %applicable-p (method args)
  (do ((ss (%cref method +method-specializers+) (cdr ss))
       (as args (cdr as)))
      ((null ss) t)
    (let ((s (car ss)) (a (car as)))
      (unless (if (%eql-specializer-p s)
                  (eql (%cref s +eql-object+) a)
                  (member s (%cref (class-of a) +class-precedence-list+)))
        (return nil)))))

(defun %more-specific-p (m1 m2 args precedence)
  ;; True when M1 precedes M2 for these arguments.
  (dolist (i precedence nil)
    (let ((s1 (nth i (%cref m1 +method-specializers+)))
          (s2 (nth i (%cref m2 +method-specializers+))))
      (unless (eq s1 s2)
        (return
          (cond ((%eql-specializer-p s1) t)
                ((%eql-specializer-p s2) nil)
                (t (let ((cpl (%cref (class-of (nth i args)) +class-precedence-list+)))
                     (< (%position-eq s1 cpl) (%position-eq s2 cpl))))))))))

(defun %sort-methods (gf methods args)
  (let ((precedence (%cref gf +gf-precedence+)))
    (stable-sort (copy-list methods) (lambda (a b) (%more-specific-p a b args precedence)))))

(defun compute-applicable-methods (gf args)
  (%sort-methods gf (%filter (lambda (m) (%applicable-p m args)) (%cref gf +gf-methods+)) args))

;;; --- Method combinations

(defun %make-method-combination (name operator identity options)
  (let ((mc (%allocate-filled (find-class 'method-combination))))
    (%cset mc +mc-name+ name)
    (%cset mc +mc-operator+ operator)
    (%cset mc +mc-identity+ identity)
    (%cset mc +mc-options+ options)
    mc))

(defun %find-method-combination (spec)
  ;; SPEC: a name, or (name . options) as in DEFGENERIC's :method-combination.
  (let* ((name (if (consp spec) (car spec) spec))
         (options (if (consp spec) (cdr spec) nil))
         (type (get name '%method-combination)))
    (unless type
      (error 'simple-error :format-control "~S is not a defined method combination." :format-arguments (list name)))
    (when (and options (or (cdr options) (not (member (car options) '(:most-specific-first :most-specific-last)))))
      (error 'simple-error :format-control "Bad options ~S for the method combination ~S." :format-arguments (list options name)))
    (if options
        (%make-method-combination name (%cref type +mc-operator+) (%cref type +mc-identity+) options)
        type)))

(%put 'standard '%method-combination (%make-method-combination 'standard nil nil nil))
(setq *standard-method-combination* (get 'standard '%method-combination))

(defmacro define-method-combination (name &rest options)
  (when (and options (listp (car options)))
    (error 'simple-error
           :format-control "DEFINE-METHOD-COMBINATION ~S: only the short form is supported."
           :format-arguments (list name)))
  (let ((operator (getf options :operator name))
        (identity (getf options :identity-with-one-argument)))
    `(progn
       (%put ',name '%method-combination (%make-method-combination ',name ',operator ',identity nil))
       (%set-documentation ',name '%doc-method-combination ',(getf options :documentation))
       ',name)))

(dolist (op '(progn + list append nconc and or max min))
  (%put op '%method-combination (%make-method-combination op op (member op '(progn + and or max min)) nil)))

;;; --- Effective methods

(defun %method-fn (method next)
  (funcall (%cref method +method-function+) next method))

(defun %chain (methods tail)
  ;; The effective method running METHODS in order, the last one's next being TAIL.
  (let ((next tail))
    (dolist (m (reverse methods) next)
      (setq next (%method-fn m next)))))

(defun %no-primary (gf)
  (lambda (&rest args)
    (error 'simple-error :format-control "There is no primary method of ~S for the arguments ~S."
                         :format-arguments (list gf args))))

(defun %standard-effective-method (gf methods)
  (let ((around nil) (before nil) (primary nil) (after nil))
    (dolist (m methods)
      (let ((q (%cref m +method-qualifiers+)))
        (cond ((null q) (push m primary))
              ((equal q '(:around)) (push m around))
              ((equal q '(:before)) (push m before))
              ((equal q '(:after)) (push m after))
              (t (%bad-qualifiers gf m)))))
    (setq around (nreverse around) before (nreverse before) primary (nreverse primary))
    (let ((main (cond ((null primary) (return-from %standard-effective-method (%no-primary gf)))
                      ((or before after)
                       (let ((befores (mapcar (lambda (m) (%method-fn m nil)) before))
                             (afters (mapcar (lambda (m) (%method-fn m nil)) after))
                             (primary-fn (%chain primary nil)))
                         (lambda (&rest args)
                           (dolist (b befores) (apply b args))
                           (multiple-value-prog1 (apply primary-fn args)
                             (dolist (a afters) (apply a args))))))
                      (t (%chain primary nil)))))
      (if around (%chain around main) main))))

(defun %bad-qualifiers (gf m)
  (error 'simple-error :format-control "The method ~S of ~S has qualifiers ~S that its method combination does not allow."
                       :format-arguments (list m gf (%cref m +method-qualifiers+))))

(defun %operator-effective-method (gf mc methods)
  (let ((name (%cref mc +mc-name+)) (around nil) (primary nil))
    (dolist (m methods)
      (let ((q (%cref m +method-qualifiers+)))
        (cond ((equal q '(:around)) (push m around))
              ((equal q (list name)) (push m primary))
              (t (%bad-qualifiers gf m)))))
    (setq around (nreverse around) primary (nreverse primary))
    (when (eq (car (%cref mc +mc-options+)) :most-specific-last)
      (setq primary (reverse primary)))
    (let* ((fns (mapcar (lambda (m) (%method-fn m nil)) primary))
           (op (%cref mc +mc-operator+))
           (main (cond ((null fns) (return-from %operator-effective-method (%no-primary gf)))
                       ((and (null (cdr fns)) (%cref mc +mc-identity+)) (car fns))
                       ((eq op 'progn) (lambda (&rest args) (let ((v nil)) (dolist (f fns v) (setq v (apply f args))))))
                       ((eq op 'and) (lambda (&rest args) (let ((v t)) (dolist (f fns v) (unless (setq v (apply f args)) (return nil))))))
                       ((eq op 'or) (lambda (&rest args) (dolist (f fns nil) (let ((v (apply f args))) (when v (return v))))))
                       ((and (fboundp op) (not (macro-function op)))
                        (lambda (&rest args) (apply op (mapcar (lambda (f) (apply f args)) fns))))
                       (t (let ((vars (mapcar (lambda (f) (declare (ignore f)) (gensym)) fns)))
                            (apply (coerce `(lambda ,vars (lambda (&rest args) (,op ,@(mapcar (lambda (v) `(apply ,v args)) vars))))
                                           'function)
                                   fns))))))
      (if around (%chain around main) main))))

(defun %effective-method (gf methods)
  (let* ((mc (%cref gf +gf-method-combination+))
         (emf (if (eq (%cref mc +mc-name+) 'standard)
                  (%standard-effective-method gf methods)
                  (%operator-effective-method gf mc methods))))
    (%with-keyword-check gf methods emf)))

(defvar *keyword-parameters* (make-hash-table :test 'eq)
  "Lambda list of a generic function or method -> (positional-count keys . allow-other-keys-p),
parsed once: every miss of a dispatch cache needs them.")

(defun %keyword-parameters (ll)
  (or (gethash ll *keyword-parameters*)
      (setf (gethash ll *keyword-parameters*)
            (multiple-value-bind (req opt rest keys aok) (%parse-gf-lambda-list ll)
              (declare (ignore rest))
              (list* (+ (length req) (length opt)) keys aok)))))

(defun %with-keyword-check (gf methods emf)
  ;; CLHS 7.6.5: a call may pass the keywords of the generic function and
  ;; of every applicable method, unless one of them allows other keys.
  ;; EMF, or a wrapper checking the keywords, and then as more values EMF,
  ;; the arguments before the keywords and the valid keywords, with which
  ;; the dispatch cache checks them itself (clos/dispatch.rs).
  (let* ((params (%keyword-parameters (%cref gf +gf-lambda-list+)))
         (skip (car params)) (keys (car (cdr params))) (aok (cdr (cdr params))))
    (if (or (not (listp keys)) aok)
        emf
        (let ((valid keys))
          (dolist (m methods)
            (let* ((mparams (cdr (%keyword-parameters (%cref m +method-lambda-list+))))
                   (mkeys (car mparams)))
              ;; A method with &rest but no &key does not change the set.
              (cond ((cdr mparams) (return-from %with-keyword-check emf))
                    ((listp mkeys) (setq valid (append mkeys valid))))))
          (values (lambda (&rest args)
                    (let ((bad (%invalid-keyword args skip valid))) ; a primitive (builtins/clos.rs)
                      (when bad (%keyword-error gf (nthcdr skip args) valid bad)))
                    (apply emf args))
                  emf skip valid)))))

(defun %keyword-error (gf plist valid bad)
  (if (eq bad t)
      (error 'simple-program-error :format-control "Odd number of keyword arguments ~S to ~S."
                                   :format-arguments (list plist (%cref gf +gf-name+)))
      (error 'simple-program-error :format-control "~S is not a valid keyword argument to ~S (valid: ~S)."
                                   :format-arguments (list (car bad) (%cref gf +gf-name+) valid))))

;;; --- Dispatch

(defun %reset-dispatch (gf)
  ;; Keys: the required positions up to the last one some method
  ;; specializes; per position, the objects of its EQL specializers.
  (let ((n 0) (eqls nil) (req (%cref gf +gf-required-count+)))
    (when (integerp req)
      (dolist (m (%cref gf +gf-methods+))
        (let ((i 0))
          (dolist (s (%cref m +method-specializers+))
            (setq i (1+ i))
            (unless (eq s (find-class t)) (setq n (max n i)))
            (when (%eql-specializer-p s)
              (push (cons (1- i) (cons (%cref s +eql-object+) s)) eqls)))))
      (%gf-cache-reset gf n
                       (let ((out nil))
                         (dotimes (p n (nreverse out))
                           (push (mapcar #'cdr (%filter (lambda (e) (= (car e) p)) eqls)) out)))))))

(defun %dispatch-miss (gf args)
  (let ((req (%cref gf +gf-required-count+)))
    (when (< (length args) req)
      (error 'simple-program-error :format-control "invalid number of arguments to ~S: ~D (expected at least ~D)"
                                   :format-arguments (list (%cref gf +gf-name+) (length args) req)))
    (let ((methods (compute-applicable-methods gf args)))
      (multiple-value-bind (emf raw skip valid)
          (if methods
              (%effective-method gf methods)
              (lambda (&rest args) (apply #'no-applicable-method gf args)))
        (%gf-cache-add gf args emf raw skip valid)
        (apply emf args)))))

(defun %reset-all-dispatch ()
  (dolist (gf *generic-functions*) (%reset-dispatch gf)))

;;; --- DEFGENERIC

(defmacro defgeneric (name lambda-list &rest options)
  (let ((methods nil) (keys nil) (seen nil))
    (dolist (o options)
      (unless (consp o)
        (error 'simple-program-error :format-control "DEFGENERIC ~S: bad option ~S." :format-arguments (list name o)))
      (unless (member (car o) '(:method declare))
        (when (member (car o) seen)
          (error 'simple-program-error :format-control "DEFGENERIC ~S: the option ~S appears twice."
                                       :format-arguments (list name (car o))))
        (push (car o) seen))
      (case (car o)
        (:method (push `(defmethod ,name ,@(cdr o)) methods))
        (declare (setq keys (append keys (list :declarations `',(cdr o)))))
        (:documentation (setq keys (append keys (list :documentation (car (cdr o))))))
        (:method-combination (setq keys (append keys (list :method-combination `',(cdr o)))))
        (:argument-precedence-order (setq keys (append keys (list :argument-precedence-order `',(cdr o)))))
        (:generic-function-class (setq keys (append keys (list :generic-function-class `',(car (cdr o))))))
        (:method-class (setq keys (append keys (list :method-class `',(car (cdr o))))))
        (t (error 'simple-program-error :format-control "DEFGENERIC ~S: unknown option ~S." :format-arguments (list name o)))))
    `(progn
       (eval-when (:compile-toplevel)
         (%note-function-defined ',name))
       (%remove-initial-methods ',name)
       (let ((gf (ensure-generic-function ',name :lambda-list ',lambda-list ,@keys)))
         (%cset gf +gf-initial-methods+ (list ,@(reverse methods)))
         gf))))

(defun %remove-initial-methods (name)
  ;; Methods from an earlier DEFGENERIC's :method options go away.
  (let ((gf (and (fboundp name) (not (and (symbolp name) (or (macro-function name) (special-operator-p name))))
                 (fdefinition name))))
    (when (%generic-function-p gf)
      (dolist (m (%cref gf +gf-initial-methods+)) (remove-method gf m))
      (%cset gf +gf-initial-methods+ nil))))

(defun %note-function-defined (name)
  ;; A generic function this file defines is not "undefined" at the end of
  ;; the compilation unit (10-compile-file.lisp).
  (when (boundp '*defined-in-unit*)
    (setf (gethash name *defined-in-unit*) t)))

(defun %note-accessors-defined (names)
  ;; The same for the readers and writers of DEFCLASS and DEFINE-CONDITION.
  (dolist (n names) (%note-function-defined n)))

;;; --- The generic functions of the protocol

(defgeneric no-applicable-method (generic-function &rest arguments))
(defmethod no-applicable-method ((gf t) &rest arguments)
  (error 'simple-error :format-control "There is no applicable method for the generic function ~S when called with arguments ~S."
                       :format-arguments (list gf arguments)))

(defgeneric no-next-method (generic-function method &rest arguments))
(defmethod no-next-method ((gf t) (method t) &rest arguments)
  (error 'simple-error :format-control "There is no next method for ~S (method ~S) with arguments ~S."
                       :format-arguments (list gf method arguments)))

(defgeneric function-keywords (method))
(defmethod function-keywords ((method standard-method))
  (multiple-value-bind (req opt rest keys aok) (%parse-gf-lambda-list (%cref method +method-lambda-list+))
    (declare (ignore req opt rest))
    (values (if (listp keys) keys nil) aok)))
