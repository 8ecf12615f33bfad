//! Byte classes of a line as bitmaps (bit `i` of the map for byte `i`), sixteen bytes per
//! step with SSE2 on x86_64 (part of its baseline, so no run-time detection) and a table
//! elsewhere. The per-line statistics are then popcounts and a few bit scans per word
//! instead of a branch per byte: the branches on letter/space/punctuation transitions are
//! data-dependent, and their mispredictions were most of the old byte loop's cost.
//!
//! Written by hand: the crates that classify bytes with SIMD (simdutf8, memchr) answer one
//! question each (valid UTF-8, where is this byte), not "which bytes are letters, digits,
//! spaces" in one pass.

/// Bitmaps of one line; word `k` of each map holds bytes `64k..64k+64`. A non-ASCII
/// character is classified at its first byte (its other bytes are in `cont`). The maps live
/// in one buffer, one after the other, so a line costs one resize.
#[derive(Default)]
pub struct Bitmaps {
    data: Vec<u64>,
    /// words per map
    words: usize,
    /// Han, kana and Hangul characters.
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

const C_LETTER: u8 = 1;
const C_CJK: u8 = 2;
const C_UPPER: u8 = 4;
const C_DIGIT: u8 = 8;
const C_SEP: u8 = 16;
/// whitespace, C1 control or invisible: `normalize_line` changes it
const C_CHANGES: u8 = 32;
/// NFC on its own, canonical combining class 0: a line of such characters is NFC
const C_NFC: u8 = 64;

/// The class of a non-ASCII character, as `lines::general_stats` and `normalize_line`
/// see it. The Unicode property lookups cost ~100 instructions a
/// character, so the blocks where most non-ASCII characters of web text fall (Latin-1 to
/// Arabic, general punctuation) are read from a table built from the same lookups.
#[inline]
fn char_class(ch: char) -> u8 {
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

fn char_class_slow(ch: char) -> u8 {
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
    // below U+0300 every character is NFC with class 0 (tested below); above, ask
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

#[inline]
pub fn bit(map: &[u64], i: usize) -> bool {
    map[i >> 6] >> (i & 63) & 1 != 0
}

/// Number of set bits.
#[inline]
pub fn count(map: &[u64]) -> u32 {
    map.iter().map(|w| w.count_ones()).sum()
}

/// First set bit in `from..to`, if any.
#[inline]
pub fn next_set(map: &[u64], from: usize, to: usize) -> Option<usize> {
    if from >= to {
        return None;
    }
    let mut k = from >> 6;
    let mut w = map[k] & (!0u64 << (from & 63));
    loop {
        if w != 0 {
            let i = (k << 6) + w.trailing_zeros() as usize;
            return (i < to).then_some(i);
        }
        k += 1;
        if k << 6 >= to {
            return None;
        }
        w = map[k];
    }
}

/// Last set bit in `from..to`, if any.
#[inline]
pub fn prev_set(map: &[u64], from: usize, to: usize) -> Option<usize> {
    if from >= to {
        return None;
    }
    let last = to - 1;
    let mut k = last >> 6;
    let mut w = map[k] & (!0u64 >> (63 - (last & 63)));
    loop {
        if w != 0 {
            let i = (k << 6) + 63 - w.leading_zeros() as usize;
            return (i >= from).then_some(i);
        }
        if k == 0 || (k << 6) <= from {
            return None;
        }
        k -= 1;
        w = map[k];
    }
}

/// First clear bit in `from..len`, or `len`.
#[inline]
pub fn next_clear(map: &[u64], from: usize, len: usize) -> usize {
    if from >= len {
        return len;
    }
    let mut k = from >> 6;
    let mut w = !map[k] & (!0u64 << (from & 63));
    loop {
        if w != 0 {
            return ((k << 6) + w.trailing_zeros() as usize).min(len);
        }
        k += 1;
        if k << 6 >= len {
            return len;
        }
        w = !map[k];
    }
}

/// A hint to bring `x`'s cache line in (nothing elsewhere than x86_64), for lookups into
/// tables too large for the L1 cache whose addresses are known some time before the read.
#[inline(always)]
pub(crate) fn prefetch<T>(x: &T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch reads nothing architecturally and cannot fault; `x` is a reference
    unsafe {
        use std::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
        _mm_prefetch::<_MM_HINT_T0>(x as *const T as *const i8)
    };
    #[cfg(not(target_arch = "x86_64"))]
    let _ = x;
}

/// Set bits of `map` in `from..to`.
#[inline]
pub fn count_range(map: &[u64], from: usize, to: usize) -> u32 {
    if from >= to {
        return 0;
    }
    let (a, b) = (from >> 6, (to - 1) >> 6);
    let lo = !0u64 << (from & 63);
    let hi = !0u64 >> (63 - ((to - 1) & 63));
    if a == b {
        return (map[a] & lo & hi).count_ones();
    }
    let mut n = (map[a] & lo).count_ones() + (map[b] & hi).count_ones();
    for w in &map[a + 1..b] {
        n += w.count_ones();
    }
    n
}

/// The masks of up to 64 bytes.
#[derive(Clone, Copy, Default, Debug, PartialEq, Eq)]
pub struct Masks64 {
    pub space: u64,
    pub alpha: u64,
    pub upper: u64,
    pub digit: u64,
    pub sep: u64,
    pub phone: u64,
    /// ASCII control characters and DEL
    pub control: u64,
    /// bytes >= 0x80
    pub high: u64,
    pub at: u64,
}

/// Classify up to 64 bytes (bits past `b.len()` are 0).
#[inline]
pub fn classify64(b: &[u8]) -> Masks64 {
    debug_assert!(b.len() <= 64);
    #[cfg(target_arch = "x86_64")]
    {
        // AVX2 where the CPU has it (half the vector steps of SSE2; the detection is a
        // cached load), SSE2 (the x86_64 baseline) otherwise
        let simd = |p: *const u8| {
            if std::arch::is_x86_feature_detected!("avx2") {
                // SAFETY: the CPU has AVX2; `p` covers 64 readable bytes (the callers below)
                unsafe { avx2::classify64(p) }
            } else {
                // SAFETY: SSE2 is part of the x86_64 baseline; `p` as above
                unsafe { sse2::classify64(p) }
            }
        };
        if b.len() == 64 {
            return simd(b.as_ptr());
        }
        let mut pad = [0u8; 64];
        pad[..b.len()].copy_from_slice(b);
        let mut m = simd(pad.as_ptr());
        // the zero padding is a control character: only the line's bytes count
        m.control &= (1u64 << b.len()) - 1;
        m
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        classify64_table(b)
    }
}

/// The portable classification, one byte at a time through a table (also the reference the
/// SSE2 version is tested against).
pub fn classify64_table(b: &[u8]) -> Masks64 {
    let mut m = Masks64::default();
    for (i, &c) in b.iter().enumerate() {
        let k = CLASS[c as usize];
        let bit = 1u64 << i;
        m.space |= ((k & K_SPACE != 0) as u64) * bit;
        m.alpha |= ((k & K_ALPHA != 0) as u64) * bit;
        m.upper |= ((k & K_UPPER != 0) as u64) * bit;
        m.digit |= ((k & K_DIGIT != 0) as u64) * bit;
        m.sep |= ((k & K_SEP != 0) as u64) * bit;
        m.phone |= ((k & K_PHONE != 0) as u64) * bit;
        m.control |= ((k & K_CONTROL != 0) as u64) * bit;
        m.high |= ((c >= 0x80) as u64) * bit;
        m.at |= ((c == b'@') as u64) * bit;
    }
    m
}

const K_SPACE: u8 = 1;
const K_ALPHA: u8 = 2;
const K_UPPER: u8 = 4;
const K_DIGIT: u8 = 8;
const K_SEP: u8 = 16;
const K_PHONE: u8 = 32;
const K_CONTROL: u8 = 64;

static CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        t[c] = if b == b' ' {
            K_SPACE
        } else if b.is_ascii_uppercase() {
            K_ALPHA | K_UPPER
        } else if b.is_ascii_lowercase() {
            K_ALPHA
        } else if b.is_ascii_digit() {
            K_DIGIT
        } else if crate::lines::is_ascii_sep(b) {
            K_SEP
        } else if crate::lines::is_ascii_phone_punct(b) {
            K_PHONE
        } else if b < 0x20 || b == 0x7f {
            K_CONTROL
        } else {
            0
        };
        c += 1;
    }
    t
};

/// Adds the masks of one vector `x` of a 64-byte chunk, at bit `sh`, to `m`: the same
/// comparisons for both widths, from the module's `range(x, lo, hi)` and `eq(x, c)` (a bit
/// per byte) and `high` (the bytes' top bits).
#[cfg(target_arch = "x86_64")]
macro_rules! add_masks {
    ($m:ident, $x:ident, $sh:expr, $range:ident, $eq:ident, $high:expr) => {{
        let sh = $sh;
        let upper = $range($x, b'A', b'Z');
        let lower = $range($x, b'a', b'z');
        $m.space |= ($eq($x, b' ') as u64) << sh;
        $m.alpha |= ((upper | lower) as u64) << sh;
        $m.upper |= (upper as u64) << sh;
        $m.digit |= ($range($x, b'0', b'9') as u64) << sh;
        $m.sep |= (($eq($x, b'|') | $eq($x, b'>') | $eq($x, b'/')) as u64) << sh;
        $m.phone |= (($eq($x, b'-') | $eq($x, b'.') | $eq($x, b'(') | $eq($x, b')')) as u64) << sh;
        $m.control |= (($range($x, 0, 0x1f) | $eq($x, 0x7f)) as u64) << sh;
        $m.high |= ($high as u64) << sh;
        $m.at |= ($eq($x, b'@') as u64) << sh;
    }};
}

#[cfg(target_arch = "x86_64")]
mod sse2 {
    use super::Masks64;
    use std::arch::x86_64::*;

