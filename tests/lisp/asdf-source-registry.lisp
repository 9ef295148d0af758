;;;; ASDF's source registry (asdf/source-registry): the shell syntax and
;;;; configuration forms, and scanning trees generated in a scratch
;;;; directory (nested systems, excluded directories, a
;;;; .cl-source-registry.cache, a .conf.d directory, :here, precedence).
;;;; Expected values are SBCL+ASDF 3.3.6's: this file passes there too,
;;;; except the checks marked as clove's own. Every configuration here
;;;; ignores the inherited one, so the user's own files and environment
;;;; variables play no part (crates/clove/tests/asdf_config.rs checks those).

(in-package "CLOVE-TEST")

(defvar *root* (make-scratch-directory "asdf-source-registry"))

(defun root (name) (merge-pathnames name *root*))
(defun root-namestring (name) (namestring (root name)))

(defun make-file (name &optional (contents ""))
  (let ((p (root name)))
    (ensure-directories-exist p)
    (with-open-file (o p :direction :output :if-exists :supersede)
      (write-string contents o))
    p))

(defun rel (pathname)
  ;; PATHNAME's namestring relative to the scratch directory.
  (and pathname (enough-namestring pathname *root*)))

(dolist (name '("tree/alpha/alpha.asd" "tree/alpha/README" "tree/alpha/test/alpha-test.asd"
                "tree/beta/beta.asd" "tree/beta/src/beta.lisp"
                "tree/beta/_darcs/stale.asd" "tree/beta/.git/gitted.asd" "tree/beta/debian/packaged.asd"
                "tree/dup/dup.asd" "tree/dup/old/dup.asd"
                "tree/b-twin/x/twin.asd" "tree/a-twin/x/twin.asd"
                "tree/cached/listed/listed.asd" "tree/cached/unlisted/unlisted.asd"
                "tree/vendor/skip/skipped.asd" "tree/notes.txt"
                "flat/flat.asd" "flat/below/below.asd"
                "other/alpha.asd"
                "here/sub/deep/here-system.asd" "late/early/early.asd"))
  (make-file name))
(make-file "tree/cached/.cl-source-registry.cache" "(:source-registry-cache \"listed/listed.asd\")")
(make-file "conf.d/10-tree.conf" (format nil "(:tree ~S)" (root-namestring "tree/")))
(make-file "conf.d/20-flat.conf" (format nil "(:directory ~S)" (root-namestring "flat/")))
(make-file "conf.d/30-other.txt" (format nil "(:directory ~S)" (root-namestring "other/")))
(make-file "here/here.conf" "(:source-registry (:tree (:here \"sub/\")) :inherit-configuration)")
(make-file "tree-only.conf" (format nil "(:source-registry (:tree ~S) :ignore-inherited-configuration)"
                                    (root-namestring "tree/")))
(make-file "no-inheritance.conf" (format nil "(:source-registry (:tree ~S))" (root-namestring "flat/")))
(make-file "two-forms.conf" "(:source-registry :inherit-configuration) (:source-registry :inherit-configuration)")

