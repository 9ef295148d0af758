;;;; The pretty printer (CLHS 22.2): code and data layout through the
;;;; initial pprint dispatch table, *PRINT-LEVEL*, *PRINT-LENGTH*,
;;;; *PRINT-LINES* and *PRINT-CIRCLE* under it, logical blocks with their
;;;; prefixes, newlines, indentation and tabs, the format directives of
;;;; 22.3.5, user dispatch entries, and the errors. The expected strings
;;;; were produced by SBCL.

(in-package "CLOVE-TEST")

(check code-layout.defun
  (let ((*print-pretty* t) (*print-right-margin* 30))
    (prin1-to-string
     '(defun foo (x)
        (let ((y 1) (z 2))
          (+ x y z)
          (if (> x 1)
              (print x)
              (print y))))))
  '"(DEFUN FOO (X)
  (LET ((Y 1) (Z 2))
    (+ X Y Z)
    (IF (> X 1)
        (PRINT X)
        (PRINT Y))))")

(check code-layout.print
  (let ((*print-pretty* t))
    (with-output-to-string (s)
      (print
       '(defun foo (x)
          (let ((y 1))
            (+ x y)))
       s)))
  '"
(DEFUN FOO (X)
  (LET ((Y 1))
    (+ X Y))) ")

(check code-layout.let-always-breaks
  (let ((*print-pretty* t))
    (prin1-to-string
     '(let ((x 1))
        x)))
  '"(LET ((X 1))
  X)")

(check code-layout.short-defun
  (let ((*print-pretty* t))
    (prin1-to-string '(defun foo (x) x)))
  '"(DEFUN FOO (X) X)")

(check code-layout.flet
  (let ((*print-pretty* t) (*print-right-margin* 30))
    (prin1-to-string
     '(flet ((f (x)
               (+ x 1))
             (g (y)
               (* y y y y)))
        (f (g 2)))))
  '"(FLET ((F (X)
         (+ X 1))
       (G (Y)
         (* Y Y Y Y)))
  (F (G 2)))")

(check code-layout.do
  (let ((*print-pretty* t) (*print-right-margin* 30))
    (prin1-to-string
     '(do ((i 0 (1+ i))
           (j 0 (1+ j)))
          ((> i 10) (print i))
        (print j))))
  '"(DO ((I 0 (1+ I))
     (J 0 (1+ J)))
    ((> I 10) (PRINT I))
  (PRINT J))")

(check code-layout.setq
  (let ((*print-pretty* t) (*print-right-margin* 30))
    (prin1-to-string
     '(setq a 1
            b 2
            c 3333333333
            d 4444444444)))
  '"(SETQ A 1
      B 2
      C 3333333333
      D 4444444444)")

