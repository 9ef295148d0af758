//! Tests of the package primitives (`packages.rs`).

use crate::builtins::testutil::{call, err, kw, l, ok, s, show as testutil_show, sys};
use crate::heap::Value;
use crate::runtime::Runtime;
use crate::vm::Cx;

fn values<'gc>(cx: &mut Cx<'gc, '_>, name: &str, args: &[Value<'gc>]) -> Vec<String> {
    let vals = call(cx, "CL", name, args).ok().expect("call succeeds");
    vals.into_iter().map(|v| show(cx, v)).collect()
}

fn shown<'gc>(cx: &mut Cx<'gc, '_>, name: &str, args: &[Value<'gc>]) -> String {
    let v = ok(cx, name, args);
    show(cx, v)
}

/// Printed forms with symbols shown by name (keywords with their colon),
/// whatever package they live in, so tests read the same from any package.
fn show<'gc>(cx: &mut Cx<'gc, '_>, v: Value<'gc>) -> String {
    match v {
        Value::Symbol(sym) if sym.has(crate::heap::symbol::flags::KEYWORD) => format!(":{}", sym.name),
        Value::Symbol(sym) => sym.name.to_string(),
        Value::Cons(_) => {
            let mut parts = Vec::new();
            let mut l = v;
            while let Value::Cons(c) = l {
                parts.push(show(cx, c.car()));
                l = c.cdr();
            }
            if !l.is_nil() {
                parts.push(".".into());
                parts.push(show(cx, l));
            }
            format!("({})", parts.join(" "))
        }
        other => testutil_show(cx, other),
    }
}

/// The error a SYS primitive signals (it must fail).
fn sys_err<'gc>(cx: &mut Cx<'gc, '_>, name: &str, args: &[Value<'gc>]) -> String {
    match call(cx, "SYS", name, args) {
        Ok(_) => panic!("{name} returned instead of failing"),
        Err(e) => crate::builtins::testutil::err_name(cx, e),
    }
}

fn kinds<'gc>(cx: &Cx<'gc, '_>, names: &[&str]) -> Value<'gc> {
    let ks: Vec<Value<'gc>> = names.iter().map(|n| kw(cx, n)).collect();
    crate::heap::list(cx.mc, &ks)
}

fn pkg<'gc>(cx: &mut Cx<'gc, '_>, name: &str) -> Value<'gc> {
    let n = s(cx, name);
    ok(cx, "MAKE-PACKAGE", &[n])
}

#[test]
fn making_finding_and_naming() {
    Runtime::new().with_cx(|cx| {
        let nick = kw(cx, "NICKNAMES");
        let use_ = kw(cx, "USE");
        let (name, nicks, uses) = (s(cx, "FOO"), l(cx, &[s(cx, "F1"), Value::Char('Z')]), l(cx, &[s(cx, "CL")]));
        let p = ok(cx, "MAKE-PACKAGE", &[name, nick, nicks, use_, uses]);
        assert!(matches!(p, Value::Package(_)));
        assert!(ok(cx, "FIND-PACKAGE", &[s(cx, "F1")]).eq(p));
        assert!(ok(cx, "FIND-PACKAGE", &[Value::Char('Z')]).eq(p));
        assert!(ok(cx, "FIND-PACKAGE", &[p]).eq(p));
        assert!(ok(cx, "FIND-PACKAGE", &[s(cx, "NOPE")]).is_nil());
        assert!(ok(cx, "PACKAGEP", &[p]).truthy());
        assert_eq!(shown(cx, "PACKAGE-NAME", &[p]), "\"FOO\"");
        assert_eq!(shown(cx, "PACKAGE-NICKNAMES", &[p]), "(\"F1\" \"Z\")");
        let uses = ok(cx, "PACKAGE-USE-LIST", &[p]);
        assert!(crate::heap::cons::car(uses).eq(Value::Package(cx.g.p.cl)));
        let users = ok(cx, "PACKAGE-USED-BY-LIST", &[Value::Package(cx.g.p.cl)]);
        assert!(crate::heap::cons::ListIter(users).any(|u| u.eq(p)));
        assert!(err(cx, "MAKE-PACKAGE", &[s(cx, "F1")]).starts_with("PACKAGE-ERROR"));
        assert!(err(cx, "MAKE-PACKAGE", &[s(cx, "BAR"), use_, l(cx, &[s(cx, "NOPE")])]).starts_with("PACKAGE-ERROR"));
        assert!(ok(cx, "FIND-PACKAGE", &[s(cx, "BAR")]).is_nil());
        let all = ok(cx, "LIST-ALL-PACKAGES", &[]);
        assert_eq!(crate::heap::cons::ListIter(all).filter(|x| x.eq(p)).count(), 1);
        assert!(err(cx, "PACKAGE-NAME", &[Value::Fixnum(3)]).starts_with("TYPE-ERROR"));
        assert!(err(cx, "PACKAGE-NAME", &[s(cx, "NOPE")]).starts_with("PACKAGE-ERROR"));
    });
}

