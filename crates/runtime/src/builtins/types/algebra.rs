//! SUBTYPEP: A is a subtype of B when A ∧ ¬B is empty. A type is put in
//! disjunctive normal form (a union of terms, each a conjunction of atoms
//! and negated atoms, negation pushed down to the atoms); a term's
//! emptiness is then decided within the one kind its positive atoms share
//! (interval arithmetic for numbers, bit masks, class precedence lists,
//! array patterns, and a recursive product rule for conses). SATISFIES and
//! multiple-inheritance intersections make the answer "unknown".

use std::cmp::Ordering;

use num_bigint::BigInt;

use super::member::{atom_contains, Mode};
use super::spec::{full, ArrPat, Atom, Bound, Kind, Ty, ALL_KINDS};
use crate::clos::{metaclass_name, precedence_list};
use crate::heap::array::ElemType;
use crate::heap::Value;
use crate::numbers::compare::cmp_real;
use crate::numbers::real::Real;
use crate::vm::{Ctl, Cx};

/// A three-valued answer.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Tri {
    Yes,
    No,
    Maybe,
}

impl Tri {
    pub fn not(self) -> Tri {
        match self {
            Tri::Yes => Tri::No,
            Tri::No => Tri::Yes,
            Tri::Maybe => Tri::Maybe,
        }
    }
    pub fn and(self, o: Tri) -> Tri {
        match (self, o) {
            (Tri::No, _) | (_, Tri::No) => Tri::No,
            (Tri::Yes, Tri::Yes) => Tri::Yes,
            _ => Tri::Maybe,
        }
    }
}

/// Past this many terms a normal form is abandoned as "unknown".
const MAX_TERMS: usize = 2048;

#[derive(Clone)]
struct Term<'gc> {
    pos: Vec<Atom<'gc>>,
    neg: Vec<Atom<'gc>>,
}

fn product<'gc>(a: Vec<Term<'gc>>, b: Vec<Term<'gc>>) -> Option<Vec<Term<'gc>>> {
    if a.len() * b.len() > MAX_TERMS {
        return None;
    }
    let mut out = Vec::with_capacity(a.len() * b.len());
    for x in &a {
        for y in &b {
            let mut t = x.clone();
            t.pos.extend(y.pos.iter().cloned());
            t.neg.extend(y.neg.iter().cloned());
            out.push(t);
        }
    }
    Some(out)
}

/// The normal form of `t` (of its complement when `negate`); `None` when too large.
fn dnf<'gc>(t: &Ty<'gc>, negate: bool) -> Option<Vec<Term<'gc>>> {
    let conj = |parts: &[Ty<'gc>]| -> Option<Vec<Term<'gc>>> {
        let mut acc = vec![Term { pos: Vec::new(), neg: Vec::new() }];
        for p in parts {
            acc = product(acc, dnf(p, negate)?)?;
        }
        Some(acc)
    };
    let disj = |parts: &[Ty<'gc>]| -> Option<Vec<Term<'gc>>> {
        let mut acc = Vec::new();
        for p in parts {
            acc.extend(dnf(p, negate)?);
            if acc.len() > MAX_TERMS {
                return None;
            }
        }
        Some(acc)
    };
    match (t, negate) {
        (Ty::And(p), false) | (Ty::Or(p), true) => conj(p),
        (Ty::Or(p), false) | (Ty::And(p), true) => disj(p),
        (Ty::Not(p), n) => dnf(p, !n),
        (Ty::A(a), false) => Some(vec![Term { pos: vec![a.clone()], neg: Vec::new() }]),
        (Ty::A(a), true) => Some(vec![Term { pos: Vec::new(), neg: vec![a.clone()] }]),
    }
}

/// Whether the type has no members.
pub fn is_empty<'gc>(cx: &mut Cx<'gc, '_>, t: &Ty<'gc>) -> Result<Tri, Ctl<'gc>> {
    let Some(terms) = dnf(t, false) else { return Ok(Tri::Maybe) };
    let mut r = Tri::Yes;
    for term in &terms {
        match term_empty(cx, &term.pos, &term.neg)? {
            Tri::No => return Ok(Tri::No),
            Tri::Maybe => r = Tri::Maybe,
            Tri::Yes => {}
        }
    }
    Ok(r)
}

/// (subtypep a b) as (certainly-subtype, certain).
pub fn subtypep<'gc>(cx: &mut Cx<'gc, '_>, a: Ty<'gc>, b: Ty<'gc>) -> Result<(bool, bool), Ctl<'gc>> {
    Ok(match is_empty(cx, &Ty::And(vec![a, Ty::Not(Box::new(b))]))? {
        Tri::Yes => (true, true),
        Tri::No => (false, true),
        Tri::Maybe => (false, false),
    })
}

