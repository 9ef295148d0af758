//! The marshaller: one serializer for images (the whole heap reachable
//! from the globals) and fasls (compiled top-level forms). gc-arena has no
//! heap walk, so an image is a marshal from the root, in the manner of
//! Janet's marsh.c.
//!
//! After the header (`header.rs`) come *segments*: an image is one, a fasl
//! has one per top-level form, loaded just before the form runs (so a form
//! can refer to a package an earlier form made). A fasl file may be several
//! fasls concatenated, each with its header (`fasl.rs`). Objects are numbered
//! across segments; a segment writes only the objects first reached from
//! its root, in two spaces.
//! - Mutable objects (conses, symbols, arrays, packages, hash tables,
//!   instances, funcallable instances, streams, cells, readtables, random
//!   states) are written
//!   twice: first a *shell* holding only plain data (a symbol's name, a
//!   string's characters...), then, once every object exists, a *fill*
//!   with the references (car and cdr, a symbol's cells...). Shells are
//!   created first, so references to them can be resolved from anywhere.
//! - Immutable objects (functions, code objects, environments) must be
//!   built with their contents, so they are written once, children first.
//!   Their references never form a cycle on their own (a cycle needs a
//!   mutation, hence a mutable object), so a depth-first walk that does
//!   not descend into mutable objects gives that order.
//! In a fasl, symbols and packages are immutable records naming them
//! (interned again when loaded). Instances (and funcallable instances)
//! are made at load time by their load forms (CLHS 3.2.4.4): compile-file
//! finds them with `fasl_instances`, writes segments running their
//! creation and initialization forms, and hands `save_fasl` each instance
//! with the variable its creation form sets; the instance is then written
//! as an immutable record naming that variable, read as its value. Other
//! objects that cannot be dumped (streams, readtables) make the write fail
//! with an error.
//! Numbers other than fixnums and floats are written inline by value.
//! Hash tables are refilled last and rehashed, since their keys' hashes
//! depend on addresses and on other objects' contents. Natives are written
//! as their position in the primitive tables; the build id in the header
//! guarantees those tables are the same when the image is read.

mod atomic;
mod fasl;
mod header;
mod read;
pub mod wire;
mod write;

pub use atomic::write_atomically;
pub use fasl::{fasl_next, open_fasl, FaslState};
pub use header::{build_id, header_len, is_current_fasl_header, is_fasl_header, reseal, rewrap};
pub use read::{decode_body, load_image, Trust};
pub use write::{fasl_instances, save_fasl, save_image};

use gc_arena::{Collect, Gc};

use crate::bytecode::Code;
use crate::heap::object::Object;
use crate::heap::Value;

/// A numbered object: a heap value or a code object (which Lisp code only
/// sees wrapped in a function or a code constant).
#[derive(Copy, Clone, Collect)]
#[collect(no_drop)]
pub enum Obj<'gc> {
    V(Value<'gc>),
    Code(Gc<'gc, Code<'gc>>),
}

#[derive(Copy, Clone, PartialEq, Eq)]
enum Mode {
    Image,
    Fasl,
}

/// True for objects written as shell + fill; false for immutable ones.
/// Only called on heap objects.
fn is_mutable(mode: Mode, v: Value<'_>) -> bool {
    match v {
        Value::Function(f) => matches!(f.kind, crate::heap::function::FnKind::Funcallable(_)),
        Value::Symbol(_) | Value::Package(_) => mode == Mode::Image,
        Value::Object(o) => matches!(&*o, Object::Readtable(_) | Object::RandomState(_)),
        _ => true,
    }
}

