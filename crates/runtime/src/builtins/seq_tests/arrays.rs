//! MAKE-ARRAY, element access, queries, ADJUST-ARRAY, fill pointers,
//! displacement and bit arrays.

use super::support::{check, check_err, ev, show, val};
use crate::runtime::Runtime;

#[test]
fn make_array_and_access() {
    let mut rt = Runtime::new();
    check(&mut rt, "(MAKE-ARRAY 3)", "#(0 0 0)");
    check(&mut rt, "(MAKE-ARRAY '(2 3) :INITIAL-ELEMENT 7)", "#2A((7 7 7) (7 7 7))");
    check(&mut rt, "(MAKE-ARRAY '(2 2) :INITIAL-CONTENTS '((1 2) (3 4)))", "#2A((1 2) (3 4))");
    check(&mut rt, "(MAKE-ARRAY 3 :ELEMENT-TYPE 'CHARACTER :INITIAL-CONTENTS \"abc\")", "\"abc\"");
    check(&mut rt, "(MAKE-ARRAY 4 :ELEMENT-TYPE 'BIT :INITIAL-ELEMENT 1)", "#*1111");
    check(&mut rt, "(MAKE-ARRAY NIL :INITIAL-ELEMENT 5)", "#0A5");
    check(&mut rt, "(AREF (MAKE-ARRAY NIL :INITIAL-ELEMENT 5))", "5");
    check(&mut rt, "(AREF (MAKE-ARRAY '(2 2) :INITIAL-CONTENTS '((1 2) (3 4))) 1 0)", "3");
    check(&mut rt, "(ROW-MAJOR-AREF (MAKE-ARRAY '(2 2) :INITIAL-CONTENTS '((1 2) (3 4))) 3)", "4");
    check(&mut rt, "(SVREF #(1 2 3) 2)", "3");
    check(&mut rt, "(ARRAY-ELEMENT-TYPE (MAKE-ARRAY 1 :ELEMENT-TYPE '(UNSIGNED-BYTE 8)))", "(UNSIGNED-BYTE 8)");
    check(&mut rt, "(ARRAY-ELEMENT-TYPE (MAKE-ARRAY 1 :ELEMENT-TYPE '(MOD 256)))", "(UNSIGNED-BYTE 8)");
    check(&mut rt, "(ARRAY-ELEMENT-TYPE (MAKE-ARRAY 1 :ELEMENT-TYPE 'STANDARD-CHAR))", "CHARACTER");
    check(&mut rt, "(ARRAY-ELEMENT-TYPE (MAKE-ARRAY 1 :ELEMENT-TYPE '(INTEGER 0 1)))", "BIT");
    check(&mut rt, "(ARRAY-ELEMENT-TYPE (MAKE-ARRAY 1 :ELEMENT-TYPE 'FIXNUM))", "T");
    check(&mut rt, "(UPGRADED-ARRAY-ELEMENT-TYPE '(UNSIGNED-BYTE 3))", "(UNSIGNED-BYTE 8)");
    check(&mut rt, "(UPGRADED-ARRAY-ELEMENT-TYPE 'BASE-CHAR)", "CHARACTER");
    check(&mut rt, "(VECTOR 1 #\\a \"s\")", "#(1 #\\a \"s\")");
}

