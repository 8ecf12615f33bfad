"""The hostile-input suite (issue 7): every hostile case is generated here, in a temporary
folder, and `boilerstrip clean` runs over all of them at once. For each case: the run
finishes, the bad record is in the rejects with its reason, the good records around it are
intact, every input is accounted for, and wall time and memory stay within bounds.

The bounds are guarantees, not speed goals: they are several times what a run takes on a
busy 2-core machine, and far below what an unbounded read of the hostile inputs would cost
(the gzip bomb alone inflates to 2 GiB, the 50 MB line and the JSONL bomb to more).

`tests/README.md` lists each case, the guarantee and the limits with their defaults.

HTML cases need the trained HTML model for their outcome (kept or dropped lines); without it
the CLI rejects them with a reason, which is all this suite asserts of them at the CLI level.
The Rust HTML pass itself is checked below with a small stand-in model.
"""

from __future__ import annotations

import base64
import gzip
import json
import os
import random
import subprocess
import sys
import time
import zlib
from pathlib import Path
from typing import Any

import pytest
import synth

from boilerstrip import CoreError, Options, _core, clean_html, clean_text
from boilerstrip.html import decode_html
from boilerstrip.io.txt_writer import read_txt_records

MB = 1 << 20
DEFAULTS = Options()

#: Upper bounds of the one CLI run over the hostile corpus (measured: about 25-35 s and
#: 1.1 GB peak RSS on the 2-core dev machine, under load). The memory bound follows from the
#: limits: one document of at most ``max_lines`` lines (about 1 KB each in the line pass) per
#: worker, plus inputs read at most ``max_bytes + 1`` at a time.
RUN_SECONDS = 150
RUN_MAX_RSS_BYTES = 2560 * MB

#: Runs the CLI in a child and prints the peak RSS of its process tree (the largest
#: process: the runner or one of its workers), so that this test's own memory does not count.
_MEASURE = (
    "import resource, subprocess, sys\n"
    "r = subprocess.run(sys.argv[1:])\n"
    "print('maxrss_kb', resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)\n"
    "sys.exit(r.returncode)\n"
)


