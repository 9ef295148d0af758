;;;; UIOP/OS: what this Lisp, machine and operating system are (the
;;;; implementation identifier names the per-Lisp output cache directory),
;;;; features, environment variables and the current directory.

(uiop/package:define-package "UIOP/OS"
  (:use "UIOP/COMMON-LISP" "UIOP/PACKAGE" "UIOP/UTILITY")
  (:export
   "FEATUREP" "OS-UNIX-P" "OS-MACOSX-P" "OS-WINDOWS-P" "OS-GENERA-P" "DETECT-OS" "OS-COND"
   "GETENV" "GETENVP"
   "IMPLEMENTATION-IDENTIFIER" "IMPLEMENTATION-TYPE" "*IMPLEMENTATION-TYPE*"
   "OPERATING-SYSTEM" "ARCHITECTURE" "LISP-VERSION-STRING"
   "HOSTNAME" "GETCWD" "CHDIR"
   "READ-NULL-TERMINATED-STRING" "READ-LITTLE-ENDIAN"
   "PARSE-FILE-LOCATION-INFO" "PARSE-WINDOWS-SHORTCUT"))

(in-package "UIOP/OS")

;;; --- Features and the operating system

(defun featurep (x &optional (*features* *features*))
  "Is the feature expression X (as #+ reads it: keywords, :AND, :OR, :NOT)
true of *FEATURES*?"
  (cond ((atom x) (and (member x *features*) t))
        ((eq (car x) :not)
         (unless (and (consp (cdr x)) (null (cddr x)))
           (parameter-error "~S: malformed feature specification ~S" 'featurep x))
         (not (featurep (cadr x))))
        ((eq (car x) :or) (some #'featurep (cdr x)))
        ((eq (car x) :and) (every #'featurep (cdr x)))
        (t (parameter-error "~S: malformed feature specification ~S" 'featurep x))))

(defun os-macosx-p ()
  "Is the operating system macOS?"
  (featurep '(:or :darwin :macosx)))

(defun os-unix-p ()
  "Is the operating system a Unix?"
  (or (featurep '(:or :unix :cygwin :haiku)) (os-macosx-p)))

(defun os-windows-p ()
  "Is the operating system Windows?"
  (and (not (os-unix-p)) (featurep '(:or :win32 :windows :mswindows :mingw32 :mingw64))))

(defun os-genera-p ()
  "Is the operating system Genera?"
  (featurep :genera))

(defun os-oldmac-p () (featurep :mcl))
(defun os-haiku-p () (featurep :haiku))
(defun os-mezzano-p () (featurep :mezzano))

(defun detect-os ()
  "Sets the features :OS-UNIX, :OS-MACOSX, :OS-WINDOWS... to describe the
operating system, and returns the main one."
  (let ((found nil))
    (loop :for (feature . test) :in '((:os-unix . os-unix-p) (:os-macosx . os-macosx-p)
                                      (:os-windows . os-windows-p) (:os-genera . os-genera-p)
                                      (:os-oldmac . os-oldmac-p) (:os-haiku . os-haiku-p)
                                      (:os-mezzano . os-mezzano-p))
          :do (if (and (or (not found) (member feature '(:os-macosx :os-haiku))) (funcall test))
                  (progn (setf found feature) (pushnew feature *features*))
                  (setf *features* (remove feature *features*))))
    (or found (error "This operating system is neither Unix, nor Windows, nor Genera, nor old MacOS."))))

(defmacro os-cond (&rest clauses)
  "The body of the first clause whose test, evaluated now, is true."
  (loop :for (test . body) :in clauses
        :when (eval test) :return `(progn ,@body)))

(detect-os)

;;; --- Environment variables

(defun getenv (x)
  "The value of the environment variable X, or NIL if it is not set (an
empty string if it is set to one; see GETENVP)."
  (sys::%getenv x))

(defsetf getenv (name) (value)
  "Sets the environment variable NAME to VALUE (NIL removes it)."
  `(sys::%setenv ,name ,value))

(defun getenvp (x)
  "The value of the environment variable X, if it is set and not empty."
  (let ((value (getenv x)))
    (and (not (emptyp value)) value)))

;;; --- What this Lisp is

(defun first-feature (feature-sets)
  "The short and long names of the first entry of FEATURE-SETS (a feature,
or (SHORT . FEATURES)) whose features are present."
  (dolist (x feature-sets)
    (multiple-value-bind (short long expression)
        (if (consp x) (values (first x) (second x) (cons :or (rest x))) (values x x x))
      (when (featurep expression)
        (return (values short long))))))

(defun implementation-type ()
  "The kind of Lisp: :CLOVE here (other Lisps: :SBCL, :CCL, :ECL...)."
  (first-feature '(:clove :abcl (:acl :allegro) (:ccl :clozure) :clisp (:corman :cormanlisp)
                   (:cmu :cmucl :cmu) :clasp :ecl :gcl (:lwpe :lispworks-personal-edition)
                   (:lw :lispworks) :mcl :mezzano :mkcl :sbcl :scl (:smbx :symbolics) :xcl)))

(defvar *implementation-type* (implementation-type)
  "The kind of Lisp, as IMPLEMENTATION-TYPE says.")

(defun operating-system ()
  "The operating system, as a keyword: :LINUX, :MACOSX, :BSD, :WIN..."
  (first-feature '(:cygwin (:win :windows :mswindows :win32 :mingw32) (:linux :linux)
                   (:macosx :macosx :darwin :apple) (:solaris :solaris :sunos)
                   (:bsd :bsd :freebsd :netbsd :openbsd :dragonfly) :unix :genera :mezzano)))

(defun architecture ()
  "The processor, as a keyword: :X64, :X86, :ARM64, :ARM, :PPC64..."
  (first-feature '((:x64 :x86-64 :x86_64 :amd64) (:x86 :x86 :i386 :i486 :i586 :i686)
                   (:ppc64 :ppc64) (:ppc32 :ppc32 :ppc :powerpc) :hppa64 :hppa :sparc64
                   (:sparc32 :sparc32 :sparc) :mipsel :mipseb :mips :alpha
                   (:arm64 :arm64 :aarch64) (:arm :arm) :riscv64)))

(defun lisp-version-string ()
  "This Lisp's version."
  (lisp-implementation-version))

(defvar *implementation-identifier* nil
  "IMPLEMENTATION-IDENTIFIER's answer, once computed, with the features it
was computed from.")

(defun implementation-identifier ()
  "A name for this Lisp's kind, version, operating system and processor,
fit for a directory name (it separates the fasls of different Lisps in
the output cache), e.g. \"clove-0.1.0-linux-x64\"."
  (unless (eq (cdr *implementation-identifier*) *features*)
    (setf *implementation-identifier*
          (cons (substitute-if #\_ (lambda (c) (find c " /:;&^\\|?<>(){}[]$#`'\""))
                               (format nil "~(~A~@{~@[-~A~]~}~)"
                                       (or (implementation-type) (lisp-implementation-type))
                                       (lisp-version-string)
                                       (or (operating-system) (software-type))
                                       (or (architecture) (machine-type))))
                *features*)))
  (copy-seq (car *implementation-identifier*)))

;;; --- The machine and the current directory

(defun hostname ()
  "The name of this host."
  (machine-instance))

(defun getcwd ()
  "The process's current directory, as a directory pathname."
  (parse-namestring (sys::%current-directory)))

(defun chdir (x)
  "Changes the process's current directory to the directory X (a pathname
designator; a relative one is relative to the current directory).
*DEFAULT-PATHNAME-DEFAULTS* is left alone (see WITH-CURRENT-DIRECTORY)."
  (let ((name (namestring (pathname x))))
    (sys::%chdir (if (string= name "") "." name))))

;;; --- Windows shortcuts (.lnk files), read as binary data

(defparameter *link-initial-dword* 76)
(defparameter *link-guid* #(1 20 2 0 0 0 0 0 192 0 0 0 0 0 0 70))

(defun read-null-terminated-string (s)
  "The characters (one per byte) read from the octet stream S up to a zero byte."
  (with-output-to-string (out)
    (loop :for code = (read-byte s)
          :until (zerop code)
          :do (write-char (code-char code) out))))

(defun read-little-endian (s &optional (bytes 4))
  "The unsigned number made of the next BYTES octets of S, least significant first."
  (loop :for i :below bytes :sum (ash (read-byte s) (* 8 i))))

(defun parse-file-location-info (s)
  "The path in the file location information of a shortcut, read from S."
  (let* ((start (file-position s))
         (fields (loop :repeat 7 :collect (read-little-endian s)))
         (flags (third fields))
         (local-offset (fifth fields))
         (network-volume-offset (sixth fields))
         (remaining-offset (seventh fields)))
    (unless (zerop flags)
      (cond ((logbitp 0 flags) (file-position s (+ start local-offset)))
            ((logbitp 1 flags) (file-position s (+ start network-volume-offset #x14))))
      (strcat (read-null-terminated-string s)
              (progn (file-position s (+ start remaining-offset))
                     (read-null-terminated-string s))))))

(defun parse-windows-shortcut (pathname)
  "The path a Windows shortcut file (.lnk) points to, or NIL if the file
is not a shortcut or is cut short."
  (with-open-file (s pathname :element-type '(unsigned-byte 8))
    (handler-case
        (when (and (= (read-little-endian s) *link-initial-dword*)
                   (let ((guid (make-array (length *link-guid*))))
                     (read-sequence guid s)
                     (equalp guid *link-guid*)))
          (let ((flags (read-little-endian s)))
            (file-position s 76)
            (when (logbitp 0 flags)
              (let ((length (read-little-endian s 2)))
                (file-position s (+ length (file-position s)))))
            (cond ((logbitp 1 flags) (parse-file-location-info s))
                  (t
                   (when (logbitp 2 flags)
                     (let ((length (read-little-endian s 2)))
                       (file-position s (+ length (file-position s)))))
                   (when (logbitp 3 flags)
                     (let ((buffer (make-array (read-little-endian s 2))))
                       (read-sequence buffer s)
                       (map 'string #'code-char buffer)))))))
      (end-of-file () nil))))
