//! Token interpretation (CLHS 2.3): a token read by the character loop
//! becomes the consing dot, a number in `*read-base*`, or a symbol after
//! readtable-case conversion and package-marker handling.

use gc_arena::Gc;

use super::errors::reader_error;
use super::number::{self, Bad, FloatFormat};
use super::readtable::{downcase, upcase, Case};
use crate::heap::package::{self, Package, Status};
use crate::heap::symbol::Symbol;
use crate::heap::Value;
use crate::streams::Stream;
use crate::vm::{Ctl, Cx};

/// The characters of a token, each marked when it was escaped.
#[derive(Default, Debug)]
pub struct Token {
    pub chars: Vec<char>,
    pub escaped: Vec<bool>,
    /// A multiple escape appeared, possibly empty (`:||` is a keyword).
    pub multiple_escape: bool,
}

impl Token {
    pub fn push(&mut self, c: char, escaped: bool) {
        self.chars.push(c);
        self.escaped.push(escaped);
    }
    pub fn any_escape(&self) -> bool {
        self.escaped.iter().any(|&e| e)
    }
    /// The characters as read, before case conversion.
    pub fn raw(&self) -> String {
        self.chars.iter().collect()
    }
    /// The token's text after the readtable case is applied.
    pub fn converted(&self, case: Case) -> Vec<char> {
        let unescaped = || self.chars.iter().zip(&self.escaped).filter(|(_, &e)| !e).map(|(&c, _)| c);
        let case = match case {
            Case::Invert => {
                let upper = unescaped().any(|c| c.is_uppercase());
                let lower = unescaped().any(|c| c.is_lowercase());
                match (upper, lower) {
                    (true, false) => Case::Downcase,
                    (false, true) => Case::Upcase,
                    _ => Case::Preserve,
                }
            }
            c => c,
        };
        self.chars
            .iter()
            .zip(&self.escaped)
            .map(|(&c, &e)| match (case, e) {
                (_, true) | (Case::Preserve, _) | (Case::Invert, _) => c,
                (Case::Upcase, false) => upcase(c),
                (Case::Downcase, false) => downcase(c),
            })
            .collect()
    }
}

/// What a token stands for.
pub enum Parsed<'gc> {
    Object(Value<'gc>),
    /// A lone unescaped dot: the consing dot of a list.
    Dot,
}

fn suppressing<'gc>(cx: &Cx<'gc, '_>) -> bool {
    cx.g.s.read_suppress.value().truthy()
}

/// `*read-base*`, checked.
pub fn read_base<'gc>(cx: &Cx<'gc, '_>, stream: Gc<'gc, Stream<'gc>>) -> Result<u32, Ctl<'gc>> {
    match cx.g.s.read_base.value() {
        Value::Fixnum(n) if (2..=36).contains(&n) => Ok(n as u32),
        _ => Err(reader_error(cx, stream, "*READ-BASE* is not an integer between 2 and 36")),
    }
}

/// `*read-default-float-format*`, checked.
pub fn float_format<'gc>(cx: &Cx<'gc, '_>, stream: Gc<'gc, Stream<'gc>>) -> Result<FloatFormat, Ctl<'gc>> {
    let s = &cx.g.s;
    let v = s.read_default_float_format.value();
    if s.single_float.is(v) || s.short_float.is(v) {
        Ok(FloatFormat::Single)
    } else if s.double_float.is(v) || s.long_float.is(v) {
        Ok(FloatFormat::Double)
    } else {
        Err(reader_error(cx, stream, "*READ-DEFAULT-FLOAT-FORMAT* is not a float format"))
    }
}

/// The message for a number token that cannot be built.
pub fn bad_number(bad: Bad, text: &str) -> String {
    match bad {
        Bad::DivisionByZero => format!("division by zero in the ratio {text}"),
        Bad::FloatOverflow => format!("floating-point overflow reading {text}"),
    }
}

/// Interprets a token read by the character loop (CLHS 2.3).
pub fn interpret<'gc>(
    cx: &mut Cx<'gc, '_>,
    stream: Gc<'gc, Stream<'gc>>,
    tok: &Token,
    case: Case,
) -> Result<Parsed<'gc>, Ctl<'gc>> {
    let plain = !tok.any_escape();
    if plain && !tok.chars.is_empty() && tok.chars.iter().all(|&c| c == '.') {
        if tok.chars.len() == 1 {
            return Ok(Parsed::Dot);
        }
        if !suppressing(cx) {
            return Err(reader_error(cx, stream, "a token consisting only of dots"));
        }
    }
    if suppressing(cx) {
        return Ok(Parsed::Object(Value::Nil));
    }
    let chars = tok.converted(case);
    if plain {
        let text: String = chars.iter().collect();
        let base = read_base(cx, stream)?;
        let format = float_format(cx, stream)?;
        match number::parse(cx, &text, base, format) {
            Ok(Some(n)) => return Ok(Parsed::Object(n)),
            Ok(None) => {}
            Err(bad) => return Err(reader_error(cx, stream, &bad_number(bad, &text))),
        }
    }
    symbol(cx, stream, tok, &chars).map(Parsed::Object)
}

