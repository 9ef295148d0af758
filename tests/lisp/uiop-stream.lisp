;;;; UIOP/STREAM: every expected value here is what SBCL with UIOP 3.3.6
;;;; answers. Files are made in a fresh scratch directory, removed at the end.

(in-package "CLOVE-TEST")

(defvar *scratch* (uiop:ensure-directory-pathname
                   (format nil "/tmp/clove-uiop-stream-~36R/" (random (expt 36 8) (make-random-state t)))))
(ensure-directories-exist *scratch*)
(defun scratch (name) (merge-pathnames name *scratch*))
(defun write-file (name contents)
  (with-open-file (o (scratch name) :direction :output :if-exists :supersede) (write-string contents o))
  (scratch name))

;;; --- Standard streams and encodings

(check std-streams (list (streamp uiop:*stdin*) (output-stream-p uiop:*stdout*) (output-stream-p uiop:*stderr*)) '(t t t))
(check setup-stdout (progn (uiop:setup-stdout) (output-stream-p uiop:*stdout*)) t)
(check default-element-type uiop:*default-stream-element-type* :default)
(check default-encoding (list uiop:*default-encoding* uiop:*utf-8-external-format*) '(:utf-8 :utf-8))
(check encoding-external-format (list (uiop:encoding-external-format :utf-8) (uiop:encoding-external-format :default)
                                      (uiop:encoding-external-format nil))
       '(:utf-8 :default :utf-8))
(check encoding-external-format-unknown
       (handler-bind ((error (lambda (e) (continue e)))) (uiop:encoding-external-format :klingon))
       :default)
(check detect-encoding (list (uiop:detect-encoding (write-file "enc.lisp" "x")) (uiop:detect-encoding nil))
       '(:utf-8 :utf-8))
(check always-default-encoding (uiop:always-default-encoding #p"/x") :utf-8)

;;; --- Safe syntax

(check safe-read-from-string (uiop:safe-read-from-string "(1.5 foo)") (list 1.5d0 (intern "FOO" :cl)))
(check-error safe-read-no-eval (uiop:safe-read-from-string "#.(+ 1 2)") reader-error)
(check safe-read-package (symbol-package (uiop:safe-read-from-string "bar" :package :keyword)) (find-package :keyword))
(check safe-read-eof (uiop:safe-read-from-string "" :eof-error-p nil :eof-value :eof) :eof)
(check safe-read-start (uiop:safe-read-from-string "a b" :start 2) (intern "B" :cl))
(check with-safe-io-syntax (uiop:with-safe-io-syntax () (list *package* *read-eval* *print-readably* *read-default-float-format*))
       (list (find-package :cl) nil nil 'double-float))
(check call-with-safe-io-syntax (uiop:call-with-safe-io-syntax (lambda () (package-name *package*)) :package :keyword)
       "KEYWORD")

;;; --- Stream designators

(check with-output-nil (uiop:with-output (s nil) (format s "x~A" 1)) "x1")
(check with-output-t (let ((*standard-output* (make-string-output-stream)))
                       (uiop:with-output (s t) (write-string "to t" s))
                       (get-output-stream-string *standard-output*))
       "to t")
(check with-output-string (let ((buffer (make-array 0 :element-type 'character :fill-pointer 0 :adjustable t)))
                            (uiop:with-output (s buffer) (write-string "filled" s))
                            buffer)
       "filled")
(check with-output-pathname (progn (uiop:with-output (s (scratch "out.txt")) (write-string "in file" s))
                                   (uiop:read-file-string (scratch "out.txt")))
       "in file")
(check-error with-output-bad (uiop:with-output (s 42) s) type-error)
(check output-string (list (uiop:output-string "abc")
                           (with-output-to-string (s) (uiop:output-string "def" s)))
       '("abc" "def"))
(check with-input-string (uiop:with-input (s "(1 2)") (read s)) '(1 2))
(check with-input-nil (let ((*standard-input* (make-string-input-stream "7"))) (uiop:with-input (s nil) (read s))) 7)
(check with-input-pathname (uiop:with-input (s (write-file "in.txt" "42")) (read s)) 42)
(check input-string (list (uiop:input-string "zzz") (uiop:input-string (make-string-input-stream "from stream")))
       '("zzz" "from stream"))
(check null-device-pathname (uiop:null-device-pathname) #p"/dev/null")
(check with-null-input (uiop:with-null-input (s) (read-line s nil :eof)) :eof)
(check with-null-output (uiop:with-null-output (s) (write-string "gone" s) :done) :done)
(check call-with-null-output (uiop:call-with-null-output (lambda (s) (output-stream-p s))) t)

;;; --- Files

(check with-output-file (progn (uiop:with-output-file (o (scratch "w.txt") :if-exists :supersede) (write-line "w" o))
                               (uiop:read-file-string (scratch "w.txt")))
       (format nil "w~%"))
(check-error with-output-file-exists (uiop:with-output-file (o (scratch "w.txt")) (write-line "again" o)) file-error)
(check with-input-file (uiop:with-input-file (i (scratch "w.txt")) (read-line i)) "w")
(check-error with-input-file-missing (uiop:with-input-file (i (scratch "missing.txt")) i) file-error)
(check with-input-file-if-does-not-exist (uiop:with-input-file (i (scratch "missing.txt") :if-does-not-exist nil) i) nil)

(write-file "lines.txt" (format nil "one~%two~C~%three" #\Return))
(write-file "forms.lisp" "(a 1) (b 2) \"three\" 4")
(check read-file-string (uiop:read-file-string (scratch "lines.txt")) (format nil "one~%two~C~%three" #\Return))
(check read-file-lines (uiop:read-file-lines (scratch "lines.txt")) '("one" "two" "three"))
(check read-file-line (list (uiop:read-file-line (scratch "lines.txt")) (uiop:read-file-line (scratch "lines.txt") :at 2))
       '("one" "three"))
(check read-file-forms (uiop:read-file-forms (scratch "forms.lisp")) '((a 1) (b 2) "three" 4))
(check read-file-forms-count (uiop:read-file-forms (scratch "forms.lisp") :count 2) '((a 1) (b 2)))
(check read-file-form (list (uiop:read-file-form (scratch "forms.lisp")) (uiop:read-file-form (scratch "forms.lisp") :at '(1 1)))
       '((a 1) 2))
(check safe-read-file-form (uiop:safe-read-file-form (scratch "forms.lisp") :at 2) "three")
(check safe-read-file-form-package (symbol-package (car (uiop:safe-read-file-form (scratch "forms.lisp") :package :keyword)))
       (find-package :keyword))
(check safe-read-file-line (uiop:safe-read-file-line (scratch "lines.txt") :at 1) "two")
(check-error read-file-string-missing (uiop:read-file-string (scratch "missing.txt")) file-error)

;;; --- Slurping and copying streams

(check slurp-stream-string (uiop:slurp-stream-string (make-string-input-stream "all of it")) "all of it")
(check slurp-stream-string-stripped (uiop:slurp-stream-string (make-string-input-stream (format nil "line~%")) :stripped t)
       "line")
(check slurp-stream-string-closes (let ((s (make-string-input-stream "x"))) (uiop:slurp-stream-string s) (open-stream-p s)) nil)
(check slurp-stream-string-big (length (uiop:slurp-stream-string (make-string-input-stream (make-string 100000 :initial-element #\z))))
       100000)
(check slurp-stream-lines (uiop:slurp-stream-lines (make-string-input-stream (format nil "a~%b~%c"))) '("a" "b" "c"))
(check slurp-stream-lines-count (uiop:slurp-stream-lines (make-string-input-stream (format nil "a~%b~%c")) :count 2) '("a" "b"))
(check slurp-stream-line (uiop:slurp-stream-line (make-string-input-stream (format nil "a~%b")) :at 1) "b")
(check slurp-stream-forms (uiop:slurp-stream-forms (make-string-input-stream "(1 2) x \"y\"")) '((1 2) x "y"))
(check slurp-stream-form (uiop:slurp-stream-form (make-string-input-stream "(1 2) x") :at 1) 'x)
(check copy-stream-to-stream
       (with-output-to-string (o) (uiop:copy-stream-to-stream (make-string-input-stream "copied") o))
       "copied")
(check copy-stream-to-stream-linewise
       (with-output-to-string (o)
         (uiop:copy-stream-to-stream (make-string-input-stream (format nil "a~%b")) o :linewise t :prefix "> "))
       (format nil "> a~%> b"))
(check copy-stream-to-stream-small-buffer
       (with-output-to-string (o) (uiop:copy-stream-to-stream (make-string-input-stream "0123456789") o :buffer-size 3))
       "0123456789")
(check concatenate-files
       (progn (uiop:concatenate-files (list (write-file "c1" "first,") (write-file "c2" "second")) (scratch "cat"))
              (uiop:read-file-string (scratch "cat")))
       "first,second")
(check copy-file (progn (uiop:copy-file (scratch "c1") (scratch "c1-copy")) (uiop:read-file-string (scratch "c1-copy")))
       "first,")
(check-error copy-file-missing (uiop:copy-file (scratch "missing") (scratch "nowhere")) file-error)

;;; --- Evaluating

(check eval-input (uiop:eval-input "(+ 1 2) (values 4 5)") 4)
(check-values eval-input-values (uiop:eval-input "(values 4 5)") 4 5)
(check eval-thunk (list (uiop:eval-thunk "(* 2 3)") (uiop:eval-thunk '(+ 1 1)) (uiop:eval-thunk (lambda () :called))
                        (uiop:eval-thunk :kw) (uiop:eval-thunk 12))
       '(6 2 :called :kw 12))
(check standard-eval-thunk (list (uiop:standard-eval-thunk "(list 1 2)") (uiop:standard-eval-thunk nil)) '((1 2) nil))
(check standard-eval-thunk-read-eval (uiop:standard-eval-thunk "'#.(+ 1 2)") 3)

;;; --- Output helpers

(check println (with-output-to-string (s) (uiop:println "hi" s)) (format nil "hi~%"))
(check writeln (with-output-to-string (s) (uiop:writeln "hi" :stream s)) (format nil "\"hi\"~%"))
(check format! (with-output-to-string (s) (uiop:format! s "~A-~A" 1 2)) "1-2")
(check safe-format!-errors-ignored (with-output-to-string (s) (uiop:safe-format! s "~A ~A" 1)) "1 ")
(check finish-outputs (uiop:finish-outputs) nil)
(check file-stream-p (list (uiop:file-stream-p *standard-output*) (uiop:file-stream-p (make-string-output-stream)))
       (list (typep *standard-output* 'file-stream) nil))
(check file-or-synonym-stream-p
       (with-open-file (f (scratch "c1"))
         (let ((*standard-input* f))
           (list (uiop:file-or-synonym-stream-p (make-synonym-stream '*standard-input*))
                 (uiop:file-or-synonym-stream-p (make-string-input-stream "")))))
       '(t nil))

;;; --- Temporary files

(check temporary-directory (let ((uiop:*temporary-directory* *scratch*)) (uiop:temporary-directory)) *scratch*)
(check with-temporary-file-stream-and-pathname
       (let ((uiop:*temporary-directory* *scratch*) (seen nil))
         (list (uiop:with-temporary-file (:stream s :pathname p)
                 (setf seen p)
                 (write-string "data" s)
                 :close-stream
                 (list (uiop:read-file-string p) (pathname-type p) (string= "tmp" (pathname-name p) :end2 3)))
               (probe-file seen)))
       '(("data" "tmp" t) nil))
(check with-temporary-file-keep
       (let* ((uiop:*temporary-directory* *scratch*)
              (p (uiop:with-temporary-file (:pathname p :keep t :type "lisp" :prefix "kept-") p)))
         (prog1 (list (pathname-type p) (string= "kept-" (pathname-name p) :end2 5) (not (null (probe-file p))))
           (delete-file p)))
       '("lisp" t t))
(check with-temporary-file-directory
       (uiop:with-temporary-file (:pathname p :directory (scratch "tmpdir/"))
         (equal (pathname-directory p) (pathname-directory (scratch "tmpdir/"))))
       t)
(check with-temporary-file-deleted-on-error
       (let ((uiop:*temporary-directory* *scratch*) (seen nil))
         (ignore-errors (uiop:with-temporary-file (:pathname p) (setf seen p) (error "inside")))
         (list (not (null seen)) (probe-file seen)))
       '(t nil))
(check call-with-temporary-file-after
       (let ((uiop:*temporary-directory* *scratch*))
         (uiop:call-with-temporary-file (lambda (s) (write-string "abc" s))
                                        :want-pathname-p nil :after (lambda (p) (uiop:read-file-string p))))
       "abc")
(check-error with-temporary-file-bad-direction
             (uiop:call-with-temporary-file (lambda (s p) (list s p)) :direction :input)
             type-error)
(check add-pathname-suffix (uiop:add-pathname-suffix #p"/a/b.c" "-x") #p"/a/b-x.c")
(check tmpize-pathname
       (let ((p (uiop:tmpize-pathname (scratch "target.fasl"))))
         (prog1 (list (pathname-type p) (string= "target-tmp" (pathname-name p) :end2 10) (not (null (probe-file p)))
                      (equal (pathname-directory p) (pathname-directory *scratch*)))
           (delete-file p)))
       '("fasl" t t t))
(check with-staging-pathname
       (progn (uiop:with-staging-pathname (p (scratch "staged.txt"))
                (with-open-file (o p :direction :output :if-exists :supersede) (write-string "staged" o)))
              (uiop:read-file-string (scratch "staged.txt")))
       "staged")
(check with-staging-pathname-failure-keeps-old
       (progn (ignore-errors
               (uiop:with-staging-pathname (p (scratch "staged.txt"))
                 (with-open-file (o p :direction :output :if-exists :supersede) (write-string "half" o))
                 (error "failed")))
              (list (uiop:read-file-string (scratch "staged.txt"))
                    (remove-if-not (lambda (f) (search "staged-tmp" (namestring f)))
                                   (directory (merge-pathnames "*.*" *scratch*)))))
       '("staged" nil))

(uiop:delete-directory-tree *scratch* :validate t)
