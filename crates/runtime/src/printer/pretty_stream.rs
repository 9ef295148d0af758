//! Pretty printing streams: the stream kind that wraps a target stream
//! with the layout engine of `pretty.rs`, and the primitives the Lisp side
//! of the pretty printer (`lisp-lib/boot/12-pprint.lisp`) is built on:
//! making such a stream, opening and closing logical blocks, conditional
//! newlines, indentation and tabs, printing an object without the pprint
//! dispatch (`%write-plain`), and what `#S(...)` shows of a structure.

use gc_arena::{Collect, Gc};

use super::pretty::{NewlineKind, PrettyState, Tab};
use super::settings::Settings;
use crate::heap::{list, Value};
use crate::streams::{ops, Kind, Stream, StreamData};
use crate::vm::{Ctl, Cx, R};

crate::natives! {
    SYS "%MAKE-PRETTY-STREAM" 1 1 => make_pretty_stream;
    SYS "%PRETTY-STREAM-P" 1 1 => pretty_stream_p;
    SYS "%PP-START-BLOCK" 4 4 => start_block;
    SYS "%PP-END-BLOCK" 1 1 => end_block;
    SYS "%PP-NEWLINE" 2 2 => newline;
    SYS "%PP-INDENT" 3 3 => indent;
    SYS "%PP-TAB" 4 4 => tab;
    SYS "%PP-FINISH" 1 1 => finish;
    SYS "%PP-ABBREVIATED-P" 1 1 => abbreviated_p;
    SYS "%WRITE-PLAIN" 3 3 => write_plain;
    SYS "%STRUCTURE-PRINT-PARTS" 1 1 => structure_print_parts;
}

/// A pretty printing stream's state: where its output goes, and the layout.
#[derive(Collect)]
#[collect(no_drop)]
pub struct Pretty<'gc> {
    pub target: Value<'gc>,
    #[collect(require_static)]
    pub st: PrettyState,
}

/// Sends the text the layout has decided to the target stream.
fn drain<'gc>(cx: &mut Cx<'gc, '_>, s: Gc<'gc, Stream<'gc>>) -> Result<(), Ctl<'gc>> {
    let (target, text) = match &mut s.borrow_mut(cx.mc).kind {
        Kind::Pretty(p) => (p.target, std::mem::take(&mut p.st.out)),
        _ => return Ok(()),
    };
    if text.is_empty() {
        return Ok(());
    }
    let t = ops::designator(cx, target, true)?;
    ops::write_str(cx, t, &text)
}

/// `write-string` on a pretty stream: the text joins the layout (or, once
/// the outermost block is over, goes straight to the target).
pub fn write_str<'gc>(cx: &mut Cx<'gc, '_>, s: Gc<'gc, Stream<'gc>>, text: &str) -> Result<(), Ctl<'gc>> {
    let passthrough = match &mut s.borrow_mut(cx.mc).kind {
        Kind::Pretty(p) if p.st.finished => Some(p.target),
        Kind::Pretty(p) => {
            p.st.write_text(text);
            None
        }
        _ => None,
    };
    match passthrough {
        Some(target) => {
            let t = ops::designator(cx, target, true)?;
            ops::write_str(cx, t, text)
        }
        None => drain(cx, s),
    }
}

/// The output column of a pretty stream.
pub fn column<'gc>(cx: &mut Cx<'gc, '_>, s: Gc<'gc, Stream<'gc>>) -> Result<u32, Ctl<'gc>> {
    let target = match &s.borrow().kind {
        Kind::Pretty(p) if !p.st.finished => return Ok(p.st.column() as u32),
        Kind::Pretty(p) => p.target,
        _ => return Ok(0),
    };
    let t = ops::designator(cx, target, true)?;
    Ok(ops::column(cx, t)?.unwrap_or(0))
}

fn pretty_arg<'gc>(cx: &mut Cx<'gc, '_>, v: Value<'gc>) -> Result<Gc<'gc, Stream<'gc>>, Ctl<'gc>> {
    match v {
        Value::Stream(s) if matches!(s.borrow().kind, Kind::Pretty(_)) => Ok(s),
        _ => Err(cx.type_error(v, cx.g.s.stream.into())),
    }
}

