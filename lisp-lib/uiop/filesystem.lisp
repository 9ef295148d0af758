;;;; UIOP/FILESYSTEM: the file system seen through pathnames: native
;;;; namestrings (what the operating system calls a file), probing,
;;;; listing and walking directories, the current directory, pathnames
;;;; from environment variables, ENSURE-PATHNAME's checks, and deleting
;;;; and renaming.

(uiop/package:define-package "UIOP/FILESYSTEM"
  (:use "UIOP/COMMON-LISP" "UIOP/PACKAGE" "UIOP/UTILITY" "UIOP/OS" "UIOP/PATHNAME")
  (:export
   "NATIVE-NAMESTRING" "PARSE-NATIVE-NAMESTRING"
   "GET-PATHNAME-DEFAULTS" "CALL-WITH-CURRENT-DIRECTORY" "WITH-CURRENT-DIRECTORY"
   "INTER-DIRECTORY-SEPARATOR" "SPLIT-NATIVE-PATHNAMES-STRING"
   "GETENV-PATHNAME" "GETENV-PATHNAMES" "GETENV-ABSOLUTE-DIRECTORY" "GETENV-ABSOLUTE-DIRECTORIES"
   "LISP-IMPLEMENTATION-DIRECTORY" "LISP-IMPLEMENTATION-PATHNAME-P"
   "PROBE-FILE*" "DIRECTORY-EXISTS-P" "FILE-EXISTS-P" "DIRECTORY*" "FILTER-LOGICAL-DIRECTORY-RESULTS"
   "DIRECTORY-FILES" "SUBDIRECTORIES" "COLLECT-SUB*DIRECTORIES"
   "TRUENAME*" "SAFE-FILE-WRITE-DATE" "TRUENAMIZE" "RESOLVE-SYMLINKS" "*RESOLVE-SYMLINKS*"
   "RESOLVE-SYMLINKS*"
   "ENSURE-ALL-DIRECTORIES-EXIST" "RENAME-FILE-OVERWRITING-TARGET"
   "DELETE-FILE-IF-EXISTS" "DELETE-EMPTY-DIRECTORY" "DELETE-DIRECTORY-TREE"))

(in-package "UIOP/FILESYSTEM")

;;; --- Native namestrings: the names the operating system uses, with no
;;; --- Lisp escapes or wildcards

