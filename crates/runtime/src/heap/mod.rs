//! The heap: every Lisp object type, allocated in the gc-arena.

pub mod array;
pub mod cons;
pub mod equal;
pub mod function;
pub mod globals;
pub mod hash;
pub mod limit;
pub mod number;
pub mod object;
pub mod package;
pub mod symbol;
pub mod value;
pub mod weak;

pub use cons::{cons, list, Cons};
pub use globals::{Globals, Sym};
pub use value::Value;
