//! Test support for the array and sequence primitives: a tiny reader and
//! evaluator for call expressions, a compact printer for results, and
//! stand-in primitives (<, EVENP, EQUAL...) written by other modules.

use std::sync::atomic::{AtomicUsize, Ordering};

use crate::heap::array::{make_string, new_array, Storage};
use crate::heap::function::{Function, Native, MANY};
use crate::heap::package::sym_name;
use crate::heap::{cons, list, Value};
use crate::runtime::Runtime;
use crate::vm::{Ctl, Cx, R};

/// Calls made to the TEST::LESS stand-in (to check key and predicate use).
pub static LESS_CALLS: AtomicUsize = AtomicUsize::new(0);

fn fix<'gc>(v: Value<'gc>) -> i64 {
    v.as_fixnum().unwrap_or(0)
}

fn num_lt<'gc>(cx: &mut Cx<'gc, '_>, a: &[Value<'gc>]) -> R<'gc> {
    Ok(cx.bool(a.windows(2).all(|w| fix(w[0]) < fix(w[1]))))
}
fn num_gt<'gc>(cx: &mut Cx<'gc, '_>, a: &[Value<'gc>]) -> R<'gc> {
    Ok(cx.bool(a.windows(2).all(|w| fix(w[0]) > fix(w[1]))))
}
fn char_lt<'gc>(cx: &mut Cx<'gc, '_>, a: &[Value<'gc>]) -> R<'gc> {
    Ok(cx.bool(a.windows(2).all(|w| matches!((w[0], w[1]), (Value::Char(x), Value::Char(y)) if x < y))))
}
fn less<'gc>(cx: &mut Cx<'gc, '_>, a: &[Value<'gc>]) -> R<'gc> {
    LESS_CALLS.fetch_add(1, Ordering::Relaxed);
    match (a[0], a[1]) {
        (Value::Fixnum(x), Value::Fixnum(y)) => Ok(cx.bool(x < y)),
        _ => Err(cx.type_error(a[0], cx.g.s.fixnum.into())),
    }
}
fn eql<'gc>(cx: &mut Cx<'gc, '_>, a: &[Value<'gc>]) -> R<'gc> {
    Ok(cx.bool(a[0].eql(a[1])))
}
fn identity<'gc>(_: &mut Cx<'gc, '_>, a: &[Value<'gc>]) -> R<'gc> {
    Ok(a[0])
}
fn evenp<'gc>(cx: &mut Cx<'gc, '_>, a: &[Value<'gc>]) -> R<'gc> {
    match a[0] {
        Value::Fixnum(n) => Ok(cx.bool(n % 2 == 0)),
        v => Err(cx.type_error(v, cx.g.s.integer.into())),
    }
}
fn plus1<'gc>(_: &mut Cx<'gc, '_>, a: &[Value<'gc>]) -> R<'gc> {
    Ok(Value::Fixnum(fix(a[0]) + 1))
}
fn negate<'gc>(_: &mut Cx<'gc, '_>, a: &[Value<'gc>]) -> R<'gc> {
    Ok(Value::Fixnum(-fix(a[0])))
}
fn plus<'gc>(_: &mut Cx<'gc, '_>, a: &[Value<'gc>]) -> R<'gc> {
    Ok(Value::Fixnum(a.iter().map(|v| fix(*v)).sum()))
}
fn mklist<'gc>(cx: &mut Cx<'gc, '_>, a: &[Value<'gc>]) -> R<'gc> {
    Ok(list(cx.mc, a))
}
fn mkcons<'gc>(cx: &mut Cx<'gc, '_>, a: &[Value<'gc>]) -> R<'gc> {
    Ok(cons(cx.mc, a[0], a[1]))
}
fn car<'gc>(_: &mut Cx<'gc, '_>, a: &[Value<'gc>]) -> R<'gc> {
    Ok(crate::heap::cons::car(a[0]))
}
fn numberp<'gc>(cx: &mut Cx<'gc, '_>, a: &[Value<'gc>]) -> R<'gc> {
    Ok(cx.bool(a[0].is_number()))
}
fn equal<'gc>(cx: &mut Cx<'gc, '_>, a: &[Value<'gc>]) -> R<'gc> {
    Ok(cx.bool(show(a[0]) == show(a[1])))
}
fn char_equal<'gc>(cx: &mut Cx<'gc, '_>, a: &[Value<'gc>]) -> R<'gc> {
    match (a[0], a[1]) {
        (Value::Char(x), Value::Char(y)) => Ok(cx.bool(x.eq_ignore_ascii_case(&y))),
        _ => Ok(Value::Nil),
    }
}
fn fail<'gc>(cx: &mut Cx<'gc, '_>, _: &[Value<'gc>]) -> R<'gc> {
    Err(cx.simple_error("test failure"))
}

