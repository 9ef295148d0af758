//! Helpers shared by the command-line tests: running the built `clove`
//! and writing input files into a per-process temporary directory.

#![allow(dead_code)]

pub mod asdf;

use std::path::PathBuf;
use std::process::{Command, Output};

pub fn clove() -> Command {
    Command::new(env!("CARGO_BIN_EXE_clove"))
}

/// A fresh file `name` holding `text`, in this test process's directory.
pub fn script(name: &str, text: &str) -> PathBuf {
    let path = dir().join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// This test process's temporary directory.
pub fn dir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("clove-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Exit status, standard output and standard error.
pub fn run(cmd: &mut Command) -> (i32, String, String) {
    let Output {
        status,
        stdout,
        stderr,
    } = cmd.output().unwrap();
    (
        status.code().unwrap_or(-1),
        String::from_utf8_lossy(&stdout).into(),
        String::from_utf8_lossy(&stderr).into(),
    )
}
