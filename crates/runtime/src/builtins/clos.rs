//! Primitives of CLOS (crates/runtime/src/clos/): `class-of`, funcallable
//! instances, the generic-function dispatch cache, the keyword check of
//! generic-function calls, and the fast paths of `slot-value`,
//! `slot-boundp` and `(setf slot-value)` (the slow paths — obsolete
//! instances, missing and unbound slots, setting a class slot — are Lisp,
//! in 02-classes.lisp).

use gc_arena::barrier::unlock;
use gc_arena::Gc;

use crate::clos::dispatch::KeyCheck;
use crate::clos::{class_of, fast_shared_slot, fast_slot, BUILT_IN, CLASS_SLOTS, SLOTD_INITARGS, SLOTD_INITFUNCTION, SLOTD_LOCATION, SLOTD_NAME};
use crate::heap::cons::ListIter;
use crate::heap::function::{FnKind, Funcallable};
use crate::heap::object::Instance;
use crate::heap::{list, Value};
use crate::vm::{Ctl, Cx, R};

crate::natives! {
    CL "CLASS-OF" 1 1 => class_of_;
    SYS "%BUILT-IN-CLASS-NAMES" 0 0 => built_in_class_names;
    SYS "%FUNCALLABLE-INSTANCE-P" 1 1 => funcallable_instance_p;
    SYS "%SET-FUNCTION-NAME" 2 2 => set_function_name;
    SYS "%SET-FUNCALLABLE-INSTANCE-FUNCTION" 2 2 => set_funcallable_instance_function;
    SYS "%GF-CACHE-RESET" 3 3 => gf_cache_reset;
    SYS "%GF-CACHE-ADD" 3 6 => gf_cache_add;
    SYS "%INVALID-KEYWORD" 3 3 => invalid_keyword;
    CL "SLOT-VALUE" 2 2 => slot_value;
    CL "SLOT-BOUNDP" 2 2 => slot_boundp;
    SYS "%INITIALIZE-SLOTS" 4 4 => initialize_slots;
    SYS "%ALLOCATE" 1 1 => allocate;
    SYS "%CHECK-INITARGS-AGAINST" 3 3 => check_initargs_against;
    SYS "%SET-SLOT-VALUE" 3 3 => set_slot_value;
}

fn class_of_<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    Ok(class_of(cx, args[0]))
}

fn built_in_class_names<'gc>(cx: &mut Cx<'gc, '_>, _args: &[Value<'gc>]) -> R<'gc> {
    let names: Vec<Value<'gc>> = BUILT_IN.iter().map(|n| cx.g.intern_in(cx.mc, "CL", n)).collect();
    Ok(list(cx.mc, &names))
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

/// (%gf-cache-add gf args emf [raw skip valid]): remembers EMF for
/// arguments like ARGS. With RAW, EMF is the wrapper checking the keyword
/// arguments after the first SKIP against VALID before calling RAW: the
/// cache checks them itself and calls RAW when they are valid.
fn gf_cache_add<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let fi = funcallable(cx, args[0])?;
    let actual: Vec<Value<'gc>> = ListIter(args[1]).collect();
    let check = match args.get(3..6) {
        Some([raw, skip, valid]) if !raw.is_nil() => {
            Some(KeyCheck { skip: skip_count(cx, *skip)?, valid: ListIter(*valid).collect(), raw: *raw })
        }
        _ => None,
    };
    let mc = cx.mc;
    unlock!(Gc::write(mc, fi), Funcallable, cache).borrow_mut().add(cx, &actual, args[2], check);
    Ok(args[2])
}

/// (%invalid-keyword args skip valid): what is wrong with the keyword
/// arguments of a generic-function call (CLHS 7.6.5), those of ARGS after
/// the first SKIP: NIL when nothing, T for an odd number of them, else a
/// list of the first keyword not in VALID (unless :ALLOW-OTHER-KEYS is
/// true, as its first occurrence says).
fn invalid_keyword<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let skip = skip_count(cx, args[1])?;
    let plist: Vec<Value<'gc>> = ListIter(args[0]).skip(skip).collect();
    Ok(match crate::clos::dispatch::keyword_problem(cx, &plist, |k| ListIter(args[2]).any(|v| v.eq(k))) {
        None => Value::Nil,
        Some(None) => cx.g.t,
        Some(Some(key)) => list(cx.mc, &[key]),
    })
}

fn skip_count<'gc>(cx: &mut Cx<'gc, '_>, v: Value<'gc>) -> Result<usize, Ctl<'gc>> {
    match v {
        Value::Fixnum(n) if n >= 0 => Ok(n as usize),
        other => Err(cx.type_error(other, cx.g.s.fixnum.into())),
    }
}

/// The value of the slot `name` of `obj`, `Value::Unbound` when unbound,
/// or `None` when the fast path does not apply (see `fast_slot` and
/// `fast_shared_slot`).
fn fast_slot_value<'gc>(cx: &Cx<'gc, '_>, obj: Value<'gc>, name: Value<'gc>) -> Option<Value<'gc>> {
    if let Some((i, k)) = fast_slot(obj, name) {
        return Some(i.slots.borrow()[k]);
    }
    let cell = fast_shared_slot(obj, name)?;
    let marker = cx.g.intern_in(cx.mc, "SYS", "*UNBOUND-SLOT*");
    let marker = cx.g.sym(marker).map(|s| s.value())?;
    let v = cell.cdr();
    Some(if v.eq(marker) { Value::Unbound } else { v })
}

fn slot_value<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    match fast_slot_value(cx, args[0], args[1]) {
        Some(v) if !v.is_unbound() => Ok(v),
        _ => Err(Ctl::TailCall(cx.g.intern_in(cx.mc, "SYS", "%SLOT-VALUE-SLOW"), args.to_vec())),
    }
}

