//! COERCE: sequence conversions (list, vector, string, bit-vector...),
//! characters from one-character strings and symbols, functions from
//! names, and the numeric coercions (delegated to CL:FLOAT / CL:COMPLEX).

use super::seq_access::{items, seq, Seq};
use super::seq_args::{cl_name, func, function_object};
use super::seq_types::{build, check_length, parse_seq_type, SeqKind};
use crate::heap::symbol::flags;
use crate::heap::Value;
use crate::vm::{Ctl, Cx, R};

crate::natives! {
    CL "COERCE" 2 2 => coerce;
}

/// The function named `name` in CL, if it is defined.
fn cl_function<'gc>(cx: &Cx<'gc, '_>, name: &str) -> Option<Value<'gc>> {
    let sym = cx.g.intern_in(cx.mc, "CL", name);
    let s = cx.g.sym(sym)?;
    match s.function.get() {
        f @ Value::Function(_) if !s.has(flags::MACRO) => Some(f),
        _ => None,
    }
}

/// Calls CL:`name` on `args`, or `None` when it is not defined.
fn call_cl<'gc>(cx: &mut Cx<'gc, '_>, name: &str, args: &[Value<'gc>]) -> Result<Option<Value<'gc>>, Ctl<'gc>> {
    match cl_function(cx, name) {
        Some(f) => Ok(Some(func(cx, f)?.call(cx, args)?)),
        None => Ok(None),
    }
}

fn fail<'gc>(cx: &Cx<'gc, '_>, x: Value<'gc>, ty: Value<'gc>) -> Ctl<'gc> {
    cx.type_error(x, ty)
}

/// True when the (possibly compound) type specifier names a simple array type.
fn wants_simple<'gc>(cx: &Cx<'gc, '_>, ty: Value<'gc>) -> bool {
    let head = match ty {
        Value::Cons(c) => c.car(),
        v => v,
    };
    cl_name(cx, head).is_some_and(|n| n.starts_with("SIMPLE"))
}

/// Converts a sequence to sequence type `ty`, returning it unchanged when
/// it already is of that type.
fn coerce_seq<'gc>(cx: &mut Cx<'gc, '_>, x: Value<'gc>, ty: Value<'gc>) -> R<'gc> {
    let Some(st) = parse_seq_type(cx, ty) else { return Err(fail(cx, x, ty)) };
    let s = seq(cx, x).map_err(|_| fail(cx, x, ty))?;
    let same = match (st.kind, s) {
        (SeqKind::List | SeqKind::Cons | SeqKind::Null, Seq::List(_)) => true,
        (SeqKind::Vector(et), Seq::Vector(a)) => {
            let d = a.borrow();
            d.elem_type() == et && (!wants_simple(cx, ty) || d.is_simple())
        }
        _ => false,
    };
    let all = items(cx, s)?;
    if same {
        check_length(cx, st, all.len())?;
        return Ok(x);
    }
    build(cx, st, &all)
}

fn to_float<'gc>(cx: &mut Cx<'gc, '_>, x: Value<'gc>, ty: Value<'gc>, name: &str) -> R<'gc> {
    if !x.is_number() || matches!(x, Value::Complex(_)) {
        return Err(fail(cx, x, ty));
    }
    let proto = match name {
        "SINGLE-FLOAT" | "SHORT-FLOAT" => Some(Value::Single(1.0)),
        "DOUBLE-FLOAT" | "LONG-FLOAT" => Some(Value::Double(1.0)),
        _ => None,
    };
    match (proto, x) {
        (None, Value::Single(_) | Value::Double(_)) => return Ok(x),
        (Some(Value::Single(_)), Value::Single(_)) | (Some(Value::Double(_)), Value::Double(_)) => return Ok(x),
        _ => {}
    }
    let args: Vec<Value<'gc>> = std::iter::once(x).chain(proto).collect();
    if let Some(v) = call_cl(cx, "FLOAT", &args)? {
        return Ok(v);
    }
    match (proto, x) {
        (Some(Value::Double(_)), Value::Fixnum(n)) => Ok(Value::Double(n as f64)),
        (Some(Value::Double(_)), Value::Single(f)) => Ok(Value::Double(f as f64)),
        (_, Value::Fixnum(n)) => Ok(Value::Single(n as f32)),
        (_, Value::Double(d)) => Ok(Value::Single(d as f32)),
        _ => Err(cx.simple_error("COERCE to a float needs CL:FLOAT, which is not defined yet")),
    }
}

