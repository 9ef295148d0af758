//! Fixture systems for the defsystem's process tests: a copy of a
//! directory of tests/asdf/ in a scratch directory of the test's own, and
//! clove run with the source registry holding only that copy and the
//! cache and configuration inside the scratch directory.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, SystemTime};

use super::{clove, dir, run};

pub struct Tree {
    pub root: PathBuf,
}

impl Tree {
    /// A copy of tests/asdf/`fixtures` under a fresh scratch directory `name`.
    pub fn new(fixtures: &str, name: &str) -> Tree {
        let root = dir().join(format!("asdf-{name}"));
        let _ = std::fs::remove_dir_all(&root);
        let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/asdf").join(fixtures);
        copy_dir(&from, &root.join("src"));
        Tree { root }
    }

    pub fn src(&self, file: &str) -> PathBuf {
        self.root.join("src").join(file)
    }

    /// Where the output of the source file `file` is cached.
    pub fn fasl(&self, file: &str) -> PathBuf {
        let cache = self.root.join("cache/common-lisp");
        let imp = std::fs::read_dir(&cache).unwrap().next().unwrap().unwrap().path();
        let src = self.src(file).with_extension("fasl");
        imp.join(src.strip_prefix("/").unwrap())
    }

    /// clove with the source registry holding only `registry`, the cache
    /// `cache` and the configuration inside the scratch directory.
    pub fn clove_with(&self, registry: &Path, cache: &str) -> Command {
        let mut cmd = clove();
        cmd.env("CL_SOURCE_REGISTRY", format!("{}//", registry.display()))
            .env("XDG_CACHE_HOME", self.root.join(cache))
            .env("XDG_CONFIG_HOME", self.root.join("config"))
            .env("HOME", &self.root)
            .env_remove("ASDF_OUTPUT_TRANSLATIONS")
            .arg("--non-interactive");
        cmd
    }

    /// clove finding the fixtures, with the cache `cache`.
    pub fn clove(&self) -> Command {
        self.clove_with(&self.root.join("src"), "cache")
    }

    /// Runs the forms in a fresh clove; status, stdout, stderr.
    pub fn eval(&self, forms: &[&str]) -> (i32, String, String) {
        let mut cmd = self.clove();
        for f in forms {
            cmd.args(["--eval", f]);
        }
        run(&mut cmd)
    }

    /// Rewrites a fixture file, with a write date later than any output so far.
    pub fn write(&self, file: &str, text: &str) {
        let path = self.src(file);
        std::fs::write(&path, text).unwrap();
        let later = SystemTime::now() + Duration::from_secs(5);
        std::fs::File::options().write(true).open(&path).unwrap().set_modified(later).unwrap();
    }
}

pub fn copy_dir(from: &Path, to: &Path) {
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

pub fn modified(path: &Path) -> SystemTime {
    std::fs::metadata(path).unwrap_or_else(|e| panic!("{}: {e}", path.display())).modified().unwrap()
}

/// Every file under `dir` whose name ends with `suffix`.
pub fn files_ending(dir: &Path, suffix: &str) -> Vec<PathBuf> {
    let mut found = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for entry in entries {
            let path = entry.unwrap().path();
            if path.is_dir() {
                found.extend(files_ending(&path, suffix));
            } else if path.to_string_lossy().ends_with(suffix) {
                found.push(path);
            }
        }
    }
    found
}
