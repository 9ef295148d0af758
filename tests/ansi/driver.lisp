;;;; Runs one chapter of the ANSI CL test suite (pfdietz/ansi-test) in this
;;;; clove process. Usage (normally through tests/ansi/run):
;;;;
;;;;   clove tests/ansi/driver.lisp ANSI-TEST-DIR CHAPTER [START [SKIP-FILE...]]
;;;;
;;;; It loads the suite's RT package file, our RT implementation (rt.lisp),
;;;; the CL-TEST package and the auxiliary files gclload1.lsp loads, then the
;;;; files named by CHAPTER/load.lsp (found by reading that file, nested
;;;; load.lsp files included), and runs the tests from index START (0-based,
;;;; definition order). It does not load the SKIP-FILEs (files that crashed
;;;; clove while loading in an earlier attempt). Every source file is loaded
;;;; form by form, so a form that fails does not hide the rest of its file.
;;;;
;;;; Output is line-oriented for the wrapper:
;;;;   LOAD <file>                           a file is being loaded
;;;;   LOAD-ERROR <file>:<line> <type>: <message>
;;;;   READ-ERROR <file>:<line> <type>: <message>  the form at <line> was skipped
;;;;   LOADED <file> <n>                     <file> defined <n> tests
;;;;   SKIPPED-FILE <file>                   <file> was not loaded (SKIP-FILE)
;;;;   DEFINED <n>                           tests defined after loading
;;;;   RUN <i> <name>                        test <i> starts
;;;;   PASS <i> | FAIL <i> ... | SKIP <i>    its result (SKIP: disabled note)
;;;;   END                                   all tests from START were run
;;;; A failing test is followed by lines starting with "  " that show its
;;;; form and the expected and actual values. A load error or a test that
;;;; signals an error is followed by "  Cause: <text>", its root cause (see
;;;; "Root causes" below).

(defpackage "ANSI-DRIVER" (:use "COMMON-LISP"))
(in-package "ANSI-DRIVER")

