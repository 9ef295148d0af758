//! Backquote: what the reader returns, and the expander checked against
//! SBCL's results after evaluation (with a tiny evaluator for the few
//! operators an expansion uses).

use super::Must;
use super::{rd, read, show, with};
use crate::heap::array::{make_vector, Storage};
use crate::heap::cons::{cons, list, list_to_vec};
use crate::heap::package::sym_name;
use crate::heap::symbol::Symbol;
use crate::heap::Value;
use crate::reader::backquote::expand;
use crate::vm::Cx;

/// Evaluates the forms an expansion is made of; variables are the global
/// values of symbols.
fn eval<'gc>(cx: &mut Cx<'gc, '_>, form: Value<'gc>) -> Value<'gc> {
    match form {
        Value::Symbol(s) if !s.has(crate::heap::symbol::flags::KEYWORD) => {
            let v = s.value();
            assert!(!v.is_unbound(), "unbound variable {}", sym_name(form));
            v
        }
        Value::Cons(c) => {
            let op = c.car();
            let args = list_to_vec(c.cdr()).must();
            if cx.g.s.quasiquote.is(op) {
                let e = match expand(cx, form) {
                    Ok(e) => e,
                    Err(err) => panic!("{}: {}", show(cx, form), super::describe(cx, &err)),
                };
                return eval(cx, e);
            }
            if cx.g.s.quote.is(op) || cx.g.s.function.is(op) {
                return args[0];
            }
            let vals: Vec<Value<'gc>> = args.iter().map(|a| eval(cx, *a)).collect();
            match sym_name(op) {
                "LIST" => list(cx.mc, &vals),
                "LIST*" => {
                    let (last, init) = vals.split_last().must();
                    crate::heap::cons::list_with_tail(cx.mc, init, *last)
                }
                "CONS" => cons(cx.mc, vals[0], vals[1]),
                "APPEND" | "NCONC" => {
                    let (last, init) = vals.split_last().must();
                    let mut items = Vec::new();
                    for v in init {
                        items.extend(list_to_vec(*v).must());
                    }
                    crate::heap::cons::list_with_tail(cx.mc, &items, *last)
                }
                "APPLY" => {
                    assert_eq!(show(cx, vals[0]), "VECTOR");
                    make_vector(cx.mc, list_to_vec(vals[1]).must())
                }
                "+" => Value::Fixnum(vals.iter().map(|v| v.as_fixnum().must()).sum()),
                "CDR" => crate::heap::cons::cdr(vals[0]),
                "CADR" => crate::heap::cons::car(crate::heap::cons::cdr(vals[0])),
                other => panic!("the test evaluator does not know {other}"),
            }
        }
        other => other,
    }
}

fn set_var<'gc>(cx: &mut Cx<'gc, '_>, name: &str, text: &str) {
    let v = read(cx, text).must();
    let sym = read(cx, name).must();
    let Value::Symbol(s) = sym else { panic!("not a symbol") };
    Symbol::set_value(s, cx.mc, v);
}

#[test]
fn reader_forms() {
    with(|cx| {
        assert_eq!(rd(cx, "`a"), "(QUASIQUOTE A)");
        assert_eq!(
            rd(cx, "`(a ,b ,@c ,.d)"),
            "(QUASIQUOTE (A (UNQUOTE B) (UNQUOTE-SPLICING C) (UNQUOTE-NSPLICING D)))"
        );
        assert_eq!(rd(cx, "`(a . ,b)"), "(QUASIQUOTE (A UNQUOTE B))");
        assert_eq!(rd(cx, "`#(a ,b)"), "(QUASIQUOTE #(A (UNQUOTE B)))");
        assert_eq!(rd(cx, "``(a ,,b)"), "(QUASIQUOTE (QUASIQUOTE (A (UNQUOTE (UNQUOTE B)))))");
        assert_eq!(rd(cx, "`(a , b)"), "(QUASIQUOTE (A (UNQUOTE B)))");
        assert_eq!(rd(cx, "`(,a,b)"), "(QUASIQUOTE ((UNQUOTE A) (UNQUOTE B)))");
        let q = read(cx, "`a").must();
        assert!(cx.g.s.quasiquote.is(crate::heap::cons::car(q)));
    });
}

