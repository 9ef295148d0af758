//! Pass 2: `Node`s → bytecode. Each lambda becomes a `Code` object.
//! Variables live in frame slots, or in the closure environment when they
//! belong to an enclosing function; captured variables that are assigned
//! live in cells. Every expression is emitted for a context: its value
//! discarded, pushed, left in the values register, or returned (tail).

use std::collections::HashMap;

use gc_arena::{Gc, Mutation};

use super::node::*;
use crate::bytecode::{Body, Capture, Code, KeySpec, LambdaShape, LazyBody, Op};
use crate::heap::object::Object;
use crate::heap::Value;

/// What pass 1 learned, shared by all emitters.
pub struct Info<'gc> {
    pub vars: Vec<VarInfo<'gc>>,
    pub funs: Vec<FunInfo>,
    pub blocks: Vec<BlockInfo<'gc>>,
    pub tagbodies: Vec<TagbodyInfo>,
    pub t: Value<'gc>,
    /// Where the form being compiled comes from ("file:line"), for backtraces.
    pub source: Option<Box<str>>,
}

#[derive(Clone, Copy, PartialEq)]
enum Want {
    Discard,
    One,
    Mv,
}

/// Where an expression's value goes; `tail` means "and return it".
#[derive(Clone, Copy)]
struct Ctx {
    want: Want,
    tail: bool,
}

const DISCARD: Ctx = Ctx { want: Want::Discard, tail: false };
const ONE: Ctx = Ctx { want: Want::One, tail: false };
const MV: Ctx = Ctx { want: Want::Mv, tail: false };

#[derive(Clone, Copy)]
enum Loc {
    Local(u32),
    Env(u32),
}

struct BlockState {
    exit: usize,
    ctx: Ctx,
    mark: Option<u32>,
    nonlocal: bool,
}

struct TagbodyState {
    labels: Vec<usize>,
    mark: Option<u32>,
}

pub struct Emitter<'gc, 'i> {
    info: &'i Info<'gc>,
    /// The name of the function being compiled: only calls to itself are
    /// made as tail calls, so backtraces keep every other caller.
    name: Value<'gc>,
    mc: &'gc Mutation<'gc>,
    ops: Vec<Op>,
    consts: Vec<Value<'gc>>,
    nlocals: u32,
    loc: HashMap<VarId, Loc>,
    blocks: HashMap<BlockId, BlockState>,
    tagbodies: HashMap<TagbodyId, TagbodyState>,
    /// Label positions, patched into jump operands at the end.
    labels: Vec<Option<u32>>,
    fixups: Vec<usize>,
    /// Tag tables for tagbodies reachable from closures (entries are labels until patched).
    tag_tables: Vec<Vec<usize>>,
}

/// Compiles a lambda (and, recursively, the lambdas inside it); `captures`
/// says where the creating function finds each of its free variables.
pub fn emit_lambda<'gc>(info: &Info<'gc>, mc: &'gc Mutation<'gc>, lam: &Lambda<'gc>, captures: Box<[Capture]>) -> Gc<'gc, Code<'gc>> {
    let mut e = Emitter {
        info,
        name: lam.name,
        mc,
        ops: Vec::new(),
        consts: Vec::new(),
        nlocals: 0,
        loc: HashMap::new(),
        blocks: HashMap::new(),
        tagbodies: HashMap::new(),
        labels: Vec::new(),
        fixups: Vec::new(),
        tag_tables: Vec::new(),
    };
    for (j, &v) in info.funs[lam.fun].free.iter().enumerate() {
        e.loc.insert(v, Loc::Env(j as u32));
    }
    e.lambda_body(lam);
    e.finish(lam, captures)
}

impl<'gc, 'i> Emitter<'gc, 'i> {
    fn emit(&mut self, op: Op) {
        self.ops.push(op);
    }

    fn new_label(&mut self) -> usize {
        self.labels.push(None);
        self.labels.len() - 1
    }

    fn place(&mut self, l: usize) {
        self.labels[l] = Some(self.ops.len() as u32);
    }

    /// Emits a jump-like op whose label operand is patched later.
    fn emit_jump(&mut self, op: Op) {
        self.fixups.push(self.ops.len());
        self.ops.push(op);
    }

