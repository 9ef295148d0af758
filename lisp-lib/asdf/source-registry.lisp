;;;; The source registry: where .asd files are found, as
;;;; CL_SOURCE_REGISTRY, source-registry.conf and the defaults say.
;;;;
;;;; The configuration is a chain of sources (a wrapping configuration, the
;;;; parameter of INITIALIZE-SOURCE-REGISTRY, the environment variable, the
;;;; user's and the system's source-registry.conf and .conf.d/, and the
;;;; default directories under ~/common-lisp/ and the XDG data
;;;; directories), each going on to the next only where it says
;;;; :INHERIT-CONFIGURATION. It flattens to a list of directories and trees;
;;;; scanning them fills *SOURCE-REGISTRY*, a table from system names to
;;;; .asd files, the first time a system is searched for.

(uiop:define-package :asdf/source-registry
  (:use :uiop/common-lisp :uiop :asdf/upgrade :asdf/system :asdf/system-registry)
  (:export #:*default-source-registries*
    #:*default-source-registry-exclusions* #:*recurse-beyond-asds*
    #:*source-registry* #:*source-registry-exclusions*
    #:*source-registry-parameter* #:*wild-asd* #:clear-source-registry
    #:collect-asds-in-directory #:collect-sub*directories-asd-files
    #:compute-source-registry #:default-system-source-registry
    #:default-user-source-registry #:directory-asd-files
    #:ensure-source-registry #:environment-source-registry
    #:flatten-source-registry #:inherit-source-registry
    #:initialize-source-registry #:invalid-source-registry
    #:parse-source-registry-string #:process-source-registry
    #:register-asd-directory #:source-registry-initialized-p
    #:sysdef-source-registry-search #:system-source-registry
    #:system-source-registry-directory #:user-source-registry
    #:user-source-registry-directory #:validate-source-registry-directive
    #:validate-source-registry-directory #:validate-source-registry-file
    #:validate-source-registry-form #:wrapping-source-registry))

(in-package :asdf/source-registry)

(define-condition invalid-source-registry (invalid-configuration warning)
  ((format :initform "~@<Invalid source registry ~S~@[ in ~S~]~@{ ~@?~}~@:>"))
  (:documentation "A source registry configuration form or directive that is
not valid (signalled with ERROR, though it is a warning)."))

;;; --- State

(defvar *default-source-registry-exclusions*
  '(".bzr" ".cdv" ".git" ".hg" ".pc" ".svn" "CVS" "RCS" "SCCS" "_darcs"
    "_sgbak" "autom4te.cache" "cover_db" "_build" "debian")
  "Names of directories a :TREE is not searched below (version control
metadata, build directories, Debian packaging).")

(defvar *source-registry-exclusions* *default-source-registry-exclusions*
  "The exclusions in effect while a configuration is processed: :EXCLUDE and
:ALSO-EXCLUDE change them for the rest of their configuration form.")

(defvar *source-registry* nil
  "NIL until the registry is computed; then an EQUAL hash table from system
names (strings) to the pathnames of their .asd files.")

(defvar *source-registry-parameter* nil
  "The parameter INITIALIZE-SOURCE-REGISTRY was last called with. Read it;
don't set it.")

(defun source-registry-initialized-p ()
  "True once the source registry has been computed."
  (typep *source-registry* 'hash-table))

(defun clear-source-registry ()
  "Forgets the source registry: it is computed again when next needed."
  (setf *source-registry* nil)
  (values))

(register-clear-configuration-hook 'clear-source-registry)

;;; --- Finding .asd files

(defparameter *wild-asd* (make-pathname :directory nil :name *wild* :type "asd" :version :newest)
  "The pattern of .asd files in a directory.")

(defun directory-asd-files (directory)
  "The .asd files in DIRECTORY (symbolic links not resolved)."
  (directory-files directory *wild-asd*))

(defun collect-asds-in-directory (directory collect)
  "Calls COLLECT on each .asd file in DIRECTORY; returns the list of them."
  (let ((asds (directory-asd-files directory)))
    (map () collect asds)
    asds))

(defvar *recurse-beyond-asds* t
  "Whether a :TREE is searched below a directory that has .asd files in it.")

(defun process-source-registry-cache (directory collect)
  ;; If DIRECTORY has a .cl-source-registry.cache, (:source-registry-cache
  ;; "relative/name.asd"...), calls COLLECT on the files it lists and
  ;; returns true: the tree below is not searched.
  (let ((cache (ignore-errors (safe-read-file-form (subpathname directory ".cl-source-registry.cache")))))
    (when (and (listp cache) (eq (first cache) :source-registry-cache))
      (dolist (name (rest cache) t)
        (funcall collect (subpathname directory name))))))

(defun directory-listing (directory native)
  ;; DIRECTORY's .asd files, its subdirectories as (pathname . native
  ;; namestring) pairs, and whether it holds a .cl-source-registry.cache
  ;; (symbolic links not resolved). A physical directory, whose native
  ;; namestring is NATIVE, is listed once, with the runtime's primitives: a
  ;; tree may hold thousands of directories. (A logical one has no NATIVE.)
  (if (null native)
      (values (directory-asd-files directory)
              (mapcar (lambda (d) (cons d nil)) (subdirectories directory))
              (probe-file* (subpathname directory ".cl-source-registry.cache")))
      (let ((components (pathname-directory directory))
            (asds '()) (subdirectories '()) (cache nil))
        (dolist (entry (sys::%list-directory native))
          (let ((file (concatenate 'string native entry)))
            (case (sys::%file-kind file)
              (:directory
               (push (cons (make-pathname :directory (append components (list entry))
                                          :name nil :type nil :version nil :defaults directory)
                           (concatenate 'string file "/"))
                     subdirectories))
              (:file
               (let ((dot (position #\. entry :from-end t)))
                 (cond ((string= entry ".cl-source-registry.cache") (setf cache t))
                       ((and dot (plusp dot) (string= entry "asd" :start1 (1+ dot)))
                        (push (make-pathname :name (subseq entry 0 dot) :type "asd" :version :newest
                                             :defaults directory)
                              asds))))))))
        (values (nreverse asds) (nreverse subdirectories) cache))))

(defvar *tree-scan-recorder* nil
  "While a tree is scanned to be remembered (see SCAN-TREE-REMEMBERED), a
function called with each directory listed: its native namestring, its write
date before it was listed (NIL if it has none), its pathname and its .asd
files; or with NIL when the scan cannot be remembered.")

(defun collect-sub*directories-asd-files (directory &key (exclude *default-source-registry-exclusions*)
                                                      collect (recurse-beyond-asds *recurse-beyond-asds*)
                                                      ignore-cache)
  "Calls COLLECT on each .asd file in the tree under DIRECTORY, not going
into directories whose name is in EXCLUDE, nor (without
RECURSE-BEYOND-ASDS) below a directory with .asd files, nor (without
IGNORE-CACHE) below one with a .cl-source-registry.cache, whose list is
used instead. Each directory below DIRECTORY is visited once, however many
symbolic links lead to it."
  (let ((visited (make-hash-table :test 'equal))
        (recorder *tree-scan-recorder*))
    (labels ((first-visit-p (subdirectory native)
               (let ((key (if native (sys::%probe native) (namestring (truename* subdirectory)))))
                 (unless (gethash key visited)
                   (setf (gethash key visited) t))))
             (walk (dir native)
               (let ((date (and recorder native (ignore-errors (sys::%file-write-date native nil)))))
                 (multiple-value-bind (asds subdirectories cache) (directory-listing dir native)
                   (when recorder
                     (funcall recorder (and native (not cache) native) date dir asds))
                   (unless (and cache (not ignore-cache) (process-source-registry-cache dir collect))
                     (map () collect asds)
                     (when (or recurse-beyond-asds (null asds))
                       (loop :for (subdirectory . subnative) :in subdirectories
                             :when (and (not (member (car (last (pathname-directory subdirectory))) exclude
                                                     :test #'equal))
                                        (first-visit-p subdirectory subnative))
                               :do (walk subdirectory subnative))))))))
      (let ((directory (ensure-directory-pathname directory)))
        (walk directory (unless (logical-pathname-p directory)
                          (native-namestring (ensure-absolute-pathname directory 'get-pathname-defaults))))))))

;;; --- Remembering tree scans (clove's own)
;;;
;;; Scanning a tree lists every directory in it; Debian's
;;; /usr/share/common-lisp/source/ alone has hundreds. What a scan found is
;;; kept in the user cache (source-registry-trees.cache), one entry per tree
;;; and exclusions: each directory listed, with its write date, and the
;;; .asd files it holds. A directory's write date changes whenever an entry
;;; is added to it, removed or renamed, so while every directory still has
;;; the date recorded, the tree holds the same .asd files, found by reading
;;; one date per directory instead of listing it. A scan is not remembered
;;; when a directory in it was written in the last seconds (a change in the
;;; same second would go unseen), when a directory has a
;;; .cl-source-registry.cache, or when the tree is logical.

(defvar *tree-scans* :none
  "During a computation of the source registry, the tree scans remembered: a
list of entries (key . directories), the latest first, where the key is
(root-native exclude recurse-beyond-asds root-directory-component) and each
directory is (native date . asd-names); :NONE outside of one.")

(defvar *tree-scans-changed* nil
  "Whether the computation in progress scanned a tree anew.")

(defparameter *tree-scans-kept* 64
  "How many tree scans the user cache keeps (the latest ones).")

(defparameter *tree-scans-header* "clove source registry trees 1"
  "The first line of the file of remembered tree scans (a file with another
first line is ignored).")

(defun tree-scans-pathname ()
  ;; Where tree scans are remembered, or NIL when there is no user cache.
  (let ((cache (and *user-cache* (ignore-errors (ensure-pathname *user-cache* :ensure-directory t)))))
    (and cache (absolute-pathname-p cache) (not (logical-pathname-p cache))
         (subpathname cache "source-registry-trees.cache"))))

;;; The file is made of lines: the header, then for each tree a line with
;;; its key (a form), then for each directory a line "D date native" and
;;; for each of its .asd files a line "A name". Lines are cheaper to read
;;; back than one big form.

(defun read-tree-scans ()
  ;; The tree scans remembered in the user cache (NIL if none or unreadable).
  (let ((file (tree-scans-pathname)))
    (and file
         (ignore-errors
          (with-open-file (s file :if-does-not-exist nil)
            (when (and s (equal (read-line s nil) *tree-scans-header*))
              (let ((scans '()) (directories '()) (asds '()))
                (flet ((end-directory ()
                         (when directories
                           (setf (cddr (first directories)) (nreverse asds) asds '())))
                       (end-tree ()
                         (when scans
                           (setf (cdr (first scans)) (nreverse directories) directories '()))))
                  (loop :for line = (read-line s nil) :while line
                        :do (case (and (plusp (length line)) (char line 0))
                              (#\( (end-directory) (end-tree)
                               (push (list (with-safe-io-syntax (:package :asdf/source-registry)
                                             (read-from-string line)))
                                     scans))
                              (#\D (end-directory)
                               (let ((space (position #\Space line :start 2)))
                                 (push (list (subseq line (1+ space)) (parse-integer line :start 2 :end space))
                                       directories)))
                              (#\A (push (subseq line 2) asds))
                              (t (return-from read-tree-scans nil))))
                  (end-directory)
                  (end-tree)
                  (nreverse scans)))))))))

(defun write-tree-scans (scans)
  ;; Remembers SCANS in the user cache, replacing the file at once; a cache
  ;; that cannot be written is no error.
  (let ((file (tree-scans-pathname)))
    (when file
      (ignore-errors
       (ensure-directories-exist file :mode #o700)
       (call-with-staging-pathname
        file
        (lambda (staging)
          (with-open-file (s staging :direction :output :if-exists :supersede)
            (write-line *tree-scans-header* s)
            (dolist (scan scans)
              (with-safe-io-syntax (:package :asdf/source-registry)
                (let ((*print-pretty* nil))
                  (prin1 (car scan) s)))
              (terpri s)
              (loop :for (native date . asds) :in (cdr scan)
                    :do (format s "D ~D ~A~%" date native)
                        (dolist (name asds) (format s "A ~A~%" name)))))))))))

(defun plain-line-p (string)
  ;; True if STRING can be written on a line of its own and read back.
  (not (find-if (lambda (c) (member c '(#\Newline #\Return))) string)))

(defun tree-scan-still-valid-p (directories)
  ;; True when every directory of a remembered scan has the date recorded.
  (loop :for (native date) :in directories
        :always (eql date (ignore-errors (sys::%file-write-date native nil)))))

(defun replay-tree-scan (root key directories collect)
  ;; Calls COLLECT on the .asd files a remembered scan of ROOT found, in
  ;; the order the scan found them.
  (destructuring-bind (root-native exclude recurse root-directory) key
    (declare (ignore exclude recurse))
    (let ((host (pathname-host root)) (device (pathname-device root))
          (skip (length root-native)))
      (loop :for (native nil . asds) :in directories
            :when asds
              :do (let ((directory (if (= (length native) skip)
                                       root-directory
                                       (append root-directory
                                               (split-string (subseq native skip (1- (length native)))
                                                             :separator "/")))))
                    (dolist (name asds)
                      (funcall collect (sys::%make-pathname host device directory name "asd" :newest nil))))))))

(defun scan-tree-remembered (directory exclude collect)
  "Calls COLLECT on each .asd file in the tree under DIRECTORY, less the
directories named in EXCLUDE, as COLLECT-SUB*DIRECTORIES-ASD-FILES does,
but from the scan remembered in the user cache when it is still valid;
otherwise scans and remembers the scan when it can be."
  (let* ((directory (ensure-directory-pathname directory))
         (root (and (not (logical-pathname-p directory))
                    (ignore-errors (native-namestring (ensure-absolute-pathname directory 'get-pathname-defaults)))))
         (key (list root exclude (and *recurse-beyond-asds* t) (pathname-directory directory)))
         (known (and root (listp *tree-scans*) (assoc key *tree-scans* :test 'equal))))
    (cond ((null root)
           (collect-sub*directories-asd-files directory :exclude exclude :collect collect))
          ((and known (tree-scan-still-valid-p (cdr known)))
           (replay-tree-scan directory key (cdr known) collect))
          (t
           (let* ((recent (- (get-universal-time) 2))
                  (directories '())
                  (rememberable (every #'plain-line-p (cons root exclude)))
                  (*tree-scan-recorder*
                    (lambda (native date dir asds)
                      (let ((names (mapcar #'pathname-name asds)))
                        (if (and native date (< date recent) (plain-line-p native)
                                 (every #'plain-line-p names)
                                 ;; The directory must be ROOT's, or one below it reached as such.
                                 (let ((d (pathname-directory dir)) (r (pathname-directory directory)))
                                   (and (>= (length d) (length r)) (equal r (subseq d 0 (length r)))
                                        (every #'stringp (nthcdr (length r) d))))
                                 (string-prefix-p root native))
                            (push (list* native date names) directories)
                            (setf rememberable nil))))))
             (collect-sub*directories-asd-files directory :exclude exclude :collect collect)
             ;; The file changes when this scan replaces another or is new.
             (when (and (listp *tree-scans*) (or known rememberable))
               (setf *tree-scans* (remove key *tree-scans* :key #'car :test 'equal)
                     *tree-scans-changed* t)
               (when rememberable
                 (push (cons key (nreverse directories)) *tree-scans*))))))))

(defun call-with-tree-scans (thunk)
  ;; Calls THUNK with the tree scans remembered in the user cache at hand,
  ;; and remembers those it made (of trees that still exist).
  (let ((*tree-scans* (read-tree-scans))
        (*tree-scans-changed* nil))
    (multiple-value-prog1 (funcall thunk)
      (when *tree-scans-changed*
        (write-tree-scans
         (loop :for scan :in *tree-scans*
               :for n :below *tree-scans-kept*
               :when (eq (ignore-errors (sys::%file-kind (first (car scan)))) :directory)
                 :collect scan))))))

;;; --- Validating configuration

(defun validate-source-registry-directive (directive)
  "True if DIRECTIVE may appear in a (:SOURCE-REGISTRY ...) form:
:DEFAULT-REGISTRY, (:DIRECTORY location), (:TREE location), (:INCLUDE
location), (:EXCLUDE name...) or (:ALSO-EXCLUDE name...)."
  (if (consp directive)
      (destructuring-bind (kind &rest arguments) directive
        (case kind
          ((:include :directory :tree)
           (and (length=n-p arguments 1) (location-designator-p (first arguments))))
          ((:exclude :also-exclude) (every #'stringp arguments))
          (:default-registry (null arguments))
          (t nil)))
      (eq directive :default-registry)))

(defun validate-source-registry-form (form &key location)
  "FORM, a (:SOURCE-REGISTRY directive...) form, checked: an invalid
directive signals INVALID-SOURCE-REGISTRY (unless the form says
:IGNORE-INVALID-ENTRIES). LOCATION says where FORM comes from."
  (validate-configuration-form form :source-registry 'validate-source-registry-directive
                               :location location :invalid-form-reporter 'invalid-source-registry))

(defun validate-source-registry-file (file)
  "The source registry configuration form in FILE, validated."
  (validate-configuration-file file 'validate-source-registry-form :description "a source registry"))

(defun validate-source-registry-directory (directory)
  "The configuration made of the directives in DIRECTORY's *.conf files."
  (validate-configuration-directory directory :source-registry 'validate-source-registry-directive
                                    :invalid-form-reporter 'invalid-source-registry))

;;; --- The shell-friendly syntax

(defun parse-source-registry-string (string &key location)
  "The configuration form STRING stands for. NIL or \"\" inherits; a string
starting with ( or a double quote is read as a form; otherwise it is a
:-separated list of absolute directories, one ending in // standing for
the tree under it, and one empty entry splicing in the inherited
configuration."
  (cond ((or (null string) (equal string ""))
         '(:source-registry :inherit-configuration))
        ((not (stringp string))
         (error "~@<Environment string isn't: ~3i~_~S~@:>" string))
        ((find (char string 0) "\"(")
         (validate-source-registry-form (read-from-string string) :location location))
        (t
         (let ((directives '()) (inherit nil))
           (flet ((absolute (namestring)
                    (unless (absolute-pathname-p namestring)
                      (error "~@<source-registry string must specify absolute pathnames: ~3i~_~S~@:>"
                             string))
                    namestring))
             (dolist (entry (split-string string :separator (string (inter-directory-separator))))
               (cond ((equal entry "")
                      (when inherit
                        (error "~@<Only one inherited configuration allowed: ~3i~_~S~@:>" string))
                      (setf inherit t)
                      (push :inherit-configuration directives))
                     ((string-suffix-p entry "//")
                      (push `(:tree ,(absolute (subseq entry 0 (- (length entry) 2)))) directives))
                     (t (push `(:directory ,(absolute entry)) directives)))))
           (unless inherit
             (push '(:ignore-inherited-configuration) directives))
           `(:source-registry ,@(nreverse directives))))))

;;; --- Where the configuration comes from

(defun register-asd-directory (directory &key recurse exclude collect)
  "Calls COLLECT on the .asd files in DIRECTORY, or with RECURSE in the tree
under it (less the directories named in EXCLUDE; a scan remembered in the
user cache stands for the tree while it is valid)."
  (if recurse
      (scan-tree-remembered directory exclude collect)
      (collect-asds-in-directory directory collect)))

(defvar *default-source-registries*
  '(environment-source-registry
    user-source-registry
    user-source-registry-directory
    default-user-source-registry
    system-source-registry
    system-source-registry-directory
    default-system-source-registry)
  "The sources of configuration consulted after the parameter, in order:
each a function returning a configuration (form, string, pathname or NIL).")

(defparameter *source-registry-file* (parse-unix-namestring "common-lisp/source-registry.conf"))
(defparameter *source-registry-directory* (parse-unix-namestring "common-lisp/source-registry.conf.d/"))

(defun wrapping-source-registry ()
  "The configuration around all others: just what is inherited (clove has
no systems of its own on disk to add)."
  '(:source-registry :inherit-configuration))

(defun default-user-source-registry ()
  "The user's default places: the tree ~/common-lisp/, the directory
$XDG_DATA_HOME/common-lisp/systems/ and the tree
$XDG_DATA_HOME/common-lisp/source/."
  `(:source-registry
    (:tree (:home "common-lisp/"))
    (:directory ,(xdg-data-home "common-lisp/systems/"))
    (:tree ,(xdg-data-home "common-lisp/source/"))
    :inherit-configuration))

(defun default-system-source-registry ()
  "The system's default places: for each of $XDG_DATA_DIRS (by default
/usr/local/share/ and /usr/share/), the directory common-lisp/systems/ and
the tree common-lisp/source/ under it."
  `(:source-registry
    ,@(loop :for dir :in (xdg-data-dirs "common-lisp/")
            :collect `(:directory (,dir "systems/"))
            :collect `(:tree (,dir "source/")))
    :inherit-configuration))

(defun user-source-registry (&key (direction :input))
  "The user's source-registry.conf under the XDG configuration directories
(the first that exists for :INPUT, the first candidate for :OUTPUT)."
  (xdg-config-pathname *source-registry-file* direction))

(defun system-source-registry (&key (direction :input))
  "The system-wide /etc/common-lisp/source-registry.conf."
  (find-preferred-file (system-config-pathnames *source-registry-file*) :direction direction))

(defun user-source-registry-directory (&key (direction :input))
  "The user's source-registry.conf.d/ directory."
  (xdg-config-pathname *source-registry-directory* direction))

(defun system-source-registry-directory (&key (direction :input))
  "The system-wide /etc/common-lisp/source-registry.conf.d/ directory."
  (find-preferred-file (system-config-pathnames *source-registry-directory*) :direction direction))

(defun environment-source-registry ()
  "The value of CL_SOURCE_REGISTRY (NIL if unset)."
  (getenv "CL_SOURCE_REGISTRY"))

;;; --- Processing the configuration

(defgeneric process-source-registry (spec &key inherit register)
  (:documentation "Processes the configuration SPEC (a form, a string in the
shell syntax, a configuration file or directory pathname, a symbol naming
a function that returns a configuration, or NIL), calling REGISTER with
each directory to search (and :RECURSE and :EXCLUDE for a tree); INHERIT
is the list of configurations :INHERIT-CONFIGURATION stands for."))

(defun inherit-source-registry (inherit &key register)
  "Processes the first of the configurations INHERIT, the rest being what
it inherits in turn."
  (when inherit
    (process-source-registry (first inherit) :register register :inherit (rest inherit))))

(defun process-source-registry-directive (directive &key inherit register)
  (destructuring-bind (kind &rest arguments) (ensure-list directive)
    (ecase kind
      (:include
       (destructuring-bind (location) arguments
         (process-source-registry (resolve-location location) :inherit nil :register register)))
      (:directory
       (destructuring-bind (location) arguments
         (when location
           (funcall register (resolve-location location :ensure-directory t)))))
      (:tree
       (destructuring-bind (location) arguments
         (when location
           (funcall register (resolve-location location :ensure-directory t)
                    :recurse t :exclude *source-registry-exclusions*))))
      (:exclude (setf *source-registry-exclusions* arguments))
      (:also-exclude (setf *source-registry-exclusions* (append *source-registry-exclusions* arguments)))
      (:default-registry
       (inherit-source-registry '(default-user-source-registry default-system-source-registry)
                                :register register))
      (:inherit-configuration (inherit-source-registry inherit :register register))
      (:ignore-inherited-configuration nil)))
  nil)

(defmethod process-source-registry ((x symbol) &key inherit register)
  (process-source-registry (funcall x) :inherit inherit :register register))

(defmethod process-source-registry ((pathname pathname) &key inherit register)
  (cond ((directory-pathname-p pathname)
         (let ((*here-directory* (resolve-symlinks* pathname)))
           (process-source-registry (validate-source-registry-directory pathname)
                                    :inherit inherit :register register)))
        ((probe-file* pathname :truename *resolve-symlinks*)
         (let ((*here-directory* (pathname-directory-pathname pathname)))
           (process-source-registry (validate-source-registry-file pathname)
                                    :inherit inherit :register register)))
        (t (inherit-source-registry inherit :register register))))

(defmethod process-source-registry ((string string) &key inherit register)
  (process-source-registry (parse-source-registry-string string) :inherit inherit :register register))

(defmethod process-source-registry ((x null) &key inherit register)
  (inherit-source-registry inherit :register register))

(defmethod process-source-registry ((form cons) &key inherit register)
  ;; Exclusions changed in FORM last until its end.
  (let ((*source-registry-exclusions* *default-source-registry-exclusions*))
    (dolist (directive (cdr (validate-source-registry-form form)))
      (process-source-registry-directive directive :inherit inherit :register register))))

;;; --- Computing the registry

(defun flatten-source-registry (&optional (parameter *source-registry-parameter*))
  "The places the configuration (with PARAMETER first in line after the
wrapping) says to search, in order, each once: a list of (directory
:RECURSE recurse :EXCLUDE exclusions)."
  (remove-duplicates
   (while-collecting (collect)
     (with-pathname-defaults ()
       (inherit-source-registry
        `(wrapping-source-registry ,parameter ,@*default-source-registries*)
        :register (lambda (directory &key recurse exclude)
                    (collect (list directory :recurse recurse :exclude exclude))))))
   :test 'equal :from-end t))

(defun directory-depth (pathname)
  (length (normalize-pathname-directory-component (pathname-directory pathname))))

(defun preferred-asd-p (x y)
  ;; Of two .asd files of the same name in one tree, the one in the
  ;; shallower directory wins, then the one whose namestring sorts first.
  (let ((dx (directory-depth x)) (dy (directory-depth y)))
    (or (< dx dy)
        (and (= dx dy) (string< (namestring x) (namestring y))))))

(defun compute-source-registry (&optional (parameter *source-registry-parameter*) (registry *source-registry*))
  "Scans the places the configuration (with PARAMETER) names, in order, and
adds to REGISTRY each system name not already in it with its .asd file.
Within one directory or tree, when several .asd files have the same name,
the shallowest wins (a warning says so when *VERBOSE-OUT* is set)."
  (call-with-tree-scans (lambda () (compute-source-registry-from (flatten-source-registry parameter) registry)))
  (values))

(defun compute-source-registry-from (entries registry)
  ;; Adds to REGISTRY the systems found in ENTRIES, as COMPUTE-SOURCE-REGISTRY.
  (dolist (entry entries)
    (destructuring-bind (directory &key recurse exclude) entry
      (let ((found (make-hash-table :test 'equal)))
        (register-asd-directory
         directory :recurse recurse :exclude exclude
         :collect (lambda (asd)
                    (let ((name (if (typep asd 'logical-pathname)
                                    (string-downcase (pathname-name asd))
                                    (pathname-name asd))))
                      (unless (gethash name registry)
                        (let ((old (gethash name found)))
                          (cond ((null old) (setf (gethash name found) asd))
                                (t (let ((better (if (preferred-asd-p asd old) asd old)))
                                     (setf (gethash name found) better)
                                     (when *verbose-out*
                                       (warn "~@<In source-registry entry ~A~@[/~*~] found several entries for ~A - picking ~S over ~S~:>"
                                             directory recurse name better
                                             (if (eq better asd) old asd)))))))))))
        (maphash (lambda (name asd) (setf (gethash name registry) asd)) found))))
  (values))

(defun initialize-source-registry (&optional (parameter *source-registry-parameter*))
  "Computes the source registry afresh from the configuration, with
PARAMETER (a configuration form, string, pathname or function name;
remembered for later) first in line."
  (setf *source-registry-parameter* parameter)
  (setf *source-registry* (make-hash-table :test 'equal))
  (compute-source-registry parameter))

(defun ensure-source-registry (&optional parameter)
  "Computes the source registry (with PARAMETER) unless it already is."
  (unless (source-registry-initialized-p)
    (initialize-source-registry parameter))
  (values))

(defun sysdef-source-registry-search (system)
  "The .asd file the source registry has for SYSTEM's primary system (NIL
if none); the registry is computed first if need be."
  (ensure-source-registry)
  (values (gethash (primary-system-name system) *source-registry*)))
