//! Checking a call's arguments against what the callee accepts, when the
//! compiler knows the callee: a global function defined before the call
//! is compiled (a style warning, as SBCL gives, since the function may be
//! redefined), or a lambda form in the call's head (a warning: the call
//! cannot work). Counts are checked, and keyword arguments whose keywords
//! are constants. The problem is noted in `sys::*compiler-errors*` beside
//! the errors, and `compile` and `compile-file` signal it as a warning
//! (10-compile-file.lisp).

use crate::heap::cons::{car, list_to_vec};
use crate::heap::function::FnKind;
use crate::heap::symbol::flags;
use crate::heap::Value;
use crate::vm::Cx;

/// What a function accepts: at least `min` arguments, at most `max` (if
/// bounded), and after the first `positional`, keyword arguments named in
/// `keys` (when `Some`: the callee checks them).
pub struct Accepts<'gc> {
    min: usize,
    max: Option<usize>,
    positional: usize,
    keys: Option<Vec<Value<'gc>>>,
}

/// What the global function `f` accepts, when it is a compiled function
/// or a primitive (generic functions and others are not checked).
pub fn of_function<'gc>(f: Value<'gc>) -> Option<Accepts<'gc>> {
    let Value::Function(f) = f else { return None };
    match &f.kind {
        FnKind::Closure { code, .. } => {
            let s = &code.shape;
            let positional = (s.nreq + s.nopt) as usize;
            Some(Accepts {
                min: s.nreq as usize,
                max: (!s.rest && !s.has_keys).then_some(positional),
                positional,
                keys: (s.has_keys && !s.allow_other_keys).then(|| s.keys.iter().map(|k| k.key).collect()),
            })
        }
        FnKind::Native(n) => Some(Accepts {
            min: n.min as usize,
            max: (n.max != crate::heap::function::MANY).then_some(n.max as usize),
            positional: n.min as usize,
            keys: None,
        }),
        FnKind::Funcallable(_) => None,
    }
}

/// What the ordinary lambda list `ll` accepts; `None` if it is malformed
/// (the compiler reports that itself).
pub fn of_lambda_list<'gc>(cx: &Cx<'gc, '_>, ll: Value<'gc>) -> Option<Accepts<'gc>> {
    let items = list_to_vec(ll).ok()?;
    let (mut nreq, mut nopt, mut rest, mut has_keys, mut aok) = (0, 0, false, false, false);
    let mut keys = Vec::new();
    let mut part: &'static str = "";
    for item in items {
        if let Value::Symbol(s) = item {
            let name: &str = &s.name;
            if name.starts_with('&') && matches!(s.package.get(), Value::Package(p) if std::ptr::eq(p.as_ref(), cx.g.p.cl.as_ref()))
            {
                match name {
                    "&OPTIONAL" => part = "&OPTIONAL",
                    "&REST" | "&BODY" => {
                        part = "&REST";
                        rest = true;
                    }
                    "&AUX" => part = "&AUX",
                    "&KEY" => {
                        part = "&KEY";
                        has_keys = true;
                    }
                    "&ALLOW-OTHER-KEYS" => aok = true,
                    _ => return None,
                }
                continue;
            }
        }
        match part {
            "" => nreq += 1,
            "&OPTIONAL" => nopt += 1,
            "&KEY" => keys.push(keyword_of(cx, item)?),
            _ => {}
        }
    }
    Some(Accepts {
        min: nreq,
        max: (!rest && !has_keys).then_some(nreq + nopt),
        positional: nreq + nopt,
        keys: (has_keys && !aok).then_some(keys),
    })
}

/// The keyword a `&key` parameter specifier names.
fn keyword_of<'gc>(cx: &Cx<'gc, '_>, spec: Value<'gc>) -> Option<Value<'gc>> {
    let var = match spec {
        Value::Cons(_) => car(spec),
        v => v,
    };
    match var {
        Value::Symbol(s) => Some(cx.g.intern_in(cx.mc, "KEYWORD", &s.name)),
        Value::Cons(_) => Some(car(var)),
        _ => None,
    }
}

/// What is wrong with calling a function that accepts `a` with the
/// argument forms `args` (a list), as a message and its arguments; `None`
/// when nothing is known to be.
pub fn problem<'gc>(cx: &Cx<'gc, '_>, a: &Accepts<'gc>, args: Value<'gc>) -> Option<(&'static str, Vec<Value<'gc>>)> {
    let args = list_to_vec(args).ok()?;
    let n = args.len();
    let count = |wants: &'static str, m: usize| {
        Some(("called with ~D argument~:P, but wants ~A ~D.", vec![Value::Fixnum(n as i64), string(cx, wants), Value::Fixnum(m as i64)]))
    };
    if n < a.min {
        return count(if a.max == Some(a.min) { "exactly" } else { "at least" }, a.min);
    }
    if let Some(max) = a.max.filter(|&m| n > m) {
        return count(if max == a.min { "exactly" } else { "at most" }, max);
    }
    let valid = a.keys.as_ref()?;
    let rest = args.get(a.positional..).unwrap_or(&[]);
    if rest.len() % 2 == 1 {
        return Some(("called with an odd number of keyword arguments.", vec![]));
    }
    let aok = cx.g.s.kw_allow_other_keys;
    let mut unknown = None;
    for pair in rest.chunks(2) {
        let Value::Symbol(k) = pair[0] else { return None };
        if !matches!(k.package.get(), Value::Package(p) if std::ptr::eq(p.as_ref(), cx.g.p.keyword.as_ref())) {
            return None;
        }
        if aok.is(pair[0]) {
            // A constant true :allow-other-keys allows them all; any
            // other value may.
            if pair[1].is_nil() {
                continue;
            }
            return None;
        }
        if unknown.is_none() && !valid.iter().any(|v| v.eq(pair[0])) {
            unknown = Some(pair[0]);
        }
    }
    unknown.map(|k| ("called with ~S, which is not a known argument keyword.", vec![k]))
}

fn string<'gc>(cx: &Cx<'gc, '_>, s: &str) -> Value<'gc> {
    crate::heap::array::make_string(cx.mc, s)
}

/// Whether `name` names a global function whose calls may be checked: a
/// function (not a macro or special operator) defined when the call is
/// compiled, and not defined again by the compilation unit at hand.
pub fn checkable<'gc>(cx: &Cx<'gc, '_>, name: Value<'gc>) -> Option<Value<'gc>> {
    let Value::Symbol(s) = name else { return None };
    if s.has(flags::MACRO) || s.has(flags::SPECIAL_OPERATOR) {
        return None;
    }
    if let Value::HashTable(t) = cx.g.s.defined_in_unit.value() {
        if crate::heap::hash::get(t, name).is_some() {
            return None;
        }
    }
    let f = s.function.get();
    (!f.is_unbound()).then_some(f)
}
