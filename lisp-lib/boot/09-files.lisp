;;;; Files (CLHS 20): probe-file, truename, directory, creating, renaming
;;;; and deleting files, their dates and authors. Designators are merged
;;;; with *DEFAULT-PATHNAME-DEFAULTS* and translated to physical pathnames;
;;;; the file system calls are primitives (builtins/files.rs).

(in-package "CLOVE-SYSTEM")

(defun %physical (x)
  ;; The physical pathname a designator names: merged, translated, and
  ;; with a (:absolute :home ...) directory under the home directory.
  (let* ((p (translate-logical-pathname (merge-pathnames (pathname x))))
         (dir (pathname-directory p)))
    (if (eq (cadr dir) :home)
        (make-pathname :directory (append (pathname-directory (user-homedir-pathname)) (cddr dir))
                       :defaults p)
        p)))

(defun %native (x)
  ;; The OS namestring of the file X names (no wildcards allowed).
  (let ((p (%physical x)))
    (when (wild-pathname-p p)
      (error 'file-error :pathname p :format-control "~S is wild" :format-arguments (list p)))
    (namestring p)))

(defun probe-file (pathspec)
  (let ((real (%probe (%native pathspec))))
    (and real (pathname real))))

(defun truename (pathspec)
  (or (probe-file pathspec)
      (error 'file-error :pathname pathspec
                         :format-control "the file ~S does not exist" :format-arguments (list pathspec))))

(defun delete-file (file)
  (let ((p (%physical file)))
    (unless (probe-file p)
      (error 'file-error :pathname file
                         :format-control "can't delete ~S: no such file" :format-arguments (list file)))
    (%delete-file (%native p) p)))

(defun rename-file (file new-name)
  (let* ((old (truename file))
         (new (merge-pathnames new-name (%physical file))))
    (%rename-file (%native old) (%native new) file)
    (values new old (truename new))))

(defun file-write-date (pathspec) (%file-write-date (%native pathspec) pathspec))
(defun file-author (pathspec) (%file-author (%native pathspec) pathspec))

(defun user-homedir-pathname (&optional host)
  (declare (ignore host))
  (pathname (%home-directory)))

(defun ensure-directories-exist (pathspec &key verbose (mode #o777))
  ;; MODE (as SBCL's): the permissions of the directories created, less the umask.
  (let* ((p (%physical pathspec))
         (dir (pathname-directory p))
         (created nil))
    (when (wild-pathname-p p :directory)
      (error 'file-error :pathname p :format-control "~S is wild" :format-arguments (list p)))
    (loop for i from 2 to (length dir)
          do (let ((sub (namestring (%make-pathname nil nil (subseq dir 0 i) nil nil nil nil))))
               (when (%make-directory sub pathspec mode)
                 (setq created t)
                 (when verbose (format t "~&; created directory ~A~%" sub)))))
    (values pathspec created)))

;;; directory: the directory part is expanded level by level, then the
;;; entries of each directory found are matched against name and type.

(defun %expand-directory (dirs part)
  (cond ((eq part :wild-inferiors)
         (let ((out nil) (seen nil))
           (labels ((walk (d)
                      (let ((real (%probe d)))
                        (unless (member real seen :test #'equal)
                          (push real seen)
                          (push d out)
                          (dolist (e (%list-directory d))
                            (let ((sub (concatenate 'string d e "/")))
                              (when (eq (%file-kind sub) :directory) (walk sub))))))))
             (mapc #'walk dirs))
           (nreverse out)))
        ((%wild-word-p part)
         (loop for d in dirs
               append (loop for e in (%list-directory d)
                            for sub = (concatenate 'string d e "/")
                            when (and (not (eq (%match-word part e) :fail))
                                      (eq (%file-kind sub) :directory))
                              collect sub)))
        (t (let ((word (if (member part '(:up :back)) ".." part)))
             (loop for d in dirs
                   for sub = (concatenate 'string d word "/")
                   when (eq (%file-kind sub) :directory) collect sub)))))

(defun directory (pathspec &key (resolve-symlinks t))
  (let* ((p (%physical pathspec))
         (dir (or (pathname-directory p) '(:relative)))
         (dirs (list (if (eq (car dir) :absolute) "/" "./")))
         (found nil))
    ;; :back or :up right after a wildcard, or right after the root, names
    ;; no directory (CLHS 19.2.2.4.3).
    (when (and (eq (car dir) :absolute) (member (car (cdr dir)) '(:back :up)))
      (error 'file-error :pathname pathspec
                         :format-control "~S: ~S right after the root directory is not allowed."
                         :format-arguments (list pathspec (car (cdr dir)))))
    (do ((d (cdr dir) (cdr d))) ((null (cdr d)))
      (when (and (member (car d) '(:wild :wild-inferiors)) (member (car (cdr d)) '(:back :up)))
        (error 'file-error :pathname pathspec
                           :format-control "~S: ~S after ~S in a directory is not allowed."
                           :format-arguments (list pathspec (car (cdr d)) (car d)))))
    (dolist (part (cdr dir))
      (setq dirs (%expand-directory dirs part)))
    (if (and (null (pathname-name p)) (null (pathname-type p)))
        (setq found dirs)
        (dolist (d dirs)
          (dolist (e (%list-directory d))
            (let ((entry (%parse-unix-namestring e)))
              (when (and (not (eq (%match-word (pathname-name p) (pathname-name entry)) :fail))
                         (or (null (pathname-type p))
                             (not (eq (%match-word (pathname-type p) (pathname-type entry)) :fail))))
                (let ((full (concatenate 'string d e)))
                  (push (if (eq (%file-kind full) :directory) (concatenate 'string full "/") full)
                        found)))))))
    ;; Resolving symbolic links may name a file twice: kept once (a hash
    ;; table, as a directory may have thousands of entries).
    (let ((result nil) (seen (make-hash-table :test 'equal)))
      (dolist (name (if (eq found dirs) found (nreverse found)) (nreverse result))
        (let ((path (if resolve-symlinks (%probe name) name)))
          (when (and path (not (gethash path seen)))
            (setf (gethash path seen) t)
            (push (pathname path) result)))))))
