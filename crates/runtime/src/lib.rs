//! clove-runtime: the heap, reader, printer, compiler and stackless VM of
//! the clove Common Lisp runtime. See docs/architecture.md.

pub mod bytecode;
pub mod compiler;
pub mod heap;
pub mod numbers;
pub mod printer;
pub mod reader;
pub mod streams;
pub mod vm;
pub mod builtins;
pub mod runtime;
pub mod boot;
pub mod compat;
pub mod marshal;
pub mod pathnames;
pub mod clos;
pub mod os;
pub mod fuzz;
