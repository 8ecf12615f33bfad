//! What an HTML page's structure says about its kept lines beyond their scores: which lines
//! go together, and how they are written.
//!
//! - The lines of one `<pre>` (code, verse, a text-drawn table) are one unit. The model scores
//!   them line by line, as it scores everything, and a code line like `return x[1]` looks like
//!   nothing to it; so when the kept lines hold at least half of the `<pre>`'s characters,
//!   all of it is kept, and otherwise the lines between its first and last kept line are. They
//!   are written on consecutive lines with their indentation and their blank lines.
//! - The cells of a data row (each cell one short block: not a layout table, whose cells hold
//!   paragraphs) are kept or dropped together, by the same half of the characters, and written
//!   on one line with ` | ` between them, rows of a table on consecutive lines.
//!
//! The model's input is the same as without these rules (one block per line, blank lines
//! between blocks): the rules act on its decisions and on the output's layout only.

use rustc_hash::FxHashMap;

use super::inline::{with_marks, Links};
use super::{BlockText, TextFormat};
use crate::classify::LineDecision;
use crate::html::{anc, BlockTag, Groups, HtmlBlock};
use crate::page::Page;

/// A cell longer than this makes its row a layout row (its cells are written as paragraphs
/// and decided one by one).
const MAX_CELL_CHARS: u32 = 200;

/// How a content line's block is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Unit {
    /// A paragraph of its own (or a list item).
    Block,
    /// A line of the `<pre>` with this number.
    Pre(u32),
    /// A cell of the data row with this number.
    Cell(u32),
}

/// The unit of each content line of `page`.
pub(super) fn units(bt: &BlockText, page: &Page) -> Vec<Unit> {
    let blocks: Vec<Option<&HtmlBlock>> = page.content.iter().map(|&i| bt.block_of(i)).collect();
    let mut units: Vec<Unit> = blocks
        .iter()
        .map(|b| match b {
            Some(b) if b.groups.pre != 0 => Unit::Pre(b.groups.pre),
            _ => Unit::Block,
        })
        .collect();
    // data rows: runs of content lines of one row (outside a `<pre>`), one block per cell,
    // two columns at least (two cells, one spanning two: a table's section heading, or one
    // beside cells of rows above that span into its row), every cell short
    let row_of =
        |b: &Option<&HtmlBlock>| b.filter(|b| b.groups.pre == 0).map_or(0, |b| b.groups.row);
    let mut j = 0;
    while j < blocks.len() {
        let row = row_of(&blocks[j]);
        let mut e = j + 1;
        if row != 0 {
            while e < blocks.len() && row_of(&blocks[e]) == row {
                e += 1;
            }
            let cells = &blocks[j..e];
            let columns = cells.iter().flatten().map(|b| b.groups.reach).max();
            let data = columns >= Some(2)
                && cells
                    .iter()
                    .flatten()
                    .all(|b| b.groups.cell != 0 && b.chars <= MAX_CELL_CHARS)
                && cells
                    .windows(2)
                    .all(|w| w[0].map(|b| b.groups.cell) != w[1].map(|b| b.groups.cell));
            if data {
                units[j..e].fill(Unit::Cell(row));
            }
        }
        j = e;
    }
    units
}

/// Make the decisions `keep` (one per content line) agree within each `<pre>` and data row
/// (see the module's comment); `units` from [`units`].
pub(super) fn group_decisions(page: &Page, units: &[Unit], keep: &mut [bool]) {
    let m = units.len();
    let mut j = 0;
    while j < m {
        let u = units[j];
        let mut e = j + 1;
        while e < m && units[e] == u && u != Unit::Block {
            e += 1;
        }
        if u != Unit::Block {
            let chars = |k: usize| page.stats[page.content[k]].n_chars as usize;
            let total: usize = (j..e).map(chars).sum();
            let kept: usize = (j..e).filter(|&k| keep[k]).map(chars).sum();
            if 2 * kept >= total {
                keep[j..e].fill(true);
            } else if let Unit::Cell(_) = u {
                keep[j..e].fill(false);
            } else if let (Some(a), Some(b)) =
                ((j..e).find(|&k| keep[k]), (j..e).rev().find(|&k| keep[k]))
            {
                keep[a..=b].fill(true);
            }
        }
        j = e;
    }
}

