//! The heap limit covers single large allocations: with a small
//! `--dynamic-space-size`, a request that alone would pass the limit
//! (`make-list`, `make-array`, `make-string`, `adjust-array`, a huge
//! bignum) is refused with a storage-condition before it is attempted, and
//! the process never grows anywhere near the request. Code called back from
//! inside a primitive (a sort predicate, a reader macro) is held to the
//! limit too.

mod common;

/// Peak resident memory of the script's process, read at its end.
const PEAK: &str = r#"
(let ((status (open "/proc/self/status")))
  (loop (let ((line (read-line status nil)))
          (when (null line) (return))
          (when (and (> (length line) 6) (string= (subseq line 0 6) "VmHWM:"))
            (format t "~A~%" line)))))
"#;

fn peak_kb(out: &str) -> u64 {
    out.split("VmHWM:").nth(1).and_then(|s| s.split_whitespace().next()).and_then(|n| n.parse().ok()).expect("VmHWM line")
}

#[test]
#[cfg(target_os = "linux")]
fn single_large_allocations_are_refused() {
    let script = r#"
(defmacro refused (form)
  `(format t "~A: ~A~%" ',(car form)
           (handler-case (progn ,form :allocated)
             (storage-condition () :refused))))
(refused (make-list 50000000))
(refused (make-array 100000000))
(refused (make-array '(10000 10000) :element-type 'double-float))
(refused (make-string 100000000))
(refused (make-sequence 'list 50000000))
(refused (adjust-array (make-array 10 :adjustable t) 100000000))
(refused (expt 7 200000000))
(refused (ash 1 (* 8 200000000)))
(format t "hash table: ~A~%" (hash-table-count (make-hash-table :size 100000000)))
(format t "still running: ~A~%" (length (make-list 100000)))
"#;
    let path = common::script("large-allocations.lisp", &format!("{script}{PEAK}"));
    let (status, out, err) = common::run(common::clove().args(["--dynamic-space-size", "100"]).arg(&path));
    assert_eq!(status, 0, "{out}{err}");
    for what in ["MAKE-LIST", "MAKE-ARRAY", "MAKE-STRING", "MAKE-SEQUENCE", "ADJUST-ARRAY", "EXPT", "ASH"] {
        assert!(out.contains(&format!("{what}: REFUSED")), "{what} was not refused:\n{out}");
    }
    assert_eq!(out.matches("MAKE-ARRAY: REFUSED").count(), 2, "{out}");
    assert!(out.contains("hash table: 0") && out.contains("still running: 100000"), "{out}");
    assert!(peak_kb(&out) < 400 * 1024, "peak RSS {} kB", peak_kb(&out));
}

/// A sort predicate keeps what it conses: the limit stops it inside the
/// sort (a nested run cannot collect, so it counts as in use).
#[test]
#[cfg(target_os = "linux")]
fn the_heap_limit_holds_in_nested_runs() {
    let script = r#"
(defvar *keep* nil)
(format t "~A~%"
  (handler-case (sort (loop for i below 100000 collect i)
                      (lambda (a b) (push (make-array 1000) *keep*) (< a b)))
    (storage-condition () :caught)))
(setq *keep* nil)
(format t "still running~%")
"#;
    let path = common::script("nested-heap-limit.lisp", &format!("{script}{PEAK}"));
    let (status, out, err) = common::run(common::clove().args(["--dynamic-space-size", "200"]).arg(&path));
    assert_eq!(status, 0, "{out}{err}");
    assert!(out.contains("CAUGHT\nstill running"), "{out}");
    assert!(peak_kb(&out) < 600 * 1024, "peak RSS {} kB", peak_kb(&out));
}

/// Garbage is not counted against a request: many large temporary arrays,
/// made faster than the collector runs, stay within a small limit.
#[test]
#[cfg(target_os = "linux")]
fn large_garbage_is_not_refused() {
    let script = r#"
(let ((sum 0))
  (dotimes (i 2000) (incf sum (length (make-array 200000))))
  (format t "sum: ~D~%" sum))
"#;
    let path = common::script("large-garbage.lisp", &format!("{script}{PEAK}"));
    let (status, out, err) = common::run(common::clove().args(["--dynamic-space-size", "100"]).arg(&path));
    assert_eq!(status, 0, "{out}{err}");
    assert!(out.contains("sum: 400000000"), "{out}");
    assert!(peak_kb(&out) < 400 * 1024, "peak RSS {} kB", peak_kb(&out));
}
