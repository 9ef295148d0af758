//! State shared by a top-level `read` and the recursive reads made inside
//! it (by reader macro functions written in Lisp): the `#n=` labels, the
//! preserve-whitespace flag and the backquote depth. It lives in the heap,
//! as the value of `SYS::*READ-STATE*`, so Lisp reader macros that call
//! `read` with `recursive-p` see the same labels.

use std::collections::HashSet;

use gc_arena::Gc;

use crate::heap::array::{make_vector, Storage};
use crate::heap::cons::{car, cdr, cons, Cons};
use crate::heap::Value;
use crate::vm::Cx;

const STATE: &str = "*READ-STATE*";
const LABELS: usize = 0;
const PRESERVE: usize = 1;
const BACKQUOTE: usize = 2;

/// A handle on the state vector.
#[derive(Copy, Clone)]
pub struct State<'gc>(Value<'gc>);

fn state_symbol<'gc>(cx: &Cx<'gc, '_>) -> Value<'gc> {
    cx.g.intern_in(cx.mc, "SYS", STATE)
}

/// The state of the read in progress, if any.
pub fn current<'gc>(cx: &Cx<'gc, '_>) -> Option<State<'gc>> {
    let v = cx.g.sym(state_symbol(cx))?.value();
    match v {
        Value::Array(_) => Some(State(v)),
        _ => None,
    }
}

/// Installs a fresh state; returns the previous value to restore.
pub fn begin<'gc>(cx: &Cx<'gc, '_>, preserve: bool) -> (State<'gc>, Value<'gc>) {
    let sym = cx.g.sym(state_symbol(cx)).expect("interned symbol");
    let old = sym.value();
    let v = make_vector(cx.mc, vec![Value::Nil, cx.bool(preserve), Value::Fixnum(0)]);
    crate::heap::symbol::Symbol::set_value(sym, cx.mc, v);
    (State(v), old)
}

/// Puts back the state saved by `begin`.
pub fn end<'gc>(cx: &Cx<'gc, '_>, old: Value<'gc>) {
    if let Some(sym) = cx.g.sym(state_symbol(cx)) {
        crate::heap::symbol::Symbol::set_value(sym, cx.mc, old);
    }
}

impl<'gc> State<'gc> {
    fn get(self, i: usize) -> Value<'gc> {
        match self.0 {
            Value::Array(a) => match &a.borrow().storage {
                Storage::T(v) => v.get(i).copied().unwrap_or(Value::Nil),
                _ => Value::Nil,
            },
            _ => Value::Nil,
        }
    }
    fn set(self, cx: &Cx<'gc, '_>, i: usize, x: Value<'gc>) {
        if let Value::Array(a) = self.0 {
            if let Storage::T(v) = &mut a.borrow_mut(cx.mc).storage {
                if let Some(slot) = v.get_mut(i) {
                    *slot = x;
                }
            }
        }
    }
    pub fn preserve(self) -> bool {
        self.get(PRESERVE).truthy()
    }
    pub fn backquote_depth(self) -> i64 {
        self.get(BACKQUOTE).as_fixnum().unwrap_or(0)
    }
    pub fn set_backquote_depth(self, cx: &Cx<'gc, '_>, d: i64) {
        self.set(cx, BACKQUOTE, Value::Fixnum(d));
    }

    /// The label entry `(n placeholder . value)` for `n`, if defined.
    fn entry(self, n: Value<'gc>) -> Option<Gc<'gc, Cons<'gc>>> {
        let mut l = self.get(LABELS);
        while let Value::Cons(c) = l {
            if let Value::Cons(e) = c.car() {
                if e.car().eql(n) {
                    return Some(e);
                }
            }
            l = c.cdr();
        }
        None
    }

    /// `#n=` starts: `None` if label `n` is already defined, else the
    /// placeholder that `#n#` returns until the object is read.
    pub fn define(self, cx: &Cx<'gc, '_>, n: Value<'gc>) -> Option<Value<'gc>> {
        if self.entry(n).is_some() {
            return None;
        }
        let placeholder = cons(cx.mc, Value::Nil, Value::Nil);
        let entry = cons(cx.mc, n, cons(cx.mc, placeholder, placeholder));
        let labels = cons(cx.mc, entry, self.get(LABELS));
        self.set(cx, LABELS, labels);
        Some(placeholder)
    }

    /// `#n#`: the object labelled `n`, or `None` when undefined. While
    /// the object is still being read this is its placeholder, marked as
    /// used (its car set to T) so that `resolve` knows to replace it.
    pub fn reference(self, cx: &Cx<'gc, '_>, n: Value<'gc>) -> Option<Value<'gc>> {
        let e = self.entry(n)?;
        let (placeholder, value) = (car(e.cdr()), cdr(e.cdr()));
        if let (true, Value::Cons(p)) = (value.eq(placeholder), placeholder) {
            Cons::set_car(p, cx.mc, cx.g.t);
        }
        Some(value)
    }

    /// The object of label `n` is read: records it and replaces the
    /// placeholder inside it. `None` if the object is the placeholder itself.
    pub fn resolve(
        self,
        cx: &Cx<'gc, '_>,
        n: Value<'gc>,
        placeholder: Value<'gc>,
        obj: Value<'gc>,
    ) -> Option<Value<'gc>> {
        if obj.eq(placeholder) {
            return None;
        }
        if let Some(Value::Cons(rest)) = self.entry(n).map(|e| e.cdr()) {
            Cons::set_cdr(rest, cx.mc, obj);
        }
        if car(placeholder).truthy() {
            substitute(cx, obj, placeholder, obj);
        }
        Some(obj)
    }
}

/// Replaces every reference to `from` inside the conses and general
/// arrays reachable from `root` by `to` (iteratively; shared and circular
/// structure is visited once).
fn substitute<'gc>(cx: &Cx<'gc, '_>, root: Value<'gc>, from: Value<'gc>, to: Value<'gc>) {
    let mut seen = HashSet::new();
    let mut todo = vec![root];
    while let Some(v) = todo.pop() {
        let Some(addr) = v.heap_addr() else { continue };
        if !seen.insert(addr) {
            continue;
        }
        match v {
            Value::Cons(c) => {
                if c.car().eq(from) {
                    Cons::set_car(c, cx.mc, to);
                } else {
                    todo.push(c.car());
                }
                if c.cdr().eq(from) {
                    Cons::set_cdr(c, cx.mc, to);
                } else {
                    todo.push(c.cdr());
                }
            }
            Value::Array(a) => {
                let mut d = a.borrow_mut(cx.mc);
                if let Storage::T(items) = &mut d.storage {
                    for x in items.iter_mut() {
                        if x.eq(from) {
                            *x = to;
                        } else {
                            todo.push(*x);
                        }
                    }
                }
            }
            _ => {}
        }
    }
}
