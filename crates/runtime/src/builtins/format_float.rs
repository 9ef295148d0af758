//! Primitives for FORMAT's float directives (~F ~E ~G ~$, CLHS 22.3.3):
//! decimal digit generation with a cutoff place (Burger & Dybvig's free-format
//! algorithm, extended for rounding at a given position, with the same
//! boundary conventions as SBCL so the digits printed match), and the
//! floating-point exponent estimate that SBCL's ~E and ~G start from.

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, ToPrimitive};

use crate::heap::array::make_string;
use crate::heap::Value;
use crate::numbers::float::{decode, Fmt};
use crate::numbers::real::{check_float, check_integer, float_value, Int};
use crate::vm::{Cx, R};

crate::natives! {
    SYS "%FLONUM-TO-DIGITS" 1 3 => flonum_to_digits;
    SYS "%SCALE-EXPONENT" 1 1 => scale_exponent;
}

fn pow10(n: u32) -> BigInt {
    num_traits::pow(BigInt::from(10), n as usize)
}

/// The exponent of a float's smallest binade but one, as SBCL's digit
/// generator uses it to tell equal from unequal gaps below the float.
fn min_e(fmt: Fmt) -> i64 {
    match fmt {
        Fmt::Single => 2 - 126 - 24,
        Fmt::Double => 2 - 1022 - 53,
    }
}

/// The decimal digits of the non-negative finite `x` and the exponent `k`
/// with x ≈ 0.DIGITS × 10^k. With `position`, digits stop at the place
/// 10^position (or, when `relative`, after `position` significant digits),
/// rounding the last one.
pub fn digits(x: f64, fmt: Fmt, position: Option<i64>, relative: bool) -> (i64, String) {
    let p = fmt.digits() as i64;
    let (mut f, mut e, _) = decode(x, fmt);
    // Subnormals (and zero) are shifted so the fraction fills p bits.
    let len = 64 - f.leading_zeros() as i64;
    if len < p {
        let shift = p - len;
        f = f.checked_shl(shift as u32).unwrap_or(0);
        e -= shift;
    }
    let mut high_ok = f % 2 == 0;
    let mut low_ok = high_ok;
    let hidden = 1u64 << (p - 1);
    let big = BigInt::from(f);
    let (mut r, mut s, mut mp, mut mm);
    if e >= 0 {
        let be = BigInt::one() << e as usize;
        if f != hidden {
            r = &big * &be * 2;
            s = BigInt::from(2);
            mp = be.clone();
            mm = be;
        } else {
            mm = be.clone();
            mp = be * 2;
            r = &big * 2 * &mp;
            s = BigInt::from(4);
        }
    } else if e == min_e(fmt) || f != hidden {
        r = big * 2;
        s = BigInt::one() << (1 - e) as usize;
        mp = BigInt::one();
        mm = BigInt::one();
    } else {
        r = big * 4;
        s = BigInt::one() << (2 - e) as usize;
        mp = BigInt::from(2);
        mm = BigInt::one();
    }
    if let Some(mut pos) = position {
        if relative {
            // k̂: the smallest k with s·10^k ≥ r + m+; then the cutoff place
            // is pos digits below it (one more when rounding carries).
            let mut k = 0i64;
            let mut l = BigInt::one();
            let rm = &r + &mp;
            while &s * &l < rm {
                k += 1;
                l *= 10;
            }
            // r + s·10^(k-pos)/2 < s·10^k, both sides times 2·10^(pos-k).
            let d = k - pos;
            let lhs = if d >= 0 {
                &r * 2 + &s * pow10(d as u32)
            } else {
                (&r * 2 * pow10((-d) as u32)) + &s
            };
            let rhs = if d >= 0 { &s * &l * 2 } else { &s * &l * 2 * pow10((-d) as u32) };
            pos = if lhs < rhs { k - pos } else { k - pos - 1 };
        }
        // Everything times 2·10^-pos (when pos < 0) so the cutoff
        // half-unit x = s·10^pos/2 is an integer.
        let c = BigInt::from(2) * if pos < 0 { pow10((-pos) as u32) } else { BigInt::one() };
        r *= &c;
        s *= &c;
        mp *= &c;
        mm *= &c;
        let x: BigInt = if pos >= 0 { &s * pow10(pos as u32) / 2 } else { &s / pow10((-pos) as u32) / 2 };
        // As in SBCL, a cutoff makes both boundaries inclusive.
        mm = mm.max(x.clone());
        mp = mp.max(x);
        low_ok = true;
        high_ok = true;
    }
    // Scale: find k with r/s·10^-k in the right range.
    let mut k = 0i64;
    let rm = &r + &mp;
    while rm > s || (high_ok && rm == s) {
        s *= 10;
        k += 1;
    }
    loop {
        if r <= mm {
            break;
        }
        let x10 = (&r + &mp) * 10;
        if x10 < s || (!high_ok && x10 == s) {
            k -= 1;
            r *= 10;
            mp *= 10;
            mm *= 10;
        } else {
            break;
        }
    }
    // Generate.
    let mut out = String::new();
    loop {
        let r10: BigInt = &r * 10u32;
        let (d, rem) = r10.div_rem(&s);
        r = rem;
        mp *= 10;
        mm *= 10;
        let d = d.to_u32().unwrap_or(0);
        let tc1 = r < mm || (low_ok && r == mm);
        let rm = &r + &mp;
        let tc2 = rm > s || (high_ok && rm == s);
        if tc1 || tc2 {
            let d = match (tc1, tc2) {
                (false, true) => d + 1,
                (true, false) => d,
                _ if &r * 2 < s => d,
                _ => d + 1,
            };
            out.push(char::from(b'0' + d as u8));
            break;
        }
        out.push(char::from(b'0' + d as u8));
    }
    (k, out)
}

