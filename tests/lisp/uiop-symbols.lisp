;;;; Every external symbol of UIOP 3.3.6 (tests/data/uiop-3.3.6-symbols.txt)
;;;; exists in clove, external in its UIOP/ package and in UIOP, and is
;;;; what it is there: a function, macro, variable, constant, class or type.

(in-package "CLOVE-TEST")

(defun uiop-symbol-problem (package name kinds)
  "Why PACKAGE's NAME is not as UIOP has it, or NIL."
  (multiple-value-bind (symbol status) (find-symbol name package)
    (flet ((has (kind) (search kind kinds)))
      (cond ((not (eq status :external)) "not external")
            ((not (eq (nth-value 1 (find-symbol name "UIOP")) :external))
             (unless (member package '("UIOP/BACKWARD-DRIVER") :test #'string=) "not external in UIOP"))
            ((and (has "macro") (not (macro-function symbol))) "not a macro")
            ((and (has "function") (not (fboundp symbol))) "not a function")
            ((and (or (has "variable") (has "constant")) (not (boundp symbol))) "not bound")
            ((and (has "class") (not (find-class symbol nil))) "not a class")
            ((and (has "type") (nth-value 1 (ignore-errors (typep nil symbol)))) "not a type")))))

(defun uiop-symbol-problems ()
  (with-open-file (in (merge-pathnames "../data/uiop-3.3.6-symbols.txt" *load-truename*))
    (loop for line = (read-line in nil) while line
          unless (or (zerop (length line)) (char= (char line 0) #\#))
            nconc (let* ((space1 (position #\Space line))
                         (space2 (position #\Space line :start (1+ space1)))
                         (package (subseq line 0 space1))
                         (name (subseq line (1+ space1) space2))
                         (kinds (subseq line (1+ space2)))
                         (problem (uiop-symbol-problem package name kinds)))
                    (and problem (list (format nil "~A:~A ~A" package name problem)))))))

(check uiop-3.3.6-symbols (uiop-symbol-problems) '())
;; UIOP exports it on SBCL only (ASDF's test-utilities.script checks that
;; every exported symbol is defined).
(check uiop-no-sbcl-only-symbol
       (eq (nth-value 1 (find-symbol "SB-GROVEL-UNKNOWN-CONSTANT-CONDITION" "UIOP")) :external)
       nil)
(check uiop-sub-packages
       (remove-if #'find-package '("UIOP/PACKAGE" "UIOP/PACKAGE*" "UIOP/UTILITY" "UIOP/OS" "UIOP/PATHNAME" "UIOP/FILESYSTEM"
                                   "UIOP/STREAM" "UIOP/IMAGE" "UIOP/LISP-BUILD" "UIOP/LAUNCH-PROGRAM"
                                   "UIOP/RUN-PROGRAM" "UIOP/CONFIGURATION" "UIOP/VERSION" "UIOP/COMMON-LISP"
                                   "UIOP/CL" "UIOP/DRIVER" "UIOP/BACKWARD-DRIVER" "ASDF/DRIVER"))
       '())
(check uiop-common-lisp-is-cl
       (let ((missing '()))
         (do-external-symbols (s "COMMON-LISP")
           (unless (eq (find-symbol (symbol-name s) "UIOP/COMMON-LISP") s) (push s missing)))
         missing)
       '())
