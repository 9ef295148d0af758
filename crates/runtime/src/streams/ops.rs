//! Character-level stream operations used by the reader, the printer and
//! the stream primitives. Composite streams (synonym, two-way, echo,
//! broadcast, concatenated) forward to their components; a wrapped Gray
//! stream calls its generic functions (gray.rs).

use gc_arena::Gc;

use super::{gray, Kind, Stream};
use crate::heap::Value;
use crate::vm::{Ctl, Cx};

type Res<'gc, T> = Result<T, Ctl<'gc>>;

fn check_open<'gc>(cx: &mut Cx<'gc, '_>, s: Gc<'gc, Stream<'gc>>) -> Res<'gc, ()> {
    if s.borrow().open {
        Ok(())
    } else {
        Err(cx.error_stream("the stream is closed", Value::Stream(s)))
    }
}

/// Resolves a stream designator argument: T means `*terminal-io*`-ish
/// standard output/input, NIL means `*standard-output*`/`*standard-input*`.
pub fn designator<'gc>(cx: &mut Cx<'gc, '_>, v: Value<'gc>, output: bool) -> Res<'gc, Gc<'gc, Stream<'gc>>> {
    let v = match v {
        Value::Nil => {
            if output {
                cx.g.s.standard_output.value()
            } else {
                cx.g.s.standard_input.value()
            }
        }
        v if v.eq(cx.g.t) => cx.g.s.terminal_io.value(),
        v => v,
    };
    match v {
        Value::Stream(s) => Ok(s),
        other => stream_or_gray(cx, other),
    }
}

/// A stream argument (not a designator): a stream, or a Gray stream
/// instance wrapped for the primitives.
pub fn stream_arg<'gc>(cx: &mut Cx<'gc, '_>, v: Value<'gc>) -> Res<'gc, Gc<'gc, Stream<'gc>>> {
    match v {
        Value::Stream(s) => Ok(s),
        other => stream_or_gray(cx, other),
    }
}

/// A Gray stream instance wrapped for the primitives, or a type error.
fn stream_or_gray<'gc>(cx: &mut Cx<'gc, '_>, v: Value<'gc>) -> Res<'gc, Gc<'gc, Stream<'gc>>> {
    if gray::is_gray(cx, v) {
        Ok(gray::wrap(cx, v))
    } else {
        Err(cx.type_error(v, cx.g.s.stream.into()))
    }
}

/// Follows synonym streams to the stream that does the work for `output`/input.
pub fn resolve<'gc>(cx: &mut Cx<'gc, '_>, s: Gc<'gc, Stream<'gc>>, output: bool) -> Res<'gc, Gc<'gc, Stream<'gc>>> {
    let mut s = s;
    for _ in 0..64 {
        let next = match &s.borrow().kind {
            Kind::Synonym { symbol } => match symbol {
                Value::Symbol(sym) => sym.value(),
                _ => Value::Nil,
            },
            Kind::TwoWay { input, output: out } => {
                if output {
                    *out
                } else {
                    *input
                }
            }
            _ => return Ok(s),
        };
        match next {
            Value::Stream(n) => s = n,
            other => return stream_or_gray(cx, other),
        }
    }
    Err(cx.simple_error("synonym stream chain too long"))
}

/// Whether reading a character from `s` (already resolved) could wait for
/// the terminal or a pipe: standard input, or a file stream over a pipe
/// (a child process's output), with nothing buffered and nothing to read
/// yet (`read-char-no-hang`, `listen`).
pub fn would_block<'gc>(s: Gc<'gc, Stream<'gc>>) -> bool {
    use std::os::fd::AsRawFd;
    let d = s.borrow();
    if !d.unread.is_empty() {
        return false;
    }
    match &d.kind {
        Kind::Stdin { buf, pos } if *pos >= buf.len() => !fd_ready(0),
        Kind::File(f) if f.rpos >= f.rbuf.len() => f.file.as_ref().is_some_and(|file| !fd_ready(file.as_raw_fd())),
        _ => false,
    }
}

