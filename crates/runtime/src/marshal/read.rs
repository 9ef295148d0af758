//! Reading a segment: shells first (every mutable object exists before
//! anything refers to it), then immutable records in order, then the
//! fills, then hash tables are refilled and rehashed, then the root. Bad
//! bytes are an error, never a panic: every number and reference is
//! checked as it is read.

use gc_arena::barrier::unlock;
use gc_arena::{Gc, Lock, Mutation, RefLock};
use hashbrown::HashMap;
use num_bigint::BigInt;

use super::enums::{CASES, ELEM_TYPES, SYNTAXES, TESTS, WEAKNESSES};
use super::header::{unwrap, IMAGE};
use super::wire::{corrupt, In, Res};
use super::{imm, shell, stream, tag, Obj};
use crate::builtins::TABLES;
use crate::bytecode::{codec, Body, Capture, Code, ImageBytes, KeySpec, LambdaShape, LazyBody};
use crate::heap::array::{ArrayData, Storage};
use crate::heap::function::{FnKind, Function, Funcallable};
use crate::heap::globals::{Pkgs, Syms};
use crate::heap::hash::{self, HashTable};
use crate::heap::number::{Big, Complex, Ratio};
use crate::heap::object::{Instance, Object};
use crate::heap::package::{self, Package, SymbolTable};
use crate::heap::symbol::Symbol;
use crate::heap::{Cons, Globals, Value};
use crate::numbers::random::Rng;
use crate::reader::readtable::{self, MacroEntry, Readtable};
use crate::streams::{Cleanup, Elem, FileStream, Kind, StreamData};

pub(super) struct Reader<'gc, 'b> {
    mc: &'b Mutation<'gc>,
    /// The globals, to find packages by name (fasls only).
    g: Option<&'b Globals<'gc>>,
    pub inp: In<'b>,
    /// The objects of this and earlier segments, by number.
    pub muts: Vec<Value<'gc>>,
    pub imms: Vec<Obj<'gc>>,
    /// Hash tables with the entries they get once everything is filled.
    tables: Vec<(Gc<'gc, HashTable<'gc>>, Vec<(Value<'gc>, Value<'gc>)>)>,
    /// The weak tables of an image, for its globals' registry.
    weak: Vec<Gc<'gc, HashTable<'gc>>>,
    /// For a trusted image (`Runtime::from_image`, the base image at every
    /// start), the image's bytes: code bodies are left encoded there and
    /// decoded when first used, unverified. Otherwise (fasls, untrusted
    /// images) every code body is decoded and checked by the bytecode
    /// verifier as it is read.
    lazy: Option<ImageBytes>,
}

/// How the code of an image is read.
pub enum Trust {
    /// Decoded and verified as it is read.
    Untrusted,
    /// Trusted (this build's base image, or one the caller vouches for):
    /// code bodies are decoded, unverified, when first used, from these
    /// bytes (the image's).
    Trusted(ImageBytes),
}

/// Rebuilds the heap of the image `bytes`, written by `save_image`.
pub fn load_image<'gc>(mc: &Mutation<'gc>, bytes: &[u8], trust: Trust) -> Res<Gc<'gc, Globals<'gc>>> {
    let body = unwrap(IMAGE, bytes)?;
    // Positions in the reader are positions in `bytes`, where lazy code
    // bodies are found later.
    let mut r = Reader::new(mc, None, In { bytes, pos: bytes.len() - body.len() });
    if let Trust::Trusted(image) = trust {
        debug_assert!(std::ptr::eq(&*image, bytes), "the bytes of a trusted image are those it is read from");
        r.lazy = Some(image);
    }
    let g = r.segment(|r| r.globals())?;
    if !r.inp.at_end() {
        return corrupt("trailing data after the image");
    }
    Ok(g)
}

