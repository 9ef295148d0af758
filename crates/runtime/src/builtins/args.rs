//! Argument handling shared by the data primitives: keyword arguments,
//! checks that signal the standard `type-error`s, and the `:test`,
//! `:test-not` and `:key` functions of the sequence-like functions.

use gc_arena::Gc;

use crate::heap::array::{make_string, Array, ArrayData};
use crate::heap::cons::Cons;
use crate::heap::equal::{equal, equalp};
use crate::heap::function::FnKind;
use crate::heap::hash::HashTable;
use crate::heap::package::sym_name;
use crate::heap::{list, Value};
use crate::vm::{Ctl, Cx, R};

/// The name of a keyword symbol.
pub fn keyword_name<'gc>(cx: &Cx<'gc, '_>, v: Value<'gc>) -> Option<&'gc str> {
    match v {
        Value::Symbol(s) => match s.package.get() {
            Value::Package(p) if Gc::ptr_eq(p, cx.g.p.keyword) => Some(sym_name(v)),
            _ => None,
        },
        _ => None,
    }
}

/// Parses `&key` arguments named `names` (without colons). The leftmost
/// occurrence of a keyword wins; unknown keywords are a `program-error`
/// unless `:allow-other-keys` is true.
pub fn keys<'gc, const N: usize>(
    cx: &Cx<'gc, '_>,
    args: &[Value<'gc>],
    names: [&str; N],
) -> Result<[Option<Value<'gc>>; N], Ctl<'gc>> {
    if !args.len().is_multiple_of(2) {
        return Err(cx.program_error("odd number of &KEY arguments"));
    }
    let mut out = [None; N];
    let mut allow_other: Option<bool> = None;
    let mut unknown = None;
    for pair in args.chunks(2) {
        let (k, v) = (pair[0], pair[1]);
        match keyword_name(cx, k) {
            Some("ALLOW-OTHER-KEYS") => {
                allow_other.get_or_insert(v.truthy());
                if let Some(i) = names.iter().position(|&n| n == "ALLOW-OTHER-KEYS") {
                    out[i].get_or_insert(v);
                }
            }
            Some(name) => match names.iter().position(|&n| n == name) {
                Some(i) => {
                    out[i].get_or_insert(v);
                }
                None => {
                    unknown.get_or_insert(k);
                }
            },
            None => {
                unknown.get_or_insert(k);
            }
        }
    }
    match unknown {
        Some(k) if allow_other != Some(true) => {
            Err(error_with(cx, cx.g.s.program_error.into(), "Unknown &KEY argument: ~S", &[k]))
        }
        _ => Ok(out),
    }
}

/// An error of condition type `kind` (a simple condition) reported with a
/// format control and arguments.
pub fn error_with<'gc>(cx: &Cx<'gc, '_>, kind: Value<'gc>, control: &str, args: &[Value<'gc>]) -> Ctl<'gc> {
    let s = &cx.g.s;
    cx.error_of(
        kind,
        vec![s.kw_format_control.into(), make_string(cx.mc, control), s.kw_format_arguments.into(), list(cx.mc, args)],
    )
}

/// A `simple-type-error` about `datum` (expected `expected`) with a format
/// control and arguments for its report.
pub fn simple_type_error<'gc>(cx: &Cx<'gc, '_>, datum: Value<'gc>, expected: Value<'gc>, control: &str, args: &[Value<'gc>]) -> Ctl<'gc> {
    let s = &cx.g.s;
    let mut err = error_with(cx, s.simple_type_error.into(), control, args);
    if let Ctl::Error(spec) = &mut err {
        spec.initargs.extend([s.kw_datum.into(), datum, s.kw_expected_type.into(), expected]);
    }
    err
}

/// A symbol of the COMMON-LISP package, for type specifiers.
pub fn cl_sym<'gc>(cx: &Cx<'gc, '_>, name: &str) -> Value<'gc> {
    cx.g.intern_in(cx.mc, "CL", name)
}

/// The type specifier `(head items...)`, `head` a COMMON-LISP symbol.
pub fn type_spec<'gc>(cx: &Cx<'gc, '_>, head: &str, items: &[Value<'gc>]) -> Value<'gc> {
    let mut all = vec![cl_sym(cx, head)];
    all.extend_from_slice(items);
    list(cx.mc, &all)
}

pub fn check_cons<'gc>(cx: &Cx<'gc, '_>, v: Value<'gc>) -> Result<Gc<'gc, Cons<'gc>>, Ctl<'gc>> {
    v.as_cons().ok_or_else(|| cx.type_error(v, cx.g.s.cons_type.into()))
}

