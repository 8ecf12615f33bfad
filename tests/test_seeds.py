"""The two seed pages: what must be kept and dropped (the product's acceptance), and golden
files of the whole output (``tests/golden/``; regenerate with
``python scripts/update_golden.py`` after a deliberate change, and review the diff)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from boilerstrip import clean_text

ROOT = Path(__file__).resolve().parent.parent
SEED0 = ROOT / "seeds" / "000_ae3e6398481b2092.txt"
SEED1 = ROOT / "seeds" / "001_572ea1f0c8d1b358.txt"
EXPECTED = ROOT / "tests" / "golden"


def decisions(path: Path) -> tuple[object, dict[str, tuple[bool, str]]]:
    doc = clean_text(path.read_text(encoding="utf-8"))
    return doc, {ln.text: (ln.kept, ln.reason) for ln in doc.lines if ln.text}


def test_seed0_goachronicle() -> None:
    doc, d = decisions(SEED0)
    assert doc.title == ("International Liaison Department of Communist Party of China is a covert intelligence "
                         "agency according to global intelligence networks")
    assert d["35.1 C"] == (False, "weather")
    assert d["Tuesday, April 23, 2024"] == (False, "date-header")
    assert d["Share post:"] == (False, "share-widget")
    alt = [t for t in d if t.endswith("Rahul Gandhi, Sonia Gandhi")]
    assert alt and all(d[t] == (False, "alt-text") for t in alt)
    # "Related articles" and every teaser after it
    lines = [ln for ln in doc.lines if ln.text]
    start = next(k for k, ln in enumerate(lines) if ln.text == "Related articles")
    assert all(not ln.kept and ln.reason == "related-teaser" for ln in lines[start:])
    # every article paragraph and the subheadings are kept
    for k, ln in enumerate(lines[:start]):
        if len(ln.text.split()) >= 12 and not ln.text.endswith("Sonia Gandhi") and ln.text != doc.title:
            assert ln.kept, ln.text
    for heading in ("CIA Report on ILD-CPC", "Startfor China Files"):
        assert d[heading][0], heading


def test_seed1_bloomberg() -> None:
    doc, d = decisions(SEED1)
    assert doc.title == "China Backing Kim Jong Il Means Party Ties Still Drive Policy"
    assert d["Bloomberg Anywhere Remote Login Bloomberg Terminal Demo Request"] == (False, "login")
    for menu in ("Financial Products", "Enterprise Products", "Industry Products", "Media Services", "Bloomberg Customers"):
        assert not d[menu][0], menu
    assert d["Follow Us"] == (False, "follow-widget")
    assert d["Customer Support"] == (False, "contact-list")
    for phone in ("+1 212 318 2000", "+44 20 7330 7500", "+65 6212 1000"):
        assert d[phone] == (False, "contact-list")
    for region in ("• Americas", "• Europe, Middle East, & Africa", "• Asia Pacific"):
        assert d[region] == (False, "contact-list")
    assert d["The CPC International Department Building"] == (False, "alt-text")
    for notice in ("Please upgrade your Browser", "Your browser is out-of-date. Please download one of these excellent browsers:",
                   "Chrome, Firefox, Safari, Opera or Internet Explorer."):
        assert d[notice] == (False, "browser-notice")
    for heading in ("Kim’s Visit", "‘Communist Solidarity’", "Trade Ties", "Past History"):
        assert d[heading][0], heading
    start = next(k for k, ln in enumerate(doc.lines) if ln.text.startswith("One reason why"))
    end = next(k for k, ln in enumerate(doc.lines) if ln.text.startswith("Please upgrade"))
    for ln in doc.lines[start:end]:
        if ln.text:
            assert ln.kept, ln.text


@pytest.mark.parametrize("seed", [SEED0, SEED1], ids=["seed0", "seed1"])
def test_golden(seed: Path) -> None:
    doc = clean_text(seed.read_text(encoding="utf-8"))
    want_text = (EXPECTED / (seed.stem + ".txt")).read_text(encoding="utf-8")
    want = json.loads((EXPECTED / (seed.stem + ".json")).read_text(encoding="utf-8"))
    assert doc.text + "\n" == want_text
    assert {"title": doc.title, "author": doc.author, "date": doc.date, "language": doc.language} == want["metadata"]
    assert [[ln.kept, ln.reason] for ln in doc.lines] == want["lines"]


def test_seed1_tagline_is_dropped() -> None:
    # Bloomberg's one-sentence tagline at the top of the page, a lone prose line above the menus
    _, d = decisions(SEED1)
    assert not d[next(t for t in d if t.startswith("Connecting decision makers"))][0]
