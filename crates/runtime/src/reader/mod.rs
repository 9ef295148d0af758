//! The Lisp reader (CLHS 2.2): a character loop driven by the current
//! readtable; logos classifies finished tokens (numbers vs symbols).

use gc_arena::{Gc, Mutation};

use crate::heap::cons::list;
use crate::heap::symbol::flags;
use crate::heap::{Globals, Value};
use crate::streams::{Stream, StreamData};
use crate::vm::{Ctl, Cx, R};

pub mod backquote;
pub mod builtin;
pub mod charnames;
pub mod errors;
mod features;
mod machine;
mod macros;
mod number;
pub mod readtable;
mod sharp;
mod state;
mod token;
mod wraps;

#[cfg(test)]
mod tests;

pub use machine::MAX_DEPTH;

use builtin::Builtin;
use machine::{Reader, Start};

/// Sets up `*readtable*`, the pristine standard readtable and `*features*`.
pub fn init<'gc>(mc: &Mutation<'gc>, g: &Globals<'gc>) {
    let standard = readtable::new_object(mc, readtable::standard(mc, g));
    if let Some(sym) = g.sym(g.intern_in(mc, "SYS", readtable::STANDARD_READTABLE)) {
        crate::heap::symbol::Symbol::set_value(sym, mc, standard);
    }
    g.s.readtable.set(mc, readtable::new_object(mc, readtable::standard(mc, g)));
    if let Some(sym) = g.sym(g.intern_in(mc, "SYS", "*READ-STATE*")) {
        sym.set_flag(flags::SPECIAL, true);
        crate::heap::symbol::Symbol::set_value(sym, mc, Value::Nil);
    }
    let mut features = vec!["CLOVE", "COMMON-LISP", "ANSI-CL", "UNIX"];
    // The operating system, register size, byte order and CPU, named as
    // trivial-features specifies (and SBCL pushes them).
    if cfg!(target_os = "linux") {
        features.push("LINUX");
    }
    if cfg!(target_os = "macos") {
        features.extend(["DARWIN", "BSD"]);
    }
    if cfg!(target_os = "freebsd") {
        features.extend(["FREEBSD", "BSD"]);
    }
    features.push(if cfg!(target_pointer_width = "64") { "64-BIT" } else { "32-BIT" });
    features.push(if cfg!(target_endian = "little") { "LITTLE-ENDIAN" } else { "BIG-ENDIAN" });
    if cfg!(target_arch = "x86_64") {
        features.push("X86-64");
    }
    if cfg!(target_arch = "aarch64") {
        features.push("ARM64");
    }
    let items: Vec<Value<'gc>> = features.iter().map(|f| g.intern_in(mc, "KEYWORD", f)).collect();
    g.s.features.set(mc, list(mc, &items));
}

/// The shared state for a run: the current one for recursive reads, else
/// a fresh one (returned with the value to restore afterwards).
fn enter<'gc>(
    cx: &Cx<'gc, '_>,
    recursive: bool,
    preserve_ws: bool,
) -> (state::State<'gc>, Option<Value<'gc>>, bool, i64) {
    match state::current(cx).filter(|_| recursive) {
        Some(st) => (st, None, st.preserve(), st.backquote_depth()),
        None => {
            let (st, old) = state::begin(cx, preserve_ws);
            (st, Some(old), preserve_ws, 0)
        }
    }
}

fn run<'gc>(
    cx: &mut Cx<'gc, '_>,
    stream: Gc<'gc, Stream<'gc>>,
    recursive: bool,
    preserve_ws: bool,
    start: Start,
) -> Result<Option<Value<'gc>>, Ctl<'gc>> {
    let (st, saved, preserve, bq) = enter(cx, recursive, preserve_ws);
    let top = saved.is_some() && matches!(start, Start::Object);
    let mut reader = Reader::new(stream, st, preserve, bq, top);
    let out = reader.run(cx, start);
    if let Some(old) = saved {
        state::end(cx, old);
    }
    out
}

/// `read` / `read-preserving-whitespace` on a stream.
pub fn read<'gc>(
    cx: &mut Cx<'gc, '_>,
    stream: Gc<'gc, Stream<'gc>>,
    eof_error: bool,
    eof_value: Value<'gc>,
    recursive: bool,
    preserve_ws: bool,
) -> R<'gc> {
    match run(cx, stream, recursive, preserve_ws, Start::Object)? {
        Some(v) => Ok(v),
        None if eof_error => Err(errors::eof_error(cx, stream)),
        None => Ok(eof_value),
    }
}

/// `read-delimited-list`: objects up to the character `close`.
pub fn read_delimited_list<'gc>(
    cx: &mut Cx<'gc, '_>,
    close: char,
    stream: Gc<'gc, Stream<'gc>>,
    recursive: bool,
) -> R<'gc> {
    Ok(run(cx, stream, recursive, false, Start::Delimited(close))?.unwrap_or(Value::Nil))
}

/// Runs a standard reader macro function called as a function, with its
/// character (and, for `#` sub-macros, the numeric argument). `None`
/// means the macro read nothing (zero values).
pub fn call_builtin<'gc>(
    cx: &mut Cx<'gc, '_>,
    b: Builtin,
    stream: Gc<'gc, Stream<'gc>>,
    c: char,
    numarg: Option<u64>,
) -> Result<Option<Value<'gc>>, Ctl<'gc>> {
    let start = if b.is_sharp() { Start::Sharp(b, c, numarg) } else { Start::Macro(b, c) };
    run(cx, stream, true, false, start)
}

fn string_stream<'gc>(cx: &Cx<'gc, '_>, text: &str) -> Gc<'gc, Stream<'gc>> {
    match StreamData::string_input(cx.mc, text) {
        Value::Stream(s) => s,
        _ => unreachable!("string_input makes a stream"),
    }
}

/// Every form in `text`, in order.
pub fn read_from_str<'gc>(cx: &mut Cx<'gc, '_>, text: &str) -> Result<Vec<Value<'gc>>, Ctl<'gc>> {
    let stream = string_stream(cx, text);
    let mut forms = Vec::new();
    while let Some(v) = run(cx, stream, false, false, Start::Object)? {
        forms.push(v);
    }
    Ok(forms)
}
