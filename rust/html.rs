//! HTML to text blocks, in one streaming pass: html5ever's tokenizer (spec-exact entities,
//! raw-text elements, broken markup) feeds a small open-element stack that tracks what each
//! piece of text sits in: its block tag, semantic ancestors (nav, footer, aside, article...),
//! class/id words of its ancestors (menu, share, related, comment...), links and depth.
//!
//! No DOM is built, nothing recurses: a page nested 10,000 levels deep costs what a flat one
//! costs (the stack is capped; deeper tags are only counted). The blocks become the lines of
//! a page text, scored by the same line model as plain text plus these structural features.

use std::cell::RefCell;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};

/// Semantic ancestors of a block (bit flags).
pub mod anc {
    pub const NAV: u32 = 1;
    pub const HEADER: u32 = 1 << 1;
    pub const FOOTER: u32 = 1 << 2;
    pub const ASIDE: u32 = 1 << 3;
    pub const ARTICLE: u32 = 1 << 4;
    pub const MAIN: u32 = 1 << 5;
    pub const FORM: u32 = 1 << 6;
    pub const TABLE: u32 = 1 << 7;
    pub const LIST: u32 = 1 << 8;
    pub const FIGURE: u32 = 1 << 9;
    pub const BLOCKQUOTE: u32 = 1 << 10;
    pub const PRE: u32 = 1 << 11;
    pub const BUTTON: u32 = 1 << 12;
    pub const HIDDEN: u32 = 1 << 13;
    pub const DIALOG: u32 = 1 << 14;
    pub const LABEL: u32 = 1 << 15;
    pub const N: usize = 16;
    pub const NAMES: [&str; N] = [
        "nav",
        "header",
        "footer",
        "aside",
        "article",
        "main",
        "form",
        "table",
        "list",
        "figure",
        "blockquote",
        "pre",
        "button",
        "hidden",
        "dialog",
        "label",
    ];
}

/// Words in the class and id attributes of a block's ancestors (bit flags).
pub mod cls {
    pub const WORDS: [(&str, &[&str]); 18] = [
        ("menu", &["nav", "menu", "navbar", "dropdown", "toolbar"]),
        ("footer", &["footer", "foot", "copyright", "colophon"]),
        (
            "header",
            &[
                "header", "masthead", "topbar", "top-bar", "branding", "logo",
            ],
        ),
        (
            "sidebar",
            &["sidebar", "side-bar", "aside", "widget", "rail"],
        ),
        (
            "comment",
            &["comment", "reply", "disqus", "respond", "discussion"],
        ),
        ("share", &["share", "social", "sharing", "sharer"]),
        (
            "related",
            &[
                "related",
                "recommend",
                "read-next",
                "readnext",
                "popular",
                "trending",
                "more-stories",
                "teaser",
                "promo-list",
            ],
        ),
        ("breadcrumb", &["breadcrumb", "crumbs"]),
        ("cookie", &["cookie", "consent", "gdpr", "privacy-banner"]),
        (
            "ad",
            &[
                "advert", "ads", "ad-", "sponsor", "banner", "promo", "dfp", "adslot",
            ],
        ),
        ("article", &["article", "post", "entry", "story", "blog"]),
        (
            "content",
            &[
                "content",
                "main",
                "body",
                "text",
                "prose",
                "richtext",
                "rich-text",
            ],
        ),
        (
            "caption",
            &["caption", "credit", "figcaption", "wp-caption"],
        ),
        (
            "byline",
            &[
                "author",
                "byline",
                "meta",
                "dateline",
                "date",
                "time",
                "published",
            ],
        ),
        (
            "modal",
            &[
                "modal",
                "popup",
                "overlay",
                "newsletter",
                "subscribe",
                "signup",
            ],
        ),
        (
            "account",
            &[
                "login", "signin", "sign-in", "account", "cart", "basket", "checkout",
            ],
        ),
        ("pager", &["pagination", "pager", "paging", "page-numbers"]),
        (
            "tags",
            &["tag", "category", "categories", "label", "topics"],
        ),
    ];
    pub const N: usize = WORDS.len();
}

