//! Loading fasls one top-level form at a time: the state between forms
//! (the file's bytes, the position, the objects read so far) lives in a
//! heap object, so `load` can run each form before the next is read.
//!
//! A fasl file may be several fasls concatenated (UIOP's `combine-fasls`,
//! ASDF's bundles). Each part has its own header and numbers its objects
//! afresh; when a part's forms are done and bytes remain, they must start
//! another part, whose header (build id, length, checksum) is checked
//! before any of its forms is read. A damaged later part is therefore an
//! error after the forms of the earlier parts have run, as in SBCL, which
//! also loads a concatenated fasl part by part.

use gc_arena::barrier::Write;
use gc_arena::{Collect, Gc, Mutation, RefLock};

use super::header::{part, FASL};
use super::read::Reader;
use super::wire::{corrupt, In, Res};
use super::Obj;
use crate::heap::object::Object;
use crate::heap::{Globals, Value};

#[derive(Collect)]
#[collect(no_drop)]
pub struct FaslState<'gc> {
    #[collect(require_static)]
    bytes: Vec<u8>,
    pos: usize,
    /// The end of the current part's body.
    end: usize,
    /// The current part, counting from 1 (for messages).
    part: usize,
    /// Top-level forms of the current part not yet read.
    remaining: usize,
    /// Set once the last form was read, or after an error.
    done: bool,
    muts: Vec<Value<'gc>>,
    imms: Vec<Obj<'gc>>,
}

impl FaslState<'_> {
    /// Checks the header of the part at `start` and moves to its forms.
    fn enter_part(&mut self, start: usize) -> Res<()> {
        self.part += 1;
        self.pos = start;
        let body = part(FASL, &self.bytes, start)?;
        let mut inp = In { bytes: &self.bytes[..body.end], pos: body.start };
        self.remaining = inp.count()?;
        self.pos = inp.pos;
        self.end = body.end;
        self.muts.clear();
        self.imms.clear();
        Ok(())
    }

    /// `e` saying which part of a fasl of several parts it is about.
    fn located(&self, e: super::wire::Error) -> String {
        if self.part > 1 || self.end < self.bytes.len() {
            format!("part {} of the fasl (at byte {}): {}", self.part, self.pos, e.0)
        } else {
            *e.0
        }
    }
}

/// A loader for the fasl `bytes`, or why they are not a loadable fasl
/// (the first part's header is checked here, the others' when reached).
pub fn open_fasl<'gc>(mc: &Mutation<'gc>, bytes: Vec<u8>) -> Result<Value<'gc>, String> {
    let mut state = FaslState { bytes, pos: 0, end: 0, part: 0, remaining: 0, done: false, muts: Vec::new(), imms: Vec::new() };
    state.enter_part(0).map_err(|e| *e.0)?;
    Ok(Value::Object(Gc::new(mc, Object::Fasl(RefLock::new(state)))))
}

/// The next top-level function of the fasl `loader`, or `None` after the
/// last. An `Err` names what is wrong (a missing package, bad bytes, a
/// damaged part); no form is read after one.
pub fn fasl_next<'gc>(mc: &Mutation<'gc>, g: &Globals<'gc>, loader: Gc<'gc, Object<'gc>>) -> Result<Option<Value<'gc>>, String> {
    let Object::Fasl(state) = &*loader else { return Err("not a fasl loader".into()) };
    Gc::write(mc, loader);
    // SAFETY: the write barrier of the object holding the lock was just
    // triggered in this arena callback, so its contents may change.
    let mut st = unsafe { Write::assume(state) }.unlock().borrow_mut();
    let st = &mut *st;
    while !st.done && st.remaining == 0 {
        let step = if st.pos != st.end {
            corrupt("damaged fasl (data after its last form)")
        } else if st.end == st.bytes.len() {
            st.done = true;
            Ok(())
        } else {
            st.enter_part(st.end)
        };
        if let Err(e) = step {
            st.done = true;
            return Err(st.located(e));
        }
    }
    if st.done {
        return Ok(None);
    }
    let FaslState { bytes, pos, end, muts, imms, .. } = st;
    let mut r = Reader::new(mc, Some(g), In { bytes: &bytes[..*end], pos: *pos });
    r.muts = std::mem::take(muts);
    r.imms = std::mem::take(imms);
    let root = r.segment(|r| r.value());
    *pos = r.inp.pos;
    *muts = std::mem::take(&mut r.muts);
    *imms = std::mem::take(&mut r.imms);
    st.remaining -= 1;
    let root = root.and_then(|v| if let Value::Function(_) = v { Ok(v) } else { corrupt("a top-level form expected") });
    match root {
        Ok(f) => Ok(Some(f)),
        Err(e) => {
            // A failed segment leaves the reader mid-record: stop here.
            st.done = true;
            Err(st.located(e))
        }
    }
}
