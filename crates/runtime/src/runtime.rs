//! The driver: owns the gc-arena, builds the initial heap, and runs Lisp
//! computations in bounded slices so the collector runs between them.

use gc_arena::{Arena, Collect, Gc, Mutation, RefLock, Rootable};

use crate::bytecode::ImageBytes;
use crate::heap::{Globals, Value};
use crate::marshal::Trust;
use crate::vm::{self, Cx, Outcome, Thread};

#[derive(Collect)]
#[collect(no_drop)]
pub struct Root<'gc> {
    pub g: Gc<'gc, Globals<'gc>>,
    pub thread: Gc<'gc, RefLock<Thread<'gc>>>,
}

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
            crate::streams::init(mc, &g);
            crate::builtins::arrays::init(mc, &g);
            crate::builtins::chars::init(mc, &g);
            crate::reader::init(mc, &g);
            crate::numbers::init(mc, &g);
            Root { g, thread: Gc::new(mc, RefLock::new(vm::new_thread())) }
        });
        let mut rt = Runtime::with_arena(arena);
        if let Err(msg) = crate::boot::load_all(&mut rt) {
            panic!("the runtime's Lisp library failed to load: {msg}");
        }
        rt.with_cx(|cx| cx.g.s.package.set(cx.mc, Value::Package(cx.g.p.user)));
        rt
    }

    /// A runtime whose heap is the image `bytes` (written by `save_image`
    /// from a runtime of this same build). Its code is trusted: this is
    /// for images the build made (see `from_untrusted_image`). Code
    /// bodies are decoded when first used, from a copy of `bytes`.
    pub fn from_image(bytes: &[u8]) -> Result<Runtime, String> {
        Runtime::from_trusted(ImageBytes::Shared(bytes.into()))
    }

    /// `from_image` for an image that lives as long as the process (the
    /// base image embedded in the executable): nothing is copied, and
    /// the bytes of code never run are never even read.
    pub fn from_static_image(bytes: &'static [u8]) -> Result<Runtime, String> {
        Runtime::from_trusted(ImageBytes::Static(bytes))
    }

    fn from_trusted(image: ImageBytes) -> Result<Runtime, String> {
        Runtime::load(&image.clone(), Trust::Trusted(image))
    }

    /// A runtime whose heap is the image `bytes`, from anywhere: its code
    /// objects are checked by the bytecode verifier before any can run.
    pub fn from_untrusted_image(bytes: &[u8]) -> Result<Runtime, String> {
        Runtime::load(bytes, Trust::Untrusted)
    }

    fn load(bytes: &[u8], trust: Trust) -> Result<Runtime, String> {
        let arena = Arena::<Rootable![Root<'_>]>::try_new(|mc| {
            let g = crate::marshal::load_image(mc, bytes, trust).map_err(|e| *e.0)?;
            Ok::<_, String>(Root { g, thread: Gc::new(mc, RefLock::new(vm::new_thread())) })
        })?;
        // The image's objects are all alive: counting them as this cycle's
        // allocations would start a full collection at once (the mark of the
        // whole image, a sixth of a hello-world's run). Treat them as the
        // survivors of a cycle instead, so the first collection waits until
        // as much again has been allocated, as later ones do.
        let loaded = arena.metrics().total_gc_count() as f64;
        arena.metrics().adjust_debt(-loaded);
        Ok(Runtime::with_arena(arena))
    }

    fn with_arena(arena: Arena<Rootable![Root<'_>]>) -> Runtime {
        // Collect once the heap has grown by as much again as survived the
        // last cycle (and never for less than 64k objects): each cycle traces
        // every live object, so frequent small cycles cost more than they free.
        arena.metrics().set_pacing(gc_arena::metrics::Pacing { sleep_factor: 1.0, min_sleep: 1 << 16, ..gc_arena::metrics::Pacing::DEFAULT });
        let limit = crate::heap::limit::default_limit();
        crate::heap::limit::set_limit(limit);
        crate::heap::limit::set_alarm(limit);
        let mut rt = Runtime { arena };
        rt.with_cx(crate::pathnames::set_default_defaults);
        rt
    }

    /// The image of this runtime's heap, for `from_image`. Call it between
    /// computations: the values of special variables bound by running code
    /// are not what an image should keep. Fails if the heap holds an object
    /// that cannot be saved (a fasl being loaded).
    pub fn save_image(&mut self) -> Result<Vec<u8>, String> {
        self.with_cx(|cx| {
            crate::streams::flush_standard(cx.mc, cx.g)?;
            crate::marshal::save_image(cx.g)
        })
    }

    /// Runs `f` with a primitive's context, inside one mutation.
    pub fn with_cx<T>(&mut self, f: impl for<'gc> FnOnce(&mut Cx<'gc, '_>) -> T) -> T {
        self.arena.mutate(|mc: &Mutation<'_>, root| {
            let mut th = root.thread.borrow_mut(mc);
            let mut cx = Cx { mc, g: &root.g, th: &mut th };
            f(&mut cx)
        })
    }

    /// Sets how many bytes the process may have in use before the running
    /// computation gets a storage-condition.
    pub fn set_heap_limit(&mut self, bytes: usize) {
        crate::heap::limit::set_limit(bytes);
        crate::heap::limit::set_alarm(bytes);
    }

    /// Runs the thread until its computation finishes, collecting garbage
    /// between slices.
    pub fn finish(&mut self) -> Outcome {
        loop {
            if let Some(outcome) = self.run_slices(usize::MAX) {
                return outcome;
            }
        }
    }

    /// Runs the thread for at most `slices` slices, as `finish` does;
    /// `None` when the computation is still running after them.
    pub fn run_slices(&mut self, slices: usize) -> Option<Outcome> {
        for _ in 0..slices {
            let outcome = self.with_cx(|cx| vm::run(cx, vm::slice()));
            self.collect_debt();
            self.check_heap();
            crate::heap::limit::set_baseline();
            if !matches!(outcome, Outcome::Yield) {
                return Some(outcome);
            }
        }
        None
    }
}

