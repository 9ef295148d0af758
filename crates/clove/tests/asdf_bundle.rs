//! ASDF's bundles across processes: the one fasl compile-bundle-op makes
//! for a system, and the monolithic one holding its dependencies too, load
//! in a fresh process with the effects of the files in order; the .asd
//! deliver-asd-op writes loads the bundle once the sources are gone; the
//! one source file concatenate-source-op writes loads as the files did; a
//! system that fails to compile makes no bundle; images are not made yet.
//! Each test copies the fixture systems of tests/asdf/bundle/ into a
//! scratch directory of its own and points the source registry and the
//! cache there.

mod common;

use std::path::{Path, PathBuf};

use common::asdf::{files_ending, Tree};
use common::{clove, run};

/// What the fixture systems' files push on bundle-base:*trace*, in load order.
const ALL_FILES: &str = "(:BASE-PACKAGE :BASE-MACROS :BASE-BASE :APP-PACKAGE :APP-ONE :APP-TWO)";

/// Prints the trace, in load order, and what bundle-app:run returns.
const SHOW: &str = "(format t \"~S ~S\" (reverse bundle-base:*trace*) (bundle-app:run))";

/// A copy of tests/asdf/bundle/ under a scratch directory of its own.
fn tree(name: &str) -> Tree {
    Tree::new("bundle", &format!("bundle-{name}"))
}

/// Performs the operation on the system in a fresh clove and returns the
/// namestring of its output file.
fn output_of(t: &Tree, op: &str, system: &str) -> PathBuf {
    let (code, out, err) = t.eval(&[
        &format!("(asdf:operate '{op} \"{system}\")"),
        &format!("(princ (namestring (asdf:output-file '{op} \"{system}\")))"),
    ]);
    assert_eq!(code, 0, "{op} on {system}: {err}");
    PathBuf::from(out)
}

/// Runs the forms in a fresh clove that knows no system.
fn eval_alone(forms: &[String]) -> (i32, String, String) {
    let mut cmd = clove();
    cmd.env(
        "CL_SOURCE_REGISTRY",
        "(:source-registry :ignore-inherited-configuration)",
    )
    .env(
        "XDG_CACHE_HOME",
        common::dir().join("asdf-bundle-unused-cache"),
    )
    .arg("--non-interactive");
    for f in forms {
        cmd.args(["--eval", f]);
    }
    run(&mut cmd)
}

fn load(file: &Path) -> String {
    format!("(load {:?})", file.display().to_string())
}

#[test]
fn bundles_go_to_the_cache_and_load_in_a_fresh_process_as_their_files_did() {
    let t = tree("plain");
    let base = output_of(&t, "asdf:compile-bundle-op", "bundle-base");
    let app = output_of(&t, "asdf:compile-bundle-op", "bundle-app");
    // Beside the fasls of the system's files, in the user cache.
    let cached_src = t.root.join("src");
    assert!(
        app.starts_with(t.root.join("cache/common-lisp")),
        "{}",
        app.display()
    );
    assert!(
        app.ends_with(
            cached_src
                .strip_prefix("/")
                .unwrap()
                .join("app/bundle-app--system.fasl")
        ),
        "{}",
        app.display()
    );
    assert!(
        base.ends_with("base/bundle-base--system.fasl"),
        "{}",
        base.display()
    );
    assert!(
        files_ending(&t.root.join("src"), ".fasl").is_empty(),
        "fasls in the source tree"
    );
    let (code, out, err) = eval_alone(&[load(&base), load(&app), SHOW.into()]);
    assert_eq!(
        (code, out.as_str()),
        (0, format!("{ALL_FILES} 210").as_str()),
        "{err}"
    );
    // The app's bundle holds the app's files only.
    let (code, _, err) = eval_alone(&[load(&app)]);
    assert_eq!(code, 1);
    assert!(err.contains("BUNDLE-BASE"), "{err}");
}

