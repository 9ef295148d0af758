//! A sampling profiler of Lisp functions, for finding where time goes
//! (`sys::%profile-start`, `sys::%profile-stop`). While it runs, the
//! interpreter checks the clock every `PROFILE_SLICE` instructions, and
//! when at least `INTERVAL` has passed it charges the time since the last
//! sample to the functions on the stack: to the innermost as its own time,
//! and once to each function on the stack as its total. Time spent in a
//! primitive (the reader, the fasl loader, a system call) is thus charged
//! to the Lisp function that called it. It costs nothing when off but one
//! flag test per slice.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use super::Thread;
use crate::heap::Value;

static ACTIVE: AtomicBool = AtomicBool::new(false);

/// Instructions between clock checks while profiling.
pub const PROFILE_SLICE: usize = 500;
/// The least time a sample covers.
const INTERVAL: Duration = Duration::from_micros(100);

#[derive(Default)]
struct Profile {
    last: Option<Instant>,
    /// Function name → (own time, total time).
    times: HashMap<String, (Duration, Duration)>,
}

thread_local! {
    static PROFILE: RefCell<Profile> = RefCell::new(Profile::default());
}

#[inline]
pub fn active() -> bool {
    ACTIVE.load(Ordering::Relaxed)
}

/// Forgets earlier samples and starts sampling.
pub fn start() {
    PROFILE.with(|p| *p.borrow_mut() = Profile { last: Some(Instant::now()), times: HashMap::new() });
    ACTIVE.store(true, Ordering::Relaxed);
}

/// Stops sampling; returns each function's own and total time, the
/// functions with the most own time first.
pub fn stop() -> Vec<(String, Duration, Duration)> {
    ACTIVE.store(false, Ordering::Relaxed);
    let times = PROFILE.with(|p| std::mem::take(&mut p.borrow_mut().times));
    let mut out: Vec<_> = times.into_iter().map(|(name, (own, total))| (name, own, total)).collect();
    out.sort_by(|a, b| b.1.cmp(&a.1).then(b.2.cmp(&a.2)).then(a.0.cmp(&b.0)));
    out
}

/// Charges the time since the last sample to the stack of `th`, if
/// enough has passed.
pub fn sample(th: &Thread<'_>) {
    PROFILE.with(|p| {
        let mut p = p.borrow_mut();
        let now = Instant::now();
        let last = *p.last.get_or_insert(now);
        let dt = now - last;
        if dt < INTERVAL {
            return;
        }
        p.last = Some(now);
        let mut seen = HashSet::new();
        for (depth, frame) in th.frames.iter().rev().enumerate() {
            let name = render(frame.func.name.get(), 3);
            let entry = p.times.entry(name.clone()).or_default();
            if depth == 0 {
                entry.0 += dt;
            }
            if seen.insert(name) {
                entry.1 += dt;
            }
        }
    });
}

/// A function's name as the backtrace shows it, without running Lisp:
/// symbols with their package, lists of them (methods, setf functions).
fn render(v: Value<'_>, depth: u32) -> String {
    match v {
        Value::Nil => "NIL".into(),
        Value::Symbol(s) => match s.package.get() {
            Value::Package(p) => format!("{}:{}", p.borrow().name, s.name),
            _ => format!("#:{}", s.name),
        },
        Value::Cons(_) if depth > 0 => {
            let items: Vec<String> = crate::heap::cons::ListIter(v).map(|x| render(x, depth - 1)).collect();
            format!("({})", items.join(" "))
        }
        Value::Cons(_) => "(...)".into(),
        Value::Fixnum(n) => n.to_string(),
        _ => "?".into(),
    }
}
