//! The compiler's intermediate form: macroexpanded code with every
//! variable, block and tag resolved to an id. Pass 1 (`convert`) builds it
//! and records which variables closures capture and which are assigned;
//! pass 2 (`emit`) turns it into bytecode.

use crate::bytecode::Op;
use crate::heap::Value;

pub type VarId = usize;
pub type FunId = usize;
pub type BlockId = usize;
pub type TagbodyId = usize;

/// A variable binding: lexical, or a special variable's dynamic binding.
#[derive(Clone, Copy)]
pub enum Bind<'gc> {
    Lex(VarId),
    Special(Value<'gc>),
}

pub enum Callee<'gc> {
    Global(Value<'gc>),
    Node(Box<Node<'gc>>),
}

pub enum Item<'gc> {
    Tag(usize),
    Form(Node<'gc>),
}

pub enum Node<'gc> {
    Const(Value<'gc>),
    Var(VarId),
    SetVar(VarId, Box<Node<'gc>>),
    Global(Value<'gc>),
    SetGlobal(Value<'gc>, Box<Node<'gc>>),
    /// `(function name)` / `(function (setf name))` of a global function.
    Function(Value<'gc>),
    SetfFunction(Value<'gc>),
    If(Box<Node<'gc>>, Box<Node<'gc>>, Box<Node<'gc>>),
    Progn(Vec<Node<'gc>>),
    /// LET (`sequential` false: specials are bound after all inits) and LET*.
    Let { binds: Vec<(Bind<'gc>, Node<'gc>)>, body: Box<Node<'gc>>, sequential: bool },
    Call(Callee<'gc>, Vec<Node<'gc>>),
    /// An open-coded standard function.
    Prim(Op, Vec<Node<'gc>>),
    Lambda(Box<Lambda<'gc>>),
    /// LABELS: the variables exist (and are boxed if captured) before the closures.
    Labels { funs: Vec<(VarId, Lambda<'gc>)>, body: Box<Node<'gc>> },
    Block { id: BlockId, body: Box<Node<'gc>> },
    ReturnFrom { id: BlockId, value: Box<Node<'gc>>, nonlocal: bool },
    Tagbody { id: TagbodyId, items: Vec<Item<'gc>> },
    Go { id: TagbodyId, tag: usize, nonlocal: bool },
    Catch { tag: Box<Node<'gc>>, body: Box<Node<'gc>> },
    Throw { tag: Box<Node<'gc>>, value: Box<Node<'gc>> },
    Protect { form: Box<Node<'gc>>, cleanup: Box<Node<'gc>> },
    MvCall { f: Box<Node<'gc>>, args: Vec<Node<'gc>> },
    MvProg1 { first: Box<Node<'gc>>, rest: Vec<Node<'gc>> },
    MvBind { vars: Vec<Bind<'gc>>, value: Box<Node<'gc>>, body: Box<Node<'gc>> },
    Progv { syms: Box<Node<'gc>>, vals: Box<Node<'gc>>, body: Box<Node<'gc>> },
    Values(Vec<Node<'gc>>),
}

/// A lambda after lambda-list parsing.
pub struct Lambda<'gc> {
    pub fun: FunId,
    pub name: Value<'gc>,
    pub req: Vec<Bind<'gc>>,
    pub opt: Vec<(Bind<'gc>, Node<'gc>, Option<Bind<'gc>>)>,
    pub rest: Option<Bind<'gc>>,
    pub has_keys: bool,
    pub keys: Vec<(Value<'gc>, Bind<'gc>, Node<'gc>, Option<Bind<'gc>>)>,
    pub allow_other_keys: bool,
    pub aux: Vec<(Bind<'gc>, Node<'gc>)>,
    pub body: Node<'gc>,
}

pub struct VarInfo<'gc> {
    pub name: Value<'gc>,
    pub fun: FunId,
    pub captured: bool,
    pub assigned: bool,
}

impl VarInfo<'_> {
    /// Captured variables that are assigned live in cells.
    pub fn boxed(&self) -> bool {
        self.captured && self.assigned
    }
}

pub struct FunInfo {
    pub parent: Option<FunId>,
    /// Variables of enclosing functions this function refers to, in env order.
    pub free: Vec<VarId>,
}

pub struct BlockInfo<'gc> {
    pub name: Value<'gc>,
    pub fun: FunId,
    /// Exited from a closure or across an unwind-protect: needs a runtime exit point.
    pub nonlocal: bool,
    /// Has local exits from nested positions (needs a stack/dynamic mark).
    pub local_exits: bool,
    pub token: VarId,
    pub protect_depth: u32,
}

pub struct TagbodyInfo {
    pub fun: FunId,
    pub nonlocal: bool,
    pub local_exits: bool,
    pub token: VarId,
    pub protect_depth: u32,
    pub ntags: usize,
}
