//! Memory: the collector runs while Lisp code runs (allocating 100 million
//! conses with about 1 MB kept live stays in bounded memory), and the heap
//! limit stops a runaway program with a storage-condition.

use std::process::Command;

#[test]
#[cfg(target_os = "linux")]
fn hundred_million_conses_in_bounded_memory() {
    let script = r#"
(defun churn (n)
  ;; 25 million iterations of 4 conses each, with ~1 MB live throughout.
  (let ((live (make-list 30000 :initial-element 0)) (last nil))
    (dotimes (i n) (setq last (list i i i i)))
    (list (length live) (length last))))
(print (churn 25000000))
(let ((status (%open-input-file "/proc/self/status")))
  (loop (let ((line (read-line status nil)))
          (when (null line) (return))
          (when (and (> (length line) 6) (string= (subseq line 0 6) "VmHWM:"))
            (princ line)))))
"#;
    let path = std::env::temp_dir().join(format!("clove-memory-{}.lisp", std::process::id()));
    std::fs::write(&path, format!("(in-package \"CLOVE-SYSTEM\")\n{script}")).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_clove")).arg(&path).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}{}", String::from_utf8_lossy(&out.stderr));
    assert!(text.contains("(30000 4)"), "{text}");
    let kb: u64 = text.split("VmHWM:").nth(1).and_then(|s| s.split_whitespace().next()).and_then(|n| n.parse().ok()).expect("VmHWM line");
    assert!(kb < 100 * 1024, "peak RSS {kb} kB is over 100 MB");
}

/// A program that allocates without end gets a storage-condition once the
/// heap passes --dynamic-space-size: a handler can catch it and go on, and
/// unhandled in a script it is reported with exit status 1.
#[test]
#[cfg(target_os = "linux")]
fn the_heap_limit_signals_a_storage_condition() {
    let script = r#"
(defvar *keep* nil)
(handler-case (loop (push (make-array 100000) *keep*))
  (storage-condition (c) (setq *keep* nil) (format t "caught: ~A~%" c)))
(format t "still running~%")
(loop (push (make-list 1000) *keep*))
"#;
    let path = std::env::temp_dir().join(format!("clove-heap-limit-{}.lisp", std::process::id()));
    std::fs::write(&path, script).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_clove")).args(["--dynamic-space-size", "200"]).arg(&path).output().unwrap();
    let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert_eq!(out.status.code(), Some(1), "{stdout}{stderr}");
    assert!(stdout.contains("caught: Heap exhausted:") && stdout.contains("the limit is 200 MB"), "{stdout}");
    assert!(stdout.contains("still running"), "{stdout}");
    assert!(stderr.contains("Unhandled CLOVE-SYSTEM::SIMPLE-STORAGE-CONDITION:\n  Heap exhausted"), "{stderr}");
}
