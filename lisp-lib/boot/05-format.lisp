;;;; FORMAT (CLHS 22.3), the parser and the driver. A control string is
;;;; parsed once into a tree of literal strings and directive records (cached
;;;; by the string's identity), then interpreted against the arguments.
;;;; This file holds the parser, FORMAT and FORMATTER, and the directives
;;;; that print objects or move through the arguments; the number directives
;;;; are in 05-format-numbers.lisp.

(in-package "CLOVE-SYSTEM")

(%export '(clove::format-error clove::format-error-control-string clove::format-error-offset) "CLOVE")

(defun %report-format-error (condition stream)
  (write-string "error in FORMAT: " stream)
  (%format-error-text condition stream))

(defun %format-error-text (condition stream)
  ;; SBCL's layout: the message, then the control string with a caret.
  (apply #'format stream (simple-condition-format-control condition)
         (simple-condition-format-arguments condition))
  (let ((control (clove:format-error-control-string condition))
        (offset (clove:format-error-offset condition)))
    (when (and control offset)
      (terpri stream)
      (write-string "  " stream)
      (write-string control stream)
      (terpri stream)
      (write-string (make-string (+ 2 offset) :initial-element #\Space) stream)
      (write-char #\^ stream))))

(define-condition clove:format-error (simple-error)
  ((control-string :initarg :control-string :initform nil :reader clove:format-error-control-string)
   (offset :initarg :offset :initform nil :reader clove:format-error-offset))
  (:report %report-format-error))

(defvar *format-control* nil)      ; the control string being interpreted
(defvar *format-args* nil)         ; the arguments not yet used
(defvar *format-orig-args* nil)    ; all the arguments of this level (for ~:* ~@*)
(defvar *format-outside-args* nil) ; the sublists left by ~:{ (for ~:^)
(defvar *format-colon-iteration* nil) ; inside ~:{ or ~:@{, where ~:^ is allowed

(defun %fmt-error (control offset message &rest args)
  (error 'clove:format-error :control-string control :offset offset
                             :format-control message :format-arguments args))

;;; A directive is a simple vector; these are its slots.
(defconstant +fd-char+ 0)     ; the directive character, upcased
(defconstant +fd-colon+ 1)
(defconstant +fd-at+ 2)
(defconstant +fd-params+ 3)   ; list: NIL (omitted), integer, character, :ARG (V), :COUNT (#)
(defconstant +fd-start+ 4)    ; index of the tilde
(defconstant +fd-end+ 5)      ; index after the directive character
(defconstant +fd-clauses+ 6)  ; groups: list of item lists
(defconstant +fd-seps+ 7)     ; groups: the ~; directives
(defconstant +fd-close+ 8)    ; groups: the closing directive
(defconstant +fd-handler+ 9)  ; function (stream directive)
(defconstant +fd-datum+ 10)   ; ~/: the function name

(defun %fd-error (dir message &rest args)
  ;; SBCL puts the caret under the directive character.
  (apply #'%fmt-error *format-control* (1- (svref dir +fd-end+)) message args))

;;; The directive table: char -> #(handler max-params colon-ok at-ok both-ok).
(defvar *format-directives* (make-hash-table))

(defun %def-format-directive (chars max-params modifiers handler)
  ;; MODIFIERS: a list of :colon :at :both allowed.
  (dolist (c chars)
    (setf (gethash c *format-directives*)
          (vector handler max-params (member :colon modifiers) (member :at modifiers)
                  (member :both modifiers)))))

;;;; Parsing

(defun %fmt-parse-prefix (control start end)
  ;; The parameters and modifiers after the tilde at START, read as SBCL
  ;; does (a comma just before the directive character adds an omitted
  ;; parameter). Returns the parameters, their positions, colon, at-sign
  ;; and the index of the directive character.
  (let ((i (1+ start)) (params nil) (starts nil) (colon nil) (at nil))
    (flet ((peek ()
             (if (< i end)
                 (char control i)
                 (%fmt-error control start "String ended before directive was found")))
           (param (value at-index)
             (when (or colon at)
               (%fmt-error control i "Parameters found after #\\: or #\\@ modifier"))
             (push value params)
             (push at-index starts))
           (done () (return-from %fmt-parse-prefix
                      (values (nreverse params) (nreverse starts) colon at i))))
      (loop-while t
        (let ((c (peek)))
          (cond ((or (digit-char-p c) (char= c #\+) (char= c #\-)
                     (char-equal c #\V) (char= c #\#))
                 (let ((here i))
                   (if (or (char-equal c #\V) (char= c #\#))
                       (setq i (1+ i))
                       (progn
                         (setq i (1+ i))
                         (loop-while (and (< i end) (digit-char-p (char control i))) (setq i (1+ i)))))
                   (param (cond ((char-equal c #\V) :arg)
                                ((char= c #\#) :count)
                                ((or (digit-char-p c) (> (- i here) 1)) (parse-integer control :start here :end i)))
                          here))
                 ;; A comma after a parameter separates it from the next.
                 (let ((next (peek)))
                   (cond ((char= next #\,) (setq i (1+ i)))
                         ((or (char= next #\:) (char= next #\@)))
                         (t (done)))))
                ((char= c #\')
                 (setq i (1+ i))
                 (param (peek) i)
                 (setq i (1+ i))
                 (when (char= (peek) #\,) (setq i (1+ i))))
                ((char= c #\,)
                 (param nil i)
                 (setq i (1+ i)))
                ((char= c #\:)
                 (when colon (%fmt-error control i "Too many colons supplied"))
                 (setq colon t i (1+ i)))
                ((char= c #\@)
                 (when at (%fmt-error control i "Too many #\\@ characters supplied"))
                 (setq at t i (1+ i)))
                (t
                 (when (and (char= (char control (1- i)) #\,)
                            (or (< i 2) (char/= (char control (- i 2)) #\')))
                   (param nil (1- i)))
                 (done))))))))

(defun %fmt-parse-directive (control start end)
  ;; CONTROL[start] is a tilde. Returns a directive vector.
  (multiple-value-bind (params starts colon at i) (%fmt-parse-prefix control start end)
    (let* ((c (char-upcase (char control i)))
             (dir (vector c colon at params start (1+ i) nil nil nil nil nil)))
        (when (char= c #\/)
          (let ((close (position #\/ control :start (1+ i))))
            (unless close (%fmt-error control i "No matching closing slash"))
            (setf (svref dir +fd-datum+) (%fmt-function-name control (1+ i) close)
                  (svref dir +fd-end+) (1+ close))))
        (let ((entry (gethash c *format-directives*)))
          (unless entry
            (%fmt-error control i "Unknown format directive (character: ~A)" (char-name c)))
          (when (and params (> (length params) (svref entry 1)))
            (%fmt-error control (nth (svref entry 1) starts)
                        "Too many parameters, expected no more than ~W" (svref entry 1)))
          (cond ((and colon at (not (svref entry 4)) (svref entry 2) (svref entry 3))
                 (%fmt-error control i +fmt-both-modifiers+))
                ((and colon (not (svref entry 2)))
                 (%fmt-error control i "The colon modifier cannot be used with this directive."))
                ((and at (not (svref entry 3)))
                 (%fmt-error control i "The at-sign modifier cannot be used with this directive.")))
          (setf (svref dir +fd-handler+) (svref entry 0)))
        dir)))

(defconstant +fmt-both-modifiers+
  "The colon and the at-sign modifiers cannot be used simultaneously with this directive.")

(defun %fmt-function-name (control start end)
  ;; ~/pkg:name/ — the symbol named (upcased) in PKG, else in CL-USER.
  (let* ((name (string-upcase (subseq control start end)))
         (colon (position #\: name))
         (pkg (if colon (subseq name 0 colon) "COMMON-LISP-USER"))
         (sym (if colon (subseq name (if (and (< (1+ colon) (length name)) (char= (char name (1+ colon)) #\:))
                                         (+ colon 2) (1+ colon)))
                  name)))
    (unless (find-package pkg) (%fmt-error control start "Package ~A does not exist" pkg))
    (intern sym pkg)))

(defun %fmt-skip-blanks (control i end)
  (loop-while (and (< i end) (member (char control i) '(#\Space #\Tab #\Page #\Return)))
    (setq i (1+ i)))
  i)

(defun %fmt-parse-items (control i closers)
  ;; Parses items from I up to a directive whose character is in CLOSERS.
  ;; Returns the items, the index after the terminator and the terminator
  ;; (NIL at the end of the string).
  (let ((items nil) (end (length control)))
    (loop-while t
      (let ((tilde (position #\~ control :start i)))
        (when (> (or tilde end) i) (push (subseq control i (or tilde end)) items))
        (unless tilde (return-from %fmt-parse-items (values (nreverse items) end nil)))
        (let* ((dir (%fmt-parse-directive control tilde end))
               (c (svref dir +fd-char+)))
          (setq i (svref dir +fd-end+))
          (cond ((member c closers)
                 (return-from %fmt-parse-items (values (nreverse items) i dir)))
                ((char= c #\>)
                 (%fmt-error control tilde "~~> without a matching ~~<"))
                ((member c '(#\) #\] #\} #\;))
                 (%fmt-error control (1- i) "~A"
                             (case c
                               (#\) "no corresponding open paren")
                               (#\] "No corresponding open bracket")
                               (#\} "No corresponding open brace")
                               (t "~; not contained within either ~[...~] or ~<...~>"))))
                ((member c '(#\( #\[ #\{ #\<))
                 (%fmt-parse-group control dir)
                 (setq i (svref (svref dir +fd-close+) +fd-end+))
                 (push dir items))
                ((char= c #\Newline)
                 ;; ~newline: drop the newline; ~:newline keeps the blanks
                 ;; after it, ~@newline keeps the newline itself.
                 (when (and (svref dir +fd-colon+) (svref dir +fd-at+))
                   (%fmt-error control (1- i) +fmt-both-modifiers+))
                 (when (svref dir +fd-at+) (push (string #\Newline) items))
                 (unless (svref dir +fd-colon+) (setq i (%fmt-skip-blanks control i end))))
                (t (push dir items))))))))

(defun %fmt-parse-group (control dir)
  ;; Fills in the clauses of ~( ~[ ~{ ~<, up to the matching closer.
  (let* ((open (svref dir +fd-char+))
         (close (case open (#\( #\)) (#\[ #\]) (#\{ #\}) (t #\>)))
         (closers (if (member open '(#\[ #\<)) (list close #\;) (list close)))
         (clauses nil) (seps nil) (i (svref dir +fd-end+)))
    (loop-while t
      (multiple-value-bind (items next term) (%fmt-parse-items control i closers)
        (push items clauses)
        (cond ((null term)
               (%fmt-error control (1- (svref dir +fd-end+)) "~A"
                           (case open
                             (#\( "No corresponding close paren")
                             ((#\[ #\<) "No corresponding close bracket")
                             (t "No corresponding close brace"))))
              ((char= (svref term +fd-char+) #\;)
               (push term seps)
               (setq i next))
              (t
               (setf (svref dir +fd-clauses+) (nreverse clauses)
                     (svref dir +fd-seps+) (nreverse seps)
                     (svref dir +fd-close+) term)
               (%fmt-check-group control dir)
               (return-from %fmt-parse-group dir)))))))

(defun %fmt-check-group (control dir)
  ;; The shape rules SBCL checks when it parses a group.
  (let ((open (svref dir +fd-char+)) (n (length (svref dir +fd-clauses+)))
        (colon (svref dir +fd-colon+)) (at (svref dir +fd-at+))
        (where (1- (svref dir +fd-end+))))
    (when (char= open #\[)
      (cond ((and colon at) (%fmt-error control where +fmt-both-modifiers+))
            ((and at (/= n 1)) (%fmt-error control where "Can only specify one section"))
            ((and colon (/= n 2)) (%fmt-error control where "Must specify exactly two sections"))))
    (when (and (char= open #\<) (not (svref (svref dir +fd-close+) +fd-colon+)))
      (let ((close (svref dir +fd-close+)))
        (when (svref close +fd-at+)
          (%fmt-error control (1- (svref close +fd-end+))
                      "@ modifier not allowed in close directive of justification block (i.e. ~<...~@>."))
        (let ((bad 0))
          (dolist (clause (svref dir +fd-clauses+))
            (dolist (item clause)
              (when (and (vectorp item) (not (stringp item))
                         (or (member (svref item +fd-char+) '(#\W #\I #\_))
                             (and (char= (svref item +fd-char+) #\T) (svref item +fd-colon+))
                             (and (char= (svref item +fd-char+) #\<)
                                  (svref (svref item +fd-close+) +fd-colon+))))
                (setq bad (1+ bad)))))
          (when (> bad 0)
            (%fmt-error control where "~D illegal directive~:P found inside justification block" bad)))))))

;;; Parsed control strings, by identity. Only simple strings are cached (a
;;; string with a fill pointer is likely to be reused with other contents).
(defvar *format-cache* (make-hash-table :test 'eq))

(defun %fmt-check-pretty-mix (control items)
  ;; A control string with a ~<...~:;...~> justification may not also use
  ;; the pretty printer's directives (~W ~_ ~I ~:T ~<...~:>) anywhere.
  (let ((justification nil) (pretty nil))
    (labels ((walk (items)
               (dolist (item items)
                 (when (and (vectorp item) (not (stringp item)))
                   (let ((c (svref item +fd-char+)))
                     (cond ((or (member c '(#\W #\I #\_)) (and (char= c #\T) (svref item +fd-colon+)))
                            (setq pretty t))
                           ((char= c #\<)
                            (let ((sep (car (svref item +fd-seps+))))
                              (cond ((svref (svref item +fd-close+) +fd-colon+) (setq pretty t))
                                    ((and sep (svref sep +fd-colon+)) (setq justification item))))))
                     (when (member c '(#\( #\[ #\{ #\<))
                       (dolist (clause (svref item +fd-clauses+)) (walk clause))))))))
      (walk items))
    (when (and justification pretty)
      (%fmt-error control (1- (svref justification +fd-end+))
                  "Cannot use pretty printing directives together with ~~<...~~:;...~~>"))))

(defun %fmt-parse (control)
  (or (gethash control *format-cache*)
      (let ((items (%fmt-parse-items control 0 nil)))
        (%fmt-check-pretty-mix control items)
        (when (simple-string-p control)
          (when (> (hash-table-count *format-cache*) 1000) (clrhash *format-cache*))
          (setf (gethash control *format-cache*) items))
        items)))

;;;; Interpretation

(defun %fmt-run (stream items)
  (dolist (item items)
    (if (stringp item)
        (write-string item stream)
        (funcall (svref item +fd-handler+) stream item))))

(defvar *format-pp-block* nil
  "While the body of a ~<...~:> logical block runs on the block's list:
#(list count stream cycle-state), so taking an argument is PPRINT-POP. Directives
that run on other arguments (~{ ~? on a list) bind it to NIL.")

(defun %fmt-next-arg (dir)
  (let ((b *format-pp-block*))
    (when b
      (unless (%pp-pop-check *format-args* (svref b 1) (svref b 2) (svref b 3))
        (throw b nil))
      (setf (svref b 1) (1+ (svref b 1)))))
  (if *format-args*
      (pop *format-args*)
      (%fd-error dir "No more arguments")))

(defun %fmt-params (dir)
  ;; The parameters with V and # resolved (NIL where omitted).
  (let ((specs (svref dir +fd-params+)))
    (when specs
      (let ((out nil))
        (dolist (p specs (nreverse out))
          (push (cond ((eq p :arg) (%fmt-next-arg dir))
                      ((eq p :count) (length *format-args*))
                      (t p))
                out))))))

(defun %fmt-check-param (dir value test type what)
  ;; TEST is a predicate standing for TYPE.
  (unless (funcall test value)
    (%fd-error dir "The value of ~A is ~S, should be of type ~S" what value type))
  value)

(defun %format-interpret (stream control args)
  ;; Runs CONTROL (a string or a function) on ARGS; returns the unused ones.
  (if (functionp control)
      (apply control stream args)
      (let ((*format-control* control) (*format-args* args) (*format-orig-args* args))
        (catch 'up-and-out
          (%fmt-run stream (%fmt-parse control)))
        *format-args*)))

(defun %format-to (stream control args)
  (unless (or (stringp control) (functionp control))
    (error 'type-error :datum control :expected-type '(or string function)))
  (%format-interpret stream control args))

(defun format (destination control &rest args)
  (cond ((null destination)
         (let ((s (make-string-output-stream)))
           (%format-to s control args)
           (get-output-stream-string s)))
        ((eq destination t) (%format-to *standard-output* control args) nil)
        ((streamp destination) (%format-to destination control args) nil)
        ((stringp destination)
         (with-output-to-string (s destination) (%format-to s control args))
         nil)
        (t (error 'type-error :datum destination :expected-type '(or (member nil t) stream string)))))

(defmacro formatter (control)
  (unless (stringp control)
    (error 'type-error :datum control :expected-type 'string))
  ;; Parsed now so a malformed string is reported when the form is compiled.
  (%fmt-parse control)
  (let ((stream (gensym "STREAM")) (args (gensym "ARGS")))
    `(function (lambda (,stream &rest ,args)
       (%format-interpret ,stream ,control ,args)))))

;;;; Objects: ~A ~S ~W ~C

(defun %fmt-write-field (stream string mincol colinc minpad padchar padleft)
  ;; STRING padded to at least MINCOL columns: MINPAD pad characters, then
  ;; COLINC more at a time.
  (when (< colinc 1) (error 'clove:format-error :format-control "The value of colinc is ~A, should be a positive integer" :format-arguments (list colinc)))
  (when (< mincol 0) (error 'clove:format-error :format-control "The value of mincol is ~A, should be a non-negative integer" :format-arguments (list mincol)))
  (unless padleft (write-string string stream))
  (dotimes (i minpad) (write-char padchar stream))
  (do ((chars (+ (length string) (max minpad 0)) (+ chars colinc)))
      ((>= chars mincol))
    (dotimes (i colinc) (write-char padchar stream)))
  (when padleft (write-string string stream)))

(defun %fmt-field (stream dir string params)
  (let ((mincol (or (nth 0 params) 0)) (colinc (or (nth 1 params) 1)))
    (dolist (n (list mincol colinc (or (nth 2 params) 0)))
      (unless (realp n) (error 'type-error :datum n :expected-type 'real)))
    (unless (and (integerp colinc) (> colinc 0))
      (%fd-error dir "The value of colinc is ~A, should be a positive integer" colinc))
    (unless (and (integerp mincol) (>= mincol 0))
      (%fd-error dir "The value of mincol is ~A, should be a non-negative integer" mincol))
    (%fmt-write-field stream string mincol colinc
                      (or (nth 2 params) 0) (or (nth 3 params) #\Space) (svref dir +fd-at+))))

(%def-format-directive '(#\A) 4 '(:colon :at :both)
  (lambda (stream dir)
    (let* ((params (%fmt-params dir)) (arg (%fmt-next-arg dir)))
      (cond (params
             (%fmt-field stream dir (if (and (null arg) (svref dir +fd-colon+)) "()" (princ-to-string arg)) params))
            ((and (null arg) (svref dir +fd-colon+)) (write-string "()" stream))
            (t (princ arg stream))))))

(%def-format-directive '(#\S) 4 '(:colon :at :both)
  (lambda (stream dir)
    (let* ((params (%fmt-params dir)) (arg (%fmt-next-arg dir)))
      (cond (params
             (%fmt-field stream dir (if (and (null arg) (svref dir +fd-colon+)) "()" (prin1-to-string arg)) params))
            ((and (null arg) (svref dir +fd-colon+)) (write-string "()" stream))
            (t (prin1 arg stream))))))

(%def-format-directive '(#\W) 0 '(:colon :at :both)
  (lambda (stream dir)
    (let ((*print-pretty* (or (svref dir +fd-colon+) *print-pretty*))
          (*print-level* (if (svref dir +fd-at+) nil *print-level*))
          (*print-length* (if (svref dir +fd-at+) nil *print-length*)))
      (write (%fmt-next-arg dir) :stream stream))))

(%def-format-directive '(#\C) 0 '(:colon :at :both)
  (lambda (stream dir)
    (let ((arg (%fmt-next-arg dir)))
      (unless (characterp arg) (%fd-error dir "~S is not of type CHARACTER." arg))
      (cond ((svref dir +fd-colon+)
             (if (and (graphic-char-p arg) (char/= arg #\Space))
                 (write-char arg stream)
                 (write-string (string-capitalize (char-name arg)) stream)))
            ((svref dir +fd-at+) (prin1 arg stream))
            (t (write-char arg stream))))))

;;;; Layout: ~% ~& ~| ~~ ~T ~_ ~I

(defun %fmt-count (dir)
  (let ((n (or (car (%fmt-params dir)) 1)))
    (%fmt-check-param dir n #'integerp 'integer "count")))

(%def-format-directive '(#\%) 1 nil
  (lambda (stream dir) (dotimes (i (%fmt-count dir)) (terpri stream))))

(%def-format-directive '(#\&) 1 nil
  (lambda (stream dir)
    (let ((n (%fmt-count dir)))
      (when (> n 0)
        (fresh-line stream)
        (dotimes (i (1- n)) (terpri stream))))))

(%def-format-directive '(#\|) 1 nil
  (lambda (stream dir) (dotimes (i (%fmt-count dir)) (write-char #\Page stream))))

(%def-format-directive '(#\~) 1 nil
  (lambda (stream dir) (dotimes (i (%fmt-count dir)) (write-char #\~ stream))))

(defun %fmt-spaces (stream n)
  (dotimes (i n) (write-char #\Space stream)))

(%def-format-directive '(#\T) 2 '(:colon :at :both)
  (lambda (stream dir)
    ;; ~:T and, on a pretty stream, ~T are the pretty printer's tabs.
    (if (or (svref dir +fd-colon+) (%pretty-stream-p stream))
        (let ((params (%fmt-params dir)))
          (pprint-tab (if (svref dir +fd-colon+)
                          (if (svref dir +fd-at+) :section-relative :section)
                          (if (svref dir +fd-at+) :line-relative :line))
                      (or (nth 0 params) 1) (or (nth 1 params) 1) stream))
      (let* ((params (%fmt-params dir))
             (col (%stream-column stream)))
        (if (svref dir +fd-at+)
            (let ((colrel (or (nth 0 params) 1)) (colinc (or (nth 1 params) 1)))
              (%fmt-spaces stream (if (and col (> colinc 0))
                                      (- (* (ceiling (+ col colrel) colinc) colinc) col)
                                      colrel)))
            (let ((colnum (or (nth 0 params) 1)) (colinc (or (nth 1 params) 1)))
              (cond ((null col) (write-string "  " stream))
                    ((< col colnum) (%fmt-spaces stream (- colnum col)))
                    ((> colinc 0) (%fmt-spaces stream (- colinc (rem (- col colnum) colinc)))))))))))

;;; Conditional newlines and indentation act inside the pretty printer's
;;; logical blocks (12-pprint.lisp).
(%def-format-directive '(#\_) 0 '(:colon :at :both)
  (lambda (stream dir)
    (pprint-newline (if (svref dir +fd-colon+)
                        (if (svref dir +fd-at+) :mandatory :fill)
                        (if (svref dir +fd-at+) :miser :linear))
                    stream)))

(%def-format-directive '(#\I) 1 '(:colon)
  (lambda (stream dir)
    (let ((n (or (car (%fmt-params dir)) 0)))
      (%fmt-check-param dir n #'integerp 'integer "indentation")
      (pprint-indent (if (svref dir +fd-colon+) :current :block) n stream))))

;;;; Arguments: ~* ~? ~P

(defun %fmt-goto (dir n)
  (unless (<= 0 n (length *format-orig-args*))
    (%fd-error dir "Index ~W is out of bounds. It should have been between 0 and ~W."
               n (length *format-orig-args*)))
  (setq *format-args* (nthcdr n *format-orig-args*))
  (%fmt-block-backed-up))

(defun %fmt-block-backed-up ()
  ;; Arguments of a logical block taken again: its count goes on (as
  ;; SBCL counts every PPRINT-POP), but cycle detection starts afresh,
  ;; or the list would look circular.
  (let ((b *format-pp-block*))
    (when (and b (svref b 3)) (setf (svref b 3) (vector nil 1 0)))))

(defun %fmt-position ()
  (- (length *format-orig-args*) (length *format-args*)))

(%def-format-directive '(#\*) 1 '(:colon :at)
  (lambda (stream dir)
    (declare (ignore stream))
    (let ((n (car (%fmt-params dir))))
      (cond ((svref dir +fd-at+) (%fmt-goto dir (or n 0)))
            ((svref dir +fd-colon+) (%fmt-goto dir (- (%fmt-position) (or n 1))))
            (t (dotimes (i (or n 1)) (%fmt-next-arg dir)))))))

(defun %fmt-indirect (stream dir control args)
  ;; Runs CONTROL from an argument; a format error in it also shows where
  ;; the directive that called it is.
  (let ((outer *format-control*))
    (handler-bind ((clove:format-error
                     (lambda (c)
                       (unless (eq (clove:format-error-control-string c) outer)
                         (let ((*format-control* outer))
                           (%fd-error dir "~A~%while processing indirect format string:"
                                    (with-output-to-string (s) (%format-error-text c s))))))))
      (%format-interpret stream control args))))

(%def-format-directive '(#\?) 0 '(:at)
  (lambda (stream dir)
    (let ((control (%fmt-next-arg dir)))
      (if (svref dir +fd-at+)
          (setq *format-args* (%fmt-indirect stream dir control *format-args*))
          (let ((args (%fmt-next-arg dir)) (*format-pp-block* nil))
            (unless (listp args) (error 'type-error :datum args :expected-type 'list))
            (%fmt-indirect stream dir control args))))))

(%def-format-directive '(#\P) 0 '(:colon :at :both)
  (lambda (stream dir)
    (let ((arg (if (svref dir +fd-colon+)
                   (if (eq *format-args* *format-orig-args*)
                       (%fd-error dir "No previous argument")
                       (nth (1- (%fmt-position)) *format-orig-args*))
                   (%fmt-next-arg dir))))
      (if (svref dir +fd-at+)
          (write-string (if (eql arg 1) "y" "ies") stream)
          (unless (eql arg 1) (write-char #\s stream))))))

;;;; Case conversion: ~( ~)

(defun %fmt-capitalize-first (string)
  ;; Downcased, with the first letter of the first word upcased.
  (let* ((s (string-downcase string))
         (k (position-if #'alphanumericp s)))
    (when (and k (alpha-char-p (char s k)))
      (setf (char s k) (char-upcase (char s k))))
    s))

(%def-format-directive '(#\() 0 '(:colon :at :both)
  (lambda (stream dir)
    (let ((inner (make-string-output-stream))
          (colon (svref dir +fd-colon+)) (at (svref dir +fd-at+)))
      ;; The converted text is written even when ~^ leaves the group.
      (unwind-protect (%fmt-run inner (car (svref dir +fd-clauses+)))
        (let ((text (get-output-stream-string inner)))
          (write-string (cond ((and colon at) (string-upcase text))
                              (colon (string-capitalize text))
                              (at (%fmt-capitalize-first text))
                              (t (string-downcase text)))
                        stream))))))

;;; Closers and ~newline are handled by the parser.
(%def-format-directive '(#\) #\] #\} #\> #\; #\Newline) 4 '(:colon :at :both)
  (lambda (stream dir) (declare (ignore stream dir)) nil))

;;;; Conditionals: ~[ ~; ~]

(%def-format-directive '(#\[) 1 '(:colon :at :both)
  (lambda (stream dir)
    (let ((clauses (svref dir +fd-clauses+)))
      (cond ((svref dir +fd-at+)
             ;; ~@[: a true argument stays for the clause to use.
             (let ((before *format-args*))
               (when (%fmt-next-arg dir)
                 (setq *format-args* before)
                 (%fmt-block-backed-up)
                 (%fmt-run stream (car clauses)))))
            ((svref dir +fd-colon+)
             (%fmt-run stream (if (%fmt-next-arg dir) (cadr clauses) (car clauses))))
            (t
             (let* ((param (car (%fmt-params dir)))
                    (index (or param (%fmt-next-arg dir)))
                    (seps (svref dir +fd-seps+))
                    (default (and seps (svref (car (last seps)) +fd-colon+)))
                    (last (if default (- (length clauses) 2) (1- (length clauses)))))
               (unless (integerp index)
                 (%fd-error dir "The argument to ~~[ is not an integer: ~A" index))
               (cond ((<= 0 index last) (%fmt-run stream (nth index clauses)))
                     (default (%fmt-run stream (car (last clauses)))))))))))

;;;; Up and out: ~^

(%def-format-directive '(#\^) 3 '(:colon)
  (lambda (stream dir)
    (declare (ignore stream))
    (when (and (svref dir +fd-colon+) (not *format-colon-iteration*))
      (%fd-error dir "Attempt to use ~~:^ outside a ~~:{...~~} construct"))
    (let* ((params (%fmt-params dir))
           (a (nth 0 params)) (b (nth 1 params)) (c (nth 2 params)))
      (when (cond (c (<= a b c))
                  (b (eql a b))
                  (a (eql a 0))
                  ((svref dir +fd-colon+) (null *format-outside-args*))
                  (t (null *format-args*)))
        (throw (if (svref dir +fd-colon+) 'up-up-and-out 'up-and-out) *format-args*)))))

;;;; Iteration: ~{ ~}

;; The iteration directive catches ~^ (UP-AND-OUT) around each pass for
;; ~:{, around the whole loop otherwise; ~:^ (UP-UP-AND-OUT) ends ~:{.
(defun %fmt-iterate-once (stream body args)
  ;; One pass of BODY (items, or a control string or function from the
  ;; arguments) with ARGS as the arguments; returns the ones left.
  (if (listp body)
      (let ((*format-args* args) (*format-orig-args* args))
        (%fmt-run stream body)
        *format-args*)
      (%format-interpret stream body args)))

(%def-format-directive '(#\{) 1 '(:colon :at :both)
  (lambda (stream dir)
    (let* ((max (car (%fmt-params dir)))
           (items (car (svref dir +fd-clauses+)))
           ;; An empty body takes a control string or function from the arguments.
           (body (if (null items) (%fmt-next-arg dir) items))
           (colon (svref dir +fd-colon+))
           (first (svref (svref dir +fd-close+) +fd-colon+))
           (args (if (svref dir +fd-at+) *format-args* (%fmt-next-arg dir))))
      (unless (listp args) (error 'type-error :datum args :expected-type 'list))
      (unless (if items t (or (stringp body) (functionp body)))
        (error 'type-error :datum body :expected-type '(or string function)))
      (flet ((more ()
               ;; ~:} runs the body at least once; MAX bounds the passes.
               (prog1 (and (or args first) (or (null max) (>= (setq max (1- max)) 0)))
                 (setq first nil))))
        (let ((*format-colon-iteration* colon)
              (*format-pp-block* (and (svref dir +fd-at+) (not colon) *format-pp-block*)))
          (if colon
              (catch 'up-up-and-out
                (loop-while (more)
                  (let ((sub (pop args)))
                    (unless (listp sub) (error 'type-error :datum sub :expected-type 'list))
                    (let ((*format-outside-args* args))
                      (catch 'up-and-out (%fmt-iterate-once stream body sub))))))
              (setq args (catch 'up-and-out
                           (loop-while (more)
                             (let* ((pp *format-pp-block*)
                                    (taken (and pp (svref pp 1)))
                                    (left (%fmt-iterate-once stream body args)))
                               ;; A pass that used no argument would repeat
                               ;; forever (in a logical block, whose list may
                               ;; be circular, count the PPRINT-POPs).
                               (when (and args (null max)
                                          (if pp (eql taken (svref pp 1)) (eq left args)))
                                 (%fd-error dir "The iteration body consumed no arguments; it would never end."))
                               (setq args left)))
                           args)))))
      (when (svref dir +fd-at+) (setq *format-args* args)))))

;;;; Justification and logical blocks: ~< ~>

(defun %fmt-justify (stream newline-prefix extra-space line-len strings
                     pad-left pad-right mincol colinc minpad padchar)
  ;; Lays out STRINGS in at least MINCOL columns (more by COLINC), spreading
  ;; the padding over the gaps; NEWLINE-PREFIX goes first when the line
  ;; would overflow LINE-LEN.
  (let* ((gaps (+ (1- (length strings)) (if pad-left 1 0) (if pad-right 1 0)))
         (chars (+ (* gaps minpad) (reduce #'+ (mapcar #'length strings))))
         (length (if (> chars mincol)
                     (+ mincol (* (ceiling (- chars mincol) colinc) colinc))
                     mincol))
         (padding (+ (- length chars) (* gaps minpad))))
    (when (and newline-prefix (> (+ (or (%stream-column stream) 0) length extra-space) line-len))
      (write-string newline-prefix stream))
    (flet ((pad ()
             (let ((n (if (zerop gaps) padding (truncate padding gaps))))
               (setq padding (- padding n) gaps (1- gaps))
               (dotimes (i n) (write-char padchar stream)))))
      (when (or pad-left (and (not pad-right) (null (cdr strings))))
        (pad))
      (when strings
        (write-string (car strings) stream)
        (dolist (s (cdr strings))
          (pad)
          (write-string s stream)))
      (when pad-right (pad)))))

(defun %fmt-justification (stream dir)
  (let* ((params (%fmt-params dir))
         (mincol (or (nth 0 params) 0)) (colinc (or (nth 1 params) 1))
         (minpad (or (nth 2 params) 0)) (padchar (or (nth 3 params) #\Space))
         (segments (svref dir +fd-clauses+))
         (first-sep (car (svref dir +fd-seps+)))
         (newline-prefix nil) (extra 0) (line-len 72)
         (strings nil))
    (catch 'up-and-out
      (when (and first-sep (svref first-sep +fd-colon+))
        (let ((sep-params (%fmt-params first-sep)))
          (setq extra (or (nth 0 sep-params) 0) line-len (or (nth 1 sep-params) 72)))
        (let ((s (make-string-output-stream)))
          (%fmt-run s (pop segments))
          (setq newline-prefix (get-output-stream-string s))))
      (dolist (segment segments)
        (let ((s (make-string-output-stream)))
          (%fmt-run s segment)
          (push (get-output-stream-string s) strings))))
    (%fmt-justify stream newline-prefix extra line-len (nreverse strings)
                  (svref dir +fd-colon+) (svref dir +fd-at+) mincol colinc minpad padchar)))

(defun %fmt-literal-segment (dir segment)
  ;; A logical block's prefix or suffix: literal text only.
  (let ((out ""))
    (dolist (item segment out)
      (if (stringp item)
          (setq out (concatenate 'string out item))
          (%fd-error dir "Prefix and suffix of a logical block must be text")))))

(defun %fmt-fill-body (items)
  ;; The body of ~<...~:@>: a fill-style conditional newline after each
  ;; group of blanks of its text, also within its ~{ ~[ ~( groups (as SBCL).
  (let ((fill (car (%fmt-parse-items "~:_" 0 nil))) (out nil))
    (dolist (item items (nreverse out))
      (cond
        ((and (not (stringp item)) (member (svref item +fd-char+) '(#\{ #\[ #\()))
         (let ((copy (copy-seq item)))
           (setf (svref copy +fd-clauses+) (mapcar #'%fmt-fill-body (svref item +fd-clauses+)))
           (push copy out)))
        ((stringp item)
          (let ((start 0) (n (length item)))
            (loop-while (< start n)
              (let* ((blank (position #\Space item :start start))
                     (end (and blank (or (position #\Space item :start blank :test-not #'char=) n))))
                (cond ((null blank) (push (subseq item start) out) (setq start n))
                      (t (push (subseq item start end) out) (push fill out) (setq start end)))))))
        (t (push item out))))))

(defun %fmt-logical-block (stream dir)
  ;; ~<prefix~;body~;suffix~:> is PPRINT-LOGICAL-BLOCK over the argument
  ;; (all the remaining ones with ~@<); ~@; after the prefix makes it a
  ;; per-line prefix. In the body, arguments are popped with PPRINT-POP.
  (let* ((segments (svref dir +fd-clauses+))
         (n (length segments))
         (colon (svref dir +fd-colon+))
         (per-line (and (> n 1) (svref (car (svref dir +fd-seps+)) +fd-at+) t))
         (prefix (if (> n 1) (%fmt-literal-segment dir (car segments)) (if colon "(" "")))
         (suffix (if (> n 2) (%fmt-literal-segment dir (car (last segments))) (if colon ")" "")))
         (body (case n (1 (car segments)) (t (nth 1 segments))))
         (body (if (svref (svref dir +fd-close+) +fd-at+) (%fmt-fill-body body) body))
         (arg (if (svref dir +fd-at+) *format-args* (%fmt-next-arg dir))))
    (when (> n 3)
      (%fd-error dir "A logical block has at most three sections"))
    (when (svref dir +fd-at+) (setq *format-args* nil))
    (%pp-logical-block stream arg prefix per-line suffix
                       (lambda (s list)
                         (let* ((state (vector list 0 s (%pp-cycle-start list)))
                                (*format-pp-block* state)
                                (*format-args* list) (*format-orig-args* list))
                           (catch state
                             (catch 'up-and-out (%fmt-run s body))))))))

(%def-format-directive '(#\<) 4 '(:colon :at :both)
  (lambda (stream dir)
    (if (svref (svref dir +fd-close+) +fd-colon+)
        (%fmt-logical-block stream dir)
        (%fmt-justification stream dir))))

;;;; Calling a function: ~/name/

(%def-format-directive '(#\/) 255 '(:colon :at :both)
  (lambda (stream dir)
    (let* ((params (%fmt-params dir))
           (arg (%fmt-next-arg dir)))
      (apply (svref dir +fd-datum+) stream arg (svref dir +fd-colon+) (svref dir +fd-at+) params))))