def _gzip_bomb(path: Path, decompressed: int, *, prefix: bytes = b"", suffix: bytes = b"", fill: bytes = b"\0") -> Path:
    """A small .gz that inflates to about ``decompressed`` bytes: one compressed member of
    256 MiB repeated (gzip members concatenate), made without ever holding the whole."""
    chunk = 256 * MB
    c = zlib.compressobj(9, zlib.DEFLATED, 31)
    block = fill * MB
    member = bytearray(c.compress(b""))
    for _ in range(chunk // MB):
        member += c.compress(block)
    member += c.flush()
    with open(path, "wb") as f:
        if prefix:
            f.write(gzip.compress(prefix))
        for _ in range(max(1, decompressed // chunk)):
            f.write(member)
        if suffix:
            f.write(gzip.compress(suffix))
    return path


def _good(i: int) -> str:
    return synth.page_text(900 + i)


def build_hostile_corpus(root: Path) -> dict[str, Any]:
    """Write every hostile case below ``root``; returns what the tests expect of them."""
    pages = root / "pages"
    pages.mkdir(parents=True)
    rng = random.Random(7)

    (pages / "00_good.txt").write_text(_good(0))
    (pages / "01_empty.txt").write_bytes(b"")
    (pages / "02_blank.txt").write_bytes(b" \n\t\r\n   \n\n")
    (pages / "03_random.txt").write_bytes(rng.randbytes(256 * 1024))
    # NULs and control characters sprinkled through real text (under 1 % NUL: still text)
    noisy = "".join(c + ("\x00" if k % 400 == 399 else "\x07" if k % 301 == 300 else "") for k, c in enumerate(_good(4)))
    (pages / "04_nul_controls.txt").write_text(noisy)
    accented = "\nThe café served crème brûlée on the façade terrace, said the garçon to the naïve visitor.\n"
    (pages / "05_cp1252.txt").write_bytes((_good(5) + accented).encode("cp1252"))
    (pages / "06_mixed.txt").write_bytes(_good(6).encode() + accented.encode() + accented.encode("latin-1"))
    # the mojibake sentence goes after the article's first paragraph, where a reader would keep
    # it: the test is about the bytes, not about what the model keeps at the edges of a page
    lines7 = _good(7).split("\n")
    first_para = next(k for k, ln in enumerate(lines7) if len(ln.split()) > 12)
    lines7.insert(first_para + 1, accented.strip("\n").encode().decode("latin-1"))
    (pages / "07_mojibake.txt").write_text("\n".join(lines7))
    with open(pages / "08_line_50mb.txt", "wb") as f:  # one 50 MB line, written in pieces
        piece = b"word " * (MB // 5)
        for _ in range(50):
            f.write(piece)
    (pages / "10_too_many_lines.txt").write_text("a\n" * (DEFAULTS.max_lines + 1))
    _gzip_bomb(pages / "11_bomb.txt.gz", 2 * 1024 * MB)
    whole = gzip.compress(_good(12).encode() * 20)
    (pages / "12_cut.txt.gz").write_bytes(whole[: len(whole) // 2])
    with open(os.fsencode(str(pages)) + b"/13_n\xe4me.txt", "wb") as f:  # not UTF-8
        f.write(_good(13).encode())
    os.symlink("14_loop.txt", pages / "14_loop.txt")  # a symlink to itself
    (pages / "15_up").symlink_to(root)  # a folder loop
    # HTML: wrong declared charset, 10,000 levels deep, 100,000 paragraphs, a 20 MB text
    # node (over max_bytes), huge attributes
    (pages / "20_wrong_charset.html").write_bytes(
        ("<html><head><meta charset='utf-8'><title>Caf\u00e9</title></head><body><article><p>"
         + accented + "</p></article></body></html>").encode("cp1252"))
    (pages / "21_deep.html").write_text("<html><body>" + "<div>" * 10_000 + "<p>" + synth.sentence(rng) + "</p>" + "</div>" * 10_000 + "</body></html>")
    (pages / "22_paragraphs.html").write_text("<html><body>" + "".join(f"<p>Paragraph {i} of many.</p>" for i in range(100_000)) + "</body></html>")
    with open(pages / "23_text_node_20mb.html", "w") as f:
        f.write("<html><body><p>")
        for _ in range(20):
            f.write("text " * (MB // 5))
        f.write("</p></body></html>")
    (pages / "24_attributes.html").write_text(
        "<html><body><div class='" + "x" * (5 * MB) + "' " + " ".join(f"a{i}='{i}'" for i in range(20_000))
        + "><p>" + synth.sentence(rng) + "</p></div></body></html>")
    (pages / "99_good.txt").write_text(_good(99))

    good = synth.records(5, start=800)
    synth.write_jsonl(root / "records.jsonl", [
        good[0],
        b'{"id": "cut", "text": "no closing',                       # bad-json
        [1, 2, 3],                                                   # wrong-type: not an object
        {"id": ["x"], "text": "an id that is a list"},               # wrong-type
        {"id": "num-text", "text": 42},                              # wrong-type
        {"id": "twice", "text": 42},                                 # wrong-type, and claims no id:
        {"id": "twice", "text": _good(26)},                          # this good one is kept
        {"id": "int-url", "text": _good(20), "url": 5},              # wrong-type
        {"id": "no-text"},                                           # no-text
        good[1],
        good[1],                                                     # duplicate-id
        {"id": "../../../../tmp/boilerstrip-evil", "text": _good(21)},
        {"id": "/etc/boilerstrip-evil", "text": _good(22)},
        {"id": "..", "text": _good(23)},
        {"id": "nul\u0000id", "text": _good(24)},
        good[2],
        {"id": "big-text", "text": "x " * (9 * MB)},                 # 18 MB: too-large
        {"id": "controls", "text": "\x00\x01\x02\x1b" * 1000},       # U+FFFD only: the model decides
        good[3],
        {"id": "", "text": _good(25)},                               # an empty id
        good[4],
    ])
    # a JSONL gzip bomb: one line inflating to 1 GiB between two good records
    bomb_good = synth.records(2, start=850)
    _gzip_bomb(
        root / "bomb.jsonl.gz", 1024 * MB, fill=b"a",
        prefix=json.dumps(bomb_good[0]).encode() + b'\n{"id": "bomb", "text": "',
        suffix=b'"}\n' + json.dumps(bomb_good[1]).encode() + b"\n",
    )
    return {
        "kept": {"pages/00_good", "pages/99_good", "pages/04_nul_controls", "pages/05_cp1252", "pages/06_mixed",
                 "pages/07_mojibake", "pages/13_n\\xe4me", *(g["id"] for g in good), *(g["id"] for g in bomb_good),
                 "../../../../tmp/boilerstrip-evil", "/etc/boilerstrip-evil", "..", "nul\u0000id", "", "twice"},
        "rejected": {
            "pages/01_empty": "empty-input",
            "pages/02_blank": "empty-input",
            "pages/03_random": "binary-input",
            "pages/08_line_50mb": "too-large",
            "pages/10_too_many_lines": "too-many-lines",
            "pages/11_bomb": "too-large",
            "pages/12_cut": "truncated-input",
            "pages/14_loop": "unreadable",
            "pages/23_text_node_20mb": "too-large",
            "records.jsonl:2": "bad-json",
            "records.jsonl:3": "wrong-type",
            "records.jsonl:4": "wrong-type",
            "num-text": "wrong-type",
            "twice": "wrong-type",
            "int-url": "wrong-type",
            "no-text": "no-text",
            "big-text": "too-large",
            "bomb.jsonl.gz:2": "too-large",
        },
        "duplicates": {good[1]["id"]: "duplicate-id"},
        # processed; kept or rejected depends on the model (and the HTML model on this build)
        "either": {"controls", "pages/20_wrong_charset", "pages/21_deep", "pages/22_paragraphs",
                   "pages/24_attributes"},
    }


def _run(args: list[str]) -> tuple[subprocess.CompletedProcess[str], float, int]:
    t0 = time.monotonic()
    r = subprocess.run([sys.executable, "-c", _MEASURE, sys.executable, "-m", "boilerstrip.cli", *args],
                       capture_output=True, text=True, timeout=RUN_SECONDS * 2)
    wall = time.monotonic() - t0
    rss = [int(line.split()[1]) * 1024 for line in r.stderr.splitlines() if line.startswith("maxrss_kb")]
    return r, wall, rss[-1]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    root = tmp_path_factory.mktemp("hostile")
    expect = build_hostile_corpus(root / "in")
    out = root / "out"
    r, wall, rss = _run(["clean", str(root / "in"), "-o", str(out), "-q", "--workers", "2", "--files-per-shard", "4",
                         "--timeout", "5"])
    return {"root": root, "out": out, "expect": expect, "proc": r, "wall": wall, "rss": rss}


def _outputs(out: Path) -> tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]]]:
    stats = json.loads((out / "stats.json").read_text())
    return stats, synth.output_records(out), synth.output_records(out, "rejects")


def test_the_run_finishes_within_time_and_memory(hostile: dict[str, Any]) -> None:
    r = hostile["proc"]
    assert r.returncode == 0, r.stderr[-3000:]
    assert "Traceback" not in r.stderr and "panicked" not in r.stderr
    assert hostile["wall"] < RUN_SECONDS, f"took {hostile['wall']:.0f} s"
    assert hostile["rss"] < RUN_MAX_RSS_BYTES, f"peak RSS {hostile['rss'] / MB:.0f} MiB"


def test_every_input_is_accounted_for(hostile: dict[str, Any]) -> None:
    stats, docs, rejects = _outputs(hostile["out"])
    assert stats["reconciled"] and stats["complete"]
    assert stats["inputs"] == stats["kept"] + stats["rejected"] + stats["duplicates"]
    assert len(docs) == stats["kept"] and len(rejects) == stats["rejected"] + stats["duplicates"]
    e = hostile["expect"]
    assert stats["inputs"] == len(e["kept"]) + len(e["rejected"]) + len(e["duplicates"]) + len(e["either"])
    ids = [d["id"] for d in docs] + [r["id"] for r in rejects]
    # every input once (the duplicate id twice: its first copy kept, the second rejected)
    assert sorted(ids) == sorted([*e["kept"], *e["rejected"], *e["duplicates"], *e["either"]])


def test_bad_records_are_rejected_with_their_reason(hostile: dict[str, Any]) -> None:
    _, _, rejects = _outputs(hostile["out"])
    got = {r["id"]: r["reason"] for r in rejects if r["reason"] not in ("duplicate-id",)}
    for rid, reason in hostile["expect"]["rejected"].items():
        assert got.get(rid) == reason, (rid, got.get(rid))
    dups = [(r["id"], r["reason"]) for r in rejects if r["reason"] == "duplicate-id"]
    assert dups == list(hostile["expect"]["duplicates"].items())
    assert all(r["path"] for r in rejects)
    # the reasons say something: where a truncated or too-long input stopped
    detail = {r["id"]: r["detail"] or "" for r in rejects}
    assert "truncated" in detail["pages/12_cut"] and "longer than" in detail["bomb.jsonl.gz:2"]


def test_good_neighbours_are_intact(hostile: dict[str, Any]) -> None:
    _, docs, _ = _outputs(hostile["out"])
    by_id = {d["id"]: d for d in docs}
    assert hostile["expect"]["kept"] <= set(by_id)
    # a clean page cleaned alone gives the same text as inside the hostile run
    for rid, text in [("pages/00_good", _good(0)), ("pages/99_good", _good(99)), ("pages/13_n\\xe4me", _good(13)),
                      ("../../../../tmp/boilerstrip-evil", _good(21))]:
        assert by_id[rid]["text"] == clean_text(text).text, rid
    for g in synth.records(5, start=800) + synth.records(2, start=850):
        assert by_id[g["id"]]["text"] == clean_text(g["text"], url=g.get("url")).text, g["id"]
        assert by_id[g["id"]]["metadata"]["url"] == g.get("url")


def test_text_that_comes_out_is_clean(hostile: dict[str, Any]) -> None:
    _, docs, _ = _outputs(hostile["out"])
    by_id = {d["id"]: d for d in docs}
    noisy = by_id["pages/04_nul_controls"]["text"]
    assert "\x00" not in noisy and "\x07" not in noisy and "\ufffd" in noisy  # replaced, not dropped
    for rid in ("pages/05_cp1252", "pages/06_mixed", "pages/07_mojibake"):
        text = by_id[rid]["text"]
        text.encode("utf-8")  # valid text whatever the input's bytes
        assert all(not (0 < ord(c) < 32) or c == "\n" for c in text), rid
        # the pure-ASCII prose around the bad bytes is untouched
        # (its paragraphs; the headline scores near the threshold, and a line more or less above
        # it can tip it)
        prose = [ln for ln in clean_text(_good(int(rid[6:8]))).text.split("\n") if len(ln.split()) > 12]
        assert prose
        assert all(ln in text for ln in prose), rid
    # mojibake is valid UTF-8: kept as it is, not "repaired"
    assert "cafÃ©" in by_id["pages/07_mojibake"]["text"]


def test_nothing_is_written_outside_the_output_folder(hostile: dict[str, Any], tmp_path: Path) -> None:
    out = tmp_path / "txt"
    src = hostile["root"] / "in" / "records.jsonl"
    r, _, _ = _run(["clean", str(src), "-o", str(out), "-q", "--workers", "0", "--format", "txt"])
    assert r.returncode == 0, r.stderr[-3000:]
    every = [p for p in out.rglob("*")]
    assert every and all(out.resolve() in p.resolve().parents for p in every)
    assert not Path("/tmp/boilerstrip-evil.txt").exists() and not Path("/etc/boilerstrip-evil.txt").exists()
    recs = {rec["id"]: rec for rec in read_txt_records(out / "txt")}
    for rid in ("../../../../tmp/boilerstrip-evil", "/etc/boilerstrip-evil", "..", "nul\u0000id", ""):
        assert rid in recs, rid  # the id survives in the record, only the file name is made safe
    names = [p.relative_to(out / "txt").as_posix() for p in (out / "txt").rglob("*.txt")]
    assert len(names) == len(set(names)) == len(recs)  # no two documents share a file


# -- the limits one by one, in this process --------------------------------------------------


def test_gzip_bomb_costs_bounded_memory(tmp_path: Path) -> None:
    import resource

    from boilerstrip.io.readers import read_files

    bomb = _gzip_bomb(tmp_path / "b.txt.gz", 1024 * MB)
    assert bomb.stat().st_size < 2 * MB
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    t0 = time.monotonic()
    (rec,) = read_files([(str(bomb), "b")], max_bytes=4 * MB)
    assert len(rec.data) == 4 * MB + 1  # read up to the limit, then it stops: too large
    assert time.monotonic() - t0 < 10
    grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 - before
    assert grown < 64 * MB


def test_line_limit_counts_lines_as_the_core_does() -> None:
    opts = Options(max_lines=3)
    assert clean_text("one line\r\ntwo lines\rthree lines\n", options=opts).rejected != "too-many-lines"
    assert clean_text("one\ntwo\nthree\nfour", options=opts).rejected == "too-many-lines"
    # Unicode's line breaks are lines too (they were not counted: 1.5 M of them took 1.5 GB)
    for sep in ("\u2028", "\u2029", "\x85"):
        assert clean_text(sep.join(["one", "two", "three", "four"]), options=opts).rejected == "too-many-lines"
        assert clean_text(sep.join(["one", "two", "three"]) + sep, options=opts).rejected != "too-many-lines"
    with pytest.raises(ValueError):
        Options(max_lines=0)


def test_byte_limit_counts_utf8_bytes_not_characters() -> None:
    text = "é" * 1000 + " word" * 10  # 1,050 characters, 2,050 bytes
    assert clean_text(text, options=Options(max_bytes=2000)).rejected == "too-large"
    assert clean_text(text, options=Options(max_bytes=2050)).rejected != "too-large"
    assert clean_text("\ud800" * 10, options=Options(max_bytes=29)).rejected == "too-large"  # 3 bytes each


def test_document_id_is_the_hash_of_its_text() -> None:
    para = "Der Bürgermeister erklärte am Montag, dass die Straße über den Fluss im Frühjahr erneuert wird. " * 3
    for doc in (clean_text(para), clean_html(f"<html><body><article><p>{para}</p></article></body></html>")):
        assert doc.text and doc.id == f"{_core.hash_bytes(doc.text.encode()):016x}"


def test_fixpoint_passes_are_bounded() -> None:
    # a page that peels a few lines per pass (it took ~1,570 passes before the cap); the time
    # bound is a hang guard with a wide margin, not a speed goal
    for n in (3000, 10000):
        text = "".join(f"item {i}\n" for i in range(n))
        t0 = time.monotonic()
        doc = clean_text(text)
        assert doc.stats["passes"] <= _core.MAX_PASSES and time.monotonic() - t0 < 30


def test_a_50_mb_line_within_a_raised_limit_is_cleaned() -> None:
    line = " ".join(synth.sentence(random.Random(i)) for i in range(400_000))[: 50 * MB]
    t0 = time.monotonic()
    doc = clean_text(line, options=Options(max_bytes=64 * MB, segment=False))
    assert time.monotonic() - t0 < 60
    assert doc.rejected in (None, "no-content") and doc.stats["lines_in"] == 1
    # read as a text that lost its line breaks (the default): cut into segments of at most
    # 200 characters
    doc = clean_text(line, options=Options(max_bytes=64 * MB))
    assert doc.extra == {"segmented": True} and doc.stats["lines_in"] > 50 * MB // 200
    assert clean_text(line).rejected == "too-large"


def test_wrong_declared_charset_falls_back_to_what_decodes() -> None:
    html = "<html><head><meta charset='utf-8'></head><body><p>Le caf\u00e9 cr\u00e8me \u00e0 la fa\u00e7ade.</p></body></html>"
    assert "caf\u00e9 cr\u00e8me" in decode_html(html.encode("cp1252"))
    assert "caf\u00e9 cr\u00e8me" in decode_html(html.encode("utf-8"), http_charset="ascii")
    assert "caf\u00e9" in decode_html(html.encode("utf-8"), http_charset="no-such-charset")
    # labels of codecs that raise the plain UnicodeError, not UnicodeDecodeError: ignored, and
    # detection decides (which of the Latin code pages it takes of so short a text is its call)
    latin = html.encode("latin-1")
    for label in ("undefined", "punycode"):
        assert "Le caf" in decode_html(latin, http_charset=label)
        assert "Le caf" in decode_html(latin.replace(b"utf-8", label.encode()))


# -- the Rust HTML pass on hostile pages, with a stand-in model ------------------------------


def _stand_in_html_models() -> Any:
    """A valid HTML model whose trees split on every feature (not a trained one): the Rust
    HTML pass then runs fully, whether or not this build has the trained model."""
    def model(names: list[str]) -> dict[str, Any]:
        n = len(names)
        trees = [{"f": [k, (k * 7 + 3) % n], "t": [0.5, 1.0], "v": [-0.4, 0.1, 0.2, 0.5]} for k in range(n)]
        return {"feature_names": names, "bias": 0.0, "trees": trees}

    weights = bytes((i * 37 + 11) % 256 for i in range(1 << 18))  # any signed bytes
    vocab = {"bits": 18, "bias": 0.0, "scale": 0.01, "weights": base64.b64encode(weights).decode()}
    return _core.HtmlModels.from_json(json.dumps({
        "format": "boilerstrip-html-1",
        "fast": model(_core.feature_names("html_fast")),
        "default": model(_core.feature_names("html_default")),
        "vocab": vocab,
    }))


HTML_CASES = {
    "nested 10,000 deep": ("<div>" * 10_000 + "<p>The deep sentence sits here.</p>" + "</div>" * 10_000, "The deep sentence sits here."),
    "nested 100,000 deep, unclosed": ("<div><span>" * 100_000 + "<p>Deeper still.</p>", "Deeper still."),
    "100,000 paragraphs": ("".join(f"<p>Paragraph {i} of many.</p>" for i in range(100_000)), "Paragraph 99999 of many."),
    # a block keeps its first MiB of text (rust/html/walk.rs: MAX_BLOCK_BYTES)
    "a 20 MB text node": ("<p>" + "text " * (4 * MB) + "end.</p><p>After the node.</p>", "After the node."),
    "huge attributes": ("<div class='" + "menu " * MB + "' " + " ".join(f"a{i}='{i}'" for i in range(50_000))
                        + "><p>After the attributes.</p></div>", "After the attributes."),
    "unclosed comment and script": ("<p>Before.</p><script>" + "x<" * 100_000 + "<!--" + "y" * 1000, "Before."),
}


@pytest.mark.parametrize("case", list(HTML_CASES))
def test_rust_html_pass_on_hostile_pages(case: str) -> None:
    html, needle = HTML_CASES[case]
    models = _stand_in_html_models()
    t0 = time.monotonic()
    (r,) = _core.clean_html_batch([html], models=models)
    assert time.monotonic() - t0 < 30, case
    assert needle in r.page_text, case
    assert max(len(ln.encode()) for ln in r.page_text.split("\n")) <= (1 << 20) + 8, case
    assert r.n_lines == len(r.page_text.split("\n"))
    assert set(r.text.split("\n")) <= set(r.page_text.split("\n")) | {""}


# -- a panic in Rust is a typed exception ----------------------------------------------------


@pytest.mark.parametrize("threads", [1, 2])
def test_rust_panic_is_a_core_error(threads: int) -> None:
    with pytest.raises(CoreError, match="boilerstrip core panicked: deliberate") as e:
        _core._panic_for_tests("deliberate", threads=threads)
    assert isinstance(e.value, RuntimeError)  # an Exception, unlike PyO3's PanicException
    assert type(e.value).__module__ != "pyo3_runtime"
    # the interpreter and the core still work afterwards
    assert clean_text(_good(1)).text


def test_rust_panic_does_not_abort_the_interpreter() -> None:
    code = ("from boilerstrip import _core, CoreError\n"
            "try:\n    _core._panic_for_tests('x', threads=2)\nexcept CoreError:\n    print('caught')\n")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0 and r.stdout.strip() == "caught", r.stderr


def test_a_document_over_the_worker_memory_cap_costs_only_itself(tmp_path: Path) -> None:
    """Pipeline workers run under an address-space cap (``BOILERSTRIP_WORKER_MEMORY``, 4 GiB
    by default). A document that needs more (here 990,000 lines, ~1.1 GB in the line pass,
    under a 768 MiB cap) kills its worker (Rust aborts on a failed allocation): the worker is
    replaced, the document is rejected with the reason, its neighbours are cleaned."""
    src = tmp_path / "in"
    src.mkdir()
    (src / "a_good.txt").write_text(synth.page_text(1))
    (src / "b_big.txt").write_text("".join(f"word{i} x\n" for i in range(990_000)))
    (src / "c_good.txt").write_text(synth.page_text(2))
    out = tmp_path / "out"
    env = {**os.environ, "BOILERSTRIP_WORKER_MEMORY": str(768 * MB)}
    r = subprocess.run([sys.executable, "-m", "boilerstrip.cli", "clean", str(src), "-o", str(out), "-q",
                        "--workers", "1", "--max-bytes", str(50 * MB)], env=env, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr[-2000:]
    rejects = {x["id"]: x for x in map(json.loads, (out / "rejects.jsonl").read_text().splitlines())}
    assert set(rejects) == {"b_big"} and rejects["b_big"]["reason"] in ("worker-crashed", "internal-error")
    kept = {x["id"] for x in map(json.loads, (out / "documents.jsonl").read_text().splitlines())}
    assert kept == {"a_good", "c_good"}
    stats = json.loads((out / "stats.json").read_text())
    assert stats["inputs"] == 3 and stats["reconciled"]


def test_wrong_arguments_name_themselves() -> None:
    # each was a bare builtin error that named no argument
    import boilerstrip
    from boilerstrip import CorpusOptions, InputError
    from boilerstrip.dedup import MinHashDeduper

    with pytest.raises(InputError, match="texts must be a list"):
        boilerstrip.clean_text_batch(None)  # type: ignore[arg-type]
    with pytest.raises(InputError, match="urls must be a list"):
        boilerstrip.clean_text_batch(["a text"], urls=5)  # type: ignore[arg-type]
    with pytest.raises(InputError, match="docs must be an iterable"):
        list(boilerstrip.clean_corpus(None))  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="texts must be a list"):
        MinHashDeduper().add(None)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="urls must be True or False"):
        MinHashDeduper(urls="yes")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="template_min_docs must be at most"):
        CorpusOptions(template_min_docs=2**40)


def test_a_huge_thread_count_is_capped_not_built() -> None:
    # 100,000 threads were built for one document (minutes, no error); the result never
    # depends on the count, so it is capped
    from boilerstrip.dedup import MinHashDeduper, minhash_signatures

    t0 = time.monotonic()
    assert len(minhash_signatures(["a b c d e f g"], threads=100_000)) == 1
    d = MinHashDeduper(threads=100_000)
    d.add(["a b c d e f g"])
    assert len(d.finish()) == 1
    assert time.monotonic() - t0 < 30


def test_a_page_of_no_word_is_rejected_with_no_text() -> None:
    # the HTML path rejected "* * * &&& ***" as no-content but kept it as the text
    for opts in (Options(html_mode="fast"), Options()):
        doc = clean_html("<html><body><p>* * * &amp;&amp;&amp; ***</p></body></html>", options=opts)
        assert (doc.rejected, doc.text) == ("no-content", "")
    assert (clean_text("* * * &&& ***").rejected, clean_text("* * * &&& ***").text) == ("no-content", "")
