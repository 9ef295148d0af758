//! Primitives: pathname objects (construction, components, Unix and
//! logical namestrings) and the file system operations behind
//! `probe-file`, `directory`, `delete-file`, `rename-file` and friends.
//! The Lisp side (lisp-lib/boot/11-pathnames.lisp) checks arguments,
//! merges and translates; these take native namestrings (strings) and the
//! pathname to name in a `file-error`.

use std::fs;
use std::os::unix::fs::MetadataExt;
use std::path::PathBuf;

use crate::heap::array::make_string;
use crate::heap::{list, Value};
use crate::pathnames::{self, os, parse, unparse, Pathname};
use crate::vm::{Ctl, Cx, R};

crate::natives! {
    CL "PATHNAMEP" 1 1 => pathnamep;
    SYS "%MAKE-PATHNAME" 7 7 => make_pathname;
    SYS "%PATHNAME-FIELD" 2 2 => pathname_field;
    SYS "%LOGICAL-PATHNAME-P" 1 1 => logical_pathname_p;
    SYS "%PARSE-UNIX-NAMESTRING" 1 1 => parse_unix_namestring;
    SYS "%PARSE-LOGICAL-NAMESTRING" 2 2 => parse_logical_namestring;
    SYS "%UNPARSE" 2 2 => unparse_part;
    SYS "%CURRENT-DIRECTORY" 0 0 => current_directory;
    SYS "%HOME-DIRECTORY" 0 0 => home_directory;
    SYS "%PROBE" 1 1 => probe;
    SYS "%FILE-KIND" 1 1 => file_kind;
    SYS "%LIST-DIRECTORY" 1 1 => list_directory;
    SYS "%DELETE-FILE" 2 2 => delete_file;
    SYS "%DELETE-DIRECTORY" 3 3 => delete_directory;
    SYS "%RENAME-FILE" 3 3 => rename_file;
    SYS "%FILE-WRITE-DATE" 2 2 => file_write_date;
    SYS "%FILE-AUTHOR" 2 2 => file_author;
    SYS "%MAKE-DIRECTORY" 2 3 => make_directory;
    SYS "%STREAM-FILE-NAME" 1 1 => stream_file_name;
}

fn pathname_type<'gc>(cx: &Cx<'gc, '_>) -> Value<'gc> {
    cx.g.intern_in(cx.mc, "CL", "PATHNAME")
}

fn check_pathname<'a, 'gc>(cx: &Cx<'gc, '_>, v: &'a Value<'gc>) -> Result<&'a Pathname<'gc>, Ctl<'gc>> {
    pathnames::as_pathname(v).ok_or_else(|| cx.type_error(*v, pathname_type(cx)))
}

/// A native namestring argument as an OS path.
fn os_path<'gc>(cx: &Cx<'gc, '_>, v: Value<'gc>) -> Result<PathBuf, Ctl<'gc>> {
    let s = cx.check_string(v)?;
    Ok(PathBuf::from(os::to_os(&s)))
}

fn pathnamep<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    Ok(cx.bool(pathnames::as_pathname(&args[0]).is_some()))
}

/// `(%make-pathname host device directory name type version logical)`:
/// the components already checked by the caller.
fn make_pathname<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let c = [args[0], args[1], args[2], args[3], args[4], args[5]];
    Ok(Pathname::from_components(c, args[6].truthy()).into_value(cx.mc))
}

/// Component `i` (0 host .. 5 version) of a pathname.
fn pathname_field<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let p = check_pathname(cx, &args[0])?;
    let i = cx.check_fixnum(args[1])?;
    Ok(p.components().get(i as usize).copied().unwrap_or(Value::Nil))
}

fn logical_pathname_p<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    Ok(cx.bool(pathnames::as_pathname(&args[0]).is_some_and(|p| p.logical)))
}

fn parse_unix_namestring<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let s = cx.check_string(args[0])?;
    Ok(parse::physical(cx.mc, cx.g, &s).into_value(cx.mc))
}

/// `(%parse-logical-namestring host text)`: a logical pathname, or a
/// string saying what is wrong with `text`.
fn parse_logical_namestring<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let host = cx.check_string(args[0])?;
    let text = cx.check_string(args[1])?;
    Ok(match parse::logical(cx.mc, cx.g, &host, &text) {
        Ok(p) => p.into_value(cx.mc),
        Err(msg) => make_string(cx.mc, &msg),
    })
}

/// `(%unparse pathname part)`: the namestring (`:all`) or its `:host`,
/// `:directory` or `:file` part; NIL when there is none.
fn unparse_part<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let p = check_pathname(cx, &args[0])?;
    let part = cx.g.sym(args[1]).map(|s| s.name.to_string()).unwrap_or_default();
    let text = match part.as_str() {
        "HOST" => Some(unparse::host(p)),
        "DIRECTORY" => unparse::directory(cx.g, p),
        "FILE" => unparse::file(cx.g, p),
        _ => unparse::namestring(cx.g, p),
    };
    Ok(text.map_or(Value::Nil, |t| make_string(cx.mc, &t)))
}

/// A directory's namestring ends in `/`.
fn as_directory(mut s: String) -> String {
    if !s.ends_with('/') {
        s.push('/');
    }
    s
}

fn current_directory<'gc>(cx: &mut Cx<'gc, '_>, _args: &[Value<'gc>]) -> R<'gc> {
    let dir = std::env::current_dir().map_err(|e| cx.simple_error(&format!("no current directory: {e}")))?;
    Ok(make_string(cx.mc, &as_directory(os::from_os(dir.as_os_str()))))
}

