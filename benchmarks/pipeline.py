"""Pipeline benchmark: pages per second with 1 and 2 workers, and the peak memory of the whole
process tree while streaming a JSONL corpus of at least 1 GB. One run measures both.

Data: the WCXB benchmark (Web Content eXtraction Benchmark v1.0, dev split) by Murrough
Foley, CC-BY-4.0, https://github.com/Murrough-Foley/web-content-extraction-benchmark .

    python benchmarks/pipeline.py --data PATH/wcxb-dev.jsonl.gz [--out results.json]

1. Speed: the pack's pages (``id``, ``url``, ``html``) are split into ``--files`` JSONL
   files (a corpus comes as many files; each file is one input shard), then
   ``boilerstrip clean`` runs on them with ``--workers 1`` and ``--workers 2``. pages/s =
   input records / wall time of the whole command, start-up included. The two outputs are
   also compared (they must be equal but for the ``added`` timestamp). The machine may be
   shared: for each run the script also reports how many cores other processes kept busy
   meanwhile (machine-wide busy CPU time from /proc/stat minus the run's own, over the wall
   time), so that a speed-up can be read against the cores that were actually free.
   ``--repeat N`` alternates the two settings N times and keeps each one's best run.
2. Memory: the pack's pages are repeated (with new ids) into two JSONL files of together
   at least ``--corpus-gb`` GB in a temporary folder; ``boilerstrip clean --workers 2``
   streams them while the resident memory of the command and all its descendants (worker
   processes and their HTML parser processes) is sampled every 0.25 s. Reported: the
   peak of the summed RSS (an upper bound: shared pages count once per process), the peak
   of the summed PSS, and the peaks in each quarter of the run (flat = no growth).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import psutil

CLI = [sys.executable, "-m", "boilerstrip.cli"]


def load(path: str) -> list[dict[str, Any]]:
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return [{"id": r["id"], "url": r.get("url"), "html": r["html"]} for r in map(json.loads, f)]


def split(pages: list[dict[str, Any]], folder: Path, n: int) -> None:
    folder.mkdir(parents=True)
    per = -(-len(pages) // n)
    for k in range(n):
        with open(folder / f"part-{k:03d}.jsonl", "w", encoding="utf-8") as f:
            for r in pages[k * per : (k + 1) * per]:
                f.write(json.dumps(r) + "\n")


class TreeSampler(threading.Thread):
    """Samples the summed RSS and PSS of a process and its descendants."""

    def __init__(self, pid: int, every: float = 0.25) -> None:
        super().__init__(daemon=True)
        self.root = psutil.Process(pid)
        self.every = every
        self.samples: list[tuple[float, int, int, int]] = []  # (t, rss, pss, processes)
        self.stop = threading.Event()

    def run(self) -> None:
        t0 = time.monotonic()
        while not self.stop.is_set():
            try:
                procs = [self.root] + self.root.children(recursive=True)
            except psutil.NoSuchProcess:
                return
            rss = pss = 0
            for p in procs:
                try:
                    m = p.memory_full_info()
                    rss += m.rss
                    pss += getattr(m, "pss", m.rss)
                except (psutil.NoSuchProcess, psutil.AccessDenied):
                    continue
            self.samples.append((time.monotonic() - t0, rss, pss, len(procs)))
            self.stop.wait(self.every)


def _busy_jiffies() -> int:
    with open("/proc/stat") as f:
        v = [int(x) for x in f.readline().split()[1:]]
    return sum(v) - v[3] - v[4]  # all but idle and iowait


def run_cli(args: list[str], sample: bool = False) -> tuple[float, TreeSampler | None, float]:
    """Run the CLI; returns (wall seconds, memory sampler, cores busy with other processes)."""
    busy0, own0 = _busy_jiffies(), resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.Popen(CLI + args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    sampler = TreeSampler(proc.pid) if sample else None
    if sampler:
        sampler.start()
    _, err = proc.communicate()
    wall = time.perf_counter() - t0
    if sampler:
        sampler.stop.set()
        sampler.join()
    if proc.returncode != 0:
        raise SystemExit(f"boilerstrip failed ({proc.returncode}): {err.decode()[-2000:]}")
    own1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    own = (own1.ru_utime + own1.ru_stime) - (own0.ru_utime + own0.ru_stime)
    others = (_busy_jiffies() - busy0) / os.sysconf("SC_CLK_TCK") - own
    return wall, sampler, max(others, 0.0) / wall


def records(out: Path) -> list[dict[str, Any]]:
    recs = []
    for p in sorted(out.glob("documents*.jsonl")):
        with open(p, encoding="utf-8") as f:
            recs += [{k: v for k, v in json.loads(line).items() if k != "added"} for line in f]
    return recs


def speed(pages: list[dict[str, Any]], tmp: Path, files: int, repeat: int) -> dict[str, Any]:
    split(pages, tmp / "speed-in", files)
    res: dict[str, Any] = {"pages": len(pages), "input_files": files, "runs": []}
    for r in range(repeat):
        for w in (1, 2):
            out = tmp / f"speed-out-{w}"
            shutil.rmtree(out, ignore_errors=True)
            wall, _, others = run_cli(["clean", str(tmp / "speed-in"), "-o", str(out), "-q", "--workers", str(w)])
            stats = json.loads((out / "stats.json").read_text())
            assert stats["inputs"] == len(pages) and stats["reconciled"]
            run = {
                "workers": w,
                "seconds": round(wall, 2),
                "pages_per_s": round(len(pages) / wall, 2),
                "cores_busy_with_other_processes": round(others, 2),
                "kept": stats["kept"],
                "rejected_by_reason": stats["rejected_by_reason"],
                "seconds_by_stage": stats["seconds_by_stage"],
            }
            res["runs"].append(run)
            print(json.dumps(run), flush=True)
            best = res.get(f"workers_{w}")
            if best is None or run["pages_per_s"] > best["pages_per_s"]:
                res[f"workers_{w}"] = run
    res["speedup_2_vs_1"] = round(res["workers_2"]["pages_per_s"] / res["workers_1"]["pages_per_s"], 3)
    res["outputs_equal"] = records(tmp / "speed-out-1") == records(tmp / "speed-out-2")
    return res


def memory(pages: list[dict[str, Any]], tmp: Path, gb: float) -> dict[str, Any]:
    folder = tmp / "mem-in"
    folder.mkdir()
    target = int(gb * 1024**3)
    written, rep, n = 0, 0, 0
    files = [open(folder / f"big-{k}.jsonl", "w", encoding="utf-8") for k in range(2)]
    try:
        while written < target:
            for r in pages:
                line = json.dumps({"id": f"{r['id']}-r{rep}", "url": r["url"], "html": r["html"]}) + "\n"
                files[n % 2].write(line)
                written += len(line.encode("utf-8"))
                n += 1
            rep += 1
    finally:
        for f in files:
            f.close()
    size = sum(p.stat().st_size for p in folder.iterdir())
    wall, sampler, others = run_cli(["clean", str(folder), "-o", str(tmp / "mem-out"), "-q", "--workers", "2"], sample=True)
    assert sampler is not None and sampler.samples
    stats = json.loads((tmp / "mem-out" / "stats.json").read_text())
    assert stats["inputs"] == n and stats["reconciled"]
    s = sampler.samples
    q = max(1, len(s) // 4)
    quarters = [max(x[1] for x in s[i * q : (i + 1) * q] or s[-1:]) for i in range(4)]
    mib = 1024 * 1024
    return {
        "corpus_bytes": size,
        "corpus_gib": round(size / 1024**3, 3),
        "records": n,
        "seconds": round(wall, 1),
        "pages_per_s": round(n / wall, 2),
        "cores_busy_with_other_processes": round(others, 2),
        "peak_rss_tree_mib": round(max(x[1] for x in s) / mib, 1),
        "peak_pss_tree_mib": round(max(x[2] for x in s) / mib, 1),
        "peak_rss_by_quarter_mib": [round(x / mib, 1) for x in quarters],
        "max_processes": max(x[3] for x in s),
        "samples": len(s),
        "rss_over_corpus_ratio": round(max(x[1] for x in s) / size, 4),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", required=True, help="wcxb-dev.jsonl.gz")
    ap.add_argument("--files", type=int, default=16, help="JSONL files the pack is split into for the speed run")
    ap.add_argument("--corpus-gb", type=float, default=1.0, help="size of the streamed corpus (default 1.0)")
    ap.add_argument("--pages", type=int, default=None, help="use only the first N pages (a quick check, not a figure)")
    ap.add_argument("--repeat", type=int, default=1, help="alternate 1 and 2 workers N times, keep the best of each")
    ap.add_argument("--skip-memory", action="store_true")
    ap.add_argument("--tmp", default=None, help="folder for the temporary corpora (default: the system's)")
    ap.add_argument("--out", default=None, help="write the figures as JSON here")
    a = ap.parse_args()
    pages = load(a.data)[: a.pages]
    tmp = Path(tempfile.mkdtemp(prefix="bs-bench-", dir=a.tmp))
    try:
        result: dict[str, Any] = {"machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]}}
        result["speed"] = speed(pages, tmp, a.files, a.repeat)
        print(json.dumps(result["speed"], indent=2), flush=True)
        if not a.skip_memory:
            result["memory"] = memory(pages, tmp, a.corpus_gb)
            print(json.dumps(result["memory"], indent=2), flush=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if a.out:
        Path(a.out).write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
