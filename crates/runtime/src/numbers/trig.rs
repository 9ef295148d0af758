//! The circular and hyperbolic functions and their inverses, cis, phase
//! and abs (see `irrational` for the conventions).

use num_traits::Signed;

use super::arith::parts;
use super::cmath::{self, c};
use super::irrational::{arg, complex_out, fmt_of, real_out, unary, unary_domain, Arg};
use super::real::{check_real, div_by_zero, to_float, Real};
use super::float::Fmt;
use crate::heap::Value;
use crate::vm::{Ctl, Cx, R};

pub fn sin_value<'gc>(cx: &mut Cx<'gc, '_>, v: Value<'gc>) -> R<'gc> {
    unary(cx, v, "SIN", f64::sin, cmath::sin)
}

pub fn cos_value<'gc>(cx: &mut Cx<'gc, '_>, v: Value<'gc>) -> R<'gc> {
    unary(cx, v, "COS", f64::cos, cmath::cos)
}

/// `(cis radians)`: #C(cos sin).
pub fn cis_value<'gc>(cx: &mut Cx<'gc, '_>, v: Value<'gc>) -> R<'gc> {
    let r = check_real(cx, v)?;
    let x = to_float(cx, r, Fmt::Double, v)?;
    complex_out(cx, c(x.cos(), x.sin()), fmt_of(r), &[x], "CIS", &[v])
}

/// `(phase number)`: the angle of its polar form.
pub fn phase_value<'gc>(cx: &mut Cx<'gc, '_>, v: Value<'gc>) -> R<'gc> {
    match arg(cx, v)? {
        Arg::Real(x, fmt) => {
            // Rationals have no signed zero: 0 has phase 0.
            let angle = if Real::of(v).is_some_and(|r| r.fmt().is_none()) && x == 0.0 { 0.0 } else { 0.0f64.atan2(x) };
            real_out(cx, angle, fmt, &[x], "PHASE", &[v])
        }
        Arg::Complex(z, fmt) => real_out(cx, z.im.atan2(z.re), fmt, &[z.re, z.im], "PHASE", &[v]),
    }
}

/// `(abs number)`: exact for rationals, the magnitude for complexes.
pub fn abs_value<'gc>(cx: &mut Cx<'gc, '_>, v: Value<'gc>) -> R<'gc> {
    match v {
        Value::Fixnum(n) => Ok(Value::int(cx.mc, n.abs())),
        Value::Single(f) => Ok(Value::Single(f.abs())),
        Value::Double(f) => Ok(Value::Double(f.abs())),
        Value::Bignum(b) => Ok(Value::from_bigint(cx.mc, b.0.abs())),
        Value::Ratio(r) => Ok(Value::from_ratio(cx.mc, r.num.abs(), r.den.clone())),
        _ => match arg(cx, v)? {
            Arg::Complex(z, fmt) => real_out(cx, z.abs(), fmt, &[z.re, z.im], "ABS", &[v]),
            Arg::Real(..) => unreachable!("reals are handled above"),
        },
    }
}

/// The f64 of a real argument (rationals converted to double).
fn real_arg<'gc>(cx: &Cx<'gc, '_>, v: Value<'gc>) -> Result<(f64, Real<'gc>), Ctl<'gc>> {
    let r = check_real(cx, v)?;
    Ok((to_float(cx, r, Fmt::Double, v)?, r))
}

/// `(atan y x)`: the angle of the point (x, y).
pub fn atan2_value<'gc>(cx: &mut Cx<'gc, '_>, y: Value<'gc>, x: Value<'gc>) -> R<'gc> {
    let (fy, ry) = real_arg(cx, y)?;
    let (fx, rx) = real_arg(cx, x)?;
    let fmt = fmt_of(ry).max(fmt_of(rx));
    real_out(cx, fy.atan2(fx), fmt, &[fy, fx], "ATAN", &[y, x])
}

pub fn tan_value<'gc>(cx: &mut Cx<'gc, '_>, v: Value<'gc>) -> R<'gc> {
    unary(cx, v, "TAN", f64::tan, cmath::tan)
}

pub fn asin_value<'gc>(cx: &mut Cx<'gc, '_>, v: Value<'gc>) -> R<'gc> {
    unary_domain(cx, v, "ASIN", |x| x.abs() <= 1.0, quadrant_iv_above_one, f64::asin, cmath::asin)
}

pub fn acos_value<'gc>(cx: &mut Cx<'gc, '_>, v: Value<'gc>) -> R<'gc> {
    unary_domain(cx, v, "ACOS", |x| x.abs() <= 1.0, quadrant_iv_above_one, f64::acos, cmath::acos)
}

/// asin and acos are continuous with quadrant IV on the cut x > 1.
fn quadrant_iv_above_one(x: f64) -> f64 {
    if x > 1.0 {
        -0.0
    } else {
        0.0
    }
}

pub fn atan_value<'gc>(cx: &mut Cx<'gc, '_>, v: Value<'gc>) -> R<'gc> {
    unary(cx, v, "ATAN", f64::atan, cmath::atan)
}

pub fn sinh_value<'gc>(cx: &mut Cx<'gc, '_>, v: Value<'gc>) -> R<'gc> {
    unary(cx, v, "SINH", f64::sinh, cmath::sinh)
}

pub fn cosh_value<'gc>(cx: &mut Cx<'gc, '_>, v: Value<'gc>) -> R<'gc> {
    unary(cx, v, "COSH", f64::cosh, cmath::cosh)
}

pub fn tanh_value<'gc>(cx: &mut Cx<'gc, '_>, v: Value<'gc>) -> R<'gc> {
    unary(cx, v, "TANH", f64::tanh, cmath::tanh)
}

pub fn asinh_value<'gc>(cx: &mut Cx<'gc, '_>, v: Value<'gc>) -> R<'gc> {
    unary(cx, v, "ASINH", f64::asinh, cmath::asinh)
}

pub fn acosh_value<'gc>(cx: &mut Cx<'gc, '_>, v: Value<'gc>) -> R<'gc> {
    unary_domain(cx, v, "ACOSH", |x| x >= 1.0, |_| 0.0, f64::acosh, cmath::acosh)
}

pub fn atanh_value<'gc>(cx: &mut Cx<'gc, '_>, v: Value<'gc>) -> R<'gc> {
    let (re, im) = parts(v);
    let (Some(re), Some(im)) = (Real::of(re), Real::of(im)) else {
        return Err(cx.type_error(v, cx.g.s.number.into()));
    };
    // atanh(±1) is a pole.
    if im.is_zero() && re.float().map_or_else(|| re.ratio().is_some_and(|(n, d)| n.abs() == d), |x| x.abs() == 1.0) {
        return Err(div_by_zero(cx, "ATANH", &[v]));
    }
    unary_domain(cx, v, "ATANH", |x| x.abs() < 1.0, |_| 0.0, f64::atanh, cmath::atanh)
}


