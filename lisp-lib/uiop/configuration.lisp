;;;; UIOP/CONFIGURATION: where configuration and caches live (the XDG base
;;;; directories, honouring the environment), the location language of
;;;; ASDF's configuration files (:home, :user-cache, :implementation...),
;;;; and validating configuration forms, files and directories.

(uiop/package:define-package "UIOP/CONFIGURATION"
  (:use "UIOP/PACKAGE" "UIOP/COMMON-LISP" "UIOP/UTILITY"
        "UIOP/OS" "UIOP/PATHNAME" "UIOP/FILESYSTEM" "UIOP/STREAM" "UIOP/IMAGE" "UIOP/LISP-BUILD")
  (:export
   "USER-CONFIGURATION-DIRECTORIES" "SYSTEM-CONFIGURATION-DIRECTORIES" ; defined in backward-driver
   "IN-FIRST-DIRECTORY" "IN-USER-CONFIGURATION-DIRECTORY" "IN-SYSTEM-CONFIGURATION-DIRECTORY"
   "GET-FOLDER-PATH"
   "XDG-DATA-HOME" "XDG-CONFIG-HOME" "XDG-DATA-DIRS" "XDG-CONFIG-DIRS"
   "XDG-CACHE-HOME" "XDG-RUNTIME-DIR" "SYSTEM-CONFIG-PATHNAMES"
   "FILTER-PATHNAME-SET" "XDG-DATA-PATHNAMES" "XDG-CONFIG-PATHNAMES"
   "FIND-PREFERRED-FILE" "XDG-DATA-PATHNAME" "XDG-CONFIG-PATHNAME"
   "VALIDATE-CONFIGURATION-FORM" "VALIDATE-CONFIGURATION-FILE" "VALIDATE-CONFIGURATION-DIRECTORY"
   "CONFIGURATION-INHERITANCE-DIRECTIVE-P"
   "REPORT-INVALID-FORM" "INVALID-CONFIGURATION" "*IGNORED-CONFIGURATION-FORM*" "*USER-CACHE*"
   "*CLEAR-CONFIGURATION-HOOK*" "CLEAR-CONFIGURATION" "REGISTER-CLEAR-CONFIGURATION-HOOK"
   "RESOLVE-LOCATION" "LOCATION-DESIGNATOR-P" "LOCATION-FUNCTION-P" "*HERE-DIRECTORY*"
   "RESOLVE-RELATIVE-LOCATION" "RESOLVE-ABSOLUTE-LOCATION" "UPGRADE-CONFIGURATION"
   "UIOP-DIRECTORY"))

(in-package "UIOP/CONFIGURATION")

;;; --- Validating configuration

(define-condition invalid-configuration ()
  ((form :reader condition-form :initarg :form)
   (location :reader condition-location :initarg :location)
   (format :reader condition-format :initarg :format)
   (arguments :reader condition-arguments :initarg :arguments :initform nil))
  (:report (lambda (c s)
             (format s "~? (will be skipped)" (condition-format c)
                     (list* (condition-form c) (condition-location c) (condition-arguments c))))))

