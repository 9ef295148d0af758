//! Type specifiers parsed into a small tree (`Ty`) of AND/OR/NOT over
//! atoms. Every atom belongs to one `Kind`, a partition of all objects, so
//! two atoms of different kinds never share a member. TYPEP evaluates the
//! tree directly; SUBTYPEP turns it into a union of intersections
//! (`algebra.rs`). DEFTYPE expanders (Lisp functions on the name's plist)
//! are called here; depth is bounded so a recursive DEFTYPE cannot
//! exhaust the Rust stack.

use num_bigint::BigInt;
use num_traits::{One, Zero};

use super::super::seq_args::cl_name;
use super::super::seq_types::upgrade;
use crate::builtins::arrays::ARRAY_RANK_LIMIT as RANK_LIMIT;
use crate::heap::array::ElemType;
use crate::heap::Value;
use crate::numbers::float::float_to_ratio;
use crate::numbers::real::Real;
use crate::vm::{Ctl, Cx};

/// How deeply type specifiers (and DEFTYPE expansions) may nest.
pub const MAX_DEPTH: u32 = 200;

/// The most arguments a compound specifier may have (a circular list has more).
const MAX_ARGS: usize = 1 << 20;

/// Parsing state: the nesting depth, and whether an unknown type name is
/// an error (TYPEP) or an unknown set (SUBTYPEP, as in SBCL).
#[derive(Clone, Copy)]
pub struct How {
    pub depth: u32,
    pub lenient: bool,
}

impl How {
    pub fn strict() -> How {
        How { depth: 0, lenient: false }
    }
    pub fn lenient() -> How {
        How { depth: 0, lenient: true }
    }
    fn deeper(self) -> How {
        How { depth: self.depth + 1, ..self }
    }
}

/// The partition of all objects that atoms live in.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Kind {
    Int,
    Ratio,
    Single,
    Double,
    Complex,
    Char,
    Symbol,
    Cons,
    Array,
    Function,
    HashTable,
    Package,
    Stream,
    Readtable,
    RandomState,
    Pathname,
    Instance,
    Other,
}

pub const ALL_KINDS: [Kind; 18] = [
    Kind::Int,
    Kind::Ratio,
    Kind::Single,
    Kind::Double,
    Kind::Complex,
    Kind::Char,
    Kind::Symbol,
    Kind::Cons,
    Kind::Array,
    Kind::Function,
    Kind::HashTable,
    Kind::Package,
    Kind::Stream,
    Kind::Readtable,
    Kind::RandomState,
    Kind::Pathname,
    Kind::Instance,
    Kind::Other,
];

/// Sub-categories of the mask kinds.
pub mod bits {
    pub const STANDARD_CHAR: u32 = 1;
    pub const BASE_CHAR_OTHER: u32 = 2;
    pub const EXTENDED_CHAR: u32 = 4;
    pub const KEYWORD: u32 = 1;
    pub const OTHER_SYMBOL: u32 = 2;
    pub const COMPLEX_RATIONAL: u32 = 1;
    pub const COMPLEX_SINGLE: u32 = 2;
    pub const COMPLEX_DOUBLE: u32 = 4;
    pub const STRING_STREAM: u32 = 1;
    pub const FILE_STREAM: u32 = 2;
    pub const SYNONYM_STREAM: u32 = 4;
    pub const TWO_WAY_STREAM: u32 = 8;
    pub const ECHO_STREAM: u32 = 16;
    pub const BROADCAST_STREAM: u32 = 32;
    pub const CONCATENATED_STREAM: u32 = 64;
    pub const PRETTY_STREAM: u32 = 128;
    /// A Gray stream wrapped for the primitives (streams/gray.rs).
    pub const GRAY_STREAM: u32 = 256;
    /// Every clove function is compiled; bit 2 stands for the interpreted
    /// functions the standard allows. Funcallable instances (generic
    /// functions) are compiled functions of their own category.
    pub const ORDINARY_FUNCTION: u32 = 1;
    pub const GENERIC_FUNCTION: u32 = 4;
    pub const COMPILED_FUNCTION: u32 = ORDINARY_FUNCTION | GENERIC_FUNCTION;
    pub const PHYSICAL_PATHNAME: u32 = 1;
    pub const LOGICAL_PATHNAME: u32 = 2;
    pub const ALL: u32 = u32::MAX;
}

