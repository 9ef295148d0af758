//! Primitives: opening files (`%open`, called by `open` in
//! lisp-lib/boot/09-open.lisp), byte input and output, file positions and
//! lengths, element types and external formats, `listen` and
//! `clear-input`.

use std::fs::{File, OpenOptions};
use std::io::SeekFrom;
use std::path::PathBuf;

use gc_arena::Gc;
use num_bigint::BigInt;

use crate::heap::{list, Value};
use crate::pathnames::os;
use crate::streams::ops::{self, designator, resolve};
use crate::streams::{gray, Cleanup, Elem, FileStream, Kind, Stream, StreamData};
use crate::vm::{Ctl, Cx, R};

crate::natives! {
    SYS "%OPEN" 8 8 => open;
    CL "READ-BYTE" 1 3 => read_byte;
    CL "WRITE-BYTE" 2 2 => write_byte;
    CL "FILE-POSITION" 1 2 => file_position;
    CL "FILE-LENGTH" 1 1 => file_length;
    CL "FILE-STRING-LENGTH" 2 2 => file_string_length;
    CL "STREAM-ELEMENT-TYPE" 1 1 => stream_element_type;
    CL "STREAM-EXTERNAL-FORMAT" 1 1 => stream_external_format;
    CL "LISTEN" 0 1 => listen;
    CL "CLEAR-INPUT" 0 1 => clear_input;
}

type S<'gc> = Gc<'gc, Stream<'gc>>;

/// A stream argument; a Gray stream instance comes wrapped (streams/gray.rs).
fn stream_value<'gc>(cx: &mut Cx<'gc, '_>, v: Value<'gc>) -> Result<S<'gc>, Ctl<'gc>> {
    ops::stream_arg(cx, v)
}

/// A stream argument that must be a built-in stream, not a Gray stream.
fn built_in_stream<'gc>(cx: &Cx<'gc, '_>, v: Value<'gc>) -> Result<S<'gc>, Ctl<'gc>> {
    match v {
        Value::Stream(s) => Ok(s),
        other => Err(cx.type_error(other, cx.g.s.stream.into())),
    }
}

fn io_error<'gc>(cx: &Cx<'gc, '_>, pathname: Value<'gc>, what: &str, e: std::io::Error) -> Ctl<'gc> {
    cx.file_error(pathname, &format!("{what}: {}", crate::streams::io_reason(&e)))
}

