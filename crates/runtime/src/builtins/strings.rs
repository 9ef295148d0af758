//! Primitives: strings.

crate::natives! {}