/// A real interval bound.
#[derive(Clone, Copy)]
pub enum Bound<'gc> {
    Open,
    Incl(Value<'gc>),
    Excl(Value<'gc>),
}

/// An array type pattern; `None` fields are `*`.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct ArrPat {
    pub elem: Option<ElemType>,
    pub simple: Option<bool>,
    pub dims: Option<Vec<Option<usize>>>,
}

#[derive(Clone)]
pub enum Atom<'gc> {
    /// Integers between inclusive bounds (`None`: unbounded).
    Int(Option<BigInt>, Option<BigInt>),
    /// Ratios, single or double floats in an interval.
    Real(Kind, Bound<'gc>, Bound<'gc>),
    /// A mask kind with the sub-categories in the mask.
    Mask(Kind, u32),
    Cons(Box<Ty<'gc>>, Box<Ty<'gc>>),
    Array(ArrPat),
    /// Instances whose class precedence list holds this name.
    Class(Value<'gc>),
    Eql(Value<'gc>),
    /// A SATISFIES predicate's name, or (lenient parsing) an unknown type
    /// specifier: a set SUBTYPEP knows nothing about.
    Satisfies(Value<'gc>),
}

#[derive(Clone)]
pub enum Ty<'gc> {
    And(Vec<Ty<'gc>>),
    Or(Vec<Ty<'gc>>),
    Not(Box<Ty<'gc>>),
    A(Atom<'gc>),
}

impl<'gc> Ty<'gc> {
    pub fn top() -> Ty<'gc> {
        Ty::And(Vec::new())
    }
    pub fn bottom() -> Ty<'gc> {
        Ty::Or(Vec::new())
    }
    fn mask(k: Kind, m: u32) -> Ty<'gc> {
        Ty::A(Atom::Mask(k, m))
    }
    fn ints(lo: Option<BigInt>, hi: Option<BigInt>) -> Ty<'gc> {
        Ty::A(Atom::Int(lo, hi))
    }
    fn real(k: Kind) -> Ty<'gc> {
        Ty::A(Atom::Real(k, Bound::Open, Bound::Open))
    }
    fn arr(elem: Option<ElemType>, simple: Option<bool>, dims: Option<Vec<Option<usize>>>) -> Ty<'gc> {
        Ty::A(Atom::Array(ArrPat { elem, simple, dims }))
    }
}

impl<'gc> Atom<'gc> {
    pub fn kind(&self) -> Option<Kind> {
        Some(match self {
            Atom::Int(..) => Kind::Int,
            Atom::Real(k, ..) | Atom::Mask(k, _) => *k,
            Atom::Cons(..) => Kind::Cons,
            Atom::Array(_) => Kind::Array,
            Atom::Class(_) => Kind::Instance,
            Atom::Eql(v) => kind_of(*v),
            Atom::Satisfies(_) => return None,
        })
    }
}

/// The atom that covers a whole kind.
pub fn full<'gc>(k: Kind) -> Atom<'gc> {
    match k {
        Kind::Int => Atom::Int(None, None),
        Kind::Ratio | Kind::Single | Kind::Double => Atom::Real(k, Bound::Open, Bound::Open),
        Kind::Cons => Atom::Cons(Box::new(Ty::top()), Box::new(Ty::top())),
        Kind::Array => Atom::Array(ArrPat { elem: None, simple: None, dims: None }),
        _ => Atom::Mask(k, bits::ALL),
    }
}

