//! Instances (structures, conditions and, later, CLOS objects) and the
//! catch-all `Object` for the runtime's other first-class types.

use gc_arena::{Collect, Gc, Lock, Mutation, RefLock};

use super::value::Value;
use crate::reader::readtable::Readtable;

/// An instance: a class (or structure layout) and a vector of slots.
#[derive(Collect)]
#[collect(no_drop)]
pub struct Instance<'gc> {
    pub class: Lock<Value<'gc>>,
    pub slots: RefLock<Vec<Value<'gc>>>,
}

impl<'gc> Instance<'gc> {
    pub fn new(mc: &Mutation<'gc>, class: Value<'gc>, slots: Vec<Value<'gc>>) -> Gc<'gc, Instance<'gc>> {
        Gc::new(mc, Instance { class: Lock::new(class), slots: RefLock::new(slots) })
    }
}

#[derive(Collect)]
#[collect(no_drop)]
pub enum Object<'gc> {
    Readtable(RefLock<Readtable<'gc>>),
    /// A compiled code object (the bytecode of one lambda).
    Code(Gc<'gc, crate::bytecode::Code<'gc>>),
    RandomState(RefLock<crate::numbers::random::Rng>),
    /// A lexical environment as macro functions see it (`&environment`):
    /// a list of `(:macro name . fn)`, `(:function name)`,
    /// `(:symbol-macro name . expansion)` and `(:variable name)` entries,
    /// innermost first.
    Env(Value<'gc>),
    /// A fasl being loaded: its bytes and the objects read so far.
    Fasl(RefLock<crate::marshal::FaslState<'gc>>),
    /// An immutable pathname (CLHS 19).
    Pathname(crate::pathnames::Pathname<'gc>),
}
