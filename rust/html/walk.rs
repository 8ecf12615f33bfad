//! The streaming pass: html5ever's tokenizer feeds a sink that keeps the open-element stack
//! (capped), gathers the text into blocks with their context, and collects the head's
//! metadata. Apart from the element tables (`tags`) and the types it fills in: this is the
//! state machine, the part that must stay linear on hostile markup.

use std::cell::RefCell;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};

use super::attrs::cap_attributes;
use super::tags::{ancestor_flag, attr, block_tag, class_bits, hidden, is_skipped, is_void};
use super::{anc, BlockTag, Groups, HtmlBlock, HtmlDoc, Mark, MarkKind};

/// Open elements deeper than this are counted but not tracked: bounded memory and time on
/// hostile nesting, and real pages are far shallower.
const MAX_STACK: usize = 512;
/// Text of one block beyond this is cut (a 20 MB text node stays a bounded line).
const MAX_BLOCK_BYTES: usize = 1 << 20;
/// Indentation of a `<pre>` line kept beyond this is dropped.
const MAX_LEAD: usize = 256;
/// Inline marks (bold, italic, code, links) of one block beyond this are not kept.
const MAX_MARKS: usize = 256;

/// A table cell that spans rows (`rowspan`): its first column, its columns, and the rows it
/// still takes, the current one included.
#[derive(Clone, Copy, Debug)]
struct RowSpan {
    col: u32,
    span: u32,
    rows: u32,
}

/// Row-spanning cells of one table followed beyond this are not (their rows' columns shift).
const MAX_ROW_SPANS: usize = 64;

#[derive(Clone)]
struct Open {
    name: html5ever::LocalName,
    ancestors: u32,
    classes: u32,
    tag: u8,
    is_link: bool,
    /// Where this element's text sits (see [`Groups`]).
    groups: Groups,
    /// A row: the columns its cells took so far; an ordered list: the number of its next item.
    count: u32,
    /// A table: its cells spanning rows down from the rows read so far.
    row_spans: Vec<RowSpan>,
    /// An inline element that marks its text (see [`MarkKind`]): its kind, the block it
    /// opened in (`State::serial`) and where in that block's text.
    mark: Option<(MarkKind, u32, u32)>,
    /// A link's target (with a [`MarkKind::Link`] mark).
    href: Option<Box<str>>,
}

#[derive(Default)]
struct State {
    stack: Vec<Open>,
    overflow: u32,
    /// Inside an element whose text is never content (script, style, head, svg...).
    skip: u32,
    in_head: bool,
    in_title: bool,
    in_h1: bool,
    json_ld: Option<String>,
    cur: HtmlBlock,
    cur_space: bool,
    doc: HtmlDoc,
    /// Read hidden elements too (the second parse of a page whose visible text is empty).
    keep_hidden: bool,
    /// Characters of text dropped because hidden.
    hidden_chars: usize,
    /// Elements numbered in [`Groups`] so far (the last one's number).
    n_groups: u32,
    /// Blank lines of a `<pre>` read since its last line, and that line's `<pre>`.
    pre_blanks: u16,
    last_pre: u32,
    /// The number of the block being gathered (one more at each flush): a mark is kept only
    /// when its element ends in the block it began in.
    serial: u32,
}

struct Sink(RefCell<State>);

impl State {
    fn flush(&mut self) {
        self.serial = self.serial.wrapping_add(1);
        let text = self.cur.text.trim();
        if !text.is_empty() {
            let mut b = std::mem::take(&mut self.cur);
            let lead = (b.text.len() - b.text.trim_start().len()) as u32;
            b.text = b.text.trim().to_string();
            let raw_len = b.raw.trim_end().len();
            b.raw.truncate(raw_len);
            if b.raw == b.text {
                b.raw = String::new(); // (the common case: nothing to keep apart)
            }
            let len = b.text.len() as u32;
            b.marks.retain_mut(|m| {
                m.start = m.start.saturating_sub(lead).min(len);
                m.end = m.end.saturating_sub(lead).min(len);
                m.start < m.end
            });
            b.chars = b.text.chars().count() as u32;
            if b.groups.pre != 0 && b.groups.pre == self.last_pre {
                b.blank_before = self.pre_blanks;
            }
            self.pre_blanks = 0;
            self.last_pre = b.groups.pre;
            self.doc.blocks.push(b);
        } else {
            self.cur = HtmlBlock::default();
        }
        self.cur_space = false;
    }

