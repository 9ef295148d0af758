//! Structural equality (`equal`, `equalp`) and the hash function that goes
//! with each equality test (for hash tables and `sxhash`). Comparison runs
//! on an explicit work stack, never recursing in Rust on user data.

use std::cell::Cell;

use gc_arena::Gc;
use num_bigint::BigInt;
use num_traits::{One, ToPrimitive, Zero};

use super::array::{Array, ArrayData, Storage};
use super::hash::{self, Test};
use super::object::Instance;
use super::value::{Value, FIXNUM_MAX};
use crate::builtins::unicode;

/// Pending comparisons beyond which input is taken to be circular through
/// its cars (or absurdly deep) and the objects are reported different.
const MAX_PENDING: usize = 1 << 20;
/// Nesting of hash tables compared by `equalp` inside one another.
const MAX_TABLE_NESTING: u32 = 64;
/// How deep and how many conses and array elements the structural hashes look at.
const HASH_DEPTH: u32 = 4;
const HASH_BUDGET: u32 = 64;

/// `equal` (CLHS): `eql`, conses compared recursively, strings and bit
/// vectors elementwise (case-sensitively); other objects only when `eq`.
/// Pathnames compare by components.
pub fn equal<'gc>(a: Value<'gc>, b: Value<'gc>) -> bool {
    compare(a, b, Mode::Equal)
}

/// `equalp` (CLHS): characters ignoring case, numbers by `=`, conses and
/// arrays of any rank elementwise, hash tables by count, test and entries.
/// Structures of the same type compare slot by slot; other instances are
/// `equalp` only when `eq`.
pub fn equalp<'gc>(a: Value<'gc>, b: Value<'gc>) -> bool {
    compare(a, b, Mode::Equalp)
}

#[derive(Copy, Clone, PartialEq)]
enum Mode {
    Equal,
    Equalp,
}

enum Job<'gc> {
    Pair(Value<'gc>, Value<'gc>),
    /// The rest of two lists, walked along their cdrs. `mark`, `power` and
    /// `steps` are Brent's cycle detector on the first list's chain.
    Lists {
        a: Value<'gc>,
        b: Value<'gc>,
        mark: Value<'gc>,
        power: usize,
        steps: usize,
    },
    /// Slots `i..` of two structures of the same type.
    Slots {
        a: Gc<'gc, Instance<'gc>>,
        b: Gc<'gc, Instance<'gc>>,
        i: usize,
    },
    /// Elements `i..n` (row-major) of two arrays of the same shape.
    Arrays {
        a: Gc<'gc, Array<'gc>>,
        b: Gc<'gc, Array<'gc>>,
        i: usize,
        n: usize,
    },
}

/// What comparing two objects at the top level found.
enum Step<'gc> {
    Same,
    Differ,
    More(Job<'gc>),
}

fn compare<'gc>(a: Value<'gc>, b: Value<'gc>, mode: Mode) -> bool {
    let mut stack = vec![Job::Pair(a, b)];
    while let Some(job) = stack.pop() {
        match job {
            Job::Pair(a, b) => match shallow(a, b, mode) {
                Step::Same => {}
                Step::Differ => return false,
                Step::More(j) => stack.push(j),
            },
            Job::Lists { mut a, mut b, mut mark, mut power, mut steps } => loop {
                let (Value::Cons(ca), Value::Cons(cb)) = (a, b) else {
                    match shallow(a, b, mode) {
                        Step::Same => break,
                        Step::Differ => return false,
                        Step::More(j) => {
                            stack.push(j);
                            break;
                        }
                    }
                };
                let (x, y) = (ca.car(), cb.car());
                a = ca.cdr();
                b = cb.cdr();
                steps += 1;
                if a.eq(mark) && matches!(a, Value::Cons(_)) {
                    // The first list is circular: a finite list differs from
                    // it, and two circular ones are outside CLHS's promise.
                    return false;
                }
                if steps == power {
                    mark = a;
                    power *= 2;
                    steps = 0;
                }
                match shallow(x, y, mode) {
                    Step::Same => {}
                    Step::Differ => return false,
                    Step::More(j) => {
                        stack.push(Job::Lists { a, b, mark, power, steps });
                        stack.push(j);
                        break;
                    }
                }
            },
            Job::Slots { a: x, b: y, i } => {
                let pair = (x.slots.borrow().get(i).copied(), y.slots.borrow().get(i).copied());
                if let (Some(ex), Some(ey)) = pair {
                    stack.push(Job::Slots { a: x, b: y, i: i + 1 });
                    stack.push(Job::Pair(ex, ey));
                }
            }
            Job::Arrays { a: x, b: y, i, n } => {
                if i < n {
                    let (ex, ey) = (element(&x.borrow(), i), element(&y.borrow(), i));
                    stack.push(Job::Arrays { a: x, b: y, i: i + 1, n });
                    match (ex, ey) {
                        (Some(ex), Some(ey)) => stack.push(Job::Pair(ex, ey)),
                        _ => return false,
                    }
                }
            }
        }
        if stack.len() > MAX_PENDING {
            return false;
        }
    }
    true
}