/// The block-level tag a block's text belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum BlockTag {
    Other = 0,
    P,
    Div,
    Li,
    H1,
    H2,
    H3,
    H4,
    H5,
    H6,
    Td,
    Dt,
    Dd,
    Pre,
    Blockquote,
    Figcaption,
    Section,
    Article,
    Span,
    A,
    Button,
    Label,
    Option,
}

#[derive(Clone, Debug, Default)]
pub struct HtmlBlock {
    pub text: String,
    pub tag: u8,
    pub depth: u16,
    pub chars: u32,
    /// Non-space characters inside links.
    pub link_chars: u32,
    pub links: u16,
    /// `anc::*` flags of the ancestors when the block's text was seen.
    pub ancestors: u32,
    /// `cls::WORDS` bits of the ancestors' class/id attributes.
    pub classes: u32,
}

#[derive(Clone, Debug, Default)]
pub struct HtmlMeta {
    pub title: Option<String>,
    pub lang: Option<String>,
    /// `(name or property, content)` of the head's meta tags, names lower-cased.
    pub metas: Vec<(String, String)>,
    pub canonical: Option<String>,
    /// Raw JSON-LD scripts.
    pub json_ld: Vec<String>,
    /// Text of the first `<h1>`.
    pub h1: Option<String>,
}

#[derive(Clone, Debug, Default)]
pub struct HtmlDoc {
    pub blocks: Vec<HtmlBlock>,
    pub meta: HtmlMeta,
    /// Start tags deeper than the stack cap (counted, not tracked).
    pub overflowed: u32,
}

/// Open elements deeper than this are counted but not tracked: bounded memory and time on
/// hostile nesting, and real pages are far shallower.
const MAX_STACK: usize = 512;
/// Text of one block beyond this is cut (a 20 MB text node stays a bounded line).
const MAX_BLOCK_BYTES: usize = 1 << 20;

#[derive(Clone)]
struct Open {
    name: html5ever::LocalName,
    ancestors: u32,
    classes: u32,
    tag: u8,
    is_link: bool,
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
}

struct Sink(RefCell<State>);

fn block_tag(name: &str) -> Option<BlockTag> {
    use BlockTag::*;
    Some(match name {
        "p" => P,
        "div" => Div,
        "li" => Li,
        "h1" => H1,
        "h2" => H2,
        "h3" => H3,
        "h4" => H4,
        "h5" => H5,
        "h6" => H6,
        "td" | "th" => Td,
        "dt" => Dt,
        "dd" => Dd,
        "pre" => Pre,
        "blockquote" => Blockquote,
        "figcaption" => Figcaption,
        "section" | "header" | "footer" | "nav" | "aside" | "main" | "form" | "figure"
        | "fieldset" | "details" | "summary" | "address" | "center" => Section,
        "article" => Article,
        "ul" | "ol" | "dl" | "table" | "tr" | "tbody" | "thead" | "tfoot" | "caption" | "hr"
        | "br" | "body" | "html" | "option" | "select" | "textarea" | "legend" | "menu"
        | "dialog" | "iframe" => Other,
        _ => return None,
    })
}

fn ancestor_flag(name: &str) -> u32 {
    match name {
        "nav" | "menu" => anc::NAV,
        "header" => anc::HEADER,
        "footer" => anc::FOOTER,
        "aside" => anc::ASIDE,
        "article" => anc::ARTICLE,
        "main" => anc::MAIN,
        "form" | "select" | "textarea" | "fieldset" => anc::FORM,
        "table" => anc::TABLE,
        "ul" | "ol" | "dl" => anc::LIST,
        "figure" | "figcaption" | "picture" => anc::FIGURE,
        "blockquote" | "q" => anc::BLOCKQUOTE,
        "pre" | "code" => anc::PRE,
        "button" => anc::BUTTON,
        "dialog" => anc::DIALOG,
        "label" => anc::LABEL,
        _ => 0,
    }
}

fn is_void(name: &str) -> bool {
    matches!(
        name,
        "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "link"
            | "meta"
            | "param"
            | "source"
            | "track"
            | "wbr"
    )
}

