//! Lists as sets (CLHS 14.1.2): ADJOIN, UNION, INTERSECTION,
//! SET-DIFFERENCE, SET-EXCLUSIVE-OR (and their destructive N- forms, which
//! relink the argument conses) and SUBSETP. The test is called with an
//! element of the first list (or the item) first; EQL and EQ tests use a
//! hash index instead of pairwise comparison.

use gc_arena::Gc;

use super::eql_index::EqlIndex;
use super::seq_access::list_conses;
use super::seq_args::{key_func, parse_keys, Func, Test};
use crate::heap::cons::{list_with_tail, Cons};
use crate::heap::{cons, Value};
use crate::vm::{Ctl, Cx, R};

crate::natives! {
    CL "ADJOIN" 2 * => adjoin;
    CL "UNION" 2 * => union;
    CL "NUNION" 2 * => nunion;
    CL "INTERSECTION" 2 * => intersection;
    CL "NINTERSECTION" 2 * => nintersection;
    CL "SET-DIFFERENCE" 2 * => set_difference;
    CL "NSET-DIFFERENCE" 2 * => nset_difference;
    CL "SET-EXCLUSIVE-OR" 2 * => set_exclusive_or;
    CL "NSET-EXCLUSIVE-OR" 2 * => nset_exclusive_or;
    CL "SUBSETP" 2 * => subsetp;
}

/// Membership of keys in a set of keys under a test.
struct Members<'gc> {
    keys: Vec<Value<'gc>>,
    index: Option<EqlIndex<'gc>>,
    test: Test<'gc>,
    /// The probe is the test's second argument (it comes from the second list).
    probe_second: bool,
}

impl<'gc> Members<'gc> {
    fn new(keys: Vec<Value<'gc>>, test: Test<'gc>, probe_second: bool) -> Members<'gc> {
        let index = EqlIndex::for_test(test).map(|mut ix| {
            for k in &keys {
                ix.insert(*k);
            }
            ix
        });
        Members { keys, index, test, probe_second }
    }

    fn has(&self, cx: &mut Cx<'gc, '_>, k: Value<'gc>) -> Result<bool, Ctl<'gc>> {
        if let Some(ix) = &self.index {
            return Ok(ix.contains(k));
        }
        for &o in &self.keys {
            let (a, b) = if self.probe_second { (o, k) } else { (k, o) };
            if self.test.pass(cx, a, b)? {
                return Ok(true);
            }
        }
        Ok(false)
    }
}

/// The two lists' conses and keys, and the test.
struct Sets<'gc> {
    c1: Vec<Gc<'gc, Cons<'gc>>>,
    c2: Vec<Gc<'gc, Cons<'gc>>>,
    k1: Vec<Value<'gc>>,
    k2: Vec<Value<'gc>>,
    test: Test<'gc>,
}

fn keys_of<'gc>(cx: &mut Cx<'gc, '_>, conses: &[Gc<'gc, Cons<'gc>>], key: Func<'gc>) -> Result<Vec<Value<'gc>>, Ctl<'gc>> {
    conses.iter().map(|c| key.call1(cx, c.car())).collect()
}

fn sets<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> Result<Sets<'gc>, Ctl<'gc>> {
    let [key, test, test_not] = parse_keys(cx, &args[2..], ["KEY", "TEST", "TEST-NOT"])?;
    let test = Test::new(cx, test, test_not)?;
    let key = key_func(cx, key)?;
    let c1 = list_conses(cx, args[0], usize::MAX)?;
    let c2 = list_conses(cx, args[1], usize::MAX)?;
    let k1 = keys_of(cx, &c1, key)?;
    let k2 = keys_of(cx, &c2, key)?;
    Ok(Sets { c1, c2, k1, k2, test })
}

/// For each cons of list 1, whether its key is in list 2.
fn in_second<'gc>(cx: &mut Cx<'gc, '_>, s: &Sets<'gc>) -> Result<Vec<bool>, Ctl<'gc>> {
    let m = Members::new(s.k2.clone(), s.test, false);
    s.k1.iter().map(|&k| m.has(cx, k)).collect()
}

