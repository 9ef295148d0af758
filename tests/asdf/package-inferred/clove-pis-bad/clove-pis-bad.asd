;;;; A package-inferred system whose files cannot be loaded.

(defsystem "clove-pis-bad" :class :package-inferred-system)
