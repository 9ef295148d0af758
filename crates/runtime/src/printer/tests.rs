//! Tests of the printer; expected texts are SBCL's unless noted.

use gc_arena::{Gc, RefLock};
use num_bigint::BigInt;

use super::engine::{Printer, MAX_DEPTH};
use super::settings::{PrintCase, Settings};
use super::*;
use crate::heap::array::{make_string, make_vector, new_array, ArrayData, Storage};
use crate::heap::cons::{cons, list, Cons};
use crate::heap::hash::Test;
use crate::heap::object::{Instance, Object};
use crate::heap::package;
use crate::heap::symbol::Symbol;
use crate::reader::readtable::Case;
use crate::runtime::Runtime;

/// The name of the condition type of an error, for assertions.
pub(crate) fn error_kind(c: &Ctl<'_>) -> String {
    match c {
        Ctl::Error(spec) => match spec.kind {
            Value::Symbol(s) => s.name.to_string(),
            _ => "?".into(),
        },
        _ => "not an error".into(),
    }
}

pub(crate) fn ok<'gc, T>(r: Result<T, Ctl<'gc>>) -> T {
    match r {
        Ok(v) => v,
        Err(e) => panic!("unexpected error {}", error_kind(&e)),
    }
}

fn run<T>(f: impl for<'gc> FnOnce(&mut Cx<'gc, '_>) -> T) -> T {
    Runtime::new().with_cx(f)
}

fn prin1<'gc>(cx: &mut Cx<'gc, '_>, v: Value<'gc>) -> String {
    ok(to_string(cx, v, true))
}

fn princ<'gc>(cx: &mut Cx<'gc, '_>, v: Value<'gc>) -> String {
    ok(to_string(cx, v, false))
}

/// Prints with the current settings changed by `f`.
fn with<'gc>(cx: &mut Cx<'gc, '_>, v: Value<'gc>, f: impl FnOnce(&mut Settings<'gc>)) -> String {
    let mut s = ok(Settings::from_specials(cx, true));
    f(&mut s);
    let mut p = Printer::new(s, None);
    ok(p.run(cx, v));
    p.take()
}

fn set<'gc>(cx: &mut Cx<'gc, '_>, sym: crate::heap::Sym<'gc>, v: Value<'gc>) {
    sym.set(cx.mc, v)
}

fn gensym<'gc>(cx: &mut Cx<'gc, '_>, name: &str) -> Value<'gc> {
    Value::Symbol(Symbol::new(cx.mc, name, Value::Nil))
}

fn array<'gc>(cx: &mut Cx<'gc, '_>, storage: Storage<'gc>, dims: Option<Vec<usize>>, fill: Option<usize>) -> Value<'gc> {
    Value::Array(Gc::new(cx.mc, RefLock::new(ArrayData { storage, dims, fill, adjustable: fill.is_some(), displaced: None })))
}

fn fixnums<'gc>(ns: &[i64]) -> Vec<Value<'gc>> {
    ns.iter().map(|&n| Value::Fixnum(n)).collect()
}

fn circular_list<'gc>(cx: &mut Cx<'gc, '_>, items: &[Value<'gc>]) -> Value<'gc> {
    let l = list(cx.mc, items);
    let mut last = l.as_cons().unwrap();
    while let Value::Cons(n) = last.cdr() {
        last = n;
    }
    Cons::set_cdr(last, cx.mc, l);
    l
}

// ---- numbers ----

#[test]
fn integers_in_bases() {
    run(|cx| {
        let big = Value::from_bigint(cx.mc, BigInt::from(1) << 70);
        let cases: &[(i64, bool, &str)] = &[
            (2, true, "#b11111111 #b-11111111 #b1/11 #b10000000000000000000000000000000000000000000000000000000000000000000000"),
            (2, false, "11111111 -11111111 1/11 10000000000000000000000000000000000000000000000000000000000000000000000"),
            (8, true, "#o377 #o-377 #o1/3 #o200000000000000000000000"),
            (16, true, "#xFF #x-FF #x1/3 #x400000000000000000"),
            (16, false, "FF -FF 1/3 400000000000000000"),
            (3, true, "#3r100110 #3r-100110 #3r1/10 #3r101210022122111122111122201121110200210100021"),
            (36, true, "#36r73 #36r-73 #36r1/3 #36r6X5KXTVUWILUKG"),
            (10, true, "255. -255. #10r1/3 1180591620717411303424."),
            (10, false, "255 -255 1/3 1180591620717411303424"),
        ];
        let third = Value::from_ratio(cx.mc, 1.into(), 3.into());
        let items = list(cx.mc, &[Value::Fixnum(255), Value::Fixnum(-255), third, big]);
        for &(base, radix, want) in cases {
            set(cx, cx.g.s.print_base, Value::Fixnum(base));
            set(cx, cx.g.s.print_radix, cx.bool(radix));
            let got = prin1(cx, items);
            assert_eq!(got, format!("({want})"), "base {base} radix {radix}");
        }
        set(cx, cx.g.s.print_base, Value::Fixnum(10));
        set(cx, cx.g.s.print_radix, Value::Nil);
        assert_eq!(prin1(cx, Value::Fixnum(0)), "0");
        assert_eq!(prin1(cx, Value::Fixnum(crate::heap::value::FIXNUM_MIN)), "-4611686018427387904");
        let neg = Value::from_ratio(cx.mc, (-5).into(), 7.into());
        assert_eq!(prin1(cx, neg), "-5/7");
    });
}

