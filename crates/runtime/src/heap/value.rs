//! `Value`: the tagged word every Lisp object is, and the identity
//! predicates (`eq`, `eql`) that the rest of the runtime builds on.
//!
//! Immediates (fixnums, characters, floats, NIL) live in the word itself;
//! everything else is a `Gc` pointer into the gc-arena heap. NIL is both
//! the symbol and the empty list: `Value::Nil`, whose symbol cells live in
//! `Globals::nil_sym`. `Unbound` is an internal marker that Lisp code never
//! sees as a value (empty value/function cells, unbound slots).

use gc_arena::{Collect, Gc, Lock};

use super::array::Array;
use super::function::Function;
use super::hash::HashTable;
use super::number::{Big, Complex, Ratio};
use super::object::{Instance, Object};
use super::package::Package;
use super::symbol::Symbol;
use super::cons::Cons;
use crate::streams::Stream;

#[derive(Copy, Clone, Collect)]
#[collect(no_drop)]
pub enum Value<'gc> {
    Nil,
    Unbound,
    Fixnum(i64),
    Char(char),
    Single(f32),
    Double(f64),
    Cons(Gc<'gc, Cons<'gc>>),
    Symbol(Gc<'gc, Symbol<'gc>>),
    Bignum(Gc<'gc, Big>),
    Ratio(Gc<'gc, Ratio>),
    Complex(Gc<'gc, Complex<'gc>>),
    Array(Gc<'gc, Array<'gc>>),
    Package(Gc<'gc, Package<'gc>>),
    HashTable(Gc<'gc, HashTable<'gc>>),
    Function(Gc<'gc, Function<'gc>>),
    Instance(Gc<'gc, Instance<'gc>>),
    Stream(Gc<'gc, Stream<'gc>>),
    /// A mutable box holding a closed-over variable (never seen by Lisp code).
    Cell(Gc<'gc, Lock<Value<'gc>>>),
    /// Everything else: readtables, random states, pathnames, code objects...
    Object(Gc<'gc, Object<'gc>>),
}

/// Fixnums are 62-bit like SBCL's on 64-bit machines: results outside this
/// range become bignums, so `most-positive-fixnum` means the same thing.
pub const FIXNUM_MAX: i64 = (1 << 62) - 1;
pub const FIXNUM_MIN: i64 = -(1 << 62);

impl<'gc> Value<'gc> {
    /// The heap object `self` refers to, type erased; `None` for an immediate.
    pub fn gc_ptr(self) -> Option<gc_arena::Gc<'gc, ()>> {
        use gc_arena::Gc;
        Some(match self {
            Value::Nil | Value::Unbound | Value::Fixnum(_) | Value::Char(_) | Value::Single(_) | Value::Double(_) => return None,
            Value::Cons(g) => Gc::erase(g),
            Value::Symbol(g) => Gc::erase(g),
            Value::Bignum(g) => Gc::erase(g),
            Value::Ratio(g) => Gc::erase(g),
            Value::Complex(g) => Gc::erase(g),
            Value::Array(g) => Gc::erase(g),
            Value::Package(g) => Gc::erase(g),
            Value::HashTable(g) => Gc::erase(g),
            Value::Function(g) => Gc::erase(g),
            Value::Instance(g) => Gc::erase(g),
            Value::Stream(g) => Gc::erase(g),
            Value::Cell(g) => Gc::erase(g),
            Value::Object(g) => Gc::erase(g),
        })
    }

    #[inline]
    pub fn is_nil(self) -> bool {
        matches!(self, Value::Nil)
    }
    #[inline]
    pub fn truthy(self) -> bool {
        !matches!(self, Value::Nil)
    }
    #[inline]
    pub fn is_unbound(self) -> bool {
        matches!(self, Value::Unbound)
    }
    #[inline]
    pub fn is_list(self) -> bool {
        matches!(self, Value::Nil | Value::Cons(_))
    }
    #[inline]
    pub fn is_symbol(self) -> bool {
        matches!(self, Value::Nil | Value::Symbol(_))
    }
    #[inline]
    pub fn as_cons(self) -> Option<Gc<'gc, Cons<'gc>>> {
        match self {
            Value::Cons(c) => Some(c),
            _ => None,
        }
    }
    #[inline]
    pub fn as_fixnum(self) -> Option<i64> {
        match self {
            Value::Fixnum(n) => Some(n),
            _ => None,
        }
    }
    /// A fixnum in range, or a bignum when `n` is beyond the fixnum range.
    #[inline]
    pub fn int(mc: &gc_arena::Mutation<'gc>, n: i64) -> Value<'gc> {
        if (FIXNUM_MIN..=FIXNUM_MAX).contains(&n) {
            Value::Fixnum(n)
        } else {
            Value::Bignum(Gc::new(mc, Big(n.into())))
        }
    }
    pub fn bool(b: bool, t: Value<'gc>) -> Value<'gc> {
        if b {
            t
        } else {
            Value::Nil
        }
    }

    /// `eq`: identity. Immediates compare by bits (characters and fixnums
    /// are eq when equal, as in every practical implementation).
    #[inline]
    pub fn eq(self, other: Value<'gc>) -> bool {
        use Value::*;
        match (self, other) {
            (Nil, Nil) | (Unbound, Unbound) => true,
            (Fixnum(a), Fixnum(b)) => a == b,
            (Char(a), Char(b)) => a == b,
            (Single(a), Single(b)) => a.to_bits() == b.to_bits(),
            (Double(a), Double(b)) => a.to_bits() == b.to_bits(),
            _ => match (self.heap_addr(), other.heap_addr()) {
                (Some(a), Some(b)) => a == b,
                _ => false,
            },
        }
    }

    /// `eql`: `eq`, or numbers of the same type and value, or equal characters.
    pub fn eql(self, other: Value<'gc>) -> bool {
        use Value::*;
        match (self, other) {
            (Bignum(a), Bignum(b)) => a.0 == b.0,
            (Ratio(a), Ratio(b)) => a.num == b.num && a.den == b.den,
            (Complex(a), Complex(b)) => a.re.eql(b.re) && a.im.eql(b.im),
            _ => self.eq(other),
        }
    }

    /// The address of a heap object, stable for its lifetime (gc-arena never
    /// moves objects): used for `eq` and for `eq`/`eql` hashing.
    #[inline]
    pub fn heap_addr(self) -> Option<usize> {
        use Value::*;
        Some(match self {
            Cons(p) => Gc::as_ptr(p) as *const () as usize,
            Symbol(p) => Gc::as_ptr(p) as *const () as usize,
            Bignum(p) => Gc::as_ptr(p) as *const () as usize,
            Ratio(p) => Gc::as_ptr(p) as *const () as usize,
            Complex(p) => Gc::as_ptr(p) as *const () as usize,
            Array(p) => Gc::as_ptr(p) as *const () as usize,
            Package(p) => Gc::as_ptr(p) as *const () as usize,
            HashTable(p) => Gc::as_ptr(p) as *const () as usize,
            Function(p) => Gc::as_ptr(p) as *const () as usize,
            Instance(p) => Gc::as_ptr(p) as *const () as usize,
            Stream(p) => Gc::as_ptr(p) as *const () as usize,
            Cell(p) => Gc::as_ptr(p) as *const () as usize,
            Object(p) => Gc::as_ptr(p) as *const () as usize,
            _ => return None,
        })
    }

    pub fn is_number(self) -> bool {
        use Value::*;
        matches!(self, Fixnum(_) | Single(_) | Double(_) | Bignum(_) | Ratio(_) | Complex(_))
    }
}
