//! Primitives: the equality predicates and boolean negation.

use crate::heap::equal::{equal as equal_p, equalp as equalp_p};
use crate::heap::Value;
use crate::vm::{Cx, R};

crate::natives! {
    CL "EQ" 2 2 => eq;
    CL "EQL" 2 2 => eql;
    CL "EQUAL" 2 2 => equal;
    CL "EQUALP" 2 2 => equalp;
    CL "NOT" 1 1 => not;
    CL "NULL" 1 1 => not;
}

fn eq<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    Ok(cx.bool(args[0].eq(args[1])))
}

fn eql<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    Ok(cx.bool(args[0].eql(args[1])))
}

fn equal<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    Ok(cx.bool(equal_p(args[0], args[1])))
}

fn equalp<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    Ok(cx.bool(equalp_p(args[0], args[1])))
}

fn not<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    Ok(cx.bool(args[0].is_nil()))
}
