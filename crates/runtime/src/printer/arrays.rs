//! What the printer needs to know about an array: its shape, element kind
//! and elements, following displacement, read afresh each time (a
//! `print-object` method may change an array while it is being printed).

use gc_arena::Gc;

use crate::heap::array::{Array, Storage};
use crate::heap::Value;

/// Hops followed along a displacement chain before giving up.
const MAX_DISPLACEMENT: usize = 64;

/// The element kind of an array's storage.
#[derive(Copy, Clone, PartialEq, Eq)]
pub enum ElemKind {
    T,
    Char,
    Bit,
    U8,
}

/// The array whose storage holds `a`'s elements, and the offset into it.
fn backing<'gc>(a: Gc<'gc, Array<'gc>>) -> (Gc<'gc, Array<'gc>>, usize) {
    let mut cur = a;
    let mut offset = 0usize;
    for _ in 0..MAX_DISPLACEMENT {
        match cur.borrow().displaced {
            Some((target, off)) => {
                offset = offset.saturating_add(off);
                cur = target;
            }
            None => break,
        }
    }
    (cur, offset)
}

pub fn kind<'gc>(a: Gc<'gc, Array<'gc>>) -> ElemKind {
    match backing(a).0.borrow().storage {
        Storage::T(_) => ElemKind::T,
        Storage::Char(_) => ElemKind::Char,
        Storage::Bit(_) => ElemKind::Bit,
        Storage::U8(_) => ElemKind::U8,
    }
}

/// The dimensions (a vector's active length up to its fill pointer).
pub fn dims(a: Gc<'_, Array<'_>>) -> Vec<usize> {
    let d = a.borrow();
    match &d.dims {
        Some(ds) => ds.clone(),
        None => vec![d.length()],
    }
}

pub fn is_vector(a: Gc<'_, Array<'_>>) -> bool {
    a.borrow().dims.is_none()
}

/// Element `i` in row-major order, or `None` when it no longer exists.
pub fn elt<'gc>(a: Gc<'gc, Array<'gc>>, i: usize) -> Option<Value<'gc>> {
    let (b, off) = backing(a);
    let d = b.borrow();
    let j = off.checked_add(i)?;
    (j < d.storage.len()).then(|| d.storage.get(j))
}

/// The active characters of a string (rank 1, character storage).
pub fn string_chars<'gc>(a: Gc<'gc, Array<'gc>>) -> Vec<char> {
    let len = dims(a).first().copied().unwrap_or(0);
    let (b, off) = backing(a);
    let d = b.borrow();
    match &d.storage {
        Storage::Char(v) => v.iter().skip(off).take(len).copied().collect(),
        _ => Vec::new(),
    }
}

/// The active bits of a bit vector.
pub fn bits<'gc>(a: Gc<'gc, Array<'gc>>) -> Vec<u8> {
    let len = dims(a).first().copied().unwrap_or(0);
    let (b, off) = backing(a);
    let d = b.borrow();
    match &d.storage {
        Storage::Bit(v) => v.iter().skip(off).take(len).copied().collect(),
        _ => Vec::new(),
    }
}

/// The type shown in `#<(SIMPLE-VECTOR 3) {..}>` when `*print-array*` is NIL.
pub fn type_description<'gc>(a: Gc<'gc, Array<'gc>>) -> String {
    let simple = a.borrow().is_simple();
    let ds = dims(a);
    let elem = match kind(a) {
        ElemKind::T => "T",
        ElemKind::Char => "CHARACTER",
        ElemKind::Bit => "BIT",
        ElemKind::U8 => "(UNSIGNED-BYTE 8)",
    };
    let dim_list = ds.iter().map(|d| d.to_string()).collect::<Vec<_>>().join(" ");
    if is_vector(a) {
        let n = ds.first().copied().unwrap_or(0);
        match (kind(a), simple) {
            (ElemKind::T, true) => format!("(SIMPLE-VECTOR {n})"),
            (ElemKind::Bit, true) => format!("(SIMPLE-BIT-VECTOR {n})"),
            (ElemKind::Bit, false) => format!("(BIT-VECTOR {n})"),
            (_, true) => format!("(SIMPLE-ARRAY {elem} ({n}))"),
            (_, false) => format!("(VECTOR {elem} {n})"),
        }
    } else if simple {
        format!("(SIMPLE-ARRAY {elem} ({dim_list}))")
    } else {
        format!("(ARRAY {elem} ({dim_list}))")
    }
}
