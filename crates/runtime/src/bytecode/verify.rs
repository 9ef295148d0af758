//! The bytecode verifier: checks a code object read from a fasl or an
//! image before anything can run it, so that damaged or crafted bytes are
//! refused with a message instead of making the VM index out of bounds.
//! The VM trusts what it runs (no per-instruction checks), so everything it
//! assumes is proved here, by abstract interpretation of every path:
//! - operands in range: constants, local slots, environment slots, jump
//!   targets, tag tables, closure captures; no path runs off the end;
//! - the operand stack never pops below the frame's locals and has one
//!   shape wherever paths meet, so loops cannot grow it; the counts that
//!   multiple-value instructions and unwind-protect records keep on the
//!   stack are only ever read where they are known to be;
//! - the dynamic-state entries (bindings, catches...) a function pops are
//!   ones it pushed, and `Reset` only restores a height `Mark` saved.

use super::code::{Capture, Code};
use super::op::Op;
use crate::heap::object::Object;
use crate::heap::Value;

/// The most local slots a code object may have (the VM allocates them on
/// every call).
pub const MAX_LOCALS: u32 = 1 << 20;

/// What the verifier knows about one operand stack item.
#[derive(Copy, Clone, PartialEq, Eq, Debug)]
enum Item {
    /// Any single value.
    Val,
    /// A fixnum pushed by `Fixnum`, with its value.
    Fix(i32),
    /// Values with their count on top (`MvSave`, `MvSpread`): one or more
    /// stack slots, taken only as a whole.
    Group,
    /// The record an unwind-protect cleanup runs on (a group, a tag and a
    /// target).
    Record,
}

/// A local slot holding a `Mark` (and the next slot, its second half):
/// the stack depth and the dynamic-state depth it saved.
#[derive(Copy, Clone, PartialEq, Eq, Debug)]
struct Mark {
    slot: u32,
    depth: usize,
    dyn_: Dyn,
}

/// The number of dynamic-state entries this frame has pushed; `open` after
/// a `progv`, which pushes an unknown number more.
#[derive(Copy, Clone, PartialEq, Eq, Debug)]
struct Dyn {
    n: u32,
    open: bool,
}

#[derive(Clone, PartialEq, Eq, Debug)]
struct State {
    stack: Vec<Item>,
    /// The local slots holding marks (any other slot holds any value).
    marks: Vec<Mark>,
    dyn_: Dyn,
    /// For each live exit point (catch, block, tagbody, unwind-protect),
    /// innermost last: its dynamic-state depth and the stack depth an exit
    /// to it cuts the stack to, below which nothing may be popped.
    floors: Vec<(u32, usize)>,
}

/// Checks `code`; the message says what is wrong and where.
pub fn verify(code: &Code<'_>) -> Result<(), String> {
    if code.nlocals > MAX_LOCALS {
        return Err(format!("{} local slots (at most {MAX_LOCALS})", code.nlocals));
    }
    if code.shape.nparams() > code.nlocals {
        return Err("more parameters than local slots".into());
    }
    for table in code.tag_tables().iter() {
        if let Some(&pc) = table.iter().find(|&&pc| pc as usize >= code.ops().len()) {
            return Err(format!("tag table target {pc} is past the end"));
        }
    }
    Verifier::new(code).run()
}

struct Verifier<'a, 'gc> {
    code: &'a Code<'gc>,
    /// The join points (where paths meet: the entry, jump targets, exit
    /// points), sorted, and what is known at each.
    joins: Vec<usize>,
    states: Vec<Option<State>>,
    /// Local slots written other than by one `Mark`, as sorted disjoint
    /// ranges: after a non-local exit they may no longer hold the mark they
    /// held when the exit point was made.
    clobbered: Vec<(u64, u64)>,
    /// Join points (by index) whose state changed since last followed.
    work: Vec<usize>,
}