#[test]
fn make_array_errors() {
    let mut rt = Runtime::new();
    check_err(&mut rt, "(MAKE-ARRAY -1)", "TYPE-ERROR");
    check_err(&mut rt, "(MAKE-ARRAY 'A)", "TYPE-ERROR");
    check_err(&mut rt, "(MAKE-ARRAY 3 :ELEMENT-TYPE 'CHARACTER :INITIAL-ELEMENT 1)", "TYPE-ERROR");
    check_err(&mut rt, "(MAKE-ARRAY '(2 3) :INITIAL-CONTENTS '((1 2 3) (4 5)))", "SIMPLE-ERROR");
    check_err(&mut rt, "(MAKE-ARRAY 2 :INITIAL-CONTENTS '(1 2 3))", "SIMPLE-ERROR");
    check_err(&mut rt, "(MAKE-ARRAY 2 :INITIAL-CONTENTS 5)", "TYPE-ERROR");
    check_err(&mut rt, "(MAKE-ARRAY 2 :INITIAL-ELEMENT 1 :INITIAL-CONTENTS '(1 2))", "SIMPLE-ERROR");
    check_err(&mut rt, "(MAKE-ARRAY 3 :FILL-POINTER 4)", "SIMPLE-ERROR");
    check_err(&mut rt, "(MAKE-ARRAY '(2 2) :FILL-POINTER 1)", "SIMPLE-ERROR");
    check_err(&mut rt, "(MAKE-ARRAY 3 :FOO 1)", "PROGRAM-ERROR");
    check_err(&mut rt, "(MAKE-ARRAY 3 :ELEMENT-TYPE)", "PROGRAM-ERROR");
    check_err(&mut rt, "(MAKE-ARRAY 2 :DISPLACED-INDEX-OFFSET 1)", "SIMPLE-ERROR");
    // Absurd sizes are refused with a condition, not an abort.
    check_err(&mut rt, "(MAKE-ARRAY 4611686018427387000)", "STORAGE-CONDITION");
    check_err(&mut rt, "(MAKE-ARRAY '(4000000000 4000000000))", "STORAGE-CONDITION");
    check(&mut rt, "(MAKE-ARRAY 3 :FOO 1 :ALLOW-OTHER-KEYS T)", "#(0 0 0)");
}

#[test]
fn access_errors() {
    let mut rt = Runtime::new();
    check_err(&mut rt, "(AREF (MAKE-ARRAY 3) 3)", "TYPE-ERROR");
    check_err(&mut rt, "(AREF (MAKE-ARRAY 3) -1)", "TYPE-ERROR");
    check_err(&mut rt, "(AREF (MAKE-ARRAY '(2 2)) 1)", "SIMPLE-ERROR");
    check_err(&mut rt, "(AREF #(1) 0 0)", "SIMPLE-ERROR");
    check_err(&mut rt, "(AREF 5)", "TYPE-ERROR");
    check_err(&mut rt, "(AREF (MAKE-ARRAY '(2 0 3)) 0 0 0)", "TYPE-ERROR");
    check_err(&mut rt, "(SVREF #(1 2) 2)", "TYPE-ERROR");
    check_err(&mut rt, "(SVREF (MAKE-ARRAY 2 :FILL-POINTER 1) 0)", "TYPE-ERROR");
    check_err(&mut rt, "(SVREF \"ab\" 0)", "TYPE-ERROR");
    check_err(&mut rt, "(%ASET (MAKE-ARRAY 2 :ELEMENT-TYPE 'BIT) 2 0)", "TYPE-ERROR");
    check_err(&mut rt, "(%ASET \"abc\" 1 0)", "TYPE-ERROR");
    check_err(&mut rt, "(ROW-MAJOR-AREF (MAKE-ARRAY '(2 2)) 4)", "TYPE-ERROR");
    check_err(&mut rt, "(ARRAY-DIMENSION #(1 2) 1)", "TYPE-ERROR");
    check_err(&mut rt, "(ARRAY-TOTAL-SIZE 3)", "TYPE-ERROR");
    check_err(&mut rt, "(ARRAY-IN-BOUNDS-P #(1 2) 1.0)", "TYPE-ERROR");
}

#[test]
fn setters() {
    let mut rt = Runtime::new();
    rt.with_cx(|cx| {
        let a = val(cx, "(MAKE-ARRAY '(2 3))", &[]);
        val(cx, "(%ASET A 9 1 2)", &[("A", a)]);
        val(cx, "(%SET-ROW-MAJOR-AREF A 0 8)", &[("A", a)]);
        assert_eq!(show(a), "#2A((8 0 0) (0 0 9))");
        let v = val(cx, "(VECTOR 1 2)", &[]);
        assert_eq!(show(val(cx, "(%SET-SVREF V 1 5)", &[("V", v)])), "5");
        assert_eq!(show(v), "#(1 5)");
        let s = val(cx, "(MAKE-ARRAY 2 :ELEMENT-TYPE 'CHARACTER :INITIAL-ELEMENT #\\a)", &[]);
        val(cx, "(%ASET S #\\z 0)", &[("S", s)]);
        assert_eq!(show(s), "\"za\"");
    });
}

