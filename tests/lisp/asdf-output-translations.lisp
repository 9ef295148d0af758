;;;; ASDF's output translations (asdf/output-translations): the shell
;;;; syntax and configuration forms, configuration files and directories,
;;;; and where APPLY-OUTPUT-TRANSLATIONS (so UIOP:COMPILE-FILE-PATHNAME*)
;;;; sends a file. Expected values are SBCL+ASDF 3.3.6's: this file passes
;;;; there too, except the checks marked as clove's own. Every
;;;; configuration here ignores the inherited one, so the user's own files
;;;; and environment variables play no part (crates/clove/tests/asdf_config.rs
;;;; checks those). The source directories named here do not exist.

(in-package "CLOVE-TEST")

(defvar *root* (make-scratch-directory "asdf-output-translations"))

(defun make-conf (name contents)
  (let ((p (merge-pathnames name *root*)))
    (ensure-directories-exist p)
    (with-open-file (o p :direction :output :if-exists :supersede)
      (write-string contents o))
    p))

;; SBCL breaks long messages into lines: compared with blanks squashed.
(defun squash (string)
  (format nil "~{~A~^ ~}" (remove "" (uiop:split-string (substitute #\Space #\Newline string) :separator " ")
                                   :test #'string=)))

(defmacro with-fresh-translations (&body body)
  ;; BODY with the translations and their parameter as they are at start
  ;; (not computed): what it computes is forgotten afterwards.
  `(let ((asdf/output-translations:*output-translations-parameter* nil)
         (asdf/output-translations:*output-translations* '()))
     ,@body))

(defun translations-form (&rest directives)
  `(:output-translations ,@directives :ignore-inherited-configuration))

(defun translate (parameter &rest paths)
  ;; Where each of PATHS goes with the translations PARAMETER configures.
  (with-fresh-translations
    (asdf/output-translations:initialize-output-translations parameter)
    (mapcar (lambda (p) (namestring (asdf/output-translations:apply-output-translations p))) paths)))

(defun in-cache (relative)
  ;; RELATIVE under the user cache (where a file goes by default).
  (namestring (merge-pathnames relative (uiop:resolve-location :user-cache :ensure-directory t))))

(defun user-cache-entries ()
  ;; What :ENABLE-USER-CACHE adds to the table (namestrings for pathnames).
  (let ((cache (namestring (uiop:resolve-location :user-cache :ensure-directory t :wilden t))))
    `((,cache t) (t ,cache))))

(defun entry-namestrings (entries)
  ;; ENTRIES with namestrings for pathnames (SBCL's EQUAL ignores pathname
  ;; versions, clove's does not).
  (mapcar (lambda (entry) (mapcar (lambda (x) (if (pathnamep x) (namestring x) x)) entry)) entries))

(defun without-implementation-entries (entries)
  ;; ENTRY-NAMESTRINGS of ENTRIES, less the first on SBCL: ASDF leaves
  ;; SBCL's own directory untranslated, first of all.
  (entry-namestrings #+sbcl (rest entries) #-sbcl entries))

;;; --- The shell-friendly syntax

(check parse-pairs (asdf/output-translations:parse-output-translations-string "/foo:/bar::/baz:")
       '(:output-translations ("/foo" "/bar") :inherit-configuration ("/baz" nil)))
(check parse-one-pair (asdf/output-translations:parse-output-translations-string "/a:/b")
       '(:output-translations ("/a" "/b") :ignore-inherited-configuration))
(check parse-inherit-first (asdf/output-translations:parse-output-translations-string ":/a:/b")
       '(:output-translations :inherit-configuration ("/a" "/b")))
(check parse-empty (list (asdf/output-translations:parse-output-translations-string "")
                         (asdf/output-translations:parse-output-translations-string nil))
       '((:output-translations :inherit-configuration) (:output-translations :inherit-configuration)))
(check parse-quoted (asdf/output-translations:parse-output-translations-string "\"/a:/b\"")
       '(:output-translations ("/a" "/b") :ignore-inherited-configuration))
(check parse-form (asdf/output-translations:parse-output-translations-string
                   "(:output-translations (\"/a/\" \"/b/\") :inherit-configuration)")
       '(:output-translations ("/a/" "/b/") :inherit-configuration))
(check parse-uneven-message
       (handler-case (asdf/output-translations:parse-output-translations-string "/foo")
         (error (e) (princ-to-string e)))
       "Uneven number of components in source to destination mapping: \"/foo\"")
(check parse-two-inherits-message
       (handler-case (asdf/output-translations:parse-output-translations-string "::")
         (error (e) (princ-to-string e)))
       "Only one inherited configuration allowed: \"::\"")
(check parse-not-a-string
       (handler-case (asdf/output-translations:parse-output-translations-string 7)
         (error (e) (princ-to-string e)))
       "Environment string isn't: 7")
(check-error parse-form-without-inheritance
             (asdf/output-translations:parse-output-translations-string "(:output-translations (\"/a/\" \"/b/\"))")
             asdf/output-translations:invalid-output-translation)

;;; --- Validating forms

(check validate-directives
       (mapcar (lambda (d) (and (asdf/output-translations:validate-output-translations-directive d) t))
               '(:enable-user-cache :disable-cache nil t (t) (t t) (t nil) ("/a/" "/b/") ("/a/")
                 ("/a/" (:function identity)) ("/a/" (:function)) (:include "/x.conf") (:include nil)
                 (:include 42) (:root (:root :**/ :implementation :*.*.*)) ("/a/" "/b/" "/c/")
                 (:home :user-cache) (:bogus "/x/") :inherit-configuration ("rel/" "/b/")))
       '(t t t nil t t t t t t nil t t nil t nil t nil nil t))
(check invalid-directive-message
       (handler-case (asdf/output-translations:validate-output-translations-form
                      '(:output-translations (:bogus) :inherit-configuration) :location "/x.conf")
         (asdf/output-translations:invalid-output-translation (c) (princ-to-string c)))
       "Invalid asdf output-translation (:BOGUS) in \"/x.conf\" (will be skipped)")
(check invalid-output-translation-is-a-warning
       (handler-case (asdf/output-translations:validate-output-translations-form
                      '(:output-translations (:bogus) :inherit-configuration))
         (warning (c) (typep c 'uiop:invalid-configuration)))
       t)
(check no-inheritance-message
       (handler-case (asdf/output-translations:validate-output-translations-form
                      '(:output-translations ("/a/" "/b/")))
         (asdf/output-translations:invalid-output-translation (c) (squash (princ-to-string c))))
       "Invalid source registry (:OUTPUT-TRANSLATIONS (\"/a/\" \"/b/\")). One and only one of :INHERIT-CONFIGURATION or :IGNORE-INHERITED-CONFIGURATION is required. (will be skipped)")
(check-error wrong-tag (asdf/output-translations:validate-output-translations-form
                        '(:source-registry :inherit-configuration))
             asdf/output-translations:invalid-output-translation)

(make-conf "one.conf" "(:output-translations (\"/ot-a/\" \"/ot-b/\") :ignore-inherited-configuration)")
(make-conf "conf.d/20-d.conf" "(\"/ot-e/\" \"/ot-f/\")")
(make-conf "conf.d/10-c.conf" "(\"/ot-c/\" \"/ot-d/\") (\"/ot-keep/\" t)")
(make-conf "conf.d/30-ignored.txt" "(\"/ot-g/\" \"/ot-h/\")")
(make-conf "bad.conf" "(:output-translations (\"/a/\" \"/b/\" \"/c/\") :ignore-inherited-configuration)")

(check validate-file (asdf/output-translations:validate-output-translations-file (merge-pathnames "one.conf" *root*))
       '(:output-translations ("/ot-a/" "/ot-b/") :ignore-inherited-configuration))
(check validate-directory
       (asdf/output-translations:validate-output-translations-directory (merge-pathnames "conf.d/" *root*))
       '(:output-translations ("/ot-c/" "/ot-d/") ("/ot-keep/" t) ("/ot-e/" "/ot-f/") :inherit-configuration))

;;; --- The table

(check compute
       (without-implementation-entries
        (asdf/output-translations:compute-output-translations (translations-form '("/ot-src/" "/ot-out/") '("/ot-same/" nil))))
       `(("/ot-out/**/*.*" t) ("/ot-src/**/*.*" "/ot-out/**/*.*") ("/ot-same/**/*.*" t)
         ,@(user-cache-entries)))
(check compute-duplicates-dropped
       (without-implementation-entries
        (asdf/output-translations:compute-output-translations (translations-form '("/ot-a/" "/ot-out/") '("/ot-b/" "/ot-out/"))))
       `(("/ot-out/**/*.*" t) ("/ot-a/**/*.*" "/ot-out/**/*.*") ("/ot-b/**/*.*" "/ot-out/**/*.*")
         ,@(user-cache-entries)))
(check initialize-returns-and-sorts
       (with-fresh-translations
         (let ((entries (asdf/output-translations:initialize-output-translations
                         (translations-form '("/ot-x/" "/ot-y/") '("/ot-x/deeper/" "/ot-z/")))))
           (list (equal entries (asdf/output-translations:compute-output-translations
                                 (translations-form '("/ot-x/" "/ot-y/") '("/ot-x/deeper/" "/ot-z/"))))
                 (let ((sources (mapcar (lambda (entry) (princ-to-string (first entry)))
                                        (asdf/output-translations:output-translations))))
                   (< (position "/ot-x/deeper/**/*.*" sources :test #'equal)
                      (position "/ot-x/**/*.*" sources :test #'equal)))
                 (first (entry-namestrings (last (asdf/output-translations:output-translations)))))))
       `(t t ,(second (user-cache-entries))))
(check setf-output-translations-sorts
       (with-fresh-translations
         (setf (asdf/output-translations:output-translations)
               '((t t) (#p"/a/**/*.*" t) (#p"/a/b/c/**/*.*" t) (#p"/a/b/**/*.*" t)))
         (mapcar #'first (asdf/output-translations:output-translations)))
       '(#p"/a/b/c/**/*.*" #p"/a/b/**/*.*" #p"/a/**/*.*" t))
(check state
       (with-fresh-translations
         (let ((parameter (translations-form '("/ot-src/" "/ot-out/"))))
           (list (asdf/output-translations:output-translations-initialized-p)
                 (progn (asdf/output-translations:initialize-output-translations parameter)
                        (asdf/output-translations:output-translations-initialized-p))
                 (equal asdf/output-translations:*output-translations-parameter* parameter)
                 (progn (asdf/output-translations:clear-output-translations)
                        (list (asdf/output-translations:output-translations-initialized-p)
                              (asdf/output-translations:output-translations)))
                 ;; Computed again from the remembered parameter.
                 (progn (asdf/output-translations:ensure-output-translations)
                        (namestring (asdf/output-translations:apply-output-translations "/ot-src/a.fasl"))))))
       '(nil t t (nil nil) "/ot-out/a.fasl"))
(check clear-configuration-hook
       (and (member 'asdf/output-translations:clear-output-translations uiop:*clear-configuration-hook*) t)
       t)

;;; --- Translating

(check translate-mapped-and-default
       (translate (translations-form '("/ot-src/" "/ot-out/"))
                  "/ot-src/a/b.fasl" "/ot-out/a/b.fasl" "/ot-elsewhere/c.fasl")
       (list "/ot-out/a/b.fasl" "/ot-out/a/b.fasl" (in-cache "ot-elsewhere/c.fasl")))
(check translate-default-is-the-user-cache
       (translate (translations-form) "/ot-src/a.fasl" (in-cache "x/y.fasl"))
       (list (in-cache "ot-src/a.fasl") (in-cache "x/y.fasl")))
(check translate-most-specific-first
       (translate (translations-form '("/ot-src/" "/ot-out/") '("/ot-src/special/" "/ot-special/"))
                  "/ot-src/special/a.fasl" "/ot-src/other/a.fasl")
       '("/ot-special/a.fasl" "/ot-out/other/a.fasl"))
(check translate-identity
       (translate (translations-form '("/ot-keep/" t) '("/ot-same/" nil) '("/ot-also/"))
                  "/ot-keep/a.fasl" "/ot-same/b.fasl" "/ot-also/c.fasl")
       '("/ot-keep/a.fasl" "/ot-same/b.fasl" "/ot-also/c.fasl"))
(check translate-nil-source-skipped
       (translate (translations-form '(nil "/ot-out/")) "/ot-x/a.fasl")
       (list (in-cache "ot-x/a.fasl")))
(defun rename-output (path wildcard)
  (declare (ignore wildcard))
  (make-pathname :name (concatenate 'string "renamed-" (pathname-name path)) :defaults path))
(check translate-function
       (translate (translations-form '("/ot-fn/" (:function rename-output))) "/ot-fn/a/b.fasl")
       '("/ot-fn/a/renamed-b.fasl"))
(check translate-root-relative
       (translate (translations-form '(:root (:root :**/ "ot-out/" :*.*.*))) "/ot-x/y/z.fasl")
       '("/ot-x/y/ot-out/z.fasl"))
(check translate-to-implementation-subdirectory
       (translate (translations-form '("/ot-src/" ("/ot-out/" :implementation))) "/ot-src/a.fasl")
       (list (format nil "/ot-out/~A/a.fasl" (uiop:implementation-identifier))))
(check translate-disabled
       (list (translate (translations-form :disable-cache) "/ot-x/a.fasl")
             (with-fresh-translations
               (asdf/output-translations:disable-output-translations)
               (namestring (asdf/output-translations:apply-output-translations "/ot-x/a.fasl"))))
       '(("/ot-x/a.fasl") "/ot-x/a.fasl"))
(check translate-string-parameter
       (translate "/ot-src/:/ot-out/" "/ot-src/a.fasl" "/ot-x/a.fasl")
       (list "/ot-out/a.fasl" (in-cache "ot-x/a.fasl")))
(check translate-configuration-file
       (translate (merge-pathnames "one.conf" *root*) "/ot-a/x.fasl")
       '("/ot-b/x.fasl"))
(defun fn-configuration () (translations-form '("/ot-src/" "/ot-out/")))
(check translate-function-name-parameter
       (translate 'fn-configuration "/ot-src/a.fasl")
       '("/ot-out/a.fasl"))
(check translate-include
       (translate (translations-form `(:include ,(merge-pathnames "one.conf" *root*))
                                     `(:include ,(namestring (merge-pathnames "conf.d/" *root*))))
                  "/ot-a/x.fasl" "/ot-c/x.fasl" "/ot-keep/x.fasl" "/ot-e/x.fasl" "/ot-g/x.fasl")
       (list "/ot-b/x.fasl" "/ot-d/x.fasl" "/ot-keep/x.fasl" "/ot-f/x.fasl" (in-cache "ot-g/x.fasl")))
(check translate-include-missing-file
       (translate (translations-form `(:include ,(merge-pathnames "no-such.conf" *root*))) "/ot-a/x.fasl")
       (list (in-cache "ot-a/x.fasl")))
(check-error translate-bad-file
             (translate (translations-form `(:include ,(merge-pathnames "bad.conf" *root*))) "/ot-a/x.fasl")
             asdf/output-translations:invalid-output-translation)
(check-error initialize-bad-form
             (with-fresh-translations
               (asdf/output-translations:initialize-output-translations '(:output-translations (:bogus) :ignore-inherited-configuration)))
             asdf/output-translations:invalid-output-translation)
(check-error initialize-bad-string
             (with-fresh-translations (asdf/output-translations:initialize-output-translations "/ot-a/"))
             error)
(check logical-pathnames-untranslated
       (progn
         (setf (logical-pathname-translations "OTTEST") '(("**;*.*.*" "/ot-logical/**/*.*")))
         (with-fresh-translations
           (asdf/output-translations:initialize-output-translations (translations-form))
           (let ((p (logical-pathname "OTTEST:A;B.FASL")))
             (eq p (asdf/output-translations:apply-output-translations p)))))
       t)
(check applied-lazily
       (with-fresh-translations
         (asdf/output-translations:apply-output-translations "/ot-x/a.fasl")
         (asdf/output-translations:output-translations-initialized-p))
       t)

;;; --- Through UIOP

(check output-translation-function uiop:*output-translation-function* 'asdf/output-translations:apply-output-translations)
(check compile-file-pathname*
       (with-fresh-translations
         (asdf/output-translations:initialize-output-translations (translations-form '("/ot-src/" "/ot-out/")))
         (list (namestring (uiop:compile-file-pathname* "/ot-src/a/b.lisp"))
               (namestring (uiop:compile-file-pathname* "/ot-x/c.lisp"))
               (namestring (uiop:compile-file-pathname* "/ot-src/a/b.lisp" :output-file "/ot-z/out.fasl"))))
       (list "/ot-out/a/b.fasl" (in-cache "ot-x/c.fasl") "/ot-z/out.fasl"))

;;; --- The defaults

#+clove
(check wrapping-output-translations (asdf/output-translations:wrapping-output-translations)
       '(:output-translations :inherit-configuration :enable-user-cache))
(check configuration-files
       (mapcar #'namestring
               (list (asdf/output-translations:user-output-translations-pathname :direction :output)
                     (asdf/output-translations:user-output-translations-directory-pathname :direction :output)
                     (asdf/output-translations:system-output-translations-pathname :direction :output)
                     (asdf/output-translations:system-output-translations-directory-pathname :direction :output)))
       (list (namestring (uiop:xdg-config-home "common-lisp/asdf-output-translations.conf"))
             (namestring (uiop:xdg-config-home "common-lisp/asdf-output-translations.conf.d/"))
             "/etc/common-lisp/asdf-output-translations.conf"
             "/etc/common-lisp/asdf-output-translations.conf.d/"))

(uiop:delete-directory-tree *root* :validate t)
