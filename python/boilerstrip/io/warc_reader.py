"""WARC, WET and ARC files (plain, ``.gz``, ``.zst``): ``response`` and ``resource`` records
are pages (HTML or text by their content type), ``conversion`` records (WET) are text.
Needs ``fastwarc`` and ``warcio`` (``pip install '.[warc]'``).

fastwarc reads first, being fast. Where it cannot (a malformed ``Content-Length``, junk after a
block, a record cut inside its headers, a content coding it cannot decode), the file is read
again record by record (:mod:`boilerstrip.io.warc_split`, each record parsed alone by fastwarc),
so one bad record is that record's rejection and the records after it are still read; records
fastwarc already gave are not given twice. A record whose payload is shorter than its
declared length, or whose headers are cut off, is ``truncated-input``; a file cut where no
page is (after a record's version line, in the line breaks that close a block, in a gzip
member's checksum, in a record that is no page) is one ``truncated-input`` rejection after
the pages before the cut; bytes that are no record are one ``unreadable`` rejection a run, and so is a non-empty file that holds no page
and is no well-formed WARC (junk, plain text under a WARC name). ARC files are read by warcio
alone; an ``.arc`` file that does not open with its ``filedesc://`` record is ``unreadable``.
"""

from __future__ import annotations

import io
import logging
import os
import re
import zlib
from pathlib import PurePosixPath
from typing import Any, Callable, Iterator

from boilerstrip.io.compression import GzipMembers, TruncatedInput, compression_by_magic, is_remote, open_input, require
from boilerstrip.io.readers import InputRecord, display, error_record
from boilerstrip.io.warc_split import HEADER_CAP, runs_past, split_records

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
    status: int | None, payload: bytes, shown: str, position: int, max_bytes: int, id_made: bool,
) -> InputRecord:
    if status is not None and not 200 <= status < 300:
        return error_record(rid, shown, "http-status", f"HTTP status {status} for {url}", position, url)
    kind = _kind_of(content_type, record_type)
    if kind is None:
        return error_record(rid, shown, "unsupported-content-type", f"content type {content_type} for {url}", position, url)
    if len(payload) > max_bytes:
        return error_record(rid, shown, "too-large", f"payload of {url} longer than {max_bytes} bytes", position, url)
    return InputRecord(id=rid, path=shown, data=payload, kind=kind, url=url, position=position, charset=charset,  # type: ignore[arg-type]
                       id_made=id_made)


#: the last chunk of a chunked body and the trailer fields after it (group 1), to its end
_TRAILER = re.compile(rb"(?:\A|\r\n)0(?:;[^\r\n]*)?\r\n((?:[!-9;-~]+:[^\r\n]*\r\n)+)\r\n\Z")


def _decoded(body: bytes, transfer: str | None, coding: str | None, limit: int) -> bytes:
    """An HTTP body with its transfer coding (chunked, by warcio's reader) and its content coding
    (gzip, deflate: zlib; br: brotli, which fastwarc requires) undone, at most ``limit`` bytes
    of it (a small body may inflate a thousandfold). A malformed body raises; an unknown content
    coding is left as it is (the page's decoding copes with it or rejects it). (warcio's
    decompressing reader is not used: it passes undecodable gzip through as it is, and warcio
    1.8 cannot read brotli >= 1.2's streams.)"""
    if "chunked" in (transfer or "").lower():
        chunked = require("warcio.bufferedreaders", "warc").ChunkedDataReader
        # a trailer section after the last chunk (RFC 9112 7.1.2: `0`, then header lines, then
        # a blank line), which warcio's reader refuses: every chunk of the page had decoded
        last = _TRAILER.search(body)
        if last is not None:
            body = body[: last.start(1)] + b"\r\n"
        body = chunked(io.BytesIO(body), raise_exceptions=True).read()
    c = (coding or "").strip().lower()
    if c in ("gzip", "x-gzip", "deflate"):
        z = zlib.decompressobj(wbits=47)  # a gzip or zlib header
        try:
            out = z.decompress(body, limit)
        except zlib.error:
            if c != "deflate":
                raise
            z = zlib.decompressobj(wbits=-15)  # raw deflate, as some servers send
            out = z.decompress(body, limit)
        done = z.eof
    elif c == "br":
        d = require("brotli", "warc").Decompressor()
        out = d.process(body, output_buffer_limit=limit)[:limit]
        done = d.is_finished()
    else:
        return body
    if not done and len(out) < limit:
        raise ValueError(f"the {c} stream ends early, after {len(out)} bytes")
    return out


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


