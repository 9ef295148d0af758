//! Arrays (CLHS 15): MAKE-ARRAY, element access (AREF, ROW-MAJOR-AREF,
//! SVREF and their setters), the array queries and predicates, VECTOR,
//! UPGRADED-ARRAY-ELEMENT-TYPE and the array limit constants.

use gc_arena::{Gc, Mutation, RefLock};

use super::seq_access::{add_debt, elem_type_spec, items_of, vector_set};
use super::seq_args::{check_index, check_index_below, index_error, parse_keys};
use super::seq_types::upgrade;
use crate::heap::array::{displaced_onto, new_array, Array, ArrayData, ElemType, Storage};
use crate::heap::package::export;
use crate::heap::symbol::{flags, Symbol};
use crate::heap::{list, Globals, Value};
use crate::vm::{Ctl, Cx, R};

crate::natives! {
    CL "MAKE-ARRAY" 1 * => make_array;
    CL "AREF" 1 * => aref;
    SYS "%ASET" 2 * => aset;
    CL "ROW-MAJOR-AREF" 2 2 => row_major_aref;
    SYS "%SET-ROW-MAJOR-AREF" 3 3 => set_row_major_aref;
    CL "SVREF" 2 2 => svref;
    SYS "%SET-SVREF" 3 3 => set_svref;
    CL "ARRAY-DIMENSIONS" 1 1 => array_dimensions;
    CL "ARRAY-DIMENSION" 2 2 => array_dimension;
    CL "ARRAY-RANK" 1 1 => array_rank;
    CL "ARRAY-TOTAL-SIZE" 1 1 => array_total_size;
    CL "ARRAY-IN-BOUNDS-P" 1 * => array_in_bounds_p;
    CL "ARRAY-ROW-MAJOR-INDEX" 1 * => array_row_major_index;
    CL "ARRAY-ELEMENT-TYPE" 1 1 => array_element_type;
    CL "ARRAY-HAS-FILL-POINTER-P" 1 1 => array_has_fill_pointer_p;
    CL "ARRAY-DISPLACEMENT" 1 1 => array_displacement;
    CL "ADJUSTABLE-ARRAY-P" 1 1 => adjustable_array_p;
    CL "ARRAYP" 1 1 => arrayp;
    CL "VECTORP" 1 1 => vectorp;
    CL "SIMPLE-VECTOR-P" 1 1 => simple_vector_p;
    CL "BIT-VECTOR-P" 1 1 => bit_vector_p;
    CL "SIMPLE-BIT-VECTOR-P" 1 1 => simple_bit_vector_p;
    CL "VECTOR" 0 * => vector;
    CL "UPGRADED-ARRAY-ELEMENT-TYPE" 1 2 => upgraded_array_element_type;
}

/// SBCL's values for the array limits.
pub const ARRAY_RANK_LIMIT: usize = 129;
pub const ARRAY_DIMENSION_LIMIT: i64 = 4611686018427387901;
/// The most memory one array may ask for; larger requests signal
/// `storage-condition` instead of aborting the process.
pub const MAX_ARRAY_BYTES: usize = 1 << 33;

/// Defines ARRAY-RANK-LIMIT, ARRAY-DIMENSION-LIMIT and ARRAY-TOTAL-SIZE-LIMIT.
pub fn init<'gc>(mc: &Mutation<'gc>, g: &Globals<'gc>) {
    for (name, v) in [
        ("ARRAY-RANK-LIMIT", ARRAY_RANK_LIMIT as i64),
        ("ARRAY-DIMENSION-LIMIT", ARRAY_DIMENSION_LIMIT),
        ("ARRAY-TOTAL-SIZE-LIMIT", ARRAY_DIMENSION_LIMIT),
    ] {
        let sym = g.intern_in(mc, "CL", name);
        if let Some(s) = g.sym(sym) {
            Symbol::set_value(s, mc, Value::Fixnum(v));
            s.set_flag(flags::CONSTANT | flags::SPECIAL, true);
        }
        let _ = export(g.p.cl, mc, sym);
    }
}

