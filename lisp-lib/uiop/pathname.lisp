;;;; UIOP/PATHNAME: pathname arithmetic that means the same on every Lisp:
;;;; Unix-syntax parsing for the relative names in .asd files
;;;; (PARSE-UNIX-NAMESTRING), merging where a relative pathname takes its
;;;; host and device from the defaults (MERGE-PATHNAMES*), directory
;;;; pathnames, sub-paths, wildcards and translation for the output cache.

(uiop/package:define-package "UIOP/PATHNAME"
  (:use "UIOP/COMMON-LISP" "UIOP/PACKAGE" "UIOP/UTILITY" "UIOP/OS")
  (:export
   "NORMALIZE-PATHNAME-DIRECTORY-COMPONENT" "DENORMALIZE-PATHNAME-DIRECTORY-COMPONENT"
   "MERGE-PATHNAME-DIRECTORY-COMPONENTS" "*UNSPECIFIC-PATHNAME-TYPE*" "MAKE-PATHNAME*"
   "MAKE-PATHNAME-COMPONENT-LOGICAL" "MAKE-PATHNAME-LOGICAL"
   "MERGE-PATHNAMES*" "NIL-PATHNAME" "*NIL-PATHNAME*" "WITH-PATHNAME-DEFAULTS"
   "LOGICAL-PATHNAME-P" "PHYSICAL-PATHNAME-P" "PHYSICALIZE-PATHNAME"
   "PATHNAME-EQUAL" "ABSOLUTE-PATHNAME-P" "RELATIVE-PATHNAME-P" "HIDDEN-PATHNAME-P"
   "FILE-PATHNAME-P" "PATHNAME-DIRECTORY-PATHNAME" "PATHNAME-PARENT-DIRECTORY-PATHNAME"
   "DIRECTORY-PATHNAME-P" "ENSURE-DIRECTORY-PATHNAME"
   "SPLIT-UNIX-NAMESTRING-DIRECTORY-COMPONENTS" "SPLIT-NAME-TYPE"
   "PARSE-UNIX-NAMESTRING" "UNIX-NAMESTRING"
   "SUBPATHNAME" "SUBPATHNAME*" "PATHNAME-ROOT" "PATHNAME-HOST-PATHNAME"
   "ENSURE-ABSOLUTE-PATHNAME" "SUBPATHP" "ENOUGH-PATHNAME"
   "CALL-WITH-ENOUGH-PATHNAME" "WITH-ENOUGH-PATHNAME"
   "ENSURE-PATHNAME"
   "*WILD*" "*WILD-FILE*" "*WILD-FILE-FOR-DIRECTORY*" "*WILD-DIRECTORY*"
   "*WILD-INFERIORS*" "*WILD-PATH*" "WILDEN"
   "RELATIVIZE-DIRECTORY-COMPONENT" "RELATIVIZE-PATHNAME-DIRECTORY"
   "DIRECTORY-SEPARATOR-FOR-HOST" "DIRECTORIZE-PATHNAME-HOST-DEVICE"
   "TRANSLATE-PATHNAME*" "*OUTPUT-TRANSLATION-FUNCTION*"))

(in-package "UIOP/PATHNAME")

;;; --- Components

