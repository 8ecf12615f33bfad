//! A link's target made absolute against the page's URL, for Markdown links.
//!
//! Written by hand: reference resolution (RFC 3986, section 5.2) is the one thing needed of
//! a URL library here, and the `url` crate would bring IDNA and its Unicode tables into a
//! build kept lean; hosts, ports and percent-escapes are carried over as written, not
//! checked or normalised.

use std::borrow::Cow;

/// `href` resolved against `base` (the page's absolute URL): a target with a scheme
/// (`https:`, `mailto:`) as it is; `//host/p` with the base's scheme; `/p` on the base's
/// host; `?q` on the base's path; `p` and `../p` beside the base's last segment, dot
/// segments removed. Without a usable base (none, or no `scheme://`), `href` as it is.
/// Spaces and parentheses are percent-escaped so that the target fits in `[text](target)`.
pub(super) fn resolve<'a>(base: Option<&str>, href: &'a str) -> Cow<'a, str> {
    let out = match base.and_then(split_base) {
        Some(b) if !has_scheme(href) => Cow::Owned(join(&b, href)),
        _ => Cow::Borrowed(href),
    };
    if out.contains([' ', '(', ')']) {
        Cow::Owned(
            out.replace(' ', "%20")
                .replace('(', "%28")
                .replace(')', "%29"),
        )
    } else {
        out
    }
}

/// An absolute `http(s)://` URL with a host: one a page's links can be resolved against.
pub(super) fn is_absolute_http(url: &str) -> bool {
    split_base(url).is_some_and(|b| {
        !b.authority.is_empty()
            && (b.scheme.eq_ignore_ascii_case("http") || b.scheme.eq_ignore_ascii_case("https"))
    })
}

/// The parts of an absolute base URL: scheme, authority, path (query and fragment off).
struct Base<'a> {
    scheme: &'a str,
    authority: &'a str,
    path: &'a str,
}

fn split_base(url: &str) -> Option<Base<'_>> {
    let (scheme, rest) = url.split_once("://")?;
    if !has_scheme(url) || scheme.is_empty() {
        return None;
    }
    let rest = &rest[..rest.find(['?', '#']).unwrap_or(rest.len())];
    let (authority, path) = match rest.find('/') {
        Some(i) => rest.split_at(i),
        None => (rest, ""),
    };
    Some(Base {
        scheme,
        authority,
        path,
    })
}

/// `scheme:` at the start (letters, then letters, digits, `+`, `-`, `.`).
fn has_scheme(s: &str) -> bool {
    let Some(colon) = s.find(':') else {
        return false;
    };
    let head = &s.as_bytes()[..colon];
    head.first().is_some_and(u8::is_ascii_alphabetic)
        && head
            .iter()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'+' | b'-' | b'.'))
}

fn join(b: &Base<'_>, href: &str) -> String {
    let origin = format!("{}://{}", b.scheme, b.authority);
    if let Some(rest) = href.strip_prefix("//") {
        return format!("{}://{}", b.scheme, rest);
    }
    if href.starts_with('/') {
        let (path, tail) = split_tail(href);
        return format!("{origin}{}{tail}", remove_dots(path));
    }
    if href.starts_with('?') {
        let path = if b.path.is_empty() { "/" } else { b.path };
        return format!("{origin}{path}{href}");
    }
    // beside the base's last segment
    let dir = &b.path[..b.path.rfind('/').map_or(0, |i| i + 1)];
    let (path, tail) = split_tail(href);
    let merged = if dir.is_empty() {
        format!("/{path}")
    } else {
        format!("{dir}{path}")
    };
    format!("{origin}{}{tail}", remove_dots(&merged))
}

/// (path, `?query#fragment`) of a reference.
fn split_tail(href: &str) -> (&str, &str) {
    href.split_at(href.find(['?', '#']).unwrap_or(href.len()))
}

/// RFC 3986's remove_dot_segments on an absolute path.
fn remove_dots(path: &str) -> String {
    let mut out: Vec<&str> = Vec::new();
    let segs: Vec<&str> = path.split('/').skip(1).collect();
    for (i, seg) in segs.iter().enumerate() {
        let last = i + 1 == segs.len();
        match *seg {
            "." => {
                if last {
                    out.push("");
                }
            }
            ".." => {
                out.pop();
                if last {
                    out.push("");
                }
            }
            s => out.push(s),
        }
    }
    format!("/{}", out.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_resolve_as_rfc_3986_says() {
        // the examples of RFC 3986, section 5.4.1 (those this resolver is for)
        let base = Some("http://a/b/c/d;p?q");
        for (href, want) in [
            ("g:h", "g:h"),
            ("g", "http://a/b/c/g"),
            ("./g", "http://a/b/c/g"),
            ("g/", "http://a/b/c/g/"),
            ("/g", "http://a/g"),
            ("//g", "http://g"),
            ("?y", "http://a/b/c/d;p?y"),
            ("g?y", "http://a/b/c/g?y"),
            ("g#s", "http://a/b/c/g#s"),
            (".", "http://a/b/c/"),
            ("./", "http://a/b/c/"),
            ("..", "http://a/b/"),
            ("../", "http://a/b/"),
            ("../g", "http://a/b/g"),
            ("../..", "http://a/"),
            ("../../g", "http://a/g"),
            ("../../../g", "http://a/g"),
            ("/./g", "http://a/g"),
            ("g.", "http://a/b/c/g."),
            ("./g/.", "http://a/b/c/g/"),
            ("g/../h", "http://a/b/c/h"),
        ] {
            assert_eq!(resolve(base, href), want, "{href}");
        }
    }

    #[test]
    fn without_a_base_or_a_path_and_with_spaces() {
        assert_eq!(resolve(None, "../a b(1).html"), "../a%20b%281%29.html");
        assert_eq!(resolve(Some("not a url"), "/x"), "/x");
        assert_eq!(
            resolve(Some("https://example.org"), "x/y"),
            "https://example.org/x/y"
        );
        assert_eq!(
            resolve(Some("https://example.org"), "?p=2"),
            "https://example.org/?p=2"
        );
        assert_eq!(
            resolve(
                Some("https://example.org/a/b.html#top"),
                "mailto:x@example.org"
            ),
            "mailto:x@example.org"
        );
        assert_eq!(
            resolve(Some("https://example.org/a/b.html"), "c.html"),
            "https://example.org/a/c.html"
        );
    }
}
