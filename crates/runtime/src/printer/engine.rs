//! The printing engine: walks an object with an explicit task stack (deep
//! or circular data cannot overflow the Rust stack), honouring
//! `*print-level*`, `*print-length*` and `*print-circle*` (a silent first
//! pass over the same walk finds shared objects; the second prints `#n=`
//! and `#n#`). Text accumulates in a buffer written to the stream at the
//! end, or before a `print-object` method writes to it.

use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};

use gc_arena::Gc;

use super::arrays::{self, ElemKind};
use super::chars::{write_char, write_string};
use super::numbers::{self, Int};
use super::objects::{addr, describe};
use super::settings::Settings;
use super::symbols::{home, write_symbol};
use crate::heap::array::Array;
use crate::heap::symbol::flags;
use crate::heap::Value;
use crate::streams::{ops, Stream};
use crate::vm::{Ctl, Cx};
use crate::builtins::types::structure::{structure_printing, StructPrint};

/// Nesting beyond which objects print as `...` (cars of cars of...).
pub const MAX_DEPTH: usize = 10_000;
/// Without `*print-circle*`, the lists and arrays being printed are
/// remembered so that a circular structure prints `...` where it would
/// otherwise repeat forever. Every cons along a list's cdrs is remembered
/// too from this nesting on (a car pointing into the middle of an
/// enclosing list); shallower, Brent's algorithm covers the cdr direction.
const TRACK_DEPTH: usize = 64;

/// A step of the walk. `level` counts towards `*print-level*`; `depth` is
/// the true nesting (quote abbreviations add depth but not level).
enum Task<'gc> {
    Obj { v: Value<'gc>, level: usize, depth: usize },
    Text(&'static str),
    /// The rest of a list whose first `count` elements are printed.
    List { rest: Value<'gc>, level: usize, depth: usize, count: usize, brent: Brent<'gc> },
    /// The part of an array at `axis` starting at row-major `offset`.
    Axis { a: Gc<'gc, Array<'gc>>, axis: usize, offset: usize, level: usize, depth: usize },
    /// The remaining items (from `i`) of an axis opened by `Axis`.
    Items { a: Gc<'gc, Array<'gc>>, axis: usize, offset: usize, i: usize, level: usize, depth: usize },
    /// The remaining `:slot value` pairs of a structure printed as `#S(...)`.
    Slots { rest: Value<'gc>, level: usize, depth: usize, count: usize },
    /// An object printed at depth is finished.
    Close(usize),
}

/// Brent's cycle detection along a list's cdrs.
struct Brent<'gc> {
    tortoise: Value<'gc>,
    power: usize,
    lam: usize,
}

impl<'gc> Brent<'gc> {
    fn new(head: Value<'gc>) -> Self {
        Brent { tortoise: head, power: 1, lam: 0 }
    }
    /// Advances to `hare`; true when the list has turned out circular.
    fn step(&mut self, hare: Value<'gc>) -> bool {
        if hare.eq(self.tortoise) {
            return true;
        }
        self.lam += 1;
        if self.lam == self.power {
            self.tortoise = hare;
            self.power = self.power.saturating_mul(2);
            self.lam = 0;
        }
        false
    }
}

/// What `*print-circle*` knows about an object.
#[derive(Copy, Clone)]
enum Mark {
    Once,
    Shared,
    Label(u32),
}

pub struct Printer<'gc> {
    s: Settings<'gc>,
    out: String,
    /// Where `print-object` methods write; `None` when printing a
    /// function's name into a `#<FUNCTION ...>` text.
    stream: Option<Gc<'gc, Stream<'gc>>>,
    /// `*print-circle*` marks by object address.
    marks: Option<HashMap<usize, Mark>>,
    next_label: u32,
    /// The silent first pass of `*print-circle*`.
    dry: bool,
    /// Objects open at depth (see `TRACK_DEPTH`).
    open: HashSet<usize>,
}

