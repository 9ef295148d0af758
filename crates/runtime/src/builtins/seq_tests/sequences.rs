//! ELT, SUBSEQ, COPY-SEQ, FILL, REPLACE, CONCATENATE, MAKE-SEQUENCE, MAP,
//! MAP-INTO and COERCE.

use super::support::{check, check_err, show, val};
use crate::runtime::Runtime;

#[test]
fn elt_and_subseq() {
    let mut rt = Runtime::new();
    check(&mut rt, "(ELT '(a b c) 1)", "B");
    check(&mut rt, "(ELT \"abc\" 2)", "#\\c");
    check(&mut rt, "(ELT #*101 1)", "0");
    check_err(&mut rt, "(ELT '(1 2) 5)", "TYPE-ERROR");
    check_err(&mut rt, "(ELT #(1 2) 2)", "TYPE-ERROR");
    check_err(&mut rt, "(ELT \"abc\" -1)", "TYPE-ERROR");
    check_err(&mut rt, "(ELT (MAKE-ARRAY 5 :FILL-POINTER 2) 3)", "TYPE-ERROR");
    check_err(&mut rt, "(ELT 'a 0)", "TYPE-ERROR");
    check_err(&mut rt, "(ELT (MAKE-ARRAY '(2 2)) 0)", "TYPE-ERROR");
    check(&mut rt, "(SUBSEQ \"hello\" 1 3)", "\"el\"");
    check(&mut rt, "(SUBSEQ '(1 2 3 4) 2)", "(3 4)");
    check(&mut rt, "(SUBSEQ #(1 2 3) 1 NIL)", "#(2 3)");
    check(&mut rt, "(SUBSEQ #*1011 1)", "#*011");
    check(&mut rt, "(SUBSEQ (MAKE-ARRAY 5 :FILL-POINTER 2 :INITIAL-ELEMENT 1) 0)", "#(1 1)");
    check_err(&mut rt, "(SUBSEQ (MAKE-ARRAY 5 :FILL-POINTER 2) 0 3)", "TYPE-ERROR");
    check_err(&mut rt, "(SUBSEQ \"abc\" 2 5)", "TYPE-ERROR");
    check_err(&mut rt, "(SUBSEQ \"abc\" 2 1)", "TYPE-ERROR");
    check_err(&mut rt, "(SUBSEQ '(1 2 3) 4)", "TYPE-ERROR");
    check_err(&mut rt, "(SUBSEQ '(1 2 . 3) 0)", "TYPE-ERROR");
    check_err(&mut rt, "(SUBSEQ '(1 2 3) 'a)", "TYPE-ERROR");
    rt.with_cx(|cx| {
        let l = val(cx, "(COPY-SEQ '(1 2 3))", &[]);
        assert_eq!(show(val(cx, "(%SET-ELT L 1 X)", &[("L", l), ("X", crate::heap::Value::Fixnum(9))])), "9");
        assert_eq!(show(l), "(1 9 3)");
        let s = val(cx, "(COPY-SEQ \"abcde\")", &[]);
        assert_eq!(show(val(cx, "(%SET-SUBSEQ S 1 3 \"XYZ\")", &[("S", s)])), "\"XYZ\"");
        assert_eq!(show(s), "\"aXYde\"");
        assert!(super::support::ev(cx, "(%SET-ELT S 0 1)", &[("S", s)]).is_err());
    });
}

#[test]
fn copy_fill_replace() {
    let mut rt = Runtime::new();
    check(&mut rt, "(COPY-SEQ '(1 2))", "(1 2)");
    check(&mut rt, "(COPY-SEQ (MAKE-ARRAY 3 :FILL-POINTER 2 :INITIAL-CONTENTS \"abc\" :ELEMENT-TYPE 'CHARACTER))", "\"ab\"");
    check(&mut rt, "(SIMPLE-VECTOR-P (COPY-SEQ (MAKE-ARRAY 2 :ADJUSTABLE T)))", "T");
    check_err(&mut rt, "(COPY-SEQ 5)", "TYPE-ERROR");
    check(&mut rt, "(FILL (COPY-SEQ '(1 2 3)) 0 :START 1)", "(1 0 0)");
    check(&mut rt, "(FILL (COPY-SEQ \"abcd\") #\\z :START 1 :END 3)", "\"azzd\"");
    check_err(&mut rt, "(FILL (COPY-SEQ \"abc\") 1)", "TYPE-ERROR");
    check_err(&mut rt, "(FILL (COPY-SEQ '(1 2)) 0 :END 3)", "TYPE-ERROR");
    check_err(&mut rt, "(FILL (COPY-SEQ '(1 2)) 0 :START)", "PROGRAM-ERROR");
    check(&mut rt, "(REPLACE (COPY-SEQ \"abcdef\") \"xyz\" :START1 1 :END1 2)", "\"axcdef\"");
    check(&mut rt, "(REPLACE (COPY-SEQ '(1 2 3 4 5)) #(a b c) :START1 3)", "(1 2 3 A B)");
    check(&mut rt, "(REPLACE (COPY-SEQ #(1 2 3 4 5)) '(a b c) :START2 1)", "#(B C 3 4 5)");
    check_err(&mut rt, "(REPLACE (COPY-SEQ \"abc\") '(1))", "TYPE-ERROR");
    rt.with_cx(|cx| {
        // Overlapping source and target behave as if the source were copied first.
        let v = val(cx, "(VECTOR 1 2 3 4 5)", &[]);
        val(cx, "(REPLACE V V :START1 1)", &[("V", v)]);
        assert_eq!(show(v), "#(1 1 2 3 4)");
        let l = val(cx, "(COPY-SEQ '(1 2 3 4 5))", &[]);
        val(cx, "(REPLACE L L :START2 1)", &[("L", l)]);
        assert_eq!(show(l), "(2 3 4 5 5)");
    });
}