/// `(%open namestring direction bits signed latin1 if-exists if-does-not-exist pathname)`.
/// Direction: 0 input, 1 output, 2 io, 3 probe. Bits 0 means characters.
/// If-exists: 0 :error, 1 :supersede, 2 :rename, 3 :rename-and-delete,
/// 4 :overwrite, 5 :append, 6 nil, 7 :new-version (an error, as in SBCL:
/// files have no versions, so no new version can be made).
/// If-does-not-exist: 0 :error, 1 :create, 2 nil. PATHNAME names the file in errors.
fn open<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let name = cx.check_string(args[0])?;
    let direction = cx.check_fixnum(args[1])?;
    let bits = cx.check_fixnum(args[2])?;
    let Some(elem) = Elem::from_bits(bits, args[3].truthy()) else {
        return Err(cx.file_error(args[7], &format!("unsupported element size of {bits} bits")));
    };
    let latin1 = args[4].truthy();
    let (if_exists, if_not) = (cx.check_fixnum(args[5])?, cx.check_fixnum(args[6])?);
    let pathname = args[7];
    let path = PathBuf::from(os::to_os(&name));
    let exists = std::fs::metadata(&path).is_ok();
    let (input, output) = (direction == 0 || direction == 2, direction == 1 || direction == 2);
    let mut cleanup = Cleanup::None;
    let mut opts = OpenOptions::new();
    opts.read(input).write(output);
    if !exists {
        match if_not {
            0 => return Err(cx.file_error(pathname, &format!("the file {name} does not exist"))),
            2 => return Ok(Value::Nil),
            _ => {
                opts.write(true).create(true);
                if output {
                    cleanup = Cleanup::DeleteOnAbort;
                }
            }
        }
    } else if output {
        match if_exists {
            0 => return Err(cx.file_error(pathname, &format!("the file {name} already exists"))),
            6 => return Ok(Value::Nil),
            7 => return Err(cx.file_error(pathname, &format!("cannot make a new version of {name}: files have no versions"))),
            1 => {
                opts.truncate(true);
                cleanup = Cleanup::DeleteOnAbort;
            }
            2 | 3 => {
                let mut backup = path.clone().into_os_string();
                backup.push(".bak");
                let backup = PathBuf::from(backup);
                std::fs::rename(&path, &backup).map_err(|e| io_error(cx, pathname, &format!("cannot rename {name} to {name}.bak"), e))?;
                opts.create(true).truncate(true);
                cleanup = Cleanup::Backup { backup, delete_backup: if_exists == 3 };
            }
            5 => {
                opts.append(true);
            }
            _ => {}
        }
    }
    if direction == 3 {
        if !exists {
            File::create(&path).map_err(|e| io_error(cx, pathname, &format!("cannot create {name}"), e))?;
        }
        let fs = FileStream::new(None, name, elem, latin1, Cleanup::None);
        let v = StreamData::new_value(cx.mc, Kind::File(Box::new(fs)), false, false);
        if let Value::Stream(s) = v {
            s.borrow_mut(cx.mc).open = false;
        }
        return Ok(v);
    }
    let file = opts.open(&path).map_err(|e| io_error(cx, pathname, &format!("cannot open {name}"), e))?;
    if file.metadata().is_ok_and(|m| m.is_dir()) {
        return Err(cx.file_error(pathname, &format!("{name} is a directory")));
    }
    let fs = FileStream::new(Some(file), name, elem, latin1, cleanup);
    Ok(StreamData::new_value(cx.mc, Kind::File(Box::new(fs)), input, output))
}

/// The open file stream behind `v` (through synonyms and two-way streams).
fn file_stream<'gc>(cx: &mut Cx<'gc, '_>, v: Value<'gc>, output: bool) -> Result<S<'gc>, Ctl<'gc>> {
    let s = stream_value(cx, v)?;
    let s = resolve(cx, s, output)?;
    if !s.borrow().open {
        return Err(cx.error_stream("the stream is closed", Value::Stream(s)));
    }
    Ok(s)
}

fn not_binary<'gc>(cx: &Cx<'gc, '_>, s: S<'gc>, output: bool) -> Ctl<'gc> {
    let what = if output { "not a binary output stream" } else { "not a binary input stream" };
    cx.error_stream(what, Value::Stream(s))
}

fn read_byte<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let s = stream_value(cx, args[0])?;
    match next_byte(cx, s)? {
        Some(n) => Ok(Value::from_bigint(cx.mc, n)),
        None => super::streams::at_eof(cx, args, 1, gray::lisp_value(s)),
    }
}

