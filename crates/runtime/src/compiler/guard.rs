//! The compiler's guard against runaway input. Compilations nest inside
//! one another on the Rust stack (a MACROLET compiles its definitions, a
//! macro function may call COMPILE or MACROEXPAND), so the depth and the
//! work are counted in the thread, over all of them: every recursive step
//! of the compiler (converting a form, destructuring a lambda-list
//! pattern) is between `enter` and `leave`. Too deep or too much work is a
//! `storage-condition`, not a program error: a program error would only
//! become run-time code for that subform and let the compilation go on,
//! which for `(defmacro m () '(list (m) (m)))` never ends; instead the
//! error goes up to the outermost expansion of the runaway macro (or the
//! outermost MACROLET whose definitions hold it), which becomes code
//! signalling it, so the handlers around the form see it and the rest of
//! the compilation goes on (convert.rs `convert_expansion`). The guard
//! also polls for Ctrl-C, so a long compilation can be interrupted.

use crate::heap::Value;
use crate::vm::{Ctl, Cx};

/// Deepest nesting of compiler steps, over nested compilations; it keeps
/// the Rust stack (256 MB in the `clove` thread) far from overflowing.
pub const MAX_DEPTH: u32 = 3000;
/// Most steps for one outermost form (counted from depth 0).
pub const MAX_WORK: u32 = 1_000_000;
/// Steps between two polls for Ctrl-C.
const POLL_EVERY: u32 = 1024;

/// Enters one recursive step; `leave` must follow when it returns.
pub fn enter<'gc>(cx: &mut Cx<'gc, '_>) -> Result<(), Ctl<'gc>> {
    let th = &mut *cx.th;
    if th.compile_depth == 0 {
        th.compile_work = 0;
        th.runaway_root = None;
    }
    th.compile_work += 1;
    let msg = if th.compile_depth >= MAX_DEPTH {
        format!("Control stack exhausted while compiling: forms (or macro expansions) nested more than {MAX_DEPTH} deep.")
    } else if th.compile_work > MAX_WORK {
        format!("Compilation stopped: more than {MAX_WORK} forms to compile in one place (a macro whose expansion does not end?).")
    } else {
        String::new()
    };
    if !msg.is_empty() {
        // The innermost region is the runaway macro's: its outermost
        // region on the path (or the outermost MACROLET definitions, whose
        // functions never run as such) becomes the run-time error.
        let marker: Value<'gc> = cx.g.s.macrolet.into();
        let regions = &th.regions;
        th.runaway_root = regions.last().and_then(|&k| regions.iter().position(|&r| r.eq(k) || r.eq(marker))).map(|i| i as u32);
        return Err(cx.storage_condition(&msg));
    }
    let poll = th.compile_work % POLL_EVERY == 0;
    th.compile_depth += 1;
    if poll {
        if let Err(e) = cx.poll() {
            leave(cx);
            return Err(e);
        }
    }
    Ok(())
}

pub fn leave(cx: &mut Cx<'_, '_>) {
    cx.th.compile_depth -= 1;
}

/// Starts a region: converting the expansion of macro function (or symbol
/// macro) `key`, or compiling MACROLET definitions (`key` is the symbol
/// MACROLET).
pub fn push_region<'gc>(cx: &mut Cx<'gc, '_>, key: Value<'gc>) {
    cx.th.regions.push(key);
}

/// Ends the innermost region; true when the guard stopped inside it and it
/// is the region to turn into code signalling the storage-condition.
pub fn pop_region(cx: &mut Cx<'_, '_>) -> bool {
    let th = &mut *cx.th;
    th.regions.pop();
    let root = th.runaway_root == Some(th.regions.len() as u32);
    if root {
        th.runaway_root = None;
        th.compile_work = 0;
    }
    root
}
