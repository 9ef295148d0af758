//! Reader tests: helpers shared by the test modules (a plain structural
//! rendering of values, reading and error inspection).

use crate::heap::array::Storage;
use crate::heap::package::sym_name;
use crate::heap::Value;
use crate::runtime::Runtime;
use crate::vm::{Ctl, Cx};

mod backquote;
mod errors;
mod macros;
mod numbers;
mod readtables;
mod sharp;
mod symbols;
mod syntax;

/// Runs `f` in a fresh runtime.
pub fn with<T>(f: impl for<'gc> FnOnce(&mut Cx<'gc, '_>) -> T) -> T {
    let mut rt = Runtime::new();
    rt.with_cx(f)
}

/// The first form of `text`.
pub fn read<'gc>(cx: &mut Cx<'gc, '_>, text: &str) -> Result<Value<'gc>, Ctl<'gc>> {
    let forms = super::read_from_str(cx, text)?;
    Ok(forms.first().copied().unwrap_or(Value::Unbound))
}

/// The first form of `text`, rendered; "ERR <kind>: <message>" on error.
pub fn rd<'gc>(cx: &mut Cx<'gc, '_>, text: &str) -> String {
    match read(cx, text) {
        Ok(v) => show(cx, v),
        Err(e) => format!("ERR {}", describe(cx, &e)),
    }
}

/// Every form of `text`, rendered and separated by spaces.
pub fn rd_all<'gc>(cx: &mut Cx<'gc, '_>, text: &str) -> String {
    match super::read_from_str(cx, text) {
        Ok(vs) => vs.iter().map(|v| show(cx, *v)).collect::<Vec<_>>().join(" "),
        Err(e) => format!("ERR {}", describe(cx, &e)),
    }
}

/// The condition type and message of an error.
pub fn describe<'gc>(cx: &Cx<'gc, '_>, e: &Ctl<'gc>) -> String {
    match e {
        Ctl::Error(spec) => {
            let kind = show(cx, spec.kind);
            let msg = spec
                .initargs
                .chunks(2)
                .find(|kv| cx.g.s.kw_format_control.is(kv[0]))
                .and_then(|kv| kv[1].as_string())
                .unwrap_or_default();
            // End-of-file messages only repeat where the input ended.
            if msg.is_empty() || cx.g.s.end_of_file.is(spec.kind) {
                kind
            } else {
                format!("{kind}: {msg}")
            }
        }
        Ctl::Unwind => "UNWIND".into(),
        Ctl::TailCall(..) => "TAILCALL".into(),
        Ctl::Exit(n) => format!("EXIT {n}"),
    }
}

/// A plain rendering of a value for comparisons (no package prefixes
/// except keywords and uninterned symbols; cycles cut off).
pub fn show<'gc>(cx: &Cx<'gc, '_>, v: Value<'gc>) -> String {
    let mut out = String::new();
    render(cx, v, &mut out, 0);
    out
}

fn render<'gc>(cx: &Cx<'gc, '_>, v: Value<'gc>, out: &mut String, depth: usize) {
    if depth > 200 || out.len() > 20_000 {
        out.push_str("...");
        return;
    }
    match v {
        Value::Nil => out.push_str("NIL"),
        Value::Unbound => out.push_str("#<UNBOUND>"),
        Value::Fixnum(n) => out.push_str(&n.to_string()),
        Value::Bignum(b) => out.push_str(&b.0.to_string()),
        Value::Ratio(r) => out.push_str(&format!("{}/{}", r.num, r.den)),
        Value::Single(f) => out.push_str(&format!("{f:?}")),
        Value::Double(d) => out.push_str(&format!("{d:?}d0")),
        Value::Char(c) => out.push_str(&format!("#\\{c}")),
        Value::Symbol(s) => {
            match s.package.get() {
                Value::Nil => out.push_str("#:"),
                Value::Package(p) if std::ptr::eq(p.as_ref(), cx.g.p.keyword.as_ref()) => out.push(':'),
                _ => {}
            }
            out.push_str(sym_name(v));
        }
        Value::Cons(_) => {
            out.push('(');
            let mut l = v;
            let mut n = 0;
            while let Value::Cons(c) = l {
                if n > 0 {
                    out.push(' ');
                }
                if n > 300 {
                    out.push_str("...");
                    break;
                }
                render(cx, c.car(), out, depth + 1);
                l = c.cdr();
                n += 1;
            }
            if !l.is_nil() && !matches!(l, Value::Cons(_)) {
                out.push_str(" . ");
                render(cx, l, out, depth + 1);
            }
            out.push(')');
        }
        Value::Array(a) => {
            let d = a.borrow();
            match (&d.storage, &d.dims) {
                (Storage::Char(c), None) => out.push_str(&format!("{:?}", c.iter().collect::<String>())),
                (Storage::Bit(b), None) => {
                    out.push_str("#*");
                    out.extend(b.iter().map(|x| if *x == 0 { '0' } else { '1' }));
                }
                (Storage::T(items), None) => {
                    out.push_str("#(");
                    for (i, x) in items.iter().enumerate() {
                        if i > 0 {
                            out.push(' ');
                        }
                        render(cx, *x, out, depth + 1);
                    }
                    out.push(')');
                }
                (Storage::T(items), Some(dims)) => {
                    out.push_str(&format!("#A{dims:?}("));
                    for (i, x) in items.iter().enumerate() {
                        if i > 0 {
                            out.push(' ');
                        }
                        render(cx, *x, out, depth + 1);
                    }
                    out.push(')');
                }
                _ => out.push_str("#<ARRAY>"),
            }
        }
        Value::Complex(c) => {
            out.push_str("#C(");
            render(cx, c.re, out, depth + 1);
            out.push(' ');
            render(cx, c.im, out, depth + 1);
            out.push(')');
        }
        Value::Function(_) => out.push_str("#<FUNCTION>"),
        Value::Stream(_) => out.push_str("#<STREAM>"),
        Value::Package(_) => out.push_str("#<PACKAGE>"),
        Value::Object(_) => out.push_str("#<OBJECT>"),
        _ => out.push_str("#<?>"),
    }
}

/// `unwrap` for the test's Results and Options (Value and Ctl have no Debug).
pub trait Must<T> {
    fn must(self) -> T;
}

impl<T, E> Must<T> for Result<T, E> {
    #[track_caller]
    fn must(self) -> T {
        match self {
            Ok(v) => v,
            Err(_) => panic!("unexpected Err"),
        }
    }
}

impl<T> Must<T> for Option<T> {
    #[track_caller]
    fn must(self) -> T {
        match self {
            Some(v) => v,
            None => panic!("unexpected None"),
        }
    }
}
