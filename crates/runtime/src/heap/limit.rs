//! The heap limit. A program that allocates without end must get a
//! `storage-condition` it can handle (or, in a script, an error report and
//! exit status 1), not be killed by the operating system with the machine
//! swapping first. The `clove` binary installs `Counting` as its global
//! allocator, which keeps the number of bytes in use; between two slices
//! of computation the runtime compares it with its limit (runtime.rs).

use std::alloc::{GlobalAlloc, Layout};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

static IN_USE: AtomicUsize = AtomicUsize::new(0);
/// Past this many bytes in use, `OVER` is set: the VM then ends its slice
/// at the next call, so the runtime can check the limit without waiting.
static ALARM: AtomicUsize = AtomicUsize::new(usize::MAX);
static OVER: AtomicBool = AtomicBool::new(false);
/// The limit of the runtime (runtime.rs sets it), for messages.
static LIMIT: AtomicUsize = AtomicUsize::new(0);
/// Bytes in use after the last collection step between two slices: what a
/// request is measured against, since the garbage made since then could
/// not be collected yet.
static BASELINE: AtomicUsize = AtomicUsize::new(0);

/// A global allocator that counts the bytes another one hands out.
pub struct Counting<A>(pub A);

// SAFETY: every call is forwarded to the inner allocator unchanged.
unsafe impl<A: GlobalAlloc> GlobalAlloc for Counting<A> {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { self.0.alloc(layout) };
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { self.0.alloc_zeroed(layout) };
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }
    unsafe fn dealloc(&self, p: *mut u8, layout: Layout) {
        unsafe { self.0.dealloc(p, layout) };
        IN_USE.fetch_sub(layout.size(), Ordering::Relaxed);
    }
    unsafe fn realloc(&self, p: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let q = unsafe { self.0.realloc(p, layout, new_size) };
        if !q.is_null() {
            IN_USE.fetch_sub(layout.size(), Ordering::Relaxed);
            grew(new_size);
        }
        q
    }
}

fn grew(n: usize) {
    if IN_USE.fetch_add(n, Ordering::Relaxed) + n > ALARM.load(Ordering::Relaxed) {
        OVER.store(true, Ordering::Relaxed);
    }
}

/// Sets the number of bytes in use past which `over_alarm` becomes true.
pub fn set_alarm(bytes: usize) {
    ALARM.store(bytes, Ordering::Relaxed);
    OVER.store(in_use() > bytes, Ordering::Relaxed);
}

/// True once memory in use passed the alarm (until `set_alarm`).
pub fn over_alarm() -> bool {
    OVER.load(Ordering::Relaxed)
}

/// Bytes allocated and not yet freed (0 when `Counting` is not installed).
pub fn in_use() -> usize {
    IN_USE.load(Ordering::Relaxed)
}

/// The default limit: three quarters of the machine's memory (8 GiB when
/// that cannot be read).
pub fn default_limit() -> usize {
    let total_kb = std::fs::read_to_string("/proc/meminfo").ok().and_then(|text| {
        let line = text.lines().find(|l| l.starts_with("MemTotal:"))?;
        line.split_whitespace().nth(1)?.parse::<usize>().ok()
    });
    match total_kb {
        Some(kb) => kb / 4 * 3 * 1024,
        None => 8 << 30,
    }
}

/// The current alarm: the limit, or further while the handlers of a
/// storage-condition run.
pub fn alarm() -> usize {
    ALARM.load(Ordering::Relaxed)
}

/// Called when memory in use may be over the alarm and nothing more can be
/// freed (after a full collection, or inside a nested run or a primitive,
/// which cannot collect). When it is over, the alarm moves an eighth of the
/// limit further so that handlers can run, and the answer is true: a
/// storage-condition is due. Under the limit again, the alarm comes back.
pub fn exhausted() -> bool {
    let used = in_use();
    let over = used > alarm();
    let next = if over {
        used + limit() / 8
    } else if used < limit() {
        limit()
    } else {
        alarm()
    };
    set_alarm(next);
    over
}

/// A storage-condition, before allocating, when `bytes` more would take
/// memory in use past the alarm: a single huge request (`make-array`,
/// `make-list`, a bignum) is refused without being attempted. Memory in
/// use is taken as at the last collection (`set_baseline`), so garbage made
/// since, which the next collection frees, does not refuse a request.
pub fn check_room<'gc>(cx: &crate::vm::Cx<'gc, '_>, bytes: usize, what: &str) -> Result<(), crate::vm::Ctl<'gc>> {
    if bytes <= alarm().saturating_sub(in_use().min(BASELINE.load(Ordering::Relaxed))) {
        return Ok(());
    }
    const MB: usize = 1 << 20;
    // The condition type sys::%heap-exhausted signals (06-toplevel.lisp).
    let kind = cx.g.intern_in(cx.mc, "SYS", "SIMPLE-STORAGE-CONDITION");
    Err(cx.error_msg(kind, &format!(
        "Heap exhausted: {what} needs {} MB, {} MB are in use and the limit is {} MB (see clove --dynamic-space-size).",
        bytes.div_ceil(MB),
        in_use() / MB,
        limit() / MB
    )))
}

/// Records memory in use once the collector has done its work between two
/// slices (runtime.rs).
pub fn set_baseline() {
    BASELINE.store(in_use(), Ordering::Relaxed);
}

pub fn set_limit(bytes: usize) {
    LIMIT.store(bytes, Ordering::Relaxed);
}

pub fn limit() -> usize {
    LIMIT.load(Ordering::Relaxed)
}

crate::natives! {
    SYS "%HEAP-IN-USE" 0 0 => heap_in_use;
    SYS "%HEAP-LIMIT" 0 0 => heap_limit;
}

fn heap_in_use<'gc>(cx: &mut crate::vm::Cx<'gc, '_>, _args: &[crate::heap::Value<'gc>]) -> crate::vm::R<'gc> {
    Ok(crate::heap::Value::int(cx.mc, in_use() as i64))
}

fn heap_limit<'gc>(cx: &mut crate::vm::Cx<'gc, '_>, _args: &[crate::heap::Value<'gc>]) -> crate::vm::R<'gc> {
    Ok(crate::heap::Value::int(cx.mc, limit() as i64))
}