pub fn kind_of(v: Value<'_>) -> Kind {
    match v {
        Value::Fixnum(_) | Value::Bignum(_) => Kind::Int,
        Value::Ratio(_) => Kind::Ratio,
        Value::Single(_) => Kind::Single,
        Value::Double(_) => Kind::Double,
        Value::Complex(_) => Kind::Complex,
        Value::Char(_) => Kind::Char,
        Value::Nil | Value::Symbol(_) => Kind::Symbol,
        Value::Cons(_) => Kind::Cons,
        Value::Array(_) => Kind::Array,
        Value::Function(_) => Kind::Function,
        Value::HashTable(_) => Kind::HashTable,
        Value::Package(_) => Kind::Package,
        Value::Stream(_) => Kind::Stream,
        Value::Instance(_) => Kind::Instance,
        Value::Object(o) => match &*o {
            crate::heap::object::Object::Readtable(_) => Kind::Readtable,
            crate::heap::object::Object::RandomState(_) => Kind::RandomState,
            crate::heap::object::Object::Pathname(_) => Kind::Pathname,
            _ => Kind::Other,
        },
        Value::Unbound | Value::Cell(_) => Kind::Other,
    }
}

fn bad<'gc>(cx: &Cx<'gc, '_>, spec: Value<'gc>) -> Ctl<'gc> {
    cx.error_fmt("~S is not a valid type specifier.", &[spec])
}

/// An unknown type specifier: an error, or an unknown set when lenient.
fn unknown<'gc>(cx: &Cx<'gc, '_>, spec: Value<'gc>, how: How) -> Result<Ty<'gc>, Ctl<'gc>> {
    if how.lenient {
        Ok(Ty::A(Atom::Satisfies(spec)))
    } else {
        Err(cx.error_fmt("unknown type specifier: ~S", &[spec]))
    }
}

pub fn is_star<'gc>(cx: &Cx<'gc, '_>, v: Value<'gc>) -> bool {
    cl_name(cx, v) == Some("*")
}

/// The property `indicator` (a SYS symbol) of `name`'s plist.
pub fn sys_prop<'gc>(cx: &Cx<'gc, '_>, name: Value<'gc>, indicator: &str) -> Option<Value<'gc>> {
    let s = cx.g.sym(name)?;
    let plist = s.plist.get();
    if plist.is_nil() {
        return None;
    }
    let key = cx.g.intern_in(cx.mc, "SYS", indicator);
    let mut l = plist;
    while let Value::Cons(c) = l {
        let Value::Cons(rest) = c.cdr() else { return None };
        if c.car().eq(key) {
            return Some(rest.car());
        }
        l = rest.cdr();
    }
    None
}


/// Calls the DEFTYPE expander of `spec`'s head, if it has one.
pub fn expand_deftype<'gc>(cx: &mut Cx<'gc, '_>, spec: Value<'gc>) -> Result<Option<Value<'gc>>, Ctl<'gc>> {
    let head = match spec {
        Value::Cons(c) => c.car(),
        v => v,
    };
    if !head.is_symbol() {
        return Ok(None);
    }
    match sys_prop(cx, head, "DEFTYPE-EXPANDER") {
        Some(f) => Ok(Some(cx.call1(f, &[spec, Value::Nil])?)),
        None => Ok(None),
    }
}

/// `spec` with DEFTYPE names expanded where array storage is decided: the
/// specifier itself, and the element type of an ARRAY, SIMPLE-ARRAY or
/// VECTOR specifier (for MAKE-ARRAY, the sequence result types, COERCE
/// and TYPEP on arrays, which upgrade element types without parsing them).
pub fn expand_storage_type<'gc>(cx: &mut Cx<'gc, '_>, spec: Value<'gc>) -> Result<Value<'gc>, Ctl<'gc>> {
    expand_storage(cx, spec, 0)
}

fn expand_storage<'gc>(cx: &mut Cx<'gc, '_>, mut spec: Value<'gc>, depth: u32) -> Result<Value<'gc>, Ctl<'gc>> {
    let mut depth = depth;
    loop {
        if depth > MAX_DEPTH {
            return Err(cx.error_fmt("The DEFTYPE expansion of ~S does not end.", &[spec]));
        }
        let head = match spec {
            Value::Cons(c) => c.car(),
            v => v,
        };
        if cl_name(cx, head).is_some() {
            break;
        }
        match expand_deftype(cx, spec)? {
            Some(e) => spec = e,
            None => return Ok(spec),
        }
        depth += 1;
    }
    let Value::Cons(c) = spec else { return Ok(spec) };
    if !matches!(cl_name(cx, c.car()), Some("ARRAY" | "SIMPLE-ARRAY" | "VECTOR")) {
        return Ok(spec);
    }
    let Value::Cons(args) = c.cdr() else { return Ok(spec) };
    let elem = args.car();
    let expanded = expand_storage(cx, elem, depth + 1)?;
    if expanded.eq(elem) {
        return Ok(spec);
    }
    let rest = crate::heap::cons::cons(cx.mc, expanded, args.cdr());
    Ok(crate::heap::cons::cons(cx.mc, c.car(), rest))
}

