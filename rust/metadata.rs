//! Metadata read off the lines of a page: the headline, the author (from a byline) and the
//! publication date (ISO `YYYY-MM-DD`), located relative to the main content the scorer found.
//!
//! Each search has its module: `title` (the headline, the title model's rows), `author`
//! (bylines and names) and `date` (the date line, [`parse_date`]); this one runs them in the
//! order they depend on each other.

mod author;
mod date;
mod title;

pub use date::{month_words, parse_date, url_date};
pub use title::{
    find_title, headline_text, main_start, slug_span_title, title_feature_names, title_rows,
};

use crate::gbdt::Gbdt;
use crate::page::Page;
use author::find_author;
use date::find_date;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Metadata {
    pub title: Option<String>,
    /// Input line number of the headline.
    pub title_line: Option<usize>,
    pub author: Option<String>,
    /// ISO date.
    pub date: Option<String>,
}

pub fn extract(page: &Page, scores: &[f32], keep: &[bool], title_model: Option<&Gbdt>) -> Metadata {
    extract_with_features(page, None, scores, keep, title_model, None, None)
}

/// [`extract`] with the page's line features already at hand (see [`find_title`]), and the
/// line the input marks as its headline (a Markdown `# ` heading), if it marks one.
pub fn extract_with_features(
    page: &Page,
    feats: Option<&[f32]>,
    scores: &[f32],
    keep: &[bool],
    title_model: Option<&Gbdt>,
    not_title: Option<&[bool]>,
    headline: Option<usize>,
) -> Metadata {
    // a line's content position (`content` holds the non-blank lines in order)
    let at = |i: usize| page.content.binary_search(&i).ok();
    // the input's own headline, unless the line pass found it to be a notice or a widget
    let marked = headline
        .and_then(at)
        .filter(|&j| !not_title.is_some_and(|x| x[j]));
    let title_at = marked
        .or_else(|| find_title(page, feats, scores, keep, title_model, not_title).and_then(at));
    let title_line = title_at.map(|j| page.content[j]);
    let m = page.content.len();
    let near = match title_at {
        Some(j) => j,
        None => (0..m).find(|&j| keep[j]).unwrap_or(0),
    };
    let (mut author, mut date) = if m > 0 {
        (
            find_author(page, near, keep, title_line),
            find_date(page, near, keep),
        )
    } else {
        (None, None)
    };
    if author.is_none() || date.is_none() {
        if let Some((name, when)) = author::byline_block(page, keep) {
            // (an explicit byline with its date: "By News Desk" is one, so no word test)
            author = author.or(Some(name));
            date = date.or(Some(when));
        }
    }
    if author.is_none() && m > 0 {
        author = author::author_box(page)
            .or_else(|| author::avatar_box(page))
            .or_else(|| author::heading_box(page))
            .or_else(|| author::bio_box(page))
            .filter(|n| !author::has_ui_word(n));
    }
    if date.is_none() && m > 0 {
        date = date::announced_date(page);
    }
    Metadata {
        title: title_at.map(|j| headline_text(page, j)),
        title_line,
        author,
        date,
    }
}

#[cfg(test)]
mod tests;

/// The first of `items` if every one has its key (`None` if there is none, or two keys
/// differ): the page's one byline block, author box or announced date, where two are a list.
/// Stops at the first item that differs.
fn only_one<T, K: PartialEq>(items: impl Iterator<Item = T>, key: impl Fn(&T) -> &K) -> Option<T> {
    let mut found: Option<T> = None;
    for item in items {
        match &found {
            Some(f) if key(f) != key(&item) => return None,
            Some(_) => {}
            None => found = Some(item),
        }
    }
    found
}
