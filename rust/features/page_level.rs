//! The page-level features, the last columns of every row: counts over the page's content
//! lines and the words of its URL. They say what kind of page it is, not what a line is, so
//! they are apart from the per-line rows that repeat them.

use super::ratio;
use crate::lexicon::Cue;
use crate::page::Page;

/// Page-level features, the same on every line of a page: they let the scorer tell an
/// article from a forum thread, a product page or a listing, whose content looks different.
pub(super) const PAGE_FEATURES: [&str; 17] = [
    "doc_frac_prose",
    "doc_frac_short",
    "doc_frac_bullet",
    "doc_prose_words",
    "doc_prices",
    "doc_commerce",
    "doc_comments",
    "doc_quotes",
    "doc_mean_words",
    "url_depth",
    "url_slug_len",
    "url_product",
    "url_forum",
    "url_article",
    "url_docs",
    "url_listing",
    "url_service",
];

/// Counts over the content lines of a page, for [`page_features`]; gathered in the pass over
/// the lines that [`line_features`](super::line_features) makes anyway.
#[derive(Default)]
pub(super) struct PageCounts {
    prose: u32,
    /// lines of at most 5 words
    short: u32,
    bullet: u32,
    pub(super) prose_words: u32,
    prices: u32,
    commerce: u32,
    comments: u32,
    quotes: u32,
    words: u32,
}

impl PageCounts {
    #[inline]
    pub(super) fn add(&mut self, page: &Page, i: usize, prose: bool) {
        let words = page.stats[i].words;
        let cues = &page.cues[i];
        // wrapping, as the sums these replace did in a release build
        let add = |n: &mut u32, x: u32| *n = n.wrapping_add(x);
        add(&mut self.prose, prose as u32);
        add(&mut self.short, (words <= 5) as u32);
        add(&mut self.bullet, page.stats[i].bullet as u32);
        add(&mut self.prose_words, if prose { words } else { 0 });
        add(
            &mut self.prices,
            crate::patterns::has(page.shapes[i], crate::patterns::Shape::Price) as u32,
        );
        add(&mut self.commerce, cues.get(Cue::Commerce));
        add(&mut self.comments, cues.get(Cue::Comments));
        add(&mut self.quotes, cues.get(Cue::Quote));
        add(&mut self.words, words);
    }
}

/// Words of a URL that say what kind of page it is: the last six page features, in order
/// (product, forum, article, documentation, listing, service).
const URL_KINDS: [&[&str]; 6] = [
    &[
        "product", "products", "dp", "item", "itm", "shop", "store", "buy", "p", "sku",
    ],
    &[
        "forum",
        "forums",
        "thread",
        "threads",
        "topic",
        "viewtopic",
        "showthread",
        "community",
        "discussion",
        "questions",
        "t",
    ],
    &[
        "news", "blog", "article", "articles", "story", "stories", "post", "posts", "opinion",
    ],
    &[
        "docs",
        "doc",
        "documentation",
        "wiki",
        "reference",
        "manual",
        "api",
        "guide",
        "tutorial",
        "learn",
    ],
    &[
        "category",
        "categories",
        "collections",
        "collection",
        "tag",
        "tags",
        "search",
        "list",
        "archive",
        "c",
        "browse",
    ],
    &[
        "services",
        "service",
        "pricing",
        "about",
        "contact",
        "solutions",
        "features",
        "plans",
    ],
];

/// The URL's page features: its depth, its number of slug tokens (a stand-in for the longest
/// run of words in one path segment), and whether it has a word of each of [`URL_KINDS`].
pub(super) fn url_features(page: &Page) -> [f32; 8] {
    let mut u = [
        page.url_depth as f32,
        page.url_tokens.len() as f32,
        0.0,
        0.0,
        0.0,
        0.0,
        0.0,
        0.0,
    ];
    for (x, keys) in u[2..].iter_mut().zip(URL_KINDS) {
        *x = page.url_tokens.iter().any(|t| keys.contains(&t.as_str())) as u8 as f32;
    }
    u
}

pub(super) fn page_features(page: &Page, n: &PageCounts) -> [f32; 17] {
    let m = page.content.len().max(1) as f32;
    let mut row = [0.0; 17];
    row[..9].copy_from_slice(&[
        n.prose as f32 / m,
        n.short as f32 / m,
        n.bullet as f32 / m,
        ratio(n.prose_words, page.total_words),
        n.prices as f32,
        n.commerce as f32,
        n.comments as f32,
        n.quotes as f32,
        n.words as f32 / m,
    ]);
    row[9..].copy_from_slice(&url_features(page));
    row
}