/// Prints `v` on `stream`.
pub fn print<'gc>(cx: &mut Cx<'gc, '_>, s: Settings<'gc>, v: Value<'gc>, stream: Gc<'gc, Stream<'gc>>) -> Result<(), Ctl<'gc>> {
    let mut p = Printer::new(s, Some(stream));
    p.run(cx, v)?;
    let out = std::mem::take(&mut p.out);
    ops::write_str(cx, stream, &out)
}

fn not_readable<'gc>(cx: &mut Cx<'gc, '_>, v: Value<'gc>) -> Ctl<'gc> {
    let kind = cx.g.intern_in(cx.mc, "CL", "PRINT-NOT-READABLE");
    let key = cx.g.intern_in(cx.mc, "KEYWORD", "OBJECT");
    cx.error_of(kind, vec![key, v])
}

/// The global function of `CL:PRINT-OBJECT`, once something defines it.
fn print_object_fn<'gc>(cx: &mut Cx<'gc, '_>) -> Option<Value<'gc>> {
    let sym = cx.g.sym(cx.g.intern_in(cx.mc, "CL", "PRINT-OBJECT"))?;
    let f = sym.function.get();
    (!f.is_unbound() && !sym.has(flags::MACRO)).then_some(f)
}

/// The prefix that abbreviates a two-element form `(quote x)` and friends.
fn abbreviation<'gc>(cx: &Cx<'gc, '_>, car: Value<'gc>) -> Option<&'static str> {
    let s = &cx.g.s;
    [
        (s.quote, "'"),
        (s.function, "#'"),
        (s.quasiquote, "`"),
        (s.unquote, ","),
        (s.unquote_splicing, ",@"),
        (s.unquote_nsplicing, ",."),
    ]
    .into_iter()
    .find(|(sym, _)| sym.is(car))
    .map(|(_, p)| p)
}

impl<'gc> Printer<'gc> {
    pub fn new(s: Settings<'gc>, stream: Option<Gc<'gc, Stream<'gc>>>) -> Self {
        Printer { s, out: String::new(), stream, marks: None, next_label: 0, dry: false, open: HashSet::new() }
    }

