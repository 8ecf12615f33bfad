//! The HTML path: blocks from `html.rs` become the lines of a page text (list items as
//! `• ` bullets, blank lines between other blocks, as plain-text dumps of pages look), each
//! line scored by a model that sees the text features *and* the structure of its block
//! (tag, link density, semantic ancestors, class/id words). In the default mode the model
//! also sees whether trafilatura kept the line: a learned vote between the two extractors.
//! Metadata comes from the head (Open Graph, JSON-LD, meta tags), the text path's rules next.

mod inline;
mod layout;
mod links;

use std::sync::LazyLock;

use rustc_hash::FxHashSet;
use serde::Deserialize;

use crate::classify::{choose_lines, LineDecision};
use crate::features::{self, N_FEATURES};
use crate::gbdt::{Gbdt, ModelError, ModelJson};
use crate::hash::key_hash;
use crate::html::{anc, cls, parse_html, BlockTag, HtmlBlock, HtmlDoc};
use crate::normalize::dedup_key;
use crate::page::Page;
use crate::reasons::Reason;
use crate::vocab::{Vocab, VocabJson};

/// Names of the structural features appended to the text features.
pub fn html_feature_names(with_vote: bool) -> Vec<String> {
    let mut v = features::feature_names();
    for s in [
        "h_tag",
        "h_depth",
        "h_link_density",
        "h_links",
        "h_block_pos",
        "h_in_h1",
        "h_title_overlap",
    ] {
        v.push(s.into());
    }
    v.extend(anc::NAMES.iter().map(|n| format!("h_anc_{n}")));
    v.extend(cls::WORDS.iter().map(|(n, _)| format!("h_cls_{n}")));
    if with_vote {
        v.push("h_in_trafilatura".into());
        v.push("h_trafilatura_share".into());
    }
    v
}

const N_HTML: usize = 7 + anc::N + cls::N;

/// A page text made of an HTML document's blocks, with the block of each line.
pub struct BlockText {
    pub text: String,
    /// Block index of each line of `text` (`u32::MAX` for the blank separator lines).
    pub line_block: Vec<u32>,
    pub doc: HtmlDoc,
}

impl BlockText {
    /// The block line `i` of `text` belongs to (`None` for a blank separator line).
    pub fn block_of(&self, i: usize) -> Option<&HtmlBlock> {
        let b = *self.line_block.get(i)?;
        self.doc.blocks.get(b as usize)
    }
}

pub fn block_text(html: &str) -> BlockText {
    let doc = parse_html(html);
    let mut text = String::with_capacity(html.len() / 4);
    let mut line_block = Vec::with_capacity(doc.blocks.len() * 2);
    let mut prev_li = false;
    for (k, b) in doc.blocks.iter().enumerate() {
        let li = b.tag == BlockTag::Li as u8;
        if k > 0 {
            text.push('\n');
            if !(li && prev_li) {
                // blank line between blocks, not between the items of a list
                text.push('\n');
                line_block.push(u32::MAX);
            }
        }
        if li {
            text.push_str("• ");
        }
        // a block is one line: any line break left inside (a <pre>'s) becomes a space
        text.extend(
            b.text
                .chars()
                .map(|c| if c == '\n' || c == '\r' { ' ' } else { c }),
        );
        line_block.push(k as u32);
        prev_li = li;
    }
    BlockText {
        text,
        line_block,
        doc,
    }
}

fn token_set(s: &str) -> FxHashSet<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .map(|t| t.to_lowercase())
        .collect()
}