(check code-layout.progn
  (let ((*print-pretty* t) (*print-right-margin* 30))
    (prin1-to-string '(progn (foo 1 2) (bar 3 4) (baz 5 6))))
  '"(PROGN
 (FOO 1 2)
 (BAR 3 4)
 (BAZ 5 6))")

(check code-layout.mvb
  (let ((*print-pretty* t) (*print-right-margin* 30))
    (prin1-to-string '(multiple-value-bind (a b) (floor 10 3) (list a b a b a b))))
  '"(MULTIPLE-VALUE-BIND (A B)
    (FLOOR 10 3)
  (LIST A B A B A B))")

(check code-layout.cond
  (let ((*print-pretty* t) (*print-right-margin* 30))
    (prin1-to-string '(cond ((= x 1) (print "one") 1) ((= x 2) 2) (t 3))))
  '"(COND
 ((= X 1) (PRINT \"one\") 1)
 ((= X 2) 2) (T 3))")

(check code-layout.case
  (let ((*print-pretty* t) (*print-right-margin* 30))
    (prin1-to-string '(case x (1 (print 1111111)) (2 (print 22222222)) (otherwise 3))))
  '"(CASE X
  (1 (PRINT 1111111))
  (2 (PRINT 22222222))
  (OTHERWISE 3))")

(check code-layout.loop
  (let ((*print-pretty* t) (*print-right-margin* 30))
    (prin1-to-string
     '(loop for i from 1 to 10
            collect i into x
            finally (return x))))
  '"(LOOP FOR I FROM 1 TO 10
      COLLECT I INTO X
      FINALLY (RETURN X))")

(check code-layout.quote
  (let ((*print-pretty* t))
    (prin1-to-string ''(a b #'car #'car (quote))))
  '"'(A B #'CAR #'CAR (QUOTE))")

(check code-layout.backquote
  (let ((*print-pretty* t))
    (prin1-to-string
     '(defmacro foo (x &body body)
        `(let ((,x 1))
           ,@body))))
  '"(DEFMACRO FOO (X &BODY BODY)
  `(LET ((,X 1))
     ,@BODY))")

(check code-layout.fun-call
  (let ((*print-pretty* t) (*print-right-margin* 30))
    (prin1-to-string '(list (list aaaa bbbb cccc) dddd eeee ffff gggg hhhh)))
  '"(LIST (LIST AAAA BBBB CCCC)
      DDDD EEEE FFFF GGGG
      HHHH)")

(check code-layout.fun-call-breaks-first
  (let ((*print-pretty* t))
    (prin1-to-string
     '(list
       (let ((x 1))
         x)
       2)))
  '"(LIST
 (LET ((X 1))
   X)
 2)")

(check code-layout.if-in-call
  (let ((*print-pretty* t))
    (prin1-to-string
     '(if (let ((x 1))
            x)
          2
          3)))
  '"(IF (LET ((X 1))
      X)
    2
    3)")

(check code-layout.odd-shapes
  (let ((*print-pretty* t))
    (mapcar #'prin1-to-string
            '((a . b) (quote a b) (function) (if a) (let) (let x) (setq a) (defun . foo)
              (list . 1))))
  '("(A . B)" "(QUOTE A B)" "(FUNCTION)" "(IF A)" "(LET)" "(LET X)" "(SETQ A)" "(DEFUN . FOO)"
    "(LIST . 1)"))

(check data.fill
  (let ((*print-pretty* t) (*print-right-margin* 30))
    (prin1-to-string '(1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20)))
  '"(1 2 3 4 5 6 7 8 9 10 11 12
 13 14 15 16 17 18 19 20)")

(check data.vector
  (let ((*print-pretty* t) (*print-right-margin* 30))
    (prin1-to-string #(1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20)))
  '"#(1 2 3 4 5 6 7 8 9 10 11 12
  13 14 15 16 17 18 19 20)")

(check data.dotted
  (let ((*print-pretty* t) (*print-right-margin* 30))
    (prin1-to-string '(list aaaa bbbb cccc dddd eeee ffff gggg . hhhh)))
  '"(LIST AAAA BBBB CCCC DDDD
      EEEE FFFF GGGG . HHHH)")

(check data.princ
  (let ((*print-pretty* t))
    (format nil "~a|~s"
            '(let ((x "s"))
               x)
            '(let ((x "s"))
               x)))
  '"(LET ((X s))
  X)|(LET ((X \"s\"))
       X)")

(check data.write-keys
  (write-to-string '(aaa bbb ccc) :pretty t :right-margin 8)
  '"(AAA
 BBB
 CCC)")

(check data.not-pretty
  (let ((*print-pretty* nil) (*print-right-margin* 10))
    (prin1-to-string
     '(defun foo (x)
        (let ((y 1))
          (+ x y)))))
  '"(DEFUN FOO (X) (LET ((Y 1)) (+ X Y)))")

(check limits.level-length
  (let ((*print-pretty* t) (*print-level* 2) (*print-length* 3))
    (prin1-to-string '(1 (2 (3 (4))) 3 4 5)))
  '"(1 (2 #) 3 ...)")

(check limits.level-vector
  (let ((*print-pretty* t) (*print-level* 1))
    (prin1-to-string '#(1 #(2) (3))))
  '"#(1 # #)")

(check limits.length-code
  (let ((*print-pretty* t) (*print-length* 2))
    (list (prin1-to-string '(defun foo (a b c d) 1 2 3)) (prin1-to-string #(1 2 3))))
  '("(DEFUN FOO ...)" "#(1 2 ...)"))

(check limits.lines
  (let ((*print-pretty* t) (*print-lines* 3) (*print-right-margin* 20))
    (prin1-to-string
     '(defun foo (x)
        (let ((y 1))
          (list x y x y x y x y x y)
          (print 1)
          (print 2)
          (print 3)))))
  '"(DEFUN FOO (X)
  (LET ((Y 1))
    (LIST X Y X Y X ..)))")

(check limits.lines-2
  (let ((*print-pretty* t) (*print-lines* 2) (*print-right-margin* 20))
    (prin1-to-string
     '(aaaaa bbbbb ccccc ddddd eeeee fffff ggggg hhhhh iiiii jjjjj kkkkk
       (lllll mmmmm nnnnn ooooo ppppp))))
  '"(AAAAA BBBBB CCCCC
 DDDDD EEEEE FFFFF ..)")

(check circle.shared
  (let ((*print-pretty* t) (*print-circle* t) (x (list 1 2)))
    (prin1-to-string
     (list x x
           (let ((c (list 1 2)))
             (setf (cddr c) c)
             c))))
  '"(#1=(1 2) #1# #2=(1 2 . #2#))")

(check circle.pprint-fill
  (let ((*print-pretty* t) (*print-circle* t) (x (list 'a)))
    (with-output-to-string (s) (pprint-fill s (list x x))))
  '"(#1=(A) #1#)")

(check circle.shared-tail
  (let ((*print-pretty* t) (*print-circle* t) (x (list 1)))
    (with-output-to-string (s)
      (pprint-logical-block (s (list* x 2 x) :prefix "<" :suffix ">")
        (loop (write (pprint-pop) :stream s)
              (pprint-exit-if-list-exhausted)
              (write-char #\  s)))))
  '"<#1=(1) 2 . #1#>")

(check circle.atoms
  (let ((*print-pretty* t) (*print-circle* t) (v (vector 1 2)) (s "ab") (g (make-symbol "G")))
    (prin1-to-string (list v v s s g g)))
  '"(#1=#(1 2) #1# #2=\"ab\" #2# #3=#:G #3#)")

(check block.linear
  (let ((*print-pretty* t) (*print-right-margin* 20))
    (with-output-to-string (s) (pprint-linear s '(aaaa bbbb cccc dddd eeee))))
  '"(AAAA
 BBBB
 CCCC
 DDDD
 EEEE)")

(check block.fill-no-parens
  (let ((*print-pretty* t) (*print-right-margin* 20))
    (with-output-to-string (s) (pprint-fill s '(aaaa bbbb cccc dddd eeee) nil)))
  '"AAAA BBBB CCCC DDDD
EEEE")

(check block.tabular
  (let ((*print-pretty* t) (*print-right-margin* 30))
    (with-output-to-string (s) (pprint-tabular s '(a bbbbbbbbbb c d e fff g h) t nil 6)))
  '"(A     BBBBBBBBBB  C     D
 E     FFF   G     H)")

(check block.per-line-prefix
  (let ((*print-pretty* t))
    (with-output-to-string (s)
      (pprint-logical-block (s '(1 2 3) :per-line-prefix ";; ")
        (loop (write (pprint-pop) :stream s)
              (pprint-exit-if-list-exhausted)
              (pprint-newline :mandatory s)))))
  '";; 1
;; 2
;; 3")

(check block.not-pretty
  (let ((*print-pretty* nil))
    (with-output-to-string (s)
      (pprint-logical-block (s '(1 2 3) :prefix "[" :suffix "]")
        (loop (write (pprint-pop) :stream s)
              (pprint-exit-if-list-exhausted)
              (write-char #\  s)
              (pprint-newline :mandatory s)))))
  '"[1 2 3]")

(check block.non-list
  (let ((*print-pretty* t))
    (with-output-to-string (s)
      (pprint-logical-block (s 5 :prefix "[" :suffix "]") (write-string "no" s))))
  '"5")

(check block.dotted
  (let ((*print-pretty* t))
    (with-output-to-string (s)
      (pprint-logical-block (s '(1 . 2) :prefix "[" :suffix "]")
        (loop (write (pprint-pop) :stream s)
              (pprint-exit-if-list-exhausted)
              (write-char #\  s)))))
  '"[1 . 2]")

(check block.indent
  (let ((*print-pretty* t) (*print-right-margin* 10))
    (with-output-to-string (s)
      (pprint-logical-block (s nil :prefix "[" :suffix "]")
        (write-string "abc" s)
        (pprint-indent :current 2 s)
        (pprint-newline :mandatory s)
        (write-string "def" s)
        (pprint-indent :block -1 s)
        (pprint-newline :mandatory s)
        (write-string "ghi" s))))
  '"[abc
      def
ghi]")

(check block.literal-newline
  (let ((*print-pretty* t))
    (with-output-to-string (s)
      (pprint-logical-block (s nil :prefix "(" :suffix ")")
        (write-string "a" s)
        (pprint-indent :block 3 s)
        (terpri s)
        (write-string "b" s)
        (pprint-newline :mandatory s)
        (write-string "c" s))))
  '"(a
b
    c)")

(check block.miser
  (let ((*print-pretty* t) (*print-right-margin* 20) (*print-miser-width* 20))
    (with-output-to-string (s)
      (pprint-logical-block (s '(aaa bbb ccc ddd eee fff ggg))
        (loop (write (pprint-pop) :stream s)
              (pprint-exit-if-list-exhausted)
              (write-char #\  s)
              (pprint-newline :miser s)))))
  '"AAA
BBB
CCC
DDD
EEE
FFF
GGG")

(check block.miser-code
  (let ((*print-pretty* t) (*print-right-margin* 20) (*print-miser-width* 40))
    (prin1-to-string
     '(defun foo (x y)
        (let ((y 1))
          (+ x y)))))
  '"(DEFUN
 FOO
 (X Y)
 (LET
  ((Y 1))
  (+ X Y)))")

(check block.tabs
  (let ((*print-pretty* t) (*print-right-margin* 60))
    (with-output-to-string (s)
      (pprint-logical-block (s nil)
        (write-string "ab" s)
        (pprint-tab :line 10 4 s)
        (write-string "cd" s)
        (pprint-tab :line-relative 3 4 s)
        (write-string "ef" s)
        (pprint-tab :section 2 5 s)
        (write-string "gh" s))))
  '"ab        cd    ef    gh")

(check block.section-relative
  (let ((*print-pretty* t))
    (with-output-to-string (s)
      (pprint-logical-block (s nil :prefix "    ")
        (write-string "ab" s)
        (pprint-tab :section-relative 3 4 s)
        (write-string "A" s))))
  '"    ab      A")

(check format.tabs
  (let ((*print-pretty* t))
    (list (format nil "~<~a~10,8:T|~:>" '("12345678901"))
          (format nil "~<~a~10,8T|~:>" '("1234567890")) (format nil "~<~a~3,8@:T|~:>" '("12345"))))
  '("12345678901       |" "1234567890        |" "12345   |"))

(check format.per-line-prefix
  (let ((*print-pretty* t) (*print-right-margin* 20))
    (format nil "~@<;;; ~@;~a ~:_~a ~:_~a ~:_~a ~:_~a ~:_~a~:>" 1111 2222 3333 4444 5555 66666))
  '";;; 1111 2222 3333
;;; 4444 5555 66666")

(check format.fill-style
  (let ((*print-pretty* t) (*print-right-margin* 20))
    (format nil "~:@<~a ~a ~a ~a ~a ~a~:@>" 1111 2222 3333 4444 5555 66666))
  '"(1111 2222 3333
 4444 5555 66666)")

(check format.indent
  (let ((*print-pretty* t) (*print-right-margin* 20))
    (list
     (format nil "~:<~w~^ ~:I~@_~w~^ ~_~w~^ ~_~w~:>" '(defun foo (x y z) (list x y z zzzzzzzzzzz)))
     (format nil "~:<~w~^ ~2I~_~w~^ ~_~w~:>" '(aaaaaaaa bbbbbbbbbb ccccccccccc))))
  '("(DEFUN FOO
       (X Y Z)
       (LIST X Y Z
             ZZZZZZZZZZZ))"
    "(AAAAAAAA
   BBBBBBBBBB
   CCCCCCCCCCC)"))

(check format.pop
  (let ((*print-pretty* t))
    (list (format nil "~<~a~^ ~a~^ ~a~:>" '(1 2))
          (let ((*print-length* 2))
            (format nil "~<~a~^ ~a~^ ~a~:>" '(1 2 3)))
          (format nil "~<~a ~a~:>" '(1 . 2)) (format nil "~<~a~:>" 5) (format nil "~:<~:>" 'nil)
          (format nil "~:@<~a~:>" 1 2)))
  '("1 2" "1 2 ..." "1 . 2" "5" "()" "(1)"))

(check format.lines
  (let ((*print-pretty* t) (*print-lines* 1) (*print-right-margin* 10))
    (format nil "~:<~a ~_~a ~_~a~:>" '(aaaaaa bbbbbbb ccccccc)))
  '"(AAAAAA ..)")

(check format.newline-kinds
  (let ((*print-pretty* t) (*print-right-margin* 5))
    (list (format nil "~<foo ~_bar~:>" nil) (format nil "~<ab ~:_cd ~:_ef~:>" nil)
          (format nil "~<a~:@_b~:>" nil)
          (let ((*print-pretty* nil))
            (format nil "~<foo ~_bar~:>" nil))))
  '("foo
bar"
    "ab
cd ef"
    "a
b"
    "foo bar"))

(check format.fill-loop
  (let ((*print-pretty* t) (*print-right-margin* 25))
    (format nil "~<~@{~a~^ ~:_~}~:>" '(1 2 3 4 5 6 7 8 9 10 11 12 13 14 15)))
  '"1 2 3 4 5 6 7 8 9 10 11
12 13 14 15")

(check dispatch.user-integer
  (let ((*print-pprint-dispatch* (copy-pprint-dispatch nil)))
    (set-pprint-dispatch 'integer
                         (lambda (s x)
                           (let ((*print-pretty* nil))
                             (format s "<~d>" x))))
    (let ((*print-pretty* t))
      (list (prin1-to-string 5) (prin1-to-string '(1 a 2))
            (let ((*print-pretty* nil))
              (prin1-to-string 5)))))
  '("<5>" "(<1> A <2>)" "5"))

(check dispatch.cons-member
  (let ((*print-pprint-dispatch* (copy-pprint-dispatch nil)))
    (set-pprint-dispatch '(cons (member foo)) (lambda (s x) (format s "FOO!~a" (length x))))
    (let ((*print-pretty* t))
      (prin1-to-string '(a (foo 1 2) b))))
  '"(A FOO!3 B)")

(check dispatch.priority
  (let ((*print-pprint-dispatch* (copy-pprint-dispatch nil)))
    (set-pprint-dispatch 'symbol (lambda (s x) (format s "s:~a" (symbol-name x))) 1)
    (set-pprint-dispatch 'keyword (lambda (s x) (format s "k:~a" (symbol-name x))) 2)
    (let ((*print-pretty* t))
      (prin1-to-string '(a :b))))
  '"(s:A k:B)")

(check dispatch.remove
  (let ((*print-pprint-dispatch* (copy-pprint-dispatch nil)))
    (set-pprint-dispatch 'symbol (lambda (s x) (format s "s:~a" (symbol-name x))) 3)
    (set-pprint-dispatch 'keyword (lambda (s x) (format s "k:~a" (symbol-name x))) 2)
    (set-pprint-dispatch 'symbol nil)
    (let ((*print-pretty* t))
      (prin1-to-string '(a :b))))
  '"(A k:B)")

(check dispatch.copy-is-independent
  (let* ((a (copy-pprint-dispatch nil)) (b (copy-pprint-dispatch a)))
    (set-pprint-dispatch 'string (lambda (s x) (declare (ignore x)) (write-string "str" s)) 0 a)
    (list
     (let ((*print-pprint-dispatch* a) (*print-pretty* t))
       (prin1-to-string "x"))
     (let ((*print-pprint-dispatch* b) (*print-pretty* t))
       (prin1-to-string "x"))))
  '("str" "\"x\""))

(check dispatch.lookup
  (let ((tab (copy-pprint-dispatch nil)))
    (set-pprint-dispatch '(eql 7) 'pprint-fill 0 tab)
    (list (nth-value 1 (pprint-dispatch 7 tab)) (nth-value 1 (pprint-dispatch 8 tab))
          (eq (pprint-dispatch 7 tab) 'pprint-fill)))
  '(t nil t))

(check stream.user-writes
  (let ((*print-pretty* t) (*print-right-margin* 20))
    (with-output-to-string (s)
      (pprint-logical-block (s '(1 2 3) :prefix "{" :suffix "}")
        (loop
         (let ((x (pprint-pop)))
           (write-string "item-" s)
           (write-char #\# s)
           (princ x s))
         (pprint-exit-if-list-exhausted)
         (write-string ", " s)
         (pprint-newline :fill s)))))
  '"{item-#1, item-#2,
 item-#3}")

(check stream.fresh-line
  (let ((*print-pretty* t))
    (with-output-to-string (s)
      (pprint-logical-block (s nil :prefix "[")
        (write-string "ab" s)
        (fresh-line s)
        (write-string "cd" s)
        (fresh-line s)
        (write-string "e" s))))
  '"[ab
cd
e")

(check stream.standard-output
  (let ((*print-pretty* t))
    (with-output-to-string (*standard-output*)
      (pprint-logical-block (nil '(a b) :prefix "<" :suffix ">")
        (princ (pprint-pop))
        (princ (pprint-pop)))))
  '"<AB>")

;;; Errors

(check-error pprint-newline.bad-kind (pprint-newline :bogus) type-error)
(check-error pprint-newline.bad-stream (pprint-newline :fill 5) type-error)
(check-error pprint-indent.bad-kind (pprint-indent :foo 1) type-error)
(check-error pprint-indent.bad-amount (pprint-indent :block 'x) type-error)
(check-error pprint-tab.bad-kind (pprint-tab :bogus 1 1) type-error)
(check-error pprint-tab.bad-colnum (pprint-tab :line -1 1) type-error)
(check-error pprint-pop.outside-block (eval '(pprint-pop)) error)
(check-error pprint-exit.outside-block (eval '(pprint-exit-if-list-exhausted)) error)
(check-error logical-block.bad-prefix (pprint-logical-block (nil '(1) :prefix 5)) type-error)
(check-error logical-block.bad-suffix (pprint-logical-block (nil '(1) :suffix 5)) type-error)
(check-error logical-block.bad-per-line-prefix
  (pprint-logical-block (nil '(1) :per-line-prefix 5)) type-error)
(check-error logical-block.both-prefixes
  (eval '(pprint-logical-block (nil nil :prefix "a" :per-line-prefix "b"))) error)
(check-error set-pprint-dispatch.bad-priority (set-pprint-dispatch 'integer #'identity 'x) type-error)
(check-error set-pprint-dispatch.bad-function (set-pprint-dispatch 'integer 5) type-error)
(check-error set-pprint-dispatch.bad-table (set-pprint-dispatch 'integer #'identity 0 5) type-error)
(check-error copy-pprint-dispatch.bad-table (copy-pprint-dispatch 5) type-error)
(check-error pprint-dispatch.bad-table (pprint-dispatch 1 5) type-error)
(check-error pprint-fill.bad-stream (pprint-fill 5 '(1)) type-error)
(check-error pprint-tabular.bad-tabsize (pprint-tabular nil '(1) t nil -1) type-error)
(check non-lists-print-as-objects
  (list (with-output-to-string (s) (pprint-fill s 5))
        (with-output-to-string (s) (pprint-linear s "ab"))
        (with-output-to-string (s) (pprint-tabular s nil))
        (pprint-newline :fill))
  '("5" "\"ab\"" "()" nil))
(check pprint-dispatch.default
  (multiple-value-bind (f found) (pprint-dispatch 12)
    (list (functionp f) found (with-output-to-string (s) (funcall f s 12))))
  '(t nil "12"))
(check pprint.no-values
  (multiple-value-list (let ((*standard-output* (make-string-output-stream))) (pprint '(a))))
  '())
(check print-lines.ignored-readably
  (let ((*print-pretty* t) (*print-lines* 1) (*print-readably* t) (*print-right-margin* 11))
    (prin1-to-string '(aaaa bbbb cccc dddd)))
  "(AAAA BBBB
 CCCC DDDD)")
(check format.fill-style-nested
  (let ((*print-pretty* t) (*print-right-margin* 3))
    (list (format nil "~:@<~@{~A~^ ~}~:@>" 1 2 3)
          (format nil "~@<**~@;~@{~A~^       ~}~;XX~:@>" 1 2 3)))
  '("(1
 2
 3)" "**1
**2
**3XX"))
(check format.block-pops-through-iteration
  (let ((*print-length* 2)) (format nil "~:<~@{~A~^ ~}~:>" (list 1 2 3 4 5)))
  "(1 2 ...)")
(check-error format.pretty-with-justification (format nil "~<X~:;Y~>~W" nil) error)
(check-error format.logical-block-in-justification (format nil "1~<X~<Y~:>Z~>2" nil nil nil) error)
(check deep-nesting
  (let ((x nil))
    (dotimes (i 1000) (setq x (list x)))
    (let ((*print-pretty* t) (*print-right-margin* 100000))
      (length (prin1-to-string x))))
  2003)
;;; Without *print-circle*, *print-length* or *print-level*, circular
;;; structure ends in "..." rather than printing forever (clove's choice,
;;; as its standard printer does).
(check circular-without-circle
  (let ((*print-pretty* t) (x (list 1 2 3)) (y (list 1 2)))
    (setf (cdddr x) x (car y) y)
    (list (prin1-to-string x) (prin1-to-string y) (format nil "~:<~@{~a~^ ~}~:>" x)))
  '("(1 2 3 1 2 3 ...)" "(... 2)" "(1 2 3 1 2 3 ...)"))

;;; Structures and arrays

(defstruct pp-foo aaaa bbbb cccc)
(defstruct (pp-bar (:print-function (lambda (o s d) (declare (ignore o d)) (write-string "<bar>" s)))) x)

(check structure.layout
  (let ((*print-pretty* t) (*print-right-margin* 30))
    (list (prin1-to-string (make-pp-foo :aaaa 1111111 :bbbb 2222222 :cccc 333333))
          (prin1-to-string
           (make-pp-foo :aaaa (list 1111111 2222222 3333333 44444444) :bbbb 2 :cccc (make-pp-bar)))
          (princ-to-string (make-pp-foo :aaaa "a" :bbbb 2 :cccc 3))
          (let ((*print-length* 1))
            (prin1-to-string (make-pp-foo :aaaa 1 :bbbb 2 :cccc 3)))
          (let ((*print-level* 1))
            (prin1-to-string (list (make-pp-foo :aaaa 1 :bbbb 2 :cccc 3))))))
  '("#S(PP-FOO
   :AAAA 1111111
   :BBBB 2222222
   :CCCC 333333)"
    "#S(PP-FOO
   :AAAA (1111111 2222222
          3333333 44444444)
   :BBBB 2
   :CCCC <bar>)"
    "#S(PP-FOO
   :AAAA a
   :BBBB 2
   :CCCC 3)"
    "#S(PP-FOO :AAAA 1 ...)" "(#)"))

(check array.layout
  (let ((*print-pretty* t) (*print-right-margin* 30))
    (list
     (prin1-to-string (make-array '(2 3) :initial-contents '((1111111 2222222 3333333) (4 5 6))))
     (prin1-to-string (make-array '(2 2 2) :initial-element 'x))
     (prin1-to-string (make-array '(0 3))) (prin1-to-string (make-array nil :initial-element 5))
     (let ((*print-level* 2))
       (prin1-to-string (make-array '(2 2 2) :initial-element 'x)))
     (let ((*print-length* 1))
       (prin1-to-string (make-array '(2 2 2) :initial-element 'x)))))
  '("#2A((1111111 2222222 3333333)
    (4 5 6))"
    "#3A(((X X) (X X))
    ((X X) (X X)))"
    "#2A()" "#0A5" "#3A((# #) (# #))" "#3A(((X ...) ...) ...)"))

(check with-standard-io-syntax-binds-a-dispatch-table
       (with-standard-io-syntax
         (list (not (null *print-pprint-dispatch*))
               (let ((*print-pretty* t) (*print-right-margin* 20))
                 (prin1-to-string '(let ((car 1)) (+ car 2 3 4 5 6 7))))))
       '(t "(LET ((CAR 1))
  (+ CAR 2 3 4 5 6
     7))"))
