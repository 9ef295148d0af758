//! Argument handling shared by the array, sequence and list-set primitives:
//! keyword arguments, function designators (with Rust fast paths for EQ,
//! EQL and IDENTITY), :test/:test-not/:key, indices and bounding indices.

use gc_arena::Gc;

use crate::heap::function::{FnKind, Function, Native, MANY};
use crate::heap::symbol::flags;
use crate::heap::{list, Value};
use crate::vm::{Ctl, Cx, R};

/// The name of `v` if it is a keyword symbol.
pub fn keyword_name<'gc>(cx: &Cx<'gc, '_>, v: Value<'gc>) -> Option<&'gc str> {
    match v {
        Value::Symbol(s) => match s.package.get() {
            Value::Package(p) if Gc::ptr_eq(p, cx.g.p.keyword) => Some(&s.as_ref().name),
            _ => None,
        },
        _ => None,
    }
}

/// The name of `v` if it is a symbol of the COMMON-LISP package (NIL included).
pub fn cl_name<'gc>(cx: &Cx<'gc, '_>, v: Value<'gc>) -> Option<&'gc str> {
    match v {
        Value::Nil => Some("NIL"),
        Value::Symbol(s) => match s.package.get() {
            Value::Package(p) if Gc::ptr_eq(p, cx.g.p.cl) => Some(&s.as_ref().name),
            _ => None,
        },
        // A built-in class stands for the type it names.
        Value::Instance(_) if cl_name(cx, crate::clos::metaclass_name(v)) == Some("BUILT-IN-CLASS") => {
            cl_name(cx, crate::clos::class_slot(v, crate::clos::CLASS_NAME))
        }
        _ => None,
    }
}

/// `&key` argument parsing shared by every primitive (see `args::keys`).
pub use super::args::keys as parse_keys;

/// A function to call, resolved once per primitive call. The common
/// standard functions are recognised so they run without a Lisp call.
#[derive(Clone, Copy)]
pub enum Func<'gc> {
    Identity,
    Eq,
    Eql,
    /// Another primitive: called directly.
    Native(&'static Native, Value<'gc>),
    /// A bytecode function: called through the VM.
    Lisp(Value<'gc>),
}

/// The function a designator names (a function, or a symbol naming a
/// global function).
pub fn function_object<'gc>(cx: &Cx<'gc, '_>, f: Value<'gc>) -> Result<Gc<'gc, Function<'gc>>, Ctl<'gc>> {
    match f {
        Value::Function(fun) => Ok(fun),
        Value::Symbol(_) | Value::Nil => {
            let sym = cx.g.sym(f).ok_or_else(|| cx.type_error(f, cx.g.s.function_type.into()))?;
            match sym.function.get() {
                Value::Function(fun) if !sym.has(flags::MACRO) && !sym.has(flags::SPECIAL_OPERATOR) => Ok(fun),
                _ => Err(cx.undefined_function(f)),
            }
        }
        _ => Err(cx.type_error(f, cx.g.s.function_type.into())),
    }
}

/// Resolves a function designator for calling.
pub fn func<'gc>(cx: &Cx<'gc, '_>, f: Value<'gc>) -> Result<Func<'gc>, Ctl<'gc>> {
    Ok(from_function(function_object(cx, f)?))
}

fn from_function<'gc>(fun: Gc<'gc, Function<'gc>>) -> Func<'gc> {
    match fun.kind {
        FnKind::Native(n) if n.pkg == "CL" => match n.name {
            "IDENTITY" => Func::Identity,
            "EQ" => Func::Eq,
            "EQL" => Func::Eql,
            _ => Func::Native(n, Value::Function(fun)),
        },
        FnKind::Native(n) => Func::Native(n, Value::Function(fun)),
        FnKind::Closure { .. } | FnKind::Funcallable(_) => Func::Lisp(Value::Function(fun)),
    }
}

