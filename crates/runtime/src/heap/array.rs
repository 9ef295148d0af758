//! Arrays of every rank, strings and bit vectors share one object: a
//! storage vector specialised by element type, optional dimensions (rank
//! other than 1), a fill pointer, and an optional displacement.

use gc_arena::{Collect, Gc, Mutation, RefLock};

use super::value::Value;

/// The element storage, specialised by the array's upgraded element type.
#[derive(Collect)]
#[collect(no_drop)]
pub enum Storage<'gc> {
    T(Vec<Value<'gc>>),
    Char(Vec<char>),
    Bit(Vec<u8>),
    U8(Vec<u8>),
}

impl<'gc> Storage<'gc> {
    pub fn len(&self) -> usize {
        match self {
            Storage::T(v) => v.len(),
            Storage::Char(v) => v.len(),
            Storage::Bit(v) => v.len(),
            Storage::U8(v) => v.len(),
        }
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
    pub fn get(&self, i: usize) -> Value<'gc> {
        match self {
            Storage::T(v) => v[i],
            Storage::Char(v) => Value::Char(v[i]),
            Storage::Bit(v) => Value::Fixnum(v[i] as i64),
            Storage::U8(v) => Value::Fixnum(v[i] as i64),
        }
    }
}

#[derive(Collect)]
#[collect(no_drop)]
pub struct ArrayData<'gc> {
    pub storage: Storage<'gc>,
    /// `None` for vectors; the dimensions for arrays of any other rank.
    pub dims: Option<Vec<usize>>,
    pub fill: Option<usize>,
    pub adjustable: bool,
    /// The array this one is displaced to, and the offset into it.
    pub displaced: Option<(Gc<'gc, Array<'gc>>, usize)>,
}

/// An array object: its data behind a lock (`Gc<Array>` is a `GcRefLock`).
pub type Array<'gc> = RefLock<ArrayData<'gc>>;

/// A fresh simple vector of rank 1 over `storage`.
pub fn new_array<'gc>(mc: &Mutation<'gc>, storage: Storage<'gc>) -> Gc<'gc, Array<'gc>> {
    Gc::new(mc, RefLock::new(ArrayData { storage, dims: None, fill: None, adjustable: false, displaced: None }))
}

impl<'gc> ArrayData<'gc> {
    /// True for rank-1 arrays.
    pub fn is_vector(&self) -> bool {
        self.dims.is_none()
    }
    pub fn is_string(&self) -> bool {
        self.dims.is_none() && matches!(self.storage, Storage::Char(_))
    }
    /// A simple array: not adjustable, no fill pointer, not displaced.
    pub fn is_simple(&self) -> bool {
        !self.adjustable && self.fill.is_none() && self.displaced.is_none()
    }
    /// The active length of a vector (up to the fill pointer).
    pub fn length(&self) -> usize {
        self.fill.unwrap_or_else(|| self.storage.len())
    }
    /// The characters of a string (up to its fill pointer), as a Rust string.
    pub fn string(&self) -> Option<String> {
        match &self.storage {
            Storage::Char(v) if self.dims.is_none() => Some(v[..self.fill.unwrap_or(v.len())].iter().collect()),
            _ => None,
        }
    }
}

/// A fresh simple string.
pub fn make_string<'gc>(mc: &Mutation<'gc>, s: &str) -> Value<'gc> {
    Value::Array(new_array(mc, Storage::Char(s.chars().collect())))
}

/// A fresh simple vector.
pub fn make_vector<'gc>(mc: &Mutation<'gc>, items: Vec<Value<'gc>>) -> Value<'gc> {
    Value::Array(new_array(mc, Storage::T(items)))
}

impl<'gc> Value<'gc> {
    /// The Rust string for a Lisp string value.
    pub fn as_string(self) -> Option<String> {
        match self {
            Value::Array(a) => a.borrow().string(),
            _ => None,
        }
    }
    pub fn is_string(self) -> bool {
        matches!(self, Value::Array(a) if a.borrow().is_string())
    }
}
