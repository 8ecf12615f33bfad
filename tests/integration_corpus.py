"""A small corpus for the integration tests: the seed pages, an HTML page, and inputs that
must be rejected (empty, blank, binary, broken gzip), laid out as ``boilerstrip clean``
reads them."""

from __future__ import annotations

import gzip
import random
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"

HTML_PAGE = """<!doctype html><html><head><title>Park approved | Town News</title>
<meta name="author" content="Jane Doe"></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<article><h1>Council approves the new riverside park</h1>
<p>The council approved the new riverside park on Monday after a long debate, and work will start in spring.</p>
<p>The park will have a playground, a path along the river and two hundred new trees, the planning office said.</p>
<p>Residents who had campaigned for the park for six years welcomed the vote and thanked the councillors.</p>
</article><footer>Copyright 2024 Town News. All rights reserved.</footer></body></html>"""


def make_corpus(dest: Path) -> Path:
    """Write the corpus under ``dest`` and return it."""
    (dest / "sub").mkdir(parents=True, exist_ok=True)
    for p in sorted(SEEDS.glob("*.txt")):
        shutil.copy(p, dest / p.name)
    (dest / "sub" / "park.html").write_text(HTML_PAGE, encoding="utf-8")
    (dest / "sub" / "zipped.txt.gz").write_bytes(gzip.compress(sorted(SEEDS.glob("*.txt"))[0].read_bytes()))
    (dest / "empty.txt").write_bytes(b"")
    (dest / "blank.txt").write_bytes(b" \n\n\t\n")
    (dest / "binary.txt").write_bytes(bytes(range(256)) * 64)
    (dest / "broken.txt.gz").write_bytes(b"\x1f\x8b\x08\x00not really gzip")
    (dest / "ignored.pdf").write_bytes(b"%PDF-1.4")
    return dest


def near_duplicate_corpus(seed: int = 7) -> tuple[list[dict[str, str]], list[list[str]]]:
    """Documents with known near duplicates: ``(rows, expected clusters)``.

    Five base articles of 300 words; base 0 has two near copies (a few words changed, chrome
    added around it), base 1 one copy in upper case with commas added (the dedup key makes
    that an exact copy), base 2 a copy of only its first third (a different document, not a
    near duplicate); bases 3 and 4 stand alone. Plus two inputs without words.
    """
    rng = random.Random(seed)
    vocab = ["".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(3, 9))) for _ in range(4000)]

    def article() -> list[str]:
        return [rng.choice(vocab) for _ in range(300)]

    bases = [article() for _ in range(5)]
    rows = [{"id": f"base{k}", "text": " ".join(b)} for k, b in enumerate(bases)]
    v1 = list(bases[0])
    for i in (20, 150, 290):
        v1[i] = rng.choice(vocab)
    rows.append({"id": "base0-edited", "text": " ".join(v1)})
    rows.append({"id": "base0-chrome", "text": "Home | News | Sport\n" + " ".join(bases[0]) + "\nShare this article"})
    rows.append({"id": "base1-case", "text": " ".join(bases[1]).upper().replace(" ", ", ")})
    rows.append({"id": "base2-third", "text": " ".join(bases[2][:100])})
    rows.append({"id": "empty", "text": ""})
    rows.append({"id": "punct", "text": "... !!! ---"})
    expected = [["base0", "base0-chrome", "base0-edited"], ["base1", "base1-case"]]
    return rows, expected
