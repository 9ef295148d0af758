//! Tests of the hash table primitives (`hash.rs`) and of `heap::hash`.


use crate::builtins::testutil::{call, err, func, ints, kw, ok, s, show, shown, sys};
use crate::heap::hash::{self as table, Test};
use crate::heap::Value;
use crate::runtime::Runtime;
use crate::vm::Cx;

fn make<'gc>(cx: &mut Cx<'gc, '_>, test: &str) -> Value<'gc> {
    let k = kw(cx, "TEST");
    let t = cx.g.intern_in(cx.mc, "CL", test);
    ok(cx, "MAKE-HASH-TABLE", &[k, t])
}

fn gethash<'gc>(cx: &mut Cx<'gc, '_>, key: Value<'gc>, t: Value<'gc>) -> (String, String) {
    let v = call(cx, "CL", "GETHASH", &[key, t]).ok().unwrap();
    (show(cx, v[0]), show(cx, v[1]))
}

#[test]
fn making_tables() {
    Runtime::new().with_cx(|cx| {
        let t = ok(cx, "MAKE-HASH-TABLE", &[]);
        assert!(ok(cx, "HASH-TABLE-P", &[t]).truthy());
        assert!(ok(cx, "HASH-TABLE-P", &[Value::Nil]).is_nil());
        assert_eq!(shown(cx, "HASH-TABLE-TEST", &[t]), "EQL");
        assert_eq!(shown(cx, "HASH-TABLE-SIZE", &[t]), "7");
        assert_eq!(shown(cx, "HASH-TABLE-REHASH-SIZE", &[t]), "1.5");
        assert_eq!(shown(cx, "HASH-TABLE-REHASH-THRESHOLD", &[t]), "1.0");
        let (test, size, rs, rt) = (kw(cx, "TEST"), kw(cx, "SIZE"), kw(cx, "REHASH-SIZE"), kw(cx, "REHASH-THRESHOLD"));
        let equal_fn = func(cx, "EQUAL");
        let t2 = ok(
            cx,
            "MAKE-HASH-TABLE",
            &[test, equal_fn, size, Value::Fixnum(100), rs, Value::Fixnum(2), rt, Value::Double(0.5)],
        );
        assert_eq!(shown(cx, "HASH-TABLE-TEST", &[t2]), "EQUAL");
        assert_eq!(shown(cx, "HASH-TABLE-SIZE", &[t2]), "100");
        assert_eq!(shown(cx, "HASH-TABLE-REHASH-SIZE", &[t2]), "2");
        let equalp = make(cx, "EQUALP");
        assert_eq!(shown(cx, "HASH-TABLE-TEST", &[equalp]), "EQUALP");
        let foo = crate::builtins::testutil::sym(cx, "FOO");
        assert!(err(cx, "MAKE-HASH-TABLE", &[test, foo]).starts_with("SIMPLE-ERROR"));
        assert!(err(cx, "MAKE-HASH-TABLE", &[test, func(cx, "CAR")]).starts_with("SIMPLE-ERROR"));
        assert!(err(cx, "MAKE-HASH-TABLE", &[size, Value::Fixnum(-1)]).contains("UNSIGNED-BYTE"));
        assert!(err(cx, "MAKE-HASH-TABLE", &[rs, Value::Single(0.5)]).starts_with("TYPE-ERROR"));
        assert!(err(cx, "MAKE-HASH-TABLE", &[rt, Value::Fixnum(2)]).contains("(REAL 0 1)"));
        let sometimes = kw(cx, "SOMETIMES");
        assert!(err(cx, "MAKE-HASH-TABLE", &[kw(cx, "WEAKNESS"), sometimes]).starts_with("TYPE-ERROR"));
        assert!(err(cx, "MAKE-HASH-TABLE", &[kw(cx, "WEAKLY"), Value::Nil]).starts_with("PROGRAM-ERROR"));
        assert!(err(cx, "HASH-TABLE-COUNT", &[Value::Fixnum(3)]).contains("HASH-TABLE"));
        assert!(err(cx, "GETHASH", &[Value::Fixnum(1), Value::Fixnum(3)]).contains("HASH-TABLE"));
    });
}