#[test]
fn queries_and_predicates() {
    let mut rt = Runtime::new();
    check(&mut rt, "(ARRAY-DIMENSIONS (MAKE-ARRAY '(2 3 4)))", "(2 3 4)");
    check(&mut rt, "(ARRAY-DIMENSION (MAKE-ARRAY '(2 3)) 1)", "3");
    check(&mut rt, "(ARRAY-RANK (MAKE-ARRAY '(2 3)))", "2");
    check(&mut rt, "(ARRAY-RANK (MAKE-ARRAY NIL))", "0");
    check(&mut rt, "(ARRAY-TOTAL-SIZE (MAKE-ARRAY '(3 4)))", "12");
    check(&mut rt, "(ARRAY-TOTAL-SIZE (MAKE-ARRAY 5 :FILL-POINTER 2))", "5");
    check(&mut rt, "(ARRAY-IN-BOUNDS-P (MAKE-ARRAY '(2 3)) 1 2)", "T");
    check(&mut rt, "(ARRAY-IN-BOUNDS-P (MAKE-ARRAY '(2 3)) 1 3)", "NIL");
    check(&mut rt, "(ARRAY-IN-BOUNDS-P (MAKE-ARRAY '(2 3)) -1 0)", "NIL");
    check_err(&mut rt, "(ARRAY-IN-BOUNDS-P (MAKE-ARRAY '(2 3)) 1)", "SIMPLE-ERROR");
    check(&mut rt, "(ARRAY-ROW-MAJOR-INDEX (MAKE-ARRAY '(2 3)) 1 2)", "5");
    check_err(&mut rt, "(ARRAY-ROW-MAJOR-INDEX (MAKE-ARRAY '(2 3)) 1 3)", "TYPE-ERROR");
    check(&mut rt, "(ARRAY-HAS-FILL-POINTER-P (MAKE-ARRAY 3 :FILL-POINTER T))", "T");
    check(&mut rt, "(ARRAY-HAS-FILL-POINTER-P #(1))", "NIL");
    check(&mut rt, "(ADJUSTABLE-ARRAY-P (MAKE-ARRAY 1 :ADJUSTABLE T))", "T");
    check(&mut rt, "(ADJUSTABLE-ARRAY-P #(1))", "NIL");
    check(&mut rt, "(ARRAY-DISPLACEMENT #(1))", "NIL");
    check(&mut rt, "(ARRAYP \"a\")", "T");
    check(&mut rt, "(ARRAYP '(1))", "NIL");
    check(&mut rt, "(VECTORP (MAKE-ARRAY '(1 1)))", "NIL");
    check(&mut rt, "(VECTORP \"\")", "T");
    check(&mut rt, "(SIMPLE-VECTOR-P #(1))", "T");
    check(&mut rt, "(SIMPLE-VECTOR-P (MAKE-ARRAY 1 :ADJUSTABLE T))", "NIL");
    check(&mut rt, "(SIMPLE-VECTOR-P \"a\")", "NIL");
    check(&mut rt, "(BIT-VECTOR-P #*01)", "T");
    check(&mut rt, "(BIT-VECTOR-P #(0 1))", "NIL");
    check(&mut rt, "(SIMPLE-BIT-VECTOR-P (MAKE-ARRAY 2 :ELEMENT-TYPE 'BIT :FILL-POINTER 1))", "NIL");
    check(&mut rt, "(SIMPLE-BIT-VECTOR-P #*0)", "T");
}

#[test]
fn constants() {
    let mut rt = Runtime::new();
    rt.with_cx(|cx| {
        crate::builtins::arrays::init(cx.mc, cx.g);
        let s = cx.g.intern_in(cx.mc, "CL", "ARRAY-RANK-LIMIT");
        let sym = cx.g.sym(s).unwrap();
        assert_eq!(show(sym.value()), "129");
        assert!(sym.has(crate::heap::symbol::flags::CONSTANT));
        let s = cx.g.intern_in(cx.mc, "CL", "ARRAY-TOTAL-SIZE-LIMIT");
        assert_eq!(show(cx.g.sym(s).unwrap().value()), "4611686018427387901");
    });
}

