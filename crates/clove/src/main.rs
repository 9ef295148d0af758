//! The `clove` command: a REPL, a script runner, and --eval/--load
//! processing, over the clove runtime. The runtime runs on a thread with a
//! large stack; Lisp-level recursion lives in the heap, but the compiler,
//! reader and printer recurse on nested input.

mod alloc;
mod cli;
mod repl;

use std::process::ExitCode;

use clove_runtime::pathnames::os::from_os;

/// The heap allocates many small objects (every cons is one allocation):
/// mimalloc is markedly faster than the system allocator at that (see
/// alloc.rs for how it is called). Counting the bytes in use gives the
/// runtime its heap limit.
#[global_allocator]
static GLOBAL: clove_runtime::heap::limit::Counting<alloc::MiMalloc> = clove_runtime::heap::limit::Counting(alloc::MiMalloc);

fn main() -> ExitCode {
    let mut args = std::env::args_os();
    let argv0 = args.next().map(|a| from_os(&a)).unwrap_or_else(|| "clove".into());
    let opts = match cli::parse(args) {
        cli::Parsed::Run(opts) => opts,
        cli::Parsed::Exit { message, status: 0 } => {
            print!("{message}");
            return ExitCode::SUCCESS;
        }
        cli::Parsed::Exit { message, status } => {
            eprint!("{message}");
            return ExitCode::from(status);
        }
    };
    let worker = std::thread::Builder::new().stack_size(256 << 20).name("clove".into()).spawn(move || run(opts, argv0));
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
fn run(opts: cli::Options, argv0: String) -> u8 {
    let mut rt = match clove_runtime::runtime::Runtime::from_static_image(BASE_IMAGE) {
        Ok(rt) => rt,
        Err(msg) => {
            eprintln!("clove: the base image does not load: {msg}");
            return 70;
        }
    };
    if let Some(mb) = opts.heap_limit_mb {
        rt.set_heap_limit(mb.saturating_mul(1 << 20));
    }
    let code = run_with(&mut rt, opts, argv0);
    std::mem::forget(rt);
    code
}

fn run_with(rt: &mut clove_runtime::runtime::Runtime, opts: cli::Options, argv0: String) -> u8 {
    // Ctrl-C while Lisp code runs interrupts it (the line editor reads
    // Ctrl-C at the prompt itself).
    let _ = ctrlc::set_handler(clove_runtime::vm::request_interrupt);
    // Every entry goes through sys::%toplevel, where quit and exit unwind to.
    let mut toplevel = |words: &[&str]| match rt.call("SYS", "%TOPLEVEL", words) {
        Ok(()) => None,
        Err(n) => Some(n.clamp(0, 255) as u8),
    };
    clove_runtime::builtins::os::set_command_line(argv0, opts.script_args.clone());
    // The base image is a dumped image: its restore hooks (UIOP's standard
    // streams, command line, temporary directory...) run at every start.
    if let Some(code) = toplevel(&["%IMAGE-RESTORED"]) {
        return code;
    }
    let script = opts.script.as_ref().map(|s| match s {
        cli::Script::File(f) => f.as_str(),
        cli::Script::Stdin => "-",
    });
    // A reader of our output that went away ends a script quietly.
    clove_runtime::streams::ops::set_quiet_broken_pipe(script.is_some() || (opts.disable_debugger && opts.quit));
    if script.is_none() {
        // Errors in --eval/--load enter the debugger, unless it is
        // disabled (then they are reported and the process exits with
        // status 1, as in a script). The line editor is for the REPL and
        // the debugger, when one of them can run.
        if !(opts.disable_debugger && opts.quit) {
            repl::install_line_editor();
        }
        let setup: &[&str] = if opts.disable_debugger { &["%DISABLE-DEBUGGER"] } else { &["%SET-INTERACTIVE", "T"] };
        if let Some(code) = toplevel(setup) {
            return code;
        }
    }
    // Init files come first, as --load options; never for a script.
    let init_files = if script.is_none() { init_files(&opts.userinit) } else { Vec::new() };
    let mut words = vec!["%PROCESS-OPTIONS"];
    words.extend(init_files.iter().flat_map(|f| ["load", f.as_str()]));
    words.extend(opts.systems.iter().flat_map(|name| ["system", name.as_str()]));
    for action in &opts.actions {
        words.extend(match action {
            cli::Action::Eval(form) => ["eval", form.as_str()],
            cli::Action::Load(file) => ["load", file.as_str()],
        });
    }
    if words.len() > 1 {
        if let Some(code) = toplevel(&words) {
            return code;
        }
    }
    if let Some(script) = script {
        return toplevel(&["%RUN-SCRIPT", script]).unwrap_or(0);
    }
    if opts.quit {
        return 0;
    }
    if !opts.quiet {
        println!("clove {} — a Common Lisp. Ctrl-D exits.", env!("CARGO_PKG_VERSION"));
    }
    toplevel(&["%REPL"]).unwrap_or(0)
}

/// The per-user init files to load: `$XDG_CONFIG_HOME/clove/init.lisp`
/// and `~/.cloverc` by default, those that exist.
fn init_files(userinit: &cli::UserInit) -> Vec<String> {
    match userinit {
        cli::UserInit::None => Vec::new(),
        cli::UserInit::File(f) => vec![f.clone()],
        cli::UserInit::Default => [dirs::config_dir().map(|d| d.join("clove").join("init.lisp")), dirs::home_dir().map(|h| h.join(".cloverc"))]
            .into_iter()
            .flatten()
            .filter(|p| p.is_file())
            .map(|p| from_os(p.as_os_str()))
            .collect(),
    }
}
