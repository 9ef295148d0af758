//! Namestrings to pathnames. Unix syntax as SBCL reads it: `/` separates
//! directories, a leading `/` makes the directory absolute, `..` is `:up`,
//! `*` and `**` are `:wild` and `:wild-inferiors`; in the file part the
//! last dot after the first character separates name and type
//! ("foo.tar.gz" is name "foo.tar", type "gz"; ".bashrc" has no type);
//! a leading `~/` is the directory `(:absolute :home ...)`.
//! Logical syntax (CLHS 19.3.1): `HOST:DIR;SUB;NAME.TYPE.VERSION`,
//! upcased, a leading `;` for a relative directory.

use gc_arena::Mutation;

use super::Pathname;
use crate::heap::array::make_string;
use crate::heap::{list, Globals, Value};

fn kw<'gc>(mc: &Mutation<'gc>, g: &Globals<'gc>, name: &str) -> Value<'gc> {
    g.intern_in(mc, "KEYWORD", name)
}

/// A name or type word: `*` is `:wild`, anything else a string (patterns included).
fn word<'gc>(mc: &Mutation<'gc>, g: &Globals<'gc>, s: &str) -> Value<'gc> {
    if s == "*" {
        kw(mc, g, "WILD")
    } else {
        make_string(mc, s)
    }
}

/// A directory part.
fn dir_part<'gc>(mc: &Mutation<'gc>, g: &Globals<'gc>, s: &str) -> Value<'gc> {
    match s {
        "**" => kw(mc, g, "WILD-INFERIORS"),
        ".." => kw(mc, g, "UP"),
        _ => word(mc, g, s),
    }
}

/// A Unix namestring.
pub fn physical<'gc>(mc: &Mutation<'gc>, g: &Globals<'gc>, s: &str) -> Pathname<'gc> {
    let (dir, file) = match s.rfind('/') {
        Some(i) => (Some(&s[..=i]), &s[i + 1..]),
        None => (None, s),
    };
    let directory = match dir {
        None => Value::Nil,
        Some(d) => {
            let home = d.starts_with("~/");
            let start = kw(mc, g, if d.starts_with('/') || home { "ABSOLUTE" } else { "RELATIVE" });
            let mut parts = vec![start];
            if home {
                parts.push(kw(mc, g, "HOME"));
            }
            let rest = if home { &d[2..] } else { d };
            parts.extend(rest.split('/').filter(|p| !p.is_empty()).map(|p| dir_part(mc, g, p)));
            list(mc, &parts)
        }
    };
    let (name, type_) = match file.rfind('.') {
        _ if file.is_empty() => (Value::Nil, Value::Nil),
        Some(i) if i > 0 => (word(mc, g, &file[..i]), word(mc, g, &file[i + 1..])),
        _ => (word(mc, g, file), Value::Nil),
    };
    let version = if name.truthy() { kw(mc, g, "NEWEST") } else { Value::Nil };
    Pathname { host: Value::Nil, device: Value::Nil, directory, name, type_, version, logical: false }
}

/// The text of a logical namestring after `HOST:`, for host string `host`.
/// `Err` names what is malformed.
pub fn logical<'gc>(mc: &Mutation<'gc>, g: &Globals<'gc>, host: &str, s: &str) -> Result<Pathname<'gc>, String> {
    let up = s.to_uppercase();
    let valid = |w: &str| w.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '*');
    let (dir, file) = match up.rfind(';') {
        Some(i) => (Some(&up[..=i]), &up[i + 1..]),
        None => (None, &up[..]),
    };
    let directory = match dir {
        None => Value::Nil,
        Some(d) => {
            let mut parts = vec![kw(mc, g, if d.starts_with(';') { "RELATIVE" } else { "ABSOLUTE" })];
            for p in d.split(';').filter(|p| !p.is_empty()) {
                if !valid(p) {
                    return Err(format!("invalid directory word {p:?}"));
                }
                parts.push(dir_part(mc, g, p));
            }
            list(mc, &parts)
        }
    };
    let mut fields = file.splitn(3, '.');
    let mut next = || fields.next().filter(|w| !w.is_empty());
    let (name, type_, version) = (next(), next(), next());
    for w in [name, type_].into_iter().flatten() {
        if !valid(w) {
            return Err(format!("invalid word {w:?}"));
        }
    }
    let version = match version {
        None => Value::Nil,
        Some("*") => kw(mc, g, "WILD"),
        Some("NEWEST") => kw(mc, g, "NEWEST"),
        Some(v) => match v.parse::<i64>() {
            Ok(n) if n > 0 => Value::Fixnum(n),
            _ => return Err(format!("invalid version {v:?}")),
        },
    };
    let opt = |w: Option<&str>| w.map_or(Value::Nil, |w| word(mc, g, w));
    Ok(Pathname {
        host: make_string(mc, &host.to_uppercase()),
        device: kw(mc, g, "UNSPECIFIC"),
        directory,
        name: opt(name),
        type_: opt(type_),
        version,
        logical: true,
    })
}
