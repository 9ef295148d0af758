//! The two float formats and exact conversions between floats and
//! rationals: correctly rounded rational → float, exact float → rational,
//! and the decoding of a float into sign, integer significand and exponent.

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{Signed, ToPrimitive, Zero};

/// A float format: single-float (f32) or double-float (f64). Short floats
/// are single, long floats are double, as in SBCL. The order is contagion.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
pub enum Fmt {
    Single,
    Double,
}

impl Fmt {
    /// Bits of significand, hidden bit included.
    pub fn digits(self) -> u32 {
        match self {
            Fmt::Single => 24,
            Fmt::Double => 53,
        }
    }
    /// Exponent of the smallest normalised float (as in 2^emin).
    pub fn emin(self) -> i64 {
        match self {
            Fmt::Single => -126,
            Fmt::Double => -1022,
        }
    }
    /// Exponent of the largest finite float's leading bit.
    pub fn emax(self) -> i64 {
        match self {
            Fmt::Single => 127,
            Fmt::Double => 1023,
        }
    }
    /// Rounds an f64 to this format (exact for doubles).
    pub fn round(self, x: f64) -> f64 {
        match self {
            Fmt::Single => x as f32 as f64,
            Fmt::Double => x,
        }
    }
}

/// 2^e as an f64, for e in -1074..=1023 (denormal powers included).
pub fn pow2(e: i64) -> f64 {
    if e >= -1022 {
        f64::from_bits(((e + 1023) as u64) << 52)
    } else {
        f64::from_bits(1u64 << (e + 1074))
    }
}

/// `num/den` (den > 0) correctly rounded (to nearest, ties to even) to
/// `fmt`, returned as an f64 that holds the value exactly. `None` when the
/// value is beyond the format's range.
pub fn ratio_to_float(num: &BigInt, den: &BigInt, fmt: Fmt) -> Option<f64> {
    if num.is_zero() {
        return Some(0.0);
    }
    let p = fmt.digits() as i64;
    // Fast paths: both operands exact in the format, one IEEE division.
    let exact = 1u64 << p;
    if let (Some(n), Some(d)) = (num.to_i64(), den.to_i64()) {
        if n.unsigned_abs() <= exact && d.unsigned_abs() <= exact {
            return Some(match fmt {
                Fmt::Single => (n as f32 / d as f32) as f64,
                Fmt::Double => n as f64 / d as f64,
            });
        }
    }
    let neg = num.is_negative();
    let a = num.abs();
    // Scale so that the integer quotient has at least p + 2 bits.
    let s = p + 3 - (a.bits() as i64 - den.bits() as i64);
    let (q, r) = if s >= 0 { (a << s as usize).div_rem(den) } else { a.div_rem(&(den << (-s) as usize)) };
    let n = q.bits() as i64;
    let lead = n - 1 - s;
    if lead > fmt.emax() + 1 {
        return None;
    }
    let keep = p - (fmt.emin() - lead).max(0);
    let drop = n - keep;
    if drop > n + 1 {
        return Some(if neg { -0.0 } else { 0.0 });
    }
    let mut m = if drop >= n { BigInt::zero() } else { &q >> drop as usize };
    let rest = &q - (&m << drop as usize);
    let half = BigInt::from(1) << (drop - 1) as usize;
    let odd = m.is_odd();
    if rest > half || (rest == half && (!r.is_zero() || odd)) {
        m += 1;
    }
    let m = m.to_u64()?;
    let e = drop - s;
    let bits = 64 - m.leading_zeros() as i64;
    if m != 0 && bits - 1 + e > fmt.emax() {
        return None;
    }
    let v = if m == 0 { 0.0 } else { m as f64 * pow2(e.max(-1074)) };
    Some(if neg { -v } else { v })
}

/// An integer correctly rounded to `fmt`; `None` beyond the format's range.
pub fn int_to_float(n: &BigInt, fmt: Fmt) -> Option<f64> {
    if let Some(i) = n.to_i64() {
        return Some(match fmt {
            Fmt::Single => i as f32 as f64,
            Fmt::Double => i as f64,
        });
    }
    ratio_to_float(n, &BigInt::from(1), fmt)
}

