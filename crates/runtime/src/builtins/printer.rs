//! Primitives: the printer's entry points (WRITE, PRIN1, PRINC, PRINT,
//! PPRINT and their -TO-STRING forms) and character output (WRITE-CHAR,
//! WRITE-STRING, WRITE-LINE, TERPRI, FRESH-LINE, FINISH-OUTPUT...).

use gc_arena::Gc;

use super::args::keys;
use crate::heap::array::make_string;
use crate::heap::{list, Sym, Value};
use crate::printer::{with_specials, write, write_to_string};
use crate::streams::{gray, ops, Kind, Stream};
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
    CL "FORCE-OUTPUT" 0 1 => force_output;
    CL "CLEAR-OUTPUT" 0 1 => clear_output;
}

/// The print variables WRITE's keywords bind, in keyword order.
const WRITE_KEYS: [&str; 16] = [
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
    "STREAM",
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
fn write_bindings<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>], with_stream: bool) -> Result<(Vec<(Sym<'gc>, Value<'gc>)>, Value<'gc>), Ctl<'gc>> {
    let found = keys(cx, args, WRITE_KEYS)?;
    let stream = found[WRITE_KEYS.len() - 1];
    if stream.is_some() && !with_stream {
        let k = cx.g.intern_in(cx.mc, "KEYWORD", "STREAM");
        let shown = crate::printer::to_string(cx, k, true)?;
        return Err(cx.program_error(&format!("unknown &key argument: {shown}")));
    }
    let vars = write_vars(cx);
    let binds = vars.iter().zip(&found).filter_map(|(sym, v)| v.map(|v| (*sym, v))).collect();
    let stream = stream.unwrap_or(Value::Nil);
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
fn string_part<'gc>(cx: &mut Cx<'gc, '_>, string: Value<'gc>, args: &[Value<'gc>]) -> Result<(String, usize, usize), Ctl<'gc>> {
    let text = cx.check_string(string)?;
    let found = keys(cx, args, ["START", "END"])?;
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
    Ok((text.chars().skip(start).take(end - start).collect(), start, end))
}

/// `(write-string string &optional stream &key start end)`
fn write_string<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    write_part(cx, args, false)
}

/// `(write-line string &optional stream &key start end)`
fn write_line<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    write_part(cx, args, true)
}

/// WRITE-STRING, or WRITE-LINE when `line`. A Gray stream gets the whole
/// string and the bounds, then a newline as a character (as SBCL calls
/// them); other streams the part as text.
fn write_part<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>], line: bool) -> R<'gc> {
    let keys = args.get(2..).unwrap_or(&[]);
    let (mut part, start, end) = string_part(cx, args[0], keys)?;
    let stream = out_stream(cx, args, 1)?;
    let target = ops::resolve(cx, stream, true)?;
    if let Some(g) = gray::instance(target) {
        gray::call(cx, "STREAM-WRITE-STRING", &[g, args[0], Value::Fixnum(start as i64), Value::Fixnum(end as i64)])?;
        if line {
            gray::call(cx, "STREAM-WRITE-CHAR", &[g, Value::Char('\n')])?;
        }
        return Ok(args[0]);
    }
    if line {
        part.push('\n');
    }
    ops::write_str(cx, stream, &part)?;
    Ok(args[0])
}

fn terpri<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let stream = out_stream(cx, args, 0)?;
    ops::terpri(cx, stream)?;
    Ok(Value::Nil)
}

/// Writes a newline unless at the start of a line; true when it did.
fn fresh_line<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let stream = out_stream(cx, args, 0)?;
    let wrote = ops::fresh_line(cx, stream)?;
    Ok(cx.bool(wrote))
}

/// Composite streams reached through synonyms and fan-outs before giving up.
const MAX_FORWARDING: usize = 64;

/// Sends the buffered output of `s` and of every stream it forwards to;
/// a Gray stream gets a call of `gray_method` (`stream-finish-output` or
/// `stream-force-output`).
fn flush_all<'gc>(cx: &mut Cx<'gc, '_>, s: Gc<'gc, Stream<'gc>>, hops: usize, gray_method: &str) -> Result<(), Ctl<'gc>> {
    if hops > MAX_FORWARDING {
        return Ok(());
    }
    if let Some(g) = gray::instance(s) {
        return gray::call(cx, gray_method, &[g]).map(drop);
    }
    let next: Vec<Value<'gc>> = match &s.borrow().kind {
        Kind::Synonym { symbol: Value::Symbol(sym) } => vec![sym.value()],
        Kind::TwoWay { output, .. } | Kind::Echo { output, .. } => vec![*output],
        Kind::Broadcast { streams } => streams.clone(),
        _ => Vec::new(),
    };
    ops::flush(cx.mc, s).map_err(|e| ops::write_failed(cx, s, &e))?;
    for v in next {
        match v {
            Value::Stream(t) => flush_all(cx, t, hops + 1, gray_method)?,
            v if gray::is_gray(cx, v) => {
                gray::call(cx, gray_method, &[v])?;
            }
            _ => {}
        }
    }
    Ok(())
}