/// Compares two objects without descending into conses or general arrays.
fn shallow<'gc>(a: Value<'gc>, b: Value<'gc>, mode: Mode) -> Step<'gc> {
    use Value::*;
    if a.eql(b) {
        return Step::Same;
    }
    let same = |t: bool| if t { Step::Same } else { Step::Differ };
    match (a, b, mode) {
        (Cons(_), Cons(_), _) => Step::More(Job::Lists { a, b, mark: Value::Unbound, power: 1, steps: 0 }),
        (Array(x), Array(y), Mode::Equal) => same(arrays_equal(&x.borrow(), &y.borrow())),
        (Char(x), Char(y), Mode::Equalp) => same(unicode::fold(x) == unicode::fold(y)),
        (Array(x), Array(y), Mode::Equalp) => {
            let (dx, dy) = (x.borrow(), y.borrow());
            if dimensions(&dx) != dimensions(&dy) {
                return Step::Differ;
            }
            if let (Some(sx), Some(sy)) = (direct_chars(&dx), direct_chars(&dy)) {
                return same(sx.iter().zip(sy).all(|(p, q)| unicode::fold(*p) == unicode::fold(*q)));
            }
            Step::More(Job::Arrays { a: x, b: y, i: 0, n: total_size(&dx) })
        }
        (HashTable(x), HashTable(y), Mode::Equalp) => same(tables_equalp(x, y)),
        (Instance(x), Instance(y), Mode::Equalp) => {
            let class = x.class.get();
            if !class.eq(y.class.get()) || !is_structure_type(class) || x.slots.borrow().len() != y.slots.borrow().len() {
                return Step::Differ;
            }
            Step::More(Job::Slots { a: x, b: y, i: 0 })
        }
        (Object(_), Object(_), _) => match (crate::pathnames::as_pathname(&a), crate::pathnames::as_pathname(&b)) {
            (Some(x), Some(y)) => same(pathnames_equal(x, y)),
            _ => Step::Differ,
        },
        (_, _, Mode::Equalp) if a.is_number() && b.is_number() => same(num_eq(a, b)),
        _ => Step::Differ,
    }
}

/// True for the class of a structure instance: a class whose metaclass is
/// `CL:STRUCTURE-CLASS` (see builtins/types/structure.rs).
fn is_structure_type(class: Value<'_>) -> bool {
    let Value::Symbol(meta) = crate::clos::metaclass_name(class) else { return false };
    &*meta.name == "STRUCTURE-CLASS"
        && matches!(meta.package.get(), Value::Package(p) if p.borrow().name == "COMMON-LISP")
}

