//! Smoke runs of the fuzz targets (`clove_runtime::fuzz`), a few seconds
//! each: random and mutated text for the reader, random forms for the
//! compiler (whose code is then run), mutated fasls and images for the
//! loaders. Any panic fails the test. Long runs: examples/fuzz.rs, see
//! docs/fuzzing.md.

use clove_runtime::fuzz::gen::{self, Rng};
use clove_runtime::fuzz::{mutate_fasl, mutate_sealed, Fuzzer, FASL_CORPUS};

#[test]
fn the_reader_survives_random_and_mutated_text() {
    let mut f = Fuzzer::new();
    for text in gen::CORPUS {
        assert!(f.read(text, false), "{text}");
    }
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for i in 0..12_000 {
        f.read(&gen::random_text(&mut rng), i % 3 == 0);
    }
    for i in 0..12_000 {
        let text = gen::mutate_text(&mut rng, gen::CORPUS[i % gen::CORPUS.len()]);
        f.read(&text, i % 3 == 0);
    }
}

#[test]
fn the_compiler_survives_random_forms_and_their_code_runs() {
    let mut f = Fuzzer::new();
    let mut rng = Rng(0xD1B5_4A32_D192_ED03);
    for _ in 0..1_500 {
        f.compile_and_run(&gen::random_form(&mut rng, 5));
    }
}

#[test]
fn the_fasl_loader_refuses_or_runs_mutated_fasls() {
    let mut f = Fuzzer::new();
    assert_eq!(f.fasls().len(), FASL_CORPUS.len());
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    for i in 0..1_500 {
        let fasl = f.fasls()[i % FASL_CORPUS.len()].clone();
        f.load_fasl(&mutate_sealed(&mut rng, &fasl));
    }
    // Inputs as the long runs make them: a quarter are concatenations
    // whose later part is mutated.
    for _ in 0..500 {
        let input = mutate_fasl(&mut rng, f.fasls());
        f.load_fasl(&input);
    }
}

#[test]
fn the_image_loader_refuses_or_loads_mutated_images() {
    let f = Fuzzer::new();
    assert!(f.load_image(f.image()));
    let mut rng = Rng(0x8C6F_1B1D_31C0_0A7F);
    for _ in 0..40 {
        f.load_image(&mutate_sealed(&mut rng, f.image()));
    }
}
