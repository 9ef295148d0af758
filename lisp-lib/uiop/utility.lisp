;;;; UIOP/UTILITY: small general-purpose tools that the rest of UIOP, ASDF
;;;; and many libraries use: control macros, lists and plists, strings,
;;;; timestamps (reals, with T before and NIL after every time), function
;;;; designators, condition matching and muffling.

(uiop/package:define-package "UIOP/UTILITY"
  (:use "UIOP/COMMON-LISP" "UIOP/PACKAGE")
  (:export
   "COMPATFMT" "FROB-SUBSTRINGS"
   "UIOP-DEBUG" "LOAD-UIOP-DEBUG-UTILITY" "*UIOP-DEBUG-UTILITY*"
   "WITH-UPGRADABILITY" "NEST" "IF-LET" "PARSE-BODY"
   "WHILE-COLLECTING" "APPENDF" "LENGTH=N-P" "ENSURE-LIST"
   "REMOVE-PLIST-KEYS" "REMOVE-PLIST-KEY" "EMPTYP"
   "+NON-BASE-CHARS-EXIST-P+" "+MAX-CHARACTER-TYPE-INDEX+" "CHARACTER-TYPE-INDEX" "+CHARACTER-TYPES+"
   "BASE-STRING-P" "STRINGS-COMMON-ELEMENT-TYPE" "REDUCE/STRCAT" "STRCAT"
   "FIRST-CHAR" "LAST-CHAR" "SPLIT-STRING" "STRIPLN" "+CR+" "+LF+" "+CRLF+"
   "STRING-PREFIX-P" "STRING-ENCLOSED-P" "STRING-SUFFIX-P"
   "STANDARD-CASE-SYMBOL-NAME" "FIND-STANDARD-CASE-SYMBOL"
   "COERCE-CLASS"
   "TIMESTAMP<" "TIMESTAMPS<" "TIMESTAMP*<" "TIMESTAMP<="
   "EARLIER-TIMESTAMP" "TIMESTAMPS-EARLIEST" "EARLIEST-TIMESTAMP"
   "LATER-TIMESTAMP" "TIMESTAMPS-LATEST" "LATEST-TIMESTAMP" "LATEST-TIMESTAMP-F"
   "LIST-TO-HASH-SET" "ENSURE-GETHASH"
   "ENSURE-FUNCTION" "ACCESS-AT" "ACCESS-AT-COUNT"
   "CALL-FUNCTION" "CALL-FUNCTIONS" "REGISTER-HOOK-FUNCTION"
   "LEXICOGRAPHIC<" "LEXICOGRAPHIC<="
   "SIMPLE-STYLE-WARNING" "STYLE-WARN"
   "MATCH-CONDITION-P" "MATCH-ANY-CONDITION-P"
   "CALL-WITH-MUFFLED-CONDITIONS" "WITH-MUFFLED-CONDITIONS"
   "NOT-IMPLEMENTED-ERROR" "PARAMETER-ERROR"
   "SYMBOL-TEST-TO-FEATURE-EXPRESSION" "BOOLEAN-TO-FEATURE-EXPRESSION"))

(in-package "UIOP/UTILITY")

;;; --- Definitions and debugging

(defmacro with-upgradability ((&optional) &body body)
  "Evaluates BODY's definitions at compile, load and run time. (UIOP
also declares the functions NOTINLINE; clove never inlines a global
function, so redefinitions are always seen.)"
  `(eval-when (:compile-toplevel :load-toplevel :execute) ,@body))

(defvar *uiop-debug-utility*
  '(symbol-call :uiop :subpathname (symbol-call :uiop :uiop-directory) "contrib/debug.lisp")
  "A form evaluating to the pathname of the debugging utilities to load.")

(defun load-uiop-debug-utility (&key package utility-file)
  "Loads the debugging utilities (see *UIOP-DEBUG-UTILITY*) into PACKAGE,
unless the feature :DBG-<package> says they are loaded."
  (let* ((*package* (if package (find-package* package) *package*))
         (feature (intern (format nil "DBG-~:@(~A~)" (package-name *package*)) :keyword)))
    (unless (member feature *features*)
      (let* ((form (or utility-file *uiop-debug-utility*))
             (file (ignore-errors (probe-file (eval form)))))
        (if file
            (load file)
            (error "Failed to locate debug utility file: ~S" form))))))

(defmacro uiop-debug (&rest keys)
  `(eval-when (:compile-toplevel :load-toplevel :execute)
     (load-uiop-debug-utility ,@keys)))

