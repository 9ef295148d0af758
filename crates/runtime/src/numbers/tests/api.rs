//! Tests of the public Rust API and of details the SBCL table does not
//! show: condition initargs, random numbers, constants, deliberate
//! differences from SBCL, and robustness on every kind of argument.

use std::cmp::Ordering;

use num_bigint::BigInt;

use super::harness::{call, error_kind, eval_str, show, with_cx};
use crate::heap::symbol::flags;
use crate::heap::{list, Value};
use crate::numbers::{add, compare, div, equalp_hash, integer_to_string, mul, num_eq, sub};
use crate::vm::{Ctl, Cx};

fn big<'gc>(cx: &Cx<'gc, '_>, s: &str) -> Value<'gc> {
    Value::from_bigint(cx.mc, s.parse::<BigInt>().unwrap())
}

fn ratio<'gc>(cx: &Cx<'gc, '_>, n: i64, d: i64) -> Value<'gc> {
    Value::from_ratio(cx.mc, n.into(), d.into())
}

fn sym<'gc>(cx: &Cx<'gc, '_>, name: &str) -> Value<'gc> {
    cx.g.intern_in(cx.mc, "CL-USER", name)
}

/// The initarg `key` (a keyword name) of an error, printed.
fn initarg<'gc>(cx: &Cx<'gc, '_>, e: &Ctl<'gc>, key: &str) -> String {
    let Ctl::Error(spec) = e else { panic!("not an error") };
    let pos = spec.initargs.iter().position(|&k| show(cx, k) == format!(":{key}")).expect("initarg present");
    let v = spec.initargs[pos + 1];
    match v {
        Value::Cons(_) => crate::heap::cons::ListIter(v).map(|x| show(cx, x)).collect::<Vec<_>>().join(" "),
        _ => show(cx, v),
    }
}

#[test]
fn fixnum_bignum_boundaries() {
    with_cx(|cx| {
        let max = Value::Fixnum(crate::heap::value::FIXNUM_MAX);
        let r = add(cx, max, Value::Fixnum(1)).ok().unwrap();
        assert!(matches!(r, Value::Bignum(_)));
        let back = sub(cx, r, Value::Fixnum(1)).ok().unwrap();
        assert!(matches!(back, Value::Fixnum(n) if n == crate::heap::value::FIXNUM_MAX));
        let a = big(cx, "36893488147419103232");
        let b = big(cx, "36893488147419103200");
        assert!(matches!(sub(cx, a, b).ok().unwrap(), Value::Fixnum(32)));
        let p = mul(cx, Value::Fixnum(1 << 40), Value::Fixnum(1 << 40)).ok().unwrap();
        assert_eq!(show(cx, p), "1208925819614629174706176");
        let q = div(cx, p, Value::Fixnum(1 << 40)).ok().unwrap();
        assert!(matches!(q, Value::Fixnum(n) if n == 1 << 40));
    });
}

#[test]
fn ratios_are_normalised() {
    with_cx(|cx| {
        let r = div(cx, Value::Fixnum(4), Value::Fixnum(-6)).ok().unwrap();
        let Value::Ratio(q) = r else { panic!("expected a ratio") };
        assert_eq!((q.num.to_string(), q.den.to_string()), ("-2".into(), "3".into()));
        assert!(matches!(div(cx, Value::Fixnum(6), Value::Fixnum(3)).ok().unwrap(), Value::Fixnum(2)));
        let (a, b) = (ratio(cx, 1, 3), ratio(cx, 2, 3));
        assert!(matches!(add(cx, a, b).ok().unwrap(), Value::Fixnum(1)));
        assert!(matches!(sub(cx, a, a).ok().unwrap(), Value::Fixnum(0)));
    });
}

#[test]
fn contagion() {
    with_cx(|cx| {
        let third = ratio(cx, 1, 3);
        assert!(matches!(add(cx, third, Value::Single(0.5)).ok().unwrap(), Value::Single(_)));
        assert!(matches!(add(cx, Value::Single(0.5), Value::Double(0.5)).ok().unwrap(), Value::Double(1.0)));
        assert!(matches!(mul(cx, Value::Fixnum(2), Value::Double(0.25)).ok().unwrap(), Value::Double(0.5)));
        let c = eval_str(cx, "(+ #c(1 2) 1.0d0)");
        assert_eq!(c, "#C(2.0d0 2.0d0)");
    });
}