/// Text features plus structural features of every content line of `page` (built from
/// `bt.text`). `vote`: dedup-key hashes of the lines trafilatura kept, for the default mode.
pub fn html_features(page: &Page, bt: &BlockText, vote: Option<&FxHashSet<u64>>) -> Vec<f32> {
    let text_rows = features::line_features(page);
    let m = page.content.len();
    let width = N_FEATURES + N_HTML + if vote.is_some() { 2 } else { 0 };
    let mut out = Vec::with_capacity(m * width);
    let n_blocks = bt.doc.blocks.len().max(1) as f32;
    let h1 = bt.doc.meta.h1.as_deref().map(dedup_key).unwrap_or_default();
    let title_tokens = bt
        .doc
        .meta
        .title
        .as_deref()
        .map(token_set)
        .unwrap_or_default();
    let vote_share = vote.map_or(0.0, |v| {
        let hits = page
            .content
            .iter()
            .filter(|&&i| v.contains(&page.hashes[i]))
            .count();
        hits as f32 / m.max(1) as f32
    });
    for (j, &i) in page.content.iter().enumerate() {
        out.extend_from_slice(&text_rows[j * N_FEATURES..(j + 1) * N_FEATURES]);
        // (the block's index is a feature too, its place among the page's blocks)
        let b = bt.line_block.get(i).copied().unwrap_or(u32::MAX);
        match bt.doc.blocks.get(b as usize) {
            Some(blk) => {
                out.push(blk.tag as f32);
                out.push(blk.depth as f32);
                out.push(if blk.chars > 0 {
                    blk.link_chars as f32 / blk.chars as f32
                } else {
                    0.0
                });
                out.push(blk.links as f32);
                out.push(b as f32 / n_blocks);
                out.push((!h1.is_empty() && dedup_key(&blk.text) == h1) as u8 as f32);
                let line_tokens = token_set(&page.lines[i]);
                let overlap = if line_tokens.is_empty() || title_tokens.is_empty() {
                    0.0
                } else {
                    line_tokens.intersection(&title_tokens).count() as f32
                        / line_tokens.len().max(title_tokens.len()) as f32
                };
                out.push(overlap);
                out.extend((0..anc::N).map(|k| ((blk.ancestors >> k) & 1) as f32));
                out.extend((0..cls::N).map(|k| ((blk.classes >> k) & 1) as f32));
            }
            None => out.extend(std::iter::repeat_n(-1.0, N_HTML)),
        }
        if let Some(v) = vote {
            out.push(v.contains(&page.hashes[i]) as u8 as f32);
            out.push(vote_share);
        }
    }
    debug_assert_eq!(out.len(), m * width);
    out
}

/// Dedup-key hashes of the non-blank lines of a text (trafilatura's output, for the vote).
pub fn line_hash_set(text: &str) -> FxHashSet<u64> {
    crate::lines::split_lines(text)
        .map(|l| key_hash(&dedup_key(l)))
        .filter(|&h| h != 0)
        .collect()
}

/// The trained models of the HTML path.
pub struct HtmlModels {
    pub fast: Gbdt,
    pub default: Gbdt,
    /// The vocabulary score of the block lines (see [`crate::vocab`]), trained on them.
    pub vocab: Option<Vocab>,
}

#[derive(Deserialize)]
struct BundleJson {
    format: String,
    fast: ModelJson,
    default: ModelJson,
    #[serde(default)]
    vocab: Option<VocabJson>,
}

impl HtmlModels {
    pub fn from_json(s: &str) -> Result<HtmlModels, ModelError> {
        let b: BundleJson =
            crate::gbdt::read_bundle(s, "boilerstrip-html-1", |b: &BundleJson| &b.format)?;
        let fast = Gbdt::from_json(b.fast)?;
        let default = Gbdt::from_json(b.default)?;
        if fast.feature_names != html_feature_names(false)
            || default.feature_names != html_feature_names(true)
        {
            return Err(ModelError(
                "HTML features differ from this build's; retrain".into(),
            ));
        }
        let vocab = b.vocab.map(Vocab::from_json).transpose()?;
        if vocab.is_none() && (fast.splits_on("vocab") || default.splits_on("vocab")) {
            return Err(ModelError(
                "the HTML models split on the vocabulary score but the bundle has no vocabulary"
                    .into(),
            ));
        }
        Ok(HtmlModels {
            fast,
            default,
            vocab,
        })
    }

