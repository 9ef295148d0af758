//! Sequences (CLHS 17), the basic accessors and constructors: ELT, SUBSEQ
//! and their setters, COPY-SEQ, FILL, REPLACE, CONCATENATE, MAKE-SEQUENCE,
//! MAP and MAP-INTO. COERCE is in `coerce.rs`.

use super::arrays::{alloc_storage, checked_size};
use super::seq_access::{invalidated, items, items_of, length, like, list_conses, range, seq, vector_set, write_items, Seq};
use super::seq_args::{bounds, check_index, func, index_error, parse_keys};
use super::seq_types::{build, check_length, seq_type, SeqKind};
use crate::heap::array::{new_array, ElemType};
use crate::heap::cons::Cons;
use crate::heap::{cons, Value};
use crate::vm::{Ctl, Cx, R};

crate::natives! {
    CL "ELT" 2 2 => elt;
    SYS "%SET-ELT" 3 3 => set_elt;
    CL "SUBSEQ" 2 3 => subseq;
    SYS "%SET-SUBSEQ" 4 4 => set_subseq;
    CL "COPY-SEQ" 1 1 => copy_seq;
    CL "FILL" 2 * => fill;
    CL "REPLACE" 2 * => replace;
    CL "CONCATENATE" 1 * => concatenate;
    CL "MAKE-SEQUENCE" 2 * => make_sequence;
    CL "MAP" 3 * => map;
    CL "MAP-INTO" 2 * => map_into;
}

/// The cons holding element `i` of list `l`, or an index error.
fn nth_cons<'gc>(cx: &Cx<'gc, '_>, l: Value<'gc>, iv: Value<'gc>) -> Result<gc_arena::Gc<'gc, Cons<'gc>>, Ctl<'gc>> {
    let i = check_index(cx, iv)?;
    let conses = list_conses(cx, l, i.saturating_add(1))?;
    match conses.get(i) {
        Some(c) => Ok(*c),
        None => Err(index_error(cx, iv, conses.len())),
    }
}

fn elt<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    match seq(cx, args[0])? {
        Seq::List(l) => Ok(nth_cons(cx, l, args[1])?.car()),
        Seq::Vector(a) => {
            let len = a.borrow().length();
            let i = super::seq_args::check_index_below(cx, args[1], len)?;
            a.borrow().get(i).ok_or_else(|| invalidated(cx, a))
        }
    }
}

/// `(setf elt)`: sequence, index, new value.
fn set_elt<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    match seq(cx, args[0])? {
        Seq::List(l) => Cons::set_car(nth_cons(cx, l, args[1])?, cx.mc, args[2]),
        Seq::Vector(a) => {
            let len = a.borrow().length();
            let i = super::seq_args::check_index_below(cx, args[1], len)?;
            vector_set(cx, a, i, args[2])?;
        }
    }
    Ok(args[2])
}

fn subseq<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let s = seq(cx, args[0])?;
    let (items, _, _) = range(cx, s, Some(args[1]), args.get(2).copied())?;
    like(cx, s, &items)
}

/// `(setf subseq)`: sequence, start, end, new sequence → the new sequence.
fn set_subseq<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    replace_range(cx, args[0], args[3], Some(args[1]), Some(args[2]), None, None)?;
    Ok(args[3])
}

fn copy_seq<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let s = seq(cx, args[0])?;
    let all = items(cx, s)?;
    like(cx, s, &all)
}

fn fill<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let [start, end] = parse_keys(cx, &args[2..], ["START", "END"])?;
    let s = seq(cx, args[0])?;
    let len = length(cx, s)?;
    let (st, en) = bounds(cx, start, end, len)?;
    let items = vec![args[1]; en - st];
    write_items(cx, s, st, &items)?;
    Ok(args[0])
}

/// Copies elements of `src` (between start2 and end2) into `dst`
/// (between start1 and end1), as many as fit in both ranges.
fn replace_range<'gc>(
    cx: &mut Cx<'gc, '_>,
    dst: Value<'gc>,
    src: Value<'gc>,
    start1: Option<Value<'gc>>,
    end1: Option<Value<'gc>>,
    start2: Option<Value<'gc>>,
    end2: Option<Value<'gc>>,
) -> Result<(), Ctl<'gc>> {
    let d = seq(cx, dst)?;
    let s = seq(cx, src)?;
    let len1 = length(cx, d)?;
    let (s1, e1) = bounds(cx, start1, end1, len1)?;
    let (items, _, _) = range(cx, s, start2, end2)?;
    let n = (e1 - s1).min(items.len());
    write_items(cx, d, s1, &items[..n])
}

