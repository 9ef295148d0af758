//! Unicode character properties for chapter 13: SBCL-style simple case
//! pairs, letters, decimal digits and character names. The letter and
//! digit tables are generated from the Unicode general categories.

/// The single character an iterator yields, if it yields exactly one.
fn single(mut it: impl Iterator<Item = char>) -> Option<char> {
    let c = it.next()?;
    if it.next().is_some() {
        None
    } else {
        Some(c)
    }
}

/// The upper and lower case of a titlecase character (like U+01C5 `ǅ`).
fn title_pair(c: char) -> Option<(char, char)> {
    let u = single(c.to_uppercase())?;
    let l = single(c.to_lowercase())?;
    let pair = u != c && l != c && single(l.to_uppercase()) == Some(u) && single(u.to_lowercase()) == Some(l);
    pair.then_some((u, l))
}

/// `char-upcase`: only one-to-one mappings that round-trip, as in SBCL.
pub fn upcase(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_uppercase();
    }
    if let Some((u, _)) = title_pair(c) {
        return u;
    }
    match single(c.to_uppercase()) {
        Some(u) if u != c && single(u.to_lowercase()) == Some(c) => u,
        _ => c,
    }
}

/// `char-downcase`: the inverse of `upcase` on case pairs.
pub fn downcase(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    if let Some((_, l)) = title_pair(c) {
        return l;
    }
    match single(c.to_lowercase()) {
        Some(l) if l != c && single(l.to_uppercase()) == Some(c) => l,
        _ => c,
    }
}

pub fn is_upper(c: char) -> bool {
    downcase(c) != c && upcase(c) == c
}

pub fn is_lower(c: char) -> bool {
    upcase(c) != c && downcase(c) == c
}

/// `both-case-p`: true for both members of a case pair and for titlecase letters.
pub fn both_case(c: char) -> bool {
    upcase(c) != c || downcase(c) != c
}

/// The case-insensitive identity of a character (`char-equal`, `equalp`).
pub fn fold(c: char) -> char {
    downcase(upcase(c))
}

/// `alpha-char-p`: letters (general category L*), and every cased character.
pub fn is_alpha(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    let code = c as u32;
    let i = LETTERS.partition_point(|&(_, hi)| hi < code);
    LETTERS.get(i).is_some_and(|&(lo, _)| lo <= code) || both_case(c)
}

/// The value of a decimal digit of any script (general category Nd).
pub fn decimal_value(c: char) -> Option<u32> {
    let code = c as u32;
    let i = DIGIT_ZEROS.partition_point(|&z| z <= code);
    let zero = *DIGIT_ZEROS.get(i.checked_sub(1)?)?;
    (code - zero < 10).then_some(code - zero)
}

/// `digit-char-p`: decimal digits of any script, then ASCII letters for radix > 10.
pub fn digit_weight(c: char, radix: u32) -> Option<u32> {
    let w = match decimal_value(c) {
        Some(w) => w,
        None if c.is_ascii_alphabetic() => c.to_ascii_uppercase() as u32 - 'A' as u32 + 10,
        None => return None,
    };
    (w < radix).then_some(w)
}

pub fn is_alphanumeric(c: char) -> bool {
    is_alpha(c) || decimal_value(c).is_some()
}

/// `graphic-char-p`: everything but the C0 and C1 controls and Rubout.
pub fn is_graphic(c: char) -> bool {
    let n = c as u32;
    (32..127).contains(&n) || n > 159
}

/// The 96 standard characters: the printable ASCII ones and Newline.
pub fn is_standard(c: char) -> bool {
    let n = c as u32;
    (32..127).contains(&n) || c == '\n'
}

/// Names of the characters below 33 and from 127 to 160, as SBCL prints them.
#[rustfmt::skip]
static CONTROL_NAMES: &[(u32, &str)] = &[
    (0, "Nul"), (1, "Soh"), (2, "Stx"), (3, "Etx"), (4, "Eot"), (5, "Enq"), (6, "Ack"), (7, "Bel"),
    (8, "Backspace"), (9, "Tab"), (10, "Newline"), (11, "Vt"), (12, "Page"), (13, "Return"), (14, "So"),
    (15, "Si"), (16, "Dle"), (17, "Dc1"), (18, "Dc2"), (19, "Dc3"), (20, "Dc4"), (21, "Nak"), (22, "Syn"),
    (23, "Etb"), (24, "Can"), (25, "Em"), (26, "Sub"), (27, "Esc"), (28, "Fs"), (29, "Gs"), (30, "Rs"),
    (31, "Us"), (32, "Space"), (127, "Rubout"), (128, "C80"), (129, "C81"), (130, "Break-Permitted"),
    (131, "No-Break-Permitted"), (132, "C84"), (133, "Next-Line"), (134, "Start-Selected-Area"),
    (135, "End-Selected-Area"), (136, "Character-Tabulation-Set"),
    (137, "Character-Tabulation-With-Justification"), (138, "Line-Tabulation-Set"),
    (139, "Partial-Line-Forward"), (140, "Partial-Line-Backward"), (141, "Reverse-Linefeed"),
    (142, "Single-Shift-Two"), (143, "Single-Shift-Three"), (144, "Device-Control-String"),
    (145, "Private-Use-One"), (146, "Private-Use-Two"), (147, "Set-Transmit-State"),
    (148, "Cancel-Character"), (149, "Message-Waiting"), (150, "Start-Guarded-Area"),
    (151, "End-Guarded-Area"), (152, "Start-String"), (153, "C99"), (154, "Single-Character-Introducer"),
    (155, "Control-Sequence-Introducer"), (156, "String-Terminator"), (157, "Operating-System-Command"),
    (158, "Privacy-Message"), (159, "Application-Program-Command"), (160, "NO-BREAK_SPACE"),
];

