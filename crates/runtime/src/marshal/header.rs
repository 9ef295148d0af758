//! The header every image and fasl starts with: a magic string, the kind
//! of file, the build id of the clove that wrote it, and a checksum of
//! the body. A file from another build is refused (its primitive numbers
//! and instruction encoding may differ), and so is a damaged one.

use super::wire::{checksum, corrupt, In, Out, Res};

const MAGIC: &[u8; 5] = b"CLOVE";
pub const IMAGE: u8 = b'I';
pub const FASL: u8 = b'F';

/// The id of this build: a hash of the runtime's Rust and Lisp sources
/// (computed by build.rs), so two builds from the same sources agree.
pub fn build_id() -> &'static str {
    env!("CLOVE_BUILD_ID")
}

/// True when `head` (the first bytes of a file) starts a fasl.
pub fn is_fasl_header(head: &[u8]) -> bool {
    head.len() > MAGIC.len() && &head[..MAGIC.len()] == MAGIC && head[MAGIC.len()] == FASL
}

/// True when `head` (the first bytes of a file) starts a fasl written by
/// this build: a fasl any other clove wrote must be compiled again.
pub fn is_current_fasl_header(head: &[u8]) -> bool {
    let mut inp = In::new(head);
    inp.take(MAGIC.len()).ok() == Some(&MAGIC[..])
        && inp.u8().ok() == Some(FASL)
        && inp.str().ok() == Some(build_id())
}

/// `body` behind a header of the given kind.
pub fn wrap(kind: u8, body: &[u8]) -> Vec<u8> {
    let mut out = Out::default();
    out.bytes.extend_from_slice(MAGIC);
    out.u8(kind);
    out.str(build_id());
    out.u64_raw(checksum(body));
    out.bytes.extend_from_slice(body);
    out.bytes
}

/// The body of `bytes` after checking its header.
pub fn unwrap(kind: u8, bytes: &[u8]) -> Res<&[u8]> {
    let what = if kind == IMAGE { "image" } else { "fasl" };
    let mut inp = In::new(bytes);
    if inp.take(MAGIC.len()).ok() != Some(&MAGIC[..]) || inp.u8()? != kind {
        return corrupt(format!("not a clove {what}"));
    }
    let id = inp.str()?;
    if id != build_id() {
        return corrupt(format!("{what} written by another clove build ({id}; this is {})", build_id()));
    }
    let sum = inp.u64_raw()?;
    let body = &bytes[inp.pos..];
    if checksum(body) != sum {
        return corrupt(format!("damaged {what} (checksum mismatch)"));
    }
    Ok(body)
}

/// Sets the checksum in the header of `bytes` (an image or a fasl) to
/// that of its body, so that a deliberately changed body reaches the
/// loader's checks (tests and fuzzing). False when there is no header.
pub fn reseal(bytes: &mut [u8]) -> bool {
    let mut inp = In::new(bytes);
    if inp.take(MAGIC.len()).ok() != Some(&MAGIC[..]) || inp.u8().is_err() || inp.str().is_err() {
        return false;
    }
    let at = inp.pos;
    let Some(body) = bytes.get(at + 8..) else { return false };
    let sum = checksum(body).to_le_bytes();
    bytes[at..at + 8].copy_from_slice(&sum);
    true
}

/// `bytes` (an image or a fasl, possibly from another build) with this
/// build's header over the same body (replaying fuzz inputs).
pub fn rewrap(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut inp = In::new(bytes);
    if inp.take(MAGIC.len()).ok() != Some(&MAGIC[..]) {
        return None;
    }
    let kind = inp.u8().ok()?;
    inp.str().ok()?;
    inp.u64_raw().ok()?;
    Some(wrap(kind, &bytes[inp.pos..]))
}
