//! Readtables (CLHS 2.1.1): the syntax type of every character, reader
//! macro functions, dispatch tables and the readtable case. Every macro
//! character holds a function object, the standard ones included (native
//! primitives), so copying a readtable copies them and `get-macro-character`
//! can return them.

use std::collections::HashMap;

use gc_arena::barrier::Write;
use gc_arena::{Collect, Gc, Mutation, RefLock};

use crate::heap::object::Object;
use crate::heap::{Globals, Value};
use crate::vm::{Ctl, Cx};

/// `readtable-case`.
#[derive(Copy, Clone, PartialEq, Eq, Debug, Collect)]
#[collect(require_static)]
pub enum Case {
    Upcase,
    Downcase,
    Preserve,
    Invert,
}

/// The syntax type of a character (CLHS Figure 2-6). Standard syntax has
/// no characters of type invalid; Backspace and Rubout are constituents
/// with the invalid trait, which the token reader checks.
#[derive(Copy, Clone, PartialEq, Eq, Debug, Collect)]
#[collect(require_static)]
pub enum Syntax {
    Constituent,
    Whitespace,
    TerminatingMacro,
    NonTerminatingMacro,
    SingleEscape,
    MultipleEscape,
}

/// A macro character's function and, for a dispatching macro character,
/// its sub-character table (keys upcased).
#[derive(Clone, Collect)]
#[collect(no_drop)]
pub struct MacroEntry<'gc> {
    pub function: Value<'gc>,
    pub dispatch: Option<HashMap<char, Value<'gc>>>,
}

#[derive(Clone, Collect)]
#[collect(no_drop)]
pub struct Readtable<'gc> {
    pub case: Case,
    /// Boxed so that a readtable object stays small in the heap.
    tables: Box<Tables<'gc>>,
}

#[derive(Clone, Collect)]
#[collect(no_drop)]
struct Tables<'gc> {
    /// Syntax types of the ASCII characters.
    ascii: [Syntax; 128],
    /// Syntax types of other characters that differ from constituent.
    other: HashMap<char, Syntax>,
    macros: HashMap<char, MacroEntry<'gc>>,
}

/// The error of dispatch-table operations on a character that is not a
/// dispatching macro character.
#[derive(Debug, PartialEq, Eq)]
pub struct NotDispatching;