(defun normalize-pathname-directory-component (directory)
  "DIRECTORY, checked to be a CLHS directory component: NIL or a list
starting with :ABSOLUTE or :RELATIVE."
  (cond ((or (null directory) (and (consp directory) (member (first directory) '(:absolute :relative))))
         directory)
        (t (parameter-error "~S: Unrecognized pathname directory component ~S"
                            'normalize-pathname-directory-component directory))))

(defun denormalize-pathname-directory-component (directory-component)
  "DIRECTORY-COMPONENT as MAKE-PATHNAME takes it (unchanged on clove)."
  directory-component)

(defun merge-pathname-directory-components (specified defaults)
  "The directory of SPECIFIED merged onto DEFAULTS': an absolute one wins,
a relative one is appended, its leading :BACKs removing names from DEFAULTS."
  (let ((directory (normalize-pathname-directory-component specified)))
    (ecase (first directory)
      ((nil) defaults)
      (:absolute specified)
      (:relative
       (let ((base (normalize-pathname-directory-component defaults))
             (rel (rest directory)))
         (cond ((null base) directory)
               ((not (eq (first rel) :back)) (append base rel))
               (t (let ((kind (first base))
                        (reversed (reverse (rest base))))
                    (loop :while (and (eq (first rel) :back)
                                      (or (and (eq kind :absolute) (null reversed))
                                          (stringp (first reversed))))
                          :do (pop rel) (pop reversed))
                    (cons kind (append (reverse reversed) rel))))))))))

(defparameter *unspecific-pathname-type* :unspecific
  "The type component meaning \"no type\" (not even an empty one).")

(defun make-pathname* (&rest keys &key directory host device name type version defaults)
  "MAKE-PATHNAME (kept for older code; use MAKE-PATHNAME)."
  (declare (ignore directory host device name type version defaults))
  (apply #'make-pathname keys))

(defun make-pathname-component-logical (x)
  "X as a component of a logical pathname (:UNSPECIFIC becomes NIL)."
  (if (eq x :unspecific) nil x))

(defun make-pathname-logical (pathname host)
  "PATHNAME's directory, name, type and version on the logical HOST."
  (make-pathname :host host
                 :directory (make-pathname-component-logical (pathname-directory pathname))
                 :name (make-pathname-component-logical (pathname-name pathname))
                 :type (make-pathname-component-logical (pathname-type pathname))
                 :version (make-pathname-component-logical (pathname-version pathname))))

(defun merge-pathnames* (specified &optional (defaults *default-pathname-defaults*))
  "Like MERGE-PATHNAMES, except that host and device come from SPECIFIED
when its directory is absolute and from DEFAULTS otherwise, and that
either argument being NIL returns the other unchanged."
  (cond ((null specified) defaults)
        ((null defaults) specified)
        (t
         (let* ((specified (pathname specified))
                (defaults (pathname defaults))
                (directory (normalize-pathname-directory-component (pathname-directory specified)))
                (absolute (eq (first directory) :absolute))
                (from (if absolute specified defaults))
                (fix (if (typep from 'logical-pathname) #'make-pathname-component-logical #'identity)))
           (make-pathname :host (pathname-host from)
                          :device (pathname-device from)
                          :directory (if absolute
                                         directory
                                         (merge-pathname-directory-components
                                          directory (pathname-directory defaults)))
                          :name (funcall fix (or (pathname-name specified) (pathname-name defaults)))
                          :type (funcall fix (or (pathname-type specified) (pathname-type defaults)))
                          :version (funcall fix (or (pathname-version specified)
                                                    (pathname-version defaults))))))))

(defun logical-pathname-p (x)
  (typep x 'logical-pathname))

(defun physical-pathname-p (x)
  (and (pathnamep x) (not (logical-pathname-p x))))

(defun physicalize-pathname (x)
  "X as a physical pathname (a logical one translated); NIL stays NIL."
  (let ((p (and x (pathname x))))
    (if (logical-pathname-p p) (translate-logical-pathname p) p)))

(defun nil-pathname (&optional (defaults *default-pathname-defaults*))
  "A physical pathname with no directory, name, type or version: the most
neutral defaults for merging and parsing."
  (make-pathname :directory nil :name nil :type nil :version nil :device nil :defaults defaults))

(defvar *nil-pathname* (nil-pathname (physicalize-pathname (user-homedir-pathname)))
  "The neutral pathname NIL-PATHNAME returns.")

(defmacro with-pathname-defaults ((&optional defaults) &body body)
  "Runs BODY with *DEFAULT-PATHNAME-DEFAULTS* bound to DEFAULTS (evaluated),
or to *NIL-PATHNAME* when none is given."
  `(let ((*default-pathname-defaults* ,(or defaults '*nil-pathname*)))
     ,@body))

;;; --- Predicates

(defun pathname-equal (p1 p2)
  "Do P1 and P2 (pathname designators or NIL) name the same path, taking
NIL, :UNSPECIFIC, :NEWEST and (:RELATIVE) as no component?"
  (let ((p1 (if (stringp p1) (pathname p1) p1))
        (p2 (if (stringp p2) (pathname p2) p2)))
    (flet ((same (f)
             (flet ((norm (x) (if (member x '(nil :unspecific :newest (:relative)) :test #'equal) nil x)))
               (equal (norm (funcall f p1)) (norm (funcall f p2))))))
      (or (and (null p1) (null p2))
          (and (pathnamep p1) (pathnamep p2)
               (same #'pathname-host) (same #'pathname-device)
               (same (lambda (p) (normalize-pathname-directory-component (pathname-directory p))))
               (same #'pathname-name) (same #'pathname-type) (same #'pathname-version))))))

(defun absolute-pathname-p (pathspec)
  "PATHSPEC (a pathname or namestring) parsed, if its directory is absolute."
  (and pathspec (typep pathspec '(or pathname string))
       (let ((p (pathname pathspec)))
         (and (eq :absolute (first (normalize-pathname-directory-component (pathname-directory p))))
              p))))

(defun relative-pathname-p (pathspec)
  "PATHSPEC (a pathname or namestring) parsed, if its directory is relative or absent."
  (and pathspec (typep pathspec '(or pathname string))
       (let* ((p (pathname pathspec))
              (directory (normalize-pathname-directory-component (pathname-directory p))))
         (and (or (null directory) (eq (first directory) :relative)) p))))

(defun hidden-pathname-p (pathname)
  "Does the name of PATHNAME start with a dot?"
  (and pathname (equal (first-char (pathname-name pathname)) #\.)))

(defun file-pathname-p (pathname)
  "PATHNAME (NIL, a namestring or a pathname) as a pathname, if it has a
name or type (it need not exist)."
  (when pathname
    (let ((p (pathname pathname)))
      (unless (and (member (pathname-name p) '(nil :unspecific "") :test #'equal)
                   (member (pathname-type p) '(nil :unspecific "") :test #'equal))
        p))))

(defun directory-pathname-p (pathname)
  "Is PATHNAME a directory pathname: not wild, no name and no type?"
  (when pathname
    (let ((p (pathname pathname)))
      (and (not (wild-pathname-p p))
           (member (pathname-name p) '(nil :unspecific))
           (member (pathname-type p) '(nil :unspecific))
           t))))

;;; --- Directories

(defun pathname-directory-pathname (pathname)
  "PATHNAME without name, type and version."
  (when pathname
    (make-pathname :name nil :type nil :version nil :defaults pathname)))

(defun pathname-parent-directory-pathname (pathname)
  "The directory above PATHNAME's directory (/foo/bar/baz/file.type gives /foo/bar/)."
  (when pathname
    (make-pathname :name nil :type nil :version nil
                   :directory (merge-pathname-directory-components '(:relative :back)
                                                                   (pathname-directory pathname))
                   :defaults pathname)))

(defun ensure-directory-pathname (pathspec &optional (on-error 'error))
  "The non-wild pathname designator PATHSPEC as a directory pathname: a
file name becomes the last directory name. Otherwise calls ON-ERROR (per
CALL-FUNCTION) with a message."
  (cond ((stringp pathspec) (ensure-directory-pathname (pathname pathspec) on-error))
        ((not (pathnamep pathspec))
         (call-function on-error "Invalid pathname designator ~S" pathspec))
        ((wild-pathname-p pathspec)
         (call-function on-error "Can't reliably convert wild pathname ~S" pathspec))
        ((directory-pathname-p pathspec) pathspec)
        (t (make-pathname :directory (append (or (normalize-pathname-directory-component
                                                  (pathname-directory pathspec))
                                                 (list :relative))
                                             (list (file-namestring pathspec)))
                          :name nil :type nil :version nil :defaults pathspec))))

;;; --- Unix syntax

(defun split-unix-namestring-directory-components (unix-namestring &key ensure-directory dot-dot)
  "Splits a Unix path string into: :ABSOLUTE or :RELATIVE; the directory
names (empty and \".\" parts dropped, \"..\" read as DOT-DOT, :BACK by
default); the last part (NIL for a directory: the string ends in /, or
ENSURE-DIRECTORY); and whether the string was only a file name."
  (check-type unix-namestring string)
  (check-type dot-dot (member nil :back :up))
  (if (and (not (find #\/ unix-namestring)) (not ensure-directory) (plusp (length unix-namestring)))
      (values :relative '() unix-namestring t)
      (let* ((parts (split-string unix-namestring :separator "/"))
             (last-part (car (last parts)))
             (kind (if (and (equal (first parts) "") (eql (first-char unix-namestring) #\/))
                       :absolute
                       :relative))
             (names (substitute (or dot-dot :back) ".."
                                (remove-if (lambda (x) (member x '("" ".") :test #'equal))
                                           (if (eq kind :absolute) (rest parts) parts))
                                :test #'equal)))
        (if (or (equal last-part "") ensure-directory)
            (values kind names nil nil)
            (values kind (butlast names) last-part nil)))))

(defun split-name-type (filename)
  "The name and type of FILENAME (no directory), split at the last dot;
a name that starts with its only dot has no type (*UNSPECIFIC-PATHNAME-TYPE*)."
  (check-type filename string)
  (assert (plusp (length filename)))
  (let ((dot (position #\. filename :from-end t)))
    (if (or (null dot) (zerop dot))
        (values filename *unspecific-pathname-type*)
        (values (subseq filename 0 dot) (subseq filename (1+ dot))))))

(defun parse-unix-namestring (name &rest keys &key type defaults dot-dot ensure-directory
                              &allow-other-keys)
  "NAME parsed as a Unix path, whatever the operating system: / separates
directories; the last part is a directory when TYPE is :DIRECTORY or
ENSURE-DIRECTORY is true, a name with type TYPE when TYPE is a string, or
is split into name and type otherwise. Empty and \".\" directories are
dropped, \"..\" is DOT-DOT (:BACK by default). Host, device and version come
from DEFAULTS (by default *NIL-PATHNAME*). A pathname or NIL is returned
as is; a symbol is read as its name downcased. The other keys go to
ENSURE-PATHNAME (e.g. :WANT-RELATIVE T)."
  (check-type type (or null string (eql :directory)))
  (when ensure-directory (setf type :directory))
  (etypecase name
    ((or null pathname) name)
    ((or symbol string)
     (let ((string (if (symbolp name) (string-downcase name) name)))
       (multiple-value-bind (kind names filename file-only)
           (split-unix-namestring-directory-components string :dot-dot dot-dot
                                                              :ensure-directory (eq type :directory))
         (multiple-value-bind (file-name file-type)
             (cond ((or (eq type :directory) (null filename)) (values nil nil))
                   (type (values filename type))
                   (t (split-name-type filename)))
           (apply #'ensure-pathname
                  (make-pathname :directory (unless file-only (cons kind names))
                                 :name file-name :type file-type
                                 :defaults (or defaults *nil-pathname*))
                  (remove-plist-keys '(:type :dot-dot :defaults) keys))))))))

(defun unix-namestring (pathname)
  "The Unix namestring of the directory, name and type of the non-wild
PATHNAME; a string or NIL is returned as is."
  (etypecase pathname
    ((or null string) pathname)
    (pathname
     (flet ((bad () (parameter-error "~S: invalid unix-namestring ~S" 'unix-namestring pathname)))
       (let ((directory (normalize-pathname-directory-component (pathname-directory pathname)))
             (name (let ((n (pathname-name pathname))) (if (eq n :unspecific) nil n)))
             (type (let ((ty (pathname-type pathname))) (if (eq ty :unspecific) nil ty))))
         (with-output-to-string (s)
           (cond ((null directory))
                 (t (when (eq (first directory) :absolute) (write-char #\/ s))
                    (dolist (d (rest directory))
                      (cond ((member d '(:back :up)) (write-string "../" s))
                            ((and (stringp d) (plusp (length d))) (write-string d s) (write-char #\/ s))
                            (t (bad))))))
           (cond (name (unless (and (stringp name) (or (null type) (stringp type))) (bad))
                       (write-string name s)
                       (when type (write-char #\. s) (write-string type s)))
                 (type (bad)))))))))

;;; --- Sub-paths

(defun subpathname (pathname subpath &key type)
  "SUBPATH (a Unix namestring, with TYPE as in PARSE-UNIX-NAMESTRING) under
the directory of PATHNAME; an absolute pathname object SUBPATH is returned
as is."
  (or (and (pathnamep subpath) (absolute-pathname-p subpath))
      (merge-pathnames* (parse-unix-namestring subpath :type type :want-relative t)
                        (pathname-directory-pathname pathname))))

(defun subpathname* (pathname subpath &key type)
  "SUBPATHNAME under PATHNAME taken as a directory; NIL if PATHNAME is NIL."
  (and pathname (subpathname (ensure-directory-pathname pathname) subpath :type type)))

(defun pathname-root (pathname)
  "The root directory of PATHNAME's host and device."
  (make-pathname :directory '(:absolute) :name nil :type nil :version nil :defaults pathname))

(defun pathname-host-pathname (pathname)
  "A pathname with PATHNAME's host and nothing else."
  (make-pathname :directory nil :name nil :type nil :version nil :device nil :defaults pathname))

(defun ensure-absolute-pathname (path &optional defaults (on-error 'error))
  "PATH as an absolute pathname, merged if need be with DEFAULTS (an
absolute pathname, or a function returning one); otherwise calls ON-ERROR
(per CALL-FUNCTION) with a message."
  (cond ((absolute-pathname-p path))
        ((stringp path) (ensure-absolute-pathname (pathname path) defaults on-error))
        ((not (pathnamep path)) (call-function on-error "not a valid pathname designator ~S" path))
        (t
         (let ((base (if (pathnamep defaults) defaults (call-function defaults))))
           (if (absolute-pathname-p base)
               (or (absolute-pathname-p (merge-pathnames* path base))
                   (call-function on-error "Failed to merge ~S with ~S into an absolute pathname"
                                  path base))
               (call-function on-error "Default pathname ~S is not an absolute pathname" base))))))

(defun subpathp (maybe-subpath base-pathname)
  "If the absolute pathname MAYBE-SUBPATH is under the absolute directory
pathname BASE-PATHNAME, the relative pathname that MERGE-PATHNAMES* with
BASE-PATHNAME turns back into MAYBE-SUBPATH."
  (and (pathnamep maybe-subpath) (pathnamep base-pathname)
       (absolute-pathname-p maybe-subpath) (absolute-pathname-p base-pathname)
       (directory-pathname-p base-pathname) (not (wild-pathname-p base-pathname))
       (pathname-equal (pathname-root maybe-subpath) (pathname-root base-pathname))
       (with-pathname-defaults (*nil-pathname*)
         (let ((enough (enough-namestring maybe-subpath base-pathname)))
           (and (relative-pathname-p enough) (pathname enough))))))

(defun enough-pathname (maybe-subpath base-pathname)
  "MAYBE-SUBPATH relative to BASE-PATHNAME if it is under it, else MAYBE-SUBPATH."
  (let ((sub (and maybe-subpath (pathname maybe-subpath)))
        (base (and base-pathname (ensure-absolute-pathname (pathname base-pathname)))))
    (or (and base (subpathp sub base)) sub)))

(defun call-with-enough-pathname (maybe-subpath defaults-pathname thunk)
  "Calls THUNK with ENOUGH-PATHNAME of MAYBE-SUBPATH and DEFAULTS-PATHNAME,
*DEFAULT-PATHNAME-DEFAULTS* bound to DEFAULTS-PATHNAME when it is not NIL."
  (let ((enough (enough-pathname maybe-subpath defaults-pathname))
        (*default-pathname-defaults* (or defaults-pathname *default-pathname-defaults*)))
    (funcall thunk enough)))

(defmacro with-enough-pathname ((pathname-var &key (pathname pathname-var)
                                                (defaults '*default-pathname-defaults*))
                                &body body)
  `(call-with-enough-pathname ,pathname ,defaults (lambda (,pathname-var) ,@body)))

;;; --- Wildcards

(defparameter *wild* :wild "The wild component of MAKE-PATHNAME.")
(defparameter *wild-directory-component* :wild)
(defparameter *wild-inferiors-component* :wild-inferiors)
(defparameter *wild-file* (make-pathname :directory nil :name :wild :type :wild :version :wild)
  "Matches any file (for TRANSLATE-PATHNAME).")
(defparameter *wild-file-for-directory* (make-pathname :directory nil :name :wild :type :wild :version :wild)
  "Matches any file (for DIRECTORY).")
(defparameter *wild-directory* (make-pathname :directory '(:relative :wild) :name nil :type nil :version nil)
  "Matches any subdirectory.")
(defparameter *wild-inferiors* (make-pathname :directory '(:relative :wild-inferiors)
                                              :name nil :type nil :version nil)
  "Matches any directory below, at any depth.")
(defparameter *wild-path* (merge-pathnames* *wild-file* *wild-inferiors*)
  "Matches any file in any directory below, at any depth.")

(defun wilden (path)
  "A pathname matching every file at any depth under PATH's directory."
  (merge-pathnames* *wild-path* path))

;;; --- Translation (for output translations)

(defun relativize-directory-component (directory-component)
  "DIRECTORY-COMPONENT made relative."
  (let ((directory (normalize-pathname-directory-component directory-component)))
    (if (eq (first directory) :absolute)
        (cons :relative (rest directory))
        directory)))

(defun relativize-pathname-directory (pathspec)
  "PATHSPEC with its directory made relative."
  (let ((p (pathname pathspec)))
    (make-pathname :directory (relativize-directory-component (pathname-directory p)) :defaults p)))

(defun directory-separator-for-host (&optional (pathname *default-pathname-defaults*))
  "The character separating directory names in namestrings of PATHNAME's host."
  (last-char (namestring (make-pathname :directory '(:absolute "FOO") :defaults pathname))))

(defun directorize-pathname-host-device (pathname)
  "PATHNAME with its host and device turned into leading directory names (so
translations can keep apart files of different hosts); on Unix, a physical
pathname is returned as is."
  (if (and (os-unix-p) (physical-pathname-p pathname))
      pathname
      (let* ((root (pathname-root pathname))
             (separator (directory-separator-for-host root))
             (root-string (substitute-if #\/ (lambda (c) (or (eql c #\:) (eql c separator)))
                                         (namestring root))))
        (multiple-value-bind (kind names)
            (split-unix-namestring-directory-components root-string :ensure-directory t)
          (declare (ignore kind))
          (translate-pathname (merge-pathnames* pathname root) (wilden root)
                              (wilden (make-pathname :defaults root :directory `(:absolute ,@names))))))))

(defun translate-pathname* (path absolute-source destination &optional root source)
  "PATH translated from ABSOLUTE-SOURCE to DESTINATION: a function (called
with PATH and ABSOLUTE-SOURCE), T (PATH itself), a relative pathname
(merged with ROOT) or an absolute one (with ROOT, PATH's host and device
become directories first)."
  (declare (ignore source))
  (cond ((functionp destination) (funcall destination path absolute-source))
        ((eq destination t) path)
        ((not (pathnamep destination)) (parameter-error "~S: Invalid destination" 'translate-pathname*))
        ((not (absolute-pathname-p destination))
         (translate-pathname path absolute-source (merge-pathnames* destination root)))
        (root (translate-pathname (directorize-pathname-host-device path) absolute-source destination))
        (t (translate-pathname path absolute-source destination))))

(defvar *output-translation-function* 'identity
  "The function mapping a source pathname to where its outputs go (ASDF's
output translations set it); it must be idempotent.")
