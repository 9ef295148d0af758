//! Pathnames (CLHS 19): the immutable pathname object, the Unix and
//! logical namestring syntaxes (`parse`, `unparse`), and the mapping
//! between Unix file names (bytes) and Lisp strings (`os`).
//!
//! Components are Lisp values as CLHS 19.2.2 describes them: strings,
//! `:wild`, `:unspecific`, NIL, and for the directory a list
//! `(:absolute|:relative . parts)` whose parts are strings, `:wild`,
//! `:wild-inferiors`, `:up` or `:back`. A string holding `*` or `?` is a
//! wildcard pattern (SBCL's patterns, kept as strings here).

pub mod os;
pub mod parse;
pub mod unparse;

use gc_arena::{Collect, Gc, Mutation};

use crate::heap::object::Object;
use crate::heap::Value;

#[derive(Collect)]
#[collect(no_drop)]
pub struct Pathname<'gc> {
    pub host: Value<'gc>,
    pub device: Value<'gc>,
    pub directory: Value<'gc>,
    pub name: Value<'gc>,
    pub type_: Value<'gc>,
    pub version: Value<'gc>,
    /// A logical pathname (CLHS 19.3): its host is a registered logical host.
    pub logical: bool,
}

impl<'gc> Pathname<'gc> {
    /// The six components in CLHS order: host, device, directory, name, type, version.
    pub fn components(&self) -> [Value<'gc>; 6] {
        [self.host, self.device, self.directory, self.name, self.type_, self.version]
    }

    pub fn from_components(c: [Value<'gc>; 6], logical: bool) -> Self {
        let [host, device, directory, name, type_, version] = c;
        Pathname { host, device, directory, name, type_, version, logical }
    }

    pub fn into_value(self, mc: &Mutation<'gc>) -> Value<'gc> {
        Value::Object(Gc::new(mc, Object::Pathname(self)))
    }
}

/// The pathname inside `v`, if it is one.
pub fn as_pathname<'a, 'gc>(v: &'a Value<'gc>) -> Option<&'a Pathname<'gc>> {
    match v {
        Value::Object(o) => match Gc::as_ref(*o) {
            Object::Pathname(p) => Some(p),
            _ => None,
        },
        _ => None,
    }
}

/// Sets `*default-pathname-defaults*` to the process's current directory
/// (run whenever a runtime starts, since images are built elsewhere).
pub fn set_default_defaults<'gc>(cx: &mut crate::vm::Cx<'gc, '_>) {
    let dir = std::env::current_dir().map(|d| os::from_os(d.as_os_str())).unwrap_or_default();
    let p = parse::physical(cx.mc, cx.g, &format!("{}/", dir.trim_end_matches('/')));
    let var = cx.g.intern_in(cx.mc, "CL", "*DEFAULT-PATHNAME-DEFAULTS*");
    if let Some(s) = cx.g.sym(var) {
        s.set_flag(crate::heap::symbol::flags::SPECIAL, true);
        crate::heap::symbol::Symbol::set_value(s, cx.mc, p.into_value(cx.mc));
    }
}
