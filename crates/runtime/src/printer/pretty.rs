//! The pretty printer's layout engine (CLHS 22.2.2), after Waters' XP and
//! SBCL's pretty streams: text written to a pretty stream is buffered with
//! a queue of pending operations (conditional newlines, logical block
//! starts and ends, indentation changes, tabs). A newline is decided as
//! soon as the end of its section is known (or the buffered text already
//! overflows the line); a logical block that fits on the rest of the line
//! is emitted as one piece. Decided text accumulates in `out`, which the
//! stream operations hand on to the target stream.

use std::collections::VecDeque;

/// The kind of a conditional newline (`pprint-newline`), plus the literal
/// newlines of the text itself.
#[derive(Copy, Clone, PartialEq, Eq, Debug)]
pub enum NewlineKind {
    Linear,
    Fill,
    Miser,
    Mandatory,
    Literal,
}

/// `pprint-tab` kinds: measured from the line or the section start,
/// absolute or relative.
#[derive(Copy, Clone, Debug)]
pub struct Tab {
    pub section: bool,
    pub relative: bool,
    pub colnum: usize,
    pub colinc: usize,
}

enum OpKind {
    Newline(NewlineKind),
    BlockStart { per_line: Option<String>, suffix: Option<String>, block_end: Option<u64> },
    BlockEnd,
    /// `pprint-indent`: relative to the block start (`block`) or to the
    /// position of the operation.
    Indent { block: bool, amount: i64 },
    Tab(Tab),
}

struct Op {
    id: u64,
    /// The position in the output (buffer index plus `buffer_offset`).
    posn: i64,
    /// For newlines and block starts: how many blocks were open.
    depth: usize,
    /// For newlines and block starts: the next newline of the same or an
    /// enclosing block, once known.
    section_end: Option<u64>,
    kind: OpKind,
}

/// A logical block the layout has decided to break.
#[derive(Clone)]
struct Block {
    start_column: usize,
    section_column: usize,
    per_line_prefix_end: usize,
    prefix_length: usize,
    /// The suffixes of this block and its enclosing ones, innermost first.
    suffix: String,
    section_start_line: usize,
}

pub struct PrettyState {
    line_length: usize,
    miser_width: Option<usize>,
    lines: Option<usize>,
    buffer: Vec<char>,
    buffer_offset: i64,
    buffer_start_column: usize,
    line_number: usize,
    blocks: Vec<Block>,
    /// The text that starts every line of the innermost open block
    /// (per-line prefixes and indentation).
    prefix: Vec<char>,
    queue: VecDeque<Op>,
    next_id: u64,
    /// Ids and suffixes of the block starts whose ends are not yet queued.
    pending: Vec<(u64, Option<String>)>,
    /// Text decided and waiting to go to the target.
    pub out: String,
    /// `*print-lines*` was reached: everything further is dropped.
    pub abbreviated: bool,
    /// The outermost block has ended; writes go straight to the target.
    pub finished: bool,
}

impl PrettyState {
    pub fn new(line_length: usize, miser_width: Option<usize>, lines: Option<usize>, column: usize) -> Self {
        let base = Block { start_column: 0, section_column: 0, per_line_prefix_end: 0, prefix_length: 0, suffix: String::new(), section_start_line: 0 };
        PrettyState {
            line_length,
            miser_width,
            lines,
            buffer: Vec::new(),
            buffer_offset: 0,
            buffer_start_column: column,
            line_number: 0,
            blocks: vec![base],
            prefix: Vec::new(),
            queue: VecDeque::new(),
            next_id: 0,
            pending: Vec::new(),
            out: String::new(),
            abbreviated: false,
            finished: false,
        }
    }

    /// How many logical blocks are open.
    pub fn depth(&self) -> usize {
        self.pending.len()
    }

    fn block(&self) -> &Block {
        self.blocks.last().expect("the base block is never popped")
    }

    fn block_mut(&mut self) -> &mut Block {
        self.blocks.last_mut().expect("the base block is never popped")
    }

    fn index_posn(&self, index: usize) -> i64 {
        index as i64 + self.buffer_offset
    }

    fn posn_index(&self, posn: i64) -> usize {
        (posn - self.buffer_offset).max(0) as usize
    }

    fn find(&self, id: u64) -> Option<usize> {
        self.queue.binary_search_by_key(&id, |op| op.id).ok()
    }

    fn enqueue(&mut self, depth: usize, kind: OpKind) -> u64 {
        let id = self.next_id;
        self.next_id += 1;
        let posn = self.index_posn(self.buffer.len());
        self.queue.push_back(Op { id, posn, depth, section_end: None, kind });
        id
    }

