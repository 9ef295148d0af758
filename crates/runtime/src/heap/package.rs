//! Packages: name, nicknames, present symbols (internal and external),
//! shadowing symbols, use lists and local nicknames. The lookup and
//! mutation rules of CLHS chapter 11 live here; conflicts are reported as
//! `Conflict` so the caller can signal a `package-error` with restarts.

use std::hash::BuildHasher;

use hashbrown::{DefaultHashBuilder, HashTable};

use gc_arena::{Collect, Gc, Mutation, RefLock};

use super::symbol::{flags, Symbol};
use super::value::Value;

#[derive(Copy, Clone, PartialEq, Eq, Debug)]
pub enum Status {
    Internal,
    External,
    Inherited,
}

#[derive(Collect)]
#[collect(no_drop)]
pub struct PackageData<'gc> {
    pub name: String,
    pub nicknames: Vec<String>,
    pub internal: SymbolTable<'gc>,
    pub external: SymbolTable<'gc>,
    pub shadowing: Vec<Value<'gc>>,
    pub uses: Vec<Gc<'gc, Package<'gc>>>,
    pub used_by: Vec<Gc<'gc, Package<'gc>>>,
    pub local_nicknames: Vec<(String, Gc<'gc, Package<'gc>>)>,
    pub doc: Value<'gc>,
    /// Set by `delete-package`: the object survives but has no name.
    pub deleted: bool,
}

/// A package object: its data behind a lock (`Gc<Package>` is a `GcRefLock`).
pub type Package<'gc> = RefLock<PackageData<'gc>>;

/// A name conflict (CLHS 11.1.1.2.5): the symbols that would clash.
pub struct Conflict<'gc> {
    pub name: String,
    pub symbols: Vec<Value<'gc>>,
}

/// A set of symbols (NIL among them) found by name: each is filed under
/// its own name, which the table does not copy.
#[derive(Collect, Default)]
#[collect(no_drop)]
pub struct SymbolTable<'gc> {
    table: HashTable<Value<'gc>>,
    #[collect(require_static)]
    hasher: DefaultHashBuilder,
}

impl<'gc> SymbolTable<'gc> {
    pub fn with_capacity(n: usize) -> Self {
        SymbolTable { table: HashTable::with_capacity(n), hasher: DefaultHashBuilder::default() }
    }
    fn hash(&self, name: &str) -> u64 {
        self.hasher.hash_one(name)
    }
    /// The symbol named `name`.
    pub fn get(&self, name: &str) -> Option<&Value<'gc>> {
        self.table.find(self.hash(name), |v| sym_name(*v) == name)
    }
    pub fn contains_key(&self, name: &str) -> bool {
        self.get(name).is_some()
    }
    /// Files `sym` under its name, replacing the symbol of that name.
    pub fn insert(&mut self, sym: Value<'gc>) {
        let name = sym_name(sym);
        let hash = self.hash(name);
        let hasher = &self.hasher;
        match self.table.entry(hash, |v| sym_name(*v) == name, |v| hasher.hash_one(sym_name(*v))) {
            hashbrown::hash_table::Entry::Occupied(mut e) => *e.get_mut() = sym,
            hashbrown::hash_table::Entry::Vacant(e) => {
                e.insert(sym);
            }
        }
    }
    /// Removes the symbol named `name`, returning it.
    pub fn remove(&mut self, name: &str) -> Option<Value<'gc>> {
        let hash = self.hash(name);
        self.table.find_entry(hash, |v| sym_name(*v) == name).ok().map(|e| e.remove().0)
    }
    pub fn clear(&mut self) {
        self.table.clear()
    }
    pub fn len(&self) -> usize {
        self.table.len()
    }
    pub fn is_empty(&self) -> bool {
        self.table.is_empty()
    }
    /// The names of the symbols, in no particular order.
    pub fn keys(&self) -> impl Iterator<Item = &'gc str> + '_ {
        self.table.iter().map(|v| sym_name(*v))
    }
    pub fn values(&self) -> impl Iterator<Item = &Value<'gc>> + '_ {
        self.table.iter()
    }
    /// Each symbol with its name.
    pub fn iter(&self) -> impl Iterator<Item = (&'gc str, &Value<'gc>)> + '_ {
        self.table.iter().map(|v| (sym_name(*v), v))
    }
}

