"""The HTML path. The page's blocks (from a streaming Rust parse of the HTML) are scored by a
model that sees their text and their structure (tag, links, semantic ancestors, class/id
words). In the default mode trafilatura also extracts the page, in a killable worker
process, and the model takes its vote into account; in the fast mode trafilatura is not
run at all. If trafilatura fails or times out, the default mode falls back to the fast one
rather than losing the page."""

from __future__ import annotations

import logging
import re
from typing import Any
from urllib.parse import urljoin, urlsplit

from boilerstrip import _core
from boilerstrip.document import Document, content_hash, language_score_of
from boilerstrip.errors import ExtractionFailed, ExtractionTimeout, InputError
from boilerstrip.isolation import run_isolated
from boilerstrip.options import DEFAULT_OPTIONS, Options, resolve_options
from boilerstrip.text import _check_input, _reject, check_meta, decode, site_of

__all__ = ["clean_html", "decode_html", "looks_like_html"]

log = logging.getLogger(__name__)

# A <meta> tag up to its `>`, then its charset: two patterns, so that a page of "<meta" without
# a ">" is read once (as one pattern, each "<meta" read on to the window's end: 3 s on 64 KiB)
_META_TAG = re.compile(rb"<meta[^>]*", re.I)
# (one class for the spaces and quotes after "=": as `\s*["']?\s*` a run of spaces without a
# quote was split between the two stars every way, 9 s on 30,000 spaces)
_META_CHARSET = re.compile(rb"""charset\s*=[\s"']*([A-Za-z0-9_\-:.]+)""", re.I)
_HEAD_END = re.compile(rb"</head\b|<body\b", re.I)


def _meta_charset(data: bytes, end: int) -> bytes | None:
    """The charset of the first ``<meta>`` before ``end`` that names one."""
    for tag in _META_TAG.finditer(data, 0, end):
        m = _META_CHARSET.search(data, tag.start(), tag.end())
        if m:
            return m.group(1)
    return None


# A comment that cannot run on past its own end: with `<!--.*?-->` under a `*`, a match that
# fails could split a run of n comments 2^n ways (25 comments before plain text took 15 s).
_COMMENT = r"<!--(?:[^-]|-(?!->))*-->"
# a BOM, an XML declaration and comments may come first; then a doctype or an element that
# starts a page or a fragment (not `a`: "<a lot of" is text as often as not)
_HTML_START = re.compile(
    r"\ufeff?\s*(?:<\?xml[^>]*>\s*)?(?:" + _COMMENT + r"\s*)*<(?:!doctype\s+html|html|head|body|meta|title|div|p|table|"
    r"article|section|script|link|style|header|nav|main|footer|aside|h[1-6]|ul|ol|form|noscript|iframe|base|span|figure|svg)\b",
    re.I | re.S,
)
# XML documents that are not pages: feeds, sitemaps, an SVG image. Read as HTML their
# elements ran together into one line ("Item oneThe council...http://x/1Item two") with the
# escaped markup of the items left in, and given to `clean` they were taken for plain text.
_NOT_HTML = re.compile(
    r"\ufeff?\s*(?:<\?xml[^>]*>\s*)?(?:" + _COMMENT + r"\s*|<\?[^>]*>\s*|<!doctype[^>]*>\s*)*"
    r"<(?:rss|feed|rdf:rdf|urlset|sitemapindex|opml)\b"
    r"|\ufeff?\s*<\?xml[^>]*>\s*(?:" + _COMMENT + r"\s*|<\?[^>]*>\s*|<!doctype[^>]*>\s*)*<svg\b"
    # without the XML declaration: an SVG doctype, or a root <svg> in the SVG namespace (an
    # icon inline in an HTML fragment has no xmlns: HTML5 puts it there by itself)
    r"|\ufeff?\s*(?:" + _COMMENT + r"\s*)*(?:<!doctype\s+svg\b|<svg\b[^>]*\bxmlns\s*=\s*[\"']http://www\.w3\.org/2000/svg[\"'])",
    re.I | re.S,
)
# A raw HTTP response (a crawler's dump, `curl -i`): a status line and header fields, up to
# the first blank line, before the page; after a redirect or a "100 Continue", more than one
# such block. The fast mode kept them as the text's first line ("HTTP/1.1 200 OK Content-Type: ...").
_HTTP_HEAD = (r"(?:[ \t\r\n]*HTTP/\d(?:\.\d)?[ \t]+\d{3}\b[^\r\n]*\r?\n"
              r"(?:[!#$%&'*+.^_`|~0-9A-Za-z-]+[ \t]*:[^\r\n]*\r?\n|[ \t][^\r\n]*\r?\n)*\r?\n)+")