    /// Prints `v` into the buffer (and, through `print-object`, the stream).
    pub fn run(&mut self, cx: &mut Cx<'gc, '_>, v: Value<'gc>) -> Result<(), Ctl<'gc>> {
        if self.s.circle && self.circle_key(v).is_some() {
            self.marks = Some(HashMap::new());
            self.dry = true;
            self.walk(cx, v)?;
            self.out.clear();
            self.open.clear();
            self.dry = false;
        }
        self.walk(cx, v)
    }

    /// The printed text so far.
    pub fn take(&mut self) -> String {
        std::mem::take(&mut self.out)
    }

    fn walk(&mut self, cx: &mut Cx<'gc, '_>, v: Value<'gc>) -> Result<(), Ctl<'gc>> {
        let mut tasks = vec![Task::Obj { v, level: 0, depth: 0 }];
        let mut steps = 0u32;
        while let Some(t) = tasks.pop() {
            // A huge (or circular) object: take a pending Ctrl-C or heap
            // limit signal now and then (the text grows in memory).
            steps = steps.wrapping_add(1);
            if steps % 4096 == 0 {
                cx.poll()?;
            }
            self.step(cx, t, &mut tasks)?;
        }
        Ok(())
    }

    /// Starts printing the compound object `v` (a list or structure):
    /// false when it is printed already, as a `#n#` reference or "...".
    fn open_compound(&mut self, v: Value<'gc>, depth: usize, tasks: &mut Vec<Task<'gc>>) -> bool {
        if !self.label(v) || !self.track(v, true, depth, tasks) {
            if self.marks.is_none() {
                self.out.push_str("...");
            }
            return false;
        }
        true
    }

    fn too_deep(&self, level: usize) -> bool {
        self.s.level.is_some_and(|l| level >= l)
    }

    fn too_long(&self, count: usize) -> bool {
        self.s.length.is_some_and(|l| count >= l)
    }

    /// The address under which `*print-circle*` tracks `v`, if it does.
    fn circle_key(&self, v: Value<'gc>) -> Option<usize> {
        match v {
            Value::Cons(_) | Value::Array(_) | Value::Instance(_) => v.heap_addr(),
            Value::Symbol(sym) if self.s.escape && self.s.gensym && home(sym).is_none() => v.heap_addr(),
            _ => None,
        }
    }

    /// `*print-circle*` bookkeeping before printing `v`. In the first pass
    /// it records the visit; in the second it writes `#n=` or `#n#`.
    /// Returns whether `v`'s contents are to be printed.
    fn label(&mut self, v: Value<'gc>) -> bool {
        let Some(key) = self.circle_key(v) else { return true };
        let Some(marks) = &mut self.marks else { return true };
        if self.dry {
            return match marks.entry(key) {
                Entry::Occupied(mut e) => {
                    e.insert(Mark::Shared);
                    false
                }
                Entry::Vacant(e) => {
                    e.insert(Mark::Once);
                    true
                }
            };
        }
        match marks.get(&key).copied() {
            Some(Mark::Shared) => {
                self.next_label += 1;
                let n = self.next_label;
                marks.insert(key, Mark::Label(n));
                self.out.push('#');
                self.out.push_str(&n.to_string());
                self.out.push('=');
                true
            }
            Some(Mark::Label(n)) => {
                self.out.push('#');
                self.out.push_str(&n.to_string());
                self.out.push('#');
                false
            }
            _ => true,
        }
    }

    /// In the second `*print-circle*` pass: `v` carries a label.
    fn is_labeled(&self, v: Value<'gc>) -> bool {
        match (&self.marks, self.circle_key(v)) {
            (Some(m), Some(k)) => matches!(m.get(&k), Some(Mark::Shared | Mark::Label(_))),
            _ => false,
        }
    }

    /// Without `*print-circle*`: remembers that `v` (the head of a list or
    /// an array, or at depth any cons of a list) is being printed until the
    /// matching `Close`. False when it already is: a cycle.
    fn track(&mut self, v: Value<'gc>, head: bool, depth: usize, tasks: &mut Vec<Task<'gc>>) -> bool {
        if self.marks.is_some() || (!head && depth < TRACK_DEPTH) {
            return true;
        }
        let Some(key) = v.heap_addr() else { return true };
        if !self.open.insert(key) {
            return false;
        }
        tasks.push(Task::Close(key));
        true
    }

    fn step(&mut self, cx: &mut Cx<'gc, '_>, t: Task<'gc>, tasks: &mut Vec<Task<'gc>>) -> Result<(), Ctl<'gc>> {
        match t {
            Task::Obj { v, level, depth } => self.object(cx, v, level, depth, tasks)?,
            Task::Text(s) => self.out.push_str(s),
            Task::Close(key) => {
                self.open.remove(&key);
            }
            Task::List { rest, level, depth, count, brent } => self.list_rest(rest, level, depth, count, brent, tasks),
            Task::Slots { rest, level, depth, count } => match rest {
                Value::Cons(c) if !self.too_long(count) => {
                    let value = crate::heap::cons::cdr(rest);
                    // Slot names show as keywords even without escapes, as in SBCL.
                    self.out.push_str(if self.s.escape { " " } else { " :" });
                    tasks.push(Task::Slots { rest: crate::heap::cons::cdr(value), level, depth, count: count + 1 });
                    tasks.push(Task::Obj { v: crate::heap::cons::car(value), level: level + 1, depth: depth + 1 });
                    tasks.push(Task::Text(" "));
                    tasks.push(Task::Obj { v: c.car(), level: level + 1, depth: depth + 1 });
                }
                Value::Cons(_) => self.out.push_str(" ...)"),
                _ => self.out.push(')'),
            },
            Task::Axis { a, axis, offset, level, depth } => {
                let ds = arrays::dims(a);
                if axis >= ds.len() {
                    if let Some(x) = arrays::elt(a, offset) {
                        tasks.push(Task::Obj { v: x, level, depth });
                    }
                } else if axis > 0 && self.too_deep(level) {
                    self.out.push('#');
                } else {
                    self.out.push('(');
                    tasks.push(Task::Items { a, axis, offset, i: 0, level, depth });
                }
            }
            Task::Items { a, axis, offset, i, level, depth } => {
                let ds = arrays::dims(a);
                let n = ds.get(axis).copied().unwrap_or(0);
                if i >= n {
                    self.out.push(')');
                    return Ok(());
                }
                if i > 0 {
                    self.out.push(' ');
                }
                if self.too_long(i) {
                    self.out.push_str("...)");
                    return Ok(());
                }
                let stride = ds[axis + 1..].iter().fold(1usize, |acc, &d| acc.saturating_mul(d));
                let offset_i = offset.saturating_add(i.saturating_mul(stride));
                tasks.push(Task::Items { a, axis, offset, i: i + 1, level, depth });
                tasks.push(Task::Axis { a, axis: axis + 1, offset: offset_i, level: level + 1, depth: depth + 1 });
            }
        }
        Ok(())
    }

    /// A structure instance: `#S(NAME :SLOT value ...)` within the
    /// `*print-level*`/`*print-length*` limits (counting slots), or its
    /// own printer.
    fn structure(&mut self, cx: &mut Cx<'gc, '_>, v: Value<'gc>, level: usize, depth: usize, tasks: &mut Vec<Task<'gc>>) -> Result<(), Ctl<'gc>> {
        match structure_printing(cx, v) {
            Some(StructPrint::Slots(name, plist)) => {
                if self.too_deep(level) {
                    self.out.push('#');
                    return Ok(());
                }
                if !self.open_compound(v, depth, tasks) {
                    return Ok(());
                }
                self.out.push_str("#S(");
                tasks.push(Task::Slots { rest: plist, level, depth, count: 0 });
                tasks.push(Task::Obj { v: name, level: level + 1, depth: depth + 1 });
            }
            Some(StructPrint::Custom(f)) => {
                if !self.label(v) || self.dry {
                    return Ok(());
                }
                match self.stream {
                    Some(stream) => {
                        let pending = std::mem::take(&mut self.out);
                        ops::write_str(cx, stream, &pending)?;
                        cx.call(f, &[v, crate::streams::gray::lisp_value(stream)])?;
                    }
                    None => {
                        self.out.push_str("#<STRUCTURE ");
                        self.out.push_str(&addr(v));
                        self.out.push('>');
                    }
                }
            }
            None => {}
        }
        Ok(())
    }

