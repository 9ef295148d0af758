//! Primitives: string streams, character input, stream predicates and
//! closing, and the input file streams LOAD uses. Gray stream instances
//! are accepted where streams are (streams/gray.rs).

use crate::heap::array::{make_string, Storage};
use crate::heap::Value;
use crate::streams::ops::{self, designator};
use crate::streams::{gray, Cleanup, Elem, FileStream, Kind, StreamData};
use crate::vm::{Ctl, Cx, R};

crate::natives! {
    CL "MAKE-STRING-OUTPUT-STREAM" 0 * => make_string_output_stream;
    SYS "%FORM-LINE" 1 1 => form_line;
    SYS "%FORM-COLUMN" 1 1 => form_column;
    CL "GET-OUTPUT-STREAM-STRING" 1 1 => get_output_stream_string;
    CL "MAKE-STRING-INPUT-STREAM" 1 3 => make_string_input_stream;
    CL "READ-CHAR" 0 4 => read_char;
    CL "READ-CHAR-NO-HANG" 0 4 => read_char_no_hang;
    CL "PEEK-CHAR" 0 5 => peek_char;
    CL "UNREAD-CHAR" 1 2 => unread_char;
    CL "READ-LINE" 0 4 => read_line;
    CL "CLOSE" 1 * => close;
    CL "STREAMP" 1 1 => streamp;
    SYS "%GRAY-STREAM-P" 1 1 => gray_stream_p;
    CL "INPUT-STREAM-P" 1 1 => input_stream_p;
    CL "OUTPUT-STREAM-P" 1 1 => output_stream_p;
    CL "OPEN-STREAM-P" 1 1 => open_stream_p;
    CL "INTERACTIVE-STREAM-P" 1 1 => interactive_stream_p;
    SYS "%STREAM-COLUMN" 1 1 => stream_column;
    SYS "%MAKE-FILL-POINTER-OUTPUT-STREAM" 1 1 => make_fill_pointer_output_stream;
    SYS "%OPEN-INPUT-FILE" 1 1 => open_input_file;
    SYS "%STRING-INPUT-POSITION" 1 1 => string_input_position;
}

fn stream_arg<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>], i: usize, output: bool) -> Result<gc_arena::Gc<'gc, crate::streams::Stream<'gc>>, Ctl<'gc>> {
    designator(cx, args.get(i).copied().unwrap_or(Value::Nil), output)
}

/// The line where the last object `read` from the stream began.
fn form_line<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let s = stream_arg(cx, args, 0, false)?;
    let line = s.borrow().form_line;
    Ok(Value::Fixnum(line as i64))
}

/// The column (from 1) where the last object `read` from the stream began.
fn form_column<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let s = stream_arg(cx, args, 0, false)?;
    let col = s.borrow().form_col;
    Ok(Value::Fixnum(col as i64 + 1))
}

fn make_string_output_stream<'gc>(cx: &mut Cx<'gc, '_>, _args: &[Value<'gc>]) -> R<'gc> {
    Ok(StreamData::string_output(cx.mc))
}

fn get_output_stream_string<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let Value::Stream(s) = args[0] else { return Err(cx.type_error(args[0], cx.g.s.stream.into())) };
    let text = match &mut s.borrow_mut(cx.mc).kind {
        Kind::StringOut { buf } => std::mem::take(buf),
        _ => return Err(cx.type_error(args[0], cx.g.intern_in(cx.mc, "CL", "STRING-STREAM"))),
    };
    Ok(make_string(cx.mc, &text))
}

fn make_string_input_stream<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let text = cx.check_string(args[0])?;
    let chars: Vec<char> = text.chars().collect();
    let start = match args.get(1) {
        None | Some(Value::Nil) => 0,
        Some(v) => bound(cx, *v, chars.len())?,
    };
    let end = match args.get(2) {
        None | Some(Value::Nil) => chars.len(),
        Some(v) => bound(cx, *v, chars.len())?,
    };
    if start > end {
        return Err(cx.error_fmt("bounding indices ~D and ~D are bad for a string of length ~D", &[args[1], args[2], Value::Fixnum(chars.len() as i64)]));
    }
    Ok(StreamData::new_value(cx.mc, Kind::StringIn { chars, pos: start, end }, true, false))
}

