;;;; Runs one chapter of the ANSI CL test suite (pfdietz/ansi-test) in this
;;;; clove process. Usage (normally through tests/ansi/run):
;;;;
;;;;   clove tests/ansi/driver.lisp ANSI-TEST-DIR CHAPTER [START]
;;;;
;;;; It loads the suite's RT package file, our RT implementation (rt.lisp),
;;;; the CL-TEST package and the auxiliary files gclload1.lsp loads, then the
;;;; files named by CHAPTER/load.lsp (found by reading that file, nested
;;;; load.lsp files included), and runs the tests from index START (0-based,
;;;; definition order). Every source file is loaded form by form, so a form
;;;; that fails does not hide the rest of its file.
;;;;
;;;; Output is line-oriented for the wrapper:
;;;;   LOAD <file>                           a file is being loaded
;;;;   LOAD-ERROR <file>:<line> <type>: <message>
;;;;   READ-ERROR <file> <type>: <message>   the rest of <file> was skipped
;;;;   DEFINED <n>                           tests defined after loading
;;;;   RUN <i> <name>                        test <i> starts
;;;;   PASS <i> | FAIL <i> ... | SKIP <i>    its result (SKIP: disabled note)
;;;;   END                                   all tests from START were run
;;;; A failing test is followed by lines starting with "  " that show its
;;;; form and the expected and actual values.

(defpackage "ANSI-DRIVER" (:use "COMMON-LISP"))
(in-package "ANSI-DRIVER")

