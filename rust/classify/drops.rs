//! Why a line is dropped: the rules that drop a line whatever its score ([`forced_drops`])
//! and the readable reason given to a line the scores dropped ([`reason_for`]). Apart from
//! the line pass because they read the page's per-line cues and shapes, not the scores, and
//! are where one looks for why a line went.

use crate::lexicon::{cue_subjects, Cue};
use crate::lines::Ending;
use crate::page::Page;
use crate::patterns::{has, Shape};
use crate::reasons::Reason;

/// A readable reason for dropping content line `j` (index `i`) of `page`.
pub fn reason_for(page: &Page, j: usize, i: usize) -> Reason {
    let st = &page.stats[i];
    let sh = page.shapes[i];
    let cues = &page.cues[i];
    if let Some(r) = shape_reason(sh, &page.lines[i]) {
        return r;
    }
    let short = st.words <= SHORT_WORDS;
    let c = &page.content;
    let next_adjacent = i + 1 < page.n_lines() && !page.stats[i + 1].is_blank();
    let next_is_caption = next_adjacent && page.cues[i + 1].get(Cue::Caption) > 0;
    if page.dup_count[i] > 1 && st.words >= 6 && !st.bullet {
        return if st.ending == Ending::Sentence {
            Reason::Repeated
        } else {
            Reason::AltText
        };
    }
    if short {
        if let Some(r) = cue_reason(&page.lines[i], cues) {
            return r;
        }
        if has(sh, Shape::Count) {
            return Reason::Comments;
        }
    } else if cues.get(Cue::Cookie) > 0 {
        return Reason::CookieNotice;
    } else if cues.get(Cue::Caption) > 0 && subjects(&page.lines[i]).get(Cue::Caption) > 0 {
        return Reason::Caption;
    }
    if next_is_caption && st.ending == Ending::None {
        return Reason::AltText;
    }
    // inside a teaser block: a "Related ..." heading above, within a few lines
    if (j.saturating_sub(12)..j).rev().any(|k| {
        let ik = c[k];
        page.stats[ik].words <= 6 && page.cues[ik].get(Cue::Related) > 0
    }) {
        return Reason::RelatedTeaser;
    }
    // a line among phone numbers
    let near_phone = (j.saturating_sub(2)..(j + 3).min(c.len()))
        .any(|k| k != j && has(page.shapes[c[k]], Shape::Phone));
    if near_phone && short {
        return Reason::ContactList;
    }
    let short_neighbours = [j.checked_sub(1), Some(j + 1)]
        .iter()
        .flatten()
        .filter(|&&k| k < c.len() && page.stats[c[k]].words <= 5)
        .count();
    if st.words <= 5 && short_neighbours >= 1 {
        return Reason::Navigation;
    }
    // an item of a list of links: a bulleted or numbered line that is no sentence, next to
    // another ("• How to choose a home EV charger", "26. Styling tables")
    let item = |k: usize| page.stats[k].bullet || page.stats[k].numbered;
    if short
        && item(i)
        && st.ending != Ending::Sentence
        && [j.checked_sub(1), Some(j + 1)]
            .iter()
            .flatten()
            .any(|&k| k < c.len() && item(c[k]))
    {
        return Reason::Navigation;
    }
    if st.words < 10 {
        Reason::LowTextDensity
    } else {
        Reason::OutsideMainContent
    }
}

/// The reason a dropped line's shapes (`patterns::shapes`) name, if they name one: weather, a
/// date header, a byline, a contact, a price. Also the fast path's (`crate::fast`).
pub(crate) fn shape_reason(sh: u16, line: &str) -> Option<Reason> {
    if has(sh, Shape::Temperature) {
        Some(Reason::Weather)
    } else if has(sh, Shape::Date) || has(sh, Shape::Time) && is_clock(line) {
        Some(Reason::DateHeader)
    } else if has(sh, Shape::Byline) {
        Some(Reason::Byline)
    } else if has(sh, Shape::Phone) || has(sh, Shape::Email) {
        Some(Reason::ContactList)
    } else if has(sh, Shape::Price) {
        Some(Reason::Commerce)
    } else {
        None
    }
}

