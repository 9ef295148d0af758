//! Primitives: symbols (CLHS chapter 10) — names, home packages,
//! property lists, and making fresh symbols (`make-symbol`, `gensym`...).

use num_bigint::BigInt;

use super::args::{keyword_name, type_spec};
use super::lookup::{plist_get, plist_put, plist_remove};
use super::packages::package_arg;
use crate::heap::array::make_string;
use crate::heap::cons::list_to_vec;
use crate::heap::package::{find_symbol, intern};
use crate::heap::symbol::{flags, Symbol};
use crate::heap::{list, Value};
use crate::vm::{Cx, R};

crate::natives! {
    CL "SYMBOLP" 1 1 => symbolp;
    CL "KEYWORDP" 1 1 => keywordp;
    CL "SYMBOL-NAME" 1 1 => symbol_name;
    CL "SYMBOL-PACKAGE" 1 1 => symbol_package;
    CL "SYMBOL-PLIST" 1 1 => symbol_plist;
    SYS "%SET-SYMBOL-PLIST" 2 2 => set_symbol_plist;
    CL "GET" 2 3 => get;
    SYS "%PUT" 3 3 => put;
    CL "REMPROP" 2 2 => remprop;
    CL "MAKE-SYMBOL" 1 1 => make_symbol;
    CL "COPY-SYMBOL" 1 2 => copy_symbol;
    CL "GENSYM" 0 1 => gensym;
    CL "GENTEMP" 0 2 => gentemp;
}

fn symbolp<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    Ok(cx.bool(args[0].is_symbol()))
}

fn keywordp<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    Ok(cx.bool(keyword_name(cx, args[0]).is_some()))
}

fn symbol_name<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let s = cx.check_symbol(args[0])?;
    Ok(make_string(cx.mc, &s.name))
}

fn symbol_package<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    Ok(cx.check_symbol(args[0])?.package.get())
}

fn symbol_plist<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    Ok(cx.check_symbol(args[0])?.plist.get())
}

fn set_symbol_plist<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let s = cx.check_symbol(args[0])?;
    cx.check_list(args[1])?;
    Symbol::set_plist(s, cx.mc, args[1]);
    Ok(args[1])
}

fn get<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let s = cx.check_symbol(args[0])?;
    let default = args.get(2).copied().unwrap_or(Value::Nil);
    Ok(plist_get(cx, s.plist.get(), args[1])?.unwrap_or(default))
}

fn put<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let s = cx.check_symbol(args[0])?;
    let plist = plist_put(cx, s.plist.get(), args[1], args[2])?;
    Symbol::set_plist(s, cx.mc, plist);
    Ok(args[2])
}

fn remprop<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let s = cx.check_symbol(args[0])?;
    let (plist, removed) = plist_remove(cx, s.plist.get(), args[1])?;
    Symbol::set_plist(s, cx.mc, plist);
    Ok(cx.bool(removed))
}

fn make_symbol<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let name = cx.check_string(args[0])?;
    Ok(Value::Symbol(Symbol::new(cx.mc, &name, Value::Nil)))
}

fn copy_symbol<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let s = cx.check_symbol(args[0])?;
    let copy = Symbol::new(cx.mc, &s.name, Value::Nil);
    if args.get(1).is_some_and(|v| v.truthy()) {
        Symbol::set_value(copy, cx.mc, s.value());
        Symbol::set_function(copy, cx.mc, s.function.get());
        Symbol::set_setf_function(copy, cx.mc, s.setf_function.get());
        copy.set_flag(flags::MACRO, s.has(flags::MACRO));
        let plist = match list_to_vec(s.plist.get()) {
            Ok(items) => list(cx.mc, &items),
            Err(_) => s.plist.get(),
        };
        Symbol::set_plist(copy, cx.mc, plist);
    }
    Ok(Value::Symbol(copy))
}

/// The decimal text of a non-negative integer value.
fn decimal(v: Value<'_>) -> String {
    v.to_bigint().map(|n| n.to_string()).unwrap_or_default()
}

fn is_unsigned(v: Value<'_>) -> bool {
    match v {
        Value::Fixnum(n) => n >= 0,
        Value::Bignum(b) => b.0.sign() != num_bigint::Sign::Minus,
        _ => false,
    }
}

