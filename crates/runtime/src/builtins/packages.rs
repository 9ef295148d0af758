//! Primitives: packages.

crate::natives! {}
