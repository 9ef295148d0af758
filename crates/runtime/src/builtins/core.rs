//! Primitives: core.

crate::natives! {}