/// The clean text of an HTML page: its kept lines, blocks apart by a blank line (list items
/// and the lines of a `<pre>` on consecutive lines, a `<pre>`'s own blank lines and
/// indentation kept), the cells of a data row on one line. With `markdown`, the same lines
/// marked up as Markdown (GitHub's): headings `#`, list items `- `, quotes `> `, a `<pre>`
/// fenced, a data table as a pipe table whose first row is the header; a paragraph that
/// would read as markup (`# x`, `- x`, `1. x`) has its first character escaped; bold,
/// italic, inline code and (when asked for) links inline (see `inline`). `url`: the page's,
/// that links' targets are resolved against.
pub(super) fn assemble_html(
    bt: &BlockText,
    page: &Page,
    units: &[Unit],
    lines: &[LineDecision],
    format: TextFormat,
    url: Option<&str>,
) -> String {
    let markdown = format != TextFormat::Plain;
    let links = Links {
        write: format == TextFormat::Markdown { links: true },
        base: url,
    };
    // a Markdown table's width: its widest row, counted on all of its cells, kept or not
    let mut widths: FxHashMap<u32, u16> = FxHashMap::default();
    if markdown {
        for b in bt.doc.blocks.iter().filter(|b| b.groups.table != 0) {
            let w = widths.entry(b.groups.table).or_default();
            *w = (*w).max(last_column(b.groups));
        }
    }
    let mut w = Writer {
        out: String::with_capacity(
            page.content
                .iter()
                .filter(|&&i| lines[i].kept)
                .map(|&i| page.lines[i].len() + 4)
                .sum(),
        ),
        markdown,
        links,
        widths,
        last: None,
        header_row: false,
        last_col: 0,
    };
    for (j, &i) in page.content.iter().enumerate() {
        if lines[i].kept {
            let k = bt.line_block.get(i).copied().unwrap_or(u32::MAX);
            w.line(
                i,
                k,
                bt.doc.blocks.get(k as usize),
                units[j],
                &page.lines[i],
            );
        }
    }
    w.finish()
}

/// The state of [`assemble_html`]'s writing.
struct Writer<'u> {
    out: String,
    markdown: bool,
    links: Links<'u>,
    /// Markdown: the width of each table (see [`assemble_html`]).
    widths: FxHashMap<u32, u16>,
    /// The last line written: (its line, its block, its unit, its block's groups).
    last: Option<(usize, u32, Unit, Groups)>,
    /// The current data row is the first of its table in the output (Markdown: the header).
    header_row: bool,
    /// Markdown, the current data row: the column of its last cell written.
    last_col: u16,
}

/// A `<pre>` line as written (see `HtmlBlock::raw`): its runs of spaces and tabs as they are,
/// each word between them normalised as the line pass normalises a line (NFC, control
/// characters replaced, invisible ones dropped), so that the output holds no character a
/// normalised line could not.
fn push_spaced(out: &mut String, raw: &str) {
    let mut rest = raw;
    while !rest.is_empty() {
        let gap = rest.len() - rest.trim_start_matches([' ', '\t']).len();
        out.push_str(&rest[..gap]);
        rest = &rest[gap..];
        let word = rest.find([' ', '\t']).unwrap_or(rest.len());
        out.push_str(&crate::normalize::normalize_line(&rest[..word]));
        rest = &rest[word..];
    }
}

