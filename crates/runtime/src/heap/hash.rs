//! Hash tables: entries in insertion order plus a hashbrown index of entry
//! positions, hashed and compared by the table's test (eq, eql, equal,
//! equalp). gc-arena never moves objects, so `eq` hashing uses addresses
//! (a table restored from an image must be `rehash`ed). A weak table
//! (`:weakness`) does not trace its entries: after each marking,
//! `heap/weak.rs` keeps alive what its weakness says and drops the rest.
//!
//! Lookups run under a shared borrow and only then is the table borrowed
//! mutably, so a test comparing keys that are hash tables (`equalp`), or
//! the table itself, never meets a borrow it conflicts with.

use gc_arena::collect::Trace;
use gc_arena::{Collect, Gc, Mutation, RefLock};

use super::equal::{hash_for, same};
use super::value::Value;

#[derive(Copy, Clone, PartialEq, Eq, Debug, Collect)]
#[collect(require_static)]
pub enum Test {
    Eq,
    Eql,
    Equal,
    Equalp,
}

/// A live entry: key, value and the key's hash under the table's test.
#[derive(Collect)]
#[collect(no_drop)]
pub struct Entry<'gc> {
    pub key: Value<'gc>,
    pub value: Value<'gc>,
    hash: u64,
}

/// What keeps an entry of a table alive (`:weakness`, as in SBCL).
#[derive(Copy, Clone, PartialEq, Eq, Debug, Collect)]
#[collect(require_static)]
pub enum Weakness {
    /// The table: an ordinary table.
    None,
    /// The key being alive elsewhere.
    Key,
    /// The value being alive elsewhere.
    Value,
    /// Both being alive elsewhere.
    KeyAndValue,
    /// Either being alive elsewhere.
    KeyOrValue,
}

pub struct HashData<'gc> {
    pub test: Test,
    pub weakness: Weakness,
    /// Live entries are `Some`; removed ones leave `None` until compaction.
    entries: Vec<Option<Entry<'gc>>>,
    /// Positions in `entries`, keyed by the hash of the entry's key.
    index: hashbrown::HashTable<u32>,
    pub count: usize,
    /// The `:size` asked for, as `hash-table-size` reports it.
    pub size: usize,
    pub rehash_size: Value<'gc>,
    pub rehash_threshold: Value<'gc>,
}

// SAFETY: every `Gc` pointer is traced, except in the entries of a weak
// table, which are removed by `heap/weak.rs` before their objects are
// swept (each collection finalizes weak tables between marking and
// sweeping: runtime.rs).
unsafe impl<'gc> Collect<'gc> for HashData<'gc> {
    fn trace<T: Trace<'gc>>(&self, cc: &mut T) {
        cc.trace(&self.rehash_size);
        cc.trace(&self.rehash_threshold);
        if self.weakness == Weakness::None {
            for e in self.entries.iter().flatten() {
                cc.trace(&e.key);
                cc.trace(&e.value);
            }
        }
    }
}

impl<'gc> HashData<'gc> {
    /// Removes the entries `keep` refuses (a weak table's dead ones).
    pub fn retain(&mut self, mut keep: impl FnMut(Value<'gc>, Value<'gc>) -> bool) {
        let before = self.count;
        for slot in self.entries.iter_mut() {
            if let Some(e) = slot {
                if !keep(e.key, e.value) {
                    *slot = None;
                    self.count -= 1;
                }
            }
        }
        if self.count != before {
            self.compact();
        }
    }
}

/// A hash table object (`Gc<HashTable>` is a `GcRefLock`).
pub type HashTable<'gc> = RefLock<HashData<'gc>>;

/// The size `hash-table-size` reports for a table made without `:size`.
pub const DEFAULT_SIZE: usize = 7;

impl<'gc> HashData<'gc> {
    /// The live entries, in insertion order.
    pub fn iter(&self) -> impl Iterator<Item = (Value<'gc>, Value<'gc>)> + '_ {
        self.entries.iter().flatten().map(|e| (e.key, e.value))
    }

    /// The position of `key`'s entry (by the table's test) if present.
    fn find(&self, hash: u64, key: Value<'gc>) -> Option<usize> {
        let entries = &self.entries;
        let test = self.test;
        self.index
            .find(hash, |&i| match entries.get(i as usize) {
                Some(Some(e)) => e.hash == hash && same(test, e.key, key),
                _ => false,
            })
            .map(|&i| i as usize)
    }

    /// Rebuilds the index over `entries`, dropping removed slots.
    fn compact(&mut self) {
        self.entries.retain(Option::is_some);
        self.reindex();
    }

    fn reindex(&mut self) {
        let HashData { entries, index, .. } = self;
        index.clear();
        for (i, e) in entries.iter().enumerate() {
            if let Some(e) = e {
                index.insert_unique(e.hash, i as u32, |&j| entry_hash(entries, j));
            }
        }
    }
}

