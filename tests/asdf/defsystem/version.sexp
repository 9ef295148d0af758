;; The version of clove-dstest-grammar, read by its :version form.
"4.5.6"
"7.8.9"
