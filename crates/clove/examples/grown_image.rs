//! Measuring how start-up grows with the image (docs/architecture.md,
//! "Startup and images"):
//!
//!   grown_image save OUT.image [FILE.lisp ...]   boot, load the files, save
//!   grown_image run IMAGE SCRIPT                 start as `clove SCRIPT` does
//!
//! `run` loads the image as the clove binary loads its base image (lazily,
//! trusted), runs the image restore hooks, then the script. Run it under
//! `valgrind --tool=callgrind` with the base image and with one grown by a
//! library to see what each byte of image costs at start-up:
//!
//!   cargo build --release -p clove --example grown_image
//!
//! It allocates as the clove binary does.

#[path = "../src/alloc.rs"]
mod alloc;

#[global_allocator]
static GLOBAL: clove_runtime::heap::limit::Counting<alloc::MiMalloc> = clove_runtime::heap::limit::Counting(alloc::MiMalloc);

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let worker = std::thread::Builder::new().stack_size(256 << 20).spawn(move || match args.first().map(String::as_str) {
        Some("save") if args.len() >= 2 => {
            let mut rt = clove_runtime::runtime::Runtime::new();
            for file in &args[2..] {
                rt.call("CL", "LOAD", &[file]).unwrap_or_else(|c| panic!("{file} does not load ({c})"));
            }
            let image = rt.save_image().expect("the heap can be saved");
            std::fs::write(&args[1], &image).expect("the image can be written");
            println!("{}: {} bytes", args[1], image.len());
        }
        Some("run") if args.len() == 3 => {
            let image: &'static [u8] = std::fs::read(&args[1]).expect("the image can be read").leak();
            let mut rt = clove_runtime::runtime::Runtime::from_static_image(image).expect("the image loads");
            clove_runtime::builtins::os::set_command_line("clove".into(), Vec::new());
            let _ = rt.call("SYS", "%TOPLEVEL", &["%IMAGE-RESTORED"]);
            let _ = rt.call("SYS", "%TOPLEVEL", &["%RUN-SCRIPT", &args[2]]);
            std::mem::forget(rt);
        }
        _ => eprintln!("usage: grown_image save OUT.image [FILE.lisp ...] | run IMAGE SCRIPT"),
    });
    worker.expect("a thread").join().expect("no panic");
}