/// Checks an array argument.
pub fn check_array<'gc>(cx: &Cx<'gc, '_>, v: Value<'gc>) -> Result<Gc<'gc, Array<'gc>>, Ctl<'gc>> {
    match v {
        Value::Array(a) => Ok(a),
        _ => Err(cx.type_error(v, cx.g.s.array.into())),
    }
}

/// Checks a vector argument (an array of rank 1).
pub fn check_vector<'gc>(cx: &Cx<'gc, '_>, v: Value<'gc>) -> Result<Gc<'gc, Array<'gc>>, Ctl<'gc>> {
    match v {
        Value::Array(a) if a.borrow().is_vector() => Ok(a),
        _ => Err(cx.type_error(v, cx.g.s.vector_type.into())),
    }
}

/// Parses a dimension designator: a size or a list of sizes.
pub fn dimensions<'gc>(cx: &Cx<'gc, '_>, v: Value<'gc>) -> Result<Vec<usize>, Ctl<'gc>> {
    let bad = || {
        let t = cx.g.intern_in(cx.mc, "CL", "OR");
        let idx = list(cx.mc, &[cx.g.intern_in(cx.mc, "CL", "MOD"), Value::Fixnum(ARRAY_DIMENSION_LIMIT)]);
        cx.type_error(v, list(cx.mc, &[t, cx.g.s.list_type.into(), idx]))
    };
    let dim = |d: Value<'gc>| match d {
        Value::Fixnum(n) if (0..ARRAY_DIMENSION_LIMIT).contains(&n) => Ok(n as usize),
        _ => Err(bad()),
    };
    match v {
        Value::Fixnum(_) => Ok(vec![dim(v)?]),
        Value::Nil | Value::Cons(_) => {
            let items = super::seq_access::list_items(cx, v)?;
            if items.len() >= ARRAY_RANK_LIMIT {
                return Err(cx.error_fmt("too many dimensions (~D) for an array", &[Value::Fixnum(items.len() as i64)]));
            }
            items.into_iter().map(dim).collect()
        }
        _ => Err(bad()),
    }
}

/// The total size of `dims`, refusing sizes no memory could hold.
pub fn checked_size<'gc>(cx: &Cx<'gc, '_>, dims: &[usize], et: ElemType) -> Result<usize, Ctl<'gc>> {
    let too_big = || cx.storage_condition("array too large to allocate");
    let n = dims.iter().try_fold(1usize, |acc, &d| acc.checked_mul(d)).ok_or_else(too_big)?;
    match n.checked_mul(et.elem_bytes()) {
        Some(bytes) if bytes <= MAX_ARRAY_BYTES => {
            crate::heap::limit::check_room(cx, bytes, "an array")?;
            Ok(n)
        }
        _ => Err(too_big()),
    }
}

/// Storage of `n` elements, each `init`, with the allocation accounted to the GC.
pub fn alloc_storage<'gc>(cx: &Cx<'gc, '_>, et: ElemType, n: usize, init: Value<'gc>) -> Result<Storage<'gc>, Ctl<'gc>> {
    use crate::heap::array::AccessError;
    match Storage::filled(et, n, init) {
        Ok(s) => {
            add_debt(cx, n, et);
            Ok(s)
        }
        Err(AccessError::Type) => Err(cx.type_error(init, elem_type_spec(cx, et))),
        Err(AccessError::Bounds) => Err(cx.storage_condition("array too large to allocate")),
    }
}

/// Flattens nested :initial-contents for an array of dimensions `dims` in
/// row-major order (the recursion is bounded by the rank limit).
pub fn flatten_contents<'gc>(cx: &Cx<'gc, '_>, contents: Value<'gc>, dims: &[usize], out: &mut Vec<Value<'gc>>) -> Result<(), Ctl<'gc>> {
    let Some((&d, rest)) = dims.split_first() else {
        out.push(contents);
        return Ok(());
    };
    let items = items_of(cx, contents)?;
    if items.len() != d {
        return Err(cx.error_fmt(
            "malformed :INITIAL-CONTENTS: ~S has ~D elements where ~D were expected",
            &[contents, Value::Fixnum(items.len() as i64), Value::Fixnum(d as i64)],
        ));
    }
    for it in items {
        flatten_contents(cx, it, rest, out)?;
    }
    Ok(())
}

