//! Writing: for each segment, a walk numbers every object first reached
//! from its root, then those objects are written as shells, immutable
//! records and fills (see mod.rs). The same record-writing code serves both
//! passes: while discovering, a reference numbers its target instead of
//! being written.

use std::collections::{HashMap, HashSet};

use gc_arena::Gc;

use super::enums::{index, CASES, ELEM_TYPES, SYNTAXES, TESTS, WEAKNESSES};
use super::header::{wrap, FASL, IMAGE};
use super::wire::Out;
use super::{imm, is_mutable, shell, stream, tag, undumpable, Mode, Obj};
use crate::builtins::TABLES;
use crate::bytecode::{codec, Body, Capture, Code};
use crate::heap::array::Storage;
use crate::heap::function::FnKind;
use crate::heap::object::Object;
use crate::heap::{Globals, Value};
use crate::reader::readtable::Syntax;
use crate::streams::{Elem, Kind};

#[derive(Copy, Clone)]
enum Id {
    Mut(u32),
    Imm(u32),
}

struct Writer<'gc> {
    mode: Mode,
    out: Out,
    discovering: bool,
    /// The first object that cannot be written, if any.
    error: Option<String>,
    ids: HashMap<usize, Id>,
    muts: Vec<Value<'gc>>,
    imms: Vec<Obj<'gc>>,
    /// Mutable objects numbered but not yet scanned for references.
    pending: Vec<Value<'gc>>,
    /// In fasls: the instances made by load forms, by address, each with
    /// the variable its creation form sets when loaded.
    loaded: HashMap<usize, Value<'gc>>,
    /// When scanning for instances that need load forms: those met that
    /// are not in `loaded`, in the order they were met (and their addresses).
    found: Option<(Vec<Value<'gc>>, HashSet<usize>)>,
}

/// The image of the heap reachable from `g` (the caller flushes streams
/// first: buffered output is not saved).
pub fn save_image(g: &Globals<'_>) -> Result<Vec<u8>, String> {
    let mut w = Writer::new(Mode::Image);
    w.segment(|w| w.globals(g));
    w.finish(IMAGE)
}

/// A fasl whose segments are the top-level functions `forms`, in order.
/// `loaded` pairs each instance made by a load form with the variable its
/// creation form sets: the fasl refers to the instance by that variable.
pub fn save_fasl<'gc>(forms: &[Value<'gc>], loaded: &[(Value<'gc>, Value<'gc>)]) -> Result<Vec<u8>, String> {
    let mut w = Writer::new(Mode::Fasl);
    w.loaded = loaded.iter().filter_map(|&(obj, var)| Some((obj.heap_addr()?, var))).collect();
    w.out.usize(forms.len());
    for &f in forms {
        w.segment(|w| w.value(f));
    }
    w.finish(FASL)
}

/// The instances and funcallable instances that writing `forms` into a
/// fasl would meet, other than those in `loaded`: the objects that need
/// load forms (CLHS 3.2.4.4), in the order they are met.
pub fn fasl_instances<'gc>(forms: &[Value<'gc>], loaded: &[(Value<'gc>, Value<'gc>)]) -> Vec<Value<'gc>> {
    let mut w = Writer::new(Mode::Fasl);
    w.loaded = loaded.iter().filter_map(|&(obj, var)| Some((obj.heap_addr()?, var))).collect();
    w.found = Some((Vec::new(), HashSet::new()));
    for &f in forms {
        w.value(f);
        while let Some(v) = w.pending.pop() {
            w.fill(v);
        }
    }
    w.found.map(|(found, _)| found).unwrap_or_default()
}

