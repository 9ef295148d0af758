//! SORT, STABLE-SORT and MERGE. Both sorts are one stable merge sort
//! whose comparisons may fail (the predicate is Lisp code); keys are
//! computed once per element, and `<`, `>`, `char<`, `char>` on fixnums
//! and characters are compared without calling the predicate.

use super::seq_access::{items_of, list_conses, seq, vector_items, write_items, Seq};
use super::seq_args::{func, key_func, parse_keys, Func};
use super::seq_types::{build, seq_type};
use crate::heap::cons::Cons;
use crate::heap::Value;
use crate::vm::{Ctl, Cx, R};

crate::natives! {
    CL "SORT" 2 * => sort;
    CL "STABLE-SORT" 2 * => stable_sort;
    CL "MERGE" 4 * => merge;
}

/// A sort predicate with a Rust fast path for the common orderings.
#[derive(Clone, Copy)]
pub struct Less<'gc> {
    f: Func<'gc>,
    fast: Option<Fast>,
}

#[derive(Clone, Copy)]
enum Fast {
    NumLt,
    NumGt,
    CharLt,
    CharGt,
}

impl<'gc> Less<'gc> {
    pub fn new(cx: &Cx<'gc, '_>, pred: Value<'gc>) -> Result<Less<'gc>, Ctl<'gc>> {
        let f = func(cx, pred)?;
        let fast = match f {
            Func::Native(n, _) if n.pkg == "CL" => match n.name {
                "<" => Some(Fast::NumLt),
                ">" => Some(Fast::NumGt),
                "CHAR<" => Some(Fast::CharLt),
                "CHAR>" => Some(Fast::CharGt),
                _ => None,
            },
            _ => None,
        };
        Ok(Less { f, fast })
    }

    /// `pred(a, b)` as a boolean.
    #[inline]
    pub fn less(&self, cx: &mut Cx<'gc, '_>, a: Value<'gc>, b: Value<'gc>) -> Result<bool, Ctl<'gc>> {
        match (self.fast, a, b) {
            (Some(Fast::NumLt), Value::Fixnum(x), Value::Fixnum(y)) => Ok(x < y),
            (Some(Fast::NumGt), Value::Fixnum(x), Value::Fixnum(y)) => Ok(x > y),
            (Some(Fast::CharLt), Value::Char(x), Value::Char(y)) => Ok(x < y),
            (Some(Fast::CharGt), Value::Char(x), Value::Char(y)) => Ok(x > y),
            _ => Ok(self.f.call2(cx, a, b)?.truthy()),
        }
    }
}

/// When `less` is a recognised ordering and every key has the type it
/// compares natively, the stable order computed entirely in Rust.
fn native_order<'gc>(keys: &[Value<'gc>], less: &Less<'gc>) -> Option<Vec<usize>> {
    let fast = less.fast?;
    let mut pairs: Vec<(i64, usize)> = Vec::with_capacity(keys.len());
    for (i, k) in keys.iter().enumerate() {
        let n = match (fast, k) {
            (Fast::NumLt | Fast::NumGt, Value::Fixnum(n)) => *n,
            (Fast::CharLt | Fast::CharGt, Value::Char(c)) => *c as i64,
            _ => return None,
        };
        pairs.push((n, i));
    }
    // A stable sort on a total order: equal keys keep their positions.
    match fast {
        Fast::NumLt | Fast::CharLt => pairs.sort_by_key(|a| a.0),
        Fast::NumGt | Fast::CharGt => pairs.sort_by_key(|a| std::cmp::Reverse(a.0)),
    }
    Some(pairs.into_iter().map(|(_, i)| i).collect())
}

