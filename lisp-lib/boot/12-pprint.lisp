;;;; The pretty printer (CLHS 22.2). WRITE calls %PPRINT-WRITE when
;;;; *PRINT-PRETTY* is true: the object's entry in *PRINT-PPRINT-DISPATCH*
;;;; prints it, or the standard printer does (%WRITE-PLAIN). Logical
;;;; blocks, conditional newlines, indentation and tabs are operations on
;;;; the pretty streams of crates/runtime/src/printer/pretty_stream.rs,
;;;; whose layout engine decides where lines break. *PRINT-CIRCLE* under
;;;; the pretty printer takes two passes: one into a sink that notes the
;;;; objects seen twice, one that prints with #n= and #n# labels.

(in-package "CLOVE-SYSTEM")

(defvar *pp-depth* 0
  "The logical blocks enclosing the current output, for *PRINT-LEVEL*.")
(defvar *pp-circle* nil
  "While printing with *PRINT-CIRCLE*: object -> :ONCE, :SHARED or its label.")
(defvar *pp-circle-find* nil
  "True during the first, silent pass of a *PRINT-CIRCLE* print.")
(defvar *pp-label* 0)
(defvar *pp-open* nil
  "Without *PRINT-CIRCLE* or *PRINT-LEVEL*: the objects whose logical blocks
are open, so an object inside itself prints as \"...\" as with the
standard printer.")

;;;; Streams and circularity

(defun %pp-stream (designator)
  (cond ((null designator) *standard-output*)
        ((eq designator t) *terminal-io*)
        ((streamp designator) designator)
        (t (error 'type-error :datum designator :expected-type '(or stream boolean)))))

(defun %pp-circle-candidate-p (object)
  ;; The objects *PRINT-CIRCLE* labels, as the standard printer does.
  (or (consp object)
      (arrayp object)
      (%instancep object)
      (and (symbolp object) object (null (symbol-package object))
           (or *print-readably* (and *print-escape* *print-gensym*)))))

(defun %pp-write-label (n stream terminator)
  (write-char #\# stream)
  (let ((*print-base* 10) (*print-radix* nil)) (%write-plain n stream 0))
  (write-char terminator stream))

(defun %pp-circle-mark (object stream)
  ;; Circularity bookkeeping before printing OBJECT: true when it is done
  ;; with (printed as #n#, or seen again in the first pass).
  (when (%pp-circle-candidate-p object)
    (let ((state (gethash object *pp-circle*)))
      (cond (*pp-circle-find*
             (setf (gethash object *pp-circle*) (if state :shared :once))
             state)
            ((eq state :shared)
             (let ((n (setq *pp-label* (1+ *pp-label*))))
               (setf (gethash object *pp-circle*) n)
               (%pp-write-label n stream #\=)
               nil))
            ((integerp state) (%pp-write-label state stream #\#) t)
            (t nil)))))

(defun %pp-tail-shared-p (tail)
  ;; Whether the rest of a list being printed is shared, so it is to be
  ;; printed as ". #n#" (or ". #n=(...)").
  (let ((state (gethash tail *pp-circle*)))
    (if *pp-circle-find*
        (progn (setf (gethash tail *pp-circle*) (if state :shared :once))
               state)
        (or (eq state :shared) (integerp state)))))

;;;; Logical blocks

(defun %pp-write (object stream)
  ;; WRITE for the pretty printer's own functions: straight into the pprint
  ;; dispatch when *PRINT-PRETTY* is true, so nested lists do not nest
  ;; calls from the runtime into Lisp.
  (if *print-pretty*
      (%pprint-write object stream)
      (write object :stream stream)))

(defun %pp-run-block (ps prefix per-line-p suffix fn)
  (let ((*pp-depth* (1+ *pp-depth*)))
    (when (%pp-start-block ps prefix per-line-p suffix) (throw ps nil))
    (funcall fn ps)
    (when (%pp-end-block ps) (throw ps nil))))

(defun %pp-block (stream object circle-p prefix per-line-p suffix fn)
  ;; Prints a logical block for OBJECT on STREAM: "#" beyond *PRINT-LEVEL*,
  ;; a label reference under *PRINT-CIRCLE*, else FN called with the
  ;; pretty stream between the prefix and the suffix. The outermost block
  ;; on a stream makes the pretty stream and catches the *PRINT-LINES* cut.
  (cond ((and (not *print-readably*) *print-level* (>= *pp-depth* *print-level*))
         (write-char #\# stream))
        ((and circle-p *pp-circle* (%pp-circle-mark object stream)))
        ((and object (null *pp-circle*) (member object *pp-open* :test #'eq))
         (write-string "..." stream))
        (t
         (let ((*pp-open* (if (and object (null *pp-circle*) (or *print-readably* (null *print-level*)))
                              (cons object *pp-open*)
                              *pp-open*)))
           (if (%pretty-stream-p stream)
               (%pp-run-block stream prefix per-line-p suffix fn)
               (let ((ps (%make-pretty-stream stream)))
                 (catch ps
                   (%pp-run-block ps prefix per-line-p suffix fn)
                   (%pp-finish ps)))))))
  nil)

(defun %pp-logical-block (designator object prefix per-line-p suffix fn)
  ;; The function behind PPRINT-LOGICAL-BLOCK: FN receives the pretty
  ;; stream and the list.
  (unless (stringp prefix) (error 'type-error :datum prefix :expected-type 'string))
  (unless (stringp suffix) (error 'type-error :datum suffix :expected-type 'string))
  (let ((stream (%pp-stream designator)))
    (cond ((not (listp object)) (%pp-write object stream))
          ((and *print-circle* (null *pp-circle*) object)
           ;; Called directly rather than through WRITE: the block is
           ;; the outermost object of a *PRINT-CIRCLE* print.
           (%pp-with-circle-passes
            (lambda (s) (%pp-logical-block s object prefix per-line-p suffix fn))
            stream))
          (t (%pp-block stream object t prefix per-line-p suffix
                        (lambda (s) (funcall fn s object)))))
    nil))

(defun %pp-with-circle-passes (print stream)
  ;; Calls PRINT twice: on a sink to find the shared objects, then on STREAM.
  (let ((*pp-circle* (make-hash-table :test 'eq)) (*pp-label* 0))
    (let ((*pp-circle-find* t))
      (funcall print (make-broadcast-stream)))
    (funcall print stream)))

(defun %pp-cycle-start (list)
  ;; Without *PRINT-CIRCLE* or *PRINT-LENGTH* to stop it, Brent's cycle
  ;; detection along the list's cdrs: #(tortoise power steps).
  (and (null *pp-circle*) (or *print-readably* (null *print-length*)) (consp list)
       (vector list 1 0)))

(defun %pp-cycle-p (list cycle)
  ;; Advances the detection to LIST; true when the list turned out circular.
  (cond ((eq list (svref cycle 0)) t)
        (t (setf (svref cycle 2) (1+ (svref cycle 2)))
           (when (= (svref cycle 2) (svref cycle 1))
             (setf (svref cycle 0) list
                   (svref cycle 1) (* 2 (svref cycle 1))
                   (svref cycle 2) 0))
           nil)))

(defun %pp-pop-check (list count stream &optional cycle)
  ;; What PPRINT-POP does before popping: false (having printed ". x" or
  ;; "...") when the block is to end instead.
  (cond ((not (listp list))
         (write-string ". " stream)
         (%pp-write list stream)
         nil)
        ((and (not *print-readably*) *print-length* (>= count *print-length*))
         (write-string "..." stream)
         nil)
        ((and list (plusp count) *pp-circle* (%pp-tail-shared-p list))
         (write-string ". " stream)
         (%pp-write list stream)
         nil)
        ((and cycle list (plusp count) (%pp-cycle-p list cycle))
         (write-string "..." stream)
         nil)
        ((and (%pretty-stream-p stream) (%pp-abbreviated-p stream))
         (throw stream nil))
        (t t)))

(defmacro pprint-pop ()
  (error "PPRINT-POP is only allowed lexically inside PPRINT-LOGICAL-BLOCK."))

(defmacro pprint-exit-if-list-exhausted ()
  (error "PPRINT-EXIT-IF-LIST-EXHAUSTED is only allowed lexically inside PPRINT-LOGICAL-BLOCK."))

(defmacro pprint-logical-block ((stream-symbol object &key (prefix nil prefix-p)
                                                 (per-line-prefix nil per-line-p)
                                                 (suffix ""))
                                &body body)
  (when (and prefix-p per-line-p)
    (error "PPRINT-LOGICAL-BLOCK takes :PREFIX or :PER-LINE-PREFIX, not both."))
  (let ((var (cond ((null stream-symbol) '*standard-output*)
                   ((eq stream-symbol t) '*terminal-io*)
                   ((symbolp stream-symbol) stream-symbol)
                   (t (error 'type-error :datum stream-symbol :expected-type 'symbol))))
        (list (gensym "LIST")) (count (gensym "COUNT")) (blk (gensym "BLOCK"))
        (s (gensym "STREAM")) (cycle (gensym "CYCLE")))
    `(%pp-logical-block ,var ,object
                        ,(cond (per-line-p per-line-prefix) (prefix-p prefix) (t ""))
                        ,(and per-line-p t) ,suffix
                        (lambda (,s ,list)
                          (let ((,var ,s) (,count 0) (,cycle (%pp-cycle-start ,list)))
                            (declare (ignorable ,var ,count ,cycle))
                            (block ,blk
                              (macrolet ((pprint-pop ()
                                           '(if (%pp-pop-check ,list ,count ,s ,cycle)
                                                (progn (setq ,count (1+ ,count)) (pop ,list))
                                                (return-from ,blk nil)))
                                         (pprint-exit-if-list-exhausted ()
                                           '(when (null ,list) (return-from ,blk nil))))
                                ,@body)))))))

;;;; Newlines, indentation, tabs

(defun pprint-newline (kind &optional stream)
  (unless (member kind '(:linear :fill :miser :mandatory))
    (error 'type-error :datum kind :expected-type '(member :linear :fill :miser :mandatory)))
  (let ((s (%pp-stream stream)))
    (when (and *print-pretty* (%pretty-stream-p s) (%pp-newline s kind))
      (throw s nil)))
  nil)

(defun pprint-indent (relative-to n &optional stream)
  (unless (member relative-to '(:block :current))
    (error 'type-error :datum relative-to :expected-type '(member :block :current)))
  (unless (realp n) (error 'type-error :datum n :expected-type 'real))
  (let ((s (%pp-stream stream)))
    (when (and *print-pretty* (%pretty-stream-p s))
      (%pp-indent s relative-to (values (truncate n)))))
  nil)

(defun pprint-tab (kind colnum colinc &optional stream)
  (unless (member kind '(:line :section :line-relative :section-relative))
    (error 'type-error :datum kind
                       :expected-type '(member :line :section :line-relative :section-relative)))
  (unless (typep colnum '(integer 0)) (error 'type-error :datum colnum :expected-type 'unsigned-byte))
  (unless (typep colinc '(integer 0)) (error 'type-error :datum colinc :expected-type 'unsigned-byte))
  (let ((s (%pp-stream stream)))
    (when (and *print-pretty* (%pretty-stream-p s))
      (%pp-tab s kind colnum colinc)))
  nil)

;;;; The standard list printers

(defun %pprint-list (stream object colon-p kind)
  ;; The elements separated by spaces and conditional newlines of KIND.
  (pprint-logical-block (stream object :prefix (if colon-p "(" "") :suffix (if colon-p ")" ""))
    (pprint-exit-if-list-exhausted)
    (loop (%pp-write (pprint-pop) stream)
          (pprint-exit-if-list-exhausted)
          (write-char #\Space stream)
          (pprint-newline kind stream))))

(defun pprint-fill (stream object &optional (colon-p t) at-sign-p)
  (declare (ignore at-sign-p))
  (%pprint-list stream object colon-p :fill))

(defun pprint-linear (stream object &optional (colon-p t) at-sign-p)
  (declare (ignore at-sign-p))
  (%pprint-list stream object colon-p :linear))

(defun pprint-tabular (stream object &optional (colon-p t) at-sign-p (tabsize 16))
  (declare (ignore at-sign-p))
  (unless (typep tabsize '(integer 0)) (error 'type-error :datum tabsize :expected-type 'unsigned-byte))
  (pprint-logical-block (stream object :prefix (if colon-p "(" "") :suffix (if colon-p ")" ""))
    (pprint-exit-if-list-exhausted)
    (loop (%pp-write (pprint-pop) stream)
          (pprint-exit-if-list-exhausted)
          (write-char #\Space stream)
          (pprint-tab :section-relative 0 tabsize stream)
          (pprint-newline :fill stream))))

;;;; Dispatch tables

(defun %print-pprint-table (table stream)
  (if *print-readably*
      (error 'print-not-readable :object table)
      (format stream "#<PPRINT-DISPATCH-TABLE ~D entries>"
              (+ (length (pprint-dispatch-table-entries table))
                 (hash-table-count (pprint-dispatch-table-cons-entries table))))))

;;; An entry is #(type-specifier priority function initial-p); the
;;; entries of the standard table are INITIAL-P and lose to any entry a
;;; user sets. Entries for (CONS (MEMBER sym...)) and (CONS (EQL sym)) are
;;; kept by symbol in CONS-ENTRIES, the others in ENTRIES, best first.
(defstruct (pprint-dispatch-table (:constructor %make-pprint-table ())
                                  (:copier nil) (:predicate %pprint-table-p)
                                  (:print-object %print-pprint-table))
  (entries nil)
  (cons-entries (make-hash-table :test 'eql)))

(defun %pp-entry-better-p (a b)
  ;; Whether entry A takes precedence over entry B.
  (cond ((not (eq (svref a 3) (svref b 3))) (svref b 3))
        (t (> (svref a 1) (svref b 1)))))

(defun %pp-cons-keys (type)
  ;; The symbols of a (CONS (MEMBER ...)) or (CONS (EQL x)) type, or :NONE.
  (if (and (consp type) (eq (car type) 'cons) (consp (cdr type)) (null (cddr type))
           (consp (cadr type)) (member (car (cadr type)) '(member eql)))
      (let ((keys (cdr (cadr type))))
        (if (eq (car (cadr type)) 'eql)
            (if (and (consp keys) (null (cdr keys))) keys :none)
            keys))
      :none))

(defun %pp-add-entry (table type function priority initial-p)
  (let ((keys (%pp-cons-keys type))
        (entry (vector type priority function initial-p)))
    (if (eq keys :none)
        (let ((rest (remove type (pprint-dispatch-table-entries table)
                            :key (lambda (e) (svref e 0)) :test #'equal)))
          (setf (pprint-dispatch-table-entries table)
                (if function
                    (merge 'list (list entry) rest #'%pp-entry-better-p)
                    rest)))
        (dolist (k keys)
          (if function
              (setf (gethash k (pprint-dispatch-table-cons-entries table)) entry)
              (remhash k (pprint-dispatch-table-cons-entries table)))))))

(defvar *standard-pprint-dispatch* (%make-pprint-table)
  "The initial pprint dispatch table; COPY-PPRINT-DISPATCH of NIL copies it.")

(defun %pp-table (table)
  (cond ((null table) *standard-pprint-dispatch*)
        ((%pprint-table-p table) table)
        (t (error 'type-error :datum table :expected-type '(or null pprint-dispatch-table)))))

(defun %pp-lookup (object table)
  ;; The best entry of TABLE for OBJECT, or NIL.
  (let* ((table (%pp-table table))
         (best (and (consp object)
                    (gethash (car object) (pprint-dispatch-table-cons-entries table)))))
    (dolist (e (pprint-dispatch-table-entries table) best)
      (when (and best (not (%pp-entry-better-p e best)))
        (return best))
      (when (typep object (svref e 0))
        (return e)))))

(defun copy-pprint-dispatch (&optional (table *print-pprint-dispatch*))
  (let* ((from (%pp-table table))
         (new (%make-pprint-table)))
    (setf (pprint-dispatch-table-entries new) (copy-list (pprint-dispatch-table-entries from)))
    (maphash (lambda (k v) (setf (gethash k (pprint-dispatch-table-cons-entries new)) v))
             (pprint-dispatch-table-cons-entries from))
    new))

(defun set-pprint-dispatch (type-specifier function &optional (priority 0)
                            (table *print-pprint-dispatch*))
  (unless (realp priority) (error 'type-error :datum priority :expected-type 'real))
  (unless (or (null function) (functionp function) (symbolp function))
    (error 'type-error :datum function :expected-type '(or function symbol)))
  (unless (%pprint-table-p table)
    (error 'type-error :datum table :expected-type 'pprint-dispatch-table))
  ;; A malformed type specifier is reported now rather than at print time
  ;; (SUBTYPEP, unlike TYPEP, calls no SATISFIES predicate).
  (subtypep type-specifier t)
  (%pp-add-entry table type-specifier function priority nil)
  nil)

(defun %pp-print-plainly (stream object)
  (%pp-plain object stream))

(defun pprint-dispatch (object &optional (table *print-pprint-dispatch*))
  (let ((e (%pp-lookup object table)))
    (if e
        (values (svref e 2) t)
        (values #'%pp-print-plainly nil))))

;;;; Printing an object

(defun %pp-plain (object stream)
  (unless (and *pp-circle* (%pp-circle-mark object stream))
    (%pp-standard object stream)))

(defun %pp-standard (object stream)
  ;; The standard printer, without labels of its own inside a circle print.
  (if *pp-circle*
      (let ((*print-circle* nil)) (%write-plain object stream *pp-depth*))
      (%write-plain object stream *pp-depth*)))

(defun %pp-output (object stream)
  (let ((e (%pp-lookup object *print-pprint-dispatch*)))
    (cond ((null e) (%pp-plain object stream))
          ((consp object) (funcall (svref e 2) stream object))
          ((and *pp-circle* (%pp-circle-mark object stream)))
          (t (funcall (svref e 2) stream object)))))

(defun %pprint-write (object stream)
  ;; WRITE's way in when *PRINT-PRETTY* is true.
  (if (and *print-circle* (null *pp-circle*) (%pp-circle-candidate-p object))
      (%pp-with-circle-passes (lambda (s) (%pp-output object s)) stream)
      (%pp-output object stream))
  object)

;;;; The standard table: lists, vectors, code

(defun %pp-vector (stream vector)
  (if (or (not *print-array*) (and *print-readably* (not (simple-vector-p vector))))
      (%pp-standard vector stream)
      (%pp-block stream vector nil "#(" nil ")"
                 (lambda (s)
                   (dotimes (i (length vector))
                     (when (> i 0)
                       (write-char #\Space s)
                       (pprint-newline :fill s))
                     (when (and *print-length* (not *print-readably*) (>= i *print-length*))
                       (write-string "..." s)
                       (return))
                     (%pp-write (aref vector i) s))))))

(defun %pp-fun-call (stream list)
  ;; (F arg...) for a defined F: the arguments filled, aligned under the first.
  (pprint-logical-block (stream list :prefix "(" :suffix ")")
    (%pp-write (pprint-pop) stream)
    (pprint-exit-if-list-exhausted)
    (write-char #\Space stream)
    (pprint-newline :fill stream)
    (pprint-indent :current 0 stream)
    (loop (%pp-write (pprint-pop) stream)
          (pprint-exit-if-list-exhausted)
          (write-char #\Space stream)
          (pprint-newline :fill stream))))

(defun %pp-structure (stream object)
  ;; #S(NAME :SLOT value ...), a slot a line when they do not fit; a
  ;; structure with a printer of its own uses it.
  (multiple-value-bind (name plist) (%structure-print-parts object)
    (if (null name)
        (%pp-standard object stream)
        (%pp-block stream object nil "#S(" nil ")"
                   (lambda (s)
                     (%pp-write name s)
                     (let ((count 0))
                       (loop-while plist
                         (write-char #\Space s)
                         (pprint-newline :linear s)
                         (when (and *print-length* (not *print-readably*) (>= count *print-length*))
                           (write-string "..." s)
                           (return))
                         ;; Slot names show as keywords even without escapes.
                         (unless (or *print-escape* *print-readably*) (write-char #\: s))
                         (%pp-write (pop plist) s)
                         (write-char #\Space s)
                         (%pp-write (pop plist) s)
                         (setq count (1+ count)))))))))

(defun %pp-array (stream array)
  ;; #nA((...) ...): a logical block for each axis, its items filled.
  (let ((dims (array-dimensions array)))
    (labels ((axis (s dims offset)
               (if (null dims)
                   (%pp-write (row-major-aref array offset) s)
                   (let ((stride (reduce #'* (cdr dims))))
                     (dotimes (i (car dims))
                       (when (> i 0)
                         (write-char #\Space s)
                         (pprint-newline :fill s))
                       (when (and *print-length* (not *print-readably*) (>= i *print-length*))
                         (write-string "..." s)
                         (return))
                       (if (cdr dims)
                           (%pp-block s nil nil "(" nil ")"
                                      (lambda (s) (axis s (cdr dims) (+ offset (* i stride)))))
                           (axis s nil (+ offset i))))))))
      (if (or (not *print-array*) (null dims)
              (and *print-readably* (not (eq (array-element-type array) t))))
          (%pp-standard array stream)
          (%pp-block stream array nil (format nil "#~DA(" (length dims)) nil ")"
                     (lambda (s) (axis s dims 0)))))))

(defun %pp-prefixed (prefix)
  ;; (QUOTE x) as 'x, and the like for FUNCTION and backquote.
  (lambda (stream list)
    (if (and (consp (cdr list)) (null (cddr list)))
        (progn (write-string prefix stream)
               (%pp-write (cadr list) stream))
        (pprint-fill stream list))))

(defun %pp-arg (stream how x)
  ;; A distinguished argument of a special form.
  (case how
    (:fill (if (listp x) (pprint-fill stream x) (%pp-write x stream)))
    (:bindings (if (listp x) (%pp-bindings stream x) (%pp-write x stream)))
    (:fbindings (if (listp x) (%pp-fbindings stream x) (%pp-write x stream)))
    (t (%pp-write x stream))))

(defun %pp-bindings (stream list)
  ;; LET-style bindings: one a line when they do not fit on one.
  (pprint-logical-block (stream list :prefix "(" :suffix ")")
    (pprint-exit-if-list-exhausted)
    (loop (let ((b (pprint-pop)))
            (if (consp b) (pprint-fill stream b) (%pp-write b stream)))
          (pprint-exit-if-list-exhausted)
          (write-char #\Space stream)
          (pprint-newline :linear stream))))

(defun %pp-fbindings (stream list)
  ;; FLET-style definitions, each laid out like a DEFUN.
  (pprint-logical-block (stream list :prefix "(" :suffix ")")
    (pprint-exit-if-list-exhausted)
    (loop (let ((b (pprint-pop)))
            (if (consp b) (%pp-form stream b '(:fill) 1 :mandatory) (%pp-write b stream)))
          (pprint-exit-if-list-exhausted)
          (write-char #\Space stream)
          (pprint-newline :linear stream))))

(defun %pp-form (stream list args body-indent &optional (body-newline :linear))
  ;; (OP distinguished-args... body...): the distinguished arguments (laid
  ;; out as ARGS says) on the first line if they fit, else indented by 4;
  ;; the body forms one a line (always, when BODY-NEWLINE is :MANDATORY),
  ;; indented by BODY-INDENT + 1.
  (pprint-logical-block (stream list :prefix "(" :suffix ")")
    (%pp-write (pprint-pop) stream)
    (pprint-exit-if-list-exhausted)
    (write-char #\Space stream)
    (pprint-newline :miser stream)
    (pprint-indent :block 3 stream)
    (let ((first t))
      (dolist (how args)
        (unless first
          (write-char #\Space stream)
          (pprint-newline :fill stream))
        (setq first nil)
        (%pp-arg stream how (pprint-pop))
        (pprint-exit-if-list-exhausted)))
    (pprint-indent :block body-indent stream)
    (loop (when args
            (write-char #\Space stream)
            (pprint-newline body-newline stream))
          (setq args t)
          (%pp-write (pprint-pop) stream)
          (pprint-exit-if-list-exhausted))))

(defun %pp-form-printer (args &optional (body-indent 1) (body-newline :linear))
  (lambda (stream list) (%pp-form stream list args body-indent body-newline)))

(defun %pp-progn (stream list)
  ;; (PROGN form...): every form on its own line when they do not fit.
  (pprint-logical-block (stream list :prefix "(" :suffix ")")
    (%pp-write (pprint-pop) stream)
    (loop (pprint-exit-if-list-exhausted)
          (write-char #\Space stream)
          (pprint-newline :linear stream)
          (%pp-write (pprint-pop) stream))))

(defun %pp-aligned (stream list)
  ;; (IF test then else): the arguments aligned under the first.
  (pprint-logical-block (stream list :prefix "(" :suffix ")")
    (%pp-write (pprint-pop) stream)
    (pprint-exit-if-list-exhausted)
    (write-char #\Space stream)
    (pprint-indent :current 0 stream)
    (loop (%pp-write (pprint-pop) stream)
          (pprint-exit-if-list-exhausted)
          (write-char #\Space stream)
          (pprint-newline :linear stream))))

(defun %pp-pairs (stream list)
  ;; (SETQ var value...): the pairs aligned, one a line when they do not fit.
  (pprint-logical-block (stream list :prefix "(" :suffix ")")
    (%pp-write (pprint-pop) stream)
    (pprint-exit-if-list-exhausted)
    (write-char #\Space stream)
    (pprint-indent :current 0 stream)
    (loop (%pp-write (pprint-pop) stream)
          (pprint-exit-if-list-exhausted)
          (write-char #\Space stream)
          (%pp-write (pprint-pop) stream)
          (pprint-exit-if-list-exhausted)
          (write-char #\Space stream)
          (pprint-newline :linear stream))))

(defun %pp-loop-keyword-p (x)
  (and (symbolp x)
       (member (symbol-name x)
               '("NAMED" "FOR" "AS" "WITH" "INITIALLY" "FINALLY" "DO" "DOING" "RETURN"
                 "COLLECT" "COLLECTING" "APPEND" "APPENDING" "NCONC" "NCONCING"
                 "COUNT" "COUNTING" "SUM" "SUMMING" "MAXIMIZE" "MAXIMIZING"
                 "MINIMIZE" "MINIMIZING" "WHILE" "UNTIL" "REPEAT" "ALWAYS" "NEVER"
                 "THEREIS" "WHEN" "IF" "UNLESS")
               :test #'string=)))

(defun %pp-loop (stream list)
  ;; (LOOP clause...): a clause a line, aligned, when they do not fit.
  (if (not (%pp-loop-keyword-p (cadr list)))
      (pprint-fill stream list)
      (pprint-logical-block (stream list :prefix "(" :suffix ")")
        (%pp-write (pprint-pop) stream)
        (pprint-exit-if-list-exhausted)
        (write-char #\Space stream)
        (pprint-indent :current 0 stream)
        (%pp-write (pprint-pop) stream)
        (loop (pprint-exit-if-list-exhausted)
              (write-char #\Space stream)
              (let ((x (pprint-pop)))
                (when (%pp-loop-keyword-p x) (pprint-newline :linear stream))
                (%pp-write x stream))))))

(defun %pp-install-standard-entries (table)
  (flet ((add (type fn &optional (priority 0))
           (%pp-add-entry table type fn priority t))
         (forms (names printer)
           (%pp-add-entry table `(cons (member ,@names)) printer 0 t)))
    (add 'cons #'pprint-fill -10)
    (add '(cons (and symbol (satisfies fboundp))) #'%pp-fun-call -5)
    (add '(and vector (not string) (not bit-vector)) #'%pp-vector -10)
    (add '(and array (not vector)) #'%pp-array -10)
    (add 'structure-object #'%pp-structure -10)
    (forms '(quote) (%pp-prefixed "'"))
    (forms '(function) (%pp-prefixed "#'"))
    (forms '(quasiquote) (%pp-prefixed "`"))
    (forms '(unquote) (%pp-prefixed ","))
    (forms '(unquote-splicing) (%pp-prefixed ",@"))
    (forms '(unquote-nsplicing) (%pp-prefixed ",."))
    (forms '(defun defmacro define-compiler-macro destructuring-bind multiple-value-bind
             defsetf deftype)
           (%pp-form-printer '(nil :fill)))
    (forms '(lambda) (%pp-form-printer '(:fill)))
    (forms '(let let* symbol-macrolet) (%pp-form-printer '(:bindings) 1 :mandatory))
    (forms '(flet labels macrolet) (%pp-form-printer '(:fbindings) 1 :mandatory))
    (forms '(do do*) (%pp-form-printer '(:bindings :fill)))
    (forms '(dolist dotimes do-symbols do-external-symbols do-all-symbols
             with-open-file with-open-stream with-input-from-string with-output-to-string)
           (%pp-form-printer '(:fill)))
    (forms '(when unless block catch case ecase ccase typecase etypecase ctypecase
             unwind-protect return-from eval-when handler-case restart-case
             defvar defparameter defconstant defpackage in-package
             progv prog prog* tagbody)
           (%pp-form-printer '(nil)))
    (forms '(progn prog1 prog2 locally multiple-value-prog1) #'%pp-progn)
    (forms '(if) #'%pp-aligned)
    (forms '(cond) #'pprint-fill)
    (forms '(setq setf psetq psetf) #'%pp-pairs)
    (forms '(loop) #'%pp-loop)
    table))

(%pp-install-standard-entries *standard-pprint-dispatch*)
(setq *print-pprint-dispatch* (copy-pprint-dispatch nil))
