//! REMOVE, DELETE, REMOVE-DUPLICATES, DELETE-DUPLICATES, SUBSTITUTE and
//! NSUBSTITUTE.

use super::support::{check, check_err, show, val};
use crate::runtime::Runtime;

#[test]
fn remove_family() {
    let mut rt = Runtime::new();
    check(&mut rt, "(REMOVE 1 '(1 2 1 3))", "(2 3)");
    check(&mut rt, "(REMOVE #\\a \"banana\" :COUNT 2 :FROM-END T)", "\"bann\"");
    check(&mut rt, "(REMOVE #\\a \"banana\" :COUNT 2)", "\"bnna\"");
    check(&mut rt, "(REMOVE 1 '(1 2 1 3 1) :COUNT 1 :FROM-END T)", "(1 2 1 3)");
    check(&mut rt, "(REMOVE 1 '(1 2 1 3 1) :START 1 :END 3)", "(1 2 3 1)");
    check(&mut rt, "(REMOVE 1 '(1 2) :COUNT 0)", "(1 2)");
    check(&mut rt, "(REMOVE 1 '(1 2) :COUNT -1)", "(1 2)");
    check(&mut rt, "(REMOVE-IF #'EVENP #(1 2 3 4) :COUNT 1)", "#(1 3 4)");
    check(&mut rt, "(REMOVE-IF-NOT #'EVENP '(1 2 3 4))", "(2 4)");
    check(&mut rt, "(REMOVE 3 '((1) (3) (4)) :KEY #'CAR :TEST #'<)", "((1) (3))");
    check(&mut rt, "(REMOVE 1 #*1011)", "#*0");
    check(&mut rt, "(REMOVE 1 (MAKE-ARRAY 4 :FILL-POINTER 2 :INITIAL-ELEMENT 1))", "#()");
    check_err(&mut rt, "(REMOVE 1 '(1 2 . 3))", "TYPE-ERROR");
    check_err(&mut rt, "(REMOVE 1 '(1 2) :END 5)", "TYPE-ERROR");
    check_err(&mut rt, "(REMOVE 1 '(1 2) :COUNT 'A)", "TYPE-ERROR");
    rt.with_cx(|cx| {
        // The result shares the tail after the last removed element.
        let l = val(cx, "(COPY-SEQ '(1 2 3 4))", &[]);
        let r = val(cx, "(REMOVE 2 L)", &[("L", l)]);
        assert_eq!(show(r), "(1 3 4)");
        assert!(crate::heap::cons::cdr(r).eq(crate::heap::cons::cdr(crate::heap::cons::cdr(l))));
        assert_eq!(show(l), "(1 2 3 4)");
        assert!(val(cx, "(REMOVE 9 L)", &[("L", l)]).eq(l));
    });
}

#[test]
fn delete_family() {
    let mut rt = Runtime::new();
    check(&mut rt, "(DELETE 1 (COPY-SEQ '(1 2 1 3 1)) :START 1 :END 3)", "(1 2 3 1)");
    check(&mut rt, "(DELETE 1 (VECTOR 1 2 1))", "#(2)");
    check(&mut rt, "(DELETE-IF #'EVENP (COPY-SEQ '(2 4)))", "NIL");
    check(&mut rt, "(DELETE-IF-NOT #'EVENP (COPY-SEQ '(1 2 3 4)))", "(2 4)");
    rt.with_cx(|cx| {
        // Lists are relinked in place.
        let l = val(cx, "(COPY-SEQ '(1 2 3 2 5))", &[]);
        let r = val(cx, "(DELETE 2 L)", &[("L", l)]);
        assert!(r.eq(l));
        assert_eq!(show(l), "(1 3 5)");
        // Vectors with a fill pointer are compacted in place.
        let v = val(cx, "(MAKE-ARRAY 5 :FILL-POINTER 4 :INITIAL-CONTENTS '(1 2 1 3 1))", &[]);
        let r = val(cx, "(DELETE 1 V)", &[("V", v)]);
        assert!(r.eq(v));
        assert_eq!(show(v), "#(2 3)");
        assert_eq!(show(val(cx, "(FILL-POINTER V)", &[("V", v)])), "2");
    });
}

