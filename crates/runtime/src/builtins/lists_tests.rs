//! Tests of the list primitives (`lists.rs`) and list searching (`lookup.rs`).

use crate::builtins::testutil::{call, err, func, ints, kw, l, ok, s, show, shown, sym};
use crate::heap::cons::{cons, Cons};
use crate::heap::Value;
use crate::runtime::Runtime;
use crate::vm::Cx;

fn circular<'gc>(cx: &Cx<'gc, '_>, items: &[i64]) -> Value<'gc> {
    let list = ints(cx, items);
    let mut last = list.as_cons().unwrap();
    while let Value::Cons(next) = last.cdr() {
        last = next;
    }
    Cons::set_cdr(last, cx.mc, list);
    list
}

#[test]
fn conses_and_accessors() {
    Runtime::new().with_cx(|cx| {
        let tree = l(cx, &[ints(cx, &[1, 2]), Value::Fixnum(3), Value::Fixnum(4), Value::Fixnum(5)]);
        assert_eq!(shown(cx, "CAAR", &[tree]), "1");
        assert_eq!(shown(cx, "CADR", &[tree]), "3");
        assert_eq!(shown(cx, "CDAR", &[tree]), "(2)");
        assert_eq!(shown(cx, "CADDDR", &[tree]), "5");
        assert_eq!(shown(cx, "CDDDDR", &[tree]), "NIL");
        assert_eq!(shown(cx, "CAR", &[Value::Nil]), "NIL");
        assert!(err(cx, "CAR", &[Value::Fixnum(3)]).starts_with("TYPE-ERROR :DATUM 3 :EXPECTED-TYPE LIST"));
        let dotted = cons(cx.mc, Value::Fixnum(1), Value::Fixnum(2));
        assert!(err(cx, "CADR", &[dotted]).contains(":DATUM 2"));
        let c = ok(cx, "CONS", &[Value::Fixnum(1), Value::Fixnum(2)]);
        assert_eq!(show(cx, c), "(1 . 2)");
        ok(cx, "RPLACA", &[c, Value::Fixnum(9)]);
        ok(cx, "RPLACD", &[c, Value::Nil]);
        assert_eq!(show(cx, c), "(9)");
        assert!(err(cx, "RPLACA", &[Value::Nil, Value::Fixnum(1)]).contains("EXPECTED-TYPE CONS"));
        assert!(ok(cx, "CONSP", &[c]).truthy());
        assert!(ok(cx, "ATOM", &[Value::Nil]).truthy());
        assert!(ok(cx, "LISTP", &[Value::Nil]).truthy());
        assert!(ok(cx, "LISTP", &[Value::Fixnum(1)]).is_nil());
        assert!(ok(cx, "ENDP", &[Value::Nil]).truthy());
        assert!(err(cx, "ENDP", &[Value::Fixnum(3)]).starts_with("TYPE-ERROR"));
    });
}

#[test]
fn building_lists() {
    Runtime::new().with_cx(|cx| {
        assert_eq!(shown(cx, "LIST", &[Value::Fixnum(1), Value::Fixnum(2)]), "(1 2)");
        assert_eq!(shown(cx, "LIST*", &[Value::Fixnum(1), Value::Fixnum(2)]), "(1 . 2)");
        assert_eq!(shown(cx, "LIST*", &[Value::Fixnum(1)]), "1");
        let (ie, x) = (kw(cx, "INITIAL-ELEMENT"), sym(cx, "X"));
        assert_eq!(shown(cx, "MAKE-LIST", &[Value::Fixnum(3), ie, x]), "(X X X)");
        assert_eq!(shown(cx, "MAKE-LIST", &[Value::Fixnum(0)]), "NIL");
        assert!(err(cx, "MAKE-LIST", &[Value::Fixnum(-1)]).contains("UNSIGNED-BYTE"));
        assert!(err(cx, "MAKE-LIST", &[Value::Fixnum(3), ie]).starts_with("PROGRAM-ERROR"));
        let foo = kw(cx, "FOO");
        assert!(err(cx, "MAKE-LIST", &[Value::Fixnum(3), foo, x]).starts_with("PROGRAM-ERROR"));
        let aok = kw(cx, "ALLOW-OTHER-KEYS");
        assert_eq!(shown(cx, "MAKE-LIST", &[Value::Fixnum(1), foo, x, aok, cx.t()]), "(NIL)");
        let big = Value::from_bigint(cx.mc, num_bigint::BigInt::from(1u128 << 80));
        assert!(err(cx, "MAKE-LIST", &[big]).starts_with("STORAGE-CONDITION"));
    });
}

