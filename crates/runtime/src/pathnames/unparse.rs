//! Pathnames to namestrings: Unix syntax for physical pathnames, CLHS
//! 19.3.1 syntax for logical ones. A pathname that no namestring can
//! denote (a type without a name, a directory part that is not a string)
//! has none (`None`), as in SBCL.

use super::Pathname;
use crate::heap::cons::list_to_vec;
use crate::heap::{Globals, Value};

/// How a component is written: strings as they are, keywords by their
/// namestring word; `None` when it has no word.
fn word<'gc>(g: &Globals<'gc>, v: Value<'gc>) -> Option<String> {
    if let Some(s) = v.as_string() {
        return Some(s);
    }
    match g.sym(v).map(|s| s.name.to_string()).as_deref() {
        Some("WILD") => Some("*".into()),
        Some("WILD-INFERIORS") => Some("**".into()),
        Some("UP") | Some("BACK") => Some("..".into()),
        _ => None,
    }
}

fn is_kw<'gc>(g: &Globals<'gc>, v: Value<'gc>, name: &str) -> bool {
    matches!(v, Value::Symbol(_)) && g.sym(v).is_some_and(|s| &*s.name == name)
}

/// The directory part: "/a/b/", "a/b/" (or "A;B;" for logical pathnames).
pub fn directory<'gc>(g: &Globals<'gc>, p: &Pathname<'gc>) -> Option<String> {
    let parts = list_to_vec(p.directory).ok()?;
    let mut out = String::new();
    let Some((&first, mut rest)) = parts.split_first() else { return Some(out) };
    let sep = if p.logical { ';' } else { '/' };
    if is_kw(g, first, "ABSOLUTE") {
        if !p.logical && rest.first().is_some_and(|&h| is_kw(g, h, "HOME")) {
            out.push_str("~/");
            rest = &rest[1..];
        } else if !p.logical {
            out.push('/');
        }
    } else if is_kw(g, first, "RELATIVE") {
        if p.logical {
            out.push(';');
        }
    } else {
        return None;
    }
    for &part in rest {
        out.push_str(&word(g, part)?);
        out.push(sep);
    }
    Some(out)
}

/// The file part: name, type and (for logical pathnames) version.
pub fn file<'gc>(g: &Globals<'gc>, p: &Pathname<'gc>) -> Option<String> {
    let mut out = String::new();
    let absent = |v: Value<'gc>| v.is_nil() || is_kw(g, v, "UNSPECIFIC");
    if !absent(p.name) {
        out.push_str(&word(g, p.name)?);
    }
    if !absent(p.type_) {
        if absent(p.name) && !p.logical {
            return None;
        }
        out.push('.');
        out.push_str(&word(g, p.type_)?);
    }
    if p.logical && !absent(p.version) {
        out.push('.');
        match p.version {
            Value::Fixnum(n) => out.push_str(&n.to_string()),
            v if is_kw(g, v, "NEWEST") => out.push_str("NEWEST"),
            v => out.push_str(&word(g, v)?),
        }
    }
    Some(out)
}

/// The host part: "HOST:" for logical pathnames, empty for Unix ones.
pub fn host<'gc>(p: &Pathname<'gc>) -> String {
    match p.host.as_string() {
        Some(h) if p.logical => format!("{h}:"),
        _ => String::new(),
    }
}

/// The whole namestring.
pub fn namestring<'gc>(g: &Globals<'gc>, p: &Pathname<'gc>) -> Option<String> {
    Some(format!("{}{}{}", host(p), directory(g, p)?, file(g, p)?))
}
