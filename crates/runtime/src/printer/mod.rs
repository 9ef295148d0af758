//! The Lisp printer.

use crate::heap::array::Storage;
use crate::heap::package::sym_name;
use crate::heap::Value;
use crate::vm::{Ctl, Cx};

/// The printed representation of `v` (`prin1` when `escape`, else `princ`).
pub fn to_string<'gc>(cx: &mut Cx<'gc, '_>, v: Value<'gc>, escape: bool) -> Result<String, Ctl<'gc>> {
    let mut out = String::new();
    simple(cx, v, escape, &mut out, 0);
    Ok(out)
}

fn simple<'gc>(cx: &mut Cx<'gc, '_>, v: Value<'gc>, escape: bool, out: &mut String, depth: usize) {
    if depth > 100 {
        out.push_str("...");
        return;
    }
    match v {
        Value::Nil => out.push_str("NIL"),
        Value::Fixnum(n) => out.push_str(&n.to_string()),
        Value::Bignum(b) => out.push_str(&b.0.to_string()),
        Value::Symbol(s) => {
            if let Value::Package(p) = s.package.get() {
                if std::ptr::eq(p.as_ref(), cx.g.p.keyword.as_ref()) {
                    out.push(':');
                }
            }
            out.push_str(sym_name(v))
        }
        Value::Cons(_) => {
            out.push('(');
            let mut l = v;
            let mut first = true;
            while let Value::Cons(c) = l {
                if !first {
                    out.push(' ');
                }
                first = false;
                simple(cx, c.car(), escape, out, depth + 1);
                l = c.cdr();
            }
            if !l.is_nil() {
                out.push_str(" . ");
                simple(cx, l, escape, out, depth + 1);
            }
            out.push(')');
        }
        Value::Array(a) => match &a.borrow().storage {
            Storage::Char(c) => {
                let s: String = c.iter().collect();
                if escape {
                    out.push_str(&format!("{s:?}"))
                } else {
                    out.push_str(&s)
                }
            }
            _ => out.push_str("#<ARRAY>"),
        },
        Value::Char(c) => {
            if escape {
                out.push_str("#\\");
            }
            out.push(c)
        }
        Value::Double(d) => out.push_str(&format!("{d:?}d0")),
        Value::Single(f) => out.push_str(&format!("{f:?}")),
        _ => out.push_str("#<OBJECT>"),
    }
}