/// Other names `name-char` accepts.
#[rustfmt::skip]
static NAME_ALIASES: &[(&str, u32)] = &[
    ("Null", 0), ("Bs", 8), ("Ht", 9), ("Linefeed", 10), ("Lf", 10), ("Nl", 10), ("Form", 12),
    ("Formfeed", 12), ("Ff", 12), ("Np", 12), ("Cr", 13), ("Escape", 27), ("Altmode", 27), ("Alt", 27),
    ("Sp", 32), ("Delete", 127), ("Del", 127),
];

/// `char-name`: SBCL's names for controls and Latin-1, `U` and the hex
/// code for every other character.
pub fn char_name(c: char) -> String {
    let code = c as u32;
    let table = if code <= 32 || (127..=160).contains(&code) { CONTROL_NAMES } else { LATIN1_NAMES };
    match table.iter().find(|&&(k, _)| k == code) {
        Some(&(_, name)) => name.to_string(),
        None => format!("U{code:X}"),
    }
}

/// `name-char`: the character a name denotes, ignoring case.
pub fn name_char(name: &str) -> Option<char> {
    let code =
        if let Some(&(k, _)) = CONTROL_NAMES.iter().chain(LATIN1_NAMES).find(|(_, n)| n.eq_ignore_ascii_case(name)) {
            k
        } else if let Some(&(_, k)) = NAME_ALIASES.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)) {
            k
        } else {
            caret_code(name).or_else(|| hex_code(name))?
        };
    char::from_u32(code)
}

/// Caret notation for the C0 controls: `^@`, `^A`..`^Z`, `^[`, `^\`, `^]`, `^^`, `^_`.
fn caret_code(name: &str) -> Option<u32> {
    let mut it = name.chars();
    match (it.next(), it.next(), it.next()) {
        (Some('^'), Some(c), None) => {
            let c = c.to_ascii_uppercase() as u32;
            (64..96).contains(&c).then(|| c - 64)
        }
        _ => None,
    }
}

/// `U+41`, `u41`: a code point in hex.
fn hex_code(name: &str) -> Option<u32> {
    let rest = name.strip_prefix(['U', 'u'])?;
    let digits = rest.strip_prefix('+').unwrap_or(rest);
    if digits.is_empty() || digits.len() > 6 || !digits.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    u32::from_str_radix(digits, 16).ok()
}