impl<'a, 'gc> Verifier<'a, 'gc> {
    fn new(code: &'a Code<'gc>) -> Self {
        let mut joins = vec![0];
        let mut has_mark = false;
        for op in code.ops().iter() {
            match *op {
                Op::Jump(to) | Op::JumpIfNil(to) | Op::JumpIfNotNil(to) | Op::JumpIfSupplied(_, to) => joins.push(to as usize),
                Op::Catch(to) | Op::Block(_, to) | Op::Protect(to) => joins.push(to as usize),
                Op::Mark(_) => has_mark = true,
                _ => {}
            }
        }
        joins.extend(code.tag_tables().iter().flatten().map(|&to| to as usize));
        joins.sort_unstable();
        joins.dedup();
        let mut clobbered: Vec<(u64, u64)> = Vec::new();
        if has_mark {
            let mut marked = Vec::new();
            for op in code.ops().iter() {
                let (i, n) = match *op {
                    Op::SetLocal(i) | Op::SetLocalCell(i) | Op::MakeCell(i) | Op::PopLocal(i) | Op::SuppliedP(_, i) => (i, 1),
                    Op::Block(i, _) | Op::Tagbody(i, _) => (i, 1),
                    Op::MvBind(i, n) => (i, n),
                    Op::Mark(i) => {
                        marked.push(i);
                        continue;
                    }
                    _ => continue,
                };
                clobbered.push((i as u64, i as u64 + n as u64));
            }
            // A slot marked at two places may hold either mark.
            marked.sort_unstable();
            clobbered.extend(marked.windows(2).filter(|w| w[0] == w[1]).map(|w| (w[0] as u64, w[0] as u64 + 2)));
            clobbered.sort_unstable();
            let mut merged: Vec<(u64, u64)> = Vec::with_capacity(clobbered.len());
            for (start, end) in clobbered {
                match merged.last_mut() {
                    Some(last) if start <= last.1 => last.1 = last.1.max(end),
                    _ => merged.push((start, end)),
                }
            }
            clobbered = merged;
        }
        Verifier { code, states: vec![None; joins.len()], joins, clobbered, work: Vec::new() }
    }

    /// Follows every path from each join point whose state changed, to the
    /// next join point (where states merge) or the end of the path.
    fn run(mut self) -> Result<(), String> {
        let entry = State { stack: Vec::new(), marks: Vec::new(), dyn_: Dyn { n: 0, open: false }, floors: Vec::new() };
        self.flow(0, entry)?;
        while let Some(j) = self.work.pop() {
            let mut s = self.states[j].clone().expect("queued states exist");
            let mut pc = self.joins[j];
            loop {
                let next = self.step(pc, &mut s).map_err(|e| format!("instruction {pc} ({:?}): {e}", self.code.ops()[pc]))?;
                match next {
                    None => break,
                    Some(p) if p >= self.code.ops().len() => return Err(format!("instruction {pc}: control reaches {p}, past the end")),
                    Some(p) if self.joins.binary_search(&p).is_ok() => {
                        self.flow(p, s)?;
                        break;
                    }
                    Some(p) => pc = p,
                }
            }
        }
        Ok(())
    }

    /// Merges `state` into what is known at the join point `pc`, queueing
    /// it if that changed.
    fn flow(&mut self, pc: usize, state: State) -> Result<(), String> {
        if pc >= self.code.ops().len() {
            return Err(format!("control reaches {pc}, past the end"));
        }
        let j = self.joins.binary_search(&pc).map_err(|_| format!("{pc} is not a join point"))?;
        let merged = match &self.states[j] {
            None => state,
            Some(old) => {
                let m = merge(old, &state).ok_or_else(|| format!("paths meet at {pc} with different stacks or dynamic state"))?;
                if &m == old {
                    return Ok(());
                }
                m
            }
        };
        self.states[j] = Some(merged);
        self.work.push(j);
        Ok(())
    }