#[test]
fn load_bundle_op_loads_the_bundles_and_a_second_process_rebuilds_nothing() {
    let t = tree("load");
    let op = "(asdf:operate 'asdf:load-bundle-op \"bundle-app\")";
    let (code, _, err) = t.eval(&[op, "(princ (asdf:component-loaded-p \"bundle-app\"))"]);
    assert_eq!(code, 0, "{err}");
    let bundles = files_ending(&t.root.join("cache"), "--system.fasl");
    assert_eq!(bundles.len(), 2, "{bundles:?}");
    let dates: Vec<_> = bundles
        .iter()
        .map(|b| std::fs::metadata(b).unwrap().modified().unwrap())
        .collect();
    // Up to date, nothing is compiled; as with SBCL and ASDF 3.3.6, the
    // files each system's bundle needed at compile time are loaded, then
    // the bundle.
    let (code, out, err) = t.eval(&[op, SHOW, "(princ (asdf:component-loaded-p \"bundle-app\"))"]);
    let expected = "(:BASE-PACKAGE :BASE-MACROS :BASE-PACKAGE :BASE-MACROS :BASE-BASE :BASE-BASE \
                    :APP-PACKAGE :APP-ONE :APP-PACKAGE :APP-ONE :APP-TWO) 210T";
    assert_eq!((code, out.as_str()), (0, expected), "{err}");
    let after: Vec<_> = bundles
        .iter()
        .map(|b| std::fs::metadata(b).unwrap().modified().unwrap())
        .collect();
    assert_eq!(dates, after);
}

#[test]
fn a_monolithic_bundle_holds_the_dependencies() {
    let t = tree("monolithic");
    let all = output_of(&t, "asdf:monolithic-compile-bundle-op", "bundle-app");
    assert!(
        all.ends_with("app/bundle-app--all-systems.fasl"),
        "{}",
        all.display()
    );
    let (code, out, err) = eval_alone(&[load(&all), SHOW.into()]);
    assert_eq!(
        (code, out.as_str()),
        (0, format!("{ALL_FILES} 210").as_str()),
        "{err}"
    );
    // monolithic-load-bundle-op loads that file, after the files its
    // compilation needed (as load-bundle-op does).
    let (code, out, err) = t.eval(&[
        "(asdf:operate 'asdf:monolithic-load-bundle-op \"bundle-app\")",
        SHOW,
    ]);
    let expected = "(:BASE-PACKAGE :BASE-MACROS :BASE-BASE :APP-PACKAGE :APP-ONE \
                    :BASE-PACKAGE :BASE-MACROS :BASE-BASE :APP-PACKAGE :APP-ONE :APP-TWO) 210";
    assert_eq!((code, out.as_str()), (0, expected), "{err}");
}

