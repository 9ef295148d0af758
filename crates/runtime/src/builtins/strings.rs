//! Primitives: strings (CLHS chapter 16) — designators, element access,
//! the twelve comparisons with their mismatch indices, case conversion
//! and trimming. Sequence functions on strings live with the sequences.

use gc_arena::Gc;

use super::args::{check_char, check_index, error_with, keys, sequence_items, store_element, type_spec};
use super::unicode;
use crate::heap::array::{new_array, Array, ArrayData, Storage};
use crate::heap::package::sym_name;
use crate::heap::Value;
use crate::vm::{Ctl, Cx, R};

crate::natives! {
    CL "STRINGP" 1 1 => stringp;
    CL "SIMPLE-STRING-P" 1 1 => simple_string_p;
    CL "STRING" 1 1 => string;
    CL "MAKE-STRING" 1 * => make_string;
    CL "CHAR" 2 2 => char;
    CL "SCHAR" 2 2 => schar;
    SYS "%SET-CHAR" 3 3 => set_char;
    CL "STRING=" 2 * => string_eq;
    CL "STRING/=" 2 * => string_ne;
    CL "STRING<" 2 * => string_lt;
    CL "STRING>" 2 * => string_gt;
    CL "STRING<=" 2 * => string_le;
    CL "STRING>=" 2 * => string_ge;
    CL "STRING-EQUAL" 2 * => string_equal;
    CL "STRING-NOT-EQUAL" 2 * => string_not_equal;
    CL "STRING-LESSP" 2 * => string_lessp;
    CL "STRING-GREATERP" 2 * => string_greaterp;
    CL "STRING-NOT-GREATERP" 2 * => string_not_greaterp;
    CL "STRING-NOT-LESSP" 2 * => string_not_lessp;
    CL "STRING-UPCASE" 1 * => string_upcase;
    CL "STRING-DOWNCASE" 1 * => string_downcase;
    CL "STRING-CAPITALIZE" 1 * => string_capitalize;
    CL "NSTRING-UPCASE" 1 * => nstring_upcase;
    CL "NSTRING-DOWNCASE" 1 * => nstring_downcase;
    CL "NSTRING-CAPITALIZE" 1 * => nstring_capitalize;
    CL "STRING-TRIM" 2 2 => string_trim;
    CL "STRING-LEFT-TRIM" 2 2 => string_left_trim;
    CL "STRING-RIGHT-TRIM" 2 2 => string_right_trim;
}

/// The longest string `make-string` builds before reporting heap exhaustion.
const MAX_STRING: usize = 1 << 31;

fn new_string<'gc>(cx: &Cx<'gc, '_>, chars: Vec<char>) -> Value<'gc> {
    Value::Array(new_array(cx.mc, Storage::Char(chars)))
}

/// The active characters of a string.
fn chars_of(d: &ArrayData<'_>) -> Vec<char> {
    match &d.storage {
        Storage::Char(v) if d.displaced.is_none() => v.get(..d.length()).unwrap_or(v).to_vec(),
        _ => super::args::vector_items(d)
            .into_iter()
            .filter_map(|v| if let Value::Char(c) = v { Some(c) } else { None })
            .collect(),
    }
}

/// A string argument (not a designator).
fn string_arg<'gc>(cx: &Cx<'gc, '_>, v: Value<'gc>) -> Result<Gc<'gc, Array<'gc>>, Ctl<'gc>> {
    match v {
        Value::Array(a) if a.borrow().is_string() => Ok(a),
        _ => Err(cx.type_error(v, cx.g.s.string.into())),
    }
}

fn designator_error<'gc>(cx: &Cx<'gc, '_>, v: Value<'gc>) -> Ctl<'gc> {
    let spec = type_spec(cx, "OR", &[cx.g.s.string.into(), cx.g.s.symbol.into(), cx.g.s.character.into()]);
    cx.type_error(v, spec)
}

