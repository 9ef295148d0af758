;;;; The development tools of CLHS 25.1.2: APROPOS, APROPOS-LIST, TRACE,
;;;; UNTRACE, STEP, DISASSEMBLE, ROOM, ED, INSPECT, DRIBBLE.

(in-package "CLOVE-TEST")

(defun output-of (thunk)
  (with-output-to-string (*standard-output*) (funcall thunk)))

;;; --- APROPOS-LIST, APROPOS

(check apropos-list-in-package
       (let ((found (apropos-list "HASH-TABLE-" "COMMON-LISP")))
         (and (member 'hash-table-count found) (member 'hash-table-test found) t))
       t)
(check apropos-list-exact (and (member 'hash-table-count (apropos-list "hash-table-count" :cl)) t) t)
(check apropos-list-any-case (and (member 'car (apropos-list "car" "CL")) t) t)
(check apropos-list-all-packages-once
       (let ((found (apropos-list "MAKE-HASH-TABLE")))
         (count 'make-hash-table found))
       1)
(check apropos-list-none (apropos-list "NO-SYMBOL-HAS-THIS-NAME-9F3K2" "CL") nil)
(check apropos-list-string-designators
       (equal (apropos-list "CDDDDR" "CL") (apropos-list 'cddddr (find-package "CL")))
       t)
(check apropos-prints
       (let ((s (output-of (lambda () (apropos "CDDDDR" "CL")))))
         (and (search "CDDDDR" s) (search "function" s) t))
       t)
(check apropos-returns-nothing
       (let (vals) (output-of (lambda () (setq vals (multiple-value-list (apropos "CDDDDR" "CL"))))) vals)
       nil)
(check-error apropos-list-no-arguments (funcall #'apropos-list) program-error)
(check-error apropos-list-too-many (funcall #'apropos-list "X" "CL" nil) program-error)
(check-error apropos-list-no-such-package (apropos-list "X" "NO-SUCH-PACKAGE-X7") package-error)

;;; --- TRACE, UNTRACE

(defun traced-fn (x) (car x))
(defun (setf traced-fn) (v x) (setf (car x) v))
(defgeneric traced-gf (x))
(defmethod traced-gf ((x integer)) (* 2 x))

(untrace)
(check trace-nothing-traced (trace) nil)
(check trace-returns-names (trace traced-fn) '(traced-fn))
(check trace-lists-traced (trace) '(traced-fn))
(check trace-output
       (let ((s (with-output-to-string (*trace-output*) (traced-fn '(a b)))))
         (and (search "(TRACED-FN (A B))" s) (search "returned A" s) t))
       t)
(check trace-value (let ((*trace-output* (make-broadcast-stream))) (traced-fn '(x y))) 'x)
(check trace-twice-warns
       (let ((warned nil))
         (handler-bind ((warning (lambda (w) (setq warned t) (muffle-warning w))))
           (trace traced-fn))
         (list warned (trace)))
       '(t (traced-fn)))
(check untrace-one (progn (untrace traced-fn) (trace)) nil)
(check untrace-restores (with-output-to-string (*trace-output*) (traced-fn '(a))) "")
(check trace-setf-function
       (progn (trace (setf traced-fn))
              (let* ((x (list 1))
                     (s (with-output-to-string (*trace-output*) (setf (traced-fn x) 5))))
                (prog1 (list (trace) x (and (search "SETF TRACED-FN" s) t))
                  (untrace))))
       '(((setf traced-fn)) (5) t))
(check trace-generic-function
       (progn (trace traced-gf)
              (eval '(defmethod traced-gf ((x string)) (length x)))
              (let ((s (with-output-to-string (*trace-output*)
                         (assert (= (traced-gf 4) 8))
                         (assert (= (traced-gf "abc") 3)))))
                (prog1 (list (trace) (and (search "(TRACED-GF 4)" s) (search "(TRACED-GF \"abc\")" s) t))
                  (untrace traced-gf))))
       '((traced-gf) t))
(check untrace-generic-function
       (list (trace) (length (clove-mop:generic-function-methods #'traced-gf))
             (with-output-to-string (*trace-output*) (traced-gf 1)))
       '(nil 2 ""))
(check trace-undefined-warns
       (let ((warned nil))
         (handler-bind ((warning (lambda (w) (setq warned t) (muffle-warning w))))
           (list (trace no-such-function-to-trace-x) warned)))
       '(nil t))
(check trace-redefined-function
       (progn (trace traced-fn)
              (eval '(defun traced-fn (x) (cdr x)))
              (untrace traced-fn)
              (list (trace) (traced-fn '(1 2))))
       '(nil (2)))

;;; --- STEP

(check-values step-evaluates (step (values 1 2)) 1 2)

;;; --- DISASSEMBLE

(defun disassembled (x) (+ x 1))
(check disassemble-name
       (let (val)
         (list (and (search "DISASSEMBLED" (output-of (lambda () (setq val (disassemble 'disassembled))))) t) val))
       '(t nil))
;;; --- CLOVE:PROFILE

(defun profiled-busy (n) (let ((s 0)) (dotimes (i n s) (setq s (+ s (* i i))))))
(defun profiled-caller () (profiled-busy 400000))
(check profile-reports-functions-and-returns-the-values
       (let* ((vals nil)
              (report (with-output-to-string (*trace-output*)
                        (setq vals (multiple-value-list (clove:profile (values (profiled-caller) :second)))))))
         (list vals
               (and (search "own ms" report) t)
               ;; The busy function has time of its own; its caller only in total.
               (let* ((at (search "PROFILED-BUSY" report))
                      (line (and at (1+ (or (position #\Newline report :end at :from-end t) -1)))))
                 (and line (plusp (read-from-string report t nil :start line)) t))
               (and (search "PROFILED-CALLER" report) t)))
       (list (list (profiled-busy 400000) :second) t t t))
(check profile-stops-when-the-form-fails
       (let ((report (with-output-to-string (*trace-output*)
                       (ignore-errors (clove:profile (error "stop"))))))
         (list (and (search "own ms" report) t)
               ;; Profiling is off again: a second run starts afresh.
               (and (search "own ms" (with-output-to-string (*trace-output*) (clove:profile 1))) t)))
       '(t t))

(check disassemble-function (stringp (output-of (lambda () (disassemble #'disassembled)))) t)
(check disassemble-lambda (plusp (length (output-of (lambda () (disassemble '(lambda (x) (cons x x))))))) t)
(check disassemble-closure
       (plusp (length (output-of (lambda () (disassemble (let ((n 0)) (lambda () (incf n))))))))
       t)
(check disassemble-primitive (and (search "CAR" (output-of (lambda () (disassemble 'car)))) t) t)
(check disassemble-generic (plusp (length (output-of (lambda () (disassemble 'traced-gf))))) t)
(check disassemble-macro (plusp (length (output-of (lambda () (disassemble 'when))))) t)
(check-error disassemble-bad-type (disassemble 42) type-error)
(check-error disassemble-undefined (disassemble 'no-such-function-to-disassemble-x) undefined-function)
(check-error disassemble-no-arguments (funcall #'disassemble) program-error)

;;; --- ROOM

(check room-prints (mapcar (lambda (x) (plusp (length (output-of (lambda () (room x)))))) '(nil :default t))
       '(t t t))
(check room-default (plusp (length (output-of #'room))) t)
(check-error room-bad-argument (room :everything) type-error)
(check-error room-too-many (funcall #'room nil nil) program-error)

;;; --- ED (only its errors: a real call would start an editor)

(check-error ed-bad-argument (ed 42) type-error)
(check-error ed-unknown-source (ed 'car) error)
(check-error ed-too-many (funcall #'ed "x" nil) program-error)

;;; --- INSPECT

(check inspect-walks
       (let ((out (with-input-from-string (*standard-input* (format nil "1~%0~%u~%u~%q~%"))
                    (output-of (lambda () (inspect (list 'a (list 'b 'c))))))))
         (list (loop for i = (search "inspect>" out) then (search "inspect>" out :start2 (1+ i))
                     while i count t)
               (and (search "(B C)" out) t)))
       '(5 t))
(check-values inspect-returns-nothing
              (with-input-from-string (*standard-input* "")
                (let ((*standard-output* (make-broadcast-stream))) (inspect 42))))
(check-error inspect-no-arguments (funcall #'inspect) program-error)

;;; --- DRIBBLE

(check dribble-copies-output
       (let ((file (format nil "/tmp/clove-dribble-~D.txt" (random 1000000))))
         (unwind-protect
              (progn
                (let ((*standard-output* (make-broadcast-stream)))
                  (dribble file)
                  (write-string "dribbled text")
                  (dribble))
                (with-open-file (in file) (read-line in)))
           (when (probe-file file) (delete-file file))))
       "dribbled text")
(check-error dribble-too-many (funcall #'dribble "x" nil) program-error)
(check trace-generic-with-around-method-refused
       (progn
         (eval '(defgeneric traced-around-gf (x)))
         (eval '(defmethod traced-around-gf :around ((x t)) (list (call-next-method))))
         (eval '(defmethod traced-around-gf ((x t)) x))
         (let ((warned nil))
           (handler-bind ((warning (lambda (w) (setq warned t) (muffle-warning w))))
             (list (trace traced-around-gf) warned (traced-around-gf 1)))))
       '(nil t (1)))
