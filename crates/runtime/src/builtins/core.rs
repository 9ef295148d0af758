//! Primitives: evaluation and function calling (funcall, apply, values,
//! eval, compile), macros and macroexpansion, and the symbol cells
//! (symbol-value, symbol-function, fdefinition and their setters).

use gc_arena::Gc;

use crate::compiler::convert::{global_symbol_macro, macro_call};
use crate::compiler::scope::{lookup_fun, lookup_var, scope_from_env, FunMeaning, VarMeaning};
use crate::compiler::{compile_function, compile_toplevel, destructure, split_body};
use crate::heap::cons::{car, cdr, list_to_vec, ListIter};
use crate::heap::symbol::{flags, Symbol};
use crate::heap::{cons, list, Value};
use crate::vm::{Ctl, Cx, R};

crate::natives! {
    CL "FUNCALL" 1 * => funcall;
    CL "APPLY" 2 * => apply;
    CL "VALUES" 0 * => values;
    CL "VALUES-LIST" 1 1 => values_list;
    CL "EVAL" 1 1 => eval;
    SYS "%COMPILE" 2 2 => compile;
    CL "MACRO-FUNCTION" 1 2 => macro_function;
    CL "SPECIAL-OPERATOR-P" 1 1 => special_operator_p;
    CL "MACROEXPAND-1" 1 2 => macroexpand_1;
    CL "MACROEXPAND" 1 2 => macroexpand;
    CL "SYMBOL-VALUE" 1 1 => symbol_value;
    CL "SET" 2 2 => set;
    CL "BOUNDP" 1 1 => boundp;
    CL "MAKUNBOUND" 1 1 => makunbound;
    CL "SYMBOL-FUNCTION" 1 1 => symbol_function;
    CL "FDEFINITION" 1 1 => fdefinition;
    CL "FBOUNDP" 1 1 => fboundp;
    CL "FMAKUNBOUND" 1 1 => fmakunbound;
    CL "FUNCTIONP" 1 1 => functionp;
    CL "COMPILED-FUNCTION-P" 1 1 => functionp;
    CL "CONSTANTP" 1 2 => constantp;
    SYS "%SET-FDEFINITION" 2 2 => set_fdefinition;
    SYS "%SET-MACRO-FUNCTION" 2 2 => set_macro_function;
    SYS "%DEFUN" 2 3 => defun;
    SYS "%SET-DOCUMENTATION" 3 3 => set_documentation;
    SYS "%DEFCONSTANT" 2 2 => defconstant;
    SYS "%PROCLAIM-SPECIAL" 1 1 => proclaim_special;
    SYS "%SPECIAL-VARIABLE-P" 1 1 => special_variable_p;
    SYS "%TYPE-SPECIFIER-P" 1 1 => type_specifier_p;
    SYS "%DEFINE-SYMBOL-MACRO" 2 2 => define_symbol_macro;
    SYS "%FUNCTION-NAME" 1 1 => function_name;
    SYS "%COMPILE-LAMBDA" 1 1 => compile_lambda;
    SYS "%DCAR" 3 3 => dcar;
    SYS "%DEND" 3 3 => dend;
    SYS "%DKEYP" 2 2 => dkeyp;
    SYS "%DKEY" 2 2 => dkey;
    SYS "%DCHECK-KEYS" 5 5 => dcheck_keys;
    SYS "%DEFMACRO-EXPANDER" 2 2 => defmacro_expander;
    SYS "%DESTRUCTURING-BIND-EXPANDER" 2 2 => destructuring_bind_expander;
    SYS "%LAMBDA-EXPANDER" 2 2 => lambda_expander;
    SYS "%MULTIPLE-VALUE-BIND-EXPANDER" 2 2 => mvbind_expander;
    SYS "%QUASIQUOTE-EXPANDER" 2 2 => quasiquote_expander;
    SYS "%BODY-DECLARATIONS" 1 1 => body_declarations;
    SYS "%BODY-FORMS" 1 1 => body_forms;
    SYS "%MALFORMED" 2 2 => malformed;
    SYS "%FIND-PACKAGE-OR-LOSE" 1 1 => find_package_or_lose;
}