/// Letters (general categories Lu, Ll, Lt, Lm, Lo) as inclusive code ranges.
#[rustfmt::skip]
pub static LETTERS: &[(u32, u32)] = &[
    (0x41, 0x5A), (0x61, 0x7A), (0xAA, 0xAA), (0xB5, 0xB5), (0xBA, 0xBA), (0xC0, 0xD6),
    (0xD8, 0xF6), (0xF8, 0x2C1), (0x2C6, 0x2D1), (0x2E0, 0x2E4), (0x2EC, 0x2EC), (0x2EE, 0x2EE),
    (0x370, 0x374), (0x376, 0x377), (0x37A, 0x37D), (0x37F, 0x37F), (0x386, 0x386), (0x388, 0x38A),
    (0x38C, 0x38C), (0x38E, 0x3A1), (0x3A3, 0x3F5), (0x3F7, 0x481), (0x48A, 0x52F), (0x531, 0x556),
    (0x559, 0x559), (0x561, 0x587), (0x5D0, 0x5EA), (0x5F0, 0x5F2), (0x620, 0x64A), (0x66E, 0x66F),
    (0x671, 0x6D3), (0x6D5, 0x6D5), (0x6E5, 0x6E6), (0x6EE, 0x6EF), (0x6FA, 0x6FC), (0x6FF, 0x6FF),
    (0x710, 0x710), (0x712, 0x72F), (0x74D, 0x7A5), (0x7B1, 0x7B1), (0x7CA, 0x7EA), (0x7F4, 0x7F5),
    (0x7FA, 0x7FA), (0x800, 0x815), (0x81A, 0x81A), (0x824, 0x824), (0x828, 0x828), (0x840, 0x858),
    (0x860, 0x86A), (0x8A0, 0x8B4), (0x8B6, 0x8BD), (0x904, 0x939), (0x93D, 0x93D), (0x950, 0x950),
    (0x958, 0x961), (0x971, 0x980), (0x985, 0x98C), (0x98F, 0x990), (0x993, 0x9A8), (0x9AA, 0x9B0),
    (0x9B2, 0x9B2), (0x9B6, 0x9B9), (0x9BD, 0x9BD), (0x9CE, 0x9CE), (0x9DC, 0x9DD), (0x9DF, 0x9E1),
    (0x9F0, 0x9F1), (0x9FC, 0x9FC), (0xA05, 0xA0A), (0xA0F, 0xA10), (0xA13, 0xA28), (0xA2A, 0xA30),
    (0xA32, 0xA33), (0xA35, 0xA36), (0xA38, 0xA39), (0xA59, 0xA5C), (0xA5E, 0xA5E), (0xA72, 0xA74),
    (0xA85, 0xA8D), (0xA8F, 0xA91), (0xA93, 0xAA8), (0xAAA, 0xAB0), (0xAB2, 0xAB3), (0xAB5, 0xAB9),
    (0xABD, 0xABD), (0xAD0, 0xAD0), (0xAE0, 0xAE1), (0xAF9, 0xAF9), (0xB05, 0xB0C), (0xB0F, 0xB10),
    (0xB13, 0xB28), (0xB2A, 0xB30), (0xB32, 0xB33), (0xB35, 0xB39), (0xB3D, 0xB3D), (0xB5C, 0xB5D),
    (0xB5F, 0xB61), (0xB71, 0xB71), (0xB83, 0xB83), (0xB85, 0xB8A), (0xB8E, 0xB90), (0xB92, 0xB95),
    (0xB99, 0xB9A), (0xB9C, 0xB9C), (0xB9E, 0xB9F), (0xBA3, 0xBA4), (0xBA8, 0xBAA), (0xBAE, 0xBB9),
    (0xBD0, 0xBD0), (0xC05, 0xC0C), (0xC0E, 0xC10), (0xC12, 0xC28), (0xC2A, 0xC39), (0xC3D, 0xC3D),
    (0xC58, 0xC5A), (0xC60, 0xC61), (0xC80, 0xC80), (0xC85, 0xC8C), (0xC8E, 0xC90), (0xC92, 0xCA8),
    (0xCAA, 0xCB3), (0xCB5, 0xCB9), (0xCBD, 0xCBD), (0xCDE, 0xCDE), (0xCE0, 0xCE1), (0xCF1, 0xCF2),
    (0xD05, 0xD0C), (0xD0E, 0xD10), (0xD12, 0xD3A), (0xD3D, 0xD3D), (0xD4E, 0xD4E), (0xD54, 0xD56),
    (0xD5F, 0xD61), (0xD7A, 0xD7F), (0xD85, 0xD96), (0xD9A, 0xDB1), (0xDB3, 0xDBB), (0xDBD, 0xDBD),
    (0xDC0, 0xDC6), (0xE01, 0xE30), (0xE32, 0xE33), (0xE40, 0xE46), (0xE81, 0xE82), (0xE84, 0xE84),
    (0xE87, 0xE88), (0xE8A, 0xE8A), (0xE8D, 0xE8D), (0xE94, 0xE97), (0xE99, 0xE9F), (0xEA1, 0xEA3),
    (0xEA5, 0xEA5), (0xEA7, 0xEA7), (0xEAA, 0xEAB), (0xEAD, 0xEB0), (0xEB2, 0xEB3), (0xEBD, 0xEBD),
    (0xEC0, 0xEC4), (0xEC6, 0xEC6), (0xEDC, 0xEDF), (0xF00, 0xF00), (0xF40, 0xF47), (0xF49, 0xF6C),
    (0xF88, 0xF8C), (0x1000, 0x102A), (0x103F, 0x103F), (0x1050, 0x1055), (0x105A, 0x105D), (0x1061, 0x1061),
    (0x1065, 0x1066), (0x106E, 0x1070), (0x1075, 0x1081), (0x108E, 0x108E), (0x10A0, 0x10C5), (0x10C7, 0x10C7),
    (0x10CD, 0x10CD), (0x10D0, 0x10FA), (0x10FC, 0x1248), (0x124A, 0x124D), (0x1250, 0x1256), (0x1258, 0x1258),
    (0x125A, 0x125D), (0x1260, 0x1288), (0x128A, 0x128D), (0x1290, 0x12B0), (0x12B2, 0x12B5), (0x12B8, 0x12BE),
    (0x12C0, 0x12C0), (0x12C2, 0x12C5), (0x12C8, 0x12D6), (0x12D8, 0x1310), (0x1312, 0x1315), (0x1318, 0x135A),
    (0x1380, 0x138F), (0x13A0, 0x13F5), (0x13F8, 0x13FD), (0x1401, 0x166C), (0x166F, 0x167F), (0x1681, 0x169A),
    (0x16A0, 0x16EA), (0x16F1, 0x16F8), (0x1700, 0x170C), (0x170E, 0x1711), (0x1720, 0x1731), (0x1740, 0x1751),
    (0x1760, 0x176C), (0x176E, 0x1770), (0x1780, 0x17B3), (0x17D7, 0x17D7), (0x17DC, 0x17DC), (0x1820, 0x1877),
    (0x1880, 0x1884), (0x1887, 0x18A8), (0x18AA, 0x18AA), (0x18B0, 0x18F5), (0x1900, 0x191E), (0x1950, 0x196D),
    (0x1970, 0x1974), (0x1980, 0x19AB), (0x19B0, 0x19C9), (0x1A00, 0x1A16), (0x1A20, 0x1A54), (0x1AA7, 0x1AA7),
    (0x1B05, 0x1B33), (0x1B45, 0x1B4B), (0x1B83, 0x1BA0), (0x1BAE, 0x1BAF), (0x1BBA, 0x1BE5), (0x1C00, 0x1C23),
    (0x1C4D, 0x1C4F), (0x1C5A, 0x1C7D), (0x1C80, 0x1C88), (0x1CE9, 0x1CEC), (0x1CEE, 0x1CF1), (0x1CF5, 0x1CF6),
    (0x1D00, 0x1DBF), (0x1E00, 0x1F15), (0x1F18, 0x1F1D), (0x1F20, 0x1F45), (0x1F48, 0x1F4D), (0x1F50, 0x1F57),
    (0x1F59, 0x1F59), (0x1F5B, 0x1F5B), (0x1F5D, 0x1F5D), (0x1F5F, 0x1F7D), (0x1F80, 0x1FB4), (0x1FB6, 0x1FBC),
    (0x1FBE, 0x1FBE), (0x1FC2, 0x1FC4), (0x1FC6, 0x1FCC), (0x1FD0, 0x1FD3), (0x1FD6, 0x1FDB), (0x1FE0, 0x1FEC),
    (0x1FF2, 0x1FF4), (0x1FF6, 0x1FFC), (0x2071, 0x2071), (0x207F, 0x207F), (0x2090, 0x209C), (0x2102, 0x2102),
    (0x2107, 0x2107), (0x210A, 0x2113), (0x2115, 0x2115), (0x2119, 0x211D), (0x2124, 0x2124), (0x2126, 0x2126),
    (0x2128, 0x2128), (0x212A, 0x212D), (0x212F, 0x2139), (0x213C, 0x213F), (0x2145, 0x2149), (0x214E, 0x214E),
    (0x2183, 0x2184), (0x2C00, 0x2C2E), (0x2C30, 0x2C5E), (0x2C60, 0x2CE4), (0x2CEB, 0x2CEE), (0x2CF2, 0x2CF3),
    (0x2D00, 0x2D25), (0x2D27, 0x2D27), (0x2D2D, 0x2D2D), (0x2D30, 0x2D67), (0x2D6F, 0x2D6F), (0x2D80, 0x2D96),
    (0x2DA0, 0x2DA6), (0x2DA8, 0x2DAE), (0x2DB0, 0x2DB6), (0x2DB8, 0x2DBE), (0x2DC0, 0x2DC6), (0x2DC8, 0x2DCE),
    (0x2DD0, 0x2DD6), (0x2DD8, 0x2DDE), (0x2E2F, 0x2E2F), (0x3005, 0x3006), (0x3031, 0x3035), (0x303B, 0x303C),
    (0x3041, 0x3096), (0x309D, 0x309F), (0x30A1, 0x30FA), (0x30FC, 0x30FF), (0x3105, 0x312E), (0x3131, 0x318E),
    (0x31A0, 0x31BA), (0x31F0, 0x31FF), (0x3400, 0x4DB5), (0x4E00, 0x9FEA), (0xA000, 0xA48C), (0xA4D0, 0xA4FD),
    (0xA500, 0xA60C), (0xA610, 0xA61F), (0xA62A, 0xA62B), (0xA640, 0xA66E), (0xA67F, 0xA69D), (0xA6A0, 0xA6E5),
    (0xA717, 0xA71F), (0xA722, 0xA788), (0xA78B, 0xA7AE), (0xA7B0, 0xA7B7), (0xA7F7, 0xA801), (0xA803, 0xA805),
    (0xA807, 0xA80A), (0xA80C, 0xA822), (0xA840, 0xA873), (0xA882, 0xA8B3), (0xA8F2, 0xA8F7), (0xA8FB, 0xA8FB),
    (0xA8FD, 0xA8FD), (0xA90A, 0xA925), (0xA930, 0xA946), (0xA960, 0xA97C), (0xA984, 0xA9B2), (0xA9CF, 0xA9CF),
    (0xA9E0, 0xA9E4), (0xA9E6, 0xA9EF), (0xA9FA, 0xA9FE), (0xAA00, 0xAA28), (0xAA40, 0xAA42), (0xAA44, 0xAA4B),
    (0xAA60, 0xAA76), (0xAA7A, 0xAA7A), (0xAA7E, 0xAAAF), (0xAAB1, 0xAAB1), (0xAAB5, 0xAAB6), (0xAAB9, 0xAABD),
    (0xAAC0, 0xAAC0), (0xAAC2, 0xAAC2), (0xAADB, 0xAADD), (0xAAE0, 0xAAEA), (0xAAF2, 0xAAF4), (0xAB01, 0xAB06),
    (0xAB09, 0xAB0E), (0xAB11, 0xAB16), (0xAB20, 0xAB26), (0xAB28, 0xAB2E), (0xAB30, 0xAB5A), (0xAB5C, 0xAB65),
    (0xAB70, 0xABE2), (0xAC00, 0xD7A3), (0xD7B0, 0xD7C6), (0xD7CB, 0xD7FB), (0xF900, 0xFA6D), (0xFA70, 0xFAD9),
    (0xFB00, 0xFB06), (0xFB13, 0xFB17), (0xFB1D, 0xFB1D), (0xFB1F, 0xFB28), (0xFB2A, 0xFB36), (0xFB38, 0xFB3C),
    (0xFB3E, 0xFB3E), (0xFB40, 0xFB41), (0xFB43, 0xFB44), (0xFB46, 0xFBB1), (0xFBD3, 0xFD3D), (0xFD50, 0xFD8F),
    (0xFD92, 0xFDC7), (0xFDF0, 0xFDFB), (0xFE70, 0xFE74), (0xFE76, 0xFEFC), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A),
    (0xFF66, 0xFFBE), (0xFFC2, 0xFFC7), (0xFFCA, 0xFFCF), (0xFFD2, 0xFFD7), (0xFFDA, 0xFFDC), (0x10000, 0x1000B),
    (0x1000D, 0x10026), (0x10028, 0x1003A), (0x1003C, 0x1003D), (0x1003F, 0x1004D), (0x10050, 0x1005D), (0x10080, 0x100FA),
    (0x10280, 0x1029C), (0x102A0, 0x102D0), (0x10300, 0x1031F), (0x1032D, 0x10340), (0x10342, 0x10349), (0x10350, 0x10375),
    (0x10380, 0x1039D), (0x103A0, 0x103C3), (0x103C8, 0x103CF), (0x10400, 0x1049D), (0x104B0, 0x104D3), (0x104D8, 0x104FB),
    (0x10500, 0x10527), (0x10530, 0x10563), (0x10600, 0x10736), (0x10740, 0x10755), (0x10760, 0x10767), (0x10800, 0x10805),
    (0x10808, 0x10808), (0x1080A, 0x10835), (0x10837, 0x10838), (0x1083C, 0x1083C), (0x1083F, 0x10855), (0x10860, 0x10876),
    (0x10880, 0x1089E), (0x108E0, 0x108F2), (0x108F4, 0x108F5), (0x10900, 0x10915), (0x10920, 0x10939), (0x10980, 0x109B7),
    (0x109BE, 0x109BF), (0x10A00, 0x10A00), (0x10A10, 0x10A13), (0x10A15, 0x10A17), (0x10A19, 0x10A33), (0x10A60, 0x10A7C),
    (0x10A80, 0x10A9C), (0x10AC0, 0x10AC7), (0x10AC9, 0x10AE4), (0x10B00, 0x10B35), (0x10B40, 0x10B55), (0x10B60, 0x10B72),
    (0x10B80, 0x10B91), (0x10C00, 0x10C48), (0x10C80, 0x10CB2), (0x10CC0, 0x10CF2), (0x11003, 0x11037), (0x11083, 0x110AF),
    (0x110D0, 0x110E8), (0x11103, 0x11126), (0x11150, 0x11172), (0x11176, 0x11176), (0x11183, 0x111B2), (0x111C1, 0x111C4),
    (0x111DA, 0x111DA), (0x111DC, 0x111DC), (0x11200, 0x11211), (0x11213, 0x1122B), (0x11280, 0x11286), (0x11288, 0x11288),
    (0x1128A, 0x1128D), (0x1128F, 0x1129D), (0x1129F, 0x112A8), (0x112B0, 0x112DE), (0x11305, 0x1130C), (0x1130F, 0x11310),
    (0x11313, 0x11328), (0x1132A, 0x11330), (0x11332, 0x11333), (0x11335, 0x11339), (0x1133D, 0x1133D), (0x11350, 0x11350),
    (0x1135D, 0x11361), (0x11400, 0x11434), (0x11447, 0x1144A), (0x11480, 0x114AF), (0x114C4, 0x114C5), (0x114C7, 0x114C7),
    (0x11580, 0x115AE), (0x115D8, 0x115DB), (0x11600, 0x1162F), (0x11644, 0x11644), (0x11680, 0x116AA), (0x11700, 0x11719),
    (0x118A0, 0x118DF), (0x118FF, 0x118FF), (0x11A00, 0x11A00), (0x11A0B, 0x11A32), (0x11A3A, 0x11A3A), (0x11A50, 0x11A50),
    (0x11A5C, 0x11A83), (0x11A86, 0x11A89), (0x11AC0, 0x11AF8), (0x11C00, 0x11C08), (0x11C0A, 0x11C2E), (0x11C40, 0x11C40),
    (0x11C72, 0x11C8F), (0x11D00, 0x11D06), (0x11D08, 0x11D09), (0x11D0B, 0x11D30), (0x11D46, 0x11D46), (0x12000, 0x12399),
    (0x12480, 0x12543), (0x13000, 0x1342E), (0x14400, 0x14646), (0x16800, 0x16A38), (0x16A40, 0x16A5E), (0x16AD0, 0x16AED),
    (0x16B00, 0x16B2F), (0x16B40, 0x16B43), (0x16B63, 0x16B77), (0x16B7D, 0x16B8F), (0x16F00, 0x16F44), (0x16F50, 0x16F50),
    (0x16F93, 0x16F9F), (0x16FE0, 0x16FE1), (0x17000, 0x187EC), (0x18800, 0x18AF2), (0x1B000, 0x1B11E), (0x1B170, 0x1B2FB),
    (0x1BC00, 0x1BC6A), (0x1BC70, 0x1BC7C), (0x1BC80, 0x1BC88), (0x1BC90, 0x1BC99), (0x1D400, 0x1D454), (0x1D456, 0x1D49C),
    (0x1D49E, 0x1D49F), (0x1D4A2, 0x1D4A2), (0x1D4A5, 0x1D4A6), (0x1D4A9, 0x1D4AC), (0x1D4AE, 0x1D4B9), (0x1D4BB, 0x1D4BB),
    (0x1D4BD, 0x1D4C3), (0x1D4C5, 0x1D505), (0x1D507, 0x1D50A), (0x1D50D, 0x1D514), (0x1D516, 0x1D51C), (0x1D51E, 0x1D539),
    (0x1D53B, 0x1D53E), (0x1D540, 0x1D544), (0x1D546, 0x1D546), (0x1D54A, 0x1D550), (0x1D552, 0x1D6A5), (0x1D6A8, 0x1D6C0),
    (0x1D6C2, 0x1D6DA), (0x1D6DC, 0x1D6FA), (0x1D6FC, 0x1D714), (0x1D716, 0x1D734), (0x1D736, 0x1D74E), (0x1D750, 0x1D76E),
    (0x1D770, 0x1D788), (0x1D78A, 0x1D7A8), (0x1D7AA, 0x1D7C2), (0x1D7C4, 0x1D7CB), (0x1E800, 0x1E8C4), (0x1E900, 0x1E943),
    (0x1EE00, 0x1EE03), (0x1EE05, 0x1EE1F), (0x1EE21, 0x1EE22), (0x1EE24, 0x1EE24), (0x1EE27, 0x1EE27), (0x1EE29, 0x1EE32),
    (0x1EE34, 0x1EE37), (0x1EE39, 0x1EE39), (0x1EE3B, 0x1EE3B), (0x1EE42, 0x1EE42), (0x1EE47, 0x1EE47), (0x1EE49, 0x1EE49),
    (0x1EE4B, 0x1EE4B), (0x1EE4D, 0x1EE4F), (0x1EE51, 0x1EE52), (0x1EE54, 0x1EE54), (0x1EE57, 0x1EE57), (0x1EE59, 0x1EE59),
    (0x1EE5B, 0x1EE5B), (0x1EE5D, 0x1EE5D), (0x1EE5F, 0x1EE5F), (0x1EE61, 0x1EE62), (0x1EE64, 0x1EE64), (0x1EE67, 0x1EE6A),
    (0x1EE6C, 0x1EE72), (0x1EE74, 0x1EE77), (0x1EE79, 0x1EE7C), (0x1EE7E, 0x1EE7E), (0x1EE80, 0x1EE89), (0x1EE8B, 0x1EE9B),
    (0x1EEA1, 0x1EEA3), (0x1EEA5, 0x1EEA9), (0x1EEAB, 0x1EEBB), (0x20000, 0x2A6D6), (0x2A700, 0x2B734), (0x2B740, 0x2B81D),
    (0x2B820, 0x2CEA1), (0x2CEB0, 0x2EBE0), (0x2F800, 0x2FA1D),
];

