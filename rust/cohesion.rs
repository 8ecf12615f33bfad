//! Topic cohesion: does a line talk about what the page's prose talks about? Teasers for
//! other stories, menus and product grids use other words than the article; its subheadings
//! use the same ones. Also the headline guessed from the URL slug, and each line's distance
//! to it (the article body follows its headline).

use crate::lexicon::{topic_hash_of_lower, LineWords};
use crate::page::Page;
use crate::scan::Bitmaps;
use crate::stopwords::mask_of_lower;
use crate::vocab::TermSet;

/// Words shorter than this (in chars) carry no topic.
pub(crate) const MIN_TOPIC_CHARS: usize = 4;
/// Only the first words of a long line are looked at.
pub(crate) const MAX_WORDS: usize = 60;

/// Candidate topic words of a line: lower-case alphanumeric tokens of at least 4 chars that
/// are not all digits, among the first `MAX_WORDS` tokens; each as its hash and its stop
/// mask (which languages list it), each hash once, in the order of first occurrence. Which of them are topic
/// words depends on the page's language, known only once every line is read: see
/// [`Cohesion`]. Computed once per line when the page is analysed (and taken over by the
/// later passes of the fixed point with the rest of the line's analysis).
///
/// The tokens are the words [`LineWords`] reads, so `words` is filled with the line's words
/// in the same scan (see [`LineWords::fill_with_topics`]). `known`: (start, end, stop mask)
/// of words of the line whose masks are known (see `lines::LineScratch::word_masks`), in
/// order; a token that is one of them is not looked up again.
pub fn topic_tokens(
    line: &str,
    maps: &Bitmaps,
    known: &[(u32, u32, u64)],
    words: &mut LineWords,
    buf: &mut String,
    seen: &mut TermSet,
    out: &mut Vec<(u32, u64)>,
) {
    let start = out.len();
    if !words.fill_with_topics(line, maps, known, out) {
        topic_tokens_general(line, buf, out);
    }
    keep_first_of_each(out, start, seen);
}

/// Drop from `out[start..]` every token whose hash came before in it (the first keeps its
/// place). Only the set of a line's topic words matters ([`cohesion`] counts and looks them
/// up); a set of seen hashes stamped per line does this without the sort it replaced (a
/// sort per line was 3% of a clean's instructions).
pub(crate) fn keep_first_of_each(out: &mut Vec<(u32, u64)>, start: usize, seen: &mut TermSet) {
    seen.next_line();
    let mut w = start;
    for r in start..out.len() {
        if seen.insert(out[r].0) {
            out[w] = out[r];
            w += 1;
        }
    }
    out.truncate(w);
}

/// The definition of the candidates (unsorted), on any line.
fn topic_tokens_general(line: &str, buf: &mut String, out: &mut Vec<(u32, u64)>) {
    for tok in line
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .take(MAX_WORDS)
    {
        if tok.chars().count() < MIN_TOPIC_CHARS || tok.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        buf.clear();
        if tok.is_ascii() {
            buf.extend(tok.bytes().map(|b| b.to_ascii_lowercase() as char));
        } else {
            buf.extend(tok.chars().flat_map(char::to_lowercase));
        }
        out.push((topic_hash_of_lower(buf), mask_of_lower(buf)));
    }
}

pub struct Cohesion {
    /// Per content line: share of its topic words used by at least one *other* prose line.
    pub topic: Vec<f32>,
    /// Per content line: share of the URL slug's words the line contains.
    pub slug_cover: Vec<f32>,
    /// Per content line: signed distance (content lines) to the slug headline, if found.
    pub from_headline: Vec<f32>,
}

