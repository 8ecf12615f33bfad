"""Readers: every format, field names, and hostile inputs (broken lines, wrong types,
truncated files, odd file names, symlink loops) as error records, never crashes."""

from __future__ import annotations

import gzip
import io
import itertools
import os
import re
import sys
import zlib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
import synth

from boilerstrip.io.compression import open_input
from boilerstrip.io.jsonl_reader import read_jsonl
from boilerstrip.io.parquet_reader import read_parquet
from boilerstrip.io.readers import Fields, format_of, iter_paths, record_id, walk
from boilerstrip.io.warc_reader import read_warc
from boilerstrip.pipeline.config import RunConfig
from boilerstrip.pipeline.plan import plan, read_shard, spool_stdin

MB = 1 << 20


@pytest.mark.parametrize("suffix", [".jsonl", ".jsonl.gz", ".jsonl.zst"])
def test_jsonl_reads_every_compression(tmp_path: Path, suffix: str) -> None:
    recs = synth.records(5, html_every=2)
    path = synth.write_jsonl(tmp_path / f"a{suffix}", recs)
    got = list(read_jsonl(path, max_bytes=MB))
    assert [r.id for r in got] == [r["id"] for r in recs]
    assert [r.position for r in got] == list(range(5))
    assert [r.kind for r in got] == ["html" if "html" in r else "text" for r in recs]
    assert [r.text for r in got] == [r.get("html") or r["text"] for r in recs]
    assert all(r.url and r.error is None for r in got)


def test_jsonl_field_names_dotted_and_numeric_ids(tmp_path: Path) -> None:
    path = synth.write_jsonl(tmp_path / "a.jsonl", [
        {"doc_id": 7, "body": "some text", "meta": {"link": "https://x.org/a"}},
        {"doc_id": "b", "body": "more text", "meta": {"link": None}},
    ])
    got = list(read_jsonl(path, fields=Fields(id="doc_id", text="body", url="meta.link"), max_bytes=MB))
    assert [(r.id, r.text, r.url) for r in got] == [("7", "some text", "https://x.org/a"), ("b", "more text", None)]
    # boilerstrip's own output keeps the url in metadata.url, found by default
    path2 = synth.write_jsonl(tmp_path / "b.jsonl", [{"id": "x", "text": "t", "metadata": {"url": "https://y.org/"}}])
    assert next(read_jsonl(path2, max_bytes=MB)).url == "https://y.org/"


def test_jsonl_bad_lines_are_error_records_between_intact_ones(tmp_path: Path) -> None:
    good = synth.records(3)
    lines = [
        good[0],
        b'{"id": "broken", "text": "no closing',
        [1, 2, 3],
        {"id": ["a"], "text": "list id"},
        {"id": "num", "text": 42},
        {"id": "nourl", "text": "x", "url": 5},
        {"id": "empty-record"},
        b'{"id": "sur", "text": "\\ud800 lone surrogate"}',
        # numbers orjson cannot hold, in a field of their own: valid JSON (they were bad-json)
        b'{"id": "big", "text": "big numbers", "n": 1' + b"0" * 400 + b', "x": 1e400}',
        b"   ",
        good[1],
        good[2],
    ]
    path = synth.write_jsonl(tmp_path / "a.jsonl", lines)
    got = list(read_jsonl(path, max_bytes=MB))
    assert [(r.id, r.error) for r in got] == [
        ("doc-00000", None),
        ("a.jsonl:2", "bad-json"),
        ("a.jsonl:3", "wrong-type"),
        ("a.jsonl:4", "wrong-type"),
        ("num", "wrong-type"),
        ("nourl", "wrong-type"),
        ("empty-record", "no-text"),
        ("sur", None),  # a lone surrogate's escape is valid JSON: read, mended to U+FFFD
        ("big", None),
        ("doc-00001", None),
        ("doc-00002", None),
    ]
    assert "line 2" in got[1].error_detail and "'text'" in got[4].error_detail
    assert [r.text for r in got if r.error is None] == [good[0]["text"], "\ufffd lone surrogate", "big numbers",
                                                        good[1]["text"], good[2]["text"]]


def test_jsonl_overlong_line_is_skipped_in_pieces(tmp_path: Path) -> None:
    recs = [{"id": "a", "text": "short"}, {"id": "big", "text": "x" * 3000}, {"id": "c", "text": "short too"}]
    path = synth.write_jsonl(tmp_path / "a.jsonl", recs)
    got = list(read_jsonl(path, max_bytes=100))  # lines over 4*100 + 1 MiB are too large
    assert [r.error for r in got] == [None, None, None]
    from boilerstrip.io import jsonl_reader

    old = jsonl_reader.line_cap
    jsonl_reader.line_cap = lambda mb: 500  # type: ignore[assignment]
    try:
        got = list(read_jsonl(path, max_bytes=100))
    finally:
        jsonl_reader.line_cap = old  # type: ignore[assignment]
    assert [(r.id, r.error) for r in got] == [("a", None), ("a.jsonl:2", "too-large"), ("c", None)]


