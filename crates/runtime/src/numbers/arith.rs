//! The four arithmetic operations on every number type: fixnum fast
//! paths, exact rational arithmetic, float contagion with SBCL's traps,
//! and complex arithmetic with canonicalisation.

use num_traits::Zero;

use super::float::Fmt;
use super::real::{check_result, div_by_zero, float_value, invalid, to_float, Real};
use crate::heap::Value;
use crate::vm::{Ctl, Cx, R};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Op {
    Add,
    Sub,
    Mul,
    Div,
}

impl Op {
    fn name(self) -> &'static str {
        match self {
            Op::Add => "+",
            Op::Sub => "-",
            Op::Mul => "*",
            Op::Div => "/",
        }
    }
}

/// `(+ a b)`.
pub fn add<'gc>(cx: &mut Cx<'gc, '_>, a: Value<'gc>, b: Value<'gc>) -> R<'gc> {
    if let (Value::Fixnum(x), Value::Fixnum(y)) = (a, b) {
        return Ok(Value::int(cx.mc, x + y));
    }
    arith(cx, Op::Add, a, b)
}

/// `(- a b)`.
pub fn sub<'gc>(cx: &mut Cx<'gc, '_>, a: Value<'gc>, b: Value<'gc>) -> R<'gc> {
    if let (Value::Fixnum(x), Value::Fixnum(y)) = (a, b) {
        return Ok(Value::int(cx.mc, x - y));
    }
    arith(cx, Op::Sub, a, b)
}

/// `(* a b)`.
pub fn mul<'gc>(cx: &mut Cx<'gc, '_>, a: Value<'gc>, b: Value<'gc>) -> R<'gc> {
    if let (Value::Fixnum(x), Value::Fixnum(y)) = (a, b) {
        if let Some(p) = x.checked_mul(y) {
            return Ok(Value::int(cx.mc, p));
        }
    }
    arith(cx, Op::Mul, a, b)
}

/// `(/ a b)`.
pub fn div<'gc>(cx: &mut Cx<'gc, '_>, a: Value<'gc>, b: Value<'gc>) -> R<'gc> {
    arith(cx, Op::Div, a, b)
}

/// `(- a)`.
pub fn negate<'gc>(cx: &mut Cx<'gc, '_>, a: Value<'gc>) -> R<'gc> {
    match a {
        Value::Fixnum(n) => Ok(Value::int(cx.mc, -n)),
        Value::Single(f) => Ok(Value::Single(-f)),
        Value::Double(f) => Ok(Value::Double(-f)),
        Value::Complex(c) => {
            let (re, im) = (negate(cx, c.re)?, negate(cx, c.im)?);
            make_complex(cx, re, im)
        }
        _ => sub(cx, Value::Fixnum(0), a),
    }
}

/// The real and imaginary parts of a number (imaginary part 0 for reals).
pub fn parts<'gc>(v: Value<'gc>) -> (Value<'gc>, Value<'gc>) {
    match v {
        Value::Complex(c) => (c.re, c.im),
        _ => (v, Value::Fixnum(0)),
    }
}

/// The complex `re + i·im` of two reals, canonicalised: float parts are
/// brought to one format; a rational complex with zero imaginary part is
/// its real part.
pub fn make_complex<'gc>(cx: &mut Cx<'gc, '_>, re: Value<'gc>, im: Value<'gc>) -> R<'gc> {
    let (r, i) = (Real::of(re), Real::of(im));
    let (Some(r), Some(i)) = (r, i) else {
        let bad = if r.is_none() { re } else { im };
        return Err(cx.type_error(bad, cx.g.s.real.into()));
    };
    let fmt = match (r.fmt(), i.fmt()) {
        (None, None) => {
            return Ok(if matches!(im, Value::Fixnum(0)) {
                re
            } else {
                Value::Complex(gc_arena::Gc::new(cx.mc, crate::heap::number::Complex { re, im }))
            });
        }
        (a, b) => a.max(b).unwrap_or(Fmt::Single),
    };
    let re = float_value(to_float(cx, r, fmt, re)?, fmt);
    let im = float_value(to_float(cx, i, fmt, im)?, fmt);
    Ok(Value::Complex(gc_arena::Gc::new(cx.mc, crate::heap::number::Complex { re, im })))
}

