//! Searching sequences: COUNT, FIND and POSITION (with their -IF and
//! -IF-NOT forms), SEARCH, MISMATCH, REDUCE, and the quantifiers EVERY,
//! SOME, NOTANY and NOTEVERY.

use super::seq_access::{items_of, range, seq, Seq};
use super::seq_args::{bounds, func, key_func, parse_keys, Func, Test};
use crate::heap::Value;
use crate::vm::{Ctl, Cx, R};

crate::natives! {
    CL "COUNT" 2 * => count;
    CL "COUNT-IF" 2 * => count_if;
    CL "COUNT-IF-NOT" 2 * => count_if_not;
    CL "FIND" 2 * => find;
    CL "FIND-IF" 2 * => find_if;
    CL "FIND-IF-NOT" 2 * => find_if_not;
    CL "POSITION" 2 * => position;
    CL "POSITION-IF" 2 * => position_if;
    CL "POSITION-IF-NOT" 2 * => position_if_not;
    CL "SEARCH" 2 * => search;
    CL "MISMATCH" 2 * => mismatch;
    CL "REDUCE" 2 * => reduce;
    CL "EVERY" 2 * => every;
    CL "SOME" 2 * => some;
    CL "NOTANY" 2 * => notany;
    CL "NOTEVERY" 2 * => notevery;
}

/// What an element must satisfy: equality to an item under a test, or a predicate.
#[derive(Clone, Copy)]
pub enum Pred<'gc> {
    Item(Value<'gc>, Test<'gc>),
    If(Func<'gc>, bool),
}

impl<'gc> Pred<'gc> {
    /// Applies the predicate to an element's key.
    #[inline]
    pub fn check(self, cx: &mut Cx<'gc, '_>, k: Value<'gc>) -> Result<bool, Ctl<'gc>> {
        match self {
            Pred::Item(x, t) => t.pass(cx, x, k),
            Pred::If(f, want) => Ok(f.test1(cx, k)? == want),
        }
    }
}

/// The keyword arguments of the search family, parsed.
pub struct SearchArgs<'gc> {
    pub pred: Pred<'gc>,
    pub key: Func<'gc>,
    pub from_end: bool,
    pub start: Option<Value<'gc>>,
    pub end: Option<Value<'gc>>,
    pub count: Option<Value<'gc>>,
}

/// Parses `item-or-predicate sequence &key ...` for the -IF forms
/// (`if_form` = Some(wanted truth)) or the item forms (with :test/:test-not).
/// `with_count` accepts :count (the removal and substitution functions).
pub fn search_args<'gc>(cx: &mut Cx<'gc, '_>, first: Value<'gc>, keys: &[Value<'gc>], if_form: Option<bool>, with_count: bool) -> Result<SearchArgs<'gc>, Ctl<'gc>> {
    let [from_end, start, end, key, test, test_not, count] =
        parse_keys(cx, keys, ["FROM-END", "START", "END", "KEY", "TEST", "TEST-NOT", "COUNT"])?;
    let bad = |name: &str| cx.program_error(&format!("unknown &key argument: :{name}"));
    if if_form.is_some() && (test.is_some() || test_not.is_some()) && !allow_other(cx, keys) {
        return Err(bad(if test.is_some() { "TEST" } else { "TEST-NOT" }));
    }
    if !with_count && count.is_some() && !allow_other(cx, keys) {
        return Err(bad("COUNT"));
    }
    let pred = match if_form {
        Some(want) => Pred::If(func(cx, first)?, want),
        None => Pred::Item(first, Test::new(cx, test, test_not)?),
    };
    Ok(SearchArgs { pred, key: key_func(cx, key)?, from_end: from_end.is_some_and(|v| v.truthy()), start, end, count })
}

fn allow_other<'gc>(cx: &Cx<'gc, '_>, keys: &[Value<'gc>]) -> bool {
    keys.chunks(2).find(|p| super::seq_args::keyword_name(cx, p[0]) == Some("ALLOW-OTHER-KEYS")).is_some_and(|p| p.len() == 2 && p[1].truthy())
}

