"""The output folder and what it remembers of a run, so that a killed run can be resumed.

Layout of ``OUTDIR``::

    documents.jsonl | documents-SSSSS.jsonl | documents-SSSSS-PPPP.jsonl   (.gz/.zst, .parquet)
    rejects.jsonl   | rejects-SSSSS.jsonl
    txt/ID.txt + txt/ID.json | txt/SSSSS/ID.txt + ...                     (--format txt)
    stats.json                                                            (written last)
    .boilerstrip/run.json          the run's fingerprint (inputs and settings) and `added`
    .boilerstrip/done/SSSSS.json   one per committed input shard: its files and counts
    .boilerstrip/tmp/ATTEMPT/      staging of shards in progress

The plain names (``documents.jsonl``, ``rejects.jsonl``, ``txt/``) are used when the run has
one input shard and output is not split into parts; otherwise every name carries the input
shard's number ``SSSSS`` (and the part number ``PPPP`` when split), so that sorting the file
names gives the input order.

A shard is committed by moving its staged files into place (each rename is atomic), then
writing its done marker (atomically). A shard without a marker is redone from scratch by
``--resume``, and its files are written again under the same names.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path
from typing import Any

import orjson

from boilerstrip.io.writers import fsync_dir
from boilerstrip.pipeline.config import RunConfig
from boilerstrip.pipeline.stats import ShardStats
from boilerstrip.pipeline.worker import Names, ShardResult

__all__ = ["OutputState", "names_for", "STATE_DIR"]

STATE_DIR = ".boilerstrip"


def names_for(index: int, n_shards: int, cfg: RunConfig) -> Names:
    plain = n_shards == 1 and not cfg.split_output
    tag = "" if plain else f"-{index:05d}"
    if cfg.format == "parquet":
        ext = ".parquet"
    else:
        ext = ".jsonl" + {"gzip": ".gz", "zstd": ".zst", None: ""}[cfg.doc_compression]
    part = "-{part:04d}" if cfg.split_output else ""
    return Names(
        documents=f"documents{tag}{part}{ext}",
        rejects=f"rejects{tag}.jsonl",
        txt_dir="txt" if plain else f"txt/{index:05d}",
    )


def _write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


class OutputState:
    """The state kept in ``OUTDIR/.boilerstrip``."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.dir = out / STATE_DIR
        self.done_dir = self.dir / "done"
        self.run_file = self.dir / "run.json"

    # -- the run ---------------------------------------------------------------------------

    def load_run(self) -> dict[str, Any] | None:
        try:
            run = orjson.loads(self.run_file.read_bytes())
        except (OSError, orjson.JSONDecodeError):
            return None
        # (valid JSON that is no object is no run's state: read as a damaged file)
        return run if isinstance(run, dict) else None

    def start(self, fingerprint: str, added: str, n_shards: int, *, resumable: bool = True) -> None:
        self.done_dir.mkdir(parents=True, exist_ok=True)
        run = {"fingerprint": fingerprint, "added": added, "shards": n_shards, "started": time.time(),
               "resumable": resumable}
        _write_atomic(self.run_file, orjson.dumps(run))
        fsync_dir(self.dir)

    def finished(self) -> bool:
        """Whether the last run here completed (its stats.json was written)."""
        try:
            return bool(orjson.loads((self.out / "stats.json").read_bytes()).get("complete"))
        except (OSError, orjson.JSONDecodeError, AttributeError):
            return False

    def clear(self) -> None:
        """Remove what an earlier run wrote here (the files its markers list, its stats and
        state); other files in the folder are left alone."""
        for marker in self.markers().values():
            for rel in marker.get("files", []):
                (self.out / rel).unlink(missing_ok=True)
        (self.out / "stats.json").unlink(missing_ok=True)
        txt = self.out / "txt"
        if txt.is_dir():  # remove folders emptied above, deepest first
            for d in sorted((p for p in txt.rglob("*") if p.is_dir()), key=lambda p: -len(p.parts)):
                try:
                    d.rmdir()
                except OSError:
                    pass
            try:
                txt.rmdir()
            except OSError:
                pass
        shutil.rmtree(self.dir, ignore_errors=True)

    # -- shards ----------------------------------------------------------------------------

    def marker_path(self, index: int) -> Path:
        return self.done_dir / f"{index:05d}.json"

    def markers(self) -> dict[int, dict[str, Any]]:
        out = {}
        if self.done_dir.is_dir():
            for p in sorted(self.done_dir.glob("*.json")):
                try:
                    m = orjson.loads(p.read_bytes())
                    out[int(m["index"])] = m
                except (OSError, ValueError, KeyError, TypeError):
                    continue  # a damaged marker: that shard is simply done again
        return out

    def new_staging(self) -> Path:
        """A fresh staging folder for this attempt; those of earlier (killed) attempts go."""
        tmp = self.dir / "tmp"
        shutil.rmtree(tmp, ignore_errors=True)
        attempt = tmp / f"{os.getpid()}-{time.time_ns()}"
        attempt.mkdir(parents=True)
        return attempt

    def commit(self, staging: Path, result: ShardResult) -> dict[str, Any]:
        """Move a shard's files into place, then write its done marker."""
        dirs = {self.out}
        for rel in result.files:
            dest = self.out / rel
            dest.parent.mkdir(parents=True, exist_ok=True)
            os.replace(staging / rel, dest)
            dirs.add(dest.parent)
        for d in dirs:
            fsync_dir(d)
        # each file's size, so that a resumed run can tell a part lost or cut since (see `damage`)
        sizes = {rel: (self.out / rel).stat().st_size for rel in result.files}
        marker = {"index": result.index, "files": result.files, "sizes": sizes, "stats": result.stats.to_dict()}
        _write_atomic(self.marker_path(result.index), orjson.dumps(marker))
        shutil.rmtree(staging, ignore_errors=True)
        return marker

    def damage(self, marker: dict[str, Any]) -> list[str]:
        """What happened to a committed shard's files since: missing, or not the size they had."""
        out = []
        sizes = marker.get("sizes") or {}
        for rel in marker["files"]:
            try:
                size = (self.out / rel).stat().st_size
            except OSError:
                out.append(f"{rel} is missing")
                continue
            if rel in sizes and sizes[rel] != size:
                out.append(f"{rel} has {size} bytes, not the {sizes[rel]} it was written with")
        return out

    def forget(self, marker: dict[str, Any]) -> None:
        """Undo a committed shard (its files and its marker), to be done again."""
        for rel in marker["files"]:
            (self.out / rel).unlink(missing_ok=True)
        self.marker_path(int(marker["index"])).unlink(missing_ok=True)

    @staticmethod
    def stats_of(marker: dict[str, Any]) -> ShardStats:
        return ShardStats.from_dict(marker["stats"])

    def write_stats(self, stats: dict[str, Any]) -> None:
        _write_atomic(self.out / "stats.json", orjson.dumps(stats, option=orjson.OPT_INDENT_2) + b"\n")
        fsync_dir(self.out)
