//! Irrational and transcendental functions (CLHS 12.2): exp, expt, log,
//! sqrt, the circular and hyperbolic functions and their inverses, cis
//! and phase. They compute in double precision and round the result to
//! the argument's format (single-float for rationals), as SBCL does;
//! real arguments outside a function's real domain give complex results.

use std::f64::consts::{LN_2, PI};

use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive};

use super::arith::{add, div, mul, parts};
use super::cmath::{self, c, C};
use super::compare::num_eq;
use super::float::{int_to_float, ratio_to_float, Fmt};
use super::integer::MAX_BITS;
use super::real::{check_number, check_real, check_result, cl, div_by_zero, float_value, to_float, too_large, Real};
use crate::heap::number::Complex;
use crate::heap::{list, Value};
use crate::vm::{Ctl, Cx, R};

/// A numeric argument converted to double precision, with the format of
/// the result it calls for.
enum Arg {
    Real(f64, Fmt),
    Complex(C, Fmt),
}

fn arg<'gc>(cx: &Cx<'gc, '_>, v: Value<'gc>) -> Result<Arg, Ctl<'gc>> {
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
fn fmt_of(r: Real<'_>) -> Fmt {
    r.fmt().unwrap_or(Fmt::Single)
}

/// A real result rounded to `fmt`, trapping overflow and invalid results.
fn real_out<'gc>(cx: &Cx<'gc, '_>, x: f64, fmt: Fmt, inputs: &[f64], op: &str, args: &[Value<'gc>]) -> R<'gc> {
    let r = check_result(cx, fmt.round(x), inputs, op, args)?;
    Ok(float_value(r, fmt))
}

/// A complex float result (never canonicalised to a real).
fn complex_out<'gc>(cx: &Cx<'gc, '_>, z: C, fmt: Fmt, inputs: &[f64], op: &str, args: &[Value<'gc>]) -> R<'gc> {
    let re = check_result(cx, fmt.round(z.re), inputs, op, args)?;
    let im = check_result(cx, fmt.round(z.im), inputs, op, args)?;
    Ok(Value::Complex(gc_arena::Gc::new(cx.mc, Complex { re: float_value(re, fmt), im: float_value(im, fmt) })))
}

/// Applies `real` to a real argument and `complex` to a complex one.
fn unary<'gc>(cx: &Cx<'gc, '_>, v: Value<'gc>, op: &str, real: fn(f64) -> f64, complex: fn(C) -> C) -> R<'gc> {
    match arg(cx, v)? {
        Arg::Real(x, fmt) => real_out(cx, real(x), fmt, &[x], op, &[v]),
        Arg::Complex(z, fmt) => complex_out(cx, complex(z), fmt, &[z.re, z.im], op, &[v]),
    }
}

/// Like `unary`, but a real outside `domain` is computed as the complex
/// `x + i·0` with the zero's sign from `im_sign`.
fn unary_domain<'gc>(
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

pub fn exp_value<'gc>(cx: &mut Cx<'gc, '_>, v: Value<'gc>) -> R<'gc> {
    unary(cx, v, "EXP", f64::exp, cmath::exp)
}

pub fn sqrt_value<'gc>(cx: &mut Cx<'gc, '_>, v: Value<'gc>) -> R<'gc> {
    unary_domain(cx, v, "SQRT", |x| x >= 0.0, |_| 0.0, f64::sqrt, cmath::sqrt)
}

/// ln of a positive integer, also beyond the double range.
fn ln_int(n: &BigInt) -> f64 {
    let bits = n.bits();
    if bits < 1000 {
        return int_to_float(n, Fmt::Double).map_or(f64::INFINITY, f64::ln);
    }
    let shift = bits - 64;
    let top = (n >> shift as usize).to_u64().map_or(f64::INFINITY, |t| t as f64);
    top.ln() + shift as f64 * LN_2
}

/// ln of a positive rational num/den.
fn ln_ratio(num: &BigInt, den: &BigInt) -> f64 {
    if den == &BigInt::from(1) {
        return ln_int(num);
    }
    if num.bits() == den.bits() {
        // Close to 1: log1p of the exact difference keeps the precision.
        return ratio_to_float(&(num - den), den, Fmt::Double).map_or(f64::NAN, f64::ln_1p);
    }
    match ratio_to_float(num, den, Fmt::Double) {
        Some(f) if f.is_normal() => f.ln(),
        _ => ln_int(num) - ln_int(den),
    }
}

