//! Primitives: the reader (READ and friends), readtables, and the standard
//! reader macro functions as callable natives.

use gc_arena::Gc;

use crate::heap::object::Object;
use crate::heap::Value;
use crate::reader::builtin::Builtin;
use crate::reader::readtable::{self, Case, Readtable};
use crate::reader::{self as rd, backquote};
use crate::streams::{ops, Kind, Stream, StreamData};
use crate::vm::{Ctl, Cx, R};

crate::natives! {
    CL "READ" 0 4 => read;
    CL "READ-PRESERVING-WHITESPACE" 0 4 => read_preserving_whitespace;
    CL "READ-FROM-STRING" 1 * => read_from_string;
    CL "READ-DELIMITED-LIST" 1 3 => read_delimited_list;
    CL "COPY-READTABLE" 0 2 => copy_readtable;
    CL "READTABLEP" 1 1 => readtablep;
    CL "SET-MACRO-CHARACTER" 2 4 => set_macro_character;
    CL "GET-MACRO-CHARACTER" 1 2 => get_macro_character;
    CL "MAKE-DISPATCH-MACRO-CHARACTER" 1 3 => make_dispatch_macro_character;
    CL "SET-DISPATCH-MACRO-CHARACTER" 3 4 => set_dispatch_macro_character;
    CL "GET-DISPATCH-MACRO-CHARACTER" 2 3 => get_dispatch_macro_character;
    CL "SET-SYNTAX-FROM-CHAR" 2 4 => set_syntax_from_char;
    CL "READTABLE-CASE" 1 1 => readtable_case;
    SYS "%SET-READTABLE-CASE" 2 2 => set_readtable_case;
    SYS "%EXPAND-QUASIQUOTE" 1 1 => expand_quasiquote;
    SYS "%READ-LIST" 2 2 => read_list_fn;
    SYS "%READ-RIGHT-PAREN" 2 2 => read_right_paren_fn;
    SYS "%READ-QUOTE" 2 2 => read_quote_fn;
    SYS "%READ-COMMENT" 2 2 => read_comment_fn;
    SYS "%READ-STRING" 2 2 => read_string_fn;
    SYS "%READ-BACKQUOTE" 2 2 => read_backquote_fn;
    SYS "%READ-COMMA" 2 2 => read_comma_fn;
    SYS "%READ-DISPATCH" 2 2 => read_dispatch_fn;
    SYS "%SHARP-FUNCTION" 3 3 => sharp_function_fn;
    SYS "%SHARP-VECTOR" 3 3 => sharp_vector_fn;
    SYS "%SHARP-CHARACTER" 3 3 => sharp_character_fn;
    SYS "%SHARP-UNINTERNED" 3 3 => sharp_uninterned_fn;
    SYS "%SHARP-EVAL" 3 3 => sharp_eval_fn;
    SYS "%SHARP-FEATURE" 3 3 => sharp_feature_fn;
    SYS "%SHARP-BLOCK-COMMENT" 3 3 => sharp_block_comment_fn;
    SYS "%SHARP-RADIX" 3 3 => sharp_radix_fn;
    SYS "%SHARP-BITS" 3 3 => sharp_bits_fn;
    SYS "%SHARP-LABEL" 3 3 => sharp_label_fn;
    SYS "%SHARP-REFERENCE" 3 3 => sharp_reference_fn;
    SYS "%SHARP-COMPLEX" 3 3 => sharp_complex_fn;
    SYS "%SHARP-ARRAY" 3 3 => sharp_array_fn;
}

fn arg<'gc>(args: &[Value<'gc>], i: usize) -> Value<'gc> {
    args.get(i).copied().unwrap_or(Value::Nil)
}

fn input_stream<'gc>(cx: &mut Cx<'gc, '_>, v: Value<'gc>) -> Result<Gc<'gc, Stream<'gc>>, Ctl<'gc>> {
    ops::designator(cx, v, false)
}

fn check_char<'gc>(cx: &Cx<'gc, '_>, v: Value<'gc>) -> Result<char, Ctl<'gc>> {
    match v {
        Value::Char(c) => Ok(c),
        other => Err(cx.type_error(other, cx.g.s.character.into())),
    }
}

/// READ and READ-PRESERVING-WHITESPACE: (&optional stream eof-error-p eof-value recursive-p).
fn read_with<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>], preserve: bool) -> R<'gc> {
    let stream = input_stream(cx, arg(args, 0))?;
    let eof_error = args.get(1).is_none_or(|v| v.truthy());
    rd::read(cx, stream, eof_error, arg(args, 2), arg(args, 3).truthy(), preserve)
}

