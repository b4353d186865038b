"""`mentor model check`: load the tutor's model and time a short generation, so a teacher can
see which model, backend and GPU offload a machine gets before a class starts. `install`,
`list` and `remove` are in model_store_cmd."""

from __future__ import annotations

import argparse
import json
from typing import Any, TextIO

from mentor.server.cli import model_store_cmd
from mentor.server.cli.common import EXIT_OK, UsageError

EXIT_UNAVAILABLE = 1


def add_to(commands: Any) -> None:
    parser = commands.add_parser("model", help="install, list and check the tutor's model")
    actions = parser.add_subparsers(dest="action", metavar="ACTION")
    check = actions.add_parser(
        "check", help="load the model and time a short generation (which backend, GPU layers)"
    )
    check.add_argument("--path", default="", help="a GGUF file (default: the best installed model)")
    check.add_argument("--endpoint", default="", help="an OpenAI-compatible server URL instead")
    check.add_argument("--name", default="", help="the model to ask the endpoint for")
    check.add_argument("--gpu-layers", default="auto", help="auto (default) or a number")
    check.add_argument("--context-size", type=int, default=2048)
    check.add_argument("--threads", type=int, default=0, help="CPU threads (0: llama.cpp's)")
    check.add_argument("--format", choices=["text", "json"], default="text")
    check.set_defaults(run=run)
    model_store_cmd.add_to(actions)
    parser.set_defaults(run=lambda args, out: _usage(parser))


def _usage(parser: argparse.ArgumentParser) -> int:
    raise UsageError("say what to do: `mentor model install | list | remove | check`")


def run(args: argparse.Namespace, out: TextIO) -> int:
    # The tutor's engine only when a model is checked: every other command builds this parser.
    from mentor.models.llm import ModelConfig, Tutor
    from mentor.models.llm.cache import AnswerCache

    layers = args.gpu_layers
    if layers != "auto" and not str(layers).isdigit():
        raise UsageError(f"--gpu-layers expects auto or a number, got {layers!r}")
    config = ModelConfig(
        path=args.path,
        gpu_layers=layers if layers == "auto" else int(layers),
        context_size=args.context_size,
        threads=args.threads,
        endpoint=args.endpoint,
        name=args.name,
    )
    tutor = Tutor(config, cache=AnswerCache.in_memory())
    try:
        check = tutor.check()
    finally:
        tutor.close()
    report = check.to_json()
    if args.format == "json":
        json.dump(report, out, indent=2)
        out.write("\n")
    else:
        _write_text(report, out)
    return EXIT_OK if check.ok else EXIT_UNAVAILABLE


def _write_text(report: dict[str, Any], out: TextIO) -> None:
    if not report["ok"]:
        out.write(f"The tutor model is not available: {report['message']}\n")
        out.write("Mentor still works without it (static-only mode).\n")
        return
    layers = report["gpu_layers"]
    if report["backend"] == "endpoint":
        where = "on the endpoint's machine"
    elif not layers:
        offload = report["gpu_offload_supported"]
        where = "CPU only" + ("" if offload else " (this llama.cpp build has no GPU offload)")
    else:
        where = "all layers on the GPU" if layers < 0 else f"{layers} layers on the GPU"
    rows = [
        ("model", report["model"]),
        ("backend", report["backend"]),
        ("runs", where),
        ("chat template", report["chat_template"]),
        ("context", report["context_size"]),
        ("load", _seconds(report["load_s"])),
        ("first token", _seconds(report["first_token_s"])),
        ("speed", f"{report['tokens_per_s']} tokens/s" if report["tokens_per_s"] else "?"),
        ("sample", report["sample"]),
    ]
    rows += [("note", note) for note in report["notes"]]
    for label, value in rows:
        out.write(f"{label + ':':<15}{value}\n")


def _seconds(value: float | None) -> str:
    return "?" if value is None else f"{value:.2f} s"