    /// Unsigned `lo <= x <= hi` per byte, as a 16-bit mask.
    #[inline(always)]
    unsafe fn range(x: __m128i, lo: u8, hi: u8) -> u32 {
        // x - lo wraps below lo to large values; flipping the sign bit turns the unsigned
        // comparison `x - lo < hi - lo + 1` into SSE2's signed one
        let t = _mm_xor_si128(
            _mm_sub_epi8(x, _mm_set1_epi8(lo as i8)),
            _mm_set1_epi8(-128),
        );
        let lim = _mm_set1_epi8(((hi - lo + 1) ^ 0x80) as i8);
        _mm_movemask_epi8(_mm_cmplt_epi8(t, lim)) as u32
    }

    #[inline(always)]
    unsafe fn eq(x: __m128i, c: u8) -> u32 {
        _mm_movemask_epi8(_mm_cmpeq_epi8(x, _mm_set1_epi8(c as i8))) as u32
    }

    /// # Safety
    /// `p` must point to 64 readable bytes.
    #[inline]
    pub unsafe fn classify64(p: *const u8) -> Masks64 {
        let mut m = Masks64::default();
        for k in 0..4 {
            let x = _mm_loadu_si128(p.add(16 * k) as *const __m128i);
            add_masks!(m, x, 16 * k as u32, range, eq, _mm_movemask_epi8(x) as u32);
        }
        m
    }
}

/// [`sse2`]'s classification on 32-byte vectors: the same comparisons, two loads instead of
/// four.
#[cfg(target_arch = "x86_64")]
mod avx2 {
    use super::Masks64;
    use std::arch::x86_64::*;

