//! A code object: the compiled form of one lambda.

use gc_arena::{static_collect, Collect};

use super::op::Op;
use crate::heap::Value;

static_collect!(Op);

/// Where a closure's captured value comes from in the creating frame.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Capture {
    Local(u32),
    Env(u32),
}
static_collect!(Capture);

#[derive(Collect)]
#[collect(no_drop)]
pub struct KeySpec<'gc> {
    /// The keyword (or other symbol) that names the argument.
    pub key: Value<'gc>,
}

/// How arguments map to the first local slots: required, then optional
/// (unsupplied ones hold `Unbound`), then the &rest list, then one slot per
/// key (unsupplied: `Unbound`). Defaults are computed by the prologue code.
#[derive(Collect)]
#[collect(no_drop)]
pub struct LambdaShape<'gc> {
    pub nreq: u32,
    pub nopt: u32,
    pub rest: bool,
    pub has_keys: bool,
    pub keys: Vec<KeySpec<'gc>>,
    pub allow_other_keys: bool,
}

impl<'gc> LambdaShape<'gc> {
    pub fn simple(n: u32) -> Self {
        LambdaShape { nreq: n, nopt: 0, rest: false, has_keys: false, keys: Vec::new(), allow_other_keys: false }
    }
    /// Number of local slots the entry sequence fills from the arguments.
    pub fn nparams(&self) -> u32 {
        self.nreq + self.nopt + self.rest as u32 + self.keys.len() as u32
    }
    /// True when the lambda list has only required parameters.
    pub fn is_simple(&self) -> bool {
        self.nopt == 0 && !self.rest && !self.has_keys
    }
}

#[derive(Collect)]
#[collect(no_drop)]
pub struct Code<'gc> {
    /// The function's name for backtraces (a symbol, `(setf x)`, `(lambda ..)`...).
    pub name: Value<'gc>,
    pub ops: Box<[Op]>,
    pub consts: Box<[Value<'gc>]>,
    pub shape: LambdaShape<'gc>,
    /// Total local slots: parameters, then every other variable and temporary.
    pub nlocals: u32,
    /// What a closure over this code captures, in environment order.
    pub captures: Box<[Capture]>,
    /// Jump tables for tagbodies reachable from closures: tag number → pc.
    pub tag_tables: Box<[Box<[u32]>]>,
    /// Source location "file:line" of the lambda, when known.
    pub source: Option<Box<str>>,
}
