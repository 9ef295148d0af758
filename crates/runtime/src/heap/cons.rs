//! Conses and the list helpers Rust code uses to build and walk lists.

use gc_arena::barrier::unlock;
use gc_arena::{Collect, Gc, Lock, Mutation};

use super::value::Value;

/// About what one cons takes in the heap (the object and gc-arena's
/// header), for refusing a huge list before building it (heap/limit.rs).
pub const CONS_BYTES: usize = std::mem::size_of::<Cons<'static>>() + 16;

#[derive(Collect)]
#[collect(no_drop)]
pub struct Cons<'gc> {
    pub car: Lock<Value<'gc>>,
    pub cdr: Lock<Value<'gc>>,
}

impl<'gc> Cons<'gc> {
    #[inline]
    pub fn car(&self) -> Value<'gc> {
        self.car.get()
    }
    #[inline]
    pub fn cdr(&self) -> Value<'gc> {
        self.cdr.get()
    }
    #[inline]
    pub fn set_car(this: Gc<'gc, Self>, mc: &Mutation<'gc>, v: Value<'gc>) {
        unlock!(Gc::write(mc, this), Cons, car).set(v);
    }
    #[inline]
    pub fn set_cdr(this: Gc<'gc, Self>, mc: &Mutation<'gc>, v: Value<'gc>) {
        unlock!(Gc::write(mc, this), Cons, cdr).set(v);
    }
}

#[inline]
pub fn cons<'gc>(mc: &Mutation<'gc>, car: Value<'gc>, cdr: Value<'gc>) -> Value<'gc> {
    Value::Cons(Gc::new(mc, Cons { car: Lock::new(car), cdr: Lock::new(cdr) }))
}

/// A proper list of the given elements.
pub fn list<'gc>(mc: &Mutation<'gc>, items: &[Value<'gc>]) -> Value<'gc> {
    list_with_tail(mc, items, Value::Nil)
}

pub fn list_with_tail<'gc>(mc: &Mutation<'gc>, items: &[Value<'gc>], tail: Value<'gc>) -> Value<'gc> {
    items.iter().rev().fold(tail, |acc, &x| cons(mc, x, acc))
}

/// Collects the elements of a proper list. Returns `Err(tail)` with the
/// offending tail if the list is dotted, or `Err(Unbound)` if it is circular.
pub fn list_to_vec<'gc>(mut l: Value<'gc>) -> Result<Vec<Value<'gc>>, Value<'gc>> {
    let mut out = Vec::new();
    let mut slow = l;
    loop {
        match l {
            Value::Nil => return Ok(out),
            Value::Cons(c) => {
                out.push(c.car());
                l = c.cdr();
                if out.len() % 2 == 0 {
                    if let Value::Cons(s) = slow {
                        slow = s.cdr();
                    }
                    if slow.eq(l) && l.as_cons().is_some() {
                        return Err(Value::Unbound);
                    }
                }
            }
            other => return Err(other),
        }
    }
}

/// Iterates over the cars of a list, stopping at the first non-cons tail.
pub struct ListIter<'gc>(pub Value<'gc>);

impl<'gc> Iterator for ListIter<'gc> {
    type Item = Value<'gc>;
    #[inline]
    fn next(&mut self) -> Option<Value<'gc>> {
        match self.0 {
            Value::Cons(c) => {
                self.0 = c.cdr();
                Some(c.car())
            }
            _ => None,
        }
    }
}

/// `car` for Rust code walking forms: NIL for NIL and for non-conses.
#[inline]
pub fn car<'gc>(v: Value<'gc>) -> Value<'gc> {
    match v {
        Value::Cons(c) => c.car(),
        _ => Value::Nil,
    }
}

#[inline]
pub fn cdr<'gc>(v: Value<'gc>) -> Value<'gc> {
    match v {
        Value::Cons(c) => c.cdr(),
        _ => Value::Nil,
    }
}
