"""Counting: every input record is kept, rejected (with a reason) or a duplicate, once; the
counts of each shard and of the whole run are checked to add up."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

__all__ = ["ShardStats", "STAGES", "DUPLICATE_REASONS"]

#: Where a worker's time goes: reading (and decompressing, parsing) input, the text path,
#: the HTML path, writing output.
#: (``corpus``: the passes of ``--site-template`` and ``--dedup`` after every page was cleaned;
#: 0 in a run without them)
STAGES = ("read", "clean_text", "clean_html", "corpus", "write")

#: Reasons that make a record a duplicate rather than a rejection in the accounting
#: (``stats.json``'s ``duplicates``; ``boilerstrip report`` counts them apart too): an id seen
#: before in the same input, and the corpus dedup's verdicts.
DUPLICATE_REASONS = frozenset({"duplicate-id", "duplicate", "near-duplicate", "url-duplicate"})


@dataclass
class ShardStats:
    inputs: int = 0
    kept: int = 0
    rejected: int = 0
    duplicates: int = 0
    documents_written: int = 0
    rejects_written: int = 0
    rejected_by_reason: Counter[str] = field(default_factory=Counter)
    duplicates_by_reason: Counter[str] = field(default_factory=Counter)
    lines_dropped_by_reason: Counter[str] = field(default_factory=Counter)
    seconds_by_stage: dict[str, float] = field(default_factory=lambda: {s: 0.0 for s in STAGES})

    def problems(self) -> list[str]:
        """Why the counts do not add up (empty when they do)."""
        out = []
        if self.inputs != self.kept + self.rejected + self.duplicates:
            out.append(f"inputs {self.inputs} != kept {self.kept} + rejected {self.rejected} + duplicates {self.duplicates}")
        if self.documents_written != self.kept:
            out.append(f"{self.documents_written} documents written but {self.kept} kept")
        if self.rejects_written != self.rejected + self.duplicates:
            out.append(f"{self.rejects_written} rejects written but {self.rejected} rejected + {self.duplicates} duplicates")
        if sum(self.rejected_by_reason.values()) != self.rejected:
            out.append("rejections by reason do not add up to the rejected count")
        if sum(self.duplicates_by_reason.values()) != self.duplicates:
            out.append("duplicates by reason do not add up to the duplicate count")
        return out

    def add(self, other: ShardStats) -> None:
        for k in ("inputs", "kept", "rejected", "duplicates", "documents_written", "rejects_written"):
            setattr(self, k, getattr(self, k) + getattr(other, k))
        self.rejected_by_reason.update(other.rejected_by_reason)
        self.duplicates_by_reason.update(other.duplicates_by_reason)
        self.lines_dropped_by_reason.update(other.lines_dropped_by_reason)
        for k, v in other.seconds_by_stage.items():
            self.seconds_by_stage[k] = self.seconds_by_stage.get(k, 0.0) + v

    def to_dict(self) -> dict[str, Any]:
        return {
            "inputs": self.inputs,
            "kept": self.kept,
            "rejected": self.rejected,
            "duplicates": self.duplicates,
            "documents_written": self.documents_written,
            "rejects_written": self.rejects_written,
            "rejected_by_reason": dict(sorted(self.rejected_by_reason.items())),
            "duplicates_by_reason": dict(sorted(self.duplicates_by_reason.items())),
            "lines_dropped_by_reason": dict(sorted(self.lines_dropped_by_reason.items())),
            "seconds_by_stage": {k: round(v, 6) for k, v in self.seconds_by_stage.items()},
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> ShardStats:
        s = cls(
            inputs=int(d["inputs"]),
            kept=int(d["kept"]),
            rejected=int(d["rejected"]),
            duplicates=int(d["duplicates"]),
            documents_written=int(d["documents_written"]),
            rejects_written=int(d["rejects_written"]),
        )
        s.rejected_by_reason = Counter(d.get("rejected_by_reason", {}))
        s.duplicates_by_reason = Counter(d.get("duplicates_by_reason", {}))
        s.lines_dropped_by_reason = Counter(d.get("lines_dropped_by_reason", {}))
        s.seconds_by_stage = {k: float(v) for k, v in d.get("seconds_by_stage", {}).items()}
        return s
