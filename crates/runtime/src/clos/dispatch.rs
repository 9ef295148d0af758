//! The dispatch cache of a generic function: for the classes (or EQL
//! specializers) of the first `nkeys` arguments, the effective method
//! function computed for them. The VM looks here before calling a generic
//! function's discriminating function (vm/call.rs); the Lisp side fills it
//! on a miss (12-clos-dispatch.lisp) and empties it when methods change.

use gc_arena::Collect;

use super::class_of;
use crate::heap::Value;
use crate::vm::Cx;

/// Generic functions dispatching on more arguments than this are not cached.
pub const MAX_KEYS: usize = 8;
/// A cache never grows past this many entries; it starts over instead.
const MAX_ENTRIES: usize = 512;

#[derive(Collect, Default)]
#[collect(no_drop)]
pub struct Dispatch<'gc> {
    pub enabled: bool,
    pub nkeys: usize,
    /// Per argument position, the objects EQL specializers name and the
    /// specializer metaobject that stands for each in the keys.
    pub eqls: Vec<Vec<(Value<'gc>, Value<'gc>)>>,
    pub entries: Vec<(Vec<Value<'gc>>, Value<'gc>)>,
}

impl<'gc> Dispatch<'gc> {
    fn key(&self, cx: &Cx<'gc, '_>, pos: usize, arg: Value<'gc>) -> Value<'gc> {
        if let Some(eqls) = self.eqls.get(pos) {
            if let Some((_, spec)) = eqls.iter().find(|(v, _)| v.eql(arg)) {
                return *spec;
            }
        }
        class_of(cx, arg)
    }

    fn keys(&self, cx: &Cx<'gc, '_>, args: &[Value<'gc>], out: &mut [Value<'gc>; MAX_KEYS]) -> bool {
        if !self.enabled || args.len() < self.nkeys {
            return false;
        }
        for (p, slot) in out.iter_mut().enumerate().take(self.nkeys) {
            *slot = self.key(cx, p, args[p]);
        }
        true
    }

    /// The cached effective method for these arguments.
    pub fn lookup(&self, cx: &Cx<'gc, '_>, args: &[Value<'gc>]) -> Option<Value<'gc>> {
        let mut keys = [Value::Nil; MAX_KEYS];
        if !self.keys(cx, args, &mut keys) {
            return None;
        }
        let keys = &keys[..self.nkeys];
        self.entries.iter().find(|(k, _)| k.iter().zip(keys).all(|(a, b)| a.eq(*b))).map(|e| e.1)
    }

    /// Remembers `emf` for arguments like these.
    pub fn add(&mut self, cx: &Cx<'gc, '_>, args: &[Value<'gc>], emf: Value<'gc>) {
        let mut keys = [Value::Nil; MAX_KEYS];
        if !self.keys(cx, args, &mut keys) {
            return;
        }
        if self.entries.len() >= MAX_ENTRIES {
            self.entries.clear();
        }
        self.entries.push((keys[..self.nkeys].to_vec(), emf));
    }

    /// Starts over: dispatch on `nkeys` arguments with these EQL objects,
    /// or no caching at all when `nkeys` is `None`.
    pub fn reset(&mut self, nkeys: Option<usize>, eqls: Vec<Vec<(Value<'gc>, Value<'gc>)>>) {
        self.entries.clear();
        self.enabled = matches!(nkeys, Some(n) if n <= MAX_KEYS);
        self.nkeys = nkeys.unwrap_or(0).min(MAX_KEYS);
        self.eqls = eqls;
    }
}