#[test]
fn compare_and_num_eq() {
    with_cx(|cx| {
        let third = ratio(cx, 1, 3);
        let approx = Value::Single(1.0 / 3.0);
        assert!(!num_eq(third, approx));
        assert_eq!(compare(cx, third, approx).ok(), Some(Ordering::Less));
        assert!(num_eq(Value::Fixnum(1), Value::Double(1.0)));
        assert!(num_eq(ratio(cx, 1, 2), Value::Single(0.5)));
        let huge = big(cx, "9007199254740993");
        assert_eq!(compare(cx, huge, Value::Double(9007199254740992.0)).ok(), Some(Ordering::Greater));
        assert!(!num_eq(Value::Fixnum(1), sym(cx, "A")));
        assert!(!num_eq(Value::Double(f64::NAN), Value::Double(f64::NAN)));
        let e = compare(cx, Value::Fixnum(1), sym(cx, "A")).err().unwrap();
        assert_eq!(error_kind(cx, &e), "TYPE-ERROR");
        assert_eq!(initarg(cx, &e, "EXPECTED-TYPE"), "REAL");
        assert_eq!(initarg(cx, &e, "DATUM"), "A");
        let z = crate::numbers::arith::make_complex(cx, Value::Fixnum(1), Value::Fixnum(2)).ok().unwrap();
        assert!(compare(cx, z, Value::Fixnum(1)).is_err());
        let zf = crate::numbers::arith::make_complex(cx, Value::Single(1.0), Value::Single(2.0)).ok().unwrap();
        assert!(num_eq(z, zf));
        let nan = compare(cx, Value::Double(f64::NAN), Value::Fixnum(1)).err().unwrap();
        assert_eq!(error_kind(cx, &nan), "FLOATING-POINT-INVALID-OPERATION");
    });
}

#[test]
fn hash_is_consistent_with_num_eq() {
    with_cx(|cx| {
        let one_c = crate::numbers::arith::make_complex(cx, Value::Single(1.0), Value::Single(0.0)).ok().unwrap();
        let ones = [Value::Fixnum(1), Value::Single(1.0), Value::Double(1.0), one_c];
        for v in ones {
            assert_eq!(equalp_hash(v), equalp_hash(Value::Fixnum(1)));
        }
        assert_eq!(equalp_hash(ratio(cx, 1, 2)), equalp_hash(Value::Double(0.5)));
        assert_eq!(equalp_hash(Value::Double(-0.0)), equalp_hash(Value::Fixnum(0)));
        let b = big(cx, "1180591620717411303424");
        assert_eq!(equalp_hash(b), equalp_hash(Value::Double(1180591620717411303424.0)));
        let between = big(cx, "4611686018427387904");
        assert_eq!(equalp_hash(between), equalp_hash(Value::Double(4611686018427387904.0)));
        let zi = crate::numbers::arith::make_complex(cx, Value::Fixnum(1), Value::Fixnum(2)).ok().unwrap();
        let zf = crate::numbers::arith::make_complex(cx, Value::Double(1.0), Value::Double(2.0)).ok().unwrap();
        assert_eq!(equalp_hash(zi), equalp_hash(zf));
        assert_ne!(equalp_hash(Value::Fixnum(1)), equalp_hash(Value::Fixnum(2)));
        assert_ne!(equalp_hash(ratio(cx, 1, 3)), equalp_hash(ratio(cx, 1, 2)));
        assert_eq!(equalp_hash(sym(cx, "A")), 0);
    });
}

#[test]
fn integer_strings() {
    with_cx(|cx| {
        assert_eq!(integer_to_string(Value::Fixnum(255), 16).as_deref(), Some("FF"));
        assert_eq!(integer_to_string(Value::Fixnum(-5), 2).as_deref(), Some("-101"));
        assert_eq!(integer_to_string(Value::Fixnum(35), 36).as_deref(), Some("Z"));
        let b = big(cx, "-36893488147419103232");
        assert_eq!(integer_to_string(b, 10).as_deref(), Some("-36893488147419103232"));
        assert_eq!(integer_to_string(b, 16).as_deref(), Some("-20000000000000000"));
        assert_eq!(integer_to_string(Value::Single(1.0), 10), None);
        assert_eq!(integer_to_string(Value::Fixnum(1), 37), None);
        assert_eq!(integer_to_string(Value::Fixnum(1), 1), None);
    });
}

