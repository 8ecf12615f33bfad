"""CPU time of two builds of the same program, run in turn: for speed changes whose effect
is near the machine's noise (callgrind counts instructions, not cache misses, so a change
that overlaps misses shows in time only).

Each round runs A then B (then A, B... `--runs` times each, alternating), and the CPU time
(user + system) of each run is read from `os.wait4`, so other load on the machine changes it
less than wall time. Prints the mean and the median per binary and B's ratio to A.

    # two builds of an example, e.g. before and after a commit:
    #   CARGO_TARGET_DIR=/tmp/tgt-a cargo build --release --example profile_lines  (at A)
    #   CARGO_TARGET_DIR=/tmp/tgt-b cargo build --release --example profile_lines  (at B)
    python benchmarks/ab_time.py /tmp/tgt-a/release/examples/profile_lines \\
        /tmp/tgt-b/release/examples/profile_lines --rounds 6 --runs 3 \\
        --env REPS=10 --env BOILERSTRIP_BENCH_PAGES=/tmp/pages300.txt
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys


def cpu_seconds(cmd: list[str], env: dict[str, str]) -> float:
    """Run `cmd` to its end; its user + system CPU time. A failed run is an error."""
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        raise SystemExit(f"ab_time: {cmd[0]} exited with {code}")
    return usage.ru_utime + usage.ru_stime


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("a", help="program A (the baseline)")
    ap.add_argument("b", help="program B")
    ap.add_argument("--rounds", type=int, default=6)
    ap.add_argument("--runs", type=int, default=3, help="runs of each program per round")
    ap.add_argument("--env", action="append", default=[], metavar="NAME=VALUE")
    args = ap.parse_args(argv)
    env = dict(os.environ)
    for kv in args.env:
        name, sep, value = kv.partition("=")
        if not sep:
            ap.error(f"--env wants NAME=VALUE, got {kv!r}")
        env[name] = value
    times: dict[str, list[float]] = {"A": [], "B": []}
    for _ in range(args.rounds):
        for _ in range(args.runs):
            times["A"].append(cpu_seconds([args.a], env))
            times["B"].append(cpu_seconds([args.b], env))
    for k, path in (("A", args.a), ("B", args.b)):
        t = times[k]
        print(
            f"{k}: mean {statistics.mean(t):.3f} s, median {statistics.median(t):.3f} s, "
            f"min {min(t):.3f} s over {len(t)} runs  ({path})"
        )
    ratio = statistics.mean(times["B"]) / statistics.mean(times["A"])
    med = statistics.median(times["B"]) / statistics.median(times["A"])
    print(f"B / A: {ratio:.3f} (means), {med:.3f} (medians)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
