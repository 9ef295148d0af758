//! The backquote expander (CLHS 2.4.6). The reader returns
//! `(sys:quasiquote x)` with `(sys:unquote y)`, `(sys:unquote-splicing y)`
//! and `(sys:unquote-nsplicing y)` inside; `expand` turns that into a form
//! built from QUOTE, LIST, LIST*, CONS, APPEND, NCONC and
//! `(APPLY #'VECTOR ...)`. Nested backquotes are expanded innermost first,
//! so the commas that belong to outer levels end up in the inner
//! expansion's code, where the outer level finds them.

use crate::heap::array::Storage;
use crate::heap::cons::{cdr, list, list_with_tail};
use crate::heap::symbol::flags;
use crate::heap::Value;
use crate::vm::{Ctl, Cx};

/// Templates nested deeper (through cars) than this are rejected.
const MAX_DEPTH: usize = 2_000;

type Res<'gc, T> = Result<T, Ctl<'gc>>;

/// Expands a whole `(sys:quasiquote x)` form.
pub fn expand<'gc>(cx: &Cx<'gc, '_>, form: Value<'gc>) -> Res<'gc, Value<'gc>> {
    match operand(cx, form, Kind::Quasiquote) {
        Some(x) => {
            let x = inner(cx, x, 0)?;
            Ok(level(cx, x, 0)?.code(cx))
        }
        None => Err(cx.simple_error("%EXPAND-QUASIQUOTE: the form is not (SYS:QUASIQUOTE template)")),
    }
}

#[derive(Copy, Clone, PartialEq, Eq)]
enum Kind {
    Quasiquote,
    Unquote,
    Splice,
    NSplice,
}

/// If `v` is `(op x)` for the operator of `kind`, its operand.
fn operand<'gc>(cx: &Cx<'gc, '_>, v: Value<'gc>, kind: Kind) -> Option<Value<'gc>> {
    let Value::Cons(c) = v else { return None };
    let s = &cx.g.s;
    let sym = match kind {
        Kind::Quasiquote => s.quasiquote,
        Kind::Unquote => s.unquote,
        Kind::Splice => s.unquote_splicing,
        Kind::NSplice => s.unquote_nsplicing,
    };
    if !sym.is(c.car()) {
        return None;
    }
    match c.cdr() {
        Value::Cons(rest) if rest.cdr().is_nil() => Some(rest.car()),
        _ => None,
    }
}

fn too_deep<'gc>(cx: &Cx<'gc, '_>) -> Ctl<'gc> {
    cx.simple_error("backquote template nested too deeply")
}

/// Floyd's check for circular templates, called after each cdr step.
struct CycleGuard<'gc> {
    slow: Value<'gc>,
    steps: usize,
}

impl<'gc> CycleGuard<'gc> {
    fn new(start: Value<'gc>) -> Self {
        CycleGuard { slow: start, steps: 0 }
    }
    fn step(&mut self, cx: &Cx<'gc, '_>, rest: Value<'gc>) -> Res<'gc, ()> {
        self.steps += 1;
        if self.steps.is_multiple_of(2) {
            self.slow = cdr(self.slow);
            if self.slow.eq(rest) && matches!(rest, Value::Cons(_)) {
                return Err(cx.simple_error("circular backquote template"));
            }
        }
        Ok(())
    }
}

/// Replaces every nested `(sys:quasiquote y)` inside `x` by its expansion
/// (copying only the structure that changes).
fn inner<'gc>(cx: &Cx<'gc, '_>, x: Value<'gc>, depth: usize) -> Res<'gc, Value<'gc>> {
    if depth > MAX_DEPTH {
        return Err(too_deep(cx));
    }
    if let Some(y) = operand(cx, x, Kind::Quasiquote) {
        let y = inner(cx, y, depth + 1)?;
        return Ok(level(cx, y, depth + 1)?.code(cx));
    }
    match x {
        Value::Cons(_) => {
            let mut changed = false;
            let mut out = Vec::new();
            let mut rest = x;
            let mut guard = CycleGuard::new(x);
            while let Value::Cons(c) = rest {
                if operand(cx, rest, Kind::Quasiquote).is_some() {
                    break;
                }
                let e = inner(cx, c.car(), depth + 1)?;
                changed |= !e.eq(c.car());
                out.push(e);
                rest = c.cdr();
                guard.step(cx, rest)?;
            }
            let tail = inner(cx, rest, depth + 1)?;
            if !changed && tail.eq(rest) {
                return Ok(x);
            }
            Ok(list_with_tail(cx.mc, &out, tail))
        }
        Value::Array(a) => {
            let Some(items) = simple_vector_items(a) else { return Ok(x) };
            let mut changed = false;
            let mut out = Vec::with_capacity(items.len());
            for &i in &items {
                let e = inner(cx, i, depth + 1)?;
                changed |= !e.eq(i);
                out.push(e);
            }
            Ok(if changed { crate::heap::array::make_vector(cx.mc, out) } else { x })
        }
        _ => Ok(x),
    }
}

