;;;; UIOP/VERSION: version strings ("1.2.3", as ASDF's :VERSION and
;;;; :DEPENDS-ON (:VERSION ...) use them) and deprecation of functions by
;;;; version.

(uiop/package:define-package "UIOP/VERSION"
  (:use "UIOP/COMMON-LISP" "UIOP/PACKAGE" "UIOP/UTILITY")
  (:export
   "*UIOP-VERSION*"
   "PARSE-VERSION" "UNPARSE-VERSION" "VERSION<" "VERSION<=" "VERSION=" "NEXT-VERSION"
   "DEPRECATED-FUNCTION-CONDITION" "DEPRECATED-FUNCTION-NAME"
   "DEPRECATED-FUNCTION-STYLE-WARNING" "DEPRECATED-FUNCTION-WARNING"
   "DEPRECATED-FUNCTION-ERROR" "DEPRECATED-FUNCTION-SHOULD-BE-DELETED"
   "VERSION-DEPRECATION" "WITH-DEPRECATION"))

(in-package "UIOP/VERSION")

(defparameter *uiop-version* "3.3.6"
  "The UIOP version whose interface this is.")

(defun unparse-version (version-list)
  (format nil "~{~D~^.~}" version-list))

(defun parse-version (version-string &optional on-error)
  "The list of numbers in VERSION-STRING (natural numbers separated by
dots), or NIL if it is not one; then ON-ERROR, if given, is called (per
CALL-FUNCTION) with a format control and arguments saying why. A version
with leading zeros is parsed, and also reported to ON-ERROR."
  (flet ((fail (control &rest args)
           (apply #'call-function on-error control 'parse-version version-string args)
           (return-from parse-version nil)))
    (unless (stringp version-string)
      (fail "~S: ~S is not a string"))
    (unless (and (plusp (length version-string))
                 (digit-char-p (char version-string 0))
                 (digit-char-p (char version-string (1- (length version-string))))
                 (every (lambda (c) (or (digit-char-p c) (char= c #\.))) version-string)
                 (not (search ".." version-string)))
      (fail "~S: ~S doesn't follow asdf version numbering convention"))
    (let ((numbers (mapcar #'parse-integer (split-string version-string :separator "."))))
      (unless (string= version-string (unparse-version numbers))
        (call-function on-error "~S: ~S contains leading zeros" 'parse-version version-string))
      numbers)))

(defun next-version (version)
  "VERSION (a string, or NIL) with its last number incremented."
  (when version
    (let ((numbers (parse-version version)))
      (incf (car (last numbers)))
      (unparse-version numbers))))

(defun version< (version1 version2)
  "Is VERSION2 strictly newer than VERSION1?"
  (lexicographic< #'< (parse-version version1 nil) (parse-version version2 nil)))

(defun version<= (version1 version2)
  "Is VERSION2 newer than or the same as VERSION1?"
  (not (version< version2 version1)))

(defun version= (version1 version2)
  (and (version<= version1 version2) (version<= version2 version1)))

;;; --- Deprecation

(define-condition deprecated-function-condition (condition)
  ((name :initarg :name :reader deprecated-function-name)))
(define-condition deprecated-function-style-warning (deprecated-function-condition style-warning) ())
(define-condition deprecated-function-warning (deprecated-function-condition warning) ())
(define-condition deprecated-function-error (deprecated-function-condition error) ())
(define-condition deprecated-function-should-be-deleted (deprecated-function-condition error) ())

(defmethod print-object ((c deprecated-function-condition) stream)
  (let ((name (deprecated-function-name c)))
    (cond (*print-readably*
           (unless *read-eval*
             (error "Can't print ~S readably without *READ-EVAL*" c))
           (format stream "#.(make-condition '~S :name ~S)" (type-of c) name))
          (*print-escape*
           (print-unreadable-object (c stream :type t) (format stream ":name ~S" name)))
          (t
           (let ((*package* (find-package :cl)))
             (if (typep c 'deprecated-function-should-be-deleted)
                 (format stream "~A: Still defining deprecated function~:P ~{~S~^ ~} that promised to delete"
                         (type-of c) name)
                 (format stream "~A: Using deprecated function ~S -- please update your code to use a newer API.~@[~%The docstring for this function says:~%~A~%~]"
                         (type-of c) name (and (symbolp name) (documentation name 'function)))))))))

(defun notify-deprecated-function (level name)
  (ecase level
    ((nil))
    (:style-warning (style-warn 'deprecated-function-style-warning :name name))
    (:warning (warn 'deprecated-function-warning :name name))
    (:error (cerror "USE FUNCTION ANYWAY" 'deprecated-function-error :name name))))

(defun version-deprecation (version &key (style-warning nil)
                                      (warning (next-version style-warning))
                                      (error (next-version warning))
                                      (delete (next-version error)))
  "The deprecation level (NIL, :STYLE-WARNING, :WARNING, :ERROR or :DELETE)
reached at VERSION, given the version each level starts at (by default the
next version after the previous level's)."
  (cond ((and delete (version<= delete version)) :delete)
        ((and error (version<= error version)) :error)
        ((and warning (version<= warning version)) :warning)
        ((and style-warning (version<= style-warning version)) :style-warning)))

(defun %deprecated-definition (level form)
  "FORM, a DEFUN or DEFMETHOD, made to notify its first caller at LEVEL."
  (let* ((name (second form))
         (body-start (if (and (eq (first form) 'defmethod) (not (listp (third form)))) 4 3))
         (head (subseq form 0 (min body-start (length form))))
         (flag (intern (format nil "*~A-~A-~A-~A*" :deprecated-function level name :notified-p))))
    (multiple-value-bind (forms declarations doc)
        (parse-body (nthcdr body-start form) :documentation t :whole form)
      `(progn
         (defparameter ,flag nil)
         (define-compiler-macro ,name (&whole whole &rest args)
           (declare (ignore args))
           (notify-deprecated-function ,level ',name)
           whole)
         (,@head ,@(and doc (list doc)) ,@declarations
                 (unless ,flag
                   (setf ,flag t)
                   (notify-deprecated-function ,level ',name))
                 ,@forms)))))

(defmacro with-deprecation ((level) &body definitions)
  "Marks the DEFUNs and DEFMETHODs among DEFINITIONS as deprecated at LEVEL
(evaluated now: NIL, :STYLE-WARNING, :WARNING, :ERROR or :DELETE): the
first call of each signals a condition of that level (:ERROR continuably);
at :DELETE, the definitions themselves are an error. Wrap a definition in
PROGN to leave it alone."
  (let ((level (eval level)))
    (check-type level (member nil :style-warning :warning :error :delete))
    (when (eq level :delete)
      (error 'deprecated-function-should-be-deleted
             :name (mapcar #'second (remove-if-not (lambda (f) (and (consp f) (member (car f) '(defun defmethod))))
                                                   definitions))))
    `(progn
       ,@(mapcar (lambda (form)
                   (if (and level (consp form) (member (car form) '(defun defmethod)))
                       (%deprecated-definition level form)
                       form))
                 definitions))))
