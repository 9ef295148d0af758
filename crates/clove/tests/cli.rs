//! The `clove` command as a user runs it: scripts, exit statuses, error
//! reports, --eval/--load ordering, and the REPL over a pipe.

mod common;

use std::io::Write;
use std::process::Stdio;

use common::{clove, run, script};

#[test]
fn hello_example_runs() {
    let (code, out, _) = run(clove().arg(concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/hello.lisp")).args(["x", "y"]));
    assert_eq!(code, 0);
    assert_eq!(out, "Hello from clove!\nArguments: x y\n");
}

#[test]
fn shebang_line_is_skipped_and_arguments_are_passed() {
    let p = script("args.lisp", "#!/usr/bin/env clove\n(print (uiop:command-line-arguments))\n");
    let (code, out, _) = run(clove().arg(&p).args(["a", "--b", "c d"]));
    assert_eq!(code, 0);
    assert_eq!(out.trim(), "(\"a\" \"--b\" \"c d\")");
}

#[test]
fn script_flag_runs_a_file() {
    let p = script("flag.lisp", "(princ (+ 1 2))");
    let (code, out, _) = run(clove().arg("--script").arg(&p));
    assert_eq!((code, out.as_str()), (0, "3"));
    // Every word after the file is the script's, the first included.
    let p = script("flag-args.lisp", "(prin1 (uiop:command-line-arguments))");
    let (code, out, _) = run(clove().arg("--script").arg(&p).args(["a", "-b", "c"]));
    assert_eq!((code, out.as_str()), (0, "(\"a\" \"-b\" \"c\")"));
}

#[test]
fn unhandled_error_reports_and_exits_1() {
    let p = script("err.lisp", "(defun inner (x) (error \"boom ~A\" x))\n(defun outer () (inner 42))\n; a comment\n\n  (outer)\n(print :not-reached)\n");
    let (code, out, err) = run(clove().arg(&p));
    assert_eq!(code, 1);
    assert!(!out.contains("NOT-REACHED"));
    assert!(err.contains("SIMPLE-ERROR") && err.contains("boom 42"), "{err}");
    // Each frame names its function and where it was defined.
    let file = p.display();
    for frame in [format!("0: (INNER 42)  [{file}:1:1]"), format!("1: (OUTER)  [{file}:2:1]"), format!("2: top-level form  [{file}:5:3]")] {
        assert!(err.contains(&frame), "{frame} in {err}");
    }
    // The command line's own frames (and its LOAD of the script) are not
    // the user's: the backtrace stops above them.
    assert!(!err.contains("%RUN-SCRIPT") && !err.contains("%LOAD-FROM") && !err.contains("(LOAD "), "{err}");
    assert!(!err.contains("3: "), "the top-level form is the last frame: {err}");
}

/// Backtrace frames show keyword arguments after their keywords, and
/// &rest arguments spread out, as they were passed.
#[test]
fn backtrace_frames_show_keywords_and_rest_arguments() {
    let p = script("kw.lisp", "(defun kf (a &optional b &key (c 3) d) (error \"x\"))\n(defun rf (&rest r) (apply #'kf r))\n(rf 1 2 :d 4)\n");
    let (code, _, err) = run(clove().arg(&p));
    assert_eq!(code, 1);
    assert!(err.contains("0: (KF 1 2 :C 3 :D 4)") && err.contains("1: (RF 1 2 :D 4)"), "{err}");
}

#[test]
fn quit_sets_the_exit_status() {
    let p = script("quit.lisp", "(princ \"bye\")\n(uiop:quit 7)\n(princ \"no\")");
    let (code, out, _) = run(clove().arg(&p));
    assert_eq!((code, out.as_str()), (7, "bye"));
}

#[test]
fn syntax_error_names_file_line_and_column() {
    let p = script("syntax.lisp", "(print 1)\n(print 2))\n");
    let (code, _, err) = run(clove().arg(&p));
    assert_eq!(code, 1);
    assert!(err.contains("syntax.lisp") && err.contains("line 2"), "{err}");
}

#[test]
fn end_of_file_inside_a_form_names_file_and_line() {
    let p = script("eof.lisp", "(print 1)\n(print \"unterminated\n");
    let (code, _, err) = run(clove().arg(&p));
    assert_eq!(code, 1);
    assert!(err.contains("END-OF-FILE") && err.contains("eof.lisp") && err.contains("line 3"), "{err}");
}

#[test]
fn eval_and_load_run_in_order() {
    let p = script("loaded.lisp", "(princ \"[load]\")");
    let (code, out, _) = run(clove().args(["--eval", "(princ \"[1]\")", "--load"]).arg(&p).args(["--eval", "(princ \"[2]\")", "--non-interactive"]));
    assert_eq!((code, out.as_str()), (0, "[1][load][2]"));
}

#[test]
fn non_interactive_eval_error_exits_1() {
    let (code, _, err) = run(clove().args(["--eval", "(car 1)", "--non-interactive"]));
    assert_eq!(code, 1);
    assert!(err.contains("TYPE-ERROR"), "{err}");
}

#[test]
fn version_and_help() {
    let (code, out, _) = run(clove().arg("--version"));
    assert_eq!(code, 0);
    assert!(out.starts_with("clove "));
    let (code, out, _) = run(clove().arg("--help"));
    assert_eq!(code, 0);
    assert!(out.contains("--eval") && out.contains("--script"));
}

/// The REPL over a pipe: evaluation, multi-line input, the debugger with
/// numbered restarts, and leaving it with :abort.
#[test]
fn repl_session() {
    let mut child = clove().arg("--quiet").stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    let input = "(+ 1 2)\n(list 1\n 2)\n(error \"oops\")\n:abort\n(values 4 5)\n(restart-case (error \"x\") (my-restart () :picked))\n0\n";
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    assert!(text.contains("3\n"), "{text}");
    assert!(text.contains("(1 2)"), "{text}");
    assert!(text.contains("debugger invoked on a SIMPLE-ERROR") && text.contains("oops"), "{text}");
    assert!(text.contains("Backtrace") && !text.contains("%REPL-EVAL-PRINT"), "the REPL's own frames are hidden: {text}");
    assert!(text.contains("4\n5\n"), "{text}");
    assert!(text.contains("MY-RESTART") && text.contains(":PICKED"), "{text}");
}

/// Sends SIGINT to a running clove (as Ctrl-C does).
fn interrupt(child: &std::process::Child) {
    std::thread::sleep(std::time::Duration::from_millis(500));
    let status = std::process::Command::new("kill").args(["-INT", &child.id().to_string()]).status().unwrap();
    assert!(status.success());
}

#[test]
fn ctrl_c_interrupts_a_script_with_status_130() {
    let p = script("spin.lisp", "(loop)\n");
    let child = clove().arg(&p).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    interrupt(&child);
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(130), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn ctrl_c_in_the_repl_enters_the_debugger_and_abort_returns() {
    let mut child = clove().arg("--quiet").stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(b"(loop)\n").unwrap();
    stdin.flush().unwrap();
    interrupt(&child);
    stdin.write_all(b":abort\n(+ 40 2)\n").unwrap();
    drop(stdin);
    let out = child.wait_with_output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    assert!(text.contains("INTERACTIVE-INTERRUPT") && text.contains("[CONTINUE]"), "{text}");
    assert!(text.contains("42\n"), "{text}");
}
