//! The collector runs while Lisp code runs: allocating 100 million conses
//! with about 1 MB kept live stays in bounded memory.

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
