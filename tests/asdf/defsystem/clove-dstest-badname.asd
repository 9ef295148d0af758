;;;; Defines a system not named after this file: ASDF warns (bad-system-name).

(defsystem "clove-dstest-badname")
(defsystem "clove-dstest-badname/ok")
(defsystem "clove-dstest-not-badname")
