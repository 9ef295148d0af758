//! The reader and readtable primitives, called through their symbols.

use super::Must;
use super::{describe, rd, show, with};
use crate::heap::array::make_string;
use crate::heap::Value;
use crate::streams::{ops, StreamData};
use crate::vm::{Ctl, Cx};

/// Calls the function of `pkg::name`, rendering the values or the error.
fn call<'gc>(cx: &mut Cx<'gc, '_>, pkg: &str, name: &str, args: &[Value<'gc>]) -> Result<Vec<Value<'gc>>, Ctl<'gc>> {
    let f = cx.g.intern_in(cx.mc, pkg, name);
    cx.call(f, args)
}

fn shown<'gc>(cx: &mut Cx<'gc, '_>, r: Result<Vec<Value<'gc>>, Ctl<'gc>>) -> String {
    match r {
        Ok(vs) => vs.iter().map(|v| show(cx, *v)).collect::<Vec<_>>().join(" "),
        Err(e) => format!("ERR {}", describe(cx, &e)),
    }
}

fn kw<'gc>(cx: &Cx<'gc, '_>, name: &str) -> Value<'gc> {
    cx.g.intern_in(cx.mc, "KEYWORD", name)
}

#[test]
fn read_from_string() {
    with(|cx| {
        let rfs = |cx: &mut Cx<'_, '_>, text: &str, extra: &[&str]| {
            let mut args = vec![make_string(cx.mc, text)];
            for e in extra {
                let v = super::read(cx, e).must();
                args.push(v);
            }
            let r = call(cx, "CL", "READ-FROM-STRING", &args);
            shown(cx, r)
        };
        assert_eq!(rfs(cx, "(a b) c", &[]), "(A B) 5");
        assert_eq!(rfs(cx, "a b", &[]), "A 2");
        assert_eq!(rfs(cx, "'a b", &[]), "(QUOTE A) 3");
        assert_eq!(rfs(cx, "'a b", &["t", "nil", ":preserve-whitespace", "t"]), "(QUOTE A) 2");
        assert_eq!(rfs(cx, "a b", &["t", "nil", ":start", "2"]), "B 3");
        assert_eq!(rfs(cx, "abc", &["t", "nil", ":end", "2"]), "AB 2");
        assert_eq!(rfs(cx, "abc", &["t", "nil", ":start", "1", ":end", "nil"]), "BC 3");
        assert_eq!(rfs(cx, "a)", &[]), "A 1");
        assert_eq!(rfs(cx, "", &["nil", ":eof"]), ":EOF 0");
        assert_eq!(rfs(cx, "  ", &["nil", ":eof"]), ":EOF 2");
        assert_eq!(rfs(cx, "", &[]), "ERR END-OF-FILE");
        assert_eq!(rfs(cx, "(a", &["nil", ":eof"]), "ERR END-OF-FILE");
        assert_eq!(
            rfs(cx, "a", &["t", "nil", ":start", "1", ":foo", "1", ":allow-other-keys", "t"]),
            "ERR END-OF-FILE"
        );
        assert!(rfs(cx, "a", &["t", "nil", ":start"]).starts_with("ERR PROGRAM-ERROR"));
        assert!(rfs(cx, "a", &["t", "nil", ":foo", "1"]).contains("unknown keyword argument :FOO"));
        assert!(rfs(cx, "a", &["t", "nil", "3", "1"]).starts_with("ERR TYPE-ERROR"));
        assert!(rfs(cx, "a", &["t", "nil", ":start", "5"]).starts_with("ERR TYPE-ERROR"));
        assert!(rfs(cx, "abc", &["t", "nil", ":start", "2", ":end", "1"]).starts_with("ERR SIMPLE-ERROR"));
        let r = call(cx, "CL", "READ-FROM-STRING", &[Value::Fixnum(1)]);
        assert!(shown(cx, r).starts_with("ERR TYPE-ERROR"));
    });
}

