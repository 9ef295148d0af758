//! Structure instances (DEFSTRUCT, lisp-lib/boot/09-defstruct.lisp): the
//! type-checked slot access its accessors compile to, and what the
//! printer needs to show one as `#S(NAME :SLOT value ...)`.
//!
//! A structure instance is `Value::Instance` whose class is a structure
//! class: a class metaobject (clos/mod.rs) whose metaclass is
//! `CL:STRUCTURE-CLASS`, with these slots after the common ones: 15 slot
//! descriptions `(name initform type read-only index)`, 16 the keyword
//! constructor #S calls, 17 the printer (a function (object stream)) or
//! NIL, 18 representation, 19 named, 20 length.

use crate::clos::{class_of, class_slot, metaclass_name, precedence_list, CLASS_NAME};
use crate::heap::cons::ListIter;
use crate::heap::Value;
use crate::vm::{Ctl, Cx, R};

/// Slots of a structure descriptor used from Rust.
const SD_SLOTS: usize = 15;
const SD_PRINTER: usize = 17;

pub fn is_structure_of<'gc>(cx: &Cx<'gc, '_>, x: Value<'gc>, name: Value<'gc>) -> bool {
    matches!(x, Value::Instance(_)) && precedence_list(class_of(cx, x)).iter().any(|c| class_slot(*c, CLASS_NAME).eq(name))
}

fn slot_index<'gc>(cx: &Cx<'gc, '_>, args: &[Value<'gc>]) -> Result<usize, Ctl<'gc>> {
    let (x, name) = (args[0], args[1]);
    if !is_structure_of(cx, x, name) {
        return Err(cx.type_error(x, name));
    }
    let Value::Instance(i) = x else { return Err(cx.type_error(x, name)) };
    match args[2] {
        Value::Fixnum(k) if k >= 0 && (k as usize) < i.slots.borrow().len() => Ok(k as usize),
        other => Err(cx.error_fmt("bad slot index ~S for ~S", &[other, x])),
    }
}

/// (%structure-typep object name)
pub fn structure_typep<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    Ok(cx.bool(is_structure_of(cx, args[0], args[1])))
}

/// (%structure-ref object name index)
pub fn structure_ref<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let k = slot_index(cx, args)?;
    let Value::Instance(i) = args[0] else { unreachable!() };
    let v = i.slots.borrow()[k];
    Ok(if v.is_unbound() { Value::Nil } else { v })
}

/// (%structure-set object name index value)
pub fn structure_set<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let k = slot_index(cx, args)?;
    let Value::Instance(i) = args[0] else { unreachable!() };
    gc_arena::barrier::unlock!(gc_arena::Gc::write(cx.mc, i), crate::heap::object::Instance, slots).borrow_mut()[k] = args[3];
    Ok(args[3])
}

/// How the printer shows a structure instance.
pub enum StructPrint<'gc> {
    /// `#S(name key value ...)`: the name and a plist of keywords and values.
    Slots(Value<'gc>, Value<'gc>),
    /// A :print-object or :print-function printer to call with (object stream).
    Custom(Value<'gc>),
}

/// The printing of `v` if it is a structure instance.
pub fn structure_printing<'gc>(cx: &Cx<'gc, '_>, v: Value<'gc>) -> Option<StructPrint<'gc>> {
    let Value::Instance(i) = v else { return None };
    let Value::Instance(d) = i.class.get() else { return None };
    if !cx.g.intern_in(cx.mc, "CL", "STRUCTURE-CLASS").eq(metaclass_name(i.class.get())) {
        return None;
    }
    let ds = d.slots.borrow();
    if let Some(f @ Value::Function(_)) = ds.get(SD_PRINTER).copied() {
        return Some(StructPrint::Custom(f));
    }
    let slots = i.slots.borrow();
    let mut plist = Vec::new();
    for desc in ListIter(ds.get(SD_SLOTS).copied().unwrap_or(Value::Nil)) {
        let found = (|| {
            let parts: Vec<Value<'gc>> = ListIter(desc).collect();
            let name = cx.g.sym(*parts.first()?)?;
            let index = parts.get(4)?.as_fixnum()? as usize;
            let value = slots.get(index).copied().filter(|v| !v.is_unbound()).unwrap_or(Value::Nil);
            Some((cx.g.intern_in(cx.mc, "KEYWORD", &name.name), value))
        })();
        if let Some((k, v)) = found {
            plist.push(k);
            plist.push(v);
        }
    }
    Some(StructPrint::Slots(ds[CLASS_NAME], crate::heap::list(cx.mc, &plist)))
}
