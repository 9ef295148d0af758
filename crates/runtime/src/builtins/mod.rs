//! Primitives: the functions written in Rust. Each module holds a static
//! table (`NATIVES`) of `Native` descriptions made with `natives!`;
//! `install` binds them all to their symbols at startup.

use gc_arena::Mutation;

use crate::heap::function::{Function, Native};
use crate::heap::symbol::Symbol;
use crate::heap::Globals;

/// Declares a module's primitive table:
/// `natives! { CL "CAR" 1 1 => car; SYS "%FOO" 0 * => foo; }`
/// (`*` as the maximum means any number of arguments).
#[macro_export]
macro_rules! natives {
    (@max *) => { $crate::heap::function::MANY };
    (@max $n:literal) => { $n };
    ($($pkg:ident $name:literal $min:literal $max:tt => $f:path;)*) => {
        pub static NATIVES: &[$crate::heap::function::Native] = &[
            $($crate::heap::function::Native {
                name: $name,
                pkg: stringify!($pkg),
                min: $min,
                max: $crate::natives!(@max $max),
                f: $f,
            },)*
        ];
    };
}

pub mod args;
pub mod array_adjust;
pub mod arrays;
pub mod bit_arrays;
pub mod chars;
pub mod clos;
pub mod coerce;
pub mod core;
pub mod environment;
pub mod introspection;
pub mod eql_index;
pub mod format_float;
pub mod equality;
pub mod fasl;
pub mod digests;
pub mod files;
pub mod hash;
pub mod instances;
pub mod list_sets;
pub mod lists;
pub mod lookup;
pub mod numbers;
pub mod os;
pub mod packages;
pub mod printer;
pub mod reader;
pub mod seq_access;
pub mod seq_args;
pub mod seq_remove;
pub mod seq_search;
#[cfg(test)]
mod seq_tests;
pub mod seq_types;
pub mod sequences;
pub mod sort;
pub mod streams;
pub mod file_streams;
pub mod composite_streams;
pub mod strings;
pub mod symbols;
pub mod terminal;
#[cfg(test)]
pub mod testutil;
pub mod time;
pub mod trees;
pub mod types;
pub mod unicode;

/// Every primitive table, in installation order.
pub static TABLES: &[&[Native]] = &[
    core::NATIVES,
    instances::NATIVES,
    clos::NATIVES,
    crate::heap::limit::NATIVES,
    reader::NATIVES,
    printer::NATIVES,
    crate::printer::pretty_stream::NATIVES,
    numbers::NATIVES,
    equality::NATIVES,
    lists::NATIVES,
    lookup::NATIVES,
    symbols::NATIVES,
    chars::NATIVES,
    strings::NATIVES,
    hash::NATIVES,
    packages::NATIVES,
    streams::NATIVES,
    file_streams::NATIVES,
    composite_streams::NATIVES,
    os::NATIVES,
    terminal::NATIVES,
    arrays::NATIVES,
    array_adjust::NATIVES,
    bit_arrays::NATIVES,
    sequences::NATIVES,
    coerce::NATIVES,
    seq_search::NATIVES,
    seq_remove::NATIVES,
    sort::NATIVES,
    list_sets::NATIVES,
    trees::NATIVES,
    time::NATIVES,
    environment::NATIVES,
    introspection::NATIVES,
    types::NATIVES,
    fasl::NATIVES,
    format_float::NATIVES,
    digests::NATIVES,
    files::NATIVES,
    crate::os::env::NATIVES,
    crate::os::process::NATIVES,
    crate::os::fork::NATIVES,
    crate::compat::NATIVES,
];

/// Binds every primitive to its symbol's function cell.
pub fn install<'gc>(mc: &Mutation<'gc>, g: &Globals<'gc>) {
    for table in TABLES {
        for n in table.iter() {
            let sym = g.intern_in(mc, n.pkg, n.name);
            let s = g.sym(sym).expect("primitive name is a symbol");
            if n.pkg == "CL" || n.pkg == "CLOVE" || n.pkg == "UIOP" {
                let pkg = match n.pkg {
                    "CL" => g.p.cl,
                    "CLOVE" => g.p.clove,
                    _ => g.p.uiop,
                };
                let _ = crate::heap::package::export(pkg, mc, sym);
            }
            Symbol::set_function(s, mc, Function::native(mc, n, sym));
        }
    }
}
