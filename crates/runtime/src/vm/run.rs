//! The interpreter loop. `run` executes the thread's top frame until the
//! bottom frame returns, the fuel is spent (the driver then lets the
//! collector work and calls again), or the process must exit.
//! `call_nested` runs a callee to completion for primitives that call Lisp.

use gc_arena::{Gc, Lock};

use super::call::invoke;
use super::unwind::{self, pop_dyn, transfer};
use std::sync::atomic::Ordering;

use super::{Ctl, Cx, Dyn, Transfer, INTERRUPTED, MAX_NESTING};
use crate::bytecode::{Capture, Op};
use crate::heap::cons::cons;
use crate::heap::function::{FnKind, Function};
use crate::heap::object::Object;
use crate::heap::symbol::{flags, Symbol};
use crate::heap::Value;

/// Instructions between checks for an interrupt (and, at top level,
/// between collections).
pub const SLICE: usize = 20_000;

/// The fuel of a slice: shorter while the profiler samples.
#[inline]
pub fn slice() -> usize {
    if super::profile::active() {
        super::profile::PROFILE_SLICE
    } else {
        SLICE
    }
}

pub enum Outcome {
    /// The bottom frame returned; its values are in the values register.
    Done,
    /// The fuel ran out; call `run` again to continue.
    Yield,
    /// A nested run's callee returned (values in the register).
    Returned,
    /// A non-local exit left a nested run.
    Unwound,
    Exit(i32),
    /// An error with no Lisp-level handler machinery to receive it.
    Fatal(String),
}

/// Runs until done or out of fuel. `nested` runs stop when a barrier frame returns.
pub fn run<'gc>(cx: &mut Cx<'gc, '_>, fuel: usize) -> Outcome {
    run_loop(cx, fuel, 0, false)
}

/// Calls `f` from Rust to completion (see `Cx::call`).
pub fn call_nested<'gc>(cx: &mut Cx<'gc, '_>, f: Value<'gc>, args: &[Value<'gc>]) -> Result<Vec<Value<'gc>>, Ctl<'gc>> {
    if cx.th.nesting >= MAX_NESTING {
        return Err(cx.storage_condition("too many nested calls from the runtime into Lisp"));
    }
    let frame = cx.th.frames.len() as u32;
    let sp = cx.th.stack.len() as u32;
    let saved_mv = std::mem::take(&mut cx.th.mv);
    cx.th.dyn_stack.push(Dyn::Barrier { frame, sp });
    cx.th.stack.push(f);
    cx.th.stack.extend_from_slice(args);
    cx.th.nesting += 1;
    let result = match invoke(cx, args.len(), true) {
        Ok(()) if cx.th.frames.len() as u32 == frame => Ok(()),
        // A callee that returns quickly never spends its fuel: start with
        // none when an interrupt or the heap alarm is pending, so it is
        // taken at once (sort predicates, macro functions, reader macros).
        Ok(()) => match run_loop(cx, if pending() { 0 } else { slice() }, frame as usize, true) {
            Outcome::Returned => Ok(()),
            Outcome::Unwound => Err(Ctl::Unwind),
            Outcome::Exit(n) => Err(Ctl::Exit(n)),
            Outcome::Fatal(msg) => Err(cx.simple_error(&msg)),
            Outcome::Done | Outcome::Yield => unreachable!("nested run ended without its barrier"),
        },
        // A primitive called directly passed on an exit from a deeper nested
        // run: carry the parked transfer on to this run's barrier (its target
        // is further out), which parks it again for our caller.
        Err(Ctl::Unwind) => match cx.th.transfer.take() {
            Some(t) => transfer(cx, t).map(|()| unreachable!("an exit cannot land inside a primitive")),
            None => Err(Ctl::Unwind),
        },
        Err(e) => Err(e),
    };
    cx.th.nesting -= 1;
    match result {
        Ok(()) => {
            // Normal return: the barrier is the top entry again.
            if let Some(Dyn::Barrier { .. }) = cx.th.dyn_stack.last() {
                cx.th.dyn_stack.pop();
            }
            Ok(std::mem::replace(&mut cx.th.mv, saved_mv))
        }
        Err(Ctl::Unwind) => Err(Ctl::Unwind),
        Err(e) => {
            // An error from a primitive called directly: drop the barrier.
            if let Some(Dyn::Barrier { .. }) = cx.th.dyn_stack.last() {
                cx.th.dyn_stack.pop();
            }
            cx.th.mv = saved_mv;
            Err(e)
        }
    }
}