impl<'gc> Writer<'gc> {
    fn new(mode: Mode) -> Writer<'gc> {
        Writer {
            mode,
            out: Out::default(),
            discovering: true,
            error: None,
            ids: HashMap::new(),
            muts: Vec::new(),
            imms: Vec::new(),
            pending: Vec::new(),
            loaded: HashMap::new(),
            found: None,
        }
    }

    fn finish(self, kind: u8) -> Result<Vec<u8>, String> {
        match self.error {
            Some(e) => Err(e),
            None => Ok(wrap(kind, &self.out.bytes)),
        }
    }

    /// Numbers the objects `root` reaches that earlier segments did not,
    /// then writes them and the root.
    fn segment(&mut self, root: impl Fn(&mut Self)) {
        let (old_muts, old_imms, start) = (self.muts.len(), self.imms.len(), self.out.bytes.len());
        self.discovering = true;
        root(self);
        while let Some(v) = self.pending.pop() {
            self.fill(v);
        }
        self.out.bytes.truncate(start);
        self.discovering = false;
        // The new mutable objects are numbered again, kind by kind, so
        // that their shells and fills come in runs of one kind: the reader
        // makes and fills each run in a loop of its own.
        let mut muts = self.muts[old_muts..].to_vec();
        muts.sort_by_key(|&v| shell_tag(v));
        for (i, &v) in muts.iter().enumerate() {
            self.ids.insert(v.heap_addr().expect("a heap object"), Id::Mut((old_muts + i) as u32));
        }
        self.muts.truncate(old_muts);
        self.muts.extend_from_slice(&muts);
        let imms = self.imms[old_imms..].to_vec();
        let runs: Vec<&[Value<'gc>]> = muts.chunk_by(|&a, &b| shell_tag(a) == shell_tag(b)).collect();
        self.out.usize(muts.len());
        self.out.usize(runs.len());
        for run in runs {
            self.out.u8(shell_tag(run[0]));
            self.out.usize(run.len());
            for &v in run {
                self.shell(v);
            }
        }
        self.out.usize(imms.len());
        for &o in &imms {
            self.record(o);
        }
        for &v in &muts {
            self.fill(v);
        }
        root(self);
    }

    // --- references

    fn value(&mut self, v: Value<'gc>) {
        let o = &mut self.out;
        match v {
            Value::Nil => o.u8(tag::NIL),
            Value::Unbound => o.u8(tag::UNBOUND),
            Value::Fixnum(n) => {
                o.u8(tag::FIXNUM);
                o.int(n)
            }
            Value::Char(c) => {
                o.u8(tag::CHAR);
                o.uint(c as u64)
            }
            Value::Single(f) => {
                o.u8(tag::SINGLE);
                o.uint(f.to_bits() as u64)
            }
            Value::Double(f) => {
                o.u8(tag::DOUBLE);
                o.u64_raw(f.to_bits())
            }
            Value::Bignum(b) => {
                o.u8(tag::BIGNUM);
                o.bytes(&b.0.to_signed_bytes_le())
            }
            Value::Ratio(r) => {
                o.u8(tag::RATIO);
                o.bytes(&r.num.to_signed_bytes_le());
                o.bytes(&r.den.to_signed_bytes_le())
            }
            Value::Complex(c) => {
                o.u8(tag::COMPLEX);
                self.value(c.re);
                self.value(c.im)
            }
            _ => {
                let addr = v.heap_addr().expect("a heap object");
                if self.loaded.contains_key(&addr) {
                    if self.discovering {
                        self.discover(addr, Obj::V(v));
                    } else {
                        self.id(addr);
                    }
                } else if let (Some((found, seen)), true) = (&mut self.found, needs_load_form(v)) {
                    if seen.insert(addr) {
                        found.push(v);
                    }
                    self.out.u8(tag::NIL);
                } else if let Some(what) = undumpable(self.mode, v) {
                    self.error.get_or_insert_with(|| format!("cannot write {what} into a fasl or image"));
                    self.out.u8(tag::NIL);
                } else if self.discovering {
                    self.discover(addr, Obj::V(v));
                } else {
                    self.id(addr);
                }
            }
        }
    }

    fn code(&mut self, c: Gc<'gc, Code<'gc>>) {
        let addr = Gc::as_ptr(c) as usize;
        if self.discovering {
            self.discover(addr, Obj::Code(c));
        } else {
            self.id(addr);
        }
    }

    fn id(&mut self, addr: usize) {
        match self.ids[&addr] {
            Id::Mut(i) => {
                self.out.u8(tag::MUT);
                self.out.uint(i as u64)
            }
            Id::Imm(i) => {
                self.out.u8(tag::IMM);
                self.out.uint(i as u64)
            }
        }
    }

    /// Numbers an object the first time it is met: a mutable one is queued
    /// for scanning; an immutable one is numbered after its children.
    fn discover(&mut self, addr: usize, o: Obj<'gc>) {
        if self.ids.contains_key(&addr) {
            return;
        }
        match o {
            Obj::V(v) if is_mutable(self.mode, v) && !self.loaded.contains_key(&addr) => {
                self.ids.insert(addr, Id::Mut(self.muts.len() as u32));
                self.muts.push(v);
                self.pending.push(v);
            }
            _ => {
                self.record(o);
                self.ids.insert(addr, Id::Imm(self.imms.len() as u32));
                self.imms.push(o);
            }
        }
    }

    fn values(&mut self, vs: impl ExactSizeIterator<Item = Value<'gc>>) {
        self.out.usize(vs.len());
        for v in vs {
            self.value(v);
        }
    }

    // --- the root

    fn globals(&mut self, g: &Globals<'gc>) {
        self.value(Value::Symbol(g.nil_sym));
        let p = &g.p;
        for pkg in [p.cl, p.keyword, p.user, p.sys, p.clove, p.uiop] {
            self.value(Value::Package(pkg));
        }
        self.values(g.s.each().into_iter().map(Value::Symbol));
        let packages = g.packages.borrow();
        self.out.usize(packages.len());
        let mut named: Vec<_> = packages.iter().collect();
        named.sort_by(|a, b| a.0.cmp(b.0));
        for (name, pkg) in named {
            self.out.str(name);
            self.value(Value::Package(*pkg));
        }
    }

    // --- mutable objects: shells

    /// The shell of `v` after its tag (which its run of shells gives).
    fn shell(&mut self, v: Value<'gc>) {
        let o = &mut self.out;
        match v {
            Value::Cons(_) | Value::Instance(_) | Value::Function(_) | Value::Cell(_) => {}
            Value::Symbol(s) => {
                o.str(&s.name);
                o.u8(s.flags.get())
            }
            Value::Array(a) => {
                let d = a.borrow();
                o.u8(index(&ELEM_TYPES, &d.storage.elem_type()));
                match &d.storage {
                    Storage::T(items) => o.usize(items.len()),
                    Storage::Char(chars) => o.str(&chars.iter().collect::<String>()),
                    Storage::Bit(bytes) | Storage::U8(bytes) => o.bytes(bytes),
                }
                match &d.dims {
                    None => o.u8(0),
                    Some(dims) => {
                        o.u8(1);
                        o.usize(dims.len());
                        dims.iter().for_each(|&n| o.usize(n));
                    }
                }
                o.opt_usize(d.fill);
                o.bool(d.adjustable)
            }
            Value::Package(p) => {
                let d = p.borrow();
                o.str(&d.name);
                o.usize(d.nicknames.len());
                d.nicknames.iter().for_each(|n| o.str(n));
                o.bool(d.deleted)
            }
            Value::HashTable(h) => {
                let d = h.borrow();
                o.u8(index(&TESTS, &d.test));
                o.usize(d.size);
                o.u8(index(&WEAKNESSES, &d.weakness))
            }
            Value::Stream(s) => {
                let d = s.borrow();
                stream_shell(o, &d.kind);
                // File streams come back closed: their handles are gone.
                let file = matches!(d.kind, Kind::File(_));
                o.bool(d.open && !file);
                o.bool(d.input);
                o.bool(d.output);
                o.str(&d.unread.iter().collect::<String>());
                o.uint(d.line as u64);
                o.uint(d.col as u64)
            }
            Value::Object(obj) => match &*obj {
                Object::Readtable(rt) => {
                    let rt = rt.borrow();
                    o.u8(index(&CASES, &rt.case));
                    let entries = rt.syntax_entries();
                    o.usize(entries.len());
                    for (c, s) in entries {
                        o.uint(c as u64);
                        o.u8(index(&SYNTAXES, &s));
                    }
                }
                Object::RandomState(r) => {
                    r.borrow().state().iter().for_each(|&w| o.u64_raw(w));
                }
                Object::Code(_) | Object::Env(_) | Object::Fasl(_) | Object::Pathname(_) => {
                    unreachable!("not written as a shell")
                }
            },
            _ => unreachable!("immediates and immutable objects have no shell"),
        }
    }

    // --- mutable objects: references

    fn fill(&mut self, v: Value<'gc>) {
        match v {
            Value::Cons(c) => {
                self.value(c.car());
                self.value(c.cdr());
            }
            Value::Symbol(s) => {
                // Which cells differ from a fresh symbol's, then those.
                let cells = [s.package.get(), s.value.get(), s.function.get(), s.setf_function.get(), s.plist.get()];
                let fresh = [Value::Nil, Value::Unbound, Value::Unbound, Value::Unbound, Value::Nil];
                let mut mask = 0;
                for (i, (&cell, default)) in cells.iter().zip(fresh).enumerate() {
                    if !matches!((cell, default), (Value::Nil, Value::Nil) | (Value::Unbound, Value::Unbound)) {
                        mask |= 1 << i;
                    }
                }
                self.out.u8(mask);
                for (i, &cell) in cells.iter().enumerate() {
                    if mask & (1 << i) != 0 {
                        self.value(cell);
                    }
                }
            }
            Value::Array(a) => {
                let d = a.borrow();
                if let Storage::T(items) = &d.storage {
                    items.iter().for_each(|&x| self.value(x));
                }
                match d.displaced {
                    None => self.out.u8(0),
                    Some((target, offset)) => {
                        self.out.u8(1);
                        self.value(Value::Array(target));
                        self.out.usize(offset);
                    }
                }
            }
            Value::Package(p) => {
                let d = p.borrow();
                // In name order, so that the same heap always gives the same bytes.
                self.values(sorted_values(&d.internal).into_iter());
                self.values(sorted_values(&d.external).into_iter());
                self.values(d.shadowing.iter().copied());
                self.values(d.uses.iter().map(|&p| Value::Package(p)));
                self.values(d.used_by.iter().map(|&p| Value::Package(p)));
                self.out.usize(d.local_nicknames.len());
                for (nick, p) in &d.local_nicknames {
                    self.out.str(nick);
                    self.value(Value::Package(*p));
                }
                self.value(d.doc);
            }
            Value::HashTable(h) => {
                let d = h.borrow();
                self.value(d.rehash_size);
                self.value(d.rehash_threshold);
                self.out.usize(d.count);
                for (k, x) in d.iter() {
                    self.value(k);
                    self.value(x);
                }
            }
            Value::Instance(i) => {
                self.value(i.class.get());
                self.values(i.slots.borrow().iter().copied());
            }
            Value::Function(f) => {
                let FnKind::Funcallable(fi) = &f.kind else { unreachable!("only funcallable functions are filled") };
                self.value(f.name.get());
                self.value(fi.instance.class.get());
                self.values(fi.instance.slots.borrow().iter().copied());
                self.value(fi.fun.get());
                // The dispatch cache's keys, not its entries (they hold
                // closures made at run time; misses make them again).
                let d = fi.cache.borrow();
                self.out.bool(d.enabled);
                self.out.usize(d.nkeys);
                self.out.usize(d.eqls.len());
                for pos in &d.eqls {
                    self.values(pos.iter().flat_map(|(v, spec)| [*v, *spec]).collect::<Vec<_>>().into_iter());
                }
            }
            Value::Cell(c) => self.value(c.get()),
            Value::Stream(s) => match &s.borrow().kind {
                Kind::StringFill { target } => self.value(*target),
                Kind::Synonym { symbol } => self.value(*symbol),
                Kind::TwoWay { input, output } | Kind::Echo { input, output } => {
                    self.value(*input);
                    self.value(*output);
                }
                Kind::Broadcast { streams } | Kind::Concatenated { streams } => self.values(streams.iter().copied()),
                // Written as a broadcast stream to nowhere.
                Kind::Pretty(_) => self.values(std::iter::empty()),
                _ => {}
            },
            Value::Object(obj) => {
                if let Object::Readtable(rt) = &*obj {
                    let rt = rt.borrow();
                    let entries = rt.macro_entries();
                    self.out.usize(entries.len());
                    for (c, e) in entries {
                        self.out.uint(c as u64);
                        self.out.bool(rt.syntax(c) == Syntax::NonTerminatingMacro);
                        self.value(e.function);
                        match &e.dispatch {
                            None => self.out.u8(0),
                            Some(table) => {
                                self.out.u8(1);
                                self.out.usize(table.len());
                                for (&sub, &f) in table {
                                    self.out.uint(sub as u64);
                                    self.value(f);
                                }
                            }
                        }
                    }
                }
            }
            _ => unreachable!("only mutable objects are filled"),
        }
    }

    // --- immutable objects

    fn record(&mut self, o: Obj<'gc>) {
        let var = match o {
            Obj::V(v) => v.heap_addr().and_then(|a| self.loaded.get(&a).copied()),
            Obj::Code(_) => None,
        };
        if let Some(var) = var {
            self.out.u8(imm::LOADED);
            self.value(var);
            return;
        }
        match o {
            Obj::V(Value::Function(f)) => match &f.kind {
                FnKind::Native(n) => {
                    let (t, i) = natives()[&(*n as *const _ as usize)];
                    self.out.u8(imm::NATIVE);
                    self.out.uint(t as u64);
                    self.out.uint(i as u64);
                    self.value(f.name.get());
                }
                FnKind::Closure { code, env } => {
                    self.out.u8(imm::CLOSURE);
                    self.value(f.name.get());
                    self.code(*code);
                    self.values(env.iter().copied());
                }
                FnKind::Funcallable(_) => unreachable!("funcallable instances are mutable"),
            },
            Obj::V(Value::Symbol(s)) => {
                self.out.u8(imm::SYMBOL);
                match s.package.get() {
                    Value::Package(p) if !p.borrow().deleted => {
                        self.out.u8(1);
                        self.out.str(&p.borrow().name);
                    }
                    _ => self.out.u8(0),
                }
                self.out.str(&s.name);
            }
            Obj::V(Value::Package(p)) => {
                self.out.u8(imm::PACKAGE);
                self.out.str(&p.borrow().name);
            }
            Obj::V(Value::Object(obj)) => match &*obj {
                Object::Code(c) => {
                    self.out.u8(imm::CODE_OBJECT);
                    self.code(*c);
                }
                Object::Env(v) => {
                    self.out.u8(imm::ENV);
                    self.value(*v);
                }
                Object::Pathname(p) => {
                    self.out.u8(imm::PATHNAME);
                    self.out.bool(p.logical);
                    self.values(p.components().into_iter());
                }
                _ => unreachable!("readtables and random states are mutable"),
            },
            Obj::Code(c) => self.code_record(c),
            Obj::V(_) => unreachable!("not an immutable object"),
        }
    }

    fn code_record(&mut self, c: Gc<'gc, Code<'gc>>) {
        self.out.u8(imm::CODE);
        self.value(c.name);
        self.values(c.consts.iter().copied());
        let s = &c.shape;
        self.out.uint(s.nreq as u64);
        self.out.uint(s.nopt as u64);
        self.out.bool(s.rest);
        self.out.bool(s.has_keys);
        self.values(s.keys.iter().map(|k| k.key));
        self.out.bool(s.allow_other_keys);
        self.out.uint(c.nlocals as u64);
        self.out.usize(c.captures.len());
        for cap in c.captures.iter() {
            match *cap {
                Capture::Local(i) => {
                    self.out.u8(0);
                    self.out.uint(i as u64)
                }
                Capture::Env(i) => {
                    self.out.u8(1);
                    self.out.uint(i as u64)
                }
            }
        }
        // The body last, behind its length, so that a trusted image's
        // loader can skip it (decoding it when first used). A body still
        // encoded (from an image of this build) is copied as it is.
        if self.discovering {
            // The body refers to no object: nothing to number.
            return;
        }
        match c.body.encoded_bytes() {
            Some(bytes) => self.out.bytes(bytes),
            None => {
                let body = encode_body(c.body.get());
                self.out.bytes(&body);
            }
        }
    }
}

