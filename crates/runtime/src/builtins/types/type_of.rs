//! TYPE-OF, answering as SBCL does: the most useful standard type
//! (BIT, FIXNUM, (INTEGER 0 most-positive-fixnum), (SIMPLE-ARRAY CHARACTER (3)), ...).

use super::member::mask_of;
use super::spec::bits;
use crate::builtins::seq_access::elem_type_spec;
use crate::heap::array::ElemType;
use crate::heap::value::FIXNUM_MAX;
use crate::heap::{list, Value};
use crate::numbers::compare::cmp_real;
use crate::numbers::real::Real;
use crate::vm::{Cx, R};

fn cl<'gc>(cx: &Cx<'gc, '_>, name: &str) -> Value<'gc> {
    cx.g.intern_in(cx.mc, "CL", name)
}

pub fn type_of<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let x = args[0];
    let mc = cx.mc;
    Ok(match x {
        Value::Fixnum(0 | 1) => cl(cx, "BIT"),
        Value::Fixnum(n) if n > 1 => list(mc, &[cl(cx, "INTEGER"), Value::Fixnum(0), Value::Fixnum(FIXNUM_MAX)]),
        Value::Fixnum(_) => cl(cx, "FIXNUM"),
        Value::Bignum(b) if b.0.sign() == num_bigint::Sign::Plus => {
            list(mc, &[cl(cx, "INTEGER"), Value::from_bigint(mc, num_bigint::BigInt::from(FIXNUM_MAX) + 1)])
        }
        Value::Bignum(_) => cl(cx, "BIGNUM"),
        Value::Ratio(_) => cl(cx, "RATIO"),
        Value::Single(_) => cl(cx, "SINGLE-FLOAT"),
        Value::Double(_) => cl(cx, "DOUBLE-FLOAT"),
        Value::Complex(c) => {
            let (re, im) = (c.re, c.im);
            let less = match (Real::of(re), Real::of(im)) {
                (Some(a), Some(b)) => cmp_real(a, b) == Some(std::cmp::Ordering::Less),
                _ => true,
            };
            let (lo, hi) = if less { (re, im) } else { (im, re) };
            let part = match re {
                Value::Single(_) => "SINGLE-FLOAT",
                Value::Double(_) => "DOUBLE-FLOAT",
                _ if matches!(re, Value::Ratio(_)) || matches!(im, Value::Ratio(_)) => "RATIONAL",
                _ => "INTEGER",
            };
            list(mc, &[cl(cx, "COMPLEX"), list(mc, &[cl(cx, part), lo, hi])])
        }
        Value::Char(_) => match mask_of(cx, x) {
            bits::STANDARD_CHAR => cl(cx, "STANDARD-CHAR"),
            bits::BASE_CHAR_OTHER => cl(cx, "BASE-CHAR"),
            _ => cl(cx, "EXTENDED-CHAR"),
        },
        Value::Nil => cl(cx, "NULL"),
        Value::Symbol(_) if cx.g.t.eq(x) => cl(cx, "BOOLEAN"),
        Value::Symbol(_) if mask_of(cx, x) == bits::KEYWORD => cl(cx, "KEYWORD"),
        Value::Symbol(_) => cl(cx, "SYMBOL"),
        Value::Cons(_) => cl(cx, "CONS"),
        Value::Array(a) => {
            let d = a.borrow();
            let (et, simple, dims) = (d.elem_type(), d.is_simple(), d.dimensions());
            drop(d);
            let dim_list: Vec<Value<'gc>> = dims.iter().map(|n| Value::Fixnum(*n as i64)).collect();
            let vector = dims.len() == 1 && a.borrow().is_vector();
            match (vector, simple, et) {
                (true, true, ElemType::T) => list(mc, &[cl(cx, "SIMPLE-VECTOR"), dim_list[0]]),
                (true, true, ElemType::Bit) => list(mc, &[cl(cx, "SIMPLE-BIT-VECTOR"), dim_list[0]]),
                (true, false, ElemType::Bit) => list(mc, &[cl(cx, "BIT-VECTOR"), dim_list[0]]),
                (true, false, _) => list(mc, &[cl(cx, "VECTOR"), elem_type_spec(cx, et), dim_list[0]]),
                _ => {
                    let head = cl(cx, if simple { "SIMPLE-ARRAY" } else { "ARRAY" });
                    list(mc, &[head, elem_type_spec(cx, et), list(mc, &dim_list)])
                }
            }
        }
        Value::Function(f) if matches!(f.kind, crate::heap::function::FnKind::Funcallable(_)) => {
            crate::clos::class_slot(crate::clos::class_of(cx, x), crate::clos::CLASS_NAME)
        }
        Value::Function(_) => cl(cx, "COMPILED-FUNCTION"),
        Value::HashTable(_) => cl(cx, "HASH-TABLE"),
        Value::Package(_) => cl(cx, "PACKAGE"),
        Value::Stream(_) => cl(
            cx,
            match mask_of(cx, x) {
                bits::STRING_STREAM => "STRING-STREAM",
                bits::FILE_STREAM => "FILE-STREAM",
                bits::SYNONYM_STREAM => "SYNONYM-STREAM",
                bits::TWO_WAY_STREAM => "TWO-WAY-STREAM",
                bits::ECHO_STREAM => "ECHO-STREAM",
                bits::BROADCAST_STREAM => "BROADCAST-STREAM",
                bits::PRETTY_STREAM => "STREAM",
                _ => "CONCATENATED-STREAM",
            },
        ),
        Value::Instance(_) => {
            let class = crate::clos::class_of(cx, x);
            match crate::clos::class_slot(class, crate::clos::CLASS_NAME) {
                Value::Nil => class,
                name => name,
            }
        }
        Value::Object(_) => match super::spec::kind_of(x) {
            super::spec::Kind::Readtable => cl(cx, "READTABLE"),
            super::spec::Kind::RandomState => cl(cx, "RANDOM-STATE"),
            super::spec::Kind::Pathname if matches!(crate::pathnames::as_pathname(&x), Some(p) if p.logical) => {
                cl(cx, "LOGICAL-PATHNAME")
            }
            super::spec::Kind::Pathname => cl(cx, "PATHNAME"),
            _ => cx.g.t,
        },
        Value::Unbound | Value::Cell(_) => cx.g.t,
    })
}