/// Runs `f` on the layout of the pretty stream `v`, then outputs what it decided.
fn with_state<'gc>(cx: &mut Cx<'gc, '_>, v: Value<'gc>, f: impl FnOnce(&mut PrettyState)) -> R<'gc> {
    let s = pretty_arg(cx, v)?;
    let abbreviated = match &mut s.borrow_mut(cx.mc).kind {
        Kind::Pretty(p) => {
            if !p.st.finished {
                f(&mut p.st);
            }
            p.st.abbreviated
        }
        _ => false,
    };
    drain(cx, s)?;
    Ok(cx.bool(abbreviated))
}

/// A non-negative fixnum argument (a column, an increment).
fn index_arg<'gc>(cx: &mut Cx<'gc, '_>, v: Value<'gc>) -> Result<usize, Ctl<'gc>> {
    match v {
        Value::Fixnum(n) if n >= 0 => Ok(n as usize),
        _ => {
            let ty = list(cx.mc, &[cx.g.s.unsigned_byte.into()]);
            Err(cx.type_error(v, ty))
        }
    }
}

/// A print variable holding NIL or a non-negative integer.
fn limit<'gc>(cx: &mut Cx<'gc, '_>, v: Value<'gc>) -> Result<Option<usize>, Ctl<'gc>> {
    match v {
        Value::Nil => Ok(None),
        Value::Fixnum(n) if n >= 0 => Ok(Some(n as usize)),
        Value::Bignum(_) => Ok(Some(usize::MAX / 2)),
        _ => {
            let or = cx.g.intern_in(cx.mc, "CL", "OR");
            let ty = list(cx.mc, &[or, cx.g.s.null.into(), cx.g.s.unsigned_byte.into()]);
            Err(cx.type_error(v, ty))
        }
    }
}

/// Default line length when `*print-right-margin*` is NIL, as in SBCL.
const DEFAULT_LINE_LENGTH: usize = 80;

/// `(%make-pretty-stream target)`: a pretty stream writing to `target`,
/// laid out with the current `*print-right-margin*`, `*print-miser-width*`
/// and `*print-lines*`.
fn make_pretty_stream<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let target = ops::designator(cx, args[0], true)?;
    let s = &cx.g.s;
    let (margin, miser, lines, readably) = (s.print_right_margin.value(), s.print_miser_width.value(), s.print_lines.value(), s.print_readably.value().truthy());
    let line_length = limit(cx, margin)?.unwrap_or(DEFAULT_LINE_LENGTH);
    let miser = limit(cx, miser)?;
    let lines = if readably { None } else { limit(cx, lines)? };
    let column = ops::column(cx, target)?.unwrap_or(0) as usize;
    let p = Pretty { target: Value::Stream(target), st: PrettyState::new(line_length, miser, lines, column) };
    Ok(StreamData::new_value(cx.mc, Kind::Pretty(Box::new(p)), false, true))
}

fn pretty_stream_p<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let yes = matches!(args[0], Value::Stream(s) if matches!(s.borrow().kind, Kind::Pretty(_)));
    Ok(cx.bool(yes))
}

fn string_or_nil<'gc>(cx: &mut Cx<'gc, '_>, v: Value<'gc>) -> Result<Option<String>, Ctl<'gc>> {
    if v.is_nil() {
        return Ok(None);
    }
    match v.as_string() {
        Some(s) => Ok(Some(s.to_string())),
        None => {
            let ty = cx.g.intern_in(cx.mc, "CL", "STRING");
            Err(cx.type_error(v, ty))
        }
    }
}

/// `(%pp-start-block stream prefix per-line-p suffix)`
fn start_block<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let prefix = string_or_nil(cx, args[1])?;
    let suffix = string_or_nil(cx, args[3])?;
    let per_line = args[2].truthy();
    with_state(cx, args[0], |st| st.start_block(prefix.as_deref(), per_line, suffix.as_deref()))
}