/// The elements of a general (element type T) vector.
fn simple_vector_items<'gc>(a: gc_arena::Gc<'gc, crate::heap::array::Array<'gc>>) -> Option<Vec<Value<'gc>>> {
    let d = a.borrow();
    match &d.storage {
        Storage::T(v) if d.is_vector() => Some(v[..d.length().min(v.len())].to_vec()),
        _ => None,
    }
}

/// The expansion of one template at one backquote level.
enum Ex<'gc> {
    /// The template itself: it contains no comma of this level.
    Const(Value<'gc>),
    /// A form computing it.
    Code(Value<'gc>),
}

impl<'gc> Ex<'gc> {
    fn code(self, cx: &Cx<'gc, '_>) -> Value<'gc> {
        match self {
            Ex::Code(f) => f,
            Ex::Const(v) => quote(cx, v),
        }
    }
}

/// `v` as a form evaluating to itself.
fn quote<'gc>(cx: &Cx<'gc, '_>, v: Value<'gc>) -> Value<'gc> {
    let self_evaluating = match v {
        Value::Nil | Value::Fixnum(_) | Value::Char(_) | Value::Single(_) | Value::Double(_) => true,
        Value::Bignum(_) | Value::Ratio(_) | Value::Complex(_) => true,
        Value::Symbol(s) => s.has(flags::KEYWORD) || cx.g.s.t.is(v),
        Value::Array(a) => a.borrow().is_string(),
        _ => false,
    };
    if self_evaluating {
        v
    } else {
        list(cx.mc, &[cx.g.s.quote.into(), v])
    }
}

/// One piece of a list template.
enum Piece<'gc> {
    Item(Ex<'gc>),
    /// `,@form` (append) or `,.form` (nconc).
    Splice(Value<'gc>, bool),
}

/// Expands the template `x` of the innermost backquote level.
fn level<'gc>(cx: &Cx<'gc, '_>, x: Value<'gc>, depth: usize) -> Res<'gc, Ex<'gc>> {
    if depth > MAX_DEPTH {
        return Err(too_deep(cx));
    }
    if let Some(e) = operand(cx, x, Kind::Unquote) {
        return Ok(Ex::Code(e));
    }
    if operand(cx, x, Kind::Splice).is_some() || operand(cx, x, Kind::NSplice).is_some() {
        return Err(cx.simple_error("a splicing comma (,@ or ,.) is not inside a list in a backquote template"));
    }
    match x {
        Value::Cons(_) => {
            let (pieces, tail) = list_pieces(cx, x, depth)?;
            if all_const(&pieces, &tail) {
                return Ok(Ex::Const(x));
            }
            Ok(Ex::Code(build(cx, pieces, tail)))
        }
        Value::Array(a) => {
            let Some(items) = simple_vector_items(a) else { return Ok(Ex::Const(x)) };
            let l = list(cx.mc, &items);
            let (pieces, tail) = list_pieces(cx, l, depth)?;
            if all_const(&pieces, &tail) {
                return Ok(Ex::Const(x));
            }
            let s = &cx.g.s;
            let f = list(cx.mc, &[s.function.into(), s.vector.into()]);
            Ok(Ex::Code(list(cx.mc, &[s.apply.into(), f, build(cx, pieces, tail)])))
        }
        _ => Ok(Ex::Const(x)),
    }
}

