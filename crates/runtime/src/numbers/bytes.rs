//! Byte specifiers and the functions on them: byte, byte-size,
//! byte-position, ldb, ldb-test, mask-field, dpb, deposit-field.
//! A byte specifier is a cons (size . position), as in SBCL.

use num_bigint::BigInt;
use num_traits::{Signed, Zero};

use super::integer::{check_bits, check_index, int_length, MAX_BITS};
use super::real::{check_integer, too_large, Int};
use crate::heap::{cons, Value};
use crate::vm::{Ctl, Cx, R};

/// The (size, position) of a byte specifier, saturated to u64.
fn check_bytespec<'gc>(cx: &Cx<'gc, '_>, v: Value<'gc>) -> Result<(u64, u64), Ctl<'gc>> {
    let bad = || cx.type_error(v, cx.g.s.cons_type.into());
    let Value::Cons(c) = v else { return Err(bad()) };
    Ok((check_index(cx, c.car()).map_err(|_| bad())?, check_index(cx, c.cdr()).map_err(|_| bad())?))
}

/// 2^size − 1, or storage-condition when too large.
fn mask<'gc>(cx: &Cx<'gc, '_>, size: u64) -> Result<BigInt, Ctl<'gc>> {
    check_bits(cx, size)?;
    Ok((BigInt::from(1) << size as usize) - 1)
}

fn negative(n: Int<'_>) -> bool {
    match n {
        Int::Fix(n) => n < 0,
        Int::Big(b) => b.is_negative(),
    }
}

/// The byte (size, pos) of n, right-justified.
fn load_byte<'gc>(cx: &Cx<'gc, '_>, size: u64, pos: u64, n: Int<'gc>) -> Result<BigInt, Ctl<'gc>> {
    if let Int::Fix(x) = n {
        if size < 62 {
            return Ok(BigInt::from((x >> pos.min(63)) & ((1i64 << size) - 1)));
        }
    }
    let len = int_length(n);
    let s = n.big() >> pos.min(len + 1) as usize;
    if !s.is_negative() && size > len {
        return Ok(s);
    }
    Ok(s & mask(cx, size)?)
}

pub fn byte<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    check_index(cx, args[0])?;
    check_index(cx, args[1])?;
    Ok(cons(cx.mc, args[0], args[1]))
}

pub fn byte_size<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    check_bytespec(cx, args[0])?;
    Ok(crate::heap::cons::car(args[0]))
}

pub fn byte_position<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    check_bytespec(cx, args[0])?;
    Ok(crate::heap::cons::cdr(args[0]))
}

pub fn ldb<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let (size, pos) = check_bytespec(cx, args[0])?;
    let n = check_integer(cx, args[1])?;
    Ok(Value::from_bigint(cx.mc, load_byte(cx, size, pos, n)?))
}

pub fn ldb_test<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let (size, pos) = check_bytespec(cx, args[0])?;
    let n = check_integer(cx, args[1])?;
    let len = int_length(n);
    // Only the bits up to the sign matter: clamp the size to them.
    let b = load_byte(cx, size.min(len + 1), pos, n)?;
    Ok(cx.bool(!b.is_zero()))
}

pub fn mask_field<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let (size, pos) = check_bytespec(cx, args[0])?;
    let n = check_integer(cx, args[1])?;
    let b = load_byte(cx, size, pos, n)?;
    if b.is_zero() {
        return Ok(Value::Fixnum(0));
    }
    check_bits(cx, b.bits().saturating_add(pos))?;
    Ok(Value::from_bigint(cx.mc, b << pos as usize))
}

/// Replaces the byte (size, pos) of `n` with the same bits of `new`
/// (`shift`: `new` is first shifted left by pos, as for dpb).
fn deposit<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>], shifted: bool) -> R<'gc> {
    let new = check_integer(cx, args[0])?;
    let (size, pos) = check_bytespec(cx, args[1])?;
    let n = check_integer(cx, args[2])?;
    if let (Int::Fix(x), Int::Fix(y)) = (new, n) {
        if size.saturating_add(pos) < 62 {
            let m = ((1i64 << size) - 1) << pos;
            let src = if shifted { x.wrapping_shl(pos as u32) } else { x };
            return Ok(Value::Fixnum((y & !m) | (src & m)));
        }
    }
    let new_len = int_length(new).saturating_add(if shifted { pos } else { 0 });
    // Above both operands' bits, the result is new's sign bits up to the end
    // of the byte, then n's: the byte can be clamped when they agree.
    let top = new_len.max(int_length(n)) + 2;
    let size = if pos.saturating_add(size) > top.max(MAX_BITS) {
        if negative(new) != negative(n) {
            return Err(too_large(cx));
        }
        top.saturating_sub(pos)
    } else {
        size
    };
    check_bits(cx, pos.saturating_add(size))?;
    let m = mask(cx, size)? << pos as usize;
    let src = if shifted { new.big() << pos as usize } else { new.big() };
    let keep = n.big() & !m.clone();
    Ok(Value::from_bigint(cx.mc, keep | (src & m)))
}

pub fn dpb<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    deposit(cx, args, true)
}

pub fn deposit_field<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    deposit(cx, args, false)
}
