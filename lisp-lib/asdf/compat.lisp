;;;; clove's compatibility systems (a clove addition). Some libraries exist
;;;; only to map one API onto each Lisp implementation and refuse a Lisp
;;;; they do not know (trivial-gray-streams' package form does not even read
;;;; on one). clove ships its own implementation of each such system, with
;;;; the same name, packages and exports, on clove's primitives
;;;; (lisp-lib/compat/, embedded in the binary). When such a system is looked
;;;; for, its files are written into the user's cache, where they differ,
;;;; and its .asd there is what find-system loads: the defsystem prefers it
;;;; to a system of the same name on disk, and builds it like any other.
;;;; When the system on disk declares a newer version than the one clove's
;;;; mirrors, a warning says what is used. docs/libraries.md says more.

(uiop:define-package :asdf/compat
  (:use :uiop/common-lisp :uiop :asdf/upgrade :asdf/system :asdf/system-registry)
  (:export #:compatibility-system-p #:sysdef-compat-search #:compatibility-system-warning))

(in-package :asdf/compat)

(export (intern "*COMPATIBILITY-SYSTEMS*" :clove) :clove)

(defvar clove:*compatibility-systems* t
  "Which of clove's compatibility systems the defsystem prefers to a system of the
same name found on disk: T (the default) for all of them, or a list of their names.")

(defvar *compat-index* nil
  "The embedded files of the compatibility systems: a table from a system's name to
a list of (path within its directory . contents), made when first needed.")

(defun compat-index ()
  (or *compat-index*
      (let ((table (make-hash-table :test 'equal)))
        (loop :for (path . text) :in (clove-system::%compat-files)
              :for slash = (position #\/ path)
              :when slash
                :do (push (cons (subseq path (1+ slash)) text) (gethash (subseq path 0 slash) table)))
        (setf *compat-index* table))))

(defun compatibility-system-p (name)
  "The name of the compatibility system that provides the system NAME (its primary
system), if clove has one and CLOVE:*COMPATIBILITY-SYSTEMS* lets it be used."
  (let ((primary (primary-system-name name)))
    (and (nth-value 1 (gethash primary (compat-index)))
         (or (eq clove:*compatibility-systems* t)
             (member primary clove:*compatibility-systems* :test #'equal))
         primary)))

(defun install-compat-system (name)
  "Writes the files of the compatibility system NAME into the user cache, each one
whose contents differ (each through a temporary file); the pathname of its .asd."
  (let ((dir (subpathname *user-cache* (strcat "clove-compat/" name "/"))))
    (loop :for (path . text) :in (gethash name (compat-index))
          :for file = (subpathname dir path)
          :unless (and (probe-file* file)
                       (equal text (read-file-string file :external-format :utf-8)))
            :do (ensure-directories-exist file)
                (with-staging-pathname (staging file)
                  (with-output-file (s staging :if-exists :supersede :external-format :utf-8)
                    (write-string text s))))
    (subpathname dir (strcat name ".asd"))))

(defun declared-version (asd name)
  "The :VERSION string of the DEFSYSTEM of NAME in the file ASD, read without
evaluating anything; NIL if it cannot be told."
  (let ((scratch (make-package (symbol-name (gensym "CLOVE-COMPAT-SCAN")) :use '())))
    (unwind-protect
         (ignore-errors
          (with-safe-io-syntax (:package scratch)
            (with-input-file (s asd :external-format :utf-8)
              (loop :for form = (read s nil s)
                    :until (eq form s)
                    :when (and (consp form) (symbolp (first form))
                               (string-equal (symbol-name (first form)) "DEFSYSTEM")
                               (consp (rest form))
                               (typep (second form) '(or string symbol))
                               (string-equal (string (second form)) name))
                      :return (let ((version (getf (cddr form) :version)))
                                (and (stringp version) version))))))
      (delete-package scratch))))

(define-condition compatibility-system-warning (simple-warning) ()
  (:documentation "A system on disk is newer than the compatibility system clove uses instead."))

(defvar *checked-versions* (make-hash-table :test 'equal)
  "The compatibility systems whose version was compared with the one on disk.")

(defun check-version-on-disk (name asd)
  "Warns, once per process, when the user's configuration finds a definition of NAME
that declares a newer version than clove's compatibility system (its .asd ASD)."
  (unless (gethash name *checked-versions*)
    (setf (gethash name *checked-versions*) t)
    (let* ((theirs-asd (loop :for fn :in *system-definition-search-functions*
                             :for found = (ignore-errors (funcall fn name))
                             :when (typep found '(or pathname string)) :return (pathname found)))
           (theirs (and theirs-asd (declared-version theirs-asd name)))
           (ours (declared-version asd name)))
      (when (and theirs ours (version< ours theirs))
        (warn 'compatibility-system-warning
              :format-control "clove uses its own ~A ~A instead of the newer ~A ~A in ~A: what ~
that version adds is missing. (Remove ~S from CLOVE:*COMPATIBILITY-SYSTEMS* to load yours.)"
              :format-arguments (list name ours name theirs (native-namestring theirs-asd) name))))))

(defun sysdef-compat-search (name)
  "For a system clove has a compatibility system for, the .asd of clove's system,
written into the user cache."
  (let ((system (compatibility-system-p name)))
    (when system
      (let ((asd (install-compat-system system)))
        (check-version-on-disk system asd)
        asd))))

(setf *builtin-search-functions* (append *builtin-search-functions* '(sysdef-compat-search)))
