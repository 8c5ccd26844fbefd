"""Run every tests/bench/bench_*.py and print one table: benchmark | measured | target | status.

    python tests/bench/run.py                   (from the repo root) every benchmark
    python tests/bench/run.py engine latency    only these: bench_engine.py, bench_latency.py

Benchmarks are named by their file without bench_ and .py (`--help` lists them); the ones named
run in the same order as in a full run. (bench_classroom.py, 30 browser sessions, takes minutes.)

Each module's run() returns rows (name, value, unit, target, ok); see bench_engine.py.
A missed target is reported as MISSED and still exits 0 (this is a report, not a test);
a benchmark that raises (e.g. its gradients disagree with trace()) is reported as ERROR
and makes the exit status 1, since its numbers would mean nothing.
Files are named bench_*.py / run.py so that pytest never collects them.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import sys
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
if str(ROOT) not in sys.path:  # so that `import rnnviz` finds this checkout
    sys.path.insert(0, str(ROOT))


def status(value, ok) -> str:
    if isinstance(ok, str):  # the runner's own ERROR rows
        return ok
    if value is None:
        return "skipped"
    if ok is None:
        return "-"
    return "ok" if ok else "MISSED"


def format_table(rows) -> str:
    """rows: (name, value, unit, target, ok) -> an aligned text table."""
    lines = [("benchmark", "measured", "target", "status")]
    for name, value, unit, target, ok in rows:
        measured = "n/a" if value is None else f"{value:.3g} {unit}"
        lines.append((name, measured, "-" if target is None else f"{target} {unit}", status(value, ok)))
    widths = [max(len(line[i]) for line in lines) for i in range(4)]
    out = [" | ".join(cell.ljust(w) for cell, w in zip(line, widths)).rstrip() for line in lines]
    out.insert(1, "-+-".join("-" * w for w in widths))
    return "\n".join(out)


def load(path: Path):
    spec = importlib.util.spec_from_file_location(f"bench.{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def available() -> dict:
    """name -> path of every benchmark: bench_engine.py is "engine"."""
    return {path.stem.removeprefix("bench_"): path for path in sorted(HERE.glob("bench_*.py"))}


def select(argv) -> list:
    """The benchmark files to run, from the command line: all, or the ones named (in file order)."""
    benches = available()
    parser = argparse.ArgumentParser(
        description="Run benchmarks and print one table.",
        epilog=f"benchmarks: {', '.join(benches)} (none named: all)")
    parser.add_argument("names", nargs="*", metavar="NAME", help="a benchmark to run (default: every one)")
    names = parser.parse_args(argv).names
    unknown = [n for n in names if n not in benches]
    if unknown:
        parser.error(f"no benchmark named {', '.join(map(repr, unknown))} (choose from {', '.join(benches)})")
    return [path for name, path in benches.items() if name in names or not names]


def main(argv=None) -> int:
    paths = select(sys.argv[1:] if argv is None else argv)
    rows, errors = [], 0
    loadavg = os.getloadavg()[0]  # other processes on the machine skew every timing below
    for path in paths:
        print(f"running {path.relative_to(ROOT)} ...", file=sys.stderr, flush=True)
        try:
            rows += load(path).run()
        except Exception:  # one broken benchmark must not hide the others
            traceback.print_exc()
            rows.append((f"{path.stem} (traceback above)", None, "", None, "ERROR"))
            errors += 1
    print(format_table(rows))
    missed = [r[0] for r in rows if r[4] is False]
    unjudged = [r[0] for r in rows if r[3] is not None and r[4] is None]
    print(f"\n{len(missed)} target(s) MISSED" + "".join(f"\n  MISSED: {m}" for m in missed)
          + "".join(f"\n  not judged: {u}" for u in unjudged))
    print(f"1-min load average before the run: {loadavg:.2f} on {os.cpu_count()} CPUs"
          + (" (busy: timings may be skewed; rerun on a quiet machine)" if loadavg > 0.5 else ""))
    if errors:
        print(f"{errors} benchmark module(s) raised: see ERROR rows")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
