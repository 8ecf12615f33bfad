//! Stop words of 36 languages (jusText's lists, see `scripts/gen_stopwords.py`), looked up
//! per word with the word packed into a `u128` key: one multiply-hash and no allocation for
//! the words that matter. Stop-word density is the strongest single signal that a line is
//! running prose rather than a menu, in any language that writes spaces.

use std::sync::LazyLock;

use rustc_hash::FxHashMap;

const DATA: &str = include_str!("data/stopwords.tsv");

/// Languages with a stop list, in bit order of the masks.
pub const LANGS: [&str; 36] = [
    "en", "de", "fr", "es", "it", "pt", "nl", "sv", "da", "nb", "fi", "pl", "cs", "sk", "sl", "hr",
    "sr", "hu", "ro", "bg", "ru", "uk", "el", "tr", "id", "ms", "vi", "ca", "lt", "lv", "et", "ar",
    "fa", "he", "hi", "ko",
];
pub const N_LANG: usize = LANGS.len();

/// Stop-word hits of a line, per language.
#[derive(Clone, Debug)]
pub struct StopCounts(pub [u16; N_LANG]);

impl Default for StopCounts {
    fn default() -> Self {
        StopCounts([0; N_LANG])
    }
}

impl StopCounts {
    pub fn total(&self) -> u32 {
        self.0.iter().map(|&c| c as u32).max().unwrap_or(0)
    }
    #[inline]
    pub fn get(&self, lang: usize) -> u32 {
        self.0[lang] as u32
    }
    /// Count one word in each language of `mask`.
    #[inline]
    pub fn add(&mut self, mask: u64) {
        let mut m = mask;
        while m != 0 {
            let i = m.trailing_zeros() as usize;
            self.0[i] = self.0[i].saturating_add(1);
            m &= m - 1;
        }
    }
}

/// The stop lists as one table: packed lower-case word -> bit mask of its languages.
///
/// Written by hand (not a `HashMap`) because the lookup runs once per word of every page and
/// the lists are large (68k words in 36 languages, some 3 MB as a `HashMap`): most words of
/// a text are not stop words, and in a plain table each of those lookups is a cache miss.
/// Here a 128 KiB bit filter (one bit per hash, ~5% false positives at this size) answers
/// most misses from L2; only words that pass it probe the open-addressing table, whose
/// frequent entries (the stop words themselves) stay cached.
struct Table {
    filter: Box<[u64]>,
    slots: Box<[Slot]>,
    slot_mask: usize,
}

/// A key and its mask side by side: one cache line per probe.
#[derive(Clone, Copy, Default)]
#[repr(C, align(32))]
struct Slot {
    key: u128,
    mask: u64,
}

const FILTER_BITS: u32 = 20;

