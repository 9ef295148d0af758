;;;; UIOP/LAUNCH-PROGRAM and UIOP/RUN-PROGRAM: quoting for the shell,
;;;; running programs with each kind of input and output, exit codes and
;;;; signals, live pipes, large outputs. Expected values are what SBCL +
;;;; UIOP 3.3.6 answers.

(in-package "CLOVE-TEST")

(defvar *scratch* (merge-pathnames (format nil "clove-run-program-test-~D/" (random 1000000000 (make-random-state t)))
                                   (uiop:temporary-directory)))
(ensure-directories-exist *scratch*)
(defun scratch (name) (merge-pathnames name *scratch*))

;;; --- Quoting

(check escape-sh-token-easy (uiop:escape-sh-token "abc-1.2_x/y:z=%@+,") "abc-1.2_x/y:z=%@+,")
(check escape-sh-token-quoted (uiop:escape-sh-token "a b$c`d\\e\"f") "\"a b\\$c\\`d\\\\e\\\"f\"")
(check escape-sh-token-empty (uiop:escape-sh-token "") "")
(check escape-sh-token-to-stream
       (with-output-to-string (s) (uiop:escape-sh-token "x y" s) (uiop:escape-sh-token "z" s))
       "\"x y\"z")
(check escape-sh-command (uiop:escape-sh-command '("echo" "a b" "it's")) "echo \"a b\" \"it's\"")
(check escape-sh-command-string (uiop:escape-sh-command "ls -l") "ls -l")
(check escape-shell-command (uiop:escape-shell-command '("a" "b c")) "a \"b c\"")
(check escape-shell-token (uiop:escape-shell-token "$HOME") "\"\\$HOME\"")
(check escape-windows-token (list (uiop:escape-windows-token "plain") (uiop:escape-windows-token "a b")
                                  (uiop:escape-windows-token "say \"hi\"") (uiop:escape-windows-token "dir\\ x\\"))
       '("plain" "\"a b\"" "\"say \\\"hi\\\"\"" "\"dir\\ x\\\\\""))
(check escape-windows-command (uiop:escape-windows-command '("a" "b\\\"c" "d e\\\\"))
       "a \"b\\\\\\\"c\" \"d e\\\\\\\\\"")
(check easy-sh-character-p (mapcar #'uiop:easy-sh-character-p '(#\a #\% #\Space #\$ #\'))
       '(t #\% nil nil nil))
(check escape-token-bad-chars
       (list (uiop:escape-token "abc" :bad-chars "x" :escaper (lambda (tok s) (format s "<~A>" tok)))
             (uiop:escape-token "axc" :bad-chars "x" :escaper (lambda (tok s) (format s "<~A>" tok))))
       '("abc" "<axc>"))
(check-error escape-token-both-criteria (uiop:escape-token "a" :good-chars "a" :bad-chars "b") uiop:parameter-error)
(check-error escape-command-not-a-command (uiop:escape-command 42) type-error)

;;; --- Each kind of output

(check-values output-default-nil (uiop:run-program "echo hi") nil nil 0)
(check-values output-string (uiop:run-program "echo hello; echo world" :output :string)
              (format nil "hello~%world~%") nil 0)
(check-values output-cl-string (uiop:run-program '("printf" "a\\nb") :output 'string) (format nil "a~%b") nil 0)
(check-values output-string-stripped (uiop:run-program "echo hello" :output '(:string :stripped t))
              "hello" nil 0)
(check-values output-lines (uiop:run-program "printf 'one\\ntwo\\nthree'" :output :lines)
              '("one" "two" "three") nil 0)
(check output-lines-count (uiop:run-program "printf 'one\\ntwo\\nthree\\n'" :output '(:lines :count 2))
       '("one" "two"))
(check output-line (uiop:run-program "printf 'one\\ntwo\\n'" :output :line) "one")
(check output-line-at (uiop:run-program "printf 'one\\ntwo\\n'" :output '(:line :at 1)) "two")
(check output-forms (uiop:run-program "echo '(a 1) \"s\" 2.5'" :output :forms) '((a 1) "s" 2.5))
(check output-form (uiop:run-program "echo '(a 1) b'" :output :form) '(a 1))
(check output-function
       (uiop:run-program "echo 12345" :output (lambda (s) (length (read-line s))))
       5)
(check output-function-keys-ignored
       (uiop:run-program "echo xyz" :output (list (lambda (s &key prefix) (list prefix (read-line s))) :prefix "p"))
       '(nil "xyz"))
(check output-function-with-arguments
       (uiop:run-program "echo xyz" :output (list (list (lambda (s prefix) (concatenate 'string prefix (read-line s))) "got ")))
       "got xyz")
(check output-to-string-stream
       (with-output-to-string (s) (uiop:run-program "echo into a stream" :output s))
       (format nil "into a stream~%"))
(check output-t-is-standard-output
       (with-output-to-string (*standard-output*) (uiop:run-program "echo via t" :output t))
       (format nil "via t~%"))
(check output-to-pathname
       (let ((file (scratch "out.txt")))
         (list (uiop:run-program "echo to a file" :output file) (uiop:read-file-string file)))
       (list nil (format nil "to a file~%")))
(check output-to-native-namestring
       (let ((file (scratch "out2.txt")))
         (uiop:run-program "echo named" :output (uiop:native-namestring file))
         (uiop:read-file-string file))
       (format nil "named~%"))
(check output-to-file-stream
       (let ((file (scratch "out3.txt")))
         (with-open-file (s file :direction :output :if-exists :supersede)
           (write-line "before" s)
           (uiop:run-program "echo child" :output s)
           (write-line "after" s))
         (uiop:read-file-lines file))
       '("before" "child" "after"))
(check output-if-exists-supersede
       (let ((file (scratch "sup.txt")))
         (uiop:run-program "echo first" :output file)
         (uiop:run-program "echo second" :output file)
         (uiop:read-file-string file))
       (format nil "second~%"))
(check output-if-exists-append
       (let ((file (scratch "app.txt")))
         (uiop:run-program "echo first" :output file)
         (uiop:run-program "echo second" :output file :if-output-exists :append)
         (uiop:read-file-lines file))
       '("first" "second"))
(check-error output-if-exists-error
             (let ((file (scratch "err.txt")))
               (uiop:run-program "echo first" :output file)
               (uiop:run-program "echo second" :output file :if-output-exists :error))
             file-error)
(check-values output-interactive (uiop:run-program "true" :output :interactive) nil nil 0)

;;; --- Error output

(check-values error-output-string (uiop:run-program "echo out; echo err >&2" :output :string :error-output :string)
              (format nil "out~%") (format nil "err~%") 0)
(check-values error-output-into-output
              (uiop:run-program "echo out; echo err >&2; echo out2" :output :lines :error-output :output)
              '("out" "err" "out2") nil 0)
(check-values error-output-lines-alone (uiop:run-program "echo e1 >&2; echo e2 >&2" :error-output :lines)
              nil '("e1" "e2") 0)
(check error-output-t-is-error-output
       (with-output-to-string (*error-output*) (uiop:run-program "echo oops >&2" :error-output t))
       (format nil "oops~%"))
(check error-output-to-file
       (let ((file (scratch "errout.txt")))
         (uiop:run-program "echo bad >&2" :error-output file)
         (uiop:read-file-string file))
       (format nil "bad~%"))
(check-error output-output-is-only-for-error-output (uiop:run-program "true" :output :output)
             uiop:parameter-error)
(check-error run-program-stream-not-allowed (uiop:run-program "true" :output :stream) uiop:parameter-error)
(check-error run-program-bad-destination (uiop:run-program "echo" :output 42) uiop:parameter-error)

;;; --- Input

(check stdin-from-string-stream
       (uiop:run-program '("tr" "a-z" "A-Z") :input (make-string-input-stream "hello world") :output :string)
       "HELLO WORLD")
(check stdin-from-function
       (uiop:run-program '("cat") :input (lambda (s) (write-string "written by a function" s)) :output :string)
       "written by a function")
(check stdin-from-list
       (uiop:run-program '("cat") :input (list (list (lambda (s text) (write-line text s)) "text")) :output :string)
       (format nil "text~%"))
(check stdin-from-pathname
       (let ((file (scratch "in.txt")))
         (with-open-file (s file :direction :output :if-exists :supersede) (write-line "from a file" s))
         (uiop:run-program '("cat") :input file :output :string))
       (format nil "from a file~%"))
(check stdin-live-while-output-to-file
       (let ((file (scratch "live.txt")))
         (uiop:run-program '("cat") :input (lambda (s) (dotimes (i 3) (format s "line ~D~%" i))) :output file)
         (uiop:read-file-lines file))
       '("line 0" "line 1" "line 2"))
(check stdin-nil-is-empty (uiop:run-program '("wc" "-c") :output '(:string :stripped t)) "0")
(check-error stdin-missing-file (uiop:run-program '("cat") :input (scratch "no-such-input.txt")) file-error)
(check stdin-if-does-not-exist-create
       (let ((file (scratch "created-input.txt")))
         (list (uiop:run-program '("cat") :input file :if-input-does-not-exist :create :output :string)
               (not (null (probe-file file)))))
       '("" t))
(check child-closes-input-early
       (uiop:run-program "head -c 5" :input (make-string-input-stream (make-string 200000 :initial-element #\x))
                                      :output :string)
       "xxxxx")
(check-error child-closes-live-input-early
             (uiop:run-program '("head" "-c" "3") :output nil
                               :input (lambda (s) (dotimes (i 100000) (write-line "xxxxxxxxxx" s))))
             stream-error)

;;; --- Exit codes, errors and signals

(check-values exit-code-ignored (uiop:run-program "exit 3" :ignore-error-status t) nil nil 3)
(check-error failing-command (uiop:run-program "exit 3") uiop:subprocess-error)
(check subprocess-error-slots
       (handler-case (uiop:run-program '("sh" "-c" "exit 7") :output :string)
         (uiop:subprocess-error (e)
           (list (uiop:subprocess-error-code e) (uiop:subprocess-error-command e)
                 (typep (uiop:subprocess-error-process e) 'uiop:process-info))))
       '(7 ("sh" "-c" "exit 7") t))
(check subprocess-error-shell-command-has-no-process
       (handler-case (uiop:run-program "exit 5")
         (uiop:subprocess-error (e)
           (list (uiop:subprocess-error-code e) (uiop:subprocess-error-command e) (uiop:subprocess-error-process e))))
       '(5 "exit 5" nil))
(check subprocess-error-continue
       (multiple-value-list
        (handler-bind ((uiop:subprocess-error #'continue))
          (uiop:run-program "echo partial; exit 2" :output :string)))
       (list (format nil "partial~%") nil 2))
(check subprocess-error-output-still-written
       (let ((file (scratch "failed.txt")))
         (ignore-errors (uiop:run-program "echo kept; exit 1" :output file))
         (uiop:read-file-string file))
       (format nil "kept~%"))
(check-values command-not-found-in-shell (uiop:run-program "no-such-command-clove-xyz" :ignore-error-status t
                                                                                         :error-output nil)
              nil nil 127)
(check-error program-not-found (uiop:run-program '("/no/such/program-clove-xyz")) error)
(check killed-by-signal
       (handler-case (uiop:run-program "kill -9 $$")
         (uiop:subprocess-error (e) (uiop:subprocess-error-code e)))
       137)
(check-values killed-by-signal-ignored (uiop:run-program "kill -15 $$" :ignore-error-status t) nil nil 143)

;;; --- Directory, environment, force-shell, formats

(check directory
       (uiop:run-program "pwd" :directory (truename *scratch*) :output '(:string :stripped t))
       (string-right-trim "/" (namestring (truename *scratch*))))
(check environment-replaces
       (uiop:run-program '("/usr/bin/env") :environment '("CLOVE_A=1" "CLOVE_B=two words") :output :lines)
       '("CLOVE_A=1" "CLOVE_B=two words"))
(check environment-inherited
       (uiop:run-program "echo \"$HOME\"" :output '(:string :stripped t))
       (uiop:getenv "HOME"))
(check force-shell-list
       (uiop:run-program '("echo" "$HOME is not expanded") :force-shell t :output '(:string :stripped t))
       "$HOME is not expanded")
(check list-without-shell
       (uiop:run-program '("echo" "a;b" "*") :output '(:string :stripped t))
       "a;b *")
(check utf-8-output (uiop:run-program '("printf" "caf\\303\\251") :output :string) "café")
(check latin-1-output
       (uiop:run-program '("printf" "caf\\351") :output :string :external-format :latin-1)
       "café")
(check binary-output
       (uiop:run-program '("printf" "\\001\\002\\377") :element-type '(unsigned-byte 8)
                         :output (lambda (s) (loop :for b = (read-byte s nil) :while b :collect b)))
       '(1 2 255))

;;; --- Large outputs

(defun count-characters (stream)
  (loop :for line = (read-line stream nil) :while line :sum (1+ (length line))))

(check output-100-mb
       (uiop:run-program "head -c 100000000 /dev/zero | tr '\\0' 'a' | fold -w 999"
                         :output #'count-characters)
       100100101)
(check large-output-and-error-output
       (multiple-value-list
        (uiop:run-program "head -c 3000000 /dev/zero | tr '\\0' 'e' | fold -w 99 >&2; head -c 5000000 /dev/zero | tr '\\0' 'o' | fold -w 99"
                          :output #'count-characters :error-output #'count-characters))
       '(5050506 3030304 0))
(check large-file-output
       (let ((file (scratch "big.txt")))
         (uiop:run-program "head -c 20000000 /dev/zero" :output file)
         (with-open-file (s file :element-type '(unsigned-byte 8)) (file-length s)))
       20000000)

;;; --- launch-program

(check launch-two-way-pipe
       (let ((p (uiop:launch-program '("cat") :input :stream :output :stream)))
         (prog1
             (loop :for word :in '("ping" "pong" "done")
                   :collect (progn (write-line word (uiop:process-info-input p))
                                   (finish-output (uiop:process-info-input p))
                                   (read-line (uiop:process-info-output p))))
           (close (uiop:process-info-input p))
           (assert (null (read-line (uiop:process-info-output p) nil)))
           (uiop:close-streams p)
           (uiop:wait-process p)))
       '("ping" "pong" "done"))
(check launch-process-info
       (let ((p (uiop:launch-program "read x; exit $x" :input :stream)))
         (list (typep p 'uiop:process-info)
               (integerp (uiop:process-info-pid p))
               (uiop:process-alive-p p)
               (progn (write-line "4" (uiop:process-info-input p))
                      (uiop:close-streams p)
                      (uiop:wait-process p))
               (uiop:process-alive-p p)
               (uiop:wait-process p)
               (uiop:process-info-output p)
               (uiop:process-info-error-output p)))
       '(t t t 4 nil 4 nil nil))
(check launch-listen-does-not-wait
       (let* ((p (uiop:launch-program "read x; echo \"got $x\"" :input :stream :output :stream))
              (out (uiop:process-info-output p)))
         (prog1 (list (listen out) (read-char-no-hang out)
                      (progn (write-line "it" (uiop:process-info-input p))
                             (finish-output (uiop:process-info-input p))
                             (read-line out))
                      (read-line out nil :eof))
           (uiop:close-streams p)
           (uiop:wait-process p)))
       '(nil nil "got it" :eof))
(check launch-error-output-stream
       (let* ((p (uiop:launch-program "echo to-err >&2" :error-output :stream))
              (line (read-line (uiop:process-info-error-output p))))
         (uiop:close-streams p)
         (list line (uiop:wait-process p)))
       '("to-err" 0))
(check terminate-process
       (let ((p (uiop:launch-program '("sleep" "30"))))
         (uiop:terminate-process p)
         (multiple-value-list (uiop:wait-process p)))
       '(143 15))
(check terminate-process-urgent
       (let ((p (uiop:launch-program "trap '' TERM; sleep 30")))
         (sleep 0.2)
         (uiop:terminate-process p :urgent t)
         (multiple-value-list (uiop:wait-process p)))
       '(137 9))
(check launch-output-to-string-stream
       (with-output-to-string (s)
         (uiop:wait-process (uiop:launch-program "echo copied" :output s)))
       (format nil "copied~%"))
(check launch-stdin-from-string-stream
       (let ((p (uiop:launch-program '("cat") :input (make-string-input-stream "abc") :output :stream)))
         (prog1 (read-line (uiop:process-info-output p)) (uiop:close-streams p) (uiop:wait-process p)))
       "abc")
(check launch-input-stream-left-open
       (let ((s (make-string-input-stream "abc")))
         (uiop:wait-process (uiop:launch-program '("cat") :input s))
         (open-stream-p s))
       t)
(check launch-pipeline
       (let* ((p1 (uiop:launch-program "printf 'b\\na\\nc\\n'" :output :stream))
              (p2 (uiop:launch-program '("sort") :input (uiop:process-info-output p1) :output :stream)))
         (close (uiop:process-info-output p1))
         (prog1 (uiop:slurp-stream-lines (uiop:process-info-output p2))
           (uiop:wait-process p1) (uiop:wait-process p2)))
       '("a" "b" "c"))
(check-error launch-bad-specifier (uiop:launch-program "true" :output :nonsense) uiop:parameter-error)
(check-error launch-output-output (uiop:launch-program "true" :input :output) uiop:parameter-error)
(check-error launch-not-a-command (uiop:launch-program 42) type-error)

;;; --- No zombies

(check no-zombies
       (progn
         (dotimes (i 3) (uiop:launch-program "true"))
         (sleep 0.3)
         (uiop:run-program "true")
         (remove-if-not (lambda (stat) (find #\Z stat))
                        (uiop:run-program "ps -o stat= --ppid $PPID" :output :lines)))
       nil)

(uiop:delete-directory-tree *scratch* :validate t)
