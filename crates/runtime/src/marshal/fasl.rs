//! Loading fasls one top-level form at a time: the state between forms
//! (the file's bytes, the position, the objects read so far) lives in a
//! heap object, so `load` can run each form before the next is read.

use gc_arena::barrier::Write;
use gc_arena::{Collect, Gc, Mutation, RefLock};

use super::header::{unwrap, FASL};
use super::read::Reader;
use super::wire::In;
use super::Obj;
use crate::heap::object::Object;
use crate::heap::{Globals, Value};

#[derive(Collect)]
#[collect(no_drop)]
pub struct FaslState<'gc> {
    #[collect(require_static)]
    bytes: Vec<u8>,
    pos: usize,
    /// Top-level forms not yet read.
    remaining: usize,
    muts: Vec<Value<'gc>>,
    imms: Vec<Obj<'gc>>,
}

/// A loader for the fasl `bytes`, or why they are not a loadable fasl.
pub fn open_fasl<'gc>(mc: &Mutation<'gc>, bytes: Vec<u8>) -> Result<Value<'gc>, String> {
    let body = unwrap(FASL, &bytes).map_err(|e| e.0)?;
    let mut inp = In::new(body);
    let remaining = inp.count().map_err(|e| e.0)?;
    let pos = bytes.len() - body.len() + inp.pos;
    let state = FaslState { bytes, pos, remaining, muts: Vec::new(), imms: Vec::new() };
    Ok(Value::Object(Gc::new(mc, Object::Fasl(RefLock::new(state)))))
}

/// The next top-level function of the fasl `loader`, or `None` after the
/// last. An `Err` names what is wrong (a missing package, bad bytes).
pub fn fasl_next<'gc>(mc: &Mutation<'gc>, g: &Globals<'gc>, loader: Gc<'gc, Object<'gc>>) -> Result<Option<Value<'gc>>, String> {
    let Object::Fasl(state) = &*loader else { return Err("not a fasl loader".into()) };
    Gc::write(mc, loader);
    // SAFETY: the write barrier of the object holding the lock was just
    // triggered in this arena callback, so its contents may change.
    let mut st = unsafe { Write::assume(state) }.unlock().borrow_mut();
    if st.remaining == 0 {
        return Ok(None);
    }
    let FaslState { bytes, pos, remaining, muts, imms } = &mut *st;
    let mut r = Reader::new(mc, Some(g), In { bytes, pos: *pos });
    r.muts = std::mem::take(muts);
    r.imms = std::mem::take(imms);
    let root = r.segment(|r| r.value());
    *pos = r.inp.pos;
    *muts = std::mem::take(&mut r.muts);
    *imms = std::mem::take(&mut r.imms);
    *remaining -= 1;
    match root {
        Ok(f @ Value::Function(_)) => Ok(Some(f)),
        Ok(_) => Err("a top-level form expected".into()),
        Err(e) => {
            // A failed segment leaves the reader mid-record: stop here.
            *remaining = 0;
            Err(e.0)
        }
    }
}
