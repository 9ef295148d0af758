//! `equalp_hash`: a hash of a number's mathematical value, so numbers
//! that are `=` hash alike whatever their types (1, 1.0, 1.0d0, #C(1.0 0.0)).

use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive};

use super::float::{float_to_int, float_to_ratio};
use super::real::Real;
use crate::heap::Value;

fn mix(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58476d1ce4e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d049bb133111eb);
    x ^ (x >> 31)
}

fn combine(a: u64, b: u64) -> u64 {
    mix(a.rotate_left(17) ^ b.wrapping_mul(0x9e3779b97f4a7c15))
}

fn hash_int(n: &BigInt) -> u64 {
    if let Some(i) = n.to_i64() {
        return mix(i as u64);
    }
    let (_, digits) = n.to_u64_digits();
    digits.iter().fold(if n.is_negative() { 0x5a5a } else { 0xa5a5 }, |h, &d| combine(h, d))
}

fn hash_ratio(n: &BigInt, d: &BigInt) -> u64 {
    if d == &BigInt::from(1) {
        hash_int(n)
    } else {
        combine(hash_int(n), hash_int(d))
    }
}

fn hash_float(x: f64) -> u64 {
    if !x.is_finite() {
        return mix(x.to_bits() | 1);
    }
    if x.trunc() == x {
        if x.abs() < 9.0e18 {
            return mix(x as i64 as u64);
        }
        return hash_int(&float_to_int(x));
    }
    let (n, d) = float_to_ratio(x);
    hash_ratio(&n, &d)
}

fn hash_real(r: Real<'_>) -> u64 {
    match r {
        Real::Fix(n) => mix(n as u64),
        Real::Big(b) => hash_int(b),
        Real::Ratio(n, d) => hash_ratio(n, d),
        Real::Single(f) => hash_float(f as f64),
        Real::Double(f) => hash_float(f),
    }
}

/// A hash consistent with `=`: numbers that are `=` hash the same.
/// Non-numbers hash to 0.
pub fn equalp_hash(v: Value<'_>) -> u64 {
    match v {
        Value::Complex(c) => {
            let (Some(re), Some(im)) = (Real::of(c.re), Real::of(c.im)) else { return 0 };
            if im.is_zero() {
                hash_real(re)
            } else {
                combine(hash_real(re), hash_real(im) ^ 0xc0de)
            }
        }
        _ => Real::of(v).map(hash_real).unwrap_or(0),
    }
}