fn read<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    read_with(cx, args, false)
}

fn read_preserving_whitespace<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    read_with(cx, args, true)
}

/// Parses `&key` arguments against `allowed` keyword names; returns the
/// value of each (first occurrence wins), `None` when absent.
fn keys<'gc>(cx: &Cx<'gc, '_>, args: &[Value<'gc>], allowed: &[&str]) -> Result<Vec<Option<Value<'gc>>>, Ctl<'gc>> {
    if !args.len().is_multiple_of(2) {
        return Err(cx.program_error("odd number of keyword arguments"));
    }
    let mut out = vec![None; allowed.len()];
    let allow_other = args.chunks(2).find(|kv| cx.g.s.kw_allow_other_keys.is(kv[0])).is_some_and(|kv| kv[1].truthy());
    for kv in args.chunks(2) {
        let name = match kv[0] {
            Value::Symbol(s) if s.has(crate::heap::symbol::flags::KEYWORD) => crate::heap::package::sym_name(kv[0]),
            other => return Err(cx.type_error(other, cx.g.s.symbol.into())),
        };
        match allowed.iter().position(|a| *a == name) {
            Some(i) => {
                if out[i].is_none() {
                    out[i] = Some(kv[1]);
                }
            }
            None if allow_other || name == "ALLOW-OTHER-KEYS" => {}
            None => return Err(cx.program_error(&format!("unknown keyword argument :{name}"))),
        }
    }
    Ok(out)
}

/// A bounding index designator argument in `0..=len`.
fn bound<'gc>(cx: &Cx<'gc, '_>, v: Option<Value<'gc>>, default: usize, len: usize) -> Result<usize, Ctl<'gc>> {
    match v {
        None | Some(Value::Nil) => Ok(default),
        Some(Value::Fixnum(n)) if n >= 0 && n as usize <= len => Ok(n as usize),
        Some(other) => {
            let ty =
                crate::heap::cons::list(cx.mc, &[cx.g.s.integer.into(), Value::Fixnum(0), Value::Fixnum(len as i64)]);
            Err(cx.type_error(other, ty))
        }
    }
}

/// (read-from-string string &optional eof-error-p eof-value &key start end preserve-whitespace)
fn read_from_string<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let text: Vec<char> = cx.check_string(args[0])?.chars().collect();
    let eof_error = args.get(1).is_none_or(|v| v.truthy());
    let eof_value = arg(args, 2);
    let k = keys(cx, args.get(3..).unwrap_or(&[]), &["START", "END", "PRESERVE-WHITESPACE"])?;
    let len = text.len();
    let start = bound(cx, k[0], 0, len)?;
    let end = bound(cx, k[1], len, len)?;
    if start > end {
        return Err(cx.error_fmt("start ~S is after end ~S", &[Value::Fixnum(start as i64), Value::Fixnum(end as i64)]));
    }
    let sv = StreamData::new_value(cx.mc, Kind::StringIn { chars: text, pos: start, end }, true, false);
    let Value::Stream(stream) = sv else { unreachable!("new_value makes a stream") };
    let preserve = k[2].is_some_and(|v| v.truthy());
    let v = rd::read(cx, stream, eof_error, eof_value, false, preserve)?;
    let d = stream.borrow();
    let pos = match &d.kind {
        Kind::StringIn { pos, .. } => pos.saturating_sub(d.unread.len()),
        _ => end,
    };
    drop(d);
    cx.values(vec![v, Value::Fixnum(pos as i64)])
}

/// (read-delimited-list char &optional stream recursive-p)
fn read_delimited_list<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let c = check_char(cx, args[0])?;
    let stream = input_stream(cx, arg(args, 1))?;
    rd::read_delimited_list(cx, c, stream, arg(args, 2).truthy())
}

/// A readtable argument; NIL designates the standard readtable when
/// `nil_is_standard`, else the argument must be a readtable.
fn readtable_arg<'gc>(
    cx: &Cx<'gc, '_>,
    v: Value<'gc>,
    nil_is_standard: bool,
) -> Result<Gc<'gc, Object<'gc>>, Ctl<'gc>> {
    match v {
        Value::Nil if nil_is_standard => readtable::pristine(cx),
        v => readtable::as_readtable(v).ok_or_else(|| readtable::not_a_readtable(cx, v)),
    }
}

/// An optional readtable argument at `i`, defaulting to `*readtable*`.
fn optional_readtable<'gc>(
    cx: &Cx<'gc, '_>,
    args: &[Value<'gc>],
    i: usize,
    nil_is_standard: bool,
) -> Result<Gc<'gc, Object<'gc>>, Ctl<'gc>> {
    match args.get(i) {
        None => readtable::current(cx),
        Some(&v) => readtable_arg(cx, v, nil_is_standard),
    }
}