    pub fn builtin() -> Option<&'static HtmlModels> {
        BUILTIN.as_ref()
    }
}

static BUILTIN: LazyLock<Option<HtmlModels>> = LazyLock::new(|| {
    let s = include_str!("models/html.json");
    if s.trim() == "null" {
        return None;
    }
    Some(
        HtmlModels::from_json(s)
            .expect("the built-in HTML model matches this build (retrain otherwise)"),
    )
});

#[derive(Clone, Debug, Default, PartialEq)]
pub struct HtmlMetadata {
    pub title: Option<String>,
    pub author: Option<String>,
    pub date: Option<String>,
    pub site: Option<String>,
    pub description: Option<String>,
    pub image: Option<String>,
    pub canonical: Option<String>,
    pub tags: Vec<String>,
    pub lang: Option<String>,
}

pub struct HtmlResult {
    /// The page text built from the blocks (what `lines` refer to).
    pub page_text: String,
    pub lines: Vec<LineDecision>,
    /// Dedup-key hash of each line of `page_text` (0 for blank lines).
    pub line_hashes: Vec<u64>,
    pub text: String,
    pub meta: HtmlMetadata,
    pub words_in: u32,
    pub words_out: u32,
    /// Bytes of the page's text not read: what a block held past 1 MiB.
    pub cut_bytes: u64,
    /// The clean text's language (ISO 639-1) and the confidence in it, as the text path
    /// tells it (stop words of the kept lines, else whatlang).
    pub language: Option<(&'static str, f32)>,
}

fn meta_value<'a>(doc: &'a HtmlDoc, keys: &[&str]) -> Option<&'a str> {
    keys.iter().find_map(|k| {
        doc.meta
            .metas
            .iter()
            .find(|(n, v)| n == k && !v.is_empty())
            .map(|(_, v)| v.as_str())
    })
}

fn json_ld_field(doc: &HtmlDoc, field: &str) -> Option<String> {
    fn walk(v: &serde_json::Value, field: &str, depth: u32) -> Option<String> {
        if depth > 8 {
            return None;
        }
        match v {
            serde_json::Value::Object(m) => {
                if let Some(x) = m.get(field) {
                    match x {
                        serde_json::Value::String(s) if !s.trim().is_empty() => {
                            return Some(s.trim().to_string())
                        }
                        serde_json::Value::Object(o) => {
                            if let Some(serde_json::Value::String(s)) = o.get("name") {
                                return Some(s.trim().to_string());
                            }
                        }
                        serde_json::Value::Array(a) => {
                            let names: Vec<String> = a
                                .iter()
                                .filter_map(|e| match e {
                                    serde_json::Value::String(s) => Some(s.trim().to_string()),
                                    serde_json::Value::Object(o) => o
                                        .get("name")
                                        .and_then(|n| n.as_str())
                                        .map(|s| s.trim().to_string()),
                                    _ => None,
                                })
                                .filter(|s| !s.is_empty())
                                .collect();
                            if !names.is_empty() {
                                return Some(names.join(", "));
                            }
                        }
                        _ => {}
                    }
                }
                m.values().find_map(|x| walk(x, field, depth + 1))
            }
            serde_json::Value::Array(a) => a.iter().find_map(|x| walk(x, field, depth + 1)),
            _ => None,
        }
    }
    doc.meta.json_ld.iter().find_map(|raw| {
        serde_json::from_str::<serde_json::Value>(raw)
            .ok()
            .and_then(|v| walk(&v, field, 0))
    })
}

