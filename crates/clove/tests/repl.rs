//! The REPL as a user meets it: through a pseudo-terminal (the line
//! editor, completion, typed-ahead lines, `read-line` at the prompt) and
//! through a pipe (every form evaluated, the debugger's layout).

mod common;

use std::io::{Read, Write};
use std::os::fd::OwnedFd;
use std::process::{Child, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::{clove, dir, run, script};

/// A clove REPL on a pseudo-terminal; a thread collects what it writes.
struct Term {
    master: std::fs::File,
    child: Child,
    out: Arc<Mutex<String>>,
    /// The session's own home (its line editor keeps its history there).
    home: std::path::PathBuf,
}

const PROMPT: &str = "CL-USER> ";
/// The line editor turns bracketed paste on each time it starts reading a line.
const LINE_EDITOR_READS: &str = "\x1b[?2004h";

impl Term {
    fn start() -> Term {
        let size = nix::pty::Winsize { ws_row: 24, ws_col: 200, ws_xpixel: 0, ws_ypixel: 0 };
        let pty = nix::pty::openpty(Some(&size), None).unwrap();
        let slave = |fd: &OwnedFd| Stdio::from(fd.try_clone().unwrap());
        static SESSIONS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = SESSIONS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let home = dir().join(format!("home-{n}"));
        let child = clove()
            .arg("--quiet")
            .env("TERM", "xterm")
            .env("HOME", &home)
            .env("XDG_STATE_HOME", home.join("state"))
            .stdin(slave(&pty.slave))
            .stdout(slave(&pty.slave))
            .stderr(slave(&pty.slave))
            .spawn()
            .unwrap();
        drop(pty.slave);
        let master = std::fs::File::from(pty.master);
        let out = Arc::new(Mutex::new(String::new()));
        let (mut reader, shared) = (master.try_clone().unwrap(), out.clone());
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                shared.lock().unwrap().push_str(&String::from_utf8_lossy(&buf[..n]));
            }
        });
        let mut t = Term { master, child, out, home };
        t.wait_for(PROMPT, 1);
        t
    }

    fn output(&self) -> String {
        self.out.lock().unwrap().clone()
    }

    /// Waits until `text` has appeared `count` times (or fails after a
    /// generous deadline, showing the session).
    fn wait_for(&mut self, text: &str, count: usize) {
        let deadline = Instant::now() + Duration::from_secs(30);
        while self.output().matches(text).count() < count {
            if Instant::now() > deadline || self.child.try_wait().unwrap().is_some() {
                panic!("no {count} x {text:?} in the session:\n{}", self.output());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn send(&mut self, keys: &str) {
        self.master.write_all(keys.as_bytes()).unwrap();
    }

    /// Ends the session with Ctrl-D and returns everything it showed.
    fn finish(mut self) -> String {
        self.send("\x04");
        let deadline = Instant::now() + Duration::from_secs(30);
        while self.child.try_wait().unwrap().is_none() {
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!("the REPL did not exit at Ctrl-D:\n{}", self.output());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        self.output()
    }
}

/// Tab after a multi-byte whitespace character (a pasted no-break space)
/// completes the word after it instead of killing the session.
#[test]
fn completion_after_a_non_ascii_character() {
    let mut t = Term::start();
    t.send("(list\u{a0}:test-no\t");
    t.wait_for(":test-not", 1);
    // Ctrl-U clears the line; the session goes on.
    t.send("\x15(+ 40 2)\r");
    t.wait_for("42", 1);
    let out = t.finish();
    assert!(!out.contains("panicked"), "{out}");
}

/// Package-qualified names complete (external symbols after one colon,
/// internal ones after two), keywords complete after a colon, and a
/// second Tab lists the candidates.
#[test]
fn completion_of_qualified_names_and_keywords() {
    let mut t = Term::start();
    t.send("(hash-table-p (cl:make-hash-t\t))\r");
    t.wait_for("cl:make-hash-table", 1);
    t.wait_for("\nT\r\n", 1);
    t.send("(fboundp 'clove-system::%set-prom\t)\r");
    t.wait_for("clove-system::%set-prompt", 1);
    t.wait_for("\nT\r\n", 2);
    t.send("(list :allow-other-k\t)\r");
    t.wait_for("(:ALLOW-OTHER-KEYS)", 1);
    t.send("(cl:make-s\t\t");
    t.wait_for("cl:make-symbol", 1);
    assert!(t.output().contains("cl:make-string-output-stream"), "{}", t.output());
    t.send("\x15(+ 1 1)\r");
    t.wait_for("2\r\n", 1);
    t.finish();
}

/// Lines typed (or pasted) while a form runs are all evaluated, in order.
#[test]
fn typed_ahead_lines_are_all_evaluated() {
    let mut t = Term::start();
    t.send("(progn (sleep 1) :first)\r");
    t.wait_for("(progn (sleep 1) :first)", 1);
    t.send("(list :second)\r(list :third)\r(list :fourth)\r");
    t.wait_for("(:FOURTH)", 1);
    // A paste the terminal brackets arrives as one piece.
    t.send("\x1b[200~(list :fifth)\n(list :sixth)\x1b[201~\r");
    t.wait_for("(:SIXTH)", 1);
    let out = t.finish();
    let at = |s: &str| out.find(s).unwrap_or_else(|| panic!("no {s} in {out}"));
    assert!(at(":FIRST") < at("(:SECOND)") && at("(:SECOND)") < at("(:THIRD)"), "{out}");
    assert!(at("(:FIFTH)") < at("(:SIXTH)"), "{out}");
}

/// `(read-line)` typed at the REPL reads the next line the user types,
/// and `(read)` the next form.
#[test]
fn read_line_at_the_prompt_waits_for_the_next_line() {
    let mut t = Term::start();
    t.send("(read-line)\r");
    // The line editor is asked for read-line's line.
    t.wait_for(LINE_EDITOR_READS, 2);
    t.send("hello there\r");
    t.wait_for("\"hello there\"", 1);
    t.wait_for(PROMPT, 2);
    t.send("(read)\r");
    t.wait_for(LINE_EDITOR_READS, 4);
    t.send("(a b)\r");
    t.wait_for("(A B)", 1);
    let out = t.finish();
    assert!(!out.contains("\"\"\r\n"), "read-line returned at once: {out}");
}

/// Ctrl-C at the prompt drops the form being typed and prompts again;
/// Ctrl-C while a program waits for a line enters the debugger.
#[test]
fn ctrl_c_while_reading() {
    let mut t = Term::start();
    t.send("(list 1\r");
    t.wait_for(LINE_EDITOR_READS, 2);
    t.send("\x03");
    t.wait_for(PROMPT, 2);
    t.send("(+ 2 3)\r");
    t.wait_for("5\r\n", 1);
    t.send("(read-line)\r");
    t.wait_for(LINE_EDITOR_READS, 5);
    t.send("\x03");
    // (CL-USER uses CLOVE, so the name is printed without its package.)
    t.wait_for("debugger invoked on a INTERACTIVE-INTERRUPT", 1);
    t.send(":a\r");
    t.wait_for(PROMPT, 4);
    let out = t.finish();
    assert!(!out.contains("(1 "), "the abandoned form ran: {out}");
}

/// The REPL's lines go into the history file; lines a program reads
/// from the terminal do not.
#[test]
fn history_holds_the_repl_lines_only() {
    let mut t = Term::start();
    t.send("(read-line)\r");
    t.wait_for(LINE_EDITOR_READS, 2);
    t.send("not for the history\r");
    t.wait_for("\"not for the history\"", 1);
    let home = t.home.clone();
    t.finish();
    let history = std::fs::read_to_string(home.join("state/clove/history")).unwrap();
    assert!(history.contains("(read-line)") && !history.contains("not for the history"), "{history}");
}

/// A pipe into the REPL: every form is evaluated, and a READ-LINE in one
/// of them reads the line after it, as in SBCL.
#[test]
fn piped_input_is_read_form_by_form() {
    let mut child = clove().arg("--quiet").stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    let input = "(print 1) (print 2)\n(read-line)\nhello world\n(+ 1 2)\n(read)\n(x y)\n(list 1\n 2)\n";
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    for expect in ["\n1 \n", "\n2 \n", "\"hello world\"\nNIL\n", "3\n", "(X Y)\n", "(1 2)\n"] {
        assert!(text.contains(expect), "{expect:?} missing from {text}");
    }
}

/// The REPL reading from a pipe, returning what it printed.
fn repl(input: &str) -> String {
    let mut child = clove().arg("--quiet").stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    String::from_utf8_lossy(&out.stdout).into()
}

/// The debugger lays out its report as SBCL does: the message indented
/// under the heading (pretty-printed lines keep the indentation), the
/// restarts with their names once, SBCL's abort restart texts.
#[test]
fn debugger_layout() {
    let out = repl("(error 'type-error :datum nil :expected-type 'number)\n(restart-case (error \"x\") (my-restart () :report \"Mine.\" 1) (retry () 2))\n");
    assert!(
        out.contains("debugger invoked on a TYPE-ERROR:\n  The value\n    NIL\n  is not of type\n    NUMBER\n"),
        "{out}"
    );
    assert!(out.contains("restarts (invokable by number):\n  0: [ABORT] Exit debugger, returning to top level.\n"), "{out}");
    assert!(
        out.contains(concat!(
            "  0: [MY-RESTART] Mine.\n",
            "  1: [RETRY     ] RETRY\n",
            "  2: [ABORT     ] Reduce debugger level (to debug level 1).\n",
            "  3:              Exit debugger, returning to top level.\n",
        )),
        "{out}"
    );
}

/// A reader error typed at the REPL reports no empty backtrace, drops
/// the rest of its line, and a lone colon is one.
#[test]
fn reader_errors_at_the_repl() {
    let out = repl(":\n:a\n) (list :dropped)\n(list :next)\n");
    assert!(out.contains("READER-ERROR:\n  READ error at line 1") && out.contains("package marker in :"), "{out}");
    assert!(!out.contains("Backtrace"), "{out}");
    assert!(out.contains("unmatched close parenthesis") && !out.contains("(:DROPPED)") && out.contains("(:NEXT)"), "{out}");
}

/// An unclosed form is reported where it starts, in a script, by LOAD
/// and at the REPL; script mode lays the report out under the heading.
#[test]
fn unclosed_forms_are_reported_where_they_start() {
    let p = script("unclosed.lisp", "(print 1)\n\n   (defun f (x)\n  (list \"a)\n");
    let (code, _, err) = run(clove().arg(&p));
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("Unhandled END-OF-FILE:\n  READ error at line 5, column 0 of "), "{err}");
    assert!(err.contains("end of file in a form starting at line 3, column 3"), "{err}");
    assert!(!err.contains("Backtrace"), "{err}");
    let load = format!("(load {:?})", p.to_str().unwrap());
    let (code, _, err) = run(clove().args(["--non-interactive", "--eval", &load]));
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("end of file in a form starting at line 3, column 3"), "{err}");
    let out = repl("(+ 1 2)\n  (list 1\n");
    assert!(out.contains("end of file in a form starting at line 2, column 2"), "{out}");
}

/// Script mode: "Unhandled TYPE:" then the message indented, a blank
/// line, the backtrace.
#[test]
fn script_error_layout() {
    let p = script("fails.lisp", "(defun f (x) (error \"bad ~A\" x))\n(f 1)\n");
    let (code, _, err) = run(clove().arg(&p));
    assert_eq!(code, 1);
    assert!(err.starts_with("Unhandled SIMPLE-ERROR:\n  bad 1\n\nBacktrace:\n  0: (F 1)"), "{err}");
}
