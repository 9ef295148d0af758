//! Primitives: packages (CLHS chapter 11) and SBCL's package-local
//! nicknames. Every operation checks for name conflicts (CLHS 11.1.1.2.5)
//! before changing anything, and signals `package-error` naming the
//! symbols involved, so the Lisp layer can offer restarts around it.

use gc_arena::Gc;

use super::args::{error_with, keys};
use super::chars::designator_text;
use crate::heap::array::make_string;
use crate::heap::package::{self, find_present, find_symbol, sym_name, Package, Status};
use crate::heap::symbol::Symbol;
use crate::heap::{cons, list, Value};
use crate::vm::{Ctl, Cx, R};

crate::natives! {
    CL "MAKE-PACKAGE" 1 * => make_package;
    CL "FIND-PACKAGE" 1 1 => find_package;
    CL "PACKAGEP" 1 1 => packagep;
    CL "PACKAGE-NAME" 1 1 => package_name;
    CL "PACKAGE-NICKNAMES" 1 1 => package_nicknames;
    CL "PACKAGE-USE-LIST" 1 1 => package_use_list;
    CL "PACKAGE-USED-BY-LIST" 1 1 => package_used_by_list;
    CL "PACKAGE-SHADOWING-SYMBOLS" 1 1 => package_shadowing_symbols;
    CL "LIST-ALL-PACKAGES" 0 0 => list_all_packages;
    CL "RENAME-PACKAGE" 2 3 => rename_package;
    CL "DELETE-PACKAGE" 1 1 => delete_package;
    CL "INTERN" 1 2 => intern;
    CL "FIND-SYMBOL" 1 2 => find_symbol_;
    CL "UNINTERN" 1 2 => unintern;
    SYS "%EXPORT" 1 2 => export;
    CL "UNEXPORT" 1 2 => unexport;
    SYS "%IMPORT" 1 2 => import;
    CL "SHADOW" 1 2 => shadow;
    CL "SHADOWING-IMPORT" 1 2 => shadowing_import;
    SYS "%USE-PACKAGE" 1 2 => use_package;
    CL "UNUSE-PACKAGE" 1 2 => unuse_package;
    CL "FIND-ALL-SYMBOLS" 1 1 => find_all_symbols;
    SYS "%PACKAGE-SYMBOLS" 2 2 => package_symbols;
    SYS "%ADD-LOCAL-NICKNAME" 3 3 => add_local_nickname;
    SYS "%REMOVE-LOCAL-NICKNAME" 2 2 => remove_local_nickname;
    CLOVE "PACKAGE-LOCAL-NICKNAMES" 1 1 => package_local_nicknames;
    SYS "%PACKAGE-DOC" 1 1 => package_doc;
    SYS "%SET-PACKAGE-DOC" 2 2 => set_package_doc;
}

type Pkg<'gc> = Gc<'gc, Package<'gc>>;

/// A `package-error` about `pkg` with a format control and arguments.
fn package_error<'gc>(cx: &Cx<'gc, '_>, pkg: Value<'gc>, control: &str, args: &[Value<'gc>]) -> Ctl<'gc> {
    let mut err = error_with(cx, cx.g.s.package_error.into(), control, args);
    if let Ctl::Error(spec) = &mut err {
        spec.initargs.extend([cx.g.s.kw_package.into(), pkg]);
    }
    err
}

/// The package named `name` (a name, nickname, or local nickname in the
/// current package).
fn lookup<'gc>(cx: &Cx<'gc, '_>, name: &str) -> Option<Pkg<'gc>> {
    if let Value::Package(current) = cx.g.s.package.value() {
        if let Some((_, p)) = current.borrow().local_nicknames.iter().find(|(n, _)| n == name) {
            return Some(*p);
        }
    }
    cx.g.find_package(name)
}

/// The package a designator denotes, if any (a package object stands for itself).
pub fn find_designated<'gc>(cx: &Cx<'gc, '_>, v: Value<'gc>) -> Result<Option<Pkg<'gc>>, Ctl<'gc>> {
    match v {
        Value::Package(p) => Ok(Some(p)),
        _ => Ok(lookup(cx, &designator_text(cx, v)?)),
    }
}