;; SBCL breaks long messages into lines: compared with blanks squashed.
(defun squash (string)
  (format nil "~{~A~^ ~}" (remove "" (uiop:split-string (substitute #\Space #\Newline string) :separator " ")
                                   :test #'string=)))

(defmacro with-fresh-registry (&body body)
  ;; BODY with the registry and its parameter as they are at start (not
  ;; computed): what it computes is forgotten afterwards.
  `(let ((asdf/source-registry:*source-registry-parameter* nil)
         (asdf/source-registry:*source-registry* nil))
     ,@body))

(defun registry-contents ()
  ;; The registry's systems under the scratch directory, as sorted
  ;; (name relative-namestring) lists. (On SBCL it has SBCL's own too.)
  (let ((entries '()))
    (maphash (lambda (name asd)
               (when (uiop:subpathp asd *root*)
                 (push (list name (rel asd)) entries)))
             asdf/source-registry:*source-registry*)
    (sort entries #'string< :key #'first)))

(defun registry-of (parameter)
  (with-fresh-registry
    (asdf/source-registry:initialize-source-registry parameter)
    (registry-contents)))

(defun tree-form (&rest directives)
  `(:source-registry ,@directives :ignore-inherited-configuration))

;;; --- The shell-friendly syntax

(check parse-directories-and-trees (asdf/source-registry:parse-source-registry-string "/a/b/:/c/d//")
       '(:source-registry (:directory "/a/b/") (:tree "/c/d") (:ignore-inherited-configuration)))
(check parse-inherit-in-the-middle (asdf/source-registry:parse-source-registry-string "/a/::/b//")
       '(:source-registry (:directory "/a/") :inherit-configuration (:tree "/b")))
(check parse-trailing-empty-inherits (asdf/source-registry:parse-source-registry-string "/a/:")
       '(:source-registry (:directory "/a/") :inherit-configuration))
(check parse-empty (list (asdf/source-registry:parse-source-registry-string "") (asdf/source-registry:parse-source-registry-string nil))
       '((:source-registry :inherit-configuration) (:source-registry :inherit-configuration)))
(check parse-no-trailing-slash (asdf/source-registry:parse-source-registry-string "/a")
       '(:source-registry (:directory "/a") (:ignore-inherited-configuration)))
(check parse-form (asdf/source-registry:parse-source-registry-string "(:source-registry (:tree \"/x/\") :inherit-configuration)")
       '(:source-registry (:tree "/x/") :inherit-configuration))
(check parse-relative-message
       (handler-case (asdf/source-registry:parse-source-registry-string "rel/:/abs/") (error (e) (princ-to-string e)))
       "source-registry string must specify absolute pathnames: \"rel/:/abs/\"")
(check parse-two-inherits-message
       (handler-case (asdf/source-registry:parse-source-registry-string "/a/:::/b/") (error (e) (princ-to-string e)))
       "Only one inherited configuration allowed: \"/a/:::/b/\"")
(check-error parse-lone-colon (asdf/source-registry:parse-source-registry-string ":") error)
(check parse-not-a-string (handler-case (asdf/source-registry:parse-source-registry-string 42) (error (e) (princ-to-string e)))
       "Environment string isn't: 42")
(check-error parse-quoted-string-is-no-form (asdf/source-registry:parse-source-registry-string "\"/a/\"")
             asdf/source-registry:invalid-source-registry)
(check-error parse-form-without-inheritance
             (asdf/source-registry:parse-source-registry-string "(:source-registry (:tree \"/x/\"))")
             asdf/source-registry:invalid-source-registry)

;;; --- Validating forms

(check validate-directives
       (mapcar (lambda (d) (and (asdf/source-registry:validate-source-registry-directive d) t))
               '(:default-registry (:default-registry) (:default-registry 1) (:tree "/x/") (:tree)
                 (:tree "/x/" "/y/") (:directory (:home "a/")) (:include "/f.conf") (:exclude "a" "b")
                 (:exclude a) (:also-exclude) (:foo) :inherit-configuration (:tree :home) (:tree 42)
                 (:tree nil)))
       '(t t nil t nil nil t t t nil t nil nil t nil t))
(check validate-form (asdf/source-registry:validate-source-registry-form '(:source-registry (:tree "/x/") :inherit-configuration))
       '(:source-registry (:tree "/x/") :inherit-configuration))
(check validate-form-ignoring-invalid-entries
       (asdf/source-registry:validate-source-registry-form
        '(:source-registry :ignore-invalid-entries (:tree "/x/") (:bogus) :inherit-configuration))
       '(:source-registry :ignore-invalid-entries (:tree "/x/") :inherit-configuration))
(check invalid-directive-message
       (handler-case (asdf/source-registry:validate-source-registry-form '(:source-registry (:bogus) :inherit-configuration)
                                                         :location "/x.conf")
         (asdf/source-registry:invalid-source-registry (c) (princ-to-string c)))
       "Invalid source registry (:BOGUS) in \"/x.conf\" (will be skipped)")
(check invalid-source-registry-is-a-warning
       (handler-case (asdf/source-registry:validate-source-registry-form '(:source-registry (:bogus) :inherit-configuration))
         (warning (c) (typep c 'uiop:invalid-configuration)))
       t)
(check-error wrong-tag (asdf/source-registry:validate-source-registry-form '(:output-translations :inherit-configuration))
             asdf/source-registry:invalid-source-registry)
(check two-inheritance-directives-message
       (handler-case (asdf/source-registry:validate-source-registry-form
                      '(:source-registry :inherit-configuration :ignore-inherited-configuration))
         (asdf/source-registry:invalid-source-registry (c) (squash (princ-to-string c))))
       "Invalid source registry (:SOURCE-REGISTRY :INHERIT-CONFIGURATION :IGNORE-INHERITED-CONFIGURATION). One and only one of :INHERIT-CONFIGURATION or :IGNORE-INHERITED-CONFIGURATION is required. (will be skipped)")
(check validate-file (asdf/source-registry:validate-source-registry-file (root "tree-only.conf"))
       `(:source-registry (:tree ,(root-namestring "tree/")) :ignore-inherited-configuration))
(check-error validate-file-two-forms (asdf/source-registry:validate-source-registry-file (root "two-forms.conf")) error)
(check validate-directory (asdf/source-registry:validate-source-registry-directory (root "conf.d/"))
       `(:source-registry (:tree ,(root-namestring "tree/")) (:directory ,(root-namestring "flat/"))
                          :inherit-configuration))

;;; --- Scanning

(check tree-scan (registry-of (tree-form `(:tree ,(root "tree/"))))
       '(("alpha" "tree/alpha/alpha.asd") ("alpha-test" "tree/alpha/test/alpha-test.asd")
         ("beta" "tree/beta/beta.asd") ("dup" "tree/dup/dup.asd") ("listed" "tree/cached/listed/listed.asd")
         ("skipped" "tree/vendor/skip/skipped.asd") ("twin" "tree/a-twin/x/twin.asd")))
(check tree-also-exclude (mapcar #'first (registry-of (tree-form '(:also-exclude "skip") `(:tree ,(root "tree/")))))
       '("alpha" "alpha-test" "beta" "dup" "listed" "twin"))
(check tree-exclude-replaces-defaults
       (mapcar #'first (registry-of (tree-form '(:exclude "skip" "old") `(:tree ,(root "tree/")))))
       '("alpha" "alpha-test" "beta" "dup" "gitted" "listed" "packaged" "stale" "twin"))
(check exclusions-end-with-their-form
       (mapcar #'first (registry-of (tree-form '(:also-exclude "skip") `(:include ,(root "tree-only.conf")))))
       '("alpha" "alpha-test" "beta" "dup" "listed" "skipped" "twin"))
(check directory-is-not-recursive (registry-of (tree-form `(:directory ,(root "flat/"))))
       '(("flat" "flat/flat.asd")))
(check string-parameter (mapcar #'first (registry-of (format nil "~A:~A/" (root-namestring "flat/")
                                                             (root-namestring "tree/"))))
       '("alpha" "alpha-test" "beta" "dup" "flat" "listed" "skipped" "twin"))
(check first-entry-wins
       (list (second (assoc "alpha" (registry-of (tree-form `(:directory ,(root "other/")) `(:tree ,(root "tree/"))))
                            :test #'equal))
             (second (assoc "alpha" (registry-of (tree-form `(:tree ,(root "tree/")) `(:directory ,(root "other/"))))
                            :test #'equal)))
       '("other/alpha.asd" "tree/alpha/alpha.asd"))
(check nil-location-skipped (registry-of (tree-form '(:tree nil) '(:directory nil) `(:directory ,(root "flat/"))))
       '(("flat" "flat/flat.asd")))
(check include-conf-directory (mapcar #'first (registry-of (tree-form `(:include ,(root "conf.d/")))))
       '("alpha" "alpha-test" "beta" "dup" "flat" "listed" "skipped" "twin"))
(check include-with-here (registry-of (tree-form `(:include ,(root "here/here.conf"))))
       '(("here-system" "here/sub/deep/here-system.asd")))
(check pathname-parameter (mapcar #'first (registry-of (root "tree-only.conf")))
       '("alpha" "alpha-test" "beta" "dup" "listed" "skipped" "twin"))
(defun flat-configuration () (tree-form `(:directory ,(root "flat/"))))
(check function-name-parameter (registry-of 'flat-configuration)
       '(("flat" "flat/flat.asd")))
(check-error include-without-inheritance
             (registry-of (tree-form `(:include ,(root "no-inheritance.conf"))))
             asdf/source-registry:invalid-source-registry)
(check-error bad-parameter (registry-of '(:source-registry (:tree "/x/") (:bogus) :ignore-inherited-configuration))
             asdf/source-registry:invalid-source-registry)
(check-error relative-location (registry-of (tree-form '(:tree "relative/")))
             error)
(check missing-directory (registry-of (tree-form `(:tree ,(root "no-such/")) `(:directory ,(root "nor-this/"))))
       '())

(check several-found-warns-when-verbose
       (let ((warnings '()))
         (handler-bind ((warning (lambda (w) (push (princ-to-string w) warnings) (muffle-warning w))))
           (let ((asdf:*verbose-out* (make-broadcast-stream)))
             (registry-of (tree-form `(:tree ,(root "tree/dup/")))))
           (let ((asdf:*verbose-out* nil))
             (registry-of (tree-form `(:tree ,(root "tree/dup/"))))))
         (list (length warnings)
               (and warnings (search "found several entries for dup - picking" (first warnings)) t)))
       '(1 t))

(check symbolic-link-loop
       (progn
         (make-file "looped/sys/looped.asd")
         (uiop:run-program (list "ln" "-s" (root-namestring "looped/") (root-namestring "looped/sys/back")))
         (registry-of (tree-form `(:tree ,(root "looped/")))))
       '(("looped" "looped/sys/looped.asd")))

(check flatten (remove-if-not (lambda (entry) (uiop:subpathp (first entry) *root*))
                              (asdf/source-registry:flatten-source-registry
                               (tree-form `(:directory ,(root "flat/")) '(:also-exclude "skip")
                                          `(:tree ,(root "tree/")) `(:directory ,(root "flat/")))))
       `((,(root "flat/") :recurse nil :exclude nil)
         (,(root "tree/") :recurse t :exclude (,@asdf/source-registry:*default-source-registry-exclusions* "skip"))))

(check process-source-registry
       (let ((registered '()))
         (asdf/source-registry:process-source-registry (tree-form `(:tree ,(root "tree/")) :default-registry)
                                       :register (lambda (directory &key recurse exclude)
                                                   (declare (ignore exclude))
                                                   (push (list directory recurse) registered))
                                       :inherit '())
         (subseq (reverse registered) 0 2))
       `((,(root "tree/") t) (,(merge-pathnames "common-lisp/" (user-homedir-pathname)) t)))

;;; --- The table, lazily computed

(check registry-state
       (with-fresh-registry
         (list (asdf/source-registry:source-registry-initialized-p)
               (progn (asdf/source-registry:ensure-source-registry (tree-form `(:directory ,(root "flat/"))))
                      (asdf/source-registry:source-registry-initialized-p))
               (equal asdf/source-registry:*source-registry-parameter* (tree-form `(:directory ,(root "flat/"))))
               (rel (gethash "flat" asdf/source-registry:*source-registry*))
               ;; Once computed, another parameter changes nothing.
               (progn (asdf/source-registry:ensure-source-registry (tree-form `(:directory ,(root "other/"))))
                      (gethash "alpha" asdf/source-registry:*source-registry*))
               (progn (asdf/source-registry:clear-source-registry) (asdf/source-registry:source-registry-initialized-p))))
       '(nil t t "flat/flat.asd" nil nil))

(check compute-keeps-what-is-there
       (let ((registry (make-hash-table :test 'equal)))
         (setf (gethash "alpha" registry) #p"/somewhere/alpha.asd")
         (asdf/source-registry:compute-source-registry (tree-form `(:tree ,(root "tree/alpha/"))) registry)
         (list (namestring (gethash "alpha" registry)) (rel (gethash "alpha-test" registry))))
       '("/somewhere/alpha.asd" "tree/alpha/test/alpha-test.asd"))

(check sysdef-source-registry-search
       (with-fresh-registry
         (asdf/source-registry:initialize-source-registry (tree-form `(:tree ,(root "tree/"))))
         (mapcar (lambda (name) (rel (asdf/source-registry:sysdef-source-registry-search name)))
                 '("alpha" :beta "alpha/with-a-slash" "no-such-system")))
       '("tree/alpha/alpha.asd" "tree/beta/beta.asd" "tree/alpha/alpha.asd" nil))

(check initialize-again-with-the-same-parameter
       (with-fresh-registry
         (asdf/source-registry:initialize-source-registry (tree-form `(:tree ,(root "late/"))))
         (list (rel (asdf/source-registry:sysdef-source-registry-search "early"))
               (progn (make-file "late/late.asd")
                      (asdf/source-registry:sysdef-source-registry-search "late"))
               (progn (asdf/source-registry:initialize-source-registry)
                      (rel (asdf/source-registry:sysdef-source-registry-search "late")))))
       '("late/early/early.asd" nil "late/late.asd"))

(check search-computes-the-registry
       (with-fresh-registry
         (list (asdf/source-registry:source-registry-initialized-p)
               (asdf/source-registry:sysdef-source-registry-search "surely-no-such-system-here")
               (asdf/source-registry:source-registry-initialized-p)))
       '(nil nil t))

(check clear-configuration-hook
       (and (member 'asdf/source-registry:clear-source-registry uiop:*clear-configuration-hook*) t)
       t)

;;; --- Finding .asd files

(check directory-asd-files (mapcar #'rel (asdf/source-registry:directory-asd-files (root "tree/alpha/")))
       '("tree/alpha/alpha.asd"))
(check collect-asds-in-directory
       (let ((seen '()))
         (list (mapcar #'rel (asdf/source-registry:collect-asds-in-directory
                              (root "flat/") (lambda (asd) (push (rel asd) seen))))
               seen))
       '(("flat/flat.asd") ("flat/flat.asd")))
(defun tree-asds (directory &rest keys)
  (let ((seen '()))
    (apply #'asdf/source-registry:collect-sub*directories-asd-files (root directory)
           :collect (lambda (asd) (push (rel asd) seen)) keys)
    (sort seen #'string<)))
(check recurse-beyond-asds-off (tree-asds "tree/alpha/" :recurse-beyond-asds nil)
       '("tree/alpha/alpha.asd"))
(check recurse-beyond-asds-on (tree-asds "tree/alpha/")
       '("tree/alpha/alpha.asd" "tree/alpha/test/alpha-test.asd"))
(check cache-ignored (tree-asds "tree/cached/" :ignore-cache t)
       '("tree/cached/listed/listed.asd" "tree/cached/unlisted/unlisted.asd"))
(check register-asd-directory
       (let ((seen '()))
         (asdf/source-registry:register-asd-directory (root "flat/") :recurse t :exclude '()
                                                      :collect (lambda (asd) (push (rel asd) seen)))
         (sort seen #'string<))
       '("flat/below/below.asd" "flat/flat.asd"))
(check wild-asd (list (pathname-name asdf/source-registry:*wild-asd*) (pathname-type asdf/source-registry:*wild-asd*))
       '(:wild "asd"))

;;; --- The defaults (clove's own: ASDF on SBCL adds ~/.sbcl/systems/
;;; and SBCL's contribs)

#+clove
(check default-user-source-registry (asdf/source-registry:default-user-source-registry)
       `(:source-registry (:tree (:home "common-lisp/"))
                          (:directory ,(uiop:xdg-data-home "common-lisp/systems/"))
                          (:tree ,(uiop:xdg-data-home "common-lisp/source/"))
                          :inherit-configuration))
(check default-system-source-registry (asdf/source-registry:default-system-source-registry)
       `(:source-registry ,@(loop for dir in (uiop:xdg-data-dirs "common-lisp/")
                                  collect `(:directory (,dir "systems/"))
                                  collect `(:tree (,dir "source/")))
                          :inherit-configuration))
#+clove
(check wrapping-source-registry (asdf/source-registry:wrapping-source-registry) '(:source-registry :inherit-configuration))
(check default-source-registries asdf/source-registry:*default-source-registries*
       '(asdf/source-registry:environment-source-registry asdf/source-registry:user-source-registry
         asdf/source-registry:user-source-registry-directory asdf/source-registry:default-user-source-registry
         asdf/source-registry:system-source-registry asdf/source-registry:system-source-registry-directory
         asdf/source-registry:default-system-source-registry))
(check configuration-files
       (mapcar #'namestring
               (list (asdf/source-registry:user-source-registry :direction :output)
                     (asdf/source-registry:user-source-registry-directory :direction :output)
                     (asdf/source-registry:system-source-registry :direction :output)
                     (asdf/source-registry:system-source-registry-directory :direction :output)))
       (list (namestring (uiop:xdg-config-home "common-lisp/source-registry.conf"))
             (namestring (uiop:xdg-config-home "common-lisp/source-registry.conf.d/"))
             "/etc/common-lisp/source-registry.conf"
             "/etc/common-lisp/source-registry.conf.d/"))

(uiop:delete-directory-tree *root* :validate t)
