"""Model choice (GPU layers, no default model) and the answer cache in a real SQLite file."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from mentor.analyzers import Level
from mentor.models.llm.cache import AnswerCache, cache_key
from mentor.models.llm.config import ModelConfig, fallback_layers, resolve_gpu_layers
from mentor.models.llm.guardrails import Policy
from mentor.models.llm.prompts import Question, Task
from mentor.models.sqlite_files import FileKind, identify


def test_auto_offloads_everything_only_when_the_build_can():
    assert resolve_gpu_layers("auto", offload_supported=True) == -1
    assert resolve_gpu_layers("auto", offload_supported=False) == 0
    assert resolve_gpu_layers(20, offload_supported=True) == 20
    assert resolve_gpu_layers(20, offload_supported=False) == 0


def test_a_failed_gpu_load_is_retried_with_fewer_layers_then_the_cpu():
    assert fallback_layers(-1, 32) == [-1, 16, 8, 4, 2, 1, 0]
    assert fallback_layers(20) == [20, 10, 5, 2, 1, 0]
    assert fallback_layers(0) == [0]


def test_no_path_and_nothing_installed_means_no_model(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert ModelConfig().model_file() is None  # static mode: SmolLM2 is never a default
    assert ModelConfig().label() == "no model"
    assert ModelConfig(path="~/models/x.gguf").model_file() == Path.home() / "models" / "x.gguf"


def question(code: str, level: Level = Level.NOVICE, policy: Policy | None = None) -> Question:
    policy = policy or Policy()
    return Question(Task.HINT, level, code, 1, (1, 1), None, policy)


def test_answers_survive_a_restart_and_keys_separate_what_must_differ(tmp_path: Path):
    path = tmp_path / "answers.sqlite3"
    key = cache_key("gguf:a:1", question("x = 1\n"))
    AnswerCache(path).put(key, "gguf:a:1", "What is x?")
    assert AnswerCache(path).get(key) == "What is x?"
    assert cache_key("gguf:a:1", question("    x = 1   \r\n")) == key  # normalized code
    different = {
        cache_key("gguf:b:1", question("x = 1\n")),
        cache_key("gguf:a:1", question("x = 2\n")),
        cache_key("gguf:a:1", question("x = 1\n", Level.PROFICIENT)),
        cache_key("gguf:a:1", question("x = 1\n", policy=Policy(allow_solutions=True))),
        cache_key("gguf:a:1", question("x = 1\n", policy=Policy(avoid_concepts=("loops",)))),
    }
    assert key not in different and len(different) == 5


def test_a_corrupt_cache_file_is_replaced_not_fatal(tmp_path: Path):
    path = tmp_path / "answers.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    cache = AnswerCache(path)
    cache.put("k", "m", "kept")
    assert cache.get("k") == "kept"


def test_the_cache_file_is_marked_and_another_applications_file_is_left(tmp_path: Path):
    path = tmp_path / "answers.sqlite3"
    AnswerCache(path).put("k", "m", "kept")
    assert identify(path) is FileKind.MENTOR
    other = tmp_path / "other.sqlite3"
    db = sqlite3.connect(other)
    db.execute("PRAGMA application_id = 7")
    db.execute("CREATE TABLE answers (x)")
    db.commit()
    db.close()
    before = other.read_bytes()
    cache = AnswerCache(other)
    cache.put("k", "m", "not kept")
    assert cache.get("k") is None and other.read_bytes() == before