fn arith<'gc>(cx: &mut Cx<'gc, '_>, op: Op, a: Value<'gc>, b: Value<'gc>) -> R<'gc> {
    if matches!(a, Value::Complex(_)) || matches!(b, Value::Complex(_)) {
        return complex_arith(cx, op, a, b);
    }
    let ra = Real::of(a).ok_or_else(|| cx.type_error(a, cx.g.s.number.into()))?;
    let rb = Real::of(b).ok_or_else(|| cx.type_error(b, cx.g.s.number.into()))?;
    match ra.fmt().max(rb.fmt()) {
        None => rational_arith(cx, op, ra, rb, a, b),
        Some(fmt) => {
            let x = to_float(cx, ra, fmt, a)?;
            let y = to_float(cx, rb, fmt, b)?;
            float_op(cx, op, x, y, fmt, a, b).map(|r| float_value(r, fmt))
        }
    }
}

/// One float operation in format `fmt`, trapping like SBCL.
fn float_op<'gc>(cx: &Cx<'gc, '_>, op: Op, x: f64, y: f64, fmt: Fmt, a: Value<'gc>, b: Value<'gc>) -> Result<f64, Ctl<'gc>> {
    if op == Op::Div && y == 0.0 {
        return Err(if x == 0.0 || x.is_nan() { invalid(cx, "/", &[a, b]) } else { div_by_zero(cx, "/", &[a, b]) });
    }
    let r = match fmt {
        Fmt::Single => {
            let (x, y) = (x as f32, y as f32);
            (match op {
                Op::Add => x + y,
                Op::Sub => x - y,
                Op::Mul => x * y,
                Op::Div => x / y,
            }) as f64
        }
        Fmt::Double => match op {
            Op::Add => x + y,
            Op::Sub => x - y,
            Op::Mul => x * y,
            Op::Div => x / y,
        },
    };
    check_result(cx, r, &[x, y], op.name(), &[a, b])
}

fn rational_arith<'gc>(cx: &mut Cx<'gc, '_>, op: Op, ra: Real<'gc>, rb: Real<'gc>, a: Value<'gc>, b: Value<'gc>) -> R<'gc> {
    let mc = cx.mc;
    let (Some((an, ad)), Some((bn, bd))) = (ra.ratio(), rb.ratio()) else {
        unreachable!("rational_arith on rationals")
    };
    let ints = matches!(ra, Real::Fix(_) | Real::Big(_)) && matches!(rb, Real::Fix(_) | Real::Big(_));
    if matches!(op, Op::Mul | Op::Div) {
        super::integer::check_bits(cx, an.bits() + bn.bits() + ad.bits() + bd.bits())?;
    }
    Ok(match op {
        Op::Add if ints => Value::from_bigint(mc, an + bn),
        Op::Sub if ints => Value::from_bigint(mc, an - bn),
        Op::Mul if ints => Value::from_bigint(mc, an * bn),
        Op::Add => Value::from_ratio(mc, &an * &bd + &bn * &ad, ad * bd),
        Op::Sub => Value::from_ratio(mc, &an * &bd - &bn * &ad, ad * bd),
        Op::Mul => Value::from_ratio(mc, an * bn, ad * bd),
        Op::Div => {
            if bn.is_zero() {
                return Err(div_by_zero(cx, "/", &[a, b]));
            }
            Value::from_ratio(mc, an * bd, ad * bn)
        }
    })
}

fn is_float_complex(v: Value<'_>) -> bool {
    matches!(v, Value::Complex(c) if matches!(c.re, Value::Single(_) | Value::Double(_)))
}

