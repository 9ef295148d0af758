//! The stackless virtual machine. All of a computation's state — operand
//! stack, call frames, dynamic-state stack (special bindings, catch tags,
//! blocks, tagbodies, unwind-protect cleanups), values register — lives in
//! a `Thread` object in the heap, so the driver can stop after any slice of
//! instructions and let the collector run (see `crate::runtime`).
//!
//! `Cx` is the context every primitive receives: the mutation handle, the
//! globals and the running thread. Primitives return `R`: a value, or a
//! `Ctl` asking the VM to signal an error, make a tail call, continue an
//! unwind in progress, or exit the process.

use gc_arena::{Collect, Gc, Mutation};

use crate::heap::function::Function;
use crate::heap::{Globals, Value};
use crate::bytecode::Code;

mod call;
pub mod errors;
pub mod profile;
mod run;
mod unwind;

pub use run::{run, slice, Outcome, SLICE};

/// Starts a call of `f` on an idle thread; `run` then carries it out and
/// leaves its values in the values register.
pub fn start_call<'gc>(cx: &mut Cx<'gc, '_>, f: Value<'gc>, args: &[Value<'gc>]) -> Result<(), Ctl<'gc>> {
    cx.th.stack.push(f);
    cx.th.stack.extend_from_slice(args);
    call::invoke(cx, args.len(), true)
}

/// Set (from a signal handler) to interrupt the running computation at
/// its next check; see `run::inject_call`.
pub static INTERRUPTED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Asks the running Lisp code to stop and call `sys::%interrupt` (Ctrl-C).
pub fn request_interrupt() {
    INTERRUPTED.store(true, std::sync::atomic::Ordering::Relaxed);
}

/// Set when memory in use passed the heap limit (runtime.rs): the running
/// computation calls `sys::%heap-exhausted` at its next check.
pub static HEAP_EXHAUSTED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

pub fn request_heap_exhausted() {
    HEAP_EXHAUSTED.store(true, std::sync::atomic::Ordering::Relaxed);
}

/// The result of a primitive.
pub type R<'gc> = Result<Value<'gc>, Ctl<'gc>>;

/// Why a primitive did not simply return a value.
pub enum Ctl<'gc> {
    /// Signal an error of condition type `kind` with these initargs.
    Error(Box<ErrorSpec<'gc>>),
    /// Call `f` with `args` in place of the primitive (its values become the result).
    TailCall(Value<'gc>, Vec<Value<'gc>>),
    /// A non-local exit is passing through (the thread holds its target).
    Unwind,
    /// Leave the process with this status (after flushing output).
    Exit(i32),
}

pub struct ErrorSpec<'gc> {
    pub kind: Value<'gc>,
    pub initargs: Vec<Value<'gc>>,
}

/// One activation of a bytecode function.
#[derive(Collect, Clone, Copy)]
#[collect(no_drop)]
pub struct Frame<'gc> {
    pub func: Gc<'gc, Function<'gc>>,
    pub code: Gc<'gc, Code<'gc>>,
    /// Next instruction to run when this frame is resumed.
    pub pc: u32,
    /// Stack index of local slot 0 (the function object sits at `base - 1`).
    pub base: u32,
    /// The caller wants all values (in the register) rather than one pushed.
    pub want_mv: bool,
    /// An interrupt handler injected between two instructions: its result
    /// is dropped and the values register saved under it is restored.
    pub interrupt: bool,
}

/// An entry of the dynamic-state stack.
#[derive(Collect, Clone, Copy)]
#[collect(no_drop)]
pub enum Dyn<'gc> {
    /// A special binding: the symbol and its previous value.
    Bind(Value<'gc>, Value<'gc>),
    /// A catch tag; exit resumes `frame` at `pc` with the stack cut to `sp`.
    Catch { tag: Value<'gc>, frame: u32, sp: u32, pc: u32 },
    /// A block or tagbody that closures may exit to, identified by `token`.
    Block { token: Value<'gc>, frame: u32, sp: u32, pc: u32 },
    Tagbody { token: Value<'gc>, frame: u32, sp: u32, table: u32 },
    /// An unwind-protect whose cleanup code starts at `pc` in `frame`.
    Protect { frame: u32, sp: u32, pc: u32 },
    /// The start of a nested run (a primitive calling back into Lisp): the
    /// frame count and stack height to restore when an exit passes through.
    Barrier { frame: u32, sp: u32 },
}

/// A non-local transfer in progress: to dynamic-stack entry `target`
/// (tag number `tag` for a tagbody) carrying `values`.
#[derive(Collect, Clone)]
#[collect(no_drop)]
pub struct Transfer<'gc> {
    pub target: u32,
    pub tag: u32,
    pub values: Vec<Value<'gc>>,
}

#[derive(Collect, Default)]
#[collect(no_drop)]
pub struct Thread<'gc> {
    pub stack: Vec<Value<'gc>>,
    pub frames: Vec<Frame<'gc>>,
    pub dyn_stack: Vec<Dyn<'gc>>,
    /// The values register.
    pub mv: Vec<Value<'gc>>,
    /// A primitive filled the values register (see `Cx::values`).
    pub mv_set: bool,
    /// Set while an unwind crosses a nested-run boundary.
    pub transfer: Option<Transfer<'gc>>,
    /// Depth of nested runs (primitives calling Lisp), bounded.
    pub nesting: u32,
    /// Frame count above which `storage-condition` is signalled.
    pub frame_limit: usize,
    /// Counter for block/tagbody tokens.
    pub next_token: i64,
    /// The compiler's recursion depth and work, over all compilations
    /// nested in one another (compiler/guard.rs).
    pub compile_depth: u32,
    pub compile_work: u32,
    /// The compiler's regions (expansions being converted, MACROLET
    /// definitions being compiled), innermost last, and the one that
    /// becomes run-time code when the guard stops (compiler/guard.rs).
    pub regions: Vec<Value<'gc>>,
    pub runaway_root: Option<u32>,
}

