//! The words of a normal line read once, during the statistics scan (see
//! [`crate::lines::WordSink`]): from each word the scan hands over come the hashed words of
//! [`LineWords`] (cues and vocabulary), the topic-word candidates (see
//! [`crate::cohesion::topic_tokens`]) and the dedup key (see
//! [`crate::normalize::dedup_key_mapped`]). Each of those scanned the line again, with a few
//! bit scans per word; here an ASCII word of up to 16 bytes in one run (most words) is
//! lower-cased and packed once, for its stop-word lookup, its hash and its key, and the byte
//! classes answer the rest with a mask operation each.
//!
//! The results equal the separate functions' (tested below on random lines; the page
//! analysis falls back to them for lines the scan does not describe: lines with CJK, lines
//! the general byte loop reads).

use crate::cohesion::{MAX_WORDS, MIN_TOPIC_CHARS};
use crate::lexicon::{packed_hash, read_run, run_mask, topic_hash, LineWords};
use crate::lines::{CoreWord, WordSink};
use crate::scan::{self, Bitmaps};
use crate::vocab::TermSet;

/// A topic-word candidate whose stop mask is still to be read: bit 63 set means "the mask of
/// the word in this slot of `LineScratch::word_masks`" (masks use the low 36 bits).
const SLOT: u64 = 1 << 63;

/// The sink: fill with [`normalized_stats_with`](crate::lines::normalized_stats_with), then
/// read `words`, [`LineTokens::topics_into`] and `key`.
#[derive(Default)]
pub struct LineTokens {
    /// The hashed words (see [`LineWords`]).
    pub words: LineWords,
    /// (topic hash, stop mask or [`SLOT`] | slot) of the topic-word candidates, in order.
    topics: Vec<(u32, u64)>,
    /// The line's dedup key (see [`crate::normalize::dedup_key_mapped`]).
    pub key: Vec<u8>,
    lower: Vec<u8>,
    buf: String,
    word_key: String,
}

impl LineTokens {
    /// Ready for a new line.
    #[inline]
    pub fn clear(&mut self) {
        self.words.words.clear();
        self.topics.clear();
        self.key.clear();
    }

    /// Append the line's topic-word candidates to `out` as
    /// [`crate::cohesion::topic_tokens`] gives them (each hash once, first occurrence first);
    /// `masks` are the line's stop masks (`LineScratch::word_masks`), `seen` scratch space.
    pub fn topics_into(
        &self,
        masks: &[(u32, u32, u64)],
        seen: &mut TermSet,
        out: &mut Vec<(u32, u64)>,
    ) {
        let start = out.len();
        out.extend(self.topics.iter().map(|&(h, m)| {
            if m & SLOT != 0 {
                (h, masks[(m & !SLOT) as usize].2)
            } else {
                (h, m)
            }
        }));
        crate::cohesion::keep_first_of_each(out, start, seen);
    }

    /// One run of letters and digits (a word of [`LineWords`]) at `s..e`; `key` is its packed
    /// lower-case bytes when known (else 0), `slot` the slot of its stop mask when the run is
    /// the whole word the statistics scan looked up.
    #[inline]
    fn token(
        &mut self,
        line: &str,
        maps: &Bitmaps,
        run: (usize, usize),
        key: u128,
        slot: Option<u32>,
    ) {
        if self.words.words.len() >= LineWords::MAX {
            return;
        }
        let r = read_run(line, maps, run, key, &mut self.lower, &mut self.buf);
        if self.words.words.len() < MAX_WORDS && r.topic {
            let mask = match slot {
                Some(k) => SLOT | k as u64,
                None => run_mask(line.as_bytes(), run, r.ascii, &self.buf),
            };
            self.topics.push((topic_hash(r.hash), mask));
        }
        self.words.words.push((r.hash, run.1));
    }
}

impl WordSink for LineTokens {
    #[inline(always)]
    fn word(&mut self, line: &str, maps: &Bitmaps, w: CoreWord) {
        let (first, end) = (w.first, w.end);
        // The common case: an ASCII word of at most 16 bytes, one run of letters and digits,
        // in one 64-byte word of the maps: its packed key (of the stop-word lookup) gives its
        // hash and its dedup key, and the maps answer the rest with a mask each.
        if let Some((k, core)) = w.in_map {
            if w.key != 0 && maps.word()[k] & core == core {
                if !self.key.is_empty() {
                    self.key.push(b' ');
                }
                let kb = crate::normalize::digits_to_zero(w.key).to_le_bytes();
                self.key.extend_from_slice(&kb[..end - first]);
                let ws = &mut self.words.words;
                if ws.len() < LineWords::MAX {
                    let h = packed_hash(w.key);
                    if ws.len() < MAX_WORDS
                        && end - first >= MIN_TOPIC_CHARS
                        && maps.digit()[k] & core != core
                    {
                        self.topics.push((topic_hash(h), SLOT | w.slot as u64));
                    }
                    ws.push((h, end));
                }
                return;
            }
        }
        self.other_word(line, maps, w);
    }
}

