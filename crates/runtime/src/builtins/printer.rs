//! Primitives: the printer's entry points (WRITE, PRIN1, PRINC, PRINT,
//! PPRINT and their -TO-STRING forms) and character output (WRITE-CHAR,
//! WRITE-STRING, WRITE-LINE, TERPRI, FRESH-LINE, FINISH-OUTPUT...).

use gc_arena::Gc;

use crate::heap::array::make_string;
use crate::heap::{list, Sym, Value};
use crate::printer::{with_specials, write, write_to_string};
use crate::streams::{ops, Kind, Stream};
use crate::vm::{Ctl, Cx, R};

crate::natives! {
    CL "WRITE" 1 * => write_;
    CL "PRIN1" 1 2 => prin1;
    CL "PRINC" 1 2 => princ;
    CL "PRINT" 1 2 => print;
    CL "PPRINT" 1 2 => pprint;
    CL "WRITE-TO-STRING" 1 * => write_to_string_;
    CL "PRIN1-TO-STRING" 1 1 => prin1_to_string;
    CL "PRINC-TO-STRING" 1 1 => princ_to_string;
    CL "WRITE-CHAR" 1 2 => write_char;
    CL "WRITE-STRING" 1 * => write_string;
    CL "WRITE-LINE" 1 * => write_line;
    CL "TERPRI" 0 1 => terpri;
    CL "FRESH-LINE" 0 1 => fresh_line;
    CL "FINISH-OUTPUT" 0 1 => finish_output;
    CL "FORCE-OUTPUT" 0 1 => finish_output;
    CL "CLEAR-OUTPUT" 0 1 => clear_output;
}

/// Parses `&key` arguments against `names` (keyword names): the value of
/// each (the first occurrence wins), or a program-error for an odd count
/// or an unknown keyword (unless `:allow-other-keys` is true).
fn parse_keys<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>], names: &[&str]) -> Result<Vec<Option<Value<'gc>>>, Ctl<'gc>> {
    if args.len() % 2 != 0 {
        return Err(cx.program_error("odd number of keyword arguments"));
    }
    let keyword = |v: Value<'gc>| match v {
        Value::Symbol(s) if matches!(s.package.get(), Value::Package(p) if Gc::ptr_eq(p, cx.g.p.keyword)) => Some(s),
        _ => None,
    };
    let allow_other = args
        .chunks(2)
        .find(|kv| cx.g.s.kw_allow_other_keys.is(kv[0]))
        .is_some_and(|kv| kv[1].truthy());
    let mut found = vec![None; names.len()];
    for kv in args.chunks(2) {
        let slot = keyword(kv[0]).and_then(|s| names.iter().position(|n| *n == &*s.name));
        match slot {
            Some(i) => {
                if found[i].is_none() {
                    found[i] = Some(kv[1]);
                }
            }
            None if allow_other || cx.g.s.kw_allow_other_keys.is(kv[0]) => {}
            None => {
                let shown = crate::printer::to_string(cx, kv[0], true)?;
                return Err(cx.program_error(&format!("unknown keyword argument {shown}")));
            }
        }
    }
    Ok(found)
}

/// The print variables WRITE's keywords bind, in keyword order.
const WRITE_KEYS: [&str; 15] = [
    "ESCAPE",
    "RADIX",
    "BASE",
    "CIRCLE",
    "PRETTY",
    "LEVEL",
    "LENGTH",
    "CASE",
    "GENSYM",
    "ARRAY",
    "READABLY",
    "RIGHT-MARGIN",
    "MISER-WIDTH",
    "LINES",
    "PPRINT-DISPATCH",
];

fn write_vars<'gc>(cx: &Cx<'gc, '_>) -> [Sym<'gc>; 15] {
    let s = &cx.g.s;
    [
        s.print_escape,
        s.print_radix,
        s.print_base,
        s.print_circle,
        s.print_pretty,
        s.print_level,
        s.print_length,
        s.print_case,
        s.print_gensym,
        s.print_array,
        s.print_readably,
        s.print_right_margin,
        s.print_miser_width,
        s.print_lines,
        s.print_pprint_dispatch,
    ]
}