/// The integer bound of a real bound, for the integer part of a range.
fn int_bound(b: Bound<'_>, lower: bool) -> Option<BigInt> {
    let (v, excl) = match b {
        Bound::Open => return None,
        Bound::Incl(v) => (v, false),
        Bound::Excl(v) => (v, true),
    };
    let (n, d) = match Real::of(v)? {
        r @ (Real::Fix(_) | Real::Big(_) | Real::Ratio(..)) => r.ratio()?,
        r => float_to_ratio(r.float()?),
    };
    let (q, rem) = (num_integer::Integer::div_floor(&n, &d), num_integer::Integer::mod_floor(&n, &d));
    let exact = rem.is_zero();
    Some(if lower {
        if exact && excl { q + 1 } else if exact { q } else { q + 1 }
    } else if exact && excl {
        q - 1
    } else {
        q
    })
}

fn parse_bound<'gc>(cx: &Cx<'gc, '_>, v: Option<Value<'gc>>, spec: Value<'gc>, ok: &dyn Fn(Value<'gc>) -> bool) -> Result<Bound<'gc>, Ctl<'gc>> {
    match v {
        None => Ok(Bound::Open),
        Some(v) if is_star(cx, v) => Ok(Bound::Open),
        Some(v) if ok(v) => Ok(Bound::Incl(v)),
        Some(Value::Cons(c)) if c.cdr().is_nil() && ok(c.car()) => Ok(Bound::Excl(c.car())),
        Some(_) => Err(bad(cx, spec)),
    }
}

fn args_of<'gc>(cx: &Cx<'gc, '_>, spec: Value<'gc>, max: usize) -> Result<Vec<Value<'gc>>, Ctl<'gc>> {
    let Value::Cons(c) = spec else { return Ok(Vec::new()) };
    match crate::heap::cons::list_to_vec(c.cdr()) {
        Ok(out) if out.len() <= max.min(MAX_ARGS) => Ok(out),
        // Printing a circular specifier would not end: name its head only.
        Err(Value::Unbound) => Err(cx.error_fmt("The type specifier (~S ...) is a circular list.", &[c.car()])),
        _ => Err(bad(cx, spec)),
    }
}

fn is_integer(v: Value<'_>) -> bool {
    matches!(v, Value::Fixnum(_) | Value::Bignum(_))
}
fn is_rational(v: Value<'_>) -> bool {
    matches!(v, Value::Fixnum(_) | Value::Bignum(_) | Value::Ratio(_))
}
fn is_real(v: Value<'_>) -> bool {
    Real::of(v).is_some()
}

/// A numeric range type: `kinds` lists which real kinds it covers.
fn range<'gc>(cx: &Cx<'gc, '_>, spec: Value<'gc>, kinds: &[Kind], ok: &dyn Fn(Value<'gc>) -> bool) -> Result<Ty<'gc>, Ctl<'gc>> {
    let a = args_of(cx, spec, 2)?;
    let lo = parse_bound(cx, a.first().copied(), spec, ok)?;
    let hi = parse_bound(cx, a.get(1).copied(), spec, ok)?;
    Ok(Ty::Or(
        kinds
            .iter()
            .map(|k| match k {
                Kind::Int => Ty::ints(int_bound(lo, true), int_bound(hi, false)),
                _ => Ty::A(Atom::Real(*k, lo, hi)),
            })
            .collect(),
    ))
}

fn size_arg<'gc>(cx: &Cx<'gc, '_>, v: Option<Value<'gc>>, spec: Value<'gc>) -> Result<Option<usize>, Ctl<'gc>> {
    match v {
        None => Ok(None),
        Some(v) if is_star(cx, v) => Ok(None),
        Some(Value::Fixnum(n)) if n >= 0 => Ok(Some(n as usize)),
        Some(_) => Err(bad(cx, spec)),
    }
}