#[test]
fn concatenate_and_make_sequence() {
    let mut rt = Runtime::new();
    check(&mut rt, "(CONCATENATE 'STRING \"ab\" '(#\\c) #(#\\d))", "\"abcd\"");
    check(&mut rt, "(CONCATENATE 'LIST \"ab\" #*01)", "(#\\a #\\b 0 1)");
    check(&mut rt, "(CONCATENATE 'BIT-VECTOR '(1 0) #(1))", "#*101");
    check(&mut rt, "(CONCATENATE 'SIMPLE-VECTOR '(1))", "#(1)");
    check(&mut rt, "(CONCATENATE '(VECTOR T) '(1) '(2))", "#(1 2)");
    check(&mut rt, "(CONCATENATE '(VECTOR * 2) '(1 2))", "#(1 2)");
    check(&mut rt, "(CONCATENATE '(SIMPLE-ARRAY CHARACTER (*)) \"a\" \"b\")", "\"ab\"");
    check(&mut rt, "(CONCATENATE '(STRING 2) \"a\" \"b\")", "\"ab\"");
    check(&mut rt, "(CONCATENATE 'LIST)", "NIL");
    check_err(&mut rt, "(CONCATENATE '(STRING 3) \"a\" \"b\")", "TYPE-ERROR");
    check_err(&mut rt, "(CONCATENATE 'STRING '(1))", "TYPE-ERROR");
    check_err(&mut rt, "(CONCATENATE 'LIST '(1 . 2))", "TYPE-ERROR");
    check_err(&mut rt, "(CONCATENATE 'INTEGER '(1))", "SIMPLE-TYPE-ERROR");
    check_err(&mut rt, "(CONCATENATE '(VECTOR (UNSIGNED-BYTE 8)) '(1 300))", "TYPE-ERROR");
    check(&mut rt, "(MAKE-SEQUENCE 'LIST 2 :INITIAL-ELEMENT 'A)", "(A A)");
    check(&mut rt, "(MAKE-SEQUENCE 'STRING 2 :INITIAL-ELEMENT #\\x)", "\"xx\"");
    check(&mut rt, "(MAKE-SEQUENCE 'VECTOR 2)", "#(0 0)");
    check(&mut rt, "(MAKE-SEQUENCE '(ARRAY T (2)) 2)", "#(0 0)");
    check(&mut rt, "(MAKE-SEQUENCE 'BIT-VECTOR 3 :INITIAL-ELEMENT 1)", "#*111");
    check(&mut rt, "(MAKE-SEQUENCE 'NULL 0)", "NIL");
    check_err(&mut rt, "(MAKE-SEQUENCE 'CONS 0)", "TYPE-ERROR");
    check_err(&mut rt, "(MAKE-SEQUENCE 'NULL 1)", "TYPE-ERROR");
    check_err(&mut rt, "(MAKE-SEQUENCE '(VECTOR T 3) 2)", "TYPE-ERROR");
    check_err(&mut rt, "(MAKE-SEQUENCE 'STRING 2 :INITIAL-ELEMENT 1)", "TYPE-ERROR");
    check_err(&mut rt, "(MAKE-SEQUENCE '(ARRAY T 2) 2)", "SIMPLE-TYPE-ERROR");
    check_err(&mut rt, "(MAKE-SEQUENCE 'LIST -1)", "TYPE-ERROR");
    check_err(&mut rt, "(MAKE-SEQUENCE 'LIST 4611686018427387000)", "STORAGE-CONDITION");
}