#[test]
fn copying() {
    Runtime::new().with_cx(|cx| {
        let dotted = cons(cx.mc, Value::Fixnum(1), cons(cx.mc, Value::Fixnum(2), Value::Fixnum(3)));
        let copy = ok(cx, "COPY-LIST", &[dotted]);
        assert_eq!(show(cx, copy), "(1 2 . 3)");
        assert!(!copy.eq(dotted));
        let circ = circular(cx, &[1, 2]);
        assert!(err(cx, "COPY-LIST", &[circ]).starts_with("TYPE-ERROR"));
        let pair = cons(cx.mc, Value::Fixnum(2), Value::Fixnum(3));
        let alist = l(cx, &[Value::Nil, pair]);
        let copied = ok(cx, "COPY-ALIST", &[alist]);
        assert_eq!(show(cx, copied), "(NIL (2 . 3))");
        assert!(!crate::heap::cons::car(crate::heap::cons::cdr(copied)).eq(pair));
        let tree = l(cx, &[ints(cx, &[1, 2]), cons(cx.mc, ints(cx, &[3]), Value::Fixnum(4))]);
        let t2 = ok(cx, "COPY-TREE", &[tree]);
        assert_eq!(show(cx, t2), "((1 2) ((3) . 4))");
        assert!(crate::heap::equal::equal(tree, t2));
        assert!(!crate::heap::cons::car(t2).eq(crate::heap::cons::car(tree)));
        assert_eq!(shown(cx, "COPY-TREE", &[Value::Fixnum(7)]), "7");
        // Deep nesting through cars copies without recursion.
        let deep = (0..200_000).fold(Value::Nil, |acc, _| cons(cx.mc, acc, Value::Nil));
        let d2 = ok(cx, "COPY-TREE", &[deep]);
        assert!(crate::heap::equal::equal(deep, d2));
        assert!(err(cx, "COPY-TREE", &[circ]).starts_with("TYPE-ERROR"));
    });
}

#[test]
fn lengths() {
    Runtime::new().with_cx(|cx| {
        let list = ints(cx, &[1, 2, 3]);
        assert_eq!(shown(cx, "LENGTH", &[list]), "3");
        assert_eq!(shown(cx, "LENGTH", &[s(cx, "hello")]), "5");
        let filled = s(cx, "hello");
        if let Value::Array(a) = filled {
            a.borrow_mut(cx.mc).fill = Some(2);
        }
        assert_eq!(shown(cx, "LENGTH", &[filled]), "2");
        let dotted = cons(cx.mc, Value::Fixnum(1), Value::Fixnum(2));
        assert!(err(cx, "LENGTH", &[dotted]).contains(":DATUM 2 :EXPECTED-TYPE LIST"));
        let circ = circular(cx, &[1, 2, 3]);
        assert!(err(cx, "LENGTH", &[circ]).starts_with("TYPE-ERROR"));
        assert!(err(cx, "LENGTH", &[Value::Fixnum(1)]).contains("SEQUENCE"));
        assert_eq!(shown(cx, "LIST-LENGTH", &[list]), "3");
        assert_eq!(shown(cx, "LIST-LENGTH", &[circ]), "NIL");
        assert!(err(cx, "LIST-LENGTH", &[dotted]).contains(":DATUM 2"));
    });
}

