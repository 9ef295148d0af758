//! The numeric constants of CLHS chapter 12 (fixnum and float limits,
//! pi, the boole-* codes) and `*random-state*`, defined at startup.

use gc_arena::Mutation;

use super::float::Fmt;
use super::integer::BOOLE_NAMES;
use super::random::Rng;
use crate::heap::object::Object;
use crate::heap::symbol::flags;
use crate::heap::value::{FIXNUM_MAX, FIXNUM_MIN};
use crate::heap::{Globals, Value};

/// Interns `name` in CL, exports it and gives it a global value.
fn define<'gc>(mc: &Mutation<'gc>, g: &Globals<'gc>, name: &str, value: Value<'gc>, constant: bool) {
    let sym = g.intern_in(mc, "CL", name);
    let _ = crate::heap::package::export(g.p.cl, mc, sym);
    if let Some(s) = g.sym(sym) {
        s.set_flag(flags::SPECIAL, true);
        s.set_flag(flags::CONSTANT, constant);
        crate::heap::symbol::Symbol::set_value(s, mc, value);
    }
}

/// The eight limits of one float format, by name suffix.
fn float_limits<'gc>(fmt: Fmt) -> [(&'static str, Value<'gc>); 8] {
    let v = |x: f64| super::real::float_value(x, fmt);
    let (max, tiny, normal, eps, neg_eps) = match fmt {
        Fmt::Single => (
            f32::MAX as f64,
            f32::from_bits(1) as f64,
            f32::MIN_POSITIVE as f64,
            f32::from_bits((103 << 23) | 1) as f64,
            f32::from_bits((102 << 23) | 1) as f64,
        ),
        Fmt::Double => (
            f64::MAX,
            f64::from_bits(1),
            f64::MIN_POSITIVE,
            f64::from_bits((970 << 52) | 1),
            f64::from_bits((969 << 52) | 1),
        ),
    };
    [
        ("MOST-POSITIVE-~", v(max)),
        ("MOST-NEGATIVE-~", v(-max)),
        ("LEAST-POSITIVE-~", v(tiny)),
        ("LEAST-NEGATIVE-~", v(-tiny)),
        ("LEAST-POSITIVE-NORMALIZED-~", v(normal)),
        ("LEAST-NEGATIVE-NORMALIZED-~", v(-normal)),
        ("~-EPSILON", v(eps)),
        ("~-NEGATIVE-EPSILON", v(neg_eps)),
    ]
}

pub fn define_constants<'gc>(mc: &Mutation<'gc>, g: &Globals<'gc>) {
    define(mc, g, "MOST-POSITIVE-FIXNUM", Value::Fixnum(FIXNUM_MAX), true);
    define(mc, g, "MOST-NEGATIVE-FIXNUM", Value::Fixnum(FIXNUM_MIN), true);
    define(mc, g, "PI", Value::Double(std::f64::consts::PI), true);
    for (code, name) in BOOLE_NAMES.iter().enumerate() {
        define(mc, g, name, Value::Fixnum(code as i64), true);
    }
    for (kind, fmt) in [("SHORT", Fmt::Single), ("SINGLE", Fmt::Single), ("DOUBLE", Fmt::Double), ("LONG", Fmt::Double)] {
        for (pattern, value) in float_limits(fmt) {
            let name = pattern.replace('~', &format!("{kind}-FLOAT"));
            define(mc, g, &name, value, true);
        }
    }
    // SBCL starts every image with the same state; so do we.
    let state = Object::RandomState(gc_arena::RefLock::new(Rng::seeded(0x5eed)));
    define(mc, g, "*RANDOM-STATE*", Value::Object(gc_arena::Gc::new(mc, state)), false);
}