def _gzip_member_after(p: str, pos: int | None) -> bool:
    """Whether a gzip file holds a member header after the start of the member at ``pos`` (the
    last record fastwarc read): fastwarc stops at a damaged member without an error, and the
    records in the members after it were lost (1 of 6 given). Reads from ``pos`` to the next
    header, or to the end: the last record's member when the file is whole. (A header's three
    bytes inside compressed data are rare; then the file is read again for nothing.)"""
    if pos is None:
        return False
    with _open_raw(p) as f:
        if f.read(2) != b"\x1f\x8b":
            return False
        f.seek(pos + 1)
        tail = b""
        while chunk := f.read(1 << 20):
            if b"\x1f\x8b\x08" in tail[-2:] + chunk:
                return True
            tail = chunk
    return False


def _cut_at_end(p: str, pos: int | None) -> str | None:
    """Why a file that fastwarc read to its end without a word is cut after all, if it is:
    fastwarc takes a last record whose gzip member ends early (in its checksum) or whose
    block lacks the line breaks that close it for a whole one. The last record is read again,
    from ``pos`` (where fastwarc found it); in a gzip file whose records are not a member
    each (``pos`` is then where fastwarc's reading of the one member was), the whole file.
    A zstd file is not looked into (fastwarc says where its frames are cut)."""
    if pos is None:
        return None
    with _open_raw(p) as raw:
        comp = compression_by_magic(raw.read(10))
        if comp not in ("gzip", None):
            return None
        raw.seek(pos)
        if comp == "gzip" and raw.read(3) != GzipMembers.MAGIC:
            pos = 0
        raw.seek(pos)
        f = io.BufferedReader(GzipMembers(raw), buffer_size=1 << 20) if comp == "gzip" else raw
        try:
            for rec in split_records(f, keep=0):
                if rec.problem is not None and rec.problem[0] == "truncated-input":
                    return rec.problem[1]
        except TruncatedInput as e:
            return str(e)
    return None


class _State:
    """The records already given (so the second reading skips them), the next position,
    whether a record was cut short (the records it ran into are then read again), whether
    fastwarc met a record it cannot judge (headers with no valid Content-Length, or none at
    the end of the file: the file is read again, to tell a cut from damage), and where in the
    file the last record fastwarc read starts."""

    def __init__(self) -> None:
        self.seen: set[str] = set()
        self.n = 0
        self.cut = False
        self.reread = False
        self.last_pos: int | None = None
        # what the last `take` added to `seen` (for `untake`)
        self._added: str | None = None

    def take(self, rid: str, stem: str, key: str = "") -> tuple[str, int]:
        """The id and position of the next record given; its ``key`` (see :func:`_key`), or its
        id, is seen."""
        pos = self.n
        self.n += 1
        self._added = None
        if (key or rid) and (key or rid) not in self.seen:
            self._added = key or rid
            self.seen.add(self._added)
        return rid or f"{stem}:{pos}", pos

    def untake(self) -> None:
        """Undo the last :meth:`take` (of a record not given after all: the second reading
        reads it again)."""
        self.n -= 1
        if self._added is not None:
            self.seen.discard(self._added)
            self._added = None


def _key(rid: str, field: Callable[[str], str | None]) -> str:
    """What names a record, for the second reading to pass over the ones given: its
    WARC-Record-ID, or (a record without one, which no writer should make: the second
    reading gave its page again) its type, URL, date and length, by ``field`` of the name."""
    return rid or "\n".join(str(field(name)) for name in ("WARC-Type", "WARC-Target-URI", "WARC-Date", "Content-Length"))


#: A WARC record's start inside a payload: a version line and a header line after it (where a
#: record was cut, the next one starts right after its last byte, not on a line of its own).
_NEXT_RECORD = re.compile(rb"WARC/1\.[01]\r\nWARC-[A-Za-z-]+: ")


def _fastwarc(p: str, shown: str, stem: str, max_bytes: int, st: _State) -> Iterator[InputRecord]:
    with _open_raw(p) as f:
        yield from _fastwarc_stream(f, shown, stem, max_bytes, st, whole_file=True)


