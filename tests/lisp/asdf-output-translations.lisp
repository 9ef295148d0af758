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

(make-conf "one.conf" "(:output-translations (\"/h2-a/\" \"/h2-b/\") :ignore-inherited-configuration)")
(make-conf "conf.d/20-d.conf" "(\"/h2-e/\" \"/h2-f/\")")
(make-conf "conf.d/10-c.conf" "(\"/h2-c/\" \"/h2-d/\") (\"/h2-keep/\" t)")
(make-conf "conf.d/30-ignored.txt" "(\"/h2-g/\" \"/h2-h/\")")
(make-conf "bad.conf" "(:output-translations (\"/a/\" \"/b/\" \"/c/\") :ignore-inherited-configuration)")

(check validate-file (asdf/output-translations:validate-output-translations-file (merge-pathnames "one.conf" *root*))
       '(:output-translations ("/h2-a/" "/h2-b/") :ignore-inherited-configuration))
(check validate-directory
       (asdf/output-translations:validate-output-translations-directory (merge-pathnames "conf.d/" *root*))
       '(:output-translations ("/h2-c/" "/h2-d/") ("/h2-keep/" t) ("/h2-e/" "/h2-f/") :inherit-configuration))

;;; --- The table

(check compute
       (without-implementation-entries
        (asdf/output-translations:compute-output-translations (translations-form '("/h2-src/" "/h2-out/") '("/h2-same/" nil))))
       `(("/h2-out/**/*.*" t) ("/h2-src/**/*.*" "/h2-out/**/*.*") ("/h2-same/**/*.*" t)
         ,@(user-cache-entries)))
(check compute-duplicates-dropped
       (without-implementation-entries
        (asdf/output-translations:compute-output-translations (translations-form '("/h2-a/" "/h2-out/") '("/h2-b/" "/h2-out/"))))
       `(("/h2-out/**/*.*" t) ("/h2-a/**/*.*" "/h2-out/**/*.*") ("/h2-b/**/*.*" "/h2-out/**/*.*")
         ,@(user-cache-entries)))
(check initialize-returns-and-sorts
       (with-fresh-translations
         (let ((entries (asdf/output-translations:initialize-output-translations
                         (translations-form '("/h2-x/" "/h2-y/") '("/h2-x/deeper/" "/h2-z/")))))
           (list (equal entries (asdf/output-translations:compute-output-translations
                                 (translations-form '("/h2-x/" "/h2-y/") '("/h2-x/deeper/" "/h2-z/"))))
                 (let ((sources (mapcar (lambda (entry) (princ-to-string (first entry)))
                                        (asdf/output-translations:output-translations))))
                   (< (position "/h2-x/deeper/**/*.*" sources :test #'equal)
                      (position "/h2-x/**/*.*" sources :test #'equal)))
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
         (let ((parameter (translations-form '("/h2-src/" "/h2-out/"))))
           (list (asdf/output-translations:output-translations-initialized-p)
                 (progn (asdf/output-translations:initialize-output-translations parameter)
                        (asdf/output-translations:output-translations-initialized-p))
                 (equal asdf/output-translations:*output-translations-parameter* parameter)
                 (progn (asdf/output-translations:clear-output-translations)
                        (list (asdf/output-translations:output-translations-initialized-p)
                              (asdf/output-translations:output-translations)))
                 ;; Computed again from the remembered parameter.
                 (progn (asdf/output-translations:ensure-output-translations)
                        (namestring (asdf/output-translations:apply-output-translations "/h2-src/a.fasl"))))))
       '(nil t t (nil nil) "/h2-out/a.fasl"))
(check clear-configuration-hook
       (and (member 'asdf/output-translations:clear-output-translations uiop:*clear-configuration-hook*) t)
       t)

;;; --- Translating

(check translate-mapped-and-default
       (translate (translations-form '("/h2-src/" "/h2-out/"))
                  "/h2-src/a/b.fasl" "/h2-out/a/b.fasl" "/h2-elsewhere/c.fasl")
       (list "/h2-out/a/b.fasl" "/h2-out/a/b.fasl" (in-cache "h2-elsewhere/c.fasl")))
(check translate-default-is-the-user-cache
       (translate (translations-form) "/h2-src/a.fasl" (in-cache "x/y.fasl"))
       (list (in-cache "h2-src/a.fasl") (in-cache "x/y.fasl")))
(check translate-most-specific-first
       (translate (translations-form '("/h2-src/" "/h2-out/") '("/h2-src/special/" "/h2-special/"))
                  "/h2-src/special/a.fasl" "/h2-src/other/a.fasl")
       '("/h2-special/a.fasl" "/h2-out/other/a.fasl"))
(check translate-identity
       (translate (translations-form '("/h2-keep/" t) '("/h2-same/" nil) '("/h2-also/"))
                  "/h2-keep/a.fasl" "/h2-same/b.fasl" "/h2-also/c.fasl")
       '("/h2-keep/a.fasl" "/h2-same/b.fasl" "/h2-also/c.fasl"))
(check translate-nil-source-skipped
       (translate (translations-form '(nil "/h2-out/")) "/h2-x/a.fasl")
       (list (in-cache "h2-x/a.fasl")))
(defun rename-output (path wildcard)
  (declare (ignore wildcard))
  (make-pathname :name (concatenate 'string "renamed-" (pathname-name path)) :defaults path))
(check translate-function
       (translate (translations-form '("/h2-fn/" (:function rename-output))) "/h2-fn/a/b.fasl")
       '("/h2-fn/a/renamed-b.fasl"))
(check translate-root-relative
       (translate (translations-form '(:root (:root :**/ "h2-out/" :*.*.*))) "/h2-x/y/z.fasl")
       '("/h2-x/y/h2-out/z.fasl"))
(check translate-to-implementation-subdirectory
       (translate (translations-form '("/h2-src/" ("/h2-out/" :implementation))) "/h2-src/a.fasl")
       (list (format nil "/h2-out/~A/a.fasl" (uiop:implementation-identifier))))
(check translate-disabled
       (list (translate (translations-form :disable-cache) "/h2-x/a.fasl")
             (with-fresh-translations
               (asdf/output-translations:disable-output-translations)
               (namestring (asdf/output-translations:apply-output-translations "/h2-x/a.fasl"))))
       '(("/h2-x/a.fasl") "/h2-x/a.fasl"))
(check translate-string-parameter
       (translate "/h2-src/:/h2-out/" "/h2-src/a.fasl" "/h2-x/a.fasl")
       (list "/h2-out/a.fasl" (in-cache "h2-x/a.fasl")))
(check translate-configuration-file
       (translate (merge-pathnames "one.conf" *root*) "/h2-a/x.fasl")
       '("/h2-b/x.fasl"))
(check translate-include
       (translate (translations-form `(:include ,(merge-pathnames "one.conf" *root*))
                                     `(:include ,(namestring (merge-pathnames "conf.d/" *root*))))
                  "/h2-a/x.fasl" "/h2-c/x.fasl" "/h2-keep/x.fasl" "/h2-e/x.fasl" "/h2-g/x.fasl")
       (list "/h2-b/x.fasl" "/h2-d/x.fasl" "/h2-keep/x.fasl" "/h2-f/x.fasl" (in-cache "h2-g/x.fasl")))
(check translate-include-missing-file
       (translate (translations-form `(:include ,(merge-pathnames "no-such.conf" *root*))) "/h2-a/x.fasl")
       (list (in-cache "h2-a/x.fasl")))
(check-error translate-bad-file
             (translate (translations-form `(:include ,(merge-pathnames "bad.conf" *root*))) "/h2-a/x.fasl")
             asdf/output-translations:invalid-output-translation)
(check-error initialize-bad-form
             (with-fresh-translations
               (asdf/output-translations:initialize-output-translations '(:output-translations (:bogus) :ignore-inherited-configuration)))
             asdf/output-translations:invalid-output-translation)
(check-error initialize-bad-string
             (with-fresh-translations (asdf/output-translations:initialize-output-translations "/h2-a/"))
             error)
(check logical-pathnames-untranslated
       (progn
         (setf (logical-pathname-translations "H2OT") '(("**;*.*.*" "/h2-logical/**/*.*")))
         (with-fresh-translations
           (asdf/output-translations:initialize-output-translations (translations-form))
           (let ((p (logical-pathname "H2OT:A;B.FASL")))
             (eq p (asdf/output-translations:apply-output-translations p)))))
       t)
(check applied-lazily
       (with-fresh-translations
         (asdf/output-translations:apply-output-translations "/h2-x/a.fasl")
         (asdf/output-translations:output-translations-initialized-p))
       t)

;;; --- Through UIOP

(check output-translation-function uiop:*output-translation-function* 'asdf/output-translations:apply-output-translations)
(check compile-file-pathname*
       (with-fresh-translations
         (asdf/output-translations:initialize-output-translations (translations-form '("/h2-src/" "/h2-out/")))
         (list (namestring (uiop:compile-file-pathname* "/h2-src/a/b.lisp"))
               (namestring (uiop:compile-file-pathname* "/h2-x/c.lisp"))
               (namestring (uiop:compile-file-pathname* "/h2-src/a/b.lisp" :output-file "/h2-z/out.fasl"))))
       (list "/h2-out/a/b.fasl" (in-cache "h2-x/c.fasl") "/h2-z/out.fasl"))

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
