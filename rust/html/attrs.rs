//! A linear pre-pass that drops the attributes of a tag beyond `MAX_ATTRS`. html5ever's
//! tokenizer checks each new attribute of a tag against all the ones before it, so one tag
//! with n attributes costs n²: 200,000 attributes (1.5 MB) took 13 s and a 16 MB page of them
//! would take many minutes, in-process where no time-out can stop it. Real elements carry a
//! few dozen attributes, and the pass only reads a handful of them.
//!
//! The scan follows the tokenizer's states closely enough to find the same tags: it skips
//! comments, bogus comments and the raw text of script/style-like elements, and it copies
//! the page untouched unless some tag has too many attributes.

use std::borrow::Cow;

pub(super) const MAX_ATTRS: usize = 256;

/// Elements whose content the tokenizer reads as text up to their end tag (`walk.rs`).
const RAW: [&[u8]; 6] = [
    b"script",
    b"style",
    b"xmp",
    b"iframe",
    b"title",
    b"textarea",
];

fn is_ws(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

fn find(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(&hay[from.min(hay.len())..], needle).map(|k| from + k)
}

/// The end of the raw text that starts at `from` inside an element `name`: the start of its
/// end tag (`</name` followed by a delimiter, any case), or the end of the page.
fn raw_end(b: &[u8], from: usize, name: &[u8]) -> usize {
    let mut i = from;
    while let Some(k) = memchr::memchr(b'<', &b[i.min(b.len())..]) {
        let s = i + k;
        let t = s + 2 + name.len();
        if b.get(s + 1) == Some(&b'/')
            && t <= b.len()
            && b[s + 2..t].eq_ignore_ascii_case(name)
            && b.get(t).is_none_or(|&c| is_ws(c) || c == b'/' || c == b'>')
        {
            return s;
        }
        i = s + 1;
    }
    b.len()
}

/// `html` with every tag's attributes past the first `MAX_ATTRS` removed.
pub(super) fn cap_attributes(html: &str) -> Cow<'_, str> {
    let b = html.as_bytes();
    let n = b.len();
    let mut out: Option<String> = None;
    let mut copied = 0; // bytes of `html` already in `out` (or dropped)
    let mut i = 0;
    while let Some(k) = memchr::memchr(b'<', &b[i.min(n)..]) {
        let s = i + k;
        i = s + 1;
        match b.get(i) {
            Some(b'!') if b[i..].starts_with(b"!--") => {
                // a comment ends at "-->" ("<!-->" and "<!--->" are empty ones)
                let body = i + 3;
                i = if b[body..].starts_with(b">") {
                    body + 1
                } else if b[body..].starts_with(b"->") {
                    body + 2
                } else {
                    find(b, body, b"-->").map_or(n, |e| e + 3)
                };
                continue;
            }
            Some(b'!' | b'?') => {
                // doctype, CDATA, processing instruction: up to the next '>'
                i = memchr::memchr(b'>', &b[i..]).map_or(n, |e| i + e + 1);
                continue;
            }
            Some(b'/') if b.get(i + 1).is_some_and(u8::is_ascii_alphabetic) => i += 1,
            Some(b'/') => {
                // "</" and no letter: a bogus comment up to the next '>'
                i = memchr::memchr(b'>', &b[i..]).map_or(n, |e| i + e + 1);
                continue;
            }
            Some(c) if c.is_ascii_alphabetic() => {}
            _ => continue,
        }
        let end_tag = b[s + 1] == b'/';
        let name_start = i;
        while i < n && !is_ws(b[i]) && b[i] != b'/' && b[i] != b'>' {
            i += 1;
        }
        let name = &b[name_start..i];
        let mut attrs = 0usize;
        let mut prev_end = i; // where the last attribute kept ends
        loop {
            while i < n && (is_ws(b[i]) || b[i] == b'/') {
                i += 1;
            }
            if i >= n || b[i] == b'>' {
                break;
            }
            i += 1; // a first '=' belongs to the name
            while i < n && !is_ws(b[i]) && !matches!(b[i], b'/' | b'>' | b'=') {
                i += 1;
            }
            let mut j = i;
            while j < n && is_ws(b[j]) {
                j += 1;
            }
            if j < n && b[j] == b'=' {
                j += 1;
                while j < n && is_ws(b[j]) {
                    j += 1;
                }
                if j < n && (b[j] == b'"' || b[j] == b'\'') {
                    j = memchr::memchr(b[j], &b[j + 1..]).map_or(n, |e| j + 1 + e + 1);
                } else {
                    while j < n && !is_ws(b[j]) && b[j] != b'>' {
                        j += 1;
                    }
                }
                i = j;
            }
            attrs += 1;
            if attrs <= MAX_ATTRS {
                prev_end = i;
            } else {
                // the dropped ones go with the space before them; every cut is at an ASCII
                // delimiter or the end, so at a char boundary
                if attrs == MAX_ATTRS + 1 {
                    let o = out.get_or_insert_with(|| String::with_capacity(n));
                    o.push_str(&html[copied..prev_end]);
                }
                copied = i;
            }
        }
        if i < n {
            i += 1; // the '>'
        }
        if !end_tag {
            if let Some(raw) = RAW.iter().find(|r| name.eq_ignore_ascii_case(r)) {
                i = raw_end(b, i, raw);
            } else if name.eq_ignore_ascii_case(b"plaintext") {
                break;
            }
        }
    }
    match out {
        None => Cow::Borrowed(html),
        Some(mut o) => {
            o.push_str(&html[copied.min(n)..]);
            Cow::Owned(o)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tag(n: usize) -> String {
        let attrs: Vec<String> = (0..n).map(|k| format!("a{k}=\"v>{k}\"")).collect();
        format!("<div {}>", attrs.join(" "))
    }

    #[test]
    fn pages_with_few_attributes_are_untouched() {
        for page in [
            "<p class=a id='b' hidden data-x=1>t</p>",
            "<!-- <div a b c> --><script>if (a<b) x = '</div'</script><p>x",
            "<div a=\"unclosed",
            "",
            "<",
            "<a",
            "</",
        ] {
            assert!(matches!(cap_attributes(page), Cow::Borrowed(_)), "{page}");
        }
        let t = tag(MAX_ATTRS);
        assert!(matches!(cap_attributes(&t), Cow::Borrowed(_)));
    }

    #[test]
    fn attributes_past_the_cap_are_dropped() {
        let page = format!("{}<p>text</p></div>", tag(MAX_ATTRS + 1000));
        let capped = cap_attributes(&page);
        assert_eq!(capped, format!("{}<p>text</p></div>", &tag(MAX_ATTRS)));
        // unquoted values, bare names, slashes and odd spacing
        let attrs: String = (0..2 * MAX_ATTRS)
            .map(|k| format!(" b{k} = v{k} / c{k}"))
            .collect();
        let page = format!("<img{attrs}><p>after</p>");
        let capped = cap_attributes(&page);
        assert!(capped.ends_with("><p>after</p>"));
        assert_eq!(
            capped.matches(" = ").count() + capped.matches(" c").count(),
            MAX_ATTRS
        );
    }

    #[test]
    fn raw_text_and_comments_are_not_read_as_tags() {
        let inner = tag(MAX_ATTRS + 10);
        for page in [
            format!("<script>var s = '{inner}';</script>"),
            format!("<STYLE>{inner}</style >"),
            format!("<!--{inner}-->"),
            format!("<textarea>{inner}"),
        ] {
            assert!(matches!(cap_attributes(&page), Cow::Borrowed(_)), "{page}");
        }
        // a quote opened inside a script does not hide the tags after it
        let page = format!("<script>\"<a '\"</script>{}", tag(MAX_ATTRS + 10));
        assert_eq!(cap_attributes(&page).matches('=').count(), MAX_ATTRS);
    }
}