#[test]
fn print_base_is_checked() {
    run(|cx| {
        set(cx, cx.g.s.print_base, Value::Fixnum(1));
        let r = write_to_string(cx, Value::Fixnum(5));
        assert_eq!(error_kind(&r.err().unwrap()), "TYPE-ERROR");
        // Error messages still print, in base 10.
        assert_eq!(prin1(cx, Value::Fixnum(5)), "5");
        set(cx, cx.g.s.print_base, Value::Fixnum(10));
        set(cx, cx.g.s.print_length, Value::Fixnum(-1));
        assert_eq!(error_kind(&write_to_string(cx, Value::Nil).err().unwrap()), "TYPE-ERROR");
        set(cx, cx.g.s.print_length, Value::Nil);
        set(cx, cx.g.s.print_case, Value::Fixnum(3));
        assert_eq!(error_kind(&write_to_string(cx, Value::Nil).err().unwrap()), "TYPE-ERROR");
    });
}

#[test]
fn singles() {
    run(|cx| {
        let cases: &[(f32, &str)] = &[
            (1.0, "1.0"),
            (0.1, "0.1"),
            (1e20, "1.0e20"),
            (1.5e-7, "1.5e-7"),
            (1e7, "1.0e7"),
            (9999999.0, "9999999.0"),
            (1234567.0, "1234567.0"),
            (0.001, "0.001"),
            (1e-4, "1.0e-4"),
            (123456.7, "123456.7"),
            (f32::MAX, "3.4028235e38"),
            (f32::MIN_POSITIVE, "1.1754944e-38"),
            (100.0, "100.0"),
            (1e6, "1000000.0"),
            (12345678.0, "1.2345678e7"),
            (1.0 / 3.0, "0.33333334"),
            (3.0e-4, "3.0e-4"),
            (-2.5, "-2.5"),
            (0.0, "0.0"),
            (-0.0, "-0.0"),
        ];
        for &(x, want) in cases {
            assert_eq!(prin1(cx, Value::Single(x)), want);
        }
        set(cx, cx.g.s.read_default_float_format, cx.g.s.double_float.into());
        assert_eq!(prin1(cx, Value::Single(1.0)), "1.0f0");
        assert_eq!(prin1(cx, Value::Single(1.5e10)), "1.5f10");
    });
}

#[test]
fn doubles() {
    run(|cx| {
        let cases: &[(f64, &str)] = &[
            (1.0, "1.0d0"),
            (1.5e10, "1.5d10"),
            (0.0, "0.0d0"),
            (1e7, "1.0d7"),
            (1e-3, "0.001d0"),
            (9.999999e-4, "9.999999d-4"),
            (1e16, "1.0d16"),
            (1e22, "1.0d22"),
            (1e23, "1.0d23"),
            (123456789012345678.0, "1.2345678901234568d17"),
            (1.0 / 3.0, "0.3333333333333333d0"),
            (f64::MAX, "1.7976931348623157d308"),
            (0.1, "0.1d0"),
            (-1e-300, "-1.0d-300"),
        ];
        for &(x, want) in cases {
            assert_eq!(prin1(cx, Value::Double(x)), want);
        }
        // The shortest digits that read back (SBCL shows more for denormals).
        assert_eq!(prin1(cx, Value::Double(5e-324)), "5.0d-324");
        set(cx, cx.g.s.read_default_float_format, cx.g.s.double_float.into());
        assert_eq!(prin1(cx, Value::Double(1.0)), "1.0");
        assert_eq!(prin1(cx, Value::Double(1.5e10)), "1.5e10");
        assert_eq!(prin1(cx, Value::Double(f64::INFINITY)), "#<DOUBLE-FLOAT +INFINITY>");
    });
}

/// Reads back SBCL-style float text with Rust's parser.
fn parse_back(text: &str) -> f64 {
    text.replace(['d', 'f'], "e").parse().unwrap()
}

#[test]
fn floats_round_trip() {
    run(|cx| {
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..20_000 {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            let d = f64::from_bits(seed);
            if d.is_finite() {
                let text = prin1(cx, Value::Double(d));
                assert_eq!(parse_back(&text).to_bits(), d.to_bits(), "{text}");
            }
            let f = f32::from_bits((seed >> 32) as u32);
            if f.is_finite() {
                let text = prin1(cx, Value::Single(f));
                assert_eq!((parse_back(&text) as f32).to_bits(), f.to_bits(), "{text}");
            }
        }
    });
}

#[test]
fn complexes() {
    run(|cx| {
        let half = Value::from_ratio(cx.mc, 1.into(), 2.into());
        let mc = cx.mc;
        let z = |re, im| Value::Complex(Gc::new(mc, crate::heap::number::Complex { re, im }));
        let a = z(Value::Fixnum(1), Value::Fixnum(2));
        let b = z(Value::Double(1.0), Value::Double(0.0));
        let c = z(half, Value::Fixnum(3));
        assert_eq!(prin1(cx, a), "#C(1 2)");
        assert_eq!(prin1(cx, b), "#C(1.0d0 0.0d0)");
        assert_eq!(prin1(cx, c), "#C(1/2 3)");
        set(cx, cx.g.s.print_base, Value::Fixnum(16));
        let d = z(Value::Fixnum(10), Value::Fixnum(11));
        assert_eq!(prin1(cx, d), "#C(A B)");
    });
}

// ---- characters and strings ----

