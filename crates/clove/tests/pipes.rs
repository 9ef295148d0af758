//! Output that cannot be written: a reader that went away (`| head`), a
//! full disk (`> /dev/full`), files that cannot be opened. Nothing is
//! lost silently and nothing runs forever.

mod common;

use std::io::Read;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use common::{clove, run, script};

/// Waits for `child`, killing it (and failing) after a minute.
fn finish(mut child: Child) -> (i32, String) {
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > Duration::from_secs(60) {
            child.kill().unwrap();
            panic!("clove did not end");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stderr).into())
}

/// Starts `clove` on `args` with its standard output a pipe whose reader
/// reads one line and closes it, as `| head -1` does.
fn into_head(args: &[&str]) -> Child {
    let mut child = clove().args(args).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    let mut out = child.stdout.take().unwrap();
    let mut byte = [0u8; 1];
    while out.read(&mut byte).unwrap() == 1 && byte[0] != b'\n' {}
    drop(out);
    child
}

#[test]
fn a_script_piped_into_head_ends_quietly() {
    let p = script("forever.lisp", "(loop for i from 0 do (print i))\n");
    let (code, err) = finish(into_head(&[p.to_str().unwrap()]));
    assert_eq!((code, err.as_str()), (0, ""));
    // The same with --non-interactive.
    let (code, err) = finish(into_head(&["--non-interactive", "--eval", "(loop (print 1))"]));
    assert_eq!((code, err.as_str()), (0, ""));
}

#[test]
fn elsewhere_a_closed_pipe_is_a_stream_error() {
    // With the debugger enabled (no --disable-debugger), the error is a
    // condition the program can handle.
    let form = "(handler-case (loop (print 1)) (stream-error (e) (format *error-output* \"caught: ~A\" e) (uiop:quit 3)))";
    let (code, err) = finish(into_head(&["--eval", form, "--quit"]));
    assert_eq!(code, 3, "{err}");
    assert!(err.contains("caught: cannot write to the standard output: Broken pipe"), "{err}");
}

fn to_dev_full(args: &[&str], text: &str) -> (i32, String) {
    let p = script("full.lisp", text);
    let full = std::fs::OpenOptions::new().write(true).open("/dev/full").unwrap();
    let child = clove().arg(&p).args(args).stdout(full).stderr(Stdio::piped()).spawn().unwrap();
    finish(child)
}

#[test]
fn a_full_disk_fails_the_script() {
    // Output buffered at the end is written then: the failure is reported.
    let (code, err) = to_dev_full(&[], "(print 1)\n");
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("STREAM-ERROR") && err.contains("cannot write to the standard output: No space left on device"), "{err}");
    // Output that fills the buffer fails where it is written, as a condition.
    let (code, err) = to_dev_full(&[], "(handler-case (dotimes (i 100000) (print i)) (stream-error (e) (format *error-output* \"caught: ~A\" e) (uiop:quit 4)))");
    assert_eq!(code, 4, "{err}");
    assert!(err.contains("caught: cannot write to the standard output"), "{err}");
    // Also after uiop:quit 0.
    let (code, err) = to_dev_full(&[], "(princ 1) (uiop:quit 0)");
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("No space left on device"), "{err}");
}

#[test]
fn write_errors_on_files_name_the_file() {
    let form = "(handler-case (with-open-file (s \"/dev/full\" :direction :output :if-exists :append) (write-string \"x\" s))
                  (stream-error (e) (princ e)))";
    let (code, out, err) = run(clove().args(["--non-interactive", "--eval", form]));
    assert_eq!((code, out.as_str()), (0, "cannot write to /dev/full: No space left on device"), "{err}");
}

#[test]
fn open_errors_name_the_file_and_the_reason() {
    let form = "(handler-case (open \"/nonexistent-dir/y.lisp\" :direction :output)
                  (file-error (e) (format t \"~A|~A\" e (namestring (file-error-pathname e)))))";
    let (code, out, err) = run(clove().args(["--non-interactive", "--eval", form]));
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, "cannot open /nonexistent-dir/y.lisp: No such file or directory|/nonexistent-dir/y.lisp");
    let (code, _, err) = run(clove().args(["--non-interactive", "--load", "/nonexistent-dir/"]));
    assert_eq!(code, 1);
    assert!(err.contains("/nonexistent-dir/"), "{err}");
}