/// `n + 1` for a non-negative integer value.
fn successor<'gc>(cx: &Cx<'gc, '_>, n: Value<'gc>) -> Value<'gc> {
    match n {
        Value::Fixnum(k) => Value::int(cx.mc, k + 1),
        other => Value::from_bigint(cx.mc, other.to_bigint().unwrap_or_default() + BigInt::from(1)),
    }
}

fn gensym<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let counter = cx.g.s.gensym_counter;
    let (prefix, suffix) = match args.first() {
        None => ("G".to_string(), None),
        Some(&v) if is_unsigned(v) => ("G".to_string(), Some(v)),
        Some(&v) => match v.as_string() {
            Some(p) => (p, None),
            None => {
                let spec = type_spec(cx, "OR", &[cx.g.s.string.into(), cx.g.s.unsigned_byte.into()]);
                return Err(cx.type_error(v, spec));
            }
        },
    };
    let suffix = match suffix {
        Some(n) => n,
        None => {
            let n = counter.value();
            if !is_unsigned(n) {
                return Err(cx.type_error(n, cx.g.s.unsigned_byte.into()));
            }
            counter.set(cx.mc, successor(cx, n));
            n
        }
    };
    let name = format!("{prefix}{}", decimal(suffix));
    Ok(Value::Symbol(Symbol::new(cx.mc, &name, Value::Nil)))
}

