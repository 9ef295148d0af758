//! Symbols: name, home package and the value, function, setf-function and
//! property-list cells, plus flags (special, constant, macro...).
//! Special variables use shallow binding: the value cell holds the current
//! dynamic value and the VM's binding stack remembers the old ones.

use std::cell::Cell;

use gc_arena::barrier::unlock;
use gc_arena::{Collect, Gc, Lock, Mutation};

use super::value::Value;

pub mod flags {
    pub const SPECIAL: u8 = 1;
    pub const CONSTANT: u8 = 2;
    pub const MACRO: u8 = 4;
    pub const SPECIAL_OPERATOR: u8 = 8;
    pub const KEYWORD: u8 = 16;
    /// Proclaimed with `(declaim (notinline ..))`-style "do not open code".
    pub const NOTINLINE: u8 = 32;
}

#[derive(Collect)]
#[collect(no_drop)]
pub struct Symbol<'gc> {
    pub name: Box<str>,
    pub package: Lock<Value<'gc>>,
    pub value: Lock<Value<'gc>>,
    /// The global function or macro function (`flags::MACRO` tells which).
    pub function: Lock<Value<'gc>>,
    /// The function named `(setf name)`.
    pub setf_function: Lock<Value<'gc>>,
    pub plist: Lock<Value<'gc>>,
    pub flags: Cell<u8>,
}

impl<'gc> Symbol<'gc> {
    pub fn new(mc: &Mutation<'gc>, name: &str, package: Value<'gc>) -> Gc<'gc, Symbol<'gc>> {
        Gc::new(
            mc,
            Symbol {
                name: name.into(),
                package: Lock::new(package),
                value: Lock::new(Value::Unbound),
                function: Lock::new(Value::Unbound),
                setf_function: Lock::new(Value::Unbound),
                plist: Lock::new(Value::Nil),
                flags: Cell::new(0),
            },
        )
    }
    #[inline]
    pub fn has(&self, f: u8) -> bool {
        self.flags.get() & f != 0
    }
    #[inline]
    pub fn set_flag(&self, f: u8, on: bool) {
        let old = self.flags.get();
        self.flags.set(if on { old | f } else { old & !f });
    }
    #[inline]
    pub fn value(&self) -> Value<'gc> {
        self.value.get()
    }
    #[inline]
    pub fn set_value(this: Gc<'gc, Self>, mc: &Mutation<'gc>, v: Value<'gc>) {
        unlock!(Gc::write(mc, this), Symbol, value).set(v);
    }
    #[inline]
    pub fn set_function(this: Gc<'gc, Self>, mc: &Mutation<'gc>, v: Value<'gc>) {
        unlock!(Gc::write(mc, this), Symbol, function).set(v);
    }
    pub fn set_setf_function(this: Gc<'gc, Self>, mc: &Mutation<'gc>, v: Value<'gc>) {
        unlock!(Gc::write(mc, this), Symbol, setf_function).set(v);
    }
    pub fn set_plist(this: Gc<'gc, Self>, mc: &Mutation<'gc>, v: Value<'gc>) {
        unlock!(Gc::write(mc, this), Symbol, plist).set(v);
    }
    pub fn set_package(this: Gc<'gc, Self>, mc: &Mutation<'gc>, v: Value<'gc>) {
        unlock!(Gc::write(mc, this), Symbol, package).set(v);
    }
}
