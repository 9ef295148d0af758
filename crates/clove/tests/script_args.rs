//! The command line as the shell and other tools give it: a script's
//! arguments are the script's (options included), bytes that are not
//! UTF-8, scripts from standard input, pipes and FIFOs, directories, the
//! SBCL toplevel flags, init files and --dynamic-space-size.

mod common;

use std::ffi::OsStr;
use std::io::{Read, Write};
use std::os::unix::ffi::OsStrExt;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::{clove, dir, run, script};

const PRINT_ARGS: &str = "#!/usr/bin/env clove\n(prin1 (uiop:command-line-arguments))\n";

#[test]
fn options_after_the_script_are_the_scripts() {
    let p = script("tool.lisp", PRINT_ARGS);
    // What the kernel runs for `./tool.lisp --eval '(print :injected)' x`.
    let (code, out, err) = run(clove().arg(&p).args(["--eval", "(print :injected)", "x"]));
    assert_eq!((code, out.as_str()), (0, r#"("--eval" "(print :injected)" "x")"#), "{err}");
    let (code, out, _) = run(clove().arg(&p).arg("--help"));
    assert_eq!((code, out.as_str()), (0, r#"("--help")"#));
    let (code, out, _) = run(clove().arg(&p).args(["-q", "x"]));
    assert_eq!((code, out.as_str()), (0, r#"("-q" "x")"#));
    let (code, out, _) = run(clove().arg("--script").arg(&p).args(["--version", "--load", "nothing"]));
    assert_eq!((code, out.as_str()), (0, r#"("--version" "--load" "nothing")"#));
    // Options before the script are clove's.
    let (code, out, _) = run(clove().args(["--eval", "(princ 1)"]).arg(&p).arg("--eval"));
    assert_eq!((code, out.as_str()), (0, r#"1("--eval")"#));
}

#[test]
fn arguments_and_file_names_need_not_be_utf8() {
    let p = script("bytes.lisp", "(prin1 (map 'list #'char-code (first (uiop:command-line-arguments))))");
    let (code, out, err) = run(clove().arg(&p).arg(OsStr::from_bytes(b"a\xff")));
    // A byte that is not UTF-8 is the character U+10FF00 + byte, as in file names.
    assert_eq!((code, out.as_str()), (0, "(97 1114111)"), "{err}");
    let odd = dir().join(OsStr::from_bytes(b"caf\xe9.lisp"));
    std::fs::write(&odd, "(princ :ran)").unwrap();
    let (code, out, err) = run(clove().arg(&odd));
    assert_eq!((code, out.as_str()), (0, "RAN"), "{err}");
    let (code, out, err) = run(clove().arg("--load").arg(&odd).arg("--non-interactive"));
    assert_eq!((code, out.as_str()), (0, "RAN"), "{err}");
}

/// Waits for `child`, killing it (and failing) if it is still running
/// after a minute: the behaviour under test used to hang.
fn finish(mut child: Child) -> (i32, String, String) {
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > Duration::from_secs(60) {
            child.kill().unwrap();
            panic!("clove hung");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into(), String::from_utf8_lossy(&out.stderr).into())
}

fn with_stdin(cmd: &mut Command, input: &str) -> (i32, String, String) {
    let mut child = cmd.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    finish(child)
}

#[test]
fn scripts_from_standard_input() {
    // (The first read-line reads the end of the line the form is on.)
    let program = "#!/usr/bin/env clove\n(prin1 (uiop:command-line-arguments))\n(progn (read-line) (princ (read-line)))\n";
    // The script reads the rest of its own input, as with sbcl --script.
    let (code, out, err) = with_stdin(clove().args(["-", "a", "--b"]), &format!("{program}after the program\n"));
    assert_eq!((code, out.as_str()), (0, r#"("a" "--b")after the program"#), "{err}");
    let (code, out, err) = with_stdin(clove().args(["--script", "/dev/stdin", "x"]), PRINT_ARGS);
    assert_eq!((code, out.as_str()), (0, r#"("x")"#), "{err}");
    let (code, out, err) = with_stdin(clove().arg("--script"), "(princ (+ 1 2))");
    assert_eq!((code, out.as_str()), (0, "3"), "{err}");
}

#[test]
fn scripts_from_process_substitution_and_fifos() {
    let clove_path = env!("CARGO_BIN_EXE_clove");
    let child = Command::new("bash")
        .arg("-c")
        .arg(format!("'{clove_path}' <(printf '(princ (+ 40 2))') arg"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let (code, out, err) = finish(child);
    assert_eq!((code, out.as_str()), (0, "42"), "{err}");
    // A fasl through a pipe is still a fasl.
    let src = script("piped.lisp", "(princ :compiled)");
    let form = format!("(compile-file {:?})", src.to_str().unwrap());
    let (code, _, err) = run(clove().args(["--non-interactive", "--eval", &form]));
    assert_eq!(code, 0, "{err}");
    let fasl = src.with_extension("fasl");
    let child = Command::new("bash")
        .arg("-c")
        .arg(format!("'{clove_path}' <(cat '{}')", fasl.display()))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let (code, out, err) = finish(child);
    assert_eq!((code, out.as_str()), (0, "COMPILED"), "{err}");

    let fifo = dir().join("program.fifo");
    let _ = std::fs::remove_file(&fifo);
    assert!(Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    for args in [vec![], vec!["--script"]] {
        let child = clove().args(&args).arg(&fifo).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
        let mut w = std::fs::OpenOptions::new().write(true).open(&fifo).unwrap();
        w.write_all(b"#!/usr/bin/env clove\n(princ :from-fifo)\n").unwrap();
        drop(w);
        let (code, out, err) = finish(child);
        assert_eq!((code, out.as_str()), (0, "FROM-FIFO"), "{args:?} {err}");
    }
}

#[test]
fn a_directory_is_a_file_error() {
    let d = dir().join("a-directory");
    std::fs::create_dir_all(&d).unwrap();
    let (code, _, err) = run(clove().arg(&d));
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("FILE-ERROR") && err.contains("a-directory/") && err.contains("is a directory"), "{err}");
    let form = format!("(handler-case (load {:?}) (file-error (e) (princ (file-error-pathname e))))", d.display().to_string());
    let (code, out, err) = run(clove().args(["--non-interactive", "--eval", &form]));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("a-directory"), "{out}");
}

/// A home directory and XDG config directory of their own, with an init
/// file in each.
fn init_home(tag: &str) -> std::path::PathBuf {
    let home = dir().join(format!("home-{tag}"));
    std::fs::create_dir_all(home.join("config/clove")).unwrap();
    std::fs::write(home.join("config/clove/init.lisp"), "(defvar cl-user::*inits* nil) (push :xdg cl-user::*inits*)").unwrap();
    std::fs::write(home.join(".cloverc"), "(defvar cl-user::*inits* nil) (push :rc cl-user::*inits*)").unwrap();
    home
}

fn clove_at(home: &std::path::Path) -> Command {
    let mut c = clove();
    c.env("HOME", home).env("XDG_CONFIG_HOME", home.join("config"));
    c
}

#[test]
fn init_files_load_before_options_and_the_repl_but_not_for_scripts() {
    let home = init_home("a");
    let show = "(prin1 (if (boundp '*inits*) (reverse *inits*) :none))";
    let (code, out, err) = run(clove_at(&home).args(["--non-interactive", "--eval", show]));
    assert_eq!((code, out.as_str()), (0, "(:XDG :RC)"), "{err}");
    let (code, out, _) = with_stdin(clove_at(&home).arg("--quiet"), &format!("{show}\n"));
    assert_eq!(code, 0);
    assert!(out.contains("(:XDG :RC)"), "{out}");
    let (code, out, _) = run(clove_at(&home).args(["--no-userinit", "--non-interactive", "--eval", show]));
    assert_eq!((code, out.as_str()), (0, ":NONE"));
    let other = script("other-init.lisp", "(defvar *inits* (list :other))");
    let (code, out, _) = run(clove_at(&home).arg("--userinit").arg(&other).args(["--non-interactive", "--no-sysinit", "--eval", show]));
    assert_eq!((code, out.as_str()), (0, "(:OTHER)"));
    let p = script("no-init.lisp", show);
    let (code, out, _) = run(clove_at(&home).arg(&p));
    assert_eq!((code, out.as_str()), (0, ":NONE"));
    let (code, out, _) = run(clove_at(&home).arg("--script").arg(&p));
    assert_eq!((code, out.as_str()), (0, ":NONE"));
}

#[test]
fn sbcl_toplevel_flags() {
    // --quit: no REPL after the options (its input is not read).
    let (code, out, _) = with_stdin(clove().args(["--eval", "(princ :opt)", "--quit"]), "(princ :repl)\n");
    assert_eq!((code, out.as_str()), (0, "OPT"));
    // --noinform: no banner.
    let (_, out, _) = with_stdin(clove().arg("--noinform"), "(+ 1 2)\n");
    assert!(!out.contains("clove ") && out.contains('3'), "{out}");
    let (_, out, _) = with_stdin(&mut clove(), "(+ 1 2)\n");
    assert!(out.starts_with("clove "), "{out}");
    // --disable-debugger: an error in the REPL reports and exits 1.
    let (code, out, err) = with_stdin(clove().args(["--disable-debugger", "--quiet"]), "(car 1)\n(princ :after)\n");
    assert_eq!(code, 1, "{out}");
    assert!(err.contains("TYPE-ERROR") && !out.contains("debugger invoked") && !out.contains("AFTER"), "{out} {err}");
    // --end-toplevel-options: the rest are arguments.
    let (code, out, _) = run(clove().args(["--non-interactive", "--eval", "(prin1 (uiop:command-line-arguments))", "--end-toplevel-options", "--eval", "x"]));
    assert_eq!((code, out.as_str()), (0, r#"("--eval" "x")"#));
    // --name=value.
    let (code, out, _) = run(clove().args(["--eval=(princ 5)", "--non-interactive"]));
    assert_eq!((code, out.as_str()), (0, "5"));
}

#[test]
fn bad_options_are_refused_with_a_message() {
    for (args, says) in [
        (vec!["--bogus"], "unknown option --bogus"),
        (vec!["--eval"], "--eval needs a form"),
        (vec!["--dynamic-space-size", "0"], "too small"),
        (vec!["--dynamic-space-size", "-5"], "not a size"),
        (vec!["--dynamic-space-size", "lots"], "not a size"),
        (vec!["--dynamic-space-size", "3XB"], "not a size"),
    ] {
        let (code, out, err) = run(clove().arg("--non-interactive").args(&args));
        assert_eq!(code, 2, "{args:?}");
        assert!(out.is_empty() && err.contains(says) && err.contains("clove --help"), "{args:?}: {err}");
    }
}

#[test]
fn dynamic_space_size_takes_units() {
    let show = "(princ (floor (sys::%heap-limit) 1048576))";
    for (size, mb) in [("300", "300"), ("2GB", "2048"), ("512MB", "512"), ("1gb", "1024")] {
        let (code, out, err) = run(clove().args(["--dynamic-space-size", size, "--non-interactive", "--eval", show]));
        assert_eq!((code, out.as_str()), (0, mb), "{size}: {err}");
    }
}

#[test]
fn help_describes_every_option() {
    let (code, out, _) = run(clove().arg("--help"));
    assert_eq!(code, 0);
    for flag in [
        "--eval", "--load", "--script", "--non-interactive", "--disable-debugger", "--quit", "--userinit", "--no-userinit",
        "--no-sysinit", "--noinform", "--end-toplevel-options", "--dynamic-space-size", "--version", "init.lisp", ".cloverc",
    ] {
        assert!(out.contains(flag), "{flag} in {out}");
    }
    let mut version = String::new();
    clove().arg("-V").stdout(Stdio::piped()).spawn().unwrap().stdout.unwrap().read_to_string(&mut version).unwrap();
    assert!(version.starts_with("clove "), "{version}");
}
