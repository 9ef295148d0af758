//! The REPL's line editor: rustyline with history in the user's XDG state
//! directory and completion of the symbols accessible in the current
//! package. The REPL loop itself is Lisp (sys::%repl); it reads lines
//! through the hook installed here, passing the completion candidates.

use std::cell::RefCell;
use std::rc::Rc;

use rustyline::completion::{Completer, Pair};
use rustyline::error::ReadlineError;
use rustyline::highlight::Highlighter;
use rustyline::hint::Hinter;
use rustyline::history::DefaultHistory;
use rustyline::validate::Validator;
use rustyline::{Config, Context, Editor, Helper};

use clove_runtime::builtins::os::{set_line_reader, Line};

/// Completes the symbol name before the cursor from the current candidates.
struct SymbolCompleter {
    words: Rc<RefCell<Vec<String>>>,
}

fn is_delimiter(c: char) -> bool {
    c.is_whitespace() || "()'`,\"#;".contains(c)
}

impl Completer for SymbolCompleter {
    type Candidate = Pair;
    fn complete(&self, line: &str, pos: usize, _ctx: &Context<'_>) -> rustyline::Result<(usize, Vec<Pair>)> {
        let start = line[..pos].rfind(is_delimiter).map(|i| i + 1).unwrap_or(0);
        let word = &line[start..pos];
        if word.is_empty() {
            return Ok((pos, Vec::new()));
        }
        let upper = word.to_uppercase();
        let lower = word.chars().all(|c| !c.is_uppercase());
        let mut out: Vec<Pair> = self
            .words
            .borrow()
            .iter()
            .filter(|w| w.starts_with(&upper))
            .map(|w| {
                let shown = if lower { w.to_lowercase() } else { w.clone() };
                Pair { display: shown.clone(), replacement: shown }
            })
            .collect();
        out.sort_by(|a, b| a.display.cmp(&b.display));
        out.dedup_by(|a, b| a.display == b.display);
        Ok((start, out))
    }
}

impl Hinter for SymbolCompleter {
    type Hint = String;
}
impl Highlighter for SymbolCompleter {}
impl Validator for SymbolCompleter {}
impl Helper for SymbolCompleter {}

fn history_file() -> Option<std::path::PathBuf> {
    let dir = dirs::state_dir().or_else(dirs::data_dir)?.join("clove");
    std::fs::create_dir_all(&dir).ok()?;
    Some(dir.join("history"))
}

/// Installs rustyline as the runtime's interactive line reader.
pub fn install_line_editor() {
    let config = Config::builder().auto_add_history(true).build();
    let Ok(mut editor) = Editor::<SymbolCompleter, DefaultHistory>::with_config(config) else { return };
    let words = Rc::new(RefCell::new(Vec::new()));
    editor.set_helper(Some(SymbolCompleter { words: words.clone() }));
    let history = history_file();
    if let Some(h) = &history {
        let _ = editor.load_history(h);
    }
    set_line_reader(Some(Box::new(move |prompt: &str, candidates: Vec<String>| {
        *words.borrow_mut() = candidates;
        let r = match editor.readline(prompt) {
            Ok(line) => Line::Text(line),
            Err(ReadlineError::Interrupted) => Line::Interrupted,
            Err(_) => Line::Eof,
        };
        if let Some(h) = &history {
            let _ = editor.save_history(h);
        }
        r
    })));
}
