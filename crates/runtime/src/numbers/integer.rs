//! Integer functions: gcd, lcm, isqrt, the two's-complement logical
//! operations (log*, boole, ash, integer-length, logcount, logbitp) and
//! `integer_to_string`.

use num_bigint::{BigInt, BigUint};
use num_integer::{Integer, Roots};
use num_traits::{Signed, ToPrimitive, Zero};

use super::real::{check_integer, cl, too_large, Int};
use crate::heap::{list, Value};
use crate::vm::{Ctl, Cx, R};

/// The largest integer, in bits, an operation may build before it
/// signals `storage-condition` instead of exhausting memory.
pub const MAX_BITS: u64 = 1 << 28;

/// Refuses, before computing it, an integer of `bits` bits: more than
/// `MAX_BITS`, or more than the heap limit leaves room for.
pub fn check_bits<'gc>(cx: &Cx<'gc, '_>, bits: u64) -> Result<(), Ctl<'gc>> {
    if bits > MAX_BITS {
        return Err(too_large(cx));
    }
    crate::heap::limit::check_room(cx, (bits / 8) as usize, "an integer")
}

/// The digits of `n` in `base` (2..=36, lowercase, `-` first when
/// negative), as `to_str_radix` gives them, taking a pending Ctrl-C
/// (`Cx::poll`) between steps: a huge number is split, divide and
/// conquer, by powers base^(w·2^i) down to pieces `to_str_radix` converts
/// in a millisecond, so the longest wait is the top division.
pub fn digits_polling<'gc>(cx: &mut Cx<'gc, '_>, n: &BigInt, base: u32) -> Result<String, Ctl<'gc>> {
    if base.is_power_of_two() || n.bits() <= SMALL_BITS {
        return Ok(n.to_str_radix(base));
    }
    let w = (SMALL_BITS as f64 / 2.0 / (base as f64).log2()) as usize;
    let mut powers = vec![(BigUint::from(base).pow(w as u32), w)];
    while let Some((p, width)) = powers.last().filter(|(p, _)| 2 * (p.bits() - 1) < n.bits()) {
        let next = (p * p, width * 2);
        cx.poll()?;
        powers.push(next);
    }
    let mut out = String::new();
    if n.is_negative() {
        out.push('-');
    }
    put_digits(cx, n.magnitude().clone(), base, &powers, powers.len() - 1, None, &mut out)?;
    Ok(out)
}

/// Numbers this small are converted in one go.
const SMALL_BITS: u64 = 1 << 16;

/// Appends the digits of `x`, below the square of `powers[i].0`, padded
/// with zeros to `pad` digits when given.
fn put_digits<'gc>(
    cx: &mut Cx<'gc, '_>,
    x: BigUint,
    base: u32,
    powers: &[(BigUint, usize)],
    i: usize,
    pad: Option<usize>,
    out: &mut String,
) -> Result<(), Ctl<'gc>> {
    if i == 0 || x.bits() <= SMALL_BITS {
        let s = x.to_str_radix(base);
        out.extend(std::iter::repeat_n('0', pad.map_or(0, |p| p.saturating_sub(s.len()))));
        out.push_str(&s);
        return Ok(());
    }
    let (p, width) = &powers[i];
    if pad.is_none() && x < *p {
        // The leading digits: no zeros before them.
        return put_digits(cx, x, base, powers, i - 1, None, out);
    }
    cx.poll()?;
    let (q, r) = x.div_rem(p);
    put_digits(cx, q, base, powers, i - 1, pad.map(|p| p - width), out)?;
    put_digits(cx, r, base, powers, i - 1, Some(*width), out)
}

/// The digits of an integer in `base` (2..=36), uppercase, with a leading
/// `-` when negative; `None` for non-integers or a bad base.
pub fn integer_to_string(v: Value<'_>, base: u32) -> Option<String> {
    if !(2..=36).contains(&base) {
        return None;
    }
    match Int::of(v)? {
        Int::Fix(n) if base == 10 => Some(n.to_string()),
        n => Some(n.big().to_str_radix(base).to_uppercase()),
    }
}

