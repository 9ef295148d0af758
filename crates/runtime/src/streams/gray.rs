//! Gray streams seen from Rust: an instance of a class that has the
//! built-in class STREAM in its precedence list (normally a subclass of
//! `clove-gray:fundamental-stream`, lisp-lib/boot/13-gray-streams.lisp) is
//! a stream. Where a primitive accepts a stream designator, such an
//! instance is wrapped in a short-lived stream object of kind `Gray`, and
//! the operations of `ops.rs` on it call the Gray generic functions
//! (`stream-read-char`, `stream-write-string`...). Primitives that map to a
//! generic function of their own (`read-line`, `finish-output`...) call it
//! directly through `call`.

use gc_arena::Gc;

use super::{Kind, Stream, StreamData};
use crate::clos::{class_of, class_slot, find_class, CLASS_PRECEDENCE_LIST};
use crate::heap::cons::ListIter;
use crate::heap::Value;
use crate::vm::{Ctl, Cx, R};

/// True when `v` is an instance whose class inherits from STREAM.
pub fn is_gray<'gc>(cx: &Cx<'gc, '_>, v: Value<'gc>) -> bool {
    if !matches!(v, Value::Instance(_)) {
        return false;
    }
    let Some(stream) = find_class(cx, cx.g.s.stream.into()) else { return false };
    let class = class_of(cx, v);
    ListIter(class_slot(class, CLASS_PRECEDENCE_LIST)).any(|c| c.eq(stream))
}

/// A stream object forwarding to the Gray stream `instance`.
pub fn wrap<'gc>(cx: &Cx<'gc, '_>, instance: Value<'gc>) -> Gc<'gc, Stream<'gc>> {
    match StreamData::new_value(cx.mc, Kind::Gray { instance }, true, true) {
        Value::Stream(s) => s,
        _ => unreachable!("new_value makes a stream"),
    }
}

/// The Gray stream behind `s`, when `s` wraps one.
pub fn instance<'gc>(s: Gc<'gc, Stream<'gc>>) -> Option<Value<'gc>> {
    match s.borrow().kind {
        Kind::Gray { instance } => Some(instance),
        _ => None,
    }
}

/// The Lisp object standing for `s`: the Gray instance it wraps, or itself.
pub fn lisp_value<'gc>(s: Gc<'gc, Stream<'gc>>) -> Value<'gc> {
    instance(s).unwrap_or(Value::Stream(s))
}

/// Calls the Gray generic function `name` (a symbol of CLOVE-GRAY, present
/// in CLOVE-SYSTEM) and returns its primary value.
pub fn call<'gc>(cx: &mut Cx<'gc, '_>, name: &str, args: &[Value<'gc>]) -> R<'gc> {
    let f = cx.g.intern_in(cx.mc, "SYS", name);
    cx.call1(f, args)
}

/// Like `call`, returning all the values.
pub fn call_mv<'gc>(cx: &mut Cx<'gc, '_>, name: &str, args: &[Value<'gc>]) -> Result<Vec<Value<'gc>>, Ctl<'gc>> {
    let f = cx.g.intern_in(cx.mc, "SYS", name);
    cx.call(f, args)
}

/// A character returned by `stream-read-char` or `stream-peek-char`:
/// `None` for :eof, anything else is an error of the method.
pub fn read_result<'gc>(cx: &Cx<'gc, '_>, v: Value<'gc>, method: &str) -> Result<Option<char>, Ctl<'gc>> {
    match v {
        Value::Char(c) => Ok(Some(c)),
        v if v.eq(cx.g.intern_in(cx.mc, "KEYWORD", "EOF")) => Ok(None),
        other => Err(cx.error_fmt(&format!("{method} returned ~S, neither a character nor :EOF"), &[other])),
    }
}