(defun configuration-inheritance-directive-p (x)
  "Is X :INHERIT-CONFIGURATION or :IGNORE-INHERITED-CONFIGURATION (alone or in a list)?"
  (let ((directives '(:inherit-configuration :ignore-inherited-configuration)))
    (or (member x directives)
        (and (length=n-p x 1) (member (car x) directives)))))

(defun report-invalid-form (reporter &rest args)
  "Reports an invalid configuration form as REPORTER says: NIL signals an
INVALID-CONFIGURATION with ARGS (initargs), a function is called with
ARGS, a symbol or string is ERROR's datum, a list is applied with ARGS."
  (etypecase reporter
    (null (apply #'error 'invalid-configuration args))
    (function (apply reporter args))
    ((or symbol string) (apply #'error reporter args))
    (cons (apply #'apply (append reporter args)))))

(defvar *ignored-configuration-form* nil
  "Whether a configuration form was ignored while reading the configuration.")

(defun validate-configuration-form (form tag directive-validator &key location invalid-form-reporter)
  "FORM, a configuration form (TAG directive...), with its invalid
directives left out (each reported per REPORT-INVALID-FORM, unless the
form has :IGNORE-INVALID-ENTRIES); exactly one inheritance directive is
required. NIL if FORM does not start with TAG."
  (unless (and (consp form) (eq (car form) tag))
    (setf *ignored-configuration-form* t)
    (report-invalid-form invalid-form-reporter :form form :location location)
    (return-from validate-configuration-form nil))
  (let ((inherit 0) (ignore-invalid nil) (kept (list tag)))
    (dolist (directive (cdr form))
      (when (cond ((configuration-inheritance-directive-p directive) (incf inherit) t)
                  ((eq directive :ignore-invalid-entries) (setf ignore-invalid t) t)
                  ((funcall directive-validator directive) t)
                  (ignore-invalid nil)
                  (t (setf *ignored-configuration-form* t)
                     (report-invalid-form invalid-form-reporter :form directive :location location)
                     nil))
        (push directive kept)))
    (unless (= inherit 1)
      (report-invalid-form invalid-form-reporter
                           :form form :location location
                           :format "Invalid source registry ~S~@[ in ~S~]. One and only one of ~S or ~S is required."
                           :arguments '(:inherit-configuration :ignore-inherited-configuration)))
    (nreverse kept)))

(defun validate-configuration-file (file validator &key description)
  "The configuration in FILE, which must hold exactly one form, checked by VALIDATOR."
  (let ((forms (read-file-forms file)))
    (unless (length=n-p forms 1)
      (error "One and only one form allowed for ~A. Got: ~S~%" description forms))
    (funcall validator (car forms) :location file)))

(defun validate-configuration-directory (directory tag validator &key invalid-form-reporter)
  "The configuration made of the forms in the *.conf files of DIRECTORY (in
name order, hidden files skipped) that VALIDATOR accepts, as (TAG form...
:INHERIT-CONFIGURATION)."
  (let ((files (sort (ignore-errors
                      (remove-if #'hidden-pathname-p
                                 (directory* (make-pathname :name *wild* :type "conf" :defaults directory))))
                     #'string< :key #'namestring)))
    `(,tag
      ,@(loop :for file :in files
              :append (let ((ignore-invalid nil))
                        (loop :for form :in (read-file-forms file)
                              :if (eq form :ignore-invalid-entries)
                                :do (setf ignore-invalid t)
                              :else :if (funcall validator form)
                                :collect form
                              :else :if ignore-invalid
                                :do (setf *ignored-configuration-form* t)
                              :else
                                :do (report-invalid-form invalid-form-reporter :form form :location file))))
      :inherit-configuration)))

;;; --- Locations

(defvar *here-directory* nil
  "The directory :HERE means while a configuration is processed.")

(defvar *user-cache* nil
  "Where the user's cache of compiled files is (a location, as RESOLVE-LOCATION takes).")

(defun resolve-relative-location (x &key ensure-directory wilden)
  "The relative pathname the location designator X names: a string (Unix
syntax), a pathname, a list (joined), :*/, :**/, :*.*.*, :IMPLEMENTATION,
:IMPLEMENTATION-TYPE or :HOSTNAME."
  (ensure-pathname
   (etypecase x
     (null nil)
     (pathname x)
     (string (parse-unix-namestring x :ensure-directory ensure-directory))
     (cons (if (null (cdr x))
               (resolve-relative-location (car x) :ensure-directory ensure-directory :wilden wilden)
               (merge-pathnames* (resolve-relative-location (cdr x) :ensure-directory ensure-directory
                                                                    :wilden wilden)
                                 (resolve-relative-location (car x) :ensure-directory t :wilden nil))))
     ((eql :*/) *wild-directory*)
     ((eql :**/) *wild-inferiors*)
     ((eql :*.*.*) *wild-file*)
     ((eql :implementation) (parse-unix-namestring (implementation-identifier) :ensure-directory t))
     ((eql :implementation-type)
      (parse-unix-namestring (string-downcase (implementation-type)) :ensure-directory t))
     ((eql :hostname) (parse-unix-namestring (hostname) :ensure-directory t)))
   :wilden (and wilden (not (pathnamep x)) (not (member x '(:*/ :**/ :*.*.*))))
   :want-relative t))

(defun resolve-absolute-location (x &key ensure-directory wilden)
  "The absolute pathname the location designator X names: a namestring, a
pathname, a list (the first absolute, the rest relative), :ROOT, :HOME,
:HERE or :USER-CACHE."
  (ensure-pathname
   (etypecase x
     (null nil)
     (pathname x)
     (string (let ((p (parse-namestring x)))
               (if ensure-directory (ensure-directory-pathname p) p)))
     (cons (return-from resolve-absolute-location
             (if (null (cdr x))
                 (resolve-absolute-location (car x) :ensure-directory ensure-directory :wilden wilden)
                 (merge-pathnames* (resolve-relative-location (cdr x) :ensure-directory ensure-directory
                                                                      :wilden wilden)
                                   (resolve-absolute-location (car x) :ensure-directory t :wilden nil)))))
     ((eql :root) (return-from resolve-absolute-location
                    (let ((p (make-pathname :directory '(:relative))))
                      (if wilden (wilden p) p))))
     ((eql :home) (user-homedir-pathname))
     ((eql :here) (resolve-absolute-location
                   (or *here-directory* (pathname-directory-pathname (truename (load-pathname))))
                   :ensure-directory t :wilden nil))
     ((eql :user-cache) (resolve-absolute-location *user-cache* :ensure-directory t :wilden nil)))
   :wilden (and wilden (not (pathnamep x)))
   :resolve-symlinks *resolve-symlinks*
   :want-absolute t))

(defun resolve-location (x &key ensure-directory wilden directory)
  "The pathname the location designator X names (an absolute location, or
a list of one followed by relative ones), as a directory with
ENSURE-DIRECTORY (or DIRECTORY), wildened with WILDEN."
  (let* ((dirp (or directory ensure-directory))
         (parts (if (atom x) (list x) x))
         (path (or (resolve-absolute-location (first parts) :ensure-directory (and (or dirp (rest parts)) t)
                                                            :wilden (and wilden (null (rest parts))))
                   (return-from resolve-location nil))))
    (loop :for (element . more) :on (rest parts)
          :for sub = (merge-pathnames* (resolve-relative-location element :ensure-directory (and (or more dirp) t)
                                                                          :wilden (and wilden (not more)))
                                       path)
          :do (setf path (if (absolute-pathname-p sub) (resolve-symlinks* sub) sub)))
    path))

(defun location-designator-p (x)
  "Is X a location designator (as RESOLVE-LOCATION takes)?"
  (flet ((absolute-part-p (c) (typep c '(or string pathname (member :root :home :here :user-cache))))
         (relative-part-p (c)
           (typep c '(or string pathname (member :*/ :**/ :*.*.* :implementation :implementation-type)))))
    (or (typep x 'boolean)
        (absolute-part-p x)
        (and (consp x) (absolute-part-p (first x)) (every #'relative-part-p (rest x))))))

(defun location-function-p (x)
  "Is X a location function, (:FUNCTION f)?"
  (and (length=n-p x 2) (eq (car x) :function)))

;;; --- Clearing configuration

(defvar *clear-configuration-hook* '()
  "Functions CLEAR-CONFIGURATION calls.")

(defun register-clear-configuration-hook (hook-function &optional call-now-p)
  (register-hook-function '*clear-configuration-hook* hook-function call-now-p))

(defun clear-configuration ()
  "Forgets the configuration read so far (calls *CLEAR-CONFIGURATION-HOOK*)."
  (call-functions *clear-configuration-hook*))

(register-image-dump-hook 'clear-configuration)

(defun upgrade-configuration ()
  "Reads the configuration again if some of it was ignored."
  (when *ignored-configuration-form*
    (clear-configuration)
    (setf *ignored-configuration-form* nil)))

;;; --- XDG base directories

(defun get-folder-path (folder)
  "The Windows folder FOLDER (:LOCAL-APPDATA, :APPDATA, :COMMON-APPDATA)
from the environment, or NIL."
  (ecase folder
    (:local-appdata (or (getenv-absolute-directory "LOCALAPPDATA")
                        (subpathname* (get-folder-path :appdata) "Local")))
    (:appdata (getenv-absolute-directory "APPDATA"))
    (:common-appdata (or (getenv-absolute-directory "ALLUSERSAPPDATA")
                         (subpathname* (getenv-absolute-directory "ALLUSERSPROFILE") "Application Data/")))))

(defun xdg-data-home (&rest more)
  "$XDG_DATA_HOME, by default ~/.local/share/, with the location MORE under it."
  (resolve-absolute-location
   `(,(or (getenv-absolute-directory "XDG_DATA_HOME")
          (if (os-windows-p)
              (get-folder-path :local-appdata)
              (subpathname (user-homedir-pathname) ".local/share/")))
     ,more)))

(defun xdg-config-home (&rest more)
  "$XDG_CONFIG_HOME, by default ~/.config/, with the location MORE under it."
  (resolve-absolute-location
   `(,(or (getenv-absolute-directory "XDG_CONFIG_HOME")
          (if (os-windows-p)
              (xdg-data-home "config/")
              (subpathname (user-homedir-pathname) ".config/")))
     ,more)))

(defun xdg-data-dirs (&rest more)
  "$XDG_DATA_DIRS, by default /usr/local/share/ and /usr/share/, each with MORE under it."
  (mapcar (lambda (d) (resolve-location `(,d ,more)))
          (or (remove nil (getenv-absolute-directories "XDG_DATA_DIRS"))
              (if (os-windows-p)
                  (mapcar #'get-folder-path '(:appdata :common-appdata))
                  (mapcar #'parse-unix-namestring '("/usr/local/share/" "/usr/share/"))))))

(defun xdg-config-dirs (&rest more)
  "$XDG_CONFIG_DIRS, by default /etc/xdg/, each with MORE under it."
  (mapcar (lambda (d) (resolve-location `(,d ,more)))
          (or (remove nil (getenv-absolute-directories "XDG_CONFIG_DIRS"))
              (if (os-windows-p)
                  (xdg-data-dirs "config/")
                  (mapcar #'parse-unix-namestring '("/etc/xdg/"))))))

(defun xdg-cache-home (&rest more)
  "$XDG_CACHE_HOME, by default ~/.cache/, with MORE under it."
  (resolve-absolute-location
   `(,(or (getenv-absolute-directory "XDG_CACHE_HOME")
          (if (os-windows-p)
              (xdg-data-home "cache/")
              (subpathname* (user-homedir-pathname) ".cache/")))
     ,more)))

(defun xdg-runtime-dir (&rest more)
  "$XDG_RUNTIME_DIR with MORE under it, or NIL if it is not set."
  (resolve-absolute-location `(,(getenv-absolute-directory "XDG_RUNTIME_DIR") ,more)))

(defun system-config-pathnames (&rest more)
  "The system-wide configuration directories: /etc/ with MORE under it, on Unix."
  (when (os-unix-p)
    (list (resolve-absolute-location `(,(parse-unix-namestring "/etc/") ,more)))))

(defun filter-pathname-set (dirs)
  "The absolute pathnames of DIRS, each once, in order."
  (remove-duplicates (remove-if-not #'absolute-pathname-p dirs) :from-end t :test #'equal))

(defun xdg-data-pathnames (&rest more)
  "The data directories, the user's first, each with MORE under it."
  (filter-pathname-set `(,(xdg-data-home more) ,@(xdg-data-dirs more))))

(defun xdg-config-pathnames (&rest more)
  "The configuration directories, the user's first, each with MORE under it."
  (filter-pathname-set `(,(xdg-config-home more) ,@(xdg-config-dirs more))))

(defun find-preferred-file (files &key (direction :input))
  "The first of FILES that exists (DIRECTION :INPUT or :PROBE), or the first
of FILES (:OUTPUT or :IO)."
  (find-if (ecase direction ((:probe :input) #'probe-file*) ((:output :io) #'identity)) files))

(defun xdg-data-pathname (&optional more (direction :input))
  (find-preferred-file (xdg-data-pathnames more) :direction direction))

(defun xdg-config-pathname (&optional more (direction :input))
  (find-preferred-file (xdg-config-pathnames more) :direction direction))

(defun compute-user-cache ()
  "Sets *USER-CACHE* to $XDG_CACHE_HOME/common-lisp/<implementation-identifier>/.
(Symbolic links in it are left for the file system to follow: this runs at
every start, and resolving them would cost more than the rest of the start.)"
  (setf *user-cache* (let ((*resolve-symlinks* nil)) (xdg-cache-home "common-lisp" :implementation))))

(register-image-restore-hook 'compute-user-cache)

(defun uiop-directory ()
  "The directory of UIOP's sources. clove's UIOP is built in and has none
on disk, so this looks where ASDF and Debian put UIOP's own sources, and
signals a continuable error when there are none."
  (labels ((probe (x) (ignore-errors (probe-file* x)))
           (sub (x y) (probe (subpathname x y)))
           (system-directory (x) (ignore-errors (symbol-call :asdf :system-source-directory x))))
    (or (sub (system-directory "asdf") "uiop/")
        (sub (user-homedir-pathname) "common-lisp/asdf/uiop/")
        (xdg-data-pathname "common-lisp/source/asdf/uiop/")
        (xdg-data-pathname "common-lisp/source/cl-asdf/uiop/")
        (sub (user-homedir-pathname) "cl/asdf/uiop/")
        (progn (cerror "Configure source registry to include UIOP source directory and retry."
                       "Unable to find UIOP directory")
               (uiop-directory)))))
