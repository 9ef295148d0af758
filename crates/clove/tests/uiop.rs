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
