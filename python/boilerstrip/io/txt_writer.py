"""A folder of clean texts: ``ID.txt`` (the text and a final newline) beside ``ID.json`` (the
rest of the record, one JSON object), for tools that want plain files.

File names come from the record id but always stay inside the folder (``../`` and absolute
paths are neutralised by :func:`safe_relpath`); two ids that map to the same name get a
short hash of the id appended, so no file overwrites another. An id whose folders would
clash with another id's files (``p`` and ``p.txt/q``), or whose path is too deep for the
file system, gets a flat name from its hash instead: one odd id must not fail a run.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any, Iterator

import orjson

from boilerstrip import _core

__all__ = ["TxtWriter", "safe_relpath", "read_txt_records"]

_UNSAFE = re.compile(r"[^A-Za-z0-9._\-/]+")
_MAX_PART = 200  # bytes of one path component: most file systems allow 255
_MAX_REL = 400  # bytes of the whole name below the folder, far inside PATH_MAX (4096)


def safe_relpath(record_id: str) -> Path:
    """A path for a record's ``.txt`` that stays inside the output folder whatever the id
    holds (``..``, absolute paths, odd bytes)."""
    parts = [p[:_MAX_PART] for p in _UNSAFE.sub("_", record_id).split("/") if p not in ("", ".", "..")]
    return Path(*parts) if parts else Path("_")


def _sync_write(path: Path, data: bytes) -> None:
    with open(path, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())


class TxtWriter:
    """Write records under ``root`` (created). ``files`` lists what was written, relative to
    ``root``. The pipeline writes into a staging folder and moves the files when the shard
    is committed, so files here need no temporary names."""

    def __init__(self, root: str | os.PathLike[str]) -> None:
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)
        self.files: list[str] = []
        # lower case: case-insensitive file systems too
        self._files: set[str] = set()
        self._dirs: set[str] = set()
        self.count = 0
        self.bytes_in = 0

    def _free(self, rel: Path) -> bool:
        key = rel.as_posix().lower()
        if len(key) > _MAX_REL or any(k in self._files or k in self._dirs for k in (key + ".txt", key + ".json")):
            return False
        return not any(parent.as_posix().lower() in self._files for parent in rel.parents)

    def _name(self, rid: str) -> Path:
        rel = safe_relpath(rid)
        tag = f"{_core.hash_bytes(rid.encode('utf-8', 'surrogatepass')):016x}"
        candidates = [rel, rel.with_name(f"{rel.name}~{tag}"), Path(f"{rel.name[:64]}~{tag}")]
        rel = next((c for c in candidates if self._free(c)), None) or self._numbered(candidates[-1])
        key = rel.as_posix().lower()
        self._files.update((key + ".txt", key + ".json"))
        self._dirs.update(p.as_posix().lower() for p in rel.parents if p != Path("."))
        return rel

    def _numbered(self, base: Path) -> Path:
        n = 1
        while not self._free(base.with_name(f"{base.name}-{n}")):
            n += 1
        return base.with_name(f"{base.name}-{n}")

    def write(self, record: dict[str, Any]) -> None:
        rel = self._name(record["id"])
        txt, side = rel.with_name(rel.name + ".txt"), rel.with_name(rel.name + ".json")
        (self.root / rel).parent.mkdir(parents=True, exist_ok=True)
        text = (record["text"] + "\n").encode("utf-8")
        meta = {k: v for k, v in record.items() if k != "text"}
        _sync_write(self.root / txt, text)
        _sync_write(self.root / side, orjson.dumps(meta) + b"\n")
        self.files += [txt.as_posix(), side.as_posix()]
        self.count += 1
        self.bytes_in += len(text)

    def close(self) -> None:
        pass  # every file is complete and synced when written

    def abort(self) -> None:
        for rel in self.files:
            (self.root / rel).unlink(missing_ok=True)


def read_txt_records(root: str | os.PathLike[str]) -> Iterator[dict[str, Any]]:
    """The records of a folder written by :class:`TxtWriter` (sorted by file name)."""
    base = Path(root)
    for side in sorted(p for p in base.rglob("*.json") if p.is_file()):  # an id may name a folder x.json
        rec = orjson.loads(side.read_bytes())
        text = side.with_name(side.name[: -len(".json")] + ".txt").read_text(encoding="utf-8")
        rec["text"] = text[:-1] if text.endswith("\n") else text
        yield {"id": rec["id"], "text": rec["text"], **{k: v for k, v in rec.items() if k not in ("id", "text")}}
