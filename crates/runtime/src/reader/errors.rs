//! The reader's conditions: `reader-error` with a message naming the file,
//! line and column, and `end-of-file` in the middle of an object.

use gc_arena::Gc;

use crate::heap::Value;
use crate::streams::ops;
use crate::streams::Stream;
use crate::vm::{Ctl, Cx};

/// "READ error at line L, column C[ of FILE]: MSG" for `stream`'s position.
pub fn message<'gc>(stream: Gc<'gc, Stream<'gc>>, msg: &str) -> String {
    let (line, col) = ops::position(stream);
    match ops::file_name(stream) {
        Some(f) => format!("READ error at line {line}, column {col} of {f}: {msg}"),
        None => format!("READ error at line {line}, column {col}: {msg}"),
    }
}

/// A `reader-error` on `stream` whose report is `msg` with the position.
pub fn reader_error<'gc>(cx: &Cx<'gc, '_>, stream: Gc<'gc, Stream<'gc>>, msg: &str) -> Ctl<'gc> {
    positioned(cx, cx.g.s.reader_error.into(), stream, msg)
}

/// `end-of-file` on `stream`, reported with where the input ended and,
/// inside an object read at top level, where that object began.
pub fn eof_error<'gc>(cx: &Cx<'gc, '_>, stream: Gc<'gc, Stream<'gc>>) -> Ctl<'gc> {
    let msg = {
        let d = stream.borrow();
        if d.in_form {
            format!("end of file in a form starting at line {}, column {}", d.form_line, d.form_col)
        } else {
            "end of file".to_string()
        }
    };
    positioned(cx, cx.g.s.end_of_file.into(), stream, &msg)
}

/// An error of type `kind` on `stream` whose report names the position.
fn positioned<'gc>(cx: &Cx<'gc, '_>, kind: Value<'gc>, stream: Gc<'gc, Stream<'gc>>, msg: &str) -> Ctl<'gc> {
    let mut err = cx.error_msg(kind, &message(stream, msg));
    if let Ctl::Error(spec) = &mut err {
        spec.initargs.extend([cx.g.s.kw_stream.into(), crate::streams::gray::lisp_value(stream)]);
    }
    err
}

/// True if `e` is an `end-of-file` error made by `eof_error`.
pub fn is_eof<'gc>(cx: &Cx<'gc, '_>, e: &Ctl<'gc>) -> bool {
    matches!(e, Ctl::Error(spec) if cx.g.s.end_of_file.is(spec.kind))
}