#[test]
fn characters() {
    run(|cx| {
        let cases: &[(char, &str)] = &[
            ('a', "#\\a"),
            ('(', "#\\("),
            ('\\', "#\\\\"),
            ('"', "#\\\""),
            (' ', "#\\Space"),
            ('\n', "#\\Newline"),
            ('\t', "#\\Tab"),
            ('\0', "#\\Nul"),
            ('\x08', "#\\Backspace"),
            ('\x0b', "#\\Vt"),
            ('\x0c', "#\\Page"),
            ('\r', "#\\Return"),
            ('\x1b', "#\\Esc"),
            ('\x1f', "#\\Us"),
            ('\x7f', "#\\Rubout"),
            ('\u{80}', "#\\U0080"),
            ('é', "#\\é"),
            ('λ', "#\\λ"),
        ];
        for &(c, want) in cases {
            assert_eq!(prin1(cx, Value::Char(c)), want);
        }
        assert_eq!(princ(cx, Value::Char('a')), "a");
        assert_eq!(princ(cx, Value::Char(' ')), " ");
    });
}

#[test]
fn strings() {
    run(|cx| {
        let s = make_string(cx.mc, "a\"b\\c");
        assert_eq!(prin1(cx, s), "\"a\\\"b\\\\c\"");
        assert_eq!(princ(cx, s), "a\"b\\c");
        let filled = array(cx, Storage::Char("aaaaa".chars().collect()), None, Some(2));
        assert_eq!(prin1(cx, filled), "\"aa\"");
        let empty = make_string(cx.mc, "");
        assert_eq!(prin1(cx, empty), "\"\"");
        // Displaced strings show their window of the target.
        let target = new_array(cx.mc, Storage::Char("hello world".chars().collect()));
        let window = Value::Array(Gc::new(
            cx.mc,
            RefLock::new(ArrayData { storage: Storage::Char(Vec::new()), dims: Some(vec![5]), fill: Some(5), adjustable: false, displaced: Some((target, 6)) }),
        ));
        assert_eq!(prin1(cx, window), "\"world\"");
    });
}

// ---- symbols ----

#[test]
fn symbol_escapes() {
    run(|cx| {
        set(cx, cx.g.s.print_gensym, Value::Nil);
        let cases: &[(&str, &str)] = &[
            ("abc", "|abc|"),
            ("a b", "|a b|"),
            ("1", "|1|"),
            ("1.5", "|1.5|"),
            ("+", "+"),
            ("-", "-"),
            (".", "|.|"),
            ("...", "|...|"),
            ("", "||"),
            ("1+", "1+"),
            ("+1", "|+1|"),
            ("a(b", "|a(b|"),
            ("a|b", "|a\\|b|"),
            ("a\\b", "|a\\\\b|"),
            ("A:B", "|A:B|"),
            ("#A", "|#A|"),
            ("A#", "|A#|"),
            ("'A", "|'A|"),
            (";A", "|;A|"),
            ("1E5", "|1E5|"),
            ("^", "^"),
            ("_1", "|_1|"),
            ("1_", "|1_|"),
            ("1/2", "|1/2|"),
            ("1/", "|1/|"),
            ("/1", "/1"),
            (".5", "|.5|"),
            ("5.", "|5.|"),
            ("-.5", "|-.5|"),
            ("+.", "+."),
            ("1.2.3", "|1.2.3|"),
            ("FOO.BAR", "FOO.BAR"),
            ("1A", "|1A|"),
            ("A1", "A1"),
            ("E1", "E1"),
            ("1X", "|1X|"),
            ("1AB", "1AB"),
            ("-E1", "|-E1|"),
            ("E+1", "E+1"),
            ("1E+", "1E+"),
            ("1+2", "|1+2|"),
            ("+1A", "|+1A|"),
            ("1.5E", "|1.5E|"),
            ("^1", "|^1|"),
            ("1^", "|1^|"),
            ("_", "_"),
            ("1.A", "|1.A|"),
            ("A.1", "A.1"),
            (".A1", "|.A1|"),
            ("1A.B", "|1A.B|"),
            ("1E1E", "|1E1E|"),
            ("12AB3", "12AB3"),
            ("+A", "+A"),
            ("-1-", "-1-"),
            ("A-1", "A-1"),
            ("1..2", "|1..2|"),
            ("1/A", "|1/A|"),
            ("A/1", "A/1"),
            ("1A/2", "|1A/2|"),
            ("1EE", "1EE"),
            ("É", "É"),
            ("é", "|é|"),
            ("TAB\tX", "|TAB\tX|"),
        ];
        for &(name, want) in cases {
            let s = gensym(cx, name);
            assert_eq!(prin1(cx, s), want, "name {name:?}");
        }
        // Symbols that would read as numbers in *print-base*.
        set(cx, cx.g.s.print_base, Value::Fixnum(16));
        for (name, want) in [("A", "|A|"), ("FF", "|FF|"), ("G1", "G1"), ("1G", "|1G|"), ("A.B", "A.B"), ("ABC", "|ABC|")] {
            let s = gensym(cx, name);
            assert_eq!(prin1(cx, s), want, "base 16 name {name:?}");
        }
        // Without escaping, names print as they are.
        let s = gensym(cx, "a b");
        assert_eq!(princ(cx, s), "a b");
    });
}

#[test]
fn potential_numbers() {
    for t in ["1", "+1", "1.5", "1/2", "1e5", "-.5", "1^2", "_1", "1A", "1.A", "1b5000", "777777q"] {
        assert!(symbols::potential_number(t, 10), "{t}");
    }
    for t in ["", "+", "-", "A1", "1AB", "1+", "/1", "^", "ab", "1 2", "+.", "1ÿ"] {
        assert!(!symbols::potential_number(t, 10), "{t}");
    }
    assert!(symbols::potential_number("FF", 16));
    assert!(!symbols::potential_number("FF", 10));
    assert!(!symbols::potential_number("A.", 16));
}

