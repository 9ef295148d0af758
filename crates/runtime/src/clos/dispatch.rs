//! The dispatch cache of a generic function: for the classes (or EQL
//! specializers) of the first `nkeys` arguments, the effective method
//! function computed for them. The VM looks here before calling a generic
//! function's discriminating function (vm/call.rs); the Lisp side fills it
//! on a miss (12-clos-generic.lisp) and empties it when methods change.
//! An entry whose call must check its keyword arguments (CLHS 7.6.5) checks
//! them here and calls the effective method itself when they are valid;
//! otherwise the Lisp wrapper that checks them too, and signals the error.

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
    pub entries: Vec<Entry<'gc>>,
}

#[derive(Collect)]
#[collect(no_drop)]
pub struct Entry<'gc> {
    keys: Vec<Value<'gc>>,
    /// The function to call: the effective method, or with `check` the
    /// wrapper that checks the keyword arguments before calling it.
    emf: Value<'gc>,
    check: Option<KeyCheck<'gc>>,
}

/// The keyword arguments allowed after the first `skip` arguments, and the
/// effective method to call when they are.
#[derive(Collect)]
#[collect(no_drop)]
pub struct KeyCheck<'gc> {
    pub skip: usize,
    pub valid: Vec<Value<'gc>>,
    pub raw: Value<'gc>,
}

/// What is wrong with the keyword arguments `plist` (CLHS 7.6.5): `None`
/// when nothing, `Some(None)` when they are odd in number, else
/// `Some(Some(key))`, the first one not in `valid` (unless the first
/// :allow-other-keys among them is true).
pub fn keyword_problem<'gc>(cx: &Cx<'gc, '_>, plist: &[Value<'gc>], valid: impl Fn(Value<'gc>) -> bool) -> Option<Option<Value<'gc>>> {
    if plist.is_empty() {
        return None;
    }
    if plist.len() % 2 == 1 {
        return Some(None);
    }
    let aok = cx.g.s.kw_allow_other_keys;
    if plist.chunks(2).find(|p| aok.is(p[0])).is_some_and(|p| p[1].truthy()) {
        return None;
    }
    plist.chunks(2).find(|p| !aok.is(p[0]) && !valid(p[0])).map(|p| Some(p[0]))
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
        let e = self.entries.iter().find(|e| e.keys.iter().zip(keys).all(|(a, b)| a.eq(*b)))?;
        Some(match &e.check {
            Some(c) => {
                let plist = args.get(c.skip..).unwrap_or(&[]);
                if keyword_problem(cx, plist, |k| c.valid.iter().any(|v| v.eq(k))).is_none() {
                    c.raw
                } else {
                    e.emf
                }
            }
            None => e.emf,
        })
    }

    /// Remembers `emf` for arguments like these.
    pub fn add(&mut self, cx: &Cx<'gc, '_>, args: &[Value<'gc>], emf: Value<'gc>, check: Option<KeyCheck<'gc>>) {
        let mut keys = [Value::Nil; MAX_KEYS];
        if !self.keys(cx, args, &mut keys) {
            return;
        }
        if self.entries.len() >= MAX_ENTRIES {
            self.entries.clear();
        }
        self.entries.push(Entry { keys: keys[..self.nkeys].to_vec(), emf, check });
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