fn funcall<'gc>(_cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    Err(Ctl::TailCall(args[0], args[1..].to_vec()))
}

fn apply<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let mut out = args[1..args.len().saturating_sub(1)].to_vec();
    if args.len() > 1 {
        let last = args[args.len() - 1];
        match list_to_vec(last) {
            Ok(v) => out.extend(v),
            Err(_) => return Err(cx.type_error(last, cx.g.s.list_type.into())),
        }
    }
    Err(Ctl::TailCall(args[0], out))
}

fn values<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    cx.values(args.to_vec())
}

fn values_list<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let v = list_to_vec(args[0]).map_err(|_| cx.type_error(args[0], cx.g.s.list_type.into()))?;
    cx.values(v)
}

/// `eval`: top-level `progn` (and `eval-when` with :execute, and macros
/// expanding to them) evaluate their subforms one at a time, so a
/// definition made by one subform is seen when the next is compiled.
fn eval<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let mut form = args[0];
    let s = &cx.g.s;
    let mc = cx.mc;
    while let Value::Cons(c) = form {
        let head = c.car();
        if s.progn.is(head) {
            let body: Vec<Value<'gc>> = ListIter(c.cdr()).collect();
            match body.len() {
                0 => form = Value::Nil,
                1 => {
                    form = body[0];
                    continue;
                }
                _ => {
                    let evals: Vec<Value<'gc>> = body.iter().map(|f| list(mc, &[s.eval.into(), list(mc, &[s.quote.into(), *f])])).collect();
                    form = cons(mc, s.progn.into(), list(mc, &evals));
                }
            }
            break;
        }
        if s.eval_when.is(head) {
            let exec = ListIter(car(c.cdr())).any(|x| s.kw_execute.is(x) || s.eval.is(x));
            form = if exec { cons(mc, s.progn.into(), cdr(c.cdr())) } else { Value::Nil };
            continue;
        }
        match head {
            Value::Symbol(sym) if sym.has(flags::MACRO) && !sym.has(flags::SPECIAL_OPERATOR) => {
                form = macro_call(cx, sym.function.get(), form, Value::Nil)?;
            }
            _ => break,
        }
    }
    let thunk = compile_toplevel(cx, form)?;
    Err(Ctl::TailCall(thunk, Vec::new()))
}

fn is_lambda_form<'gc>(cx: &Cx<'gc, '_>, v: Value<'gc>) -> bool {
    cx.g.s.lambda.is(car(v)) || cx.g.s.named_lambda.is(car(v))
}

/// The work of `compile` (10-compile-file.lisp wraps it in a compilation
/// unit): NAME's function or DEFINITION (NIL when not given) compiled,
/// and stored under NAME unless NAME is NIL.
fn compile<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let name = args[0];
    let def = args[1];
    let f = if def.is_nil() {
        if name.is_nil() {
            return Err(cx.program_error("COMPILE: NIL names no function and no definition was given"));
        }
        match name {
            Value::Symbol(s) if s.has(flags::MACRO) => s.function.get(),
            _ => fdefinition(cx, &[name])?,
        }
    } else if is_lambda_form(cx, def) {
        compile_function(cx, def, Vec::new())?
    } else if let Value::Function(_) = def {
        def
    } else {
        return Err(cx.type_error(def, cx.g.s.function_type.into()));
    };
    let result = if name.is_nil() {
        f
    } else {
        if !def.is_nil() {
            match name {
                Value::Symbol(s) if s.has(flags::MACRO) => Symbol::set_function(s, cx.mc, f),
                _ => {
                    set_fdefinition(cx, &[name, f])?;
                }
            }
        }
        name
    };
    Ok(result)
}

fn compile_lambda<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    compile_function(cx, args[0], Vec::new())
}

