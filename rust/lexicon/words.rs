//! The words of a line (lower-cased runs of letters and digits), hashed once per line: what
//! the cue phrases, the vocabulary score (`vocab.rs`) and the topic words (`cohesion.rs`) are
//! matched on, and the run reader the page analysis (`tokens.rs`) hashes its words with. A
//! file of its own: the cue matcher (`lexicon.rs`) is one reader of many, and hashes its
//! phrases with the same functions so that they match.

use crate::scan::{self, Bitmaps};

/// Hash of a lower-case word. ASCII words of up to 16 bytes (nearly all cue words) are
/// packed into a u128 and mixed, without a pass over their bytes; others go through xxh3.
#[inline]
pub(crate) fn word_hash(lower: &[u8]) -> u64 {
    if lower.len() <= 16 && lower.is_ascii() {
        let mut k = [0u8; 16];
        k[..lower.len()].copy_from_slice(lower);
        packed_hash(u128::from_le_bytes(k))
    } else {
        crate::hash::hash_bytes(lower) | 1
    }
}

#[inline(always)]
pub(crate) fn packed_hash(k: u128) -> u64 {
    let h = ((k as u64) ^ ((k >> 64) as u64).rotate_left(31)).wrapping_mul(0xD6E8_FEB8_6659_FD93);
    (h ^ (h >> 29)) | 1
}

/// The words of a phrase, or of a line with CJK: lower-cased runs of alphanumeric
/// characters, as (hash, byte end), the first `max_words` of them.
pub(super) fn words_general(
    text: &str,
    max_words: usize,
    buf: &mut String,
    out: &mut Vec<(u64, usize)>,
) {
    let base = text.as_ptr() as usize;
    for tok in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .take(max_words)
    {
        let end = tok.as_ptr() as usize - base + tok.len();
        buf.clear();
        buf.extend(tok.chars().flat_map(char::to_lowercase));
        out.push((word_hash(buf.as_bytes()), end));
    }
}

/// The words of a line (lower-cased runs of alphanumeric characters), hashed: what the cue
/// phrases and the vocabulary score (`vocab.rs`) are matched on. Filled once per line.
#[derive(Default)]
pub struct LineWords {
    /// (hash, byte end) of the first [`LineWords::MAX`] words.
    pub words: Vec<(u64, usize)>,
    buf: String,
    lower: Vec<u8>,
}

impl LineWords {
    /// Words read per line: the cues and the vocabulary are about short lines, and the
    /// first words of a long one tell what it is.
    pub const MAX: usize = 64;

    /// The words of `line`, whose byte classes are `maps` (see [`Bitmaps`]).
    pub fn fill(&mut self, line: &str, maps: &Bitmaps) {
        self.fill_impl(line, maps, None);
    }

    /// [`LineWords::fill`] of the ASCII line `text[start..end]`, read off `word`, a map of the
    /// whole text's letters and digits (bit `i` of `word[i / 64]` for byte `i`: the fast
    /// pass's, `fast::TextMaps`), instead of maps of the line's own (their filling was 28% of
    /// the fast path's cue reading, callgrind on 300 dev pages). The same words and hashes: an
    /// ASCII line's runs of letters and digits, hashed as [`read_run`] hashes them.
    pub fn fill_ascii_at(&mut self, text: &str, word: &[u64], start: usize, end: usize) {
        self.words.clear();
        let b = text.as_bytes();
        debug_assert!(b[start..end].is_ascii());
        let mut p = start;
        while self.words.len() < Self::MAX {
            let Some(s) = scan::next_set(word, p, end) else {
                break;
            };
            let e = scan::next_clear(word, s, end);
            let h = ascii_run_hash(b, (s, e), 0, &mut self.lower);
            self.words.push((h, e - start));
            p = e;
        }
    }

    /// [`LineWords::fill`], and in the same scan the line's topic-word candidates (see
    /// [`crate::cohesion::topic_tokens`], which sorts them) appended to `topics`: both are
    /// runs of the maps' `word` bytes, so one scan and one hash per word serve both (two
    /// scans cost a tenth of the page analysis). `known`: (start, end, stop mask) of words
    /// whose masks the line pass looked up already, in order. Returns false, with nothing
    /// appended to `topics`, for a line the maps do not describe or one with CJK: the caller
    /// then takes the general tokenisation.
    pub fn fill_with_topics(
        &mut self,
        line: &str,
        maps: &Bitmaps,
        known: &[KnownWord],
        topics: &mut Vec<TopicToken>,
    ) -> bool {
        let mapped = maps.len == line.len() && maps.cjk == 0;
        self.fill_impl(line, maps, mapped.then_some((known, topics)));
        mapped
    }

