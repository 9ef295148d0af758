//! What the defsystem needs to tell whether a file really changed: a
//! file's identity (size and modification time to the nanosecond, one
//! `stat`) and a digest of its content (BLAKE3), so that a file whose date
//! changed but whose content did not (a `touch`, a `git checkout`, a copy)
//! causes no rebuild, and a changed content is seen whatever the dates say.
//! And a quick reading of the records asdf/digest writes, whose Lisp
//! syntax would otherwise go through the reader on every plan.

use std::path::PathBuf;

use crate::heap::array::make_string;
use crate::heap::Value;
use crate::pathnames::os;
use crate::vm::{Cx, R};

crate::natives! {
    SYS "%FILE-IDENTITY" 1 1 => file_identity;
    SYS "%FILE-DIGEST" 1 1 => file_digest;
    SYS "%READ-DIGEST-RECORD" 1 1 => read_digest_record;
}

fn os_path<'gc>(cx: &Cx<'gc, '_>, v: Value<'gc>) -> Result<PathBuf, crate::vm::Ctl<'gc>> {
    Ok(PathBuf::from(os::to_os(&cx.check_string(v)?)))
}

/// `(%file-identity namestring)`: a list of the file's size in bytes and
/// its modification time in nanoseconds since the epoch, or NIL if it
/// cannot be read.
fn file_identity<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let path = os_path(cx, args[0])?;
    let Ok(meta) = std::fs::metadata(&path) else { return Ok(Value::Nil) };
    let nanos = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos());
    // (Both fit a fixnum, 62 bits, until the year 2116.)
    const MAX: i64 = (1 << 62) - 1;
    let size = Value::Fixnum(meta.len().min(MAX as u64) as i64);
    let time = Value::Fixnum(nanos.min(MAX as u128) as i64);
    Ok(crate::heap::cons::list(cx.mc, &[size, time]))
}

/// `(%file-digest namestring)`: the BLAKE3 digest of the file's content as
/// 64 hexadecimal digits, or NIL if it cannot be read.
fn file_digest<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let path = os_path(cx, args[0])?;
    let mut hasher = blake3::Hasher::new();
    match std::fs::File::open(&path).and_then(|f| hasher.update_reader(f).map(|_| ())) {
        Ok(()) => Ok(make_string(cx.mc, hasher.finalize().to_hex().as_str())),
        Err(_) => Ok(Value::Nil),
    }
}

/// `(%read-digest-record namestring)`: the entries of a record as
/// asdf/digest writes it, `(:FILES (("name" size time "digest") ...))`, as
/// a list of lists; T when the file cannot be read or is written otherwise
/// (then the Lisp reader decides what it holds).
fn read_digest_record<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let path = os_path(cx, args[0])?;
    let Ok(text) = std::fs::read_to_string(&path) else { return Ok(cx.g.t) };
    let Some(entries) = parse_record(&text) else { return Ok(cx.g.t) };
    let items: Vec<Value<'gc>> = entries
        .iter()
        .map(|(name, size, time, digest)| {
            let fields = [make_string(cx.mc, name), Value::int(cx.mc, *size), Value::int(cx.mc, *time), make_string(cx.mc, digest)];
            crate::heap::cons::list(cx.mc, &fields)
        })
        .collect();
    Ok(crate::heap::cons::list(cx.mc, &items))
}

type Entry = (String, i64, i64, String);

/// The entries of a record in the syntax `prin1` gives it under standard
/// I/O syntax, or `None` for anything else.
fn parse_record(text: &str) -> Option<Vec<Entry>> {
    let mut p = Cursor { s: text.as_bytes(), i: 0 };
    p.expect(b"(:FILES")?;
    p.space()?;
    let mut entries = Vec::new();
    if p.eat(b"NIL") {
        p.ws();
    } else {
        p.expect(b"(")?;
        loop {
            p.ws();
            if p.eat(b")") {
                break;
            }
            p.expect(b"(")?;
            let name = p.string()?;
            p.space()?;
            let size = p.integer()?;
            p.space()?;
            let time = p.integer()?;
            p.space()?;
            let digest = p.string()?;
            p.ws();
            p.expect(b")")?;
            entries.push((name, size, time, digest));
        }
        p.ws();
    }
    p.expect(b")")?;
    p.ws();
    (p.i == p.s.len()).then_some(entries)
}

struct Cursor<'a> {
    s: &'a [u8],
    i: usize,
}

impl Cursor<'_> {
    fn eat(&mut self, lit: &[u8]) -> bool {
        let ok = self.s[self.i..].starts_with(lit);
        if ok {
            self.i += lit.len();
        }
        ok
    }
    fn expect(&mut self, lit: &[u8]) -> Option<()> {
        self.eat(lit).then_some(())
    }
    fn ws(&mut self) -> usize {
        let start = self.i;
        while self.s.get(self.i).is_some_and(|b| matches!(b, b' ' | b'\n' | b'\t' | b'\r')) {
            self.i += 1;
        }
        self.i - start
    }
    /// At least one whitespace character, or a delimiter that follows.
    fn space(&mut self) -> Option<()> {
        (self.ws() > 0 || matches!(self.s.get(self.i), Some(b'(' | b'"'))).then_some(())
    }
    fn string(&mut self) -> Option<String> {
        self.expect(b"\"")?;
        let mut out = Vec::new();
        loop {
            match *self.s.get(self.i)? {
                b'"' => break,
                b'\\' => {
                    self.i += 1;
                    out.push(*self.s.get(self.i)?);
                }
                b => out.push(b),
            }
            self.i += 1;
        }
        self.i += 1;
        String::from_utf8(out).ok()
    }
    fn integer(&mut self) -> Option<i64> {
        let start = self.i;
        self.eat(b"-");
        while self.s.get(self.i).is_some_and(u8::is_ascii_digit) {
            self.i += 1;
        }
        let text = std::str::from_utf8(&self.s[start..self.i]).ok()?;
        // A token must end here, as the reader's would.
        if !matches!(self.s.get(self.i), Some(b' ' | b'\n' | b'\t' | b'\r' | b'(' | b')' | b'"')) {
            return None;
        }
        text.parse().ok()
    }
}

#[cfg(test)]
mod tests {
    use super::parse_record;

    #[test]
    fn records() {
        let r = parse_record("(:FILES ((\"/a/b.lisp\" 12 1796693428026940364 \"ab\") (\"/x\\\"y\" 0 -1 \"cd\")))\n").unwrap();
        assert_eq!(r, vec![("/a/b.lisp".into(), 12, 1796693428026940364, "ab".into()), ("/x\"y".into(), 0, -1, "cd".into())]);
        assert_eq!(parse_record("(:FILES NIL)\n").unwrap(), vec![]);
        assert!(parse_record("(:files NIL)").is_none());
        assert!(parse_record("(:FILES ((\"a\" 1 2 \"d\"))").is_none());
        assert!(parse_record("(:FILES ((\"a\" 1 2.5 \"d\")))").is_none());
        assert!(parse_record("(:FILES ((\"a\" 1 2 \"d\"))) x").is_none());
    }
}