/// Resolves a :displaced-to / :displaced-index-offset pair for an array
/// of `size` elements of type `et`.
pub fn displacement<'gc>(
    cx: &Cx<'gc, '_>,
    target: Value<'gc>,
    offset: Option<Value<'gc>>,
    size: usize,
    et: ElemType,
) -> Result<(Gc<'gc, Array<'gc>>, usize), Ctl<'gc>> {
    let t = check_array(cx, target)?;
    let off = match offset {
        None | Some(Value::Nil) => 0,
        Some(v) => check_index(cx, v)?,
    };
    let td = t.borrow();
    if td.elem_type() != et {
        return Err(cx.error_fmt(
            "can't displace an array of type ~S into another of type ~S",
            &[elem_type_spec(cx, et), elem_type_spec(cx, td.elem_type())],
        ));
    }
    if off.checked_add(size).is_none_or(|end| end > td.total_size()) {
        return Err(cx.simple_error("the :DISPLACED-TO array is too small"));
    }
    Ok((t, off))
}

/// A fill pointer argument for a vector of `size` elements.
pub fn fill_pointer_arg<'gc>(cx: &Cx<'gc, '_>, v: Value<'gc>, size: usize) -> Result<Option<usize>, Ctl<'gc>> {
    match v {
        Value::Nil => Ok(None),
        Value::Fixnum(n) if n >= 0 && n as u64 <= size as u64 => Ok(Some(n as usize)),
        Value::Fixnum(_) => Err(cx.error_fmt(
            "can't supply a value for :FILL-POINTER (~S) that is larger than the size of the vector (~D)",
            &[v, Value::Fixnum(size as i64)],
        )),
        _ if v.eq(cx.g.t) => Ok(Some(size)),
        _ => Err(cx.type_error(v, super::seq_args::integer_type(cx, 0, Value::Fixnum(size as i64)))),
    }
}

fn make_array<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let [etype, init_elem, init_contents, adjustable, fill, displaced_to, offset] = parse_keys(
        cx,
        &args[1..],
        [
            "ELEMENT-TYPE",
            "INITIAL-ELEMENT",
            "INITIAL-CONTENTS",
            "ADJUSTABLE",
            "FILL-POINTER",
            "DISPLACED-TO",
            "DISPLACED-INDEX-OFFSET",
        ],
    )?;
    let dims = dimensions(cx, args[0])?;
    let et = match etype {
        Some(t) => {
            let t = crate::builtins::types::spec::expand_storage_type(cx, t)?;
            upgrade(cx, t)
        }
        None => ElemType::T,
    };
    if init_elem.is_some() && init_contents.is_some() {
        return Err(cx.simple_error("can't specify both :INITIAL-ELEMENT and :INITIAL-CONTENTS"));
    }
    let displaced_to = displaced_to.filter(|v| v.truthy());
    if displaced_to.is_some() && (init_elem.is_some() || init_contents.is_some()) {
        return Err(cx.simple_error("can't specify :DISPLACED-TO with :INITIAL-ELEMENT or :INITIAL-CONTENTS"));
    }
    if displaced_to.is_none() && offset.is_some_and(|v| v.truthy()) {
        return Err(cx.simple_error("can't specify :DISPLACED-INDEX-OFFSET without :DISPLACED-TO"));
    }
    let size = checked_size(cx, &dims, et)?;
    let fill = match fill {
        Some(f) if f.truthy() => {
            if dims.len() != 1 {
                return Err(cx.simple_error("only vectors can have fill pointers"));
            }
            fill_pointer_arg(cx, f, size)?
        }
        _ => None,
    };
    let adjustable = adjustable.is_some_and(|v| v.truthy());
    let data = if let Some(target) = displaced_to {
        let disp = displacement(cx, target, offset, size, et)?;
        ArrayData { storage: Storage::empty(et), dims: Some(dims), fill, adjustable, displaced: Some(disp) }
    } else {
        let storage = match init_contents {
            Some(c) => {
                let mut flat = Vec::new();
                flatten_contents(cx, c, &dims, &mut flat)?;
                super::seq_access::check_items(cx, et, &flat)?;
                add_debt(cx, flat.len(), et);
                Storage::from_values(et, &flat)
            }
            None => alloc_storage(cx, et, size, init_elem.unwrap_or(et.default_elem()))?,
        };
        let dims = if dims.len() == 1 { None } else { Some(dims) };
        ArrayData { storage, dims, fill, adjustable, displaced: None }
    };
    Ok(Value::Array(Gc::new(cx.mc, RefLock::new(data))))
}