/// The bindings asked for by WRITE-style keyword arguments, and the
/// `:stream` argument when `with_stream`.
fn write_bindings<'gc>(cx: &mut Cx<'gc, '_>, keys: &[Value<'gc>], with_stream: bool) -> Result<(Vec<(Sym<'gc>, Value<'gc>)>, Value<'gc>), Ctl<'gc>> {
    let mut names: Vec<&str> = WRITE_KEYS.to_vec();
    if with_stream {
        names.push("STREAM");
    }
    let found = parse_keys(cx, keys, &names)?;
    let vars = write_vars(cx);
    let binds = vars.iter().zip(&found).filter_map(|(sym, v)| v.map(|v| (*sym, v))).collect();
    let stream = if with_stream { found[WRITE_KEYS.len()].unwrap_or(Value::Nil) } else { Value::Nil };
    Ok((binds, stream))
}

fn out_stream<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>], i: usize) -> Result<Gc<'gc, Stream<'gc>>, Ctl<'gc>> {
    ops::designator(cx, args.get(i).copied().unwrap_or(Value::Nil), true)
}

/// Prints `v` on `stream` with `binds` in effect.
fn print_with<'gc>(cx: &mut Cx<'gc, '_>, v: Value<'gc>, stream: Gc<'gc, Stream<'gc>>, binds: &[(Sym<'gc>, Value<'gc>)]) -> Result<(), Ctl<'gc>> {
    with_specials(cx, binds, |cx| write(cx, v, stream))
}

/// `(write object &key stream escape radix base circle pretty level length
/// case gensym array readably right-margin miser-width lines pprint-dispatch)`
fn write_<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let (binds, stream) = write_bindings(cx, &args[1..], true)?;
    let stream = ops::designator(cx, stream, true)?;
    print_with(cx, args[0], stream, &binds)?;
    Ok(args[0])
}

fn prin1<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let stream = out_stream(cx, args, 1)?;
    print_with(cx, args[0], stream, &[(cx.g.s.print_escape, cx.g.t)])?;
    Ok(args[0])
}

fn princ_bindings<'gc>(cx: &Cx<'gc, '_>) -> [(Sym<'gc>, Value<'gc>); 2] {
    [(cx.g.s.print_escape, Value::Nil), (cx.g.s.print_readably, Value::Nil)]
}

fn princ<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let stream = out_stream(cx, args, 1)?;
    print_with(cx, args[0], stream, &princ_bindings(cx))?;
    Ok(args[0])
}

/// Newline, `prin1`, space.
fn print<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let stream = out_stream(cx, args, 1)?;
    ops::write_char(cx, stream, '\n')?;
    print_with(cx, args[0], stream, &[(cx.g.s.print_escape, cx.g.t)])?;
    ops::write_char(cx, stream, ' ')?;
    Ok(args[0])
}

/// Newline, then the object with escaping and pretty printing; no values.
fn pprint<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let stream = out_stream(cx, args, 1)?;
    ops::write_char(cx, stream, '\n')?;
    let binds = [(cx.g.s.print_escape, cx.g.t), (cx.g.s.print_pretty, cx.g.t)];
    print_with(cx, args[0], stream, &binds)?;
    cx.values(Vec::new())
}

fn string_with<'gc>(cx: &mut Cx<'gc, '_>, v: Value<'gc>, binds: &[(Sym<'gc>, Value<'gc>)]) -> R<'gc> {
    let text = with_specials(cx, binds, |cx| write_to_string(cx, v))?;
    Ok(make_string(cx.mc, &text))
}

fn write_to_string_<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let (binds, _) = write_bindings(cx, &args[1..], false)?;
    string_with(cx, args[0], &binds)
}

fn prin1_to_string<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    string_with(cx, args[0], &[(cx.g.s.print_escape, cx.g.t)])
}

fn princ_to_string<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let binds = princ_bindings(cx);
    string_with(cx, args[0], &binds)
}

