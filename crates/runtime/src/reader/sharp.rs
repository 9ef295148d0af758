//! The standard `#` sub-macros (CLHS 2.4.8). Those that read a following
//! object push a frame; the rest read their token here.

use super::builtin::Builtin;
use super::charnames::char_from_name;
use super::machine::{Ev, Frame, ListKind, Reader, Res, Tail, Wrap};
use super::number::parse_rational;
use super::token::{bad_number, uninterned, Token};
use crate::heap::array::{new_array, Storage};
use crate::heap::Value;
use crate::vm::Cx;

/// Largest length `#n(` and `#n*` may ask for, and largest rank for `#nA`.
pub const MAX_LENGTH: u64 = 1 << 24;
pub const MAX_RANK: u64 = 65_529;

impl<'gc> Reader<'gc> {
    /// Runs the `#` sub-macro `b` for sub-character `sub`.
    pub fn sharp(&mut self, cx: &mut Cx<'gc, '_>, b: Builtin, sub: char, n: Option<u64>) -> Res<'gc, Ev<'gc>> {
        let suppress = self.suppressing(cx);
        match b {
            Builtin::SharpFunction => self.push_wrap(cx, Wrap::Form(cx.g.s.function.into())),
            Builtin::SharpVector => {
                if let Some(len) = n.filter(|&len| len > MAX_LENGTH && !suppress) {
                    return Err(self.error(cx, &format!("vector length {len} is too large")));
                }
                self.push(
                    cx,
                    Frame::List { close: ')', items: Vec::new(), tail: Tail::Proper, kind: ListKind::Vector(n) },
                )
            }
            Builtin::SharpCharacter => self.character(cx),
            Builtin::SharpUninterned => {
                let tok = self.read_token(cx, None)?;
                if suppress {
                    return Ok(Ev::Value(Value::Nil));
                }
                let case = self.case(cx)?;
                Ok(Ev::Value(uninterned(cx, self.stream, &tok, case)?))
            }
            Builtin::SharpEval => {
                if !suppress && !cx.g.s.read_eval.value().truthy() {
                    return Err(self.error(cx, "can't read #. while *READ-EVAL* is NIL"));
                }
                self.push_wrap(cx, Wrap::Eval)
            }
            Builtin::SharpFeature => {
                let s = &cx.g.s;
                let (package, suppress) = (s.package.value(), s.read_suppress.value());
                self.push_wrap(cx, Wrap::Feature { plus: sub == '+', package, suppress })?;
                s.package.set(cx.mc, Value::Package(cx.g.p.keyword));
                s.read_suppress.set(cx.mc, Value::Nil);
                Ok(Ev::Pushed)
            }
            Builtin::SharpBlockComment => self.block_comment(cx),
            Builtin::SharpRadix => self.radix(cx, sub, n),
            Builtin::SharpBits => self.bits(cx, n),
            Builtin::SharpLabel => {
                if suppress {
                    return self.push_wrap(cx, Wrap::Pass);
                }
                let n = self.label_number(cx, n, "=")?;
                match self.state.define(cx, n) {
                    Some(placeholder) => self.push_wrap(cx, Wrap::Label { n, placeholder }),
                    None => Err(self.error(cx, &format!("multiply defined label #{}=", show(n)))),
                }
            }
            Builtin::SharpReference => {
                if suppress {
                    return Ok(Ev::Value(Value::Nil));
                }
                let n = self.label_number(cx, n, "#")?;
                match self.state.reference(cx, n) {
                    Some(v) => Ok(Ev::Value(v)),
                    None => Err(self.error(cx, &format!("reference to undefined label #{}#", show(n)))),
                }
            }
            Builtin::SharpComplex => self.push_wrap(cx, Wrap::Complex),
            Builtin::SharpArray => match n {
                _ if suppress => self.push_wrap(cx, Wrap::Pass),
                None => Err(self.error(cx, "#A requires a rank argument, as in #2A")),
                Some(r) if r > MAX_RANK => Err(self.error(cx, &format!("array rank {r} is too large"))),
                Some(r) => self.push_wrap(cx, Wrap::Array(r)),
            },
            _ => self.builtin_macro(cx, b, sub),
        }
    }

