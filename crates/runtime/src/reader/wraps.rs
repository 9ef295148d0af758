//! Finishing the frames that wait for one object: quote-like forms,
//! backquote and commas, `#.`, `#n=`, `#c`, `#nA`, `#+`/`#-`; and building
//! `#(` vectors.

use gc_arena::{Gc, RefLock};
use num_bigint::BigInt;
use num_traits::ToPrimitive;

use super::features::featurep;
use super::machine::{Reader, Res, Step, Wrap};
use super::sharp::MAX_LENGTH;
use crate::heap::array::{make_vector, ArrayData, Storage};
use crate::heap::cons::{list, list_to_vec};
use crate::heap::number::Complex;
use crate::heap::Value;
use crate::vm::Cx;

impl<'gc> Reader<'gc> {
    /// The object `v` for wrapper `w` was read.
    pub fn finish(&mut self, cx: &mut Cx<'gc, '_>, w: Wrap<'gc>, v: Value<'gc>) -> Res<'gc, Step<'gc>> {
        let s = &cx.g.s;
        if self.suppressing(cx) && matches!(w, Wrap::Form(_) | Wrap::Comma(_) | Wrap::Backquote) {
            return Ok(Step::Value(Value::Nil));
        }
        Ok(match w {
            Wrap::Form(sym) | Wrap::Comma(sym) => Step::Value(list(cx.mc, &[sym, v])),
            Wrap::Backquote => {
                if self.is_splice(cx, v) {
                    return Err(self.error(cx, "a splicing comma right after a backquote (`,@x) is not well-formed"));
                }
                Step::Value(list(cx.mc, &[s.quasiquote.into(), v]))
            }
            Wrap::Pass => Step::Value(v),
            Wrap::Eval => {
                if self.suppressing(cx) {
                    Step::Value(Value::Nil)
                } else {
                    Step::Value(cx.call1(s.eval.into(), &[v])?)
                }
            }
            Wrap::Label { n, placeholder } => match self.state.resolve(cx, n, placeholder, v) {
                Some(v) => Step::Value(v),
                None => return Err(self.error(cx, "a #n= label refers only to itself")),
            },
            Wrap::Complex => Step::Value(if self.suppressing(cx) { Value::Nil } else { self.complex(cx, v)? }),
            Wrap::Array(rank) => {
                Step::Value(if self.suppressing(cx) { Value::Nil } else { self.array(cx, v, rank as usize)? })
            }
            Wrap::Feature { plus, package, suppress } => {
                s.package.set(cx.mc, package);
                s.read_suppress.set(cx.mc, suppress);
                let keep = match featurep(cx, v) {
                    Ok(b) => b == plus,
                    Err(_) if suppress.truthy() => false,
                    Err(msg) => return Err(self.error(cx, &msg)),
                };
                if keep {
                    self.push_wrap(cx, Wrap::Pass)?;
                } else {
                    self.push_wrap(cx, Wrap::Skip { suppress })?;
                    s.read_suppress.set(cx.mc, cx.g.t);
                }
                Step::Continue
            }
            Wrap::Skip { suppress } => {
                s.read_suppress.set(cx.mc, suppress);
                Step::Nothing
            }
        })
    }

    /// `#(...)` and `#n(...)`: a short list is filled with its last element.
    pub fn vector(&self, cx: &Cx<'gc, '_>, mut items: Vec<Value<'gc>>, n: Option<u64>) -> Res<'gc, Value<'gc>> {
        if let Some(len) = n {
            if len > MAX_LENGTH {
                return Err(self.error(cx, &format!("vector length {len} is too large")));
            }
            let len = len as usize;
            if items.len() > len {
                return Err(self.error(cx, &format!("vector longer than the specified length {len}")));
            }
            match items.last().copied() {
                Some(last) => items.resize(len, last),
                None if len > 0 => {
                    return Err(self.error(cx, &format!("#{len}() has no element to fill the vector with")))
                }
                None => {}
            }
        }
        Ok(make_vector(cx.mc, items))
    }

