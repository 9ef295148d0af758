//! Command-line parsing. The options are read in order up to the first
//! word that is not one (the script file, or `-` for standard input):
//! that word and everything after it belong to the script, options
//! included, as with `sbcl --script`. Arguments are bytes: one that is not
//! valid UTF-8 reaches Lisp encoded as file names are (`pathnames/os.rs`).

use std::ffi::OsString;

use clove_runtime::pathnames::os::from_os;

pub enum Action {
    Eval(String),
    Load(String),
}

/// Where the script comes from.
pub enum Script {
    File(String),
    /// `clove -` or `--script` without a file: standard input.
    Stdin,
}

/// Which per-user init file interactive use loads.
pub enum UserInit {
    /// `$XDG_CONFIG_HOME/clove/init.lisp` and `~/.cloverc`, those that exist.
    Default,
    None,
    File(String),
}

pub struct Options {
    /// --eval and --load, in command-line order.
    pub actions: Vec<Action>,
    /// --system: the systems to load (in order) before the actions and the script.
    pub systems: Vec<String>,
    pub script: Option<Script>,
    /// What `uiop:command-line-arguments` returns.
    pub script_args: Vec<String>,
    /// Errors print a report and exit with status 1 instead of entering the debugger.
    pub disable_debugger: bool,
    /// Exit after the --eval and --load options instead of starting the REPL.
    pub quit: bool,
    pub quiet: bool,
    pub userinit: UserInit,
    /// --dynamic-space-size: the heap limit in megabytes.
    pub heap_limit_mb: Option<usize>,
}

const HELP: &str = "\
clove: a small, fast Common Lisp with a built-in defsystem

Usage: clove [OPTIONS] [FILE | -] [ARGS...]

A FILE (or - for standard input) is run as a script: a first line starting
with #! is skipped, and FILE's ARGS, options included, are the script's own
(uiop:command-line-arguments). Without a script clove runs the --eval and
--load options in order, then the REPL.

Options:
  --eval FORM                Evaluate FORM (repeatable, in order with --load)
  --load FILE                Load FILE (repeatable, in order with --eval)
  --system NAME              Load the system NAME with asdf:load-system
                             (repeatable), before --eval, --load and FILE
  --script [FILE]            Run FILE (standard input if none) as a script:
                             no init file, errors exit with status 1
  --non-interactive          Same as --disable-debugger --quit
  --disable-debugger         An unhandled error prints a report and a
                             backtrace and exits with status 1
  --quit                     Exit after the --eval and --load options
  --userinit FILE            Load FILE as the init file
  --no-userinit              Load no init file
  --no-sysinit               Accepted for SBCL compatibility (clove has no
                             system-wide init file)
  --noinform, -q, --quiet    Do not print the banner
  --end-toplevel-options     The remaining words are arguments, not options
  --dynamic-space-size SIZE  Memory the heap may use: megabytes, or with a
                             unit (512MB, 2GB); default 3/4 of the machine's.
                             Past it a storage-condition is signalled
  -h, --help                 Print this help
  -V, --version              Print the version

Without --no-userinit, interactive use and --non-interactive first load
$XDG_CONFIG_HOME/clove/init.lisp (~/.config/clove/init.lisp) and
~/.cloverc, those that exist; scripts never do.
";

/// What the command line asks for: options to run, or a message to print
/// and the exit status.
pub enum Parsed {
    Run(Options),
    Exit { message: String, status: u8 },
}

pub fn parse(args: impl IntoIterator<Item = OsString>) -> Parsed {
    match parse_words(args.into_iter().map(|a| from_os(&a)).collect()) {
        Ok(p) => p,
        Err(msg) => Parsed::Exit { message: format!("clove: {msg}\nTry 'clove --help'.\n"), status: 2 },
    }
}