fn same_predicate<'gc>(a: &Atom<'gc>, b: &Atom<'gc>) -> bool {
    matches!((a, b), (Atom::Satisfies(x), Atom::Satisfies(y)) if crate::heap::equal::equal(*x, *y))
}

fn term_empty<'gc>(cx: &mut Cx<'gc, '_>, pos: &[Atom<'gc>], neg: &[Atom<'gc>]) -> Result<Tri, Ctl<'gc>> {
    let is_sat = |a: &Atom<'gc>| matches!(a, Atom::Satisfies(_));
    let (sp, core_pos): (Vec<Atom<'gc>>, Vec<Atom<'gc>>) = pos.iter().cloned().partition(is_sat);
    let (sn, core_neg): (Vec<Atom<'gc>>, Vec<Atom<'gc>>) = neg.iter().cloned().partition(is_sat);
    if sp.iter().any(|p| sn.iter().any(|n| same_predicate(p, n))) {
        return Ok(Tri::Yes);
    }
    let core = core_empty(cx, &core_pos, &core_neg)?;
    Ok(if core == Tri::Yes || (sp.is_empty() && sn.is_empty()) { core } else { Tri::Maybe })
}

fn valid_bits(k: Kind) -> u32 {
    match k {
        Kind::Char | Kind::Complex => 7,
        Kind::Symbol | Kind::Pathname | Kind::Function => 3,
        Kind::Stream => 127,
        _ => 1,
    }
}

fn core_empty<'gc>(cx: &mut Cx<'gc, '_>, pos: &[Atom<'gc>], neg: &[Atom<'gc>]) -> Result<Tri, Ctl<'gc>> {
    if let Some(v) = pos.iter().find_map(|a| if let Atom::Eql(v) = a { Some(*v) } else { None }) {
        let mut r = Tri::Yes;
        for a in pos {
            r = r.and(atom_contains(cx, v, a, Mode::Static)?);
        }
        for n in neg {
            r = r.and(atom_contains(cx, v, n, Mode::Static)?.not());
        }
        return Ok(r.not());
    }
    if pos.is_empty() {
        let mut r = Tri::Yes;
        for k in ALL_KINDS {
            match core_empty(cx, &[full(k)], neg)? {
                Tri::No => return Ok(Tri::No),
                Tri::Maybe => r = Tri::Maybe,
                Tri::Yes => {}
            }
        }
        return Ok(r);
    }
    let kind = pos[0].kind();
    if pos.iter().any(|a| a.kind() != kind) {
        return Ok(Tri::Yes);
    }
    let Some(kind) = kind else { return Ok(Tri::Maybe) };
    let neg: Vec<Atom<'gc>> = neg.iter().filter(|a| a.kind() == Some(kind)).cloned().collect();
    match kind {
        Kind::Int => Ok(int_empty(pos, &neg)),
        Kind::Ratio | Kind::Single | Kind::Double => Ok(real_empty(kind, pos, &neg)),
        Kind::Cons => {
            let (mut cars, mut cdrs) = (Vec::new(), Vec::new());
            for a in pos {
                if let Atom::Cons(a, d) = a {
                    cars.push((**a).clone());
                    cdrs.push((**d).clone());
                }
            }
            let negs: Vec<(Ty<'gc>, Ty<'gc>)> = neg
                .iter()
                .filter_map(|a| if let Atom::Cons(a, d) = a { Some(((**a).clone(), (**d).clone())) } else { None })
                .collect();
            prod_empty(cx, Ty::And(cars), Ty::And(cdrs), &negs)
        }
        Kind::Array => Ok(array_empty(pos, &neg)),
        Kind::Instance => Ok(instance_empty(cx, pos, &neg)),
        _ => {
            let m = pos.iter().fold(valid_bits(kind), |m, a| if let Atom::Mask(_, b) = a { m & b } else { m });
            let nm = neg.iter().fold(0, |m, a| if let Atom::Mask(_, b) = a { m | b } else { m });
            Ok(if m & !nm == 0 { Tri::Yes } else { Tri::No })
        }
    }
}

/// Integer intervals, inclusive, `None` meaning unbounded.
type IntIvl = (Option<BigInt>, Option<BigInt>);

fn int_nonempty(i: &IntIvl) -> bool {
    match i {
        (Some(l), Some(h)) => l <= h,
        _ => true,
    }
}

fn int_empty(pos: &[Atom<'_>], neg: &[Atom<'_>]) -> Tri {
    let mut lo: Option<BigInt> = None;
    let mut hi: Option<BigInt> = None;
    for a in pos {
        if let Atom::Int(l, h) = a {
            if let Some(l) = l {
                lo = Some(lo.map_or(l.clone(), |x| x.max(l.clone())));
            }
            if let Some(h) = h {
                hi = Some(hi.map_or(h.clone(), |x| x.min(h.clone())));
            }
        }
    }
    let mut live: Vec<IntIvl> = vec![(lo, hi)];
    for n in neg {
        let (l, h) = match n {
            Atom::Int(l, h) => (l.clone(), h.clone()),
            Atom::Eql(v) => match v.to_bigint() {
                Some(b) => (Some(b.clone()), Some(b)),
                None => continue,
            },
            _ => continue,
        };
        let mut next = Vec::new();
        for (a, b) in live {
            if let Some(l) = &l {
                let top: BigInt = l - 1;
                next.push((a.clone(), Some(b.clone().map_or(top.clone(), |b| b.min(top)))));
            }
            if let Some(h) = &h {
                let bottom: BigInt = h + 1;
                next.push((Some(a.clone().map_or(bottom.clone(), |a| a.max(bottom))), b.clone()));
            }
        }
        live = next.into_iter().filter(int_nonempty).collect();
    }
    if live.iter().any(int_nonempty) { Tri::No } else { Tri::Yes }
}

fn bval<'a>(b: &Bound<'a>) -> Option<(Real<'a>, bool)> {
    match b {
        Bound::Open => None,
        Bound::Incl(v) => Real::of(*v).map(|r| (r, false)),
        Bound::Excl(v) => Real::of(*v).map(|r| (r, true)),
    }
}

