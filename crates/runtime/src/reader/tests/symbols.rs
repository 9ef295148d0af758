//! Symbols: readtable case, packages and package markers, uninterned symbols.

use super::Must;
use super::{rd, read, with};
use crate::heap::package;
use crate::heap::Value;
use crate::reader::readtable::{self, Case};

fn set_case(cx: &crate::vm::Cx<'_, '_>, case: Case) {
    let rt = readtable::current(cx).must();
    readtable::with_mut(cx.mc, rt, |r| r.case = case);
}

#[test]
fn readtable_case() {
    with(|cx| {
        assert_eq!(rd(cx, "Foo"), "FOO");
        set_case(cx, Case::Downcase);
        assert_eq!(rd(cx, "Foo"), "foo");
        assert_eq!(rd(cx, "|Foo|"), "Foo");
        set_case(cx, Case::Preserve);
        assert_eq!(rd(cx, "Foo"), "Foo");
        set_case(cx, Case::Invert);
        assert_eq!(rd(cx, "foo"), "FOO");
        assert_eq!(rd(cx, "FOO"), "foo");
        assert_eq!(rd(cx, "Foo"), "Foo");
        assert_eq!(rd(cx, "foo|X|"), "FOOX");
        assert_eq!(rd(cx, "1e2"), "100.0");
        assert_eq!(readtable::current_case(cx), Case::Invert);
    });
}

#[test]
fn interning() {
    with(|cx| {
        let a = read(cx, "foo").must();
        let b = read(cx, "FOO").must();
        assert!(a.eq(b));
        let home = match a {
            Value::Symbol(s) => s.package.get(),
            _ => panic!("not a symbol"),
        };
        assert!(matches!(home, Value::Package(p) if std::ptr::eq(p.as_ref(), cx.g.p.user.as_ref())));
        assert!(read(cx, "nil").must().is_nil());
        assert!(read(cx, "t").must().eq(cx.g.t));
    });
}

#[test]
fn package_markers() {
    with(|cx| {
        let car: Value = cx.g.s.car.into();
        assert!(read(cx, "cl:car").must().eq(car));
        assert!(read(cx, "common-lisp::car").must().eq(car));
        assert!(read(cx, "CL::CAR").must().eq(car));
        assert_eq!(rd(cx, ":foo"), ":FOO");
        assert_eq!(rd(cx, "::foo"), ":FOO");
        assert_eq!(rd(cx, "keyword:newkw"), ":NEWKW");
        assert_eq!(rd(cx, ":|a b|"), ":a b");
        assert_eq!(rd(cx, "|cl:car|"), "cl:car");
        assert_eq!(rd(cx, "cl\\:car"), "CL:CAR");
        assert!(
            rd(cx, "cl:nonexistent-xyz").contains("symbol \"NONEXISTENT-XYZ\" not found in the COMMON-LISP package")
        );
        assert!(rd(cx, "nopkg:x").contains("package NOPKG does not exist"));
        assert!(rd(cx, "nopkg::x").contains("package NOPKG does not exist"));
        assert!(rd(cx, "a:b:c").contains("too many colons"));
        assert!(rd(cx, "cl:::car").contains("too many colons"));
        assert!(rd(cx, "a::b:").contains("too many colons"));
        assert!(rd(cx, "cl:").contains("missing symbol name"));
        assert!(rd(cx, "cl::").contains("missing symbol name"));
    });
}

#[test]
fn external_required() {
    with(|cx| {
        package::intern(cx.g.p.user, cx.mc, "SECRET");
        assert!(
            rd(cx, "cl-user:secret").contains("the symbol \"SECRET\" is not external in the COMMON-LISP-USER package")
        );
        assert_eq!(rd(cx, "cl-user::secret"), "SECRET");
        // An inherited symbol is not external in the inheriting package.
        assert!(rd(cx, "cl-user:car").contains("not external"));
    });
}

#[test]
fn local_nicknames() {
    with(|cx| {
        cx.g.p.user.borrow_mut(cx.mc).local_nicknames.push(("L".into(), cx.g.p.cl));
        let car: Value = cx.g.s.car.into();
        assert!(read(cx, "l:car").must().eq(car));
        assert!(read(cx, "l::car").must().eq(car));
        // Only in the package that has the nickname.
        cx.g.s.package.set(cx.mc, Value::Package(cx.g.p.sys));
        assert!(rd(cx, "l:car").contains("package L does not exist"));
    });
}

#[test]
fn uninterned() {
    with(|cx| {
        assert_eq!(rd(cx, "#:foo"), "#:FOO");
        let a = read(cx, "#:foo").must();
        let b = read(cx, "#:foo").must();
        assert!(!a.eq(b));
        assert_eq!(rd(cx, "#:|a b|"), "#:a b");
        assert_eq!(rd(cx, "(#:)"), "(#:)");
        assert!(rd(cx, "#:a:b").contains("package marker"));
    });
}

#[test]
fn dots_in_symbols() {
    with(|cx| {
        assert_eq!(rd(cx, ".a"), ".A");
        assert_eq!(rd(cx, "a."), "A.");
        assert_eq!(rd(cx, "\\."), ".");
        assert_eq!(rd(cx, "|.|"), ".");
        assert_eq!(rd(cx, "..a"), "..A");
    });
}

#[test]
fn bad_package_variable() {
    with(|cx| {
        cx.g.s.package.set(cx.mc, Value::Fixnum(3));
        assert!(rd(cx, "foo").starts_with("ERR TYPE-ERROR"));
    });
}