#[test]
fn positions() {
    Runtime::new().with_cx(|cx| {
        let list = ints(cx, &[0, 1, 2, 3]);
        assert_eq!(shown(cx, "NTH", &[Value::Fixnum(2), list]), "2");
        assert_eq!(shown(cx, "NTH", &[Value::Fixnum(9), list]), "NIL");
        assert!(err(cx, "NTH", &[Value::Fixnum(-1), list]).contains("UNSIGNED-BYTE"));
        let big = Value::from_bigint(cx.mc, num_bigint::BigInt::from(1u128 << 80));
        assert_eq!(shown(cx, "NTH", &[big, list]), "NIL");
        assert_eq!(shown(cx, "NTHCDR", &[Value::Fixnum(2), list]), "(2 3)");
        let dotted = cons(cx.mc, Value::Fixnum(1), cons(cx.mc, Value::Fixnum(2), Value::Fixnum(3)));
        assert_eq!(shown(cx, "NTHCDR", &[Value::Fixnum(1), dotted]), "(2 . 3)");
        assert!(err(cx, "NTHCDR", &[Value::Fixnum(3), dotted]).contains(":DATUM 3"));
        let circ = circular(cx, &[0, 1, 2]);
        assert_eq!(shown(cx, "NTH", &[Value::Fixnum(1_000_000_000_000), circ]), "1");
        let big = Value::from_bigint(cx.mc, num_bigint::BigInt::from(1u128 << 80)); // ≡ 1 (mod 3)
        assert_eq!(shown(cx, "NTH", &[big, circ]), "1");
        assert_eq!(shown(cx, "LAST", &[list]), "(3)");
        assert_eq!(shown(cx, "LAST", &[list, Value::Fixnum(2)]), "(2 3)");
        assert_eq!(shown(cx, "LAST", &[list, Value::Fixnum(0)]), "NIL");
        assert_eq!(shown(cx, "LAST", &[list, Value::Fixnum(10)]), "(0 1 2 3)");
        assert_eq!(shown(cx, "LAST", &[dotted]), "(2 . 3)");
        assert_eq!(shown(cx, "LAST", &[dotted, Value::Fixnum(0)]), "3");
        assert!(err(cx, "LAST", &[circ]).starts_with("TYPE-ERROR"));
        assert_eq!(shown(cx, "BUTLAST", &[list]), "(0 1 2)");
        assert_eq!(shown(cx, "BUTLAST", &[list, Value::Fixnum(3)]), "(0)");
        assert_eq!(shown(cx, "BUTLAST", &[dotted]), "(1)");
        assert!(err(cx, "BUTLAST", &[list, Value::Fixnum(-1)]).contains("UNSIGNED-BYTE"));
        let fresh = ints(cx, &[1, 2, 3]);
        assert_eq!(shown(cx, "NBUTLAST", &[fresh, Value::Fixnum(1)]), "(1 2)");
        assert_eq!(show(cx, fresh), "(1 2)");
        assert_eq!(shown(cx, "NBUTLAST", &[fresh, Value::Fixnum(5)]), "NIL");
    });
}

#[test]
fn tails() {
    Runtime::new().with_cx(|cx| {
        let list = ints(cx, &[1, 2, 3]);
        let tail = crate::heap::cons::cdr(list);
        assert_eq!(shown(cx, "LDIFF", &[list, tail]), "(1)");
        assert_eq!(shown(cx, "LDIFF", &[list, Value::Fixnum(9)]), "(1 2 3)");
        let dotted = cons(cx.mc, Value::Fixnum(1), cons(cx.mc, Value::Fixnum(2), Value::Fixnum(3)));
        assert_eq!(shown(cx, "LDIFF", &[dotted, Value::Fixnum(3)]), "(1 2)");
        assert_eq!(shown(cx, "LDIFF", &[dotted, Value::Fixnum(4)]), "(1 2 . 3)");
        assert!(ok(cx, "TAILP", &[tail, list]).truthy());
        assert!(ok(cx, "TAILP", &[Value::Nil, list]).truthy());
        assert!(ok(cx, "TAILP", &[Value::Fixnum(3), dotted]).truthy());
        assert!(ok(cx, "TAILP", &[Value::Nil, dotted]).is_nil());
        assert!(ok(cx, "TAILP", &[ints(cx, &[3]), list]).is_nil());
        let circ = circular(cx, &[1, 2]);
        assert!(ok(cx, "TAILP", &[Value::Nil, circ]).is_nil());
        assert!(err(cx, "LDIFF", &[Value::Fixnum(3), Value::Fixnum(3)]).starts_with("TYPE-ERROR"));
    });
}