_HTTP_HEAD_STR = re.compile(_HTTP_HEAD)
_HTTP_HEAD_BYTES = re.compile(_HTTP_HEAD.encode("ascii"))
_HTTP_STATUS = re.compile(rb"^[ \t]*HTTP/\d", re.M)
_HTTP_CHARSET = re.compile(rb"""^content-type[ \t]*:[^\r\n]*?\bcharset[ \t]*=[ \t]*["']?([A-Za-z0-9_\-:.]+)""", re.I | re.M)


def _http_head_end(doc: str | bytes) -> int:
    """Where the page starts after the HTTP response head that ``doc`` starts with (0 without one)."""
    m = (_HTTP_HEAD_STR if isinstance(doc, str) else _HTTP_HEAD_BYTES).match(doc, 0, 65536)  # type: ignore[arg-type]
    return m.end() if m else 0


_TAGS = re.compile(r"</?(?:p|div|span|a|br|li|ul|table|td|tr|h[1-6]|img|body|head|html|script|style)\b", re.I)

def starts_like_html(text: str | bytes) -> bool:
    """Whether a document starts as a page does (a doctype, or an element that starts a page
    or a fragment, after a BOM, an XML declaration and comments): the test that overrules a
    ``.txt`` file's name."""
    start = _http_head_end(text)
    head = text[start:start + 4096]
    if isinstance(head, bytes):
        head = head.decode("utf-8", "replace")
    return bool(_HTML_START.match(head))


def looks_like_html(text: str | bytes) -> bool:
    """Whether a document is HTML (a doctype or tag at the start, or many tags)."""
    start = _http_head_end(text)
    head = text[start:start + 4096]
    if isinstance(head, bytes):
        head = head.decode("utf-8", "replace")  # the patterns are ASCII; a UTF-8 BOM becomes U+FEFF
    if _HTML_START.match(head) or _NOT_HTML.match(head):
        return True  # markup either way; clean_html rejects what is not a page
    return len(_TAGS.findall(head)) >= 5


_XML_DECL = re.compile(rb"""\A(?:\xef\xbb\xbf)?\s*<\?xml[^>]{0,200}?\bencoding\s*=\s*["']([A-Za-z0-9._:-]{1,40})["']""")


def _xml_encoding(data: bytes) -> bytes | None:
    """The encoding an XML declaration at the start of ``data`` names, if any."""
    m = _XML_DECL.match(data[:512])
    return m.group(1) if m else None


def decode_html(data: bytes, *, http_charset: str | None = None) -> str:
    """Decode HTML bytes: BOM, then UTF-8 if the bytes are valid UTF-8, then the HTTP charset or
    else ``<meta charset>``, then detection (a declared charset that fails to decode is ignored).
    An HTTP response head before the page is left out, its ``charset`` read as the HTTP charset."""
    start = _http_head_end(data)
    if start:
        # the charset of the last response's head only: a redirect's before it (Apache's 301
        # says iso-8859-1) is not the page's
        last = max((m.start() for m in _HTTP_STATUS.finditer(data, 0, start)), default=0)
        found = _HTTP_CHARSET.findall(data, last, start)
        data = data[start:]
        if http_charset is None and found:
            http_charset = found[-1].decode("ascii")
    declared = http_charset
    if declared is None:
        m = _meta_charset(data, 8192)
        if m is None:
            # an inline script or style in the <head> can push the <meta> past 8 KiB (a
            # windows-1251 page behind 16 KB of script came out as "Ãîðîäñêîé"): on to the
            # end of the <head>, within 64 KiB
            head_end = _HEAD_END.search(data, 0, 65536)
            end = head_end.start() if head_end else 65536
            if end > 8192:
                m = _meta_charset(data, end)
        if m is None:
            # an XHTML page may declare its charset in its XML declaration only (the HTML audit:
            # windows-1252 so declared came out as "cafÃ©"-like mojibake)
            m = _xml_encoding(data)
        if m:
            declared = m.decode("ascii", "replace")
            # a <meta> readable as ASCII is not UTF-16 or UTF-32, whatever it says (browsers
            # read such a page as UTF-8; decoded as UTF-16 every two letters became one CJK sign)
            if declared.lower().startswith(("utf-16", "utf-32", "utf16", "utf32", "ucs-2", "unicode")):
                declared = "utf-8"
    return decode(data, declared=declared)


