//! clove's compatibility systems as a user sees them: a library that
//! refuses an unknown Lisp (trivial-gray-streams here) is provided by
//! clove's own implementation, written into the cache, even when the
//! user's tree holds the original; a newer version on disk is reported;
//! CLOVE:*COMPATIBILITY-SYSTEMS* turns it off. Fixtures: tests/asdf/compat/.

mod common;

use common::asdf::Tree;

#[test]
fn a_library_that_refuses_clove_is_provided_by_its_compatibility_system() {
    let t = Tree::new("compat", "compat-provided");
    let (code, out, err) = t.eval(&[
        "(asdf:load-system \"uses-tgs\")",
        "(format t \"~S~%~A\" (uses-tgs:collect) (asdf:system-source-file (asdf:find-system \"trivial-gray-streams\")))",
    ]);
    assert_eq!(code, 0, "{err}");
    let mut lines = out.lines();
    assert_eq!(lines.next(), Some("(#\\a (:SEQUENCE \"cd\") #\\Newline)"), "{out}");
    let asd = lines.next().unwrap_or_default();
    let cache = t.root.join("cache/common-lisp");
    assert!(asd.starts_with(&cache.display().to_string()) && asd.ends_with("/clove-compat/trivial-gray-streams/trivial-gray-streams.asd"), "{asd}");
    // The version on disk is newer than clove's: said once.
    assert_eq!(err.matches("instead of the newer trivial-gray-streams 9.1").count(), 1, "{err}");
    assert!(!err.contains("not supported"), "{err}");

    // A damaged or outdated copy in the cache is written again.
    std::fs::write(std::path::Path::new(asd).with_file_name("streams.lisp"), "(error \"stale\")").unwrap();
    let (code, out, err) = t.eval(&["(asdf:load-system \"uses-tgs\")", "(format t \"~S\" (uses-tgs:collect))"]);
    assert_eq!((code, out.as_str()), (0, "(#\\a (:SEQUENCE \"cd\") #\\Newline)"), "{err}");
}

#[test]
fn without_the_compatibility_system_the_library_on_disk_is_loaded() {
    let t = Tree::new("compat", "compat-off");
    let (code, _, err) = t.eval(&["(setf clove:*compatibility-systems* '())", "(asdf:load-system \"trivial-gray-streams\")"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("Sorry, your Lisp is not supported."), "{err}");
    // A list naming it keeps it.
    let (code, _, err) = t.eval(&[
        "(setf clove:*compatibility-systems* '(\"trivial-gray-streams\"))",
        "(asdf:load-system \"trivial-gray-streams\")",
    ]);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn trivial_features_is_provided_and_the_features_are_there() {
    let t = Tree::new("compat", "compat-features");
    let (code, out, err) = t.eval(&[
        "(asdf:load-system \"trivial-features\")",
        "(format t \"~S\" (mapcar (lambda (f) (and (member f *features*) t)) '(:unix :64-bit :little-endian)))",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("not supported"), "{err}");
    assert_eq!(out, "(T T T)", "{err}");
}
