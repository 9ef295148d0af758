//! The standard `#` dispatch macros.

use super::Must;
use super::{rd, rd_all, read, with};
use crate::heap::array::Storage;
use crate::heap::cons::list;
use crate::heap::function::{Function, Native};
use crate::heap::symbol::Symbol;
use crate::heap::Value;
use crate::vm::{Cx, R};

/// Stands in for CL:EVAL (the compiler does not exist in these tests):
/// returns `(:evaluated form)`.
static FAKE_EVAL: Native = Native { name: "EVAL", pkg: "CL", min: 1, max: 1, f: fake_eval };

fn fake_eval<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let kw = cx.g.intern_in(cx.mc, "KEYWORD", "EVALUATED");
    Ok(list(cx.mc, &[kw, args[0]]))
}

fn install_eval(cx: &mut Cx<'_, '_>) {
    let f = Function::native(cx.mc, &FAKE_EVAL, cx.g.s.eval.into());
    Symbol::set_function(cx.g.s.eval.0, cx.mc, f);
}

#[test]
fn function_and_vector() {
    with(|cx| {
        assert_eq!(rd(cx, "#'f"), "(FUNCTION F)");
        assert_eq!(rd(cx, "#'(lambda (x) x)"), "(FUNCTION (LAMBDA (X) X))");
        assert_eq!(rd(cx, "#(a b 1)"), "#(A B 1)");
        assert_eq!(rd(cx, "#()"), "#()");
        assert_eq!(rd(cx, "#(a #(b))"), "#(A #(B))");
        assert_eq!(rd(cx, "#3(a b)"), "#(A B B)");
        assert_eq!(rd(cx, "#2(a b)"), "#(A B)");
        assert_eq!(rd(cx, "#0()"), "#()");
        assert!(rd(cx, "#1(a b)").contains("longer than the specified length"));
        assert!(rd(cx, "#3()").contains("no element to fill"));
        assert!(rd(cx, "#(a . b)").contains("dot context error"));
        assert!(rd(cx, "#99999999999(a)").contains("too large"));
    });
}

#[test]
fn characters() {
    with(|cx| {
        for (text, c) in [
            ("#\\a", 'a'),
            ("#\\A", 'A'),
            ("#\\Space", ' '),
            ("#\\space", ' '),
            ("#\\SPACE", ' '),
            ("#\\ ", ' '),
            ("#\\Newline", '\n'),
            ("#\\Linefeed", '\n'),
            ("#\\Tab", '\t'),
            ("#\\Page", '\x0c'),
            ("#\\Return", '\r'),
            ("#\\Backspace", '\x08'),
            ("#\\Rubout", '\x7f'),
            ("#\\Del", '\x7f'),
            ("#\\Nul", '\0'),
            ("#\\Null", '\0'),
            ("#\\Escape", '\x1b'),
            ("#\\Esc", '\x1b'),
            ("#\\Bel", '\x07'),
            ("#\\(", '('),
            ("#\\)", ')'),
            ("#\\\\", '\\'),
            ("#\\;", ';'),
            ("#\\\"", '"'),
            ("#\\u+41", 'A'),
            ("#\\U0041", 'A'),
            ("#\\u41", 'A'),
            ("#\\U+1F600", '\u{1F600}'),
            ("#\\λ", 'λ'),
            ("#\\1", '1'),
        ] {
            assert!(matches!(read(cx, text).must(), Value::Char(x) if x == c), "{text}");
        }
        assert_eq!(rd(cx, "(#\\a #\\b)"), "(#\\a #\\b)");
        assert!(rd(cx, "(#\\a#\\b)").contains("unrecognized character name: \"a#b\""));
        assert_eq!(rd(cx, "(#\\))"), "(#\\))");
        assert!(rd(cx, "#\\xyz").contains("unrecognized character name: \"xyz\""));
        assert!(rd(cx, "#\\ab").contains("unrecognized character name"));
        assert!(rd(cx, "#\\u+D800").contains("unrecognized character name"));
        assert!(rd(cx, "#\\u+110000").contains("unrecognized character name"));
    });
}

