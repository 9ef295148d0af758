//! The instruction set of the stack VM. Operands index the current
//! function's constants (`k`), its frame's local slots (`i`), its closure
//! environment (`e`) or its own code (`to`, absolute instruction index).
//!
//! Conventions: expressions push their primary value on the operand stack;
//! forms compiled "for multiple values" leave all their values in the
//! thread's values register instead (`Mv*` instructions move between the
//! two). A function returns with `Return` (one value from the stack) or
//! `ReturnMv` (the values register).

#[derive(Copy, Clone, Debug, PartialEq)]
pub enum Op {
    // --- constants and variables
    Const(u32),
    Nil,
    T,
    Fixnum(i32),
    Local(u32),
    SetLocal(u32),
    /// Read/write through the cell held in a local slot (boxed variable).
    LocalCell(u32),
    SetLocalCell(u32),
    /// Replace the value in local slot `i` with a fresh cell holding it.
    MakeCell(u32),
    /// Closure environment slot (a value or a cell).
    Env(u32),
    EnvCell(u32),
    SetEnvCell(u32),
    /// `symbol-value` of the symbol constant `k` (signals unbound-variable).
    Global(u32),
    SetGlobal(u32),
    Pop,
    /// Pop the top value into local slot `i`.
    PopLocal(u32),

    // --- control
    Jump(u32),
    JumpIfNil(u32),
    JumpIfNotNil(u32),
    /// If local `i` holds the "not supplied" marker, fall through; else jump.
    JumpIfSupplied(u32, u32),
    /// Set local `sp` to T or NIL according to whether local `i` was supplied.
    SuppliedP(u32, u32),

    // --- calls: [f a1 .. an] or, for *Global, [a1 .. an] with f = fdefinition of constant k
    Call(u32),
    CallMv(u32),
    TailCall(u32),
    CallGlobal(u32, u32),
    CallGlobalMv(u32, u32),
    TailCallGlobal(u32, u32),
    /// [f count a1 .. an] built by MvSpread: call f with the counted args.
    MvCall,
    MvCallMv,
    Return,
    ReturnMv,
    /// Make a closure of code constant `k`, capturing per its `captures`.
    Closure(u32),

    // --- multiple values
    /// Pop `n` values into the values register.
    Values(u32),
    /// Push the primary value of the values register.
    MvPrimary,
    /// Push the single top value into the values register (pop it).
    ToMv,
    /// Under a count on top of the stack, push the values register's
    /// values and add their number to the count.
    MvSpread,
    /// Push the values register's values followed by their count.
    MvSave,
    /// Pop a count and that many values back into the values register.
    MvRestore,
    /// Set locals `i .. i+n` from the values register (NIL when missing).
    MvBind(u32, u32),

    // --- dynamic state
    /// Pop a value and bind the special variable constant `k` to it.
    Bind(u32),
    /// Undo the `n` most recent dynamic-state entries (bindings, catches...).
    Unbind(u32),
    /// Save the stack height and dynamic-state height in locals `i` and
    /// `i + 1`; `Reset` cuts the stack and unwinds the dynamic state back
    /// to them (local exits from nested positions, progv).
    Mark(u32),
    Reset(u32),
    /// Push the global function of symbol constant `k` (undefined-function if none).
    Function(u32),
    /// Push the function named `(setf k)`.
    SetfFunction(u32),
    /// Pop a list of values and a list of symbols and bind them (progv).
    Progv,
    /// Pop a tag, open a catch whose exit continues at `to`, values in the register.
    Catch(u32),
    /// Close the innermost catch/block/tagbody/unwind-protect entry normally.
    PopDyn,
    /// Pop the values-register and a tag: throw.
    Throw,
    /// Open a block reachable from closures: store its token in local `i`, exit at `to`.
    Block(u32, u32),
    /// [token] with values in the register: return to that block.
    ReturnFrom,
    /// Open a tagbody reachable from closures: token in local `i`, tag table constant `k`.
    Tagbody(u32, u32),
    /// [token]: go to tag number `n` of that tagbody.
    Go(u32),
    /// Open an unwind-protect whose cleanup starts at `to`.
    Protect(u32),
    /// After the protected form (values in the register): close the entry and
    /// fall into the cleanup with a "normal exit" record on the stack.
    ProtectNormal,
    /// End of a cleanup: resume the normal exit or the interrupted transfer.
    ProtectEnd,

    // --- open-coded standard functions (fixnum fast paths, else a full call)
    Add,
    Sub,
    Lt,
    Gt,
    Le,
    Ge,
    NumEq,
    Inc,
    Dec,
    Eq,
    Car,
    Cdr,
    Cons,
    Not,
}