/// Pathnames are `equal` when their components are, case-sensitively
/// under `equalp` too, and with a version of NIL the same as `:newest`, as
/// in SBCL. A component is at most a short list of strings and symbols, so
/// the comparison nests one level only.
fn pathnames_equal<'gc>(x: &crate::pathnames::Pathname<'gc>, y: &crate::pathnames::Pathname<'gc>) -> bool {
    let (mut a, mut b) = (x.components(), y.components());
    for v in [&mut a[5], &mut b[5]] {
        if matches!(*v, Value::Symbol(s) if &*s.name == "NEWEST") {
            *v = Value::Nil;
        }
    }
    x.logical == y.logical && a.iter().zip(b).all(|(&p, q)| compare(p, q, Mode::Equal))
}

/// `equal` on two arrays that are not `eq`: strings and bit vectors elementwise.
fn arrays_equal<'gc>(x: &ArrayData<'gc>, y: &ArrayData<'gc>) -> bool {
    let kind = |d: &ArrayData<'_>| match (&d.storage, d.is_vector()) {
        (Storage::Char(_), true) => 1,
        (Storage::Bit(_), true) => 2,
        _ => 0,
    };
    let k = kind(x);
    if k == 0 || k != kind(y) || x.length() != y.length() {
        return false;
    }
    if let (Some(sx), Some(sy)) = (direct_chars(x), direct_chars(y)) {
        return sx == sy;
    }
    (0..x.length()).all(|i| match (element(x, i), element(y, i)) {
        (Some(p), Some(q)) => p.eq(q),
        _ => false,
    })
}

/// The active characters of an undisplaced string, as a slice.
fn direct_chars<'a>(d: &'a ArrayData<'_>) -> Option<&'a [char]> {
    match &d.storage {
        Storage::Char(v) if d.is_vector() && d.displaced.is_none() => v.get(..d.length()),
        _ => None,
    }
}

/// The dimensions that matter to `equalp`: the active length of a vector.
fn dimensions(d: &ArrayData<'_>) -> Vec<usize> {
    match &d.dims {
        Some(dims) => dims.clone(),
        None => vec![d.length()],
    }
}

/// The number of elements compared: the active length, or the product of dimensions.
fn total_size(d: &ArrayData<'_>) -> usize {
    match &d.dims {
        Some(dims) => dims.iter().product(),
        None => d.length(),
    }
}

/// Row-major element `i`, following displacement; `None` when out of range.
pub fn element<'gc>(d: &ArrayData<'gc>, i: usize) -> Option<Value<'gc>> {
    d.get(i)
}

thread_local! {
    static TABLE_NESTING: Cell<u32> = const { Cell::new(0) };
}

/// `equalp` on hash tables: same test and count, and every key of `x`
/// present in `y` (by the tables' test) with an `equalp` value.
fn tables_equalp<'gc>(x: Gc<'gc, hash::HashTable<'gc>>, y: Gc<'gc, hash::HashTable<'gc>>) -> bool {
    {
        let (dx, dy) = (x.borrow(), y.borrow());
        if dx.test != dy.test || dx.count != dy.count {
            return false;
        }
    }
    let depth = TABLE_NESTING.with(|n| n.get());
    if depth >= MAX_TABLE_NESTING {
        return false;
    }
    TABLE_NESTING.with(|n| n.set(depth + 1));
    let result = hash::entries(x).into_iter().all(|(k, v)| hash::get(y, k).is_some_and(|w| equalp(v, w)));
    TABLE_NESTING.with(|n| n.set(depth));
    result
}

// ---------------------------------------------------------------------------
// Numbers under `equalp`: compared and hashed by `=`. Rationals are exact,
// so a float is compared with a rational by converting it to its exact value.

/// An exact rational value of a finite float: numerator and a power-of-two
/// denominator, in lowest terms.
fn float_to_rational(f: f64) -> (BigInt, BigInt) {
    let bits = f.to_bits();
    let negative = bits >> 63 != 0;
    let exp = ((bits >> 52) & 0x7ff) as i64;
    let frac = bits & ((1u64 << 52) - 1);
    let (mut m, mut e) = if exp == 0 { (frac, -1074) } else { (frac | (1u64 << 52), exp - 1075) };
    if m == 0 {
        return (BigInt::zero(), BigInt::one());
    }
    let tz = m.trailing_zeros();
    m >>= tz;
    e += tz as i64;
    let n = if negative { -BigInt::from(m) } else { BigInt::from(m) };
    if e >= 0 {
        (n << (e as usize), BigInt::one())
    } else {
        (n, BigInt::one() << ((-e) as usize))
    }
}

