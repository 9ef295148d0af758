//! The Rust side of CLOS (the rest is Lisp, lisp-lib/boot/02-classes.lisp
//! and 12-clos-*.lisp): `class-of`, the layout of class metaobjects that
//! Rust reads, funcallable-instance access, and the generic-function
//! dispatch cache the VM consults on every call of a generic function.
//!
//! Every class is an instance (its class is its metaclass) whose slots are
//! at the fixed positions below, whatever the metaclass. An instance of a
//! class keeps, in its slot 0, the class's layout at the time it was made:
//! when the class is redefined it gets a new layout, and instances with the
//! old one are brought up to date the next time their slots are touched.

pub mod dispatch;

use gc_arena::Gc;

use crate::builtins::types::spec::{bits, kind_of, Kind};
use crate::heap::array::ElemType;
use crate::heap::cons::ListIter;
use crate::heap::function::FnKind;
use crate::heap::object::Instance;
use crate::heap::Value;
use crate::vm::Cx;

/// Positions of a class metaobject's slots (mirrored by the +CLASS-...+
/// constants of 02-classes.lisp). Slot 0 of every instance, classes
/// included, is its layout.
pub const CLASS_NAME: usize = 1;
pub const CLASS_PRECEDENCE_LIST: usize = 3;
/// The effective slot definitions of a class.
pub const CLASS_SLOTS: usize = 5;
/// The layout given to new instances: a fresh cons whose cdr lists the
/// names of the slots stored in instances, in order (the k-th at instance
/// position k + 1), and whose car is :FUNCALLABLE or :STANDARD.
pub const CLASS_LAYOUT: usize = 10;

/// Positions of a slot definition metaobject's slots (+SLOTD-...+).
pub const SLOTD_NAME: usize = 1;
pub const SLOTD_INITFUNCTION: usize = 3;
pub const SLOTD_INITARGS: usize = 4;
pub const SLOTD_LOCATION: usize = 10;

/// The built-in classes `class-of` answers for objects that are not
/// instances, in the order of `sys::*built-in-classes*` (filled by Lisp).
pub const BUILT_IN: &[&str] = &[
    "T", "FIXNUM", "BIGNUM", "RATIO", "SINGLE-FLOAT", "DOUBLE-FLOAT", "COMPLEX", "CHARACTER", "NULL", "SYMBOL",
    "CONS", "SIMPLE-VECTOR", "VECTOR", "SIMPLE-STRING", "STRING", "SIMPLE-BIT-VECTOR", "BIT-VECTOR",
    "SIMPLE-ARRAY", "ARRAY", "HASH-TABLE", "PACKAGE", "FUNCTION", "STREAM", "FILE-STREAM", "STRING-STREAM",
    "SYNONYM-STREAM", "TWO-WAY-STREAM", "ECHO-STREAM", "BROADCAST-STREAM", "CONCATENATED-STREAM", "PATHNAME",
    "LOGICAL-PATHNAME", "READTABLE", "RANDOM-STATE",
];

fn built_in_index<'gc>(cx: &Cx<'gc, '_>, v: Value<'gc>) -> &'static str {
    match v {
        Value::Fixnum(_) => "FIXNUM",
        Value::Bignum(_) => "BIGNUM",
        Value::Ratio(_) => "RATIO",
        Value::Single(_) => "SINGLE-FLOAT",
        Value::Double(_) => "DOUBLE-FLOAT",
        Value::Complex(_) => "COMPLEX",
        Value::Char(_) => "CHARACTER",
        Value::Nil => "NULL",
        Value::Symbol(_) => "SYMBOL",
        Value::Cons(_) => "CONS",
        Value::Array(a) => {
            let d = a.borrow();
            match (d.is_vector(), d.is_simple(), d.elem_type()) {
                (true, true, ElemType::T) => "SIMPLE-VECTOR",
                (true, true, ElemType::Char) => "SIMPLE-STRING",
                (true, false, ElemType::Char) => "STRING",
                (true, true, ElemType::Bit) => "SIMPLE-BIT-VECTOR",
                (true, false, ElemType::Bit) => "BIT-VECTOR",
                (true, _, _) => "VECTOR",
                (false, true, _) => "SIMPLE-ARRAY",
                (false, false, _) => "ARRAY",
            }
        }
        Value::HashTable(_) => "HASH-TABLE",
        Value::Package(_) => "PACKAGE",
        Value::Function(_) => "FUNCTION",
        Value::Stream(_) => match crate::builtins::types::member::mask_of(cx, v) {
            bits::STRING_STREAM => "STRING-STREAM",
            bits::FILE_STREAM => "FILE-STREAM",
            bits::SYNONYM_STREAM => "SYNONYM-STREAM",
            bits::TWO_WAY_STREAM => "TWO-WAY-STREAM",
            bits::ECHO_STREAM => "ECHO-STREAM",
            bits::BROADCAST_STREAM => "BROADCAST-STREAM",
            bits::CONCATENATED_STREAM => "CONCATENATED-STREAM",
            _ => "STREAM",
        },
        Value::Object(_) => match kind_of(v) {
            Kind::Readtable => "READTABLE",
            Kind::RandomState => "RANDOM-STATE",
            Kind::Pathname if matches!(crate::pathnames::as_pathname(&v), Some(p) if p.logical) => "LOGICAL-PATHNAME",
            Kind::Pathname => "PATHNAME",
            _ => "T",
        },
        _ => "T",
    }
}

