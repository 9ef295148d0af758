//! Substitution in trees: SUBST, SUBST-IF, SUBST-IF-NOT, SUBLIS and their
//! destructive N- forms. Trees are walked with an explicit work stack
//! (list spines iteratively, with a cycle check), so neither long lists
//! nor deep nesting can overflow the Rust stack.

use gc_arena::Gc;

use super::seq_access::{circular, list_conses};
use super::seq_args::{func, key_func, parse_keys, Func, Test};
use crate::heap::cons::{cdr, Cons};
use crate::heap::{cons, Value};
use crate::vm::{Ctl, Cx, R};

crate::natives! {
    CL "SUBST" 3 * => subst;
    CL "SUBST-IF" 3 * => subst_if;
    CL "SUBST-IF-NOT" 3 * => subst_if_not;
    CL "NSUBST" 3 * => nsubst;
    CL "NSUBST-IF" 3 * => nsubst_if;
    CL "NSUBST-IF-NOT" 3 * => nsubst_if_not;
    CL "SUBLIS" 2 * => sublis;
    CL "NSUBLIS" 2 * => nsublis;
}

/// The deepest car-nesting walked before giving up (a car-circular tree).
const MAX_DEPTH: usize = 1_000_000;

/// Which subtrees are replaced, and by what.
enum Matcher<'gc> {
    /// Subtrees whose key satisfies `test(old, key)` become `new`.
    Item { new: Value<'gc>, old: Value<'gc>, test: Test<'gc> },
    /// Subtrees whose key satisfies (or, with `want` false, fails) `pred` become `new`.
    If { new: Value<'gc>, pred: Func<'gc>, want: bool },
    /// Subtrees whose key matches the car of an alist entry become its cdr.
    Alist { pairs: Vec<Gc<'gc, Cons<'gc>>>, test: Test<'gc> },
}

impl<'gc> Matcher<'gc> {
    fn replacement(&self, cx: &mut Cx<'gc, '_>, key: Func<'gc>, x: Value<'gc>) -> Result<Option<Value<'gc>>, Ctl<'gc>> {
        let k = key.call1(cx, x)?;
        Ok(match self {
            Matcher::Item { new, old, test } => test.pass(cx, *old, k)?.then_some(*new),
            Matcher::If { new, pred, want } => (pred.test1(cx, k)? == *want).then_some(*new),
            Matcher::Alist { pairs, test } => {
                for p in pairs {
                    if test.pass(cx, k, p.car())? {
                        return Ok(Some(p.cdr()));
                    }
                }
                None
            }
        })
    }
}

enum Task<'gc> {
    Visit(Value<'gc>, usize),
    /// Rebuild a list spine from its cars' results (on the value stack) and the tail's.
    Assemble(Vec<Gc<'gc, Cons<'gc>>>, Value<'gc>),
}

/// Walks `tree` replacing matching subtrees; copies only changed conses,
/// or, when `destructive`, stores the changes into the existing conses.
fn walk<'gc>(cx: &mut Cx<'gc, '_>, tree: Value<'gc>, m: &Matcher<'gc>, key: Func<'gc>, destructive: bool) -> R<'gc> {
    let mut tasks = vec![Task::Visit(tree, 0)];
    let mut vals: Vec<Value<'gc>> = Vec::new();
    while let Some(task) = tasks.pop() {
        match task {
            Task::Visit(x, depth) => {
                if depth > MAX_DEPTH {
                    return Err(cx.simple_error("tree too deeply nested (or circular through its cars)"));
                }
                // The spine of x: each tail is tested before being walked.
                let (mut spine, mut cur, mut slow) = (Vec::new(), x, x);
                let tail = loop {
                    if let Some(new) = m.replacement(cx, key, cur)? {
                        break new;
                    }
                    match cur {
                        Value::Cons(c) => {
                            spine.push(c);
                            cur = c.cdr();
                            if spine.len() % 2 == 0 {
                                slow = cdr(slow);
                                if cur.eq(slow) && !cur.is_nil() {
                                    return Err(circular(cx));
                                }
                            }
                        }
                        atom => break atom,
                    }
                };
                let cars: Vec<Value<'gc>> = spine.iter().map(|c| c.car()).collect();
                tasks.push(Task::Assemble(spine, tail));
                for car in cars.into_iter().rev() {
                    tasks.push(Task::Visit(car, depth + 1));
                }
            }
            Task::Assemble(spine, tail) => {
                let cars = vals.split_off(vals.len() - spine.len());
                let mut rest = tail;
                for (c, a) in spine.iter().zip(cars).rev() {
                    if destructive {
                        if !a.eq(c.car()) {
                            Cons::set_car(*c, cx.mc, a);
                        }
                        if !rest.eq(c.cdr()) {
                            Cons::set_cdr(*c, cx.mc, rest);
                        }
                        rest = Value::Cons(*c);
                    } else if a.eq(c.car()) && rest.eq(c.cdr()) {
                        rest = Value::Cons(*c);
                    } else {
                        rest = cons(cx.mc, a, rest);
                    }
                }
                vals.push(rest);
            }
        }
    }
    Ok(vals.pop().unwrap_or(tree))
}

fn subst_impl<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>], if_form: Option<bool>, destructive: bool) -> R<'gc> {
    let m = match if_form {
        None => {
            let [key, test, test_not] = parse_keys(cx, &args[3..], ["KEY", "TEST", "TEST-NOT"])?;
            let test = Test::new(cx, test, test_not)?;
            let key = key_func(cx, key)?;
            return walk(cx, args[2], &Matcher::Item { new: args[0], old: args[1], test }, key, destructive);
        }
        Some(want) => Matcher::If { new: args[0], pred: func(cx, args[1])?, want },
    };
    let [key] = parse_keys(cx, &args[3..], ["KEY"])?;
    let key = key_func(cx, key)?;
    walk(cx, args[2], &m, key, destructive)
}

fn subst<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    subst_impl(cx, args, None, false)
}
fn subst_if<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    subst_impl(cx, args, Some(true), false)
}
fn subst_if_not<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    subst_impl(cx, args, Some(false), false)
}
fn nsubst<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    subst_impl(cx, args, None, true)
}
fn nsubst_if<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    subst_impl(cx, args, Some(true), true)
}
fn nsubst_if_not<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    subst_impl(cx, args, Some(false), true)
}

fn sublis_impl<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>], destructive: bool) -> R<'gc> {
    let [key, test, test_not] = parse_keys(cx, &args[2..], ["KEY", "TEST", "TEST-NOT"])?;
    let test = Test::new(cx, test, test_not)?;
    let key = key_func(cx, key)?;
    let mut pairs = Vec::new();
    for c in list_conses(cx, args[0], usize::MAX)? {
        match c.car() {
            Value::Cons(p) => pairs.push(p),
            Value::Nil => {}
            other => return Err(cx.type_error(other, cx.g.s.cons_type.into())),
        }
    }
    walk(cx, args[1], &Matcher::Alist { pairs, test }, key, destructive)
}

fn sublis<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    sublis_impl(cx, args, false)
}
fn nsublis<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    sublis_impl(cx, args, true)
}