fn parse_words(words: Vec<String>) -> Result<Parsed, String> {
    let mut o = Options {
        actions: Vec::new(),
        systems: Vec::new(),
        script: None,
        script_args: Vec::new(),
        disable_debugger: false,
        quit: false,
        quiet: false,
        userinit: UserInit::Default,
        heap_limit_mb: None,
    };
    let mut words = words.into_iter();
    while let Some(word) = words.next() {
        // --name=value is --name value.
        let (name, mut inline) = match word.split_once('=') {
            Some((n, v)) if n.starts_with("--") => (n.to_string(), Some(v.to_string())),
            _ => (word.clone(), None),
        };
        let mut value = |what: &str| inline.take().or_else(|| words.next()).ok_or_else(|| format!("{name} needs {what}"));
        match name.as_str() {
            "--eval" => o.actions.push(Action::Eval(value("a form")?)),
            "--load" => o.actions.push(Action::Load(value("a file name")?)),
            "--system" => o.systems.push(value("a system name")?),
            "--userinit" => o.userinit = UserInit::File(value("a file name")?),
            "--dynamic-space-size" => o.heap_limit_mb = Some(megabytes(&value("a size")?)?),
            "--script" => {
                o.script = Some(match inline.take().or_else(|| words.next()) {
                    Some(file) => Script::File(file),
                    None => Script::Stdin,
                });
                o.script_args = words.collect();
                break;
            }
            _ if inline.is_some() => return Err(format!("unknown option {name}")),
            "-h" | "--help" => return Ok(Parsed::Exit { message: HELP.into(), status: 0 }),
            "-V" | "--version" => {
                return Ok(Parsed::Exit { message: format!("clove {}\n", env!("CARGO_PKG_VERSION")), status: 0 })
            }
            "--non-interactive" => (o.disable_debugger, o.quit) = (true, true),
            "--disable-debugger" => o.disable_debugger = true,
            "--quit" => o.quit = true,
            "--no-userinit" => o.userinit = UserInit::None,
            "--no-sysinit" => {}
            "-q" | "--quiet" | "--noinform" => o.quiet = true,
            "--end-toplevel-options" => {
                o.script_args = words.collect();
                break;
            }
            "-" => {
                o.script = Some(Script::Stdin);
                o.script_args = words.collect();
                break;
            }
            _ if word.starts_with('-') => return Err(format!("unknown option {word}")),
            _ => {
                o.script = Some(Script::File(word));
                o.script_args = words.collect();
                break;
            }
        }
    }
    Ok(Parsed::Run(o))
}

/// A --dynamic-space-size value in megabytes: a positive number of
/// megabytes, or one with a unit (KB, MB, GB, TB; SBCL's spellings).
fn megabytes(text: &str) -> Result<usize, String> {
    let bad = || format!("--dynamic-space-size: {text:?} is not a size (a positive number of megabytes, or e.g. 512MB, 2GB)");
    let upper = text.trim().to_ascii_uppercase();
    let digits = upper.find(|c: char| !c.is_ascii_digit()).unwrap_or(upper.len());
    let (number, unit) = upper.split_at(digits);
    let n: u64 = number.parse().map_err(|_| bad())?;
    let kb = match unit {
        "" | "M" | "MB" | "MIB" => n.checked_mul(1024),
        "K" | "KB" | "KIB" => Some(n),
        "G" | "GB" | "GIB" => n.checked_mul(1 << 20),
        "T" | "TB" | "TIB" => n.checked_mul(1 << 30),
        _ => return Err(bad()),
    }
    .ok_or_else(bad)?;
    let mb = kb / 1024;
    if mb == 0 {
        return Err(format!("--dynamic-space-size: {text:?} is too small (at least 1MB)"));
    }
    usize::try_from(mb).ok().filter(|m| m.checked_mul(1 << 20).is_some()).ok_or_else(bad)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(ws: &[&str]) -> Options {
        match parse_words(ws.iter().map(|w| w.to_string()).collect()) {
            Ok(Parsed::Run(o)) => o,
            _ => panic!("{ws:?} did not parse"),
        }
    }

    #[test]
    fn sizes_take_units_and_refuse_nonsense() {
        assert_eq!(megabytes("100"), Ok(100));
        assert_eq!(megabytes("2GB"), Ok(2048));
        assert_eq!(megabytes("512mb"), Ok(512));
        assert_eq!(megabytes("2048KB"), Ok(2));
        for bad in ["0", "-5", "", "lots", "1.5GB", "99999999999999999999", "0GB", "12XB", "100KB"] {
            assert!(megabytes(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn everything_after_the_script_is_the_scripts() {
        let o = words(&["-q", "tool.lisp", "--eval", "(x)", "--help", "-q"]);
        assert!(matches!(o.script, Some(Script::File(ref f)) if f == "tool.lisp"));
        assert_eq!(o.script_args, ["--eval", "(x)", "--help", "-q"]);
        assert!(o.actions.is_empty());
        let o = words(&["--script", "t.lisp", "--version"]);
        assert_eq!(o.script_args, ["--version"]);
        let o = words(&["--eval=(a)", "--end-toplevel-options", "--eval", "b"]);
        assert!(o.script.is_none() && o.actions.len() == 1);
        assert_eq!(o.script_args, ["--eval", "b"]);
    }
}
