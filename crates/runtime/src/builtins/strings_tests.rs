//! Tests of the string primitives (`strings.rs`).

use crate::builtins::testutil::{err, ints, kw, l, ok, s, shown, sym, sys};
use crate::heap::Value;
use crate::runtime::Runtime;
use crate::vm::Cx;

fn text<'gc>(cx: &mut Cx<'gc, '_>, name: &str, args: &[Value<'gc>]) -> String {
    ok(cx, name, args).as_string().expect("a string")
}

fn filled<'gc>(cx: &Cx<'gc, '_>, all: &str, fill: usize) -> Value<'gc> {
    let v = s(cx, all);
    if let Value::Array(a) = v {
        a.borrow_mut(cx.mc).fill = Some(fill);
    }
    v
}

#[test]
fn predicates_and_designators() {
    Runtime::new().with_cx(|cx| {
        let str_ = s(cx, "abc");
        assert!(ok(cx, "STRINGP", &[str_]).truthy());
        assert!(ok(cx, "STRINGP", &[sym(cx, "ABC")]).is_nil());
        assert!(ok(cx, "SIMPLE-STRING-P", &[str_]).truthy());
        let f = filled(cx, "abcd", 2);
        assert!(ok(cx, "SIMPLE-STRING-P", &[f]).is_nil());
        assert!(ok(cx, "STRING", &[str_]).eq(str_));
        assert_eq!(text(cx, "STRING", &[sym(cx, "ABC")]), "ABC");
        assert_eq!(text(cx, "STRING", &[Value::Char('x')]), "x");
        assert_eq!(text(cx, "STRING", &[Value::Nil]), "NIL");
        assert!(err(cx, "STRING", &[Value::Fixnum(12)]).contains("(OR STRING SYMBOL CHARACTER)"));
    });
}

#[test]
fn making_and_indexing() {
    Runtime::new().with_cx(|cx| {
        let ie = kw(cx, "INITIAL-ELEMENT");
        let et = kw(cx, "ELEMENT-TYPE");
        assert_eq!(text(cx, "MAKE-STRING", &[Value::Fixnum(3), ie, Value::Char('x')]), "xxx");
        let base = cx.g.intern_in(cx.mc, "CL", "BASE-CHAR");
        assert_eq!(text(cx, "MAKE-STRING", &[Value::Fixnum(2), et, base, ie, Value::Char('y')]), "yy");
        let fixnum = cx.g.intern_in(cx.mc, "CL", "FIXNUM");
        assert!(err(cx, "MAKE-STRING", &[Value::Fixnum(2), et, fixnum]).starts_with("SIMPLE-ERROR"));
        assert!(err(cx, "MAKE-STRING", &[Value::Fixnum(-1)]).contains("UNSIGNED-BYTE"));
        assert!(err(cx, "MAKE-STRING", &[Value::Fixnum(1), ie, Value::Fixnum(1)]).contains("CHARACTER"));
        let four = ok(cx, "MAKE-STRING", &[Value::Fixnum(4)]);
        assert_eq!(ok(cx, "LENGTH", &[four]).as_fixnum(), Some(4));

        let abc = s(cx, "abc");
        assert_eq!(shown(cx, "CHAR", &[abc, Value::Fixnum(1)]), "#\\b");
        assert!(err(cx, "CHAR", &[abc, Value::Fixnum(3)]).contains("(INTEGER 0 (3))"));
        assert!(err(cx, "CHAR", &[abc, Value::Fixnum(-1)]).starts_with("TYPE-ERROR"));
        assert!(err(cx, "CHAR", &[sym(cx, "ABC"), Value::Fixnum(0)]).starts_with("TYPE-ERROR"));
        // CHAR ignores the fill pointer, SCHAR wants a simple string.
        let f = filled(cx, "abcde", 2);
        assert_eq!(shown(cx, "CHAR", &[f, Value::Fixnum(3)]), "#\\d");
        assert!(err(cx, "SCHAR", &[f, Value::Fixnum(1)]).contains("SIMPLE-STRING"));
        assert_eq!(shown(cx, "SCHAR", &[abc, Value::Fixnum(2)]), "#\\c");
        sys(cx, "%SET-CHAR", &[abc, Value::Fixnum(0), Value::Char('X')]);
        assert_eq!(abc.as_string().unwrap(), "Xbc");
        let r = crate::builtins::testutil::call(cx, "SYS", "%SET-CHAR", &[abc, Value::Fixnum(5), Value::Char('X')]);
        assert!(r.is_err());
        let r = crate::builtins::testutil::call(cx, "SYS", "%SET-CHAR", &[abc, Value::Fixnum(0), Value::Fixnum(1)]);
        assert!(r.is_err());
    });
}

