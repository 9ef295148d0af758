//! Numeric tokens: integers in *read-base*, ratios, floats and their formats.

use super::Must;
use super::{rd, read, with};
use crate::heap::Value;

#[test]
fn integers() {
    with(|cx| {
        assert_eq!(rd(cx, "0"), "0");
        assert_eq!(rd(cx, "-0"), "0");
        assert_eq!(rd(cx, "+5"), "5");
        assert_eq!(rd(cx, "-17"), "-17");
        assert_eq!(rd(cx, "10."), "10");
        assert_eq!(rd(cx, "-5."), "-5");
        assert!(matches!(read(cx, "4611686018427387903").must(), Value::Fixnum(4611686018427387903)));
        assert!(matches!(read(cx, "4611686018427387904").must(), Value::Bignum(_)));
        assert!(matches!(read(cx, "-4611686018427387904").must(), Value::Fixnum(_)));
        assert_eq!(rd(cx, "123456789012345678901234567890"), "123456789012345678901234567890");
        assert_eq!(rd(cx, "-123456789012345678901234567890"), "-123456789012345678901234567890");
    });
}

#[test]
fn read_base() {
    with(|cx| {
        cx.g.s.read_base.set(cx.mc, Value::Fixnum(16));
        assert_eq!(rd(cx, "ff"), "255");
        assert_eq!(rd(cx, "10"), "16");
        assert_eq!(rd(cx, "10."), "10");
        assert_eq!(rd(cx, "1e0"), "480");
        assert_eq!(rd(cx, "1.5"), "1.5");
        assert_eq!(rd(cx, "a/b"), "10/11");
        assert_eq!(rd(cx, "fg"), "FG");
        cx.g.s.read_base.set(cx.mc, Value::Fixnum(2));
        assert_eq!(rd(cx, "101"), "5");
        assert_eq!(rd(cx, "102"), "102");
        assert_eq!(rd(cx, "1.5"), "1.5");
        cx.g.s.read_base.set(cx.mc, Value::Fixnum(36));
        assert_eq!(rd(cx, "zz"), "1295");
        cx.g.s.read_base.set(cx.mc, Value::Fixnum(37));
        assert!(rd(cx, "1").contains("*READ-BASE*"));
    });
}

#[test]
fn ratios() {
    with(|cx| {
        assert_eq!(rd(cx, "1/2"), "1/2");
        assert_eq!(rd(cx, "-4/6"), "-2/3");
        assert_eq!(rd(cx, "+1/2"), "1/2");
        assert_eq!(rd(cx, "4/2"), "2");
        assert_eq!(rd(cx, "0/5"), "0");
        assert_eq!(rd(cx, "1/-2"), "1/-2");
        assert_eq!(rd(cx, "1/2/3"), "1/2/3");
        assert!(rd(cx, "1/0").contains("division by zero"));
    });
}

#[test]
fn floats() {
    with(|cx| {
        assert!(matches!(read(cx, "1.5").must(), Value::Single(f) if f == 1.5));
        assert!(matches!(read(cx, "1.5d0").must(), Value::Double(f) if f == 1.5));
        assert!(matches!(read(cx, "1.5l0").must(), Value::Double(f) if f == 1.5));
        assert!(matches!(read(cx, "1.5s0").must(), Value::Single(f) if f == 1.5));
        assert!(matches!(read(cx, "1.5f0").must(), Value::Single(f) if f == 1.5));
        assert!(matches!(read(cx, "1.5E0").must(), Value::Single(f) if f == 1.5));
        assert_eq!(rd(cx, ".5"), "0.5");
        assert_eq!(rd(cx, "-.5e2"), "-50.0");
        assert_eq!(rd(cx, "1.e2"), "100.0");
        assert_eq!(rd(cx, "1e5"), "100000.0");
        assert_eq!(rd(cx, "+2.5e-1"), "0.25");
        assert_eq!(rd(cx, "-0.0"), "-0.0");
        assert_eq!(rd(cx, "1e-999"), "0.0");
        assert!(matches!(read(cx, "0.1").must(), Value::Single(f) if f == 0.1f32));
        assert!(matches!(read(cx, "0.1d0").must(), Value::Double(f) if f == 0.1f64));
        assert!(rd(cx, "1e999").contains("floating-point overflow"));
        assert!(rd(cx, "1d309").contains("floating-point overflow"));
        assert!(rd(cx, "1e39").contains("floating-point overflow"));
        assert!(matches!(read(cx, "1d300").must(), Value::Double(_)));
    });
}

#[test]
fn default_float_format() {
    with(|cx| {
        cx.g.s.read_default_float_format.set(cx.mc, cx.g.s.double_float.into());
        assert!(matches!(read(cx, "1.5").must(), Value::Double(f) if f == 1.5));
        assert!(matches!(read(cx, "1.5e0").must(), Value::Double(f) if f == 1.5));
        assert!(matches!(read(cx, "1.5f0").must(), Value::Single(f) if f == 1.5));
        cx.g.s.read_default_float_format.set(cx.mc, cx.g.s.long_float.into());
        assert!(matches!(read(cx, "1.5").must(), Value::Double(_)));
        cx.g.s.read_default_float_format.set(cx.mc, cx.g.s.short_float.into());
        assert!(matches!(read(cx, "1.5").must(), Value::Single(_)));
        cx.g.s.read_default_float_format.set(cx.mc, cx.g.s.integer.into());
        assert!(rd(cx, "1.5").contains("float format"));
    });
}

#[test]
fn not_numbers() {
    with(|cx| {
        for text in ["1+", "+", "-", "1-", "1.5.5", ".5.", "1e", "e5", "+-1", "1..2", "1e+", "--1", "1/", "/2"] {
            let v = read(cx, text).must();
            assert!(matches!(v, Value::Symbol(_)), "{text} should be a symbol");
        }
    });
}