    fn top_ancestors(&self) -> (u32, u32, u8, u16) {
        match self.stack.last() {
            Some(o) => (o.ancestors, o.classes, o.tag, self.stack.len() as u16),
            None => (0, 0, 0, 0),
        }
    }

    /// The groups of the innermost open element.
    fn top_groups(&self) -> Groups {
        self.stack.last().map_or(Groups::default(), |o| o.groups)
    }

    /// The innermost open element named one of `names`, looked for a few levels up only
    /// (a cell's row, an item's list): bounded work per element on hostile nesting.
    fn innermost(&mut self, names: &[&str]) -> Option<&mut Open> {
        let k = self.innermost_at(names)?;
        Some(&mut self.stack[k])
    }

    /// [`State::innermost`]'s place in the stack.
    fn innermost_at(&self, names: &[&str]) -> Option<usize> {
        let n = self.stack.len();
        (n.saturating_sub(16)..n)
            .rev()
            .find(|&k| names.contains(&&*self.stack[k].name))
    }

    fn in_link(&self) -> bool {
        self.stack.iter().rev().take(8).any(|o| o.is_link)
    }

    fn text(&mut self, t: &str) {
        if self.in_title {
            let title = self.doc.meta.title.get_or_insert_with(String::new);
            if title.len() < 2000 {
                title.push_str(t);
            }
            return;
        }
        if let Some(j) = self.json_ld.as_mut() {
            if j.len() < 1 << 20 {
                j.push_str(t);
            }
            return;
        }
        if self.skip > 0 || self.in_head {
            return;
        }
        if self.in_h1 {
            let h = self.doc.meta.h1.get_or_insert_with(String::new);
            if h.len() < 1000 {
                h.push_str(t);
            }
        }
        let (ancestors, classes, tag, depth) = self.top_ancestors();
        if ancestors & anc::HIDDEN != 0 && !self.keep_hidden {
            self.hidden_chars += t.len();
            return;
        }
        let link = self.in_link();
        let pre = ancestors & anc::PRE != 0 && tag == BlockTag::Pre as u8;
        // inside a `<pre>`, also in an element in it (a link): the line as written is kept
        let in_pre = self.top_groups().pre != 0;
        for (k, piece) in t.split('\n').enumerate() {
            if k > 0 && pre {
                // preformatted text keeps its lines (and the count of its blank ones)
                if self.cur.text.is_empty() {
                    self.pre_blanks = self.pre_blanks.saturating_add(1);
                }
                self.flush();
            } else if k > 0 {
                // elsewhere a line break is a space ("a\nlogging cookbook" was "alogging"), also
                // in the line as written of a `<pre>` whose element in it holds the break (a
                // link: "the sorting\nhow-to" was "sortinghow-to" there)
                self.cur_space = !self.cur.text.is_empty();
                if in_pre && self.cur_space {
                    self.cur.raw.push(' ');
                }
            }
            for (j, c) in piece.char_indices() {
                if self.cur.text.len() >= MAX_BLOCK_BYTES {
                    self.doc.cut_bytes += (piece.len() - j) as u64;
                    break;
                }
                if c.is_whitespace() {
                    if pre
                        && self.cur.text.is_empty()
                        && matches!(c, ' ' | '\t')
                        && self.cur.lead.len() < MAX_LEAD
                    {
                        self.cur.lead.push(c);
                    } else if in_pre && !self.cur.text.is_empty() {
                        // the line as written keeps its spaces and tabs (see `HtmlBlock::raw`)
                        self.cur.raw.push(if c == '\t' { '\t' } else { ' ' });
                    }
                    self.cur_space = !self.cur.text.is_empty();
                    continue;
                }
                if self.cur.text.is_empty() {
                    self.cur.ancestors = ancestors;
                    self.cur.classes = classes;
                    self.cur.tag = tag;
                    self.cur.depth = depth;
                    self.cur.groups = self.top_groups();
                } else if self.cur_space {
                    self.cur.text.push(' ');
                }
                self.cur_space = false;
                self.cur.text.push(c);
                if in_pre {
                    self.cur.raw.push(c);
                }
                if link {
                    self.cur.link_chars += 1;
                }
            }
            if !piece.is_empty() && piece.ends_with(char::is_whitespace) {
                self.cur_space = !self.cur.text.is_empty();
            }
        }
    }

