//! Primitives: what the environment tells about itself (CLHS 25.1.3) —
//! the implementation, the machine and the operating system. Answers read
//! from /proc and /etc are NIL where those files do not exist; no site
//! names are configured, so both site name functions return NIL (as SBCL's).

use crate::heap::array::make_string;
use crate::heap::Value;
use crate::vm::{Cx, R};

crate::natives! {
    CL "LISP-IMPLEMENTATION-TYPE" 0 0 => lisp_implementation_type;
    CL "LISP-IMPLEMENTATION-VERSION" 0 0 => lisp_implementation_version;
    CL "MACHINE-TYPE" 0 0 => machine_type;
    CL "MACHINE-VERSION" 0 0 => machine_version;
    CL "MACHINE-INSTANCE" 0 0 => machine_instance;
    CL "SOFTWARE-TYPE" 0 0 => software_type;
    CL "SOFTWARE-VERSION" 0 0 => software_version;
    CL "SHORT-SITE-NAME" 0 0 => site_name;
    CL "LONG-SITE-NAME" 0 0 => site_name;
}

fn string_or_nil<'gc>(cx: &Cx<'gc, '_>, text: Option<String>) -> Value<'gc> {
    match text {
        Some(s) if !s.is_empty() => make_string(cx.mc, &s),
        _ => Value::Nil,
    }
}

/// The trimmed first line of a file, if it can be read.
fn file_line(path: &str) -> Option<String> {
    let text = std::fs::read_to_string(path).ok()?;
    Some(text.lines().next()?.trim().to_string())
}

fn lisp_implementation_type<'gc>(cx: &mut Cx<'gc, '_>, _args: &[Value<'gc>]) -> R<'gc> {
    Ok(make_string(cx.mc, "clove"))
}

fn lisp_implementation_version<'gc>(cx: &mut Cx<'gc, '_>, _args: &[Value<'gc>]) -> R<'gc> {
    Ok(make_string(cx.mc, env!("CARGO_PKG_VERSION")))
}

/// The processor architecture, spelled as SBCL does (X86-64, ARM64).
fn machine_type<'gc>(cx: &mut Cx<'gc, '_>, _args: &[Value<'gc>]) -> R<'gc> {
    let name = match std::env::consts::ARCH {
        "aarch64" => "ARM64".to_string(),
        arch => arch.to_ascii_uppercase().replace('_', "-"),
    };
    Ok(make_string(cx.mc, &name))
}

/// The processor model from /proc/cpuinfo.
fn machine_version<'gc>(cx: &mut Cx<'gc, '_>, _args: &[Value<'gc>]) -> R<'gc> {
    let model = std::fs::read_to_string("/proc/cpuinfo").ok().and_then(|text| {
        text.lines()
            .find(|l| l.starts_with("model name"))
            .and_then(|l| l.split_once(':'))
            .map(|(_, v)| v.trim().to_string())
    });
    Ok(string_or_nil(cx, model))
}

/// The host name.
fn machine_instance<'gc>(cx: &mut Cx<'gc, '_>, _args: &[Value<'gc>]) -> R<'gc> {
    let name = file_line("/proc/sys/kernel/hostname")
        .or_else(|| file_line("/etc/hostname"))
        .or_else(|| std::env::var("HOSTNAME").ok());
    Ok(string_or_nil(cx, name))
}

/// The operating system's name (Linux, Darwin, ...).
fn software_type<'gc>(cx: &mut Cx<'gc, '_>, _args: &[Value<'gc>]) -> R<'gc> {
    let name = match std::env::consts::OS {
        "macos" => "Darwin".to_string(),
        "windows" => "Win32".to_string(),
        os => {
            let mut chars = os.chars();
            chars.next().map(|c| c.to_ascii_uppercase().to_string() + chars.as_str()).unwrap_or_default()
        }
    };
    Ok(make_string(cx.mc, &name))
}

/// The kernel release.
fn software_version<'gc>(cx: &mut Cx<'gc, '_>, _args: &[Value<'gc>]) -> R<'gc> {
    Ok(string_or_nil(cx, file_line("/proc/sys/kernel/osrelease")))
}

fn site_name<'gc>(_cx: &mut Cx<'gc, '_>, _args: &[Value<'gc>]) -> R<'gc> {
    Ok(Value::Nil)
}