#[test]
fn read_eval() {
    with(|cx| {
        install_eval(cx);
        assert_eq!(rd(cx, "#.(+ 1 2)"), "(:EVALUATED (+ 1 2))");
        assert_eq!(rd(cx, "(a #.b)"), "(A (:EVALUATED B))");
        cx.g.s.read_eval.set(cx.mc, Value::Nil);
        assert!(rd(cx, "#.(+ 1 2)").contains("can't read #. while *READ-EVAL* is NIL"));
    });
    with(|cx| {
        // An error while evaluating #. propagates out of READ (here the
        // condition reaches the non-interactive debugger, which exits).
        assert!(rd(cx, "#.x").starts_with("ERR"));
    });
}

#[test]
fn features() {
    with(|cx| {
        assert_eq!(rd(cx, "#+clove a b"), "A");
        assert_eq!(rd(cx, "#-clove a b"), "B");
        assert_eq!(rd(cx, "#+(or) a b"), "B");
        assert_eq!(rd(cx, "#-(or) a b"), "A");
        assert_eq!(rd(cx, "#+(and) a b"), "A");
        assert_eq!(rd(cx, "#+(and clove (not nope)) a b"), "A");
        assert_eq!(rd(cx, "#+(or nope common-lisp) x y"), "X");
        assert_eq!(rd(cx, "#+(not clove) x y"), "Y");
        assert_eq!(rd(cx, "#+:clove x y"), "X");
        assert_eq!(rd(cx, "#+(cl:or nope clove) x y"), "X");
        assert_eq!(rd(cx, "(a #+nope b c)"), "(A C)");
        assert_eq!(rd(cx, "(a #+nope b)"), "(A)");
        assert_eq!(rd(cx, "#+nope (a b) c"), "C");
        assert_eq!(rd(cx, "#+nope #+clove a b c"), "B");
        assert_eq!(rd(cx, "#+nope (foo:bar #\\xyz 1/0) ok"), "OK");
        assert_eq!(rd(cx, "'#+nope a b"), "(QUOTE B)");
        assert_eq!(rd(cx, "#+clove #+clove a b"), "A");
        assert!(rd(cx, "#+(foo bar) x").contains("unknown operator"));
        assert!(rd(cx, "#+(not a b) x").contains("one argument"));
        assert!(rd(cx, "#+3 x").contains("must be a symbol or a list"));
        // The feature expression is read in the keyword package and
        // *package* / *read-suppress* are restored.
        assert_eq!(rd(cx, "#+nope a foo"), "FOO");
        assert!(matches!(cx.g.s.package.value(), Value::Package(p) if std::ptr::eq(p.as_ref(), cx.g.p.user.as_ref())));
        assert!(cx.g.s.read_suppress.value().is_nil());
        // ...even when reading fails inside.
        assert!(rd(cx, "#+nope (a").starts_with("ERR END-OF-FILE"));
        assert!(rd(cx, "#+(or").starts_with("ERR END-OF-FILE"));
        assert!(matches!(cx.g.s.package.value(), Value::Package(p) if std::ptr::eq(p.as_ref(), cx.g.p.user.as_ref())));
        assert!(cx.g.s.read_suppress.value().is_nil());
    });
}

#[test]
fn features_list() {
    with(|cx| {
        let features = super::show(cx, cx.g.s.features.value());
        // Clove's own features in this order; UIOP pushes more in front.
        assert!(features.contains(":CLOVE :COMMON-LISP :ANSI-CL :UNIX"), "{features}");
        if cfg!(target_arch = "x86_64") {
            assert!(features.contains(":X86-64"));
        }
        if cfg!(target_os = "linux") {
            assert!(features.contains(":LINUX"));
        }
    });
}

#[test]
fn block_comments() {
    with(|cx| {
        assert_eq!(rd(cx, "#|a #| b |# c|# x"), "X");
        assert_eq!(rd(cx, "(a #| c |# b)"), "(A B)");
        assert_eq!(rd(cx, "#||# x"), "X");
        assert_eq!(rd(cx, "#|#|#||#|#|# x"), "X");
        assert_eq!(rd(cx, "#| | # || |# x"), "X");
        assert_eq!(rd(cx, "#|a #| b |# c"), "ERR END-OF-FILE");
        assert_eq!(rd_all(cx, "#| only |#"), "");
    });
}