#[test]
fn conditions_carry_their_initargs() {
    with_cx(|cx| {
        let a = sym(cx, "A");
        let cases: &[(&str, Vec<Value>, &str)] = &[
            ("+", vec![Value::Fixnum(1), a], "NUMBER"),
            ("<", vec![Value::Fixnum(1), a], "REAL"),
            ("GCD", vec![Value::Single(1.0)], "INTEGER"),
            ("NUMERATOR", vec![Value::Single(1.0)], "RATIONAL"),
            ("FLOAT-RADIX", vec![Value::Fixnum(1)], "FLOAT"),
            ("ISQRT", vec![Value::Fixnum(-1)], "UNSIGNED-BYTE"),
            ("BOOLE", vec![Value::Fixnum(16), Value::Fixnum(1), Value::Fixnum(1)], "(INTEGER 0 15)"),
            ("BYTE-SIZE", vec![Value::Fixnum(3)], "CONS"),
            ("RANDOM", vec![Value::Fixnum(10), a], "RANDOM-STATE"),
        ];
        for (name, args, expected) in cases {
            let e = call(cx, name, args).err().unwrap();
            assert_eq!(error_kind(cx, &e), "TYPE-ERROR", "{name}");
            let Ctl::Error(spec) = &e else { unreachable!() };
            let ty = spec.initargs[3];
            let shown = match ty {
                Value::Cons(_) => {
                    format!("({})", crate::heap::cons::ListIter(ty).map(|x| show(cx, x)).collect::<Vec<_>>().join(" "))
                }
                _ => show(cx, ty),
            };
            assert_eq!(&shown, expected, "{name}");
        }
        let e = call(cx, "/", &[Value::Fixnum(1), Value::Fixnum(0)]).err().unwrap();
        assert_eq!(error_kind(cx, &e), "DIVISION-BY-ZERO");
        assert_eq!(initarg(cx, &e, "OPERATION"), "/");
        assert_eq!(initarg(cx, &e, "OPERANDS"), "1 0");
        let e = call(cx, "*", &[Value::Double(f64::MAX), Value::Fixnum(2)]).err().unwrap();
        assert_eq!(error_kind(cx, &e), "FLOATING-POINT-OVERFLOW");
        assert_eq!(initarg(cx, &e, "OPERATION"), "*");
        // SBCL's arguments-out-of-domain-error is an arithmetic-error.
        let e = call(cx, "EXPT", &[Value::Single(0.0), Value::Double(0.0)]).err().unwrap();
        assert_eq!(error_kind(cx, &e), "ARITHMETIC-ERROR");
        assert_eq!(initarg(cx, &e, "OPERATION"), "EXPT");
        let s = crate::heap::array::make_string(cx.mc, "12x");
        let e = call(cx, "PARSE-INTEGER", &[s]).err().unwrap();
        assert_eq!(error_kind(cx, &e), "PARSE-ERROR");
        let Ctl::Error(spec) = &e else { unreachable!() };
        assert_eq!(spec.initargs[1].as_string().as_deref(), Some("junk in string ~S"));
    });
}

#[test]
fn huge_integers_are_refused_not_allocated() {
    with_cx(|cx| {
        for form in [
            "(ash 1 1000000000000)",
            "(ash 1 36893488147419103232)",
            "(expt 3 1000000000000)",
            "(expt 2/3 36893488147419103232)",
            "(expt #c(1 1) 1000000000000)",
            "(ldb (byte 1000000000000 0) -1)",
            "(mask-field (byte 10 1000000000000) -1)",
            "(dpb -1 (byte 1000000000000 0) 0)",
        ] {
            assert_eq!(eval_str(cx, form), "ERR STORAGE-CONDITION", "{form}");
        }
        assert_eq!(eval_str(cx, "(ash 0 36893488147419103232)"), "0");
        assert_eq!(eval_str(cx, "(expt -1 1000000000001)"), "-1");
        assert_eq!(eval_str(cx, "(dpb 0 (byte 1000000000000 4) 5)"), "5");
        assert_eq!(eval_str(cx, "(ldb (byte 1000000000000 0) 5)"), "5");
    });
}

