"""`legal-analysis evaluate` as a whole process (interpreter start, imports, load, analysis)."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.common import HOME

RUNS = 7


def main() -> None:
    exe = Path(sys.executable).with_name("legal-analysis")
    command = [str(exe), "evaluate", str(HOME), "--format", "json"] if exe.exists() else \
        [sys.executable, "-m", "legal_analysis", "evaluate", str(HOME), "--format", "json"]
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    print(f"legal-analysis evaluate (whole process): median {statistics.median(times):.3f} s, "
          f"min {min(times):.3f} s over {RUNS} runs [target < 0.6 s]")


if __name__ == "__main__":
    main()
