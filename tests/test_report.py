"""``boilerstrip report``: what it reads, what the page says, and (where Chromium is
installed) that a real browser renders it with the right counts and no script error."""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

from boilerstrip.cli import main
from boilerstrip.report import collect, output_parts, write_report
from integration_corpus import make_corpus


@pytest.fixture(scope="module")
def run_with_lines(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("report")
    src = make_corpus(tmp / "in")
    out = tmp / "out"
    assert main(["clean", str(src), "-o", str(out), "-q", "--include-lines"]) == 0
    return out


def _numbers(html: str) -> dict[str, str]:
    return dict(re.findall(r'data-count="([a-z_]+)" data-value="([^"]*)"', html))


def test_counts_match_the_run(run_with_lines: Path, tmp_path: Path) -> None:
    s = collect(run_with_lines)
    stats = json.loads((run_with_lines / "stats.json").read_text())
    assert (s.inputs, s.kept, s.rejected) == (stats["inputs"], stats["kept"], stats["rejected"]) == (8, 4, 4)
    assert dict(s.rejected_by_reason) == stats["rejected_by_reason"]
    assert dict(s.lines_dropped_by_reason) == stats["lines_dropped_by_reason"]
    assert s.mismatches() == [] and s.with_lines == 4
    html = write_report(run_with_lines, tmp_path / "r.html").read_text(encoding="utf-8")
    nums = _numbers(html)
    assert nums["inputs"] == "8" and nums["kept"] == "4" and nums["rejected"] == "4"
    assert nums["lines_dropped"] == str(sum(stats["lines_dropped_by_reason"].values()))
    # every reason of the run has its bar, with its count
    for reason, n in stats["lines_dropped_by_reason"].items():
        assert f'data-label="{reason}" data-value="{n}"' in html
    for reason, n in stats["rejected_by_reason"].items():
        assert f'data-label="{reason}" data-value="{n}"' in html


def test_counts_of_one_are_named_in_the_singular(tmp_path: Path) -> None:
    # one kept page and one rejected: the labels said "1 inputs rejected"
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("The council met on Monday and approved the park. " * 20)
    (src / "b.txt").write_text("")
    assert main(["clean", str(src), "-o", str(tmp_path / "out"), "-q"]) == 0
    html = write_report(tmp_path / "out", tmp_path / "r.html").read_text(encoding="utf-8")
    assert _numbers(html)["rejected"] == "1" and _numbers(html)["kept"] == "1"
    labels = re.findall(r'<div class="l">([^<]*)</div>', html)
    assert any(x.startswith("input rejected") for x in labels), labels
    assert any(x.startswith("document kept") for x in labels), labels
    assert _numbers(html)["inputs"] == "2" and "inputs" in labels


def test_dropped_lines_are_struck_through_with_reasons(run_with_lines: Path, tmp_path: Path) -> None:
    html = write_report(run_with_lines, tmp_path / "r.html").read_text(encoding="utf-8")
    assert 'id="no-lines"' not in html
    recs = [json.loads(line) for line in (run_with_lines / "documents.jsonl").read_text().splitlines()]
    dropped = [ln for r in recs for ln in r["metadata"]["lines"] if not ln[2] and ln[1]]
    assert dropped
    shown = re.findall(r'<div class="ln drop" data-r="([^"]+)">.*?<del>(.*?)</del>', html)
    assert len(shown) == len(dropped)  # 4 kept documents, all shown as samples
    assert {r for r, _ in shown} == {ln[3] for ln in dropped}


def test_without_lines_the_report_says_so(tmp_path: Path) -> None:
    src = make_corpus(tmp_path / "in")
    assert main(["clean", str(src), "-o", str(tmp_path / "out"), "-q"]) == 0
    html = write_report(tmp_path / "out", tmp_path / "r.html").read_text(encoding="utf-8")
    assert 'id="no-lines"' in html and "--include-lines" in html
    assert "<del>" not in html
    assert _numbers(html)["kept"] == "4"


def test_self_contained_and_deterministic(run_with_lines: Path, tmp_path: Path) -> None:
    a = write_report(run_with_lines, tmp_path / "a.html", samples=2).read_text(encoding="utf-8")
    b = write_report(run_with_lines, tmp_path / "b.html", samples=2).read_text(encoding="utf-8")
    assert a == b
    assert not re.search(r'<(script|img|iframe)[^>]+src=|<link[^>]+href=|@import|url\(\s*["\']?https?:', a, re.I)
    assert a.count('<details class="doc"') == 2
    # the two samples are the two of smallest rank among all four
    ids_all = re.findall(r'<details class="doc" data-id="([^"]+)"', write_report(run_with_lines, tmp_path / "c.html").read_text())
    assert re.findall(r'<details class="doc" data-id="([^"]+)"', a) == ids_all[:2]


def test_reads_sharded_compressed_outputs(run_with_lines: Path, tmp_path: Path) -> None:
    out = tmp_path / "sharded"
    out.mkdir()
    lines = (run_with_lines / "documents.jsonl").read_text().splitlines(keepends=True)
    (out / "documents-00000.jsonl").write_text("".join(lines[:2]))
    with gzip.open(out / "documents-00001.jsonl.gz", "wt") as f:
        f.write("".join(lines[2:3]))
    zstd = pytest.importorskip("zstandard")
    (out / "documents-00002.jsonl.zst").write_bytes(zstd.ZstdCompressor().compress("".join(lines[3:]).encode()))
    (out / "documents-00003.jsonl.tmp").write_text(lines[0])  # a part still being written
    shutil.copy(run_with_lines / "rejects.jsonl", out / "rejects-00000.jsonl")
    (out / "rejects-00001.jsonl").write_text('{"id": "x", "reason": "timeout"}\n{"id": "trunc')  # a torn last line
    assert [p.name for p in output_parts(out, "documents")] == [
        "documents-00000.jsonl", "documents-00001.jsonl.gz", "documents-00002.jsonl.zst"]
    s = collect(out)
    assert s.kept == 4 and s.rejected == 5 and s.rejected_by_reason["timeout"] == 1
    assert dict(s.bad_lines) == {"rejects-00001.jsonl": 1}
    html = write_report(out, tmp_path / "r.html").read_text()
    assert "that could not be read were skipped" in html


def test_stats_disagreement_is_shown(run_with_lines: Path, tmp_path: Path) -> None:
    out = tmp_path / "partial"
    shutil.copytree(run_with_lines, out)
    lines = (out / "documents.jsonl").read_text().splitlines(keepends=True)
    (out / "documents.jsonl").write_text("".join(lines[:1]))
    html = write_report(out, tmp_path / "r.html").read_text()
    assert "stats.json says kept = 4, the files hold 1" in html
    # a stats.json of valid JSON that is no object is no stats (it was an AttributeError)
    for junk in ("[1, 2]", "5", '"s"'):
        (out / "stats.json").write_text(junk)
        assert "stats.json says" not in write_report(out, tmp_path / "r.html").read_text()


def test_cli_report_command(run_with_lines: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    dest = tmp_path / "sub" / "report.html"
    assert main(["report", str(run_with_lines), "-o", str(dest), "--samples", "3", "--title", "Nightly run"]) == 0
    html = dest.read_text()
    assert "<title>Nightly run</title>" in html and html.count('<details class="doc"') == 3
    # a folder that does not exist is a bad argument; one with no output in it, a failed report
    assert main(["report", str(tmp_path / "nothing-here"), "-o", str(tmp_path / "x.html")]) == 2
    assert "no such folder" in capsys.readouterr().err
    (tmp_path / "empty").mkdir()
    assert main(["report", str(tmp_path / "empty"), "-o", str(tmp_path / "x.html")]) == 1
    assert "no documents" in capsys.readouterr().err
    # OUTPUT a folder, a FIFO or no name: a bad argument, and nothing written or replaced
    (tmp_path / "adir").mkdir()
    assert main(["report", str(run_with_lines), "-o", str(tmp_path / "adir")]) == 2
    assert not (tmp_path / "adir.tmp").exists()
    assert "not a regular file" in capsys.readouterr().err
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "fifo")
        assert main(["report", str(run_with_lines), "-o", str(tmp_path / "fifo")]) == 2
        assert stat.S_ISFIFO(os.lstat(tmp_path / "fifo").st_mode)
    assert main(["report", str(run_with_lines), "-o", ""]) == 2
    assert "needs a file name" in capsys.readouterr().err
    # a link is written through: its target gets the page, the link stays a link
    (tmp_path / "link.html").symlink_to(tmp_path / "target.html")
    assert main(["report", str(run_with_lines), "-o", str(tmp_path / "link.html"), "-q"]) == 0
    assert (tmp_path / "link.html").is_symlink() and "<html" in (tmp_path / "target.html").read_text()


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


@pytest.mark.skipif(_chromium() is None, reason="no Chromium here (apt-get install chromium)")
def test_renders_in_a_real_browser(run_with_lines: Path, tmp_path: Path) -> None:
    page = write_report(run_with_lines, tmp_path / "r.html")
    stats = json.loads((run_with_lines / "stats.json").read_text())
    proc = subprocess.run(
        [_chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--enable-logging=stderr", "--v=0",
         "--virtual-time-budget=3000", "--dump-dom", page.as_uri()],
        capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    dom = proc.stdout
    # the script ran to its end (it marks the page) and found the samples
    assert re.search(r'<html[^>]*data-ready="4"', dom), dom[:300]
    nums = _numbers(dom)
    assert (nums["inputs"], nums["kept"], nums["rejected"]) == (str(stats["inputs"]), str(stats["kept"]), str(stats["rejected"]))
    assert "Uncaught" not in proc.stderr and "SyntaxError" not in proc.stderr
    shot = tmp_path / "shot.png"
    subprocess.run([_chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                    "--window-size=1280,900", f"--screenshot={shot}", page.as_uri()],
                   capture_output=True, timeout=120, check=True)
    assert shot.stat().st_size > 20_000  # a rendered page, not a blank one


def test_hostile_records_are_escaped_not_executed(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    evil = "<script>alert(1)</script>"
    rec = {"id": evil, "text": evil, "metadata": {"title": evil, "url": evil, "language": evil,
           "stats": {"words_in": evil, "words_out": 3, "lines_in": "x", "lines_dropped": {evil: 2, "navigation": "many"}},
           "lines": [[evil, evil, False, evil, 0.1], [1, "kept line", True, "content", 0.9]]}}
    (out / "documents.jsonl").write_text(json.dumps(rec) + "\n")
    (out / "rejects.jsonl").write_text(json.dumps({"id": evil, "reason": evil, "detail": evil, "path": evil}) + "\n")
    html = write_report(out, tmp_path / "r.html").read_text()
    assert html.count("<script>") == 1  # the report's own script, nothing from the records
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    s = collect(out)
    assert s.lines_dropped_by_reason == {evil: 2, "navigation": 0} and s.words_in == [0]


@pytest.mark.parametrize("bad", [
    {"id": "a", "text": "some kept text", "metadata": "not an object"},
    {"id": "b", "text": "some kept text", "metadata": {"lines": 5, "stats": "x"}},
    {"id": "c", "text": 42, "metadata": {"lines": {"1": "x"}, "stats": {"lines_dropped": {"navigation": 1}}}},
    {"id": "d", "text": None, "metadata": None},
])
def test_records_of_the_wrong_shape_are_reported_not_crashed_on(tmp_path: Path, bad: dict) -> None:
    # a report is read from files anyone may have edited: a field of the wrong JSON type is
    # shown as missing, never an exception
    out = tmp_path / "out"
    out.mkdir()
    good = {"id": "ok", "text": "a kept line", "metadata": {"lines": [[0, "a kept line", True, "content", 0.9]]}}
    (out / "documents.jsonl").write_text(json.dumps(bad) + "\n" + json.dumps(good) + "\n")
    html = write_report(out, tmp_path / "r.html").read_text()
    assert "a kept line" in html


def test_numbers_out_of_range_and_lines_too_long_are_reported_not_crashed_on(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                             capsys: pytest.CaptureFixture[str]) -> None:
    # 1e400 (infinite) and -1e308 counts ended in OverflowError; a line of gigabytes (a zstd bomb
    # named like a part) in MemoryError; --samples -1 in IndexError
    from boilerstrip import report

    out = tmp_path / "out"
    out.mkdir()
    good = json.dumps({"id": "ok", "text": "a kept line", "metadata": {"stats": {"words_in": 3, "words_out": 3}}})
    odd = [f'{{"id": "n{i}", "text": "x", "metadata": {{"stats": {{"words_in": 1, "words_out": {v}}}}}}}' for i, v in enumerate(["1e400", "-1e308", "1e20"])]
    (out / "documents.jsonl").write_text("\n".join([good, *odd, "x" * 5000, good]) + "\n")
    monkeypatch.setattr(report, "_LINE_CAP", 1000)
    s = collect(out)
    assert s.words_out == [3, 0, 0, 0, 3] and sum(s.bad_lines.values()) == 1
    assert "a kept line" in write_report(out, tmp_path / "r.html").read_text()
    # stats.json's run time too (its float() raised OverflowError)
    for secs in ("1" + "0" * 400, "-5", "true", "NaN"):
        (out / "stats.json").write_text(f'{{"seconds": {secs}}}')
        assert "run took" not in write_report(out, tmp_path / "r.html").read_text()
    (out / "stats.json").write_text('{"seconds": 2.5}')
    assert "run took 2.5 s" in write_report(out, tmp_path / "r.html").read_text()
    with pytest.raises(SystemExit) as e:
        main(["report", str(out), "-o", str(tmp_path / "r2.html"), "--samples", "-1"])
    assert e.value.code == 2 and "0 or more" in capsys.readouterr().err


@pytest.mark.parametrize("fmt", ["parquet", "txt"])
def test_reads_parquet_and_txt_outputs(run_with_lines: Path, tmp_path: Path, fmt: str) -> None:
    # a run written with --format parquet or txt used to be reported as 0 kept, all rejected
    if fmt == "parquet":
        pytest.importorskip("pyarrow")
    src = make_corpus(tmp_path / "in")
    out = tmp_path / fmt
    assert main(["clean", str(src), "-o", str(out), "-q", "--include-lines", "--format", fmt]) == 0
    want, got = collect(run_with_lines), collect(out)
    assert (got.kept, got.rejected) == (want.kept, want.rejected) and got.kept > 0
    assert got.lines_dropped_by_reason == want.lines_dropped_by_reason
    assert got.words_out == want.words_out and got.with_lines == want.with_lines
    assert not got.mismatches() and not got.bad_lines


def test_damaged_parts_are_counted_not_crashed_on(run_with_lines: Path, tmp_path: Path) -> None:
    out = tmp_path / "damaged"
    out.mkdir()
    lines = (run_with_lines / "documents.jsonl").read_bytes().splitlines(keepends=True)
    whole = gzip.compress(b"".join(lines[1:]))
    (out / "documents-00000.jsonl.gz").write_bytes(whole[: len(whole) // 2])  # a cut download
    (out / "documents-00001.jsonl").write_bytes(lines[0] + b'{"id": "\xff\xfe"}\n')  # not UTF-8
    s = collect(out)
    assert s.kept >= 1 and dict(s.bad_lines) == {"documents-00000.jsonl.gz": 1, "documents-00001.jsonl": 1}
    assert "that could not be read were skipped" in write_report(out, tmp_path / "r.html").read_text()


def test_duplicates_are_counted_apart_as_stats_json_does(tmp_path: Path) -> None:
    # a repeated id is a duplicate in stats.json, not a rejection; the report used to count it
    # as rejected (and added stats.json's duplicates to its rejected to compare them)
    body = "This is a sentence of the article body, long enough to be kept by the cleaner. " * 4
    recs = [{"id": "a", "text": body}, {"id": "a", "text": body + " Again."}, {"id": "b", "text": ""}]
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in recs), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["clean", str(src), "-o", str(out), "-q"]) == 0
    stats = json.loads((out / "stats.json").read_text())
    assert (stats["kept"], stats["rejected"], stats["duplicates"]) == (1, 1, 1)
    s = collect(out)
    assert (s.inputs, s.kept, s.rejected, s.duplicates) == (3, 1, 1, 1)
    assert dict(s.duplicates_by_reason) == stats["duplicates_by_reason"] == {"duplicate-id": 1}
    assert dict(s.rejected_by_reason) == stats["rejected_by_reason"]
    assert s.mismatches() == []
    nums = _numbers(write_report(out, tmp_path / "r.html").read_text(encoding="utf-8"))
    assert (nums["inputs"], nums["kept"], nums["rejected"], nums["duplicates"]) == ("3", "1", "1", "1")


def test_report_without_pyarrow_unfinished_runs_and_its_own_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    import builtins
    import sys

    out = tmp_path / "out"
    make_corpus(tmp_path / "in")
    assert main(["clean", str(tmp_path / "in"), "-o", str(out), "-q"]) == 0
    # without pyarrow installed, every report failed ("pyarrow.parquet is needed"), Parquet parts or not
    real_import = builtins.__import__

    def no_pyarrow(name: str, *args: object, **kw: object) -> object:
        if name.startswith("pyarrow"):
            raise ImportError(f"No module named {name!r}")
        return real_import(name, *args, **kw)

    with monkeypatch.context() as m:
        for mod in [k for k in sys.modules if k.startswith("pyarrow")]:
            m.delitem(sys.modules, mod)
        m.setattr(builtins, "__import__", no_pyarrow)
        html = write_report(out, tmp_path / "r.html").read_text(encoding="utf-8")
    assert "did not finish" not in html
    # -o onto the run's own documents replaced them with the page
    before = (out / "documents.jsonl").read_bytes()
    assert main(["report", str(out), "-o", str(out / "documents.jsonl")]) == 2
    assert "write the report elsewhere" in capsys.readouterr().err
    assert (out / "documents.jsonl").read_bytes() == before
    assert main(["report", str(out), "-o", str(out / "report.html"), "-q"]) == 0  # a page of its own beside them is fine
    # an interrupted run (no stats.json, its state left) is said to be unfinished
    (out / "stats.json").unlink()
    assert "did not finish" in write_report(out, tmp_path / "r2.html").read_text(encoding="utf-8")
    # a count that is not a number: said so, not "invalid _count value"
    with pytest.raises(SystemExit):
        main(["report", str(out), "-o", str(tmp_path / "r3.html"), "--samples", "abc"])
    assert "must be a whole number" in capsys.readouterr().err
