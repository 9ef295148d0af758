//! Heap representations of the numbers that do not fit in a word:
//! bignums, ratios (always normalised: positive denominator, lowest terms,
//! never an integer) and complexes. Arithmetic lives in `crate::numbers`.

use gc_arena::{static_collect, Collect, Gc, Mutation};
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};

use super::value::{Value, FIXNUM_MAX, FIXNUM_MIN};

/// A bignum. Always outside the fixnum range (see `Value::from_bigint`).
pub struct Big(pub BigInt);
static_collect!(Big);

pub struct Ratio {
    pub num: BigInt,
    pub den: BigInt,
}
static_collect!(Ratio);

#[derive(Collect)]
#[collect(no_drop)]
pub struct Complex<'gc> {
    pub re: Value<'gc>,
    pub im: Value<'gc>,
}

impl<'gc> Value<'gc> {
    /// An integer value: a fixnum when it fits, else a bignum.
    pub fn from_bigint(mc: &Mutation<'gc>, n: BigInt) -> Value<'gc> {
        match n.to_i64() {
            Some(i) if (FIXNUM_MIN..=FIXNUM_MAX).contains(&i) => Value::Fixnum(i),
            _ => Value::Bignum(Gc::new(mc, Big(n))),
        }
    }

    /// The rational num/den in lowest terms (an integer when den divides num).
    /// The caller guarantees `den` is not zero.
    pub fn from_ratio(mc: &Mutation<'gc>, num: BigInt, den: BigInt) -> Value<'gc> {
        debug_assert!(!den.is_zero());
        let g = reduce_gcd(&num, &den);
        let (mut n, mut d) = if g.is_one() { (num, den) } else { (num / &g, den / &g) };
        if d.is_negative() {
            n = -n;
            d = -d;
        }
        if d.is_one() {
            Value::from_bigint(mc, n)
        } else {
            Value::Ratio(Gc::new(mc, Ratio { num: n, den: d }))
        }
    }

    /// The integer as a `BigInt`, for fixnums and bignums.
    pub fn to_bigint(self) -> Option<BigInt> {
        match self {
            Value::Fixnum(n) => Some(BigInt::from(n)),
            Value::Bignum(b) => Some(b.0.clone()),
            _ => None,
        }
    }
}

/// gcd(a, b) for normalizing a ratio. The larger operand is first reduced
/// modulo the smaller: num-integer's binary gcd takes time quadratic in the
/// larger one's size even when the other is 1 (an integer `expt` result
/// went through here and took seconds).
fn reduce_gcd(a: &BigInt, b: &BigInt) -> BigInt {
    let (big, small) = if a.bits() >= b.bits() { (a, b) } else { (b, a) };
    if small.is_zero() {
        return big.abs();
    }
    small.gcd(&(big % small))
}
