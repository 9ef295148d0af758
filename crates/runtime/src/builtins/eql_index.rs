//! A hash set of values under EQ or EQL, so REMOVE-DUPLICATES and the
//! list set functions run in linear time with their default test.

use std::hash::{Hash, Hasher};

use hashbrown::HashTable;

use super::seq_args::{Func, Test};
use crate::heap::Value;

/// Spreads the bits of a word (a multiplicative mix, enough for a table hash).
#[inline]
fn mix(x: u64) -> u64 {
    let x = (x ^ (x >> 31)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    x ^ (x >> 29)
}

/// The hash of `v` consistent with `eql` (numbers by value, other heap
/// objects by address) or with `eq` (everything by identity).
pub fn hash_of(v: Value<'_>, eq: bool) -> u64 {
    match v {
        Value::Nil => mix(0),
        Value::Fixnum(n) => mix(n as u64),
        Value::Char(c) => mix(c as u64 ^ 0x1_0000_0000),
        Value::Single(f) => mix(f.to_bits() as u64 ^ 0x2_0000_0000),
        Value::Double(d) => mix(d.to_bits() ^ 3),
        Value::Bignum(_) | Value::Ratio(_) | Value::Complex(_) if !eq => {
            let mut h = std::collections::hash_map::DefaultHasher::new();
            match v {
                Value::Bignum(b) => b.0.hash(&mut h),
                Value::Ratio(r) => (&r.num, &r.den).hash(&mut h),
                Value::Complex(c) => (hash_of(c.re, false), hash_of(c.im, false)).hash(&mut h),
                _ => {}
            }
            h.finish()
        }
        other => mix(other.heap_addr().unwrap_or(0) as u64),
    }
}

/// A set of values compared with EQ or EQL.
pub struct EqlIndex<'gc> {
    eq: bool,
    table: HashTable<Value<'gc>>,
}

impl<'gc> EqlIndex<'gc> {
    /// An index for `test`, when it is plain EQ or EQL (not negated).
    pub fn for_test(test: Test<'gc>) -> Option<EqlIndex<'gc>> {
        match (test.f, test.negate) {
            (Func::Eq, false) => Some(EqlIndex { eq: true, table: HashTable::new() }),
            (Func::Eql, false) => Some(EqlIndex { eq: false, table: HashTable::new() }),
            _ => None,
        }
    }

    fn same(&self, a: Value<'gc>, b: Value<'gc>) -> bool {
        if self.eq {
            a.eq(b)
        } else {
            a.eql(b)
        }
    }

    /// Adds `v` (nothing happens if an equal value is present).
    pub fn insert(&mut self, v: Value<'gc>) {
        let eq = self.eq;
        let h = hash_of(v, eq);
        if self.table.find(h, |w| if eq { w.eq(v) } else { w.eql(v) }).is_none() {
            self.table.insert_unique(h, v, |w| hash_of(*w, eq));
        }
    }

    pub fn contains(&self, v: Value<'gc>) -> bool {
        self.table.find(hash_of(v, self.eq), |w| self.same(*w, v)).is_some()
    }
}
