//! Readtables: per-character syntax types, reader macro functions,
//! dispatch tables and the readtable case.

use gc_arena::Collect;

use crate::heap::object::Object;
use crate::heap::Value;
use crate::vm::Cx;

/// `readtable-case`.
#[derive(Copy, Clone, PartialEq, Eq, Debug, Collect)]
#[collect(require_static)]
pub enum Case {
    Upcase,
    Downcase,
    Preserve,
    Invert,
}

#[derive(Collect)]
#[collect(no_drop)]
pub struct Readtable<'gc> {
    pub case: Case,
    /// Reader macro functions by character (Lisp functions or NIL for builtin).
    pub macros: Vec<(char, Value<'gc>)>,
}

/// The case of the current readtable (`*readtable*`), Upcase if unset.
pub fn current_case<'gc>(cx: &Cx<'gc, '_>) -> Case {
    match cx.g.s.readtable.value() {
        Value::Object(o) => match &*o {
            Object::Readtable(rt) => rt.borrow().case,
            _ => Case::Upcase,
        },
        _ => Case::Upcase,
    }
}
