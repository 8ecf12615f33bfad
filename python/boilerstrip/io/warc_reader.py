"""WARC, WET and ARC files (plain, ``.gz``, ``.zst``): ``response`` and ``resource`` records
are pages (HTML or text by their content type), ``conversion`` records (WET) are text.
Needs ``fastwarc`` and ``warcio`` (``pip install 'boilerstrip[warc]'``).

fastwarc reads first, being fast. Where it cannot, warcio takes over: ARC files, and the
rest of a file after fastwarc hit something it could not parse (warcio is more lenient with
bad record lengths); records fastwarc already gave are not given twice. A record whose
payload is shorter than its declared length, or whose headers are cut off, is
``truncated-input``; what neither library
can read ends the file in one ``unreadable`` rejection, and so does a non-empty file that
holds no page and is no well-formed WARC (junk, plain text under a WARC name, an ``.arc``
file that does not open with its ``filedesc://`` record).
"""

from __future__ import annotations

import logging
import os
from pathlib import PurePosixPath
from typing import Any, Iterator

from boilerstrip.io.compression import is_remote, require
from boilerstrip.io.readers import InputRecord, display, error_record

__all__ = ["read_warc"]

_HTML_TYPES = ("text/html", "application/xhtml+xml", "application/xml", "text/xml")
_DOC_TYPES = ("response", "resource", "conversion")


def _kind_of(content_type: str | None, record_type: str) -> str | None:
    """``html``, ``text``, ``auto`` (unknown), or ``None`` for what is not a page (images, PDFs)."""
    if record_type == "conversion":
        return "text"
    if not content_type:
        return "auto"
    ct = content_type.split(";")[0].strip().lower()
    if ct in _HTML_TYPES:
        return "html"
    if ct.startswith("text/"):
        return "text"
    return None


def _make(
    *, rid: str, url: str | None, record_type: str, content_type: str | None, charset: str | None,
    status: int | None, payload: bytes, expected: int | None, shown: str, position: int, max_bytes: int,
) -> InputRecord:
    if status is not None and not 200 <= status < 300:
        return error_record(rid, shown, "http-status", f"HTTP status {status} for {url}", position, url)
    kind = _kind_of(content_type, record_type)
    if kind is None:
        return error_record(rid, shown, "unsupported-content-type", f"content type {content_type} for {url}", position, url)
    if len(payload) > max_bytes:
        return error_record(rid, shown, "too-large", f"payload of {url} longer than {max_bytes} bytes", position, url)
    if expected is not None and len(payload) < expected:
        return error_record(rid, shown, "truncated-input", f"payload of {url} has {len(payload)} of {expected} bytes", position, url)
    return InputRecord(id=rid, path=shown, data=payload, kind=kind, url=url, position=position, charset=charset)  # type: ignore[arg-type]


def _open_raw(p: str) -> Any:
    if is_remote(p):
        return require("fsspec", "remote").open(p, "rb").open()
    return open(p, "rb")  # noqa: SIM115


def _parse_error(p: str) -> str | None:
    """Why fastwarc cannot read every record of the file, if it cannot."""
    fw = require("fastwarc.warc", "warc")
    try:
        with _open_raw(p) as f:
            for r in fw.ArchiveIterator(f, parse_http=False, auto_decode="none", fsspec_args=False):
                if r.headers.get("WARC-Type") is None:
                    # a "WARC/1.0" line and then lines that are no headers: fastwarc makes a
                    # record of no headers and no length of it, without a word
                    return f"fastwarc: the record at byte {r.stream_pos} has no WARC headers"
    except Exception as e:  # fastwarc: OSError for anything it cannot parse
        return f"fastwarc: {type(e).__name__}: {e}"
    return None


def _is_empty(p: str) -> bool:
    """A local file of no bytes (a remote one is read, not asked)."""
    try:
        return not is_remote(p) and os.path.getsize(p) == 0
    except OSError:
        return False


class _State:
    """Ids already given (so warcio, taking over, skips them) and the next position."""

    def __init__(self) -> None:
        self.seen: set[str] = set()
        self.n = 0

    def take(self, rid: str, stem: str) -> tuple[str, int]:
        pos = self.n
        self.n += 1
        if rid:
            self.seen.add(rid)
        return rid or f"{stem}:{pos}", pos


def _fastwarc(p: str, shown: str, stem: str, max_bytes: int, st: _State) -> Iterator[InputRecord]:
    fw = require("fastwarc.warc", "warc")
    pages = fw.WarcRecordType.response | fw.WarcRecordType.resource | fw.WarcRecordType.conversion
    with _open_raw(p) as f:
        # Every record, not the page types alone: a `WARC/1.0` line with no headers under it is
        # a record of no type, which a page filter (even one that names `unknown`) passes over
        # without a word. The HTTP headers are parsed for the page records only. A record of
        # no headers is reported once the next record is read or the file ends well: if
        # fastwarc fails right after it, it was the start of damage that warcio then reads
        # and reports from there.
        bare = False
        for r in fw.ArchiveIterator(f, record_types=fw.WarcRecordType.any_type, parse_http=False, fsspec_args=False):
            if bare:
                bare = False
                yield _bare_record(st, shown, stem)
            rid = (r.record_id or "").strip("<>")
            record_type = str(r.record_type)
            if not r.record_type & pages:
                # (a record of no headers has type 0, "no type", printed as "unknown")
                bare = r.headers.get("WARC-Type") is None
                continue  # warcinfo, request, metadata, revisit records and other types: no pages
            r.parse_http(auto_decode="all")
            if r.headers.get("Content-Length") is None:
                # a file cut inside the record's WARC headers (the field is mandatory): its
                # half-read headers would pass for an empty page or a content type "applicat"
                url = r.headers.get("WARC-Target-URI")
                rid, pos = st.take(rid, stem)
                yield error_record(rid, shown, "truncated-input", f"the record of {url} ends inside its WARC headers", pos, url)
                continue
            is_http = r.is_http
            ct = r.http_content_type if is_http else r.headers.get("Content-Type")
            payload = r.reader.read(max_bytes + 1)
            status = r.http_headers.status_code if is_http else None
            rid, pos = st.take(rid, stem)
            yield _make(
                rid=rid, url=r.headers.get("WARC-Target-URI"), record_type=record_type, content_type=ct,
                charset=r.http_charset if is_http else None, status=status, payload=payload,
                expected=r.content_length, shown=shown, position=pos, max_bytes=max_bytes,
            )
        if bare:
            yield _bare_record(st, shown, stem)


