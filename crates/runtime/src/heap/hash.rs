//! Hash tables: entries in insertion order plus a hashbrown index of entry
//! positions, hashed and compared by the table's test (eq, eql, equal,
//! equalp). gc-arena never moves objects, so `eq` hashing uses addresses.

use gc_arena::{Collect, RefLock};

use super::value::Value;

#[derive(Copy, Clone, PartialEq, Eq, Debug, Collect)]
#[collect(require_static)]
pub enum Test {
    Eq,
    Eql,
    Equal,
    Equalp,
}

#[derive(Collect)]
#[collect(no_drop)]
pub struct HashData<'gc> {
    pub test: Test,
    /// Live entries are `Some((key, value))`; removed ones leave `None`.
    pub entries: Vec<Option<(Value<'gc>, Value<'gc>)>>,
    /// Positions in `entries`, keyed by the hash of the entry's key.
    pub index: hashbrown::HashTable<u32>,
    pub count: usize,
    pub rehash_size: Value<'gc>,
    pub rehash_threshold: Value<'gc>,
}

/// A hash table object (`Gc<HashTable>` is a `GcRefLock`).
pub type HashTable<'gc> = RefLock<HashData<'gc>>;
