//! Type specifiers as the sequence and array primitives read them: array
//! element types and their upgrading, and the result types of
//! CONCATENATE, MAP, MAKE-SEQUENCE, MERGE and COERCE.

use super::seq_access::vector_of;
use super::seq_args::{cl_name, integer_type};
use crate::heap::array::ElemType;
use crate::heap::cons::{car, cdr, list_to_vec};
use crate::heap::{list, Value};
use crate::vm::{Ctl, Cx};

/// The upgraded array element type of a type specifier (its DEFTYPE names
/// expanded first: `types::spec::expand_storage_type`). Unknown or
/// compound types that no specialised storage holds upgrade to T.
pub fn upgrade<'gc>(cx: &Cx<'gc, '_>, spec: Value<'gc>) -> ElemType {
    if let Some(name) = cl_name(cx, spec) {
        return match name {
            "CHARACTER" | "BASE-CHAR" | "STANDARD-CHAR" | "EXTENDED-CHAR" => ElemType::Char,
            "BIT" => ElemType::Bit,
            _ => ElemType::T,
        };
    }
    let Value::Cons(c) = spec else { return ElemType::T };
    // A dotted or circular specifier is not upgraded here (typep rejects it).
    let Ok(args) = list_to_vec(c.cdr()) else { return ElemType::T };
    let int_range = |lo: Option<i64>, hi: Option<i64>| match (lo, hi) {
        (Some(lo), Some(hi)) if lo >= 0 && hi <= 1 => ElemType::Bit,
        (Some(lo), Some(hi)) if lo >= 0 && hi <= 255 => ElemType::U8,
        _ => ElemType::T,
    };
    match cl_name(cx, c.car()).unwrap_or("") {
        "UNSIGNED-BYTE" => match args.first() {
            Some(Value::Fixnum(1)) => ElemType::Bit,
            Some(Value::Fixnum(2..=8)) => ElemType::U8,
            _ => ElemType::T,
        },
        "MOD" => match args.first() {
            Some(Value::Fixnum(n)) if *n >= 1 => int_range(Some(0), Some(n - 1)),
            _ => ElemType::T,
        },
        "INTEGER" => {
            let bound = |v: Option<&Value<'gc>>, lower: bool| match v {
                Some(Value::Fixnum(n)) => Some(*n),
                Some(Value::Cons(b)) => match b.car() {
                    Value::Fixnum(n) => Some(if lower { n + 1 } else { n - 1 }),
                    _ => None,
                },
                _ => None,
            };
            int_range(bound(args.first(), true), bound(args.get(1), false))
        }
        "MEMBER" if !args.is_empty() => {
            let ints: Option<Vec<i64>> = args.iter().map(|v| v.as_fixnum()).collect();
            match ints {
                Some(v) => int_range(v.iter().min().copied(), v.iter().max().copied()),
                None => ElemType::T,
            }
        }
        "EQL" => match args.first() {
            Some(Value::Fixnum(n)) => int_range(Some(*n), Some(*n)),
            Some(Value::Char(_)) => ElemType::Char,
            _ => ElemType::T,
        },
        _ => ElemType::T,
    }
}

/// What kind of sequence a result type asks for.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum SeqKind {
    List,
    /// A non-empty list.
    Cons,
    /// The empty list.
    Null,
    Vector(ElemType),
}

/// A parsed sequence result type: kind and required length, if any.
#[derive(Clone, Copy, Debug)]
pub struct SeqType {
    pub kind: SeqKind,
    pub len: Option<usize>,
}

fn size_arg<'gc>(cx: &Cx<'gc, '_>, v: Option<Value<'gc>>) -> Option<Option<usize>> {
    match v {
        None => Some(None),
        Some(Value::Fixnum(n)) if n >= 0 => Some(Some(n as usize)),
        Some(v) if cl_name(cx, v) == Some("*") => Some(None),
        _ => None,
    }
}

