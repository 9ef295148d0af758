//! Fuzz targets, shared by the smoke runs inside `cargo test`
//! (tests/fuzz.rs) and the long runs of examples/fuzz.rs (docs/fuzzing.md):
//! the reader on random and mutated text, the compiler (and the code it
//! makes) on random forms, and the fasl and image loaders on mutated
//! files whose checksum is fixed so the mutation reaches the body. Each
//! target must return or signal a Lisp condition: a Rust panic fails the
//! run, and code runs for a bounded number of instructions.

pub mod gen;

use crate::heap::array::make_string;
use crate::heap::Value;
use crate::runtime::Runtime;
use crate::vm::{self, Outcome};

/// Slices of `vm::SLICE` instructions a fuzz input may run for.
const MAX_SLICES: usize = 50;

/// Lisp helpers the targets call, evaluated in turn: output goes nowhere
/// (printed with limits, since mutated data may be circular) and every
/// serious condition is caught.
const HELPERS: &[&str] = &[
    r#"(defpackage "FUZZ" (:use "CL"))"#,
    r#"(defmacro fuzz::quietly (&body body)
         `(let ((*print-circle* t) (*print-length* 20) (*print-level* 5)
                (*standard-output* (make-broadcast-stream))
                (*error-output* (make-broadcast-stream))
                (*trace-output* (make-broadcast-stream)))
            (handler-case (progn ,@body nil)
              (serious-condition (c) c))))"#,
    r#"(defun fuzz::compile-and-run (text)
         (fuzz::quietly (funcall (compile nil `(lambda () ,(read-from-string text))))))"#,
    r#"(defun fuzz::run-fasl (loader)
         (fuzz::quietly (loop (let ((f (sys::%fasl-next loader "fuzz.fasl")))
                                (unless f (return))
                                (funcall f)))))"#,
];

