//! Arrays of every rank, strings and bit vectors share one object: a
//! storage vector specialised by element type, optional dimensions (rank
//! other than 1), a fill pointer, and an optional displacement.
//!
//! Invariants: an array that is not displaced owns exactly `total_size()`
//! elements in `storage`. A displaced array owns none (its `storage` is an
//! empty vector of the right variant, which records the element type) and
//! always has `dims` (one entry for a vector); its elements are those of
//! the target starting at the offset. Code outside this module should read
//! and write elements through `get`/`array_set`/`elements`, which follow
//! displacement, rather than index `storage` directly.

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

/// An upgraded array element type: `t`, `character`, `bit` or `(unsigned-byte 8)`.
#[derive(Copy, Clone, PartialEq, Eq, Debug)]
pub enum ElemType {
    T,
    Char,
    Bit,
    U8,
}

impl ElemType {
    /// Bytes one element occupies (for allocation limits and GC debt).
    pub fn elem_bytes(self) -> usize {
        match self {
            ElemType::T => std::mem::size_of::<Value>(),
            ElemType::Char => 4,
            ElemType::Bit | ElemType::U8 => 1,
        }
    }
    /// True when `v` can be stored in an array of this element type.
    pub fn accepts(self, v: Value<'_>) -> bool {
        match self {
            ElemType::T => true,
            ElemType::Char => matches!(v, Value::Char(_)),
            ElemType::Bit => matches!(v, Value::Fixnum(0 | 1)),
            ElemType::U8 => matches!(v, Value::Fixnum(0..=255)),
        }
    }
    /// The default element of a fresh array when no initial element is
    /// given (0 for general arrays, as in SBCL).
    pub fn default_elem<'gc>(self) -> Value<'gc> {
        match self {
            ElemType::T => Value::Fixnum(0),
            ElemType::Char => Value::Char('\0'),
            ElemType::Bit | ElemType::U8 => Value::Fixnum(0),
        }
    }
}