#[test]
fn read_and_preserving_whitespace() {
    with(|cx| {
        let s = StreamData::string_input(cx.mc, "a b\n(c)");
        let eof = kw(cx, "EOF");
        let r = call(cx, "CL", "READ", &[s]);
        assert_eq!(shown(cx, r), "A");
        let r = call(cx, "CL", "READ", &[s, Value::Nil, eof]);
        assert_eq!(shown(cx, r), "B");
        let r = call(cx, "CL", "READ", &[s, Value::Nil, eof]);
        assert_eq!(shown(cx, r), "(C)");
        let r = call(cx, "CL", "READ", &[s, Value::Nil, eof]);
        assert_eq!(shown(cx, r), ":EOF");
        let r = call(cx, "CL", "READ", &[s]);
        assert_eq!(shown(cx, r), "ERR END-OF-FILE");
        let s = StreamData::string_input(cx.mc, "a b");
        let r = call(cx, "CL", "READ-PRESERVING-WHITESPACE", &[s]);
        assert_eq!(shown(cx, r), "A");
        let Value::Stream(st) = s else { unreachable!() };
        assert_eq!(ops::read_char(cx, st).must(), Some(' '));
        let r = call(cx, "CL", "READ", &[Value::Fixnum(3)]);
        assert!(shown(cx, r).starts_with("ERR TYPE-ERROR"));
        // NIL designates *standard-input*.
        let s = StreamData::string_input(cx.mc, "from-stdin");
        cx.g.s.standard_input.set(cx.mc, s);
        let r = call(cx, "CL", "READ", &[]);
        assert_eq!(shown(cx, r), "FROM-STDIN");
        // T designates *terminal-io*.
        let s = StreamData::string_input(cx.mc, "from-terminal");
        cx.g.s.terminal_io.set(cx.mc, s);
        let t = cx.t();
        let r = call(cx, "CL", "READ", &[t]);
        assert_eq!(shown(cx, r), "FROM-TERMINAL");
    });
}

#[test]
fn read_delimited_list() {
    with(|cx| {
        let s = StreamData::string_input(cx.mc, "a (b) c ] d");
        let r = call(cx, "CL", "READ-DELIMITED-LIST", &[Value::Char(']'), s]);
        assert_eq!(shown(cx, r), "(A (B) C)");
        let r = call(cx, "CL", "READ", &[s]);
        assert_eq!(shown(cx, r), "D");
        let s = StreamData::string_input(cx.mc, "a b");
        let r = call(cx, "CL", "READ-DELIMITED-LIST", &[Value::Char(']'), s]);
        assert_eq!(shown(cx, r), "ERR END-OF-FILE");
        let r = call(cx, "CL", "READ-DELIMITED-LIST", &[Value::Fixnum(1)]);
        assert!(shown(cx, r).starts_with("ERR TYPE-ERROR"));
    });
}

#[test]
fn copying_readtables() {
    with(|cx| {
        let current = cx.g.s.readtable.value();
        let r = call(cx, "CL", "READTABLEP", &[current]);
        assert_eq!(shown(cx, r), "T");
        let r = call(cx, "CL", "READTABLEP", &[Value::Nil]);
        assert_eq!(shown(cx, r), "NIL");
        let copy = call(cx, "CL", "COPY-READTABLE", &[]).must()[0];
        assert!(!copy.eq(current));
        // Changing the copy leaves the current readtable alone.
        let quote_fn = call(cx, "CL", "GET-MACRO-CHARACTER", &[Value::Char('\'')]).must()[0];
        call(cx, "CL", "SET-MACRO-CHARACTER", &[Value::Char('!'), quote_fn, Value::Nil, copy]).must();
        assert_eq!(rd(cx, "!a"), "!A");
        cx.g.s.readtable.set(cx.mc, copy);
        assert_eq!(rd(cx, "!a"), "(QUOTE A)");
        // (copy-readtable nil) is the standard readtable.
        let std = call(cx, "CL", "COPY-READTABLE", &[Value::Nil]).must()[0];
        cx.g.s.readtable.set(cx.mc, std);
        assert_eq!(rd(cx, "!a"), "!A");
        // Copying into an existing readtable.
        let r = call(cx, "CL", "COPY-READTABLE", &[copy, current]).must();
        assert!(r[0].eq(current));
        cx.g.s.readtable.set(cx.mc, current);
        assert_eq!(rd(cx, "!a"), "(QUOTE A)");
        let r = call(cx, "CL", "COPY-READTABLE", &[Value::Fixnum(1)]);
        assert!(shown(cx, r).starts_with("ERR TYPE-ERROR"));
        let r = call(cx, "CL", "COPY-READTABLE", &[copy, Value::Fixnum(1)]);
        assert!(shown(cx, r).starts_with("ERR TYPE-ERROR"));
    });
}

