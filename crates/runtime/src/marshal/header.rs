//! The header every image and fasl starts with: a magic string, the kind
//! of file, the build id of the clove that wrote it, the length of the
//! body and a checksum of it. A file from another build is refused (its
//! primitive numbers and instruction encoding may differ), and so is a
//! damaged one.
//!
//! Since the header gives the body's length, fasls concatenate: after a
//! body may come another header and body (`cat a.fasl b.fasl > c.fasl`,
//! what UIOP's `combine-fasls` does), each part checked when the loader
//! reaches it (`fasl.rs`). An image is one part.

use super::wire::{checksum, corrupt, In, Out, Res};

const MAGIC: &[u8; 5] = b"CLOVE";
pub const IMAGE: u8 = b'I';
pub const FASL: u8 = b'F';

/// The id of this build: a hash of the runtime's Rust and Lisp sources
/// (computed by build.rs), so two builds from the same sources agree.
pub fn build_id() -> &'static str {
    env!("CLOVE_BUILD_ID")
}

/// The length of this build's headers.
pub fn header_len() -> usize {
    let mut out = Out::default();
    out.str(build_id());
    MAGIC.len() + 1 + out.bytes.len() + 8 + 8
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
    out.u64_raw(body.len() as u64);
    out.u64_raw(checksum(body));
    out.bytes.extend_from_slice(body);
    out.bytes
}

/// The part of `bytes` that starts at `start` with a header of the given
/// kind: the range of its body (which ends the part) after checking the
/// header and the body's checksum.
pub fn part(kind: u8, bytes: &[u8], start: usize) -> Res<std::ops::Range<usize>> {
    let what = if kind == IMAGE { "image" } else { "fasl" };
    let mut inp = In { bytes, pos: start };
    if inp.take(MAGIC.len()).ok() != Some(&MAGIC[..]) || inp.u8().ok() != Some(kind) {
        return corrupt(format!("not a clove {what}"));
    }
    let Ok(id) = inp.str() else { return corrupt(format!("damaged {what} (truncated header)")) };
    if id != build_id() {
        return corrupt(format!("{what} written by another clove build ({id}; this is {})", build_id()));
    }
    let (Ok(len), Ok(sum)) = (inp.u64_raw(), inp.u64_raw()) else { return corrupt(format!("damaged {what} (truncated header)")) };
    let body = inp.pos;
    let end = match usize::try_from(len).ok().and_then(|n| body.checked_add(n)) {
        Some(end) if end <= bytes.len() => end,
        _ => return corrupt(format!("damaged {what} (truncated: {len} bytes expected, {} present)", bytes.len() - body)),
    };
    if checksum(&bytes[body..end]) != sum {
        return corrupt(format!("damaged {what} (checksum mismatch)"));
    }
    Ok(body..end)
}

/// The body of `bytes`, a file of one part, after checking its header.
pub fn unwrap(kind: u8, bytes: &[u8]) -> Res<&[u8]> {
    let body = part(kind, bytes, 0)?;
    if body.end != bytes.len() {
        let what = if kind == IMAGE { "image" } else { "fasl" };
        return corrupt(format!("damaged {what} (data after its end)"));
    }
    Ok(&bytes[body])
}

/// The position of the length and checksum in the header at the start of
/// `bytes`, if there is one.
fn sealed_fields(bytes: &[u8]) -> Option<usize> {
    let mut inp = In::new(bytes);
    if inp.take(MAGIC.len()).ok() != Some(&MAGIC[..]) || inp.u8().is_err() || inp.str().is_err() {
        return None;
    }
    (bytes.len() >= inp.pos + 16).then_some(inp.pos)
}

/// Sets the length and checksum in the header of `bytes` (an image or a
/// fasl of one part) to those of the rest, so that a deliberately changed
/// body reaches the loader's checks (tests and fuzzing). False when there
/// is no header.
pub fn reseal(bytes: &mut [u8]) -> bool {
    let Some(at) = sealed_fields(bytes) else { return false };
    let body = &bytes[at + 16..];
    let (len, sum) = ((body.len() as u64).to_le_bytes(), checksum(body).to_le_bytes());
    bytes[at..at + 8].copy_from_slice(&len);
    bytes[at + 8..at + 16].copy_from_slice(&sum);
    true
}

/// `bytes` (an image or a fasl of one part from another build) with this
/// build's header over the same body (replaying fuzz inputs); `None` when
/// there is no header or it is this build's.
pub fn rewrap(bytes: &[u8]) -> Option<Vec<u8>> {
    let at = sealed_fields(bytes)?;
    let mut inp = In { bytes, pos: MAGIC.len() + 1 };
    if inp.str().ok()? == build_id() {
        return None;
    }
    Some(wrap(bytes[MAGIC.len()], &bytes[at + 16..]))
}
