//! The reader algorithm (CLHS 2.2) as a character loop over the current
//! readtable. Objects under construction (lists, vectors, quote-like
//! wrappers, `#+` tests...) are frames on an explicit stack, so deeply
//! nested input costs heap rather than Rust stack; the depth is bounded.

use gc_arena::Gc;

use super::builtin::Builtin;
use super::errors::{eof_error, reader_error};
use super::readtable::{self, Syntax};
use super::state::State;
use super::token::{self, Parsed, Token};
use crate::heap::cons::{list, list_with_tail};
use crate::heap::Value;
use crate::streams::{ops, Stream};
use crate::vm::{Ctl, Cx};

/// The deepest nesting of unfinished objects the reader accepts.
pub const MAX_DEPTH: usize = 10_000;

pub type Res<'gc, T> = Result<T, Ctl<'gc>>;

/// What a list frame builds when its closing character arrives.
#[derive(Copy, Clone, PartialEq, Eq)]
pub enum ListKind {
    /// `( ... )`, possibly dotted.
    List,
    /// `#( ... )` with its optional length.
    Vector(Option<u64>),
    /// `read-delimited-list`.
    Delimited,
}

/// The state of a list after a consing dot.
pub enum Tail<'gc> {
    Proper,
    AfterDot,
    Have(Value<'gc>),
}