/// Cut a site name off a `<title>`: "Headline | Site", "Headline - Site", "Site: Headline".
/// A short tail is taken for the site's name unless it is words that start with a small
/// letter, a tagline ("Spider-Man 2 review – a superb sequel"; one such word is a site's,
/// "bcbs.com"). (Keeping the tail also when the page's `<h1>` holds the title whole lost 4
/// of the dev pack's titles and found 2: its ground truth cuts such tails as often as not.)
fn strip_site(title: &str, site: Option<&str>) -> String {
    let t = title.trim();
    for sep in [" | ", " – ", " — ", " - ", " :: ", " · "] {
        if let Some(p) = t.rfind(sep) {
            let (head, tail) = (&t[..p], t[p + sep.len()..].trim());
            let named = site.is_some_and(|s| tail.eq_ignore_ascii_case(s.trim()));
            let words = tail.split_whitespace().count();
            let tagline = words >= 2 && tail.starts_with(char::is_lowercase);
            let tail_is_site = named || (words <= 4 && !tagline);
            if tail_is_site && head.split_whitespace().count() >= 2 {
                return head.trim().to_string();
            }
        }
    }
    t.to_string()
}

/// What templates put in an empty author field: no author, so the text's byline is looked for.
/// (The site itself as the author, "Redfin" on redfin.com, is kept: on personal blogs and
/// company pages the person or the company is the author, and the dev pack's ground truth
/// says so on 60-odd pages.)
fn is_placeholder_author(a: &str) -> bool {
    let k: String = a
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    matches!(
        k.as_str(),
        "" | "undefined"
            | "null"
            | "none"
            | "unknown"
            | "nan"
            | "author"
            | "admin"
            | "administrator"
    )
}

fn html_metadata(doc: &HtmlDoc) -> HtmlMetadata {
    let site = meta_value(doc, &["og:site_name", "application-name", "twitter:site"])
        .map(|s| s.trim_start_matches('@').to_string());
    let title = meta_value(doc, &["og:title", "twitter:title"])
        .map(|t| strip_site(t, site.as_deref()))
        .or_else(|| json_ld_field(doc, "headline"))
        .or_else(|| doc.meta.h1.clone().filter(|h| !h.is_empty()))
        .or_else(|| {
            doc.meta
                .title
                .as_deref()
                .map(|t| strip_site(t, site.as_deref()))
        })
        .filter(|t| !t.is_empty());
    let author = meta_value(
        doc,
        &[
            "author",
            "article:author",
            "byl",
            "parsely-author",
            "dc.creator",
            "sailthru.author",
        ],
    )
    .filter(|a| !a.starts_with("http"))
    .map(|a| {
        a.trim_start_matches("By ")
            .trim_start_matches("by ")
            .to_string()
    })
    .or_else(|| json_ld_field(doc, "author"))
    .filter(|a| !is_placeholder_author(a));
    let date = [
        meta_value(
            doc,
            &[
                "article:published_time",
                "og:published_time",
                "datepublished",
                "date",
                "dc.date",
                "dc.date.issued",
                "parsely-pub-date",
                "sailthru.date",
                "publish-date",
                "pubdate",
                "publishdate",
            ],
        )
        .map(str::to_string),
        json_ld_field(doc, "datePublished"),
        json_ld_field(doc, "dateCreated"),
        meta_value(doc, &["article:modified_time", "og:updated_time"]).map(str::to_string),
        json_ld_field(doc, "dateModified"),
    ]
    .into_iter()
    .flatten()
    .find_map(|d| crate::metadata::parse_date(&d));
    let mut tags: Vec<String> = doc
        .meta
        .metas
        .iter()
        .filter(|(k, _)| k == "article:tag")
        .map(|(_, v)| v.clone())
        .collect();
    if tags.is_empty() {
        if let Some(k) = meta_value(doc, &["keywords", "news_keywords"]) {
            tags = k
                .split(',')
                .map(|t| t.trim().to_string())
                .filter(|t| !t.is_empty())
                .take(50)
                .collect();
        }
    }
    HtmlMetadata {
        title,
        author,
        date,
        site,
        description: meta_value(
            doc,
            &["og:description", "description", "twitter:description"],
        )
        .map(str::to_string),
        image: meta_value(doc, &["og:image", "twitter:image"]).map(str::to_string),
        canonical: doc
            .meta
            .canonical
            .clone()
            .or_else(|| meta_value(doc, &["og:url"]).map(str::to_string)),
        tags,
        lang: doc.meta.lang.clone().or_else(|| {
            meta_value(doc, &["og:locale", "language", "content-language"]).map(str::to_string)
        }),
    }
}