/// The row-major index of `subs` in an array of dimensions `dims`.
pub fn row_major_index<'gc>(cx: &Cx<'gc, '_>, a: Value<'gc>, dims: &[usize], subs: &[Value<'gc>]) -> Result<usize, Ctl<'gc>> {
    if subs.len() != dims.len() {
        return Err(cx.error_fmt(
            "wrong number of subscripts, ~D, for array ~S of rank ~D",
            &[Value::Fixnum(subs.len() as i64), a, Value::Fixnum(dims.len() as i64)],
        ));
    }
    let mut idx = 0usize;
    for (&d, &s) in dims.iter().zip(subs) {
        let i = check_index_below(cx, s, d)?;
        idx = idx * d + i;
    }
    Ok(idx)
}

/// The element at row-major index `i` of `a` (checked).
pub fn element<'gc>(cx: &Cx<'gc, '_>, a: Gc<'gc, Array<'gc>>, i: usize) -> R<'gc> {
    let d = a.borrow();
    if i >= d.total_size() {
        return Err(index_error(cx, Value::Fixnum(i as i64), d.total_size()));
    }
    d.get(i).ok_or_else(|| super::seq_access::invalidated(cx, a))
}

fn subscripts_index<'gc>(cx: &Cx<'gc, '_>, a: Gc<'gc, Array<'gc>>, subs: &[Value<'gc>]) -> Result<usize, Ctl<'gc>> {
    let d = a.borrow();
    match (&d.dims, subs) {
        (None, [s]) => check_index_below(cx, *s, d.storage.len()),
        _ => {
            let dims = d.dimensions();
            drop(d);
            row_major_index(cx, Value::Array(a), &dims, subs)
        }
    }
}

fn aref<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let a = check_array(cx, args[0])?;
    let i = subscripts_index(cx, a, &args[1..])?;
    element(cx, a, i)
}

/// `(setf aref)`: arguments are the array, the new value, then the subscripts.
fn aset<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let a = check_array(cx, args[0])?;
    let i = subscripts_index(cx, a, &args[2..])?;
    vector_set(cx, a, i, args[1])?;
    Ok(args[1])
}

fn row_major_aref<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let a = check_array(cx, args[0])?;
    let i = check_index_below(cx, args[1], a.borrow().total_size())?;
    element(cx, a, i)
}

/// `(setf row-major-aref)`: array, index, new value.
fn set_row_major_aref<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let a = check_array(cx, args[0])?;
    let i = check_index_below(cx, args[1], a.borrow().total_size())?;
    vector_set(cx, a, i, args[2])?;
    Ok(args[2])
}

fn check_simple_vector<'gc>(cx: &Cx<'gc, '_>, v: Value<'gc>) -> Result<Gc<'gc, Array<'gc>>, Ctl<'gc>> {
    match v {
        Value::Array(a) if is_simple_vector(&a.borrow()) => Ok(a),
        _ => Err(cx.type_error(v, cx.g.s.simple_vector.into())),
    }
}

fn is_simple_vector(d: &ArrayData<'_>) -> bool {
    d.is_vector() && d.is_simple() && d.elem_type() == ElemType::T
}

fn svref<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let a = check_simple_vector(cx, args[0])?;
    let d = a.borrow();
    let i = check_index_below(cx, args[1], d.storage.len())?;
    Ok(d.storage.get(i))
}

/// `(setf svref)`: vector, index, new value.
fn set_svref<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let a = check_simple_vector(cx, args[0])?;
    let i = check_index_below(cx, args[1], a.borrow().storage.len())?;
    let _ = a.borrow_mut(cx.mc).storage.set(i, args[2]);
    Ok(args[2])
}