#[test]
fn package_prefixes() {
    run(|cx| {
        let sys = cx.g.p.sys;
        let (internal, _) = package::intern(sys, cx.mc, "INTERNAL-THING");
        let (external, _) = package::intern(sys, cx.mc, "EXTERNAL-THING");
        assert!(package::export(sys, cx.mc, external).is_ok());
        assert_eq!(prin1(cx, internal), "CLOVE-SYSTEM::INTERNAL-THING");
        assert_eq!(prin1(cx, external), "CLOVE-SYSTEM:EXTERNAL-THING");
        let car: Value = cx.g.s.car.into();
        assert_eq!(prin1(cx, car), "CAR");
        assert_eq!(prin1(cx, Value::Nil), "NIL");
        assert_eq!(prin1(cx, cx.g.t), "T");
        let kw = cx.g.intern_in(cx.mc, "KEYWORD", "FOO");
        assert_eq!(prin1(cx, kw), ":FOO");
        let kw_lower = cx.g.intern_in(cx.mc, "KEYWORD", "foo");
        assert_eq!(prin1(cx, kw_lower), ":|foo|");
        let g = gensym(cx, "G");
        assert_eq!(prin1(cx, g), "#:G");
        let lower = gensym(cx, "foo");
        assert_eq!(prin1(cx, lower), "#:|foo|");
        // Oddly named packages are escaped like symbol names.
        for (pname, want) in [("lower pkg", "|lower pkg|::X"), ("1", "|1|::X")] {
            let p = package::new(cx.mc, pname);
            let (x, _) = package::intern(p, cx.mc, "X");
            assert_eq!(prin1(cx, x), want);
        }
        // Everything qualified from the keyword package, nothing when accessible.
        set(cx, cx.g.s.package, Value::Package(cx.g.p.keyword));
        assert_eq!(prin1(cx, car), "COMMON-LISP:CAR");
        assert_eq!(prin1(cx, kw), ":FOO");
        set(cx, cx.g.s.package, Value::Package(sys));
        assert_eq!(prin1(cx, internal), "INTERNAL-THING");
        // princ: never a prefix or bars.
        set(cx, cx.g.s.package, Value::Package(cx.g.p.user));
        assert_eq!(princ(cx, internal), "INTERNAL-THING");
        assert_eq!(princ(cx, kw), "FOO");
        assert_eq!(princ(cx, g), "G");
        set(cx, cx.g.s.print_gensym, Value::Nil);
        assert_eq!(prin1(cx, g), "G");
        // A symbol whose home package was deleted prints as uninterned.
        let p = package::new(cx.mc, "DOOMED");
        let (d, _) = package::intern(p, cx.mc, "D");
        p.borrow_mut(cx.mc).deleted = true;
        set(cx, cx.g.s.print_gensym, cx.g.t);
        assert_eq!(prin1(cx, d), "#:D");
    });
}

#[test]
fn print_case_and_readtable_case() {
    // SBCL, for 'foo-bar '|foo-bar| '|Foo-Bar| '|fOO1bAR| :key, then princ of
    // 'foo-bar '|foo-bar| '|Foo|.
    let table: &[(Case, PrintCase, &str)] = &[
        (Case::Upcase, PrintCase::Upcase, "FOO-BAR |foo-bar| |Foo-Bar| |fOO1bAR| :KEY FOO1BAR | FOO-BAR foo-bar Foo"),
        (Case::Upcase, PrintCase::Downcase, "foo-bar |foo-bar| |Foo-Bar| |fOO1bAR| :key foo1bar | foo-bar foo-bar foo"),
        (Case::Upcase, PrintCase::Capitalize, "Foo-Bar |foo-bar| |Foo-Bar| |fOO1bAR| :Key Foo1bar | Foo-Bar foo-bar Foo"),
        (Case::Downcase, PrintCase::Upcase, "|FOO-BAR| FOO-BAR |Foo-Bar| |fOO1bAR| :|KEY| |FOO1BAR| | FOO-BAR FOO-BAR FOO"),
        (Case::Downcase, PrintCase::Downcase, "|FOO-BAR| foo-bar |Foo-Bar| |fOO1bAR| :|KEY| |FOO1BAR| | FOO-BAR foo-bar Foo"),
        (Case::Downcase, PrintCase::Capitalize, "|FOO-BAR| Foo-Bar |Foo-Bar| |fOO1bAR| :|KEY| |FOO1BAR| | FOO-BAR Foo-Bar Foo"),
        (Case::Preserve, PrintCase::Downcase, "FOO-BAR foo-bar Foo-Bar fOO1bAR :KEY FOO1BAR | FOO-BAR foo-bar Foo"),
        (Case::Invert, PrintCase::Upcase, "foo-bar FOO-BAR Foo-Bar fOO1bAR :key foo1bar | foo-bar FOO-BAR Foo"),
        (Case::Invert, PrintCase::Capitalize, "foo-bar FOO-BAR Foo-Bar fOO1bAR :key foo1bar | foo-bar FOO-BAR Foo"),
    ];
    run(|cx| {
        let user = cx.g.p.user;
        let names = ["FOO-BAR", "foo-bar", "Foo-Bar", "fOO1bAR"];
        let mut syms: Vec<Value> = names.iter().map(|n| package::intern(user, cx.mc, n).0).collect();
        syms.push(cx.g.intern_in(cx.mc, "KEYWORD", "KEY"));
        syms.push(package::intern(user, cx.mc, "FOO1BAR").0);
        let escaped = list(cx.mc, &syms);
        let plain = list(cx.mc, &[syms[0], syms[1], package::intern(user, cx.mc, "Foo").0]);
        for &(rt, pc, want) in table {
            let a = with(cx, escaped, |s| {
                s.rt_case = rt;
                s.case = pc;
            });
            let b = with(cx, plain, |s| {
                s.rt_case = rt;
                s.case = pc;
                s.escape = false;
            });
            let got = format!("{} | {}", &a[1..a.len() - 1], &b[1..b.len() - 1]);
            assert_eq!(got, want, "{rt:?} {pc:?}");
        }
    });
}