/// An interrupt is requested or memory in use passed the heap alarm.
fn pending() -> bool {
    INTERRUPTED.load(Ordering::Relaxed) || crate::heap::limit::over_alarm()
}

/// What to do after a primitive or an operation reported a `Ctl`.
enum Next {
    Continue,
    Stop(Outcome),
}

/// Handles a `Ctl` raised while executing in the top frame. `want_mv` is
/// where the failed operation's result was to go: an error handler that
/// returns a value (use-value style) delivers it there.
fn handle<'gc>(cx: &mut Cx<'gc, '_>, ctl: Ctl<'gc>, want_mv: bool, nested: bool) -> Next {
    match ctl {
        Ctl::Error(spec) => {
            let handler = cx.g.s.signal_error.0.function.get();
            if !matches!(handler, Value::Function(_)) {
                let msg = describe_error(cx, &spec.kind, &spec.initargs);
                return Next::Stop(Outcome::Fatal(msg));
            }
            let th = &mut *cx.th;
            th.stack.push(handler);
            th.stack.push(spec.kind);
            let n = spec.initargs.len();
            th.stack.extend(spec.initargs);
            match invoke(cx, n + 1, want_mv) {
                Ok(()) => Next::Continue,
                Err(e) => handle(cx, e, want_mv, nested),
            }
        }
        Ctl::TailCall(f, args) => {
            cx.th.stack.push(f);
            let n = args.len();
            cx.th.stack.extend(args);
            match invoke(cx, n, want_mv) {
                Ok(()) => Next::Continue,
                Err(e) => handle(cx, e, want_mv, nested),
            }
        }
        Ctl::Unwind => {
            let t = cx.th.transfer.take().expect("unwind without a transfer");
            match transfer(cx, t) {
                Ok(()) => Next::Continue,
                Err(Ctl::Unwind) if nested => Next::Stop(Outcome::Unwound),
                Err(Ctl::Unwind) => Next::Stop(Outcome::Fatal("a non-local exit found no target".into())),
                Err(e) => handle(cx, e, want_mv, nested),
            }
        }
        Ctl::Exit(n) => Next::Stop(Outcome::Exit(n)),
    }
}

/// A plain-text rendering of an error for when the condition system is not
/// loaded yet (bootstrap failures).
fn describe_error<'gc>(cx: &mut Cx<'gc, '_>, kind: &Value<'gc>, initargs: &[Value<'gc>]) -> String {
    let mut s = crate::printer::to_string(cx, *kind, true).unwrap_or_default();
    for v in initargs {
        s.push(' ');
        s.push_str(&crate::printer::to_string(cx, *v, true).unwrap_or_default());
    }
    s
}

macro_rules! fix2 {
    ($cx:ident, $sym:ident, $f:expr) => {{
        let st = &mut $cx.th.stack;
        let n = st.len();
        if let (Value::Fixnum(a), Value::Fixnum(b)) = (st[n - 2], st[n - 1]) {
            st.truncate(n - 2);
            st.push($f(a, b));
            None
        } else {
            let f = $cx.g.s.$sym.0.function.get();
            st.insert(n - 2, f);
            Some(2)
        }
    }};
}