fn dims_arg<'gc>(cx: &Cx<'gc, '_>, v: Option<Value<'gc>>, spec: Value<'gc>) -> Result<Option<Vec<Option<usize>>>, Ctl<'gc>> {
    match v {
        None => Ok(None),
        Some(v) if is_star(cx, v) => Ok(None),
        Some(Value::Fixnum(n)) if (0..RANK_LIMIT as i64).contains(&n) => Ok(Some(vec![None; n as usize])),
        Some(l @ (Value::Cons(_) | Value::Nil)) => {
            let mut out = Vec::new();
            let mut l = l;
            while let Value::Cons(c) = l {
                out.push(size_arg(cx, Some(c.car()), spec)?);
                l = c.cdr();
                if out.len() >= RANK_LIMIT {
                    return Err(bad(cx, spec));
                }
            }
            if !l.is_nil() {
                return Err(bad(cx, spec));
            }
            Ok(Some(out))
        }
        Some(_) => Err(bad(cx, spec)),
    }
}

fn elem_arg<'gc>(cx: &mut Cx<'gc, '_>, v: Option<Value<'gc>>) -> Result<Option<ElemType>, Ctl<'gc>> {
    match v {
        None => Ok(None),
        Some(v) if is_star(cx, v) => Ok(None),
        Some(v) => {
            let v = expand_storage_type(cx, v)?;
            Ok(Some(upgrade(cx, v)))
        }
    }
}

fn byte_size<'gc>(cx: &Cx<'gc, '_>, v: Option<Value<'gc>>, spec: Value<'gc>) -> Result<Option<u32>, Ctl<'gc>> {
    match v {
        None => Ok(None),
        Some(v) if is_star(cx, v) => Ok(None),
        Some(Value::Fixnum(n)) if (1..1 << 20).contains(&n) => Ok(Some(n as u32)),
        Some(_) => Err(bad(cx, spec)),
    }
}

fn complex_parts<'gc>(cx: &mut Cx<'gc, '_>, v: Option<Value<'gc>>, spec: Value<'gc>, how: How) -> Result<u32, Ctl<'gc>> {
    let Some(v) = v.filter(|v| !is_star(cx, *v)) else { return Ok(bits::ALL) };
    let part = parse(cx, v, how.deeper())?;
    let mut m = 0;
    for (k, b) in [
        (Kind::Int, bits::COMPLEX_RATIONAL),
        (Kind::Ratio, bits::COMPLEX_RATIONAL),
        (Kind::Single, bits::COMPLEX_SINGLE),
        (Kind::Double, bits::COMPLEX_DOUBLE),
    ] {
        let probe = Ty::And(vec![part.clone(), Ty::A(full(k))]);
        if super::algebra::is_empty(cx, &probe)? != super::algebra::Tri::Yes {
            m |= b;
        }
    }
    if m == 0 && !matches!(part, Ty::Or(ref v) if v.is_empty()) {
        return Err(bad(cx, spec));
    }
    Ok(m)
}

fn list_ty<'gc>() -> Ty<'gc> {
    Ty::Or(vec![Ty::A(full(Kind::Cons)), Ty::A(Atom::Eql(Value::Nil))])
}

