//! Removing and replacing elements: REMOVE, DELETE, REMOVE-DUPLICATES,
//! DELETE-DUPLICATES, SUBSTITUTE and NSUBSTITUTE (with their -IF and
//! -IF-NOT forms). DELETE and NSUBSTITUTE reuse the argument's storage.

use gc_arena::Gc;

use super::eql_index::EqlIndex;
use super::seq_access::{like, list_range, seq, vector_items, vector_set, Seq};
use super::seq_args::{bounds, count_arg, key_func, parse_keys, Func, Test};
use super::seq_search::{search_args, SearchArgs};
use crate::heap::cons::{list_with_tail, Cons};
use crate::heap::Value;
use crate::vm::{Ctl, Cx, R};

crate::natives! {
    CL "REMOVE" 2 * => remove;
    CL "REMOVE-IF" 2 * => remove_if;
    CL "REMOVE-IF-NOT" 2 * => remove_if_not;
    CL "DELETE" 2 * => delete;
    CL "DELETE-IF" 2 * => delete_if;
    CL "DELETE-IF-NOT" 2 * => delete_if_not;
    CL "REMOVE-DUPLICATES" 1 * => remove_duplicates;
    CL "DELETE-DUPLICATES" 1 * => delete_duplicates;
    CL "SUBSTITUTE" 3 * => substitute;
    CL "SUBSTITUTE-IF" 3 * => substitute_if;
    CL "SUBSTITUTE-IF-NOT" 3 * => substitute_if_not;
    CL "NSUBSTITUTE" 3 * => nsubstitute;
    CL "NSUBSTITUTE-IF" 3 * => nsubstitute_if;
    CL "NSUBSTITUTE-IF-NOT" 3 * => nsubstitute_if_not;
}

/// A sequence's elements with the :start/:end range resolved; for lists
/// also the conses (so destructive operations can reuse them).
struct Elements<'gc> {
    items: Vec<Value<'gc>>,
    conses: Vec<Gc<'gc, Cons<'gc>>>,
    start: usize,
    end: usize,
}

fn elements<'gc>(cx: &Cx<'gc, '_>, s: Seq<'gc>, start: Option<Value<'gc>>, end: Option<Value<'gc>>) -> Result<Elements<'gc>, Ctl<'gc>> {
    match s {
        Seq::List(l) => {
            let (conses, st, en) = list_range(cx, l, start, end)?;
            let items = conses.iter().map(|c| c.car()).collect();
            Ok(Elements { items, conses, start: st, end: en })
        }
        Seq::Vector(a) => {
            let items = vector_items(cx, a)?;
            let (st, en) = bounds(cx, start, end, items.len())?;
            Ok(Elements { items, conses: Vec::new(), start: st, end: en })
        }
    }
}

/// Marks the elements in range that satisfy the predicate, at most
/// :count of them, taken from the end with :from-end.
fn mark<'gc>(cx: &mut Cx<'gc, '_>, a: &SearchArgs<'gc>, e: &Elements<'gc>) -> Result<Vec<bool>, Ctl<'gc>> {
    let limit = count_arg(cx, a.count)?;
    let mut flags = vec![false; e.items.len()];
    let mut hits = 0;
    let order: Box<dyn Iterator<Item = usize>> = if a.from_end { Box::new((e.start..e.end).rev()) } else { Box::new(e.start..e.end) };
    for i in order {
        if hits >= limit {
            break;
        }
        let k = a.key.call1(cx, e.items[i])?;
        if a.pred.check(cx, k)? {
            flags[i] = true;
            hits += 1;
        }
    }
    Ok(flags)
}

/// A copy of the elements without the marked ones. A list result shares
/// the tail after the last removed element; an unchanged list is returned as is.
fn without<'gc>(cx: &Cx<'gc, '_>, s: Seq<'gc>, orig: Value<'gc>, e: &Elements<'gc>, flags: &[bool]) -> R<'gc> {
    match s {
        Seq::List(_) => match flags.iter().rposition(|&f| f) {
            None => Ok(orig),
            Some(last) => {
                let kept: Vec<Value<'gc>> = (0..=last).filter(|&i| !flags[i]).map(|i| e.items[i]).collect();
                Ok(list_with_tail(cx.mc, &kept, e.conses[last].cdr()))
            }
        },
        Seq::Vector(_) => {
            let kept: Vec<Value<'gc>> = e.items.iter().zip(flags).filter(|(_, &f)| !f).map(|(v, _)| *v).collect();
            like(cx, s, &kept)
        }
    }
}

/// Removes the marked elements in place: relinks a list's conses, or
/// compacts a vector with a fill pointer (other vectors get a fresh copy).
fn delete_marked<'gc>(cx: &Cx<'gc, '_>, s: Seq<'gc>, orig: Value<'gc>, e: &Elements<'gc>, flags: &[bool]) -> R<'gc> {
    match s {
        Seq::List(_) => {
            let kept: Vec<Gc<'gc, Cons<'gc>>> = e.conses.iter().zip(flags).filter(|(_, &f)| !f).map(|(c, _)| *c).collect();
            for (j, c) in kept.iter().enumerate() {
                let next = kept.get(j + 1).map_or(Value::Nil, |n| Value::Cons(*n));
                if !c.cdr().eq(next) {
                    Cons::set_cdr(*c, cx.mc, next);
                }
            }
            Ok(kept.first().map_or(Value::Nil, |c| Value::Cons(*c)))
        }
        Seq::Vector(a) if a.borrow().fill.is_some() => {
            let kept: Vec<Value<'gc>> = e.items.iter().zip(flags).filter(|(_, &f)| !f).map(|(v, _)| *v).collect();
            for (i, v) in kept.iter().enumerate() {
                vector_set(cx, a, i, *v)?;
            }
            a.borrow_mut(cx.mc).fill = Some(kept.len());
            Ok(orig)
        }
        Seq::Vector(_) => without(cx, s, orig, e, flags),
    }
}

