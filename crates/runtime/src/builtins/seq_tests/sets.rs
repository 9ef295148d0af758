//! The list set functions and tree substitution.

use super::support::{check, check_err, show, val};
use crate::heap::{list, Value};
use crate::runtime::Runtime;

#[test]
fn set_functions() {
    let mut rt = Runtime::new();
    check(&mut rt, "(ADJOIN 1 '(2))", "(1 2)");
    check(&mut rt, "(ADJOIN 1 '(1 2))", "(1 2)");
    check(&mut rt, "(ADJOIN 1 '(1 2) :KEY #'1+)", "(1 2)");
    check(&mut rt, "(ADJOIN '(1) '((1)) :TEST #'EQUAL)", "((1))");
    check(&mut rt, "(ADJOIN '(1) '((1)))", "((1) (1))");
    check(&mut rt, "(UNION '(1 2) '(2 3))", "(1 2 3)");
    check(&mut rt, "(UNION '(1 2) '(2 3) :TEST-NOT #'EQL)", "(2 3)");
    check(&mut rt, "(UNION '((a 1)) '((a 2)) :KEY #'CAR)", "((A 2))");
    check(&mut rt, "(NUNION (COPY-SEQ '(1 2)) (COPY-SEQ '(2 3)))", "(1 2 3)");
    check(&mut rt, "(INTERSECTION '(1 2 3) '(2 3 4))", "(3 2)");
    check(&mut rt, "(INTERSECTION '(1 2 2) '(2))", "(2 2)");
    check(&mut rt, "(NINTERSECTION (COPY-SEQ '(1 2 3)) (COPY-SEQ '(3 1)))", "(1 3)");
    check(&mut rt, "(SET-DIFFERENCE '(1 2 3) '(2))", "(3 1)");
    check(&mut rt, "(SET-DIFFERENCE '(\"a\" \"b\") '(\"a\") :TEST #'EQUAL)", "(\"b\")");
    check(&mut rt, "(NSET-DIFFERENCE (COPY-SEQ '(1 2 3)) '(2))", "(1 3)");
    check(&mut rt, "(SET-EXCLUSIVE-OR '(1 2) '(2 3))", "(3 1)");
    check(&mut rt, "(SET-EXCLUSIVE-OR '(1 2 3) '(3 4))", "(4 2 1)");
    check(&mut rt, "(NSET-EXCLUSIVE-OR (COPY-SEQ '(1 2 3)) (COPY-SEQ '(3 4)))", "(1 2 4)");
    check(&mut rt, "(SUBSETP '(1 2) '(2 1 3))", "T");
    check(&mut rt, "(SUBSETP '(1 4) '(2 1 3))", "NIL");
    check(&mut rt, "(SUBSETP '() '(1))", "T");
    check(&mut rt, "(SUBSETP '(2 3) '(1 2) :TEST #'<)", "NIL");
    check(&mut rt, "(SUBSETP '(0 1) '(1 2) :TEST #'<)", "T");
    check_err(&mut rt, "(UNION '(1 . 2) '(3))", "TYPE-ERROR");
    check_err(&mut rt, "(SUBSETP 1 '(3))", "TYPE-ERROR");
    check_err(&mut rt, "(UNION '(1) '(3) :TEST #'FAIL)", "SIMPLE-ERROR");
    check_err(&mut rt, "(ADJOIN 1 '(3) :TEST #'EQL :TEST-NOT #'EQL)", "SIMPLE-ERROR");
    check_err(&mut rt, "(INTERSECTION '(1) '(3) :START 1)", "PROGRAM-ERROR");
    // Large sets with the default test run in linear time.
    rt.with_cx(|cx| {
        let a = list(cx.mc, &(0..100_000).map(Value::Fixnum).collect::<Vec<_>>());
        let b = list(cx.mc, &(50_000..150_000).map(Value::Fixnum).collect::<Vec<_>>());
        let u = val(cx, "(UNION A B)", &[("A", a), ("B", b)]);
        assert_eq!(crate::heap::cons::ListIter(u).count(), 150_000);
        let i = val(cx, "(INTERSECTION A B)", &[("A", a), ("B", b)]);
        assert_eq!(crate::heap::cons::ListIter(i).count(), 50_000);
        // NUNION reuses the first list's conses.
        let x = val(cx, "(COPY-SEQ '(1 2))", &[]);
        let y = val(cx, "(COPY-SEQ '(3))", &[]);
        let r = val(cx, "(NUNION X Y)", &[("X", x), ("Y", y)]);
        assert!(r.eq(x));
        assert_eq!(show(x), "(1 2 3)");
    });
}

