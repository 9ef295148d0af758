//! The Lisp reader (CLHS 2.2): a character loop driven by the current
//! readtable; logos classifies finished tokens (numbers vs symbols).

use gc_arena::Mutation;

use crate::heap::Globals;

pub mod readtable;

/// Sets up `*readtable*` and `*features*` at startup.
pub fn init<'gc>(_mc: &Mutation<'gc>, _g: &Globals<'gc>) {}