(defvar *root* nil "The ansi-test checkout, ending in /.")
(defvar *here* (let ((file *load-truename*))
                 (subseq file 0 (1+ (position #\/ file :from-end t))))
  "The directory of this file, ending in /.")
(defvar *aux-loaded* nil "Auxiliary files already loaded (by name).")

(defun out (control &rest args)
  (apply #'format t control args)
  (terpri)
  (finish-output))

(defun one-line (string)
  (substitute #\Space #\Newline string))

(defun describe-condition (c)
  ;; "TYPE: message" on one line of at most 300 characters, even if
  ;; printing the condition fails.
  (let* ((type (ignore-errors (sys::%condition-type-name c)))
         (text (handler-case (let ((*print-length* 10) (*print-level* 4))
                               (princ-to-string c))
                 (error () "#<error printing the condition>")))
         (line (one-line (format nil "~A: ~A" type text))))
    (if (> (length line) 300)
        (concatenate 'string (subseq line 0 300) "...")
        line)))

(defun rt (name &rest args)
  ;; Calls NAME in our RT (rt.lisp), which is loaded after this file is read.
  (apply (find-symbol name "REGRESSION-TEST") args))

(defun directory-of (file)
  (let ((slash (position #\/ file :from-end t)))
    (if slash (subseq file 0 (1+ slash)) "")))

(defun prefixp (prefix string)
  (and (>= (length string) (length prefix))
       (string= prefix string :end2 (length prefix))))

;;; --- Loading source files form by form

(defun load-forms (file)
  ;; Like LOAD, but an error in one top-level form is reported and the next
  ;; form is loaded. A reader error ends the file (its position is lost).
  (out "LOAD ~A" file)
  (let ((stream (handler-case (sys::%open-input-file file)
                  (error (c) (out "READ-ERROR ~A ~A" file (describe-condition c))
                    (return-from load-forms nil))))
        (eof '#:eof)
        (*package* *package*)
        (*readtable* *readtable*)
        (*load-pathname* file)
        (*load-truename* file))
    (unwind-protect
         (loop
           (let* ((line (sys::%form-line stream))
                  (form (handler-case (read stream nil eof)
                          (error (c)
                            (out "READ-ERROR ~A ~A" file (describe-condition c))
                            (return)))))
             (when (eq form eof) (return))
             (handler-case
                 (handler-bind ((warning #'muffle-warning))
                   (eval form))
               (error (c)
                 (out "LOAD-ERROR ~A:~A ~A" file line (describe-condition c))))))
      (close stream))
    t))

(defun aux-file (name)
  ;; "ANSI-TESTS:AUX;foo.lsp" -> <root>/auxiliary/foo.lsp (the one logical
  ;; pathname translation gclload1.lsp sets up).
  (if (prefixp "ANSI-TESTS:AUX;" name)
      (concatenate 'string *root* "auxiliary/" (subseq name (length "ANSI-TESTS:AUX;")))
      (concatenate 'string *root* name)))

(defun load-aux (file)
  (unless (member file *aux-loaded* :test #'string=)
    (push file *aux-loaded*)
    (load-forms file)))

;;; The suite's COMPILE-AND-LOAD (compile-and-load.lsp) compiles a file with
;;; COMPILE-FILE and loads the result; ours just loads the source. CL-TEST
;;; imports this symbol, and some auxiliary files call it.
(defun cl-user::compile-and-load (name &key force)
  (declare (ignore force))
  (load-aux (aux-file name)))

;;; --- The files a chapter's load.lsp names

(defun load-calls (form dir)
  ;; The files named by (load "x"), (load-here "x") and (compile-and-load
  ;; "x") anywhere in FORM, in order; nested load.lsp files are expanded.
  (cond ((atom form) nil)
        ((and (symbolp (first form))
              (member (symbol-name (first form)) '("LOAD" "LOAD-HERE" "COMPILE-AND-LOAD")
                      :test #'string=)
              (stringp (second form)))
         (let ((name (second form)))
           (cond ((string= (symbol-name (first form)) "COMPILE-AND-LOAD")
                  (list (cons :aux (aux-file name))))
                 ((let ((n (length name)))
                    (and (>= n 8) (string= "load.lsp" name :start2 (- n 8))))
                  (chapter-files (concatenate 'string dir name)))
                 (t (list (cons :test (concatenate 'string dir name)))))))
        (t (let ((acc nil))
             (do ((tail form (cdr tail)))
                 ((atom tail))
               (setq acc (append acc (load-calls (car tail) dir))))
             acc))))

(defun chapter-files (load-file)
  ;; Reads LOAD-FILE (with *PACKAGE* CL-TEST, so #+/#- and symbols read as
  ;; the suite expects) and returns ((:aux|:test . file) ...).
  (let ((stream (sys::%open-input-file load-file))
        (eof '#:eof)
        (*package* (find-package "CL-TEST"))
        (acc nil))
    (unwind-protect
         (loop
           (let ((form (read stream nil eof)))
             (when (eq form eof) (return))
             (setq acc (append acc (load-calls form (directory-of load-file))))))
      (close stream))
    acc))

;;; --- Running the tests

(defun show-failure (form expected actual)
  (let ((*print-length* 20) (*print-level* 6) (*print-circle* t) (*print-readably* nil))
    (handler-case
        (progn
          (out "  Form: ~S" form)
          (out "  Expected: ~{~S~^ ; ~}" expected)
          (out "  Actual: ~{~S~^ ; ~}" actual))
      (error () (out "  #<error printing the form or its values>")))))

(defun run-tests (start)
  (let ((i 0))
    (dolist (entry (rt "ENTRIES"))
      (when (>= i start)
        (let ((name (rt "ENTRY-NAME" entry)))
          (cond ((rt "HAS-DISABLED-NOTE" entry)
                 (out "SKIP ~D ~S" i name))
                (t
                 (out "RUN ~D ~S" i name)
                 (multiple-value-bind (status actual aborted) (rt "RUN-ENTRY" entry)
                   (cond ((eq status :pass) (out "PASS ~D" i))
                         (aborted
                          (out "FAIL ~D ~S ERROR ~A" i name (describe-condition (first actual)))
                          (show-failure (rt "ENTRY-FORM" entry) (rt "ENTRY-VALS" entry) nil))
                         (t
                          (out "FAIL ~D ~S WRONG" i name)
                          (show-failure (rt "ENTRY-FORM" entry) (rt "ENTRY-VALS" entry) actual))))))))
      (setq i (1+ i)))))

(defun main (args)
  (let* ((root (first args))
         (chapter (second args))
         (start (if (third args) (parse-integer (third args)) 0)))
    (unless (and root chapter)
      (out "usage: clove driver.lisp ANSI-TEST-DIR CHAPTER [START]")
      (uiop:quit 2))
    (setq *root* (if (prefixp "/" (reverse root)) root (concatenate 'string root "/")))
    (let ((*package* (find-package "CL-USER")))
      (load-forms (concatenate 'string *root* "rt-package.lsp"))
      (load-forms (concatenate 'string *here* "rt.lisp"))
      (load-forms (concatenate 'string *root* "cl-test-package.lsp")))
    (let ((*package* (or (find-package "CL-TEST") *package*)))
      ;; gclload1.lsp's list, in its order.
      (load-aux (aux-file "ANSI-TESTS:AUX;ansi-aux-macros.lsp"))
      (load-forms (concatenate 'string *root* "universe.lsp"))
      (load-aux (aux-file "ANSI-TESTS:AUX;random-aux.lsp"))
      (load-aux (aux-file "ANSI-TESTS:AUX;ansi-aux.lsp"))
      (load-forms (concatenate 'string *root* "cl-symbol-names.lsp"))
      (load-forms (concatenate 'string *root* "notes.lsp"))
      (dolist (file (chapter-files (concatenate 'string *root* chapter "/load.lsp")))
        (if (eq (car file) :aux)
            (load-aux (cdr file))
            (load-forms (cdr file)))))
    (out "DEFINED ~D" (length (rt "ENTRIES")))
    (let ((*package* (or (find-package "CL-TEST") *package*)))
      (run-tests start))
    (out "END")))

(main (uiop:command-line-arguments))
