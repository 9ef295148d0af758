//! Pass 1: forms → `Node`s. Macroexpands (calling macro functions through
//! `*macroexpand-hook*`), resolves every variable, function, block and tag
//! against the lexical scope, handles the special operators, and records
//! closure captures and assignments for pass 2.

use gc_arena::Gc;

use super::arity;
use super::node::*;
use super::scope::{env_object, lookup_fun, lookup_var, FunMeaning, Scope, VarMeaning};
use crate::bytecode::Op;
use crate::heap::cons::{car, cdr, list_to_vec, ListIter};
use crate::heap::symbol::{flags, Symbol};
use crate::heap::Value;
use crate::vm::{Ctl, Cx, ErrorSpec};

type Res<'gc, T> = Result<T, Ctl<'gc>>;

pub struct Converter<'gc, 'c, 'a> {
    pub cx: &'c mut Cx<'gc, 'a>,
    pub vars: Vec<VarInfo<'gc>>,
    pub funs: Vec<FunInfo>,
    pub blocks: Vec<BlockInfo<'gc>>,
    pub tagbodies: Vec<TagbodyInfo>,
    pub scope: Vec<Scope<'gc>>,
    fun: FunId,
    protect_depth: u32,
}

/// Declarations at the head of a body.
struct Body<'gc> {
    specials: Vec<Value<'gc>>,
    /// INLINE (false) and NOTINLINE (true) declarations, in order.
    inlining: Vec<(Value<'gc>, bool)>,
    forms: Value<'gc>,
}

impl<'gc, 'c, 'a> Converter<'gc, 'c, 'a> {
    pub fn new(cx: &'c mut Cx<'gc, 'a>, scope: Vec<Scope<'gc>>) -> Self {
        Converter {
            cx,
            vars: Vec::new(),
            funs: vec![FunInfo { parent: None, free: Vec::new() }],
            blocks: Vec::new(),
            tagbodies: Vec::new(),
            scope,
            fun: 0,
            protect_depth: 0,
        }
    }

