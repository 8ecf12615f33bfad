//! Boilerplate cue words: short phrases that mark navigation, share widgets, cookie and
//! browser notices, teasers, legal footers, captions and the like, in the languages most
//! common on the web. The hits are features for the scorer and the source of the readable
//! drop reasons.
//!
//! A phrase is a sequence of words (runs of letters and digits, lower-cased), matched on the
//! words of a line, leftmost and longest first. Words are hashed once per line, and each
//! phrase is a hash of its words' hashes in one small table: a lookup per word. (An
//! Aho-Corasick DFA over the bytes did the same with a dependent table load per byte, the
//! line pass's costliest step in wall time.) A phrase written with a final `:` ("said:")
//! matches only where the line has a `:` right after its last word; `©` is counted as a
//! character.
//!
//! The phrases themselves are data, in two files by where their families sit on a page
//! (`site_phrases`: the frame a site puts around every page; `content_phrases`: what sits
//! next to or inside a page's own text); the hashed words of a line, which the vocabulary and
//! the topic words read too, are in `words`. This file holds the families and the matcher.

mod content_phrases;
mod site_phrases;
mod words;

pub use words::LineWords;
pub(crate) use words::{packed_hash, read_run, run_mask, topic_hash, topic_hash_of_lower};

use std::sync::LazyLock;

use rustc_hash::FxHashMap;

use words::words_general;

/// A family of cue phrases. The order is the order of the features.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Cue {
    Navigation = 0,
    Share,
    Follow,
    Cookie,
    Account,
    Newsletter,
    Related,
    Legal,
    Browser,
    Advert,
    Comments,
    Caption,
    Contact,
    Calendar,
    Byline,
    Pagination,
    Commerce,
    Quote,
}
pub const N_CUES: usize = 18;
pub const CUE_NAMES: [&str; N_CUES] = [
    "navigation",
    "share",
    "follow",
    "cookie",
    "account",
    "newsletter",
    "related",
    "legal",
    "browser",
    "advert",
    "comments",
    "caption",
    "contact",
    "calendar",
    "byline",
    "pagination",
    "commerce",
    "quote",
];

/// What a phrase hash (of a phrase's first words) stands for.
#[derive(Clone, Copy, Default)]
struct Node {
    /// The family of the whole phrase, if these words are one (and whether it wants a `:`).
    cue: Option<(Cue, bool)>,
    /// A longer phrase starts with these words.
    longer: bool,
}

struct Lexicon {
    nodes: FxHashMap<u64, Node>,
    max_words: usize,
    /// One bit per value of a first word's phrase hash (its top [`FIRST_BITS`] bits): most
    /// words of a line start no phrase, and this 8 KiB filter (in L1) says so without a probe
    /// of `nodes`.
    first: Box<[u64]>,
}

const FIRST_BITS: u32 = 16;

#[inline(always)]
fn first_slot(h: u64) -> usize {
    (h >> (64 - FIRST_BITS)) as usize
}

#[inline]
fn extend_phrase(h: u64, w: u64) -> u64 {
    (h.rotate_left(23) ^ w).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    let mut nodes: FxHashMap<u64, Node> = FxHashMap::default();
    let mut first = vec![0u64; 1 << (FIRST_BITS - 6)].into_boxed_slice();
    let mut max_words = 0;
    let (mut buf, mut words) = (String::new(), Vec::new());
    // the month words the date parser reads beyond the Latin-script ones listed with the
    // calendar phrases (Cyrillic, Arabic, Thai, ...): one list, kept with the parser
    let months: &[&str] = &crate::metadata::month_words().collect::<Vec<_>>();
    let calendar = [(Cue::Calendar, months)];
    for (cue, phrases) in site_phrases::PHRASES
        .iter()
        .chain(content_phrases::PHRASES)
        .chain(&calendar)
    {
        for p in *phrases {
            let colon = p.ends_with(':');
            words.clear();
            words_general(p.trim_end_matches(':'), usize::MAX, &mut buf, &mut words);
            if words.is_empty() {
                continue; // "©": counted as a character
            }
            max_words = max_words.max(words.len());
            let mut h = 0u64;
            for (k, &(w, _)) in words.iter().enumerate() {
                h = extend_phrase(h, w);
                if k == 0 {
                    first[first_slot(h) >> 6] |= 1 << (first_slot(h) & 63);
                }
                let node = nodes.entry(h).or_default();
                if k + 1 == words.len() {
                    // the first family listed keeps a phrase listed twice
                    node.cue.get_or_insert((*cue, colon));
                } else {
                    node.longer = true;
                }
            }
        }
    }
    Lexicon {
        nodes,
        max_words,
        first,
    }
});

/// Cue hits of a line, one counter per [`Cue`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CueHits(pub [u8; N_CUES]);

impl CueHits {
    #[inline]
    pub fn get(&self, cue: Cue) -> u32 {
        self.0[cue as usize] as u32
    }
    pub fn any(&self) -> bool {
        self.0.iter().any(|&c| c > 0)
    }
    #[inline]
    fn add(&mut self, cue: Cue) {
        let slot = &mut self.0[cue as usize];
        *slot = slot.saturating_add(1);
    }
}

