//! Membership of an object in a parsed type: TYPEP's evaluation of the
//! tree, and the per-atom test SUBTYPEP uses on EQL members (where
//! SATISFIES answers "unknown" instead of calling the predicate).

use std::cmp::Ordering;

use num_bigint::BigInt;
use num_traits::ToPrimitive;

use super::algebra::Tri;
use super::spec::{bits, Atom, Bound, Kind, Ty};
use crate::clos::{class_of, precedence_list};
use crate::heap::array::ElemType;
use crate::heap::Value;
use crate::numbers::compare::cmp_real;
use crate::numbers::real::Real;
use crate::streams::Kind as SKind;
use crate::vm::{Ctl, Cx};

/// Whether satisfies predicates are called (TYPEP) or unknown (SUBTYPEP).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Call,
    Static,
}

pub fn contains<'gc>(cx: &mut Cx<'gc, '_>, x: Value<'gc>, t: &Ty<'gc>, mode: Mode) -> Result<Tri, Ctl<'gc>> {
    Ok(match t {
        Ty::And(parts) => {
            let mut r = Tri::Yes;
            for p in parts {
                match contains(cx, x, p, mode)? {
                    Tri::No => return Ok(Tri::No),
                    Tri::Maybe => r = Tri::Maybe,
                    Tri::Yes => {}
                }
            }
            r
        }
        Ty::Or(parts) => {
            let mut r = Tri::No;
            for p in parts {
                match contains(cx, x, p, mode)? {
                    Tri::Yes => return Ok(Tri::Yes),
                    Tri::Maybe => r = Tri::Maybe,
                    Tri::No => {}
                }
            }
            r
        }
        Ty::Not(p) => contains(cx, x, p, mode)?.not(),
        Ty::A(a) => atom_contains(cx, x, a, mode)?,
    })
}

/// Compares a fixnum with an integer bound without allocating.
fn fix_cmp(n: i64, b: &BigInt) -> Ordering {
    match b.to_i64() {
        Some(b) => n.cmp(&b),
        None if b.sign() == num_bigint::Sign::Minus => Ordering::Greater,
        None => Ordering::Less,
    }
}

fn bound_ok(x: Real<'_>, b: &Bound<'_>, lower: bool) -> bool {
    let (v, excl) = match b {
        Bound::Open => return true,
        Bound::Incl(v) => (*v, false),
        Bound::Excl(v) => (*v, true),
    };
    let Some(rb) = Real::of(v) else { return false };
    match cmp_real(x, rb) {
        Some(Ordering::Equal) => !excl,
        Some(Ordering::Greater) => lower,
        Some(Ordering::Less) => !lower,
        None => false,
    }
}

fn char_bits(c: char) -> u32 {
    if crate::builtins::unicode::is_standard(c) {
        bits::STANDARD_CHAR
    } else if (c as u32) < 128 {
        bits::BASE_CHAR_OTHER
    } else {
        bits::EXTENDED_CHAR
    }
}

