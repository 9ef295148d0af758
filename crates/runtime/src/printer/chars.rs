//! Printed forms of characters (`#\a`, `#\Space`, SBCL's names for control
//! characters) and strings (CLHS 22.1.3.2, 22.1.3.4).

/// SBCL's names for the ASCII control characters 0..=31.
pub const CONTROL_NAMES: [&str; 32] = [
    "Nul", "Soh", "Stx", "Etx", "Eot", "Enq", "Ack", "Bel", "Backspace", "Tab", "Newline", "Vt", "Page", "Return", "So",
    "Si", "Dle", "Dc1", "Dc2", "Dc3", "Dc4", "Nak", "Syn", "Etb", "Can", "Em", "Sub", "Esc", "Fs", "Gs", "Rs", "Us",
];

/// The name `#\` uses for `c`, when it is not printed as itself.
pub fn char_name(c: char) -> Option<String> {
    let code = c as u32;
    match code {
        0..=31 => Some(CONTROL_NAMES[code as usize].to_string()),
        32 => Some("Space".to_string()),
        127 => Some("Rubout".to_string()),
        _ if c.is_control() => Some(format!("U{code:04X}")),
        _ => None,
    }
}

/// Writes a character: `#\x` or `#\Name` when escaping, else the character.
pub fn write_char(out: &mut String, c: char, escape: bool) {
    if !escape {
        out.push(c);
        return;
    }
    out.push_str("#\\");
    match char_name(c) {
        Some(name) => out.push_str(&name),
        None => out.push(c),
    }
}

/// Writes a string, between double quotes with `"` and `\` escaped when escaping.
pub fn write_string(out: &mut String, chars: impl Iterator<Item = char>, escape: bool) {
    if !escape {
        out.extend(chars);
        return;
    }
    out.push('"');
    for c in chars {
        if c == '"' || c == '\\' {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
}
