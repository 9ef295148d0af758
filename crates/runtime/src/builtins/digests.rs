//! What the defsystem needs to tell whether a file really changed: a
//! file's identity (size and modification time to the nanosecond, one
//! `stat`) and a digest of its content (BLAKE3), so that a file whose date
//! changed but whose content did not (a `touch`, a `git checkout`, a copy)
//! causes no rebuild, and a changed content is seen whatever the dates say.

use std::path::PathBuf;

use crate::heap::array::make_string;
use crate::heap::Value;
use crate::pathnames::os;
use crate::vm::{Cx, R};

crate::natives! {
    SYS "%FILE-IDENTITY" 1 1 => file_identity;
    SYS "%FILE-DIGEST" 1 1 => file_digest;
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