#[test]
fn duplicates() {
    let mut rt = Runtime::new();
    check(&mut rt, "(REMOVE-DUPLICATES \"abcab\")", "\"cab\"");
    check(&mut rt, "(REMOVE-DUPLICATES '(1 2 1 3) :FROM-END T)", "(1 2 3)");
    check(&mut rt, "(REMOVE-DUPLICATES '((a 1) (b 2) (a 3)) :KEY #'CAR)", "((B 2) (A 3))");
    check(&mut rt, "(REMOVE-DUPLICATES (COPY-SEQ '(1 2 3 2 1)) :START 1 :END 4)", "(1 3 2 1)");
    check(&mut rt, "(REMOVE-DUPLICATES \"aAbB\" :TEST #'CHAR-EQUAL)", "\"AB\"");
    check(&mut rt, "(REMOVE-DUPLICATES \"aAbB\" :TEST #'CHAR-EQUAL :FROM-END T)", "\"ab\"");
    check(&mut rt, "(REMOVE-DUPLICATES '(\"a\" \"b\" \"a\") :TEST #'EQUAL)", "(\"b\" \"a\")");
    check(&mut rt, "(REMOVE-DUPLICATES '(\"a\" \"a\"))", "(\"a\" \"a\")");
    check(&mut rt, "(REMOVE-DUPLICATES '(1 2 3) :TEST-NOT #'EQL)", "(3)");
    check(&mut rt, "(DELETE-DUPLICATES (COPY-SEQ '(1 2 1 2 3)))", "(1 2 3)");
    check(&mut rt, "(DELETE-DUPLICATES (VECTOR 1 2 1 2 3) :FROM-END T)", "#(1 2 3)");
    check_err(&mut rt, "(REMOVE-DUPLICATES 5)", "TYPE-ERROR");
    // Large inputs use the hash path for EQL.
    rt.with_cx(|cx| {
        let items: Vec<_> = (0..200_000).map(|i| crate::heap::Value::Fixnum(i % 1000)).collect();
        let v = crate::heap::array::make_vector(cx.mc, items);
        let r = val(cx, "(REMOVE-DUPLICATES V)", &[("V", v)]);
        assert_eq!(show(val(cx, "(ARRAY-TOTAL-SIZE R)", &[("R", r)])), "1000");
        assert_eq!(show(val(cx, "(ELT R 0)", &[("R", r)])), "0");
    });
}

#[test]
fn substitute_family() {
    let mut rt = Runtime::new();
    check(&mut rt, "(SUBSTITUTE 'X 'A '(A B A C A) :COUNT 2 :FROM-END T)", "(A B X C X)");
    check(&mut rt, "(SUBSTITUTE #\\x #\\a \"banana\" :START 2)", "\"banxnx\"");
    check(&mut rt, "(SUBSTITUTE #\\x 1 \"abc\")", "\"abc\"");
    check(&mut rt, "(SUBSTITUTE-IF 0 #'EVENP #(1 2 3 4))", "#(1 0 3 0)");
    check(&mut rt, "(SUBSTITUTE-IF-NOT 0 #'EVENP '(1 2 3 4))", "(0 2 0 4)");
    check_err(&mut rt, "(SUBSTITUTE 1 #\\a \"abc\")", "TYPE-ERROR");
    check(&mut rt, "(NSUBSTITUTE 'X 1 (COPY-SEQ '(1 2 1)) :COUNT 1 :FROM-END T)", "(1 2 X)");
    check(&mut rt, "(NSUBSTITUTE-IF 0 #'EVENP (VECTOR 1 2 3 4))", "#(1 0 3 0)");
    check(&mut rt, "(NSUBSTITUTE-IF-NOT #\\- #'NUMBERP (COPY-SEQ '(1 A 2)))", "(1 #\\- 2)");
    rt.with_cx(|cx| {
        let s = val(cx, "(COPY-SEQ \"aXa\")", &[]);
        let r = val(cx, "(NSUBSTITUTE #\\b #\\a S)", &[("S", s)]);
        assert!(r.eq(s));
        assert_eq!(show(s), "\"bXb\"");
        let l = val(cx, "(COPY-SEQ '(1 2 3))", &[]);
        let r = val(cx, "(SUBSTITUTE 9 2 L)", &[("L", l)]);
        assert_eq!(show(r), "(1 9 3)");
        assert_eq!(show(l), "(1 2 3)");
    });
}


#[test]
fn duplicates_of_bignums_and_floats_under_eql() {
    let mut rt = Runtime::new();
    rt.with_cx(|cx| {
        let n: num_bigint::BigInt = num_bigint::BigInt::from(1u64 << 63) * 3u32;
        let mc = cx.mc;
        let (a, b) = (crate::heap::Value::from_bigint(mc, n.clone()), crate::heap::Value::from_bigint(mc, n));
        assert!(!a.eq(b) && a.eql(b));
        let l = crate::heap::list(cx.mc, &[a, crate::heap::Value::Single(1.5), b, crate::heap::Value::Single(1.5), crate::heap::Value::Double(1.5)]);
        let r = val(cx, "(REMOVE-DUPLICATES L)", &[("L", l)]);
        assert_eq!(crate::heap::cons::ListIter(r).count(), 3);
        let eq = super::support::stand_in(cx, "EQL");
        let r = val(cx, "(REMOVE-DUPLICATES L :TEST F)", &[("L", l), ("F", eq)]);
        assert_eq!(crate::heap::cons::ListIter(r).count(), 3);
    });
}
