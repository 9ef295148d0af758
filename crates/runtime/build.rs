//! Computes CLOVE_BUILD_ID: a hash of the runtime's Rust and Lisp sources,
//! written into every image and fasl so files from another build are
//! refused; and lists the compatibility systems' files (lisp-lib/compat/)
//! for `compat.rs` to embed.

use std::path::{Path, PathBuf};

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            files(&p, out);
        } else {
            out.push(p);
        }
    }
}

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let dirs = [root.join("src"), root.join("../../lisp-lib")];
    let mut all = Vec::new();
    for d in &dirs {
        println!("cargo:rerun-if-changed={}", d.display());
        files(d, &mut all);
    }
    all.sort();
    // FNV-1a over each file's path (relative to the crate) and contents.
    let mut h: u64 = 0xcbf29ce484222325;
    let mut feed = |bytes: &[u8]| {
        for &b in bytes {
            h ^= b as u64;
            h = h.wrapping_mul(0x100000001b3);
        }
    };
    feed(env!("CARGO_PKG_VERSION").as_bytes());
    for f in &all {
        feed(f.strip_prefix(&root).unwrap_or(f).to_string_lossy().as_bytes());
        feed(&std::fs::read(f).unwrap_or_default());
    }
    println!("cargo:rustc-env=CLOVE_BUILD_ID={}-{h:016x}", env!("CARGO_PKG_VERSION"));

    // (path under lisp-lib/compat, include_str!(its file)), sorted.
    let compat = root.join("../../lisp-lib/compat");
    let mut entries: Vec<&PathBuf> = all.iter().filter(|f| f.starts_with(&compat)).collect();
    entries.sort();
    let mut list = String::from("&[\n");
    for f in entries {
        let rel = f.strip_prefix(&compat).expect("under lisp-lib/compat").to_string_lossy().replace('\\', "/");
        list.push_str(&format!("    ({rel:?}, include_str!({:?})),\n", f.display().to_string()));
    }
    list.push(']');
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("compat_files.rs");
    std::fs::write(&out, list).expect("OUT_DIR is writable");
}