/// Sorts `items` stably by `keys` (parallel vectors) with `less`: the
/// positions of the keys in sorted order. Bottom-up merge sort over index
/// runs, insertion sort for short runs.
pub fn merge_sort<'gc>(cx: &mut Cx<'gc, '_>, keys: &[Value<'gc>], less: &Less<'gc>) -> Result<Vec<usize>, Ctl<'gc>> {
    const RUN: usize = 16;
    if let Some(order) = native_order(keys, less) {
        return Ok(order);
    }
    let n = keys.len();
    let mut idx: Vec<usize> = (0..n).collect();
    // Insertion sort each run: an element moves left only past strictly greater ones.
    for lo in (0..n).step_by(RUN) {
        let hi = (lo + RUN).min(n);
        for i in lo + 1..hi {
            let cur = idx[i];
            let mut j = i;
            while j > lo && less.less(cx, keys[cur], keys[idx[j - 1]])? {
                idx[j] = idx[j - 1];
                j -= 1;
            }
            idx[j] = cur;
        }
    }
    let mut buf = vec![0usize; n];
    let mut width = RUN;
    while width < n {
        let mut lo = 0;
        while lo < n {
            let mid = (lo + width).min(n);
            let hi = (lo + 2 * width).min(n);
            merge_runs(cx, keys, less, &idx[lo..mid], &idx[mid..hi], &mut buf[lo..hi])?;
            lo = hi;
        }
        std::mem::swap(&mut idx, &mut buf);
        width *= 2;
    }
    Ok(idx)
}

/// Merges two sorted runs into `out`, taking from the right run only when
/// its element is strictly less (which keeps the merge stable).
fn merge_runs<'gc>(cx: &mut Cx<'gc, '_>, keys: &[Value<'gc>], less: &Less<'gc>, a: &[usize], b: &[usize], out: &mut [usize]) -> Result<(), Ctl<'gc>> {
    let (mut i, mut j, mut k) = (0, 0, 0);
    // Already in order: no merge needed.
    if let (Some(&last), Some(&first)) = (a.last(), b.first()) {
        if !less.less(cx, keys[first], keys[last])? {
            out[..a.len()].copy_from_slice(a);
            out[a.len()..].copy_from_slice(b);
            return Ok(());
        }
    }
    while i < a.len() && j < b.len() {
        if less.less(cx, keys[b[j]], keys[a[i]])? {
            out[k] = b[j];
            j += 1;
        } else {
            out[k] = a[i];
            i += 1;
        }
        k += 1;
    }
    out[k..k + a.len() - i].copy_from_slice(&a[i..]);
    k += a.len() - i;
    out[k..].copy_from_slice(&b[j..]);
    Ok(())
}

fn sort_impl<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let [key] = parse_keys(cx, &args[2..], ["KEY"])?;
    let less = Less::new(cx, args[1])?;
    let key = key_func(cx, key)?;
    let s = seq(cx, args[0])?;
    let (items, conses) = match s {
        Seq::List(l) => {
            let conses = list_conses(cx, l, usize::MAX)?;
            (conses.iter().map(|c| c.car()).collect::<Vec<_>>(), conses)
        }
        Seq::Vector(a) => (vector_items(cx, a)?, Vec::new()),
    };
    let keys = if key.is_identity() {
        items.clone()
    } else {
        let mut keys = Vec::with_capacity(items.len());
        for &v in &items {
            keys.push(key.call1(cx, v)?);
        }
        keys
    };
    let order = merge_sort(cx, &keys, &less)?;
    let sorted: Vec<Value<'gc>> = order.iter().map(|&i| items[i]).collect();
    match s {
        Seq::List(_) => {
            for (c, v) in conses.iter().zip(&sorted) {
                Cons::set_car(*c, cx.mc, *v);
            }
        }
        Seq::Vector(_) => write_items(cx, s, 0, &sorted)?,
    }
    Ok(args[0])
}

fn sort<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    sort_impl(cx, args)
}

fn stable_sort<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    sort_impl(cx, args)
}

fn merge<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let [key] = parse_keys(cx, &args[4..], ["KEY"])?;
    let st = seq_type(cx, args[0])?;
    let less = Less::new(cx, args[3])?;
    let key = key_func(cx, key)?;
    let a = items_of(cx, args[1])?;
    let b = items_of(cx, args[2])?;
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        let ka = key.call1(cx, a[i])?;
        let kb = key.call1(cx, b[j])?;
        if less.less(cx, kb, ka)? {
            out.push(b[j]);
            j += 1;
        } else {
            out.push(a[i]);
            i += 1;
        }
    }
    out.extend_from_slice(&a[i..]);
    out.extend_from_slice(&b[j..]);
    build(cx, st, &out)
}
