//! Round trips through the marshaller: a saved image loads into a runtime
//! that behaves like the original, and bad bytes are refused cleanly.

use crate::runtime::Runtime;
use crate::vm::Outcome;

fn eval_to_string(rt: &mut Runtime, src: &str) -> String {
    let form = format!("(prin1-to-string (progn {src}))");
    rt.with_cx(|cx| {
        let stream = crate::streams::StreamData::string_input(cx.mc, &form);
        let Value::Stream(s) = stream else { unreachable!() };
        let form = crate::reader::read(cx, s, true, Value::Nil, false, false).ok().expect("readable test form");
        let eval = cx.g.s.eval.0.function.get();
        crate::vm::start_call(cx, eval, &[form]).ok().expect("eval starts");
    });
    assert!(matches!(rt.finish(), Outcome::Done | Outcome::Returned));
    rt.with_cx(|cx| match cx.th.mv.first() {
        Some(&Value::Array(a)) => a.borrow().string().unwrap_or_default(),
        _ => String::from("?"),
    })
}

use crate::heap::Value;

#[test]
fn an_image_round_trips_the_heap() {
    let mut rt = Runtime::new();
    let setup = r#"
      (defvar *h* (make-hash-table :test 'equal))
      (setf (gethash '(1 "two") *h*) 'found)
      (defvar *q* (make-hash-table))
      (setf (gethash *h* *q*) 3/4)
      (defun adder (n) (lambda (x) (+ x n)))
      (defvar *add5* (adder 5))
      (defvar *arr* (make-array '(2 3) :initial-element #c(1 2)))
      (defvar *big* (expt 2 100))
      (defvar *circular* (let ((l (list 1 2 3))) (setf (cdr (cddr l)) l) l))
      (defpackage "IMG-TEST" (:use "CL") (:export "THING"))
      (defvar *str* (make-array 5 :element-type 'character :fill-pointer 2 :initial-element #\x))
      (defvar *window* (make-array 2 :displaced-to *str* :displaced-index-offset 1 :element-type 'character))
      (defvar *rt* (copy-readtable nil))
      (set-macro-character #\! (lambda (s c) (declare (ignore c)) (list 'bang (read s t nil t))) nil *rt*)
      (defvar *rs* (make-random-state nil))
      (defvar *rs-copy* (make-random-state *rs*))
      (defvar *first* (random 1000000 *rs*))
      (defvar *out* (make-string-output-stream))
      (write-string "kept" *out*)
      (defvar *path* (make-pathname :directory '(:absolute "usr" :wild) :name "foo.tar" :type "gz" :version :newest))
      (setf (logical-pathname-translations "IMGHOST") '(("**;*.*.*" "/img/**/*.*")))
      (defvar *lpath* (logical-pathname "IMGHOST:SRC;MAIN.LISP"))
      (defvar *cond* (make-condition 'simple-error :format-control "saved ~a" :format-arguments '(x)))
      (defvar *weak* (make-hash-table :weakness :key :test 'eq))
      (setf (gethash *h* *weak*) :kept)
      (dotimes (i 50) (setf (gethash (list i) *weak*) i))
      t"#;
    assert_eq!(eval_to_string(&mut rt, setup), "T");
    let image = rt.save_image().expect("saved");
    // Verified: every code object the compiler made passes the bytecode verifier.
    let mut back = Runtime::from_untrusted_image(&image).expect("the image loads");
    // Saving the loaded image again gives the same size: nothing lost or duplicated.
    assert_eq!(back.save_image().expect("saved again").len(), image.len());
    let cases = [
        ("(gethash (list 1 \"two\") *h*)", "FOUND"),
        ("(gethash *h* *q*)", "3/4"),
        // A weak table stays weak: its dead entries go at the next collections.
        (
            "(list (clove:hash-table-weakness *weak*) (gethash *h* *weak*) \
              (loop repeat 400 until (= 1 (hash-table-count *weak*)) \
                    do (let (l) (dotimes (i 20000) (push (make-list 8) l)))) \
              (hash-table-count *weak*))",
            "(:KEY :KEPT NIL 1)",
        ),
        ("(funcall *add5* 10)", "15"),
        ("(funcall (adder 1) 1)", "2"),
        ("(aref *arr* 1 2)", "#C(1 2)"),
        ("(list *big* (eq (cdddr *circular*) *circular*))", "(1267650600228229401496703205376 T)"),
        ("(list (symbol-package 'img-test:thing) (find-symbol \"THING\" \"IMG-TEST\"))", "(#<PACKAGE \"IMG-TEST\"> IMG-TEST:THING)"),
        ("(list *str* (length *str*))", "(\"xx\" 2)"),
        ("(handler-case (error \"boom ~a\" 1) (error (e) (princ-to-string e)))", "\"boom 1\""),
        ("(read-from-string \"(a . #(b))\")", "(A . #(B))"),
        ("(format nil \"~{~a~^-~}\" '(1 2 3))", "\"1-2-3\""),
        ("*window*", "\"xx\""),
        ("(let ((*readtable* *rt*)) (read-from-string \"!x\"))", "(BANG X)"),
        ("(= *first* (random 1000000 *rs-copy*))", "T"),
        ("(get-output-stream-string *out*)", "\"kept\""),
        ("(princ-to-string *cond*)", "\"saved X\""),
        ("(list *path* (pathname-name *path*) (equal *path* #p\"/usr/*/foo.tar.gz\"))", "(#P\"/usr/*/foo.tar.gz\" \"foo.tar\" T)"),
        ("(list *lpath* (translate-logical-pathname *lpath*))", "(#P\"IMGHOST:SRC;MAIN.LISP\" #P\"/img/src/main.lisp\")"),
    ];
    for (form, want) in cases {
        assert_eq!(eval_to_string(&mut back, form), want, "{form}");
    }
}

#[test]
fn bad_images_are_refused() {
    let mut rt = Runtime::new();
    let image = rt.save_image().expect("saved");
    let err = |bytes: &[u8]| Runtime::from_image(bytes).err().expect("refused");
    assert!(err(b"not an image").contains("not a clove image"));
    assert!(err(&image[..image.len() / 2]).contains("damaged image"));
    let mut flipped = image.clone();
    let last = flipped.len() - 1;
    flipped[last] ^= 1;
    assert!(err(&flipped).contains("damaged image"));
    let mut other = image.clone();
    let id = super::build_id().len();
    other[7 + id - 1] ^= 1;
    assert!(err(&other).contains("another clove build"));
}

#[test]
fn hostile_fasl_bodies_are_refused_without_panicking() {
    let mut rt = Runtime::new();
    // A body: the number of segments, then a segment's shells (their
    // number, the number of runs, each run's kind, count and shells),
    // records, fills and root value.
    let nested_complexes: Vec<u8> = [1, 0, 0, 0].into_iter().chain(std::iter::repeat_n(super::tag::COMPLEX, 1 << 20)).collect();
    let cases: [(Vec<u8>, &str); 4] = [
        (nested_complexes, "a real number expected"),
        (vec![1, 0, 0, 0, super::tag::RATIO, 1, 1, 0], "denominator"),
        (vec![1, 1, 1, super::shell::INSTANCE, 1, 0, 0], "cannot hold"),
        (vec![1, 1, 1, super::shell::ARRAY, 1, 0, 0, 1, 1, 5, 0, 0, 0, 0, 0], "disagree"),
    ];
    for (body, want) in cases {
        let bytes = super::header::wrap(super::header::FASL, &body);
        let msg = rt.with_cx(|cx| {
            let Ok(Value::Object(loader)) = super::open_fasl(cx.mc, bytes) else { return "not opened".to_string() };
            match super::fasl_next(cx.mc, cx.g, loader) {
                Ok(_) => "loaded".to_string(),
                Err(e) => e,
            }
        });
        assert!(msg.contains(want), "{msg}");
    }
}

/// Fasls concatenated byte for byte load as the fasls would one after the
/// other; a damaged later part is an error naming the file after the
/// earlier parts' forms ran, and nothing of the damaged part runs.
#[test]
fn concatenated_fasls_load_part_by_part() {
    let dir = std::env::temp_dir().join(format!("clove-concat-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary directory");
    let path = |name: &str| dir.join(name).display().to_string();
    let sources = [
        ("a", "(defvar *concat-order* nil) (push :a1 *concat-order*) (push (list :a2 \"shared\" 1/3) *concat-order*)"),
        ("b", "(push (list :b \"shared\" 1/3) *concat-order*)"),
        ("c", "(defpackage \"CONCAT-C\" (:use \"CL\")) (in-package \"CONCAT-C\") (push 'here cl-user::*concat-order*)"),
        ("empty", ""),
    ];
    let mut rt = Runtime::new();
    let mut fasl = std::collections::HashMap::new();
    for (name, text) in sources {
        std::fs::write(path(&format!("{name}.lisp")), text).expect("a source file");
        let compiled = eval_to_string(&mut rt, &format!("(namestring (compile-file {:?}))", path(&format!("{name}.lisp"))));
        assert_eq!(compiled, format!("{:?}", path(&format!("{name}.fasl"))));
        fasl.insert(name, std::fs::read(path(&format!("{name}.fasl"))).expect("the fasl"));
    }
    let load = |rt: &mut Runtime, bytes: &[u8]| {
        std::fs::write(path("combined.fasl"), bytes).expect("written");
        eval_to_string(
            rt,
            &format!(
                "(makunbound '*concat-order*)
                 (let ((r (handler-case (load {:?}) (file-error (e) (princ-to-string e)))))
                   (list r (if (boundp '*concat-order*) (reverse (symbol-value '*concat-order*)) :none)))",
                path("combined.fasl")
            ),
        )
    };
    let cat = |parts: &[&[u8]]| parts.concat();
    let (a, b, c, empty) = (&fasl["a"][..], &fasl["b"][..], &fasl["c"][..], &fasl["empty"][..]);
    assert_eq!(
        load(&mut rt, &cat(&[a, b, c])),
        "(T (:A1 (:A2 \"shared\" 1/3) (:B \"shared\" 1/3) CONCAT-C::HERE))"
    );
    assert_eq!(load(&mut rt, &cat(&[empty, a, empty, b])), "(T (:A1 (:A2 \"shared\" 1/3) (:B \"shared\" 1/3)))");
    // Damaged second parts: a's forms ran, none of b's.
    let ran_a = "(:A1 (:A2 \"shared\" 1/3))";
    let mut flipped = b.to_vec();
    let last = flipped.len() - 1;
    flipped[last] ^= 1;
    let mut other_build = b.to_vec();
    other_build[7] ^= 1;
    let cases: [(Vec<u8>, &str); 5] = [
        (cat(&[a, &b[..b.len() - 3]]), "damaged fasl (truncated"),
        (cat(&[a, &b[..10]]), "damaged fasl (truncated header)"),
        (cat(&[a, &flipped]), "damaged fasl (checksum mismatch)"),
        (cat(&[a, &other_build]), "another clove build"),
        (cat(&[a, b"(print :not-a-fasl)"]), "not a clove fasl"),
    ];
    for (bytes, want) in cases {
        let got = load(&mut rt, &bytes);
        assert!(got.contains(want) && got.contains("part 2") && got.contains("combined.fasl"), "{want}: {got}");
        assert!(got.ends_with(&format!("{ran_a})")), "{want}: {got}");
    }
    // A damaged first part is refused before anything runs.
    let mut first = a.to_vec();
    let n = first.len() - 1;
    first[n] ^= 1;
    let got = load(&mut rt, &cat(&[&first, b]));
    assert!(got.contains("checksum mismatch") && got.ends_with(":NONE)"), "{got}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// A trusted image's code bodies stay encoded until first used; saving
/// such a runtime copies the bodies not yet decoded as they are, and the
/// result passes the verifier and runs like the original.
#[test]
fn lazily_decoded_code_saves_and_verifies() {
    let mut rt = Runtime::new();
    let setup = "(defun lazy-twice (x) (* 2 x))
                 (defun lazy-adder (n) (lambda (x) (+ x n)))
                 (defun lazy-count (n) (let ((k 0)) (tagbody top (incf k) (if (< k n) (go top))) k))
                 t";
    assert_eq!(eval_to_string(&mut rt, setup), "T");
    let image = rt.save_image().expect("saved");
    let mut lazy = Runtime::from_image(&image).expect("the image loads");
    // Some bodies are decoded by running, the others saved still encoded.
    assert_eq!(eval_to_string(&mut lazy, "(lazy-twice 21)"), "42");
    let again = lazy.save_image().expect("saved again");
    assert_eq!(again.len(), image.len(), "the same heap gives an image of the same size");
    let mut back = Runtime::from_untrusted_image(&again).expect("every body verifies");
    assert_eq!(eval_to_string(&mut back, "(list (lazy-twice 4) (funcall (lazy-adder 1) 2) (lazy-count 3))"), "(8 3 3)");
    assert_eq!(eval_to_string(&mut lazy, "(list (funcall (lazy-adder 1) 2) (lazy-count 5))"), "(3 5)");
}
