//! Tests of the public Rust API and of details the SBCL table does not
//! show (expected types in type errors, random numbers, constants).
