"""The library surface as the README documents it: Document, Options, the batch call."""

from __future__ import annotations

import copy
import json
import multiprocessing as mp
import pickle

import pytest

import boilerstrip
from boilerstrip import Document, Options
from boilerstrip.errors import InputError

PARA = "The council approved the new park on Monday after a long debate, and work will start in spring."
PAGE = f"Home | News\n\nBy John Smith\nMarch 3, 2024\n\n{PARA}\n\nShare this article\n\n{PARA.replace('park', 'road')}"
HTML = f"<html><head><title>Park</title></head><body><nav>Home</nav><article><p>{PARA}</p></article></body></html>"


def _record(d: Document) -> dict[str, object]:
    return d.to_dict(added="2026-01-01T00:00:00Z", include_lines=True)


@pytest.mark.parametrize("make", [
    lambda: boilerstrip.clean_text(PAGE, url="https://www.example.com/news/park"),
    lambda: boilerstrip.clean_html(HTML, url="https://example.com/a", options=Options(html_mode="fast")),
    lambda: boilerstrip.clean_text(""),
    lambda: Document(text="hand made", lines=[boilerstrip.Line(0, "hand made", True, "content", 1.0)]),
], ids=["text", "html", "rejected", "hand-made"])
def test_document_pickles_and_copies(make: object) -> None:
    # a multiprocessing pool returns its results pickled; the core's result object behind
    # the lazy lines could not be pickled, so `pool.map(clean_text, pages)` failed
    doc = make()  # type: ignore[operator]
    for back in (pickle.loads(pickle.dumps(doc)), copy.deepcopy(doc), copy.copy(doc)):
        assert _record(back) == _record(doc)
        assert back.reason_counts == doc.reason_counts and back.stats == doc.stats
        assert list(back.lines) == list(doc.lines) and len(back.lines) == len(doc.lines)


def test_documents_come_back_from_a_process_pool() -> None:
    with mp.get_context("spawn").Pool(1) as pool:
        docs = pool.map(boilerstrip.clean_text, [PAGE, "Home\n\nShare"])
    assert [_record(d) for d in docs] == [_record(boilerstrip.clean_text(p)) for p in (PAGE, "Home\n\nShare")]


@pytest.mark.parametrize("changes", [
    {"threshold": "0.5"}, {"threshold": True}, {"threshold": float("nan")},
    {"floor": float("nan")}, {"floor": 1.5}, {"floor": "0.3"}, {"floor": 0.3, "threshold": 0.5},
    {"include_comments": "false"}, {"include_comments": 1},
    {"max_bytes": 1.5}, {"max_bytes": "10"}, {"max_bytes": None}, {"max_bytes": True},
    {"max_lines": 2.5}, {"max_lines": 0},
    {"timeout": float("nan")}, {"timeout": "30"}, {"timeout": -1},
    {"min_words": 1.5}, {"min_words": None}, {"min_words": -1},
    {"fixed_point": 0}, {"fixed_point": "false"},
    # beyond 64 bits: accepted, then a bare OverflowError inside clean_text (max_bytes and
    # min_words are compared in Python: any size is no limit)
    {"max_lines": 2**64},
])
def test_options_reject_wrong_types_and_values(changes: dict[str, object]) -> None:
    # a dict of options from a config file or a Ray/datatrove job ({"include_comments":
    # "false"}) was taken as it was: comments kept, a float byte limit, a NaN time limit
    with pytest.raises((TypeError, ValueError), match=next(iter(changes))):
        Options(**changes)  # type: ignore[arg-type]


def test_options_accept_ints_for_floats_and_no_time_limit() -> None:
    assert Options(threshold=1, timeout=5).timeout == 5
    assert Options(max_bytes=10**30).max_bytes == 10**30


