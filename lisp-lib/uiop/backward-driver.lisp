;;;; UIOP/BACKWARD-DRIVER: functions older ASDF and UIOP versions had,
;;;; kept for the programs that still call them; each warns (a style
;;;; warning, as in UIOP 3.3) the first time it is called.

(uiop/package:define-package "UIOP/BACKWARD-DRIVER"
  (:use "UIOP/COMMON-LISP" "UIOP/PACKAGE" "UIOP/UTILITY" "UIOP/VERSION"
        "UIOP/PATHNAME" "UIOP/STREAM" "UIOP/OS" "UIOP/IMAGE" "UIOP/LISP-BUILD" "UIOP/CONFIGURATION")
  (:export
   "COERCE-PATHNAME"
   "USER-CONFIGURATION-DIRECTORIES" "SYSTEM-CONFIGURATION-DIRECTORIES"
   "IN-FIRST-DIRECTORY" "IN-USER-CONFIGURATION-DIRECTORY" "IN-SYSTEM-CONFIGURATION-DIRECTORY"
   "VERSION-COMPATIBLE-P"))

(in-package "UIOP/BACKWARD-DRIVER")

(with-deprecation ((version-deprecation *uiop-version* :style-warning "3.2" :warning "3.4"))
  (defun coerce-pathname (name &key type defaults)
    "Deprecated: use PARSE-UNIX-NAMESTRING."
    (parse-unix-namestring name :type type :defaults defaults))

  (defun user-configuration-directories ()
    "Deprecated: use (XDG-CONFIG-PATHNAMES \"common-lisp\")."
    (xdg-config-pathnames "common-lisp"))

  (defun system-configuration-directories ()
    "Deprecated: use (SYSTEM-CONFIG-PATHNAMES \"common-lisp\")."
    (system-config-pathnames "common-lisp"))

  (defun in-first-directory (dirs x &key (direction :input))
    "Deprecated: the file X in the first of DIRS where it exists (DIRECTION
:INPUT or :PROBE), or in the first of DIRS (:OUTPUT or :IO)."
    (find-preferred-file (mapcar (lambda (dir) (subpathname (ensure-directory-pathname dir) x)) dirs)
                         :direction direction))

  (defun in-user-configuration-directory (x &key (direction :input))
    "Deprecated: the file X in the user's common-lisp configuration directory."
    (xdg-config-pathname `("common-lisp" ,x) direction))

  (defun in-system-configuration-directory (x &key (direction :input))
    "Deprecated: the file X in the system's common-lisp configuration directory."
    (find-preferred-file (system-config-pathnames "common-lisp" x) :direction direction))

  (defun version-compatible-p (provided-version required-version)
    "Deprecated: do the versions have the same major number, PROVIDED-VERSION
being newer or the same?"
    (let ((x (parse-version provided-version nil))
          (y (parse-version required-version nil)))
      (and x y (= (car x) (car y)) (lexicographic<= #'< (cdr y) (cdr x))))))
