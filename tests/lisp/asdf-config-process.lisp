;;;; ASDF's configuration from the environment and the user's files:
;;;; CL_SOURCE_REGISTRY, ASDF_OUTPUT_TRANSLATIONS, the XDG directories and
;;;; HOME. Run by crates/clove/tests/asdf_config.rs in a clove process of its
;;;; own, with those variables pointing into $CLOVE_TEST_ROOT (see there);
;;;; the checks that change the environment come last. Expected values are
;;;; SBCL+ASDF 3.3.6's.

(in-package "CLOVE-TEST")

(defvar *root* (uiop:getenv-absolute-directory "CLOVE_TEST_ROOT"))

(defun root (name) (merge-pathnames name *root*))
(defun rel (pathname) (and pathname (enough-namestring pathname *root*)))

(defun make-file (name &optional (contents ""))
  (let ((p (root name)))
    (ensure-directories-exist p)
    (with-open-file (o p :direction :output :if-exists :supersede)
      (write-string contents o))
    p))

(defun search-system (name)
  (rel (asdf/source-registry:sysdef-source-registry-search name)))

(defun translate (namestring)
  (namestring (asdf/output-translations:apply-output-translations namestring)))

(defun reconfigure (variable value)
  ;; Sets the environment VARIABLE and forgets the configuration read so
  ;; far. (An empty value is as good as none; UIOP on SBCL cannot unset.)
  (setf (uiop:getenv variable) value)
  (uiop:clear-configuration))

(dolist (name '("env-tree/a/envtree.asd" "env-dir/envdir.asd" "env-dir/dupe.asd" "env-dir/sub/notfound.asd"
                "conf-dir/confdir.asd" "confd-tree/x/confdtree.asd"
                "home/common-lisp/homesys/homesys.asd" "home/common-lisp/homesys/dupe.asd"
                "data/common-lisp/systems/datasys.asd" "data/common-lisp/source/p/datasrc.asd"
                "share1/common-lisp/source/q/share1.asd" "share2/common-lisp/systems/share2.asd"
                "xdg-dir/xdgsys.asd"))
  (make-file name))
(make-file "config/common-lisp/source-registry.conf"
           (format nil "(:source-registry (:directory ~S) :inherit-configuration)" (namestring (root "conf-dir/"))))
(make-file "config/common-lisp/source-registry.conf.d/50-tree.conf"
           (format nil "(:tree ~S)" (namestring (root "confd-tree/"))))
(make-file "etc-xdg/common-lisp/source-registry.conf"
           (format nil "(:source-registry (:directory ~S) :inherit-configuration)" (namestring (root "xdg-dir/"))))
(make-file "config/common-lisp/asdf-output-translations.conf"
           "(:output-translations (\"/ot-conf-src/\" \"/ot-conf-out/\") :inherit-configuration)")
(make-file "config/common-lisp/asdf-output-translations.conf.d/10-more.conf"
           "(\"/ot-confd-src/\" \"/ot-confd-out/\")")

(defvar *cache* (format nil "~Acache/common-lisp/~A/" (namestring *root*) (uiop:implementation-identifier)))

(check user-cache (namestring (uiop:resolve-location :user-cache :ensure-directory t)) *cache*)

;;; --- Where systems are found, in order

(check flatten
       (loop for (directory . keys) in (asdf/source-registry:flatten-source-registry)
             when (and (uiop:subpathp directory *root*)
                       ;; ASDF on SBCL also looks in ~/.sbcl/systems/.
                       (not (search ".sbcl" (namestring directory))))
               collect (list (rel directory) (getf keys :recurse)))
       '(("env-tree/" t) ("env-dir/" nil) ("conf-dir/" nil) ("confd-tree/" t) ("home/common-lisp/" t)
         ("data/common-lisp/systems/" nil) ("data/common-lisp/source/" t)
         ("share1/common-lisp/systems/" nil) ("share1/common-lisp/source/" t)
         ("share2/common-lisp/systems/" nil) ("share2/common-lisp/source/" t)))