@pytest.mark.parametrize("timeout", [float("inf"), 1e12, 3e6])
def test_a_very_long_html_time_limit_works(timeout: float) -> None:
    # the worker's answer was awaited with poll(timeout), which overflows past ~24 days:
    # every HTML page failed with OverflowError
    doc = boilerstrip.clean_html(HTML, options=Options(timeout=timeout))
    assert PARA in doc.text and doc.stats["mode"] == "default" and "fallback" not in doc.extra


def test_single_pass_is_the_first_pass_of_the_fixed_point() -> None:
    from boilerstrip import _core
    from test_seeds import SEED0, SEED1  # the seed pages: real chrome to peel

    for text in [SEED0.read_text(), SEED1.read_text(), PAGE]:
        one = boilerstrip.clean_text(text, options=Options(fixed_point=False))
        fixed = boilerstrip.clean_text(text)
        assert one.stats["passes"] == 1 and one.text == _core.clean_text(text, fixpoint=False).text
        assert one.text == boilerstrip.clean_text_batch([text], options=Options(fixed_point=False))[0].text
        # each later pass only drops lines: the fixed point keeps a subset of the first pass's lines
        kept_one = {ln.number for ln in one.lines if ln.kept}
        assert {ln.number for ln in fixed.lines if ln.kept} <= kept_one
    assert fixed.stats["passes"] >= 1


def test_batch_takes_any_iterable_and_equals_single_calls() -> None:
    pages = [PAGE, "", PAGE.replace("\n", "\r"), "Home\n\nShare"]
    want = [_record(boilerstrip.clean_text(p, url=u)) for p, u in zip(pages, ["https://a.org/x", None, "junk", None])]
    got = boilerstrip.clean_text_batch((p for p in pages), urls=iter(["https://a.org/x", None, "junk", None]), threads=0)
    assert [_record(d) for d in got] == want


def test_batch_rejects_a_bare_string_and_negative_threads() -> None:
    # a str is a sequence of one-character "pages": a page passed where a list was meant
    with pytest.raises(boilerstrip.InputError, match="list"):
        boilerstrip.clean_text_batch(PAGE)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="threads"):
        boilerstrip.clean_text_batch([PAGE], threads=-1)
    # the message names only what was given (it said "and 2 ids" of ids never given)
    with pytest.raises(ValueError, match=r"^2 texts but 1 urls: one for each text$"):
        boilerstrip.clean_text_batch([PAGE, PAGE], urls=["https://a.example/x"])


_HEAD = "<head>" + "".join(f'<meta name="m{i}" content="{"x" * 50}">' for i in range(80)) + "</head>"
_BODY = f"<body><nav>Home</nav><article><p>{PARA}</p></article></body></html>"


@pytest.mark.parametrize("page", [
    "\ufeff<!DOCTYPE html><html>" + _HEAD + _BODY,  # a file read with encoding="utf-8" keeps its BOM
    f'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "x">\n<html>{_HEAD}{_BODY}',
    "<style>p { color: red }</style>\n<!DOCTYPE html>\n<html>" + _HEAD + _BODY,
    "<header><h1>Park</h1></header><main><p>" + PARA + "</p></main>",
], ids=["bom", "xml-declaration", "style-first", "html5-fragment"])
def test_clean_recognises_html_whose_head_is_long(page: str) -> None:
    # only tags of a short list counted, after no BOM or XML declaration: pages with a
    # long <head> of <meta> tags were cleaned as text, markup and all
    for raw in (page, page.encode("utf-8")):
        doc = boilerstrip.clean(raw, options=Options(html_mode="fast"))
        assert doc.source_format == "html" and doc.text.endswith(PARA) and "<" not in doc.text


