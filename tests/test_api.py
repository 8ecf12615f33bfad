"""The library surface as the README documents it: Document, Options, the batch call."""

from __future__ import annotations

import copy
import multiprocessing as mp
import pickle

import pytest

import boilerstrip
from boilerstrip import Document, Options

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
