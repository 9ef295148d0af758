;;;; Pathnames (CLHS 19): parsing and printing Unix namestrings, components,
;;;; make-pathname, merging, namestring functions, wildcards and
;;;; translation, logical pathnames. Expected values are SBCL's.
;;;; File operations are tested on a real directory in
;;;; crates/clove/tests/files.rs.

(in-package "CLOVE-TEST")

(defun parts (p)
  (list (pathname-directory p) (pathname-name p) (pathname-type p) (pathname-version p)))

;;; --- Parsing Unix namestrings

(check parse-empty (parts "") '(nil nil nil nil))
(check parse-absolute (parts "/usr/lib/foo.tar.gz") '((:absolute "usr" "lib") "foo.tar" "gz" :newest))
(check parse-relative-dir (parts "a/b/") '((:relative "a" "b") nil nil nil))
(check parse-dotfile (parts ".bashrc") '(nil ".bashrc" nil :newest))
(check parse-dot (parts ".") '(nil "." nil :newest))
(check parse-dotdot (parts "..") '(nil "." "" :newest))
(check parse-trailing-dot (parts "foo.") '(nil "foo" "" :newest))
(check parse-up (parts "../x/./y.z") '((:relative :up "x" ".") "y" "z" :newest))
(check parse-wild-name (parts "*.lisp") '(nil :wild "lisp" :newest))
(check parse-wild-inferiors (parts "**/") '((:relative :wild-inferiors) nil nil nil))
(check parse-wild-dirs (pathname-directory "/a/*/b/**/c.l") '(:absolute "a" :wild "b" :wild-inferiors))
(check parse-double-slash (parts "a//b") '((:relative "a") "b" nil :newest))
(check parse-home (pathname-directory "~/x/y.z") '(:absolute :home "x"))
(check print-home (namestring "~/x/y.z") "~/x/y.z")
(check-values parse-namestring-bounds (parse-namestring "xxabc.dyy" nil *default-pathname-defaults* :start 2 :end 7)
              #p"abc.d" 7)
(check-values parse-namestring-pathname (parse-namestring #p"/a") #p"/a" 0)
(check pathname-of-pathname (let ((p #p"/a/b")) (eq (pathname p) p)) t)
(check pathnamep (list (pathnamep #p"x") (pathnamep "x") (pathnamep nil)) '(t nil nil))
(check-error pathname-of-number (pathname 3) type-error)
(check-error pathname-of-symbol (pathname 'foo) type-error)
(check-error pathname-name-of-number (pathname-name 12) type-error)

;;; --- Printing and reading

(check print-escaped (prin1-to-string #p"/tmp/x.lisp") "#P\"/tmp/x.lisp\"")
(check print-plain (princ-to-string #p"/tmp/x.lisp") "/tmp/x.lisp")
(check print-quote (prin1-to-string (pathname "a\"b")) "#P\"a\\\"b\"")
(check print-readably (write-to-string #p"/x" :escape nil :readably t) "#P\"/x\"")
(check read-back (equal (read-from-string (prin1-to-string #p"/a/b.c")) #p"/a/b.c") t)
(check read-suppressed (let ((*read-suppress* t)) (read-from-string "#p\"x\"")) nil)
(check-error read-not-a-string (read-from-string "#p12") reader-error)

;;; --- Equality

(check equal-parsed (equal #p"/a/b" (pathname "/a/b")) t)
(check equal-case (equal #p"/a/b" #p"/a/B") nil)
(check equalp-case (equalp #p"/a/b" #p"/a/B") nil)
(check equal-hash (let ((h (make-hash-table :test 'equal)))
                    (setf (gethash #p"/a/b.c" h) 1)
                    (gethash (pathname "/a/b.c") h))
       1)

;;; --- make-pathname

(check make-string-directory (make-pathname :directory "x" :name "y") #p"/x/y")
(check make-wild-directory (namestring (make-pathname :directory :wild)) "/**/")
(check make-back (make-pathname :directory '(:absolute "a" :back "b")) #p"/b/")
(check make-defaults (make-pathname :defaults "/a/b.c" :name "z") #p"/a/z.c")
(check make-slash-name (princ-to-string (make-pathname :name "a/b")) "a/b")
(check make-common-case (make-pathname :name "FOO" :type "LISP" :case :common) (make-pathname :name "foo" :type "lisp"))
(check accessor-common-case (pathname-name "/a/b.c" :case :common) "B")
(check-error make-bad-name (make-pathname :name 3) type-error)
(check-error make-bad-directory (make-pathname :directory '(:sideways "a")) type-error)
(check-error make-bad-version (make-pathname :version "new") type-error)

;;; --- Namestrings

(check namestring (namestring "/a/../b.c") "/a/../b.c")
(check file-namestring (file-namestring "/a/b.c") "b.c")
(check directory-namestring (directory-namestring "/a/b.c") "/a/")
(check host-namestring (host-namestring "/a") "")
(check enough-namestring (enough-namestring "/a/b/c.l" "/a/") "b/c.l")
(check enough-namestring-other (enough-namestring "/a/b/c.l" "/x/") "/a/b/c.l")
(check enough-namestring-same (enough-namestring "/a/b.l" "/a/b.l") "b.l")
(check-error no-namestring (namestring (make-pathname :type "x")) file-error)

;;; --- merge-pathnames

(check merge-name (merge-pathnames "foo" "/a/b/c.lisp") #p"/a/b/foo.lisp")
(check merge-version (pathname-version (merge-pathnames "foo" "/a/")) :newest)
(check merge-up (merge-pathnames "../x.y" "/a/b/") #p"/a/b/../x.y")
(check merge-relative-dir (merge-pathnames "x/" "/a/") #p"/a/x/")
(check merge-back (merge-pathnames (make-pathname :directory '(:relative :back "c")) "/a/b/") #p"/a/c/")
(check merge-absolute (merge-pathnames "/z/q" "/a/b/c.d") #p"/z/q.d")
(check merge-default (equal (merge-pathnames "x.l") (merge-pathnames "x.l" *default-pathname-defaults*)) t)
(check default-is-absolute (car (pathname-directory *default-pathname-defaults*)) :absolute)

;;; --- Wildcards

(check wild-name (and (wild-pathname-p "/a/*.l" :name) t) t)
(check wild-type (wild-pathname-p "/a/*.l" :type) nil)
(check not-wild (wild-pathname-p "/a/b.l") nil)
(check wild-inferiors (and (wild-pathname-p "/**/b.l") t) t)
(check wild-pattern (and (wild-pathname-p "/a/b?.l") t) t)
(check-error wild-bad-key (wild-pathname-p "/a" :colour) type-error)
(check match-wild-name (pathname-match-p "/a/b.txt" "/a/*") t)
(check match-no-type (pathname-match-p "/a/b" "/a/*") t)
(check match-missing-dir (pathname-match-p "/a/b.txt" "*.txt") t)
(check match-inferiors (pathname-match-p "/a/b/c/d.l" "/a/**/*.l") t)
(check match-fails (pathname-match-p "/a/b/c/d.l" "/x/**/*.l") nil)
(check match-pattern (pathname-match-p "/a/bar.txt" "/a/b*.txt") t)
(check translate-pattern (translate-pathname "/a/bar.txt" "/a/b*.txt" "/c/x*y.*") #p"/c/xary.txt")
(check translate-inferiors (translate-pathname "/a/b/c/d.l" "/a/**/*.l" "/x/**/*.m") #p"/x/b/c/d.m")
(check-error translate-mismatch (translate-pathname "/a/b.l" "/x/*.l" "/y/*.l") error)

;;; --- Logical pathnames

(setf (logical-pathname-translations "PTEST") '(("**;*.*.*" "/img/**/*.*")))

(check lp-translations (logical-pathname-translations "ptest") '(("**;*.*.*" "/img/**/*.*")))
(check lp-parse (parts (logical-pathname "ptest:src;main.lisp")) '((:absolute "SRC") "MAIN" "LISP" nil))
(check lp-device (pathname-device (logical-pathname "PTEST:SRC;MAIN.LISP")) :unspecific)
(check lp-host (pathname-host "PTEST:A;B") "PTEST")
(check lp-relative (parts "PTEST:;SRC;MAIN.LISP.3") '((:relative "SRC") "MAIN" "LISP" 3))
(check lp-print (prin1-to-string (logical-pathname "ptest:src;main.lisp")) "#P\"PTEST:SRC;MAIN.LISP\"")
(check lp-wild-namestring (namestring (logical-pathname "ptest:src;*.*.*")) "PTEST:SRC;*.*.*")
(check lp-pathname (pathname "PTEST:x") (logical-pathname "PTEST:X"))
(check lp-host-namestring (host-namestring "PTEST:A;B") "PTEST")
(check lp-translate (translate-logical-pathname "PTEST:SRC;MAIN.LISP") #p"/img/src/main.lisp")
(check lp-translate-physical (translate-logical-pathname "/a/b") #p"/a/b")
(check lp-translate-pathname (translate-pathname "PTEST:A;B;C.L" "PTEST:**;*.L" "/r/**/*.lsp") #p"/r/a/b/c.lsp")
(check lp-merge (merge-pathnames "PTEST:A;B" "/x/y.z") (logical-pathname "PTEST:A;B.Z.NEWEST"))
;; A physical pathname stays physical when the defaults are logical.
(check lp-merge-physical-into-logical
       (let ((m (merge-pathnames #p"/tmp/Ab/c.fasl" (logical-pathname "PTEST:SRC;X.LISP"))))
         (list (typep m 'logical-pathname) (namestring m)))
       '(nil "/tmp/Ab/c.fasl"))
(check lp-merge-physical-takes-lower-case
       (mapcar (lambda (p) (namestring (merge-pathnames p (logical-pathname "PTEST:SRC;X.LISP"))))
               (list #p"c.fasl" #p"sub/c" (make-pathname :directory '(:absolute "x") :name "c")))
       '("/src/c.fasl" "/src/sub/c.lisp" "/x/c.lisp"))
(check unregistered-host-is-physical (parts "NOHOST:x") '(nil "NOHOST:x" nil :newest))
(check-error lp-unregistered (logical-pathname "NOHOST:X") type-error)
(check-error lp-unknown-translations (logical-pathname-translations "NOHOST") type-error)
(check-error lp-bad-word (logical-pathname "PTEST:A_B;C") parse-error)

(setf (logical-pathname-translations "PTEST2")
      '(("SRC;**;*.*" "PTEST:CODE;**;*.*") ("**;*.*" "/other/**/*.*")))
(check lp-chain (translate-logical-pathname "PTEST2:SRC;X;Y.LISP") #p"/img/code/x/y.lisp")
(check lp-first-match (translate-logical-pathname "PTEST2:DOC;R.TXT") #p"/other/doc/r.txt")
(setf (logical-pathname-translations "PTEST3") '(("A;*.*" "/a/*.*")))
(check-error lp-no-translation (translate-logical-pathname "PTEST3:B;C.D") file-error)
(check lp-load-known (load-logical-pathname-translations "PTEST") nil)
(check-error lp-load-unknown (load-logical-pathname-translations "NO-SUCH-HOST") error)

;;; --- compile-file-pathname

(check cfp-relative (equal (compile-file-pathname "foo.lisp")
                           (merge-pathnames "foo.fasl"))
       t)
(check cfp-output (compile-file-pathname "/a/foo.lisp" :output-file "bar") #p"/a/bar.fasl")
(check cfp-output-dir (compile-file-pathname "/a/foo.lisp" :output-file "/b/") #p"/b/foo.fasl")

;;; Pathnames as types.
(check typep-pathname (list (typep #p"/tmp/x" 'pathname) (typep #p"/tmp/x" 'logical-pathname) (typep "x" 'pathname))
       '(t nil nil))
(check type-of-pathname (type-of #p"/a") 'pathname)
(check subtypep-logical-pathname (multiple-value-list (subtypep 'logical-pathname 'pathname)) '(t t))

;;; DIRECTORY refuses :back right after a wildcard instead of walking the disk.
(check-error directory-back-after-wild-inferiors
             (directory (make-pathname :directory '(:absolute :wild-inferiors :back)))
             file-error)

(check-error directory-up-from-root (directory (make-pathname :directory '(:absolute :up))) file-error)
(check-error directory-back-from-root (directory (make-pathname :directory '(:absolute :back))) file-error)