/// The zero of every run of ten decimal digits (general category Nd).
#[rustfmt::skip]
pub static DIGIT_ZEROS: &[u32] = &[
    0x30, 0x660, 0x6F0, 0x7C0, 0x966, 0x9E6, 0xA66, 0xAE6, 0xB66, 0xBE6,
    0xC66, 0xCE6, 0xD66, 0xDE6, 0xE50, 0xED0, 0xF20, 0x1040, 0x1090, 0x17E0,
    0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90, 0x1B50, 0x1BB0, 0x1C40, 0x1C50, 0xA620,
    0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0, 0xFF10, 0x104A0, 0x11066, 0x110F0,
    0x11136, 0x111D0, 0x112F0, 0x11450, 0x114D0, 0x11650, 0x116C0, 0x11730, 0x118E0, 0x11C50,
    0x11D50, 0x16A60, 0x16B50, 0x1D7CE, 0x1D7D8, 0x1D7E2, 0x1D7EC, 0x1D7F6, 0x1E950,
];

/// Unicode names of the graphic characters below 256 (33..=126, 161..=255).
#[rustfmt::skip]
pub static LATIN1_NAMES: &[(u32, &str)] = &[
    (33, "EXCLAMATION_MARK"), (34, "QUOTATION_MARK"), (35, "NUMBER_SIGN"),
    (36, "DOLLAR_SIGN"), (37, "PERCENT_SIGN"), (38, "AMPERSAND"),
    (39, "APOSTROPHE"), (40, "LEFT_PARENTHESIS"), (41, "RIGHT_PARENTHESIS"),
    (42, "ASTERISK"), (43, "PLUS_SIGN"), (44, "COMMA"),
    (45, "HYPHEN-MINUS"), (46, "FULL_STOP"), (47, "SOLIDUS"),
    (48, "DIGIT_ZERO"), (49, "DIGIT_ONE"), (50, "DIGIT_TWO"),
    (51, "DIGIT_THREE"), (52, "DIGIT_FOUR"), (53, "DIGIT_FIVE"),
    (54, "DIGIT_SIX"), (55, "DIGIT_SEVEN"), (56, "DIGIT_EIGHT"),
    (57, "DIGIT_NINE"), (58, "COLON"), (59, "SEMICOLON"),
    (60, "LESS-THAN_SIGN"), (61, "EQUALS_SIGN"), (62, "GREATER-THAN_SIGN"),
    (63, "QUESTION_MARK"), (64, "COMMERCIAL_AT"), (65, "LATIN_CAPITAL_LETTER_A"),
    (66, "LATIN_CAPITAL_LETTER_B"), (67, "LATIN_CAPITAL_LETTER_C"), (68, "LATIN_CAPITAL_LETTER_D"),
    (69, "LATIN_CAPITAL_LETTER_E"), (70, "LATIN_CAPITAL_LETTER_F"), (71, "LATIN_CAPITAL_LETTER_G"),
    (72, "LATIN_CAPITAL_LETTER_H"), (73, "LATIN_CAPITAL_LETTER_I"), (74, "LATIN_CAPITAL_LETTER_J"),
    (75, "LATIN_CAPITAL_LETTER_K"), (76, "LATIN_CAPITAL_LETTER_L"), (77, "LATIN_CAPITAL_LETTER_M"),
    (78, "LATIN_CAPITAL_LETTER_N"), (79, "LATIN_CAPITAL_LETTER_O"), (80, "LATIN_CAPITAL_LETTER_P"),
    (81, "LATIN_CAPITAL_LETTER_Q"), (82, "LATIN_CAPITAL_LETTER_R"), (83, "LATIN_CAPITAL_LETTER_S"),
    (84, "LATIN_CAPITAL_LETTER_T"), (85, "LATIN_CAPITAL_LETTER_U"), (86, "LATIN_CAPITAL_LETTER_V"),
    (87, "LATIN_CAPITAL_LETTER_W"), (88, "LATIN_CAPITAL_LETTER_X"), (89, "LATIN_CAPITAL_LETTER_Y"),
    (90, "LATIN_CAPITAL_LETTER_Z"), (91, "LEFT_SQUARE_BRACKET"), (92, "REVERSE_SOLIDUS"),
    (93, "RIGHT_SQUARE_BRACKET"), (94, "CIRCUMFLEX_ACCENT"), (95, "LOW_LINE"),
    (96, "GRAVE_ACCENT"), (97, "LATIN_SMALL_LETTER_A"), (98, "LATIN_SMALL_LETTER_B"),
    (99, "LATIN_SMALL_LETTER_C"), (100, "LATIN_SMALL_LETTER_D"), (101, "LATIN_SMALL_LETTER_E"),
    (102, "LATIN_SMALL_LETTER_F"), (103, "LATIN_SMALL_LETTER_G"), (104, "LATIN_SMALL_LETTER_H"),
    (105, "LATIN_SMALL_LETTER_I"), (106, "LATIN_SMALL_LETTER_J"), (107, "LATIN_SMALL_LETTER_K"),
    (108, "LATIN_SMALL_LETTER_L"), (109, "LATIN_SMALL_LETTER_M"), (110, "LATIN_SMALL_LETTER_N"),
    (111, "LATIN_SMALL_LETTER_O"), (112, "LATIN_SMALL_LETTER_P"), (113, "LATIN_SMALL_LETTER_Q"),
    (114, "LATIN_SMALL_LETTER_R"), (115, "LATIN_SMALL_LETTER_S"), (116, "LATIN_SMALL_LETTER_T"),
    (117, "LATIN_SMALL_LETTER_U"), (118, "LATIN_SMALL_LETTER_V"), (119, "LATIN_SMALL_LETTER_W"),
    (120, "LATIN_SMALL_LETTER_X"), (121, "LATIN_SMALL_LETTER_Y"), (122, "LATIN_SMALL_LETTER_Z"),
    (123, "LEFT_CURLY_BRACKET"), (124, "VERTICAL_LINE"), (125, "RIGHT_CURLY_BRACKET"),
    (126, "TILDE"), (161, "INVERTED_EXCLAMATION_MARK"), (162, "CENT_SIGN"),
    (163, "POUND_SIGN"), (164, "CURRENCY_SIGN"), (165, "YEN_SIGN"),
    (166, "BROKEN_BAR"), (167, "SECTION_SIGN"), (168, "DIAERESIS"),
    (169, "COPYRIGHT_SIGN"), (170, "FEMININE_ORDINAL_INDICATOR"), (171, "LEFT-POINTING_DOUBLE_ANGLE_QUOTATION_MARK"),
    (172, "NOT_SIGN"), (173, "SOFT_HYPHEN"), (174, "REGISTERED_SIGN"),
    (175, "MACRON"), (176, "DEGREE_SIGN"), (177, "PLUS-MINUS_SIGN"),
    (178, "SUPERSCRIPT_TWO"), (179, "SUPERSCRIPT_THREE"), (180, "ACUTE_ACCENT"),
    (181, "MICRO_SIGN"), (182, "PILCROW_SIGN"), (183, "MIDDLE_DOT"),
    (184, "CEDILLA"), (185, "SUPERSCRIPT_ONE"), (186, "MASCULINE_ORDINAL_INDICATOR"),
    (187, "RIGHT-POINTING_DOUBLE_ANGLE_QUOTATION_MARK"), (188, "VULGAR_FRACTION_ONE_QUARTER"), (189, "VULGAR_FRACTION_ONE_HALF"),
    (190, "VULGAR_FRACTION_THREE_QUARTERS"), (191, "INVERTED_QUESTION_MARK"), (192, "LATIN_CAPITAL_LETTER_A_WITH_GRAVE"),
    (193, "LATIN_CAPITAL_LETTER_A_WITH_ACUTE"), (194, "LATIN_CAPITAL_LETTER_A_WITH_CIRCUMFLEX"), (195, "LATIN_CAPITAL_LETTER_A_WITH_TILDE"),
    (196, "LATIN_CAPITAL_LETTER_A_WITH_DIAERESIS"), (197, "LATIN_CAPITAL_LETTER_A_WITH_RING_ABOVE"), (198, "LATIN_CAPITAL_LETTER_AE"),
    (199, "LATIN_CAPITAL_LETTER_C_WITH_CEDILLA"), (200, "LATIN_CAPITAL_LETTER_E_WITH_GRAVE"), (201, "LATIN_CAPITAL_LETTER_E_WITH_ACUTE"),
    (202, "LATIN_CAPITAL_LETTER_E_WITH_CIRCUMFLEX"), (203, "LATIN_CAPITAL_LETTER_E_WITH_DIAERESIS"), (204, "LATIN_CAPITAL_LETTER_I_WITH_GRAVE"),
    (205, "LATIN_CAPITAL_LETTER_I_WITH_ACUTE"), (206, "LATIN_CAPITAL_LETTER_I_WITH_CIRCUMFLEX"), (207, "LATIN_CAPITAL_LETTER_I_WITH_DIAERESIS"),
    (208, "LATIN_CAPITAL_LETTER_ETH"), (209, "LATIN_CAPITAL_LETTER_N_WITH_TILDE"), (210, "LATIN_CAPITAL_LETTER_O_WITH_GRAVE"),
    (211, "LATIN_CAPITAL_LETTER_O_WITH_ACUTE"), (212, "LATIN_CAPITAL_LETTER_O_WITH_CIRCUMFLEX"), (213, "LATIN_CAPITAL_LETTER_O_WITH_TILDE"),
    (214, "LATIN_CAPITAL_LETTER_O_WITH_DIAERESIS"), (215, "MULTIPLICATION_SIGN"), (216, "LATIN_CAPITAL_LETTER_O_WITH_STROKE"),
    (217, "LATIN_CAPITAL_LETTER_U_WITH_GRAVE"), (218, "LATIN_CAPITAL_LETTER_U_WITH_ACUTE"), (219, "LATIN_CAPITAL_LETTER_U_WITH_CIRCUMFLEX"),
    (220, "LATIN_CAPITAL_LETTER_U_WITH_DIAERESIS"), (221, "LATIN_CAPITAL_LETTER_Y_WITH_ACUTE"), (222, "LATIN_CAPITAL_LETTER_THORN"),
    (223, "LATIN_SMALL_LETTER_SHARP_S"), (224, "LATIN_SMALL_LETTER_A_WITH_GRAVE"), (225, "LATIN_SMALL_LETTER_A_WITH_ACUTE"),
    (226, "LATIN_SMALL_LETTER_A_WITH_CIRCUMFLEX"), (227, "LATIN_SMALL_LETTER_A_WITH_TILDE"), (228, "LATIN_SMALL_LETTER_A_WITH_DIAERESIS"),
    (229, "LATIN_SMALL_LETTER_A_WITH_RING_ABOVE"), (230, "LATIN_SMALL_LETTER_AE"), (231, "LATIN_SMALL_LETTER_C_WITH_CEDILLA"),
    (232, "LATIN_SMALL_LETTER_E_WITH_GRAVE"), (233, "LATIN_SMALL_LETTER_E_WITH_ACUTE"), (234, "LATIN_SMALL_LETTER_E_WITH_CIRCUMFLEX"),
    (235, "LATIN_SMALL_LETTER_E_WITH_DIAERESIS"), (236, "LATIN_SMALL_LETTER_I_WITH_GRAVE"), (237, "LATIN_SMALL_LETTER_I_WITH_ACUTE"),
    (238, "LATIN_SMALL_LETTER_I_WITH_CIRCUMFLEX"), (239, "LATIN_SMALL_LETTER_I_WITH_DIAERESIS"), (240, "LATIN_SMALL_LETTER_ETH"),
    (241, "LATIN_SMALL_LETTER_N_WITH_TILDE"), (242, "LATIN_SMALL_LETTER_O_WITH_GRAVE"), (243, "LATIN_SMALL_LETTER_O_WITH_ACUTE"),
    (244, "LATIN_SMALL_LETTER_O_WITH_CIRCUMFLEX"), (245, "LATIN_SMALL_LETTER_O_WITH_TILDE"), (246, "LATIN_SMALL_LETTER_O_WITH_DIAERESIS"),
    (247, "DIVISION_SIGN"), (248, "LATIN_SMALL_LETTER_O_WITH_STROKE"), (249, "LATIN_SMALL_LETTER_U_WITH_GRAVE"),
    (250, "LATIN_SMALL_LETTER_U_WITH_ACUTE"), (251, "LATIN_SMALL_LETTER_U_WITH_CIRCUMFLEX"), (252, "LATIN_SMALL_LETTER_U_WITH_DIAERESIS"),
    (253, "LATIN_SMALL_LETTER_Y_WITH_ACUTE"), (254, "LATIN_SMALL_LETTER_THORN"), (255, "LATIN_SMALL_LETTER_Y_WITH_DIAERESIS"),
];
