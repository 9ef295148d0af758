;;;; UIOP/LISP-BUILD: COMPILE-FILE* and its behaviours, muffling, deferred
;;;; warnings, loading from strings. Expected values are SBCL+UIOP's.

(in-package "CLOVE-TEST")

(defvar *scratch* (make-scratch-directory "uiop-build"))
(defun scratch (name) (merge-pathnames name *scratch*))
;;; Fasls go beside their sources (ASDF, when loaded, would redirect them).
(setf uiop:*output-translation-function* 'identity)
(defun source (name text)
  (with-open-file (o (scratch name) :direction :output :if-exists :supersede) (write-string text o))
  (scratch name))

(check compile-file-type (uiop:compile-file-type) "fasl")
(check lispize-pathname (namestring (uiop:lispize-pathname #p"/a/b.fasl")) "/a/b.lisp")
(check compile-file-pathname*-absolute-output
       (namestring (uiop:compile-file-pathname* "/src/foo.lisp" :output-file "/out/bar.fasl"))
       "/out/bar.fasl")
(check compile-file-pathname*-translated
       (let ((uiop:*output-translation-function* (lambda (p) (merge-pathnames (file-namestring p) #p"/cache/"))))
         (namestring (uiop:compile-file-pathname* "/src/foo.lisp")))
       "/cache/foo.fasl")
(check call-around-hook (list (uiop:call-around-hook nil (lambda () :plain))
                              (uiop:call-around-hook (lambda (f) (list :around (funcall f))) (lambda () :inner)))
       '(:plain (:around :inner)))

(check-values compile-file*-ok
              (let ((out (uiop:compile-file* (source "ok.lisp" "(defun uiop-build-ok () :ok)"))))
                (values (namestring out) (progn (load out) (funcall 'uiop-build-ok))))
              (namestring (truename (scratch "ok.fasl"))) :ok)
(check compile-file*-output-file
       (let ((out (uiop:compile-file* (scratch "ok.lisp") :output-file (scratch "elsewhere/ok2.fasl"))))
         (list (pathname-name out) (not (null (probe-file (scratch "elsewhere/ok2.fasl"))))))
       '("ok2" t))
(check compile-file*-warnings-behaviour-warn
       (let ((uiop:*compile-file-warnings-behaviour* :warn) (seen nil))
         (handler-bind ((uiop:compile-warned-warning (lambda (w) (setf seen t) (muffle-warning w)))
                        (warning #'muffle-warning))
           (let ((out (uiop:compile-file* (source "warns.lisp" "(defun uiop-build-w () (warn \"at run time\") (uiop-build-undefined-xyz))"))))
             (list (not (null out)) seen))))
       '(t nil))
(check compile-file*-failure-is-no-output
       (let ((uiop:*compile-file-failure-behaviour* :error))
         (multiple-value-bind (out warnings-p failure-p)
             (handler-bind ((warning #'muffle-warning))
               (uiop:compile-file* (source "fails.lisp" "(defun uiop-build-f (x) (let ((t 1)) x))")))
           (list out (not (null warnings-p)) (not (null failure-p)))))
       '(nil t t))
(check compile-file*-failure-leaves-no-fasl
       (progn (ignore-errors (handler-bind ((warning #'muffle-warning)) (uiop:compile-file* (scratch "fails.lisp"))))
              (list (probe-file (scratch "fails.fasl"))
                    (remove-if-not (lambda (f) (search "-tmp" (namestring f))) (directory (scratch "*.*")))))
       '(nil nil))
(check compile-file*-failure-ignored
       (let ((uiop:*compile-file-failure-behaviour* :ignore))
         (multiple-value-bind (out warnings-p failure-p)
             (handler-bind ((warning #'muffle-warning)) (uiop:compile-file* (scratch "fails.lisp")))
           (list (not (null out)) (not (null warnings-p)) (not (null failure-p)))))
       '(t t t))
(check compile-file*-compile-check-rejects
       (list (uiop:compile-file* (scratch "ok.lisp") :output-file (scratch "checked.fasl")
                                                      :compile-check (constantly nil))
             (probe-file (scratch "checked.fasl")))
       '(nil nil))

(check-error check-lisp-compile-results-no-output (uiop:check-lisp-compile-results nil nil nil) uiop:compile-file-error)
(check check-lisp-compile-results-message
       (handler-case (uiop:check-lisp-compile-results nil nil nil "compiling ~S" '(x))
         (uiop:compile-file-error (e) (princ-to-string e)))
       "COMPILE-FILE-ERROR while compiling X")
(check check-lisp-compile-warnings
       (let ((uiop:*compile-file-warnings-behaviour* :error))
         (handler-case (uiop:check-lisp-compile-warnings t nil) (uiop:compile-warned-error (e) (princ-to-string e))))
       "Lisp compilation had style-warnings")

(check with-muffled-compiler-conditions
       (let ((uiop:*uninteresting-compiler-conditions* '("noise ~A")) (seen '()))
         (handler-bind ((warning (lambda (w) (push (princ-to-string w) seen) (muffle-warning w))))
           (uiop:with-muffled-compiler-conditions () (warn "noise ~A" 1) (warn "signal ~A" 2)))
         seen)
       '("signal 2"))
(check with-muffled-loader-conditions
       (let ((uiop:*uninteresting-loader-conditions* '(style-warning)) (seen '()))
         (handler-bind ((warning (lambda (w) (push (type-of w) seen) (muffle-warning w))))
           (uiop:with-muffled-loader-conditions () (warn 'uiop:simple-style-warning :format-control "s")))
         seen)
       '())
(check load-from-string (progn (uiop:load-from-string "(defparameter *uiop-lfs* (+ 40 2))") (symbol-value '*uiop-lfs*)) 42)
(check load*-stream (progn (uiop:load* (make-string-input-stream "(defparameter *uiop-ls* :streamed)"))
                           (symbol-value '*uiop-ls*))
       :streamed)
(check current-lisp-file-pathname (let ((*load-pathname* #p"/x/y.lisp") (*compile-file-pathname* nil))
                                    (uiop:current-lisp-file-pathname))
       #p"/x/y.lisp")

(check reify-simple-sexp (uiop:reify-simple-sexp '(1 "s" #\c :k))
       '(1 "s" #\c :k))
(check simple-sexp-round-trip
       (let ((x (list 'car 1.5 (vector 1 2) "str")))
         (equalp (uiop:unreify-simple-sexp (uiop:reify-simple-sexp x)) x))
       t)
(check warnings-file-type (list (uiop:warnings-file-type :sbcl) (uiop:warnings-file-type :ccl)) '("sbcl-warnings" "ccl-warnings"))
;; clove's own (UIOP on other Lisps has none for clove).
(check warnings-file-type-clove (uiop:warnings-file-type) "clove-warnings")
(check deferred-warnings-check-switch
       (let ((uiop:*warnings-file-type* nil))
         (uiop:enable-deferred-warnings-check)
         (prog1 (list uiop:*warnings-file-type* (uiop:warnings-file-p #p"x.clove-warnings"))
           (uiop:disable-deferred-warnings-check)))
       '("clove-warnings" t))
(check deferred-warnings-saved-and-checked
       (let ((file (scratch "w.clove-warnings")))
         (handler-bind ((warning #'muffle-warning))
           (uiop:with-saved-deferred-warnings (file)
             (compile nil '(lambda () (uiop-build-surely-undefined-fn 1)))))
         (list (not (null (probe-file file)))
               (let ((uiop:*compile-file-warnings-behaviour* :error))
                 (handler-case (handler-bind ((warning #'muffle-warning)) (uiop:check-deferred-warnings (list file)) :fine)
                   (uiop:compile-warned-error () :reported)))))
       '(t :reported))
(check deferred-warnings-resolved-by-definition
       (let ((file (scratch "w2.clove-warnings")))
         (handler-bind ((warning #'muffle-warning))
           (uiop:with-saved-deferred-warnings (file)
             (compile nil '(lambda () (uiop-build-later-defined 1)))))
         (setf (fdefinition 'uiop-build-later-defined) #'identity)
         (let ((uiop:*compile-file-warnings-behaviour* :error))
           (uiop:check-deferred-warnings (list file))
           :fine))
       :fine)
(check optimization-settings
       (let ((before (uiop:get-optimization-settings)))
         (prog1 (list (every (lambda (e) (and (symbolp (first e)) (integerp (second e)))) before)
                      (uiop:with-optimization-settings ('((speed 3)))
                        (second (assoc 'speed (uiop:get-optimization-settings))))
                      (equal before (uiop:get-optimization-settings)))))
       '(t 3 t))

;;; COMBINE-FASLS concatenates; the result loads as its parts would, in
;;; order (SBCL behaves the same), and a damaged part is an error after the
;;; parts before it ran.
(defvar *combined-order* nil)
(defun file-octets (file)
  (with-open-file (i file :element-type '(unsigned-byte 8))
    (let ((v (make-array (file-length i) :element-type '(unsigned-byte 8))))
      (read-sequence v i)
      v)))
(defun write-octets (file octets)
  (with-open-file (o file :direction :output :element-type '(unsigned-byte 8) :if-exists :supersede)
    (write-sequence octets o))
  file)
(defvar *combine-parts*
  (handler-bind ((warning #'muffle-warning))
    (list (uiop:compile-file* (source "part1.lisp" "(defun clove-test::combined-1 (x) (list :one x))
                                                   (push (combined-1 :a) clove-test::*combined-order*)"))
          (uiop:compile-file* (source "part2.lisp" "(defpackage \"COMBINED-2\" (:use \"CL\") (:export \"TWO\"))
                                                   (push (combined-1 :b) clove-test::*combined-order*)
                                                   (push 'combined-2:two clove-test::*combined-order*)"))
          (uiop:compile-file* (source "part3.lisp" "(push (list 'combined-2:two \"three\" 3/4) clove-test::*combined-order*)")))))
(defun load-combined (file)
  (setf *combined-order* nil)
  (let ((result (handler-case (load file) (file-error () :file-error))))
    (list result (reverse *combined-order*))))
(check combine-fasls-loads-parts-in-order
       (progn (uiop:combine-fasls *combine-parts* (scratch "combined.fasl"))
              (list (= (length (file-octets (scratch "combined.fasl")))
                       (reduce #'+ (mapcar (lambda (f) (length (file-octets f))) *combine-parts*)))
                    (load-combined (scratch "combined.fasl"))))
       '(t (t ((:one :a) (:one :b) combined-2:two (combined-2:two "three" 3/4)))))
(check combine-fasls-of-one-and-none
       (progn (uiop:combine-fasls (list (third *combine-parts*)) (scratch "combined1.fasl"))
              (uiop:combine-fasls '() (scratch "combined0.fasl"))
              (list (load-combined (scratch "combined1.fasl"))
                    (length (file-octets (scratch "combined0.fasl")))))
       '((t ((combined-2:two "three" 3/4))) 0))
(defun damaged-combination (damage)
  ;; Parts 1 and 3 intact, part 2 changed by DAMAGE (a function of its octets).
  (let ((octets (mapcar #'file-octets *combine-parts*)))
    (write-octets (scratch "damaged.fasl")
                  (concatenate '(vector (unsigned-byte 8))
                               (first octets) (funcall damage (second octets)) (third octets)))))
(check combine-fasls-truncated-part
       (load-combined (damaged-combination (lambda (o) (subseq o 0 (- (length o) 7)))))
       '(:file-error ((:one :a))))
(check combine-fasls-flipped-byte
       (load-combined (damaged-combination (lambda (o) (let ((o (copy-seq o)))
                                                         (setf (aref o (- (length o) 20)) (logxor (aref o (- (length o) 20)) 1))
                                                         o))))
       '(:file-error ((:one :a))))
(check combine-fasls-damage-is-reported
       (handler-case (load (damaged-combination (lambda (o) (subseq o 0 30))))
         (file-error (e) (list (not (null (search "damaged.fasl" (princ-to-string e))))
                               (not (null (search "part 2" (princ-to-string e))))
                               (equal (pathname-name (file-error-pathname e)) "damaged"))))
       '(t t t))

(uiop:delete-directory-tree *scratch* :validate t)