/// The page's own absolute URL: its canonical link, else its `og:url`.
fn own_url(doc: &HtmlDoc) -> Option<&str> {
    doc.meta
        .canonical
        .as_deref()
        .into_iter()
        .chain(meta_value(doc, &["og:url"]))
        .map(str::trim)
        .find(|u| links::is_absolute_http(u))
}

/// How the clean text of an HTML page is written (see `layout::assemble_html`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum TextFormat {
    #[default]
    Plain,
    /// Markdown; `links`: links as `[text](target)`, targets made absolute against the
    /// page's URL.
    Markdown { links: bool },
}

/// Whether `name` (an author the text's rules found) is the text of a line inside a `<nav>`:
/// a menu's items, "Austin Dallas Houston", read as a name beside the article's date. On the
/// dev pack (fast / default mode): authors right 0.7236 -> 0.7221 / 0.7964 -> 0.7979, false
/// 0.152 -> 0.149 / 0.218 -> 0.215. Lines of an element whose class names a menu, or blocks of
/// links alone, lost 10 and 45 authors in the fast mode: bylines link the author's page, and
/// sit in toolbars.
fn named_by_a_menu(page: &Page, bt: &BlockText, name: &str) -> bool {
    page.content.iter().any(|&i| {
        page.lines[i].trim() == name
            && bt
                .block_of(i)
                .is_some_and(|blk| blk.ancestors & anc::NAV != 0)
    })
}

/// Keep (in `keep`, per content line) the lines of users' comments (see [`Choice::comments`]).
fn keep_comments(page: &Page, bt: &BlockText, keep: &mut [bool]) {
    for (j, &i) in page.content.iter().enumerate() {
        let in_comments = bt
            .block_of(i)
            .is_some_and(|blk| blk.classes & cls::COMMENT != 0);
        let words = page.stats[i].words;
        if in_comments && (words >= 8 || (words >= 4 && !page.cues[i].any())) {
            keep[j] = true;
        }
    }
}

/// Which lines of an HTML page to keep, beyond their scores' per-page choice (see
/// [`choose_lines`]).
#[derive(Clone, Copy, Debug)]
pub struct Choice {
    /// Keep the lines scoring at least this instead (see
    /// [`crate::classify::decide_with_floor`]).
    pub threshold: Option<f32>,
    /// Also keep every line scoring at least this.
    pub floor: f32,
    /// Keep the users' comments: the lines of eight words or more, or of four with no cue
    /// ("Leave a Reply"), of blocks inside an element whose class or id names comments
    /// (`comment`, `reply`, `disqus`, `respond`, `discussion`), whatever their scores.
    pub comments: bool,
}

impl Default for Choice {
    fn default() -> Self {
        Choice {
            threshold: None,
            floor: 1.0,
            comments: false,
        }
    }
}

