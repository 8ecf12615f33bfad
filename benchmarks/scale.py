"""Scale: time and peak memory of template counting and URL/exact/near dedup at 10k, 100k
and 1M documents, and the bytes each index holds per document.

The documents are synthetic (no data file needed) and short, so that 1M fit in a few minutes
on two cores: 200 documents per site, each with 4 template lines of its site around 3 lines
of 80 random words drawn from a 30,000-word vocabulary (~650 bytes); 5% are exact copies of
an earlier document under another id and URL, 5% are copies with 3 words changed (near
duplicates), 2% repeat an earlier URL. Each size runs in its own process, so its peak RSS
(VmHWM) is its own; generating the texts is timed apart from the Rust calls.

    python benchmarks/scale.py [--sizes 10000 100000 1000000] [--threads 1] [--threshold J] [--end-to-end 10000] [--out FILE]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

BATCH = 20_000
PER_SITE = 200
WORDS = 80


def vm(field: str) -> int:
    """A /proc/self/status field in bytes (VmRSS, VmHWM)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) * 1024
    raise RuntimeError(f"{field} not in /proc/self/status")


def vocabulary(n: int = 30_000) -> np.ndarray:
    out = []
    for i in range(n):
        w, v = "", i + 26 * 27
        while v:
            w += chr(97 + v % 26)
            v //= 26
        out.append(w)
    return np.array(out, dtype=object)


def batches(n: int, seed: int = 0):  # type: ignore[no-untyped-def]
    """(ids, urls, sites, texts, content) per batch; deterministic in (n, seed)."""
    rng = np.random.default_rng(seed)
    vocab = vocabulary()
    done = 0
    recent: list[str] = []  # content of recent documents, for copies
    while done < n:
        m = min(BATCH, n - done)
        idx = rng.integers(0, len(vocab), size=(m, WORDS))
        kind = rng.random(m)
        ids, urls, sites, texts = [], [], [], []
        for k in range(m):
            d = done + k
            site = f"site{d // PER_SITE:05d}.example"
            if kind[k] < 0.05 and recent:
                content = recent[int(rng.integers(len(recent)))]
            elif kind[k] < 0.10 and recent:
                w = recent[int(rng.integers(len(recent)))].split(" ")
                for j in rng.integers(0, len(w), size=3):
                    w[j] = "zzchanged"
                content = " ".join(w)
            else:
                row = vocab[idx[k]]
                content = " ".join(row[:27]) + "\n" + " ".join(row[27:54]) + "\n" + " ".join(row[54:])
            if len(recent) < 2000:
                recent.append(content)
            else:
                recent[int(rng.integers(2000))] = content
            url = f"https://{site}/p/{d}" if kind[k] >= 0.02 or d == 0 else f"https://{site}/p/{d - 1}"
            text = f"{site} home | news | shop | about\nSign in or register\n{content}\nShare post:\nCopyright {site}, all rights reserved"
            ids.append(f"d{d:08d}")
            urls.append(url)
            sites.append(site)
            texts.append(text)
        done += m
        yield ids, urls, sites, texts


