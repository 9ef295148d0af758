//! Runs the Lisp test files under tests/lisp/ (after harness.lisp), each in
//! a fresh runtime, and fails listing the checks that failed.

use clove_runtime::runtime::Runtime;

fn run_file(name: &str) {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/lisp/");
    let harness = format!("{root}harness.lisp");
    let file = format!("{root}{name}");
    let result = std::thread::Builder::new()
        .stack_size(256 << 20)
        .spawn(move || {
            let mut rt = Runtime::new();
            rt.call("CL", "LOAD", &[&harness]).map_err(|c| format!("harness failed to load (status {c})"))?;
            rt.call("CL", "LOAD", &[&file]).map_err(|c| format!("{file} did not load (status {c})"))?;
            rt.call("CLOVE-TEST", "EXIT-WITH-RESULTS", &[]).map_err(|c| format!("{c} check(s) failed in {file}"))
        })
        .unwrap()
        .join()
        .unwrap();
    if let Err(msg) = result {
        panic!("{msg}");
    }
}

macro_rules! lisp_tests {
    ($($test:ident => $file:literal,)*) => {
        $(#[test] fn $test() { run_file($file); })*
    };
}

lisp_tests! {
    special_operators => "special-operators.lisp",
    macros => "macros.lisp",
    conditions => "conditions.lisp",
    packages => "packages.lisp",
    reader_printer => "reader-printer.lisp",
    pathnames => "pathnames.lisp",
    streams => "streams.lisp",
    loop_macro => "loop.lisp",
    control => "control.lisp",
    types => "types.lisp",
    structures => "structures.lisp",
    clos => "clos.lisp",
    gray_streams => "gray-streams.lisp",
    format => "format.lisp",
    compiler_errors => "compiler-errors.lisp",
    declarations => "declarations.lisp",
    pprint => "pprint.lisp",
    documentation => "documentation.lisp",
    environment => "environment.lisp",
    weak_tables => "weak-tables.lisp",
    uiop_package => "uiop-package.lisp",
    uiop_utility => "uiop-utility.lisp",
    uiop_os => "uiop-os.lisp",
    uiop_pathname => "uiop-pathname.lisp",
    uiop_stream => "uiop-stream.lisp",
    uiop_image => "uiop-image.lisp",
    uiop_lisp_build => "uiop-lisp-build.lisp",
    uiop_configuration => "uiop-configuration.lisp",
    uiop_run_program => "uiop-run-program.lisp",
    uiop_symbols => "uiop-symbols.lisp",
    asdf_source_registry => "asdf-source-registry.lisp",
    asdf_output_translations => "asdf-output-translations.lisp",
    limits => "limits.lisp",
    asdf_components => "asdf-components.lisp",
    asdf_defsystem => "asdf-defsystem.lisp",
    asdf_registry => "asdf-registry.lisp",
    asdf_bundle => "asdf-bundle.lisp",
    asdf_fast_paths => "asdf-fast-paths.lisp",
    asdf_digest => "asdf-digest.lisp",
    asdf_package_inferred => "asdf-package-inferred.lisp",
}