class _GiveUp(Exception):
    """The first reading of a whole file gives up for the second (see `_give_up_if_whole`)."""


def _give_up_if_whole(st: _State, whole_file: bool) -> None:
    """Where fastwarc misread a record: in a whole file, the second reading (`_salvage`) reads
    it from the start, record by record (`st.reread`); in a stream, which cannot be read
    again, the caller reports the record as misread."""
    if whole_file:
        st.reread = True
        raise _GiveUp


def _fastwarc_stream(f: Any, shown: str, stem: str, max_bytes: int, st: _State, *, whole_file: bool = False) -> Iterator[InputRecord]:
    try:
        yield from _fastwarc_records(f, shown, stem, max_bytes, st, whole_file)
    except _GiveUp:
        return


def _fastwarc_records(f: Any, shown: str, stem: str, max_bytes: int, st: _State, whole_file: bool) -> Iterator[InputRecord]:
    fw = require("fastwarc.warc", "warc")
    pages = fw.WarcRecordType.response | fw.WarcRecordType.resource | fw.WarcRecordType.conversion
    # Every record, not the page types alone: a `WARC/1.0` line with no headers under it is
    # a record of no type, which a page filter (even one that names `unknown`) passes over
    # without a word. The HTTP headers are parsed for the page records only. A record of
    # no headers is reported once the next record is read or the file ends well: if
    # fastwarc fails right after it, it was the start of damage that the second reading
    # (`_salvage`) reports from there.
    bare = False
    for r in fw.ArchiveIterator(f, record_types=fw.WarcRecordType.any_type, parse_http=False, fsspec_args=False):
        st.last_pos = r.stream_pos
        if bare:
            bare = False
            yield _bare_record(st, shown, stem)
        rid = (r.record_id or "").strip("<>")
        made = not rid  # (then `st.take` makes it of the file's name and the position)
        record_type = str(r.record_type)
        if any("\n" in v or "\r" in v for _, v in r.headers.items()):
            # lines that end in a bare LF: fastwarc reads the record as one header line (of no
            # type, passed over without a word: a file written so gave nothing at all), or that
            # line and the next record's headers as one record, whose block it then misreads.
            # The second reading takes such lines as they come
            _give_up_if_whole(st, whole_file)
            yield _misread(r, st, rid, shown, stem, "the record of {url} has lines that end in a bare LF where CRLF was "
                           "expected, and could not be read so")
            continue
        if not r.record_type & pages:
            named = r.headers.get("WARC-Type")  # (the field's name in any case)
            if named is None and any(True for _ in r.headers.items()):
                # headers, but no type: said as such, under its own id (it was "a record with
                # no WARC headers" of a made-up id)
                rid, pos = st.take(rid, stem, _key(rid, r.headers.get))
                yield error_record(rid, shown, "unreadable", "a record with no WARC-Type header", pos,
                                   r.headers.get("WARC-Target-URI"))
                continue
            if (named or "").strip().lower() not in _DOC_TYPES:
                # (a record of no headers has type 0, "no type", printed as "unknown")
                bare = named is None
                continue  # warcinfo, request, metadata, revisit records and other types: no pages
            # a page's type written in another case ("warc-type: Response"): fastwarc gives
            # it no type, and it was passed over as no page
            record_type = named.strip().lower()
        # the body as stored: its length is what the record declares, whatever its codings
        # (decoded, a chunked or gzip body is shorter than its raw bytes, and was taken for
        # a truncated one); `_decoded` undoes them after the length check
        block_length = r.content_length  # (fastwarc's reading of the field; after the HTTP parse, the body's)
        r.parse_http(auto_decode="none")
        length = r.headers.get("Content-Length")
        if length is None or not length.strip().isdigit():
            # a file cut inside the record's WARC headers (the field is mandatory): its
            # half-read headers would pass for an empty page or a content type "applicat";
            # a malformed length was read as 0, an empty page. Which of the two it is fastwarc
            # cannot tell (headers cut after "Content-Length: " have a malformed one), nor
            # where the next record starts: the second reading, record by record, can
            _give_up_if_whole(st, whole_file)
            url = r.headers.get("WARC-Target-URI")
            rid, pos = st.take(rid, stem, _key(rid, r.headers.get))
            if length is None:
                yield error_record(rid, shown, "truncated-input", f"the record of {url} ends inside its WARC headers", pos, url)
            else:
                yield error_record(rid, shown, "unreadable", f"the record of {url} has a malformed Content-Length {length[:40]!r}", pos, url)
            continue
        if block_length != int(length):
            # fastwarc read the length otherwise: its field name in another case
            # ("content-length"), a number beyond 64 bits. Its block was misread (a page of no
            # HTTP status line); the second reading reads it by the header as written
            _give_up_if_whole(st, whole_file)
            yield _misread(r, st, rid, shown, stem, f"the record of {{url}} has a Content-Length that cannot be read: "
                           f"{length[:40]!r}")
            continue
        is_http = r.is_http
        if is_http and "\n" in (r.http_headers.status_line or ""):
            # the HTTP headers' lines end in a bare LF: fastwarc read the whole block as its
            # status line, and the page was an empty-input. The second reading writes them
            # with CRLF
            _give_up_if_whole(st, whole_file)
            yield _misread(r, st, rid, shown, stem, "the HTTP headers of {url} could not be read (lines that end in a "
                           "bare LF)")
            continue
        ct = r.http_content_type if is_http else r.headers.get("Content-Type")
        payload = r.reader.read(max_bytes + 1)
        status = r.http_headers.status_code if is_http else None
        rid, pos = st.take(rid, stem, _key(rid, r.headers.get))
        url = r.headers.get("WARC-Target-URI")
        if any(runs_past(payload, m.start()) for m in _NEXT_RECORD.finditer(payload)):
            # a record cut short and another file's records after it (`cat cut.warc b.warc`):
            # its declared length ran over them, and they were given as its page
            st.cut = True
            yield error_record(rid, shown, "truncated-input", f"the record of {url} was cut: its block runs into the next record", pos, url)
            continue
        expected = r.content_length
        if len(payload) < expected and len(payload) <= max_bytes:
            # the file ends inside the record's block. Said before anything read from the
            # block: a file cut inside the HTTP headers gave a status line cut to "2" or a
            # content type cut to "t", an http-status or unsupported-content-type rejection
            st.cut = True
            yield error_record(rid, shown, "truncated-input", f"payload of {url} has {len(payload)} of {expected} bytes", pos, url)
            continue
        if is_http and status is None and record_type == "response":
            # an HTTP response's block with no status line (the page stored bare): the HTTP
            # parse took its text for headers, and it was an empty page without a word
            yield error_record(rid, shown, "unreadable", f"the response record of {url} holds no HTTP response "
                               "(no status line), though its Content-Type says application/http", pos, url)
            continue
        transfer, coding = (r.http_headers.get("Transfer-Encoding"), r.http_headers.get("Content-Encoding")) if is_http else (None, None)
        if (transfer or coding) and len(payload) <= max_bytes:
            # a whole body (a cut one was rejected above, by its raw length)
            try:
                payload = _decoded(payload, transfer, coding, max_bytes + 1)
            except Exception as e:  # warcio: ChunkedDataException, zlib and brotli errors
                yield error_record(rid, shown, "unreadable", f"the body of {url} does not decode "
                                   f"(Transfer-Encoding {transfer}, Content-Encoding {coding}): {e}", pos, url)
                continue
        yield _make(
            rid=rid, url=url, record_type=record_type, content_type=ct,
            charset=r.http_charset if is_http else None, status=status, payload=payload,
            shown=shown, position=pos, max_bytes=max_bytes, id_made=made,
        )
    if bare and whole_file:
        # the file ends in it: it may be a file cut after a record's version line (or in its
        # first header line), not junk. The second reading tells which
        st.reread = True
    elif bare:
        yield _bare_record(st, shown, stem)


