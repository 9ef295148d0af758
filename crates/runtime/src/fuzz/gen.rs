//! Inputs for the fuzz targets: a small deterministic PRNG, random and
//! mutated Lisp text, random forms built from the special operators,
//! macros and safe functions, and byte mutations of files.

/// xorshift64*: deterministic, so a run is reproduced from its seed.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const ALPHABET: &[char] = &[
    '(', ')', '(', ')', '\'', '`', ',', '@', '#', '#', '|', '\\', '"', ';', '.', ' ', '\n', '\t', 'a', 'b', 'x', 'X',
    'o', 'r', 'R', '*', '=', 'c', 'C', 'A', 'e', 'd', 'f', '+', '-', '/', ':', '0', '1', '2', '3', '9', 'λ', '\u{7f}',
    '\u{8}', '<', '{', '\0',
];

/// Valid Lisp text exercising most of the reader, for mutation.
pub const CORPUS: &[&str] = &[
    "(defun foo (x &optional (y 2)) \"doc\" (let ((z (* x y))) (list z 'z #'car)))",
    "`(a ,b ,@(c d) ,.e . ,f) ``(x ,,y ,@',z) `#(1 ,x ,@y)",
    "#1=(a #2=#(b #1# #2#) . #1#) #c(1 2) #c(1.5 -2d0) #2A((1 2) (3 4)) #0A5 #*10110 #5*1",
    "#+(and clove (not nope)) (yes) #-clove (no) #+(or) skipped #|nested #| comment |# here|#",
    "(cl:car cl-user::x :key #:unint |Mixed Case| a\\ b \"str\\\"ing\" #\\Space #\\u+41 #\\a)",
    "(1 -2 +3 4. 1/2 -3/4 1.5 .5 -1.5e10 1d0 2f-3 123456789012345678901234567890 #x-FF #b101 #o17 #36rZZ)",
    "(a . b) (a b . c) ((())) #() #(a (b) #(c)) '(quote x) #'(lambda (x) x) #.(+ 1 2)",
    "; comment\n(progn\n  (setf (gethash k h) v) ; trailing\n  (values))",
];

/// Up to 48 characters, mostly ones with syntax.
pub fn random_text(rng: &mut Rng) -> String {
    let len = rng.below(48);
    (0..len)
        .map(|_| {
            if rng.below(20) == 0 {
                char::from_u32(rng.below(0x3000) as u32).unwrap_or('?')
            } else {
                *rng.pick(ALPHABET)
            }
        })
        .collect()
}

/// `text` with a few characters deleted, inserted, replaced or copied.
pub fn mutate_text(rng: &mut Rng, text: &str) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for _ in 0..1 + rng.below(4) {
        let len = chars.len();
        let at = rng.below(len + 1);
        match rng.below(5) {
            0 if at < len => {
                let end = (at + 1 + rng.below(8)).min(len);
                chars.drain(at..end);
            }
            1 => chars.insert(at, *rng.pick(ALPHABET)),
            2 if at < len => chars[at] = *rng.pick(ALPHABET),
            3 if at < len => {
                let end = (at + 1 + rng.below(12)).min(len);
                let piece: Vec<char> = chars[at..end].to_vec();
                let to = rng.below(chars.len() + 1);
                chars.splice(to..to, piece);
            }
            _ => chars.truncate(at),
        }
    }
    chars.into_iter().collect()
}

/// Operators of random forms, each with how many argument forms it takes
/// at least; the shape of special forms' syntax is sometimes kept and
/// sometimes broken.
const OPERATORS: &[&str] = &[
    "progn", "if", "let", "let*", "flet", "labels", "macrolet", "symbol-macrolet", "block", "return-from", "tagbody", "go",
    "catch", "throw", "unwind-protect", "setq", "function", "lambda", "quote", "multiple-value-call",
    "multiple-value-prog1", "the", "locally", "eval-when", "load-time-value", "progv", "when", "unless", "cond", "and", "or",
    "case", "dolist", "dotimes", "do", "push", "incf", "setf", "multiple-value-bind", "destructuring-bind", "handler-case",
    "ignore-errors", "loop", "+", "-", "*", "car", "cdr", "cons", "list", "values", "funcall", "apply", "length", "reverse",
    "append", "eq", "eql", "equal", "1+", "1-", "vector", "aref", "not", "null", "<", "=", "max", "mapcar", "format",
    "declare", "error", "signal", "identity", "list*", "nth", "gethash", "make-hash-table", "coerce", "typep",
];