fn write_char<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let Value::Char(c) = args[0] else {
        return Err(cx.type_error(args[0], cx.g.s.character.into()));
    };
    let stream = out_stream(cx, args, 1)?;
    ops::write_char(cx, stream, c)?;
    Ok(args[0])
}

/// The `[start, end)` part of a string argument given `&key start end`.
fn string_part<'gc>(cx: &mut Cx<'gc, '_>, string: Value<'gc>, keys: &[Value<'gc>]) -> Result<String, Ctl<'gc>> {
    let text = cx.check_string(string)?;
    let found = parse_keys(cx, keys, &["START", "END"])?;
    let len = text.chars().count();
    let bad = |cx: &mut Cx<'gc, '_>, datum: Value<'gc>, lo: usize, hi: usize| {
        let ty = list(cx.mc, &[cx.g.s.integer.into(), Value::Fixnum(lo as i64), Value::Fixnum(hi as i64)]);
        cx.type_error(datum, ty)
    };
    let start_v = found[0].unwrap_or(Value::Fixnum(0));
    let start = match start_v {
        Value::Fixnum(n) if n >= 0 && n as usize <= len => n as usize,
        other => return Err(bad(cx, other, 0, len)),
    };
    let end = match found[1].unwrap_or(Value::Nil) {
        Value::Nil => len,
        Value::Fixnum(n) if n >= start as i64 && n as usize <= len => n as usize,
        other => return Err(bad(cx, other, start, len)),
    };
    Ok(text.chars().skip(start).take(end - start).collect())
}

/// `(write-string string &optional stream &key start end)`
fn write_string<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let keys = args.get(2..).unwrap_or(&[]);
    let part = string_part(cx, args[0], keys)?;
    let stream = out_stream(cx, args, 1)?;
    ops::write_str(cx, stream, &part)?;
    Ok(args[0])
}

/// `(write-line string &optional stream &key start end)`
fn write_line<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let keys = args.get(2..).unwrap_or(&[]);
    let mut part = string_part(cx, args[0], keys)?;
    part.push('\n');
    let stream = out_stream(cx, args, 1)?;
    ops::write_str(cx, stream, &part)?;
    Ok(args[0])
}

fn terpri<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let stream = out_stream(cx, args, 0)?;
    ops::write_char(cx, stream, '\n')?;
    Ok(Value::Nil)
}

/// Writes a newline unless at the start of a line; true when it did.
fn fresh_line<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let stream = out_stream(cx, args, 0)?;
    if ops::column(cx, stream)? == 0 {
        return Ok(Value::Nil);
    }
    ops::write_char(cx, stream, '\n')?;
    Ok(cx.g.t)
}

/// Composite streams reached through synonyms and fan-outs before giving up.
const MAX_FORWARDING: usize = 64;

/// Sends the buffered output of `s` and of every stream it forwards to.
fn flush_all<'gc>(cx: &mut Cx<'gc, '_>, s: Gc<'gc, Stream<'gc>>, hops: usize) {
    if hops > MAX_FORWARDING {
        return;
    }
    let next: Vec<Value<'gc>> = match &s.borrow().kind {
        Kind::Synonym { symbol: Value::Symbol(sym) } => vec![sym.value()],
        Kind::TwoWay { output, .. } | Kind::Echo { output, .. } => vec![*output],
        Kind::Broadcast { streams } => streams.clone(),
        _ => Vec::new(),
    };
    ops::flush(cx.mc, s);
    for v in next {
        if let Value::Stream(t) = v {
            flush_all(cx, t, hops + 1);
        }
    }
}

/// FINISH-OUTPUT and FORCE-OUTPUT: output is written synchronously, so both
/// send what is buffered.
fn finish_output<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let stream = out_stream(cx, args, 0)?;
    flush_all(cx, stream, 0);
    Ok(Value::Nil)
}

/// CLEAR-OUTPUT: like SBCL and CLISP, buffered output is kept (dropping it
/// would lose text already accepted); the designator is still checked.
fn clear_output<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    out_stream(cx, args, 0)?;
    Ok(Value::Nil)
}