def _misread(r: Any, st: _State, rid: str, shown: str, stem: str, what: str) -> InputRecord:
    """The rejection of record ``r``, which fastwarc misreads (bare LFs, a length it reads
    otherwise) and which the second reading, reading it alone, could not mend: ``what``, its
    ``{url}`` the record's."""
    url = r.headers.get("WARC-Target-URI")
    rid, pos = st.take(rid, stem, _key(rid, r.headers.get))
    return error_record(rid, shown, "unreadable", what.replace("{url}", str(url)), pos, url)


def _bare_record(st: _State, shown: str, stem: str) -> InputRecord:
    rid, pos = st.take("", stem)
    return error_record(rid, shown, "unreadable", "a record with no WARC headers (a version line alone)", pos)


def _arc(p: str, shown: str, stem: str, max_bytes: int, st: _State) -> Iterator[InputRecord]:
    """An ARC file, by warcio (fastwarc reads no ARC)."""
    warcio = require("warcio.archiveiterator", "warc")
    # warcio tells of the damage it reads past on stderr ("Record not followed by newline",
    # written straight to sys.stderr) and through its logger ("Replacing spaces in invalid
    # WARC-Target-URI"), also under the CLI's -q: the damage that matters ends in the record's
    # rejection. Its logger gets a handler that drops what no handler of the caller's takes
    # (it still propagates), and the direct write an empty message.
    logging.getLogger("warcio").addHandler(logging.NullHandler())

    # the format is fixed by the file's name: left to guess, warcio takes a text file named
    # .arc for ARC records (their header is any line of words)
    base: Any = warcio.ARCIterator

    class _Quiet(base):
        INC_RECORD = ""

    # Every record's header line, found by a scan of the file's lines, is accounted for: a
    # record whose declared length is too long swallowed the next one's start and warcio read
    # past the rest of it, and junk between records ended the reading, without a word of the
    # records lost (4 pages in, 3 out). Each record warcio gives is matched to the next header
    # of its URL; the headers passed over are rejections of their own, and the record given
    # before them (held until then) is the one whose length ran into them. Only where warcio
    # meets damage: without it, headers passed over are a page's lines that read as header
    # lines (a page about the ARC format), and a whole file is not scanned at all.
    heads: list[str] = []
    scanned = False
    at = 0
    given: list[str | None] = []  # the URLs of the records warcio gave, the filedesc's after it
    held: InputRecord | None = None

    def passed_over(url: str | None) -> list[str]:
        nonlocal at
        try:
            j = heads.index(url, at) if url is not None else -1
        except ValueError:
            j = -1
        if j < 0:
            return []
        skipped, at = heads[at:j], j + 1
        return skipped

    def scan() -> None:
        # (at the first damage: the file's header lines, matched to the records given so far)
        nonlocal scanned, at
        if scanned:
            return
        scanned = True
        heads.extend(_arc_heads(p))
        at = 1 if heads and heads[0].startswith("filedesc:") else 0
        for u in given:
            passed_over(u)

    def lost(urls: list[str], why: str) -> Iterator[InputRecord]:
        for u in urls:
            rid, pos = st.take("", stem)
            yield error_record(rid, shown, "unreadable", f"the record of {u} was not read: {why}", pos, u)

    failed = None
    with _open_raw(p) as f:
        arc_records = _Quiet(f, arc2warc=True)
        records = enumerate(arc_records)
        errors = 0
        while True:
            try:
                i, r = next(records)
            except StopIteration:
                break
            except Exception as e:  # warcio: junk where a header line should be
                if not given:
                    raise  # (no record read: no ARC file, said as such by the caller)
                failed = f"{type(e).__name__}: {e}"
                break
            if i == 0 and r.rec_type != "warcinfo":
                # an ARC file opens with its filedesc:// record (warcio gives it as warcinfo)
                raise ValueError("not an ARC file: it does not start with a filedesc:// record")
            url = _arc_url(r.rec_headers.get_header("WARC-Target-URI"))
            skipped: list[str] = []
            # (warcio counts a record not followed by its newline: a wrong length before it)
            if i > 0 and arc_records.err_count > errors:
                scan()
                skipped = passed_over(url)
            elif i > 0 and scanned:
                passed_over(url)
            errors = arc_records.err_count
            given.append(url if i > 0 else None)  # (the filedesc record: the scan's first line)
            if held is not None:
                if skipped:
                    held = error_record(held.id, shown, "truncated-input", f"the record of {held.url} was cut: its "
                                        "declared length runs into the record after it", held.position, held.url)
                yield held
                held = None
            yield from lost(skipped, "the record before it declares a length that runs into it")
            if r.rec_type not in _DOC_TYPES:
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
            payload = r.content_stream().read(max_bytes + 1)
            # ARC records have no id: warcio makes a random one, so the position is used instead
            rid, pos = st.take("", stem)
            # the record's raw bytes to its end: a reader of its declared length, which still
            # waits for bytes when the file ends first (warcio gives the part it read)
            while r.raw_stream.read(1 << 20):
                pass
            missing = getattr(r.raw_stream, "limit", 0)
            if missing > 0:
                yield error_record(rid, shown, "truncated-input", f"the record of {url} lacks {missing} bytes of its declared length", pos, url)
                continue
            held = _make(
                rid=rid, url=url, record_type=r.rec_type, content_type=ct,
                charset=charset, status=status, payload=payload, shown=shown, position=pos,
                max_bytes=max_bytes, id_made=True,
            )
    if held is not None:
        yield held
    if failed is not None:
        rid, pos = st.take("", stem)
        yield error_record(rid, shown, "unreadable", f"after record {pos}: {failed}", pos)
        scan()
        yield from lost(heads[at:], "the file is damaged before it")
    elif arc_records.err_count > errors:
        scan()
        yield from lost(heads[at:], "the record before it declares a length that runs into it")


