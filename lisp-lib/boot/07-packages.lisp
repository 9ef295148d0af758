;;;; DEFPACKAGE and the package iteration macros (CLHS 11.2), over the
;;;; package primitives in builtins/packages.rs.

(in-package "CLOVE-SYSTEM")

(defmacro defpackage (name &rest options)
  (dolist (o options)
    (unless (and (consp o) (member (car o) '(:nicknames :use :export :import-from :shadow
                                             :shadowing-import-from :intern :documentation
                                             :size :local-nicknames)))
      (error 'simple-program-error :format-control "Bad DEFPACKAGE option ~S." :format-arguments (list o))))
  `(eval-when (:compile-toplevel :load-toplevel :execute)
     (%defpackage ,(string name) ',options)))

(defun %option-values (options key)
  (let ((out nil))
    (dolist (o options (nreverse out))
      (when (eq (car o) key) (dolist (x (cdr o)) (push x out))))))

(defun %option-names (options key)
  (mapcar #'string (%option-values options key)))

(defvar *package-documentation* (make-hash-table :test 'eq)
  "The :DOCUMENTATION of packages (see 13-documentation.lisp).")

(defun %defpackage (name options)
  (let* ((nicknames (%option-names options :nicknames))
         (package (or (find-package name) (make-package name :use nil))))
    (rename-package package name nicknames)
    (dolist (s (%option-names options :shadow)) (shadow s package))
    (dolist (o options)
      (when (eq (car o) :shadowing-import-from)
        (dolist (s (cdr (cdr o)))
          (shadowing-import (%find-existing-symbol (string s) (car (cdr o))) package))))
    (when (assoc :use options)
      (use-package (mapcar #'%find-package-or-lose (%option-values options :use)) package))
    (dolist (o options)
      (when (eq (car o) :import-from)
        (dolist (s (cdr (cdr o)))
          (import (%find-existing-symbol (string s) (car (cdr o))) package))))
    (dolist (s (%option-names options :intern)) (intern s package))
    (dolist (s (%option-names options :export))
      (export (intern s package) package))
    (dolist (o options)
      (when (eq (car o) :local-nicknames)
        (dolist (pair (cdr o))
          (%add-local-nickname package (string (car pair)) (%find-package-or-lose (car (cdr pair)))))))
    (let ((doc (assoc :documentation options)))
      (when doc (setf (gethash package *package-documentation*) (car (cdr doc)))))
    package))

(defun %find-existing-symbol (name package)
  (multiple-value-bind (symbol status) (find-symbol name (%find-package-or-lose package))
    (if status
        symbol
        (error 'package-error :package package
                              :format-control "The symbol ~A is not present in package ~A."
                              :format-arguments (list name (package-name (%find-package-or-lose package)))))))

(defmacro %do-package-symbols ((var package kinds result) body)
  (let ((s (gensym "SYMBOLS")))
    `(let ((,s (%package-symbols (%find-package-or-lose ,package) ',kinds)))
       (dolist (,var ,s (let ((,var nil)) (declare (ignorable ,var)) ,result))
         ,@body))))

(defmacro do-symbols ((var &optional (package '*package*) result) &body body)
  `(%do-package-symbols (,var ,package (:internal :external :inherited) ,result) ,body))

(defmacro do-external-symbols ((var &optional (package '*package*) result) &body body)
  `(%do-package-symbols (,var ,package (:external) ,result) ,body))

(defmacro do-all-symbols ((var &optional result) &body body)
  (let ((p (gensym "PACKAGE")))
    `(block nil
       (dolist (,p (list-all-packages) (let ((,var nil)) (declare (ignorable ,var)) ,result))
         (%do-package-symbols (,var ,p (:internal :external) nil) ,body)))))

;;; --- Resolving name conflicts (CLHS 11.1.1.2.5)

(%export (mapcar (lambda (name) (intern name "CLOVE"))
                '("NAME-CONFLICT" "NAME-CONFLICT-OPERATION" "NAME-CONFLICT-SYMBOLS" "SHADOWING-IMPORT-IT"))
        "CLOVE")

(define-condition clove:name-conflict (package-error)
  ((operation :initarg :operation :reader clove:name-conflict-operation)
   (symbols :initarg :symbols :reader clove:name-conflict-symbols)))

(defun %call-resolving-conflicts (thunk)
  ;; Calls THUNK. When it signals a name conflict, one restart per
  ;; conflicting symbol (SHADOWING-IMPORT-IT) makes that symbol win by
  ;; shadowing-importing it into the package, then THUNK is tried again.
  (loop
    (block retry
      (return-from %call-resolving-conflicts
        (handler-bind
            ((clove:name-conflict
               (lambda (c)
                 (let ((package (package-error-package c)))
                   (let ((*restart-clusters*
                           (cons (mapcar (lambda (symbol)
                                           (%make-restart
                                            'clove:shadowing-import-it
                                            (lambda () (shadowing-import (list symbol) package) (return-from retry))
                                            (lambda (s) (format s "Make ~S win: shadowing-import it into ~A and retry."
                                                                symbol (package-name package)))
                                            nil nil))
                                         (clove:name-conflict-symbols c))
                                 *restart-clusters*)))
                     (error c))))))
          (funcall thunk))))))

(defun use-package (packages-to-use &optional (package *package*))
  (%call-resolving-conflicts (lambda () (%use-package packages-to-use package))))

(defun export (symbols &optional (package *package*))
  (%call-resolving-conflicts (lambda () (%export symbols package))))

(defun import (symbols &optional (package *package*))
  (%call-resolving-conflicts (lambda () (%import symbols package))))

;;; --- Package-local nicknames (an extension, as SBCL's SB-EXT has them)

(%export (mapcar (lambda (name) (intern name "CLOVE"))
                '("ADD-PACKAGE-LOCAL-NICKNAME" "REMOVE-PACKAGE-LOCAL-NICKNAME"))
        "CLOVE")

(defun clove:add-package-local-nickname (local-nickname actual-package &optional (package *package*))
  (let ((package (%find-package-or-lose package)))
    (%add-local-nickname package (string local-nickname) (%find-package-or-lose actual-package))
    package))

(defun clove:remove-package-local-nickname (old-local-nickname &optional (package *package*))
  (%remove-local-nickname (%find-package-or-lose package) (string old-local-nickname)))