/// Elements whose text is never part of a page's visible content.
fn is_skipped(name: &str) -> bool {
    // `noscript` is not skipped: parsed as a browser without scripting does, it is where
    // server-rendered forums (Discourse) put the whole page; its usual "enable JavaScript"
    // line is left to the model
    matches!(
        name,
        "script"
            | "style"
            | "template"
            | "svg"
            | "math"
            | "iframe"
            | "object"
            | "canvas"
            | "select"
    )
}

fn class_bits(value: &str) -> u32 {
    let v = value.to_ascii_lowercase();
    let mut bits = 0;
    for (k, (_, words)) in cls::WORDS.iter().enumerate() {
        if words.iter().any(|w| v.contains(w)) {
            bits |= 1 << k;
        }
    }
    bits
}

fn attr<'a>(tag: &'a Tag, name: &str) -> Option<&'a str> {
    tag.attrs
        .iter()
        .find(|a| &*a.name.local == name)
        .map(|a| &*a.value)
}

fn hidden(tag: &Tag) -> bool {
    if attr(tag, "hidden").is_some() || attr(tag, "aria-hidden") == Some("true") {
        return true;
    }
    attr(tag, "style").is_some_and(|s| {
        let s: String = s
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        s.contains("display:none") || s.contains("visibility:hidden")
    })
}

