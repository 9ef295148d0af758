//! exp, expt, log and sqrt (see `irrational` for the conventions).

use std::f64::consts::{LN_2, PI};

use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive};

use super::arith::{add, div, mul, parts};
use super::cmath::{self, c};
use super::compare::num_eq;
use super::float::{int_to_float, ratio_to_float, Fmt};
use super::integer::check_bits;
use super::irrational::{arg, complex_out, fmt_of, number_fmt, real_out, unary, unary_domain, Arg};
use super::real::{check_number, cl, div_by_zero, to_float, Real};
use super::trig::{abs_value, cis_value, phase_value};
use crate::heap::{list, Value};
use crate::vm::{Ctl, Cx, R};

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
        check_bits(cx, bits.max(1).saturating_mul(e))?;
        let (num, den) = (pow_polling(cx, &num, e)?, pow_polling(cx, &den, e)?);
        return Ok(Value::from_ratio(cx.mc, num, den));
    }
    // A rational complex: repeated squaring with exact arithmetic.
    let (re, im) = parts(base);
    let bits = [re, im]
        .iter()
        .filter_map(|&v| Real::of(v).and_then(Real::ratio))
        .map(|(n, d)| n.bits().max(d.bits()))
        .max()
        .unwrap_or(1);
    check_bits(cx, bits.saturating_mul(e))?;
    let (mut acc, mut sq, mut k) = (Value::Fixnum(1), base, e);
    loop {
        if k & 1 == 1 {
            acc = mul(cx, acc, sq)?;
        }
        k >>= 1;
        if k == 0 {
            return Ok(acc);
        }
        cx.poll()?;
        sq = mul(cx, sq, sq)?;
    }
}

/// `x^e` by repeated squaring, taking a pending Ctrl-C between steps
/// (`Cx::poll`): one step, a multiplication inside num-bigint, cannot be
/// interrupted, so the longest wait is the last squaring.
fn pow_polling<'gc>(cx: &mut Cx<'gc, '_>, x: &BigInt, e: u64) -> Result<BigInt, Ctl<'gc>> {
    let (mut acc, mut sq, mut k) = (BigInt::from(1), x.clone(), e);
    loop {
        if k & 1 == 1 {
            acc *= &sq;
        }
        k >>= 1;
        if k == 0 {
            return Ok(acc);
        }
        cx.poll()?;
        sq = &sq * &sq;
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