(defvar *root* nil "The ansi-test checkout, ending in /.")
(defvar *here* (let ((file (namestring *load-truename*)))
                 (subseq file 0 (1+ (position #\/ file :from-end t))))
  "The directory of this file, ending in /.")
(defvar *aux-loaded* nil "Auxiliary files already loaded (by name).")
(defvar *skip-files* nil "Files not to load: they crashed clove before.")

(defun out (control &rest args)
  ;; On a line of its own, whatever the test printed.
  (fresh-line)
  (apply #'format t control args)
  (terpri)
  (finish-output))

(defun one-line (string)
  ;; STRING with each run of blanks and newlines turned into one space.
  (with-output-to-string (out)
    (let ((blank nil))
      (dotimes (i (length string))
        (let ((c (char string i)))
          (cond ((member c '(#\Space #\Tab #\Newline))
                 (unless blank (write-char #\Space out))
                 (setq blank t))
                (t (write-char c out) (setq blank nil))))))))

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

(defun file-text (file)
  ;; The contents of FILE as a string.
  (let ((stream (sys::%open-input-file file)))
    (unwind-protect
         (with-output-to-string (text)
           (loop
             (let ((line (read-line stream nil nil)))
               (unless line (return))
               (write-line line text))))
      (close stream))))

(defun split-lines (text)
  (let ((lines nil) (start 0))
    (loop
      (let ((end (position #\Newline text :start start)))
        (push (subseq text start (or end (length text))) lines)
        (unless end (return (nreverse lines)))
        (setq start (1+ end))))))

(defun directory-of (file)
  (let ((slash (position #\/ file :from-end t)))
    (if slash (subseq file 0 (1+ slash)) "")))

(defun prefixp (prefix string)
  (and (>= (length string) (length prefix))
       (string= prefix string :end2 (length prefix))))

;;; --- Root causes
;;; A test that fails with "function X is undefined" where X is the suite's
;;; own helper usually fails because X's definition did not load. The
;;; driver remembers why each definition failed and reports, for every
;;; error, the first cause in that chain: the clove gap to fix. A missing
;;; macro is called like a function, so for errors that this explains the
;;; driver also looks for calls to missing operators in the test's form and
;;; in the bodies of the suite's functions it calls.

(defvar *failed-definitions* (make-hash-table :test 'eq)
  "Name of a definition that failed to load -> its root cause.")

(defvar *cl-operators*
  ;; CL symbols naming functions or macros (cl-operators.txt).
  (let ((table (make-hash-table :test 'eq))
        (text (file-text (concatenate 'string *here* "cl-operators.txt"))))
    (dolist (line (split-lines text) table)
      (unless (or (zerop (length line)) (char= (char line 0) #\;))
        (setf (gethash (find-symbol line "COMMON-LISP") table) t)))))

(defun cl-symbol-p (x)
  (and (symbolp x) (eq (symbol-package x) (find-package "COMMON-LISP"))))

(defun cause-key (c)
  ;; A short description of condition C: the missing CL operator or
  ;; variable, or the message without the form about the extended LOOP or
  ;; the position of a reader error.
  (let ((text (describe-condition c))
        (name (ignore-errors (cell-error-name c))))
    (cond ((search "extended LOOP form is not available" text)
           "extended LOOP is not implemented")
          ((and (sys::%condition-typep c 'undefined-function) (gethash name *cl-operators*))
           (format nil "CL:~A is not defined" name))
          ((and (sys::%condition-typep c 'unbound-variable) (cl-symbol-p name))
           (format nil "CL:~A is unbound" name))
          ((and (sys::%condition-typep c 'reader-error) (search ": " text :start2 14))
           (concatenate 'string "reader: " (subseq text (+ 2 (search ": " text :start2 14)))))
          (t (subseq text 0 (min (length text) 120))))))

(defun root-cause (c form)
  ;; Why evaluating FORM signalled C: a missing function or variable whose
  ;; definition failed; else, for errors a missing macro explains (an
  ;; undefined macro's arguments are evaluated or compiled as a function
  ;; call's, so the error names something else), a call in FORM to an
  ;; undefined CL operator or to one whose definition failed; else C.
  (let ((name (and (or (sys::%condition-typep c 'undefined-function)
                       (sys::%condition-typep c 'unbound-variable))
                   (ignore-errors (cell-error-name c)))))
    (or (and name (gethash name *failed-definitions*))
        ;; A missing CL function is itself the cause.
        (and name (gethash name *cl-operators*) (cause-key c))
        (and (or (sys::%condition-typep c 'undefined-function)
                 (sys::%condition-typep c 'unbound-variable)
                 (sys::%condition-typep c 'program-error)
                 (sys::%condition-typep c 'storage-condition))
             (failed-operator-cause form))
        (cause-key c))))

(defvar *definitions* (make-hash-table :test 'eq)
  "Name of a function or macro of the suite that loaded -> its DEFUN or DEFMACRO form.")

(defun failed-operator-cause (form)
  ;; The first call, in FORM or in the suite's functions and macros it
  ;; calls, to an undefined CL operator or to an operator whose definition
  ;; failed; else the same in quoted data (forms built for EVAL).
  (or (failed-operator-cause-1 form '(quote declare))
      (failed-operator-cause-1 form '(declare))))

(defun failed-operator-cause-1 (form skipped)
  ;; Visits at most 20000 conses, not entering lists that start with one
  ;; of SKIPPED.
  (let ((budget 20000)
        (visited (make-hash-table :test 'eq)))
    (labels ((walk (x)
               (do ((tail x (cdr tail)))
                   ((or (atom tail) (<= budget 0)) nil)
                 (setq budget (1- budget))
                 (let ((head (car tail)))
                   (when (and (consp head)
                              (not (member (car head) skipped)))
                     (let ((op (car head)))
                       (when (symbolp op)
                         (let ((cause (and (not (fboundp op))
                                           (or (gethash op *failed-definitions*)
                                               (and (gethash op *cl-operators*)
                                                    (format nil "CL:~A is not defined" op))))))
                           (when cause (return cause)))
                         (let ((definition (gethash op *definitions*)))
                           (when (and definition (not (gethash op visited)))
                             (setf (gethash op visited) t)
                             (let ((found (walk (cddr definition))))
                               (when found (return found)))))))
                     (let ((found (walk head)))
                       (when found (return found))))))))
      (walk (list form)))))

(defun note-definition (form)
  (when (and (consp form) (symbolp (first form)) (consp (cdr form))
             (member (symbol-name (first form)) '("DEFUN" "DEFMACRO") :test #'string=)
             (symbolp (second form)))
    (setf (gethash (second form) *definitions*) form)))

(defun note-failed-definition (form cause)
  ;; FORM failed to load; if it defines a name, later uses of the name
  ;; inherit CAUSE.
  (when (and (consp form) (symbolp (first form)) (consp (cdr form))
             (member (symbol-name (first form))
                     '("DEFUN" "DEFMACRO" "DEFVAR" "DEFPARAMETER" "DEFCONSTANT" "DEFGENERIC"
                       "DEFINE-CONDITION" "DEFSTRUCT" "DEFCLASS" "DEFTYPE" "DEFSETF"
                       "DEFINE-MODIFY-MACRO" "DEFSTRUCT*")
                     :test #'string=))
    (let ((name (second form)))
      (when (consp name) (setq name (first name)))
      (when (symbolp name)
        (dolist (name (cons name (and (string= (symbol-name (first form)) "DEFSTRUCT")
                                      (structure-names name (cddr form)))))
          (unless (gethash name *failed-definitions*)
            (setf (gethash name *failed-definitions*) cause)))))))

(defun structure-names (name slots)
  ;; The functions a DEFSTRUCT of NAME defines by default: constructor,
  ;; copier, predicate and the NAME-SLOT accessors.
  (let ((prefix (concatenate 'string (symbol-name name) "-"))
        (names nil))
    (dolist (slot slots)
      (let ((slot-name (if (consp slot) (first slot) slot)))
        (when (symbolp slot-name)
          (push (intern (concatenate 'string prefix (symbol-name slot-name))) names))))
    (list* (intern (concatenate 'string "MAKE-" (symbol-name name)))
           (intern (concatenate 'string "COPY-" (symbol-name name)))
           (intern (concatenate 'string (symbol-name name) "-P"))
           names)))

;;; --- Loading source files form by form

(defun load-forms (file)
  ;; Like LOAD, but an error in one top-level form is reported and the next
  ;; form is loaded.
  (when (member file *skip-files* :test #'string=)
    (out "SKIPPED-FILE ~A" file)
    (return-from load-forms nil))
  (out "LOAD ~A" file)
  (let ((before (test-count)))
    (load-forms-1 file)
    (out "LOADED ~A ~D" file (- (test-count) before))))

(defun test-count ()
  ;; Tests defined so far (0 before our RT is loaded).
  (let ((f (and (find-package "REGRESSION-TEST") (find-symbol "ENTRIES" "REGRESSION-TEST"))))
    (if (and f (fboundp f)) (length (funcall f)) 0)))

(defun line-at (text position)
  ;; The line of the first character at or after POSITION that is not
  ;; blank or in a ; comment.
  (let ((n (length text)))
    (loop
      (cond ((>= position n) (return))
            ((member (char text position) '(#\Space #\Tab #\Newline #\Return #\Page))
             (setq position (1+ position)))
            ((char= (char text position) #\;)
             (setq position (or (position #\Newline text :start position) n)))
            (t (return)))))
  (1+ (count #\Newline text :end position)))

(defun next-toplevel (text position)
  ;; The start of the next line after POSITION that begins with "(".
  (let ((found (search (format nil "~%(") text :start2 (1+ position))))
    (and found (1+ found))))

(defun load-forms-1 (file)
  ;; Evaluates the forms of FILE one by one, reporting errors. After a
  ;; reader error it resumes at the next line that starts with "(" (the
  ;; usual start of a top-level form in the suite).
  (let ((text (handler-case (file-text file)
                (error (c) (out "READ-ERROR ~A:0 ~A" file (describe-condition c))
                  (return-from load-forms-1 nil))))
        (eof '#:eof)
        (position 0)
        (*package* *package*)
        (*readtable* *readtable*)
        (*load-pathname* (pathname file))
        (*load-truename* (pathname file)))
    (loop
      (let ((start position) (form nil))
        (handler-case (multiple-value-setq (form position)
                        (read-from-string text nil eof :start start))
          (error (c)
            (let ((cause (cause-key c)))
              (out "READ-ERROR ~A:~D ~A" file (line-at text start) (describe-condition c))
              (out "  Cause: ~A" cause)
              (note-unread-definitions text start cause)
              (setq position (next-toplevel text start))
              (unless position (return))
              (setq form nil))))
        (when (eq form eof) (return))
        (when form
          (handler-case
              (progn
                (handler-bind ((warning #'muffle-warning))
                  (eval form))
                (note-definition form))
            (error (c)
              (let ((cause (root-cause c form)))
                (note-failed-definition form cause)
                (out "LOAD-ERROR ~A:~D ~A" file (line-at text start) (describe-condition c))
                (out "  Cause: ~A" cause)))))))
    t))

(defun note-unread-definitions (text start cause)
  ;; The form at START could not be read: if it begins like a definition,
  ;; record the name it would have defined.
  (let ((open (position #\( text :start start)))
    (when open
      (let* ((end (or (position #\Newline text :start open) (length text)))
             (words (ignore-errors
                     (read-from-string (concatenate 'string (subseq text open end) ")")
                                       nil nil))))
        (when (and (consp words) (consp (cdr words)))
          (note-failed-definition (list (first words) (second words)) cause))))))

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

(defun load-calls (form dir base)
  ;; The files named by (load "x"), (load-here "x") and (compile-and-load
  ;; "x") anywhere in FORM, in order; nested load.lsp files are expanded.
  ;; LOAD-HERE names a file in DIR, the directory of the load.lsp file;
  ;; LOAD one relative to *DEFAULT-PATHNAME-DEFAULTS*, which the chapter's
  ;; load.lsp binds to BASE, its own directory (so printer/format/load.lsp
  ;; names its files "format/...").
  (cond ((atom form) nil)
        ((and (symbolp (first form))
              (member (symbol-name (first form)) '("LOAD" "LOAD-HERE" "COMPILE-AND-LOAD")
                      :test #'string=)
              (stringp (second form)))
         (let* ((name (second form))
                (operator (symbol-name (first form)))
                (file (concatenate 'string (if (string= operator "LOAD-HERE") dir base) name)))
           (cond ((string= operator "COMPILE-AND-LOAD")
                  (list (cons :aux (aux-file name))))
                 ((let ((n (length name)))
                    (and (>= n 8) (string= "load.lsp" name :start2 (- n 8))))
                  (chapter-files file base))
                 (t (list (cons :test file))))))
        (t (let ((acc nil))
             (do ((tail form (cdr tail)))
                 ((atom tail))
               (setq acc (append acc (load-calls (car tail) dir base))))
             acc))))

(defun chapter-files (load-file base)
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
             (setq acc (append acc (load-calls form (directory-of load-file) base)))))
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
                 (multiple-value-bind (status actual aborted)
                     ;; RT catches errors only; another serious condition
                     ;; (stack or heap exhausted) fails the test here
                     ;; instead of ending the chapter.
                     (handler-case (rt "RUN-ENTRY" entry)
                       (serious-condition (c) (values :fail (list c) t)))
                   (cond ((eq status :pass) (out "PASS ~D" i))
                         (aborted
                          (out "FAIL ~D ~S ERROR ~A" i name (describe-condition (first actual)))
                          (out "  Cause: ~A" (root-cause (first actual) (rt "ENTRY-FORM" entry)))
                          (show-failure (rt "ENTRY-FORM" entry) (rt "ENTRY-VALS" entry) nil))
                         (t
                          (out "FAIL ~D ~S WRONG" i name)
                          (show-failure (rt "ENTRY-FORM" entry) (rt "ENTRY-VALS" entry) actual))))))))
      (setq i (1+ i)))))

(defun main (args)
  (let* ((root (first args))
         (chapter (second args))
         (start (if (third args) (parse-integer (third args)) 0)))
    (setq *skip-files* (cdddr args))
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
      (dolist (file (chapter-files (concatenate 'string *root* chapter "/load.lsp")
                                 (concatenate 'string *root* chapter "/")))
        (if (eq (car file) :aux)
            (load-aux (cdr file))
            (load-forms (cdr file)))))
    (out "DEFINED ~D" (length (rt "ENTRIES")))
    ;; As the suite's doit2.lsp: tests run with the scratch directory
    ;; sandbox/ as the default, where the files they open and compile are.
    (let ((*package* (or (find-package "CL-TEST") *package*))
          (*default-pathname-defaults* (truename (concatenate 'string *root* "sandbox/"))))
      (run-tests start))
    (out "END")))

(main (uiop:command-line-arguments))
