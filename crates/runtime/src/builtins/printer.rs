//! Primitives: printer.

crate::natives! {}