fn to_character<'gc>(cx: &Cx<'gc, '_>, x: Value<'gc>, ty: Value<'gc>) -> R<'gc> {
    let one = |s: &str| {
        let mut it = s.chars();
        match (it.next(), it.next()) {
            (Some(c), None) => Some(Value::Char(c)),
            _ => None,
        }
    };
    let r = match x {
        Value::Char(_) => Some(x),
        Value::Symbol(_) | Value::Nil => one(crate::heap::package::sym_name(x)),
        _ => x.as_string().and_then(|s| one(&s)),
    };
    r.ok_or_else(|| fail(cx, x, ty))
}

/// A function from a function name or lambda expression.
fn to_function<'gc>(cx: &mut Cx<'gc, '_>, x: Value<'gc>, ty: Value<'gc>) -> R<'gc> {
    match x {
        Value::Function(_) => Ok(x),
        Value::Symbol(_) | Value::Nil => Ok(Value::Function(function_object(cx, x)?)),
        Value::Cons(c) if cx.g.s.lambda.is(c.car()) => match call_cl(cx, "COMPILE", &[Value::Nil, x])? {
            Some(f) => Ok(f),
            None => Err(cx.simple_error("COERCE of a lambda expression needs CL:COMPILE, which is not defined yet")),
        },
        Value::Cons(c) if cx.g.s.setf.is(c.car()) => match call_cl(cx, "FDEFINITION", &[x])? {
            Some(f) => Ok(f),
            None => Err(fail(cx, x, ty)),
        },
        _ => Err(fail(cx, x, ty)),
    }
}

/// True when `x` is of the numeric type named `name`, for the names
/// COERCE can check without a type system.
fn number_type(x: Value<'_>, name: &str) -> Option<bool> {
    use Value::*;
    Some(match name {
        "NUMBER" => x.is_number(),
        "REAL" => matches!(x, Fixnum(_) | Bignum(_) | Ratio(_) | Single(_) | Double(_)),
        "RATIONAL" => matches!(x, Fixnum(_) | Bignum(_) | Ratio(_)),
        "INTEGER" => matches!(x, Fixnum(_) | Bignum(_)),
        "FIXNUM" => matches!(x, Fixnum(_)),
        "BIGNUM" => matches!(x, Bignum(_)),
        "RATIO" => matches!(x, Ratio(_)),
        _ => return None,
    })
}

fn coerce<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let (x, ty) = (args[0], super::types::spec::expand_storage_type(cx, args[1])?);
    let head = match ty {
        Value::Cons(c) => c.car(),
        v => v,
    };
    let name = cl_name(cx, head).unwrap_or("");
    let simple_name = matches!(ty, Value::Symbol(_) | Value::Nil | Value::Instance(_));
    match name {
        "T" if simple_name => return Ok(x),
        "CHARACTER" | "BASE-CHAR" if simple_name => return to_character(cx, x, ty),
        "FLOAT" | "SINGLE-FLOAT" | "DOUBLE-FLOAT" | "SHORT-FLOAT" | "LONG-FLOAT" => return to_float(cx, x, ty, name),
        "COMPLEX" => {
            return match x {
                Value::Single(_) | Value::Double(_) => match call_cl(cx, "COMPLEX", &[x])? {
                    Some(v) => Ok(v),
                    None => Err(cx.simple_error("COERCE to COMPLEX needs CL:COMPLEX, which is not defined yet")),
                },
                _ if x.is_number() => Ok(x),
                _ => Err(fail(cx, x, ty)),
            }
        }
        "FUNCTION" if simple_name => return to_function(cx, x, ty),
        "SEQUENCE" if simple_name => return seq(cx, x).map(|_| x).map_err(|_| fail(cx, x, ty)),
        _ => {}
    }
    if let Some(ok) = number_type(x, name).filter(|_| simple_name) {
        return if ok { Ok(x) } else { Err(fail(cx, x, ty)) };
    }
    if parse_seq_type(cx, ty).is_some() {
        return coerce_seq(cx, x, ty);
    }
    // Anything else: the object itself when it already is of the type.
    if super::types::typep(cx, x, ty)? {
        Ok(x)
    } else {
        Err(fail(cx, x, ty))
    }
}
