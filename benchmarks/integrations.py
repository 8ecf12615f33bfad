"""The Ray path's overhead against the CLI, on the same pages, in one run.

    python benchmarks/integrations.py --data path/to/wcxb-dev.jsonl.gz [--text-pages 1358] [--html-pages 200]

Data: the WCXB benchmark (Web Content eXtraction Benchmark v1.0, dev split) by Murrough
Foley, CC-BY-4.0, https://github.com/Murrough-Foley/web-content-extraction-benchmark .

Two corpora are written to a temporary folder as ``boilerstrip clean`` reads them: the pages'
raw visible text as ``.txt`` (the Rust path, where fixed costs show most) and their HTML as
``.html`` (trafilatura plus the line pass). On each, in this order:

``ray.init(num_cpus=2)`` once (timed on its own); then, ``--repeats`` rounds of, per corpus:

1. ``boilerstrip clean DIR -o OUT`` as a subprocess (the command people run: one process);
2. ``clean_files`` + ``write_outputs`` on Ray with 1 actor (the CLI's parallelism: the ratio
   is Ray's overhead) and with 2 actors (the machine's two cores), each from a cold actor
   pool, so the actors' start is in the time;
3. a check that the Ray records equal the CLI's (``added`` aside);
4. a one-page run of the CLI and of Ray (1 actor): the fixed cost of a run, taken off both
   to give the pages/s ratio once running (``marginal_ray1_over_cli_pages_per_s``).

Then near-duplicate clusters of the cleaned text pages, on Ray and in one process, and whether
they agree. Pages/s ratios are Ray over CLI (above 1: Ray is faster), of the median times and
per round. The machine is shared, so the load average before the run is printed too.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import load_pages  # noqa: E402


def write_corpus(pages, root: Path, kind: str) -> int:
    root.mkdir(parents=True)
    for p in pages:
        if kind == "text":
            (root / f"{p.id}.txt").write_text(p.page_text, encoding="utf-8")
        else:
            (root / f"{p.id}.html").write_text(p.html, encoding="utf-8")
    return len(pages)


def read_records(out: Path, prefix: str) -> list[dict]:
    recs = []
    for p in sorted(out.glob(f"{prefix}*.jsonl")):
        with open(p, encoding="utf-8") as f:
            recs.extend(json.loads(line) for line in f)
    return recs


def strip_added(recs: list[dict]) -> list[dict]:
    return sorted(({k: v for k, v in r.items() if k != "added"} for r in recs), key=lambda r: r["id"])


def run_cli(src: Path, out: Path) -> float:
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "boilerstrip.cli", "clean", str(src), "-o", str(out), "-q"], check=True)
    return time.perf_counter() - t0


def run_ray(src: Path, out: Path, concurrency: int) -> float:
    from boilerstrip.integrations.ray import clean_files, write_outputs

    t0 = time.perf_counter()
    write_outputs(clean_files([src], concurrency=concurrency), out)
    return time.perf_counter() - t0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", required=True, help="the WCXB dev pack (.jsonl or .jsonl.gz)")
    ap.add_argument("--text-pages", type=int, default=1358, help="pages for the text corpus (default: all 1358)")
    ap.add_argument("--html-pages", type=int, default=200, help="pages for the HTML corpus (default: 200)")
    ap.add_argument("--repeats", type=int, default=3, help="rounds of CLI, Ray 1 actor, Ray 2 actors (default: 3)")
    ap.add_argument("--json", default=None, help="also write the figures to this JSON file")
    a = ap.parse_args()

    import ray

    pages = load_pages(a.data)
    load = os.getloadavg()
    results: dict = {"load_average_before": [round(x, 2) for x in load], "python": sys.version.split()[0],
                     "ray": ray.__version__, "cpus": os.cpu_count(), "corpora": {}}
    with tempfile.TemporaryDirectory(prefix="bs-bench-") as tmp:
        tmpd = Path(tmp)
        corpora = {
            "text": write_corpus(pages[: a.text_pages], tmpd / "text", "text"),
            "html": write_corpus(pages[: a.html_pages], tmpd / "html", "html"),
        }
        write_corpus(pages[:1], tmpd / "one", "text")  # for the fixed cost of a run
        t0 = time.perf_counter()
        ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False)
        results["ray_init_seconds"] = round(time.perf_counter() - t0, 2)
        try:
            # the three ways take turns, round after round, so that a burst of load from
            # other work on the shared machine falls on all of them alike; medians are reported
            times: dict[str, dict[str, list[float]]] = {k: {"cli": [], "ray1": [], "ray2": []} for k in corpora}
            fixed: dict[str, list[float]] = {"cli": [], "ray1": []}
            identical: dict[str, bool] = {}
            for rnd in range(a.repeats):
                # a one-page run: what a run costs before the first page (start, imports, actors)
                fixed["cli"].append(run_cli(tmpd / "one", tmpd / f"r{rnd}-cli-one"))
                fixed["ray1"].append(run_ray(tmpd / "one", tmpd / f"r{rnd}-ray1-one", 1))
                for kind in corpora:
                    out = tmpd / f"r{rnd}-cli-{kind}"
                    times[kind]["cli"].append(run_cli(tmpd / kind, out))
                    cli_docs = strip_added(read_records(out, "documents"))
                    for conc in (1, 2):
                        rout = tmpd / f"r{rnd}-ray{conc}-{kind}"
                        times[kind][f"ray{conc}"].append(run_ray(tmpd / kind, rout, conc))
                        same = strip_added(read_records(rout, "documents")) == cli_docs
                        identical[f"{kind}-ray{conc}"] = identical.get(f"{kind}-ray{conc}", True) and same
            fixed_cli, fixed_ray = statistics.median(fixed["cli"]), statistics.median(fixed["ray1"])
            results["one_page_run_seconds"] = {"cli": round(fixed_cli, 2), "ray1": round(fixed_ray, 2),
                                               "cli_all": [round(x, 2) for x in fixed["cli"]],
                                               "ray1_all": [round(x, 2) for x in fixed["ray1"]]}
            for kind, n in corpora.items():
                cli = statistics.median(times[kind]["cli"])
                r: dict = {"pages": n, "cli_seconds_median": round(cli, 2), "cli_pages_per_s": round(n / cli, 1),
                           "cli_seconds_all": [round(x, 2) for x in times[kind]["cli"]]}
                for conc in (1, 2):
                    ts = times[kind][f"ray{conc}"]
                    med = statistics.median(ts)
                    r[f"ray{conc}_seconds_median"] = round(med, 2)
                    r[f"ray{conc}_seconds_all"] = [round(x, 2) for x in ts]
                    r[f"ray{conc}_pages_per_s"] = round(n / med, 1)
                    r[f"ray{conc}_over_cli_pages_per_s"] = round(cli / med, 3)
                    r[f"ray{conc}_over_cli_per_round"] = [round(c / t, 3) for c, t in zip(times[kind]["cli"], ts)]
                    r[f"ray{conc}_records_identical"] = identical[f"{kind}-ray{conc}"]
                # pages/s once running: the one-page run's time taken off both
                ray1 = statistics.median(times[kind]["ray1"])
                # (too small a corpus for the difference to mean anything gives null)
                ok = ray1 - fixed_ray > 0.5 and cli - fixed_cli > 0.5
                r["marginal_ray1_over_cli_pages_per_s"] = round((cli - fixed_cli) / (ray1 - fixed_ray), 3) if ok else None
                results["corpora"][kind] = r

            # near duplicates of the cleaned text pages, on Ray and in one process
            from boilerstrip.integrations.minhash import near_duplicate_clusters
            from boilerstrip.integrations.ray_dedup import near_duplicates

            docs = read_records(tmpd / "r0-cli-text", "documents")
            rows = [{"id": d["id"], "text": d["text"]} for d in docs]
            t0 = time.perf_counter()
            local = near_duplicate_clusters([r["id"] for r in rows], [r["text"] for r in rows])
            t_local = time.perf_counter() - t0
            t0 = time.perf_counter()
            on_ray = near_duplicates(ray.data.from_items(rows, override_num_blocks=8), num_partitions=4)
            t_ray = time.perf_counter() - t0
            results["near_duplicates"] = {
                "documents": len(rows), "clusters": len(on_ray), "documents_in_clusters": sum(map(len, on_ray)),
                "ray_seconds": round(t_ray, 2), "one_process_seconds": round(t_local, 2),
                "ray_over_one_process_docs_per_s": round(t_local / t_ray, 3), "same_clusters": on_ray == local,
            }
        finally:
            ray.shutdown()
    print(json.dumps(results, indent=2))
    if a.json:
        Path(a.json).write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