// Called once per page, so inlining gains nothing; out of line, it is a unit of its own in
// profiles.
#[inline(never)]
pub fn cohesion(page: &Page, prose: &[bool], far: f32) -> Cohesion {
    let c = &page.content;
    let m = c.len();
    debug_assert_eq!(prose.len(), m);
    let stop_mask = page.stop_lang.map_or(0, |l| 1u64 << l);
    let slug = slug_topic_words(page, stop_mask);

    // Candidates bound topic words: the prose lines' bound the number of distinct words in
    // them, which sizes the table of document frequencies; all lines' bound the flat array.
    let (mut n_all, mut n_prose) = (0, 0);
    for (&i, &p) in c.iter().zip(prose) {
        let n = page.topic_tokens(i).len();
        n_all += n;
        n_prose += if p { n } else { 0 };
    }
    let mut df = TopicCounts::with_room_for(n_prose);
    // In one pass: each line's topic words (its candidates that are not stop words of the
    // page's language) into one flat array, line `j`'s ending at `ends[j]`, and the prose
    // lines' words counted in `df`. A prose line's words are kept as their slots in `df`, so
    // that reading their counts later needs no second look-up.
    let topic_words = |i: usize| {
        page.topic_tokens(i)
            .iter()
            .filter(move |t| t.1 & stop_mask == 0)
            .map(|t| t.0)
    };
    let mut flat: Vec<u32> = Vec::with_capacity(n_all);
    let mut ends = Vec::with_capacity(m);
    for (&i, &p) in c.iter().zip(prose) {
        if p {
            flat.extend(topic_words(i).map(|w| df.add(w)));
        } else {
            flat.extend(topic_words(i));
        }
        ends.push(flat.len());
    }
    // a word counts if another prose line has it: more than one prose line if this line is
    // prose itself
    let mut start = 0;
    let topic = ends
        .iter()
        .zip(prose)
        .map(|(&end, &p)| {
            let ws = &flat[start..end];
            start = end;
            let hits = if p {
                ws.iter().filter(|&&s| df.count_at(s) > 1).count()
            } else {
                ws.iter().filter(|&&w| df.get(w) > 0).count()
            };
            if ws.is_empty() {
                -1.0
            } else {
                hits as f32 / ws.len() as f32
            }
        })
        .collect();

    if slug.is_empty() {
        return Cohesion {
            topic,
            slug_cover: vec![0.0; m],
            from_headline: vec![far; m],
        };
    }
    // both are sets, so counting the line's words found in the slug counts the slug words
    // found in the line
    let slug_cover: Vec<f32> = c
        .iter()
        .map(|&i| {
            let hits = topic_words(i)
                .filter(|w| slug.binary_search(w).is_ok())
                .count();
            hits as f32 / slug.len() as f32
        })
        .collect();
    // the headline: the short line covering most of the slug (at least half of it)
    let headline = (0..m)
        .filter(|&j| page.stats[c[j]].words <= 25 && slug_cover[j] >= 0.5)
        .max_by(|&a, &b| slug_cover[a].total_cmp(&slug_cover[b]).then(b.cmp(&a)));
    let from_headline = match headline {
        Some(h) => (0..m)
            .map(|j| (j as f32 - h as f32).clamp(-far, far))
            .collect(),
        None => vec![far; m],
    };
    Cohesion {
        topic,
        slug_cover,
        from_headline,
    }
}

/// The URL slug's words filtered as the lines' topic words are (so that the two can match):
/// their topic hashes, sorted, each once. `stop_mask`: the page language's bit.
fn slug_topic_words(page: &Page, stop_mask: u64) -> Vec<u32> {
    let mut slug: Vec<u32> = page
        .url_tokens
        .iter()
        .filter(|t| t.chars().count() >= MIN_TOPIC_CHARS && mask_of_lower(t) & stop_mask == 0)
        .map(|t| topic_hash_of_lower(t))
        .collect();
    slug.sort_unstable();
    slug.dedup();
    slug
}

/// How many times each topic word was added: an open-addressing table with linear probing,
/// never full (so a probe always ends). Cheaper than a general hash map here: one flat
/// allocation, no rehashing (the size is known up front), and keys that are hashes already.
struct TopicCounts {
    /// `word << 32 | count`; 0 (count 0) is an empty slot.
    slots: Vec<u64>,
    /// Shift taking a 32-bit multiplicative hash to a slot index.
    shift: u32,
}

impl TopicCounts {
    /// A table for at most `n` distinct words: at most two thirds full (`n` is a loose
    /// bound, the candidates with their repeats and stop words; the table is usually far
    /// emptier).
    fn with_room_for(n: usize) -> Self {
        let cap = (n + n / 2 + 1).next_power_of_two().max(16);
        TopicCounts {
            slots: vec![0; cap],
            shift: 32 - cap.trailing_zeros(),
        }
    }

    #[inline]
    fn home(&self, w: u32) -> usize {
        // Fibonacci hashing: the high bits of the product depend on every bit of the word
        (w.wrapping_mul(0x9E37_79B1) >> self.shift) as usize
    }

    /// Counts `w` once more; returns its slot (see [`TopicCounts::count_at`]).
    #[inline]
    fn add(&mut self, w: u32) -> u32 {
        let mask = self.slots.len() - 1;
        let mut s = self.home(w);
        loop {
            let v = self.slots[s];
            if v == 0 {
                self.slots[s] = (w as u64) << 32 | 1;
                return s as u32;
            }
            if (v >> 32) as u32 == w {
                self.slots[s] = v + 1;
                return s as u32;
            }
            s = (s + 1) & mask;
        }
    }