    fn start(&mut self, tag: &Tag) {
        let name = &*tag.name;
        match name {
            "head" => self.in_head = true,
            "body" => self.in_head = false,
            "title" if self.skip == 0 => {
                self.in_title = self.doc.meta.title.is_none();
                return;
            }
            "html" => {
                if let Some(l) = attr(tag, "lang") {
                    self.doc.meta.lang = Some(l.trim().to_string());
                }
            }
            "meta" => {
                let key = attr(tag, "property")
                    .or(attr(tag, "name"))
                    .or(attr(tag, "itemprop"));
                if let (Some(k), Some(c)) = (key, attr(tag, "content")) {
                    if self.doc.meta.metas.len() < 256 {
                        self.doc.meta.metas.push((
                            k.trim().to_ascii_lowercase(),
                            c.trim().chars().take(2000).collect(),
                        ));
                    }
                }
                return;
            }
            "link" => {
                if attr(tag, "rel").is_some_and(|r| r.eq_ignore_ascii_case("canonical")) {
                    if let Some(h) = attr(tag, "href") {
                        self.doc.meta.canonical = Some(h.trim().to_string());
                    }
                }
                return;
            }
            "script"
                if attr(tag, "type")
                    .is_some_and(|t| t.eq_ignore_ascii_case("application/ld+json")) =>
            {
                self.json_ld = Some(String::new());
            }
            "h1" => self.in_h1 = self.doc.meta.h1.is_none(),
            _ => {}
        }
        if name == "br" {
            self.flush();
            return;
        }
        // A self-closing tag opens nothing, but for `<script/>` and `<style/>`: there browsers
        // ignore the slash and what follows is code up to `</script>`, so it stays skipped.
        // (Treating `<svg/>` or `<iframe .../>` as open lost the rest of the page: 27 dev pages
        // came out empty.)
        if name == "img" || is_void(name) || tag.self_closing && !matches!(name, "script" | "style")
        {
            if block_tag(name).is_some() {
                self.flush();
            }
            return;
        }
        // implied end tags: a new p/li/td/tr/option closes the open one
        if let Some(top) = self.stack.last() {
            let t = &*top.name;
            let implied = match name {
                "p" | "div" | "ul" | "ol" | "table" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                    t == "p"
                }
                "li" => t == "li",
                "td" | "th" => t == "td" || t == "th",
                "tr" => t == "tr" || t == "td" || t == "th",
                "dt" | "dd" => t == "dt" || t == "dd",
                "option" => t == "option",
                _ => false,
            };
            if implied {
                self.flush();
                self.stack.pop();
            }
        }
        let bt = block_tag(name);
        if bt.is_some() {
            self.flush();
        }
        if is_skipped(name) {
            self.skip += 1;
        }
        if self.stack.len() >= MAX_STACK {
            self.overflow += 1;
            self.doc.overflowed += 1;
            return;
        }
        let (mut ancestors, mut classes, parent_tag, _) = self.top_ancestors();
        ancestors |= ancestor_flag(name);
        if hidden(tag) {
            ancestors |= anc::HIDDEN;
        }
        for a in ["class", "id", "role"] {
            if let Some(v) = attr(tag, a) {
                classes |= class_bits(v);
                if a == "role" && v.eq_ignore_ascii_case("navigation") {
                    ancestors |= anc::NAV;
                }
            }
        }
        let tag_code = match bt {
            Some(BlockTag::Other) | None => match name {
                "a" => BlockTag::A as u8,
                "span" => parent_tag.max(BlockTag::Span as u8 * (parent_tag == 0) as u8),
                "button" => BlockTag::Button as u8,
                "label" => BlockTag::Label as u8,
                "option" => BlockTag::Option as u8,
                _ => parent_tag,
            },
            Some(t) => t as u8,
        };
        if name == "a" {
            self.cur.links = self.cur.links.saturating_add(1);
        }
        let mut groups = self.top_groups();
        let mut count = 0;
        let mut new_id = || {
            self.n_groups += 1;
            self.n_groups
        };
        match name {
            "pre" => groups.pre = new_id(),
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => groups.heading = new_id(),
            "table" => {
                groups.table = new_id();
                (groups.row, groups.cell, groups.col) = (0, 0, 0);
            }
            "tr" => {
                (groups.row, groups.cell, groups.col) = (new_id(), 0, 0);
                // the cells above that span rows reach one row further down
                if let Some(table) = self.innermost(&["table"]) {
                    table.row_spans.retain_mut(|r| {
                        r.rows -= 1;
                        r.rows > 0
                    });
                }
            }
            "td" | "th" => {
                groups.cell = new_id();
                // (as browsers read them: colspan 1 to 1000, rowspan 1 to 65534, 0 read as 1)
                let span = span_attr(tag, "colspan", 1000);
                let rows = span_attr(tag, "rowspan", 65534);
                groups.span = span as u16;
                // the cell's column: the first after its row's cells so far (not a row of an
                // outer table) and after the cells of rows above that span down into it
                groups.reach = span as u16;
                let tr = self
                    .innermost_at(&["tr", "table"])
                    .filter(|&k| &*self.stack[k].name == "tr");
                if let Some(tr) = tr {
                    let mut col = self.stack[tr].count.saturating_add(1);
                    if let Some(t) = self.innermost_at(&["table"]) {
                        let spans = &mut self.stack[t].row_spans;
                        while let Some(r) =
                            spans.iter().find(|r| r.col <= col && col - r.col < r.span)
                        {
                            col = r.col.saturating_add(r.span);
                        }
                        if rows > 1 && spans.len() < MAX_ROW_SPANS {
                            spans.push(RowSpan { col, span, rows });
                        }
                        let below = spans.iter().map(|r| r.col + r.span - 1).max().unwrap_or(0);
                        groups.reach = below.min(u16::MAX as u32) as u16;
                    }
                    let last = (col - 1).saturating_add(span);
                    self.stack[tr].count = last;
                    groups.col = col.min(u16::MAX as u32) as u16;
                    groups.reach = groups.reach.max(last.min(u16::MAX as u32) as u16);
                }
            }
            "ul" | "ol" => {
                groups.list_depth = groups.list_depth.saturating_add(1);
                groups.ordinal = 0;
                if name == "ol" {
                    count = attr(tag, "start")
                        .and_then(|v| v.trim().parse::<u32>().ok())
                        .unwrap_or(1)
                        .clamp(1, 1 << 30);
                }
            }
            "li" => {
                // its number, if its list is an ordered one
                groups.ordinal = match self.innermost(&["ul", "ol"]) {
                    Some(ol) if &*ol.name == "ol" => {
                        ol.count = ol.count.saturating_add(1);
                        ol.count - 1
                    }
                    _ => 0,
                };
            }
            _ => {}
        }
        let href = (name == "a")
            .then(|| attr(tag, "href").map(link_target))
            .flatten()
            .filter(|h| is_link_target(h))
            .map(String::into_boxed_str);
        let kind = MarkKind::of(name).or(href.as_ref().map(|_| MarkKind::Link));
        // (a `<pre>`'s code is fenced whole: no marks inside it)
        let mark = kind
            .filter(|_| groups.pre == 0)
            .map(|k| (k, self.serial, self.cur.text.len() as u32));
        self.stack.push(Open {
            name: tag.name.clone(),
            ancestors,
            classes,
            tag: tag_code,
            is_link: name == "a",
            groups,
            count,
            row_spans: Vec::new(),
            mark,
            href,
        });
    }

    fn end(&mut self, tag: &Tag) {
        let name = &*tag.name;
        match name {
            "head" => self.in_head = false,
            "title" => {
                self.in_title = false;
                return;
            }
            "h1" => self.in_h1 = false,
            "script" => {
                if let Some(j) = self.json_ld.take() {
                    if self.doc.meta.json_ld.len() < 16 {
                        self.doc.meta.json_ld.push(j);
                    }
                }
            }
            _ => {}
        }
        if name == "br" {
            self.flush();
            return;
        }
        if self.overflow > 0 {
            self.overflow -= 1;
            if is_skipped(name) {
                self.skip = self.skip.saturating_sub(1);
            }
            return;
        }
        // close up to the matching open element, if it is open at all (stray end tags are
        // ignored, as browsers do)
        if let Some(pos) = self.stack.iter().rposition(|o| o.name == tag.name) {
            if block_tag(name).is_some()
                || self.stack[pos..]
                    .iter()
                    .any(|o| block_tag(&o.name).is_some())
            {
                self.flush();
            }
            for o in self.stack.drain(pos..) {
                if is_skipped(&o.name) {
                    self.skip = self.skip.saturating_sub(1);
                }
                if let Some((kind, serial, start)) = o.mark {
                    let end = self.cur.text.len() as u32;
                    if serial == self.serial && start < end && self.cur.marks.len() < MAX_MARKS {
                        let mut href = 0;
                        if let Some(h) = o.href {
                            self.cur.hrefs.push(h.into());
                            href = self.cur.hrefs.len() as u32;
                        }
                        self.cur.marks.push(Mark {
                            start,
                            end,
                            kind,
                            href,
                        });
                    }
                }
            }
        } else if block_tag(name).is_some() {
            // a stray block end tag still ends the block of text before it
            self.flush();
        }
    }
}

