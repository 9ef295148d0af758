//! Destructuring lambda lists (CLHS 3.4.4, 3.4.5): turns a macro lambda
//! list or a `destructuring-bind` pattern into `let*` bindings over the
//! argument list, with run-time checks (`sys::%dcar` and friends) that
//! signal a program-error naming the macro when the shape does not match.
//! `defmacro`, `macrolet` and `destructuring-bind` all expand through here.

use super::split_body;
use crate::heap::cons::{car, cdr, list_to_vec};
use crate::heap::array::make_string;
use crate::heap::symbol::Symbol;
use crate::heap::{cons, list, Value};
use crate::vm::{Ctl, Cx};

type Res<'gc, T> = Result<T, Ctl<'gc>>;

struct Gen<'gc, 'c, 'a> {
    cx: &'c mut Cx<'gc, 'a>,
    /// `(var init)` bindings for `let*`, in order.
    binds: Vec<Value<'gc>>,
    /// A string naming the construct for error messages ("DEFMACRO FOO").
    what: Value<'gc>,
    /// The variable holding the whole object being destructured.
    whole: Value<'gc>,
}

fn gensym<'gc>(cx: &mut Cx<'gc, '_>, name: &str) -> Value<'gc> {
    Value::Symbol(Symbol::new(cx.mc, name, Value::Nil))
}

fn sys<'gc>(cx: &Cx<'gc, '_>, name: &str) -> Value<'gc> {
    cx.g.intern_in(cx.mc, "SYS", name)
}

impl<'gc, 'c, 'a> Gen<'gc, 'c, 'a> {
    fn bind(&mut self, var: Value<'gc>, init: Value<'gc>) {
        let b = list(self.cx.mc, &[var, init]);
        self.binds.push(b);
    }