/// Visits the elements of `s` between :start and :end (backwards when
/// `from_end`), calling `f(index, element)` until it returns true.
/// Lists are walked lazily going forwards.
pub fn scan<'gc>(
    cx: &mut Cx<'gc, '_>,
    s: Seq<'gc>,
    start: Option<Value<'gc>>,
    end: Option<Value<'gc>>,
    from_end: bool,
    f: &mut dyn FnMut(&mut Cx<'gc, '_>, usize, Value<'gc>) -> Result<bool, Ctl<'gc>>,
) -> Result<(), Ctl<'gc>> {
    match s {
        Seq::List(l) if !from_end && matches!(end, None | Some(Value::Nil)) => {
            let (st, _) = bounds(cx, start, None, usize::MAX)?;
            let (mut cur, mut slow, mut i) = (l, l, 0usize);
            loop {
                match cur {
                    Value::Nil => break,
                    Value::Cons(c) => {
                        if i >= st && f(cx, i, c.car())? {
                            return Ok(());
                        }
                        cur = c.cdr();
                        i += 1;
                        if i % 2 == 0 {
                            slow = crate::heap::cons::cdr(slow);
                            if cur.eq(slow) && !cur.is_nil() {
                                return Err(super::seq_access::circular(cx));
                            }
                        }
                    }
                    other => return Err(cx.type_error(other, cx.g.s.list_type.into())),
                }
            }
            // Check :start against the length now known.
            bounds(cx, start, None, i)?;
            Ok(())
        }
        Seq::List(_) => {
            let (items, st, _) = range(cx, s, start, end)?;
            let order: Box<dyn Iterator<Item = usize>> = if from_end { Box::new((0..items.len()).rev()) } else { Box::new(0..items.len()) };
            for j in order {
                if f(cx, st + j, items[j])? {
                    return Ok(());
                }
            }
            Ok(())
        }
        Seq::Vector(a) => {
            let len = a.borrow().length();
            let (st, en) = bounds(cx, start, end, len)?;
            let order: Box<dyn Iterator<Item = usize>> = if from_end { Box::new((st..en).rev()) } else { Box::new(st..en) };
            for i in order {
                let v = a.borrow().get(i).ok_or_else(|| super::seq_access::invalidated(cx, a))?;
                if f(cx, i, v)? {
                    return Ok(());
                }
            }
            Ok(())
        }
    }
}

/// The first (or last, with :from-end) matching element and its index.
fn find_match<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>], if_form: Option<bool>) -> Result<Option<(usize, Value<'gc>)>, Ctl<'gc>> {
    let a = search_args(cx, args[0], &args[2..], if_form, false)?;
    let s = seq(cx, args[1])?;
    let mut found = None;
    scan(cx, s, a.start, a.end, a.from_end, &mut |cx, i, v| {
        let k = a.key.call1(cx, v)?;
        if a.pred.check(cx, k)? {
            found = Some((i, v));
            return Ok(true);
        }
        Ok(false)
    })?;
    Ok(found)
}

fn count_matches<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>], if_form: Option<bool>) -> R<'gc> {
    let a = search_args(cx, args[0], &args[2..], if_form, false)?;
    let s = seq(cx, args[1])?;
    let mut n = 0i64;
    scan(cx, s, a.start, a.end, a.from_end, &mut |cx, _, v| {
        let k = a.key.call1(cx, v)?;
        if a.pred.check(cx, k)? {
            n += 1;
        }
        Ok(false)
    })?;
    Ok(Value::Fixnum(n))
}

fn count<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    count_matches(cx, args, None)
}
fn count_if<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    count_matches(cx, args, Some(true))
}
fn count_if_not<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    count_matches(cx, args, Some(false))
}

fn find<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    Ok(find_match(cx, args, None)?.map_or(Value::Nil, |(_, v)| v))
}
fn find_if<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    Ok(find_match(cx, args, Some(true))?.map_or(Value::Nil, |(_, v)| v))
}
fn find_if_not<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    Ok(find_match(cx, args, Some(false))?.map_or(Value::Nil, |(_, v)| v))
}

fn position<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    Ok(find_match(cx, args, None)?.map_or(Value::Nil, |(i, _)| Value::Fixnum(i as i64)))
}
fn position_if<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    Ok(find_match(cx, args, Some(true))?.map_or(Value::Nil, |(i, _)| Value::Fixnum(i as i64)))
}
fn position_if_not<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    Ok(find_match(cx, args, Some(false))?.map_or(Value::Nil, |(i, _)| Value::Fixnum(i as i64)))
}

/// The keyword arguments of SEARCH and MISMATCH, with both ranges' keys
/// already applied.
struct TwoSeqs<'gc> {
    a: Vec<Value<'gc>>,
    b: Vec<Value<'gc>>,
    start1: usize,
    end1: usize,
    start2: usize,
    test: Test<'gc>,
    from_end: bool,
}

