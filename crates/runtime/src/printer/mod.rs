//! The Lisp printer (CLHS 22.1): `write` prints any object on a stream as
//! the current print variables ask; `to_string` renders one for messages.
//! When `*print-pretty*` is true, `write` hands the object to the pretty
//! printer (`sys::%pprint-write`, lisp-lib/boot/12-pprint.lisp: pprint
//! dispatch tables and logical blocks), whose layout engine is `pretty.rs`
//! behind the pretty stream kind of `pretty_stream.rs`.

use gc_arena::Gc;

use crate::heap::Sym;
use crate::heap::Value;
use crate::streams::{Kind, Stream, StreamData};
use crate::vm::{Ctl, Cx};

mod arrays;
mod chars;
mod engine;
mod numbers;
mod objects;
mod pretty;
pub mod pretty_stream;
mod settings;
mod symbols;
#[cfg(test)]
pub(crate) mod tests;

pub use chars::{char_name, CONTROL_NAMES};

/// Prints `v` on `stream` honouring the current dynamic values of the print
/// variables (`*print-escape*`, `*print-base*`, `*print-circle*`...).
/// An invalid print variable signals a type-error; an unreadable object
/// under `*print-readably*` signals `print-not-readable`.
pub fn write<'gc>(cx: &mut Cx<'gc, '_>, v: Value<'gc>, stream: Gc<'gc, Stream<'gc>>) -> Result<(), Ctl<'gc>> {
    if cx.g.s.print_pretty.value().truthy() {
        if let Some(f) = pretty_entry(cx) {
            return cx.call(f, &[v, Value::Stream(stream)]).map(|_| ());
        }
    }
    let s = settings::Settings::from_specials(cx, true)?;
    engine::print(cx, s, v, stream)
}

/// `sys::%pprint-write`, the Lisp entry of the pretty printer, once defined.
fn pretty_entry<'gc>(cx: &mut Cx<'gc, '_>) -> Option<Value<'gc>> {
    let sym = cx.g.sym(cx.g.intern_in(cx.mc, "SYS", "%PPRINT-WRITE"))?;
    let f = sym.function.get();
    (!f.is_unbound()).then_some(f)
}

/// The text `write` would print for `v` with the current print variables.
pub fn write_to_string<'gc>(cx: &mut Cx<'gc, '_>, v: Value<'gc>) -> Result<String, Ctl<'gc>> {
    let Value::Stream(stream) = StreamData::string_output(cx.mc) else {
        return Ok(String::new());
    };
    write(cx, v, stream)?;
    let mut d = stream.borrow_mut(cx.mc);
    Ok(match &mut d.kind {
        Kind::StringOut { buf } => std::mem::take(buf),
        _ => String::new(),
    })
}

/// The printed representation of `v` (`prin1` when `escape`, else `princ`),
/// with the other print variables as they are. Invalid print variables are
/// taken at their standard defaults: error messages must still print.
pub fn to_string<'gc>(cx: &mut Cx<'gc, '_>, v: Value<'gc>, escape: bool) -> Result<String, Ctl<'gc>> {
    let t = cx.bool(escape);
    with_specials(cx, &[(cx.g.s.print_escape, t)], |cx| {
        let s = settings::Settings::from_specials(cx, false)?;
        render(cx, s, v)
    })
}

fn render<'gc>(cx: &mut Cx<'gc, '_>, s: settings::Settings<'gc>, v: Value<'gc>) -> Result<String, Ctl<'gc>> {
    let Value::Stream(stream) = StreamData::string_output(cx.mc) else {
        return Ok(String::new());
    };
    engine::print(cx, s, v, stream)?;
    let mut d = stream.borrow_mut(cx.mc);
    Ok(match &mut d.kind {
        Kind::StringOut { buf } => std::mem::take(buf),
        _ => String::new(),
    })
}

/// Runs `f` with the special variables `binds` set to the given values,
/// restoring their previous values afterwards, whether `f` returns
/// normally, with an error or with a non-local exit passing through.
pub fn with_specials<'gc, 'a, T>(
    cx: &mut Cx<'gc, 'a>,
    binds: &[(Sym<'gc>, Value<'gc>)],
    f: impl FnOnce(&mut Cx<'gc, 'a>) -> Result<T, Ctl<'gc>>,
) -> Result<T, Ctl<'gc>> {
    let saved: Vec<Value<'gc>> = binds.iter().map(|(sym, _)| sym.value()).collect();
    for (sym, v) in binds {
        sym.set(cx.mc, *v);
    }
    let result = f(cx);
    for ((sym, _), old) in binds.iter().zip(saved).rev() {
        sym.set(cx.mc, old);
    }
    result
}