/// For each cons of list 2, whether its key is in list 1.
fn in_first<'gc>(cx: &mut Cx<'gc, '_>, s: &Sets<'gc>) -> Result<Vec<bool>, Ctl<'gc>> {
    let m = Members::new(s.k1.clone(), s.test, true);
    s.k2.iter().map(|&k| m.has(cx, k)).collect()
}

/// Chains `conses` (in order) ending with `tail`; returns the head.
fn relink<'gc>(cx: &Cx<'gc, '_>, conses: &[Gc<'gc, Cons<'gc>>], tail: Value<'gc>) -> Value<'gc> {
    let mut next = tail;
    for c in conses.iter().rev() {
        if !c.cdr().eq(next) {
            Cons::set_cdr(*c, cx.mc, next);
        }
        next = Value::Cons(*c);
    }
    next
}

fn select<'gc>(conses: &[Gc<'gc, Cons<'gc>>], flags: &[bool], want: bool) -> Vec<Gc<'gc, Cons<'gc>>> {
    conses.iter().zip(flags).filter(|(_, &f)| f == want).map(|(c, _)| *c).collect()
}

/// Pushes the cars of the selected conses onto `acc` (reversing them, as SBCL does).
fn push_cars<'gc>(cx: &Cx<'gc, '_>, conses: &[Gc<'gc, Cons<'gc>>], acc: Value<'gc>) -> Value<'gc> {
    conses.iter().fold(acc, |acc, c| cons(cx.mc, c.car(), acc))
}

fn adjoin<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let [key, test, test_not] = parse_keys(cx, &args[2..], ["KEY", "TEST", "TEST-NOT"])?;
    let test = Test::new(cx, test, test_not)?;
    let key = key_func(cx, key)?;
    let k = key.call1(cx, args[0])?;
    for c in list_conses(cx, args[1], usize::MAX)? {
        let kc = key.call1(cx, c.car())?;
        if test.pass(cx, k, kc)? {
            return Ok(args[1]);
        }
    }
    Ok(cons(cx.mc, args[0], args[1]))
}

fn union<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let s = sets(cx, args)?;
    let flags = in_second(cx, &s)?;
    let extra: Vec<Value<'gc>> = select(&s.c1, &flags, false).iter().map(|c| c.car()).collect();
    Ok(list_with_tail(cx.mc, &extra, args[1]))
}

fn nunion<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let s = sets(cx, args)?;
    let flags = in_second(cx, &s)?;
    Ok(relink(cx, &select(&s.c1, &flags, false), args[1]))
}

fn intersection<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let s = sets(cx, args)?;
    let flags = in_second(cx, &s)?;
    Ok(push_cars(cx, &select(&s.c1, &flags, true), Value::Nil))
}

fn nintersection<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let s = sets(cx, args)?;
    let flags = in_second(cx, &s)?;
    Ok(relink(cx, &select(&s.c1, &flags, true), Value::Nil))
}

fn set_difference<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let s = sets(cx, args)?;
    if s.c2.is_empty() {
        return Ok(args[0]);
    }
    let flags = in_second(cx, &s)?;
    Ok(push_cars(cx, &select(&s.c1, &flags, false), Value::Nil))
}

fn nset_difference<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let s = sets(cx, args)?;
    let flags = in_second(cx, &s)?;
    Ok(relink(cx, &select(&s.c1, &flags, false), Value::Nil))
}

fn set_exclusive_or<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let s = sets(cx, args)?;
    let f1 = in_second(cx, &s)?;
    let f2 = in_first(cx, &s)?;
    let acc = push_cars(cx, &select(&s.c1, &f1, false), Value::Nil);
    Ok(push_cars(cx, &select(&s.c2, &f2, false), acc))
}

fn nset_exclusive_or<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let s = sets(cx, args)?;
    let f1 = in_second(cx, &s)?;
    let f2 = in_first(cx, &s)?;
    let mut kept = select(&s.c1, &f1, false);
    kept.extend(select(&s.c2, &f2, false));
    Ok(relink(cx, &kept, Value::Nil))
}

fn subsetp<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let s = sets(cx, args)?;
    let m = Members::new(s.k2.clone(), s.test, false);
    for &k in &s.k1 {
        if !m.has(cx, k)? {
            return Ok(Value::Nil);
        }
    }
    Ok(cx.t())
}