// ---- conses ----

#[test]
fn lists_and_abbreviations() {
    run(|cx| {
        let mc = cx.mc;
        let s = &cx.g.s;
        let x = cx.g.intern_in(mc, "CL-USER", "X");
        let y = cx.g.intern_in(mc, "CL-USER", "Y");
        let f = cx.g.intern_in(mc, "CL-USER", "F");
        let quote_x = list(mc, &[s.quote.into(), x]);
        assert_eq!(prin1(cx, quote_x), "'X");
        let quote_xy = list(mc, &[s.quote.into(), x, y]);
        assert_eq!(prin1(cx, quote_xy), "(QUOTE X Y)");
        let quote_dot = cons(mc, s.quote.into(), x);
        assert_eq!(prin1(cx, quote_dot), "(QUOTE . X)");
        let fun = list(mc, &[s.function.into(), f]);
        assert_eq!(prin1(cx, fun), "#'F");
        let fcar = list(mc, &[s.function.into(), s.car.into()]);
        let mixed = crate::heap::cons::list_with_tail(mc, &[Value::Fixnum(1), quote_x, fcar], Value::Fixnum(3));
        assert_eq!(prin1(cx, mixed), "(1 'X #'CAR . 3)");
        let b = cx.g.intern_in(mc, "CL-USER", "B");
        let c = cx.g.intern_in(mc, "CL-USER", "C");
        let a = cx.g.intern_in(mc, "CL-USER", "A");
        let uq = list(mc, &[s.unquote.into(), b]);
        let uqs = list(mc, &[s.unquote_splicing.into(), c]);
        let uqn = list(mc, &[s.unquote_nsplicing.into(), c]);
        let body = list(mc, &[a, uq, uqs, uqn]);
        let qq = list(mc, &[s.quasiquote.into(), body]);
        assert_eq!(prin1(cx, qq), "`(A ,B ,@C ,.C)");
        let at = cx.g.intern_in(mc, "CL-USER", "@FOO");
        let uq_at = list(mc, &[s.unquote.into(), at]);
        assert_eq!(prin1(cx, uq_at), ", @FOO");
        let pair = cons(mc, Value::Fixnum(1), Value::Fixnum(2));
        assert_eq!(prin1(cx, pair), "(1 . 2)");
        let nested = list(mc, &[Value::Nil, list(mc, &[Value::Nil])]);
        assert_eq!(prin1(cx, nested), "(NIL (NIL))");
        let strs = list(mc, &[make_string(mc, "a"), Value::Char('b')]);
        assert_eq!(princ(cx, strs), "(a b)");
        assert_eq!(prin1(cx, strs), "(\"a\" #\\b)");
    });
}