/// Runs frames above `floor` (the frame count when this run began).
fn run_loop<'gc>(cx: &mut Cx<'gc, '_>, mut fuel: usize, floor: usize, nested: bool) -> Outcome {
    let mc = cx.mc;
    'frame: loop {
        let depth = cx.th.frames.len();
        if depth <= floor {
            return if nested { Outcome::Returned } else { Outcome::Done };
        }
        if cx.th.frame_limit > super::MAX_FRAMES && depth + 2 * super::FRAME_HEADROOM < super::MAX_FRAMES {
            cx.th.frame_limit = super::MAX_FRAMES;
        }
        let frame = *cx.th.frames.last().unwrap();
        let code = Gc::as_ref(frame.code);
        let ops: &'gc [Op] = code.ops();
        let consts: &'gc [Value<'gc>] = &code.consts;
        let env: &'gc [Value<'gc>] = match &Gc::as_ref(frame.func).kind {
            FnKind::Closure { env, .. } => env,
            FnKind::Native(_) | FnKind::Funcallable(_) => &[],
        };
        let base = frame.base as usize;
        let mut pc = frame.pc as usize;
        macro_rules! save_pc {
            () => {
                cx.th.frames.last_mut().unwrap().pc = pc as u32
            };
        }
        // Runs a call set up on the stack; on error, handles it in this frame.
        macro_rules! call {
            ($n:expr, $mv:expr) => {{
                save_pc!();
                if let Err(e) = invoke(cx, $n, $mv) {
                    if let Next::Stop(o) = handle(cx, e, $mv, nested) {
                        return o;
                    }
                }
                // Memory in use passed the heap alarm: end the slice now, so
                // the driver collects and checks the limit (runtime.rs).
                if crate::heap::limit::over_alarm() {
                    fuel = 0;
                }
                continue 'frame;
            }};
        }
        macro_rules! fail {
            ($e:expr, $mv:expr) => {{
                save_pc!();
                let e = $e;
                if let Next::Stop(o) = handle(cx, e, $mv, nested) {
                    return o;
                }
                continue 'frame;
            }};
        }
        loop {
            if fuel == 0 {
                save_pc!();
                if super::profile::active() {
                    super::profile::sample(cx.th);
                }
                if INTERRUPTED.swap(false, Ordering::Relaxed) {
                    inject_call(cx, "%INTERRUPT");
                }
                // A nested run cannot collect: memory over the alarm is
                // exhausted as it stands (heap/limit.rs).
                let heap_nested = nested && crate::heap::limit::over_alarm() && crate::heap::limit::exhausted();
                if super::HEAP_EXHAUSTED.swap(false, Ordering::Relaxed) || heap_nested {
                    inject_call(cx, "%HEAP-EXHAUSTED");
                }
                if !nested {
                    return Outcome::Yield;
                }
                fuel = slice();
                continue 'frame;
            }
            fuel -= 1;
            // Only a failed non-local exit whose error handler returned
            // can go on past the last instruction (see bytecode/verify.rs).
            let Some(&op) = ops.get(pc) else { fail!(cx.control_error("the code of a function ended without a return"), false) };
            pc += 1;
            let th = &mut *cx.th;
            match op {
                Op::Const(k) => th.stack.push(consts[k as usize]),
                Op::Nil => th.stack.push(Value::Nil),
                Op::T => th.stack.push(cx.g.t),
                Op::Fixnum(n) => th.stack.push(Value::Fixnum(n as i64)),
                Op::Local(i) => {
                    let v = th.stack[base + i as usize];
                    th.stack.push(v)
                }
                Op::SetLocal(i) => {
                    let v = *th.stack.last().unwrap();
                    th.stack[base + i as usize] = v;
                }
                Op::LocalCell(i) => {
                    let v = cell_get(th.stack[base + i as usize]);
                    th.stack.push(v)
                }
                Op::SetLocalCell(i) => {
                    let v = *th.stack.last().unwrap();
                    cell_set(mc, th.stack[base + i as usize], v);
                }
                Op::MakeCell(i) => {
                    let slot = &mut th.stack[base + i as usize];
                    *slot = Value::Cell(Gc::new(mc, Lock::new(*slot)));
                }
                Op::Env(e) => th.stack.push(env[e as usize]),
                Op::EnvCell(e) => th.stack.push(cell_get(env[e as usize])),
                Op::SetEnvCell(e) => {
                    let v = *th.stack.last().unwrap();
                    cell_set(mc, env[e as usize], v);
                }
                Op::Global(k) => {
                    let sym = consts[k as usize];
                    let v = match sym {
                        Value::Symbol(s) => s.value(),
                        _ => Value::Nil,
                    };
                    if v.is_unbound() {
                        fail!(cx.unbound_variable(sym), false);
                    }
                    th.stack.push(v);
                }
                Op::SetGlobal(k) => {
                    let v = *th.stack.last().unwrap();
                    if let Value::Symbol(s) = consts[k as usize] {
                        if s.has(flags::CONSTANT) {
                            let name = s.name.to_string();
                            fail!(cx.program_error(&format!("cannot set the constant {name}")), false);
                        }
                        Symbol::set_value(s, mc, v);
                    }
                }
                Op::Pop => {
                    th.stack.pop();
                }
                Op::PopLocal(i) => {
                    let v = th.stack.pop().unwrap();
                    th.stack[base + i as usize] = v;
                }
                Op::Jump(to) => pc = to as usize,
                Op::JumpIfNil(to) => {
                    if th.stack.pop().unwrap().is_nil() {
                        pc = to as usize;
                    }
                }
                Op::JumpIfNotNil(to) => {
                    if th.stack.pop().unwrap().truthy() {
                        pc = to as usize;
                    }
                }
                Op::JumpIfSupplied(i, to) => {
                    if !th.stack[base + i as usize].is_unbound() {
                        pc = to as usize;
                    }
                }
                Op::SuppliedP(i, sp) => {
                    let supplied = !th.stack[base + i as usize].is_unbound();
                    th.stack[base + sp as usize] = if supplied { cx.g.t } else { Value::Nil };
                }
                Op::Call(n) => call!(n as usize, false),
                Op::CallMv(n) => call!(n as usize, true),
                Op::TailCall(n) => {
                    if let Some(o) = tail_call(cx, n as usize, base, nested) {
                        return o;
                    }
                    continue 'frame;
                }
                Op::CallGlobal(k, n) | Op::CallGlobalMv(k, n) | Op::TailCallGlobal(k, n) => {
                    let sym = consts[k as usize];
                    let f = match sym {
                        Value::Symbol(s) if !s.has(flags::MACRO | flags::SPECIAL_OPERATOR) => s.function.get(),
                        _ => Value::Unbound,
                    };
                    if !matches!(f, Value::Function(_)) {
                        th.stack.truncate(th.stack.len() - n as usize);
                        let want = matches!(op, Op::CallGlobalMv(..));
                        fail!(cx.undefined_function(sym), want);
                    }
                    let len = th.stack.len();
                    th.stack.insert(len - n as usize, f);
                    match op {
                        Op::CallGlobal(..) => call!(n as usize, false),
                        Op::CallGlobalMv(..) => call!(n as usize, true),
                        _ => {
                            if let Some(o) = tail_call(cx, n as usize, base, nested) {
                                return o;
                            }
                            continue 'frame;
                        }
                    }
                }
                Op::MvCall | Op::MvCallMv => {
                    let n = th.stack.pop().unwrap().as_fixnum().unwrap() as usize;
                    call!(n, matches!(op, Op::MvCallMv))
                }
                Op::Return => {
                    let v = th.stack.pop().unwrap();
                    let f = th.frames.pop().unwrap();
                    th.stack.truncate(f.base as usize - 1);
                    if f.interrupt {
                        restore_after_interrupt(th);
                    } else if f.want_mv {
                        th.mv.clear();
                        th.mv.push(v);
                    } else {
                        th.stack.push(v);
                    }
                    continue 'frame;
                }
                Op::ReturnMv => {
                    let f = th.frames.pop().unwrap();
                    th.stack.truncate(f.base as usize - 1);
                    if f.interrupt {
                        restore_after_interrupt(th);
                    } else if !f.want_mv {
                        let v = th.mv.first().copied().unwrap_or(Value::Nil);
                        th.stack.push(v);
                    }
                    continue 'frame;
                }
                Op::Closure(k) => {
                    let Value::Object(obj) = consts[k as usize] else { unreachable!() };
                    let Object::Code(c) = Gc::as_ref(obj) else { unreachable!() };
                    let captured: Box<[Value<'gc>]> = c
                        .captures
                        .iter()
                        .map(|cap| match *cap {
                            Capture::Local(i) => th.stack[base + i as usize],
                            Capture::Env(e) => env[e as usize],
                        })
                        .collect();
                    let f = Function::closure(mc, *c, captured);
                    th.stack.push(f);
                }
                Op::Values(n) => {
                    let len = th.stack.len();
                    th.mv.clear();
                    th.mv.extend_from_slice(&th.stack[len - n as usize..]);
                    th.stack.truncate(len - n as usize);
                }
                Op::MvPrimary => {
                    let v = th.mv.first().copied().unwrap_or(Value::Nil);
                    th.stack.push(v);
                }
                Op::ToMv => {
                    let v = th.stack.pop().unwrap();
                    th.mv.clear();
                    th.mv.push(v);
                }
                Op::MvSpread => {
                    let count = th.stack.pop().unwrap().as_fixnum().unwrap();
                    let n = th.mv.len();
                    th.stack.extend_from_slice(&th.mv);
                    th.stack.push(Value::Fixnum(count + n as i64));
                }
                Op::MvSave => {
                    let n = th.mv.len();
                    th.stack.extend_from_slice(&th.mv);
                    th.stack.push(Value::Fixnum(n as i64));
                }
                Op::MvRestore => {
                    let n = th.stack.pop().unwrap().as_fixnum().unwrap() as usize;
                    let len = th.stack.len();
                    th.mv.clear();
                    th.mv.extend_from_slice(&th.stack[len - n..]);
                    th.stack.truncate(len - n);
                }
                Op::MvBind(i, n) => {
                    for j in 0..n as usize {
                        let v = th.mv.get(j).copied().unwrap_or(Value::Nil);
                        th.stack[base + i as usize + j] = v;
                    }
                }
                Op::Bind(k) => {
                    let v = th.stack.pop().unwrap();
                    let sym = consts[k as usize];
                    if let Value::Symbol(s) = sym {
                        th.dyn_stack.push(Dyn::Bind(sym, s.value()));
                        Symbol::set_value(s, mc, v);
                    }
                }
                Op::Unbind(n) => {
                    for _ in 0..n {
                        pop_dyn(cx);
                    }
                }
                Op::PopDyn => pop_dyn(cx),
                Op::Mark(i) => {
                    let sp = th.stack.len();
                    let h = th.dyn_stack.len();
                    th.stack[base + i as usize] = Value::Fixnum(sp as i64);
                    th.stack[base + i as usize + 1] = Value::Fixnum(h as i64);
                }
                Op::Reset(i) => {
                    let sp = th.stack[base + i as usize].as_fixnum().unwrap_or(0) as usize;
                    let h = th.stack[base + i as usize + 1].as_fixnum().unwrap_or(0) as usize;
                    th.stack.truncate(sp);
                    while cx.th.dyn_stack.len() > h {
                        pop_dyn(cx);
                    }
                }
                Op::Function(k) | Op::SetfFunction(k) => {
                    let sym = consts[k as usize];
                    let f = match sym {
                        Value::Symbol(s) if op == Op::SetfFunction(k) => s.setf_function.get(),
                        Value::Symbol(s) if !s.has(flags::MACRO | flags::SPECIAL_OPERATOR) => s.function.get(),
                        _ => Value::Unbound,
                    };
                    if !matches!(f, Value::Function(_)) {
                        let name = if op == Op::SetfFunction(k) {
                            crate::heap::list(mc, &[cx.g.s.setf.into(), sym])
                        } else {
                            sym
                        };
                        fail!(cx.undefined_function(name), false);
                    }
                    th.stack.push(f);
                }
                Op::Progv => {
                    let vals = th.stack.pop().unwrap();
                    let syms = th.stack.pop().unwrap();
                    if let Err(e) = progv(cx, syms, vals) {
                        fail!(e, false);
                    }
                }
                Op::Catch(to) => {
                    let tag = th.stack.pop().unwrap();
                    let frame = th.frames.len() as u32 - 1;
                    let sp = th.stack.len() as u32;
                    th.dyn_stack.push(Dyn::Catch { tag, frame, sp, pc: to });
                }
                Op::Throw => {
                    let tag = th.stack.pop().unwrap();
                    save_pc!();
                    if let Err(e) = unwind::throw(cx, tag) {
                        if let Some(o) = exit_failed(cx, e, nested) {
                            return o;
                        }
                    }
                    continue 'frame;
                }
                Op::Block(i, to) => {
                    th.next_token += 1;
                    let token = Value::Fixnum(th.next_token);
                    th.stack[base + i as usize] = token;
                    let frame = th.frames.len() as u32 - 1;
                    let sp = th.stack.len() as u32;
                    th.dyn_stack.push(Dyn::Block { token, frame, sp, pc: to });
                }
                Op::ReturnFrom => {
                    let token = th.stack.pop().unwrap();
                    save_pc!();
                    if let Err(e) = unwind::return_from(cx, token) {
                        if let Some(o) = exit_failed(cx, e, nested) {
                            return o;
                        }
                    }
                    continue 'frame;
                }
                Op::Tagbody(i, table) => {
                    th.next_token += 1;
                    let token = Value::Fixnum(th.next_token);
                    th.stack[base + i as usize] = token;
                    let frame = th.frames.len() as u32 - 1;
                    let sp = th.stack.len() as u32;
                    th.dyn_stack.push(Dyn::Tagbody { token, frame, sp, table });
                }
                Op::Go(n) => {
                    let token = th.stack.pop().unwrap();
                    save_pc!();
                    if let Err(e) = unwind::go(cx, token, n) {
                        if let Some(o) = exit_failed(cx, e, nested) {
                            return o;
                        }
                    }
                    continue 'frame;
                }
                Op::Protect(to) => {
                    let frame = th.frames.len() as u32 - 1;
                    let sp = th.stack.len() as u32;
                    th.dyn_stack.push(Dyn::Protect { frame, sp, pc: to });
                }
                Op::ProtectNormal => {
                    th.dyn_stack.pop();
                    let n = th.mv.len();
                    th.stack.extend_from_slice(&th.mv);
                    th.stack.push(Value::Fixnum(n as i64));
                    th.stack.push(Value::Fixnum(0));
                    th.stack.push(Value::Fixnum(-1));
                }
                Op::ProtectEnd => {
                    let target = th.stack.pop().unwrap().as_fixnum().unwrap();
                    let tag = th.stack.pop().unwrap().as_fixnum().unwrap();
                    let n = th.stack.pop().unwrap().as_fixnum().unwrap() as usize;
                    let len = th.stack.len();
                    let values: Vec<Value<'gc>> = th.stack[len - n..].to_vec();
                    th.stack.truncate(len - n);
                    if target < 0 {
                        th.mv = values;
                    } else {
                        save_pc!();
                        let t = Transfer { target: target as u32, tag: tag as u32, values };
                        if let Err(e) = transfer(cx, t) {
                        if let Some(o) = exit_failed(cx, e, nested) {
                            return o;
                        }
                    }
                        continue 'frame;
                    }
                }
                Op::Add => {
                    if let Some(n) = fix2!(cx, plus, |a: i64, b: i64| Value::int(mc, a + b)) {
                        call!(n, false)
                    }
                }
                Op::Sub => {
                    if let Some(n) = fix2!(cx, minus, |a: i64, b: i64| Value::int(mc, a - b)) {
                        call!(n, false)
                    }
                }
                Op::Lt => {
                    let t = cx.g.t;
                    if let Some(n) = fix2!(cx, lt, |a: i64, b: i64| Value::bool(a < b, t)) {
                        call!(n, false)
                    }
                }
                Op::Gt => {
                    let t = cx.g.t;
                    if let Some(n) = fix2!(cx, gt, |a: i64, b: i64| Value::bool(a > b, t)) {
                        call!(n, false)
                    }
                }
                Op::Le => {
                    let t = cx.g.t;
                    if let Some(n) = fix2!(cx, le, |a: i64, b: i64| Value::bool(a <= b, t)) {
                        call!(n, false)
                    }
                }
                Op::Ge => {
                    let t = cx.g.t;
                    if let Some(n) = fix2!(cx, ge, |a: i64, b: i64| Value::bool(a >= b, t)) {
                        call!(n, false)
                    }
                }
                Op::NumEq => {
                    let t = cx.g.t;
                    if let Some(n) = fix2!(cx, num_eq, |a: i64, b: i64| Value::bool(a == b, t)) {
                        call!(n, false)
                    }
                }
                Op::Inc | Op::Dec => {
                    let top = th.stack.len() - 1;
                    match th.stack[top] {
                        Value::Fixnum(a) => th.stack[top] = Value::int(mc, if op == Op::Inc { a + 1 } else { a - 1 }),
                        _ => {
                            let s = if op == Op::Inc { cx.g.s.one_plus } else { cx.g.s.one_minus };
                            th.stack.insert(top, s.0.function.get());
                            call!(1, false)
                        }
                    }
                }
                Op::Eq => {
                    let b = th.stack.pop().unwrap();
                    let a = th.stack.pop().unwrap();
                    th.stack.push(Value::bool(a.eq(b), cx.g.t));
                }
                Op::Car | Op::Cdr => {
                    let top = th.stack.len() - 1;
                    match th.stack[top] {
                        Value::Cons(c) => th.stack[top] = if op == Op::Car { c.car() } else { c.cdr() },
                        Value::Nil => {}
                        other => {
                            th.stack.pop();
                            fail!(cx.type_error(other, cx.g.s.list_type.into()), false);
                        }
                    }
                }
                Op::Cons => {
                    let b = th.stack.pop().unwrap();
                    let a = th.stack.pop().unwrap();
                    th.stack.push(cons(mc, a, b));
                }
                Op::Not => {
                    let top = th.stack.len() - 1;
                    th.stack[top] = Value::bool(th.stack[top].is_nil(), cx.g.t);
                }
            }
        }
    }
}

