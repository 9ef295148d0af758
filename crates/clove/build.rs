//! Builds the base image: boots a runtime from lisp-lib's sources (compiling
//! every form) and saves its heap, which `clove` loads at startup instead
//! of reading the sources again.

fn main() {
    // Rebuild the image when the runtime (a build dependency, which embeds
    // lisp-lib) or this script changes, not for every edit in this crate.
    println!("cargo:rerun-if-changed=build.rs");
    let out = std::path::PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("base.image");
    // The reader and compiler recurse on nested forms: give them room.
    let image = std::thread::Builder::new()
        .stack_size(256 << 20)
        .spawn(|| clove_runtime::runtime::Runtime::new().save_image())
        .expect("a thread for the boot")
        .join()
        .expect("the runtime boots from lisp-lib")
        .expect("the booted heap can be saved");
    clove_runtime::marshal::write_atomically(&out, &image).expect("OUT_DIR is writable");
}
