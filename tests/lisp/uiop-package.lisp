;;;; UIOP/PACKAGE: symbol and package utilities, and DEFINE-PACKAGE's
;;;; upgrade semantics (a second definition wins: fewer exports unexport,
;;;; dropped uses are unused, :RECYCLE moves symbols). Every expected value
;;;; here is what SBCL with UIOP 3.3.6 answers.

(in-package "CLOVE-TEST")

(defun status-of (name package)
  (nth-value 1 (find-symbol name package)))

;;; --- find-package*, find-symbol* and friends

(check find-package*-found (package-name (uiop:find-package* :cl)) "COMMON-LISP")
(check-error find-package*-missing (uiop:find-package* :no-such-pkg-xyz) uiop/package::no-such-package-error)
(check find-package*-missing-type
       (handler-case (uiop:find-package* "NO-SUCH-PKG-XYZ") (type-error (e) (type-error-datum e)))
       "NO-SUCH-PKG-XYZ")
(check find-package*-quiet (uiop:find-package* :no-such-pkg-xyz nil) nil)
(check-values find-symbol*-by-keyword (uiop:find-symbol* :car :cl) 'car :external)
(check-values find-symbol*-quiet (uiop:find-symbol* :no-such-symbol-xyz :cl nil) nil nil)
(check-values find-symbol*-no-package (uiop:find-symbol* :car :no-such-pkg-xyz nil) nil nil)
(check-error find-symbol*-missing (uiop:find-symbol* :no-such-symbol-xyz :cl) error)
(check symbol-call (uiop:symbol-call :cl :+ 1 2 3) 6)
(check symbol-call-by-string (uiop:symbol-call "COMMON-LISP" "LIST" 1) '(1))
(check intern* (symbol-package (uiop:intern* :up-fresh-1 :cl-user)) (find-package :cl-user))
(check make-symbol*-string (symbol-package (uiop:make-symbol* "X")) nil)
(check make-symbol*-symbol (symbol-name (uiop:make-symbol* :foo)) "FOO")
(check symbol-package-name (uiop:symbol-package-name 'car) "COMMON-LISP")
(check symbol-package-name-uninterned (uiop:symbol-package-name '#:foo) nil)
(check standard-cl-symbol (list (uiop:standard-common-lisp-symbol-p 'car)
                                (uiop:standard-common-lisp-symbol-p 'status-of))
       '(t nil))
(check home-package-p (list (uiop:home-package-p 'car :cl) (uiop:home-package-p 'car :cl-user)
                            (uiop:home-package-p 'car nil))
       '(t nil nil))

(defpackage "UP-SMALL" (:use) (:export "E1") (:shadow "S1") (:intern "I1"))
(check export*-nil (progn (uiop:export* nil "UP-SMALL") (status-of "NIL" "UP-SMALL")) :external)
(check symbol-shadowing-p (uiop:symbol-shadowing-p (find-symbol "S1" "UP-SMALL") "UP-SMALL") t)
(check unintern* (multiple-value-bind (s status) (uiop:unintern* "I1" "UP-SMALL") (list (symbol-name s) status))
       '("I1" :internal))
(check unintern*-gone (status-of "I1" "UP-SMALL") nil)
(check-error unintern*-missing (uiop:unintern* "NOT-THERE" "UP-SMALL") error)
(check-values unintern*-quiet (uiop:unintern* "NOT-THERE" "UP-SMALL" nil) nil nil)


;;; --- reify / unreify

(check reify-keyword (uiop:reify-symbol :foo) :foo)
(check reify-cl (uiop:reify-symbol 'car) 'car)
(check reify-other (coerce (uiop:reify-symbol (find-symbol "E1" "UP-SMALL")) 'list) '("E1" "UP-SMALL"))
(check reify-in-context (coerce (uiop:reify-symbol (find-symbol "E1" "UP-SMALL") (find-package "UP-SMALL")) 'list)
       '("E1" t))
(check unreify (uiop:unreify-symbol #("E1" "UP-SMALL")) (find-symbol "E1" "UP-SMALL"))
(check unreify-context (uiop:unreify-symbol #("E1" t) (find-package "UP-SMALL")) (find-symbol "E1" "UP-SMALL"))
(check unreify-no-package (symbol-package (uiop:unreify-symbol #("Z" nil))) nil)
(check reify-package (list (uiop:reify-package (find-package :cl)) (uiop:reify-package nil (find-package :cl))
                           (uiop:reify-package (find-package "UP-SMALL") (find-package "UP-SMALL")))
       '("COMMON-LISP" nil t))

;;; --- package names

(check package-names (sort (uiop:package-names (find-package :uiop)) #'string<) '("ASDF/DRIVER" "UIOP" "UIOP/DRIVER"))
(check packages-from-names
       (mapcar #'package-name (uiop:packages-from-names '("CL" "NOPE-XYZ" "COMMON-LISP" "UP-SMALL")))
       '("COMMON-LISP" "UP-SMALL"))
(check fresh-package-name-index-0 (uiop:fresh-package-name :prefix "UP-FRESH" :index 0) "UP-FRESH")
(check fresh-package-name-taken (uiop:fresh-package-name :prefix "UP-SMALL" :separator "-" :index 0) "UP-SMALL-1")
(check rename-package-away
       (let ((p (make-package "UP-AWAY" :use nil :nicknames '("UP-AWAY-NICK"))))
         (uiop:rename-package-away p :index 0)
         (list (package-name p) (package-nicknames p) (find-package "UP-AWAY-NICK")))
       '("__UP-AWAY__" nil nil))
(check delete-package*
       (let ((p (make-package "UP-DOOMED" :use nil)))
         (use-package p "UP-SMALL")
         (uiop:delete-package* "UP-DOOMED")
         (list (find-package "UP-DOOMED") (member p (package-use-list "UP-SMALL"))))
       '(nil nil))
(check delete-package*-missing (uiop:delete-package* "UP-NEVER-WAS") nil)

(check package-definition-form
       (uiop:package-definition-form "UP-SMALL")
       '(defpackage "UP-SMALL" (:use) (:shadow "S1") (:export "E1" "NIL")))

;;; --- define-package: first definitions

(uiop:define-package :up-a (:export #:foo #:bar) (:documentation "Package A."))
(check define-package-uses-cl (mapcar #'package-name (package-use-list :up-a)) '("COMMON-LISP"))
(check define-package-exports (list (status-of "FOO" :up-a) (status-of "BAR" :up-a)) '(:external :external))
(check define-package-doc (documentation (find-package :up-a) t) "Package A.")
(check define-package-returns (package-name (uiop:define-package :up-a (:export #:foo #:bar))) "UP-A")

(uiop:define-package :up-b (:use :up-a) (:export #:baz))
(check define-package-use (eq (find-symbol "FOO" :up-b) (find-symbol "FOO" :up-a)) t)

;;; Redefinition: the new definition is authoritative.
(uiop:define-package :up-a (:export #:foo))
(check redefine-unexports (status-of "BAR" :up-a) :internal)
(check redefine-user-loses-inherited (status-of "BAR" :up-b) nil)
(uiop:define-package :up-b (:use) (:export #:baz))
(check redefine-unuses (package-use-list :up-b) nil)
(check redefine-drops-stale-inherited (status-of "FOO" :up-b) nil)

;;; A package found by one of the names becomes the package; other packages
;;; holding a name lose it, and are deleted if no name is left.
(defpackage "UP-OLD-HOLDER" (:use) (:nicknames "UP-NICK"))
(defpackage "UP-OTHER-HOLDER" (:use) (:nicknames "UP-NICK2" "UP-KEEP"))
(defpackage "UP-NICK3" (:use))
(defvar *up-holder* (find-package "UP-OLD-HOLDER"))
(uiop:define-package :up-nicked (:nicknames :up-nick :up-nick2 :up-nick3))
(check nickname-package-reused (eq (find-package "UP-NICKED") *up-holder*) t)
(check nickname-taken-over (package-name (find-package "UP-NICK2")) "UP-NICKED")
(check nickname-loser-keeps-the-rest (package-nicknames (find-package "UP-OTHER-HOLDER")) '("UP-KEEP"))
(check nickname-loser-deleted (list (find-package "UP-OLD-HOLDER") (package-name (find-package "UP-NICK3")))
       '(nil "UP-NICKED"))

;;; :recycle moves exported symbols (and their definitions) into the package.
(uiop:define-package :up-old (:export #:thing))
(defun up-old::thing () 42)
(uiop:define-package :up-new (:recycle :up-new :up-old) (:export #:thing))
(check recycle-moves (symbol-package (find-symbol "THING" :up-new)) (find-package :up-new))
(check recycle-keeps-definition (funcall (find-symbol "THING" :up-new)) 42)
(check recycle-leaves-in-old (eq (find-symbol "THING" :up-old) (find-symbol "THING" :up-new)) t)
(check recycle-old-still-exports (status-of "THING" :up-old) :external)

;;; :mix settles conflicts in favour of the first package; :reexport.
(uiop:define-package :up-m1 (:use) (:export #:same #:only1))
(uiop:define-package :up-m2 (:use) (:export #:same #:only2))
(uiop:define-package :up-mixed (:mix :up-m1 :up-m2) (:reexport :up-m1))
(check mix-first-wins (eq (find-symbol "SAME" :up-mixed) (find-symbol "SAME" :up-m1)) t)
(check mix-others-inherited (eq (find-symbol "ONLY2" :up-mixed) (find-symbol "ONLY2" :up-m2)) t)
(check mix-shadowing (not (null (member (find-symbol "SAME" :up-m1) (package-shadowing-symbols :up-mixed)))) t)
(check reexport (list (status-of "SAME" :up-mixed) (status-of "ONLY1" :up-mixed) (status-of "ONLY2" :up-mixed))
       '(:external :external :inherited))
(check-error use-conflict (uiop:define-package :up-clash (:use :up-m1 :up-m2)) error)

;;; :use-reexport and :mix-reexport
(uiop:define-package :up-ur (:use-reexport :up-m1))
(check use-reexport (list (mapcar #'package-name (package-use-list :up-ur)) (status-of "ONLY1" :up-ur))
       '(("UP-M1") :external))
(uiop:define-package :up-mr (:mix-reexport :up-m2 :up-m1))
(check mix-reexport (eq (find-symbol "SAME" :up-mr) (find-symbol "SAME" :up-m2)) t)

;;; :shadow, :shadowing-import-from, :import-from, :intern, :unintern
(uiop:define-package :up-s (:use :up-m1) (:shadow #:same) (:import-from :up-m2 #:only2)
  (:shadowing-import-from :cl #:car) (:intern #:private))
(check shadow (list (eq (find-symbol "SAME" :up-s) (find-symbol "SAME" :up-m1)) (status-of "SAME" :up-s))
       '(nil :internal))
(check import-from (eq (find-symbol "ONLY2" :up-s) (find-symbol "ONLY2" :up-m2)) t)
(check shadowing-import-from (eq (find-symbol "CAR" :up-s) 'car) t)
(check intern (status-of "PRIVATE" :up-s) :internal)
(uiop:define-package :up-s (:use :up-m1) (:unintern #:private))
(check unintern (status-of "PRIVATE" :up-s) nil)
;; A symbol imported by the old definition stays present (as in UIOP).
(check redefine-keeps-stale-import (eq (find-symbol "ONLY2" :up-s) (find-symbol "ONLY2" :up-m2)) t)
(check import-from-interns-missing
       (progn (uiop:define-package :up-imp (:import-from :up-m2 #:not-yet-there))
              (status-of "NOT-YET-THERE" :up-m2))
       :internal)
(check-error import-from-twice
             (uiop:define-package :up-imp2 (:import-from :up-m1 #:same) (:import-from :up-m2 #:same))
             error)
(check-error shadow-and-import
             (uiop:define-package :up-imp3 (:shadow #:same) (:import-from :up-m1 #:same))
             error)
(check-error import-from-missing-package
             (uiop:define-package :up-imp4 (:import-from :no-such-pkg-xyz #:x))
             uiop/package::no-such-package-error)
(check import-from-missing-package-no-names
       (handler-case (progn (uiop:define-package :up-imp5 (:import-from :no-such-pkg-xyz)) :quiet)
         (style-warning () :warned))
       :warned)

;;; Exporting a name makes users of the package see the new symbol.
(uiop:define-package :up-lib (:export #:api))
(uiop:define-package :up-client (:use :cl :up-lib))
(intern "LATER" :up-client)
(uiop:define-package :up-lib (:export #:api #:later))
(check export-reaches-users (eq (find-symbol "LATER" :up-client) (find-symbol "LATER" :up-lib)) t)

;;; :local-nicknames
(uiop:define-package :up-ln (:local-nicknames (:m1 :up-m1)))
(check local-nicknames (let ((*package* (find-package :up-ln))) (read-from-string "m1:only1"))
       (find-symbol "ONLY1" :up-m1))
(uiop:define-package :up-ln (:local-nicknames (:m2 :up-m2)))
(check local-nicknames-replaced
       (let ((*package* (find-package :up-ln)))
         (list (read-from-string "m2:only2")
               (handler-case (read-from-string "m1:only1") (error () :gone))))
       (list (find-symbol "ONLY2" :up-m2) :gone))
(check local-nicknames-feature (not (null (member :package-local-nicknames *features*))) t)

;;; Bad clauses
(check-error bad-clause (macroexpand '(uiop:define-package :up-bad (:frobnicate 1))) error)
(check-error documentation-twice (macroexpand '(uiop:define-package :up-bad (:documentation "a") (:documentation "b"))) error)
(check-error use-missing-package (uiop:define-package :up-bad2 (:use :no-such-pkg-xyz)) error)

;;; parse-define-package-form's defaults
(check parse-form-defaults
       (let ((args (rest (uiop:parse-define-package-form :p '((:nicknames :q))))))
         (list (getf args :use) (getf args :recycle)))
       '('(:common-lisp) '(:p :q)))
