//! Package-inferred systems across processes: a package form edited
//! between two runs changes what the next, fresh process loads, and the
//! errors a user sees. Each test copies the fixture systems of
//! tests/asdf/package-inferred/ into a scratch directory of its own and
//! points the source registry and the cache there.

mod common;

use std::path::Path;

use common::asdf::modified;
use common::run;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/asdf/package-inferred");

/// A copy of tests/asdf/package-inferred/ under a scratch directory of its own.
fn tree(name: &str) -> common::asdf::Tree {
    common::asdf::Tree::new("package-inferred", &format!("pis-{name}"))
}

const TEXT_USING_LATER: &str = "(uiop:define-package :clove-pis/util/text
  (:use :cl :clove-pis/later)
  (:mix :clove-pis/base)
  (:export #:shout #:list-of #:text-later))
(in-package :clove-pis/util/text)
(defun shout (x) (format nil \"~:@(~A~)!\" x))
(defun text-later () (list :text (later-value)))
";

#[test]
fn an_edited_package_form_changes_what_a_fresh_process_loads() {
    let t = tree("edit");
    let (code, out, err) = t.eval(&["(asdf:load-system \"clove-pis\")", "(princ (clove-pis:total))"]);
    assert_eq!((code, out.as_str()), (0, "1142"), "{err}");
    assert!(!t.fasl("clove-pis/later.lisp").exists(), "a file no package form names is not built");
    let base = modified(&t.fasl("clove-pis/base.lisp"));

    // text.lisp now uses the package of later.lisp: later.lisp is built and
    // loaded first; base.lisp, untouched, is not compiled again.
    t.write("clove-pis/util/text.lisp", TEXT_USING_LATER);
    let (code, out, err) = t.eval(&[
        "(asdf:load-system \"clove-pis\")",
        "(format t \"~S ~S\" (asdf:system-depends-on (asdf:find-system \"clove-pis/util/text\")) \
         (clove-pis/util/text:text-later))",
    ]);
    assert_eq!((code, out.as_str()), (0, "(\"clove-pis/later\" \"clove-pis/base\") (:TEXT :LATER)"), "{err}");
    assert!(t.fasl("clove-pis/later.lisp").exists());
    assert_eq!(modified(&t.fasl("clove-pis/base.lisp")), base);

    // Back to the first package form: the dependency is gone.
    t.write("clove-pis/util/text.lisp", &std::fs::read_to_string(Path::new(FIXTURES).join("clove-pis/util/text.lisp")).unwrap());
    let (code, out, err) = t.eval(&[
        "(asdf:load-system \"clove-pis\")",
        "(format t \"~S ~S ~S\" (asdf:system-depends-on (asdf:find-system \"clove-pis/util/text\")) \
         (clove-pis:core-shout \"hi\") (find-package \"CLOVE-PIS/LATER\"))",
    ]);
    assert_eq!((code, out.as_str()), (0, "(\"clove-pis/base\") \"HI!\" NIL"), "{err}");
}

#[test]
fn a_file_without_a_package_form_is_an_error_naming_it() {
    let t = tree("nopkg");
    t.write("clove-pis/core.lisp", "(in-package :cl-user)\n(defun core-value () 42)\n");
    let (code, _, err) = t.eval(&["(asdf:load-system \"clove-pis\")"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("No package form found"), "{err}");
    assert!(err.contains("clove-pis/core") && err.contains("core.lisp"), "{err}");
}

#[test]
fn files_using_each_other_are_a_circular_dependency() {
    let t = tree("cycle");
    let (code, _, err) = t.eval(&["(asdf:load-system \"clove-pis-bad/cycle-a\")"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("CIRCULAR-DEPENDENCY") && err.contains("clove-pis-bad/cycle-b"), "{err}");
}

#[test]
fn the_system_option_loads_an_inferred_system() {
    let t = tree("option");
    let (code, out, err) =
        run(t.clove().args(["--system", "clove-pis/core", "--eval", "(princ (clove-pis/core:core-value))"]));
    assert_eq!((code, out.as_str()), (0, "42"), "{err}");
    assert!(!t.fasl("clove-pis/all.lisp").exists(), "only what clove-pis/core needs is built");
}
