//! Loading the Lisp half of the runtime (lisp-lib/) at startup: each file
//! is read form by form from a string stream held in a special variable
//! (so it survives collections), and each form is evaluated to completion.

use crate::heap::Value;
use crate::runtime::Runtime;
use crate::streams::StreamData;
use crate::vm::Outcome;

/// The Lisp sources of the runtime, in load order.
pub static FILES: &[(&str, &str)] = &[
    ("boot/00-macros.lisp", include_str!("../../../lisp-lib/boot/00-macros.lisp")),
    ("boot/01-mapping.lisp", include_str!("../../../lisp-lib/boot/01-mapping.lisp")),
    ("boot/02-setf.lisp", include_str!("../../../lisp-lib/boot/02-setf.lisp")),
    ("boot/02-classes.lisp", include_str!("../../../lisp-lib/boot/02-classes.lisp")),
    ("boot/03-conditions.lisp", include_str!("../../../lisp-lib/boot/03-conditions.lisp")),
    ("boot/04-streams.lisp", include_str!("../../../lisp-lib/boot/04-streams.lisp")),
    ("boot/05-format.lisp", include_str!("../../../lisp-lib/boot/05-format.lisp")),
    ("boot/05-format-numbers.lisp", include_str!("../../../lisp-lib/boot/05-format-numbers.lisp")),
    ("boot/06-loop-parse.lisp", include_str!("../../../lisp-lib/boot/06-loop-parse.lisp")),
    ("boot/06-loop.lisp", include_str!("../../../lisp-lib/boot/06-loop.lisp")),
    ("boot/06-toplevel.lisp", include_str!("../../../lisp-lib/boot/06-toplevel.lisp")),
    ("boot/07-packages.lisp", include_str!("../../../lisp-lib/boot/07-packages.lisp")),
    ("boot/08-utilities.lisp", include_str!("../../../lisp-lib/boot/08-utilities.lisp")),
    ("boot/08-time.lisp", include_str!("../../../lisp-lib/boot/08-time.lisp")),
    ("boot/08-types.lisp", include_str!("../../../lisp-lib/boot/08-types.lisp")),
    ("boot/08-proclaim.lisp", include_str!("../../../lisp-lib/boot/08-proclaim.lisp")),
    ("boot/09-defstruct.lisp", include_str!("../../../lisp-lib/boot/09-defstruct.lisp")),
    ("boot/09-pathnames.lisp", include_str!("../../../lisp-lib/boot/09-pathnames.lisp")),
    ("boot/09-files.lisp", include_str!("../../../lisp-lib/boot/09-files.lisp")),
    ("boot/09-open.lisp", include_str!("../../../lisp-lib/boot/09-open.lisp")),
    ("boot/10-compile-file.lisp", include_str!("../../../lisp-lib/boot/10-compile-file.lisp")),
    ("boot/11-modules.lisp", include_str!("../../../lisp-lib/boot/11-modules.lisp")),
    ("boot/12-clos-generic.lisp", include_str!("../../../lisp-lib/boot/12-clos-generic.lisp")),
    ("boot/12-clos-instances.lisp", include_str!("../../../lisp-lib/boot/12-clos-instances.lisp")),
    ("boot/12-clos-print.lisp", include_str!("../../../lisp-lib/boot/12-clos-print.lisp")),
    ("boot/12-clos-mop.lisp", include_str!("../../../lisp-lib/boot/12-clos-mop.lisp")),
    ("boot/12-pprint.lisp", include_str!("../../../lisp-lib/boot/12-pprint.lisp")),
    ("boot/13-documentation.lisp", include_str!("../../../lisp-lib/boot/13-documentation.lisp")),
    ("boot/13-environment.lisp", include_str!("../../../lisp-lib/boot/13-environment.lisp")),
    ("boot/13-gray-streams.lisp", include_str!("../../../lisp-lib/boot/13-gray-streams.lisp")),
    ("uiop/package.lisp", include_str!("../../../lisp-lib/uiop/package.lisp")),
    ("uiop/define-package.lisp", include_str!("../../../lisp-lib/uiop/define-package.lisp")),
    ("uiop/common-lisp.lisp", include_str!("../../../lisp-lib/uiop/common-lisp.lisp")),
    ("uiop/utility.lisp", include_str!("../../../lisp-lib/uiop/utility.lisp")),
    ("uiop/version.lisp", include_str!("../../../lisp-lib/uiop/version.lisp")),
    ("uiop/os.lisp", include_str!("../../../lisp-lib/uiop/os.lisp")),
    ("uiop/pathname.lisp", include_str!("../../../lisp-lib/uiop/pathname.lisp")),
    ("uiop/filesystem.lisp", include_str!("../../../lisp-lib/uiop/filesystem.lisp")),
    ("uiop/stream.lisp", include_str!("../../../lisp-lib/uiop/stream.lisp")),
    ("uiop/image.lisp", include_str!("../../../lisp-lib/uiop/image.lisp")),
    ("uiop/lisp-build.lisp", include_str!("../../../lisp-lib/uiop/lisp-build.lisp")),
    ("uiop/launch-program.lisp", include_str!("../../../lisp-lib/uiop/launch-program.lisp")),
    ("uiop/run-program.lisp", include_str!("../../../lisp-lib/uiop/run-program.lisp")),
    ("uiop/configuration.lisp", include_str!("../../../lisp-lib/uiop/configuration.lisp")),
    ("uiop/backward-driver.lisp", include_str!("../../../lisp-lib/uiop/backward-driver.lisp")),
    ("uiop/driver.lisp", include_str!("../../../lisp-lib/uiop/driver.lisp")),
    ("asdf/upgrade.lisp", include_str!("../../../lisp-lib/asdf/upgrade.lisp")),
    ("asdf/session.lisp", include_str!("../../../lisp-lib/asdf/session.lisp")),
    ("asdf/component.lisp", include_str!("../../../lisp-lib/asdf/component.lisp")),
    ("asdf/operation.lisp", include_str!("../../../lisp-lib/asdf/operation.lisp")),
    ("asdf/system.lisp", include_str!("../../../lisp-lib/asdf/system.lisp")),
    ("asdf/system-registry.lisp", include_str!("../../../lisp-lib/asdf/system-registry.lisp")),
    ("asdf/action.lisp", include_str!("../../../lisp-lib/asdf/action.lisp")),
    ("asdf/lisp-action.lisp", include_str!("../../../lisp-lib/asdf/lisp-action.lisp")),
    ("asdf/find-component.lisp", include_str!("../../../lisp-lib/asdf/find-component.lisp")),
    ("asdf/forcing.lisp", include_str!("../../../lisp-lib/asdf/forcing.lisp")),
    ("asdf/output-translations.lisp", include_str!("../../../lisp-lib/asdf/output-translations.lisp")),
    ("asdf/source-registry.lisp", include_str!("../../../lisp-lib/asdf/source-registry.lisp")),
    ("asdf/digest.lisp", include_str!("../../../lisp-lib/asdf/digest.lisp")),
    ("asdf/parallel.lisp", include_str!("../../../lisp-lib/asdf/parallel.lisp")),
    ("asdf/plan.lisp", include_str!("../../../lisp-lib/asdf/plan.lisp")),
    ("asdf/operate.lisp", include_str!("../../../lisp-lib/asdf/operate.lisp")),
    ("asdf/find-system.lisp", include_str!("../../../lisp-lib/asdf/find-system.lisp")),
    ("asdf/compat.lisp", include_str!("../../../lisp-lib/asdf/compat.lisp")),
    ("asdf/parse-defsystem.lisp", include_str!("../../../lisp-lib/asdf/parse-defsystem.lisp")),
    ("asdf/bundle.lisp", include_str!("../../../lisp-lib/asdf/bundle.lisp")),
    ("asdf/concatenate-source.lisp", include_str!("../../../lisp-lib/asdf/concatenate-source.lisp")),
    ("asdf/package-inferred-system.lisp", include_str!("../../../lisp-lib/asdf/package-inferred-system.lisp")),
    ("asdf/backward-internals.lisp", include_str!("../../../lisp-lib/asdf/backward-internals.lisp")),
    ("asdf/backward-interface.lisp", include_str!("../../../lisp-lib/asdf/backward-interface.lisp")),
    ("asdf/interface.lisp", include_str!("../../../lisp-lib/asdf/interface.lisp")),
    ("asdf/user.lisp", include_str!("../../../lisp-lib/asdf/user.lisp")),
    ("asdf/footer.lisp", include_str!("../../../lisp-lib/asdf/footer.lisp")),
];