(defun native-namestring (x)
  "The operating system's name for the non-wild pathname designator X
(relative names stay relative); NIL for NIL."
  (when x
    (let ((p (pathname x)))
      ;; A physical pathname of plain strings has the same name for the
      ;; runtime (which never escapes) as for the operating system.
      (when (and (not (logical-pathname-p p))
                 (null (pathname-host p))
                 (member (first (pathname-directory p)) '(nil :absolute :relative))
                 (every #'stringp (rest (pathname-directory p)))
                 (if (pathname-name p)
                     (and (stringp (pathname-name p)) (typep (pathname-type p) '(or null string)))
                     (null (pathname-type p))))
        (return-from native-namestring (namestring p)))
      ;; Strings are taken literally (a native name may contain a star);
      ;; only the wild keywords cannot be named.
      (when (intersection '(:wild :wild-inferiors)
                          (list* (pathname-name p) (pathname-type p) (pathname-directory p)))
        (parameter-error "~S: ~S is a wild pathname" 'native-namestring p))
      (let ((directory (normalize-pathname-directory-component (pathname-directory p)))
            (name (pathname-name p))
            (type (pathname-type p)))
        (with-output-to-string (s)
          (when (eq (first directory) :absolute) (write-char #\/ s))
          (dolist (d (rest directory))
            (case d
              ((:back :up) (write-string ".." s))
              (:home (write-string "~" s))
              (t (write-string d s)))
            (write-char #\/ s))
          (when (stringp name) (write-string name s))
          (when (stringp type) (write-char #\. s) (write-string type s)))))))

(defun %parse-native (string ensure-directory)
  "STRING, a native name, as a pathname: its parts are taken literally;
\"..\" is :UP; the last part's last dot (not a leading one) starts the type."
  (let* ((absolute (and (plusp (length string)) (char= (char string 0) #\/)))
         (parts (split-string string :separator "/"))
         (parts (if absolute (rest parts) parts))
         (file (if ensure-directory nil (car (last parts))))
         (dirs (remove "" (if ensure-directory parts (butlast parts)) :test #'string=))
         (dirs (mapcar (lambda (d) (if (string= d "..") :up d)) dirs)))
    (multiple-value-bind (name type)
        (cond ((or (null file) (string= file "")) (values nil nil))
              (t (let ((dot (position #\. file :from-end t)))
                   (if (and dot (plusp dot))
                       (values (subseq file 0 dot) (subseq file (1+ dot)))
                       (values file nil)))))
      (make-pathname :directory (cond (absolute (cons :absolute dirs))
                                      (dirs (cons :relative dirs)))
                     :name name :type type :version nil :defaults *nil-pathname*))))

(defun parse-native-namestring (string &rest constraints &key ensure-directory &allow-other-keys)
  "STRING, a name the operating system gives a file, as a pathname, checked
and transformed as ENSURE-PATHNAME does with CONSTRAINTS; NIL for NIL."
  (check-type string (or string null))
  (apply #'ensure-pathname (and string (%parse-native string ensure-directory)) constraints))

;;; --- Probing

(defun truename* (p)
  "The truename of P (a pathname or namestring, NIL allowed) if the file
or directory exists, else NIL."
  (when p
    (let ((p (if (stringp p) (with-pathname-defaults () (parse-namestring p)) p)))
      (values (ignore-errors (truename p))))))

(defun safe-file-write-date (pathname)
  "FILE-WRITE-DATE of PATHNAME, or NIL if it has none (no such file)."
  (and pathname
       (handler-case (file-write-date (physicalize-pathname pathname))
         (file-error () nil))))

(defun probe-file* (p &key truename)
  "If a file or directory named by P (a pathname, or a namestring parsed by
PARSE-NAMESTRING) exists, its truename when TRUENAME is true, else P as a
pathname; otherwise NIL."
  (values
   (ignore-errors
    (let ((p (ensure-pathname p :namestring :lisp :ensure-physical t :ensure-absolute t
                                :defaults 'get-pathname-defaults :want-non-wild t :on-error nil)))
      (when p
        (if truename
            (truename* p)
            (and (sys::%file-kind (native-namestring p)) p)))))))

(defun directory-exists-p (x)
  "The truename of the directory X names, if there is one."
  (let ((p (probe-file* x :truename t)))
    (and (directory-pathname-p p) p)))

(defun file-exists-p (x)
  "The truename of the file (not a directory) X names, if there is one."
  (let ((p (probe-file* x :truename t)))
    (and (file-pathname-p p) p)))

;;; --- Listing directories

(defun directory* (pathname-spec &rest keys &key &allow-other-keys)
  "DIRECTORY, not resolving symbolic links."
  (apply #'directory pathname-spec :resolve-symlinks nil (remove-plist-key :resolve-symlinks keys)))

(defun filter-logical-directory-results (directory entries merger)
  "ENTRIES of a logical DIRECTORY kept when MERGER (per CALL-FUNCTION) makes
from them a pathname with the same truename; for a physical DIRECTORY,
ENTRIES."
  (if (logical-pathname-p directory)
      (remove-duplicates
       (loop :for f :in entries
             :for p = (or (and (logical-pathname-p f) f)
                          (let ((u (ignore-errors (call-function merger f))))
                            (and u (equal (truename* u) (truename* f)) u)))
             :when p :collect p)
       :test #'pathname-equal)
      entries))

(defun directory-files (directory &optional (pattern *wild-file-for-directory*))
  "The files (not subdirectories) in DIRECTORY matching PATTERN; symbolic
links are not resolved. NIL if the directory cannot be read."
  (let ((dir (ensure-directory-pathname directory)))
    (when (logical-pathname-p dir)
      (when (wild-pathname-p dir)
        (parameter-error "~S: Invalid wild pattern in logical directory ~S" 'directory-files directory))
      (unless (member (pathname-directory pattern) '(() (:relative)) :test #'equal)
        (parameter-error "~S: Invalid file pattern ~S for logical directory ~S"
                         'directory-files pattern directory))
      (setf pattern (make-pathname-logical pattern (pathname-host dir))))
    (let ((entries (ignore-errors (directory* (merge-pathnames* pattern dir)))))
      (remove-if #'directory-pathname-p
                 (filter-logical-directory-results
                  directory entries
                  (lambda (f)
                    (make-pathname :defaults dir
                                   :name (make-pathname-component-logical (pathname-name f))
                                   :type (make-pathname-component-logical (pathname-type f))
                                   :version (make-pathname-component-logical (pathname-version f)))))))))

(defun subdirectories (directory)
  "The subdirectories of DIRECTORY, as directory pathnames (symbolic links
to directories included, unresolved)."
  (let* ((directory (ensure-directory-pathname directory))
         (entries (ignore-errors (directory* (merge-pathnames* *wild-file-for-directory* directory))))
         (dirs (remove-if-not #'directory-pathname-p entries)))
    (filter-logical-directory-results
     directory dirs
     (let ((prefix (or (normalize-pathname-directory-component (pathname-directory directory))
                       '(:absolute))))
       (lambda (d)
         (let ((dir (normalize-pathname-directory-component (pathname-directory d))))
           (and (consp dir) (consp (cdr dir))
                (make-pathname :defaults directory :name nil :type nil :version nil
                               :directory (append prefix (make-pathname-component-logical (last dir)))))))))))

(defun collect-sub*directories (directory collectp recursep collector)
  "Walks the tree under DIRECTORY: for each directory that COLLECTP
accepts, calls COLLECTOR on it, then walks those of its subdirectories
that RECURSEP accepts (the three per CALL-FUNCTION)."
  (when (call-function collectp directory)
    (call-function collector directory)
    (dolist (subdir (subdirectories directory))
      (when (call-function recursep subdir)
        (collect-sub*directories subdir collectp recursep collector)))))

;;; --- Symbolic links

(defun %plain-native-truename (p)
  ;; For a pathname P whose namestring is a plain absolute Unix name (no
  ;; wildcards, no ~), the truename of the file as a native
  ;; namestring (NIL if there is no such file), and T as second value:
  ;; one call of the runtime's realpath, without the pathname machinery
  ;; of TRUENAME. Other pathnames: NIL and NIL.
  (let ((native (ignore-errors (namestring p))))
    (if (and native (plusp (length native)) (char= (char native 0) #\/)
             (not (find #\* native)) (not (find #\? native)))
        (values (sys::%probe native) t)
        (values nil nil))))

(defun %probe-truename (p)
  ;; The truename of the absolute pathname P if its file exists, else NIL.
  (multiple-value-bind (real plain) (%plain-native-truename p)
    (if plain
        (and real (pathname real))
        (probe-file* p :truename t))))

(defun truenamize (pathname)
  "PATHNAME made absolute (against GET-PATHNAME-DEFAULTS) with as much of
it resolved to a truename as exists."
  (when (typep pathname '(or null logical-pathname))
    (return-from truenamize pathname))
  (let ((p (or (absolute-pathname-p pathname)
               (absolute-pathname-p (ensure-absolute-pathname pathname 'get-pathname-defaults nil))
               (return-from truenamize pathname))))
    (or (%probe-truename p)
        (let* ((directory (normalize-pathname-directory-component (pathname-directory p)))
               (up (reverse (rest directory)))
               (down '()))
          (loop :while up :do
            (let ((parent (ignore-errors
                           (%probe-truename (make-pathname :directory `(:absolute ,@(reverse up))
                                                           :name nil :type nil :version nil :defaults p)))))
              (when parent
                (let ((found (ignore-errors
                              (merge-pathnames* (make-pathname :directory `(:relative ,@down) :defaults p)
                                                (ensure-directory-pathname parent)))))
                  (when found (return-from truenamize found)))))
            (push (pop up) down))
          p))))

(defun resolve-symlinks (path)
  "PATH with as many symbolic links resolved as possible."
  (truenamize path))

(defvar *resolve-symlinks* t
  "Whether the defsystem resolves symbolic links in system pathnames.")

(defun resolve-symlinks* (path)
  "RESOLVE-SYMLINKS of PATH when *RESOLVE-SYMLINKS* is true; else PATH."
  (if *resolve-symlinks* (and path (resolve-symlinks path)) path))

;;; --- Checking and transforming pathnames

(defun ensure-pathname (pathname &key on-error defaults type dot-dot namestring empty-is-nil
                                   want-pathname want-logical want-physical ensure-physical
                                   want-relative want-absolute ensure-absolute ensure-subpath
                                   want-non-wild want-wild wilden
                                   want-file want-directory ensure-directory
                                   want-existing ensure-directories-exist
                                   truename resolve-symlinks truenamize)
  "PATHNAME (NIL, a pathname, or a string parsed per NAMESTRING: :UNIX, the
default, with DEFAULTS, TYPE, DOT-DOT, ENSURE-DIRECTORY and WANT-RELATIVE;
:NATIVE; :LISP; or a function) checked against the WANT- constraints and
changed by the ENSURE- transformations, in the order of the lambda list.
A failed check calls ON-ERROR (per CALL-FUNCTION; by default ERROR) with
a format control and arguments describing it. NIL is returned for NIL
unless WANT-PATHNAME; EMPTY-IS-NIL makes \"\" NIL too."
  (let ((p pathname))
    (flet ((fail (keyword description &rest arguments)
             (return-from ensure-pathname
               (call-function (or on-error 'error) "Invalid pathname ~S: ~*~?"
                              pathname keyword description arguments))))
      (when (stringp p)
        (when (and empty-is-nil (emptyp p))
          (return-from ensure-pathname nil))
        (setf p (case namestring
                  ((:unix nil) (parse-unix-namestring p :defaults defaults :type type :dot-dot dot-dot
                                                        :ensure-directory ensure-directory
                                                        :want-relative want-relative))
                  (:native (parse-native-namestring p))
                  (:lisp (parse-namestring p))
                  (t (call-function namestring p)))))
      (etypecase p
        (pathname)
        (null (when want-pathname (fail :want-pathname "Expected a pathname, not NIL"))
              (return-from ensure-pathname nil)))
      (when (and want-logical (not (logical-pathname-p p)))
        (fail :want-logical "Expected a logical pathname"))
      (when (and want-physical (not (physical-pathname-p p)))
        (fail :want-physical "Expected a physical pathname"))
      (when ensure-physical
        (setf p (physicalize-pathname p))
        (unless (physical-pathname-p p)
          (fail :ensure-physical "Could not translate to a physical pathname")))
      (when (and want-relative (not (relative-pathname-p p)))
        (fail :want-relative "Expected a relative pathname"))
      (when (and want-absolute (not (absolute-pathname-p p)))
        (fail :want-absolute "Expected an absolute pathname"))
      (when ensure-absolute
        (unless (absolute-pathname-p p)
          (setf p (ensure-absolute-pathname p defaults
                                            (list (lambda (control &rest args)
                                                    (apply #'fail :ensure-absolute control args)))))
          (unless (absolute-pathname-p p)
            (fail :ensure-absolute "Could not make into an absolute pathname even after merging with ~S"
                  defaults))))
      (when ensure-subpath
        (unless (absolute-pathname-p defaults)
          (fail :ensure-subpath "cannot be checked to be a subpath of non-absolute pathname ~S" defaults))
        (unless (subpathp p defaults)
          (fail :ensure-subpath "is not a sub pathname of ~S" defaults)))
      (when (and want-file (not (file-pathname-p p)))
        (fail :want-file "Expected a file pathname"))
      (when (and want-directory (not (directory-pathname-p p)))
        (fail :want-directory "Expected a directory pathname"))
      (when (and ensure-directory (not (directory-pathname-p p)))
        (setf p (ensure-directory-pathname p)))
      (when (and want-non-wild (wild-pathname-p p))
        (fail :want-non-wild "Expected a non-wildcard pathname"))
      (when (and want-wild (not (wild-pathname-p p)))
        (fail :want-wild "Expected a wildcard pathname"))
      (when (and wilden (not (wild-pathname-p p)))
        (setf p (wilden p)))
      (when want-existing
        (let ((existing (probe-file* p :truename truename)))
          (cond ((null existing) (fail :want-existing "Expected an existing pathname"))
                (truename (return-from ensure-pathname existing)))))
      (when ensure-directories-exist
        (ensure-directories-exist p))
      (when truename
        (return-from ensure-pathname
          (or (truename* p) (fail :truename "Can't get a truename for pathname"))))
      (when resolve-symlinks (setf p (resolve-symlinks p)))
      (when truenamize (setf p (truenamize p)))
      p)))

;;; --- The current directory

(defun get-pathname-defaults (&optional (defaults *default-pathname-defaults*))
  "DEFAULTS made absolute against the current directory."
  (or (absolute-pathname-p defaults)
      (merge-pathnames* defaults (getcwd))))

(defun call-with-current-directory (dir thunk)
  "Calls THUNK with the process's current directory and
*DEFAULT-PATHNAME-DEFAULTS* set to DIR (when DIR is not NIL), both
restored afterwards however THUNK exits."
  (if dir
      (let* ((dir (resolve-symlinks* (get-pathname-defaults (ensure-directory-pathname dir))))
             (cwd (getcwd))
             (*default-pathname-defaults* dir))
        (chdir dir)
        (unwind-protect (funcall thunk)
          (chdir cwd)))
      (funcall thunk)))

(defmacro with-current-directory ((&optional dir) &body body)
  "Runs BODY with the current directory set to DIR (see CALL-WITH-CURRENT-DIRECTORY)."
  `(call-with-current-directory ,dir (lambda () ,@body)))

;;; --- Pathnames in environment variables

(defun inter-directory-separator ()
  "The character separating directories in a search path: #\\: on Unix."
  (if (os-unix-p) #\: #\;))

(defun split-native-pathnames-string (string &rest constraints &key &allow-other-keys)
  "The native pathnames in the search path STRING, each checked as per
ENSURE-PATHNAME with CONSTRAINTS; an empty entry gives NIL."
  (loop :for namestring :in (split-string string :separator (string (inter-directory-separator)))
        :collect (unless (emptyp namestring)
                   (apply #'parse-native-namestring namestring constraints))))

(defun getenv-pathname (x &rest constraints &key ensure-directory want-directory on-error &allow-other-keys)
  "The native pathname in the environment variable X (NIL if unset or
empty), checked as per ENSURE-PATHNAME; WANT-DIRECTORY implies
ENSURE-DIRECTORY."
  (apply #'parse-native-namestring (getenvp x)
         :ensure-directory (or ensure-directory want-directory)
         :on-error (or on-error `(error "In (~S ~S), invalid pathname ~*~S: ~*~?" getenv-pathname ,x))
         constraints))

(defun getenv-pathnames (x &rest constraints &key on-error &allow-other-keys)
  "The native pathnames in the search path in the environment variable X,
checked as per ENSURE-PATHNAME; empty entries give NIL."
  (unless (getf constraints :empty-is-nil t)
    (parameter-error "Cannot have EMPTY-IS-NIL false for ~S" 'getenv-pathnames))
  (apply #'split-native-pathnames-string (getenvp x)
         :on-error (or on-error `(error "In (~S ~S), invalid pathname ~*~S: ~*~?" getenv-pathnames ,x))
         :empty-is-nil t
         constraints))

(defun getenv-absolute-directory (x)
  "The absolute directory named in the environment variable X."
  (getenv-pathname x :want-absolute t :ensure-directory t))

(defun getenv-absolute-directories (x)
  "The absolute directories in the search path in the environment variable X."
  (getenv-pathnames x :want-absolute t :ensure-directory t))

(defun lisp-implementation-directory (&key truename)
  "Where this Lisp's own files are installed: clove keeps its library in
the executable, so there is no such directory (NIL), unless CLOVE_HOME
names one."
  (let ((dir (getenv-pathname "CLOVE_HOME" :ensure-directory t)))
    (if (and dir truename) (truename* dir) dir)))

(defun lisp-implementation-pathname-p (pathname)
  "Is PATHNAME under LISP-IMPLEMENTATION-DIRECTORY?"
  (let ((impdir (and pathname (lisp-implementation-directory))))
    (and impdir
         (or (subpathp pathname impdir)
             (and *resolve-symlinks*
                  (let ((true (truename* pathname)) (trueimp (truename* impdir)))
                    (and true trueimp (subpathp true trueimp)))))
         t)))

;;; --- Making, renaming and deleting

(defun ensure-all-directories-exist (pathnames)
  "Creates the directories each of PATHNAMES needs."
  (dolist (p pathnames)
    (when p (ensure-directories-exist (physicalize-pathname p)))))

(defun delete-file-if-exists (x)
  "Deletes the file X if there is one."
  (when x (handler-case (delete-file x) (file-error () nil))))

(defun rename-file-overwriting-target (source target)
  "Renames the file SOURCE to TARGET, atomically replacing any file TARGET."
  (let ((source (ensure-pathname source :namestring :lisp :ensure-physical t :want-file t))
        (target (ensure-pathname target :namestring :lisp :ensure-physical t :want-file t)))
    (rename-file source target)))

(defun delete-empty-directory (directory-pathname)
  "Deletes the empty directory DIRECTORY-PATHNAME (a file-error if it is
not empty or does not exist)."
  (sys::%delete-directory (native-namestring (merge-pathnames* directory-pathname (get-pathname-defaults)))
                          directory-pathname nil))

(defun delete-directory-tree (directory-pathname &key (validate nil validatep) (if-does-not-exist :error))
  "Deletes the directory DIRECTORY-PATHNAME (a physical, non-wild directory
pathname, not a string) and everything in it, as rm -rf does, never
following symbolic links. VALIDATE is required: a function (per
ENSURE-FUNCTION) that must return true for DIRECTORY-PATHNAME before
anything is deleted (:VALIDATE T skips the check). IF-DOES-NOT-EXIST is
:ERROR or :IGNORE."
  (check-type if-does-not-exist (member :error :ignore))
  (let ((dir (ensure-pathname directory-pathname :want-pathname t :want-non-wild t
                                                 :want-physical t :want-directory t)))
    (cond ((not validatep)
           (parameter-error "~S was asked to delete ~S but was not provided a validation predicate"
                            'delete-directory-tree dir))
          ((not (call-function validate dir))
           (parameter-error "~S was asked to delete ~S but it is not valid ~@[according to ~S~]"
                            'delete-directory-tree dir validate))
          ((not (directory-exists-p dir))
           (ecase if-does-not-exist
             (:error (error "~S was asked to delete ~S but the directory does not exist"
                            'delete-directory-tree dir))
             (:ignore nil)))
          (t (sys::%delete-directory (native-namestring (merge-pathnames* dir (get-pathname-defaults)))
                                     dir t)))))
