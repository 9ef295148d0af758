//! Primitives: characters (CLHS chapter 13): comparisons, case, the
//! character classes, codes and names. Unicode tables are in `unicode.rs`.

use gc_arena::Mutation;

use super::args::{check_char, type_spec};
use super::unicode;
use crate::heap::array::make_string;
use crate::heap::symbol::{flags, Symbol};
use crate::heap::{Globals, Value};
use crate::vm::{Ctl, Cx, R};

crate::natives! {
    CL "CHARACTERP" 1 1 => characterp;
    CL "CHAR=" 1 * => char_eq;
    CL "CHAR/=" 1 * => char_ne;
    CL "CHAR<" 1 * => char_lt;
    CL "CHAR>" 1 * => char_gt;
    CL "CHAR<=" 1 * => char_le;
    CL "CHAR>=" 1 * => char_ge;
    CL "CHAR-EQUAL" 1 * => char_equal;
    CL "CHAR-NOT-EQUAL" 1 * => char_not_equal;
    CL "CHAR-LESSP" 1 * => char_lessp;
    CL "CHAR-GREATERP" 1 * => char_greaterp;
    CL "CHAR-NOT-GREATERP" 1 * => char_not_greaterp;
    CL "CHAR-NOT-LESSP" 1 * => char_not_lessp;
    CL "CHAR-UPCASE" 1 1 => char_upcase;
    CL "CHAR-DOWNCASE" 1 1 => char_downcase;
    CL "UPPER-CASE-P" 1 1 => upper_case_p;
    CL "LOWER-CASE-P" 1 1 => lower_case_p;
    CL "BOTH-CASE-P" 1 1 => both_case_p;
    CL "ALPHA-CHAR-P" 1 1 => alpha_char_p;
    CL "ALPHANUMERICP" 1 1 => alphanumericp;
    CL "DIGIT-CHAR-P" 1 2 => digit_char_p;
    CL "DIGIT-CHAR" 1 2 => digit_char;
    CL "GRAPHIC-CHAR-P" 1 1 => graphic_char_p;
    CL "STANDARD-CHAR-P" 1 1 => standard_char_p;
    CL "CHAR-CODE" 1 1 => char_code;
    CL "CHAR-INT" 1 1 => char_code;
    CL "CODE-CHAR" 1 1 => code_char;
    CL "CHAR-NAME" 1 1 => char_name;
    CL "NAME-CHAR" 1 1 => name_char;
    CL "CHARACTER" 1 1 => character;
}

/// One more than the largest character code.
pub const CHAR_CODE_LIMIT: i64 = 0x110000;

/// Defines the constant `char-code-limit`.
pub fn init<'gc>(mc: &Mutation<'gc>, g: &Globals<'gc>) {
    if let Some(s) = g.sym(g.intern_in(mc, "CL", "CHAR-CODE-LIMIT")) {
        Symbol::set_value(s, mc, Value::Fixnum(CHAR_CODE_LIMIT));
        s.set_flag(flags::SPECIAL | flags::CONSTANT, true);
        let _ = crate::heap::package::export(g.p.cl, mc, Value::Symbol(s));
    }
}

fn characterp<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    Ok(cx.bool(matches!(args[0], Value::Char(_))))
}

fn chars<'gc>(cx: &Cx<'gc, '_>, args: &[Value<'gc>], fold: bool) -> Result<Vec<char>, Ctl<'gc>> {
    args.iter().map(|&v| check_char(cx, v).map(|c| if fold { unicode::fold(c) } else { c })).collect()
}

/// Every adjacent pair in order `ok` (after checking all arguments).
fn monotonic<'gc>(cx: &Cx<'gc, '_>, args: &[Value<'gc>], fold: bool, ok: fn(char, char) -> bool) -> R<'gc> {
    let cs = chars(cx, args, fold)?;
    Ok(cx.bool(cs.windows(2).all(|w| ok(w[0], w[1]))))
}

/// All arguments pairwise different.
fn all_different<'gc>(cx: &Cx<'gc, '_>, args: &[Value<'gc>], fold: bool) -> R<'gc> {
    let mut cs = chars(cx, args, fold)?;
    cs.sort_unstable();
    Ok(cx.bool(cs.windows(2).all(|w| w[0] != w[1])))
}

