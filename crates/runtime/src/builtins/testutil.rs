//! Helpers for the data primitives' unit tests: calling a primitive by
//! name, building arguments, and naming the condition an error signals.

use crate::heap::array::make_string;
use crate::heap::package::sym_name;
use crate::heap::{list, Value};
use crate::vm::{Ctl, Cx};

/// Calls the function named `pkg::name` and returns all its values.
pub fn call<'gc>(
    cx: &mut Cx<'gc, '_>,
    pkg: &str,
    name: &str,
    args: &[Value<'gc>],
) -> Result<Vec<Value<'gc>>, Ctl<'gc>> {
    let f = cx.g.intern_in(cx.mc, pkg, name);
    cx.call(f, args)
}

/// The primary value of a call that must succeed.
pub fn ok<'gc>(cx: &mut Cx<'gc, '_>, name: &str, args: &[Value<'gc>]) -> Value<'gc> {
    match call(cx, "CL", name, args) {
        Ok(v) => v.first().copied().unwrap_or(Value::Nil),
        Err(e) => panic!("{name} failed with {}", err_name(cx, e)),
    }
}

/// The name of the condition type a failed call signals.
pub fn err<'gc>(cx: &mut Cx<'gc, '_>, name: &str, args: &[Value<'gc>]) -> String {
    match call(cx, "CL", name, args) {
        Ok(v) => panic!("{name} returned {} instead of failing", show(cx, v.first().copied().unwrap_or(Value::Nil))),
        Err(e) => err_name(cx, e),
    }
}

pub fn err_name<'gc>(cx: &mut Cx<'gc, '_>, e: Ctl<'gc>) -> String {
    match e {
        Ctl::Error(spec) => {
            let detail: Vec<String> = spec.initargs.iter().map(|&v| show(cx, v)).collect();
            format!("{} {}", sym_name(spec.kind), detail.join(" "))
        }
        Ctl::TailCall(..) => "tail call".into(),
        Ctl::Unwind => "unwind".into(),
        Ctl::Exit(n) => format!("exit {n}"),
    }
}

/// `prin1` output; circular lists (which the printer does not detect yet) show as `#<circular>`.
pub fn show<'gc>(cx: &mut Cx<'gc, '_>, v: Value<'gc>) -> String {
    if matches!(crate::heap::cons::list_to_vec(v), Err(Value::Unbound)) {
        return "#<circular>".into();
    }
    crate::printer::to_string(cx, v, true).unwrap_or_default()
}

pub fn s<'gc>(cx: &Cx<'gc, '_>, text: &str) -> Value<'gc> {
    make_string(cx.mc, text)
}

/// A symbol interned in COMMON-LISP-USER.
pub fn sym<'gc>(cx: &Cx<'gc, '_>, name: &str) -> Value<'gc> {
    crate::heap::package::intern(cx.g.p.user, cx.mc, name).0
}

pub fn kw<'gc>(cx: &Cx<'gc, '_>, name: &str) -> Value<'gc> {
    cx.g.intern_in(cx.mc, "KEYWORD", name)
}

/// The global function named by a COMMON-LISP symbol.
pub fn func<'gc>(cx: &Cx<'gc, '_>, name: &str) -> Value<'gc> {
    match cx.g.intern_in(cx.mc, "CL", name) {
        Value::Symbol(s) => s.function.get(),
        _ => Value::Nil,
    }
}

pub fn ints<'gc>(cx: &Cx<'gc, '_>, items: &[i64]) -> Value<'gc> {
    let v: Vec<Value<'gc>> = items.iter().map(|&n| Value::Fixnum(n)).collect();
    list(cx.mc, &v)
}

pub fn l<'gc>(cx: &Cx<'gc, '_>, items: &[Value<'gc>]) -> Value<'gc> {
    list(cx.mc, items)
}

/// The printed primary value of a call that must succeed.
pub fn shown<'gc>(cx: &mut Cx<'gc, '_>, name: &str, args: &[Value<'gc>]) -> String {
    let v = ok(cx, name, args);
    show(cx, v)
}

/// The primary value of a call to a SYS function that must succeed.
pub fn sys<'gc>(cx: &mut Cx<'gc, '_>, name: &str, args: &[Value<'gc>]) -> Value<'gc> {
    match call(cx, "SYS", name, args) {
        Ok(v) => v.first().copied().unwrap_or(Value::Nil),
        Err(e) => panic!("{name} failed with {}", err_name(cx, e)),
    }
}
