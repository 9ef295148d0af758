//! Arrays that change: ADJUST-ARRAY (in place for adjustable arrays, so
//! every reference sees the change), fill pointers, VECTOR-PUSH,
//! VECTOR-PUSH-EXTEND and VECTOR-POP.

use gc_arena::{Gc, RefLock};

use super::arrays::{alloc_storage, check_array, check_vector, checked_size, dimensions, displacement, fill_pointer_arg, flatten_contents, would_cycle};
use super::seq_access::{add_debt, check_items, elem_type_spec, invalidated, vector_set};
use super::seq_args::{integer_type, parse_keys};
use super::seq_types::upgrade;
use crate::heap::array::{Array, ArrayData, Storage};
use crate::heap::{list, Value};
use crate::vm::{Ctl, Cx, R};

crate::natives! {
    CL "ADJUST-ARRAY" 2 * => adjust_array;
    CL "FILL-POINTER" 1 1 => fill_pointer;
    SYS "%SET-FILL-POINTER" 2 2 => set_fill_pointer;
    CL "VECTOR-PUSH" 2 2 => vector_push;
    CL "VECTOR-PUSH-EXTEND" 2 3 => vector_push_extend;
    CL "VECTOR-POP" 1 1 => vector_pop;
}

fn adjust_array<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let [etype, init_elem, init_contents, fill, displaced_to, offset] = parse_keys(
        cx,
        &args[2..],
        ["ELEMENT-TYPE", "INITIAL-ELEMENT", "INITIAL-CONTENTS", "FILL-POINTER", "DISPLACED-TO", "DISPLACED-INDEX-OFFSET"],
    )?;
    let a = check_array(cx, args[0])?;
    let dims = dimensions(cx, args[1])?;
    let (rank, et, old_fill, adjustable, old_dims) = {
        let d = a.borrow();
        (d.rank(), d.elem_type(), d.fill, d.adjustable, d.dimensions())
    };
    if dims.len() != rank {
        return Err(cx.error_fmt(
            "expected ~D new dimensions for array, but received ~D",
            &[Value::Fixnum(rank as i64), Value::Fixnum(dims.len() as i64)],
        ));
    }
    if let Some(t) = etype {
        let expanded = crate::builtins::types::spec::expand_storage_type(cx, t)?;
        if upgrade(cx, expanded) != et {
            return Err(cx.error_fmt("can't adjust an array of element type ~S to element type ~S", &[elem_type_spec(cx, et), t]));
        }
    }
    if init_elem.is_some() && init_contents.is_some() {
        return Err(cx.simple_error("can't specify both :INITIAL-ELEMENT and :INITIAL-CONTENTS"));
    }
    let displaced_to = displaced_to.filter(|v| v.truthy());
    if displaced_to.is_some() && (init_elem.is_some() || init_contents.is_some()) {
        return Err(cx.simple_error("can't specify :DISPLACED-TO with :INITIAL-ELEMENT or :INITIAL-CONTENTS"));
    }
    let size = checked_size(cx, &dims, et)?;
    let fill = match fill.filter(|v| v.truthy()) {
        Some(f) => {
            if old_fill.is_none() {
                return Err(cx.error_fmt("~S has no fill pointer to adjust", &[args[0]]));
            }
            fill_pointer_arg(cx, f, size)?
        }
        None => match old_fill {
            Some(f) if f > size => {
                return Err(cx.error_fmt(
                    "can't adjust vector ~S to a size (~D) smaller than its current fill pointer (~D)",
                    &[args[0], Value::Fixnum(size as i64), Value::Fixnum(f as i64)],
                ))
            }
            f => f,
        },
    };
    let data = if let Some(target) = displaced_to {
        let (t, off) = displacement(cx, target, offset, size, et)?;
        if would_cycle(a, t) {
            return Err(cx.simple_error("can't displace an array to itself"));
        }
        ArrayData { storage: Storage::empty(et), dims: Some(dims), fill, adjustable, displaced: Some((t, off)) }
    } else {
        let storage = match init_contents {
            Some(c) => {
                let mut flat = Vec::new();
                flatten_contents(cx, c, &dims, &mut flat)?;
                check_items(cx, et, &flat)?;
                add_debt(cx, flat.len(), et);
                Storage::from_values(et, &flat)
            }
            None => {
                let mut st = alloc_storage(cx, et, size, init_elem.unwrap_or(et.default_elem()))?;
                copy_common(cx, a, &old_dims, &dims, &mut st)?;
                st
            }
        };
        let dims = if dims.len() == 1 { None } else { Some(dims) };
        ArrayData { storage, dims, fill, adjustable, displaced: None }
    };
    if adjustable {
        *a.borrow_mut(cx.mc) = data;
        Ok(Value::Array(a))
    } else {
        Ok(Value::Array(Gc::new(cx.mc, RefLock::new(data))))
    }
}

