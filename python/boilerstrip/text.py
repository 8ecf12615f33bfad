"""The plain-text path: raw scraped text (the whole page's visible text, as in Common Crawl
WET files) in, the article body and its metadata out."""

from __future__ import annotations

import re
from typing import Iterable
from urllib.parse import urlsplit

from boilerstrip import _core
from boilerstrip.document import Document, content_hash, language_score_of
from boilerstrip.errors import InputError
from boilerstrip.normalize import without_lone_surrogates
from boilerstrip.options import DEFAULT_OPTIONS, Options, check_number, resolve_options

__all__ = ["clean_text", "clean_text_batch", "check_meta", "decode", "site_of"]


def site_of(url: str | None) -> str | None:
    """The host of a URL without a leading ``www.`` (``None`` if there is none)."""
    if not url:
        return None
    try:
        host = urlsplit(url if "//" in url else "//" + url).hostname
    except ValueError:
        return None
    if not host or any(c.isspace() for c in host):  # "not a url" is no host
        return None
    return host[4:] if host.startswith("www.") else host


# Charset labels as browsers read them (the WHATWG Encoding Standard), where Python's codec of
# the same name differs. Pages that say iso-8859-1 or us-ascii are windows-1252: their curly
# quotes, dashes and ellipses are bytes 0x80-0x9F, which Latin-1 reads as invisible control
# codes. The East Asian labels name the vendors' supersets that the pages are written in.
_WHATWG_LABELS = {
    label: codec
    for codec, labels in {
        "cp1252": ("ansi_x3.4-1968", "ascii", "cp819", "csisolatin1", "ibm819", "iso-8859-1", "iso-ir-100",
                   "iso8859-1", "iso88591", "iso_8859-1", "iso_8859-1:1987", "l1", "latin1", "us-ascii",
                   "x-cp1252"),
        "cp1254": ("csisolatin5", "iso-8859-9", "iso-ir-148", "iso8859-9", "iso88599", "iso_8859-9",
                   "iso_8859-9:1989", "l5", "latin5", "x-cp1254"),
        "cp874": ("dos-874", "iso-8859-11", "iso8859-11", "iso885911", "tis-620", "windows-874"),
        "gb18030": ("chinese", "csgb2312", "csiso58gb231280", "gb2312", "gb_2312", "gb_2312-80", "gbk",
                    "iso-ir-58", "x-gbk"),
        "cp932": ("csshiftjis", "ms932", "ms_kanji", "shift-jis", "shift_jis", "sjis", "windows-31j", "x-sjis"),
        "cp949": ("cseuckr", "csksc56011987", "euc-kr", "iso-ir-149", "korean", "ks_c_5601-1987",
                  "ks_c_5601-1989", "ksc5601", "ksc_5601", "windows-949"),
        "big5hkscs": ("big5", "big5-hkscs", "cn-big5", "csbig5", "x-x-big5"),
    }.items()
    for label in labels
}


def _codec(label: str) -> str:
    key = label.strip().strip("\"'").lower()
    return _WHATWG_LABELS.get(key, key)


def _mostly_utf8(data: bytes, per_bad: int = 4) -> str | None:
    """UTF-8 text with a few bad bytes (a crawl cut a character, a stray Latin-1 byte), as UTF-8
    with those bytes as U+FFFD; None when the bytes are no such text. The detection took such a
    text for another charset as a whole: French with one bad byte came out as Shift-JIS
    ("cafﾃｩ"). Text in a single-byte charset holds almost no valid multi-byte sequence (an
    accented letter followed by ASCII is invalid), so at least four valid non-ASCII characters
    for each bad sequence is evidence of UTF-8 (``per_bad``; one where the page declares
    UTF-8: a page so declared with one cut character and three curly quotes came out as Mac
    Roman, "council‚Äôs")."""
    text = data.decode("utf-8", "replace")
    replaced = text.count("\ufffd")
    bad = replaced - data.count(b"\xef\xbf\xbd")  # (a U+FFFD the text spelled out is not bad)
    valid = len(text) - len(text.encode("ascii", "ignore")) - replaced
    return text if 0 < per_bad * bad <= valid else None