    fn err(&self, msg: &str) -> Ctl<'gc> {
        self.cx.program_error(msg)
    }

    fn show(&mut self, v: Value<'gc>) -> String {
        crate::printer::to_string(self.cx, v, true).unwrap_or_else(|_| "?".into())
    }

    fn items(&self, form: Value<'gc>, what: &str) -> Res<'gc, Vec<Value<'gc>>> {
        list_to_vec(form).map_err(|_| self.cx.program_error(&format!("malformed {what}: not a proper list")))
    }

    /// Converts one form. A program error found in it (a malformed special
    /// form, binding a constant...) does not fail the compilation: as in
    /// SBCL, the form becomes code that signals that error when it runs.
    pub fn convert(&mut self, form: Value<'gc>) -> Res<'gc, Node<'gc>> {
        // Too deep or too much (compiler/guard.rs) is a storage-condition,
        // which stops the whole compilation.
        super::guard::enter(self.cx)?;
        let saved = (self.scope.len(), self.fun, self.protect_depth);
        let r = self.convert_inner(form);
        super::guard::leave(self.cx);
        match r {
            Err(Ctl::Error(spec)) if self.cx.g.s.program_error.is(spec.kind) => {
                self.scope.truncate(saved.0);
                self.fun = saved.1;
                self.protect_depth = saved.2;
                Ok(self.deferred_error(*spec))
            }
            r => r,
        }
    }

    /// Converts `exp`, the expansion of macro function (or symbol macro)
    /// `key`, as a region of the compiler's guard (guard.rs).
    fn convert_expansion(&mut self, key: Value<'gc>, exp: Value<'gc>) -> Res<'gc, Node<'gc>> {
        super::guard::push_region(self.cx, key);
        let r = self.convert(exp);
        match (r, super::guard::pop_region(self.cx)) {
            (Err(Ctl::Error(spec)), true) => Ok(self.deferred_error(*spec)),
            (r, _) => r,
        }
    }

    /// Notes, beside the compiler's errors, a call whose arguments `args`
    /// the callee (named `name`, or a lambda form when NIL) cannot accept:
    /// a warning for a lambda form, else a style warning (the function may
    /// be redefined before the call runs).
    fn check_call(&mut self, accepts: &arity::Accepts<'gc>, args: Value<'gc>, name: Value<'gc>, lambda: bool) {
        let Some((msg, mut fargs)) = arity::problem(self.cx, accepts, args) else { return };
        let control = if lambda { format!("A lambda form is {msg}") } else { format!("The function ~S is {msg}") };
        if !lambda {
            fargs.insert(0, name);
        }
        self.note_warning(!lambda, &control, fargs);
    }

    /// Notes a warning (a style warning if `style`) beside the compiler's
    /// errors in `sys::*compiler-errors*`, when that is bound, for
    /// `compile` and `compile-file` to signal (10-compile-file.lisp).
    fn note_warning(&mut self, style: bool, control: &str, args: Vec<Value<'gc>>) {
        let mc = self.cx.mc;
        let s = &self.cx.g.s;
        let var = s.compiler_errors;
        let noted = var.value();
        if noted.is_unbound() {
            return;
        }
        let kind = if style { self.cx.g.intern_in(mc, "SYS", "SIMPLE-STYLE-WARNING") } else { self.cx.g.intern_in(mc, "CL", "SIMPLE-WARNING") };
        let initargs = [
            self.cx.g.intern_in(mc, "KEYWORD", "FORMAT-CONTROL"),
            crate::heap::array::make_string(mc, control),
            self.cx.g.intern_in(mc, "KEYWORD", "FORMAT-ARGUMENTS"),
            crate::heap::list(mc, &args),
        ];
        let entry = crate::heap::cons::list_with_tail(mc, &[s.source_location.value(), kind], crate::heap::list(mc, &initargs));
        var.set(mc, crate::heap::cons(mc, entry, noted));
    }

    /// The compiler macro of the global function `head` (CLHS 3.2.2.1),
    /// unless it is declared or proclaimed NOTINLINE.
    fn compiler_macro(&self, head: Value<'gc>) -> Option<Value<'gc>> {
        use crate::builtins::types::spec::sys_prop;
        let f = sys_prop(self.cx, head, "%COMPILER-MACRO").filter(|f| f.truthy())?;
        let notinline = super::scope::declared_notinline(&self.scope, head)
            .unwrap_or_else(|| sys_prop(self.cx, head, "%NOTINLINE").is_some_and(|v| v.truthy()));
        (!notinline).then_some(f)
    }

    /// Code that signals the error `spec` when run. The error is also noted
    /// in `sys::*compiler-errors*` (when that is bound) as
    /// `(source-location kind . initargs)`, for `compile` and `compile-file`
    /// to report.
    fn deferred_error(&mut self, spec: ErrorSpec<'gc>) -> Node<'gc> {
        let mc = self.cx.mc;
        let s = &self.cx.g.s;
        let var = s.compiler_errors;
        let noted = var.value();
        if !noted.is_unbound() {
            let entry = crate::heap::cons::list_with_tail(mc, &[s.source_location.value(), spec.kind], crate::heap::list(mc, &spec.initargs));
            var.set(mc, crate::heap::cons(mc, entry, noted));
        }
        let args = std::iter::once(spec.kind).chain(spec.initargs).map(Node::Const).collect();
        Node::Call(Callee::Global(s.error.into()), args)
    }

    fn convert_inner(&mut self, form: Value<'gc>) -> Res<'gc, Node<'gc>> {
        match form {
            Value::Symbol(s) => self.var_ref(form, s),
            Value::Cons(c) => {
                let head = c.car();
                match head {
                    Value::Symbol(s) => self.convert_compound(form, head, s),
                    // NIL names no global function, but FLET, LABELS and MACROLET may bind it.
                    Value::Nil => self.convert_compound(form, head, self.cx.g.nil_sym),
                    Value::Cons(_) if self.cx.g.s.lambda.is(car(head)) => {
                        if let Some(accepts) = arity::of_lambda_list(self.cx, car(cdr(head))) {
                            self.check_call(&accepts, c.cdr(), Value::Nil, true);
                        }
                        let f = self.convert_function_designator(head)?;
                        let args = self.convert_args(c.cdr())?;
                        Ok(Node::Call(Callee::Node(Box::new(f)), args))
                    }
                    _ => {
                        let shown = self.show(head);
                        Err(self.err(&format!("illegal function call: {shown} is not a function name")))
                    }
                }
            }
            other => Ok(Node::Const(other)),
        }
    }

    fn var_ref(&mut self, sym_v: Value<'gc>, s: Gc<'gc, Symbol<'gc>>) -> Res<'gc, Node<'gc>> {
        if s.has(flags::KEYWORD) || (s.has(flags::CONSTANT) && !s.value().is_unbound()) {
            return Ok(Node::Const(s.value()));
        }
        match lookup_var(&self.scope, sym_v) {
            VarMeaning::Lexical(v) if v != usize::MAX => {
                self.use_var(v);
                Ok(Node::Var(v))
            }
            VarMeaning::SymbolMacro(exp) => self.convert_expansion(sym_v, exp),
            VarMeaning::Lexical(_) | VarMeaning::Special => Ok(Node::Global(sym_v)),
            VarMeaning::Free => match global_symbol_macro(self.cx, s) {
                Some(exp) => self.convert_expansion(sym_v, exp),
                None => {
                    self.note_free_variable(sym_v, s);
                    Ok(Node::Global(sym_v))
                }
            },
        }
    }

    /// Notes a reference to `v` from the current function: if it belongs to
    /// an enclosing function it is captured by every function in between.
    fn use_var(&mut self, v: VarId) {
        let owner = self.vars[v].fun;
        if owner == self.fun {
            return;
        }
        self.vars[v].captured = true;
        let mut f = self.fun;
        while f != owner {
            if !self.funs[f].free.contains(&v) {
                self.funs[f].free.push(v);
            }
            match self.funs[f].parent {
                Some(p) => f = p,
                None => break,
            }
        }
    }

    fn new_var(&mut self, name: Value<'gc>) -> VarId {
        self.vars.push(VarInfo { name, fun: self.fun, captured: false, assigned: false });
        self.vars.len() - 1
    }

    /// Binds `name` (made special by a proclamation or a local declaration).
    fn bind(&mut self, name: Value<'gc>, specials: &[Value<'gc>]) -> Res<'gc, Bind<'gc>> {
        let s = match name {
            Value::Symbol(s) => s,
            _ => {
                let shown = self.show(name);
                return Err(self.err(&format!("cannot bind {shown}: not a symbol")));
            }
        };
        if s.has(flags::CONSTANT) {
            return Err(self.err(&format!("cannot bind the constant {}", s.name)));
        }
        if s.has(flags::SPECIAL) || specials.iter().any(|x| x.eq(name)) {
            self.scope.push(Scope::Special { name });
            Ok(Bind::Special(name))
        } else {
            let v = self.new_var(name);
            self.scope.push(Scope::Var { name, var: v });
            Ok(Bind::Lex(v))
        }
    }

    fn convert_args(&mut self, args: Value<'gc>) -> Res<'gc, Vec<Node<'gc>>> {
        let items = self.items(args, "argument list")?;
        items.into_iter().map(|a| self.convert(a)).collect()
    }

    /// Converts a body (list of forms) to a progn.
    pub fn convert_progn(&mut self, forms: Value<'gc>) -> Res<'gc, Node<'gc>> {
        let items = self.items(forms, "body")?;
        if items.len() == 1 {
            return self.convert(items[0]);
        }
        let nodes = items.into_iter().map(|f| self.convert(f)).collect::<Res<Vec<_>>>()?;
        Ok(if nodes.is_empty() { Node::Const(Value::Nil) } else { Node::Progn(nodes) })
    }

    /// Splits leading declarations (and a docstring when `doc`) off a body.
    fn parse_body(&mut self, body: Value<'gc>, doc: bool) -> Res<'gc, Body<'gc>> {
        let declare = self.cx.g.s.declare;
        let special = self.cx.g.s.special;
        let inline = self.cx.g.intern_in(self.cx.mc, "CL", "INLINE");
        let notinline = self.cx.g.intern_in(self.cx.mc, "CL", "NOTINLINE");
        let mut specials = Vec::new();
        let mut inlining = Vec::new();
        let mut l = body;
        loop {
            let Value::Cons(c) = l else { break };
            let f = c.car();
            if let Value::Cons(fc) = f {
                if declare.is(fc.car()) {
                    for spec in ListIter(fc.cdr()) {
                        if special.is(car(spec)) {
                            specials.extend(ListIter(cdr(spec)));
                        } else if car(spec).eq(inline) || car(spec).eq(notinline) {
                            let off = car(spec).eq(notinline);
                            inlining.extend(ListIter(cdr(spec)).map(|name| (name, off)));
                        }
                    }
                    l = c.cdr();
                    continue;
                }
            }
            if doc && f.is_string() && c.cdr().as_cons().is_some() {
                l = c.cdr();
                continue;
            }
            break;
        }
        Ok(Body { specials, inlining, forms: l })
    }

    /// Pushes a body's free declarations: specials (for names not bound
    /// here) and INLINE and NOTINLINE.
    fn declare_free(&mut self, b: &Body<'gc>) {
        for &name in &b.specials {
            self.scope.push(Scope::Special { name });
        }
        for &(name, notinline) in &b.inlining {
            self.scope.push(Scope::Inline { name, notinline });
        }
    }

    fn convert_compound(&mut self, form: Value<'gc>, head: Value<'gc>, s: Gc<'gc, Symbol<'gc>>) -> Res<'gc, Node<'gc>> {
        // Local functions and macros shadow everything global.
        match lookup_fun(&self.scope, head) {
            FunMeaning::Local(v) if v != usize::MAX => {
                self.use_var(v);
                let args = self.convert_args(cdr(form))?;
                return Ok(Node::Call(Callee::Node(Box::new(Node::Var(v))), args));
            }
            FunMeaning::Local(_) => {
                let args = self.convert_args(cdr(form))?;
                return Ok(Node::Call(Callee::Global(head), args));
            }
            FunMeaning::Macro(f) => {
                let exp = self.expand(f, form)?;
                return self.convert_expansion(f, exp);
            }
            FunMeaning::Global => {}
        }
        if s.has(flags::SPECIAL_OPERATOR) || self.cx.g.s.multiple_value_bind.is(head) {
            return self.special_form(form, head);
        }
        if s.has(flags::MACRO) {
            let f = s.function.get();
            let exp = self.expand(f, form)?;
            return self.convert_expansion(f, exp);
        }
        // A compiler macro may replace the call. Its expansion is compiled
        // as it is, no compiler macro of the same function being applied
        // again to a call of it; an error in the compiler macro leaves the
        // call as written, with a warning (as SBCL).
        let mut form = form;
        if let Some(cm) = self.compiler_macro(head) {
            match self.expand_compiler_macro(cm, form)? {
                Some(exp) if exp.eq(form) => {}
                Some(exp) if matches!(exp, Value::Cons(c) if c.car().eq(head)) => form = exp,
                Some(exp) => return self.convert_expansion(cm, exp),
                None => {
                    self.note_warning(false, "The compiler macro of ~S failed; the call is compiled as written.", vec![head]);
                }
            }
        }
        if self.cx.g.s.defun_primitive.is(head) {
            self.note_defined(car(cdr(form)));
        }
        if let Some(accepts) = arity::checkable(self.cx, head).and_then(arity::of_function) {
            self.check_call(&accepts, cdr(form), head, false);
        }
        let args = self.convert_args(cdr(form))?;
        if self.open_coded(head, &args) {
            return Ok(self.open_code(head, args));
        }
        if self.cx.g.s.funcall.is(head) && !args.is_empty() {
            let mut args = args;
            let f = args.remove(0);
            return Ok(Node::Call(Callee::Node(Box::new(f)), args));
        }
        if s.function.get().is_unbound() {
            self.note_undefined(head);
        }
        Ok(Node::Call(Callee::Global(head), args))
    }

    /// Remembers that this compilation unit defines a function (a `defun`
    /// anywhere, not only at top level: `(%defun 'name ...)`), in the
    /// table `sys::*defined-in-unit*` when a unit binds it: calls to it are
    /// then not reported as undefined at the end of the unit.
    fn note_defined(&mut self, quoted: Value<'gc>) {
        let Value::HashTable(known) = self.cx.g.s.defined_in_unit.value() else { return };
        if !self.cx.g.s.quote.is(car(quoted)) {
            return;
        }
        let t = self.cx.g.t;
        crate::heap::hash::put(known, self.cx.mc, car(cdr(quoted)), t);
    }

    /// Remembers a free reference to a variable that is neither declared
    /// special nor bound (in the table `sys::*undefined-variables*`, when
    /// a unit binds it), for the warning
    /// at the end of the compilation unit.
    fn note_free_variable(&mut self, name: Value<'gc>, s: Gc<'gc, Symbol<'gc>>) {
        if !s.has(flags::SPECIAL) && s.value().is_unbound() {
            self.remember(self.cx.g.s.undefined_variables, name);
        }
    }

    /// Remembers a call to a function not defined yet (a symbol, or a
    /// `(setf name)` list: the table is an EQUAL one), with where it was
    /// compiled (in the table `sys::*undefined-functions*`, when that is
    /// bound): `with-compilation-unit` warns about those still
    /// undefined at its end, and loading the runtime's own Lisp checks that
    /// no such name turned out to be a macro defined later.
    fn note_undefined(&mut self, name: Value<'gc>) {
        self.remember(self.cx.g.s.undefined_functions, name);
    }

    /// Records `name` with the current source location in the table in
    /// `var` (name -> location, in insertion order) unless it is not a
    /// table (no compilation unit) or already has an entry for `name`.
    /// A table, not a list: a file may record thousands of names.
    fn remember(&mut self, var: crate::heap::Sym<'gc>, name: Value<'gc>) {
        use crate::heap::hash;
        let Value::HashTable(known) = var.value() else { return };
        if hash::get(known, name).is_none() {
            hash::put(known, self.cx.mc, name, self.cx.g.s.source_location.value());
        }
    }

    /// Calls a macro function on `form` in the current environment.
    /// An error the expander signals does not stop the compilation: the
    /// form becomes code that signals a program-error when it runs
    /// (`sys::%expand-for-compiler`, once the condition system is loaded).
    pub fn expand(&mut self, f: Value<'gc>, form: Value<'gc>) -> Res<'gc, Value<'gc>> {
        let env = env_object(self.cx, &self.scope);
        let guard = self.cx.g.intern_in(self.cx.mc, "SYS", "%EXPAND-FOR-COMPILER");
        let guarded = self.cx.g.sym(guard).is_some_and(|s| matches!(s.function.get(), Value::Function(_)));
        if !guarded {
            return macro_call(self.cx, f, form, env);
        }
        match self.cx.call1(guard, &[f, form, env])? {
            Value::Cons(c) => Ok(c.car()),
            message => {
                let text = message.as_string().unwrap_or_default();
                Err(self.cx.program_error(&text))
            }
        }
    }

    /// Applies the compiler macro `f` to `form`: its expansion, or `None`
    /// when it signals an error no handler outside takes
    /// (`sys::%expand-compiler-macro`; before that is defined, the error
    /// stops the compilation).
    fn expand_compiler_macro(&mut self, f: Value<'gc>, form: Value<'gc>) -> Res<'gc, Option<Value<'gc>>> {
        let env = env_object(self.cx, &self.scope);
        let apply = self.cx.g.intern_in(self.cx.mc, "SYS", "%EXPAND-COMPILER-MACRO");
        if !self.cx.g.sym(apply).is_some_and(|s| matches!(s.function.get(), Value::Function(_))) {
            return macro_call(self.cx, f, form, env).map(Some);
        }
        Ok(match self.cx.call1(apply, &[f, form, env])? {
            Value::Cons(c) => Some(c.car()),
            _ => None,
        })
    }

    /// Whether a call to standard function `head` with these args is open-coded.
    fn open_coded(&self, head: Value<'gc>, args: &[Node<'gc>]) -> bool {
        let s = &self.cx.g.s;
        let n = args.len();
        let binary = [s.minus, s.lt, s.gt, s.le, s.ge, s.num_eq, s.eq, s.cons];
        let unary = [s.one_plus, s.one_minus, s.car, s.cdr, s.not, s.null];
        (s.plus.is(head) && n >= 2) || (n == 2 && binary.iter().any(|b| b.is(head))) || (n == 1 && unary.iter().any(|u| u.is(head)))
    }

    fn open_code(&self, head: Value<'gc>, args: Vec<Node<'gc>>) -> Node<'gc> {
        let s = &self.cx.g.s;
        let table = [
            (s.minus, Op::Sub),
            (s.lt, Op::Lt),
            (s.gt, Op::Gt),
            (s.le, Op::Le),
            (s.ge, Op::Ge),
            (s.num_eq, Op::NumEq),
            (s.eq, Op::Eq),
            (s.cons, Op::Cons),
            (s.one_plus, Op::Inc),
            (s.one_minus, Op::Dec),
            (s.car, Op::Car),
            (s.cdr, Op::Cdr),
            (s.not, Op::Not),
            (s.null, Op::Not),
        ];
        if s.plus.is(head) {
            let mut it = args.into_iter();
            let first = it.next().unwrap();
            return it.fold(first, |acc, x| Node::Prim(Op::Add, vec![acc, x]));
        }
        let op = table.iter().find(|(sym, _)| sym.is(head)).map(|(_, op)| *op).unwrap();
        Node::Prim(op, args)
    }

    fn special_form(&mut self, form: Value<'gc>, head: Value<'gc>) -> Res<'gc, Node<'gc>> {
        let g = self.cx.g;
        let s = &g.s;
        let args = cdr(form);
        let a = self.items(args, "special form")?;
        let nargs = a.len();
        let need = |this: &Self, min: usize, max: usize| -> Res<'gc, ()> {
            if nargs < min || nargs > max {
                let name = crate::heap::package::sym_name(head);
                Err(this.err(&format!("wrong number of arguments in {name} form")))
            } else {
                Ok(())
            }
        };
        if s.quote.is(head) {
            need(self, 1, 1)?;
            return Ok(Node::Const(a[0]));
        }
        if s.if_.is(head) {
            need(self, 2, 3)?;
            let test = self.convert(a[0])?;
            let then = self.convert(a[1])?;
            let els = if nargs == 3 { self.convert(a[2])? } else { Node::Const(Value::Nil) };
            return Ok(Node::If(Box::new(test), Box::new(then), Box::new(els)));
        }
        if s.progn.is(head) {
            return self.convert_progn(args);
        }
        if s.setq.is(head) {
            return self.convert_setq(&a);
        }
        if s.let_.is(head) || s.let_star.is(head) {
            need(self, 1, usize::MAX)?;
            return self.convert_let(a[0], cdr(args), s.let_star.is(head));
        }
        if s.function.is(head) {
            need(self, 1, 1)?;
            return self.convert_function_designator(a[0]);
        }
        if s.block.is(head) {
            need(self, 1, usize::MAX)?;
            return self.convert_block(a[0], cdr(args));
        }
        if s.return_from.is(head) {
            need(self, 1, 2)?;
            return self.convert_return_from(a[0], a.get(1).copied().unwrap_or(Value::Nil));
        }
        if s.tagbody.is(head) {
            return self.convert_tagbody(&a);
        }
        if s.go.is(head) {
            need(self, 1, 1)?;
            return self.convert_go(a[0]);
        }
        if s.catch.is(head) {
            need(self, 1, usize::MAX)?;
            let tag = self.convert(a[0])?;
            let body = self.convert_progn(cdr(args))?;
            return Ok(Node::Catch { tag: Box::new(tag), body: Box::new(body) });
        }
        if s.throw.is(head) {
            need(self, 2, 2)?;
            let tag = self.convert(a[0])?;
            let value = self.convert(a[1])?;
            return Ok(Node::Throw { tag: Box::new(tag), value: Box::new(value) });
        }
        if s.unwind_protect.is(head) {
            need(self, 1, usize::MAX)?;
            self.protect_depth += 1;
            let protected = self.convert(a[0]);
            self.protect_depth -= 1;
            let protected = protected?;
            let cleanup = self.convert_progn(cdr(args))?;
            return Ok(Node::Protect { form: Box::new(protected), cleanup: Box::new(cleanup) });
        }
        if s.flet.is(head) || s.labels.is(head) {
            need(self, 1, usize::MAX)?;
            return self.convert_flet(a[0], cdr(args), s.labels.is(head));
        }
        if s.macrolet.is(head) {
            need(self, 1, usize::MAX)?;
            return self.convert_macrolet(a[0], cdr(args));
        }
        if s.symbol_macrolet.is(head) {
            need(self, 1, usize::MAX)?;
            return self.convert_symbol_macrolet(a[0], cdr(args));
        }
        if s.locally.is(head) {
            let mark = self.scope.len();
            let body = self.parse_body(args, false)?;
            self.declare_free(&body);
            let r = self.convert_progn(body.forms);
            self.scope.truncate(mark);
            return r;
        }
        if s.the.is(head) {
            need(self, 2, 2)?;
            return self.convert(a[1]);
        }
        if s.eval_when.is(head) {
            need(self, 1, usize::MAX)?;
            let situations = self.items(a[0], "eval-when situations")?;
            let exec = situations.iter().any(|x| s.kw_execute.is(*x) || s.eval.is(*x));
            return if exec { self.convert_progn(cdr(args)) } else { Ok(Node::Const(Value::Nil)) };
        }
        if s.multiple_value_call.is(head) {
            need(self, 1, usize::MAX)?;
            let f = self.convert(a[0])?;
            let rest = a[1..].iter().map(|x| self.convert(*x)).collect::<Res<Vec<_>>>()?;
            return Ok(Node::MvCall { f: Box::new(f), args: rest });
        }
        if s.multiple_value_prog1.is(head) {
            need(self, 1, usize::MAX)?;
            let first = self.convert(a[0])?;
            let rest = a[1..].iter().map(|x| self.convert(*x)).collect::<Res<Vec<_>>>()?;
            return Ok(Node::MvProg1 { first: Box::new(first), rest });
        }
        if s.multiple_value_bind.is(head) {
            need(self, 2, usize::MAX)?;
            return self.convert_mvbind(a[0], a[1], cdr(cdr(args)));
        }
        if s.progv.is(head) {
            need(self, 2, usize::MAX)?;
            let syms = self.convert(a[0])?;
            let vals = self.convert(a[1])?;
            let body = self.convert_progn(cdr(cdr(args)))?;
            return Ok(Node::Progv { syms: Box::new(syms), vals: Box::new(vals), body: Box::new(body) });
        }
        if s.load_time_value.is(head) {
            need(self, 1, 2)?;
            // Under compile-file the hook hoists the form into a top-level
            // form of its own, run when the fasl loads, that sets the
            // variable it returns; elsewhere the form runs now.
            let hook = s.load_time_value_hook.value();
            if matches!(hook, Value::Function(_)) {
                let var = self.cx.call1(hook, &[a[0]])?;
                let mc = self.cx.mc;
                let read = crate::heap::list(mc, &[s.symbol_value.into(), crate::heap::list(mc, &[s.quote.into(), var])]);
                return self.convert(read);
            }
            let v = super::eval_now(self.cx, a[0])?;
            return Ok(Node::Const(v));
        }
        let name = crate::heap::package::sym_name(head);
        Err(self.err(&format!("special operator {name} is not supported by the compiler")))
    }

    fn convert_setq(&mut self, a: &[Value<'gc>]) -> Res<'gc, Node<'gc>> {
        if a.len() % 2 != 0 {
            return Err(self.err("odd number of arguments to SETQ"));
        }
        let mut out = Vec::new();
        for pair in a.chunks(2) {
            let (name, val) = (pair[0], pair[1]);
            let Value::Symbol(sym) = name else {
                let shown = self.show(name);
                return Err(self.err(&format!("cannot SETQ {shown}: not a variable name")));
            };
            let node = match lookup_var(&self.scope, name) {
                VarMeaning::Lexical(v) if v != usize::MAX => {
                    self.use_var(v);
                    self.vars[v].assigned = true;
                    Node::SetVar(v, Box::new(self.convert(val)?))
                }
                VarMeaning::SymbolMacro(exp) => self.setf_form(exp, val)?,
                VarMeaning::Free if global_symbol_macro(self.cx, sym).is_some() => {
                    let exp = global_symbol_macro(self.cx, sym).unwrap();
                    self.setf_form(exp, val)?
                }
                meaning => {
                    if sym.has(flags::CONSTANT) {
                        return Err(self.err(&format!("cannot SETQ the constant {}", sym.name)));
                    }
                    if matches!(meaning, VarMeaning::Free) {
                        self.note_free_variable(name, sym);
                    }
                    Node::SetGlobal(name, Box::new(self.convert(val)?))
                }
            };
            out.push(node);
        }
        Ok(match out.len() {
            0 => Node::Const(Value::Nil),
            1 => out.pop().unwrap(),
            _ => Node::Progn(out),
        })
    }

    /// `(setf place value)` for a symbol macro's expansion.
    fn setf_form(&mut self, place: Value<'gc>, val: Value<'gc>) -> Res<'gc, Node<'gc>> {
        let mc = self.cx.mc;
        let form = crate::heap::list(mc, &[self.cx.g.s.setf.into(), place, val]);
        self.convert(form)
    }

    fn convert_let(&mut self, bindings: Value<'gc>, body: Value<'gc>, sequential: bool) -> Res<'gc, Node<'gc>> {
        let mark = self.scope.len();
        let b = self.parse_body(body, false)?;
        let specs = self.items(bindings, "LET bindings")?;
        let mut parsed = Vec::new();
        for spec in specs {
            let (name, init) = match spec {
                Value::Cons(c) => {
                    let rest = self.items(c.cdr(), "LET binding")?;
                    if rest.len() > 1 {
                        return Err(self.err("malformed LET binding: more than one init form"));
                    }
                    (c.car(), rest.first().copied().unwrap_or(Value::Nil))
                }
                other => (other, Value::Nil),
            };
            parsed.push((name, init));
        }
        let mut binds = Vec::new();
        if sequential {
            for (name, init) in parsed {
                let node = self.convert(init)?;
                let bind = self.bind(name, &b.specials)?;
                binds.push((bind, node));
            }
        } else {
            let nodes = parsed.iter().map(|(_, init)| self.convert(*init)).collect::<Res<Vec<_>>>()?;
            for ((name, _), node) in parsed.into_iter().zip(nodes) {
                let bind = self.bind(name, &b.specials)?;
                binds.push((bind, node));
            }
        }
        self.declare_free(&b);
        let body = self.convert_progn(b.forms);
        self.scope.truncate(mark);
        Ok(Node::Let { binds, body: Box::new(body?), sequential })
    }

    fn convert_mvbind(&mut self, vars: Value<'gc>, value: Value<'gc>, body: Value<'gc>) -> Res<'gc, Node<'gc>> {
        let value = self.convert(value)?;
        let mark = self.scope.len();
        let b = self.parse_body(body, false)?;
        let names = self.items(vars, "MULTIPLE-VALUE-BIND variables")?;
        let mut binds = Vec::new();
        for n in names {
            binds.push(self.bind(n, &b.specials)?);
        }
        self.declare_free(&b);
        let body = self.convert_progn(b.forms);
        self.scope.truncate(mark);
        Ok(Node::MvBind { vars: binds, value: Box::new(value), body: Box::new(body?) })
    }

    /// `(function x)`: a global or local function, or a lambda expression.
    fn convert_function_designator(&mut self, x: Value<'gc>) -> Res<'gc, Node<'gc>> {
        let s = &self.cx.g.s;
        if let Value::Cons(c) = x {
            let head = c.car();
            if s.lambda.is(head) && c.cdr().as_cons().is_some() {
                let lam = self.convert_lambda(Value::Nil, car(c.cdr()), cdr(c.cdr()), x)?;
                return Ok(Node::Lambda(Box::new(lam)));
            }
            if self.cx.g.s.named_lambda.is(head) && cdr(c.cdr()).as_cons().is_some() {
                let rest = c.cdr();
                let lam = self.convert_lambda(car(rest), car(cdr(rest)), cdr(cdr(rest)), x)?;
                return Ok(Node::Lambda(Box::new(lam)));
            }
            if is_function_name(self.cx, x) {
                if let FunMeaning::Local(v) = lookup_fun(&self.scope, x) {
                    if v != usize::MAX {
                        self.use_var(v);
                        return Ok(Node::Var(v));
                    }
                }
                let sym = car(c.cdr());
                if self.cx.g.sym(sym).is_some_and(|s| s.setf_function.get().is_unbound()) {
                    self.note_undefined(x);
                }
                return Ok(Node::SetfFunction(sym));
            }
        }
        if x.is_symbol() {
            return match lookup_fun(&self.scope, x) {
                FunMeaning::Local(v) if v != usize::MAX => {
                    self.use_var(v);
                    Ok(Node::Var(v))
                }
                FunMeaning::Macro(_) => {
                    let shown = self.show(x);
                    Err(self.err(&format!("{shown} names a local macro, not a function")))
                }
                _ => Ok(Node::Function(x)),
            };
        }
        let shown = self.show(x);
        Err(self.err(&format!("{shown} is not a function name or lambda expression")))
    }

    /// Converts a lambda (in a new function) with its lambda list and body.
    pub fn convert_lambda(&mut self, name: Value<'gc>, ll: Value<'gc>, body: Value<'gc>, whole: Value<'gc>) -> Res<'gc, Lambda<'gc>> {
        let fun = self.funs.len();
        self.funs.push(FunInfo { parent: Some(self.fun), free: Vec::new() });
        let saved = (self.fun, self.protect_depth, self.scope.len());
        self.fun = fun;
        self.protect_depth = 0;
        let r = self.lambda_inner(fun, name, ll, body, whole);
        self.fun = saved.0;
        self.protect_depth = saved.1;
        self.scope.truncate(saved.2);
        match r {
            // A malformed lambda list: as in SBCL, the function exists and
            // signals the error whenever it is called.
            Err(Ctl::Error(spec)) if self.cx.g.s.program_error.is(spec.kind) => {
                let args = self.vars.len();
                self.vars.push(VarInfo { name: Value::Nil, fun, captured: false, assigned: false });
                let body = self.deferred_error(*spec);
                Ok(Lambda {
                    fun,
                    name,
                    req: Vec::new(),
                    opt: Vec::new(),
                    rest: Some(Bind::Lex(args)),
                    has_keys: false,
                    keys: Vec::new(),
                    allow_other_keys: false,
                    aux: Vec::new(),
                    body,
                })
            }
            r => r,
        }
    }

    fn lambda_inner(&mut self, fun: FunId, name: Value<'gc>, ll: Value<'gc>, body: Value<'gc>, whole: Value<'gc>) -> Res<'gc, Lambda<'gc>> {
        let s = &self.cx.g.s;
        let (k_opt, k_rest, k_body, k_key, k_aok, k_aux) = (s.optional, s.rest, s.body, s.key, s.allow_other_keys, s.aux);
        let b = self.parse_body(body, true)?;
        let items = list_to_vec(ll).map_err(|_| {
            let shown = crate::printer::to_string(self.cx, whole, true).unwrap_or_default();
            self.cx.program_error(&format!("malformed lambda list in {shown}"))
        })?;
        let mut lam = Lambda {
            fun,
            name,
            req: Vec::new(),
            opt: Vec::new(),
            rest: None,
            has_keys: false,
            keys: Vec::new(),
            allow_other_keys: false,
            aux: Vec::new(),
            body: Node::Const(Value::Nil),
        };
        #[derive(PartialEq)]
        enum St {
            Req,
            Opt,
            Rest,
            AfterRest,
            Key,
            Aux,
        }
        let mut st = St::Req;
        for item in items {
            if k_opt.is(item) && st == St::Req {
                st = St::Opt;
                continue;
            }
            if (k_rest.is(item) || k_body.is(item)) && matches!(st, St::Req | St::Opt) {
                st = St::Rest;
                continue;
            }
            if k_key.is(item) && matches!(st, St::Req | St::Opt | St::AfterRest) {
                st = St::Key;
                lam.has_keys = true;
                continue;
            }
            if k_aok.is(item) && st == St::Key {
                lam.allow_other_keys = true;
                continue;
            }
            if k_aux.is(item) && st != St::Rest {
                st = St::Aux;
                continue;
            }
            if let Value::Symbol(sy) = item {
                if sy.name.starts_with('&') && matches!(sy.package.get(), Value::Package(p) if std::ptr::eq(p.as_ref(), self.cx.g.p.cl.as_ref())) {
                    let shown = self.show(whole);
                    return Err(self.err(&format!("misplaced {} in lambda list of {shown}", sy.name)));
                }
            }
            match st {
                St::Req => {
                    let bind = self.bind(item, &b.specials)?;
                    lam.req.push(bind);
                }
                St::Opt => {
                    let (var, init, sp) = self.param_spec(item)?;
                    let init = self.convert(init)?;
                    let bind = self.bind(var, &b.specials)?;
                    let sp = match sp {
                        Some(p) => Some(self.bind(p, &b.specials)?),
                        None => None,
                    };
                    lam.opt.push((bind, init, sp));
                }
                St::Rest => {
                    lam.rest = Some(self.bind(item, &b.specials)?);
                    st = St::AfterRest;
                }
                St::AfterRest => {
                    let shown = self.show(whole);
                    return Err(self.err(&format!("more than one &rest variable in lambda list of {shown}")));
                }
                St::Key => {
                    let (var_spec, init, sp) = self.param_spec(item)?;
                    let (key, var) = match var_spec {
                        Value::Cons(c) => (c.car(), car(c.cdr())),
                        v => {
                            let kname = crate::heap::package::sym_name(v).to_string();
                            (self.cx.g.intern_in(self.cx.mc, "KEYWORD", &kname), v)
                        }
                    };
                    let init = self.convert(init)?;
                    let bind = self.bind(var, &b.specials)?;
                    let sp = match sp {
                        Some(p) => Some(self.bind(p, &b.specials)?),
                        None => None,
                    };
                    lam.keys.push((key, bind, init, sp));
                }
                St::Aux => {
                    let (var, init, _) = self.param_spec(item)?;
                    let init = self.convert(init)?;
                    let bind = self.bind(var, &b.specials)?;
                    lam.aux.push((bind, init));
                }
            }
        }
        if st == St::Rest {
            let shown = self.show(whole);
            return Err(self.err(&format!("&rest without a variable in lambda list of {shown}")));
        }
        self.declare_free(&b);
        lam.body = self.convert_progn(b.forms)?;
        Ok(lam)
    }

    /// `var`, `(var)`, `(var init)` or `(var init supplied-p)`.
    fn param_spec(&mut self, item: Value<'gc>) -> Res<'gc, (Value<'gc>, Value<'gc>, Option<Value<'gc>>)> {
        match item {
            Value::Cons(_) => {
                let parts = self.items(item, "parameter specifier")?;
                if parts.len() > 3 {
                    let shown = self.show(item);
                    return Err(self.err(&format!("malformed parameter specifier {shown}")));
                }
                Ok((parts[0], parts.get(1).copied().unwrap_or(Value::Nil), parts.get(2).copied()))
            }
            v => Ok((v, Value::Nil, None)),
        }
    }

    fn convert_block(&mut self, name: Value<'gc>, body: Value<'gc>) -> Res<'gc, Node<'gc>> {
        if !name.is_symbol() {
            let shown = self.show(name);
            return Err(self.err(&format!("block name {shown} is not a symbol")));
        }
        let token = self.new_var(name);
        let id = self.blocks.len();
        self.blocks.push(BlockInfo { name, fun: self.fun, nonlocal: false, local_exits: false, token, protect_depth: self.protect_depth });
        self.scope.push(Scope::Block { name, id });
        let body = self.convert_progn(body);
        self.scope.pop();
        Ok(Node::Block { id, body: Box::new(body?) })
    }

    fn convert_return_from(&mut self, name: Value<'gc>, value: Value<'gc>) -> Res<'gc, Node<'gc>> {
        let found = self.scope.iter().rev().find_map(|s| match *s {
            Scope::Block { name: n, id } if n.eq(name) => Some(id),
            _ => None,
        });
        let Some(id) = found else {
            let shown = self.show(name);
            return Err(self.err(&format!("return for unknown block: {shown}")));
        };
        let b = &self.blocks[id];
        let nonlocal = b.fun != self.fun || self.protect_depth > b.protect_depth;
        if nonlocal {
            self.blocks[id].nonlocal = true;
            let token = self.blocks[id].token;
            self.use_var(token);
        } else {
            self.blocks[id].local_exits = true;
        }
        let value = self.convert(value)?;
        Ok(Node::ReturnFrom { id, value: Box::new(value), nonlocal })
    }

    fn convert_tagbody(&mut self, a: &[Value<'gc>]) -> Res<'gc, Node<'gc>> {
        let id = self.tagbodies.len();
        let token = self.new_var(Value::Nil);
        let mark = self.scope.len();
        let mut ntags = 0;
        for &x in a {
            if !matches!(x, Value::Cons(_)) {
                self.scope.push(Scope::Tag { tag: x, id, index: ntags });
                ntags += 1;
            }
        }
        self.tagbodies.push(TagbodyInfo { fun: self.fun, nonlocal: false, local_exits: false, token, protect_depth: self.protect_depth, ntags });
        let mut items = Vec::new();
        let mut tag_index = 0;
        for &x in a {
            if matches!(x, Value::Cons(_)) {
                match self.convert(x) {
                    Ok(n) => items.push(Item::Form(n)),
                    Err(e) => {
                        self.scope.truncate(mark);
                        return Err(e);
                    }
                }
            } else {
                items.push(Item::Tag(tag_index));
                tag_index += 1;
            }
        }
        self.scope.truncate(mark);
        Ok(Node::Tagbody { id, items })
    }

    fn convert_go(&mut self, tag: Value<'gc>) -> Res<'gc, Node<'gc>> {
        let found = self.scope.iter().rev().find_map(|s| match *s {
            Scope::Tag { tag: t, id, index } if t.eql(tag) => Some((id, index)),
            _ => None,
        });
        let Some((id, index)) = found else {
            let shown = self.show(tag);
            return Err(self.err(&format!("attempt to GO to nonexistent tag: {shown}")));
        };
        let tb = &self.tagbodies[id];
        let nonlocal = tb.fun != self.fun || self.protect_depth > tb.protect_depth;
        if nonlocal {
            self.tagbodies[id].nonlocal = true;
            let token = self.tagbodies[id].token;
            self.use_var(token);
        } else {
            self.tagbodies[id].local_exits = true;
        }
        Ok(Node::Go { id, tag: index, nonlocal })
    }

    fn convert_flet(&mut self, defs: Value<'gc>, body: Value<'gc>, labels: bool) -> Res<'gc, Node<'gc>> {
        let defs = self.items(defs, "function bindings")?;
        let mark = self.scope.len();
        let mut parsed = Vec::new();
        for d in defs {
            let parts = self.items(d, "function binding")?;
            if parts.len() < 2 || !is_function_name(self.cx, parts[0]) {
                let shown = self.show(d);
                return Err(self.err(&format!("malformed function binding {shown}")));
            }
            parsed.push((parts[0], car(cdr(d)), cdr(cdr(d)), d));
        }
        let b = self.parse_body(body, false)?;
        if labels {
            let mut vars = Vec::new();
            for (name, ..) in &parsed {
                let v = self.new_var(*name);
                self.vars[v].assigned = true;
                self.scope.push(Scope::Fun { name: *name, var: v });
                vars.push(v);
            }
            let mut funs = Vec::new();
            for ((name, ll, fbody, whole), v) in parsed.into_iter().zip(vars) {
                let lam = self.flet_lambda(name, ll, fbody, whole)?;
                funs.push((v, lam));
            }
            self.declare_free(&b);
            let body = self.convert_progn(b.forms);
            self.scope.truncate(mark);
            Ok(Node::Labels { funs, body: Box::new(body?) })
        } else {
            let mut lams = Vec::new();
            for (name, ll, fbody, whole) in parsed {
                lams.push((name, self.flet_lambda(name, ll, fbody, whole)?));
            }
            let mut binds = Vec::new();
            for (name, lam) in lams {
                let v = self.new_var(name);
                self.scope.push(Scope::Fun { name, var: v });
                binds.push((Bind::Lex(v), Node::Lambda(Box::new(lam))));
            }
            self.declare_free(&b);
            let body = self.convert_progn(b.forms);
            self.scope.truncate(mark);
            Ok(Node::Let { binds, body: Box::new(body?), sequential: false })
        }
    }

    /// A local function's lambda: its body is in a block named after it.
    fn flet_lambda(&mut self, name: Value<'gc>, ll: Value<'gc>, body: Value<'gc>, whole: Value<'gc>) -> Res<'gc, Lambda<'gc>> {
        let mc = self.cx.mc;
        let block_name = match name {
            Value::Cons(c) => car(c.cdr()),
            v => v,
        };
        let b = super::split_body(self.cx, body);
        let block = crate::heap::cons::cons(mc, self.cx.g.s.block.into(), crate::heap::cons::cons(mc, block_name, b.1));
        let new_body = crate::heap::cons::list_with_tail(mc, &b.0, crate::heap::list(mc, &[block]));
        self.convert_lambda(name, ll, new_body, whole)
    }

    fn convert_macrolet(&mut self, defs: Value<'gc>, body: Value<'gc>) -> Res<'gc, Node<'gc>> {
        let defs = self.items(defs, "macro bindings")?;
        let mark = self.scope.len();
        super::guard::push_region(self.cx, self.cx.g.s.macrolet.into());
        let macros = match (local_macros(self.cx, &self.scope, &defs), super::guard::pop_region(self.cx)) {
            (Err(Ctl::Error(spec)), true) => return Ok(self.deferred_error(*spec)),
            (r, _) => r?,
        };
        for (name, fun) in macros {
            self.scope.push(Scope::Macro { name, fun });
        }
        let r = self.locally(body);
        self.scope.truncate(mark);
        r
    }

    fn convert_symbol_macrolet(&mut self, defs: Value<'gc>, body: Value<'gc>) -> Res<'gc, Node<'gc>> {
        let defs = self.items(defs, "symbol macro bindings")?;
        let mark = self.scope.len();
        for d in defs {
            let parts = self.items(d, "symbol macro binding")?;
            let (2, Some(&Value::Symbol(sym))) = (parts.len(), parts.first()) else {
                let shown = self.show(d);
                return Err(self.err(&format!("malformed symbol macro binding {shown}")));
            };
            if sym.has(flags::CONSTANT) || sym.has(flags::KEYWORD) {
                return Err(self.err(&format!("cannot bind the constant {} with SYMBOL-MACROLET", sym.name)));
            }
            if sym.has(flags::SPECIAL) {
                return Err(self.err(&format!("cannot bind the special variable {} with SYMBOL-MACROLET", sym.name)));
            }
            self.scope.push(Scope::SymbolMacro { name: parts[0], expansion: parts[1] });
        }
        let b = self.parse_body(body, false)?;
        let bound_here = &self.scope[mark..];
        if let Some(&name) = b.specials.iter().find(|n| bound_here.iter().any(|s| matches!(*s, Scope::SymbolMacro { name, .. } if name.eq(**n)))) {
            let shown = self.show(name);
            return Err(self.err(&format!("{shown} is a symbol macro and cannot be declared special")));
        }
        self.declare_free(&b);
        let r = self.convert_progn(b.forms);
        self.scope.truncate(mark);
        r
    }

    fn locally(&mut self, body: Value<'gc>) -> Res<'gc, Node<'gc>> {
        let b = self.parse_body(body, false)?;
        self.declare_free(&b);
        self.convert_progn(b.forms)
    }
}

/// The macro functions of MACROLET definitions `(name lambda-list . body)`
/// met in `scope`; each sees only the macros and symbol macros around it.
pub fn local_macros<'gc>(cx: &mut Cx<'gc, '_>, scope: &[Scope<'gc>], defs: &[Value<'gc>]) -> Res<'gc, Vec<(Value<'gc>, Value<'gc>)>> {
    let visible: Vec<Scope<'gc>> = scope.iter().filter(|s| matches!(s, Scope::Macro { .. } | Scope::SymbolMacro { .. })).copied().collect();
    let mut macros = Vec::new();
    for &d in defs {
        let name = car(d);
        let lambda = super::destructure::macro_lambda(cx, name, car(cdr(d)), cdr(cdr(d)))?;
        macros.push((name, super::compile_function(cx, lambda, visible.clone())?));
    }
    Ok(macros)
}

/// Whether `x` is a function name: a symbol or `(setf symbol)`.
pub fn is_function_name<'gc>(cx: &Cx<'gc, '_>, x: Value<'gc>) -> bool {
    match x {
        Value::Cons(c) => cx.g.s.setf.is(c.car()) && matches!(c.cdr(), Value::Cons(r) if r.car().is_symbol() && r.cdr().is_nil()),
        v => v.is_symbol(),
    }
}

/// Calls macro function `f` on `form` through `*macroexpand-hook*`.
pub fn macro_call<'gc>(cx: &mut Cx<'gc, '_>, f: Value<'gc>, form: Value<'gc>, env: Value<'gc>) -> Result<Value<'gc>, Ctl<'gc>> {
    let hook = cx.g.s.macroexpand_hook.value();
    let funcall = cx.g.s.funcall;
    let direct = hook.is_nil() || funcall.is(hook) || matches!(hook, Value::Function(h) if funcall.0.function.get().eq(Value::Function(h)));
    if direct {
        cx.call1(f, &[form, env])
    } else {
        cx.call1(hook, &[f, form, env])
    }
}

/// The expansion of a global symbol macro (`define-symbol-macro`), kept
/// on the symbol's plist under `sys::symbol-macro`.
pub fn global_symbol_macro<'gc>(cx: &Cx<'gc, '_>, s: Gc<'gc, Symbol<'gc>>) -> Option<Value<'gc>> {
    let key = cx.g.s.symbol_macro_key;
    let mut l = s.plist.get();
    while let Value::Cons(c) = l {
        let rest = c.cdr();
        if key.is(c.car()) {
            return Some(car(rest));
        }
        l = cdr(rest);
    }
    None
}
