;;;; UIOP/CONFIGURATION and UIOP/BACKWARD-DRIVER: locations, validation of
;;;; configuration forms, files and directories. (The XDG functions read
;;;; the environment: uiop-process.lisp sets it and checks them.)
;;;; Expected values are SBCL+UIOP's.

(in-package "CLOVE-TEST")

(defvar *scratch* (make-scratch-directory "uiop-conf"))
(defun scratch (name) (merge-pathnames name *scratch*))
(defun write-conf (name text)
  (with-open-file (o (scratch name) :direction :output :if-exists :supersede) (write-string text o))
  (scratch name))

(check inheritance-directive-p (mapcar (lambda (x) (not (null (uiop:configuration-inheritance-directive-p x))))
                                       '(:inherit-configuration (:ignore-inherited-configuration) :other (:inherit-configuration 1)))
       '(t t nil nil))
(check validate-configuration-form
       (uiop:validate-configuration-form '(:tag (:ok 1) :inherit-configuration) :tag (constantly t))
       '(:tag (:ok 1) :inherit-configuration))
(check validate-configuration-form-drops-invalid
       (uiop:validate-configuration-form '(:tag :ignore-invalid-entries (:bad) (:ok) :inherit-configuration) :tag
                                         (lambda (d) (equal d '(:ok))))
       '(:tag :ignore-invalid-entries (:ok) :inherit-configuration))
(check validate-configuration-form-wrong-tag
       (let ((uiop:*ignored-configuration-form* nil))
         (list (uiop:validate-configuration-form '(:other) :tag (constantly t) :invalid-form-reporter (constantly nil))
               uiop:*ignored-configuration-form*))
       '(nil t))
(check-error validate-configuration-form-needs-one-inheritance
             (uiop:validate-configuration-form '(:tag (:ok)) :tag (constantly t))
             uiop:invalid-configuration)
;; (SBCL breaks the message into lines; compared with spaces squashed.)
(defun squash (string)
  (let ((words '()) (word '()))
    (loop for c across (concatenate 'string string " ")
          do (if (member c '(#\Space #\Newline))
                 (when word (push (coerce (reverse word) 'string) words) (setf word '()))
                 (push c word)))
    (format nil "~{~A~^ ~}" (reverse words))))
(check validate-configuration-form-message
       (handler-case (uiop:validate-configuration-form '(:tag (:ok)) :tag (constantly t))
         (uiop:invalid-configuration (c) (squash (princ-to-string c))))
       "Invalid source registry (:TAG (:OK)). One and only one of :INHERIT-CONFIGURATION or :IGNORE-INHERITED-CONFIGURATION is required. (will be skipped)")
(check report-invalid-form-function
       (uiop:report-invalid-form (lambda (&rest args) (getf args :form)) :form :the-form :location nil)
       :the-form)
(check validate-configuration-file
       (uiop:validate-configuration-file (write-conf "one.conf" "(:tag (:x) :inherit-configuration)")
                                         (lambda (form &key location) (list form (not (null location)))))
       '((:tag (:x) :inherit-configuration) t))
(check-error validate-configuration-file-two-forms
             (uiop:validate-configuration-file (write-conf "two.conf" "(:a) (:b)") (constantly t) :description "test")
             error)
(check validate-configuration-directory
       (progn (ensure-directories-exist (scratch "conf.d/"))
              (write-conf "conf.d/20-b.conf" "(:b 2)")
              (write-conf "conf.d/10-a.conf" "(:a 1) (:bad)")
              (write-conf "conf.d/.hidden.conf" "(:hidden)")
              (write-conf "conf.d/notconf.txt" "(:ignored)")
              (uiop:validate-configuration-directory (scratch "conf.d/") :tag
                                                     (lambda (f) (not (equal f '(:bad))))
                                                     :invalid-form-reporter (constantly nil)))
       '(:tag (:a 1) (:b 2) :inherit-configuration))

(check resolve-relative-location
       (mapcar #'namestring (list (uiop:resolve-relative-location "a/b") (uiop:resolve-relative-location '("a" "b") :ensure-directory t)
                                  (uiop:resolve-relative-location :**/) (uiop:resolve-relative-location :*.*.*)
                                  (uiop:resolve-relative-location :implementation)))
       (list "a/b" "a/b/" "**/" "*.*" (format nil "~A/" (uiop:implementation-identifier))))
(check resolve-absolute-location
       (mapcar #'namestring (list (uiop:resolve-absolute-location "/x/y" :ensure-directory t)
                                  (uiop:resolve-absolute-location '("/x/" "y" "z.lisp"))
                                  (uiop:resolve-absolute-location :home)))
       (list "/x/y/" "/x/y/z.lisp" (namestring (user-homedir-pathname))))
(check-error resolve-absolute-location-relative (uiop:resolve-absolute-location "rel/") error)
(check resolve-location (mapcar #'namestring (list (uiop:resolve-location '("/tmp/" "a" "b") :ensure-directory t)
                                                   (uiop:resolve-location '("/tmp/" :**/ :*.*.*) :wilden t)
                                                   (uiop:resolve-location "/tmp/x" :wilden t)))
       '("/tmp/a/b/" "/tmp/**/*.*" "/tmp/**/*.*"))
(check resolve-location-here
       (let ((uiop:*here-directory* #p"/here/there/"))
         (namestring (uiop:resolve-location '(:here "sub") :ensure-directory t)))
       "/here/there/sub/")
(check resolve-location-user-cache
       (let ((uiop:*user-cache* #p"/cache/dir/"))
         (namestring (uiop:resolve-location '(:user-cache "x") :ensure-directory t)))
       "/cache/dir/x/")
(check resolve-location-nil (uiop:resolve-location nil) nil)
(check location-designator-p (mapcar #'uiop:location-designator-p
                                     (list t nil "/x" :home '(:home "a" :implementation) '(:home :home) 42))
       '(t t t t t nil nil))
(check location-function-p (list (uiop:location-function-p '(:function identity)) (uiop:location-function-p '(:function)))
       '(t nil))

(check clear-configuration-hooks
       (let ((uiop:*clear-configuration-hook* '()) (calls 0))
         (uiop:register-clear-configuration-hook (lambda () (incf calls)))
         (uiop:clear-configuration)
         calls)
       1)
(check upgrade-configuration
       (let ((uiop:*clear-configuration-hook* '()) (calls 0) (uiop:*ignored-configuration-form* t))
         (uiop:register-clear-configuration-hook (lambda () (incf calls)))
         (uiop:upgrade-configuration)
         (uiop:upgrade-configuration)
         (list calls uiop:*ignored-configuration-form*))
       '(1 nil))
(check clear-configuration-is-a-dump-hook (not (null (member 'uiop:clear-configuration uiop:*image-dump-hook*))) t)
(check find-preferred-file
       (list (uiop:find-preferred-file (list (scratch "nope") (scratch "one.conf")))
             (uiop:find-preferred-file (list (scratch "nope") (scratch "one.conf")) :direction :output))
       (list (scratch "one.conf") (scratch "nope")))
(check filter-pathname-set (uiop:filter-pathname-set (list #p"/a/" #p"rel/" #p"/a/" #p"/b/")) (list #p"/a/" #p"/b/"))
(check system-config-pathnames (mapcar #'namestring (uiop:system-config-pathnames "common-lisp" "x.conf"))
       '("/etc/common-lisp/x.conf"))
(check user-cache (namestring uiop:*user-cache*)
       (namestring (uiop:xdg-cache-home "common-lisp" :implementation)))

;;; Deprecated functions still work (and warn once, as style warnings).
(check version-compatible-p
       (handler-bind ((style-warning #'muffle-warning))
         (list (uiop:version-compatible-p "3.1.2" "3.1") (uiop:version-compatible-p "2.9" "3.0")
               (uiop:version-compatible-p "3.0" "3.1")))
       '(t nil nil))
(check coerce-pathname (handler-bind ((style-warning #'muffle-warning)) (namestring (uiop:coerce-pathname "a/b" :type "c")))
       "a/b.c")
(check in-first-directory
       (handler-bind ((style-warning #'muffle-warning))
         (uiop:in-first-directory (list (scratch "nope/") *scratch*) "one.conf"))
       (scratch "one.conf"))

(uiop:delete-directory-tree *scratch* :validate t)