fn char_eq<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    monotonic(cx, args, false, |a, b| a == b)
}
fn char_ne<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    all_different(cx, args, false)
}
fn char_lt<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    monotonic(cx, args, false, |a, b| a < b)
}
fn char_gt<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    monotonic(cx, args, false, |a, b| a > b)
}
fn char_le<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    monotonic(cx, args, false, |a, b| a <= b)
}
fn char_ge<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    monotonic(cx, args, false, |a, b| a >= b)
}
fn char_equal<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    monotonic(cx, args, true, |a, b| a == b)
}
fn char_not_equal<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    all_different(cx, args, true)
}
fn char_lessp<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    monotonic(cx, args, true, |a, b| a < b)
}
fn char_greaterp<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    monotonic(cx, args, true, |a, b| a > b)
}
fn char_not_greaterp<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    monotonic(cx, args, true, |a, b| a <= b)
}
fn char_not_lessp<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    monotonic(cx, args, true, |a, b| a >= b)
}

fn map_char<'gc>(cx: &Cx<'gc, '_>, v: Value<'gc>, f: fn(char) -> char) -> R<'gc> {
    Ok(Value::Char(f(check_char(cx, v)?)))
}

fn test_char<'gc>(cx: &Cx<'gc, '_>, v: Value<'gc>, f: fn(char) -> bool) -> R<'gc> {
    Ok(cx.bool(f(check_char(cx, v)?)))
}

fn char_upcase<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    map_char(cx, args[0], unicode::upcase)
}
fn char_downcase<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    map_char(cx, args[0], unicode::downcase)
}
fn upper_case_p<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    test_char(cx, args[0], unicode::is_upper)
}
fn lower_case_p<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    test_char(cx, args[0], unicode::is_lower)
}
fn both_case_p<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    test_char(cx, args[0], unicode::both_case)
}
fn alpha_char_p<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    test_char(cx, args[0], unicode::is_alpha)
}
fn alphanumericp<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    test_char(cx, args[0], unicode::is_alphanumeric)
}
fn graphic_char_p<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    test_char(cx, args[0], unicode::is_graphic)
}
fn standard_char_p<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    test_char(cx, args[0], unicode::is_standard)
}

/// A radix argument: an integer from 2 to 36, 10 when absent.
fn radix<'gc>(cx: &Cx<'gc, '_>, v: Option<Value<'gc>>) -> Result<u32, Ctl<'gc>> {
    match v {
        None => Ok(10),
        Some(Value::Fixnum(r @ 2..=36)) => Ok(r as u32),
        Some(other) => Err(cx.type_error(other, type_spec(cx, "INTEGER", &[Value::Fixnum(2), Value::Fixnum(36)]))),
    }
}

fn digit_char_p<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let c = check_char(cx, args[0])?;
    let r = radix(cx, args.get(1).copied())?;
    Ok(unicode::digit_weight(c, r).map_or(Value::Nil, |w| Value::Fixnum(w as i64)))
}

fn digit_char<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let r = radix(cx, args.get(1).copied())?;
    match args[0] {
        Value::Fixnum(w) if w >= 0 => Ok(match char::from_digit(w.min(36) as u32, r) {
            Some(c) => Value::Char(c.to_ascii_uppercase()),
            None => Value::Nil,
        }),
        Value::Bignum(b) if b.0.sign() == num_bigint::Sign::Plus => Ok(Value::Nil),
        other => Err(cx.type_error(other, cx.g.s.unsigned_byte.into())),
    }
}

fn char_code<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    Ok(Value::Fixnum(check_char(cx, args[0])? as i64))
}

fn code_char<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    match args[0] {
        Value::Fixnum(n) if (0..CHAR_CODE_LIMIT).contains(&n) => {
            Ok(char::from_u32(n as u32).map_or(Value::Nil, Value::Char))
        }
        other => Err(cx.type_error(other, type_spec(cx, "MOD", &[Value::Fixnum(CHAR_CODE_LIMIT)]))),
    }
}

fn char_name<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let c = check_char(cx, args[0])?;
    Ok(make_string(cx.mc, &unicode::char_name(c)))
}

/// The text of a string designator (string, symbol or character).
pub fn designator_text<'gc>(cx: &Cx<'gc, '_>, v: Value<'gc>) -> Result<String, Ctl<'gc>> {
    match v {
        Value::Char(c) => Ok(c.to_string()),
        Value::Nil | Value::Symbol(_) => Ok(crate::heap::package::sym_name(v).to_string()),
        _ => v.as_string().ok_or_else(|| {
            let spec = type_spec(cx, "OR", &[cx.g.s.string.into(), cx.g.s.symbol.into(), cx.g.s.character.into()]);
            cx.type_error(v, spec)
        }),
    }
}

fn name_char<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let name = designator_text(cx, args[0])?;
    Ok(unicode::name_char(&name).map_or(Value::Nil, Value::Char))
}