impl State {
    fn flush(&mut self) {
        let text = self.cur.text.trim();
        if !text.is_empty() {
            let mut b = std::mem::take(&mut self.cur);
            b.text = b.text.trim().to_string();
            b.chars = b.text.chars().count() as u32;
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
        for (k, piece) in t.split('\n').enumerate() {
            if k > 0 && pre {
                // preformatted text keeps its lines
                self.flush();
            }
            for c in piece.chars() {
                if self.cur.text.len() >= MAX_BLOCK_BYTES {
                    break;
                }
                if c.is_whitespace() {
                    self.cur_space = !self.cur.text.is_empty();
                    continue;
                }
                if self.cur.text.is_empty() {
                    self.cur.ancestors = ancestors;
                    self.cur.classes = classes;
                    self.cur.tag = tag;
                    self.cur.depth = depth;
                } else if self.cur_space {
                    self.cur.text.push(' ');
                }
                self.cur_space = false;
                self.cur.text.push(c);
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
        self.stack.push(Open {
            name: tag.name.clone(),
            ancestors,
            classes,
            tag: tag_code,
            is_link: name == "a",
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
            }
        } else if block_tag(name).is_some() {
            // a stray block end tag still ends the block of text before it
            self.flush();
        }
    }
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
                            "style" | "xmp" | "iframe" | "noembed" | "noframes" => {
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

/// Parse an HTML page into text blocks and head metadata.
pub fn parse_html(html: &str) -> HtmlDoc {
    let (doc, hidden_chars) = parse_html_with(html, false);
    // Pages rendered for a script to reveal (React's streamed `<div hidden>`, a
    // `visibility:hidden` wrapper) hide all of their text: then the hidden text is the page.
    let visible: usize = doc.blocks.iter().map(|b| b.text.len()).sum();
    if visible < 200 && hidden_chars > 1000 {
        return parse_html_with(html, true).0;
    }
    doc
}

fn parse_html_with(html: &str, keep_hidden: bool) -> (HtmlDoc, usize) {
    let sink = Sink(RefCell::new(State {
        keep_hidden,
        ..State::default()
    }));
    let tok = Tokenizer::new(sink, TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from(html));
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

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!DOCTYPE html><html lang="en"><head><title>A  Story | Site</title>
        <meta property="og:site_name" content="Site"><meta name="author" content="Jane Doe">
        <link rel="canonical" href="https://site.example/story">
        <script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2024-04-23"}</script>
        <style>p { color: red }</style></head>
        <body><nav class="main-menu"><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul></nav>
        <article class="post"><h1>A Story</h1><p>First paragraph with <a href="x">a link</a> and text.</p>
        <p>Second &amp; last<br>line two</p><script>var x = "<p>not text</p>";</script>
        <div style="display: none">hidden text</div></article>
        <footer id="site-footer"><p>Copyright 2024</p></footer></body></html>"#;

    #[test]
    fn blocks_and_context() {
        let d = parse_html(PAGE);
        let texts: Vec<&str> = d.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Home",
                "News",
                "A Story",
                "First paragraph with a link and text.",
                "Second & last",
                "line two",
                "Copyright 2024"
            ]
        );
        assert!(d.blocks[0].ancestors & anc::NAV != 0);
        assert!(d.blocks[0].classes & 1 != 0, "menu class word");
        assert_eq!(d.blocks[0].link_chars, 4);
        assert_eq!(d.blocks[2].tag, BlockTag::H1 as u8);
        assert!(d.blocks[3].ancestors & anc::ARTICLE != 0);
        assert_eq!(d.blocks[3].link_chars, 5, "non-space chars inside links");
        assert!(d.blocks[6].ancestors & anc::FOOTER != 0);
        assert_eq!(d.meta.title.as_deref(), Some("A Story | Site"));
        assert_eq!(d.meta.lang.as_deref(), Some("en"));
        assert_eq!(
            d.meta.canonical.as_deref(),
            Some("https://site.example/story")
        );
        assert!(d.meta.metas.contains(&("author".into(), "Jane Doe".into())));
        assert!(d.meta.json_ld[0].contains("datePublished"));
        assert_eq!(d.meta.h1.as_deref(), Some("A Story"));
    }

    #[test]
    fn deep_nesting_is_flat_work() {
        let html = format!(
            "{}<p>deep text</p>{}",
            "<div>".repeat(10_000),
            "</div>".repeat(10_000)
        );
        let d = parse_html(&html);
        assert_eq!(d.blocks.len(), 1);
        assert!(d.overflowed > 0);
        let html = format!(
            "{}deep{}",
            "<span>".repeat(20_000),
            "</span>".repeat(20_000)
        );
        assert_eq!(parse_html(&html).blocks[0].text, "deep");
    }

    #[test]
    fn self_closing_skipped_tags_do_not_swallow_the_page() {
        for open in [
            "<svg/>",
            "<svg viewBox='0 0 1 1' />",
            "<iframe src='x' />",
            "<canvas/>",
            "<noscript/>",
            "<select/>",
        ] {
            let d = parse_html(&format!("<body>{open}<p>after it</p></body>"));
            let texts: Vec<&str> = d.blocks.iter().map(|b| b.text.as_str()).collect();
            assert_eq!(texts, ["after it"], "{open}");
        }
        // browsers ignore the slash of <script/>: what follows up to </script> is code
        let d = parse_html("<body><script src='x.js'/>var a = 1;</script><p>after it</p></body>");
        let texts: Vec<&str> = d.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, ["after it"]);
    }

    #[test]
    fn a_page_hidden_for_a_script_to_reveal_is_read() {
        let body =
            "<p>A long paragraph of the article that the page hides until its script runs.</p>"
                .repeat(20);
        let d = parse_html(&format!("<body><div hidden>{body}</div></body>"));
        assert_eq!(d.blocks.len(), 20);
        // a page with visible text keeps its hidden parts hidden
        let d = parse_html(&format!(
            "<body><p>{}</p><div hidden>{body}</div></body>",
            "Visible text. ".repeat(30)
        ));
        assert_eq!(d.blocks.len(), 1);
        // noscript is read, as a browser without scripting shows it
        let d = parse_html("<body><noscript><p>Server-rendered post.</p></noscript></body>");
        assert_eq!(d.blocks[0].text, "Server-rendered post.");
    }

    #[test]
    fn broken_markup() {
        let d = parse_html("<p>one<p>two<li>three</b></i><td>four</table>five<div");
        let texts: Vec<&str> = d.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, ["one", "two", "three", "four", "five"]);
        assert!(parse_html("").blocks.is_empty());
        assert!(parse_html("<script>only script</script>").blocks.is_empty());
    }
}
