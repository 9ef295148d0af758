//! ASDF's configuration from the environment: CL_SOURCE_REGISTRY,
//! ASDF_OUTPUT_TRANSLATIONS, the XDG base directories and HOME, all
//! pointing into a fresh directory, for tests/lisp/asdf-config-process.lisp
//! run in a `clove` of its own (it creates the files it needs there).

mod common;

use common::{clove, run};

#[test]
fn configuration_from_the_environment() {
    let lisp = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/lisp/");
    let root = common::dir().join("asdf-config");
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(&root).unwrap();
    let r = format!("{}/", root.display());
    let (code, out, err) = run(clove()
        .arg("--non-interactive")
        .args(["--load", &format!("{lisp}harness.lisp")])
        .args(["--load", &format!("{lisp}asdf-config-process.lisp")])
        .args(["--eval", "(clove-test::exit-with-results)"])
        .env("CLOVE_TEST_ROOT", &r)
        .env("HOME", format!("{r}home/"))
        .env("XDG_CONFIG_HOME", format!("{r}config"))
        .env("XDG_CONFIG_DIRS", format!("{r}etc-xdg"))
        .env("XDG_DATA_HOME", format!("{r}data"))
        .env("XDG_DATA_DIRS", format!("{r}share1:{r}share2"))
        .env("XDG_CACHE_HOME", format!("{r}cache"))
        .env("CL_SOURCE_REGISTRY", format!("{r}env-tree//:{r}env-dir/:"))
        .env("ASDF_OUTPUT_TRANSLATIONS", "/ot-src/:/ot-out/:"));
    assert!(out.contains(" checks, 0 failed"), "{out}{err}");
    assert_eq!(code, 0, "{out}{err}");
}