/// Moves a tail call's function and arguments down over the current frame.
fn tail_position<'gc>(cx: &mut Cx<'gc, '_>, n: usize, base: usize) {
    let st = &mut cx.th.stack;
    let from = st.len() - n - 1;
    let to = base - 1;
    st.copy_within(from.., to);
    st.truncate(to + n + 1);
}

/// After a non-local exit started in this run could not complete: it
/// reached this nested run's barrier (stop the run), or signalled an error
/// (no such exit point), which is handled here: should the handler
/// return, its values are in the register (what the compiler and the
/// bytecode verifier expect after THROW, RETURN-FROM and GO).
fn exit_failed<'gc>(cx: &mut Cx<'gc, '_>, e: Ctl<'gc>, nested: bool) -> Option<Outcome> {
    match e {
        Ctl::Unwind if nested => Some(Outcome::Unwound),
        Ctl::Unwind => Some(Outcome::Fatal("a non-local exit found no target".into())),
        e => match handle(cx, e, true, nested) {
            Next::Continue => None,
            Next::Stop(o) => Some(o),
        },
    }
}

/// Replaces the current frame by a call to the function and arguments on
/// top of the stack; the callee returns straight to our caller.
fn tail_call<'gc>(cx: &mut Cx<'gc, '_>, n: usize, base: usize, nested: bool) -> Option<Outcome> {
    tail_position(cx, n, base);
    let f = cx.th.frames.pop().unwrap();
    let depth = cx.th.frames.len();
    match invoke(cx, n, f.want_mv) {
        Ok(()) => {
            if f.interrupt && cx.th.frames.len() > depth {
                cx.th.frames[depth].interrupt = true;
            }
            None
        }
        Err(e) => match handle(cx, e, f.want_mv, nested) {
            Next::Continue => None,
            Next::Stop(o) => Some(o),
        },
    }
}

