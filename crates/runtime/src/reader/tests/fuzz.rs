//! Property test: thousands of random strings and random mutations of
//! valid Lisp text are read (normally and with *read-suppress*); the
//! reader may signal errors but must never panic.

use super::with;
use super::Must;
use crate::reader::read_from_str;

/// A small deterministic PRNG (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const ALPHABET: &[char] = &[
    '(', ')', '(', ')', '\'', '`', ',', '@', '#', '#', '|', '\\', '"', ';', '.', ' ', '\n', '\t', 'a', 'b', 'x', 'X',
    'o', 'r', 'R', '*', '=', 'c', 'C', 'A', 'e', 'd', 'f', '+', '-', '/', ':', '0', '1', '2', '3', '9', 'λ', '\u{7f}',
    '\u{8}', '<', '{', '\0',
];

const CORPUS: &[&str] = &[
    "(defun foo (x &optional (y 2)) \"doc\" (let ((z (* x y))) (list z 'z #'car)))",
    "`(a ,b ,@(c d) ,.e . ,f) ``(x ,,y ,@',z) `#(1 ,x ,@y)",
    "#1=(a #2=#(b #1# #2#) . #1#) #c(1 2) #c(1.5 -2d0) #2A((1 2) (3 4)) #0A5 #*10110 #5*1",
    "#+(and clove (not nope)) (yes) #-clove (no) #+(or) skipped #|nested #| comment |# here|#",
    "(cl:car cl-user::x :key #:unint |Mixed Case| a\\ b \"str\\\"ing\" #\\Space #\\u+41 #\\a)",
    "(1 -2 +3 4. 1/2 -3/4 1.5 .5 -1.5e10 1d0 2f-3 123456789012345678901234567890 #x-FF #b101 #o17 #36rZZ)",
    "(a . b) (a b . c) ((())) #() #(a (b) #(c)) '(quote x) #'(lambda (x) x) #.(+ 1 2)",
    "; comment\n(progn\n  (setf (gethash k h) v) ; trailing\n  (values))",
];

fn random_text(rng: &mut Rng) -> String {
    let len = rng.below(48);
    (0..len)
        .map(|_| {
            if rng.below(20) == 0 {
                char::from_u32(rng.below(0x3000) as u32).unwrap_or('?')
            } else {
                ALPHABET[rng.below(ALPHABET.len())]
            }
        })
        .collect()
}

fn mutate(rng: &mut Rng, text: &str) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for _ in 0..1 + rng.below(4) {
        let len = chars.len();
        let at = rng.below(len + 1);
        match rng.below(5) {
            0 if at < len => {
                let end = (at + 1 + rng.below(8)).min(len);
                chars.drain(at..end);
            }
            1 => chars.insert(at, ALPHABET[rng.below(ALPHABET.len())]),
            2 if at < len => chars[at] = ALPHABET[rng.below(ALPHABET.len())],
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

fn exercise(texts: impl Iterator<Item = String>) {
    let texts: Vec<String> = texts.collect();
    for chunk in texts.chunks(500) {
        with(|cx| {
            for (i, text) in chunk.iter().enumerate() {
                let suppress = if i % 3 == 0 { cx.g.t } else { crate::heap::Value::Nil };
                cx.g.s.read_suppress.set(cx.mc, suppress);
                let _ = read_from_str(cx, text);
            }
        });
    }
}

#[test]
fn random_strings_never_panic() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    exercise((0..12_000).map(|_| random_text(&mut rng)));
}

#[test]
fn mutated_lisp_never_panics() {
    let mut rng = Rng(0xD1B5_4A32_D192_ED03);
    exercise((0..12_000).map(|i| mutate(&mut rng, CORPUS[i % CORPUS.len()])));
}

#[test]
fn corpus_reads() {
    with(|cx| {
        let eval = cx.g.s.read_eval;
        eval.set(cx.mc, crate::heap::Value::Nil);
        for text in CORPUS {
            let r = read_from_str(cx, text);
            let ok = r.is_ok() || text.contains("#.");
            assert!(ok, "{text}: {}", super::describe(cx, &r.err().must()));
        }
    });
}
