//! A test-only evaluator for flat numeric forms: reads `(fn arg...)` with
//! number, string, keyword and quoted literals, calls the primitives
//! directly and prints results the way SBCL does.

use num_bigint::BigInt;

use crate::heap::array::make_string;
use crate::heap::function::FnKind;
use crate::heap::{cons, Value};
use crate::numbers::integer::integer_to_string;
use crate::runtime::Runtime;
use crate::vm::{Ctl, Cx};

struct Reader<'s> {
    s: &'s [u8],
    i: usize,
}

enum Form {
    Call(String, Vec<Form>),
    Lit(String),
    Str(String),
    Quote(Box<Form>),
    Pair(Box<Form>, Box<Form>),
    Complex(Box<Form>, Box<Form>),
}

impl Reader<'_> {
    fn skip(&mut self) {
        while self.i < self.s.len() && self.s[self.i] == b' ' {
            self.i += 1;
        }
    }
    fn atom(&mut self) -> String {
        let start = self.i;
        while self.i < self.s.len() && !b" ()".contains(&self.s[self.i]) {
            self.i += 1;
        }
        String::from_utf8_lossy(&self.s[start..self.i]).to_uppercase()
    }
    fn form(&mut self) -> Form {
        self.skip();
        match self.s[self.i] {
            b'(' => {
                self.i += 1;
                self.skip();
                let head = self.atom();
                let mut args = Vec::new();
                loop {
                    self.skip();
                    if self.s[self.i] == b')' {
                        self.i += 1;
                        return Form::Call(head, args);
                    }
                    args.push(self.form());
                }
            }
            b'"' => {
                let start = self.i + 1;
                self.i = start + self.s[start..].iter().position(|&c| c == b'"').unwrap();
                self.i += 1;
                Form::Str(String::from_utf8_lossy(&self.s[start..self.i - 1]).into_owned())
            }
            b'\'' => {
                self.i += 1;
                if self.s[self.i] == b'(' {
                    // '(a . b)
                    self.i += 1;
                    let a = self.form();
                    self.skip();
                    assert_eq!(self.s[self.i], b'.');
                    self.i += 1;
                    let b = self.form();
                    self.skip();
                    self.i += 1;
                    return Form::Quote(Box::new(Form::Pair(Box::new(a), Box::new(b))));
                }
                Form::Quote(Box::new(self.form()))
            }
            b'#' => {
                self.i += 3; // #c(
                let re = self.form();
                let im = self.form();
                self.skip();
                self.i += 1;
                Form::Complex(Box::new(re), Box::new(im))
            }
            _ => Form::Lit(self.atom()),
        }
    }
}

fn number<'gc>(cx: &Cx<'gc, '_>, s: &str) -> Option<Value<'gc>> {
    let int = |t: &str| t.strip_prefix('+').unwrap_or(t).parse::<BigInt>().ok();
    if let Some(n) = int(s) {
        return Some(Value::from_bigint(cx.mc, n));
    }
    if let Some((n, d)) = s.split_once('/') {
        return Some(Value::from_ratio(cx.mc, int(n)?, int(d)?));
    }
    if !s.starts_with(|c: char| c.is_ascii_digit() || c == '-' || c == '+' || c == '.') {
        return None;
    }
    if s.contains('D') {
        return s.replace('D', "E").parse::<f64>().ok().map(Value::Double);
    }
    s.parse::<f32>().ok().map(Value::Single)
}

fn eval<'gc>(cx: &mut Cx<'gc, '_>, f: &Form) -> Result<Vec<Value<'gc>>, Ctl<'gc>> {
    Ok(vec![match f {
        Form::Str(s) => make_string(cx.mc, s),
        Form::Quote(q) => quoted(cx, q),
        Form::Complex(re, im) => {
            let (re, im) = (quoted(cx, re), quoted(cx, im));
            crate::numbers::arith::make_complex(cx, re, im)?
        }
        Form::Lit(s) => match s.as_str() {
            "NIL" => Value::Nil,
            "T" => cx.g.t,
            _ if s.starts_with(':') => cx.g.intern_in(cx.mc, "KEYWORD", &s[1..]),
            _ => match number(cx, s) {
                Some(v) => v,
                None => cx.g.sym(cx.g.intern_in(cx.mc, "CL-USER", s)).map(|s| s.value()).unwrap(),
            },
        },
        Form::Pair(..) => unreachable!(),
        Form::Call(name, args) => {
            let mut vals = Vec::new();
            for a in args {
                vals.push(eval(cx, a)?[0]);
            }
            return call(cx, name, &vals);
        }
    }])
}