fn built_in<'gc>(cx: &Cx<'gc, '_>, name: &str) -> Value<'gc> {
    let k = BUILT_IN.iter().position(|n| *n == name).unwrap_or(0);
    match cx.g.s.built_in_classes.value() {
        Value::Array(a) => a.borrow().get(k).unwrap_or(Value::Nil),
        _ => Value::Nil,
    }
}

/// The instance part of `v`: an instance, or a funcallable instance's.
pub fn as_instance<'gc>(v: Value<'gc>) -> Option<Gc<'gc, Instance<'gc>>> {
    match v {
        Value::Instance(i) => Some(i),
        Value::Function(f) => match &f.kind {
            FnKind::Funcallable(fi) => Some(fi.instance),
            _ => None,
        },
        _ => None,
    }
}

/// The class named by a symbol (`find-class` without errors).
pub fn find_class<'gc>(cx: &Cx<'gc, '_>, name: Value<'gc>) -> Option<Value<'gc>> {
    crate::builtins::types::spec::sys_prop(cx, name, "%CLASS").filter(|c| c.truthy())
}

/// `class-of`. Before CLOS has booted, objects of built-in classes answer NIL.
pub fn class_of<'gc>(cx: &Cx<'gc, '_>, v: Value<'gc>) -> Value<'gc> {
    match as_instance(v) {
        Some(i) => match i.class.get() {
            c @ Value::Instance(_) => c,
            name => find_class(cx, name).unwrap_or_else(|| built_in(cx, "T")),
        },
        None => built_in(cx, built_in_index(cx, v)),
    }
}

/// A slot of a class metaobject, NIL when `class` is not one.
pub fn class_slot<'gc>(class: Value<'gc>, k: usize) -> Value<'gc> {
    match class {
        Value::Instance(c) => c.slots.borrow().get(k).copied().unwrap_or(Value::Nil),
        _ => Value::Nil,
    }
}

/// The classes of a class's precedence list, itself first.
pub fn precedence_list<'gc>(class: Value<'gc>) -> Vec<Value<'gc>> {
    ListIter(class_slot(class, CLASS_PRECEDENCE_LIST)).collect()
}

/// The name of the metaclass of `class` (STANDARD-CLASS, STRUCTURE-CLASS...).
pub fn metaclass_name<'gc>(class: Value<'gc>) -> Value<'gc> {
    match class {
        Value::Instance(c) => class_slot(c.class.get(), CLASS_NAME),
        _ => Value::Nil,
    }
}

/// True when `v` is a class metaobject (an instance of a subclass of CLASS).
pub fn is_class<'gc>(cx: &Cx<'gc, '_>, v: Value<'gc>) -> bool {
    let Value::Instance(i) = v else { return false };
    let Some(class) = find_class(cx, cx.g.intern_in(cx.mc, "CL", "CLASS")) else { return false };
    precedence_list(i.class.get()).iter().any(|c| c.eq(class))
}

/// The cons holding the class slot (`:allocation :class`) `name` of `obj`
/// when the fast path applies: a current instance whose class has that slot.
pub fn fast_shared_slot<'gc>(obj: Value<'gc>, name: Value<'gc>) -> Option<Gc<'gc, crate::heap::cons::Cons<'gc>>> {
    let i = as_instance(obj)?;
    let class = i.class.get();
    let layout = class_slot(class, CLASS_LAYOUT);
    if !matches!(layout, Value::Cons(_)) || !i.slots.borrow().first().is_some_and(|l| l.eq(layout)) {
        return None;
    }
    let slotd = ListIter(class_slot(class, CLASS_SLOTS)).find(|d| class_slot(*d, SLOTD_NAME).eq(name))?;
    match class_slot(slotd, SLOTD_LOCATION) {
        Value::Cons(c) => Some(c),
        _ => None,
    }
}

/// Where the slot `name` of `obj` is when the fast path applies: a current
/// (not obsolete) instance whose class stores that slot in instances.
pub fn fast_slot<'gc>(obj: Value<'gc>, name: Value<'gc>) -> Option<(Gc<'gc, Instance<'gc>>, usize)> {
    let i = as_instance(obj)?;
    let Value::Instance(class) = i.class.get() else { return None };
    let layout = *class.slots.borrow().get(CLASS_LAYOUT)?;
    let Value::Cons(names) = layout else { return None };
    if !i.slots.borrow().first().is_some_and(|l| l.eq(layout)) {
        return None;
    }
    let k = ListIter(names.cdr()).position(|n| n.eq(name))?;
    Some((i, k + 1))
}
