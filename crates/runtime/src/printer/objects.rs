//! The `#<...>` forms of objects that have no read syntax: hash tables,
//! packages, streams, readtables, random states and runtime internals.

use crate::heap::hash::Test;
use crate::heap::object::Object;
use crate::heap::Value;
use crate::streams::Kind;

use super::chars::write_string;

/// `{1001608713}`: the object's address, as SBCL shows it.
pub fn addr(v: Value<'_>) -> String {
    format!("{{{:X}}}", v.heap_addr().unwrap_or(0))
}

/// The `#<...>` text for `v`, or `None` for the types the printer handles
/// elsewhere (functions and instances print their names or use `print-object`).
pub fn describe(v: Value<'_>) -> Option<String> {
    Some(match v {
        Value::HashTable(h) => {
            let d = h.borrow();
            let test = match d.test {
                Test::Eq => "EQ",
                Test::Eql => "EQL",
                Test::Equal => "EQUAL",
                Test::Equalp => "EQUALP",
            };
            format!("#<HASH-TABLE :TEST {test} :COUNT {} {}>", d.count, addr(v))
        }
        Value::Package(p) => {
            let d = p.borrow();
            if d.deleted {
                format!("#<PACKAGE (deleted) {}>", addr(v))
            } else {
                let mut name = String::new();
                write_string(&mut name, d.name.chars(), true);
                format!("#<PACKAGE {name}>")
            }
        }
        Value::Stream(s) => {
            let d = s.borrow();
            let what = match &d.kind {
                Kind::StringIn { .. } => "STRING-INPUT-STREAM".to_string(),
                Kind::StringOut { .. } | Kind::StringFill { .. } => "STRING-OUTPUT-STREAM".to_string(),
                Kind::Stdin { .. } => "FD-STREAM for \"standard input\"".to_string(),
                Kind::Stdout => "FD-STREAM for \"standard output\"".to_string(),
                Kind::Stderr => "FD-STREAM for \"standard error\"".to_string(),
                Kind::File(f) => {
                    let mut q = String::new();
                    write_string(&mut q, format!("file {}", f.path).chars(), true);
                    format!("FD-STREAM for {q}")
                }
                Kind::Synonym { symbol } => match symbol {
                    Value::Symbol(sym) => format!("SYNONYM-STREAM :SYMBOL {}", sym.name),
                    _ => "SYNONYM-STREAM".to_string(),
                },
                Kind::TwoWay { .. } => "TWO-WAY-STREAM".to_string(),
                Kind::Echo { .. } => "ECHO-STREAM".to_string(),
                Kind::Broadcast { .. } => "BROADCAST-STREAM".to_string(),
                Kind::Concatenated { .. } => "CONCATENATED-STREAM".to_string(),
                Kind::Pretty(_) => "PRETTY-STREAM".to_string(),
                Kind::Gray { .. } => "GRAY-STREAM".to_string(),
            };
            let closed = if d.open { "" } else { " (closed)" };
            format!("#<{what}{closed} {}>", addr(v))
        }
        Value::Object(o) => {
            let what = match &*o {
                Object::Readtable(_) => "READTABLE",
                Object::Code(_) => "CODE",
                Object::RandomState(_) => "RANDOM-STATE",
                Object::Env(_) => "LEXICAL-ENVIRONMENT",
                Object::Fasl(_) => "FASL-LOADER",
                Object::Pathname(_) => "PATHNAME",
            };
            format!("#<{what} {}>", addr(v))
        }
        Value::Cell(_) => format!("#<VALUE-CELL {}>", addr(v)),
        Value::Unbound => "#<UNBOUND-MARKER>".to_string(),
        _ => return None,
    })
}

/// A pathname: `#P"..."` when escaping, else its namestring; one with no
/// namestring prints unreadably (returns false then).
pub fn pathname<'gc>(out: &mut String, g: &crate::heap::Globals<'gc>, v: Value<'gc>, escape: bool) -> bool {
    let Some(p) = crate::pathnames::as_pathname(&v) else { return false };
    match crate::pathnames::unparse::namestring(g, p) {
        Some(name) if escape => {
            out.push_str("#P");
            write_string(out, name.chars(), true);
            true
        }
        Some(name) => {
            out.push_str(&name);
            true
        }
        None => {
            out.push_str(&format!("#<PATHNAME (with no namestring) {}>", addr(v)));
            false
        }
    }
}