/// Find the cue phrases among the words of `line` (`words`, see [`LineWords`]) that end in its
/// first `max_bytes` bytes: cues matter on short lines, and long prose would only add noise.
pub fn cue_hits(line: &str, words: &LineWords, max_bytes: usize) -> CueHits {
    let mut hits = CueHits::default();
    for_each_hit(line, words, max_bytes, |cue, _| hits.add(cue));
    hits
}

/// The cue families a line is about, not only a word of. A family is when one of its hits:
/// - opens the line ("Share this story on", "Sign up for our emails", "Photo: AP");
/// - is a phrase of several words ("Web Privacy Policy | Site Map", "Shopping Cart Image");
/// - is a word no other kind of line uses ([`STRONG_WORDS`]: "See price on Amazon",
///   "Explore related questions", "Kim Kyung-Hoon/Reuters");
///
/// or when its hits are two or more ("Click to share on Pinterest (Opens in new window)
/// Pinterest") or cover at least half of the words that have a letter ("Post Reply", "1-10
/// of 20 replies", "+$18.02 shipping"). A `©` makes a line legal. A cue word inside a line
/// about something else ("How to Keep Birds Out *of* the Garden", "Learn *JavaScript*",
/// "Google *Ads* jobs") names no family here. The readable reasons are taken from these (see `classify::reason_for`); the
/// scorer's features count every hit ([`cue_hits`]). `words` and `max_bytes` as for
/// [`cue_hits`].
pub fn cue_subjects(line: &str, words: &LineWords, max_bytes: usize) -> CueHits {
    let mut covered = [0u32; N_CUES];
    let mut out = CueHits::default();
    let strong = &*STRONG;
    for_each_hit(line, words, max_bytes, |cue, (first, last)| {
        let k = cue as usize;
        if first == COPYRIGHT {
            out.0[k] = 1;
            return;
        }
        let span = (last - first + 1) as u32;
        if first == 0 || span > 1 || covered[k] > 0 || strong.contains(&words.words[first].0) {
            out.0[k] = 1;
        }
        covered[k] += span;
    });
    let limit = line.len().min(max_bytes);
    // (split as the words are: runs of alphanumeric characters)
    let mut end = limit;
    while !line.is_char_boundary(end) {
        end -= 1;
    }
    let lettered = line[..end]
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().any(char::is_alphabetic))
        .count() as u32;
    for (k, &c) in covered.iter().enumerate() {
        if c > 0 && 2 * c >= lettered {
            out.0[k] = 1;
        }
    }
    out
}

/// Cue words that make a short line what their family says wherever they stand in it
/// (see [`cue_subjects`]): words of widgets, notices and credits, not of topics. A menu item
/// or a title holds "share", "page", "support" or "ads" ("Market Share", "Google Ads jobs"),
/// hardly "newsletter", "shipping" or "password". (A browser's name is no such word: "Chrome
/// Enterprise", "Edge Pro Sharpener"; see `classify::reason_for`.)
const STRONG_WORDS: &[&str] = &[
    "newsletter",
    "newsletters",
    "inbox",
    "subscribe",
    "related",
    "price",
    "shipping",
    "checkout",
    "cart",
    "reuters",
    "shutterstock",
    "sponsored",
    "advertisement",
    "cookies",
    "consent",
    "comment",
    "comments",
    "reply",
    "replies",
    "password",
    "wishlist",
    "rss",
];

static STRONG: LazyLock<rustc_hash::FxHashSet<u64>> = LazyLock::new(|| {
    STRONG_WORDS
        .iter()
        .map(|w| words::word_hash(w.as_bytes()))
        .collect()
});

/// The word index [`for_each_hit`] gives a `©`, which is no word.
const COPYRIGHT: usize = usize::MAX;

/// The hits of [`cue_hits`], each as its family and its first and last word (a `©` as
/// [`COPYRIGHT`] for both).
fn for_each_hit(
    line: &str,
    words: &LineWords,
    max_bytes: usize,
    mut hit: impl FnMut(Cue, (usize, usize)),
) {
    let b = line.as_bytes();
    let limit = b.len().min(max_bytes);
    let n = words.words.iter().take_while(|w| w.1 <= limit).count();
    let lex = &*LEXICON;
    let words = &words.words[..n];
    let mut i = 0;
    while i < words.len() {
        let f = first_slot(extend_phrase(0, words[i].0));
        if (lex.first[f >> 6] >> (f & 63)) & 1 == 0 {
            i += 1;
            continue;
        }
        let mut h = 0u64;
        let mut best: Option<(Cue, usize)> = None;
        for (j, w) in words.iter().enumerate().take(i + lex.max_words).skip(i) {
            h = extend_phrase(h, w.0);
            let Some(node) = lex.nodes.get(&h) else { break };
            if let Some((cue, colon)) = node.cue {
                if !colon || b.get(words[j].1) == Some(&b':') {
                    best = Some((cue, j));
                }
            }
            if !node.longer {
                break;
            }
        }
        match best {
            Some((cue, j)) => {
                hit(cue, (i, j));
                i = j + 1;
            }
            None => i += 1,
        }
    }
    // '©' is U+00A9, C2 A9 in UTF-8: its second byte found with memchr (a char-by-char
    // search, or a substring finder built per line, cost more than the cue matching)
    let head = &b[..limit];
    for i in memchr::memchr_iter(0xA9, head) {
        if i > 0 && head[i - 1] == 0xC2 {
            hit(Cue::Legal, (COPYRIGHT, COPYRIGHT));
        }
    }
}

#[cfg(test)]
mod tests;
