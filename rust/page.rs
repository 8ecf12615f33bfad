//! A page analysed once: its normalised lines with their statistics, cue hits, shapes and
//! hashes. Features, decisions and metadata are all read off this.

use std::borrow::Cow;

use rustc_hash::FxHashMap;

use crate::hash::key_hash;
use crate::lexicon::{cue_hits, CueHits};
use crate::lines::{normalized_stats_with, split_lines, LineScratch, LineStats};
use crate::normalize::dedup_key_into;
use crate::patterns::shapes;
use crate::scan::{self, Bitmaps};
use crate::stopwords::N_LANG;
use crate::vocab::Vocab;

/// Cue phrases are looked for in the first bytes of a line only.
pub(crate) const CUE_BYTES: usize = 160;

pub struct Page<'a> {
    /// The text the lines are of (the input, or the reading of it the decisions are about).
    pub source: &'a str,
    /// Every input line, normalised (blank lines included, so indices are input line numbers).
    pub lines: Vec<Cow<'a, str>>,
    pub stats: Vec<LineStats>,
    pub cues: Vec<CueHits>,
    pub shapes: Vec<u16>,
    /// Hash of each line's dedup key (0 for lines without letters or digits).
    pub hashes: Vec<u64>,
    /// How many lines of the page share this line's hash (1 = unique).
    pub dup_count: Vec<u16>,
    /// 0 for the first occurrence of a repeated line, 1 for the second...
    pub dup_rank: Vec<u16>,
    /// Indices of the non-blank lines, in order.
    pub content: Vec<usize>,
    /// Stop list used for stop-word ratios (index into `stopwords::LANGS`), if any matched.
    pub stop_lang: Option<usize>,
    pub total_words: u32,
    /// Mean stop-word ratio over the words of the page, in `stop_lang`.
    pub mean_stop_ratio: f32,
    /// Lower-case word tokens of the URL path (slug), for headline matching.
    pub url_tokens: Vec<String>,
    /// Number of path segments of the URL.
    pub url_depth: u32,
    /// How many lines start with the same first word (repeated labels: "Posts:", "Postby").
    pub prefix_count: Vec<u16>,
    /// How many lines share the first four words with digit runs collapsed: the repeated
    /// rows of a template (a forum signature, a product card), even when numbers differ.
    pub template_count: Vec<u16>,
    /// The keys `prefix_count` and `template_count` count (0 for blank lines); kept so that a
    /// later pass over some of these lines can take them over (see [`Page::analyze_reusing`]).
    prefix_keys: Vec<u64>,
    template_keys: Vec<u64>,
    /// Candidate topic words of every line (see [`crate::cohesion::topic_tokens`]): those of
    /// line `i` are `topic_flat[topic_start[i]..topic_start[i + 1]]`.
    topic_flat: Vec<(u32, u64)>,
    topic_start: Vec<u32>,
    /// Per line: [`slug_overlap`] with the URL (0s for blank lines and without a URL).
    pub slug_overlap: Vec<(f32, f32)>,
    /// Per line: the vocabulary score (0 for blank lines and without a vocabulary).
    pub vocab: Vec<f32>,
    /// A date written with slashes reads day first on this page (`03/04/2024` is 3 April):
    /// see [`slashes_day_first`]. The HTML path also sets it from the page's `lang`.
    pub day_first: bool,
}