pub fn check_char<'gc>(cx: &Cx<'gc, '_>, v: Value<'gc>) -> Result<char, Ctl<'gc>> {
    match v {
        Value::Char(c) => Ok(c),
        _ => Err(cx.type_error(v, cx.g.s.character.into())),
    }
}

pub fn check_table<'gc>(cx: &Cx<'gc, '_>, v: Value<'gc>) -> Result<Gc<'gc, HashTable<'gc>>, Ctl<'gc>> {
    match v {
        Value::HashTable(t) => Ok(t),
        _ => Err(cx.type_error(v, cx.g.s.hash_table.into())),
    }
}

/// A non-negative integer argument (`unsigned-byte`); bignums saturate,
/// which is exact for counting along lists and vectors.
pub fn check_index<'gc>(cx: &Cx<'gc, '_>, v: Value<'gc>) -> Result<usize, Ctl<'gc>> {
    match v {
        Value::Fixnum(n) if n >= 0 => Ok(n as usize),
        Value::Bignum(b) if b.0.sign() == num_bigint::Sign::Plus => Ok(usize::MAX),
        _ => Err(cx.type_error(v, cx.g.s.unsigned_byte.into())),
    }
}

/// The elements of a proper list, or a `type-error` naming the offending
/// tail of a dotted list (or the list itself when it is circular).
pub fn proper_list<'gc>(cx: &Cx<'gc, '_>, l: Value<'gc>) -> Result<Vec<Value<'gc>>, Ctl<'gc>> {
    crate::heap::cons::list_to_vec(l).map_err(|tail| {
        let datum = if tail.is_unbound() { l } else { tail };
        cx.type_error(datum, cx.g.s.list_type.into())
    })
}

/// The active elements of a vector, or of a proper list, as a sequence.
pub fn sequence_items<'gc>(cx: &Cx<'gc, '_>, v: Value<'gc>) -> Result<Vec<Value<'gc>>, Ctl<'gc>> {
    match v {
        Value::Nil | Value::Cons(_) => proper_list(cx, v),
        Value::Array(a) if a.borrow().is_vector() => Ok(vector_items(&a.borrow())),
        _ => Err(cx.type_error(v, cx.g.s.sequence.into())),
    }
}

/// The active elements of a vector (up to its fill pointer).
pub fn vector_items<'gc>(d: &ArrayData<'gc>) -> Vec<Value<'gc>> {
    (0..d.length()).map_while(|i| crate::heap::equal::element(d, i)).collect()
}

/// A two-argument test known to the runtime, run without calling Lisp.
#[derive(Copy, Clone)]
enum Known {
    Eq,
    Eql,
    Equal,
    Equalp,
}

fn known_test<'gc>(cx: &Cx<'gc, '_>, f: Value<'gc>) -> Option<Known> {
    let name = native_cl_name(cx, f)?;
    Some(match name {
        "EQ" => Known::Eq,
        "EQL" => Known::Eql,
        "EQUAL" => Known::Equal,
        "EQUALP" => Known::Equalp,
        _ => return None,
    })
}

/// The name of `f` when it is the COMMON-LISP primitive of that name, or
/// a COMMON-LISP symbol naming one.
fn native_cl_name<'gc>(cx: &Cx<'gc, '_>, f: Value<'gc>) -> Option<&'static str> {
    let func = match f {
        Value::Symbol(s) => match (s.package.get(), s.function.get()) {
            (Value::Package(p), Value::Function(func)) if Gc::ptr_eq(p, cx.g.p.cl) => func,
            _ => return None,
        },
        Value::Function(func) => func,
        _ => return None,
    };
    match &func.kind {
        FnKind::Native(n) if n.pkg == "CL" => Some(n.name),
        _ => None,
    }
}

/// The `:key` function: `None` for NIL and `identity`.
pub fn key_fn<'gc>(cx: &Cx<'gc, '_>, key: Option<Value<'gc>>) -> Option<Value<'gc>> {
    match key {
        None | Some(Value::Nil) => None,
        Some(f) if native_cl_name(cx, f) == Some("IDENTITY") => None,
        Some(f) => Some(f),
    }
}

/// Applies an optional `:key` function.
pub fn apply_key<'gc>(cx: &mut Cx<'gc, '_>, key: Option<Value<'gc>>, x: Value<'gc>) -> R<'gc> {
    match key {
        None => Ok(x),
        Some(f) => cx.call1(f, &[x]),
    }
}