/// A package argument: the designated live package, or `*package*` when
/// absent; a `package-error` when there is no such package.
pub fn package_arg<'gc>(cx: &Cx<'gc, '_>, v: Option<Value<'gc>>) -> Result<Pkg<'gc>, Ctl<'gc>> {
    let v = v.unwrap_or_else(|| cx.g.s.package.value());
    match find_designated(cx, v)? {
        Some(p) if !p.borrow().deleted => Ok(p),
        Some(p) => Err(package_error(cx, Value::Package(p), "The package ~S has been deleted.", &[Value::Package(p)])),
        None => Err(package_error(cx, v, "The name ~S does not designate any package.", &[v])),
    }
}

fn str_value<'gc>(cx: &Cx<'gc, '_>, s: &str) -> Value<'gc> {
    make_string(cx.mc, s)
}

fn name_value<'gc>(cx: &Cx<'gc, '_>, p: Pkg<'gc>) -> Value<'gc> {
    let name = package::name(&p);
    str_value(cx, &name)
}

/// The names in a designator for a list of string designators.
fn names_arg<'gc>(cx: &Cx<'gc, '_>, v: Value<'gc>) -> Result<Vec<String>, Ctl<'gc>> {
    match v {
        Value::Nil => Ok(Vec::new()),
        Value::Cons(_) => super::args::proper_list(cx, v)?.into_iter().map(|x| designator_text(cx, x)).collect(),
        other => Ok(vec![designator_text(cx, other)?]),
    }
}

/// The symbols in a designator for a list of symbols (NIL is the empty list).
fn symbols_arg<'gc>(cx: &Cx<'gc, '_>, v: Value<'gc>) -> Result<Vec<Value<'gc>>, Ctl<'gc>> {
    let items = match v {
        Value::Nil => return Ok(Vec::new()),
        Value::Symbol(_) => return Ok(vec![v]),
        _ => super::args::proper_list(cx, v)?,
    };
    for &s in &items {
        cx.check_symbol(s)?;
    }
    Ok(items)
}

/// The packages in a designator for a list of package designators.
fn packages_arg<'gc>(cx: &Cx<'gc, '_>, v: Value<'gc>) -> Result<Vec<Pkg<'gc>>, Ctl<'gc>> {
    let items = match v {
        Value::Nil => Vec::new(),
        Value::Cons(_) => super::args::proper_list(cx, v)?,
        other => vec![other],
    };
    items.into_iter().map(|x| package_arg(cx, Some(x))).collect()
}

fn same_pkg<'gc>(a: Pkg<'gc>, b: Pkg<'gc>) -> bool {
    Gc::ptr_eq(a, b)
}

/// Adds `name` → `p` to the global registry.
fn register<'gc>(cx: &Cx<'gc, '_>, name: String, p: Pkg<'gc>) {
    cx.mc.forward_barrier(None, Gc::erase(p));
    // SAFETY: the only pointer the registry adopts is `p`, which the forward
    // barrier above has marked reachable for any collection in progress.
    unsafe { cx.g.packages.as_ref_cell() }.borrow_mut().insert(name, p);
}

/// Removes every name under which `p` is registered.
fn unregister<'gc>(cx: &Cx<'gc, '_>, p: Pkg<'gc>) {
    // SAFETY: removing entries adopts no new pointers.
    unsafe { cx.g.packages.as_ref_cell() }.borrow_mut().retain(|_, q| !same_pkg(*q, p));
}

/// A `package-error` if `name` already names a package other than `except`.
fn check_name_free<'gc>(cx: &Cx<'gc, '_>, name: &str, except: Option<Pkg<'gc>>) -> Result<(), Ctl<'gc>> {
    match cx.g.find_package(name) {
        Some(other) if except.is_none_or(|e| !same_pkg(e, other)) => {
            let n = str_value(cx, name);
            Err(package_error(cx, Value::Package(other), "A package named ~S already exists.", &[n]))
        }
        _ => Ok(()),
    }
}

