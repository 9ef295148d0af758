//! Primitives: searching lists — `member`, association lists, property
//! lists (with the `%putf` / `%remf` helpers behind `setf getf` and
//! `remf`) and `tree-equal`.

use gc_arena::Gc;

use super::args::{keys, Cycle, Matcher, Pred};
use crate::heap::cons::{cons, Cons};
use crate::heap::Value;
use crate::vm::{Ctl, Cx, R};

crate::natives! {
    CL "MEMBER" 2 * => member;
    CL "MEMBER-IF" 2 * => member_if;
    CL "MEMBER-IF-NOT" 2 * => member_if_not;
    CL "ASSOC" 2 * => assoc;
    CL "ASSOC-IF" 2 * => assoc_if;
    CL "ASSOC-IF-NOT" 2 * => assoc_if_not;
    CL "RASSOC" 2 * => rassoc;
    CL "RASSOC-IF" 2 * => rassoc_if;
    CL "RASSOC-IF-NOT" 2 * => rassoc_if_not;
    CL "ACONS" 3 3 => acons;
    CL "PAIRLIS" 2 3 => pairlis;
    CL "GETF" 2 3 => getf;
    CL "GET-PROPERTIES" 2 2 => get_properties;
    SYS "%PUTF" 3 3 => putf;
    SYS "%REMF" 2 2 => remf;
    CL "TREE-EQUAL" 2 * => tree_equal;
}

fn not_list<'gc>(cx: &Cx<'gc, '_>, v: Value<'gc>) -> Ctl<'gc> {
    cx.type_error(v, cx.g.s.list_type.into())
}

/// Calls `visit` on each cons of a list until it returns `Some`; a dotted
/// tail is a `type-error`, a circular list ends the search.
fn walk<'gc>(
    cx: &mut Cx<'gc, '_>,
    l: Value<'gc>,
    mut visit: impl FnMut(&mut Cx<'gc, '_>, Gc<'gc, Cons<'gc>>) -> Result<bool, Ctl<'gc>>,
) -> R<'gc> {
    let mut x = l;
    let mut cycle = Cycle::new();
    loop {
        match x {
            Value::Cons(c) => {
                if visit(cx, c)? {
                    return Ok(x);
                }
                x = c.cdr();
                if cycle.step(x) {
                    return Ok(Value::Nil);
                }
            }
            Value::Nil => return Ok(Value::Nil),
            other => return Err(not_list(cx, other)),
        }
    }
}

fn member<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let [key, test, test_not] = keys(cx, &args[2..], ["KEY", "TEST", "TEST-NOT"])?;
    let m = Matcher::new(cx, test, test_not, key)?;
    let item = args[0];
    walk(cx, args[1], |cx, c| m.matches(cx, item, c.car()))
}

fn member_pred<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>], negate: bool) -> R<'gc> {
    let [key] = keys(cx, &args[2..], ["KEY"])?;
    let p = Pred::new(cx, args[0], negate, key);
    walk(cx, args[1], |cx, c| p.matches(cx, c.car()))
}

fn member_if<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    member_pred(cx, args, false)
}

fn member_if_not<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    member_pred(cx, args, true)
}

/// Finds the first pair of an alist satisfying `hit` on its car (or cdr
/// when `on_cdr`); NIL elements are skipped, other atoms are an error.
fn find_pair<'gc>(
    cx: &mut Cx<'gc, '_>,
    alist: Value<'gc>,
    on_cdr: bool,
    mut hit: impl FnMut(&mut Cx<'gc, '_>, Value<'gc>) -> Result<bool, Ctl<'gc>>,
) -> R<'gc> {
    let tail = walk(cx, alist, |cx, c| match c.car() {
        Value::Nil => Ok(false),
        Value::Cons(pair) => hit(cx, if on_cdr { pair.cdr() } else { pair.car() }),
        other => Err(not_list(cx, other)),
    })?;
    Ok(crate::heap::cons::car(tail))
}