/// Parses a sequence type specifier (its DEFTYPE names expanded first);
/// `None` if it is not one this runtime can build.
pub fn parse_seq_type<'gc>(cx: &Cx<'gc, '_>, spec: Value<'gc>) -> Option<SeqType> {
    let plain = |kind| Some(SeqType { kind, len: None });
    if let Some(name) = cl_name(cx, spec) {
        return match name {
            "LIST" => plain(SeqKind::List),
            "CONS" => plain(SeqKind::Cons),
            "NULL" => plain(SeqKind::Null),
            "VECTOR" | "SIMPLE-VECTOR" => plain(SeqKind::Vector(ElemType::T)),
            "STRING" | "SIMPLE-STRING" | "BASE-STRING" | "SIMPLE-BASE-STRING" => plain(SeqKind::Vector(ElemType::Char)),
            "BIT-VECTOR" | "SIMPLE-BIT-VECTOR" => plain(SeqKind::Vector(ElemType::Bit)),
            _ => None,
        };
    }
    let Value::Cons(c) = spec else { return None };
    let args = list_to_vec(c.cdr()).ok()?;
    let with_size = |kind, v: Option<Value<'gc>>, nargs: usize| {
        if args.len() > nargs {
            return None;
        }
        size_arg(cx, v).map(|len| SeqType { kind, len })
    };
    let elem = |v: Option<&Value<'gc>>| match v {
        None => ElemType::T,
        Some(v) if cl_name(cx, *v) == Some("*") => ElemType::T,
        Some(v) => upgrade(cx, *v),
    };
    match cl_name(cx, c.car())? {
        "CONS" => plain(SeqKind::Cons),
        "VECTOR" => with_size(SeqKind::Vector(elem(args.first())), args.get(1).copied(), 2),
        "SIMPLE-VECTOR" => with_size(SeqKind::Vector(ElemType::T), args.first().copied(), 1),
        "STRING" | "SIMPLE-STRING" | "BASE-STRING" | "SIMPLE-BASE-STRING" => {
            with_size(SeqKind::Vector(ElemType::Char), args.first().copied(), 1)
        }
        "BIT-VECTOR" | "SIMPLE-BIT-VECTOR" => with_size(SeqKind::Vector(ElemType::Bit), args.first().copied(), 1),
        "ARRAY" | "SIMPLE-ARRAY" if args.len() == 2 => {
            let kind = SeqKind::Vector(elem(args.first()));
            match args[1] {
                Value::Fixnum(1) => plain(kind),
                Value::Cons(d) if cdr(Value::Cons(d)).is_nil() => with_size(kind, Some(car(Value::Cons(d))), 2),
                _ => None,
            }
        }
        _ => None,
    }
}

/// Parses a result type (DEFTYPE names expanded) or signals that it is not
/// a sequence type.
pub fn seq_type<'gc>(cx: &mut Cx<'gc, '_>, spec: Value<'gc>) -> Result<SeqType, Ctl<'gc>> {
    let expanded = super::types::spec::expand_storage_type(cx, spec)?;
    parse_seq_type(cx, expanded).ok_or_else(|| {
        let expected = super::args::cl_sym(cx, "SEQUENCE");
        super::args::simple_type_error(cx, spec, expected, "~S is a bad type specifier for sequences.", &[spec])
    })
}

/// Checks that a result of `n` elements satisfies the type's length.
pub fn check_length<'gc>(cx: &Cx<'gc, '_>, st: SeqType, n: usize) -> Result<(), Ctl<'gc>> {
    let ok = match (st.kind, st.len) {
        (SeqKind::Cons, _) if n == 0 => false,
        (SeqKind::Null, _) if n != 0 => false,
        (_, Some(l)) => l == n,
        _ => true,
    };
    if ok {
        return Ok(());
    }
    let star = cx.g.intern_in(cx.mc, "CL", "*");
    let expected = match (st.kind, st.len) {
        (SeqKind::Cons, _) => integer_type(cx, 1, star),
        (SeqKind::Null, _) => list(cx.mc, &[cx.g.intern_in(cx.mc, "CL", "EQL"), Value::Fixnum(0)]),
        (_, l) => list(cx.mc, &[cx.g.intern_in(cx.mc, "CL", "EQL"), Value::Fixnum(l.unwrap_or(0) as i64)]),
    };
    Err(cx.type_error(Value::Fixnum(n as i64), expected))
}

/// Builds a fresh sequence of type `st` holding `items`, checking the
/// length and the element types.
pub fn build<'gc>(cx: &Cx<'gc, '_>, st: SeqType, items: &[Value<'gc>]) -> Result<Value<'gc>, Ctl<'gc>> {
    check_length(cx, st, items.len())?;
    match st.kind {
        SeqKind::List | SeqKind::Cons | SeqKind::Null => Ok(list(cx.mc, items)),
        SeqKind::Vector(et) => vector_of(cx, et, items),
    }
}