#: warcio reads a version 2 header line (ten fields) as a version 1 one and makes the URL of
#: its first six fields: `http://a.org/x%201.2.3.4%2020200101000000%20text/html%20200%20abc`
_ARC_V2_URL = re.compile(r"(\S+?)%20[^%\s]+%20\d{14}%20")


def _arc_url(url: str | None) -> str | None:
    """A record's URL as its header line gives it (see :data:`_ARC_V2_URL`)."""
    if url is None:
        return None
    m = _ARC_V2_URL.match(url)
    return m.group(1) if m else url


def _arc_heads(p: str) -> list[str]:
    """The URLs of the ARC header lines of the file (decompressed), in order: lines of five
    fields (version 1) or ten (version 2), a URL first, a 14-digit date third and a length
    last."""
    out = []
    with _open_decompressed(p) as f:
        try:
            while line := f.readline(1 << 16):
                if len(line) > 8192 or not line.endswith(b"\n"):
                    continue
                fields = line.rstrip(b"\r\n").split(b" ")
                if (len(fields) in (5, 10) and b":" in fields[0] and len(fields[2]) == 14 and fields[2].isdigit()
                        and fields[-1].isdigit()):
                    out.append(fields[0].decode("latin-1"))  # (as warcio reads it)
        except (TruncatedInput, OSError, EOFError, ValueError):
            pass  # (the reading below says what is wrong with the file)
    return out


_ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"


def _open_decompressed(p: str) -> Any:
    """The file's decompressed bytes, its compression known by its first bytes (fastwarc
    reads a gzip or zstd WARC whatever its name). A gzip WARC is a member a record: read
    member by member, past a damaged one (see :class:`~boilerstrip.io.compression.GzipMembers`)."""
    with _open_raw(p) as f:
        head = f.read(10)
    comp = compression_by_magic(head)
    if comp == "gzip" or p.lower().endswith(".gz"):  # (its first bytes may be the damage)
        return io.BufferedReader(GzipMembers(_open_raw(p)), buffer_size=1 << 20)
    if len(head) < 4 and head and _ZSTD_MAGIC.startswith(head):
        comp = "zstd"  # a file cut inside the magic number: read as zstd, its cut is said
    return open_input(p, "zstd" if comp == "zstd" else None, members=True)


_BARE_LF = re.compile(rb"(?<!\r)\n")
_FIELD_NAMES = {b"content-length": b"Content-Length", b"warc-type": b"WARC-Type"}
_FIELD_CASE = re.compile(rb"(?im)^(content-length|warc-type):")


def _with_crlf(head: bytes, block: bytes) -> bytes:
    """A record found by the splitter (its version and header lines ``head``, its ``block``)
    as fastwarc reads it: lines that end in a bare LF (some writers', and any file that
    went through a text-mode copy) made CRLF, in the WARC headers and in an HTTP block's
    headers, whose end fastwarc does not find otherwise (its body was read as headers: an
    empty page); the Content-Length then counts the block so written."""
    # (the fields fastwarc reads by a name in one case only, written in another)
    head = _FIELD_CASE.sub(lambda m: _FIELD_NAMES[m.group(1).lower()] + b":", head)
    head = _BARE_LF.sub(b"\r\n", head)
    if block.startswith(b"HTTP/"):
        # (also under WARC headers written with CRLF: an HTTP head of bare LFs alone)
        end, crlf = block.find(b"\n\n"), block.find(b"\r\n\r\n")
        if end >= 0 and (crlf < 0 or end < crlf):
            block = _BARE_LF.sub(b"\r\n", block[:end]) + b"\r\n\r\n" + block[end + 2 :]
            head = re.sub(rb"(?im)^(content-length:[ \t]*)\d+", lambda m: m.group(1) + str(len(block)).encode(), head, count=1)
    return head + block + b"\r\n\r\n"


