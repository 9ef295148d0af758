//! Primitives: conses and lists (CLHS chapter 14, except searching, which
//! is in `lookup.rs`), plus `length`, `reverse` and `nreverse` on vectors.

use gc_arena::Gc;

use super::args::{check_cons, check_index, keys, proper_list, store_element, vector_items, Cycle};
use crate::heap::array::{new_array, Array, Storage};
use crate::heap::cons::{cons, list, list_with_tail, Cons};
use crate::heap::Value;
use crate::vm::{Ctl, Cx, R};

crate::natives! {
    CL "CONS" 2 2 => cons_;
    CL "CAR" 1 1 => car;
    CL "CDR" 1 1 => cdr;
    CL "CAAR" 1 1 => caar;
    CL "CADR" 1 1 => cadr;
    CL "CDAR" 1 1 => cdar;
    CL "CDDR" 1 1 => cddr;
    CL "CAAAR" 1 1 => caaar;
    CL "CAADR" 1 1 => caadr;
    CL "CADAR" 1 1 => cadar;
    CL "CADDR" 1 1 => caddr;
    CL "CDAAR" 1 1 => cdaar;
    CL "CDADR" 1 1 => cdadr;
    CL "CDDAR" 1 1 => cddar;
    CL "CDDDR" 1 1 => cdddr;
    CL "CAAAAR" 1 1 => caaaar;
    CL "CAAADR" 1 1 => caaadr;
    CL "CAADAR" 1 1 => caadar;
    CL "CAADDR" 1 1 => caaddr;
    CL "CADAAR" 1 1 => cadaar;
    CL "CADADR" 1 1 => cadadr;
    CL "CADDAR" 1 1 => caddar;
    CL "CADDDR" 1 1 => cadddr;
    CL "CDAAAR" 1 1 => cdaaar;
    CL "CDAADR" 1 1 => cdaadr;
    CL "CDADAR" 1 1 => cdadar;
    CL "CDADDR" 1 1 => cdaddr;
    CL "CDDAAR" 1 1 => cddaar;
    CL "CDDADR" 1 1 => cddadr;
    CL "CDDDAR" 1 1 => cdddar;
    CL "CDDDDR" 1 1 => cddddr;
    CL "FIRST" 1 1 => car;
    CL "REST" 1 1 => cdr;
    CL "RPLACA" 2 2 => rplaca;
    CL "RPLACD" 2 2 => rplacd;
    CL "CONSP" 1 1 => consp;
    CL "ATOM" 1 1 => atom;
    CL "LISTP" 1 1 => listp;
    CL "ENDP" 1 1 => endp;
    CL "LIST" 0 * => list_;
    CL "LIST*" 1 * => list_star;
    CL "MAKE-LIST" 1 * => make_list;
    CL "COPY-LIST" 1 1 => copy_list;
    CL "COPY-ALIST" 1 1 => copy_alist;
    CL "COPY-TREE" 1 1 => copy_tree;
    CL "LENGTH" 1 1 => length;
    CL "NTH" 2 2 => nth;
    CL "NTHCDR" 2 2 => nthcdr;
    CL "LAST" 1 2 => last;
    CL "BUTLAST" 1 2 => butlast;
    CL "NBUTLAST" 1 2 => nbutlast;
    CL "LDIFF" 2 2 => ldiff;
    CL "TAILP" 2 2 => tailp;
    CL "LIST-LENGTH" 1 1 => list_length;
    CL "APPEND" 0 * => append;
    CL "NCONC" 0 * => nconc;
    CL "REVAPPEND" 2 2 => revappend;
    CL "NRECONC" 2 2 => nreconc;
    CL "REVERSE" 1 1 => reverse;
    CL "NREVERSE" 1 1 => nreverse;
}

/// The most conses one call may build: beyond it the request is taken
/// as exhausting the heap (`storage-condition`) rather than the process.
const MAX_CONSES: usize = 1 << 27;

fn not_list<'gc>(cx: &Cx<'gc, '_>, v: Value<'gc>) -> Ctl<'gc> {
    cx.type_error(v, cx.g.s.list_type.into())
}