macro_rules! stand_ins {
    ($($pkg:literal $name:literal $min:literal $max:expr => $f:ident;)*) => {
        static STAND_INS: &[Native] = &[$(Native { name: $name, pkg: $pkg, min: $min, max: $max, f: $f },)*];
    };
}

stand_ins! {
    "CL" "<" 1 MANY => num_lt;
    "CL" ">" 1 MANY => num_gt;
    "CL" "CHAR<" 1 MANY => char_lt;
    "CL" "EQL" 2 2 => eql;
    "CL" "IDENTITY" 1 1 => identity;
    "TEST" "LESS" 2 2 => less;
    "TEST" "EVENP" 1 1 => evenp;
    "TEST" "1+" 1 1 => plus1;
    "TEST" "-" 1 1 => negate;
    "TEST" "+" 0 MANY => plus;
    "TEST" "LIST" 0 MANY => mklist;
    "TEST" "CONS" 2 2 => mkcons;
    "TEST" "CAR" 1 1 => car;
    "TEST" "NUMBERP" 1 1 => numberp;
    "TEST" "EQUAL" 2 2 => equal;
    "TEST" "CHAR-EQUAL" 2 2 => char_equal;
    "TEST" "FAIL" 0 MANY => fail;
}

/// The stand-in function named `name`.
pub fn stand_in<'gc>(cx: &Cx<'gc, '_>, name: &str) -> Value<'gc> {
    let n = STAND_INS.iter().find(|n| n.name == name).unwrap_or_else(|| panic!("no stand-in {name}"));
    Function::native(cx.mc, n, cx.g.intern_in(cx.mc, "SYS", name))
}

/// A tiny reader: integers, strings, characters, symbols (upcased, in CL;
/// `:k` keywords), lists with dots, `'x`, `#'f`, `#(...)`, `#*0101`.
struct Reader<'s> {
    chars: Vec<char>,
    pos: usize,
    _src: &'s str,
}

/// A form: a datum to evaluate (calls, quotes, variables) or self-evaluate.
#[derive(Debug, Clone)]
enum Form {
    Int(i64),
    Float(f32),
    Str(String),
    Char(char),
    Sym(String),
    Kw(String),
    List(Vec<Form>, Option<Box<Form>>),
    Quote(Box<Form>),
    Fn(String),
    Vector(Vec<Form>),
    Bits(Vec<u8>),
}

impl<'s> Reader<'s> {
    fn new(src: &'s str) -> Self {
        Reader { chars: src.chars().collect(), pos: 0, _src: src }
    }
    fn skip(&mut self) {
        while self.pos < self.chars.len() && self.chars[self.pos].is_whitespace() {
            self.pos += 1;
        }
    }
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }
    fn token(&mut self) -> String {
        let start = self.pos;
        while let Some(c) = self.peek() {
            if c.is_whitespace() || c == '(' || c == ')' {
                break;
            }
            self.pos += 1;
        }
        self.chars[start..self.pos].iter().collect()
    }
    fn read(&mut self) -> Form {
        self.skip();
        match self.peek().expect("unexpected end") {
            '(' => {
                self.pos += 1;
                let (items, tail) = self.read_list();
                Form::List(items, tail)
            }
            '\'' => {
                self.pos += 1;
                Form::Quote(Box::new(self.read()))
            }
            '"' => {
                self.pos += 1;
                let mut s = String::new();
                while let Some(c) = self.peek() {
                    self.pos += 1;
                    if c == '"' {
                        break;
                    }
                    s.push(c);
                }
                Form::Str(s)
            }
            '#' => {
                self.pos += 1;
                match self.peek() {
                    Some('\'') => {
                        self.pos += 1;
                        Form::Fn(self.token().to_uppercase())
                    }
                    Some('\\') => {
                        self.pos += 1;
                        let c = self.chars[self.pos];
                        self.pos += 1;
                        let rest = self.token();
                        Form::Char(if rest.is_empty() { c } else if format!("{c}{rest}").eq_ignore_ascii_case("space") { ' ' } else { c })
                    }
                    Some('(') => {
                        self.pos += 1;
                        Form::Vector(self.read_list().0)
                    }
                    Some('*') => {
                        self.pos += 1;
                        Form::Bits(self.token().chars().map(|c| if c == '1' { 1 } else { 0 }).collect())
                    }
                    other => panic!("bad # syntax {other:?}"),
                }
            }
            _ => {
                let t = self.token();
                if let Ok(n) = t.parse::<i64>() {
                    Form::Int(n)
                } else if let Ok(f) = t.parse::<f32>() {
                    Form::Float(f)
                } else if let Some(k) = t.strip_prefix(':') {
                    Form::Kw(k.to_uppercase())
                } else {
                    Form::Sym(t.to_uppercase())
                }
            }
        }
    }
    fn read_list(&mut self) -> (Vec<Form>, Option<Box<Form>>) {
        let mut items = Vec::new();
        loop {
            self.skip();
            match self.peek() {
                Some(')') => {
                    self.pos += 1;
                    return (items, None);
                }
                Some('.') if self.chars.get(self.pos + 1).is_some_and(|c| c.is_whitespace()) => {
                    self.pos += 1;
                    let tail = self.read();
                    self.skip();
                    self.pos += 1;
                    return (items, Some(Box::new(tail)));
                }
                _ => items.push(self.read()),
            }
        }
    }
}

