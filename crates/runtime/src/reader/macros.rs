//! The standard macro characters (CLHS 2.4): `(` `)` `'` `;` `"` backquote,
//! comma, and the dispatching `#` that reads a numeric argument and a
//! sub-character and looks up its function.

use num_bigint::BigInt;
use num_traits::ToPrimitive;

use super::builtin::Builtin;
use super::errors::eof_error;
use super::machine::{Ev, Frame, ListKind, Reader, Res, Tail, Wrap};
use super::readtable::{self, Syntax};
use crate::heap::array::make_string;
use crate::heap::Value;
use crate::streams::ops;
use crate::vm::Cx;

/// Longer numeric arguments to `#` are rejected.
const MAX_NUMARG_DIGITS: usize = 100;

impl<'gc> Reader<'gc> {
    /// Runs the standard macro `b` for character `c`.
    pub fn builtin_macro(&mut self, cx: &mut Cx<'gc, '_>, b: Builtin, c: char) -> Res<'gc, Ev<'gc>> {
        let s = &cx.g.s;
        match b {
            Builtin::List => {
                self.push(cx, Frame::List { close: ')', items: Vec::new(), tail: Tail::Proper, kind: ListKind::List })
            }
            Builtin::RightParen => Err(self.error(cx, "unmatched close parenthesis")),
            Builtin::Quote => self.push_wrap(cx, Wrap::Form(s.quote.into())),
            Builtin::Comment => {
                while let Some(ch) = self.read_char(cx)? {
                    if ch == '\n' {
                        break;
                    }
                }
                Ok(Ev::Nothing)
            }
            Builtin::String => self.string(cx, c),
            Builtin::Backquote => self.push_wrap(cx, Wrap::Backquote),
            Builtin::Comma => self.comma(cx),
            Builtin::Dispatch => self.dispatch(cx, c),
            _ => self.sharp(cx, b, c, None),
        }
    }

    /// `"`: characters up to the next unescaped `delim`.
    fn string(&mut self, cx: &mut Cx<'gc, '_>, delim: char) -> Res<'gc, Ev<'gc>> {
        let mut text = String::new();
        loop {
            let ch = self.read_char_in_object(cx)?;
            if ch == delim {
                break;
            }
            if self.syntax(cx, ch)? == Syntax::SingleEscape {
                text.push(self.read_char_in_object(cx)?);
            } else {
                text.push(ch);
            }
        }
        Ok(Ev::Value(if self.suppressing(cx) { Value::Nil } else { make_string(cx.mc, &text) }))
    }

    /// `,` `,@` `,.`: only inside a backquote.
    fn comma(&mut self, cx: &mut Cx<'gc, '_>) -> Res<'gc, Ev<'gc>> {
        if self.backquote_depth() <= 0 && !self.suppressing(cx) {
            return Err(self.error(cx, "comma not inside a backquote"));
        }
        let s = &cx.g.s;
        let sym = match self.read_char(cx)? {
            Some('@') => s.unquote_splicing,
            Some('.') => s.unquote_nsplicing,
            Some(ch) => {
                ops::unread_char(cx, self.stream, ch)?;
                s.unquote
            }
            None => return Err(eof_error(cx, self.stream)),
        };
        self.push_wrap(cx, Wrap::Comma(sym.into()))
    }

    /// A dispatching macro character: decimal digits, a sub-character,
    /// then the sub-character's function.
    fn dispatch(&mut self, cx: &mut Cx<'gc, '_>, c: char) -> Res<'gc, Ev<'gc>> {
        let mut digits = String::new();
        let sub = loop {
            let ch = self.read_char_in_object(cx)?;
            if !ch.is_ascii_digit() {
                break ch;
            }
            if digits.len() >= MAX_NUMARG_DIGITS {
                return Err(self.error(cx, "numeric argument to a dispatching macro character is too long"));
            }
            digits.push(ch);
        };
        let numarg = (!digits.is_empty()).then(|| BigInt::parse_bytes(digits.as_bytes(), 10)).flatten();
        let rt = readtable::current(cx)?;
        let found = readtable::with(rt, |r| r.dispatch_function(c, sub)).unwrap_or(Err(readtable::NotDispatching));
        let f = match found {
            Ok(Some(f)) => f,
            Ok(None) if matches!(sub, '\x08' | '\t' | '\n' | '\x0c' | '\r' | ' ' | ')' | '<') => {
                return Err(self.error(cx, &format!("illegal sharp macro character: {}", char_designation(sub))));
            }
            Ok(None) => {
                return Err(self.error(cx, &format!("no dispatch function defined for {}", char_designation(sub))));
            }
            Err(readtable::NotDispatching) => {
                return Err(self.error(cx, &format!("{} is not a dispatching macro character", char_designation(c))))
            }
        };
        match Builtin::of(f) {
            Some(b) if b.is_sharp() => self.sharp(cx, b, sub, numarg.as_ref().map(|n| n.to_u64().unwrap_or(u64::MAX))),
            Some(b) => self.builtin_macro(cx, b, sub),
            None => {
                let n = numarg.map(|n| Value::from_bigint(cx.mc, n)).unwrap_or(Value::Nil);
                self.call_macro(cx, f, &[crate::streams::gray::lisp_value(self.stream), Value::Char(sub), n])
            }
        }
    }
}

/// `#\x` or `#\Name` for messages.
pub fn char_designation(c: char) -> String {
    match crate::printer::char_name(c) {
        Some(name) => format!("#\\{name}"),
        None => format!("#\\{c}"),
    }
}