    fn alloc(&mut self, n: u32) -> u32 {
        let s = self.nlocals;
        self.nlocals += n;
        s
    }

    fn konst(&mut self, v: Value<'gc>) -> u32 {
        if let Some(i) = self.consts.iter().position(|c| c.eq(v) && !matches!(v, Value::Object(_))) {
            return i as u32;
        }
        self.consts.push(v);
        (self.consts.len() - 1) as u32
    }

    fn boxed(&self, v: VarId) -> bool {
        self.info.vars[v].boxed()
    }

    fn load_var(&mut self, v: VarId) {
        let boxed = self.boxed(v);
        let op = match (self.loc[&v], boxed) {
            (Loc::Local(i), false) => Op::Local(i),
            (Loc::Local(i), true) => Op::LocalCell(i),
            (Loc::Env(j), false) => Op::Env(j),
            (Loc::Env(j), true) => Op::EnvCell(j),
        };
        self.emit(op);
    }

    /// Stores the top of stack into `v`, leaving it there.
    fn store_var(&mut self, v: VarId) {
        let boxed = self.boxed(v);
        let op = match (self.loc[&v], boxed) {
            (Loc::Local(i), false) => Op::SetLocal(i),
            (Loc::Local(i), true) => Op::SetLocalCell(i),
            (Loc::Env(j), true) => Op::SetEnvCell(j),
            // An unboxed captured variable is never assigned (pass 1 boxes those).
            (Loc::Env(_), false) => unreachable!("assignment to an unboxed captured variable"),
        };
        self.emit(op);
    }

    /// Gives lexical `v` the local `slot` (already holding its value) and boxes it if needed.
    fn settle(&mut self, v: VarId, slot: u32) {
        self.loc.insert(v, Loc::Local(slot));
        if self.boxed(v) {
            self.emit(Op::MakeCell(slot));
        }
    }

    /// Binds `b` to the value on top of the stack; returns 1 for a special binding.
    fn bind_top(&mut self, b: Bind<'gc>) -> u32 {
        match b {
            Bind::Lex(v) => {
                let slot = self.alloc(1);
                self.emit(Op::PopLocal(slot));
                self.settle(v, slot);
                0
            }
            Bind::Special(sym) => {
                let k = self.konst(sym);
                self.emit(Op::Bind(k));
                1
            }
        }
    }

    /// Binds a parameter whose value is already in `slot`.
    fn bind_slot(&mut self, b: Bind<'gc>, slot: u32) -> u32 {
        match b {
            Bind::Lex(v) => {
                self.settle(v, slot);
                0
            }
            Bind::Special(sym) => {
                let k = self.konst(sym);
                self.emit(Op::Local(slot));
                self.emit(Op::Bind(k));
                1
            }
        }
    }

    fn pushed(&mut self, ctx: Ctx) {
        if ctx.tail {
            return self.emit(Op::Return);
        }
        match ctx.want {
            Want::Discard => self.emit(Op::Pop),
            Want::One => {}
            Want::Mv => self.emit(Op::ToMv),
        }
    }

    fn in_mv(&mut self, ctx: Ctx) {
        if ctx.tail {
            return self.emit(Op::ReturnMv);
        }
        if ctx.want == Want::One {
            self.emit(Op::MvPrimary);
        }
    }

    /// After a non-local exit (THROW, RETURN-FROM or GO through a token):
    /// should its target be gone, the error's handler may return, and the
    /// code goes on with the handler's values in the register, which are
    /// then the form's values (the bytecode verifier follows that path).
    fn after_exit(&mut self, ctx: Ctx) {
        self.in_mv(ctx);
    }

    /// Emits a body inside `n` special bindings (undone afterwards).
    fn body_with_specials(&mut self, body: &Node<'gc>, nspecial: u32, ctx: Ctx) {
        if nspecial == 0 {
            return self.node(body, ctx);
        }
        let inner = if ctx.tail { MV } else { ctx };
        self.node(body, inner);
        self.emit(Op::Unbind(nspecial));
        if ctx.tail {
            self.emit(Op::ReturnMv);
        }
    }

