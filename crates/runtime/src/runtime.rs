//! The driver: owns the gc-arena, builds the initial heap, and runs Lisp
//! computations in bounded slices so the collector runs between them.

use gc_arena::{Arena, Collect, Gc, Mutation, RefLock, Rootable};

use crate::heap::Globals;
use crate::vm::{self, Cx, Outcome, Thread};

#[derive(Collect)]
#[collect(no_drop)]
pub struct Root<'gc> {
    pub g: Gc<'gc, Globals<'gc>>,
    pub thread: Gc<'gc, RefLock<Thread<'gc>>>,
}

/// Instructions run per `mutate` before the collector gets a turn.
const SLICE: usize = 20_000;

pub struct Runtime {
    arena: Arena<Rootable![Root<'_>]>,
}

impl Runtime {
    /// A runtime with the standard packages and every primitive installed.
    pub fn new() -> Runtime {
        let arena = Arena::<Rootable![Root<'_>]>::new(|mc| {
            let g = Globals::new(mc);
            crate::builtins::install(mc, &g);
            crate::builtins::core::init(mc, &g);
            crate::reader::init(mc, &g);
            crate::numbers::init(mc, &g);
            Root { g, thread: Gc::new(mc, RefLock::new(vm::new_thread())) }
        });
        Runtime { arena }
    }

    /// Runs `f` with a primitive's context, inside one mutation.
    pub fn with_cx<T>(&mut self, f: impl for<'gc> FnOnce(&mut Cx<'gc, '_>) -> T) -> T {
        self.arena.mutate(|mc: &Mutation<'_>, root| {
            let mut th = root.thread.borrow_mut(mc);
            let mut cx = Cx { mc, g: &root.g, th: &mut th };
            f(&mut cx)
        })
    }

    /// Runs the thread until its computation finishes, collecting garbage
    /// between slices.
    pub fn finish(&mut self) -> Outcome {
        loop {
            let outcome = self.with_cx(|cx| vm::run(cx, SLICE));
            self.arena.collect_debt();
            match outcome {
                Outcome::Yield => continue,
                other => return other,
            }
        }
    }
}

impl Default for Runtime {
    fn default() -> Self {
        Runtime::new()
    }
}
