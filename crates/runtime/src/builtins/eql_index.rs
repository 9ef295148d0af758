//! A hash index of values under EQ or EQL, so REMOVE-DUPLICATES and the
//! list set functions run in linear time with their default test.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};

use super::seq_args::{Func, Test};
use crate::heap::Value;

/// The hash of `v` consistent with `eql` (numbers by value, other heap
/// objects by address) or with `eq` (everything by identity).
pub fn hash_of(v: Value<'_>, eq: bool) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    match v {
        Value::Fixnum(n) => n.hash(&mut h),
        Value::Char(c) => c.hash(&mut h),
        Value::Single(f) => f.to_bits().hash(&mut h),
        Value::Double(d) => d.to_bits().hash(&mut h),
        Value::Bignum(b) if !eq => b.0.hash(&mut h),
        Value::Ratio(r) if !eq => (&r.num, &r.den).hash(&mut h),
        Value::Complex(c) if !eq => (hash_of(c.re, false), hash_of(c.im, false)).hash(&mut h),
        other => other.heap_addr().unwrap_or(0).hash(&mut h),
    }
    h.finish()
}

/// Values grouped by hash; each entry remembers a caller-chosen tag.
pub struct EqlIndex<'gc> {
    eq: bool,
    map: HashMap<u64, Vec<(Value<'gc>, usize)>>,
}

impl<'gc> EqlIndex<'gc> {
    /// An index for `test`, when it is plain EQ or EQL (not negated).
    pub fn for_test(test: Test<'gc>) -> Option<EqlIndex<'gc>> {
        match (test.f, test.negate) {
            (Func::Eq, false) => Some(EqlIndex { eq: true, map: HashMap::new() }),
            (Func::Eql, false) => Some(EqlIndex { eq: false, map: HashMap::new() }),
            _ => None,
        }
    }

    pub fn insert(&mut self, v: Value<'gc>, tag: usize) {
        self.map.entry(hash_of(v, self.eq)).or_default().push((v, tag));
    }

    /// The tags of the entries equal to `v`.
    pub fn get(&self, v: Value<'gc>) -> impl Iterator<Item = usize> + use<'_, 'gc> {
        let eq = self.eq;
        self.map
            .get(&hash_of(v, eq))
            .into_iter()
            .flatten()
            .filter(move |(w, _)| if eq { w.eq(v) } else { w.eql(v) })
            .map(|(_, t)| *t)
    }

    pub fn contains(&self, v: Value<'gc>) -> bool {
        self.get(v).next().is_some()
    }
}
