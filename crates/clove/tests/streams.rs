//! File streams (CLHS 21) on a real temporary directory: open with each
//! direction, element type, :if-exists and :if-does-not-exist action and
//! external format; with-open-file closing and aborting; byte I/O,
//! sequences, file positions and lengths; the errors of missing files,
//! existing files and closed streams.

mod common;

use std::path::{Path, PathBuf};

use common::{clove, dir, run};

/// A fresh empty directory for one test.
fn fresh(name: &str) -> PathBuf {
    let root = dir().join(format!("streams-{name}"));
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(&root).unwrap();
    root.canonicalize().unwrap()
}

/// Runs `forms` with the current directory at `root`; returns stdout, trimmed.
fn eval_in(root: &Path, forms: &str) -> String {
    let (code, out, err) = run(clove().current_dir(root).args(["--non-interactive", "--eval", forms]));
    assert_eq!(code, 0, "{err}");
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn read(root: &Path, name: &str) -> Vec<u8> {
    std::fs::read(root.join(name)).unwrap()
}

#[test]
fn characters_round_trip_through_a_file() {
    let root = fresh("chars");
    let out = eval_in(
        &root,
        r#"(progn
             (with-open-file (s "a.txt" :direction :output)
               (print (list (input-stream-p s) (output-stream-p s) (stream-element-type s) (stream-external-format s)))
               (write-line "héllo" s) (format s "~D~%" 42)
               (print (file-position s)))
             (with-open-file (s "a.txt")
               (print (list (read-line s) (read s) (read-line s nil :eof) (file-length s)))))"#,
    );
    assert_eq!(out, "(NIL T CHARACTER :UTF-8) 10 (\"héllo\" 42 :EOF 10)");
    assert_eq!(read(&root, "a.txt"), "héllo\n42\n".as_bytes());
}

#[test]
fn latin_1_files_hold_one_octet_a_character() {
    let root = fresh("latin1");
    std::fs::write(root.join("l.txt"), b"caf\xe9\n").unwrap();
    let out = eval_in(
        &root,
        r#"(progn
             (with-open-file (s "l.txt" :external-format :latin-1)
               (print (list (read-line s) (stream-external-format s) (file-string-length s "é"))))
             (with-open-file (s "o.txt" :direction :output :external-format :iso-8859-1)
               (write-string "ü" s)))"#,
    );
    assert_eq!(out, "(\"café\" :LATIN-1 1)");
    assert_eq!(read(&root, "o.txt"), b"\xfc");
}