fn remove_impl<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>], if_form: Option<bool>, destructive: bool) -> R<'gc> {
    let a = search_args(cx, args[0], &args[2..], if_form, true)?;
    let s = seq(cx, args[1])?;
    let e = elements(cx, s, a.start, a.end)?;
    let flags = mark(cx, &a, &e)?;
    if destructive {
        delete_marked(cx, s, args[1], &e, &flags)
    } else {
        without(cx, s, args[1], &e, &flags)
    }
}

fn remove<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    remove_impl(cx, args, None, false)
}
fn remove_if<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    remove_impl(cx, args, Some(true), false)
}
fn remove_if_not<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    remove_impl(cx, args, Some(false), false)
}
fn delete<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    remove_impl(cx, args, None, true)
}
fn delete_if<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    remove_impl(cx, args, Some(true), true)
}
fn delete_if_not<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    remove_impl(cx, args, Some(false), true)
}

/// Marks the duplicates in range: each element matching a later one
/// (the last occurrence is kept), or with :from-end each element matching
/// an earlier kept one (the first occurrence is kept).
fn mark_duplicates<'gc>(cx: &mut Cx<'gc, '_>, e: &Elements<'gc>, key: Func<'gc>, test: Test<'gc>, from_end: bool) -> Result<Vec<bool>, Ctl<'gc>> {
    let mut flags = vec![false; e.items.len()];
    let mut keys = Vec::with_capacity(e.end - e.start);
    for &v in &e.items[e.start..e.end] {
        keys.push(key.call1(cx, v)?);
    }
    let n = keys.len();
    let mut index = EqlIndex::for_test(test);
    let mut seen: Vec<usize> = Vec::new();
    let order: Box<dyn Iterator<Item = usize>> = if from_end { Box::new(0..n) } else { Box::new((0..n).rev()) };
    for i in order {
        let dup = match &index {
            Some(ix) => ix.contains(keys[i]),
            None => {
                let mut dup = false;
                for &j in &seen {
                    let (x, y) = if from_end { (keys[j], keys[i]) } else { (keys[i], keys[j]) };
                    if test.pass(cx, x, y)? {
                        dup = true;
                        break;
                    }
                }
                dup
            }
        };
        flags[e.start + i] = dup;
        if !(from_end && dup) {
            match &mut index {
                Some(ix) => ix.insert(keys[i]),
                None => seen.push(i),
            }
        }
    }
    Ok(flags)
}

fn duplicates_impl<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>], destructive: bool) -> R<'gc> {
    let [from_end, test, test_not, start, end, key] = parse_keys(cx, &args[1..], ["FROM-END", "TEST", "TEST-NOT", "START", "END", "KEY"])?;
    let test = Test::new(cx, test, test_not)?;
    let key = key_func(cx, key)?;
    let s = seq(cx, args[0])?;
    let e = elements(cx, s, start, end)?;
    let flags = mark_duplicates(cx, &e, key, test, from_end.is_some_and(|v| v.truthy()))?;
    if destructive {
        delete_marked(cx, s, args[0], &e, &flags)
    } else {
        without(cx, s, args[0], &e, &flags)
    }
}

fn remove_duplicates<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    duplicates_impl(cx, args, false)
}
fn delete_duplicates<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    duplicates_impl(cx, args, true)
}

/// SUBSTITUTE and NSUBSTITUTE: `new old-or-predicate sequence &key ...`.
fn substitute_impl<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>], if_form: Option<bool>, destructive: bool) -> R<'gc> {
    let new = args[0];
    let a = search_args(cx, args[1], &args[3..], if_form, true)?;
    let s = seq(cx, args[2])?;
    let e = elements(cx, s, a.start, a.end)?;
    let flags = mark(cx, &a, &e)?;
    match (s, destructive) {
        (Seq::List(_), true) => {
            for (c, _) in e.conses.iter().zip(&flags).filter(|(_, &f)| f) {
                Cons::set_car(*c, cx.mc, new);
            }
            Ok(args[2])
        }
        (Seq::Vector(v), true) => {
            for (i, _) in flags.iter().enumerate().filter(|(_, &f)| f) {
                vector_set(cx, v, i, new)?;
            }
            Ok(args[2])
        }
        (Seq::List(_), false) => match flags.iter().rposition(|&f| f) {
            None => Ok(args[2]),
            Some(last) => {
                let head: Vec<Value<'gc>> = (0..=last).map(|i| if flags[i] { new } else { e.items[i] }).collect();
                Ok(list_with_tail(cx.mc, &head, e.conses[last].cdr()))
            }
        },
        (Seq::Vector(_), false) => {
            let out: Vec<Value<'gc>> = e.items.iter().zip(&flags).map(|(v, &f)| if f { new } else { *v }).collect();
            like(cx, s, &out)
        }
    }
}

fn substitute<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    substitute_impl(cx, args, None, false)
}
fn substitute_if<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    substitute_impl(cx, args, Some(true), false)
}
fn substitute_if_not<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    substitute_impl(cx, args, Some(false), false)
}
fn nsubstitute<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    substitute_impl(cx, args, None, true)
}
fn nsubstitute_if<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    substitute_impl(cx, args, Some(true), true)
}
fn nsubstitute_if_not<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    substitute_impl(cx, args, Some(false), true)
}