#[test]
fn joining_and_reversing() {
    Runtime::new().with_cx(|cx| {
        let (a, b) = (ints(cx, &[1, 2]), ints(cx, &[3]));
        assert_eq!(shown(cx, "APPEND", &[a, b, Value::Fixnum(4)]), "(1 2 3 . 4)");
        assert_eq!(shown(cx, "APPEND", &[]), "NIL");
        assert_eq!(shown(cx, "APPEND", &[Value::Fixnum(5)]), "5");
        let dotted = cons(cx.mc, Value::Fixnum(1), Value::Fixnum(2));
        assert!(err(cx, "APPEND", &[dotted, b]).contains(":DATUM 2"));
        let (x, y) = (ints(cx, &[1]), ints(cx, &[2]));
        assert_eq!(shown(cx, "NCONC", &[Value::Nil, x, Value::Nil, y, Value::Fixnum(3)]), "(1 2 . 3)");
        assert_eq!(show(cx, x), "(1 2 . 3)");
        let z = ints(cx, &[7]);
        assert!(err(cx, "NCONC", &[z, Value::Fixnum(2), ints(cx, &[3])]).contains(":DATUM 2"));
        assert_eq!(show(cx, z), "(7)");
        assert_eq!(shown(cx, "NCONC", &[]), "NIL");
        assert_eq!(shown(cx, "REVAPPEND", &[ints(cx, &[1, 2]), ints(cx, &[3])]), "(2 1 3)");
        assert_eq!(shown(cx, "NRECONC", &[ints(cx, &[1, 2]), Value::Fixnum(3)]), "(2 1 . 3)");
        assert_eq!(shown(cx, "REVERSE", &[ints(cx, &[1, 2, 3])]), "(3 2 1)");
        assert!(err(cx, "REVERSE", &[dotted]).contains(":DATUM 2"));
        let r = ints(cx, &[1, 2, 3]);
        assert_eq!(shown(cx, "NREVERSE", &[r]), "(3 2 1)");
        assert_eq!(shown(cx, "REVERSE", &[s(cx, "abc")]), "\"cba\"");
        let filled = s(cx, "abcdef");
        if let Value::Array(a) = filled {
            a.borrow_mut(cx.mc).fill = Some(3);
        }
        assert_eq!(ok(cx, "REVERSE", &[filled]).as_string().unwrap(), "cba");
        ok(cx, "NREVERSE", &[filled]);
        assert_eq!(filled.as_string().unwrap(), "cba");
        assert!(err(cx, "REVERSE", &[Value::Fixnum(1)]).contains("SEQUENCE"));
        let v = crate::heap::array::make_vector(cx.mc, vec![Value::Fixnum(1), Value::Fixnum(2)]);
        let rv = ok(cx, "REVERSE", &[v]);
        assert!(crate::heap::equal::equalp(
            rv,
            crate::heap::array::make_vector(cx.mc, vec![Value::Fixnum(2), Value::Fixnum(1)])
        ));
    });
}

#[test]
fn member_and_friends() {
    Runtime::new().with_cx(|cx| {
        let list = l(cx, &[s(cx, "a"), s(cx, "b"), s(cx, "c")]);
        let b = s(cx, "b");
        assert_eq!(shown(cx, "MEMBER", &[b, list]), "NIL");
        let test = kw(cx, "TEST");
        let equal = func(cx, "EQUAL");
        assert_eq!(shown(cx, "MEMBER", &[b, list, test, equal]), "(\"b\" \"c\")");
        let equal_sym = cx.g.intern_in(cx.mc, "CL", "EQUAL");
        assert_eq!(shown(cx, "MEMBER", &[b, list, test, equal_sym]), "(\"b\" \"c\")");
        let test_not = kw(cx, "TEST-NOT");
        assert_eq!(shown(cx, "MEMBER", &[s(cx, "a"), list, test_not, equal]), "(\"b\" \"c\")");
        assert!(err(cx, "MEMBER", &[b, list, test, equal, test_not, equal]).starts_with("SIMPLE-ERROR"));
        let nums = ints(cx, &[1, 2, 3, 4]);
        let key = kw(cx, "KEY");
        let char_code = func(cx, "CHAR-CODE");
        let chars = l(cx, &[Value::Char('a'), Value::Char('b')]);
        assert_eq!(shown(cx, "MEMBER", &[Value::Fixnum(98), chars, key, char_code]), "(#\\b)");
        let consp = func(cx, "CONSP");
        assert_eq!(shown(cx, "MEMBER-IF-NOT", &[consp, nums]), "(1 2 3 4)");
        let mixed = l(cx, &[Value::Fixnum(1), ints(cx, &[2]), Value::Fixnum(3)]);
        assert_eq!(shown(cx, "MEMBER-IF", &[consp, mixed]), "((2) 3)");
        let dotted = cons(cx.mc, Value::Fixnum(2), Value::Fixnum(3));
        assert!(err(cx, "MEMBER", &[Value::Fixnum(1), dotted]).contains(":DATUM 3"));
        // A test that fails propagates its error.
        let car = func(cx, "CAR");
        assert!(err(cx, "MEMBER", &[Value::Fixnum(1), nums, test, car]).starts_with("PROGRAM-ERROR"));
        let circ = circular(cx, &[1, 2]);
        assert_eq!(shown(cx, "MEMBER", &[Value::Fixnum(5), circ]), "NIL");
    });
}

