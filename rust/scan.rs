//! Byte classes of a line as bitmaps (bit `i` of the map for byte `i`), 32 bytes per step
//! with AVX2 where the CPU has it (detected at run time), else sixteen with SSE2 on x86_64
//! (part of its baseline), and a table elsewhere. The per-line statistics are then popcounts and a few bit scans per word
//! instead of a branch per byte: the branches on letter/space/punctuation transitions are
//! data-dependent, and their mispredictions were most of the old byte loop's cost.
//!
//! Written by hand: the crates that classify bytes with SIMD (simdutf8, memchr) answer one
//! question each (valid UTF-8, where is this byte), not "which bytes are letters, digits,
//! spaces" in one pass.
//!
//! This file holds the maps of a line ([`Bitmaps`]); the classification of 64 bytes at a
//! time (`bytes`, with its x86_64 kernels in `x86`), the classes of non-ASCII characters
//! (`chars`) and the scans over a map (`bits`) have files of their own.

mod bits;
mod bytes;
mod chars;
#[cfg(target_arch = "x86_64")]
mod x86;

pub(crate) use bits::prefetch;
pub use bits::{bit, count, count_range, next_clear, next_set, prev_set};
pub use bytes::{
    classify64, classify64_table, text_masks, text_masks64_table, Masks64, TextMasks64,
};
use chars::{char_class, C_CHANGES, C_CJK, C_DIGIT, C_LETTER, C_NFC, C_SEP, C_UPPER};

/// Bitmaps of one line; word `k` of each map holds bytes `64k..64k+64`. A non-ASCII
/// character is classified at its first byte (its other bytes are in `cont`). The maps live
/// in one buffer, one after the other, so a line costs one resize.
#[derive(Default)]
pub struct Bitmaps {
    data: Vec<u64>,
    /// words per map
    words: usize,
    /// Letters of the scripts without spaces (see `lines::is_cjk`).
    pub cjk: u32,
    /// `@` anywhere in the line.
    pub at: bool,
    /// `normalize_line` leaves the line as it is (see [`Bitmaps::is_normal`]).
    normal: bool,
    ascii: bool,
    pub len: usize,
}

/// The maps, in their order in the buffer.
const SPACE: usize = 0;
const ALPHA: usize = 1;
const CASED: usize = 2;
const UPPER: usize = 3;
const DIGIT: usize = 4;
const ALNUM: usize = 5;
const WORD: usize = 6;
const SEP: usize = 7;
const PHONE: usize = 8;
const CONT: usize = 9;
const HIGH: usize = 10;
const N_MAPS: usize = 11;

