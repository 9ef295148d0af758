//! Calling: `invoke` starts a call whose function and arguments are on top
//! of the stack — a new frame for bytecode (after matching the arguments
//! to the lambda list), or a direct Rust call for primitives.

use gc_arena::Gc;

use super::{Ctl, Cx, Frame};
use crate::bytecode::Code;
use crate::heap::cons::list;
use crate::heap::function::{FnKind, Function, MANY};
use crate::heap::symbol::flags;
use crate::heap::Value;

/// Calls the function at `stack[len - n - 1]` with the `n` values above it.
/// Bytecode functions get a frame (run by the loop); primitives run now and
/// their result is delivered (pushed, or put in the values register).
pub fn invoke<'gc>(cx: &mut Cx<'gc, '_>, n: usize, want_mv: bool) -> Result<(), Ctl<'gc>> {
    let fpos = cx.th.stack.len() - n - 1;
    let f = cx.th.stack[fpos];
    let func = match f {
        Value::Function(func) => func,
        other => {
            let func = resolve_designator(cx, other)?;
            cx.th.stack[fpos] = Value::Function(func);
            func
        }
    };
    match &func.kind {
        FnKind::Closure { code, .. } => {
            let code = *code;
            enter(cx, code, fpos + 1, n)?;
            if cx.th.frames.len() >= cx.th.frame_limit {
                // Let the handler run in the headroom; reset when the stack shrinks.
                cx.th.frame_limit += super::FRAME_HEADROOM;
                cx.th.stack.truncate(fpos);
                return Err(cx.storage_condition("control stack exhausted (too deep recursion)"));
            }
            cx.th.frames.push(Frame { func, code, pc: 0, base: (fpos + 1) as u32, want_mv, interrupt: false });
            Ok(())
        }
        FnKind::Funcallable(fi) => {
            // A generic function: the cached effective method for these
            // arguments' classes, else the discriminating function.
            let target = fi.cache.borrow().lookup(cx, &cx.th.stack[fpos + 1..]).unwrap_or_else(|| fi.fun.get());
            if !matches!(target, Value::Function(g) if !Gc::ptr_eq(g, func)) {
                cx.th.stack.truncate(fpos);
                return Err(cx.error_fmt("the funcallable instance ~S has no function to call", &[Value::Function(func)]));
            }
            cx.th.stack[fpos] = target;
            invoke(cx, n, want_mv)
        }
        FnKind::Native(nat) => {
            if (n as u16) < nat.min || (nat.max != MANY && n as u16 > nat.max) {
                cx.th.stack.truncate(fpos);
                return Err(arg_count_error(cx, Value::Function(func), n));
            }
            let mut buf = [Value::Nil; 8];
            let heap_args;
            let args: &[Value<'gc>] = if n <= 8 {
                buf[..n].copy_from_slice(&cx.th.stack[fpos + 1..]);
                &buf[..n]
            } else {
                heap_args = cx.th.stack[fpos + 1..].to_vec();
                &heap_args
            };
            cx.th.stack.truncate(fpos);
            cx.th.mv_set = false;
            match (nat.f)(cx, args) {
                Ok(v) => {
                    deliver(cx, v, want_mv);
                    Ok(())
                }
                Err(Ctl::TailCall(g, gargs)) => {
                    cx.th.stack.push(g);
                    let k = gargs.len();
                    cx.th.stack.extend(gargs);
                    invoke(cx, k, want_mv)
                }
                Err(e) => Err(e),
            }
        }
    }
}

/// The function a designator names: functions themselves, or the global
/// function of a symbol (`undefined-function` when there is none).
pub fn resolve_designator<'gc>(cx: &mut Cx<'gc, '_>, f: Value<'gc>) -> Result<Gc<'gc, Function<'gc>>, Ctl<'gc>> {
    match f {
        Value::Function(func) => Ok(func),
        Value::Symbol(_) | Value::Nil => {
            let sym = cx.g.sym(f).unwrap();
            match sym.function.get() {
                Value::Function(func) if !sym.has(flags::MACRO) && !sym.has(flags::SPECIAL_OPERATOR) => Ok(func),
                _ => Err(cx.undefined_function(f)),
            }
        }
        other => Err(cx.type_error(other, cx.g.s.function_type.into())),
    }
}