/// Conflicts among the external symbols of `used` (packages to be used
/// together by `this`), and with the symbols accessible in `this`.
fn use_conflict<'gc>(cx: &Cx<'gc, '_>, this: Pkg<'gc>, used: &[Pkg<'gc>]) -> Result<(), Ctl<'gc>> {
    let mut seen: std::collections::HashMap<String, Value<'gc>> = std::collections::HashMap::new();
    for &u in used {
        if this.borrow().uses.iter().any(|&x| same_pkg(x, u)) || same_pkg(this, u) {
            continue;
        }
        if let Some(c) = package::use_conflicts(this, u).into_iter().next() {
            return Err(conflict_error(cx, this, "USE-PACKAGE", &c.symbols));
        }
        for (name, &sym) in u.borrow().external.iter() {
            let shadowed = find_present(&this, name).is_some();
            match seen.get(&name.to_string()) {
                Some(&other) if !other.eq(sym) && !shadowed => {
                    return Err(conflict_error(cx, this, "USE-PACKAGE", &[sym, other]));
                }
                _ => {
                    seen.insert(name.to_string(), sym);
                }
            }
        }
    }
    Ok(())
}

/// A `clove:name-conflict` (a package-error naming the clashing symbols);
/// the Lisp wrappers in lisp-lib/boot/07-packages.lisp offer restarts that
/// resolve it.
fn conflict_error<'gc>(cx: &Cx<'gc, '_>, pkg: Pkg<'gc>, op: &str, symbols: &[Value<'gc>]) -> Ctl<'gc> {
    let control = format!("{op} causes a name conflict in ~A between the symbols ~{{~S~^, ~}}.");
    let syms = list(cx.mc, symbols);
    let mut err = package_error(cx, Value::Package(pkg), &control, &[name_value(cx, pkg), syms]);
    if let Ctl::Error(spec) = &mut err {
        spec.kind = cx.g.intern_in(cx.mc, "CLOVE", "NAME-CONFLICT");
        let kw = |n: &str| cx.g.intern_in(cx.mc, "KEYWORD", n);
        spec.initargs.extend([kw("SYMBOLS"), syms, kw("OPERATION"), cx.g.intern_in(cx.mc, "CL", op)]);
    }
    err
}

fn make_package<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let [nicknames, use_] = keys(cx, &args[1..], ["NICKNAMES", "USE"])?;
    let name = designator_text(cx, args[0])?;
    let nicks = names_arg(cx, nicknames.unwrap_or(Value::Nil))?;
    for n in std::iter::once(&name).chain(&nicks) {
        check_name_free(cx, n, None)?;
    }
    let used = packages_arg(cx, use_.unwrap_or(Value::Nil))?;
    let p = package::new(cx.mc, &name);
    use_conflict(cx, p, &used)?;
    p.borrow_mut(cx.mc).nicknames = nicks.clone();
    for u in used {
        package::use_package(p, cx.mc, u);
    }
    register(cx, name, p);
    for n in nicks {
        register(cx, n, p);
    }
    Ok(Value::Package(p))
}

fn find_package<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    Ok(find_designated(cx, args[0])?.map_or(Value::Nil, Value::Package))
}

fn packagep<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    Ok(cx.bool(matches!(args[0], Value::Package(_))))
}

/// A package designator that may name a deleted package object.
fn any_package<'gc>(cx: &Cx<'gc, '_>, v: Value<'gc>) -> Result<Pkg<'gc>, Ctl<'gc>> {
    match v {
        Value::Package(p) => Ok(p),
        _ => package_arg(cx, Some(v)),
    }
}

fn package_name<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let p = any_package(cx, args[0])?;
    if p.borrow().deleted {
        return Ok(Value::Nil);
    }
    Ok(name_value(cx, p))
}

