;;;; Pathnames (CLHS 19). The pathname object and the Unix and logical
;;;; namestring syntaxes are primitives (crates/runtime/src/pathnames);
;;;; here are the designators, make-pathname, namestrings, merging,
;;;; wildcard matching and translation, logical hosts and #P. The file
;;;; functions are in 09-files.lisp.

(in-package "CLOVE-SYSTEM")

(defvar *default-pathname-defaults* (%parse-unix-namestring "")) ; the current directory once the runtime starts

(defvar *logical-hosts* (make-hash-table :test 'equal)
  "Upcased logical host name -> list of (from-pathname to-pathname).")

;;; --- Designators

(defun %designator-error (x)
  (error 'type-error :datum x :expected-type '(or pathname string file-stream)))

(defun %logical-host-p (name)
  (and (stringp name) (nth-value 1 (gethash (string-upcase name) *logical-hosts*))))

(defun %logical-host-prefix (string start end)
  ;; The host of "HOST:..." when HOST is a registered logical host.
  (let ((colon (position #\: string :start start :end end)))
    (and colon (%logical-host-p (subseq string start colon)) colon)))

(defun %parse-logical (host text original)
  (let ((p (%parse-logical-namestring host text)))
    (if (pathnamep p)
        p
        (error 'parse-error :format-control "~A in the logical namestring ~S"
                                      :format-arguments (list p original)))))

(defun parse-namestring (thing &optional host (default-pathname *default-pathname-defaults*)
                         &key (start 0) end junk-allowed)
  (declare (ignore default-pathname junk-allowed))
  (cond ((pathnamep thing) (values thing start))
        ((streamp thing) (values (pathname thing) start))
        ((stringp thing)
         (let* ((end (or end (length thing)))
                (colon (%logical-host-prefix thing start end)))
           (values (cond (colon (%parse-logical (subseq thing start colon) (subseq thing (1+ colon) end) thing))
                         ((%logical-host-p host) (%parse-logical (string host) (subseq thing start end) thing))
                         (t (%parse-unix-namestring (subseq thing start end))))
                   end)))
        (t (%designator-error thing))))

(defun pathname (x)
  (cond ((pathnamep x) x)
        ((stringp x) (values (parse-namestring x)))
        ((and (streamp x) (%stream-file-name x)) (values (parse-namestring (%stream-file-name x))))
        (t (%designator-error x))))

(defun logical-pathname (x)
  (let ((p (cond ((and (stringp x) (not (%logical-host-prefix x 0 (length x))))
                  (error 'type-error :datum x :expected-type 'logical-pathname))
                 (t (pathname x)))))
    (unless (%logical-pathname-p p)
      (error 'type-error :datum x :expected-type 'logical-pathname))
    p))

;;; --- Components

(defun %common-case (v)
  ;; :case :common (CLHS 19.2.2.1.2.2): all-uppercase <-> all-lowercase.
  (cond ((not (stringp v)) v)
        ((string= v (string-upcase v)) (string-downcase v))
        ((string= v (string-downcase v)) (string-upcase v))
        (t v)))

(defun %field (x i case)
  (let* ((p (pathname x)) (v (%pathname-field p i)))
    (if (and (eq case :common) (not (%logical-pathname-p p)))
        (if (consp v) (mapcar #'%common-case v) (%common-case v))
        v)))

;;; A pathname object's own field, in its local case, is read directly.
(defun pathname-host (p &key (case :local))
  (if (and (pathnamep p) (eq case :local)) (%pathname-field p 0) (%field p 0 case)))
(defun pathname-device (p &key (case :local))
  (if (and (pathnamep p) (eq case :local)) (%pathname-field p 1) (%field p 1 case)))
(defun pathname-directory (p &key (case :local))
  (if (and (pathnamep p) (eq case :local)) (%pathname-field p 2) (%field p 2 case)))
(defun pathname-name (p &key (case :local))
  (if (and (pathnamep p) (eq case :local)) (%pathname-field p 3) (%field p 3 case)))
(defun pathname-type (p &key (case :local))
  (if (and (pathnamep p) (eq case :local)) (%pathname-field p 4) (%field p 4 case)))
(defun pathname-version (p)
  (if (pathnamep p) (%pathname-field p 5) (%field p 5 :local)))

(defun %check-word (v logical)
  (cond ((or (null v) (eq v :wild) (eq v :unspecific)) v)
        ((stringp v) (if logical (string-upcase v) v))
        (t (error 'type-error :datum v :expected-type '(or string (member nil :wild :unspecific))))))

(defun %check-directory (d logical)
  (cond ((null d) nil)
        ((eq d :wild) '(:absolute :wild-inferiors))
        ((stringp d) (list :absolute (if logical (string-upcase d) d)))
        ((and (consp d) (member (car d) '(:absolute :relative)))
         (%remove-backs
          (cons (car d)
               (mapcar (lambda (part)
                         (cond ((member part '(:wild :wild-inferiors :up :back :home)) part)
                               ((stringp part) (if logical (string-upcase part) part))
                               (t (error 'type-error :datum part
                                                     :expected-type '(or string (member :wild :wild-inferiors :up :back :home))))))
                       (cdr d)))))
        (t (error 'type-error :datum d :expected-type '(or list string (member :wild))))))

(defun %check-version (v)
  (if (or (null v) (member v '(:wild :newest :unspecific)) (and (integerp v) (>= v 0)))
      v
      (error 'type-error :datum v :expected-type '(or (integer 0) (member nil :wild :newest :unspecific)))))

(defun make-pathname (&key (host nil host-p) (device nil device-p) (directory nil directory-p)
                           (name nil name-p) (type nil type-p) (version nil version-p)
                           defaults (case :local))
  (let* ((defaults (if defaults (pathname defaults) nil))
         (host (cond (host-p host) (defaults (pathname-host defaults))
                     (t (pathname-host *default-pathname-defaults*))))
         (logical (%logical-host-p host))
         (common (eq case :common))
         ;; What DEFAULTS gives was checked when it was made, for a host of
         ;; the same kind.
         (checked (and defaults (not common)
                       (eq (not logical) (not (%logical-pathname-p defaults))))))
    (when (and host (not logical))
      (unless (stringp host) (error 'type-error :datum host :expected-type '(or string null)))
      (setq host nil))
    (macrolet ((pick (given-p given i)
                 `(if (or ,given-p (null defaults)) ,given (%pathname-field defaults ,i)))
               (fix (v) `(if common (%common-case ,v) ,v))
               (word (given-p given i)
                 `(if (and checked (not ,given-p))
                      (%pathname-field defaults ,i)
                      (%check-word (fix (pick ,given-p ,given ,i)) logical))))
      (%make-pathname (and logical (string-upcase host))
                      (if logical :unspecific (pick device-p device 1))
                      (if (and checked (not directory-p))
                          (%pathname-field defaults 2)
                          (%check-directory (let ((d (pick directory-p directory 2)))
                                              (if (consp d) (mapcar (lambda (v) (fix v)) d) (fix d)))
                                            logical))
                      (word name-p name 3)
                      (word type-p type 4)
                      (%check-version (pick version-p version 5))
                      logical))))

;;; --- Namestrings

(defun %namestring-of (x part)
  (let ((p (pathname x)))
    (or (%unparse p part)
        (error 'file-error :pathname p
                           :format-control "~S has no namestring" :format-arguments (list p)))))

(defun namestring (x) (%namestring-of x :all))
(defun file-namestring (x) (%namestring-of x :file))
(defun directory-namestring (x) (%namestring-of x :directory))
(defun host-namestring (x) (or (pathname-host x) ""))

(defun enough-namestring (x &optional (defaults *default-pathname-defaults*))
  (let* ((p (pathname x)) (d (pathname defaults))
         (pd (pathname-directory p)) (dd (pathname-directory d)))
    (if (and (equal (pathname-host p) (pathname-host d))
             (eq (car pd) :absolute) (eq (car dd) :absolute)
             (<= (length dd) (length pd))
             (equal dd (subseq pd 0 (length dd))))
        (let ((rest (nthcdr (length dd) pd)))
          (namestring (%make-pathname nil nil (and rest (cons :relative rest))
                                      (pathname-name p) (pathname-type p) nil (%logical-pathname-p p))))
        (namestring p))))

;;; --- Merging (CLHS 19.2.3)

(defun %remove-backs (dir)
  ;; "x/:back" cancels out; :back after nothing to cancel stays.
  (let ((out nil))
    (dolist (part dir (nreverse out))
      (if (and (eq part :back) out (stringp (car out)))
          (pop out)
          (push part out)))))

(defun merge-pathnames (pathname &optional (defaults *default-pathname-defaults*) (default-version :newest))
  (let* ((p (pathname pathname))
         (d (pathname defaults))
         ;; A physical pathname object is on the file system's host (which
         ;; clove writes NIL): it never takes a logical host from DEFAULTS,
         ;; and what it takes from logical DEFAULTS is in lower case, as SBCL
         ;; has it.
         (host (if (and (pathnamep pathname) (not (%logical-pathname-p p)))
                   (pathname-host p)
                   (or (pathname-host p) (pathname-host d))))
         (logical (and host (%logical-host-p host) t))
         (lower (and (not logical) (%logical-pathname-p d))))
    (flet ((fix (v) (if (and logical (stringp v)) (string-upcase v) v))
           (from-d (v) (cond ((not lower) v)
                             ((stringp v) (string-downcase v))
                             ((consp v) (mapcar (lambda (x) (if (stringp x) (string-downcase x) x)) v))
                             (t v))))
      (let* ((pdir (pathname-directory p))
             (ddir (from-d (pathname-directory d)))
             (dir (cond ((null pdir) ddir)
                        ((and (eq (car pdir) :relative) (consp ddir))
                         (%remove-backs (append ddir (cdr pdir))))
                        (t pdir)))
             (version (cond ((pathname-version p))
                            ((pathname-name p) default-version)
                            (t (or (pathname-version d) default-version)))))
        (%make-pathname host
                        (cond (logical :unspecific)
                              (lower (pathname-device p))
                              (t (or (pathname-device p) (pathname-device d))))
                        (if (and logical (consp dir)) (mapcar #'fix dir) dir)
                        (fix (or (pathname-name p) (from-d (pathname-name d))))
                        (fix (or (pathname-type p) (from-d (pathname-type d))))
                        version
                        logical)))))

;;; --- Wildcards

(defun %wild-word-p (v)
  (or (member v '(:wild :wild-inferiors))
      (and (stringp v) (or (find #\* v) (find #\? v)))))

(defun wild-pathname-p (pathname &optional field-key)
  (let ((p (pathname pathname)))
    (flet ((wild (i) (let ((v (%pathname-field p i)))
                       (if (consp v) (some #'%wild-word-p v) (%wild-word-p v)))))
      (and (case field-key
             ((nil) (some #'wild '(0 1 2 3 4 5)))
             (:host (wild 0)) (:device (wild 1)) (:directory (wild 2))
             (:name (wild 3)) (:type (wild 4)) (:version (wild 5))
             (t (error 'type-error :datum field-key
                                   :expected-type '(member nil :host :device :directory :name :type :version))))
           t))))

(defun %glob (pattern string i j)
  ;; The pieces `*` and `?` matched when PATTERN[i..] matches STRING[j..],
  ;; or :fail.
  (cond ((= i (length pattern)) (if (= j (length string)) nil :fail))
        ((char= (char pattern i) #\*)
         (do ((k (length string) (1- k)))
             ((< k j) :fail)
           (let ((rest (%glob pattern string (1+ i) k)))
             (unless (eq rest :fail) (return (cons (subseq string j k) rest))))))
        ((= j (length string)) :fail)
        ((char= (char pattern i) #\?)
         (let ((rest (%glob pattern string (1+ i) (1+ j))))
           (if (eq rest :fail) :fail (cons (string (char string j)) rest))))
        ((char= (char pattern i) (char string j)) (%glob pattern string (1+ i) (1+ j)))
        (t :fail)))

(defun %match-word (wild v)
  ;; The list of pieces the wildcard captured, or :fail.
  (cond ((or (null wild) (eq wild :wild)) (list v))
        ((and (stringp wild) (stringp v) (%wild-word-p wild)) (%glob wild v 0 0))
        ((equal wild v) nil)
        (t :fail)))

(defun %match-directory (wild dir)
  ;; Captures of the directory parts after (:absolute ...), or :fail.
  (cond ((null wild) (list (cdr dir)))
        ((not (eq (car wild) (car dir))) :fail)
        (t (%match-parts (cdr wild) (cdr dir)))))

(defun %match-parts (wild parts)
  (cond ((null wild) (if parts :fail nil))
        ((eq (car wild) :wild-inferiors)
         (do ((k (length parts) (1- k)))
             ((< k 0) :fail)
           (let ((rest (%match-parts (cdr wild) (nthcdr k parts))))
             (unless (eq rest :fail) (return (cons (subseq parts 0 k) rest))))))
        ((null parts) :fail)
        ((and (eq (car wild) :wild) (stringp (car parts)))
         (cons (car parts) (%match-parts (cdr wild) (cdr parts))))
        (t (let ((here (%match-word (car wild) (car parts))))
             (if (eq here :fail)
                 :fail
                 (let ((rest (%match-parts (cdr wild) (cdr parts))))
                   (if (eq rest :fail) :fail (append here rest))))))))

(defun %matches (p w)
  ;; Captures per field (directory, name, type, version), or :fail.
  (let ((dir (%match-directory (pathname-directory w) (pathname-directory p)))
        (name (%match-word (pathname-name w) (pathname-name p)))
        (type (%match-word (pathname-type w) (pathname-type p)))
        (version (if (member (pathname-version w) '(nil :wild :newest))
                     (list (pathname-version p))
                     (%match-word (pathname-version w) (pathname-version p)))))
    (if (or (eq dir :fail) (eq name :fail) (eq type :fail) (eq version :fail)
            (and (pathname-host w) (not (equal (pathname-host w) (pathname-host p)))))
        :fail
        (list dir name type version))))

(defun pathname-match-p (pathname wildcard)
  (not (eq (%matches (pathname pathname) (pathname wildcard)) :fail)))

(defun %fill-word (to pieces source downcase)
  ;; TO with its wildcards replaced by the captured PIECES.
  (flet ((piece (x) (if (and downcase (stringp x)) (string-downcase x) x)))
    (cond ((null to) (piece source))
          ((eq to :wild) (if (and pieces (every #'stringp pieces) (cdr pieces))
                             (piece (apply #'concatenate 'string pieces))
                             (piece (if pieces (car pieces) source))))
          ((and (stringp to) (%wild-word-p to))
           (with-output-to-string (s)
             (loop for c across to
                   do (if (member c '(#\* #\?))
                          (let ((x (pop pieces))) (when x (princ (piece x) s)))
                          (write-char c s)))))
          (t to))))

(defun %fill-directory (to captures source downcase)
  (if (null to)
      source
      (cons (car to)
            (loop for part in (cdr to)
                  append (cond ((eq part :wild-inferiors)
                                (let ((c (pop captures)))
                                  (mapcar (lambda (x) (if (and downcase (stringp x)) (string-downcase x) x))
                                          (if (listp c) c (list c)))))
                               ((%wild-word-p part)
                                (let ((c (pop captures)))
                                  (list (%fill-word part (if (listp c) c (list c)) nil downcase))))
                               (t (list part)))))))

(defun translate-pathname (source from-wildcard to-wildcard &key)
  (let* ((p (pathname source)) (from (pathname from-wildcard)) (to (pathname to-wildcard))
         (m (%matches p from))
         (downcase (and (%logical-pathname-p p) (not (%logical-pathname-p to)))))
    (when (eq m :fail)
      (error 'simple-error :format-control "~S does not match ~S" :format-arguments (list p from)))
    (destructuring-bind (dir name type version) m
      (%make-pathname (pathname-host to) (pathname-device to)
                      (%fill-directory (pathname-directory to) dir (pathname-directory p) downcase)
                      (%fill-word (pathname-name to) name (pathname-name p) downcase)
                      (%fill-word (pathname-type to) type (pathname-type p) downcase)
                      (let ((v (pathname-version to)))
                        (if (member v '(nil :wild)) (pathname-version p) v))
                      (%logical-pathname-p to)))))

;;; --- Logical pathnames (CLHS 19.3)

(defun %check-host (host)
  (unless (stringp host) (error 'type-error :datum host :expected-type 'string))
  (string-upcase host))

(defun logical-pathname-translations (host)
  (multiple-value-bind (translations found) (gethash (%check-host host) *logical-hosts*)
    (unless found
      (error 'type-error :datum host :expected-type 'logical-host-designator))
    (mapcar (lambda (tr) (list (third tr) (fourth tr))) translations)))

(defun %set-logical-pathname-translations (host translations)
  (let ((host (%check-host host)))
    (unless (nth-value 1 (gethash host *logical-hosts*))
      (setf (gethash host *logical-hosts*) nil))
    (setf (gethash host *logical-hosts*)
          (mapcar (lambda (tr)
                    (list (let ((from (first tr)))
                            (if (pathnamep from) from (%parse-logical host (string from) from)))
                          (pathname (second tr))
                          (first tr) (second tr)))
                  translations))
    translations))

(defsetf logical-pathname-translations %set-logical-pathname-translations)

(defun translate-logical-pathname (pathname &key)
  (let ((p (pathname pathname)))
    (if (not (%logical-pathname-p p))
        p
        (dolist (tr (gethash (pathname-host p) *logical-hosts*)
                    (error 'file-error :pathname p
                                       :format-control "no translation for the logical pathname ~S"
                                       :format-arguments (list p)))
          (when (pathname-match-p p (first tr))
            (return (translate-logical-pathname (translate-pathname p (first tr) (second tr)))))))))

(defun load-logical-pathname-translations (host)
  ;; A known host needs nothing; otherwise its translations are read from
  ;; SYS:SITE;HOST.TRANSLATIONS when the SYS host is defined.
  (let ((host (%check-host host)))
    (cond ((%logical-host-p host) nil)
          ((and (%logical-host-p "SYS")
                (probe-file (format nil "SYS:SITE;~A.TRANSLATIONS" host)))
           (with-open-stream (s (%open-input-file
                                 (%native (format nil "SYS:SITE;~A.TRANSLATIONS" host))))
             (setf (logical-pathname-translations host) (read s)))
           t)
          (t (error 'file-error :pathname host
                                :format-control "logical host ~S is not defined and has no translations file"
                                :format-arguments (list host))))))

;;; --- #P (CLHS 2.4.8.14)

(defun %sharp-p (stream char arg)
  (declare (ignore char arg))
  (let ((namestring (read stream t nil t)))
    (cond (*read-suppress* nil)
          ((stringp namestring) (pathname namestring))
          (t (error 'reader-error :stream stream
                                  :format-control "#P needs a string, not ~S"
                                  :format-arguments (list namestring))))))

(set-dispatch-macro-character #\# #\P #'%sharp-p)
(set-dispatch-macro-character #\# #\P #'%sharp-p *standard-readtable*)