#[test]
fn macro_characters() {
    with(|cx| {
        let r = call(cx, "CL", "GET-MACRO-CHARACTER", &[Value::Char('(')]);
        assert_eq!(shown(cx, r), "#<FUNCTION> NIL");
        let r = call(cx, "CL", "GET-MACRO-CHARACTER", &[Value::Char('#')]);
        assert_eq!(shown(cx, r), "#<FUNCTION> T");
        let r = call(cx, "CL", "GET-MACRO-CHARACTER", &[Value::Char('a')]);
        assert_eq!(shown(cx, r), "NIL NIL");
        let r = call(cx, "CL", "GET-MACRO-CHARACTER", &[Value::Char('('), Value::Nil]);
        assert_eq!(shown(cx, r), "#<FUNCTION> NIL");
        let r = call(cx, "CL", "SET-MACRO-CHARACTER", &[Value::Char('!'), Value::Fixnum(1)]);
        assert!(shown(cx, r).starts_with("ERR TYPE-ERROR"));
        let r = call(cx, "CL", "SET-MACRO-CHARACTER", &[Value::Fixnum(1), Value::Nil]);
        assert!(shown(cx, r).starts_with("ERR TYPE-ERROR"));
        // A symbol naming an undefined function is accepted; reading calls it.
        let sym = cx.g.intern_in(cx.mc, "CL-USER", "NO-SUCH-READER");
        call(cx, "CL", "SET-MACRO-CHARACTER", &[Value::Char('!'), sym]).must();
        assert_eq!(rd(cx, "!a"), "ERR UNDEFINED-FUNCTION");
    });
}

#[test]
fn dispatch_macro_characters() {
    with(|cx| {
        let t = cx.t();
        call(cx, "CL", "MAKE-DISPATCH-MACRO-CHARACTER", &[Value::Char('!'), t]).must();
        let r = call(cx, "CL", "GET-MACRO-CHARACTER", &[Value::Char('!')]);
        assert_eq!(shown(cx, r), "#<FUNCTION> T");
        assert!(rd(cx, "!q").contains("no dispatch function defined for #\\q"));
        let vec_fn = call(cx, "CL", "GET-DISPATCH-MACRO-CHARACTER", &[Value::Char('#'), Value::Char('(')]).must()[0];
        call(cx, "CL", "SET-DISPATCH-MACRO-CHARACTER", &[Value::Char('!'), Value::Char('v'), vec_fn]).must();
        assert_eq!(rd(cx, "!v1 2)"), "#(1 2)");
        assert_eq!(rd(cx, "!3V1 2)"), "#(1 2 2)");
        assert_eq!(rd(cx, "a!v"), "A!V");
        let r = call(cx, "CL", "GET-DISPATCH-MACRO-CHARACTER", &[Value::Char('!'), Value::Char('V')]);
        assert_eq!(shown(cx, r), "#<FUNCTION>");
        let r = call(cx, "CL", "GET-DISPATCH-MACRO-CHARACTER", &[Value::Char('!'), Value::Char('w')]);
        assert_eq!(shown(cx, r), "NIL");
        let r = call(cx, "CL", "GET-DISPATCH-MACRO-CHARACTER", &[Value::Char('#'), Value::Char('1')]);
        assert_eq!(shown(cx, r), "NIL");
        // Removing an entry with NIL.
        call(cx, "CL", "SET-DISPATCH-MACRO-CHARACTER", &[Value::Char('!'), Value::Char('v'), Value::Nil]).must();
        assert!(rd(cx, "!v()").contains("no dispatch function"));
        let r = call(cx, "CL", "SET-DISPATCH-MACRO-CHARACTER", &[Value::Char('!'), Value::Char('1'), vec_fn]);
        assert!(shown(cx, r).contains("decimal digit"));
        let r = call(cx, "CL", "SET-DISPATCH-MACRO-CHARACTER", &[Value::Char('a'), Value::Char('b'), vec_fn]);
        assert!(shown(cx, r).contains("not a dispatching macro character"));
        let r = call(cx, "CL", "GET-DISPATCH-MACRO-CHARACTER", &[Value::Char('('), Value::Char('b')]);
        assert!(shown(cx, r).contains("not a dispatching macro character"));
        // The standard table is untouched by changes to the current one.
        call(cx, "CL", "SET-DISPATCH-MACRO-CHARACTER", &[Value::Char('#'), Value::Char('('), Value::Nil]).must();
        assert!(rd(cx, "#(1)").contains("no dispatch function"));
        let r = call(cx, "CL", "GET-DISPATCH-MACRO-CHARACTER", &[Value::Char('#'), Value::Char('('), Value::Nil]);
        assert_eq!(shown(cx, r), "#<FUNCTION>");
    });
}

