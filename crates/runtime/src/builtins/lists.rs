//! Primitives: lists.

crate::natives! {}