fn entry_hash(entries: &[Option<Entry<'_>>], i: u32) -> u64 {
    match entries.get(i as usize) {
        Some(Some(e)) => e.hash,
        _ => 0,
    }
}

/// A fresh empty table with room for `size` entries (`:size`, a hint).
pub fn new_table<'gc>(mc: &Mutation<'gc>, test: Test, size: usize) -> Gc<'gc, HashTable<'gc>> {
    let room = size.min(1 << 16);
    Gc::new(
        mc,
        RefLock::new(HashData {
            test,
            weakness: Weakness::None,
            entries: Vec::with_capacity(room),
            index: hashbrown::HashTable::with_capacity(room),
            count: 0,
            size: if size == 0 { DEFAULT_SIZE } else { size },
            rehash_size: Value::Single(1.5),
            rehash_threshold: Value::Single(1.0),
        }),
    )
}

/// `gethash`: the value stored under `key`.
pub fn get<'gc>(table: Gc<'gc, HashTable<'gc>>, key: Value<'gc>) -> Option<Value<'gc>> {
    let d = table.borrow();
    let hash = hash_for(d.test, key);
    let i = d.find(hash, key)?;
    d.entries.get(i)?.as_ref().map(|e| e.value)
}

/// `(setf gethash)`: stores `value` under `key`, replacing any old value.
pub fn put<'gc>(table: Gc<'gc, HashTable<'gc>>, mc: &Mutation<'gc>, key: Value<'gc>, value: Value<'gc>) {
    let (hash, found) = {
        let d = table.borrow();
        let hash = hash_for(d.test, key);
        (hash, d.find(hash, key))
    };
    let mut d = table.borrow_mut(mc);
    if let Some(Some(e)) = found.and_then(|i| d.entries.get_mut(i)) {
        e.value = value;
        return;
    }
    if d.entries.len() >= u32::MAX as usize {
        d.compact();
    }
    let HashData { entries, index, count, .. } = &mut *d;
    let pos = entries.len() as u32;
    entries.push(Some(Entry { key, value, hash }));
    index.insert_unique(hash, pos, |&j| entry_hash(entries, j));
    *count += 1;
}

/// `remhash`: removes `key`'s entry; returns whether there was one.
pub fn remove<'gc>(table: Gc<'gc, HashTable<'gc>>, mc: &Mutation<'gc>, key: Value<'gc>) -> bool {
    let (hash, found) = {
        let d = table.borrow();
        let hash = hash_for(d.test, key);
        (hash, d.find(hash, key))
    };
    let Some(pos) = found else { return false };
    let mut d = table.borrow_mut(mc);
    if let Ok(slot) = d.index.find_entry(hash, |&i| i as usize == pos) {
        slot.remove();
    }
    if let Some(e) = d.entries.get_mut(pos) {
        *e = None;
    }
    d.count -= 1;
    let removed = d.entries.len() - d.count;
    if removed > 16 && removed > d.count {
        d.compact();
    }
    true
}

/// `clrhash`: removes every entry.
pub fn clear<'gc>(table: Gc<'gc, HashTable<'gc>>, mc: &Mutation<'gc>) {
    let mut d = table.borrow_mut(mc);
    d.entries.clear();
    d.index.clear();
    d.count = 0;
}

/// A snapshot of the live entries, in insertion order.
pub fn entries<'gc>(table: Gc<'gc, HashTable<'gc>>) -> Vec<(Value<'gc>, Value<'gc>)> {
    table.borrow().iter().collect()
}

/// Sets the entries to `pairs` without hashing the keys, for the
/// marshaller: `rehash` must follow before the table is used. (Images
/// restore every table first and then rehash them all, since hashing a key
/// may look into other objects that are still being filled in.)
pub fn restore_entries<'gc>(table: Gc<'gc, HashTable<'gc>>, mc: &Mutation<'gc>, pairs: Vec<(Value<'gc>, Value<'gc>)>) {
    let mut d = table.borrow_mut(mc);
    d.entries = pairs.into_iter().map(|(key, value)| Some(Entry { key, value, hash: 0 })).collect();
    d.count = d.entries.len();
}

/// Recomputes every key's hash (after the objects' addresses changed, as
/// when a table comes back from an image, or after keys were modified).
pub fn rehash<'gc>(table: Gc<'gc, HashTable<'gc>>, mc: &Mutation<'gc>) {
    let hashes: Vec<Option<u64>> = {
        let d = table.borrow();
        d.entries.iter().map(|e| e.as_ref().map(|e| hash_for(d.test, e.key))).collect()
    };
    let mut d = table.borrow_mut(mc);
    for (e, h) in d.entries.iter_mut().zip(hashes) {
        if let (Some(e), Some(h)) = (e, h) {
            e.hash = h;
        }
    }
    d.compact();
}
