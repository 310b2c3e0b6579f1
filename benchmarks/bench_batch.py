"""Batch evaluation: scenarios/s of ``evaluate_many`` with 1 and 2 processes, and flat memory.

Streams 10,000 generated scenarios (JSON bytes, made on the fly) through the batch pipeline and
writes their JSON lines to /dev/null, first in one process, then over a pool of two. Peak RSS is
that of the one-process run (10,000 scenarios) against a fresh process that streams 1,000: if
memory is flat, the two peaks are about the same.

    python benchmarks/bench_batch.py [--count N]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.common import scenario_data
from legal_analysis import load_rulebook
from legal_analysis.batch import record_lines

COUNT = 10_000


def items(count: int, seed: int = 20250428) -> Iterator[tuple[str, bytes]]:
    """``count`` generated scenarios as ``(name, JSON bytes)``, made one at a time."""
    rng = random.Random(seed)
    for i in range(count):
        yield f"gen-{i}.json", json.dumps(scenario_data(rng, i)).encode()


def stream(count: int, jobs: int) -> tuple[float, float, int]:
    """Wall and CPU seconds (this process and its workers) to evaluate ``count`` scenarios
    into /dev/null, and how many failed."""
    book = load_rulebook()
    failed = 0
    start, cpu = time.perf_counter(), _cpu()
    with open(os.devnull, "wb") as sink:
        for ok, line in record_lines(items(count), book, jobs=jobs):
            sink.write(line)
            failed += not ok
    return time.perf_counter() - start, _cpu() - cpu, failed


def _cpu() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), \
        resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def peak_rss_mb(count: int) -> float:
    """Peak resident memory (MB) of a fresh process that streams ``count`` scenarios."""
    done = subprocess.run([sys.executable, __file__, "--rss-child", str(count)], check=True,
                          capture_output=True, text=True)
    return float(done.stdout.strip())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=COUNT)
    parser.add_argument("--rss-child", type=int, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.rss_child is not None:
        stream(args.rss_child, jobs=1)
        print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
        return
    print(f"{args.count:,} generated scenarios through evaluate_many, JSON lines to /dev/null")
    print(f"(load average now {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores: wall-clock "
          "rates fall when other work shares the machine; CPU time does not)")
    for jobs in (1, 2):
        seconds, cpu, failed = stream(args.count, jobs)
        print(f"--jobs {jobs}: {args.count / seconds:,.1f} scenarios/s ({seconds:.1f} s wall, "
              f"{cpu / args.count * 1000:.1f} ms CPU per scenario, {failed} failed)", flush=True)
        if jobs == 1:  # this process has streamed ``count`` scenarios: its peak is the large one
            large = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            small = peak_rss_mb(args.count // 10)
            print(f"peak RSS (one process): {small:.0f} MB at {args.count // 10:,} scenarios, "
                  f"{large:.0f} MB at {args.count:,} (x{large / small:.2f})", flush=True)


if __name__ == "__main__":
    main()