/// The reason a short line with these cue hits takes from them, if any: the family the line
/// is about names it, not a cue word inside a menu item or a title ("Learn JavaScript", "Keep
/// Birds Out of the Garden"). Also the fast path's (`crate::fast`).
pub(crate) fn cue_reason(line: &str, cues: &crate::lexicon::CueHits) -> Option<Reason> {
    if !names_by_cue(cues) {
        return None;
    }
    let mut about = subjects(line);
    // (a browser's name is no subject: see `names_browser`)
    about.0[Cue::Browser as usize] = (cues.get(Cue::Browser) > 0 && names_browser(line)) as u8;
    NAMING_CUES
        .iter()
        .find(|&&(cue, _)| about.get(cue) > 0)
        .map(|&(_, reason)| reason)
}

/// Whether line `i` of `page` has a cue that gave its reason before reasons were named by the
/// cues a line is about ([`cue_subjects`]): any cue on a short line, a cookie, browser or
/// caption cue on a longer one. The runs of prose (`runs::continue_prose_runs`) keep only
/// lines without one, as when their rule was measured and the line model trained with it: the
/// decisions stay as they were, only the names changed.
pub(super) fn had_cue_reason(page: &Page, i: usize) -> bool {
    had_cue_reason_of(&page.cues[i], page.stats[i].words)
}

/// [`had_cue_reason`] of a line of `words` words whose cues are `cues`.
pub(crate) fn had_cue_reason_of(cues: &crate::lexicon::CueHits, words: u32) -> bool {
    if words <= SHORT_WORDS {
        names_by_cue(cues)
    } else {
        cues.get(Cue::Cookie) > 0 || cues.get(Cue::Browser) > 0 || cues.get(Cue::Caption) > 0
    }
}

/// A short line with these cues may take its reason from one of them ([`NAMING_CUES`]).
fn names_by_cue(cues: &crate::lexicon::CueHits) -> bool {
    NAMING_CUES.iter().any(|&(c, _)| cues.get(c) > 0)
}

/// The cue families that name a short line's reason, first first (the calendar, byline and
/// quote cues name none: a date or byline is named by its shape).
const NAMING_CUES: [(Cue, Reason); 15] = [
    (Cue::Cookie, Reason::CookieNotice),
    (Cue::Browser, Reason::BrowserNotice),
    (Cue::Share, Reason::ShareWidget),
    (Cue::Follow, Reason::FollowWidget),
    (Cue::Newsletter, Reason::Newsletter),
    (Cue::Account, Reason::Login),
    (Cue::Legal, Reason::Footer),
    (Cue::Advert, Reason::Advert),
    (Cue::Related, Reason::RelatedTeaser),
    (Cue::Comments, Reason::Comments),
    (Cue::Caption, Reason::Caption),
    (Cue::Contact, Reason::ContactList),
    (Cue::Pagination, Reason::Pagination),
    (Cue::Commerce, Reason::Commerce),
    (Cue::Navigation, Reason::Navigation),
];

/// Lines of at most this many words are short to [`reason_for`]: the cue family such a line
/// is about names its reason.
const SHORT_WORDS: u32 = 12;

/// Whether a cue family is what `line` is about ([`cue_subjects`]). The line's words are
/// read again: only for dropped short lines with a cue, so the page analysis need not keep
/// every line's words.
fn subjects(line: &str) -> crate::lexicon::CueHits {
    with_words(line, |words| {
        cue_subjects(line, words, crate::page::CUE_BYTES)
    })
}

/// Every cue phrase of a line ([`crate::lexicon::cue_hits`]), its words read again.
pub(crate) fn hits(line: &str) -> crate::lexicon::CueHits {
    with_words(line, |words| {
        crate::lexicon::cue_hits(line, words, crate::page::CUE_BYTES)
    })
}