#[test]
fn subst_and_sublis() {
    let mut rt = Runtime::new();
    check(&mut rt, "(SUBST 'X 'B '(A B (B C) . B))", "(A X (X C) . X)");
    check(&mut rt, "(SUBST 'X '(B C) '(A B C) :TEST #'EQUAL)", "(A . X)");
    check(&mut rt, "(SUBST 1 2 '(2 2 . 2))", "(1 1 . 1)");
    check(&mut rt, "(SUBST 'X NIL '(A B))", "(A B . X)");
    check(&mut rt, "(SUBST 'X 2 '((1) (2)) :KEY #'CAR)", "((1) X)");
    check(&mut rt, "(SUBST-IF 0 #'NUMBERP '(1 (2 A)))", "(0 (0 A))");
    check(&mut rt, "(SUBST-IF-NOT 'Z #'NUMBERP '(1 2))", "Z");
    check(&mut rt, "(NSUBST 'A 'B (COPY-SEQ '(B (B) C)))", "(A (A) C)");
    check(&mut rt, "(NSUBST-IF 0 #'NUMBERP (COPY-SEQ '(1 A 2)))", "(0 A 0)");
    check(&mut rt, "(NSUBST-IF-NOT 0 #'NUMBERP (COPY-SEQ '(1 A 2)))", "0");
    check(&mut rt, "(SUBLIS '((A . 1) (B . 2)) '(A (B) . A))", "(1 (2) . 1)");
    check(&mut rt, "(SUBLIS '((1 . ONE)) '(1 (1) . 1) :TEST #'EQL)", "(ONE (ONE) . ONE)");
    check(&mut rt, "(SUBLIS '(NIL (A . 1)) '(A B))", "(1 B)");
    check(&mut rt, "(NSUBLIS '((A . 1)) (COPY-SEQ '(A B)))", "(1 B)");
    check_err(&mut rt, "(SUBLIS '(5) '(A))", "TYPE-ERROR");
    check_err(&mut rt, "(SUBST-IF 0 #'FAIL '(1))", "SIMPLE-ERROR");
    check_err(&mut rt, "(SUBST 1 2 '(3) :KEY)", "PROGRAM-ERROR");
    rt.with_cx(|cx| {
        // Unchanged parts are shared; the original is untouched.
        let t = val(cx, "(COPY-SEQ '((1 2) (3 4)))", &[]);
        let r = val(cx, "(SUBST 9 3 T2)", &[("T2", t)]);
        assert_eq!(show(r), "((1 2) (9 4))");
        assert!(crate::heap::cons::car(r).eq(crate::heap::cons::car(t)));
        assert_eq!(show(t), "((1 2) (3 4))");
        assert!(val(cx, "(SUBST 9 7 T2)", &[("T2", t)]).eq(t));
        // NSUBST modifies in place.
        let r = val(cx, "(NSUBST 9 3 T2)", &[("T2", t)]);
        assert!(r.eq(t));
        assert_eq!(show(t), "((1 2) (9 4))");
        // Long lists and deep nesting need no Rust recursion.
        let long = list(cx.mc, &(0..500_000).map(|i| Value::Fixnum(i % 3)).collect::<Vec<_>>());
        let r = val(cx, "(SUBST 7 2 L)", &[("L", long)]);
        assert_eq!(crate::heap::cons::ListIter(r).filter(|v| v.eq(Value::Fixnum(7))).count(), 166_666);
        let mut deep = Value::Fixnum(2);
        for _ in 0..200_000 {
            deep = list(cx.mc, &[deep]);
        }
        let r = val(cx, "(SUBST 7 2 D)", &[("D", deep)]);
        let mut x = r;
        while let Value::Cons(c) = x {
            x = c.car();
        }
        assert!(x.eq(Value::Fixnum(7)));
    });
}
