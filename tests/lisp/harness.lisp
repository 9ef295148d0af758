;;;; A small test harness for clove's Lisp-level tests. Each test file is
;;;; loaded after this one; the runner (crates/runtime/tests/lisp_files.rs)
;;;; checks *FAILURES* afterwards.
;;;;   (check name form expected)      form's value is EQUAL to expected
;;;;   (check-values name form v1 v2..) form's values are EQUAL to these
;;;;   (check-error name form type)     form signals a condition of TYPE

(defpackage "CLOVE-TEST" (:use "COMMON-LISP"))
(in-package "CLOVE-TEST")

(defvar *failures* nil)
(defvar *count* 0)

(defun report-failure (name message &rest args)
  (push name *failures*)
  (format t "~&FAIL ~S: ~?~%" name message args))

(defmacro check (name form expected)
  `(progn
     (incf *count*)
     (handler-case
         (let ((got ,form) (want ,expected))
           (unless (equal got want)
             (report-failure ',name "got ~S, expected ~S" got want)))
       (error (e) (report-failure ',name "signalled ~A: ~A" (type-of-condition e) e)))))

(defmacro check-values (name form &rest expected)
  `(progn
     (incf *count*)
     (handler-case
         (let ((got (multiple-value-list ,form)) (want (list ,@expected)))
           (unless (equal got want)
             (report-failure ',name "got values ~S, expected ~S" got want)))
       (error (e) (report-failure ',name "signalled ~A: ~A" (type-of-condition e) e)))))

(defmacro check-error (name form type)
  `(progn
     (incf *count*)
     (let ((result (handler-case (progn ,form :no-error)
                     (,type () :right-error)
                     (error (e) e))))
       (cond ((eq result :right-error))
             ((eq result :no-error) (report-failure ',name "no error signalled, expected ~S" ',type))
             (t (report-failure ',name "signalled ~A (~A), expected ~S"
                                (type-of-condition result) result ',type))))))

(defun type-of-condition (c)
  (if (fboundp 'type-of) (type-of c) (clove-system::%condition-type-name c)))

(defun exit-with-results ()
  ;; Called by the runner: prints a summary, exits non-zero on failures.
  (format t "~&~D checks, ~D failed~%" *count* (length *failures*))
  (when *failures* (uiop:quit (min 255 (length *failures*)))))

(defun make-scratch-directory (name)
  "A fresh directory /tmp/clove-NAME-<random>/ for a test file's own files."
  (let ((dir (pathname (format nil "/tmp/clove-~A-~36R/" name (random (expt 36 8) (make-random-state t))))))
    (ensure-directories-exist dir)
    dir))
