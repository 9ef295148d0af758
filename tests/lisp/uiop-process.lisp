;;;; UIOP functions that change the whole process (environment variables,
;;;; the current directory): run by crates/clove/tests/uiop.rs in a clove
;;;; process of their own, never beside other tests.

(in-package "CLOVE-TEST")

(check getenv-unset (uiop:getenv "CLOVE_TEST_SURELY_UNSET") nil)
(check setf-getenv (progn (setf (uiop:getenv "CLOVE_TEST_VAR") "value 1") (uiop:getenv "CLOVE_TEST_VAR"))
       "value 1")
(check getenvp-set (uiop:getenvp "CLOVE_TEST_VAR") "value 1")
(check getenvp-empty (progn (setf (uiop:getenv "CLOVE_TEST_VAR") "") (list (uiop:getenv "CLOVE_TEST_VAR")
                                                                         (uiop:getenvp "CLOVE_TEST_VAR")))
       '("" nil))
;; An extension: UIOP on SBCL refuses NIL (a type error).
(check setf-getenv-nil-unsets (progn (setf (uiop:getenv "CLOVE_TEST_VAR") nil) (uiop:getenv "CLOVE_TEST_VAR"))
       nil)
(check-error setf-getenv-bad-name (setf (uiop:getenv "A=B") "x") error)
(check-error getenv-not-a-string (uiop:getenv 42) type-error)

(check getcwd-directory (let ((d (uiop:getcwd))) (list (pathname-name d) (first (pathname-directory d))))
       '(nil :absolute))
(check chdir
       (let ((old (uiop:getcwd)))
         (unwind-protect (progn (uiop:chdir "/") (namestring (uiop:getcwd)))
           (uiop:chdir old)))
       "/")
;; SBCL signals its own SYSCALL-ERROR here.
(check-error chdir-missing (uiop:chdir "/no/such/directory/xyz/") file-error)


(defvar *scratch* (uiop:ensure-directory-pathname
                   (format nil "/tmp/clove-uiop-process-~36R/" (random (expt 36 8) (make-random-state t)))))
(ensure-directories-exist (merge-pathnames "sub/" *scratch*))
(with-open-file (o (merge-pathnames "here.txt" *scratch*) :direction :output) (write-line "here" o))

(check with-current-directory
       (let ((outside (uiop:getcwd)))
         (list (uiop:with-current-directory (*scratch*)
                 (list (namestring (uiop:getcwd))
                       (namestring *default-pathname-defaults*)
                       (uiop:read-file-string "here.txt")
                       (not (null (probe-file "sub/")))))
               (equal (uiop:getcwd) outside)))
       (list (list (namestring *scratch*) (namestring *scratch*) (format nil "here~%") t) t))
(check with-current-directory-restores-on-unwind
       (let ((outside (uiop:getcwd)))
         (catch 'out (uiop:with-current-directory (*scratch*) (throw 'out nil)))
         (equal (uiop:getcwd) outside))
       t)
(check with-current-directory-nil (uiop:with-current-directory () :ran) :ran)
(check get-pathname-defaults
       (let ((*default-pathname-defaults* (pathname "rel/")))
         (namestring (uiop:get-pathname-defaults)))
       (namestring (merge-pathnames "rel/" (uiop:getcwd))))

(check getenv-pathname
       (progn (setf (uiop:getenv "CLOVE_TEST_DIR") "/tmp/a/b")
              (list (uiop:getenv-pathname "CLOVE_TEST_DIR")
                    (uiop:getenv-pathname "CLOVE_TEST_DIR" :ensure-directory t)
                    (uiop:getenv-absolute-directory "CLOVE_TEST_DIR")))
       (list #p"/tmp/a/b" #p"/tmp/a/b/" #p"/tmp/a/b/"))
(check getenv-pathnames
       (progn (setf (uiop:getenv "CLOVE_TEST_PATH") "/a:/b/c::/d")
              (list (uiop:getenv-pathnames "CLOVE_TEST_PATH")
                    (uiop:getenv-absolute-directories "CLOVE_TEST_PATH")))
       (list (list #p"/a" #p"/b/c" nil #p"/d") (list #p"/a/" #p"/b/c/" nil #p"/d/")))
(check-error getenv-absolute-directory-relative
             (progn (setf (uiop:getenv "CLOVE_TEST_DIR") "rel/x") (uiop:getenv-absolute-directory "CLOVE_TEST_DIR"))
             error)
(check getenv-pathname-unset (uiop:getenv-pathname "CLOVE_TEST_SURELY_UNSET") nil)
(check default-temporary-directory
       (progn (setf (uiop:getenv "TMPDIR") (namestring *scratch*))
              (prog1 (uiop:default-temporary-directory) (setf (uiop:getenv "TMPDIR") "")))
       *scratch*)
(check default-temporary-directory-unset (uiop:default-temporary-directory) #p"/tmp/")

(uiop:delete-directory-tree *scratch* :validate t)
