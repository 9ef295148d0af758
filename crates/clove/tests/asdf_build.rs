//! The defsystem's builds as a user sees them across processes: where
//! outputs go, what is rebuilt after a change (in a fresh process, across
//! systems), what a failed compilation leaves, forcing, a changed
//! :defsystem-depends-on extension, and `clove --system`. Each test copies
//! the fixture systems of tests/asdf/build/ into a scratch directory of its
//! own and points the source registry and the cache there.

mod common;

use std::time::{Duration, SystemTime};

use common::asdf::{files_ending, modified};
use common::run;

/// A copy of tests/asdf/build/ under a scratch directory of its own.
fn tree(name: &str) -> common::asdf::Tree {
    common::asdf::Tree::new("build", name)
}

#[test]
fn outputs_go_to_the_user_cache_and_a_second_process_rebuilds_nothing() {
    let t = tree("cache");
    let (code, out, err) = t.eval(&["(asdf:load-system \"beta\")", "(princ (beta:run))"]);
    assert_eq!((code, out.as_str()), (0, "10"), "{err}");
    assert!(files_ending(&t.root.join("src"), ".fasl").is_empty(), "fasls in the source tree");
    let fasls = ["alpha/package.lisp", "alpha/macros.lisp", "alpha/alpha.lisp", "beta/beta.lisp"].map(|f| t.fasl(f));
    let before: Vec<_> = fasls.iter().map(|f| modified(f)).collect();
    // The cache's directories are the user's alone.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(t.root.join("cache/common-lisp")).unwrap().permissions().mode();
        assert_eq!(mode & 0o077, 0, "cache directory mode {mode:o}");
    }
    let (code, out, err) = t.eval(&["(setf *compile-verbose* t)", "(asdf:load-system \"beta\")", "(princ (beta:run))"]);
    assert_eq!((code, out.as_str()), (0, "10"), "nothing is compiled the second time: {err}");
    let after: Vec<_> = fasls.iter().map(|f| modified(f)).collect();
    assert_eq!(before, after);
}

#[test]
fn a_changed_macro_recompiles_the_systems_that_use_it_in_a_fresh_process() {
    let t = tree("macro");
    assert_eq!(t.eval(&["(asdf:load-system \"beta\")", "(princ (beta:run))"]).1, "10");
    let package_fasl = modified(&t.fasl("alpha/package.lisp"));
    t.write("alpha/macros.lisp", "(in-package :alpha)\n(defmacro twice (x) `(* 3 ,x))\n");
    let (code, out, err) = t.eval(&["(asdf:load-system \"beta\")", "(princ (beta:run))", "(princ (alpha:greet))"]);
    assert_eq!((code, out.as_str()), (0, "15alpha 63"), "{err}");
    // What came before the change in the serial order is kept.
    assert_eq!(modified(&t.fasl("alpha/package.lisp")), package_fasl);
}