/// FINISH-OUTPUT and FORCE-OUTPUT: output is written synchronously, so both
/// send what is buffered.
fn finish_output<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let stream = out_stream(cx, args, 0)?;
    flush_all(cx, stream, 0, "STREAM-FINISH-OUTPUT")?;
    Ok(Value::Nil)
}

fn force_output<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let stream = out_stream(cx, args, 0)?;
    flush_all(cx, stream, 0, "STREAM-FORCE-OUTPUT")?;
    Ok(Value::Nil)
}

/// CLEAR-OUTPUT: like SBCL and CLISP, buffered output is kept (dropping it
/// would lose text already accepted); the designator is still checked. A
/// Gray stream gets `stream-clear-output`.
fn clear_output<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let stream = out_stream(cx, args, 0)?;
    let stream = ops::resolve(cx, stream, true)?;
    if let Some(g) = gray::instance(stream) {
        gray::call(cx, "STREAM-CLEAR-OUTPUT", &[g])?;
    }
    Ok(Value::Nil)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::heap::array::make_vector;
    use crate::heap::function::{Function, Native};
    use crate::heap::object::Instance;
    use crate::heap::symbol::Symbol;
    use crate::printer::tests::error_kind;
    use crate::runtime::Runtime;
    use crate::streams::StreamData;

    fn run<T>(f: impl for<'gc> FnOnce(&mut Cx<'gc, '_>) -> T) -> T {
        Runtime::new().with_cx(f)
    }

    fn kw<'gc>(cx: &Cx<'gc, '_>, name: &str) -> Value<'gc> {
        cx.g.intern_in(cx.mc, "KEYWORD", name)
    }

    /// A fresh string output stream (`contents` takes what it received).
    fn out_stream_value<'gc>(cx: &Cx<'gc, '_>) -> Value<'gc> {
        StreamData::string_output(cx.mc)
    }

    fn contents<'gc>(cx: &Cx<'gc, '_>, s: Value<'gc>) -> String {
        match s {
            Value::Stream(st) => match &mut st.borrow_mut(cx.mc).kind {
                Kind::StringOut { buf } => std::mem::take(buf),
                _ => panic!("not a string output stream"),
            },
            _ => panic!("not a stream"),
        }
    }

    fn call<'gc>(cx: &mut Cx<'gc, '_>, f: fn(&mut Cx<'gc, '_>, &[Value<'gc>]) -> R<'gc>, args: &[Value<'gc>]) -> Value<'gc> {
        match f(cx, args) {
            Ok(v) => v,
            Err(e) => panic!("unexpected error {}", error_kind(&e)),
        }
    }

    fn fails<'gc>(cx: &mut Cx<'gc, '_>, f: fn(&mut Cx<'gc, '_>, &[Value<'gc>]) -> R<'gc>, args: &[Value<'gc>]) -> String {
        match f(cx, args) {
            Ok(_) => panic!("expected an error"),
            Err(e) => error_kind(&e),
        }
    }

    #[test]
    fn write_binds_its_keywords() {
        run(|cx| {
            let out = out_stream_value(cx);
            let args = [Value::Fixnum(255), kw(cx, "STREAM"), out, kw(cx, "BASE"), Value::Fixnum(16), kw(cx, "RADIX"), cx.g.t];
            let r = call(cx, write_, &args);
            assert!(r.eq(Value::Fixnum(255)));
            assert_eq!(contents(cx, out), "#xFF");
            // The bindings are undone afterwards.
            assert!(cx.g.s.print_base.value().eq(Value::Fixnum(10)));
            assert!(cx.g.s.print_radix.value().is_nil());
            let sym = cx.g.intern_in(cx.mc, "CL-USER", "FOO-BAR");
            let l = list(cx.mc, &[sym, Value::Fixnum(1), Value::Fixnum(2), Value::Fixnum(3)]);
            let args = [l, kw(cx, "STREAM"), out, kw(cx, "CASE"), kw(cx, "DOWNCASE"), kw(cx, "LENGTH"), Value::Fixnum(2)];
            call(cx, write_, &args);
            assert_eq!(contents(cx, out), "(foo-bar 1 ...)");
            // :allow-other-keys lets unknown keywords through; the first of a repeated key wins.
            let args = [Value::Fixnum(5), kw(cx, "STREAM"), out, kw(cx, "FOO"), Value::Nil, kw(cx, "ALLOW-OTHER-KEYS"), cx.g.t, kw(cx, "BASE"), Value::Fixnum(2), kw(cx, "BASE"), Value::Fixnum(8)];
            call(cx, write_, &args);
            assert_eq!(contents(cx, out), "101");
        });
    }

    #[test]
    fn write_argument_errors() {
        run(|cx| {
            let out = out_stream_value(cx);
            assert_eq!(fails(cx, write_, &[Value::Fixnum(1), kw(cx, "FOO"), Value::Nil, kw(cx, "STREAM"), out]), "PROGRAM-ERROR");
            assert_eq!(fails(cx, write_, &[Value::Fixnum(1), kw(cx, "STREAM")]), "PROGRAM-ERROR");
            assert_eq!(fails(cx, write_, &[Value::Fixnum(1), Value::Fixnum(2), out]), "PROGRAM-ERROR");
            assert_eq!(fails(cx, write_, &[Value::Fixnum(1), kw(cx, "STREAM"), out, kw(cx, "BASE"), Value::Fixnum(1)]), "TYPE-ERROR");
            assert!(cx.g.s.print_base.value().eq(Value::Fixnum(10)));
            assert_eq!(fails(cx, write_, &[Value::Fixnum(1), kw(cx, "STREAM"), Value::Fixnum(3)]), "TYPE-ERROR");
            // An error while printing still restores the bindings.
            let p = Value::Package(cx.g.p.user);
            assert_eq!(fails(cx, write_, &[p, kw(cx, "STREAM"), out, kw(cx, "READABLY"), cx.g.t]), "PRINT-NOT-READABLE");
            assert!(cx.g.s.print_readably.value().is_nil());
            assert_eq!(contents(cx, out), "");
        });
    }

    #[test]
    fn prin1_princ_print_pprint() {
        run(|cx| {
            let out = out_stream_value(cx);
            let s = make_string(cx.mc, "a\"b");
            assert!(call(cx, prin1, &[s, out]).eq(s));
            assert!(call(cx, princ, &[s, out]).eq(s));
            assert!(call(cx, print, &[Value::Char('x'), out]).eq(Value::Char('x')));
            call(cx, pprint, &[Value::Fixnum(7), out]);
            assert!(cx.th.mv_set && cx.th.mv.is_empty());
            assert_eq!(contents(cx, out), "\"a\\\"b\"a\"b\n#\\x \n7");
            // princ binds *print-readably* to NIL too.
            cx.g.s.print_readably.set(cx.mc, cx.g.t);
            call(cx, princ, &[s, out]);
            assert_eq!(contents(cx, out), "a\"b");
            assert!(cx.g.s.print_readably.value().eq(cx.g.t));
            cx.g.s.print_readably.set(cx.mc, Value::Nil);
            // NIL is *standard-output*, T is *terminal-io*.
            cx.g.s.standard_output.set(cx.mc, out);
            call(cx, prin1, &[Value::Fixnum(1)]);
            call(cx, prin1, &[Value::Fixnum(2), Value::Nil]);
            let term = out_stream_value(cx);
            cx.g.s.terminal_io.set(cx.mc, term);
            call(cx, prin1, &[Value::Fixnum(3), cx.g.t]);
            assert_eq!(contents(cx, out), "12");
            assert_eq!(contents(cx, term), "3");
        });
    }

    #[test]
    fn to_string_forms() {
        run(|cx| {
            let sym = cx.g.intern_in(cx.mc, "CL-USER", "AB");
            let l = list(cx.mc, &[sym, make_string(cx.mc, "s")]);
            let r = call(cx, write_to_string_, &[l, kw(cx, "CASE"), kw(cx, "DOWNCASE")]);
            assert_eq!(r.as_string().unwrap(), "(ab \"s\")");
            let r = call(cx, prin1_to_string, &[l]);
            assert_eq!(r.as_string().unwrap(), "(AB \"s\")");
            let r = call(cx, princ_to_string, &[l]);
            assert_eq!(r.as_string().unwrap(), "(AB s)");
            assert_eq!(fails(cx, write_to_string_, &[l, kw(cx, "STREAM"), Value::Nil]), "PROGRAM-ERROR");
            let v = make_vector(cx.mc, vec![Value::Fixnum(1)]);
            let r = call(cx, write_to_string_, &[v, kw(cx, "ARRAY"), Value::Nil, kw(cx, "READABLY"), Value::Nil]);
            assert!(r.as_string().unwrap().starts_with("#<(SIMPLE-VECTOR 1)"));
        });
    }

    #[test]
    fn character_output() {
        run(|cx| {
            let out = out_stream_value(cx);
            assert!(call(cx, write_char, &[Value::Char('x'), out]).eq(Value::Char('x')));
            assert_eq!(fails(cx, write_char, &[Value::Fixnum(1), out]), "TYPE-ERROR");
            let s = make_string(cx.mc, "abcdef");
            let args = [s, out, kw(cx, "START"), Value::Fixnum(1), kw(cx, "END"), Value::Fixnum(3)];
            assert!(call(cx, write_string, &args).eq(s));
            assert!(call(cx, write_line, &args).eq(s));
            call(cx, write_string, &[s, out, kw(cx, "END"), Value::Nil]);
            assert_eq!(contents(cx, out), "xbcbc\nabcdef");
            for bad in [
                vec![s, out, kw(cx, "START"), Value::Fixnum(2), kw(cx, "END"), Value::Fixnum(1)],
                vec![s, out, kw(cx, "END"), Value::Fixnum(7)],
                vec![s, out, kw(cx, "START"), Value::Fixnum(-1)],
                vec![Value::Fixnum(1), out],
            ] {
                assert_eq!(fails(cx, write_string, &bad), "TYPE-ERROR");
            }
            assert_eq!(fails(cx, write_line, &[s, out, kw(cx, "START")]), "PROGRAM-ERROR");
            assert_eq!(contents(cx, out), "");
        });
    }

    #[test]
    fn lines_and_flushing() {
        run(|cx| {
            let out = out_stream_value(cx);
            assert!(call(cx, fresh_line, &[out]).is_nil());
            call(cx, write_char, &[Value::Char('a'), out]);
            assert!(call(cx, fresh_line, &[out]).eq(cx.g.t));
            assert!(call(cx, fresh_line, &[out]).is_nil());
            assert!(call(cx, terpri, &[out]).is_nil());
            assert_eq!(contents(cx, out), "a\n\n");
            for f in [finish_output, clear_output] {
                assert!(call(cx, f, &[out]).is_nil());
                assert_eq!(fails(cx, f, &[Value::Fixnum(1)]), "TYPE-ERROR");
            }
            // A synonym stream is flushed through to its target.
            let sym = cx.g.s.standard_output.0;
            let syn = StreamData::new_value(cx.mc, Kind::Synonym { symbol: Value::Symbol(sym) }, false, true);
            Symbol::set_value(sym, cx.mc, out);
            call(cx, write_char, &[Value::Char('z'), syn]);
            call(cx, finish_output, &[syn]);
            assert_eq!(contents(cx, out), "z");
        });
    }

    /// A stand-in for a `print-object` method: writes `<obj>` on its stream.
    fn fake_print_object<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
        let s = ops::designator(cx, args[1], true)?;
        ops::write_str(cx, s, "<obj>")?;
        Ok(args[0])
    }

    static FAKE: Native = Native { name: "PRINT-OBJECT", pkg: "CL", min: 2, max: 2, f: fake_print_object };

    #[test]
    fn instances_use_print_object() {
        run(|cx| {
            let po = cx.g.intern_in(cx.mc, "CL", "PRINT-OBJECT");
            let sym = cx.g.sym(po).unwrap();
            Symbol::set_function(sym, cx.mc, Function::native(cx.mc, &FAKE, po));
            let inst = Value::Instance(Instance::new(cx.mc, Value::Nil, Vec::new()));
            let l = list(cx.mc, &[Value::Fixnum(1), inst, Value::Fixnum(2)]);
            let out = out_stream_value(cx);
            call(cx, prin1, &[l, out]);
            assert_eq!(contents(cx, out), "(1 <obj> 2)");
            assert_eq!(crate::printer::to_string(cx, l, true).ok().unwrap(), "(1 <obj> 2)");
            cx.g.s.print_circle.set(cx.mc, cx.g.t);
            let twice = list(cx.mc, &[inst, inst]);
            call(cx, prin1, &[twice, out]);
            assert_eq!(contents(cx, out), "(#1=<obj> #1#)");
        });
    }
}
