//! Feature expressions for `#+` and `#-` (CLHS 24.1.2.1): symbols tested
//! against `*features*`, combined with `and`, `or` and `not`.

use crate::heap::cons::{list_to_vec, ListIter};
use crate::heap::package::sym_name;
use crate::heap::Value;
use crate::vm::Cx;

/// Deeper feature expressions are rejected rather than recursed into.
const MAX_DEPTH: usize = 1000;

/// Evaluates a feature expression; `Err` carries a description of what
/// is malformed.
pub fn featurep<'gc>(cx: &Cx<'gc, '_>, x: Value<'gc>) -> Result<bool, String> {
    eval(cx, x, 0)
}

fn eval<'gc>(cx: &Cx<'gc, '_>, x: Value<'gc>, depth: usize) -> Result<bool, String> {
    if depth > MAX_DEPTH {
        return Err("feature expression nested too deeply".into());
    }
    match x {
        Value::Nil | Value::Symbol(_) => Ok(ListIter(cx.g.s.features.value()).any(|f| f.eq(x))),
        Value::Cons(c) => {
            let args = list_to_vec(c.cdr()).map_err(|_| "a feature expression must be a proper list".to_string())?;
            let op = c.car();
            match operator(cx, op) {
                Some(Op::Not) => match args[..] {
                    [a] => Ok(!eval(cx, a, depth + 1)?),
                    _ => Err("NOT in a feature expression takes one argument".into()),
                },
                Some(Op::And) => {
                    for a in args {
                        if !eval(cx, a, depth + 1)? {
                            return Ok(false);
                        }
                    }
                    Ok(true)
                }
                Some(Op::Or) => {
                    for a in args {
                        if eval(cx, a, depth + 1)? {
                            return Ok(true);
                        }
                    }
                    Ok(false)
                }
                None => Err("unknown operator in a feature expression".into()),
            }
        }
        _ => Err("a feature expression must be a symbol or a list".into()),
    }
}

enum Op {
    And,
    Or,
    Not,
}

/// `:and`/`:or`/`:not`, or the symbols of the same names in CL.
fn operator<'gc>(cx: &Cx<'gc, '_>, op: Value<'gc>) -> Option<Op> {
    let Value::Symbol(s) = op else { return None };
    let home = s.package.get();
    let standard = matches!(home, Value::Package(p) if std::ptr::eq(p.as_ref(), cx.g.p.keyword.as_ref()) || std::ptr::eq(p.as_ref(), cx.g.p.cl.as_ref()));
    if !standard {
        return None;
    }
    match sym_name(op) {
        "AND" => Some(Op::And),
        "OR" => Some(Op::Or),
        "NOT" => Some(Op::Not),
        _ => None,
    }
}