pub fn sym_name<'gc>(v: Value<'gc>) -> &'gc str {
    match v {
        Value::Symbol(s) => &s.as_ref().name,
        _ => "NIL",
    }
}

pub fn new<'gc>(mc: &Mutation<'gc>, name: &str) -> Gc<'gc, Package<'gc>> {
    Gc::new(
        mc,
        RefLock::new(PackageData {
                name: name.to_string(),
                nicknames: Vec::new(),
                internal: SymbolTable::default(),
                external: SymbolTable::default(),
                shadowing: Vec::new(),
                uses: Vec::new(),
                used_by: Vec::new(),
                local_nicknames: Vec::new(),
                doc: Value::Nil,
                deleted: false,
            }),
    )
}

pub fn name(this: &Package<'_>) -> String {
    this.borrow().name.clone()
}

/// The symbol present in this package under `name`, with its status.
pub fn find_present<'gc>(this: &Package<'gc>, name: &str) -> Option<(Value<'gc>, Status)> {
    let d = this.borrow();
    if let Some(&v) = d.external.get(name) {
        return Some((v, Status::External));
    }
    d.internal.get(name).map(|&v| (v, Status::Internal))
}

/// `find-symbol`: present symbols first, then external symbols of used packages.
pub fn find_symbol<'gc>(this: &Package<'gc>, name: &str) -> Option<(Value<'gc>, Status)> {
    if let Some(found) = find_present(this, name) {
        return Some(found);
    }
    let d = this.borrow();
    for u in &d.uses {
        if let Some(&v) = u.borrow().external.get(name) {
            return Some((v, Status::Inherited));
        }
    }
    None
}

/// `intern`: the accessible symbol, or a fresh one made present as internal
/// (external for the keyword package, which also makes it a constant).
pub fn intern<'gc>(this: Gc<'gc, Package<'gc>>, mc: &Mutation<'gc>, name: &str) -> (Value<'gc>, Option<Status>) {
    if let Some((v, st)) = find_symbol(&this, name) {
        return (v, Some(st));
    }
    let sym = Symbol::new(mc, name, Value::Package(this));
    let v = Value::Symbol(sym);
    let keyword = this.borrow().name == "KEYWORD";
    let mut d = this.borrow_mut(mc);
    if keyword {
        sym.set_flag(flags::KEYWORD | flags::CONSTANT, true);
        Symbol::set_value(sym, mc, v);
        d.external.insert(v);
    } else {
        d.internal.insert(v);
    }
    (v, None)
}

/// Makes `sym` present (as internal unless already present), without checks.
pub fn add_present<'gc>(this: Gc<'gc, Package<'gc>>, mc: &Mutation<'gc>, sym: Value<'gc>, external: bool) {
    let name = sym_name(sym);
    let mut d = this.borrow_mut(mc);
    if external {
        d.internal.remove(name);
        d.external.insert(sym);
    } else if !d.external.contains_key(name) {
        d.internal.insert(sym);
    }
}

/// `export` of one accessible symbol; `Err` lists conflicts in using packages.
pub fn export<'gc>(this: Gc<'gc, Package<'gc>>, mc: &Mutation<'gc>, sym: Value<'gc>) -> Result<(), Conflict<'gc>> {
    let name = sym_name(sym);
    match find_symbol(&this, name) {
        Some((v, Status::External)) if v.eq(sym) => return Ok(()),
        Some((v, _)) if v.eq(sym) => {}
        _ => return Err(Conflict { name: name.to_string(), symbols: vec![sym] }),
    }
    for user in this.borrow().used_by.iter() {
        if let Some((other, _)) = find_symbol(user, name) {
            let shadowed = user.borrow().shadowing.iter().any(|s| s.eq(other));
            if !other.eq(sym) && !shadowed {
                return Err(Conflict { name: name.to_string(), symbols: vec![sym, other] });
            }
        }
    }
    add_present(this, mc, sym, true);
    Ok(())
}

pub fn unexport<'gc>(this: Gc<'gc, Package<'gc>>, mc: &Mutation<'gc>, sym: Value<'gc>) -> bool {
    let name = sym_name(sym);
    let mut d = this.borrow_mut(mc);
    match d.external.get(name) {
        Some(v) if v.eq(sym) => {
            d.external.remove(name);
            d.internal.insert(sym);
            true
        }
        _ => false,
    }
}