@pytest.mark.parametrize("call", [
    lambda **kw: boilerstrip.clean_text(PAGE, **kw),
    lambda **kw: boilerstrip.clean_html(HTML, options=Options(html_mode="fast"), **kw),
    lambda **kw: boilerstrip.clean(HTML.encode(), options=Options(html_mode="fast"), **kw),
    lambda **kw: boilerstrip.clean_text_batch([PAGE], **{k + "s": [v] for k, v in kw.items()})[0],
], ids=["clean_text", "clean_html", "clean", "batch"])
def test_url_and_id_of_a_wrong_type_raise_input_error(call: object) -> None:
    # the README promises InputError for a wrong argument type: a non-str url failed deep in
    # the core with a bare TypeError, and an id of any type went into the record as it was
    for kw in ({"url": 5}, {"url": b"https://example.com/"}, {"id": ["a"]}, {"id": 1.5}):
        with pytest.raises(boilerstrip.InputError) as e:
            call(**kw)  # type: ignore[operator]
        assert e.value.reason == "wrong-type"
    assert call(id=42).to_dict()["id"] == "42"  # type: ignore[operator]  # numbered records, as the readers take them


def test_changing_a_returned_dict_does_not_change_the_document() -> None:
    # reason_counts handed out its cache: a caller's edit showed in stats and to_dict
    doc = boilerstrip.clean_text(PAGE)
    before = json.loads(json.dumps(_record(doc)))
    doc.reason_counts["navigation"] = 99
    doc.stats["lines_dropped"]["x"] = 1
    doc.hashes["lines"].append("0")
    assert _record(doc) == before


@pytest.mark.parametrize("call", [
    lambda o: boilerstrip.clean_text(PAGE, options=o),
    lambda o: boilerstrip.clean_text_batch([PAGE], options=o),
    lambda o: boilerstrip.clean(PAGE, options=o),
    lambda o: boilerstrip.clean_html(HTML, options=o),
    lambda o: list(boilerstrip.clean_corpus([PAGE], options=o)),
], ids=["clean_text", "batch", "clean", "clean_html", "clean_corpus"])
def test_options_none_means_the_defaults_and_a_dict_is_refused(call: object) -> None:
    assert call(None)  # type: ignore[operator]
    with pytest.raises(boilerstrip.InputError, match="options must be a boilerstrip.Options"):
        call({"threshold": 0.7})  # type: ignore[operator]


def test_a_url_or_id_with_a_lone_surrogate_is_mended_not_a_crash() -> None:
    doc = boilerstrip.clean_text(PARA, url="https://example.com/a\udc80b", id="x\ud800")
    assert doc.url == "https://example.com/a\ufffdb" and doc.id == "x\ufffd"
    json.dumps(doc.to_dict(), ensure_ascii=False).encode("utf-8")
    # a surrogate pair held as two code points is one character
    assert boilerstrip.clean_text(PARA, url="https://example.com/\ud83d\ude00").url == "https://example.com/\U0001f600"


def test_rejected_documents_without_an_id_do_not_share_one() -> None:
    # every rejected input without an id got the hash of the empty text as its id
    a = boilerstrip.clean_text("Share on Facebook\nShare on Twitter")  # no-content
    b = boilerstrip.clean_text("Accept cookies\nCookie settings")  # no-content
    blank = boilerstrip.clean_text(" \n\t")  # empty-input
    big = boilerstrip.clean_text("x " * 100, options=boilerstrip.Options(max_bytes=10))
    h = boilerstrip.clean_html(b"\x00\x01\x02binary" * 50)
    rejected = [a, b, blank, big, h]
    assert [d.rejected for d in rejected] == ["no-content", "no-content", "empty-input", "too-large", "binary-input"]
    assert len({d.id for d in rejected}) == len(rejected)
    # the same input gives the same id, and a kept document's id is still its clean text's hash
    assert boilerstrip.clean_text("Share on Facebook\nShare on Twitter").id == a.id
    kept = boilerstrip.clean_text("Home\n\nThe council approved the new riverside park on Monday after a long debate, and "
                                  "work will start in spring next year.\n")
    assert not kept.rejected and kept.id == f"{boilerstrip._core.hash_bytes(kept.text.encode()):016x}"
    batch = boilerstrip.clean_text_batch(["Share on Facebook\nShare on Twitter", "", "Accept cookies\nCookie settings"])
    assert [d.id for d in batch][::2] == [a.id, b.id] and batch[1].id not in (a.id, b.id)


