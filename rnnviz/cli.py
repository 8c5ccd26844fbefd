"""`python -m rnnviz`: print the default scenario, trace a scenario file, or measure the
vanishing/exploding lab's network, as strict JSON."""

from __future__ import annotations

import argparse
import sys

import dataclasses

from .gradcheck import gradient_check
from .gradient_flow import FlowSettings, gradient_flow
from .jsonio import dumps
from .scenario import Scenario, ScenarioError
from .settings import LAB_FIELDS, LAB_SETTINGS, SettingError
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
    p_flow = sub.add_parser("flow", parents=[common], help="the vanishing/exploding page's numbers for one network")
    key_of = {field: key for key, field in LAB_FIELDS.items()}
    for field in dataclasses.fields(FlowSettings):
        s = next(s for s in LAB_SETTINGS if s.key == key_of[field.name])
        if s.options:
            choices = f" (one of {', '.join(s.options)})"
        else:
            choices = f" ({int(s.min)} to {int(s.max)})" if s.kind == "int" else f" ({s.min:g} to {s.max:g})"
        p_flow.add_argument(f"--{field.name.replace('_', '-')}", dest=field.name, default=None,
                            help=f"default {field.default}{choices}")
    args = parser.parse_args(argv)

    if args.command == "example":
        _dump(tutorial_scenario().to_dict(), args.indent if args.indent is not None else 2)
        return 0
    if args.command == "flow":
        return _flow(args)
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


def _flow(args) -> int:
    """Validate the options as the page validates its link (the same table), then print the Flow."""
    values = {}
    for key, field in LAB_FIELDS.items():
        raw = getattr(args, field)
        if raw is None:
            continue
        try:
            values[field] = next(s for s in LAB_SETTINGS if s.key == key).parse(raw)
        except SettingError as exc:
            print(f"error: --{field.replace('_', '-')}: {exc}", file=sys.stderr)
            return 2
    flow = gradient_flow(FlowSettings(**values))
    tr, clip = flow.trace, flow.clip
    _dump(to_strict_json({
        "settings": dataclasses.asdict(flow.settings), "lambda_1": flow.lambda_1, "gamma": flow.gamma,
        "rate": flow.rate, "regime": flow.regime, "bound": flow.bound,
        "jacobian": {"k": flow.jacobian_k, "norm": flow.jacobian, "log10": flow.jacobian_log10},
        "dh_norms": flow.dh_norms, "log10_ratio": flow.log10_ratio, "terms_W_hh": flow.terms,
        "loss": tr.loss, "grad_norm": tr.grad_norm, "overflow": tr.overflow,
        "clip": None if clip is None else {"mode": clip.mode, "threshold": clip.threshold, "norm": clip.norm,
                                           "clipped_norm": clip.clipped_norm, "scale": clip.scale,
                                           "cosine": clip.cosine, "reason": clip.reason},
    }), args.indent)
    return 0
