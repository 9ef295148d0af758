//! Byte-level encoding shared by the image and fasl formats: LEB128
//! varints, zigzag signed integers, length-prefixed strings, and a reader
//! that reports truncated or malformed input as an error, never a panic.

/// Why a file could not be decoded or loaded (the message says). Boxed,
/// so that a result of a value read fits in two registers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error(pub Box<String>);

pub type Res<T> = Result<T, Error>;

/// An error with this message.
#[inline]
pub fn corrupt<T>(what: impl Into<String>) -> Res<T> {
    Err(error(what.into()))
}

#[cold]
#[inline(never)]
fn error(what: String) -> Error {
    Error(Box::new(what))
}

#[derive(Default)]
pub struct Out {
    pub bytes: Vec<u8>,
}

impl Out {
    pub fn u8(&mut self, b: u8) {
        self.bytes.push(b);
    }
    pub fn uint(&mut self, mut n: u64) {
        loop {
            let low = (n & 0x7f) as u8;
            n >>= 7;
            if n == 0 {
                self.bytes.push(low);
                return;
            }
            self.bytes.push(low | 0x80);
        }
    }
    pub fn usize(&mut self, n: usize) {
        self.uint(n as u64)
    }
    pub fn int(&mut self, n: i64) {
        self.uint(((n << 1) ^ (n >> 63)) as u64)
    }
    pub fn u64_raw(&mut self, n: u64) {
        self.bytes.extend_from_slice(&n.to_le_bytes());
    }
    pub fn bytes(&mut self, b: &[u8]) {
        self.usize(b.len());
        self.bytes.extend_from_slice(b);
    }
    pub fn str(&mut self, s: &str) {
        self.bytes(s.as_bytes())
    }
    pub fn bool(&mut self, b: bool) {
        self.u8(b as u8)
    }
    pub fn opt_usize(&mut self, n: Option<usize>) {
        match n {
            None => self.u8(0),
            Some(n) => {
                self.u8(1);
                self.usize(n)
            }
        }
    }
}

pub struct In<'b> {
    pub bytes: &'b [u8],
    pub pos: usize,
}

