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
pub(crate) const HEADING_WORDS: u32 = 6;

/// Content lines of the shortest page the rule applies to: the pages longer than most of the
/// training pages, where the model's reading of a line's place goes wrong (articles of 150
/// paragraphs lost none, of 200 the last 9 to 22).
pub const LONG_PAGE: usize = 150;

/// What the runs read of a page's content lines (the default path's [`Page`] and the fast
/// path's page both give it).
pub(crate) trait RunLines {
    /// Content lines.
    fn len(&self) -> usize;
    /// Content line `j` reads as running prose (enough words, stop words, a sentence's end).
    fn prose(&self, j: usize) -> bool;
    fn ending(&self, j: usize) -> Ending;
    fn bullet(&self, j: usize) -> bool;
    /// The line repeats in the page.
    fn repeated(&self, j: usize) -> bool;
    /// A plain short line: a section's heading (no cue, shape, bullet or repeat).
    fn heading(&self, j: usize) -> bool;
    /// Its cue words are a caption's alone (see [`caption_only`]).
    fn caption_only(&self, j: usize) -> bool;
    /// The line pass would call the line `outside-main-content`, and no cue names another
    /// reason for it.
    fn outside_main(&self, j: usize) -> bool;
}

/// Keep (in `keep`, one per content line) each dropped prose paragraph that follows a run of
/// at least [`MIN_RUN`] kept prose paragraphs (or such a kept paragraph), with nothing
/// between but plain short lines (headings), unless the line pass would give it a reason of
/// its own (a repeated line, a cue's widget, a teaser block): only the lines it would call
/// `outside-main-content`. The headings stay as they were decided.
pub(crate) fn continue_runs(lines: &impl RunLines, keep: &mut [bool]) {
    if lines.len() < LONG_PAGE {
        return;
    }
    let mut run = 0usize;
    for (j, kept) in keep.iter_mut().enumerate().take(lines.len()) {
        let (prose, ending) = (lines.prose(j), lines.ending(j));
        if prose && ending == Ending::Colon && !lines.bullet(j) && !lines.repeated(j) {
            // a paragraph that opens what follows ("The steps are these:"): kept with the run
            // when the line pass would call it outside the main content, and neither counted
            // nor ending the run (it ended it, and the article's tail after it was lost)
            if !*kept && run >= MIN_RUN && lines.outside_main(j) {
                *kept = true;
            }
            continue;
        }
        if !(prose && ending == Ending::Sentence) {
            if !lines.heading(j) {
                run = 0;
            }
        } else if *kept {
            run += 1;
        } else if run >= MIN_RUN && !lines.repeated(j) && lines.outside_main(j) {
            *kept = true;
            run += 1;
        } else if run >= MIN_RUN && !lines.bullet(j) && !lines.repeated(j) && lines.caption_only(j)
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

/// [`continue_runs`] of the default path's page.
pub(super) fn continue_prose_runs(page: &Page, keep: &mut [bool]) {
    if page.content.len() < LONG_PAGE {
        return;
    }
    let prose = crate::features::prose_lines(page);
    continue_runs(&PageRuns { page, prose }, keep);
}

struct PageRuns<'p> {
    page: &'p Page<'p>,
    prose: Vec<bool>,
}

impl RunLines for PageRuns<'_> {
    fn len(&self) -> usize {
        self.page.content.len()
    }
    fn prose(&self, j: usize) -> bool {
        self.prose[j]
    }
    fn ending(&self, j: usize) -> Ending {
        self.page.stats[self.page.content[j]].ending
    }
    fn bullet(&self, j: usize) -> bool {
        self.page.stats[self.page.content[j]].bullet
    }
    fn repeated(&self, j: usize) -> bool {
        self.page.dup_count[self.page.content[j]] > 1
    }
    fn heading(&self, j: usize) -> bool {
        let (p, i) = (self.page, self.page.content[j]);
        p.stats[i].words <= HEADING_WORDS
            && !p.stats[i].bullet
            && p.shapes[i] == 0
            && !p.cues[i].any()
            && p.dup_count[i] <= 1
    }
    fn caption_only(&self, j: usize) -> bool {
        caption_only(&self.page.cues[self.page.content[j]])
    }
    fn outside_main(&self, j: usize) -> bool {
        let i = self.page.content[j];
        super::reason_for(self.page, j, i) == Reason::OutsideMainContent
            && !super::drops::had_cue_reason(self.page, i)
    }
}

/// A caption's cue words, and no cookie or browser notice's (the other cues a long line's
/// reason is named by: see `drops::had_cue_reason`).
pub(crate) fn caption_only(cues: &crate::lexicon::CueHits) -> bool {
    use crate::lexicon::Cue;
    cues.get(Cue::Caption) > 0 && cues.get(Cue::Cookie) == 0 && cues.get(Cue::Browser) == 0
}
