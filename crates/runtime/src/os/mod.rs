//! The operating-system layer that UIOP stands on: the process's
//! environment and current directory (`env.rs`), and child processes with
//! their pipes (`process.rs`), forked workers (`fork.rs`). Lisp reaches it through `SYS` primitives; names and values
//! cross as Lisp strings in which bytes that are not UTF-8 appear as
//! U+10FF00 + byte (`pathnames::os`), so nothing is lost either way.

pub mod env;
pub mod fork;
pub mod process;