fn snapshot<'gc>(o: Gc<'gc, Object<'gc>>) -> Option<Readtable<'gc>> {
    readtable::with(o, |r| r.clone())
}

/// (copy-readtable &optional from-readtable to-readtable)
fn copy_readtable<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let from = optional_readtable(cx, args, 0, true)?;
    let copy = snapshot(from).ok_or_else(|| readtable::not_a_readtable(cx, Value::Object(from)))?;
    match arg(args, 1) {
        Value::Nil => Ok(readtable::new_object(cx.mc, copy)),
        to => {
            let o = readtable_arg(cx, to, false)?;
            readtable::with_mut(cx.mc, o, |r| *r = copy);
            Ok(to)
        }
    }
}

fn readtablep<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    Ok(cx.bool(readtable::as_readtable(args[0]).is_some()))
}

/// A function designator for a reader macro: a function or a symbol.
fn check_function<'gc>(cx: &Cx<'gc, '_>, v: Value<'gc>) -> Result<Value<'gc>, Ctl<'gc>> {
    match v {
        Value::Function(_) | Value::Symbol(_) => Ok(v),
        other => Err(cx.type_error(other, cx.g.s.function_type.into())),
    }
}

/// (set-macro-character char new-function &optional non-terminating-p readtable)
fn set_macro_character<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let c = check_char(cx, args[0])?;
    let f = check_function(cx, args[1])?;
    let non_terminating = arg(args, 2).truthy();
    let rt = optional_readtable(cx, args, 3, false)?;
    readtable::with_mut(cx.mc, rt, |r| r.set_macro(c, f, non_terminating));
    Ok(cx.t())
}

/// (get-macro-character char &optional readtable) => function, non-terminating-p
fn get_macro_character<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let c = check_char(cx, args[0])?;
    let rt = optional_readtable(cx, args, 1, true)?;
    let (f, syntax) =
        readtable::with(rt, |r| (r.macro_function(c), r.syntax(c))).unwrap_or((None, readtable::Syntax::Constituent));
    match f {
        Some(f) => {
            let nt = cx.bool(syntax == readtable::Syntax::NonTerminatingMacro);
            cx.values(vec![f, nt])
        }
        None => cx.values(vec![Value::Nil, Value::Nil]),
    }
}

/// (make-dispatch-macro-character char &optional non-terminating-p readtable)
fn make_dispatch_macro_character<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let c = check_char(cx, args[0])?;
    let non_terminating = arg(args, 1).truthy();
    let rt = optional_readtable(cx, args, 2, false)?;
    let dispatcher =
        cx.g.sym(cx.g.intern_in(cx.mc, "SYS", "%READ-DISPATCH")).map(|s| s.function.get()).unwrap_or(Value::Nil);
    let entry = readtable::MacroEntry { function: dispatcher, dispatch: Some(Default::default()) };
    readtable::with_mut(cx.mc, rt, |r| r.set_macro_entry(c, entry, non_terminating));
    Ok(cx.t())
}

fn not_dispatching<'gc>(cx: &Cx<'gc, '_>, c: char) -> Ctl<'gc> {
    cx.error_fmt("~S is not a dispatching macro character", &[Value::Char(c)])
}

/// (set-dispatch-macro-character disp-char sub-char new-function &optional readtable)
fn set_dispatch_macro_character<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let c = check_char(cx, args[0])?;
    let sub = check_char(cx, args[1])?;
    let f = match args[2] {
        Value::Nil => None,
        v => Some(check_function(cx, v)?),
    };
    if sub.is_ascii_digit() {
        return Err(
            cx.error_fmt("the sub-character ~S of a dispatching macro cannot be a decimal digit", &[Value::Char(sub)])
        );
    }
    let rt = optional_readtable(cx, args, 3, false)?;
    match readtable::with_mut(cx.mc, rt, |r| r.set_dispatch_function(c, sub, f)) {
        Some(Ok(())) => Ok(cx.t()),
        _ => Err(not_dispatching(cx, c)),
    }
}

/// (get-dispatch-macro-character disp-char sub-char &optional readtable)
fn get_dispatch_macro_character<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let c = check_char(cx, args[0])?;
    let sub = check_char(cx, args[1])?;
    let rt = optional_readtable(cx, args, 2, true)?;
    if sub.is_ascii_digit() {
        return Ok(Value::Nil);
    }
    match readtable::with(rt, |r| r.dispatch_function(c, sub)) {
        Some(Ok(f)) => Ok(f.unwrap_or(Value::Nil)),
        _ => Err(not_dispatching(cx, c)),
    }
}

