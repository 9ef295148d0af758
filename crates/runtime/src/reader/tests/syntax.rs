//! Lists, dots, quote, comments, strings, escapes and end of file.

use super::{rd, rd_all, with};

#[test]
fn lists() {
    with(|cx| {
        assert_eq!(rd(cx, "(a b c)"), "(A B C)");
        assert_eq!(rd(cx, "()"), "NIL");
        assert_eq!(rd(cx, "( a  b\n\tc )"), "(A B C)");
        assert_eq!(rd(cx, "(a (b (c)) d)"), "(A (B (C)) D)");
        assert_eq!(rd(cx, "(a . b)"), "(A . B)");
        assert_eq!(rd(cx, "(a b . c)"), "(A B . C)");
        assert_eq!(rd(cx, "(a . (b c))"), "(A B C)");
        assert_eq!(rd(cx, "(a .b)"), "(A .B)");
        assert_eq!(rd(cx, "(a.b)"), "(A.B)");
        assert_eq!(rd(cx, "(a . ;c\n b)"), "(A . B)");
        assert_eq!(rd_all(cx, "a(b)c"), "A (B) C");
    });
}

#[test]
fn dot_errors() {
    with(|cx| {
        assert!(rd(cx, "( . a)").contains("nothing appears before . in list"));
        assert!(rd(cx, "(. )").contains("nothing appears before"));
        assert!(rd(cx, "(a . )").contains("nothing appears after . in list"));
        assert!(rd(cx, "(a . b c)").contains("more than one object follows . in list"));
        assert!(rd(cx, "(a . b . c)").starts_with("ERR READER-ERROR"));
        assert!(rd(cx, "(a . . b)").contains("more than one dot"));
        assert!(rd(cx, ".").contains("dot context error"));
        assert!(rd(cx, "'.").contains("dot context error"));
        assert!(rd(cx, "...").contains("only of dots"));
        assert!(rd(cx, "(a ..)").contains("only of dots"));
    });
}

#[test]
fn quote_and_comments() {
    with(|cx| {
        assert_eq!(rd(cx, "'a"), "(QUOTE A)");
        assert_eq!(rd(cx, "''a"), "(QUOTE (QUOTE A))");
        assert_eq!(rd(cx, "'(a 'b)"), "(QUOTE (A (QUOTE B)))");
        assert_eq!(rd(cx, "' ; comment\n a"), "(QUOTE A)");
        assert_eq!(rd(cx, "; first\n a ; second"), "A");
        assert_eq!(rd(cx, "(a ; ) not closed\n b)"), "(A B)");
        assert_eq!(rd_all(cx, "; only a comment"), "");
        assert_eq!(rd_all(cx, "  \n\t "), "");
    });
}

#[test]
fn strings() {
    with(|cx| {
        assert_eq!(rd(cx, r#""abc""#), r#""abc""#);
        assert_eq!(rd(cx, r#""a\"b\\c""#), r#""a\"b\\c""#);
        assert_eq!(rd(cx, r#""\a\b""#), r#""ab""#);
        assert_eq!(rd(cx, "\"line\nbreak\""), "\"line\\nbreak\"");
        assert_eq!(rd(cx, r#""""#), r#""""#);
        assert_eq!(rd(cx, r#"("a"b)"#), r#"("a" B)"#);
    });
}

#[test]
fn escapes() {
    with(|cx| {
        assert_eq!(rd(cx, "|a b|"), "a b");
        assert_eq!(rd(cx, "a\\ b"), "A B");
        assert_eq!(rd(cx, "a\\ \\b"), "A b");
        assert_eq!(rd(cx, "|a\\|b|c"), "a|bC");
        assert_eq!(rd(cx, "\\a"), "a");
        assert_eq!(rd(cx, "ab|cd|ef"), "ABcdEF");
        assert_eq!(rd(cx, "||"), "");
        assert_eq!(rd(cx, "|(|"), "(");
        assert_eq!(rd(cx, "\\("), "(");
        assert_eq!(rd(cx, "a\\;b"), "A;B");
    });
}

#[test]
fn end_of_file() {
    with(|cx| {
        for text in ["(a", "(a b", "\"abc", "|abc", "#|abc", "abc\\", "'", "`", "#", "#\\", "(a . ", "#(1", "#+clove"] {
            assert_eq!(rd(cx, text), "ERR END-OF-FILE", "{text:?}");
        }
        assert_eq!(rd_all(cx, ""), "");
        assert_eq!(rd_all(cx, "a"), "A");
        assert_eq!(rd_all(cx, "#+(or) a"), "");
    });
}

#[test]
fn unmatched_close() {
    with(|cx| {
        assert!(rd(cx, ")").contains("unmatched close parenthesis"));
        assert!(rd(cx, "(')").contains("unmatched close parenthesis"));
    });
}

#[test]
fn whitespace_and_constituents() {
    with(|cx| {
        assert_eq!(rd_all(cx, "a\u{c}b\rc"), "A B C");
        assert!(rd(cx, "a\u{7f}b").contains("invalid constituent"));
        assert!(rd(cx, "a\u{8}b").contains("invalid constituent"));
        assert_eq!(rd(cx, "|a\u{7f}b|"), "a\u{7f}b");
        assert_eq!(rd(cx, "λx"), "ΛX");
        assert_eq!(rd(cx, "straße"), "STRAßE");
    });
}
