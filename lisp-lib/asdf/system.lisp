;;;; Systems: the top components, with their metadata and where
;;;; their .asd file lives.

(uiop:define-package :asdf/system
  (:use :uiop/common-lisp :uiop :asdf/upgrade :asdf/session :asdf/component)
  (:export #:bug-tracker #:build-pathname #:builtin-system-p #:coerce-filename
    #:coerce-name #:component-build-pathname #:component-entry-point
    #:definition-dependency-list #:definition-dependency-set #:entry-point
    #:find-system #:homepage #:long-name #:mailto #:primary-system-name
    #:primary-system-p #:proto-system #:reset-system-class #:source-control
    #:system #:system-author #:system-bug-tracker
    #:system-defsystem-depends-on #:system-depends-on #:system-description
    #:system-homepage #:system-licence #:system-license
    #:system-long-description #:system-long-name #:system-mailto
    #:system-maintainer #:system-relative-pathname #:system-source-control
    #:system-source-directory #:system-source-file #:system-version
    #:system-weakly-depends-on #:undefined-system))

(in-package :asdf/system)

(defgeneric find-system (system &optional error-p)
  (:documentation "The system SYSTEM designates (a name, string or symbol, or a system
itself), its .asd file found and loaded if needed. When there is none, signals
MISSING-COMPONENT if ERROR-P (the default) is true, else returns NIL."))

(defgeneric system-source-file (system)
  (:documentation "The .asd file SYSTEM (a system or a system name) was defined in, or NIL."))

(defgeneric component-build-pathname (component)
  (:documentation "Where the output of COMPONENT's build operation goes, when the system
says (:BUILD-PATHNAME); NIL for the usual place."))

(defgeneric component-entry-point (component)
  (:documentation "The function an image built from COMPONENT calls when it starts
(:ENTRY-POINT), or NIL."))

(defmethod component-entry-point ((c component))
  nil)

(defmethod component-build-pathname ((c component))
  nil)

;;; The system class

(defclass proto-system ()
  ((name)
   (source-file)
   ;; What loading the .asd file depended on (define-op's inputs), as a list
   ;; of actions and as a set.
   (definition-dependency-list :initform nil :accessor definition-dependency-list)
   (definition-dependency-set :initform (list-to-hash-set nil)
                              :accessor definition-dependency-set))
  (:documentation "The part of a system kept when it is redefined (RESET-SYSTEM-CLASS):
its name, its file and what its definition depended on."))

(defclass system (module proto-system)
  ((description :writer (setf system-description))
   (long-description :writer (setf system-long-description))
   (author :writer (setf system-author) :initarg :author :initform nil)
   (maintainer :writer (setf system-maintainer) :initarg :maintainer :initform nil)
   (licence :writer (setf system-licence) :initarg :licence
            :writer (setf system-license) :initarg :license :initform nil)
   (homepage :writer (setf system-homepage) :initarg :homepage :initform nil)
   (bug-tracker :writer (setf system-bug-tracker) :initarg :bug-tracker :initform nil)
   (mailto :writer (setf system-mailto) :initarg :mailto :initform nil)
   (long-name :writer (setf system-long-name) :initarg :long-name :initform nil)
   (source-control :writer (setf system-source-control) :initarg :source-control
                   :initform nil)
   (builtin-system-p :accessor builtin-system-p :initform nil :initarg :builtin-system-p)
   (build-pathname :initform nil :initarg :build-pathname
                   :accessor component-build-pathname)
   (entry-point :initform nil :initarg :entry-point :accessor component-entry-point)
   (source-file :initform nil :initarg :source-file :accessor system-source-file)
   ;; The :defsystem-depends-on of the definition, parsed.
   (defsystem-depends-on :reader system-defsystem-depends-on
                         :initarg :defsystem-depends-on :initform nil)
   ;; Set by the defsystem parser from :depends-on and :weakly-depends-on.
   (depends-on :reader system-depends-on :initform nil)
   (weakly-depends-on :reader system-weakly-depends-on :initform nil))
  (:documentation "A top-level component: what users ask ASDF to build and load."))

(defclass undefined-system (system) ()
  (:documentation "The class of a system whose definition is being read."))

(defun reset-system-class (system new-class &rest keys &key &allow-other-keys)
  "Makes SYSTEM an instance of NEW-CLASS with nothing left of its old definition
but what PROTO-SYSTEM holds (name, source file, definition dependencies), then
reinitializes it with KEYS. The object stays the same (EQ)."
  (change-class (change-class system 'proto-system) new-class)
  (apply #'reinitialize-instance system keys))

;;; Names

(defun coerce-name (name)
  "The name, a string, that NAME designates: a component's name, a symbol's name
downcased, or a string itself. Anything else is a system definition error."
  (typecase name
    (component (component-name name))
    (symbol (string-downcase name))
    (string name)
    (t (sysdef-error "~@<Invalid component designator: ~3i~_~A~@:>" name))))

(defun primary-system-name (system-designator)
  "The name of the primary system of SYSTEM-DESIGNATOR, which names its .asd file.
For a name, the part before the first slash; for a component, the name of the
.asd file its system was defined in (or its system's name, without one)."
  (etypecase system-designator
    (string (let ((slash (position #\/ system-designator)))
              (if slash (subseq system-designator 0 slash) system-designator)))
    (symbol (primary-system-name (coerce-name system-designator)))
    (component
     (let* ((system (component-system system-designator))
            (file (physicalize-pathname (system-source-file system))))
       (if file
           (and (equal (pathname-type file) "asd") (pathname-name file))
           (primary-system-name (component-name system)))))))

(defun primary-system-p (system)
  "True when SYSTEM designates a primary system: a name with no slash, or a
system whose name is its primary system's name."
  (etypecase system
    (string (not (find #\/ system)))
    (symbol (primary-system-p (coerce-name system)))
    (component (and (typep system 'system)
                    (equal (component-name system) (primary-system-name system))))))

(defun coerce-filename (name)
  "The name NAME designates, made usable as a file name: each of / : \\ becomes --."
  (frob-substrings (coerce-name name) '("/" ":" "\\") "--"))

;;; Metadata readers: a secondary system without a value takes its primary system's.

(defun system-virtual-slot-value (system slot-name)
  (or (slot-value system slot-name)
      (unless (primary-system-p system)
        (slot-value (find-system (primary-system-name system)) slot-name))))

(macrolet ((define-readers (&rest specs)
             `(progn
                ,@(loop :for (reader slot what) :in specs
                        :collect `(defun ,reader (system)
                                    ,(format nil "The ~A of SYSTEM (for a secondary system ~
without one, its primary system's)." what)
                                    (system-virtual-slot-value system ',slot))))))
  (define-readers
    (system-long-name long-name "long name")
    (system-description description "description")
    (system-long-description long-description "long description")
    (system-author author "author")
    (system-maintainer maintainer "maintainer")
    (system-mailto mailto "contact e-mail address")
    (system-homepage homepage "home page")
    (system-source-control source-control "source control location")
    (system-licence licence "licence")
    (system-license licence "license")
    (system-version version "version")
    (system-bug-tracker bug-tracker "bug tracker")))

;;; Pathnames

(defmethod system-source-file ((system-name string))
  (system-source-file (find-system system-name)))

(defmethod system-source-file ((system-name symbol))
  (when system-name
    (system-source-file (find-system system-name))))

(defun system-source-directory (system-designator)
  "The directory of the .asd file the system SYSTEM-DESIGNATOR was defined in."
  (pathname-directory-pathname (system-source-file system-designator)))

(defun system-relative-pathname (system name &key type)
  "The pathname NAME (a Unix namestring, relative; a directory if it ends in a
slash) of TYPE designates under SYSTEM's directory."
  (subpathname (system-source-directory system) name :type type))

(defmethod component-pathname ((system system))
  (let ((pathname (or (call-next-method) (system-source-directory system))))
    ;; Old code reads the slot directly: keep it filled.
    (unless (and (slot-boundp system 'relative-pathname)
                 (slot-value system 'relative-pathname))
      (setf (slot-value system 'relative-pathname) pathname))
    pathname))

(defmethod component-relative-pathname ((system system))
  (parse-unix-namestring
   (and (slot-boundp system 'relative-pathname)
        (slot-value system 'relative-pathname))
   :want-relative t :type :directory :ensure-absolute t
   :defaults (system-source-directory system)))

(defmethod component-parent-pathname ((system system))
  (system-source-directory system))
