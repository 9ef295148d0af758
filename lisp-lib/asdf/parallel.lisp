;;;; Parallel builds (clove's addition, the POIU idea): a scheduler that
;;;; performs a plan's actions with some of them (compiling a file) done in
;;;; forked worker processes, several at once, while this process does the
;;;; others (loading fasls) in the plan's order. A worker is a copy of this
;;;; process made when what the file needs is loaded; its output is shown
;;;; here when it ends, and what its compilation unit would report
;;;; (undefined functions...) is handed back.
;;;; Real systems often need more than they declare (a file using what an
;;;; earlier, undeclared one defines: ASDF's serial order hides it). A
;;;; worker started before every action that comes earlier in the plan was
;;;; done is therefore speculative: its result is taken only at its turn in
;;;; the plan, if it failed not, warned not and *FEATURES* is as it was when
;;;; it started; otherwise the action is performed again here, at its turn,
;;;; as a serial build would perform it.
;;;; The scheduler knows nothing of ASDF: plan.lisp tells it what each
;;;; action is and how to perform it.

(uiop:define-package :asdf/parallel
  (:use :uiop/common-lisp :uiop)
  (:export #:build-jobs #:run-actions))

(in-package :asdf/parallel)

(export (intern "*BUILD-JOBS*" :clove) :clove)

(defvar clove:*build-jobs* :processors
  "How many files a build may compile at once, each in a forked worker process: a
positive integer, or :PROCESSORS (the default) for as many as the processors this
process may use. NIL or 1: every action in this process, one after the other.")

(defun build-jobs ()
  "The number of workers CLOVE:*BUILD-JOBS* allows (at least 1)."
  (let ((n (case clove:*build-jobs*
             ((nil) 1)
             (:processors (clove-system::%processor-count))
             (t clove:*build-jobs*))))
    (if (and (integerp n) (plusp n)) n 1)))

(defstruct (worker (:constructor make-worker (action pid out err data)))
  action pid out err data
  ;; Whether every action earlier in the plan was done when it started, and
  ;; *FEATURES* then.
  exact features)

(defun temporary-file (prefix)
  "A new, empty temporary file, kept."
  (with-temporary-file (:pathname p :keep t :prefix prefix) p))

(defun fork-worker (action perform)
  "Starts a worker that calls PERFORM on ACTION; returns the worker."
  (let ((out (temporary-file "clove-worker-out"))
        (err (temporary-file "clove-worker-err"))
        (data (temporary-file "clove-worker-data")))
    ;; Nothing this process has buffered may be written by the copy too.
    (finish-outputs)
    (let ((pid (clove-system::%fork)))
      (when (zerop pid)
        (run-in-worker action perform out err data))
      (make-worker action pid out err data))))

(defun run-in-worker (action perform out err data)
  "The worker's life: PERFORM on ACTION with its output going to the files OUT and
ERR, the value PERFORM returns written to DATA; it ends with status 0 if that
succeeded, 1 otherwise, and never returns (no unwinding leaves it: the cleanup ends
the process)."
  (let ((status 1))
    (unwind-protect
         (with-open-file (o out :direction :output :if-exists :supersede)
           (with-open-file (e err :direction :output :if-exists :supersede)
             (let ((*standard-output* o) (*error-output* e) (*trace-output* o))
               (handler-case
                   (let ((result (funcall perform action)))
                     (with-open-file (d data :direction :output :if-exists :supersede)
                       (with-safe-io-syntax ()
                         (let ((*read-eval* t))
                           (write result :stream d :readably t))))
                     (setf status 0))
                 (serious-condition (c)
                   (ignore-errors (format e "~&~A~%" c)))))))
      (clove-system::%exit-worker status))))

(defun worker-result (worker code)
  "The ended worker's result: whether it succeeded, its output and error output,
and the value its PERFORM returned, as a list; removes its files."
  (let ((ok (eql code 0))
        (out (read-file-string (worker-out worker)))
        (err (read-file-string (worker-err worker)))
        (data (ignore-errors
               (with-safe-io-syntax ()
                 (let ((*read-eval* t))
                   (read-file-form (worker-data worker)))))))
    (mapc #'delete-file-if-exists (list (worker-out worker) (worker-err worker) (worker-data worker)))
    (list ok out err data)))

(defun run-actions (actions &key (jobs (build-jobs)) dependencies kind perform-here
                              perform-in-worker worker-done speculation-ok started)
  "Performs ACTIONS, given in an order where each comes after the actions it depends
on (DEPENDENCIES returns those of an action; others than ACTIONS are done already).
KIND says how an action is done: :WORKER (by PERFORM-IN-WORKER in a forked worker,
up to JOBS at once, in any order), :FREE (by PERFORM-HERE in this process, in any
order: it has no effect on the image) or :ORDERED (by PERFORM-HERE, in the order of
ACTIONS). When a worker ends, WORKER-DONE is called with its action, whether it
succeeded, its output, its error output and what PERFORM-IN-WORKER returned; for a
worker started before every action earlier in ACTIONS was done, that happens at the
action's turn, and it succeeded only if SPECULATION-OK accepts its output, error
output and value and *FEATURES* did not change. STARTED (if given) is called with
each action when it is started."
  (let* ((n (length actions))
         (actions (coerce actions 'vector))
         (kinds (map 'vector kind actions))
         (index (make-hash-table :test 'equal))
         (waiting-for (make-array n :initial-element 0))
         (dependents (make-array n :initial-element nil))
         (ready-workers '())
         (ready-free '())
         (next-ordered 0)
         (running '())
         ;; Speculative workers ended, waiting for their turn: (index . result).
         (pending '()))
    (dotimes (i n) (setf (gethash (aref actions i) index) i))
    (dotimes (i n)
      (dolist (d (funcall dependencies (aref actions i)))
        (let ((j (gethash d index)))
          (when (and j (< j i) (not (member i (aref dependents j))))
            (incf (aref waiting-for i))
            (push i (aref dependents j))))))
    (labels ((make-ready (i)
               (case (aref kinds i)
                 (:worker (setf ready-workers (merge 'list (list i) ready-workers #'<)))
                 (:free (push i ready-free))))
             (finish (i)
               (setf (aref kinds i) :done)
               (dolist (d (aref dependents i))
                 (when (zerop (decf (aref waiting-for d)))
                   (make-ready d))))
             (here (i)
               (when started (funcall started (aref actions i)))
               (funcall perform-here (aref actions i))
               (finish i))
             (done (i result)
               (apply worker-done (aref actions i) result)
               (finish i))
             (reap (status)
               ;; STATUS: a worker's pid, exit code and signal.
               (let* ((w (find (first status) running :key #'worker-pid))
                      (i (gethash (worker-action w) index))
                      (result (worker-result w (second status))))
                 (setf running (remove w running))
                 (if (worker-exact w)
                     (done i result)
                     (push (cons i (cons w result)) pending))))
             (take-turns ()
               ;; The pending results whose turn has come, in plan order.
               (next-ordered)
               (setf pending (sort pending #'< :key #'car))
               (loop :while (and pending (< (car (first pending)) next-ordered))
                     :do (destructuring-bind (i w ok out err data) (pop pending)
                           (done i (list (and ok
                                              (equal (worker-features w) *features*)
                                              (funcall speculation-ok out err data))
                                         out err data)))))
             (next-ordered ()
               (loop :while (and (< next-ordered n) (not (eq (aref kinds next-ordered) :ordered)))
                     :do (incf next-ordered))
               (and (< next-ordered n) (zerop (aref waiting-for next-ordered)) next-ordered)))
      (dotimes (i n)
        (when (zerop (aref waiting-for i)) (make-ready i)))
      (unwind-protect
           (loop
             (loop :for status = (and running
                                      (clove-system::%wait-worker (mapcar #'worker-pid running) nil))
                   :while status :do (reap status))
             (take-turns)
             ;; A lone compilation with nothing else to do meanwhile is done
             ;; here: a worker would only add its cost (a chain of files
             ;; that each need the one before builds as a serial build).
             (when (and ready-workers (null (rest ready-workers)) (null running)
                        (null ready-free) (null (next-ordered)))
               (here (pop ready-workers)))
             ;; Workers first, so they run while this process works.
             (loop :while (and ready-workers (< (length running) jobs))
                   :do (let ((i (pop ready-workers)))
                         (when started (funcall started (aref actions i)))
                         (next-ordered)
                         (let ((w (fork-worker (aref actions i) perform-in-worker)))
                           (setf (worker-exact w) (< i next-ordered)
                                 (worker-features w) (copy-list *features*))
                           (push w running))
                         (setf (aref kinds i) :running)))
             (let ((ordered (next-ordered)))
               (cond (ready-free (here (pop ready-free)))
                     (ordered (here ordered))
                     (running
                      ;; Nothing to do here: wait for a worker to end.
                      (let ((status (clove-system::%wait-worker (mapcar #'worker-pid running) t)))
                        (when status (reap status))))
                     (pending (error "The build cannot go on: a compiled file waits for its turn."))
                     ((every (lambda (k) (eq k :done)) kinds) (return))
                     (t (error "The build cannot go on: no action is ready.")))))
        ;; Leaving early (an error, an abort): no worker outlives the build.
        (dolist (w running)
          (clove-system::%kill-worker (worker-pid w))
          (mapc #'delete-file-if-exists (list (worker-out w) (worker-err w) (worker-data w))))))))