impl<'gc, 'b> Reader<'gc, 'b> {
    /// A reader of `inp`; `g` is given for fasls, whose symbols and
    /// packages are found by name.
    pub fn new(mc: &'b Mutation<'gc>, g: Option<&'b Globals<'gc>>, inp: In<'b>) -> Reader<'gc, 'b> {
        Reader { mc, g, inp, muts: Vec::new(), imms: Vec::new(), tables: Vec::new(), weak: Vec::new(), lazy: None }
    }

    /// Reads the next segment's objects, then its root.
    pub fn segment<T>(&mut self, root: impl FnOnce(&mut Self) -> Res<T>) -> Res<T> {
        self.objects()?;
        root(self)
    }

    fn objects(&mut self) -> Res<()> {
        // Shells come in runs of one kind: how many in all, how many runs.
        // Every object takes at least a byte (of its shell or its fill).
        let total = self.inp.count()?;
        self.muts.reserve(total);
        let end = self.muts.len() + total;
        let n = self.inp.count()?;
        let mut runs = Vec::with_capacity(n);
        for _ in 0..n {
            let kind = self.inp.u8()?;
            // A fasl names its symbols and packages and makes its instances
            // with load forms; it cannot hold streams or readtables.
            let image_only = [shell::SYMBOL, shell::PACKAGE, shell::INSTANCE, shell::FUNCALLABLE, shell::STREAM, shell::READTABLE];
            if self.g.is_some() && image_only.contains(&kind) {
                return corrupt("an object a fasl cannot hold");
            }
            let n = self.inp.count()?;
            let start = self.muts.len();
            if n > end - start {
                return corrupt("more objects than announced");
            }
            if kind == shell::CONS {
                for _ in 0..n {
                    self.muts.push(crate::heap::cons(self.mc, Value::Nil, Value::Nil));
                }
            } else {
                for _ in 0..n {
                    let v = self.shell(kind)?;
                    self.muts.push(v);
                }
            }
            runs.push((kind, start..self.muts.len()));
        }
        if self.muts.len() != end {
            return corrupt("fewer objects than announced");
        }
        let n = self.inp.count()?;
        self.imms.reserve(n);
        for _ in 0..n {
            let o = self.record()?;
            self.imms.push(o);
        }
        // Fills, in the same order.
        let mc = self.mc;
        for (kind, run) in runs {
            match kind {
                shell::CONS => {
                    for i in run {
                        let Value::Cons(c) = self.muts[i] else { unreachable!("a run of conses") };
                        Cons::set_car(c, mc, self.value()?);
                        Cons::set_cdr(c, mc, self.value()?);
                    }
                }
                shell::SYMBOL => {
                    for i in run {
                        let Value::Symbol(s) = self.muts[i] else { unreachable!("a run of symbols") };
                        self.fill_symbol(s)?;
                    }
                }
                _ => {
                    for i in run {
                        self.fill(self.muts[i])?;
                    }
                }
            }
        }
        let tables = std::mem::take(&mut self.tables);
        for (t, pairs) in &tables {
            hash::restore_entries(*t, self.mc, pairs.clone());
        }
        for (t, _) in &tables {
            hash::rehash(*t, self.mc);
        }
        Ok(())
    }

    // --- references