    /// `#c(re im)`: a complex, or the rational when the imaginary part is
    /// an exact zero.
    fn complex(&self, cx: &Cx<'gc, '_>, v: Value<'gc>) -> Res<'gc, Value<'gc>> {
        let parts = list_to_vec(v).ok().filter(|p| p.len() == 2 && p.iter().all(|x| is_real(*x)));
        let Some(parts) = parts else {
            return Err(self.error(cx, "#C must be followed by a list of two real numbers"));
        };
        let (re, im) = (parts[0], parts[1]);
        let rational = |x: Value<'gc>| matches!(x, Value::Fixnum(_) | Value::Bignum(_) | Value::Ratio(_));
        let (re, im) = if rational(re) && rational(im) {
            if matches!(im, Value::Fixnum(0)) {
                return Ok(re);
            }
            (re, im)
        } else if matches!(re, Value::Double(_)) || matches!(im, Value::Double(_)) {
            (Value::Double(to_f64(re)), Value::Double(to_f64(im)))
        } else {
            let (a, b) = (to_f64(re) as f32, to_f64(im) as f32);
            if a.is_infinite() || b.is_infinite() {
                return Err(self.error(cx, "floating-point overflow in #C"));
            }
            (Value::Single(a), Value::Single(b))
        };
        Ok(Value::Complex(Gc::new(cx.mc, Complex { re, im })))
    }

    /// `#nA contents`: the dimensions come from the nesting of sequences.
    fn array(&self, cx: &Cx<'gc, '_>, contents: Value<'gc>, rank: usize) -> Res<'gc, Value<'gc>> {
        if rank == 1 {
            let items = self.elements(cx, contents)?;
            return Ok(make_vector(cx.mc, items));
        }
        let mut dims = Vec::with_capacity(rank);
        let mut x = Some(contents);
        for _ in 0..rank {
            match x {
                Some(seq) => {
                    let items = self.elements(cx, seq)?;
                    dims.push(items.len());
                    x = items.first().copied();
                }
                None => dims.push(0),
            }
        }
        let mut flat = Vec::new();
        let mut todo = vec![(contents, 0usize)];
        while let Some((v, level)) = todo.pop() {
            if level == rank {
                flat.push(v);
                continue;
            }
            let items = self.elements(cx, v)?;
            if items.len() != dims[level] {
                return Err(self.error(cx, &format!("#{rank}A contents do not match the dimensions {dims:?}")));
            }
            todo.extend(items.into_iter().rev().map(|i| (i, level + 1)));
        }
        let data =
            ArrayData { storage: Storage::T(flat), dims: Some(dims), fill: None, adjustable: false, displaced: None };
        Ok(Value::Array(Gc::new(cx.mc, RefLock::new(data))))
    }

    /// The elements of a list or vector in `#nA` contents.
    fn elements(&self, cx: &Cx<'gc, '_>, seq: Value<'gc>) -> Res<'gc, Vec<Value<'gc>>> {
        match seq {
            Value::Nil | Value::Cons(_) => {
                list_to_vec(seq).map_err(|_| self.error(cx, "#A contents must be proper lists"))
            }
            Value::Array(a) => {
                let d = a.borrow();
                if !d.is_vector() {
                    return Err(self.error(cx, "#A contents must be sequences"));
                }
                Ok((0..d.length().min(d.storage.len())).map(|i| d.storage.get(i)).collect())
            }
            _ => Err(self.error(cx, "#A contents must be sequences")),
        }
    }
}

fn is_real(v: Value<'_>) -> bool {
    matches!(v, Value::Fixnum(_) | Value::Bignum(_) | Value::Ratio(_) | Value::Single(_) | Value::Double(_))
}

/// A real as the nearest double (rationals beyond the range become infinite).
fn to_f64(v: Value<'_>) -> f64 {
    match v {
        Value::Fixnum(n) => n as f64,
        Value::Bignum(b) => b.0.to_f64().unwrap_or(f64::NAN),
        Value::Ratio(r) => ratio_to_f64(&r.num, &r.den),
        Value::Single(f) => f as f64,
        Value::Double(d) => d,
        _ => f64::NAN,
    }
}

/// num/den with about 64 significant bits before rounding to a double.
fn ratio_to_f64(num: &BigInt, den: &BigInt) -> f64 {
    let shift = 64 - (num.bits() as i64 - den.bits() as i64);
    let q = if shift >= 0 { (num << shift as usize) / den } else { num / (den << (-shift) as usize) };
    let m = q.to_f64().unwrap_or(0.0);
    // Scale by 2^-shift in two steps so intermediate powers stay finite.
    let e = (-shift).clamp(-4000, 4000) as i32;
    m * 2f64.powi(e / 2) * 2f64.powi(e - e / 2)
}
