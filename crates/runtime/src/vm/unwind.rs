//! Non-local exits. `transfer` pops the dynamic-state stack down to a
//! target entry (a catch, block or tagbody), restoring special bindings on
//! the way. An unwind-protect on the way interrupts the walk: its cleanup
//! runs as ordinary code with a record of the transfer on the stack, and
//! `ProtectEnd` resumes it. A nested-run boundary also interrupts it: the
//! transfer is parked in the thread and the nested run returns
//! `Ctl::Unwind`, so the Rust code in between returns before it continues.

use super::{Ctl, Cx, Dyn, Transfer};
use crate::heap::symbol::Symbol;
use crate::heap::Value;

/// Performs `t`. `Ok` means the thread is ready to continue at the landing
/// point (or in a cleanup); `Err(Ctl::Unwind)` means a nested-run boundary
/// was reached.
pub fn transfer<'gc>(cx: &mut Cx<'gc, '_>, t: Transfer<'gc>) -> Result<(), Ctl<'gc>> {
    let target = t.target as usize;
    while cx.th.dyn_stack.len() > target + 1 {
        let entry = cx.th.dyn_stack.pop().unwrap();
        match entry {
            Dyn::Bind(sym, old) => restore(cx, sym, old),
            Dyn::Protect { frame, sp, pc } => {
                let th = &mut *cx.th;
                th.frames.truncate(frame as usize + 1);
                th.stack.truncate(sp as usize);
                let n = t.values.len();
                th.stack.extend_from_slice(&t.values);
                th.stack.push(Value::Fixnum(n as i64));
                th.stack.push(Value::Fixnum(t.tag as i64));
                th.stack.push(Value::Fixnum(t.target as i64));
                th.frames[frame as usize].pc = pc;
                return Ok(());
            }
            Dyn::Barrier { frame, sp } => {
                cx.th.frames.truncate(frame as usize);
                cx.th.stack.truncate(sp as usize);
                cx.th.transfer = Some(t);
                return Err(Ctl::Unwind);
            }
            Dyn::Catch { .. } | Dyn::Block { .. } | Dyn::Tagbody { .. } => {}
        }
    }
    // The target and the tag come from the code being run; code from a
    // fasl is verified, but a cleanup may still have popped the target.
    let th = &mut *cx.th;
    match th.dyn_stack.get(target) {
        Some(&Dyn::Catch { frame, sp, pc, .. } | &Dyn::Block { frame, sp, pc, .. }) => {
            th.dyn_stack.pop();
            th.frames.truncate(frame as usize + 1);
            th.stack.truncate(sp as usize);
            th.mv = t.values;
            th.frames[frame as usize].pc = pc;
        }
        Some(&Dyn::Tagbody { frame, sp, table, .. }) => {
            let code = th.frames[frame as usize].code;
            let Some(&pc) = code.tag_tables().get(table as usize).and_then(|tags| tags.get(t.tag as usize)) else {
                return Err(cx.control_error("GO to a tag its TAGBODY does not have"));
            };
            th.frames.truncate(frame as usize + 1);
            th.stack.truncate(sp as usize);
            th.frames[frame as usize].pc = pc;
        }
        _ => return Err(cx.control_error("the exit point of a non-local exit no longer exists")),
    }
    Ok(())
}

/// Restores a special binding.
#[inline]
pub fn restore<'gc>(cx: &mut Cx<'gc, '_>, sym: Value<'gc>, old: Value<'gc>) {
    if let Some(s) = cx.g.sym(sym) {
        Symbol::set_value(s, cx.mc, old);
    }
}

/// Pops one dynamic-state entry on a normal exit.
#[inline]
pub fn pop_dyn<'gc>(cx: &mut Cx<'gc, '_>) {
    if let Some(Dyn::Bind(sym, old)) = cx.th.dyn_stack.pop() {
        restore(cx, sym, old);
    }
}

/// Finds the innermost entry matching `pred`, from the top of the stack.
pub fn find_exit<'gc>(cx: &Cx<'gc, '_>, pred: impl Fn(&Dyn<'gc>) -> bool) -> Option<usize> {
    cx.th.dyn_stack.iter().rposition(pred)
}

pub fn throw<'gc>(cx: &mut Cx<'gc, '_>, tag: Value<'gc>) -> Result<(), Ctl<'gc>> {
    match find_exit(cx, |d| matches!(d, Dyn::Catch { tag: t, .. } if t.eq(tag))) {
        Some(i) => {
            let values = std::mem::take(&mut cx.th.mv);
            transfer(cx, Transfer { target: i as u32, tag: 0, values })
        }
        None => {
            let name = crate::printer::to_string(cx, tag, true).unwrap_or_default();
            Err(cx.control_error(&format!("attempt to throw to a tag that does not exist: {name}")))
        }
    }
}

pub fn return_from<'gc>(cx: &mut Cx<'gc, '_>, token: Value<'gc>) -> Result<(), Ctl<'gc>> {
    match find_exit(cx, |d| matches!(d, Dyn::Block { token: t, .. } if t.eq(token))) {
        Some(i) => {
            let values = std::mem::take(&mut cx.th.mv);
            transfer(cx, Transfer { target: i as u32, tag: 0, values })
        }
        None => Err(cx.control_error("attempt to RETURN-FROM a block that no longer exists")),
    }
}

pub fn go<'gc>(cx: &mut Cx<'gc, '_>, token: Value<'gc>, tag: u32) -> Result<(), Ctl<'gc>> {
    match find_exit(cx, |d| matches!(d, Dyn::Tagbody { token: t, .. } if t.eq(token))) {
        Some(i) => transfer(cx, Transfer { target: i as u32, tag, values: Vec::new() }),
        None => Err(cx.control_error("attempt to GO to a tag of a TAGBODY that no longer exists")),
    }
}