#[test]
fn deliberate_differences_from_sbcl() {
    with_cx(|cx| {
        // A negative bit index is a type error (SBCL 2.2.9 answers NIL).
        assert_eq!(eval_str(cx, "(logbitp -1 5)"), "ERR TYPE-ERROR");
        // A float shift count is a type error (SBCL signals a simple-error).
        assert_eq!(eval_str(cx, "(ash 1 1.0)"), "ERR TYPE-ERROR");
        // A rational combined with a double is computed in double precision
        // (SBCL takes the rational's logarithm in single precision first).
        assert_eq!(eval_str(cx, "(log #c(1d0 1d0) 2)"), "#C(0.5000000000000001d0 1.1330900354567985d0)");
        assert_eq!(eval_str(cx, "(expt 2 #c(1d0 1d0))"), "#C(1.538477803224212d0 1.2779225579915385d0)");
        // Denormal results round to nearest even (SBCL truncates).
        assert_eq!(eval_str(cx, "(scale-float 1.5 -150)"), eval_str(cx, "least-positive-single-float"));
        assert_eq!(eval_str(cx, "(scale-float least-positive-single-float 149)"), "1.0");
    });
}

/// Five draws below 10^6 from `state` (or `*random-state*`).
fn draws<'gc>(cx: &mut Cx<'gc, '_>, state: Option<Value<'gc>>) -> Vec<String> {
    (0..5)
        .map(|_| {
            let mut args = vec![Value::Fixnum(1000000)];
            args.extend(state);
            let v = call(cx, "RANDOM", &args).ok().unwrap()[0];
            show(cx, v)
        })
        .collect()
}

#[test]
fn random_numbers() {
    with_cx(|cx| {
        let mut seen = [false; 10];
        for _ in 0..1000 {
            let v = call(cx, "RANDOM", &[Value::Fixnum(10)]).ok().unwrap()[0];
            let Value::Fixnum(n @ 0..=9) = v else { panic!("out of range: {}", show(cx, v)) };
            seen[n as usize] = true;
        }
        assert!(seen.iter().all(|&s| s));
        for limit in [Value::Single(1.5), Value::Double(1e-300), Value::Double(2.0)] {
            for _ in 0..200 {
                let v = call(cx, "RANDOM", &[limit]).ok().unwrap()[0];
                match (v, limit) {
                    (Value::Single(x), Value::Single(l)) => assert!((0.0..l).contains(&x)),
                    (Value::Double(x), Value::Double(l)) => assert!((0.0..l).contains(&x)),
                    _ => panic!("wrong type"),
                }
            }
        }
        let limit = big(cx, "36893488147419103232");
        for _ in 0..100 {
            let v = call(cx, "RANDOM", &[limit]).ok().unwrap()[0];
            assert!(compare(cx, v, limit).ok() == Some(Ordering::Less));
            assert!(compare(cx, v, Value::Fixnum(0)).ok() != Some(Ordering::Less));
        }
        // A copy replays the same sequence; a fresh state starts another.
        let copy = call(cx, "MAKE-RANDOM-STATE", &[Value::Nil]).ok().unwrap()[0];
        let copy2 = call(cx, "MAKE-RANDOM-STATE", &[copy]).ok().unwrap()[0];
        let from_global = draws(cx, None);
        assert_eq!(draws(cx, Some(copy)), from_global);
        assert_eq!(draws(cx, Some(copy2)), from_global);
        let t = cx.g.t;
        let fresh = call(cx, "MAKE-RANDOM-STATE", &[t]).ok().unwrap()[0];
        assert_ne!(draws(cx, Some(fresh)), from_global);
        assert_eq!(eval_str(cx, "(random-state-p *random-state*)"), "T");
        assert_eq!(eval_str(cx, "(random-state-p 1)"), "NIL");
        let s = cx.g.sym(cx.g.intern_in(cx.mc, "CL", "*RANDOM-STATE*")).unwrap();
        assert!(s.has(flags::SPECIAL) && !s.has(flags::CONSTANT));
    });
}