#[test]
fn radix() {
    with(|cx| {
        assert_eq!(rd(cx, "#xff"), "255");
        assert_eq!(rd(cx, "#XFF"), "255");
        assert_eq!(rd(cx, "#x-ff"), "-255");
        assert_eq!(rd(cx, "#x+10"), "16");
        assert_eq!(rd(cx, "#b101/11"), "5/3");
        assert_eq!(rd(cx, "#o17"), "15");
        assert_eq!(rd(cx, "#36rZZ"), "1295");
        assert_eq!(rd(cx, "#2r-101"), "-5");
        assert_eq!(rd(cx, "#x1e5"), "485");
        assert!(rd(cx, "#37r1").contains("illegal radix for #R: 37"));
        assert!(rd(cx, "#1r1").contains("illegal radix"));
        assert!(rd(cx, "#r1").contains("requires a radix"));
        assert!(rd(cx, "#xfg").contains("value is not a rational: fg"));
        assert!(rd(cx, "#x1.5").contains("not a rational"));
        assert!(rd(cx, "#b2").contains("not a rational"));
        assert!(rd(cx, "#x").contains("not a rational"));
        assert!(rd(cx, "#x|ff|").contains("not a rational"));
        assert!(rd(cx, "#x1/0").contains("division by zero"));
    });
}

#[test]
fn bit_vectors() {
    with(|cx| {
        assert_eq!(rd(cx, "#*1011"), "#*1011");
        assert_eq!(rd(cx, "#*"), "#*");
        assert_eq!(rd(cx, "#5*101"), "#*10111");
        assert_eq!(rd(cx, "#3*101"), "#*101");
        assert_eq!(rd(cx, "#0*"), "#*");
        assert_eq!(rd(cx, "(#*10)"), "(#*10)");
        assert!(matches!(read(cx, "#*10").must(), Value::Array(a) if matches!(a.borrow().storage, Storage::Bit(_))));
        assert!(rd(cx, "#2*101").contains("too many bits"));
        assert!(rd(cx, "#*12").contains("illegal element"));
        assert!(rd(cx, "#3*").contains("at least one bit"));
    });
}

#[test]
fn labels() {
    with(|cx| {
        let v = read(cx, "#1=(a . #1#)").must();
        let c = v.as_cons().must();
        assert!(c.cdr().eq(v));
        let v = read(cx, "(#1=(a) #1# #2=#1# #2#)").must();
        let items = crate::heap::cons::list_to_vec(v).must();
        assert!(items[0].eq(items[1]) && items[1].eq(items[2]) && items[2].eq(items[3]));
        let v = read(cx, "#1=#(a #1#)").must();
        let Value::Array(a) = v else { panic!("not a vector") };
        assert!(a.borrow().storage.get(1).eq(v));
        let v = read(cx, "#1=(#2=(x #1#) #2#)").must();
        let first = crate::heap::cons::car(v);
        assert!(crate::heap::cons::car(crate::heap::cons::cdr(first)).eq(v));
        assert!(crate::heap::cons::car(crate::heap::cons::cdr(v)).eq(first));
        let v = read(cx, "#1=(a #2=(b #1#) #2#)").must();
        let items = crate::heap::cons::list_to_vec(v).must();
        let inner = crate::heap::cons::list_to_vec(items[1]).must();
        assert!(inner[1].eq(v) && items[2].eq(items[1]));
        assert_eq!(rd(cx, "(#1=a #1#)"), "(A A)");
        assert_eq!(rd(cx, "(#1=#c(1 2) #1#)"), "(#C(1 2) #C(1 2))");
        assert!(rd(cx, "#1#").contains("reference to undefined label #1#"));
        assert!(rd(cx, "(#1=a #1=b)").contains("multiply defined label #1="));
        assert!(rd(cx, "#1=#1#").contains("refers only to itself"));
        assert!(rd(cx, "#=a").contains("requires a label number"));
        assert!(rd(cx, "##").contains("requires a label number"));
        // Labels do not survive from one top-level read to the next.
        assert_eq!(rd_all(cx, "#1=a"), "A");
        assert!(rd(cx, "#1#").contains("undefined label"));
    });
}

