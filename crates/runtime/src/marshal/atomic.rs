//! Writing an output file (a fasl, an image) atomically: readers see the
//! old file or the complete new one, never a part, and a process killed
//! while writing leaves no temporary file behind.
//!
//! On Linux the bytes go to an anonymous file (`O_TMPFILE`), which
//! vanishes with the process, given a name only once complete. Where that
//! is not available the temporary is named `<name>.tmp<pid>`; such files
//! whose process is dead are removed by the next write to the directory.

use std::ffi::{OsStr, OsString};
use std::fs::{self, File};
use std::io::{self, Write};
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

/// Replaces (or creates) `path` with `bytes`.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let Some(name) = path.file_name() else {
        return Err(io::Error::new(io::ErrorKind::InvalidInput, "not a file name"));
    };
    remove_stale_temporaries(dir);
    let tmp = dir.join(temporary_name(name, std::process::id()));
    #[cfg(target_os = "linux")]
    if let Some(linked) = write_anonymous(dir, &tmp, bytes) {
        linked?;
        return rename_or_remove(&tmp, path);
    }
    let written = File::options().write(true).create_new(true).open(&tmp).and_then(|mut f| f.write_all(bytes));
    if let Err(e) = written {
        let _ = fs::remove_file(&tmp);
        return Err(e);
    }
    rename_or_remove(&tmp, path)
}

/// `<name>.tmp<pid>`.
fn temporary_name(name: &OsStr, pid: u32) -> OsString {
    let mut t = name.to_os_string();
    t.push(format!(".tmp{pid}"));
    t
}

fn rename_or_remove(tmp: &Path, path: &Path) -> io::Result<()> {
    fs::rename(tmp, path).inspect_err(|_| {
        let _ = fs::remove_file(tmp);
    })
}

/// Writes `bytes` to an anonymous file in `dir` and links it as `tmp`.
/// `None` when the file system or kernel cannot make anonymous files (the
/// caller then uses a named temporary).
#[cfg(target_os = "linux")]
fn write_anonymous(dir: &Path, tmp: &Path, bytes: &[u8]) -> Option<io::Result<()>> {
    use std::ffi::CString;
    use std::os::fd::{AsRawFd, FromRawFd};
    let cdir = CString::new(dir.as_os_str().as_bytes()).ok()?;
    // SAFETY: a plain system call on a NUL-terminated path; the result is
    // checked and an owned descriptor wraps it.
    let fd = unsafe { libc::open(cdir.as_ptr(), libc::O_TMPFILE | libc::O_WRONLY | libc::O_CLOEXEC, 0o666) };
    if fd < 0 {
        // Missing directories and permissions are the caller's errors too.
        let e = io::Error::last_os_error();
        return match e.raw_os_error() {
            Some(libc::EOPNOTSUPP | libc::EISDIR | libc::EINVAL | libc::ENOENT) if dir.is_dir() => None,
            _ => Some(Err(e)),
        };
    }
    // SAFETY: `fd` was just opened and nothing else owns it.
    let mut file = unsafe { File::from_raw_fd(fd) };
    if let Err(e) = file.write_all(bytes) {
        return Some(Err(e));
    }
    let proc_path = CString::new(format!("/proc/self/fd/{}", file.as_raw_fd())).ok()?;
    let ctmp = CString::new(tmp.as_os_str().as_bytes()).ok()?;
    // SAFETY: NUL-terminated paths; the result is checked.
    let linked = unsafe { libc::linkat(libc::AT_FDCWD, proc_path.as_ptr(), libc::AT_FDCWD, ctmp.as_ptr(), libc::AT_SYMLINK_FOLLOW) };
    if linked == 0 {
        return Some(Ok(()));
    }
    // No /proc, or a leftover temporary of ours: write a named one instead.
    None
}

/// Removes the temporaries `<name>.tmp<pid>` in `dir` left by processes
/// that no longer exist (killed while writing).
fn remove_stale_temporaries(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name();
        if let Some(pid) = stale_pid(name.as_bytes()) {
            if !process_exists(pid) && entry.file_type().is_ok_and(|t| t.is_file()) {
                let _ = fs::remove_file(PathBuf::from(dir).join(&name));
            }
        }
    }
}

/// The pid in a temporary's name `<name>.tmp<pid>`, where `<name>` is a
/// fasl or image (the files written here).
fn stale_pid(name: &[u8]) -> Option<i32> {
    let at = name.windows(4).rposition(|w| w == b".tmp")?;
    let (stem, digits) = (&name[..at], &name[at + 4..]);
    if !(stem.ends_with(b".fasl") || stem.ends_with(b".image") || stem.ends_with(b".core")) {
        return None;
    }
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    std::str::from_utf8(digits).ok()?.parse().ok()
}

fn process_exists(pid: i32) -> bool {
    if pid <= 0 || pid as u32 == std::process::id() {
        return true;
    }
    // SAFETY: signal 0 only checks whether the process exists.
    let r = unsafe { libc::kill(pid, 0) };
    r == 0 || io::Error::last_os_error().raw_os_error() != Some(libc::ESRCH)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temporaries_are_recognised_by_name() {
        assert_eq!(stale_pid(b"foo.fasl.tmp123"), Some(123));
        assert_eq!(stale_pid(b"a.tmp.fasl.tmp9"), Some(9));
        assert_eq!(stale_pid(b"notes.txt.tmp123"), None);
        assert_eq!(stale_pid(b"foo.fasl.tmp"), None);
        assert_eq!(stale_pid(b"foo.fasl.tmp12x"), None);
    }

    #[test]
    fn writes_replace_the_file_and_leave_no_temporary() {
        let dir = std::env::temp_dir().join(format!("clove-atomic-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let target = dir.join("out.fasl");
        write_atomically(&target, b"one").unwrap();
        write_atomically(&target, b"two").unwrap();
        assert_eq!(fs::read(&target).unwrap(), b"two");
        let names: Vec<_> = fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, vec![OsString::from("out.fasl")]);
        assert!(write_atomically(&dir.join("missing/x.fasl"), b"x").is_err());
        fs::remove_dir_all(&dir).unwrap();
    }
}