    fn call(&mut self, f: &str, args: &[Value<'gc>]) -> Value<'gc> {
        let f = sys(self.cx, f);
        cons(self.cx.mc, f, list(self.cx.mc, args))
    }

    fn quote(&self, v: Value<'gc>) -> Value<'gc> {
        list(self.cx.mc, &[self.cx.g.s.quote.into(), v])
    }

    /// Binds `target` (a variable or a nested pattern) to the value of `init`.
    /// NIL is the empty pattern: the value must be the empty list.
    fn bind_target(&mut self, target: Value<'gc>, init: Value<'gc>) -> Res<'gc, ()> {
        match target {
            Value::Cons(_) | Value::Nil => {
                let tmp = gensym(self.cx, "SUB");
                self.bind(tmp, init);
                // Nested patterns recurse: guarded like the compiler's other steps.
                super::guard::enter(self.cx)?;
                let r = self.pattern(target, tmp);
                super::guard::leave(self.cx);
                r
            }
            Value::Symbol(_) => {
                self.bind(target, init);
                Ok(())
            }
            other => {
                let shown = crate::printer::to_string(self.cx, other, true).unwrap_or_default();
                Err(self.cx.program_error(&format!("malformed lambda list: {shown} is not a variable")))
            }
        }
    }

    /// Destructures the list held in variable `var` by `pattern`.
    fn pattern(&mut self, pattern: Value<'gc>, var: Value<'gc>) -> Res<'gc, ()> {
        let s = &self.cx.g.s;
        let (k_opt, k_rest, k_body, k_key, k_aok, k_aux, k_whole) = (s.optional, s.rest, s.body, s.key, s.allow_other_keys, s.aux, s.whole);
        let l = gensym(self.cx, "L");
        self.bind(l, var);
        #[derive(PartialEq, Clone, Copy)]
        enum St {
            Req,
            Opt,
            Rest,
            Key,
            Aux,
        }
        let mut st = St::Req;
        let mut has_rest = false;
        let mut keys: Vec<Value<'gc>> = Vec::new();
        let mut key_specs = Vec::new();
        let mut aok = false;
        let mut p = pattern;
        let mut first = true;
        loop {
            let item = match p {
                Value::Cons(c) => {
                    p = c.cdr();
                    c.car()
                }
                Value::Nil => break,
                dotted => {
                    // (a b . rest)
                    self.bind(dotted, l);
                    has_rest = true;
                    break;
                }
            };
            if first && k_whole.is(item) {
                let w = car(p);
                p = cdr(p);
                self.bind_target(w, var)?;
                first = false;
                continue;
            }
            first = false;
            if k_opt.is(item) {
                st = St::Opt;
                continue;
            }
            if k_rest.is(item) || k_body.is(item) {
                st = St::Rest;
                continue;
            }
            if k_key.is(item) {
                st = St::Key;
                continue;
            }
            if k_aok.is(item) {
                aok = true;
                continue;
            }
            if k_aux.is(item) {
                if st == St::Key {
                    self.keys(l, &keys, std::mem::take(&mut key_specs), aok)?;
                }
                st = St::Aux;
                continue;
            }
            match st {
                St::Req => {
                    let what = self.what;
                    let whole = self.whole;
                    let init = self.call("%DCAR", &[l, what, whole]);
                    self.bind_target(item, init)?;
                    let next = list(self.cx.mc, &[self.cx.g.s.cdr.into(), l]);
                    self.bind(l, next);
                }
                St::Opt => {
                    let (target, init, sp) = spec3(item);
                    let present = gensym(self.cx, "P");
                    let consp = list(self.cx.mc, &[self.cx.g.intern_in(self.cx.mc, "CL", "CONSP"), l]);
                    self.bind(present, consp);
                    let carl = list(self.cx.mc, &[self.cx.g.s.car.into(), l]);
                    let val = list(self.cx.mc, &[self.cx.g.s.if_.into(), present, carl, init]);
                    self.bind_target(target, val)?;
                    if let Some(sp) = sp {
                        self.bind(sp, present);
                    }
                    let cdrl = list(self.cx.mc, &[self.cx.g.s.cdr.into(), l]);
                    let next = list(self.cx.mc, &[self.cx.g.s.if_.into(), present, cdrl, l]);
                    self.bind(l, next);
                }
                St::Rest => {
                    self.bind_target(item, l)?;
                    has_rest = true;
                }
                St::Key => {
                    let (spec, init, sp) = spec3(item);
                    let (key, target) = match spec {
                        Value::Cons(c) => (c.car(), car(c.cdr())),
                        v => {
                            let name = crate::heap::package::sym_name(v).to_string();
                            (self.cx.g.intern_in(self.cx.mc, "KEYWORD", &name), v)
                        }
                    };
                    keys.push(key);
                    key_specs.push((key, target, init, sp));
                }
                St::Aux => {
                    let (target, init, _) = spec3(item);
                    self.bind_target(target, init)?;
                }
            }
        }
        let had_keys = !keys.is_empty() || st == St::Key;
        if st == St::Key {
            self.keys(l, &keys, std::mem::take(&mut key_specs), aok)?;
        }
        if !has_rest && !had_keys {
            let dummy = gensym(self.cx, "END");
            let (what, whole) = (self.what, self.whole);
            let check = self.call("%DEND", &[l, what, whole]);
            self.bind(dummy, check);
        }
        Ok(())
    }

    fn keys(&mut self, l: Value<'gc>, keys: &[Value<'gc>], specs: Vec<(Value<'gc>, Value<'gc>, Value<'gc>, Option<Value<'gc>>)>, aok: bool) -> Res<'gc, ()> {
        let mc = self.cx.mc;
        let dummy = gensym(self.cx, "KEYS");
        let qkeys = self.quote(list(mc, keys));
        let aokv = if aok { self.cx.g.t } else { Value::Nil };
        let (what, whole) = (self.what, self.whole);
        let check = self.call("%DCHECK-KEYS", &[l, qkeys, aokv, what, whole]);
        self.bind(dummy, check);
        for (key, target, init, sp) in specs {
            let present = gensym(self.cx, "P");
            let qk = self.quote(key);
            let test = self.call("%DKEYP", &[l, qk]);
            self.bind(present, test);
            let get = self.call("%DKEY", &[l, qk]);
            let val = list(mc, &[self.cx.g.s.if_.into(), present, get, init]);
            self.bind_target(target, val)?;
            if let Some(sp) = sp {
                self.bind(sp, present);
            }
        }
        Ok(())
    }
}

/// `x`, `(x)`, `(x init)` or `(x init sp)`.
fn spec3<'gc>(item: Value<'gc>) -> (Value<'gc>, Value<'gc>, Option<Value<'gc>>) {
    match item {
        Value::Cons(c) => {
            let rest = c.cdr();
            let sp = match cdr(rest) {
                Value::Cons(s) => Some(s.car()),
                _ => None,
            };
            (c.car(), car(rest), sp)
        }
        v => (v, Value::Nil, None),
    }
}