/// The natural logarithm of `v`, with rational arguments computed in
/// format `rational_fmt` (single-float unless combined with a double).
fn ln<'gc>(cx: &mut Cx<'gc, '_>, v: Value<'gc>, rational_fmt: Fmt) -> R<'gc> {
    let zero_error = |cx: &Cx<'gc, '_>| div_by_zero(cx, "LOG", &[v]);
    match Real::of(v) {
        Some(r) => match r.ratio() {
            Some((n, d)) => {
                if r.is_zero() {
                    return Err(zero_error(cx));
                }
                let l = ln_ratio(&n.abs(), &d);
                if n.is_negative() {
                    complex_out(cx, c(l, PI), rational_fmt, &[l], "LOG", &[v])
                } else {
                    real_out(cx, l, rational_fmt, &[l], "LOG", &[v])
                }
            }
            None => {
                let (x, fmt) = (r.float().unwrap_or(f64::NAN), fmt_of(r));
                if x == 0.0 {
                    return Err(zero_error(cx));
                }
                if x.is_sign_negative() {
                    complex_out(cx, c((-x).ln(), PI), fmt, &[x], "LOG", &[v])
                } else {
                    real_out(cx, x.ln(), fmt, &[x], "LOG", &[v])
                }
            }
        },
        None => match arg(cx, v)? {
            Arg::Complex(z, fmt) => {
                if z.re == 0.0 && z.im == 0.0 {
                    return Err(zero_error(cx));
                }
                complex_out(cx, cmath::log(z), fmt, &[z.re, z.im], "LOG", &[v])
            }
            Arg::Real(..) => unreachable!("reals are handled above"),
        },
    }
}

/// The format of a number's float parts (None for rationals and rational complexes).
fn number_fmt(v: Value<'_>) -> Option<Fmt> {
    Real::of(parts(v).0).and_then(|r| r.fmt())
}

/// `(log number [base])`.
pub fn log_value<'gc>(cx: &mut Cx<'gc, '_>, number: Value<'gc>, base: Option<Value<'gc>>) -> R<'gc> {
    let Some(base) = base else {
        return ln(cx, number, Fmt::Single);
    };
    check_number(cx, number)?;
    check_number(cx, base)?;
    let any_double = number_fmt(number) == Some(Fmt::Double) || number_fmt(base) == Some(Fmt::Double);
    if num_eq(base, Value::Fixnum(0)) {
        return Ok(if any_double { Value::Double(0.0) } else { Value::Single(0.0) });
    }
    let positive_int = |v: Value<'gc>| matches!(Real::of(v), Some(r @ (Real::Fix(_) | Real::Big(_))) if r.sign() > 0);
    if positive_int(number) && positive_int(base) {
        let (Some((n, _)), Some((b, _))) = (Real::of(number).and_then(Real::ratio), Real::of(base).and_then(Real::ratio)) else {
            unreachable!("positive integers")
        };
        let (ln_n, ln_b) = (ln_int(&n), ln_int(&b));
        if ln_b == 0.0 {
            return Err(div_by_zero(cx, "/", &[number, base]));
        }
        return real_out(cx, ln_n / ln_b, Fmt::Single, &[ln_n, ln_b], "LOG", &[number, base]);
    }
    let fmt = if any_double { Fmt::Double } else { Fmt::Single };
    let a = ln(cx, number, fmt)?;
    let b = ln(cx, base, fmt)?;
    div(cx, a, b)
}

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

fn expt_domain_error<'gc>(cx: &Cx<'gc, '_>, base: Value<'gc>, power: Value<'gc>) -> Ctl<'gc> {
    let s = &cx.g.s;
    let operands = list(cx.mc, &[base, power]);
    cx.error_of(s.arithmetic_error.into(), vec![s.kw_operation.into(), cl(cx, "EXPT"), s.kw_operands.into(), operands])
}

fn is_float_number(v: Value<'_>) -> bool {
    number_fmt(v).is_some()
}

fn is_rational_number(v: Value<'_>) -> bool {
    v.is_number() && !is_float_number(v)
}