    /// Buffers `text`; its newlines are literal newlines.
    pub fn write_text(&mut self, text: &str) {
        if self.abbreviated {
            return;
        }
        let mut parts = text.split('\n');
        if let Some(first) = parts.next() {
            self.buffer.extend(first.chars());
        }
        for part in parts {
            self.newline(NewlineKind::Literal);
            if self.abbreviated {
                return;
            }
            self.buffer.extend(part.chars());
        }
    }

    /// Queues a conditional (or literal) newline and outputs what can be decided.
    pub fn newline(&mut self, kind: NewlineKind) {
        if self.abbreviated {
            return;
        }
        let depth = self.pending.len();
        let id = self.enqueue(depth, OpKind::Newline(kind));
        for op in self.queue.iter_mut() {
            let starts_section = matches!(op.kind, OpKind::Newline(_) | OpKind::BlockStart { .. });
            if op.id != id && starts_section && op.section_end.is_none() && depth <= op.depth {
                op.section_end = Some(id);
            }
        }
        self.maybe_output(matches!(kind, NewlineKind::Literal | NewlineKind::Mandatory));
    }

    /// Starts a logical block: `prefix` is printed now (and, when
    /// `per_line`, at the start of every line of the block).
    pub fn start_block(&mut self, prefix: Option<&str>, per_line: bool, suffix: Option<&str>) {
        if self.abbreviated {
            return;
        }
        if let Some(p) = prefix {
            self.write_text(p);
        }
        let depth = self.pending.len();
        let kind = OpKind::BlockStart {
            per_line: prefix.filter(|_| per_line).map(str::to_string),
            suffix: suffix.map(str::to_string),
            block_end: None,
        };
        let id = self.enqueue(depth, kind);
        self.pending.push((id, suffix.map(str::to_string)));
    }

    /// Ends the innermost logical block, printing its suffix.
    pub fn end_block(&mut self) {
        if self.abbreviated {
            return;
        }
        let Some((start, suffix)) = self.pending.pop() else { return };
        let end = self.enqueue(0, OpKind::BlockEnd);
        if let Some(i) = self.find(start) {
            if let OpKind::BlockStart { block_end, .. } = &mut self.queue[i].kind {
                *block_end = Some(end);
            }
        }
        if let Some(s) = suffix {
            self.write_text(&s);
        }
    }

    pub fn indent(&mut self, block: bool, amount: i64) {
        if !self.abbreviated {
            self.enqueue(0, OpKind::Indent { block, amount });
        }
    }

    pub fn tab(&mut self, tab: Tab) {
        if !self.abbreviated {
            self.enqueue(0, OpKind::Tab(tab));
        }
    }

    /// The column the next character would print at, as far as known now.
    pub fn column(&self) -> usize {
        self.index_column(self.buffer.len())
    }

    /// Ends the outermost block: everything left is output as it stands.
    pub fn finish(&mut self) {
        if !self.abbreviated {
            self.maybe_output(false);
            if !self.abbreviated {
                self.expand_tabs(None);
                self.queue.clear();
                let col = self.column();
                self.out.extend(self.buffer.drain(..));
                self.buffer_start_column = col;
                self.buffer_offset = 0;
            }
        }
        self.finished = true;
    }

    fn misering(&self) -> bool {
        self.miser_width.is_some_and(|m| self.line_length.saturating_sub(self.block().start_column) <= m)
    }

    fn tab_size(tab: &Tab, section_start: usize, column: usize) -> usize {
        let origin = if tab.section { section_start } else { 0 };
        let (colnum, colinc) = (tab.colnum, tab.colinc);
        if tab.relative {
            let mut n = colnum;
            if colinc > 1 {
                let rem = ((column + colnum) as i64 - origin as i64).rem_euclid(colinc as i64) as usize;
                if rem != 0 {
                    n += colinc - rem;
                }
            }
            n
        } else if column < colnum + origin {
            colnum + origin - column
        } else if colinc == 0 {
            0
        } else {
            colinc - (column - origin - colnum) % colinc
        }
    }

    fn index_column(&self, index: usize) -> usize {
        let mut column = self.buffer_start_column;
        let mut section_start = self.block().section_column;
        let end_posn = self.index_posn(index);
        for op in &self.queue {
            if op.posn >= end_posn {
                break;
            }
            match &op.kind {
                OpKind::Tab(t) => column += Self::tab_size(t, section_start, column + self.posn_index(op.posn)),
                OpKind::Newline(_) | OpKind::BlockStart { .. } => section_start = column + self.posn_index(op.posn),
                _ => {}
            }
        }
        column + index
    }

    fn posn_column(&self, posn: i64) -> usize {
        self.index_column(self.posn_index(posn))
    }

