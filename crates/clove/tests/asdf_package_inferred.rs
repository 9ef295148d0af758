//! Package-inferred systems across processes: a package form edited
//! between two runs changes what the next, fresh process loads, and the
//! errors a user sees. Each test copies the fixture systems of
//! tests/asdf/package-inferred/ into a scratch directory of its own and
//! points the source registry and the cache there.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, SystemTime};

use common::{clove, run};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/asdf/package-inferred");

struct Tree {
    root: PathBuf,
}

impl Tree {
    /// A copy of the fixture systems under a fresh scratch directory.
    fn new(name: &str) -> Tree {
        let root = common::dir().join(format!("asdf-pis-{name}"));
        let _ = std::fs::remove_dir_all(&root);
        copy_dir(Path::new(FIXTURES), &root.join("src"));
        Tree { root }
    }

    fn src(&self, file: &str) -> PathBuf {
        self.root.join("src").join(file)
    }

    /// Where the output of the source file `file` is cached.
    fn fasl(&self, file: &str) -> PathBuf {
        let cache = self.root.join("cache/common-lisp");
        let imp = std::fs::read_dir(&cache).unwrap().next().unwrap().unwrap().path();
        let src = self.src(file).with_extension("fasl");
        imp.join(src.strip_prefix("/").unwrap())
    }

    /// clove with the source registry holding only the fixtures, and the
    /// cache and configuration inside the scratch directory.
    fn clove(&self) -> Command {
        let mut cmd = clove();
        cmd.env("CL_SOURCE_REGISTRY", format!("{}//", self.root.join("src").display()))
            .env("XDG_CACHE_HOME", self.root.join("cache"))
            .env("XDG_CONFIG_HOME", self.root.join("config"))
            .env("HOME", &self.root)
            .env_remove("ASDF_OUTPUT_TRANSLATIONS")
            .arg("--non-interactive");
        cmd
    }

    /// Runs the forms in a fresh clove; status, stdout, stderr.
    fn eval(&self, forms: &[&str]) -> (i32, String, String) {
        let mut cmd = self.clove();
        for f in forms {
            cmd.args(["--eval", f]);
        }
        run(&mut cmd)
    }

    /// Rewrites a fixture file, with a write date later than any output so far.
    fn write(&self, file: &str, text: &str) {
        let path = self.src(file);
        std::fs::write(&path, text).unwrap();
        let later = SystemTime::now() + Duration::from_secs(5);
        std::fs::File::options().write(true).open(&path).unwrap().set_modified(later).unwrap();
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

fn modified(path: &Path) -> SystemTime {
    std::fs::metadata(path).unwrap_or_else(|e| panic!("{}: {e}", path.display())).modified().unwrap()
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
    let t = Tree::new("edit");
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
    let t = Tree::new("nopkg");
    t.write("clove-pis/core.lisp", "(in-package :cl-user)\n(defun core-value () 42)\n");
    let (code, _, err) = t.eval(&["(asdf:load-system \"clove-pis\")"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("No package form found"), "{err}");
    assert!(err.contains("clove-pis/core") && err.contains("core.lisp"), "{err}");
}

#[test]
fn files_using_each_other_are_a_circular_dependency() {
    let t = Tree::new("cycle");
    let (code, _, err) = t.eval(&["(asdf:load-system \"clove-pis-bad/cycle-a\")"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("CIRCULAR-DEPENDENCY") && err.contains("clove-pis-bad/cycle-b"), "{err}");
}

#[test]
fn the_system_option_loads_an_inferred_system() {
    let t = Tree::new("option");
    let (code, out, err) =
        run(t.clove().args(["--system", "clove-pis/core", "--eval", "(princ (clove-pis/core:core-value))"]));
    assert_eq!((code, out.as_str()), (0, "42"), "{err}");
    assert!(!t.fasl("clove-pis/all.lisp").exists(), "only what clove-pis/core needs is built");
}
