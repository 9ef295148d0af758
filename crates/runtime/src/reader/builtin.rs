//! The standard reader macro functions. Each is a native primitive (so
//! `get-macro-character` returns a real function); when the reader finds
//! one in the readtable it runs it inline on its frame stack instead of
//! calling it.

use crate::heap::function::FnKind;
use crate::heap::Value;

#[derive(Copy, Clone, PartialEq, Eq, Debug)]
pub enum Builtin {
    List,
    RightParen,
    Quote,
    Comment,
    String,
    Backquote,
    Comma,
    Dispatch,
    SharpFunction,
    SharpVector,
    SharpCharacter,
    SharpUninterned,
    SharpEval,
    SharpFeature,
    SharpBlockComment,
    SharpRadix,
    SharpBits,
    SharpLabel,
    SharpReference,
    SharpComplex,
    SharpArray,
}

/// The SYS primitive names of the standard macro functions.
const NAMES: &[(&str, Builtin)] = &[
    ("%READ-LIST", Builtin::List),
    ("%READ-RIGHT-PAREN", Builtin::RightParen),
    ("%READ-QUOTE", Builtin::Quote),
    ("%READ-COMMENT", Builtin::Comment),
    ("%READ-STRING", Builtin::String),
    ("%READ-BACKQUOTE", Builtin::Backquote),
    ("%READ-COMMA", Builtin::Comma),
    ("%READ-DISPATCH", Builtin::Dispatch),
    ("%SHARP-FUNCTION", Builtin::SharpFunction),
    ("%SHARP-VECTOR", Builtin::SharpVector),
    ("%SHARP-CHARACTER", Builtin::SharpCharacter),
    ("%SHARP-UNINTERNED", Builtin::SharpUninterned),
    ("%SHARP-EVAL", Builtin::SharpEval),
    ("%SHARP-FEATURE", Builtin::SharpFeature),
    ("%SHARP-BLOCK-COMMENT", Builtin::SharpBlockComment),
    ("%SHARP-RADIX", Builtin::SharpRadix),
    ("%SHARP-BITS", Builtin::SharpBits),
    ("%SHARP-LABEL", Builtin::SharpLabel),
    ("%SHARP-REFERENCE", Builtin::SharpReference),
    ("%SHARP-COMPLEX", Builtin::SharpComplex),
    ("%SHARP-ARRAY", Builtin::SharpArray),
];

impl Builtin {
    /// The standard macro a function object is, if it is one.
    pub fn of(f: Value<'_>) -> Option<Builtin> {
        let Value::Function(func) = f else { return None };
        let FnKind::Native(n) = &func.kind else { return None };
        if n.pkg != "SYS" {
            return None;
        }
        Builtin::named(n.name)
    }

    pub fn named(name: &str) -> Option<Builtin> {
        NAMES.iter().find(|(n, _)| *n == name).map(|(_, b)| *b)
    }

    /// Dispatch sub-character functions take (stream sub-char numarg).
    pub fn is_sharp(self) -> bool {
        !matches!(
            self,
            Builtin::List
                | Builtin::RightParen
                | Builtin::Quote
                | Builtin::Comment
                | Builtin::String
                | Builtin::Backquote
                | Builtin::Comma
                | Builtin::Dispatch
        )
    }
}