fn bound<'gc>(cx: &Cx<'gc, '_>, v: Value<'gc>, len: usize) -> Result<usize, Ctl<'gc>> {
    match v {
        Value::Fixnum(n) if n >= 0 && n as usize <= len => Ok(n as usize),
        other => Err(cx.error_fmt("the index ~S is out of bounds for a sequence of length ~D", &[other, Value::Fixnum(len as i64)])),
    }
}

/// End of file: the eof value, or an `end-of-file` error when eof-error-p.
pub(crate) fn at_eof<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>], first: usize, stream: Value<'gc>) -> R<'gc> {
    let eof_error = args.get(first).copied().unwrap_or(cx.g.t).truthy();
    let stream = match stream {
        Value::Stream(s) => gray::lisp_value(s),
        other => other,
    };
    if eof_error {
        Err(cx.error_of(cx.g.s.end_of_file.into(), vec![cx.g.s.kw_stream.into(), stream]))
    } else {
        Ok(args.get(first + 1).copied().unwrap_or(Value::Nil))
    }
}

fn read_char<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let s = stream_arg(cx, args, 0, false)?;
    match ops::read_char(cx, s)? {
        Some(c) => Ok(Value::Char(c)),
        None => at_eof(cx, args, 1, Value::Stream(s)),
    }
}

/// `read-char-no-hang`: a Gray stream answers through
/// `stream-read-char-no-hang`; standard input and pipes answer NIL when
/// nothing is ready; other streams never wait, so they read as `read-char`
/// does.
fn read_char_no_hang<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let s = stream_arg(cx, args, 0, false)?;
    let s = ops::resolve(cx, s, false)?;
    let Some(g) = gray::instance(s) else {
        if ops::would_block(s) {
            return Ok(Value::Nil);
        }
        return read_char(cx, args);
    };
    match gray::call(cx, "STREAM-READ-CHAR-NO-HANG", &[g])? {
        Value::Nil => Ok(Value::Nil),
        c => match gray::read_result(cx, c, "STREAM-READ-CHAR-NO-HANG")? {
            Some(c) => Ok(Value::Char(c)),
            None => at_eof(cx, args, 1, g),
        },
    }
}

fn peek_char<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let peek_type = args.first().copied().unwrap_or(Value::Nil);
    let s = stream_arg(cx, args, 1, false)?;
    // Peek-type T skips whitespace[2]: what the current readtable says is.
    let readtable = match peek_type {
        Value::Nil | Value::Char(_) => None,
        _ => Some(crate::reader::readtable::current(cx)?),
    };
    loop {
        let Some(c) = peek_quietly(cx, s)? else { return at_eof(cx, args, 2, Value::Stream(s)) };
        let skip = match peek_type {
            Value::Nil => false,
            Value::Char(want) => c != want,
            _ => readtable.is_some_and(|rt| {
                crate::reader::readtable::with(rt, |rt| rt.syntax(c)) == Some(crate::reader::readtable::Syntax::Whitespace)
            }),
        };
        if !skip {
            return Ok(Value::Char(c));
        }
        // A skipped character is read (an echo stream echoes it).
        ops::read_char(cx, s)?;
    }
}

/// The next character without consuming it; an echo stream looks at its
/// input, so the character is echoed only when it is read.
fn peek_quietly<'gc>(cx: &mut Cx<'gc, '_>, s: gc_arena::Gc<'gc, crate::streams::Stream<'gc>>) -> Result<Option<char>, Ctl<'gc>> {
    let r = ops::resolve(cx, s, false)?;
    let echo_input = match &r.borrow().kind {
        Kind::Echo { input, .. } if r.borrow().unread.is_empty() && r.borrow().open => Some(*input),
        _ => None,
    };
    match echo_input {
        Some(input) => {
            let i = designator(cx, input, false)?;
            peek_quietly(cx, i)
        }
        None => ops::peek_char(cx, r),
    }
}

