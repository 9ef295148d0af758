//! Builds the base image: boots a runtime from lisp-lib's sources (compiling
//! every form) and saves its heap, which `clove` loads at startup instead
//! of reading the sources again.

fn main() {
    let out = std::path::PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("base.image");
    // The reader and compiler recurse on nested forms: give them room.
    let image = std::thread::Builder::new()
        .stack_size(256 << 20)
        .spawn(|| clove_runtime::runtime::Runtime::new().save_image())
        .expect("a thread for the boot")
        .join()
        .expect("the runtime boots from lisp-lib")
        .expect("the booted heap can be saved");
    std::fs::write(&out, image).expect("OUT_DIR is writable");
}