    /// The count of the word in slot `s`.
    #[inline]
    fn count_at(&self, s: u32) -> u32 {
        self.slots[s as usize] as u32
    }

    #[inline]
    fn get(&self, w: u32) -> u32 {
        let mask = self.slots.len() - 1;
        let mut s = self.home(w);
        loop {
            let v = self.slots[s];
            if v == 0 {
                return 0;
            }
            if (v >> 32) as u32 == w {
                return v as u32;
            }
            s = (s + 1) & mask;
        }
    }
}

/// Lines that repeat a heading of the page with more after it, and occur more than once:
/// image alt texts written as "{headline} - {keywords}" (WordPress themes do this), which a
/// plain-text dump prints wherever the image was. On the dev pack this rule holds for 71 of
/// the 74 lines it matches. One flag per content line.
pub fn repeated_heading_copies(page: &Page) -> Vec<bool> {
    let c = &page.content;
    heading_copies(
        c.len(),
        |j| &page.lines[c[j]],
        |j| page.stats[c[j]].words,
        |j| page.dup_count[c[j]] as u32,
    )
}

/// [`repeated_heading_copies`] of `n` content lines given by their text, words and count in
/// the page (also the fast path's, `crate::fast`).
pub(crate) fn heading_copies<'a>(
    n: usize,
    line: impl Fn(usize) -> &'a str,
    words: impl Fn(usize) -> u32,
    dups: impl Fn(usize) -> u32,
) -> Vec<bool> {
    let heading_like =
        |j: usize| (5..=30).contains(&words(j)) && !line(j).trim_end().ends_with('.');
    let headings: Vec<&str> = (0..n.min(40))
        .filter(|&j| heading_like(j))
        .map(&line)
        .collect();
    (0..n)
        .map(|j| {
            dups(j) >= 2
                && words(j) >= 7
                && headings
                    .iter()
                    .any(|h| line(j).len() > h.len() + 3 && line(j).starts_with(h))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rustc_hash::FxHashMap;

    /// The definition [`cohesion`] must match bit for bit (its first version).
    fn cohesion_reference(page: &Page, prose: &[bool], far: f32) -> Cohesion {
        let c = &page.content;
        let m = c.len();
        debug_assert_eq!(prose.len(), m);
        let mut starts = Vec::with_capacity(m + 1);
        let mut flat: Vec<u32> = Vec::with_capacity(m * 8);
        let stop_mask = page.stop_lang.map_or(0, |l| 1u64 << l);
        // the topic words: the candidates that are not stop words of the page's language
        for &i in c {
            starts.push(flat.len());
            flat.extend(
                page.topic_tokens(i)
                    .iter()
                    .filter(|t| t.1 & stop_mask == 0)
                    .map(|t| t.0),
            );
        }
        starts.push(flat.len());
        let words_of = |j: usize| &flat[starts[j]..starts[j + 1]];

        let mut df: FxHashMap<u32, u32> = FxHashMap::default();
        for j in (0..m).filter(|&j| prose[j]) {
            for &w in words_of(j) {
                *df.entry(w).or_insert(0) += 1;
            }
        }
        let slug = slug_topic_words(page, stop_mask);

        let mut topic = Vec::with_capacity(m);
        let mut slug_cover = Vec::with_capacity(m);
        for (j, &own) in prose.iter().enumerate().take(m) {
            let ws = words_of(j);
            if ws.is_empty() {
                topic.push(-1.0);
            } else {
                let own = own as u32;
                let hits = ws
                    .iter()
                    .filter(|w| df.get(w).copied().unwrap_or(0) > own)
                    .count();
                topic.push(hits as f32 / ws.len() as f32);
            }
            if slug.is_empty() {
                slug_cover.push(0.0);
            } else {
                let hits = slug.iter().filter(|s| ws.contains(s)).count();
                slug_cover.push(hits as f32 / slug.len() as f32);
            }
        }
        // the headline: the short line covering most of the slug (at least half of it)
        let headline = (0..m)
            .filter(|&j| page.stats[c[j]].words <= 25 && slug_cover[j] >= 0.5)
            .max_by(|&a, &b| slug_cover[a].total_cmp(&slug_cover[b]).then(b.cmp(&a)));
        let from_headline = (0..m)
            .map(|j| match headline {
                Some(h) => (j as f32 - h as f32).clamp(-far, far),
                None => far,
            })
            .collect();
        Cohesion {
            topic,
            slug_cover,
            from_headline,
        }
    }

    #[test]
    fn teasers_have_other_topics() {
        let text = "China Backing Kim Means Party Ties\n\
            The ruling party department oversees ties with the regime and shares responsibility for relations.\n\
            Party ties shouldn't be underestimated as a driver of policy, said the analyst in Washington.\n\
            Police booked drug smugglers in Baramulla district\n";
        let p = Page::analyze(
            text,
            Some("https://x.com/news/china-backing-kim-means-party-ties"),
        );
        let prose: Vec<bool> = vec![false, true, true, false];
        let c = cohesion(&p, &prose, 99.0);
        assert!(c.topic[0] > c.topic[3], "{:?}", c.topic);
        assert_eq!(c.from_headline[0], 0.0);
        assert_eq!(c.from_headline[2], 2.0);
        assert!(c.slug_cover[0] > 0.7, "{:?}", c.slug_cover);
    }

    proptest::proptest! {
        /// The fast tokenisation gives the candidates of the general one.
        #[test]
        fn topic_tokens_fast_equals_general(l in "[ a-zA-Z0-9.,'\u{2019}\u{e9}\u{df}\u{c9}\u{660}-\u{669}\u{3b1}-\u{3c9}\u{2022}\u{4e00}\u{3097}-]{0,80}") {
            let mut maps = Bitmaps::default();
            maps.fill(&l);
            let (mut a, mut b) = (Vec::new(), Vec::new());
            let mut buf = String::new();
            let mut words = LineWords::default();
            let mut seen = TermSet::default();
            topic_tokens(&l, &maps, &[], &mut words, &mut buf, &mut seen, &mut a);
            // the words filled on the way are those of a plain fill
            let mut plain = LineWords::default();
            plain.fill(&l, &maps);
            proptest::prop_assert_eq!(&words.words, &plain.words);
            let mut scratch = crate::lines::LineScratch::default();
            scratch.classify(&l);
            crate::lines::line_stats_classified(&l, &mut scratch);
            let mut c = Vec::new();
            topic_tokens(&l, &maps, &scratch.word_masks, &mut words, &mut buf, &mut seen, &mut c);
            proptest::prop_assert_eq!(&a, &c);
            topic_tokens_general(&l, &mut buf, &mut b);
            // the same set (the two read the tokens in the same order, but compare sets)
            b.sort_unstable_by_key(|t| t.0);
            b.dedup_by_key(|t| t.0);
            a.sort_unstable_by_key(|t| t.0);
            proptest::prop_assert_eq!(a, b);
        }
    }

    proptest::proptest! {
        /// The counting table gives the bits of the definition's hash map, with any prose.
        #[test]
        fn cohesion_equals_reference(
            (text, url) in crate::features::tests::page_strategy(),
            flags in proptest::collection::vec(proptest::bool::ANY, 64),
        ) {
            let p = Page::analyze(&text, url.as_deref());
            let prose: Vec<bool> = (0..p.content.len()).map(|j| flags[j % 64]).collect();
            let (a, b) = (cohesion(&p, &prose, 99.0), cohesion_reference(&p, &prose, 99.0));
            let bits = |v: &[f32]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
            proptest::prop_assert_eq!(bits(&a.topic), bits(&b.topic));
            proptest::prop_assert_eq!(bits(&a.slug_cover), bits(&b.slug_cover));
            proptest::prop_assert_eq!(bits(&a.from_headline), bits(&b.from_headline));
        }
    }

    #[test]
    fn topic_counts_count() {
        let mut t = TopicCounts::with_room_for(40);
        for w in (0..40u32).map(|k| k.wrapping_mul(0x0100_0000)) {
            for _ in 0..=(w >> 24) % 3 {
                t.add(w);
            }
        }
        for w in (0..40u32).map(|k| k.wrapping_mul(0x0100_0000)) {
            assert_eq!(t.get(w), (w >> 24) % 3 + 1);
            let s = t.add(w);
            assert_eq!(t.count_at(s), (w >> 24) % 3 + 2);
        }
        assert_eq!(t.get(7), 0);
    }

    #[test]
    fn alt_text_copies_of_the_headline() {
        let alt = "A covert agency according to global networks - Agency, Person One, Person Two";
        let text = format!("A covert agency according to global networks\n\n{alt}\n\nSome prose here that is long enough to be a sentence.\n\n{alt}\n");
        let p = Page::analyze(&text, None);
        assert_eq!(repeated_heading_copies(&p), vec![false, true, false, true]);
    }
}
