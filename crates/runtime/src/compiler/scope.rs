//! The compile-time lexical environment: a stack of scope entries searched
//! innermost first, and its conversion to the environment object that
//! macro functions receive (`&environment`).

use gc_arena::Gc;

use super::node::{BlockId, TagbodyId, VarId};
use crate::heap::cons::{cons, list};
use crate::heap::object::Object;
use crate::heap::Value;
use crate::vm::Cx;

#[derive(Clone, Copy)]
pub enum Scope<'gc> {
    Var { name: Value<'gc>, var: VarId },
    /// A special declaration (bound or free) for `name`.
    Special { name: Value<'gc> },
    SymbolMacro { name: Value<'gc>, expansion: Value<'gc> },
    /// A local function; `name` may be `(setf x)`.
    Fun { name: Value<'gc>, var: VarId },
    Macro { name: Value<'gc>, fun: Value<'gc> },
    /// An INLINE or NOTINLINE declaration of the global function `name`
    /// (whether its compiler macro may be used).
    Inline { name: Value<'gc>, notinline: bool },
    Block { name: Value<'gc>, id: BlockId },
    Tag { tag: Value<'gc>, id: TagbodyId, index: usize },
}

/// What a symbol means as a variable here.
pub enum VarMeaning<'gc> {
    Lexical(VarId),
    Special,
    SymbolMacro(Value<'gc>),
    Free,
}

/// What a name means as a function here.
pub enum FunMeaning<'gc> {
    Local(VarId),
    Macro(Value<'gc>),
    Global,
}

pub fn lookup_var<'gc>(scope: &[Scope<'gc>], sym: Value<'gc>) -> VarMeaning<'gc> {
    for s in scope.iter().rev() {
        match *s {
            Scope::Var { name, var } if name.eq(sym) => return VarMeaning::Lexical(var),
            Scope::Special { name } if name.eq(sym) => return VarMeaning::Special,
            Scope::SymbolMacro { name, expansion } if name.eq(sym) => return VarMeaning::SymbolMacro(expansion),
            _ => {}
        }
    }
    VarMeaning::Free
}

pub fn lookup_fun<'gc>(scope: &[Scope<'gc>], fname: Value<'gc>) -> FunMeaning<'gc> {
    for s in scope.iter().rev() {
        match *s {
            Scope::Fun { name, var } if fname_eq(name, fname) => return FunMeaning::Local(var),
            Scope::Macro { name, fun } if name.eq(fname) => return FunMeaning::Macro(fun),
            _ => {}
        }
    }
    FunMeaning::Global
}

/// Whether a NOTINLINE declaration in `scope` covers the global function
/// `fname` (`None`: no declaration here; a local function of that name
/// shadows the global one and any declaration outside it).
pub fn declared_notinline<'gc>(scope: &[Scope<'gc>], fname: Value<'gc>) -> Option<bool> {
    for s in scope.iter().rev() {
        match *s {
            Scope::Inline { name, notinline } if fname_eq(name, fname) => return Some(notinline),
            Scope::Fun { name, .. } if fname_eq(name, fname) => return None,
            Scope::Macro { name, .. } if name.eq(fname) => return None,
            _ => {}
        }
    }
    None
}

/// The environment object for macro functions: only what affects
/// macroexpansion (local functions and macros, variables and symbol macros).
pub fn env_object<'gc>(cx: &Cx<'gc, '_>, scope: &[Scope<'gc>]) -> Value<'gc> {
    let mc = cx.mc;
    let kw = |n: &str| cx.g.intern_in(mc, "KEYWORD", n);
    let (k_macro, k_fun, k_smacro, k_var) = (kw("MACRO"), kw("FUNCTION"), kw("SYMBOL-MACRO"), kw("VARIABLE"));
    let mut entries = Value::Nil;
    for s in scope.iter() {
        let e = match *s {
            Scope::Var { name, .. } | Scope::Special { name } => list(mc, &[k_var, name]),
            Scope::SymbolMacro { name, expansion } => cons(mc, k_smacro, cons(mc, name, expansion)),
            Scope::Fun { name, .. } => list(mc, &[k_fun, name]),
            Scope::Macro { name, fun } => cons(mc, k_macro, cons(mc, name, fun)),
            _ => continue,
        };
        entries = cons(mc, e, entries);
    }
    Value::Object(Gc::new(mc, Object::Env(entries)))
}

/// Rebuilds scope entries from an environment object (for `macroexpand`
/// with an environment, and for compiling in a macro's environment).
pub fn scope_from_env<'gc>(cx: &Cx<'gc, '_>, env: Value<'gc>) -> Vec<Scope<'gc>> {
    let entries = match env {
        Value::Object(o) => match &*o {
            Object::Env(e) => *e,
            _ => Value::Nil,
        },
        _ => Value::Nil,
    };
    let kw = |n: &str| cx.g.intern_in(cx.mc, "KEYWORD", n);
    let (k_macro, k_fun, k_smacro) = (kw("MACRO"), kw("FUNCTION"), kw("SYMBOL-MACRO"));
    let mut out = Vec::new();
    let mut l = entries;
    while let Value::Cons(c) = l {
        if let Value::Cons(e) = c.car() {
            let kind = e.car();
            let rest = e.cdr();
            let name = crate::heap::cons::car(rest);
            let tail = crate::heap::cons::cdr(rest);
            let entry = if kind.eq(k_macro) {
                Scope::Macro { name, fun: tail }
            } else if kind.eq(k_smacro) {
                Scope::SymbolMacro { name, expansion: tail }
            } else if kind.eq(k_fun) {
                // A local function only shadows: no variable to refer to.
                Scope::Fun { name, var: usize::MAX }
            } else {
                Scope::Var { name, var: usize::MAX }
            };
            out.push(entry);
        }
        l = c.cdr();
    }
    out.reverse();
    out
}

/// Function names are symbols or `(setf symbol)` lists.
pub fn fname_eq<'gc>(a: Value<'gc>, b: Value<'gc>) -> bool {
    match (a, b) {
        (Value::Cons(x), Value::Cons(y)) => x.car().eq(y.car()) && fname_eq(x.cdr(), y.cdr()),
        _ => a.eq(b),
    }
}