fn macro_function<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let s = cx.check_symbol(args[0])?;
    if let Some(env) = args.get(1) {
        let scope = scope_from_env(cx, *env);
        match lookup_fun(&scope, args[0]) {
            FunMeaning::Macro(f) => return Ok(f),
            FunMeaning::Local(_) => return Ok(Value::Nil),
            FunMeaning::Global => {}
        }
    }
    Ok(if s.has(flags::MACRO) { s.function.get() } else { Value::Nil })
}

fn set_macro_function<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let s = cx.check_symbol(args[0])?;
    if !matches!(args[1], Value::Function(_)) {
        return Err(cx.type_error(args[1], cx.g.s.function_type.into()));
    }
    Symbol::set_function(s, cx.mc, args[1]);
    s.set_flag(flags::MACRO, true);
    Ok(args[1])
}

fn special_operator_p<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let s = cx.check_symbol(args[0])?;
    Ok(cx.bool(s.has(flags::SPECIAL_OPERATOR)))
}

/// One step of macroexpansion: `Some(expansion)` if `form` is a macro form
/// or a symbol macro in `env`.
fn expand_once<'gc>(cx: &mut Cx<'gc, '_>, form: Value<'gc>, env: Value<'gc>) -> Result<Option<Value<'gc>>, Ctl<'gc>> {
    let scope = scope_from_env(cx, env);
    match form {
        Value::Symbol(s) => match lookup_var(&scope, form) {
            VarMeaning::SymbolMacro(exp) => Ok(Some(exp)),
            VarMeaning::Free => Ok(global_symbol_macro(cx, s)),
            _ => Ok(None),
        },
        Value::Cons(c) => {
            let head = c.car();
            let f = match lookup_fun(&scope, head) {
                FunMeaning::Macro(f) => f,
                FunMeaning::Local(_) => return Ok(None),
                FunMeaning::Global => match head {
                    Value::Symbol(s) if s.has(flags::MACRO) => s.function.get(),
                    _ => return Ok(None),
                },
            };
            Ok(Some(macro_call(cx, f, form, env)?))
        }
        _ => Ok(None),
    }
}

fn macroexpand_1<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let env = args.get(1).copied().unwrap_or(Value::Nil);
    match expand_once(cx, args[0], env)? {
        Some(e) => cx.values(vec![e, cx.g.t]),
        None => cx.values(vec![args[0], Value::Nil]),
    }
}

fn macroexpand<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let env = args.get(1).copied().unwrap_or(Value::Nil);
    let mut form = args[0];
    let mut expanded = false;
    while let Some(e) = expand_once(cx, form, env)? {
        form = e;
        expanded = true;
    }
    let t = cx.bool(expanded);
    cx.values(vec![form, t])
}

fn symbol_value<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let s = cx.check_symbol(args[0])?;
    let v = s.value();
    if v.is_unbound() {
        return Err(cx.unbound_variable(args[0]));
    }
    Ok(v)
}

fn set<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let s = cx.check_symbol(args[0])?;
    if s.has(flags::CONSTANT) {
        return Err(cx.program_error(&format!("cannot set the constant {}", s.name)));
    }
    Symbol::set_value(s, cx.mc, args[1]);
    Ok(args[1])
}

fn boundp<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let s = cx.check_symbol(args[0])?;
    Ok(cx.bool(!s.value().is_unbound()))
}

fn makunbound<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let s = cx.check_symbol(args[0])?;
    if s.has(flags::CONSTANT) {
        return Err(cx.program_error(&format!("cannot make the constant {} unbound", s.name)));
    }
    Symbol::set_value(s, cx.mc, Value::Unbound);
    Ok(args[0])
}

