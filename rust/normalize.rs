//! Text normalisation: the form we output (NFC, tidy whitespace, visible control
//! characters) and the dedup key (CCNet-style: lower case, digits to 0, no punctuation or
//! accents) that line and document hashes are computed on.

use std::borrow::Cow;

use unicode_normalization::char::{decompose_canonical, is_combining_mark};
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// What control characters (C0/C1 other than tab and newline, and NUL) become. They are
/// replaced, not deleted, so that a corrupted span stays visible and offsets stay honest.
pub const REPLACEMENT: char = '\u{FFFD}';

/// Invisible characters that carry no text and break matching (BOM, zero-width space,
/// soft hyphen, word joiner). ZWJ/ZWNJ are kept: they change how Persian, Indic and emoji
/// text is written.
#[inline]
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{FEFF}' | '\u{200B}' | '\u{00AD}' | '\u{2060}')
}

#[inline]
fn is_control(c: char) -> bool {
    let u = c as u32;
    (u < 0x20 && c != '\t' && c != '\n') || (0x7F..=0x9F).contains(&u)
}

#[inline]
fn line_is_clean_ascii(line: &str) -> bool {
    let b = line.as_bytes();
    if b.is_empty() {
        return true;
    }
    if b[0] == b' ' || b[b.len() - 1] == b' ' {
        return false;
    }
    let mut prev_space = false;
    for &c in b {
        if !(0x20..0x7F).contains(&c) {
            return false;
        }
        let sp = c == b' ';
        if sp && prev_space {
            return false;
        }
        prev_space = sp;
    }
    true
}

/// Normalise one line (no `\n` inside): NFC, control characters replaced, invisible
/// characters removed, every run of Unicode whitespace collapsed to one space, trimmed.
/// Borrows when the line is already clean ASCII (the common case).
pub fn normalize_line(line: &str) -> Cow<'_, str> {
    if line_is_clean_ascii(line) {
        return Cow::Borrowed(line);
    }
    let nfc: Cow<str> = if line.is_ascii() || is_nfc_quick(line.chars()) == IsNormalized::Yes {
        Cow::Borrowed(line)
    } else {
        Cow::Owned(line.nfc().collect())
    };
    let mut out = String::with_capacity(nfc.len());
    let mut pending_space = false;
    for c in nfc.chars() {
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if is_invisible(c) {
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.push(if is_control(c) { REPLACEMENT } else { c });
    }
    Cow::Owned(out)
}

/// Normalise a whole text line by line, keeping the line structure (`\r\n` and `\r`
/// become `\n`; the number of lines is unchanged so line numbers still point at the input).
pub fn normalize_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, line) in crate::lines::split_lines(text).enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&normalize_line(line));
    }
    out
}

/// The dedup key of a line or text, in the spirit of CCNet's `normalize_for_dedup`: lower
/// case, accents stripped, every digit becomes `0`, punctuation and symbols dropped,
/// whitespace collapsed. Two lines with equal keys count as the same line.
pub fn dedup_key(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    dedup_key_into(text, &mut out);
    out
}

/// [`dedup_key`] into a reused buffer (cleared first).
///
/// ASCII bytes go through a lookup table, also inside non-ASCII text (one curly quote used to
/// send a whole page down the slow path). Other characters are decomposed one at a time: NFD
/// of a string is the per-character canonical decomposition followed by the reordering of
/// combining marks, and every combining mark is dropped here, so the result is the same as
/// decomposing the whole text (tested against that below).
pub fn dedup_key_into(text: &str, out: &mut String) {
    out.clear();
    let bytes = text.as_bytes();
    let mut pending_space = false;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            push_ascii(b, out, &mut pending_space);
            i += 1;
            continue;
        }
        let c = text[i..].chars().next().expect("i is on a character boundary");
        i += c.len_utf8();
        decompose_canonical(c, |d| {
            if !is_combining_mark(d) {
                push_char(d, out, &mut pending_space);
            }
        });
    }
}

/// What an ASCII byte becomes in the key: 0 dropped, 1 whitespace, else the byte to write
/// (letters lower-cased, digits as `0`). Whitespace is what `char::is_whitespace` says for
/// ASCII: space, \t, \n, \x0b, \x0c, \r.
const ASCII_CLASS: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = if c.is_ascii_alphabetic() {
            c.to_ascii_lowercase()
        } else if c.is_ascii_digit() {
            b'0'
        } else if matches!(c, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r') {
            1
        } else {
            0
        };
        b += 1;
    }
    t
};

#[inline(always)]
fn push_ascii(b: u8, out: &mut String, pending_space: &mut bool) {
    match ASCII_CLASS[b as usize] {
        0 => {}
        1 => *pending_space = !out.is_empty(),
        c => {
            if *pending_space {
                out.push(' ');
                *pending_space = false;
            }
            out.push(c as char);
        }
    }
}