/// A `:key` argument: NIL (or absent) means identity.
pub fn key_func<'gc>(cx: &Cx<'gc, '_>, k: Option<Value<'gc>>) -> Result<Func<'gc>, Ctl<'gc>> {
    match k {
        None | Some(Value::Nil) => Ok(Func::Identity),
        Some(f) => func(cx, f),
    }
}

impl<'gc> Func<'gc> {
    /// The function object (for the generic path and error reports).
    fn value(self, cx: &Cx<'gc, '_>, name: &str) -> Value<'gc> {
        match self {
            Func::Native(_, v) | Func::Lisp(v) => v,
            _ => {
                let sym = cx.g.intern_in(cx.mc, "CL", name);
                cx.g.sym(sym).map_or(Value::Nil, |s| s.function.get())
            }
        }
    }

    /// Calls the function and returns its primary value. A primitive called
    /// from a sequence function's loop (a `:test`, `:key` or sort
    /// predicate) first takes a pending Ctrl-C (`Cx::poll`), as a Lisp
    /// function does on entry (vm/run.rs `call_nested`).
    pub fn call(self, cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
        match (self, args) {
            (Func::Identity, [x]) => Ok(*x),
            (Func::Eq, [a, b]) => Ok(cx.bool(a.eq(*b))),
            (Func::Eql, [a, b]) => Ok(cx.bool(a.eql(*b))),
            (Func::Native(n, f), _) => {
                cx.poll()?;
                call_native(cx, n, f, args)
            }
            (Func::Lisp(f), _) => cx.call1(f, args),
            (Func::Identity, _) => {
                let f = self.value(cx, "IDENTITY");
                cx.call1(f, args)
            }
            (Func::Eq, _) => {
                let f = self.value(cx, "EQ");
                cx.call1(f, args)
            }
            (Func::Eql, _) => {
                let f = self.value(cx, "EQL");
                cx.call1(f, args)
            }
        }
    }

    #[inline]
    pub fn call1(self, cx: &mut Cx<'gc, '_>, x: Value<'gc>) -> R<'gc> {
        match self {
            Func::Identity => Ok(x),
            _ => self.call(cx, &[x]),
        }
    }

    #[inline]
    pub fn call2(self, cx: &mut Cx<'gc, '_>, a: Value<'gc>, b: Value<'gc>) -> R<'gc> {
        match self {
            Func::Eq => Ok(cx.bool(a.eq(b))),
            Func::Eql => Ok(cx.bool(a.eql(b))),
            _ => self.call(cx, &[a, b]),
        }
    }

    /// Calls a one-argument predicate.
    #[inline]
    pub fn test1(self, cx: &mut Cx<'gc, '_>, x: Value<'gc>) -> Result<bool, Ctl<'gc>> {
        Ok(self.call1(cx, x)?.truthy())
    }

    pub fn is_identity(self) -> bool {
        matches!(self, Func::Identity)
    }
}

/// Runs a primitive directly (no VM frame), falling back to the VM for a
/// wrong argument count or a tail call.
fn call_native<'gc>(cx: &mut Cx<'gc, '_>, n: &'static Native, f: Value<'gc>, args: &[Value<'gc>]) -> R<'gc> {
    let count = args.len();
    if count < n.min as usize || (n.max != MANY && count > n.max as usize) {
        return cx.call1(f, args);
    }
    let saved = std::mem::take(&mut cx.th.mv);
    let r = (n.f)(cx, args);
    cx.th.mv_set = false;
    cx.th.mv = saved;
    match r {
        Err(Ctl::TailCall(g, gargs)) => cx.call1(g, &gargs),
        other => other,
    }
}

/// A two-argument test from :test / :test-not (EQL by default).
#[derive(Clone, Copy)]
pub struct Test<'gc> {
    pub f: Func<'gc>,
    pub negate: bool,
}

impl<'gc> Test<'gc> {
    pub fn new(cx: &Cx<'gc, '_>, test: Option<Value<'gc>>, test_not: Option<Value<'gc>>) -> Result<Test<'gc>, Ctl<'gc>> {
        let test = test.filter(|v| v.truthy());
        let test_not = test_not.filter(|v| v.truthy());
        match (test, test_not) {
            (Some(_), Some(_)) => Err(cx.simple_error("can't specify both :TEST and :TEST-NOT")),
            (Some(t), None) => Ok(Test { f: func(cx, t)?, negate: false }),
            (None, Some(t)) => Ok(Test { f: func(cx, t)?, negate: true }),
            (None, None) => Ok(Test { f: Func::Eql, negate: false }),
        }
    }

