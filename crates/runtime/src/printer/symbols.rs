//! Printed forms of symbols (CLHS 22.1.3.3): package prefixes, `|...|`
//! escaping of names that would not read back as themselves (including
//! potential numbers, CLHS 2.3.1.1), and `*print-case*` combined with the
//! readtable case (CLHS 22.1.3.3.2).

use gc_arena::Gc;

use super::settings::{PrintCase, Settings};
use crate::heap::package::{find_symbol, Package};
use crate::heap::symbol::Symbol;
use crate::heap::{Globals, Value};
use crate::reader::readtable::Case;

/// Writes symbol `v` (whose cells are `sym`) as `*print-escape*` and
/// `*print-gensym*` ask.
pub fn write_symbol<'gc>(out: &mut String, s: &Settings<'gc>, g: &Globals<'gc>, v: Value<'gc>, sym: Gc<'gc, Symbol<'gc>>) {
    let name: &str = &sym.name;
    if !s.escape {
        write_cased(out, name, s);
        return;
    }
    match home(sym) {
        Some(p) if Gc::ptr_eq(p, g.p.keyword) => out.push(':'),
        Some(p) => {
            let accessible = matches!(find_symbol(&s.package, name), Some((found, _)) if found.eq(v));
            if !accessible {
                let d = p.borrow();
                write_token(out, &d.name, s);
                let external = d.external.get(name).is_some_and(|x| x.eq(v));
                out.push_str(if external { ":" } else { "::" });
            }
        }
        None => {
            if s.gensym {
                out.push_str("#:");
            }
        }
    }
    write_token(out, name, s);
}

/// The home package of a symbol, unless it is uninterned or the package deleted.
pub fn home<'gc>(sym: Gc<'gc, Symbol<'gc>>) -> Option<Gc<'gc, Package<'gc>>> {
    match sym.package.get() {
        Value::Package(p) if !p.borrow().deleted => Some(p),
        _ => None,
    }
}

/// Writes a symbol or package name so the reader gives back `name`:
/// between bars when some character needs it, else case-converted.
pub fn write_token(out: &mut String, name: &str, s: &Settings) {
    if needs_bars(name, s) {
        out.push('|');
        for c in name.chars() {
            if c == '|' || c == '\\' {
                out.push('\\');
            }
            out.push(c);
        }
        out.push('|');
    } else {
        write_cased(out, name, s);
    }
}

/// Characters that are not plain constituents in standard syntax
/// (`#` anywhere, as SBCL does, and the package marker).
fn special_char(c: char) -> bool {
    matches!(c, '(' | ')' | '"' | '\'' | ';' | '`' | ',' | '|' | '\\' | '#' | ':') || c.is_whitespace() || c.is_control()
}

/// True when reading `c` under the readtable case would change it.
fn case_changes(c: char, rt: Case) -> bool {
    let mut one = [c].into_iter();
    match rt {
        Case::Upcase => !c.to_uppercase().eq(&mut one),
        Case::Downcase => !c.to_lowercase().eq(&mut one),
        Case::Preserve | Case::Invert => false,
    }
}

fn needs_bars(name: &str, s: &Settings) -> bool {
    name.is_empty()
        || name.chars().all(|c| c == '.')
        || name.chars().any(|c| special_char(c) || case_changes(c, s.rt_case))
        || potential_number(name, s.base)
        || potential_number(name, s.read_base)
}

/// `c` in the other case when that maps one character to one character and
/// back again (so the reader restores it); otherwise `c` itself.
fn to_lower(c: char) -> char {
    let mut l = c.to_lowercase();
    match (l.next(), l.next()) {
        (Some(x), None) if x.to_uppercase().eq([c]) => x,
        _ => c,
    }
}

fn to_upper(c: char) -> char {
    let mut u = c.to_uppercase();
    match (u.next(), u.next()) {
        (Some(x), None) if x.to_lowercase().eq([c]) => x,
        _ => c,
    }
}

/// Writes `name` without escapes, applying `*print-case*` to the characters
/// the readtable case lets it change (CLHS 22.1.3.3.2).
fn write_cased(out: &mut String, name: &str, s: &Settings) {
    let mut prev_alnum = false;
    match s.rt_case {
        Case::Preserve => out.push_str(name),
        Case::Invert => {
            let upper = name.chars().any(char::is_uppercase);
            let lower = name.chars().any(char::is_lowercase);
            if upper && lower {
                out.push_str(name);
            } else {
                out.extend(name.chars().map(|c| if upper { to_lower(c) } else { to_upper(c) }));
            }
        }
        Case::Upcase | Case::Downcase => {
            for c in name.chars() {
                let word_start = !prev_alnum;
                prev_alnum = c.is_alphanumeric();
                let out_c = if s.rt_case == Case::Upcase && c.is_uppercase() {
                    match s.case {
                        PrintCase::Upcase => c,
                        PrintCase::Downcase => to_lower(c),
                        PrintCase::Capitalize if word_start => c,
                        PrintCase::Capitalize => to_lower(c),
                    }
                } else if s.rt_case == Case::Downcase && c.is_lowercase() {
                    match s.case {
                        PrintCase::Upcase => to_upper(c),
                        PrintCase::Downcase => c,
                        PrintCase::Capitalize if word_start => to_upper(c),
                        PrintCase::Capitalize => c,
                    }
                } else {
                    c
                };
                out.push(out_c);
            }
        }
    }
}

#[derive(Copy, Clone, PartialEq, Eq)]
enum Pn {
    Digit,
    Sign,
    Ratio,
    Dot,
    Extension,
    Letter,
}

/// CLHS 2.3.1.1: whether `token` is a potential number in `base` (then a
/// symbol with that name must be escaped). Letters are digits only in
/// tokens without a decimal point, and a letter next to a letter is never
/// a number marker.
pub fn potential_number(token: &str, base: u32) -> bool {
    let digit_base = if token.contains('.') { 10 } else { base };
    let mut kinds = Vec::with_capacity(token.len());
    for c in token.chars() {
        let k = if c.is_digit(digit_base) {
            Pn::Digit
        } else {
            match c {
                '+' | '-' => Pn::Sign,
                '/' => Pn::Ratio,
                '.' => Pn::Dot,
                '^' | '_' => Pn::Extension,
                c if c.is_ascii_alphabetic() => Pn::Letter,
                _ => return false,
            }
        };
        kinds.push(k);
    }
    let (Some(&first), Some(&last)) = (kinds.first(), kinds.last()) else {
        return false;
    };
    kinds.contains(&Pn::Digit)
        && matches!(first, Pn::Digit | Pn::Sign | Pn::Dot | Pn::Extension)
        && last != Pn::Sign
        && !kinds.windows(2).any(|w| w[0] == Pn::Letter && w[1] == Pn::Letter)
}