/// A cell's `colspan` or `rowspan`: 1 to `max` (missing, 0 or not a number: 1).
fn span_attr(tag: &Tag, name: &str, max: u32) -> u32 {
    attr(tag, name)
        .and_then(|v| v.trim().parse::<u32>().ok())
        .unwrap_or(1)
        .clamp(1, max)
}

/// An `href` as a browser reads it (the URL standard's first steps): spaces and control
/// characters trimmed at both ends, every tab and line break inside removed
/// (`java&#9;script:` is `javascript:`, and a line break would split the Markdown link).
fn link_target(h: &str) -> String {
    h.trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect()
}

/// An `href` worth a Markdown link: not empty, not too long, not a place on the page itself
/// (`#top`) and not a script or inline document (`javascript:`, `vbscript:`, `data:`).
fn is_link_target(h: &str) -> bool {
    let scheme = h.split_once(':').map(|(s, _)| s);
    !h.is_empty()
        && h.len() <= 2000
        && !h.starts_with('#')
        && !scheme.is_some_and(|s| {
            ["javascript", "vbscript", "data"]
                .iter()
                .any(|x| s.eq_ignore_ascii_case(x))
        })
}

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut st = self.0.borrow_mut();
        match token {
            Token::TagToken(tag) => match tag.kind {
                TagKind::StartTag => {
                    st.start(&tag);
                    let name = &*tag.name;
                    if !tag.self_closing {
                        // the tree builder's job, done here: raw-text elements
                        match name {
                            "script" => return TokenSinkResult::RawData(RawKind::ScriptData),
                            // not noframes and noembed: read as a browser without frames
                            // or plugins does (as noscript is), their markup is markup, and
                            // as raw text it came out in the page's text ("<p>...</p>")
                            "style" | "xmp" | "iframe" => {
                                return TokenSinkResult::RawData(RawKind::Rawtext)
                            }
                            "title" | "textarea" => {
                                return TokenSinkResult::RawData(RawKind::Rcdata)
                            }
                            "plaintext" => return TokenSinkResult::Plaintext,
                            _ => {}
                        }
                    }
                }
                TagKind::EndTag => st.end(&tag),
            },
            Token::CharacterTokens(t) => st.text(&t),
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

pub(super) fn parse_html_with(html: &str, keep_hidden: bool) -> (HtmlDoc, usize) {
    let sink = Sink(RefCell::new(State {
        keep_hidden,
        ..State::default()
    }));
    let tok = Tokenizer::new(sink, TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from(&*cap_attributes(html)));
    let _ = tok.feed(&input);
    tok.end();
    let mut st = tok.sink.0.into_inner();
    st.flush();
    let mut doc = std::mem::take(&mut st.doc);
    if let Some(t) = doc.meta.title.as_mut() {
        *t = t.split_whitespace().collect::<Vec<_>>().join(" ");
    }
    if let Some(h) = doc.meta.h1.as_mut() {
        *h = h.split_whitespace().collect::<Vec<_>>().join(" ");
    }
    (doc, st.hidden_chars)
}