fn complex_arith<'gc>(cx: &mut Cx<'gc, '_>, op: Op, a: Value<'gc>, b: Value<'gc>) -> R<'gc> {
    for v in [a, b] {
        if !v.is_number() {
            return Err(cx.type_error(v, cx.g.s.number.into()));
        }
    }
    let (ar, ai) = parts(a);
    let (br, bi) = parts(b);
    let a_real = !matches!(a, Value::Complex(_));
    let b_real = !matches!(b, Value::Complex(_));
    let (re, im) = match op {
        Op::Add if b_real => (add(cx, ar, b)?, ai),
        Op::Add if a_real => (add(cx, a, br)?, bi),
        Op::Add => (add(cx, ar, br)?, add(cx, ai, bi)?),
        Op::Sub if b_real => (sub(cx, ar, b)?, ai),
        Op::Sub if a_real => (sub(cx, a, br)?, negate(cx, bi)?),
        Op::Sub => (sub(cx, ar, br)?, sub(cx, ai, bi)?),
        Op::Mul if b_real => (mul(cx, ar, b)?, mul(cx, ai, b)?),
        Op::Mul if a_real => (mul(cx, a, br)?, mul(cx, a, bi)?),
        Op::Mul => {
            let (rr, ii) = (mul(cx, ar, br)?, mul(cx, ai, bi)?);
            let (ri, ir) = (mul(cx, ar, bi)?, mul(cx, ai, br)?);
            (sub(cx, rr, ii)?, add(cx, ri, ir)?)
        }
        Op::Div if b_real => {
            if Real::of(b).is_some_and(|r| r.is_zero()) {
                return Err(div_by_zero(cx, "/", &[a, b]));
            }
            (div(cx, ar, b)?, div(cx, ai, b)?)
        }
        Op::Div => return complex_div(cx, ar, ai, br, bi, a, b),
    };
    make_complex(cx, re, im)
}

/// (a + bi) / (c + di): exact for rationals, Smith's method for floats.
fn complex_div<'gc>(
    cx: &mut Cx<'gc, '_>,
    a: Value<'gc>,
    b: Value<'gc>,
    c: Value<'gc>,
    d: Value<'gc>,
    x: Value<'gc>,
    y: Value<'gc>,
) -> R<'gc> {
    let zero = |v: Value<'gc>| Real::of(v).is_some_and(|r| r.is_zero());
    let floats = is_float_complex(x) || is_float_complex(y) || Real::of(x).and_then(|r| r.fmt()).is_some();
    if zero(c) && zero(d) {
        // Only a float complex can be zero: SBCL's 0/0 parts trap as invalid.
        return Err(if floats { invalid(cx, "/", &[x, y]) } else { div_by_zero(cx, "/", &[x, y]) });
    }
    let (re, im, den) = if !floats {
        let (cc, dd) = (mul(cx, c, c)?, mul(cx, d, d)?);
        let (ac, bd) = (mul(cx, a, c)?, mul(cx, b, d)?);
        let (bc, ad) = (mul(cx, b, c)?, mul(cx, a, d)?);
        (add(cx, ac, bd)?, sub(cx, bc, ad)?, add(cx, cc, dd)?)
    } else if magnitude(c) >= magnitude(d) {
        let r = div(cx, d, c)?;
        let (dr, br, ar) = (mul(cx, d, r)?, mul(cx, b, r)?, mul(cx, a, r)?);
        (add(cx, a, br)?, sub(cx, b, ar)?, add(cx, c, dr)?)
    } else {
        let r = div(cx, c, d)?;
        let (cr, ar, br) = (mul(cx, c, r)?, mul(cx, a, r)?, mul(cx, b, r)?);
        (add(cx, ar, b)?, sub(cx, br, a)?, add(cx, cr, d)?)
    };
    let (re, im) = (div(cx, re, den)?, div(cx, im, den)?);
    make_complex(cx, re, im)
}

/// |v| as an f64, for choosing the branch of Smith's division.
fn magnitude(v: Value<'_>) -> f64 {
    let Some(r) = Real::of(v) else { return f64::NAN };
    let x = r.float().or_else(|| r.ratio().and_then(|(n, d)| super::float::ratio_to_float(&n, &d, Fmt::Double)));
    x.unwrap_or(f64::INFINITY).abs()
}
