//! Primitives: hash tables (CLHS chapter 18). The table itself is
//! `heap::hash`; `maphash` is here, and `%hash-table-entries` gives the
//! Lisp-level iteration macros a snapshot to walk.

use gc_arena::Gc;

use super::args::{check_index, check_table, cl_sym, error_with, keys, type_spec};
use crate::heap::cons::cons;
use crate::heap::equal::sxhash as sxhash_of;
use crate::heap::function::FnKind;
use crate::heap::hash::{self as table, Test, Weakness};
use crate::heap::{list, Value};
use crate::vm::{Ctl, Cx, R};

crate::natives! {
    CL "MAKE-HASH-TABLE" 0 * => make_hash_table;
    CL "HASH-TABLE-P" 1 1 => hash_table_p;
    CL "GETHASH" 2 3 => gethash;
    SYS "%PUTHASH" 3 3 => puthash;
    CL "REMHASH" 2 2 => remhash;
    CL "CLRHASH" 1 1 => clrhash;
    CL "HASH-TABLE-COUNT" 1 1 => hash_table_count;
    CL "HASH-TABLE-TEST" 1 1 => hash_table_test;
    CL "HASH-TABLE-SIZE" 1 1 => hash_table_size;
    CL "HASH-TABLE-REHASH-SIZE" 1 1 => hash_table_rehash_size;
    CL "HASH-TABLE-REHASH-THRESHOLD" 1 1 => hash_table_rehash_threshold;
    CL "SXHASH" 1 1 => sxhash;
    CL "MAPHASH" 2 2 => maphash;
    SYS "%HASH-TABLE-ENTRIES" 1 1 => hash_table_entries;
    CLOVE "HASH-TABLE-WEAKNESS" 1 1 => hash_table_weakness;
}

/// The `:weakness` of a table and the keywords that name it (SBCL's).
const WEAKNESSES: [(&str, Weakness); 4] = [
    ("KEY", Weakness::Key),
    ("VALUE", Weakness::Value),
    ("KEY-AND-VALUE", Weakness::KeyAndValue),
    ("KEY-OR-VALUE", Weakness::KeyOrValue),
];

fn weakness_arg<'gc>(cx: &Cx<'gc, '_>, v: Value<'gc>) -> Result<Weakness, Ctl<'gc>> {
    if v.is_nil() {
        return Ok(Weakness::None);
    }
    for (name, w) in WEAKNESSES {
        if v.eq(cx.g.intern_in(cx.mc, "KEYWORD", name)) {
            return Ok(w);
        }
    }
    let mut items = vec![Value::Nil];
    items.extend(WEAKNESSES.iter().map(|(name, _)| cx.g.intern_in(cx.mc, "KEYWORD", name)));
    let expected = type_spec(cx, "MEMBER", &items);
    Err(cx.type_error(v, expected))
}

/// `clove:hash-table-weakness`: NIL, or the keyword the table was made with.
fn hash_table_weakness<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let t = check_table(cx, args[0])?;
    let w = t.borrow().weakness;
    Ok(WEAKNESSES.iter().find(|(_, x)| *x == w).map_or(Value::Nil, |(name, _)| cx.g.intern_in(cx.mc, "KEYWORD", name)))
}

const TESTS: [(&str, Test); 4] =
    [("EQ", Test::Eq), ("EQL", Test::Eql), ("EQUAL", Test::Equal), ("EQUALP", Test::Equalp)];

/// The test a `:test` argument names: one of the four symbols, or their functions.
fn test_arg<'gc>(cx: &Cx<'gc, '_>, v: Value<'gc>) -> Result<Test, Ctl<'gc>> {
    let name = match v {
        Value::Symbol(s) if matches!(s.package.get(), Value::Package(p) if Gc::ptr_eq(p, cx.g.p.cl)) => {
            Some(crate::heap::package::sym_name(v))
        }
        Value::Function(f) => match &f.kind {
            FnKind::Native(n) if n.pkg == "CL" => Some(n.name),
            _ => None,
        },
        _ => None,
    };
    match name.and_then(|n| TESTS.iter().find(|(t, _)| *t == n)) {
        Some(&(_, test)) => Ok(test),
        None => Err(error_with(cx, cx.g.s.simple_error.into(), "Unknown :TEST for MAKE-HASH-TABLE: ~S", &[v])),
    }
}

/// A real number as `f64` (ratios approximately), for range checks.
fn real_f64(v: Value<'_>) -> Option<f64> {
    use num_traits::ToPrimitive;
    match v {
        Value::Fixnum(n) => Some(n as f64),
        Value::Bignum(b) => b.0.to_f64(),
        Value::Ratio(r) => Some(r.num.to_f64()? / r.den.to_f64()?),
        Value::Single(f) => Some(f as f64),
        Value::Double(f) => Some(f),
        _ => None,
    }
}