    fn list_rest(&mut self, rest: Value<'gc>, level: usize, depth: usize, count: usize, mut brent: Brent<'gc>, tasks: &mut Vec<Task<'gc>>) {
        match rest {
            Value::Nil => self.out.push(')'),
            Value::Cons(c) => {
                if count > 0 {
                    if self.marks.is_some() {
                        if self.dry {
                            if !self.label(rest) {
                                return;
                            }
                        } else if self.is_labeled(rest) {
                            self.out.push_str(" . ");
                            tasks.push(Task::Text(")"));
                            tasks.push(Task::Obj { v: rest, level, depth: depth + 1 });
                            return;
                        }
                    } else if brent.step(rest) || !self.track(rest, false, depth, tasks) {
                        self.out.push_str(" ...)");
                        return;
                    }
                }
                if self.too_long(count) {
                    self.out.push_str(if count > 0 { " ...)" } else { "...)" });
                    return;
                }
                if count > 0 {
                    self.out.push(' ');
                }
                tasks.push(Task::List { rest: c.cdr(), level, depth, count: count + 1, brent });
                tasks.push(Task::Obj { v: c.car(), level: level + 1, depth: depth + 1 });
            }
            atom => {
                self.out.push_str(" . ");
                tasks.push(Task::Text(")"));
                tasks.push(Task::Obj { v: atom, level: level + 1, depth: depth + 1 });
            }
        }
    }

