//! Division with rounding: floor, ceiling, truncate and round (integer
//! quotient), their float-quotient variants ffloor... and mod and rem.
//! Floats divide in float arithmetic and the remainder is x − q·y, as SBCL.

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::Zero;

use super::arith::{mul, sub};
use super::float::{float_to_int, Fmt};
use super::real::{check_real, check_result, div_by_zero, float_value, invalid, to_float, Real};
use crate::heap::Value;
use crate::vm::{Ctl, Cx, R};

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Floor,
    Ceiling,
    Truncate,
    Round,
}

impl Mode {
    fn name(self, float_q: bool) -> &'static str {
        match (self, float_q) {
            (Mode::Floor, false) => "FLOOR",
            (Mode::Ceiling, false) => "CEILING",
            (Mode::Truncate, false) => "TRUNCATE",
            (Mode::Round, false) => "ROUND",
            (Mode::Floor, true) => "FFLOOR",
            (Mode::Ceiling, true) => "FCEILING",
            (Mode::Truncate, true) => "FTRUNCATE",
            (Mode::Round, true) => "FROUND",
        }
    }
    fn apply(self, x: f64) -> f64 {
        match self {
            Mode::Floor => x.floor(),
            Mode::Ceiling => x.ceil(),
            Mode::Truncate => x.trunc(),
            Mode::Round => x.round_ties_even(),
        }
    }
}

/// Adjusts a truncated quotient `q` and remainder `r` of n/m to `mode`.
/// Generic over i64 (no overflow within the fixnum range) and BigInt.
macro_rules! adjust {
    ($mode:expr, $q:expr, $r:expr, $m:expr, $zero:expr, $one:expr) => {{
        let (mut q, mut r, m) = ($q, $r, $m);
        let neg_quot = (r < $zero) != (m < $zero);
        let step = match $mode {
            Mode::Truncate => 0,
            _ if r == $zero => 0,
            Mode::Floor => if neg_quot { -1 } else { 0 },
            Mode::Ceiling => if neg_quot { 0 } else { 1 },
            Mode::Round => {
                let (ar, am) = (if r < $zero { -r.clone() } else { r.clone() }, if m < $zero { -m.clone() } else { m.clone() });
                let twice = ar.clone() + ar;
                if twice > am || (twice == am && q.clone() % ($one + $one) != $zero) {
                    if neg_quot { -1 } else { 1 }
                } else {
                    0
                }
            }
        };
        if step == -1 {
            q -= $one;
            r += m;
        } else if step == 1 {
            q += $one;
            r -= m;
        }
        (q, r)
    }};
}

/// n/m (m ≠ 0) rounded by `mode`: quotient and remainder.
pub fn int_div(n: &BigInt, m: &BigInt, mode: Mode) -> (BigInt, BigInt) {
    let (q, r) = n.div_rem(m);
    adjust!(mode, q, r, m.clone(), BigInt::zero(), BigInt::from(1))
}

fn fix_div(n: i64, m: i64, mode: Mode) -> (i64, i64) {
    adjust!(mode, n / m, n % m, m, 0i64, 1i64)
}