def _bare_record(st: _State, shown: str, stem: str) -> InputRecord:
    rid, pos = st.take("", stem)
    return error_record(rid, shown, "unreadable", "a record with no WARC headers (a version line alone)", pos)


def _warcio(p: str, shown: str, stem: str, max_bytes: int, st: _State, arc: bool) -> Iterator[InputRecord]:
    warcio = require("warcio.archiveiterator", "warc")
    # warcio tells of the damage it reads past on stderr ("Record not followed by newline",
    # written straight to sys.stderr) and through its logger ("Replacing spaces in invalid
    # WARC-Target-URI"), also under the CLI's -q: the damage that matters ends in the record's
    # rejection. Its logger gets a handler that drops what no handler of the caller's takes
    # (it still propagates), and the direct write an empty message.
    logging.getLogger("warcio").addHandler(logging.NullHandler())

    # the format is fixed by the file's name: left to guess, warcio takes the junk after a bad
    # WARC record for ARC records (their header is any line of words) and gives them as pages
    # with a URL made of the junk, and a text file named .arc likewise
    base = warcio.ARCIterator if arc else warcio.WARCIterator

    class _Quiet(base):  # type: ignore[valid-type,misc]
        INC_RECORD = ""

    with _open_raw(p) as f:
        for i, r in enumerate(_Quiet(f, arc2warc=True)):
            if arc and i == 0 and r.rec_type != "warcinfo":
                # an ARC file opens with its filedesc:// record (warcio gives it as warcinfo)
                raise ValueError("not an ARC file: it does not start with a filedesc:// record")
            if r.rec_type not in _DOC_TYPES:
                continue
            # ARC records have no id: warcio makes a random one, so use the position instead
            rid = "" if arc else (r.rec_headers.get_header("WARC-Record-ID") or "").strip("<>")
            if rid and rid in st.seen:
                continue
            ct, status = None, None
            if r.http_headers is not None:
                ct = r.http_headers.get_header("Content-Type")
                code = (r.http_headers.get_statuscode() or "").strip()
                status = int(code) if code.isdigit() else None
            else:
                ct = r.rec_headers.get_header("Content-Type")
            charset = None
            if ct and "charset=" in ct.lower():
                charset = ct.lower().split("charset=")[1].split(";")[0].strip(" \"'") or None
            stream = r.content_stream()
            payload = stream.read(max_bytes + 1)
            rid, pos = st.take(rid, stem)
            yield _make(
                rid=rid, url=r.rec_headers.get_header("WARC-Target-URI"), record_type=r.rec_type, content_type=ct,
                charset=charset, status=status, payload=payload, expected=None, shown=shown,
                position=pos, max_bytes=max_bytes,
            )


def read_warc(path: str | os.PathLike[str], *, max_bytes: int, start: int = 0) -> Iterator[InputRecord]:
    """The page records of one WARC/WET/ARC file in order (``start`` as in :func:`read_jsonl`)."""
    p = os.fspath(path)
    shown = display(p)
    stem = PurePosixPath(shown).name
    st = _State()
    first_error = None
    arc = stem.lower().endswith((".arc", ".arc.gz"))
    try:
        if not arc:
            for rec in _fastwarc(p, shown, stem, max_bytes, st):
                if rec.position >= start:
                    yield rec
            # fastwarc, asked for page records only, passes over bytes it cannot parse without
            # a word: a non-empty file it read no page from is read again for any record, and
            # if that fails, warcio tries (below) and the file is reported, not dropped
            if st.n > 0 or _is_empty(p):
                return
            first_error = _parse_error(p)
            if first_error is None:
                return  # a well-formed WARC without pages (warcinfo, requests, metadata)
    except ImportError:
        raise
    except Exception as e:  # fastwarc: OSError for anything it cannot parse
        first_error = f"fastwarc: {type(e).__name__}: {e}"
    before = st.n
    try:
        for rec in _warcio(p, shown, stem, max_bytes, st, arc):
            if rec.position >= start:
                yield rec
    except ImportError:
        raise
    except Exception as e:
        detail = "; ".join(x for x in (first_error, f"warcio: {type(e).__name__}: {e}") if x)
        n = st.n
        if n >= start:
            yield error_record(f"{stem}:{n}", shown, "unreadable", f"after record {n}: {detail}", n)
        return
    if first_error is not None and st.n == before:
        # warcio read past what fastwarc could not parse and found no page either (it takes
        # junk for a record of no type): the rest of the file is unreadable, said once
        n = st.n
        if n >= start:
            yield error_record(f"{stem}:{n}", shown, "unreadable", f"after record {n}: {first_error}", n)