impl<'gc> Readtable<'gc> {
    /// A readtable where every character is a constituent except the
    /// standard whitespace characters.
    pub fn blank() -> Readtable<'gc> {
        let mut ascii = [Syntax::Constituent; 128];
        for c in ['\t', '\n', '\x0c', '\r', ' '] {
            ascii[c as usize] = Syntax::Whitespace;
        }
        Readtable {
            case: Case::Upcase,
            tables: Box::new(Tables { ascii, other: HashMap::new(), macros: HashMap::new() }),
        }
    }

    /// The syntax of every ASCII character and of the other characters
    /// that are not constituents: enough to rebuild the syntax table.
    pub fn syntax_entries(&self) -> Vec<(char, Syntax)> {
        let ascii = self.tables.ascii.iter().enumerate().map(|(c, s)| (c as u8 as char, *s));
        ascii.chain(self.tables.other.iter().map(|(c, s)| (*c, *s))).collect()
    }

    /// The macro characters, each with its entry.
    pub fn macro_entries(&self) -> Vec<(char, &MacroEntry<'gc>)> {
        self.tables.macros.iter().map(|(c, e)| (*c, e)).collect()
    }

    pub fn syntax(&self, c: char) -> Syntax {
        match self.tables.ascii.get(c as usize) {
            Some(s) => *s,
            None => self.tables.other.get(&c).copied().unwrap_or(Syntax::Constituent),
        }
    }

    pub fn set_syntax(&mut self, c: char, s: Syntax) {
        if let Some(slot) = self.tables.ascii.get_mut(c as usize) {
            *slot = s;
        } else if s == Syntax::Constituent {
            self.tables.other.remove(&c);
        } else {
            self.tables.other.insert(c, s);
        }
        if !matches!(s, Syntax::TerminatingMacro | Syntax::NonTerminatingMacro) {
            self.tables.macros.remove(&c);
        }
    }

    /// The macro function of `c`, if it is a macro character.
    pub fn macro_function(&self, c: char) -> Option<Value<'gc>> {
        self.tables.macros.get(&c).map(|e| e.function)
    }

    pub fn macro_entry(&self, c: char) -> Option<&MacroEntry<'gc>> {
        self.tables.macros.get(&c)
    }

    /// Makes `c` a macro character with `function` (no dispatch table).
    pub fn set_macro(&mut self, c: char, function: Value<'gc>, non_terminating: bool) {
        self.set_macro_entry(c, MacroEntry { function, dispatch: None }, non_terminating);
    }

    pub fn set_macro_entry(&mut self, c: char, entry: MacroEntry<'gc>, non_terminating: bool) {
        self.set_syntax(c, if non_terminating { Syntax::NonTerminatingMacro } else { Syntax::TerminatingMacro });
        self.tables.macros.insert(c, entry);
    }

    /// The function of sub-character `sub` of dispatching character `c`:
    /// `Err` when `c` is not a dispatching macro character.
    pub fn dispatch_function(&self, c: char, sub: char) -> Result<Option<Value<'gc>>, NotDispatching> {
        match self.tables.macros.get(&c).and_then(|e| e.dispatch.as_ref()) {
            Some(table) => Ok(table.get(&upcase(sub)).copied()),
            None => Err(NotDispatching),
        }
    }

    /// Sets (or with `None` removes) a dispatch entry; `Err` when `c`
    /// is not a dispatching macro character.
    pub fn set_dispatch_function(&mut self, c: char, sub: char, f: Option<Value<'gc>>) -> Result<(), NotDispatching> {
        match self.tables.macros.get_mut(&c).and_then(|e| e.dispatch.as_mut()) {
            Some(table) => {
                match f {
                    Some(f) => table.insert(upcase(sub), f),
                    None => table.remove(&upcase(sub)),
                };
                Ok(())
            }
            None => Err(NotDispatching),
        }
    }

    /// `set-syntax-from-char`: `to` gets the syntax type of `from` in
    /// `source`, with its macro function and a copy of its dispatch table.
    pub fn copy_syntax(&mut self, to: char, from: char, source: &Readtable<'gc>) {
        let s = source.syntax(from);
        match source.tables.macros.get(&from) {
            Some(entry) => self.set_macro_entry(to, entry.clone(), s == Syntax::NonTerminatingMacro),
            None => self.set_syntax(to, s),
        }
    }
}

/// The 1:1 upper case of `c` (characters without one stay as they are).
pub fn upcase(c: char) -> char {
    match one(c.to_uppercase()) {
        Some(u) if u != c && one(u.to_lowercase()) == Some(c) => u,
        _ => c,
    }
}

/// The 1:1 lower case of `c`.
pub fn downcase(c: char) -> char {
    match one(c.to_lowercase()) {
        Some(l) if l != c && one(l.to_uppercase()) == Some(c) => l,
        _ => c,
    }
}

/// The only character of a case mapping, if it maps to exactly one.
fn one(mut it: impl Iterator<Item = char>) -> Option<char> {
    match (it.next(), it.next()) {
        (Some(c), None) => Some(c),
        _ => None,
    }
}

/// The standard readtable. The macro functions are the primitives named
/// here, installed before the reader is initialised.
pub fn standard<'gc>(mc: &Mutation<'gc>, g: &Globals<'gc>) -> Readtable<'gc> {
    let f = |name: &str| match g.sym(g.intern_in(mc, "SYS", name)) {
        Some(s) => s.function.get(),
        None => Value::Nil,
    };
    let mut rt = Readtable::blank();
    rt.set_syntax('\\', Syntax::SingleEscape);
    rt.set_syntax('|', Syntax::MultipleEscape);
    for (c, name) in [
        ('(', "%READ-LIST"),
        (')', "%READ-RIGHT-PAREN"),
        ('\'', "%READ-QUOTE"),
        (';', "%READ-COMMENT"),
        ('"', "%READ-STRING"),
        ('`', "%READ-BACKQUOTE"),
        (',', "%READ-COMMA"),
    ] {
        rt.set_macro(c, f(name), false);
    }
    let mut sharp = HashMap::new();
    for (c, name) in [
        ('\'', "%SHARP-FUNCTION"),
        ('(', "%SHARP-VECTOR"),
        ('\\', "%SHARP-CHARACTER"),
        (':', "%SHARP-UNINTERNED"),
        ('.', "%SHARP-EVAL"),
        ('+', "%SHARP-FEATURE"),
        ('-', "%SHARP-FEATURE"),
        ('|', "%SHARP-BLOCK-COMMENT"),
        ('X', "%SHARP-RADIX"),
        ('B', "%SHARP-RADIX"),
        ('O', "%SHARP-RADIX"),
        ('R', "%SHARP-RADIX"),
        ('*', "%SHARP-BITS"),
        ('=', "%SHARP-LABEL"),
        ('#', "%SHARP-REFERENCE"),
        ('C', "%SHARP-COMPLEX"),
        ('A', "%SHARP-ARRAY"),
    ] {
        sharp.insert(c, f(name));
    }
    rt.set_macro_entry('#', MacroEntry { function: f("%READ-DISPATCH"), dispatch: Some(sharp) }, true);
    rt
}

