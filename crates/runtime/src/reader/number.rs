//! Numeric tokens (CLHS 2.3.1): logos classifies the text of a finished
//! token without escapes as an integer, ratio or float shape; this module
//! checks the digits against the radix and builds the number.

use logos::Logos;
use num_bigint::BigInt;
use num_traits::Zero;

use crate::heap::Value;
use crate::vm::Cx;

/// The shape of a token that may be a number.
#[derive(Logos, Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// Decimal digits and a trailing decimal point: a decimal integer.
    #[regex(r"[+-]?[0-9]+\.", priority = 20)]
    DecimalInteger,
    /// Digits (letters too, for radixes above ten): an integer if every
    /// digit is valid in the radix.
    #[regex(r"[+-]?[0-9a-zA-Z]+", priority = 5)]
    Digits,
    #[regex(r"[+-]?[0-9a-zA-Z]+/[0-9a-zA-Z]+", priority = 5)]
    Ratio,
    #[regex(
        r"[+-]?([0-9]*\.[0-9]+([eEsSfFdDlL][+-]?[0-9]+)?|[0-9]+(\.[0-9]*)?[eEsSfFdDlL][+-]?[0-9]+)",
        priority = 20
    )]
    Float,
}

/// Why a token with number syntax could not become a number.
#[derive(Debug, PartialEq, Eq)]
pub enum Bad {
    DivisionByZero,
    FloatOverflow,
}

/// The float formats a token can ask for.
#[derive(Copy, Clone, PartialEq, Eq, Debug)]
pub enum FloatFormat {
    Single,
    Double,
}

/// The whole token's shape, if one pattern covers all of it.
fn shape(text: &str) -> Option<Shape> {
    let mut lex = Shape::lexer(text);
    match lex.next() {
        Some(Ok(s)) if lex.span() == (0..text.len()) => Some(s),
        _ => None,
    }
}

/// Interprets `text` as a number in `base`: `Ok(None)` if it is not one
/// (so it names a symbol). `default` is `*read-default-float-format*`.
pub fn parse<'gc>(cx: &Cx<'gc, '_>, text: &str, base: u32, default: FloatFormat) -> Result<Option<Value<'gc>>, Bad> {
    let Some(sh) = shape(text) else { return Ok(None) };
    match sh {
        Shape::DecimalInteger => Ok(integer(cx, &text[..text.len() - 1], 10)),
        Shape::Digits => Ok(integer(cx, text, base)),
        Shape::Ratio => rational(cx, text, base),
        Shape::Float => {
            // In radixes above 14 a token like 1E5 is an integer first.
            if base > 10 && !text.contains('.') {
                if let Some(v) = integer(cx, text, base) {
                    return Ok(Some(v));
                }
            }
            float(text, default).map(Some)
        }
    }
}

/// Parses a rational (integer or ratio) in `base`, as `#x`, `#b`, `#o` and
/// `#r` want: floats and other tokens give `Ok(None)`.
pub fn parse_rational<'gc>(cx: &Cx<'gc, '_>, text: &str, base: u32) -> Result<Option<Value<'gc>>, Bad> {
    match shape(text) {
        Some(Shape::Ratio) => rational(cx, text, base),
        Some(Shape::Digits) | Some(Shape::Float) if !text.contains('.') => Ok(integer(cx, text, base)),
        _ => Ok(None),
    }
}

/// An optionally signed integer whose digits are all valid in `base`.
fn integer<'gc>(cx: &Cx<'gc, '_>, text: &str, base: u32) -> Option<Value<'gc>> {
    let (neg, digits) = split_sign(text);
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(base)) {
        return None;
    }
    if digits.len() <= 12 {
        let n = i64::from_str_radix(digits, base).ok()?;
        return Some(Value::int(cx.mc, if neg { -n } else { n }));
    }
    let n = BigInt::parse_bytes(digits.as_bytes(), base)?;
    Some(Value::from_bigint(cx.mc, if neg { -n } else { n }))
}

fn split_sign(text: &str) -> (bool, &str) {
    match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    }
}

fn rational<'gc>(cx: &Cx<'gc, '_>, text: &str, base: u32) -> Result<Option<Value<'gc>>, Bad> {
    let Some((num, den)) = text.split_once('/') else { return Ok(None) };
    let (Some(n), Some(d)) = (big(num, base), big(den, base)) else { return Ok(None) };
    if d.is_zero() {
        return Err(Bad::DivisionByZero);
    }
    Ok(Some(Value::from_ratio(cx.mc, n, d)))
}

fn big(text: &str, base: u32) -> Option<BigInt> {
    let (neg, digits) = split_sign(text);
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(base)) {
        return None;
    }
    let n = BigInt::parse_bytes(digits.as_bytes(), base)?;
    Some(if neg { -n } else { n })
}

/// A float token: the exponent marker picks the format (e: the default).
fn float<'gc>(text: &str, default: FloatFormat) -> Result<Value<'gc>, Bad> {
    let mut format = default;
    let mut normal = String::with_capacity(text.len());
    for c in text.chars() {
        match c.to_ascii_lowercase() {
            'e' => normal.push('e'),
            's' | 'f' => {
                format = FloatFormat::Single;
                normal.push('e');
            }
            'd' | 'l' => {
                format = FloatFormat::Double;
                normal.push('e');
            }
            c => normal.push(c),
        }
    }
    // The lexer only lets decimal float syntax through, which Rust parses.
    let v = match format {
        FloatFormat::Single => normal.parse::<f32>().map(Value::Single),
        FloatFormat::Double => normal.parse::<f64>().map(Value::Double),
    };
    match v {
        Ok(Value::Single(f)) if f.is_infinite() => Err(Bad::FloatOverflow),
        Ok(Value::Double(f)) if f.is_infinite() => Err(Bad::FloatOverflow),
        Ok(v) => Ok(v),
        Err(_) => Err(Bad::FloatOverflow),
    }
}