def _utf16_without_bom(data: bytes) -> str | None:
    """``"utf-16-le"`` or ``"utf-16-be"`` for UTF-16 text without a byte-order mark (else None),
    which the binary test rejected for its NULs. Each ASCII character of such a text (markup,
    spaces, digits, Latin letters) has a NUL as its high byte, and almost no character a NUL as
    its low byte: in the first 8 KiB, NULs in at least half of one lane's bytes and in at most
    one in fifty of the other's. Binary data with NULs in one lane only (an array of small
    16-bit numbers) reads as control characters, and stays binary."""
    if data.find(0, 0, 8192) < 0:  # (most texts: one memchr, no copy)
        return None
    head = data[:8192]
    lane = len(head) // 2
    if lane < 2:
        return None
    nul_even, nul_odd = head[0 : 2 * lane : 2].count(0), head[1 : 2 * lane : 2].count(0)
    if 2 * nul_odd >= lane and 50 * nul_even <= lane:
        codec = "utf-16-le"
    elif 2 * nul_even >= lane and 50 * nul_odd <= lane:
        codec = "utf-16-be"
    else:
        return None
    return None if _core.looks_binary(head[: 2 * lane].decode(codec, "replace")) else codec


def _unicode_codec(data: bytes) -> str | None:
    """The codec of a text in a Unicode encoding that says so or shows it at its start: a
    byte-order mark (``utf-8-sig`` for UTF-8's), or UTF-16 without one; else None."""
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    # UTF-32's little-endian BOM starts with UTF-16's: as UTF-16 every other character was a NUL
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return "utf-32"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    return _utf16_without_bom(data)


def is_binary(data: bytes) -> bool:
    """Whether :func:`decode` rejects these bytes as ``binary-input`` (judged on the first 8 KiB:
    a text in UTF-16 or UTF-32 has NULs, and is no binary data)."""
    return _unicode_codec(data) is None and _core.looks_binary(data)