/// A fresh readtable object.
pub fn new_object<'gc>(mc: &Mutation<'gc>, rt: Readtable<'gc>) -> Value<'gc> {
    Value::Object(Gc::new(mc, Object::Readtable(RefLock::new(rt))))
}

/// The readtable inside a value, if it is one.
pub fn as_readtable<'gc>(v: Value<'gc>) -> Option<Gc<'gc, Object<'gc>>> {
    match v {
        Value::Object(o) if matches!(&*o, Object::Readtable(_)) => Some(o),
        _ => None,
    }
}

/// Borrows the readtable of an object known to hold one.
pub fn with<'gc, T>(o: Gc<'gc, Object<'gc>>, f: impl FnOnce(&Readtable<'gc>) -> T) -> Option<T> {
    match &*o {
        Object::Readtable(rt) => Some(f(&rt.borrow())),
        _ => None,
    }
}

/// Mutably borrows the readtable of an object known to hold one.
pub fn with_mut<'gc, T>(
    mc: &Mutation<'gc>,
    o: Gc<'gc, Object<'gc>>,
    f: impl FnOnce(&mut Readtable<'gc>) -> T,
) -> Option<T> {
    match &*o {
        Object::Readtable(rt) => {
            Gc::write(mc, o);
            // SAFETY: the write barrier of the parent object `o` was just
            // triggered in this arena callback, so its contents may change.
            let cell = unsafe { Write::assume(rt) }.unlock();
            Some(f(&mut cell.borrow_mut()))
        }
        _ => None,
    }
}

/// The type-error for a value that should have been a readtable.
pub fn not_a_readtable<'gc>(cx: &Cx<'gc, '_>, v: Value<'gc>) -> Ctl<'gc> {
    let ty = cx.g.intern_in(cx.mc, "CL", "READTABLE");
    cx.type_error(v, ty)
}

/// The current readtable (`*readtable*`), or a type-error if it is not one.
pub fn current<'gc>(cx: &Cx<'gc, '_>) -> Result<Gc<'gc, Object<'gc>>, Ctl<'gc>> {
    let v = cx.g.s.readtable.value();
    as_readtable(v).ok_or_else(|| not_a_readtable(cx, v))
}

/// The pristine standard readtable kept for `(copy-readtable nil)`.
pub fn pristine<'gc>(cx: &Cx<'gc, '_>) -> Result<Gc<'gc, Object<'gc>>, Ctl<'gc>> {
    let sym = cx.g.intern_in(cx.mc, "SYS", STANDARD_READTABLE);
    let v = cx.g.sym(sym).map(|s| s.value()).unwrap_or(Value::Nil);
    as_readtable(v).ok_or_else(|| not_a_readtable(cx, v))
}

/// The SYS symbol whose value is the pristine standard readtable.
pub const STANDARD_READTABLE: &str = "*STANDARD-READTABLE*";

/// The case of the current readtable (`*readtable*`), Upcase if unset.
pub fn current_case<'gc>(cx: &Cx<'gc, '_>) -> Case {
    as_readtable(cx.g.s.readtable.value()).and_then(|o| with(o, |rt| rt.case)).unwrap_or(Case::Upcase)
}
