//! Stop words of 36 languages (jusText's lists, see `scripts/gen_stopwords.py`), looked up
//! per word with the word packed into a `u128` key: one multiply-hash and no allocation for
//! the words that matter. Stop-word density is the strongest single signal that a line is
//! running prose rather than a menu, in any language that writes spaces.

use std::sync::LazyLock;

use rustc_hash::FxHashMap;

const DATA: &str = include_str!("data/stopwords.tsv");

/// Languages with a stop list, in bit order of the masks.
pub const LANGS: [&str; 36] = [
    "en", "de", "fr", "es", "it", "pt", "nl", "sv", "da", "nb", "fi", "pl", "cs", "sk", "sl", "hr", "sr", "hu", "ro",
    "bg", "ru", "uk", "el", "tr", "id", "ms", "vi", "ca", "lt", "lv", "et", "ar", "fa", "he", "hi", "ko",
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
}

static TABLE: LazyLock<FxHashMap<u128, u64>> = LazyLock::new(|| {
    let mut map: FxHashMap<u128, u64> = FxHashMap::default();
    for line in DATA.lines() {
        if line.starts_with('#') || line.is_empty() {
            continue;
        }
        let (code, words) = line.split_once('\t').expect("stopwords.tsv: lang<TAB>words");
        let bit = LANGS.iter().position(|&l| l == code).expect("stopwords.tsv: unknown language");
        for w in words.split(' ') {
            if let Some(k) = pack(w.as_bytes()) {
                *map.entry(k).or_insert(0) |= 1u64 << bit;
            }
        }
    }
    map
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
        Some(k) => TABLE.get(&k).copied().unwrap_or(0),
        None => 0,
    }
}

/// Count one word (any case, surrounding punctuation already trimmed) into `counts`.
/// `buf` is scratch space so non-ASCII words lower-case without allocating.
#[inline]
pub fn count_word(word: &str, counts: &mut StopCounts, buf: &mut String) {
    let b = word.as_bytes();
    if b.len() > 16 * 2 {
        return; // lower-casing never shrinks a word by half: too long to be a stop word
    }
    let mask = if word.is_ascii() {
        if b.len() > 16 {
            return;
        }
        let mut k = [0u8; 16];
        for (d, s) in k.iter_mut().zip(b) {
            *d = s.to_ascii_lowercase();
        }
        TABLE.get(&u128::from_le_bytes(k)).copied().unwrap_or(0)
    } else {
        buf.clear();
        buf.extend(word.chars().flat_map(char::to_lowercase));
        mask_of_lower(buf)
    };
    if mask != 0 {
        let mut m = mask;
        while m != 0 {
            let i = m.trailing_zeros() as usize;
            counts.0[i] = counts.0[i].saturating_add(1);
            m &= m - 1;
        }
    }
}

/// Count one ASCII word (surrounding punctuation already trimmed) into `counts`.
#[inline]
pub fn count_ascii_word(word: &[u8], counts: &mut StopCounts) {
    if word.len() > 16 || word.is_empty() {
        return;
    }
    let mut k = [0u8; 16];
    for (d, s) in k.iter_mut().zip(word) {
        *d = s.to_ascii_lowercase();
    }
    let mut m = TABLE.get(&u128::from_le_bytes(k)).copied().unwrap_or(0);
    while m != 0 {
        let i = m.trailing_zeros() as usize;
        counts.0[i] = counts.0[i].saturating_add(1);
        m &= m - 1;
    }
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
    fn every_language_loads() {
        for (i, _) in LANGS.iter().enumerate() {
            assert!(TABLE.values().any(|m| m & (1 << i) != 0), "language {} has no words", LANGS[i]);
        }
    }
}