/// The type named by a standard atomic type specifier (a CL symbol).
fn named<'gc>(cx: &Cx<'gc, '_>, name: &str) -> Option<Ty<'gc>> {
    use Kind::*;
    let fix = || Ty::ints(Some(BigInt::from(crate::heap::value::FIXNUM_MIN)), Some(BigInt::from(crate::heap::value::FIXNUM_MAX)));
    let reals = || Ty::Or(vec![Ty::ints(None, None), Ty::real(Ratio), Ty::real(Single), Ty::real(Double)]);
    let vec1 = |elem, simple| Ty::arr(elem, simple, Some(vec![None]));
    Some(match name {
        "T" => Ty::top(),
        "NIL" => Ty::bottom(),
        "ATOM" => Ty::Not(Box::new(Ty::A(full(Cons)))),
        "LIST" => list_ty(),
        "NULL" => Ty::A(Atom::Eql(Value::Nil)),
        "BOOLEAN" => Ty::Or(vec![Ty::A(Atom::Eql(Value::Nil)), Ty::A(Atom::Eql(cx.g.s.t.into()))]),
        "SYMBOL" => Ty::mask(Symbol, bits::ALL),
        "KEYWORD" => Ty::mask(Symbol, bits::KEYWORD),
        "NUMBER" => Ty::Or(vec![reals(), Ty::mask(Complex, bits::ALL)]),
        "REAL" => reals(),
        "RATIONAL" => Ty::Or(vec![Ty::ints(None, None), Ty::real(Ratio)]),
        "INTEGER" | "SIGNED-BYTE" => Ty::ints(None, None),
        "UNSIGNED-BYTE" => Ty::ints(Some(BigInt::zero()), None),
        "FIXNUM" => fix(),
        "BIGNUM" => Ty::And(vec![Ty::ints(None, None), Ty::Not(Box::new(fix()))]),
        "BIT" => Ty::ints(Some(BigInt::zero()), Some(BigInt::one())),
        "RATIO" => Ty::real(Ratio),
        "FLOAT" => Ty::Or(vec![Ty::real(Single), Ty::real(Double)]),
        "SINGLE-FLOAT" | "SHORT-FLOAT" => Ty::real(Single),
        "DOUBLE-FLOAT" | "LONG-FLOAT" => Ty::real(Double),
        "COMPLEX" => Ty::mask(Complex, bits::ALL),
        "CHARACTER" => Ty::mask(Char, bits::ALL),
        "BASE-CHAR" => Ty::mask(Char, bits::STANDARD_CHAR | bits::BASE_CHAR_OTHER),
        "STANDARD-CHAR" => Ty::mask(Char, bits::STANDARD_CHAR),
        "EXTENDED-CHAR" => Ty::mask(Char, bits::EXTENDED_CHAR),
        "CONS" => Ty::A(full(Cons)),
        "SEQUENCE" => Ty::Or(vec![list_ty(), Ty::arr(None, None, Some(vec![None]))]),
        "ARRAY" => Ty::arr(None, None, None),
        "SIMPLE-ARRAY" => Ty::arr(None, Some(true), None),
        "VECTOR" => vec1(None, None),
        "SIMPLE-VECTOR" => vec1(Some(ElemType::T), Some(true)),
        "STRING" | "BASE-STRING" => vec1(Some(ElemType::Char), None),
        "SIMPLE-STRING" | "SIMPLE-BASE-STRING" => vec1(Some(ElemType::Char), Some(true)),
        "BIT-VECTOR" => vec1(Some(ElemType::Bit), None),
        "SIMPLE-BIT-VECTOR" => vec1(Some(ElemType::Bit), Some(true)),
        "FUNCTION" => Ty::mask(Function, bits::ALL),
        "COMPILED-FUNCTION" => Ty::mask(Function, bits::COMPILED_FUNCTION),
        "HASH-TABLE" => Ty::mask(HashTable, bits::ALL),
        "PACKAGE" => Ty::mask(Package, bits::ALL),
        "READTABLE" => Ty::mask(Readtable, bits::ALL),
        "RANDOM-STATE" => Ty::mask(RandomState, bits::ALL),
        "PATHNAME" => Ty::mask(Pathname, bits::ALL),
        "LOGICAL-PATHNAME" => Ty::mask(Pathname, bits::LOGICAL_PATHNAME),
        // Gray streams (streams/gray.rs) are instances of classes under STREAM.
        "STREAM" => match crate::clos::find_class(cx, cx.g.s.stream.into()) {
            Some(class) => Ty::Or(vec![Ty::mask(Stream, bits::ALL), Ty::A(Atom::Class(class))]),
            None => Ty::mask(Stream, bits::ALL),
        },
        "STRING-STREAM" => Ty::mask(Stream, bits::STRING_STREAM),
        "FILE-STREAM" => Ty::mask(Stream, bits::FILE_STREAM),
        "SYNONYM-STREAM" => Ty::mask(Stream, bits::SYNONYM_STREAM),
        "TWO-WAY-STREAM" => Ty::mask(Stream, bits::TWO_WAY_STREAM),
        "ECHO-STREAM" => Ty::mask(Stream, bits::ECHO_STREAM),
        "BROADCAST-STREAM" => Ty::mask(Stream, bits::BROADCAST_STREAM),
        "CONCATENATED-STREAM" => Ty::mask(Stream, bits::CONCATENATED_STREAM),
        "GENERIC-FUNCTION" | "STANDARD-GENERIC-FUNCTION" => Ty::mask(Function, bits::GENERIC_FUNCTION),
        _ => return None,
    })
}