#[test]
fn complexes() {
    with(|cx| {
        assert_eq!(rd(cx, "#c(1 2)"), "#C(1 2)");
        assert_eq!(rd(cx, "#C(1 0)"), "1");
        assert_eq!(rd(cx, "#c(1/2 3)"), "#C(1/2 3)");
        assert_eq!(rd(cx, "#c(1/2 0)"), "1/2");
        assert_eq!(rd(cx, "#c(1.0 0)"), "#C(1.0 0.0)");
        assert_eq!(rd(cx, "#c(1 2.0d0)"), "#C(1.0d0 2.0d0)");
        assert_eq!(rd(cx, "#c(1/4 2.0)"), "#C(0.25 2.0)");
        assert_eq!(rd(cx, "#c(1/3 1d0)"), "#C(0.3333333333333333d0 1.0d0)");
        assert!(rd(cx, "#c(a b)").contains("two real numbers"));
        assert!(rd(cx, "#c(1)").contains("two real numbers"));
        assert!(rd(cx, "#c(1 2 3)").contains("two real numbers"));
        assert!(rd(cx, "#c 5").contains("two real numbers"));
        assert!(rd(cx, "#c(1 #c(1 2))").contains("two real numbers"));
    });
}

#[test]
fn arrays() {
    with(|cx| {
        assert_eq!(rd(cx, "#2A((1 2) (3 4))"), "#A[2, 2](1 2 3 4)");
        assert_eq!(rd(cx, "#2a((1 2 3) (4 5 6))"), "#A[2, 3](1 2 3 4 5 6)");
        assert_eq!(rd(cx, "#0A5"), "#A[](5)");
        assert_eq!(rd(cx, "#1A(1 2)"), "#(1 2)");
        assert_eq!(rd(cx, "#2A()"), "#A[0, 0]()");
        assert_eq!(rd(cx, "#2A(\"ab\" \"cd\")"), "#A[2, 2](#\\a #\\b #\\c #\\d)");
        assert_eq!(rd(cx, "#2A(#(1 2) (3 4))"), "#A[2, 2](1 2 3 4)");
        assert_eq!(rd(cx, "#3A(((1) (2)) ((3) (4)))"), "#A[2, 2, 1](1 2 3 4)");
        assert!(rd(cx, "#2A((1 2) (3))").contains("do not match the dimensions"));
        assert!(rd(cx, "#2A(1 2)").contains("must be sequences"));
        assert!(rd(cx, "#A(1)").contains("requires a rank"));
        assert!(rd(cx, "#1000000A()").contains("too large"));
        assert!(rd(cx, "#2A((1 . 2))").contains("proper lists"));
    });
}

#[test]
fn undefined_dispatch() {
    with(|cx| {
        assert!(rd(cx, "#q").contains("no dispatch function defined for #\\q"));
        assert!(rd(cx, "#y\"x\"").contains("no dispatch function defined for #\\y"));
        assert!(rd(cx, "#<foo>").contains("illegal sharp macro character: #\\<"));
        assert!(rd(cx, "# a").contains("illegal sharp macro character: #\\Space"));
        assert!(rd(cx, "#)").contains("illegal sharp macro character: #\\)"));
        assert!(rd(cx, &format!("#{}1", "9".repeat(200))).contains("too long"));
    });
}

#[test]
fn suppress() {
    with(|cx| {
        install_eval(cx);
        cx.g.s.read_suppress.set(cx.mc, cx.g.t);
        assert_eq!(rd(cx, "(a b #\\xyz foo:bar #.(error) 1/0 #c(a) #2A(1) #xZZ #*22 #1# #:a:b ...)"), "NIL");
        assert_eq!(rd_all(cx, "#+nope a b"), "NIL");
        assert_eq!(rd_all(cx, "#-nope a b"), "NIL NIL");
        assert_eq!(rd(cx, "\"str\""), "NIL");
        assert_eq!(rd(cx, "(a . b)"), "NIL");
        assert_eq!(rd(cx, ". a"), "NIL");
        assert_eq!(rd(cx, "#3r5 x"), "NIL");
        assert_eq!(rd(cx, "#1=(a #1#)"), "NIL");
        assert_eq!(rd_all(cx, ",a ,@b 'c `d #'e"), "NIL NIL NIL NIL NIL");
        assert!(rd(cx, ")").contains("unmatched"));
        assert!(rd(cx, "(a").contains("END-OF-FILE"));
        assert!(cx.g.s.read_suppress.value().truthy());
    });
}