/// Files compiled into the fasls that the loader target mutates: most
/// kinds of literal objects, definitions and control constructs.
pub const FASL_CORPUS: &[&str] = &[
    "(defun fuzz-f (x &optional (y 2) &key z) (let ((acc nil)) (dotimes (i 3) (push (list x y z i) acc)) acc))
     (print (fuzz-f 1 2 :z 3))
     (defparameter *fuzz-v* '(a \"b\" #(1 2) 3/4 #c(1 2) 1.5d0 #\\x :kw 1180591620717411303424 (nested (list))))",
    "(defmacro fuzz-m (a) `(list ,a ,a))
     (defun fuzz-g (n) (labels ((walk (k) (if (< k 1) 0 (+ k (walk (1- k)))))) (fuzz-m (walk n))))
     (print (fuzz-g 10))
     (print (let ((h (make-hash-table :test 'equal))) (setf (gethash \"k\" h) 1) (gethash \"k\" h)))",
    "(defstruct fuzz-point x y)
     (eval-when (:compile-toplevel :load-toplevel :execute)
       (defclass fuzz-c () ((a :initarg :a :accessor fuzz-a)))
       (defmethod make-load-form ((o fuzz-c) &optional e) (make-load-form-saving-slots o :environment e)))
     (defparameter *fuzz-o* #.(make-instance 'fuzz-c :a 1))
     (print (fuzz-a *fuzz-o*))
     (defparameter *fuzz-p* (make-fuzz-point :x 1 :y 2))",
    "(defun fuzz-h (x) (catch 'out (unwind-protect (block b (tagbody top (when (> x 3) (throw 'out x)) (incf x) (go top)))
       (setq x (* x 2)))))
     (print (multiple-value-call #'list (values 1 2) (fuzz-h 0) (floor 7 2)))
     (print (progv '(*fuzz-s*) '(5) (symbol-value '*fuzz-s*)))
     (print (handler-case (error \"e ~a\" 1) (error (c) (princ-to-string c))))
     (print (funcall (let ((n 0)) (lambda () (incf n) (load-time-value (list 1))))))",
];

pub struct Fuzzer {
    rt: Runtime,
    image: Vec<u8>,
    fasls: Vec<Vec<u8>>,
    /// Inputs read since the runtime was made: reading collects no
    /// garbage, so the reader target starts afresh every `READS_PER_RUNTIME`.
    reads: usize,
}

const READS_PER_RUNTIME: usize = 5_000;

impl Default for Fuzzer {
    fn default() -> Self {
        Fuzzer::new()
    }
}

impl Fuzzer {
    /// A runtime booted from source with the helpers loaded, its image
    /// (to start afresh quickly) and the fasls of `FASL_CORPUS`.
    pub fn new() -> Fuzzer {
        let mut rt = Runtime::new();
        for form in HELPERS {
            eval_text(&mut rt, form);
        }
        let image = rt.save_image().expect("the fuzzing runtime can be saved");
        // A directory of its own: fuzzers of one process may start together.
        static MADE: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = MADE.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("clove-fuzz-{}-{n}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("a temporary directory");
        let mut fasls = Vec::new();
        for (i, text) in FASL_CORPUS.iter().enumerate() {
            let src = dir.join(format!("corpus{i}.lisp"));
            std::fs::write(&src, text).expect("the corpus can be written");
            eval_text(&mut rt, &format!("(fuzz::quietly (compile-file {:?}))", src.display().to_string()));
            fasls.push(std::fs::read(src.with_extension("fasl")).expect("the corpus compiles"));
        }
        let _ = std::fs::remove_dir_all(&dir);
        let rt = Runtime::from_image(&image).expect("the fuzzing image loads");
        Fuzzer { rt, image, fasls, reads: 0 }
    }

    /// The fasls of `FASL_CORPUS`, to mutate.
    pub fn fasls(&self) -> &[Vec<u8>] {
        &self.fasls
    }

    /// The image of the fuzzing runtime, to mutate.
    pub fn image(&self) -> &[u8] {
        &self.image
    }

    /// Target (a): reads every form of `text` (with `*read-suppress*`
    /// true when `suppress`); true when it read without error.
    pub fn read(&mut self, text: &str, suppress: bool) -> bool {
        self.reads += 1;
        if self.reads % READS_PER_RUNTIME == 0 {
            self.rt = Runtime::from_image(&self.image).expect("the fuzzing image loads");
        }
        self.rt.with_cx(|cx| {
            let flag = if suppress { cx.g.t } else { Value::Nil };
            cx.g.s.read_suppress.set(cx.mc, flag);
            let ok = crate::reader::read_from_str(cx, text).is_ok();
            cx.g.s.read_suppress.set(cx.mc, Value::Nil);
            ok
        })
    }

    /// Target (b): `(compile nil '(lambda () FORM))` and a call of the
    /// result, for a bounded number of instructions.
    pub fn compile_and_run(&mut self, text: &str) {
        self.call("COMPILE-AND-RUN", |cx| make_string(cx.mc, text));
    }

    /// Target (c), fasls: loads `bytes` as a fasl and runs its forms; bad
    /// bytes must be refused with an error.
    pub fn load_fasl(&mut self, bytes: &[u8]) {
        let bytes = bytes.to_vec();
        self.call("RUN-FASL", |cx| crate::marshal::open_fasl(cx.mc, bytes).unwrap_or(Value::Nil));
    }

    /// Target (c), images: `bytes` loads as a runtime or is refused.
    pub fn load_image(&self, bytes: &[u8]) -> bool {
        Runtime::from_untrusted_image(bytes).is_ok()
    }

    /// Calls `fuzz::NAME` on the argument `arg` makes (none when it
    /// makes NIL), for at most
    /// `MAX_SLICES` slices; a computation still running then is abandoned
    /// with its runtime.
    fn call(&mut self, name: &str, arg: impl for<'gc> FnOnce(&mut vm::Cx<'gc, '_>) -> Value<'gc>) {
        let started = self.rt.with_cx(|cx| {
            let a = arg(cx);
            if a.is_nil() {
                return false;
            }
            let f = cx.g.intern_in(cx.mc, "FUZZ", name);
            vm::start_call(cx, f, &[a]).is_ok()
        });
        let finished = !started || matches!(self.rt.run_slices(MAX_SLICES), Some(Outcome::Done));
        if !finished {
            self.rt = Runtime::from_image(&self.image).expect("the fuzzing image loads");
        }
    }
}

/// Reads and evaluates one form given as text, to completion.
fn eval_text(rt: &mut Runtime, text: &str) {
    let started = rt.with_cx(|cx| {
        let Ok(forms) = crate::reader::read_from_str(cx, text) else { return false };
        let eval = cx.g.s.eval.0.function.get();
        vm::start_call(cx, eval, &forms[..1]).is_ok()
    });
    assert!(started, "{text} starts");
    assert!(matches!(rt.finish(), Outcome::Done), "{text} runs");
}

/// `bytes` (an image or fasl) mutated after its header, with the
/// checksum fixed so that the loader reads the changed body.
pub fn mutate_sealed(rng: &mut gen::Rng, bytes: &[u8]) -> Vec<u8> {
    let header = crate::marshal::header_len();
    let mut out = gen::mutate_bytes(rng, bytes, header);
    crate::marshal::reseal(&mut out);
    out
}

/// A fasl input for the loader: one of `fasls` mutated as by
/// `mutate_sealed`, or, one time in four, an intact one followed by a
/// mutated one (a concatenation, as UIOP's `combine-fasls` makes), so the
/// mutation meets the checks of a later part.
pub fn mutate_fasl(rng: &mut gen::Rng, fasls: &[Vec<u8>]) -> Vec<u8> {
    let base = &fasls[rng.below(fasls.len())];
    if rng.below(4) == 0 {
        let first = &fasls[rng.below(fasls.len())];
        [&first[..], &mutate_sealed(rng, base)].concat()
    } else {
        mutate_sealed(rng, base)
    }
}