;;; --- Control

(defmacro nest (&rest things)
  "Nests each form inside the one before it, as its last argument:
(nest (a) (b c) d) is (a (b c d))."
  (reduce (lambda (outer inner) (append outer (list inner))) things :from-end t))

(defmacro if-let (bindings &body (then-form &optional else-form))
  "Binds as LET (a single (VAR FORM) is allowed), then evaluates THEN-FORM
if every variable is true, else ELSE-FORM."
  (let ((bindings (if (and (consp bindings) (symbolp (car bindings))) (list bindings) bindings)))
    `(let ,bindings
       (if (and ,@(mapcar #'car bindings)) ,then-form ,else-form))))

(defun parse-body (body &key documentation whole)
  "Splits BODY into the forms, the declarations and the docstring (only
looked for when DOCUMENTATION is true); WHOLE is named in errors."
  (let ((doc nil) (decls '()))
    (loop
      (let ((form (car body)))
        (cond ((and documentation (stringp form) (cdr body))
               (when doc (error "Too many documentation strings in ~S." (or whole body)))
               (setf doc (pop body)))
              ((and (consp form) (eq (car form) 'declare))
               (push (pop body) decls))
              (t (return (values body (nreverse decls) doc))))))))

;;; --- Lists

(defmacro while-collecting ((&rest collectors) &body body)
  "Defines each of COLLECTORS as a local function adding its argument to a
list of its own; returns the lists, in the order of COLLECTORS."
  (let ((vars (mapcar (lambda (c) (gensym (symbol-name c))) collectors)))
    `(let ,(mapcar (lambda (v) (list v nil)) vars)
       (flet ,(mapcar (lambda (c v) `(,c (x) (push x ,v) (values))) collectors vars)
         ,@body
         (values ,@(mapcar (lambda (v) `(reverse ,v)) vars))))))

(define-modify-macro appendf (&rest lists) append "Appends LISTS to the place.")

(defun length=n-p (x n)
  "Is X a list of exactly N elements? (Never walks more than N conses.)"
  (check-type n (integer 0 *))
  (do ((l x (cdr l)) (i n (1- i)))
      ((or (zerop i) (atom l)) (and (zerop i) (null l)))))

(defun ensure-list (x)
  (if (listp x) x (list x)))

(defun remove-plist-keys (keys plist)
  "PLIST without the entries whose key is in KEYS."
  (loop :for (k v) :on plist :by #'cddr
        :unless (member k keys) :append (list k v)))

(defun remove-plist-key (key plist)
  (remove-plist-keys (list key) plist))

(defun emptyp (x)
  "Is X an empty sequence?"
  (or (null x) (and (vectorp x) (zerop (length x)))))

;;; --- Characters and strings

(defparameter +character-types+ #(base-char character)
  "The character types, from the smallest to CHARACTER.")
(defparameter +max-character-type-index+ (1- (length +character-types+)))
(defconstant +non-base-chars-exist-p+ t)
(pushnew :non-base-chars-exist-p *features*)

