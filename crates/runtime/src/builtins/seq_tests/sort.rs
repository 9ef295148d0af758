//! SORT, STABLE-SORT and MERGE: results, stability, error propagation and
//! large inputs (their speed is measured in bench/, not here).

use super::support::{check, check_err, err_kind, ev, show, val};
use crate::heap::array::make_vector;
use crate::heap::{list, Value};
use crate::runtime::Runtime;

/// A deterministic pseudo-random sequence.
fn lcg(n: usize, seed: u64) -> Vec<i64> {
    let mut x = seed;
    (0..n)
        .map(|_| {
            x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (x >> 33) as i64
        })
        .collect()
}

#[test]
fn sorts() {
    let mut rt = Runtime::new();
    check(&mut rt, "(SORT (COPY-SEQ '(3 1 2)) #'<)", "(1 2 3)");
    check(&mut rt, "(SORT (VECTOR 3 1 2) #'>)", "#(3 2 1)");
    check(&mut rt, "(SORT (VECTOR 1 2 3) #'< :KEY #'-)", "#(3 2 1)");
    check(&mut rt, "(SORT (COPY-SEQ '()) #'<)", "NIL");
    check(&mut rt, "(SORT (COPY-SEQ #*1010) #'<)", "#*0011");
    check(&mut rt, "(STABLE-SORT (COPY-SEQ '((1 a) (0 b) (1 c) (0 d))) #'LESS :KEY #'CAR)", "((0 B) (0 D) (1 A) (1 C))");
    check(&mut rt, "(STABLE-SORT (VECTOR 3 1 2) #'LESS)", "#(1 2 3)");
    check(&mut rt, "(SORT (MAKE-ARRAY 4 :FILL-POINTER 3 :INITIAL-CONTENTS '(3 2 1 0)) #'<)", "#(1 2 3)");
    check_err(&mut rt, "(SORT (COPY-SEQ '(2 1)) #'FAIL)", "SIMPLE-ERROR");
    check_err(&mut rt, "(SORT (COPY-SEQ '(2 A 1)) #'LESS)", "TYPE-ERROR");
    check_err(&mut rt, "(SORT 5 #'<)", "TYPE-ERROR");
    check_err(&mut rt, "(SORT (COPY-SEQ '(2 1)) 5)", "TYPE-ERROR");
    check_err(&mut rt, "(SORT (COPY-SEQ '(2 1 . 3)) #'<)", "TYPE-ERROR");
    rt.with_cx(|cx| {
        // Sorting a list leaves the variable's conses holding the sorted elements.
        let l = val(cx, "(COPY-SEQ '(5 3 4))", &[]);
        let r = val(cx, "(SORT L #'<)", &[("L", l)]);
        assert_eq!(show(r), "(3 4 5)");
        // A displaced vector sorts its window of the target.
        let a = val(cx, "(VECTOR 9 3 2 1 0)", &[]);
        let d = val(cx, "(MAKE-ARRAY 3 :DISPLACED-TO A :DISPLACED-INDEX-OFFSET 1)", &[("A", a)]);
        val(cx, "(SORT D #'<)", &[("D", d)]);
        assert_eq!(show(a), "#(9 1 2 3 0)");
    });
}

#[test]
fn stable_sort_is_stable() {
    let mut rt = Runtime::new();
    rt.with_cx(|cx| {
        // 20,000 (key . position) pairs with many equal keys, sorted by key
        // with a predicate that is called through the generic path.
        let keys = lcg(20_000, 7);
        let items: Vec<Value> = keys
            .iter()
            .enumerate()
            .map(|(i, k)| list(cx.mc, &[Value::Fixnum(k % 50), Value::Fixnum(i as i64)]))
            .collect();
        let v = make_vector(cx.mc, items);
        val(cx, "(STABLE-SORT V #'LESS :KEY #'CAR)", &[("V", v)]);
        let Value::Array(a) = v else { unreachable!() };
        let out = a.borrow().active_elements().unwrap();
        for w in out.windows(2) {
            let (k0, i0) = (crate::heap::cons::car(w[0]), crate::heap::cons::car(crate::heap::cons::cdr(w[0])));
            let (k1, i1) = (crate::heap::cons::car(w[1]), crate::heap::cons::car(crate::heap::cons::cdr(w[1])));
            let (k0, k1, i0, i1) = (k0.as_fixnum().unwrap(), k1.as_fixnum().unwrap(), i0.as_fixnum().unwrap(), i1.as_fixnum().unwrap());
            assert!(k0 < k1 || (k0 == k1 && i0 < i1), "unstable at keys {k0} {k1}, positions {i0} {i1}");
        }
    });
}

#[test]
fn sort_a_million_fixnums() {
    let mut rt = Runtime::new();
    rt.with_cx(|cx| {
        let nums = lcg(1_000_000, 42);
        let mut expected = nums.clone();
        expected.sort();
        for pred in ["#'<", "#'LESS"] {
            let v = make_vector(cx.mc, nums.iter().map(|&n| Value::Fixnum(n)).collect());
            let r = ev(cx, &format!("(SORT V {pred})"), &[("V", v)]);
            assert_eq!(err_kind(&r), "ok");
            let Value::Array(a) = v else { unreachable!() };
            let got: Vec<i64> = a.borrow().active_elements().unwrap().iter().map(|x| x.as_fixnum().unwrap()).collect();
            assert!(got == expected, "sorted with {pred}");
        }
        // The same as a list.
        let l = list(cx.mc, &nums.iter().map(|&n| Value::Fixnum(n)).collect::<Vec<_>>());
        let r = val(cx, "(SORT L #'<)", &[("L", l)]);
        let got: Vec<i64> = crate::heap::cons::ListIter(r).map(|x| x.as_fixnum().unwrap()).collect();
        assert!(got == expected);
    });
}

#[test]
fn merge() {
    let mut rt = Runtime::new();
    check(&mut rt, "(MERGE 'LIST (COPY-SEQ '(1 3)) (COPY-SEQ '(2 4)) #'<)", "(1 2 3 4)");
    check(&mut rt, "(MERGE 'VECTOR (VECTOR 1 3) (COPY-SEQ '(2)) #'<)", "#(1 2 3)");
    check(&mut rt, "(MERGE 'LIST '((1 a) (2 a)) '((1 b) (2 b)) #'< :KEY #'CAR)", "((1 A) (1 B) (2 A) (2 B))");
    check(&mut rt, "(MERGE 'STRING \"ac\" \"b\" #'CHAR<)", "\"abc\"");
    check_err(&mut rt, "(MERGE 'LIST '(1) '(2) #'FAIL)", "SIMPLE-ERROR");
    check_err(&mut rt, "(MERGE 'INTEGER '(1) '(2) #'<)", "SIMPLE-TYPE-ERROR");
    check_err(&mut rt, "(MERGE '(VECTOR T 3) '(1) '(2) #'<)", "TYPE-ERROR");
}