def test_a_string_is_not_taken_for_a_list() -> None:
    # iterated, "Hello" was five documents, and urls="http://a.com" gave each text one letter
    from boilerstrip import clean_corpus, clean_text_batch
    from boilerstrip.dedup import Deduper

    with pytest.raises(InputError, match="docs must be"):
        list(clean_corpus("Hello"))
    with pytest.raises(InputError, match="urls must be a list"):
        clean_text_batch(["a text"] * 12, urls="http://a.com")
    with pytest.raises(InputError, match="ids must be a list"):
        clean_text_batch(["a text", "b text"], ids="ab")
    with pytest.raises(TypeError, match="urls must be a list"):
        Deduper().add(["a text", "b text"], urls="ab")


def test_a_bad_item_of_a_batch_is_named_by_its_index() -> None:
    from boilerstrip import clean_text_batch

    with pytest.raises(InputError, match=r"texts\[3\]: expected str, got NoneType"):
        clean_text_batch(["a text"] * 3 + [None] + ["a text"])  # type: ignore[list-item]


@pytest.mark.parametrize("changes", [{"site_template": "no"}, {"dedup_urls": "no"}, {"minhash": None},
                                     {"batch_size": 1.5}, {"template_min_docs": -1}])
def test_corpus_options_are_checked(changes: dict[str, object]) -> None:
    from boilerstrip.corpus import CorpusOptions

    with pytest.raises((TypeError, ValueError), match=next(iter(changes))):
        CorpusOptions(**changes)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="corpus must be"):
        list(boilerstrip.clean_corpus(["a text"], corpus=None))  # type: ignore[arg-type]


def test_wrong_argument_types_are_named() -> None:
    # each was an error of Python's own making ("'<' not supported", "dictionary update
    # sequence element #0 has length 1")
    from boilerstrip.integrations._rows import options_of

    for f in (boilerstrip.normalize_text, boilerstrip.dedup_key, boilerstrip.text_hash):
        with pytest.raises(InputError, match="expected str, got NoneType"):  # (the last two raised TypeError)
            f(None)  # type: ignore[arg-type]
    with pytest.raises(InputError, match="expected str or bytes, got NoneType"):  # (it takes bytes too)
        boilerstrip.clean_html(None)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="threads must be an integer"):
        boilerstrip.clean_text_batch(["a text"], threads=None)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="options must be an Options"):
        options_of("fast")  # type: ignore[arg-type]


def test_binary_data_is_binary_input_as_str_and_as_bytes() -> None:
    # a str of control characters (binary bytes decoded as Latin-1, say) was "no-content",
    # the same bytes "binary-input"
    junk = "\x00\x01\x02\x03\x89PNG" * 40
    for x in (junk, junk.encode("latin-1")):
        assert boilerstrip.clean(x).rejected == "binary-input"
    assert boilerstrip.clean_text_batch([junk])[0].rejected == "binary-input"
    assert boilerstrip.clean_html("<p>" + junk + "</p>").rejected == "binary-input"
    # a stray NUL or a few controls in text are not binary
    doc = boilerstrip.clean_text(PARA + "\x00\n" + PARA)
    assert doc.rejected is None and doc.text
    # random bytes, as compressed ones (gzip, say) are: 28 of 256 byte values are controls, a
    # hair over the old limit of 1 in 10, and 7 of 200 such blobs were kept as mojibake
    import gzip
    import random

    rng = random.Random(7)
    for _ in range(50):
        assert boilerstrip.clean(rng.randbytes(3000)).rejected == "binary-input"
    assert boilerstrip.clean(gzip.compress(PARA.encode() * 50)).rejected == "binary-input"