(defun character-type-index (x)
  "The position in +CHARACTER-TYPES+ of the smallest type holding X, a
character or a character type."
  (etypecase x
    (character (if (typep x 'base-char) 0 1))
    (symbol (if (subtypep x 'base-char) 0 1))))

(defun base-string-p (string)
  "Is STRING's element type BASE-CHAR?"
  (eq 'base-char (array-element-type string)))

(defun strings-common-element-type (strings)
  "The smallest character type holding every character of STRINGS (strings,
characters or NIL)."
  (dolist (s strings 'base-char)
    (etypecase s
      (null)
      (character (unless (typep s 'base-char) (return 'character)))
      (string (unless (every (lambda (c) (typep c 'base-char)) s) (return 'character))))))

(defun reduce/strcat (strings &key key start end)
  "Concatenates STRINGS (NIL counts as the empty string, a character as a
string of one), after taking the elements from START to END and applying KEY."
  (when (or start end) (setf strings (subseq strings (or start 0) end)))
  (when key (setf strings (mapcar key strings)))
  (let ((out (make-string (loop :for s :in strings :sum (if (characterp s) 1 (length s)))
                          :element-type (strings-common-element-type strings)))
        (pos 0))
    (dolist (s strings out)
      (etypecase s
        (null)
        (character (setf (char out pos) s) (incf pos))
        (string (replace out s :start1 pos) (incf pos (length s)))))))

(defun strcat (&rest strings)
  "Concatenates STRINGS; NIL counts as the empty string, a character as a
string of one."
  (reduce/strcat strings))

(defun first-char (s)
  (and (stringp s) (plusp (length s)) (char s 0)))

(defun last-char (s)
  (and (stringp s) (plusp (length s)) (char s (1- (length s)))))

(defun split-string (string &key max (separator '(#\Space #\Tab)))
  "The parts of STRING between the characters of SEPARATOR. With MAX, at
most MAX parts, splitting from the end: (split-string \"a.b.c\" :max 2
:separator \".\") is (\"a.b\" \"c\")."
  (let ((parts '()) (end (length string)))
    (if (zerop end)
        nil
        (loop
          (let ((start (and (not (and max (>= (length parts) (1- max))))
                            (position-if (lambda (c) (find c separator)) string
                                         :end end :from-end t))))
            (when (null start)
              (return (cons (subseq string 0 end) parts)))
            (push (subseq string (1+ start) end) parts)
            (setf end start))))))

(defun string-prefix-p (prefix string)
  "Does STRING begin with PREFIX? (Both string designators.)"
  (let ((p (string prefix)) (s (string string)))
    (and (<= (length p) (length s)) (string= p s :end2 (length p)))))

(defun string-suffix-p (string suffix)
  "Does STRING end with SUFFIX? (Both string designators.)"
  (let ((s (string string)) (x (string suffix)))
    (and (<= (length x) (length s)) (string= s x :start1 (- (length s) (length x))))))

(defun string-enclosed-p (prefix string suffix)
  (and (string-prefix-p prefix string) (string-suffix-p string suffix)))

(defvar +cr+ (string #\Return))
(defvar +lf+ (string #\Linefeed))
(defvar +crlf+ (coerce '(#\Return #\Linefeed) 'string))

(defun stripln (x)
  "X without a final CRLF, LF or CR, and the ending removed (NIL if none)."
  (check-type x string)
  (dolist (ending (list +crlf+ +lf+ +cr+) (values x nil))
    (when (string-suffix-p x ending)
      (return (values (subseq x 0 (- (length x) (length ending))) ending)))))

(defun frob-substrings (string substrings &optional frob)
  "STRING with the occurrences of each of SUBSTRINGS (in order, never
overlapping a match of an earlier one) removed (FROB NIL), replaced by
FROB (a string), or passed to FROB (a function of the match and a function
emitting a string). An element of SUBSTRINGS may be (SUBSTRING . FROB)."
  (let ((out nil))
    (labels ((emit (x &optional (start 0) (end (length x)))
               (when (< start end)
                 (unless out (setf out (make-string-output-stream)))
                 (write-string x out :start start :end end)))
             (walk (subs start end)
               (cond ((>= start end))
                     ((null subs)
                      (if (and (zerop start) (= end (length string)))
                          (return-from frob-substrings string)
                          (emit string start end)))
                     (t (let* ((spec (first subs))
                               (sub (if (consp spec) (car spec) spec))
                               (fun (if (consp spec) (cdr spec) frob))
                               (found (search sub string :start2 start :end2 end)))
                          (cond (found
                                 (walk (rest subs) start found)
                                 (etypecase fun
                                   (null)
                                   (string (emit fun))
                                   (function (funcall fun sub #'emit)))
                                 (walk subs (+ found (length sub)) end))
                                (t (walk (rest subs) start end))))))))
      (walk substrings 0 (length string))
      (if out (get-output-stream-string out) ""))))

(defmacro compatfmt (format)
  "FORMAT, a format control, as this Lisp's FORMAT accepts it (unchanged on clove)."
  format)

;;; --- Symbols and classes

(defun standard-case-symbol-name (name-designator)
  "A symbol's name, or a string upcased (the standard readtable case)."
  (check-type name-designator (or string symbol))
  (if (symbolp name-designator) (string name-designator) (string-upcase name-designator)))

(defun find-standard-case-symbol (name-designator package-designator &optional (error t))
  (find-symbol* (standard-case-symbol-name name-designator)
                (etypecase package-designator
                  ((or package symbol) package-designator)
                  (string (standard-case-symbol-name package-designator)))
                error))

(defun coerce-class (class &key (package :cl) (super t) (error 'error))
  "The class CLASS designates (a class, a symbol naming one, a keyword
whose name is found in PACKAGE or *PACKAGE*, a string read in PACKAGE)
if it is a subclass of SUPER; otherwise calls ERROR (per CALL-FUNCTION)
with a message."
  (flet ((as-class (x)
           (etypecase x
             (class x)
             ((or null keyword) nil)
             (symbol (find-class x nil)))))
    (let* ((named (typecase class
                    (keyword (or (find-symbol* class package nil)
                                 (find-symbol* class *package* nil)))
                    (string (symbol-call :uiop :safe-read-from-string class :package package))
                    (t class)))
           (found (as-class named)))
      (or (and found (or (eq super t) (subtypep found (as-class super))) found)
          (call-function error "Can't coerce ~S to a ~:[class~;subclass of ~:*~S~]" class super)))))

;;; --- Timestamps: a real, T (before every time) or NIL (after every time)

(deftype timestamp () '(or real boolean))

(defun timestamp< (x y)
  (etypecase x
    ((eql t) (not (eql y t)))
    (real (etypecase y
            ((eql t) nil)
            (real (< x y))
            (null t)))
    (null nil)))

(defun timestamps< (list)
  "Is each timestamp of LIST before the next? (UIOP 3.3.6's answers NIL for
any non-empty list, a bug; this is what its name says.)"
  (loop :for (x . more) :on list :always (or (null more) (timestamp< x (car more)))))

(defun timestamp*< (&rest list) (timestamps< list))
(defun timestamp<= (x y) (not (timestamp< y x)))
(defun earlier-timestamp (x y) (if (timestamp< x y) x y))
(defun timestamps-earliest (list) (reduce #'earlier-timestamp list :initial-value nil))
(defun earliest-timestamp (&rest list) (timestamps-earliest list))
(defun later-timestamp (x y) (if (timestamp< x y) y x))
(defun timestamps-latest (list) (reduce #'later-timestamp list :initial-value t))
(defun latest-timestamp (&rest list) (timestamps-latest list))
(define-modify-macro latest-timestamp-f (&rest timestamps) latest-timestamp)

;;; --- Hash tables

(defun ensure-gethash (key table default)
  "The entry for KEY in TABLE, made by calling DEFAULT (per CALL-FUNCTION)
when missing; second value, whether it was there."
  (multiple-value-bind (value found) (gethash key table)
    (values (if found value (setf (gethash key table) (call-function default))) found)))

(defun list-to-hash-set (list &aux (set (make-hash-table :test 'equal)))
  (dolist (x list set) (setf (gethash x set) t)))

;;; --- Function designators

(defun ensure-function (fun &key (package :cl))
  "A function from FUN: a function is itself; a boolean, keyword, character,
number or pathname gives a function always returning it; a hash table
looks its argument up; a symbol gives its global function; (LAMBDA ...) is
evaluated; (F . ARGS) applies F to ARGS and then the arguments; a string
is read in PACKAGE as a function name or lambda expression."
  (etypecase fun
    (function fun)
    ((or boolean keyword character number pathname) (constantly fun))
    (hash-table (lambda (x) (gethash x fun)))
    (symbol (fdefinition fun))
    (cons (if (eq (car fun) 'lambda)
              (eval fun)
              (lambda (&rest args) (apply (car fun) (append (cdr fun) args)))))
    (string (eval `(function ,(with-standard-io-syntax
                                (let ((*package* (find-package* package)))
                                  (read-from-string fun))))))))

(defun access-at (object at)
  "Follows AT, a list of accessors (or a single one), from OBJECT: an
integer is ELT, a keyword GETF, NIL identity, a function or symbol is
called, a list is a function designator per ENSURE-FUNCTION."
  (flet ((access (object accessor)
           (etypecase accessor
             (function (funcall accessor object))
             (integer (elt object accessor))
             (keyword (getf object accessor))
             (null object)
             (symbol (funcall accessor object))
             (cons (funcall (ensure-function accessor) object)))))
    (if (listp at)
        (dolist (accessor at object)
          (setf object (access object accessor)))
        (access object at))))

(defun access-at-count (at)
  "How many sub-objects ACCESS-AT with AT needs read, when AT starts with an index."
  (cond ((integerp at) (1+ at))
        ((and (consp at) (integerp (first at))) (1+ (first at)))))

(defun call-function (function-spec &rest arguments)
  (apply (ensure-function function-spec) arguments))

(defun call-functions (function-specs)
  (map nil #'call-function function-specs))

(defun register-hook-function (variable hook &optional call-now-p)
  "Adds HOOK to the list in the special VARIABLE (once); calls it now too
if CALL-NOW-P."
  (pushnew hook (symbol-value variable) :test #'equal)
  (when call-now-p (call-function hook)))

(defun lexicographic< (element< x y)
  (cond ((null y) nil)
        ((null x) t)
        ((funcall element< (car x) (car y)) t)
        ((funcall element< (car y) (car x)) nil)
        (t (lexicographic< element< (cdr x) (cdr y)))))

(defun lexicographic<= (element< x y)
  (not (lexicographic< element< y x)))

;;; --- Conditions

(define-condition simple-style-warning (simple-condition style-warning) ())

(defun style-warn (datum &rest arguments)
  "Signals a style warning: a format control and arguments, a style-warning
class name and initargs, or a style-warning."
  (etypecase datum
    (string (warn 'simple-style-warning :format-control datum :format-arguments arguments))
    (symbol (assert (subtypep datum 'style-warning)) (apply #'warn datum arguments))
    (style-warning (apply #'warn datum arguments))))

(defun match-condition-p (x condition)
  "Does CONDITION match X: a condition type name, a vector #(NAME PACKAGE)
naming one, a predicate, or the format control of a simple condition?"
  (etypecase x
    (symbol (typep condition x))
    ((simple-vector 2)
     (ignore-errors (typep condition (find-symbol* (svref x 0) (svref x 1) nil))))
    (function (funcall x condition))
    (string (and (typep condition 'simple-condition)
                 (equal (simple-condition-format-control condition) x)))))

(defun match-any-condition-p (condition conditions)
  (some (lambda (x) (match-condition-p x condition)) conditions))

(defun call-with-muffled-conditions (thunk conditions)
  "Calls THUNK, muffling the warnings that match CONDITIONS."
  (handler-bind ((t (lambda (c)
                      (when (match-any-condition-p c conditions)
                        (muffle-warning c)))))
    (funcall thunk)))

(defmacro with-muffled-conditions ((conditions) &body body)
  `(call-with-muffled-conditions (lambda () ,@body) ,conditions))

(define-condition not-implemented-error (error)
  ((functionality :initarg :functionality)
   (format-control :initarg :format-control)
   (format-arguments :initarg :format-arguments))
  (:report (lambda (c s)
             (format s "Not (currently) implemented on ~A: ~S~@[ ~?~]"
                     (nth-value 1 (symbol-call :uiop :implementation-type))
                     (slot-value c 'functionality)
                     (slot-value c 'format-control)
                     (slot-value c 'format-arguments)))))

(defun not-implemented-error (functionality &optional format-control &rest format-arguments)
  "Signals that FUNCTIONALITY is not implemented here, with an optional message."
  (error 'not-implemented-error :functionality functionality
                                :format-control format-control :format-arguments format-arguments))

(define-condition parameter-error (error)
  ((functionality :initarg :functionality)
   (format-control :initarg :format-control)
   (format-arguments :initarg :format-arguments))
  (:report (lambda (c s)
             (apply #'format s (slot-value c 'format-control)
                    (slot-value c 'functionality) (slot-value c 'format-arguments)))))

(defun parameter-error (format-control functionality &rest format-arguments)
  "Signals that FUNCTIONALITY does not accept some parameter; the message's
first format argument is FUNCTIONALITY."
  (error 'parameter-error :functionality functionality
                          :format-control format-control :format-arguments format-arguments))

(defun boolean-to-feature-expression (value)
  "A feature expression true (for #+) exactly when VALUE is."
  (if value '(:and) '(:or)))

(defun symbol-test-to-feature-expression (name package)
  (boolean-to-feature-expression (find-symbol* name package nil)))
