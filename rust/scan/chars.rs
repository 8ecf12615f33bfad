//! The classes of non-ASCII characters, as `lines::general_stats` and `normalize_line` see
//! them: the slow path of `Bitmaps::fill`, taken only by lines with bytes >= 0x80. Apart from
//! the byte classes because these are Unicode property lookups (and the table that caches
//! them), not byte comparisons.

pub(super) const C_LETTER: u8 = 1;
pub(super) const C_CJK: u8 = 2;
pub(super) const C_UPPER: u8 = 4;
pub(super) const C_DIGIT: u8 = 8;
pub(super) const C_SEP: u8 = 16;
/// whitespace, C1 control or invisible: `normalize_line` changes it
pub(super) const C_CHANGES: u8 = 32;
/// NFC on its own, canonical combining class 0: a line of such characters is NFC
pub(super) const C_NFC: u8 = 64;

/// The class of a non-ASCII character, as `lines::general_stats` and `normalize_line`
/// see it. The Unicode property lookups cost ~100 instructions a
/// character, so the blocks where most non-ASCII characters of web text fall (Latin-1 to
/// Arabic, general punctuation) are read from a table built from the same lookups.
#[inline]
pub(super) fn char_class(ch: char) -> u8 {
    let u = ch as u32;
    let t = &*CHAR_TABLE;
    if u < 0x800 {
        t[u as usize]
    } else if (0x2000..0x2070).contains(&u) {
        t[0x800 + (u - 0x2000) as usize]
    } else {
        char_class_slow(ch)
    }
}

pub(super) fn char_class_slow(ch: char) -> u8 {
    use crate::lines::{is_cjk, is_separator};
    let mut c = if ch.is_whitespace() {
        C_CHANGES
    } else if is_cjk(ch) {
        C_LETTER | C_CJK
    } else if ch.is_alphabetic() {
        C_LETTER | if ch.is_uppercase() { C_UPPER } else { 0 }
    } else if ch.is_numeric() {
        C_DIGIT
    } else if is_separator(ch) {
        C_SEP
    } else {
        0
    };
    let u = ch as u32;
    if (0x80..=0x9f).contains(&u) || matches!(ch, '\u{FEFF}' | '\u{200B}' | '\u{00AD}' | '\u{2060}')
    {
        c |= C_CHANGES;
    }
    // below U+0300 every character is NFC with class 0 (tested in `tests`); above, ask
    let mut tmp = [0u8; 4];
    if u < 0x300
        || (unicode_normalization::char::canonical_combining_class(ch) == 0
            && unicode_normalization::is_nfc_quick(ch.encode_utf8(&mut tmp).chars())
                == unicode_normalization::IsNormalized::Yes)
    {
        c |= C_NFC;
    }
    c
}

static CHAR_TABLE: std::sync::LazyLock<Vec<u8>> = std::sync::LazyLock::new(|| {
    (0..0x800u32)
        .chain(0x2000..0x2070)
        .map(|u| char::from_u32(u).map_or(0, char_class_slow))
        .collect()
});
