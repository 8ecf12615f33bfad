//! HTML to text blocks, in one streaming pass: html5ever's tokenizer (spec-exact entities,
//! raw-text elements, broken markup) feeds a small open-element stack that tracks what each
//! piece of text sits in: its block tag, semantic ancestors (nav, footer, aside, article...),
//! class/id words of its ancestors (menu, share, related, comment...), links and depth.
//!
//! No DOM is built, nothing recurses: a page nested 10,000 levels deep costs what a flat one
//! costs (the stack is capped; deeper tags are only counted). The blocks become the lines of
//! a page text, scored by the same line model as plain text plus these structural features.
//!
//! This module holds what the pass produces (the blocks, the head's metadata, the flags a block
//! carries); `walk` is the pass itself (the tokenizer's sink and its stack) and `tags` what it
//! reads off each element (block tag, ancestor flags, class words, void, skipped, hidden).

mod attrs;
mod tags;
mod walk;

use walk::parse_html_with;

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
    /// The bit of the comment words (`WORDS[4]`).
    pub const COMMENT: u32 = 1 << 4;
    const _: () = assert!(matches!(WORDS[4].0.as_bytes(), b"comment"));
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
    /// The `<pre>`, table, row, cell, list and heading the block's text sits in.
    pub groups: Groups,
    /// A line of a `<pre>`: its leading spaces and tabs (which `text` has not).
    pub lead: String,
    /// A line of a `<pre>`: blank lines between it and the `<pre>`'s line before it.
    pub blank_before: u16,
    /// A line of a `<pre>` whose spaces inside it are not single ones: the line as written
    /// (after `lead`), which the output keeps (`s = "a    b"`, columns aligned with spaces);
    /// `text`, which the model reads, has them collapsed as every line has. Empty otherwise.
    pub raw: String,
    /// Inline markup of the text (bold, italic, inline code), as byte ranges of `text`
    /// nested as the elements were; for Markdown output (see `htmlclean::layout`).
    pub marks: Vec<Mark>,
    /// The targets of the block's [`MarkKind::Link`] marks (`Mark::href` - 1 indexes it), as
    /// the page wrote them.
    pub hrefs: Vec<String>,
}

/// An inline element around part of a block's text: `text[start..end]` (bold, italic, code,
/// a link).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mark {
    pub start: u32,
    pub end: u32,
    pub kind: MarkKind,
    /// A link's target: 1 + its index in [`HtmlBlock::hrefs`] (0 for other marks).
    pub href: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MarkKind {
    /// `<strong>`, `<b>`
    Strong,
    /// `<em>`, `<i>`
    Em,
    /// `<code>`, `<kbd>`, `<samp>`, `<tt>` outside a `<pre>`
    Code,
    /// `<a href>` with a target outside the page (not `#...`, not `javascript:`)
    Link,
}

impl MarkKind {
    /// The inline element `name` makes, if any.
    pub fn of(name: &str) -> Option<MarkKind> {
        match name {
            "strong" | "b" => Some(MarkKind::Strong),
            "em" | "i" => Some(MarkKind::Em),
            "code" | "kbd" | "samp" | "tt" => Some(MarkKind::Code),
            _ => None,
        }
    }
}

/// Where a block's text sits among the elements whose parts the output keeps together
/// (`htmlclean::layout`): `<pre>` elements, tables, rows and cells, lists, headings. Each
/// element is numbered from 1 in the page (0: the text is in none).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Groups {
    /// A line of a `<pre>`: the assembly keeps its lines together, indented as they were.
    pub pre: u32,
    /// The table, row (`<tr>`) and cell (`<td>`, `<th>`): a data row's cells go on one line.
    pub table: u32,
    pub row: u32,
    pub cell: u32,
    /// The cell's first column in its row, from 1: a Markdown table leaves the columns of
    /// empty cells (which make no block) empty.
    pub col: u16,
    /// The columns the cell spans (its `colspan`, 1 to 1000; 0 outside a cell).
    pub span: u16,
    /// The last column the cell's row takes so far, with the cells of rows above that span
    /// down into it (its span, for a cell whose row was not found): a row reaching two
    /// columns is a row of a data table.
    pub reach: u16,
    /// The lists (`ul`, `ol`) around it (1 in a list, 2 in a list inside it, ...) and, for a
    /// list item, its number in an ordered list (0 in an unordered one), for Markdown.
    pub list_depth: u8,
    pub ordinal: u32,
    /// The heading (`h1`-`h6`): a heading cut by a `<br>` is one Markdown heading.
    pub heading: u32,
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
    /// Bytes of text dropped from blocks longer than the block cap (1 MiB).
    pub cut_bytes: u64,
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
    fn a_line_break_in_the_source_is_a_space() {
        let d = parse_html("<p>a\nlogging cookbook, one\r\nline\n</p><p>\nnext</p>");
        let texts: Vec<&str> = d.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, ["a logging cookbook, one line", "next"]);
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
    fn noframes_and_noembed_hold_markup_not_text() {
        let d = parse_html(
            "<frameset><frame src=a></frameset><noframes><p>Old <b>site</b> text.</p></noframes>\
             <noembed><p>No plugin.</p></noembed>",
        );
        let texts: Vec<&str> = d.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, ["Old site text.", "No plugin."]);
    }

    #[test]
    fn a_tag_with_200_000_attributes_is_read() {
        let attrs: String = (0..200_000).map(|k| format!(" a{k}")).collect();
        let d = parse_html(&format!(
            "<div{attrs} class=menu><p>After the tag.</p></div>"
        ));
        assert_eq!(d.blocks[0].text, "After the tag.");
        // the class came after the cap: dropped with the rest
        assert_eq!(d.blocks[0].classes, 0);
        let d = parse_html("<div class=menu><p>x</p></div>");
        assert_ne!(d.blocks[0].classes, 0);
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
