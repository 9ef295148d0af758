;;;; Packages: defpackage options, lookup, export/import/shadow, conflicts.

(in-package "CLOVE-TEST")

(defpackage "PT-BASE" (:use "COMMON-LISP") (:export "ALPHA" "BETA") (:nicknames "PTB"))
(defpackage "PT-USER" (:use "COMMON-LISP" "PT-BASE") (:shadow "BETA") (:export "GAMMA")
  (:intern "HIDDEN") (:local-nicknames ("B" "PT-BASE")))

(check find-package-name (package-name (find-package "PTB")) "PT-BASE")
(check nicknames (package-nicknames (find-package "PT-BASE")) '("PTB"))
(check-values find-symbol-external (find-symbol "ALPHA" "PT-BASE") (intern "ALPHA" "PT-BASE") :external)
(check-values find-symbol-inherited (find-symbol "ALPHA" "PT-USER") (intern "ALPHA" "PT-BASE") :inherited)
(check-values find-symbol-internal (find-symbol "HIDDEN" "PT-USER") (intern "HIDDEN" "PT-USER") :internal)
(check-values find-symbol-missing (find-symbol "NO-SUCH-THING" "PT-USER") nil nil)
(check shadowing (eq (find-symbol "BETA" "PT-USER") (find-symbol "BETA" "PT-BASE")) nil)
(check shadowing-symbols (mapcar #'symbol-name (package-shadowing-symbols "PT-USER")) '("BETA"))
(check use-list (mapcar #'package-name (package-use-list "PT-USER")) '("COMMON-LISP" "PT-BASE"))
(check used-by (not (null (member (find-package "PT-USER") (package-used-by-list "PT-BASE")))) t)
(check local-nickname-read
       (let ((*package* (find-package "PT-USER"))) (eq (read-from-string "b:alpha") (find-symbol "ALPHA" "PT-BASE")))
       t)
(check intern-new (multiple-value-list (intern "FRESH" "PT-BASE")) (list (find-symbol "FRESH" "PT-BASE") nil))
(check intern-existing (second (multiple-value-list (intern "FRESH" "PT-BASE"))) :internal)
(check export-then-external (progn (export (find-symbol "FRESH" "PT-BASE") "PT-BASE")
                                   (second (multiple-value-list (find-symbol "FRESH" "PT-BASE"))))
       :external)
(check unexport-1 (progn (unexport (find-symbol "FRESH" "PT-BASE") "PT-BASE")
                         (second (multiple-value-list (find-symbol "FRESH" "PT-BASE"))))
       :internal)
(check keyword-package (symbol-package :foo) (find-package "KEYWORD"))
(check keyword-self-evaluating (eval :foo) :foo)
(check in-package-changes
       (let ((*package* *package*)) (in-package "PT-BASE") (package-name *package*))
       "PT-BASE")
(check do-external-symbols-1
       (let ((names nil)) (do-external-symbols (s "PT-BASE") (push (symbol-name s) names)) (sort names #'string<))
       '("ALPHA" "BETA"))
(check do-symbols-includes-inherited
       (let ((found nil)) (do-symbols (s "PT-USER") (when (string= (symbol-name s) "ALPHA") (setq found t))) found)
       t)
(check rename-package-1
       (progn (make-package "PT-OLD" :use nil) (rename-package "PT-OLD" "PT-NEW" '("PTN"))
              (list (package-name (find-package "PTN")) (find-package "PT-OLD")))
       '("PT-NEW" nil))
(check delete-package-1 (progn (make-package "PT-DOOMED" :use nil) (delete-package "PT-DOOMED") (find-package "PT-DOOMED")) nil)
(check list-all-packages-has-cl (not (null (member (find-package "CL") (list-all-packages)))) t)

(check-error make-package-exists (make-package "PT-BASE") package-error)
(check-error find-package-or-lose (in-package "NO-SUCH-PACKAGE-XYZ") package-error)
(check-error export-conflict
             (progn (defpackage "PT-C1" (:use "CL") (:export "CLASH"))
                    (defpackage "PT-C2" (:use "CL" "PT-C1") (:intern "CLASH2"))
                    (intern "CLASH" "PT-C2")
                    (defpackage "PT-C3" (:use "CL") (:export "CLASH"))
                    (use-package "PT-C3" "PT-C2"))
             package-error)
(check-error import-conflict
             (progn (make-package "PT-I1" :use nil)
                    (intern "SAME" "PT-I1")
                    (import (intern "SAME" "PT-BASE") "PT-I1"))
             package-error)
(check-error reader-unknown-package (read-from-string "no-such-pkg-qq:foo") reader-error)
(check-error reader-not-external (read-from-string "pt-user:hidden") reader-error)

(defpackage "PT-R1" (:use) (:export "DUP"))
(defpackage "PT-R2" (:use) (:export "DUP"))
(defpackage "PT-R3" (:use "PT-R1"))
(check conflict-restart-resolves
       (handler-bind ((clove:name-conflict
                        (lambda (c)
                          (let ((winner (find "PT-R2" (clove:name-conflict-symbols c)
                                              :key (lambda (s) (package-name (symbol-package s))) :test #'string=)))
                            (invoke-restart (find-if (lambda (r) (search (package-name (symbol-package winner))
                                                                         (princ-to-string r)))
                                                     (compute-restarts c)))))))
         (use-package "PT-R2" "PT-R3")
         (list (package-name (symbol-package (find-symbol "DUP" "PT-R3")))
               (length (package-use-list "PT-R3"))))
       '("PT-R2" 2))
(check conflict-restarts-listed
       (handler-case (progn (make-package "PT-R4" :use '("PT-R1")) (use-package "PT-R2" "PT-R4"))
         (clove:name-conflict (c) (list (clove:name-conflict-operation c) (length (clove:name-conflict-symbols c)))))
       '(use-package 2))

;;; Package-local nicknames through the CLOVE extension functions; COMMON-LISP
;;; exports nothing beyond the standard's symbols.
(defpackage "PLN-LIBRARY" (:use "CL") (:export "THING"))
(defpackage "PLN-APP" (:use "CL"))
(check add-package-local-nickname
       (progn (clove:add-package-local-nickname "LIB" "PLN-LIBRARY" "PLN-APP")
              (let ((*package* (find-package "PLN-APP")))
                (list (package-name (find-package "LIB"))
                      (mapcar #'car (clove:package-local-nicknames "PLN-APP")))))
       '("PLN-LIBRARY" ("LIB")))
(check remove-package-local-nickname
       (list (clove:remove-package-local-nickname "LIB" "PLN-APP") (clove:package-local-nicknames "PLN-APP"))
       '(t nil))
(check cl-exports-only-standard-symbols (nth-value 1 (find-symbol "PACKAGE-LOCAL-NICKNAMES" "CL")) nil)
