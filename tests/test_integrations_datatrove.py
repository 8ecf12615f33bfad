"""datatrove: a real pipeline (JSONL reader, the boilerstrip step, JSONL writer) run by
datatrove's LocalPipelineExecutor in a temporary folder. Skipped without datatrove."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("datatrove")

import boilerstrip  # noqa: E402
from datatrove.executor import LocalPipelineExecutor  # noqa: E402
from datatrove.pipeline.readers import JsonlReader  # noqa: E402
from datatrove.pipeline.writers import JsonlWriter  # noqa: E402

from boilerstrip.integrations.datatrove import BoilerstripStep  # noqa: E402
from integration_corpus import HTML_PAGE, SEEDS  # noqa: E402

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning", "ignore::ResourceWarning")


def _write_input(folder: Path, rows: list[dict]) -> None:
    folder.mkdir(parents=True)
    with open(folder / "part.jsonl", "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r) + "\n")


def _run(tmp: Path, step: BoilerstripStep, rows: list[dict], exclusion: bool = False) -> tuple[list[dict], dict]:
    _write_input(tmp / "in", rows)
    if exclusion:
        step.exclusion_writer = JsonlWriter(str(tmp / "excluded"), compression=None)
    LocalPipelineExecutor(
        pipeline=[JsonlReader(str(tmp / "in")), step, JsonlWriter(str(tmp / "out"), compression=None)],
        tasks=1,
        logging_dir=str(tmp / "logs"),
    ).run()
    out = [json.loads(line) for p in sorted((tmp / "out").glob("*.jsonl")) for line in open(p, encoding="utf-8")]
    stats = json.loads((tmp / "logs" / "stats.json").read_text())
    step_stats = next(s["stats"] for s in stats if "boilerstrip" in s["name"])
    # datatrove stores a plain count as a number and a measured value as {"total": ...}
    return out, {k: v["total"] if isinstance(v, dict) else v for k, v in step_stats.items()}


def test_pipeline_cleans_text_and_drops_rejects(tmp_path: Path) -> None:
    seeds = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    rows = [
        {"id": "a", "text": seeds[0], "url": "https://example.org/a", "date": "2024-05-01"},
        {"id": "b", "text": " \n\t\n"},  # blank: rejected as empty-input
        {"id": "c", "text": seeds[1]},
        {"id": "d", "text": "Read more"},  # too short for min_words
    ]
    out, stats = _run(tmp_path, BoilerstripStep(batch_size=2, options={"min_words": 5}), rows, exclusion=True)
    assert [d["id"] for d in out] == ["a", "c"]
    want = boilerstrip.clean_text(seeds[0], url="https://example.org/a", id="a")
    assert out[0]["text"] == want.text
    meta = out[0]["metadata"]
    assert meta["date"] == "2024-05-01"  # the source's metadata is kept as it was
    assert meta["boilerstrip"]["language"] == want.language
    assert meta["boilerstrip"]["stats"]["lines_dropped"] == want.reason_counts
    assert meta["boilerstrip"]["hashes"]["text"] == want.hashes["text"]
    assert stats["total"] == 4 and stats["forwarded"] == 2 and stats["dropped"] == 2
    reasons = {k: v for k, v in stats.items() if k.startswith("dropped_")}
    assert reasons == {"dropped_empty-input": 1, "dropped_too-short": 1}
    lines = {k[len("lines_dropped_"):]: v for k, v in stats.items() if k.startswith("lines_dropped_")}
    expected_lines = dict(want.reason_counts)
    for r, n in boilerstrip.clean_text(seeds[1], id="c").reason_counts.items():
        expected_lines[r] = expected_lines.get(r, 0) + n
    assert lines == expected_lines
    excluded = [json.loads(line) for p in (tmp_path / "excluded").glob("*.jsonl") for line in open(p, encoding="utf-8")]
    assert sorted((d["id"], d["metadata"]["filter_reason"]) for d in excluded) == [("b", "empty-input"), ("d", "too-short")]


def test_pipeline_cleans_html_from_a_metadata_field(tmp_path: Path) -> None:
    rows = [{"id": "p", "text": "placeholder", "html": HTML_PAGE, "url": "https://town.example/park"}]
    out, stats = _run(tmp_path, BoilerstripStep(html_key="html", mode="html", metadata_key=None), rows)
    assert len(out) == 1
    doc = out[0]
    want = boilerstrip.clean_html(HTML_PAGE, url="https://town.example/park")
    assert doc["text"] == want.text and "riverside park" in doc["text"]
    assert "Home" not in doc["text"] and "All rights reserved" not in doc["text"]
    assert "html" not in doc["metadata"]  # the page is not carried along once cleaned
    assert doc["metadata"]["url"] == "https://town.example/park"  # flat merge keeps existing keys
    assert doc["metadata"]["title"] == want.title and doc["metadata"]["format"] == "html"
    assert stats["forwarded"] == 1 and "dropped" not in stats


def test_step_rejects_bad_mode() -> None:
    with pytest.raises(ValueError):
        BoilerstripStep(mode="pdf")



@pytest.mark.parametrize("size", [0, -1, 2.5, "8", True])
def test_step_rejects_a_bad_batch_size_when_made(size: object) -> None:
    # it was taken, and the pipeline failed inside its run ("n must be at least one")
    with pytest.raises((TypeError, ValueError), match="batch_size"):
        BoilerstripStep(batch_size=size)  # type: ignore[arg-type]

def test_a_url_that_is_not_text_drops_that_document_only(tmp_path: Path) -> None:
    seeds = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    rows = [{"id": "a", "text": seeds[0], "url": 12345}, {"id": "b", "text": seeds[1], "url": "https://example.org/b"}]
    out, stats = _run(tmp_path, BoilerstripStep(), rows, exclusion=True)
    assert [d["id"] for d in out] == ["b"]
    assert stats["dropped_wrong-type"] == 1 and stats["forwarded"] == 1


@pytest.mark.parametrize("mode", ["auto", "text"])
def test_an_id_that_json_gives_as_a_number_is_taken_as_the_other_integrations_take_it(tmp_path: Path, mode: str) -> None:
    # JsonlReader gives a JSON number id as a float: mode "text" raised InputError out of run()
    seeds = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    rows = [{"id": 7, "text": seeds[0]}, {"id": 2.5, "text": seeds[1]}]
    out, stats = _run(tmp_path, BoilerstripStep(mode=mode), rows)
    assert [d["id"] for d in out] == [7, 2.5] and stats["forwarded"] == 2


def test_the_exclusion_writer_takes_every_rejected_document(tmp_path: Path) -> None:
    # a text that is no str, or holds a lone surrogate, was handed on as it was: the JSONL
    # writer raised (TypeError, "str is not valid UTF-8") and the step stopped, losing the rest
    from datatrove.data import Document

    seed = next(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
    step = BoilerstripStep(exclusion_writer=JsonlWriter(str(tmp_path / "excluded"), compression=None))
    docs = [Document(text=t, id=f"bad{i}") for i, t in enumerate([None, 7, b"\x00\x01\x02\x03", "\ud800"])]  # type: ignore[arg-type]
    out = list(step.run(iter([*docs, Document(text=seed, id="good")])))
    assert [d.id for d in out] == ["good"]
    excluded = [json.loads(line) for p in sorted((tmp_path / "excluded").glob("*.jsonl")) for line in open(p, encoding="utf-8")]
    assert [d["id"] for d in excluded] == ["bad0", "bad1", "bad2", "bad3"]
    assert excluded[0].get("text", "") == "" and excluded[0]["metadata"]["filter_detail"] == "the text was a NoneType"
    assert all(d["metadata"]["filter_reason"] for d in excluded)


def test_a_rejected_page_under_html_key_is_written_whatever_it_holds(tmp_path: Path) -> None:
    # the page itself (metadata[html_key]) reached the JSONL writer as given: a lone surrogate
    # in it raised, the step stopped, and the good document after it was lost
    from datatrove.data import Document

    step = BoilerstripStep(html_key="html", keep_html=True,
                           exclusion_writer=JsonlWriter(str(tmp_path / "excluded"), compression=None))
    docs = [Document(text="", id="bad", metadata={"html": "<p>***\ud800</p>", "note": ["\udfff"]}),
            Document(text="", id="good", metadata={"html": "<p>The council approved the new park on Monday after a "
                                                           "long debate about its cost.\ud800</p>"})]
    out = list(step.run(iter(docs)))
    assert [d.id for d in out] == ["good"]
    assert "\ud800" not in out[0].metadata["html"]  # kept with the page, and writable too
    excluded = [json.loads(line) for p in sorted((tmp_path / "excluded").glob("*.jsonl")) for line in open(p, encoding="utf-8")]
    assert [(d["id"], d["metadata"]["html"], d["metadata"]["note"]) for d in excluded] == [
        ("bad", "<p>***\ufffd</p>", ["\ufffd"])]