#[test]
fn a_failed_compilation_keeps_the_previous_fasl_and_the_fix_is_seen() {
    let t = tree("broken");
    let (code, out, err) = t.eval(&["(asdf:load-system \"broken\")", "(princ (broken::bad))"]);
    assert_eq!((code, out.as_str()), (0, "VERSION"), "{err}");
    let fasl = t.fasl("broken/bad.lisp");
    let (good, good_date) = (std::fs::read(&fasl).unwrap(), modified(&fasl));

    // A reader error: the load fails, names the file, and leaves the old fasl.
    t.write("broken/bad.lisp", "(in-package :broken)\n(defun bad () (values :oops\n");
    let (code, _, err) = t.eval(&["(asdf:load-system \"broken\")"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("bad.lisp"), "{err}");
    assert_eq!((std::fs::read(&fasl).unwrap(), modified(&fasl)), (good.clone(), good_date));

    // A warning while compiling is a failed compilation too
    // (*compile-file-failure-behaviour* :error).
    t.write("broken/bad.lisp", "(in-package :broken)\n(eval-when (:compile-toplevel) (warn \"deliberate\"))\n(defun bad () :warned)\n");
    let (code, _, err) = t.eval(&["(asdf:load-system \"broken\")"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("COMPILE-FILE-ERROR") || err.contains("failed"), "{err}");
    assert_eq!(std::fs::read(&fasl).unwrap(), good);
    // ... unless the user says to go on.
    let (code, _, err) = t.eval(&["(asdf:load-system \"broken\" :on-failure :warn)"]);
    assert_eq!(code, 0, "{err}");

    t.write("broken/bad.lisp", "(in-package :broken)\n(defun bad () :fixed)\n");
    let (code, out, err) = t.eval(&["(asdf:load-system \"broken\")", "(princ (broken::bad))"]);
    assert_eq!((code, out.as_str()), (0, "FIXED"), "{err}");
    // No temporary file is left beside the fasls.
    let dir = fasl.parent().unwrap();
    let names: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    assert!(names.iter().all(|n| (n.ends_with(".fasl") || n.ends_with(".fasl-digests")) && !n.contains("tmp")), "{names:?}");
}

#[test]
fn force_rebuilds_the_system_and_force_all_its_dependencies() {
    let t = tree("force");
    assert_eq!(t.eval(&["(asdf:load-system \"beta\")"]).0, 0);
    let (alpha, beta) = (t.fasl("alpha/alpha.lisp"), t.fasl("beta/beta.lisp"));
    let (a0, b0) = (modified(&alpha), modified(&beta));
    std::thread::sleep(Duration::from_millis(1100));
    assert_eq!(t.eval(&["(asdf:load-system \"beta\" :force t)"]).0, 0);
    let (a1, b1) = (modified(&alpha), modified(&beta));
    assert_eq!(a1, a0, ":force t is the system itself");
    assert!(b1 > b0);
    std::thread::sleep(Duration::from_millis(1100));
    assert_eq!(t.eval(&["(asdf:load-system \"beta\" :force :all)"]).0, 0);
    assert!(modified(&alpha) > a1);
    std::thread::sleep(Duration::from_millis(1100));
    let (a2, b2) = (modified(&alpha), modified(&beta));
    // (A system forced-not is not even defined: it must be loaded already.)
    let (code, _, err) = t.eval(&["(asdf:load-system \"alpha\")", "(asdf:load-system \"beta\" :force :all :force-not '(\"alpha\"))"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(modified(&alpha), a2, ":force-not wins");
    assert!(modified(&beta) > b2);
}

#[test]
fn a_changed_defsystem_depends_on_extension_reloads_the_definitions_using_it() {
    let t = tree("phases");
    let ext = t.src("gamma-ext/ext.lisp").display().to_string();
    let spicy = common::script(
        "spicy-ext.lisp",
        "(defpackage :gamma-ext (:use :cl :asdf) (:export #:noted-file #:*flavour*))\n\
         (in-package :gamma-ext)\n(defparameter *flavour* \"spicy\")\n\
         (defclass noted-file (cl-source-file) ())\n",
    );
    let rewrite = format!("(uiop:copy-file {:?} {ext:?})", spicy.display().to_string());
    let (code, out, err) = t.eval(&[
        "(asdf:load-system \"gamma\")",
        "(format t \"~A ~A \" cl-user::*gamma-asd-loads* (gamma:flavour))",
        "(sleep 1.1)",
        &rewrite,
        "(asdf:load-system \"gamma\")",
        "(format t \"~A ~A \" cl-user::*gamma-asd-loads* (gamma:flavour))",
        "(asdf:load-system \"gamma\")",
        "(format t \"~A ~A\" cl-user::*gamma-asd-loads* (gamma:flavour))",
    ]);
    assert_eq!((code, out.as_str()), (0, "1 plain 2 spicy 2 spicy"), "{err}");
}

#[test]
fn the_system_option_loads_systems_before_eval_and_the_script() {
    let t = tree("option");
    let (code, out, err) = run(t.clove().args(["--system", "alpha", "--system", "beta", "--eval", "(princ (beta:run))"]));
    assert_eq!((code, out.as_str()), (0, "10"), "{err}");
    let script = common::script("uses-beta.lisp", "(princ (alpha:greet))\n");
    let (code, out, err) = run(t.clove().args(["--system", "beta"]).arg(&script));
    assert_eq!((code, out.as_str()), (0, "alpha 42"), "{err}");
    let (code, _, err) = run(t.clove().args(["--system", "no-such-system", "--eval", "(princ :after)"]));
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("no-such-system"), "{err}");
}

#[test]
fn cl_user_has_the_commands_unqualified() {
    let t = tree("cl-user");
    let (code, out, err) = t.eval(&["(load-system \"beta\")", "(princ (beta:run))", "(princ (eq 'make 'asdf:make))"]);
    assert_eq!((code, out.as_str()), (0, "10T"), "{err}");
}

#[test]
fn a_fasl_from_another_clove_build_is_recompiled_never_loaded() {
    let t = tree("stale");
    assert_eq!(t.eval(&["(asdf:load-system \"alpha\")"]).0, 0);
    let fasl = t.fasl("alpha/alpha.lisp");
    let mut bytes = std::fs::read(&fasl).unwrap();
    bytes[8] ^= 0x20; // inside the build id
    std::fs::write(&fasl, &bytes).unwrap();
    let stale = modified(&fasl);
    std::thread::sleep(Duration::from_millis(1100));
    let (code, out, err) = t.eval(&["(asdf:load-system \"alpha\")", "(princ (alpha:greet))"]);
    assert_eq!((code, out.as_str()), (0, "alpha 42"), "{err}");
    assert!(modified(&fasl) > stale);
    assert_ne!(std::fs::read(&fasl).unwrap(), bytes);
}

#[test]
fn on_a_terminal_a_build_shows_one_status_line() {
    use std::io::Read;
    let t = tree("terminal");
    let size = nix::pty::Winsize { ws_row: 24, ws_col: 100, ws_xpixel: 0, ws_ypixel: 0 };
    let pty = nix::pty::openpty(Some(&size), None).unwrap();
    let mut child = t
        .clove()
        .args(["--eval", "(asdf:load-system \"beta\")", "--eval", "(princ :done)"])
        .stdout(std::process::Stdio::from(pty.slave.try_clone().unwrap()))
        .spawn()
        .unwrap();
    drop(pty.slave);
    let mut master = std::fs::File::from(pty.master);
    let mut bytes = Vec::new();
    let mut buf = [0u8; 4096];
    while let Ok(n) = master.read(&mut buf) {
        if n == 0 {
            break;
        }
        bytes.extend_from_slice(&buf[..n]);
    }
    assert!(child.wait().unwrap().success());
    let out = String::from_utf8_lossy(&bytes);
    // Each action overwrites the line; it is cleared at the end.
    assert!(out.contains("\r\x1b[K[1/") && out.contains("] compiling alpha/package"), "{out:?}");
    assert!(out.contains("] loading beta/beta"), "{out:?}");
    assert!(out.ends_with("\r\x1b[KDONE"), "{out:?}");
    assert!(!out.contains('\n'), "one line, no scroll: {out:?}");
}

#[test]
fn digests_decide_what_changed_not_dates() {
    let t = tree("digests");
    assert_eq!(t.eval(&["(asdf:load-system \"beta\")"]).0, 0);
    let fasls = ["alpha/package.lisp", "alpha/macros.lisp", "alpha/alpha.lisp", "beta/beta.lisp"].map(|f| t.fasl(f));
    let before: Vec<_> = fasls.iter().map(|f| modified(f)).collect();
    // A touch (a git checkout, a copy): newer dates, same contents. Nothing is rebuilt.
    for f in ["alpha/package.lisp", "alpha/macros.lisp", "alpha/alpha.lisp", "beta/beta.lisp", "alpha/alpha.asd"] {
        let text = std::fs::read_to_string(t.src(f)).unwrap();
        t.write(f, &text);
    }
    let (code, out, err) = t.eval(&["(asdf:load-system \"beta\")", "(princ (beta:run))"]);
    assert_eq!((code, out.as_str()), (0, "10"), "{err}");
    assert_eq!(fasls.iter().map(|f| modified(f)).collect::<Vec<_>>(), before, "a touch rebuilds nothing");
    // A new content with an old date: rebuilt all the same, and its users too.
    let macros = t.src("alpha/macros.lisp");
    std::fs::write(&macros, "(in-package :alpha)\n(defmacro twice (x) `(* 4 ,x))\n").unwrap();
    let old = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000_000);
    std::fs::File::options().write(true).open(&macros).unwrap().set_modified(old).unwrap();
    let (code, out, err) = t.eval(&["(asdf:load-system \"beta\")", "(princ (beta:run))"]);
    assert_eq!((code, out.as_str()), (0, "20"), "{err}");
    // With digests off, dates alone decide (ASDF's behaviour): a touch rebuilds.
    let text = std::fs::read_to_string(t.src("beta/beta.lisp")).unwrap();
    t.write("beta/beta.lisp", &text);
    let beta = modified(&t.fasl("beta/beta.lisp"));
    let (code, _, err) = t.eval(&["(setf asdf/digest:*use-digests* nil)", "(asdf:load-system \"beta\")"]);
    assert_eq!(code, 0, "{err}");
    assert!(modified(&t.fasl("beta/beta.lisp")) > beta);
}

#[test]
fn uiop_and_asdf_are_built_in_systems_never_read_from_disk() {
    let t = tree("builtin");
    let (code, out, err) = t.eval(&[
        "(asdf:load-system \"delta\")",
        "(princ (delta:words \"a b\"))",
        "(princ (list (asdf:load-system \"uiop\") (require \"uiop\") (require \"asdf\")))",
        "(princ (asdf:system-source-file (asdf:find-system \"uiop\")))",
    ]);
    assert_eq!((code, out.as_str()), (0, "(a b)(T NIL NIL)NIL"), "{err}");
}

#[test]
fn files_that_do_not_need_each_other_compile_in_parallel_workers() {
    let t = tree("parallel");
    let run = |jobs: &str| {
        t.eval(&[
            "(defvar cl-user::*compiled-here* nil)",
            &format!("(setf clove:*build-jobs* {jobs})"),
            "(asdf:load-system \"wide\" :force t)",
            "(format t \"~A ~A\" (wide:sum) (sort (copy-list cl-user::*compiled-here*) #'<))",
        ])
    };
    // Serially, every file is compiled in this process.
    let (code, out, err) = run("1");
    assert_eq!((code, out.as_str()), (0, "10 (1 2 3 4)"), "{err}");
    assert!(err.contains("NO-SUCH-FUNCTION-ANYWHERE"), "{err}");
    // With four workers, the four independent files are compiled in forked
    // workers: their compile-time effects stay there. The result, and the
    // undefined function reported at the end, are the same.
    let (code, out, err) = run("4");
    assert_eq!((code, out.as_str()), (0, "10 NIL"), "{err}");
    assert!(err.contains("NO-SUCH-FUNCTION-ANYWHERE"), "{err}");
    // A file that does not compile fails the build as it does serially.
    t.write("wide/w3.lisp", "(in-package :wide)\n(defun w3 () (oops\n");
    let (code, _, err) = run("4");
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("w3"), "{err}");
}

#[test]
fn undeclared_needs_build_in_parallel_as_they_do_serially() {
    let t = tree("loose");
    let run = |jobs: &str| {
        t.eval(&[
            &format!("(setf clove:*build-jobs* {jobs})"),
            "(asdf:load-system \"loose\" :force t)",
            "(format t \"~S\" (list (loose:answer) (loose:flag)))",
        ])
    };
    for jobs in ["1", "4"] {
        // The files compiled in workers before the macro and the feature
        // were loaded are compiled again here at their turn.
        let (code, out, err) = run(jobs);
        assert_eq!((code, out.as_str()), (0, "(42 :ON)"), "jobs {jobs}: {err}");
        assert!(!err.contains("TWICE"), "jobs {jobs}: {err}");
    }
}
