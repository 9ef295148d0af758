//! Primitives: the process — command-line arguments, environment
//! variables, exiting (the exit itself; `uiop:quit` is Lisp) — and the
//! host hook the REPL reads lines through.

use std::cell::RefCell;

use crate::heap::array::make_string;
use crate::heap::{list, Value};
use crate::vm::{Ctl, Cx, R};

crate::natives! {
    SYS "%COMMAND-LINE-ARGUMENTS" 0 0 => command_line_arguments;
    SYS "%ARGV0" 0 0 => argv0;
    SYS "%EXIT" 1 1 => exit;
    SYS "%PROMPT-READ" 1 1 => prompt_read;
    SYS "%INPUT-COMPLETE-P" 1 1 => input_complete_p;
    SYS "%EMERGENCY-EXIT" 1 1 => emergency_exit;
}

/// What the host's line reader returned.
pub enum Line {
    Text(String),
    Interrupted,
    Eof,
}

/// The host's interactive line reader (the REPL's rustyline editor): it
/// gets the prompt and the names of the symbols accessible in the current
/// package, for completion.
pub type LineReader = Box<dyn FnMut(&str, Vec<String>) -> Line>;

thread_local! {
    static ARGS: RefCell<(String, Vec<String>)> = const { RefCell::new((String::new(), Vec::new())) };
    static LINE_READER: RefCell<Option<LineReader>> = const { RefCell::new(None) };
}

/// Sets the process's argv[0] and the arguments meant for the program
/// (`sys::%argv0`, `sys::%command-line-arguments`, which UIOP's command-line
/// functions read).
pub fn set_command_line(argv0: String, args: Vec<String>) {
    ARGS.with(|a| *a.borrow_mut() = (argv0, args));
}

/// Installs the line reader used by the REPL (`sys::%prompt-read`).
pub fn set_line_reader(reader: Option<LineReader>) {
    LINE_READER.with(|r| *r.borrow_mut() = reader);
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

/// Reads one complete piece of input (possibly several lines) with the
/// host's line reader: a string, :INTERRUPT (Ctrl-C) or :EOF.
fn prompt_read<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let prompt = cx.check_string(args[0])?;
    // (A failure shows at the REPL's next finish-output.)
    let _ = crate::streams::flush_standard(cx.mc, cx.g);
    let candidates = accessible_names(cx);
    let mut text = String::new();
    loop {
        let p = if text.is_empty() { prompt.clone() } else { " ".repeat(prompt.chars().count()) };
        let line = LINE_READER.with(|r| match r.borrow_mut().as_mut() {
            Some(read) => read(&p, candidates.clone()),
            None => {
                let mut s = String::new();
                match std::io::stdin().read_line(&mut s) {
                    Ok(0) | Err(_) => Line::Eof,
                    Ok(_) => Line::Text(s.trim_end_matches('\n').to_string()),
                }
            }
        });
        match line {
            Line::Text(t) => {
                // A Ctrl-C that arrived while waiting for input is not for the next form.
                crate::vm::INTERRUPTED.store(false, std::sync::atomic::Ordering::Relaxed);
                text.push_str(&t);
                text.push('\n');
                if crate::reader::input_complete(cx, &text) {
                    return Ok(make_string(cx.mc, &text));
                }
            }
            Line::Interrupted => return Ok(cx.g.intern_in(cx.mc, "KEYWORD", "INTERRUPT")),
            Line::Eof if text.trim().is_empty() => return Ok(cx.g.intern_in(cx.mc, "KEYWORD", "EOF")),
            Line::Eof => return Ok(make_string(cx.mc, &text)),
        }
    }
}

/// The names of the symbols accessible in `*package*`.
fn accessible_names<'gc>(cx: &Cx<'gc, '_>) -> Vec<String> {
    let Value::Package(p) = cx.g.s.package.value() else { return Vec::new() };
    let d = p.borrow();
    let mut names: Vec<String> = d.internal.keys().chain(d.external.keys()).map(|k| k.to_string()).collect();
    for u in &d.uses {
        names.extend(u.borrow().external.keys().map(|k| k.to_string()));
    }
    names
}

fn input_complete_p<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let text = cx.check_string(args[0])?;
    let done = crate::reader::input_complete(cx, &text);
    Ok(cx.bool(done))
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