/// The context a primitive runs in.
pub struct Cx<'gc, 'a> {
    pub mc: &'gc Mutation<'gc>,
    pub g: &'gc Globals<'gc>,
    pub th: &'a mut Thread<'gc>,
}

/// The largest number of frames before `storage-condition`, and the
/// headroom a handler gets after it is signalled.
pub const MAX_FRAMES: usize = 2_000_000;
pub const FRAME_HEADROOM: usize = 100_000;
/// The deepest nesting of Rust → Lisp calls (macroexpanders, reader macros...).
pub const MAX_NESTING: u32 = 200;

impl<'gc, 'a> Cx<'gc, 'a> {
    /// Calls `f` with `args` to completion inside the current mutation (a
    /// nested run) and returns its values. Used by primitives that must call
    /// back into Lisp; a non-local exit out of the callee returns
    /// `Err(Ctl::Unwind)`, which the primitive must pass on.
    pub fn call(&mut self, f: Value<'gc>, args: &[Value<'gc>]) -> Result<Vec<Value<'gc>>, Ctl<'gc>> {
        run::call_nested(self, f, args)
    }

    /// Like `call`, returning only the primary value.
    pub fn call1(&mut self, f: Value<'gc>, args: &[Value<'gc>]) -> R<'gc> {
        Ok(self.call(f, args)?.first().copied().unwrap_or(Value::Nil))
    }

    /// Lets a long-running primitive take a pending Ctrl-C or heap-limit
    /// signal where it stands: the handler (`sys::%interrupt`,
    /// `sys::%heap-exhausted`) runs as a nested call. If it returns (the
    /// debugger's CONTINUE), the primitive goes on and its result is the
    /// same as without the interrupt; if it exits non-locally, the `Ctl`
    /// comes back here for the primitive to pass on, abandoning its work.
    /// Cheap enough to call every few thousand steps.
    pub fn poll(&mut self) -> Result<(), Ctl<'gc>> {
        use std::sync::atomic::Ordering::Relaxed;
        if INTERRUPTED.swap(false, Relaxed) {
            self.call_handler("%INTERRUPT")?;
        }
        let heap = HEAP_EXHAUSTED.swap(false, Relaxed) || (crate::heap::limit::over_alarm() && crate::heap::limit::exhausted());
        if heap {
            self.call_handler("%HEAP-EXHAUSTED")?;
        }
        Ok(())
    }

    fn call_handler(&mut self, name: &str) -> Result<(), Ctl<'gc>> {
        let sym = self.g.intern_in(self.mc, "SYS", name);
        match self.g.sym(sym).map(|s| s.function.get()) {
            Some(f @ Value::Function(_)) => self.call(f, &[]).map(drop),
            _ => Ok(()),
        }
    }

    /// Sets the values register for a primitive returning several values;
    /// returns the primary value (the primitive returns it as usual).
    pub fn values(&mut self, vals: Vec<Value<'gc>>) -> R<'gc> {
        let first = vals.first().copied().unwrap_or(Value::Nil);
        self.th.mv = vals;
        self.th.mv_set = true;
        Ok(first)
    }

    pub fn t(&self) -> Value<'gc> {
        self.g.t
    }
    pub fn bool(&self, b: bool) -> Value<'gc> {
        if b {
            self.g.t
        } else {
            Value::Nil
        }
    }
}

/// A fresh, empty thread.
pub fn new_thread<'gc>() -> Thread<'gc> {
    Thread { frame_limit: MAX_FRAMES, ..Default::default() }
}