    fn lambda_body(&mut self, lam: &Lambda<'gc>) {
        let nparams = (lam.req.len() + lam.opt.len() + lam.rest.is_some() as usize + lam.keys.len()) as u32;
        self.nlocals = nparams;
        let mut slot = 0u32;
        let mut nspecial = 0;
        for b in &lam.req {
            nspecial += self.bind_slot(*b, slot);
            slot += 1;
        }
        for (b, init, sp) in &lam.opt {
            nspecial += self.optional_param(slot, *b, init, *sp);
            slot += 1;
        }
        if let Some(b) = lam.rest {
            nspecial += self.bind_slot(b, slot);
            slot += 1;
        }
        for (_, b, init, sp) in &lam.keys {
            nspecial += self.optional_param(slot, *b, init, *sp);
            slot += 1;
        }
        for (b, init) in &lam.aux {
            self.node(init, ONE);
            nspecial += self.bind_top(*b);
        }
        self.body_with_specials(&lam.body, nspecial, Ctx { want: Want::Mv, tail: true });
    }

    /// An &optional or &key parameter in `slot` (Unbound when not supplied).
    fn optional_param(&mut self, slot: u32, b: Bind<'gc>, init: &Node<'gc>, sp: Option<Bind<'gc>>) -> u32 {
        let mut n = 0;
        let sp_slot = sp.map(|_| self.alloc(1));
        if let Some(s) = sp_slot {
            self.emit(Op::SuppliedP(slot, s));
        }
        let done = self.new_label();
        self.emit_jump(Op::JumpIfSupplied(slot, done as u32));
        self.node(init, ONE);
        self.emit(Op::PopLocal(slot));
        self.place(done);
        n += self.bind_slot(b, slot);
        if let (Some(b), Some(s)) = (sp, sp_slot) {
            n += self.bind_slot(b, s);
        }
        n
    }

    fn finish(mut self, lam: &Lambda<'gc>, captures: Box<[Capture]>) -> Gc<'gc, Code<'gc>> {
        let labels = std::mem::take(&mut self.labels);
        let pos = |l: u32| labels[l as usize].expect("label placed");
        for &i in &self.fixups {
            self.ops[i] = match self.ops[i] {
                Op::Jump(l) => Op::Jump(pos(l)),
                Op::JumpIfNil(l) => Op::JumpIfNil(pos(l)),
                Op::JumpIfNotNil(l) => Op::JumpIfNotNil(pos(l)),
                Op::JumpIfSupplied(s, l) => Op::JumpIfSupplied(s, pos(l)),
                Op::Catch(l) => Op::Catch(pos(l)),
                Op::Block(s, l) => Op::Block(s, pos(l)),
                Op::Protect(l) => Op::Protect(pos(l)),
                other => other,
            };
        }
        let tag_tables: Box<[Box<[u32]>]> = self.tag_tables.iter().map(|t| t.iter().map(|&l| pos(l as u32)).collect()).collect();
        let shape = LambdaShape {
            nreq: lam.req.len() as u32,
            nopt: lam.opt.len() as u32,
            rest: lam.rest.is_some(),
            has_keys: lam.has_keys,
            keys: lam.keys.iter().map(|(k, ..)| KeySpec { key: *k }).collect(),
            allow_other_keys: lam.allow_other_keys,
        };
        Gc::new(
            self.mc,
            Code {
                name: lam.name,
                consts: self.consts.into_boxed_slice(),
                shape,
                nlocals: self.nlocals,
                captures,
                body: LazyBody::ready(Body { ops: self.ops.into_boxed_slice(), tag_tables, source: self.info.source.clone() }),
            },
        )
    }