/// The next integer from a binary stream (echo and concatenated streams
/// read from their components); `None` at end of file.
fn next_byte<'gc>(cx: &mut Cx<'gc, '_>, s: S<'gc>) -> Result<Option<BigInt>, Ctl<'gc>> {
    let s = file_stream(cx, Value::Stream(s), false)?;
    if let Some(g) = gray::instance(s) {
        return match gray::call(cx, "STREAM-READ-BYTE", &[g])? {
            v @ (Value::Fixnum(_) | Value::Bignum(_)) => Ok(v.to_bigint()),
            v if v.eq(cx.g.intern_in(cx.mc, "KEYWORD", "EOF")) => Ok(None),
            other => Err(cx.error_fmt("STREAM-READ-BYTE returned ~S, neither an integer nor :EOF", &[other])),
        };
    }
    let mut d = s.borrow_mut(cx.mc);
    let input = d.input;
    match &mut d.kind {
        Kind::File(f) if input => {
            let Elem::Int { signed, .. } = f.elem else {
                drop(d);
                return Err(not_binary(cx, s, false));
            };
            match f.read_octets(f.elem.width() as usize) {
                Ok(b) => Ok(b.map(|b| {
                    if signed {
                        BigInt::from_signed_bytes_le(&b)
                    } else {
                        BigInt::from_bytes_le(num_bigint::Sign::Plus, &b)
                    }
                })),
                Err(e) => {
                    drop(d);
                    Err(cx.error_stream(&format!("cannot read: {e}"), Value::Stream(s)))
                }
            }
        }
        Kind::Echo { input, output } => {
            let (i, o) = (*input, *output);
            drop(d);
            let i = stream_value(cx, i)?;
            let got = next_byte(cx, i)?;
            if let Some(n) = &got {
                let v = Value::from_bigint(cx.mc, n.clone());
                write_byte(cx, &[v, o])?;
            }
            Ok(got)
        }
        Kind::Concatenated { streams } => {
            let streams = streams.clone();
            drop(d);
            for (i, sv) in streams.iter().enumerate() {
                let st = stream_value(cx, *sv)?;
                if let Some(n) = next_byte(cx, st)? {
                    if let Kind::Concatenated { streams } = &mut s.borrow_mut(cx.mc).kind {
                        streams.drain(..i);
                    }
                    return Ok(Some(n));
                }
            }
            if let Kind::Concatenated { streams } = &mut s.borrow_mut(cx.mc).kind {
                streams.clear();
            }
            Ok(None)
        }
        _ => {
            drop(d);
            Err(not_binary(cx, s, false))
        }
    }
}

fn byte_type<'gc>(cx: &Cx<'gc, '_>, bits: u32, signed: bool) -> Value<'gc> {
    let head = cx.g.intern_in(cx.mc, "CL", if signed { "SIGNED-BYTE" } else { "UNSIGNED-BYTE" });
    list(cx.mc, &[head, Value::Fixnum(bits as i64)])
}

fn write_byte<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let s = file_stream(cx, args[1], true)?;
    if let Some(g) = gray::instance(s) {
        gray::call(cx, "STREAM-WRITE-BYTE", &[g, args[0]])?;
        return Ok(args[0]);
    }
    let (elem, forward) = {
        let d = s.borrow();
        match &d.kind {
            Kind::File(f) if d.output => (f.elem, None),
            Kind::Echo { output, .. } => (Elem::Char, Some(vec![*output])),
            Kind::Broadcast { streams } => (Elem::Char, Some(streams.clone())),
            _ => (Elem::Char, Some(Vec::new())),
        }
    };
    if let Some(targets) = forward {
        if targets.is_empty() && !matches!(s.borrow().kind, Kind::Broadcast { .. }) {
            return Err(not_binary(cx, s, true));
        }
        for t in targets {
            write_byte(cx, &[args[0], t])?;
        }
        return Ok(args[0]);
    }
    let Elem::Int { bits, signed } = elem else { return Err(not_binary(cx, s, true)) };
    let n = args[0].to_bigint();
    let fits = n.as_ref().is_some_and(|n| {
        if signed {
            n.bits() < bits as u64 || (n.sign() == num_bigint::Sign::Minus && (-n - 1u32).bits() < bits as u64)
        } else {
            n.sign() != num_bigint::Sign::Minus && n.bits() <= bits as u64
        }
    });
    let Some(n) = n.filter(|_| fits) else { return Err(cx.type_error(args[0], byte_type(cx, bits, signed))) };
    let width = elem.width() as usize;
    let mut bytes = n.to_signed_bytes_le();
    let fill = if n.sign() == num_bigint::Sign::Minus { 0xFF } else { 0 };
    bytes.resize(width.max(bytes.len()), fill);
    bytes.truncate(width);
    let res = match &mut s.borrow_mut(cx.mc).kind {
        Kind::File(f) => f.write_bytes(&bytes),
        _ => Ok(()),
    };
    res.map_err(|e| ops::write_failed(cx, s, &e))?;
    Ok(args[0])
}

