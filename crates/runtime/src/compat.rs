//! The sources of clove's compatibility systems (lisp-lib/compat/: its own
//! implementations of portability libraries that refuse a Lisp they do not
//! know), embedded in the binary. The defsystem writes a system's files
//! into the user's cache when the system is first looked for
//! (lisp-lib/asdf/compat.lisp); nothing is made at start-up.

use crate::heap::array::make_string;
use crate::heap::cons::cons;
use crate::heap::{list, Value};
use crate::vm::{Cx, R};

/// (path under lisp-lib/compat, contents), sorted by path.
pub static FILES: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/compat_files.rs"));

crate::natives! {
    SYS "%COMPAT-FILES" 0 0 => compat_files;
}

/// The embedded files as a list of (path . contents).
fn compat_files<'gc>(cx: &mut Cx<'gc, '_>, _args: &[Value<'gc>]) -> R<'gc> {
    let items: Vec<Value<'gc>> =
        FILES.iter().map(|(path, text)| cons(cx.mc, make_string(cx.mc, path), make_string(cx.mc, text))).collect();
    Ok(list(cx.mc, &items))
}