/// `character`: a character, or a string or symbol name of length one.
fn character<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let v = args[0];
    let text = match v {
        Value::Char(c) => return Ok(Value::Char(c)),
        Value::Nil | Value::Symbol(_) => Some(crate::heap::package::sym_name(v).to_string()),
        _ => v.as_string(),
    };
    let mut it = text.as_deref().unwrap_or("").chars();
    match (text.is_some(), it.next(), it.next()) {
        (true, Some(c), None) => Ok(Value::Char(c)),
        _ => {
            let string1 = type_spec(cx, "STRING", &[Value::Fixnum(1)]);
            let spec = type_spec(cx, "OR", &[cx.g.s.character.into(), string1]);
            Err(cx.type_error(v, spec))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::builtins::testutil::{err, ok, s, shown, sym};
    use crate::runtime::Runtime;

    #[test]
    fn comparisons() {
        Runtime::new().with_cx(|cx| {
            let (a, b, big_a) = (Value::Char('a'), Value::Char('b'), Value::Char('A'));
            assert!(ok(cx, "CHAR=", &[a]).truthy());
            assert!(ok(cx, "CHAR=", &[a, a, a]).truthy());
            assert!(ok(cx, "CHAR<", &[a, b]).truthy());
            assert!(ok(cx, "CHAR/=", &[a, b, a]).is_nil());
            assert!(ok(cx, "CHAR-EQUAL", &[a, big_a]).truthy());
            assert!(ok(cx, "CHAR-NOT-EQUAL", &[a, b, big_a]).is_nil());
            assert!(ok(cx, "CHAR-LESSP", &[a, Value::Char('B'), Value::Char('c')]).truthy());
            assert!(ok(cx, "CHAR-LESSP", &[Value::Char('_'), a]).truthy());
            assert!(ok(cx, "CHAR-GREATERP", &[b, big_a]).truthy());
            assert!(ok(cx, "CHAR-NOT-GREATERP", &[big_a, a]).truthy());
            assert!(ok(cx, "CHAR-NOT-LESSP", &[a, b]).is_nil());
            assert!(ok(cx, "CHAR>=", &[b, b, a]).truthy());
            assert!(err(cx, "CHAR<", &[a, Value::Fixnum(1)]).starts_with("TYPE-ERROR"));
        });
    }

    #[test]
    fn case_and_classes() {
        Runtime::new().with_cx(|cx| {
            assert_eq!(shown(cx, "CHAR-UPCASE", &[Value::Char('ä')]), "#\\Ä");
            assert_eq!(shown(cx, "CHAR-DOWNCASE", &[Value::Char('Σ')]), "#\\σ");
            // Sharp s has no one-to-one upper case: unchanged, as in SBCL.
            assert_eq!(shown(cx, "CHAR-UPCASE", &[Value::Char('ß')]), "#\\ß");
            let title = Value::Char('\u{1C5}');
            assert!(ok(cx, "BOTH-CASE-P", &[title]).truthy());
            assert!(ok(cx, "UPPER-CASE-P", &[title]).is_nil());
            assert!(ok(cx, "LOWER-CASE-P", &[title]).is_nil());
            assert!(ok(cx, "UPPER-CASE-P", &[Value::Char('Q')]).truthy());
            assert!(ok(cx, "LOWER-CASE-P", &[Value::Char('q')]).truthy());
            assert!(ok(cx, "BOTH-CASE-P", &[Value::Char('1')]).is_nil());
            assert!(ok(cx, "ALPHA-CHAR-P", &[Value::Char('中')]).truthy());
            assert!(ok(cx, "ALPHA-CHAR-P", &[Value::Char('\u{345}')]).is_nil());
            assert!(ok(cx, "ALPHANUMERICP", &[Value::Char('\u{664}')]).truthy());
            assert!(ok(cx, "ALPHANUMERICP", &[Value::Char('-')]).is_nil());
            assert!(ok(cx, "GRAPHIC-CHAR-P", &[Value::Char('\n')]).is_nil());
            assert!(ok(cx, "GRAPHIC-CHAR-P", &[Value::Char('é')]).truthy());
            assert!(ok(cx, "STANDARD-CHAR-P", &[Value::Char('\n')]).truthy());
            assert!(ok(cx, "STANDARD-CHAR-P", &[Value::Char('é')]).is_nil());
            assert!(err(cx, "ALPHA-CHAR-P", &[Value::Fixnum(1)]).starts_with("TYPE-ERROR"));
        });
    }

    #[test]
    fn digits() {
        Runtime::new().with_cx(|cx| {
            assert_eq!(ok(cx, "DIGIT-CHAR-P", &[Value::Char('7')]).as_fixnum(), Some(7));
            assert_eq!(ok(cx, "DIGIT-CHAR-P", &[Value::Char('z'), Value::Fixnum(36)]).as_fixnum(), Some(35));
            assert!(ok(cx, "DIGIT-CHAR-P", &[Value::Char('8'), Value::Fixnum(8)]).is_nil());
            assert_eq!(ok(cx, "DIGIT-CHAR-P", &[Value::Char('\u{664}')]).as_fixnum(), Some(4));
            assert!(ok(cx, "DIGIT-CHAR-P", &[Value::Char('\u{ff21}'), Value::Fixnum(16)]).is_nil());
            assert!(err(cx, "DIGIT-CHAR-P", &[Value::Char('a'), Value::Fixnum(37)]).contains("(INTEGER 2 36)"));
            assert_eq!(shown(cx, "DIGIT-CHAR", &[Value::Fixnum(10), Value::Fixnum(16)]), "#\\A");
            assert!(ok(cx, "DIGIT-CHAR", &[Value::Fixnum(10)]).is_nil());
            assert!(err(cx, "DIGIT-CHAR", &[Value::Fixnum(-1)]).starts_with("TYPE-ERROR"));
        });
    }

    #[test]
    fn codes_and_names() {
        Runtime::new().with_cx(|cx| {
            init(cx.mc, cx.g);
            let limit = cx.g.intern_in(cx.mc, "CL", "CHAR-CODE-LIMIT");
            assert_eq!(cx.g.sym(limit).unwrap().value().as_fixnum(), Some(0x110000));
            assert_eq!(ok(cx, "CHAR-CODE", &[Value::Char('a')]).as_fixnum(), Some(97));
            assert_eq!(ok(cx, "CHAR-INT", &[Value::Char('a')]).as_fixnum(), Some(97));
            assert_eq!(shown(cx, "CODE-CHAR", &[Value::Fixnum(955)]), "#\\λ");
            assert!(ok(cx, "CODE-CHAR", &[Value::Fixnum(0xD800)]).is_nil());
            assert!(err(cx, "CODE-CHAR", &[Value::Fixnum(0x110000)]).contains("(MOD 1114112)"));
            let name = |cx: &mut Cx<'_, '_>, c: char| {
                let v = ok(cx, "CHAR-NAME", &[Value::Char(c)]);
                v.as_string().unwrap()
            };
            assert_eq!(name(cx, ' '), "Space");
            assert_eq!(name(cx, '\n'), "Newline");
            assert_eq!(name(cx, '\u{7f}'), "Rubout");
            assert_eq!(name(cx, 'a'), "LATIN_SMALL_LETTER_A");
            assert_eq!(name(cx, '\u{e000}'), "UE000");
            for (text, code) in [
                ("space", 32),
                ("LINEFEED", 10),
                ("U+41", 65),
                ("u41", 65),
                ("^[", 27),
                ("Latin_Small_Letter_A", 97),
                ("UE000", 0xE000),
                ("Nul", 0),
            ] {
                let c = ok(cx, "NAME-CHAR", &[s(cx, text)]);
                assert!(matches!(c, Value::Char(x) if x as u32 == code), "{text}");
            }
            assert!(ok(cx, "NAME-CHAR", &[s(cx, "A")]).is_nil());
            assert!(ok(cx, "NAME-CHAR", &[s(cx, "U+110000")]).is_nil());
            let space = sym(cx, "SPACE");
            assert_eq!(shown(cx, "NAME-CHAR", &[space]), "#\\Space");
            // Every name round-trips.
            for code in (0..0x3000).chain([0x10FFFF]) {
                let Some(c) = char::from_u32(code) else { continue };
                assert_eq!(unicode::name_char(&unicode::char_name(c)), Some(c));
            }
        });
    }

    #[test]
    fn character_designators() {
        Runtime::new().with_cx(|cx| {
            assert_eq!(shown(cx, "CHARACTER", &[s(cx, "x")]), "#\\x");
            let a = sym(cx, "A");
            assert_eq!(shown(cx, "CHARACTER", &[a]), "#\\A");
            assert!(err(cx, "CHARACTER", &[s(cx, "ab")]).contains("(OR CHARACTER (STRING 1))"));
            assert!(err(cx, "CHARACTER", &[Value::Fixnum(65)]).starts_with("TYPE-ERROR"));
            assert!(ok(cx, "CHARACTERP", &[Value::Char('a')]).truthy());
            assert!(ok(cx, "CHARACTERP", &[s(cx, "a")]).is_nil());
        });
    }
}
