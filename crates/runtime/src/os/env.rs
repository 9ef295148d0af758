//! Primitives: environment variables and the current directory.

use crate::heap::array::make_string;
use crate::heap::Value;
use crate::pathnames::os::{from_os, to_os};
use crate::vm::{Cx, R};

crate::natives! {
    SYS "%GETENV" 1 1 => getenv;
    SYS "%SETENV" 2 2 => setenv;
    SYS "%CHDIR" 1 1 => chdir;
}

/// `(%getenv name)`: the variable's value, or NIL when it is not set.
fn getenv<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let name = to_os(&cx.check_string(args[0])?);
    if name.is_empty() || name.as_encoded_bytes().iter().any(|&b| b == b'=' || b == 0) {
        return Ok(Value::Nil);
    }
    Ok(match std::env::var_os(&name) {
        Some(v) => make_string(cx.mc, &from_os(&v)),
        None => Value::Nil,
    })
}

/// `(%setenv name value)`: sets the variable, or removes it when VALUE is
/// NIL; returns VALUE.
fn setenv<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let name = to_os(&cx.check_string(args[0])?);
    let bad = name.is_empty() || name.as_encoded_bytes().iter().any(|&b| b == b'=' || b == 0);
    if bad {
        return Err(cx.simple_error(&format!("invalid environment variable name: {:?}", name)));
    }
    match args[1] {
        Value::Nil => std::env::remove_var(&name),
        v => {
            let value = to_os(&cx.check_string(v)?);
            if value.as_encoded_bytes().contains(&0) {
                return Err(cx.simple_error("an environment variable's value cannot contain a NUL character"));
            }
            std::env::set_var(&name, value);
        }
    }
    Ok(args[1])
}

/// `(%chdir native-namestring)`: changes the process's current directory;
/// a file-error naming the directory if it cannot.
fn chdir<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let dir = to_os(&cx.check_string(args[0])?);
    match std::env::set_current_dir(&dir) {
        Ok(()) => Ok(cx.g.t),
        Err(e) => Err(cx.file_error(args[0], &format!("cannot change directory to {}: {e}", dir.to_string_lossy()))),
    }
}
