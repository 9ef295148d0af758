;;;; Output translations: where compiled files go (by default
;;;; under the user cache), as ASDF_OUTPUT_TRANSLATIONS and
;;;; output-translations.conf say.
;;;;
;;;; The configuration is read, the first time a translation is needed,
;;;; from a chain of sources: a wrapping configuration, the parameter of
;;;; INITIALIZE-OUTPUT-TRANSLATIONS, the environment variable, the user's
;;;; and the system's asdf-output-translations.conf and .conf.d/. Each
;;;; source goes on to the next only where it says :INHERIT-CONFIGURATION.
;;;; The result is a table of (source destination) pairs, the most specific
;;;; source first; APPLY-OUTPUT-TRANSLATIONS (UIOP's
;;;; *OUTPUT-TRANSLATION-FUNCTION*) maps a pathname by the first that matches.

(uiop:define-package :asdf/output-translations
  (:use :uiop/common-lisp :uiop :asdf/upgrade)
  (:export #:*output-translations* #:*output-translations-parameter*
    #:apply-output-translations #:clear-output-translations
    #:compute-output-translations #:disable-output-translations
    #:ensure-output-translations #:environment-output-translations
    #:initialize-output-translations #:invalid-output-translation
    #:output-translations #:output-translations-initialized-p
    #:parse-output-translations-string #:process-output-translations
    #:system-output-translations-directory-pathname
    #:system-output-translations-pathname
    #:user-output-translations-directory-pathname
    #:user-output-translations-pathname
    #:validate-output-translations-directive
    #:validate-output-translations-directory
    #:validate-output-translations-file #:validate-output-translations-form
    #:wrapping-output-translations))

(in-package :asdf/output-translations)

(define-condition invalid-output-translation (invalid-configuration warning)
  ((format :initform "~@<Invalid asdf output-translation ~S~@[ in ~S~]~@{ ~@?~}~@:>"))
  (:documentation "An output translations configuration form or directive that
is not valid (signalled with ERROR, though it is a warning)."))

;;; --- The table

(defvar *output-translations* '()
  "NIL until the translations are computed; then a list of one element, the
table: (source destination) pairs, sources with longer directories first.")

(defvar *output-translations-parameter* nil
  "The parameter INITIALIZE-OUTPUT-TRANSLATIONS was last called with (so the
translations can be computed again the same way).")

(defun output-translations ()
  "The table of output translations, once computed (else NIL)."
  (car *output-translations*))

(defun source-specificity (entry)
  ;; How deep an entry's source is: T, which matches anything, comes last.
  (let ((source (car entry)))
    (if (eq source t)
        -1
        (let ((directory (normalize-pathname-directory-component (pathname-directory source))))
          (if (listp directory) (length directory) 0)))))

(defun (setf output-translations) (new-value)
  "Installs NEW-VALUE, a list of (source destination) pairs, as the table,
ordered so that deeper sources are tried first."
  (setf *output-translations*
        (list (stable-sort (copy-list new-value) #'> :key #'source-specificity)))
  new-value)

(defun output-translations-initialized-p ()
  "True once the output translations have been computed."
  (and *output-translations* t))

(defun clear-output-translations ()
  "Forgets the output translations: they are computed again when next needed."
  (setf *output-translations* '())
  (values))

(register-clear-configuration-hook 'clear-output-translations)

;;; --- Validating configuration

(defun validate-output-translations-directive (directive)
  "True if DIRECTIVE may appear in an (:OUTPUT-TRANSLATIONS ...) form:
:ENABLE-USER-CACHE, :DISABLE-CACHE, NIL, (:INCLUDE file-or-directory), or
(source [destination]) where the source is a location designator and the
destination a location designator or (:FUNCTION f)."
  (cond ((member directive '(:enable-user-cache :disable-cache nil)) t)
        ((not (consp directive)) nil)
        ((length=n-p directive 1) (location-designator-p (first directive)))
        ((length=n-p directive 2)
         (destructuring-bind (source destination) directive
           (if (eq source :include)
               (typep destination '(or string pathname null))
               (and (location-designator-p source)
                    (or (location-designator-p destination)
                        (location-function-p destination))))))
        (t nil)))

(defun validate-output-translations-form (form &key location)
  "FORM, an (:OUTPUT-TRANSLATIONS directive...) form, checked: an invalid
directive signals INVALID-OUTPUT-TRANSLATION (unless the form says
:IGNORE-INVALID-ENTRIES). LOCATION says where FORM comes from."
  (validate-configuration-form form :output-translations 'validate-output-translations-directive
                               :location location :invalid-form-reporter 'invalid-output-translation))

(defun validate-output-translations-file (file)
  "The output translations configuration form in FILE, validated."
  (validate-configuration-file file 'validate-output-translations-form
                               :description "output translations"))

(defun validate-output-translations-directory (directory)
  "The configuration made of the directives in DIRECTORY's *.conf files."
  (validate-configuration-directory directory :output-translations
                                    'validate-output-translations-directive
                                    :invalid-form-reporter 'invalid-output-translation))

;;; --- The shell-friendly syntax

(defun parse-output-translations-string (string &key location)
  "The configuration form STRING stands for. NIL or \"\" inherits; a string
starting with ( is read as a form, one starting with a double quote as a
string to parse in turn; otherwise it is a :-separated list of source and
destination directories in pairs, an empty destination meaning the
source itself, and one empty entry (where a source would be) splicing in
the inherited configuration."
  (cond ((or (null string) (equal string ""))
         '(:output-translations :inherit-configuration))
        ((not (stringp string))
         (error "~@<Environment string isn't: ~3i~_~S~@:>" string))
        ((eql (char string 0) #\")
         (parse-output-translations-string (read-from-string string) :location location))
        ((eql (char string 0) #\()
         (validate-output-translations-form (read-from-string string) :location location))
        (t
         (let ((entries (split-string string :separator (string (inter-directory-separator))))
               (directives '())
               (source nil)
               (inherit nil))
           (dolist (entry entries)
             (cond (source
                    (push (list source (if (equal entry "") nil entry)) directives)
                    (setf source nil))
                   ((equal entry "")
                    (when inherit
                      (error "~@<Only one inherited configuration allowed: ~3i~_~S~@:>" string))
                    (setf inherit t)
                    (push :inherit-configuration directives))
                   (t (setf source entry))))
           (when source
             (error "~@<Uneven number of components in source to destination mapping: ~3i~_~S~@:>"
                    string))
           (unless inherit
             (push :ignore-inherited-configuration directives))
           `(:output-translations ,@(nreverse directives))))))

;;; --- Where the configuration comes from

(defvar *default-output-translations*
  '(environment-output-translations
    user-output-translations-pathname
    user-output-translations-directory-pathname
    system-output-translations-pathname
    system-output-translations-directory-pathname)
  "The sources of configuration consulted after the parameter, in order:
each a function returning a configuration (form, string, pathname or NIL).")

(defun wrapping-output-translations ()
  "The configuration around all others: whatever is inherited, then every
other file mapped into the user cache. (clove has no precompiled systems
of its own to leave untranslated.)"
  '(:output-translations :inherit-configuration :enable-user-cache))

(defparameter *output-translations-file*
  (parse-unix-namestring "common-lisp/asdf-output-translations.conf"))
(defparameter *output-translations-directory*
  (parse-unix-namestring "common-lisp/asdf-output-translations.conf.d/"))

(defun user-output-translations-pathname (&key (direction :input))
  "The user's asdf-output-translations.conf under the XDG configuration
directories (the first that exists for :INPUT, the first candidate for :OUTPUT)."
  (xdg-config-pathname *output-translations-file* direction))

(defun system-output-translations-pathname (&key (direction :input))
  "The system-wide /etc/common-lisp/asdf-output-translations.conf."
  (find-preferred-file (system-config-pathnames *output-translations-file*) :direction direction))

(defun user-output-translations-directory-pathname (&key (direction :input))
  "The user's asdf-output-translations.conf.d/ directory."
  (xdg-config-pathname *output-translations-directory* direction))

(defun system-output-translations-directory-pathname (&key (direction :input))
  "The system-wide /etc/common-lisp/asdf-output-translations.conf.d/ directory."
  (find-preferred-file (system-config-pathnames *output-translations-directory*) :direction direction))

(defun environment-output-translations ()
  "The value of ASDF_OUTPUT_TRANSLATIONS (NIL if unset)."
  (getenv "ASDF_OUTPUT_TRANSLATIONS"))

;;; --- Processing the configuration

(defgeneric process-output-translations (spec &key inherit collect)
  (:documentation "Processes the configuration SPEC (a form, a string in the
shell syntax, a configuration file or directory pathname, a symbol naming
a function that returns a configuration, or NIL), calling COLLECT with
each (source destination) entry; INHERIT is the list of configurations
:INHERIT-CONFIGURATION stands for."))

(defun inherit-output-translations (inherit &key collect)
  ;; Processes the first of the configurations INHERIT, the rest being
  ;; what it inherits in turn.
  (when inherit
    (process-output-translations (first inherit) :collect collect :inherit (rest inherit))))

(defun resolve-translation-source (source)
  ;; A source location as a wild pathname (symbolic links resolved), or T.
  (if (eq source t)
      t
      (let ((location (resolve-location source :ensure-directory t :wilden t)))
        (if (absolute-pathname-p location) (resolve-symlinks* location) location))))

(defun process-output-translations-directive (directive &key inherit collect)
  (if (atom directive)
      (ecase directive
        (:enable-user-cache
         (process-output-translations-directive '(t :user-cache) :collect collect))
        (:disable-cache
         (process-output-translations-directive '(t t) :collect collect))
        (:inherit-configuration
         (inherit-output-translations inherit :collect collect))
        ((:ignore-inherited-configuration :ignore-invalid-entries nil)
         nil))
      (destructuring-bind (source &optional destination) directive
        (cond ((eq source :include)
               (when destination
                 (process-output-translations (pathname destination) :inherit nil :collect collect)))
              ((null source))
              (t
               (let ((source (resolve-translation-source source)))
                 (cond ((location-function-p destination)
                        (funcall collect (list source (ensure-function (second destination)))))
                       ((typep destination 'boolean)
                        (funcall collect (list source t)))
                       (t
                        ;; What is already under the destination stays there.
                        (let ((destination (resolve-location destination :ensure-directory t :wilden t)))
                          (funcall collect (list destination t))
                          (funcall collect (list source destination)))))))))))

(defmethod process-output-translations ((x symbol) &key (inherit *default-output-translations*) collect)
  (process-output-translations (funcall x) :inherit inherit :collect collect))

(defmethod process-output-translations ((pathname pathname) &key inherit collect)
  (cond ((directory-pathname-p pathname)
         (process-output-translations (validate-output-translations-directory pathname)
                                      :inherit inherit :collect collect))
        ((probe-file* pathname :truename *resolve-symlinks*)
         (process-output-translations (validate-output-translations-file pathname)
                                      :inherit inherit :collect collect))
        (t (inherit-output-translations inherit :collect collect))))

(defmethod process-output-translations ((string string) &key inherit collect)
  (process-output-translations (parse-output-translations-string string)
                               :inherit inherit :collect collect))

(defmethod process-output-translations ((x null) &key inherit collect)
  (inherit-output-translations inherit :collect collect))

(defmethod process-output-translations ((form cons) &key inherit collect)
  (dolist (directive (cdr (validate-output-translations-form form)))
    (process-output-translations-directive directive :inherit inherit :collect collect)))

;;; --- Computing and using the translations

(defun compute-output-translations (&optional parameter)
  "The list of (source destination) entries the configuration makes, with
PARAMETER (a configuration, as PROCESS-OUTPUT-TRANSLATIONS takes) first in
line after the wrapping; each entry once, in order."
  (remove-duplicates
   (while-collecting (collect)
     (inherit-output-translations
      `(wrapping-output-translations ,parameter ,@*default-output-translations*)
      :collect #'collect))
   :test 'equal :from-end t))

(defun initialize-output-translations (&optional (parameter *output-translations-parameter*))
  "Computes the output translations (with PARAMETER, remembered for later)
and installs them; returns the entries."
  (setf *output-translations-parameter* parameter
        (output-translations) (compute-output-translations parameter)))

(defun disable-output-translations ()
  "Installs translations that map every pathname to itself."
  (initialize-output-translations '(:output-translations :disable-cache :ignore-inherited-configuration)))

(defun ensure-output-translations ()
  "The output translations, computed first if they have not been."
  (if (output-translations-initialized-p)
      (output-translations)
      (initialize-output-translations)))

;;; Most tables (the default one, and those of directories mapped to
;;; directories) have only entries whose source is T or /a/b/**/*.*.* and
;;; whose destination is T or /c/**/*.*.*: translating a pathname by such
;;; an entry replaces the leading directories a/b by c. Such a table is
;;; compiled once into a list of (source-words . destination-words-or-T),
;;; applied by comparing directory lists; any other table is applied by
;;; TRANSLATE-PATHNAME*, entry by entry.

(defvar *compiled-output-translations* '(nil . nil)
  "The table of output translations last compiled, and what it compiled to:
a list of (source-words . destination), or :GENERAL.")

(defun tree-pattern-words (pattern)
  ;; The directory words w1...wn of a physical pattern /w1/.../wn/**/*.*
  ;; (no host or device, plain words, any version for a source, none or
  ;; :WILD for a destination), or :NONE.
  (let ((directory (and (pathnamep pattern) (pathname-directory pattern))))
    (if (and directory
             (not (logical-pathname-p pattern))
             (null (pathname-host pattern)) (null (pathname-device pattern))
             (eq (first directory) :absolute)
             (eq (car (last directory)) :wild-inferiors)
             (eq (pathname-name pattern) :wild) (eq (pathname-type pattern) :wild)
             (member (pathname-version pattern) '(nil :wild)))
        (let ((words (butlast (rest directory))))
          (if (every (lambda (w) (and (stringp w) (not (find #\* w)) (not (find #\? w))))
                     words)
              words
              :none))
        :none)))

(defun compile-output-translations (table)
  ;; TABLE as a list of (source-words . destination), or :GENERAL.
  (block nil
    (mapcar (lambda (entry)
              (destructuring-bind (source destination) entry
                (let ((from (if (eq source t) '() (tree-pattern-words source)))
                      (to (if (eq destination t) t (tree-pattern-words destination))))
                  (when (or (eq from :none) (eq to :none))
                    (return :general))
                  (cons from to))))
            table)))

(defun compiled-output-translations ()
  (let ((table (output-translations)))
    (unless (eq (car *compiled-output-translations*) table)
      (setf *compiled-output-translations* (cons table (compile-output-translations table))))
    (cdr *compiled-output-translations*)))

(defun translate-by-words (p compiled)
  ;; P, an absolute physical pathname, translated by the first entry of
  ;; COMPILED whose source words begin its directory.
  (let ((words (rest (pathname-directory p))))
    (dolist (entry compiled p)
      (let ((rest words))
        (when (dolist (w (car entry) t)
                (unless (and rest (equal w (first rest))) (return nil))
                (setf rest (rest rest)))
          (return
            (if (eq (cdr entry) t)
                p
                (sys::%make-pathname nil nil (list* :absolute (append (cdr entry) rest))
                                     (pathname-name p) (pathname-type p) (pathname-version p) nil))))))))

(defun apply-output-translations (path)
  "Where the output for PATH goes: PATH (symbolic links resolved) translated
by the first entry of the table whose source matches it, or PATH itself if
none does. Logical pathnames are never translated."
  (etypecase path
    (logical-pathname path)
    ((or pathname string)
     (ensure-output-translations)
     (let ((p (resolve-symlinks* path))
           (compiled (compiled-output-translations)))
       (when (and (listp compiled) (pathnamep p)
                  (null (pathname-host p)) (null (pathname-device p))
                  (eq (first (pathname-directory p)) :absolute))
         (return-from apply-output-translations (translate-by-words p compiled)))
       (dolist (entry (output-translations) p)
         (destructuring-bind (source destination) entry
           (let* ((root (when (or (eq source t) (not (absolute-pathname-p source)))
                          (pathname-root p)))
                  (absolute-source (cond ((eq source t) (wilden root))
                                         (root (merge-pathnames* source root))
                                         (t source))))
             (when (or (eq source t) (pathname-match-p p absolute-source))
               (return (translate-pathname* p absolute-source destination root source))))))))))

;; UIOP's COMPILE-FILE-PATHNAME* (and so COMPILE-FILE*) translate through this.
(setf *output-translation-function* 'apply-output-translations)