/// True when a read of file descriptor `fd` would return at once (data or end of file).
fn fd_ready(fd: i32) -> bool {
    let mut fd = libc::pollfd { fd, events: libc::POLLIN, revents: 0 };
    // SAFETY: one valid pollfd, a zero timeout.
    let n = unsafe { libc::poll(&mut fd, 1, 0) };
    n > 0 && fd.revents & (libc::POLLIN | libc::POLLHUP | libc::POLLERR) != 0
}

/// Reads one character; `None` at end of file.
pub fn read_char<'gc>(cx: &mut Cx<'gc, '_>, s: Gc<'gc, Stream<'gc>>) -> Res<'gc, Option<char>> {
    let s = resolve(cx, s, false)?;
    if let Some(g) = gray::instance(s) {
        let c = gray::call(cx, "STREAM-READ-CHAR", &[g])?;
        return gray::read_result(cx, c, "STREAM-READ-CHAR");
    }
    check_open(cx, s)?;
    let (mc, g) = (cx.mc, cx.g);
    let pushed_back = s.borrow_mut(mc).unread.pop();
    if let Some(c) = pushed_back {
        advance(&mut s.borrow_mut(mc), c);
        return Ok(Some(c));
    }
    enum Next<'gc> {
        Done(Option<char>),
        Echo(Value<'gc>, Value<'gc>),
        Concat(Vec<Value<'gc>>),
    }
    let next = {
        let mut d = s.borrow_mut(mc);
        let d = &mut *d;
        let c = match &mut d.kind {
            Kind::StringIn { chars, pos, end } => {
                if *pos < *end {
                    *pos += 1;
                    Next::Done(Some(chars[*pos - 1]))
                } else {
                    Next::Done(None)
                }
            }
            Kind::Stdin { buf, pos } => {
                let mut interrupted = false;
                let c = next_utf8(buf, pos, false, |b| {
                    // Whatever was written (a prompt, say) shows before we wait
                    // for input. (A device that fails here fails again at the
                    // next write or at exit, where that is reported.)
                    let _ = crate::streams::flush_standard(mc, g);
                    fill_stdin(g, b, &mut interrupted)
                });
                if interrupted {
                    // Ctrl-C at the line editor: what was being read is abandoned.
                    d.unread.clear();
                    let kind = g.intern_in(mc, "CLOVE", "INTERACTIVE-INTERRUPT");
                    return Err(cx.error_of(kind, Vec::new()));
                }
                Next::Done(c)
            }
            Kind::File(f) if f.elem == super::Elem::Char && d.input => {
                if f.prepare_read().is_err() {
                    return Err(cx.error_stream("cannot write the stream's buffered output", Value::Stream(s)));
                }
                let super::FileStream { file, rbuf, rpos, latin1, .. } = &mut **f;
                Next::Done(next_utf8(rbuf, rpos, *latin1, |b| super::FileStream::fill(file, b)))
            }
            Kind::Echo { input, output } => Next::Echo(*input, *output),
            Kind::Concatenated { streams } => Next::Concat(streams.clone()),
            _ => return Err(cx.error_stream("not an input stream", Value::Stream(s))),
        };
        if let Next::Done(Some(ch)) = c {
            advance(d, ch);
        }
        c
    };
    match next {
        Next::Done(c) => Ok(c),
        Next::Echo(input, output) => {
            let i = designator(cx, input, false)?;
            let c = read_char(cx, i)?;
            if let Some(ch) = c {
                let o = designator(cx, output, true)?;
                write_char(cx, o, ch)?;
            }
            Ok(c)
        }
        Next::Concat(streams) => {
            for (i, sv) in streams.iter().enumerate() {
                let st = designator(cx, *sv, false)?;
                if let Some(c) = read_char(cx, st)? {
                    if let Kind::Concatenated { streams } = &mut s.borrow_mut(mc).kind {
                        streams.drain(..i);
                    }
                    return Ok(Some(c));
                }
            }
            if let Kind::Concatenated { streams } = &mut s.borrow_mut(mc).kind {
                streams.clear();
            }
            Ok(None)
        }
    }
}