fn with_words<T>(line: &str, f: impl FnOnce(&crate::lexicon::LineWords) -> T) -> T {
    thread_local! {
        // (reused from line to line: their buffers are the cost on short lines)
        static SCRATCH: std::cell::RefCell<(crate::scan::Bitmaps, crate::lexicon::LineWords)> =
            Default::default();
    }
    SCRATCH.with_borrow_mut(|(maps, words)| {
        maps.fill(line);
        words.fill(line, maps);
        f(words)
    })
}

/// A short line with a browser cue is a browser notice when it says "browser" ("Your browser
/// does not support the video tag") or asks for an upgrade ("Upgrade to Internet Explorer");
/// a browser's name alone names no reason ("Chrome Enterprise" in a menu is navigation). A
/// browser notice, and the list of browsers after one, are dropped by [`forced_drops`] with
/// their reason.
fn names_browser(line: &str) -> bool {
    let l = line.to_ascii_lowercase();
    // ("Upgrade your membership" is no notice: the browser's name must follow "to")
    ["browser", "upgrade to", "update to"]
        .iter()
        .any(|w| l.contains(w))
}

/// A line of the time shape that reads as a clock: `h:mm` (hours below 24, minutes below 60),
/// or `h.mm` with am or pm. The shape (a feature of the line model, which was trained on it)
/// also takes a rating ("4.58") or a weight ("0.66 lbs"), which are no date header.
pub(super) fn is_clock(line: &str) -> bool {
    let t = line.trim();
    let Some(sep) = t.find([':', '.']) else {
        return false;
    };
    let (h, rest) = (&t[..sep], &t[sep + 1..]);
    let m: String = rest.chars().take_while(char::is_ascii_digit).collect();
    let (Ok(h), Ok(mm)) = (h.parse::<u32>(), m.parse::<u32>()) else {
        return false;
    };
    if h >= 24 || mm >= 60 || m.len() != 2 {
        return false;
    }
    let after = rest[m.len()..].trim_start().to_ascii_lowercase();
    t.as_bytes()[sep] == b':'
        || after.starts_with("am")
        || after.starts_with("pm")
        || after.starts_with("a.m")
        || after.starts_with("p.m")
}

/// A line of a code listing (`print(user)`, `share_url = x`, `<a href=...>`, `@login`) or a
/// figure ("Market share: 12.9%"), which a widget's word in it does not make a widget.
fn looks_like_code_or_data(line: &str) -> bool {
    line.contains(['(', '=', '_', '<', '@', '\'', '%', '{', ';'])
}

/// What [`forced_drop`] reads of a line.
pub(crate) struct LineFacts<'a> {
    pub line: &'a str,
    pub words: u32,
    pub ending: Ending,
    pub bullet: bool,
    pub numbered: bool,
    /// It has a letter or a digit.
    pub readable: bool,
    pub cues: &'a crate::lexicon::CueHits,
    /// The next line, when it follows with no blank line between and is not a list item.
    pub next: Option<&'a str>,
}

/// The rule of [`forced_drops`] that drops one line on what it says (not on the lines
/// around it but the next one), if one does. Also the fast path's (`crate::fast`).
pub(crate) fn forced_drop(f: &LineFacts) -> Option<Reason> {
    forced_drop_own(f).or_else(|| caption_above(f.words, f.ending, f.bullet, f.next))
}

