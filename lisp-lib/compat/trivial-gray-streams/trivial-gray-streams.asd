;;;; clove's own trivial-gray-streams: the packages and API of
;;;; trivial-gray-streams 2.0 written on clove's Gray streams (CLOVE-GRAY),
;;;; since the original refuses a Lisp it does not know. The defsystem
;;;; prefers this system to one found on disk (docs/libraries.md).

(defsystem "trivial-gray-streams"
  :description "clove's implementation of trivial-gray-streams, the Gray streams compatibility layer."
  :version "2.0"
  :serial t
  :components ((:file "package") (:file "streams")))