/// The sub-category bits of an object of a mask kind.
pub fn mask_of<'gc>(cx: &Cx<'gc, '_>, x: Value<'gc>) -> u32 {
    match x {
        Value::Char(c) => char_bits(c),
        Value::Symbol(_) if super::super::seq_args::keyword_name(cx, x).is_some() => bits::KEYWORD,
        Value::Symbol(_) | Value::Nil => bits::OTHER_SYMBOL,
        Value::Complex(c) => match c.re {
            Value::Single(_) => bits::COMPLEX_SINGLE,
            Value::Double(_) => bits::COMPLEX_DOUBLE,
            _ => bits::COMPLEX_RATIONAL,
        },
        Value::Stream(s) => match s.borrow().kind {
            SKind::StringIn { .. } | SKind::StringOut { .. } | SKind::StringFill { .. } => bits::STRING_STREAM,
            SKind::Stdin { .. } | SKind::Stdout | SKind::Stderr | SKind::File(_) => {
                bits::FILE_STREAM
            }
            SKind::Synonym { .. } => bits::SYNONYM_STREAM,
            SKind::TwoWay { .. } => bits::TWO_WAY_STREAM,
            SKind::Echo { .. } => bits::ECHO_STREAM,
            SKind::Broadcast { .. } => bits::BROADCAST_STREAM,
            SKind::Concatenated { .. } => bits::CONCATENATED_STREAM,
            SKind::Pretty(_) => bits::PRETTY_STREAM,
            // A Gray stream wrapped for the primitives (streams/gray.rs):
            // a stream of none of the standard subtypes.
            SKind::Gray { .. } => bits::GRAY_STREAM,
        },
        Value::Function(f) if matches!(f.kind, crate::heap::function::FnKind::Funcallable(_)) => bits::GENERIC_FUNCTION,
        Value::Function(_) => bits::ORDINARY_FUNCTION,
        Value::Object(_) => match crate::pathnames::as_pathname(&x) {
            Some(p) if p.logical => bits::LOGICAL_PATHNAME,
            Some(_) => bits::PHYSICAL_PATHNAME,
            None => bits::ALL,
        },
        _ => bits::ALL,
    }
}

/// The array pattern an array object matches exactly.
pub fn array_facts(x: Value<'_>) -> Option<(ElemType, bool, Vec<usize>)> {
    let Value::Array(a) = x else { return None };
    let d = a.borrow();
    Some((d.elem_type(), d.is_simple(), d.dimensions()))
}

pub fn atom_contains<'gc>(cx: &mut Cx<'gc, '_>, x: Value<'gc>, a: &Atom<'gc>, mode: Mode) -> Result<Tri, Ctl<'gc>> {
    let yes = |b: bool| if b { Tri::Yes } else { Tri::No };
    Ok(match a {
        Atom::Int(lo, hi) => match x {
            Value::Fixnum(n) => yes(lo.as_ref().is_none_or(|l| fix_cmp(n, l).is_ge()) && hi.as_ref().is_none_or(|h| fix_cmp(n, h).is_le())),
            Value::Bignum(b) => yes(lo.as_ref().is_none_or(|l| b.0 >= *l) && hi.as_ref().is_none_or(|h| b.0 <= *h)),
            _ => Tri::No,
        },
        Atom::Real(k, lo, hi) => {
            let right = matches!(
                (k, x),
                (Kind::Ratio, Value::Ratio(_)) | (Kind::Single, Value::Single(_)) | (Kind::Double, Value::Double(_))
            );
            yes(right && Real::of(x).is_some_and(|r| bound_ok(r, lo, true) && bound_ok(r, hi, false)))
        }
        Atom::Mask(k, m) => yes(super::spec::kind_of(x) == *k && mask_of(cx, x) & m != 0),
        Atom::Cons(car, cdr) => match x {
            Value::Cons(c) => {
                let (a, d) = (c.car(), c.cdr());
                match contains(cx, a, car, mode)? {
                    Tri::No => Tri::No,
                    r => r.and(contains(cx, d, cdr, mode)?),
                }
            }
            _ => Tri::No,
        },
        Atom::Array(p) => match array_facts(x) {
            Some((e, simple, dims)) => yes(
                p.elem.is_none_or(|pe| pe == e)
                    && p.simple.is_none_or(|s| s == simple)
                    && p.dims.as_ref().is_none_or(|pd| {
                        pd.len() == dims.len() && pd.iter().zip(&dims).all(|(a, b)| a.is_none_or(|a| a == *b))
                    }),
            ),
            None => Tri::No,
        },
        Atom::Class(class) => yes(precedence_list(class_of(cx, x)).iter().any(|c| c.eq(*class))),
        Atom::Eql(v) => yes(x.eql(*v)),
        Atom::Satisfies(f) => match mode {
            Mode::Static => Tri::Maybe,
            Mode::Call => {
                let f = super::super::seq_args::function_object(cx, *f)?;
                yes(cx.call1(Value::Function(f), &[x])?.truthy())
            }
        },
    })
}