#[test]
fn reader_errors() {
    with(|cx| {
        assert!(rd(cx, ",a").contains("comma not inside a backquote"));
        assert!(rd(cx, "(a ,b)").contains("comma not inside a backquote"));
        assert!(rd(cx, "`(,,a)").contains("comma not inside a backquote"));
        assert!(rd(cx, "`(a ,(b ,c))").contains("comma not inside a backquote"));
        assert!(rd(cx, "`,@a").contains("not well-formed"));
        assert!(rd(cx, "`,.a").contains("not well-formed"));
        assert!(rd(cx, "`(a . ,@b)").contains("splicing comma after a dot"));
        assert!(rd(cx, "`(a ,").starts_with("ERR END-OF-FILE"));
        // The depth is back to zero after a backquoted form.
        assert!(rd(cx, "(`a ,b)").contains("comma not inside a backquote"));
    });
}

#[test]
fn expansion_matches_sbcl() {
    let cases: &[(&str, usize, &str)] = &[
        ("`(a b c)", 1, "(A B C)"),
        ("`(a ,y c)", 1, "(A 3 C)"),
        ("`(a ,@x c)", 1, "(A 1 2 C)"),
        ("`(a ,.(list 1 2) c)", 1, "(A 1 2 C)"),
        ("`(a . ,y)", 1, "(A . 3)"),
        ("`(,@x . ,y)", 1, "(1 2 . 3)"),
        ("`#(a ,y ,@x)", 1, "#(A 3 1 2)"),
        ("`(a #(b ,y))", 1, "(A #(B 3))"),
        ("`((,y) ,@x (,@x))", 1, "((3) 1 2 (1 2))"),
        ("``(a ,,b)", 2, "(A 5)"),
        ("``(a ,@,xs)", 2, "(A 1 2)"),
        ("``(a ,',y)", 2, "(A 3)"),
        ("``(b ,(+ 1 ,y))", 2, "(B 4)"),
        ("```(,,,d)", 3, "(7)"),
        ("`(q ,q ,@q foo ,(cadr q) bar ,(cdr q) baz ,@(cdr q))", 1, "(Q (A B C) A B C FOO B BAR (B C) BAZ B C)"),
        ("`(,@x ,@z)", 1, "(1 2 4 5)"),
        ("`(,@x ,@z 9)", 1, "(1 2 4 5 9)"),
        ("`(1 ,@x 2 ,@z . 3)", 1, "(1 1 2 2 4 5 . 3)"),
        ("`,y", 1, "3"),
        ("`y", 1, "Y"),
        ("`#(,@x ,@z)", 1, "#(1 2 4 5)"),
        ("`#()", 1, "#()"),
        ("``(b ,c)", 2, "(B 5)"),
        ("``(,@,@(list 'x 'z))", 2, "(1 2 4 5)"),
        ("``(a ,,@(list 'y 'y))", 2, "(A 3 3)"),
        ("`(x . #(,y))", 1, "(X . #(3))"),
        ("`(,y . ,y)", 1, "(3 . 3)"),
        ("`(1 . ,x)", 1, "(1 1 2)"),
        ("``,,b", 2, "5"),
        ("`(:k ,y \"s\" #\\a 1.5)", 1, "(:K 3 \"s\" #\\a 1.5)"),
        ("``#(1 ,,y ,@,xs)", 2, "#(1 3 1 2)"),
        ("```(a ,,,d ,,',y ,',',y)", 3, "(A 7 3 3)"),
        ("``(,,@(list 'x 'z))", 2, "((1 2) (4 5))"),
    ];
    with(|cx| {
        for (name, value) in [
            ("x", "(1 2)"),
            ("y", "3"),
            ("z", "(4 5)"),
            ("b", "c"),
            ("c", "5"),
            ("d", "e"),
            ("e", "7"),
            ("xs", "x"),
            ("q", "(a b c)"),
        ] {
            set_var(cx, name, value);
        }
        for &(text, times, expected) in cases {
            let mut v = read(cx, text).must();
            for _ in 0..times {
                v = eval(cx, v);
            }
            assert_eq!(show(cx, v), expected, "{text}");
        }
    });
}