/// (%flonum-to-digits x &optional position relativep) => k, digit-string
fn flonum_to_digits<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let (x, fmt) = check_float(cx, args[0])?;
    if !x.is_finite() {
        return Err(cx.simple_error("can't print the digits of NaN or infinity"));
    }
    let position = match args.get(1).copied() {
        None | Some(Value::Nil) => None,
        Some(v) => match check_integer(cx, v)? {
            Int::Fix(n) if n.abs() < 100_000 => Some(n),
            _ => return Err(cx.simple_error("float digit position out of range")),
        },
    };
    let relative = !matches!(args.get(2).copied(), None | Some(Value::Nil));
    if relative && position.is_some_and(|p| p <= 0) {
        return Err(cx.simple_error("relative float digit position must be positive"));
    }
    let (k, s) = digits(x.abs(), fmt, position, relative);
    let s = make_string(cx.mc, &s);
    cx.values(vec![Value::Fixnum(k), s])
}

/// SBCL's estimate of a float's decimal exponent, computed in double
/// arithmetic: (values z ex) with x = z·10^ex and 0.1 ≤ z < 1 (z in x's format).
pub fn scale_exp(x: f64) -> (f64, i64) {
    if x == 0.0 {
        return (0.0, 1);
    }
    let (m, e, _) = decode(x, Fmt::Double);
    let exponent = e + (64 - m.leading_zeros() as i64);
    // The double nearest log10(2), as SBCL spells it (one ulp low).
    let log2 = f64::from_bits(0x3FD3_4413_509F_79FF);
    let ex = (exponent as f64 * log2).round_ties_even() as i64;
    let p10 = |n: i64| 10f64.powf(n as f64);
    let mut y = if ex < 0 {
        if x < f64::MIN_POSITIVE {
            x * 1.0e16 * p10(-ex - 16)
        } else {
            x * 10.0 * p10(-ex - 1)
        }
    } else {
        x / 10.0 / p10(ex - 1)
    };
    let mut ex = ex;
    let x0 = y;
    let mut d = 10.0f64;
    while y >= 1.0 {
        y = x0 / d;
        d *= 10.0;
        ex += 1;
    }
    let y0 = y;
    let mut m = 10.0f64;
    let mut z = y;
    while z < 0.1 {
        z = y0 * m;
        m *= 10.0;
        ex -= 1;
    }
    (z, ex)
}

/// (%scale-exponent x) => z, ex
fn scale_exponent<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let (x, fmt) = check_float(cx, args[0])?;
    if !x.is_finite() {
        return Err(cx.simple_error("can't scale NaN or infinity"));
    }
    let (z, ex) = scale_exp(x.abs());
    cx.values(vec![float_value(z, fmt), Value::Fixnum(ex)])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortest_digits() {
        assert_eq!(digits(1.5, Fmt::Double, None, false), (1, "15".into()));
        assert_eq!(digits(0.1f32 as f64, Fmt::Single, None, false), (0, "1".into()));
        assert_eq!(digits(0.0, Fmt::Double, None, false), (0, "0".into()));
    }

    #[test]
    fn digits_to_a_place() {
        assert_eq!(digits(123.456, Fmt::Double, Some(3), true), (3, "123".into()));
        assert_eq!(digits(0.015f32 as f64, Fmt::Single, Some(-2), false), (-1, "1".into()));
    }

    #[test]
    fn exponent_estimate() {
        assert_eq!(scale_exp(1234.5), (0.12344999999999999, 4));
        assert_eq!(scale_exp(0.001).1, -2);
    }
}