/// A function name: a symbol, or `(setf symbol)`. Returns the symbol and whether it is a setf name.
fn parse_fname<'gc>(cx: &Cx<'gc, '_>, name: Value<'gc>) -> Result<(Gc<'gc, Symbol<'gc>>, bool), Ctl<'gc>> {
    if let Some(s) = cx.g.sym(name) {
        return Ok((s, false));
    }
    if let Value::Cons(c) = name {
        if let Value::Cons(rest) = c.cdr() {
            if cx.g.s.setf.is(c.car()) && rest.cdr().is_nil() {
                if let Some(s) = cx.g.sym(rest.car()) {
                    return Ok((s, true));
                }
            }
        }
    }
    // (or symbol (cons (eql setf) (cons symbol null))), as SBCL reports it.
    let mc = cx.mc;
    let s = &cx.g.s;
    let eql_setf = list(mc, &[cx.g.intern_in(mc, "CL", "EQL"), s.setf.into()]);
    let tail = list(mc, &[s.cons_type.into(), s.symbol.into(), s.null.into()]);
    let expected = list(mc, &[s.or.into(), s.symbol.into(), list(mc, &[s.cons_type.into(), eql_setf, tail])]);
    Err(cx.type_error(name, expected))
}

fn symbol_function<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let s = cx.check_symbol(args[0])?;
    match s.function.get() {
        Value::Unbound => Err(cx.undefined_function(args[0])),
        f => Ok(f),
    }
}

fn fdefinition<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let (s, setf) = parse_fname(cx, args[0])?;
    let f = if setf { s.setf_function.get() } else { s.function.get() };
    if f.is_unbound() {
        return Err(cx.undefined_function(args[0]));
    }
    Ok(f)
}

fn fboundp<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let (s, setf) = parse_fname(cx, args[0])?;
    let f = if setf { s.setf_function.get() } else { s.function.get() };
    Ok(cx.bool(!f.is_unbound() || (!setf && s.has(flags::SPECIAL_OPERATOR))))
}

fn fmakunbound<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let (s, setf) = parse_fname(cx, args[0])?;
    if setf {
        Symbol::set_setf_function(s, cx.mc, Value::Unbound);
    } else {
        Symbol::set_function(s, cx.mc, Value::Unbound);
        s.set_flag(flags::MACRO, false);
    }
    Ok(args[0])
}

fn functionp<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    Ok(cx.bool(matches!(args[0], Value::Function(_))))
}

fn set_fdefinition<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let (s, setf) = parse_fname(cx, args[0])?;
    if !matches!(args[1], Value::Function(_)) {
        return Err(cx.type_error(args[1], cx.g.s.function_type.into()));
    }
    if setf {
        Symbol::set_setf_function(s, cx.mc, args[1]);
    } else {
        if s.has(flags::SPECIAL_OPERATOR) {
            return Err(cx.program_error(&format!("cannot redefine the special operator {}", s.name)));
        }
        Symbol::set_function(s, cx.mc, args[1]);
        s.set_flag(flags::MACRO, false);
    }
    Ok(args[1])
}

/// `(%defun name function [docstring])`: defines the function and records
/// its documentation (a definition without a docstring removes the old one).
fn defun<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    set_fdefinition(cx, &args[..2])?;
    if let Value::Function(f) = args[1] {
        crate::heap::function::Function::set_name(f, cx.mc, args[0]);
    }
    let (s, setf) = parse_fname(cx, args[0])?;
    let key = cx.g.intern_in(cx.mc, "SYS", if setf { "%DOC-SETF-FUNCTION" } else { "%DOC-FUNCTION" });
    record_documentation(cx, s, key, args.get(2).copied().unwrap_or(Value::Nil))?;
    Ok(args[0])
}

/// Stores a docstring on a symbol's property list under `key` (one of the
/// `%DOC-...` indicators of boot/13-documentation.lisp); NIL removes it.
fn record_documentation<'gc>(cx: &mut Cx<'gc, '_>, s: Gc<'gc, Symbol<'gc>>, key: Value<'gc>, doc: Value<'gc>) -> Result<(), Ctl<'gc>> {
    let plist = if doc.is_nil() {
        crate::builtins::lookup::plist_remove(cx, s.plist.get(), key)?.0
    } else {
        crate::builtins::lookup::plist_put(cx, s.plist.get(), key, doc)?
    };
    Symbol::set_plist(s, cx.mc, plist);
    Ok(())
}