/// Reads more of standard input into `b`: a line from the terminal's
/// line editor when one is installed, else what the file or pipe has.
/// Returns the number of bytes added, 0 at end of file (or on Ctrl-C at
/// the line editor, which sets `interrupted`).
fn fill_stdin<'gc>(g: &crate::heap::Globals<'gc>, b: &mut Vec<u8>, interrupted: &mut bool) -> usize {
    use crate::builtins::terminal::{read_line, Line};
    match read_line(g) {
        Some(Line::Text(t)) => {
            b.extend_from_slice(t.as_bytes());
            b.push(b'\n');
            t.len() + 1
        }
        Some(Line::Eof) => 0,
        Some(Line::Interrupted) => {
            *interrupted = true;
            0
        }
        None => {
            use std::io::Read;
            let mut chunk = [0u8; 4096];
            match std::io::stdin().read(&mut chunk) {
                Ok(n) => {
                    b.extend_from_slice(&chunk[..n]);
                    n
                }
                Err(_) => 0,
            }
        }
    }
}

fn advance(d: &mut super::StreamData, c: char) {
    if c == '\n' {
        d.line += 1;
        d.col = 0;
    } else {
        d.col += 1;
    }
}

/// Decodes the next character from a byte buffer, refilling it with `fill`
/// (which returns the number of bytes added, 0 at end of file). Invalid
/// UTF-8 decodes as U+FFFD rather than failing.
fn next_utf8(buf: &mut Vec<u8>, pos: &mut usize, latin1: bool, mut fill: impl FnMut(&mut Vec<u8>) -> usize) -> Option<char> {
    loop {
        if *pos >= buf.len() {
            buf.clear();
            *pos = 0;
            if fill(buf) == 0 {
                return None;
            }
        }
        let b0 = buf[*pos];
        if latin1 || b0 < 0x80 {
            *pos += 1;
            return Some(b0 as char);
        }
        let need = match b0 {
            0xC0..=0xDF => 2,
            0xE0..=0xEF => 3,
            0xF0..=0xF7 => 4,
            _ => {
                *pos += 1;
                return Some('\u{FFFD}');
            }
        };
        while buf.len() - *pos < need {
            // Move the partial sequence to the front and read more.
            buf.drain(..*pos);
            *pos = 0;
            if fill(buf) == 0 {
                *pos = buf.len();
                return Some('\u{FFFD}');
            }
        }
        let s = std::str::from_utf8(&buf[*pos..*pos + need]);
        match s {
            Ok(s) => {
                *pos += need;
                return s.chars().next();
            }
            Err(_) => {
                *pos += 1;
                return Some('\u{FFFD}');
            }
        }
    }
}

/// `unread-char`: pushes back the character last read.
pub fn unread_char<'gc>(cx: &mut Cx<'gc, '_>, s: Gc<'gc, Stream<'gc>>, c: char) -> Res<'gc, ()> {
    let s = resolve(cx, s, false)?;
    if let Some(g) = gray::instance(s) {
        return gray::call(cx, "STREAM-UNREAD-CHAR", &[g, Value::Char(c)]).map(drop);
    }
    let mut d = s.borrow_mut(cx.mc);
    d.unread.push(c);
    if c == '\n' {
        d.line = d.line.saturating_sub(1);
    } else {
        d.col = d.col.saturating_sub(1);
    }
    Ok(())
}

pub fn peek_char<'gc>(cx: &mut Cx<'gc, '_>, s: Gc<'gc, Stream<'gc>>) -> Res<'gc, Option<char>> {
    let s = resolve(cx, s, false)?;
    if let Some(g) = gray::instance(s) {
        let c = gray::call(cx, "STREAM-PEEK-CHAR", &[g])?;
        return gray::read_result(cx, c, "STREAM-PEEK-CHAR");
    }
    let c = read_char(cx, s)?;
    if let Some(ch) = c {
        unread_char(cx, s, ch)?;
    }
    Ok(c)
}

/// The (line, column) of the next character, for error messages: a
/// synonym or two-way stream counts on the stream it reads from.
pub fn position<'gc>(s: Gc<'gc, Stream<'gc>>) -> (u32, u32) {
    let mut s = s;
    for _ in 0..64 {
        let next = match &s.borrow().kind {
            Kind::Synonym { symbol: Value::Symbol(sym) } => sym.value(),
            Kind::TwoWay { input, .. } => *input,
            _ => break,
        };
        match next {
            Value::Stream(n) => s = n,
            _ => break,
        }
    }
    let d = s.borrow();
    (d.line, d.col)
}