fn replace<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let [start1, end1, start2, end2] = parse_keys(cx, &args[2..], ["START1", "END1", "START2", "END2"])?;
    replace_range(cx, args[0], args[1], start1, end1, start2, end2)?;
    Ok(args[0])
}

fn concatenate<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let st = seq_type(cx, args[0])?;
    let mut all = Vec::new();
    for &s in &args[1..] {
        all.extend(items_of(cx, s)?);
    }
    build(cx, st, &all)
}

fn make_sequence<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let [init] = parse_keys(cx, &args[2..], ["INITIAL-ELEMENT"])?;
    let st = seq_type(cx, args[0])?;
    let n = check_index(cx, args[1])?;
    check_length(cx, st, n)?;
    match st.kind {
        SeqKind::Vector(et) => {
            let storage = alloc_storage(cx, et, n, init.unwrap_or(et.default_elem()))?;
            Ok(Value::Array(new_array(cx.mc, storage)))
        }
        _ => {
            checked_size(cx, &[n], ElemType::T)?;
            crate::heap::limit::check_room(cx, n.saturating_mul(crate::heap::cons::CONS_BYTES), "a list")?;
            let init = init.unwrap_or(Value::Nil);
            let mut l = Value::Nil;
            for _ in 0..n {
                l = cons(cx.mc, init, l);
            }
            Ok(l)
        }
    }
}

/// The elements of each sequence, truncated to the shortest.
fn parallel<'gc>(cx: &Cx<'gc, '_>, seqs: &[Value<'gc>]) -> Result<(Vec<Vec<Value<'gc>>>, usize), Ctl<'gc>> {
    let cols: Vec<Vec<Value<'gc>>> = seqs.iter().map(|&s| items_of(cx, s)).collect::<Result<_, _>>()?;
    let n = cols.iter().map(|c| c.len()).min().unwrap_or(0);
    Ok((cols, n))
}

/// Calls `f` on the i-th elements of `cols` for i below `n`.
fn map_calls<'gc>(cx: &mut Cx<'gc, '_>, f: Value<'gc>, cols: &[Vec<Value<'gc>>], n: usize, collect: bool) -> Result<Vec<Value<'gc>>, Ctl<'gc>> {
    let f = func(cx, f)?;
    let mut out = Vec::with_capacity(if collect { n } else { 0 });
    let mut argv = Vec::with_capacity(cols.len());
    for i in 0..n {
        argv.clear();
        argv.extend(cols.iter().map(|c| c[i]));
        let v = f.call(cx, &argv)?;
        if collect {
            out.push(v);
        }
    }
    Ok(out)
}

fn map<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let st = if args[0].is_nil() { None } else { Some(seq_type(cx, args[0])?) };
    let (cols, n) = parallel(cx, &args[2..])?;
    let out = map_calls(cx, args[1], &cols, n, st.is_some())?;
    match st {
        None => Ok(Value::Nil),
        Some(st) => build(cx, st, &out),
    }
}

fn map_into<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let target = seq(cx, args[0])?;
    // A fill pointer is ignored in deciding how many elements to process.
    let room = match target {
        Seq::List(l) => list_conses(cx, l, usize::MAX)?.len(),
        Seq::Vector(a) => a.borrow().total_size(),
    };
    let (cols, n) = parallel(cx, &args[2..])?;
    let n = if args.len() > 2 { n.min(room) } else { room };
    let out = map_calls(cx, args[1], &cols, n, true)?;
    if let Seq::Vector(a) = target {
        if a.borrow().fill.is_some() {
            for (i, v) in out.iter().enumerate() {
                vector_set(cx, a, i, *v)?;
            }
            a.borrow_mut(cx.mc).fill = Some(n);
            return Ok(args[0]);
        }
    }
    write_items(cx, target, 0, &out)?;
    Ok(args[0])
}
