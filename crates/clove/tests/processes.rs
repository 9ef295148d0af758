//! Child processes run from a clove script (UIOP's run-program and
//! launch-program): what reaches the terminal and in which order, a
//! failing command's report and exit status, the script's own standard
//! input handed to a child, and Ctrl-C while waiting for a child.

mod common;

use std::io::Write;
use std::process::Stdio;

use common::{clove, run, script};

#[test]
fn child_output_to_the_terminal_comes_in_order() {
    let p = script(
        "order.lisp",
        "(princ \"before \")\n(uiop:run-program \"echo child; echo child-err >&2\" :output t :error-output t)\n\
         (princ \"between \")\n(uiop:run-program '(\"echo\" \"interactive\") :output :interactive)\n(princ \"after\")\n",
    );
    let (code, out, err) = run(clove().arg(&p));
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, "before child\nbetween interactive\nafter");
    assert_eq!(err, "child-err\n");
}

#[test]
fn a_failing_command_reports_a_subprocess_error_and_exits_1() {
    let p = script("fail.lisp", "(uiop:run-program '(\"sh\" \"-c\" \"exit 3\"))\n(print :not-reached)\n");
    let (code, out, err) = run(clove().arg(&p));
    assert_eq!(code, 1);
    assert!(!out.contains("NOT-REACHED"), "{out}");
    assert!(err.contains("SUBPROCESS-ERROR") && err.contains("(\"sh\" \"-c\" \"exit 3\")"), "{err}");
    assert!(err.contains("exited with error code 3") && err.contains("Backtrace"), "{err}");
}

#[test]
fn a_missing_program_is_an_error_not_a_crash() {
    let p = script("missing.lisp", "(uiop:run-program '(\"/no/such/program-clove\"))\n");
    let (code, _, err) = run(clove().arg(&p));
    assert_eq!(code, 1);
    assert!(err.contains("/no/such/program-clove") && err.contains("No such file"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn a_child_reads_the_scripts_standard_input() {
    let p = script("stdin.lisp", "(uiop:run-program '(\"tr\" \"a-z\" \"A-Z\") :input t :output t)\n");
    let mut child = clove().arg(&p).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    child.stdin.take().unwrap().write_all(b"from the pipe\n").unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "FROM THE PIPE\n");
}

#[test]
fn ctrl_c_interrupts_a_script_waiting_for_a_child() {
    let p = script("wait.lisp", "(uiop:run-program '(\"sleep\" \"5\"))\n");
    let child = clove().arg(&p).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(500));
    let status = std::process::Command::new("kill").args(["-INT", &child.id().to_string()]).status().unwrap();
    assert!(status.success());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(130), "{}", String::from_utf8_lossy(&out.stderr));
}
