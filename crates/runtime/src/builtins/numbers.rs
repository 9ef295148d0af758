//! Primitives: numbers.

crate::natives! {}
