//! COUNT, FIND, POSITION (and -IF forms), SEARCH, MISMATCH, REDUCE and
//! the quantifiers.

use super::support::{check, check_err};
use crate::runtime::Runtime;

#[test]
fn find_position_count() {
    let mut rt = Runtime::new();
    check(&mut rt, "(FIND 3 '(1 2 3 4))", "3");
    check(&mut rt, "(FIND 3 '(1 2 3 4) :END 2)", "NIL");
    check(&mut rt, "(FIND 5 '(1 2 3 4))", "NIL");
    check(&mut rt, "(FIND #\\b \"abc\")", "#\\b");
    check(&mut rt, "(FIND 1 '(1) :TEST NIL)", "1");
    check(&mut rt, "(FIND 2 '((1 a) (2 b)) :KEY #'CAR)", "(2 B)");
    check(&mut rt, "(FIND 2 '(1 2 3) :TEST #'<)", "3");
    check(&mut rt, "(FIND 2 '(1 2 3) :TEST-NOT #'EQL)", "1");
    check(&mut rt, "(FIND-IF #'EVENP '(1 2 3 4) :FROM-END T)", "4");
    check(&mut rt, "(FIND-IF-NOT #'EVENP #(2 4 5 6))", "5");
    check(&mut rt, "(FIND-IF #'EVENP '(1 2 3 4) :START 2 :END 3)", "NIL");
    check(&mut rt, "(POSITION 1 '(1 2 1) :FROM-END T)", "2");
    check(&mut rt, "(POSITION #\\a \"bab\" :START 2)", "NIL");
    check(&mut rt, "(POSITION #\\a \"bab\" :START 1)", "1");
    check(&mut rt, "(POSITION-IF #'EVENP '(1 3 4 6) :START 1)", "2");
    check(&mut rt, "(POSITION-IF-NOT #'EVENP #(2 4 5))", "2");
    check(&mut rt, "(POSITION 1 (MAKE-ARRAY 5 :FILL-POINTER 2 :INITIAL-ELEMENT 1) :FROM-END T)", "1");
    check(&mut rt, "(POSITION #\\A \"xxa\" :TEST #'CHAR-EQUAL)", "2");
    check(&mut rt, "(COUNT 1 #(1 2 1) :START 1)", "1");
    check(&mut rt, "(COUNT 1 '(1 2 1) :FROM-END T :START 1 :END 3)", "1");
    check(&mut rt, "(COUNT-IF #'EVENP '(1 2 4) :KEY #'1+)", "1");
    check(&mut rt, "(COUNT-IF-NOT #'EVENP #*0101)", "2");
    check_err(&mut rt, "(FIND 1 '(1) :TEST #'EQL :TEST-NOT #'EQL)", "SIMPLE-ERROR");
    check_err(&mut rt, "(FIND 1 '(1) :FOO 2)", "PROGRAM-ERROR");
    check(&mut rt, "(FIND 1 '(1) :FOO 2 :ALLOW-OTHER-KEYS T)", "1");
    check_err(&mut rt, "(FIND 1 '(1) :KEY)", "PROGRAM-ERROR");
    check_err(&mut rt, "(FIND-IF #'EVENP '(1) :TEST #'EQL)", "PROGRAM-ERROR");
    check_err(&mut rt, "(FIND 1 '(1) :COUNT 1)", "PROGRAM-ERROR");
    check_err(&mut rt, "(FIND 5 '(1 . 2))", "TYPE-ERROR");
    check_err(&mut rt, "(FIND 5 '(1 2) :START 3)", "TYPE-ERROR");
    check_err(&mut rt, "(FIND 5 '(1 2) :END 3)", "TYPE-ERROR");
    check_err(&mut rt, "(FIND 5 \"ab\" :START 1 :END 0)", "TYPE-ERROR");
    check_err(&mut rt, "(FIND 5 5)", "TYPE-ERROR");
    check_err(&mut rt, "(FIND-IF #'FAIL '(1))", "SIMPLE-ERROR");
    check_err(&mut rt, "(POSITION 1 '(1) :KEY 5)", "TYPE-ERROR");
    check_err(&mut rt, "(POSITION 1 '(1) :KEY 'NO-SUCH-FUNCTION)", "UNDEFINED-FUNCTION");
}

#[test]
fn circular_lists_are_rejected() {
    let mut rt = Runtime::new();
    rt.with_cx(|cx| {
        let l = super::support::val(cx, "(COPY-SEQ '(1 2 3))", &[]);
        let last = crate::heap::cons::cdr(crate::heap::cons::cdr(l)).as_cons().unwrap();
        crate::heap::Cons::set_cdr(last, cx.mc, l);
        assert_eq!(super::support::err_kind(&super::support::ev(cx, "(FIND 9 L)", &[("L", l)])), "SIMPLE-ERROR");
        assert_eq!(super::support::err_kind(&super::support::ev(cx, "(COUNT 9 L)", &[("L", l)])), "SIMPLE-ERROR");
        assert_eq!(super::support::err_kind(&super::support::ev(cx, "(SORT L #'<)", &[("L", l)])), "SIMPLE-ERROR");
        assert_eq!(super::support::err_kind(&super::support::ev(cx, "(SUBST 1 2 L)", &[("L", l)])), "SIMPLE-ERROR");
        assert_eq!(super::support::err_kind(&super::support::ev(cx, "(UNION L '(1))", &[("L", l)])), "SIMPLE-ERROR");
    });
}