#[test]
fn bytes_of_every_width_and_sign() {
    let root = fresh("bytes");
    let out = eval_in(
        &root,
        r#"(progn
             (with-open-file (s "b.bin" :direction :output :element-type '(unsigned-byte 8))
               (write-byte 255 s) (write-sequence #(1 2 3 4) s :start 1 :end 3)
               (print (list (stream-element-type s) (file-position s)))
               (print (handler-case (write-byte 256 s) (type-error (e) (type-error-expected-type e)))))
             (with-open-file (s "b.bin" :element-type 'signed-byte)
               (print (list (stream-element-type s) (read-byte s) (read-byte s) (read-byte s) (read-byte s nil :eof))))
             (with-open-file (s "b.bin" :element-type '(unsigned-byte 16))
               (print (list (file-length s) (read-byte s) (read-byte s nil :eof))))
             (with-open-file (s "w.bin" :direction :output :element-type '(signed-byte 32))
               (write-byte -2 s) (write-byte 65536 s))
             (with-open-file (s "w.bin" :element-type '(signed-byte 32))
               (let ((v (make-array 3 :initial-element nil)))
                 (print (list (read-sequence v s) v)))))"#,
    );
    assert_eq!(
        out,
        "((UNSIGNED-BYTE 8) 3) (UNSIGNED-BYTE 8) ((SIGNED-BYTE 8) -1 2 3 :EOF) (1 767 :EOF) (2 #(-2 65536 NIL))"
    );
    assert_eq!(read(&root, "b.bin"), [255, 2, 3]);
}

#[test]
fn file_position_moves_reads_and_writes() {
    let root = fresh("position");
    std::fs::write(root.join("p.txt"), "abcdef").unwrap();
    let out = eval_in(
        &root,
        r#"(progn
             (with-open-file (s "p.txt")
               (print (list (read-char s) (file-position s) (file-position s 4) (read-char s)
                            (file-position s :start) (read-char s) (file-position s :end) (read-char s nil :eof))))
             (with-open-file (s "p.txt" :direction :io :if-exists :overwrite)
               (print (read-char s)) (write-char #\X s) (file-position s 0) (print (read-line s))))"#,
    );
    assert_eq!(out, "(#\\a 1 T #\\e T #\\a T :EOF) #\\a \"aXcdef\"");
}

#[test]
fn if_exists_actions() {
    let root = fresh("if-exists");
    for f in ["e", "s", "r", "d", "o", "a", "n", "v"] {
        std::fs::write(root.join(f), "old\n").unwrap();
    }
    let out = eval_in(
        &root,
        r#"(flet ((put (name action) (with-open-file (s name :direction :output :if-exists action) (write-string "new" s)))
                  (fe (thunk) (handler-case (funcall thunk) (file-error (e) (list :file-error (file-namestring (file-error-pathname e)))))))
             (print (fe (lambda () (put "e" :error))))
             (print (fe (lambda () (open "e" :direction :output))))
             (print (fe (lambda () (put "v" :new-version))))
             (put "s" :supersede) (put "r" :rename) (put "d" :rename-and-delete) (put "o" :overwrite) (put "a" :append)
             (print (open "n" :direction :output :if-exists nil)))"#,
    );
    assert_eq!(out, "(:FILE-ERROR \"e\") (:FILE-ERROR \"e\") (:FILE-ERROR \"v\") NIL");
    let text = |f: &str| String::from_utf8(read(&root, f)).unwrap();
    assert_eq!(text("e"), "old\n");
    assert_eq!(text("s"), "new");
    assert_eq!((text("r"), text("r.bak")), ("new".into(), "old\n".into()));
    assert_eq!(text("d"), "new");
    assert!(!root.join("d.bak").exists());
    assert_eq!(text("o"), "new\n");
    assert_eq!(text("a"), "old\nnew");
    assert_eq!(text("n"), "old\n");
}

#[test]
fn if_does_not_exist_actions_and_probe() {
    let root = fresh("if-does-not-exist");
    let out = eval_in(
        &root,
        r#"(progn
             (print (handler-case (open "missing") (file-error (e) (file-namestring (file-error-pathname e)))))
             (print (open "missing" :if-does-not-exist nil))
             (print (handler-case (open "m2" :direction :output :if-does-not-exist :error) (file-error () :file-error)))
             (print (handler-case (open "m3" :direction :output :if-exists :append) (file-error () :file-error)))
             (with-open-file (s "created" :if-does-not-exist :create) (print (read-char s nil :empty)))
             (print (open "missing" :direction :probe))
             (let ((p (open "created" :direction :probe)))
               (print (list (streamp p) (open-stream-p p) (file-namestring (pathname p))))))"#,
    );
    assert_eq!(out, "\"missing\" NIL :FILE-ERROR :FILE-ERROR :EMPTY NIL (T NIL \"created\")");
    assert!(!root.join("m2").exists() && !root.join("m3").exists());
    assert!(root.join("created").exists());
}

#[test]
fn with_open_file_closes_and_aborts_on_non_local_exit() {
    let root = fresh("abort");
    std::fs::write(root.join("kept"), "old").unwrap();
    let out = eval_in(
        &root,
        r#"(let (saved)
             (print (catch 'out (with-open-file (s "new" :direction :output) (setq saved s) (write-string "x" s) (throw 'out :thrown))))
             (print (list (open-stream-p saved) (probe-file "new")))
             (ignore-errors (with-open-file (s "kept" :direction :output :if-exists :rename) (write-string "x" s) (error "boom")))
             (with-open-file (s "done" :direction :output) (setq saved s))
             (print (open-stream-p saved))
             (let ((s (open "c2" :direction :output)))
               (write-string "x" s) (print (list (close s :abort t) (probe-file "c2") (close s)))))"#,
    );
    assert_eq!(out, ":THROWN (NIL NIL) NIL (T NIL T)");
    assert_eq!(read(&root, "kept"), b"old");
    assert!(!root.join("kept.bak").exists());
    assert!(root.join("done").exists());
}

#[test]
fn closed_streams_and_wrong_element_types_signal_errors() {
    let root = fresh("closed");
    std::fs::write(root.join("f"), "abc").unwrap();
    let out = eval_in(
        &root,
        r#"(let ((s (open "f")) (o (open "g" :direction :output)))
             (close s) (close o)
             (print (list (handler-case (read-char s) (stream-error () :stream-error))
                          (handler-case (write-char #\a o) (stream-error () :stream-error))
                          (with-open-file (s "f") (handler-case (read-byte s) (error () :error)))
                          (with-open-file (s "f" :element-type '(unsigned-byte 8)) (handler-case (read-char s) (error () :error)))
                          (handler-case (file-length (make-string-input-stream "x")) (type-error () :type-error))
                          (handler-case (open "f" :direction :sideways) (type-error () :type-error))
                          (handler-case (open "f" :element-type 'float) (error () :error)))))"#,
    );
    assert_eq!(out, "(:STREAM-ERROR :STREAM-ERROR :ERROR :ERROR :TYPE-ERROR :TYPE-ERROR :ERROR)");
}

#[test]
fn file_names_that_are_not_utf_8() {
    use std::os::unix::ffi::OsStrExt;
    let root = fresh("bytes-names");
    std::fs::write(root.join(std::ffi::OsStr::from_bytes(b"n\xff")), "raw").unwrap();
    let out = eval_in(
        &root,
        r#"(with-open-file (s (first (directory "n*"))) (print (read-line s)))"#,
    );
    assert_eq!(out, "\"raw\"");
}

#[test]
fn bytes_through_composite_streams() {
    let root = fresh("composite");
    let out = eval_in(
        &root,
        r#"(let ((ub8 '(unsigned-byte 8)))
             (with-open-file (s "b" :direction :output :element-type ub8)
               (let ((bc (make-broadcast-stream s)))
                 (write-sequence '(1 2 3) bc)
                 (print (list (stream-element-type bc) (file-length bc) (file-length (make-broadcast-stream))))))
             (with-open-file (a "b" :element-type ub8)
               (with-open-file (b "b" :element-type ub8)
                 (let ((c (make-concatenated-stream a b)) (v (make-array 8 :initial-element nil)))
                   (print (list (stream-element-type c) (read-sequence v c) v)))))
             (with-open-file (a "b" :element-type ub8)
               (with-open-file (o "echo" :direction :output :element-type ub8)
                 (let ((e (make-echo-stream a o))) (print (list (read-byte e) (read-byte e))))))
             (with-open-file (s "e" :direction :output :element-type '(or (integer 0 1) (integer 100 200)))
               (print (stream-element-type s))))"#,
    );
    assert_eq!(
        out,
        "((UNSIGNED-BYTE 8) 3 0) ((UNSIGNED-BYTE 8) 6 #(1 2 3 1 2 3 NIL NIL)) (1 2) (UNSIGNED-BYTE 8)"
    );
    assert_eq!(read(&root, "echo"), [1, 2]);
}

/// Standard input that is open but has nothing to read: `read-char-no-hang`
/// and `listen` answer NIL at once instead of waiting; once a line is
/// there, they see it; at end of file (waited for with `peek-char`, so the
/// test does not race the pipe's closing) `listen` is false and
/// `read-char-no-hang` reports end of file.
#[test]
fn standard_input_without_waiting() {
    use std::io::{Read, Write};
    use std::process::Stdio;
    let mut child = clove()
        .args(["--non-interactive", "--eval", "(progn (print (list (read-char-no-hang) (listen))) (terpri) (finish-output) (print (read-line)) (print (list (peek-char nil *standard-input* nil :eof) (listen) (read-char-no-hang *standard-input* nil :eof))) (terpri))"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut stdout = child.stdout.take().unwrap();
    // The first answer comes while standard input is still open and empty.
    let mut first = Vec::new();
    let mut byte = [0u8; 1];
    while !first.ends_with(b")") {
        assert_eq!(stdout.read(&mut byte).unwrap(), 1, "clove stopped early");
        first.push(byte[0]);
    }
    assert_eq!(String::from_utf8_lossy(&first).trim(), "(NIL NIL)");
    stdin.write_all(b"typed\n").unwrap();
    drop(stdin);
    let mut rest = String::new();
    stdout.read_to_string(&mut rest).unwrap();
    assert!(child.wait().unwrap().success());
    assert_eq!(rest.split_whitespace().collect::<Vec<_>>().join(" "), "\"typed\" (:EOF NIL :EOF)");
}

/// `y-or-n-p` and `yes-or-no-p` ask on *query-io*, ask again after an
/// answer they do not know, and return T or NIL.
#[test]
fn yes_or_no_questions() {
    let (code, out, err) = run(clove().args([
        "--non-interactive",
        "--eval",
        r#"(let ((*query-io* (make-two-way-stream (make-string-input-stream (format nil "maybe~%Y~%nope~% no ~%")) (make-string-output-stream))))
             (print (list (y-or-n-p "Go ~A?" 1) (yes-or-no-p "Sure?")))
             (terpri)
             (princ (get-output-stream-string (two-way-stream-output-stream *query-io*))))"#,
    ]));
    assert_eq!(code, 0, "{err}");
    let (answers, asked) = out.trim_start().split_once('\n').unwrap();
    assert_eq!(answers, "(T NIL) ");
    assert_eq!(
        asked,
        "Go 1? (y or n) \nPlease type \"y\" or \"n\".\nGo 1? (y or n) \nSure? (yes or no) \nPlease type \"yes\" or \"no\".\nSure? (yes or no) "
    );
}
