;;;; UIOP/UTILITY and UIOP/VERSION: every expected value here is what SBCL
;;;; with UIOP 3.3.6 answers, except where a comment says otherwise.

(in-package "CLOVE-TEST")

;;; --- Control and definitions

(check nest (macroexpand-1 '(uiop:nest (a) (b c) d)) '(a (b c d)))
(check nest-runs (uiop:nest (let ((x 1))) (let ((y 2))) (+ x y)) 3)
(check if-let-single (uiop:if-let (x (+ 1 2)) (* x 2) :no) 6)
(check if-let-all (uiop:if-let ((x 1) (y nil)) :yes :no) :no)
(check if-let-no-else (uiop:if-let ((x nil)) :yes) nil)
(check-values parse-body
              (uiop:parse-body '("doc" (declare (ignore x)) (declare (special y)) form) :documentation t)
              '(form) '((declare (ignore x)) (declare (special y))) "doc")
(check-values parse-body-docstring-last
              (uiop:parse-body '((declare (ignore x)) "only form") :documentation t)
              '("only form") '((declare (ignore x))) nil)
(check-values parse-body-no-doc (uiop:parse-body '("string" form)) '("string" form) nil nil)
(check-error parse-body-two-docs (uiop:parse-body '("a" "b" form) :documentation t) error)
(check with-upgradability (uiop:with-upgradability () (defun up-upgraded () :ok)) 'up-upgraded)
(check-error load-uiop-debug-utility-missing
             (uiop:load-uiop-debug-utility :utility-file "/nonexistent/debug.lisp")
             error)

;;; --- Lists

(check-values while-collecting
              (uiop:while-collecting (foo bar)
                (dolist (x '((a 1) (b 2) (c 3)))
                  (foo (first x))
                  (bar (second x))))
              '(a b c) '(1 2 3))
(check appendf (let ((l (list 1))) (uiop:appendf l '(2) '(3 4)) l) '(1 2 3 4))
(check length=n-p (list (uiop:length=n-p '(1 2) 2) (uiop:length=n-p '(1 2 3) 2)
                        (uiop:length=n-p '(1) 2) (uiop:length=n-p '(1 2 . 3) 2)
                        (uiop:length=n-p '() 0))
       '(t nil nil nil t))
(check length=n-p-circular (let ((l (list 1 2))) (setf (cddr l) l) (uiop:length=n-p l 5)) nil)
(check-error length=n-p-negative (uiop:length=n-p '(1) -1) type-error)
(check ensure-list (list (uiop:ensure-list 1) (uiop:ensure-list '(1)) (uiop:ensure-list nil)) '((1) (1) nil))
(check remove-plist-key (uiop:remove-plist-key :a '(:a 1 :b 2 :a 3)) '(:b 2))
(check remove-plist-keys (uiop:remove-plist-keys '(:a :c) '(:a 1 :b 2 :c 3)) '(:b 2))
(check emptyp (mapcar #'uiop:emptyp (list nil "" #() "a" '(1) #(1))) '(t t t nil nil nil))

;;; --- Strings and characters

(check strcat (uiop:strcat "a" nil #\b "cd") "abcd")
(check strcat-none (uiop:strcat) "")
(check reduce/strcat (uiop:reduce/strcat '("a" "b" "c" "d") :start 1 :end 3) "bc")
(check reduce/strcat-key (uiop:reduce/strcat '(1 2) :key #'princ-to-string) "12")
(check strings-common-element-type
       (list (uiop:strings-common-element-type '("abc" #\a nil))
             (uiop:strings-common-element-type (list "a" (string (code-char 955)))))
       '(base-char character))
(check character-type-index (list (uiop:character-type-index #\a) (uiop:character-type-index (code-char 955))
                                  (uiop:character-type-index 'base-char) (uiop:character-type-index 'character))
       '(0 1 0 1))
(check character-types (list (coerce uiop:+character-types+ 'list) uiop:+max-character-type-index+)
       '((base-char character) 1))
(check first-last-char (list (uiop:first-char "abc") (uiop:last-char "abc") (uiop:first-char "")
                             (uiop:last-char nil))
       '(#\a #\c nil nil))
(check split-string-default (uiop:split-string "a b	c") '("a" "b" "c"))
(check split-string-empty-parts (uiop:split-string "a  b") '("a" "" "b"))
(check split-string-max (uiop:split-string "a.b.c.d.e" :max 3 :separator ".") '("a.b.c" "d" "e"))
(check split-string-max-0 (uiop:split-string "a.b" :max 0 :separator ".") '("a.b"))
(check split-string-edges (uiop:split-string ".a." :separator ".") '("" "a" ""))
(check split-string-nothing (uiop:split-string "") nil)
(check string-prefix-p (list (uiop:string-prefix-p "ab" "abc") (uiop:string-prefix-p "abc" "ab")
                             (uiop:string-prefix-p :ab "ABC") (uiop:string-prefix-p "" "x"))
       '(t nil t t))
(check string-suffix-p (list (uiop:string-suffix-p "abc" "bc") (uiop:string-suffix-p "bc" "abc")
                             (uiop:string-suffix-p "file.lisp" ".lisp"))
       '(t nil t))
(check string-enclosed-p (list (uiop:string-enclosed-p "<" "<a>" ">") (uiop:string-enclosed-p "<" "<a" ">"))
       '(t nil))
(check-values stripln-crlf (uiop:stripln (format nil "ab~C~C" #\Return #\Linefeed))
              "ab" (format nil "~C~C" #\Return #\Linefeed))
(check-values stripln-lf (uiop:stripln (format nil "ab~%")) "ab" (string #\Linefeed))
(check-values stripln-cr (uiop:stripln (format nil "ab~C" #\Return)) "ab" (string #\Return))
(check-values stripln-none (uiop:stripln "ab") "ab" nil)
(check-error stripln-not-string (uiop:stripln 'ab) type-error)
(check crlf (list uiop:+cr+ uiop:+lf+ uiop:+crlf+)
       (list (string #\Return) (string #\Linefeed) (coerce '(#\Return #\Linefeed) 'string)))
(check frob-substrings-replace (uiop:frob-substrings "hello world" '("o") "0") "hell0 w0rld")
(check frob-substrings-remove (uiop:frob-substrings "abcabc" '("b" "ca")) "ac")
(check frob-substrings-unchanged (let ((s "xyz")) (eq s (uiop:frob-substrings s '("q")))) t)
(check frob-substrings-function
       (uiop:frob-substrings "a-b" '("-") (lambda (match emit) (funcall emit (string-upcase match)) (funcall emit "+")))
       "a-+b")
(check compatfmt (uiop:compatfmt "~@<~A~:>") "~@<~A~:>")
(check standard-case-symbol-name (list (uiop:standard-case-symbol-name "foo") (uiop:standard-case-symbol-name :bar))
       '("FOO" "BAR"))
(check find-standard-case-symbol (uiop:find-standard-case-symbol "car" "common-lisp") 'car)
(check find-standard-case-symbol-quiet (uiop:find-standard-case-symbol "no-such-xyz" :cl nil) nil)
(check base-string-p (uiop:base-string-p (make-string 1 :element-type 'character)) nil)

;;; --- Classes

(check coerce-class-keyword (class-name (uiop:coerce-class :standard-object)) 'standard-object)
(check coerce-class-super (class-name (uiop:coerce-class 'integer :super 'number)) 'integer)
(check coerce-class-class (let ((c (find-class 'number))) (eq c (uiop:coerce-class c))) t)
(check coerce-class-not-subclass (uiop:coerce-class 'integer :super 'string :error nil) nil)
(check-error coerce-class-unknown (uiop:coerce-class 'no-such-class-xyz) error)
(check coerce-class-warn
       (handler-case (uiop:coerce-class 'no-such-class-xyz :error 'warn) (warning () :warned))
       :warned)

;;; --- Timestamps: T is before every time, NIL after every time

(check timestamp< (list (uiop:timestamp< 1 2) (uiop:timestamp< 2 1) (uiop:timestamp< t 1)
                        (uiop:timestamp< 1 nil) (uiop:timestamp< nil 1) (uiop:timestamp< t t)
                        (uiop:timestamp< t nil) (uiop:timestamp< nil nil))
       '(t nil t t nil nil t nil))
(check timestamp<= (list (uiop:timestamp<= 1 1) (uiop:timestamp<= 2 1) (uiop:timestamp<= nil nil))
       '(t nil t))
;; UIOP 3.3.6's TIMESTAMPS< answers NIL for every non-empty list (a bug);
;; clove's answers whether the list is in increasing order.
(check timestamps< (list (uiop:timestamps< '()) (uiop:timestamps< '(t 1 2 nil)) (uiop:timestamps< '(1 1))
                         (uiop:timestamp*< 1 3 2))
       '(t t nil nil))
(check earliest (list (uiop:earliest-timestamp 3 1 2) (uiop:earliest-timestamp) (uiop:earliest-timestamp t 1)
                      (uiop:earlier-timestamp nil 5) (uiop:timestamps-earliest '(4 nil)))
       '(1 nil t 5 4))
(check latest (list (uiop:latest-timestamp 3 1 2) (uiop:latest-timestamp) (uiop:latest-timestamp nil 1)
                    (uiop:later-timestamp t 5) (uiop:timestamps-latest '(t 4)))
       '(3 t nil 5 4))
(check latest-timestamp-f (let ((x 1)) (uiop:latest-timestamp-f x 5 3) x) 5)

;;; --- Hash tables, functions, hooks

(check-values ensure-gethash-new
              (let ((h (make-hash-table))) (uiop:ensure-gethash :k h (constantly 7)))
              7 nil)
(check-values ensure-gethash-found
              (let ((h (make-hash-table))) (setf (gethash :k h) 1) (uiop:ensure-gethash :k h (constantly 7)))
              1 t)
(check list-to-hash-set (let ((h (uiop:list-to-hash-set '("a" "b"))))
                          (list (gethash "a" h) (gethash "c" h) (hash-table-count h)))
       '(t nil 2))
(check ensure-function-kinds
       (list (funcall (uiop:ensure-function 'car) '(1 2))
             (funcall (uiop:ensure-function :k) 99)
             (funcall (uiop:ensure-function '(list 1 2)) 3)
             (funcall (uiop:ensure-function '(lambda (x) (* x 10))) 3)
             (funcall (uiop:ensure-function "cons") 1 2)
             (funcall (uiop:ensure-function 42) 'ignored))
       '(1 :k (1 2 3) 30 (1 . 2) 42))
(check ensure-function-hash-table
       (let ((h (make-hash-table))) (setf (gethash 1 h) :one) (funcall (uiop:ensure-function h) 1))
       :one)
(check-error ensure-function-bad (uiop:ensure-function #(1 2)) type-error)
(check call-function (uiop:call-function '(+ 1) 2 3) 6)
(check call-functions (let ((out '()))
                        (uiop:call-functions (list (lambda () (push 1 out)) (lambda () (push 2 out))))
                        out)
       '(2 1))
(defvar *up-hook* '())
(defvar *up-hook-calls* 0)
(defun up-hook-fn () (incf *up-hook-calls*))
(check register-hook-function
       (progn (uiop:register-hook-function '*up-hook* 'up-hook-fn)
              (uiop:register-hook-function '*up-hook* 'up-hook-fn t)
              (list *up-hook* *up-hook-calls*))
       '((up-hook-fn) 1))
(check access-at (list (uiop:access-at '(1 (a b c) 3) '(1 2))
                       (uiop:access-at '(:x (:y 5)) '(:x :y))
                       (uiop:access-at '(1 2) nil)
                       (uiop:access-at '(1 2) 1)
                       (uiop:access-at '(1 2) 'second))
       '(c 5 (1 2) 2 2))
(check access-at-count (list (uiop:access-at-count 2) (uiop:access-at-count '(3 :x)) (uiop:access-at-count :x))
       '(3 4 nil))
(check lexicographic< (list (uiop:lexicographic< #'< '(1 2) '(1 3)) (uiop:lexicographic< #'< '(1 2) '(1 2))
                            (uiop:lexicographic< #'< '(1) '(1 0)) (uiop:lexicographic<= #'< '(1 2) '(1 2)))
       '(t nil t t))

;;; --- Conditions

(check style-warn-string
       (handler-case (uiop:style-warn "careful ~A" 1) (style-warning (w) (princ-to-string w)))
       "careful 1")
(check style-warn-type (handler-case (uiop:style-warn 'uiop:simple-style-warning :format-control "x")
                         (uiop:simple-style-warning () :caught))
       :caught)
(check match-condition-p
       (let ((c (make-condition 'simple-warning :format-control "fmt ~A" :format-arguments '(1))))
         (list (uiop:match-condition-p 'warning c) (uiop:match-condition-p 'error c)
               (uiop:match-condition-p "fmt ~A" c) (uiop:match-condition-p "other" c)
               (uiop:match-condition-p #("WARNING" "COMMON-LISP") c)
               (uiop:match-condition-p #("NO-SUCH-XYZ" "COMMON-LISP") c)
               (uiop:match-condition-p (lambda (x) (typep x 'condition)) c)
               (uiop:match-any-condition-p c '(error style-warning))
               (uiop:match-any-condition-p c '(error warning))))
       '(t nil t nil t nil t nil t))
(check with-muffled-conditions
       (let ((seen '()))
         (handler-bind ((warning (lambda (w) (push (princ-to-string w) seen) (muffle-warning w))))
           (uiop:with-muffled-conditions ('(style-warning))
             (warn 'uiop:simple-style-warning :format-control "muffled")
             (warn "kept")))
         seen)
       '("kept"))
(check not-implemented-error
       (handler-case (uiop:not-implemented-error 'frob "yet ~A" 1)
         (uiop:not-implemented-error (e) (subseq (princ-to-string e) 0 30)))
       "Not (currently) implemented on")
(check parameter-error
       (handler-case (uiop:parameter-error "~S: bad ~A" 'frob "thing")
         (uiop:parameter-error (e) (princ-to-string e)))
       "FROB: bad thing")
(check feature-expressions (list (uiop:boolean-to-feature-expression t) (uiop:boolean-to-feature-expression nil)
                                 (uiop:symbol-test-to-feature-expression "CAR" :cl)
                                 (uiop:symbol-test-to-feature-expression "NO-SUCH-XYZ" :cl))
       '((:and) (:or) (:and) (:or)))

;;; --- Versions

(check uiop-version uiop:*uiop-version* "3.3.6")
(check parse-version (list (uiop:parse-version "1.2.3") (uiop:parse-version "10") (uiop:parse-version "1.02" nil)
                           (uiop:parse-version "1..2") (uiop:parse-version "1.") (uiop:parse-version ".1")
                           (uiop:parse-version "") (uiop:parse-version 12) (uiop:parse-version "1.a"))
       '((1 2 3) (10) (1 2) nil nil nil nil nil nil))
(check parse-version-on-error
       (let ((messages '()))
         (uiop:parse-version "1.x" (lambda (control &rest args) (push (apply #'format nil control args) messages)))
         (uiop:parse-version "1.02" (lambda (control &rest args) (push (apply #'format nil control args) messages)))
         (reverse messages))
       '("UIOP/VERSION:PARSE-VERSION: \"1.x\" doesn't follow asdf version numbering convention"
         "UIOP/VERSION:PARSE-VERSION: \"1.02\" contains leading zeros"))
(check-error parse-version-error (uiop:parse-version "bad" 'error) error)
(check unparse-version (uiop:unparse-version '(1 2 3)) "1.2.3")
(check next-version (list (uiop:next-version "1.2.9") (uiop:next-version nil)) '("1.2.10" nil))
(check version< (list (uiop:version< "1.2" "1.10") (uiop:version< "1.10" "1.2") (uiop:version< "1.2" "1.2")
                      (uiop:version< "1.2" "1.2.0") (uiop:version< nil "1.0") (uiop:version< "1.0" "bad"))
       '(t nil nil t t nil))
(check version<= (list (uiop:version<= "1.2" "1.2") (uiop:version<= "1.3" "1.2")) '(t nil))
(check version= (list (uiop:version= "1.2" "1.2") (uiop:version= "1.2" "1.2.0")) '(t nil))
(check version-deprecation
       (list (uiop:version-deprecation "3.1" :style-warning "3.2")
             (uiop:version-deprecation "3.2" :style-warning "3.2")
             (uiop:version-deprecation "3.3" :style-warning "3.2")
             (uiop:version-deprecation "3.4" :style-warning "3.2")
             (uiop:version-deprecation "3.5" :style-warning "3.2")
             (uiop:version-deprecation "9" :style-warning "3.2" :delete "10"))
       '(nil :style-warning :warning :error :delete :error))

(uiop:with-deprecation (:style-warning)
  (defun up-deprecated (x) "The old way." (1+ x))
  (progn (defun up-not-instrumented () :fine)))
(check with-deprecation-first-call
       (handler-case (up-deprecated 1)
         (uiop:deprecated-function-style-warning (w) (uiop:deprecated-function-name w)))
       'up-deprecated)
(check with-deprecation-later-calls (up-deprecated 1) 2)
(check with-deprecation-message
       (princ-to-string (make-condition 'uiop:deprecated-function-warning :name 'up-deprecated))
       (let ((*package* (find-package :cl)))
         (format nil "DEPRECATED-FUNCTION-WARNING: Using deprecated function ~S -- please update your code to use a newer API.~%The docstring for this function says:~%The old way.~%"
                 'up-deprecated)))
(check with-deprecation-progn-untouched (up-not-instrumented) :fine)
(uiop:with-deprecation (:error)
  (defun up-erroring () :ran))
(check with-deprecation-error-continuable
       (handler-bind ((uiop:deprecated-function-error (lambda (e) (continue e))))
         (up-erroring))
       :ran)
(check-error with-deprecation-delete
             (macroexpand '(uiop:with-deprecation (:delete) (defun up-gone () nil)))
             uiop:deprecated-function-should-be-deleted)
(check-error with-deprecation-bad-level (macroexpand '(uiop:with-deprecation (:loud) (defun up-x () nil))) error)
