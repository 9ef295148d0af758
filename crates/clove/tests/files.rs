//! File operations (CLHS 20) on a real temporary directory: probe-file,
//! truename, directory with wildcards and symbolic links, creating,
//! renaming and deleting files, file dates and authors, the file-errors of
//! missing files, names that are not UTF-8, and load, *load-pathname* and
//! *load-truename* with pathnames.

mod common;

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

use common::{clove, dir, run};

/// A fresh directory holding a.lisp, b.txt, .hidden, sub/c.lisp,
/// sub/deep/d.lisp and link.lisp -> sub/c.lisp.
fn tree(name: &str) -> PathBuf {
    let root = dir().join(name);
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(root.join("sub/deep")).unwrap();
    for f in ["a.lisp", "b.txt", ".hidden", "sub/c.lisp", "sub/deep/d.lisp"] {
        std::fs::write(root.join(f), "(setq *x* 1)\n").unwrap();
    }
    std::os::unix::fs::symlink("sub/c.lisp", root.join("link.lisp")).unwrap();
    root.canonicalize().unwrap()
}

/// Runs `forms` with the current directory at `root`; returns stdout.
fn eval_in(root: &Path, forms: &str) -> String {
    let (code, out, err) = run(clove().current_dir(root).args(["--non-interactive", "--eval", forms]));
    assert_eq!(code, 0, "{err}");
    out
}

#[test]
fn probe_file_and_truename_resolve_links_and_directories() {
    let root = tree("probe");
    let r = root.display();
    let out = eval_in(
        &root,
        r#"(progn (print (list (probe-file "link.lisp") (probe-file "sub") (probe-file "nope") (truename "sub/../a.lisp")))
                  (print *default-pathname-defaults*))"#,
    );
    assert_eq!(
        out.trim(),
        format!("(#P\"{r}/sub/c.lisp\" #P\"{r}/sub/\" NIL #P\"{r}/a.lisp\") \n#P\"{r}/\"").trim()
    );
}

#[test]
fn missing_files_signal_file_errors_naming_the_pathname() {
    let root = tree("missing");
    let out = eval_in(
        &root,
        r#"(dolist (f (list (lambda () (truename "nope.l")) (lambda () (delete-file "nope.l"))
                            (lambda () (file-write-date "nope.l")) (lambda () (file-author "nope.l"))
                            (lambda () (rename-file "nope.l" "other.l")) (lambda () (load "nope.l"))))
             (print (handler-case (funcall f) (file-error (e) (namestring (file-error-pathname e))))))"#,
    );
    let lines: Vec<&str> = out.split_whitespace().collect();
    assert_eq!(lines.len(), 6, "{out}");
    assert!(lines.iter().all(|l| l.contains("nope.l")), "{out}");
    let out = eval_in(&root, r#"(print (list (load "nope.l" :if-does-not-exist nil) (handler-case (probe-file "*.l") (file-error () :wild))))"#);
    assert_eq!(out.trim(), "(NIL :WILD)");
    let out = eval_in(&root, r#"(print (handler-case (delete-file 12) (type-error (e) (type-error-datum e))))"#);
    assert_eq!(out.trim(), "12");
}

#[test]
fn directory_matches_wildcards() {
    let root = tree("listing");
    let r = root.display();
    let out = eval_in(
        &root,
        r#"(progn (print (directory "*.lisp")) (print (directory "**/*.lisp")) (print (directory "*/"))
                  (print (directory "*.*")) (print (directory "s*/*.l?sp")) (print (directory "nothing/*.*")))"#,
    );
    let want = [
        format!("(#P\"{r}/a.lisp\" #P\"{r}/sub/c.lisp\")"),
        format!("(#P\"{r}/a.lisp\" #P\"{r}/sub/c.lisp\" #P\"{r}/sub/deep/d.lisp\")"),
        format!("(#P\"{r}/sub/\")"),
        format!("(#P\"{r}/.hidden\" #P\"{r}/a.lisp\" #P\"{r}/b.txt\" #P\"{r}/sub/c.lisp\" #P\"{r}/sub/\")"),
        format!("(#P\"{r}/sub/c.lisp\")"),
        "NIL".to_string(),
    ];
    let got: Vec<&str> = out.lines().filter(|l| !l.trim().is_empty()).map(str::trim).collect();
    assert_eq!(got, want, "{out}");
}