fn package_nicknames<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let p = any_package(cx, args[0])?;
    let names: Vec<Value<'gc>> = p.borrow().nicknames.iter().map(|n| str_value(cx, n)).collect();
    Ok(list(cx.mc, &names))
}

fn package_list<'gc>(cx: &Cx<'gc, '_>, ps: &[Pkg<'gc>]) -> Value<'gc> {
    let items: Vec<Value<'gc>> = ps.iter().map(|&p| Value::Package(p)).collect();
    list(cx.mc, &items)
}

fn package_use_list<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let p = any_package(cx, args[0])?;
    let uses = p.borrow().uses.clone();
    Ok(package_list(cx, &uses))
}

fn package_used_by_list<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let p = any_package(cx, args[0])?;
    let users = p.borrow().used_by.clone();
    Ok(package_list(cx, &users))
}

fn package_shadowing_symbols<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let p = any_package(cx, args[0])?;
    let syms = p.borrow().shadowing.clone();
    Ok(list(cx.mc, &syms))
}

/// Every registered package once, ordered by name.
fn all_packages<'gc>(cx: &Cx<'gc, '_>) -> Vec<Pkg<'gc>> {
    let mut ps: Vec<Pkg<'gc>> = Vec::new();
    for &p in cx.g.packages.borrow().values() {
        if !ps.iter().any(|&q| same_pkg(p, q)) {
            ps.push(p);
        }
    }
    ps.sort_by_key(|p| package::name(p));
    ps
}

fn list_all_packages<'gc>(cx: &mut Cx<'gc, '_>, _args: &[Value<'gc>]) -> R<'gc> {
    let ps = all_packages(cx);
    Ok(package_list(cx, &ps))
}

fn rename_package<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let p = package_arg(cx, Some(args[0]))?;
    let name = match args[1] {
        Value::Package(q) => package::name(&q),
        other => designator_text(cx, other)?,
    };
    let nicks = names_arg(cx, args.get(2).copied().unwrap_or(Value::Nil))?;
    for n in std::iter::once(&name).chain(&nicks) {
        check_name_free(cx, n, Some(p))?;
    }
    unregister(cx, p);
    {
        let mut d = p.borrow_mut(cx.mc);
        d.name = name.clone();
        d.nicknames = nicks.clone();
    }
    register(cx, name, p);
    for n in nicks {
        register(cx, n, p);
    }
    Ok(Value::Package(p))
}

fn delete_package<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let p = match args[0] {
        Value::Package(p) if p.borrow().deleted => return Ok(Value::Nil),
        Value::Package(p) => p,
        other => match find_designated(cx, other)? {
            Some(p) => p,
            None => return Err(package_error(cx, other, "There is no package named ~S.", &[other])),
        },
    };
    let (users, uses) = {
        let d = p.borrow();
        (d.used_by.clone(), d.uses.clone())
    };
    for u in users {
        package::unuse_package(u, cx.mc, p);
    }
    for u in uses {
        package::unuse_package(p, cx.mc, u);
    }
    for other in all_packages(cx) {
        let has = other.borrow().local_nicknames.iter().any(|(_, q)| same_pkg(*q, p));
        if has {
            other.borrow_mut(cx.mc).local_nicknames.retain(|(_, q)| !same_pkg(*q, p));
        }
    }
    let present: Vec<Value<'gc>> = {
        let d = p.borrow();
        d.internal.values().chain(d.external.values()).copied().collect()
    };
    for sym in present {
        if let Value::Symbol(s) = sym {
            if matches!(s.package.get(), Value::Package(h) if same_pkg(h, p)) {
                Symbol::set_package(s, cx.mc, Value::Nil);
            }
        }
    }
    unregister(cx, p);
    let mut d = p.borrow_mut(cx.mc);
    d.internal.clear();
    d.external.clear();
    d.shadowing.clear();
    d.local_nicknames.clear();
    d.deleted = true;
    Ok(cx.t())
}

