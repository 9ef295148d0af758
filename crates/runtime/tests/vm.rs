//! The VM driven from Rust: forms are read, compiled and run to completion
//! through the runtime's public API, with the collector running between
//! slices; results are checked as printed values.

use clove_runtime::heap::Value;
use clove_runtime::runtime::Runtime;
use clove_runtime::vm::{self, Outcome};

/// Evaluates every form of `text`; returns the printed values of the last.
fn eval(rt: &mut Runtime, text: &str) -> Result<String, String> {
    let forms = rt.with_cx(|cx| clove_runtime::reader::read_from_str(cx, text).map(|v| v.len()).map_err(|_| "read error".to_string()))?;
    let mut last = String::new();
    for i in 0..forms {
        let started = rt.with_cx(|cx| {
            let form = clove_runtime::reader::read_from_str(cx, text).ok().unwrap()[i];
            let eval = cx.g.s.eval.0.function.get();
            vm::start_call(cx, eval, &[form]).is_ok()
        });
        assert!(started);
        match rt.finish() {
            Outcome::Done => {}
            Outcome::Exit(n) => return Err(format!("exit {n}")),
            _ => return Err("abnormal outcome".into()),
        }
        last = rt.with_cx(|cx| {
            let vals: Vec<Value> = cx.th.mv.clone();
            vals.iter().map(|v| clove_runtime::printer::to_string(cx, *v, true).unwrap_or_default()).collect::<Vec<_>>().join(" ")
        });
    }
    Ok(last)
}

fn with_runtime(f: impl FnOnce(&mut Runtime) + Send + 'static) {
    std::thread::Builder::new().stack_size(64 << 20).spawn(move || f(&mut Runtime::new())).unwrap().join().unwrap();
}

#[test]
fn arithmetic_and_multiple_values() {
    with_runtime(|rt| {
        assert_eq!(eval(rt, "(+ 1 2)").unwrap(), "3");
        assert_eq!(eval(rt, "(values 1 2 3)").unwrap(), "1 2 3");
        assert_eq!(eval(rt, "(floor 7 2)").unwrap(), "3 1");
        assert_eq!(eval(rt, "(values)").unwrap(), "");
    });
}

#[test]
fn closures_capture_and_share_cells() {
    with_runtime(|rt| {
        let src = "(let ((n 0)) (let ((inc (lambda () (setq n (1+ n)))) (get (lambda () n))) (funcall inc) (funcall inc) (funcall get)))";
        assert_eq!(eval(rt, src).unwrap(), "2");
    });
}

#[test]
fn progv_refuses_a_circular_list_of_symbols() {
    // Found by fuzzing fasls: it used to bind without end until memory ran out.
    with_runtime(|rt| {
        let src = "(handler-case (progv (let ((l (list '*x*))) (setf (cdr l) l) l) '(1) 1) (type-error () :type-error))";
        assert_eq!(eval(rt, src).unwrap(), ":TYPE-ERROR");
        assert_eq!(eval(rt, "(progv '(*x* *y*) '(1) (list (symbol-value '*x*) (boundp '*y*)))").unwrap(), "(1 NIL)");
    });
}

#[test]
fn deep_recursion_lives_in_the_heap() {
    with_runtime(|rt| {
        eval(rt, "(defun down (n) (if (= n 0) 0 (+ 1 (down (- n 1)))))").unwrap();
        assert_eq!(eval(rt, "(down 300000)").unwrap(), "300000");
    });
}

#[test]
fn self_tail_calls_run_in_constant_space() {
    with_runtime(|rt| {
        eval(rt, "(defun spin (n acc) (if (= n 0) acc (spin (- n 1) (+ acc 1))))").unwrap();
        assert_eq!(eval(rt, "(spin 5000000 0)").unwrap(), "5000000");
    });
}

#[test]
fn non_local_exit_through_a_primitive_calling_lisp() {
    with_runtime(|rt| {
        // The lambda runs in a nested run inside SORT; the exits cross it.
        assert_eq!(eval(rt, "(block out (sort (list 3 1 2) (lambda (a b) (return-from out (+ a b 100)))) :not-here)").unwrap().len(), 3);
        assert_eq!(eval(rt, "(catch :x (mapcar (lambda (x) (throw :x x)) '(7 8)))").unwrap(), "7");
        assert_eq!(eval(rt, "(handler-case (sort (list 2 1) (lambda (a b) (error \"in predicate\"))) (error (e) (princ-to-string e)))").unwrap(), "\"in predicate\"");
    });
}

#[test]
fn unwind_protect_runs_on_every_exit() {
    with_runtime(|rt| {
        eval(rt, "(defvar *log* nil)").unwrap();
        eval(rt, "(catch :t (unwind-protect (throw :t 1) (push :a *log*)))").unwrap();
        eval(rt, "(block b (unwind-protect (return-from b 1) (push :b *log*)))").unwrap();
        eval(rt, "(ignore-errors (unwind-protect (error \"x\") (push :c *log*)))").unwrap();
        assert_eq!(eval(rt, "*log*").unwrap(), "(:C :B :A)");
    });
}

#[test]
fn unhandled_error_in_non_interactive_mode_exits_1() {
    with_runtime(|rt| {
        assert_eq!(eval(rt, "(car 1)"), Err("exit 1".into()));
    });
}
