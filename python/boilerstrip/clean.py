"""``clean``: one entry point for text or HTML, bytes or str."""

from __future__ import annotations

from boilerstrip.document import Document
from boilerstrip.errors import InputError
from boilerstrip.html import clean_html, looks_like_html
from boilerstrip.options import DEFAULT_OPTIONS, Options, resolve_options
from boilerstrip.text import _reject, check_meta, clean_text, decode

__all__ = ["clean"]


def clean(
    raw: str | bytes,
    *,
    url: str | None = None,
    id: str | None = None,
    options: Options | None = DEFAULT_OPTIONS,
) -> Document:
    """Clean a page given as HTML or as raw scraped text, whichever it is.

    HTML is recognised by a doctype or tag at the start or many tags near it; anything else
    is cleaned as text. Bytes are decoded first (BOM, declared charset, UTF-8, detection).

    Example:
        >>> import boilerstrip
        >>> doc = boilerstrip.clean(b"<html><body><nav>Home</nav><article><p>The council approved the new park on Monday after a long debate, and work will start in spring.</p></article></body></html>")
        >>> doc.source_format
        'html'
    """
    options = resolve_options(options)
    url, id = check_meta(url, id)
    if isinstance(raw, (bytes, bytearray, memoryview)):
        data = bytes(raw)
        if looks_like_html(data):
            return clean_html(data, url=url, id=id, options=options)
        if len(data) > options.max_bytes:
            return _reject("too-large", url=url, id=id, raw=data)
        try:
            raw = decode(data)
        except InputError as e:
            return _reject(e.reason, url=url, id=id, raw=data)
    if not isinstance(raw, str):
        raise InputError("wrong-type", f"expected str or bytes, got {type(raw).__name__}")
    if looks_like_html(raw):
        return clean_html(raw, url=url, id=id, options=options)
    return clean_text(raw, url=url, id=id, options=options)