/// Why `v` cannot be written in this mode, if it cannot.
fn undumpable(mode: Mode, v: Value<'_>) -> Option<&'static str> {
    match (mode, v) {
        (_, Value::Object(o)) if matches!(&*o, Object::Fasl(_)) => Some("a fasl being loaded"),
        (Mode::Fasl, Value::Stream(_)) => Some("a stream"),
        (Mode::Fasl, Value::Instance(_)) => Some("an instance without a load form"),
        (Mode::Fasl, Value::Function(f)) if matches!(f.kind, crate::heap::function::FnKind::Funcallable(_)) => {
            Some("a funcallable instance without a load form")
        }
        (Mode::Fasl, Value::Object(o)) if matches!(&*o, Object::Readtable(_)) => Some("a readtable"),
        _ => None,
    }
}

/// Tags of values.
mod tag {
    pub const NIL: u8 = 0;
    pub const UNBOUND: u8 = 1;
    pub const FIXNUM: u8 = 2;
    pub const CHAR: u8 = 3;
    pub const SINGLE: u8 = 4;
    pub const DOUBLE: u8 = 5;
    pub const BIGNUM: u8 = 6;
    pub const RATIO: u8 = 7;
    pub const COMPLEX: u8 = 8;
    /// A mutable object, by number.
    pub const MUT: u8 = 9;
    /// An immutable object, by number.
    pub const IMM: u8 = 10;
}

/// Tags of shells (mutable objects).
mod shell {
    pub const CONS: u8 = 0;
    pub const SYMBOL: u8 = 1;
    pub const ARRAY: u8 = 2;
    pub const PACKAGE: u8 = 3;
    pub const HASH_TABLE: u8 = 4;
    pub const INSTANCE: u8 = 5;
    pub const STREAM: u8 = 6;
    pub const CELL: u8 = 7;
    pub const READTABLE: u8 = 8;
    pub const RANDOM_STATE: u8 = 9;
    /// A funcallable instance (a generic function): a function whose
    /// name, class, slots and function come in its fill.
    pub const FUNCALLABLE: u8 = 10;
}

/// Tags of immutable records.
mod imm {
    pub const NATIVE: u8 = 0;
    pub const CLOSURE: u8 = 1;
    pub const CODE: u8 = 2;
    pub const CODE_OBJECT: u8 = 3;
    pub const ENV: u8 = 4;
    /// In fasls: a symbol by package name (or none) and name.
    pub const SYMBOL: u8 = 5;
    /// In fasls: a package by name.
    pub const PACKAGE: u8 = 6;
    /// A pathname: whether it is logical, then its six components.
    pub const PATHNAME: u8 = 7;
    /// In fasls: an object made by a load form, as the variable its
    /// creation form set (an earlier segment ran it).
    pub const LOADED: u8 = 8;
}

/// Kinds of streams, in a stream's shell.
mod stream {
    pub const STRING_IN: u8 = 0;
    pub const STRING_OUT: u8 = 1;
    pub const STRING_FILL: u8 = 2;
    pub const STDIN: u8 = 3;
    pub const STDOUT: u8 = 4;
    pub const STDERR: u8 = 5;
    pub const FILE: u8 = 6;
    pub const SYNONYM: u8 = 8;
    pub const TWO_WAY: u8 = 9;
    pub const ECHO: u8 = 10;
    pub const BROADCAST: u8 = 11;
    pub const CONCATENATED: u8 = 12;
}

/// Small enums, by position.
mod enums {
    use crate::heap::array::ElemType;
    use crate::heap::hash::{Test, Weakness};
    use crate::reader::readtable::{Case, Syntax};

    pub const ELEM_TYPES: [ElemType; 4] = [ElemType::T, ElemType::Char, ElemType::Bit, ElemType::U8];
    pub const TESTS: [Test; 4] = [Test::Eq, Test::Eql, Test::Equal, Test::Equalp];
    pub const WEAKNESSES: [Weakness; 5] =
        [Weakness::None, Weakness::Key, Weakness::Value, Weakness::KeyAndValue, Weakness::KeyOrValue];
    pub const CASES: [Case; 4] = [Case::Upcase, Case::Downcase, Case::Preserve, Case::Invert];
    pub const SYNTAXES: [Syntax; 6] = [
        Syntax::Constituent,
        Syntax::Whitespace,
        Syntax::TerminatingMacro,
        Syntax::NonTerminatingMacro,
        Syntax::SingleEscape,
        Syntax::MultipleEscape,
    ];

    /// The position of `x` in `table` (every value is listed).
    pub fn index<T: PartialEq>(table: &[T], x: &T) -> u8 {
        table.iter().position(|t| t == x).expect("every variant is listed") as u8
    }
}

#[cfg(test)]
mod tests;
