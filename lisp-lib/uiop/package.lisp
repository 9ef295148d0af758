;;;; UIOP/PACKAGE: package utilities and DEFINE-PACKAGE, the package
;;;; definition that can be evaluated again with a different body (an
;;;; upgrade): the new definition is authoritative, so symbols it no longer
;;;; exports are unexported, packages it no longer uses are unused, and
;;;; :RECYCLE moves symbols from older packages into the new one. ASDF and
;;;; many libraries define their packages with it.

(in-package "CLOVE-SYSTEM")

(defpackage "UIOP/PACKAGE-LOCAL-NICKNAMES"
  (:use "COMMON-LISP")
  (:import-from "CLOVE" "ADD-PACKAGE-LOCAL-NICKNAME" "REMOVE-PACKAGE-LOCAL-NICKNAME"
                "PACKAGE-LOCAL-NICKNAMES")
  (:export "ADD-PACKAGE-LOCAL-NICKNAME" "REMOVE-PACKAGE-LOCAL-NICKNAME" "PACKAGE-LOCAL-NICKNAMES"))

(defpackage "UIOP/PACKAGE"
  (:use "COMMON-LISP")
  (:export "FIND-PACKAGE*" "FIND-SYMBOL*" "SYMBOL-CALL"
           "INTERN*" "EXPORT*" "IMPORT*" "SHADOWING-IMPORT*" "SHADOW*" "MAKE-SYMBOL*" "UNINTERN*"
           "SYMBOL-SHADOWING-P" "HOME-PACKAGE-P"
           "SYMBOL-PACKAGE-NAME" "STANDARD-COMMON-LISP-SYMBOL-P"
           "REIFY-PACKAGE" "UNREIFY-PACKAGE" "REIFY-SYMBOL" "UNREIFY-SYMBOL"
           "NUKE-SYMBOL-IN-PACKAGE" "NUKE-SYMBOL" "REHOME-SYMBOL"
           "ENSURE-PACKAGE-UNUSED" "DELETE-PACKAGE*"
           "PACKAGE-NAMES" "PACKAGES-FROM-NAMES" "FRESH-PACKAGE-NAME" "RENAME-PACKAGE-AWAY"
           "PACKAGE-DEFINITION-FORM" "PARSE-DEFINE-PACKAGE-FORM"
           "ENSURE-PACKAGE" "DEFINE-PACKAGE"))

(in-package "UIOP/PACKAGE")

(pushnew :package-local-nicknames *features*)

;;; --- Finding and making symbols by name