/// A `:test` / `:test-not` pair with a `:key`, as the list functions take.
pub struct Matcher<'gc> {
    known: Option<Known>,
    test: Value<'gc>,
    negate: bool,
    pub key: Option<Value<'gc>>,
}

impl<'gc> Matcher<'gc> {
    pub fn new(
        cx: &Cx<'gc, '_>,
        test: Option<Value<'gc>>,
        test_not: Option<Value<'gc>>,
        key: Option<Value<'gc>>,
    ) -> Result<Matcher<'gc>, Ctl<'gc>> {
        let (f, negate) = match (test, test_not) {
            (Some(_), Some(_)) => return Err(cx.simple_error(":TEST and :TEST-NOT were both supplied.")),
            (Some(f), None) => (f, false),
            (None, Some(f)) => (f, true),
            (None, None) => (Value::Nil, false),
        };
        let known = if test.is_none() && test_not.is_none() { Some(Known::Eql) } else { known_test(cx, f) };
        Ok(Matcher { known, test: f, negate, key: key_fn(cx, key) })
    }

    /// Applies the `:key` function.
    pub fn key(&self, cx: &mut Cx<'gc, '_>, x: Value<'gc>) -> R<'gc> {
        apply_key(cx, self.key, x)
    }

    /// The test on `item` and an already keyed element, in that order.
    pub fn test(&self, cx: &mut Cx<'gc, '_>, item: Value<'gc>, elt: Value<'gc>) -> Result<bool, Ctl<'gc>> {
        let r = match self.known {
            Some(Known::Eq) => item.eq(elt),
            Some(Known::Eql) => item.eql(elt),
            Some(Known::Equal) => equal(item, elt),
            Some(Known::Equalp) => equalp(item, elt),
            None => cx.call1(self.test, &[item, elt])?.truthy(),
        };
        Ok(r != self.negate)
    }

    /// Keys `elt`, then tests it against `item`.
    pub fn matches(&self, cx: &mut Cx<'gc, '_>, item: Value<'gc>, elt: Value<'gc>) -> Result<bool, Ctl<'gc>> {
        let k = self.key(cx, elt)?;
        self.test(cx, item, k)
    }
}

/// A one-argument predicate with a `:key` (the `-if` / `-if-not` functions).
pub struct Pred<'gc> {
    f: Value<'gc>,
    negate: bool,
    key: Option<Value<'gc>>,
}

impl<'gc> Pred<'gc> {
    pub fn new(cx: &Cx<'gc, '_>, f: Value<'gc>, negate: bool, key: Option<Value<'gc>>) -> Pred<'gc> {
        Pred { f, negate, key: key_fn(cx, key) }
    }

    pub fn matches(&self, cx: &mut Cx<'gc, '_>, elt: Value<'gc>) -> Result<bool, Ctl<'gc>> {
        let k = apply_key(cx, self.key, elt)?;
        Ok(cx.call1(self.f, &[k])?.truthy() != self.negate)
    }
}

/// Brent's cycle detector for walks along cdr chains: feed it each
/// successive tail; it reports when the walk has gone round a cycle
/// (by then every cons of the list has been visited).
#[derive(Copy, Clone)]
pub struct Cycle<'gc> {
    mark: Value<'gc>,
    power: usize,
    steps: usize,
}

impl<'gc> Cycle<'gc> {
    pub fn new() -> Cycle<'gc> {
        Cycle { mark: Value::Unbound, power: 1, steps: 0 }
    }

    /// Records a step to `next`; true when `next` was seen before.
    pub fn step(&mut self, next: Value<'gc>) -> bool {
        self.steps += 1;
        if matches!(next, Value::Cons(_)) && next.eq(self.mark) {
            return true;
        }
        if self.steps == self.power {
            self.mark = next;
            self.power = self.power.saturating_mul(2);
            self.steps = 0;
        }
        false
    }

    /// The number of steps around the cycle, once `step` has reported it.
    pub fn period(&self) -> usize {
        self.steps
    }
}

impl Default for Cycle<'_> {
    fn default() -> Self {
        Cycle::new()
    }
}

/// Stores `v` as row-major element `i` of `a`, following displacement;
/// false when the index is out of range or `v` does not fit the storage.
pub fn store_element<'gc>(mc: &gc_arena::Mutation<'gc>, a: Gc<'gc, Array<'gc>>, i: usize, v: Value<'gc>) -> bool {
    crate::heap::array::array_set(mc, a, i, v).is_ok()
}