/// The encoding of a code object's body (`read::decode_body` reads it).
fn encode_body(b: &Body) -> Vec<u8> {
    let mut out = Out::default();
    out.usize(b.ops.len());
    for &op in b.ops.iter() {
        codec::encode(op, &mut out.bytes);
    }
    out.usize(b.tag_tables.len());
    for t in b.tag_tables.iter() {
        out.usize(t.len());
        t.iter().for_each(|&pc| out.uint(pc as u64));
    }
    match &b.source {
        None => out.u8(0),
        Some(s) => {
            out.u8(1);
            out.str(s)
        }
    }
    out.bytes
}

/// The tag of `v`'s shell: the kind of mutable object it is.
fn shell_tag(v: Value<'_>) -> u8 {
    match v {
        Value::Cons(_) => shell::CONS,
        Value::Symbol(_) => shell::SYMBOL,
        Value::Array(_) => shell::ARRAY,
        Value::Package(_) => shell::PACKAGE,
        Value::HashTable(_) => shell::HASH_TABLE,
        Value::Instance(_) => shell::INSTANCE,
        Value::Function(_) => shell::FUNCALLABLE,
        Value::Cell(_) => shell::CELL,
        Value::Stream(_) => shell::STREAM,
        Value::Object(o) if matches!(&*o, Object::Readtable(_)) => shell::READTABLE,
        Value::Object(o) if matches!(&*o, Object::RandomState(_)) => shell::RANDOM_STATE,
        _ => unreachable!("immediates and immutable objects have no shell"),
    }
}