def _not_zstd(p: str) -> bool:
    """Whether the file is no zstd one (whose frames are not looked into here: fastwarc says
    where they are cut). In a gzip file of a member a record, what follows a block is the next
    member's bytes: a damaged member after a whole record leaves junk after a closed block,
    which the second reading rejects apart (not the record before it)."""
    with _open_raw(p) as f:
        return compression_by_magic(f.read(10)) != "zstd"


def _salvage(p: str, shown: str, stem: str, max_bytes: int, st: _State) -> Iterator[InputRecord]:
    """The records fastwarc could not give, each on its own (see :mod:`warc_split`): one bad
    record is that record's rejection, and the records after it are read. Records already
    given (by id: see :func:`_key`) are not given twice. Each whole record is parsed alone
    by fastwarc (warcio 1.8 cannot decode brotli with brotli >= 1.2)."""
    with _open_decompressed(p) as f:
        try:
            for raw in split_records(f, keep=max_bytes + 1 + HEADER_CAP):
                rid = raw.record_id
                # (a record that is no page but that the file is cut in is said below: no page
                # is lost, but the cut went unsaid)
                cut = raw.problem is not None and raw.problem[0] == "truncated-input"
                given = bool(raw.fields) and _key(rid, lambda name: raw.fields.get(name.lower())) in st.seen
                if given or (raw.record_type is not None and raw.record_type not in _DOC_TYPES and not cut):
                    # given already, or no page (warcinfo, request, metadata, revisit): only
                    # the junk after its block (what made fastwarc stop) is said
                    if raw.trailing:
                        jid, pos = st.take("", stem)
                        yield error_record(jid, shown, "unreadable", f"{raw.trailing} bytes after the record {rid or raw.record_type} "
                                                               f"that are no WARC record, starting {raw.trailing_start}", pos)
                    continue
                if raw.problem is None and raw.trailing and not raw.closed:
                    # the block its Content-Length declares is followed by bytes that are no
                    # record, not by the line breaks that close it: the length is wrong (the
                    # page cut short) or junk follows; either way the record is not given as
                    # a whole page
                    raw.problem = ("unreadable", f"the record's block is followed by {raw.trailing} bytes that are no WARC record (a wrong Content-Length?)")
                if raw.problem is None and raw.too_large:
                    raw.problem = ("too-large", f"payload of {raw.url} longer than {max_bytes} bytes")
                if raw.problem is not None:
                    rid, pos = st.take(rid, stem)
                    yield error_record(rid, shown, raw.problem[0], raw.problem[1], pos, raw.url)
                    continue
                n = st.n
                try:
                    got = list(_fastwarc_stream(io.BytesIO(_with_crlf(raw.head, raw.block)), shown, stem, max_bytes, st))
                except Exception as e:  # fastwarc's OSError: a content coding it cannot decode (a cut brotli)
                    st.n = n
                    rid, pos = st.take(rid, stem)
                    yield error_record(rid, shown, "unreadable", f"the record cannot be read alone (a content coding that cannot be decoded?): fastwarc: {type(e).__name__}: {e}", pos, raw.url)
                    continue
                if not got and raw.record_type in _DOC_TYPES:
                    # (no page record came of it: said, not passed over)
                    rid, pos = st.take(rid, stem)
                    yield error_record(rid, shown, "unreadable", "the record cannot be read alone: fastwarc gives no "
                                       f"{raw.record_type} record of it", pos, raw.url)
                else:
                    yield from got
                if raw.trailing:
                    # junk after a whole record (its block closed as the format says): its own
                    jid, pos = st.take("", stem)
                    yield error_record(jid, shown, "unreadable", f"{raw.trailing} bytes after the record {rid or raw.url} "
                                       f"that are no WARC record, starting {raw.trailing_start}", pos)
        except TruncatedInput as e:
            if not st.cut:  # (else fastwarc gave the record this cut is in as truncated-input)
                rid, pos = st.take("", stem)
                yield error_record(rid, shown, "truncated-input", f"after record {pos}: {e}", pos)
        except (OSError, EOFError, ValueError) as e:  # a compressed stream that cannot be decoded
            rid, pos = st.take("", stem)
            yield error_record(rid, shown, "unreadable", f"after record {pos}: {type(e).__name__}: {e}", pos)


