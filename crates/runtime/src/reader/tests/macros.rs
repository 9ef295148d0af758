//! Reader macro functions written outside the reader (here as natives,
//! standing in for Lisp functions): recursive reads, zero values,
//! dispatch tables, and the standard macros called as functions.

use super::Must;
use super::{rd, rd_all, read, show, with};
use crate::heap::cons::{cons, list};
use crate::heap::function::{Function, Native};
use crate::heap::Value;
use crate::reader::readtable;
use crate::streams::StreamData;
use crate::vm::{Cx, R};

static BANG: Native = Native { name: "BANG", pkg: "TEST", min: 2, max: 2, f: bang };
static IGNORE: Native = Native { name: "IGNORE", pkg: "TEST", min: 2, max: 2, f: ignore };
static BRACKET: Native = Native { name: "BRACKET", pkg: "TEST", min: 2, max: 2, f: bracket };
static SUBX: Native = Native { name: "SUBX", pkg: "TEST", min: 3, max: 3, f: subx };

fn stream_of<'gc>(v: Value<'gc>) -> gc_arena::Gc<'gc, crate::streams::Stream<'gc>> {
    match v {
        Value::Stream(s) => s,
        _ => panic!("not a stream"),
    }
}

/// `!x` reads as `(:bang x)`, reading x recursively.
fn bang<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let x = crate::reader::read(cx, stream_of(args[0]), true, Value::Nil, true, false)?;
    let kw = cx.g.intern_in(cx.mc, "KEYWORD", "BANG");
    Ok(list(cx.mc, &[kw, x]))
}

/// Reads nothing: zero values.
fn ignore<'gc>(cx: &mut Cx<'gc, '_>, _args: &[Value<'gc>]) -> R<'gc> {
    cx.values(Vec::new())
}

/// `[a b]` reads as `(:vec a b)` with read-delimited-list.
fn bracket<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let items = crate::reader::read_delimited_list(cx, ']', stream_of(args[0]), true)?;
    let kw = cx.g.intern_in(cx.mc, "KEYWORD", "VEC");
    Ok(cons(cx.mc, kw, items))
}

/// A dispatch function returning `(:x sub-char numarg)`.
fn subx<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let kw = cx.g.intern_in(cx.mc, "KEYWORD", "X");
    Ok(list(cx.mc, &[kw, args[1], args[2]]))
}

fn native<'gc>(cx: &Cx<'gc, '_>, n: &'static Native) -> Value<'gc> {
    Function::native(cx.mc, n, Value::Nil)
}

fn set_macro<'gc>(cx: &Cx<'gc, '_>, c: char, n: &'static Native, non_terminating: bool) {
    let f = native(cx, n);
    let rt = readtable::current(cx).must();
    readtable::with_mut(cx.mc, rt, |r| r.set_macro(c, f, non_terminating));
}

fn install_brackets(cx: &Cx<'_, '_>) {
    set_macro(cx, '[', &BRACKET, false);
    let rt = readtable::current(cx).must();
    let std = readtable::with(readtable::pristine(cx).must(), |r| r.clone()).must();
    readtable::with_mut(cx.mc, rt, |r| r.copy_syntax(']', ')', &std));
}

#[test]
fn recursive_read() {
    with(|cx| {
        set_macro(cx, '!', &BANG, false);
        assert_eq!(rd(cx, "!a"), "(:BANG A)");
        assert_eq!(rd(cx, "(x !(y !z))"), "(X (:BANG (Y (:BANG Z))))");
        assert_eq!(rd(cx, "a!b"), "A");
        assert_eq!(rd_all(cx, "a!b"), "A (:BANG B)");
        assert_eq!(rd(cx, "!"), "ERR END-OF-FILE");
        assert_eq!(rd(cx, "(!)"), "ERR READER-ERROR: READ error at line 1, column 3: unmatched close parenthesis");
    });
}

