//! Primitives: the process — command-line arguments, environment
//! variables, exiting (the exit itself; `uiop:quit` is Lisp).

use std::cell::RefCell;

use crate::heap::array::make_string;
use crate::heap::{list, Value};
use crate::vm::{Ctl, Cx, R};

crate::natives! {
    SYS "%COMMAND-LINE-ARGUMENTS" 0 0 => command_line_arguments;
    SYS "%ARGV0" 0 0 => argv0;
    SYS "%EXIT" 1 1 => exit;
    SYS "%EMERGENCY-EXIT" 1 1 => emergency_exit;
}

thread_local! {
    static ARGS: RefCell<(String, Vec<String>)> = const { RefCell::new((String::new(), Vec::new())) };
}

/// Sets the process's argv[0] and the arguments meant for the program
/// (`sys::%argv0`, `sys::%command-line-arguments`, which UIOP's command-line
/// functions read).
pub fn set_command_line(argv0: String, args: Vec<String>) {
    ARGS.with(|a| *a.borrow_mut() = (argv0, args));
}

fn command_line_arguments<'gc>(cx: &mut Cx<'gc, '_>, _args: &[Value<'gc>]) -> R<'gc> {
    let items: Vec<String> = ARGS.with(|a| a.borrow().1.clone());
    let values: Vec<Value<'gc>> = items.iter().map(|s| make_string(cx.mc, s)).collect();
    Ok(list(cx.mc, &values))
}

fn argv0<'gc>(cx: &mut Cx<'gc, '_>, _args: &[Value<'gc>]) -> R<'gc> {
    let a = ARGS.with(|a| a.borrow().0.clone());
    Ok(make_string(cx.mc, &a))
}

/// `(%exit status)`: leaves the process at once (`uiop:quit` and
/// `clove:exit` unwind first), with the status's low eight bits as Unix
/// keeps them.
fn exit<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    match args[0] {
        Value::Fixnum(n) => Err(Ctl::Exit((n & 0xFF) as i32)),
        other => Err(cx.type_error(other, cx.g.s.integer.into())),
    }
}

/// Errors kept happening while an error was being reported: print what can
/// be printed without running Lisp code and exit with status 1.
fn emergency_exit<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let mut kind = String::from("an unknown condition");
    let mut message = String::new();
    if let Value::Instance(i) = args[0] {
        let name = crate::clos::class_slot(i.class.get(), crate::clos::CLASS_NAME);
        if name.is_symbol() {
            kind = crate::heap::package::sym_name(name).to_string();
        }
        // A simple condition's format control is its first slot.
        if let Some(Value::Array(a)) = i.slots.borrow().get(1) {
            message = a.borrow().string().unwrap_or_default();
        }
    }
    let _ = crate::streams::flush_standard(cx.mc, cx.g);
    eprintln!("clove: unhandled {kind} while reporting an earlier error: {message}");
    Err(Ctl::Exit(1))
}
