;;;; The development tools of CLHS 25.1.2: APROPOS and APROPOS-LIST, TRACE
;;;; and UNTRACE, STEP, DISASSEMBLE, ROOM, ED, INSPECT and DRIBBLE. The parts
;;;; that need the runtime's internals (bytecode listings, heap figures,
;;;; running the editor) are primitives in builtins/introspection.rs. Also
;;;; Y-OR-N-P and YES-OR-NO-P (CLHS 21), and clove's sampling profiler,
;;;; CLOVE:PROFILE.

(in-package "CLOVE-SYSTEM")

;;; --- APROPOS

(defun apropos-list (string &optional package)
  ;; Symbols whose names contain STRING, compared without regard to case:
  ;; those accessible in PACKAGE, or interned in any package when PACKAGE
  ;; is NIL. Each symbol appears once.
  (let ((string (string string))
        (seen (make-hash-table :test 'eq))
        (out nil))
    (flet ((consider (s)
             (when (and (not (gethash s seen))
                        (search string (symbol-name s) :test #'char-equal))
               (setf (gethash s seen) t)
               (push s out))))
      (if package
          (do-symbols (s (%find-package-or-lose package)) (consider s))
          (dolist (p (list-all-packages))
            (do-symbols (s p) (consider s)))))
    (nreverse out)))

(defun apropos (string &optional package)
  ;; Prints each symbol APROPOS-LIST finds, with what it names.
  (dolist (s (apropos-list string package))
    (prin1 s)
    (cond ((and (fboundp s) (or (special-operator-p s) (macro-function s)))
           (write-string (if (special-operator-p s) " (special operator)" " (macro)")))
          ((fboundp s) (write-string (if (%generic-function-p (fdefinition s)) " (generic function)" " (function)"))))
    (when (boundp s)
      (format t " (~:[variable~;constant~]) = ~S" (constantp s) (symbol-value s)))
    (when (find-class s nil)
      (write-string " (class)"))
    (terpri))
  (values))

;;; --- TRACE and UNTRACE

(defvar *traced* nil
  "The traced functions, most recent first: (name original replacement),
where REPLACEMENT is the wrapper installed as NAME's definition or, for a
generic function, the :AROUND method added to it.")

(defvar *trace-depth* 0)

(defun %trace-entry (name args)
  (format *trace-output* "~&~vT~D: ~S~%" (* 2 (1+ (min *trace-depth* 30))) *trace-depth* (cons name args)))

(defun %trace-exit (name values)
  (format *trace-output* "~&~vT~D: ~S returned~{ ~S~}~%"
          (* 2 (1+ (min *trace-depth* 30))) *trace-depth* name values))

(defun %traced-call (name function args)
  (%trace-entry name args)
  (let ((values (let ((*trace-depth* (1+ *trace-depth*)))
                  (multiple-value-list (apply function args)))))
    (%trace-exit name values)
    (values-list values)))

(defun %trace-installed-p (entry)
  ;; Is the entry's wrapper or method still in place?
  (let ((name (car entry)) (replacement (car (cdr (cdr entry)))))
    (if (functionp replacement)
        (and (fboundp name) (eq (fdefinition name) replacement))
        (let ((gf (car (cdr entry))))
          (and (fboundp name) (eq (fdefinition name) gf)
               (member replacement (%cref gf +gf-methods+)))))))

(defun %trace-generic-function (name gf)
  ;; An :AROUND method on all arguments reports the calls.
  (multiple-value-bind (req opt rest keys) (%parse-gf-lambda-list (%cref gf +gf-lambda-list+))
    (let* ((req-vars (mapcar (lambda (x) (declare (ignore x)) (gensym "ARG")) req))
           (opt-specs (mapcar (lambda (x) (declare (ignore x)) (list (gensym "OPT") nil (gensym "OPT-P"))) opt))
           (rest-var (and (or rest (listp keys)) (gensym "REST")))
           (args (gensym "ARGS")))
      (eval `(defmethod ,name :around (,@req-vars
                                       ,@(if opt-specs `(&optional ,@opt-specs))
                                       ,@(if rest-var `(&rest ,rest-var)))
               (let ((,args (list* ,@req-vars
                                   (append ,@(mapcar (lambda (o) `(if ,(car (cdr (cdr o))) (list ,(car o)))) opt-specs)
                                           ,rest-var))))
                 (%traced-call ',name (lambda (&rest ignore) (declare (ignore ignore)) (call-next-method)) ,args)))))))

(defun %trace-1 (name)
  (let ((old (assoc name *traced* :test #'equal)))
    (cond ((and old (%trace-installed-p old))
           (warn "~S is already traced." name))
          ((not (or (symbolp name) (and (consp name) (eq (car name) 'setf))))
           (warn "~S is not a function name; not tracing it." name))
          ((not (fboundp name))
           (warn "~S is undefined; not tracing it." name))
          ((and (symbolp name) (or (special-operator-p name) (macro-function name)))
           (warn "~S names a ~:[macro~;special operator~]; not tracing it." name (special-operator-p name)))
          ((and (%generic-function-p (fdefinition name))
                (find-if (lambda (m) (and (equal (%cref m +method-qualifiers+) '(:around))
                                          (every (lambda (s) (eq s (find-class 't))) (%cref m +method-specializers+))))
                         (%cref (fdefinition name) +gf-methods+)))
           ;; Its :AROUND method on T arguments would give way to ours.
           (warn "~S has an :AROUND method on arguments of type T; not tracing it." name))
          (t
           (setq *traced* (remove name *traced* :key #'car :test #'equal))
           (let ((f (fdefinition name)))
             (if (%generic-function-p f)
                 (push (list name f (%trace-generic-function name f)) *traced*)
                 (let ((wrapper (lambda (&rest args) (%traced-call name f args))))
                   (setf (fdefinition name) wrapper)
                   (push (list name f wrapper) *traced*))))))))

(defun %untrace-1 (name)
  (let ((entry (assoc name *traced* :test #'equal)))
    (cond ((null entry) (warn "~S is not traced." name))
          (t
           (when (%trace-installed-p entry)
             (let ((replacement (car (cdr (cdr entry)))))
               (if (functionp replacement)
                   (setf (fdefinition name) (car (cdr entry)))
                   (remove-method (car (cdr entry)) replacement))))
           (setq *traced* (remove entry *traced*))))))

(defun %trace (names)
  (dolist (n names) (%trace-1 n))
  (if names
      (remove-if-not (lambda (n) (assoc n *traced* :test #'equal)) names)
      (mapcar #'car *traced*)))

(defun %untrace (names)
  (dolist (n (or names (mapcar #'car *traced*))) (%untrace-1 n))
  t)

(defmacro trace (&rest function-names)
  `(%trace ',function-names))

(defmacro untrace (&rest function-names)
  `(%untrace ',function-names))

;;; --- STEP

(defmacro step (form)
  ;; clove has no single-stepper: the form is evaluated as it is, which the
  ;; CLHS allows (as SBCL does for code compiled without debug information).
  form)

;;; --- DISASSEMBLE

(defun disassemble (fn)
  (let ((function
          (cond ((functionp fn) fn)
                ((and (consp fn) (eq (car fn) 'lambda)) (compile nil fn))
                ((or (symbolp fn)
                     (and (consp fn) (eq (car fn) 'setf) (consp (cdr fn))
                          (symbolp (car (cdr fn))) (null (cdr (cdr fn)))))
                 (cond ((and (symbolp fn) (special-operator-p fn))
                        (error 'simple-error :format-control "~S is a special operator; it has no function to disassemble."
                                             :format-arguments (list fn)))
                       ((and (symbolp fn) (macro-function fn)))
                       (t (fdefinition fn))))
                (t (error 'type-error :datum fn
                                      :expected-type '(or function symbol (cons (eql setf) (cons symbol null))))))))
    (write-string (%disassemble function))
    nil))

;;; --- ROOM

(defun room (&optional (x :default))
  (unless (member x '(t nil :default))
    (error 'type-error :datum x :expected-type '(member t nil :default)))
  (format t "~&Heap: ~:D objects allocated.~%" (%heap-object-count))
  (when x
    (let ((packages (list-all-packages)) (symbols 0) (functions 0))
      (dolist (p packages)
        (do-symbols (s p)
          (when (eq (symbol-package s) p)
            (setq symbols (1+ symbols))
            (when (fboundp s) (setq functions (1+ functions))))))
      (format t "~:D packages, ~:D symbols, ~:D of them naming functions.~%"
              (length packages) symbols functions)
      (when (eq x t)
        (format t "Generic functions: ~:D.~%Traced functions: ~:D.~%"
                (length *generic-functions*) (length *traced*)))))
  (values))

;;; --- PROFILE (clove's)

(%export (list (intern "PROFILE" "CLOVE")) "CLOVE")

(defun call-with-profiling (thunk limit)
  (%profile-start)
  (let ((rows nil))
    (unwind-protect
         (return-from call-with-profiling
           (multiple-value-prog1 (funcall thunk)
             (setq rows (%profile-stop))))
      (unless rows (setq rows (%profile-stop)))
      (format *trace-output* "~&~9@A ~9@A  ~A~%" "own ms" "total ms" "function")
      (loop :for (name own total) :in rows
            :repeat limit
            :do (format *trace-output* "~9,1F ~9,1F  ~A~%" (* 1000 own) (* 1000 total) name))
      (finish-output *trace-output*))))

(defmacro clove::profile (form &key (limit 25))
  "Evaluates FORM with clove's sampling profiler on, then prints to *TRACE-OUTPUT*
the LIMIT functions that took the most time of their own (time in primitives
counts for the Lisp function calling them) beside their total time; returns the
values of FORM."
  `(call-with-profiling (lambda () ,form) ,limit))

;;; --- ED

(defun ed (&optional x)
  ;; Runs the editor ($VISUAL, $EDITOR or vi) on a file, on the file
  ;; defining a function, or on nothing.
  (let ((file
          (cond ((null x) nil)
                ((or (stringp x) (pathnamep x)) (namestring (merge-pathnames x)))
                ((or (symbolp x) (and (consp x) (eq (car x) 'setf)))
                 (let* ((f (or (and (symbolp x) (macro-function x)) (fdefinition x)))
                        (source (and (functionp f) (%function-source f)))
                        (colon (and source (position #\: source :from-end t))))
                   (unless source
                     (error 'simple-error :format-control "The source file of ~S is not known."
                                          :format-arguments (list x)))
                   (subseq source 0 colon)))
                (t (error 'type-error :datum x
                                      :expected-type '(or null string pathname symbol (cons (eql setf) (cons symbol null))))))))
    (%run-editor file)
    (values)))

;;; --- INSPECT

(defun %inspect-parts (object)
  ;; → list of (label . value) pairs the inspector can descend into.
  (cond ((consp object)
         (let ((parts nil) (i 0))
           (do ((l object (cdr l))) ((atom l) (when l (push (cons "tail" l) parts)))
             (push (cons i (car l)) parts)
             (setq i (1+ i)))
           (nreverse parts)))
        ((and (vectorp object) (not (stringp object)))
         (let ((parts nil))
           (dotimes (i (length object) (nreverse parts))
             (push (cons i (aref object i)) parts))))
        ((arrayp object)
         (let ((parts nil))
           (dotimes (i (array-total-size object) (nreverse parts))
             (push (cons i (row-major-aref object i)) parts))))
        ((symbolp object)
         (append (if (boundp object) (list (cons "value" (symbol-value object))))
                 (if (and (fboundp object) (not (special-operator-p object)))
                     (list (cons "function" (or (macro-function object) (fdefinition object)))))
                 (list (cons "plist" (symbol-plist object)) (cons "package" (symbol-package object)))))
        ((hash-table-p object)
         (let ((parts nil))
           (maphash (lambda (k v) (push (cons k v) parts)) object)
           parts))
        ((or (typep object 'standard-object) (typep object 'structure-object) (typep object 'condition))
         (let ((parts nil))
           (dolist (s (%cref (class-of object) +class-slots+) (nreverse parts))
             (let ((name (%cref s +slotd-name+)))
               (when (slot-boundp object name)
                 (push (cons name (slot-value object name)) parts))))))
        (t nil)))

(defun %inspect-show (object parts)
  (describe object)
  (let ((i 0))
    (dolist (p parts)
      (if (integerp (car p))
          (format t "~&~4D. ~S~%" i (cdr p))
          (format t "~&~4D. ~A: ~S~%" i (car p) (cdr p)))
      (setq i (1+ i)))))

(defun inspect (object)
  ;; Commands, one a line from *STANDARD-INPUT*: a part's number to inspect it,
  ;; U to go back up, Q (or the end of the input) to quit, ? for help.
  (let ((stack (list object)))
    (loop
      (let* ((current (car stack)) (parts (%inspect-parts current)))
        (%inspect-show current parts)
        (format t "~&inspect> ")
        (finish-output)
        (let* ((line (read-line *standard-input* nil nil))
               (command (and line (string-trim " 	" line)))
               (n (and command (ignore-errors (parse-integer command)))))
          (cond ((or (null command) (string-equal command "q")) (return))
                ((string-equal command "u") (when (cdr stack) (pop stack)))
                ((and n (< -1 n (length parts))) (push (cdr (nth n parts)) stack))
                (t (format t "~&Type a part's number to inspect it, U to go up, Q to quit.~%")))))))
  (values))

;;; --- DRIBBLE

(defvar *dribble* nil
  "While dribbling: (file-stream old-standard-input old-standard-output).")

(defun dribble (&optional pathname)
  ;; With a file name, copies what is read from *STANDARD-INPUT* and written
  ;; to *STANDARD-OUTPUT* to that file until DRIBBLE is called without one.
  (when *dribble*
    (destructuring-bind (file in out) *dribble*
      (setq *standard-input* in *standard-output* out *dribble* nil)
      (close file)))
  (when pathname
    (let ((file (open pathname :direction :output :if-exists :append :if-does-not-exist :create)))
      (setq *dribble* (list file *standard-input* *standard-output*))
      (setq *standard-input* (make-echo-stream *standard-input* file)
            *standard-output* (make-broadcast-stream *standard-output* file))))
  (values))

;;; --- Y-OR-N-P and YES-OR-NO-P (CLHS 21.2): the question and the answers
;;; go through *QUERY-IO*; an unrecognized answer asks again.

(defun %ask (control arguments prompt accept)
  ;; ACCEPT: an alist of (answer-string . value), compared ignoring case
  ;; and surrounding blanks.
  (loop
    (fresh-line *query-io*)
    (when control (apply #'format *query-io* control arguments))
    (write-string prompt *query-io*)
    (finish-output *query-io*)
    (let* ((line (read-line *query-io*))
           (answer (string-trim '(#\Space #\Tab) line))
           (hit (assoc answer accept :test #'string-equal)))
      (when hit (return (cdr hit)))
      (format *query-io* "~&Please type ~{\"~A\"~^ or ~}.~%"
              (list (car (first accept)) (car (find nil accept :key #'cdr)))))))

(defun y-or-n-p (&optional control &rest arguments)
  (%ask control arguments " (y or n) " '(("y" . t) ("n" . nil))))

(defun yes-or-no-p (&optional control &rest arguments)
  (%ask control arguments " (yes or no) " '(("yes" . t) ("no" . nil))))