/// (set-syntax-from-char to-char from-char &optional to-readtable from-readtable)
fn set_syntax_from_char<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let to = check_char(cx, args[0])?;
    let from = check_char(cx, args[1])?;
    let to_rt = optional_readtable(cx, args, 2, false)?;
    let from_rt = match args.get(3) {
        None | Some(Value::Nil) => readtable::pristine(cx)?,
        Some(&v) => readtable_arg(cx, v, true)?,
    };
    let source = snapshot(from_rt).ok_or_else(|| readtable::not_a_readtable(cx, Value::Object(from_rt)))?;
    readtable::with_mut(cx.mc, to_rt, |r| r.copy_syntax(to, from, &source));
    Ok(cx.t())
}

fn case_keyword<'gc>(cx: &Cx<'gc, '_>, c: Case) -> Value<'gc> {
    let s = &cx.g.s;
    match c {
        Case::Upcase => s.kw_upcase.into(),
        Case::Downcase => s.kw_downcase.into(),
        Case::Preserve => s.kw_preserve.into(),
        Case::Invert => s.kw_invert.into(),
    }
}

fn readtable_case<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let rt = readtable_arg(cx, args[0], false)?;
    let c = readtable::with(rt, |r| r.case).unwrap_or(Case::Upcase);
    Ok(case_keyword(cx, c))
}

/// (sys:%set-readtable-case readtable case): the setf function of READTABLE-CASE.
fn set_readtable_case<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let rt = readtable_arg(cx, args[0], false)?;
    let s = &cx.g.s;
    let v = args[1];
    let c = if s.kw_upcase.is(v) {
        Case::Upcase
    } else if s.kw_downcase.is(v) {
        Case::Downcase
    } else if s.kw_preserve.is(v) {
        Case::Preserve
    } else if s.kw_invert.is(v) {
        Case::Invert
    } else {
        let member = cx.g.intern_in(cx.mc, "CL", "MEMBER");
        let ty = crate::heap::cons::list(
            cx.mc,
            &[member, s.kw_upcase.into(), s.kw_downcase.into(), s.kw_preserve.into(), s.kw_invert.into()],
        );
        return Err(cx.type_error(v, ty));
    };
    readtable::with_mut(cx.mc, rt, |r| r.case = c);
    Ok(v)
}

fn expand_quasiquote<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    backquote::expand(cx, args[0])
}

/// The standard reader macro functions called as functions: (stream char)
/// or, for `#` sub-macros, (stream sub-char numarg).
fn macro_fn<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>], b: Builtin) -> R<'gc> {
    let stream = input_stream(cx, args[0])?;
    let c = check_char(cx, args[1])?;
    let numarg = match args.get(2) {
        None | Some(Value::Nil) => None,
        Some(Value::Fixnum(n)) if *n >= 0 => Some(*n as u64),
        Some(Value::Bignum(b)) if b.0.sign() != num_bigint::Sign::Minus => Some(u64::MAX),
        Some(&other) => return Err(cx.type_error(other, cx.g.s.unsigned_byte.into())),
    };
    match rd::call_builtin(cx, b, stream, c, numarg)? {
        Some(v) => Ok(v),
        None => cx.values(Vec::new()),
    }
}

/// One primitive per standard reader macro function.
macro_rules! macro_fns {
    ($($f:ident => $b:ident;)*) => {
        $(fn $f<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
            macro_fn(cx, args, Builtin::$b)
        })*
    };
}

macro_fns! {
    read_list_fn => List;
    read_right_paren_fn => RightParen;
    read_quote_fn => Quote;
    read_comment_fn => Comment;
    read_string_fn => String;
    read_backquote_fn => Backquote;
    read_comma_fn => Comma;
    read_dispatch_fn => Dispatch;
    sharp_function_fn => SharpFunction;
    sharp_vector_fn => SharpVector;
    sharp_character_fn => SharpCharacter;
    sharp_uninterned_fn => SharpUninterned;
    sharp_eval_fn => SharpEval;
    sharp_feature_fn => SharpFeature;
    sharp_block_comment_fn => SharpBlockComment;
    sharp_radix_fn => SharpRadix;
    sharp_bits_fn => SharpBits;
    sharp_label_fn => SharpLabel;
    sharp_reference_fn => SharpReference;
    sharp_complex_fn => SharpComplex;
    sharp_array_fn => SharpArray;
}