impl LineTokens {
    /// [`WordSink::word`] of the other words (non-ASCII, long, or of several runs), kept out
    /// of line: the common case above is inlined into the statistics scan.
    #[inline(never)]
    fn other_word(&mut self, line: &str, maps: &Bitmaps, w: CoreWord) {
        let (first, end) = (w.first, w.end);
        let b = line.as_bytes();
        // the dedup key of the word (see `normalize::dedup_key_mapped`)
        if w.ascii {
            if !self.key.is_empty() {
                self.key.push(b' ');
            }
            crate::normalize::push_key_bytes(&b[first..end], &mut self.key);
        } else {
            crate::normalize::dedup_key_into(&line[first..end], &mut self.word_key);
            if !self.word_key.is_empty() {
                if !self.key.is_empty() {
                    self.key.push(b' ');
                }
                self.key.extend_from_slice(self.word_key.as_bytes());
            }
        }
        // the runs of letters and digits (with their continuation bytes) inside the word:
        // usually one, the whole word
        if scan::next_clear(maps.word(), first, maps.len) >= end {
            self.token(line, maps, (first, end), w.key, Some(w.slot));
        } else {
            let mut p = first;
            while let Some(s) = scan::next_set(maps.word(), p, end) {
                let e = scan::next_clear(maps.word(), s, end);
                self.token(line, maps, (s, e), 0, None);
                p = e;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lines::{normalized_stats_with, LineScratch};

    proptest::proptest! {
        /// One scan gives what the separate functions give: the hashed words, the topic-word
        /// candidates with their masks, and (clean ASCII lines) the dedup key.
        #[test]
        fn one_scan_equals_the_separate_functions(
            l in proptest::strategy::Strategy::prop_map(proptest::collection::vec(proptest::sample::select(vec![
                "News", "the", "THE", "and", "caf\u{e9}", "CAF\u{c9}", "don't", "U.S.", "Stra\u{df}e", "x", "2024", "\u{1f600}",
                "12-03-2024", "it\u{2019}s", "a", "\u{2014}", "\u{a9}", "x\u{301}", ".", ",", " ", "  ", "-", "\u{2022}", "\u{3b1}\u{3b2}\u{3b3}\u{3b4}",
                "Photosynthesis", "averyveryverylongwordindeed", "AVERYVERYVERYLONGWORD2", "x1y2z3", "\t", "\u{a0}",
                "\u{660}\u{661}", "Ünïcode", "e-mail", "(555)", "@", "über", "WWW.EXAMPLE.COM", "sein", "und",
            ]), 0..100), |v: Vec<&str>| v.join(" "))
        ) {
            check_one_scan(&l)?;
        }

        /// The same on ASCII lines, where the dedup key is built in the scan too.
        #[test]
        fn one_scan_equals_the_separate_functions_ascii(
            l in proptest::strategy::Strategy::prop_map(proptest::collection::vec(proptest::sample::select(vec![
                "News", "the", "THE", "and", "don't", "U.S.", "x", "2024", "12-03-2024", "a", ".", ",", "-",
                "Photosynthesis", "averyveryverylongwordindeed", "AVERYVERYVERYLONGWORD2", "x1y2z3", "e-mail",
                "(555)", "@", "WWW.EXAMPLE.COM", "sein", "und", "0123456789abcdef", "0123456789abcdefg",
            ]), 0..90), |v: Vec<&str>| v.join(" "))
        ) {
            check_one_scan(&l)?;
        }
    }

    fn check_one_scan(l: &str) -> Result<(), proptest::test_runner::TestCaseError> {
        {
            let mut scratch = LineScratch::default();
            let mut t = LineTokens::default();
            t.clear();
            let (norm, _, seen) = normalized_stats_with(l, &mut scratch, &mut t);
            if seen && scratch.maps.cjk == 0 {
                let mut want_words = LineWords::default();
                let mut want_topics = Vec::new();
                let mut seen = TermSet::default();
                crate::cohesion::topic_tokens(
                    &norm,
                    &scratch.maps,
                    &scratch.word_masks,
                    &mut want_words,
                    &mut String::new(),
                    &mut seen,
                    &mut want_topics,
                );
                proptest::prop_assert_eq!(&t.words.words, &want_words.words);
                let mut got_topics = Vec::new();
                t.topics_into(&scratch.word_masks, &mut seen, &mut got_topics);
                proptest::prop_assert_eq!(got_topics, want_topics);
                proptest::prop_assert_eq!(
                    std::str::from_utf8(&t.key).unwrap(),
                    crate::normalize::dedup_key(&norm)
                );
            }
        }
        Ok(())
    }
}