/// `(%set-documentation symbol key doc)`: see `record_documentation`.
fn set_documentation<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let s = cx.check_symbol(args[0])?;
    record_documentation(cx, s, args[1], args[2])?;
    Ok(args[2])
}

fn defconstant<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let s = cx.check_symbol(args[0])?;
    let old = s.value();
    let same = old.eql(args[1]) || (old.is_string() && old.as_string() == args[1].as_string());
    if s.has(flags::CONSTANT) && !old.is_unbound() && !same {
        return Err(cx.error_fmt("the constant ~S is being redefined (from ~S to ~S)", &[args[0], old, args[1]]));
    }
    Symbol::set_value(s, cx.mc, args[1]);
    s.set_flag(flags::CONSTANT | flags::SPECIAL, true);
    Ok(args[0])
}

fn proclaim_special<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let s = cx.check_symbol(args[0])?;
    s.set_flag(flags::SPECIAL, true);
    Ok(args[0])
}

/// True when the symbol is proclaimed special (defvar, defparameter...).
fn special_variable_p<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let s = cx.check_symbol(args[0])?;
    Ok(cx.bool(s.has(flags::SPECIAL)))
}

/// True when the argument is a known type specifier (for PROCLAIM, whose
/// `(type-specifier var...)` abbreviates a TYPE declaration).
fn type_specifier_p<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    use crate::builtins::types::spec::{parse, How};
    match parse(cx, args[0], How::strict()) {
        Ok(_) => Ok(cx.g.t),
        Err(Ctl::Error(_)) => Ok(Value::Nil),
        Err(other) => Err(other),
    }
}

fn constantp<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let v = args[0];
    let r = match v {
        Value::Symbol(s) => s.has(flags::CONSTANT),
        Value::Cons(c) => cx.g.s.quote.is(c.car()),
        _ => true,
    };
    Ok(cx.bool(r))
}

fn define_symbol_macro<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let s = cx.check_symbol(args[0])?;
    if s.has(flags::SPECIAL) {
        return Err(cx.program_error(&format!("cannot define a symbol macro named {}: it is a special variable", s.name)));
    }
    let key = cx.g.s.symbol_macro_key.into();
    let plist = cons(cx.mc, key, cons(cx.mc, args[1], s.plist.get()));
    Symbol::set_plist(s, cx.mc, plist);
    Ok(args[0])
}

fn function_name<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    match args[0] {
        Value::Function(f) => Ok(f.name.get()),
        other => Err(cx.type_error(other, cx.g.s.function_type.into())),
    }
}

// --- run-time support for destructuring lambda lists

fn destructure_error<'gc>(cx: &mut Cx<'gc, '_>, what: Value<'gc>, whole: Value<'gc>, problem: &str) -> Ctl<'gc> {
    let what = what.as_string().unwrap_or_default();
    let shown = crate::printer::to_string(cx, whole, true).unwrap_or_default();
    cx.program_error(&format!("error while parsing arguments to {what}: {problem} in {shown}"))
}

fn dcar<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    match args[0] {
        Value::Cons(c) => Ok(c.car()),
        Value::Nil => Err(destructure_error(cx, args[1], args[2], "too few elements")),
        _ => Err(destructure_error(cx, args[1], args[2], "a dotted list where a list was expected")),
    }
}

fn dend<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    if args[0].is_nil() {
        Ok(Value::Nil)
    } else {
        Err(destructure_error(cx, args[1], args[2], "too many elements"))
    }
}

fn plist_find<'gc>(plist: Value<'gc>, key: Value<'gc>) -> Option<Value<'gc>> {
    let mut l = plist;
    while let Value::Cons(c) = l {
        let rest = c.cdr();
        if c.car().eq(key) {
            return Some(car(rest));
        }
        l = cdr(rest);
    }
    None
}