/// Loads every boot file; an error here is a bug in lisp-lib, reported with its file.
pub fn load_all(rt: &mut Runtime) -> Result<(), String> {
    // The compiler records the calls to functions not defined yet.
    rt.with_cx(|cx| {
        let table = crate::heap::hash::new_table(cx.mc, crate::heap::hash::Test::Equal, 0);
        cx.g.s.undefined_functions.set(cx.mc, Value::HashTable(table));
    });
    for (name, text) in FILES {
        load_source(rt, name, text)?;
    }
    // A call compiled before its name was defined as a macro is a bug in
    // the boot order: it would call the name as a function at run time.
    rt.with_cx(|cx| {
        let var = cx.g.s.undefined_functions;
        let Value::HashTable(table) = var.value() else { return Err("the undefined-function table is gone".into()) };
        let late: Vec<String> = crate::heap::hash::entries(table)
            .into_iter()
            .map(|(name, _)| name)
            .filter(|n| cx.g.sym(*n).is_some_and(|s| s.has(crate::heap::symbol::flags::MACRO)))
            .map(|n| crate::heap::package::sym_name(n).to_string())
            .collect();
        // Recording stops once the runtime is loaded.
        var.set(cx.mc, Value::Unbound);
        if !late.is_empty() {
            return Err(format!("macros used before their definition: {}", late.join(", ")));
        }
        // A form the compiler found faulty compiles to code signalling the
        // error when run: in the runtime's own Lisp that is a bug.
        let errors = cx.g.s.compiler_errors;
        let found: Vec<String> = crate::heap::cons::ListIter(errors.value()).map(|e| compiler_error_text(cx, e)).collect();
        errors.set(cx.mc, Value::Unbound);
        if found.is_empty() {
            Ok(())
        } else {
            Err(format!("compile errors: {}", found.join("; ")))
        }
    })
}