    /// A value: an immediate, a number written inline, or a reference to
    /// an object by number. References are most of them: they are read
    /// inline, the rest out of line.
    #[inline(always)]
    pub fn value(&mut self) -> Res<Value<'gc>> {
        match self.inp.u8()? {
            tag::MUT => {
                let i = self.inp.usize()?;
                match self.muts.get(i) {
                    Some(&v) => Ok(v),
                    None => corrupt("reference to an object not yet read"),
                }
            }
            tag::IMM => {
                let i = self.inp.usize()?;
                match self.imms.get(i) {
                    Some(&Obj::V(v)) => Ok(v),
                    _ => corrupt("reference to an object not yet read"),
                }
            }
            tag::NIL => Ok(Value::Nil),
            tag::UNBOUND => Ok(Value::Unbound),
            t => self.inline_value(t),
        }
    }

    /// A value other than NIL, the unbound marker or a reference, after its tag.
    #[inline(never)]
    fn inline_value(&mut self, t: u8) -> Res<Value<'gc>> {
        let mc = self.mc;
        Ok(match t {
            tag::FIXNUM => Value::Fixnum(self.inp.int()?),
            tag::CHAR => match char::from_u32(self.inp.u32()?) {
                Some(c) => Value::Char(c),
                None => return corrupt("invalid character"),
            },
            tag::SINGLE => Value::Single(f32::from_bits(self.inp.u32()?)),
            tag::DOUBLE => Value::Double(f64::from_bits(self.inp.u64_raw()?)),
            tag::BIGNUM => Value::Bignum(Gc::new(mc, Big(self.bigint()?))),
            tag::RATIO => {
                let (num, den) = (self.bigint()?, self.bigint()?);
                if den <= BigInt::from(1) {
                    return corrupt("a ratio whose denominator is not above 1");
                }
                Value::Ratio(Gc::new(mc, Ratio { num, den }))
            }
            tag::COMPLEX => {
                // Parts are real numbers, read without recursing (no
                // nesting of complexes can exhaust the stack).
                let (re, im) = (self.real()?, self.real()?);
                Value::Complex(Gc::new(mc, Complex { re, im }))
            }
            _ => return corrupt("unknown value tag"),
        })
    }

    /// A real number written inline (a part of a complex).
    fn real(&mut self) -> Res<Value<'gc>> {
        match self.inp.bytes.get(self.inp.pos) {
            Some(&t @ (tag::FIXNUM | tag::SINGLE | tag::DOUBLE | tag::BIGNUM | tag::RATIO)) => {
                self.inp.pos += 1;
                self.inline_value(t)
            }
            _ => corrupt("a real number expected"),
        }
    }

    /// A package named in a fasl: it must exist by the time the segment loads.
    fn named_package(&mut self) -> Res<Gc<'gc, Package<'gc>>> {
        let name = self.inp.str()?;
        match self.g.and_then(|g| g.find_package(name)) {
            Some(p) => Ok(p),
            None => corrupt(format!("the package {name} does not exist")),
        }
    }

    fn bigint(&mut self) -> Res<BigInt> {
        Ok(BigInt::from_signed_bytes_le(self.inp.bytes()?))
    }

    fn values(&mut self) -> Res<Vec<Value<'gc>>> {
        let n = self.inp.count()?;
        let mut vs = Vec::with_capacity(n);
        for _ in 0..n {
            vs.push(self.value()?);
        }
        Ok(vs)
    }

    fn code(&mut self) -> Res<Gc<'gc, Code<'gc>>> {
        if self.inp.u8()? != tag::IMM {
            return corrupt("a code reference expected");
        }
        match self.imms.get(self.inp.usize()?) {
            Some(&Obj::Code(c)) => Ok(c),
            _ => corrupt("a code reference expected"),
        }
    }

    fn package(&mut self) -> Res<Gc<'gc, Package<'gc>>> {
        match self.value()? {
            Value::Package(p) => Ok(p),
            _ => corrupt("a package expected"),
        }
    }

    fn packages(&mut self) -> Res<Vec<Gc<'gc, Package<'gc>>>> {
        let n = self.inp.count()?;
        (0..n).map(|_| self.package()).collect()
    }

    fn char(&mut self) -> Res<char> {
        char::from_u32(self.inp.u32()?).map_or_else(|| corrupt("invalid character"), Ok)
    }

    fn pick<T: Copy>(&mut self, table: &[T]) -> Res<T> {
        let i = self.inp.u8()? as usize;
        table.get(i).copied().map_or_else(|| corrupt("invalid enumeration value"), Ok)
    }

    // --- the root

    fn globals(&mut self) -> Res<Gc<'gc, Globals<'gc>>> {
        let nil_sym = match self.value()? {
            Value::Symbol(s) => s,
            _ => return corrupt("NIL's symbol expected"),
        };
        let mut p = Vec::new();
        for _ in 0..6 {
            p.push(self.package()?);
        }
        let p = Pkgs { cl: p[0], keyword: p[1], user: p[2], sys: p[3], clove: p[4], uiop: p[5] };
        let mut syms = Vec::new();
        for v in self.values()? {
            match v {
                Value::Symbol(s) => syms.push(s),
                _ => return corrupt("a well-known symbol expected"),
            }
        }
        let Some(s) = Syms::from_each(syms.into_iter()) else { return corrupt("too few well-known symbols") };
        let n = self.inp.count()?;
        let mut packages = HashMap::new();
        for _ in 0..n {
            let name = self.inp.str()?.to_string();
            packages.insert(name, self.package()?);
        }
        let t = s.t.into();
        let weak_tables = Gc::new(self.mc, RefLock::new(self.weak.iter().map(|t| Gc::downgrade(*t)).collect()));
        Ok(Gc::new(self.mc, Globals { nil_sym, t, p, s, packages: RefLock::new(packages), weak_tables }))
    }

    // --- mutable objects: shells

    /// The shell of an object of the given kind.
    fn shell(&mut self, kind: u8) -> Res<Value<'gc>> {
        let mc = self.mc;
        Ok(match kind {
            shell::CONS => crate::heap::cons(mc, Value::Nil, Value::Nil),
            shell::SYMBOL => {
                let s = Symbol::new(mc, self.inp.str()?, Value::Nil);
                s.flags.set(self.inp.u8()?);
                Value::Symbol(s)
            }
            shell::ARRAY => Value::Array(Gc::new(mc, RefLock::new(self.array()?))),
            shell::PACKAGE => {
                let p = package::new(mc, self.inp.str()?);
                let n = self.inp.count()?;
                let nicknames = (0..n).map(|_| self.inp.str().map(str::to_string)).collect::<Res<_>>()?;
                let deleted = self.inp.bool()?;
                let mut d = p.borrow_mut(mc);
                d.nicknames = nicknames;
                d.deleted = deleted;
                drop(d);
                Value::Package(p)
            }
            shell::HASH_TABLE => {
                let test = self.pick(&TESTS)?;
                let t = hash::new_table(mc, test, self.inp.usize()?);
                let weakness = self.pick(&WEAKNESSES)?;
                if weakness != hash::Weakness::None {
                    t.borrow_mut(mc).weakness = weakness;
                    match self.g {
                        Some(g) => crate::heap::weak::register(g, mc, t),
                        None => self.weak.push(t),
                    }
                }
                Value::HashTable(t)
            }
            shell::INSTANCE => Value::Instance(Instance::new(mc, Value::Nil, Vec::new())),
            shell::FUNCALLABLE => Funcallable::new(mc, Instance::new(mc, Value::Nil, Vec::new()), Value::Nil, Value::Nil),
            shell::CELL => Value::Cell(Gc::new(mc, Lock::new(Value::Nil))),
            shell::STREAM => {
                let kind = self.stream_kind()?;
                let (open, input, output) = (self.inp.bool()?, self.inp.bool()?, self.inp.bool()?);
                let unread = self.inp.str()?.chars().collect();
                let (line, col) = (self.inp.u32()?, self.inp.u32()?);
                let v = StreamData::new_value(mc, kind, input, output);
                if let Value::Stream(s) = v {
                    let mut d = s.borrow_mut(mc);
                    d.open = open;
                    d.unread = unread;
                    d.line = line;
                    d.col = col;
                }
                v
            }
            shell::READTABLE => {
                let mut rt = Readtable::blank();
                rt.case = self.pick(&CASES)?;
                let n = self.inp.count()?;
                for _ in 0..n {
                    let c = self.char()?;
                    let s = self.pick(&SYNTAXES)?;
                    rt.set_syntax(c, s);
                }
                readtable::new_object(mc, rt)
            }
            shell::RANDOM_STATE => {
                let mut s = [0u64; 4];
                for w in &mut s {
                    *w = self.inp.u64_raw()?;
                }
                Value::Object(Gc::new(mc, Object::RandomState(RefLock::new(Rng::from_state(s)))))
            }
            _ => return corrupt("unknown object tag"),
        })
    }

    fn array(&mut self) -> Res<ArrayData<'gc>> {
        let et = self.pick(&ELEM_TYPES)?;
        let storage = match et {
            crate::heap::array::ElemType::T => Storage::T(vec![Value::Nil; self.inp.count()?]),
            crate::heap::array::ElemType::Char => {
                let bytes = self.inp.bytes()?;
                let mut chars = Vec::with_capacity(bytes.len());
                if bytes.is_ascii() {
                    // Most strings: each byte is a character.
                    chars.extend(bytes.iter().map(|&b| b as char));
                } else {
                    let Ok(s) = std::str::from_utf8(bytes) else { return corrupt("invalid UTF-8 in a string") };
                    chars.extend(s.chars());
                }
                Storage::Char(chars)
            }
            crate::heap::array::ElemType::Bit => Storage::Bit(self.inp.bytes()?.to_vec()),
            crate::heap::array::ElemType::U8 => Storage::U8(self.inp.bytes()?.to_vec()),
        };
        let dims = if self.inp.bool()? {
            let n = self.inp.count()?;
            let mut dims = Vec::with_capacity(n);
            for _ in 0..n {
                dims.push(self.inp.usize()?);
            }
            Some(dims)
        } else {
            None
        };
        let fill = self.inp.opt_usize()?;
        let adjustable = self.inp.bool()?;
        Ok(ArrayData { storage, dims, fill, adjustable, displaced: None })
    }

    fn stream_kind(&mut self) -> Res<Kind<'gc>> {
        Ok(match self.inp.u8()? {
            stream::STRING_IN => {
                let chars: Vec<char> = self.inp.str()?.chars().collect();
                let (pos, end) = (self.inp.usize()?, self.inp.usize()?);
                if pos > end || end > chars.len() {
                    return corrupt("string stream position out of range");
                }
                Kind::StringIn { chars, pos, end }
            }
            stream::STRING_OUT => Kind::StringOut { buf: self.inp.str()?.to_string() },
            stream::STRING_FILL => Kind::StringFill { target: Value::Nil },
            stream::STDIN => Kind::Stdin { buf: Vec::new(), pos: 0 },
            stream::STDOUT => Kind::Stdout,
            stream::STDERR => Kind::Stderr,
            stream::FILE => {
                let latin1 = self.inp.bool()?;
                let path = self.inp.str()?.to_string();
                let elem = match self.inp.uint()? {
                    0 => Elem::Char,
                    bits if bits <= crate::streams::file::MAX_BITS as u64 => Elem::Int { bits: bits as u32, signed: self.inp.bool()? },
                    _ => return corrupt("bad file stream element type"),
                };
                Kind::File(Box::new(FileStream::new(None, path, elem, latin1, Cleanup::None)))
            }
            stream::SYNONYM => Kind::Synonym { symbol: Value::Nil },
            stream::TWO_WAY => Kind::TwoWay { input: Value::Nil, output: Value::Nil },
            stream::ECHO => Kind::Echo { input: Value::Nil, output: Value::Nil },
            stream::BROADCAST => Kind::Broadcast { streams: Vec::new() },
            stream::CONCATENATED => Kind::Concatenated { streams: Vec::new() },
            _ => return corrupt("unknown stream kind"),
        })
    }

    // --- mutable objects: references

    fn fill_instance(&mut self, i: Gc<'gc, Instance<'gc>>) -> Res<()> {
        let class = self.value()?;
        unlock!(Gc::write(self.mc, i), Instance, class).set(class);
        let slots = self.values()?;
        *unlock!(Gc::write(self.mc, i), Instance, slots).borrow_mut() = slots;
        Ok(())
    }

    /// A symbol's cells: which differ from a fresh symbol's, then those.
    fn fill_symbol(&mut self, s: Gc<'gc, Symbol<'gc>>) -> Res<()> {
        let mc = self.mc;
        let mask = self.inp.u8()?;
        if mask >= 32 {
            return corrupt("invalid symbol cells");
        }
        if mask & 1 != 0 {
            Symbol::set_package(s, mc, self.value()?);
        }
        if mask & 2 != 0 {
            Symbol::set_value(s, mc, self.value()?);
        }
        if mask & 4 != 0 {
            Symbol::set_function(s, mc, self.value()?);
        }
        if mask & 8 != 0 {
            Symbol::set_setf_function(s, mc, self.value()?);
        }
        if mask & 16 != 0 {
            Symbol::set_plist(s, mc, self.value()?);
        }
        Ok(())
    }

    fn fill(&mut self, v: Value<'gc>) -> Res<()> {
        let mc = self.mc;
        match v {
            Value::Cons(c) => {
                Cons::set_car(c, mc, self.value()?);
                Cons::set_cdr(c, mc, self.value()?);
            }
            Value::Symbol(s) => self.fill_symbol(s)?,
            Value::Array(a) => {
                let n = match &a.borrow().storage {
                    Storage::T(items) => items.len(),
                    _ => 0,
                };
                let mut items = Vec::with_capacity(n);
                for _ in 0..n {
                    items.push(self.value()?);
                }
                let displaced = if self.inp.bool()? {
                    let Value::Array(target) = self.value()? else { return corrupt("an array expected") };
                    Some((target, self.inp.usize()?))
                } else {
                    None
                };
                let mut d = a.borrow_mut(mc);
                if n > 0 {
                    d.storage = Storage::T(items);
                }
                d.displaced = displaced;
                if !consistent(&d) {
                    return corrupt("an array whose dimensions, fill pointer and contents disagree");
                }
            }
            Value::Package(p) => {
                let internal = self.symbol_table()?;
                let external = self.symbol_table()?;
                let shadowing = self.values()?;
                let uses = self.packages()?;
                let used_by = self.packages()?;
                let n = self.inp.count()?;
                let mut local_nicknames = Vec::with_capacity(n);
                for _ in 0..n {
                    let nick = self.inp.str()?.to_string();
                    local_nicknames.push((nick, self.package()?));
                }
                let doc = self.value()?;
                let mut d = p.borrow_mut(mc);
                d.internal = internal;
                d.external = external;
                d.shadowing = shadowing;
                d.uses = uses;
                d.used_by = used_by;
                d.local_nicknames = local_nicknames;
                d.doc = doc;
            }
            Value::HashTable(h) => {
                let (size, threshold) = (self.value()?, self.value()?);
                let n = self.inp.count()?;
                let mut pairs = Vec::with_capacity(n);
                for _ in 0..n {
                    pairs.push((self.value()?, self.value()?));
                }
                let mut d = h.borrow_mut(mc);
                d.rehash_size = size;
                d.rehash_threshold = threshold;
                drop(d);
                self.tables.push((h, pairs));
            }
            Value::Instance(i) => self.fill_instance(i)?,
            Value::Function(f) => {
                let FnKind::Funcallable(fi) = &f.kind else { return corrupt("a fill for a function") };
                Function::set_name(f, mc, self.value()?);
                self.fill_instance(fi.instance)?;
                Funcallable::set_fun(*fi, mc, self.value()?);
                let (enabled, nkeys) = (self.inp.bool()?, self.inp.usize()?);
                let mut eqls = Vec::new();
                for _ in 0..self.inp.count()? {
                    let flat = self.values()?;
                    eqls.push(flat.chunks(2).map(|p| (p[0], p.get(1).copied().unwrap_or(Value::Nil))).collect());
                }
                let mut d = unlock!(Gc::write(mc, *fi), Funcallable, cache).borrow_mut();
                d.reset(enabled.then_some(nkeys), eqls);
            }
            Value::Cell(c) => {
                let x = self.value()?;
                c.unlock(mc).set(x);
            }
            Value::Stream(s) => self.stream_refs(s)?,
            Value::Object(o) => {
                if let Object::Readtable(_) = &*o {
                    let n = self.inp.count()?;
                    for _ in 0..n {
                        let c = self.char()?;
                        let non_terminating = self.inp.bool()?;
                        let function = self.value()?;
                        let dispatch = if self.inp.bool()? {
                            let m = self.inp.count()?;
                            let mut table = std::collections::HashMap::with_capacity(m);
                            for _ in 0..m {
                                let sub = self.char()?;
                                table.insert(sub, self.value()?);
                            }
                            Some(table)
                        } else {
                            None
                        };
                        let entry = MacroEntry { function, dispatch };
                        readtable::with_mut(mc, o, |rt| rt.set_macro_entry(c, entry, non_terminating));
                    }
                }
            }
            _ => return corrupt("not a mutable object"),
        }
        Ok(())
    }

    /// A package's symbols: each is filed under its own name.
    fn symbol_table(&mut self) -> Res<SymbolTable<'gc>> {
        let n = self.inp.count()?;
        let mut table = SymbolTable::with_capacity(n);
        for _ in 0..n {
            match self.value()? {
                s @ (Value::Symbol(_) | Value::Nil) => table.insert(s),
                _ => return corrupt("a symbol expected in a package"),
            }
        }
        Ok(table)
    }

    fn stream_refs(&mut self, s: Gc<'gc, crate::streams::Stream<'gc>>) -> Res<()> {
        let mc = self.mc;
        let tag = match &s.borrow().kind {
            Kind::StringFill { .. } | Kind::Synonym { .. } => 1,
            Kind::TwoWay { .. } | Kind::Echo { .. } => 2,
            Kind::Broadcast { .. } | Kind::Concatenated { .. } => 3,
            _ => 0,
        };
        match tag {
            1 => {
                let v = self.value()?;
                match &mut s.borrow_mut(mc).kind {
                    Kind::StringFill { target } => *target = v,
                    Kind::Synonym { symbol } => *symbol = v,
                    _ => {}
                }
            }
            2 => {
                let (i, o) = (self.value()?, self.value()?);
                if let Kind::TwoWay { input, output } | Kind::Echo { input, output } = &mut s.borrow_mut(mc).kind {
                    *input = i;
                    *output = o;
                }
            }
            3 => {
                let vs = self.values()?;
                if let Kind::Broadcast { streams } | Kind::Concatenated { streams } = &mut s.borrow_mut(mc).kind {
                    *streams = vs;
                }
            }
            _ => {}
        }
        Ok(())
    }

    // --- immutable objects

    fn record(&mut self) -> Res<Obj<'gc>> {
        let mc = self.mc;
        Ok(match self.inp.u8()? {
            imm::NATIVE => {
                let (t, i) = (self.inp.usize()?, self.inp.usize()?);
                let Some(n) = TABLES.get(t).and_then(|table| table.get(i)) else { return corrupt("unknown primitive") };
                Obj::V(Function::native(mc, n, self.value()?))
            }
            imm::CLOSURE => {
                let name = self.value()?;
                let code = self.code()?;
                let env = self.values()?.into_boxed_slice();
                if env.len() != code.captures.len() {
                    return corrupt("a closure whose environment does not match its code");
                }
                let f = Gc::new(mc, Function { name: Lock::new(name), kind: FnKind::Closure { code, env } });
                Obj::V(Value::Function(f))
            }
            imm::CODE => Obj::Code(self.code_record()?),
            imm::CODE_OBJECT => {
                let c = self.code()?;
                Obj::V(Value::Object(Gc::new(mc, Object::Code(c))))
            }
            imm::ENV => {
                let v = self.value()?;
                Obj::V(Value::Object(Gc::new(mc, Object::Env(v))))
            }
            imm::PATHNAME => {
                let logical = self.inp.bool()?;
                let Ok(c) = <[Value<'gc>; 6]>::try_from(self.values()?) else { return corrupt("bad pathname") };
                Obj::V(crate::pathnames::Pathname::from_components(c, logical).into_value(mc))
            }
            imm::SYMBOL => {
                let home = if self.inp.bool()? { Some(self.named_package()?) } else { None };
                let name = self.inp.str()?;
                Obj::V(match home {
                    Some(p) => package::intern(p, mc, name).0,
                    None => Value::Symbol(Symbol::new(mc, name, Value::Nil)),
                })
            }
            imm::PACKAGE => Obj::V(Value::Package(self.named_package()?)),
            imm::LOADED => match self.value()? {
                Value::Symbol(var) if !matches!(var.value.get(), Value::Unbound) => Obj::V(var.value.get()),
                _ => return corrupt("an object made by a load form is missing"),
            },
            _ => return corrupt("unknown record tag"),
        })
    }

    fn code_record(&mut self) -> Res<Gc<'gc, Code<'gc>>> {
        let name = self.value()?;
        let consts = self.values()?.into_boxed_slice();
        let (nreq, nopt) = (self.inp.u32()?, self.inp.u32()?);
        let (rest, has_keys) = (self.inp.bool()?, self.inp.bool()?);
        let keys = self.values()?.into_iter().map(|key| KeySpec { key }).collect();
        let allow_other_keys = self.inp.bool()?;
        let shape = LambdaShape { nreq, nopt, rest, has_keys, keys, allow_other_keys };
        let nlocals = self.inp.u32()?;
        let n = self.inp.count()?;
        let mut captures = Vec::with_capacity(n);
        for _ in 0..n {
            captures.push(match (self.inp.u8()?, self.inp.u32()?) {
                (0, i) => Capture::Local(i),
                (1, i) => Capture::Env(i),
                _ => return corrupt("invalid capture"),
            });
        }
        let n = self.inp.usize()?;
        let start = self.inp.pos;
        self.inp.take(n)?;
        let body = match &self.lazy {
            Some(image) => LazyBody::encoded(image.clone(), start..start + n),
            None => LazyBody::ready(decode_body(&self.inp.bytes[start..start + n])?),
        };
        let code = Code { name, consts, shape, nlocals, captures: captures.into_boxed_slice(), body };
        if self.lazy.is_none() {
            if let Err(e) = crate::bytecode::verify::verify(&code) {
                let name = match code.name {
                    v @ (Value::Symbol(_) | Value::Nil) => package::sym_name(v).to_string(),
                    _ => "a function".into(),
                };
                return corrupt(format!("invalid code in {name}: {e}"));
            }
        }
        Ok(Gc::new(self.mc, code))
    }
}