#[test]
fn comparisons_return_mismatch_indices() {
    Runtime::new().with_cx(|cx| {
        let cases: &[(&str, &str, &str, &str)] = &[
            ("STRING=", "abc", "abd", "NIL"),
            ("STRING=", "abc", "abc", "T"),
            ("STRING<", "abc", "abd", "2"),
            ("STRING<", "abc", "abc", "NIL"),
            ("STRING<", "ab", "abc", "2"),
            ("STRING>", "abd", "abc", "2"),
            ("STRING/=", "abc", "abc", "NIL"),
            ("STRING/=", "abc", "abd", "2"),
            ("STRING<=", "abc", "abc", "3"),
            ("STRING>=", "abc", "abd", "NIL"),
            ("STRING-EQUAL", "ABC", "abc", "T"),
            ("STRING-NOT-EQUAL", "ab", "AB", "NIL"),
            ("STRING-LESSP", "_", "a", "0"),
            ("STRING-GREATERP", "b", "A", "0"),
            ("STRING-NOT-GREATERP", "a", "B", "0"),
            ("STRING-NOT-LESSP", "b", "a", "0"),
        ];
        for &(f, a, b, want) in cases {
            let (x, y) = (s(cx, a), s(cx, b));
            assert_eq!(shown(cx, f, &[x, y]), want, "{f} {a} {b}");
        }
        let (start1, end1, start2) = (kw(cx, "START1"), kw(cx, "END1"), kw(cx, "START2"));
        let (x, y) = (s(cx, "abc"), s(cx, "xbc"));
        assert_eq!(shown(cx, "STRING=", &[x, y, start1, Value::Fixnum(1), start2, Value::Fixnum(1)]), "T");
        assert_eq!(shown(cx, "STRING=", &[x, y, end1, Value::Nil]), "NIL");
        assert_eq!(shown(cx, "STRING-LESSP", &[s(cx, "ABC"), s(cx, "abd"), start1, Value::Fixnum(1)]), "NIL");
        assert_eq!(shown(cx, "STRING<", &[s(cx, "xxabc"), s(cx, "abd"), start1, Value::Fixnum(2)]), "4");
        assert!(err(cx, "STRING=", &[x, y, start1, Value::Fixnum(4)]).starts_with("TYPE-ERROR"));
        assert!(err(cx, "STRING=", &[x, y, start1, Value::Fixnum(2), end1, Value::Fixnum(1)]).starts_with("TYPE-ERROR"));
        assert!(err(cx, "STRING=", &[x, y, start1]).starts_with("PROGRAM-ERROR"));
        assert!(err(cx, "STRING=", &[Value::Fixnum(1), y]).contains("(OR STRING SYMBOL CHARACTER)"));
        assert_eq!(shown(cx, "STRING=", &[sym(cx, "ABC"), s(cx, "ABC")]), "T");
        assert_eq!(shown(cx, "STRING=", &[Value::Char('a'), s(cx, "a")]), "T");
        let f = filled(cx, "abcdef", 3);
        assert_eq!(shown(cx, "STRING=", &[f, s(cx, "abc")]), "T");
    });
}

#[test]
fn case_conversion() {
    Runtime::new().with_cx(|cx| {
        let (start, end) = (kw(cx, "START"), kw(cx, "END"));
        assert_eq!(
            text(cx, "STRING-UPCASE", &[s(cx, "hello"), start, Value::Fixnum(1), end, Value::Fixnum(3)]),
            "hELlo"
        );
        assert_eq!(text(cx, "STRING-UPCASE", &[sym(cx, "ABC")]), "ABC");
        assert_eq!(text(cx, "STRING-DOWNCASE", &[s(cx, "ÄBC")]), "äbc");
        assert_eq!(text(cx, "STRING-CAPITALIZE", &[s(cx, "hello wORLD foo-bar 3rd x")]), "Hello World Foo-Bar 3rd X");
        let orig = s(cx, "abc");
        let up = ok(cx, "STRING-UPCASE", &[orig]);
        assert!(!up.eq(orig));
        assert_eq!(orig.as_string().unwrap(), "abc");
        let target = s(cx, "hello");
        let r = ok(cx, "NSTRING-UPCASE", &[target, start, Value::Fixnum(1)]);
        assert!(r.eq(target));
        assert_eq!(target.as_string().unwrap(), "hELLO");
        ok(cx, "NSTRING-DOWNCASE", &[target]);
        assert_eq!(target.as_string().unwrap(), "hello");
        ok(cx, "NSTRING-CAPITALIZE", &[target]);
        assert_eq!(target.as_string().unwrap(), "Hello");
        let f = filled(cx, "abcdef", 3);
        ok(cx, "NSTRING-UPCASE", &[f]);
        assert_eq!(f.as_string().unwrap(), "ABC");
        assert!(err(cx, "NSTRING-UPCASE", &[sym(cx, "ABC")]).contains("EXPECTED-TYPE STRING"));
        assert!(err(cx, "STRING-UPCASE", &[s(cx, "abc"), end, Value::Fixnum(9)]).starts_with("TYPE-ERROR"));
    });
}

#[test]
fn trimming() {
    Runtime::new().with_cx(|cx| {
        assert_eq!(text(cx, "STRING-TRIM", &[s(cx, " "), s(cx, "  ab  ")]), "ab");
        let bag = l(cx, &[Value::Char('a')]);
        assert_eq!(text(cx, "STRING-TRIM", &[bag, s(cx, "aabaa")]), "b");
        assert_eq!(text(cx, "STRING-LEFT-TRIM", &[s(cx, "a"), s(cx, "aabaa")]), "baa");
        let vbag = crate::heap::array::make_vector(cx.mc, vec![Value::Char('a')]);
        assert_eq!(text(cx, "STRING-RIGHT-TRIM", &[vbag, s(cx, "aabaa")]), "aab");
        assert_eq!(text(cx, "STRING-TRIM", &[s(cx, "a"), s(cx, "aaa")]), "");
        assert_eq!(text(cx, "STRING-TRIM", &[s(cx, "A"), sym(cx, "ABA")]), "B");
        assert!(err(cx, "STRING-TRIM", &[Value::Fixnum(1), s(cx, "a")]).contains("SEQUENCE"));
        assert_eq!(text(cx, "STRING-TRIM", &[ints(cx, &[1]), s(cx, "x")]), "x");
    });
}