@pytest.mark.parametrize("suffix", [".jsonl.gz", ".jsonl.zst"])
def test_truncated_compressed_jsonl_ends_in_one_rejection(tmp_path: Path, suffix: str) -> None:
    recs = synth.records(200)
    full = synth.write_jsonl(tmp_path / f"full{suffix}", recs)
    cut = tmp_path / f"cut{suffix}"
    cut.write_bytes(full.read_bytes()[: full.stat().st_size // 2])
    got = list(read_jsonl(cut, max_bytes=MB))
    *good, last = got
    assert last.error == "truncated-input" and "truncated" in last.error_detail
    assert 0 < len(good) < 200
    # what came before the cut is intact (maybe a partial last line, reported as bad-json)
    intact = [r for r in good if r.error is None]
    assert [r.text for r in intact] == [r["text"] for r in recs[: len(intact)]]
    assert all(r.error in (None, "bad-json") for r in good)
    # records without ids are named by line: the rejection's name is the next line's, not the
    # last good line's (the two shared it, and the truncation was reported as a duplicate id)
    idless = synth.write_jsonl(tmp_path / f"idless{suffix}", [{"text": r["text"]} for r in recs])
    cut.write_bytes(idless.read_bytes()[: idless.stat().st_size // 2])
    got = list(read_jsonl(cut, max_bytes=MB))
    assert got[-1].error == "truncated-input" and len({r.id for r in got}) == len(got)
    assert got[-1].id == f"cut{suffix}:{len(got)}" and f"after line {len(got) - 1}:" in got[-1].error_detail


def test_unreadable_jsonl(tmp_path: Path) -> None:
    (tmp_path / "notgz.jsonl.gz").write_bytes(b"this is not gzip at all")
    got = list(read_jsonl(tmp_path / "notgz.jsonl.gz", max_bytes=MB))
    assert len(got) == 1 and got[0].error == "unreadable"
    got = list(read_jsonl(tmp_path / "missing.jsonl", max_bytes=MB))
    assert len(got) == 1 and got[0].error == "unreadable"


def test_a_zstd_bomb_is_read_in_bounded_memory(tmp_path: Path) -> None:
    # the decompressor had no output limit: a 98 KB file inflated to 3 GiB in one call, and the
    # MemoryError ended the run with the good pages beside it
    import tracemalloc

    zstandard = pytest.importorskip("zstandard")
    from boilerstrip.io.compression import open_input

    path = tmp_path / "bomb.txt.zst"
    with open(path, "wb") as f, zstandard.ZstdCompressor(level=1).stream_writer(f) as w:
        for _ in range(32):
            w.write(b"a" * (16 * MB))  # 512 MiB of one letter, a few KB on disk
    assert path.stat().st_size < MB
    tracemalloc.start()
    try:
        with open_input(path) as f:
            assert f.read(MB) == b"a" * MB
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 80 * MB
    # the page reader stops at its size limit (one byte more: too large, the cleaner says)
    assert [len(r.data) for r in iter_paths([path], max_bytes=MB)] == [MB + 1]


def test_an_empty_field_gives_way_and_a_misnamed_compressed_file_is_read(tmp_path: Path) -> None:
    lines = [{"id": "a", "html": "", "text": "The text."}, {"id": "b", "html": None, "text": ""}, {"id": "c", "text": "", "html": "<p>x</p>"},
             {"id": "d", "html": " \n ", "text": "Its text."}]  # (a blank html was rejected as empty-input)
    path = synth.write_jsonl(tmp_path / "e.jsonl", lines)
    got = list(read_jsonl(path, max_bytes=MB))
    assert [(r.id, r.kind, r.text) for r in got] == [("a", "text", "The text."), ("b", "text", ""), ("c", "html", "<p>x</p>"),
                                                     ("d", "text", "Its text.")]
    # gzip under a plain name: its records, not one bad-json rejection per line of compressed bytes
    (tmp_path / "z.jsonl").write_bytes(gzip.compress(path.read_bytes()))
    assert [(r.id, r.error) for r in read_jsonl(tmp_path / "z.jsonl", max_bytes=MB)] == [(r.id, None) for r in got]
    # and a text that begins as a bzip2 header does is still a text
    (tmp_path / "bz.txt").write_bytes(b"BZh9 starts this text, no bzip2 stream\n")
    assert [r.data for r in iter_paths([tmp_path / "bz.txt"], max_bytes=MB)] == [b"BZh9 starts this text, no bzip2 stream\n"]


def test_parquet_strings_and_bytes(tmp_path: Path) -> None:
    recs = synth.records(4, html_every=2)
    for binary in (False, True):
        path = synth.write_parquet(tmp_path / f"p{binary}.parquet", recs, binary=binary)
        got = list(read_parquet(path, max_bytes=MB))
        assert [r.id for r in got] == [r["id"] for r in recs]
        assert [r.kind for r in got] == ["html" if r.get("html") else "text" for r in recs]
        payload = [(r.data.decode() if binary else r.text) for r in got]
        assert payload == [r.get("html") or r["text"] for r in recs]


def test_parquet_truncated_and_wrong_types(tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = synth.write_parquet(tmp_path / "p.parquet", synth.records(4))
    cut = tmp_path / "cut.parquet"
    cut.write_bytes(path.read_bytes()[:-100])
    got = list(read_parquet(cut, max_bytes=MB))
    assert len(got) == 1 and got[0].error == "unreadable"
    pq.write_table(pa.table({"id": ["a", "b"], "text": [1, 2]}), tmp_path / "ints.parquet")
    assert [r.error for r in read_parquet(tmp_path / "ints.parquet", max_bytes=MB)] == ["wrong-type", "wrong-type"]


def test_a_damaged_parquet_row_group_costs_its_own_rows(tmp_path: Path) -> None:
    # the rows after a damaged row group were lost with one rejection (2,504 of 5,000 in the
    # audit's file, 2,000 of them in intact groups), and inputs no longer equalled outputs
    import pyarrow as pa
    import pyarrow.parquet as pq

    recs = synth.records(40)
    path = tmp_path / "p.parquet"
    pq.write_table(pa.table({"id": [r["id"] for r in recs], "text": [r["text"] for r in recs]}), path,
                   row_group_size=10, compression="snappy", use_dictionary=False)
    col = pq.ParquetFile(path).metadata.row_group(2).column(1)  # the text of rows 20-29
    data = bytearray(path.read_bytes())
    mid = col.data_page_offset + col.total_compressed_size // 2
    data[mid : mid + 8] = b"\xff" * 8
    path.write_bytes(bytes(data))
    got = list(read_parquet(path, max_bytes=MB))
    assert [r.position for r in got] == list(range(40))
    bad = [r for r in got if r.error]
    assert {r.position for r in bad} <= set(range(20, 30)) and bad and all(r.error == "unreadable" for r in bad)
    assert "row group 2" in (bad[0].error_detail or "")
    assert [r.id for r in got if not r.error][-10:] == [r["id"] for r in recs[30:]]
    # resuming in the damaged group, and after it
    assert [r.position for r in read_parquet(path, max_bytes=MB, start=25)] == list(range(25, 40))
    assert [r.id for r in read_parquet(path, max_bytes=MB, start=30)] == [r["id"] for r in recs[30:]]


def _pages() -> list[tuple[str, str, bytes, str]]:
    return [
        ("http://a.org/1", "text/html; charset=utf-8", synth.page_html(1).encode(), "200 OK"),
        ("http://a.org/img", "image/png", b"\x89PNG\r\n", "200 OK"),
        ("http://a.org/gone", "text/html", b"not here", "404 Not Found"),
        ("http://a.org/2", "text/html; charset=iso-8859-1", synth.page_html(2).replace("Story", "Caf\u00e9").encode("latin-1"), "200 OK"),
        ("http://a.org/3", "text/plain", synth.page_text(3).encode(), "200 OK"),
    ]


@pytest.mark.parametrize("gz", [True, False])
def test_warc_responses(tmp_path: Path, gz: bool) -> None:
    path = tmp_path / ("a.warc.gz" if gz else "a.warc")
    path.write_bytes(synth.warc_bytes(_pages(), gz=gz))
    got = list(read_warc(path, max_bytes=MB))
    assert [(r.url, r.kind if not r.error else r.error) for r in got] == [
        ("http://a.org/1", "html"),
        ("http://a.org/img", "unsupported-content-type"),
        ("http://a.org/gone", "http-status"),
        ("http://a.org/2", "html"),
        ("http://a.org/3", "text"),
    ]
    assert got[0].id.startswith("urn:uuid:") and got[3].charset == "iso-8859-1"
    assert got[0].data == _pages()[0][2]


def test_wet_conversions(tmp_path: Path) -> None:
    path = tmp_path / "a.wet.gz"
    path.write_bytes(synth.warc_bytes([(f"http://a.org/{i}", "", synth.page_text(i).encode(), "") for i in range(3)], wet=True))
    got = list(read_warc(path, max_bytes=MB))
    assert [r.kind for r in got] == ["text"] * 3
    assert [r.data.decode() for r in got] == [synth.page_text(i) for i in range(3)]


@pytest.mark.parametrize("gz", [True, False])
def test_truncated_warc(tmp_path: Path, gz: bool) -> None:
    data = synth.warc_bytes([(f"http://a.org/{i}", "text/html", synth.page_html(i).encode(), "200 OK") for i in range(6)], gz=gz)
    path = tmp_path / ("cut.warc.gz" if gz else "cut.warc")
    path.write_bytes(data[: int(len(data) * 0.6)])
    got = list(read_warc(path, max_bytes=MB))
    assert got[-1].error == "truncated-input"
    assert all(r.error is None for r in got[:-1]) and len(got) >= 2
    assert [r.data for r in got[:-1]] == [synth.page_html(i).encode() for i in range(len(got) - 1)]


def test_junk_between_records_is_reported_and_the_rest_read(tmp_path: Path) -> None:
    data = synth.warc_bytes([(f"http://a.org/{i}", "text/html", synth.page_html(i).encode(), "200 OK") for i in range(4)], gz=False)
    # garbage after the first record's block: fastwarc stops there; the file is read again
    # record by record, and the records after it given. Junk after a block is that record's
    # rejection (its Content-Length may be wrong, its page cut short; the README says so):
    # the record was given as a page and the junk rejected apart, as a record of its own
    first_end = data.index(b"WARC/1", 10)
    path = tmp_path / "odd.warc"
    path.write_bytes(data[: first_end - 4] + b"garbage" * 20 + data[first_end - 4 :])
    got = list(read_warc(path, max_bytes=MB))
    ids = [r.id for r in got]
    assert len(ids) == len(set(ids))  # nothing given twice
    assert [(r.url, r.error) for r in got] == [("http://a.org/0", "unreadable")] + [(f"http://a.org/{i}", None) for i in range(1, 4)]
    assert "followed by 142 bytes that are no WARC record" in (got[0].error_detail or "")
    assert [r.position for r in got] == list(range(4))


def _response(url: str, body: bytes, *, encoding: str | None = None) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    w = WARCWriter(out, gzip=False)
    hh = StatusAndHeaders("200 OK", [("Content-Type", "text/html")] + ([("Content-Encoding", encoding)] if encoding else []), protocol="HTTP/1.1")
    w.write_record(w.create_warc_record(url, "response", payload=io.BytesIO(body), length=len(body), http_headers=hh))
    return out.getvalue()


#: the first half of a brotli stream (64 bytes whole) of a page of 1,772 bytes: the bytes
#: cannot be decoded to the end (fastwarc raises; warcio 1.8 cannot decode brotli 1.2 at all)
_CUT_BROTLI = b"\x1b\xd8\x06\xe8\x1d\x07n\xcc\xc5fz<\x9a\x12$L\xaey\xa6\xde\xe0d\x99O\x9bc\x1c\xb0\xdf\x83\x0c\xb8"


@pytest.mark.parametrize("gz", [True, False])
@pytest.mark.parametrize("damage", ["bad-length", "no-uri", "cut-coding", "short-length"])
def test_one_bad_record_costs_that_record_only(tmp_path: Path, damage: str, gz: bool) -> None:
    # fastwarc and warcio both stopped at such a record: the good records after it were in
    # neither the output nor the rejects (one "unreadable after record 1" stood for them all)
    good = [_response(f"http://a.org/{i}", synth.page_html(i).encode()) for i in range(3)]
    bad = _response("http://a.org/bad", synth.page_html(9).encode())
    expected = [("http://a.org/0", None), ("http://a.org/bad", "unreadable"), ("http://a.org/1", None), ("http://a.org/2", None)]
    if damage == "bad-length":
        bad = bad.replace(b"Content-Length: ", b"Content-Length: x", 1)
    elif damage == "no-uri":
        bad = bad.replace(b"WARC-Target-URI: http://a.org/bad\r\n", b"")
        good[0] += b"junk\r\n"  # fastwarc stops at the junk; the page is given as fastwarc gives it, with no URL
        expected[1:2] = [(None, "unreadable"), (None, None)]
    elif damage == "cut-coding":
        bad = _response("http://a.org/bad", _CUT_BROTLI, encoding="br")
    else:
        # a block declared 10 bytes shorter than it is: fastwarc gives the page cut short and
        # stops at the 10 bytes. The page was kept cut, and the 10 bytes rejected as a record of
        # their own; now the record is held until fastwarc reads on, and the second reading
        # rejects it (its block is followed by bytes that are no record, not by the line
        # breaks that close it)
        n = int(re.search(rb"Content-Length: (\d+)", bad).group(1))  # type: ignore[union-attr]
        bad = bad.replace(b"Content-Length: %d" % n, b"Content-Length: %d" % (n - 10), 1)
    raw = good[0] + bad + good[1] + good[2]
    path = tmp_path / ("a.warc.gz" if gz else "a.warc")
    path.write_bytes(gzip.compress(raw) if gz else raw)
    got = list(read_warc(path, max_bytes=MB))
    assert [(r.url, r.error) for r in got] == expected
    assert len({r.id for r in got}) == len(got) and [r.position for r in got] == list(range(len(got)))
    if damage == "no-uri":
        assert "that are no WARC record, starting 'junk'" in (got[1].error_detail or "")
        assert got[2].data == synth.page_html(9).encode()
    # resuming after the bad record gives the same records from there
    assert [r.id for r in read_warc(path, max_bytes=MB, start=2)] == [r.id for r in got[2:]]


def _coded(body: bytes, coding: str) -> tuple[bytes, list[tuple[str, str]]]:
    """``body`` as a server sends it under ``coding``, and the HTTP headers that say so."""
    if coding == "chunked":
        return b"".join(b"%x\r\n%s\r\n" % (len(body[i:i + 500]), body[i:i + 500]) for i in range(0, len(body), 500)) + b"0\r\n\r\n", [("Transfer-Encoding", "chunked")]
    if coding == "gzip":
        return gzip.compress(body), [("Content-Encoding", "gzip")]
    if coding == "raw-deflate":
        c = zlib.compressobj(wbits=-15)
        return c.compress(body) + c.flush(), [("Content-Encoding", "deflate")]
    gz, _ = _coded(body, "gzip")
    chunked, headers = _coded(gz, "chunked")
    return chunked, headers + [("Content-Encoding", "gzip")]


@pytest.mark.parametrize("coding", ["chunked", "gzip", "raw-deflate", "chunked+gzip"])
def test_coded_bodies_are_pages_and_cut_ones_rejected(tmp_path: Path, coding: str) -> None:
    # a body sent chunked or compressed is shorter decoded than its record's length says:
    # every such page was rejected as truncated-input
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    page = synth.page_html(1).encode() * 3
    path = tmp_path / "a.warc"

    def read(body: bytes, headers: list[tuple[str, str]], cut: int = 0) -> list:
        out = io.BytesIO()
        w = WARCWriter(out, gzip=False)
        hh = StatusAndHeaders("200 OK", [("Content-Type", "text/html")] + headers, protocol="HTTP/1.1")
        w.write_record(w.create_warc_record("http://a.org/1", "response", payload=io.BytesIO(body), length=len(body), http_headers=hh))
        path.write_bytes(out.getvalue()[: len(out.getvalue()) - cut])
        return list(read_warc(path, max_bytes=MB))

    body, headers = _coded(page, coding)
    assert [(r.error, r.data) for r in read(body, headers)] == [(None, page)]
    # a record cut inside its body is truncated-input, by its raw length
    assert [r.error for r in read(body, headers, cut=40)] == ["truncated-input"]
    # a whole record whose compressed stream stops halfway: unreadable, not half a page
    if coding != "chunked":
        gz, _ = _coded(page, "raw-deflate" if coding == "raw-deflate" else "gzip")
        half = gz[: len(gz) // 2]
        if coding == "chunked+gzip":
            half = b"%x\r\n%s\r\n0\r\n\r\n" % (len(half), half)
        got = read(half, headers)
        assert [r.error for r in got] == ["unreadable"] and "ends early" in (got[0].error_detail or "")


def test_a_warc_of_junk_is_reported_not_dropped(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    # a WARC header line and then junk: fastwarc, asked for pages, passed over it without a word
    junk = tmp_path / "junk.warc"
    junk.write_bytes(b"WARC/1.0\r\nthis is no header\r\n\r\nmore junk " * 3)
    got = list(read_warc(junk, max_bytes=MB))
    # three: a version line at the end of junk starts a record (where one was cut, the next
    # starts right after its last byte)
    assert [(r.id, r.error) for r in got] == [(f"junk.warc:{i}", "unreadable") for i in range(3)]
    assert "invalid WARC header line" in (got[0].error_detail or "")
    # an empty file holds no document: nothing to report
    (tmp_path / "empty.warc").write_bytes(b"")
    assert list(read_warc(tmp_path / "empty.warc", max_bytes=MB)) == []
    # plain text named .warc: warcio reads it as a record and says so on stderr, which -q hides
    text = tmp_path / "text.warc"
    text.write_bytes(b"just some plain text, not a warc at all\nsecond line\n")
    got = list(read_warc(text, max_bytes=MB))
    assert len(got) == 1 and got[0].error is not None
    assert capfd.readouterr().err == ""


@pytest.mark.parametrize("gz", [True, False])
def test_a_headerless_record_between_pages_is_reported(tmp_path: Path, gz: bool) -> None:
    # a version line with nothing under it, after good records: no page, no rejection (fastwarc's
    # page filter passed over the record of no type), so the input vanished without a word
    one = [(f"http://a.org/{i}", "text/html", synth.page_html(i).encode(), "200 OK") for i in range(2)]
    two = [(f"http://a.org/{i}", "text/html", synth.page_html(i).encode(), "200 OK") for i in range(2, 4)]
    bare = b"WARC/1.0\r\n\r\n"
    raw = synth.warc_bytes(one, gz=False) + bare + synth.warc_bytes(two, gz=False)
    path = tmp_path / ("a.warc.gz" if gz else "a.warc")
    path.write_bytes(gzip.compress(raw) if gz else raw)
    got = list(read_warc(path, max_bytes=MB))
    assert [(r.url, r.error) for r in got] == [
        ("http://a.org/0", None), ("http://a.org/1", None), (None, "unreadable"), ("http://a.org/2", None), ("http://a.org/3", None)]
    assert "no WARC headers" in (got[2].error_detail or "")
    assert len({r.id for r in got}) == 5
    # the same at the end of the file
    path.write_bytes(synth.warc_bytes(one, gz=False) + bare)
    assert [r.error for r in read_warc(path, max_bytes=MB)] == [None, None, "unreadable"]


def test_junk_in_a_warc_is_unreadable_not_pages(tmp_path: Path) -> None:
    # "WARC/1.0" and then a line that is no header: fastwarc made a record of no headers of it,
    # without a word, and the file was a well-formed WARC of no pages (a silent drop)
    wet = tmp_path / "junk.wet"
    wet.write_bytes(b"WARC/1.0\r\njunk\r\n\r\n")
    got = list(read_warc(wet, max_bytes=MB))
    assert [(r.id, r.error) for r in got] == [("junk.wet:0", "unreadable")]
    # (at the end of the file, such a record is judged by the second reading, which names the line)
    assert "invalid WARC header line 'junk'" in (got[0].error_detail or "")
    # junk after two good records: warcio, left to guess the format, took each junk line for
    # an ARC record and gave it as a page of a made-up URL ('unsupported-content-type')
    pages = [(f"http://a.org/{i}", "text/html", synth.page_html(i).encode(), "200 OK") for i in range(2)]
    tail = tmp_path / "tail.warc"
    tail.write_bytes(synth.warc_bytes(pages, gz=False) + b"\x00\x01junk that is not a record at all\n" * 3)
    got = list(read_warc(tail, max_bytes=MB))
    assert [(r.url, r.error) for r in got] == [("http://a.org/0", None), ("http://a.org/1", None), (None, "unreadable")]
    assert got[2].id == "tail.warc:2" and "no WARC record" in (got[2].error_detail or "")


def test_a_response_record_with_no_http_response_says_so(tmp_path: Path) -> None:
    # the page stored bare in a response record said to hold HTTP: the HTTP parse took its text
    # for headers, and it was an empty-input without a detail
    body = b"just some text, no HTTP head at all\n"
    rec = (b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:1>\r\nWARC-Target-URI: http://x.example/a\r\n"
           b"Content-Type: application/http; msgtype=response\r\nContent-Length: %d\r\n\r\n" % len(body)) + body + b"\r\n\r\n"
    path = tmp_path / "bare.warc"
    path.write_bytes(rec)
    got = list(read_warc(path, max_bytes=MB))
    assert [(r.url, r.error) for r in got] == [("http://x.example/a", "unreadable")]
    assert "no HTTP response" in (got[0].error_detail or "")


def _arc(*records: tuple[bytes, bytes]) -> list[bytes]:
    return [head + b" %d\n" % len(body) + body + b"\n" for head, body in records]


def test_arc_files(tmp_path: Path) -> None:
    page = b"HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n" + synth.page_html(1).encode()
    recs = _arc(
        (b"filedesc://x.arc 0.0.0.0 20200101000000 text/plain", b"1 0 Test\nURL IP-address Archive-date Content-type Archive-length\n"),
        (b"http://a.org/1 1.2.3.4 20200101000000 text/html", page),
    )
    (tmp_path / "a.arc").write_bytes(b"".join(recs))
    (tmp_path / "a.arc.gz").write_bytes(b"".join(gzip.compress(r) for r in recs))
    for name in ("a.arc", "a.arc.gz"):
        got = list(read_warc(tmp_path / name, max_bytes=MB))
        assert [(r.id, r.url, r.kind, r.error) for r in got] == [(f"{name}:0", "http://a.org/1", "html", None)]
        assert got[0].data == synth.page_html(1).encode()
    # a record cut short (the file ends inside it) was given as a whole page
    cut = b"".join(recs)[:-150]
    (tmp_path / "cut.arc").write_bytes(cut)
    got = list(read_warc(tmp_path / "cut.arc", max_bytes=MB))
    assert [(r.url, r.error) for r in got] == [("http://a.org/1", "truncated-input")]
    assert "lacks 149 bytes" in (got[0].error_detail or "")  # (the newline after a record is not in its length)
    # plain text named .arc was read as an ARC record of a URL made of its first words
    (tmp_path / "text.arc").write_bytes(b"this is not an arc file\nat all\n")
    got = list(read_warc(tmp_path / "text.arc", max_bytes=MB))
    assert [(r.id, r.error) for r in got] == [("text.arc:0", "unreadable")]
    assert "filedesc" in (got[0].error_detail or "")


def test_folder_walk_odd_names_and_symlink_loops(tmp_path: Path) -> None:
    root = tmp_path / "in"
    (root / "sub").mkdir(parents=True)
    (root / "a.txt").write_text(synth.page_text(1))
    (root / "sub" / "loop").symlink_to(root)  # a folder loop: not followed
    os.symlink("self.txt", root / "self.txt")  # a file loop: unreadable, not a hang
    bad = os.fsencode(str(root)) + b"/caf\xe9.txt"
    with open(bad, "wb") as f:
        f.write(synth.page_text(2).encode())
    recs = list(iter_paths([root], max_bytes=MB))
    by_id = {r.id: r for r in recs}
    assert set(by_id) == {"a", "caf\\xe9", "self"}
    assert by_id["self"].error == "unreadable"
    assert by_id["caf\\xe9"].error is None and by_id["caf\\xe9"].data == synth.page_text(2).encode()
    by_id["caf\\xe9"].path.encode("utf-8")  # printable


def test_format_detection_and_plan(tmp_path: Path) -> None:
    assert [format_of(n) for n in ("a.txt", "a.HTML.gz", "a.jsonl.zst", "a.parquet", "b.wet.gz", "c.pdf")] == [
        "page", "page", "jsonl", "parquet", "warc", None,
    ]
    root = tmp_path / "in"
    for i in range(5):
        (root / "pages").mkdir(parents=True, exist_ok=True)
        (root / "pages" / f"{i}.txt").write_text(synth.page_text(i))
    synth.write_jsonl(root / "c.jsonl", synth.records(2))
    shards = plan([str(root), str(tmp_path / "missing")], RunConfig(output="x", files_per_shard=2))
    assert [(s.format, len(s.files)) for s in shards] == [("jsonl", 0), ("page", 2), ("page", 2), ("page", 1), ("error", 0)]
    assert [s.index for s in shards] == list(range(5))
    assert [r.id for r in read_shard(shards[1], RunConfig(output="x"))] == ["pages/0", "pages/1"]
    assert next(read_shard(shards[4], RunConfig(output="x"))).error == "not-found"
    assert record_id(root / "pages" / "0.txt", root) == "pages/0"
    assert list(walk(root, pages_only=True))[0].name == "0.txt"


@pytest.mark.parametrize("kind", ["jsonl.gz", "warc", "html", "zst-jsonl"])
def test_stdin_is_sniffed(tmp_path: Path, kind: str) -> None:
    if kind == "jsonl.gz":
        data, want = gzip.compress(synth.jsonl_bytes(synth.records(2))), "jsonl"
    elif kind == "zst-jsonl":
        import zstandard

        data, want = zstandard.ZstdCompressor().compress(synth.jsonl_bytes(synth.records(2))), "jsonl"
    elif kind == "warc":
        data, want = synth.warc_bytes(_pages()[:1]), "warc"
    else:
        data, want = synth.page_html(1).encode(), "page"
    path, fmt = spool_stdin(tmp_path / "spool", "auto", io.BytesIO(data))
    assert fmt == want and format_of(Path(path).name) in (want, None)
    shards = plan([path], RunConfig(output="x"))
    recs = list(read_shard(shards[0], RunConfig(output="x")))
    assert recs and all(r.error is None for r in recs)


@pytest.mark.skipif(sys.platform != "linux", reason="fsspec's file:// URLs as remote paths")
def test_remote_urls_through_fsspec(tmp_path: Path) -> None:
    pytest.importorskip("fsspec")
    synth.write_jsonl(tmp_path / "r" / "a.jsonl.gz", synth.records(3))
    (tmp_path / "r" / "p.txt").write_text(synth.page_text(9))
    shards = plan([f"file://{tmp_path / 'r'}"], RunConfig(output="x"))
    assert [s.format for s in shards] == ["jsonl", "page"]
    recs = [r for s in shards for r in read_shard(s, RunConfig(output="x"))]
    assert [r.id for r in recs] == ["doc-00000", "doc-00001", "doc-00002", "p"]
    assert all(r.error is None for r in recs)


def test_jsonl_byte_order_mark_is_not_part_of_the_first_record(tmp_path: Path) -> None:
    recs = synth.records(2)
    path = tmp_path / "bom.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + synth.jsonl_bytes(recs))  # as Windows tools write it
    got = list(read_jsonl(path, max_bytes=MB))
    assert [(r.id, r.error) for r in got] == [(r["id"], None) for r in recs]
    # piped in, it is still sniffed as JSONL, not taken for one page
    spooled, fmt = spool_stdin(tmp_path / "spool", "auto", io.BytesIO(path.read_bytes()))
    assert fmt == "jsonl"


def test_stdin_cut_short_is_still_sniffed(tmp_path: Path) -> None:
    # a compressed stream cut before its first 4 KiB decompress: the part before the cut
    # still says JSONL, so the records before the cut are read and the cut is reported
    small = [{"id": f"r{i}", "text": f"record {i} " * 20} for i in range(20)]
    data = gzip.compress(synth.jsonl_bytes(small))
    path, fmt = spool_stdin(tmp_path / "spool", "auto", io.BytesIO(data[: len(data) * 3 // 4]))
    assert fmt == "jsonl"
    got = list(read_jsonl(path, max_bytes=MB))
    assert got[-1].error == "truncated-input" and got[0].id == "r0"


def test_damaged_zstd_jsonl_is_one_rejection_not_a_crash(tmp_path: Path) -> None:
    pytest.importorskip("zstandard")
    path = tmp_path / "bad.jsonl.zst"
    path.write_bytes(b"\x28\xb5\x2f\xfd" + b"not a zstd frame at all" * 10)  # zstd's magic, then garbage
    got = list(read_jsonl(path, max_bytes=MB))
    assert [r.error for r in got] == ["unreadable"]
    assert "zstd" in got[0].error_detail


def test_a_damaged_zstd_frame_keeps_the_frames_before_it(tmp_path: Path) -> None:
    zstandard = pytest.importorskip("zstandard")
    good = zstandard.ZstdCompressor(write_checksum=True).compress(
        synth.jsonl_bytes([{"id": f"r{i}", "text": f"record {i} " * 5} for i in range(50)])
    )
    bad = bytearray(zstandard.ZstdCompressor(write_checksum=True).compress(b'{"id": "x", "text": "y"}\n' * 50))
    bad[-1] ^= 0xFF  # its checksum no longer matches
    for tail in (bytes(bad), b"\0\0"):
        path = tmp_path / "two.jsonl.zst"
        path.write_bytes(good + tail)  # both within one read chunk
        got = list(read_jsonl(path, max_bytes=MB))
        assert [r.id for r in got[:50]] == [f"r{i}" for i in range(50)] and all(r.error is None for r in got[:50])
        assert got[-1].error == "unreadable" and "zstd" in got[-1].error_detail


@pytest.mark.parametrize("gz", [True, False])
def test_warc_cut_inside_the_record_headers(tmp_path: Path, gz: bool) -> None:
    # cut in the middle of the third record's WARC headers, before its Content-Length: that
    # record was taken for an empty page (empty-input) or a content type "applicat..."
    pages = [(f"http://a.org/{i}", "text/html", synth.page_html(i).encode(), "200 OK") for i in range(3)]
    plain = synth.warc_bytes(pages, gz=False)
    third = plain.index(b"WARC/1", plain.index(b"WARC/1", 10) + 10)
    cut = plain[: plain.index(b"Content-Type", third) + 16]
    data = gzip.compress(cut) if gz else cut
    path = tmp_path / ("cut.warc.gz" if gz else "cut.warc")
    path.write_bytes(data)
    got = list(read_warc(path, max_bytes=MB))
    assert [r.error for r in got] == [None, None, "truncated-input"]
    assert got[2].url == "http://a.org/2" and "headers" in got[2].error_detail


def test_symlinked_folders_are_read_once(tmp_path: Path) -> None:
    # a corpus folder assembled from links to other disks used to yield nothing from them,
    # without a word; followed, they must still not loop nor give a file twice
    elsewhere = tmp_path / "disk2" / "crawl"
    elsewhere.mkdir(parents=True)
    (elsewhere / "x.txt").write_text(synth.page_text(1))
    root = tmp_path / "in"
    root.mkdir()
    (root / "a.txt").write_text(synth.page_text(2))
    (root / "linked").symlink_to(elsewhere)
    (root / "linked_again").symlink_to(elsewhere)  # the same folder twice: read once
    (root / "up").symlink_to(root)  # a loop
    assert [r.id for r in iter_paths([root], max_bytes=MB)] == ["a", "linked/x"]
    shards = plan([str(root)], RunConfig(output=str(tmp_path / "out")))
    assert [i for s in shards for _, i in s.files] == ["a", "linked/x"]


def test_bzip2_jsonl_is_read_and_its_cut_reported(tmp_path: Path) -> None:
    # a .jsonl.bz2 in a folder used to be passed over without a word (and, named on the
    # command line, read as one binary page)
    import bz2

    recs = synth.records(40)
    whole = bz2.compress(synth.jsonl_bytes(recs))
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.jsonl.bz2").write_bytes(whole)
    assert format_of("a.jsonl.bz2") == "jsonl"
    shards = plan([str(tmp_path / "in")], RunConfig(output=str(tmp_path / "out")))
    got = list(read_shard(shards[0], RunConfig(output="x")))
    assert [(r.id, r.error) for r in got] == [(r["id"], None) for r in recs]
    cut = tmp_path / "cut.jsonl.bz2"
    cut.write_bytes(whole[: len(whole) // 2])
    assert list(read_jsonl(cut, max_bytes=MB))[-1].error == "truncated-input"
    bad = tmp_path / "bad.jsonl.bz2"
    bad.write_bytes(b"BZh9" + b"not bzip2 data" * 10)
    assert [r.error for r in read_jsonl(bad, max_bytes=MB)] == ["unreadable"]


def test_jsonl_lone_surrogate_escapes_are_mended_not_lost(tmp_path: Path) -> None:
    import json

    # Python's json.dumps writes a str holding a lone surrogate as "\ud800": valid JSON, which
    # orjson refuses; the record must be read (with U+FFFD), not rejected as bad-json
    path = tmp_path / "s.jsonl"
    lines = [
        json.dumps({"id": "a", "text": "Caf\ud800 au lait " * 5, "url": "https://x.example/\udc80"}),
        json.dumps({"id": "b", "text": "a pair \ud83d\ude00 as two escapes"}),
        '{"id": "c", "text": "broken',
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    got = {r.id: r for r in read_jsonl(path, max_bytes=MB)}
    assert got["a"].error is None and got["a"].text is not None and "\ufffd" in got["a"].text
    assert got["a"].url == "https://x.example/\ufffd"
    assert got["b"].error is None and got["b"].text == "a pair \U0001f600 as two escapes"
    assert [r.error for k, r in got.items() if k not in ("a", "b")] == ["bad-json"]  # its id is unreadable too


def test_jsonl_a_deep_record_that_orjson_refuses_is_bad_json_and_the_file_goes_on(tmp_path: Path) -> None:
    # a lone surrogate (or 1e400) sends a line to the standard library's reader, which with the
    # surrogates' mending stopped at some hundreds of levels (RecursionError): the whole file
    # was lost, its good records with it
    path = tmp_path / "d.jsonl"
    deep = "[" * 600 + "]" * 600
    path.write_text('{"id": "a", "text": "one"}\n'
                    + '{"id": "b", "text": "two \\ud800", "meta": %s}\n' % deep
                    + '{"id": "c", "text": "three", "n": 1e400, "meta": %s}\n' % deep
                    + '{"id": "d", "text": "four"}\n', encoding="utf-8")
    got = list(read_jsonl(path, max_bytes=MB))
    assert [(r.error, r.text) for r in got] == [(None, "one"), ("bad-json", None), ("bad-json", None), (None, "four")]
    assert "nested too deeply" in got[1].error_detail


def test_compressed_pages_are_decompressed_and_their_cuts_reported(tmp_path: Path) -> None:
    # a .txt.zst or .html.bz2 page was read as its compressed bytes (binary-input) and skipped
    # by the folder walker; a cut one was binary-input rather than truncated-input
    import bz2

    import zstandard

    text, html = synth.page_text(1).encode(), synth.page_html(2).encode()
    zst = zstandard.ZstdCompressor().compress(text)
    root = tmp_path / "in"
    root.mkdir()
    (root / "a.txt.zst").write_bytes(zst)
    (root / "b.html.bz2").write_bytes(bz2.compress(html))
    (root / "cut.txt.zst").write_bytes(zst[:8])
    (root / "junk.htm.zst").write_bytes(b"\x28\xb5\x2f\xfd" + b"not zstd at all" * 10)
    got = {r.id: r for r in iter_paths([root], max_bytes=MB)}
    assert sorted(got) == ["a", "b", "cut", "junk"]
    assert (got["a"].kind, got["a"].data, got["a"].error) == ("text", text, None)
    assert (got["b"].kind, got["b"].data, got["b"].error) == ("html", html, None)
    assert got["cut"].error == "truncated-input" and got["junk"].error == "unreadable"
    # a zstd page on stdin cut before anything decodes: sniffed as a page, then reported cut
    path, fmt = spool_stdin(tmp_path / "spool", "auto", io.BytesIO(zst[:8]))
    assert fmt == "page"
    recs = [r for s in plan([path], RunConfig(output="x")) for r in read_shard(s, RunConfig(output="x"))]
    assert [(r.id, r.error) for r in recs] == [("stdin", "truncated-input")]
    whole, _ = spool_stdin(tmp_path / "spool2", "auto", io.BytesIO(zst))
    recs = [r for s in plan([whole], RunConfig(output="x")) for r in read_shard(s, RunConfig(output="x"))]
    assert [(r.error, r.data) for r in recs] == [(None, text)]


def test_page_ids_of_files_sharing_a_stem_keep_their_names() -> None:
    from boilerstrip.io.readers import page_ids

    assert page_ids(["a.txt", "a.html", "b.txt", "c/d.htm.gz"]) == ["a.txt", "a.html", "b", "c/d"]
    # a whole name given to one may meet another's stem: that one keeps its name too
    assert page_ids(["a.txt", "a.html", "a.txt.html", "x"]) == ["a.txt", "a.html", "a.txt.html", "x"]
    assert page_ids(["A.TXT", "a.txt", "b"]) == ["A", "a", "b"]
    # a name not in UTF-8 shown as another is named: it yields, the other keeps its id
    assert page_ids(["a\udcff.txt", "a\\xff.txt", "b.txt"]) == ["a\\xff~2", "a\\xff", "b"]


def test_split_records_says_what_is_wrong() -> None:
    from boilerstrip.io.warc_split import split_records

    one = _response("http://a.org/1", b"<p>one</p>")
    head_end = one.index(b"\r\n\r\n") + 4

    def split(data: bytes, keep: int = MB) -> list[tuple[str | None, str | None, int]]:
        return [(r.url, r.problem[0] if r.problem else None, len(r.block)) for r in split_records(io.BytesIO(data), keep=keep)]

    n = len(one) - head_end - 4  # the block's length
    assert split(one + b"\r\n" + one) == [("http://a.org/1", None, n)] * 2
    assert split(one[: head_end - 30]) == [("http://a.org/1", "truncated-input", 0)]  # cut in the headers (read so far kept)
    assert split(one[:-20]) == [("http://a.org/1", "truncated-input", 0)]  # cut in the block
    # headers that stop without their blank line, then a record
    assert split(one[: head_end - 4] + b"\r\n" + one) == [("http://a.org/1", "unreadable", 0), ("http://a.org/1", None, n)]
    # a block longer than kept: read past, marked
    recs = list(split_records(io.BytesIO(one + one), keep=5))
    assert [(len(r.block), r.too_large, r.problem) for r in recs] == [(5, True, None)] * 2
    # junk alone, and junk at the start
    assert split(b"no warc\nat all\n") == [(None, "unreadable", 0)]
    assert split(b"\x00junk\r\n" + one) == [(None, "unreadable", 0), ("http://a.org/1", None, n)]
    # headers over the cap (a line of a megabyte has no colon in its first 64 KiB piece)
    assert split(b"WARC/1.0\r\nA: " + b"x" * (2 << 20) + b"\r\n\r\n" + one) == [(None, "unreadable", 0), ("http://a.org/1", None, n)]


@pytest.mark.parametrize("rest", ["short", "long"])
def test_a_cut_record_followed_by_another_file_loses_only_itself(tmp_path: Path, rest: str) -> None:
    # a download cut inside a record, then another WARC appended (`cat a.warc b.warc`): the cut
    # record's declared length ran over the next file's records, which were lost with it
    cut = _response("http://a.org/cut", synth.page_html(9).encode() * 5)
    cut = cut[: len(cut) // 2]
    n_next = 1 if rest == "short" else 6  # the rest of the file shorter or longer than the cut block
    after = b"".join(_response(f"http://b.org/{i}", synth.page_html(i).encode()) for i in range(n_next))
    raw = _response("http://a.org/0", synth.page_html(0).encode()) + cut + after
    path = tmp_path / "cat.warc"
    path.write_bytes(raw)
    got = list(read_warc(path, max_bytes=MB))
    assert [(r.url, r.error) for r in got] == [("http://a.org/0", None), ("http://a.org/cut", "truncated-input")] + [
        (f"http://b.org/{i}", None) for i in range(n_next)]
    assert "runs into the next record" in (got[1].error_detail or "")


def test_many_cut_records_in_a_row() -> None:
    # each cut record gives back the bytes it ran over: they must not nest a reader each
    from boilerstrip.io.warc_split import split_records

    one = _response("http://a.org/1", synth.page_html(1).encode())
    raw = one[: len(one) - 200] * 3000 + one
    recs = list(split_records(io.BytesIO(raw), keep=MB))
    assert len(recs) == 3001 and [r.problem[0] if r.problem else None for r in recs[-2:]] == ["truncated-input", None]


_SIX = [_response(f"http://a.org/{i}", synth.page_html(i).encode()) for i in range(6)]


@given(st.data())
def test_one_local_damage_costs_at_most_two_records(data: st.DataObject) -> None:
    # a WARC of six pages with one damage of up to 60 bytes anywhere (bytes cut out, junk put
    # in, bytes overwritten): reading never fails, every record is given once, and the pages
    # lost are at most the two the damage can touch (one, or two where it spans their border)
    gz = data.draw(st.booleans(), label="gz")  # a gzip member a record, as .warc.gz files are
    raw = b"".join(gzip.compress(r) for r in _SIX) if gz else b"".join(_SIX)
    at = data.draw(st.integers(0, len(raw) - 1), label="at")
    size = data.draw(st.integers(1, 60), label="size")
    kind = data.draw(st.sampled_from(["cut", "insert", "overwrite"]), label="kind")
    junk = data.draw(st.binary(min_size=size, max_size=size), label="junk")
    if kind == "cut":
        damaged = raw[:at] + raw[at + size :]
    elif kind == "insert":
        damaged = raw[:at] + junk + raw[at:]
    else:
        damaged = raw[:at] + junk + raw[at + size :]
    import tempfile

    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / ("d.warc.gz" if gz else "d.warc")
        path.write_bytes(damaged)
        got = list(read_warc(path, max_bytes=MB))
    assert [r.position for r in got] == list(range(len(got)))
    assert len({r.id for r in got}) == len(got)
    good = [r.url for r in got if r.error is None and r.url is not None]
    assert len(set(good)) == len(good)
    assert len({f"http://a.org/{i}" for i in range(6)} & set(good)) >= 4, [(r.url, r.error, r.error_detail) for r in got]


def _fixed_six() -> list[bytes]:
    """``_SIX`` with fixed record ids and dates (warcio writes random ones), for byte-exact cases."""
    out = []
    for i, r in enumerate(_SIX):
        r = re.sub(rb"WARC-Record-ID: <urn:uuid:[0-9a-f-]+>", b"WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-%012d>" % i, r)
        out.append(re.sub(rb"WARC-Date: [0-9TZ:.-]+", b"WARC-Date: 2024-01-01T00:00:00Z", r))
    return out


def test_damage_fastwarc_stops_at_silently_costs_one_record(tmp_path: Path) -> None:
    # found by the property test above in CI: 38 bytes overwritten at the start of the second
    # gzip member. fastwarc gave the first record and stopped without an error, and the four
    # records after the damage were lost; a cut near a member's end made zlib decode the next
    # three members as the damaged one's junk before it failed, and they were lost too
    members = [gzip.compress(r, mtime=0) for r in _fixed_six()]
    raw = b"".join(members)
    junk = bytes.fromhex("1d5583f8d6ff5818c25960ec19a86d25d648fb9bd9405f71c05d843020fc3828f502a223173f")
    path = tmp_path / "d.warc.gz"
    path.write_bytes(raw[:1061] + junk + raw[1061 + 38 :])
    got = list(read_warc(path, max_bytes=MB))
    assert [r.url for r in got if r.error is None] == [f"http://a.org/{i}" for i in (0, 2, 3, 4, 5)]
    assert [r.error for r in got if r.error is not None] == ["unreadable"]
    # a whole file is read once, by fastwarc alone
    path.write_bytes(raw)
    assert [r.url for r in read_warc(path, max_bytes=MB)] == [f"http://a.org/{i}" for i in range(6)]


def test_a_damaged_gzip_member_costs_its_record_only(tmp_path: Path) -> None:
    # a .warc.gz is a gzip member a record: bytes damaged inside one member stopped the
    # decompressor, and the records after it were lost (one rejection stood for them)
    members = [gzip.compress(r) for r in _SIX]
    bad = bytearray(members[2])
    bad[len(bad) // 2 : len(bad) // 2 + 20] = b"\x00" * 20
    path = tmp_path / "d.warc.gz"
    path.write_bytes(b"".join(members[:2]) + bytes(bad) + b"".join(members[3:]))
    got = list(read_warc(path, max_bytes=MB))
    good = [r.url for r in got if r.error is None]
    assert good == [f"http://a.org/{i}" for i in (0, 1, 3, 4, 5)]
    assert len(got) - len(good) >= 1 and len({r.id for r in got}) == len(got)


def test_a_jsonl_line_not_in_utf8_says_so(tmp_path: Path) -> None:
    # a Latin-1 line was "str is not valid UTF-8: surrogates not allowed" (orjson's words)
    path = tmp_path / "l.jsonl"
    path.write_bytes('{"id": "a", "text": "Café crème"}\n'.encode("latin-1") + b'{"id": "b", "text": "fine"}\n')
    got = list(read_jsonl(path, max_bytes=MB))
    assert [(r.id, r.error) for r in got] == [("l.jsonl:1", "bad-json"), ("b", None)]
    assert got[0].error_detail == "line 1: not UTF-8, as JSON Lines must be (byte 0xE9 at column 25)"


def _crawl_records() -> list[bytes]:
    """A small WARC as a crawl writes it, a record each: warcinfo, then a request, a response
    and a metadata record for each of two pages."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = []
    for kind, i in [("warcinfo", -1)] + [(k, i) for i in range(2) for k in ("request", "response", "metadata")]:
        bio = io.BytesIO()
        w = WARCWriter(bio, gzip=False)
        url = f"http://a.org/{i}"
        if kind == "warcinfo":
            rec = w.create_warcinfo_record("c.warc", {"software": "test"})
        elif kind == "request":
            hh = StatusAndHeaders("GET / HTTP/1.1", [("Host", "a.org")], is_http_request=True)
            rec = w.create_warc_record(url, "request", payload=io.BytesIO(b""), length=0, http_headers=hh)
        elif kind == "response":
            body = synth.page_html(i).encode()[:400]
            hh = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
            rec = w.create_warc_record(url, "response", payload=io.BytesIO(body), length=len(body), http_headers=hh)
        else:
            body = b"fetchTimeMs: 12\r\n"
            rec = w.create_warc_record(url, "metadata", payload=io.BytesIO(body), length=len(body), warc_content_type="application/warc-fields")
        w.write_record(rec)
        out.append(bio.getvalue())
    return out


def _inflated_size(data: bytes, layout: str) -> int:
    """How many bytes of the WARC a cut compressed file still gives (a member's output up to
    where it is cut included)."""
    if layout == "plain":
        return len(data)
    n = 0
    while data:
        z = zlib.decompressobj(31)
        n += len(z.decompress(data))
        if not z.eof:
            break
        data = z.unused_data
    return n


@pytest.mark.parametrize("layout", ["plain", "gzip-members", "gzip-one-member"])
def test_a_warc_cut_anywhere_is_truncated_input(tmp_path: Path, layout: str) -> None:
    # a file cut right after a record's start (a gzip member cut a few bytes in, or after the
    # WARC version line) was `unreadable`, one cut in an HTTP status line or content type an
    # `http-status` or `unsupported-content-type`, and one cut in a gzip member's checksum or
    # in the line breaks that close a block went unsaid. At every offset: the pages whose
    # blocks are whole before the cut are given, and the cut is one truncated-input rejection
    plain = _crawl_records()
    ends = list(itertools.accumulate(len(r) for r in plain))
    if layout == "plain":
        data, bounds = b"".join(plain), ends
    elif layout == "gzip-members":
        members = [gzip.compress(r, mtime=0) for r in plain]
        data, bounds = b"".join(members), list(itertools.accumulate(len(m) for m in members))
    else:
        data, bounds = gzip.compress(b"".join(plain), mtime=0), []
    pages = [(f"http://a.org/{i}", ends[3 * i + 2] - 4) for i in range(2)]  # (url, where its block ends)
    path = tmp_path / ("c.warc" if layout == "plain" else "c.warc.gz")
    # every offset within 40 bytes of where a record (or its member) starts or ends, where the
    # cuts went wrong; every third elsewhere (all of them: 3 times as long, nothing more found)
    near = {b + d for b in [0, *bounds] for d in range(-40, 41)}
    for cut in [c for c in range(1, len(data) + 1) if c in near or c % 3 == 0 or c == len(data)]:
        path.write_bytes(data[:cut])
        got = list(read_warc(path, max_bytes=MB))
        inflated = _inflated_size(data[:cut], layout)
        whole = [url for url, end in pages if end <= inflated]
        seen = [(r.url, r.error, r.error_detail) for r in got]
        assert [r.url for r in got if r.error is None] == whole, (cut, seen)
        assert [r.error for r in got if r.error] == ([] if cut in bounds or cut == len(data) else ["truncated-input"]), (cut, seen)
        assert [r.position for r in got] == list(range(len(got)))


class _CountedReads:
    """A stream that counts the reads asked of it (of any kind)."""

    def __init__(self, f: Any) -> None:
        self.f, self.reads = f, 0

    def __getattr__(self, name: str) -> Any:
        attr = getattr(self.f, name)
        if name not in ("read", "read1", "readline", "readinto", "peek"):
            return attr

        def counted(*args: Any) -> Any:
            self.reads += 1
            return attr(*args)

        return counted

    def __enter__(self) -> _CountedReads:
        return self

    def __exit__(self, *exc: object) -> None:
        self.f.close()


def test_jsonl_blank_lines_are_skipped_in_blocks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # blank lines were read one readline each (50 million of them, a .jsonl.gz of 50 KB, took
    # 26 s); they are skipped a block at a time, and still counted in the line numbers
    from boilerstrip.io import jsonl_reader

    path = tmp_path / "blank.jsonl.gz"
    blanks = b"\n" * 1_000_000 + b" \t\r\n" * 100_000  # (across a block's end)
    path.write_bytes(gzip.compress(blanks + b'{"text": "a"}\n' + blanks + b'{"text": "b"}\n\n \n'))
    streams: list[_CountedReads] = []

    def counted_open(p: Any, **kw: Any) -> _CountedReads:
        streams.append(_CountedReads(open_input(p, **kw)))
        return streams[-1]

    monkeypatch.setattr(jsonl_reader, "open_input", counted_open)
    got = list(read_jsonl(path, max_bytes=MB))
    assert [(r.id, r.text) for r in got] == [("blank.jsonl.gz:1100001", "a"), ("blank.jsonl.gz:2200002", "b")]
    assert streams[0].reads < 100


def _lines_by_readline(data: bytes, cap: int) -> list[tuple[int, bytes | None]]:
    """What the JSONL reader read before it skipped blank lines in blocks: a ``readline(cap)``
    a line, a longer line read past and given as ``None``, blank lines counted, not given."""
    f, out, n = io.BytesIO(data), [], 0
    while line := f.readline(cap):
        n += 1
        if len(line) >= cap and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):
                line = f.readline(cap)
            out.append((n, None))
        elif line.strip():
            out.append((n, line))
    return out


class _Trickle(io.BytesIO):
    """A stream whose reads give at most ``most`` bytes (a decompressor gives what it has)."""

    def __init__(self, data: bytes, most: int) -> None:
        super().__init__(data)
        self.most = most

    def read1(self, n: int = -1) -> bytes:
        return super().read1(min(n, self.most))


@given(
    st.lists(st.sampled_from([b"\n", b" ", b"\t", b"\r\n", b"\x0b", b"x", b'{"a": 1}', b"\xef\xbb\xbf"]), max_size=60),
    st.integers(1, 24), st.integers(1, 24), st.integers(1, 30),
)
def test_jsonl_lines_in_blocks_are_readlines(parts: list[bytes], cap: int, block: int, most: int) -> None:
    # the block reader gives what a readline a line gave: the same lines (blank ones skipped,
    # but maybe one split across blocks), the same line numbers, the same lines too long
    from boilerstrip.io.jsonl_reader import _Lines

    data = b"".join(parts)
    lines = _Lines(_Trickle(data, most), cap, block)  # type: ignore[arg-type]
    got = []
    while (line := lines.next()) != b"":
        if line is None or line.strip():
            got.append((lines.lineno, line))
    assert got == _lines_by_readline(data, cap)


@pytest.mark.parametrize("cut", ["payload", "headers"])
def test_records_without_an_id_are_not_given_twice_when_read_again(tmp_path: Path, cut: str) -> None:
    # the second reading passed over the records fastwarc gave by their WARC-Record-ID: a file
    # of records without one (no writer should make it) gave its pages twice when cut
    pages = [(f"http://a.org/{i}", "text/html", synth.page_html(i).encode()[:500], "200 OK") for i in range(3)]
    raw = re.sub(rb"WARC-Record-ID: <[^>]+>\r\n", b"", synth.warc_bytes(pages, gz=False))
    path = tmp_path / "n.warc"
    path.write_bytes(raw[: len(raw) - 100] if cut == "payload" else raw[: raw.rindex(b"WARC-Target-URI") + 5])
    got = list(read_warc(path, max_bytes=MB))
    assert [(r.url, r.error) for r in got if r.error is None] == [("http://a.org/0", None), ("http://a.org/1", None)]
    assert [r.error for r in got if r.error] == ["truncated-input"]


def _hand_record(i: int, nl: bytes = b"\r\n", type_field: bytes = b"WARC-Type", block: bytes | None = None) -> bytes:
    """A response record written by hand, of id ``urn:uuid:i`` and URL ``http://a.org/i``, its
    lines ending in ``nl`` (the block's HTTP headers too, unless ``block`` is given: that
    block), its type's field name as ``type_field``."""
    if block is None:
        block = b"HTTP/1.1 200 OK" + nl + b"Content-Type: text/html" + nl + nl + synth.page_html(i).encode()
    head = [b"WARC/1.0", type_field + b": response", b"WARC-Record-ID: <urn:uuid:%d>" % i,
            b"WARC-Target-URI: http://a.org/%d" % i, b"Content-Type: application/http; msgtype=response",
            b"Content-Length: %d" % len(block)]
    return nl.join(head) + nl + nl + block + nl + nl


def test_warc_records_whose_lines_end_in_a_bare_lf_are_read(tmp_path: Path) -> None:
    # (warcio reads them; fastwarc gave nothing of a file written so, and of one such record
    # among others lost it and misread the next)
    path = tmp_path / "lf.warc"
    path.write_bytes(b"".join(_hand_record(i, b"\n") for i in range(3)))
    got = list(read_warc(path, max_bytes=MB))
    assert [(r.url, r.error, r.kind) for r in got] == [(f"http://a.org/{i}", None, "html") for i in range(3)]
    assert got[1].data == synth.page_html(1).encode()
    path.write_bytes(b"".join(_hand_record(i, b"\n" if i == 2 else b"\r\n") for i in range(5)))
    got = list(read_warc(path, max_bytes=MB))
    assert [(r.url, r.error) for r in got] == [(f"http://a.org/{i}", None) for i in range(5)]
    assert got[2].data == synth.page_html(2).encode() and got[3].data == synth.page_html(3).encode()


@pytest.mark.parametrize("gz", [True, False])
def test_a_warc_type_written_in_lower_case_is_a_page(tmp_path: Path, gz: bool) -> None:
    # header field names are case-insensitive (warcio reads "warc-type: response"); fastwarc
    # gives such a record no type, and it was passed over without a word
    recs = [_hand_record(i, type_field=b"warc-type" if i == 1 else b"WARC-Type") for i in range(3)]
    path = tmp_path / ("t.warc.gz" if gz else "t.warc")
    path.write_bytes(b"".join(gzip.compress(r) for r in recs) if gz else b"".join(recs))
    got = list(read_warc(path, max_bytes=MB))
    assert [(r.url, r.error, r.kind) for r in got] == [(f"http://a.org/{i}", None, "html") for i in range(3)]


@pytest.mark.parametrize("layout", ["plain", "gzip", "gzip-members"])
@pytest.mark.parametrize("over", [5, 12, 30, 60, -7, -60])
def test_a_content_length_a_little_wrong_costs_that_record_only(tmp_path: Path, over: int, layout: str) -> None:
    # declared a few bytes too long, the block ends inside the next record's version line or
    # its first header's name: the record was kept with those bytes, and the next record,
    # whole, was taken for junk and lost (60 bytes over was already right); declared too
    # short, the page was kept cut and the rest of its block rejected as a record of its own
    # (in a gzip member a record, the usual .warc.gz, too)
    recs = [_hand_record(i) for i in range(4)]
    n = int(re.search(rb"Content-Length: (\d+)", recs[1]).group(1))  # type: ignore[union-attr]
    recs[1] = recs[1].replace(b"Content-Length: %d" % n, b"Content-Length: %d" % (n + over), 1)
    path = tmp_path / ("o.warc" if layout == "plain" else "o.warc.gz")
    data = {"plain": b"".join(recs), "gzip": gzip.compress(b"".join(recs)),
            "gzip-members": b"".join(gzip.compress(r) for r in recs)}[layout]
    path.write_bytes(data)
    got = list(read_warc(path, max_bytes=MB))
    assert [(r.url, r.error is None) for r in got] == [("http://a.org/0", True), ("http://a.org/1", False),
                                                       ("http://a.org/2", True), ("http://a.org/3", True)]
    assert got[1].error == ("truncated-input" if over > 0 else "unreadable")
    assert got[2].data == synth.page_html(2).encode()


def test_a_chunked_body_with_a_trailer_section_is_read(tmp_path: Path) -> None:
    # RFC 9112 7.1.2 allows header fields after the last chunk; warcio's reader refused them,
    # and the page, every chunk of which had decoded, was unreadable
    page = synth.page_html(1).encode()
    body = b"".join(b"%x\r\n" % len(page[i : i + 200]) + page[i : i + 200] + b"\r\n" for i in range(0, len(page), 200))
    recs = []
    for i, trailer in enumerate((b"", b"X-Checksum: abc\r\nExpires: never\r\n")):
        block = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n" + body + b"0\r\n" + trailer + b"\r\n"
        recs.append(_hand_record(i, block=block))
    path = tmp_path / "c.warc"
    path.write_bytes(b"".join(recs))
    got = list(read_warc(path, max_bytes=MB))
    assert [(r.error, r.data) for r in got] == [(None, page), (None, page)]


def test_damaged_warc_headers_are_named_for_what_they_are(tmp_path: Path) -> None:
    # a record with headers but no WARC-Type was "a record with no WARC headers" of a made-up
    # id; a Content-Length field named in lower case and one beyond 64 bits were both "holds
    # no HTTP response" (fastwarc read no length and took the block's start for the body)
    recs = [_hand_record(i) for i in range(3)]
    no_type = [recs[0], recs[1].replace(b"WARC-Type: response\r\n", b""), recs[2]]
    lower = [recs[0], recs[1].replace(b"Content-Length:", b"content-length:"), recs[2]]
    n = int(re.search(rb"Content-Length: (\d+)", recs[1]).group(1))  # type: ignore[union-attr]
    huge = [recs[0], recs[1].replace(b"Content-Length: %d" % n, b"Content-Length: 99999999999999999999"), recs[2]]
    for name, parts, want in (("t", no_type, "a record with no WARC-Type header"), ("l", lower, None),
                              ("h", huge, "a malformed Content-Length '99999999999999999999'")):
        path = tmp_path / f"{name}.warc"
        path.write_bytes(b"".join(parts))
        got = list(read_warc(path, max_bytes=MB))
        assert [r.url for r in got] == [f"http://a.org/{i}" for i in range(3)], name
        assert [r.error for r in got] == [None, None if want is None else "unreadable", None], name
        assert got[1].id == "urn:uuid:1" and (want is None or want in (got[1].error_detail or "")), name


def test_a_damaged_gzip_member_of_a_jsonl_file_costs_its_records_only(tmp_path: Path) -> None:
    # a .jsonl.gz of many members (shards concatenated, a member a record): the records of the
    # members after a damaged one were lost, one `unreadable` standing for them all
    import json

    lines = [json.dumps({"id": f"r{i}", "text": f"record {i}"}).encode() + b"\n" for i in range(12)]
    members = [gzip.compress(x) for x in lines]
    members[4] = members[4][:15] + b"\x00" * 20 + members[4][35:]
    path = tmp_path / "m.jsonl.gz"
    path.write_bytes(b"".join(members))
    got = list(read_jsonl(path, max_bytes=MB))
    assert [r.id for r in got if r.error is None] == [f"r{i}" for i in range(12) if i != 4]
    bad = [r for r in got if r.error is not None]
    assert bad and all(r.error in ("unreadable", "bad-json") for r in bad)
    assert any("gzip member damaged" in (r.error_detail or "") for r in bad)
    # a whole file reads as before, and a cut one is still truncated-input
    path.write_bytes(b"".join(gzip.compress(x) for x in lines))
    assert [r.id for r in read_jsonl(path, max_bytes=MB)] == [f"r{i}" for i in range(12)]
    whole = gzip.compress(b"".join(lines))
    path.write_bytes(whole[: len(whole) // 2])
    assert list(read_jsonl(path, max_bytes=MB))[-1].error == "truncated-input"


def test_a_damaged_zstd_frame_costs_its_records_only(tmp_path: Path) -> None:
    # as a gzip member: a .jsonl.zst or .warc.zst of a frame a record lost every record after a
    # damaged frame (the frame cut short read the next frames as its own blocks)
    import json

    zstandard = pytest.importorskip("zstandard")
    comp = zstandard.ZstdCompressor()
    lines = [json.dumps({"id": f"r{i}", "text": f"record {i} " * 20}).encode() + b"\n" for i in range(12)]
    frames = [comp.compress(x) for x in lines]
    frames[4] = frames[4][:20]
    path = tmp_path / "m.jsonl.zst"
    path.write_bytes(b"".join(frames))
    got = list(read_jsonl(path, max_bytes=MB))
    assert [r.id for r in got if r.error is None] == [f"r{i}" for i in range(12) if i != 4]
    assert any("zstd frame damaged" in (r.error_detail or "") for r in got if r.error)
    recs = [comp.compress(r) for r in _fixed_six()]
    recs[2] = recs[2][:30]
    path = tmp_path / "m.warc.zst"
    path.write_bytes(b"".join(recs))
    got = list(read_warc(path, max_bytes=MB))
    assert [r.url for r in got if r.error is None] == [f"http://a.org/{i}" for i in (0, 1, 3, 4, 5)]
    # a whole file is read as it was; a cut one is still truncated-input
    path.write_bytes(b"".join(comp.compress(r) for r in _fixed_six()))
    assert [r.url for r in read_warc(path, max_bytes=MB)] == [f"http://a.org/{i}" for i in range(6)]
    whole = comp.compress(b"".join(lines))
    path = tmp_path / "cut.jsonl.zst"
    path.write_bytes(whole[: len(whole) // 2])
    assert list(read_jsonl(path, max_bytes=MB))[-1].error == "truncated-input"


def test_an_arc_record_lost_to_a_wrong_length_or_junk_is_said(tmp_path: Path) -> None:
    # a declared length 200 bytes too long swallowed the next record's start, and warcio read
    # past its rest: 4 pages in, 3 out, no rejection; junk between records ended the reading,
    # the records after it in neither file
    head = (b"filedesc://x.arc 0.0.0.0 20200101000000 text/plain", b"1 0 Test\nURL IP-address Archive-date Content-type Archive-length\n")
    pages = [(b"http://a.org/%d 1.2.3.4 20200101000000 text/html" % i,
              b"HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n" + synth.page_html(i).encode()) for i in range(4)]
    recs = _arc(head, *pages)
    recs[2] = recs[2].replace(b" %d\n" % len(pages[1][1]), b" %d\n" % (len(pages[1][1]) + 200), 1)
    (tmp_path / "long.arc").write_bytes(b"".join(recs))
    got = list(read_warc(tmp_path / "long.arc", max_bytes=MB))
    assert [(r.url, r.error) for r in got] == [("http://a.org/0", None), ("http://a.org/1", "truncated-input"),
                                               ("http://a.org/2", "unreadable"), ("http://a.org/3", None)]
    assert [r.position for r in got] == list(range(4)) and len({r.id for r in got}) == 4
    recs = _arc(head, *pages)
    (tmp_path / "junk.arc").write_bytes(b"".join(recs[:3]) + b"junk that is no record\n" * 3 + b"".join(recs[3:]))
    got = list(read_warc(tmp_path / "junk.arc", max_bytes=MB))
    assert [r.url for r in got if r.error is None][:2] == ["http://a.org/0", "http://a.org/1"]
    assert {"http://a.org/2", "http://a.org/3"} <= {r.url for r in got}  # given, or rejected by name
    assert len({r.id for r in got}) == len(got)



def test_a_whole_arc_file_gets_no_false_rejections(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # the header scan took a page's line that reads as an ARC header, the lines of a version 2
    # file (ten fields) and a Latin-1 URL for records lost: good files got rejections. A whole
    # file is not scanned at all (the scan is for damage: it read every file twice)
    from boilerstrip.io import warc_reader

    def no_scan(p: str) -> list[str]:
        raise AssertionError("a whole ARC file was scanned")

    monkeypatch.setattr(warc_reader, "_arc_heads", no_scan)
    page = (b"HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body><pre>\n"
            b"http://a.org/2 10.0.0.1 20240101120000 text/html 1234\n</pre>" + synth.page_html(1).encode() + b"</body></html>")
    head = (b"filedesc://x.arc 0.0.0.0 20200101000000 text/plain", b"1 0 Test\nURL IP-address Archive-date Content-type Archive-length\n")
    recs = _arc(head, (b"http://a.org/1 1.2.3.4 20200101000000 text/html", page),
                (b"http://a.org/caf\xe9 1.2.3.4 20200101000000 text/html", page),
                (b"http://a.org/2 1.2.3.4 20200101000000 text/html", page))
    (tmp_path / "a.arc").write_bytes(b"".join(recs))
    got = list(read_warc(tmp_path / "a.arc", max_bytes=MB))
    assert [(r.url, r.error) for r in got] == [("http://a.org/1", None), ("http://a.org/caf\xe9", None), ("http://a.org/2", None)]
    v2 = [(b"filedesc://x.arc 0.0.0.0 20200101000000 text/plain 200 - - 0 x.arc",
           b"1 1 Test\nURL IP-address Archive-date Content-type Result-code Checksum Location Offset Filename Archive-length\n")]
    v2 += [(b"http://a.org/%d 1.2.3.4 20200101000000 text/html 200 abc - 0 x.arc" % i, page) for i in range(3)]
    (tmp_path / "v2.arc").write_bytes(b"".join(_arc(*v2)))
    got = list(read_warc(tmp_path / "v2.arc", max_bytes=MB))
    assert [(r.url, r.error) for r in got] == [(f"http://a.org/{i}", None) for i in range(3)]


def test_a_page_about_warc_and_lf_http_headers_are_read(tmp_path: Path) -> None:
    # a page that shows a WARC record in a <pre> was taken for a record cut short, and its
    # "record" rejected as junk; HTTP headers of bare LFs under CRLF WARC headers made the
    # whole block fastwarc's status line: an empty page
    shown = b"<p>A record looks like this:</p><pre>\r\nWARC/1.0\r\nWARC-Type: response\r\nContent-Length: 10\r\n</pre>"
    pages = [synth.page_html(i).encode().replace(b"</article>", shown + b"</article>") for i in range(3)]
    recs = []
    for i, page in enumerate(pages):
        nl = b"\n" if i == 1 else b"\r\n"
        recs.append(_hand_record(i, block=b"HTTP/1.1 200 OK" + nl + b"Content-Type: text/html" + nl + nl + page))
    path = tmp_path / "p.warc"
    path.write_bytes(b"".join(recs))
    got = list(read_warc(path, max_bytes=MB))
    assert [(r.url, r.error, r.kind) for r in got] == [(f"http://a.org/{i}", None, "html") for i in range(3)]
    assert [r.data for r in got] == pages
