//! The terminal as the REPL's input. When standard input is a terminal,
//! the host (crates/clove) installs a line editor, and the standard input
//! stream takes its lines from it (`streams/ops.rs`): the REPL, and a
//! `read-line` or `read` typed at the REPL, all read the lines the user
//! types, in order, with nothing typed ahead lost. The REPL sets the
//! prompt its next line is read under; completion candidates are worked
//! out here from the packages when the user presses Tab, not per line.

use std::cell::RefCell;

use crate::heap::{Globals, Value};
use crate::vm::{Cx, R};

crate::natives! {
    SYS "%SET-PROMPT" 1 1 => set_prompt;
}

/// What the host's line editor returned.
pub enum Line {
    Text(String),
    Interrupted,
    Eof,
}

/// The completion candidates for the word before the cursor.
pub type Candidates<'a> = &'a mut dyn FnMut(&str) -> Vec<String>;

/// The host's line editor: it shows the prompt, lets the user edit a
/// line (completing words with the candidates function) and returns it.
pub type LineReader = Box<dyn FnMut(&str, Candidates<'_>) -> Line>;

thread_local! {
    static LINE_READER: RefCell<Option<LineReader>> = const { RefCell::new(None) };
    /// The prompt for the next line read: the REPL's while it reads a
    /// form (blanks of the same width once the form has begun), empty
    /// for input a program reads.
    static PROMPT: RefCell<String> = const { RefCell::new(String::new()) };
}

/// Installs the line editor standard input reads the terminal through.
pub fn set_line_reader(reader: Option<LineReader>) {
    LINE_READER.with(|r| *r.borrow_mut() = reader);
}

/// `(sys:%set-prompt string)`: the prompt for the next line read.
fn set_prompt<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let prompt = cx.check_string(args[0])?;
    PROMPT.with(|p| *p.borrow_mut() = prompt);
    Ok(Value::Nil)
}

/// Reads one line from the terminal through the line editor, or `None`
/// when none is installed (standard input is then read as a file).
pub fn read_line<'gc>(g: &Globals<'gc>) -> Option<Line> {
    LINE_READER.with(|r| {
        let mut r = r.borrow_mut();
        let read = r.as_mut()?;
        let prompt = PROMPT.with(|p| p.borrow().clone());
        let line = read(&prompt, &mut |word| candidates(g, word));
        if let Line::Text(text) = &line {
            // A Ctrl-C that arrived while waiting for input is not for what runs next.
            crate::vm::INTERRUPTED.store(false, std::sync::atomic::Ordering::Relaxed);
            if !text.trim().is_empty() {
                PROMPT.with(|p| {
                    let width = p.borrow().chars().count();
                    *p.borrow_mut() = " ".repeat(width);
                });
            }
        }
        Some(line)
    })
}

/// Completions of `word` in the case it was typed in: a symbol
/// accessible in `*package*` or a package name (with its colon);
/// `:x` a keyword; `pkg:x` an external symbol of PKG, `pkg::x` any
/// symbol present in it.
pub fn candidates<'gc>(g: &Globals<'gc>, word: &str) -> Vec<String> {
    let lower = !word.chars().any(char::is_uppercase);
    let upper = word.to_uppercase();
    let shown = |prefix: &str, name: &str| format!("{prefix}{}", if lower { name.to_lowercase() } else { name.to_string() });
    let mut out = Vec::new();
    match word.find(':') {
        Some(i) => {
            let internal = word[i + 1..].starts_with(':');
            let prefix = &word[..i + 1 + internal as usize];
            let name = word[prefix.len()..].to_uppercase();
            let package = if i == 0 { Some(g.p.keyword) } else { g.find_package(&word[..i].to_uppercase()) };
            if let Some(p) = package {
                let d = p.borrow();
                let present = d.external.keys().chain(d.internal.keys().filter(|_| internal));
                out.extend(present.filter(|k| k.starts_with(&name)).map(|k| shown(prefix, k)));
            }
        }
        None => {
            if let Value::Package(p) = g.s.package.value() {
                let d = p.borrow();
                let own = d.internal.keys().chain(d.external.keys());
                out.extend(own.filter(|k| k.starts_with(&upper)).map(|k| shown("", k)));
                for used in &d.uses {
                    let u = used.borrow();
                    out.extend(u.external.keys().filter(|k| k.starts_with(&upper)).map(|k| shown("", k)));
                }
            }
            for (name, p) in g.packages.borrow().iter() {
                if name.starts_with(&upper) && !p.borrow().deleted {
                    out.push(shown("", &format!("{name}:")));
                }
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::candidates;
    use crate::runtime::Runtime;

    #[test]
    fn completion_candidates() {
        Runtime::new().with_cx(|cx| {
            let c = |w: &str| candidates(cx.g, w);
            assert_eq!(c("cl:make-hash-t"), ["cl:make-hash-table"]);
            assert_eq!(c("CL:MAKE-HASH-T"), ["CL:MAKE-HASH-TABLE"]);
            assert_eq!(c("make-hash-t"), ["make-hash-table"]);
            assert!(c("clove-system::%set-prom").contains(&"clove-system::%set-prompt".to_string()));
            assert!(c("clove-system:%set-prom").is_empty(), "internal symbols need two colons");
            assert!(c(":test-no").contains(&":test-not".to_string()));
            assert!(c("uio").contains(&"uiop:".to_string()));
            assert!(c("no-such-package:x").is_empty());
            assert!(c("\u{df}\u{1c6}:x").is_empty());
        });
    }
}