/// The file name a stream reads from, if it is a file stream.
pub fn file_name<'gc>(s: Gc<'gc, Stream<'gc>>) -> Option<String> {
    match &s.borrow().kind {
        Kind::File(f) => Some(f.path.clone()),
        _ => None,
    }
}

pub fn write_char<'gc>(cx: &mut Cx<'gc, '_>, s: Gc<'gc, Stream<'gc>>, c: char) -> Res<'gc, ()> {
    let s = resolve(cx, s, true)?;
    if let Some(g) = gray::instance(s) {
        return gray::call(cx, "STREAM-WRITE-CHAR", &[g, Value::Char(c)]).map(drop);
    }
    let mut b = [0u8; 4];
    write_str(cx, s, c.encode_utf8(&mut b))
}

pub fn write_str<'gc>(cx: &mut Cx<'gc, '_>, s: Gc<'gc, Stream<'gc>>, text: &str) -> Res<'gc, ()> {
    let s = resolve(cx, s, true)?;
    if let Some(g) = gray::instance(s) {
        let text = crate::heap::array::make_string(cx.mc, text);
        return gray::call(cx, "STREAM-WRITE-STRING", &[g, text]).map(drop);
    }
    check_open(cx, s)?;
    let mc = cx.mc;
    let mut flush_now = false;
    if matches!(s.borrow().kind, Kind::Pretty(_)) {
        return crate::printer::pretty_stream::write_str(cx, s, text);
    }
    let mut failed = None;
    let fanout = {
        let mut d = s.borrow_mut(mc);
        if let Some(nl) = text.rfind('\n') {
            d.line += text.matches('\n').count() as u32;
            d.col = text[nl + 1..].chars().count() as u32;
        } else {
            d.col += text.chars().count() as u32;
        }
        let d = &mut *d;
        match &mut d.kind {
            Kind::StringOut { buf } => {
                buf.push_str(text);
                None
            }
            Kind::File(f) if f.elem == super::Elem::Char && d.output => {
                let bytes = f.encode(text);
                failed = f.write_bytes(&bytes).err();
                None
            }
            Kind::Stdout | Kind::Stderr => {
                d.out_buf.push_str(text);
                flush_now = d.out_buf.len() > 1 << 16 || matches!(d.kind, Kind::Stderr);
                None
            }
            Kind::StringFill { target } => Some(vec![*target]),
            Kind::Broadcast { streams } => Some(streams.clone()),
            Kind::Echo { output, .. } => Some(vec![*output]),
            _ => return Err(cx.error_stream("not an output stream", Value::Stream(s))),
        }
    };
    if let Some(e) = failed {
        return Err(write_failed(cx, s, &e));
    }
    if flush_now {
        flush(mc, s).map_err(|e| write_failed(cx, s, &e))?;
    }
    if let Some(targets) = fanout {
        let fill_target = matches!(s.borrow().kind, Kind::StringFill { .. });
        if fill_target {
            if let Value::Array(a) = targets[0] {
                let mut d = a.borrow_mut(mc);
                let fill = d.fill.unwrap_or(0);
                if let crate::heap::array::Storage::Char(v) = &mut d.storage {
                    v.truncate(fill);
                    v.extend(text.chars());
                    let n = v.len();
                    d.fill = Some(n);
                }
            }
        } else {
            for t in targets {
                let st = designator(cx, t, true)?;
                write_str(cx, st, text)?;
            }
        }
    }
    Ok(())
}