fn quoted<'gc>(cx: &mut Cx<'gc, '_>, f: &Form) -> Value<'gc> {
    match f {
        Form::Lit(s) => number(cx, s).unwrap_or_else(|| match s.as_str() {
            "NIL" => Value::Nil,
            _ => cx.g.intern_in(cx.mc, "CL-USER", s),
        }),
        Form::Pair(a, b) => {
            let (a, b) = (quoted(cx, a), quoted(cx, b));
            cons(cx.mc, a, b)
        }
        _ => unreachable!(),
    }
}

/// Calls the primitive named `name` (in CL) and returns all its values.
pub fn call<'gc>(cx: &mut Cx<'gc, '_>, name: &str, args: &[Value<'gc>]) -> Result<Vec<Value<'gc>>, Ctl<'gc>> {
    let sym = cx.g.intern_in(cx.mc, "CL", name);
    let Value::Function(f) = cx.g.sym(sym).unwrap().function.get() else { panic!("no function {name}") };
    let FnKind::Native(n) = f.kind else { panic!("{name} is not native") };
    if args.len() < n.min as usize || (n.max != crate::heap::function::MANY && args.len() > n.max as usize) {
        return Err(cx.program_error("invalid number of arguments"));
    }
    cx.th.mv_set = false;
    let v = (n.f)(cx, args)?;
    Ok(if cx.th.mv_set { std::mem::take(&mut cx.th.mv) } else { vec![v] })
}

fn show_float(x: f64, double: bool) -> String {
    let a = x.abs();
    if a == 0.0 || (1e-3..1e7).contains(&a) {
        let s = if double { format!("{x:?}") } else { format!("{:?}", x as f32) };
        return if double { s + "d0" } else { s };
    }
    let s = if double { format!("{x:e}") } else { format!("{:e}", x as f32) };
    let (m, e) = s.split_once('e').unwrap();
    let m = if m.contains('.') { m.to_string() } else { format!("{m}.0") };
    format!("{m}{}{e}", if double { 'd' } else { 'e' })
}

/// `v` printed as SBCL's `prin1` would (numbers, symbols, conses).
pub fn show<'gc>(cx: &Cx<'gc, '_>, v: Value<'gc>) -> String {
    match v {
        Value::Nil => "NIL".into(),
        Value::Fixnum(_) | Value::Bignum(_) => integer_to_string(v, 10).unwrap(),
        Value::Ratio(r) => format!("{}/{}", r.num, r.den),
        Value::Single(f) => show_float(f as f64, false),
        Value::Double(f) => show_float(f, true),
        Value::Complex(c) => format!("#C({} {})", show(cx, c.re), show(cx, c.im)),
        Value::Symbol(s) => {
            let kw = matches!(s.package.get(), Value::Package(p) if gc_arena::Gc::ptr_eq(p, cx.g.p.keyword));
            format!("{}{}", if kw { ":" } else { "" }, s.name)
        }
        Value::Cons(c) => format!("({} . {})", show(cx, c.car()), show(cx, c.cdr())),
        Value::Object(_) => "#<RANDOM-STATE>".into(),
        _ => "#<?>".into(),
    }
}

/// The condition class an error result names.
pub fn error_kind<'gc>(cx: &Cx<'gc, '_>, e: &Ctl<'gc>) -> String {
    match e {
        Ctl::Error(spec) => show(cx, spec.kind),
        _ => "NON-ERROR".into(),
    }
}

/// Evaluates `form` and prints its values (or `ERR <condition class>`).
pub fn eval_str(cx: &mut Cx<'_, '_>, form: &str) -> String {
    let f = Reader { s: form.as_bytes(), i: 0 }.form();
    match eval(cx, &f) {
        Ok(vals) => vals.iter().map(|&v| show(cx, v)).collect::<Vec<_>>().join(" "),
        Err(e) => format!("ERR {}", error_kind(cx, &e)),
    }
}

/// Runs `f` in a fresh runtime.
pub fn with_cx<T>(f: impl for<'gc> FnOnce(&mut Cx<'gc, '_>) -> T) -> T {
    Runtime::new().with_cx(f)
}