fn dkeyp<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    Ok(cx.bool(plist_find(args[0], args[1]).is_some()))
}

fn dkey<'gc>(_cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    Ok(plist_find(args[0], args[1]).unwrap_or(Value::Nil))
}

fn dcheck_keys<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let (l, keys, aok, what, whole) = (args[0], args[1], args[2], args[3], args[4]);
    let items = match list_to_vec(l) {
        Ok(v) if v.len() % 2 == 0 => v,
        _ => return Err(destructure_error(cx, what, whole, "odd number of elements in keyword/value list")),
    };
    let aok_kw = cx.g.s.kw_allow_other_keys;
    let allowed = aok.truthy() || items.chunks(2).find(|p| aok_kw.is(p[0])).is_some_and(|p| p[1].truthy());
    if !allowed {
        for p in items.chunks(2) {
            if !aok_kw.is(p[0]) && !ListIter(keys).any(|k| k.eq(p[0])) {
                let shown = crate::printer::to_string(cx, p[0], true).unwrap_or_default();
                return Err(destructure_error(cx, what, whole, &format!("unknown keyword {shown}")));
            }
        }
    }
    Ok(Value::Nil)
}

// --- macro functions implemented in Rust (form env)

fn defmacro_expander<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let form = args[0];
    let items = list_to_vec(form).map_err(|_| cx.program_error("malformed DEFMACRO"))?;
    if items.len() < 3 || !items[1].is_symbol() {
        return Err(cx.program_error("malformed DEFMACRO: expected (defmacro name lambda-list . body)"));
    }
    let name = items[1];
    let lambda = destructure::macro_lambda(cx, name, items[2], cdr(cdr(cdr(form))))?;
    let mc = cx.mc;
    let s = &cx.g.s;
    let quoted = list(mc, &[s.quote.into(), name]);
    let fun = list(mc, &[s.function.into(), lambda]);
    let setter = cx.g.intern_in(mc, "SYS", "%SET-MACRO-FUNCTION");
    let eval_when = list(mc, &[s.kw_compile_toplevel.into(), s.kw_load_toplevel.into(), s.kw_execute.into()]);
    let body = list(mc, &[setter, quoted, fun]);
    // A docstring is a string followed by more forms (CLHS 3.4.11).
    let doc = match cdr(cdr(cdr(form))) {
        Value::Cons(c) if c.car().is_string() && c.cdr().as_cons().is_some() => c.car(),
        _ => Value::Nil,
    };
    let key = cx.g.intern_in(mc, "SYS", "%DOC-FUNCTION");
    let note = cx.g.intern_in(mc, "SYS", "%SET-DOCUMENTATION");
    let s = &cx.g.s;
    let record = list(mc, &[note, quoted, list(mc, &[s.quote.into(), key]), doc]);
    Ok(list(mc, &[s.eval_when.into(), eval_when, body, record, quoted]))
}

fn destructuring_bind_expander<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    destructure::destructuring_bind(cx, args[0])
}

fn lambda_expander<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    Ok(list(cx.mc, &[cx.g.s.function.into(), args[0]]))
}

/// `(multiple-value-bind vars form . body)` as a `multiple-value-call`
/// (the compiler handles the form directly; this is for `macroexpand`).
fn mvbind_expander<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let form = args[0];
    let items = list_to_vec(form).map_err(|_| cx.program_error("malformed MULTIPLE-VALUE-BIND"))?;
    if items.len() < 3 {
        return Err(cx.program_error("malformed MULTIPLE-VALUE-BIND"));
    }
    let mc = cx.mc;
    let s = &cx.g.s;
    let ignore = Value::Symbol(Symbol::new(mc, "IGNORE", Value::Nil));
    let vars = list_to_vec(items[1]).map_err(|_| cx.program_error("malformed MULTIPLE-VALUE-BIND variables"))?;
    let mut ll = vec![s.optional.into()];
    ll.extend(vars);
    ll.push(s.rest.into());
    ll.push(ignore);
    let decl = list(mc, &[s.declare.into(), list(mc, &[s.ignore.into(), ignore])]);
    let lambda = cons(mc, s.lambda.into(), cons(mc, list(mc, &ll), cons(mc, decl, cdr(cdr(cdr(form))))));
    let fun = list(mc, &[s.function.into(), lambda]);
    Ok(list(mc, &[s.multiple_value_call.into(), fun, items[2]]))
}