/// Follows `path` (read right to left, `a` for car, `d` for cdr).
fn cxr<'gc>(cx: &Cx<'gc, '_>, mut v: Value<'gc>, path: &[u8]) -> R<'gc> {
    for &op in path.iter().rev() {
        v = match v {
            Value::Nil => Value::Nil,
            Value::Cons(c) if op == b'a' => c.car(),
            Value::Cons(c) => c.cdr(),
            other => return Err(not_list(cx, other)),
        };
    }
    Ok(v)
}

macro_rules! cxr_fns {
    ($($name:ident $path:literal;)*) => {
        $(fn $name<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
            cxr(cx, args[0], $path)
        })*
    };
}

cxr_fns! {
    car b"a"; cdr b"d";
    caar b"aa"; cadr b"ad"; cdar b"da"; cddr b"dd";
    caaar b"aaa"; caadr b"aad"; cadar b"ada"; caddr b"add";
    cdaar b"daa"; cdadr b"dad"; cddar b"dda"; cdddr b"ddd";
    caaaar b"aaaa"; caaadr b"aaad"; caadar b"aada"; caaddr b"aadd";
    cadaar b"adaa"; cadadr b"adad"; caddar b"adda"; cadddr b"addd";
    cdaaar b"daaa"; cdaadr b"daad"; cdadar b"dada"; cdaddr b"dadd";
    cddaar b"ddaa"; cddadr b"ddad"; cdddar b"ddda"; cddddr b"dddd";
}

fn cons_<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    Ok(cons(cx.mc, args[0], args[1]))
}

fn rplaca<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let c = check_cons(cx, args[0])?;
    Cons::set_car(c, cx.mc, args[1]);
    Ok(args[0])
}

fn rplacd<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let c = check_cons(cx, args[0])?;
    Cons::set_cdr(c, cx.mc, args[1]);
    Ok(args[0])
}

fn consp<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    Ok(cx.bool(matches!(args[0], Value::Cons(_))))
}

fn atom<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    Ok(cx.bool(!matches!(args[0], Value::Cons(_))))
}

fn listp<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    Ok(cx.bool(args[0].is_list()))
}

fn endp<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    match args[0] {
        Value::Nil => Ok(cx.t()),
        Value::Cons(_) => Ok(Value::Nil),
        other => Err(not_list(cx, other)),
    }
}

fn list_<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    Ok(list(cx.mc, args))
}

fn list_star<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let (tail, items) = args.split_last().expect("LIST* takes at least one argument");
    Ok(list_with_tail(cx.mc, items, *tail))
}

/// A count of conses to build, refused beyond `MAX_CONSES`.
fn alloc_count<'gc>(cx: &Cx<'gc, '_>, v: Value<'gc>) -> Result<usize, Ctl<'gc>> {
    let n = check_index(cx, v)?;
    if n > MAX_CONSES {
        return Err(cx.storage_condition("heap exhausted: list too long"));
    }
    crate::heap::limit::check_room(cx, n.saturating_mul(crate::heap::cons::CONS_BYTES), "a list")?;
    Ok(n)
}

fn make_list<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let [init] = keys(cx, &args[1..], ["INITIAL-ELEMENT"])?;
    let n = alloc_count(cx, args[0])?;
    let init = init.unwrap_or(Value::Nil);
    Ok((0..n).fold(Value::Nil, |acc, _| cons(cx.mc, init, acc)))
}

/// The conses of a list (proper or dotted) and its final atom; a
/// `type-error` when the list is circular or not a list at all.
pub fn conses<'gc>(cx: &Cx<'gc, '_>, l: Value<'gc>) -> Result<(Vec<Gc<'gc, Cons<'gc>>>, Value<'gc>), Ctl<'gc>> {
    if !l.is_list() {
        return Err(not_list(cx, l));
    }
    let mut out = Vec::new();
    let mut cycle = Cycle::new();
    let mut x = l;
    while let Value::Cons(c) = x {
        out.push(c);
        x = c.cdr();
        if cycle.step(x) {
            return Err(not_list(cx, l));
        }
    }
    Ok((out, x))
}

fn copy_list<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let (cells, tail) = conses(cx, args[0])?;
    let cars: Vec<Value<'gc>> = cells.iter().map(|c| c.car()).collect();
    Ok(list_with_tail(cx.mc, &cars, tail))
}

fn copy_alist<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let items = proper_list(cx, args[0])?;
    let copied: Vec<Value<'gc>> = items
        .into_iter()
        .map(|x| match x {
            Value::Cons(c) => cons(cx.mc, c.car(), c.cdr()),
            other => other,
        })
        .collect();
    Ok(list(cx.mc, &copied))
}