#[test]
fn constants() {
    with_cx(|cx| {
        for name in ["MOST-POSITIVE-FIXNUM", "PI", "BOOLE-XOR", "LEAST-NEGATIVE-NORMALIZED-LONG-FLOAT"] {
            let v = cx.g.intern_in(cx.mc, "CL", name);
            let s = cx.g.sym(v).unwrap();
            assert!(s.has(flags::CONSTANT) && s.has(flags::SPECIAL), "{name}");
            let ext = crate::heap::package::find_symbol(&cx.g.p.cl, name).map(|(_, st)| st);
            assert_eq!(ext, Some(crate::heap::package::Status::External), "{name}");
        }
        assert_eq!(eval_str(cx, "(+ most-positive-fixnum 0)"), "4611686018427387903");
        assert_eq!(eval_str(cx, "(+ most-negative-fixnum 0)"), "-4611686018427387904");
        assert_eq!(eval_str(cx, "(+ pi 0)"), "3.141592653589793d0");
        // The epsilons are the smallest values that change 1 (CLHS 12.1.6 definitions).
        assert_eq!(eval_str(cx, "(= (+ 1.0 single-float-epsilon) 1.0)"), "NIL");
        assert_eq!(eval_str(cx, "(= (- 1.0 single-float-negative-epsilon) 1.0)"), "NIL");
        assert_eq!(eval_str(cx, "(= (+ 1d0 double-float-epsilon) 1d0)"), "NIL");
        assert_eq!(eval_str(cx, "(= (- 1d0 long-float-negative-epsilon) 1d0)"), "NIL");
        assert_eq!(eval_str(cx, "(= (+ 1.0 (scale-float single-float-epsilon -1)) 1.0)"), "T");
        assert_eq!(eval_str(cx, "(= short-float-epsilon single-float-epsilon)"), "T");
        assert_eq!(eval_str(cx, "(= most-positive-long-float most-positive-double-float)"), "T");
        assert_eq!(eval_str(cx, "(= least-positive-single-float (scale-float 1.0 -149))"), "T");
    });
}

#[test]
fn no_argument_makes_a_primitive_panic() {
    with_cx(|cx| {
        let t = cx.g.t;
        let big = big(cx, "-36893488147419103233");
        let r = ratio(cx, -7, 3);
        let zc = crate::numbers::arith::make_complex(cx, Value::Fixnum(-1), r).ok().unwrap();
        let fc = crate::numbers::arith::make_complex(cx, Value::Double(f64::NAN), Value::Double(0.0)).ok().unwrap();
        let fz = crate::numbers::arith::make_complex(cx, Value::Single(0.0), Value::Single(-0.0)).ok().unwrap();
        let spec = crate::heap::cons(cx.mc, Value::Fixnum(70), Value::Fixnum(3));
        let s = crate::heap::array::make_string(cx.mc, " -12z");
        let kw = cx.g.intern_in(cx.mc, "KEYWORD", "RADIX");
        let values = [
            Value::Fixnum(0),
            Value::Fixnum(-1),
            Value::Fixnum(crate::heap::value::FIXNUM_MIN),
            Value::Fixnum(crate::heap::value::FIXNUM_MAX),
            big,
            r,
            Value::Single(-0.0),
            Value::Single(f32::MAX),
            Value::Double(f64::INFINITY),
            Value::Double(f64::NAN),
            Value::Double(f64::from_bits(1)),
            zc,
            fc,
            fz,
            spec,
            s,
            kw,
            Value::Nil,
            t,
            list(cx.mc, &[Value::Fixnum(1)]),
        ];
        for table in [crate::builtins::numbers::NATIVES] {
            for n in table.iter() {
                let max = if n.max == crate::heap::function::MANY { 3 } else { n.max as usize };
                for arity in n.min as usize..=max {
                    let mut idx = vec![0usize; arity];
                    loop {
                        let args: Vec<Value> = idx.iter().map(|&i| values[i]).collect();
                        let _ = call(cx, n.name, &args);
                        // Next combination (odometer).
                        let mut k = 0;
                        while k < arity {
                            idx[k] += 1;
                            if idx[k] < values.len() {
                                break;
                            }
                            idx[k] = 0;
                            k += 1;
                        }
                        if k == arity {
                            break;
                        }
                    }
                }
            }
        }
    });
}
