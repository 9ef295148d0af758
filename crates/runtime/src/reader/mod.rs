//! The Lisp reader (CLHS 2.2): a character loop driven by the current
//! readtable; logos classifies finished tokens (numbers vs symbols).

pub mod readtable;
