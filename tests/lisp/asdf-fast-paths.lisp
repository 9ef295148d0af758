;;;; The defsystem's fast paths give the answers of the general ones:
;;;; output translations compiled to directory prefixes, file stamps and
;;;; truenames from one realpath, tree scans remembered in the user cache
;;;; (and forgotten when a directory changes); and redefining a class whose
;;;; accessor's generic function has other methods.

(in-package "CLOVE-TEST")

(defparameter *fp-dir* (make-scratch-directory "fast-paths"))

(defun fp-file (name &optional (contents ""))
  (let ((p (merge-pathnames name *fp-dir*)))
    (ensure-directories-exist p)
    (with-open-file (s p :direction :output :if-exists :supersede) (write-string contents s))
    p))

;;; Output translations: the compiled table and TRANSLATE-PATHNAME* agree.

(defun fp-general-translation (path)
  (let ((asdf/output-translations::*compiled-output-translations*
          (cons (asdf/output-translations:output-translations) :general)))
    (asdf:apply-output-translations path)))

(defun fp-translations-agree (configuration paths)
  (let ((asdf/output-translations::*output-translations* nil)
        (asdf/output-translations::*output-translations-parameter* nil)
        (asdf/output-translations::*compiled-output-translations* '(nil . nil)))
    (asdf:initialize-output-translations configuration)
    (list (listp (asdf/output-translations::compiled-output-translations))
          (loop :for p :in paths
                :for fast = (asdf:apply-output-translations p)
                :for general = (fp-general-translation p)
                :always (and (equal fast general) (equal (namestring fast) (namestring general))
                             (equal (pathname-version fast) (pathname-version general)))))))

(defparameter *fp-paths*
  (list (fp-file "src/a.lisp") (merge-pathnames "src/missing/b.lisp" *fp-dir*)
        (merge-pathnames "src/" *fp-dir*) (namestring (merge-pathnames "src/a.lisp" *fp-dir*))
        #p"/nonexistent-clove-dir/x/y.lisp" #p"/nonexistent-clove-dir/" #p"/x.y.z"))

(check output-translations-prefixes
       (fp-translations-agree
        `(:output-translations (,(namestring (merge-pathnames "src/" *fp-dir*)) "/clove-out/src/")
                               ("/nonexistent-clove-dir/" t)
                               (t "/clove-out/all/")
                               :ignore-inherited-configuration)
        *fp-paths*)
       '(t t))

(check output-translations-disabled
       (fp-translations-agree '(:output-translations :disable-cache :ignore-inherited-configuration) *fp-paths*)
       '(t t))

(check output-translations-function-general
       (fp-translations-agree
        '(:output-translations (t (:function (lambda (p s) (declare (ignore s)) (merge-pathnames "out/" p))))
          :ignore-inherited-configuration)
        *fp-paths*)
       '(nil t))

;;; Stamps and truenames

(defparameter *fp-target* (fp-file "real/target.lisp" "(x)"))
(defparameter *fp-link* (merge-pathnames "link.lisp" *fp-dir*))
(uiop:run-program (list "ln" "-s" (namestring *fp-target*) (namestring *fp-link*)))

(check normalize-namestring-resolves-links
       (list (asdf/session:normalize-namestring *fp-link*)
             (asdf/session:normalize-namestring (namestring *fp-target*)))
       (list (namestring (truename *fp-target*)) (namestring (truename *fp-target*))))

(check normalize-namestring-missing-file
       (asdf/session:normalize-namestring (merge-pathnames "real/none.lisp" *fp-dir*))
       (namestring (merge-pathnames "none.lisp" (truename (merge-pathnames "real/" *fp-dir*)))))

(check file-stamps
       (list (asdf/session:compute-file-stamp (asdf/session:normalize-namestring *fp-link*))
             (asdf/session:compute-file-stamp (namestring (merge-pathnames "real/none.lisp" *fp-dir*))))
       (list (file-write-date *fp-target*) t))

(check truenamize-link
       (list (uiop:truenamize *fp-link*)
             (uiop:truenamize (merge-pathnames "real/sub/none.lisp" *fp-dir*)))
       (list (truename *fp-target*)
             (merge-pathnames "sub/none.lisp" (truename (merge-pathnames "real/" *fp-dir*)))))

;;; Tree scans remembered in the user cache

(defparameter *fp-tree* (merge-pathnames "tree/" *fp-dir*))
(fp-file "tree/a/fpx.asd")
(fp-file "tree/a/b/fpy.asd")
(fp-file "tree/.git/fpz.asd")

(defun fp-registry-names (cache)
  ;; The systems the source registry finds in the tree, with CACHE as user cache.
  (let ((uiop:*user-cache* cache)
        (registry (make-hash-table :test 'equal)))
    (asdf:compute-source-registry `(:source-registry (:tree ,*fp-tree*) :ignore-inherited-configuration)
                                  registry)
    (sort (loop :for k :being :the :hash-keys :of registry :collect k) #'string<)))

(defun fp-scan-key ()
  (list (namestring *fp-tree*) asdf/source-registry::*default-source-registry-exclusions* t
        (pathname-directory *fp-tree*)))

(defun fp-remember (cache dates-offset)
  ;; Writes, as the user cache's remembered scan of the tree, a scan whose
  ;; root also holds phantom.asd; its dates are the directories' own plus
  ;; DATES-OFFSET.
  (let ((uiop:*user-cache* cache))
    (asdf/source-registry::write-tree-scans
     (list (cons (fp-scan-key)
                 (loop :for (sub . asds) :in '(("" "phantom") ("a/" "fpx") ("a/b/" "fpy"))
                       :for native = (namestring (merge-pathnames sub *fp-tree*))
                       :collect (list* native (+ dates-offset (sys::%file-write-date native nil)) asds)))))))

(defparameter *fp-cache* (merge-pathnames "cache/" *fp-dir*))

(check tree-scan-fresh
       (list (fp-registry-names *fp-cache*)
             ;; Directories written in the last seconds are not remembered.
             (let ((uiop:*user-cache* *fp-cache*))
               (assoc (fp-scan-key) (asdf/source-registry::read-tree-scans) :test 'equal)))
       '(("fpx" "fpy") nil))

(check tree-scan-replayed
       (progn (fp-remember *fp-cache* 0) (fp-registry-names *fp-cache*))
       '("fpx" "fpy" "phantom"))

(check tree-scan-stale
       (progn (fp-remember *fp-cache* -10) (fp-registry-names *fp-cache*))
       '("fpx" "fpy"))

(check tree-scan-unreadable-cache
       (progn (fp-file "cache/source-registry-trees.cache" "garbage")
              (fp-registry-names *fp-cache*))
       '("fpx" "fpy"))

;;; Redefining a class: the accessors of its old definition go, other
;;; methods of their generic functions stay.

(defgeneric fp-size (x))
(defmethod fp-size ((x string)) (length x))
(defclass fp-box () ((size :initarg :size :reader fp-size)))
(defclass fp-box () ((size :initarg :size :reader fp-size) (color :initform :red :reader fp-color)))

(check redefined-class-accessors
       (list (fp-size "abc") (fp-size (make-instance 'fp-box :size 4)) (fp-color (make-instance 'fp-box)))
       '(3 4 :red))

;;; Native namestrings of plain pathnames come from the runtime's namestring.

(check native-namestrings
       (mapcar #'uiop:native-namestring
               (list #p"/a/b/c.lisp" #p"a/b.c" #p"/a/b/" #p"/" #p".bashrc" (make-pathname :name "x" :type "")
                     (make-pathname :directory '(:absolute "a*b") :name "c?d" :type "e")
                     (make-pathname :directory '(:absolute "a" :up "b") :name "c")
                     (make-pathname :name nil :type "x")))
       '("/a/b/c.lisp" "a/b.c" "/a/b/" "/" ".bashrc" "x." "/a*b/c?d.e" "/a/../b/c" ".x"))

(check-error native-namestring-wild (uiop:native-namestring #p"/a/*.lisp") error)

;;; A dependency on a sibling is found without a restart; a missing one still
;;; signals MISSING-DEPENDENCY.

(asdf:defsystem "clove-fptest-deps" :source-file nil :pathname #p"/tmp/"
  :components ((:file "a") (:file "b" :depends-on ("a"))))

(check sibling-dependency
       (let* ((s (asdf:find-system "clove-fptest-deps"))
              (b (asdf:find-component s "b")))
         (eq (asdf/find-component:resolve-dependency-spec b "a") (asdf:find-component s "a")))
       t)

(check-error missing-sibling-dependency
             (asdf/find-component:resolve-dependency-spec
              (asdf:find-component (asdf:find-system "clove-fptest-deps") "b") "zzz")
             asdf:missing-dependency)