impl Writer<'_> {
    /// Write line `i` of the page (`text`), of block `k` and unit `unit`.
    fn line(&mut self, i: usize, k: u32, block: Option<&HtmlBlock>, unit: Unit, text: &str) {
        let groups = block.map_or(Groups::default(), |b| b.groups);
        let same = self.last.is_some_and(|(_, _, lu, _)| lu == unit);
        if let Some((li, lk, lu, lg)) = self.last {
            let next_block = lk.wrapping_add(1) == k;
            // Markdown: the next line of a heading cut by a `<br>`, written on its line
            let heading_goes_on =
                self.markdown && groups.heading != 0 && groups.heading == lg.heading && next_block;
            if !same {
                self.close(lu, lg);
            }
            match unit {
                Unit::Block if heading_goes_on => {
                    self.out.push(' ');
                    self.out
                        .push_str(&with_marks(text, block, true, self.links));
                    self.last = Some((i, k, unit, groups));
                    return;
                }
                Unit::Cell(_) if same => {
                    if !self.markdown {
                        self.out.push_str(" | ");
                    }
                }
                Unit::Cell(_)
                    if matches!(lu, Unit::Cell(_)) && next_block && groups.table == lg.table =>
                {
                    self.out.push('\n');
                    self.header_row = false;
                }
                Unit::Pre(_) if same => {
                    self.out.push('\n');
                    if next_block {
                        let blanks = block.map_or(0, |b| b.blank_before.min(2));
                        self.out.extend(std::iter::repeat_n('\n', blanks as usize));
                    }
                }
                _ if li + 1 == i && unit == Unit::Block && lu == Unit::Block => self.out.push('\n'),
                _ => {
                    self.out.push_str("\n\n");
                    self.header_row = true;
                }
            }
        } else {
            self.header_row = true;
        }
        match unit {
            Unit::Pre(_) => {
                if self.markdown && !same {
                    self.out.push_str("```\n");
                }
                if let Some(b) = block {
                    self.out.push_str(&b.lead);
                }
                match block.filter(|b| !b.raw.is_empty()) {
                    Some(b) => push_spaced(&mut self.out, &b.raw),
                    None => self.out.push_str(text),
                }
            }
            Unit::Cell(_) if self.markdown => {
                if !same {
                    self.out.push('|');
                    self.last_col = 0;
                }
                // the columns of the empty cells before it stay empty (saturating: columns
                // stop at u16::MAX, where `+ 1` wrapped to 0 and every later cell wrote 65,534
                // empty ones, gigabytes from a row of 70,000 cells)
                let next = self.last_col.saturating_add(1);
                let col = groups.col.max(next);
                for _ in next..col.min(PAD_COLUMNS) {
                    self.out.push_str("  |");
                }
                self.out.push(' ');
                let text = with_marks(text, block, false, self.links);
                // a `|` in a cell would end it (in a code span too: GitHub's rule)
                if text.contains('|') {
                    self.out.push_str(&text.replace('|', "\\|"));
                } else {
                    self.out.push_str(&text);
                }
                self.out.push_str(" |");
                // the other columns it spans: empty cells (pipe tables have no colspan)
                let last = last_column(Groups { col, ..groups });
                for _ in col..last.min(PAD_COLUMNS) {
                    self.out.push_str("  |");
                }
                self.last_col = last;
            }
            Unit::Cell(_) => self.out.push_str(text),
            Unit::Block if self.markdown => self.markdown_block(block, text),
            Unit::Block => self.out.push_str(text),
        }
        self.last = Some((i, k, unit, groups));
    }

    /// What ends a unit in Markdown: a `<pre>`'s closing fence; after a table's first row,
    /// its empty last columns and the line that makes it the header. `groups`: of the unit's
    /// last line.
    fn close(&mut self, unit: Unit, groups: Groups) {
        if !self.markdown {
            return;
        }
        match unit {
            Unit::Pre(_) => self.out.push_str("\n```"),
            Unit::Cell(_) if self.header_row => {
                let table = self.widths.get(&groups.table).copied().unwrap_or(0);
                let width = table.max(self.last_col);
                for _ in self.last_col..width.min(PAD_COLUMNS) {
                    self.out.push_str("  |");
                }
                self.out.push_str("\n|");
                for _ in 0..width.min(PAD_COLUMNS) {
                    self.out.push_str(" --- |");
                }
            }
            Unit::Cell(_) | Unit::Block => {}
        }
    }

    /// A block of its own in Markdown: its heading, list or quote mark, or its text escaped.
    fn markdown_block(&mut self, block: Option<&HtmlBlock>, text: &str) {
        let tag = block.map_or(0, |b| b.tag);
        if block.is_some_and(|b| b.ancestors & anc::BLOCKQUOTE != 0) {
            self.out.push_str("> ");
        }
        let level = (BlockTag::H1 as u8..=BlockTag::H6 as u8)
            .contains(&tag)
            .then(|| (tag - BlockTag::H1 as u8 + 1) as usize);
        if let Some(level) = level {
            self.out.extend(std::iter::repeat_n('#', level));
            self.out.push(' ');
            self.out
                .push_str(&with_marks(text, block, true, self.links));
        } else if let (Some(item), Some(b)) = (
            text.strip_prefix("• ")
                .filter(|_| tag == BlockTag::Li as u8),
            block,
        ) {
            // four spaces a level: inside the item above for any marker up to `99. `
            for _ in 1..b.groups.list_depth {
                self.out.push_str("    ");
            }
            if b.groups.ordinal > 0 {
                self.out.push_str(&b.groups.ordinal.to_string());
                self.out.push_str(". ");
            } else {
                self.out.push_str("- ");
            }
            self.out
                .push_str(&with_marks(item, block, false, self.links));
        } else {
            let marked = with_marks(text, block, false, self.links);
            // not when a mark opens the line (`**1.** x` is no list item) or has escaped
            // its first character already
            let as_is = marked.as_bytes().first() == text.as_bytes().first();
            if as_is && reads_as_markup(text) {
                self.out.push('\\');
            }
            self.out.push_str(&marked);
        }
    }

    fn finish(mut self) -> String {
        if let Some((_, _, lu, lg)) = self.last {
            self.close(lu, lg);
        }
        self.out
    }
}

