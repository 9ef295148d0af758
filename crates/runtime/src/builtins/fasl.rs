//! The primitives behind `compile-file` and loading fasls: compiling one
//! top-level form, writing a fasl atomically, and reading one back a form
//! at a time.

use std::path::PathBuf;

use crate::heap::cons::list_to_vec;
use crate::heap::Value;
use crate::marshal;
use crate::streams::Kind;
use crate::vm::{Cx, R};

crate::natives! {
    SYS "%COMPILE-TOPLEVEL" 1 1 => compile_toplevel;
    SYS "%WRITE-FASL" 3 3 => write_fasl;
    SYS "%FASL-INSTANCES" 2 2 => fasl_instances;
    SYS "%FASL-FILE-P" 1 1 => fasl_file_p;
    SYS "%CURRENT-FASL-P" 1 1 => current_fasl_p;
    SYS "%FASL-OPEN" 1 1 => fasl_open;
    SYS "%FASL-NEXT" 2 2 => fasl_next;
    SYS "%AUGMENT-ENVIRONMENT" 3 3 => augment_environment;
}

/// `(%augment-environment env kind definitions)`: ENV (an environment
/// object or NIL) with the local macros of a top-level MACROLET (KIND
/// :MACROLET) or the symbol macros of a SYMBOL-MACROLET added, so
/// compile-file can expand the forms in its body as top-level forms.
fn augment_environment<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    use crate::compiler::scope::{env_object, scope_from_env, Scope};
    let mut scope = scope_from_env(cx, args[0]);
    let defs = list_to_vec(args[2]).map_err(|_| cx.program_error("malformed local macro definitions"))?;
    if cx.g.intern_in(cx.mc, "KEYWORD", "MACROLET").eq(args[1]) {
        for (name, fun) in crate::compiler::convert::local_macros(cx, &scope, &defs)? {
            scope.push(Scope::Macro { name, fun });
        }
    } else {
        for d in defs {
            match list_to_vec(d).as_deref() {
                Ok([name @ Value::Symbol(_), expansion]) => scope.push(Scope::SymbolMacro { name: *name, expansion: *expansion }),
                _ => return Err(cx.program_error("malformed symbol macro binding")),
            }
        }
    }
    Ok(env_object(cx, &scope))
}

/// A function of no arguments that evaluates the form (in the null
/// lexical environment), as `eval` would run it.
fn compile_toplevel<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    crate::compiler::compile_toplevel(cx, args[0])
}

/// The entries of `table`, a hash table from the instances made by load
/// forms to the variables their creation forms set.
fn loaded_pairs<'gc>(cx: &mut Cx<'gc, '_>, table: Value<'gc>) -> Result<Vec<(Value<'gc>, Value<'gc>)>, crate::vm::Ctl<'gc>> {
    match table {
        Value::HashTable(h) => Ok(h.borrow().iter().collect()),
        _ => Err(cx.type_error(table, cx.g.s.hash_table.into())),
    }
}

/// `(%fasl-instances functions table)`: the instances the top-level
/// FUNCTIONS refer to, other than the keys of TABLE: those compile-file
/// must make with load forms.
fn fasl_instances<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let forms = list_to_vec(args[0]).map_err(|_| cx.type_error(args[0], cx.g.s.list_type.into()))?;
    let loaded = loaded_pairs(cx, args[1])?;
    let found = marshal::fasl_instances(&forms, &loaded);
    Ok(crate::heap::cons::list(cx.mc, &found))
}

/// Writes the top-level functions `forms` as a fasl at `path` (a native
/// namestring), atomically (`marshal::write_atomically`), so a failure
/// never leaves a partial fasl. `table` maps the instances made by load
/// forms to their variables.
fn write_fasl<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let forms = list_to_vec(args[0]).map_err(|_| cx.type_error(args[0], cx.g.s.list_type.into()))?;
    let path = cx.check_string(args[1])?;
    let loaded = loaded_pairs(cx, args[2])?;
    let bytes = marshal::save_fasl(&forms, &loaded).map_err(|msg| cx.simple_error(&format!("cannot compile to {path}: {msg}")))?;
    if let Err(e) = marshal::write_atomically(&os_path(&path), &bytes) {
        return Err(cx.file_error(args[1], &format!("cannot write {path}: {e}")));
    }
    Ok(args[1])
}

/// The file a native namestring names (its characters for invalid UTF-8
/// bytes turned back into bytes).
fn os_path(path: &str) -> PathBuf {
    PathBuf::from(crate::pathnames::os::to_os(path))
}

/// The file stream `v` (what `load` opened).
fn file_stream<'gc>(cx: &Cx<'gc, '_>, v: Value<'gc>) -> Result<gc_arena::Gc<'gc, crate::streams::Stream<'gc>>, crate::vm::Ctl<'gc>> {
    match v {
        Value::Stream(s) if matches!(s.borrow().kind, Kind::File(_)) => Ok(s),
        _ => Err(cx.type_error(v, cx.g.intern_in(cx.mc, "CL", "FILE-STREAM"))),
    }
}

/// True when the unread part of a file stream starts like a fasl
/// (whatever its build); nothing is consumed.
fn fasl_file_p<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let s = file_stream(cx, args[0])?;
    let fasl = match &mut s.borrow_mut(cx.mc).kind {
        Kind::File(f) => f.peek_octets(6).is_ok_and(marshal::is_fasl_header),
        _ => false,
    };
    Ok(Value::bool(fasl, cx.g.t))
}

/// `(%current-fasl-p namestring)`: true when the file is a fasl this build
/// wrote (false if it is missing, unreadable, not a fasl, or another
/// build's). Reads only the header.
fn current_fasl_p<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    use std::io::Read;
    let name = cx.check_string(args[0])?;
    let mut head = Vec::with_capacity(128);
    let current = std::fs::File::open(os_path(&name))
        .and_then(|f| f.take(128).read_to_end(&mut head))
        .is_ok_and(|_| marshal::is_current_fasl_header(&head));
    Ok(Value::bool(current, cx.g.t))
}

/// A loader for the fasl read from the file stream `stream` (to its end);
/// a fasl from another build or a damaged one is refused with a file-error.
fn fasl_open<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let s = file_stream(cx, args[0])?;
    let (path, bytes) = match &mut s.borrow_mut(cx.mc).kind {
        Kind::File(f) => (f.path.clone(), f.read_rest()),
        _ => unreachable!("file_stream checked the kind"),
    };
    let bytes = bytes.map_err(|e| cx.file_error(args[0], &format!("cannot read {path}: {}", crate::streams::io_reason(&e))))?;
    marshal::open_fasl(cx.mc, bytes).map_err(|msg| cx.file_error(args[0], &format!("cannot load {path}: {msg}")))
}

/// `(%fasl-next loader path)`: the next top-level function of a fasl
/// loader, or NIL after the last. Bad bytes, code the verifier refuses or
/// a missing package are a file-error naming PATH.
fn fasl_next<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let Value::Object(o) = args[0] else { return Err(cx.simple_error("not a fasl loader")) };
    match marshal::fasl_next(cx.mc, cx.g, o) {
        Ok(f) => Ok(f.unwrap_or(Value::Nil)),
        Err(msg) => {
            let path = args[1].as_string().unwrap_or_default();
            Err(cx.file_error(args[1], &format!("cannot load {path}: {msg}")))
        }
    }
}
