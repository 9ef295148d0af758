//! Decoded views of numeric values (`Real`, `Int`), float values and
//! conversions between them, and the argument checks and arithmetic
//! conditions the numeric primitives signal.

use num_bigint::BigInt;

use super::float::{int_to_float, ratio_to_float, Fmt};
use crate::heap::{list, Value};
use crate::vm::{Ctl, Cx};

/// A real number, borrowed from its value.
#[derive(Clone, Copy)]
pub enum Real<'gc> {
    Fix(i64),
    Big(&'gc BigInt),
    Ratio(&'gc BigInt, &'gc BigInt),
    Single(f32),
    Double(f64),
}

/// An integer, borrowed from its value.
#[derive(Clone, Copy)]
pub enum Int<'gc> {
    Fix(i64),
    Big(&'gc BigInt),
}

impl<'gc> Real<'gc> {
    pub fn of(v: Value<'gc>) -> Option<Real<'gc>> {
        Some(match v {
            Value::Fixnum(n) => Real::Fix(n),
            Value::Bignum(b) => Real::Big(&gc_arena::Gc::as_ref(b).0),
            Value::Ratio(r) => {
                let r = gc_arena::Gc::as_ref(r);
                Real::Ratio(&r.num, &r.den)
            }
            Value::Single(f) => Real::Single(f),
            Value::Double(f) => Real::Double(f),
            _ => return None,
        })
    }
    /// The float format, or `None` for rationals.
    pub fn fmt(self) -> Option<Fmt> {
        match self {
            Real::Single(_) => Some(Fmt::Single),
            Real::Double(_) => Some(Fmt::Double),
            _ => None,
        }
    }
    /// Numerator and (positive) denominator of a rational.
    pub fn ratio(self) -> Option<(BigInt, BigInt)> {
        match self {
            Real::Fix(n) => Some((n.into(), 1.into())),
            Real::Big(b) => Some((b.clone(), 1.into())),
            Real::Ratio(n, d) => Some((n.clone(), d.clone())),
            _ => None,
        }
    }
    /// The float's value as an f64 (`None` for rationals).
    pub fn float(self) -> Option<f64> {
        match self {
            Real::Single(f) => Some(f as f64),
            Real::Double(f) => Some(f),
            _ => None,
        }
    }
    pub fn is_zero(self) -> bool {
        match self {
            Real::Fix(n) => n == 0,
            Real::Big(_) | Real::Ratio(..) => false,
            Real::Single(f) => f == 0.0,
            Real::Double(f) => f == 0.0,
        }
    }
    /// -1, 0 or 1 (0 also for NaN).
    pub fn sign(self) -> i32 {
        use num_traits::Signed;
        let f = |x: f64| if x > 0.0 { 1 } else if x < 0.0 { -1 } else { 0 };
        match self {
            Real::Fix(n) => n.signum() as i32,
            Real::Big(b) => if b.is_negative() { -1 } else { 1 },
            Real::Ratio(n, _) => if n.is_negative() { -1 } else { 1 },
            Real::Single(x) => f(x as f64),
            Real::Double(x) => f(x),
        }
    }
}

impl<'gc> Int<'gc> {
    pub fn of(v: Value<'gc>) -> Option<Int<'gc>> {
        match v {
            Value::Fixnum(n) => Some(Int::Fix(n)),
            Value::Bignum(b) => Some(Int::Big(&gc_arena::Gc::as_ref(b).0)),
            _ => None,
        }
    }
    pub fn big(self) -> BigInt {
        match self {
            Int::Fix(n) => n.into(),
            Int::Big(b) => b.clone(),
        }
    }
}

/// A float value of the given format (`x` already rounded to it).
pub fn float_value<'gc>(x: f64, fmt: Fmt) -> Value<'gc> {
    match fmt {
        Fmt::Single => Value::Single(x as f32),
        Fmt::Double => Value::Double(x),
    }
}

/// The Lisp name of a float format.
pub fn fmt_symbol<'gc>(cx: &Cx<'gc, '_>, fmt: Fmt) -> Value<'gc> {
    match fmt {
        Fmt::Single => cx.g.s.single_float.into(),
        Fmt::Double => cx.g.s.double_float.into(),
    }
}

/// Converts a real to a float of format `fmt` (rounded to nearest);
/// floating-point-overflow when a rational is beyond the format's range.
pub fn to_float<'gc>(cx: &Cx<'gc, '_>, r: Real<'gc>, fmt: Fmt, orig: Value<'gc>) -> Result<f64, Ctl<'gc>> {
    let v = match r {
        Real::Single(f) => Some(f as f64),
        Real::Double(f) => Some(fmt.round(f)).filter(|y| y.is_finite() || !f.is_finite()),
        Real::Fix(n) => int_to_float(&n.into(), fmt),
        Real::Big(b) => int_to_float(b, fmt),
        Real::Ratio(n, d) => ratio_to_float(n, d, fmt),
    };
    v.ok_or_else(|| overflow(cx, "FLOAT", &[orig, fmt_symbol(cx, fmt)]))
}

/// The float of format `fmt` equal to real value `v`.
pub fn coerce_float<'gc>(cx: &Cx<'gc, '_>, v: Value<'gc>, fmt: Fmt) -> Result<f64, Ctl<'gc>> {
    let r = check_real(cx, v)?;
    to_float(cx, r, fmt, v)
}