fn assoc_by<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>], on_cdr: bool) -> R<'gc> {
    let [key, test, test_not] = keys(cx, &args[2..], ["KEY", "TEST", "TEST-NOT"])?;
    let m = Matcher::new(cx, test, test_not, key)?;
    let item = args[0];
    find_pair(cx, args[1], on_cdr, |cx, x| m.matches(cx, item, x))
}

fn assoc_pred<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>], on_cdr: bool, negate: bool) -> R<'gc> {
    let [key] = keys(cx, &args[2..], ["KEY"])?;
    let p = Pred::new(cx, args[0], negate, key);
    find_pair(cx, args[1], on_cdr, |cx, x| p.matches(cx, x))
}

fn assoc<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    assoc_by(cx, args, false)
}

fn assoc_if<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    assoc_pred(cx, args, false, false)
}

fn assoc_if_not<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    assoc_pred(cx, args, false, true)
}

fn rassoc<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    assoc_by(cx, args, true)
}

fn rassoc_if<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    assoc_pred(cx, args, true, false)
}

fn rassoc_if_not<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    assoc_pred(cx, args, true, true)
}

fn acons<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let pair = cons(cx.mc, args[0], args[1]);
    Ok(cons(cx.mc, pair, args[2]))
}

fn pairlis<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let ks = super::args::proper_list(cx, args[0])?;
    let ds = super::args::proper_list(cx, args[1])?;
    if ks.len() != ds.len() {
        return Err(cx.simple_error("The lists of keys and data are of unequal length."));
    }
    let alist = args.get(2).copied().unwrap_or(Value::Nil);
    Ok(ks.into_iter().zip(ds).fold(alist, |acc, (k, d)| {
        let pair = cons(cx.mc, k, d);
        cons(cx.mc, pair, acc)
    }))
}

/// The error for a property list of odd length.
fn malformed<'gc>(cx: &Cx<'gc, '_>, plist: Value<'gc>) -> Ctl<'gc> {
    super::args::simple_type_error(cx, plist, cx.g.s.list_type.into(), "malformed property list: ~S.", &[plist])
}

/// The cons holding `indicator` (compared with `eq`) in a property list,
/// and the cons before it (whose cddr it is), if any.
#[allow(clippy::type_complexity)]
pub fn plist_find<'gc>(
    cx: &Cx<'gc, '_>,
    plist: Value<'gc>,
    indicator: Value<'gc>,
) -> Result<(Option<Gc<'gc, Cons<'gc>>>, Option<Gc<'gc, Cons<'gc>>>), Ctl<'gc>> {
    let mut x = plist;
    let mut prev_value: Option<Gc<'gc, Cons<'gc>>> = None;
    let mut cycle = Cycle::new();
    loop {
        match x {
            Value::Nil => return Ok((None, None)),
            Value::Cons(c) => {
                let Value::Cons(v) = c.cdr() else {
                    return match c.cdr() {
                        Value::Nil => Err(malformed(cx, plist)),
                        other => Err(not_list(cx, other)),
                    };
                };
                if c.car().eq(indicator) {
                    return Ok((Some(c), prev_value));
                }
                prev_value = Some(v);
                x = v.cdr();
                if cycle.step(x) {
                    return Ok((None, None));
                }
            }
            other => return Err(not_list(cx, other)),
        }
    }
}

/// The value under `indicator` in a property list.
pub fn plist_get<'gc>(
    cx: &Cx<'gc, '_>,
    plist: Value<'gc>,
    indicator: Value<'gc>,
) -> Result<Option<Value<'gc>>, Ctl<'gc>> {
    let (found, _) = plist_find(cx, plist, indicator)?;
    Ok(found.map(|c| crate::heap::cons::car(c.cdr())))
}