/// A real as an exact fraction, or as a float that is not finite.
enum Real {
    Exact(BigInt, BigInt),
    Inexact(f64),
}

fn real_of(v: Value<'_>) -> Option<Real> {
    Some(match v {
        Value::Fixnum(n) => Real::Exact(n.into(), BigInt::one()),
        Value::Bignum(b) => Real::Exact(b.0.clone(), BigInt::one()),
        Value::Ratio(r) => Real::Exact(r.num.clone(), r.den.clone()),
        Value::Single(f) => float_real(f as f64),
        Value::Double(f) => float_real(f),
        _ => return None,
    })
}

fn float_real(f: f64) -> Real {
    if f.is_finite() {
        let (n, d) = float_to_rational(f);
        Real::Exact(n, d)
    } else {
        Real::Inexact(f)
    }
}

fn as_f64(v: Value<'_>) -> Option<f64> {
    match v {
        Value::Single(f) => Some(f as f64),
        Value::Double(f) => Some(f),
        _ => None,
    }
}

/// `=` on two numbers.
fn num_eq<'gc>(a: Value<'gc>, b: Value<'gc>) -> bool {
    match (a, b) {
        (Value::Complex(x), Value::Complex(y)) => num_eq(x.re, y.re) && num_eq(x.im, y.im),
        (Value::Complex(x), r) | (r, Value::Complex(x)) => num_eq(x.re, r) && num_eq(x.im, Value::Fixnum(0)),
        _ => {
            if let (Some(x), Some(y)) = (as_f64(a), as_f64(b)) {
                return x == y;
            }
            match (real_of(a), real_of(b)) {
                (Some(Real::Exact(n1, d1)), Some(Real::Exact(n2, d2))) => n1 == n2 && d1 == d2,
                _ => false,
            }
        }
    }
}

/// The `equalp` hash of a number: equal for numbers that are `=`.
fn hash_number_equalp(v: Value<'_>) -> u64 {
    match v {
        Value::Fixnum(n) => hash_i64(n),
        Value::Complex(c) => {
            let re = hash_number_equalp(c.re);
            if num_eq(c.im, Value::Fixnum(0)) {
                re
            } else {
                combine(re, hash_number_equalp(c.im))
            }
        }
        _ => match real_of(v) {
            Some(Real::Exact(n, d)) if d.is_one() => hash_bigint(&n),
            Some(Real::Exact(n, d)) => combine(hash_bigint(&n), hash_bigint(&d)),
            Some(Real::Inexact(f)) => mix(f.to_bits() ^ 0xF10A),
            None => hash_eq(v),
        },
    }
}

// ---------------------------------------------------------------------------
// Hashing.

