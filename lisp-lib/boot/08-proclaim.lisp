;;;; PROCLAIM (CLHS 3.8): global declarations. Only SPECIAL changes how
;;;; code compiles; TYPE, FTYPE, INLINE, NOTINLINE and OPTIMIZE are checked
;;;; and otherwise have no effect, and DECLARATION records names that are
;;;; then accepted as declaration identifiers. As in SBCL, a malformed
;;;; declaration signals an error and an unknown one a warning.

(in-package "CLOVE-SYSTEM")

(defvar *declaration-names* nil
  "The names proclaimed with (DECLARATION name...).")

(defun %function-name-p (x)
  (or (symbolp x)
      (and (consp x) (eq (car x) 'setf) (consp (cdr x)) (symbolp (car (cdr x))) (null (cdr (cdr x))))))

(defun %check-declared-names (names predicate expected)
  (dolist (name names)
    (unless (funcall predicate name)
      (error 'type-error :datum name :expected-type expected))))

(defun %check-optimize-quality (quality spec)
  ;; QUALITY is a quality name or (name value), value an integer 0 to 3.
  ;; True if it is well formed; otherwise warns.
  (let ((name (if (consp quality) (car quality) quality)))
    (cond ((not (member name '(speed safety space debug compilation-speed)))
           (warn "Ignoring unknown optimization quality ~S in: ~S" name spec)
           nil)
          ((and (consp quality)
                (not (and (consp (cdr quality)) (null (cdr (cdr quality)))
                          (typep (car (cdr quality)) '(integer 0 3)))))
           (warn "Ignoring bad optimization value ~S in: ~S" (if (consp (cdr quality)) (car (cdr quality)) (cdr quality)) spec)
           nil)
          (t t))))

(defvar *optimization-policy*
  (list (list 'speed 1) (list 'space 1) (list 'safety 1) (list 'debug 1) (list 'compilation-speed 1))
  "The OPTIMIZE qualities last proclaimed, as (QUALITY VALUE) lists. The
compiler does not consult them; they are kept for programs that ask.")

(defun %set-optimization-quality (name value)
  (setf (car (cdr (assoc name *optimization-policy*))) value))

(defun proclaim (declaration-specifier)
  (let ((spec declaration-specifier))
    (unless (consp spec)
      (error 'type-error :datum spec :expected-type 'cons))
    (do ((l spec (cdr l)))
        ((atom l) (when l (error 'type-error :datum l :expected-type 'list))))
    (let ((id (car spec)) (args (cdr spec)))
      (cond ((eq id 'special)
             (%check-declared-names args #'symbolp 'symbol)
             (dolist (name args) (%proclaim-special name)))
            ((member id '(inline notinline))
             (%check-declared-names args #'%function-name-p '(or symbol (cons (eql setf) (cons symbol null))))
             ;; The compiler does not use the compiler macro of a function
             ;; proclaimed NOTINLINE (compiler/convert.rs).
             (dolist (name args)
               (when (symbolp name)
                 (if (eq id 'notinline) (%put name '%notinline t) (remprop name '%notinline)))))
            ((eq id 'optimize)
             (dolist (quality args)
               (when (%check-optimize-quality quality spec)
                 (%set-optimization-quality (if (consp quality) (car quality) quality)
                                            (if (consp quality) (car (cdr quality)) 3)))))
            ((eq id 'type)
             (when (null args)
               (error "Malformed declaration ~S: a type is required." spec))
             (%check-declared-names (cdr args) #'symbolp 'symbol))
            ((eq id 'ftype)
             (when (null args)
               (error "Malformed declaration ~S: a type is required." spec))
             (%check-declared-names (cdr args) #'%function-name-p '(or symbol (cons (eql setf) (cons symbol null)))))
            ((eq id 'declaration)
             (%check-declared-names args #'symbolp 'symbol)
             (dolist (name args)
               (when (%type-specifier-p name)
                 (error "~S names a type, so it cannot be proclaimed a declaration." name))
               (unless (member name *declaration-names*)
                 (setq *declaration-names* (cons name *declaration-names*)))))
            ((and (symbolp id) (member id *declaration-names*)))
            ((and (not (member id '(dynamic-extent ignore ignorable)))
                  (or (symbolp id) (consp id))
                  (%type-specifier-p id))
             ;; (type-specifier var...) abbreviates (type type-specifier var...).
             (%check-declared-names args #'symbolp 'symbol))
            (t (warn "unrecognized declaration ~S" spec))))
    nil))