/// Puts a primitive's result where the caller wants it.
#[inline]
pub fn deliver<'gc>(cx: &mut Cx<'gc, '_>, v: Value<'gc>, want_mv: bool) {
    let th = &mut *cx.th;
    if th.mv_set {
        th.mv_set = false;
        if !want_mv {
            th.stack.push(v);
        }
    } else if want_mv {
        th.mv.clear();
        th.mv.push(v);
    } else {
        th.stack.push(v);
    }
}

pub fn arg_count_error<'gc>(cx: &mut Cx<'gc, '_>, f: Value<'gc>, n: usize) -> Ctl<'gc> {
    let name = match f {
        Value::Function(func) => func.name.get(),
        _ => Value::Nil,
    };
    let name = crate::printer::to_string(cx, name, true).unwrap_or_else(|_| "?".into());
    cx.program_error(&format!("invalid number of arguments to {name}: {n}"))
}

/// Matches `n` arguments at `stack[base..]` to the lambda list of `code`,
/// leaving exactly `nlocals` slots from `base` on the stack.
fn enter<'gc>(cx: &mut Cx<'gc, '_>, code: Gc<'gc, Code<'gc>>, base: usize, n: usize) -> Result<(), Ctl<'gc>> {
    let shape = &code.shape;
    let nlocals = code.nlocals as usize;
    if shape.is_simple() {
        if n != shape.nreq as usize {
            cx.th.stack.truncate(base - 1);
            return Err(wrong_count(cx, code, n));
        }
        cx.th.stack.resize(base + nlocals, Value::Nil);
        return Ok(());
    }
    let (nreq, nopt) = (shape.nreq as usize, shape.nopt as usize);
    if n < nreq || (!shape.rest && !shape.has_keys && n > nreq + nopt) {
        cx.th.stack.truncate(base - 1);
        return Err(wrong_count(cx, code, n));
    }
    let args: Vec<Value<'gc>> = cx.th.stack.drain(base..).collect();
    let stack = &mut cx.th.stack;
    stack.extend_from_slice(&args[..nreq]);
    for i in 0..nopt {
        stack.push(args.get(nreq + i).copied().unwrap_or(Value::Unbound));
    }
    let more = if args.len() > nreq + nopt { &args[nreq + nopt..] } else { &[][..] };
    if shape.rest {
        let l = list(cx.mc, more);
        cx.th.stack.push(l);
    }
    if shape.has_keys {
        if more.len() % 2 != 0 {
            cx.th.stack.truncate(base - 1);
            return Err(cx.program_error("odd number of &key arguments"));
        }
        let aok = cx.g.s.kw_allow_other_keys;
        let mut allow = shape.allow_other_keys;
        if !allow {
            // The first :allow-other-keys argument decides (CLHS 3.4.1.4.1).
            if let Some(p) = more.chunks(2).find(|p| aok.is(p[0])) {
                allow = p[1].truthy();
            }
        }
        for spec in &shape.keys {
            let v = more.chunks(2).find(|p| p[0].eq(spec.key)).map(|p| p[1]).unwrap_or(Value::Unbound);
            cx.th.stack.push(v);
        }
        if !allow {
            if let Some(p) = more.chunks(2).find(|p| !aok.is(p[0]) && !shape.keys.iter().any(|k| k.key.eq(p[0]))) {
                let key = p[0];
                cx.th.stack.truncate(base - 1);
                let name = crate::printer::to_string(cx, key, true).unwrap_or_default();
                let fname = crate::printer::to_string(cx, code.name, true).unwrap_or_default();
                return Err(cx.program_error(&format!("unknown &key argument {name} in call to {fname}")));
            }
        }
    }
    cx.th.stack.resize(base + nlocals, Value::Nil);
    Ok(())
}

fn wrong_count<'gc>(cx: &mut Cx<'gc, '_>, code: Gc<'gc, Code<'gc>>, n: usize) -> Ctl<'gc> {
    let name = crate::printer::to_string(cx, code.name, true).unwrap_or_else(|_| "?".into());
    let s = &code.shape;
    let expect = if s.rest || s.has_keys {
        format!("at least {}", s.nreq)
    } else if s.nopt > 0 {
        format!("between {} and {}", s.nreq, s.nreq + s.nopt)
    } else {
        format!("{}", s.nreq)
    };
    cx.program_error(&format!("invalid number of arguments to {name}: {n} (expected {expect})"))
}