/// The property list with `indicator` set to `value`: changed in place
/// when present, else a new head on the old list.
pub fn plist_put<'gc>(cx: &Cx<'gc, '_>, plist: Value<'gc>, indicator: Value<'gc>, value: Value<'gc>) -> R<'gc> {
    match plist_find(cx, plist, indicator)? {
        (Some(c), _) => {
            if let Value::Cons(v) = c.cdr() {
                Cons::set_car(v, cx.mc, value);
            }
            Ok(plist)
        }
        (None, _) => {
            let rest = cons(cx.mc, value, plist);
            Ok(cons(cx.mc, indicator, rest))
        }
    }
}

/// The property list without `indicator` (spliced out in place), and
/// whether it was there.
pub fn plist_remove<'gc>(
    cx: &Cx<'gc, '_>,
    plist: Value<'gc>,
    indicator: Value<'gc>,
) -> Result<(Value<'gc>, bool), Ctl<'gc>> {
    match plist_find(cx, plist, indicator)? {
        (Some(c), prev) => {
            let after = crate::heap::cons::cdr(c.cdr());
            match prev {
                Some(p) => {
                    Cons::set_cdr(p, cx.mc, after);
                    Ok((plist, true))
                }
                None => Ok((after, true)),
            }
        }
        (None, _) => Ok((plist, false)),
    }
}

fn getf<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let default = args.get(2).copied().unwrap_or(Value::Nil);
    Ok(plist_get(cx, args[0], args[1])?.unwrap_or(default))
}

fn get_properties<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let indicators = super::args::proper_list(cx, args[1])?;
    let plist = args[0];
    let mut x = plist;
    let mut cycle = Cycle::new();
    while let Value::Cons(c) = x {
        let Value::Cons(v) = c.cdr() else {
            return Err(if c.cdr().is_nil() { malformed(cx, plist) } else { not_list(cx, c.cdr()) });
        };
        if indicators.iter().any(|i| i.eq(c.car())) {
            return cx.values(vec![c.car(), v.car(), x]);
        }
        x = v.cdr();
        if cycle.step(x) {
            break;
        }
    }
    if !x.is_list() {
        return Err(not_list(cx, x));
    }
    cx.values(vec![Value::Nil, Value::Nil, Value::Nil])
}

fn putf<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    plist_put(cx, args[0], args[1], args[2])
}

fn remf<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let (plist, removed) = plist_remove(cx, args[0], args[1])?;
    let flag = cx.bool(removed);
    cx.values(vec![plist, flag])
}

/// Pending comparisons beyond which `tree-equal` gives up (car-circular input).
const MAX_PENDING: usize = 1 << 20;

fn tree_equal<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let [test, test_not] = keys(cx, &args[2..], ["TEST", "TEST-NOT"])?;
    let m = Matcher::new(cx, test, test_not, None)?;
    // Each entry: two trees still to compare, and the cycle detector of
    // the cdr chain they are the rest of. Cars that are conses are
    // compared first; the rest of the chain waits below them.
    let mut stack = vec![(args[0], args[1], Cycle::new())];
    while let Some((mut a, mut b, mut cycle)) = stack.pop() {
        loop {
            match (a, b) {
                (Value::Cons(ca), Value::Cons(cb)) => {
                    let (x, y) = (ca.car(), cb.car());
                    a = ca.cdr();
                    b = cb.cdr();
                    if cycle.step(a) {
                        return Ok(Value::Nil);
                    }
                    match (x, y) {
                        (Value::Cons(_), Value::Cons(_)) => {
                            stack.push((a, b, cycle));
                            stack.push((x, y, Cycle::new()));
                            break;
                        }
                        (Value::Cons(_), _) | (_, Value::Cons(_)) => return Ok(Value::Nil),
                        _ => {
                            if !m.test(cx, x, y)? {
                                return Ok(Value::Nil);
                            }
                        }
                    }
                }
                (Value::Cons(_), _) | (_, Value::Cons(_)) => return Ok(Value::Nil),
                _ => {
                    if !m.test(cx, a, b)? {
                        return Ok(Value::Nil);
                    }
                    break;
                }
            }
        }
        if stack.len() > MAX_PENDING {
            return Ok(Value::Nil);
        }
    }
    Ok(cx.t())
}