def read_warc(path: str | os.PathLike[str], *, max_bytes: int, start: int = 0, stem: str | None = None) -> Iterator[InputRecord]:
    """The page records of one WARC/WET/ARC file in order (``start`` as in :func:`read_jsonl`)."""
    p = os.fspath(path)
    shown = display(p)
    # (the file's name, or, given by the plan, its path below the input folder where two
    # corpus files share a name: the ids made of it are never another file's)
    stem = stem or PurePosixPath(shown).name
    st = _State()
    first_error = None
    arc = stem.lower().endswith((".arc", ".arc.gz"))
    # fastwarc's last page is given once the reading goes on well after it: a record whose
    # Content-Length is wrong (a few bytes too long, or too short) is read as a page, cut or
    # with the next record's first bytes, and only the next read fails. It is then read
    # again by the second reading, which judges what follows its block (the record's
    # rejection, not the page cut and the rest of it as junk, or the next record lost)
    held: InputRecord | None = None
    try:
        if not arc:
            for rec in _fastwarc(p, shown, stem, max_bytes, st):
                if held is not None and held.position >= start:
                    yield held
                held = None
                if rec.error is None:
                    held = rec
                elif rec.position >= start:
                    yield rec  # (a rejection stands, whatever comes after it)
            # fastwarc, asked for page records only, passes over bytes it cannot parse without
            # a word: a non-empty file it read no page from is read again for any record, and
            # if that fails, it is read record by record (below) and reported, not dropped. A
            # record cut short may have run over the records after it: read again too; and so
            # is a file with a record fastwarc cannot judge (`_State.reread`). A file read
            # whole may still have been cut after its last page: `_cut_at_end` looks.
            if not st.cut:
                if not st.reread and (st.n > 0 or _is_empty(p)) and not _gzip_member_after(p, st.last_pos):
                    if held is not None and held.position >= start:
                        yield held
                    held = None
                    cut = _cut_at_end(p, st.last_pos)
                    if cut is not None:
                        rid, pos = st.take("", stem)
                        if pos >= start:
                            yield error_record(rid, shown, "truncated-input", f"after record {pos}: {cut}", pos)
                    return
                if st.n == 0:
                    # no page: a well-formed WARC of none (warcinfo, requests, metadata), which
                    # the second reading passes over too, or bytes fastwarc could not read (a
                    # gzip member whose header is damaged reads as nothing, without an error)
                    first_error = _parse_error(p)
                # (else fastwarc stopped at a damaged gzip member with members after it: the
                # second reading gives their records and reports the damage)
    except ImportError:
        raise
    except Exception as e:  # fastwarc: OSError for anything it cannot parse
        first_error = f"fastwarc: {type(e).__name__}: {e}"
        if held is not None and _not_zstd(p):
            # (fastwarc read the page and failed on what follows its block)
            st.untake()
            held = None
    if held is not None and held.position >= start:
        yield held
    before = st.n
    try:
        records = _arc(p, shown, stem, max_bytes, st) if arc else _salvage(p, shown, stem, max_bytes, st)
        for rec in records:
            if rec.position >= start:
                yield rec
    except ImportError:
        raise
    except Exception as e:
        detail = "; ".join(x for x in (first_error, f"{type(e).__name__}: {e}") if x)
        n = st.n
        if n >= start:
            yield error_record(f"{stem}:{n}", shown, "unreadable", f"after record {n}: {detail}", n)
        return
    if first_error is not None and st.n == before:
        # the second reading found neither a page nor damage where fastwarc failed: what
        # fastwarc could not parse is said once
        n = st.n
        if n >= start:
            yield error_record(f"{stem}:{n}", shown, "unreadable", f"after record {n}: {first_error}", n)
