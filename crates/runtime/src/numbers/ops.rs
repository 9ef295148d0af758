//! Primitives: the n-ary arithmetic and comparison functions (+ - * /
//! = /= < > <= >= min max 1+ 1-) and the numeric predicates.

use std::cmp::Ordering;

use super::arith::{add, div, mul, negate, sub};
use super::compare::{cmp_real, num_eq};
use super::real::{check_integer, check_number, check_real, Int, Real};
use crate::heap::Value;
use crate::vm::{Cx, R};

pub fn plus<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    match args {
        [] => Ok(Value::Fixnum(0)),
        [x] => check_number(cx, *x),
        [x, rest @ ..] => rest.iter().try_fold(*x, |acc, &y| add(cx, acc, y)),
    }
}

pub fn minus<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    match args {
        [x] => {
            check_number(cx, *x)?;
            negate(cx, *x)
        }
        [x, rest @ ..] => rest.iter().try_fold(*x, |acc, &y| sub(cx, acc, y)),
        [] => Err(cx.program_error("invalid number of arguments: 0")),
    }
}

pub fn times<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    match args {
        [] => Ok(Value::Fixnum(1)),
        [x] => check_number(cx, *x),
        [x, rest @ ..] => rest.iter().try_fold(*x, |acc, &y| mul(cx, acc, y)),
    }
}

pub fn slash<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    match args {
        [x] => div(cx, Value::Fixnum(1), *x),
        [x, rest @ ..] => rest.iter().try_fold(*x, |acc, &y| div(cx, acc, y)),
        [] => Err(cx.program_error("invalid number of arguments: 0")),
    }
}

pub fn one_plus<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    check_number(cx, args[0])?;
    add(cx, args[0], Value::Fixnum(1))
}

pub fn one_minus<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    check_number(cx, args[0])?;
    sub(cx, args[0], Value::Fixnum(1))
}

pub fn num_equal<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    for &a in args {
        check_number(cx, a)?;
    }
    Ok(cx.bool(args.windows(2).all(|w| num_eq(w[0], w[1]))))
}

pub fn num_not_equal<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    for &a in args {
        check_number(cx, a)?;
    }
    let distinct = args.iter().enumerate().all(|(i, &a)| args[i + 1..].iter().all(|&b| !num_eq(a, b)));
    Ok(cx.bool(distinct))
}

/// Checks every argument is real, then tests `ok` on each adjacent pair.
fn chain<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>], ok: fn(Ordering) -> bool) -> R<'gc> {
    if let [Value::Fixnum(a), Value::Fixnum(b)] = args {
        return Ok(cx.bool(ok(a.cmp(b))));
    }
    for &a in args {
        check_real(cx, a)?;
    }
    let holds = args.windows(2).all(|w| match (Real::of(w[0]), Real::of(w[1])) {
        (Some(x), Some(y)) => cmp_real(x, y).is_some_and(ok),
        _ => false,
    });
    Ok(cx.bool(holds))
}

pub fn lt<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    chain(cx, args, |o| o == Ordering::Less)
}

pub fn gt<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    chain(cx, args, |o| o == Ordering::Greater)
}

pub fn le<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    chain(cx, args, |o| o != Ordering::Greater)
}

pub fn ge<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    chain(cx, args, |o| o != Ordering::Less)
}

/// The argument that wins under `better` (ties keep the earlier one, and
/// the winner is returned as is, without contagion, as in SBCL).
fn extremum<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>], better: Ordering) -> R<'gc> {
    let mut best = args[0];
    let mut rb = check_real(cx, best)?;
    for &a in &args[1..] {
        let ra = check_real(cx, a)?;
        if cmp_real(ra, rb) == Some(better) {
            best = a;
            rb = ra;
        }
    }
    Ok(best)
}

pub fn max<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    extremum(cx, args, Ordering::Greater)
}

pub fn min<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    extremum(cx, args, Ordering::Less)
}

pub fn zerop<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    check_number(cx, args[0])?;
    Ok(cx.bool(num_eq(args[0], Value::Fixnum(0))))
}

pub fn plusp<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let r = check_real(cx, args[0])?;
    Ok(cx.bool(r.sign() > 0))
}

pub fn minusp<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let r = check_real(cx, args[0])?;
    Ok(cx.bool(r.sign() < 0))
}

fn is_odd(n: Int<'_>) -> bool {
    match n {
        Int::Fix(n) => n & 1 == 1,
        Int::Big(b) => b.bit(0),
    }
}

pub fn evenp<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let n = check_integer(cx, args[0])?;
    Ok(cx.bool(!is_odd(n)))
}

pub fn oddp<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let n = check_integer(cx, args[0])?;
    Ok(cx.bool(is_odd(n)))
}

pub fn numberp<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    Ok(cx.bool(args[0].is_number()))
}

pub fn integerp<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    Ok(cx.bool(Int::of(args[0]).is_some()))
}

pub fn rationalp<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    Ok(cx.bool(Real::of(args[0]).is_some_and(|r| r.fmt().is_none())))
}

pub fn floatp<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    Ok(cx.bool(matches!(args[0], Value::Single(_) | Value::Double(_))))
}

pub fn realp<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    Ok(cx.bool(Real::of(args[0]).is_some()))
}

pub fn complexp<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    Ok(cx.bool(matches!(args[0], Value::Complex(_))))
}