/// Why an element access failed.
#[derive(Copy, Clone, PartialEq, Eq, Debug)]
pub enum AccessError {
    /// The index is outside the array (or outside its displacement target).
    Bounds,
    /// The value is not of the array's element type.
    Type,
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
    /// The element at `i`; the caller guarantees `i < len()`.
    pub fn get(&self, i: usize) -> Value<'gc> {
        match self {
            Storage::T(v) => v[i],
            Storage::Char(v) => Value::Char(v[i]),
            Storage::Bit(v) => Value::Fixnum(v[i] as i64),
            Storage::U8(v) => Value::Fixnum(v[i] as i64),
        }
    }
    /// The element at `i`, or `None` when `i` is out of range.
    pub fn try_get(&self, i: usize) -> Option<Value<'gc>> {
        (i < self.len()).then(|| self.get(i))
    }
    /// Stores `v` at `i`, checking the index and the element type.
    pub fn set(&mut self, i: usize, v: Value<'gc>) -> Result<(), AccessError> {
        if i >= self.len() {
            return Err(AccessError::Bounds);
        }
        match (self, v) {
            (Storage::T(s), v) => s[i] = v,
            (Storage::Char(s), Value::Char(c)) => s[i] = c,
            (Storage::Bit(s), Value::Fixnum(n @ 0..=1)) => s[i] = n as u8,
            (Storage::U8(s), Value::Fixnum(n @ 0..=255)) => s[i] = n as u8,
            _ => return Err(AccessError::Type),
        }
        Ok(())
    }
    pub fn elem_type(&self) -> ElemType {
        match self {
            Storage::T(_) => ElemType::T,
            Storage::Char(_) => ElemType::Char,
            Storage::Bit(_) => ElemType::Bit,
            Storage::U8(_) => ElemType::U8,
        }
    }
    /// An empty storage of element type `et`.
    pub fn empty(et: ElemType) -> Storage<'gc> {
        match et {
            ElemType::T => Storage::T(Vec::new()),
            ElemType::Char => Storage::Char(Vec::new()),
            ElemType::Bit => Storage::Bit(Vec::new()),
            ElemType::U8 => Storage::U8(Vec::new()),
        }
    }
    /// Storage of `n` copies of `init`, or `Err(Type)` if `init` is not of
    /// type `et`, or `Err(Bounds)` if the memory cannot be reserved.
    pub fn filled(et: ElemType, n: usize, init: Value<'gc>) -> Result<Storage<'gc>, AccessError> {
        if !et.accepts(init) {
            return Err(AccessError::Type);
        }
        let mut s = Storage::empty(et);
        s.try_reserve(n)?;
        s.resize(n, init);
        Ok(s)
    }
    fn try_reserve(&mut self, n: usize) -> Result<(), AccessError> {
        let r = match self {
            Storage::T(v) => v.try_reserve_exact(n),
            Storage::Char(v) => v.try_reserve_exact(n),
            Storage::Bit(v) | Storage::U8(v) => v.try_reserve_exact(n),
        };
        r.map_err(|_| AccessError::Bounds)
    }
    /// Truncates or extends to `n` elements, new ones being `fill` (which
    /// the caller has checked is of the element type).
    pub fn resize(&mut self, n: usize, fill: Value<'gc>) {
        match self {
            Storage::T(v) => v.resize(n, fill),
            Storage::Char(v) => v.resize(n, if let Value::Char(c) = fill { c } else { '\0' }),
            Storage::Bit(v) | Storage::U8(v) => v.resize(n, if let Value::Fixnum(k) = fill { k as u8 } else { 0 }),
        }
    }
    /// Storage holding `items`, which the caller has checked are of type `et`.
    pub fn from_values(et: ElemType, items: &[Value<'gc>]) -> Storage<'gc> {
        let byte = |v: &Value<'gc>| if let Value::Fixnum(k) = v { *k as u8 } else { 0 };
        match et {
            ElemType::T => Storage::T(items.to_vec()),
            ElemType::Char => Storage::Char(items.iter().map(|v| if let Value::Char(c) = v { *c } else { '\0' }).collect()),
            ElemType::Bit => Storage::Bit(items.iter().map(byte).collect()),
            ElemType::U8 => Storage::U8(items.iter().map(byte).collect()),
        }
    }
}

#[derive(Collect)]
#[collect(no_drop)]
pub struct ArrayData<'gc> {
    pub storage: Storage<'gc>,
    /// `None` for vectors that own their storage; the dimensions otherwise
    /// (displaced arrays always carry them, a displaced vector has one).
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
        self.dims.as_ref().is_none_or(|d| d.len() == 1)
    }
    pub fn is_string(&self) -> bool {
        self.is_vector() && matches!(self.storage, Storage::Char(_))
    }
    /// A simple array: not adjustable, no fill pointer, not displaced.
    pub fn is_simple(&self) -> bool {
        !self.adjustable && self.fill.is_none() && self.displaced.is_none()
    }
    pub fn rank(&self) -> usize {
        self.dims.as_ref().map_or(1, |d| d.len())
    }
    /// The dimensions (one for a vector: its total size, ignoring the fill pointer).
    pub fn dimensions(&self) -> Vec<usize> {
        match &self.dims {
            Some(d) => d.clone(),
            None => vec![self.storage.len()],
        }
    }
    /// The number of elements (the product of the dimensions).
    pub fn total_size(&self) -> usize {
        match &self.dims {
            Some(d) => d.iter().product(),
            None => self.storage.len(),
        }
    }
    /// The active length of a vector (up to the fill pointer).
    pub fn length(&self) -> usize {
        self.fill.unwrap_or_else(|| self.total_size())
    }
    pub fn elem_type(&self) -> ElemType {
        self.storage.elem_type()
    }
    /// The element at row-major index `i`, following displacement; `None`
    /// when `i` is outside the array or its target.
    pub fn get(&self, i: usize) -> Option<Value<'gc>> {
        if i >= self.total_size() {
            return None;
        }
        match self.displaced {
            None => self.storage.try_get(i),
            Some((target, off)) => get_in(target, i.checked_add(off)?),
        }
    }
    /// The elements at row-major indices `start..end` (following
    /// displacement), or `None` if any is out of range.
    pub fn elements(&self, start: usize, end: usize) -> Option<Vec<Value<'gc>>> {
        if start > end || end > self.total_size() {
            return None;
        }
        match (&self.displaced, &self.storage) {
            (None, Storage::T(v)) => Some(v.get(start..end)?.to_vec()),
            (None, Storage::Char(v)) => Some(v.get(start..end)?.iter().map(|&c| Value::Char(c)).collect()),
            (None, Storage::Bit(v) | Storage::U8(v)) => Some(v.get(start..end)?.iter().map(|&b| Value::Fixnum(b as i64)).collect()),
            (Some(_), _) => (start..end).map(|i| self.get(i)).collect(),
        }
    }
    /// The active elements of a vector (up to the fill pointer).
    pub fn active_elements(&self) -> Option<Vec<Value<'gc>>> {
        self.elements(0, self.length())
    }
    /// The characters of a string (up to its fill pointer), as a Rust string.
    pub fn string(&self) -> Option<String> {
        if !self.is_string() {
            return None;
        }
        let n = self.length();
        match (&self.displaced, &self.storage) {
            (None, Storage::Char(v)) => Some(v[..n.min(v.len())].iter().collect()),
            _ => (0..n).map(|i| match self.get(i) {
                Some(Value::Char(c)) => Some(c),
                _ => None,
            }).collect(),
        }
    }
}

/// The element at row-major index `i` of `a`, following displacement
/// chains iteratively (they are acyclic: displacement never forms a loop).
pub fn get_in<'gc>(a: Gc<'gc, Array<'gc>>, i: usize) -> Option<Value<'gc>> {
    let (mut cur, mut idx) = (a, i);
    loop {
        let next = {
            let d = cur.borrow();
            if idx >= d.total_size() {
                return None;
            }
            match d.displaced {
                None => return d.storage.try_get(idx),
                Some((t, off)) => (t, idx.checked_add(off)?),
            }
        };
        (cur, idx) = next;
    }
}

/// Stores `v` at row-major index `i` of `a`, following displacement.
pub fn array_set<'gc>(mc: &Mutation<'gc>, a: Gc<'gc, Array<'gc>>, i: usize, v: Value<'gc>) -> Result<(), AccessError> {
    let (mut cur, mut idx) = (a, i);
    loop {
        let next = {
            let d = cur.borrow();
            if idx >= d.total_size() {
                return Err(AccessError::Bounds);
            }
            match d.displaced {
                Some((t, off)) => (t, idx.checked_add(off).ok_or(AccessError::Bounds)?),
                None => break,
            }
        };
        (cur, idx) = next;
    }
    if !cur.borrow().elem_type().accepts(v) {
        return Err(AccessError::Type);
    }
    cur.borrow_mut(mc).storage.set(idx, v)
}

/// True if `a` is `b` or is displaced (directly or through a chain) to `b`.
pub fn displaced_onto<'gc>(a: Gc<'gc, Array<'gc>>, b: Gc<'gc, Array<'gc>>) -> bool {
    let mut cur = a;
    loop {
        if Gc::ptr_eq(cur, b) {
            return true;
        }
        let next = cur.borrow().displaced;
        match next {
            Some((t, _)) => cur = t,
            None => return false,
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
