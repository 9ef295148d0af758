//! The printer control variables (CLHS 22.1.1), read once per print from
//! their current dynamic values, with `*print-readably*` folded in.

use gc_arena::Gc;

use crate::heap::list;
use crate::heap::package::Package;
use crate::heap::Value;
use crate::reader::readtable::{current_case, Case};
use crate::vm::{Ctl, Cx};

/// `*print-case*`.
#[derive(Copy, Clone, PartialEq, Eq, Debug)]
pub enum PrintCase {
    Upcase,
    Downcase,
    Capitalize,
}

#[derive(Copy, Clone)]
pub struct Settings<'gc> {
    pub escape: bool,
    pub readably: bool,
    pub case: PrintCase,
    pub rt_case: Case,
    pub base: u32,
    /// `*read-base*`: symbols that would read as numbers in it are escaped too.
    pub read_base: u32,
    pub radix: bool,
    pub circle: bool,
    pub level: Option<usize>,
    pub length: Option<usize>,
    pub gensym: bool,
    pub array: bool,
    /// `*read-default-float-format*` is double-float (or long-float).
    pub double_default: bool,
    /// `*package*`, against which package prefixes are decided.
    pub package: Gc<'gc, Package<'gc>>,
}

fn base_of(v: Value<'_>) -> Option<u32> {
    match v {
        Value::Fixnum(n) if (2..=36).contains(&n) => Some(n as u32),
        _ => None,
    }
}

/// A `*print-level*`/`*print-length*` value: NIL or a non-negative integer.
fn limit_of(v: Value<'_>) -> Result<Option<usize>, ()> {
    match v {
        Value::Nil => Ok(None),
        Value::Fixnum(n) if n >= 0 => Ok(Some(usize::try_from(n).unwrap_or(usize::MAX))),
        Value::Bignum(b) if b.0.sign() == num_bigint::Sign::Plus => Ok(Some(usize::MAX)),
        _ => Err(()),
    }
}

impl<'gc> Settings<'gc> {
    /// The settings from the current values of the print variables. When
    /// `strict`, an invalid value signals a type-error; otherwise (for
    /// error messages) the standard default is used in its place.
    pub fn from_specials(cx: &mut Cx<'gc, '_>, strict: bool) -> Result<Settings<'gc>, Ctl<'gc>> {
        let s = &cx.g.s;
        let mc = cx.mc;
        let case_v = s.print_case.value();
        let case = if s.kw_upcase.is(case_v) {
            PrintCase::Upcase
        } else if s.kw_downcase.is(case_v) {
            PrintCase::Downcase
        } else if s.kw_capitalize.is(case_v) {
            PrintCase::Capitalize
        } else if strict {
            let member = cx.g.intern_in(mc, "CL", "MEMBER");
            let ty = list(mc, &[member, s.kw_upcase.into(), s.kw_downcase.into(), s.kw_capitalize.into()]);
            return Err(cx.type_error(case_v, ty));
        } else {
            PrintCase::Upcase
        };
        let base_v = s.print_base.value();
        let base = match base_of(base_v) {
            Some(b) => b,
            None if strict => {
                let ty = list(mc, &[s.integer.into(), Value::Fixnum(2), Value::Fixnum(36)]);
                return Err(cx.type_error(base_v, ty));
            }
            None => 10,
        };
        let mut limits = [None, None];
        for (slot, var) in limits.iter_mut().zip([s.print_level, s.print_length]) {
            let v = var.value();
            *slot = match limit_of(v) {
                Ok(l) => l,
                Err(()) if strict => {
                    let or = cx.g.intern_in(mc, "CL", "OR");
                    let ty = list(mc, &[or, s.null.into(), s.unsigned_byte.into()]);
                    return Err(cx.type_error(v, ty));
                }
                Err(()) => None,
            };
        }
        let fmt = s.read_default_float_format.value();
        let package = match s.package.value() {
            Value::Package(p) => p,
            _ => cx.g.p.user,
        };
        let readably = s.print_readably.value().truthy();
        Ok(Settings {
            escape: readably || s.print_escape.value().truthy(),
            readably,
            case,
            rt_case: current_case(cx),
            base,
            read_base: base_of(s.read_base.value()).unwrap_or(10),
            radix: s.print_radix.value().truthy(),
            circle: s.print_circle.value().truthy(),
            level: if readably { None } else { limits[0] },
            length: if readably { None } else { limits[1] },
            gensym: readably || s.print_gensym.value().truthy(),
            array: readably || s.print_array.value().truthy(),
            double_default: s.double_float.is(fmt) || s.long_float.is(fmt),
            package,
        })
    }
}
