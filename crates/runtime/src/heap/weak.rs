//! Weak hash tables between marking and sweeping. A weak table traces none
//! of its entries (heap/hash.rs); once the heap is marked, `finalize`
//! keeps alive the side of each entry its weakness says an entry needs
//! (ephemerons: a :key table's value lives while its key does), which may
//! make more of the heap reachable, so marking runs on and `finalize` is
//! asked again until nothing more is kept; then it removes the entries
//! whose needed side is dead, before any of it is swept.

use gc_arena::{Finalization, Gc, GcWeak};

use super::globals::Globals;
use super::hash::{HashTable, Weakness};
use super::value::Value;

/// Remembers a weak table, to be finalized after each marking.
pub fn register<'gc>(g: &Globals<'gc>, mc: &gc_arena::Mutation<'gc>, t: Gc<'gc, HashTable<'gc>>) {
    g.weak_tables.borrow_mut(mc).push(Gc::downgrade(t));
}

/// Whether the object `v` refers to is dead (an immediate never is).
fn dead<'gc>(fc: &Finalization<'gc>, v: Value<'gc>) -> bool {
    v.gc_ptr().is_some_and(|g| Gc::is_dead(fc, g))
}

/// Keeps the object `v` refers to alive (and, once marked, what it holds).
fn resurrect<'gc>(fc: &Finalization<'gc>, v: Value<'gc>) {
    if let Some(g) = v.gc_ptr() {
        Gc::resurrect(fc, g);
    }
}

/// Whether an entry whose key and value are dead or alive stays.
fn stays(weakness: Weakness, key_dead: bool, value_dead: bool) -> bool {
    match weakness {
        Weakness::None => true,
        Weakness::Key => !key_dead,
        Weakness::Value => !value_dead,
        Weakness::KeyAndValue => !key_dead && !value_dead,
        Weakness::KeyOrValue => !key_dead || !value_dead,
    }
}

/// Called with the heap fully marked. Keeps alive what the entries that
/// stay hold; if that kept anything more, returns false (marking must go
/// on, then `finalize` again). Otherwise removes the entries that do not
/// stay and returns true: the heap may be swept.
pub fn finalize<'gc>(fc: &Finalization<'gc>, g: &Globals<'gc>) -> bool {
    let tables: Vec<Gc<'gc, HashTable<'gc>>> = {
        let mut registry = g.weak_tables.borrow_mut(fc);
        registry.retain(|w: &GcWeak<'gc, HashTable<'gc>>| !w.is_dead(fc));
        registry.iter().filter_map(|w| w.upgrade(fc)).collect()
    };
    let mut more = false;
    for t in &tables {
        let d = t.borrow();
        for (k, v) in d.iter() {
            let (kd, vd) = (dead(fc, k), dead(fc, v));
            if stays(d.weakness, kd, vd) && (kd || vd) {
                resurrect(fc, if kd { k } else { v });
                more = true;
            }
        }
    }
    if more {
        return false;
    }
    for t in &tables {
        let weakness = t.borrow().weakness;
        t.borrow_mut(fc).retain(|k, v| stays(weakness, dead(fc, k), dead(fc, v)));
    }
    true
}