fn status_value<'gc>(cx: &Cx<'gc, '_>, st: Option<Status>) -> Value<'gc> {
    let name = match st {
        None => return Value::Nil,
        Some(Status::Internal) => "INTERNAL",
        Some(Status::External) => "EXTERNAL",
        Some(Status::Inherited) => "INHERITED",
    };
    cx.g.intern_in(cx.mc, "KEYWORD", name)
}

fn intern<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let name = cx.check_string(args[0])?;
    let p = package_arg(cx, args.get(1).copied())?;
    let (sym, st) = package::intern(p, cx.mc, &name);
    let st = status_value(cx, st);
    cx.values(vec![sym, st])
}

fn find_symbol_<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let name = cx.check_string(args[0])?;
    let p = package_arg(cx, args.get(1).copied())?;
    match find_symbol(&p, &name) {
        Some((sym, st)) => {
            let st = status_value(cx, Some(st));
            cx.values(vec![sym, st])
        }
        None => cx.values(vec![Value::Nil, Value::Nil]),
    }
}

/// The distinct external symbols named `name` in the packages `p` uses.
fn inherited_candidates<'gc>(p: Pkg<'gc>, name: &str) -> Vec<Value<'gc>> {
    let mut out: Vec<Value<'gc>> = Vec::new();
    for u in p.borrow().uses.iter() {
        if let Some(&s) = u.borrow().external.get(name) {
            if !out.iter().any(|o| o.eq(s)) {
                out.push(s);
            }
        }
    }
    out
}

fn is_home<'gc>(sym: Value<'gc>, p: Pkg<'gc>) -> bool {
    matches!(sym, Value::Symbol(s) if matches!(s.package.get(), Value::Package(h) if same_pkg(h, p)))
}

fn unintern<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let sym = args[0];
    cx.check_symbol(sym)?;
    let p = package_arg(cx, args.get(1).copied())?;
    let name = sym_name(sym);
    match find_present(&p, name) {
        Some((present, _)) if present.eq(sym) => {}
        _ => return Ok(Value::Nil),
    }
    let shadowing = p.borrow().shadowing.iter().any(|s| s.eq(sym));
    if shadowing {
        let exposed = inherited_candidates(p, name);
        if exposed.len() > 1 {
            return Err(conflict_error(cx, p, "UNINTERN", &exposed));
        }
    }
    package::remove_present(p, cx.mc, sym);
    if is_home(sym, p) {
        if let Some(s) = cx.g.sym(sym) {
            Symbol::set_package(s, cx.mc, Value::Nil);
        }
    }
    Ok(cx.t())
}

/// A `package-error` unless every symbol is accessible in `p`.
fn check_accessible<'gc>(cx: &Cx<'gc, '_>, p: Pkg<'gc>, syms: &[Value<'gc>], op: &str) -> Result<(), Ctl<'gc>> {
    for &sym in syms {
        match find_symbol(&p, sym_name(sym)) {
            Some((v, _)) if v.eq(sym) => {}
            _ => {
                let control = format!("{op}: the symbol ~S is not accessible in package ~A.");
                return Err(package_error(cx, Value::Package(p), &control, &[sym, name_value(cx, p)]));
            }
        }
    }
    Ok(())
}

fn export<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let syms = symbols_arg(cx, args[0])?;
    let p = package_arg(cx, args.get(1).copied())?;
    check_accessible(cx, p, &syms, "EXPORT")?;
    let users = p.borrow().used_by.clone();
    for &sym in &syms {
        let name = sym_name(sym);
        for &u in &users {
            if let Some((other, _)) = find_symbol(&u, name) {
                let shadowed = u.borrow().shadowing.iter().any(|s| s.eq(other));
                if !other.eq(sym) && !shadowed {
                    return Err(conflict_error(cx, u, "EXPORT", &[sym, other]));
                }
            }
        }
    }
    for sym in syms {
        if package::export(p, cx.mc, sym).is_err() {
            return Err(conflict_error(cx, p, "EXPORT", &[sym]));
        }
    }
    Ok(cx.t())
}