#[test]
fn storing_and_removing() {
    Runtime::new().with_cx(|cx| {
        let t = make(cx, "EQUAL");
        let key = s(cx, "apple");
        assert_eq!(gethash(cx, key, t), ("NIL".into(), "NIL".into()));
        let got = call(cx, "CL", "GETHASH", &[key, t, Value::Fixnum(9)]).ok().unwrap();
        assert_eq!(got[0].as_fixnum(), Some(9));
        assert_eq!(sys(cx, "%PUTHASH", &[key, t, Value::Fixnum(1)]).as_fixnum(), Some(1));
        assert_eq!(gethash(cx, s(cx, "apple"), t), ("1".into(), "T".into()));
        assert_eq!(gethash(cx, s(cx, "APPLE"), t), ("NIL".into(), "NIL".into()));
        sys(cx, "%PUTHASH", &[s(cx, "apple"), t, Value::Fixnum(2)]);
        assert_eq!(shown(cx, "HASH-TABLE-COUNT", &[t]), "1");
        let k2 = ints(cx, &[1, 2]);
        sys(cx, "%PUTHASH", &[k2, t, Value::Nil]);
        assert_eq!(gethash(cx, ints(cx, &[1, 2]), t), ("NIL".into(), "T".into()));
        assert!(ok(cx, "REMHASH", &[s(cx, "apple"), t]).truthy());
        assert!(ok(cx, "REMHASH", &[s(cx, "apple"), t]).is_nil());
        assert_eq!(shown(cx, "HASH-TABLE-COUNT", &[t]), "1");
        assert!(ok(cx, "CLRHASH", &[t]).eq(t));
        assert_eq!(shown(cx, "HASH-TABLE-COUNT", &[t]), "0");
        // equalp: case-insensitive strings, numbers by value.
        let p = make(cx, "EQUALP");
        sys(cx, "%PUTHASH", &[s(cx, "Key"), p, Value::Fixnum(1)]);
        sys(cx, "%PUTHASH", &[Value::Fixnum(2), p, Value::Fixnum(2)]);
        assert_eq!(gethash(cx, s(cx, "KEY"), p).0, "1");
        assert_eq!(gethash(cx, Value::Double(2.0), p).0, "2");
        // eql: numbers by type, not by =.
        let e = make(cx, "EQL");
        let big = Value::from_bigint(cx.mc, num_bigint::BigInt::from(1u128 << 90));
        sys(cx, "%PUTHASH", &[big, e, Value::Fixnum(1)]);
        let big2 = Value::from_bigint(cx.mc, num_bigint::BigInt::from(1u128 << 90));
        assert_eq!(gethash(cx, big2, e).0, "1");
        sys(cx, "%PUTHASH", &[Value::Fixnum(1), e, Value::Fixnum(1)]);
        assert_eq!(gethash(cx, Value::Double(1.0), e).1, "NIL");
        // eq: strings by identity.
        let q = make(cx, "EQ");
        let k = s(cx, "x");
        sys(cx, "%PUTHASH", &[k, q, Value::Fixnum(1)]);
        assert_eq!(gethash(cx, k, q).0, "1");
        assert_eq!(gethash(cx, s(cx, "x"), q).1, "NIL");
        // A table can be a key of itself, and an equalp key of another.
        sys(cx, "%PUTHASH", &[q, q, q]);
        assert_eq!(gethash(cx, q, q).1, "T");
        sys(cx, "%PUTHASH", &[p, p, Value::Fixnum(5)]);
        assert_eq!(gethash(cx, p, p).0, "5");
    });
}

#[test]
fn iteration_keeps_insertion_order() {
    Runtime::new().with_cx(|cx| {
        let t = make(cx, "EQL");
        for i in 0..10 {
            sys(cx, "%PUTHASH", &[Value::Fixnum(i), t, Value::Fixnum(i * i)]);
        }
        for i in (0..10).step_by(2) {
            ok(cx, "REMHASH", &[Value::Fixnum(i), t]);
        }
        let entries = sys(cx, "%HASH-TABLE-ENTRIES", &[t]);
        assert_eq!(show(cx, entries), "((1 . 1) (3 . 9) (5 . 25) (7 . 49) (9 . 81))");
        // maphash calls the function on every entry (here: a primitive that checks its arguments).
        let f = func(cx, "CHAR-CODE");
        assert!(err(cx, "MAPHASH", &[f, t]).starts_with("PROGRAM-ERROR"));
        let cons_fn = func(cx, "CONS");
        assert!(ok(cx, "MAPHASH", &[cons_fn, t]).is_nil());
        assert!(err(cx, "MAPHASH", &[cons_fn, Value::Nil]).starts_with("TYPE-ERROR"));
    });
}