fn end_block<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    with_state(cx, args[0], |st| st.end_block())
}

fn keyword_is<'gc>(cx: &Cx<'gc, '_>, v: Value<'gc>, name: &str) -> bool {
    cx.g.intern_in(cx.mc, "KEYWORD", name).eq(v)
}

fn member_type<'gc>(cx: &Cx<'gc, '_>, names: &[&str]) -> Value<'gc> {
    let mut items = vec![cx.g.intern_in(cx.mc, "CL", "MEMBER")];
    items.extend(names.iter().map(|n| cx.g.intern_in(cx.mc, "KEYWORD", n)));
    list(cx.mc, &items)
}

/// `(%pp-newline stream kind)`: true when `*print-lines*` cut the output.
fn newline<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    const NAMES: [&str; 4] = ["LINEAR", "FILL", "MISER", "MANDATORY"];
    const KINDS: [NewlineKind; 4] = [NewlineKind::Linear, NewlineKind::Fill, NewlineKind::Miser, NewlineKind::Mandatory];
    let Some(i) = NAMES.iter().position(|n| keyword_is(cx, args[1], n)) else {
        let ty = member_type(cx, &NAMES);
        return Err(cx.type_error(args[1], ty));
    };
    with_state(cx, args[0], |st| st.newline(KINDS[i]))
}

/// `(%pp-indent stream relative-to n)`
fn indent<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let block = if keyword_is(cx, args[1], "BLOCK") {
        true
    } else if keyword_is(cx, args[1], "CURRENT") {
        false
    } else {
        let ty = member_type(cx, &["BLOCK", "CURRENT"]);
        return Err(cx.type_error(args[1], ty));
    };
    let Value::Fixnum(n) = args[2] else {
        return Err(cx.type_error(args[2], cx.g.s.integer.into()));
    };
    with_state(cx, args[0], |st| st.indent(block, n))
}

/// `(%pp-tab stream kind colnum colinc)`
fn tab<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    const NAMES: [&str; 4] = ["LINE", "SECTION", "LINE-RELATIVE", "SECTION-RELATIVE"];
    let Some(i) = NAMES.iter().position(|n| keyword_is(cx, args[1], n)) else {
        let ty = member_type(cx, &NAMES);
        return Err(cx.type_error(args[1], ty));
    };
    let colnum = index_arg(cx, args[2])?;
    let colinc = index_arg(cx, args[3])?;
    let t = Tab { section: i % 2 == 1, relative: i >= 2, colnum, colinc };
    with_state(cx, args[0], |st| st.tab(t))
}

/// `(%pp-finish stream)`: the outermost block is over; outputs everything.
fn finish<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    with_state(cx, args[0], |st| st.finish())
}

fn abbreviated_p<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let s = pretty_arg(cx, args[0])?;
    let yes = matches!(&s.borrow().kind, Kind::Pretty(p) if p.st.abbreviated);
    Ok(cx.bool(yes))
}

/// `(%write-plain object stream level)`: prints `object` with the standard
/// printer, not the pprint dispatch; `level` logical blocks enclose it,
/// which counts against `*print-level*`.
fn write_plain<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let stream = ops::designator(cx, args[1], true)?;
    let depth = match args[2] {
        Value::Fixnum(n) if n >= 0 => n as usize,
        _ => 0,
    };
    let mut s = Settings::from_specials(cx, true)?;
    s.level = s.level.map(|l| l.saturating_sub(depth));
    super::engine::print(cx, s, args[0], stream)?;
    Ok(args[0])
}

/// `(%structure-print-parts object)`: the name and the plist of slot
/// keywords and values `#S(...)` shows for a structure printed the
/// standard way; NIL for other objects and structures with a printer.
fn structure_print_parts<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    use crate::builtins::types::structure::{structure_printing, StructPrint};
    match structure_printing(cx, args[0]) {
        Some(StructPrint::Slots(name, plist)) => cx.values(vec![name, plist]),
        _ => Ok(Value::Nil),
    }
}