/// The datum a form denotes when quoted.
fn datum<'gc>(cx: &Cx<'gc, '_>, f: &Form) -> Value<'gc> {
    match f {
        Form::Int(n) => Value::Fixnum(*n),
        Form::Float(f) => Value::Single(*f),
        Form::Str(s) => make_string(cx.mc, s),
        Form::Char(c) => Value::Char(*c),
        Form::Sym(s) if s == "NIL" => Value::Nil,
        Form::Sym(s) => cx.g.intern_in(cx.mc, "CL", s),
        Form::Kw(k) => cx.g.intern_in(cx.mc, "KEYWORD", k),
        Form::List(items, tail) => {
            let t = tail.as_ref().map_or(Value::Nil, |t| datum(cx, t));
            crate::heap::cons::list_with_tail(cx.mc, &items.iter().map(|i| datum(cx, i)).collect::<Vec<_>>(), t)
        }
        Form::Quote(x) => list(cx.mc, &[cx.g.s.quote.into(), datum(cx, x)]),
        Form::Fn(name) => stand_in(cx, name),
        Form::Vector(items) => Value::Array(new_array(cx.mc, Storage::T(items.iter().map(|i| datum(cx, i)).collect()))),
        Form::Bits(b) => Value::Array(new_array(cx.mc, Storage::Bit(b.clone()))),
    }
}

/// Evaluates a form: `(NAME args...)` calls the installed primitive NAME
/// (CL, or SYS for names starting with %), symbols are looked up in `vars`,
/// `'x` is x, everything else is itself.
fn eval<'gc>(cx: &mut Cx<'gc, '_>, f: &Form, vars: &[(&str, Value<'gc>)]) -> R<'gc> {
    match f {
        Form::Quote(x) => Ok(datum(cx, x)),
        Form::Sym(s) if s == "T" => Ok(cx.t()),
        Form::Sym(s) if s == "NIL" => Ok(Value::Nil),
        Form::Sym(s) => Ok(vars.iter().find(|(n, _)| n.eq_ignore_ascii_case(s)).unwrap_or_else(|| panic!("unbound {s}")).1),
        Form::List(items, None) if !items.is_empty() => {
            let Form::Sym(name) = &items[0] else { panic!("bad call {f:?}") };
            let mut args = Vec::new();
            for a in &items[1..] {
                args.push(eval(cx, a, vars)?);
            }
            call(cx, name, &args)
        }
        other => Ok(datum(cx, other)),
    }
}

/// Calls the installed primitive `name` through the VM.
pub fn call<'gc>(cx: &mut Cx<'gc, '_>, name: &str, args: &[Value<'gc>]) -> R<'gc> {
    let pkg = if name.starts_with('%') { "SYS" } else { "CL" };
    let sym = cx.g.intern_in(cx.mc, pkg, name);
    let f = cx.g.sym(sym).map(|s| s.function.get()).unwrap_or(Value::Unbound);
    assert!(matches!(f, Value::Function(_)), "{name} is not defined");
    cx.call1(f, args)
}

/// Evaluates `src` with variables `vars`.
pub fn ev<'gc>(cx: &mut Cx<'gc, '_>, src: &str, vars: &[(&str, Value<'gc>)]) -> R<'gc> {
    let form = Reader::new(src).read();
    eval(cx, &form, vars)
}