def decode(data: bytes, *, declared: str | None = None) -> str:
    """Bytes to text: a BOM first (or UTF-16 without one: see ``_utf16_without_bom``), then UTF-8
    if the bytes are valid UTF-8 (or nearly: see ``_mostly_utf8``), then the declared charset
    (read as browsers read its label), then detection.

    Valid UTF-8 goes before the declared charset because a page's declaration is often stale
    (a template that still says iso-8859-1 on a site converted to UTF-8), while text in a
    legacy charset is valid UTF-8 only when it is plain ASCII, which decodes the same either way.

    Raises:
        InputError: with reason ``binary-input`` when the bytes are not text at all.
    """
    if not isinstance(data, bytes):
        data = bytes(data)  # a bytearray or memoryview (the binary test takes bytes)
    codec = _unicode_codec(data)
    if codec is not None:
        return data[3:].decode("utf-8", "replace") if codec == "utf-8-sig" else data.decode(codec, "replace")
    if _core.looks_binary(data):  # NULs or many control bytes in the first 8 KiB
        raise InputError("binary-input", "the input looks like binary data, not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    codec = _codec(declared) if declared else None
    mostly = _mostly_utf8(data, 1 if codec in ("utf-8", "utf8") else 4)
    if mostly is not None:
        return mostly
    if codec and codec not in ("utf-8", "utf8"):
        # windows-1252 leaves five bytes undefined, which browsers pass through as Latin-1 does
        for c in (codec, "latin-1") if codec == "cp1252" else (codec,):
            try:
                return data.decode(c)
            except (LookupError, UnicodeError):
                # a wrong or unknown declared charset is common: fall through to detection
                # (UnicodeError, not only UnicodeDecodeError: the "undefined" and "punycode"
                # codecs raise the plain class)
                pass
    from charset_normalizer import from_bytes

    matches = from_bytes(data[: 1 << 20])
    best = matches.best()
    if best is None or best.encoding is None:
        return data.decode("utf-8", "replace")
    # On a short text several single-byte codecs read equally well and the detector's pick
    # among them is arbitrary ("Café crème" as cp1250 gave "crčme", curly quotes as cp850
    # "ôhelloö"). A tie that windows-1252 is part of goes to it, as browsers decide
    # (the web's legacy default); a text only cp1250 reads (Polish "ł", "ś") stays cp1250.
    tied = [m for m in matches if m.chaos <= best.chaos + 0.01 and m.coherence >= best.coherence - 0.01]
    if any(m.encoding == "cp1252" or "cp1252" in m.could_be_from_charset for m in tied):
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            return data.decode("latin-1")  # the five bytes cp1252 leaves undefined, as browsers
        if _reads_turkish(text):
            return data.decode("cp1254")
        return text
    return data.decode(best.encoding, "replace")


# windows-1254 is windows-1252 but for six letters: Turkish ğ ı ş Ğ İ Ş read as Icelandic
# ð ý þ Ð Ý Þ in windows-1252, and the detector scores both codecs alike (a tie on a short
# text, and "başkenti" came out "baþkenti"). Icelandic and Faroese, the languages that write
# ð and þ, also write á é í ó ú or æ, which Turkish does not; Czech and Slovak, which write ý,
# are windows-1250 text.
_TURKISH_IN_1252 = re.compile("[ðýþÐÝÞ]")
_NOT_TURKISH = re.compile("[áéíóúæøÁÉÍÓÚÆØ]")


def _reads_turkish(cp1252_text: str) -> bool:
    """Whether a text read as windows-1252 is Turkish windows-1254 text."""
    return bool(_TURKISH_IN_1252.search(cp1252_text)) and not _NOT_TURKISH.search(cp1252_text)


def check_meta(url: object, id: object) -> tuple[str | None, str | None]:
    """``url`` and ``id`` as the record takes them; an integer id becomes its digits (crawls
    number their records). Raises :class:`InputError` for any other type."""
    if url is not None and not isinstance(url, str):
        raise InputError("wrong-type", f"url must be a str or None, got {type(url).__name__}")
    if isinstance(id, int) and not isinstance(id, bool):
        id = str(id)
    elif id is not None and not isinstance(id, str):
        raise InputError("wrong-type", f"id must be a str, an int or None, got {type(id).__name__}")
    # a lone surrogate (a Python str can hold one) as U+FFFD: the core and the writers need UTF-8
    return (None if url is None else without_lone_surrogates(url)), (None if id is None else without_lone_surrogates(id))


def _reject(reason: str, *, url: str | None, id: str | None, fmt: str = "text", raw: object = "") -> Document:
    """A rejected document. Without an ``id``, its id is the hash of its raw input ``raw``, so
    rejected inputs do not all share the hash of the empty text (equal inputs share one, as
    equal clean texts share theirs)."""
    return Document(text="", id=id if id is not None else content_hash(raw), url=url, site=site_of(url),
                    source_format=fmt, rejected=reason)


def _check_input(text: object, options: Options) -> str | None:
    """The rejection reason for an input, if any; raises on a wrong type."""
    if not isinstance(text, str):
        raise InputError("wrong-type", f"expected str, got {type(text).__name__}")
    # UTF-8 takes at most 4 bytes a code point: most texts are judged without encoding them
    if len(text) > options.max_bytes or (
        4 * len(text) > options.max_bytes and len(text.encode("utf-8", "surrogatepass")) > options.max_bytes
    ):
        return "too-large"
    if not text or text.isspace():
        return "empty-input"
    if _core.looks_binary(text):  # as decode() says of bytes: a str of NULs was "no-content"
        return "binary-input"
    return None


def _count_lines(text: str) -> int:
    """Lines as the core splits them (``\\n``, ``\\r\\n``, a lone ``\\r``, and U+2028, U+2029
    and U+0085, which it writes as ``\\n``; a final line break does not start another line),
    counted without building them (a text of U+2028 was not counted, and 1.5 M lines took
    1.5 GB)."""
    if not text:
        return 0
    breaks = text.count("\n") + text.count("\r") - text.count("\r\n")
    breaks += text.count("\u2028") + text.count("\u2029") + text.count("\x85")
    return breaks + (0 if text.endswith(("\n", "\r", "\u2028", "\u2029", "\x85")) else 1)


def _check_text(text: object, options: Options) -> str | None:
    """:func:`_check_input`, plus the text path's line limit (the line pass holds about 1 KB
    per line)."""
    bad = _check_input(text, options)
    # a text has at most as many lines as characters: most are judged without counting
    if bad is None and len(text) > options.max_lines and _count_lines(text) > options.max_lines:  # type: ignore[arg-type]
        return "too-many-lines"
    return bad


def _to_document(r: _core.TextResult, text: str, *, url: str | None, id: str | None, options: Options) -> Document:
    if r.too_many_lines:  # cut into segments, more lines than max_lines
        return _reject("too-many-lines", url=url, id=id, raw=text)
    out = r.text  # each read of the property builds a new str
    language, language_score = r.language, language_score_of(r)
    rejected = options.rejection(out, r.words_out, language=language, language_score=language_score)
    if rejected == "no-content":
        out = ""  # (a block of "***" left: no word, so no text, as the README says of rejects)
    # Markdown, broken, wrapped or unbroken input: the decisions and line texts are of its
    # rendering, its joined paragraphs or its segments
    rendered = r.rendered
    extra = {k: True for k in ("markdown", "rejoined", "unwrapped", "segmented") if getattr(r, k)}
    return Document(
        text=out,
        id=id if id is not None else f"{r.text_hash:016x}" if out else content_hash(text),
        title=r.title,
        author=r.author,
        date=r.date,
        url=url,
        site=site_of(url),
        language=language,
        language_score=language_score,
        source_format="text",
        rejected=rejected,
        lines=text if rendered is None else rendered,
        result=r,
        extra=extra or None,
        stats={
            "lines_in": r.n_lines,
            "lines_kept": r.kept.count(1),
            "words_in": r.words_in,
            "words_out": r.words_out,
            "chars_in": len(text),
            "chars_out": len(out),
            "passes": r.passes,
        },
    )


def clean_text(text: str, *, url: str | None = None, id: str | None = None, options: Options | None = DEFAULT_OPTIONS) -> Document:
    """Clean raw scraped plain text: keep the article body, drop the page's chrome.

    Args:
        text: The visible text of a whole page, one block per line (like Common Crawl WET).
        url: The page's address; used for the site name and to recognise the headline.
        id: The document id for the output record (default: a hash of the clean text; for a
            rejected input without clean text, a hash of the input).
        options: See :class:`boilerstrip.Options`.

    Returns:
        A :class:`Document`. Inputs that cannot give text (empty, too large) come back with
        empty ``text`` and ``rejected`` set, never an exception.

    Example:
        >>> import boilerstrip
        >>> page = "Home\\nNews\\n\\nThe council approved the new park on Monday after a long debate, and work will start in spring.\\n\\nShare this"
        >>> boilerstrip.clean_text(page).text
        'The council approved the new park on Monday after a long debate, and work will start in spring.'
    """
    options = resolve_options(options)
    url, id = check_meta(url, id)
    bad = _check_text(text, options)
    if bad:
        return _reject(bad, url=url, id=id, raw=text)
    r = _core.clean_text(text, url, scorer=options.scorer, threshold=options.threshold, floor=options.core_floor,
                         markdown=options.markdown,
                         segment=options.segment, unwrap=options.unwrap, max_lines=options.max_lines,
                         fixpoint=options.fixed_point)
    return _to_document(r, text, url=url, id=id, options=options)


def clean_text_batch(
    texts: Iterable[str],
    *,
    urls: Iterable[str | None] | None = None,
    ids: Iterable[str | None] | None = None,
    options: Options | None = DEFAULT_OPTIONS,
    threads: int = 1,
) -> list[Document]:
    """Clean many texts in one call into the Rust core (the GIL released throughout).

    Gives the same documents as calling :func:`clean_text` on each, faster. ``threads=0``
    uses every core.
    """
    options = resolve_options(options)
    if isinstance(texts, (str, bytes, bytearray, memoryview)):
        # iterating it would clean each character as a page
        raise InputError("wrong-type", f"texts must be a list of str, got one {type(texts).__name__}")
    if check_number("threads", threads, integer=True) < 0:
        raise ValueError(f"threads must be >= 0, got {threads}")
    for name, seq in (("urls", urls), ("ids", ids)):
        if isinstance(seq, (str, bytes, bytearray, memoryview)):
            # iterating it would give each text one character of it
            raise InputError("wrong-type", f"{name} must be a list (one for each text), got one {type(seq).__name__}")
    for name, seq in (("texts", texts), ("urls", urls), ("ids", ids)):
        if name == "texts" or seq is not None:
            try:
                iter(seq)  # type: ignore[arg-type]
            except TypeError:  # (None was "'NoneType' object is not iterable", naming no argument)
                raise InputError("wrong-type", f"{name} must be a list, got {type(seq).__name__}") from None
    texts = list(texts)
    given = {name: list(seq) for name, seq in (("urls", urls), ("ids", ids)) if seq is not None}
    n = len(texts)
    wrong = [f"{len(v)} {k}" for k, v in given.items() if len(v) != n]
    if wrong:
        raise ValueError(f"{n} texts but {' and '.join(wrong)}: one for each text")
    urls = given.get("urls", [None] * n)
    ids = given.get("ids", [None] * n)
    for i in range(n):
        try:
            urls[i], ids[i] = check_meta(urls[i], ids[i])
        except InputError as e:
            raise InputError(e.reason, f"item {i} of the batch: {e}") from None
    out: list[Document | None] = [None] * n
    todo: list[int] = []
    for i, t in enumerate(texts):
        try:
            bad = _check_text(t, options)
        except InputError as e:  # which one of a thousand
            raise InputError(e.reason, f"texts[{i}]: {e}") from None
        if bad:
            out[i] = _reject(bad, url=urls[i], id=ids[i], raw=t)
        else:
            todo.append(i)
    # a pool is built per call: no more threads than documents
    threads = max(1, min(threads, len(todo))) if threads else threads
    results = _core.clean_text_batch(
        [texts[i] for i in todo], [urls[i] for i in todo], scorer=options.scorer, threshold=options.threshold,
        floor=options.core_floor, threads=threads,
        markdown=options.markdown, segment=options.segment, unwrap=options.unwrap, max_lines=options.max_lines,
        fixpoint=options.fixed_point,
    )
    for i, r in zip(todo, results):
        out[i] = _to_document(r, texts[i], url=urls[i], id=ids[i], options=options)
    return out  # type: ignore[return-value]


def iter_clean_text(
    texts: Iterable[str], *, options: Options | None = DEFAULT_OPTIONS, batch_size: int = 256
) -> Iterable[Document]:
    """Stream documents through :func:`clean_text_batch` in batches of ``batch_size``."""
    options = resolve_options(options)
    buf: list[str] = []
    for t in texts:
        buf.append(t)
        if len(buf) >= batch_size:
            yield from clean_text_batch(buf, options=options)
            buf = []
    if buf:
        yield from clean_text_batch(buf, options=options)
