//! What an element says about the text inside it, read off its name and attributes: the
//! block it starts, the ancestor flag and class words it adds, whether it is void, never
//! content, or hidden. The HTML vocabulary as tables, apart from the walk that applies it.

use html5ever::tokenizer::Tag;

use super::{anc, cls, BlockTag};

pub(super) fn block_tag(name: &str) -> Option<BlockTag> {
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

pub(super) fn ancestor_flag(name: &str) -> u32 {
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

pub(super) fn is_void(name: &str) -> bool {
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
pub(super) fn is_skipped(name: &str) -> bool {
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
            // a form field's text (a comment box's placeholder): what a reader types, not
            // what the page says (the HTML audit: kept in fast mode)
            | "textarea"
    )
}

pub(super) fn class_bits(value: &str) -> u32 {
    let v = value.to_ascii_lowercase();
    let mut bits = 0;
    for (k, (_, words)) in cls::WORDS.iter().enumerate() {
        if words.iter().any(|w| v.contains(w)) {
            bits |= 1 << k;
        }
    }
    bits
}

pub(super) fn attr<'a>(tag: &'a Tag, name: &str) -> Option<&'a str> {
    tag.attrs
        .iter()
        .find(|a| &*a.name.local == name)
        .map(|a| &*a.value)
}

/// A `<div hidden id="S:0">`: a segment React streams at the end of a server-rendered page
/// (Next.js's app router writes them), which the page's script moves into the place of its
/// loading skeleton at once. Hidden only until then: the article of such a page is all in
/// them, and a page whose segments were skipped kept its menus and footer alone (a dev page
/// of 2,455 words of text was `no-content`).
fn streamed_segment(tag: &Tag) -> bool {
    attr(tag, "id").is_some_and(|id| {
        id.strip_prefix("S:")
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_hexdigit()))
    })
}

pub(super) fn hidden(tag: &Tag) -> bool {
    if attr(tag, "hidden").is_some_and(|_| !streamed_segment(tag))
        || attr(tag, "aria-hidden") == Some("true")
    {
        return true;
    }
    // MediaWiki's `[edit]` links beside each heading: an editor's control, glued to the
    // heading's text ("History[edit]") in both modes (the HTML audit)
    if attr(tag, "class").is_some_and(|c| {
        c.split_ascii_whitespace()
            .any(|t| t == "mw-editsection" || t == "editsection")
    }) {
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