    /// Applies the test to `a` and `b` (in that order).
    #[inline]
    pub fn pass(self, cx: &mut Cx<'gc, '_>, a: Value<'gc>, b: Value<'gc>) -> Result<bool, Ctl<'gc>> {
        let r = match self.f {
            Func::Eql => a.eql(b),
            Func::Eq => a.eq(b),
            f => f.call2(cx, a, b)?.truthy(),
        };
        Ok(r != self.negate)
    }
}

/// `(INTEGER lo hi)` as a type specifier value.
pub fn integer_type<'gc>(cx: &Cx<'gc, '_>, lo: i64, hi: Value<'gc>) -> Value<'gc> {
    list(cx.mc, &[cx.g.s.integer.into(), Value::Fixnum(lo), hi])
}

/// A non-negative fixnum argument (an index or a size), or a type-error
/// with expected type `(INTEGER 0 *)`-like.
pub fn check_index<'gc>(cx: &Cx<'gc, '_>, v: Value<'gc>) -> Result<usize, Ctl<'gc>> {
    match v {
        Value::Fixnum(n) if n >= 0 => Ok(n as usize),
        _ => {
            let star = cx.g.intern_in(cx.mc, "CL", "*");
            Err(cx.type_error(v, integer_type(cx, 0, star)))
        }
    }
}

/// An index that must be below `limit` (`(INTEGER 0 (limit))` otherwise).
pub fn check_index_below<'gc>(cx: &Cx<'gc, '_>, v: Value<'gc>, limit: usize) -> Result<usize, Ctl<'gc>> {
    match v {
        Value::Fixnum(n) if n >= 0 && (n as u64) < limit as u64 => Ok(n as usize),
        _ => Err(index_error(cx, v, limit)),
    }
}

/// The type-error for an index `v` not below `limit`: expected `(INTEGER 0 (limit))`.
pub fn index_error<'gc>(cx: &Cx<'gc, '_>, v: Value<'gc>, limit: usize) -> Ctl<'gc> {
    let hi = list(cx.mc, &[Value::Fixnum(limit as i64)]);
    cx.type_error(v, integer_type(cx, 0, hi))
}

/// Checks :start / :end against a sequence of length `len` and returns
/// them (NIL or absent :end means `len`).
pub fn bounds<'gc>(cx: &Cx<'gc, '_>, start: Option<Value<'gc>>, end: Option<Value<'gc>>, len: usize) -> Result<(usize, usize), Ctl<'gc>> {
    let s = match start {
        None => 0,
        Some(v) => check_index(cx, v)?,
    };
    let e = match end {
        None | Some(Value::Nil) => len,
        Some(v) => check_index(cx, v)?,
    };
    if e > len {
        return Err(cx.type_error(Value::Fixnum(e as i64), integer_type(cx, 0, Value::Fixnum(len as i64))));
    }
    if s > e {
        return Err(cx.type_error(Value::Fixnum(s as i64), integer_type(cx, 0, Value::Fixnum(e as i64))));
    }
    Ok((s, e))
}

/// An optional `:count` argument: NIL means no limit; negative counts as 0.
pub fn count_arg<'gc>(cx: &Cx<'gc, '_>, v: Option<Value<'gc>>) -> Result<usize, Ctl<'gc>> {
    match v {
        None | Some(Value::Nil) => Ok(usize::MAX),
        Some(Value::Fixnum(n)) => Ok(n.max(0) as usize),
        Some(Value::Bignum(b)) => Ok(if b.0.sign() == num_bigint::Sign::Minus { 0 } else { usize::MAX }),
        Some(v) => Err(cx.type_error(v, cx.g.s.integer.into())),
    }
}
