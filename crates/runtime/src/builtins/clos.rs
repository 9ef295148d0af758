//! Primitives of CLOS (crates/runtime/src/clos/): `class-of`, funcallable
//! instances, the generic-function dispatch cache, and the fast path of
//! `slot-value` (the slow path — obsolete instances, class slots, missing
//! and unbound slots — is Lisp, in 12-clos-slots.lisp).

use gc_arena::barrier::unlock;
use gc_arena::Gc;

use crate::clos::{class_of, fast_slot, BUILT_IN};
use crate::heap::cons::ListIter;
use crate::heap::function::{FnKind, Funcallable};
use crate::heap::object::Instance;
use crate::heap::{list, Value};
use crate::vm::{Ctl, Cx, R};

crate::natives! {
    CL "CLASS-OF" 1 1 => class_of_;
    SYS "%BUILT-IN-CLASS-NAMES" 0 0 => built_in_class_names;
    SYS "%MAKE-FUNCALLABLE-INSTANCE" 2 2 => make_funcallable_instance;
    SYS "%FUNCALLABLE-INSTANCE-P" 1 1 => funcallable_instance_p;
    SYS "%SET-FUNCTION-NAME" 2 2 => set_function_name;
    SYS "%SET-FUNCALLABLE-INSTANCE-FUNCTION" 2 2 => set_funcallable_instance_function;
    SYS "%GF-CACHE-RESET" 3 3 => gf_cache_reset;
    SYS "%GF-CACHE-ADD" 3 3 => gf_cache_add;
    CL "SLOT-VALUE" 2 2 => slot_value;
    SYS "%SET-SLOT-VALUE" 3 3 => set_slot_value;
}

fn class_of_<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    Ok(class_of(cx, args[0]))
}

fn built_in_class_names<'gc>(cx: &mut Cx<'gc, '_>, _args: &[Value<'gc>]) -> R<'gc> {
    let names: Vec<Value<'gc>> = BUILT_IN.iter().map(|n| cx.g.intern_in(cx.mc, "CL", n)).collect();
    Ok(list(cx.mc, &names))
}

/// (%make-funcallable-instance class nslots): calling it is an error until
/// its function is set.
fn make_funcallable_instance<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let n = match args[1] {
        Value::Fixnum(n) if (0..1 << 20).contains(&n) => n as usize,
        other => return Err(cx.type_error(other, cx.g.s.fixnum.into())),
    };
    let inst = Instance::new(cx.mc, args[0], vec![Value::Unbound; n]);
    Ok(Funcallable::new(cx.mc, inst, Value::Nil, Value::Nil))
}

fn funcallable<'gc>(cx: &Cx<'gc, '_>, v: Value<'gc>) -> Result<Gc<'gc, Funcallable<'gc>>, Ctl<'gc>> {
    match v {
        Value::Function(f) => match &f.kind {
            FnKind::Funcallable(fi) => Ok(*fi),
            _ => Err(cx.type_error(v, cx.g.intern_in(cx.mc, "CL", "GENERIC-FUNCTION"))),
        },
        _ => Err(cx.type_error(v, cx.g.intern_in(cx.mc, "CL", "GENERIC-FUNCTION"))),
    }
}

fn funcallable_instance_p<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    Ok(cx.bool(funcallable(cx, args[0]).is_ok()))
}

/// (%set-function-name function name): the name backtraces and the printer show.
fn set_function_name<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let Value::Function(f) = args[0] else { return Err(cx.type_error(args[0], cx.g.s.function_type.into())) };
    crate::heap::function::Function::set_name(f, cx.mc, args[1]);
    Ok(args[0])
}

fn set_funcallable_instance_function<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let fi = funcallable(cx, args[0])?;
    if !matches!(args[1], Value::Function(_)) || args[1].eq(args[0]) {
        return Err(cx.type_error(args[1], cx.g.s.function_type.into()));
    }
    Funcallable::set_fun(fi, cx.mc, args[1]);
    unlock!(Gc::write(cx.mc, fi), Funcallable, cache).borrow_mut().reset(None, Vec::new());
    Ok(args[1])
}

/// (%gf-cache-reset gf nkeys eqls): empties the cache; from now on it keys
/// on the first NKEYS arguments (NIL: no caching), where EQLS lists, per
/// position, `(object . specializer)` for the EQL specializers there.
fn gf_cache_reset<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let fi = funcallable(cx, args[0])?;
    let nkeys = match args[1] {
        Value::Nil => None,
        Value::Fixnum(n) if n >= 0 => Some(n as usize),
        other => return Err(cx.type_error(other, cx.g.s.fixnum.into())),
    };
    let eqls = ListIter(args[2])
        .map(|pos| ListIter(pos).filter_map(|e| e.as_cons().map(|c| (c.car(), c.cdr()))).collect())
        .collect();
    unlock!(Gc::write(cx.mc, fi), Funcallable, cache).borrow_mut().reset(nkeys, eqls);
    Ok(Value::Nil)
}

/// (%gf-cache-add gf args emf): remembers EMF for arguments like ARGS.
fn gf_cache_add<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let fi = funcallable(cx, args[0])?;
    let actual: Vec<Value<'gc>> = ListIter(args[1]).collect();
    let mc = cx.mc;
    unlock!(Gc::write(mc, fi), Funcallable, cache).borrow_mut().add(cx, &actual, args[2]);
    Ok(args[2])
}

fn slot_value<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    if let Some((i, k)) = fast_slot(args[0], args[1]) {
        let v = i.slots.borrow()[k];
        if !v.is_unbound() {
            return Ok(v);
        }
    }
    Err(Ctl::TailCall(cx.g.intern_in(cx.mc, "SYS", "%SLOT-VALUE-SLOW"), args.to_vec()))
}

/// (%set-slot-value object slot-name value)
fn set_slot_value<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    if let Some((i, k)) = fast_slot(args[0], args[1]) {
        unlock!(Gc::write(cx.mc, i), Instance, slots).borrow_mut()[k] = args[2];
        return Ok(args[2]);
    }
    Err(Ctl::TailCall(cx.g.intern_in(cx.mc, "SYS", "%SET-SLOT-VALUE-SLOW"), args.to_vec()))
}
