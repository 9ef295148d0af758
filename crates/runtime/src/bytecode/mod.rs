//! The bytecode: instructions (`Op`) and code objects (`Code`). Plain data
//! written by the compiler, run by the VM, and serialised into
//! fasls and images by the same marshaller, which has every code object
//! it reads checked by the verifier (`verify.rs`).

pub mod code;
pub mod codec;
pub mod op;
pub mod verify;

pub use code::{Body, Capture, Code, ImageBytes, KeySpec, LambdaShape, LazyBody};
pub use op::Op;
