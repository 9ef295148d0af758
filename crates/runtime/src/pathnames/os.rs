//! Unix file names are bytes; Lisp strings are characters. A name that is
//! valid UTF-8 becomes its characters. Any byte of a name that is not
//! valid UTF-8 becomes the character U+10FF00 + byte (in Unicode's
//! supplementary private use area B, which real file names do not use),
//! and such characters turn back into their single bytes, so every
//! directory entry can be listed, opened, renamed and deleted.

use std::ffi::{OsStr, OsString};
use std::os::unix::ffi::{OsStrExt, OsStringExt};

const ESCAPE_BASE: u32 = 0x10_FF00;

/// The Lisp string for an OS file name.
pub fn from_os(name: &OsStr) -> String {
    let mut out = String::new();
    let mut bytes = name.as_bytes();
    loop {
        match std::str::from_utf8(bytes) {
            Ok(s) => {
                out.push_str(s);
                return out;
            }
            Err(e) => {
                let (good, rest) = bytes.split_at(e.valid_up_to());
                out.push_str(std::str::from_utf8(good).unwrap_or_default());
                let bad = e.error_len().unwrap_or(rest.len());
                for &b in &rest[..bad] {
                    out.push(char::from_u32(ESCAPE_BASE + b as u32).unwrap_or('\u{FFFD}'));
                }
                bytes = &rest[bad..];
            }
        }
    }
}

/// The OS file name for a Lisp string (the inverse of `from_os`).
pub fn to_os(name: &str) -> OsString {
    let mut bytes = Vec::with_capacity(name.len());
    for c in name.chars() {
        let n = c as u32;
        if (ESCAPE_BASE + 0x80..=ESCAPE_BASE + 0xFF).contains(&n) {
            bytes.push((n - ESCAPE_BASE) as u8);
        } else {
            let mut buf = [0; 4];
            bytes.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
        }
    }
    OsString::from_vec(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_through_strings() {
        for raw in [&b"plain.txt"[..], "caf\u{e9}".as_bytes(), b"bad\xff\xfename", b"\xc3"] {
            let s = from_os(OsStr::from_bytes(raw));
            assert_eq!(to_os(&s).as_bytes(), raw);
        }
        assert_eq!(from_os(OsStr::from_bytes(b"a\xffb")), "a\u{10FFFF}b");
    }
}