#[test]
fn search_and_mismatch() {
    let mut rt = Runtime::new();
    check(&mut rt, "(SEARCH \"bc\" \"abcbc\")", "1");
    check(&mut rt, "(SEARCH \"bc\" \"abcbc\" :FROM-END T)", "3");
    check(&mut rt, "(SEARCH '(1 2) #(0 1 2))", "1");
    check(&mut rt, "(SEARCH \"\" \"abc\")", "0");
    check(&mut rt, "(SEARCH \"\" \"abc\" :FROM-END T)", "3");
    check(&mut rt, "(SEARCH \"AB\" \"xxab\" :TEST #'CHAR-EQUAL)", "2");
    check(&mut rt, "(SEARCH '(A) '(B A B A) :FROM-END T :END2 3)", "1");
    check(&mut rt, "(SEARCH \"xbc\" \"abcbc\" :START1 1 :START2 2)", "3");
    check(&mut rt, "(SEARCH \"abcd\" \"abc\")", "NIL");
    check(&mut rt, "(SEARCH '(2 3) '(1 2 3) :KEY #'1+)", "1");
    check(&mut rt, "(MISMATCH \"abc\" \"abd\")", "2");
    check(&mut rt, "(MISMATCH \"abc\" \"xbc\" :FROM-END T)", "1");
    check(&mut rt, "(MISMATCH \"abc\" \"abd\" :FROM-END T)", "3");
    check(&mut rt, "(MISMATCH '(1 2) '(1 2))", "NIL");
    check(&mut rt, "(MISMATCH \"ab\" \"abc\")", "2");
    check(&mut rt, "(MISMATCH \"ab\" \"\")", "0");
    check(&mut rt, "(MISMATCH \"\" \"\")", "NIL");
    check(&mut rt, "(MISMATCH \"abcd\" \"xbcd\" :START1 1 :START2 1)", "NIL");
    check(&mut rt, "(MISMATCH \"abc\" \"bc\" :FROM-END T)", "1");
    check_err(&mut rt, "(MISMATCH \"abc\" 5)", "TYPE-ERROR");
    check_err(&mut rt, "(SEARCH \"a\" \"abc\" :END2 4)", "TYPE-ERROR");
}

#[test]
fn reduce() {
    let mut rt = Runtime::new();
    check(&mut rt, "(REDUCE #'+ '())", "0");
    check(&mut rt, "(REDUCE #'+ '(5))", "5");
    check(&mut rt, "(REDUCE #'LIST '(1 2 3))", "((1 2) 3)");
    check(&mut rt, "(REDUCE #'LIST '(1 2 3) :FROM-END T)", "(1 (2 3))");
    check(&mut rt, "(REDUCE #'LIST '(1 2 3) :FROM-END T :INITIAL-VALUE 0)", "(1 (2 (3 0)))");
    check(&mut rt, "(REDUCE #'+ '() :INITIAL-VALUE 5)", "5");
    check(&mut rt, "(REDUCE #'+ #(1 2 3) :KEY #'1+ :START 1)", "7");
    check(&mut rt, "(REDUCE #'CONS '(1 2 3) :FROM-END T :INITIAL-VALUE NIL :START 1)", "(2 3)");
    check(&mut rt, "(REDUCE #'LIST '(1) :KEY #'1+)", "2");
    check_err(&mut rt, "(REDUCE #'LIST '(1 2) :END 3)", "TYPE-ERROR");
    check_err(&mut rt, "(REDUCE #'FAIL '(1 2))", "SIMPLE-ERROR");
}

#[test]
fn quantifiers() {
    let mut rt = Runtime::new();
    check(&mut rt, "(EVERY #'< '(1 2) '(2 3 0))", "T");
    check(&mut rt, "(EVERY #'EVENP '())", "T");
    check(&mut rt, "(EVERY #'EVENP #(2 3))", "NIL");
    check(&mut rt, "(SOME #'EVENP #(1 3 4))", "T");
    check(&mut rt, "(SOME #'1+ '(1 2))", "2");
    check(&mut rt, "(SOME #'EVENP '())", "NIL");
    check(&mut rt, "(NOTANY #'EVENP '(1 3))", "T");
    check(&mut rt, "(NOTANY #'EVENP '(1 2))", "NIL");
    check(&mut rt, "(NOTEVERY #'EVENP '(2 3))", "T");
    check(&mut rt, "(NOTEVERY #'EVENP '(2 4))", "NIL");
    check(&mut rt, "(SOME #'< '(3 2 1) #(1 2 3))", "T");
    // An early answer does not look at the rest (which would be an error).
    check(&mut rt, "(SOME #'EVENP '(2 A))", "T");
    check_err(&mut rt, "(EVERY #'EVENP '(2 A))", "TYPE-ERROR");
    check_err(&mut rt, "(EVERY #'EVENP 5)", "TYPE-ERROR");
}