/// `gentemp`: interns the first `prefix<n>` not already accessible.
fn gentemp<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let prefix = match args.first() {
        None => "T".to_string(),
        Some(&v) => cx.check_string(v)?,
    };
    let pkg = package_arg(cx, args.get(1).copied())?;
    let counter = cx.g.intern_in(cx.mc, "SYS", "*GENTEMP-COUNTER*");
    let counter = cx.g.sym(counter).ok_or_else(|| cx.simple_error("no gentemp counter"))?;
    loop {
        let n = match counter.value() {
            v if is_unsigned(v) => successor(cx, v),
            _ => Value::Fixnum(1),
        };
        Symbol::set_value(counter, cx.mc, n);
        let name = format!("{prefix}{}", decimal(n));
        if find_symbol(&pkg, &name).is_none() {
            return Ok(intern(pkg, cx.mc, &name).0);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::builtins::testutil::{err, kw, ok, s, shown, sym};
    use crate::runtime::Runtime;

    #[test]
    fn names_packages_and_predicates() {
        Runtime::new().with_cx(|cx| {
            let foo = sym(cx, "FOO");
            assert!(ok(cx, "SYMBOLP", &[foo]).truthy());
            assert!(ok(cx, "SYMBOLP", &[Value::Nil]).truthy());
            assert!(ok(cx, "SYMBOLP", &[s(cx, "FOO")]).is_nil());
            assert!(ok(cx, "KEYWORDP", &[kw(cx, "A")]).truthy());
            assert!(ok(cx, "KEYWORDP", &[foo]).is_nil());
            assert!(ok(cx, "KEYWORDP", &[Value::Nil]).is_nil());
            assert_eq!(shown(cx, "SYMBOL-NAME", &[foo]), "\"FOO\"");
            assert_eq!(shown(cx, "SYMBOL-NAME", &[Value::Nil]), "\"NIL\"");
            assert!(err(cx, "SYMBOL-NAME", &[Value::Fixnum(1)]).contains("EXPECTED-TYPE SYMBOL"));
            assert!(ok(cx, "SYMBOL-PACKAGE", &[foo]).eq(Value::Package(cx.g.p.user)));
            assert!(ok(cx, "SYMBOL-PACKAGE", &[Value::Nil]).eq(Value::Package(cx.g.p.cl)));
        });
    }

    #[test]
    fn property_lists() {
        Runtime::new().with_cx(|cx| {
            let (foo, color, size) = (sym(cx, "FOO"), sym(cx, "COLOR"), sym(cx, "SIZE"));
            assert_eq!(shown(cx, "GET", &[foo, color, Value::Fixnum(3)]), "3");
            crate::builtins::testutil::call(cx, "SYS", "%PUT", &[foo, color, sym(cx, "RED")]).ok().unwrap();
            crate::builtins::testutil::call(cx, "SYS", "%PUT", &[foo, size, Value::Fixnum(2)]).ok().unwrap();
            assert_eq!(shown(cx, "GET", &[foo, color]), "RED");
            assert_eq!(shown(cx, "SYMBOL-PLIST", &[foo]), "(SIZE 2 COLOR RED)");
            assert!(ok(cx, "REMPROP", &[foo, color]).truthy());
            assert!(ok(cx, "REMPROP", &[foo, color]).is_nil());
            assert_eq!(shown(cx, "SYMBOL-PLIST", &[foo]), "(SIZE 2)");
            let new = crate::builtins::testutil::ints(cx, &[]);
            crate::builtins::testutil::call(cx, "SYS", "%SET-SYMBOL-PLIST", &[foo, new]).ok().unwrap();
            assert!(ok(cx, "SYMBOL-PLIST", &[foo]).is_nil());
            assert!(crate::builtins::testutil::call(cx, "SYS", "%SET-SYMBOL-PLIST", &[foo, Value::Fixnum(1)]).is_err());
            assert!(err(cx, "GET", &[Value::Fixnum(1), color]).starts_with("TYPE-ERROR"));
            // NIL has a property list too.
            crate::builtins::testutil::call(cx, "SYS", "%PUT", &[Value::Nil, color, Value::Fixnum(1)]).ok().unwrap();
            assert_eq!(shown(cx, "GET", &[Value::Nil, color]), "1");
        });
    }

    fn gname<'gc>(cx: &mut Cx<'gc, '_>, f: &str, args: &[Value<'gc>]) -> String {
        let v = ok(cx, f, args);
        crate::heap::package::sym_name(v).to_string()
    }

    #[test]
    fn fresh_symbols() {
        Runtime::new().with_cx(|cx| {
            let m = ok(cx, "MAKE-SYMBOL", &[s(cx, "NEW")]);
            assert!(ok(cx, "SYMBOL-PACKAGE", &[m]).is_nil());
            assert!(err(cx, "MAKE-SYMBOL", &[sym(cx, "A")]).starts_with("TYPE-ERROR"));
            let foo = sym(cx, "FOO");
            crate::builtins::testutil::call(cx, "SYS", "%PUT", &[foo, foo, Value::Fixnum(1)]).ok().unwrap();
            let plain = ok(cx, "COPY-SYMBOL", &[foo]);
            assert!(ok(cx, "SYMBOL-PLIST", &[plain]).is_nil());
            let full = ok(cx, "COPY-SYMBOL", &[foo, cx.t()]);
            assert_eq!(shown(cx, "SYMBOL-PLIST", &[full]), "(FOO 1)");
            assert!(!ok(cx, "SYMBOL-PLIST", &[full]).eq(ok(cx, "SYMBOL-PLIST", &[foo])));

            cx.g.s.gensym_counter.set(cx.mc, Value::Fixnum(41));
            assert_eq!(gname(cx, "GENSYM", &[]), "G41");
            assert_eq!(gname(cx, "GENSYM", &[s(cx, "X")]), "X42");
            assert_eq!(gname(cx, "GENSYM", &[Value::Fixnum(7)]), "G7");
            assert_eq!(cx.g.s.gensym_counter.value().as_fixnum(), Some(43));
            assert!(err(cx, "GENSYM", &[Value::Fixnum(-1)]).contains("(OR STRING UNSIGNED-BYTE)"));
            assert!(err(cx, "GENSYM", &[sym(cx, "A")]).starts_with("TYPE-ERROR"));
            cx.g.s.gensym_counter.set(cx.mc, Value::Fixnum(-1));
            assert!(err(cx, "GENSYM", &[]).contains("UNSIGNED-BYTE"));
            cx.g.s.gensym_counter.set(cx.mc, Value::Fixnum(crate::heap::value::FIXNUM_MAX));
            ok(cx, "GENSYM", &[]);
            assert!(matches!(cx.g.s.gensym_counter.value(), Value::Bignum(_)));
            let g = ok(cx, "GENSYM", &[]);
            assert_eq!(shown(cx, "SYMBOL-NAME", &[g]), "\"G4611686018427387904\"");

            let t1 = ok(cx, "GENTEMP", &[s(cx, "TMP")]);
            assert_eq!(shown(cx, "SYMBOL-NAME", &[t1]), "\"TMP1\"");
            assert!(ok(cx, "SYMBOL-PACKAGE", &[t1]).eq(Value::Package(cx.g.p.user)));
            let t2 = ok(cx, "GENTEMP", &[s(cx, "TMP")]);
            assert_eq!(shown(cx, "SYMBOL-NAME", &[t2]), "\"TMP2\"");
            // Names already taken are skipped.
            sym(cx, "TMP3");
            assert_eq!(gname(cx, "GENTEMP", &[s(cx, "TMP")]), "TMP4");
        });
    }
}