/// BOOLE's sixteen operations, numbered as the `boole-*` constants.
pub const BOOLE_NAMES: [&str; 16] = [
    "BOOLE-CLR", "BOOLE-SET", "BOOLE-1", "BOOLE-2", "BOOLE-C1", "BOOLE-C2", "BOOLE-AND", "BOOLE-IOR",
    "BOOLE-XOR", "BOOLE-EQV", "BOOLE-NAND", "BOOLE-NOR", "BOOLE-ANDC1", "BOOLE-ANDC2", "BOOLE-ORC1",
    "BOOLE-ORC2",
];
const AND: u8 = 6;
const IOR: u8 = 7;
const XOR: u8 = 8;
const EQV: u8 = 9;
const NAND: u8 = 10;
const NOR: u8 = 11;
const ANDC1: u8 = 12;
const ANDC2: u8 = 13;
const ORC1: u8 = 14;
const ORC2: u8 = 15;

macro_rules! boole_body {
    ($op:expr, $a:expr, $b:expr, $zero:expr) => {{
        let (a, b) = ($a, $b);
        match $op {
            0 => $zero,
            1 => !$zero,
            2 => a.clone(),
            3 => b.clone(),
            4 => !a.clone(),
            5 => !b.clone(),
            AND => a & b,
            IOR => a | b,
            XOR => a ^ b,
            EQV => !(a ^ b),
            NAND => !(a & b),
            NOR => !(a | b),
            ANDC1 => !a.clone() & b,
            ANDC2 => a & !b.clone(),
            ORC1 => !a.clone() | b,
            _ => a | !b.clone(),
        }
    }};
}

/// Applies boole operation `op` (0..=15) to two integers.
pub fn boole_op<'gc>(cx: &mut Cx<'gc, '_>, op: u8, a: Value<'gc>, b: Value<'gc>) -> R<'gc> {
    let x = check_integer(cx, a)?;
    let y = check_integer(cx, b)?;
    Ok(match (x, y) {
        // Sign-extended 62-bit values stay in range under every operation.
        (Int::Fix(x), Int::Fix(y)) => Value::Fixnum(boole_body!(op, x, y, 0i64)),
        _ => {
            let (x, y) = (x.big(), y.big());
            Value::from_bigint(cx.mc, boole_body!(op, &x, &y, BigInt::zero()))
        }
    })
}

fn fold_boole<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>], op: u8, identity: i64) -> R<'gc> {
    match args {
        [] => Ok(Value::Fixnum(identity)),
        [x] => {
            check_integer(cx, *x)?;
            Ok(*x)
        }
        [x, rest @ ..] => rest.iter().try_fold(*x, |acc, &y| boole_op(cx, op, acc, y)),
    }
}

pub fn logand<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    fold_boole(cx, args, AND, -1)
}
pub fn logior<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    fold_boole(cx, args, IOR, 0)
}
pub fn logxor<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    fold_boole(cx, args, XOR, 0)
}
pub fn logeqv<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    fold_boole(cx, args, EQV, -1)
}
pub fn lognand<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    boole_op(cx, NAND, args[0], args[1])
}
pub fn lognor<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    boole_op(cx, NOR, args[0], args[1])
}
pub fn logandc1<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    boole_op(cx, ANDC1, args[0], args[1])
}
pub fn logandc2<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    boole_op(cx, ANDC2, args[0], args[1])
}
pub fn logorc1<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    boole_op(cx, ORC1, args[0], args[1])
}
pub fn logorc2<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    boole_op(cx, ORC2, args[0], args[1])
}

pub fn lognot<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    boole_op(cx, 4, args[0], Value::Fixnum(0))
}

pub fn logtest<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let r = boole_op(cx, AND, args[0], args[1])?;
    Ok(cx.bool(!matches!(r, Value::Fixnum(0))))
}

pub fn boole<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    match args[0] {
        Value::Fixnum(op @ 0..=15) => boole_op(cx, op as u8, args[1], args[2]),
        v => {
            let ty = list(cx.mc, &[cl(cx, "INTEGER"), Value::Fixnum(0), Value::Fixnum(15)]);
            Err(cx.type_error(v, ty))
        }
    }
}