/// A finite float decoded as `(significand, exponent, negative)` with
/// value = significand × 2^exponent, significand including the hidden bit
/// (denormals keep their smaller significand; zero is `(0, 0, sign)`).
pub fn decode(x: f64, fmt: Fmt) -> (u64, i64, bool) {
    match fmt {
        Fmt::Double => {
            let b = x.to_bits();
            let neg = b >> 63 != 0;
            let e = ((b >> 52) & 0x7ff) as i64;
            let f = b & ((1 << 52) - 1);
            if e == 0 {
                if f == 0 {
                    (0, 0, neg)
                } else {
                    (f, -1074, neg)
                }
            } else {
                (f | (1 << 52), e - 1075, neg)
            }
        }
        Fmt::Single => {
            let b = (x as f32).to_bits();
            let neg = b >> 31 != 0;
            let e = ((b >> 23) & 0xff) as i64;
            let f = (b & ((1 << 23) - 1)) as u64;
            if e == 0 {
                if f == 0 {
                    (0, 0, neg)
                } else {
                    (f, -149, neg)
                }
            } else {
                (f | (1 << 23), e - 150, neg)
            }
        }
    }
}

/// The exact value of a finite float as `(num, den)` in lowest terms.
pub fn float_to_ratio(x: f64) -> (BigInt, BigInt) {
    let (m, e, neg) = decode(x, Fmt::Double);
    let mut num = BigInt::from(m);
    if neg {
        num = -num;
    }
    if m == 0 {
        return (BigInt::zero(), BigInt::from(1));
    }
    if e >= 0 {
        return (num << e as usize, BigInt::from(1));
    }
    let tz = (m.trailing_zeros() as i64).min(-e);
    (num >> tz as usize, BigInt::from(1) << (-e - tz) as usize)
}

/// The integer value of a finite, integral float.
pub fn float_to_int(x: f64) -> BigInt {
    if x.abs() < 9.0e18 {
        return BigInt::from(x as i64);
    }
    float_to_ratio(x).0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(n: i64, d: i64, f: Fmt) -> Option<f64> {
        ratio_to_float(&BigInt::from(n), &BigInt::from(d), f)
    }

    #[test]
    fn rounding_matches_ieee() {
        assert_eq!(r(1, 3, Fmt::Double), Some(1.0 / 3.0));
        assert_eq!(r(1, 3, Fmt::Single), Some((1.0f32 / 3.0) as f64));
        let big = BigInt::from(1) << 200usize;
        let v = ratio_to_float(&(&big + 1), &(&big * 3), Fmt::Double).unwrap();
        assert_eq!(v, 1.0 / 3.0);
        // 2^64 + 1 rounds to 2^64; 2^53 + 1 rounds to even.
        assert_eq!(int_to_float(&((BigInt::from(1) << 64usize) + 1), Fmt::Double), Some(18446744073709551616.0));
        let t = (BigInt::from(1) << 60usize) + (BigInt::from(1) << 7usize);
        assert_eq!(ratio_to_float(&t, &BigInt::from(1), Fmt::Double), Some(2f64.powi(60)));
        let t = (BigInt::from(1) << 60usize) + (BigInt::from(3) << 7usize);
        assert_eq!(ratio_to_float(&t, &BigInt::from(1), Fmt::Double), Some(2f64.powi(60) + 512.0));
    }

    #[test]
    fn range_limits() {
        let huge = BigInt::from(10).pow(50);
        assert_eq!(int_to_float(&huge, Fmt::Single), None);
        assert_eq!(int_to_float(&huge, Fmt::Double), Some(1e50));
        let one = BigInt::from(1);
        let tiny = BigInt::from(1) << 1074usize;
        assert_eq!(ratio_to_float(&one, &tiny, Fmt::Double), Some(f64::from_bits(1)));
        let tinier = BigInt::from(1) << 1076usize;
        assert_eq!(ratio_to_float(&one, &tinier, Fmt::Double), Some(0.0));
        assert_eq!(ratio_to_float(&one, &(BigInt::from(1) << 149usize), Fmt::Single), Some(f32::from_bits(1) as f64));
        let max = float_to_ratio(f64::MAX).0;
        assert_eq!(int_to_float(&max, Fmt::Double), Some(f64::MAX));
        assert_eq!(int_to_float(&(max << 1usize), Fmt::Double), None);
    }

    #[test]
    fn exact_decoding() {
        assert_eq!(decode(1.5, Fmt::Single), (12582912, -23, false));
        assert_eq!(decode(1e-310, Fmt::Double), (20240225330731, -1074, false));
        let (n, d) = float_to_ratio(0.1f32 as f64);
        assert_eq!((n, d), (BigInt::from(13421773), BigInt::from(134217728)));
        assert_eq!(float_to_int(1e30f32 as f64).to_string(), "1000000015047466219876688855040");
    }
}
