"""`mentor model check` as a teacher runs it: a real process loading the real model."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.llm_fixture import NEEDS_SMOLLM2, SMOLLM2

MENTOR = str(Path(sys.executable).parent / "mentor")


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([MENTOR, "model", *args], capture_output=True, text=True, timeout=300)


@pytest.mark.skipif(SMOLLM2 is None, reason=NEEDS_SMOLLM2)
def test_check_reports_model_backend_offload_and_speed():
    pytest.importorskip("llama_cpp")
    result = run("check", "--path", str(SMOLLM2), "--format", "json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["ok"] and report["backend"] == "llama.cpp"
    assert report["model"] == "SmolLM2-135M-Instruct.Q4_1.gguf"
    assert report["gpu_layers"] == (-1 if report["gpu_offload_supported"] else 0)
    assert report["tokens_per_s"] > 0 and report["first_token_s"] > 0
    text = run("check", "--path", str(SMOLLM2))
    assert "runs:" in text.stdout and "tokens/s" in text.stdout


def test_a_missing_model_is_a_clear_message_and_exit_status_1(tmp_path: Path):
    result = run("check", "--path", str(tmp_path / "codellama-7b.gguf"))
    assert result.returncode == 1
    assert "does not exist" in result.stdout
    assert "still works without it" in result.stdout
    assert "Traceback" not in result.stderr


def test_bad_usage_is_exit_status_2():
    assert run("check", "--gpu-layers", "many").returncode == 2
    assert run().returncode == 2


@pytest.mark.skipif(SMOLLM2 is None, reason=NEEDS_SMOLLM2)
def test_a_model_larger_than_free_memory_is_refused_before_loading(tmp_path: Path):
    pytest.importorskip("llama_cpp")
    huge = tmp_path / "huge.gguf"
    with SMOLLM2.open("rb") as model, huge.open("wb") as file:
        file.write(model.read(1 << 20))  # a real header: only the size is wrong
        file.truncate(1 << 40)  # 1 TB, sparse: no disk used
    result = run("check", "--path", str(huge), "--gpu-layers", "0")
    assert result.returncode == 1
    assert "huge.gguf needs about 1100.0 GB of memory" in result.stdout
    assert "qwen2.5-coder-0.5b" in result.stdout and "Traceback" not in result.stderr


@pytest.mark.skipif(SMOLLM2 is None, reason=NEEDS_SMOLLM2)
def test_an_unfinished_install_is_never_loaded(tmp_path: Path):
    partial = tmp_path / "qwen.gguf.partial"
    partial.write_bytes(SMOLLM2.read_bytes())  # even when its bytes happen to be complete
    result = run("check", "--path", str(partial))
    assert result.returncode == 1 and "an install that did not finish" in result.stdout