def one(n: int, threads: int, threshold: float | None) -> dict:
    from boilerstrip import _core
    from boilerstrip.dedup import Deduper, MinHashParams

    base_rss = vm("VmRSS")
    counter = _core.TemplateCounter()
    dd = Deduper(urls=True, exact=True, near=True, params=MinHashParams(threshold=threshold), threads=threads)
    t_gen = t_tpl = t_add = 0.0
    nbytes = 0
    t0 = time.perf_counter()
    gen = batches(n)
    while True:
        t = time.perf_counter()
        try:
            ids, urls, sites, texts = next(gen)
        except StopIteration:
            break
        t_gen += time.perf_counter() - t
        nbytes += sum(len(x) for x in texts)  # ASCII: characters are bytes
        t = time.perf_counter()
        counter.add_texts(sites, texts, threads)
        t_tpl += time.perf_counter() - t
        t = time.perf_counter()
        dd.add(texts, ids=ids, urls=urls)
        t_add += time.perf_counter() - t
    mem_tpl = dict(counter.memory_bytes())
    mem_dd = dd.memory_bytes()
    rss_before_finish = vm("VmRSS")
    t = time.perf_counter()
    r = dd.finish()
    t_fin = time.perf_counter() - t
    verdicts = {}
    for i in range(len(r)):
        v = r.verdict(i)
        verdicts[v] = verdicts.get(v, 0) + 1
    return {
        "documents": n,
        "MB": round(nbytes / 1e6, 1),
        "threads": threads,
        "verify_threshold": threshold,
        "seconds": {
            "generate (Python, not counted)": round(t_gen, 2),
            "template counting": round(t_tpl, 2),
            "dedup add (keys, hashes, signatures, bands)": round(t_add, 2),
            "dedup finish (sorts, LSH, union-find)": round(t_fin, 2),
            "total Rust work": round(t_tpl + t_add + t_fin, 2),
            "wall": round(time.perf_counter() - t0, 2),
        },
        "MB/s": {
            "template counting": round(nbytes / 1e6 / t_tpl, 1),
            "dedup (add + finish)": round(nbytes / 1e6 / (t_add + t_fin), 1),
        },
        "verdicts": verdicts,
        "template_table": {"sites": counter.n_sites, "documents": counter.n_docs, "distinct_site_lines": len(counter)},
        "bytes_per_document": {
            **{f"dedup.{k}": round(v / n, 1) for k, v in mem_dd.items()},
            "dedup total": round(sum(mem_dd.values()) / n, 1),
            **{f"template.{k}": round(v / n, 1) for k, v in mem_tpl.items()},
            "template total": round(sum(mem_tpl.values()) / n, 1),
        },
        "rss_MB": {
            "start": round(base_rss / 1e6, 1),
            "before finish": round(rss_before_finish / 1e6, 1),
            "peak (VmHWM)": round(vm("VmHWM") / 1e6, 1),
        },
        "peak_rss_bytes_per_document_above_start": round((vm("VmHWM") - base_rss) / n, 1),
    }


def end_to_end(n: int, threads: int) -> dict:
    """The whole clean_corpus (single-page cleaning + template + near dedup) on n documents."""
    from boilerstrip import CorpusOptions, clean_corpus

    docs = []
    for ids, urls, _, texts in batches(n, seed=1):
        docs += [{"id": i, "url": u, "text": t} for i, u, t in zip(ids, urls, texts)]
    mb = sum(len(d["text"]) for d in docs) / 1e6
    t = time.perf_counter()
    out = [d.rejected for d in clean_corpus(docs, corpus=CorpusOptions(dedup="near"), threads=threads, mode="text")]
    s = time.perf_counter() - t
    return {"documents": n, "MB": round(mb, 1), "seconds": round(s, 2), "docs/s": round(n / s), "MB/s": round(mb / s, 2),
            "rejected": sum(1 for x in out if x), "threads": threads}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--threshold", type=float, default=None,
                    help="verify LSH candidates at this estimated Jaccard (keeps the signatures: +4*num_perm bytes a document)")
    ap.add_argument("--end-to-end", type=int, default=10_000, help="documents for the clean_corpus run (0: skip)")
    ap.add_argument("--one", type=int, default=None, help=argparse.SUPPRESS)
    ap.add_argument("--e2e", type=int, default=None, help=argparse.SUPPRESS)
    ap.add_argument("--out", default=None, help="write the figures as JSON here")
    a = ap.parse_args()
    if a.one is not None:
        print(json.dumps(one(a.one, a.threads, a.threshold)))
        return
    if a.e2e is not None:
        print(json.dumps(end_to_end(a.e2e, a.threads)))
        return
    report = {"sizes": []}
    for n in a.sizes:
        cmd = [sys.executable, __file__, "--one", str(n), "--threads", str(a.threads)]
        if a.threshold is not None:
            cmd += ["--threshold", str(a.threshold)]
        r = subprocess.run(cmd, capture_output=True, text=True, check=True)
        row = json.loads(r.stdout)
        print(json.dumps(row), file=sys.stderr)
        report["sizes"].append(row)
    if a.end_to_end:
        r = subprocess.run([sys.executable, __file__, "--e2e", str(a.end_to_end), "--threads", str(a.threads)], capture_output=True, text=True, check=True)
        report["clean_corpus_end_to_end"] = json.loads(r.stdout)
    text = json.dumps(report, indent=2)
    print(text)
    if a.out:
        Path(a.out).write_text(text + "\n")


if __name__ == "__main__":
    main()