    fn node(&mut self, n: &Node<'gc>, ctx: Ctx) {
        match n {
            Node::Const(v) => {
                if ctx.want == Want::Discard && !ctx.tail {
                    return;
                }
                let op = match *v {
                    Value::Nil => Op::Nil,
                    Value::Fixnum(i) if i32::try_from(i).is_ok() => Op::Fixnum(i as i32),
                    v if v.eq(self.info_t()) => Op::T,
                    v => Op::Const(self.konst(v)),
                };
                self.emit(op);
                self.pushed(ctx);
            }
            Node::Var(v) => {
                if ctx.want == Want::Discard && !ctx.tail {
                    return;
                }
                self.load_var(*v);
                self.pushed(ctx);
            }
            Node::SetVar(v, val) => {
                self.node(val, ONE);
                self.store_var(*v);
                self.pushed(ctx);
            }
            Node::Global(sym) => {
                let k = self.konst(*sym);
                self.emit(Op::Global(k));
                self.pushed(ctx);
            }
            Node::SetGlobal(sym, val) => {
                self.node(val, ONE);
                let k = self.konst(*sym);
                self.emit(Op::SetGlobal(k));
                self.pushed(ctx);
            }
            Node::Function(sym) => {
                let k = self.konst(*sym);
                self.emit(Op::Function(k));
                self.pushed(ctx);
            }
            Node::SetfFunction(sym) => {
                let k = self.konst(*sym);
                self.emit(Op::SetfFunction(k));
                self.pushed(ctx);
            }
            Node::If(test, then, els) => {
                let l_else = self.new_label();
                match &**test {
                    // (if (not x) ...) tests x directly.
                    Node::Prim(Op::Not, args) if args.len() == 1 => {
                        self.node(&args[0], ONE);
                        self.emit_jump(Op::JumpIfNotNil(l_else as u32));
                    }
                    _ => {
                        self.node(test, ONE);
                        self.emit_jump(Op::JumpIfNil(l_else as u32));
                    }
                }
                self.node(then, ctx);
                let l_end = self.new_label();
                if !ctx.tail {
                    self.emit_jump(Op::Jump(l_end as u32));
                }
                self.place(l_else);
                self.node(els, ctx);
                self.place(l_end);
            }
            Node::Progn(forms) => {
                let last = forms.len() - 1;
                for (i, f) in forms.iter().enumerate() {
                    self.node(f, if i == last { ctx } else { DISCARD });
                }
            }
            Node::Let { binds, body, sequential } => {
                let has_special = binds.iter().any(|(b, _)| matches!(b, Bind::Special(_)));
                let mut nspecial = 0;
                if *sequential || !has_special {
                    for (b, init) in binds {
                        self.node(init, ONE);
                        nspecial += self.bind_top(*b);
                    }
                } else {
                    // Evaluate every init first; lexical ones can be stored at
                    // once (nothing else can see them yet), specials bind last.
                    let mut specials = Vec::new();
                    for (b, init) in binds {
                        self.node(init, ONE);
                        match b {
                            Bind::Lex(_) => {
                                self.bind_top(*b);
                            }
                            Bind::Special(_) => specials.push(*b),
                        }
                    }
                    for b in specials.into_iter().rev() {
                        nspecial += self.bind_top(b);
                    }
                }
                self.body_with_specials(body, nspecial, ctx);
            }
            Node::Call(callee, args) => self.call(callee, args, ctx),
            Node::Prim(op, args) => {
                for a in args {
                    self.node(a, ONE);
                }
                self.emit(*op);
                self.pushed(ctx);
            }
            Node::Lambda(lam) => {
                self.closure(lam);
                self.pushed(ctx);
            }
            Node::Labels { funs, body } => {
                for (v, _) in funs {
                    let slot = self.alloc(1);
                    self.emit(Op::Nil);
                    self.emit(Op::PopLocal(slot));
                    self.settle(*v, slot);
                }
                for (v, lam) in funs {
                    self.closure(lam);
                    self.store_var(*v);
                    self.emit(Op::Pop);
                }
                self.node(body, ctx);
            }
            Node::Block { id, body } => self.block(*id, body, ctx),
            Node::ReturnFrom { id, value, nonlocal } => self.return_from(*id, value, *nonlocal, ctx),
            Node::Tagbody { id, items } => self.tagbody(*id, items, ctx),
            Node::Go { id, tag, nonlocal } => {
                if *nonlocal {
                    let token = self.info.tagbodies[*id].token;
                    self.load_var(token);
                    self.emit(Op::Go(*tag as u32));
                    self.after_exit(ctx);
                } else {
                    let st = &self.tagbodies[id];
                    let (mark, label) = (st.mark, st.labels[*tag]);
                    if let Some(m) = mark {
                        self.emit(Op::Reset(m));
                    }
                    self.emit_jump(Op::Jump(label as u32));
                }
            }
            Node::Catch { tag, body } => {
                self.node(tag, ONE);
                let exit = self.new_label();
                self.emit_jump(Op::Catch(exit as u32));
                self.node(body, MV);
                self.emit(Op::PopDyn);
                self.place(exit);
                self.in_mv(ctx);
            }
            Node::Throw { tag, value } => {
                self.node(tag, ONE);
                self.node(value, MV);
                self.emit(Op::Throw);
                self.after_exit(ctx);
            }
            Node::Protect { form, cleanup } => {
                let l_cleanup = self.new_label();
                self.emit_jump(Op::Protect(l_cleanup as u32));
                self.node(form, MV);
                self.emit(Op::ProtectNormal);
                self.place(l_cleanup);
                self.node(cleanup, DISCARD);
                self.emit(Op::ProtectEnd);
                self.in_mv(ctx);
            }
            Node::MvCall { f, args } => {
                self.node(f, ONE);
                self.emit(Op::Fixnum(0));
                for a in args {
                    self.node(a, MV);
                    self.emit(Op::MvSpread);
                }
                if ctx.want == Want::Mv || ctx.tail {
                    self.emit(Op::MvCallMv);
                    self.in_mv(ctx);
                } else {
                    self.emit(Op::MvCall);
                    self.pushed(ctx);
                }
            }
            Node::MvProg1 { first, rest } => {
                self.node(first, MV);
                self.emit(Op::MvSave);
                for r in rest {
                    self.node(r, DISCARD);
                }
                self.emit(Op::MvRestore);
                self.in_mv(ctx);
            }
            Node::MvBind { vars, value, body } => {
                self.node(value, MV);
                let n = vars.len() as u32;
                let base = self.alloc(n);
                self.emit(Op::MvBind(base, n));
                let mut nspecial = 0;
                for (j, b) in vars.iter().enumerate() {
                    nspecial += self.bind_slot(*b, base + j as u32);
                }
                self.body_with_specials(body, nspecial, ctx);
            }
            Node::Progv { syms, vals, body } => {
                let mark = self.alloc(2);
                self.emit(Op::Mark(mark));
                self.node(syms, ONE);
                self.node(vals, ONE);
                self.emit(Op::Progv);
                let inner = if ctx.tail { MV } else { ctx };
                self.node(body, inner);
                if inner.want == Want::One {
                    self.emit(Op::ToMv);
                }
                self.emit(Op::Reset(mark));
                if inner.want == Want::One {
                    self.emit(Op::MvPrimary);
                }
                if ctx.tail {
                    self.emit(Op::ReturnMv);
                }
            }
            Node::Values(vals) => match ctx.want {
                _ if ctx.tail || ctx.want == Want::Mv => {
                    for v in vals {
                        self.node(v, ONE);
                    }
                    self.emit(Op::Values(vals.len() as u32));
                    self.in_mv(ctx);
                }
                Want::One => {
                    if vals.is_empty() {
                        self.emit(Op::Nil);
                    }
                    for (i, v) in vals.iter().enumerate() {
                        self.node(v, if i == 0 { ONE } else { DISCARD });
                    }
                }
                _ => {
                    for v in vals {
                        self.node(v, DISCARD);
                    }
                }
            },
        }
    }

