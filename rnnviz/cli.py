"""`python -m rnnviz`: print the default scenario, or trace a scenario file as strict JSON."""

from __future__ import annotations

import argparse
import sys

from .gradcheck import gradient_check
from .jsonio import dumps
from .scenario import Scenario, ScenarioError
from .tracing import to_strict_json, trace
from .tutorial import tutorial_scenario


def _read(path: str) -> str:
    if path == "-":
        return sys.stdin.read()
    with open(path, encoding="utf-8") as fh:
        return fh.read()


def _dump(obj, indent) -> None:
    sys.stdout.write(dumps(obj, indent) + "\n")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m rnnviz",
        description="Forward pass and backpropagation through time of a small RNN, as JSON.",
    )
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--indent", type=int, default=None, help="indent the JSON output by N spaces")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("example", parents=[common], help="print the default scenario (the tutorial's two-step example)")
    p_trace = sub.add_parser("trace", parents=[common], help="trace a scenario: forward, BPTT, clipping")
    p_trace.add_argument("file", help="scenario JSON file, or - for standard input")
    p_trace.add_argument("--contributions", action="store_true",
                         help="also print every per-step gradient term as a whole array")
    p_check = sub.add_parser("check", parents=[common], help="analytic gradients beside central finite differences")
    p_check.add_argument("file", help="scenario JSON file, or - for standard input")
    args = parser.parse_args(argv)

    if args.command == "example":
        _dump(tutorial_scenario().to_dict(), args.indent if args.indent is not None else 2)
        return 0
    try:
        scenario = Scenario.from_json(_read(args.file))
    except ScenarioError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except (OSError, UnicodeDecodeError) as exc:
        print(f"error: {args.file}: {getattr(exc, 'strerror', None) or exc}", file=sys.stderr)
        return 2
    if args.command == "trace":
        _dump(trace(scenario, contributions=args.contributions).to_dict(), args.indent)
        return 0
    check = gradient_check(scenario)
    _dump(to_strict_json({"rel_error": check.rel_error, "max_rel_error": check.max_rel_error,
                          "passed": check.passed, "analytic": check.analytic, "numeric": check.numeric}),
          args.indent)
    return 0 if check.passed else 1