    fn fill_impl(
        &mut self,
        line: &str,
        maps: &Bitmaps,
        mut topics: Option<(&[KnownWord], &mut Vec<TopicToken>)>,
    ) {
        self.words.clear();
        let b = line.as_bytes();
        if maps.len != line.len() || maps.cjk > 0 {
            words_general(line, Self::MAX, &mut self.buf, &mut self.words);
            return;
        }
        let word = maps.word();
        let mut p = 0;
        let mut kn = 0;
        while self.words.len() < Self::MAX {
            let Some(s) = scan::next_set(word, p, b.len()) else {
                break;
            };
            let e = scan::next_clear(word, s, b.len());
            let run = read_run(line, maps, (s, e), 0, &mut self.lower, &mut self.buf);
            let h = run.hash;
            if let Some((known, out)) = topics.as_mut() {
                if self.words.len() < crate::cohesion::MAX_WORDS && run.topic {
                    while kn < known.len() && (known[kn].0 as usize) < s {
                        kn += 1;
                    }
                    let mask = match known.get(kn) {
                        Some(&(ks, ke, m)) if ks as usize == s && ke as usize == e => m,
                        _ => run_mask(b, (s, e), run.ascii, &self.buf),
                    };
                    out.push((topic_hash(h), mask));
                }
            }
            self.words.push((h, e));
            p = e;
        }
    }
}

/// A run of letters and digits of a line, as [`LineWords`] and the topic words read it.
pub(crate) struct Run {
    /// Its hash (see [`word_hash`]).
    pub hash: u64,
    /// No byte >= 0x80.
    pub ascii: bool,
    /// A topic-word candidate (see [`crate::cohesion::topic_tokens`]): at least
    /// `MIN_TOPIC_CHARS` characters, not all ASCII digits.
    pub topic: bool,
}

/// The run `s..e` of `line`, whose byte classes are `maps` (`s..e` a run of their `word`
/// map). `key`: the run's packed lower-case bytes if the caller has them, else 0. Leaves a
/// non-ASCII run lower-cased in `buf` (for [`run_mask`]); `lower` is scratch space.
#[inline]
pub(crate) fn read_run(
    line: &str,
    maps: &Bitmaps,
    (s, e): (usize, usize),
    key: u128,
    lower: &mut Vec<u8>,
    buf: &mut String,
) -> Run {
    let b = line.as_bytes();
    let bytes = e - s;
    let ascii = scan::next_set(maps.high(), s, e).is_none();
    let hash = if ascii {
        ascii_run_hash(b, (s, e), key, lower)
    } else {
        buf.clear();
        buf.extend(line[s..e].chars().flat_map(char::to_lowercase));
        word_hash(buf.as_bytes())
    };
    let chars = if ascii {
        bytes
    } else {
        bytes - scan::count_range(maps.cont(), s, e) as usize
    };
    let topic = chars >= crate::cohesion::MIN_TOPIC_CHARS
        && !(ascii && scan::count_range(maps.digit(), s, e) as usize == bytes);
    Run { hash, ascii, topic }
}

/// The hash of the ASCII run `s..e` of `b` (see [`word_hash`]): up to 16 bytes packed and
/// lower-cased in place (`key`, when the caller has it, else 0), longer ones lower-cased into
/// `lower` (scratch).
#[inline]
fn ascii_run_hash(b: &[u8], (s, e): (usize, usize), key: u128, lower: &mut Vec<u8>) -> u64 {
    if e - s <= 16 {
        packed_hash(if key != 0 {
            key
        } else {
            crate::stopwords::packed_lower_at(b, s, e)
        })
    } else {
        lower.clear();
        lower.extend(b[s..e].iter().map(u8::to_ascii_lowercase));
        word_hash(lower)
    }
}

/// The stop mask of the run `s..e` of `b` that [`read_run`] read last (`buf` as it left it).
#[inline]
pub(crate) fn run_mask(b: &[u8], (s, e): (usize, usize), ascii: bool, buf: &str) -> u64 {
    if ascii {
        crate::stopwords::mask_of_ascii_at(b, s, e)
    } else {
        crate::stopwords::mask_of_lower(buf)
    }
}

/// (start, end, stop mask) of a word whose stop mask the line pass looked up.
pub(crate) type KnownWord = (u32, u32, u64);
/// (topic hash, stop mask) of a topic-word candidate.
pub(crate) type TopicToken = (u32, u64);

/// A topic word's hash (see [`crate::cohesion`]), from its [`LineWords`] hash: the high half,
/// since the low bit of a word hash is always set.
#[inline]
pub(crate) fn topic_hash(word_hash: u64) -> u32 {
    (word_hash >> 32) as u32
}

/// [`topic_hash`] of a lower-case word.
#[inline]
pub(crate) fn topic_hash_of_lower(lower: &str) -> u32 {
    topic_hash(word_hash(lower.as_bytes()))
}
