//! Primitives: reader.

crate::natives! {}