#[test]
fn level_and_length() {
    run(|cx| {
        let mc = cx.mc;
        let s = &cx.g.s;
        let sym = |n: &str| cx.g.intern_in(mc, "CL-USER", n);
        let (a, b, c, d, e) = (sym("A"), sym("B"), sym("C"), sym("D"), sym("E"));
        let l4 = list(mc, &[Value::Fixnum(4)]);
        let l3 = list(mc, &[Value::Fixnum(3), l4]);
        let l2 = list(mc, &[Value::Fixnum(2), l3]);
        let deep = list(mc, &[Value::Fixnum(1), l2]);
        let five = list(mc, &fixnums(&[1, 2, 3, 4, 5]));
        let vec4 = make_vector(mc, fixnums(&[1, 2, 3, 4]));
        let cd = list(mc, &[c, d]);
        let bcd = list(mc, &[b, cd]);
        let abcde = list(mc, &[a, bcd, e]);
        let all = list(mc, &[deep, five, vec4, abcde]);
        set(cx, s.print_level, Value::Fixnum(3));
        set(cx, s.print_length, Value::Fixnum(3));
        assert_eq!(prin1(cx, all), "((1 (2 #)) (1 2 3 ...) #(1 2 3 ...) ...)");
        set(cx, s.print_length, Value::Nil);
        set(cx, s.print_level, Value::Fixnum(2));
        assert_eq!(prin1(cx, deep), "(1 (2 #))");
        assert_eq!(prin1(cx, abcde), "(A (B #) E)");
        set(cx, s.print_level, Value::Fixnum(0));
        let one = list(mc, &[Value::Fixnum(1)]);
        let vone = make_vector(mc, fixnums(&[1]));
        let quote_a = list(mc, &[s.quote.into(), a]);
        let bits = new_array(mc, Storage::Bit(vec![1, 0, 1]));
        let text = make_string(mc, "abc");
        for (v, want) in [(one, "#"), (vone, "#"), (Value::Fixnum(5), "5"), (quote_a, "'A"), (Value::Array(bits), "#*101"), (text, "\"abc\"")] {
            assert_eq!(prin1(cx, v), want);
        }
        set(cx, s.print_level, Value::Fixnum(1));
        let vthree = make_vector(mc, fixnums(&[3]));
        let l_two = list(mc, &[Value::Fixnum(2)]);
        let mix = list(mc, &[Value::Fixnum(1), l_two, vthree]);
        assert_eq!(prin1(cx, mix), "(1 # #)");
        let grid = array(cx, Storage::T(fixnums(&[1, 2, 3, 4])), Some(vec![2, 2]), None);
        assert_eq!(prin1(cx, grid), "#2A(# #)");
        let la = list(mc, &[a]);
        let quote_la = list(mc, &[s.quote.into(), la]);
        assert_eq!(prin1(cx, quote_la), "'(A)");
        set(cx, s.print_level, Value::Nil);
        set(cx, s.print_length, Value::Fixnum(0));
        assert_eq!(prin1(cx, one), "(...)");
        assert_eq!(prin1(cx, vone), "#(...)");
        assert_eq!(prin1(cx, Value::Nil), "NIL");
        set(cx, s.print_length, Value::Fixnum(2));
        let dotted2 = crate::heap::cons::list_with_tail(mc, &fixnums(&[1, 2]), Value::Fixnum(3));
        let dotted3 = crate::heap::cons::list_with_tail(mc, &fixnums(&[1, 2, 3]), Value::Fixnum(4));
        assert_eq!(prin1(cx, dotted2), "(1 2 . 3)");
        assert_eq!(prin1(cx, dotted3), "(1 2 ...)");
        assert_eq!(prin1(cx, quote_a), "'A");
        let grid3 = array(cx, Storage::T(fixnums(&[1, 2, 3, 3, 4, 5, 5, 6, 7])), Some(vec![3, 3]), None);
        assert_eq!(prin1(cx, grid3), "#2A((1 2 ...) (3 4 ...) ...)");
        let long = make_string(mc, "abcdef");
        assert_eq!(prin1(cx, long), "\"abcdef\"");
        set(cx, s.print_length, Value::Fixnum(1));
        let ab = list(mc, &[a, b]);
        let quote_ab = list(mc, &[s.quote.into(), ab]);
        assert_eq!(prin1(cx, quote_ab), "'(A ...)");
    });
}

// ---- arrays ----

#[test]
fn arrays_and_vectors() {
    run(|cx| {
        let mc = cx.mc;
        let v = make_vector(mc, vec![Value::Fixnum(1), Value::Fixnum(2), make_string(mc, "a"), Value::Char('b')]);
        assert_eq!(prin1(cx, v), "#(1 2 \"a\" #\\b)");
        assert_eq!(princ(cx, v), "#(1 2 a b)");
        let empty = make_vector(mc, Vec::new());
        assert_eq!(prin1(cx, empty), "#()");
        let bits = Value::Array(new_array(mc, Storage::Bit(vec![1, 0, 1, 1])));
        assert_eq!(prin1(cx, bits), "#*1011");
        let grid = array(cx, Storage::T(fixnums(&[1, 2, 3, 4])), Some(vec![2, 2]), None);
        assert_eq!(prin1(cx, grid), "#2A((1 2) (3 4))");
        let cube = array(cx, Storage::T(fixnums(&[1, 2, 3, 4, 5, 6, 7, 8])), Some(vec![2, 2, 2]), None);
        assert_eq!(prin1(cx, cube), "#3A(((1 2) (3 4)) ((5 6) (7 8)))");
        let scalar = array(cx, Storage::T(fixnums(&[5])), Some(vec![]), None);
        assert_eq!(prin1(cx, scalar), "#0A5");
        let flat = array(cx, Storage::T(Vec::new()), Some(vec![2, 0]), None);
        assert_eq!(prin1(cx, flat), "#2A(() ())");
        let none = array(cx, Storage::T(Vec::new()), Some(vec![0, 2]), None);
        assert_eq!(prin1(cx, none), "#2A()");
        let filled = array(cx, Storage::T(fixnums(&[1, 1, 1, 1, 1])), None, Some(2));
        assert_eq!(prin1(cx, filled), "#(1 1)");
        let bytes = array(cx, Storage::U8(vec![7, 7, 7]), None, None);
        assert_eq!(prin1(cx, bytes), "#(7 7 7)");
        let chars = array(cx, Storage::Char(vec!['a'; 4]), Some(vec![2, 2]), None);
        assert_eq!(prin1(cx, chars), "#2A((#\\a #\\a) (#\\a #\\a))");
        let bitgrid = array(cx, Storage::Bit(vec![1; 4]), Some(vec![2, 2]), None);
        assert_eq!(prin1(cx, bitgrid), "#2A((1 1) (1 1))");

        set(cx, cx.g.s.print_array, Value::Nil);
        let text = make_string(mc, "abc");
        assert_eq!(prin1(cx, text), "\"abc\"");
        for (x, ty) in [(v, "(SIMPLE-VECTOR 4)"), (grid, "(SIMPLE-ARRAY T (2 2))"), (bits, "(SIMPLE-BIT-VECTOR 4)"), (filled, "(VECTOR T 2)")] {
            let got = prin1(cx, x);
            assert!(got.starts_with(&format!("#<{ty} {{")) && got.ends_with("}>"), "{got}");
        }
    });
}

// ---- other objects ----