/// The backquote macro: delegates to the reader's expander.
fn quasiquote_expander<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let f = cx.g.intern_in(cx.mc, "SYS", "%EXPAND-QUASIQUOTE");
    Err(Ctl::TailCall(f, vec![args[0]]))
}

fn body_declarations<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let (decls, _) = split_body(cx, args[0]);
    Ok(list(cx.mc, &decls))
}

fn body_forms<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    Ok(split_body(cx, args[0]).1)
}

fn malformed<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let what = crate::printer::to_string(cx, args[0], true).unwrap_or_default();
    let part = crate::printer::to_string(cx, args[1], true).unwrap_or_default();
    Err(cx.program_error(&format!("malformed {what}: {part}")))
}

/// The package a designator names, or a `package-error`.
pub fn find_package_or_lose<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let d = args[0];
    let name = match d {
        Value::Package(_) => return Ok(d),
        Value::Char(c) => c.to_string(),
        v => match v.as_string() {
            Some(s) => s,
            None => match cx.g.sym(v) {
                Some(s) => s.name.to_string(),
                None => return Err(cx.type_error(v, cx.g.intern_in(cx.mc, "CL", "STRING-DESIGNATOR"))),
            },
        },
    };
    match cx.g.find_package(&name) {
        Some(p) => Ok(Value::Package(p)),
        None => {
            let ctl = cx.error_fmt("The package ~S does not exist.", &[crate::heap::array::make_string(cx.mc, &name)]);
            match ctl {
                Ctl::Error(mut spec) => {
                    spec.kind = cx.g.s.package_error.into();
                    spec.initargs.extend([cx.g.s.kw_package.into(), crate::heap::array::make_string(cx.mc, &name)]);
                    Err(Ctl::Error(spec))
                }
                other => Err(other),
            }
        }
    }
}

/// Marks the special operators and installs the macros implemented in Rust.
pub fn init<'gc>(mc: &gc_arena::Mutation<'gc>, g: &crate::heap::Globals<'gc>) {
    let s = &g.s;
    for op in [
        s.block, s.catch, s.eval_when, s.flet, s.function, s.go, s.if_, s.labels, s.let_, s.let_star, s.load_time_value, s.locally, s.macrolet,
        s.multiple_value_call, s.multiple_value_prog1, s.progn, s.progv, s.quote, s.return_from, s.setq, s.symbol_macrolet, s.tagbody, s.the,
        s.throw, s.unwind_protect,
    ] {
        op.0.set_flag(flags::SPECIAL_OPERATOR, true);
    }
    let macros: [(Value<'gc>, &str); 6] = [
        (s.defmacro.into(), "%DEFMACRO-EXPANDER"),
        (s.destructuring_bind.into(), "%DESTRUCTURING-BIND-EXPANDER"),
        (s.lambda.into(), "%LAMBDA-EXPANDER"),
        (s.multiple_value_bind.into(), "%MULTIPLE-VALUE-BIND-EXPANDER"),
        (s.quasiquote.into(), "%QUASIQUOTE-EXPANDER"),
        (s.named_lambda.into(), "%LAMBDA-EXPANDER"),
    ];
    for (name, expander) in macros {
        let e = g.intern_in(mc, "SYS", expander);
        let f = g.sym(e).unwrap().function.get();
        let sym = g.sym(name).unwrap();
        if let Value::Function(_) = f {
            Symbol::set_function(sym, mc, f);
            sym.set_flag(flags::MACRO, true);
        }
    }
}