fn unexport<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let syms = symbols_arg(cx, args[0])?;
    let p = package_arg(cx, args.get(1).copied())?;
    if same_pkg(p, cx.g.p.keyword) {
        return Err(package_error(
            cx,
            Value::Package(p),
            "Symbols cannot be unexported from the KEYWORD package.",
            &[],
        ));
    }
    check_accessible(cx, p, &syms, "UNEXPORT")?;
    for sym in syms {
        package::unexport(p, cx.mc, sym);
    }
    Ok(cx.t())
}

fn import<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let syms = symbols_arg(cx, args[0])?;
    let p = package_arg(cx, args.get(1).copied())?;
    for (i, &sym) in syms.iter().enumerate() {
        let name = sym_name(sym);
        if let Some((other, _)) = find_symbol(&p, name) {
            if !other.eq(sym) {
                return Err(conflict_error(cx, p, "IMPORT", &[sym, other]));
            }
        }
        if let Some(&other) = syms[..i].iter().find(|o| sym_name(**o) == name && !o.eq(sym)) {
            return Err(conflict_error(cx, p, "IMPORT", &[sym, other]));
        }
    }
    for sym in syms {
        if !matches!(find_present(&p, sym_name(sym)), Some((v, _)) if v.eq(sym)) {
            package::add_present(p, cx.mc, sym, false);
        }
        if let Some(s) = cx.g.sym(sym) {
            if s.package.get().is_nil() && sym.truthy() {
                Symbol::set_package(s, cx.mc, Value::Package(p));
            }
        }
    }
    Ok(cx.t())
}

fn shadow<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let names = names_arg(cx, args[0])?;
    let p = package_arg(cx, args.get(1).copied())?;
    for name in names {
        package::shadow(p, cx.mc, &name);
    }
    Ok(cx.t())
}

fn shadowing_import<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let syms = symbols_arg(cx, args[0])?;
    let p = package_arg(cx, args.get(1).copied())?;
    for sym in syms {
        if let Some((old, _)) = find_present(&p, sym_name(sym)) {
            if !old.eq(sym) && is_home(old, p) {
                if let Some(s) = cx.g.sym(old) {
                    Symbol::set_package(s, cx.mc, Value::Nil);
                }
            }
        }
        package::shadowing_import(p, cx.mc, sym);
    }
    Ok(cx.t())
}

fn use_package<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let used = packages_arg(cx, args[0])?;
    let p = package_arg(cx, args.get(1).copied())?;
    if let Some(&k) = used.iter().find(|&&u| same_pkg(u, cx.g.p.keyword)) {
        return Err(package_error(
            cx,
            Value::Package(k),
            "The KEYWORD package cannot be used by another package.",
            &[],
        ));
    }
    use_conflict(cx, p, &used)?;
    for u in used {
        package::use_package(p, cx.mc, u);
    }
    Ok(cx.t())
}

fn unuse_package<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let used = packages_arg(cx, args[0])?;
    let p = package_arg(cx, args.get(1).copied())?;
    for u in used {
        package::unuse_package(p, cx.mc, u);
    }
    Ok(cx.t())
}

fn find_all_symbols<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let name = designator_text(cx, args[0])?;
    let mut out: Vec<Value<'gc>> = Vec::new();
    for p in all_packages(cx) {
        if let Some((s, _)) = find_present(&p, &name) {
            if !out.iter().any(|o| o.eq(s)) {
                out.push(s);
            }
        }
    }
    Ok(list(cx.mc, &out))
}

