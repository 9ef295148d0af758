;;;; The Lisp actions: prepare-op, compile-op, load-op,
;;;; prepare-source-op, load-source-op, test-op, and how they compile and
;;;; load a cl-source-file.

(uiop:define-package :asdf/lisp-action
  (:use :uiop/common-lisp :uiop :asdf/upgrade :asdf/session :asdf/component :asdf/system :asdf/operation :asdf/action)
  (:export #:basic-compile-op #:basic-load-op #:call-with-around-compile-hook
    #:cl-source-file #:cl-source-file.cl #:cl-source-file.lsp #:compile-op
    #:lisp-compilation-output-files #:load-op #:load-source-op
    #:perform-lisp-compilation #:perform-lisp-load-fasl
    #:perform-lisp-load-source #:prepare-op #:prepare-source-op #:test-op
    #:try-recompiling))

(in-package :asdf/lisp-action)

(defclass cl-source-file (source-file)
  ((type :initform "lisp"))
  (:documentation "A Common Lisp source file, of type \"lisp\"."))

(defclass cl-source-file.cl (cl-source-file)
  ((type :initform "cl"))
  (:documentation "A Common Lisp source file of type \"cl\"."))

(defclass cl-source-file.lsp (cl-source-file)
  ((type :initform "lsp"))
  (:documentation "A Common Lisp source file of type \"lsp\"."))

(defclass basic-load-op (operation) ()
  (:documentation "Operations that apply a file's load-time effects."))

(defclass basic-compile-op (operation) ()
  (:documentation "Operations that apply a file's compile-time effects."))

;;; The classic chain: before a file is compiled or loaded, PREPARE-OP loads
;;; what it depends on; LOAD-OP loads the fasl COMPILE-OP made.

(defclass prepare-op (upward-operation sideway-operation)
  ((sideway-operation :initform 'load-op :allocation :class))
  (:documentation "Loads what a component depends on, before it is compiled or loaded."))

(defclass load-op (basic-load-op downward-operation selfward-operation)
  ((selfward-operation :initform '(prepare-op compile-op) :allocation :class))
  (:documentation "Loads a component's compiled files."))

(defclass compile-op (basic-compile-op downward-operation selfward-operation)
  ((selfward-operation :initform 'prepare-op :allocation :class))
  (:documentation "Compiles a component's Lisp files to fasls."))

(defclass prepare-source-op (upward-operation sideway-operation)
  ((sideway-operation :initform 'load-source-op :allocation :class))
  (:documentation "Loads as source what a component depends on, before it is loaded as source."))

(defclass load-source-op (basic-load-op downward-operation selfward-operation)
  ((selfward-operation :initform 'prepare-source-op :allocation :class))
  (:documentation "Loads a component's Lisp files as source, compiling nothing to disk."))

(defclass test-op (selfward-operation)
  ((selfward-operation :initform 'load-op :allocation :class))
  (:documentation "Runs a system's tests (as its :perform method for test-op says),
after loading it. Never considered done."))

;;; prepare-op

(defmethod action-description ((o prepare-op) (c component))
  (format nil "~@<loading dependencies of ~3i~_~A~@:>" c))

(defmethod perform ((o prepare-op) (c component)) nil)

(defmethod input-files ((o prepare-op) (s system))
  (let ((file (system-source-file s))) (when file (list file))))

;;; compile-op

(defmethod action-description ((o compile-op) (c component))
  (format nil "~@<compiling ~3i~_~A~@:>" c))

(defmethod action-description ((o compile-op) (c parent-component))
  (format nil "~@<completing compilation for ~3i~_~A~@:>" c))

(defgeneric call-with-around-compile-hook (component thunk)
  (:documentation "Calls THUNK (which takes keyword arguments for COMPILE-FILE) through
the component's :around-compile hook, around compiling or loading its source."))

(defmethod call-with-around-compile-hook ((c component) function)
  (call-around-hook (around-compile-hook c) function))

(defun perform-lisp-compilation (o c)
  "Compiles the action's Lisp file to its output files, with COMPILE-FILE* (so a failed
compilation leaves the previous fasl in place), and reacts to its warnings and failure as
*COMPILE-FILE-WARNINGS-BEHAVIOUR* and *COMPILE-FILE-FAILURE-BEHAVIOUR* say."
  (let ((input (first (input-files o c))))
    (destructuring-bind (output-file &optional warnings-file &rest more) (output-files o c)
      (declare (ignore more))
      (when (and warnings-file (not (equal (pathname-type warnings-file) (warnings-file-type))))
        (setf warnings-file nil))
      (multiple-value-bind (output warnings-p failure-p)
          (let ((*package* (find-package :common-lisp-user)))
            (call-with-around-compile-hook
             c (lambda (&rest flags)
                 (apply #'compile-file* input
                        :output-file output-file
                        :external-format (component-external-format c)
                        :warnings-file warnings-file
                        flags))))
        (check-lisp-compile-results output warnings-p failure-p
                                    "~/asdf-action::format-action/" (list (cons o c)))))))

(defun report-file-p (file)
  "Whether FILE is a build report."
  (equalp (pathname-type file) "build-report"))

(defun perform-lisp-warnings-check (o c)
  "Checks the deferred warnings saved while compiling the system's files, and writes
the build report."
  (let ((files (loop :for w :in (remove-if-not #'warnings-file-p (input-files o c))
                     :if (get-file-stamp w) :collect w
                     :else :do (warn "Missing warnings file ~S while ~A" w (action-description o c)))))
    (check-deferred-warnings files)
    (let ((report (find-if #'report-file-p (output-files o c))))
      (when report
        (with-open-file (s report :direction :output :if-exists :supersede)
          (format s ":success~%"))))))

(defmethod perform ((o compile-op) (c cl-source-file))
  (perform-lisp-compilation o c))

(defun lisp-compilation-output-files (o c)
  "The fasl of the action's Lisp file, then its warnings file when those are kept."
  (let ((fasl (compile-file-pathname (first (input-files o c)))))
    (cons fasl
          (when (and *warnings-file-type* (not (builtin-system-p (component-system c))))
            (list (make-pathname :type *warnings-file-type* :defaults fasl))))))

(defmethod output-files ((o compile-op) (c cl-source-file))
  (lisp-compilation-output-files o c))

(defun current-fasl-p (file)
  "False when FILE is a fasl another clove build wrote (another version, or the same
version built from other sources), which this one cannot load: it must be compiled again."
  (or (not (equal (pathname-type file) (compile-file-type)))
      (clove-system::%current-fasl-p (native-namestring file))))

(defmethod operation-done-p ((o compile-op) (c cl-source-file))
  (and (call-next-method)
       (current-fasl-p (first (output-files o c)))))

(defmethod perform ((o compile-op) (c static-file)) nil)

(defmethod perform ((o compile-op) (c system))
  (when (and *warnings-file-type* (not (builtin-system-p c)))
    (perform-lisp-warnings-check o c)))

(defmethod input-files ((o compile-op) (c system))
  (when (and *warnings-file-type* (not (builtin-system-p c)))
    (loop :for file :in (sub-components c :type 'cl-source-file)
          :nconc (remove-if-not #'warnings-file-p (output-files o file)))))

(defmethod output-files ((o compile-op) (c system))
  (when (and *warnings-file-type* (not (builtin-system-p c)))
    (let ((pathname (component-pathname c)))
      (when pathname
        (list (subpathname pathname (coerce-filename c) :type "build-report"))))))

;;; load-op

(defmethod action-description ((o load-op) (c cl-source-file))
  (format nil "~@<loading FASL for ~3i~_~A~@:>" c))

(defmethod action-description ((o load-op) (c parent-component))
  (format nil "~@<completing load for ~3i~_~A~@:>" c))

(defmethod action-description ((o load-op) (c component))
  (format nil "~@<loading ~3i~_~A~@:>" c))

(defmethod perform-with-restarts ((o load-op) (c cl-source-file))
  (loop
    (restart-case (return (call-next-method))
      (try-recompiling ()
        :report (lambda (s) (format s "Recompile ~A and try loading it again" (component-name c)))
        (perform (find-operation o 'compile-op) c)))))

(defun perform-lisp-load-fasl (o c)
  "Loads the fasl of the action (its first input file), in CL-USER."
  (let ((fasl (first (input-files o c))))
    (when fasl
      (let ((*package* (find-package :common-lisp-user)))
        (load* fasl)))))

(defmethod perform ((o load-op) (c cl-source-file))
  (perform-lisp-load-fasl o c))

(defmethod perform ((o load-op) (c static-file)) nil)

;;; Loading from source.

(defmethod action-description ((o prepare-source-op) (c component))
  (format nil "~@<loading source for dependencies of ~3i~_~A~@:>" c))

(defmethod input-files ((o prepare-source-op) (s system))
  (let ((file (system-source-file s))) (when file (list file))))

(defmethod perform ((o prepare-source-op) (c component)) nil)

(defmethod action-description ((o load-source-op) (c component))
  (format nil "~@<Loading source of ~3i~_~A~@:>" c))

(defmethod action-description ((o load-source-op) (c parent-component))
  (format nil "~@<Loaded source of ~3i~_~A~@:>" c))

(defun perform-lisp-load-source (o c)
  "Loads the action's Lisp file as source, through the component's :around-compile hook."
  (call-with-around-compile-hook
   c (lambda () (load* (first (input-files o c)) :external-format (component-external-format c)))))

(defmethod perform ((o load-source-op) (c cl-source-file))
  (perform-lisp-load-source o c))

(defmethod perform ((o load-source-op) (c static-file)) nil)

;;; test-op

(defmethod perform ((o test-op) (c component)) nil)

(defmethod operation-done-p ((o test-op) (c system))
  "Testing a system is never done: TEST-SYSTEM runs the tests each time."
  nil)
