//! Tests of the numeric tower: every primitive against SBCL's results,
//! plus the Rust API other modules call.

mod api;
mod harness;
mod sbcl_cases;

use harness::{eval_str, with_cx};

#[test]
fn primitives_match_sbcl() {
    let failures: Vec<String> = with_cx(|cx| {
        sbcl_cases::CASES
            .iter()
            .filter_map(|&(form, expected)| {
                let got = eval_str(cx, form);
                (!same(expected, &got)).then(|| format!("{form}\n    expected {expected}\n    got      {got}"))
            })
            .collect()
    });
    assert!(failures.is_empty(), "{} mismatches:\n{}", failures.len(), failures.join("\n"));
}

/// Equal printed results, allowing floats to differ in the last digits:
/// SBCL computes some single-float complex functions in single precision
/// while clove rounds a double-precision result, so they may differ by an ulp.
fn same(expected: &str, got: &str) -> bool {
    if expected == got {
        return true;
    }
    let tokens = |s: &str| s.replace("#C(", " ").replace(')', " ").split_whitespace().map(String::from).collect::<Vec<_>>();
    let (e, g) = (tokens(expected), tokens(got));
    // Singles are compared after reading them back as f32 (SBCL prints
    // denormals with more digits than needed).
    let float = |t: &str| {
        let double = t.contains('d');
        let v = if double { t.replace('d', "e").parse::<f64>().ok() } else { t.parse::<f32>().ok().map(f64::from) };
        v.filter(|_| t.contains('.')).map(|v| (v, double))
    };
    e.len() == g.len()
        && e.iter().zip(&g).all(|(a, b)| {
            a == b
                || match (float(a), float(b)) {
                    (Some((x, dx)), Some((y, dy))) => {
                        let tolerance = if dx { 4e-16 } else { 2.5e-7 };
                        dx == dy && (x == y || (x - y).abs() <= tolerance * x.abs().max(y.abs()))
                    }
                    _ => false,
                }
        })
}
