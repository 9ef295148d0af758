;;;; Bundle operations: one fasl for a system (with or without its
;;;; dependencies), the .asd that loads it, and the classes of the
;;;; operations (images, programs, libraries) clove cannot make yet.

(uiop:define-package :asdf/bundle
  (:use :uiop/common-lisp :uiop :asdf/upgrade :asdf/component :asdf/system :asdf/operation :asdf/find-component :asdf/action :asdf/lisp-action :asdf/plan :asdf/operate :asdf/parse-defsystem)
  (:export #:basic-compile-bundle-op #:bundle-op #:bundle-pathname-type
    #:bundle-system #:bundle-type #:compile-bundle-op #:compiled-file
    #:deliver-asd-op #:direct-dependency-files #:dll-op #:epilogue-code
    #:image-op #:lib-op #:load-bundle-op #:monolithic-bundle-op
    #:monolithic-compile-bundle-op #:monolithic-deliver-asd-op
    #:monolithic-dll-op #:monolithic-lib-op #:monolithic-load-bundle-op
    #:monolithic-op #:operation-monolithic-p #:prebuilt-system
    #:precompiled-system #:prepare-bundle-op #:program-op #:program-system
    #:prologue-code #:static-library #:trivial-system-p #:user-system
    #:user-system-p))

(in-package :asdf/bundle)

;;; The abstract classes. A bundle operation makes one file out of many
;;; components; a monolithic one takes in the system's dependencies too.

(defclass bundle-op (operation) ()
  (:documentation "The operations that make one output file out of the outputs of
many components."))

(defgeneric bundle-type (bundle-op)
  (:documentation "The kind of file BUNDLE-OP makes: :FASB (one fasl), :LIB, :DLL,
:IMAGE, :PROGRAM, or a string, the pathname type itself."))

(defclass monolithic-op (operation) ()
  (:documentation "The operations on a system together with everything it depends on,
other systems included, where the plain operation takes the system's own components only."))

(defclass monolithic-bundle-op (bundle-op monolithic-op)
  ((prologue-code :initform nil :accessor prologue-code)
   (epilogue-code :initform nil :accessor epilogue-code))
  (:documentation "Bundle operations that are monolithic. The PROLOGUE-CODE and
EPILOGUE-CODE slots are the old (ECL only) place of what PROGRAM-SYSTEM now says."))

(defclass program-system (system)
  ((prologue-code :initform nil :initarg :prologue-code :reader prologue-code)
   (epilogue-code :initform nil :initarg :epilogue-code :reader epilogue-code)
   (no-uiop :initform nil :initarg :no-uiop :reader no-uiop)
   (prefix-lisp-object-files :initform nil :initarg :prefix-lisp-object-files
                             :accessor prefix-lisp-object-files)
   (postfix-lisp-object-files :initform nil :initarg :postfix-lisp-object-files
                              :accessor postfix-lisp-object-files)
   (extra-object-files :initform nil :initarg :extra-object-files
                       :accessor extra-object-files)
   (extra-build-args :initform nil :initarg :extra-build-args :accessor extra-build-args))
  (:documentation "A system meant to be built into a program (PROGRAM-OP), with what
linking it needs on the implementations that link object files."))

(defmethod prologue-code ((s system)) nil)
(defmethod epilogue-code ((s system)) nil)
(defmethod no-uiop ((s system)) nil)
(defmethod prefix-lisp-object-files ((s system)) nil)
(defmethod postfix-lisp-object-files ((s system)) nil)
(defmethod extra-object-files ((s system)) nil)
(defmethod extra-build-args ((s system)) nil)

(defclass link-op (bundle-op) ()
  (:documentation "Operations that link object files together."))

(defclass gather-operation (bundle-op) ()
  (:documentation "Operations whose inputs are the outputs of another operation (the
GATHER-OPERATION, COMPILE-OP by default) on every component the system needs."))

(defgeneric gather-operation (operation)
  (:documentation "The operation whose outputs a gather operation takes, or NIL for
COMPILE-OP."))

(defmethod gather-operation ((o gather-operation)) nil)

(defgeneric gather-type (operation)
  (:documentation "The bundle type of the files a gather operation takes in."))

(defun operation-monolithic-p (op)
  "Whether the operation OP takes in the dependencies of the system it is done on."
  (typep op 'monolithic-op))

;;; A gather operation depends on its gathered operation done on each
;;; component needed to load the system, in load order: the system's own
;;; files (plain), or the files of every system it needs (monolithic), or,
;;; when what is gathered is itself a bundle, the systems.
(defmethod component-depends-on ((o gather-operation) (s system))
  (let* ((monolithic (operation-monolithic-p o))
         (gathered (make-operation (or (gather-operation o) 'compile-op)))
         (bundles-p (typep gathered 'bundle-op))
         (components
           (required-components
            s :other-systems monolithic
              :component-type (cond ((not monolithic) '(not system)) (bundles-p 'system) (t t))
              :keep-component (if bundles-p 'system '(not system))
              ;; basic-compile-op, not compile-op: a dependency loaded by
              ;; load-bundle-op still has its files gathered.
              :goal-operation 'load-op :keep-operation 'basic-compile-op)))
    (cons (cons gathered components) (call-next-method))))

(defclass basic-compile-bundle-op (bundle-op basic-compile-op) ()
  (:documentation "The operations that compile a system into one fasl."))

(defmethod bundle-type ((o basic-compile-bundle-op)) :fasb)
(defmethod gather-type ((o basic-compile-bundle-op)) :fasl)

(defclass prepare-bundle-op (sideway-operation)
  ((sideway-operation :initform 'load-op :allocation :class))
  (:documentation "What PREPARE-OP is to COMPILE-OP and LOAD-OP, for the bundle
operations: loads the systems the system depends on."))

(defclass lib-op (link-op gather-operation non-propagating-operation) ()
  (:documentation "Makes a static library (.a) of the system's linkable object files.
Lisp files compile to fasls, not object files, on clove (as on SBCL): the system is
compiled and no library is written."))

(defmethod bundle-type ((o lib-op)) :lib)
(defmethod gather-type ((o lib-op)) :object)

(defclass compile-bundle-op (basic-compile-bundle-op selfward-operation gather-operation)
  ((selfward-operation :initform '(prepare-bundle-op) :allocation :class))
  (:documentation "Compiles the system's files, then concatenates their fasls, in load
order, into one fasl for the system (NAME--system.fasl, beside where its files' fasls
go). Load it with LOAD-BUNDLE-OP."))

(defclass load-bundle-op (basic-load-op selfward-operation)
  ((selfward-operation :initform '(prepare-bundle-op compile-bundle-op) :allocation :class))
  (:documentation "Loads the system from the one fasl COMPILE-BUNDLE-OP makes, instead
of a fasl per file as LOAD-OP does; the system then counts as loaded."))

(defclass dll-op (link-op gather-operation non-propagating-operation) ()
  (:documentation "Makes a shared library (.so) of the system's linkable object files.
As LIB-OP, it compiles the system and writes nothing on clove."))

(defmethod bundle-type ((o dll-op)) :dll)
(defmethod gather-type ((o dll-op)) :object)

(defclass deliver-asd-op (basic-compile-op selfward-operation)
  ((selfward-operation :initform '(compile-bundle-op) :allocation :class))
  (:documentation "Writes, beside the system's bundle fasl, a .asd file defining the
system as a PREBUILT-SYSTEM that loads that fasl: the two are what it takes to load
the system without its sources."))

(defclass monolithic-deliver-asd-op (deliver-asd-op monolithic-bundle-op)
  ((selfward-operation :initform '(monolithic-compile-bundle-op) :allocation :class))
  (:documentation "DELIVER-ASD-OP for the monolithic bundle: the .asd loads the fasl
holding the system and all its dependencies."))

(defclass monolithic-compile-bundle-op
    (basic-compile-bundle-op monolithic-bundle-op gather-operation non-propagating-operation)
  ()
  (:documentation "Compiles the system and every system it depends on, then
concatenates all their fasls, in load order, into one (NAME--all-systems.fasl), which
loads in a fresh image with nothing else. The built-in systems (asdf, uiop) are
left out."))

(defclass monolithic-load-bundle-op (load-bundle-op monolithic-bundle-op)
  ((selfward-operation :initform 'monolithic-compile-bundle-op :allocation :class))
  (:documentation "Loads the fasl MONOLITHIC-COMPILE-BUNDLE-OP makes."))

(defclass monolithic-lib-op (lib-op monolithic-bundle-op non-propagating-operation) ()
  (:documentation "LIB-OP for the system and its dependencies: nothing is written on clove."))

(defclass monolithic-dll-op (dll-op monolithic-bundle-op non-propagating-operation) ()
  (:documentation "DLL-OP for the system and its dependencies: nothing is written on clove."))

(defclass image-op (monolithic-bundle-op selfward-operation)
  ((selfward-operation :initform '(load-op) :allocation :class))
  (:documentation "Saves an image holding the system and its dependencies. Not
implemented yet: performing it loads the system, then signals NOT-IMPLEMENTED-ERROR."))

(defmethod bundle-type ((o image-op)) :image)

(defclass program-op (image-op) ()
  (:documentation "Saves an executable that runs the system's :ENTRY-POINT. Not
implemented yet: performing it loads the system, then signals NOT-IMPLEMENTED-ERROR."))

(defmethod bundle-type ((o program-op)) :program)

(defun bundle-pathname-type (bundle-type)
  "The pathname type of the files of BUNDLE-TYPE: a string or NIL stands for itself;
:FASL and :FASB are fasls, :OBJECT \"o\", :LIB and :STATIC-LIBRARY \"a\", :DLL and
:SHARED-LIBRARY \"so\" (\"dylib\" on macOS), :IMAGE \"image\", :PROGRAM none.
:NO-OUTPUT-FILE (a bundle type with no file) is an error, as is anything else."
  (etypecase bundle-type
    ((or null string) bundle-type)
    ((eql :no-output-file) (error "No output file, therefore no pathname type"))
    ((member :fasl :fasb) (compile-file-type))
    ((eql :image) "image")
    ((eql :object) (if (os-windows-p) "obj" "o"))
    ((member :lib :static-library) (if (os-windows-p) "lib" "a"))
    ((member :dll :shared-library) (cond ((os-macosx-p) "dylib") ((os-windows-p) "dll") (t "so")))
    ((eql :program) (when (os-windows-p) "exe"))))

(defun bundle-output-files (o c)
  "The output file of the bundle operation O on the system C: NAME--system or
NAME--all-systems (monolithic), or the system's :BUILD-PATHNAME, with the type of the
operation's bundle, beside the system's files; none when there is nothing to bundle.
Second value: whether the file is final (the operation is the system's
:BUILD-OPERATION), not to go through the output translations."
  (let ((type (bundle-type o)))
    (unless (or (eq type :no-output-file)
                (and (null (input-files o c)) (not (member type '(:image :program)))))
      (let ((name (or (component-build-pathname c)
                      (format nil "~A~@[~A~]" (coerce-filename (component-name c))
                              (cond ((typep o 'program-op) nil)
                                    ((operation-monolithic-p o) "--all-systems")
                                    (t "--system"))))))
        (values (list (subpathname (component-pathname c) name
                                   :type (bundle-pathname-type type)))
                (eq (class-of o)
                    (coerce-class (component-build-operation c)
                                  :package :asdf/interface :super 'operation :error nil)))))))

(defmethod output-files ((o bundle-op) (c system))
  (bundle-output-files o c))

(defmethod perform ((o image-op) (c system))
  (not-implemented-error (type-of o) "(saving ~:[an image~;a program~] of ~A comes with a later ~
version of clove)" (typep o 'program-op) (component-name c)))

;;; Precompiled and prebuilt systems

(defclass compiled-file (file-component)
  ((type :initform (compile-file-type)))
  (:documentation "A file already compiled (a fasl), that the system loads as it is:
by an outer build, or shipped with the sources."))

(defclass precompiled-system (system)
  ((build-pathname :initarg :fasb :initarg :fasl))
  (:documentation "A system delivered as one fasl, named by :FASL (or :FASB)."))

(defclass prebuilt-system (system)
  ((build-pathname :initarg :static-library :initarg :lib
                   :accessor prebuilt-system-static-library))
  (:documentation "A system delivered already built, as the .asd DELIVER-ASD-OP writes
defines it: its components are COMPILED-FILEs; :LIB names its static library, on
the implementations that link."))

(defgeneric trivial-system-p (component)
  (:documentation "Whether the system has nothing to build: all its components are
COMPILED-FILEs (or it is a PREBUILT-SYSTEM)."))

(defun user-system-p (s)
  "Whether S is a system with something to build that is not part of the implementation."
  (and (typep s 'system)
       (not (builtin-system-p s))
       (not (trivial-system-p s))))

(deftype user-system ()
  "A system USER-SYSTEM-P holds for."
  '(and system (satisfies user-system-p)))

(defun direct-dependency-files (o c &key (test 'identity) (key 'output-files) &allow-other-keys)
  "The files KEY (OUTPUT-FILES by default) gives for each action the action of O on C
directly depends on, in order, those TEST holds for."
  (let ((files '()))
    (map-direct-dependencies
     o c (lambda (dep-o dep-c)
           (dolist (file (funcall key dep-o dep-c))
             (when (funcall test file) (push file files)))))
    (nreverse files)))

(defmethod input-files ((o gather-operation) (c system))
  (unless (eq (bundle-type o) :no-output-file)
    (let ((type (bundle-pathname-type (gather-type o))))
      (direct-dependency-files o c :test (lambda (file) (equalp (pathname-type file) type))))))

(defun select-bundle-operation (type &optional monolithic)
  "The name of the operation that makes a bundle of TYPE."
  (ecase type
    ((:dll :shared-library) (if monolithic 'monolithic-dll-op 'dll-op))
    ((:lib :static-library) (if monolithic 'monolithic-lib-op 'lib-op))
    ((:fasb) (if monolithic 'monolithic-compile-bundle-op 'compile-bundle-op))
    ((:image) 'image-op)
    ((:program) 'program-op)))

;;; load-bundle-op: a user system's bundle is made and loaded; the systems
;;; with nothing to build (built in, prebuilt) are loaded as load-op does.
;;; The monolithic bundle holds the dependencies: it is all that is loaded.
;;; (ASDF 3.3.6 fails there, asking for the bundle type of
;;; monolithic-load-bundle-op.)

(defmethod component-depends-on ((o load-bundle-op) (c system))
  (if (operation-monolithic-p o)
      (call-next-method)
      (list* (cons o (component-sideway-dependencies c))
             (list (if (user-system-p c) 'compile-bundle-op 'load-op) c)
             (call-next-method))))

(defmethod output-files ((o load-bundle-op) (c system))
  nil)

(defmethod input-files ((o load-bundle-op) (c system))
  (cond ((operation-monolithic-p o)
         (output-files (find-operation o 'monolithic-compile-bundle-op) c))
        ((user-system-p c)
         (output-files (find-operation o 'compile-bundle-op) c))))

(defmethod perform ((o load-bundle-op) (c system))
  (when (input-files o c)
    (perform-lisp-load-fasl o c)))

;; The system counts as loaded from then on. (ASDF 3.3.6 computes load-op's
;; stamp afresh, and warns that the per-file loads it depends on were not done.)
(defmethod mark-operation-done :after ((o load-bundle-op) (c system))
  (setf (component-operation-time (find-operation o 'load-op) c)
        (component-operation-time o c)))

;;; Compiled files are loaded as they are; nothing else is done with them.

(defmethod trivial-system-p ((s system))
  (every (lambda (c) (typep c 'compiled-file)) (component-children s)))

(defmethod input-files ((o operation) (c compiled-file))
  (list (component-pathname c)))

(defmethod perform ((o load-op) (c compiled-file))
  (perform-lisp-load-fasl o c))

(defmethod perform ((o load-source-op) (c compiled-file))
  (perform (find-operation o 'load-op) c))

(defmethod perform ((o operation) (c compiled-file))
  nil)

(defmethod trivial-system-p ((s prebuilt-system))
  t)

(defmethod perform ((o link-op) (c prebuilt-system)) nil)
(defmethod perform ((o basic-compile-bundle-op) (c prebuilt-system)) nil)
(defmethod perform ((o lib-op) (c prebuilt-system)) nil)
(defmethod perform ((o dll-op) (c prebuilt-system)) nil)

(defmethod component-depends-on ((o gather-operation) (c prebuilt-system))
  nil)

(defmethod output-files ((o lib-op) (c prebuilt-system))
  (values (list (prebuilt-system-static-library c)) t))

;;; deliver-asd-op

(defmethod output-files ((o deliver-asd-op) (s system))
  (list (make-pathname :name (coerce-filename (component-name s)) :type "asd"
                       :defaults (component-pathname s))))

;; The plain and monolithic operations write the same file, so its date
;; says nothing of which wrote it: the .asd is always written again.
(defmethod operation-done-p ((o deliver-asd-op) (s system))
  nil)

(defun space-for-crlf (s)
  "S with its carriage returns and line feeds turned into spaces."
  (substitute-if #\Space (lambda (char) (find char +crlf+)) s))

(defun delivered-dependencies (o s)
  "The names of the systems the .asd DELIVER-ASD-OP writes for S depends on: S's own
dependencies, or, when the bundle is monolithic and holds them, the built-in ones only."
  (mapcar #'coerce-name
          (if (operation-monolithic-p o)
              (remove-if-not #'builtin-system-p
                             (required-components s :component-type 'system
                                                    :keep-operation 'basic-load-op))
              (let ((systems '()))
                (map-direct-dependencies
                 (make-operation 'prepare-op) s
                 (lambda (dep-o dep-c)
                   (when (and (typep dep-o 'load-op) (typep dep-c 'system))
                     (push dep-c systems))))
                (nreverse systems)))))

(defmethod perform ((o deliver-asd-op) (s system))
  "Writes the .asd defining S as a PREBUILT-SYSTEM whose one component is its bundle."
  (let* ((inputs (input-files o s))
         (fasl (first inputs))
         (library (second inputs))
         (asd (first (output-files o s))))
    (when (and fasl asd)
      (when (pathname-equal asd (system-source-file s))
        (cerror "overwrite the asd file"
                "~/asdf-action:format-action/ is going to overwrite the system definition ~
file ~S which is probably not what you want; you probably need to tweak your output ~
translations." (cons o s) asd))
      (let ((name (pathname-name asd)))
        (with-open-file (out asd :direction :output :if-exists :supersede
                                 :if-does-not-exist :create)
          (format out ";;; Prebuilt~:[~; monolithic~] ASDF definition for system ~A~%"
                  (operation-monolithic-p o) name)
          (println (space-for-crlf
                    (format nil ";;; Built for ~A ~A on a ~A/~A ~A"
                            (lisp-implementation-type) (lisp-implementation-version)
                            (software-type) (machine-type) (software-version)))
                   out)
          (with-standard-io-syntax
            (let ((*package* (find-package :asdf-user))
                  (*print-readably* nil)
                  (*print-pretty* t))
              (pprint `(defsystem ,name
                         :class prebuilt-system
                         :version ,(component-version s)
                         :depends-on ,(delivered-dependencies o s)
                         :components ((:compiled-file ,(pathname-name fasl)))
                         ,@(when library `(:lib ,(file-namestring library))))
                      out)))
          (terpri out))))))

;;; Making the bundle: its fasls, concatenated.

(defmethod perform ((o basic-compile-bundle-op) (c system))
  (let* ((inputs (input-files o c))
         (output (first (output-files o c)))
         (others (remove (compile-file-type) inputs :key #'pathname-type :test #'equalp)))
    (when inputs
      (when others
        (error "On ~A, asdf/bundle can only bundle FASL files, but these were also produced: ~S"
               (implementation-type) others))
      (when (or (prologue-code c) (epilogue-code c))
        (error "prologue-code and epilogue-code are not supported on ~A"
               (implementation-type)))
      (with-staging-pathname (output)
        (combine-fasls inputs output)))))

;;; A precompiled system loads the fasl its :FASL names (a relative name is
;;; in the system's directory; the type defaults to the fasl type). ASDF
;;; 3.3.6 looks for it only when the system has files to bundle, so a system
;;; made of the :FASL alone loads nothing there.

(defmethod input-files ((o load-op) (s precompiled-system))
  (let ((fasl (component-build-pathname s)))
    (if fasl
        (let ((p (if (pathnamep fasl) fasl (parse-unix-namestring fasl))))
          (unless (stringp (pathname-type p))
            (setf p (make-pathname :type (compile-file-type) :defaults p)))
          (list (merge-pathnames* p (component-pathname s))))
        (bundle-output-files (find-operation o 'compile-bundle-op) s))))

(defmethod perform ((o load-op) (s precompiled-system))
  (perform-lisp-load-fasl o s))

(defmethod component-depends-on ((o load-bundle-op) (s precompiled-system))
  (cons (list 'load-op s) (call-next-method)))
