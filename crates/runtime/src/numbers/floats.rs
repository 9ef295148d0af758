//! Float decomposition (CLHS 12.2 "decode-float" family): decode-float,
//! integer-decode-float, scale-float, float-digits, float-precision,
//! float-radix and float-sign.

use num_bigint::BigInt;

use super::float::{decode, ratio_to_float, Fmt};
use super::real::{check_float, check_integer, float_value, overflow, Int};
use crate::heap::Value;
use crate::vm::{Ctl, Cx, R};

/// A finite float argument.
fn check_finite<'gc>(cx: &Cx<'gc, '_>, v: Value<'gc>) -> Result<(f64, Fmt), Ctl<'gc>> {
    let (x, fmt) = check_float(cx, v)?;
    if !x.is_finite() {
        return Err(cx.simple_error("can't decode NaN or infinity"));
    }
    Ok((x, fmt))
}

pub fn integer_decode_float<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let (x, fmt) = check_finite(cx, args[0])?;
    let (m, e, neg) = decode(x, fmt);
    let sign = Value::Fixnum(if neg { -1 } else { 1 });
    cx.values(vec![Value::int(cx.mc, m as i64), Value::Fixnum(e), sign])
}

pub fn decode_float<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let (x, fmt) = check_finite(cx, args[0])?;
    let (m, e, neg) = decode(x, fmt);
    let sign = float_value(if neg { -1.0 } else { 1.0 }, fmt);
    if m == 0 {
        return cx.values(vec![float_value(0.0, fmt), Value::Fixnum(0), sign]);
    }
    let bits = 64 - m.leading_zeros() as i64;
    // m / 2^bits is in [1/2, 1) and exact in every format.
    let significand = m as f64 / (1u64 << bits) as f64;
    cx.values(vec![float_value(significand, fmt), Value::Fixnum(e + bits), sign])
}

pub fn scale_float<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let (x, fmt) = check_finite(cx, args[0])?;
    let k = match check_integer(cx, args[1])? {
        Int::Fix(k) => k,
        Int::Big(b) => if b.sign() == num_bigint::Sign::Minus { i64::MIN } else { i64::MAX },
    };
    let too_big = || overflow(cx, "SCALE-FLOAT", &[args[0], args[1]]);
    if x == 0.0 {
        return if k == i64::MAX { Err(too_big()) } else { Ok(args[0]) };
    }
    let (m, e, neg) = decode(x, fmt);
    // Beyond ±2200 the result is certainly infinite or zero.
    let exp = e.saturating_add(k).clamp(-2200, 2200);
    let (num, den) = if exp >= 0 {
        (BigInt::from(m) << exp as usize, BigInt::from(1))
    } else {
        (BigInt::from(m), BigInt::from(1) << (-exp) as usize)
    };
    let r = ratio_to_float(&num, &den, fmt).ok_or_else(too_big)?;
    Ok(float_value(if neg { -r } else { r }, fmt))
}

pub fn float_digits<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let (_, fmt) = check_float(cx, args[0])?;
    Ok(Value::Fixnum(fmt.digits() as i64))
}

pub fn float_precision<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let (x, fmt) = check_finite(cx, args[0])?;
    let (m, _, _) = decode(x, fmt);
    Ok(Value::Fixnum(64 - m.leading_zeros() as i64))
}

pub fn float_radix<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    check_float(cx, args[0])?;
    Ok(Value::Fixnum(2))
}

pub fn float_sign<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let (x, xfmt) = check_float(cx, args[0])?;
    let (y, fmt) = match args.get(1) {
        Some(&y) => check_float(cx, y)?,
        None => (1.0, xfmt),
    };
    Ok(float_value(y.abs().copysign(x), fmt))
}