    /// Whether the text up to the operation `until` fits on the line;
    /// `None` when that cannot be known yet.
    fn fits_on_line(&self, until: Option<u64>, force: bool) -> Option<bool> {
        let mut available = self.line_length;
        if self.lines == Some(self.line_number) {
            available = available.saturating_sub(3 + self.block().suffix.chars().count());
        }
        if let Some(end) = until.and_then(|id| self.find(id)) {
            return Some(self.posn_column(self.queue[end].posn) <= available);
        }
        if force || self.column() > available {
            return Some(false);
        }
        None
    }

    fn set_indentation(&mut self, column: usize) {
        let b = self.block().clone();
        let column = column.max(b.per_line_prefix_end);
        if self.prefix.len() < column {
            self.prefix.resize(column, ' ');
        }
        if column > b.prefix_length {
            self.prefix[b.prefix_length..column].fill(' ');
        }
        self.block_mut().prefix_length = column;
    }

    fn really_start_block(&mut self, column: usize, per_line: Option<String>, suffix: Option<String>) {
        let prev = self.block().clone();
        self.blocks.push(Block {
            start_column: column,
            section_column: column,
            section_start_line: self.line_number,
            ..prev.clone()
        });
        self.set_indentation(column);
        if let Some(p) = per_line {
            self.block_mut().per_line_prefix_end = column;
            let chars: Vec<char> = p.chars().collect();
            let start = column.saturating_sub(chars.len());
            self.prefix[start..column].copy_from_slice(&chars[chars.len() - (column - start)..]);
        }
        if let Some(s) = suffix {
            self.block_mut().suffix = s + &prev.suffix;
        }
    }

    fn really_end_block(&mut self) {
        if self.blocks.len() < 2 {
            return;
        }
        let old = self.blocks.pop().map(|b| b.prefix_length).unwrap_or(0);
        let new = self.block().prefix_length;
        if new > old {
            if self.prefix.len() < new {
                self.prefix.resize(new, ' ');
            }
            self.prefix[old..new].fill(' ');
        }
    }

    /// Inserts the spaces of the queued tabs up to `through` into the buffer.
    fn expand_tabs(&mut self, through: Option<u64>) {
        let mut insertions = Vec::new();
        let mut column = self.buffer_start_column;
        let mut section_start = self.block().section_column;
        for op in &self.queue {
            match &op.kind {
                OpKind::Tab(t) => {
                    let index = self.posn_index(op.posn);
                    let size = Self::tab_size(t, section_start, column + index);
                    if size > 0 {
                        insertions.push((index, size));
                        column += size;
                    }
                }
                OpKind::Newline(_) | OpKind::BlockStart { .. } => section_start = column + self.posn_index(op.posn),
                _ => {}
            }
            if Some(op.id) == through {
                break;
            }
        }
        if insertions.is_empty() {
            return;
        }
        let additional: usize = insertions.iter().map(|(_, n)| n).sum();
        let mut buf = Vec::with_capacity(self.buffer.len() + additional);
        let mut from = 0;
        for (index, size) in insertions {
            let index = index.min(self.buffer.len());
            buf.extend_from_slice(&self.buffer[from..index]);
            buf.extend(std::iter::repeat_n(' ', size));
            from = index;
        }
        buf.extend_from_slice(&self.buffer[from..]);
        self.buffer = buf;
        self.buffer_offset -= additional as i64;
    }

    /// Breaks the line at the newline `op` (already removed from the queue).
    fn output_line(&mut self, posn: i64, kind: NewlineKind) {
        let literal = kind == NewlineKind::Literal;
        let consume = self.posn_index(posn).min(self.buffer.len());
        let print = if literal {
            consume
        } else {
            self.buffer[..consume].iter().rposition(|c| *c != ' ').map_or(0, |i| i + 1)
        };
        self.out.extend(&self.buffer[..print]);
        let line = self.line_number + 1;
        if self.lines.is_some_and(|l| line >= l) {
            self.out.push_str(" ..");
            let suffix = self.block().suffix.clone();
            self.out.push_str(&suffix);
            self.abbreviated = true;
            self.buffer.clear();
            self.queue.clear();
            return;
        }
        self.line_number = line;
        self.out.push('\n');
        self.buffer_start_column = 0;
        let b = self.block();
        let prefix_len = if literal { b.per_line_prefix_end } else { b.prefix_length };
        if self.prefix.len() < prefix_len {
            self.prefix.resize(prefix_len, ' ');
        }
        let mut buf: Vec<char> = self.prefix[..prefix_len].to_vec();
        buf.extend_from_slice(&self.buffer[consume..]);
        self.buffer = buf;
        self.buffer_offset += consume as i64 - prefix_len as i64;
        if !literal {
            let b = self.block_mut();
            b.section_column = prefix_len;
            b.section_start_line = line;
        }
    }