(deftype package-designator ()
  '(and (or package character string symbol) (satisfies find-package)))

(define-condition no-such-package-error (type-error)
  ()
  (:default-initargs :expected-type 'package-designator)
  (:report (lambda (c s) (format s "No package named ~A" (string (type-error-datum c))))))

(defgeneric package-designator (condition)
  (:method ((c no-such-package-error)) (type-error-datum c)))

(defun find-package* (package-designator &optional (errorp t))
  "Like CL:FIND-PACKAGE, but by default signals a NO-SUCH-PACKAGE-ERROR
when there is no such package."
  (or (find-package package-designator)
      (and errorp (error 'no-such-package-error :datum package-designator))))

(defun find-symbol* (name package-designator &optional (error t))
  "Finds the symbol named (STRING NAME) in the package, returning it and its
status. Without the package or the symbol, signals an error, or returns NIL
NIL when ERROR is NIL."
  (let ((package (find-package* package-designator error)))
    (if (null package)
        (values nil nil)
        (multiple-value-bind (symbol status) (find-symbol (string name) package)
          (cond (status (values symbol status))
                (error (error "There is no symbol ~S in package ~S" name (package-name package)))
                (t (values nil nil)))))))

(defun symbol-call (package name &rest args)
  "Calls the function named by the symbol NAME of PACKAGE, found when the
call happens (so the package may be loaded after the call is read)."
  (apply (find-symbol* name package) args))

(defun intern* (name package-designator &optional (error t))
  (intern (string name) (find-package* package-designator error)))

(defun %symbols-arg (symbol)
  "A symbol as the first argument of EXPORT, IMPORT...: NIL means no symbols there."
  (if (null symbol) (list nil) symbol))

(defun export* (name package-designator)
  (let ((package (find-package* package-designator)))
    (export (%symbols-arg (intern* name package)) package)))

(defun import* (symbol package-designator)
  (import (%symbols-arg symbol) (find-package* package-designator)))

(defun shadowing-import* (symbol package-designator)
  (shadowing-import (%symbols-arg symbol) (find-package* package-designator)))

(defun shadow* (name package-designator)
  (shadow (list (string name)) (find-package* package-designator)))

(defun make-symbol* (name)
  "A fresh uninterned symbol named NAME (a string), or a copy of the symbol NAME."
  (etypecase name
    (string (make-symbol name))
    (symbol (copy-symbol name))))

(defun unintern* (name package-designator &optional (error t))
  "Uninterns the symbol named NAME from the package, returning it and the
status it had; when it is not there, signals an error unless ERROR is NIL."
  (let ((package (find-package* package-designator error)))
    (if (null package)
        (values nil nil)
        (multiple-value-bind (symbol status) (find-symbol* name package error)
          (cond (status (unintern symbol package) (values symbol status))
                (error (error "symbol ~A not present in package ~A" (string name) (package-name package)))
                (t (values nil nil)))))))

(defun symbol-shadowing-p (symbol package)
  (and (member symbol (package-shadowing-symbols package)) t))

(defun home-package-p (symbol package)
  (and package
       (let ((home (symbol-package symbol)))
         (and home (eq home (find-package* package nil))))))

(defun symbol-package-name (symbol)
  (let ((home (symbol-package symbol)))
    (and home (package-name home))))

(defun standard-common-lisp-symbol-p (symbol)
  (multiple-value-bind (found status) (find-symbol* symbol :common-lisp nil)
    (and (eq found symbol) (eq status :external))))

;;; --- Symbols and packages as printable data (for fasls and caches)

(defun reify-package (package &optional package-context)
  "A readable designator for PACKAGE: T for PACKAGE-CONTEXT, else its name."
  (cond ((eq package package-context) t)
        ((null package) nil)
        (t (package-name package))))

(defun unreify-package (package &optional package-context)
  (etypecase package
    (null nil)
    ((eql t) package-context)
    ((or symbol string) (find-package package))))

(defun reify-symbol (symbol &optional package-context)
  "A keyword or standard symbol itself; any other symbol as a vector of its
name and reified home package."
  (if (or (keywordp symbol) (standard-common-lisp-symbol-p symbol))
      symbol
      (vector (symbol-name symbol) (reify-package (symbol-package symbol) package-context))))

(defun unreify-symbol (symbol &optional package-context)
  (etypecase symbol
    (symbol symbol)
    ((simple-vector 2)
     (let ((package (unreify-package (svref symbol 1) package-context)))
       (if package
           (intern* (svref symbol 0) package)
           (make-symbol* (svref symbol 0)))))))

;;; --- Removing, moving and renaming

(defun nuke-symbol-in-package (symbol package-designator)
  "Removes SYMBOL from the package if it is present there; a shadowing
symbol is replaced by a fresh uninterned one, so the shadowing stays."
  (let ((package (find-package* package-designator)))
    (multiple-value-bind (found status) (find-symbol (symbol-name symbol) package)
      (when (and (member status '(:internal :external)) (eq found symbol))
        (if (symbol-shadowing-p symbol package)
            (shadowing-import* (make-symbol (symbol-name symbol)) package)
            (unintern symbol package))))))

(defun nuke-symbol (symbol &optional (packages (list-all-packages)))
  (dolist (p packages) (nuke-symbol-in-package symbol p)))

(defun rehome-symbol (symbol package-designator)
  "Makes the package the home package of SYMBOL, replacing any symbol of
that name present there; SYMBOL stays present (and exported, and
shadowing) in its old home. Returns the replaced symbol and its status."
  (let* ((name (symbol-name symbol))
         (package (find-package* package-designator))
         (old (symbol-package symbol))
         (old-status (and old (nth-value 1 (find-symbol name old))))
         (old-shadowing (and old (symbol-shadowing-p symbol old))))
    (multiple-value-bind (replaced status) (find-symbol name package)
      (unless (eq package old)
        (let ((replaced-shadowing (and status (symbol-shadowing-p replaced package))))
          (when old
            ;; A placeholder keeps OLD's shadowing while SYMBOL is away.
            (when old-shadowing (shadowing-import* (make-symbol name) old))
            (unintern symbol old))
          (cond (replaced-shadowing (shadowing-import* symbol package))
                (t (when (member status '(:internal :external)) (unintern replaced package))
                   (import* symbol package)))
          (when old
            (if old-shadowing (shadowing-import* symbol old) (import* symbol old))
            (when (eq old-status :external) (export* symbol old)))
          (when (eq status :external) (export* symbol package))))
      (values replaced status))))

(defun ensure-package-unused (package)
  "Makes every package that uses PACKAGE stop using it."
  (dolist (user (package-used-by-list package))
    (unuse-package package user)))

(defun delete-package* (package &key nuke)
  "Deletes the package if there is one, after making the packages that use
it stop; with NUKE, its symbols are first removed from every package."
  (let ((p (find-package package)))
    (when p
      (when nuke
        (do-symbols (s p) (when (home-package-p s p) (nuke-symbol s))))
      (ensure-package-unused p)
      (delete-package p))))

(defun package-names (package)
  (cons (package-name package) (package-nicknames package)))

(defun packages-from-names (names)
  "The existing packages named by NAMES, each once, in order."
  (remove-duplicates (remove nil (mapcar #'find-package names)) :from-end t))

(defun fresh-package-name (&key (prefix :%to-be-deleted) separator
                             (index (random most-positive-fixnum)))
  "A package name no package has: PREFIX alone when INDEX is 0 and free,
else PREFIX, SEPARATOR and the first free number from INDEX on."
  (do ((i index (1+ i)))
      (nil)
    (let ((name (if (plusp i)
                    (format nil "~A~A~D" prefix (or separator "") i)
                    (format nil "~A" prefix))))
      (unless (find-package name) (return name)))))

(defun rename-package-away (p &rest keys &key prefix &allow-other-keys)
  "Renames the package P to a fresh name (by default __NAME__ and a
number), dropping its nicknames, so that its names are free."
  (rename-package p (apply #'fresh-package-name
                           :prefix (or prefix (format nil "__~A__" (package-name p)))
                           keys)))

(defun package-definition-form (package-designator
                                &key (nicknamesp t) (usep t) (shadowp t) (shadowing-import-p t)
                                  (exportp t) (importp t) internp (error t))
  "A DEFPACKAGE form describing the package as it is now."
  (let ((package (find-package* package-designator error)))
    (when package
      (let ((shadow '()) (export '()) (intern '())
            (shadowing-import (make-hash-table :test 'equal))
            (import (make-hash-table :test 'equal)))
        (do-symbols (s package)
          (multiple-value-bind (found status) (find-symbol (symbol-name s) package)
            (when (and (eq found s) (member status '(:internal :external)))
              (let* ((name (symbol-name s))
                     (home (symbol-package s))
                     (imported (not (eq home package))))
                (cond ((and imported (symbol-shadowing-p s package))
                       (pushnew name (gethash (package-name home) shadowing-import) :test #'string=))
                      ((symbol-shadowing-p s package) (pushnew name shadow :test #'string=))
                      (imported (pushnew name (gethash (package-name home) import) :test #'string=)))
                (cond ((eq status :external) (pushnew name export :test #'string=))
                      ((not imported) (pushnew name intern :test #'string=)))))))
        (flet ((sorted (names) (sort (copy-list names) #'string<))
               (option (key names) (and names (list (cons key names)))))
          (flet ((import-options (key table)
                   (let ((homes '()))
                     (maphash (lambda (k v) (declare (ignore v)) (push k homes)) table)
                     (mapcar (lambda (home) (list* key home (sorted (gethash home table))))
                             (sorted homes)))))
            `(defpackage ,(package-name package)
               ,@(option :nicknames (and nicknamesp (sorted (package-nicknames package))))
               (:use ,@(and usep (sorted (mapcar #'package-name (package-use-list package)))))
               ,@(option :shadow (and shadowp (sorted shadow)))
               ,@(and shadowing-import-p (import-options :shadowing-import-from shadowing-import))
               ,@(and importp (import-options :import-from import))
               ,@(option :export (and exportp (sorted export)))
               ,@(option :intern (and internp (sorted intern))))))))))