/// Writes buffered output of an OS-backed stream.
pub fn flush<'gc>(mc: &gc_arena::Mutation<'gc>, s: Gc<'gc, Stream<'gc>>) -> std::io::Result<()> {
    use std::io::Write;
    let mut d = s.borrow_mut(mc);
    if let Kind::File(f) = &mut d.kind {
        return f.flush();
    }
    if d.out_buf.is_empty() {
        return Ok(());
    }
    let text = std::mem::take(&mut d.out_buf);
    match &mut d.kind {
        Kind::Stdout => {
            let mut o = std::io::stdout().lock();
            o.write_all(text.as_bytes()).and_then(|_| o.flush())
        }
        Kind::Stderr => std::io::stderr().write_all(text.as_bytes()),
        _ => Ok(()),
    }
}

/// Whether a broken pipe on the standard output or error ends the process
/// quietly (scripts and --non-interactive, as with `sbcl --script`)
/// instead of signalling a `stream-error`.
static QUIET_BROKEN_PIPE: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

pub fn set_quiet_broken_pipe(quiet: bool) {
    QUIET_BROKEN_PIPE.store(quiet, std::sync::atomic::Ordering::Relaxed);
}

/// True when `e` is a broken pipe that ends the process quietly.
pub fn quiet_broken_pipe(e: &std::io::Error) -> bool {
    e.kind() == std::io::ErrorKind::BrokenPipe && QUIET_BROKEN_PIPE.load(std::sync::atomic::Ordering::Relaxed)
}

/// What a failed write or flush of `s` does: a `stream-error` naming the
/// stream and the OS's reason, or, for a reader of the standard output
/// that went away in script mode, a quiet exit with status 0.
pub fn write_failed<'gc>(cx: &Cx<'gc, '_>, s: Gc<'gc, Stream<'gc>>, e: &std::io::Error) -> Ctl<'gc> {
    if matches!(s.borrow().kind, Kind::Stdout | Kind::Stderr) && quiet_broken_pipe(e) {
        return Ctl::Exit(0);
    }
    cx.error_stream(&format!("cannot write to {}: {}", describe(s), super::io_reason(e)), Value::Stream(s))
}

/// How error messages name a stream.
pub fn describe<'gc>(s: Gc<'gc, Stream<'gc>>) -> String {
    match &s.borrow().kind {
        Kind::Stdout => "the standard output".into(),
        Kind::Stderr => "the standard error output".into(),
        Kind::Stdin { .. } => "the standard input".into(),
        Kind::File(f) => f.path.clone(),
        _ => "the stream".into(),
    }
}

/// The output column, for `fresh-line` and `~&`; `None` when a Gray
/// stream does not know it.
pub fn column<'gc>(cx: &mut Cx<'gc, '_>, s: Gc<'gc, Stream<'gc>>) -> Res<'gc, Option<u32>> {
    let s = resolve(cx, s, true)?;
    if matches!(s.borrow().kind, Kind::Pretty(_)) {
        return crate::printer::pretty_stream::column(cx, s).map(Some);
    }
    if let Some(g) = gray::instance(s) {
        return match gray::call(cx, "STREAM-LINE-COLUMN", &[g])? {
            Value::Fixnum(n) if (0..=u32::MAX as i64).contains(&n) => Ok(Some(n as u32)),
            _ => Ok(None),
        };
    }
    let d = s.borrow();
    Ok(Some(d.col))
}

/// `terpri`: a Gray stream's `stream-terpri`, else a newline.
pub fn terpri<'gc>(cx: &mut Cx<'gc, '_>, s: Gc<'gc, Stream<'gc>>) -> Res<'gc, ()> {
    let s = resolve(cx, s, true)?;
    match gray::instance(s) {
        Some(g) => gray::call(cx, "STREAM-TERPRI", &[g]).map(drop),
        None => write_char(cx, s, '\n'),
    }
}

/// `fresh-line`: a newline unless at the start of a line; true when one
/// was written. A Gray stream decides with `stream-fresh-line`.
pub fn fresh_line<'gc>(cx: &mut Cx<'gc, '_>, s: Gc<'gc, Stream<'gc>>) -> Res<'gc, bool> {
    let s = resolve(cx, s, true)?;
    if let Some(g) = gray::instance(s) {
        return Ok(gray::call(cx, "STREAM-FRESH-LINE", &[g])?.truthy());
    }
    if column(cx, s)? == Some(0) {
        return Ok(false);
    }
    write_char(cx, s, '\n')?;
    Ok(true)
}