    fn info_t(&self) -> Value<'gc> {
        self.info.t
    }

    fn call(&mut self, callee: &Callee<'gc>, args: &[Node<'gc>], ctx: Ctx) {
        let n = args.len() as u32;
        let self_call = !self.name.is_nil()
            && match callee {
                Callee::Global(sym) => sym.eq(self.name),
                Callee::Node(f) => matches!(**f, Node::Var(v) if self.info.vars[v].name.eq(self.name)),
            };
        if ctx.tail && !self_call {
            // A full call that returns its values to our caller.
            self.call(callee, args, MV);
            self.emit(Op::ReturnMv);
            return;
        }
        match callee {
            Callee::Global(sym) => {
                for a in args {
                    self.node(a, ONE);
                }
                let k = self.konst(*sym);
                if ctx.tail {
                    self.emit(Op::TailCallGlobal(k, n));
                } else if ctx.want == Want::Mv {
                    self.emit(Op::CallGlobalMv(k, n));
                } else {
                    self.emit(Op::CallGlobal(k, n));
                    self.pushed(ctx);
                }
            }
            Callee::Node(f) => {
                self.node(f, ONE);
                for a in args {
                    self.node(a, ONE);
                }
                if ctx.tail {
                    self.emit(Op::TailCall(n));
                } else if ctx.want == Want::Mv {
                    self.emit(Op::CallMv(n));
                } else {
                    self.emit(Op::Call(n));
                    self.pushed(ctx);
                }
            }
        }
    }

    /// Pushes a closure over `lam`.
    fn closure(&mut self, lam: &Lambda<'gc>) {
        let captures: Box<[Capture]> = self.info.funs[lam.fun]
            .free
            .iter()
            .map(|v| match self.loc[v] {
                Loc::Local(i) => Capture::Local(i),
                Loc::Env(j) => Capture::Env(j),
            })
            .collect();
        let code = emit_lambda(self.info, self.mc, lam, captures);
        let k = self.konst(Value::Object(Gc::new(self.mc, Object::Code(code))));
        self.emit(Op::Closure(k));
    }

    fn block(&mut self, id: BlockId, body: &Node<'gc>, ctx: Ctx) {
        let info = &self.info.blocks[id];
        let (nonlocal, local_exits, token) = (info.nonlocal, info.local_exits, info.token);
        let exit = self.new_label();
        let mark = if local_exits {
            let m = self.alloc(2);
            self.emit(Op::Mark(m));
            Some(m)
        } else {
            None
        };
        if nonlocal {
            let slot = self.alloc(1);
            self.loc.insert(token, Loc::Local(slot));
            self.blocks.insert(id, BlockState { exit, ctx: MV, mark, nonlocal: true });
            self.emit_jump(Op::Block(slot, exit as u32));
            self.node(body, MV);
            self.emit(Op::PopDyn);
            self.place(exit);
            self.in_mv(ctx);
        } else {
            self.blocks.insert(id, BlockState { exit, ctx, mark, nonlocal: false });
            self.node(body, ctx);
            self.place(exit);
        }
    }

    fn return_from(&mut self, id: BlockId, value: &Node<'gc>, nonlocal: bool, ctx: Ctx) {
        if nonlocal {
            let token = self.info.blocks[id].token;
            self.load_var(token);
            self.node(value, MV);
            self.emit(Op::ReturnFrom);
            self.after_exit(ctx);
            return;
        }
        let st = &self.blocks[&id];
        let (exit, bctx, mark, block_nonlocal) = (st.exit, st.ctx, st.mark, st.nonlocal);
        let want = if bctx.tail { Want::Mv } else { bctx.want };
        self.node(value, Ctx { want, tail: false });
        if let Some(m) = mark {
            if want == Want::One {
                self.emit(Op::ToMv);
            }
            self.emit(Op::Reset(m));
            if want == Want::One {
                self.emit(Op::MvPrimary);
            }
        }
        if bctx.tail && !block_nonlocal {
            self.emit(Op::ReturnMv);
        } else {
            self.emit_jump(Op::Jump(exit as u32));
        }
    }

    fn tagbody(&mut self, id: TagbodyId, items: &[Item<'gc>], ctx: Ctx) {
        let info = &self.info.tagbodies[id];
        let (nonlocal, local_exits, token, ntags) = (info.nonlocal, info.local_exits, info.token, info.ntags);
        let labels: Vec<usize> = (0..ntags).map(|_| self.new_label()).collect();
        if nonlocal {
            let slot = self.alloc(1);
            self.loc.insert(token, Loc::Local(slot));
            let table = self.tag_tables.len() as u32;
            self.tag_tables.push(labels.clone());
            self.emit(Op::Tagbody(slot, table));
        }
        let mark = if local_exits {
            let m = self.alloc(2);
            self.emit(Op::Mark(m));
            Some(m)
        } else {
            None
        };
        self.tagbodies.insert(id, TagbodyState { labels: labels.clone(), mark });
        for item in items {
            match item {
                Item::Tag(i) => self.place(labels[*i]),
                Item::Form(f) => self.node(f, DISCARD),
            }
        }
        if nonlocal {
            self.emit(Op::PopDyn);
        }
        self.node(&Node::Const(Value::Nil), ctx);
    }
}
