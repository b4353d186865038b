"""GPU offload: decode speed of Mentor's engine fully offloaded vs on the CPU, and vs
llama.cpp's own raw speed for the same model and GPU (bar: Mentor at least 90% of raw).

Needs llama-cpp-python built with GPU support, e.g. on an NVIDIA machine:

    CMAKE_ARGS="-DGGML_CUDA=on" .venv/bin/pip install --force-reinstall --no-cache-dir \\
        --no-binary llama-cpp-python 'llama-cpp-python>=0.3.2'
    .venv/bin/python bench/llm_gpu.py --model codellama-7b-instruct.Q4_K_M.gguf \\
        [--llama-bench ~/llama.cpp/build/bin/llama-bench]

"Raw" is llama-cpp-python's own generation loop on the same file and settings; with
--llama-bench it is also llama.cpp's C++ `llama-bench` (tg = token generation).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

from mentor.models.llm import ModelConfig, Tutor
from mentor.models.llm.backend import GenerationOptions
from mentor.models.llm.cache import AnswerCache

TOKENS = 128
BAR = 0.90


def prompt(run: int) -> list[dict[str, str]]:
    return [{"role": "user", "content": f"({run}) Explain Python's for loop to a beginner."}]


def raw(path: Path, layers: int, runs: int) -> tuple[float, float]:
    """llama-cpp-python's stream: (median first-token seconds, median decode tokens/s)."""
    import llama_cpp

    with contextlib.redirect_stderr(io.StringIO()):
        llm = llama_cpp.Llama(model_path=str(path), n_gpu_layers=layers, n_ctx=2048, verbose=True)
    llm.verbose = False
    firsts, speeds = [], []
    for run in range(runs):
        start, first, count = time.perf_counter(), None, 0
        for chunk in llm.create_chat_completion(
            prompt(run), stream=True, max_tokens=TOKENS, temperature=0.0
        ):
            if chunk["choices"][0]["delta"].get("content"):
                first = first or time.perf_counter() - start
                count += 1
        decode = time.perf_counter() - start - (first or 0.0)
        firsts.append(first or 0.0)
        speeds.append((count - 1) / decode)
    llm.close()
    return statistics.median(firsts), statistics.median(speeds)


def mentor(path: Path, layers: int | str, runs: int) -> tuple[float, float, int | None]:
    tutor = Tutor(ModelConfig(path=str(path), gpu_layers=layers), cache=AnswerCache.in_memory())
    try:
        check = tutor.check()
        if not check.ok:
            raise SystemExit(f"the model is not available: {check.message}")
        firsts, speeds = [], []
        for run in range(runs):
            options = GenerationOptions(max_tokens=TOKENS, temperature=0.0)
            result = tutor.engine.submit(prompt(run), options).future.result(600)
            firsts.append(result.first_piece_s or 0.0)
            speeds.append((result.pieces - 1) / (result.seconds - (result.first_piece_s or 0.0)))
        return statistics.median(firsts), statistics.median(speeds), check.gpu_layers
    finally:
        tutor.close()


def llama_bench(binary: str, path: Path) -> float | None:
    out = subprocess.run(
        [binary, "-m", str(path), "-ngl", "99", "-n", str(TOKENS), "-p", "0", "-o", "json"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    try:
        return float(json.loads(out.stdout)[0]["avg_ts"])
    except (ValueError, KeyError, IndexError):
        print(f"llama-bench failed: {out.stderr[-300:]}")
        return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", required=True, help="a GGUF file, e.g. CodeLlama-7B Q4")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--llama-bench", help="path to llama.cpp's llama-bench binary")
    args = parser.parse_args()
    import llama_cpp

    path = Path(args.model)
    if not llama_cpp.llama_supports_gpu_offload():
        print("this llama-cpp-python build has no GPU offload: rebuild it with CUDA (see above)")
        return 1
    gpu_first, gpu_speed, layers = mentor(path, "auto", args.runs)
    raw_first, raw_speed = raw(path, -1, args.runs)
    cpu_first, cpu_speed, _ = mentor(path, 0, max(1, args.runs // 2))
    print(f"model {path.name}, {TOKENS} tokens, Mentor offloaded gpu_layers={layers} (auto)")
    print(f"Mentor GPU:            first token {gpu_first * 1000:.0f} ms, {gpu_speed:.1f} tok/s")
    print(f"llama-cpp-python raw:  first token {raw_first * 1000:.0f} ms, {raw_speed:.1f} tok/s")
    print(f"Mentor CPU only:       first token {cpu_first * 1000:.0f} ms, {cpu_speed:.1f} tok/s")
    ratio = gpu_speed / raw_speed
    print(f"Mentor/raw: {ratio:.2f} (bar {BAR}: {'ok' if ratio >= BAR else 'UNDER'}); "
          f"GPU/CPU: {gpu_speed / cpu_speed:.1f}x")  # fmt: skip
    if args.llama_bench:
        native = llama_bench(args.llama_bench, path)
        if native:
            print(f"llama-bench tg{TOKENS}: {native:.1f} tok/s; Mentor/llama-bench "
                  f"{gpu_speed / native:.2f}")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
