//! The compiler: Lisp forms → bytecode `Code` objects. Pass 1 (`convert`)
//! macroexpands and resolves names into `Node`s; pass 2 (`emit`) assigns
//! frame slots and closure environments and writes the instructions.
//! `eval` is compile-then-run: a form becomes a zero-argument function.

pub mod arity;
pub mod convert;
pub mod destructure;
pub mod emit;
pub mod guard;
pub mod node;
pub mod scope;

use convert::Converter;
use emit::{emit_lambda, Info};
use scope::Scope;

use crate::heap::cons::{car, cdr};
use crate::heap::function::Function;
use crate::heap::{list, Value};
use crate::vm::{Ctl, Cx};

type Res<'gc, T> = Result<T, Ctl<'gc>>;

/// Compiles a lambda expression (`(lambda ...)` or `(sys:named-lambda name ...)`)
/// in the given compile-time scope into a function object.
pub fn compile_function<'gc>(cx: &mut Cx<'gc, '_>, lambda: Value<'gc>, scope: Vec<Scope<'gc>>) -> Res<'gc, Value<'gc>> {
    let g = cx.g;
    let (name, ll, body) = if g.s.named_lambda.is(car(lambda)) {
        (car(cdr(lambda)), car(cdr(cdr(lambda))), cdr(cdr(cdr(lambda))))
    } else if g.s.lambda.is(car(lambda)) {
        (Value::Nil, car(cdr(lambda)), cdr(cdr(lambda)))
    } else {
        let shown = crate::printer::to_string(cx, lambda, true).unwrap_or_default();
        return Err(cx.program_error(&format!("{shown} is not a lambda expression")));
    };
    let mut conv = Converter::new(cx, scope);
    let lam = conv.convert_lambda(name, ll, body, lambda)?;
    let source = match g.s.source_location.value() {
        Value::Array(a) => a.borrow().string().map(String::into_boxed_str),
        _ => None,
    };
    let info = Info { vars: conv.vars, funs: conv.funs, blocks: conv.blocks, tagbodies: conv.tagbodies, t: g.t, source };
    let code = emit_lambda(&info, cx.mc, &lam, Box::new([]));
    Ok(Function::closure(cx.mc, code, Box::new([])))
}

/// Compiles `form` into a function of no arguments that evaluates it
/// (named `sys::top-level-form` in backtraces).
pub fn compile_toplevel<'gc>(cx: &mut Cx<'gc, '_>, form: Value<'gc>) -> Res<'gc, Value<'gc>> {
    let mc = cx.mc;
    let s = &cx.g.s;
    let lambda = list(mc, &[s.named_lambda.into(), s.top_level_form.into(), Value::Nil, form]);
    compile_function(cx, lambda, Vec::new())
}

/// Evaluates `form` now, in a nested run (for `load-time-value` and `#.`).
pub fn eval_now<'gc>(cx: &mut Cx<'gc, '_>, form: Value<'gc>) -> Res<'gc, Value<'gc>> {
    let f = compile_toplevel(cx, form)?;
    cx.call1(f, &[])
}

/// Splits a body into its leading declarations (a docstring followed by
/// more forms is dropped) and the remaining forms.
pub fn split_body<'gc>(cx: &Cx<'gc, '_>, body: Value<'gc>) -> (Vec<Value<'gc>>, Value<'gc>) {
    let declare = cx.g.s.declare;
    let mut decls = Vec::new();
    let mut l = body;
    while let Value::Cons(c) = l {
        let f = c.car();
        if matches!(f, Value::Cons(fc) if declare.is(fc.car())) {
            decls.push(f);
        } else if !(f.is_string() && c.cdr().as_cons().is_some()) {
            break;
        }
        l = c.cdr();
    }
    (decls, l)
}