/// The printed form of a value, for comparisons.
pub fn show(v: Value<'_>) -> String {
    let mut out = String::new();
    print(v, &mut out, 0);
    out
}

fn print(v: Value<'_>, out: &mut String, depth: usize) {
    if depth > 50 {
        out.push_str("...");
        return;
    }
    match v {
        Value::Nil => out.push_str("NIL"),
        Value::Fixnum(n) => out.push_str(&n.to_string()),
        Value::Char(c) => out.push_str(&format!("#\\{c}")),
        Value::Single(f) => out.push_str(&format!("{f:?}")),
        Value::Double(d) => out.push_str(&format!("{d:?}d0")),
        Value::Symbol(_) => {
            if let Value::Symbol(s) = v {
                if matches!(s.package.get(), Value::Package(p) if p.borrow().name == "KEYWORD") {
                    out.push(':');
                }
            }
            out.push_str(sym_name(v))
        }
        Value::Cons(_) => {
            out.push('(');
            let mut l = v;
            let mut n = 0;
            while let Value::Cons(c) = l {
                if n > 0 {
                    out.push(' ');
                }
                n += 1;
                if n > 100 {
                    out.push_str("...");
                    break;
                }
                print(c.car(), out, depth + 1);
                l = c.cdr();
            }
            if !l.is_nil() && !l.is_list() {
                out.push_str(" . ");
                print(l, out, depth + 1);
            }
            out.push(')');
        }
        Value::Array(a) => {
            let d = a.borrow();
            let items = d.elements(0, if d.is_vector() { d.length() } else { d.total_size() }).unwrap_or_default();
            if d.is_string() {
                out.push('"');
                out.extend(items.iter().map(|c| if let Value::Char(c) = c { *c } else { '?' }));
                out.push('"');
            } else if d.is_vector() && d.elem_type() == crate::heap::array::ElemType::Bit {
                out.push_str("#*");
                out.extend(items.iter().map(|b| if fix(*b) == 1 { '1' } else { '0' }));
            } else if d.is_vector() {
                out.push_str("#(");
                for (i, x) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(' ');
                    }
                    print(*x, out, depth + 1);
                }
                out.push(')');
            } else {
                let dims = d.dimensions();
                out.push_str(&format!("#{}A", dims.len()));
                print_dims(&items, &dims, out, depth);
            }
        }
        Value::Function(_) => out.push_str("#<FUNCTION>"),
        _ => out.push_str("#<OBJECT>"),
    }
}

fn print_dims(items: &[Value<'_>], dims: &[usize], out: &mut String, depth: usize) {
    match dims.split_first() {
        None => print(items.first().copied().unwrap_or(Value::Nil), out, depth + 1),
        Some((&d, rest)) => {
            let stride: usize = rest.iter().product();
            out.push('(');
            for i in 0..d {
                if i > 0 {
                    out.push(' ');
                }
                print_dims(&items[i * stride..(i + 1) * stride], rest, out, depth);
            }
            out.push(')');
        }
    }
}

/// The condition type an error result names, or "ok".
pub fn err_kind<'gc>(r: &R<'gc>) -> String {
    match r {
        Ok(_) => "ok".into(),
        Err(Ctl::Error(spec)) => sym_name(spec.kind).to_string(),
        Err(_) => "other control".into(),
    }
}

/// Asserts that evaluating `src` prints as `expected`.
pub fn check(rt: &mut Runtime, src: &str, expected: &str) {
    let got = rt.with_cx(|cx| match ev(cx, src, &[]) {
        Ok(v) => show(v),
        r => format!("error {}", err_kind(&r)),
    });
    assert_eq!(got, expected, "{src}");
}

/// Asserts that evaluating `src` signals an error of type `kind`.
pub fn check_err(rt: &mut Runtime, src: &str, kind: &str) {
    let got = rt.with_cx(|cx| {
        let r = ev(cx, src, &[]);
        match &r {
            Ok(v) => format!("value {}", show(*v)),
            _ => err_kind(&r),
        }
    });
    assert_eq!(got, kind, "{src}");
}

/// Evaluates `src` with variables `vars`, panicking on an error.
pub fn val<'gc>(cx: &mut Cx<'gc, '_>, src: &str, vars: &[(&str, Value<'gc>)]) -> Value<'gc> {
    let r = ev(cx, src, vars);
    match r {
        Ok(v) => v,
        _ => panic!("{src}: error {}", err_kind(&r)),
    }
}