impl<'a> Page<'a> {
    pub fn analyze(text: &'a str, url: Option<&str>) -> Page<'a> {
        Self::analyze_impl(text, url, None, None)
    }

    /// [`Page::analyze`], with each line's vocabulary score (see [`crate::vocab`]) from `vocab`.
    pub fn analyze_with(text: &'a str, url: Option<&str>, vocab: Option<&Vocab>) -> Page<'a> {
        Self::analyze_impl(text, url, vocab, None)
    }

    /// [`Page::analyze`] of a text made of lines of an analysed page `prev`: line `k` of
    /// `text` is line `origin[k]` of `prev` where that is `Some` (as `classify::assemble`
    /// builds it). Everything computed per line (statistics, cues, shapes, keys, topic words,
    /// slug overlap, vocabulary score) is a function of the line alone (the indent aside,
    /// which is recomputed), so where the new raw line equals the previous normalised line it
    /// is copied instead of recomputed; page-level values are
    /// computed afresh. The result is the same as `Page::analyze(text, url)`: lines that
    /// differ (or a wrong `origin`) are analysed as usual.
    pub fn analyze_reusing(
        text: &'a str,
        url: Option<&str>,
        vocab: Option<&Vocab>,
        prev: &Page<'_>,
        origin: &[Option<usize>],
    ) -> Page<'a> {
        Self::analyze_impl(text, url, vocab, Some((prev, origin)))
    }

    fn analyze_impl(
        text: &'a str,
        url: Option<&str>,
        vocab: Option<&Vocab>,
        reuse: Option<(&Page<'_>, &[Option<usize>])>,
    ) -> Page<'a> {
        let mut scratch = LineScratch::default();
        let mut key_buf = String::new();
        // every vector below holds one entry per line: sized for the most lines the text can
        // have (two SIMD counts: `bytecount`; guessed from the length, they were regrown on
        // pages of short lines, and counting with `memchr_iter` cost 2% of a clean)
        let n_guess =
            bytecount::count(text.as_bytes(), b'\n') + bytecount::count(text.as_bytes(), b'\r') + 1;
        let mut lines: Vec<Cow<'a, str>> = Vec::with_capacity(n_guess);
        let mut stats: Vec<LineStats> = Vec::with_capacity(n_guess);
        let mut cues = Vec::with_capacity(n_guess);
        let mut shp = Vec::with_capacity(n_guess);
        let mut hashes = Vec::with_capacity(n_guess);
        let mut content = Vec::with_capacity(n_guess);
        let mut lang_totals = [0u32; N_LANG];
        let mut total_words = 0u32;
        let mut prefix_keys = Vec::with_capacity(n_guess);
        let mut template_keys = Vec::with_capacity(n_guess);
        let mut topic_flat = Vec::with_capacity(text.len() / 8);
        let mut topic_start = Vec::with_capacity(n_guess + 1);
        let mut topic_buf = String::new();
        let mut template_buf = Vec::with_capacity(64);
        let mut tokens = crate::tokens::LineTokens::default();
        let mut terms = Vec::with_capacity(128);
        let mut term_set = crate::vocab::TermSet::default();
        let mut vocab_scores = Vec::with_capacity(n_guess);
        let url_tokens = url.map(url_tokens).unwrap_or_default();
        let mut slug = Vec::with_capacity(n_guess);
        // The first line of this page with each raw text (first pass only: the later passes
        // take their lines over from the pass before). A page repeats a quarter of its lines
        // (menus, "Reply", "Share", captions: 24% of the dev pack's non-blank lines), and a
        // line's analysis is a function of its raw text, so a repeat is copied.
        let mut first_of: FxHashMap<&'a str, u32> = if reuse.is_none() {
            FxHashMap::with_capacity_and_hasher(n_guess, Default::default())
        } else {
            FxHashMap::default()
        };
        for (i, raw) in split_lines(text).enumerate() {
            topic_start.push(topic_flat.len() as u32);
            // A line of the previous pass's page, unchanged: it is normalised already
            // (normalisation is idempotent), and its analysis is taken over.
            let same = reuse.and_then(|(p, origin)| {
                let j = origin.get(i).copied().flatten()?;
                (p.lines.get(j).map(|l| **l == *raw) == Some(true)).then_some((p, j))
            });
            let earlier = if reuse.is_none() && !raw.is_empty() {
                match first_of.entry(raw) {
                    std::collections::hash_map::Entry::Occupied(e) => Some(*e.get() as usize),
                    std::collections::hash_map::Entry::Vacant(e) => {
                        e.insert(i as u32);
                        None
                    }
                }
            } else {
                None
            };
            // a normal line's words are read once, by the statistics scan (see `tokens`); a
            // line with CJK is tokenised by the general rules (see `LineWords`)
            let (norm, mut st, scanned) = match (same, earlier) {
                (Some((p, j)), _) => (Cow::Borrowed(raw), p.stats[j].clone(), false),
                (None, Some(j)) => (lines[j].clone(), stats[j].clone(), false),
                (None, None) => {
                    tokens.clear();
                    let (norm, st, seen) = normalized_stats_with(raw, &mut scratch, &mut tokens);
                    (norm, st, seen && scratch.maps.cjk == 0)
                }
            };
            st.indent = leading_indent(raw);
            if st.is_blank() || norm.is_empty() {
                stats.push(LineStats {
                    indent: st.indent,
                    ..Default::default()
                });
                cues.push(CueHits::default());
                shp.push(0);
                hashes.push(0);
                prefix_keys.push(0);
                template_keys.push(0);
                slug.push((0.0, 0.0));
                vocab_scores.push(0.0);
            } else {
                content.push(i);
                total_words += st.words;
                for (t, c) in lang_totals.iter_mut().zip(st.stop.0.iter()) {
                    *t += *c as u32;
                }
                // every other per-line value depends on the normalised line alone: copied from
                // the previous pass when the line is the same, computed otherwise
                let (cue, shape, hash, prefix, template) = match (same, earlier) {
                    (None, Some(j)) => {
                        // an earlier line of this page with the same raw text
                        let (a, b) = (topic_start[j] as usize, topic_start[j + 1] as usize);
                        topic_flat.extend_from_within(a..b);
                        slug.push(slug[j]);
                        vocab_scores.push(vocab_scores[j]);
                        (cues[j], shp[j], hashes[j], prefix_keys[j], template_keys[j])
                    }
                    (Some((p, j)), _) => {
                        topic_flat.extend_from_slice(p.topic_tokens(j));
                        // the URL and the vocabulary are the same in every pass
                        slug.push(p.slug_overlap[j]);
                        vocab_scores.push(p.vocab[j]);
                        (
                            p.cues[j],
                            p.shapes[j],
                            p.hashes[j],
                            p.prefix_keys[j],
                            p.template_keys[j],
                        )
                    }
                    (None, None) => {
                        // the maps are those of `norm`: of `raw` when it is normal, else
                        // `line_stats` classified `norm`
                        if scanned {
                            tokens.topics_into(&scratch.word_masks, &mut term_set, &mut topic_flat);
                        } else {
                            // fills `tokens.words` too (the same tokens)
                            crate::cohesion::topic_tokens(
                                &norm,
                                &scratch.maps,
                                &scratch.word_masks,
                                &mut tokens.words,
                                &mut topic_buf,
                                &mut term_set,
                                &mut topic_flat,
                            );
                        }
                        let words = &tokens.words;
                        if let Some(v) = vocab {
                            v.prefetch(words);
                        }
                        slug.push(slug_overlap(
                            &norm,
                            &scratch.maps,
                            &url_tokens,
                            st.words,
                            &mut topic_buf,
                        ));
                        let key: &str = if scanned {
                            std::str::from_utf8(&tokens.key).expect("whole keys of words")
                        } else {
                            if scratch.maps.is_normal() {
                                crate::normalize::dedup_key_mapped(
                                    &norm,
                                    &scratch.maps,
                                    &mut key_buf,
                                );
                            } else {
                                dedup_key_into(&norm, &mut key_buf);
                            }
                            &key_buf
                        };
                        let (prefix, template) = template_keys_of(key, &mut template_buf);
                        vocab_scores.push(match vocab {
                            Some(v) => {
                                crate::vocab::line_terms(words, &mut term_set, &mut terms);
                                v.score(&terms)
                            }
                            None => 0.0,
                        });
                        (
                            cue_hits(&norm, words, CUE_BYTES),
                            shapes(&norm),
                            key_hash(key),
                            prefix,
                            template,
                        )
                    }
                };
                cues.push(cue);
                shp.push(shape);
                hashes.push(hash);
                prefix_keys.push(prefix);
                template_keys.push(template);
                stats.push(st);
            }
            lines.push(norm);
        }
        // ties go to the earlier (more common) language
        let (best, &hits) = lang_totals
            .iter()
            .enumerate()
            .rev()
            .max_by_key(|(_, &c)| c)
            .unwrap();
        let stop_lang = if hits > 0 { Some(best) } else { None };
        let mean_stop_ratio = if total_words > 0 {
            hits as f32 / total_words as f32
        } else {
            0.0
        };

        topic_start.push(topic_flat.len() as u32);
        let (dup_count, dup_rank) = duplicates(&hashes);
        let (prefix_count, _) = duplicates(&prefix_keys);
        let (template_count, _) = duplicates(&template_keys);
        Page {
            source: text,
            lines,
            stats,
            cues,
            shapes: shp,
            hashes,
            dup_count,
            dup_rank,
            content,
            stop_lang,
            total_words,
            mean_stop_ratio,
            url_tokens,
            url_depth: url.map_or(0, url_depth),
            day_first: slashes_day_first(url, stop_lang.map(|l| crate::stopwords::LANGS[l])),
            prefix_count,
            template_count,
            prefix_keys,
            template_keys,
            topic_flat,
            topic_start,
            slug_overlap: slug,
            vocab: vocab_scores,
        }
    }