#[test]
fn rename_and_delete() {
    Runtime::new().with_cx(|cx| {
        let p = pkg(cx, "OLD");
        let sym = call(cx, "CL", "INTERN", &[s(cx, "THING"), p]).ok().unwrap()[0];
        ok(cx, "RENAME-PACKAGE", &[p, s(cx, "NEW"), l(cx, &[s(cx, "N2")])]);
        assert!(ok(cx, "FIND-PACKAGE", &[s(cx, "OLD")]).is_nil());
        assert!(ok(cx, "FIND-PACKAGE", &[s(cx, "N2")]).eq(p));
        assert!(err(cx, "RENAME-PACKAGE", &[p, s(cx, "CL")]).starts_with("PACKAGE-ERROR"));
        let user = pkg(cx, "USER-OF-NEW");
        sys(cx, "%USE-PACKAGE", &[p, user]);
        assert!(ok(cx, "DELETE-PACKAGE", &[s(cx, "NEW")]).truthy());
        assert!(ok(cx, "FIND-PACKAGE", &[s(cx, "N2")]).is_nil());
        assert!(ok(cx, "PACKAGE-NAME", &[p]).is_nil());
        assert!(ok(cx, "PACKAGE-USE-LIST", &[user]).is_nil());
        assert!(ok(cx, "SYMBOL-PACKAGE", &[sym]).is_nil());
        assert!(ok(cx, "DELETE-PACKAGE", &[p]).is_nil());
        assert!(err(cx, "DELETE-PACKAGE", &[s(cx, "NEVER-WAS")]).starts_with("PACKAGE-ERROR"));
        assert!(err(cx, "INTERN", &[s(cx, "X"), p]).starts_with("PACKAGE-ERROR"));
    });
}

#[test]
fn interning_and_finding_symbols() {
    Runtime::new().with_cx(|cx| {
        let p = pkg(cx, "P1");
        assert_eq!(values(cx, "INTERN", &[s(cx, "A"), p]), ["A", "NIL"]);
        assert_eq!(values(cx, "INTERN", &[s(cx, "A"), p]), ["A", ":INTERNAL"]);
        assert_eq!(values(cx, "FIND-SYMBOL", &[s(cx, "A"), p]), ["A", ":INTERNAL"]);
        assert_eq!(values(cx, "FIND-SYMBOL", &[s(cx, "B"), p]), ["NIL", "NIL"]);
        assert_eq!(values(cx, "FIND-SYMBOL", &[s(cx, "CAR"), s(cx, "CL-USER")]), ["CAR", ":INHERITED"]);
        assert_eq!(values(cx, "FIND-SYMBOL", &[s(cx, "CAR"), s(cx, "CL")]), ["CAR", ":EXTERNAL"]);
        assert_eq!(values(cx, "INTERN", &[s(cx, "KW"), s(cx, "KEYWORD")]), [":KW", "NIL"]);
        let sym = cx.g.intern_in(cx.mc, "CL", "CAR");
        assert!(err(cx, "INTERN", &[sym, p]).starts_with("TYPE-ERROR"));
        // The default package is *package* (CL-USER).
        assert_eq!(values(cx, "FIND-SYMBOL", &[s(cx, "CONS")]), ["CONS", ":INHERITED"]);
    });
}