/// A 64-bit finaliser (murmur3's fmix64): spreads every input bit.
#[inline]
fn mix(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

#[inline]
fn combine(h: u64, x: u64) -> u64 {
    (h.rotate_left(5) ^ x).wrapping_mul(0x517c_c1b7_2722_0a95)
}

fn hash_i64(n: i64) -> u64 {
    mix(n as u64)
}

/// Integers hash alike whether they are held as fixnums, bignums or `BigInt`s.
fn hash_bigint(n: &BigInt) -> u64 {
    match n.to_i64() {
        Some(i) => hash_i64(i),
        None => {
            let (sign, digits) = n.to_u64_digits();
            let seed = if sign == num_bigint::Sign::Minus { 0xB16_0001 } else { 0xB16_0002 };
            mix(digits.iter().fold(seed, |h, &d| combine(h, d)))
        }
    }
}

fn hash_str(name: &str) -> u64 {
    mix(name.chars().fold(0x5EED, |h, c| combine(h, c as u64)))
}

const TAG_NIL: u64 = 0x0A11;
const TAG_CHAR: u64 = 0xC4A2 << 32;
const TAG_SINGLE: u64 = 0x5F;
const TAG_DOUBLE: u64 = 0xDF;
const TAG_CONS: u64 = 0xC025;
const TAG_ARRAY: u64 = 0xA22A;

/// The `eq` hash: addresses for heap objects, bits for immediates.
pub fn hash_eq(v: Value<'_>) -> u64 {
    match v {
        Value::Nil => mix(TAG_NIL),
        Value::Unbound => mix(TAG_NIL + 1),
        Value::Fixnum(n) => hash_i64(n),
        Value::Char(c) => mix(TAG_CHAR | c as u64),
        Value::Single(f) => mix((f.to_bits() as u64) ^ (TAG_SINGLE << 40)),
        Value::Double(f) => mix(f.to_bits() ^ TAG_DOUBLE),
        other => mix(other.heap_addr().unwrap_or(0) as u64),
    }
}

/// The `eql` hash: numbers by type and value, everything else as `eq`.
pub fn hash_eql(v: Value<'_>) -> u64 {
    match v {
        Value::Bignum(b) => hash_bigint(&b.0),
        Value::Ratio(r) => combine(hash_bigint(&r.num), hash_bigint(&r.den)),
        Value::Complex(c) => combine(hash_eql(c.re), hash_eql(c.im) ^ 0xC0),
        _ => hash_eq(v),
    }
}

/// The `equal` hash: structural on conses, strings and bit vectors (looking
/// at a bounded part of a cons tree), symbols by name.
pub fn hash_equal(v: Value<'_>) -> u64 {
    let mut budget = HASH_BUDGET;
    mix(structural_hash(v, HASH_DEPTH, &mut budget, Mode::Equal))
}

/// The `equalp` hash: like `hash_equal`, but case-folding characters,
/// numbers by `=`, arrays of any kind by elements, hash tables by their test.
pub fn hash_equalp(v: Value<'_>) -> u64 {
    let mut budget = HASH_BUDGET;
    mix(structural_hash(v, HASH_DEPTH, &mut budget, Mode::Equalp))
}

/// `sxhash`: a non-negative fixnum, the same for `equal` objects.
pub fn sxhash(v: Value<'_>) -> i64 {
    (hash_equal(v) & FIXNUM_MAX as u64) as i64
}

/// The hash a table with test `test` files `key` under.
pub fn hash_for(test: Test, key: Value<'_>) -> u64 {
    match test {
        Test::Eq => hash_eq(key),
        Test::Eql => hash_eql(key),
        Test::Equal => hash_equal(key),
        Test::Equalp => hash_equalp(key),
    }
}

/// Equality by a table's test.
pub fn same<'gc>(test: Test, a: Value<'gc>, b: Value<'gc>) -> bool {
    match test {
        Test::Eq => a.eq(b),
        Test::Eql => a.eql(b),
        Test::Equal => equal(a, b),
        Test::Equalp => equalp(a, b),
    }
}

