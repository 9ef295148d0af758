//! Streams: the Rust side of Lisp stream objects. Each stream is one heap
//! object holding its kind (string, file, standard fd, composite) and the
//! position bookkeeping the reader needs for error messages (line, column)
//! and the printer needs for `fresh-line` (column).

use gc_arena::{Collect, Gc, Mutation, RefLock};

use crate::heap::Value;

pub mod file;
pub mod gray;
pub mod ops;

pub use file::{Cleanup, Elem, FileStream};

/// Where a stream's characters come from or go to.
#[derive(Collect)]
#[collect(no_drop)]
pub enum Kind<'gc> {
    /// Reads characters from a string, between `pos` and `end`.
    StringIn { chars: Vec<char>, pos: usize, end: usize },
    /// Accumulates output; `get-output-stream-string` empties it.
    StringOut { buf: String },
    /// Appends to a Lisp string with a fill pointer (`with-output-to-string` on a string).
    StringFill { target: Value<'gc> },
    /// Process standard input (line buffered through our own buffer).
    Stdin { buf: Vec<u8>, pos: usize },
    Stdout,
    Stderr,
    /// A file opened by `open`: the stream's `input`/`output` flags say
    /// which ways it goes (both for `:io`, neither for `:probe`).
    File(Box<FileStream>),
    /// Forwards to the dynamic value of a symbol.
    Synonym { symbol: Value<'gc> },
    TwoWay { input: Value<'gc>, output: Value<'gc> },
    Echo { input: Value<'gc>, output: Value<'gc> },
    Broadcast { streams: Vec<Value<'gc>> },
    Concatenated { streams: Vec<Value<'gc>> },
    /// The pretty printer's stream over a target (`printer/pretty_stream.rs`).
    Pretty(Box<crate::printer::pretty_stream::Pretty<'gc>>),
    /// Stands for a Gray stream instance (streams/gray.rs) in a primitive.
    Gray { instance: Value<'gc> },
}

#[derive(Collect)]
#[collect(no_drop)]
pub struct StreamData<'gc> {
    pub kind: Kind<'gc>,
    pub open: bool,
    pub input: bool,
    pub output: bool,
    /// Characters pushed back by `unread-char`, most recent last.
    pub unread: Vec<char>,
    /// 1-based line and 0-based column of the next character read or written.
    pub line: u32,
    pub col: u32,
    /// The line and column where the last object read at top level (not
    /// by a recursive read) began: `load` records the line for
    /// backtraces, and an end of file inside the object names both.
    pub form_line: u32,
    pub form_col: u32,
    /// True while a top-level read is inside an object (past its first
    /// character): an end of file then cuts that object short.
    pub in_form: bool,
    /// Buffered output not yet written to the OS (stdout/stderr).
    pub out_buf: String,
}

/// A stream object: its data behind a lock (`Gc<Stream>` is a `GcRefLock`).
pub type Stream<'gc> = RefLock<StreamData<'gc>>;

impl<'gc> StreamData<'gc> {
    pub fn new_value(mc: &Mutation<'gc>, kind: Kind<'gc>, input: bool, output: bool) -> Value<'gc> {
        Value::Stream(Gc::new(
            mc,
                RefLock::new(StreamData {
                    kind,
                    open: true,
                    input,
                    output,
                    unread: Vec::new(),
                    line: 1,
                    col: 0,
                    form_line: 1,
                    form_col: 0,
                    in_form: false,
                    out_buf: String::new(),
                }),
        ))
    }

    pub fn string_input(mc: &Mutation<'gc>, s: &str) -> Value<'gc> {
        let chars: Vec<char> = s.chars().collect();
        let end = chars.len();
        StreamData::new_value(mc, Kind::StringIn { chars, pos: 0, end }, true, false)
    }

    pub fn string_output(mc: &Mutation<'gc>) -> Value<'gc> {
        StreamData::new_value(mc, Kind::StringOut { buf: String::new() }, false, true)
    }
}

/// Creates the process's standard streams and binds the standard stream
/// variables (the originals are also kept in `sys::*stdout*` and friends).
pub fn init<'gc>(mc: &Mutation<'gc>, g: &crate::heap::Globals<'gc>) {
    let stdout = StreamData::new_value(mc, Kind::Stdout, false, true);
    let stderr = StreamData::new_value(mc, Kind::Stderr, false, true);
    let stdin = StreamData::new_value(mc, Kind::Stdin { buf: Vec::new(), pos: 0 }, true, false);
    let terminal = StreamData::new_value(mc, Kind::TwoWay { input: stdin, output: stdout }, true, true);
    let s = &g.s;
    s.standard_output.set(mc, stdout);
    s.error_output.set(mc, stderr);
    s.standard_input.set(mc, stdin);
    s.terminal_io.set(mc, terminal);
    s.trace_output.set(mc, stdout);
    s.debug_io.set(mc, terminal);
    s.query_io.set(mc, terminal);
    for (name, v) in [("*STDOUT*", stdout), ("*STDERR*", stderr), ("*STDIN*", stdin)] {
        let sym = g.intern_in(mc, "SYS", name);
        if let Some(sy) = g.sym(sym) {
            sy.set_flag(crate::heap::symbol::flags::SPECIAL, true);
            crate::heap::symbol::Symbol::set_value(sy, mc, v);
        }
    }
}

/// Writes out whatever the process's standard output and error hold; the
/// first failure, described for a message.
pub fn flush_standard<'gc>(mc: &Mutation<'gc>, g: &crate::heap::Globals<'gc>) -> Result<(), String> {
    let mut result = Ok(());
    for name in ["*STDOUT*", "*STDERR*"] {
        let sym = g.intern_in(mc, "SYS", name);
        if let Some(Value::Stream(s)) = g.sym(sym).map(|s| s.value()) {
            if let Err(e) = ops::flush(mc, s) {
                if result.is_ok() && !ops::quiet_broken_pipe(&e) {
                    result = Err(format!("cannot write to {}: {}", ops::describe(s), io_reason(&e)));
                }
            }
        }
    }
    result
}

/// The OS's reason for a failed operation, without Rust's "(os error N)".
pub fn io_reason(e: &std::io::Error) -> String {
    let text = e.to_string();
    match text.find(" (os error") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}
