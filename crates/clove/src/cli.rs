//! Command-line parsing (clap): options in the order given, the script
//! file and its arguments.

use clap::{Arg, ArgAction, Command};

pub enum Action {
    Eval(String),
    Load(String),
}

pub struct Options {
    /// --eval and --load, in command-line order.
    pub actions: Vec<Action>,
    pub script: Option<String>,
    pub script_args: Vec<String>,
    pub non_interactive: bool,
    pub quiet: bool,
    /// --dynamic-space-size: the heap limit in megabytes.
    pub heap_limit_mb: Option<usize>,
}

fn command() -> Command {
    Command::new("clove")
        .version(env!("CARGO_PKG_VERSION"))
        .about("clove: a small, fast Common Lisp with a built-in defsystem")
        .arg(Arg::new("eval").long("eval").value_name("FORM").action(ArgAction::Append).help("Evaluate FORM (repeatable, in order with --load)"))
        .arg(Arg::new("load").long("load").value_name("FILE").action(ArgAction::Append).help("Load FILE (repeatable, in order with --eval)"))
        .arg(Arg::new("script").long("script").value_name("FILE").help("Run FILE as a script; the remaining arguments are its arguments"))
        .arg(Arg::new("non-interactive").long("non-interactive").action(ArgAction::SetTrue).help("Exit after processing --eval and --load"))
        .arg(Arg::new("quiet").long("quiet").short('q').action(ArgAction::SetTrue).help("Do not print the banner"))
        .arg(
            Arg::new("dynamic-space-size")
                .long("dynamic-space-size")
                .value_name("MB")
                .value_parser(clap::value_parser!(usize))
                .help("Memory the heap may use, in megabytes (default: 3/4 of the machine's); past it a storage-condition is signalled"),
        )
        .arg(Arg::new("file").value_name("FILE").help("A script to run (a first line starting with #! is skipped)"))
        .arg(Arg::new("args").value_name("ARGS").num_args(0..).trailing_var_arg(true).allow_hyphen_values(true).help("Arguments for the script"))
}

pub fn parse() -> Options {
    let m = command().get_matches();
    let mut actions: Vec<(usize, Action)> = Vec::new();
    for (name, make) in [("eval", Action::Eval as fn(String) -> Action), ("load", Action::Load)] {
        if let (Some(vals), Some(idx)) = (m.get_many::<String>(name), m.indices_of(name)) {
            for (v, i) in vals.zip(idx) {
                actions.push((i, make(v.clone())));
            }
        }
    }
    actions.sort_by_key(|(i, _)| *i);
    let file = m.get_one::<String>("file").cloned();
    let mut script_args: Vec<String> = m.get_many::<String>("args").map(|v| v.cloned().collect()).unwrap_or_default();
    // With --script FILE, the first positional word is the script's first argument.
    let script = match m.get_one::<String>("script").cloned() {
        Some(s) => {
            script_args.splice(0..0, file);
            Some(s)
        }
        None => file,
    };
    Options {
        actions: actions.into_iter().map(|(_, a)| a).collect(),
        script,
        script_args,
        non_interactive: m.get_flag("non-interactive"),
        quiet: m.get_flag("quiet"),
        heap_limit_mb: m.get_one::<usize>("dynamic-space-size").copied(),
    }
}