#[inline(always)]
fn hash_key(k: u128) -> u64 {
    let lo = k as u64;
    let hi = (k >> 64) as u64;
    // multiply, then fold the high half down: the low bits pick the slot, and a product's
    // low bits alone depend only on the key's first bytes
    let h = (lo ^ hi.rotate_left(29)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    h ^ (h >> 32)
}

impl Table {
    fn build(entries: &FxHashMap<u128, u64>) -> Table {
        let n_slots = (entries.len() * 2).next_power_of_two().max(16);
        let mut slots = vec![Slot::default(); n_slots].into_boxed_slice();
        let mut filter = vec![0u64; 1 << (FILTER_BITS - 6)].into_boxed_slice();
        let slot_mask = n_slots - 1;
        // shorter words first: they are the frequent ones, and the first inserted get their own slot
        let mut sorted: Vec<(u128, u64)> = entries.iter().map(|(&k, &m)| (k, m)).collect();
        sorted.sort_by_key(|&(k, _)| ((128 - k.leading_zeros()).div_ceil(8), k));
        for (k, m) in sorted {
            let h = hash_key(k);
            let f = (h >> (64 - FILTER_BITS)) as usize;
            filter[f >> 6] |= 1 << (f & 63);
            let mut s = h as usize & slot_mask;
            while slots[s].key != 0 {
                s = (s + 1) & slot_mask;
            }
            slots[s] = Slot { key: k, mask: m };
        }
        Table {
            filter,
            slots,
            slot_mask,
        }
    }

    /// Mask of a packed key (0 is the empty slot and never a word: words are non-empty).
    /// The filter is tested first, with a branch: loading the slot of every word (most are
    /// not stop words) costs more in cache misses than the mispredictions cost.
    #[inline(always)]
    fn get(&self, k: u128) -> u64 {
        self.get_hashed(k, hash_key(k))
    }

    /// [`Table::get`] of a key whose hash is `h`.
    #[inline(always)]
    fn get_hashed(&self, k: u128, h: u64) -> u64 {
        if !self.passes_filter(h) {
            return 0;
        }
        self.probe(k, h as usize & self.slot_mask)
    }

    /// The filter's bit of hash `h` (clear: the key is in no list).
    #[inline(always)]
    fn passes_filter(&self, h: u64) -> bool {
        let f = (h >> (64 - FILTER_BITS)) as usize;
        (self.filter[f >> 6] >> (f & 63)) & 1 != 0
    }

    /// Ask the CPU to bring the filter word of hash `h` into cache.
    #[inline(always)]
    fn prefetch(&self, h: u64) {
        let f = (h >> (64 - FILTER_BITS)) as usize;
        crate::scan::prefetch(&self.filter[f >> 6]);
    }

    #[inline(always)]
    fn probe(&self, k: u128, mut s: usize) -> u64 {
        loop {
            let slot = &self.slots[s];
            if slot.key == k {
                return slot.mask;
            }
            if slot.key == 0 {
                return 0;
            }
            s = (s + 1) & self.slot_mask;
        }
    }
}

static TABLE: LazyLock<Table> = LazyLock::new(|| {
    let mut map: FxHashMap<u128, u64> = FxHashMap::default();
    for line in DATA.lines() {
        if line.starts_with('#') || line.is_empty() {
            continue;
        }
        let (code, words) = line
            .split_once('\t')
            .expect("stopwords.tsv: lang<TAB>words");
        let bit = LANGS
            .iter()
            .position(|&l| l == code)
            .expect("stopwords.tsv: unknown language");
        for w in words.split(' ') {
            if let Some(k) = pack(w.as_bytes()) {
                *map.entry(k).or_insert(0) |= 1u64 << bit;
            }
        }
    }
    Table::build(&map)
});

#[inline]
fn pack(b: &[u8]) -> Option<u128> {
    if b.is_empty() || b.len() > 16 {
        return None;
    }
    let mut k = [0u8; 16];
    k[..b.len()].copy_from_slice(b);
    Some(u128::from_le_bytes(k))
}

/// Bit mask of the languages in which `word` (already lower-case) is a stop word.
#[inline]
pub fn mask_of_lower(word: &str) -> u64 {
    match pack(word.as_bytes()) {
        Some(k) => TABLE.get(k),
        None => 0,
    }
}

/// Bit mask of the languages in which the ASCII word `word` (any case, at most 16 bytes) is a
/// stop word.
#[inline]
pub fn mask_of_ascii(word: &[u8]) -> u64 {
    if word.len() > 16 || word.is_empty() {
        return 0;
    }
    let mut k = [0u8; 16];
    k[..word.len()].copy_from_slice(word);
    TABLE.get(ascii_lower_u128(u128::from_le_bytes(k)))
}

/// [`mask_of_ascii`] of `line[start..end]`, read straight from the line: copying a short
/// word into a key byte by byte and loading the key back stalls on store forwarding, which
/// cost more than the rest of the lookup.
#[inline]
pub fn mask_of_ascii_at(line: &[u8], start: usize, end: usize) -> u64 {
    let len = end - start;
    if len > 16 || len == 0 {
        return 0;
    }
    TABLE.get(packed_lower_at(line, start, end))
}

/// A stop-word lookup of an ASCII word, started by [`Stops::start_ascii_key_at`] and answered
/// by [`Stops::mask`].
///
/// Split in two because the lookups of a line are independent but each one's filter read
/// misses the cache (the filter is 128 KiB, read at a random place per word): a sampled
/// profile put half of the lookup's time on that load, and the branch on its bit, taken
/// about as often as not in prose, stalled the loop until the load returned. Starting every
/// word's lookup (key, hash and a prefetch of its filter word) before answering any lets
/// the misses of a line overlap.
#[derive(Clone, Copy, Debug, Default)]
pub struct Pending {
    key: u128,
    hash: u64,
}

/// The stop-word table, for a caller that looks up many words: the lazy table is checked
/// once, not at each of a word's two steps (that check was 1% of a clean's instructions).
#[derive(Clone, Copy)]
pub struct Stops(&'static Table);

/// The table (built on first use).
#[inline]
pub fn stops() -> Stops {
    Stops(&TABLE)
}

impl Stops {
    /// Start the lookup of the ASCII word `line[start..end]` (any case): its key and hash,
    /// and a prefetch of the filter word it will read. Also returns the packed key (0 for a
    /// word of more than 16 bytes, which is no stop word): the caller hashes the same key for
    /// other tables.
    #[inline]
    pub fn start_ascii_key_at(self, line: &[u8], start: usize, end: usize) -> (Pending, u128) {
        let len = end - start;
        if len > 16 || len == 0 {
            return (Pending { key: 0, hash: 0 }, 0);
        }
        let key = packed_lower_at(line, start, end);
        let hash = hash_key(key);
        self.0.prefetch(hash);
        (Pending { key, hash }, key)
    }

    /// The mask of a started lookup, as [`mask_of_ascii_at`] gives it.
    #[inline]
    pub fn mask(self, p: Pending) -> u64 {
        if p.key == 0 {
            0
        } else {
            self.0.get_hashed(p.key, p.hash)
        }
    }
}

/// The ASCII word `line[start..end]` (1 to 16 bytes) lower-cased and packed into a u128 (its
/// bytes little-endian, zero-padded), read straight from the line.
#[inline]
pub fn packed_lower_at(line: &[u8], start: usize, end: usize) -> u128 {
    let len = end - start;
    debug_assert!((1..=16).contains(&len));
    // a table, not `(1 << 8 * len) - 1`: a variable shift of a u128 is a dozen instructions
    let keep = KEEP[len];
    let k = if start + 16 <= line.len() {
        u128::from_le_bytes(line[start..start + 16].try_into().expect("16 bytes"))
    } else if line.len() >= 16 {
        // the word ends within 16 bytes of the line's end: load the line's last 16 bytes
        let tail = u128::from_le_bytes(line[line.len() - 16..].try_into().expect("16 bytes"));
        tail >> (8 * (16 - (line.len() - start)))
    } else {
        let mut k = [0u8; 16];
        k[..line.len() - start].copy_from_slice(&line[start..]);
        u128::from_le_bytes(k)
    };
    ascii_lower_u128(k & keep)
}

/// `KEEP[n]`: the low `n` bytes of a u128 set.
static KEEP: [u128; 17] = {
    let mut t = [0u128; 17];
    let mut n = 1;
    while n < 17 {
        t[n] = (t[n - 1] << 8) | 0xff;
        n += 1;
    }
    t
};

/// ASCII lower-casing of 16 packed bytes at once: a byte in `A..=Z` gets its 0x20 bit set,
/// every other byte is unchanged. SSE2 (in every x86-64 CPU) does it in four instructions;
/// the portable SWAR version below takes a dozen 64-bit operations per half.
#[cfg(target_arch = "x86_64")]
#[inline(always)]
fn ascii_lower_u128(x: u128) -> u128 {
    use std::arch::x86_64::*;
    // SAFETY: SSE2 is part of x86-64; u128 and __m128i are both 16 plain bytes
    unsafe {
        let v: __m128i = std::mem::transmute(x);
        // signed compares: bytes >= 0x80 are negative, never in 'A'..='Z'
        let upper = _mm_and_si128(
            _mm_cmpgt_epi8(v, _mm_set1_epi8(b'A' as i8 - 1)),
            _mm_cmplt_epi8(v, _mm_set1_epi8(b'Z' as i8 + 1)),
        );
        std::mem::transmute(_mm_or_si128(v, _mm_and_si128(upper, _mm_set1_epi8(0x20))))
    }
}

/// [`ascii_lower_u128`] without SSE2 (SWAR).
#[cfg(not(target_arch = "x86_64"))]
#[inline(always)]
fn ascii_lower_u128(x: u128) -> u128 {
    ascii_lower_swar(x)
}

#[cfg_attr(target_arch = "x86_64", allow(dead_code))]
#[inline(always)]
fn ascii_lower_swar(x: u128) -> u128 {
    const H: u128 = 0x8080_8080_8080_8080_8080_8080_8080_8080;
    const L: u128 = 0x7f7f_7f7f_7f7f_7f7f_7f7f_7f7f_7f7f_7f7f;
    let ones = H >> 7;
    // low 7 bits of each byte: + (0x80 - 'A') sets the high bit iff >= 'A'; + (0x80 - 'Z' - 1) iff > 'Z'
    let low = x & L;
    let ge_a = low + ones * (0x80 - b'A' as u128);
    let gt_z = low + ones * (0x80 - b'Z' as u128 - 1);
    let upper = ge_a & !gt_z & !x & H;
    x | (upper >> 2)
}

/// Count one word (any case, surrounding punctuation already trimmed) into `counts`; returns
/// its mask.
/// `buf` is scratch space so non-ASCII words lower-case without allocating.
#[inline]
pub fn count_word(word: &str, counts: &mut StopCounts, buf: &mut String) -> u64 {
    let b = word.as_bytes();
    if b.len() > 16 * 2 {
        return 0; // lower-casing never shrinks a word by half: too long to be a stop word
    }
    let mask = if word.is_ascii() {
        if b.len() > 16 {
            return 0;
        }
        mask_of_ascii(b)
    } else {
        buf.clear();
        buf.extend(word.chars().flat_map(char::to_lowercase));
        mask_of_lower(buf)
    };
    counts.add(mask);
    mask
}

/// Count one ASCII word (surrounding punctuation already trimmed) into `counts`.
#[inline]
pub fn count_ascii_word(word: &[u8], counts: &mut StopCounts) {
    counts.add(mask_of_ascii(word));
}

/// Index of `code` in [`LANGS`].
pub fn lang_index(code: &str) -> Option<usize> {
    LANGS.iter().position(|&l| l == code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_and_german() {
        let en = lang_index("en").unwrap();
        let de = lang_index("de").unwrap();
        assert!(mask_of_lower("the") & (1 << en) != 0);
        assert!(mask_of_lower("und") & (1 << de) != 0);
        assert_eq!(mask_of_lower("photosynthesis"), 0);
    }

    #[test]
    fn case_and_non_ascii() {
        let mut c = StopCounts::default();
        let mut buf = String::new();
        count_word("The", &mut c, &mut buf);
        count_word("ÜBER", &mut c, &mut buf);
        assert_eq!(c.get(lang_index("en").unwrap()), 1);
        assert_eq!(c.get(lang_index("de").unwrap()), 1);
    }

    #[test]
    fn packed_lower_case_is_ascii_lower_case() {
        // both versions (SSE2 and SWAR), every byte in every position
        for b in 0..=255u8 {
            for pos in 0..16 {
                let mut k = [b'q'; 16];
                k[pos] = b;
                let x = u128::from_le_bytes(k);
                let want = u128::from_le_bytes(k.map(|c| c.to_ascii_lowercase()));
                assert_eq!(ascii_lower_u128(x), want, "byte {b:#x} at {pos}");
                assert_eq!(ascii_lower_swar(x), want, "byte {b:#x} at {pos}");
            }
        }
        for (n, &k) in KEEP.iter().enumerate() {
            assert_eq!(k, if n == 16 { !0 } else { (1u128 << (8 * n)) - 1 });
        }
    }

    #[test]
    fn packed_lower_at_reads_the_word_alone() {
        let line = b"Hello, WORLD and a Very-Long-Compound-Word!";
        for (s, e) in [
            (0, 5),
            (7, 12),
            (13, 16),
            (17, 18),
            (19, 35),
            (27, 42),
            (42, 43),
        ] {
            let mut k = [0u8; 16];
            let w = &line[s..e.min(s + 16)];
            k[..w.len()].copy_from_slice(&w.to_ascii_lowercase());
            assert_eq!(
                packed_lower_at(line, s, e.min(s + 16)),
                u128::from_le_bytes(k),
                "{s}..{e}"
            );
        }
        // a line shorter than 16 bytes
        assert_eq!(packed_lower_at(b"aB", 1, 2), b'b' as u128);
    }

    #[test]
    fn table_agrees_with_the_lists() {
        for line in DATA
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
        {
            let (code, words) = line.split_once('\t').unwrap();
            let bit = 1u64 << lang_index(code).unwrap();
            for w in words.split(' ').filter(|w| !w.is_empty() && w.len() <= 16) {
                assert!(mask_of_lower(w) & bit != 0, "{w} ({code})");
                if w.is_ascii() {
                    assert_eq!(
                        mask_of_ascii(w.to_ascii_uppercase().as_bytes()),
                        mask_of_lower(w)
                    );
                }
            }
        }
        assert_eq!(mask_of_lower("photosynthesis"), 0);
    }

    #[test]
    fn words_read_in_place() {
        let line = b"The cat and THE dog, in a house that is in Paris";
        for s in 0..line.len() {
            for e in s..=line.len() {
                assert_eq!(
                    mask_of_ascii_at(line, s, e),
                    mask_of_ascii(&line[s..e]),
                    "{:?}",
                    std::str::from_utf8(&line[s..e])
                );
                let (p, key) = stops().start_ascii_key_at(line, s, e);
                assert_eq!(
                    stops().mask(p),
                    mask_of_ascii(&line[s..e]),
                    "{:?}: the lookup in two steps",
                    std::str::from_utf8(&line[s..e])
                );
                assert_eq!(
                    key,
                    if (1..=16).contains(&(e - s)) {
                        packed_lower_at(line, s, e)
                    } else {
                        0
                    }
                );
            }
        }
        assert_eq!(mask_of_ascii_at(b"in", 0, 2), mask_of_ascii(b"in"));
        assert_ne!(mask_of_ascii_at(b"in", 0, 2), 0);
    }

    #[test]
    fn every_language_loads() {
        for (i, _) in LANGS.iter().enumerate() {
            assert!(
                TABLE.slots.iter().any(|s| s.mask & (1 << i) != 0),
                "language {} has no words",
                LANGS[i]
            );
        }
    }
}
