//! Irrational and transcendental functions (CLHS 12.2): the shared
//! machinery. They compute in double precision and round the result to
//! the argument's format (single-float for rationals), as SBCL does; real
//! arguments outside a function's real domain give complex results.
//! `explog` holds exp, expt, log and sqrt; `trig` the circular and
//! hyperbolic functions, cis, phase and abs.

use super::arith::parts;
use super::cmath::{c, C};
use super::float::Fmt;
use super::real::{check_real, check_result, float_value, to_float, Real};
use crate::heap::number::Complex;
use crate::heap::Value;
use crate::vm::{Ctl, Cx, R};

/// A numeric argument converted to double precision, with the format of
/// the result it calls for.
pub(super) enum Arg {
    Real(f64, Fmt),
    Complex(C, Fmt),
}

pub(super) fn arg<'gc>(cx: &Cx<'gc, '_>, v: Value<'gc>) -> Result<Arg, Ctl<'gc>> {
    match v {
        Value::Complex(z) => {
            let (re, im) = (check_real(cx, z.re)?, check_real(cx, z.im)?);
            let fmt = re.fmt().unwrap_or(Fmt::Single);
            Ok(Arg::Complex(c(to_float(cx, re, Fmt::Double, z.re)?, to_float(cx, im, Fmt::Double, z.im)?), fmt))
        }
        _ => {
            let r = Real::of(v).ok_or_else(|| cx.type_error(v, cx.g.s.number.into()))?;
            Ok(Arg::Real(to_float(cx, r, Fmt::Double, v)?, r.fmt().unwrap_or(Fmt::Single)))
        }
    }
}

/// The format a real argument calls for (single-float for rationals).
pub(super) fn fmt_of(r: Real<'_>) -> Fmt {
    r.fmt().unwrap_or(Fmt::Single)
}

/// A real result rounded to `fmt`, trapping overflow and invalid results.
pub(super) fn real_out<'gc>(cx: &Cx<'gc, '_>, x: f64, fmt: Fmt, inputs: &[f64], op: &str, args: &[Value<'gc>]) -> R<'gc> {
    let r = check_result(cx, fmt.round(x), inputs, op, args)?;
    Ok(float_value(r, fmt))
}

/// A complex float result (never canonicalised to a real).
pub(super) fn complex_out<'gc>(cx: &Cx<'gc, '_>, z: C, fmt: Fmt, inputs: &[f64], op: &str, args: &[Value<'gc>]) -> R<'gc> {
    let re = check_result(cx, fmt.round(z.re), inputs, op, args)?;
    let im = check_result(cx, fmt.round(z.im), inputs, op, args)?;
    Ok(Value::Complex(gc_arena::Gc::new(cx.mc, Complex { re: float_value(re, fmt), im: float_value(im, fmt) })))
}

/// Applies `real` to a real argument and `complex` to a complex one.
pub(super) fn unary<'gc>(cx: &Cx<'gc, '_>, v: Value<'gc>, op: &str, real: fn(f64) -> f64, complex: fn(C) -> C) -> R<'gc> {
    match arg(cx, v)? {
        Arg::Real(x, fmt) => real_out(cx, real(x), fmt, &[x], op, &[v]),
        Arg::Complex(z, fmt) => complex_out(cx, complex(z), fmt, &[z.re, z.im], op, &[v]),
    }
}

/// Like `unary`, but a real outside `domain` is computed as the complex
/// `x + i·0` with the zero's sign from `im_sign`.
pub(super) fn unary_domain<'gc>(
    cx: &Cx<'gc, '_>,
    v: Value<'gc>,
    op: &str,
    domain: fn(f64) -> bool,
    im_sign: fn(f64) -> f64,
    real: fn(f64) -> f64,
    complex: fn(C) -> C,
) -> R<'gc> {
    match arg(cx, v)? {
        Arg::Real(x, fmt) if domain(x) || x.is_nan() => real_out(cx, real(x), fmt, &[x], op, &[v]),
        Arg::Real(x, fmt) => complex_out(cx, complex(c(x, im_sign(x))), fmt, &[x], op, &[v]),
        Arg::Complex(z, fmt) => complex_out(cx, complex(z), fmt, &[z.re, z.im], op, &[v]),
    }
}


/// The format of a number's float parts (None for rationals and rational complexes).
pub(super) fn number_fmt(v: Value<'_>) -> Option<Fmt> {
    Real::of(parts(v).0).and_then(|r| r.fmt())
}


/// The primitives, one argument list each.
pub mod prims {
    use super::super::explog::{exp_value, expt_value, log_value, sqrt_value};
    use super::super::trig::*;
    use crate::heap::Value;
    use crate::vm::{Cx, R};

    pub fn exp<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
        exp_value(cx, args[0])
    }
    pub fn expt<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
        expt_value(cx, args[0], args[1])
    }
    pub fn log<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
        log_value(cx, args[0], args.get(1).copied())
    }
    pub fn sqrt<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
        sqrt_value(cx, args[0])
    }
    pub fn sin<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
        sin_value(cx, args[0])
    }
    pub fn cos<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
        cos_value(cx, args[0])
    }
    pub fn tan<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
        tan_value(cx, args[0])
    }
    pub fn asin<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
        asin_value(cx, args[0])
    }
    pub fn acos<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
        acos_value(cx, args[0])
    }
    pub fn atan<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
        match args.get(1) {
            Some(&x) => atan2_value(cx, args[0], x),
            None => atan_value(cx, args[0]),
        }
    }
    pub fn sinh<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
        sinh_value(cx, args[0])
    }
    pub fn cosh<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
        cosh_value(cx, args[0])
    }
    pub fn tanh<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
        tanh_value(cx, args[0])
    }
    pub fn asinh<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
        asinh_value(cx, args[0])
    }
    pub fn acosh<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
        acosh_value(cx, args[0])
    }
    pub fn atanh<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
        atanh_value(cx, args[0])
    }
    pub fn cis<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
        cis_value(cx, args[0])
    }
    pub fn phase<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
        phase_value(cx, args[0])
    }
}

