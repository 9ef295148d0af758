;;;; Our own implementation of the interface of RT, the ansi-test suite's
;;;; regression tester (rt.lsp), written for clove's current subset: the
;;;; suite's rt.lsp needs DEFSTRUCT, which clove does not have yet. Loaded into the REGRESSION-TEST package that the suite's
;;;; own rt-package.lsp creates. It keeps RT's semantics where they matter
;;;; for the numbers: a test passes when the list of values of its form is
;;;; EQUALP-WITH-CASE to the expected values, an ERROR signalled by the form
;;;; fails the test, style warnings are muffled, and tests carrying a
;;;; disabled note are skipped. The driver (driver.lisp) runs the tests one
;;;; by one through RUN-ENTRY.

(in-package "REGRESSION-TEST")

(defvar *test* nil)
(defvar *do-tests-when-defined* nil)
(defvar *catch-errors* t)
(defvar *compile-tests* nil)
(defvar *debug* nil)
(defvar *in-test* nil)
(defvar *passed-tests* nil)
(defvar *failed-tests* nil)
(defvar *expected-failures* nil)
(defvar *unexpected-failures* nil)
(defvar *unexpected-successes* nil)

;;; An entry is a list (name form vals props). *ENTRIES* holds them in
;;; definition order (newest first); *ENTRIES-TABLE* maps a name to its entry.
(defvar *entries* nil)
(defvar *entries-table* (make-hash-table :test 'equal))
;;; Notes: name -> (contents . disabled).
(defvar *notes* (make-hash-table :test 'equal))

(defun entry-name (e) (first e))
(defun entry-form (e) (second e))
(defun entry-vals (e) (third e))
(defun entry-props (e) (fourth e))

(defmacro deftest (name &rest body)
  ;; (deftest name {keyword value}* form expected-value*)
  (let ((props nil))
    (do () ((not (keywordp (first body))))
      (setq props (append props (list (first body) (second body))))
      (setq body (cddr body)))
    `(add-entry '(,name ,(first body) ,(rest body) ,props))))

(defun add-entry (entry)
  (let ((old (gethash (entry-name entry) *entries-table*)))
    (if old
        (setq *entries* (substitute entry old *entries* :test 'eq))
        (push entry *entries*))
    (setf (gethash (entry-name entry) *entries-table*) entry)
    (setq *test* (entry-name entry))))

(defun entries ()
  ;; All tests, in definition order.
  (reverse *entries*))

(defun rem-test (&optional (name *test*))
  (let ((old (gethash name *entries-table*)))
    (when old
      (setq *entries* (remove old *entries* :test 'eq))
      (remhash name *entries-table*)
      name)))

(defun rem-all-tests ()
  (setq *entries* nil)
  (clrhash *entries-table*)
  nil)

(defun get-test (&optional (name *test*))
  (let ((e (gethash name *entries-table*)))
    (unless e (error "No test with name ~S." name))
    (list* (entry-name e) (entry-form e) (entry-vals e))))

(defmacro defnote (name contents &optional disabled)
  `(setf (gethash ',name *notes*) (cons ',contents ',disabled)))

(defun disable-note (name)
  (let ((note (gethash name *notes*)))
    (unless note (error "~A is not a note or note name." name))
    (setf (cdr note) t)
    name))

(defun enable-note (name)
  (let ((note (gethash name *notes*)))
    (unless note (error "~A is not a note or note name." name))
    (setf (cdr note) nil)
    name))

(defun entry-notes (entry)
  (let ((notes (getf (entry-props entry) :notes)))
    (if (listp notes) notes (list notes))))

(defun has-disabled-note (entry)
  (dolist (n (entry-notes entry) nil)
    (let ((note (gethash n *notes*)))
      (when (and note (cdr note)) (return t)))))

(defun my-aref (a &rest subscripts)
  (apply #'aref a subscripts))

(defun my-row-major-aref (a index)
  (row-major-aref a index))

(defun %all-indices (n pred)
  (dotimes (i n t)
    (unless (funcall pred i) (return nil))))

(defun equalp-with-case (x y)
  ;; EQUALP without case folding of characters: the comparison RT makes.
  (cond ((eq x y) t)
        ((consp x)
         (and (consp y)
              (equalp-with-case (car x) (car y))
              (equalp-with-case (cdr x) (cdr y))))
        ((and (arrayp x) (= (array-rank x) 0))
         (and (arrayp y) (= (array-rank y) 0)
              (equalp-with-case (aref x) (aref y))))
        ((vectorp x)
         (and (vectorp y)
              (= (length x) (length y))
              (%all-indices (length x)
                            (lambda (i) (equalp-with-case (aref x i) (aref y i))))))
        ((arrayp x)
         (and (arrayp y)
              (equal (array-dimensions x) (array-dimensions y))
              (%all-indices (array-total-size x)
                            (lambda (i) (equalp-with-case (row-major-aref x i)
                                                          (row-major-aref y i))))))
        ;; RT accepts zeros of the same class: 0.0 and -0.0 are the same result.
        ((and (floatp x) (floatp y) (zerop x) (zerop y))
         (eql (abs x) (abs y)))
        (t (eql x y))))

(defun run-entry (entry)
  ;; Runs one test. Returns :PASS, or (values :FAIL actual-values) where a
  ;; signalled error is the list (condition).
  (let ((*test* (entry-name entry))
        (*in-test* t)
        (result nil)
        (aborted nil))
    (catch '*in-test*
      (block run
        (handler-bind
            ((style-warning (lambda (c)
                              (unless (member :do-not-muffle-warnings (entry-notes entry))
                                (muffle-warning c))))
             (error (lambda (c)
                      (when *catch-errors*
                        (setq aborted t result (list c))
                        (return-from run nil)))))
          (setq result (multiple-value-list (eval (entry-form entry)))))))
    (if (and (not aborted) (equalp-with-case result (entry-vals entry)))
        :pass
        (values :fail result aborted))))