/// `copy-tree` without Rust recursion: each cdr chain is copied in a loop,
/// and the conses found in car positions wait on a work list.
fn copy_tree<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let mc = cx.mc;
    let root = cons(mc, Value::Nil, Value::Nil).as_cons().expect("fresh cons");
    // (destination cons whose car is to receive a copy of `source`, source)
    let mut work = vec![(root, args[0])];
    let mut budget = MAX_CONSES;
    while let Some((dest, source)) = work.pop() {
        let Value::Cons(_) = source else {
            Cons::set_car(dest, mc, source);
            continue;
        };
        let mut prev: Option<Gc<'gc, Cons<'gc>>> = None;
        let mut x = source;
        let mut cycle = Cycle::new();
        while let Value::Cons(c) = x {
            if budget == 0 {
                return Err(cx.storage_condition("heap exhausted: tree too large or circular"));
            }
            budget -= 1;
            let fresh = cons(mc, Value::Nil, Value::Nil).as_cons().expect("fresh cons");
            match c.car() {
                Value::Cons(_) => work.push((fresh, c.car())),
                atom => Cons::set_car(fresh, mc, atom),
            }
            match prev {
                Some(p) => Cons::set_cdr(p, mc, Value::Cons(fresh)),
                None => Cons::set_car(dest, mc, Value::Cons(fresh)),
            }
            prev = Some(fresh);
            x = c.cdr();
            if cycle.step(x) {
                return Err(not_list(cx, source));
            }
        }
        if let Some(p) = prev {
            Cons::set_cdr(p, mc, x);
        }
    }
    Ok(root.car())
}

/// The number of conses in a list; `Err(tail)` for a dotted list's atom,
/// `Err(Unbound)` for a circular list.
fn count_conses<'gc>(l: Value<'gc>) -> Result<usize, Value<'gc>> {
    let mut n = 0;
    let mut cycle = Cycle::new();
    let mut x = l;
    while let Value::Cons(c) = x {
        n += 1;
        x = c.cdr();
        if cycle.step(x) {
            return Err(Value::Unbound);
        }
    }
    if x.is_nil() {
        Ok(n)
    } else {
        Err(x)
    }
}

fn length<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    match args[0] {
        Value::Nil | Value::Cons(_) => match count_conses(args[0]) {
            Ok(n) => Ok(Value::Fixnum(n as i64)),
            Err(Value::Unbound) => Err(not_list(cx, args[0])),
            Err(tail) => Err(not_list(cx, tail)),
        },
        Value::Array(a) if a.borrow().is_vector() => Ok(Value::Fixnum(a.borrow().length() as i64)),
        other => Err(cx.type_error(other, cx.g.s.sequence.into())),
    }
}

/// `nthcdr` for any count: going round a circular list is cut short by
/// the cycle's period.
fn nthcdr_of<'gc>(cx: &Cx<'gc, '_>, n: Value<'gc>, l: Value<'gc>) -> R<'gc> {
    let mut remaining = check_index(cx, n)?;
    let big = matches!(n, Value::Bignum(_));
    if !l.is_list() {
        return Err(not_list(cx, l));
    }
    let mut x = l;
    let mut cycle = Cycle::new();
    let mut reduced = false;
    while remaining > 0 {
        match x {
            Value::Cons(c) => {
                x = c.cdr();
                remaining -= 1;
                if !reduced && cycle.step(x) {
                    reduced = true;
                    let period = cycle.period();
                    remaining = if big { exact_big_mod(n, l, x, period) } else { remaining % period };
                }
            }
            Value::Nil => return Ok(Value::Nil),
            other => return Err(not_list(cx, other)),
        }
    }
    Ok(x)
}

/// For a bignum count on a circular list: the steps still to take from
/// `here` (the cycle point reached) so that the total is exactly `n`.
fn exact_big_mod<'gc>(n: Value<'gc>, l: Value<'gc>, here: Value<'gc>, period: usize) -> usize {
    use num_integer::Integer;
    let Some(total) = n.to_bigint() else { return 0 };
    // Steps taken so far: from `l` to the first arrival at `here` plus whole turns.
    let mut taken = 0usize;
    let mut x = l;
    while !x.eq(here) {
        x = crate::heap::cons::cdr(x);
        taken += 1;
    }
    let left = total - num_bigint::BigInt::from(taken);
    let r = left.mod_floor(&num_bigint::BigInt::from(period));
    num_traits::ToPrimitive::to_usize(&r).unwrap_or(0)
}

