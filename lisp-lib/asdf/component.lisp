;;;; Components: the tree a defsystem describes (modules, files),
;;;; their names, parents, pathnames, versions and dependencies.

(uiop:define-package :asdf/component
  (:use :uiop/common-lisp :uiop :asdf/upgrade :asdf/session)
  (:export #:%encoding #:absolute-pathname #:around-compile
    #:around-compile-hook #:author #:c-source-file #:child-component
    #:children #:children-by-name #:component #:component-build-operation
    #:component-children #:component-children-by-name #:component-description
    #:component-encoding #:component-external-format #:component-find-path
    #:component-if-feature #:component-in-order-to #:component-inline-methods
    #:component-long-description #:component-name #:component-operation-times
    #:component-parent #:component-parent-pathname #:component-pathname
    #:component-properties #:component-relative-pathname
    #:component-sideway-dependencies #:component-system #:component-version
    #:components #:components-by-name #:compute-children-by-name
    #:default-component-class #:defsystem-depends-on #:description #:doc-file
    #:duplicate-names #:file-component #:file-type #:find-component
    #:html-file #:if-feature #:in-order-to #:inline-methods #:java-source-file
    #:licence #:long-description #:maintainer #:module #:module-components
    #:module-default-component-class #:name #:operation-times #:parent
    #:parent-component #:properties #:relative-pathname #:sideway-dependencies
    #:source-file #:source-file-explicit-type #:source-file-type #:static-file
    #:sub-components #:version #:version-satisfies))

(in-package :asdf/component)

;;; The protocol

(defgeneric component-name (component)
  (:documentation "The name of COMPONENT, a string unique among its parent's children."))

(defgeneric component-system (component)
  (:documentation "The system at the root of the tree COMPONENT belongs to."))

(defgeneric component-pathname (component)
  (:documentation "The absolute pathname of COMPONENT (a file, or a directory for a
module or system), or NIL when it has none."))

(defgeneric component-relative-pathname (component)
  (:documentation "The pathname given for COMPONENT (by :PATHNAME, or made from its name
and file type), to be merged with its parent's directory. It may be absolute,
in which case the merge leaves it as it is."))

(defgeneric component-external-format (component)
  (:documentation "The external format COMPONENT's file is read with, made from
its encoding."))

(defgeneric component-encoding (component)
  (:documentation "The encoding of COMPONENT's file: the nearest :ENCODING given on it
or an ancestor, or else what UIOP:DETECT-ENCODING says about the file."))

(defgeneric version-satisfies (component version)
  (:documentation "True when COMPONENT (or a version string) is at least VERSION, a
string of dot-separated integers; always true when VERSION is NIL."))

(defgeneric component-version (component)
  (:documentation "The version of COMPONENT, a string of dot-separated integers, or NIL."))

(defgeneric (setf component-version) (new-version component)
  (:documentation "Sets the version of COMPONENT."))

(defgeneric component-parent (component)
  (:documentation "The component COMPONENT is a child of; NIL for a system."))

(defmethod component-parent ((component null))
  nil)

(defgeneric source-file-type (component system)
  (:documentation "Deprecated (use FILE-TYPE): the pathname type of COMPONENT's file
in SYSTEM, or :DIRECTORY for a module."))

(defgeneric find-component (base path &key registered)
  (:documentation "The component PATH designates, looked up from BASE (a component,
a system name, or NIL for the registered systems). PATH is a name, a list of
names going down the tree, or a component. With REGISTERED true, systems are
only looked up among those already registered, never searched for."))

(define-condition duplicate-names (system-definition-error)
  ((name :initarg :name :reader duplicate-names-name))
  (:report (lambda (c s)
             (format s "~@<Error while defining system: multiple components are given same name ~S~@:>"
                     (duplicate-names-name c)))))

;;; The classes

(defclass component ()
  ((name :accessor component-name :initarg :name :type string
         :documentation "The component's name, a string of portable pathname characters.")
   (version :accessor component-version :initarg :version :initform nil)
   (description :accessor component-description :initarg :description :initform nil)
   (long-description :accessor component-long-description :initarg :long-description
                     :initform nil)
   ;; The :depends-on of the defsystem form, as given (POIU and the plan read it).
   (sideway-dependencies :accessor component-sideway-dependencies :initform nil)
   (if-feature :accessor component-if-feature :initform nil :initarg :if-feature)
   ;; An alist (operation (operation component...)...) from :in-order-to.
   (in-order-to :initform nil :initarg :in-order-to :accessor component-in-order-to)
   ;; Methods defined by the defsystem form (:perform...), removed when it is reread.
   (inline-methods :accessor component-inline-methods :initform nil)
   ;; The :pathname given, if any; read through COMPONENT-RELATIVE-PATHNAME.
   (relative-pathname :initarg :pathname)
   ;; COMPONENT-PATHNAME's answer, computed once.
   (absolute-pathname)
   (operation-times :initform (make-hash-table) :accessor component-operation-times)
   (around-compile :initarg :around-compile)
   ;; Kept for ASDF 2's COMPONENT-PROPERTY.
   (properties :accessor component-properties :initarg :properties :initform nil)
   (%encoding :accessor %component-encoding :initform nil :initarg :encoding)
   (parent :initarg :parent :initform nil :reader component-parent)
   (build-operation :initarg :build-operation :initform nil :reader component-build-operation)
   ;; Files the build reads besides the component's own, by operation.
   (additional-input-files :accessor %additional-input-files :initform nil))
  (:documentation "A part of a build: a system, a module or a file."))

(defclass child-component (component) ()
  (:documentation "A component that can be the child of a parent component."))

(defclass file-component (child-component)
  ((type :accessor file-type :initarg :type))
  (:documentation "A component standing for one file."))

(defclass source-file (file-component)
  ((type :accessor source-file-explicit-type :initform nil))
  (:documentation "A file the build reads; its type comes from the class or :TYPE."))

(defclass c-source-file (source-file)
  ((type :initform "c"))
  (:documentation "A C source file (.c)."))

(defclass java-source-file (source-file)
  ((type :initform "java"))
  (:documentation "A Java source file (.java)."))

(defclass static-file (source-file)
  ((type :initform nil))
  (:documentation "A file that is part of the system but that the build does nothing with."))

(defclass doc-file (static-file) ()
  (:documentation "A documentation file."))

(defclass html-file (doc-file)
  ((type :initform "html"))
  (:documentation "A documentation file in HTML (.html)."))

(defclass parent-component (component)
  ((children :initform nil :initarg :components
             :reader module-components :accessor component-children)
   (children-by-name :reader module-components-by-name
                     :accessor component-children-by-name)
   (default-component-class :initform nil :initarg :default-component-class
                            :accessor module-default-component-class))
  (:documentation "A component with children."))

(defclass module (child-component parent-component) ()
  (:documentation "A component with a parent and children, usually the files of a
subdirectory."))

(defun compute-children-by-name (parent &key only-if-needed-p)
  "Fills PARENT's table of children by name (an EQUAL hash table, returned),
signalling DUPLICATE-NAMES when two children have the same name. With
ONLY-IF-NEEDED-P, a table already there is kept."
  (unless (and only-if-needed-p (slot-boundp parent 'children-by-name))
    (let ((table (make-hash-table :test 'equal)))
      (setf (component-children-by-name parent) table)
      (dolist (child (component-children parent) table)
        (let ((name (component-name child)))
          (when (gethash name table)
            (error 'duplicate-names :name name))
          (setf (gethash name table) child))))))

(defun component-find-path (component)
  "The names of the components from the root system down to COMPONENT, a list of strings."
  (check-type component (or null component))
  (let ((path '()))
    (do ((c component (component-parent c)))
        ((null c) path)
      (push (component-name c) path))))

(defmethod print-object ((c component) stream)
  (print-unreadable-object (c stream :type t)
    (format stream "~{~S~^ ~}" (component-find-path c))))

(defmethod component-system ((component component))
  (let ((parent (component-parent component)))
    (if parent (component-system parent) component)))

;;; Pathnames

(defgeneric component-parent-pathname (component)
  (:documentation "The pathname of COMPONENT's parent (for a system, the directory of
its .asd file), or NIL."))

(defmethod component-parent-pathname (component)
  (component-pathname (component-parent component)))

(defmethod component-pathname ((component component))
  (if (slot-boundp component 'absolute-pathname)
      (slot-value component 'absolute-pathname)
      (let ((pathname (merge-pathnames*
                       (component-relative-pathname component)
                       (pathname-directory-pathname (component-parent-pathname component)))))
        (unless (or (null pathname) (absolute-pathname-p pathname))
          (error "~@<Invalid relative pathname ~S for component ~S~@:>"
                 pathname (component-find-path component)))
        (setf (slot-value component 'absolute-pathname) pathname))))

(defmethod component-relative-pathname ((component component))
  (parse-unix-namestring
   (or (and (slot-boundp component 'relative-pathname)
            (slot-value component 'relative-pathname))
       (component-name component))
   :want-relative t
   :type (source-file-type component (component-system component))
   :defaults (component-parent-pathname component)))

(defmethod source-file-type ((component parent-component) (system parent-component))
  :directory)

(defmethod source-file-type ((component file-component) (system parent-component))
  (file-type component))

;;; Encodings

(defmethod component-encoding ((c component))
  (or (do ((x c (component-parent x)))
          ((null x) nil)
        (let ((encoding (%component-encoding x)))
          (when encoding (return encoding))))
      (detect-encoding (component-pathname c))))

(defmethod component-external-format ((c component))
  (encoding-external-format (component-encoding c)))

;;; Compilation hook

(defgeneric around-compile-hook (component)
  (:documentation "The function (or function designator) that compiling COMPONENT's
file goes through: it is called with a thunk doing the compilation, which it
must call. It is the nearest :AROUND-COMPILE of COMPONENT and its ancestors,
or NIL."))

(defmethod around-compile-hook ((c component))
  (cond ((slot-boundp c 'around-compile) (slot-value c 'around-compile))
        ((component-parent c) (around-compile-hook (component-parent c)))))

;;; Versions

(defmethod version-satisfies :around ((c t) (version null))
  t)

(defmethod version-satisfies ((c component) version)
  (let ((own (and (slot-boundp c 'version) (component-version c))))
    (cond (own (version-satisfies own version))
          (t (when version
               (warn "Requested version ~S but ~S has no version" version c))
             nil))))

(defmethod version-satisfies ((cver string) version)
  (version<= version cver))

;;; The whole tree

(defun sub-components (component &key (type t))
  "Every component of TYPE in the tree under COMPONENT (COMPONENT included),
depth first, leaving out the subtrees whose :IF-FEATURE does not hold."
  (let ((found '()))
    (labels ((walk (x)
               (let ((feature (component-if-feature x)))
                 (when (or (null feature) (featurep feature))
                   (when (typep x type) (push x found))
                   (when (typep x 'parent-component)
                     (mapc #'walk (component-children x)))))))
      (walk component))
    (nreverse found)))
