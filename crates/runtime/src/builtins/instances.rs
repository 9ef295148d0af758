//! Primitives: raw instances (a class and a vector of slots) on which the
//! condition system, structures and CLOS are built, and the backtrace.

use crate::heap::object::Instance;
use crate::heap::{list, Value};
use crate::vm::{Cx, R};

crate::natives! {
    SYS "%MAKE-INSTANCE" 2 2 => make_instance;
    SYS "%INSTANCEP" 1 1 => instancep;
    SYS "%INSTANCE-CLASS" 1 1 => instance_class;
    SYS "%SET-INSTANCE-CLASS" 2 2 => set_instance_class;
    SYS "%INSTANCE-LENGTH" 1 1 => instance_length;
    SYS "%INSTANCE-REF" 2 2 => instance_ref;
    SYS "%INSTANCE-BOUNDP" 2 2 => instance_boundp;
    SYS "%INSTANCE-SET" 3 3 => instance_set;
    SYS "%INSTANCE-MAKUNBOUND" 2 2 => instance_makunbound;
    SYS "%INSTANCE-RESIZE" 2 2 => instance_resize;
    SYS "%BACKTRACE" 0 0 => backtrace;
    SYS "%ADDRESS" 1 1 => address;
}

/// The instance part of `v` (funcallable instances included).
fn instance<'gc>(cx: &Cx<'gc, '_>, v: Value<'gc>) -> Result<gc_arena::Gc<'gc, Instance<'gc>>, crate::vm::Ctl<'gc>> {
    crate::clos::as_instance(v).ok_or_else(|| cx.type_error(v, cx.g.intern_in(cx.mc, "CL", "STANDARD-OBJECT")))
}

fn index<'gc>(cx: &Cx<'gc, '_>, inst: gc_arena::Gc<'gc, Instance<'gc>>, v: Value<'gc>) -> Result<usize, crate::vm::Ctl<'gc>> {
    let n = inst.slots.borrow().len();
    match v {
        Value::Fixnum(i) if i >= 0 && (i as usize) < n => Ok(i as usize),
        other => Err(cx.error_fmt("slot index ~S out of range for an instance with ~D slots", &[other, Value::Fixnum(n as i64)])),
    }
}

fn make_instance<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let n = match args[1] {
        Value::Fixnum(n) if (0..1 << 20).contains(&n) => n as usize,
        other => return Err(cx.type_error(other, cx.g.s.fixnum.into())),
    };
    Ok(Value::Instance(Instance::new(cx.mc, args[0], vec![Value::Unbound; n])))
}

fn instancep<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    Ok(cx.bool(matches!(args[0], Value::Instance(_))))
}

fn instance_class<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    Ok(instance(cx, args[0])?.class.get())
}

fn set_instance_class<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let i = instance(cx, args[0])?;
    gc_arena::barrier::unlock!(gc_arena::Gc::write(cx.mc, i), Instance, class).set(args[1]);
    Ok(args[1])
}

fn instance_length<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    Ok(Value::Fixnum(instance(cx, args[0])?.slots.borrow().len() as i64))
}

fn instance_ref<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let i = instance(cx, args[0])?;
    let k = index(cx, i, args[1])?;
    let v = i.slots.borrow()[k];
    if v.is_unbound() {
        return Err(cx.error_fmt("the slot ~D of ~S is unbound", &[args[1], args[0]]));
    }
    Ok(v)
}

fn instance_boundp<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let i = instance(cx, args[0])?;
    let k = index(cx, i, args[1])?;
    let bound = !i.slots.borrow()[k].is_unbound();
    Ok(cx.bool(bound))
}

fn instance_set<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let i = instance(cx, args[0])?;
    let k = index(cx, i, args[1])?;
    gc_arena::barrier::unlock!(gc_arena::Gc::write(cx.mc, i), Instance, slots).borrow_mut()[k] = args[2];
    Ok(args[2])
}

fn instance_makunbound<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let i = instance(cx, args[0])?;
    let k = index(cx, i, args[1])?;
    gc_arena::barrier::unlock!(gc_arena::Gc::write(cx.mc, i), Instance, slots).borrow_mut()[k] = Value::Unbound;
    Ok(args[0])
}

/// (%instance-resize instance n): n slots, new ones unbound (class
/// redefinition and change-class).
fn instance_resize<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let i = instance(cx, args[0])?;
    let n = match args[1] {
        Value::Fixnum(n) if (1..1 << 20).contains(&n) => n as usize,
        other => return Err(cx.type_error(other, cx.g.s.fixnum.into())),
    };
    gc_arena::barrier::unlock!(gc_arena::Gc::write(cx.mc, i), Instance, slots).borrow_mut().resize(n, Value::Unbound);
    Ok(args[0])
}

/// The active frames, innermost first, each as a list of the function's
/// name, where it was defined ("file:line" or NIL) and its arguments as
/// far as the frame's parameter slots show them now (keyword arguments
/// after their keywords).
fn backtrace<'gc>(cx: &mut Cx<'gc, '_>, _args: &[Value<'gc>]) -> R<'gc> {
    let mc = cx.mc;
    let th = &*cx.th;
    let frames: Vec<Value<'gc>> = th
        .frames
        .iter()
        .rev()
        .map(|f| {
            let shape = &f.code.shape;
            let base = f.base as usize;
            let slots = th.stack.get(base..base + shape.nparams() as usize).unwrap_or(&[]);
            let value = |v: &Value<'gc>| match *v {
                Value::Cell(c) => c.get(),
                Value::Unbound => Value::Nil,
                other => other,
            };
            // Required and optional values, then the &rest arguments spread
            // out, or else each keyword argument after its keyword.
            let positional = (shape.nreq + shape.nopt) as usize;
            let mut params: Vec<Value<'gc>> = slots.iter().take(positional).map(value).collect();
            if shape.rest {
                params.extend(slots.get(positional).map(value).map(crate::heap::cons::ListIter).into_iter().flatten());
            } else {
                for (spec, v) in shape.keys.iter().zip(slots.iter().skip(positional)) {
                    params.push(spec.key);
                    params.push(value(v));
                }
            }
            let source = match f.code.source() {
                Some(s) => crate::heap::array::make_string(mc, s),
                None => Value::Nil,
            };
            crate::heap::cons::list_with_tail(mc, &[f.func.name.get(), source], list(mc, &params))
        })
        .collect();
    Ok(list(mc, &frames))
}

/// An identifying number for printing unreadable objects.
fn address<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    Ok(Value::int(cx.mc, args[0].heap_addr().unwrap_or(0) as i64))
}