/// The current package (`*package*`), checked.
pub fn current_package<'gc>(cx: &Cx<'gc, '_>) -> Result<Gc<'gc, Package<'gc>>, Ctl<'gc>> {
    match cx.g.s.package.value() {
        Value::Package(p) => Ok(p),
        other => Err(cx.type_error(other, cx.g.s.package_type.into())),
    }
}

/// The package named `name`: a local nickname of the current package
/// first, then a global name or nickname.
pub fn find_package<'gc>(cx: &Cx<'gc, '_>, name: &str) -> Option<Gc<'gc, Package<'gc>>> {
    if let Value::Package(p) = cx.g.s.package.value() {
        if let Some((_, found)) = p.borrow().local_nicknames.iter().find(|(n, _)| n == name) {
            return Some(*found);
        }
    }
    cx.g.find_package(name).filter(|p| !p.borrow().deleted)
}

/// The symbol a token names, after case conversion (`chars`).
fn symbol<'gc>(
    cx: &mut Cx<'gc, '_>,
    stream: Gc<'gc, Stream<'gc>>,
    tok: &Token,
    chars: &[char],
) -> Result<Value<'gc>, Ctl<'gc>> {
    let markers: Vec<usize> =
        chars.iter().zip(&tok.escaped).enumerate().filter(|(_, (&c, &e))| c == ':' && !e).map(|(i, _)| i).collect();
    let text = |range: std::ops::Range<usize>| -> String { chars[range].iter().collect() };
    let n = chars.len();
    let only_markers = !tok.multiple_escape && markers.len() == n;
    match markers[..] {
        // A lone colon (or two) ends at a delimiter: no symbol name follows.
        [0] | [0, 1] if only_markers => Err(reader_error(
            cx,
            stream,
            &format!("missing symbol name after the package marker in {}", tok.raw()),
        )),
        [] => {
            let pkg = current_package(cx)?;
            Ok(package::intern(pkg, cx.mc, &text(0..n)).0)
        }
        [0] => Ok(package::intern(cx.g.p.keyword, cx.mc, &text(1..n)).0),
        [0, 1] => Ok(package::intern(cx.g.p.keyword, cx.mc, &text(2..n)).0),
        [i, ..]
            if markers.len() <= 2
                && markers.last() == Some(&(n - 1))
                && (markers.len() == 1 || markers[1] == i + 1) =>
        {
            Err(reader_error(cx, stream, &format!("missing symbol name after the package marker in {}", tok.raw())))
        }
        [i] => external(cx, stream, &text(0..i), &text(i + 1..n)),
        [i, j] if j == i + 1 => {
            let pkg = named_package(cx, stream, &text(0..i))?;
            Ok(package::intern(pkg, cx.mc, &text(j + 1..n)).0)
        }
        _ => Err(reader_error(cx, stream, &format!("too many colons in {}", tok.raw()))),
    }
}

fn named_package<'gc>(
    cx: &Cx<'gc, '_>,
    stream: Gc<'gc, Stream<'gc>>,
    name: &str,
) -> Result<Gc<'gc, Package<'gc>>, Ctl<'gc>> {
    find_package(cx, name).ok_or_else(|| reader_error(cx, stream, &format!("package {name} does not exist")))
}

/// `pkg:name`: the symbol must be external (keywords are interned).
fn external<'gc>(
    cx: &mut Cx<'gc, '_>,
    stream: Gc<'gc, Stream<'gc>>,
    pkg_name: &str,
    name: &str,
) -> Result<Value<'gc>, Ctl<'gc>> {
    let pkg = named_package(cx, stream, pkg_name)?;
    if Gc::ptr_eq(pkg, cx.g.p.keyword) {
        return Ok(package::intern(pkg, cx.mc, name).0);
    }
    let pname = package::name(&pkg);
    match package::find_symbol(&pkg, name) {
        Some((v, Status::External)) => Ok(v),
        Some(_) => {
            Err(reader_error(cx, stream, &format!("the symbol \"{name}\" is not external in the {pname} package")))
        }
        None => Err(reader_error(cx, stream, &format!("symbol \"{name}\" not found in the {pname} package"))),
    }
}

/// `#:name`: a fresh uninterned symbol (no package markers allowed).
pub fn uninterned<'gc>(
    cx: &mut Cx<'gc, '_>,
    stream: Gc<'gc, Stream<'gc>>,
    tok: &Token,
    case: Case,
) -> Result<Value<'gc>, Ctl<'gc>> {
    let chars = tok.converted(case);
    if chars.iter().zip(&tok.escaped).any(|(&c, &e)| c == ':' && !e) {
        return Err(reader_error(
            cx,
            stream,
            &format!("the symbol following #: contains a package marker: {}", tok.raw()),
        ));
    }
    let name: String = chars.iter().collect();
    Ok(Value::Symbol(Symbol::new(cx.mc, &name, Value::Nil)))
}
