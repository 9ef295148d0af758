;;;; The features trivial-features specifies. clove's *FEATURES* has them
;;;; from the start, for the machine it was built for (crates/runtime/src/
;;;; reader/mod.rs); this checks them, and adds what follows from the
;;;; operating system clove runs on should one be missing.

(in-package :cl-user)

(let ((os (uiop:operating-system)))
  (dolist (feature (cond ((eq os :windows) '(:windows))
                         (t (append '(:unix)
                                    (and os (not (eq os :unix)) (list os))
                                    (and (member os '(:darwin :freebsd :netbsd :openbsd)) '(:bsd))))))
    (pushnew feature *features*)))

(unless (or (member :little-endian *features*) (member :big-endian *features*))
  (error "clove's *FEATURES* names no byte order."))
(unless (or (member :64-bit *features*) (member :32-bit *features*))
  (error "clove's *FEATURES* names no register size."))