/// The last column of a cell (its first, when it spans one).
/// Columns up to which a Markdown table's empty cells (a gap, a colspan, a short header row)
/// are written out: past it a row is left ragged, so that a `colspan="1000"` of 20 bytes
/// cannot write 3,000 (a megabyte of such cells was 90 MB of text). Tables that wide are
/// layout, not data.
const PAD_COLUMNS: u16 = 64;

fn last_column(g: Groups) -> u16 {
    g.col.saturating_add(g.span.max(1) - 1)
}

/// A paragraph whose first characters Markdown would read as a heading, list item, quote,
/// rule, table or fence.
fn reads_as_markup(text: &str) -> bool {
    let b = text.as_bytes();
    match b.first() {
        Some(b'#' | b'>' | b'-' | b'+' | b'*' | b'=' | b'|' | b'`' | b'~') => true,
        Some(c) if c.is_ascii_digit() => {
            let d = b.iter().take_while(|c| c.is_ascii_digit()).count();
            matches!(b.get(d), Some(b'.' | b')')) && matches!(b.get(d + 1), None | Some(b' '))
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::htmlclean::block_text;

    fn units_of(html: &str) -> (Vec<String>, Vec<Unit>) {
        let bt = block_text(html);
        let page = Page::analyze_with(&bt.text, None, None);
        let u = units(&bt, &page);
        let texts = page
            .content
            .iter()
            .map(|&i| page.lines[i].to_string())
            .collect();
        (texts, u)
    }

    #[test]
    fn pre_lines_and_data_rows_are_units() {
        let (t, u) = units_of(
            "<p>Intro text.</p><pre><code>def key(x):\n    return x[1]\n\nitems.sort()</code></pre>\
             <table><tr><th>Op</th><th>Cost</th></tr><tr><td>Copy</td><td>O(n)</td></tr></table>\
             <table><tr><td><p>Layout one</p><p>two</p></td><td>Menu</td></tr></table>",
        );
        assert_eq!(
            t[..4],
            ["Intro text.", "def key(x):", "return x[1]", "items.sort()"]
        );
        assert_eq!(u[0], Unit::Block);
        assert!(matches!(u[1], Unit::Pre(_)) && u[1] == u[2] && u[2] == u[3]);
        assert!(matches!(u[4], Unit::Cell(_)) && u[4] == u[5]);
        assert!(matches!(u[6], Unit::Cell(_)) && u[6] == u[7] && u[5] != u[6]);
        // a layout row: a cell of two paragraphs
        assert_eq!(u[8..], [Unit::Block, Unit::Block, Unit::Block]);
    }

    /// (the page's content lines, their units, the clean text) with `keep` as the model's
    /// decisions (one per content line) before the rules
    fn clean_with(html: &str, keep: &[bool]) -> (Vec<bool>, String) {
        clean_as(html, keep, false)
    }

    fn clean_as(html: &str, keep: &[bool], markdown: bool) -> (Vec<bool>, String) {
        let bt = block_text(html);
        let page = Page::analyze_with(&bt.text, None, None);
        let u = units(&bt, &page);
        let mut keep = keep.to_vec();
        group_decisions(&page, &u, &mut keep);
        let mut lines = vec![
            LineDecision {
                kept: false,
                reason: crate::reasons::Reason::Blank,
                score: 0.0
            };
            page.n_lines()
        ];
        for (j, &i) in page.content.iter().enumerate() {
            lines[i].kept = keep[j];
        }
        let format = if markdown {
            TextFormat::Markdown { links: true }
        } else {
            TextFormat::Plain
        };
        let text = assemble_html(
            &bt,
            &page,
            &u,
            &lines,
            format,
            Some("https://example.org/a/b"),
        );
        (keep, text)
    }

    const CODE: &str = "<p>Intro text.</p><pre><code>def key(x):\n    return x[1]\n\n\n\n\titems.sort()\n</code></pre><p>After.</p>";

    #[test]
    fn a_pre_is_kept_whole_with_its_indent_and_blank_lines() {
        // kept lines hold most of its characters: all of it
        let (keep, text) = clean_with(CODE, &[true, false, true, true, true]);
        assert_eq!(keep, [true; 5]);
        assert_eq!(
            text,
            "Intro text.\n\ndef key(x):\n    return x[1]\n\n\n\titems.sort()\n\nAfter."
        );
        // a minority kept: the lines between the first and the last kept one
        let (keep, text) = clean_with(CODE, &[true, true, false, false, false]);
        assert_eq!(keep, [true, true, false, false, false]);
        assert_eq!(text, "Intro text.\n\ndef key(x):");
        let big = CODE.replace(
            "items.sort()",
            &"items.sort(key=len, reverse=True)".repeat(3),
        );
        let (keep, _) = clean_with(&big, &[false, true, false, true, true]);
        assert_eq!(keep, [false, true, true, true, true]);
        // a line that starts with a link (a man page's `<a>pcre2(3)</a>`) keeps its indent
        let (_, text) = clean_with(
            "<pre>SEE ALSO\n       <a href=x>awk(1)</a>, cmp(1),\n       diff(1)</pre>",
            &[true; 3],
        );
        assert_eq!(text, "SEE ALSO\n       awk(1), cmp(1),\n       diff(1)");
        // nothing kept: nothing
        let (keep, text) = clean_with(CODE, &[true, false, false, false, true]);
        assert_eq!(keep, [true, false, false, false, true]);
        assert_eq!(text, "Intro text.\n\nAfter.");
    }

    #[test]
    fn a_pre_line_keeps_its_spaces_and_tabs_inside_it() {
        // they were collapsed to one space: `s = "a b"`, columns out of line
        let html = "<pre>s = \"a    b\"\n  x  =\t1   \nCafe\u{301}  \u{7}ok</pre>";
        let (_, text) = clean_with(html, &[true; 3]);
        // (its words normalised as every line's are: NFC, a control character replaced)
        assert_eq!(text, "s = \"a    b\"\n  x  =\t1\nCaf\u{e9}  \u{fffd}ok");
        // the model read the collapsed line, as before
        let bt = block_text(html);
        assert_eq!(bt.doc.blocks[0].text, "s = \"a b\"");
        assert_eq!(bt.doc.blocks[0].raw, "s = \"a    b\"");
        // a line of single spaces keeps no copy
        assert!(block_text("<pre>a b c</pre>").doc.blocks[0].raw.is_empty());
        // a line break inside an element of the `<pre>` (a link, a div per line) is a space
        // there, as in the line the model reads
        let (_, text) = clean_with(
            "<pre><code># see <a href=\"/x\">the sorting\nhow-to</a>  now\n<div class=l>foo  =\nbar</div></code></pre>",
            &[true; 3],
        );
        assert_eq!(text, "# see the sorting how-to  now\nfoo  = bar");
    }

    const TABLE: &str = "<p>Costs.</p><table><tr><th>Op</th><th>Cost</th></tr>\
        <tr><td>Copy</td><td>O(n)</td></tr><tr><td>Sort</td><td>O(n log n)</td></tr></table>";

    #[test]
    fn the_cells_of_a_data_row_go_together_on_one_line() {
        let (keep, text) = clean_with(TABLE, &[true, true, true, true, true, false, true]);
        assert_eq!(keep, [true; 7]);
        assert_eq!(text, "Costs.\n\nOp | Cost\nCopy | O(n)\nSort | O(n log n)");
        // a row whose kept cells hold half of its characters is kept whole, less dropped whole
        let (keep, text) = clean_with(TABLE, &[true, true, true, false, true, true, false]);
        assert_eq!(keep, [true, true, true, true, true, false, false]);
        assert_eq!(text, "Costs.\n\nOp | Cost\nCopy | O(n)");
        // rows apart (one dropped between them) are paragraphs apart
        let (_, text) = clean_with(TABLE, &[true, true, true, false, false, true, true]);
        assert_eq!(text, "Costs.\n\nOp | Cost\n\nSort | O(n log n)");
    }

    #[test]
    fn a_layout_table_is_read_block_by_block() {
        let html = "<table><tr><td><p>A paragraph of the article.</p><p>Another one.</p></td>\
                    <td>Home About</td></tr></table>";
        let (keep, text) = clean_with(html, &[true, true, false]);
        assert_eq!(keep, [true, true, false]);
        assert_eq!(text, "A paragraph of the article.\n\nAnother one.");
        // a long cell makes a layout row too
        let long = "word ".repeat(60);
        let html = format!("<table><tr><td>{long}</td><td>Menu</td></tr></table>");
        let (keep, _) = clean_with(&html, &[true, false]);
        assert_eq!(keep, [true, false]);
    }

    #[test]
    fn markdown_writes_bold_italic_and_inline_code() {
        let html = "<p>Call <code>sorted(x)</code> with a <b>key</b>, <em>not a <strong>cmp</strong></em>.</p>\
                    <h2>The <code>key</code> <b>argument</b></h2><ul><li><b>Name:</b> a <i>string</i></li></ul>\
                    <table><tr><td><code>a|b</code></td><td><i>or</i></td></tr></table>\
                    <p><b>1.</b> first, 2 * 3 <b>is <div>six</div></b> <i>un<br>closed</i></p>\
                    <pre><code><b>bold</b> code</code></pre>";
        let (_, md) = clean_as(html, &[true; 12], true);
        assert_eq!(
            md,
            "Call `sorted(x)` with a **key**, *not a **cmp***.\n\n## The `key` argument\n\n\
             - **Name:** a *string*\n\n| `a\\|b` | *or* |\n| --- | --- |\n\n\
             **1.** first, 2 \\* 3 is\n\nsix\n\nun\n\nclosed\n\n```\nbold code\n```"
        );
        // plain text has none of it
        let (_, text) = clean_as(html, &[true; 12], false);
        assert!(
            !text.contains(['*', '`']) || text.contains("2 * 3"),
            "{text}"
        );
    }

    #[test]
    fn markdown_marks_headings_lists_quotes_code_and_tables() {
        let html = "<h1>Sorting</h1><p>Intro text.</p><ul><li>one</li><li>two</li></ul>\
                    <blockquote><p>A quote.</p></blockquote><p>- not a list</p><p>1. not a list</p>\
                    <pre><code>def key(x):\n    return x</code></pre>\
                    <table><tr><th>Op</th><th>Cost | note</th></tr><tr><td>Copy</td><td>O(n)</td></tr></table>\
                    <h3>The<br>End</h3><table><tr><td>Only</td><td>row</td></tr></table>";
        let (_, md) = clean_as(html, &[true; 17], true);
        assert_eq!(
            md,
            "# Sorting\n\nIntro text.\n\n- one\n- two\n\n> A quote.\n\n\\- not a list\n\n\\1. not a list\n\n\
             ```\ndef key(x):\n    return x\n```\n\n\
             | Op | Cost \\| note |\n| --- | --- |\n| Copy | O(n) |\n\n### The End\n\n| Only | row |\n| --- | --- |"
        );
        // the same decisions as plain text
        let (_, text) = clean_as(html, &[true; 17], false);
        assert_eq!(
            text,
            "Sorting\n\nIntro text.\n\n• one\n• two\n\nA quote.\n\n- not a list\n\n1. not a list\n\n\
             def key(x):\n    return x\n\nOp | Cost | note\nCopy | O(n)\n\nThe\n\nEnd\n\nOnly | row"
        );
    }

    #[test]
    fn a_markdown_table_keeps_the_columns_of_empty_cells() {
        let html = "<table><tr><th>Feature</th><th>A</th><th>B</th><th>C</th></tr>\
                    <tr><td>X</td><td></td><td>yes</td><td> </td></tr><tr><td>Y</td><td>yes</td></tr></table>\
                    <table><tr><th>Name</th><th>Size</th></tr><tr><td>a</td><td>b</td><td>c</td></tr></table>";
        let (_, md) = clean_as(html, &[true; 13], true);
        assert_eq!(
            md,
            "| Feature | A | B | C |\n| --- | --- | --- | --- |\n| X |  | yes |\n| Y | yes |\n\n\
             | Name | Size |  |\n| --- | --- | --- |\n| a | b | c |"
        );
        // a cell of an inner table is a column of the inner table's row, not the outer's
        let html = "<table><tr><td>1</td><td><table><tr><td>in</td><td>ner</td></tr></table></td><td>3</td></tr></table>";
        let bt = block_text(html);
        let cols: Vec<(u16, u32)> = bt
            .doc
            .blocks
            .iter()
            .map(|b| (b.groups.col, b.groups.table))
            .collect();
        assert_eq!(cols[0].0, 1);
        assert_eq!((cols[1].0, cols[2].0), (1, 2));
        assert_ne!(cols[1].1, cols[0].1);
        assert_eq!((cols[3].0, cols[3].1), (3, cols[0].1));
    }

    #[test]
    fn a_spanning_cell_takes_its_columns() {
        let html = "<table><tr><th colspan=\"2\">Size</th><th>Note</th></tr>\
                    <tr><td>w</td><td>h</td><td>-</td></tr><tr><td colspan=3>all</td></tr>\
                    <tr><td colspan=x>a</td><td colspan=0>b</td><td>c</td></tr></table>\
                    <table><tr><td>k</td><td colspan=\"4\">wide</td></tr></table>";
        let (_, md) = clean_as(html, &[true; 11], true);
        assert_eq!(
            md,
            "| Size |  | Note |\n| --- | --- | --- |\n| w | h | - |\n| all |  |  |\n| a | b | c |\n\n\
             | k | wide |  |  |  |\n| --- | --- | --- | --- | --- |"
        );
    }

    #[test]
    fn a_cell_spanning_rows_keeps_the_columns_below_in_place() {
        let html = "<table><tr><th>Team</th><th>Q</th><th>Score</th></tr>\
                    <tr><td rowspan=\"2\">Red</td><td>1</td><td>10</td></tr>\
                    <tr><td>2</td><td>12</td></tr>\
                    <tr><td>Blue</td><td colspan=2 rowspan=2>none</td></tr><tr><td>Green</td></tr>\
                    <tr><td>Gold</td><td>3</td><td>9</td></tr></table>";
        let bt = block_text(html);
        let cols: Vec<(&str, u16)> = bt
            .doc
            .blocks
            .iter()
            .map(|b| (b.text.as_str(), b.groups.col))
            .collect();
        assert_eq!(
            cols,
            [
                ("Team", 1),
                ("Q", 2),
                ("Score", 3),
                ("Red", 1),
                ("1", 2),
                ("10", 3),
                ("2", 2),
                ("12", 3),
                ("Blue", 1),
                ("none", 2),
                ("Green", 1),
                ("Gold", 1),
                ("3", 2),
                ("9", 3)
            ]
        );
        let (_, md) = clean_as(html, &[true; 14], true);
        assert!(
            md.contains(
                "| Red | 1 | 10 |\n|  | 2 | 12 |\n| Blue | none |  |\n| Green |\n| Gold | 3 | 9 |"
            ),
            "{md}"
        );
    }

    #[test]
    fn markdown_numbers_ordered_lists_and_indents_nested_ones() {
        let html = "<ol start=3><li>Open the box.</li><li>Take out<ul><li>the cable</li>\
                    <li>the plug<ol><li>first</li></ol></li></ul></li><li>Plug it in.</li></ol>\
                    <ul><li>loose</li></ul>";
        let (_, md) = clean_as(html, &[true; 7], true);
        assert_eq!(
            md,
            "3. Open the box.\n4. Take out\n    - the cable\n    - the plug\n        1. first\n\
             5. Plug it in.\n- loose"
        );
        let (_, text) = clean_as(html, &[true; 7], false);
        assert_eq!(
            text,
            "• Open the box.\n• Take out\n• the cable\n• the plug\n• first\n• Plug it in.\n• loose"
        );
    }
}