    /// Candidate topic words of line `i` (hash, stop mask; see `cohesion::topic_tokens`).
    #[inline]
    pub fn topic_tokens(&self, i: usize) -> &[(u32, u64)] {
        &self.topic_flat[self.topic_start[i] as usize..self.topic_start[i + 1] as usize]
    }

    #[inline]
    pub fn stop_ratio(&self, i: usize) -> f32 {
        let st = &self.stats[i];
        match self.stop_lang {
            Some(l) if st.words > 0 => st.stop.get(l) as f32 / st.words as f32,
            _ => 0.0,
        }
    }

    pub fn n_lines(&self) -> usize {
        self.lines.len()
    }

    /// The words of the lines `kept` (line numbers) and the language of `text`, their clean
    /// text: from the stop words those lines hold, else whatlang (see
    /// [`crate::lang::detect_with_stops`]).
    pub fn kept_words_and_language(
        &self,
        kept: impl IntoIterator<Item = usize>,
        text: &str,
    ) -> (u32, Option<(&'static str, f32)>) {
        let mut words = 0;
        let mut stop_hits = [0u32; crate::stopwords::N_LANG];
        for i in kept {
            words += self.stats[i].words;
            for (t, &c) in stop_hits.iter_mut().zip(self.stats[i].stop.0.iter()) {
                *t += c as u32;
            }
        }
        (
            words,
            crate::lang::detect_with_stops(text, &stop_hits, words),
        )
    }
}

/// Per line: how many lines share its hash, and how many of them come before it (0 for the
/// hash 0 of blank lines).
fn duplicates(hashes: &[u64]) -> (Vec<u16>, Vec<u16>) {
    // An open-addressing table at most half full, sized once, whose slot each line remembers
    // (so its count is read without a second look-up): the keys are hashes already, 0 is
    // the empty slot. A general hash map here cost 2% of a clean's instructions.
    let n = hashes.len();
    let cap = (2 * n).next_power_of_two().max(16);
    let shift = 64 - cap.trailing_zeros();
    let mut keys = vec![0u64; cap];
    let mut counts = vec![0u16; cap];
    let mut slot_of = vec![u32::MAX; n];
    let mut rank = vec![0u16; n];
    for (i, &h) in hashes.iter().enumerate() {
        if h == 0 {
            continue;
        }
        let mut s = (h.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> shift) as usize;
        while keys[s] != h && keys[s] != 0 {
            s = (s + 1) & (cap - 1);
        }
        keys[s] = h;
        rank[i] = counts[s];
        counts[s] = counts[s].saturating_add(1);
        slot_of[i] = s as u32;
    }
    let count = slot_of
        .iter()
        .map(|&s| if s == u32::MAX { 0 } else { counts[s as usize] })
        .collect();
    (count, rank)
}

/// Leading whitespace of a raw line, in characters (tabs count 4).
fn leading_indent(raw: &str) -> u32 {
    let mut n = 0;
    for c in raw.chars() {
        match c {
            '\t' => n += 4,
            c if c.is_whitespace() => n += 1,
            _ => break,
        }
    }
    n
}

/// Hashes of a line's first word, and of its first four words with digit runs collapsed to
/// one `0`, from its dedup key (0 when the line has no word). `buf` is scratch space.
fn template_keys_of(key: &str, buf: &mut Vec<u8>) -> (u64, u64) {
    // a key is words joined by single spaces, without a space at either end
    let b = key.as_bytes();
    if b.is_empty() {
        return (0, 0);
    }
    let first_end = memchr::memchr(b' ', b).unwrap_or(b.len());
    // the first four words
    let mut end = first_end;
    for _ in 0..3 {
        if end >= b.len() {
            break;
        }
        end = memchr::memchr(b' ', &b[end + 1..]).map_or(b.len(), |p| end + 1 + p);
    }
    buf.clear();
    // the key writes every digit as `0`: a run of them becomes one
    let mut prev_digit = false;
    for &c in &b[..end] {
        let d = c == b'0';
        if !(d && prev_digit) {
            buf.push(c);
        }
        prev_digit = d;
    }
    (
        crate::hash::hash_bytes(&b[..first_end]) | 1,
        crate::hash::hash_bytes(buf) | 1,
    )
}

/// How much of a (short) line is made of the URL slug's words, and how much of the slug the
/// line covers. Headlines usually share their words with the slug. `maps` are the byte
/// classes of `line` (see [`Bitmaps`]): an ASCII line is tokenised on them, without
/// lower-casing into a string.
pub fn slug_overlap(
    line: &str,
    maps: &Bitmaps,
    slug: &[String],
    words: u32,
    tmp: &mut String,
) -> (f32, f32) {
    if slug.is_empty() || words == 0 || words > 40 {
        return (0.0, 0.0);
    }
    let mut hit_line = 0u32;
    let mut n = 0u32;
    let mut covered = 0u64; // bit per slug token (first 64)
    let mut hit = |k: Option<usize>| {
        if let Some(k) = k {
            hit_line += 1;
            if k < 64 {
                covered |= 1 << k;
            }
        }
    };
    if maps.len == line.len() && maps.cjk == 0 {
        // the tokens are the runs of alphanumeric characters' bytes; the slug's words are
        // lower-case, so an ASCII token is compared ignoring ASCII case
        let b = line.as_bytes();
        let mut p = 0;
        while let Some(s) = scan::next_set(maps.word(), p, b.len()) {
            let e = scan::next_clear(maps.word(), s, b.len());
            n += 1;
            let tok = &b[s..e];
            if scan::next_set(maps.high(), s, e).is_none() {
                hit(slug
                    .iter()
                    .position(|w| w.as_bytes().eq_ignore_ascii_case(tok)));
            } else {
                tmp.clear();
                tmp.extend(line[s..e].chars().flat_map(char::to_lowercase));
                hit(slug.iter().position(|w| w == tmp));
            }
            p = e;
        }
    } else {
        return slug_overlap_general(line, slug, words, tmp);
    }
    let ratio = |a: u32, b: u32| if b == 0 { 0.0 } else { a as f32 / b as f32 };
    (
        ratio(hit_line, n),
        covered.count_ones() as f32 / slug.len().min(64) as f32,
    )
}

/// [`slug_overlap`] by its definition, on any line.
fn slug_overlap_general(line: &str, slug: &[String], words: u32, tmp: &mut String) -> (f32, f32) {
    if slug.is_empty() || words == 0 || words > 40 {
        return (0.0, 0.0);
    }
    let (mut hit_line, mut n, mut covered) = (0u32, 0u32, 0u64);
    for tok in line
        .split(|ch: char| !ch.is_alphanumeric())
        .filter(|t| !t.is_empty())
    {
        n += 1;
        tmp.clear();
        tmp.extend(tok.chars().flat_map(char::to_lowercase));
        if let Some(k) = slug.iter().position(|w| w == tmp) {
            hit_line += 1;
            if k < 64 {
                covered |= 1 << k;
            }
        }
    }
    let ratio = |a: u32, b: u32| if b == 0 { 0.0 } else { a as f32 / b as f32 };
    (
        ratio(hit_line, n),
        covered.count_ones() as f32 / slug.len().min(64) as f32,
    )
}

/// Whether a date written with slashes reads day first (`03/04/2024` is 3 April, not March
/// 4): on a page in a language other than English (the day comes first in the slashed dates
/// of almost every other language; year-first dates have a pattern of their own), or on a
/// site of a country whose English writes the day first (`.uk`, `.au`, `.in`, ...). Else the
/// US order, which most English pages of the open web follow.
pub fn slashes_day_first(url: Option<&str>, lang: Option<&str>) -> bool {
    if lang.is_some_and(|l| l != "en") {
        return true;
    }
    url.is_some_and(|u| writes_day_first(url_host(u).rsplit('.').next().unwrap_or("")))
}

/// Whether a country (its top-level domain or region code: `uk`, `GB`, `au`) writes the
/// day first in English.
fn writes_day_first(country: &str) -> bool {
    DAY_FIRST_COUNTRIES
        .iter()
        .any(|t| t.eq_ignore_ascii_case(country))
}

/// Countries whose English writes the day first, by their top-level domain (`gb` is `.uk`).
const DAY_FIRST_COUNTRIES: [&str; 18] = [
    "uk", "gb", "ie", "au", "nz", "in", "za", "sg", "my", "pk", "ng", "ke", "gh", "lk", "bd", "mt",
    "cy", "hk",
];

/// Whether a page's language tag (`<html lang>`: `en-GB`, `de`, `fr_FR`) says slashed dates
/// read day first: a language other than English, or English of a country that writes the
/// day first (see [`slashes_day_first`]).
pub fn lang_day_first(tag: &str) -> bool {
    let mut parts = tag.trim().split(['-', '_']);
    let lang = parts.next().unwrap_or("");
    if lang.is_empty() {
        return false;
    }
    if !lang.eq_ignore_ascii_case("en") {
        return true;
    }
    parts.next().is_some_and(writes_day_first)
}

fn url_depth(url: &str) -> u32 {
    url_path(url).split('/').filter(|s| !s.is_empty()).count() as u32
}

/// The host of a URL (without a user, a port or a final dot; "" when it has none).
pub fn url_host(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let authority = &rest[..rest.find(['/', '?', '#']).unwrap_or(rest.len())];
    let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    host.split(':').next().unwrap_or("").trim_end_matches('.')
}

/// The path of a URL (from the `/` after its host, without the query and the fragment; ""
/// when it has none), as the URL features, the date in the URL and the slug read it.
pub fn url_path(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let path = rest.find('/').map_or("", |p| &rest[p..]);
    &path[..path.find(['?', '#']).unwrap_or(path.len())]
}

/// Words of a URL's path and query, lower-cased: `https://x.com/news/china-backing-kim`
/// gives `["news", "china", "backing", "kim"]`. Pure digits and file suffixes are dropped.
pub fn url_tokens(url: &str) -> Vec<String> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let path = rest.find('/').map_or("", |p| &rest[p..]);
    path.split(|c: char| !c.is_alphanumeric())
        .filter(|t| t.len() >= 2 && !t.bytes().all(|b| b.is_ascii_digit()))
        .filter(|t| {
            !matches!(
                *t,
                "html" | "htm" | "php" | "aspx" | "asp" | "www" | "index"
            )
        })
        .map(|t| t.to_lowercase())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn analyses_lines_and_duplicates() {
        let p = Page::analyze("Menu\n\nThe cat sat on the mat.\nMenu\n   \n", None);
        assert_eq!(p.n_lines(), 5);
        assert_eq!(p.content, vec![0, 2, 3]);
        assert_eq!(p.dup_count[0], 2);
        assert_eq!(p.dup_rank[3], 1);
        assert_eq!(p.stop_lang, crate::stopwords::lang_index("en"));
    }