#[test]
fn fill_pointers() {
    let mut rt = Runtime::new();
    rt.with_cx(|cx| {
        let v = val(cx, "(MAKE-ARRAY 3 :FILL-POINTER 0)", &[]);
        let env = [("V", v)];
        assert_eq!(show(val(cx, "(VECTOR-PUSH 'A V)", &env)), "0");
        assert_eq!(show(val(cx, "(VECTOR-PUSH 'B V)", &env)), "1");
        assert_eq!(show(val(cx, "(VECTOR-PUSH 'C V)", &env)), "2");
        assert_eq!(show(val(cx, "(VECTOR-PUSH 'D V)", &env)), "NIL");
        assert_eq!(show(v), "#(A B C)");
        assert_eq!(show(val(cx, "(VECTOR-PUSH-EXTEND 'D V)", &env)), "3");
        assert_eq!(show(v), "#(A B C D)");
        assert_eq!(show(val(cx, "(FILL-POINTER V)", &env)), "4");
        assert!(show(val(cx, "(ARRAY-TOTAL-SIZE V)", &env)).parse::<i64>().unwrap() >= 4);
        assert_eq!(show(val(cx, "(VECTOR-POP V)", &env)), "D");
        assert_eq!(show(val(cx, "(%SET-FILL-POINTER V 1)", &env)), "1");
        assert_eq!(show(v), "#(A)");
        // AREF ignores the fill pointer.
        assert_eq!(show(val(cx, "(AREF V 2)", &env)), "C");
        assert_eq!(ev(cx, "(%SET-FILL-POINTER V 1000)", &env).err().map(|_| 1), Some(1));
        assert_eq!(ev(cx, "(%SET-FILL-POINTER V -1)", &env).err().map(|_| 1), Some(1));
        assert_eq!(ev(cx, "(VECTOR-PUSH-EXTEND 1 V 0)", &env).err().map(|_| 1), Some(1));
        let s = val(cx, "(MAKE-ARRAY 0 :ELEMENT-TYPE 'CHARACTER :FILL-POINTER 0 :ADJUSTABLE T)", &[]);
        for _ in 0..100 {
            val(cx, "(VECTOR-PUSH-EXTEND #\\x S)", &[("S", s)]);
        }
        assert_eq!(s.as_string().unwrap().len(), 100);
        assert!(ev(cx, "(VECTOR-PUSH-EXTEND 1 S)", &[("S", s)]).is_err());
    });
    check_err(&mut rt, "(VECTOR-POP (MAKE-ARRAY 0 :FILL-POINTER 0))", "SIMPLE-ERROR");
    check_err(&mut rt, "(FILL-POINTER #(1 2))", "TYPE-ERROR");
    check_err(&mut rt, "(VECTOR-PUSH 1 #(1 2))", "TYPE-ERROR");
    check_err(&mut rt, "(VECTOR-PUSH 1 '(1))", "TYPE-ERROR");
}

