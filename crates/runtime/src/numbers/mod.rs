//! The numeric tower: fixnums, bignums, ratios, floats and complexes, with
//! CLHS chapter 12's contagion and canonicalisation rules.

use gc_arena::Mutation;

use crate::heap::Globals;

/// Defines the numeric constants (`most-positive-fixnum`, float limits...).
pub fn init<'gc>(_mc: &Mutation<'gc>, _g: &Globals<'gc>) {}