    proptest::proptest! {
        #[test]
        fn duplicates_counts_and_ranks(h in proptest::collection::vec(0u64..6, 0..60)) {
            let (count, rank) = duplicates(&h);
            for (i, &x) in h.iter().enumerate() {
                let (n, before) = if x == 0 {
                    (0, 0)
                } else {
                    (h.iter().filter(|&&y| y == x).count(), h[..i].iter().filter(|&&y| y == x).count())
                };
                proptest::prop_assert_eq!((count[i] as usize, rank[i] as usize), (n, before));
            }
        }

        /// A line's analysis is a function of its raw text, whether it is analysed or copied
        /// from an earlier line of the page with the same text (lines drawn from a small set,
        /// so that pages repeat them): each equals the analysis of the line as a page alone.
        #[test]
        fn repeated_lines_get_the_analysis_of_their_text(
            picks in proptest::collection::vec(0usize..9, 1..30)
        ) {
            const LINES: [&str; 9] = [
                "Home", "", "  \u{2022} Share on Facebook", "The committee met on Tuesday to discuss the budget.",
                "Copyright \u{a9} 2024 Example News", "Reply", "  ", "Posted by Jane Doe on March 3, 2024", "Caf\u{e9} Stra\u{df}e 12",
            ];
            let text: Vec<&str> = picks.iter().map(|&k| LINES[k]).collect();
            let text = text.join("\n");
            let vocab = crate::classify::Models::builtin().and_then(|m| m.vocab.as_ref());
            let url = Some("https://example.org/news/committee-budget-2024");
            let page = Page::analyze_with(&text, url, vocab);
            // (a last empty line makes no line: `split_lines`)
            for (i, &k) in picks.iter().enumerate().take(page.n_lines()) {
                let alone = Page::analyze_with(LINES[k], url, vocab);
                if alone.n_lines() == 0 {
                    proptest::prop_assert!(page.stats[i].is_blank());
                    continue;
                }
                proptest::prop_assert_eq!(&page.lines[i], &alone.lines[0]);
                proptest::prop_assert_eq!(format!("{:?}", page.stats[i]), format!("{:?}", alone.stats[0]));
                proptest::prop_assert_eq!(page.cues[i], alone.cues[0]);
                proptest::prop_assert_eq!(page.shapes[i], alone.shapes[0]);
                proptest::prop_assert_eq!(page.hashes[i], alone.hashes[0]);
                proptest::prop_assert_eq!(page.prefix_keys[i], alone.prefix_keys[0]);
                proptest::prop_assert_eq!(page.template_keys[i], alone.template_keys[0]);
                proptest::prop_assert_eq!(page.topic_tokens(i), alone.topic_tokens(0));
                proptest::prop_assert_eq!(page.slug_overlap[i], alone.slug_overlap[0]);
                proptest::prop_assert_eq!(page.vocab[i].to_bits(), alone.vocab[0].to_bits());
            }
        }

        #[test]
        fn slug_overlap_fast_equals_general(
            l in proptest::strategy::Strategy::prop_map(proptest::collection::vec(proptest::sample::select(vec![
                "News", "KIM", "caf\u{e9}", "CAF\u{c9}", "ties", "Stra\u{df}e", "STRASSE", "x", "2024", "or", "Or",
                "\u{2019}s", "it\u{2019}s", "\u{4e00}", "a", ".", ",", " ", "-", "\u{2022}", "kims",
            ]), 0..20), |v: Vec<&str>| v.concat())
        ) {
            let slug = url_tokens("https://x.org/news/caf\u{e9}-kim-2024-ties-strasse-or/x");
            let mut maps = Bitmaps::default();
            maps.fill(&l);
            let mut tmp = String::new();
            let words = l.split_whitespace().count() as u32;
            proptest::prop_assert_eq!(slug_overlap(&l, &maps, &slug, words, &mut tmp), slug_overlap_general(&l, &slug, words, &mut tmp));
        }
    }

    #[test]
    fn slug_tokens() {
        assert_eq!(
            url_tokens("https://www.bloomberg.com/news/2010-06-10/china-backing-kim.html"),
            ["news", "china", "backing", "kim"]
        );
        assert!(url_tokens("not a url").is_empty());
    }
}
