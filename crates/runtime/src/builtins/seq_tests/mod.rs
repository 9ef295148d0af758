//! Unit tests of the array and sequence primitives, called the way Lisp
//! code calls them (through the VM, with stand-ins for other modules'
//! functions such as `<` and EVENP).

mod arrays;
mod sequences;
mod search;
mod remove;
mod sort;
mod sets;
mod support;