fn unread_char<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let Value::Char(c) = args[0] else { return Err(cx.type_error(args[0], cx.g.s.character.into())) };
    let s = stream_arg(cx, args, 1, false)?;
    ops::unread_char(cx, s, c)?;
    Ok(Value::Nil)
}

fn read_line<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let s = stream_arg(cx, args, 0, false)?;
    if let Some(g) = ops::resolve(cx, s, false).ok().and_then(gray::instance) {
        return gray_read_line(cx, args, g);
    }
    let mut line = String::new();
    loop {
        match ops::read_char(cx, s)? {
            Some('\n') => {
                let v = make_string(cx.mc, &line);
                return cx.values(vec![v, Value::Nil]);
            }
            Some(c) => line.push(c),
            None if line.is_empty() => {
                // The eof value comes with a true missing-newline-p.
                let v = at_eof(cx, args, 1, Value::Stream(s))?;
                return cx.values(vec![v, cx.g.t]);
            }
            None => {
                let v = make_string(cx.mc, &line);
                return cx.values(vec![v, cx.g.t]);
            }
        }
    }
}

/// `read-line` on a Gray stream: `stream-read-line` gives the line and
/// whether it ended at end of file; an empty last line is end of file.
fn gray_read_line<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>], g: Value<'gc>) -> R<'gc> {
    let vals = gray::call_mv(cx, "STREAM-READ-LINE", &[g])?;
    let line = vals.first().copied().unwrap_or(Value::Nil);
    let eof = vals.get(1).is_some_and(|v| v.truthy());
    let empty = matches!(line, Value::Array(a) if a.borrow().length() == 0);
    if eof && empty {
        let v = at_eof(cx, args, 1, g)?;
        return cx.values(vec![v, cx.g.t]);
    }
    let missing = cx.bool(eof);
    cx.values(vec![line, missing])
}

/// `(close stream &key abort)`: an aborted file stream drops its buffered
/// output and undoes what opening it did to the file system. Returns T,
/// as SBCL does, also for a stream already closed.
fn close<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let Value::Stream(s) = args[0] else { return Err(cx.type_error(args[0], cx.g.s.stream.into())) };
    let [abort] = super::args::keys(cx, &args[1..], ["ABORT"])?;
    let abort = abort.is_some_and(|v| v.truthy());
    let closed_file = {
        let mut d = s.borrow_mut(cx.mc);
        let was_open = std::mem::replace(&mut d.open, false);
        match &mut d.kind {
            Kind::File(f) => Some(if was_open { f.close(abort) } else { Ok(()) }),
            _ => None,
        }
    };
    let flushed = closed_file.unwrap_or_else(|| ops::flush(cx.mc, s));
    flushed.map_err(|e| ops::write_failed(cx, s, &e))?;
    Ok(cx.g.t)
}

fn stream_value<'gc>(cx: &Cx<'gc, '_>, v: Value<'gc>) -> Result<gc_arena::Gc<'gc, crate::streams::Stream<'gc>>, Ctl<'gc>> {
    match v {
        Value::Stream(s) => Ok(s),
        other => Err(cx.type_error(other, cx.g.s.stream.into())),
    }
}

/// The stream `v` names, through synonym streams (a Gray stream wrapped).
fn synonym_target<'gc>(cx: &mut Cx<'gc, '_>, v: Value<'gc>) -> Result<gc_arena::Gc<'gc, crate::streams::Stream<'gc>>, Ctl<'gc>> {
    let mut s = stream_value(cx, v)?;
    for _ in 0..64 {
        let next = match &s.borrow().kind {
            Kind::Synonym { symbol: Value::Symbol(sym) } => sym.value(),
            _ => return Ok(s),
        };
        s = ops::stream_arg(cx, next)?;
    }
    Ok(s)
}

