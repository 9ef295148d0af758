;;;; PROCLAIM and DECLAIM: valid global declarations are accepted, malformed
;;;; ones signal errors (type-errors for dotted lists and wrong names), and
;;;; unknown declaration identifiers are warnings, as in SBCL.

(in-package "CLOVE-TEST")

(defun proclaims-cleanly (spec)
  (block done
    (handler-case
        (handler-bind ((warning (lambda (c) (declare (ignore c)) (return-from done :warned))))
          (proclaim spec))
      (error (c) (type-of-condition c)))))

(defun proclaim-warns (spec)
  (block done
    (handler-bind ((warning (lambda (c) (declare (ignore c)) (return-from done t))))
      (proclaim spec)
      nil)))

;;; Valid declarations return NIL without warnings.
(check proclaim-special (proclaims-cleanly '(special *proclaimed-special-a* *proclaimed-special-b*)) nil)
(check proclaim-special-takes-effect
       (progn (proclaim '(special *proclaimed-special-c*))
              (funcall (compile nil '(lambda ()
                                       (let ((*proclaimed-special-c* :dynamic))
                                         (symbol-value '*proclaimed-special-c*))))))
       :dynamic)
(check proclaim-inline (proclaims-cleanly '(inline car-of (setf car-of))) nil)
(check proclaim-notinline (proclaims-cleanly '(notinline car-of)) nil)
(check proclaim-optimize (proclaims-cleanly '(optimize speed (safety 3) (debug 0))) nil)
(check proclaim-type (proclaims-cleanly '(type fixnum *a* *b*)) nil)
(check proclaim-type-shorthand (proclaims-cleanly '(fixnum *a*)) nil)
(check proclaim-compound-type-shorthand (proclaims-cleanly '((integer 0 10) *a*)) nil)
(check proclaim-ftype (proclaims-cleanly '(ftype (function (t) t) car-of (setf car-of))) nil)
(check proclaim-empty-lists
       (mapcar #'proclaims-cleanly '((special) (optimize) (inline) (notinline) (declaration) (type t) (ftype function)))
       '(nil nil nil nil nil nil nil))
(check proclaim-user-declaration
       (list (proclaims-cleanly '(declaration my-declaration))
             (proclaims-cleanly '(my-declaration 1 2 "anything")))
       '(nil nil))
(check declaim-several
       (progn (declaim (optimize) (special *declaimed-special*) (inline))
              (funcall (compile nil '(lambda ()
                                       (let ((*declaimed-special* 7)) (symbol-value '*declaimed-special*))))))
       7)

;;; Malformed declarations.
(check-error proclaim-not-a-list (proclaim 5) type-error)
(check-error proclaim-nil (proclaim nil) type-error)
(check-error proclaim-no-argument (funcall 'proclaim) program-error)
(check-error proclaim-dotted-special (proclaim '(special . a)) type-error)
(check-error proclaim-dotted-optimize (proclaim '(optimize . x)) type-error)
(check-error proclaim-dotted-inline (proclaim '(inline . foo)) type-error)
(check-error proclaim-dotted-notinline (proclaim '(notinline . foo)) type-error)
(check-error proclaim-dotted-type (proclaim '(type . foo)) type-error)
(check-error proclaim-dotted-ftype (proclaim '(ftype . foo)) type-error)
(check-error proclaim-dotted-type-names (proclaim '(type integer . foo)) type-error)
(check-error proclaim-dotted-shorthand (proclaim '(integer . foo)) type-error)
(check-error proclaim-dotted-declaration (proclaim '(declaration . foo)) type-error)
(check-error proclaim-dotted-ftype-names (proclaim '(ftype (function (t) t) . foo)) type-error)
(check-error proclaim-type-without-type (proclaim '(type)) error)
(check-error proclaim-ftype-without-type (proclaim '(ftype)) error)
(check-error proclaim-special-non-symbol (proclaim '(special 1)) type-error)
(check-error proclaim-type-non-symbol (proclaim '(type integer 1)) type-error)
(check-error proclaim-shorthand-non-symbol (proclaim '(fixnum "x")) type-error)
(check-error proclaim-inline-bad-name (proclaim '(inline (car x))) type-error)
(check-error proclaim-ftype-bad-name (proclaim '(ftype function 1)) type-error)
(check-error proclaim-declaration-non-symbol (proclaim '(declaration 1)) type-error)
(check-error proclaim-declaration-type-name (proclaim '(declaration fixnum)) error)

;;; Unknown identifiers and optimize qualities warn.
(check proclaim-unknown-declaration (proclaim-warns '(no-such-declaration x)) t)
(check proclaim-ignore-is-not-global (proclaim-warns '(ignore x)) t)
(check proclaim-unknown-quality (proclaim-warns '(optimize (no-such-quality 1))) t)
(check proclaim-bad-quality-value (proclaim-warns '(optimize (speed 4))) t)
