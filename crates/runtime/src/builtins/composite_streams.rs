//! Primitives: the composite stream constructors and accessors (two-way,
//! echo, concatenated, broadcast and synonym streams, CLHS 21.2). The
//! streams forward reads and writes to their components (streams/ops.rs).

use crate::heap::{list, Value};
use crate::streams::{Kind, StreamData};
use crate::vm::{Ctl, Cx, R};

crate::natives! {
    CL "MAKE-TWO-WAY-STREAM" 2 2 => make_two_way_stream;
    CL "TWO-WAY-STREAM-INPUT-STREAM" 1 1 => two_way_stream_input_stream;
    CL "TWO-WAY-STREAM-OUTPUT-STREAM" 1 1 => two_way_stream_output_stream;
    CL "MAKE-ECHO-STREAM" 2 2 => make_echo_stream;
    CL "ECHO-STREAM-INPUT-STREAM" 1 1 => echo_stream_input_stream;
    CL "ECHO-STREAM-OUTPUT-STREAM" 1 1 => echo_stream_output_stream;
    CL "MAKE-CONCATENATED-STREAM" 0 * => make_concatenated_stream;
    CL "CONCATENATED-STREAM-STREAMS" 1 1 => concatenated_stream_streams;
    CL "MAKE-BROADCAST-STREAM" 0 * => make_broadcast_stream;
    CL "BROADCAST-STREAM-STREAMS" 1 1 => broadcast_stream_streams;
    CL "MAKE-SYNONYM-STREAM" 1 1 => make_synonym_stream;
    CL "SYNONYM-STREAM-SYMBOL" 1 1 => synonym_stream_symbol;
}

/// `v` unchanged when it is an input (or output) stream, else a
/// `type-error` expecting `(satisfies input-stream-p)`.
/// A Gray stream is asked through the generic function.
fn directed<'gc>(cx: &mut Cx<'gc, '_>, v: Value<'gc>, output: bool) -> Result<Value<'gc>, Ctl<'gc>> {
    let pred = cx.g.intern_in(cx.mc, "CL", if output { "OUTPUT-STREAM-P" } else { "INPUT-STREAM-P" });
    let ok = match v {
        Value::Stream(s) => {
            let d = s.borrow();
            if output {
                d.output
            } else {
                d.input
            }
        }
        v if crate::streams::gray::is_gray(cx, v) => cx.call1(pred, &[v])?.truthy(),
        _ => false,
    };
    if ok {
        return Ok(v);
    }
    let expected = list(cx.mc, &[cx.g.intern_in(cx.mc, "CL", "SATISFIES"), pred]);
    Err(cx.type_error(v, expected))
}

fn make_two_way_stream<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let (input, output) = (directed(cx, args[0], false)?, directed(cx, args[1], true)?);
    Ok(StreamData::new_value(cx.mc, Kind::TwoWay { input, output }, true, true))
}

fn make_echo_stream<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let (input, output) = (directed(cx, args[0], false)?, directed(cx, args[1], true)?);
    Ok(StreamData::new_value(cx.mc, Kind::Echo { input, output }, true, true))
}

fn make_concatenated_stream<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let streams = args.iter().map(|v| directed(cx, *v, false)).collect::<Result<Vec<_>, _>>()?;
    Ok(StreamData::new_value(cx.mc, Kind::Concatenated { streams }, true, false))
}

fn make_broadcast_stream<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let streams = args.iter().map(|v| directed(cx, *v, true)).collect::<Result<Vec<_>, _>>()?;
    Ok(StreamData::new_value(cx.mc, Kind::Broadcast { streams }, false, true))
}

fn make_synonym_stream<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    if !matches!(args[0], Value::Symbol(_)) {
        return Err(cx.type_error(args[0], cx.g.intern_in(cx.mc, "CL", "SYMBOL")));
    }
    Ok(StreamData::new_value(cx.mc, Kind::Synonym { symbol: args[0] }, true, true))
}

/// The part `get` picks out of a stream of the kind named `type_name`.
fn part<'gc>(
    cx: &Cx<'gc, '_>,
    v: Value<'gc>,
    type_name: &str,
    get: impl Fn(&Kind<'gc>) -> Option<Value<'gc>>,
) -> R<'gc> {
    let got = match v {
        Value::Stream(s) => get(&s.borrow().kind),
        _ => None,
    };
    got.ok_or_else(|| cx.type_error(v, cx.g.intern_in(cx.mc, "CL", type_name)))
}

fn two_way_stream_input_stream<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    part(cx, args[0], "TWO-WAY-STREAM", |k| match k {
        Kind::TwoWay { input, .. } => Some(*input),
        _ => None,
    })
}

fn two_way_stream_output_stream<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    part(cx, args[0], "TWO-WAY-STREAM", |k| match k {
        Kind::TwoWay { output, .. } => Some(*output),
        _ => None,
    })
}

fn echo_stream_input_stream<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    part(cx, args[0], "ECHO-STREAM", |k| match k {
        Kind::Echo { input, .. } => Some(*input),
        _ => None,
    })
}

fn echo_stream_output_stream<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    part(cx, args[0], "ECHO-STREAM", |k| match k {
        Kind::Echo { output, .. } => Some(*output),
        _ => None,
    })
}

fn concatenated_stream_streams<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let mc = cx.mc;
    part(cx, args[0], "CONCATENATED-STREAM", |k| match k {
        Kind::Concatenated { streams } => Some(list(mc, streams)),
        _ => None,
    })
}

fn broadcast_stream_streams<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let mc = cx.mc;
    part(cx, args[0], "BROADCAST-STREAM", |k| match k {
        Kind::Broadcast { streams } => Some(list(mc, streams)),
        _ => None,
    })
}

fn synonym_stream_symbol<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    part(cx, args[0], "SYNONYM-STREAM", |k| match k {
        Kind::Synonym { symbol } => Some(*symbol),
        _ => None,
    })
}
