//! The type system (CLHS chapter 4): TYPEP, SUBTYPEP and TYPE-OF.
//! `spec` parses specifiers (calling DEFTYPE expanders), `member` tests
//! objects against them, `algebra` decides subtype questions. Condition
//! and structure types are instances whose class descriptor (an instance
//! itself) holds its class precedence list in slot 2.

pub mod algebra;
pub mod member;
pub mod spec;
pub mod structure;
mod type_of;

use super::seq_args::cl_name;
use crate::heap::array::ElemType;
use crate::heap::Value;
use crate::vm::{Ctl, Cx, R};
use member::{contains, Mode};

crate::natives! {
    CL "TYPEP" 2 3 => typep_fn;
    CL "SUBTYPEP" 2 3 => subtypep_fn;
    CL "TYPE-OF" 1 1 => type_of::type_of;
    SYS "%STRUCTURE-TYPEP" 2 2 => structure::structure_typep;
    SYS "%STRUCTURE-REF" 3 3 => structure::structure_ref;
    SYS "%STRUCTURE-SET" 4 4 => structure::structure_set;
}

/// The answer for the most common atomic type names without parsing.
fn quick<'gc>(cx: &Cx<'gc, '_>, x: Value<'gc>, name: &str) -> Option<bool> {
    use Value::*;
    let vec_of = |et: Option<ElemType>, simple: bool| match x {
        Array(a) => {
            let d = a.borrow();
            d.is_vector() && et.is_none_or(|e| d.elem_type() == e) && (!simple || d.is_simple())
        }
        _ => false,
    };
    Some(match name {
        "T" => true,
        "NIL" => false,
        "FIXNUM" => matches!(x, Fixnum(_)),
        "INTEGER" => matches!(x, Fixnum(_) | Bignum(_)),
        "CONS" => matches!(x, Cons(_)),
        "LIST" => matches!(x, Cons(_) | Nil),
        "NULL" => matches!(x, Nil),
        "ATOM" => !matches!(x, Cons(_)),
        "SYMBOL" => matches!(x, Symbol(_) | Nil),
        "KEYWORD" => super::seq_args::keyword_name(cx, x).is_some(),
        "NUMBER" => x.is_number(),
        "REAL" => matches!(x, Fixnum(_) | Bignum(_) | Ratio(_) | Single(_) | Double(_)),
        "RATIONAL" => matches!(x, Fixnum(_) | Bignum(_) | Ratio(_)),
        "FLOAT" => matches!(x, Single(_) | Double(_)),
        "CHARACTER" => matches!(x, Char(_)),
        "FUNCTION" => matches!(x, Function(_)),
        "HASH-TABLE" => matches!(x, HashTable(_)),
        "PACKAGE" => matches!(x, Package(_)),
        "STREAM" => matches!(x, Stream(_)) || crate::streams::gray::is_gray(cx, x),
        "STRING" => vec_of(Some(ElemType::Char), false),
        "SIMPLE-STRING" => vec_of(Some(ElemType::Char), true),
        "VECTOR" => vec_of(None, false),
        "SIMPLE-VECTOR" => vec_of(Some(ElemType::T), true),
        "ARRAY" => matches!(x, Array(_)),
        "SEQUENCE" => matches!(x, Cons(_) | Nil) || vec_of(None, false),
        _ => return None,
    })
}

/// TYPEP for Rust callers.
pub fn typep<'gc>(cx: &mut Cx<'gc, '_>, x: Value<'gc>, spec: Value<'gc>) -> Result<bool, Ctl<'gc>> {
    if let Some(b) = cl_name(cx, spec).and_then(|n| quick(cx, x, n)) {
        return Ok(b);
    }
    if let Value::Cons(c) = spec {
        if cl_name(cx, c.car()) == Some("FUNCTION") {
            return Err(cx.error_fmt("Function types are not a legal argument to TYPEP: ~S", &[spec]));
        }
    }
    let t = spec::parse(cx, spec, spec::How::strict())?;
    Ok(contains(cx, x, &t, Mode::Call)? == algebra::Tri::Yes)
}

fn typep_fn<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let b = typep(cx, args[0], args[1])?;
    Ok(cx.bool(b))
}

fn subtypep_fn<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let a = spec::parse(cx, args[0], spec::How::lenient())?;
    let b = spec::parse(cx, args[1], spec::How::lenient())?;
    let (sub, certain) = algebra::subtypep(cx, a, b)?;
    let v = vec![cx.bool(sub), cx.bool(certain)];
    cx.values(v)
}