/// A backquote inside the template of another: after one evaluation the
/// inner one is a form that evaluates like SBCL's `(b ,(+ 1 3)).
#[test]
fn inner_backquote_as_data() {
    with(|cx| {
        set_var(cx, "y", "3");
        let v = read(cx, "`(a `(b ,(+ 1 ,y)))").must();
        let once = eval(cx, v);
        let items = list_to_vec(once).must();
        assert_eq!(show(cx, items[0]), "A");
        let inner = eval(cx, items[1]);
        assert_eq!(show(cx, inner), "(B 4)");
        let v = read(cx, "`(x `(,@',(list 1 y) ,y))").must();
        set_var(cx, "y", "(7)");
        let once = eval(cx, v);
        let inner = eval(cx, list_to_vec(once).must()[1]);
        assert_eq!(show(cx, inner), "(1 (7) (7))");
    });
}

#[test]
fn expansion_shapes() {
    with(|cx| {
        let mut ex = |text: &str| {
            let v = read(cx, text).must();
            let e = expand(cx, v).must();
            show(cx, e)
        };
        assert_eq!(ex("`(a b)"), "(QUOTE (A B))");
        assert_eq!(ex("`(a ,b)"), "(LIST (QUOTE A) B)");
        assert_eq!(ex("`(a . ,b)"), "(CONS (QUOTE A) B)");
        assert_eq!(ex("`(a b ,@c)"), "(LIST* (QUOTE A) (QUOTE B) C)");
        assert_eq!(ex("`(,@a ,@b)"), "(APPEND A B)");
        assert_eq!(ex("`(,.a ,.b)"), "(NCONC A B)");
        assert_eq!(ex("`(,@a)"), "(APPEND A)");
        assert_eq!(ex("`(,.a)"), "(NCONC A)");
        assert_eq!(ex("`#(1 ,b)"), "(APPLY (FUNCTION VECTOR) (LIST 1 B))");
        assert_eq!(ex("`(1 :k \"s\" ,b)"), "(LIST 1 :K \"s\" B)");
        assert_eq!(ex("`,b"), "B");
    });
}

fn check<'gc>(cx: &mut Cx<'gc, '_>, form: Value<'gc>, what: &str) {
    let e = expand(cx, form).err().expect("an error");
    assert!(super::describe(cx, &e).contains(what), "{}", super::describe(cx, &e));
}

#[test]
fn expander_errors() {
    with(|cx| {
        let qq: Value = cx.g.s.quasiquote.into();
        let splice: Value = cx.g.s.unquote_splicing.into();
        let a = read(cx, "a").must();
        let f = list(cx.mc, &[qq, list(cx.mc, &[splice, a])]);
        check(cx, f, "not inside a list");
        let dotted = cons(cx.mc, a, list(cx.mc, &[splice, a]));
        let f = list(cx.mc, &[qq, dotted]);
        check(cx, f, "after a dot");
        check(cx, a, "not (SYS:QUASIQUOTE");
        // A circular template.
        let c = cons(cx.mc, a, Value::Nil);
        crate::heap::cons::Cons::set_cdr(c.as_cons().must(), cx.mc, c);
        let f = list(cx.mc, &[qq, c]);
        check(cx, f, "circular");
        // Too deep (through cars).
        let mut deep = a;
        for _ in 0..5000 {
            deep = list(cx.mc, &[deep]);
        }
        let f = list(cx.mc, &[qq, deep]);
        check(cx, f, "nested too deeply");
    });
}

#[test]
fn vector_storage_is_general() {
    with(|cx| {
        let v = read(cx, "`#(a ,b)").must();
        let body = crate::heap::cons::car(crate::heap::cons::cdr(v));
        assert!(matches!(body, Value::Array(a) if matches!(a.borrow().storage, Storage::T(_))));
    });
}
