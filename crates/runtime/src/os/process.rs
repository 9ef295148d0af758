//! Child processes, for UIOP's launch-program and run-program
//! (lisp-lib/uiop/launch-program.lisp): spawning a program with each of
//! its standard descriptors taken from the null device, this process's
//! own descriptor, a file, an open file stream, or a new pipe that Lisp
//! sees as a file stream; waiting (blocking or not) for an exit code or
//! terminating signal; sending signals. Children live in a table keyed by
//! pid: every spawn reaps the ones that have exited (keeping their status
//! until Lisp asks for it), so none stays a zombie, and a signal is never
//! sent to a pid that was reaped and may have been reused.

use std::collections::BTreeMap;
use std::fs::{File, OpenOptions};
use std::os::fd::{AsFd, AsRawFd, OwnedFd};
use std::os::unix::process::ExitStatusExt;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use gc_arena::Gc;

use crate::heap::cons::list_to_vec;
use crate::heap::{list, Value};
use crate::pathnames::os::to_os;
use crate::streams::ops::{flush, resolve, write_failed};
use crate::streams::{Cleanup, Elem, FileStream, Kind, Stream, StreamData};
use crate::vm::{Ctl, Cx, R};

crate::natives! {
    SYS "%SPAWN" 9 9 => spawn;
    SYS "%PROCESS-STATUS" 2 2 => status;
    SYS "%PROCESS-SIGNAL" 2 2 => signal;
    SYS "%FD-STREAM-P" 2 2 => fd_stream_p;
    SYS "%TEMPORARY-STREAM" 3 3 => temporary_stream;
}

/// The children not yet reported finished to Lisp.
static CHILDREN: Mutex<BTreeMap<u32, Child>> = Mutex::new(BTreeMap::new());

fn children() -> std::sync::MutexGuard<'static, BTreeMap<u32, Child>> {
    CHILDREN.lock().unwrap_or_else(|e| e.into_inner())
}

/// Collects the exit status of every child that has exited (std's `Child`
/// keeps it for the next `try_wait`).
fn reap_all() {
    for child in children().values_mut() {
        let _ = child.try_wait();
    }
}

/// The element type and external format of a stream made here, from the
/// Lisp arguments `bits signed latin1` (as `%open` takes them).
fn stream_format<'gc>(cx: &Cx<'gc, '_>, args: &[Value<'gc>]) -> Result<(Elem, bool), Ctl<'gc>> {
    let bits = cx.check_fixnum(args[0])?;
    match Elem::from_bits(bits, args[1].truthy()) {
        Some(elem) => Ok((elem, args[2].truthy())),
        None => Err(cx.simple_error(&format!("unsupported element size of {bits} bits"))),
    }
}

/// A file stream over a pipe or unnamed file, named (in its printed
/// form) by its descriptor as SBCL names such streams.
fn fd_stream_value<'gc>(cx: &Cx<'gc, '_>, file: File, format: (Elem, bool), input: bool, output: bool) -> Value<'gc> {
    let name = format!("descriptor {}", file.as_raw_fd());
    let fs = FileStream::new(Some(file), name, format.0, format.1, Cleanup::None);
    StreamData::new_value(cx.mc, Kind::File(Box::new(fs)), input, output)
}

/// The open descriptor behind a stream that a child can share, after
/// writing out what the stream buffers; `None` when the stream has no
/// descriptor, goes the other way, or has read ahead (the child would
/// miss those bytes).
fn stream_fd<'gc>(cx: &mut Cx<'gc, '_>, v: Value<'gc>, output: bool) -> Result<Option<OwnedFd>, Ctl<'gc>> {
    let Value::Stream(s) = v else { return Ok(None) };
    let s: Gc<'gc, Stream<'gc>> = resolve(cx, s, output)?;
    flush(cx.mc, s).map_err(|e| write_failed(cx, s, &e))?;
    let d = s.borrow();
    if !d.open || !d.unread.is_empty() || (if output { !d.output } else { !d.input }) {
        return Ok(None);
    }
    let fd = match &d.kind {
        Kind::File(f) if f.rpos >= f.rbuf.len() => match &f.file {
            Some(file) => file.as_fd().try_clone_to_owned(),
            None => return Ok(None),
        },
        Kind::Stdin { buf, pos } if *pos >= buf.len() => std::io::stdin().as_fd().try_clone_to_owned(),
        Kind::Stdout => std::io::stdout().as_fd().try_clone_to_owned(),
        Kind::Stderr => std::io::stderr().as_fd().try_clone_to_owned(),
        _ => return Ok(None),
    };
    fd.map(Some).map_err(|e| cx.simple_error(&format!("cannot share the descriptor of a stream: {e}")))
}

