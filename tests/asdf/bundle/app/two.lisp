(in-package :bundle-app)
(defun run () (+ (one) (twice 100)))
(note :app-two)