    fn object(&mut self, cx: &mut Cx<'gc, '_>, v: Value<'gc>, level: usize, depth: usize, tasks: &mut Vec<Task<'gc>>) -> Result<(), Ctl<'gc>> {
        if depth > MAX_DEPTH {
            self.out.push_str("...");
            return Ok(());
        }
        match v {
            Value::Cons(c) => {
                let abbrev = match c.cdr() {
                    Value::Cons(d) if d.cdr().is_nil() => abbreviation(cx, c.car()),
                    _ => None,
                };
                if abbrev.is_none() && self.too_deep(level) {
                    self.out.push('#');
                    return Ok(());
                }
                if !self.open_compound(v, depth, tasks) {
                    return Ok(());
                }
                if let Some(prefix) = abbrev {
                    let tail = c.cdr();
                    let abbreviate = match (&self.marks, self.dry) {
                        (Some(_), true) => {
                            if !self.label(tail) {
                                return Ok(());
                            }
                            true
                        }
                        (Some(_), false) => !self.is_labeled(tail),
                        (None, _) => true,
                    };
                    if abbreviate {
                        let arg = crate::heap::cons::car(tail);
                        self.out.push_str(prefix);
                        if prefix == "," && matches!(arg, Value::Symbol(s) if s.name.starts_with(['@', '.'])) {
                            self.out.push(' ');
                        }
                        tasks.push(Task::Obj { v: arg, level, depth: depth + 1 });
                        return Ok(());
                    }
                }
                self.out.push('(');
                tasks.push(Task::List { rest: v, level, depth, count: 0, brent: Brent::new(v) });
            }
            Value::Array(a) => self.array(cx, v, a, level, depth, tasks)?,
            Value::Nil | Value::Symbol(_) => {
                if !self.label(v) || self.dry {
                    return Ok(());
                }
                if let Some(sym) = cx.g.sym(v) {
                    write_symbol(&mut self.out, &self.s, cx.g, v, sym);
                }
            }
            Value::Instance(_) if structure_printing(cx, v).is_some() => self.structure(cx, v, level, depth, tasks)?,
            Value::Instance(_) | Value::Function(_) if crate::clos::as_instance(v).is_some() => {
                if !self.label(v) || self.dry {
                    return Ok(());
                }
                match (print_object_fn(cx), self.stream) {
                    (Some(f), Some(stream)) => {
                        let pending = std::mem::take(&mut self.out);
                        ops::write_str(cx, stream, &pending)?;
                        cx.call(f, &[v, crate::streams::gray::lisp_value(stream)])?;
                    }
                    _ if self.s.readably => return Err(not_readable(cx, v)),
                    _ => {
                        self.out.push_str("#<INSTANCE ");
                        self.out.push_str(&addr(v));
                        self.out.push('>');
                    }
                }
            }
            _ if self.dry => {}
            Value::Char(c) => write_char(&mut self.out, c, self.s.escape),
            Value::Function(f) => {
                if self.s.readably {
                    return Err(not_readable(cx, v));
                }
                self.function(cx, v, f.name.get())?;
            }
            Value::Object(o) if matches!(&*o, crate::heap::object::Object::Pathname(_)) => {
                if !super::objects::pathname(&mut self.out, cx.g, v, self.s.escape || self.s.readably) && self.s.readably {
                    return Err(not_readable(cx, v));
                }
            }
            _ => {
                if self.number(cx, v)? {
                    if self.s.readably && matches!(v, Value::Single(x) if !x.is_finite()) {
                        return Err(not_readable(cx, v));
                    }
                    if self.s.readably && matches!(v, Value::Double(x) if !x.is_finite()) {
                        return Err(not_readable(cx, v));
                    }
                } else if self.s.readably {
                    return Err(not_readable(cx, v));
                } else if let Some(text) = describe(v) {
                    self.out.push_str(&text);
                }
            }
        }
        Ok(())
    }

    /// Writes a number; false when `v` is not one.
    fn number(&mut self, cx: &mut Cx<'gc, '_>, v: Value<'gc>) -> Result<bool, Ctl<'gc>> {
        let (base, radix) = (self.s.base, self.s.radix);
        match v {
            Value::Fixnum(n) => numbers::integer(cx, &mut self.out, Int::Fix(n), base, radix)?,
            Value::Bignum(b) => numbers::integer(cx, &mut self.out, Int::Big(&b.0), base, radix)?,
            Value::Ratio(r) => numbers::ratio(cx, &mut self.out, &r.num, &r.den, base, radix)?,
            Value::Single(x) => numbers::single(&mut self.out, x, !self.s.double_default),
            Value::Double(x) => numbers::double(&mut self.out, x, self.s.double_default),
            Value::Complex(z) => {
                self.out.push_str("#C(");
                self.number(cx, z.re)?;
                self.out.push(' ');
                self.number(cx, z.im)?;
                self.out.push(')');
            }
            _ => return Ok(false),
        }
        Ok(true)
    }

    fn array(&mut self, cx: &mut Cx<'gc, '_>, v: Value<'gc>, a: Gc<'gc, Array<'gc>>, level: usize, depth: usize, tasks: &mut Vec<Task<'gc>>) -> Result<(), Ctl<'gc>> {
        let kind = arrays::kind(a);
        let vector = arrays::is_vector(a);
        if vector && kind == ElemKind::Char {
            if self.label(v) && !self.dry {
                write_string(&mut self.out, arrays::string_chars(a).into_iter(), self.s.escape);
            }
            return Ok(());
        }
        if !self.s.array {
            if !self.dry {
                self.out.push_str("#<");
                self.out.push_str(&arrays::type_description(a));
                self.out.push(' ');
                self.out.push_str(&addr(v));
                self.out.push('>');
            }
            return Ok(());
        }
        if vector && kind == ElemKind::Bit {
            if self.label(v) && !self.dry {
                self.out.push_str("#*");
                self.out.extend(arrays::bits(a).into_iter().map(|b| if b == 0 { '0' } else { '1' }));
            }
            return Ok(());
        }
        if self.s.readably && kind == ElemKind::U8 {
            return Err(not_readable(cx, v));
        }
        if self.too_deep(level) {
            self.out.push('#');
            return Ok(());
        }
        if !self.label(v) {
            return Ok(());
        }
        if !self.track(v, true, depth, tasks) {
            self.out.push_str("...");
            return Ok(());
        }
        if vector {
            self.out.push('#');
        } else {
            self.out.push('#');
            self.out.push_str(&arrays::dims(a).len().to_string());
            self.out.push('A');
        }
        tasks.push(Task::Axis { a, axis: 0, offset: 0, level, depth });
        Ok(())
    }

    /// `#<FUNCTION NAME>`, or with the address for anonymous and local functions.
    fn function(&mut self, cx: &mut Cx<'gc, '_>, v: Value<'gc>, name: Value<'gc>) -> Result<(), Ctl<'gc>> {
        let s = &cx.g.s;
        let global = match name {
            Value::Symbol(_) => true,
            Value::Cons(c) => s.setf.is(c.car()),
            _ => false,
        };
        self.out.push_str("#<FUNCTION ");
        if !name.is_nil() && self.stream.is_some() {
            // Names print readably-ish in full, and never contain further names.
            let sub = Settings { escape: true, readably: false, circle: false, level: None, length: None, ..self.s };
            let mut p = Printer::new(sub, None);
            p.run(cx, name)?;
            self.out.push_str(&p.take());
            if !global {
                self.out.push(' ');
            }
        }
        if !global || self.stream.is_none() {
            self.out.push_str(&addr(v));
        }
        self.out.push('>');
        Ok(())
    }
}