fn home_directory<'gc>(cx: &mut Cx<'gc, '_>, _args: &[Value<'gc>]) -> R<'gc> {
    let home = std::env::var_os("HOME").map(|h| os::from_os(&h)).unwrap_or_else(|| "/".into());
    Ok(make_string(cx.mc, &as_directory(home)))
}

/// The truename of an existing file (symbolic links resolved; a directory
/// ends in `/`), or NIL.
fn probe<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let path = os_path(cx, args[0])?;
    Ok(match fs::canonicalize(&path) {
        Ok(real) => {
            let s = os::from_os(real.as_os_str());
            let s = if real.is_dir() { as_directory(s) } else { s };
            make_string(cx.mc, &s)
        }
        Err(_) => Value::Nil,
    })
}

/// `:directory`, `:file` (anything else that exists) or NIL, following links.
fn file_kind<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let path = os_path(cx, args[0])?;
    Ok(match fs::metadata(&path) {
        Ok(m) if m.is_dir() => cx.g.intern_in(cx.mc, "KEYWORD", "DIRECTORY"),
        Ok(_) => cx.g.intern_in(cx.mc, "KEYWORD", "FILE"),
        Err(_) => Value::Nil,
    })
}

/// The names of a directory's entries (NIL when it cannot be read).
fn list_directory<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let path = os_path(cx, args[0])?;
    let Ok(entries) = fs::read_dir(&path) else { return Ok(Value::Nil) };
    let mut names: Vec<String> = entries.filter_map(|e| e.ok()).map(|e| os::from_os(&e.file_name())).collect();
    names.sort();
    let items: Vec<Value<'gc>> = names.iter().map(|n| make_string(cx.mc, n)).collect();
    Ok(list(cx.mc, &items))
}

fn io_error<'gc>(cx: &Cx<'gc, '_>, pathname: Value<'gc>, what: &str, path: &std::path::Path, e: std::io::Error) -> Ctl<'gc> {
    cx.file_error(pathname, &format!("can't {what} {}: {e}", os::from_os(path.as_os_str())))
}

/// `(%delete-file native pathname)`.
fn delete_file<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let path = os_path(cx, args[0])?;
    fs::remove_file(&path).map_err(|e| io_error(cx, args[1], "delete", &path, e))?;
    Ok(cx.g.t)
}

/// `(%delete-directory native pathname recursive)`: removes an empty
/// directory, or with RECURSIVE the directory and everything in it
/// (symbolic links are removed, never followed).
fn delete_directory<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let path = os_path(cx, args[0])?;
    let r = if args[2].is_nil() { fs::remove_dir(&path) } else { fs::remove_dir_all(&path) };
    r.map_err(|e| io_error(cx, args[1], "delete directory", &path, e))?;
    Ok(cx.g.t)
}

/// `(%rename-file from-native to-native pathname)`.
fn rename_file<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let (from, to) = (os_path(cx, args[0])?, os_path(cx, args[1])?);
    fs::rename(&from, &to).map_err(|e| io_error(cx, args[2], "rename", &from, e))?;
    Ok(cx.g.t)
}

fn metadata<'gc>(cx: &Cx<'gc, '_>, args: &[Value<'gc>]) -> Result<fs::Metadata, Ctl<'gc>> {
    let path = os_path(cx, args[0])?;
    fs::metadata(&path).map_err(|e| io_error(cx, args[1], "stat", &path, e))
}

/// `(%file-write-date native pathname)`: universal time.
fn file_write_date<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let m = metadata(cx, args)?;
    Ok(Value::Fixnum(m.mtime() + super::time::UNIX_EPOCH_UNIVERSAL as i64))
}

/// `(%file-author native pathname)`: the owner's login name from
/// /etc/passwd, or the numeric user id as a string.
fn file_author<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let uid = metadata(cx, args)?.uid();
    let passwd = fs::read_to_string("/etc/passwd").unwrap_or_default();
    let name = passwd
        .lines()
        .map(|l| l.split(':').collect::<Vec<_>>())
        .find(|f| f.len() > 2 && f[2].parse::<u32>() == Ok(uid))
        .map(|f| f[0].to_string())
        .unwrap_or_else(|| uid.to_string());
    Ok(make_string(cx.mc, &name))
}

/// `(%make-directory native pathname)`: T if it was created, NIL if it
/// already existed.
/// (%make-directory name pathspec &optional mode): creates the directory
/// (with MODE's permission bits, less the umask, on Unix); T if it was
/// created, NIL if it existed.
fn make_directory<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let path = os_path(cx, args[0])?;
    let mut builder = fs::DirBuilder::new();
    #[cfg(unix)]
    if let Some(&Value::Fixnum(mode)) = args.get(2) {
        std::os::unix::fs::DirBuilderExt::mode(&mut builder, (mode & 0o7777) as u32);
    }
    match builder.create(&path) {
        Ok(()) => Ok(cx.g.t),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && path.is_dir() => Ok(Value::Nil),
        Err(e) => Err(io_error(cx, args[1], "create directory", &path, e)),
    }
}

/// The name a file stream was opened with, or NIL.
fn stream_file_name<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    Ok(match args[0] {
        Value::Stream(s) => crate::streams::ops::file_name(s).map_or(Value::Nil, |n| make_string(cx.mc, &n)),
        _ => Value::Nil,
    })
}