#[test]
fn displaced_arrays() {
    let mut rt = Runtime::new();
    rt.with_cx(|cx| {
        let a = val(cx, "(MAKE-ARRAY 4 :INITIAL-CONTENTS '(1 2 3 4) :ADJUSTABLE T)", &[]);
        let b = val(cx, "(MAKE-ARRAY 2 :DISPLACED-TO A :DISPLACED-INDEX-OFFSET 1)", &[("A", a)]);
        let env = [("A", a), ("B", b)];
        assert_eq!(show(b), "#(2 3)");
        val(cx, "(%ASET B 9 0)", &env);
        assert_eq!(show(a), "#(1 9 3 4)");
        val(cx, "(%ASET A 7 2)", &env);
        assert_eq!(show(b), "#(9 7)");
        assert_eq!(show(val(cx, "(ARRAY-DISPLACEMENT B)", &env)), "#(1 9 7 4)");
        // A 2-d view of a vector, and a chain of displacements.
        let m = val(cx, "(MAKE-ARRAY '(2 2) :DISPLACED-TO A)", &env);
        assert_eq!(show(m), "#2A((1 9) (7 4))");
        let c = val(cx, "(MAKE-ARRAY 1 :DISPLACED-TO B :DISPLACED-INDEX-OFFSET 1)", &env);
        assert_eq!(show(c), "#(7)");
        val(cx, "(%ASET C 5 0)", &[("C", c)]);
        assert_eq!(show(a), "#(1 9 5 4)");
        // Sequence functions read and write through displacement.
        assert_eq!(show(val(cx, "(SUBSEQ B 0)", &env)), "#(9 5)");
        val(cx, "(FILL B 0)", &env);
        assert_eq!(show(a), "#(1 0 0 4)");
        // Shrinking the target invalidates the displaced array without a panic.
        val(cx, "(ADJUST-ARRAY A 1)", &env);
        assert!(ev(cx, "(AREF B 0)", &env).is_err());
        assert!(ev(cx, "(%ASET B 1 0)", &env).is_err());
        // No cycles.
        let p = val(cx, "(MAKE-ARRAY 4 :ADJUSTABLE T)", &[]);
        let q = val(cx, "(MAKE-ARRAY 4 :DISPLACED-TO P)", &[("P", p)]);
        assert!(ev(cx, "(ADJUST-ARRAY P 4 :DISPLACED-TO Q)", &[("P", p), ("Q", q)]).is_err());
        // Displaced strings are strings.
        let s = val(cx, "(MAKE-ARRAY 3 :ELEMENT-TYPE 'CHARACTER :DISPLACED-TO \"hello\" :DISPLACED-INDEX-OFFSET 1)", &[]);
        assert_eq!(s.as_string().as_deref(), Some("ell"));
    });
    check_err(&mut rt, "(MAKE-ARRAY 2 :DISPLACED-TO (MAKE-ARRAY 4) :DISPLACED-INDEX-OFFSET 3)", "SIMPLE-ERROR");
    check_err(&mut rt, "(MAKE-ARRAY 2 :DISPLACED-TO (MAKE-ARRAY 4 :ELEMENT-TYPE 'BIT))", "SIMPLE-ERROR");
    check_err(&mut rt, "(MAKE-ARRAY 2 :DISPLACED-TO '(1 2))", "TYPE-ERROR");
}

#[test]
fn adjust_array() {
    let mut rt = Runtime::new();
    check(&mut rt, "(ADJUST-ARRAY #(1 2 3) 2)", "#(1 2)");
    check(&mut rt, "(ADJUST-ARRAY #(1 2 3) 5 :INITIAL-ELEMENT 0)", "#(1 2 3 0 0)");
    check(
        &mut rt,
        "(ADJUST-ARRAY (MAKE-ARRAY '(2 2) :INITIAL-CONTENTS '((1 2) (3 4))) '(3 3) :INITIAL-ELEMENT 0)",
        "#2A((1 2 0) (3 4 0) (0 0 0))",
    );
    check(&mut rt, "(ADJUST-ARRAY (MAKE-ARRAY '(2 3) :INITIAL-CONTENTS '((1 2 3) (4 5 6))) '(1 2))", "#2A((1 2))");
    check(&mut rt, "(ADJUST-ARRAY #(1 2 3) 3 :INITIAL-CONTENTS '(A B C))", "#(A B C)");
    check(&mut rt, "(ADJUST-ARRAY (MAKE-ARRAY 3 :FILL-POINTER 3 :ADJUSTABLE T) 2 :FILL-POINTER 1)", "#(0)");
    check_err(&mut rt, "(ADJUST-ARRAY (MAKE-ARRAY 3 :FILL-POINTER 3) 1)", "SIMPLE-ERROR");
    check_err(&mut rt, "(ADJUST-ARRAY (MAKE-ARRAY '(2 2)) '(2 2 2))", "SIMPLE-ERROR");
    check_err(&mut rt, "(ADJUST-ARRAY #(1) 2 :FILL-POINTER 1)", "SIMPLE-ERROR");
    check_err(&mut rt, "(ADJUST-ARRAY #(1) 2 :ELEMENT-TYPE 'CHARACTER)", "SIMPLE-ERROR");
    check_err(&mut rt, "(ADJUST-ARRAY \"ab\" 3 :INITIAL-ELEMENT 1)", "TYPE-ERROR");
    rt.with_cx(|cx| {
        let a = val(cx, "(MAKE-ARRAY 3 :ADJUSTABLE T :INITIAL-CONTENTS '(1 2 3))", &[]);
        let r = val(cx, "(ADJUST-ARRAY A 5 :INITIAL-ELEMENT 0)", &[("A", a)]);
        assert!(r.eq(a), "adjustable arrays are adjusted in place");
        assert_eq!(show(a), "#(1 2 3 0 0)");
        let t = val(cx, "(MAKE-ARRAY 5 :INITIAL-ELEMENT 7)", &[]);
        val(cx, "(ADJUST-ARRAY A 2 :DISPLACED-TO T2 :DISPLACED-INDEX-OFFSET 1)", &[("A", a), ("T2", t)]);
        assert_eq!(show(val(cx, "(ARRAY-DISPLACEMENT A)", &[("A", a)])), "#(7 7 7 7 7)");
        val(cx, "(%ASET T2 1 1)", &[("T2", t)]);
        assert_eq!(show(a), "#(1 7)");
        // Undisplacing copies the current contents.
        val(cx, "(ADJUST-ARRAY A 3 :INITIAL-ELEMENT 0)", &[("A", a)]);
        assert_eq!(show(a), "#(1 7 0)");
        let s = val(cx, "(MAKE-ARRAY 3 :INITIAL-CONTENTS '(1 2 3))", &[]);
        let r = val(cx, "(ADJUST-ARRAY S 2)", &[("S", s)]);
        assert!(!r.eq(s));
        assert_eq!(show(s), "#(1 2 3)");
    });
}