/// Moves the .asd and fasl of each delivered system into `delivered/` and
/// removes the sources.
fn deliver(t: &Tree, asds: &[PathBuf]) -> PathBuf {
    let delivered = t.root.join("delivered");
    std::fs::create_dir_all(&delivered).unwrap();
    for asd in asds {
        let text = std::fs::read_to_string(asd).unwrap();
        let fasl = text
            .split("(:COMPILED-FILE \"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap();
        let dir = asd.parent().unwrap();
        for file in [
            asd.file_name().unwrap().to_str().unwrap().to_string(),
            format!("{fasl}.fasl"),
        ] {
            std::fs::rename(dir.join(&file), delivered.join(&file)).unwrap();
        }
    }
    std::fs::remove_dir_all(t.root.join("src")).unwrap();
    std::fs::remove_dir_all(t.root.join("cache")).unwrap();
    delivered
}

#[test]
fn delivered_asd_files_load_the_bundles_without_the_sources() {
    let t = tree("deliver");
    let base = output_of(&t, "asdf:deliver-asd-op", "bundle-base");
    let app = output_of(&t, "asdf:deliver-asd-op", "bundle-app");
    assert!(app.ends_with("app/bundle-app.asd"), "{}", app.display());
    let text = std::fs::read_to_string(&app).unwrap();
    assert!(
        text.starts_with(
            ";;; Prebuilt ASDF definition for system bundle-app\n;;; Built for clove "
        ),
        "{text}"
    );
    let delivered = deliver(&t, &[base, app]);
    let mut cmd = t.clove_with(&delivered, "cache2");
    cmd.args([
        "--eval",
        "(asdf:load-system \"bundle-app\")",
        "--eval",
        SHOW,
    ]);
    cmd.args([
        "--eval",
        "(princ (type-of (asdf:find-system \"bundle-app\")))",
    ]);
    let (code, out, err) = run(&mut cmd);
    assert_eq!(
        (code, out.as_str()),
        (0, format!("{ALL_FILES} 210PREBUILT-SYSTEM").as_str()),
        "{err}"
    );
    assert!(
        files_ending(&t.root.join("cache2"), ".fasl").is_empty(),
        "something was compiled"
    );
}

#[test]
fn a_monolithic_delivered_asd_needs_nothing_else() {
    let t = tree("deliver-mono");
    let app = output_of(&t, "asdf:monolithic-deliver-asd-op", "bundle-app");
    let text = std::fs::read_to_string(&app).unwrap();
    assert!(
        text.starts_with(";;; Prebuilt monolithic ASDF definition for system bundle-app\n"),
        "{text}"
    );
    let delivered = deliver(&t, &[app]);
    let mut cmd = t.clove_with(&delivered, "cache2");
    cmd.args([
        "--eval",
        "(asdf:load-system \"bundle-app\")",
        "--eval",
        SHOW,
    ]);
    cmd.args(["--eval", "(princ (asdf:find-system \"bundle-base\" nil))"]);
    let (code, out, err) = run(&mut cmd);
    assert_eq!(
        (code, out.as_str()),
        (0, format!("{ALL_FILES} 210NIL").as_str()),
        "{err}"
    );
}

#[test]
fn concatenated_sources_load_as_the_files_did() {
    let t = tree("concatenate");
    let all = output_of(&t, "asdf:monolithic-concatenate-source-op", "bundle-app");
    assert!(
        all.ends_with("app/bundle-app--all-systems.lisp"),
        "{}",
        all.display()
    );
    let (code, out, err) = eval_alone(&[load(&all), SHOW.into()]);
    assert_eq!(
        (code, out.as_str()),
        (0, format!("{ALL_FILES} 210").as_str()),
        "{err}"
    );
    let own = output_of(&t, "asdf:concatenate-source-op", "bundle-app");
    let sources: String = ["app-package", "one", "two"]
        .iter()
        .map(|f| std::fs::read_to_string(t.root.join(format!("src/app/{f}.lisp"))).unwrap())
        .collect();
    assert_eq!(std::fs::read_to_string(&own).unwrap(), sources);
    // Compiled, then loaded, in another process.
    let (code, out, err) = t.eval(&[
        "(asdf:operate 'asdf:monolithic-load-compiled-concatenated-source-op \"bundle-app\")",
        SHOW,
    ]);
    assert_eq!(
        (code, out.as_str()),
        (0, format!("{ALL_FILES} 210").as_str()),
        "{err}"
    );
}

#[test]
fn a_system_that_fails_to_compile_makes_no_bundle() {
    let t = tree("broken");
    let (code, _, err) = t.eval(&["(asdf:operate 'asdf:compile-bundle-op \"bundle-broken\")"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("COMPILE-FILE-ERROR") && err.contains("\"bundle-broken\" \"bad\""),
        "{err}"
    );
    assert!(files_ending(&t.root.join("cache"), "--system.fasl")
        .iter()
        .all(|f| !f.ends_with("bundle-broken--system.fasl")));
    let (code, _, err) =
        t.eval(&["(asdf:operate 'asdf:monolithic-deliver-asd-op \"bundle-broken\")"]);
    assert_eq!(code, 1, "{err}");
    assert!(files_ending(&t.root.join("cache"), ".asd").is_empty());
}

#[test]
fn images_and_programs_are_not_made_yet() {
    let t = tree("image");
    for op in ["asdf:image-op", "asdf:program-op"] {
        let (code, _, err) = t.eval(&[&format!("(asdf:operate '{op} \"bundle-app\")")]);
        assert_eq!(code, 1, "{err}");
        assert!(
            err.contains("NOT-IMPLEMENTED-ERROR") && err.contains("later version"),
            "{err}"
        );
    }
    // lib-op and dll-op compile the system and write nothing (as on SBCL).
    let (code, out, err) = t.eval(&[
        "(asdf:operate 'asdf:lib-op \"bundle-app\")",
        "(asdf:operate 'asdf:monolithic-dll-op \"bundle-app\")",
        "(princ (asdf:output-files 'asdf:lib-op \"bundle-app\"))",
    ]);
    assert_eq!((code, out.as_str()), (0, "NIL"), "{err}");
    assert!(
        files_ending(&t.root.join("cache"), ".a").is_empty()
            && files_ending(&t.root.join("cache"), ".so").is_empty()
    );
}
