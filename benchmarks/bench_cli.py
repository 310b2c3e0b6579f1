"""`legal-analysis evaluate` as a whole process (interpreter start, imports, the cached rule
base, the analysis), against the floor: `python -c "import pydantic, yaml, typer"`.

    python benchmarks/bench_cli.py
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.common import HOME

RUNS = 9


def timed(command: list[str]) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    exe = Path(sys.executable).with_name("legal-analysis")
    command = [str(exe), "evaluate", str(HOME), "--format", "json"] if exe.exists() else \
        [sys.executable, "-m", "legal_analysis", "evaluate", str(HOME), "--format", "json"]
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)  # fill the rule-base cache
    floor = timed([sys.executable, "-c", "import pydantic, yaml, typer"])
    whole = timed(command)
    print(f"import floor (python -c 'import pydantic, yaml, typer'): median {floor:.3f} s")
    print(f"legal-analysis evaluate (whole process): median {whole:.3f} s, "
          f"{whole / floor:.1f}x the floor [target <= 1.5x]")


if __name__ == "__main__":
    main()