#[test]
fn files_are_created_renamed_and_deleted() {
    let root = tree("changes");
    let r = root.display();
    let out = eval_in(
        &root,
        r#"(progn
             (print (multiple-value-list (ensure-directories-exist "new/deeper/x.l")))
             (print (multiple-value-list (ensure-directories-exist "new/deeper/x.l")))
             (print (multiple-value-list (rename-file "b.txt" "renamed")))
             (print (list (probe-file "b.txt") (delete-file "renamed.txt") (probe-file "renamed.txt")))
             (print (list (integerp (file-write-date "a.lisp")) (stringp (file-author "a.lisp"))
                          (< (abs (- (file-write-date "a.lisp") (get-universal-time))) 600))))"#,
    );
    let want = format!(
        "(\"new/deeper/x.l\" T) \n(\"new/deeper/x.l\" NIL) \n(#P\"{r}/renamed.txt\" #P\"{r}/b.txt\" #P\"{r}/renamed.txt\") \n(NIL T NIL) \n(T T T)"
    );
    assert_eq!(out.trim(), want);
    assert!(root.join("new/deeper").is_dir());
    assert!(!root.join("b.txt").exists() && !root.join("renamed.txt").exists());
}

#[test]
fn names_that_are_not_utf8_can_be_listed_and_deleted() {
    let root = tree("bytes");
    let odd = root.join(OsStr::from_bytes(b"bad\xffname.lisp"));
    std::fs::write(&odd, "").unwrap();
    let out = eval_in(
        &root,
        r#"(let ((p (find-if (lambda (p) (search "bad" (namestring p))) (directory "*.lisp"))))
             (print (list (char-code (char (pathname-name p) 3)) (delete-file p) (probe-file p))))"#,
    );
    assert_eq!(out.trim(), format!("({} T NIL)", 0x10FF00 + 0xFF));
    assert!(!odd.exists());
}

#[test]
fn load_binds_pathnames() {
    let root = tree("loading");
    let r = root.display();
    std::fs::write(root.join("show.lisp"), "(print (list *load-pathname* *load-truename*))\n").unwrap();
    let out = eval_in(&root, r#"(progn (load #p"show.lisp") (load "link.lisp") (print (list *load-pathname* (symbol-value '*x*))))"#);
    assert_eq!(out.trim(), format!("(#P\"{r}/show.lisp\" #P\"{r}/show.lisp\") \n(NIL 1)"));
    // A name without a type loads its source, or its fasl once that is newer.
    let out = eval_in(&root, r#"(load "show")"#);
    assert_eq!(out.trim(), format!("(#P\"{r}/show\" #P\"{r}/show.lisp\")"));
    let out = eval_in(&root, r#"(progn (compile-file "show") (load "show"))"#);
    assert!(out.trim().ends_with(&format!("(#P\"{r}/show\" #P\"{r}/show.fasl\")")), "{out}");
}

#[test]
fn pathname_literals_survive_a_fasl() {
    let root = tree("fasl");
    std::fs::write(root.join("lit.lisp"), "(print (list #p\"/a/b.c\" (pathname-name #p\"/a/b.c\") (equal #p\"/a/b.c\" (pathname \"/a/b.c\"))))\n").unwrap();
    let out = eval_in(&root, r#"(progn (compile-file "lit.lisp") (load "lit.fasl"))"#);
    assert_eq!(out.trim(), "(#P\"/a/b.c\" \"b\" T)");
}