#[inline]
fn push_char(c: char, out: &mut String, pending_space: &mut bool) {
    if c.is_ascii() {
        push_ascii(c as u8, out, pending_space);
    } else if c.is_whitespace() {
        *pending_space = !out.is_empty();
    } else if c.is_alphanumeric() {
        if *pending_space {
            out.push(' ');
            *pending_space = false;
        }
        if c.is_numeric() {
            out.push('0');
        } else {
            // lower-casing can produce combining marks ('İ' -> "i\u{307}"): drop them here
            // too, so that the key of a key is the key.
            out.extend(c.to_lowercase().filter(|l| !is_combining_mark(*l)));
        }
    }
    // punctuation, symbols, controls and combining marks are dropped
}

/// The ASCII case of [`dedup_key_into`] (kept apart for the test that checks both agree).
fn dedup_key_ascii(bytes: &[u8], out: &mut String) {
    let mut pending_space = false;
    for &b in bytes {
        push_ascii(b, out, &mut pending_space);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_ascii_is_borrowed() {
        assert!(matches!(normalize_line("Hello world."), Cow::Borrowed(_)));
    }

    #[test]
    fn whitespace_collapses_and_trims() {
        assert_eq!(normalize_line("  a \t\u{00A0} b  "), "a b");
        assert_eq!(normalize_line("   "), "");
    }

    #[test]
    fn controls_are_replaced_not_deleted() {
        assert_eq!(normalize_line("a\u{0}b\u{7}c\u{85}"), "a\u{FFFD}b\u{FFFD}c");
    }

    #[test]
    fn nfc_composes() {
        assert_eq!(normalize_line("Cafe\u{0301}"), "Caf\u{00E9}");
    }

    #[test]
    fn invisible_removed() {
        assert_eq!(normalize_line("\u{FEFF}a\u{200B}b"), "ab");
    }

    #[test]
    fn normalize_text_keeps_line_count() {
        let t = "a  b\r\n\r\nc\rd";
        assert_eq!(normalize_text(t), "a b\n\nc\nd");
    }

    #[test]
    fn dedup_key_like_ccnet() {
        assert_eq!(dedup_key("  Héllo, World! 2024 "), "hello world 0000");
        assert_eq!(dedup_key("Ünïcödé—Text"), "unicodetext");
        assert_eq!(dedup_key("..."), "");
    }

    #[test]
    fn ascii_fast_path_matches_the_general_one() {
        for s in ["Hello, World! 42", "  a\tb\x0bc  ", "x--y__z", "", "!!!", "MiXeD 007 case."] {
            let mut fast = String::new();
            dedup_key_ascii(s.as_bytes(), &mut fast);
            let general: String = {
                // the non-ASCII path, forced by a trailing non-ASCII mark that is dropped
                let mut o = String::new();
                dedup_key_into(&format!("{s}\u{301}"), &mut o);
                o
            };
            assert_eq!(fast, general, "{s:?}");
        }
    }

    /// The key as first written: NFD of the whole text, then character by character.
    fn dedup_key_reference(text: &str) -> String {
        let mut out = String::new();
        let mut pending_space = false;
        for c in text.nfd() {
            if is_combining_mark(c) {
                continue;
            }
            if c.is_whitespace() {
                pending_space = !out.is_empty();
            } else if c.is_alphanumeric() {
                if pending_space {
                    out.push(' ');
                    pending_space = false;
                }
                if c.is_numeric() {
                    out.push('0');
                } else {
                    out.extend(c.to_lowercase().filter(|l| !is_combining_mark(*l)));
                }
            }
        }
        out
    }

    #[test]
    fn per_character_decomposition_matches_whole_text_nfd() {
        for s in ["Ünïcödé—Text", "e\u{301}\u{327}x", "İstanbul’s “quotes” 42", "한국어 텍스트", "Ωμέγα ǅ ﬁ ① ½", "a\u{300}\u{316}b"] {
            assert_eq!(dedup_key(s), dedup_key_reference(s), "{s:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn dedup_key_equals_reference(s in "\\PC{0,40}") {
            proptest::prop_assert_eq!(dedup_key(&s), dedup_key_reference(&s));
        }
        #[test]
        fn dedup_key_equals_reference_mixed(s in "[a-zA-Z0-9 ,.\u{300}-\u{36f}\u{c0}-\u{24f}\u{1100}-\u{11ff}\u{ac00}-\u{ac40}\u{2000}-\u{206f}]{0,40}") {
            proptest::prop_assert_eq!(dedup_key(&s), dedup_key_reference(&s));
        }
    }

    #[test]
    fn normalisation_is_idempotent() {
        for s in ["  x\u{0}  y ", "Cafe\u{0301} \u{3000} z", "\u{FEFF}", "a\tb"] {
            let once = normalize_line(s).into_owned();
            assert_eq!(normalize_line(&once), once);
            let k = dedup_key(s);
            assert_eq!(dedup_key(&k), k);
        }
    }
}
