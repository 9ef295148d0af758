//! Reading and writing sequences from Rust: proper-list walking with
//! dotted/circular checks, the active elements of vectors (fill pointers,
//! displacement), and building results of the same kind as an argument.

use gc_arena::Gc;

use super::seq_args::bounds;
use crate::heap::array::{array_set, new_array, AccessError, Array, ElemType, Storage};
use crate::heap::cons::Cons;
use crate::heap::{list, Value};
use crate::vm::{Ctl, Cx};

/// A sequence argument, checked.
#[derive(Clone, Copy)]
pub enum Seq<'gc> {
    List(Value<'gc>),
    Vector(Gc<'gc, Array<'gc>>),
}

/// Checks that `v` is a sequence (a list or a vector).
pub fn seq<'gc>(cx: &Cx<'gc, '_>, v: Value<'gc>) -> Result<Seq<'gc>, Ctl<'gc>> {
    match v {
        Value::Nil | Value::Cons(_) => Ok(Seq::List(v)),
        Value::Array(a) if a.borrow().is_vector() => Ok(Seq::Vector(a)),
        _ => Err(cx.type_error(v, cx.g.s.sequence.into())),
    }
}

/// The conses of a proper list, up to `limit` of them. A dotted tail is a
/// type-error (expected LIST); a circular list is an error.
pub fn list_conses<'gc>(cx: &Cx<'gc, '_>, l: Value<'gc>, limit: usize) -> Result<Vec<Gc<'gc, Cons<'gc>>>, Ctl<'gc>> {
    let mut out = Vec::new();
    let (mut cur, mut slow) = (l, l);
    while out.len() < limit {
        match cur {
            Value::Nil => break,
            Value::Cons(c) => {
                out.push(c);
                cur = c.cdr();
                if out.len() % 2 == 0 {
                    slow = crate::heap::cons::cdr(slow);
                    if cur.eq(slow) && !cur.is_nil() {
                        return Err(circular(cx));
                    }
                }
            }
            other => return Err(cx.type_error(other, cx.g.s.list_type.into())),
        }
    }
    Ok(out)
}

pub fn circular<'gc>(cx: &Cx<'gc, '_>) -> Ctl<'gc> {
    cx.simple_error("circular list where a proper list was expected")
}

/// The elements of a proper list (type-error on a dotted list).
pub fn list_items<'gc>(cx: &Cx<'gc, '_>, l: Value<'gc>) -> Result<Vec<Value<'gc>>, Ctl<'gc>> {
    Ok(list_conses(cx, l, usize::MAX)?.into_iter().map(|c| c.car()).collect())
}

/// The active elements of a vector.
pub fn vector_items<'gc>(cx: &Cx<'gc, '_>, a: Gc<'gc, Array<'gc>>) -> Result<Vec<Value<'gc>>, Ctl<'gc>> {
    a.borrow().active_elements().ok_or_else(|| invalidated(cx, a))
}

/// The error for a displaced array whose target has shrunk under it.
pub fn invalidated<'gc>(cx: &Cx<'gc, '_>, a: Gc<'gc, Array<'gc>>) -> Ctl<'gc> {
    cx.error_fmt("the array ~S is displaced to an array that has become too small", &[Value::Array(a)])
}

/// Every element of a sequence.
pub fn items<'gc>(cx: &Cx<'gc, '_>, s: Seq<'gc>) -> Result<Vec<Value<'gc>>, Ctl<'gc>> {
    match s {
        Seq::List(l) => list_items(cx, l),
        Seq::Vector(a) => vector_items(cx, a),
    }
}

/// Every element of a sequence value (type-error if it is not one).
pub fn items_of<'gc>(cx: &Cx<'gc, '_>, v: Value<'gc>) -> Result<Vec<Value<'gc>>, Ctl<'gc>> {
    let s = seq(cx, v)?;
    items(cx, s)
}

/// The length of a sequence (walking a list, checking it is proper).
pub fn length<'gc>(cx: &Cx<'gc, '_>, s: Seq<'gc>) -> Result<usize, Ctl<'gc>> {
    match s {
        Seq::List(l) => Ok(list_conses(cx, l, usize::MAX)?.len()),
        Seq::Vector(a) => Ok(a.borrow().length()),
    }
}