    /// `#\x`, `#\Name`, `#\U+XXXX`: the first character is taken as is,
    /// any constituents after it make a name.
    fn character(&mut self, cx: &mut Cx<'gc, '_>) -> Res<'gc, Ev<'gc>> {
        let first = self.read_char_in_object(cx)?;
        let mut tok = Token::default();
        tok.push(first, true);
        self.extend_token(cx, &mut tok, None)?;
        if self.suppressing(cx) {
            return Ok(Ev::Value(Value::Nil));
        }
        if tok.chars.len() == 1 {
            return Ok(Ev::Value(Value::Char(first)));
        }
        let name = tok.raw();
        match char_from_name(&name) {
            Some(c) => Ok(Ev::Value(Value::Char(c))),
            None => Err(self.error(cx, &format!("unrecognized character name: \"{name}\""))),
        }
    }

    /// `#| ... |#`, nesting.
    fn block_comment(&mut self, cx: &mut Cx<'gc, '_>) -> Res<'gc, Ev<'gc>> {
        let mut depth = 1usize;
        let mut prev = None;
        while depth > 0 {
            let c = self.read_char_in_object(cx)?;
            prev = match (prev, c) {
                (Some('|'), '#') => {
                    depth -= 1;
                    None
                }
                (Some('#'), '|') => {
                    depth += 1;
                    None
                }
                _ => Some(c),
            };
        }
        Ok(Ev::Nothing)
    }

    /// `#x` `#b` `#o` `#nr`: a rational in that radix.
    fn radix(&mut self, cx: &mut Cx<'gc, '_>, sub: char, n: Option<u64>) -> Res<'gc, Ev<'gc>> {
        let suppress = self.suppressing(cx);
        let base = match (sub.to_ascii_uppercase(), n) {
            ('X', _) => 16,
            ('B', _) => 2,
            ('O', _) => 8,
            (_, Some(r)) if (2..=36).contains(&r) => r as u32,
            _ if suppress => 10,
            (_, Some(r)) => return Err(self.error(cx, &format!("illegal radix for #R: {r}"))),
            (_, None) => return Err(self.error(cx, "#R requires a radix argument, as in #16R")),
        };
        let tok = self.read_token(cx, None)?;
        if suppress {
            return Ok(Ev::Value(Value::Nil));
        }
        let text = tok.raw();
        let parsed = if tok.any_escape() { Ok(None) } else { parse_rational(cx, &text, base) };
        match parsed {
            Ok(Some(v)) => Ok(Ev::Value(v)),
            Ok(None) => Err(self.error(cx, &format!("#{sub} (base {base}) value is not a rational: {text}"))),
            Err(bad) => Err(self.error(cx, &bad_number(bad, &text))),
        }
    }

    /// `#*0101` and `#n*01`: a simple bit vector.
    fn bits(&mut self, cx: &mut Cx<'gc, '_>, n: Option<u64>) -> Res<'gc, Ev<'gc>> {
        let tok = self.read_token(cx, None)?;
        if self.suppressing(cx) {
            return Ok(Ev::Value(Value::Nil));
        }
        let mut bits = Vec::with_capacity(tok.chars.len());
        for (&c, &esc) in tok.chars.iter().zip(&tok.escaped) {
            match c {
                '0' | '1' if !esc => bits.push(c as u8 - b'0'),
                _ => return Err(self.error(cx, &format!("illegal element in a bit vector: #*{}", tok.raw()))),
            }
        }
        if let Some(len) = n {
            if len > MAX_LENGTH {
                return Err(self.error(cx, &format!("bit vector length {len} is too large")));
            }
            let len = len as usize;
            if bits.len() > len {
                return Err(self.error(cx, &format!("too many bits in #{len}*{}", tok.raw())));
            }
            match bits.last().copied() {
                Some(last) => bits.resize(len, last),
                None if len > 0 => return Err(self.error(cx, &format!("#{len}* needs at least one bit"))),
                None => {}
            }
        }
        Ok(Ev::Value(Value::Array(new_array(cx.mc, Storage::Bit(bits)))))
    }

    fn label_number(&self, cx: &Cx<'gc, '_>, n: Option<u64>, what: &str) -> Res<'gc, Value<'gc>> {
        match n {
            Some(n) => Ok(Value::int(cx.mc, n.min(i64::MAX as u64) as i64)),
            None => Err(self.error(cx, &format!("#{what} requires a label number, as in #1{what}"))),
        }
    }
}

/// A label number for messages.
fn show(n: Value<'_>) -> String {
    match n {
        Value::Fixnum(i) => i.to_string(),
        _ => "?".into(),
    }
}