/// Octets the characters pushed back by `unread-char` took in the file.
fn unread_octets(unread: &[char], f: &FileStream) -> u64 {
    unread.iter().map(|c| f.encode(&c.to_string()).len() as u64).sum()
}

fn file_position<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let s = stream_value(cx, args[0])?;
    let s = resolve(cx, s, false)?;
    if let Some(g) = gray::instance(s) {
        return gray::call(cx, "STREAM-FILE-POSITION", &[g, args.get(1).copied().unwrap_or(Value::Nil)]);
    }
    let new = args.get(1).copied();
    let target = match new {
        None => None,
        Some(v) => Some(match (v, super::args::keyword_name(cx, v)) {
            (_, Some("START")) => SeekFrom::Start(0),
            (_, Some("END")) => SeekFrom::End(0),
            (Value::Fixnum(n), _) if n >= 0 => SeekFrom::Start(n as u64),
            _ => {
                let sym = |n: &str| cx.g.intern_in(cx.mc, "CL", n);
                let kw = |n: &str| cx.g.intern_in(cx.mc, "KEYWORD", n);
                let index = list(cx.mc, &[sym("INTEGER"), Value::Fixnum(0)]);
                let ends = list(cx.mc, &[sym("MEMBER"), kw("START"), kw("END")]);
                let expected = list(cx.mc, &[sym("OR"), index, ends]);
                return Err(cx.type_error(v, expected));
            }
        }),
    };
    if let Some(last) = broadcast_last(s) {
        return match last {
            Some(v) => file_position(cx, &[&[v], &args[1..]].concat()),
            None => Ok(Value::Fixnum(0)),
        };
    }
    let mc = cx.mc;
    let mut d = s.borrow_mut(mc);
    let d = &mut *d;
    match &mut d.kind {
        Kind::File(f) => {
            let width = f.elem.width();
            let back = unread_octets(&d.unread, f);
            let res = match target {
                None => f.position().map(|p| Value::Fixnum(((p - back.min(p)) / width) as i64)),
                Some(to) => {
                    d.unread.clear();
                    let to = match to {
                        SeekFrom::Start(n) => SeekFrom::Start(n.saturating_mul(width)),
                        other => other,
                    };
                    f.seek(to).map(|_| cx.g.t)
                }
            };
            Ok(res.unwrap_or(Value::Nil))
        }
        Kind::StringIn { pos, end, .. } => match target {
            None => Ok(Value::Fixnum((*pos - d.unread.len().min(*pos)) as i64)),
            Some(to) => {
                let n = match to {
                    SeekFrom::Start(n) => n as usize,
                    _ => *end,
                };
                if n > *end {
                    return Ok(Value::Nil);
                }
                d.unread.clear();
                *pos = n;
                Ok(cx.g.t)
            }
        },
        Kind::StringOut { buf } if target.is_none() => Ok(Value::Fixnum(buf.chars().count() as i64)),
        _ => Ok(Value::Nil),
    }
}

/// For a broadcast stream, its last component (which answers position
/// and length questions), or `Some(None)` when it has none.
fn broadcast_last<'gc>(s: S<'gc>) -> Option<Option<Value<'gc>>> {
    match &s.borrow().kind {
        Kind::Broadcast { streams } => Some(streams.last().copied()),
        _ => None,
    }
}

fn file_type<'gc>(cx: &Cx<'gc, '_>) -> Value<'gc> {
    cx.g.intern_in(cx.mc, "CL", "FILE-STREAM")
}

/// `file-length`; a broadcast stream answers for its last component (0 when
/// it has none).
fn file_length<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let s = resolve(cx, built_in_stream(cx, args[0])?, false)?;
    match broadcast_last(s) {
        Some(Some(v)) => return file_length(cx, &[v]),
        Some(None) => return Ok(Value::Fixnum(0)),
        None => {}
    }
    let len = match &mut s.borrow_mut(cx.mc).kind {
        Kind::File(f) => f.length().ok().map(|n| n / f.elem.width()),
        _ => return Err(cx.type_error(args[0], file_type(cx))),
    };
    Ok(len.map_or(Value::Nil, |n| Value::Fixnum(n as i64)))
}

