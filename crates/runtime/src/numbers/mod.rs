//! The numeric tower: fixnums, bignums, ratios, floats and complexes, with
//! CLHS chapter 12's contagion and canonicalisation rules. The primitives
//! live here by topic; `crate::builtins::numbers` lists them.

use gc_arena::Mutation;

use crate::heap::Globals;

pub mod arith;
pub mod bytes;
pub mod cmath;
pub mod compare;
mod constants;
pub mod explog;
pub mod float;
pub mod floats;
pub mod hash;
pub mod integer;
pub mod irrational;
pub mod ops;
pub mod parse;
pub mod parts;
pub mod random;
pub mod real;
pub mod rounding;
pub mod trig;
#[cfg(test)]
mod tests;

pub use arith::{add, div, mul, sub};
pub use compare::{compare, num_eq};
pub use hash::equalp_hash;
pub use integer::integer_to_string;

/// Defines the numeric constants (`most-positive-fixnum`, float limits,
/// `pi`, `boole-*`) and `*random-state*`.
pub fn init<'gc>(mc: &Mutation<'gc>, g: &Globals<'gc>) {
    constants::define_constants(mc, g);
}