#[test]
fn non_terminating() {
    with(|cx| {
        set_macro(cx, '!', &BANG, true);
        assert_eq!(rd(cx, "a!b"), "A!B");
        assert_eq!(rd(cx, "!b"), "(:BANG B)");
    });
}

#[test]
fn zero_values() {
    with(|cx| {
        set_macro(cx, '%', &IGNORE, false);
        assert_eq!(rd(cx, "% a"), "A");
        assert_eq!(rd(cx, "(a % b)"), "(A B)");
        assert_eq!(rd(cx, "'% a"), "(QUOTE A)");
        assert_eq!(rd_all(cx, "%"), "");
    });
}

#[test]
fn delimited_lists() {
    with(|cx| {
        install_brackets(cx);
        assert_eq!(rd(cx, "[a b c]"), "(:VEC A B C)");
        assert_eq!(rd(cx, "[a [b] ; comment ]\n c]"), "(:VEC A (:VEC B) C)");
        assert_eq!(rd(cx, "[]"), "(:VEC)");
        assert_eq!(rd(cx, "(a]"), "ERR READER-ERROR: READ error at line 1, column 3: unmatched close parenthesis");
        assert_eq!(rd(cx, "[a"), "ERR END-OF-FILE");
        // Labels are shared with recursive reads.
        let v = read(cx, "#1=(a [#1#])").must();
        let inner = crate::heap::cons::car(crate::heap::cons::cdr(v));
        assert!(crate::heap::cons::car(crate::heap::cons::cdr(inner)).eq(v));
        // So is the backquote depth.
        assert_eq!(rd(cx, "`[,a]"), "(QUASIQUOTE (:VEC (UNQUOTE A)))");
        assert!(rd(cx, "[,a]").contains("comma not inside a backquote"));
    });
}

#[test]
fn dispatch_functions() {
    with(|cx| {
        let f = native(cx, &SUBX);
        let rt = readtable::current(cx).must();
        readtable::with_mut(cx.mc, rt, |r| r.set_dispatch_function('#', 'z', Some(f))).must().must();
        assert_eq!(rd(cx, "#z"), "(:X #\\z NIL)");
        assert_eq!(rd(cx, "#Z"), "(:X #\\Z NIL)");
        assert_eq!(rd(cx, "#12z"), "(:X #\\z 12)");
        assert_eq!(rd(cx, "#123456789012345678901234567890z"), "(:X #\\z 123456789012345678901234567890)");
    });
}

#[test]
fn standard_macros_as_functions() {
    with(|cx| {
        let rt = readtable::current(cx).must();
        let paren = readtable::with(rt, |r| r.macro_function('(')).flatten().must();
        let semi = readtable::with(rt, |r| r.macro_function(';')).flatten().must();
        let sharp = readtable::with(rt, |r| r.dispatch_function('#', '(')).must().must().must();
        let s = StreamData::string_input(cx.mc, "a b) rest");
        let v = cx.call(paren, &[s, Value::Char('(')]).must();
        assert_eq!(v.len(), 1);
        assert_eq!(show(cx, v[0]), "(A B)");
        let s = StreamData::string_input(cx.mc, "comment\nnext");
        let v = cx.call(semi, &[s, Value::Char(';')]).must();
        assert!(v.is_empty());
        let s = StreamData::string_input(cx.mc, "1 2)");
        let v = cx.call(sharp, &[s, Value::Char('('), Value::Fixnum(3)]).must();
        assert_eq!(show(cx, v[0]), "#(1 2 2)");
        // A standard macro function installed on another character.
        readtable::with_mut(cx.mc, rt, |r| r.set_macro('{', paren, false));
        assert_eq!(rd(cx, "{a b)"), "(A B)");
        // Bad arguments.
        let s = StreamData::string_input(cx.mc, "x");
        assert!(cx.call(paren, &[s, Value::Fixnum(1)]).is_err());
        assert!(cx.call(paren, &[Value::Fixnum(1), Value::Char('(')]).is_err());
        assert!(cx.call(sharp, &[s, Value::Char('('), Value::Fixnum(-1)]).is_err());
    });
}
