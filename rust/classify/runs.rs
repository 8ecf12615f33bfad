//! Runs of prose: a paragraph that continues, with no other line between, a run of kept
//! paragraphs is kept with them. The line model reads a line's position on the page, and on
//! pages far longer than those it was trained on it dropped the tail of the article itself:
//! an article of 300 paragraphs lost 86 of its last 100, which scored 0.2-0.45 for being
//! 94% of the way down a long page (a held-out test of this session's audit; trafilatura
//! lost none). A run of kept prose carried on by more prose, with nothing between them, is
//! the article going on; comments, teasers and footers have a heading, a name, a date or a
//! link line between them and the text.

use crate::lines::Ending;
use crate::page::Page;
use crate::reasons::Reason;

/// Kept paragraphs in a row a run needs before it carries the next ones, and the words of
/// the longest plain line (a section's heading: no cue, shape, bullet or repeat) a run goes on
/// across. A scratch simulation on the dev pack's shipped decisions, lines carried / of them
/// the gold's / F1: runs of 5 not across headings 27 / 5 / -0.0001; of 5 across headings of 6
/// words 68 / 15 / -0.0001; of 8 across them 35 / 11 / -0.00001; of 1, 296 / 38 / -0.0007.
pub const MIN_RUN: usize = 8;
const HEADING_WORDS: u32 = 6;

/// Content lines of the shortest page the rule applies to: the pages longer than most of the
/// training pages, where the model's reading of a line's place goes wrong (articles of 150
/// paragraphs lost none, of 200 the last 9 to 22).
pub const LONG_PAGE: usize = 150;

/// Keep (in `keep`, one per content line) each dropped prose paragraph that follows a run of
/// at least [`MIN_RUN`] kept prose paragraphs (or such a kept paragraph), with nothing
/// between but plain short lines (headings), unless the line pass would give it a reason of
/// its own (a repeated line, a cue's widget, a teaser block): only the lines it would call
/// `outside-main-content`. The headings stay as they were decided.
pub(super) fn continue_prose_runs(page: &Page, keep: &mut [bool]) {
    if page.content.len() < LONG_PAGE {
        return;
    }
    let prose = crate::features::prose_lines(page);
    let mut run = 0usize;
    for (j, &i) in page.content.iter().enumerate() {
        let st = &page.stats[i];
        let paragraph = prose[j] && st.ending == Ending::Sentence;
        if prose[j] && st.ending == Ending::Colon && !st.bullet && page.dup_count[i] <= 1 {
            // a paragraph that opens what follows ("The steps are these:"): kept with the run
            // when the line pass would call it outside the main content, and neither counted
            // nor ending the run (it ended it, and the article's tail after it was lost)
            if !keep[j]
                && run >= MIN_RUN
                && super::reason_for(page, j, i) == Reason::OutsideMainContent
                && !super::drops::had_cue_reason(page, i)
            {
                keep[j] = true;
            }
            continue;
        }
        if !paragraph {
            let heading = st.words <= HEADING_WORDS
                && !st.bullet
                && page.shapes[i] == 0
                && !page.cues[i].any()
                && page.dup_count[i] <= 1;
            if !heading {
                run = 0;
            }
        } else if keep[j] {
            run += 1;
        } else if run >= MIN_RUN
            && page.dup_count[i] <= 1
            && super::reason_for(page, j, i) == Reason::OutsideMainContent
            && !super::drops::had_cue_reason(page, i)
        {
            keep[j] = true;
            run += 1;
        } else if run >= MIN_RUN
            && !st.bullet
            && page.dup_count[i] <= 1
            && caption_only(&page.cues[i])
        {
            // a paragraph with a caption's cue words ("photo", "image": an article about
            // photography has them all along) dropped inside the article: the run goes on past
            // it, not carried. It ended the run, and the model's scores of a long page's tail
            // never made a run of 8 again: an article of 300 paragraphs lost the 124 after
            // such a paragraph (a helper's audit). Not a list's item: a card's "Credit: ..."
            // among a product's features, whose run the next items then joined (a dev page)
        } else {
            run = 0;
        }
    }
}

/// A caption's cue words, and no cookie or browser notice's (the other cues a long line's
/// reason is named by: see `drops::had_cue_reason`).
fn caption_only(cues: &crate::lexicon::CueHits) -> bool {
    use crate::lexicon::Cue;
    cues.get(Cue::Caption) > 0 && cues.get(Cue::Cookie) == 0 && cues.get(Cue::Browser) == 0
}