fn slot_boundp<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    match fast_slot_value(cx, args[0], args[1]) {
        Some(v) => Ok(Value::bool(!v.is_unbound(), cx.g.t)),
        None => Err(Ctl::TailCall(cx.g.intern_in(cx.mc, "SYS", "%SLOT-BOUNDP-SLOW"), args.to_vec())),
    }
}

/// (%set-slot-value object slot-name value)
fn set_slot_value<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    if let Some((i, k)) = fast_slot(args[0], args[1]) {
        unlock!(Gc::write(cx.mc, i), Instance, slots).borrow_mut()[k] = args[2];
        return Ok(args[2]);
    }
    Err(Ctl::TailCall(cx.g.intern_in(cx.mc, "SYS", "%SET-SLOT-VALUE-SLOW"), args.to_vec()))
}

/// (%initialize-slots instance class slot-names initargs): the work of
/// SHARED-INITIALIZE (CLHS 7.1.4). Each slot takes the value of the first
/// of its initargs present in INITARGS; otherwise, when it is unbound and
/// named by SLOT-NAMES (T: all), the value of its initfunction. Slots are
/// at their definition's location: an instance position, or the cons of a
/// class slot (whose cdr is sys::*unbound-slot* while unbound).
fn initialize_slots<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let (obj, class, names, initargs) = (args[0], args[1], args[2], args[3]);
    let plist: Vec<Value<'gc>> = ListIter(initargs).collect();
    if plist.len() % 2 != 0 || plist.chunks(2).any(|p| !p[0].is_symbol()) {
        let shown = crate::printer::to_string(cx, initargs, true).unwrap_or_default();
        return Err(cx.program_error(&format!("Malformed initialization arguments {shown}: not a property list of symbols.")));
    }
    let Some(inst) = crate::clos::as_instance(obj) else { return Err(cx.type_error(obj, cx.g.intern_in(cx.mc, "CL", "STANDARD-OBJECT"))) };
    let unbound = cx.g.intern_in(cx.mc, "SYS", "*UNBOUND-SLOT*");
    let unbound = cx.g.sym(unbound).map(|s| s.value()).unwrap_or(Value::Unbound);
    for slotd in ListIter(crate::clos::class_slot(class, CLASS_SLOTS)) {
        let field = |k| crate::clos::class_slot(slotd, k);
        let location = field(SLOTD_LOCATION);
        let slot_initargs = field(SLOTD_INITARGS);
        let given = plist.chunks(2).find(|p| ListIter(slot_initargs).any(|ia| ia.eq(p[0]))).map(|p| p[1]);
        let value = match given {
            Some(v) => v,
            None => {
                let init = field(SLOTD_INITFUNCTION);
                let named = names.eq(cx.g.t) || ListIter(names).any(|n| n.eq(field(SLOTD_NAME)));
                let bound = match location {
                    Value::Fixnum(k) => inst.slots.borrow().get(k as usize).is_some_and(|v| !v.is_unbound()),
                    Value::Cons(c) => !c.cdr().eq(unbound),
                    _ => true,
                };
                if init.is_nil() || !named || bound {
                    continue;
                }
                cx.call1(init, &[])?
            }
        };
        match location {
            Value::Fixnum(k) if (k as usize) < inst.slots.borrow().len() => {
                unlock!(Gc::write(cx.mc, inst), Instance, slots).borrow_mut()[k as usize] = value;
            }
            Value::Cons(c) => crate::heap::cons::Cons::set_cdr(c, cx.mc, value),
            _ => return Err(cx.error_fmt("bad slot location ~S in ~S", &[location, slotd])),
        }
    }
    Ok(obj)
}

/// (%allocate class): a new instance of CLASS with its slots unbound and
/// its layout in slot 0 (funcallable when the layout says so).
fn allocate<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let class = args[0];
    let layout = crate::clos::class_slot(class, crate::clos::CLASS_LAYOUT);
    let Value::Cons(l) = layout else { return Err(cx.error_fmt("~S is not a class with a layout", &[class])) };
    let n = ListIter(l.cdr()).count() + 1;
    let mut slots = vec![Value::Unbound; n];
    slots[0] = layout;
    let inst = Instance::new(cx.mc, class, slots);
    let funcallable = cx.g.intern_in(cx.mc, "KEYWORD", "FUNCALLABLE");
    Ok(if l.car().eq(funcallable) { Funcallable::new(cx.mc, inst, Value::Nil, Value::Nil) } else { Value::Instance(inst) })
}

/// (%check-initargs-against class valid initargs): a program-error unless
/// every initarg is in VALID (T: any), or :allow-other-keys is true.
fn check_initargs_against<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let (class, valid, initargs) = (args[0], args[1], args[2]);
    if valid.eq(cx.g.t) {
        return Ok(Value::Nil);
    }
    let plist: Vec<Value<'gc>> = ListIter(initargs).collect();
    let aok = cx.g.s.kw_allow_other_keys;
    if plist.chunks(2).find(|p| aok.is(p[0])).is_some_and(|p| p.get(1).is_some_and(|v| v.truthy())) {
        return Ok(Value::Nil);
    }
    for p in plist.chunks(2) {
        if !aok.is(p[0]) && !ListIter(valid).any(|v| v.eq(p[0])) {
            let name = crate::clos::class_slot(class, crate::clos::CLASS_NAME);
            let (key, name) = (crate::printer::to_string(cx, p[0], true).unwrap_or_default(), crate::printer::to_string(cx, name, true).unwrap_or_default());
            return Err(cx.program_error(&format!("{key} is not a valid initialization argument for the class {name}.")));
        }
    }
    Ok(Value::Nil)
}