#: trafilatura's mode for the default mode's vote; the shipped model was trained on votes of
#: this mode (``benchmarks/train_html.py`` reads this constant), so change both together.
VOTE_FAST = True


#: htmldate's settings for trafilatura's date. Its extensive search ends in a scan of the raw
#: HTML that pads a year-month or a lone year to a day: an image at /uploads/2021/07/ dated a
#: page 2021-07-01, a link to /archive/2022/ 2022-01-01, the "2024" of an invalid
#: published_time 2024-01-01 (and the last resort, a copyright year's January 1st). Without
#: it the default mode's dates on the dev pages (quality.py): on the 650 undated ones false
#: dates 0.760 -> 0.525 (153 fewer; about 90 of them the 1st of a month, the rest full dates
#: it found in the markup or text), on the 708 dated ones accuracy 0.870 -> 0.869 (one
#: page lost its "July 17, 2025", which only the extensive search reads in a <meta>).
_DATE_PARAMS = {"extensive_search": False, "original_date": True}


def _trafilatura(html: str, url: str | None, include_comments: bool) -> dict[str, Any] | None:
    """trafilatura's extraction as a plain dict (it crosses a process boundary)."""
    import trafilatura

    doc = trafilatura.bare_extraction(
        html, url=url, include_comments=include_comments, with_metadata=True, include_tables=True, fast=VOTE_FAST,
        date_extraction_params=_DATE_PARAMS,
    )
    if doc is None:
        return None
    fields = ("text", "title", "author", "date", "sitename", "url", "description", "tags", "categories", "image")
    return {k: getattr(doc, k, None) for k in fields}


# "© 2024", "Copyright 2019-2024": the footer's year, which trafilatura's date search
# (htmldate) takes as the page's date, January 1st, when it finds no other
_COPYRIGHT = re.compile(r"(?:©|&copy;|&#169;|copyright)\s*(?:\d{4}\s*[-–]\s*)?(\d{4})", re.I)


def _not_a_copyright_year(date: str, html: str) -> str | None:
    """trafilatura's ``date``, unless it is the January 1st of a copyright notice's year."""
    if not date.endswith("-01-01"):
        return date or None
    if any(m.group(1) == date[:4] for m in _COPYRIGHT.finditer(html)):
        return None
    return date


def _page_url(link: str | None, base: str | None) -> str | None:
    """A canonical link or ``og:url`` as an absolute http(s) URL: a relative one resolved
    against the given URL, and without one no URL (``/2024/03/05/park`` became ``doc.url``);
    another scheme is none (``javascript:alert(1)`` was the url, and ``javascript`` the site)."""
    if not link or not link.strip():
        return None
    try:
        link = urljoin(base, link.strip()) if base else link.strip()
        parts = urlsplit(link)
        ok = parts.scheme.lower() in ("http", "https") and bool(parts.hostname)
    except ValueError:  # an invalid port or IPv6 address
        return None
    return link if ok else None


# trafilatura's site name when it has none from the page: the host of the URL it found
_TRAF_URL_SITE = re.compile(r"https?://(?:www\.|w[0-9]+\.)?([^/]+)")


def _page_site_name(traf: dict[str, Any]) -> str | None:
    """trafilatura's site name, unless it is the host of its URL (the canonical link's, where
    the given URL is the one the site comes from, as in the fast mode)."""
    name, link = traf.get("sitename"), traf.get("url")
    m = _TRAF_URL_SITE.match(link or "")
    return None if not name or (m and name == m.group(1)) else name


def _result_to_document(r: _core.HtmlResult, *, url: str | None, id: str | None, options: Options,
                        traf: dict[str, Any] | None, fallback: str | None, html: str = "") -> Document:
    out = r.text  # each read of the property builds a new str
    language, language_score = r.language, language_score_of(r)
    rejected = options.rejection(out, r.words_out, language=language, language_score=language_score)
    if rejected == "no-content":
        out = ""  # (a block of "***" left: no word, so no text, as the README says of rejects)
    traf = traf or {}
    # not trafilatura's URL: where the page has no canonical link or og:url, it is the given
    # URL, a <base href>, or a relative link resolved against the og:image's host
    canonical = _page_url(r.canonical, url)
    extra = {
        k: v
        for k, v in {
            "description": r.description or traf.get("description"),
            "tags": r.tags or traf.get("tags") or None,
            "image": r.image or traf.get("image"),
            "canonical_url": canonical,
            "html_lang": r.html_lang,
            "fallback": fallback,
            # a block is read up to 1 MiB of text (a 20 MB text node stays a bounded line)
            "truncated_bytes": r.cut_bytes,
        }.items()
        if v
    }
    date = r.date or _not_a_copyright_year((traf.get("date") or "")[:10], html) or None
    return Document(
        text=out,
        id=id if id is not None else f"{r.text_hash:016x}" if out else content_hash(html),
        title=r.title or traf.get("title"),
        author=r.author or traf.get("author"),
        date=date,
        url=url or canonical,
        site=r.site or _page_site_name(traf) or site_of(url or canonical),
        language=language,
        language_score=language_score,
        source_format="html",
        rejected=rejected,
        lines=r.page_text,
        result=r,
        stats={
            "lines_in": r.n_lines,
            "lines_kept": r.kept.count(1),
            "words_in": r.words_in,
            "words_out": r.words_out,
            "chars_out": len(out),
            "mode": options.html_mode if fallback is None else "fast",
        },
        extra=extra,
    )