/// `:rehash-size`: `(or (integer 1 *) (float (1.0) *))`.
fn rehash_size_arg<'gc>(cx: &Cx<'gc, '_>, v: Value<'gc>) -> Result<Value<'gc>, Ctl<'gc>> {
    let ok = match v {
        Value::Fixnum(n) => n >= 1,
        Value::Bignum(b) => b.0.sign() == num_bigint::Sign::Plus,
        Value::Single(f) => f > 1.0,
        Value::Double(f) => f > 1.0,
        _ => false,
    };
    if ok {
        return Ok(v);
    }
    let star = cl_sym(cx, "*");
    let one = list(cx.mc, &[Value::Single(1.0)]);
    let spec = type_spec(
        cx,
        "OR",
        &[type_spec(cx, "INTEGER", &[Value::Fixnum(1), star]), type_spec(cx, "FLOAT", &[one, star])],
    );
    Err(cx.type_error(v, spec))
}

/// `:rehash-threshold`: `(real 0 1)`.
fn rehash_threshold_arg<'gc>(cx: &Cx<'gc, '_>, v: Value<'gc>) -> Result<Value<'gc>, Ctl<'gc>> {
    match real_f64(v) {
        Some(f) if (0.0..=1.0).contains(&f) => Ok(v),
        _ => Err(cx.type_error(v, type_spec(cx, "REAL", &[Value::Fixnum(0), Value::Fixnum(1)]))),
    }
}

fn make_hash_table<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let [test, size, rehash_size, rehash_threshold, weakness] =
        keys(cx, args, ["TEST", "SIZE", "REHASH-SIZE", "REHASH-THRESHOLD", "WEAKNESS"])?;
    let weakness = weakness.map(|v| weakness_arg(cx, v)).transpose()?.unwrap_or(Weakness::None);
    let test = match test {
        Some(t) => test_arg(cx, t)?,
        None => Test::Eql,
    };
    let size = match size {
        Some(v) => check_index(cx, v)?,
        None => 0,
    };
    let rehash_size = rehash_size.map(|v| rehash_size_arg(cx, v)).transpose()?;
    let rehash_threshold = rehash_threshold.map(|v| rehash_threshold_arg(cx, v)).transpose()?;
    let t = table::new_table(cx.mc, test, size);
    {
        let mut d = t.borrow_mut(cx.mc);
        if let Some(v) = rehash_size {
            d.rehash_size = v;
        }
        if let Some(v) = rehash_threshold {
            d.rehash_threshold = v;
        }
        d.weakness = weakness;
    }
    if weakness != Weakness::None {
        crate::heap::weak::register(cx.g, cx.mc, t);
    }
    Ok(Value::HashTable(t))
}

fn hash_table_p<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    Ok(cx.bool(matches!(args[0], Value::HashTable(_))))
}

fn gethash<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let t = check_table(cx, args[1])?;
    match table::get(t, args[0]) {
        Some(v) => {
            let found = cx.t();
            cx.values(vec![v, found])
        }
        None => cx.values(vec![args.get(2).copied().unwrap_or(Value::Nil), Value::Nil]),
    }
}

/// `(%puthash key table value)`: `(setf gethash)`.
fn puthash<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let t = check_table(cx, args[1])?;
    table::put(t, cx.mc, args[0], args[2]);
    Ok(args[2])
}

fn remhash<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let t = check_table(cx, args[1])?;
    Ok(cx.bool(table::remove(t, cx.mc, args[0])))
}

fn clrhash<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let t = check_table(cx, args[0])?;
    table::clear(t, cx.mc);
    Ok(args[0])
}

fn hash_table_count<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let t = check_table(cx, args[0])?;
    let n = t.borrow().count;
    Ok(Value::Fixnum(n as i64))
}

fn hash_table_test<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let t = check_table(cx, args[0])?;
    let test = t.borrow().test;
    let name = TESTS.iter().find(|(_, x)| *x == test).map_or("EQL", |(n, _)| n);
    Ok(cl_sym(cx, name))
}

fn hash_table_size<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let t = check_table(cx, args[0])?;
    let d = t.borrow();
    Ok(Value::int(cx.mc, d.size.max(d.count).min(i64::MAX as usize) as i64))
}

fn hash_table_rehash_size<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let t = check_table(cx, args[0])?;
    let v = t.borrow().rehash_size;
    Ok(v)
}

fn hash_table_rehash_threshold<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let t = check_table(cx, args[0])?;
    let v = t.borrow().rehash_threshold;
    Ok(v)
}

fn sxhash<'gc>(_cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    Ok(Value::Fixnum(sxhash_of(args[0])))
}

/// `maphash`: calls `function` on each entry present when it started and
/// still present when its turn comes (with its current value).
fn maphash<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let t = check_table(cx, args[1])?;
    for (k, _) in table::entries(t) {
        if let Some(v) = table::get(t, k) {
            cx.call(args[0], &[k, v])?;
        }
    }
    Ok(Value::Nil)
}

fn hash_table_entries<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let t = check_table(cx, args[0])?;
    let pairs: Vec<Value<'gc>> = table::entries(t).into_iter().map(|(k, v)| cons(cx.mc, k, v)).collect();
    Ok(list(cx.mc, &pairs))
}

#[cfg(test)]
#[path = "hash_tests.rs"]
mod tests;