/// Divides `x` by `y` rounding by `mode`; the quotient is an integer, or a
/// float when `float_q` (the f- variants). Returns (quotient, remainder).
pub fn round_div<'gc>(
    cx: &mut Cx<'gc, '_>,
    mode: Mode,
    x: Value<'gc>,
    y: Value<'gc>,
    float_q: bool,
) -> Result<(Value<'gc>, Value<'gc>), Ctl<'gc>> {
    let op = mode.name(float_q);
    let rx = check_real(cx, x)?;
    let ry = check_real(cx, y)?;
    if let Some(fmt) = rx.fmt().max(ry.fmt()) {
        return float_div(cx, mode, fmt, (rx, x), (ry, y), float_q, op);
    }
    if ry.is_zero() {
        return Err(div_by_zero(cx, op, &[x, y]));
    }
    let (q, r) = match (rx, ry) {
        (Real::Fix(n), Real::Fix(m)) => {
            let (q, r) = fix_div(n, m, mode);
            (Value::int(cx.mc, q), Value::int(cx.mc, r))
        }
        (Real::Fix(_) | Real::Big(_), Real::Fix(_) | Real::Big(_)) => {
            let (Some((n, _)), Some((m, _))) = (rx.ratio(), ry.ratio()) else { unreachable!() };
            let (q, r) = int_div(&n, &m, mode);
            (Value::from_bigint(cx.mc, q), Value::from_bigint(cx.mc, r))
        }
        _ => {
            let (Some((a, b)), Some((c, d))) = (rx.ratio(), ry.ratio()) else { unreachable!() };
            let (q, _) = int_div(&(a * d), &(b * c), mode);
            let q = Value::from_bigint(cx.mc, q);
            let qy = mul(cx, q, y)?;
            (q, sub(cx, x, qy)?)
        }
    };
    if !float_q {
        return Ok((q, r));
    }
    let fq = to_float(cx, Real::of(q).unwrap_or(Real::Fix(0)), Fmt::Single, q)?;
    Ok((float_value(fq, Fmt::Single), r))
}

fn float_div<'gc>(
    cx: &mut Cx<'gc, '_>,
    mode: Mode,
    fmt: Fmt,
    (rx, x): (Real<'gc>, Value<'gc>),
    (ry, y): (Real<'gc>, Value<'gc>),
    float_q: bool,
    op: &str,
) -> Result<(Value<'gc>, Value<'gc>), Ctl<'gc>> {
    let fx = to_float(cx, rx, fmt, x)?;
    let fy = to_float(cx, ry, fmt, y)?;
    if fy == 0.0 {
        return Err(if fx == 0.0 || fx.is_nan() { invalid(cx, op, &[x, y]) } else { div_by_zero(cx, op, &[x, y]) });
    }
    let quot = check_result(cx, fmt.round(fx / fy), &[fx, fy], op, &[x, y])?;
    // ffloor, fceiling and ftruncate keep the sign of a zero quotient; the
    // others behave as if the quotient were the integer 0.
    let q = match mode.apply(quot) {
        q if q == 0.0 && (!float_q || mode == Mode::Round) => 0.0,
        q => q,
    };
    let rem = match fmt {
        Fmt::Single => ((fx as f32) - (q as f32) * (fy as f32)) as f64,
        Fmt::Double => fx - q * fy,
    };
    let rem = check_result(cx, rem, &[fx, fy], op, &[x, y])?;
    let qv = if float_q {
        float_value(q, fmt)
    } else if q.is_finite() {
        Value::from_bigint(cx.mc, float_to_int(q))
    } else {
        return Err(invalid(cx, op, &[x, y]));
    };
    Ok((qv, float_value(rem, fmt)))
}

fn divide<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>], mode: Mode, float_q: bool) -> R<'gc> {
    let y = args.get(1).copied().unwrap_or(Value::Fixnum(1));
    let (q, r) = round_div(cx, mode, args[0], y, float_q)?;
    cx.values(vec![q, r])
}

pub fn floor<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    divide(cx, args, Mode::Floor, false)
}
pub fn ceiling<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    divide(cx, args, Mode::Ceiling, false)
}
pub fn truncate<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    divide(cx, args, Mode::Truncate, false)
}
pub fn round<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    divide(cx, args, Mode::Round, false)
}
pub fn ffloor<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    divide(cx, args, Mode::Floor, true)
}
pub fn fceiling<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    divide(cx, args, Mode::Ceiling, true)
}
pub fn ftruncate<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    divide(cx, args, Mode::Truncate, true)
}
pub fn fround<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    divide(cx, args, Mode::Round, true)
}

pub fn mod_<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    Ok(round_div(cx, Mode::Floor, args[0], args[1], false)?.1)
}

pub fn rem<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    Ok(round_div(cx, Mode::Truncate, args[0], args[1], false)?.1)
}

