//! Primitives: symbols.

crate::natives! {}
