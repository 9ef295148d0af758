//! compile-file and fasls as a user sees them: a compiled file loads in a
//! fresh process and behaves like its source; compile-time evaluation
//! follows eval-when; bad fasls and failed compiles are reported, and a
//! failed compile leaves no output file.

mod common;

use common::{clove, dir, run, script};

const SOURCE: &str = r#"(defpackage "CF-TEST" (:use "CL") (:export "GREET"))
(in-package "CF-TEST")
(defmacro twice (x) `(progn ,x ,x))
(defvar *count* 0)
(defun greet (name) (twice (incf *count*)) (format nil "hello ~a ~a" name *count*))
(defparameter *table* (let ((h (make-hash-table :test 'equal))) (setf (gethash "k" h) '(1 #:g)) h))
(eval-when (:compile-toplevel) (defparameter *compile-only* t))
(eval-when (:compile-toplevel :execute) (defparameter *not-loaded* t))
(defun literal () '(a "b" #(1 2) 3/4 #c(1 2) 1.5d0 #\x :kw 1180591620717411303424))
(princ "loaded ")
"#;

fn compile(src: &std::path::Path) -> (i32, String, String) {
    let form = format!("(print (multiple-value-list (compile-file {:?})))", src.display().to_string());
    run(clove().args(["--non-interactive", "--eval", &form]))
}

#[test]
fn a_compiled_file_loads_in_a_fresh_process() {
    let src = script("cf-a.lisp", SOURCE);
    let fasl = src.with_extension("fasl");
    let (code, out, err) = compile(&src);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains(&format!("(#P\"{}\" NIL NIL)", fasl.display())), "{out}");
    assert!(!out.contains("loaded"), "top-level forms do not run at compile time: {out}");
    let check = "(print (list (cf-test:greet \"x\") (gethash \"k\" cf-test::*table*) (cf-test::literal) (boundp 'cf-test::*compile-only*) (boundp 'cf-test::*not-loaded*)))";
    let (code, out, err) = run(clove().args(["--non-interactive", "--load", &fasl.display().to_string(), "--eval", check]));
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.trim(), "loaded \n(\"hello x 2\" (1 #:G) (CF-TEST::A \"b\" #(1 2) 3/4 #C(1 2) 1.5d0 #\\x :KW 1180591620717411303424) NIL NIL)".trim());
}

#[test]
fn a_fasl_needing_a_missing_package_is_refused() {
    let src = script("cf-b.lisp", "(print 'cf-elsewhere::thing)\n");
    let form = format!("(progn (make-package \"CF-ELSEWHERE\") (compile-file {:?}))", src.display().to_string());
    let (code, _, err) = run(clove().args(["--non-interactive", "--eval", &form]));
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = run(clove().args(["--non-interactive", "--load", &src.with_extension("fasl").display().to_string()]));
    assert_eq!(code, 1);
    assert!(err.contains("CF-ELSEWHERE does not exist"), "{err}");
}

#[test]
fn damaged_and_foreign_fasls_are_refused() {
    let src = script("cf-c.lisp", "(print 1)\n");
    assert_eq!(compile(&src).0, 0);
    let fasl = src.with_extension("fasl");
    let bytes = std::fs::read(&fasl).unwrap();
    let load = |bytes: &[u8], name: &str| {
        let p = dir().join(name);
        std::fs::write(&p, bytes).unwrap();
        run(clove().args(["--non-interactive", "--load", &p.display().to_string()]))
    };
    let (code, _, err) = load(&bytes[..bytes.len() - 3], "cut.fasl");
    assert_eq!(code, 1);
    assert!(err.contains("FILE-ERROR") && err.contains("damaged fasl"), "{err}");
    let mut foreign = bytes.clone();
    foreign[8] ^= 0x20; // inside the build id
    let (code, _, err) = load(&foreign, "foreign.fasl");
    assert_eq!(code, 1);
    assert!(err.contains("another clove build"), "{err}");
}

#[test]
fn a_failed_compile_leaves_no_fasl_and_keeps_the_old_one() {
    let src = script("cf-d.lisp", "(print 1)\n");
    assert_eq!(compile(&src).0, 0);
    let fasl = src.with_extension("fasl");
    let good = std::fs::read(&fasl).unwrap();
    std::fs::write(&src, "(print 1)\n(print (oops\n").unwrap();
    // A form that cannot be read aborts the compilation, as in SBCL: it is
    // reported and compile-file returns NIL, T, T.
    let (code, out, err) = compile(&src);
    assert_eq!((code, out.trim()), (0, "(NIL T T)"), "{err}");
    assert!(err.contains("READ error during COMPILE-FILE") && err.contains("end of file"), "{err}");
    assert!(err.contains(&format!("(in form starting at {}:2:1)", src.display())), "{err}");
    assert_eq!(std::fs::read(&fasl).unwrap(), good, "the previous fasl is untouched");
    let src = script("cf-e.lisp", "(defparameter *s* '#.*standard-output*)\n");
    let (code, _, err) = compile(&src);
    assert_eq!(code, 1);
    assert!(err.contains("cannot write a stream"), "{err}");
    assert!(!src.with_extension("fasl").exists());
    // (Other tests of this process write fasls in the same directory meanwhile.)
    let leftovers: Vec<_> = std::fs::read_dir(dir()).unwrap().flatten().filter(|e| e.file_name().to_string_lossy().starts_with("cf-e.fasl.tmp")).collect();
    assert!(leftovers.is_empty(), "no temporary file remains");
}

#[test]
fn load_time_value_runs_when_the_fasl_loads_once() {
    let src = script(
        "cf-ltv.lisp",
        "(defvar *counter* 0)\n(defun stamp () (load-time-value (progn (incf *counter*) (list :loaded *counter*))))\n",
    );
    let (code, out, err) = run(clove().args(["--non-interactive", "--eval", &format!("(compile-file {:?})", src.display().to_string()), "--eval", "(print (boundp '*counter*))"]));
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.trim(), "NIL", "not evaluated at compile time");
    let fasl = src.with_extension("fasl").display().to_string();
    let (code, out, err) = run(clove().args(["--non-interactive", "--load", &fasl, "--eval", "(print (list (stamp) (eq (stamp) (stamp)) *counter*))"]));
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.trim(), "((:LOADED 1) T 1)");
}

#[test]
fn undefined_functions_are_style_warnings_at_the_end_of_the_unit() {
    let src = script(
        "cf-warn.lisp",
        "(defun uses-later () (defined-later 1))\n(defun defined-later (x) x)\n(defun broken () (no-such-function 2))\n",
    );
    let file = src.display().to_string();
    let (code, out, err) = run(clove().args(["--non-interactive", "--eval", &format!("(print (multiple-value-list (compile-file {file:?})))")]));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains(" T NIL)"), "warnings-p but not failure-p: {out}");
    assert!(err.contains(&format!("undefined function: NO-SUCH-FUNCTION (called at {file}:3:1)")), "{err}");
    assert!(!err.contains("DEFINED-LATER"), "defined later in the file: {err}");
    // A handler can see and muffle them.
    let muffled = format!("(handler-bind ((style-warning #'muffle-warning)) (compile-file {file:?}))");
    let (code, _, err) = run(clove().args(["--non-interactive", "--eval", &muffled]));
    assert_eq!(code, 0);
    assert!(!err.contains("undefined function"), "{err}");
}

/// `(setf (f x) v)` with no setf expander calls the function `(setf f)`:
/// as in SBCL, it is an undefined function at the end of the unit unless
/// something defines it (a later defun, a defmethod, an accessor).
#[test]
fn undefined_setf_functions_are_reported_too() {
    let src = script(
        "cf-setf.lisp",
        "(defun set-a (v x) (setf (cf-a x) v))\n(defun set-b (v x) (setf (cf-b x) v))\n(defun (setf cf-b) (v x) (list v x))\n(defun set-c (v x) (setf (cf-c x) v))\n(defclass cf-k () ((c :accessor cf-c)))\n",
    );
    let file = src.display().to_string();
    let (code, out, err) = run(clove().args(["--non-interactive", "--eval", &format!("(print (multiple-value-list (compile-file {file:?})))")]));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains(" T NIL)"), "warnings-p but not failure-p: {out}");
    assert!(err.contains(&format!("undefined function: (SETF CF-A) (called at {file}:1:1)")), "{err}");
    assert!(!err.contains("CF-B") && !err.contains("CF-C"), "defined in the file: {err}");
}

/// A macro defined over a function, or after calls compiled as function
/// calls in the same unit, draws SBCL's style warning, and those calls
/// are still undefined functions at the end of the unit.
#[test]
fn a_macro_after_function_calls_is_reported() {
    let src = script("cf-late-macro.lisp", "(defun calls-late () (late-macro 1))\n(defmacro late-macro (x) x)\n(defun was-fn () 1)\n(defmacro was-fn () 2)\n");
    let file = src.display().to_string();
    let (code, out, err) = run(clove().args(["--non-interactive", "--eval", &format!("(print (multiple-value-list (compile-file {file:?})))")]));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains(" T NIL)"), "warnings-p but not failure-p: {out}");
    assert!(err.contains("LATE-MACRO is being redefined as a macro when it was previously assumed to be a function."), "{err}");
    assert!(err.contains(&format!("undefined function: LATE-MACRO (called at {file}:1:1)")), "{err}");
    assert!(err.contains("WAS-FN is being redefined as a macro when it was previously defined to be a function."), "{err}");
    let (code, _, err) = run(clove().args(["--non-interactive", "--eval", "(defun was-fn () 1)", "--eval", "(defmacro was-fn () 2)"]));
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("WAS-FN is being redefined as a macro when it was previously defined to be a function."), "{err}");
}

#[test]
fn macrolet_symbol_macrolet_and_locally_bodies_are_top_level_forms() {
    let src = script(
        "cf-ml.lisp",
        "(macrolet ((def-getter (name value) `(defun ,name () ,value)))\n  (def-getter get-one 1)\n  (eval-when (:compile-toplevel :load-toplevel :execute)\n    (defmacro twice (x) `(list ,x ,x))))\n(symbol-macrolet ((here :sym))\n  (defun where () here))\n(locally (declare (special *lv*))\n  (defvar *lv* 5)\n  (defun lv () *lv*))\n(defun uses-twice () (twice (get-one)))\n",
    );
    let (code, _, err) = run(clove().args(["--non-interactive", "--eval", &format!("(compile-file {:?})", src.display().to_string())]));
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("undefined function"), "{err}");
    let fasl = src.with_extension("fasl").display().to_string();
    let (code, out, err) = run(clove().args(["--non-interactive", "--load", &fasl, "--eval", "(print (list (get-one) (where) (lv) (uses-twice)))"]));
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.trim(), "(1 :SYM 5 (1 1))");
}

#[test]
fn undefined_variables_are_warnings_and_make_failure_p_true() {
    let src = script("cf-vars.lisp", "(defvar *known* 1)\n(defun ok () *known*)\n(defun bad () *no-such-var*)\n");
    let file = src.display().to_string();
    let (code, out, err) = run(clove().args(["--non-interactive", "--eval", &format!("(print (multiple-value-list (compile-file {file:?})))")]));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains(" T T)"), "warnings-p and failure-p: {out}");
    assert!(err.contains(&format!("undefined variable: *NO-SUCH-VAR* (used at {file}:3:1)")), "{err}");
    assert!(!err.contains("*KNOWN*"), "{err}");
}

#[test]
fn compile_errors_are_reported_and_signalled_when_the_form_runs() {
    let src = script("cf-errors.lisp", "(defun f (x) (if x (let ((t 1)) t) 2))\n(defun g () (setq pi 3))\n(print (f nil))\n");
    let file = src.display().to_string();
    let (code, out, err) = compile(&src);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains(" T T)"), "warnings-p and failure-p: {out}");
    assert!(err.contains(&format!("; caught ERROR in {file}:1:1:\n;   cannot bind the constant T")), "{err}");
    assert!(err.contains(&format!("; caught ERROR in {file}:2:1:\n;   cannot SETQ the constant PI")), "{err}");
    let fasl = src.with_extension("fasl").display().to_string();
    let check = "(print (handler-case (g) (program-error (c) (princ-to-string c))))";
    let (code, out, err) = run(clove().args(["--non-interactive", "--load", &fasl, "--eval", check]));
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.trim(), "2 \n\"cannot SETQ the constant PI\"");
}

const LOAD_FORMS: &str = r#"(eval-when (:compile-toplevel :load-toplevel :execute)
  (defvar *made* 0)
  (defclass point () ((x :initarg :x :reader px) (y :initarg :y :reader py)))
  (defmethod make-load-form ((p point) &optional env)
    (declare (ignore env))
    (values `(progn (incf *made*) (make-instance 'point :x ',(px p))) `(setf (slot-value ',p 'y) ',(py p))))
  (defclass node () ((name :initarg :name :reader node-name) (next :accessor node-next)))
  (defmethod make-load-form ((n node) &optional env)
    (declare (ignore env))
    (values `(make-instance 'node :name ',(node-name n)) `(setf (node-next ',n) ',(node-next n))))
  (defstruct pt a b)
  (defmethod make-load-form ((p pt) &optional env) (make-load-form-saving-slots p :environment env))
  (defparameter *shared* (make-instance 'point :x 1 :y '(2 "two")))
  (defparameter *ring* (let ((a (make-instance 'node :name 'a)) (b (make-instance 'node :name 'b)))
                         (setf (node-next a) b (node-next b) a)
                         a))
  (defgeneric area (shape)))
(defmacro literal (var) `',(symbol-value var))
(defun shared () (literal *shared*))
(defun shared-in-list () (list (literal *shared*) '#.(find-class 'point) (load-time-value (py (literal *shared*)))))
(defparameter *shared-again* (literal *shared*))
(defun ring () (literal *ring*))
(defun pt () #S(pt :a 1 :b (#S(pt :a 2) "x")))
(defun generic () '#.#'area)
"#;

#[test]
fn literal_instances_are_made_by_their_load_forms_once_per_file() {
    let src = script("cf-mlf.lisp", LOAD_FORMS);
    let (code, out, err) = compile(&src);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains(" NIL NIL)"), "{out}");
    let fasl = src.with_extension("fasl").display().to_string();
    let check = "(print (list (px (shared)) (py (shared)) *made*
                              (eq (shared) (first (shared-in-list))) (eq (shared) *shared-again*)
                              (eq (second (shared-in-list)) (find-class 'point))
                              (eq (third (shared-in-list)) (py (shared)))
                              (pt) (eq (generic) #'area)))";
    let (code, out, err) = run(clove().args(["--non-interactive", "--load", &fasl, "--eval", check]));
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.trim(), "(1 (2 \"two\") 1 T T T T #S(PT :A 1 :B (#S(PT :A 2 :B NIL) \"x\")) T)");
}

#[test]
fn circular_instances_are_tied_by_initialization_forms() {
    let src = script("cf-mlf-ring.lisp", LOAD_FORMS);
    assert_eq!(compile(&src).0, 0);
    let fasl = src.with_extension("fasl").display().to_string();
    let check = "(let ((a (ring))) (print (list (node-name a) (node-name (node-next a)) (eq a (node-next (node-next a))))))";
    let (code, out, err) = run(clove().args(["--non-interactive", "--load", &fasl, "--eval", check]));
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.trim(), "(A B T)");
}

#[test]
fn an_instance_without_a_load_form_cannot_be_compiled() {
    let src = script(
        "cf-mlf-none.lisp",
        "(eval-when (:compile-toplevel :load-toplevel :execute) (defclass opaque () ()))\n(defmacro lit () (make-instance 'opaque))\n(defun f () (lit))\n",
    );
    let (code, _, err) = compile(&src);
    assert_eq!(code, 1);
    assert!(err.contains("Don't know how to dump #<OPAQUE"), "{err}");
    assert!(!src.with_extension("fasl").exists());
    let src = script(
        "cf-mlf-self.lisp",
        "(eval-when (:compile-toplevel :load-toplevel :execute)\n  (defclass selfish () ((me :initarg :me)))\n  (defmethod make-load-form ((o selfish) &optional e) (declare (ignore e)) `(make-instance 'selfish :me ',o)))\n(defmacro lit () (make-instance 'selfish))\n(defun f () (lit))\n",
    );
    let (code, _, err) = compile(&src);
    assert_eq!(code, 1);
    assert!(err.contains("Circular reference in the creation form of #<SELFISH"), "{err}");
}

#[test]
fn methods_and_conditions_in_literals_are_found_again_or_rebuilt() {
    let src = script(
        "cf-mlf-meta.lisp",
        r#"(eval-when (:compile-toplevel :load-toplevel :execute)
  (defgeneric size (x))
  (defmethod size ((x (eql 3))) :three)
  (defmethod size ((x string)) :string)
  (define-condition oops (error) ((why :initarg :why :reader why)))
  (defmethod make-load-form ((c oops) &optional env) (make-load-form-saving-slots c :environment env)))
(defun string-method () '#.(find-method #'size nil (list (find-class 'string))))
(defun eql-method () '#.(find-method #'size nil '((eql 3))))
(defun saved-condition () '#.(make-condition 'oops :why 42))
"#,
    );
    assert_eq!(compile(&src).0, 0);
    let fasl = src.with_extension("fasl").display().to_string();
    let check = "(print (list (eq (string-method) (find-method #'size nil (list (find-class 'string))))
                              (eq (eql-method) (find-method #'size nil '((eql 3))))
                              (why (saved-condition)) (typep (saved-condition) 'oops)))";
    let (code, out, err) = run(clove().args(["--non-interactive", "--load", &fasl, "--eval", check]));
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.trim(), "(T T 42 T)");
}

/// Readers and writers that `defclass` and `define-condition` define in a
/// file are not "undefined functions" when later forms of the file call
/// them, and the compiled file works when loaded.
#[test]
fn class_and_condition_accessors_count_as_defined() {
    let src = script(
        "cf-accessors.lisp",
        "(defclass cf-box () ((a :initarg :a :accessor cf-box-a) (b :initform 2 :reader cf-box-b :writer set-cf-box-b)))
(define-condition cf-oops (error) ((why :initarg :why :reader cf-oops-why)))
(defun cf-use (x) (setf (cf-box-a x) (+ (cf-box-a x) (cf-box-b x))) (set-cf-box-b 5 x)
  (list (cf-box-a x) (cf-box-b x) (cf-oops-why (make-condition 'cf-oops :why :because))))
",
    );
    let (code, out, err) = compile(&src);
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("undefined function"), "{err}");
    assert!(out.contains("NIL NIL)"), "{out}");
    let fasl = src.with_extension("fasl").display().to_string();
    let (code, out, err) =
        run(clove().args(["--non-interactive", "--load", &fasl, "--eval", "(print (cf-use (make-instance 'cf-box :a 1)))"]));
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.trim(), "(3 5 :BECAUSE)");
}

/// A function defined by a `defun` that is not at top level (inside a
/// `let`, as libraries do to close over a variable) counts as defined for
/// the calls before it in the file; one defined nowhere is reported as a
/// style warning.
#[test]
fn nested_defuns_count_as_defined() {
    let src = script(
        "cf-nested.lisp",
        "(defun cf-caller (s) (cf-quote s))\n(let ((prefix \"q:\")) (defun cf-quote (s) (concatenate 'string prefix s)))\n(defun cf-other () (cf-nowhere))\n",
    );
    let (code, _, err) = compile(&src);
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("CF-QUOTE"), "{err}");
    assert!(err.contains("STYLE-WARNING: undefined function: CF-NOWHERE"), "{err}");
}

#[test]
fn exits_both_local_and_from_closures_load_from_a_fasl() {
    // A tagbody that a closure GOes to and that its own body GOes to from
    // a nested position; the same for a block; THROW, RETURN-FROM and GO
    // out of closures where a value is wanted. Every fasl's code is
    // verified as it loads, so this loads only if the verifier follows
    // what the compiler writes.
    let src = script(
        "cf-exits.lisp",
        r#"(defun cf-tags (n)
  (let ((k 0) (f nil))
    (tagbody top (setq f (lambda () (go done))) (incf k) (when (< k n) (go top)) (funcall f) (setq k :never) done)
    k))
(defun cf-blocks (xs)
  (block found (mapc (lambda (x) (when (eql x 3) (return-from found (list :found x)))) xs)
    (dolist (x xs) (when (eql x 9) (return-from found :nine)))
    :none))
(defun cf-throw () (list (throw 'cf-tag 1)))
(defun cf-exit-in-value (k)
  (block b
    (mapc (lambda (x) (list (cond ((eql x k) (return-from b x)) (t 7)))) '(1 2 3))
    (let ((v (if (> k 5) (funcall (lambda () (return-from b :big))) k)))
      (tagbody (list (if (eql v 3) (funcall (lambda () (go out))) v)) out)
      (list v))))
"#,
    );
    let (code, _, err) = compile(&src);
    assert_eq!(code, 0, "{err}");
    let fasl = src.with_extension("fasl").display().to_string();
    let check = "(print (list (cf-tags 3) (cf-blocks '(1 3)) (cf-blocks '(9)) (cf-blocks '()) \
                 (catch 'cf-tag (cf-throw)) (cf-exit-in-value 2) (cf-exit-in-value 9) (cf-exit-in-value 4)))";
    let (code, out, err) = run(clove().args(["--non-interactive", "--load", &fasl, "--eval", check]));
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.trim(), "(3 (:FOUND 3) :NINE :NONE 1 2 :BIG (4))");
}

#[test]
fn a_file_name_that_is_not_utf8_compiles_to_a_fasl_of_that_name() {
    use std::os::unix::ffi::OsStrExt;
    let d = dir().join("cf-bytes");
    std::fs::create_dir_all(&d).unwrap();
    let src = d.join(std::ffi::OsStr::from_bytes(b"caf\xe9.lisp"));
    std::fs::write(&src, "(defun cafe () :ok)\n").unwrap();
    // In Lisp strings the byte #xE9 of a file name is the character U+10FFE9.
    let name = |ty: &str| format!("(concatenate 'string {:?} (string (code-char #x10FFE9)) \".{ty}\")", format!("{}/caf", d.display()));
    let (code, out, err) = run(clove().args(["--non-interactive", "--eval", &format!("(print (compile-file {}))", name("lisp"))]));
    assert_eq!(code, 0, "{out}{err}");
    let mut names: Vec<Vec<u8>> = std::fs::read_dir(&d).unwrap().map(|e| e.unwrap().file_name().as_bytes().to_vec()).collect();
    names.sort();
    assert_eq!(names, vec![b"caf\xe9.fasl".to_vec(), b"caf\xe9.lisp".to_vec()]);
    let (code, out, err) = run(clove().args(["--non-interactive", "--eval", &format!("(progn (load {}) (print (cafe)))", name("fasl"))]));
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.trim(), ":OK");
}

#[test]
fn temporaries_of_killed_compiles_are_removed_by_the_next_write() {
    let mut child = std::process::Command::new("true").spawn().unwrap();
    let dead = child.id();
    child.wait().unwrap();
    let d = dir().join("cf-stale");
    std::fs::create_dir_all(&d).unwrap();
    let stale = d.join(format!("old.fasl.tmp{dead}"));
    std::fs::write(&stale, vec![0u8; 1 << 20]).unwrap();
    let other = d.join(format!("notes.txt.tmp{dead}"));
    std::fs::write(&other, "not ours").unwrap();
    let src = d.join("new.lisp");
    std::fs::write(&src, "(print 1)\n").unwrap();
    let (code, _, err) = compile(&src);
    assert_eq!(code, 0, "{err}");
    assert!(!stale.exists(), "the dead process's temporary is gone");
    assert!(other.exists(), "files not written by clove are left alone");
    assert!(d.join("new.fasl").exists());
}

/// `bytes` with the instruction `Fixnum(123456789)` turned into
/// `Const(123456789)`, the header's checksum fixed so the loader reads it.
fn with_bad_constant_index(mut bytes: Vec<u8>) -> Vec<u8> {
    let fixnum = [3, 0x15, 0xcd, 0x5b, 0x07];
    let at = bytes.windows(5).position(|w| w == fixnum).expect("the instruction is in the fasl");
    bytes[at] = 0;
    assert!(clove_runtime::marshal::reseal(&mut bytes));
    bytes
}

#[test]
fn a_crafted_fasl_with_bad_code_is_refused_before_it_runs() {
    let src = script("cf-crafted.lisp", "(print 123456789)\n");
    assert_eq!(compile(&src).0, 0);
    let fasl = src.with_extension("fasl");
    let bad = dir().join("cf-crafted-bad.fasl");
    std::fs::write(&bad, with_bad_constant_index(std::fs::read(&fasl).unwrap())).unwrap();
    let (code, out, err) = run(clove().args(["--non-interactive", "--load", &bad.display().to_string()]));
    assert_eq!(code, 1, "{out}{err}");
    assert!(err.contains("FILE-ERROR") && err.contains("cf-crafted-bad.fasl") && err.contains("constant 123456789 out of range"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    let form = format!("(handler-case (load {:?}) (file-error (e) (print (list :refused (file-error-pathname e)))))", bad.display().to_string());
    let (code, out, _) = run(clove().args(["--non-interactive", "--eval", &form]));
    assert_eq!(code, 0);
    assert!(out.contains(":REFUSED"), "{out}");
}