/// The symbol `CL:<name>`, for reports and expected types.
pub fn cl<'gc>(cx: &Cx<'gc, '_>, name: &str) -> Value<'gc> {
    cx.g.intern_in(cx.mc, "CL", name)
}

fn arith_error<'gc>(cx: &Cx<'gc, '_>, kind: Value<'gc>, op: &str, operands: &[Value<'gc>]) -> Ctl<'gc> {
    let s = &cx.g.s;
    cx.error_of(kind, vec![s.kw_operation.into(), cl(cx, op), s.kw_operands.into(), list(cx.mc, operands)])
}

pub fn overflow<'gc>(cx: &Cx<'gc, '_>, op: &str, operands: &[Value<'gc>]) -> Ctl<'gc> {
    arith_error(cx, cx.g.s.floating_point_overflow.into(), op, operands)
}

pub fn invalid<'gc>(cx: &Cx<'gc, '_>, op: &str, operands: &[Value<'gc>]) -> Ctl<'gc> {
    arith_error(cx, cl(cx, "FLOATING-POINT-INVALID-OPERATION"), op, operands)
}

pub fn div_by_zero<'gc>(cx: &Cx<'gc, '_>, op: &str, operands: &[Value<'gc>]) -> Ctl<'gc> {
    cx.division_by_zero(cl(cx, op), operands.to_vec())
}

/// The error for an integer too large to allocate.
pub fn too_large<'gc>(cx: &Cx<'gc, '_>) -> Ctl<'gc> {
    cx.storage_condition("integer result too large")
}

/// Checks a float result: overflow to infinity or a NaN from ordinary
/// operands signal floating-point-overflow / -invalid-operation, as SBCL's
/// enabled traps do.
pub fn check_result<'gc>(cx: &Cx<'gc, '_>, r: f64, inputs: &[f64], op: &str, operands: &[Value<'gc>]) -> Result<f64, Ctl<'gc>> {
    if r.is_infinite() && inputs.iter().all(|x| x.is_finite()) {
        return Err(overflow(cx, op, operands));
    }
    if r.is_nan() && !inputs.iter().any(|x| x.is_nan()) {
        return Err(invalid(cx, op, operands));
    }
    Ok(r)
}

pub fn check_number<'gc>(cx: &Cx<'gc, '_>, v: Value<'gc>) -> Result<Value<'gc>, Ctl<'gc>> {
    if v.is_number() {
        Ok(v)
    } else {
        Err(cx.type_error(v, cx.g.s.number.into()))
    }
}

pub fn check_real<'gc>(cx: &Cx<'gc, '_>, v: Value<'gc>) -> Result<Real<'gc>, Ctl<'gc>> {
    Real::of(v).ok_or_else(|| cx.type_error(v, cx.g.s.real.into()))
}

pub fn check_integer<'gc>(cx: &Cx<'gc, '_>, v: Value<'gc>) -> Result<Int<'gc>, Ctl<'gc>> {
    Int::of(v).ok_or_else(|| cx.type_error(v, cx.g.s.integer.into()))
}

pub fn check_rational<'gc>(cx: &Cx<'gc, '_>, v: Value<'gc>) -> Result<(BigInt, BigInt), Ctl<'gc>> {
    Real::of(v).and_then(Real::ratio).ok_or_else(|| cx.type_error(v, cx.g.s.rational.into()))
}

/// A float argument: its value and format.
pub fn check_float<'gc>(cx: &Cx<'gc, '_>, v: Value<'gc>) -> Result<(f64, Fmt), Ctl<'gc>> {
    match v {
        Value::Single(f) => Ok((f as f64, Fmt::Single)),
        Value::Double(f) => Ok((f, Fmt::Double)),
        _ => Err(cx.type_error(v, cl(cx, "FLOAT"))),
    }
}