/// Parses a type specifier.
pub fn parse<'gc>(cx: &mut Cx<'gc, '_>, spec: Value<'gc>, how: How) -> Result<Ty<'gc>, Ctl<'gc>> {
    if how.depth > MAX_DEPTH {
        // Only the head is printed: a specifier this deep may be circular.
        let head = match spec {
            Value::Cons(c) => c.car(),
            other => other,
        };
        return Err(cx.error_fmt("A type specifier headed by ~S is nested too deeply (or its DEFTYPE expansion does not end).", &[head]));
    }
    match spec {
        Value::Nil | Value::Symbol(_) => {
            if let Some(t) = cl_name(cx, spec).and_then(|n| named(cx, n)) {
                return Ok(t);
            }
            if let Some(class) = crate::clos::find_class(cx, spec) {
                return class_type(cx, class);
            }
            match expand_deftype(cx, spec)? {
                Some(e) => parse(cx, e, how.deeper()),
                None => unknown(cx, spec, how),
            }
        }
        Value::Cons(c) => compound(cx, spec, c.car(), how),
        Value::Instance(_) if crate::clos::is_class(cx, spec) => class_type(cx, spec),
        _ => Err(bad(cx, spec)),
    }
}

/// The type a class stands for: built-in classes are their named types,
/// funcallable classes generic functions, others the instances of the class.
fn class_type<'gc>(cx: &mut Cx<'gc, '_>, class: Value<'gc>) -> Result<Ty<'gc>, Ctl<'gc>> {
    let name = crate::clos::class_slot(class, crate::clos::CLASS_NAME);
    let built_in = cx.g.intern_in(cx.mc, "CL", "BUILT-IN-CLASS").eq(crate::clos::metaclass_name(class));
    if let Some(t) = cl_name(cx, name).filter(|_| built_in).and_then(|n| named(cx, n)) {
        return Ok(t);
    }
    let function = crate::clos::find_class(cx, cx.g.s.function_type.into());
    if function.is_some_and(|f| crate::clos::precedence_list(class).iter().any(|c| c.eq(f))) {
        return Ok(Ty::mask(Kind::Function, bits::GENERIC_FUNCTION));
    }
    Ok(Ty::A(Atom::Class(class)))
}