/// `(%fd-stream-p stream output-p)`: whether a child can be given the
/// stream's own descriptor (else Lisp copies through a temporary file).
fn fd_stream_p<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let fd = stream_fd(cx, args[0], args[1].truthy())?;
    Ok(cx.bool(fd.is_some()))
}

/// One of the child's standard descriptors: what it gets, and the
/// parent's end when it is a pipe.
struct Slot {
    child: OwnedFd,
    parent: Option<File>,
}

/// Works out descriptor `fd` (0, 1 or 2) from its Lisp specification:
/// NIL (the null device), :INHERIT (this process's own), a native
/// namestring (opened for reading, or created and appended to), a stream
/// with a descriptor, or :STREAM (a new pipe).
fn slot<'gc>(cx: &mut Cx<'gc, '_>, spec: Value<'gc>, fd: i32) -> Result<Slot, Ctl<'gc>> {
    let output = fd != 0;
    let err = |cx: &Cx<'gc, '_>, what: &str, e: std::io::Error| cx.simple_error(&format!("{what}: {e}"));
    let child: OwnedFd = match spec {
        Value::Nil => {
            let f = OpenOptions::new().read(!output).write(output).open("/dev/null");
            f.map_err(|e| err(cx, "cannot open /dev/null", e))?.into()
        }
        Value::Stream(_) => match stream_fd(cx, spec, output)? {
            Some(fd) => fd,
            None => return Err(cx.error_fmt("~S has no file descriptor a child process can use", &[spec])),
        },
        _ => match crate::builtins::args::keyword_name(cx, spec) {
            Some("INHERIT") => {
                let own = match fd {
                    0 => std::io::stdin().as_fd().try_clone_to_owned(),
                    1 => std::io::stdout().as_fd().try_clone_to_owned(),
                    _ => std::io::stderr().as_fd().try_clone_to_owned(),
                };
                own.map_err(|e| err(cx, "cannot share a standard descriptor", e))?
            }
            Some("STREAM") => {
                let (reader, writer) = std::io::pipe().map_err(|e| err(cx, "cannot make a pipe", e))?;
                return Ok(if output {
                    Slot { child: writer.into(), parent: Some(File::from(OwnedFd::from(reader))) }
                } else {
                    Slot { child: reader.into(), parent: Some(File::from(OwnedFd::from(writer))) }
                });
            }
            _ => {
                let name = cx.check_string(spec)?;
                let f = OpenOptions::new().read(!output).append(output).create(output).open(to_os(&name));
                f.map_err(|e| err(cx, &format!("cannot open {name}"), e))?.into()
            }
        },
    };
    Ok(Slot { child, parent: None })
}

/// `(%spawn argv directory environment stdin stdout stderr bits signed latin1)`:
/// starts ARGV (a list of strings: the program, looked up in PATH when it
/// has no slash, then its arguments) in DIRECTORY (a native namestring,
/// or NIL for the current one), with ENVIRONMENT a list of "NAME=VALUE"
/// strings replacing this process's (T keeps it). STDERR may also be
/// :OUTPUT, meaning wherever stdout goes. Pipes become streams of the
/// given element type and external format. Returns (pid input output error),
/// the streams NIL where no pipe was asked for.
fn spawn<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let argv = list_to_vec(args[0]).map_err(|v| cx.type_error(v, cx.g.s.list.into()))?;
    let argv: Vec<String> = argv.into_iter().map(|v| cx.check_string(v)).collect::<Result<_, _>>()?;
    let Some(program) = argv.first() else { return Err(cx.simple_error("no program to run: the command is empty")) };
    let format = stream_format(cx, &args[6..9])?;
    let mut command = Command::new(to_os(program));
    command.args(argv[1..].iter().map(|a| to_os(a)));
    if args[1].truthy() {
        command.current_dir(to_os(&cx.check_string(args[1])?));
    }
    if !args[2].eq(cx.g.t) {
        let vars = list_to_vec(args[2]).map_err(|v| cx.type_error(v, cx.g.s.list.into()))?;
        command.env_clear();
        for v in vars {
            let entry = cx.check_string(v)?;
            let Some((name, value)) = entry.split_once('=') else {
                return Err(cx.error_fmt("~S is not an environment entry of the form NAME=VALUE", &[v]));
            };
            command.env(to_os(name), to_os(value));
        }
    }
    // The child's output comes after ours. (A failure to write ours shows
    // at its next write or at exit, where it is reported.)
    let _ = crate::streams::flush_standard(cx.mc, cx.g);
    let input = slot(cx, args[3], 0)?;
    let output = slot(cx, args[4], 1)?;
    let error = match crate::builtins::args::keyword_name(cx, args[5]) {
        Some("OUTPUT") => {
            let child = output.child.try_clone().map_err(|e| cx.simple_error(&format!("cannot share a descriptor: {e}")))?;
            Slot { child, parent: None }
        }
        _ => slot(cx, args[5], 2)?,
    };
    command.stdin(Stdio::from(input.child)).stdout(Stdio::from(output.child)).stderr(Stdio::from(error.child));
    reap_all();
    let child = command.spawn().map_err(|e| cx.simple_error(&format!("cannot run {program}: {e}")))?;
    let pid = child.id();
    children().insert(pid, child);
    let streams: Vec<Value<'gc>> = [(input.parent, true), (output.parent, false), (error.parent, false)]
        .into_iter()
        .map(|(parent, to_child)| match parent {
            Some(f) => fd_stream_value(cx, f, format, !to_child, to_child),
            None => Value::Nil,
        })
        .collect();
    Ok(list(cx.mc, &[Value::Fixnum(pid as i64), streams[0], streams[1], streams[2]]))
}

