//! A page analysed once: its normalised lines with their statistics, cue hits, shapes and
//! hashes. Features, decisions and metadata are all read off this.

use std::borrow::Cow;

use rustc_hash::FxHashMap;

use crate::hash::line_hash;
use crate::lexicon::{cue_hits, CueHits};
use crate::lines::{line_stats, split_lines, LineStats};
use crate::normalize::normalize_line;
use crate::patterns::shapes;
use crate::stopwords::N_LANG;

/// Cue phrases are looked for in the first bytes of a line only.
const CUE_BYTES: usize = 160;

pub struct Page<'a> {
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
}

impl<'a> Page<'a> {
    pub fn analyze(text: &'a str, url: Option<&str>) -> Page<'a> {
        let mut buf = String::new();
        let mut key_buf = String::new();
        let n_guess = text.len() / 40 + 1;
        let mut lines = Vec::with_capacity(n_guess);
        let mut stats = Vec::with_capacity(n_guess);
        let mut cues = Vec::with_capacity(n_guess);
        let mut shp = Vec::with_capacity(n_guess);
        let mut hashes = Vec::with_capacity(n_guess);
        let mut content = Vec::with_capacity(n_guess);
        let mut lang_totals = [0u32; N_LANG];
        let mut total_words = 0u32;
        for (i, raw) in split_lines(text).enumerate() {
            // features need the indent, which normalisation removes: count it on the raw line
            let st = line_stats(raw, &mut buf);
            let norm = normalize_line(raw);
            if st.is_blank() || norm.is_empty() {
                stats.push(LineStats { indent: st.indent, ..Default::default() });
                cues.push(CueHits::default());
                shp.push(0);
                hashes.push(0);
            } else {
                content.push(i);
                total_words += st.words;
                for (t, c) in lang_totals.iter_mut().zip(st.stop.0.iter()) {
                    *t += *c as u32;
                }
                cues.push(cue_hits(&norm, CUE_BYTES));
                shp.push(shapes(&norm));
                hashes.push(line_hash(&norm, &mut key_buf));
                stats.push(st);
            }
            lines.push(norm);
        }
        // ties go to the earlier (more common) language
        let (best, &hits) = lang_totals.iter().enumerate().rev().max_by_key(|(_, &c)| c).unwrap();
        let stop_lang = if hits > 0 { Some(best) } else { None };
        let mean_stop_ratio = if total_words > 0 { hits as f32 / total_words as f32 } else { 0.0 };

        let (dup_count, dup_rank) = duplicates(&hashes);
        Page {
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
            url_tokens: url.map(url_tokens).unwrap_or_default(),
        }
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
}

fn duplicates(hashes: &[u64]) -> (Vec<u16>, Vec<u16>) {
    let mut seen: FxHashMap<u64, u16> = FxHashMap::default();
    let mut rank = vec![0u16; hashes.len()];
    for (i, &h) in hashes.iter().enumerate() {
        if h != 0 {
            let c = seen.entry(h).or_insert(0);
            rank[i] = *c;
            *c = c.saturating_add(1);
        }
    }
    let count = hashes.iter().map(|h| if *h == 0 { 0 } else { seen[h] }).collect();
    (count, rank)
}

/// Words of a URL's path and query, lower-cased: `https://x.com/news/china-backing-kim`
/// gives `["news", "china", "backing", "kim"]`. Pure digits and file suffixes are dropped.
pub fn url_tokens(url: &str) -> Vec<String> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let path = rest.find('/').map_or("", |p| &rest[p..]);
    path.split(|c: char| !c.is_alphanumeric())
        .filter(|t| t.len() >= 2 && !t.bytes().all(|b| b.is_ascii_digit()))
        .filter(|t| !matches!(*t, "html" | "htm" | "php" | "aspx" | "asp" | "www" | "index"))
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

    #[test]
    fn slug_tokens() {
        assert_eq!(url_tokens("https://www.bloomberg.com/news/2010-06-10/china-backing-kim.html"), ["news", "china", "backing", "kim"]);
        assert!(url_tokens("not a url").is_empty());
    }
}
