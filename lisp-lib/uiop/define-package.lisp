;;;; UIOP/PACKAGE's ENSURE-PACKAGE and DEFINE-PACKAGE: make a package be
;;;; exactly what a definition says, whatever it was before. The steps run
;;;; in a fixed order (names, use list, unintern, unexport, shadow,
;;;; shadowing imports, mixes, imports, uses, exports, interns) and record in
;;;; tables which names each step settled, so that a later step never
;;;; undoes an earlier one and conflicts are reported by name.

(in-package "UIOP/PACKAGE")

(define-condition define-package-style-warning (simple-condition style-warning) ())

;;; What the steps settled, by symbol name.
(defstruct (package-plan (:conc-name plan-) (:constructor make-package-plan (package recycle)))
  package
  recycle
  (shadowed (make-hash-table :test 'equal))   ; name → T
  (imported (make-hash-table :test 'equal))   ; name → T
  (inherited (make-hash-table :test 'equal))  ; name → (home-package from-package)
  (exported (make-hash-table :test 'equal)))  ; name → T

(defun %home-name (symbol)
  (or (symbol-package-name symbol) "no package"))

(defun %make-present (symbol package)
  "Makes SYMBOL present in PACKAGE in place of any other symbol of its name."
  (multiple-value-bind (existing status) (find-symbol (symbol-name symbol) package)
    (cond ((null status) (import* symbol package))
          ((eq existing symbol))
          ((or (eq status :inherited) (symbol-shadowing-p existing package))
           (shadowing-import* symbol package))
          (t (unintern existing package)
             (import* symbol package)))))

(defun %shadowing-import-from (plan name from-package)
  (let ((package (plan-package plan))
        (symbol (find-symbol* name from-package)))
    (cond ((gethash name (plan-shadowed plan))
           (unless (eq symbol (find-symbol name package))
             (error "Conflicting shadowings for ~A in package ~A" name (package-name package))))
          (t (setf (gethash name (plan-shadowed plan)) t
                   (gethash name (plan-imported plan)) t)
             (shadowing-import* symbol package)))))

(defun %import-from (plan name from-package)
  (let ((package (plan-package plan))
        (symbol (multiple-value-bind (s status) (find-symbol name from-package)
                  ;; A name the package lacks is interned there, as UIOP does.
                  (if status s (intern* name from-package)))))
    (multiple-value-bind (existing status) (find-symbol name package)
      (cond ((gethash name (plan-imported plan))
             (unless (and status (eq existing symbol))
               (error "Can't import ~S from both ~S and ~S"
                      name (%home-name existing) (package-name from-package))))
            ((gethash name (plan-shadowed plan))
             (error "Can't both shadow ~S and import it from ~S" name (package-name from-package)))
            (t (setf (gethash name (plan-imported plan)) t))))
    (%make-present symbol package)))

(defun %inherit (plan name symbol from-package mixp)
  "Notes that PACKAGE will inherit SYMBOL (named NAME) from FROM-PACKAGE,
removing a present symbol of that name that would conflict."
  (let* ((package (plan-package plan))
         (home (symbol-package symbol))
         (earlier (gethash name (plan-inherited plan))))
    (when (null home)
      ;; An uninterned symbol exported from FROM-PACKAGE gets it as its home.
      (import* symbol from-package)
      (setf home from-package))
    (multiple-value-bind (existing status) (find-symbol name package)
      (cond ((gethash name (plan-shadowed plan)))
            (earlier
             (unless (eq home (first earlier))
               (if mixp
                   (%shadowing-import-from plan name (second earlier))
                   (error "Can't inherit ~S from ~S, it is inherited from ~S"
                          name (package-name home) (package-name (first earlier))))))
            ((gethash name (plan-imported plan))
             (unless (eq symbol existing)
               (error "Can't inherit ~S from ~S, it is imported from ~S"
                      name (package-name home) (%home-name existing))))
            (t
             (setf (gethash name (plan-inherited plan)) (list home from-package))
             (when (and status (not (eq home (symbol-package existing))))
               (if (symbol-shadowing-p existing package)
                   (%shadowing-import-from plan name from-package)
                   (unintern existing package))))))))

(defun %mix (plan name symbol from-package)
  "Like %INHERIT, but a conflict between mixed packages is settled in
favour of the first package mixed."
  (unless (gethash name (plan-shadowed plan))
    (let ((package (plan-package plan))
          (earlier (gethash name (plan-inherited plan))))
      (multiple-value-bind (existing status) (find-symbol name package)
        (cond ((or (null status) (eq symbol existing)
                   (and earlier (eq (symbol-package symbol) (first earlier))))
               (%inherit plan name symbol from-package t))
              (earlier
               (remhash name (plan-inherited plan))
               (%shadowing-import-from plan name (second earlier)))
              ((gethash name (plan-imported plan))
               (error "Symbol ~S mixed from ~S conflicts with the symbol ~S imported into ~S"
                      name (package-name from-package) existing (package-name package)))
              (t (%inherit plan name symbol from-package t)))))))

(defun %recyclable (plan name)
  "The symbol named NAME to move into the package from the first recycled
package that is its home, and that package; only exported names recycle."
  (when (gethash name (plan-exported plan))
    (dolist (r (plan-recycle plan) (values nil nil))
      (multiple-value-bind (symbol status) (find-symbol name r)
        (when (and status (eq (symbol-package symbol) r))
          (return (values symbol r)))))))

(defun %ensure-symbol (plan name intern)
  "Settles the symbol named NAME that the package owns: recycled from an
older package, kept, or (when INTERN) made; a stale symbol of another home
is left alone."
  (let ((package (plan-package plan)))
    (unless (or (gethash name (plan-shadowed plan))
                (gethash name (plan-imported plan))
                (gethash name (plan-inherited plan)))
      (multiple-value-bind (existing status) (find-symbol name package)
        (multiple-value-bind (recycled from) (%recyclable plan name)
          (cond ((and status (eq existing recycled) (eq from package)))
                (from (rehome-symbol recycled package))
                ((and status (eq package (symbol-package existing))))
                ;; A symbol of another home left present by an earlier
                ;; definition stays, as in UIOP.
                (intern (intern* name package))))))))

(defun %export-to-users (plan name symbol package)
  "SYMBOL becomes external in PACKAGE: every package using PACKAGE must see
it instead of its own symbol of that name, unless that one shadows."
  (dolist (user (package-used-by-list package))
    (multiple-value-bind (existing status) (find-symbol name user)
      (unless (and status (eq existing symbol))
        (when (or (null status)
                  (not (symbol-shadowing-p existing user))
                  (member (symbol-package existing) (plan-recycle plan)))
          (when status
            (if (or (eq status :inherited) (symbol-shadowing-p existing user))
                (shadowing-import* symbol user)
                (unintern existing user)))
          (when (eq status :external)
            (%export-to-users plan name symbol user))))))
  (unless (eq package (symbol-package symbol))
    (%make-present symbol package))
  (export* name package))

(defun %ensure-export (plan name)
  (let ((package (plan-package plan)))
    (multiple-value-bind (symbol status) (find-symbol* name package)
      (unless (eq status :external)
        (%export-to-users plan name symbol package)))))

(defun %shadow (plan name)
  (let ((package (plan-package plan)))
    (setf (gethash name (plan-shadowed plan)) t)
    (multiple-value-bind (existing status) (find-symbol name package)
      (multiple-value-bind (recycled from) (%recyclable plan name)
        (cond ((eq from package))
              (from (rehome-symbol recycled package))
              ((or (member status '(nil :inherited)) (eq (symbol-package existing) package)))
              (t
               ;; An imported symbol: replace it by a placeholder, which SHADOW keeps.
               (let ((placeholder (make-symbol name)))
                 (shadowing-import* placeholder package)
                 (import* placeholder package))))))
    (shadow* name package)))

(defun %settle-names (package name nicknames)
  "Gives PACKAGE its name and nicknames, taking them from other packages;
returns the packages left with no name, to delete at the end."
  (let ((names (cons name nicknames))
        (doomed '()))
    (dolist (other (rest (packages-from-names names)))
      (let ((kept (remove-if (lambda (n) (member n names :test #'string=)) (package-names other))))
        (cond (kept (rename-package other (first kept) (rest kept)))
              (t (rename-package-away other)
                 (push other doomed)))))
    (rename-package package name nicknames)
    doomed))

(defun ensure-package (name &key nicknames documentation use shadow shadowing-import-from
                              import-from export intern recycle mix reexport unintern
                              local-nicknames)
  "Makes the package NAME be as described, creating it or changing an
existing one; the arguments are those of DEFINE-PACKAGE, evaluated."
  (let* ((name (string name))
         (nicknames (mapcar #'string nicknames))
         (package (or (first (packages-from-names (cons name nicknames)))
                      (make-package name :nicknames nicknames :use '())))
         (plan (make-package-plan package (packages-from-names recycle)))
         (use (mapcar #'find-package* use))
         (mix (mapcar #'find-package* mix))
         (reexport (mapcar #'find-package* reexport)))
    (when documentation
      (setf (documentation package t) documentation))
    (dolist (p (package-use-list package))
      (unless (or (member p use) (member p mix))
        (unuse-package p package)))
    (let ((doomed (%settle-names package name nicknames)))
      (dolist (pair (clove:package-local-nicknames package))
        (clove:remove-package-local-nickname (car pair) package))
      (dolist (pair local-nicknames)
        (clove:add-package-local-nickname (string (first pair)) (find-package* (second pair)) package))
      (dolist (n unintern)
        (multiple-value-bind (symbol status) (find-symbol (string n) package)
          (when (member status '(:internal :external))
            (unintern symbol package))))
      (dolist (n export)
        (setf (gethash (string n) (plan-exported plan)) t))
      (dolist (p reexport)
        (do-external-symbols (s p)
          (setf (gethash (symbol-name s) (plan-exported plan)) t)))
      (let ((stale '()))
        (do-external-symbols (s package)
          (unless (gethash (symbol-name s) (plan-exported plan))
            (push s stale)))
        (dolist (s stale) (unexport s package)))
      (dolist (n shadow)
        (%shadow plan (string n)))
      (dolist (clause shadowing-import-from)
        (let ((from (find-package* (first clause))))
          (dolist (n (rest clause))
            (%shadowing-import-from plan (string n) from))))
      (dolist (p mix)
        (do-external-symbols (s p)
          (%mix plan (symbol-name s) s p)))
      (dolist (clause import-from)
        ;; A missing package is an error when symbols are to be imported
        ;; from it, and only a warning when the clause names none (a
        ;; package-inferred system's way to state a dependency).
        (let ((from (find-package* (first clause) (rest clause))))
          (if from
              (dolist (n (rest clause))
                (%import-from plan (string n) from))
              (warn 'define-package-style-warning
                    :format-control "When defining package ~A, attempting to import-from non-existent package ~A."
                    :format-arguments (list name (first clause))))))
      (dolist (p (append use mix))
        (do-external-symbols (s p)
          (%inherit plan (symbol-name s) s p nil))
        (use-package p package))
      (let ((names '()))
        (maphash (lambda (n v) (declare (ignore v)) (push n names)) (plan-exported plan))
        (dolist (n names)
          (%ensure-symbol plan n t)
          (%ensure-export plan n)))
      (dolist (n intern)
        (%ensure-symbol plan (string n) t))
      (let ((present '()))
        (do-symbols (s package) (push (symbol-name s) present))
        (dolist (n present)
          (%ensure-symbol plan n nil)))
      (dolist (p doomed)
        (delete-package* p))
      package)))

(defun parse-define-package-form (package clauses)
  "The arguments of ENSURE-PACKAGE (as forms) for a DEFINE-PACKAGE of
PACKAGE with CLAUSES."
  (let ((args (list :nicknames '() :use '() :shadow '() :shadowing-import-from '()
                    :import-from '() :export '() :intern '() :recycle '() :mix '()
                    :reexport '() :unintern '() :local-nicknames '()))
        (use-p nil) (recycle-p nil) (documentation nil) (documentation-p nil))
    (flet ((add (key values) (setf (getf args key) (append (getf args key) values))))
      (dolist (clause clauses)
        (unless (and (consp clause) (listp (cdr clause)))
          (error "define-package: bad clause ~S" clause))
        (destructuring-bind (kw &rest values) clause
          (case kw
            ((:nicknames :shadow :export :intern :mix :reexport :unintern :local-nicknames)
             (add kw values))
            ((:shadowing-import-from :import-from) (add kw (list values)))
            (:use (add :use values) (setf use-p t))
            (:recycle (add :recycle values) (setf recycle-p t))
            (:use-reexport (add :use values) (add :reexport values) (setf use-p t))
            (:mix-reexport (add :mix values) (add :reexport values) (setf use-p t))
            (:documentation
             (cond (documentation-p (error "define-package: can't define documentation twice"))
                   ((or (null values) (cdr values)) (error "define-package: bad documentation"))
                   (t (setf documentation (first values) documentation-p t))))
            (t (error "unrecognized define-package keyword ~S" kw))))))
    (unless use-p (setf (getf args :use) '(:common-lisp)))
    (unless recycle-p (setf (getf args :recycle) (cons package (getf args :nicknames))))
    `(',package
      :nicknames ',(getf args :nicknames) :documentation ',documentation
      :use ',(getf args :use) :shadow ',(getf args :shadow)
      :shadowing-import-from ',(getf args :shadowing-import-from)
      :import-from ',(getf args :import-from) :export ',(getf args :export)
      :intern ',(getf args :intern) :recycle ',(getf args :recycle) :mix ',(getf args :mix)
      :reexport ',(getf args :reexport) :unintern ',(getf args :unintern)
      ,@(when (getf args :local-nicknames)
          `(:local-nicknames ',(getf args :local-nicknames))))))

(defmacro define-package (package &rest clauses)
  "Defines PACKAGE as DEFPACKAGE would, but evaluating it again with other
clauses makes the package match the new definition exactly (see
ENSURE-PACKAGE). Besides DEFPACKAGE's options: without :USE (or :MIX,
:USE-REEXPORT, :MIX-REEXPORT) the package uses COMMON-LISP; :MIX is :USE
with conflicts settled in favour of the first package; :REEXPORT exports
the names the given packages export; :USE-REEXPORT and :MIX-REEXPORT
combine the two; :RECYCLE names the packages whose symbols of exported
names move into this one (by default the package itself and its
nicknames); :UNINTERN removes symbols left by an older definition;
:LOCAL-NICKNAMES as in DEFPACKAGE."
  `(eval-when (:compile-toplevel :load-toplevel :execute)
     (funcall 'ensure-package ,@(parse-define-package-form package clauses))))

;;; UIOP/PACKAGE*: UIOP/PACKAGE, the package-local nicknames API and the
;;; conditions and type of this area, which UIOP/PACKAGE keeps internal.
;;; UIOP re-exports this package, not UIOP/PACKAGE.
(define-package "UIOP/PACKAGE*"
  (:use-reexport "UIOP/PACKAGE" "UIOP/PACKAGE-LOCAL-NICKNAMES")
  (:import-from "UIOP/PACKAGE"
                "DEFINE-PACKAGE-STYLE-WARNING" "NO-SUCH-PACKAGE-ERROR" "PACKAGE-DESIGNATOR")
  (:export "DEFINE-PACKAGE-STYLE-WARNING" "NO-SUCH-PACKAGE-ERROR" "PACKAGE-DESIGNATOR"))