fn nthcdr<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    nthcdr_of(cx, args[0], args[1])
}

fn nth<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let tail = nthcdr_of(cx, args[0], args[1])?;
    cxr(cx, tail, b"a")
}

fn count_arg<'gc>(cx: &Cx<'gc, '_>, args: &[Value<'gc>]) -> Result<usize, Ctl<'gc>> {
    match args.get(1) {
        Some(&n) => check_index(cx, n),
        None => Ok(1),
    }
}

fn last<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let n = count_arg(cx, args)?;
    let l = args[0];
    if !l.is_list() {
        return Err(not_list(cx, l));
    }
    // `lead` runs n conses ahead; when it reaches the end, `trail` is the answer.
    let mut lead = l;
    let mut cycle = Cycle::new();
    for _ in 0..n {
        match lead {
            Value::Cons(c) => {
                lead = c.cdr();
                if cycle.step(lead) {
                    return Err(not_list(cx, l));
                }
            }
            _ => return Ok(l),
        }
    }
    let mut trail = l;
    while let Value::Cons(c) = lead {
        lead = c.cdr();
        trail = crate::heap::cons::cdr(trail);
        if cycle.step(lead) {
            return Err(not_list(cx, l));
        }
    }
    Ok(trail)
}

fn butlast<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let n = count_arg(cx, args)?;
    let (cells, _) = conses(cx, args[0])?;
    let keep = cells.len().saturating_sub(n);
    let cars: Vec<Value<'gc>> = cells[..keep].iter().map(|c| c.car()).collect();
    Ok(list(cx.mc, &cars))
}

fn nbutlast<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let n = count_arg(cx, args)?;
    let (cells, _) = conses(cx, args[0])?;
    let keep = cells.len().saturating_sub(n);
    if keep == 0 {
        return Ok(Value::Nil);
    }
    Cons::set_cdr(cells[keep - 1], cx.mc, Value::Nil);
    Ok(args[0])
}

fn ldiff<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let (l, object) = (args[0], args[1]);
    if !l.is_list() {
        return Err(not_list(cx, l));
    }
    let mut cars = Vec::new();
    let mut x = l;
    let mut cycle = Cycle::new();
    loop {
        if x.eql(object) {
            return Ok(list(cx.mc, &cars));
        }
        match x {
            Value::Cons(c) => {
                cars.push(c.car());
                x = c.cdr();
                if cycle.step(x) {
                    return Err(not_list(cx, l));
                }
            }
            tail => return Ok(list_with_tail(cx.mc, &cars, tail)),
        }
    }
}

fn tailp<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let (object, l) = (args[0], args[1]);
    if !l.is_list() {
        return Err(not_list(cx, l));
    }
    let mut x = l;
    let mut cycle = Cycle::new();
    loop {
        if x.eql(object) {
            return Ok(cx.t());
        }
        match x {
            Value::Cons(c) => {
                x = c.cdr();
                if cycle.step(x) {
                    return Ok(Value::Nil);
                }
            }
            _ => return Ok(Value::Nil),
        }
    }
}

fn list_length<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    if !args[0].is_list() {
        return Err(not_list(cx, args[0]));
    }
    match count_conses(args[0]) {
        Ok(n) => Ok(Value::Fixnum(n as i64)),
        Err(Value::Unbound) => Ok(Value::Nil),
        Err(tail) => Err(not_list(cx, tail)),
    }
}

fn append<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let Some((&tail, init)) = args.split_last() else { return Ok(Value::Nil) };
    let mut items = Vec::new();
    for &l in init {
        items.extend(proper_list(cx, l)?);
    }
    Ok(list_with_tail(cx.mc, &items, tail))
}

/// The last cons of a non-empty list (a `type-error` if it is circular).
fn last_cons<'gc>(cx: &Cx<'gc, '_>, c: Gc<'gc, Cons<'gc>>) -> Result<Gc<'gc, Cons<'gc>>, Ctl<'gc>> {
    let mut c = c;
    let mut cycle = Cycle::new();
    while let Value::Cons(next) = c.cdr() {
        c = next;
        if cycle.step(Value::Cons(next)) {
            return Err(not_list(cx, Value::Cons(next)));
        }
    }
    Ok(c)
}