/// Each native's position in the primitive tables, by address (built once:
/// compile-file writes many fasl segments).
fn natives() -> &'static HashMap<usize, (u32, u32)> {
    static NATIVES: std::sync::OnceLock<HashMap<usize, (u32, u32)>> = std::sync::OnceLock::new();
    NATIVES.get_or_init(|| {
        let mut natives = HashMap::new();
        for (t, table) in TABLES.iter().enumerate() {
            for (i, n) in table.iter().enumerate() {
                natives.insert(n as *const _ as usize, (t as u32, i as u32));
            }
        }
        natives
    })
}

/// True for the objects a fasl holds through load forms: instances of
/// standard, structure and condition classes, and funcallable instances.
fn needs_load_form(v: Value<'_>) -> bool {
    match v {
        Value::Instance(_) => true,
        Value::Function(f) => matches!(f.kind, FnKind::Funcallable(_)),
        _ => false,
    }
}

fn stream_shell(o: &mut Out, kind: &Kind<'_>) {
    match kind {
        Kind::StringIn { chars, pos, end } => {
            o.u8(stream::STRING_IN);
            o.str(&chars.iter().collect::<String>());
            o.usize(*pos);
            o.usize(*end)
        }
        Kind::StringOut { buf } => {
            o.u8(stream::STRING_OUT);
            o.str(buf)
        }
        Kind::StringFill { .. } => o.u8(stream::STRING_FILL),
        Kind::Stdin { .. } => o.u8(stream::STDIN),
        Kind::Stdout => o.u8(stream::STDOUT),
        Kind::Stderr => o.u8(stream::STDERR),
        Kind::File(f) => {
            o.u8(stream::FILE);
            o.bool(f.latin1);
            o.str(&f.path);
            match f.elem {
                Elem::Char => o.uint(0),
                Elem::Int { bits, signed } => {
                    o.uint(bits as u64);
                    o.bool(signed)
                }
            }
        }
        Kind::Synonym { .. } => o.u8(stream::SYNONYM),
        Kind::TwoWay { .. } => o.u8(stream::TWO_WAY),
        Kind::Echo { .. } => o.u8(stream::ECHO),
        Kind::Broadcast { .. } => o.u8(stream::BROADCAST),
        Kind::Concatenated { .. } => o.u8(stream::CONCATENATED),
        Kind::Pretty(_) => o.u8(stream::BROADCAST),
        // Wrappers of Gray streams (streams/gray.rs) live within one
        // primitive call, Lisp never holds one: written as an empty string
        // output stream, a shell with no references to fill.
        Kind::Gray { .. } => {
            o.u8(stream::STRING_OUT);
            o.str("")
        }
    }
}

/// A package table's symbols, ordered by name.
fn sorted_values<'gc>(table: &crate::heap::package::SymbolTable<'gc>) -> Vec<Value<'gc>> {
    let mut entries: Vec<(&str, &Value<'gc>)> = table.iter().collect();
    entries.sort_by(|a, b| a.0.cmp(b.0));
    entries.into_iter().map(|(_, v)| *v).collect()
}