/// "location: message" for an entry `(location kind . initargs)` of
/// `sys::*compiler-errors*` (the message is the `:format-control`).
fn compiler_error_text<'gc>(cx: &crate::vm::Cx<'gc, '_>, entry: Value<'gc>) -> String {
    use crate::heap::cons::{car, cdr};
    let location = car(entry).as_string().unwrap_or_default();
    let mut initargs = cdr(cdr(entry));
    let mut message = String::new();
    while let Value::Cons(c) = initargs {
        if cx.g.s.kw_format_control.is(c.car()) {
            message = car(c.cdr()).as_string().unwrap_or_default();
        }
        initargs = cdr(c.cdr());
    }
    format!("{location}: {message}")
}

/// Reads and evaluates every form of `text`.
pub fn load_source(rt: &mut Runtime, name: &str, text: &str) -> Result<(), String> {
    rt.with_cx(|cx| {
        // Boot sources are read in CLOVE-SYSTEM (IN-PACKAGE is itself defined by them).
        cx.g.s.package.set(cx.mc, Value::Package(cx.g.p.sys));
        let stream = StreamData::string_input(cx.mc, text);
        let var = cx.g.intern_in(cx.mc, "SYS", "*BOOT-STREAM*");
        if let Some(s) = cx.g.sym(var) {
            crate::heap::symbol::Symbol::set_value(s, cx.mc, stream);
        }
    });
    loop {
        let started = rt.with_cx(|cx| -> Result<bool, String> {
            let var = cx.g.intern_in(cx.mc, "SYS", "*BOOT-STREAM*");
            let Value::Stream(stream) = cx.g.sym(var).unwrap().value() else { return Ok(false) };
            let eof = Value::Unbound;
            let form = match crate::reader::read(cx, stream, false, eof, false, false) {
                Ok(f) => f,
                Err(_) => return Err(format!("{name}: read error at {:?}", crate::streams::ops::position(stream))),
            };
            if form.is_unbound() {
                cx.g.s.source_location.set(cx.mc, Value::Nil);
                return Ok(false);
            }
            let line = stream.borrow().form_line;
            cx.g.s.source_location.set(cx.mc, crate::heap::array::make_string(cx.mc, &format!("{name}:{line}")));
            let eval = cx.g.s.eval.0.function.get();
            match crate::vm::start_call(cx, eval, &[form]) {
                Ok(()) => Ok(true),
                Err(_) => Err(format!("{name}: could not start evaluation")),
            }
        })?;
        if !started {
            return Ok(());
        }
        match rt.finish() {
            Outcome::Done => {}
            Outcome::Fatal(msg) => return Err(format!("{name}: {msg}")),
            Outcome::Exit(n) => return Err(format!("{name}: exit {n} during boot")),
            _ => return Err(format!("{name}: unexpected outcome")),
        }
    }
}
