//! The reader's conditions: `reader-error` with a message naming the file,
//! line and column, and `end-of-file` in the middle of an object.

use gc_arena::Gc;

use crate::heap::array::make_string;
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
    let text = message(stream, msg).replace('~', "~~");
    let s = &cx.g.s;
    cx.error_of(
        s.reader_error.into(),
        vec![
            s.kw_stream.into(),
            Value::Stream(stream),
            s.kw_format_control.into(),
            make_string(cx.mc, &text),
            s.kw_format_arguments.into(),
            Value::Nil,
        ],
    )
}

/// `end-of-file` on `stream`, reported with where the input ended.
pub fn eof_error<'gc>(cx: &Cx<'gc, '_>, stream: Gc<'gc, Stream<'gc>>) -> Ctl<'gc> {
    let text = message(stream, "end of file").replace('~', "~~");
    let s = &cx.g.s;
    cx.error_of(
        s.end_of_file.into(),
        vec![
            s.kw_stream.into(),
            Value::Stream(stream),
            s.kw_format_control.into(),
            make_string(cx.mc, &text),
            s.kw_format_arguments.into(),
            Value::Nil,
        ],
    )
}

/// True if `e` is an `end-of-file` error made by `eof_error`.
pub fn is_eof<'gc>(cx: &Cx<'gc, '_>, e: &Ctl<'gc>) -> bool {
    matches!(e, Ctl::Error(spec) if cx.g.s.end_of_file.is(spec.kind))
}
