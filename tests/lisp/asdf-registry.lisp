;;;; ASDF's registry of systems (asdf/system-registry): registering and
;;;; clearing systems, preloaded and immutable systems, the central
;;;; registry and the search for definitions, as in ASDF 3.3.6; and the
;;;; systems built into clove, which no .asd file on disk replaces.

(in-package "CLOVE-TEST")

(defparameter *rg-fixtures*
  (uiop:pathname-directory-pathname
   (truename (merge-pathnames "../asdf/defsystem/clove-dstest-grammar.asd" *load-truename*))))
(defparameter *rg-registry* (merge-pathnames "registry/" *rg-fixtures*))
(defparameter *rg-debian-like* (merge-pathnames "debian-like/" *rg-fixtures*))

(defmacro rg-defsystem (name &body options)
  "DEFSYSTEM with no source file (one in this file would make FIND-SYSTEM load it again)."
  `(asdf:defsystem ,name ,@options :source-file nil))

(defun rg-message (condition)
  (let ((words (uiop:split-string (substitute #\Space #\Newline (princ-to-string condition))
                                  :separator " ")))
    (format nil "~{~A~^ ~}" (remove "" words :test #'string=))))

;;; Registering

(defparameter *rg-one* (rg-defsystem "clove-rgtest-one" :pathname #p"/tmp/"))

(check registered-system
       (list (eq (asdf:registered-system "clove-rgtest-one") *rg-one*)
             (eq (asdf:registered-system :clove-rgtest-one) *rg-one*)
             (eq (asdf:registered-system *rg-one*) *rg-one*)
             (asdf:registered-system "clove-rgtest-none"))
       '(t t t nil))
(check registered-systems
       (list (and (member "clove-rgtest-one" (asdf:registered-systems) :test #'equal) t)
             (and (member *rg-one* (asdf/system-registry:registered-systems*)) t)
             (= (length (asdf:registered-systems)) (hash-table-count asdf/system-registry:*registered-systems*)))
       '(t t t))
(check map-systems
       (let ((names '()))
         (asdf:map-systems (lambda (s) (push (asdf:component-name s) names)))
         (equal (sort names #'string<) (sort (asdf:registered-systems) #'string<)))
       t)
(check register-system
       (let ((s (make-instance 'asdf:system :name "clove-rgtest-made")))
         (list (eq (asdf/system-registry:register-system s) s)
               (eq (asdf:registered-system "clove-rgtest-made") s)))
       '(t t))
(check-error register-system-not-a-system
             (asdf/system-registry:register-system (make-instance 'asdf:module :name "m"))
             type-error)
(check clear-system
       (list (asdf:clear-system "clove-rgtest-made") (asdf:registered-system "clove-rgtest-made")
             (asdf:clear-system "clove-rgtest-never"))
       '(t nil t))

;;; Preloaded systems

(check register-preloaded-system
       (let ((s (asdf:register-preloaded-system "clove-rgtest-pre" :version "1.5" :description "pre")))
         (list (eq s (asdf:registered-system "clove-rgtest-pre"))
               (asdf:component-version s) (asdf:system-description s) (asdf:system-source-file s)
               (type-of s)))
       '(t "1.5" "pre" nil asdf:system))
(check preloaded-marked-built
       (let ((times (asdf/component:component-operation-times (asdf:registered-system "clove-rgtest-pre"))))
         (list (hash-table-count times)
               (loop :for v :being :the :hash-values :of times :collect v)))
       '(4 (0 0 0 0)))
(check preloaded-cleared-comes-back
       (let ((old (asdf:registered-system "clove-rgtest-pre")))
         (list (asdf:clear-system "clove-rgtest-pre")
               (eq old (asdf:registered-system "clove-rgtest-pre"))
               (asdf:component-version (asdf:registered-system "clove-rgtest-pre"))))
       '(nil nil "1.5"))
(check sysdef-preloaded-system-search
       (let ((a (asdf:sysdef-preloaded-system-search "clove-rgtest-pre"))
             (b (asdf:sysdef-preloaded-system-search :clove-rgtest-pre)))
         (list (asdf:component-name a) (eq a b) (eq a (asdf:registered-system "clove-rgtest-pre"))
               (asdf:sysdef-preloaded-system-search "clove-rgtest-not-pre")))
       '("clove-rgtest-pre" nil nil nil))
(check preloaded-keeps-version
       (progn
         (rg-defsystem "clove-rgtest-pre2" :version "3.1" :pathname #p"/tmp/")
         (asdf:register-preloaded-system "clove-rgtest-pre2")
         (asdf:clear-system "clove-rgtest-pre2")
         (asdf:component-version (asdf:registered-system "clove-rgtest-pre2")))
       "3.1")
(check preloaded-class
       (progn
         (asdf:register-preloaded-system "clove-rgtest-pre3" :class 'asdf/system:undefined-system)
         (type-of (asdf:registered-system "clove-rgtest-pre3")))
       'asdf/system:undefined-system)

;;; Immutable systems

(check register-immutable-system
       (let ((asdf/system-registry:*immutable-systems* nil))
         (asdf:register-immutable-system :clove-rgtest-imm :version "2.0")
         (list (gethash "clove-rgtest-imm" asdf/system-registry:*immutable-systems*)
               (asdf:component-version (asdf:sysdef-immutable-system-search "clove-rgtest-imm"))
               (eq (asdf:sysdef-immutable-system-search "clove-rgtest-imm")
                   (asdf:registered-system "clove-rgtest-imm"))
               (asdf:sysdef-immutable-system-search "clove-rgtest-one")))
       '(t "2.0" t nil))
(check immutable-not-registered
       (let ((asdf/system-registry:*immutable-systems* (uiop:list-to-hash-set '("clove-rgtest-ghost"))))
         (handler-case (asdf:sysdef-immutable-system-search "clove-rgtest-ghost")
           (error (e) (list (type-of e) (rg-message e)))))
       '(asdf/session:formatted-system-definition-error
         "Requested system clove-rgtest-ghost registered as an immutable-system, but not even registered as defined"))

;;; Clearing everything

(check clear-registered-systems
       (progn
         (rg-defsystem "clove-rgtest-gone" :pathname #p"/tmp/")
         (asdf/system-registry:clear-registered-systems)
         (list (asdf:registered-system "clove-rgtest-gone")
               (asdf:registered-system "clove-rgtest-one")
               (asdf:component-version (asdf:registered-system "clove-rgtest-pre"))))
       '(nil nil "1.5"))

;;; Searching for definitions

(check search-functions-default
       (last asdf:*system-definition-search-functions* 2)
       '(asdf/system-registry:sysdef-central-registry-search
         asdf/system-registry:sysdef-source-registry-search))

(check probe-asd
       (list (namestring (asdf/system-registry:probe-asd "clove-dstest-central" *rg-registry*))
             (namestring (asdf/system-registry:probe-asd "clove-dstest-central" *rg-registry* :truename t))
             (asdf/system-registry:probe-asd "clove-rgtest-none" *rg-registry*)
             (asdf/system-registry:probe-asd "clove-dstest-central"
                                             (merge-pathnames "clove-dstest-central.asd" *rg-registry*)))
       (list (namestring (merge-pathnames "clove-dstest-central.asd" *rg-registry*))
             (namestring (truename (merge-pathnames "clove-dstest-central.asd" *rg-registry*)))
             nil nil))

(defvar *rg-registry-variable* nil)

(check central-registry-search
       (let* ((*rg-registry-variable* *rg-registry*)
              (asdf:*central-registry* (list nil #p"/nonexistent-clove-dir/" '*rg-registry-variable*)))
         (list (namestring (asdf/system-registry:sysdef-central-registry-search "clove-dstest-central"))
               (namestring (asdf/system-registry:sysdef-central-registry-search "clove-dstest-central/sub"))
               (asdf/system-registry:sysdef-central-registry-search "clove-rgtest-none")))
       (let ((file (namestring (truename (merge-pathnames "clove-dstest-central.asd" *rg-registry*)))))
         (list file file nil)))

(check central-registry-not-a-directory
       (let ((asdf:*central-registry* (list #p"/tmp/clove-rgtest-file")))
         (block search
           (handler-bind
               ((error (lambda (e)
                         (return-from search
                           (list (type-of e) (rg-message e)
                                 (loop :for r :in (compute-restarts e)
                                       :when (member (restart-name r)
                                                     '(asdf:remove-entry-from-registry
                                                       asdf:coerce-entry-to-directory))
                                         :collect (list (restart-name r) (rg-message r))))))))
             (asdf/system-registry:sysdef-central-registry-search "clove-rgtest-x"))))
       '(simple-error
         "While searching for system \"clove-rgtest-x\": #P\"/tmp/clove-rgtest-file\" evaluated to #P\"/tmp/clove-rgtest-file\" which is not an absolute directory."
         ((asdf:remove-entry-from-registry "Remove entry from *central-registry* and continue")
          (asdf:coerce-entry-to-directory
           "Coerce entry to /tmp/clove-rgtest-file/, replace /tmp/clove-rgtest-file and continue."))))

(check central-registry-remove-entry
       (let ((asdf:*central-registry* (list #p"/tmp/clove-rgtest-file" *rg-registry*)))
         (handler-bind ((error (lambda (e) (declare (ignore e))
                                 (invoke-restart 'asdf:remove-entry-from-registry))))
           (list (namestring (asdf/system-registry:sysdef-central-registry-search "clove-dstest-central"))
                 asdf:*central-registry*)))
       (list (namestring (truename (merge-pathnames "clove-dstest-central.asd" *rg-registry*)))
             (list *rg-registry*)))

(check central-registry-coerce-entry
       (let* ((entry (namestring (merge-pathnames "registry" *rg-fixtures*)))
              (asdf:*central-registry* (list entry)))
         (handler-bind ((error (lambda (e) (declare (ignore e))
                                 (invoke-restart 'asdf:coerce-entry-to-directory))))
           (list (asdf/system-registry:sysdef-central-registry-search "clove-dstest-central")
                 (mapcar #'namestring asdf:*central-registry*))))
       (list nil (list (namestring *rg-registry*))))

(check search-for-system-definition
       (let ((asdf:*central-registry* (list *rg-registry*))
             (asdf:*system-definition-search-functions* '(asdf/system-registry:sysdef-central-registry-search)))
         (asdf/session:with-asdf-session ()
           (list (namestring (asdf:search-for-system-definition "clove-dstest-central"))
                 (asdf:search-for-system-definition "clove-rgtest-none"))))
       (list (namestring (truename (merge-pathnames "clove-dstest-central.asd" *rg-registry*))) nil))

(check find-system-if-being-defined
       (asdf/session:with-asdf-session ()
         (rg-defsystem "clove-rgtest-being" :pathname #p"/tmp/")
         (list (asdf:component-name (asdf/system-registry:find-system-if-being-defined "clove-rgtest-being"))
               (asdf/system-registry:find-system-if-being-defined "clove-rgtest-one")))
       '("clove-rgtest-being" nil))

;;; The systems built into clove (clove's own checks: in ASDF they are
;;; preloaded, and an asdf.asd or uiop.asd found by a search is loaded)

#+clove
(progn
  (check builtin-systems-registered
         (mapcar (lambda (name)
                   (let ((s (asdf:registered-system name)))
                     (list (asdf:component-version s) (asdf:system-source-file s)
                           (and (gethash name asdf/system-registry:*immutable-systems*) t))))
                 '("asdf" "uiop" "asdf-package-system"))
         (list (list (asdf:asdf-version) nil t) (list uiop:*uiop-version* nil t)
               (list (asdf:asdf-version) nil t)))
  (check builtin-systems-win-the-search
         (let ((asdf:*central-registry* (list *rg-debian-like*)))
           (list (eq (asdf:search-for-system-definition "uiop") (asdf:registered-system "uiop"))
                 (eq (asdf:search-for-system-definition "asdf") (asdf:registered-system "asdf"))
                 (eq (asdf/system-registry:sysdef-find-asdf :uiop) (asdf:registered-system "uiop"))
                 (asdf/system-registry:sysdef-find-asdf "clove-dstest-central")))
         '(t t t nil))
  (check builtin-systems-win-find-system
         (let ((asdf:*central-registry* (list *rg-debian-like*)))
           (list (asdf:component-version (asdf:find-system "uiop"))
                 (asdf:system-description (asdf:find-system "asdf"))))
         (list uiop:*uiop-version* nil))
  (check builtin-systems-come-back
         (progn (asdf:clear-system "uiop")
                (asdf:component-version (asdf:registered-system "uiop")))
         uiop:*uiop-version*))
