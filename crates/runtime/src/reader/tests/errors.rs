//! Error reports (position, file name), end of file and nesting limits.

use std::io::Write;

use super::Must;
use super::{describe, rd, with};
use crate::heap::Value;
use crate::reader::{read, MAX_DEPTH};
use crate::streams::{Cleanup, Elem, FileStream, Kind, StreamData};
use crate::vm::Ctl;

#[test]
fn positions_in_messages() {
    with(|cx| {
        assert_eq!(rd(cx, ")"), "ERR READER-ERROR: READ error at line 1, column 1: unmatched close parenthesis");
        assert_eq!(rd(cx, "\n\n  )"), "ERR READER-ERROR: READ error at line 3, column 3: unmatched close parenthesis");
        assert_eq!(
            rd(cx, "(a\n  b . c d)"),
            "ERR READER-ERROR: READ error at line 2, column 9: more than one object follows . in list"
        );
        assert_eq!(
            rd(cx, "\"~a\" ~)"),
            "ERR READER-ERROR: READ error at line 1, column 7: unmatched close parenthesis"
        );
    });
}

/// The report of the error reading `text` (its format control).
fn message<'gc>(cx: &mut crate::vm::Cx<'gc, '_>, text: &str) -> String {
    let Value::Stream(s) = StreamData::string_input(cx.mc, text) else { unreachable!() };
    match read(cx, s, true, Value::Nil, false, false) {
        Err(Ctl::Error(spec)) => spec
            .initargs
            .chunks(2)
            .find(|kv| cx.g.s.kw_format_control.is(kv[0]))
            .and_then(|kv| kv[1].as_string())
            .unwrap_or_default(),
        _ => "no error".into(),
    }
}

/// An end of file inside an object names where the object began (the
/// outermost one: a list, a string, a quote, a block comment).
#[test]
fn end_of_file_names_the_start_of_the_form() {
    with(|cx| {
        assert_eq!(
            message(cx, "(a b"),
            "READ error at line 1, column 4: end of file in a form starting at line 1, column 0"
        );
        assert_eq!(
            message(cx, "  ; note\n\n    (defun f (x)\n  (list \"x"),
            "READ error at line 4, column 10: end of file in a form starting at line 3, column 4"
        );
        assert!(message(cx, "\n #| never closed").ends_with("end of file in a form starting at line 2, column 1"));
        assert!(message(cx, "   '").ends_with("end of file in a form starting at line 1, column 3"));
        assert!(message(cx, "|abc").ends_with("end of file in a form starting at line 1, column 0"));
        // End of file before any object is no form's.
        assert_eq!(message(cx, "   "), "READ error at line 1, column 3: end of file");
    });
}

/// A package marker with nothing after it is not a symbol: a lone colon
/// (or two) is a reader error, while `:||` is the keyword named "".
#[test]
fn lone_colon() {
    with(|cx| {
        for text in [":", ": ", "::", "(a : b)", ":)"] {
            let got = rd(cx, text);
            assert!(got.starts_with("ERR READER-ERROR") && got.contains("missing symbol name after the package marker"), "{text:?}: {got}");
        }
        let empty = super::read(cx, ":||").must();
        assert_eq!(crate::heap::package::sym_name(empty), "");
        assert!(cx.g.p.keyword.borrow().external.get("").is_some_and(|k| k.eq(empty)));
        assert_eq!(rd(cx, ":a"), ":A");
    });
}

#[test]
fn reader_error_initargs() {
    with(|cx| {
        let e = super::read(cx, ")").err().must();
        let Ctl::Error(spec) = e else { panic!("not an error") };
        assert!(cx.g.s.reader_error.is(spec.kind));
        assert!(spec.initargs.chunks(2).any(|kv| cx.g.s.kw_stream.is(kv[0]) && matches!(kv[1], Value::Stream(_))));
        assert!(spec.initargs.chunks(2).any(|kv| cx.g.s.kw_format_arguments.is(kv[0]) && kv[1].is_nil()));
        // Tildes in the message are escaped for FORMAT.
        let e = super::read(cx, "~a:b").err().must();
        assert_eq!(describe(cx, &e), "READER-ERROR: READ error at line 1, column 4: package ~~A does not exist");
    });
}

#[test]
fn file_name_in_messages() {
    let path = std::env::temp_dir().join(format!("clove-reader-test-{}.lisp", std::process::id()));
    let mut f = std::fs::File::create(&path).must();
    f.write_all(b"(a\n b))\n").must();
    drop(f);
    let name = path.to_string_lossy().to_string();
    with(|cx| {
        let file = std::fs::File::open(&path).must();
        let kind = Kind::File(Box::new(FileStream::new(Some(file), name.clone(), Elem::Char, false, Cleanup::None)));
        let Value::Stream(s) = StreamData::new_value(cx.mc, kind, true, false) else { unreachable!() };
        let v = read(cx, s, true, Value::Nil, false, false).must();
        assert_eq!(super::show(cx, v), "(A B)");
        let e = read(cx, s, true, Value::Nil, false, false).err().must();
        assert_eq!(
            describe(cx, &e),
            format!("READER-ERROR: READ error at line 2, column 4 of {name}: unmatched close parenthesis")
        );
    });
    let _ = std::fs::remove_file(&path);
}

#[test]
fn end_of_file_inside_objects() {
    with(|cx| {
        let eof = cx.g.intern_in(cx.mc, "KEYWORD", "EOF");
        for (text, expect) in [
            ("", ":EOF"),
            ("  ; c\n ", ":EOF"),
            ("#| c |#", ":EOF"),
            ("(a", "ERR END-OF-FILE"),
            ("'", "ERR END-OF-FILE"),
            ("a", "A"),
        ] {
            let Value::Stream(s) = StreamData::string_input(cx.mc, text) else { unreachable!() };
            let got = match read(cx, s, false, eof, false, false) {
                Ok(v) => super::show(cx, v),
                Err(e) => format!("ERR {}", describe(cx, &e)),
            };
            assert_eq!(got, expect, "{text:?}");
        }
    });
}

#[test]
fn deep_nesting() {
    with(|cx| {
        let n = MAX_DEPTH - 1;
        let ok = format!("{}a{}", "(".repeat(n), ")".repeat(n));
        assert!(super::read(cx, &ok).is_ok());
        let too_deep = "(".repeat(MAX_DEPTH + 1);
        assert!(rd(cx, &too_deep).contains("nested more than"));
        assert!(rd(cx, &format!("{}a", "'".repeat(MAX_DEPTH + 5))).contains("nested more than"));
        assert!(super::read(cx, &format!("{}a", "'".repeat(n))).is_ok());
        assert!(rd(cx, &"#(".repeat(MAX_DEPTH + 1)).contains("nested more than"));
        assert!(rd(cx, &format!("`{}", "(`".repeat(MAX_DEPTH))).contains("nested more than"));
        assert!(rd(cx, &"#+clove ".repeat(MAX_DEPTH + 1)).contains("nested more than"));
        assert!(rd(cx, &"#c".repeat(MAX_DEPTH + 1)).contains("nested more than"));
        // Long flat input is not nesting.
        let long = format!("({})", "a ".repeat(200_000));
        assert!(super::read(cx, &long).is_ok());
        let comments = "; x\n".repeat(100_000) + "a";
        assert_eq!(rd(cx, &comments), "A");
    });
}
