"""The HTML path: trafilatura finds the main content and the metadata in the page's
structure, then the same line pass as the text path removes what chrome is left (share
bars, "Related" blocks, captions)."""

from __future__ import annotations

import logging
import re
from typing import Any

from boilerstrip import _core
from boilerstrip.document import Document
from boilerstrip.errors import ExtractionFailed, ExtractionTimeout, InputError
from boilerstrip.isolation import run_isolated
from boilerstrip.options import DEFAULT_OPTIONS, Options
from boilerstrip.text import _check_input, _reject, _to_document, decode, site_of

__all__ = ["clean_html", "decode_html", "looks_like_html"]

log = logging.getLogger(__name__)

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.I)
_HTML_START = re.compile(r"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|div|p|table|article|section|script|link)\b", re.I | re.S)
_TAGS = re.compile(r"</?(?:p|div|span|a|br|li|ul|table|td|tr|h[1-6]|img|body|head|html|script|style)\b", re.I)

#: The line pass removes residual chrome from trafilatura's output only where it is sure:
#: trafilatura has already removed the page's template, so what is left is mostly content.
HTML_LINE_THRESHOLD = 0.2


def looks_like_html(text: str | bytes) -> bool:
    """Whether a document is HTML (a doctype or tag at the start, or many tags)."""
    head = text[:4096]
    if isinstance(head, bytes):
        head = head.decode("latin-1")
    if _HTML_START.match(head):
        return True
    return len(_TAGS.findall(head)) >= 5


def decode_html(data: bytes, *, http_charset: str | None = None) -> str:
    """Decode HTML bytes: BOM, then the HTTP charset, then ``<meta charset>``, then UTF-8,
    then detection (a declared charset that fails to decode is ignored)."""
    declared = http_charset
    if declared is None:
        m = _META_CHARSET.search(data[:8192])
        if m:
            declared = m.group(1).decode("ascii", "replace")
    return decode(data, declared=declared)


def _extract(html: str, url: str | None, options: Options) -> dict[str, Any] | None:
    """trafilatura's extraction as a plain dict (it crosses a process boundary)."""
    import trafilatura

    doc = trafilatura.bare_extraction(
        html,
        url=url,
        fast=options.html_mode == "fast",
        include_comments=options.include_comments,
        with_metadata=True,
        include_tables=True,
    )
    if doc is None:
        return None
    fields = ("text", "title", "author", "date", "sitename", "url", "description", "tags", "categories", "image")
    return {k: getattr(doc, k, None) for k in fields}


def clean_html(
    html: str | bytes,
    *,
    url: str | None = None,
    id: str | None = None,
    options: Options = DEFAULT_OPTIONS,
) -> Document:
    """Clean an HTML page: main content and metadata.

    Args:
        html: The page, as text or as bytes (decoded from the BOM, ``<meta charset>`` or by
            detection).
        url: The page's address (metadata, and relative links in trafilatura).
        id: The document id for the output record.
        options: See :class:`boilerstrip.Options`.

    Returns:
        A :class:`Document` whose ``lines`` are the lines of the text extracted from the HTML.
        Pages without content come back with empty text and ``rejected`` set.
    """
    if isinstance(html, (bytes, bytearray, memoryview)):
        data = bytes(html)
        if len(data) > options.max_bytes:
            return _reject("too-large", url=url, id=id, fmt="html")
        try:
            html = decode_html(data)
        except InputError as e:
            return _reject(e.reason, url=url, id=id, fmt="html")
    bad = _check_input(html, options)
    if bad:
        return _reject(bad, url=url, id=id, fmt="html")
    try:
        doc = run_isolated(_extract, html, url, options, timeout=options.timeout)
    except (ExtractionTimeout, ExtractionFailed) as e:
        log.warning("HTML extraction failed (%s): %s", e.reason, e)
        return _reject(e.reason, url=url, id=id, fmt="html")
    if doc is None or not (doc["text"] or "").strip():
        return _reject("no-content", url=url, id=id, fmt="html")
    text = doc["text"]
    threshold = options.threshold if options.threshold is not None else HTML_LINE_THRESHOLD
    r = _core.clean_text(text, url, scorer=options.scorer, threshold=threshold)
    out = _to_document(r, text, url=url, id=id, options=options)
    out.source_format = "html"
    out.title = doc["title"] or r.title
    out.author = doc["author"] or r.author
    out.date = (doc["date"] or "")[:10] or r.date
    out.site = doc["sitename"] or site_of(url or doc["url"])
    out.url = url or doc["url"]
    out.extra = {
        k: v
        for k, v in {
            "description": doc["description"],
            "tags": doc["tags"] or None,
            "categories": doc["categories"] or None,
            "image": doc["image"],
            "canonical_url": doc["url"],
        }.items()
        if v
    }
    return out