/// A sequence's elements between checked :start and :end, with the
/// resolved bounds. For lists only the part up to :end is walked.
pub fn range<'gc>(cx: &Cx<'gc, '_>, s: Seq<'gc>, start: Option<Value<'gc>>, end: Option<Value<'gc>>) -> Result<(Vec<Value<'gc>>, usize, usize), Ctl<'gc>> {
    match s {
        Seq::List(l) => {
            let limit = match end {
                Some(Value::Fixnum(e)) if e >= 0 => e as usize,
                _ => usize::MAX,
            };
            let conses = list_conses(cx, l, limit)?;
            let (st, en) = bounds(cx, start, end, conses.len())?;
            Ok((conses[st..en].iter().map(|c| c.car()).collect(), st, en))
        }
        Seq::Vector(a) => {
            let len = a.borrow().length();
            let (st, en) = bounds(cx, start, end, len)?;
            let items = a.borrow().elements(st, en).ok_or_else(|| invalidated(cx, a))?;
            Ok((items, st, en))
        }
    }
}

/// The conses of a list between :start and :end (for destructive list operations).
pub fn list_range<'gc>(cx: &Cx<'gc, '_>, l: Value<'gc>, start: Option<Value<'gc>>, end: Option<Value<'gc>>) -> Result<(Vec<Gc<'gc, Cons<'gc>>>, usize, usize), Ctl<'gc>> {
    let conses = list_conses(cx, l, usize::MAX)?;
    let (st, en) = bounds(cx, start, end, conses.len())?;
    Ok((conses, st, en))
}

/// The element type symbol for error messages and `array-element-type`.
pub fn elem_type_spec<'gc>(cx: &Cx<'gc, '_>, et: ElemType) -> Value<'gc> {
    match et {
        ElemType::T => cx.g.t,
        ElemType::Char => cx.g.s.character.into(),
        ElemType::Bit => cx.g.intern_in(cx.mc, "CL", "BIT"),
        ElemType::U8 => list(cx.mc, &[cx.g.s.unsigned_byte.into(), Value::Fixnum(8)]),
    }
}

/// Checks that every item can be stored in a vector of element type `et`.
pub fn check_items<'gc>(cx: &Cx<'gc, '_>, et: ElemType, items: &[Value<'gc>]) -> Result<(), Ctl<'gc>> {
    match items.iter().find(|v| !et.accepts(**v)) {
        Some(bad) => Err(cx.type_error(*bad, elem_type_spec(cx, et))),
        None => Ok(()),
    }
}

/// A fresh simple vector of element type `et` holding `items` (type-checked).
pub fn vector_of<'gc>(cx: &Cx<'gc, '_>, et: ElemType, items: &[Value<'gc>]) -> Result<Value<'gc>, Ctl<'gc>> {
    check_items(cx, et, items)?;
    add_debt(cx, items.len(), et);
    Ok(Value::Array(new_array(cx.mc, Storage::from_values(et, items))))
}

/// Tells the collector about a large allocation (it paces by object count).
pub fn add_debt<'gc>(cx: &Cx<'gc, '_>, n: usize, et: ElemType) {
    let bytes = n.saturating_mul(et.elem_bytes());
    if bytes >= 4096 {
        cx.mc.metrics().adjust_debt(bytes as f64 / 64.0);
    }
}

/// A fresh sequence of the same kind as `proto` (a list, or a simple
/// vector of the same element type) holding `items`.
pub fn like<'gc>(cx: &Cx<'gc, '_>, proto: Seq<'gc>, items: &[Value<'gc>]) -> Result<Value<'gc>, Ctl<'gc>> {
    match proto {
        Seq::List(_) => Ok(list(cx.mc, items)),
        Seq::Vector(a) => {
            let et = a.borrow().elem_type();
            vector_of(cx, et, items)
        }
    }
}

/// Stores `v` at index `i` of vector `a`, signalling the proper errors.
pub fn vector_set<'gc>(cx: &Cx<'gc, '_>, a: Gc<'gc, Array<'gc>>, i: usize, v: Value<'gc>) -> Result<(), Ctl<'gc>> {
    match array_set(cx.mc, a, i, v) {
        Ok(()) => Ok(()),
        Err(AccessError::Type) => {
            let et = a.borrow().elem_type();
            Err(cx.type_error(v, elem_type_spec(cx, et)))
        }
        Err(AccessError::Bounds) => Err(invalidated(cx, a)),
    }
}

/// Overwrites the elements of `s` from index `start` with `items` (which
/// must fit: the caller has checked the bounds).
pub fn write_items<'gc>(cx: &Cx<'gc, '_>, s: Seq<'gc>, start: usize, items: &[Value<'gc>]) -> Result<(), Ctl<'gc>> {
    match s {
        Seq::List(l) => {
            let conses = list_conses(cx, l, start + items.len())?;
            for (c, v) in conses.iter().skip(start).zip(items) {
                Cons::set_car(*c, cx.mc, *v);
            }
            Ok(())
        }
        Seq::Vector(a) => {
            let et = a.borrow().elem_type();
            check_items(cx, et, items)?;
            let direct = {
                let mut d = a.borrow_mut(cx.mc);
                let d = &mut *d;
                match (&d.displaced, &mut d.storage) {
                    (None, st) if start + items.len() <= st.len() => {
                        for (i, v) in items.iter().enumerate() {
                            let _ = st.set(start + i, *v);
                        }
                        true
                    }
                    _ => false,
                }
            };
            if !direct {
                for (i, v) in items.iter().enumerate() {
                    vector_set(cx, a, start + i, *v)?;
                }
            }
            Ok(())
        }
    }
}