/// The tighter of two lower (or upper) bounds.
fn tighter<'gc>(a: Bound<'gc>, b: Bound<'gc>, lower: bool) -> Bound<'gc> {
    let (Some((ra, ea)), Some((rb, eb))) = (bval(&a), bval(&b)) else {
        return if matches!(a, Bound::Open) { b } else { a };
    };
    match cmp_real(ra, rb) {
        Some(Ordering::Equal) => {
            if ea || !eb { a } else { b }
        }
        Some(Ordering::Greater) => if lower { a } else { b },
        _ => if lower { b } else { a },
    }
}

/// The complementary bound: the upper end left of `lo`, or the lower end right of `hi`.
fn flip(b: Bound<'_>) -> Bound<'_> {
    match b {
        Bound::Incl(v) => Bound::Excl(v),
        Bound::Excl(v) => Bound::Incl(v),
        Bound::Open => Bound::Open,
    }
}

/// Emptiness of a real interval of `kind`, excluding `points`.
fn ivl_empty<'gc>(kind: Kind, lo: &Bound<'gc>, hi: &Bound<'gc>, points: &[Value<'gc>]) -> bool {
    let (Some((rl, el)), Some((rh, eh))) = (bval(lo), bval(hi)) else { return false };
    match cmp_real(rl, rh) {
        Some(Ordering::Less) => false,
        Some(Ordering::Equal) if !el && !eh => {
            // A single point: a member only if it is itself of the kind.
            let Bound::Incl(v) = lo else { return true };
            let right = matches!(
                (kind, v),
                (Kind::Ratio, Value::Ratio(_)) | (Kind::Single, Value::Single(_)) | (Kind::Double, Value::Double(_))
            );
            !right || points.iter().any(|p| p.eql(*v))
        }
        _ => true,
    }
}

fn real_empty<'gc>(kind: Kind, pos: &[Atom<'gc>], neg: &[Atom<'gc>]) -> Tri {
    let (mut lo, mut hi) = (Bound::Open, Bound::Open);
    for a in pos {
        if let Atom::Real(_, l, h) = a {
            lo = tighter(lo, *l, true);
            hi = tighter(hi, *h, false);
        }
    }
    let points: Vec<Value<'gc>> = neg.iter().filter_map(|a| if let Atom::Eql(v) = a { Some(*v) } else { None }).collect();
    let mut live = vec![(lo, hi)];
    for n in neg {
        let Atom::Real(_, l, h) = n else { continue };
        let mut next = Vec::new();
        for (a, b) in live {
            if !matches!(l, Bound::Open) {
                next.push((a, tighter(b, flip(*l), false)));
            }
            if !matches!(h, Bound::Open) {
                next.push((tighter(a, flip(*h), true), b));
            }
        }
        live = next.into_iter().filter(|(a, b)| !ivl_empty(kind, a, b, &[])).collect();
    }
    if live.iter().all(|(a, b)| ivl_empty(kind, a, b, &points)) { Tri::Yes } else { Tri::No }
}