    /// Decides the queued operations that can be decided; `force` treats
    /// sections whose end is unknown as not fitting. True when a line was
    /// broken.
    fn maybe_output(&mut self, force: bool) -> bool {
        let mut broke = false;
        while let Some(op) = self.queue.front() {
            if self.abbreviated {
                break;
            }
            let (id, posn, section_end) = (op.id, op.posn, op.section_end);
            match &op.kind {
                OpKind::Newline(kind) => {
                    let kind = *kind;
                    let now = match kind {
                        NewlineKind::Literal | NewlineKind::Mandatory | NewlineKind::Linear => true,
                        NewlineKind::Miser => self.misering(),
                        NewlineKind::Fill => {
                            self.misering()
                                || self.line_number > self.block().section_start_line
                                || match self.fits_on_line(section_end, force) {
                                    Some(fits) => !fits,
                                    None => break,
                                }
                        }
                    };
                    self.queue.pop_front();
                    if now {
                        broke = true;
                        self.output_line(posn, kind);
                    }
                }
                OpKind::Indent { block, amount } => {
                    let (block, amount) = (*block, *amount);
                    if !self.misering() {
                        let base = if block { self.block().start_column } else { self.posn_column(posn) };
                        self.set_indentation((base as i64 + amount).max(0) as usize);
                    }
                    self.queue.pop_front();
                }
                OpKind::BlockStart { per_line, suffix, block_end } => match self.fits_on_line(section_end, force) {
                    Some(true) => {
                        let end = *block_end;
                        self.expand_tabs(end);
                        match end.and_then(|e| self.find(e)) {
                            Some(i) => {
                                self.queue.drain(..=i);
                            }
                            None => {
                                self.queue.pop_front();
                            }
                        }
                    }
                    Some(false) => {
                        let (per_line, suffix) = (per_line.clone(), suffix.clone());
                        let column = self.posn_column(posn);
                        self.really_start_block(column, per_line, suffix);
                        self.queue.pop_front();
                    }
                    None => break,
                },
                OpKind::BlockEnd => {
                    self.really_end_block();
                    self.queue.pop_front();
                }
                OpKind::Tab(_) => {
                    self.expand_tabs(Some(id));
                    self.queue.pop_front();
                }
            }
        }
        broke
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Lays out `(w1 w2 ...)` with newlines of `kind` between the words.
    fn words(width: usize, lines: Option<usize>, kind: NewlineKind, ws: &[&str]) -> String {
        let mut st = PrettyState::new(width, None, lines, 0);
        st.start_block(Some("("), false, Some(")"));
        for (i, w) in ws.iter().enumerate() {
            if i > 0 {
                st.write_text(" ");
                st.newline(kind);
            }
            st.write_text(w);
        }
        st.end_block();
        st.finish();
        st.out
    }

    #[test]
    fn linear_and_fill_newlines() {
        let ws = ["aaaa", "bbbb", "cccc"];
        assert_eq!(words(20, None, NewlineKind::Linear, &ws), "(aaaa bbbb cccc)");
        assert_eq!(words(12, None, NewlineKind::Linear, &ws), "(aaaa\n bbbb\n cccc)");
        assert_eq!(words(12, None, NewlineKind::Fill, &ws), "(aaaa bbbb\n cccc)");
        assert_eq!(words(12, None, NewlineKind::Miser, &ws), "(aaaa bbbb cccc)");
        assert_eq!(words(40, None, NewlineKind::Mandatory, &ws), "(aaaa\n bbbb\n cccc)");
    }

    #[test]
    fn print_lines_cut_with_the_suffix() {
        let ws = ["aaaa", "bbbb", "cccc"];
        assert_eq!(words(12, Some(1), NewlineKind::Linear, &ws), "(aaaa ..)");
        assert_eq!(words(12, Some(2), NewlineKind::Fill, &ws), "(aaaa bbbb\n cccc)");
    }

    #[test]
    fn tabs_indentation_and_prefixes() {
        let mut st = PrettyState::new(80, None, None, 0);
        st.start_block(None, false, None);
        st.write_text("ab");
        st.tab(Tab { section: false, relative: false, colnum: 8, colinc: 1 });
        st.write_text("cd");
        st.tab(Tab { section: false, relative: true, colnum: 1, colinc: 4 });
        st.write_text("e");
        st.end_block();
        st.finish();
        assert_eq!(st.out, "ab      cd  e");

        let mut st = PrettyState::new(80, None, None, 2);
        st.start_block(Some(";; "), true, None);
        st.write_text("x");
        st.indent(true, 2);
        st.newline(NewlineKind::Mandatory);
        st.write_text("y\nz");
        st.end_block();
        st.finish();
        assert_eq!(st.out, ";; x\n  ;;   y\n  ;; z");
        assert_eq!(st.column(), 6);
    }
}
