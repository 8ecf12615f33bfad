"""Regenerate the seeds' golden files in tests/golden/ (not under seeds/: the CLI would clean them as pages) (review the diff before committing).

    python scripts/update_golden.py
"""

from __future__ import annotations

import json
from pathlib import Path

from boilerstrip import clean_text

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    out = ROOT / "tests" / "golden"
    out.mkdir(exist_ok=True)
    for seed in sorted((ROOT / "seeds").glob("*.txt")):
        doc = clean_text(seed.read_text(encoding="utf-8"))
        (out / (seed.stem + ".txt")).write_text(doc.text + "\n", encoding="utf-8")
        data = {
            "metadata": {"title": doc.title, "author": doc.author, "date": doc.date, "language": doc.language},
            "lines": [[ln.kept, ln.reason] for ln in doc.lines],
            "explain": [f"{'KEEP' if ln.kept else 'drop'} {ln.reason:<20} {ln.text}" for ln in doc.lines if ln.text],
        }
        (out / (seed.stem + ".json")).write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"{seed.name}: {sum(ln.kept for ln in doc.lines)} lines kept, title={doc.title!r}")


if __name__ == "__main__":
    main()