macro_rules! map_getters {
    ($($(#[$doc:meta])* $name:ident = $k:ident;)*) => {
        $($(#[$doc])* #[inline] pub fn $name(&self) -> &[u64] { &self.data[$k * self.words..($k + 1) * self.words] })*
    };
}

impl Bitmaps {
    map_getters! {
        /// `' '`
        space = SPACE;
        /// Letters (`char::is_alphabetic`), CJK included.
        alpha = ALPHA;
        /// Letters that are not CJK (Arabic and Hebrew included: the title-word count asks
        /// whether the first of them is upper case).
        cased = CASED;
        upper = UPPER;
        /// Digits (`char::is_numeric`).
        digit = DIGIT;
        /// `alpha | digit`
        alnum = ALNUM;
        /// Every byte of the alphanumeric characters (`alnum` and their continuation bytes): a
        /// run of it is a word in the sense of `str::split(|c| !c.is_alphanumeric())`, for lines
        /// without CJK (whose unassigned code points are letters here but not alphanumeric).
        word = WORD;
        /// Menu separators: `| > /` and `· » › • ¦`.
        sep = SEP;
        /// `- . ( )`, and the continuation bytes of non-ASCII digits: they neither count in
        /// nor end a digit run (a phone number's digits are split by dashes and dots).
        phone = PHONE;
        /// Continuation bytes of multi-byte characters.
        cont = CONT;
        /// Bytes >= 0x80.
        high = HIGH;
    }

    #[inline]
    fn set(&mut self, map: usize, i: usize) {
        self.data[map * self.words + (i >> 6)] |= 1 << (i & 63);
    }

    /// Classify the bytes of `line` (the maps are reused; `self` keeps its allocation).
    pub fn fill(&mut self, line: &str) {
        let b = line.as_bytes();
        let words = b.len().div_ceil(64);
        self.words = words;
        self.data.clear();
        self.data.resize(N_MAPS * words, 0);
        self.len = b.len();
        self.cjk = 0;
        let mut bad = 0u64;
        let mut at = 0u64;
        let mut any_high = 0u64;
        let d = &mut self.data;
        for k in 0..words {
            let chunk = &b[k * 64..(k * 64 + 64).min(b.len())];
            let m = classify64(chunk);
            d[SPACE * words + k] = m.space;
            d[ALPHA * words + k] = m.alpha;
            d[CASED * words + k] = m.alpha;
            d[UPPER * words + k] = m.upper;
            d[DIGIT * words + k] = m.digit;
            d[ALNUM * words + k] = m.alpha | m.digit;
            d[WORD * words + k] = m.alpha | m.digit;
            d[SEP * words + k] = m.sep;
            d[PHONE * words + k] = m.phone;
            d[HIGH * words + k] = m.high;
            bad |= m.control;
            at |= m.at;
            any_high |= m.high;
        }
        self.at = at != 0;
        self.ascii = any_high == 0;
        let mut normal = bad == 0;
        if b.first() == Some(&b' ') || b.last() == Some(&b' ') {
            normal = false;
        }
        // a space followed by a space, across word boundaries too
        let mut carry = 0u64;
        for &s in &self.data[SPACE * words..(SPACE + 1) * words] {
            normal &= (s & ((s << 1) | carry)) == 0;
            carry = s >> 63;
        }
        if any_high != 0 {
            normal &= self.fill_non_ascii(line);
        }
        self.normal = normal;
    }

    /// Classify the non-ASCII characters (at their first byte, as `lines::general_stats`
    /// does); false if normalisation would change one of them.
    #[cold]
    fn fill_non_ascii(&mut self, line: &str) -> bool {
        let b = line.as_bytes();
        let mut normal = true;
        let mut check_nfc = false;
        let mut p = 0;
        while let Some(i) = next_set(self.high(), p, b.len()) {
            let ch = line[i..]
                .chars()
                .next()
                .expect("a char starts at a high byte that follows a whole char");
            let len = ch.len_utf8();
            let c = char_class(ch);
            if c & (C_LETTER | C_DIGIT) != 0 {
                for q in i..i + len {
                    self.set(WORD, q);
                }
            }
            if c & C_LETTER != 0 {
                self.set(ALPHA, i);
                self.set(ALNUM, i);
                if c & C_CJK != 0 {
                    self.cjk += 1;
                } else {
                    self.set(CASED, i);
                }
                if c & C_UPPER != 0 {
                    self.set(UPPER, i);
                }
            } else if c & C_DIGIT != 0 {
                self.set(DIGIT, i);
                self.set(ALNUM, i);
                for q in i + 1..i + len {
                    self.set(PHONE, q);
                }
            } else if c & C_SEP != 0 {
                self.set(SEP, i);
            }
            // whitespace collapses to a space, C1 controls become U+FFFD, invisible characters go
            normal &= c & C_CHANGES == 0;
            check_nfc |= c & C_NFC == 0;
            for q in i + 1..i + len {
                self.set(CONT, q);
            }
            p = i + len;
        }
        if normal && check_nfc {
            normal = unicode_normalization::is_nfc_quick(line.chars())
                == unicode_normalization::IsNormalized::Yes;
        }
        normal
    }

    /// The line is in the form `normalize_line` gives: no control or invisible characters,
    /// no whitespace but single spaces between words, NFC. (`normalize_line` may still say
    /// so of a line this calls not normal: NFC's quick check can answer "maybe".)
    pub fn is_normal(&self) -> bool {
        self.normal
    }

    /// Normal and ASCII.
    pub fn is_clean_ascii(&self) -> bool {
        self.normal && self.ascii
    }
}
#[cfg(test)]
mod tests;