    /// Checks the instruction at `pc` in state `s`, updates `s` to the
    /// state after it and sends it to the branch targets; returns the pc
    /// that follows, if control can fall through.
    fn step(&mut self, pc: usize, s: &mut State) -> Result<Option<usize>, String> {
        let code = self.code;
        let nconsts = code.consts.len();
        let nenv = code.captures.len();
        let konst = |k: u32| if (k as usize) < nconsts { Ok(()) } else { Err(format!("constant {k} out of range")) };
        let env = |e: u32| if (e as usize) < nenv { Ok(()) } else { Err(format!("environment slot {e} out of range")) };
        let nlocals = code.nlocals;
        let local = |i: u32| if i < nlocals { Ok(()) } else { Err(format!("local slot {i} out of range")) };
        let mut next = Some(pc + 1);
        match code.ops()[pc] {
            Op::Const(k) => {
                konst(k)?;
                s.push(Item::Val);
            }
            Op::Nil | Op::T | Op::Function(_) | Op::SetfFunction(_) | Op::Global(_) | Op::MvPrimary => {
                if let Op::Function(k) | Op::SetfFunction(k) | Op::Global(k) = code.ops()[pc] {
                    konst(k)?;
                }
                s.push(Item::Val);
            }
            Op::Fixnum(n) => s.push(Item::Fix(n)),
            Op::Local(i) | Op::LocalCell(i) => {
                local(i)?;
                s.push(Item::Val);
            }
            Op::SetLocal(i) | Op::SetLocalCell(i) => {
                s.write_local(nlocals, i, 1)?;
                s.pop_vals(1)?;
                s.push(Item::Val);
            }
            Op::MakeCell(i) => s.write_local(nlocals, i, 1)?,
            Op::PopLocal(i) => {
                s.write_local(nlocals, i, 1)?;
                s.pop_vals(1)?;
            }
            Op::Env(e) | Op::EnvCell(e) => {
                env(e)?;
                s.push(Item::Val);
            }
            Op::SetEnvCell(e) => {
                env(e)?;
                s.pop_vals(1)?;
                s.push(Item::Val);
            }
            Op::SetGlobal(k) => {
                konst(k)?;
                s.pop_vals(1)?;
                s.push(Item::Val);
            }
            Op::Pop => s.pop_vals(1)?,
            Op::Jump(to) => {
                next = None;
                self.flow(to as usize, s.clone())?;
            }
            Op::JumpIfNil(to) | Op::JumpIfNotNil(to) => {
                s.pop_vals(1)?;
                self.flow(to as usize, s.clone())?;
            }
            Op::JumpIfSupplied(i, to) => {
                local(i)?;
                self.flow(to as usize, s.clone())?;
            }
            Op::SuppliedP(i, sp) => {
                local(i)?;
                s.write_local(nlocals, sp, 1)?;
            }
            Op::Call(n) | Op::CallMv(n) => {
                s.pop_vals(n as usize + 1)?;
                if matches!(code.ops()[pc], Op::Call(_)) {
                    s.push(Item::Val);
                }
            }
            Op::TailCall(n) => {
                s.pop_vals(n as usize + 1)?;
                s.returning()?;
                next = None;
            }
            Op::CallGlobal(k, n) | Op::CallGlobalMv(k, n) | Op::TailCallGlobal(k, n) => {
                konst(k)?;
                s.pop_vals(n as usize)?;
                match code.ops()[pc] {
                    Op::CallGlobal(..) => s.push(Item::Val),
                    Op::TailCallGlobal(..) => {
                        s.returning()?;
                        next = None
                    }
                    _ => {}
                }
            }
            Op::MvCall | Op::MvCallMv => {
                s.pop_counted()?;
                s.pop_vals(1)?;
                if code.ops()[pc] == Op::MvCall {
                    s.push(Item::Val);
                }
            }
            Op::Return => {
                s.pop_vals(1)?;
                s.returning()?;
                next = None;
            }
            Op::ReturnMv => {
                s.returning()?;
                next = None;
            }
            Op::Closure(k) => {
                konst(k)?;
                let Value::Object(o) = code.consts[k as usize] else { return Err("a closure of a constant that is not code".into()) };
                let Object::Code(c) = &*o else { return Err("a closure of a constant that is not code".into()) };
                for cap in c.captures.iter() {
                    match *cap {
                        Capture::Local(i) => local(i)?,
                        Capture::Env(e) => env(e)?,
                    }
                }
                s.push(Item::Val);
            }
            Op::Values(n) => s.pop_vals(n as usize)?,
            Op::ToMv => s.pop_vals(1)?,
            Op::MvSpread => {
                s.pop_counted()?;
                s.push(Item::Group);
            }
            Op::MvSave => s.push(Item::Group),
            Op::MvRestore => s.pop_counted()?,
            Op::MvBind(i, n) => s.write_local(nlocals, i, n)?,
            Op::Bind(k) => {
                konst(k)?;
                s.pop_vals(1)?;
                s.dyn_.n += 1;
            }
            Op::Unbind(n) => s.pop_dyn(n)?,
            Op::PopDyn => s.pop_dyn(1)?,
            Op::Mark(i) => s.mark(nlocals, i)?,
            Op::Reset(i) => {
                local(i)?;
                let Some(&Mark { depth, dyn_: d, .. }) = s.marks.iter().find(|m| m.slot == i) else {
                    return Err("a reset without its mark".into());
                };
                // Entries above the mark's height are popped.
                if s.dyn_.n >= d.n {
                    s.dyn_ = d;
                    s.floors.retain(|f| f.0 <= d.n);
                }
                s.stack.truncate(depth);
                s.check_floor()?;
            }
            Op::Progv => {
                s.pop_vals(2)?;
                s.dyn_.open = true;
            }
            Op::Catch(to) => {
                s.pop_vals(1)?;
                self.flow(to as usize, s.landing(&self.clobbered))?;
                s.open_exit();
            }
            Op::Block(i, to) => {
                s.write_local(nlocals, i, 1)?;
                self.flow(to as usize, s.landing(&self.clobbered))?;
                s.open_exit();
            }
            Op::Tagbody(i, table) => {
                s.write_local(nlocals, i, 1)?;
                s.open_exit();
                let Some(targets) = code.tag_tables().get(table as usize) else { return Err(format!("tag table {table} out of range")) };
                // A mark made right after the tagbody opens (for its local
                // GOs from nested positions) is made before any GO can
                // reach the tagbody, so its tags land with it.
                let mut entered = s.clone();
                if let Some(&Op::Mark(m)) = code.ops().get(pc + 1) {
                    entered.mark(nlocals, m)?;
                }
                for &to in targets.iter() {
                    self.flow(to as usize, entered.landing(&self.clobbered))?;
                }
            }
            // A failed exit (no such catch tag, block or tagbody any more)
            // signals an error; should a handler return, the code goes on
            // after the instruction with the handler's values in the
            // register (the VM signals an error if there is no code left).
            Op::Throw | Op::ReturnFrom | Op::Go(_) => {
                s.pop_vals(1)?;
                if pc + 1 == code.ops().len() {
                    next = None;
                }
            }
            Op::Protect(to) => {
                let mut cleanup = s.landing(&self.clobbered);
                cleanup.push(Item::Record);
                self.flow(to as usize, cleanup)?;
                s.open_exit();
            }
            Op::ProtectNormal => {
                s.pop_dyn(1)?;
                s.push(Item::Record);
            }
            Op::ProtectEnd => match s.stack.pop() {
                Some(Item::Record) => s.check_floor()?,
                _ => return Err("the end of a cleanup without its record".into()),
            },
            Op::Add | Op::Sub | Op::Lt | Op::Gt | Op::Le | Op::Ge | Op::NumEq | Op::Eq | Op::Cons => {
                s.pop_vals(2)?;
                s.push(Item::Val);
            }
            Op::Inc | Op::Dec | Op::Car | Op::Cdr | Op::Not => {
                s.pop_vals(1)?;
                s.push(Item::Val);
            }
        }
        Ok(next)
    }
}