#[test]
fn export_import_and_conflicts() {
    Runtime::new().with_cx(|cx| {
        let lib = pkg(cx, "LIB");
        let app = pkg(cx, "APP");
        let foo = call(cx, "CL", "INTERN", &[s(cx, "FOO"), lib]).ok().unwrap()[0];
        sys(cx, "%EXPORT", &[foo, lib]);
        assert_eq!(values(cx, "FIND-SYMBOL", &[s(cx, "FOO"), lib]), ["FOO", ":EXTERNAL"]);
        // APP has its own FOO: using LIB conflicts, and nothing changes.
        let own = call(cx, "CL", "INTERN", &[s(cx, "FOO"), app]).ok().unwrap()[0];
        let e = sys_err(cx, "%USE-PACKAGE", &[lib, app]);
        assert!(e.starts_with("NAME-CONFLICT") && e.contains("FOO"), "{e}");
        assert!(ok(cx, "PACKAGE-USE-LIST", &[app]).is_nil());
        // Shadowing resolves it.
        ok(cx, "SHADOW", &[s(cx, "FOO"), app]);
        assert_eq!(shown(cx, "PACKAGE-SHADOWING-SYMBOLS", &[app]), "(FOO)");
        sys(cx, "%USE-PACKAGE", &[lib, app]);
        assert!(call(cx, "CL", "FIND-SYMBOL", &[s(cx, "FOO"), app]).ok().unwrap()[0].eq(own));
        // Exporting a symbol that clashes in a user package is refused.
        let bar = call(cx, "CL", "INTERN", &[s(cx, "BAR"), lib]).ok().unwrap()[0];
        call(cx, "CL", "INTERN", &[s(cx, "BAR"), app]).ok().unwrap();
        assert!(sys_err(cx, "%EXPORT", &[bar, lib]).starts_with("NAME-CONFLICT"));
        assert_eq!(values(cx, "FIND-SYMBOL", &[s(cx, "BAR"), lib]), ["BAR", ":INTERNAL"]);
        // Not accessible: error.
        let stray = ok(cx, "MAKE-SYMBOL", &[s(cx, "STRAY")]);
        assert!(sys_err(cx, "%EXPORT", &[stray, lib]).starts_with("PACKAGE-ERROR"));
        // Import of a clashing symbol fails; of a fresh one works and sets its home.
        assert!(sys_err(cx, "%IMPORT", &[bar, app]).starts_with("NAME-CONFLICT"));
        sys(cx, "%IMPORT", &[stray, app]);
        assert!(ok(cx, "SYMBOL-PACKAGE", &[stray]).eq(app));
        let car = cx.g.intern_in(cx.mc, "CL", "CAR");
        sys(cx, "%USE-PACKAGE", &[s(cx, "CL"), app]);
        let lib_car = call(cx, "CL", "INTERN", &[s(cx, "CAR"), lib]).ok().unwrap()[0];
        assert!(sys_err(cx, "%IMPORT", &[lib_car, app]).starts_with("NAME-CONFLICT"));
        // Shadowing-import replaces whatever was there.
        ok(cx, "SHADOWING-IMPORT", &[lib_car, app]);
        assert!(call(cx, "CL", "FIND-SYMBOL", &[s(cx, "CAR"), app]).ok().unwrap()[0].eq(lib_car));
        assert!(!lib_car.eq(car));
        // Unexport.
        ok(cx, "UNEXPORT", &[foo, lib]);
        assert_eq!(values(cx, "FIND-SYMBOL", &[s(cx, "FOO"), lib]), ["FOO", ":INTERNAL"]);
        assert!(err(cx, "UNEXPORT", &[stray, lib]).starts_with("PACKAGE-ERROR"));
        assert!(sys_err(cx, "%USE-PACKAGE", &[s(cx, "KEYWORD"), app]).starts_with("PACKAGE-ERROR"));
        ok(cx, "UNUSE-PACKAGE", &[lib, app]);
        assert!(!crate::heap::cons::ListIter(ok(cx, "PACKAGE-USE-LIST", &[app])).any(|u| u.eq(lib)));
    });
}

#[test]
fn two_used_packages_that_clash() {
    Runtime::new().with_cx(|cx| {
        let (a, b, c) = (pkg(cx, "PA"), pkg(cx, "PB"), pkg(cx, "PC"));
        for p in [a, b] {
            let x = call(cx, "CL", "INTERN", &[s(cx, "X"), p]).ok().unwrap()[0];
            sys(cx, "%EXPORT", &[x, p]);
        }
        assert!(sys_err(cx, "%USE-PACKAGE", &[l(cx, &[a, b]), c]).starts_with("NAME-CONFLICT"));
        assert!(ok(cx, "PACKAGE-USE-LIST", &[c]).is_nil());
        // With a shadowing X in C both can be used; uninterning it would expose the clash.
        ok(cx, "SHADOW", &[s(cx, "X"), c]);
        sys(cx, "%USE-PACKAGE", &[l(cx, &[a, b]), c]);
        let x = call(cx, "CL", "FIND-SYMBOL", &[s(cx, "X"), c]).ok().unwrap()[0];
        assert!(err(cx, "UNINTERN", &[x, c]).starts_with("NAME-CONFLICT"));
        ok(cx, "UNUSE-PACKAGE", &[b, c]);
        assert!(ok(cx, "UNINTERN", &[x, c]).truthy());
        assert!(ok(cx, "SYMBOL-PACKAGE", &[x]).is_nil());
        assert_eq!(values(cx, "FIND-SYMBOL", &[s(cx, "X"), c]), ["X", ":INHERITED"]);
        assert!(ok(cx, "UNINTERN", &[x, c]).is_nil());
    });
}

