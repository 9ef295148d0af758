;;;; Weak hash tables (:weakness, as in SBCL): an entry stays while the
;;;; side(s) its weakness names are alive elsewhere; a :key table's value
;;;; does not keep its key alive (ephemerons). Collections are brought
;;;; about by allocating until the entries go (or a bound is reached).

(in-package "CLOVE-TEST")

(defvar *weak-kept* (list :kept))

(defun weak-tables-filled ()
  (let ((k (make-hash-table :weakness :key :test 'eq))
        (v (make-hash-table :weakness :value))
        (kv (make-hash-table :weakness :key-and-value :test 'eq))
        (k-or-v (make-hash-table :weakness :key-or-value :test 'eq))
        (strong (make-hash-table :test 'eq)))
    (dotimes (i 200)
      (let ((key (list :k i)))
        (setf (gethash key k) (list key))          ; the value holds the key
        (setf (gethash i v) (list i))
        (setf (gethash (list i) kv) *weak-kept*)
        (setf (gethash key k-or-v) (if (< i 5) *weak-kept* (list key)))
        (setf (gethash (list i) strong) i)))
    (setf (gethash *weak-kept* k) :kept-key)
    (setf (gethash 1000 v) *weak-kept*)
    (setf (gethash *weak-kept* kv) *weak-kept*)
    (list k v kv k-or-v strong)))

(defun weak-counts-after-collections (tables)
  ;; Allocates until every weak table has shed its dead entries (at most
  ;; some hundred million words).
  (loop repeat 400
        until (every (lambda (n) (< n 10)) (mapcar #'hash-table-count (butlast tables)))
        do (let ((l nil)) (dotimes (i 20000) (push (make-list 8) l))))
  (mapcar #'hash-table-count tables))

(check weak-tables-shed-dead-entries
       (let ((tables (weak-tables-filled)))
         (list (weak-counts-after-collections tables)
               (gethash *weak-kept* (first tables))
               (gethash 1000 (second tables))
               (gethash *weak-kept* (third tables))))
       ;; The :key table keeps *weak-kept* and the 5 keys that the
       ;; :key-or-value table keeps alive (their value is *weak-kept*).
       '((6 1 1 5 200) :kept-key (:kept) (:kept)))
(check hash-table-weakness
       (mapcar (lambda (w) (clove:hash-table-weakness (make-hash-table :weakness w)))
               '(nil :key :value :key-and-value :key-or-value))
       '(nil :key :value :key-and-value :key-or-value))
(check-error weakness-must-be-known (make-hash-table :weakness :sometimes) type-error)
