//! Bit arrays: BIT, SBIT and their setter, and the bitwise operations
//! BIT-AND ... BIT-NOT with their optional result argument.

use gc_arena::{Gc, RefLock};

use super::arrays::{element, row_major_index};
use super::seq_access::{add_debt, invalidated, vector_set};
use crate::heap::array::{Array, ArrayData, ElemType, Storage};
use crate::heap::{list, Value};
use crate::vm::{Ctl, Cx, R};

crate::natives! {
    CL "BIT" 1 * => bit;
    CL "SBIT" 1 * => sbit;
    SYS "%SET-BIT" 2 * => set_bit;
    CL "BIT-AND" 2 3 => bit_and;
    CL "BIT-IOR" 2 3 => bit_ior;
    CL "BIT-XOR" 2 3 => bit_xor;
    CL "BIT-EQV" 2 3 => bit_eqv;
    CL "BIT-NAND" 2 3 => bit_nand;
    CL "BIT-NOR" 2 3 => bit_nor;
    CL "BIT-ANDC1" 2 3 => bit_andc1;
    CL "BIT-ANDC2" 2 3 => bit_andc2;
    CL "BIT-ORC1" 2 3 => bit_orc1;
    CL "BIT-ORC2" 2 3 => bit_orc2;
    CL "BIT-NOT" 1 2 => bit_not;
}

/// Checks a bit array (a simple one when `simple`).
fn check_bits<'gc>(cx: &Cx<'gc, '_>, v: Value<'gc>, simple: bool) -> Result<Gc<'gc, Array<'gc>>, Ctl<'gc>> {
    match v {
        Value::Array(a) if a.borrow().elem_type() == ElemType::Bit && (!simple || a.borrow().is_simple()) => Ok(a),
        _ => {
            let name = if simple { "SIMPLE-ARRAY" } else { "ARRAY" };
            let ty = list(cx.mc, &[cx.g.intern_in(cx.mc, "CL", name), cx.g.intern_in(cx.mc, "CL", "BIT")]);
            Err(cx.type_error(v, ty))
        }
    }
}

fn bit_index<'gc>(cx: &Cx<'gc, '_>, a: Gc<'gc, Array<'gc>>, subs: &[Value<'gc>]) -> Result<usize, Ctl<'gc>> {
    let dims = a.borrow().dimensions();
    row_major_index(cx, Value::Array(a), &dims, subs)
}

fn bit<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let a = check_bits(cx, args[0], false)?;
    let i = bit_index(cx, a, &args[1..])?;
    element(cx, a, i)
}

fn sbit<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let a = check_bits(cx, args[0], true)?;
    let i = bit_index(cx, a, &args[1..])?;
    element(cx, a, i)
}

/// `(setf bit)` and `(setf sbit)`: the array, the new bit, then the subscripts.
fn set_bit<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let a = check_bits(cx, args[0], false)?;
    let i = bit_index(cx, a, &args[2..])?;
    vector_set(cx, a, i, args[1])?;
    Ok(args[1])
}

/// The bits of a bit array in row-major order.
fn bits_of<'gc>(cx: &Cx<'gc, '_>, a: Gc<'gc, Array<'gc>>) -> Result<Vec<u8>, Ctl<'gc>> {
    let d = a.borrow();
    match (&d.displaced, &d.storage) {
        (None, Storage::Bit(v)) => Ok(v.clone()),
        _ => {
            let items = d.elements(0, d.total_size()).ok_or_else(|| invalidated(cx, a))?;
            Ok(items.iter().map(|v| if let Value::Fixnum(b) = v { *b as u8 } else { 0 }).collect())
        }
    }
}

/// Applies `op` bitwise to the arrays in `args` (one or two, then the
/// optional result argument: NIL for a fresh array, T for the first
/// argument, or a bit array of the same dimensions).
fn bitwise<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>], nargs: usize, op: fn(u8, u8) -> u8) -> R<'gc> {
    let inputs: Vec<Gc<'gc, Array<'gc>>> = args[..nargs].iter().map(|&v| check_bits(cx, v, false)).collect::<Result<_, _>>()?;
    let dims = inputs[0].borrow().dimensions();
    let opt = args.get(nargs).copied().unwrap_or(Value::Nil);
    let result = match opt {
        Value::Nil => None,
        v if v.eq(cx.g.t) => Some(inputs[0]),
        v => Some(check_bits(cx, v, false)?),
    };
    let mut all = inputs.clone();
    all.extend(result);
    if all.iter().any(|a| a.borrow().dimensions() != dims) {
        let vals: Vec<Value<'gc>> = all.iter().map(|a| Value::Array(*a)).collect();
        return Err(cx.error_fmt("bit arrays ~S do not have the same dimensions", &[list(cx.mc, &vals)]));
    }
    let a = bits_of(cx, inputs[0])?;
    let b = if nargs == 2 { bits_of(cx, inputs[1])? } else { a.clone() };
    let out: Vec<u8> = a.iter().zip(&b).map(|(&x, &y)| op(x, y) & 1).collect();
    match result {
        Some(r) => {
            for (i, bit) in out.into_iter().enumerate() {
                vector_set(cx, r, i, Value::Fixnum(bit as i64))?;
            }
            Ok(Value::Array(r))
        }
        None => {
            add_debt(cx, out.len(), ElemType::Bit);
            let dims = if dims.len() == 1 { None } else { Some(dims) };
            let data = ArrayData { storage: Storage::Bit(out), dims, fill: None, adjustable: false, displaced: None };
            Ok(Value::Array(Gc::new(cx.mc, RefLock::new(data))))
        }
    }
}

fn bit_and<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    bitwise(cx, args, 2, |a, b| a & b)
}
fn bit_ior<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    bitwise(cx, args, 2, |a, b| a | b)
}
fn bit_xor<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    bitwise(cx, args, 2, |a, b| a ^ b)
}
fn bit_eqv<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    bitwise(cx, args, 2, |a, b| !(a ^ b))
}
fn bit_nand<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    bitwise(cx, args, 2, |a, b| !(a & b))
}
fn bit_nor<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    bitwise(cx, args, 2, |a, b| !(a | b))
}
fn bit_andc1<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    bitwise(cx, args, 2, |a, b| !a & b)
}
fn bit_andc2<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    bitwise(cx, args, 2, |a, b| a & !b)
}
fn bit_orc1<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    bitwise(cx, args, 2, |a, b| !a | b)
}
fn bit_orc2<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    bitwise(cx, args, 2, |a, b| a | !b)
}
fn bit_not<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    bitwise(cx, args, 1, |a, _| !a)
}