impl Runtime {
    /// Pays the collector's debt. Between marking and sweeping, weak
    /// tables are finalized (heap/weak.rs): what their entries keep alive
    /// is marked first, then their dead entries are removed, and only then
    /// may sweeping start.
    fn collect_debt(&mut self) {
        use gc_arena::arena::CollectionPhase;
        if self.arena.collection_phase() == CollectionPhase::Sweeping {
            self.arena.cycle_debt();
        } else if let Some(marked) = self.arena.mark_debt() {
            if marked.finalize(|fc, root| crate::heap::weak::finalize(fc, &root.g)) {
                if let Some(marked) = self.arena.finish_marking() {
                    marked.start_sweeping();
                }
            }
        }
    }

    /// A full collection, weak tables finalized as in `collect_debt`.
    fn collect_all(&mut self) {
        use gc_arena::arena::CollectionPhase;
        if self.arena.collection_phase() == CollectionPhase::Sweeping {
            self.arena.finish_cycle();
        }
        while let Some(marked) = self.arena.finish_marking() {
            if marked.finalize(|fc, root| crate::heap::weak::finalize(fc, &root.g)) {
                if let Some(marked) = self.arena.finish_marking() {
                    marked.start_sweeping();
                }
                break;
            }
        }
        self.arena.finish_cycle();
    }

    /// Over the limit even after a full collection: the computation is
    /// asked to signal a storage-condition (see `limit::exhausted`).
    fn check_heap(&mut self) {
        use crate::heap::limit::{alarm, exhausted, in_use};
        if in_use() > alarm() {
            self.collect_all();
        }
        if exhausted() {
            vm::request_heap_exhausted();
        }
    }

    /// Calls the Lisp function `pkg::name` with string arguments and runs it
    /// to completion. `Err(status)` when the process should exit.
    pub fn call(&mut self, pkg: &str, name: &str, args: &[&str]) -> Result<(), i32> {
        let started = self.with_cx(|cx| {
            let f = cx.g.intern_in(cx.mc, pkg, name);
            let args: Vec<_> = args.iter().map(|a| crate::heap::array::make_string(cx.mc, a)).collect();
            vm::start_call(cx, f, &args).is_ok()
        });
        let outcome = if started { self.finish() } else { Outcome::Fatal(format!("cannot call {pkg}::{name}")) };
        // Output still buffered goes out now; if it cannot, the process
        // must not report success.
        let flushed = self.with_cx(|cx| crate::streams::flush_standard(cx.mc, cx.g));
        if let Err(msg) = flushed {
            eprintln!("clove: {msg}");
            if matches!(outcome, Outcome::Done | Outcome::Returned | Outcome::Exit(0)) {
                return Err(1);
            }
        }
        match outcome {
            Outcome::Done | Outcome::Returned => Ok(()),
            Outcome::Exit(n) => Err(n),
            Outcome::Fatal(msg) => {
                eprintln!("clove: fatal error: {msg}");
                Err(70)
            }
            Outcome::Yield | Outcome::Unwound => Err(70),
        }
    }
}

impl Default for Runtime {
    fn default() -> Self {
        Runtime::new()
    }
}
