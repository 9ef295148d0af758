//! parse-integer.

use num_bigint::BigInt;

use super::real::cl;
use crate::heap::array::make_string;
use crate::heap::{list, Value};
use crate::vm::{Ctl, Cx, R};

pub use crate::builtins::args::keys as parse_keys;

/// Whitespace[1] in the standard syntax.
fn is_whitespace(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0c')
}

fn parse_error<'gc>(cx: &Cx<'gc, '_>, msg: &str, string: Value<'gc>) -> Ctl<'gc> {
    let s = &cx.g.s;
    let args = vec![
        s.kw_format_control.into(),
        make_string(cx.mc, msg),
        s.kw_format_arguments.into(),
        list(cx.mc, &[string]),
    ];
    cx.error_of(cl(cx, "PARSE-ERROR"), args)
}

/// A bounding index argument in `lo..=hi`; the type error names that range.
fn check_bound<'gc>(cx: &Cx<'gc, '_>, v: Value<'gc>, lo: usize, hi: usize) -> Result<usize, Ctl<'gc>> {
    match v {
        Value::Fixnum(n) if n >= lo as i64 && n <= hi as i64 => Ok(n as usize),
        _ => {
            let ty = list(cx.mc, &[cx.g.s.integer.into(), Value::Fixnum(lo as i64), Value::Fixnum(hi as i64)]);
            Err(cx.type_error(v, ty))
        }
    }
}

pub fn parse_integer<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let string = args[0];
    let chars: Vec<char> = cx.check_string(string)?.chars().collect();
    let [start, end, radix, junk] = parse_keys(cx, &args[1..], ["START", "END", "RADIX", "JUNK-ALLOWED"])?;
    let len = chars.len();
    let end = match end.unwrap_or(Value::Nil) {
        Value::Nil => len,
        v => check_bound(cx, v, 0, len)?,
    };
    let start = check_bound(cx, start.unwrap_or(Value::Fixnum(0)), 0, end)?;
    let radix = match radix.unwrap_or(Value::Fixnum(10)) {
        Value::Fixnum(r @ 2..=36) => r as u32,
        v => {
            let ty = list(cx.mc, &[cx.g.s.integer.into(), Value::Fixnum(2), Value::Fixnum(36)]);
            return Err(cx.type_error(v, ty));
        }
    };
    let junk_allowed = junk.is_some_and(|v| v.truthy());
    let text = &chars[start..end];
    let mut i = text.iter().position(|&c| !is_whitespace(c)).unwrap_or(text.len());
    let at = |i: usize| Value::Fixnum((start + i) as i64);
    if i == text.len() {
        if junk_allowed {
            return cx.values(vec![Value::Nil, at(i)]);
        }
        return Err(parse_error(cx, "no non-whitespace characters in string ~S.", string));
    }
    let negative = text[i] == '-';
    if matches!(text[i], '+' | '-') {
        i += 1;
    }
    let digits_start = i;
    while i < text.len() && text[i].is_digit(radix) {
        i += 1;
    }
    let digits: String = text[digits_start..i].iter().collect();
    if i < text.len() && !junk_allowed {
        // Only whitespace may follow the digits.
        if text[i..].iter().all(|&c| is_whitespace(c)) && !digits.is_empty() {
            i = text.len();
        } else {
            return Err(parse_error(cx, "junk in string ~S", string));
        }
    }
    if digits.is_empty() {
        if junk_allowed {
            return cx.values(vec![Value::Nil, at(i)]);
        }
        return Err(parse_error(cx, "no digits in string ~S", string));
    }
    let Some(mut n) = BigInt::parse_bytes(digits.as_bytes(), radix) else {
        return Err(parse_error(cx, "junk in string ~S", string));
    };
    if negative {
        n = -n;
    }
    let n = Value::from_bigint(cx.mc, n);
    cx.values(vec![n, at(i)])
}
