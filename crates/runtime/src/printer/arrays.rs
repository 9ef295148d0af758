//! What the printer needs to know about an array: its shape, element kind
//! and elements, following displacement, read afresh each time (a
//! `print-object` method may change an array while it is being printed).

use gc_arena::Gc;

use crate::heap::array::{get_in, Array, ElemType};
use crate::heap::Value;

/// The element kind of an array's storage.
#[derive(Copy, Clone, PartialEq, Eq)]
pub enum ElemKind {
    T,
    Char,
    Bit,
    U8,
}

pub fn kind<'gc>(a: Gc<'gc, Array<'gc>>) -> ElemKind {
    match a.borrow().elem_type() {
        ElemType::T => ElemKind::T,
        ElemType::Char => ElemKind::Char,
        ElemType::Bit => ElemKind::Bit,
        ElemType::U8 => ElemKind::U8,
    }
}

/// The dimensions (a vector's active length up to its fill pointer).
pub fn dims(a: Gc<'_, Array<'_>>) -> Vec<usize> {
    let d = a.borrow();
    if d.is_vector() {
        vec![d.length()]
    } else {
        d.dimensions()
    }
}

pub fn is_vector(a: Gc<'_, Array<'_>>) -> bool {
    a.borrow().is_vector()
}

/// Element `i` in row-major order (following displacement), or `None`
/// when it no longer exists.
pub fn elt<'gc>(a: Gc<'gc, Array<'gc>>, i: usize) -> Option<Value<'gc>> {
    get_in(a, i)
}

/// The active characters of a string.
pub fn string_chars<'gc>(a: Gc<'gc, Array<'gc>>) -> Vec<char> {
    a.borrow().string().map(|s| s.chars().collect()).unwrap_or_default()
}

/// The active bits of a bit vector.
pub fn bits<'gc>(a: Gc<'gc, Array<'gc>>) -> Vec<u8> {
    let items = a.borrow().active_elements().unwrap_or_default();
    items.iter().map(|v| v.as_fixnum().unwrap_or(0) as u8).collect()
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