fn nconc<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let mut result = Value::Nil;
    let mut last: Option<Gc<'gc, Cons<'gc>>> = None;
    // Check every argument first, so a bad one leaves the others untouched.
    let mut lasts = Vec::with_capacity(args.len());
    for (i, &a) in args.iter().enumerate() {
        match a {
            _ if i + 1 == args.len() => lasts.push(None),
            Value::Nil => lasts.push(None),
            Value::Cons(c) => lasts.push(Some(last_cons(cx, c)?)),
            other => return Err(not_list(cx, other)),
        }
    }
    for (i, (&a, end)) in args.iter().zip(lasts).enumerate() {
        if a.is_nil() && i + 1 < args.len() {
            continue;
        }
        match last {
            Some(l) => Cons::set_cdr(l, cx.mc, a),
            None => result = a,
        }
        if end.is_some() {
            last = end;
        }
    }
    Ok(result)
}

fn revappend<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let items = proper_list(cx, args[0])?;
    Ok(items.into_iter().fold(args[1], |acc, x| cons(cx.mc, x, acc)))
}

/// Reverses a proper list in place onto `tail`.
fn reverse_in_place<'gc>(cx: &Cx<'gc, '_>, l: Value<'gc>, tail: Value<'gc>) -> R<'gc> {
    let (cells, end) = conses(cx, l)?;
    if !end.is_nil() {
        return Err(not_list(cx, end));
    }
    let mut acc = tail;
    for c in cells {
        Cons::set_cdr(c, cx.mc, acc);
        acc = Value::Cons(c);
    }
    Ok(acc)
}

fn nreconc<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    reverse_in_place(cx, args[0], args[1])
}

/// A fresh simple vector with the element type of `like`.
fn vector_like<'gc>(cx: &Cx<'gc, '_>, like: &Storage<'gc>, items: Vec<Value<'gc>>) -> Value<'gc> {
    let small = |v: Value<'gc>| v.as_fixnum().unwrap_or(0) as u8;
    let storage = match like {
        Storage::T(_) => Storage::T(items),
        Storage::Char(_) => {
            Storage::Char(items.into_iter().map(|v| if let Value::Char(c) = v { c } else { ' ' }).collect())
        }
        Storage::Bit(_) => Storage::Bit(items.into_iter().map(small).collect()),
        Storage::U8(_) => Storage::U8(items.into_iter().map(small).collect()),
    };
    Value::Array(new_array(cx.mc, storage))
}

fn reverse<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    match args[0] {
        Value::Nil | Value::Cons(_) => revappend(cx, &[args[0], Value::Nil]),
        Value::Array(a) if a.borrow().is_vector() => {
            let d = a.borrow();
            let mut items = vector_items(&d);
            items.reverse();
            Ok(vector_like(cx, &d.storage, items))
        }
        other => Err(cx.type_error(other, cx.g.s.sequence.into())),
    }
}

fn nreverse<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    match args[0] {
        Value::Nil | Value::Cons(_) => reverse_in_place(cx, args[0], Value::Nil),
        Value::Array(a) if a.borrow().is_vector() => {
            nreverse_vector(cx, a);
            Ok(args[0])
        }
        other => Err(cx.type_error(other, cx.g.s.sequence.into())),
    }
}

fn nreverse_vector<'gc>(cx: &Cx<'gc, '_>, a: Gc<'gc, Array<'gc>>) {
    let displaced = a.borrow().displaced.is_some();
    if displaced {
        let mut items = vector_items(&a.borrow());
        items.reverse();
        for (i, v) in items.into_iter().enumerate() {
            store_element(cx.mc, a, i, v);
        }
        return;
    }
    let mut d = a.borrow_mut(cx.mc);
    let n = d.length();
    match &mut d.storage {
        Storage::T(v) => v.get_mut(..n).map(<[_]>::reverse),
        Storage::Char(v) => v.get_mut(..n).map(<[_]>::reverse),
        Storage::Bit(v) | Storage::U8(v) => v.get_mut(..n).map(<[_]>::reverse),
    };
}

#[cfg(test)]
#[path = "lists_tests.rs"]
mod tests;
