;;;; UIOP/OS: features, the operating system, this Lisp's identity,
;;;; reading environment variables. (Setting them and changing the current
;;;; directory change the whole process: uiop-process.lisp tests those in
;;;; a process of their own.)

(in-package "CLOVE-TEST")

(check featurep-atom (list (uiop:featurep :common-lisp) (uiop:featurep :no-such-feature-xyz)) '(t nil))
(check featurep-expressions
       (list (uiop:featurep '(:and :common-lisp (:not :no-such-feature-xyz)))
             (uiop:featurep '(:or :no-such-feature-xyz :common-lisp))
             (uiop:featurep '(:and))
             (uiop:featurep '(:or))
             (uiop:featurep :x '(:x :y)))
       '(t t t nil t))
(check-error featurep-malformed (uiop:featurep '(:xor :a)) uiop:parameter-error)
(check-error featurep-bad-not (uiop:featurep '(:not :a :b)) error)
(check os-predicates (list (uiop:os-unix-p) (uiop:os-windows-p) (uiop:os-genera-p)) '(t nil nil))
(check asdf-unicode-feature (not (null (member :asdf-unicode *features*))) t)
(check detect-os (list (uiop:detect-os) (not (null (member :os-unix *features*)))) '(:os-unix t))
(check os-cond (uiop:os-cond ((uiop:os-windows-p) :windows) ((uiop:os-unix-p) :unix) (t :other)) :unix)

(check implementation-type (list (uiop:implementation-type) uiop:*implementation-type*) '(:clove :clove))
(check lisp-version-string (uiop:lisp-version-string) (lisp-implementation-version))
(check implementation-identifier
       (uiop:implementation-identifier)
       (format nil "clove-~A-~(~A~)-~(~A~)" (lisp-implementation-version)
               (uiop:operating-system) (uiop:architecture)))
(check implementation-identifier-is-a-file-name
       (notany (lambda (c) (find c " /:;&^\\|?<>(){}[]$#`'\"")) (uiop:implementation-identifier))
       t)
(check operating-system (uiop:featurep (uiop:operating-system)) t)
(check hostname (uiop:hostname) (machine-instance))

(check getenv-unset (uiop:getenv "CLOVE_TEST_SURELY_UNSET") nil)
;;; Windows shortcut parsing reads little-endian binary data.
(check read-little-endian
       (let ((file "/tmp/clove-uiop-le.bin"))
         (with-open-file (o file :direction :output :element-type '(unsigned-byte 8) :if-exists :supersede)
           (dolist (b '(1 2 0 0 7 65 66 0)) (write-byte b o)))
         (prog1 (with-open-file (s file :element-type '(unsigned-byte 8))
                  (list (uiop:read-little-endian s) (uiop:read-little-endian s 1)
                        (uiop:read-null-terminated-string s)))
           (delete-file file)))
       '(513 7 "AB"))
(check parse-windows-shortcut-not-a-shortcut
       (let ((file "/tmp/clove-uiop-notlnk.bin"))
         (with-open-file (o file :direction :output :element-type '(unsigned-byte 8) :if-exists :supersede)
           (dolist (b '(1 2 3)) (write-byte b o)))
         (prog1 (uiop:parse-windows-shortcut file) (delete-file file)))
       nil)