/// Emptiness of the product car × cdr minus a union of products.
fn prod_empty<'gc>(cx: &mut Cx<'gc, '_>, car: Ty<'gc>, cdr: Ty<'gc>, negs: &[(Ty<'gc>, Ty<'gc>)]) -> Result<Tri, Ctl<'gc>> {
    let ec = is_empty(cx, &car)?;
    if ec == Tri::Yes {
        return Ok(Tri::Yes);
    }
    let ed = is_empty(cx, &cdr)?;
    if ed == Tri::Yes {
        return Ok(Tri::Yes);
    }
    let Some(((a1, d1), rest)) = negs.split_first() else {
        return Ok(if ec == Tri::No && ed == Tri::No { Tri::No } else { Tri::Maybe });
    };
    let left = prod_empty(cx, Ty::And(vec![car.clone(), Ty::Not(Box::new(a1.clone()))]), cdr.clone(), rest)?;
    if left == Tri::No {
        return Ok(Tri::No);
    }
    let right = prod_empty(cx, Ty::And(vec![car, a1.clone()]), Ty::And(vec![cdr, Ty::Not(Box::new(d1.clone()))]), rest)?;
    Ok(match (left, right) {
        (Tri::Yes, Tri::Yes) => Tri::Yes,
        (_, Tri::No) => Tri::No,
        _ => Tri::Maybe,
    })
}

fn meet(a: &ArrPat, b: &ArrPat) -> Option<ArrPat> {
    fn one<T: PartialEq + Clone>(x: &Option<T>, y: &Option<T>) -> Option<Option<T>> {
        match (x, y) {
            (Some(p), Some(q)) if p != q => None,
            (Some(p), _) | (_, Some(p)) => Some(Some(p.clone())),
            _ => Some(None),
        }
    }
    let dims = match (&a.dims, &b.dims) {
        (Some(p), Some(q)) => {
            if p.len() != q.len() {
                return None;
            }
            Some(p.iter().zip(q).map(|(x, y)| one(x, y)).collect::<Option<Vec<_>>>()?)
        }
        (Some(p), None) | (None, Some(p)) => Some(p.clone()),
        _ => None,
    };
    Some(ArrPat { elem: one(&a.elem, &b.elem)?, simple: one(&a.simple, &b.simple)?, dims })
}

fn covers(n: &ArrPat, e: ElemType, s: bool, dims: &Option<Vec<Option<usize>>>) -> bool {
    n.elem.is_none_or(|x| x == e)
        && n.simple.is_none_or(|x| x == s)
        && match (&n.dims, dims) {
            (None, _) => true,
            (Some(_), None) => false,
            (Some(nd), Some(d)) => nd.len() == d.len() && nd.iter().zip(d).all(|(x, y)| x.is_none() || x == y),
        }
}

fn array_empty(pos: &[Atom<'_>], neg: &[Atom<'_>]) -> Tri {
    let mut p = ArrPat { elem: None, simple: None, dims: None };
    for a in pos {
        if let Atom::Array(q) = a {
            match meet(&p, q) {
                Some(m) => p = m,
                None => return Tri::Yes,
            }
        }
    }
    let negs: Vec<&ArrPat> = neg.iter().filter_map(|a| if let Atom::Array(q) = a { Some(q) } else { None }).collect();
    let elems = match p.elem {
        Some(e) => vec![e],
        None => vec![ElemType::T, ElemType::Char, ElemType::Bit, ElemType::U8],
    };
    let simples = match p.simple {
        Some(s) => vec![s],
        None => vec![true, false],
    };
    for e in &elems {
        for s in &simples {
            if !negs.iter().any(|n| covers(n, *e, *s, &p.dims)) {
                return Tri::No;
            }
        }
    }
    Tri::Yes
}

fn instance_empty<'gc>(cx: &mut Cx<'gc, '_>, pos: &[Atom<'gc>], neg: &[Atom<'gc>]) -> Tri {
    if neg.iter().any(|a| matches!(a, Atom::Mask(..))) {
        return Tri::Yes;
    }
    let classes: Vec<Value<'gc>> = pos.iter().filter_map(|a| if let Atom::Class(c) = a { Some(*c) } else { None }).collect();
    if classes.is_empty() {
        return Tri::No;
    }
    let mut most = None;
    for c in &classes {
        let cpl = precedence_list(*c);
        if classes.iter().all(|o| cpl.iter().any(|x| x.eq(*o))) {
            most = Some((*c, cpl));
            break;
        }
    }
    let Some((_, cpl)) = most else {
        // Unrelated structure classes have no common instances; other
        // classes may meet in a subclass of both.
        let structure_class = cx.g.intern_in(cx.mc, "CL", "STRUCTURE-CLASS");
        let any_structure = classes.iter().any(|c| metaclass_name(*c).eq(structure_class));
        return if any_structure { Tri::Yes } else { Tri::Maybe };
    };
    if neg.iter().any(|a| matches!(a, Atom::Class(n) if cpl.iter().any(|x| x.eq(*n)))) {
        Tri::Yes
    } else {
        Tri::No
    }
}
