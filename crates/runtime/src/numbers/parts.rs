//! Taking numbers apart and converting between kinds: complex, realpart,
//! imagpart, conjugate, signum, numerator, denominator, rational,
//! rationalize and float.

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Zero};

use super::arith::{div, make_complex, negate, parts};
use super::float::{decode, float_to_ratio};
use super::trig::abs_value;
use super::real::{check_float, check_number, check_rational, check_real, float_value, to_float, Real};
use crate::heap::Value;
use crate::vm::{Cx, R};

pub fn complex<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let r = check_real(cx, args[0])?;
    let im = match (args.get(1), r.fmt()) {
        (Some(&im), _) => im,
        // A lone float makes a complex with a zero imaginary part.
        (None, Some(fmt)) => float_value(0.0, fmt),
        (None, None) => Value::Fixnum(0),
    };
    make_complex(cx, args[0], im)
}

pub fn realpart<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    check_number(cx, args[0])?;
    Ok(parts(args[0]).0)
}

pub fn imagpart<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    Ok(match check_number(cx, args[0])? {
        Value::Complex(c) => c.im,
        // (* 0 x): a zero of the float's format and sign.
        Value::Single(f) => Value::Single(0.0f32.copysign(f)),
        Value::Double(f) => Value::Double(0.0f64.copysign(f)),
        _ => Value::Fixnum(0),
    })
}

pub fn conjugate<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    match check_number(cx, args[0])? {
        Value::Complex(c) => {
            let im = negate(cx, c.im)?;
            make_complex(cx, c.re, im)
        }
        v => Ok(v),
    }
}

pub fn abs<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    check_number(cx, args[0])?;
    abs_value(cx, args[0])
}

pub fn signum<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let v = check_number(cx, args[0])?;
    Ok(match Real::of(v) {
        Some(Real::Single(f)) if f != 0.0 && !f.is_nan() => Value::Single(1.0f32.copysign(f)),
        Some(Real::Double(f)) if f != 0.0 && !f.is_nan() => Value::Double(1.0f64.copysign(f)),
        Some(Real::Single(_) | Real::Double(_)) => v,
        Some(r) => Value::Fixnum(r.sign() as i64),
        None => {
            let (re, im) = parts(v);
            if Real::of(re).is_some_and(|r| r.is_zero()) && Real::of(im).is_some_and(|r| r.is_zero()) {
                return Ok(v);
            }
            let m = abs_value(cx, v)?;
            return div(cx, v, m);
        }
    })
}

pub fn numerator<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    check_rational(cx, args[0])?;
    Ok(match args[0] {
        Value::Ratio(r) => Value::from_bigint(cx.mc, r.num.clone()),
        v => v,
    })
}

pub fn denominator<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    check_rational(cx, args[0])?;
    Ok(match args[0] {
        Value::Ratio(r) => Value::from_bigint(cx.mc, r.den.clone()),
        _ => Value::Fixnum(1),
    })
}

/// The exact rational value of a float (an error for infinities and NaNs).
fn float_rational<'gc>(cx: &Cx<'gc, '_>, x: f64, v: Value<'gc>) -> R<'gc> {
    if !x.is_finite() {
        return Err(cx.type_error(v, cx.g.s.real.into()));
    }
    let (n, d) = float_to_ratio(x);
    Ok(Value::from_ratio(cx.mc, n, d))
}

pub fn rational<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    match check_real(cx, args[0])?.float() {
        Some(x) => float_rational(cx, x, args[0]),
        None => Ok(args[0]),
    }
}

/// The simplest rational strictly between a and b (0 < a < b), each a
/// (numerator, denominator) pair: walks the continued fraction of the
/// interval, keeping the last two convergents.
fn simplest_between(mut a: (BigInt, BigInt), mut b: (BigInt, BigInt)) -> (BigInt, BigInt) {
    // The answer is (p1·t + p0)/(q1·t + q0), t the simplest rational in (a, b).
    let (mut p0, mut q0, mut p1, mut q1) = (BigInt::zero(), BigInt::one(), BigInt::one(), BigInt::zero());
    loop {
        let k = a.0.div_floor(&a.1);
        let c = &k + 1;
        if &c * &b.1 < b.0 {
            return (&p1 * &c + &p0, &q1 * &c + &q0);
        }
        // k ≤ a < b ≤ k + 1: t = k + 1/t' with t' in (1/(b − k), 1/(a − k)).
        (p0, q0, p1, q1) = (p1.clone(), q1.clone(), &k * &p1 + &p0, &k * &q1 + &q0);
        let b_k = &b.0 - &k * &b.1;
        let a_k = &a.0 - &k * &a.1;
        if a_k.is_zero() {
            // The interval (1/(b − k), ∞): the smallest integer above its start.
            let t = b.1.div_floor(&b_k) + 1;
            return (&p1 * &t + &p0, &q1 * &t + &q0);
        }
        (a, b) = ((b.1.clone(), b_k), (a.1.clone(), a_k));
    }
}

pub fn rationalize<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let r = check_real(cx, args[0])?;
    let (Some(x), Some(fmt)) = (r.float(), r.fmt()) else { return Ok(args[0]) };
    if !x.is_finite() {
        return float_rational(cx, x, args[0]);
    }
    let (m, e, neg) = decode(x, fmt);
    if m == 0 || e >= 0 {
        return float_rational(cx, x, args[0]);
    }
    // The float stands for the open interval (m ± 1/2)·2^e.
    let den = BigInt::one() << (1 - e) as usize;
    let m2 = BigInt::from(m) * 2;
    let (n, d) = simplest_between((&m2 - 1, den.clone()), (&m2 + 1, den));
    Ok(Value::from_ratio(cx.mc, if neg { -n } else { n }, d))
}

pub fn float<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let r = check_real(cx, args[0])?;
    let fmt = match args.get(1) {
        Some(&proto) => check_float(cx, proto)?.1,
        None if r.fmt().is_some() => return Ok(args[0]),
        None => super::float::Fmt::Single,
    };
    Ok(float_value(to_float(cx, r, fmt, args[0])?, fmt))
}


/// `(upgraded-complex-part-type typespec &optional env)`: complexes hold
/// any real parts, so a real type upgrades to itself (short and long
/// floats to their single and double formats, as in SBCL).
pub fn upgraded_complex_part_type<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let spec = args[0];
    let head = match spec {
        Value::Nil => return Ok(Value::Nil),
        Value::Cons(c) => c.car(),
        v => v,
    };
    let name = match cx.g.sym(head) {
        Some(s) if matches!(s.package.get(), Value::Package(p) if gc_arena::Gc::ptr_eq(p, cx.g.p.cl)) => &*gc_arena::Gc::as_ref(s).name,
        _ => "",
    };
    let simple = matches!(spec, Value::Symbol(_));
    match name {
        "SHORT-FLOAT" => Ok(cx.g.s.single_float.into()),
        "LONG-FLOAT" => Ok(cx.g.s.double_float.into()),
        "BIT" | "FIXNUM" | "BIGNUM" | "RATIO" if simple => Ok(spec),
        "INTEGER" | "SIGNED-BYTE" | "UNSIGNED-BYTE" | "RATIONAL" | "REAL" | "FLOAT" | "SINGLE-FLOAT" | "DOUBLE-FLOAT" => {
            Ok(spec)
        }
        "MOD" if !simple => Ok(spec),
        _ => Err(cx.error_fmt("The component type for COMPLEX is not a subtype of REAL: ~S", &[spec])),
    }
}
