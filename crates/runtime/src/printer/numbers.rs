//! Printed forms of numbers (CLHS 22.1.3.1): integers and ratios in
//! `*print-base*` with `*print-radix*`, and floats as the shortest digits
//! that read back as the same float, in SBCL's layout.

use num_bigint::BigInt;

use crate::vm::{Ctl, Cx};

/// The radix prefix or suffix for `base`, as `*print-radix*` wants it.
fn radix_prefix(out: &mut String, base: u32, ratio: bool) {
    match base {
        2 => out.push_str("#b"),
        8 => out.push_str("#o"),
        16 => out.push_str("#x"),
        10 if !ratio => {}
        b => {
            out.push('#');
            out.push_str(&b.to_string());
            out.push('r');
        }
    }
}

/// The digits of `n` in `base` (2..=36), upper-case, with a leading minus.
fn fixnum_digits(out: &mut String, n: i64, base: u32) {
    if n < 0 {
        out.push('-');
    }
    let mut m = n.unsigned_abs();
    let mut buf = [0u8; 64];
    let mut i = buf.len();
    loop {
        i -= 1;
        let d = (m % base as u64) as u32;
        buf[i] = std::char::from_digit(d, base).map_or(b'?', |c| c.to_ascii_uppercase() as u8);
        m /= base as u64;
        if m == 0 {
            break;
        }
    }
    out.extend(buf[i..].iter().map(|&b| b as char));
}

fn bigint_digits<'gc>(cx: &mut Cx<'gc, '_>, out: &mut String, n: &BigInt, base: u32) -> Result<(), Ctl<'gc>> {
    let digits = crate::numbers::integer::digits_polling(cx, n, base)?;
    out.push_str(&digits.to_ascii_uppercase());
    Ok(())
}

/// An integer (fixnum or bignum) in `base`.
pub enum Int<'a> {
    Fix(i64),
    Big(&'a BigInt),
}

/// Writes an integer: `#x1F` / `255.` style when `radix`.
pub fn integer<'gc>(cx: &mut Cx<'gc, '_>, out: &mut String, n: Int, base: u32, radix: bool) -> Result<(), Ctl<'gc>> {
    if radix {
        radix_prefix(out, base, false);
    }
    match n {
        Int::Fix(i) => fixnum_digits(out, i, base),
        Int::Big(b) => bigint_digits(cx, out, b, base)?,
    }
    if radix && base == 10 {
        out.push('.');
    }
    Ok(())
}

/// Writes a ratio `num/den` (`#10r1/3` in base 10 with `radix`).
pub fn ratio<'gc>(cx: &mut Cx<'gc, '_>, out: &mut String, num: &BigInt, den: &BigInt, base: u32, radix: bool) -> Result<(), Ctl<'gc>> {
    if radix {
        radix_prefix(out, base, true);
    }
    bigint_digits(cx, out, num, base)?;
    out.push('/');
    bigint_digits(cx, out, den, base)
}

/// Writes a float. `digits` and `exp` come from Rust's shortest round-trip
/// formatting (`d.ddd × 10^exp`); `marker` is the exponent marker to show
/// when the float's format is not `*read-default-float-format*`.
fn float_parts(out: &mut String, neg: bool, digits: &str, exp: i32, marker: Option<char>) {
    if neg {
        out.push('-');
    }
    let digits = digits.as_bytes();
    if (-3..7).contains(&exp) {
        // Fixed notation: 1.0, 1234567.0, 0.001.
        if exp >= 0 {
            let int_len = exp as usize + 1;
            for i in 0..int_len {
                out.push(digits.get(i).map_or('0', |&b| b as char));
            }
            out.push('.');
            if digits.len() > int_len {
                out.extend(digits[int_len..].iter().map(|&b| b as char));
            } else {
                out.push('0');
            }
        } else {
            out.push_str("0.");
            for _ in 0..(-exp - 1) {
                out.push('0');
            }
            out.extend(digits.iter().map(|&b| b as char));
        }
        if let Some(m) = marker {
            out.push(m);
            out.push('0');
        }
    } else {
        out.push(digits[0] as char);
        out.push('.');
        if digits.len() > 1 {
            out.extend(digits[1..].iter().map(|&b| b as char));
        } else {
            out.push('0');
        }
        out.push(marker.unwrap_or('e'));
        out.push_str(&exp.to_string());
    }
}

/// Splits Rust's `{:e}` output ("1.5e-7", "1e20") into digits and exponent.
fn split_sci(s: &str) -> (String, i32) {
    let (mant, exp) = s.split_once('e').unwrap_or((s, "0"));
    let digits: String = mant.chars().filter(|c| c.is_ascii_digit()).collect();
    (digits, exp.parse().unwrap_or(0))
}

/// What to print for infinities and NaNs, which have no read syntax.
fn non_finite(out: &mut String, type_name: &str, x: f64) {
    let what = if x.is_nan() {
        "NAN"
    } else if x > 0.0 {
        "+INFINITY"
    } else {
        "-INFINITY"
    };
    out.push_str("#<");
    out.push_str(type_name);
    out.push(' ');
    out.push_str(what);
    out.push('>');
}

/// Writes a double-float; `default` says whether double is the default
/// read format (then no `d` marker is needed).
pub fn double(out: &mut String, x: f64, default: bool) {
    if !x.is_finite() {
        return non_finite(out, "DOUBLE-FLOAT", x);
    }
    let (digits, exp) = split_sci(&format!("{:e}", x.abs()));
    float_parts(out, x.is_sign_negative(), &digits, exp, if default { None } else { Some('d') });
}

/// Writes a single-float; `default` as for `double`.
pub fn single(out: &mut String, x: f32, default: bool) {
    if !x.is_finite() {
        return non_finite(out, "SINGLE-FLOAT", x as f64);
    }
    let (digits, exp) = split_sci(&format!("{:e}", x.abs()));
    float_parts(out, x.is_sign_negative(), &digits, exp, if default { None } else { Some('f') });
}