#[test]
fn unreadable_objects() {
    run(|cx| {
        let mc = cx.mc;
        let hash = Value::HashTable(crate::heap::hash::new_table(mc, Test::Eql, 0));
        let text = prin1(cx, hash);
        assert!(text.starts_with("#<HASH-TABLE :TEST EQL :COUNT 0 {") && text.ends_with("}>"), "{text}");
        assert_eq!(prin1(cx, Value::Package(cx.g.p.user)), "#<PACKAGE \"COMMON-LISP-USER\">");
        let write_sym = cx.g.intern_in(mc, "CL", "WRITE");
        let write_fn = cx.g.sym(write_sym).unwrap().function.get();
        assert_eq!(prin1(cx, write_fn), "#<FUNCTION WRITE>");
        // An anonymous function shows its lambda name and address.
        let lambda_name = list(mc, &[cx.g.s.lambda.into(), list(mc, &[cx.g.intern_in(mc, "CL-USER", "X")])]);
        let anon = Value::Function(Gc::new(
            mc,
            crate::heap::function::Function {
                name: gc_arena::Lock::new(lambda_name),
                kind: crate::heap::function::FnKind::Native(&crate::builtins::printer::NATIVES[0]),
            },
        ));
        let text = prin1(cx, anon);
        assert!(text.starts_with("#<FUNCTION (LAMBDA (X)) {") && text.ends_with("}>"), "{text}");
        let out = crate::streams::StreamData::string_output(mc);
        let text = prin1(cx, out);
        assert!(text.starts_with("#<STRING-OUTPUT-STREAM {"), "{text}");
        let rs = Value::Object(Gc::new(mc, Object::RandomState(RefLock::new(crate::numbers::random::Rng::seeded(1)))));
        assert!(prin1(cx, rs).starts_with("#<RANDOM-STATE {"));
        // An instance without a class is of class T as far as PRINT-OBJECT can tell.
        let inst = Value::Instance(Instance::new(mc, Value::Nil, Vec::new()));
        assert!(prin1(cx, inst).starts_with("#<T {"), "{}", prin1(cx, inst));
        assert_eq!(prin1(cx, Value::Unbound), "#<UNBOUND-MARKER>");
        let deleted = package::new(mc, "GONE");
        deleted.borrow_mut(mc).deleted = true;
        assert!(prin1(cx, Value::Package(deleted)).starts_with("#<PACKAGE (deleted) {"));
    });
}

// ---- *print-circle* and circular data ----

#[test]
fn print_circle() {
    run(|cx| {
        let mc = cx.mc;
        set(cx, cx.g.s.print_circle, cx.g.t);
        let circ = circular_list(cx, &fixnums(&[1, 2, 3]));
        assert_eq!(prin1(cx, circ), "#1=(1 2 3 . #1#)");
        let x = list(mc, &fixnums(&[1, 2]));
        let twice = list(mc, &[x, x]);
        assert_eq!(prin1(cx, twice), "(#1=(1 2) #1#)");
        let self_car = list(mc, &fixnums(&[1, 2]));
        Cons::set_car(self_car.as_cons().unwrap(), mc, self_car);
        assert_eq!(prin1(cx, self_car), "#1=(#1# 2)");
        let v = make_vector(mc, fixnums(&[1, 2]));
        if let Value::Array(a) = v {
            if let Storage::T(items) = &mut a.borrow_mut(mc).storage {
                items[0] = v;
            }
        }
        let vv = list(mc, &[v, v]);
        assert_eq!(prin1(cx, vv), "(#1=#(#1# 2) #1#)");
        let s = make_string(mc, "abc");
        let ss = list(mc, &[s, s]);
        assert_eq!(prin1(cx, ss), "(#1=\"abc\" #1#)");
        let g = gensym(cx, "G");
        let gg = list(mc, &[g, g]);
        assert_eq!(prin1(cx, gg), "(#1=#:G #1#)");
        let tail_owner = list(mc, &fixnums(&[1, 2]));
        let shared_tail = list(mc, &[tail_owner, crate::heap::cons::cdr(tail_owner)]);
        assert_eq!(prin1(cx, shared_tail), "((1 . #1=(2)) #1#)");
        let a = cx.g.intern_in(mc, "CL-USER", "A");
        let q = list(mc, &[cx.g.s.quote.into(), a]);
        let qq = list(mc, &[q, q]);
        assert_eq!(prin1(cx, qq), "(#1='A #1#)");
        let l123 = list(mc, &fixnums(&[1, 2, 3]));
        let star = crate::heap::cons::list_with_tail(mc, &[Value::Fixnum(0), l123], l123);
        assert_eq!(prin1(cx, star), "(0 #1=(1 2 3) . #1#)");
        // The cdr of a quote form shared elsewhere keeps the form unabbreviated.
        let y = list(mc, &[a]);
        let quote_y = cons(mc, cx.g.s.quote.into(), y);
        let both = list(mc, &[quote_y, y]);
        assert_eq!(prin1(cx, both), "((QUOTE . #1=(A)) #1#)");
        // Two labels, numbered in printing order.
        let p = list(mc, &[Value::Fixnum(1)]);
        let r = list(mc, &[Value::Fixnum(2)]);
        let two = list(mc, &[p, r, r, p]);
        assert_eq!(prin1(cx, two), "(#1=(1) #2=(2) #2# #1#)");
        // Labels beat *print-length*; the level cut-off hides sharing (as SBCL).
        set(cx, cx.g.s.print_length, Value::Fixnum(5));
        assert_eq!(prin1(cx, circ), "#1=(1 2 3 . #1#)");
        set(cx, cx.g.s.print_length, Value::Fixnum(4));
        let one = list(mc, &[Value::Fixnum(1)]);
        let cut = list(mc, &[Value::Fixnum(1), Value::Fixnum(2), Value::Fixnum(3), one, one]);
        assert_eq!(prin1(cx, cut), "(1 2 3 (1) ...)");
        set(cx, cx.g.s.print_length, Value::Nil);
        set(cx, cx.g.s.print_level, Value::Fixnum(1));
        let inner = list(mc, &[one]);
        let lev = list(mc, &[one, inner]);
        assert_eq!(prin1(cx, lev), "(# #)");
        set(cx, cx.g.s.print_level, Value::Nil);
        // Unshared objects get no labels.
        let plain = list(mc, &[list(mc, &fixnums(&[1])), list(mc, &fixnums(&[1]))]);
        assert_eq!(prin1(cx, plain), "((1) (1))");
    });
}