(check search
       (mapcar #'search-system '("envtree" "envdir" "notfound" "confdir" "confdtree" "homesys" "datasys" "datasrc"
                                 "share1" "share2" "xdgsys"))
       '("env-tree/a/envtree.asd" "env-dir/envdir.asd" nil "conf-dir/confdir.asd" "confd-tree/x/confdtree.asd"
         "home/common-lisp/homesys/homesys.asd" "data/common-lisp/systems/datasys.asd"
         "data/common-lisp/source/p/datasrc.asd" "share1/common-lisp/source/q/share1.asd"
         "share2/common-lisp/systems/share2.asd" nil))
(check earlier-configuration-wins (search-system "dupe") "env-dir/dupe.asd")

;;; --- Where outputs go

(check translations
       (mapcar #'translate '("/ot-src/a/b.fasl" "/ot-conf-src/c.fasl" "/ot-confd-src/d.fasl" "/ot-other/e.fasl"))
       (list "/ot-out/a/b.fasl" "/ot-conf-out/c.fasl" "/ot-confd-out/d.fasl"
             (concatenate 'string *cache* "ot-other/e.fasl")))
(check compile-file-pathname*-outside-the-source-tree
       (namestring (uiop:compile-file-pathname* (root "env-dir/foo.lisp")))
       (format nil "~A~Aenv-dir/foo.fasl" *cache* (subseq (namestring *root*) 1)))

;;; --- Changing the environment

(check clear-configuration
       (progn (uiop:clear-configuration)
              (list (asdf/source-registry:source-registry-initialized-p) (asdf/output-translations:output-translations-initialized-p)))
       '(nil nil))
(check registry-not-inheriting
       (progn (reconfigure "CL_SOURCE_REGISTRY" (namestring (root "env-dir/")))
              (mapcar #'search-system '("envdir" "envtree" "homesys")))
       '("env-dir/envdir.asd" nil nil))
(check registry-form
       (progn (reconfigure "CL_SOURCE_REGISTRY"
                           (format nil "(:source-registry (:tree ~S) :inherit-configuration)"
                                   (namestring (root "env-tree/"))))
              (mapcar #'search-system '("envtree" "confdir" "envdir")))
       '("env-tree/a/envtree.asd" "conf-dir/confdir.asd" nil))
(check registry-empty-skipped
       (progn (reconfigure "CL_SOURCE_REGISTRY" "")
              (mapcar #'search-system '("envtree" "confdir" "homesys" "dupe")))
       '(nil "conf-dir/confdir.asd" "home/common-lisp/homesys/homesys.asd" "home/common-lisp/homesys/dupe.asd"))
(check registry-xdg-config-dirs
       (progn (delete-file (root "config/common-lisp/source-registry.conf"))
              (uiop:clear-configuration)
              (mapcar #'search-system '("xdgsys" "confdir" "confdtree")))
       '("xdg-dir/xdgsys.asd" nil "confd-tree/x/confdtree.asd"))
(check-error registry-bad-form
             (progn (reconfigure "CL_SOURCE_REGISTRY" "(:source-registry (:tree \"/x/\"))")
                    (search-system "anything"))
             asdf/source-registry:invalid-source-registry)

(check translations-empty-skipped
       (progn (reconfigure "ASDF_OUTPUT_TRANSLATIONS" "")
              (mapcar #'translate '("/ot-src/a.fasl" "/ot-conf-src/a.fasl")))
       (list (concatenate 'string *cache* "ot-src/a.fasl") "/ot-conf-out/a.fasl"))
(check translations-form
       (progn (reconfigure "ASDF_OUTPUT_TRANSLATIONS" "(:output-translations :disable-cache :ignore-inherited-configuration)")
              (mapcar #'translate '("/ot-conf-src/a.fasl" "/ot-other/a.fasl")))
       '("/ot-conf-src/a.fasl" "/ot-other/a.fasl"))
(check-error translations-uneven
             (progn (reconfigure "ASDF_OUTPUT_TRANSLATIONS" "/ot-src/")
                    (translate "/ot-src/a.fasl"))
             error)

(reconfigure "CL_SOURCE_REGISTRY" "")
(reconfigure "ASDF_OUTPUT_TRANSLATIONS" "")
(uiop:delete-directory-tree *root* :validate t)