#[test]
fn association_lists() {
    Runtime::new().with_cx(|cx| {
        let (a, b) = (sym(cx, "A"), sym(cx, "B"));
        let p1 = cons(cx.mc, a, Value::Fixnum(1));
        let p2 = cons(cx.mc, b, Value::Fixnum(2));
        let alist = l(cx, &[Value::Nil, p1, p2]);
        assert_eq!(shown(cx, "ASSOC", &[b, alist]), "(B . 2)");
        assert_eq!(shown(cx, "RASSOC", &[Value::Fixnum(1), alist]), "(A . 1)");
        let bad = l(cx, &[Value::Fixnum(3), p1]);
        assert!(err(cx, "ASSOC", &[a, bad]).contains(":DATUM 3"));
        let symbolp = func(cx, "CONSP");
        assert_eq!(shown(cx, "ASSOC-IF-NOT", &[symbolp, alist]), "(A . 1)");
        let evenp = func(cx, "CHARACTERP");
        assert_eq!(shown(cx, "RASSOC-IF", &[evenp, alist]), "NIL");
        assert_eq!(shown(cx, "RASSOC-IF-NOT", &[evenp, alist]), "(A . 1)");
        let key = kw(cx, "KEY");
        let digit_char = func(cx, "DIGIT-CHAR");
        let test = kw(cx, "TEST");
        let char_equal = func(cx, "EQL");
        assert_eq!(shown(cx, "RASSOC", &[Value::Char('2'), alist, key, digit_char, test, char_equal]), "(B . 2)");
        assert_eq!(shown(cx, "ACONS", &[a, Value::Fixnum(1), Value::Nil]), "((A . 1))");
        assert_eq!(shown(cx, "PAIRLIS", &[l(cx, &[a, b]), ints(cx, &[1, 2])]), "((B . 2) (A . 1))");
        assert!(err(cx, "PAIRLIS", &[l(cx, &[a, b]), ints(cx, &[1])]).starts_with("SIMPLE-ERROR"));
        assert_eq!(
            shown(cx, "ASSOC-IF", &[func(cx, "NULL"), l(cx, &[p1, cons(cx.mc, Value::Nil, Value::Fixnum(0))])]),
            "(NIL . 0)"
        );
    });
}