/// `(expt base power)`, following SBCL's case analysis: exact for a
/// rational (or rational complex) base and integer power; `pow` in double
/// precision for reals; exp(power·log(base)) otherwise.
pub fn expt_value<'gc>(cx: &mut Cx<'gc, '_>, base: Value<'gc>, power: Value<'gc>) -> R<'gc> {
    check_number(cx, base)?;
    check_number(cx, power)?;
    let zero = Value::Fixnum(0);
    if num_eq(power, zero) {
        if num_eq(base, zero) && is_float_number(power) {
            return Err(expt_domain_error(cx, base, power));
        }
        let p = mul(cx, base, power)?;
        return add(cx, p, Value::Fixnum(1));
    }
    let (rb, rp) = (Real::of(base), Real::of(power));
    match rp {
        Some(p @ (Real::Fix(_) | Real::Big(_))) if is_rational_number(base) => return intexp(cx, base, power, p),
        _ => {}
    }
    match (rb, rp) {
        (Some(b), Some(p)) => {
            let fmt = fmt_of(b).max(fmt_of(p));
            real_expt(cx, b, p, fmt, base, power)
        }
        (None, Some(p)) if p.fmt().is_none() => {
            // A complex base to a rational power: |b|^p · cis(p · phase b).
            let (m, ph) = (abs_value(cx, base)?, phase_value(cx, base)?);
            let m = expt_value(cx, m, power)?;
            let angle = mul(cx, power, ph)?;
            let rot = cis_value(cx, angle)?;
            mul(cx, m, rot)
        }
        _ => {
            let positive_re = Real::of(parts(power).0).is_some_and(|r| r.sign() > 0);
            if num_eq(base, zero) && positive_re {
                return mul(cx, base, power);
            }
            let l = log_value(cx, base, None)?;
            let e = mul(cx, power, l)?;
            exp_value(cx, e)
        }
    }
}

/// A rational or rational complex base to an integer power, exactly.
fn intexp<'gc>(cx: &mut Cx<'gc, '_>, base: Value<'gc>, power: Value<'gc>, p: Real<'gc>) -> R<'gc> {
    let Some((n, _)) = p.ratio() else { unreachable!("integer power") };
    if n.is_negative() {
        if num_eq(base, Value::Fixnum(0)) {
            return Err(div_by_zero(cx, "EXPT", &[base, power]));
        }
        let r = intexp_pos(cx, base, &n.abs())?;
        return div(cx, Value::Fixnum(1), r);
    }
    intexp_pos(cx, base, &n)
}

fn intexp_pos<'gc>(cx: &mut Cx<'gc, '_>, base: Value<'gc>, n: &BigInt) -> R<'gc> {
    let e = n.to_u64().unwrap_or(u64::MAX);
    if let Some((num, den)) = Real::of(base).and_then(Real::ratio) {
        // 0, 1 and -1 stay small whatever the power.
        if den == BigInt::from(1) && num.abs() <= BigInt::from(1) {
            let odd = n.bit(0);
            return Ok(Value::from_bigint(cx.mc, if num.is_negative() && !odd { -num } else { num }));
        }
        let bits = num.bits().max(den.bits()) - 1;
        if bits.max(1).saturating_mul(e) > MAX_BITS {
            return Err(too_large(cx));
        }
        let e = e as u32;
        return Ok(Value::from_ratio(cx.mc, num.pow(e), den.pow(e)));
    }
    // A rational complex: repeated squaring with exact arithmetic.
    let (re, im) = parts(base);
    let bits = [re, im]
        .iter()
        .filter_map(|&v| Real::of(v).and_then(Real::ratio))
        .map(|(n, d)| n.bits().max(d.bits()))
        .max()
        .unwrap_or(1);
    if bits.saturating_mul(e) > MAX_BITS {
        return Err(too_large(cx));
    }
    let (mut acc, mut sq, mut k) = (Value::Fixnum(1), base, e);
    loop {
        if k & 1 == 1 {
            acc = mul(cx, acc, sq)?;
        }
        k >>= 1;
        if k == 0 {
            return Ok(acc);
        }
        sq = mul(cx, sq, sq)?;
    }
}

/// Real `x^y` in double precision (C `pow` semantics), rounded to `fmt`;
/// a negative base with a non-integer power gives a complex result.
fn real_expt<'gc>(cx: &mut Cx<'gc, '_>, b: Real<'gc>, p: Real<'gc>, fmt: Fmt, base: Value<'gc>, power: Value<'gc>) -> R<'gc> {
    let x = to_float(cx, b, Fmt::Double, base)?;
    let y = to_float(cx, p, Fmt::Double, power)?;
    let args = [base, power];
    if x == 0.0 && y < 0.0 {
        return Err(div_by_zero(cx, "EXPT", &args));
    }
    if x >= 0.0 || x.is_nan() || y.is_nan() {
        return real_out(cx, x.powf(y), fmt, &[x, y], "EXPT", &args);
    }
    let pow = (-x).powf(y);
    if y.fract() == 0.0 {
        let odd = y.abs() < 9.007199254740992e15 && (y as i64) & 1 == 1;
        return real_out(cx, if odd { -pow } else { pow }, fmt, &[x, y], "EXPT", &args);
    }
    let angle = y * PI;
    complex_out(cx, c(pow * angle.cos(), pow * angle.sin()), fmt, &[x, y], "EXPT", &args)
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


/// The primitives, one argument list each.
pub mod prims {
    use super::*;

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