/// Calls `sys::NAME` (the Ctrl-C or heap-exhaustion handler) on top of the
/// current frame, as if the instruction about to run had called it; the
/// values register is saved on the stack and restored when it returns.
fn inject_call<'gc>(cx: &mut Cx<'gc, '_>, name: &str) {
    let handler = cx.g.intern_in(cx.mc, "SYS", name);
    let f = match cx.g.sym(handler).map(|s| s.function.get()) {
        Some(f @ Value::Function(_)) => f,
        _ => return,
    };
    let th = &mut *cx.th;
    let n = th.mv.len();
    th.stack.extend_from_slice(&th.mv);
    th.stack.push(Value::Fixnum(n as i64));
    th.stack.push(f);
    let depth = th.frames.len();
    match invoke(cx, 0, false) {
        Ok(()) if cx.th.frames.len() > depth => cx.th.frames[depth].interrupt = true,
        _ => {
            // A handler that could not start leaves nothing to undo but the saved values.
            let th = &mut *cx.th;
            th.stack.truncate(th.stack.len().saturating_sub(n + 2));
        }
    }
}

/// Restores the values register saved by `inject_call`.
fn restore_after_interrupt(th: &mut super::Thread<'_>) {
    let n = th.stack.pop().and_then(|v| v.as_fixnum()).unwrap_or(0) as usize;
    let len = th.stack.len();
    th.mv.clear();
    th.mv.extend_from_slice(&th.stack[len - n..]);
    th.stack.truncate(len - n);
}

#[inline]
fn cell_get<'gc>(v: Value<'gc>) -> Value<'gc> {
    match v {
        Value::Cell(c) => c.get(),
        other => other,
    }
}

#[inline]
fn cell_set<'gc>(mc: &gc_arena::Mutation<'gc>, cell: Value<'gc>, v: Value<'gc>) {
    if let Value::Cell(c) = cell {
        c.unlock(mc).set(v);
    }
}

fn progv<'gc>(cx: &mut Cx<'gc, '_>, syms: Value<'gc>, vals: Value<'gc>) -> Result<(), Ctl<'gc>> {
    // A circular list of symbols would bind without end.
    let Ok(symbols) = crate::heap::cons::list_to_vec(syms) else { return Err(cx.type_error(syms, cx.g.s.list_type.into())) };
    let mut vals = vals;
    for sym in symbols {
        let s = cx.check_symbol(sym)?;
        let v = match vals {
            Value::Cons(vc) => {
                vals = vc.cdr();
                vc.car()
            }
            _ => Value::Unbound,
        };
        cx.th.dyn_stack.push(Dyn::Bind(sym, s.value()));
        Symbol::set_value(s, cx.mc, v);
    }
    Ok(())
}