impl<'b> In<'b> {
    #[inline]
    pub fn new(bytes: &'b [u8]) -> In<'b> {
        In { bytes, pos: 0 }
    }
    #[inline]
    pub fn at_end(&self) -> bool {
        self.pos >= self.bytes.len()
    }
    #[inline(always)]
    pub fn u8(&mut self) -> Res<u8> {
        match self.bytes.get(self.pos) {
            Some(&b) => {
                self.pos += 1;
                Ok(b)
            }
            None => corrupt("unexpected end of data"),
        }
    }
    #[inline(always)]
    pub fn uint(&mut self) -> Res<u64> {
        // Most numbers (object numbers among them) take one to three bytes.
        match self.bytes.get(self.pos..self.pos + 3) {
            Some(&[a, ..]) if a < 0x80 => {
                self.pos += 1;
                Ok(a as u64)
            }
            Some(&[a, b, ..]) if b < 0x80 => {
                self.pos += 2;
                Ok((a & 0x7f) as u64 | (b as u64) << 7)
            }
            Some(&[a, b, c]) if c < 0x80 => {
                self.pos += 3;
                Ok((a & 0x7f) as u64 | ((b & 0x7f) as u64) << 7 | (c as u64) << 14)
            }
            _ => self.uint_long(),
        }
    }
    #[inline(never)]
    fn uint_long(&mut self) -> Res<u64> {
        let mut n = 0u64;
        let mut shift = 0;
        loop {
            let b = self.u8()?;
            if shift >= 64 || (shift == 63 && b > 1) {
                return corrupt("integer too large");
            }
            n |= ((b & 0x7f) as u64) << shift;
            if b & 0x80 == 0 {
                return Ok(n);
            }
            shift += 7;
        }
    }
    #[inline(always)]
    pub fn usize(&mut self) -> Res<usize> {
        usize::try_from(self.uint()?).or_else(|_| corrupt("size too large"))
    }
    /// A count of items each taking at least one byte: rejects counts the
    /// remaining input cannot hold, so corrupt data cannot make us allocate
    /// absurd amounts.
    #[inline]
    pub fn count(&mut self) -> Res<usize> {
        let n = self.usize()?;
        if n > self.bytes.len() - self.pos.min(self.bytes.len()) {
            return corrupt("count exceeds the data");
        }
        Ok(n)
    }
    #[inline]
    pub fn u32(&mut self) -> Res<u32> {
        u32::try_from(self.uint()?).or_else(|_| corrupt("value exceeds 32 bits"))
    }
    #[inline]
    pub fn int(&mut self) -> Res<i64> {
        let u = self.uint()?;
        Ok(((u >> 1) as i64) ^ -((u & 1) as i64))
    }
    #[inline]
    pub fn u64_raw(&mut self) -> Res<u64> {
        let b = self.take(8)?;
        Ok(u64::from_le_bytes(b.try_into().expect("eight bytes")))
    }
    #[inline]
    pub fn take(&mut self, n: usize) -> Res<&'b [u8]> {
        match self.bytes.get(self.pos..self.pos.saturating_add(n)) {
            Some(s) => {
                self.pos += n;
                Ok(s)
            }
            None => corrupt("unexpected end of data"),
        }
    }
    #[inline]
    pub fn bytes(&mut self) -> Res<&'b [u8]> {
        let n = self.usize()?;
        self.take(n)
    }
    #[inline]
    pub fn str(&mut self) -> Res<&'b str> {
        let bytes = self.bytes()?;
        if bytes.is_ascii() {
            // SAFETY: ASCII is valid UTF-8 (checked a word at a time,
            // where from_utf8 spends a hundred instructions on a name).
            return Ok(unsafe { std::str::from_utf8_unchecked(bytes) });
        }
        std::str::from_utf8(bytes).or_else(|_| corrupt("invalid UTF-8 in a name"))
    }
    #[inline(always)]
    pub fn bool(&mut self) -> Res<bool> {
        match self.u8()? {
            0 => Ok(false),
            1 => Ok(true),
            _ => corrupt("invalid boolean"),
        }
    }
    #[inline]
    pub fn opt_usize(&mut self) -> Res<Option<usize>> {
        Ok(if self.bool()? { Some(self.usize()?) } else { None })
    }
}

/// FNV-1a over 8-byte words: a fast checksum that catches truncation and
/// corruption of a stored image or fasl (not an adversarial hash).
pub fn checksum(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        h ^= u64::from_le_bytes(c.try_into().expect("eight bytes"));
        h = h.wrapping_mul(0x100000001b3);
    }
    for &b in chunks.remainder() {
        h ^= b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_and_strings_round_trip() {
        let mut o = Out::default();
        for n in [0i64, -1, 1, i64::MIN, i64::MAX, 300, -300] {
            o.int(n);
        }
        o.uint(u64::MAX);
        o.str("λx");
        o.opt_usize(Some(7));
        let mut i = In::new(&o.bytes);
        for n in [0i64, -1, 1, i64::MIN, i64::MAX, 300, -300] {
            assert_eq!(i.int().unwrap(), n);
        }
        assert_eq!(i.uint().unwrap(), u64::MAX);
        assert_eq!(i.str().unwrap(), "λx");
        assert_eq!(i.opt_usize().unwrap(), Some(7));
        assert!(i.at_end());
        assert!(i.u8().is_err());
    }

    #[test]
    fn malformed_input_is_an_error() {
        assert!(In::new(&[0xff; 11]).uint().is_err());
        assert!(In::new(&[0x80]).uint().is_err());
        assert_eq!(In::new(&[0x81, 0x01]).uint(), Ok(129));
        assert_eq!(In::new(&[0x81, 0x81, 0x01]).uint(), Ok(1 + (1 << 7) + (1 << 14)));
        assert_eq!(In::new(&[0x81, 0x81, 0x81, 0x01]).uint(), Ok(1 + (1 << 7) + (1 << 14) + (1 << 21)));
        assert!(In::new(&[5, b'a']).str().is_err());
        assert!(In::new(&[200, 1]).count().is_err());
        assert_ne!(checksum(b"abcdefghi"), checksum(b"abcdefghj"));
    }
}