/// [`forced_drop`] but for its last rule, the one that reads the next line: what the line
/// says on its own, which the fast path's fixed point keeps from reading to reading (a
/// line's neighbours change between readings, the line does not).
pub(crate) fn forced_drop_own(f: &LineFacts) -> Option<Reason> {
    use crate::patterns::{
        ends_in_photo_credit, is_browser_notice, is_cookie_notice, is_image_description,
    };
    let (line, cues) = (f.line, f.cues);
    if !f.readable {
        // nothing to read: rules, dingbats, replacement characters left by broken encodings
        Some(Reason::LowTextDensity)
    } else if cues.get(Cue::Cookie) > 0 && is_cookie_notice(line) {
        Some(Reason::CookieNotice)
    } else if cues.get(Cue::Caption) > 0 && ends_in_photo_credit(line) {
        Some(Reason::Caption)
    } else if f.words <= 60 && is_image_description(line.trim_start()) {
        Some(Reason::AltText)
    } else if cues.get(Cue::Browser) > 0 && is_browser_notice(line, f.words) {
        Some(Reason::BrowserNotice)
    } else if f.words <= 3
        && f.ending != Ending::Sentence
        && cues.get(Cue::Share) > 0
        && !looks_like_code_or_data(line)
    {
        // "Share", "Share post:", "Tweet": 5% of such lines are content on the dev pack
        // (not `print(x)`, `share_url = ...` in a code listing, "Market share: 12.9%")
        Some(Reason::ShareWidget)
    } else if f.words <= 3
        && f.ending != Ending::Sentence
        && cues.get(Cue::Follow) > 0
        && !looks_like_code_or_data(line)
    {
        Some(Reason::FollowWidget)
    } else if f.words <= 12
        && f.ending == Ending::None
        && !f.numbered
        && cues.get(Cue::Account) > 0
        && !looks_like_code_or_data(line)
        && !line.trim_start().starts_with('/')
    {
        // (not a numbered heading of the text: "2. Enforce Strong Password Policies")
        // "Sign In / Create Account", "Member Login". A one-off check on the dev pack, with a
        // regex close to the cue's word list (the script was not kept): 1,884 short
        // unpunctuated lines with an account word, 3% content, nearly all of that code
        // (excluded here)
        Some(Reason::Login)
    } else {
        None
    }
}

/// [`forced_drop`]'s last rule, on the [`LineFacts`] it reads: a short untitled line right
/// above a photo credit is the photo's alt text (a one-off check on the dev pack, script not
/// kept: 164 such lines, 155 boilerplate).
pub(crate) fn caption_above(
    words: u32,
    ending: Ending,
    bullet: bool,
    next: Option<&str>,
) -> Option<Reason> {
    (words <= 12
        && ending == Ending::None
        && !bullet
        && next.is_some_and(crate::patterns::is_caption_credit))
    .then_some(Reason::AltText)
}

/// Lines dropped whatever their score, by rules precise enough to overrule the model (each
/// checked on the dev pack: see the figures beside them): notices, tiny share/follow widgets,
/// image alt texts. They hold in every pass of the fixed point, as the model does.
pub(super) fn forced_drops(page: &Page) -> Vec<Option<Reason>> {
    use crate::patterns::is_browser_list;
    let c = &page.content;
    let mut out = vec![None; c.len()];
    let repeated = crate::cohesion::repeated_heading_copies(page);
    let mut browser_at: Vec<usize> = Vec::new();
    for (j, &i) in c.iter().enumerate() {
        let st = &page.stats[i];
        let next = i + 1;
        let facts = LineFacts {
            line: &page.lines[i],
            words: st.words,
            ending: st.ending,
            numbered: st.numbered,
            readable: st.letters > 0 || st.digits > 0 || st.cjk > 0,
            cues: &page.cues[i],
            next: (next < page.n_lines()
                && !page.stats[next].is_blank()
                && !page.stats[next].bullet)
                .then(|| &*page.lines[next]),
            bullet: st.bullet,
        };
        out[j] = if facts.readable && repeated[j] {
            Some(Reason::AltText)
        } else {
            forced_drop(&facts)
        };
        if out[j] == Some(Reason::BrowserNotice) {
            browser_at.push(j);
        }
    }
    // the list of browsers that follows a browser notice
    for &b in &browser_at {
        for j in b.saturating_sub(2)..(b + 3).min(c.len()) {
            let i = c[j];
            if out[j].is_none()
                && page.cues[i].get(Cue::Browser) > 0
                && is_browser_list(&page.lines[i], page.stats[i].words)
            {
                out[j] = Some(Reason::BrowserNotice);
            }
        }
    }
    out
}
