//! Readtables: per-character syntax types, reader macro functions,
//! dispatch tables and the readtable case.

use gc_arena::Collect;

use crate::heap::Value;

#[derive(Collect)]
#[collect(no_drop)]
pub struct Readtable<'gc> {
    /// Reader macro functions by character (Lisp functions or NIL for builtin).
    pub macros: Vec<(char, Value<'gc>)>,
}