fn two_seqs<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> Result<TwoSeqs<'gc>, Ctl<'gc>> {
    let [from_end, test, test_not, key, start1, end1, start2, end2] =
        parse_keys(cx, &args[2..], ["FROM-END", "TEST", "TEST-NOT", "KEY", "START1", "END1", "START2", "END2"])?;
    let test = Test::new(cx, test, test_not)?;
    let key = key_func(cx, key)?;
    let s1 = seq(cx, args[0])?;
    let s2 = seq(cx, args[1])?;
    let (mut a, start1, end1) = range(cx, s1, start1, end1)?;
    let (mut b, start2, _) = range(cx, s2, start2, end2)?;
    if !key.is_identity() {
        for v in a.iter_mut().chain(b.iter_mut()) {
            *v = key.call1(cx, *v)?;
        }
    }
    Ok(TwoSeqs { a, b, start1, end1, start2, test, from_end: from_end.is_some_and(|v| v.truthy()) })
}

fn search<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let t = two_seqs(cx, args)?;
    let (n, m) = (t.a.len(), t.b.len());
    if n > m {
        return Ok(Value::Nil);
    }
    let starts: Box<dyn Iterator<Item = usize>> = if t.from_end { Box::new((0..=m - n).rev()) } else { Box::new(0..=m - n) };
    for p in starts {
        let mut ok = true;
        for i in 0..n {
            if !t.test.pass(cx, t.a[i], t.b[p + i])? {
                ok = false;
                break;
            }
        }
        if ok {
            return Ok(Value::Fixnum((t.start2 + p) as i64));
        }
    }
    Ok(Value::Nil)
}

fn mismatch<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let t = two_seqs(cx, args)?;
    let (n, m) = (t.a.len(), t.b.len());
    let common = n.min(m);
    let mut same = 0;
    while same < common {
        let (x, y) = if t.from_end { (t.a[n - 1 - same], t.b[m - 1 - same]) } else { (t.a[same], t.b[same]) };
        if !t.test.pass(cx, x, y)? {
            break;
        }
        same += 1;
    }
    if same == common && n == m {
        return Ok(Value::Nil);
    }
    Ok(Value::Fixnum(if t.from_end { t.end1 - same } else { t.start1 + same } as i64))
}

fn reduce<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let [key, from_end, start, end, init] = parse_keys(cx, &args[2..], ["KEY", "FROM-END", "START", "END", "INITIAL-VALUE"])?;
    let f = func(cx, args[0])?;
    let key = key_func(cx, key)?;
    let from_end = from_end.is_some_and(|v| v.truthy());
    let s = seq(cx, args[1])?;
    let (mut items, _, _) = range(cx, s, start, end)?;
    if from_end {
        items.reverse();
    }
    let mut it = items.into_iter();
    let mut acc = match init {
        Some(v) => v,
        None => match it.next() {
            None => return f.call(cx, &[]),
            Some(first) => key.call1(cx, first)?,
        },
    };
    for x in it {
        let k = key.call1(cx, x)?;
        acc = if from_end { f.call2(cx, k, acc)? } else { f.call2(cx, acc, k)? };
    }
    Ok(acc)
}

/// Runs `pred` over the sequences in parallel; `stop(result)` decides when
/// to return early with `Some(value)`.
fn quantify<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>], stop: fn(&Cx<'gc, '_>, Value<'gc>) -> Option<Value<'gc>>, otherwise: Value<'gc>) -> R<'gc> {
    let f = func(cx, args[0])?;
    let seqs = &args[1..];
    if let [single] = seqs {
        if let Seq::List(l) = seq(cx, *single)? {
            // One list: walk it lazily so an early answer needs no copy.
            let mut out = None;
            scan(cx, Seq::List(l), None, None, false, &mut |cx, _, v| {
                let r = f.call1(cx, v)?;
                out = stop(cx, r);
                Ok(out.is_some())
            })?;
            return Ok(out.unwrap_or(otherwise));
        }
    }
    let cols: Vec<Vec<Value<'gc>>> = seqs.iter().map(|&s| items_of(cx, s)).collect::<Result<_, _>>()?;
    let n = cols.iter().map(|c| c.len()).min().unwrap_or(0);
    let mut argv = Vec::with_capacity(cols.len());
    for i in 0..n {
        argv.clear();
        argv.extend(cols.iter().map(|c| c[i]));
        let r = f.call(cx, &argv)?;
        if let Some(v) = stop(cx, r) {
            return Ok(v);
        }
    }
    Ok(otherwise)
}

fn every<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let t = cx.t();
    quantify(cx, args, |_, r| r.is_nil().then_some(Value::Nil), t)
}
fn some<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    quantify(cx, args, |_, r| r.truthy().then_some(r), Value::Nil)
}
fn notany<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let t = cx.t();
    quantify(cx, args, |_, r| r.truthy().then_some(Value::Nil), t)
}
fn notevery<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    quantify(cx, args, |cx, r| r.is_nil().then_some(cx.t()), Value::Nil)
}