#[test]
fn sxhash_is_consistent_with_equal() {
    Runtime::new().with_cx(|cx| {
        let a = ok(cx, "SXHASH", &[s(cx, "abc")]);
        let b = ok(cx, "SXHASH", &[s(cx, "abc")]);
        assert_eq!(a.as_fixnum(), b.as_fixnum());
        assert!(a.as_fixnum().unwrap() >= 0);
        let l1 = ints(cx, &[1, 2, 3]);
        let l2 = ints(cx, &[1, 2, 3]);
        assert_eq!(ok(cx, "SXHASH", &[l1]).as_fixnum(), ok(cx, "SXHASH", &[l2]).as_fixnum());
    });
}

#[test]
fn many_removals_compact_the_table() {
    Runtime::new().with_cx(|cx| {
        let t = table::new_table(cx.mc, Test::Eql, 0);
        for round in 0..20 {
            for i in 0..1000 {
                table::put(t, cx.mc, Value::Fixnum(i), Value::Fixnum(round));
            }
            for i in 0..1000 {
                assert!(table::remove(t, cx.mc, Value::Fixnum(i)));
            }
        }
        assert_eq!(t.borrow().count, 0);
        table::put(t, cx.mc, Value::Fixnum(5), Value::Fixnum(5));
        assert_eq!(table::entries(t).len(), 1);
        assert!(table::get(t, Value::Fixnum(5)).is_some());
        table::rehash(t, cx.mc);
        assert!(table::get(t, Value::Fixnum(5)).is_some());
    });
}

const MILLION: i64 = 1_000_000;

#[test]
fn a_million_fixnum_keys_in_an_eq_table() {
    Runtime::new().with_cx(|cx| {
        let t = table::new_table(cx.mc, Test::Eq, 0);
        for i in 0..MILLION {
            table::put(t, cx.mc, Value::Fixnum(i), Value::Fixnum(-i));
        }
        for i in 0..MILLION {
            assert_eq!(table::get(t, Value::Fixnum(i)).and_then(|v| v.as_fixnum()), Some(-i));
        }
        assert!(table::get(t, Value::Fixnum(MILLION)).is_none());
        assert_eq!(t.borrow().count, MILLION as usize);
        for i in (0..MILLION).step_by(2) {
            table::remove(t, cx.mc, Value::Fixnum(i));
        }
        assert_eq!(t.borrow().count, (MILLION / 2) as usize);
        assert!(table::get(t, Value::Fixnum(1)).is_some());
    });
}

#[test]
fn a_million_string_keys_in_an_equal_table() {
    Runtime::new().with_cx(|cx| {
        let t = table::new_table(cx.mc, Test::Equal, 0);
        for i in 0..MILLION {
            let k = s(cx, &format!("key-{i}"));
            table::put(t, cx.mc, k, Value::Fixnum(i));
        }
        for i in 0..MILLION {
            let k = s(cx, &format!("key-{i}"));
            assert_eq!(table::get(t, k).and_then(|v| v.as_fixnum()), Some(i));
        }
        assert!(table::get(t, s(cx, "key-x")).is_none());
    });
}

#[test]
fn a_million_keys_in_eql_and_equalp_tables() {
    Runtime::new().with_cx(|cx| {
        let e = table::new_table(cx.mc, Test::Eql, 0);
        let p = table::new_table(cx.mc, Test::Equalp, 0);
        for i in 0..MILLION {
            table::put(e, cx.mc, Value::Double(i as f64), Value::Fixnum(i));
            table::put(p, cx.mc, Value::Fixnum(i), Value::Fixnum(i));
        }
        for i in 0..MILLION {
            assert_eq!(table::get(e, Value::Double(i as f64)).and_then(|v| v.as_fixnum()), Some(i));
            assert_eq!(table::get(p, Value::Double(i as f64)).and_then(|v| v.as_fixnum()), Some(i));
        }
    });
}