fn compound<'gc>(cx: &mut Cx<'gc, '_>, spec: Value<'gc>, head: Value<'gc>, how: How) -> Result<Ty<'gc>, Ctl<'gc>> {
    use Kind::*;
    let all = |cx: &Cx<'gc, '_>| args_of(cx, spec, usize::MAX);
    let Some(name) = cl_name(cx, head) else {
        return match expand_deftype(cx, spec)? {
            Some(e) => parse(cx, e, how.deeper()),
            None => unknown(cx, spec, how),
        };
    };
    Ok(match name {
        "AND" | "OR" => {
            let mut parts = Vec::new();
            for a in all(cx)? {
                parts.push(parse(cx, a, how.deeper())?);
            }
            if name == "AND" { Ty::And(parts) } else { Ty::Or(parts) }
        }
        "NOT" => match args_of(cx, spec, 1)?.as_slice() {
            [a] => Ty::Not(Box::new(parse(cx, *a, how.deeper())?)),
            _ => return Err(bad(cx, spec)),
        },
        "MEMBER" => Ty::Or(all(cx)?.into_iter().map(|v| Ty::A(Atom::Eql(v))).collect()),
        "EQL" => match args_of(cx, spec, 1)?.as_slice() {
            [a] => Ty::A(Atom::Eql(*a)),
            _ => return Err(bad(cx, spec)),
        },
        "SATISFIES" => match args_of(cx, spec, 1)?.as_slice() {
            [f] if f.is_symbol() => Ty::A(Atom::Satisfies(*f)),
            _ => return Err(bad(cx, spec)),
        },
        "INTEGER" => range(cx, spec, &[Int], &is_integer)?,
        "RATIONAL" => range(cx, spec, &[Int, Ratio], &is_rational)?,
        "REAL" => range(cx, spec, &[Int, Ratio, Single, Double], &is_real)?,
        "FLOAT" => range(cx, spec, &[Single, Double], &is_real)?,
        "SINGLE-FLOAT" | "SHORT-FLOAT" => range(cx, spec, &[Single], &is_real)?,
        "DOUBLE-FLOAT" | "LONG-FLOAT" => range(cx, spec, &[Double], &is_real)?,
        "MOD" => match args_of(cx, spec, 1)?.as_slice() {
            [n] if is_integer(*n) && n.to_bigint().is_some_and(|b| b > BigInt::zero()) => {
                Ty::ints(Some(BigInt::zero()), Some(n.to_bigint().unwrap() - 1))
            }
            _ => return Err(bad(cx, spec)),
        },
        "UNSIGNED-BYTE" => match byte_size(cx, args_of(cx, spec, 1)?.first().copied(), spec)? {
            None => Ty::ints(Some(BigInt::zero()), None),
            Some(n) => Ty::ints(Some(BigInt::zero()), Some((BigInt::one() << n) - 1)),
        },
        "SIGNED-BYTE" => match byte_size(cx, args_of(cx, spec, 1)?.first().copied(), spec)? {
            None => Ty::ints(None, None),
            Some(n) => Ty::ints(Some(-(BigInt::one() << (n - 1))), Some((BigInt::one() << (n - 1)) - 1)),
        },
        "COMPLEX" => {
            let a = args_of(cx, spec, 1)?;
            Ty::mask(Complex, complex_parts(cx, a.first().copied(), spec, how)?)
        }
        "CONS" => {
            let a = args_of(cx, spec, 2)?;
            let mut part = |i: usize| -> Result<Ty<'gc>, Ctl<'gc>> {
                match a.get(i) {
                    None => Ok(Ty::top()),
                    Some(v) if is_star(cx, *v) => Ok(Ty::top()),
                    Some(v) => parse(cx, *v, how.deeper()),
                }
            };
            let (car, cdr) = (part(0)?, part(1)?);
            Ty::A(Atom::Cons(Box::new(car), Box::new(cdr)))
        }
        "ARRAY" | "SIMPLE-ARRAY" => {
            let a = args_of(cx, spec, 2)?;
            let simple = (name == "SIMPLE-ARRAY").then_some(true);
            Ty::arr(elem_arg(cx, a.first().copied())?, simple, dims_arg(cx, a.get(1).copied(), spec)?)
        }
        "VECTOR" => {
            let a = args_of(cx, spec, 2)?;
            Ty::arr(elem_arg(cx, a.first().copied())?, None, Some(vec![size_arg(cx, a.get(1).copied(), spec)?]))
        }
        "SIMPLE-VECTOR" | "STRING" | "SIMPLE-STRING" | "BASE-STRING" | "SIMPLE-BASE-STRING" | "BIT-VECTOR"
        | "SIMPLE-BIT-VECTOR" => {
            let a = args_of(cx, spec, 1)?;
            let size = size_arg(cx, a.first().copied(), spec)?;
            let simple = name.starts_with("SIMPLE").then_some(true);
            let elem = match name {
                "SIMPLE-VECTOR" => ElemType::T,
                "BIT-VECTOR" | "SIMPLE-BIT-VECTOR" => ElemType::Bit,
                _ => ElemType::Char,
            };
            Ty::arr(Some(elem), simple, Some(vec![size]))
        }
        "FUNCTION" => Ty::mask(Function, bits::ALL),
        "COMPILED-FUNCTION" => Ty::mask(Function, bits::COMPILED_FUNCTION),
        "VALUES" => return Err(cx.error_fmt("VALUES type specifiers are not valid here: ~S", &[spec])),
        _ => match expand_deftype(cx, spec)? {
            Some(e) => parse(cx, e, how.deeper())?,
            None => unknown(cx, spec, how)?,
        },
    })
}