/// A code object's body from its encoding (`write::encode_body`), which
/// it must be all of.
pub fn decode_body(bytes: &[u8]) -> Res<Body> {
    let mut inp = In::new(bytes);
    let n = inp.count()?;
    let mut ops = Vec::with_capacity(n);
    for _ in 0..n {
        match codec::decode(inp.bytes, &mut inp.pos) {
            Some(op) => ops.push(op),
            None => return corrupt("invalid instruction"),
        }
    }
    let n = inp.count()?;
    let mut tag_tables = Vec::with_capacity(n);
    for _ in 0..n {
        let m = inp.count()?;
        let mut table = Vec::with_capacity(m);
        for _ in 0..m {
            table.push(inp.u32()?);
        }
        tag_tables.push(table.into_boxed_slice());
    }
    let source = if inp.bool()? { Some(inp.str()?.into()) } else { None };
    if !inp.at_end() {
        return corrupt("a code body longer than its instructions");
    }
    Ok(Body { ops: ops.into_boxed_slice(), tag_tables: tag_tables.into_boxed_slice(), source })
}

/// Whether an array read back can be used: its dimensions give its size,
/// which its own contents fill unless it is displaced, and a fill pointer
/// (vectors only) lies within it.
fn consistent(d: &crate::heap::array::ArrayData<'_>) -> bool {
    let size = match &d.dims {
        Some(dims) => dims.iter().try_fold(1usize, |a, &b| a.checked_mul(b)),
        None => Some(d.storage.len()),
    };
    let Some(size) = size else { return false };
    (d.displaced.is_some() || size == d.storage.len()) && d.fill.is_none_or(|f| f <= size && d.is_vector())
}
