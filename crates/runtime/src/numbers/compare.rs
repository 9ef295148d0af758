//! Numeric comparison: exact ordering of reals (a float compared with a
//! rational is converted to a rational, as SBCL does) and CL `=`.

use std::cmp::Ordering;

use num_bigint::BigInt;
use num_traits::Signed;

use super::arith::parts;
use super::float::float_to_ratio;
use super::real::{invalid, Real};
use crate::heap::Value;
use crate::vm::{Ctl, Cx};

/// The order of two reals; `None` when a NaN is involved.
pub fn cmp_real(a: Real<'_>, b: Real<'_>) -> Option<Ordering> {
    use Real::*;
    match (a, b) {
        (Fix(x), Fix(y)) => Some(x.cmp(&y)),
        (Fix(_), Big(y)) => Some(if y.is_negative() { Ordering::Greater } else { Ordering::Less }),
        (Big(x), Fix(_)) => Some(if x.is_negative() { Ordering::Less } else { Ordering::Greater }),
        (Big(x), Big(y)) => Some(x.cmp(y)),
        _ => match (a.float(), b.float()) {
            (Some(x), Some(y)) => x.partial_cmp(&y),
            (None, Some(y)) => cmp_rational_float(a, y),
            (Some(x), None) => cmp_rational_float(b, x).map(Ordering::reverse),
            (None, None) => {
                let (Some((an, ad)), Some((bn, bd))) = (a.ratio(), b.ratio()) else { return None };
                Some((an * bd).cmp(&(bn * ad)))
            }
        },
    }
}

/// Compares the rational `r` with the float `f` exactly.
fn cmp_rational_float(r: Real<'_>, f: f64) -> Option<Ordering> {
    if f.is_nan() {
        return None;
    }
    if f.is_infinite() {
        return Some(if f > 0.0 { Ordering::Less } else { Ordering::Greater });
    }
    if let Real::Fix(n) = r {
        if n.unsigned_abs() <= 1 << 53 {
            return (n as f64).partial_cmp(&f);
        }
    }
    let (an, ad) = r.ratio()?;
    let (bn, bd): (BigInt, BigInt) = float_to_ratio(f);
    Some((an * bd).cmp(&(bn * ad)))
}

/// Compares two reals; a type-error (expected REAL) for anything else,
/// floating-point-invalid-operation when a NaN is involved.
pub fn compare<'gc>(cx: &mut Cx<'gc, '_>, a: Value<'gc>, b: Value<'gc>) -> Result<Ordering, Ctl<'gc>> {
    if let (Value::Fixnum(x), Value::Fixnum(y)) = (a, b) {
        return Ok(x.cmp(&y));
    }
    let ra = Real::of(a).ok_or_else(|| cx.type_error(a, cx.g.s.real.into()))?;
    let rb = Real::of(b).ok_or_else(|| cx.type_error(b, cx.g.s.real.into()))?;
    cmp_real(ra, rb).ok_or_else(|| invalid(cx, "<", &[a, b]))
}

/// CL `=` on two numbers (false for non-numbers and NaNs).
pub fn num_eq<'gc>(a: Value<'gc>, b: Value<'gc>) -> bool {
    if let (Value::Fixnum(x), Value::Fixnum(y)) = (a, b) {
        return x == y;
    }
    if !a.is_number() || !b.is_number() {
        return false;
    }
    let real_eq = |x: Value<'gc>, y: Value<'gc>| match (Real::of(x), Real::of(y)) {
        (Some(x), Some(y)) => cmp_real(x, y) == Some(Ordering::Equal),
        _ => false,
    };
    if matches!(a, Value::Complex(_)) || matches!(b, Value::Complex(_)) {
        let ((ar, ai), (br, bi)) = (parts(a), parts(b));
        return real_eq(ar, br) && real_eq(ai, bi);
    }
    real_eq(a, b)
}
