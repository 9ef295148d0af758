//! Leaving a program: quit and exit unwind and wrap their status as Unix
//! does, Ctrl-C is a condition in a script, an unhandled error's backtrace
//! is bounded, and errors in --eval/--load offer restarts in the debugger.

mod common;

use std::io::{Read, Write};
use std::process::Stdio;

use common::{clove, run, script};

#[test]
fn quit_and_exit_unwind_before_exiting() {
    for (text, status, out) in [
        ("(unwind-protect (uiop:quit 3) (princ \"cleanup\"))", 3, "cleanup"),
        ("(defun f () (unwind-protect (clove:exit :code 7) (princ \"inner \"))) (unwind-protect (f) (princ \"outer\"))", 7, "inner outer"),
        ("(unwind-protect (clove:exit) (princ \"cleanup\"))", 0, "cleanup"),
        // :abort t leaves at once.
        ("(unwind-protect (clove:exit :code 5 :abort t) (princ \"cleanup\"))", 5, ""),
        // Unix keeps the low 8 bits.
        ("(uiop:quit -1)", 255, ""),
        ("(uiop:quit 256)", 0, ""),
        ("(uiop:quit (+ 2 (expt 2 80)))", 2, ""),
    ] {
        let p = script("quit-unwind.lisp", text);
        let (code, got, err) = run(clove().arg(&p));
        assert_eq!((code, got.as_str()), (status, out), "{text}: {err}");
    }
    // Also from --eval, and from a debugger level in the REPL.
    let (code, out, _) = run(clove().args(["--eval", "(unwind-protect (uiop:quit 9) (princ :cleanup))"]));
    assert_eq!((code, out.as_str()), (9, "CLEANUP"));
    let mut child = clove().arg("--quiet").stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    child.stdin.take().unwrap().write_all(b"(unwind-protect (error \"x\") (princ :cleanup))\n(uiop:quit 6)\n").unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(6));
    assert!(String::from_utf8_lossy(&out.stdout).contains("CLEANUP"));
    // A status that is not an integer is a type-error.
    let (code, _, err) = run(clove().args(["--non-interactive", "--eval", "(uiop:quit :no)"]));
    assert_eq!(code, 1);
    assert!(err.contains("TYPE-ERROR"), "{err}");
}

/// Starts `clove` on a script that prints "ready" when it is about to
/// spin, and sends it SIGINT (as Ctrl-C does) once it has.
fn interrupted(text: &str) -> (i32, String, String) {
    let p = script("spin-ready.lisp", text);
    let mut child = clove().arg(&p).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut seen = Vec::new();
    let mut byte = [0u8; 1];
    while !seen.ends_with(b"ready") && stdout.read(&mut byte).unwrap() == 1 {
        seen.push(byte[0]);
    }
    assert!(std::process::Command::new("kill").args(["-INT", &child.id().to_string()]).status().unwrap().success());
    let mut rest = Vec::new();
    stdout.read_to_end(&mut rest).unwrap();
    let out = child.wait_with_output().unwrap();
    seen.extend(rest);
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&seen).into(), String::from_utf8_lossy(&out.stderr).into())
}

#[test]
fn ctrl_c_in_a_script_is_a_condition() {
    let (code, out, err) = interrupted(
        "(handler-case (progn (princ \"ready\") (finish-output) (loop))
           (clove:interactive-interrupt (c) (princ \" caught \") (princ (typep c 'serious-condition))))",
    );
    assert_eq!((code, out.as_str()), (0, "ready caught T"), "{err}");
    // Unhandled: cleanups run, and the status is 130.
    let (code, out, err) = interrupted("(unwind-protect (progn (princ \"ready\") (finish-output) (loop)) (princ \" cleanup\"))");
    assert_eq!((code, out.as_str()), (130, "ready cleanup"), "{err}");
    assert!(err.contains("interrupted"), "{err}");
}

#[test]
fn a_script_backtrace_is_bounded() {
    let p = script("deep.lisp", "(defun deep (n) (1+ (deep n)))\n(deep 1)\n");
    let (code, _, err) = run(clove().arg(&p));
    assert_eq!(code, 1);
    assert!(err.contains("STORAGE-CONDITION"), "{err}");
    let lines = err.lines().count();
    assert!(lines < 110, "{lines} lines");
    assert!(err.contains("  99: (DEEP 1)") && !err.contains("  100: (DEEP"), "{err}");
    let more = err.lines().last().unwrap();
    assert!(more.starts_with("  ... ") && more.ends_with(" more frames"), "{more}");
    // A short backtrace is printed whole.
    let p = script("shallow.lisp", "(defun shallow (n) (if (= n 0) (error \"bottom\") (1+ (shallow (1- n)))))\n(shallow 150)\n");
    let (code, _, err) = run(clove().args(["--non-interactive", "--load"]).arg(&p));
    assert_eq!(code, 1);
    // 151 calls and the top-level form.
    assert!(err.contains("  99: (SHALLOW 99)") && err.ends_with("  ... 52 more frames\n"), "{err}");
    let p = script("shallow.lisp", "(defun shallow (n) (if (= n 0) (error \"bottom\") (1+ (shallow (1- n)))))\n(shallow 90)\n");
    let (code, _, err) = run(clove().arg(&p));
    assert_eq!(code, 1);
    assert!(err.ends_with("  91: top-level form  [{}:2:1]\n".replace("{}", p.to_str().unwrap()).as_str()), "{err}");
}

/// The REPL over a pipe after --eval options, one of which fails.
fn options_then_repl(input: &str) -> (i32, String) {
    let mut child = clove()
        .args(["--quiet", "--eval", "(princ :first)", "--eval", "(error \"bad option\")", "--eval", "(princ :third)"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into())
}

#[test]
fn an_error_in_an_option_offers_restarts() {
    let (code, out) = options_then_repl("(princ :repl)\n");
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("FIRST") && out.contains("bad option"), "{out}");
    for restart in ["[CONTINUE] Ignore the option --eval \"(error \\\"bad option\\\")\" and go on.", "[ABORT   ] Skip the remaining --system, --eval and --load options.", "[EXIT    ] Exit clove."] {
        assert!(out.contains(restart), "{restart} in {out}");
    }
    // Skip this option: the next one runs, then the REPL.
    let (code, out) = options_then_repl("(continue)\n(princ :repl)\n");
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("THIRD") && out.contains("REPL"), "{out}");
    // Skip the rest: the REPL.
    let (code, out) = options_then_repl(":abort\n(princ :repl)\n");
    assert_eq!(code, 0, "{out}");
    assert!(!out.contains("THIRD") && out.contains("REPL"), "{out}");
    // Exit.
    let (code, out) = options_then_repl("(invoke-restart 'clove:exit)\n(princ :repl)\n");
    assert_eq!(code, 1, "{out}");
    assert!(!out.contains("THIRD") && !out.contains("REPL"), "{out}");
}
