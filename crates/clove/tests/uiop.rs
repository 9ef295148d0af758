//! UIOP functions that change the whole process (environment variables,
//! the current directory) cannot share a process with other tests: their
//! Lisp test file runs here in a `clove` process of its own.

mod common;

use common::{clove, run};

#[test]
fn process_wide_uiop_functions() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/lisp/");
    let (code, out, err) = run(clove()
        .arg("--non-interactive")
        .args(["--load", &format!("{root}harness.lisp")])
        .args(["--load", &format!("{root}uiop-process.lisp")])
        .args(["--eval", "(clove-test::exit-with-results)"]));
    assert!(out.contains(" checks, 0 failed"), "{out}{err}");
    assert_eq!(code, 0, "{out}{err}");
}

/// Runs a script made of `program`, with `env` set; status, stdout, stderr.
fn script_run(name: &str, program: &str, env: &[(&str, &str)]) -> (i32, String, String) {
    let p = common::script(name, program);
    let mut cmd = clove();
    cmd.arg(&p);
    for (k, v) in env {
        cmd.env(k, v);
    }
    run(&mut cmd)
}

#[test]
fn die_prints_and_exits_with_its_code() {
    let (code, out, err) = script_run("die.lisp", "(princ :before)\n(uiop:die 3 \"bad ~A\" 42)\n(princ :after)", &[]);
    assert_eq!((code, out.as_str()), (3, "BEFORE"));
    assert_eq!(err, "bad 42\n");
}

#[test]
fn shell_boolean_exit() {
    assert_eq!(script_run("sbe-t.lisp", "(uiop:shell-boolean-exit 42)", &[]).0, 0);
    assert_eq!(script_run("sbe-nil.lisp", "(uiop:shell-boolean-exit nil)", &[]).0, 1);
}

#[test]
fn restore_image_runs_hooks_prelude_and_entry_point_then_exits() {
    let program = "(uiop:register-image-restore-hook (lambda () (princ \"hook \")) nil)\n\
                   (uiop:restore-image :lisp-interaction nil :prelude \"(princ \\\"prelude \\\")\"\n\
                   :entry-point (lambda () (princ \"entry\") nil))\n(princ :not-reached)";
    let (code, out, _) = script_run("restore.lisp", program, &[]);
    assert_eq!((code, out.as_str()), (1, "hook prelude entry"));
    let (code, _, _) = script_run("restore-t.lisp", "(uiop:restore-image :lisp-interaction nil :entry-point (constantly t))", &[]);
    assert_eq!(code, 0);
}

#[test]
fn fatal_conditions_in_batch_mode_exit_99() {
    let program = "(uiop:restore-image :lisp-interaction nil :entry-point (lambda () (error \"boom ~A\" 7)))";
    let (code, _, err) = script_run("fatal.lisp", program, &[]);
    assert_eq!(code, 99, "{err}");
    assert!(err.starts_with("Fatal condition:\nboom 7\n"), "{err}");
    assert!(err.contains("Above backtrace due to this condition:\nboom 7"), "{err}");
}

#[test]
fn command_line_and_argv0() {
    let program = "(prin1 (list (uiop:command-line-arguments) uiop:*command-line-arguments* (rest (uiop:raw-command-line-arguments)) (uiop:argv0)))";
    let p = common::script("argv.lisp", program);
    let (code, out, err) = run(clove().arg(&p).args(["a", "--b"]).env_remove("__CL_ARGV0"));
    assert_eq!((code, out.as_str()), (0, "((\"a\" \"--b\") (\"a\" \"--b\") (\"a\" \"--b\") NIL)"), "{err}");
    let (_, out, _) = run(clove().arg(&p).env("__CL_ARGV0", "my-tool"));
    assert_eq!(out, "(NIL NIL NIL \"my-tool\")");
}

#[test]
fn restore_hooks_see_the_new_process() {
    // *temporary-directory* is set by a restore hook from this process's TMPDIR.
    let (code, out, _) = script_run("tmpdir.lisp", "(princ (namestring (uiop:temporary-directory)))", &[("TMPDIR", "/var/tmp")]);
    assert_eq!((code, out.as_str()), (0, "/var/tmp/"));
}

#[test]
fn a_failing_restore_hook_is_reported_and_the_start_goes_on() {
    // A relative XDG_CACHE_HOME makes the *user-cache* hook fail: that is
    // reported, the other hooks ran (the temporary directory comes from
    // TMPDIR), and the script runs.
    let (code, out, err) = script_run(
        "bad-xdg.lisp",
        "(princ (namestring (uiop:temporary-directory)))",
        &[("XDG_CACHE_HOME", "relative/dir"), ("TMPDIR", "/var/tmp")],
    );
    assert_eq!((code, out.as_str()), (0, "/var/tmp/"), "{err}");
    assert!(err.starts_with("clove: an image restore hook failed: "), "{err}");
}