/// Clean an HTML page. `vote`: the lines trafilatura kept (default mode), else fast mode.
pub fn clean_html(
    html: &str,
    url: Option<&str>,
    vote: Option<&FxHashSet<u64>>,
    models: &HtmlModels,
    choice: Choice,
    format: TextFormat,
) -> HtmlResult {
    let Choice {
        threshold,
        floor,
        comments,
    } = choice;
    let bt = block_text(html);
    // without a URL, the one the page gives itself: the URL features, the date in the URL and
    // the links' targets read it as they read a given one
    let own = url.is_none().then(|| own_url(&bt.doc)).flatten();
    let url = url.or(own);
    let mut page = Page::analyze_with(&bt.text, url, models.vocab.as_ref());
    // (the page's `lang` may say how it writes its dates: `en-GB`)
    page.day_first |= bt
        .doc
        .meta
        .lang
        .as_deref()
        .is_some_and(crate::page::lang_day_first);
    let rows = html_features(&page, &bt, vote);
    let model = if vote.is_some() {
        &models.default
    } else {
        &models.fast
    };
    let scores = model.predict(&rows);
    let mut keep = choose_lines(&page, &scores, threshold, floor);
    let units = layout::units(&bt, &page);
    layout::group_decisions(&page, &units, &mut keep);
    if comments {
        // (after the groups' decisions, which would take a comment's text back with the
        // dropped name above it)
        keep_comments(&page, &bt, &mut keep);
    }
    let mut lines: Vec<LineDecision> = (0..page.n_lines())
        .map(|_| LineDecision {
            kept: false,
            reason: Reason::Blank,
            score: 0.0,
        })
        .collect();
    for (j, &i) in page.content.iter().enumerate() {
        let reason = if keep[j] {
            Reason::Content
        } else {
            crate::classify::reason_for(&page, j, i)
        };
        lines[i] = LineDecision {
            kept: keep[j],
            reason,
            score: scores[j],
        };
    }
    let mut text = layout::assemble_html(&bt, &page, &units, &lines, format, url);
    let mut meta = html_metadata(&bt.doc);
    // after the head's own dates, before the text's (see `metadata::url_date`)
    meta.date = meta
        .date
        .or_else(|| url.and_then(crate::metadata::url_date));
    // what the head does not say, the text may: the text path's rules on the kept lines
    if meta.author.is_none() || meta.date.is_none() || meta.title.is_none() {
        let m = crate::metadata::extract(&page, &scores, &keep, None);
        meta.title = meta.title.or(m.title);
        // (not a menu's items: "Austin Dallas Houston", the links of a <nav> above a date)
        let author = m.author.filter(|a| !named_by_a_menu(&page, &bt, a));
        meta.author = meta.author.or(author);
        meta.date = meta.date.or(m.date);
    }
    let words_in = page.total_words;
    let kept = page
        .content
        .iter()
        .zip(&keep)
        .filter(|(_, &k)| k)
        .map(|(&i, _)| i);
    let (words_out, language) = page.kept_words_and_language(kept, &text);
    if words_out == 0 {
        // no word kept (a lone block of "***" or of control characters): nothing is, as the
        // text path keeps nothing of such a page. The caller rejects it (`no-content`), and
        // its lines said a block was kept where its text was empty
        for (j, &i) in page.content.iter().enumerate() {
            if lines[i].kept {
                lines[i].kept = false;
                lines[i].reason = crate::classify::reason_for(&page, j, i);
            }
        }
        text.clear();
    }
    let line_hashes = page.hashes.clone();
    drop(page);
    HtmlResult {
        words_in,
        words_out,
        cut_bytes: bt.doc.cut_bytes,
        page_text: bt.text,
        lines,
        line_hashes,
        text,
        meta,
        language,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_loses_a_site_name_not_a_tagline() {
        assert_eq!(
            strip_site("Big News Today | The Daily", None),
            "Big News Today"
        );
        assert_eq!(
            strip_site("Big News Today - Example Times", Some("Example Times")),
            "Big News Today"
        );
        assert_eq!(strip_site("Health Plans | bcbs.com", None), "Health Plans");
        // a tagline after the dash: words that start with a small letter
        assert_eq!(
            strip_site("Spider-Man 2 review – a superb sequel", None),
            "Spider-Man 2 review – a superb sequel"
        );
        assert_eq!(
            strip_site("Spider-Man 2 review – a superb sequel | The Daily", None),
            "Spider-Man 2 review – a superb sequel"
        );
    }

    #[test]
    fn a_bundle_without_the_vocabulary_its_trees_use_is_refused() {
        let mut b: serde_json::Value =
            serde_json::from_str(include_str!("models/html.json")).unwrap();
        assert!(HtmlModels::from_json(&b.to_string()).is_ok());
        b.as_object_mut().unwrap().remove("vocab");
        let err = HtmlModels::from_json(&b.to_string())
            .err()
            .expect("refused");
        assert!(err.0.contains("no vocabulary"), "{}", err.0);
    }

    #[test]
    fn block_text_lines_map_to_blocks() {
        let bt = block_text("<ul><li>Home</li><li>News</li></ul><p>Para one.</p><p>Para two.</p>");
        assert_eq!(bt.text, "• Home\n• News\n\nPara one.\n\nPara two.");
        assert_eq!(bt.line_block, [0, 1, u32::MAX, 2, u32::MAX, 3]);
    }

    #[test]
    fn metadata_from_head() {
        let html = r#"<html lang="de"><head><title>Big News | The Paper</title>
            <meta property="og:site_name" content="The Paper">
            <meta property="article:published_time" content="2024-04-23T10:00:00Z">
            <meta name="keywords" content="a, b ,c">
            <script type="application/ld+json">{"@graph":[{"@type":"NewsArticle","author":[{"name":"Ann"},{"name":"Bo"}]}]}</script>
            </head><body><h1>Big News</h1><p>Text.</p></body></html>"#;
        let m = html_metadata(&parse_html(html));
        assert_eq!(m.title.as_deref(), Some("Big News"));
        assert_eq!(m.site.as_deref(), Some("The Paper"));
        assert_eq!(m.date.as_deref(), Some("2024-04-23"));
        assert_eq!(m.author.as_deref(), Some("Ann, Bo"));
        assert_eq!(m.tags, ["a", "b", "c"]);
        assert_eq!(m.lang.as_deref(), Some("de"));
    }

    #[test]
    fn a_page_without_a_given_url_reads_its_own() {
        let own = |head: &str| {
            let doc = parse_html(&format!(
                "<html><head>{head}</head><body><p>x</p></body></html>"
            ));
            own_url(&doc).map(str::to_string)
        };
        let canon = r#"<link rel="canonical" href=" https://site.example/2024/05/06/story ">"#;
        let og = r#"<meta property="og:url" content="HTTP://site.example/og">"#;
        assert_eq!(
            own(canon).as_deref(),
            Some("https://site.example/2024/05/06/story")
        );
        assert_eq!(own(og).as_deref(), Some("HTTP://site.example/og"));
        // a relative or host-less canonical link is no URL; og:url is the next choice
        let relative = r#"<link rel="canonical" href="/story">"#;
        assert_eq!(own(relative), None);
        assert_eq!(
            own(&format!("{relative}{og}")).as_deref(),
            Some("HTTP://site.example/og")
        );
        assert_eq!(own(r#"<link rel="canonical" href="https:///x">"#), None);
        assert_eq!(own(r#"<link rel="canonical" href="https://">"#), None);
        // the page's own URL dates it where the head does not, as a given URL does
        let Some(models) = HtmlModels::builtin() else {
            return;
        };
        let html = format!(
            "<html><head>{canon}</head><body><h1>Story</h1><p>{}</p></body></html>",
            "The council met on a quiet morning and voted for the new park. ".repeat(4)
        );
        let r = clean_html(
            &html,
            None,
            None,
            models,
            Choice::default(),
            TextFormat::Plain,
        );
        assert_eq!(r.meta.date.as_deref(), Some("2024-05-06"));
        let given = "https://other.example/2023/01/02/x";
        let r = clean_html(
            &html,
            Some(given),
            None,
            models,
            Choice::default(),
            TextFormat::Plain,
        );
        assert_eq!(r.meta.date.as_deref(), Some("2023-01-02"));
    }

    #[test]
    fn feature_width() {
        let bt = block_text(
            "<nav><a href=/>Home</a></nav><article><p>Some text that is a sentence.</p></article>",
        );
        let page = Page::analyze(&bt.text, None);
        assert_eq!(
            html_features(&page, &bt, None).len(),
            page.content.len() * html_feature_names(false).len()
        );
        let v = line_hash_set("Some text that is a sentence.");
        assert_eq!(
            html_features(&page, &bt, Some(&v)).len(),
            page.content.len() * html_feature_names(true).len()
        );
    }
}