/// The characters of a string designator (string, symbol or character).
fn designator_chars<'gc>(cx: &Cx<'gc, '_>, v: Value<'gc>) -> Result<Vec<char>, Ctl<'gc>> {
    match v {
        Value::Char(c) => Ok(vec![c]),
        Value::Nil | Value::Symbol(_) => Ok(sym_name(v).chars().collect()),
        Value::Array(a) if a.borrow().is_string() => Ok(chars_of(&a.borrow())),
        other => Err(designator_error(cx, other)),
    }
}

fn stringp<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    Ok(cx.bool(args[0].is_string()))
}

fn simple_string_p<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    Ok(cx.bool(matches!(args[0], Value::Array(a) if { let d = a.borrow(); d.is_string() && d.is_simple() })))
}

/// `string`: a string stands for itself; symbols and characters give fresh strings.
fn string<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    if args[0].is_string() {
        return Ok(args[0]);
    }
    let chars = designator_chars(cx, args[0])?;
    Ok(new_string(cx, chars))
}

fn make_string<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let [init, element_type] = keys(cx, &args[1..], ["INITIAL-ELEMENT", "ELEMENT-TYPE"])?;
    let n = check_index(cx, args[0])?;
    if let Some(t) = element_type {
        // A subtype of CHARACTER, possibly by DEFTYPE.
        let expanded = crate::builtins::types::spec::expand_storage_type(cx, t)?;
        let ok = matches!(sym_name(expanded), "CHARACTER" | "BASE-CHAR" | "STANDARD-CHAR")
            && matches!(expanded, Value::Symbol(s) if matches!(s.package.get(), Value::Package(p) if Gc::ptr_eq(p, cx.g.p.cl)));
        if !ok {
            return Err(error_with(
                cx,
                cx.g.s.simple_error.into(),
                "~S is not a valid :ELEMENT-TYPE for MAKE-STRING",
                &[t],
            ));
        }
    }
    let c = match init {
        Some(v) => check_char(cx, v)?,
        None => '\0',
    };
    if n > MAX_STRING {
        return Err(cx.storage_condition("heap exhausted: string too long"));
    }
    crate::heap::limit::check_room(cx, n * std::mem::size_of::<char>(), "a string")?;
    Ok(new_string(cx, vec![c; n]))
}

/// The index of `char`/`schar`: below the total size (fill pointers are ignored).
fn char_index<'gc>(cx: &Cx<'gc, '_>, d: &ArrayData<'gc>, v: Value<'gc>) -> Result<usize, Ctl<'gc>> {
    let size = d.total_size();
    match v {
        Value::Fixnum(i) if i >= 0 && (i as usize) < size => Ok(i as usize),
        Value::Fixnum(_) | Value::Bignum(_) => {
            let bound = crate::heap::list(cx.mc, &[Value::Fixnum(size as i64)]);
            Err(cx.type_error(v, type_spec(cx, "INTEGER", &[Value::Fixnum(0), bound])))
        }
        other => Err(cx.type_error(other, cx.g.s.integer.into())),
    }
}

fn char_at<'gc>(cx: &Cx<'gc, '_>, a: Gc<'gc, Array<'gc>>, index: Value<'gc>) -> R<'gc> {
    let d = a.borrow();
    let i = char_index(cx, &d, index)?;
    d.get(i).ok_or_else(|| cx.simple_error("string index out of range"))
}

fn char<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let a = string_arg(cx, args[0])?;
    char_at(cx, a, args[1])
}

fn schar<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    match args[0] {
        Value::Array(a)
            if {
                let d = a.borrow();
                d.is_string() && d.is_simple()
            } =>
        {
            char_at(cx, a, args[1])
        }
        other => Err(cx.type_error(other, super::args::cl_sym(cx, "SIMPLE-STRING"))),
    }
}