#[test]
fn syntax_from_char() {
    with(|cx| {
        call(cx, "CL", "SET-SYNTAX-FROM-CHAR", &[Value::Char('!'), Value::Char('\'')]).must();
        assert_eq!(rd(cx, "!a"), "(QUOTE A)");
        call(cx, "CL", "SET-SYNTAX-FROM-CHAR", &[Value::Char('!'), Value::Char('#')]).must();
        assert_eq!(rd(cx, "!'a"), "(FUNCTION A)");
        // The dispatch table was copied, not shared.
        call(cx, "CL", "SET-DISPATCH-MACRO-CHARACTER", &[Value::Char('!'), Value::Char('\''), Value::Nil]).must();
        assert!(rd(cx, "!'a").contains("no dispatch function"));
        assert_eq!(rd(cx, "#'a"), "(FUNCTION A)");
        call(cx, "CL", "SET-SYNTAX-FROM-CHAR", &[Value::Char('!'), Value::Char(' ')]).must();
        assert_eq!(super::rd_all(cx, "a!b"), "A B");
        call(cx, "CL", "SET-SYNTAX-FROM-CHAR", &[Value::Char('!'), Value::Char('\\')]).must();
        assert_eq!(rd(cx, "a!b"), "Ab");
        call(cx, "CL", "SET-SYNTAX-FROM-CHAR", &[Value::Char('('), Value::Char('a')]).must();
        assert_eq!(rd(cx, "(a"), "(A");
        // Non-ASCII characters can be given syntax too.
        call(cx, "CL", "SET-SYNTAX-FROM-CHAR", &[Value::Char('«'), Value::Char('\'')]).must();
        assert_eq!(rd(cx, "«a"), "(QUOTE A)");
        call(cx, "CL", "SET-SYNTAX-FROM-CHAR", &[Value::Char('«'), Value::Char('a')]).must();
        assert_eq!(rd(cx, "«a"), "«A");
    });
}

#[test]
fn readtable_case_accessors() {
    with(|cx| {
        let rt = cx.g.s.readtable.value();
        let r = call(cx, "CL", "READTABLE-CASE", &[rt]);
        assert_eq!(shown(cx, r), ":UPCASE");
        for case in ["DOWNCASE", "PRESERVE", "INVERT", "UPCASE"] {
            let k = kw(cx, case);
            let r = call(cx, "SYS", "%SET-READTABLE-CASE", &[rt, k]);
            assert_eq!(shown(cx, r), format!(":{case}"));
            let r = call(cx, "CL", "READTABLE-CASE", &[rt]);
            assert_eq!(shown(cx, r), format!(":{case}"));
        }
        let k = kw(cx, "CAPITALIZE");
        let r = call(cx, "SYS", "%SET-READTABLE-CASE", &[rt, k]);
        assert!(shown(cx, r).starts_with("ERR TYPE-ERROR"));
        let r = call(cx, "CL", "READTABLE-CASE", &[Value::Nil]);
        assert!(shown(cx, r).starts_with("ERR TYPE-ERROR"));
    });
}

#[test]
fn bad_readtable_variable() {
    with(|cx| {
        cx.g.s.readtable.set(cx.mc, Value::Fixnum(1));
        assert!(rd(cx, "a").starts_with("ERR TYPE-ERROR"));
    });
}
