//! Primitives behind the development tools of CLHS 25.1.2 that need the
//! runtime's internals: the bytecode listing DISASSEMBLE prints, the heap
//! figures ROOM prints, starting the editor for ED (with where a
//! function was defined), and the sampling profiler (vm/profile.rs) behind
//! CLOVE:PROFILE. The tools
//! themselves are Lisp (boot/13-environment.lisp).

use gc_arena::Gc;

use crate::bytecode::Code;
use crate::heap::array::make_string;
use crate::heap::function::FnKind;
use crate::heap::object::Object;
use crate::heap::{list, Value};
use crate::vm::{Cx, R};

crate::natives! {
    SYS "%DISASSEMBLE" 1 1 => disassemble;
    SYS "%HEAP-OBJECT-COUNT" 0 0 => heap_object_count;
    SYS "%RUN-EDITOR" 1 1 => run_editor;
    SYS "%FUNCTION-SOURCE" 1 1 => function_source;
    SYS "%PROFILE-START" 0 0 => profile_start;
    SYS "%PROFILE-STOP" 0 0 => profile_stop;
}

fn profile_start<'gc>(_cx: &mut Cx<'gc, '_>, _args: &[Value<'gc>]) -> R<'gc> {
    crate::vm::profile::start();
    Ok(Value::Nil)
}

/// Stops the profiler: a list of (name own-seconds total-seconds), the
/// functions with the most own time first.
fn profile_stop<'gc>(cx: &mut Cx<'gc, '_>, _args: &[Value<'gc>]) -> R<'gc> {
    let rows: Vec<Value<'gc>> = crate::vm::profile::stop()
        .into_iter()
        .map(|(name, own, total)| {
            let name = make_string(cx.mc, &name);
            list(cx.mc, &[name, Value::Double(own.as_secs_f64()), Value::Double(total.as_secs_f64())])
        })
        .collect();
    Ok(list(cx.mc, &rows))
}

/// Where a compiled function was defined, "file:line", or NIL.
fn function_source<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let Value::Function(f) = args[0] else {
        return Err(cx.type_error(args[0], cx.g.s.function_type.into()));
    };
    match &f.kind {
        FnKind::Closure { code, .. } => Ok(code.source().map(|s| make_string(cx.mc, s)).unwrap_or(Value::Nil)),
        _ => Ok(Value::Nil),
    }
}

/// The listing of a function's bytecode as a string: for a compiled
/// function its code and every code object nested in it (closures), for a
/// funcallable instance (a generic function) its current discriminating
/// function, for a primitive one line saying so.
fn disassemble<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let Value::Function(f) = args[0] else {
        return Err(cx.type_error(args[0], cx.g.s.function_type.into()));
    };
    let mut out = String::new();
    match &f.kind {
        FnKind::Closure { code, .. } => list_code(cx, *code, &mut out),
        FnKind::Native(n) => out.push_str(&format!("; {} is a primitive of the runtime (no bytecode)\n", n.name)),
        FnKind::Funcallable(fin) => {
            let fun = fin.fun.get();
            out.push_str("; a funcallable instance; its function:\n");
            if let Value::Function(inner) = fun {
                if let FnKind::Closure { code, .. } = &inner.kind {
                    list_code(cx, *code, &mut out);
                }
            }
        }
    }
    Ok(make_string(cx.mc, &out))
}

fn list_code<'gc>(cx: &mut Cx<'gc, '_>, code: Gc<'gc, Code<'gc>>, out: &mut String) {
    let name = crate::printer::to_string(cx, code.name, true).unwrap_or_default();
    let shape = &code.shape;
    out.push_str(&format!(
        "; {name}: {} required, {} optional{}{}; {} local slots{}\n",
        shape.nreq,
        shape.nopt,
        if shape.rest { ", &rest" } else { "" },
        if shape.has_keys { format!(", {} keys", shape.keys.len()) } else { String::new() },
        code.nlocals,
        code.source().map(|s| format!("; defined at {s}")).unwrap_or_default(),
    ));
    let mut nested = Vec::new();
    for (pc, op) in code.ops().iter().enumerate() {
        out.push_str(&format!("{pc:5}  {op:?}"));
        if let Some(k) = const_operand(op) {
            if let Some(&v) = code.consts.get(k as usize) {
                match v {
                    Value::Object(o) if matches!(Gc::as_ref(o), Object::Code(_)) => {
                        if let Object::Code(c) = Gc::as_ref(o) {
                            nested.push(*c);
                        }
                        out.push_str("    ; code object");
                    }
                    _ => {
                        let shown = crate::printer::to_string(cx, v, true).unwrap_or_default();
                        out.push_str(&format!("    ; {shown}"));
                    }
                }
            }
        }
        out.push('\n');
    }
    for c in nested {
        out.push('\n');
        list_code(cx, c, out);
    }
}

/// The constant-table index an instruction refers to, if any.
fn const_operand(op: &crate::bytecode::op::Op) -> Option<u32> {
    use crate::bytecode::op::Op;
    match *op {
        Op::Const(k) | Op::Global(k) | Op::SetGlobal(k) | Op::Closure(k) => Some(k),
        Op::CallGlobal(k, _) | Op::CallGlobalMv(k, _) | Op::TailCallGlobal(k, _) => Some(k),
        _ => None,
    }
}

/// The number of heap objects currently allocated (and not yet freed).
fn heap_object_count<'gc>(cx: &mut Cx<'gc, '_>, _args: &[Value<'gc>]) -> R<'gc> {
    Ok(Value::Fixnum(cx.mc.metrics().total_gc_count() as i64))
}

/// Runs the editor named by $VISUAL or $EDITOR (else `vi`) on a file name
/// (a string) or on nothing (NIL), waiting for it to finish. Returns the
/// editor's command and its exit status, or signals an error when it could
/// not be started.
fn run_editor<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let editor = std::env::var("VISUAL")
        .ok()
        .filter(|s| !s.is_empty())
        .or_else(|| std::env::var("EDITOR").ok().filter(|s| !s.is_empty()))
        .unwrap_or_else(|| "vi".to_string());
    let mut words = editor.split_whitespace();
    let program = words.next().unwrap_or("vi").to_string();
    let mut cmd = std::process::Command::new(&program);
    cmd.args(words);
    if let Some(file) = args[0].as_string() {
        cmd.arg(file);
    }
    match cmd.status() {
        Ok(status) => {
            let code = status.code().map(|c| Value::Fixnum(c as i64)).unwrap_or(Value::Nil);
            Ok(list(cx.mc, &[make_string(cx.mc, &editor), code]))
        }
        Err(e) => Err(cx.simple_error(&format!("could not start the editor {editor:?}: {e}"))),
    }
}