impl State {
    fn push(&mut self, item: Item) {
        self.stack.push(item);
    }

    /// Pops `n` single values.
    fn pop_vals(&mut self, n: usize) -> Result<(), String> {
        if self.stack.len() < n {
            return Err("the operand stack would underflow".into());
        }
        let rest = self.stack.len() - n;
        if self.stack[rest..].iter().any(|i| !matches!(i, Item::Val | Item::Fix(_))) {
            return Err("a single value expected on the stack".into());
        }
        self.stack.truncate(rest);
        self.check_floor()
    }

    /// Nothing below the innermost live exit point's stack may be popped:
    /// an exit to it expects to find that stack.
    fn check_floor(&self) -> Result<(), String> {
        match self.floors.last() {
            Some(&(_, depth)) if self.stack.len() < depth => Err("pops the stack of a live exit point".into()),
            _ => Ok(()),
        }
    }

    /// Pushes the dynamic-state entry of an exit point.
    fn open_exit(&mut self) {
        self.dyn_.n += 1;
        self.floors.push((self.dyn_.n, self.stack.len()));
    }

    /// The state a non-local exit lands in: this one, less the marks in
    /// slots that may be overwritten before the exit happens (`clobbered`:
    /// sorted disjoint ranges).
    fn landing(&self, clobbered: &[(u64, u64)]) -> State {
        let mut s = self.clone();
        s.marks.retain(|m| {
            let (first, last) = (m.slot as u64, m.slot as u64 + 1);
            // The last range starting at or before the mark's second slot.
            let k = clobbered.partition_point(|r| r.0 <= last);
            k == 0 || clobbered[k - 1].1 <= first
        });
        s
    }