/// `import`: `Err` when a different symbol of that name is accessible.
pub fn import<'gc>(this: Gc<'gc, Package<'gc>>, mc: &Mutation<'gc>, sym: Value<'gc>) -> Result<(), Conflict<'gc>> {
    let name = sym_name(sym);
    match find_symbol(&this, name) {
        Some((v, st)) if v.eq(sym) => {
            if st == Status::Inherited {
                add_present(this, mc, sym, false);
            }
            Ok(())
        }
        Some((v, Status::Inherited)) => {
            let _ = v;
            add_present(this, mc, sym, false);
            Ok(())
        }
        Some((v, _)) => Err(Conflict { name: name.to_string(), symbols: vec![sym, v] }),
        None => {
            add_present(this, mc, sym, false);
            Ok(())
        }
    }
}

/// Removes `sym` if present; returns whether it was.
pub fn remove_present<'gc>(this: Gc<'gc, Package<'gc>>, mc: &Mutation<'gc>, sym: Value<'gc>) -> bool {
    let name = sym_name(sym);
    let mut d = this.borrow_mut(mc);
    let found = d.internal.get(name).is_some_and(|v| v.eq(sym)) || d.external.get(name).is_some_and(|v| v.eq(sym));
    if found {
        d.internal.remove(name);
        d.external.remove(name);
        d.shadowing.retain(|s| !s.eq(sym));
    }
    found
}

/// The conflicts that `use-package` of `used` into `this` would cause.
pub fn use_conflicts<'gc>(this: Gc<'gc, Package<'gc>>, used: Gc<'gc, Package<'gc>>) -> Vec<Conflict<'gc>> {
    let mut out = Vec::new();
    let ud = used.borrow();
    let d = this.borrow();
    for (name, &sym) in ud.external.iter() {
        if let Some((other, _)) = find_symbol(&this, name) {
            let shadowed = d.shadowing.iter().any(|s| s.eq(other));
            if !other.eq(sym) && !shadowed {
                out.push(Conflict { name: name.to_string(), symbols: vec![sym, other] });
            }
        }
    }
    out
}

pub fn use_package<'gc>(this: Gc<'gc, Package<'gc>>, mc: &Mutation<'gc>, used: Gc<'gc, Package<'gc>>) {
    if Gc::ptr_eq(this, used) || this.borrow().uses.iter().any(|u| Gc::ptr_eq(*u, used)) {
        return;
    }
    this.borrow_mut(mc).uses.push(used);
    used.borrow_mut(mc).used_by.push(this);
}

pub fn unuse_package<'gc>(this: Gc<'gc, Package<'gc>>, mc: &Mutation<'gc>, used: Gc<'gc, Package<'gc>>) {
    this.borrow_mut(mc).uses.retain(|u| !Gc::ptr_eq(*u, used));
    used.borrow_mut(mc).used_by.retain(|u| !Gc::ptr_eq(*u, this));
}

/// `shadow`: ensures a present symbol named `name` and marks it shadowing.
pub fn shadow<'gc>(this: Gc<'gc, Package<'gc>>, mc: &Mutation<'gc>, name: &str) {
    let sym = match find_present(&this, name) {
        Some((v, _)) => v,
        None => {
            let s = Value::Symbol(Symbol::new(mc, name, Value::Package(this)));
            add_present(this, mc, s, false);
            s
        }
    };
    let mut d = this.borrow_mut(mc);
    if !d.shadowing.iter().any(|s| s.eq(sym)) {
        d.shadowing.push(sym);
    }
}

/// `shadowing-import`: replaces any present symbol of that name.
pub fn shadowing_import<'gc>(this: Gc<'gc, Package<'gc>>, mc: &Mutation<'gc>, sym: Value<'gc>) {
    let name = sym_name(sym);
    if let Some((old, _)) = find_present(&this, name) {
        if !old.eq(sym) {
            remove_present(this, mc, old);
        }
    }
    add_present(this, mc, sym, false);
    let mut d = this.borrow_mut(mc);
    if !d.shadowing.iter().any(|s| s.eq(sym)) {
        d.shadowing.push(sym);
    }
}
