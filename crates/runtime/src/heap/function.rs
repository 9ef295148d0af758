//! Function objects: bytecode closures and native (Rust) primitives.

use gc_arena::{Collect, Gc, Lock, Mutation};

use super::value::Value;
use crate::bytecode::Code;
use crate::vm::{Cx, R};

/// The Rust signature of a primitive: arguments arrive already counted
/// against `min`/`max`.
pub type NativeFn = for<'gc, 'a> fn(&mut Cx<'gc, 'a>, &[Value<'gc>]) -> R<'gc>;

/// A primitive's description, from the static tables in `crate::builtins`.
pub struct Native {
    pub name: &'static str,
    /// Short name of the home package: "CL", "SYS" (clove-system), "CLOVE", "UIOP".
    pub pkg: &'static str,
    pub min: u16,
    /// `u16::MAX` when the primitive takes any number of arguments.
    pub max: u16,
    pub f: NativeFn,
}

pub const MANY: u16 = u16::MAX;

#[derive(Collect)]
#[collect(no_drop)]
pub enum FnKind<'gc> {
    /// A compiled lambda and the values it closed over (cells for mutated ones).
    Closure { code: Gc<'gc, Code<'gc>>, env: Box<[Value<'gc>]> },
    Native(&'static Native),
    Funcallable(Gc<'gc, Funcallable<'gc>>),
}

#[derive(Collect)]
#[collect(no_drop)]
pub struct Function<'gc> {
    /// The name used in backtraces and printing (a symbol, a list, or NIL).
    pub name: Lock<Value<'gc>>,
    pub kind: FnKind<'gc>,
}

impl<'gc> Function<'gc> {
    pub fn set_name(this: Gc<'gc, Self>, mc: &Mutation<'gc>, name: Value<'gc>) {
        gc_arena::barrier::unlock!(Gc::write(mc, this), Function, name).set(name);
    }

    pub fn closure(mc: &Mutation<'gc>, code: Gc<'gc, Code<'gc>>, env: Box<[Value<'gc>]>) -> Value<'gc> {
        let name = code.name;
        Value::Function(Gc::new(mc, Function { name: Lock::new(name), kind: FnKind::Closure { code, env } }))
    }
    pub fn native(mc: &Mutation<'gc>, n: &'static Native, name: Value<'gc>) -> Value<'gc> {
        Value::Function(Gc::new(mc, Function { name: Lock::new(name), kind: FnKind::Native(n) }))
    }
}

/// A funcallable instance (CLOS generic functions and instances of
/// `funcallable-standard-class`): an instance — class and slots — that can
/// be called. Calling it calls `fun`, unless the dispatch cache already
/// knows the effective method for the arguments' classes.
#[derive(Collect)]
#[collect(no_drop)]
pub struct Funcallable<'gc> {
    pub instance: Gc<'gc, super::object::Instance<'gc>>,
    pub fun: Lock<Value<'gc>>,
    pub cache: gc_arena::RefLock<crate::clos::dispatch::Dispatch<'gc>>,
}

impl<'gc> Funcallable<'gc> {
    pub fn new(mc: &Mutation<'gc>, instance: Gc<'gc, super::object::Instance<'gc>>, fun: Value<'gc>, name: Value<'gc>) -> Value<'gc> {
        let fin = Gc::new(mc, Funcallable { instance, fun: Lock::new(fun), cache: Default::default() });
        Value::Function(Gc::new(mc, Function { name: Lock::new(name), kind: FnKind::Funcallable(fin) }))
    }
    pub fn set_fun(this: Gc<'gc, Self>, mc: &Mutation<'gc>, fun: Value<'gc>) {
        gc_arena::barrier::unlock!(Gc::write(mc, this), Funcallable, fun).set(fun);
    }
}