/// Copies the elements of `a` whose subscripts are valid in both the old
/// and the new dimensions into `st` (laid out for `new`).
fn copy_common<'gc>(cx: &Cx<'gc, '_>, a: Gc<'gc, Array<'gc>>, old: &[usize], new: &[usize], st: &mut Storage<'gc>) -> Result<(), Ctl<'gc>> {
    let common: Vec<usize> = old.iter().zip(new).map(|(&o, &n)| o.min(n)).collect();
    if common.contains(&0) {
        return Ok(());
    }
    let src = a.borrow();
    let mut subs = vec![0usize; common.len()];
    loop {
        let (mut oi, mut ni) = (0usize, 0usize);
        for k in 0..subs.len() {
            oi = oi * old[k] + subs[k];
            ni = ni * new[k] + subs[k];
        }
        let v = src.get(oi).ok_or_else(|| invalidated(cx, a))?;
        let _ = st.set(ni, v);
        // Next subscript tuple in row-major order.
        let mut k = subs.len();
        loop {
            if k == 0 {
                return Ok(());
            }
            k -= 1;
            subs[k] += 1;
            if subs[k] < common[k] {
                break;
            }
            subs[k] = 0;
        }
    }
}

/// The vector and its fill pointer, or a type-error.
fn with_fill<'gc>(cx: &Cx<'gc, '_>, v: Value<'gc>) -> Result<(Gc<'gc, Array<'gc>>, usize), Ctl<'gc>> {
    let bad = || {
        let and = cx.g.intern_in(cx.mc, "CL", "AND");
        let sat = list(cx.mc, &[cx.g.intern_in(cx.mc, "CL", "SATISFIES"), cx.g.intern_in(cx.mc, "CL", "ARRAY-HAS-FILL-POINTER-P")]);
        cx.type_error(v, list(cx.mc, &[and, cx.g.s.vector_type.into(), sat]))
    };
    match v {
        Value::Array(a) => match a.borrow().fill {
            Some(f) => Ok((a, f)),
            None => Err(bad()),
        },
        _ => Err(bad()),
    }
}

fn fill_pointer<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let (_, f) = with_fill(cx, args[0])?;
    Ok(Value::Fixnum(f as i64))
}

/// `(setf fill-pointer)`: vector, new fill pointer.
fn set_fill_pointer<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let (a, _) = with_fill(cx, args[0])?;
    let size = a.borrow().total_size();
    match args[1] {
        Value::Fixnum(n) if n >= 0 && n as u64 <= size as u64 => {
            a.borrow_mut(cx.mc).fill = Some(n as usize);
            Ok(args[1])
        }
        v => Err(cx.type_error(v, integer_type(cx, 0, Value::Fixnum(size as i64)))),
    }
}

fn vector_push<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let v = check_vector(cx, args[1])?;
    let (a, f) = with_fill(cx, Value::Array(v))?;
    if f >= a.borrow().total_size() {
        return Ok(Value::Nil);
    }
    vector_set(cx, a, f, args[0])?;
    a.borrow_mut(cx.mc).fill = Some(f + 1);
    Ok(Value::Fixnum(f as i64))
}

fn vector_push_extend<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let v = check_vector(cx, args[1])?;
    let (a, f) = with_fill(cx, Value::Array(v))?;
    let ext = match args.get(2) {
        None => None,
        Some(Value::Fixnum(n)) if *n >= 1 => Some(*n as usize),
        Some(e) => {
            let star = cx.g.intern_in(cx.mc, "CL", "*");
            return Err(cx.type_error(*e, integer_type(cx, 1, star)));
        }
    };
    let (size, et) = {
        let d = a.borrow();
        (d.total_size(), d.elem_type())
    };
    if !et.accepts(args[0]) {
        return Err(cx.type_error(args[0], elem_type_spec(cx, et)));
    }
    if f >= size {
        let grow = ext.unwrap_or(size.max(16));
        let new_size = size.saturating_add(grow);
        checked_size(cx, &[new_size], et)?;
        extend_to(cx, a, new_size)?;
    }
    vector_set(cx, a, f, args[0])?;
    a.borrow_mut(cx.mc).fill = Some(f + 1);
    Ok(Value::Fixnum(f as i64))
}

/// Grows vector `a` in place to `n` elements, undoing any displacement.
fn extend_to<'gc>(cx: &Cx<'gc, '_>, a: Gc<'gc, Array<'gc>>, n: usize) -> Result<(), Ctl<'gc>> {
    let (et, old) = {
        let d = a.borrow();
        let old = match d.displaced {
            Some(_) => Some(d.elements(0, d.total_size()).ok_or_else(|| invalidated(cx, a))?),
            None => None,
        };
        (d.elem_type(), old)
    };
    add_debt(cx, n, et);
    let mut d = a.borrow_mut(cx.mc);
    if let Some(items) = old {
        d.storage = Storage::from_values(et, &items);
        d.displaced = None;
    }
    d.storage.resize(n, et.default_elem());
    d.dims = None;
    Ok(())
}

fn vector_pop<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let (a, f) = with_fill(cx, args[0])?;
    if f == 0 {
        return Err(cx.simple_error("there is nothing left to pop"));
    }
    let v = super::arrays::element(cx, a, f - 1)?;
    a.borrow_mut(cx.mc).fill = Some(f - 1);
    Ok(v)
}