/// The exit code and terminating signal of a finished child.
fn status_values<'gc>(cx: &mut Cx<'gc, '_>, st: ExitStatus) -> R<'gc> {
    let code = st.code().map_or(Value::Nil, |c| Value::Fixnum(c as i64));
    let sig = st.signal().map_or(Value::Nil, |s| Value::Fixnum(s as i64));
    cx.values(vec![code, sig])
}

/// `(%process-status pid wait)`: NIL while the child runs; once it has
/// finished, its exit code (NIL if killed) and the signal that killed it
/// (NIL if it exited), after which the child is forgotten (Lisp keeps the
/// status). With WAIT, waits up to a tenth of a second before answering
/// NIL, so that a Lisp loop around it stays interruptible.
fn status<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let pid = cx.check_fixnum(args[0])? as u32;
    let deadline = Instant::now() + Duration::from_millis(100);
    let mut pause = Duration::from_micros(20);
    loop {
        let mut guard = children();
        let Some(child) = guard.get_mut(&pid) else {
            drop(guard);
            return Err(cx.simple_error(&format!("no child process has pid {pid} (or its status was already taken)")));
        };
        match child.try_wait() {
            Ok(Some(st)) => {
                guard.remove(&pid);
                drop(guard);
                return status_values(cx, st);
            }
            Ok(None) => {}
            Err(e) => {
                drop(guard);
                return Err(cx.simple_error(&format!("cannot wait for process {pid}: {e}")));
            }
        }
        drop(guard);
        let now = Instant::now();
        if !args[1].truthy() || now >= deadline || crate::vm::INTERRUPTED.load(std::sync::atomic::Ordering::Relaxed) {
            return Ok(Value::Nil);
        }
        std::thread::sleep(pause.min(deadline - now));
        pause = (pause * 2).min(Duration::from_millis(10));
    }
}

/// `(%process-signal pid signum)`: sends the signal to a child still
/// running; T if sent, NIL if the child had already finished.
fn signal<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let pid = cx.check_fixnum(args[0])? as u32;
    let sig = cx.check_fixnum(args[1])?;
    let mut guard = children();
    let running = match guard.get_mut(&pid) {
        Some(child) => matches!(child.try_wait(), Ok(None)),
        None => false,
    };
    drop(guard);
    if !running {
        return Ok(Value::Nil);
    }
    // SAFETY: kill(2) on the pid of a child that has not been reaped, so
    // the pid is still ours.
    if unsafe { libc::kill(pid as libc::pid_t, sig as libc::c_int) } != 0 {
        let e = std::io::Error::last_os_error();
        return Err(cx.simple_error(&format!("cannot send signal {sig} to process {pid}: {e}")));
    }
    Ok(cx.g.t)
}

/// `(%temporary-stream bits signed latin1)`: an input/output file stream
/// on a new file that has no name (it is unlinked at once, so it goes
/// away with the stream): what Lisp uses to hand a child the contents of
/// a stream that has no descriptor, or to collect output for one.
fn temporary_stream<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let format = stream_format(cx, args)?;
    let dir = std::env::temp_dir();
    let stamp = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
    let mut last = None;
    for attempt in 0..16u32 {
        let path = dir.join(format!("clove-{}-{stamp:x}-{attempt}", std::process::id()));
        match OpenOptions::new().read(true).write(true).create_new(true).open(&path) {
            Ok(file) => {
                let _ = std::fs::remove_file(&path);
                return Ok(fd_stream_value(cx, file, format, true, true));
            }
            Err(e) => last = Some(e),
        }
    }
    let e = last.map_or_else(String::new, |e| e.to_string());
    Err(cx.simple_error(&format!("cannot make a temporary file in {}: {e}", dir.display())))
}