/// Removes `&environment var` from a macro lambda list, returning the var.
fn take_environment<'gc>(cx: &Cx<'gc, '_>, ll: Value<'gc>) -> Res<'gc, (Value<'gc>, Option<Value<'gc>>)> {
    let env_kw = cx.g.s.environment;
    let mut items = Vec::new();
    let mut env = None;
    let mut l = ll;
    let mut tail = Value::Nil;
    loop {
        match l {
            Value::Cons(c) => {
                if env_kw.is(c.car()) {
                    env = Some(car(c.cdr()));
                    l = cdr(c.cdr());
                    continue;
                }
                items.push(c.car());
                l = c.cdr();
            }
            Value::Nil => break,
            other => {
                tail = other;
                break;
            }
        }
    }
    Ok((crate::heap::cons::list_with_tail(cx.mc, &items, tail), env))
}

/// The lambda expression `(sys:named-lambda name (form env) ...)` of a macro.
pub fn macro_lambda<'gc>(cx: &mut Cx<'gc, '_>, name: Value<'gc>, ll: Value<'gc>, body: Value<'gc>) -> Res<'gc, Value<'gc>> {
    if !ll.is_list() && !ll.is_symbol() {
        return Err(cx.program_error("malformed macro lambda list"));
    }
    let mc = cx.mc;
    let form = gensym(cx, "FORM");
    let env = gensym(cx, "ENV");
    let (ll, env_var) = take_environment(cx, ll)?;
    let shown = crate::printer::to_string(cx, name, true).unwrap_or_default();
    let what = make_string(mc, &format!("DEFMACRO {shown}"));
    let mut gen = Gen { cx, binds: Vec::new(), what, whole: form };
    if let Some(e) = env_var {
        gen.bind(e, env);
    }
    // &whole binds the entire form; the rest destructures its cdr.
    let whole_kw = gen.cx.g.s.whole;
    let (ll, whole_var) = match ll {
        Value::Cons(c) if whole_kw.is(c.car()) => (cdr(c.cdr()), Some(car(c.cdr()))),
        other => (other, None),
    };
    if let Some(w) = whole_var {
        gen.bind_target(w, form)?;
    }
    let args = gensym(gen.cx, "ARGS");
    let cdr_form = list(mc, &[gen.cx.g.s.cdr.into(), form]);
    gen.bind(args, cdr_form);
    gen.pattern(ll, args)?;
    let binds = list(mc, &gen.binds);
    let g = gen.cx.g;
    let (decls, forms) = split_body(gen.cx, body);
    let block_name = match name {
        Value::Cons(c) => car(c.cdr()),
        v => v,
    };
    let block = cons(mc, g.s.block.into(), cons(mc, block_name, forms));
    let ignorable = list(mc, &[g.s.declare.into(), list(mc, &[g.intern_in(mc, "CL", "IGNORABLE"), env])]);
    let let_form = cons(mc, g.s.let_star.into(), cons(mc, binds, crate::heap::cons::list_with_tail(mc, &decls, list(mc, &[block]))));
    Ok(list(mc, &[g.s.named_lambda.into(), name, list(mc, &[form, env]), ignorable, let_form]))
}

/// The expansion of `(destructuring-bind pattern expr . body)`.
pub fn destructuring_bind<'gc>(cx: &mut Cx<'gc, '_>, form: Value<'gc>) -> Res<'gc, Value<'gc>> {
    let items = list_to_vec(form).map_err(|_| cx.program_error("malformed DESTRUCTURING-BIND"))?;
    if items.len() < 3 {
        return Err(cx.program_error("DESTRUCTURING-BIND needs a pattern and an expression"));
    }
    let mc = cx.mc;
    let whole = gensym(cx, "WHOLE");
    let what = make_string(mc, "DESTRUCTURING-BIND");
    let mut gen = Gen { cx, binds: Vec::new(), what, whole };
    gen.bind(whole, items[2]);
    let whole_kw = gen.cx.g.s.whole;
    let pattern = match items[1] {
        Value::Cons(c) if whole_kw.is(c.car()) => {
            gen.bind_target(car(c.cdr()), whole)?;
            cdr(c.cdr())
        }
        p => p,
    };
    gen.pattern(pattern, whole)?;
    let binds = list(mc, &gen.binds);
    let g = gen.cx.g;
    let body = cdr(cdr(cdr(form)));
    let (decls, forms) = split_body(gen.cx, body);
    let progn = cons(mc, g.s.progn.into(), forms);
    Ok(cons(mc, g.s.let_star.into(), cons(mc, binds, crate::heap::cons::list_with_tail(mc, &decls, list(mc, &[progn])))))
}
