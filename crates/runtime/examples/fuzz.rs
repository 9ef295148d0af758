//! Long fuzzing runs (docs/fuzzing.md):
//!
//!   cargo run --release -p clove-runtime --example fuzz -- TARGET COUNT [SEED]
//!
//! TARGET is reader, compiler, fasl or image. Runs COUNT inputs from SEED,
//! printing progress every 100,000. A panic or an input running longer
//! than 60 s (a hang) stops the run with status 1, after writing the input
//! to `fuzz-failure-TARGET-SEED` in the current directory;
//! `fuzz TARGET replay FILE` runs that input again.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use clove_runtime::fuzz::gen::{self, Rng};
use clove_runtime::fuzz::{mutate_fasl, mutate_sealed, Fuzzer};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let [target, replay, file] = &args[..] {
        if replay == "replay" {
            let mut input = std::fs::read(file).expect("the input file can be read");
            // A fasl or image saved by an earlier build gets this build's header.
            if let Some(bytes) = clove_runtime::marshal::rewrap(&input) {
                input = bytes;
            }
            let target = target.clone();
            let worker = std::thread::Builder::new().stack_size(256 << 20).spawn(move || run_one(&mut Fuzzer::new(), &target, &input));
            worker.expect("a fuzzing thread").join().expect("no panic");
            println!("replayed {file}: no panic");
            return;
        }
    }
    let (Some(target), Some(count)) = (args.first().cloned(), args.get(1).and_then(|n| n.parse::<u64>().ok())) else {
        eprintln!("usage: fuzz reader|compiler|fasl|image COUNT [SEED]");
        std::process::exit(2);
    };
    if !["reader", "compiler", "fasl", "image"].contains(&target.as_str()) {
        eprintln!("fuzz: unknown target {target}");
        std::process::exit(2);
    }
    let seed: u64 = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(1);
    let failure_file = format!("fuzz-failure-{target}-{seed}");
    // The input being run, saved if it panics or hangs.
    let current: Arc<Mutex<Vec<u8>>> = Arc::default();
    let done = Arc::new(AtomicU64::new(0));
    let save = {
        let current = current.clone();
        move |why: &str| {
            let input = current.lock().map(|c| c.clone()).unwrap_or_default();
            let _ = std::fs::write(&failure_file, &input);
            eprintln!("fuzz: {why}; input saved in {failure_file}");
        }
    };
    let on_panic = save.clone();
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        default_hook(info);
        on_panic("panic");
        std::process::exit(1);
    }));
    let watched = done.clone();
    std::thread::spawn(move || {
        let mut last = (u64::MAX, Instant::now());
        loop {
            std::thread::sleep(Duration::from_secs(5));
            let n = watched.load(Ordering::Relaxed);
            if n != last.0 {
                last = (n, Instant::now());
            } else if last.1.elapsed() > Duration::from_secs(60) {
                save("an input ran for over 60 s");
                std::process::exit(1);
            }
        }
    });
    // The runtime's reader and compiler recurse on nested forms: give them room.
    let worker = std::thread::Builder::new().stack_size(256 << 20).spawn(move || {
        let mut f = Fuzzer::new();
        let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
        let started = Instant::now();
        let keep = |input: &[u8]| {
            if let Ok(mut c) = current.lock() {
                c.clear();
                c.extend_from_slice(input);
            }
        };
        for i in 0..count {
            let input = match target.as_str() {
                "reader" if i % 2 == 0 => gen::random_text(&mut rng).into_bytes(),
                "reader" => {
                    let base = gen::CORPUS[rng.below(gen::CORPUS.len())];
                    gen::mutate_text(&mut rng, base).into_bytes()
                }
                "compiler" => gen::random_form(&mut rng, 6).into_bytes(),
                "fasl" => mutate_fasl(&mut rng, f.fasls()),
                _ => mutate_sealed(&mut rng, f.image()),
            };
            keep(&input);
            run_one(&mut f, &target, &input);
            done.store(i + 1, Ordering::Relaxed);
            if (i + 1) % 100_000 == 0 {
                eprintln!("fuzz {target}: {} inputs, {:.0} s", i + 1, started.elapsed().as_secs_f64());
            }
        }
        println!("fuzz {target} seed {seed}: {count} inputs, no panic, no hang ({:.0} s)", started.elapsed().as_secs_f64());
    });
    if worker.expect("a fuzzing thread").join().is_err() {
        std::process::exit(1);
    }
}

/// Runs one input of `target` (texts are UTF-8).
fn run_one(f: &mut Fuzzer, target: &str, input: &[u8]) {
    let text = || String::from_utf8_lossy(input).into_owned();
    match target {
        "reader" => {
            f.read(&text(), input.len() % 3 == 0);
        }
        "compiler" => f.compile_and_run(&text()),
        "fasl" => f.load_fasl(input),
        _ => {
            f.load_image(input);
        }
    }
}
