;;;; DEFSTRUCT (CLHS chapter 8): constructors, accessors, options,
;;;; inheritance, typed structures, printing and #S. Expected values are SBCL's.

(in-package "CLOVE-TEST")

(check defstruct-returns-name (defstruct point x (y 0) (z 1 :type integer :read-only t)) 'point)

;;; --- Constructors, accessors, predicate, copier

(check make-default (let ((p (make-point :x 1))) (list (point-x p) (point-y p) (point-z p))) '(1 0 1))
(check make-all-keys (let ((p (make-point :z 3 :y 2 :x 1))) (list (point-x p) (point-y p) (point-z p))) '(1 2 3))
(check-error make-unknown-key (make-point :w 1) program-error)
(check-error make-odd-keys (make-point :x) program-error)
(check-error make-slot-type (make-point :z "a") type-error)
(check setf-accessor (let ((p (make-point))) (setf (point-y p) 10) (point-y p)) 10)
(check incf-push-accessors
       (let ((p (make-point :x nil)))
         (incf (point-y p) 5) (push 1 (point-x p)) (push 2 (point-x p))
         (list (point-x p) (point-y p)))
       '((2 1) 5))
(check read-only-has-no-setf (fboundp '(setf point-z)) nil)
(check-error read-only-setf-fails (let ((p (make-point))) (funcall (fdefinition '(setf point-z)) 2 p)) error)
(check predicate (list (point-p (make-point)) (point-p 3) (point-p nil)) '(t nil nil))
(check-error accessor-wrong-type (point-x 3) type-error)
(check accessor-type-error-datum (handler-case (point-x "no") (type-error (e) (list (type-error-datum e) (type-error-expected-type e))))
       '("no" point))
(check-error setf-accessor-wrong-type (setf (point-y 'a) 1) type-error)
(check copier
       (let* ((p (make-point :x (list 1)))
              (q (copy-point p)))
         (setf (point-y q) 9)
         (list (eq p q) (eq (point-x p) (point-x q)) (point-y p) (point-y q)))
       '(nil t 0 9))
(check-error copier-wrong-type (copy-point 5) type-error)
(check copy-structure-1 (let ((p (make-point :x 4))) (point-x (copy-structure p))) 4)
(check-error copy-structure-not-structure (copy-structure '(1 2)) type-error)

;;; --- Types

(check structure-typep
       (list (typep (make-point) 'point) (typep (make-point) 'structure-object) (typep 1 'point)
             (typep (make-point) 'atom) (typep (make-point) '(or integer point)))
       '(t t nil t t))
(check type-of-structure (type-of (make-point)) 'point)
(check structure-subtypep
       (list (multiple-value-list (subtypep 'point 'structure-object))
             (multiple-value-list (subtypep 'point 'integer))
             (multiple-value-list (subtypep 'point t)))
       '((t t) (nil t) (t t)))
(check structure-typecase (typecase (make-point) (cons :cons) (point :point) (t :other)) :point)
(check structure-check-type (let ((p (make-point))) (check-type p point) :ok) :ok)

;;; --- :include

(defstruct (point3 (:include point (y 5)) (:conc-name p3-)) w)
(check include-slots
       (let ((p (make-point3 :x 1 :w 4)))
         (list (p3-x p) (p3-y p) (p3-z p) (p3-w p) (point-x p) (point-y p)))
       '(1 5 1 4 1 5))
(check include-types
       (list (typep (make-point3) 'point) (typep (make-point) 'point3) (point-p (make-point3)) (point3-p (make-point))
             (multiple-value-list (subtypep 'point3 'point)) (multiple-value-list (subtypep 'point 'point3)))
       '(t nil t nil (t t) (nil t)))
(check include-setf-parent-accessor (let ((p (make-point3))) (setf (point-x p) 7) (p3-x p)) 7)
(defstruct (point4 (:include point3 (w 0 :type integer))) v)
(check include-two-levels (let ((p (make-point4 :v 1))) (list (point-x p) (p3-w p) (point4-v p) (point-p p))) '(nil 0 1 t))
(check-error include-override-type (make-point4 :w "x") type-error)
(check-error include-unknown (macroexpand '(defstruct (bad (:include no-such-structure)) a)) error)

;;; --- Options

(defstruct (np (:conc-name nil) (:predicate is-np) (:copier clone-np)) np-a (np-b 2))
(check conc-name-nil (let ((s (make-np :np-a 1))) (list (np-a s) (np-b s) (is-np s) (np-b (clone-np s)))) '(1 2 t 2))
(defstruct (nc (:constructor nil) (:copier nil) (:predicate nil)) a)
(check no-constructor (list (fboundp 'make-nc) (fboundp 'copy-nc) (fboundp 'nc-p) (and (fboundp 'nc-a) t)) '(nil nil nil t))
(defstruct (two-ctors (:constructor make-two-ctors) (:constructor new-two (a b))) a b)
(check several-constructors
       (let ((x (make-two-ctors :a 1 :b 2)) (y (new-two 3 4)))
         (list (two-ctors-a x) (two-ctors-b x) (two-ctors-a y) (two-ctors-b y)))
       '(1 2 3 4))
(defstruct (boa (:constructor make-boa (a &optional (b 2) c &rest d &key e &aux (f (list a b)))))
  a b (c 33) d (e 44) f)
(check boa-defaults
       (let ((s (make-boa 1))) (list (boa-a s) (boa-b s) (boa-c s) (boa-d s) (boa-e s) (boa-f s)))
       '(1 2 33 nil 44 (1 2)))
(check boa-all
       (let ((s (make-boa 1 5 6 :e 7))) (list (boa-a s) (boa-b s) (boa-c s) (boa-d s) (boa-e s) (boa-f s)))
       '(1 5 6 (:e 7) 7 (1 5)))
(check-error boa-missing-argument (make-boa) program-error)
(defstruct (doc-struct) "A documented structure." (a 1))
(check docstring-skipped (doc-struct-a (make-doc-struct)) 1)
(check-error bad-option (macroexpand '(defstruct (bad (:no-such-option 1)) a)) error)
(check-error duplicate-slot (macroexpand '(defstruct dup a a)) error)

;;; --- :type list / vector

(defstruct (lp (:type list) :named) a (b 2))
(check typed-list (make-lp :a 1) '(lp 1 2))
(check typed-list-accessors (let ((l (make-lp :a 1))) (setf (lp-b l) 3) (list (lp-a l) (lp-b l) (lp-p l) (lp-p '(x 1 2)))) '(1 3 t nil))
(defstruct (lu (:type list)) a b)
(check typed-list-unnamed (list (make-lu :a 1 :b 2) (fboundp 'lu-p)) '((1 2) nil))
(defstruct (vp (:type vector) (:initial-offset 2)) a b)
(check typed-vector-offset (let ((v (make-vp :a 1 :b 2))) (list (length v) (vp-a v) (vp-b v) (aref v 2))) '(4 1 2 1))
(defstruct (vn (:type vector) :named) a)
(check typed-vector-named (let ((v (make-vn :a 5))) (list (aref v 0) (vn-a v) (vn-p v) (vn-p #(x 1)))) '(vn 5 t nil))
(defstruct (lp2 (:type list) (:include lp) :named) c)
(check typed-include (make-lp2 :a 1 :c 3) '(lp 1 2 lp2 3))
(check typed-copier (let* ((l (make-lp :a 1)) (c (copy-lp l))) (list (equal l c) (eq l c))) '(t nil))
(check-error typed-not-a-type (typep '(lp 1 2) 'lp) error)

;;; --- Printing and #S

(check print-structure (prin1-to-string (make-point :x 1)) "#S(POINT :X 1 :Y 0 :Z 1)")
(check print-nested (prin1-to-string (list (make-point :x (make-point)))) "(#S(POINT :X #S(POINT :X NIL :Y 0 :Z 1) :Y 0 :Z 1))")
(check print-length (let ((*print-length* 2)) (prin1-to-string (make-point3))) "#S(POINT3 :X NIL :Y 5 ...)")
(check print-level (let ((*print-level* 1)) (prin1-to-string (list (make-point)))) "(#)")
(check print-level-slots
       (let ((*print-level* 2)) (prin1-to-string (make-point :x (list 1 (list 2)) :y (make-point))))
       "#S(POINT :X (1 #) :Y #S(POINT :X NIL :Y 0 :Z 1) :Z 1)")
(check print-readably (let ((*print-readably* t)) (prin1-to-string (make-point))) "#S(POINT :X NIL :Y 0 :Z 1)")
(check princ-structure (princ-to-string (make-point :x "a")) "#S(POINT :X a :Y 0 :Z 1)")
(defstruct (pf (:print-function (lambda (o s d) (declare (ignore d)) (format s "<PF ~A>" (pf-a o))))) a)
(check print-function (list (prin1-to-string (make-pf :a 3)) (format nil "~A" (list (make-pf :a 4)))) '("<PF 3>" "(<PF 4>)"))
;; Printers named by symbols may be defined after the DEFSTRUCT (and redefined).
(defstruct (late-pf (:print-function print-late-pf)) a)
(defstruct (late-po (:print-object print-late-po)) a)
(defun print-late-pf (o s d) (declare (ignore d)) (format s "<LATE-PF ~A>" (late-pf-a o)))
(defun print-late-po (o s) (format s "<LATE-PO ~A>" (late-po-a o)))
(check late-printers (list (prin1-to-string (make-late-pf :a 1)) (prin1-to-string (make-late-po :a 2)))
       '("<LATE-PF 1>" "<LATE-PO 2>"))
(defun print-late-po (o s) (format s "<REDEFINED ~A>" (late-po-a o)))
(check redefined-printer (prin1-to-string (make-late-po :a 3)) "<REDEFINED 3>")
(defstruct (po (:print-object (lambda (o s) (format s "<PO ~A>" (po-a o))))) a)
(check print-object-option (prin1-to-string (make-po :a 1)) "<PO 1>")
(defstruct (po-child (:include po)) b)
(check print-object-inherited (prin1-to-string (make-po-child :a 2)) "<PO 2>")
(check sharp-s-read
       (let ((p (read-from-string "#S(POINT :X 7 :Y 8)"))) (list (point-p p) (point-x p) (point-y p) (point-z p)))
       '(t 7 8 1))
(check sharp-s-non-keyword-names (point-y (read-from-string "#S(POINT X 1 Y 2)")) 2)
(check sharp-s-round-trip
       (let ((p (read-from-string (prin1-to-string (make-point3 :x 1 :w '(a "b"))))))
         (list (p3-x p) (p3-w p) (typep p 'point3)))
       '(1 (a "b") t))
(check sharp-s-suppressed (let ((*read-suppress* t)) (read-from-string "#S(NO-SUCH-STRUCTURE :A 1)")) nil)
(check-error sharp-s-unknown (read-from-string "#S(NO-SUCH-STRUCTURE :A 1)") reader-error)
(check-error sharp-s-no-constructor (read-from-string "#S(NC :A 1)") reader-error)

;;; --- Redefinition

(defparameter *old-point* (make-point :x 11))
(check redefine-identical (defstruct point x (y 0) (z 1 :type integer :read-only t)) 'point)
(check redefine-keeps-instances (list (point-x *old-point*) (point-p *old-point*) (typep *old-point* 'point)) '(11 t t))

;;; EQUALP descends into structures of the same type (CLHS 5.3).
(defstruct eqp-point x y)
(defstruct eqp-other x y)
(check equalp-structures-slotwise (equalp (make-eqp-point :x 1 :y "A") (make-eqp-point :x 1.0 :y "a")) t)
(check equalp-structures-differ (equalp (make-eqp-point :x 1) (make-eqp-point :x 2)) nil)
(check equalp-structures-of-other-types (equalp (make-eqp-point) (make-eqp-other)) nil)
(check equal-structures-are-eq-only (equal (make-eqp-point) (make-eqp-point)) nil)
(check equalp-table-with-structure-keys
       (let ((h (make-hash-table :test 'equalp)))
         (setf (gethash (make-eqp-point :x 1) h) :found)
         (gethash (make-eqp-point :x 1.0) h))
       :found)

(defstruct hashed-pt x y)
(check equalp-table-of-structures
       (let ((h (make-hash-table :test 'equalp)))
         (dotimes (i 2000) (setf (gethash (make-hashed-pt :x i :y "a") h) i))
         (list (gethash (make-hashed-pt :x 777 :y "A") h) (gethash (make-hashed-pt :x 777 :y "b") h)
               (hash-table-count h)))
       '(777 nil 2000))

(defstruct (kw-slots (:conc-name kw-)) :a array-rank-limit (plain 3))
(check slots-named-by-keywords-and-constants
       (let ((s (make-kw-slots :a 1 :array-rank-limit 2)))
         (list (kw-a s) (kw-array-rank-limit s) (kw-plain s)))
       '(1 2 3))
