//! The REPL's line editor: rustyline with history in the user's XDG state
//! directory and completion of symbol, package and keyword names. The
//! REPL loop itself is Lisp (sys::%repl); when standard input is a
//! terminal, the runtime's standard input stream reads its lines through
//! the editor installed here, so the REPL and the programs it runs share
//! one input, typed-ahead lines included. Completion candidates come from
//! the runtime at Tab time (`terminal::candidates`).

use std::cell::Cell;
use std::io::IsTerminal;
use std::rc::Rc;

use rustyline::completion::{Completer, Pair};
use rustyline::error::ReadlineError;
use rustyline::highlight::Highlighter;
use rustyline::hint::Hinter;
use rustyline::history::DefaultHistory;
use rustyline::validate::Validator;
use rustyline::{CompletionType, Config, Context, Editor, Helper};

use clove_runtime::builtins::terminal::{set_line_reader, Line};

/// The candidates function of the line being read, erased to `'static`.
type CandidatesPtr = *mut (dyn FnMut(&str) -> Vec<String> + 'static);

/// Completes the word before the cursor with the candidates the runtime
/// gives for it. `source` is set only while `readline` runs.
struct LispCompleter {
    source: Rc<Cell<Option<CandidatesPtr>>>,
}

fn is_delimiter(c: char) -> bool {
    c.is_whitespace() || "()'`,\"#;".contains(c)
}

/// Where the word ending at byte `pos` of `line` starts (a char boundary).
fn word_start(line: &str, pos: usize) -> usize {
    line[..pos].char_indices().rev().find(|&(_, c)| is_delimiter(c)).map_or(0, |(i, c)| i + c.len_utf8())
}

impl Completer for LispCompleter {
    type Candidate = Pair;
    fn complete(&self, line: &str, pos: usize, _ctx: &Context<'_>) -> rustyline::Result<(usize, Vec<Pair>)> {
        let start = word_start(line, pos);
        let word = &line[start..pos];
        let Some(source) = self.source.get().filter(|_| !word.is_empty()) else { return Ok((pos, Vec::new())) };
        // SAFETY: `source` points to the candidates function passed to
        // the line reader below, which outlives the `readline` call this
        // completion runs in, and is cleared before that call returns.
        let words = unsafe { (*source)(word) };
        Ok((start, words.into_iter().map(|w| Pair { display: w.clone(), replacement: w }).collect()))
    }
}

impl Hinter for LispCompleter {
    type Hint = String;
}
impl Highlighter for LispCompleter {}
impl Validator for LispCompleter {}
impl Helper for LispCompleter {}

fn history_file() -> Option<std::path::PathBuf> {
    let dir = dirs::state_dir().or_else(dirs::data_dir)?.join("clove");
    std::fs::create_dir_all(&dir).ok()?;
    Some(dir.join("history"))
}

/// Installs rustyline as the terminal's line reader when standard input
/// is a terminal (otherwise standard input is read as it comes). Tab
/// completes as far as the candidates agree; a second Tab lists them.
pub fn install_line_editor() {
    if !std::io::stdin().is_terminal() {
        return;
    }
    let config = Config::builder().completion_type(CompletionType::List).build();
    let Ok(mut editor) = Editor::<LispCompleter, DefaultHistory>::with_config(config) else { return };
    let source = Rc::new(Cell::new(None));
    editor.set_helper(Some(LispCompleter { source: source.clone() }));
    let history = history_file();
    if let Some(h) = &history {
        let _ = editor.load_history(h);
    }
    set_line_reader(Some(Box::new(move |prompt: &str, candidates: &mut dyn FnMut(&str) -> Vec<String>| {
        let ptr: *mut (dyn FnMut(&str) -> Vec<String> + '_) = candidates;
        // SAFETY: only the lifetime bound is erased; the pointer is
        // cleared below, before `candidates` goes out of scope.
        source.set(Some(unsafe { std::mem::transmute::<_, CandidatesPtr>(ptr) }));
        let r = match editor.readline(prompt) {
            Ok(line) => {
                // Lines typed at the REPL's prompts are history; lines a
                // program reads (under no prompt) are not.
                if !prompt.is_empty() && !line.trim().is_empty() {
                    let _ = editor.add_history_entry(line.as_str());
                }
                Line::Text(line)
            }
            Err(ReadlineError::Interrupted) => Line::Interrupted,
            Err(_) => Line::Eof,
        };
        source.set(None);
        if let Some(h) = &history {
            let _ = editor.save_history(h);
        }
        r
    })));
}

#[cfg(test)]
mod tests {
    use super::word_start;

    #[test]
    fn words_start_after_a_delimiter_of_any_width() {
        assert_eq!(word_start("(car", 4), 1);
        assert_eq!(word_start("cl:make-ha", 10), 0);
        let line = "(list\u{a0}ca";
        assert_eq!(&line[word_start(line, line.len())..], "ca");
        let line = "«a»\u{3000}x";
        assert_eq!(&line[word_start(line, line.len())..], "x");
    }
}