/// The shape walk behind `hash_equal` and `hash_equalp`. Objects equal
/// under `mode` have the same shape, so they visit the same parts and
/// spend the budget alike.
fn structural_hash(v: Value<'_>, depth: u32, budget: &mut u32, mode: Mode) -> u64 {
    match v {
        Value::Cons(_) => {
            let mut h = TAG_CONS;
            if depth == 0 {
                return h;
            }
            let mut l = v;
            while let Value::Cons(c) = l {
                if *budget == 0 {
                    return h;
                }
                *budget -= 1;
                h = combine(h, structural_hash(c.car(), depth - 1, budget, mode));
                l = c.cdr();
            }
            combine(h, structural_hash(l, depth - 1, budget, mode))
        }
        Value::Symbol(s) => hash_str(&s.name),
        Value::Array(a) => {
            let d = a.borrow();
            match mode {
                Mode::Equal => match (&d.storage, d.is_vector()) {
                    _ if direct_chars(&d).is_some() => {
                        direct_chars(&d).unwrap_or_default().iter().fold(TAG_ARRAY, |h, &c| combine(h, c as u64))
                    }
                    (Storage::Char(_), true) => (0..d.length())
                        .filter_map(|i| element(&d, i))
                        .fold(TAG_ARRAY, |h, e| combine(h, if let Value::Char(c) = e { c as u64 } else { 0 })),
                    (Storage::Bit(_), true) => (0..d.length())
                        .filter_map(|i| element(&d, i))
                        .fold(TAG_ARRAY + 1, |h, e| combine(h, hash_eq(e))),
                    _ => hash_eq(v),
                },
                Mode::Equalp => {
                    let mut h = dimensions(&d).iter().fold(TAG_ARRAY, |h, &n| combine(h, n as u64));
                    if depth == 0 {
                        return h;
                    }
                    for i in 0..total_size(&d) {
                        let Some(e) = element(&d, i) else { break };
                        let compound = matches!(e, Value::Cons(_) | Value::Array(_));
                        if compound {
                            if *budget == 0 {
                                continue;
                            }
                            *budget -= 1;
                        }
                        h = combine(h, structural_hash(e, depth - 1, budget, mode));
                    }
                    h
                }
            }
        }
        Value::Char(c) if mode == Mode::Equalp => mix(TAG_CHAR | unicode::fold(c) as u64),
        // Only the test: a table's entries may change while it is a key.
        Value::HashTable(t) if mode == Mode::Equalp => mix(t.borrow().test as u64 + 0x7AB),
        // Structures are EQUALP slot by slot (after the layout in slot 0);
        // other instances only when they are the same object.
        Value::Instance(i) if mode == Mode::Equalp && is_structure_type(i.class.get()) => {
            let mut h = combine(0x1257, hash_eq(i.class.get()));
            if depth == 0 {
                return h;
            }
            for &e in i.slots.borrow().iter().skip(1) {
                if matches!(e, Value::Cons(_) | Value::Array(_) | Value::Instance(_)) {
                    if *budget == 0 {
                        continue;
                    }
                    *budget -= 1;
                }
                h = combine(h, structural_hash(e, depth - 1, budget, mode));
            }
            h
        }
        Value::Object(_) if crate::pathnames::as_pathname(&v).is_some() => {
            let p = crate::pathnames::as_pathname(&v).map(|p| p.components()).unwrap_or([Value::Nil; 6]);
            // The version is left out: NIL and :newest are equal.
            p[..5].iter().fold(0x9A7E, |h, &c| combine(h, structural_hash(c, depth.saturating_sub(1), budget, Mode::Equal)))
        }
        _ if mode == Mode::Equalp && v.is_number() => hash_number_equalp(v),
        _ => hash_eql(v),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::builtins::testutil::{ints, l, s};
    use crate::heap::array::{make_vector, new_array};
    use crate::heap::cons::{cons, Cons};
    use crate::runtime::Runtime;

    #[test]
    fn equal_on_conses_strings_and_numbers() {
        Runtime::new().with_cx(|cx| {
            let a = l(cx, &[ints(cx, &[1, 2]), s(cx, "ab"), Value::Double(1.5)]);
            let b = l(cx, &[ints(cx, &[1, 2]), s(cx, "ab"), Value::Double(1.5)]);
            assert!(equal(a, b));
            assert!(!equal(a, l(cx, &[ints(cx, &[1, 2]), s(cx, "AB"), Value::Double(1.5)])));
            assert!(!equal(Value::Fixnum(1), Value::Double(1.0)));
            assert!(!equal(make_vector(cx.mc, vec![Value::Fixnum(1)]), make_vector(cx.mc, vec![Value::Fixnum(1)])));
            let bits = |v: Vec<u8>| Value::Array(new_array(cx.mc, Storage::Bit(v)));
            assert!(equal(bits(vec![1, 0, 1]), bits(vec![1, 0, 1])));
            assert!(!equal(bits(vec![1, 0, 1]), bits(vec![1, 0, 0])));
            // Dotted tails compare too.
            assert!(equal(
                cons(cx.mc, Value::Fixnum(1), Value::Char('x')),
                cons(cx.mc, Value::Fixnum(1), Value::Char('x'))
            ));
        });
    }

    #[test]
    fn equal_honours_fill_pointers() {
        Runtime::new().with_cx(|cx| {
            let a = s(cx, "abcdef");
            if let Value::Array(arr) = a {
                arr.borrow_mut(cx.mc).fill = Some(3);
            }
            assert!(equal(a, s(cx, "abc")));
            assert!(equalp(a, s(cx, "ABC")));
            assert_eq!(hash_equal(a), hash_equal(s(cx, "abc")));
        });
    }

    #[test]
    fn equalp_folds_case_and_compares_numbers_by_value() {
        Runtime::new().with_cx(|cx| {
            assert!(equalp(s(cx, "Hello"), s(cx, "hELLO")));
            let v = make_vector(cx.mc, vec![Value::Char('A'), Value::Char('b')]);
            assert!(equalp(s(cx, "ab"), v));
            assert_eq!(hash_equalp(s(cx, "ab")), hash_equalp(v));
            assert!(equalp(Value::Fixnum(1), Value::Double(1.0)));
            assert!(equalp(Value::Single(0.5), Value::from_ratio(cx.mc, 1.into(), 2.into())));
            assert_eq!(hash_equalp(Value::Single(0.5)), hash_equalp(Value::from_ratio(cx.mc, 1.into(), 2.into())));
            assert_eq!(hash_equalp(Value::Fixnum(3)), hash_equalp(Value::Double(3.0)));
            let c = Value::Complex(Gc::new(
                cx.mc,
                crate::heap::number::Complex { re: Value::Double(1.0), im: Value::Double(0.0) },
            ));
            assert!(equalp(c, Value::Fixnum(1)));
            assert_eq!(hash_equalp(c), hash_equalp(Value::Fixnum(1)));
            assert!(!equalp(Value::Single(1.1), Value::Double(1.1)));
            assert!(equalp(Value::Char('ä'), Value::Char('Ä')));
            let big = Value::from_bigint(cx.mc, num_bigint::BigInt::from(1u64 << 63));
            assert!(equalp(big, Value::Double(9223372036854775808.0)));
            assert_eq!(hash_equalp(big), hash_equalp(Value::Double(9223372036854775808.0)));
            assert!(!equalp(Value::Double(f64::NAN), Value::Double(f64::INFINITY)));
        });
    }

    #[test]
    fn equalp_on_multidimensional_arrays() {
        Runtime::new().with_cx(|cx| {
            let grid = |items: Vec<_>, dims: Vec<usize>| {
                let a = new_array(cx.mc, Storage::T(items));
                a.borrow_mut(cx.mc).dims = Some(dims);
                Value::Array(a)
            };
            let a = grid(vec![Value::Fixnum(1), Value::Fixnum(2), Value::Fixnum(3), Value::Fixnum(4)], vec![2, 2]);
            let b = grid(vec![Value::Fixnum(1), Value::Fixnum(2), Value::Fixnum(3), Value::Double(4.0)], vec![2, 2]);
            let c = grid(vec![Value::Fixnum(1), Value::Fixnum(2), Value::Fixnum(3), Value::Fixnum(4)], vec![4, 1]);
            assert!(equalp(a, b));
            assert_eq!(hash_equalp(a), hash_equalp(b));
            assert!(!equalp(a, c));
            assert!(!equal(a, b));
        });
    }

    #[test]
    fn equalp_on_hash_tables() {
        Runtime::new().with_cx(|cx| {
            let t1 = hash::new_table(cx.mc, Test::Equal, 0);
            let t2 = hash::new_table(cx.mc, Test::Equal, 0);
            hash::put(t1, cx.mc, s(cx, "k"), Value::Fixnum(1));
            assert!(!equalp(Value::HashTable(t1), Value::HashTable(t2)));
            hash::put(t2, cx.mc, s(cx, "k"), Value::Double(1.0));
            assert!(equalp(Value::HashTable(t1), Value::HashTable(t2)));
            // A table holding itself compares without trouble.
            hash::put(t1, cx.mc, Value::HashTable(t1), Value::HashTable(t1));
            assert!(equalp(Value::HashTable(t1), Value::HashTable(t1)));
            assert!(!equalp(Value::HashTable(t1), Value::HashTable(t2)));
        });
    }

    #[test]
    fn deep_and_circular_structures_do_not_crash() {
        Runtime::new().with_cx(|cx| {
            // A million-deep nesting through cars.
            let mc = cx.mc;
            let deep = || (0..1_000_000).fold(Value::Nil, |acc, _| cons(mc, acc, Value::Nil));
            let (a, b) = (deep(), deep());
            assert!(equal(a, b));
            assert!(equalp(a, b));
            let _ = hash_equal(a);
            // Circular through cdrs, and through cars.
            let c1 = ints(cx, &[1, 2, 3]);
            let c2 = ints(cx, &[1, 2, 3]);
            for c in [c1, c2] {
                let last = c.as_cons().unwrap().cdr().as_cons().unwrap().cdr().as_cons().unwrap();
                Cons::set_cdr(last, cx.mc, c);
            }
            assert!(!equal(c1, c2));
            assert!(!equal(c1, ints(cx, &[1, 2, 3, 1, 2, 3])));
            let _ = (hash_equal(c1), hash_equalp(c1), sxhash(c1));
            let k1 = cons(cx.mc, Value::Nil, Value::Nil);
            let k2 = cons(cx.mc, Value::Nil, Value::Nil);
            Cons::set_car(k1.as_cons().unwrap(), cx.mc, k1);
            Cons::set_car(k2.as_cons().unwrap(), cx.mc, k2);
            assert!(!equal(k1, k2));
            let _ = hash_equalp(k1);
        });
    }

    #[test]
    fn displaced_arrays_are_followed() {
        Runtime::new().with_cx(|cx| {
            let base = s(cx, "xxhello");
            let Value::Array(b) = base else { unreachable!() };
            let view = new_array(cx.mc, Storage::Char(Vec::new()));
            {
                let mut d = view.borrow_mut(cx.mc);
                d.dims = Some(vec![5]);
                d.displaced = Some((b, 2));
            }
            assert!(equal(Value::Array(view), s(cx, "hello")));
            assert_eq!(hash_equal(Value::Array(view)), hash_equal(s(cx, "hello")));
            assert!(element(&view.borrow(), 5).is_none());
        });
    }

    #[test]
    fn hashes_agree_with_their_tests() {
        Runtime::new().with_cx(|cx| {
            let a = l(cx, &[s(cx, "x"), ints(cx, &[1, 2])]);
            let b = l(cx, &[s(cx, "x"), ints(cx, &[1, 2])]);
            assert_eq!(hash_equal(a), hash_equal(b));
            assert_eq!(sxhash(a), sxhash(b));
            assert!(sxhash(a) >= 0);
            assert_ne!(hash_equal(s(cx, "abc")), hash_equal(s(cx, "abd")));
            let big1 = Value::from_bigint(cx.mc, num_bigint::BigInt::from(1u128 << 100));
            let big2 = Value::from_bigint(cx.mc, num_bigint::BigInt::from(1u128 << 100));
            assert_eq!(hash_eql(big1), hash_eql(big2));
            assert_eq!(hash_eq(Value::Fixnum(7)), hash_eq(Value::Fixnum(7)));
            assert_ne!(hash_eql(Value::Single(0.0)), hash_eql(Value::Single(-0.0)));
            assert_eq!(hash_equalp(Value::Single(0.0)), hash_equalp(Value::Double(-0.0)));
        });
    }
}