#[test]
fn property_lists() {
    Runtime::new().with_cx(|cx| {
        let (a, b, c) = (sym(cx, "A"), sym(cx, "B"), sym(cx, "C"));
        let plist = l(cx, &[a, Value::Fixnum(1), b, Value::Fixnum(2)]);
        assert_eq!(shown(cx, "GETF", &[plist, b]), "2");
        assert_eq!(shown(cx, "GETF", &[plist, c, Value::Fixnum(9)]), "9");
        let odd = l(cx, &[a, Value::Fixnum(1), b]);
        assert!(err(cx, "GETF", &[odd, c]).starts_with("SIMPLE-TYPE-ERROR"));
        let dotted = cons(cx.mc, a, cons(cx.mc, Value::Fixnum(1), b));
        assert!(err(cx, "GETF", &[dotted, c]).contains(":DATUM B"));
        let vals = call(cx, "CL", "GET-PROPERTIES", &[plist, l(cx, &[c, b])]).ok().unwrap();
        assert_eq!(vals.len(), 3);
        assert_eq!(show(cx, vals[2]), "(B 2)");
        let vals = call(cx, "CL", "GET-PROPERTIES", &[plist, l(cx, &[c])]).ok().unwrap();
        assert!(vals.iter().all(|v| v.is_nil()));
        let p2 = call(cx, "SYS", "%PUTF", &[plist, b, Value::Fixnum(20)]).ok().unwrap()[0];
        assert!(p2.eq(plist));
        assert_eq!(show(cx, plist), "(A 1 B 20)");
        let p3 = call(cx, "SYS", "%PUTF", &[plist, c, Value::Fixnum(3)]).ok().unwrap()[0];
        assert_eq!(show(cx, p3), "(C 3 A 1 B 20)");
        let r = call(cx, "SYS", "%REMF", &[p3, a]).ok().unwrap();
        assert_eq!(show(cx, r[0]), "(C 3 B 20)");
        assert!(r[1].truthy());
        let r = call(cx, "SYS", "%REMF", &[r[0], c]).ok().unwrap();
        assert_eq!(show(cx, r[0]), "(B 20)");
        let r = call(cx, "SYS", "%REMF", &[r[0], c]).ok().unwrap();
        assert!(r[1].is_nil());
    });
}

#[test]
fn tree_equality() {
    Runtime::new().with_cx(|cx| {
        let t1 = l(cx, &[Value::Fixnum(1), l(cx, &[Value::Fixnum(2), s(cx, "a")])]);
        let t2 = l(cx, &[Value::Fixnum(1), l(cx, &[Value::Fixnum(2), s(cx, "a")])]);
        assert!(ok(cx, "TREE-EQUAL", &[t1, t2]).is_nil());
        let test = kw(cx, "TEST");
        let equal = func(cx, "EQUAL");
        assert!(ok(cx, "TREE-EQUAL", &[t1, t2, test, equal]).truthy());
        let test_not = kw(cx, "TEST-NOT");
        assert!(ok(cx, "TREE-EQUAL", &[t1, t2, test_not, equal]).is_nil());
        let wide: Vec<Value<'_>> = (0..300_000).map(|i| ints(cx, &[i])).collect();
        let (w1, w2) = (l(cx, &wide), l(cx, &wide));
        assert!(ok(cx, "TREE-EQUAL", &[w1, w2]).truthy());
        let circ = circular(cx, &[1]);
        let circ2 = circular(cx, &[1]);
        assert!(ok(cx, "TREE-EQUAL", &[circ, circ2]).is_nil());
        let k = cons(cx.mc, Value::Nil, Value::Nil);
        Cons::set_car(k.as_cons().unwrap(), cx.mc, k);
        let k2 = cons(cx.mc, Value::Nil, Value::Nil);
        Cons::set_car(k2.as_cons().unwrap(), cx.mc, k2);
        assert!(ok(cx, "TREE-EQUAL", &[k, k2]).is_nil());
    });
}

#[test]
fn equality_predicates() {
    Runtime::new().with_cx(|cx| {
        let (a, b) = (s(cx, "Ab"), s(cx, "aB"));
        assert!(ok(cx, "EQ", &[a, a]).truthy());
        assert!(ok(cx, "EQ", &[a, b]).is_nil());
        let big1 = Value::from_bigint(cx.mc, num_bigint::BigInt::from(1u128 << 70));
        let big2 = Value::from_bigint(cx.mc, num_bigint::BigInt::from(1u128 << 70));
        assert!(ok(cx, "EQL", &[big1, big2]).truthy());
        assert!(ok(cx, "EQUAL", &[a, b]).is_nil());
        assert!(ok(cx, "EQUALP", &[a, b]).truthy());
        assert!(ok(cx, "NOT", &[Value::Nil]).truthy());
        assert!(ok(cx, "NULL", &[Value::Fixnum(0)]).is_nil());
    });
}
