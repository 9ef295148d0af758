//! Random numbers: the generator a random-state holds (xoshiro256**,
//! seeded through splitmix64) and random, make-random-state and
//! random-state-p.

use std::hash::{BuildHasher, Hasher};

use gc_arena::barrier::Write;
use gc_arena::{static_collect, Gc, RefLock};
use num_bigint::BigInt;

use super::float::Fmt;
use super::real::{cl, float_value, Real};
use crate::heap::object::Object;
use crate::heap::{list, Value};
use crate::vm::{Ctl, Cx, R};

/// A random-state's generator.
#[derive(Clone, Debug, PartialEq)]
pub struct Rng {
    s: [u64; 4],
}
static_collect!(Rng);

fn splitmix(x: &mut u64) -> u64 {
    *x = x.wrapping_add(0x9e3779b97f4a7c15);
    let mut z = *x;
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d049bb133111eb);
    z ^ (z >> 31)
}

impl Rng {
    /// The generator's whole state (for images), and back.
    pub fn state(&self) -> [u64; 4] {
        self.s
    }
    pub fn from_state(s: [u64; 4]) -> Rng {
        Rng { s }
    }

    pub fn seeded(seed: u64) -> Rng {
        let mut x = seed;
        Rng { s: [splitmix(&mut x), splitmix(&mut x), splitmix(&mut x), splitmix(&mut x)] }
    }

    /// A generator seeded from the process's entropy (the hasher seeds
    /// std draws from the OS) and the clock.
    pub fn from_entropy() -> Rng {
        let mut h = std::collections::hash_map::RandomState::new().build_hasher();
        let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
        h.write_u128(now);
        Rng::seeded(h.finish())
    }

    pub fn next_u64(&mut self) -> u64 {
        let s = &mut self.s;
        let result = s[1].wrapping_mul(5).rotate_left(7).wrapping_mul(9);
        let t = s[1] << 17;
        s[2] ^= s[0];
        s[3] ^= s[1];
        s[1] ^= s[2];
        s[0] ^= s[3];
        s[2] ^= t;
        s[3] = s[3].rotate_left(45);
        result
    }

    /// Uniform in [0, n) for n > 0.
    pub fn below_u64(&mut self, n: u64) -> u64 {
        // Reject the top partial copy of [0, n) to stay uniform.
        let zone = u64::MAX - u64::MAX % n;
        loop {
            let x = self.next_u64();
            if x < zone {
                return x % n;
            }
        }
    }

    /// Uniform in [0, n) for a positive bignum n.
    pub fn below_big(&mut self, n: &BigInt) -> BigInt {
        let bits = n.bits();
        let words = bits.div_ceil(64) as usize;
        loop {
            let mut digits: Vec<u64> = (0..words).map(|_| self.next_u64()).collect();
            let extra = (words as u64 * 64 - bits) as u32;
            if let Some(top) = digits.last_mut() {
                *top >>= extra;
            }
            let x = BigInt::from(num_bigint::BigUint::new(
                digits.iter().flat_map(|&d| [d as u32, (d >> 32) as u32]).collect(),
            ));
            if &x < n {
                return x;
            }
        }
    }

    /// Uniform in [0, 1) with the format's precision.
    pub fn unit(&mut self, fmt: Fmt) -> f64 {
        match fmt {
            Fmt::Single => (self.next_u64() >> 40) as f64 / (1u64 << 24) as f64,
            Fmt::Double => (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64,
        }
    }
}

/// A fresh random-state object holding `rng`.
pub fn make_state<'gc>(cx: &Cx<'gc, '_>, rng: Rng) -> Value<'gc> {
    Value::Object(Gc::new(cx.mc, Object::RandomState(RefLock::new(rng))))
}

fn state_rng<'gc>(v: Value<'gc>) -> Option<&'gc RefLock<Rng>> {
    match v {
        Value::Object(o) => match Gc::as_ref(o) {
            Object::RandomState(r) => Some(r),
            _ => None,
        },
        _ => None,
    }
}

fn random_state_type<'gc>(cx: &Cx<'gc, '_>) -> Value<'gc> {
    cl(cx, "RANDOM-STATE")
}

fn current_state<'gc>(cx: &Cx<'gc, '_>) -> Result<Value<'gc>, Ctl<'gc>> {
    let sym = cl(cx, "*RANDOM-STATE*");
    let v = cx.g.sym(sym).map_or(Value::Unbound, |s| s.value());
    if state_rng(v).is_none() {
        return Err(cx.type_error(v, random_state_type(cx)));
    }
    Ok(v)
}

pub fn random<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let limit = args[0];
    let state = match args.get(1) {
        Some(&s) => s,
        None => current_state(cx)?,
    };
    let bad_limit = |cx: &Cx<'gc, '_>| {
        let ty = list(
            cx.mc,
            &[
                cl(cx, "OR"),
                list(cx.mc, &[cx.g.s.single_float.into(), list(cx.mc, &[Value::Single(0.0)])]),
                list(cx.mc, &[cx.g.s.double_float.into(), list(cx.mc, &[Value::Double(0.0)])]),
                list(cx.mc, &[cx.g.s.integer.into(), Value::Fixnum(1)]),
            ],
        );
        cx.type_error(limit, ty)
    };
    let Some(r) = Real::of(limit).filter(|r| r.sign() > 0 && !matches!(r, Real::Ratio(..))) else {
        return Err(bad_limit(cx));
    };
    if matches!(r, Real::Single(f) if f.is_infinite()) || matches!(r, Real::Double(f) if f.is_infinite()) {
        return Err(bad_limit(cx));
    }
    let Some(cell) = state_rng(state) else {
        return Err(cx.type_error(state, random_state_type(cx)));
    };
    let mut rng = Write::from_static(cell).unlock().borrow_mut();
    Ok(match r {
        Real::Fix(n) => Value::Fixnum(rng.below_u64(n as u64) as i64),
        Real::Big(b) => Value::from_bigint(cx.mc, rng.below_big(b)),
        _ => {
            let fmt = r.fmt().unwrap_or(Fmt::Double);
            let x = r.float().unwrap_or(1.0);
            // Rounding the product may reach the limit itself: draw again.
            loop {
                let v = fmt.round(rng.unit(fmt) * x);
                if v < x {
                    break float_value(v, fmt);
                }
            }
        }
    })
}

pub fn make_random_state<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let arg = args.first().copied().unwrap_or(Value::Nil);
    let rng = match arg {
        Value::Nil => {
            let cur = current_state(cx)?;
            state_rng(cur).map(|c| c.borrow().clone())
        }
        v if cx.g.t.eq(v) => Some(Rng::from_entropy()),
        v => state_rng(v).map(|c| c.borrow().clone()),
    };
    match rng {
        Some(rng) => Ok(make_state(cx, rng)),
        None => {
            let ty = list(cx.mc, &[cl(cx, "OR"), random_state_type(cx), cl(cx, "BOOLEAN")]);
            Err(cx.type_error(arg, ty))
        }
    }
}

pub fn random_state_p<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    Ok(cx.bool(state_rng(args[0]).is_some()))
}

