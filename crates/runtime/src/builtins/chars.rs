//! Primitives: chars.

crate::natives! {}