    /// Pops a count of values and the values under it: a group, or a
    /// known fixnum over that many single values.
    fn pop_counted(&mut self) -> Result<(), String> {
        match self.stack.pop() {
            Some(Item::Group) => self.check_floor(),
            Some(Item::Fix(n)) if n >= 0 => self.pop_vals(n as usize),
            _ => Err("a count of values expected on the stack".into()),
        }
    }

    /// Saves the stack and dynamic-state heights in slots `i` and `i + 1`.
    fn mark(&mut self, nlocals: u32, i: u32) -> Result<(), String> {
        self.write_local(nlocals, i, 2)?;
        self.marks.push(Mark { slot: i, depth: self.stack.len(), dyn_: self.dyn_ });
        Ok(())
    }

    /// Checks local slots `i .. i + n` and forgets the marks they held.
    fn write_local(&mut self, nlocals: u32, i: u32, n: u32) -> Result<(), String> {
        let end = i as u64 + n as u64;
        if end > nlocals as u64 {
            return Err(format!("local slots {i}..{end} out of range"));
        }
        // A mark takes its slot and the next.
        self.marks.retain(|m| m.slot as u64 + 1 < i as u64 || m.slot as u64 >= end);
        Ok(())
    }

    /// A frame returns only once it has popped what it pushed: an exit
    /// point left behind would name a frame that no longer exists.
    fn returning(&self) -> Result<(), String> {
        if self.dyn_ == (Dyn { n: 0, open: false }) {
            Ok(())
        } else {
            Err("returns with dynamic state still pushed".into())
        }
    }

    fn pop_dyn(&mut self, n: u32) -> Result<(), String> {
        if self.dyn_.n < n && !self.dyn_.open {
            return Err("pops dynamic state this function did not push".into());
        }
        if self.dyn_.n < n {
            // Entries a progv pushed: how many is known only at run time.
            return Err("pops dynamic state of unknown extent".into());
        }
        self.dyn_.n -= n;
        let level = self.dyn_.n;
        self.floors.retain(|f| f.0 <= level);
        Ok(())
    }
}

