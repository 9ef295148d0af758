//! Character names for `#\`: the standard and semi-standard names (CLHS
//! 13.1.7) and SBCL's `U+XXXX` / `uXXXX` code point syntax.

/// Names accepted on input (compared case-insensitively), with their character.
const NAMES: &[(&str, char)] = &[
    ("Space", ' '),
    ("Newline", '\n'),
    ("Linefeed", '\n'),
    ("Tab", '\t'),
    ("Page", '\x0c'),
    ("Return", '\r'),
    ("Backspace", '\x08'),
    ("Rubout", '\x7f'),
    ("Del", '\x7f'),
    ("Delete", '\x7f'),
    ("Nul", '\0'),
    ("Null", '\0'),
    ("Escape", '\x1b'),
    ("Esc", '\x1b'),
    ("Bel", '\x07'),
    ("Bell", '\x07'),
];

/// The character a name (longer than one character) stands for.
pub fn char_from_name(name: &str) -> Option<char> {
    if let Some((_, c)) = NAMES.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)) {
        return Some(*c);
    }
    // The names the printer gives control characters (Soh, Stx, Vt...).
    if let Some(code) = crate::printer::CONTROL_NAMES.iter().position(|n| n.eq_ignore_ascii_case(name)) {
        return char::from_u32(code as u32);
    }
    let hex = name.strip_prefix(['u', 'U'])?;
    let hex = hex.strip_prefix('+').unwrap_or(hex);
    if hex.is_empty() || hex.len() > 8 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    u32::from_str_radix(hex, 16).ok().and_then(char::from_u32)
}