def _check_html_lines(html: str, options: Options) -> str | None:
    """``too-many-lines`` past ``max_lines`` blocks (the HTML path's lines), as for text. A
    block begins at a tag or at a line break in ``<pre>`` (``\\n``, a lone ``\\r``: a ``<pre>``
    of lone ``\\r`` passed this test), so pages under that many of both are not parsed twice."""
    if html.count("<") + html.count("\n") + html.count("\r") < options.max_lines:
        return None
    return "too-many-lines" if _core.html_line_count(html) > options.max_lines else None


def clean_html(
    html: str | bytes,
    *,
    url: str | None = None,
    id: str | None = None,
    options: Options | None = DEFAULT_OPTIONS,
) -> Document:
    """Clean an HTML page: main content and metadata.

    Args:
        html: The page, as text or as bytes (decoded from the BOM, ``<meta charset>`` or by
            detection).
        url: The page's address (metadata and the headline's slug).
        id: The document id for the output record.
        options: ``html_mode="default"`` (trafilatura's vote, isolated and time-limited by
            ``timeout``) or ``"fast"`` (the Rust path alone); see :class:`boilerstrip.Options`.

    Returns:
        A :class:`Document` whose ``lines`` are the text blocks of the page. Pages without
        content come back with empty text and ``rejected`` set; XML documents that are not
        pages (RSS/Atom feeds, sitemaps, SVG images) with ``rejected="not-html"``.
    """
    options = resolve_options(options)
    url, id = check_meta(url, id)
    # a subclass of str goes to trafilatura's worker pickled by its class, which the worker
    # cannot always load (a class of the caller's __main__ crashed it, a local class does not
    # pickle); str.__str__, not str(): a subclass's __str__ may say something else
    if isinstance(html, str) and type(html) is not str:
        html = str.__str__(html)
    if url is not None and type(url) is not str:
        url = str.__str__(url)
    if isinstance(html, (bytes, bytearray, memoryview)):
        data = bytes(html)
        if len(data) > options.max_bytes:
            return _reject("too-large", url=url, id=id, fmt="html", raw=data)
        try:
            html = decode_html(data)
        except InputError as e:
            return _reject(e.reason, url=url, id=id, fmt="html", raw=data)
    elif isinstance(html, str):
        html = html[_http_head_end(html):]
    else:  # (_check_input's message would say str alone)
        raise InputError("wrong-type", f"expected str or bytes, got {type(html).__name__}")
    bad = _check_input(html, options) or _check_html_lines(html, options)
    if bad:
        return _reject(bad, url=url, id=id, fmt="html", raw=html)
    if _NOT_HTML.match(html[:4096]):
        return _reject("not-html", url=url, id=id, fmt="html", raw=html)
    traf = None
    fallback = None
    if options.html_mode == "default":
        try:
            traf = run_isolated(_trafilatura, html, url, options.include_comments, timeout=options.timeout)
        except (ExtractionTimeout, ExtractionFailed) as e:
            log.warning("trafilatura failed (%s); using the fast mode for this page", e.reason)
            fallback = e.reason
    # trafilatura finding nothing is a vote (for no line); trafilatura failing is no vote
    vote = None if options.html_mode == "fast" or fallback else ((traf or {}).get("text") or "")
    r = _core.clean_html_batch([html], [url], [vote], threshold=options.threshold, floor=options.core_floor,
                              comments=options.include_comments,
                              markdown=options.text_format == "markdown", links=options.include_links)[0]
    return _result_to_document(r, url=url, id=id, options=options, traf=traf, fallback=fallback, html=html)