/// The pieces of a list template and the expansion of its tail
/// (`(a . ,b)` reads as `(a sys:unquote b)`: the tail is `,b`).
fn list_pieces<'gc>(cx: &Cx<'gc, '_>, x: Value<'gc>, depth: usize) -> Res<'gc, (Vec<Piece<'gc>>, Ex<'gc>)> {
    let mut pieces = Vec::new();
    let mut rest = x;
    let mut guard = CycleGuard::new(x);
    loop {
        if let Some(e) = operand(cx, rest, Kind::Unquote) {
            return Ok((pieces, Ex::Code(e)));
        }
        if operand(cx, rest, Kind::Splice).is_some() || operand(cx, rest, Kind::NSplice).is_some() {
            return Err(cx.simple_error("a splicing comma (,@ or ,.) after a dot in a backquote template"));
        }
        let Value::Cons(c) = rest else {
            let tail = if rest.is_nil() { Ex::Const(Value::Nil) } else { level(cx, rest, depth + 1)? };
            return Ok((pieces, tail));
        };
        let el = c.car();
        pieces.push(if let Some(e) = operand(cx, el, Kind::Splice) {
            Piece::Splice(e, false)
        } else if let Some(e) = operand(cx, el, Kind::NSplice) {
            Piece::Splice(e, true)
        } else {
            Piece::Item(level(cx, el, depth + 1)?)
        });
        rest = c.cdr();
        guard.step(cx, rest)?;
    }
}

fn all_const(pieces: &[Piece<'_>], tail: &Ex<'_>) -> bool {
    matches!(tail, Ex::Const(_)) && pieces.iter().all(|p| matches!(p, Piece::Item(Ex::Const(_))))
}

/// The form being built, right to left.
enum Acc<'gc> {
    Empty,
    /// `(list ...)` of these forms.
    List(Vec<Value<'gc>>),
    /// `(append/nconc forms... tail)`.
    Join(bool, Vec<Value<'gc>>),
    Form(Value<'gc>),
}

impl<'gc> Acc<'gc> {
    fn form(self, cx: &Cx<'gc, '_>) -> Value<'gc> {
        let s = &cx.g.s;
        match self {
            Acc::Empty => Value::Nil,
            Acc::List(items) => {
                let mut v = vec![s.list.into()];
                v.extend(items);
                list(cx.mc, &v)
            }
            Acc::Join(nconc, items) => {
                let mut v = vec![if nconc { s.nconc.into() } else { s.append.into() }];
                v.extend(items);
                list(cx.mc, &v)
            }
            Acc::Form(f) => f,
        }
    }

    /// The form for use as the last argument of LIST*, APPEND or NCONC,
    /// where `(append x)` is just `x`.
    fn tail_form(self, cx: &Cx<'gc, '_>) -> Value<'gc> {
        match self {
            Acc::Join(_, mut forms) if forms.len() == 1 => forms.remove(0),
            other => other.form(cx),
        }
    }
}

/// Builds the form for a list template from its pieces and tail.
fn build<'gc>(cx: &Cx<'gc, '_>, pieces: Vec<Piece<'gc>>, tail: Ex<'gc>) -> Value<'gc> {
    let s = &cx.g.s;
    let mut acc = match tail {
        Ex::Const(Value::Nil) => Acc::Empty,
        t => Acc::Form(t.code(cx)),
    };
    let mut items: Vec<Value<'gc>> = Vec::new();
    let flush = |items: &mut Vec<Value<'gc>>, acc: Acc<'gc>| -> Acc<'gc> {
        if items.is_empty() {
            return acc;
        }
        items.reverse();
        let mut group = std::mem::take(items);
        match acc {
            Acc::Empty => Acc::List(group),
            Acc::List(more) => {
                group.extend(more);
                Acc::List(group)
            }
            other => {
                let tail = other.tail_form(cx);
                if group.len() == 1 {
                    Acc::Form(list(cx.mc, &[s.cons.into(), group[0], tail]))
                } else {
                    let mut v = vec![s.list_star.into()];
                    v.extend(group);
                    v.push(tail);
                    Acc::Form(list(cx.mc, &v))
                }
            }
        }
    };
    for p in pieces.into_iter().rev() {
        match p {
            Piece::Item(e) => items.push(e.code(cx)),
            Piece::Splice(e, nconc) => {
                acc = flush(&mut items, acc);
                // `(,@x)` stays `(append x)`: x may hold commas of an
                // outer level that must remain inside a list.
                acc = match acc {
                    Acc::Empty => Acc::Join(nconc, vec![e]),
                    Acc::Join(n, mut forms) if n == nconc => {
                        forms.insert(0, e);
                        Acc::Join(n, forms)
                    }
                    other => Acc::Join(nconc, vec![e, other.tail_form(cx)]),
                };
            }
        }
    }
    flush(&mut items, acc).form(cx)
}