/// The direction flag of the stream `v` names; a Gray stream target of a
/// synonym stream answers through the generic function `name`.
fn direction<'gc>(cx: &mut Cx<'gc, '_>, v: Value<'gc>, name: &str, output: bool) -> R<'gc> {
    let s = synonym_target(cx, v)?;
    if let Some(g) = gray::instance(s) {
        let f = cx.g.intern_in(cx.mc, "CL", name);
        return cx.call1(f, &[g]);
    }
    let d = s.borrow();
    let b = if output { d.output } else { d.input };
    drop(d);
    Ok(cx.bool(b))
}

fn streamp<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    Ok(cx.bool(matches!(args[0], Value::Stream(_)) || gray::is_gray(cx, args[0])))
}

/// True for an instance of a class under STREAM (a Gray stream).
fn gray_stream_p<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    Ok(cx.bool(gray::is_gray(cx, args[0])))
}

/// `input-stream-p`; a synonym stream answers for its target.
fn input_stream_p<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    direction(cx, args[0], "INPUT-STREAM-P", false)
}

fn output_stream_p<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    direction(cx, args[0], "OUTPUT-STREAM-P", true)
}

fn open_stream_p<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let s = stream_value(cx, args[0])?;
    let b = s.borrow().open;
    Ok(cx.bool(b))
}

fn interactive_stream_p<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    // A standard stream is interactive when the terminal is at its end.
    let s = synonym_target(cx, args[0])?;
    use std::io::IsTerminal;
    let b = match s.borrow().kind {
        Kind::Stdin { .. } => std::io::stdin().is_terminal(),
        Kind::Stdout => std::io::stdout().is_terminal(),
        Kind::Stderr => std::io::stderr().is_terminal(),
        _ => false,
    };
    Ok(cx.bool(b))
}

fn stream_column<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let s = designator(cx, args[0], true)?;
    Ok(ops::column(cx, s)?.map_or(Value::Nil, |c| Value::Fixnum(c as i64)))
}

/// An output stream appending to a string with a fill pointer.
fn make_fill_pointer_output_stream<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let ok = matches!(args[0], Value::Array(a) if { let d = a.borrow(); d.fill.is_some() && matches!(d.storage, Storage::Char(_)) });
    if !ok {
        let expected = cx.g.intern_in(cx.mc, "CL", "STRING");
        return Err(cx.type_error(args[0], expected));
    }
    Ok(StreamData::new_value(cx.mc, Kind::StringFill { target: args[0] }, false, true))
}

/// The file `load` reads, opened once (a pipe can be read only once) for
/// characters; a directory is a file-error.
fn open_input_file<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let path = cx.check_string(args[0])?;
    let f = std::fs::File::open(crate::pathnames::os::to_os(&path))
        .map_err(|e| cx.file_error(args[0], &format!("cannot open {path}: {}", crate::streams::io_reason(&e))))?;
    if f.metadata().is_ok_and(|m| m.is_dir()) {
        return Err(cx.file_error(args[0], &format!("cannot load {path}: it is a directory")));
    }
    let fs = FileStream::new(Some(f), path, Elem::Char, false, Cleanup::None);
    Ok(StreamData::new_value(cx.mc, Kind::File(Box::new(fs)), true, false))
}

/// The index in its string of the next character a string input stream
/// will read (for `with-input-from-string :index`).
fn string_input_position<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let s = stream_value(cx, args[0])?;
    let d = s.borrow();
    match &d.kind {
        Kind::StringIn { pos, .. } => Ok(Value::Fixnum((*pos - d.unread.len().min(*pos)) as i64)),
        _ => Err(cx.type_error(args[0], cx.g.intern_in(cx.mc, "CL", "STRING-STREAM"))),
    }
}
