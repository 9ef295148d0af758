//! Primitives: hash.

crate::natives! {}