fn array_dimensions<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let a = check_array(cx, args[0])?;
    let dims: Vec<Value<'gc>> = a.borrow().dimensions().iter().map(|&d| Value::Fixnum(d as i64)).collect();
    Ok(list(cx.mc, &dims))
}

fn array_dimension<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let a = check_array(cx, args[0])?;
    let dims = a.borrow().dimensions();
    let axis = check_index_below(cx, args[1], dims.len())?;
    Ok(Value::Fixnum(dims[axis] as i64))
}

fn array_rank<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let a = check_array(cx, args[0])?;
    let r = a.borrow().rank();
    Ok(Value::Fixnum(r as i64))
}

fn array_total_size<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let a = check_array(cx, args[0])?;
    let n = a.borrow().total_size();
    Ok(Value::Fixnum(n as i64))
}

fn array_in_bounds_p<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let a = check_array(cx, args[0])?;
    let dims = a.borrow().dimensions();
    let subs = &args[1..];
    if subs.len() != dims.len() {
        return Err(cx.error_fmt(
            "wrong number of subscripts, ~D, for array of rank ~D",
            &[Value::Fixnum(subs.len() as i64), Value::Fixnum(dims.len() as i64)],
        ));
    }
    let mut ok = true;
    for (&d, &s) in dims.iter().zip(subs) {
        match s {
            Value::Fixnum(i) => ok &= i >= 0 && (i as u64) < d as u64,
            Value::Bignum(_) => ok = false,
            _ => return Err(cx.type_error(s, cx.g.s.integer.into())),
        }
    }
    Ok(cx.bool(ok))
}

fn array_row_major_index<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let a = check_array(cx, args[0])?;
    let dims = a.borrow().dimensions();
    let i = row_major_index(cx, args[0], &dims, &args[1..])?;
    Ok(Value::Fixnum(i as i64))
}

fn array_element_type<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let a = check_array(cx, args[0])?;
    let et = a.borrow().elem_type();
    Ok(elem_type_spec(cx, et))
}

fn array_has_fill_pointer_p<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let a = check_array(cx, args[0])?;
    let f = a.borrow().fill.is_some();
    Ok(cx.bool(f))
}

fn array_displacement<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let a = check_array(cx, args[0])?;
    let disp = a.borrow().displaced;
    match disp {
        Some((t, off)) => cx.values(vec![Value::Array(t), Value::Fixnum(off as i64)]),
        None => cx.values(vec![Value::Nil, Value::Fixnum(0)]),
    }
}

fn adjustable_array_p<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let a = check_array(cx, args[0])?;
    let adj = a.borrow().adjustable;
    Ok(cx.bool(adj))
}

fn arrayp<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    Ok(cx.bool(matches!(args[0], Value::Array(_))))
}

fn vectorp<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    Ok(cx.bool(matches!(args[0], Value::Array(a) if a.borrow().is_vector())))
}

fn simple_vector_p<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    Ok(cx.bool(matches!(args[0], Value::Array(a) if is_simple_vector(&a.borrow()))))
}

/// True for vectors of bits (simple ones only when `simple`).
pub fn is_bit_vector(v: Value<'_>, simple: bool) -> bool {
    matches!(v, Value::Array(a) if {
        let d = a.borrow();
        d.is_vector() && d.elem_type() == ElemType::Bit && (!simple || d.is_simple())
    })
}

fn bit_vector_p<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    Ok(cx.bool(is_bit_vector(args[0], false)))
}

fn simple_bit_vector_p<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    Ok(cx.bool(is_bit_vector(args[0], true)))
}

fn vector<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    add_debt(cx, args.len(), ElemType::T);
    Ok(Value::Array(new_array(cx.mc, Storage::T(args.to_vec()))))
}

fn upgraded_array_element_type<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let spec = crate::builtins::types::spec::expand_storage_type(cx, args[0])?;
    let et = upgrade(cx, spec);
    Ok(elem_type_spec(cx, et))
}

/// True if making `a` displaced to `target` would create a displacement cycle.
pub fn would_cycle<'gc>(a: Gc<'gc, Array<'gc>>, target: Gc<'gc, Array<'gc>>) -> bool {
    displaced_onto(target, a)
}