/// A wrapper waiting for the next object read.
pub enum Wrap<'gc> {
    /// `(symbol object)`: quote, function.
    Form(Value<'gc>),
    /// Backquote: `(sys:quasiquote object)`, one level deeper.
    Backquote,
    /// A comma: `(symbol object)`, one backquote level out.
    Comma(Value<'gc>),
    /// The object itself (the form kept by `#+`/`#-`).
    Pass,
    /// `#.`
    Eval,
    /// `#n=`
    Label { n: Value<'gc>, placeholder: Value<'gc> },
    /// `#c`
    Complex,
    /// `#nA`
    Array(u64),
    /// `#+`/`#-` reading its feature expression, with the values of
    /// `*package*` and `*read-suppress*` to put back.
    Feature { plus: bool, package: Value<'gc>, suppress: Value<'gc> },
    /// The form skipped by `#+`/`#-`, with `*read-suppress*` to put back.
    Skip { suppress: Value<'gc> },
}

pub enum Frame<'gc> {
    List { close: char, items: Vec<Value<'gc>>, tail: Tail<'gc>, kind: ListKind },
    Wrap(Wrap<'gc>),
}

/// What reading the next piece of input produced.
pub enum Ev<'gc> {
    Value(Value<'gc>),
    /// Nothing (a comment, a macro returning no values).
    Nothing,
    /// A frame was pushed; keep reading.
    Pushed,
    /// The closing character of the innermost list frame.
    Close,
    /// The consing dot.
    Dot,
    Eof,
}

/// What finishing a wrapper gives.
pub enum Step<'gc> {
    Value(Value<'gc>),
    Nothing,
    /// A new frame replaced it; keep reading.
    Continue,
}

/// How a run starts: reading an object, or as a macro function called
/// with its stream and character (and sub-character, numeric argument).
pub enum Start {
    Object,
    Macro(Builtin, char),
    Sharp(Builtin, char, Option<u64>),
    Delimited(char),
}

pub struct Reader<'gc> {
    pub stream: Gc<'gc, Stream<'gc>>,
    pub frames: Vec<Frame<'gc>>,
    pub preserve: bool,
    pub state: State<'gc>,
    /// The backquote depth when this run began (recursive reads).
    pub backquote_base: i64,
    /// True for a read that is not recursive: where its object starts is
    /// recorded in the stream (`form_line`).
    pub top: bool,
    /// Characters read, to take a pending Ctrl-C every `POLL_EVERY`.
    chars: u32,
}

/// Characters between two polls for Ctrl-C (`Cx::poll`): reading a huge
/// input can be interrupted.
const POLL_EVERY: u32 = 8192;

impl<'gc> Reader<'gc> {
    pub fn new(stream: Gc<'gc, Stream<'gc>>, state: State<'gc>, preserve: bool, backquote_base: i64, top: bool) -> Reader<'gc> {
        Reader { stream, frames: Vec::new(), preserve, state, backquote_base, top, chars: 0 }
    }

    /// Runs the reader. For `Start::Object`, `None` means end of file
    /// before any object; for macro starts it means no value (zero values).
    pub fn run(&mut self, cx: &mut Cx<'gc, '_>, start: Start) -> Res<'gc, Option<Value<'gc>>> {
        let r = self.run_frames(cx, start);
        if r.is_err() {
            self.restore_specials(cx);
        }
        if self.top {
            self.stream.borrow_mut(cx.mc).in_form = false;
        }
        r
    }

    fn run_frames(&mut self, cx: &mut Cx<'gc, '_>, start: Start) -> Res<'gc, Option<Value<'gc>>> {
        let macro_mode = !matches!(start, Start::Object);
        let mut ev = match start {
            Start::Object => self.next(cx)?,
            Start::Macro(b, c) => self.builtin_macro(cx, b, c)?,
            Start::Sharp(b, sub, n) => self.sharp(cx, b, sub, n)?,
            Start::Delimited(c) => self
                .push(cx, Frame::List { close: c, items: Vec::new(), tail: Tail::Proper, kind: ListKind::Delimited })?,
        };
        loop {
            match ev {
                Ev::Value(v) => {
                    if let Some(done) = self.deliver(cx, v, macro_mode)? {
                        return Ok(done);
                    }
                }
                Ev::Nothing => {
                    if macro_mode && self.frames.is_empty() {
                        return Ok(None);
                    }
                }
                Ev::Pushed => {}
                Ev::Close => {
                    ev = Ev::Value(self.close(cx)?);
                    continue;
                }
                Ev::Dot => {
                    if let Some(v) = self.dot(cx)? {
                        ev = Ev::Value(v);
                        continue;
                    }
                }
                Ev::Eof => {
                    if !macro_mode && self.frames.is_empty() {
                        return Ok(None);
                    }
                    return Err(eof_error(cx, self.stream));
                }
            }
            ev = self.next(cx)?;
        }
    }

    /// Gives `v` to the innermost frame; `Some` when the run is finished.
    fn deliver(
        &mut self,
        cx: &mut Cx<'gc, '_>,
        mut v: Value<'gc>,
        macro_mode: bool,
    ) -> Res<'gc, Option<Option<Value<'gc>>>> {
        loop {
            let Some(frame) = self.frames.pop() else { return Ok(Some(Some(v))) };
            match frame {
                Frame::List { close, mut items, tail, kind } => {
                    let tail = match tail {
                        Tail::Proper => {
                            items.push(v);
                            Tail::Proper
                        }
                        Tail::AfterDot => Tail::Have(v),
                        Tail::Have(t) => {
                            if !self.suppressing(cx) {
                                return Err(self.error(cx, "more than one object follows . in list"));
                            }
                            Tail::Have(t)
                        }
                    };
                    self.frames.push(Frame::List { close, items, tail, kind });
                    return Ok(None);
                }
                Frame::Wrap(w) => match self.finish(cx, w, v)? {
                    Step::Value(x) => v = x,
                    Step::Nothing => {
                        return Ok(if macro_mode && self.frames.is_empty() { Some(None) } else { None });
                    }
                    Step::Continue => return Ok(None),
                },
            }
        }
    }

    /// The innermost list frame is closed: builds its object.
    fn close(&mut self, cx: &mut Cx<'gc, '_>) -> Res<'gc, Value<'gc>> {
        let Some(Frame::List { items, tail, kind, .. }) = self.frames.pop() else {
            return Err(self.error(cx, "unmatched close parenthesis"));
        };
        let suppress = self.suppressing(cx);
        match kind {
            ListKind::List => match tail {
                Tail::AfterDot if !suppress => Err(self.error(cx, "nothing appears after . in list")),
                Tail::Have(t) if !suppress => {
                    if self.is_splice(cx, t) {
                        return Err(self.error(cx, "a splicing comma after a dot"));
                    }
                    Ok(list_with_tail(cx.mc, &items, t))
                }
                _ if suppress => Ok(Value::Nil),
                _ => Ok(list(cx.mc, &items)),
            },
            ListKind::Delimited => Ok(if suppress { Value::Nil } else { list(cx.mc, &items) }),
            ListKind::Vector(n) => {
                if suppress {
                    return Ok(Value::Nil);
                }
                self.vector(cx, items, n)
            }
        }
    }

    /// The consing dot: recorded in the innermost list, or an error. A
    /// dot ignored under `*read-suppress*` reads as NIL.
    fn dot(&mut self, cx: &mut Cx<'gc, '_>) -> Res<'gc, Option<Value<'gc>>> {
        let suppress = self.suppressing(cx);
        let msg = match self.frames.last_mut() {
            Some(Frame::List { kind: ListKind::List, items, tail, .. }) => match tail {
                Tail::Proper if !items.is_empty() => {
                    *tail = Tail::AfterDot;
                    return Ok(None);
                }
                Tail::Proper => "nothing appears before . in list",
                _ => "more than one dot in list",
            },
            _ => "dot context error",
        };
        if suppress {
            Ok(Some(Value::Nil))
        } else {
            Err(self.error(cx, msg))
        }
    }

    /// Pushes a frame (bounded depth).
    pub fn push(&mut self, cx: &Cx<'gc, '_>, f: Frame<'gc>) -> Res<'gc, Ev<'gc>> {
        if self.frames.len() >= MAX_DEPTH {
            return Err(self.error(cx, &format!("objects nested more than {MAX_DEPTH} deep")));
        }
        self.frames.push(f);
        Ok(Ev::Pushed)
    }

    pub fn push_wrap(&mut self, cx: &Cx<'gc, '_>, w: Wrap<'gc>) -> Res<'gc, Ev<'gc>> {
        self.push(cx, Frame::Wrap(w))
    }

    /// Puts back the special variables that pending `#+`/`#-` frames
    /// rebound (on an error or non-local exit out of the run).
    fn restore_specials(&mut self, cx: &Cx<'gc, '_>) {
        while let Some(f) = self.frames.pop() {
            match f {
                Frame::Wrap(Wrap::Feature { package, suppress, .. }) => {
                    cx.g.s.package.set(cx.mc, package);
                    cx.g.s.read_suppress.set(cx.mc, suppress);
                }
                Frame::Wrap(Wrap::Skip { suppress }) => cx.g.s.read_suppress.set(cx.mc, suppress),
                _ => {}
            }
        }
    }

    /// CLHS 2.2 steps 1-7: reads up to the start of the next object.
    fn next(&mut self, cx: &mut Cx<'gc, '_>) -> Res<'gc, Ev<'gc>> {
        loop {
            let Some(c) = self.read_char(cx)? else { return Ok(Ev::Eof) };
            if let Some(Frame::List { close, .. }) = self.frames.last() {
                if *close == c {
                    return Ok(Ev::Close);
                }
            }
            let (syntax, function) = self.lookup(cx, c)?;
            if self.top && self.frames.is_empty() && syntax != Syntax::Whitespace {
                // The last such character before an object is its first
                // (comments are read the same way and come earlier).
                let (line, col) = ops::position(self.stream);
                let mut s = self.stream.borrow_mut(cx.mc);
                (s.form_line, s.form_col, s.in_form) = (line, col.saturating_sub(1), true);
            }
            match syntax {
                Syntax::Whitespace => continue,
                Syntax::TerminatingMacro | Syntax::NonTerminatingMacro => {
                    let f = function.unwrap_or(Value::Nil);
                    return match Builtin::of(f) {
                        Some(b) => self.builtin_macro(cx, b, c),
                        None => self.call_macro(cx, f, &[crate::streams::gray::lisp_value(self.stream), Value::Char(c)]),
                    };
                }
                _ => {
                    let tok = self.read_token(cx, Some(c))?;
                    let case = self.case(cx)?;
                    return Ok(match token::interpret(cx, self.stream, &tok, case)? {
                        Parsed::Object(v) => Ev::Value(v),
                        Parsed::Dot => Ev::Dot,
                    });
                }
            }
        }
    }

    /// Calls a reader macro function written in Lisp: no values means
    /// nothing was read.
    pub fn call_macro(&mut self, cx: &mut Cx<'gc, '_>, f: Value<'gc>, args: &[Value<'gc>]) -> Res<'gc, Ev<'gc>> {
        self.state.set_backquote_depth(cx, self.backquote_depth());
        let vals = cx.call(f, args)?;
        Ok(match vals.first() {
            Some(&v) => Ev::Value(v),
            None => Ev::Nothing,
        })
    }

    /// The number of backquotes around the current position, less commas.
    pub fn backquote_depth(&self) -> i64 {
        self.frames.iter().fold(self.backquote_base, |d, f| match f {
            Frame::Wrap(Wrap::Backquote) => d + 1,
            Frame::Wrap(Wrap::Comma(_)) => d - 1,
            _ => d,
        })
    }

    /// CLHS 2.2 steps 8-10: accumulates a token, `first` being its first
    /// character (already read) if any.
    pub fn read_token(&mut self, cx: &mut Cx<'gc, '_>, first: Option<char>) -> Res<'gc, Token> {
        let mut tok = Token::default();
        self.extend_token(cx, &mut tok, first)?;
        Ok(tok)
    }

    pub fn extend_token(&mut self, cx: &mut Cx<'gc, '_>, tok: &mut Token, mut pending: Option<char>) -> Res<'gc, ()> {
        loop {
            let c = match pending.take() {
                Some(c) => c,
                None => match self.read_char(cx)? {
                    Some(c) => c,
                    None => return Ok(()),
                },
            };
            match self.syntax(cx, c)? {
                Syntax::Constituent => {
                    if invalid_trait(c) && !self.suppressing(cx) {
                        return Err(self.error(cx, &format!("invalid constituent character (code {})", c as u32)));
                    }
                    tok.push(c, false);
                }
                Syntax::NonTerminatingMacro => tok.push(c, false),
                Syntax::SingleEscape => {
                    let y = self.read_char_in_object(cx)?;
                    tok.push(y, true);
                }
                Syntax::MultipleEscape => {
                    tok.multiple_escape = true;
                    loop {
                        let y = self.read_char_in_object(cx)?;
                        match self.syntax(cx, y)? {
                            Syntax::MultipleEscape => break,
                            Syntax::SingleEscape => {
                                let z = self.read_char_in_object(cx)?;
                                tok.push(z, true);
                            }
                            _ => tok.push(y, true),
                        }
                    }
                }
                Syntax::TerminatingMacro => {
                    ops::unread_char(cx, self.stream, c)?;
                    return Ok(());
                }
                Syntax::Whitespace => {
                    if self.preserve {
                        ops::unread_char(cx, self.stream, c)?;
                    }
                    return Ok(());
                }
            }
        }
    }

    pub fn read_char(&mut self, cx: &mut Cx<'gc, '_>) -> Res<'gc, Option<char>> {
        self.chars = self.chars.wrapping_add(1);
        if self.chars % POLL_EVERY == 0 {
            cx.poll()?;
        }
        ops::read_char(cx, self.stream)
    }

    /// The next character, where end of file would cut an object short.
    pub fn read_char_in_object(&mut self, cx: &mut Cx<'gc, '_>) -> Res<'gc, char> {
        match self.read_char(cx)? {
            Some(c) => Ok(c),
            None => Err(eof_error(cx, self.stream)),
        }
    }

    /// The syntax type and macro function of `c` in the current readtable.
    pub fn lookup(&self, cx: &Cx<'gc, '_>, c: char) -> Res<'gc, (Syntax, Option<Value<'gc>>)> {
        let rt = readtable::current(cx)?;
        Ok(readtable::with(rt, |r| (r.syntax(c), r.macro_function(c))).unwrap_or((Syntax::Constituent, None)))
    }

    pub fn syntax(&self, cx: &Cx<'gc, '_>, c: char) -> Res<'gc, Syntax> {
        Ok(self.lookup(cx, c)?.0)
    }

    pub fn case(&self, cx: &Cx<'gc, '_>) -> Res<'gc, readtable::Case> {
        let rt = readtable::current(cx)?;
        Ok(readtable::with(rt, |r| r.case).unwrap_or(readtable::Case::Upcase))
    }

    pub fn suppressing(&self, cx: &Cx<'gc, '_>) -> bool {
        cx.g.s.read_suppress.value().truthy()
    }

    pub fn error(&self, cx: &Cx<'gc, '_>, msg: &str) -> Ctl<'gc> {
        reader_error(cx, self.stream, msg)
    }

    /// True for `(sys:unquote-splicing x)` and `(sys:unquote-nsplicing x)`.
    pub fn is_splice(&self, cx: &Cx<'gc, '_>, v: Value<'gc>) -> bool {
        match v {
            Value::Cons(c) => cx.g.s.unquote_splicing.is(c.car()) || cx.g.s.unquote_nsplicing.is(c.car()),
            _ => false,
        }
    }
}

/// Characters whose constituent trait is "invalid" (CLHS Figure 2-8).
fn invalid_trait(c: char) -> bool {
    matches!(c, '\x08' | '\t' | '\n' | '\x0c' | '\r' | ' ' | '\x7f')
}
