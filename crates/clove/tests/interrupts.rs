//! Ctrl-C reaches code that runs long inside the runtime's primitives
//! (bignum arithmetic and printing, sort, the reader, the compiler): each
//! test starts a script, waits until it prints "ready" just before the
//! long operation, sends SIGINT and checks that the script stops (exit
//! status 130). With a handler that returns, as the debugger's CONTINUE
//! does, the operation finishes with the right result.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Longest a script may take to stop before the test fails (a hang guard,
/// not a timing assertion).
const GUARD: Duration = Duration::from_secs(20);

/// Runs `body` after a line printing "ready", interrupts it once that line
/// is out, and returns the exit status and the output.
fn interrupt(name: &str, prelude: &str, body: &str, feed_stdin: bool) -> (i32, String, String) {
    let text = format!("{prelude}\n(format t \"ready~%\")\n(finish-output)\n{body}\n(format t \"finished~%\")\n");
    let path = common::script(name, &text);
    let mut child = common::clove()
        .arg(&path)
        .stdin(if feed_stdin { Stdio::piped() } else { Stdio::null() })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if feed_stdin {
        // An endless supply of whitespace for the reader.
        let mut input = child.stdin.take().unwrap();
        std::thread::spawn(move || {
            let chunk = vec![b' '; 1 << 16];
            while input.write_all(&chunk).is_ok() {}
        });
    }
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    out.read_line(&mut first).unwrap();
    assert_eq!(first, "ready\n", "the script did not start: {}", finish(&mut child, out).2);
    std::thread::sleep(Duration::from_millis(300));
    signal(&child);
    let (status, rest, err) = finish(&mut child, out);
    (status, rest, err)
}

fn signal(child: &Child) {
    let ok = Command::new("kill").args(["-INT", &child.id().to_string()]).status().unwrap().success();
    assert!(ok, "kill -INT failed");
}

/// Waits for the child (killing it past the guard) and collects its output.
fn finish(child: &mut Child, mut out: BufReader<std::process::ChildStdout>) -> (i32, String, String) {
    let start = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if start.elapsed() > GUARD {
            child.kill().unwrap();
            child.wait().unwrap();
            panic!("the script was still running {GUARD:?} after SIGINT");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut out, &mut rest).unwrap();
    let mut err = String::new();
    std::io::Read::read_to_string(child.stderr.as_mut().unwrap(), &mut err).unwrap();
    (status.code().unwrap_or(-1), rest, err)
}

/// Unhandled, Ctrl-C ends the script with status 130 before the operation finishes.
fn stops(name: &str, prelude: &str, body: &str) {
    let (status, out, err) = interrupt(name, prelude, body, false);
    assert_eq!(status, 130, "stdout: {out}\nstderr: {err}");
    assert!(!out.contains("finished"), "{out}");
}

/// A handler that returns lets the interrupted operation finish correctly;
/// returns the output.
fn continues(name: &str, prelude: &str, body: &str) -> String {
    let prelude = format!(
        "(defvar *interrupts* 0)\n\
         (setf (fdefinition 'clove-system::%interrupt) (lambda () (incf *interrupts*)))\n{prelude}"
    );
    let body = format!("{body}\n(format t \"interrupts: ~D~%\" *interrupts*)");
    let (status, out, err) = interrupt(name, &prelude, &body, false);
    assert_eq!(status, 0, "stdout: {out}\nstderr: {err}");
    assert!(out.contains("interrupts: 1") && out.contains("finished"), "{out}\n{err}");
    out
}

#[test]
fn printing_a_huge_bignum() {
    stops("int-print.lisp", "(defvar *n* (1- (ash 1 150000000)))", "(princ-to-string *n*)");
}

#[test]
fn printing_a_huge_bignum_continued() {
    let out = continues(
        "int-print-continue.lisp",
        "(defvar *n* (expt 10 10000000))",
        "(format t \"same: ~A~%\" (string= (princ-to-string *n*) (concatenate 'string \"1\" (make-string 10000000 :initial-element #\\0))))",
    );
    assert!(out.contains("same: T"), "{out}");
}

#[test]
fn bignum_expt() {
    stops("int-expt.lisp", "", "(expt 3 60000000)");
}

fn sort_data(n: usize) -> String {
    format!("(defvar *l* (let ((s 1)) (loop repeat {n} collect (setq s (mod (* s 48271) 2147483647)))))")
}

#[test]
fn sort_with_a_lisp_predicate() {
    stops("int-sort-lisp.lisp", &sort_data(3000000), "(sort *l* (lambda (a b) (< a b)))");
}

#[test]
fn sort_with_a_lisp_predicate_continued() {
    let out = continues(
        "int-sort-continue.lisp",
        &sort_data(1000000),
        "(let ((s (sort (copy-list *l*) (lambda (a b) (< a b)))))
           (format t \"sorted: ~A ~A~%\" (length s) (loop for (a b) on s always (or (null b) (<= a b)))))",
    );
    assert!(out.contains("sorted: 1000000 T"), "{out}");
}

#[test]
fn sort_with_a_primitive_predicate() {
    stops(
        "int-sort-native.lisp",
        "(defvar *l* (let ((s 1)) (loop repeat 3000000 collect (float (setq s (mod (* s 48271) 2147483647))))))",
        "(dotimes (i 100) (sort (copy-list *l*) #'<))",
    );
}

#[test]
fn reading_endless_input() {
    let (status, out, err) = interrupt("int-read.lisp", "", "(read)", true);
    assert_eq!(status, 130, "stdout: {out}\nstderr: {err}");
}

const WIDE: &str = "(defmacro wide (n) (if (zerop n) 0 `(+ (wide ,(1- n)) (wide ,(1- n)))))";

#[test]
fn compiling_a_huge_expansion() {
    stops("int-compile.lisp", WIDE, "(loop (compile nil '(lambda () (wide 30))))");
}

#[test]
fn compiling_a_huge_expansion_continued() {
    let out = continues("int-compile-continue.lisp", WIDE, "(dotimes (i 5) (format t \"value: ~D~%\" (funcall (compile nil '(lambda () (wide 16))))))");
    assert!(out.contains("value: 0"), "{out}");
}