/// `(%set-char string index char)`: `(setf char)` and `(setf schar)`.
fn set_char<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let a = string_arg(cx, args[0])?;
    check_char(cx, args[2])?;
    let i = char_index(cx, &a.borrow(), args[1])?;
    if !store_element(cx.mc, a, i, args[2]) {
        return Err(cx.simple_error("string index out of range"));
    }
    Ok(args[2])
}

/// A bounding index designator pair for a sequence of length `len`.
fn bounds<'gc>(
    cx: &Cx<'gc, '_>,
    start: Option<Value<'gc>>,
    end: Option<Value<'gc>>,
    len: usize,
) -> Result<(usize, usize), Ctl<'gc>> {
    let bad = |cx: &Cx<'gc, '_>, v: Value<'gc>, lo: usize| {
        cx.type_error(v, type_spec(cx, "INTEGER", &[Value::Fixnum(lo as i64), Value::Fixnum(len as i64)]))
    };
    let s = match start {
        None => 0,
        Some(Value::Fixnum(n)) if n >= 0 && n as usize <= len => n as usize,
        Some(v) => return Err(bad(cx, v, 0)),
    };
    let e = match end {
        None | Some(Value::Nil) => len,
        Some(Value::Fixnum(n)) if n >= s as i64 && n as usize <= len => n as usize,
        Some(v) => return Err(bad(cx, v, s)),
    };
    Ok((s, e))
}

/// The two substrings a comparison looks at, and the start of the first.
struct Compared {
    a: Vec<char>,
    b: Vec<char>,
    start1: usize,
}

fn compared<'gc>(cx: &Cx<'gc, '_>, args: &[Value<'gc>], fold: bool) -> Result<Compared, Ctl<'gc>> {
    let [start1, end1, start2, end2] = keys(cx, &args[2..], ["START1", "END1", "START2", "END2"])?;
    let a = designator_chars(cx, args[0])?;
    let b = designator_chars(cx, args[1])?;
    let (s1, e1) = bounds(cx, start1, end1, a.len())?;
    let (s2, e2) = bounds(cx, start2, end2, b.len())?;
    let f = |c: &char| if fold { unicode::fold(*c) } else { *c };
    Ok(Compared { a: a[s1..e1].iter().map(f).collect(), b: b[s2..e2].iter().map(f).collect(), start1: s1 })
}

/// Compares lexicographically; the length of the common prefix comes with it.
fn order(c: &Compared) -> (std::cmp::Ordering, usize) {
    let i = c.a.iter().zip(&c.b).take_while(|(x, y)| x == y).count();
    let ord = match (c.a.get(i), c.b.get(i)) {
        (None, None) => std::cmp::Ordering::Equal,
        (None, Some(_)) => std::cmp::Ordering::Less,
        (Some(_), None) => std::cmp::Ordering::Greater,
        (Some(x), Some(y)) => x.cmp(y),
    };
    (ord, i)
}

/// A comparison returning the mismatch index when `wanted` holds.
fn compare<'gc>(cx: &Cx<'gc, '_>, args: &[Value<'gc>], fold: bool, wanted: fn(std::cmp::Ordering) -> bool) -> R<'gc> {
    let c = compared(cx, args, fold)?;
    let (ord, i) = order(&c);
    Ok(if wanted(ord) { Value::Fixnum((c.start1 + i) as i64) } else { Value::Nil })
}

fn string_eq<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let c = compared(cx, args, false)?;
    Ok(cx.bool(c.a == c.b))
}
fn string_equal<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let c = compared(cx, args, true)?;
    Ok(cx.bool(c.a == c.b))
}
fn string_ne<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    compare(cx, args, false, |o| o.is_ne())
}
fn string_lt<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    compare(cx, args, false, |o| o.is_lt())
}
fn string_gt<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    compare(cx, args, false, |o| o.is_gt())
}
fn string_le<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    compare(cx, args, false, |o| o.is_le())
}
fn string_ge<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    compare(cx, args, false, |o| o.is_ge())
}
fn string_not_equal<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    compare(cx, args, true, |o| o.is_ne())
}
fn string_lessp<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    compare(cx, args, true, |o| o.is_lt())
}
fn string_greaterp<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    compare(cx, args, true, |o| o.is_gt())
}
fn string_not_greaterp<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    compare(cx, args, true, |o| o.is_le())
}
fn string_not_lessp<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    compare(cx, args, true, |o| o.is_ge())
}