    /// Unsigned `lo <= x <= hi` per byte, as a 32-bit mask (the sign-flip of `sse2::range`).
    #[inline]
    #[target_feature(enable = "avx2")]
    fn range(x: __m256i, lo: u8, hi: u8) -> u32 {
        let t = _mm256_xor_si256(
            _mm256_sub_epi8(x, _mm256_set1_epi8(lo as i8)),
            _mm256_set1_epi8(-128),
        );
        let lim = _mm256_set1_epi8(((hi - lo + 1) ^ 0x80) as i8);
        _mm256_movemask_epi8(_mm256_cmpgt_epi8(lim, t)) as u32
    }

    #[inline]
    #[target_feature(enable = "avx2")]
    fn eq(x: __m256i, c: u8) -> u32 {
        _mm256_movemask_epi8(_mm256_cmpeq_epi8(x, _mm256_set1_epi8(c as i8))) as u32
    }

    /// # Safety
    /// `p` must point to 64 readable bytes, and the CPU must have AVX2.
    #[inline]
    #[target_feature(enable = "avx2")]
    pub unsafe fn classify64(p: *const u8) -> Masks64 {
        let mut m = Masks64::default();
        for k in 0..2 {
            // SAFETY: `p + 32k .. p + 32k + 32` is inside the 64 bytes the caller vouches for
            let x = unsafe { _mm256_loadu_si256(p.add(32 * k) as *const __m256i) };
            add_masks!(
                m,
                x,
                32 * k as u32,
                range,
                eq,
                _mm256_movemask_epi8(x) as u32
            );
        }
        m
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Both SIMD versions against the table, each called directly (`classify64` runs only the
    /// one this CPU picks), AVX2 where the CPU has it.
    #[cfg(target_arch = "x86_64")]
    #[test]
    fn sse2_and_avx2_equal_the_table() {
        for start in 0..=255u8 {
            let b: Vec<u8> = (0..64).map(|i| start.wrapping_add(i * 3)).collect();
            let want = classify64_table(&b);
            // SAFETY: 64 readable bytes; SSE2 is baseline, AVX2 is checked
            assert_eq!(
                unsafe { sse2::classify64(b.as_ptr()) },
                want,
                "sse2, start {start}"
            );
            if std::arch::is_x86_feature_detected!("avx2") {
                assert_eq!(
                    unsafe { avx2::classify64(b.as_ptr()) },
                    want,
                    "avx2, start {start}"
                );
            }
        }
    }

    #[test]
    fn simd_equals_table_on_every_byte() {
        for start in 0..=255u8 {
            let b: Vec<u8> = (0..64).map(|i| start.wrapping_add(i * 3)).collect();
            for len in [0, 1, 15, 16, 17, 63, 64] {
                assert_eq!(
                    classify64(&b[..len]),
                    classify64_table(&b[..len]),
                    "start {start} len {len}"
                );
            }
        }
    }

    #[test]
    fn scans() {
        let map = [0b1010u64, 0, 1 << 63];
        assert_eq!(next_set(&map, 0, 192), Some(1));
        assert_eq!(next_set(&map, 2, 192), Some(3));
        assert_eq!(next_set(&map, 4, 192), Some(191));
        assert_eq!(next_set(&map, 4, 191), None);
        assert_eq!(prev_set(&map, 0, 192), Some(191));
        assert_eq!(prev_set(&map, 0, 191), Some(3));
        assert_eq!(prev_set(&map, 2, 3), None);
        assert_eq!(prev_set(&map, 4, 191), None);
        assert_eq!(next_clear(&[!0u64, 0b11], 0, 128), 66);
        assert_eq!(next_clear(&[!0u64], 0, 64), 64);
        assert_eq!(count_range(&map, 0, 192), 3);
        assert_eq!(count_range(&map, 2, 191), 1);
        assert_eq!(count_range(&map, 1, 2), 1);
    }

    #[test]
    fn clean_ascii() {
        let mut bm = Bitmaps::default();
        for (s, clean) in [
            ("a b", true),
            ("", true),
            (" a", false),
            ("a ", false),
            ("a  b", false),
            ("a\tb", false),
            ("é", false),
        ] {
            bm.fill(s);
            assert_eq!(bm.is_clean_ascii(), clean, "{s:?}");
        }
        let long = format!("{} {}", "x".repeat(63), "y");
        bm.fill(&long);
        assert!(bm.is_clean_ascii());
        let double = format!("{}  {}", "x".repeat(63), "y");
        bm.fill(&double);
        assert!(!bm.is_clean_ascii());
    }

    /// `is_normal` says yes only of lines that `normalize_line` leaves as they are.
    fn check_normal(s: &str) {
        let mut bm = Bitmaps::default();
        bm.fill(s);
        if bm.is_normal() {
            assert_eq!(
                crate::normalize::normalize_line(s),
                s,
                "{s:?} is called normal"
            );
        }
    }

    #[test]
    fn normal_lines() {
        for s in [
            "é",
            "“Quoted” words",
            "• item",
            "a\u{a0}b",
            "\u{feff}x",
            "a\u{301}",
            "x \u{85}",
            "中文 字符",
            "Größe: 12 €",
        ] {
            check_normal(s);
        }
        let mut bm = Bitmaps::default();
        bm.fill("“Quoted” Größe • item");
        assert!(bm.is_normal() && !bm.is_clean_ascii());
        bm.fill("a\u{a0}b");
        assert!(!bm.is_normal());
    }

    #[test]
    fn char_table_is_the_slow_classification() {
        for u in 0x80..0x3000u32 {
            if let Some(c) = char::from_u32(u) {
                assert_eq!(char_class(c), char_class_slow(c), "U+{u:04X}");
            }
        }
    }

    #[test]
    fn below_u0300_every_char_is_nfc() {
        for u in 0..0x300u32 {
            if let Some(c) = char::from_u32(u) {
                let s = format!("a{c}");
                assert_eq!(
                    unicode_normalization::is_nfc_quick(s.chars()),
                    unicode_normalization::IsNormalized::Yes,
                    "U+{u:04X}"
                );
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn normal_means_normalize_leaves_it(s in "\\PC{0,40}|[ a-z\u{a0}\u{300}-\u{36f}\u{2000}-\u{200f}\u{feff}\u{80}-\u{9f}é]{0,20}") {
            check_normal(&s);
        }
    }
}
