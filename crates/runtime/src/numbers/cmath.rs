//! Complex elementary functions on f64 pairs, with the CLHS branch cuts:
//! Kahan's formulations ("Branch Cuts for Complex Elementary Functions"),
//! where the sign of a zero imaginary part picks the side of a cut.

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct C {
    pub re: f64,
    pub im: f64,
}

pub fn c(re: f64, im: f64) -> C {
    C { re, im }
}

impl C {
    fn mul(self, o: C) -> C {
        c(self.re * o.re - self.im * o.im, self.re * o.im + self.im * o.re)
    }
    fn conj(self) -> C {
        c(self.re, -self.im)
    }
    /// i·z
    fn times_i(self) -> C {
        c(-self.im, self.re)
    }
    pub fn abs(self) -> f64 {
        self.re.hypot(self.im)
    }
}

pub fn sqrt(z: C) -> C {
    let (x, y) = (z.re, z.im);
    if x == 0.0 && y == 0.0 {
        return c(0.0, y);
    }
    if x.is_infinite() && x > 0.0 {
        return c(x, if y.is_nan() { y } else { 0.0f64.copysign(y) });
    }
    // Scale to avoid overflow in |x| + |z| for huge operands.
    let t = if x.abs() > 1e300 || y.abs() > 1e300 {
        2.0 * ((x.abs() / 4.0 + (x / 4.0).hypot(y / 4.0)) / 2.0).sqrt()
    } else {
        ((x.abs() + x.hypot(y)) / 2.0).sqrt()
    };
    if x >= 0.0 {
        c(t, y / (2.0 * t))
    } else {
        c(y.abs() / (2.0 * t), t.copysign(y))
    }
}

pub fn exp(z: C) -> C {
    let e = z.re.exp();
    if z.im == 0.0 {
        return c(e, z.im);
    }
    c(e * z.im.cos(), e * z.im.sin())
}

pub fn log(z: C) -> C {
    c(z.abs().ln(), z.im.atan2(z.re))
}

pub fn sin(z: C) -> C {
    c(z.re.sin() * z.im.cosh(), z.re.cos() * z.im.sinh())
}

pub fn cos(z: C) -> C {
    c(z.re.cos() * z.im.cosh(), -(z.re.sin() * z.im.sinh()))
}

pub fn sinh(z: C) -> C {
    c(z.re.sinh() * z.im.cos(), z.re.cosh() * z.im.sin())
}

pub fn cosh(z: C) -> C {
    c(z.re.cosh() * z.im.cos(), z.re.sinh() * z.im.sin())
}

pub fn tanh(z: C) -> C {
    let (x, y) = (z.re, z.im);
    let t = y.tan();
    let beta = 1.0 + t * t;
    if x.abs() > 22.0 {
        // tanh x is ±1 to double precision; the imaginary part vanishes.
        return c(1.0f64.copysign(x), 4.0 * t / beta * (-2.0 * x.abs()).exp());
    }
    let s = x.sinh();
    let rho = (1.0 + s * s).sqrt();
    let den = 1.0 + beta * s * s;
    c(beta * rho * s / den, t / den)
}

/// tan z = −i·tanh(i·z)
pub fn tan(z: C) -> C {
    let r = tanh(z.times_i());
    c(r.im, -r.re)
}

pub fn asin(z: C) -> C {
    let s1 = sqrt(c(1.0 - z.re, -z.im));
    let s2 = sqrt(c(1.0 + z.re, z.im));
    c(z.re.atan2(s1.mul(s2).re), s1.conj().mul(s2).im.asinh())
}

pub fn acos(z: C) -> C {
    let s1 = sqrt(c(1.0 - z.re, -z.im));
    let s2 = sqrt(c(1.0 + z.re, z.im));
    c(2.0 * s1.re.atan2(s2.re), s2.conj().mul(s1).im.asinh())
}

/// asinh z = −i·asin(i·z)
pub fn asinh(z: C) -> C {
    let r = asin(z.times_i());
    c(r.im, -r.re)
}

pub fn acosh(z: C) -> C {
    let s1 = sqrt(c(z.re - 1.0, z.im));
    let s2 = sqrt(c(z.re + 1.0, z.im));
    c(s1.conj().mul(s2).re.asinh(), 2.0 * s1.im.atan2(s2.re))
}

pub fn atanh(z: C) -> C {
    let (x, y) = (z.re, z.im);
    let d = (1.0 - x) * (1.0 - x) + y * y;
    let re = 0.25 * (4.0 * x / d).ln_1p();
    let im = 0.5 * (2.0 * y).atan2((1.0 - x) * (1.0 + x) - y * y);
    c(re, im)
}

/// atan z = −i·atanh(i·z)
pub fn atan(z: C) -> C {
    let r = atanh(z.times_i());
    c(r.im, -r.re)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: C, re: f64, im: f64) -> bool {
        (a.re - re).abs() < 1e-6 && (a.im - im).abs() < 1e-6
    }

    #[test]
    fn values_match_sbcl() {
        let z = c(1.0, 2.0);
        assert!(close(sin(z), 3.1657784, 1.9596009));
        assert!(close(cos(z), 2.032723, -3.0518978));
        assert!(close(tan(z), 0.033812825, 1.0147936));
        assert!(close(tanh(z), 1.1667362, -0.2434582));
        assert!(close(sinh(z), -0.48905626, 1.4031193));
        assert!(close(cosh(z), -0.64214814, 1.0686073));
        assert!(close(exp(z), -1.1312044, 2.4717267));
        assert!(close(log(z), 0.804719, 1.1071488));
        assert!(close(asinh(z), 1.4693518, 1.0634401));
        assert!(close(acosh(z), 1.5285709, 1.1437178));
        assert!(close(atanh(z), 0.1732868, 1.1780972));
        assert!(close(atan(z), 1.3389726, 0.4023595));
        assert!(close(asin(z), 0.4270786, 1.5285709));
        assert!(close(acos(z), 1.1437178, -1.5285709));
        assert!(close(sqrt(c(3.0, 4.0)), 2.0, 1.0));
    }

    #[test]
    fn branch_cuts_follow_zero_signs() {
        assert!(close(asin(c(2.0, -0.0)), 1.5707964, -1.3169578));
        assert!(close(asin(c(-2.0, 0.0)), -1.5707964, 1.3169578));
        assert!(close(acos(c(2.0, -0.0)), 0.0, 1.3169578));
        assert!(close(acos(c(-2.0, 0.0)), std::f64::consts::PI, -1.3169578));
        assert!(close(atanh(c(2.0, 0.0)), 0.54930615, 1.5707964));
        assert!(close(atanh(c(-2.0, 0.0)), -0.54930615, 1.5707964));
        assert!(close(acosh(c(0.0, 0.0)), 0.0, 1.5707964));
        assert!(close(acosh(c(-2.0, 0.0)), 1.3169578, std::f64::consts::PI));
        assert!(close(atan(c(0.0, 2.0)), 1.5707964, 0.54930615));
        assert!(close(atan(c(0.0, -2.0)), 1.5707964, -0.54930615));
        assert_eq!(sqrt(c(-4.0, -0.0)), c(0.0, -2.0));
        assert_eq!(sqrt(c(-4.0, 0.0)), c(0.0, 2.0));
    }
}