#[derive(Copy, Clone)]
enum Case {
    Up,
    Down,
    Capitalize,
}

/// Converts the case of `chars[start..end]` in place.
fn convert(chars: &mut [char], case: Case) {
    let mut in_word = false;
    for c in chars.iter_mut() {
        *c = match case {
            Case::Up => unicode::upcase(*c),
            Case::Down => unicode::downcase(*c),
            Case::Capitalize => {
                let word_char = unicode::is_alphanumeric(*c);
                let out = if !word_char {
                    *c
                } else if in_word {
                    unicode::downcase(*c)
                } else {
                    unicode::upcase(*c)
                };
                in_word = word_char;
                out
            }
        };
    }
}

/// `string-upcase` and friends: a fresh string, converted between `:start` and `:end`.
fn case_copy<'gc>(cx: &Cx<'gc, '_>, args: &[Value<'gc>], case: Case) -> R<'gc> {
    let [start, end] = keys(cx, &args[1..], ["START", "END"])?;
    let mut chars = designator_chars(cx, args[0])?;
    let (s, e) = bounds(cx, start, end, chars.len())?;
    convert(&mut chars[s..e], case);
    Ok(new_string(cx, chars))
}

/// `nstring-upcase` and friends: the string itself, converted in place.
fn case_in_place<'gc>(cx: &Cx<'gc, '_>, args: &[Value<'gc>], case: Case) -> R<'gc> {
    let [start, end] = keys(cx, &args[1..], ["START", "END"])?;
    let a = string_arg(cx, args[0])?;
    let mut chars = chars_of(&a.borrow());
    let (s, e) = bounds(cx, start, end, chars.len())?;
    convert(&mut chars[s..e], case);
    for (i, &c) in chars.iter().enumerate().take(e).skip(s) {
        store_element(cx.mc, a, i, Value::Char(c));
    }
    Ok(args[0])
}

fn string_upcase<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    case_copy(cx, args, Case::Up)
}
fn string_downcase<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    case_copy(cx, args, Case::Down)
}
fn string_capitalize<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    case_copy(cx, args, Case::Capitalize)
}
fn nstring_upcase<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    case_in_place(cx, args, Case::Up)
}
fn nstring_downcase<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    case_in_place(cx, args, Case::Down)
}
fn nstring_capitalize<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    case_in_place(cx, args, Case::Capitalize)
}

/// Trims characters in `bag` (a sequence) from the left and/or right of a string designator.
fn trim<'gc>(cx: &Cx<'gc, '_>, args: &[Value<'gc>], left: bool, right: bool) -> R<'gc> {
    let bag = sequence_items(cx, args[0])?;
    let chars = designator_chars(cx, args[1])?;
    let in_bag = |c: &char| bag.iter().any(|b| matches!(b, Value::Char(x) if x == c));
    let start = if left { chars.iter().position(|c| !in_bag(c)).unwrap_or(chars.len()) } else { 0 };
    let end = if right { chars.iter().rposition(|c| !in_bag(c)).map_or(start, |i| i + 1) } else { chars.len() };
    Ok(new_string(cx, chars[start..end.max(start)].to_vec()))
}

fn string_trim<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    trim(cx, args, true, true)
}
fn string_left_trim<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    trim(cx, args, true, false)
}
fn string_right_trim<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    trim(cx, args, false, true)
}

#[cfg(test)]
#[path = "strings_tests.rs"]
mod tests;
