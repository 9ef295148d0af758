;;;; Streams (CLHS 21) in memory: string streams, the composite streams
;;;; and their accessors, sequences, positions, element types, listen and
;;;; the errors of closed streams and end of file. Expected values are
;;;; SBCL's. File streams are tested on a real directory in
;;;; crates/clove/tests/streams.rs.

(in-package "CLOVE-TEST")

;;; --- Two-way and echo streams

(check two-way-reads-and-writes
  (let* ((in (make-string-input-stream "ab")) (out (make-string-output-stream))
         (s (make-two-way-stream in out)))
    (write-string "xy" s)
    (list (read-char s) (eq (two-way-stream-input-stream s) in) (eq (two-way-stream-output-stream s) out)
          (get-output-stream-string out) (typep s 'two-way-stream) (input-stream-p s) (output-stream-p s)))
  '(#\a t t "xy" t t t))
(check-error two-way-needs-input (make-two-way-stream (make-string-output-stream) (make-string-output-stream)) type-error)
(check-error two-way-needs-output (make-two-way-stream (make-string-input-stream "") (make-string-input-stream "")) type-error)
(check-error two-way-accessor-type (two-way-stream-input-stream (make-string-input-stream "")) type-error)

(check echo-copies-what-is-read
  (let* ((out (make-string-output-stream))
         (s (make-echo-stream (make-string-input-stream "hi there") out)))
    (list (read s) (eq (echo-stream-output-stream s) out) (get-output-stream-string out)
          (typep s 'echo-stream) (streamp (echo-stream-input-stream s))))
  '(hi t "hi " t t))
(check-error echo-accessor-type (echo-stream-output-stream (make-string-output-stream)) type-error)
(check-error echo-needs-streams (make-echo-stream 1 2) type-error)

;;; --- Concatenated and broadcast streams

(check concatenated-reads-each-in-turn
  (let ((s (make-concatenated-stream (make-string-input-stream "ab") (make-string-input-stream "")
                                     (make-string-input-stream "c"))))
    (list (read-line s) (length (concatenated-stream-streams s)) (read-char s nil :eof)
          (concatenated-stream-streams s)))
  '("abc" 0 :eof nil))
(check concatenated-empty (read-char (make-concatenated-stream) nil :eof) :eof)
(check-error concatenated-needs-input (make-concatenated-stream (make-string-output-stream)) type-error)
(check-error concatenated-accessor-type (concatenated-stream-streams (make-broadcast-stream)) type-error)

(check broadcast-writes-to-all
  (let* ((a (make-string-output-stream)) (b (make-string-output-stream))
         (s (make-broadcast-stream a b)))
    (format s "x~D" 1)
    (list (get-output-stream-string a) (get-output-stream-string b)
          (equal (broadcast-stream-streams s) (list a b)) (typep s 'broadcast-stream)))
  '("x1" "x1" t t))
(check broadcast-empty-discards
  (let ((s (make-broadcast-stream))) (list (write-string "gone" s) (stream-element-type s)))
  '("gone" t))
(check-error broadcast-needs-output (make-broadcast-stream (make-string-input-stream "")) type-error)

;;; --- Synonym streams (their direction is their target's)

(defvar *syn-target*)
(check synonym-follows-the-variable
  (let ((s (make-synonym-stream '*syn-target*)))
    (list (let ((*syn-target* (make-string-input-stream "q"))) (read-char s))
          (synonym-stream-symbol s) (typep s 'synonym-stream)))
  '(#\q *syn-target* t))
(check-error synonym-needs-symbol (make-synonym-stream "X") type-error)
(check-error synonym-accessor-type (synonym-stream-symbol *standard-output*) type-error)

;;; --- Sequences

(check read-sequence-string
  (let ((buf (make-string 5 :initial-element #\-)))
    (list (read-sequence buf (make-string-input-stream "abc") :start 1) buf))
  '(4 "-abc-"))
(check read-sequence-list
  (let ((l (list 0 0 0))) (list (read-sequence l (make-string-input-stream "xyz") :end 2) l))
  '(2 (#\x #\y 0)))
(check write-sequence-bounds
  (with-output-to-string (s) (write-sequence "abcdef" s :start 2 :end 4))
  "cd")
(check write-sequence-returns-sequence
  (let ((v (vector #\a #\b))) (eq v (write-sequence v (make-broadcast-stream))))
  t)
(check-error read-sequence-bad-end (read-sequence (make-string 2) (make-string-input-stream "abc") :end 3) type-error)
(check-error write-sequence-bad-start (write-sequence "ab" (make-string-output-stream) :start 3) type-error)

;;; --- Positions, element types, external formats

(check string-input-positions
  (let ((s (make-string-input-stream "hello")))
    (list (file-position s) (read-char s) (file-position s) (file-position s 3) (read-char s)
          (file-position s :start) (read-char s)))
  '(0 #\h 1 t #\l t #\h))
(check string-output-position
  (let ((s (make-string-output-stream))) (write-string "abc" s) (file-position s))
  3)
(check string-stream-element-type (stream-element-type (make-string-input-stream "")) 'character)
(check string-stream-external-format (stream-external-format (make-string-output-stream)) :default)
(check-error file-length-needs-file-stream (file-length (make-string-output-stream)) type-error)
(check-error read-byte-on-character-stream (read-byte (make-string-input-stream "a")) error)

;;; --- Listen, no-hang reads, clearing

(check listen-sees-characters
  (let ((s (make-string-input-stream "a")))
    (list (listen s) (read-char s) (listen s) (read-char-no-hang s nil :eof)))
  '(t #\a nil :eof))
(check clear-input-returns-nil (clear-input (make-string-input-stream "abc")) nil)
(check clear-output-returns-nil (clear-output (make-string-output-stream)) nil)
(check finish-output-returns-nil (list (finish-output (make-string-output-stream)) (force-output (make-string-output-stream))) '(nil nil))
(check interactive-string-stream (interactive-stream-p (make-string-input-stream "")) nil)

;;; --- Closed streams and end of file

(check close-returns-true
  (let ((s (make-string-input-stream "a"))) (list (open-stream-p s) (close s) (open-stream-p s) (close s :abort t)))
  '(t t nil t))
(check-error read-closed-stream (let ((s (make-string-input-stream "a"))) (close s) (read-char s)) stream-error)
(check-error write-closed-stream (let ((s (make-string-output-stream))) (close s) (write-char #\a s)) stream-error)
(check-error read-past-end (read-char (make-string-input-stream "")) end-of-file)
(check read-past-end-value (read-char (make-string-input-stream "") nil 'done) 'done)
(check-error close-bad-key (close (make-string-input-stream "") :bogus t) program-error)
(check synonym-direction-follows-target
  (let ((*syn-target* (make-string-input-stream "")))
    (let ((s (make-synonym-stream '*syn-target*))) (list (input-stream-p s) (output-stream-p s))))
  '(t nil))
(check read-line-eof-missing-newline
  (multiple-value-list (read-line (make-concatenated-stream (make-string-input-stream "")) nil :eof))
  '(:eof t))
(check broadcast-answers-for-last-component
  (let ((o (make-string-output-stream)))
    (write-string "ab" o)
    (list (file-position (make-broadcast-stream)) (file-position (make-broadcast-stream o))
          (file-string-length (make-broadcast-stream) "abc")))
  '(0 2 1))
(check peek-char-on-echo-stream-echoes-only-what-is-read
  (with-input-from-string (is "  ab")
    (let* ((os (make-string-output-stream)) (es (make-echo-stream is os)))
      (list (peek-char nil es) (get-output-stream-string os)
            (peek-char t es) (read-char es) (get-output-stream-string os))))
  '(#\Space "" #\a #\a "  a"))

(check peek-char-t-follows-the-readtable
       (let ((*readtable* (copy-readtable)))
         (set-syntax-from-char #\x #\Space)
         (with-input-from-string (*standard-input* "xx a")
           (list (peek-char t) (read-char))))
       '(#\a #\a))