const ATOMS: &[&str] = &[
    "x", "y", "z", "f", "g", "a", "b", "nil", "t", "0", "1", "-1", "2", "42", "1.5", "1/2", "#\\a", "\"s\"", ":k", "'x",
    "'(1 2)", "#(1 2)", "&optional", "&rest", "&key", "&body", "most-positive-fixnum", "(x)", "()", "*print-base*",
    "#'car", "#'+", "nil", "'x", "m", "mm", "(declare (ignorable x))", "(declare (special x))", "(:compile-toplevel)",
];

/// Names of the local macros random forms define, expanding to forms that
/// do not use these names (a macro expanding to itself forever is another
/// fuzz target's matter: the compiler's expansion guard).
const MACROS: &[&str] = &["m", "mm"];

/// A random form of depth at most `depth`, as text.
pub fn random_form(rng: &mut Rng, depth: usize) -> String {
    form(rng, depth, true)
}

/// A random form; calls to the local macros only when `macros`.
fn form(rng: &mut Rng, depth: usize, macros: bool) -> String {
    if depth == 0 || rng.below(4) == 0 {
        return rng.pick(ATOMS).to_string();
    }
    let op = if macros && rng.below(12) == 0 { *rng.pick(MACROS) } else { *rng.pick(OPERATORS) };
    let mut out = format!("({op}");
    match op {
        "macrolet" => {
            let name = rng.pick(MACROS);
            let body = form(rng, depth - 1, false);
            out.push_str(&format!(" (({name} (&optional a) (list 'progn a '{body})))"));
        }
        // `compile` evaluates it at once, in a nested run that the fuzzer's
        // step bound does not cover (an endless loop there is a hang, as
        // in SBCL): give it a constant.
        "load-time-value" => {
            out.push(' ');
            out.push_str(*rng.pick(ATOMS));
        }
        "let" | "let*" | "flet" | "labels" if rng.below(3) > 0 => {
            let var = rng.pick(&["x", "y", "f", "g"]);
            let init = form(rng, depth - 1, macros);
            if op == "flet" || op == "labels" {
                out.push_str(&format!(" (({var} (x) {init}))"));
            } else {
                out.push_str(&format!(" (({var} {init}))"));
            }
        }
        _ => {}
    }
    for _ in 0..rng.below(4) {
        out.push(' ');
        out.push_str(&form(rng, depth - 1, macros));
    }
    out.push(')');
    out
}

/// `bytes` with a few bytes changed, inserted, deleted or cut, keeping
/// `keep` leading bytes (a header) unchanged.
pub fn mutate_bytes(rng: &mut Rng, bytes: &[u8], keep: usize) -> Vec<u8> {
    let mut b = bytes.to_vec();
    const INTERESTING: &[u8] = &[0, 1, 2, 3, 0x7f, 0x80, 0xff, 0xfe, 9, 10];
    for _ in 0..1 + rng.below(4) {
        if b.len() <= keep {
            break;
        }
        let at = keep + rng.below(b.len() - keep);
        match rng.below(6) {
            0 => b[at] ^= 1 << rng.below(8),
            1 => b[at] = *rng.pick(INTERESTING),
            2 => b[at] = rng.next() as u8,
            3 => b.insert(at, rng.next() as u8),
            4 => {
                b.remove(at);
            }
            _ if rng.below(4) == 0 => b.truncate(at),
            _ => b[at] = b[at].wrapping_add(1),
        }
    }
    b
}