/// What holds on both paths, or `None` when the stacks do not agree.
fn merge(a: &State, b: &State) -> Option<State> {
    if a.stack.len() != b.stack.len() {
        return None;
    }
    let mut stack = Vec::with_capacity(a.stack.len());
    for (&x, &y) in a.stack.iter().zip(&b.stack) {
        stack.push(match (x, y) {
            _ if x == y => x,
            (Item::Val | Item::Fix(_), Item::Val | Item::Fix(_)) => Item::Val,
            _ => return None,
        });
    }
    let marks = a.marks.iter().filter(|m| b.marks.contains(m)).copied().collect();
    // Dynamic state must agree too, except what a progv left open.
    let dyn_ = if a.dyn_ == b.dyn_ {
        a.dyn_
    } else if a.dyn_.n == b.dyn_.n {
        Dyn { n: a.dyn_.n, open: true }
    } else {
        return None;
    };
    if a.floors != b.floors {
        return None;
    }
    Some(State { stack, marks, dyn_, floors: a.floors.clone() })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bytecode::{Body, LambdaShape, LazyBody};
    use crate::heap::Value;

    fn code(ops: &[Op], nlocals: u32, nconsts: usize) -> Code<'static> {
        Code {
            name: Value::Nil,
            consts: vec![Value::Nil; nconsts].into(),
            shape: LambdaShape::simple(0),
            nlocals,
            captures: Box::new([]),
            body: LazyBody::ready(Body { ops: ops.into(), tag_tables: Box::new([]), source: None }),
        }
    }

    fn check(ops: &[Op]) -> Result<(), String> {
        verify(&code(ops, 4, 2))
    }

    #[test]
    fn tags_reached_from_closures_land_with_the_mark_made_on_entry() {
        use Op::*;
        // (tagbody top (if (foo) (go done)) (go top) done): a closure may GO
        // to either tag, and the local GO from a nested position resets
        // to the mark made right after the tagbody opens.
        let ops = [Tagbody(0, 0), Mark(1), Nil, JumpIfNil(6), Reset(1), Jump(2), PopDyn, Nil, Return];
        let mut c = code(&ops, 3, 0);
        c.body = LazyBody::ready(Body { ops: ops.into(), tag_tables: Box::new([Box::new([2, 6])]), source: None });
        assert_eq!(verify(&c), Ok(()));
    }

    #[test]
    fn code_the_compiler_writes_passes() {
        use Op::*;
        // (let ((x 1)) (if x (foo x) 2)), a loop, a catch, an unwind-protect,
        // multiple-value-call, a mark and reset around a progv.
        assert_eq!(check(&[Fixnum(1), PopLocal(0), Local(0), JumpIfNil(6), Local(0), TailCallGlobal(1, 1), Fixnum(2), Return]), Ok(()));
        assert_eq!(check(&[Local(0), JumpIfNil(3), Jump(0), Nil, Return]), Ok(()));
        assert_eq!(check(&[Const(0), Catch(5), Nil, ToMv, PopDyn, ReturnMv]), Ok(()));
        assert_eq!(check(&[Protect(4), Nil, ToMv, ProtectNormal, Nil, Pop, ProtectEnd, ReturnMv]), Ok(()));
        assert_eq!(check(&[Function(0), Fixnum(0), Nil, ToMv, MvSpread, MvCall, Return]), Ok(()));
        assert_eq!(check(&[Mark(0), Nil, Nil, Progv, Nil, Reset(0), Nil, Return]), Ok(()));
    }

    #[test]
    fn bad_code_is_refused_with_the_reason() {
        use Op::*;
        let why = |ops: &[Op]| check(ops).err().unwrap_or_default();
        assert!(why(&[Const(2), Return]).contains("constant 2 out of range"));
        assert!(why(&[Local(4), Return]).contains("local slot 4 out of range"));
        assert!(why(&[Mark(3), Nil, Return]).contains("out of range"));
        assert!(why(&[Env(0), Return]).contains("environment slot 0"));
        assert!(why(&[Jump(9)]).contains("past the end"));
        assert!(why(&[Nil]).contains("past the end"));
        assert!(why(&[Return]).contains("underflow"));
        assert!(why(&[Nil, Nil, Call(2), Return]).contains("underflow"));
        assert!(why(&[Nil, JumpIfNil(3), Nil, Return]).contains("different stacks"));
        assert!(why(&[Nil, Reset(0), Return]).contains("without its mark"));
        assert!(why(&[Mark(0), Nil, SetLocal(1), Reset(0), Return]).contains("without its mark"));
        assert!(why(&[Nil, ProtectEnd, ReturnMv]).contains("without its record"));
        assert!(why(&[Const(0), Catch(4), Nil, ToMv, PopDyn, ReturnMv]).contains("paths meet at 4"));
        assert!(why(&[Nil, Nil, MvCall, Return]).contains("count of values"));
        assert!(why(&[MvSave, Return]).contains("single value"));
        assert!(why(&[Unbind(1), ReturnMv]).contains("did not push"));
        assert!(why(&[Nil, Bind(0), ReturnMv]).contains("still pushed"));
        assert!(why(&[Mark(0), Nil, Nil, Progv, PopDyn, ReturnMv]).contains("unknown extent"));
        assert!(why(&[Nil, Tagbody(1, 0), ReturnMv]).contains("tag table 0"));
        assert!(why(&[Closure(0), Return]).contains("not code"));
        assert!(verify(&code(&[ReturnMv], MAX_LOCALS + 1, 0)).is_err());
        // A throw from a path that overwrote the mark lands on the reset.
        let clobbered_mark = [
            Mark(0), Const(0), Catch(11), Local(2), JumpIfNil(10), Nil, PopLocal(0), Const(0), Throw, Jump(7), PopDyn, Reset(0), Nil,
            Return,
        ];
        assert!(why(&clobbered_mark).contains("without its mark"));
        // An exit to the catch would find the popped value gone.
        assert!(why(&[Nil, Const(0), Catch(6), Pop, Nil, PopDyn, Return]).contains("live exit point"));
        // Found by fuzzing: the verifier itself must not allocate by a count.
        assert!(why(&[Mark(0), MvBind(0, u32::MAX), Nil, Return]).contains("out of range"));
    }
}