#[test]
fn map_and_map_into() {
    let mut rt = Runtime::new();
    check(&mut rt, "(MAP 'LIST #'CONS '(1 2 3) #(a b))", "((1 . A) (2 . B))");
    check(&mut rt, "(MAP NIL #'1+ '(1))", "NIL");
    check(&mut rt, "(MAP 'VECTOR #'1+ '(1 2))", "#(2 3)");
    check(&mut rt, "(MAP 'LIST #'+ #*101 '(1 1 1 1))", "(2 1 2)");
    check(&mut rt, "(MAP 'STRING #'CAR '((#\\a) (#\\b)))", "\"ab\"");
    check_err(&mut rt, "(MAP 'STRING #'1+ '(1))", "TYPE-ERROR");
    check_err(&mut rt, "(MAP '(VECTOR T 3) #'1+ '(1 2))", "TYPE-ERROR");
    check_err(&mut rt, "(MAP 'LIST #'FAIL '(1))", "SIMPLE-ERROR");
    check_err(&mut rt, "(MAP 'LIST 5 '(1))", "TYPE-ERROR");
    check(&mut rt, "(MAP-INTO (COPY-SEQ '(1 2 3)) #'+ '(1 2) '(1 1 1))", "(2 3 3)");
    check(&mut rt, "(MAP-INTO (MAKE-ARRAY 3 :FILL-POINTER 1) #'1+ '(1 2 3))", "#(2 3 4)");
    check(&mut rt, "(MAP-INTO (MAKE-ARRAY 3 :FILL-POINTER 3) #'1+ '(1))", "#(2)");
    check(&mut rt, "(MAP-INTO NIL #'1+ '(1))", "NIL");
    check(&mut rt, "(MAP-INTO (COPY-SEQ '(1 2)) #'LIST)", "(NIL NIL)");
}

#[test]
fn coerce() {
    let mut rt = Runtime::new();
    check(&mut rt, "(COERCE '(1 2) 'VECTOR)", "#(1 2)");
    check(&mut rt, "(COERCE #(1 2) 'LIST)", "(1 2)");
    check(&mut rt, "(COERCE '(#\\a #\\b) 'STRING)", "\"ab\"");
    check(&mut rt, "(COERCE \"ab\" 'LIST)", "(#\\a #\\b)");
    check(&mut rt, "(COERCE \"ab\" '(VECTOR T))", "#(#\\a #\\b)");
    check(&mut rt, "(COERCE '(1 0) 'BIT-VECTOR)", "#*10");
    check(&mut rt, "(COERCE (MAKE-ARRAY 3 :FILL-POINTER 2 :INITIAL-CONTENTS '(1 2 3)) 'LIST)", "(1 2)");
    check(&mut rt, "(SIMPLE-VECTOR-P (COERCE (MAKE-ARRAY 2 :ADJUSTABLE T) 'SIMPLE-VECTOR))", "T");
    check(&mut rt, "(COERCE \"ab\" 'SEQUENCE)", "\"ab\"");
    check(&mut rt, "(COERCE 5 'T)", "5");
    check(&mut rt, "(COERCE 5 'INTEGER)", "5");
    check(&mut rt, "(COERCE 5 'NUMBER)", "5");
    check(&mut rt, "(COERCE 'A 'CHARACTER)", "#\\A");
    check(&mut rt, "(COERCE \"a\" 'CHARACTER)", "#\\a");
    check(&mut rt, "(COERCE #\\a 'CHARACTER)", "#\\a");
    check(&mut rt, "(COERCE 1 'SINGLE-FLOAT)", "1.0");
    check(&mut rt, "(COERCE 1 'DOUBLE-FLOAT)", "1.0d0");
    check(&mut rt, "(COERCE 1.5 'FLOAT)", "1.5");
    check(&mut rt, "(COERCE 1 'COMPLEX)", "1");
    check_err(&mut rt, "(COERCE \"ab\" 'CHARACTER)", "TYPE-ERROR");
    check_err(&mut rt, "(COERCE 1 'LIST)", "TYPE-ERROR");
    check_err(&mut rt, "(COERCE #\\a 'STRING)", "TYPE-ERROR");
    check_err(&mut rt, "(COERCE '(1) 'INTEGER)", "TYPE-ERROR");
    check_err(&mut rt, "(COERCE \"abc\" '(STRING 2))", "TYPE-ERROR");
    check_err(&mut rt, "(COERCE NIL 'CONS)", "TYPE-ERROR");
    check_err(&mut rt, "(COERCE '(1) 'STRING)", "TYPE-ERROR");
    check_err(&mut rt, "(COERCE '(1) 'FLOAT)", "TYPE-ERROR");
    check_err(&mut rt, "(COERCE 1.5 'INTEGER)", "TYPE-ERROR");
    rt.with_cx(|cx| {
        // Already of the type: the object itself.
        let l = val(cx, "(COPY-SEQ '(1 2))", &[]);
        assert!(val(cx, "(COERCE L 'LIST)", &[("L", l)]).eq(l));
        let f = super::support::stand_in(cx, "1+");
        assert!(val(cx, "(COERCE F 'FUNCTION)", &[("F", f)]).eq(f));
    });
}
