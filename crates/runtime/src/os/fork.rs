//! Forked workers, for the defsystem's parallel compilation: the process
//! is copied with `fork`, the copy does one job (compiling a file) and
//! leaves with `_exit`, so that nothing the parent had buffered (its
//! output streams, files it writes) is written twice; the parent waits for
//! its workers without blocking past a tenth of a second, so waiting stays
//! interruptible.

use std::time::{Duration, Instant};

use crate::heap::Value;
use crate::vm::{Cx, R};

crate::natives! {
    SYS "%FORK" 0 0 => fork;
    SYS "%WAIT-WORKER" 2 2 => wait_worker;
    SYS "%EXIT-WORKER" 1 1 => exit_worker;
    SYS "%KILL-WORKER" 1 1 => kill_worker;
    SYS "%PROCESSOR-COUNT" 0 0 => processor_count;
}

/// `(%fork)`: 0 in the new process, its pid in this one. The caller
/// must have written out its buffered output first.
fn fork<'gc>(cx: &mut Cx<'gc, '_>, _args: &[Value<'gc>]) -> R<'gc> {
    // SAFETY: clove runs Lisp on one thread, so the child has everything
    // it needs; it leaves with _exit (exit_worker), running no handlers.
    match unsafe { libc::fork() } {
        -1 => Err(cx.simple_error(&format!("cannot fork: {}", std::io::Error::last_os_error()))),
        pid => Ok(Value::Fixnum(pid as i64)),
    }
}

/// `(%wait-worker pids wait)`: one of the forked workers PIDS that has
/// finished, as a list of its pid, its exit code (NIL if killed) and the
/// signal that killed it (NIL if it exited); NIL if none has finished
/// (after up to a tenth of a second when WAIT is true). Each worker is
/// waited for by its pid, so run-program's children are left to their own
/// table (os/process.rs).
fn wait_worker<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let pids = crate::heap::cons::list_to_vec(args[0]).map_err(|v| cx.type_error(v, cx.g.s.list.into()))?;
    let pids = pids.into_iter().map(|p| cx.check_fixnum(p)).collect::<Result<Vec<_>, _>>()?;
    let deadline = Instant::now() + Duration::from_millis(100);
    let mut pause = Duration::from_micros(50);
    loop {
        for &pid in &pids {
            let mut status = 0;
            // SAFETY: waitpid on our own child, with WNOHANG.
            if unsafe { libc::waitpid(pid as libc::pid_t, &mut status, libc::WNOHANG) } == pid as libc::pid_t {
                let code = if libc::WIFEXITED(status) { Value::Fixnum(libc::WEXITSTATUS(status) as i64) } else { Value::Nil };
                let sig = if libc::WIFSIGNALED(status) { Value::Fixnum(libc::WTERMSIG(status) as i64) } else { Value::Nil };
                return Ok(crate::heap::cons::list(cx.mc, &[Value::Fixnum(pid), code, sig]));
            }
        }
        let now = Instant::now();
        if pids.is_empty() || !args[1].truthy() || now >= deadline || crate::vm::INTERRUPTED.load(std::sync::atomic::Ordering::Relaxed) {
            return Ok(Value::Nil);
        }
        std::thread::sleep(pause.min(deadline - now));
        pause = (pause * 2).min(Duration::from_millis(5));
    }
}

/// `(%kill-worker pid)`: ends the forked worker PID and collects it.
fn kill_worker<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let pid = cx.check_fixnum(args[0])? as libc::pid_t;
    let mut status = 0;
    // SAFETY: signalling and waiting for our own child.
    unsafe {
        libc::kill(pid, libc::SIGKILL);
        libc::waitpid(pid, &mut status, 0);
    }
    Ok(Value::Nil)
}

/// `(%exit-worker code)`: leaves a forked worker at once with CODE.
fn exit_worker<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let code = cx.check_fixnum(args[0])?;
    // SAFETY: _exit ends the process; nothing runs after it.
    unsafe { libc::_exit(code as i32) }
}

/// `(%processor-count)`: how many processors this process may use.
fn processor_count<'gc>(_cx: &mut Cx<'gc, '_>, _args: &[Value<'gc>]) -> R<'gc> {
    Ok(Value::Fixnum(std::thread::available_parallelism().map_or(1, |n| n.get()) as i64))
}