/// `(%package-symbols package kinds)`: the symbols of the given kinds
/// (`:internal`, `:external`, `:inherited`), for `do-symbols` and `loop`.
fn package_symbols<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let p = package_arg(cx, Some(args[0]))?;
    let kinds = super::args::proper_list(cx, args[1])?;
    let mut want = [false; 3];
    for k in kinds {
        match super::args::keyword_name(cx, k) {
            Some("INTERNAL") => want[0] = true,
            Some("EXTERNAL") => want[1] = true,
            Some("INHERITED") => want[2] = true,
            _ => {
                let spec = super::args::type_spec(
                    cx,
                    "MEMBER",
                    &[
                        cx.g.intern_in(cx.mc, "KEYWORD", "INTERNAL"),
                        cx.g.intern_in(cx.mc, "KEYWORD", "EXTERNAL"),
                        cx.g.intern_in(cx.mc, "KEYWORD", "INHERITED"),
                    ],
                );
                return Err(cx.type_error(k, spec));
            }
        }
    }
    let mut out: Vec<Value<'gc>> = Vec::new();
    {
        let d = p.borrow();
        if want[0] {
            out.extend(d.internal.values().copied());
        }
        if want[1] {
            out.extend(d.external.values().copied());
        }
    }
    if want[2] {
        let uses = p.borrow().uses.clone();
        for u in uses {
            let externals: Vec<(&str, Value<'gc>)> = u.borrow().external.iter().map(|(k, &v)| (k, v)).collect();
            for (name, sym) in externals {
                if matches!(find_symbol(&p, name), Some((v, Status::Inherited)) if v.eq(sym))
                    && !out.iter().any(|o| o.eq(sym))
                {
                    out.push(sym);
                }
            }
        }
    }
    Ok(list(cx.mc, &out))
}

/// `(%add-local-nickname package nickname target)`, as SBCL's
/// `add-package-local-nickname`.
fn add_local_nickname<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let p = package_arg(cx, Some(args[0]))?;
    let nick = designator_text(cx, args[1])?;
    let target = package_arg(cx, Some(args[2]))?;
    if ["COMMON-LISP", "CL", "KEYWORD", ""].contains(&nick.as_str()) {
        let n = str_value(cx, &nick);
        return Err(package_error(cx, Value::Package(p), "~S cannot be used as a package local nickname.", &[n]));
    }
    let existing = p.borrow().local_nicknames.iter().find(|(n, _)| *n == nick).map(|(_, q)| *q);
    match existing {
        Some(q) if same_pkg(q, target) => {}
        Some(q) => {
            let n = str_value(cx, &nick);
            return Err(package_error(
                cx,
                Value::Package(p),
                "~S is already a package local nickname for ~A.",
                &[n, name_value(cx, q)],
            ));
        }
        None => p.borrow_mut(cx.mc).local_nicknames.push((nick, target)),
    }
    Ok(Value::Package(p))
}

fn remove_local_nickname<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let p = package_arg(cx, Some(args[0]))?;
    let nick = designator_text(cx, args[1])?;
    let had = p.borrow().local_nicknames.iter().any(|(n, _)| *n == nick);
    if had {
        p.borrow_mut(cx.mc).local_nicknames.retain(|(n, _)| *n != nick);
    }
    Ok(cx.bool(had))
}

fn package_local_nicknames<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let p = any_package(cx, args[0])?;
    let pairs: Vec<(String, Pkg<'gc>)> = p.borrow().local_nicknames.clone();
    let items: Vec<Value<'gc>> =
        pairs.into_iter().map(|(n, q)| cons(cx.mc, str_value(cx, &n), Value::Package(q))).collect();
    Ok(list(cx.mc, &items))
}

fn package_doc<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let p = any_package(cx, args[0])?;
    let doc = p.borrow().doc;
    Ok(doc)
}

fn set_package_doc<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let p = any_package(cx, args[0])?;
    if !(args[1].is_nil() || args[1].is_string()) {
        return Err(
            cx.type_error(args[1], super::args::type_spec(cx, "OR", &[cx.g.s.string.into(), cx.g.s.null.into()]))
        );
    }
    p.borrow_mut(cx.mc).doc = args[1];
    Ok(args[1])
}

#[cfg(test)]
#[path = "packages_tests.rs"]
mod tests;
