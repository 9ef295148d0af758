//! The `clove` command: a REPL, a script runner, and --eval/--load
//! processing, over the clove runtime. The runtime runs on a thread with a
//! large stack; Lisp-level recursion lives in the heap, but the compiler,
//! reader and printer recurse on nested input.

mod cli;
mod repl;

use std::process::ExitCode;

/// The heap allocates many small objects (every cons is one allocation):
/// mimalloc is markedly faster than the system allocator at that. Counting
/// the bytes in use gives the runtime its heap limit.
#[global_allocator]
static GLOBAL: clove_runtime::heap::limit::Counting<mimalloc::MiMalloc> =
    clove_runtime::heap::limit::Counting(mimalloc::MiMalloc);

fn main() -> ExitCode {
    // The heap is many small objects: transparent huge pages only make the
    // kernel zero 2 MB at a time (slower start, twice the resident memory).
    #[cfg(target_os = "linux")]
    let _ = nix::sys::prctl::set_thp_disable(true);
    let opts = cli::parse();
    let worker = std::thread::Builder::new().stack_size(256 << 20).name("clove".into()).spawn(move || run(opts));
    match worker.map(|h| h.join()) {
        Ok(Ok(code)) => ExitCode::from(code),
        _ => {
            eprintln!("clove: internal error");
            ExitCode::from(70)
        }
    }
}

/// The heap after loading lisp-lib, saved by build.rs.
static BASE_IMAGE: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/base.image"));

/// Runs the actions the command line asked for; returns the exit status.
/// The runtime is not dropped: the process is about to exit, and freeing
/// every heap object one by one would only delay it.
fn run(opts: cli::Options) -> u8 {
    let mut rt = match clove_runtime::runtime::Runtime::from_image(BASE_IMAGE) {
        Ok(rt) => rt,
        Err(msg) => {
            eprintln!("clove: the base image does not load: {msg}");
            return 70;
        }
    };
    if let Some(mb) = opts.heap_limit_mb {
        rt.set_heap_limit(mb.saturating_mul(1 << 20));
    }
    let code = run_with(&mut rt, opts);
    std::mem::forget(rt);
    code
}

fn run_with(rt: &mut clove_runtime::runtime::Runtime, opts: cli::Options) -> u8 {
    // Ctrl-C while Lisp code runs interrupts it (the line editor reads
    // Ctrl-C at the prompt itself).
    let _ = ctrlc::set_handler(clove_runtime::vm::request_interrupt);
    let status = |r: Result<(), i32>| r.err().map(|n| n.clamp(0, 255) as u8);
    let script_args: Vec<String> = opts.script_args.clone();
    let argv0 = std::env::args().next().unwrap_or_else(|| "clove".into());
    clove_runtime::builtins::os::set_command_line(argv0, script_args);
    // The base image is a dumped image: its restore hooks (UIOP's standard
    // streams, command line, temporary directory...) run at every start.
    if let Some(code) = status(rt.call("SYS", "%IMAGE-RESTORED", &[])) {
        return code;
    }
    let interactive = opts.script.is_none() && !opts.non_interactive;
    if interactive {
        // Errors in --eval/--load enter the debugger when a REPL follows
        // (otherwise they are reported and the process exits with status 1).
        repl::install_line_editor();
        if let Some(code) = status(rt.call("SYS", "%SET-INTERACTIVE", &["T"])) {
            return code;
        }
    }
    for action in &opts.actions {
        let r = match action {
            cli::Action::Eval(form) => rt.call("SYS", "%EVAL-STRING", &[form]),
            cli::Action::Load(file) => rt.call("CL", "LOAD", &[file]),
        };
        if let Some(code) = status(r) {
            return code;
        }
    }
    if let Some(script) = &opts.script {
        return status(rt.call("SYS", "%RUN-SCRIPT", &[script])).unwrap_or(0);
    }
    if opts.non_interactive {
        return 0;
    }
    if !opts.quiet {
        println!("clove {} — a Common Lisp. Ctrl-D exits.", env!("CARGO_PKG_VERSION"));
    }
    status(rt.call("SYS", "%REPL", &[])).unwrap_or(0)
}