#[test]
fn circular_data_without_print_circle_terminates() {
    run(|cx| {
        let mc = cx.mc;
        let circ = circular_list(cx, &fixnums(&[1, 2, 3]));
        let text = prin1(cx, circ);
        assert!(text.starts_with("(1 2 3 1 2 3") && text.ends_with(" ...)"), "{text}");
        // A list that is its own car, twice: cut where it repeats.
        let twice = list(mc, &[Value::Nil, Value::Nil]);
        let c = twice.as_cons().unwrap();
        Cons::set_car(c, mc, twice);
        Cons::set_car(c.cdr().as_cons().unwrap(), mc, twice);
        assert_eq!(prin1(cx, twice), "(... ...)");
        // A quote form quoting itself.
        let q = list(mc, &[cx.g.s.quote.into(), Value::Nil]);
        Cons::set_car(q.as_cons().unwrap().cdr().as_cons().unwrap(), mc, q);
        assert_eq!(prin1(cx, q), "'...");
        // A vector containing itself.
        let v = make_vector(mc, fixnums(&[1]));
        if let Value::Array(a) = v {
            if let Storage::T(items) = &mut a.borrow_mut(mc).storage {
                items[0] = v;
            }
        }
        assert_eq!(prin1(cx, v), "#(...)");
        // A car pointing into the middle of an enclosing list.
        let l = list(mc, &fixnums(&[1, 2, 3]));
        let second = crate::heap::cons::cdr(l).as_cons().unwrap();
        Cons::set_car(second, mc, Value::Cons(second));
        assert_eq!(prin1(cx, l), "(1 (... 3) 3)");
    });
}

#[test]
fn deep_and_long_data() {
    run(|cx| {
        let mc = cx.mc;
        let mut deep = Value::Nil;
        for _ in 0..200_000 {
            deep = list(mc, &[deep]);
        }
        let text = prin1(cx, deep);
        assert!(text.starts_with(&"(".repeat(MAX_DEPTH)) && text.contains("..."));
        assert_eq!(text.matches('(').count(), text.matches(')').count());
        let long = list(mc, &fixnums(&(0..200_000).collect::<Vec<_>>()));
        let text = prin1(cx, long);
        assert!(text.ends_with(" 199998 199999)") && !text.contains("..."));
    });
}

// ---- *print-readably* ----

#[test]
fn print_readably() {
    run(|cx| {
        let mc = cx.mc;
        set(cx, cx.g.s.print_readably, cx.g.t);
        set(cx, cx.g.s.print_escape, Value::Nil);
        set(cx, cx.g.s.print_gensym, Value::Nil);
        set(cx, cx.g.s.print_array, Value::Nil);
        set(cx, cx.g.s.print_length, Value::Fixnum(1));
        set(cx, cx.g.s.print_level, Value::Fixnum(1));
        let l = list(mc, &fixnums(&[1, 2, 3]));
        let g = gensym(cx, "G");
        let v = make_vector(mc, fixnums(&[1, 2]));
        let s = make_string(mc, "a");
        let all = list(mc, &[l, g, v, s, Value::Char('a')]);
        assert_eq!(ok(write_to_string(cx, all)), "((1 2 3) #:G #(1 2) \"a\" #\\a)");
        let write_sym = cx.g.intern_in(mc, "CL", "WRITE");
        let f = cx.g.sym(write_sym).unwrap().function.get();
        let bytes = array(cx, Storage::U8(vec![0; 3]), None, None);
        let rs = Value::Object(Gc::new(mc, Object::RandomState(RefLock::new(crate::numbers::random::Rng::seeded(1)))));
        // (Instances go through PRINT-OBJECT in Lisp; tests/lisp covers them.)
        for bad in [f, bytes, rs, Value::Package(cx.g.p.user), Value::Single(f32::NAN)] {
            let nested = list(mc, &[Value::Fixnum(1), bad]);
            let err = write_to_string(cx, nested).err().unwrap();
            assert_eq!(error_kind(&err), "PRINT-NOT-READABLE");
            if let Ctl::Error(spec) = err {
                assert!(spec.initargs[1].eq(bad));
                assert_eq!(crate::heap::package::sym_name(spec.initargs[0]), "OBJECT");
            }
        }
    });
}

#[test]
fn to_string_binds_only_escape() {
    run(|cx| {
        let s = make_string(cx.mc, "x");
        assert_eq!(prin1(cx, s), "\"x\"");
        assert_eq!(princ(cx, s), "x");
        assert!(cx.g.s.print_escape.value().eq(cx.g.t));
        set(cx, cx.g.s.print_base, Value::Fixnum(2));
        assert_eq!(princ(cx, Value::Fixnum(5)), "101");
    });
}