/// `file-string-length`; an empty broadcast stream answers 1 (CLHS 21.2).
fn file_string_length<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let s = resolve(cx, built_in_stream(cx, args[0])?, true)?;
    match broadcast_last(s) {
        Some(Some(v)) => return file_string_length(cx, &[v, args[1]]),
        Some(None) => return Ok(Value::Fixnum(1)),
        None => {}
    }
    let text = match args[1] {
        Value::Char(c) => c.to_string(),
        v => cx.check_string(v)?,
    };
    let n = match &s.borrow().kind {
        Kind::File(f) if f.elem == Elem::Char => f.encode(&text).len(),
        Kind::File(_) => return Err(cx.error_stream("not a character stream", Value::Stream(s))),
        _ => return Err(cx.type_error(args[0], file_type(cx))),
    };
    Ok(Value::Fixnum(n as i64))
}

fn stream_element_type<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let s = built_in_stream(cx, args[0])?;
    let s = resolve(cx, s, true).unwrap_or(s);
    let component = match &s.borrow().kind {
        Kind::Broadcast { streams } if streams.is_empty() => return Ok(cx.g.t),
        Kind::Broadcast { streams } => streams.last().copied(),
        Kind::Concatenated { streams } => streams.first().copied(),
        Kind::Echo { input, .. } => Some(*input),
        _ => None,
    };
    if let Some(c) = component {
        return stream_element_type(cx, &[c]);
    }
    let elem = match &s.borrow().kind {
        Kind::File(f) => f.elem,
        _ => Elem::Char,
    };
    Ok(match elem {
        Elem::Char => cx.g.s.character.into(),
        Elem::Int { bits, signed } => byte_type(cx, bits, signed),
    })
}

fn stream_external_format<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let s = built_in_stream(cx, args[0])?;
    let name = match &s.borrow().kind {
        Kind::File(f) if f.latin1 => "LATIN-1",
        Kind::File(_) => "UTF-8",
        _ => "DEFAULT",
    };
    Ok(cx.g.intern_in(cx.mc, "KEYWORD", name))
}

/// Whether a character is available now: for standard input and pipes,
/// only what is buffered or ready to read; for other streams, whether one
/// is left.
fn listen<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let s = designator(cx, args.first().copied().unwrap_or(Value::Nil), false)?;
    let s = resolve(cx, s, false)?;
    if let Some(g) = gray::instance(s) {
        let ready = gray::call(cx, "STREAM-LISTEN", &[g])?.truthy();
        return Ok(cx.bool(ready));
    }
    let echo_input = {
        let d = s.borrow();
        if !d.unread.is_empty() {
            return Ok(cx.g.t);
        }
        match &d.kind {
            Kind::Stdin { buf, pos } if *pos < buf.len() => return Ok(cx.g.t),
            Kind::Stdin { .. } | Kind::File(_) if ops::would_block(s) => return Ok(Value::Nil),
            Kind::Echo { input, .. } => Some(*input),
            _ => None,
        }
    };
    if let Some(input) = echo_input {
        return listen(cx, &[input]);
    }
    match ops::read_char(cx, s)? {
        Some(c) => {
            ops::unread_char(cx, s, c)?;
            Ok(cx.g.t)
        }
        None => Ok(Value::Nil),
    }
}

fn clear_input<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let s = designator(cx, args.first().copied().unwrap_or(Value::Nil), false)?;
    let s = resolve(cx, s, false)?;
    if let Some(g) = gray::instance(s) {
        gray::call(cx, "STREAM-CLEAR-INPUT", &[g])?;
        return Ok(Value::Nil);
    }
    let mut d = s.borrow_mut(cx.mc);
    if let Kind::Stdin { buf, pos } = &mut d.kind {
        buf.clear();
        *pos = 0;
        d.unread.clear();
    }
    Ok(Value::Nil)
}
