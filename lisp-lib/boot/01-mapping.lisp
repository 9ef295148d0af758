;;;; The mapping functions of CLHS 14 (mapcar, mapc, mapcan, maplist,
;;;; mapl, mapcon), written in Lisp so long maps run in the stackless VM,
;;;; and the positional list accessors SECOND to TENTH.

(in-package "CLOVE-SYSTEM")

(defun %map-lists (function lists collect on-tails)
  ;; Walks LISTS in parallel until one ends. COLLECT is NIL (ignore
  ;; results), :LIST or :NCONC. ON-TAILS passes the tails, not the cars.
  (let ((result nil) (tail nil) (lists (copy-list lists)))
    (tagbody
     next
       (let ((args nil))
         (do ((l lists (cdr l))) ((null l))
           (if (endp (car l)) (go done))
           (setq args (cons (if on-tails (car l) (car (car l))) args)))
         (let ((value (apply function (nreverse args))))
           (do ((l lists (cdr l))) ((null l))
             (rplaca l (cdr (car l))))
           (cond ((eq collect :list)
                  (let ((cell (cons value nil)))
                    (if tail (rplacd tail cell) (setq result cell))
                    (setq tail cell)))
                 ((eq collect :nconc)
                  (if value
                      (progn
                        (if tail (rplacd tail value) (setq result value))
                        (setq tail (last value))))))))
       (go next)
     done)
    result))

(defun mapcar (function list &rest more)
  (if (null more)
      (let ((result nil) (tail nil))
        (do ((l list (cdr l))) ((endp l) result)
          (let ((cell (cons (funcall function (car l)) nil)))
            (if tail (rplacd tail cell) (setq result cell))
            (setq tail cell))))
      (%map-lists function (cons list more) :list nil)))

(defun mapc (function list &rest more)
  (if (null more)
      (do ((l list (cdr l))) ((endp l)) (funcall function (car l)))
      (%map-lists function (cons list more) nil nil))
  list)

(defun mapcan (function list &rest more)
  (%map-lists function (cons list more) :nconc nil))

(defun maplist (function list &rest more)
  (%map-lists function (cons list more) :list t))

(defun mapl (function list &rest more)
  (%map-lists function (cons list more) nil t)
  list)

(defun mapcon (function list &rest more)
  (%map-lists function (cons list more) :nconc t))

(defun second (list) (car (cdr list)))
(defun third (list) (car (cddr list)))
(defun fourth (list) (car (cdddr list)))
(defun fifth (list) (car (cddddr list)))
(defun sixth (list) (nth 5 list))
(defun seventh (list) (nth 6 list))
(defun eighth (list) (nth 7 list))
(defun ninth (list) (nth 8 list))
(defun tenth (list) (nth 9 list))