/// `integer-length`: bits needed for n in two's complement, sign excluded.
pub fn int_length(n: Int<'_>) -> u64 {
    match n {
        Int::Fix(n) => 64 - (if n < 0 { !n } else { n }).leading_zeros() as u64,
        Int::Big(b) => if b.is_negative() { (!b.clone()).bits() } else { b.bits() },
    }
}

pub fn integer_length<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let n = check_integer(cx, args[0])?;
    Ok(Value::Fixnum(int_length(n) as i64))
}

pub fn logcount<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let n = check_integer(cx, args[0])?;
    let c = match n {
        Int::Fix(n) => (if n < 0 { !n } else { n }).count_ones() as u64,
        Int::Big(b) => {
            let m = if b.is_negative() { !b.clone() } else { b.clone() };
            m.magnitude().count_ones()
        }
    };
    Ok(Value::Fixnum(c as i64))
}

/// A non-negative integer argument (a bit index or count) saturated to u64.
pub fn check_index<'gc>(cx: &Cx<'gc, '_>, v: Value<'gc>) -> Result<u64, Ctl<'gc>> {
    match Int::of(v) {
        Some(Int::Fix(n)) if n >= 0 => Ok(n as u64),
        Some(Int::Big(b)) if !b.is_negative() => Ok(u64::MAX),
        _ => Err(cx.type_error(v, cx.g.s.unsigned_byte.into())),
    }
}

pub fn logbitp<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let i = check_index(cx, args[0])?;
    let n = check_integer(cx, args[1])?;
    let bit = match n {
        Int::Fix(n) => (n >> i.min(63)) & 1 == 1,
        Int::Big(b) => if i > b.bits() { b.is_negative() } else { b.bit(i) },
    };
    Ok(cx.bool(bit))
}

/// n × 2^count (count may be negative: an arithmetic right shift).
pub fn shift<'gc>(cx: &Cx<'gc, '_>, n: Int<'gc>, count: i64) -> R<'gc> {
    if count <= 0 {
        let c = count.unsigned_abs();
        return Ok(match n {
            Int::Fix(n) => Value::Fixnum(n >> c.min(63)),
            Int::Big(b) => Value::from_bigint(cx.mc, b >> c.min(b.bits() + 1) as usize),
        });
    }
    let len = int_length(n);
    if let Int::Fix(x) = n {
        if x == 0 {
            return Ok(Value::Fixnum(0));
        }
        if len + (count as u64) < 63 {
            return Ok(Value::int(cx.mc, x << count));
        }
    }
    check_bits(cx, len + count as u64)?;
    Ok(Value::from_bigint(cx.mc, n.big() << count as usize))
}

pub fn ash<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let n = check_integer(cx, args[0])?;
    let count = match check_integer(cx, args[1])? {
        Int::Fix(c) => c,
        Int::Big(b) if b.is_negative() => i64::MIN,
        Int::Big(_) if matches!(n, Int::Fix(0)) => 0,
        Int::Big(_) => return Err(too_large(cx)),
    };
    shift(cx, n, count.max(-(1 << 62)))
}

pub fn gcd<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let mut acc = BigInt::zero();
    for &a in args {
        let n = check_integer(cx, a)?;
        acc = match (acc.to_u64(), n) {
            (Some(x), Int::Fix(y)) => BigInt::from(x.gcd(&y.unsigned_abs())),
            _ => acc.gcd(&n.big()),
        };
    }
    Ok(Value::from_bigint(cx.mc, acc))
}

pub fn lcm<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let mut acc = BigInt::from(1);
    for &a in args {
        let n = check_integer(cx, a)?.big();
        acc = if acc.is_zero() || n.is_zero() { BigInt::zero() } else { acc.lcm(&n) };
    }
    Ok(Value::from_bigint(cx.mc, acc.abs()))
}

pub fn isqrt<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    match Int::of(args[0]) {
        Some(Int::Fix(n)) if n >= 0 => Ok(Value::Fixnum((n as u64).sqrt() as i64)),
        Some(Int::Big(b)) if !b.is_negative() => Ok(Value::from_bigint(cx.mc, b.sqrt())),
        _ => Err(cx.type_error(args[0], cx.g.s.unsigned_byte.into())),
    }
}