#[test]
fn listing_symbols() {
    Runtime::new().with_cx(|cx| {
        let (lib, app) = (pkg(cx, "L2"), pkg(cx, "A2"));
        let e = call(cx, "CL", "INTERN", &[s(cx, "E"), lib]).ok().unwrap()[0];
        sys(cx, "%EXPORT", &[e, lib]);
        call(cx, "CL", "INTERN", &[s(cx, "I"), lib]).ok().unwrap();
        sys(cx, "%USE-PACKAGE", &[lib, app]);
        call(cx, "CL", "INTERN", &[s(cx, "OWN"), app]).ok().unwrap();
        let k = kinds(cx, &["INHERITED"]);
        let v = sys(cx, "%PACKAGE-SYMBOLS", &[app, k]);
        assert_eq!(show(cx, v), "(E)");
        let k = kinds(cx, &["INTERNAL", "EXTERNAL"]);
        let both = call(cx, "SYS", "%PACKAGE-SYMBOLS", &[lib, k]).ok().unwrap()[0];
        assert_eq!(crate::heap::cons::ListIter(both).count(), 2);
        let k = kinds(cx, &["INTERNAL"]);
        let v = sys(cx, "%PACKAGE-SYMBOLS", &[app, k]);
        assert_eq!(show(cx, v), "(OWN)");
        let bad = kinds(cx, &["SOMETHING"]);
        assert!(call(cx, "SYS", "%PACKAGE-SYMBOLS", &[app, bad]).is_err());
        let found = ok(cx, "FIND-ALL-SYMBOLS", &[s(cx, "E")]);
        assert!(crate::heap::cons::ListIter(found).any(|x| x.eq(e)));
        assert!(ok(cx, "FIND-ALL-SYMBOLS", &[s(cx, "NO-SUCH-SYMBOL-ANYWHERE")]).is_nil());
    });
}

#[test]
fn local_nicknames_and_docs() {
    Runtime::new().with_cx(|cx| {
        let (lib, app) = (pkg(cx, "LONG-LIBRARY-NAME"), pkg(cx, "APP3"));
        let r = call(cx, "SYS", "%ADD-LOCAL-NICKNAME", &[app, s(cx, "LL"), lib]);
        assert!(r.is_ok());
        let nicknames = call(cx, "CLOVE", "PACKAGE-LOCAL-NICKNAMES", &[app]).ok().unwrap()[0];
        assert_eq!(show(cx, nicknames), "((\"LL\" . #<PACKAGE \"LONG-LIBRARY-NAME\">))");
        // Seen from APP3 only.
        assert!(ok(cx, "FIND-PACKAGE", &[s(cx, "LL")]).is_nil());
        let old = cx.g.s.package.value();
        cx.g.s.package.set(cx.mc, app);
        assert!(ok(cx, "FIND-PACKAGE", &[s(cx, "LL")]).eq(lib));
        cx.g.s.package.set(cx.mc, old);
        let other = pkg(cx, "OTHER3");
        assert!(call(cx, "SYS", "%ADD-LOCAL-NICKNAME", &[app, s(cx, "LL"), other]).is_err());
        assert!(call(cx, "SYS", "%ADD-LOCAL-NICKNAME", &[app, s(cx, "CL"), other]).is_err());
        let removed = call(cx, "SYS", "%REMOVE-LOCAL-NICKNAME", &[app, s(cx, "LL")]).ok().unwrap()[0];
        assert!(removed.truthy());
        assert!(call(cx, "CLOVE", "PACKAGE-LOCAL-NICKNAMES", &[app]).ok().unwrap()[0].is_nil());
        assert!(call(cx, "SYS", "%PACKAGE-DOC", &[app]).ok().unwrap()[0].is_nil());
        let doc = s(cx, "An app.");
        call(cx, "SYS", "%SET-PACKAGE-DOC", &[app, doc]).ok().unwrap();
        assert!(call(cx, "SYS", "%PACKAGE-DOC", &[app]).ok().unwrap()[0].eq(doc));
        assert!(call(cx, "SYS", "%SET-PACKAGE-DOC", &[app, Value::Fixnum(1)]).is_err());
    });
}