#[test]
fn bit_arrays() {
    let mut rt = Runtime::new();
    check(&mut rt, "(BIT #*101 2)", "1");
    check(&mut rt, "(SBIT #*101 1)", "0");
    check(&mut rt, "(BIT (MAKE-ARRAY '(2 2) :ELEMENT-TYPE 'BIT :INITIAL-CONTENTS '((1 0) (0 1))) 1 1)", "1");
    check_err(&mut rt, "(BIT #(1 0) 0)", "TYPE-ERROR");
    check_err(&mut rt, "(SBIT (MAKE-ARRAY 2 :ELEMENT-TYPE 'BIT :ADJUSTABLE T) 0)", "TYPE-ERROR");
    check(&mut rt, "(BIT-AND #*1100 #*1010)", "#*1000");
    check(&mut rt, "(BIT-IOR #*1100 #*1010)", "#*1110");
    check(&mut rt, "(BIT-XOR #*1100 #*1010)", "#*0110");
    check(&mut rt, "(BIT-EQV #*1100 #*1010)", "#*1001");
    check(&mut rt, "(BIT-NAND #*1100 #*1010)", "#*0111");
    check(&mut rt, "(BIT-NOR #*1100 #*1010)", "#*0001");
    check(&mut rt, "(BIT-ANDC1 #*1100 #*1010)", "#*0010");
    check(&mut rt, "(BIT-ANDC2 #*1100 #*1010)", "#*0100");
    check(&mut rt, "(BIT-ORC1 #*1100 #*1010)", "#*1011");
    check(&mut rt, "(BIT-ORC2 #*1100 #*1010)", "#*1101");
    check(&mut rt, "(BIT-NOT #*10)", "#*01");
    check(&mut rt, "(BIT-XOR #*01 #*11 NIL)", "#*10");
    check_err(&mut rt, "(BIT-AND #*1100 #*101)", "SIMPLE-ERROR");
    check_err(&mut rt, "(BIT-AND #(1 0) #*10)", "TYPE-ERROR");
    rt.with_cx(|cx| {
        let a = val(cx, "(MAKE-ARRAY 2 :ELEMENT-TYPE 'BIT :INITIAL-ELEMENT 1)", &[]);
        let r = val(cx, "(BIT-NOT A T)", &[("A", a)]);
        assert!(r.eq(a));
        assert_eq!(show(a), "#*00");
        let out = val(cx, "(MAKE-ARRAY 2 :ELEMENT-TYPE 'BIT)", &[]);
        let r = val(cx, "(BIT-IOR #*01 #*10 O)", &[("O", out)]);
        assert!(r.eq(out));
        assert_eq!(show(out), "#*11");
        val(cx, "(%SET-BIT O 0 1)", &[("O", out)]);
        assert_eq!(show(out), "#*10");
        assert!(ev(cx, "(%SET-BIT O 2 1)", &[("O", out)]).is_err());
    });
}
